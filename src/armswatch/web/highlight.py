"""The article view's text, cut into runs that each carry the spans covering them.

Entities sit inside quotes and quotes inside event sentences, so spans overlap; HTML cannot
nest arbitrary overlaps. Cutting the text at every span boundary gives flat runs, each marked
with every span over it, which the template renders as one element per run: readable with
JavaScript off, and every run's text escaped by Jinja like any other article text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Run:
    text: str
    entity: dict | None = None  # the innermost entity mention over the run: id, type, name, name_en
    quote: int | None = None  # index into the record's quotes
    events: list[int] = field(default_factory=list)  # indexes into the record's events
    claim: int | None = None  # index into the record's claims
    anchor: int | None = None  # where an event's evidence starts with this run: the target of #ev-START links


def _span(start, end, size: int) -> tuple[int, int] | None:
    """A span clipped to the text, or None when it is not a usable span (a bad record must not break the page)."""
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    start, end = max(0, start), min(size, end)
    return (start, end) if start < end else None


def paragraphs(record: dict) -> list[list[Run]]:
    """The record's text as paragraphs (split at newlines) of runs."""
    text: str = record.get("text") or ""
    size = len(text)
    mentions: list[tuple[int, int, dict]] = []
    for entity in record.get("entities") or []:
        info = {k: entity.get(k) for k in ("id", "type", "name", "name_en")}
        for m in entity.get("mentions") or []:
            span = _span(m.get("start"), m.get("end"), size)
            if span:
                mentions.append((*span, info))
    quotes = [(*s, i) for i, q in enumerate(record.get("quotes") or []) if (s := _span(q.get("start"), q.get("end"),
                                                                                         size))]
    events = [(*s, i) for i, e in enumerate(record.get("events") or [])
              if (s := _span((e.get("evidence") or {}).get("start"), (e.get("evidence") or {}).get("end"), size))]
    claims = [(*s, i) for i, c in enumerate(record.get("claims") or []) if (s := _span(c.get("start"), c.get("end"),
                                                                                         size))]
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    cuts = {0, size, *newlines, *(i + 1 for i in newlines)}
    for spans in (mentions, quotes, events, claims):
        for start, end, _ in spans:
            cuts.update((start, end))
    bounds = sorted(cuts)
    out: list[list[Run]] = [[]]
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = text[start:end]
        if piece == "\n":
            out.append([])
            continue
        inner = [m for m in mentions if m[0] <= start and end <= m[1]]
        run = Run(piece)
        if inner:
            run.entity = min(inner, key=lambda m: m[1] - m[0])[2]
        run.quote = next((i for s, e, i in quotes if s <= start and end <= e), None)
        run.events = [i for s, e, i in events if s <= start and end <= e]
        run.anchor = start if any(s == start for s, _, _ in events) else None  # one anchor for a sentence's events
        run.claim = next((i for s, e, i in claims if s <= start and end <= e), None)
        out[-1].append(run)
    return [p for p in out if p]
