"""Events as PLOVER-style JSON Lines, for tools and analysts who work with political event data.

PLOVER (the Open Event Data Alliance's successor to CAMEO) codes an event as a category, a mode
(how) and a context (why, and whether it is future, hypothetical or negated), between actor and
recipient lists. Our event types are arms-control specific; `kb/data/plover.yaml` says which PLOVER
category each one is (with the reasoning), and `kb/plover.py` checks that every type has one. Here
the mapping is applied, one event at a time, and the record's own type, subtype and status are kept
under "armswatch" so nothing is lost in translation. docs/exports.md lists every field.

Actor objects follow the codebook: `code` is the ISO 3166 alpha-3 code of the state (or of the
state a person, organisation or place belongs to) or a non-state code such as IGO, from the
knowledge base; entities not in the knowledge base have no code, only their id and name.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from armswatch import __version__
from armswatch.document import Document
from armswatch.export.records import iter_documents, span_id
from armswatch.kb.entities import KnowledgeBase, knowledge_base
from armswatch.kb.plover import PloverMapping, plover_mapping
from armswatch.store.base import Store

CODEBOOK = "armswatch-plover/1"


def _ids(value: Any) -> list[str]:
    if value is None:
        return []
    return list(dict.fromkeys(value if isinstance(value, list | tuple) else [value]))


class _Coder:
    """Codes the events of one record; holds what every event of it shares (names, mentions, citation)."""

    def __init__(self, doc: Document, mapping: PloverMapping, kb: KnowledgeBase) -> None:
        self.doc, self.mapping, self.kb = doc, mapping, kb
        self.entities = {e.get("id"): e for e in doc.entities}
        self.cite_info = {
            "corpus": "armswatch", "title": doc.title, "url": doc.url, "publication": doc.outlet,
            "original_source": doc.original_source, "language": mapping.languages.get(doc.lang),
            "coder": f"armswatch {__version__}", "codebook": CODEBOOK}

    def _iso3(self, entity_id: str | None) -> str | None:
        entry = self.kb.entries.get(entity_id) if entity_id else None
        return entry.attrs.get("iso3") if entry is not None and entry.type == "STATE" else None

    def _code(self, entity_id: str) -> tuple[str | None, str | None]:
        """(PLOVER actor code, sector) of an entity, from its knowledge-base entry."""
        entry = self.kb.entries.get(entity_id)
        if entry is None:
            return None, None
        if entry.type == "STATE":
            return entry.attrs.get("iso3"), None
        kind = entry.attrs.get("kind") if entry.type == "ORG" else None
        country = entry.attrs.get("country") or entry.attrs.get("nationality")
        code = self.mapping.org_codes.get(kind) if kind else None
        return code or self._iso3(country), self.mapping.sectors.get(kind) if kind else None

    def _name(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id) or {}
        return entity.get("name") or entity.get("name_en") or entity_id

    def _said(self, entity_id: str, evidence: dict[str, Any]) -> str | None:
        """How the evidence sentence writes the entity: the text of its mention inside the evidence span."""
        start, end = evidence.get("start"), evidence.get("end")
        if start is None or end is None:
            return None
        for mention in (self.entities.get(entity_id) or {}).get("mentions") or []:
            m_start, m_end = mention.get("start"), mention.get("end")
            if m_start is not None and m_end is not None and start <= m_start and m_end <= end:
                return mention.get("text")
        return None

    def actor(self, entity_id: str, evidence: dict[str, Any]) -> dict[str, Any]:
        entity = self.entities.get(entity_id) or {}
        code, sector = self._code(entity_id)
        return {"code": code, "sector": sector, "actor_text": self._said(entity_id, evidence),
                "identifier_id": entity_id, "identifier_text": self._name(entity_id),
                "name_en": entity.get("name_en"), "entity_type": entity.get("type")}

    def _place(self, entity_id: str) -> dict[str, Any]:
        code, _ = self._code(entity_id)
        return {"name": self._name(entity_id), "identifier_id": entity_id, "cc3": code}

    def _ref(self, entity_id: str) -> dict[str, Any]:
        return {"id": entity_id, "name": self._name(entity_id)}

    def event(self, index: int, event: dict[str, Any]) -> dict[str, Any]:
        """One event as a PLOVER record."""
        kind, subtype, status = event.get("type"), event.get("subtype"), event.get("status")
        actors, recipients = _ids(event.get("actor")), _ids(event.get("recipient"))
        weapons, treaties, places = (_ids(event.get(role)) for role in ("weapon", "treaty", "location"))
        evidence = event.get("evidence") or {}
        mapped = self.mapping.types.get(kind) if isinstance(kind, str) else None
        category = mode = None
        context: list[str] = []
        if mapped is not None:
            code = mapped.subtypes.get(subtype, mapped.code) if isinstance(subtype, str) else mapped.code
            if mapped.joint is not None and len(set(actors) | set(recipients)) >= 2:
                code = mapped.joint
            category, mode = code.event_type, code.mode
            if mode is None and code is mapped.code and weapons:
                mode = mapped.weapon_mode
            if status == "pledged" and category in self.mapping.promises:
                category, mode = self.mapping.promises[category], None  # a promise: its category has no modes
            if mapped.all_parties_act:
                actors, recipients = list(dict.fromkeys(actors + recipients)), []
            context = list(mapped.context)
        status_context = self.mapping.status_context.get(status) if isinstance(status, str) else None
        if status_context and status_context not in context:
            context.append(status_context)
        own_date, published = event.get("date") or None, (self.doc.published or "")[:10] or None
        return {
            "id": span_id(self.doc.doc_id, index),
            "event_type": category,
            "mode": mode,
            "context": context,
            "actor": [self.actor(i, evidence) for i in actors],
            "recipient": [self.actor(i, evidence) for i in recipients],
            "event_date": own_date or published,
            "date_source": "event" if own_date else "published" if published else None,
            "event_text": evidence.get("text"),
            "text_info": {"start": evidence.get("start"), "end": evidence.get("end")},
            "event_loc": self._place(places[0]) if places else None,
            "story_id": self.doc.doc_id,
            "pub_date": self.doc.published,
            "cite_info": self.cite_info,
            "armswatch": {"type": kind, "subtype": subtype, "status": status, "date": own_date,
                          "weapon": [self._ref(i) for i in weapons], "treaty": [self._ref(i) for i in treaties],
                          "location": [self._ref(i) for i in places], "duplicate_of": self.doc.duplicate_of},
        }


def plover_events(doc: Document, mapping: PloverMapping | None = None,
                  kb: KnowledgeBase | None = None) -> Iterator[dict[str, Any]]:
    """The PLOVER records of one document's events, in record order."""
    coder = _Coder(doc, mapping or plover_mapping(), kb or knowledge_base())
    for index, event in enumerate(doc.events):
        yield coder.event(index, event)


def write_plover(store: Store, sink: IO[str]) -> dict[str, int]:
    """Every stored event as one PLOVER JSON line; counts of events and of those no mapping covered."""
    mapping, kb = plover_mapping(), knowledge_base()
    events = uncoded = 0
    for doc in iter_documents(store):
        for record in plover_events(doc, mapping, kb):
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            events += 1
            uncoded += record["event_type"] is None
    # Every type of the record has a mapping (the loader sees to it): only a type outside it is uncoded.
    return {"events": events, **({"uncoded events (type outside the record's)": uncoded} if uncoded else {})}
