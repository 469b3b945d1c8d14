"""The entity knowledge base: one validated, alias-indexed table over the per-type data files.

What the recognizer and the linker need is a lookup from any way an article writes a
name to the entries it may mean. Building that lookup is where a bad edit to the data
would silently mislink, so every rule of `kb/data/README.md` is checked here, and
every problem is reported at once with the file and entry it is in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from armswatch.kb.loader import KBError, alias_key, data_dir, load_yaml

TYPE_FILES: dict[str, str] = {
    "STATE": "states.yaml",
    "PERSON": "people.yaml",
    "ORG": "orgs.yaml",
    "PLACE": "places.yaml",
    "WEAPON": "weapons.yaml",
    "WEAPON_CLASS": "weapon_classes.yaml",
    "TREATY": "treaties.yaml",
}
_ID = re.compile(r"^kb:(?P<type>[a-z_]+)/(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)$")
_BASE_KEYS = {"id", "name", "name_en", "aliases"}
# Attributes holding ids of other entries, by the type they must point to (None: any type).
_REFERENCES: dict[str, str | None] = {
    "class": "WEAPON_CLASS", "origin": "STATE", "parent": None, "country": "STATE", "capital": "PLACE",
    "nationality": "STATE",
}


@dataclass(frozen=True)
class Entry:
    id: str
    type: str
    name: str
    name_en: str | None
    aliases: tuple[str, ...]
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        """Every form that names the entry by itself: the names and the aliases."""
        return tuple(n for n in (self.name, self.name_en, *self.aliases) if n)


@dataclass
class KnowledgeBase:
    entries: dict[str, Entry]
    by_alias: dict[str, tuple[str, ...]]
    # Folded aliases that name entries of different types (华盛顿: the city and the person).
    ambiguous: dict[str, tuple[str, ...]]
    # Short or common-word forms (匕首 for the Kinzhal) that name an entry only where the article
    # is plainly about it: `context_aliases` in the data.
    by_context_alias: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def lookup(self, name: str) -> list[Entry]:
        return [self.entries[i] for i in self.by_alias.get(alias_key(name), ())]

    def of_type(self, type_: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.type == type_]


def type_of_id(entry_id: str) -> str | None:
    m = _ID.match(entry_id)
    return m.group("type").upper() if m else None


def build_kb(rows_by_type: dict[str, list[dict[str, Any]]]) -> KnowledgeBase:
    """A KnowledgeBase from the parsed data files, or a KBError listing every problem found."""
    problems: list[str] = []
    entries: dict[str, Entry] = {}
    for type_, rows in rows_by_type.items():
        source = TYPE_FILES.get(type_, type_)
        for n, row in enumerate(rows or [], 1):
            where = f"{source} entry {n}"
            entry = _entry(row, type_, where, problems)
            if entry is None:
                continue
            if entry.id in entries:
                problems.append(f"{where}: id {entry.id} is used twice")
                continue
            entries[entry.id] = entry
    _check_references(entries, problems)
    by_alias, ambiguous = _index(entries, problems)
    by_context_alias = _context_index(entries, by_alias, problems)
    if problems:
        raise KBError("knowledge base: " + "; ".join(problems[:50])
                      + (f"; … and {len(problems) - 50} more" if len(problems) > 50 else ""))
    return KnowledgeBase(entries, by_alias, ambiguous, by_context_alias)


def _entry(row: Any, type_: str, where: str, problems: list[str]) -> Entry | None:
    if not isinstance(row, dict):
        problems.append(f"{where}: not a mapping")
        return None
    entry_id, name = row.get("id"), row.get("name")
    if not isinstance(entry_id, str) or type_of_id(entry_id) != type_:
        problems.append(f"{where}: id {entry_id!r} is not kb:{type_.lower()}/<slug>")
        return None
    if not isinstance(name, str) or not name.strip():
        problems.append(f"{where} ({entry_id}): needs a name")
        return None
    aliases = row.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str | int | float) for a in aliases):
        problems.append(f"{where} ({entry_id}): aliases must be a list of strings")
        return None
    attrs = {k: v for k, v in row.items() if k not in _BASE_KEYS}
    return Entry(entry_id, type_, name.strip(), (str(row["name_en"]).strip() if row.get("name_en") else None),
                 tuple(str(a).strip() for a in aliases if str(a).strip()), attrs)


def _references(entry: Entry) -> list[tuple[str, str]]:
    """(attribute, id) for every reference the entry makes to another entry."""
    refs = [(k, v) for k, v in entry.attrs.items() if k in _REFERENCES and isinstance(v, str)]
    for role in entry.attrs.get("roles") or []:
        if isinstance(role, dict) and isinstance(role.get("org"), str):
            refs.append(("roles.org", role["org"]))
    parties = entry.attrs.get("parties")
    if isinstance(parties, list):
        refs.extend(("parties", p) for p in parties if isinstance(p, str) and p.startswith("kb:"))
    return refs


def _check_references(entries: dict[str, Entry], problems: list[str]) -> None:
    for entry in entries.values():
        for attr, ref in _references(entry):
            target = entries.get(ref)
            want = _REFERENCES.get(attr)
            if target is None:
                problems.append(f"{entry.id}: {attr} names {ref}, which is not in the knowledge base")
            elif want is not None and target.type != want:
                problems.append(f"{entry.id}: {attr} must name a {want}, not {ref}")


def _index(entries: dict[str, Entry],
           problems: list[str]) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    owners: dict[str, list[str]] = defaultdict(list)
    for entry in entries.values():
        for key in dict.fromkeys(alias_key(n) for n in entry.names):
            if key:
                owners[key].append(entry.id)
    ambiguous: dict[str, tuple[str, ...]] = {}
    for key, ids in owners.items():
        if len(ids) < 2:
            continue
        by_type: dict[str, list[str]] = defaultdict(list)
        for i in ids:
            by_type[entries[i].type].append(i)
        for type_, same in by_type.items():
            if len(same) > 1:
                problems.append(f"alias {key!r} names two {type_} entries: {', '.join(same)}")
        ambiguous[key] = tuple(ids)
    return {k: tuple(v) for k, v in owners.items()}, ambiguous


def _context_index(entries: dict[str, Entry], by_alias: dict[str, tuple[str, ...]],
                   problems: list[str]) -> dict[str, tuple[str, ...]]:
    owners: dict[str, list[str]] = defaultdict(list)
    for entry in entries.values():
        forms = entry.attrs.get("context_aliases") or []
        if not isinstance(forms, list):
            problems.append(f"{entry.id}: context_aliases must be a list")
            continue
        for key in dict.fromkeys(alias_key(str(f)) for f in forms):
            if key in by_alias:
                problems.append(f"{entry.id}: context alias {key!r} is already a plain alias of {by_alias[key][0]}")
            elif key:
                owners[key].append(entry.id)
    return {k: tuple(v) for k, v in owners.items()}


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The bundled knowledge base, loaded once per process."""
    present = {t: f for t, f in TYPE_FILES.items() if (data_dir() / f).exists()}  # a type may have no file yet
    return build_kb({type_: load_yaml(filename) or [] for type_, filename in present.items()})
