"""The transfer network: networkx reads it, and its edges are exactly Store.transfers() gathered by pair."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
from export_cases import BELARUS, ISKANDER, RUSSIA, UKRAINE, USA

from armswatch.export.graphml import GRAPHML_NS, SEPARATOR, write_graphml
from armswatch.store import open_store

_NMTOKEN = re.compile(r"[\w.:-]+")


def export(db: str, tmp_path: Path) -> tuple[nx.DiGraph, dict[str, int]]:
    path = tmp_path / "transfers.graphml"
    with open_store(db) as store, path.open("wb") as sink:
        counts = write_graphml(store, sink)
    return nx.read_graphml(path), counts


def by_entity(graph: nx.DiGraph) -> dict[tuple[str, str], dict]:
    """Edge attributes keyed by (supplier id, recipient id)."""
    ids = nx.get_node_attributes(graph, "entity_id")
    return {(ids[u], ids[v]): data for u, v, data in graph.edges(data=True)}


def split(value: str | None) -> list[str]:
    return value.split(SEPARATOR) if value else []


def test_edges_equal_the_transfer_rows_gathered_by_supplier_and_recipient(any_db: str, tmp_path: Path):
    graph, counts = export(any_db, tmp_path)
    with open_store(any_db) as store:
        rows = store.transfers()
    expected: dict[tuple[str, str], dict[str, set]] = {}
    for row in rows:
        if row.supplier and row.recipient:
            want = expected.setdefault((row.supplier.id, row.recipient.id),
                                       {"weapons": set(), "dates": set(), "docs": set(), "events": set()})
            want["weapons"].update([row.weapon.id] if row.weapon else [])
            want["dates"].update(row.dates)
            want["docs"].update(r.doc_id for r in row.articles)
            want["events"].update(r.event_id for r in row.articles)
    assert graph.is_directed() and expected
    edges = by_entity(graph)
    assert set(edges) == set(expected)
    for pair, data in edges.items():
        want = expected[pair]
        assert set(split(data.get("weapon_ids"))) == want["weapons"], pair
        assert split(data.get("dates")) == sorted(want["dates"]), pair
        assert set(split(data["doc_ids"])) == want["docs"] and data["articles"] == len(want["docs"]), pair
        assert data["events"] == len(want["events"]) and data["weight"] == float(len(want["events"])), pair
    left_out = sum(1 for row in rows if row.supplier is None or row.recipient is None)
    assert counts == {"nodes": graph.number_of_nodes(), "edges": len(expected),
                      **({"transfer rows left out (no supplier or no recipient)": left_out} if left_out else {})}
    # Nodes are exactly the suppliers and recipients, with what the store knows of them.
    ends = {entity_id for pair in expected for entity_id in pair}
    assert set(nx.get_node_attributes(graph, "entity_id").values()) == ends
    with open_store(any_db) as store:
        for _, data in graph.nodes(data=True):
            [match] = [m for m in store.find_entities(data["entity_id"]) if m.id == data["entity_id"]]
            assert (data["type"], data["articles"]) == (match.type, match.articles)
            assert data["label"] == (match.name or match.name_en or match.id)


def test_the_hand_built_network(hand_db: str, tmp_path: Path):
    graph, counts = export(hand_db, tmp_path)
    edges = by_entity(graph)
    # The transfer with no recipient is no edge; the pledged one is (a pledge is still who gives to whom).
    assert set(edges) == {(RUSSIA, BELARUS), (USA, UKRAINE)}
    assert counts["transfer rows left out (no supplier or no recipient)"] == 1
    russia_belarus = edges[(RUSSIA, BELARUS)]
    assert (russia_belarus["weapon_ids"], russia_belarus["dates"]) == (ISKANDER, "2023-06; 2023-07")
    # The repost is a second article but not a second original one.
    assert (russia_belarus["articles"], russia_belarus["original_articles"]) == (2, 1)
    assert edges[(USA, UKRAINE)]["statuses"] == "pledged"


def test_the_file_is_plain_graphml(hand_db: str):
    sink = io.BytesIO()
    with open_store(hand_db) as store:
        write_graphml(store, sink)
    root = ET.fromstring(sink.getvalue())
    ns = {"g": GRAPHML_NS}
    assert root.tag == f"{{{GRAPHML_NS}}}graphml"
    assert root.find("g:graph", ns).get("edgedefault") == "directed"
    ids = [e.get("id") for e in root.iter() if e.tag in (f"{{{GRAPHML_NS}}}node", f"{{{GRAPHML_NS}}}edge")]
    assert ids and all(_NMTOKEN.fullmatch(i) for i in ids)  # GraphML ids are XML name tokens: no '/'
    keys = {k.get("id"): (k.get("for"), k.get("attr.type")) for k in root.findall("g:key", ns)}
    assert keys["e_weight"] == ("edge", "double") and keys["n_label"] == ("node", "string")


def test_an_empty_store_is_an_empty_graph(tmp_path: Path):
    graph, counts = export(str(tmp_path / "empty.db"), tmp_path)
    assert (graph.number_of_nodes(), graph.number_of_edges(), counts) == (0, 0, {"nodes": 0, "edges": 0})
