"""Loads the word lists and patterns the entity stage reads names with (`kb/data/*.yaml`).

These are the parts of recognition an analyst should be able to extend without
Python: how weapon-class names are built (`weapon_class_terms.yaml`), which
designations are weapons (`designations.yaml`), and how names and titles are
written (`names.yaml`). Every word is folded here, once, because the stage matches
them against the folded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from armswatch.kb.loader import KBError, alias_key, load_yaml
from armswatch.normalize.script import fold


@dataclass(frozen=True)
class ClassGrammar:
    modifiers: frozenset[str]
    heads: frozenset[str]
    suffixes: frozenset[str]
    same_class: frozenset[str]


@dataclass(frozen=True)
class Designations:
    series: tuple[str, ...]
    latin: tuple[re.Pattern, ...]
    latin_before_class: re.Pattern
    weapon_words: tuple[str, ...]
    not_weapons: frozenset[str]  # alias keys


@dataclass(frozen=True)
class NameRules:
    transliteration: frozenset[str]
    titles: frozenset[str]
    title_prefixes: tuple[str, ...]
    role_stops: tuple[str, ...]
    not_names: frozenset[str]  # alias keys
    org_suffixes: tuple[str, ...]
    place_suffixes: tuple[str, ...]
    document_heads: tuple[str, ...]
    english_org_words: frozenset[str]


def _words(data: dict, key: str, source: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise KBError(f"{source}: {key} must be a list of words")
    return [fold(w.strip()) for w in value]


def _pattern(text: object, source: str) -> re.Pattern:
    try:
        return re.compile(str(text))
    except re.error as exc:
        raise KBError(f"{source}: bad pattern {text!r}: {exc}") from exc


def _mapping(name: str) -> dict:
    data = load_yaml(name)
    if not isinstance(data, dict):
        raise KBError(f"{name}: must be a mapping of lists")
    return data


@lru_cache(maxsize=1)
def class_grammar() -> ClassGrammar:
    source = "weapon_class_terms.yaml"
    data = _mapping(source)
    return ClassGrammar(frozenset(_words(data, "modifiers", source)), frozenset(_words(data, "heads", source)),
                        frozenset(_words(data, "suffixes", source)), frozenset(_words(data, "same_class", source)))


@lru_cache(maxsize=1)
def designations() -> Designations:
    source = "designations.yaml"
    data = _mapping(source)
    latin = data.get("latin") or []
    return Designations(
        series=tuple(_words(data, "series", source)),
        latin=tuple(_pattern(p, source) for p in latin),
        latin_before_class=_pattern(data.get("latin_before_class") or r"(?!)", source),
        weapon_words=tuple(_words(data, "weapon_words", source)),
        not_weapons=frozenset(alias_key(w) for w in _words(data, "not_weapons", source)),
    )


@lru_cache(maxsize=1)
def name_rules() -> NameRules:
    source = "names.yaml"
    data = _mapping(source)
    translit = data.get("transliteration")
    if not isinstance(translit, str):
        raise KBError(f"{source}: transliteration must be a string of characters")
    return NameRules(
        transliteration=frozenset(ch for ch in fold(translit) if not ch.isspace()),
        titles=frozenset(_words(data, "titles", source)),
        title_prefixes=tuple(_words(data, "title_prefixes", source)),
        role_stops=tuple(_words(data, "role_stops", source)),
        not_names=frozenset(alias_key(w) for w in _words(data, "not_names", source)),
        org_suffixes=tuple(_words(data, "org_suffixes", source)),
        place_suffixes=tuple(_words(data, "place_suffixes", source)),
        document_heads=tuple(_words(data, "document_heads", source)),
        english_org_words=frozenset(_words(data, "english_org_words", source)),
    )
