"""The word lists and patterns the entity stage reads names with load, fold and validate."""

from __future__ import annotations

import dataclasses

import pytest

from armswatch.kb import patterns
from armswatch.kb.entities import build_kb, knowledge_base
from armswatch.kb.loader import KBError
from armswatch.normalize.script import fold


def test_bundled_pattern_files_load_and_are_folded():
    grammar = patterns.class_grammar()
    assert {"战术", "核", "陆基"} <= grammar.modifiers and "导弹" in grammar.heads and "系统" in grammar.same_class
    rules = patterns.name_rules()
    assert "总统" in rules.titles and "国务卿" in rules.titles
    assert "专家" in rules.not_names
    assert {"维", "尔", "斯"} <= rules.transliteration
    assert "研究所" in rules.org_suffixes and "报告" in rules.document_heads
    desig = patterns.designations()
    assert "东风" in desig.series and "covid19" in desig.not_weapons


def test_a_bad_pattern_file_names_the_file(monkeypatch):
    monkeypatch.setattr(patterns, "load_yaml", lambda name: {"modifiers": "核", "heads": [], "suffixes": []})
    patterns.class_grammar.cache_clear()
    try:
        with pytest.raises(KBError, match="weapon_class_terms.yaml: modifiers must be a list"):
            patterns.class_grammar()
    finally:
        patterns.class_grammar.cache_clear()


def test_context_aliases_are_indexed_apart_and_may_not_repeat_a_plain_alias():
    kb = knowledge_base()
    assert kb.by_context_alias["匕首"] == ("kb:weapon/kinzhal",)
    assert "匕首" not in kb.by_alias
    with pytest.raises(KBError, match="already a plain alias"):
        build_kb({"WEAPON": [{"id": "kb:weapon/a", "name": "甲", "aliases": ["乙"], "context_aliases": ["乙"]}]})


def test_speech_rules_are_folded_to_simplified():
    rules = patterns.speech_rules()
    assert "说" in rules.verbs and "說" not in rules.verbs
    assert rules.verbs.count("说") == 1  # 说 and 說 fold to one word
    assert "认为" in rules.verbs and "認為" not in rules.verbs
    assert "告诉" in rules.listener_verbs and "告訴" not in rules.listener_verbs
    assert "据" in rules.report_heads and "據" not in rules.report_heads
    # Latin platform names are case-folded as the text is: "Twitter" is matched as "twitter".
    assert {"twitter", "x", "推特", "脸书"} <= rules.platforms and "Twitter" not in rules.platforms
    for field in dataclasses.fields(rules):
        for word in getattr(rules, field.name):
            assert word == fold(word), (field.name, word)


def test_speech_rule_lists_are_longest_first_without_repeats():
    rules = patterns.speech_rules()
    for field in dataclasses.fields(rules):
        words = getattr(rules, field.name)
        if isinstance(words, frozenset):
            continue
        assert isinstance(words, tuple) and words, field.name
        assert [len(w) for w in words] == sorted((len(w) for w in words), reverse=True), field.name
        assert len(set(words)) == len(words), field.name
    # A scan takes the longest fit: 补充说 before 补充, 说道 before 说.
    assert rules.verbs.index("补充说") < rules.verbs.index("补充")
    assert rules.verbs.index("说道") < rules.verbs.index("说")


def test_a_bad_speech_file_names_the_file_and_the_list(monkeypatch):
    monkeypatch.setattr(patterns, "load_yaml", lambda name: {"verbs": "说"})
    patterns.speech_rules.cache_clear()
    try:
        with pytest.raises(KBError, match="speech.yaml: verbs must be a list of words"):
            patterns.speech_rules()
    finally:
        patterns.speech_rules.cache_clear()


def test_a_speech_file_missing_a_list_or_holding_an_empty_word_is_reported(monkeypatch):
    good = patterns.load_yaml("speech.yaml")
    missing = {k: v for k, v in good.items() if k != "report_tails"}
    blank = {**good, "pronouns": ["他", "  "]}
    try:
        monkeypatch.setattr(patterns, "load_yaml", lambda name: missing)
        patterns.speech_rules.cache_clear()
        with pytest.raises(KBError, match="speech.yaml: report_tails must be a list of words"):
            patterns.speech_rules()
        monkeypatch.setattr(patterns, "load_yaml", lambda name: blank)
        patterns.speech_rules.cache_clear()
        with pytest.raises(KBError, match="speech.yaml: pronouns must be a list of words"):
            patterns.speech_rules()
    finally:
        patterns.speech_rules.cache_clear()


def test_a_speech_file_that_is_not_a_mapping_is_reported(monkeypatch):
    monkeypatch.setattr(patterns, "load_yaml", lambda name: ["说", "表示"])
    patterns.speech_rules.cache_clear()
    try:
        with pytest.raises(KBError, match="speech.yaml: must be a mapping of lists"):
            patterns.speech_rules()
    finally:
        patterns.speech_rules.cache_clear()
