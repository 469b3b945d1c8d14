"""The quotes stage on small texts: one test per way articles attribute statements, in both scripts.

Each text runs through the entity stage and the quotes stage, as in production (the
bundled knowledge base and LAC). Every test runs twice: on the Simplified text as written
and on its Traditional conversion, which must give the same quotes at the same offsets.
"""

from __future__ import annotations

import opencc
import pytest

from armswatch.document import Document
from armswatch.extract.entities import EntityStage
from armswatch.extract.quotes import QuoteStage
from armswatch.normalize.script import fold

LUKASHENKO = "kb:person/alexander-lukashenko"
_S2T = opencc.OpenCC("s2t")


@pytest.fixture(scope="module")
def stages() -> tuple[EntityStage, QuoteStage]:
    return EntityStage(), QuoteStage()


@pytest.fixture(params=["simplified", "traditional"])
def script(request) -> str:
    return request.param


def read(stages, script: str, text: str) -> list[dict]:
    text = _S2T.convert(text) if script == "traditional" else text
    assert len(text) == len(text)  # offsets below are into this text
    doc = Document(source_path="t", text=text)
    for stage in stages:
        stage(doc)
    for q in doc.quotes:
        assert 0 <= q["start"] <= q["end"] <= len(text)
    return doc.quotes


def same(a: str | None, b: str) -> bool:
    """Equal after folding, so the Traditional run is checked against the Simplified expectation."""
    return a is not None and fold(a) == fold(b)


def only(quotes: list[dict]) -> dict:
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_direct_quote_after_a_colon(stages, script):
    q = only(read(stages, script, "卢卡申科补充说：“我们获得了大量弹药，尤其是导弹。”"))
    assert q["direct"] is True
    assert q["speaker"] == LUKASHENKO
    assert same(q["text"], "我们获得了大量弹药，尤其是导弹。")


@pytest.mark.parametrize("marks", ["“”", "「」", "『』"])
def test_every_kind_of_quotation_mark(stages, script, marks):
    q = only(read(stages, script, f"卢卡申科表示：{marks[0]}白俄罗斯不会使用核武器。{marks[1]}"))
    assert q["direct"] and q["speaker"] == LUKASHENKO
    assert same(q["text"], "白俄罗斯不会使用核武器。")


def test_nested_marks_stay_inside_one_quote(stages, script):
    q = only(read(stages, script, "卢卡申科说：「不要说『我们只是保管它』，这些就是我们的武器。」"))
    assert same(q["text"], "不要说『我们只是保管它』，这些就是我们的武器。")


def test_a_quote_running_over_several_paragraphs_is_one_quote(stages, script):
    text = "卢卡申科说：“第一，我们获得了导弹。\n“第二，我们已经付了钱。”"
    q = only(read(stages, script, text))
    assert q["direct"] and q["speaker"] == LUKASHENKO
    assert "第一" in q["text"] and "第二" in q["text"]


def test_a_quote_split_by_its_attribution_is_one_quote(stages, script):
    q = only(read(stages, script, "“我们获得了大量弹药，”卢卡申科说，“尤其是导弹。”"))
    assert q["direct"] and q["speaker"] == LUKASHENKO
    assert same(q["text"], "我们获得了大量弹药，尤其是导弹。")


def test_reported_speech_runs_to_the_end_of_the_sentence(stages, script):
    q = only(read(stages, script, "卢卡申科周四表示，中国的军事援助不会针对第三国。双方同意举行演习。"))
    assert q["direct"] is False and q["speaker"] == LUKASHENKO
    assert same(q["text"], "中国的军事援助不会针对第三国")


def test_reported_speech_stops_at_the_next_speaker(stages, script):
    quotes = read(stages, script, "6月，普京总统表示已开始交付，同年12月，卢卡申科总统确认核武器已于10月完成交付。")
    assert [(q["speaker"], fold(q["text"])) for q in quotes] == [
        ("kb:person/vladimir-putin", fold("已开始交付")),
        (LUKASHENKO, fold("核武器已于10月完成交付")),
    ]


def test_the_speaker_after_form_direct_and_reported(stages, script):
    direct = only(read(stages, script, "“这些就是我们的武器，将有助于主权和独立。” 卢卡申科说道。"))
    assert direct["direct"] and direct["speaker"] == LUKASHENKO
    reported = only(read(stages, script, "白俄罗斯只有在受到威胁时才会使用这些武器，卢卡申科说。"))
    assert not reported["direct"] and reported["speaker"] == LUKASHENKO
    assert same(reported["text"], "白俄罗斯只有在受到威胁时才会使用这些武器")


def test_a_pronoun_is_the_last_speaker(stages, script):
    quotes = read(stages, script, "卢卡申科表示，白俄罗斯已经接收了核武器。他补充说，边界不会受到侵犯。")
    assert [q["speaker"] for q in quotes] == [LUKASHENKO, LUKASHENKO]
    assert same(quotes[1]["speaker_name"], "卢卡申科")


def test_a_lone_quotation_is_the_last_speakers(stages, script):
    text = "赫列宁说：“我们将明确表达我们的看法。”\n“一个新的篇章已经开启。”"
    quotes = read(stages, script, text)
    assert [q["speaker"] for q in quotes] == ["kb:person/viktor-khrenin"] * 2
    assert same(quotes[1]["text"], "一个新的篇章已经开启。")


def test_an_unnamed_speaker_is_kept_as_written(stages, script):
    q = only(read(stages, script, "其中一位美国官员说：“俄罗斯打算从伊朗购买导弹系统。”"))
    assert q["speaker"] is None
    assert same(q["speaker_name"], "其中一位美国官员")


def test_a_reporting_outlet_is_cited_not_the_speaker(stages, script):
    text = "据俄新社报道，白俄罗斯总统卢卡申科表示，白俄罗斯从俄罗斯获得了伊斯坎德尔导弹。"
    q = only(read(stages, script, text))
    assert q["speaker"] == LUKASHENKO
    assert same(q["cited_source"], "俄新社")


def test_an_outlet_speaks_when_it_is_the_only_source(stages, script):
    q = only(read(stages, script, "美联社称，莫斯科正在白俄罗斯部署战术核武器。"))
    assert q["speaker"] == "kb:org/ap"
    assert q["cited_source"] is None


def test_an_outlet_a_person_spoke_to_is_cited(stages, script):
    q = only(read(stages, script, "科菲对美国之音说：“我们必须为所有突发事件做好计划。”"))
    assert same(q["cited_source"], "美国之音")
    citing = only(read(stages, script, "美联社引述白俄罗斯分析人士瓦列里·卡尔巴列维奇表示，这是一个重要信号。"))
    assert same(citing["speaker_name"], "瓦列里·卡尔巴列维奇")
    assert same(citing["cited_source"], "美联社")


def test_a_quoted_fragment_in_a_paraphrase_is_one_reported_quote(stages, script):
    q = only(read(stages, script, "卢卡申科强调，使用这些武器需要“严格遵守协议”并得到高级官员的批准。"))
    assert q["direct"] is False
    assert same(q["text"], "使用这些武器需要“严格遵守协议”并得到高级官员的批准")


def test_quoted_terms_are_not_quotes(stages, script):
    assert read(stages, script, "这种“遊蕩彈藥”会在一个区域周围徘徊，被称为“手提箱炸弹”。") == []


def test_hearsay_and_naming_are_not_statements(stages, script):
    assert read(stages, script, "据说这种导弹被称为伊斯坎德尔，也就是说射程很短。") == []


def test_several_speakers_at_once(stages, script):
    q = only(read(stages, script, "美国和英国表示，将继续向乌克兰提供防空系统。"))
    assert q["speakers"] == ["kb:state/united-states", "kb:state/united-kingdom"]
    assert q["speaker"] == "kb:state/united-states"
    assert q["speaker_name"] == (_S2T.convert("美国和英国") if script == "traditional" else "美国和英国")  # as written


def test_a_statement_refers_back_to_who_issued_it(stages, script):
    text = "七国集团领导人在声明中表示，他们将坚定与乌克兰站在一起。声明说：“我们将追究普京的责任。”"
    quotes = read(stages, script, text)
    assert [q["speaker"] for q in quotes] == ["kb:org/g7", "kb:org/g7"]


def test_the_person_after_a_preposition_is_not_the_speaker(stages, script):
    text = "七国集团领导人与乌克兰总统泽连斯基举行会议，并保证将坚定与乌克兰站在一起。"
    q = only(read(stages, script, text))
    assert q["speaker"] == "kb:org/g7"


def test_a_roundup_header_gives_speaker_outlet_and_date(stages, script):
    text = ("美国观点\n"
            "玛丽安娜·布杰林(Mariana Budjeryn),哈佛大学贝尔弗中心副研究员:\n"
            "“旧的全球核秩序正在迅速崩塌，但新的秩序尚未出现。”(贝尔弗中心,2026年02月04日)\n"
            "表示该条约提供了“非常强的可预测性”。(Axios,2026年01月30日)")
    quotes = read(stages, script, text)
    assert [(q["direct"], fold(q["cited_source"]), q["cited_date"]) for q in quotes] == [
        (True, fold("贝尔弗中心"), "2026-02-04"), (False, "axios", "2026-01-30")]
    assert all(same(q["speaker_name"], "玛丽安娜·布杰林") for q in quotes)


def test_quotes_come_from_the_body_not_the_title(stages, script):
    text = _S2T.convert("双方同意举行演习。") if script == "traditional" else "双方同意举行演习。"
    doc = Document(source_path="t", text=text, title="卢卡申科：“我们获得了导弹。”")
    for stage in stages:
        stage(doc)
    assert doc.quotes == []


def test_a_dateline_is_not_a_statement(stages, script):
    text = "（中央社记者华盛顿21日专电）美国国务院今天宣布，已经批准3笔对台军售。"
    q = only(read(stages, script, text))
    assert same(q["speaker_name"], "美国国务院")
    assert same(q["text"], "已经批准3笔对台军售")


def test_who_is_told_is_not_the_speaker(stages, script):
    q = only(read(stages, script, "卢卡申科告诉俄新社说，白俄罗斯已经接收了俄罗斯的核武器。"))
    assert q["speaker"] == LUKASHENKO
    assert same(q["cited_source"], "俄新社")


def test_a_states_view_in_a_persons_statement_stays_the_persons(stages, script):
    q = only(read(stages, script, "卢卡申科表示，白俄罗斯认为北约正在边境集结军队。"))
    assert q["speaker"] == LUKASHENKO
    assert same(q["text"], "白俄罗斯认为北约正在边境集结军队")


def test_speaking_as_a_verb_of_its_own_is_not_a_statement(stages, script):
    assert read(stages, script, "我不是替美国说话，但美国的科技优势值得学习。") == []
