"""Full-text search through a real SQLite store: scripts, term lengths, syntax, filters, snippets, ranking."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from armswatch.document import Document
from armswatch.normalize.script import fold
from armswatch.store import open_store
from armswatch.store.search import date_bounds, fts_string, parse_query, split_terms
from armswatch.store.sqlite import SQLiteStore


def make_doc(key: str, text: str, **fields) -> Document:
    return Document(text=text, doc_id=hashlib.sha256(text.encode()).hexdigest(), source_path=f"{key}.md", **fields)


CORPUS = {
    # Traditional script.
    "trad": make_doc("trad", "白俄羅斯總統盧卡申科週二表示，俄羅斯的戰術核武器已經運抵。"
                             "他說，伊斯坎德爾（Iskander）飛彈也已部署。",
                     title="盧卡申科：戰術核武器已運抵", published="2024-01-20T12:51:00+00:00", outlet="RFI 法广",
                     lang="zh-Hant"),
    "putin": make_doc("putin", "俄罗斯总统普京说，在白俄罗斯部署战术核武器的工作将于七月完成。卢卡申科此前表示欢迎。",
                      title="普京称部署将于夏季完成", published="2023-06-14", outlet="美国之音", lang="zh-Hans"),
    "iran": make_doc("iran", "伊朗周二试射了一枚新型弹道导弹，美国对此表示谴责并考虑新的制裁。",
                     title="伊朗试射弹道导弹", published="2022-03-01T08:00:00+00:00", outlet="BBC中文", lang="zh-Hans"),
    "english": make_doc("english", "Russia has moved ISKANDER-M launchers closer to the border, US officials said.",
                        title="Russia moves launchers", published=None, outlet="Reuters", lang="en"),
    # 伊 and 朗 only with punctuation between them: not the word 伊朗.
    "apart": make_doc("apart", "记者问道：“是伊，朗读者还是别人？”", title="杂谈", published="2021-05-05",
                      outlet="联合早报", lang="zh-Hans"),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    opened = open_store(tmp_path_factory.mktemp("search") / "search.db")
    for doc in CORPUS.values():
        assert opened.put(doc)
    yield opened
    opened.close()


def found(store: SQLiteStore, query: str, **filters) -> set[str]:
    """Keys of the corpus documents a query finds; also checks count_search agrees."""
    hits = store.search(query, limit=100, **filters)
    assert store.count_search(query, **filters) == len(hits)
    by_id = {doc.doc_id: key for key, doc in CORPUS.items()}
    return {by_id[hit.doc_id] for hit in hits}


# -- matching -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["盧卡申科", "卢卡申科"])
def test_either_script_finds_both(store: SQLiteStore, query: str):
    assert found(store, query) == {"trad", "putin"}


@pytest.mark.parametrize(("query", "expected"), [
    ("俄", {"trad", "putin"}),
    ("彈", {"trad", "iran"}),
    ("普京", {"putin"}),
    ("伊朗", {"iran"}),
    ("導彈", {"iran"}),
    ("飞弹", {"trad"}),
    ("弹道导弹", {"iran"}),
    ("彈道導彈", {"iran"}),
    ("战术核武器", {"trad", "putin"}),
])
def test_terms_of_one_two_and_more_characters(store: SQLiteStore, query: str, expected: set[str]):
    assert found(store, query) == expected


def test_english_terms_ignore_case_and_width(store: SQLiteStore):
    assert found(store, "iskander") == {"trad", "english"}
    assert found(store, "ISKANDER") == {"trad", "english"}
    assert found(store, "ｉｓｋａｎｄｅｒ") == {"trad", "english"}


def test_short_latin_terms_are_whole_words(store: SQLiteStore):
    assert found(store, "us") == {"english"}  # not the "us" inside "Russia"
    [hit] = store.search("us")
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["US"]


def test_two_characters_must_be_adjacent(store: SQLiteStore):
    assert "apart" not in found(store, "伊朗")
    assert found(store, "伊") == {"iran", "apart", "trad"}


def test_all_terms_must_match(store: SQLiteStore):
    assert found(store, "核武器 普京") == {"putin"}
    assert found(store, "卢卡申科 核武器") == {"trad", "putin"}
    assert found(store, "俄 伊朗") == set()
    assert found(store, "伊朗 制裁 美") == {"iran"}


def test_a_term_matching_nothing(store: SQLiteStore):
    assert found(store, "泽连斯基") == set()
    assert found(store, "普京 泽连斯基") == set()


@pytest.mark.parametrize("query", ["", "   ", "\t\n", '""', '" "'])
def test_empty_query_finds_nothing(store: SQLiteStore, query: str):
    assert store.search(query) == []
    assert store.count_search(query) == 0


@pytest.mark.parametrize("query", ['"', "*", "-", "OR", "(", ")", "普京*", "-普京", '普京"', '"普京', "NOT 普京",
                                   "NEAR(普京 核武器)", "title:普京", "^普京", "{title body}:普京", "普京 AND",
                                   "'", "\\", "+", ":", "a:b", "伊朗 OR 普京", '"伊朗" OR "普京"', "普京 )"])
def test_fts5_syntax_in_a_query_never_raises(store: SQLiteStore, query: str):
    store.search(query)
    store.count_search(query)


def test_operators_are_just_words(store: SQLiteStore):
    # As FTS5 syntax this would be "伊朗 OR 普京"; here it is three terms that must all match.
    assert found(store, "伊朗 OR 普京") == set()
    # Punctuation at the ends of a term is ignored, whatever its length.
    assert found(store, "(普京") == found(store, "“普京”") == found(store, "普京。") == {"putin"}
    assert found(store, "“卢卡申科”") == {"trad", "putin"}


def test_quoted_terms_are_phrases_across_spaces_and_punctuation(store: SQLiteStore):
    assert found(store, '"border, us"') == {"english"}
    assert found(store, '"border us"') == {"english"}  # a gap of spaces or punctuation is one separator
    assert found(store, '"us border"') == set()


# -- filters and pagination ---------------------------------------------------------------------------

def test_outlet_filter_ignores_case(store: SQLiteStore):
    assert found(store, "核武器", outlet="rfi 法广") == {"trad"}
    assert found(store, "iskander", outlet="REUTERS") == {"english"}
    assert found(store, "核武器", outlet="RFI") == set()


def test_date_filters_are_inclusive_and_skip_undated(store: SQLiteStore):
    assert found(store, "核武器", since="2024") == {"trad"}
    assert found(store, "核武器", until="2023-06-14") == {"putin"}
    assert found(store, "核武器", since="2023-06", until="2024-01-20") == {"trad", "putin"}
    assert found(store, "iskander", since="1900") == {"trad"}  # the English copy has no date
    assert found(store, "伊", until="2021") == {"apart"}
    assert found(store, "伊", until="2020") == set()


def test_lang_filter(store: SQLiteStore):
    assert found(store, "iskander", lang="en") == {"english"}
    assert found(store, "俄", lang="zh-Hant") == {"trad"}


def test_pages_follow_the_ranking(store: SQLiteStore):
    everything = [hit.doc_id for hit in store.search("俄", limit=10)]
    assert [hit.doc_id for hit in store.search("俄", limit=1, offset=1)] == everything[1:2]
    assert store.search("俄", limit=0) == []


# -- snippets -----------------------------------------------------------------------------------------

def test_highlights_point_at_the_original_script(store: SQLiteStore):
    [hit] = [h for h in store.search("卢卡申科") if h.doc_id == CORPUS["trad"].doc_id]
    assert "盧卡申科" in hit.snippet
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["盧卡申科"]
    assert hit.snippet.startswith("白俄羅斯總統") and not hit.snippet.startswith("…")


def test_every_term_is_highlighted(store: SQLiteStore):
    [hit] = store.search("普京 核武器")
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["普京", "核武器"]


def test_snippet_is_cut_around_the_first_match(tmp_path: Path):
    before, after = "甲" * 200, "乙" * 200
    text = before + "弹道导弹" + "丙" * 20 + "導彈" + after + "导弹"
    with open_store(tmp_path / "s.db") as store:
        store.put(make_doc("long", text, title="标题"))
        [hit] = store.search("导弹")
    # 30 characters before the first match (导弹 inside 弹道导弹), 90 after it.
    assert hit.snippet == "…" + "甲" * 28 + "弹道导弹" + "丙" * 20 + "導彈" + "乙" * 68 + "…"
    # Every occurrence inside the snippet, none of the one far outside it.
    assert hit.highlights == [(31, 33), (53, 55)]
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["导弹", "導彈"]


def test_title_only_match_gives_a_title_snippet(tmp_path: Path):
    with open_store(tmp_path / "s.db") as store:
        store.put(make_doc("t", "正文没有那个词。", title="核查机制"))
        [hit] = store.search("核查")
    assert hit.snippet == "核查机制"
    assert hit.highlights == [(0, 2)]


# -- ranking ------------------------------------------------------------------------------------------

def test_title_and_frequent_mentions_rank_above_a_single_mention(tmp_path: Path):
    filler = "今天各方举行了会谈，讨论了地区安全局势和经济合作问题，气氛良好。"
    docs = {
        "once": make_doc("once", filler + "会上也提到了制裁。" + filler, title="地区安全会谈", published="2024-05-01"),
        "title": make_doc("title", filler + "会上也提到了制裁。" + filler, title="制裁问题会谈",
                          published="2020-01-01"),
        "often": make_doc("often", filler + "制裁，制裁，再制裁，制裁不断，制裁加码。" + filler,
                          title="地区会谈", published="2020-01-01"),
    }
    with open_store(tmp_path / "s.db") as store:
        for doc in docs.values():
            store.put(doc)
        for query in ("制裁", "制裁 会谈"):
            ranked = [h.doc_id for h in store.search(query)]
            assert ranked[-1] == docs["once"].doc_id, query
            assert set(ranked[:2]) == {docs["title"].doc_id, docs["often"].doc_id}
        scores = [h.score for h in store.search("制裁")]
        assert scores == sorted(scores, reverse=True)


def test_ties_go_to_the_newest(tmp_path: Path):
    older = make_doc("older", "裁军谈判今日举行。", published="2020-01-01")
    newer = make_doc("newer", "裁军会议今日举行。", published="2022-01-01")
    undated = make_doc("undated", "裁军磋商今日举行。", published=None)
    with open_store(tmp_path / "s.db") as store:
        for doc in (undated, newer, older):
            store.put(doc)
        assert [h.doc_id for h in store.search("裁军")] == [newer.doc_id, older.doc_id, undated.doc_id]


# -- query parsing, without a database ----------------------------------------------------------------

def test_split_terms_keeps_quoted_spaces():
    assert split_terms('普京  "new start"  核') == ["普京", "new start", "核"]
    assert split_terms('a"b "unclosed quote') == ['a"b', "unclosed quote"]


def test_terms_are_folded_into_phrases_of_unigram_tokens():
    parsed = parse_query("盧卡申科 普京 俄 ＡＢ - 「」")
    assert parsed is not None
    assert [t.text for t in parsed.terms] == ["卢卡申科", "普京", "俄", "ab"]
    assert parsed.match == '"卢  卡  申  科" AND "普  京" AND "俄" AND "ab"'
    assert parse_query("- * ( )") is None


def test_fts_strings_escape_quotes():
    assert fts_string('say "hi"') == '"say ""hi"""'


def test_date_bounds():
    assert date_bounds("2023", "2023-06") == ("2023", "2023-06~")
    assert date_bounds(None, None) == (None, None)
    assert "2023-06-30T23:59:59+08:00" < date_bounds(None, "2023-06")[1] < "2023-07"
    with pytest.raises(ValueError):
        date_bounds("2023/01/01", None)


def test_fold_keeps_offsets():
    text = CORPUS["trad"].text
    assert len(fold(text)) == len(text)
