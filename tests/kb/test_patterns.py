"""The word lists and patterns the entity stage reads names with load, fold and validate."""

from __future__ import annotations

import pytest

from armswatch.kb import patterns
from armswatch.kb.entities import build_kb, knowledge_base
from armswatch.kb.loader import KBError


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
