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


def word_list(data: dict, key: str, source: str, *, optional: bool = False) -> list[str]:
    """The words listed under `key`, folded; a missing key is an empty list when `optional`."""
    value = data.get(key)
    if value is None and optional:
        return []
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise KBError(f"{source}: {key} must be a list of words")
    return [fold(w.strip()) for w in value]


def longest_first(words: list[str]) -> tuple[str, ...]:
    """Distinct words, longest first (then in order), so a scan takes the longest word that fits."""
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


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
    modifiers, heads, suffixes, same_class = (frozenset(word_list(data, key, source))
                                              for key in ("modifiers", "heads", "suffixes", "same_class"))
    return ClassGrammar(modifiers, heads, suffixes, same_class)


@lru_cache(maxsize=1)
def designations() -> Designations:
    source = "designations.yaml"
    data = _mapping(source)
    latin = data.get("latin") or []
    return Designations(
        series=tuple(word_list(data, "series", source)),
        latin=tuple(_pattern(p, source) for p in latin),
        latin_before_class=_pattern(data.get("latin_before_class") or r"(?!)", source),
        weapon_words=tuple(word_list(data, "weapon_words", source)),
        not_weapons=frozenset(alias_key(w) for w in word_list(data, "not_weapons", source)),
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
        titles=frozenset(word_list(data, "titles", source)),
        title_prefixes=tuple(word_list(data, "title_prefixes", source)),
        role_stops=tuple(word_list(data, "role_stops", source)),
        not_names=frozenset(alias_key(w) for w in word_list(data, "not_names", source)),
        org_suffixes=tuple(word_list(data, "org_suffixes", source)),
        place_suffixes=tuple(word_list(data, "place_suffixes", source)),
        document_heads=tuple(word_list(data, "document_heads", source)),
        english_org_words=frozenset(word_list(data, "english_org_words", source)),
    )


@lru_cache(maxsize=1)
def speech_rules() -> SpeechRules:
    source = "speech.yaml"
    data = _mapping(source)

    def words(key: str) -> tuple[str, ...]:
        return longest_first(word_list(data, key, source))

    return SpeechRules(
        verbs=words("verbs"),
        comma_verbs=words("comma_verbs"),
        not_speech=words("not_speech"),
        verb_tails=words("verb_tails"),
        report_heads=words("report_heads"),
        report_tails=words("report_tails"),
        citing_verbs=words("citing_verbs"),
        listener_verbs=words("listener_verbs"),
        platforms=frozenset(word_list(data, "platforms", source)),
        unnamed_heads=words("unnamed_heads"),
        determiners=words("determiners"),
        anaphoric_determiners=words("anaphoric_determiners"),
        pronouns=words("pronouns"),
        document_heads=words("document_heads"),
        org_anaphors=words("org_anaphors"),
        collective_heads=words("collective_heads"),
        backward_markers=words("backward_markers"),
        continuation_markers=words("continuation_markers"),
        credit_heads=words("credit_heads"),
        object_markers=words("object_markers"),
        content_breaks=words("content_breaks"),
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


def _grouped(data: dict, key: str, source: str) -> dict[str, list[str]]:
    """A mapping of group name -> list of words (nouns by unit), with every word folded."""
    value = data.get(key)
    if not isinstance(value, dict):
        raise KBError(f"{source}: {key} must be a mapping of lists")
    return {str(group): word_list(value, group, f"{source}: {key}") for group in value}


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
    units = frozenset(word_list(data, "units", source))
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
        allowed = word_list(raw_classifiers, word, f"{source}: classifiers")
        classifiers[fold(str(word).strip())] = frozenset(checked(u, "classifiers") for u in allowed)
    measures = {w: checked(unit, "measures") for unit, ws in _grouped(data, "measures", source).items() for w in ws}
    inherit = frozenset(word_list(data, "inherit", source))
    if not inherit <= classifiers.keys():
        raise KBError(f"{source}: inherit names classifiers not in classifiers: {sorted(inherit - classifiers.keys())}")

    def words(key: str) -> tuple[str, ...]:
        return longest_first(word_list(data, key, source))

    return ClaimRules(
        units=units,
        nouns=nouns,
        not_nouns=words("not_nouns"),
        classifiers=classifiers,
        inherit=inherit,
        not_classifiers=words("not_classifiers"),
        person_words=words("person_words"),
        measures=measures,
        weights=words("weights"),
        weight_context=words("weight_context"),
        percent_words=words("percent_words"),
        fraction=words("fraction"),
        tenths=words("tenths"),
        vague=_numbers(data, "vague", source),
        approx_before=words("approx_before"),
        approx_after=words("approx_after"),
        approx_end=words("approx_end"),
        range_separators=words("range_separators"),
        count_words=words("count_words"),
        not_counts=words("not_counts"),
        not_before=words("not_before"),
        demonstratives=words("demonstratives"),
        not_approx=words("not_approx"),
        percent_context=words("percent_context"),
        speed_marks=words("speed_marks"),
        ordinal_marks=words("ordinal_marks"),
        name_endings=words("name_endings"),
        country_suffixes={w: int(n) for w, n in _numbers(data, "country_suffixes", source).items()},
        not_after_country=words("not_after_country"),
        smallest={checked(u, "smallest"): n for u, n in _numbers(data, "smallest", source).items()},
        noun_breaks=words("noun_breaks"),
        holder_words=words("holder_words"),
    )
