"""Loads the word lists and patterns the entity stage reads names with (`kb/data/*.yaml`).

These are the parts of recognition an analyst should be able to extend without
Python: how weapon-class names are built (`weapon_class_terms.yaml`), which
designations are weapons (`designations.yaml`), and how names and titles are
written (`names.yaml`); for the quotes stage, how statements are attributed
(`speech.yaml`); and for the claims stage, how quantities are written
(`claims.yaml`). Every word is folded here, once, because the stages match them
against the folded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from armswatch.document import CLAIM_UNITS
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


@dataclass(frozen=True)
class SpeechRules:
    """Folded word lists of `speech.yaml`; tuples are ordered longest first, so a scan takes the longest fit."""

    verbs: tuple[str, ...]
    comma_verbs: tuple[str, ...]
    not_speech: tuple[str, ...]
    verb_tails: tuple[str, ...]
    report_heads: tuple[str, ...]
    report_tails: tuple[str, ...]
    citing_verbs: tuple[str, ...]
    listener_verbs: tuple[str, ...]
    platforms: frozenset[str]
    unnamed_heads: tuple[str, ...]
    determiners: tuple[str, ...]
    anaphoric_determiners: tuple[str, ...]
    pronouns: tuple[str, ...]
    document_heads: tuple[str, ...]
    org_anaphors: tuple[str, ...]
    collective_heads: tuple[str, ...]
    backward_markers: tuple[str, ...]
    continuation_markers: tuple[str, ...]
    credit_heads: tuple[str, ...]
    object_markers: tuple[str, ...]
    content_breaks: tuple[str, ...]


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of the words, longest first, so a match takes the longest word that fits."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


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


@lru_cache(maxsize=1)
def speech_rules() -> SpeechRules:
    source = "speech.yaml"
    data = _mapping(source)

    def longest_first(key: str) -> tuple[str, ...]:
        return tuple(sorted(set(_words(data, key, source)), key=lambda w: (-len(w), w)))

    return SpeechRules(
        verbs=longest_first("verbs"),
        comma_verbs=longest_first("comma_verbs"),
        not_speech=longest_first("not_speech"),
        verb_tails=longest_first("verb_tails"),
        report_heads=longest_first("report_heads"),
        report_tails=longest_first("report_tails"),
        citing_verbs=longest_first("citing_verbs"),
        listener_verbs=longest_first("listener_verbs"),
        platforms=frozenset(_words(data, "platforms", source)),
        unnamed_heads=longest_first("unnamed_heads"),
        determiners=longest_first("determiners"),
        anaphoric_determiners=longest_first("anaphoric_determiners"),
        pronouns=longest_first("pronouns"),
        document_heads=longest_first("document_heads"),
        org_anaphors=longest_first("org_anaphors"),
        collective_heads=longest_first("collective_heads"),
        backward_markers=longest_first("backward_markers"),
        continuation_markers=longest_first("continuation_markers"),
        credit_heads=longest_first("credit_heads"),
        object_markers=longest_first("object_markers"),
        content_breaks=longest_first("content_breaks"),
    )


@dataclass(frozen=True)
class ClaimRules:
    """Folded word lists of `claims.yaml`; tuples are ordered longest first, so a scan takes the longest fit."""

    units: frozenset[str]
    nouns: dict[str, str]  # counted noun -> unit
    not_nouns: tuple[str, ...]
    classifiers: dict[str, frozenset[str]]  # classifier -> units of what it counts
    inherit: frozenset[str]
    not_classifiers: tuple[str, ...]
    person_words: tuple[str, ...]
    measures: dict[str, str]  # unit of measure -> claim unit
    weights: tuple[str, ...]
    weight_context: tuple[str, ...]
    percent_words: tuple[str, ...]
    fraction: tuple[str, ...]
    tenths: tuple[str, ...]
    vague: dict[str, float]  # vague number -> the order of magnitude it keeps
    approx_before: tuple[str, ...]
    approx_after: tuple[str, ...]
    approx_end: tuple[str, ...]
    range_separators: tuple[str, ...]
    count_words: tuple[str, ...]
    not_counts: tuple[str, ...]
    not_before: tuple[str, ...]
    demonstratives: tuple[str, ...]
    not_approx: tuple[str, ...]
    percent_context: tuple[str, ...]
    speed_marks: tuple[str, ...]
    ordinal_marks: tuple[str, ...]
    name_endings: tuple[str, ...]
    country_suffixes: dict[str, int]  # word -> smallest count it takes
    not_after_country: tuple[str, ...]
    smallest: dict[str, float]  # unit -> smallest count it takes
    noun_breaks: tuple[str, ...]
    holder_words: tuple[str, ...]


def _by_length(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


def _grouped(data: dict, key: str, source: str) -> dict[str, list[str]]:
    """A mapping of group name -> list of words (nouns by unit), with every word folded."""
    value = data.get(key)
    if not isinstance(value, dict):
        raise KBError(f"{source}: {key} must be a mapping of lists")
    return {str(group): _words(value, group, f"{source}: {key}") for group in value}


def _numbers(data: dict, key: str, source: str) -> dict[str, float]:
    value = data.get(key)
    if not isinstance(value, dict) or not all(isinstance(n, int | float) and not isinstance(n, bool)
                                              for n in value.values()):
        raise KBError(f"{source}: {key} must map words to numbers")
    return {fold(str(w).strip()): value[w] for w in value}


@lru_cache(maxsize=1)
def claim_rules() -> ClaimRules:
    source = "claims.yaml"
    data = _mapping(source)
    units = frozenset(_words(data, "units", source))
    if units - set(CLAIM_UNITS):
        raise KBError(f"{source}: units {sorted(units - set(CLAIM_UNITS))} are not the record's: {CLAIM_UNITS}")

    def checked(group: str, where: str) -> str:
        if group not in units:
            raise KBError(f"{source}: {where}: unknown unit {group!r}")
        return group

    nouns = {w: checked(unit, "nouns") for unit, ws in _grouped(data, "nouns", source).items() for w in ws}
    classifiers = {}
    raw_classifiers = data.get("classifiers")
    if not isinstance(raw_classifiers, dict):
        raise KBError(f"{source}: classifiers must map classifiers to lists of units")
    for word in raw_classifiers:
        allowed = _words(raw_classifiers, word, f"{source}: classifiers")
        classifiers[fold(str(word).strip())] = frozenset(checked(u, "classifiers") for u in allowed)
    measures = {w: checked(unit, "measures") for unit, ws in _grouped(data, "measures", source).items() for w in ws}
    inherit = frozenset(_words(data, "inherit", source))
    if not inherit <= classifiers.keys():
        raise KBError(f"{source}: inherit names classifiers not in classifiers: {sorted(inherit - classifiers.keys())}")
    return ClaimRules(
        units=units,
        nouns=nouns,
        not_nouns=_by_length(_words(data, "not_nouns", source)),
        classifiers=classifiers,
        inherit=inherit,
        not_classifiers=_by_length(_words(data, "not_classifiers", source)),
        person_words=_by_length(_words(data, "person_words", source)),
        measures=measures,
        weights=_by_length(_words(data, "weights", source)),
        weight_context=_by_length(_words(data, "weight_context", source)),
        percent_words=_by_length(_words(data, "percent_words", source)),
        fraction=_by_length(_words(data, "fraction", source)),
        tenths=_by_length(_words(data, "tenths", source)),
        vague=_numbers(data, "vague", source),
        approx_before=_by_length(_words(data, "approx_before", source)),
        approx_after=_by_length(_words(data, "approx_after", source)),
        approx_end=_by_length(_words(data, "approx_end", source)),
        range_separators=_by_length(_words(data, "range_separators", source)),
        count_words=_by_length(_words(data, "count_words", source)),
        not_counts=_by_length(_words(data, "not_counts", source)),
        not_before=_by_length(_words(data, "not_before", source)),
        demonstratives=_by_length(_words(data, "demonstratives", source)),
        not_approx=_by_length(_words(data, "not_approx", source)),
        percent_context=_by_length(_words(data, "percent_context", source)),
        speed_marks=_by_length(_words(data, "speed_marks", source)),
        ordinal_marks=_by_length(_words(data, "ordinal_marks", source)),
        name_endings=_by_length(_words(data, "name_endings", source)),
        country_suffixes={w: int(n) for w, n in _numbers(data, "country_suffixes", source).items()},
        not_after_country=_by_length(_words(data, "not_after_country", source)),
        smallest={checked(u, "smallest"): n for u, n in _numbers(data, "smallest", source).items()},
        noun_breaks=_by_length(_words(data, "noun_breaks", source)),
        holder_words=_by_length(_words(data, "holder_words", source)),
    )
