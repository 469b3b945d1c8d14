"""The `entities` stage: knowledge-base entities named in the article, with every mention.

This first version links what the knowledge base names (gazetteer matching over the
folded text). Names outside the knowledge base (LAC), designation patterns, country
stems in compounds and in-article coreference of name forms come next (issue 4).
"""

from __future__ import annotations

from armswatch.document import Document
from armswatch.extract.gazetteer import Gazetteer, Match
from armswatch.kb.entities import Entry, KnowledgeBase, knowledge_base

# A ministry name fused with 长 is a title (国防部长, 外交部長), not a mention of the ministry. An organisation
# named before a title (北约秘书长) is still a mention of it: only the fused form is excluded.
_MINISTRY_END = ("部",)
_TITLE_AFTER_MINISTRY = ("长", "長")

# When one name fits entries of several types, the one an arms-control article most likely means.
_TYPE_PREFERENCE = ("WEAPON", "TREATY", "STATE", "ORG", "PERSON", "PLACE", "WEAPON_CLASS")


class EntityStage:
    name = "entities"
    requires: tuple[str, ...] = ()
    assigns = ("entities",)

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb or knowledge_base()
        self.gazetteer = Gazetteer(self.kb)

    def __call__(self, doc: Document) -> Document:
        found: dict[str, dict] = {}
        for match in self.gazetteer.find(doc.text, doc.norm_text):
            entry = self._choose(match)
            if (entry.type == "ORG" and doc.norm_text[match.end - 1] in _MINISTRY_END
                    and doc.text.startswith(_TITLE_AFTER_MINISTRY, match.end)):
                continue
            record = found.setdefault(entry.id, _record(entry))
            record["mentions"].append({"start": match.start, "end": match.end, "text": doc.text[match.start:match.end]})
        if doc.title:
            for match in self.gazetteer.find(doc.title):
                entry = self._choose(match)
                found.setdefault(entry.id, _record(entry))  # named in the title only: no offsets into `text`
        doc.entities = list(found.values())
        return doc

    def _choose(self, match: Match) -> Entry:
        entries = [self.kb.entries[i] for i in match.ids]
        return min(entries, key=lambda e: _TYPE_PREFERENCE.index(e.type))


def _record(entry: Entry) -> dict:
    return {"id": entry.id, "type": entry.type, "name": entry.name, "name_en": entry.name_en, "roles": [],
            "mentions": []}
