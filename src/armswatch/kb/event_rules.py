"""Loads `kb/data/events.yaml`: the trigger words of each event type and the cues of its status.

An analyst who meets a new way of saying "delivered" or "will deploy" adds the word
there; the events stage (`armswatch/extract/events.py`) only knows the grammar of
roles. Every word is folded here, once, because the stage matches the folded text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from armswatch.document import EVENT_TYPES
from armswatch.kb.loader import KBError, load_yaml
from armswatch.kb.patterns import longest_first, word_list
from armswatch.normalize.script import fold

ROLES = ("actor", "recipient", "weapon", "treaty", "location")
MARKERS = ("recipient", "location", "source", "partner")
# Status cues, strongest first: a conditional outranks a denial, a denial a promise, and so on.
STATUSES = ("hypothetical", "denied", "pledged", "planned", "ongoing")

_SOURCE = "events.yaml"


@dataclass(frozen=True)
class EventType:
    name: str
    triggers: dict[str, str | None]  # folded trigger word -> subtype (None when the type has none)
    reverse: frozenset[str]
    object_recipient: bool
    weapon_triggers: frozenset[str]
    treaty_triggers: frozenset[str]
    not_after: tuple[str, ...]
    not_before: tuple[str, ...]
    roles: tuple[str, ...]
    objects: tuple[str, ...]
    source_is_location: bool
    default_status: dict[str, str]  # folded trigger -> status
    min_arguments: int
    needs_party: bool
    capitals_host: bool  # a capital named with this event is where it happens, not who acts (MEETING)
    partners: str | None  # the role of an entity after 与/同 (MEETING: recipient, EXERCISE: actor), else none
    # trigger -> words one of which must follow it in its sentence unless its clause names a weapon (警告称 …
    # 将做出回应 is a threat; 警告称谈判很复杂 is not)
    needs_after: dict[str, tuple[str, ...]] = field(default_factory=dict)
    undated_status: str | None = None  # the status of a completed event its sentence does not date (STRIKE: ongoing)
    # words that, after the trigger in its sentence, make an event that no cue before it qualifies hypothetical
    # (警告伊朗……，否则必须付出代价)
    conditional_after: tuple[str, ...] = ()
    # triggers whose planned event is a promise (美国将向乌克兰提供防空系统: pledged aid), unlike a purchase
    pledged_when_planned: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EventRules:
    types: dict[str, EventType]
    role_types: dict[str, frozenset[str]]  # role -> entity types that can fill it
    markers: dict[str, tuple[str, ...]]  # marker kind -> words, longest first
    status_cues: tuple[tuple[str, tuple[str, ...]], ...]  # (status, words longest first), strongest first
    ba_words: frozenset[str]
    continuations: tuple[str, ...]
    status_after: dict[str, str]  # folded word right after a trigger -> status
    not_cues: tuple[str, ...]
    clause_only: frozenset[str]
    object_markers: tuple[str, ...]
    telling: tuple[str, ...]
    state_bodies: frozenset[str]
    back_references: tuple[str, ...]
    pair_references: tuple[str, ...]
    place_references: tuple[str, ...]
    own_place_references: tuple[str, ...]
    treaty_references: tuple[str, ...]
    conjunctions: tuple[str, ...]
    location_after: tuple[str, ...]
    joiners: tuple[str, ...]
    opinion: tuple[str, ...]
    prevented: tuple[str, ...]
    topics: tuple[str, ...]
    capability: tuple[str, ...]
    passive: tuple[str, ...]
    flashback: tuple[str, ...]
    not_markers: tuple[str, ...]
    bound_before: tuple[str, ...]
    bound_after: tuple[str, ...]

    def trigger_words(self) -> dict[str, list[EventType]]:
        """Every trigger word with the types it triggers (one word may serve two types)."""
        out: dict[str, list[EventType]] = {}
        for event_type in self.types.values():
            for word in event_type.triggers:
                out.setdefault(word, []).append(event_type)
        return out


def _words(value: object, where: str) -> tuple[str, ...]:
    """A nested word list of the file (types.DEPLOY.triggers), folded, longest first; absent is empty."""
    return longest_first(word_list({where: value}, where, _SOURCE, optional=True))


def _section(data: dict, key: str) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        raise KBError(f"{_SOURCE}: {key} must be a mapping")
    return value


def _event_type(name: str, entry: object, roles: object) -> EventType:
    if not isinstance(entry, dict):
        raise KBError(f"{_SOURCE}: types.{name} must be a mapping")
    triggers: dict[str, str | None] = dict.fromkeys(_words(entry.get("triggers"), f"types.{name}.triggers"))
    subtypes = entry.get("subtypes") or {}
    if not isinstance(subtypes, dict):
        raise KBError(f"{_SOURCE}: types.{name}.subtypes must map a subtype to its words")
    for subtype, words in subtypes.items():
        triggers.update(dict.fromkeys(_words(words, f"types.{name}.subtypes.{subtype}"), str(subtype)))
    if not triggers:
        raise KBError(f"{_SOURCE}: types.{name} has no trigger words")

    def listed(key: str) -> frozenset[str]:
        words = frozenset(_words(entry.get(key), f"types.{name}.{key}"))
        unknown = words - triggers.keys()
        if unknown:
            raise KBError(f"{_SOURCE}: types.{name}.{key} lists words that are not its triggers: {sorted(unknown)}")
        return words

    role_list = _words(roles, f"type_roles.{name}")
    if not role_list or set(role_list) - set(ROLES):
        raise KBError(f"{_SOURCE}: type_roles.{name} must list roles among {ROLES}")
    return EventType(name, triggers, listed("reverse"), bool(entry.get("object_recipient")),
                     listed("weapon_triggers"), listed("treaty_triggers"),
                     _words(entry.get("not_after"), f"types.{name}.not_after"),
                     _words(entry.get("not_before"), f"types.{name}.not_before"),
                     tuple(r for r in ROLES if r in role_list),
                     _words(entry.get("objects"), f"types.{name}.objects"),
                     bool(entry.get("source_is_location")), _default_status(name, entry, triggers),
                     _count(entry.get("min_arguments", 2), f"types.{name}.min_arguments"),
                     bool(entry.get("needs_party")), bool(entry.get("capitals_host")),
                     _partners(name, entry.get("partners")), _needs_after(name, entry.get("needs_after"), triggers),
                     _undated_status(name, entry.get("undated_status")),
                     _words(entry.get("conditional_after"), f"types.{name}.conditional_after"),
                     listed("pledged_when_planned"))


def _default_status(name: str, entry: dict, triggers: dict[str, str | None]) -> dict[str, str]:
    value = entry.get("default_status") or {}
    if isinstance(value, str):
        value = dict.fromkeys(triggers, value)
    if not isinstance(value, dict):
        raise KBError(f"{_SOURCE}: types.{name}.default_status must be a status or map trigger words to one")
    out = {fold(str(w)): str(s) for w, s in value.items()}
    bad = {w: s for w, s in out.items() if w not in triggers or s not in STATUSES + ("completed",)}
    if bad:
        raise KBError(f"{_SOURCE}: types.{name}.default_status: unknown trigger or status in {bad}")
    return out


def _needs_after(name: str, value: object, triggers: dict[str, str | None]) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise KBError(f"{_SOURCE}: types.{name}.needs_after must map trigger words to word lists")
    out = {fold(str(w)): _words(words, f"types.{name}.needs_after.{w}") for w, words in value.items()}
    unknown = set(out) - triggers.keys()
    if unknown:
        raise KBError(f"{_SOURCE}: types.{name}.needs_after lists words that are not its triggers: {sorted(unknown)}")
    return out


def _undated_status(name: str, value: object) -> str | None:
    if value is not None and value not in STATUSES:
        raise KBError(f"{_SOURCE}: types.{name}.undated_status must be one of {STATUSES}, not {value!r}")
    return value


def _status_after(value: object) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or set(value) - set(STATUSES):
        raise KBError(f"{_SOURCE}: status.after must map statuses among {STATUSES} to words")
    return {w: str(status) for status, words in value.items() for w in _words(words, f"status.after.{status}")}


def _partners(name: str, value: object) -> str | None:
    if value not in (None, "actor", "recipient"):
        raise KBError(f"{_SOURCE}: types.{name}.partners must be actor or recipient")
    return value


def _count(value: object, where: str) -> int:
    if not isinstance(value, int) or value < 0:
        raise KBError(f"{_SOURCE}: {where} must be a whole number")
    return value


@lru_cache(maxsize=1)
def event_rules() -> EventRules:
    data = load_yaml(_SOURCE)
    if not isinstance(data, dict):
        raise KBError(f"{_SOURCE}: must be a mapping")
    types, type_roles = _section(data, "types"), _section(data, "type_roles")
    unknown = (set(types) | set(type_roles)) - set(EVENT_TYPES)
    if unknown:
        raise KBError(f"{_SOURCE}: unknown event types {sorted(unknown)}; known: {EVENT_TYPES}")
    roles = _section(data, "roles")
    markers = _section(data, "markers")
    status = _section(data, "status")

    def words(key: str) -> tuple[str, ...]:
        return _words(data.get(key), key)

    return EventRules(
        types={name: _event_type(name, types[name], type_roles.get(name)) for name in EVENT_TYPES if name in types},
        role_types={role: frozenset(str(t) for t in roles.get(role) or ()) for role in ROLES},
        markers={kind: _words(markers.get(kind), f"markers.{kind}") for kind in MARKERS},
        status_cues=tuple((s, _words(status.get(s), f"status.{s}")) for s in STATUSES),
        ba_words=frozenset(_words(status.get("ba_words"), "status.ba_words")),
        continuations=_words(status.get("continuations"), "status.continuations"),
        status_after=_status_after(status.get("after")),
        not_cues=_words(status.get("not_cues"), "status.not_cues"),
        clause_only=frozenset(_words(status.get("clause_only"), "status.clause_only")),
        object_markers=words("object_markers"),
        telling=words("telling"),
        state_bodies=frozenset(words("state_bodies")),
        back_references=words("back_references"),
        pair_references=words("pair_references"),
        place_references=words("place_references"),
        own_place_references=words("own_place_references"),
        treaty_references=words("treaty_references"),
        conjunctions=words("conjunctions"),
        location_after=words("location_after"),
        joiners=words("joiners"),
        opinion=words("opinion"),
        prevented=words("prevented"),
        topics=words("topics"),
        capability=words("capability"),
        passive=words("passive"),
        flashback=words("flashback"),
        not_markers=words("not_markers"),
        bound_before=words("bound_before"),
        bound_after=words("bound_after"),
    )
