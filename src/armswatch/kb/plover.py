"""Loads `kb/data/plover.yaml`: how our event types are coded in the PLOVER event ontology.

The mapping is a judgement an analyst may want to revisit (is an arms sale AID or COOPERATE?), so it
lives in data with its reasoning next to each row; this loader is where an edit that would leave an
event uncoded is caught. It checks the file against the record's closed vocabulary (EVENT_TYPES), the
TREATY_ACTION subtypes the events stage can give (events.yaml) and the statuses it can give, and every
PLOVER category, mode and context against the lists the file itself takes from the codebook. Every
problem is reported at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from armswatch.document import EVENT_TYPES
from armswatch.kb.event_rules import STATUSES, event_rules
from armswatch.kb.loader import KBError, load_yaml

SOURCE = "plover.yaml"
# Every status the events stage gives: its cues' statuses and the default, completed.
EVENT_STATUSES = ("completed", *STATUSES)


@dataclass(frozen=True)
class PloverCode:
    """What one of our (type, subtype) becomes in PLOVER."""

    event_type: str
    mode: str | None
    why: str


@dataclass(frozen=True)
class PloverType:
    """The mapping of one of our event types."""

    name: str
    code: PloverCode
    context: tuple[str, ...]
    weapon_mode: str | None
    joint: PloverCode | None
    all_parties_act: bool
    subtypes: dict[str, PloverCode]


@dataclass(frozen=True)
class PloverMapping:
    event_types: tuple[str, ...]
    modes: dict[str, frozenset[str]]  # PLOVER category -> its modes
    types: dict[str, PloverType]
    status_context: dict[str, str | None]
    promises: dict[str, str]
    languages: dict[str, str]
    org_codes: dict[str, str]
    sectors: dict[str, str]


def declared_subtypes() -> dict[str, frozenset[str]]:
    """The subtypes events.yaml gives each event type (TREATY_ACTION: sign, ratify, …)."""
    return {name: frozenset(s for s in t.triggers.values() if s) for name, t in event_rules().types.items()}


@lru_cache(maxsize=1)
def plover_mapping() -> PloverMapping:
    return build_plover(load_yaml(SOURCE), declared_subtypes())


def build_plover(data: Any, subtypes: Mapping[str, frozenset[str]] | None = None) -> PloverMapping:
    """A validated mapping from the parsed plover.yaml, or a KBError listing every problem found.

    subtypes: the subtypes each of our types can have, every one of which needs a mapping; by default
      the ones events.yaml declares.
    """
    if subtypes is None:
        subtypes = declared_subtypes()
    problems: list[str] = []
    if not isinstance(data, dict):
        raise KBError(f"{SOURCE}: must be a mapping")
    categories = tuple(str(c) for c in _list(data, "event_types", problems))
    modes = {str(c): frozenset(str(m) for m in ms or ()) for c, ms in _mapping(data, "modes", problems).items()}
    contexts = frozenset(str(c) for c in _list(data, "contexts", problems))
    for category in set(modes) - set(categories):
        problems.append(f"modes.{category}: not a PLOVER category of event_types")

    def category(value: Any, where: str) -> str:
        if value not in categories:
            problems.append(f"{where}: {value!r} is not a PLOVER category of event_types")
        return str(value)

    def code(entry: Any, where: str, default: PloverCode | None = None) -> PloverCode:
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a mapping")
            return PloverCode("", None, "")
        name = category(entry.get("event_type", default.event_type if default else None), f"{where}.event_type")
        mode = entry.get("mode")
        if mode is not None and mode not in modes.get(name, ()):
            problems.append(f"{where}.mode: {mode!r} is not a mode of {name} ({sorted(modes.get(name, ()))})")
        why = entry.get("why", default.why if default else "")
        if not isinstance(why, str) or not why.strip():
            problems.append(f"{where}.why: give the reasoning")
        return PloverCode(name, mode, " ".join(str(why).split()))

    types: dict[str, PloverType] = {}
    raw_types = _mapping(data, "types", problems)
    for name in sorted(set(raw_types) - set(EVENT_TYPES)):
        problems.append(f"types.{name}: not an event type of the record ({', '.join(EVENT_TYPES)})")
    for name in EVENT_TYPES:
        entry = raw_types.get(name)
        if entry is None:
            problems.append(f"types.{name}: missing; every event type of the record needs a PLOVER mapping")
            continue
        where = f"types.{name}"
        main = code(entry, where)
        if not isinstance(entry, dict):
            continue
        context = tuple(str(c) for c in entry.get("context") or ())
        for value in set(context) - contexts:
            problems.append(f"{where}.context: {value!r} is not one of contexts")
        weapon_mode = entry.get("weapon_mode")
        if weapon_mode is not None and weapon_mode not in modes.get(main.event_type, ()):
            problems.append(f"{where}.weapon_mode: {weapon_mode!r} is not a mode of {main.event_type}")
        joint = code(entry["joint"], f"{where}.joint", main) if entry.get("joint") is not None else None
        mapped = entry.get("subtypes") or {}
        if not isinstance(mapped, dict):
            problems.append(f"{where}.subtypes: must map a subtype to its PLOVER code")
            mapped = {}
        declared = subtypes.get(name, frozenset())
        for subtype in sorted(declared - set(mapped)):
            problems.append(f"{where}.subtypes.{subtype}: missing; events.yaml gives {name} this subtype")
        for subtype in sorted(set(mapped) - declared):
            problems.append(f"{where}.subtypes.{subtype}: events.yaml gives {name} no such subtype")
        types[name] = PloverType(name, main, context, weapon_mode, joint, bool(entry.get("all_parties_act")),
                                 {str(s): code(e, f"{where}.subtypes.{s}") for s, e in mapped.items()})

    status_context = _mapping(data, "status_context", problems)
    if set(status_context) != set(EVENT_STATUSES):
        problems.append(f"status_context: must give exactly the statuses {', '.join(EVENT_STATUSES)}")
    for status, value in status_context.items():
        if value is not None and value not in contexts:
            problems.append(f"status_context.{status}: {value!r} is not one of contexts")
    promises = {str(k): str(v) for k, v in _mapping(data, "promises", problems).items()}
    for before, after in promises.items():
        category(before, "promises")
        category(after, f"promises.{before}")
    languages = {str(k): str(v) for k, v in _mapping(data, "languages", problems).items()}
    actor_codes = _mapping(data, "actor_codes", problems)
    org_codes, sectors = (_codes(actor_codes, key, problems) for key in ("org_codes", "sectors"))
    if problems:
        raise KBError(f"{SOURCE}: " + "; ".join(problems))
    return PloverMapping(event_types=categories, modes=modes, types=types, status_context=dict(status_context),
                         promises=promises, languages=languages, org_codes=org_codes, sectors=sectors)


def _codes(actor_codes: dict, key: str, problems: list[str]) -> dict[str, str]:
    """An ORG kind -> PLOVER code table of actor_codes; codes are three capital letters (IGO, MIL)."""
    value = actor_codes.get(key) or {}
    if not isinstance(value, dict):
        problems.append(f"actor_codes.{key}: must map an ORG kind to a code")
        return {}
    for kind, code in value.items():
        if not (isinstance(code, str) and len(code) == 3 and code.isascii() and code.isupper()):
            problems.append(f"actor_codes.{key}.{kind}: {code!r} is not a three-letter PLOVER code")
    return {str(k): str(v) for k, v in value.items()}


def _list(data: dict, key: str, problems: list[str]) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        problems.append(f"{key}: must be a non-empty list")
        return []
    return value


def _mapping(data: dict, key: str, problems: list[str]) -> dict[Any, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        problems.append(f"{key}: must be a mapping")
        return {}
    return value
