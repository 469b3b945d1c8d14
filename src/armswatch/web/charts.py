"""Geometry for the two pictures of the web UI, drawn as server-side SVG.

Computing positions here keeps the pages readable with JavaScript off (an SVG <a> is a
link like any other) and keeps the templates free of arithmetic. Every label is passed
to the template as text, where Jinja escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from armswatch.document import EVENT_TYPES
from armswatch.store.base import EntityRef, EventHit, TransferRow

WIDTH = 960
ROW = 28
LEFT = 130  # room for the type labels
RIGHT = 20
TOP = 30


@dataclass
class Point:
    x: float
    y: float
    href: str
    label: str
    status: str | None


@dataclass
class Timeline:
    width: int
    height: int
    rows: list[tuple[str, float, int]]  # (event type, y, how many events)
    ticks: list[tuple[float, str]]  # (x, year)
    points: list[Point] = field(default_factory=list)
    undated: int = 0


def _day(value: str) -> date | None:
    """The first day of a YYYY, YYYY-MM or YYYY-MM-DD date."""
    try:
        parts = [int(p) for p in value[:10].split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def event_href(hit: EventHit) -> str:
    """Where a point leads: its evidence sentence in the article view."""
    anchor = f"#ev-{hit.evidence_start}" if hit.evidence_start is not None else ""
    return f"/documents/{hit.doc_id}{anchor}"


def _names(refs: list[EntityRef]) -> str:
    return "、".join(r.name or r.name_en or r.id for r in refs)


def event_label(hit: EventHit) -> str:
    who = _names(hit.actor) or "?"
    whom = f" → {_names(hit.recipient)}" if hit.recipient else ""
    what = f" ({_names(hit.weapon or hit.treaty)})" if hit.weapon or hit.treaty else ""
    return f"{hit.date or 'undated'} {hit.type} {hit.status or ''}: {who}{whom}{what}"


def timeline(hits: list[EventHit]) -> Timeline:
    """One row per event type that has events, time running left to right over the dated events."""
    dated = [(d, h) for h in hits if h.date and (d := _day(h.date))]
    types = [t for t in EVENT_TYPES if any(h.type == t for h in hits)]
    height = TOP + ROW * max(len(types), 1) + 30
    chart = Timeline(WIDTH, height, [], [], undated=len(hits) - len(dated))
    y_of = {t: TOP + ROW * i + ROW / 2 for i, t in enumerate(types)}
    chart.rows = [(t, y_of[t], sum(1 for h in hits if h.type == t)) for t in types]
    if not dated:
        return chart
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    first = date(first.year, 1, 1)
    last = date(last.year + 1, 1, 1)
    span = (last - first).days or 1
    inner = WIDTH - LEFT - RIGHT

    def x(d: date) -> float:
        return round(LEFT + inner * (d - first).days / span, 1)

    years = list(range(first.year, last.year + 1))
    step = max(1, len(years) // 12)  # at most about a dozen year labels
    chart.ticks = [(x(date(y, 1, 1)), str(y)) for y in years[::step]]
    chart.points = [Point(x(d), y_of[h.type], event_href(h), event_label(h), h.status) for d, h in dated
                    if h.type in y_of]
    return chart


@dataclass
class Node:
    ref: EntityRef | None
    x: float
    y: float

    @property
    def label(self) -> str:
        return (self.ref.name or self.ref.name_en or self.ref.id) if self.ref else "(unnamed)"

    @property
    def href(self) -> str | None:
        return f"/entities/{self.ref.id}" if self.ref else None


@dataclass
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str  # weapons and dates
    count: int  # reports behind it
    lx: float = 0.0  # where the label sits: spread along the edges so labels of crossing edges rarely overlap
    ly: float = 0.0


@dataclass
class Graph:
    width: int
    height: int
    suppliers: list[Node]
    recipients: list[Node]
    edges: list[Edge]
    pairs: int = 0  # supplier–recipient pairs in the rows; the graph draws at most MAX_PAIRS of them


MAX_PAIRS = 25  # beyond this the drawing is a hairball; the table below it lists every row


def _key(ref: EntityRef | None) -> str:
    return ref.id if ref else ""


def _reports(group: list[TransferRow]) -> int:
    return sum(len(row.articles) for row in group)


def transfer_graph(rows: list[TransferRow], max_pairs: int = MAX_PAIRS) -> Graph:
    """Suppliers on the left, recipients on the right, one edge per pair labelled with weapons and dates.

    Only the `max_pairs` most reported pairs are drawn, and the nodes are ordered by how much is reported
    of them, heaviest on top, which keeps the busiest edges short and apart.
    """
    pairs: dict[tuple[str, str], list[TransferRow]] = {}
    refs: dict[str, EntityRef | None] = {}
    for row in rows:
        refs.setdefault(_key(row.supplier), row.supplier)
        refs.setdefault(_key(row.recipient), row.recipient)
        pairs.setdefault((_key(row.supplier), _key(row.recipient)), []).append(row)
    drawn = sorted(pairs.items(), key=lambda item: -_reports(item[1]))[:max_pairs]
    weight: dict[tuple[int, str], int] = {}
    for (s, r), group in drawn:
        weight[(0, s)] = weight.get((0, s), 0) + _reports(group)
        weight[(1, r)] = weight.get((1, r), 0) + _reports(group)
    heaviest_first = sorted(weight, key=lambda node: -weight[node])
    suppliers = [k for side, k in heaviest_first if side == 0]
    recipients = [k for side, k in heaviest_first if side == 1]
    gap = 46
    height = TOP + gap * max(len(suppliers), len(recipients), 1) + 10
    left_x, right_x = 170, WIDTH - 170
    left = {k: Node(refs[k], left_x, TOP + gap * i + gap / 2) for i, k in enumerate(suppliers)}
    right = {k: Node(refs[k], right_x, TOP + gap * i + gap / 2) for i, k in enumerate(recipients)}
    edges = []
    for (s, r), group in drawn:
        weapons = list(dict.fromkeys((row.weapon.name or row.weapon.id) if row.weapon else "?" for row in group))
        dates = sorted({d for row in group for d in row.dates})
        when = f" · {dates[0]}" + (f"–{dates[-1]}" if len(dates) > 1 else "") if dates else ""
        label = "、".join(weapons[:3]) + ("…" if len(weapons) > 3 else "") + when
        t = 0.25 + 0.5 * (len(edges) % 5) / 4
        x1, y1, x2, y2 = left[s].x, left[s].y, right[r].x, right[r].y
        edges.append(Edge(x1, y1, x2, y2, label, _reports(group),
                          round(x1 + t * (x2 - x1), 1), round(y1 + t * (y2 - y1), 1)))
    return Graph(WIDTH, int(height), list(left.values()), list(right.values()), edges, pairs=len(pairs))
