"""The transfer graph's geometry: which pairs are drawn, in what order, with what labels."""

from __future__ import annotations

from armswatch.store.base import EntityRef, TransferRow
from armswatch.web.charts import transfer_graph


def ref(name: str) -> EntityRef:
    return EntityRef(f"kb:x/{name}", name)


def row(supplier: str | None, recipient: str, weapon: str, reports: int, dates: list[str]) -> TransferRow:
    return TransferRow(ref(supplier) if supplier else None, ref(recipient), ref(weapon), dates=dates,
                       articles=[object()] * reports)  # only their number counts here


def test_pairs_are_edges_labelled_with_weapons_and_dates_heaviest_nodes_on_top():
    graph = transfer_graph([row("俄罗斯", "白俄罗斯", "伊斯坎德尔", 1, ["2022"]),
                            row("朝鲜", "俄罗斯", "KN-23", 3, ["2023-11", "2024-01"]),
                            row("朝鲜", "俄罗斯", "炮弹", 2, []),
                            row(None, "乌克兰", "海马斯", 1, [])])
    assert [n.label for n in graph.suppliers] == ["朝鲜", "俄罗斯", "(unnamed)"]
    assert [n.label for n in graph.recipients] == ["俄罗斯", "白俄罗斯", "乌克兰"]
    assert [(e.label, e.count) for e in graph.edges] == [
        ("KN-23、炮弹 · 2023-11–2024-01", 5), ("伊斯坎德尔 · 2022", 1), ("海马斯", 1)]
    assert graph.pairs == 3 and graph.suppliers[2].href is None
    top = graph.edges[0]
    assert (top.x1, top.y1) == (graph.suppliers[0].x, graph.suppliers[0].y)
    assert (top.x2, top.y2) == (graph.recipients[0].x, graph.recipients[0].y)


def test_only_the_most_reported_pairs_are_drawn():
    rows = [row(f"供应方{i}", f"接收方{i}", "导弹", i + 1, []) for i in range(40)]
    graph = transfer_graph(rows, max_pairs=25)
    assert graph.pairs == 40 and len(graph.edges) == 25
    assert sorted(e.count for e in graph.edges) == list(range(16, 41))
    assert len(graph.suppliers) == len(graph.recipients) == 25
