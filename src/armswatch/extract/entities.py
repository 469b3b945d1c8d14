"""The `entities` stage: every named entity of the article, with its mentions, linked and with roles.

Recognition is several finders over the folded text (`candidates.py`): the knowledge
base (Aho-Corasick), weapon-class compounds, designations, dotted transliterated names,
state stems in compounds, and Baidu LAC for people, places and organisations the
knowledge base lacks. `resolve.py` settles overlaps, `link.py` groups the spans into
entities, and `roles.py` reads people's titles. Each finder can be switched off, which
is how `benchmarks/entities.py` measures what each one adds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from armswatch.document import Document
from armswatch.extract.candidates import (
    CJK,
    MIDDLE_DOT,
    Candidate,
    ClassFinder,
    DesignationFinder,
    DottedNameFinder,
    cited_sources,
    kb_candidates,
    lac_candidates,
    orgs_named_in_english,
    state_stems,
    stem_candidates,
)
from armswatch.extract.gazetteer import Gazetteer
from armswatch.extract.link import Cluster, Linked, link, new_id
from armswatch.extract.resolve import Resolved, resolve
from armswatch.extract.roles import RoleReader
from armswatch.kb.entities import KnowledgeBase, knowledge_base
from armswatch.kb.patterns import alternation, class_grammar, designations, name_rules
from armswatch.normalize.script import fold


@dataclass(frozen=True)
class Finders:
    """Which recognizers run: all of them by default; the benchmark's ablation switches them."""

    kb: bool = True
    patterns: bool = True
    lac: bool = True


class EntityStage:
    name = "entities"
    requires: tuple[str, ...] = ()
    assigns = ("entities",)

    def __init__(self, kb: KnowledgeBase | None = None, finders: Finders = Finders()) -> None:
        self.kb = kb or knowledge_base()
        self.finders = finders
        self.gazetteer = Gazetteer(self.kb)
        self.stems = state_stems(self.kb)
        rules = name_rules()
        self.rules = rules
        self.classes = ClassFinder(class_grammar(), self.kb)
        self.designations = DesignationFinder(designations())
        self.dotted = DottedNameFinder(rules, self.kb)
        heads = alternation(rules.document_heads)
        self._document = re.compile(rf"《([^《》\n]{{0,40}}(?:{heads}))》")
        self.roles = RoleReader(rules)
        self._lac = None

    @property
    def lac(self):
        if self._lac is None:
            from armswatch.extract.lac import lac  # loads the model (about a second): only when used

            self._lac = lac()
        return self._lac

    def __call__(self, doc: Document) -> Document:
        body = self.read(doc.text, doc.norm_text)
        linked = link(doc.text, doc.norm_text, body)
        entities = self._records(doc.text, doc.norm_text, linked, body)
        if doc.title:
            title_folded = fold(doc.title)
            in_title = link(doc.title, title_folded, self.read(doc.title, title_folded), linked.short_forms)
            for key, cluster in in_title.clusters.items():
                if key not in linked.clusters:  # named in the title only: no offsets into `text`
                    record = _record(self.kb, cluster, doc.title)
                    entities.setdefault(record["id"], {**record, "mentions": []})
        doc.entities = list(entities.values())
        return doc

    def read(self, text: str, folded: str) -> Resolved:
        """The settled name spans of a text."""
        words = self.lac.words(folded) if self.finders.lac else None
        cands: list[Candidate] = []
        if self.finders.kb:
            cands += [c for c in kb_candidates(self.gazetteer, text, folded) if not _is_title_word(c, folded)]
            cands += stem_candidates(folded, self.stems, words)
        word_starts = {w.start for w in words} if words is not None else None
        if self.finders.patterns:
            cands += self.classes.find(folded, word_starts)
            cands += self.designations.find(text, folded)
            cands += _ship_classes(cands, folded)
            cands += [Candidate(m.start(1), m.end(1), "TREATY", "document") for m in self._document.finditer(folded)]
            cands += cited_sources(folded)
            cands += orgs_named_in_english(folded, self.rules)
            dotted = _trim_dotted(self.dotted.find(folded), cands, folded)
            if words is not None:
                dotted = _fit_to_words(dotted, word_starts, {w.end for w in words}, folded)
            cands += dotted
        if words is not None:
            cands += lac_candidates(folded, words, self.rules)
        return resolve(cands)

    def _records(self, text: str, folded: str, linked: Linked, body: Resolved) -> dict[str, dict]:
        names = [(c.start, c.end) for c in body.spans]
        people = [s for c in linked.clusters.values() if c.type == "PERSON" for s in c.spans]
        out: dict[str, dict] = {}
        for cluster in linked.clusters.values():
            record = _record(self.kb, cluster, text)
            spans = sorted(set(cluster.spans))
            record["mentions"] = [{"start": s, "end": e, "text": text[s:e]} for s, e in spans]
            if cluster.type == "PERSON":
                roles: dict[str, None] = {}
                others = [p for p in people if p not in cluster.spans]
                for s, e in spans:
                    roles.update(dict.fromkeys(self.roles.roles(text, folded, s, e, names, others)))
                record["roles"] = list(roles)
            previous = out.get(record["id"])
            if previous is not None:  # two clusters that turned out to be one entry
                previous["mentions"] = sorted(previous["mentions"] + record["mentions"], key=lambda m: m["start"])
                previous["roles"] = list(dict.fromkeys(previous["roles"] + record["roles"]))
            else:
                out[record["id"]] = record
        return out


def _record(kb: KnowledgeBase, cluster: Cluster, text: str) -> dict:
    if cluster.kb_id is not None:
        entry = kb.entries[cluster.kb_id]
        return {"id": entry.id, "type": entry.type, "name": entry.name, "name_en": entry.name_en, "roles": [],
                "mentions": []}
    forms = [text[s:e] for s, e in cluster.spans]
    chinese = [f for f in forms if CJK.search(f)]
    name = max(chinese or forms, key=len)
    return {"id": new_id(cluster.type, name), "type": cluster.type, "name": name, "name_en": cluster.name_en,
            "roles": [], "mentions": []}


# A ministry name fused with 长 is a title (国防部长, 外交部長), not a mention of the ministry. An organisation
# named before a title (北约秘书长) is still a mention of it: only the fused form is excluded.
def _is_title_word(cand: Candidate, folded: str) -> bool:
    return cand.type == "ORG" and folded[cand.end - 1] == "部" and folded.startswith("长", cand.end)


def _ship_classes(found: list[Candidate], folded: str) -> list[Candidate]:
    """A name followed by 级 is a ship or submarine class (弗吉尼亚级, 哥伦比亚级), not the place or state."""
    return [Candidate(c.start, c.end + 1, "WEAPON", "designation") for c in found
            if c.source == "kb" and c.type in ("STATE", "PLACE", "PERSON") and folded.startswith("级", c.end)]


def _fit_to_words(names: list[Candidate], starts: set[int], ends: set[int], folded: str) -> list[Candidate]:
    """Shrink a dotted name to LAC's word edges inside its first and last parts (人士瓦列里·… → 瓦列里·…)."""
    out = []
    for name in names:
        dots = [m.start() for m in MIDDLE_DOT.finditer(folded, name.start, name.end)]
        start, end = name.start, name.end
        if dots and start not in starts:
            start = next((i for i in range(start + 1, dots[0]) if i in starts), start)
        if dots and end not in ends:
            end = next((i for i in range(end - 1, dots[-1] + 1, -1) if i in ends), end)
        out.append(Candidate(start, end, name.type, name.source))
    return out


def _trim_dotted(names: list[Candidate], found: list[Candidate], folded: str) -> list[Candidate]:
    """A dotted name read too far left takes in what stands before it (白俄罗斯亚历山大·卢卡申科): cut that off."""
    out = []
    for name in names:
        first_dot = MIDDLE_DOT.search(folded, name.start, name.end)
        for c in found:
            if c.type != "PERSON" and c.start <= name.start < c.end and first_dot and c.end < first_dot.start():
                name = Candidate(c.end, name.end, name.type, name.source)
        out.append(name)
    return out
