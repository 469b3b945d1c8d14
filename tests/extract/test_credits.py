"""Outlets credited for a statement: report frames, citing verbs, listeners, datelines, source names.

These use the bundled knowledge base and speech rules; mentions are written by hand, as the entity
stage would give them, at offsets found in the text.
"""

from __future__ import annotations

import pytest

from armswatch.extract.credits import DATELINE, Credits, Frame, clean_source
from armswatch.extract.speakers import Mentions, Speaker
from armswatch.kb.entities import knowledge_base
from armswatch.kb.patterns import speech_rules
from armswatch.normalize import outlets
from armswatch.normalize.script import fold


@pytest.fixture(scope="module")
def credits() -> Credits:
    return Credits(knowledge_base(), speech_rules())


@pytest.fixture(scope="module")
def ap() -> str:
    """The publisher name records use for 美联社 (what `publisher` is compared with)."""
    outlet = outlets.by_name("美联社")
    assert outlet is not None
    return outlet.name


def mentions(text: str, *found: tuple[str, str, str]) -> Mentions:
    """Mentions of (id, type, name as written in `text`), each at its first place in `text`."""
    entities = []
    for entity_id, entity_type, name in found:
        start = text.index(name)
        entities.append({"id": entity_id, "type": entity_type, "name": name,
                         "mentions": [{"start": start, "end": start + len(name), "text": name}]})
    return Mentions(entities)


RIA = ("kb:org/ria-novosti", "ORG", "俄新社")
AP = ("kb:org/ap", "ORG", "美联社")


# --- clean_source -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "clean"),
    [
        ("《华盛顿时报》5月25日", "华盛顿时报"),
        ("《华盛顿时报》", "华盛顿时报"),
        ("俄新社(RIA NOVOSTI)", "俄新社"),
        ("俄新社（RIA NOVOSTI）", "俄新社"),
        ("路透社曾在", "路透社"),
        ("美联社日前", "美联社"),
        ("法新社今天", "法新社"),
        ("塔斯社3日", "塔斯社"),
        (" 路透社， ", "路透社"),
        ("路透社", "路透社"),
    ],
)
def test_clean_source(written, clean):
    assert clean_source(written) == clean


# --- DATELINE -----------------------------------------------------------------------------------------------


def test_dateline_in_brackets():
    text = fold("（中央社記者江今葉華盛頓21日專電）美國總統拜登表示，")
    found = DATELINE.match(text)
    assert found is not None
    assert found.group() == fold("（中央社記者江今葉華盛頓21日專電）")


def test_dateline_with_places_and_a_dash():
    text = fold("路透首尔/华盛顿3月26日 - 韩国官员表示，")
    found = DATELINE.match(text)
    assert found is not None
    assert found.group() == "路透首尔/华盛顿3月26日 - "
    assert text[found.end() :].startswith("韩国")


def test_dateline_with_a_bracketed_head():
    text = fold("【大纪元2024年03月26日讯】（大纪元记者李明综合报导）美国国务院表示，")
    found = DATELINE.match(text)
    assert found is not None and text[found.end() :].startswith("美国国务院")


@pytest.mark.parametrize(
    "sentence",
    [
        "美国国务卿布林肯周二表示，他将访问中国。",
        "路透社3月26日报道，韩国官员表示，",  # a date but no dash: an ordinary sentence
        "他在3月26日 表示",
    ],
)
def test_dateline_does_not_match_an_ordinary_sentence(sentence):
    assert DATELINE.match(fold(sentence)) is None


# --- frame --------------------------------------------------------------------------------------------------


def frame_of(credits: Credits, text: str, *found: tuple[str, str, str], at_start: bool = False) -> Frame | None:
    folded = fold(text)
    return credits.frame(text, folded, mentions(text, *found), 0, len(text), at_start=at_start)


def test_a_report_frame_with_a_mention_gives_the_named_outlet(credits):
    frame = frame_of(credits, "据俄新社报道，俄罗斯军队已经撤离。", RIA)
    assert frame == Frame(0, 6, "俄新社", Speaker("kb:org/ria-novosti", "俄新社", "ORG", 1, 4, "named"))


def test_a_report_frame_without_a_mention_gives_the_outlet_as_written(credits):
    frame = frame_of(credits, "据俄新社报道，俄罗斯军队已经撤离。")
    assert frame == Frame(0, 6, "俄新社", Speaker(None, "俄新社", None, 1, 4, "unnamed"))


def test_a_report_frame_in_traditional_script(credits):
    frame = frame_of(credits, "據俄新社報導，俄羅斯軍隊已經撤離。")
    assert frame is not None and frame.source == "俄新社" and (frame.start, frame.end) == (0, 6)


def test_a_report_frame_with_title_marks_and_de(credits):
    text = "根据《华盛顿时报》的报道，美军已经撤离。"
    frame = frame_of(credits, text)
    assert frame is not None
    assert frame.source == "华盛顿时报"
    assert (frame.start, frame.end) == (0, text.index("，"))


def test_a_report_frame_opening_a_later_clause(credits):
    text = "俄罗斯军队已经撤离，据俄新社报道，导弹已部署。"
    frame = frame_of(credits, text, RIA)
    assert frame is not None and frame.source == "俄新社"
    assert frame.start == text.index("据")
    assert frame_of(credits, text, RIA, at_start=True) is None  # not at the very start


def test_no_report_frame_in_the_middle_of_a_clause(credits):
    assert frame_of(credits, "俄罗斯军队据俄新社报道已经撤离。", RIA) is None
    assert frame_of(credits, "俄罗斯军队据俄新社报道已经撤离。") is None


def test_no_report_frame_without_an_outlet(credits):
    assert frame_of(credits, "据悉，俄罗斯军队已经撤离。") is None
    assert frame_of(credits, "俄罗斯军队已经撤离。") is None


@pytest.mark.parametrize("hearsay", ["据说", "据称", "据悉", "據稱"])
def test_hearsay_is_no_report_frame(credits, hearsay):
    # Without the hearsay rule, "说俄军已经撤离" + 的消息 would read as the outlet.
    assert frame_of(credits, hearsay + "俄军已经撤离的消息属实。") is None


def test_the_english_name_in_brackets_is_not_the_credited_outlet(credits):
    text = "据俄新社（RIA NOVOSTI）报道，俄军撤离。"
    english = ("kb:org/ria-novosti", "ORG", "RIA NOVOSTI")
    frame = frame_of(credits, text, english)
    assert frame is not None and frame.source == "俄新社" and frame.speaker.id is None
    frame = frame_of(credits, text, RIA, english)
    assert frame is not None and frame.source == "俄新社" and frame.speaker.id == "kb:org/ria-novosti"


def test_a_report_frame_is_looked_for_near_the_start_only(credits):
    text = "俄罗斯军队" * 13 + "，据俄新社报道，导弹已部署。"
    assert frame_of(credits, text) is None


def test_a_report_frame_reads_between_its_offsets(credits):
    text = "第一句。据俄新社报道，俄罗斯军队已经撤离。"
    folded = fold(text)
    start = text.index("据")
    frame = credits.frame(text, folded, mentions(text, RIA), start, len(text), at_start=True)
    assert frame is not None and frame.source == "俄新社"
    assert (frame.start, frame.end) == (start, start + 6)


# --- citing -------------------------------------------------------------------------------------------------


def test_citing_gives_the_outlet_and_where_the_speaker_begins(credits):
    text = "美联社引述白俄罗斯分析人士瓦列里表示"
    found = credits.citing(text, fold(text), 0, len(text))
    assert found == ("美联社", text.index("引述") + 2)
    assert text[found[1] :].startswith("白俄罗斯")


def test_citing_with_yuanyin_and_a_time_word(credits):
    text = "路透社日前援引消息人士说"
    assert credits.citing(text, fold(text), 0, len(text)) == ("路透社", text.index("援引") + 2)


def test_citing_without_a_citing_verb(credits):
    text = "美联社表示"
    assert credits.citing(text, fold(text), 0, len(text)) is None


# --- listener -----------------------------------------------------------------------------------------------


def listener(credits: Credits, text: str, verb: str, publisher: str | None, *found: tuple[str, str, str],
             after: int = 0) -> str | None:
    """The listener credited between `after` (the end of the speaker) and the verb."""
    folded = fold(text)
    v = folded.index(fold(verb))
    return credits.listener(text, folded, mentions(text, *found), publisher, after, v, v + len(verb))


def test_the_publisher_name_of_ap(ap):
    assert ap == "美联社"


def test_an_outlet_told_is_credited(credits):
    assert listener(credits, "他告诉美联社：“我们会留下。”", "告诉", None, AP) == "美联社"
    assert listener(credits, "他告訴美聯社：「我們會留下。」", "告訴", None, ("kb:org/ap", "ORG", "美聯社")) == "美聯社"


def test_an_outlet_told_is_credited_when_another_outlet_publishes(credits):
    assert listener(credits, "他告诉美联社：“我们会留下。”", "告诉", "路透", AP) == "美联社"


def test_an_outlet_interviewing_before_the_verb_is_credited(credits):
    assert listener(credits, "他接受美联社采访时表示：", "表示", None, AP) == "美联社"


def test_an_outlet_known_only_as_an_outlet_name_is_credited(credits):
    # No media entry in the knowledge base for this id, but the outlet list knows 美国之音.
    voa = ("new:org/voa", "ORG", "美国之音")
    assert listener(credits, "他接受美国之音采访时表示：", "表示", None, voa) == "美国之音"


def test_an_organisation_that_is_not_an_outlet_is_not_credited(credits):
    assert listener(credits, "他告诉北约：", "告诉", None, ("kb:org/nato", "ORG", "北约")) is None


def test_the_publishing_outlet_itself_is_not_credited(credits, ap):
    assert listener(credits, "他告诉美联社：“我们会留下。”", "告诉", ap, AP) is None
    assert listener(credits, "他接受美联社采访时表示：", "表示", ap, AP) is None
    # Named by an alias, the publisher is still itself.
    assert listener(credits, "他告诉AP：", "告诉", ap, ("kb:org/ap", "ORG", "AP")) is None


def test_a_platform_is_credited(credits, ap):
    assert listener(credits, "他在推特上写道：“我们会留下。”", "写道", ap) == "推特"
    assert listener(credits, "他在Telegram上写道：", "写道", ap) == "Telegram"
    assert listener(credits, "他在X上写道：", "写道", ap) == "X"
    assert listener(credits, "他在Truth Social上写道：", "写道", ap) == "Truth Social"


def test_the_x_inside_a_latin_word_is_not_a_platform(credits, ap):
    assert listener(credits, "Alexander在会上写道：", "写道", ap) is None
    assert listener(credits, "他对Alexander说：", "说", ap) is None
    assert listener(credits, "他对Max说：", "说", ap) is None  # an x ending a word
    assert listener(credits, "他对Xavier说：", "说", ap) is None  # an X opening a word


def test_no_listener_in_a_plain_statement(credits, ap):
    assert listener(credits, "他表示：", "表示", ap) is None
    # The outlet that speaks stands before `after`: it is the speaker, not a listener.
    assert listener(credits, "美联社表示：", "表示", None, AP, after=3) is None
