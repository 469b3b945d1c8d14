"""Roundup articles (seed 004): speaker headers, section titles and the credits closing each paragraph.

Mentions are written by hand, as the entity stage would give them, at offsets found in the text.
"""

from __future__ import annotations

from armswatch.extract.roundups import Citation, header_speakers, is_heading, trailing_citation
from armswatch.extract.speakers import Mentions, Speaker
from armswatch.normalize.script import fold


def mentions(text: str, *found: tuple[str, str, str]) -> Mentions:
    """Mentions of (id, type, name as written in `text`), each at its first place in `text`."""
    entities: dict[str, dict] = {}
    for entity_id, entity_type, name in found:
        start = text.index(name)
        entity = entities.setdefault(entity_id, {"id": entity_id, "type": entity_type, "name": name, "mentions": []})
        entity["mentions"].append({"start": start, "end": start + len(name), "text": name})
    return Mentions(list(entities.values()))


def line_of(text: str, line: str) -> tuple[int, int]:
    start = text.index(line)
    return start, start + len(line)


# --- header_speakers ----------------------------------------------------------------------------------------

BUDJERYN = "玛丽安娜·布杰林(Mariana Budjeryn),哈佛大学贝尔弗中心副研究员:"


def test_a_one_person_header_gives_the_person():
    text = fold("玛丽安娜·布杰林（Mariana Budjeryn），哈佛大学贝尔弗中心副研究员：")
    assert text == fold(BUDJERYN)
    found = mentions(text, ("kb:person/budjeryn", "PERSON", "玛丽安娜·布杰林"),
                     ("kb:org/belfer-center", "ORG", "哈佛大学贝尔弗中心"))
    speakers = header_speakers(text, found, 0, len(text))
    assert speakers == [Speaker("kb:person/budjeryn", "玛丽安娜·布杰林", "PERSON", 0, 8, "named")]


def test_the_english_form_of_the_name_is_not_a_second_speaker():
    text = fold(BUDJERYN)
    found = mentions(text, ("kb:person/budjeryn", "PERSON", "玛丽安娜·布杰林"),
                     ("kb:person/budjeryn", "PERSON", "mariana budjeryn"),
                     ("kb:org/belfer-center", "ORG", "哈佛大学贝尔弗中心"))
    speakers = header_speakers(text, found, 0, len(text))
    assert speakers is not None
    assert [(s.id, s.start) for s in speakers] == [("kb:person/budjeryn", 0)]


def test_a_header_inside_an_article_is_read_between_its_offsets():
    text = fold("美国观点\n" + BUDJERYN + "\n“我们会留下。”(贝尔弗中心,2026年02月04日)")
    start, end = line_of(text, fold(BUDJERYN))
    found = mentions(text, ("kb:person/budjeryn", "PERSON", "玛丽安娜·布杰林"),
                     ("kb:org/belfer-center", "ORG", "哈佛大学贝尔弗中心"))
    speakers = header_speakers(text, found, start, end)
    assert speakers is not None and [(s.id, s.start, s.end) for s in speakers] == [("kb:person/budjeryn", 5, 13)]
    # The heading line above and the statement below are not headers.
    assert header_speakers(text, found, 0, 4) is None
    assert header_speakers(text, found, end + 1, len(text)) is None


def test_a_header_line_may_end_in_spaces():
    text = fold(BUDJERYN + "  ")
    found = mentions(text, ("kb:person/budjeryn", "PERSON", "玛丽安娜·布杰林"))
    assert header_speakers(text, found, 0, len(text)) is not None


def test_several_people_joined_by_semicolons():
    text = fold("安德烈·科尔图诺夫（Andrey Kortunov），俄罗斯国际事务委员会学术主任；"
                "德米特里·特列宁（Dmitri Trenin），高等经济学院教授：")
    found = mentions(text, ("kb:person/kortunov", "PERSON", "安德烈·科尔图诺夫"),
                     ("kb:org/riac", "ORG", "俄罗斯国际事务委员会"),
                     ("kb:person/trenin", "PERSON", "德米特里·特列宁"),
                     ("kb:org/hse", "ORG", "高等经济学院"))
    speakers = header_speakers(text, found, 0, len(text))
    assert speakers is not None
    assert [(s.id, s.name, s.type, s.kind) for s in speakers] == [
        ("kb:person/kortunov", "安德烈·科尔图诺夫", "PERSON", "named"),
        ("kb:person/trenin", "德米特里·特列宁", "PERSON", "named"),
    ]
    second = text.index("德米特里")
    assert (speakers[1].start, speakers[1].end) == (second, second + len("德米特里·特列宁"))


def test_two_people_joined_by_and_each_with_an_english_name():
    text = fold("德米特里·特列宁（Dmitri Trenin）与安德烈·鲁萨科维奇（Andrey Rusakovich），白俄罗斯国立大学教授：")
    found = mentions(text, ("kb:person/trenin", "PERSON", "德米特里·特列宁"),
                     ("kb:person/rusakovich", "PERSON", "安德烈·鲁萨科维奇"),
                     ("kb:org/bsu", "ORG", "白俄罗斯国立大学"))
    speakers = header_speakers(text, found, 0, len(text))
    assert speakers is not None
    assert [s.id for s in speakers] == ["kb:person/trenin", "kb:person/rusakovich"]


def test_the_organisation_of_the_role_is_not_a_speaker_even_with_its_english_name():
    text = fold("威廉·哈通（William Hartung），昆西研究所（Quincy Institute for Responsible Statecraft）高级研究员：")
    found = mentions(text, ("kb:person/hartung", "PERSON", "威廉·哈通"),
                     ("kb:org/quincy-institute", "ORG", "昆西研究所"))
    speakers = header_speakers(text, found, 0, len(text))
    assert speakers is not None
    assert [s.id for s in speakers] == ["kb:person/hartung"]


def test_an_organisation_header_in_title_marks():
    text = fold("《俄罗斯事务》（Russia Matters）：")
    found = mentions(text, ("kb:org/russia-matters", "ORG", "俄罗斯事务"))
    assert header_speakers(text, found, 0, len(text)) == [
        Speaker("kb:org/russia-matters", "俄罗斯事务", "ORG", 1, 6, "named")]
    text = fold("《俄罗斯事务》：")
    found = mentions(text, ("kb:org/russia-matters", "ORG", "俄罗斯事务"))
    assert header_speakers(text, found, 0, len(text)) == [
        Speaker("kb:org/russia-matters", "俄罗斯事务", "ORG", 1, 6, "named")]


def test_a_sentence_ending_in_a_full_stop_is_not_a_header():
    text = fold("玛丽安娜·布杰林（Mariana Budjeryn）认为局势会恶化。")
    found = mentions(text, ("kb:person/budjeryn", "PERSON", "玛丽安娜·布杰林"))
    assert header_speakers(text, found, 0, len(text)) is None


def test_a_sentence_with_a_full_stop_before_the_colon_is_not_a_header():
    text = fold("玛丽安娜·布杰林认为局势会恶化。她补充说：")
    found = mentions(text, ("kb:person/budjeryn", "PERSON", "玛丽安娜·布杰林"))
    assert header_speakers(text, found, 0, len(text)) is None


def test_a_line_whose_first_mention_is_not_at_its_start_is_not_a_header():
    text = fold("据报道，玛丽安娜·布杰林（Mariana Budjeryn），哈佛大学贝尔弗中心副研究员：")
    found = mentions(text, ("kb:person/budjeryn", "PERSON", "玛丽安娜·布杰林"),
                     ("kb:org/belfer-center", "ORG", "哈佛大学贝尔弗中心"))
    assert header_speakers(text, found, 0, len(text)) is None


def test_a_line_not_ending_in_a_colon_is_not_a_header():
    text = fold("玛丽安娜·布杰林（Mariana Budjeryn），哈佛大学贝尔弗中心副研究员")
    found = mentions(text, ("kb:person/budjeryn", "PERSON", "玛丽安娜·布杰林"))
    assert header_speakers(text, found, 0, len(text)) is None


def test_a_line_without_a_person_or_organisation_is_not_a_header():
    text = fold("美国方面的观点如下：")
    assert header_speakers(text, mentions(text), 0, len(text)) is None
    found = mentions(text, ("kb:state/united-states", "STATE", "美国"))
    assert header_speakers(text, found, 0, len(text)) is None


def test_a_name_followed_by_a_verb_is_not_a_header_speaker():
    # The name opens the line but nothing after it marks a header ("(", "," or "》").
    text = fold("玛丽安娜·布杰林表示：")
    found = mentions(text, ("kb:person/budjeryn", "PERSON", "玛丽安娜·布杰林"))
    assert header_speakers(text, found, 0, len(text)) is None


# --- is_heading ---------------------------------------------------------------------------------------------


def test_a_short_title_is_a_heading():
    for title in ("美国观点", "欧洲观点", "  俄罗斯观点  "):
        text = fold(title)
        assert is_heading(text, 0, len(text)), title


def test_a_sentence_is_not_a_heading():
    for line in ("他说导弹很好。", "美国,俄罗斯", "问题:", "这是一个很长很长很长很长的没有标点的句子"):
        text = fold(line)
        assert not is_heading(text, 0, len(text)), line


def test_a_heading_is_read_between_its_offsets():
    text = fold("第一段正文,很长。\n美国观点\n第二段。")
    start, end = line_of(text, "美国观点")
    assert is_heading(text, start, end)
    assert not is_heading(text, 0, start - 1)


# --- trailing_citation --------------------------------------------------------------------------------------


def cite(raw: str, *found: tuple[str, str, str]) -> tuple[Citation | None, str]:
    folded = fold(raw)
    return trailing_citation(raw, folded, mentions(raw, *found), 0, len(raw)), raw


def test_a_closing_citation_gives_the_outlet_and_date():
    citation, raw = cite("布杰林认为局势会恶化。（贝尔弗中心，2026年02月04日）")
    assert citation == Citation("贝尔弗中心", "2026-02-04", raw.index("（"))


def test_a_closing_citation_may_be_followed_by_punctuation_and_space():
    citation, raw = cite("布杰林认为局势会恶化。（贝尔弗中心，2026年02月04日）。 ")
    assert citation == Citation("贝尔弗中心", "2026-02-04", raw.index("（"))


def test_a_month_only_date():
    citation, raw = cite("乌克兰局势依然紧张。（乌克兰政治研究所，2026年2月）")
    assert citation == Citation("乌克兰政治研究所", "2026-02", raw.index("（"))


def test_an_iso_date():
    citation, _ = cite("局势依然紧张。(贝尔弗中心, 2026-02-04)")
    assert citation is not None and (citation.source, citation.date) == ("贝尔弗中心", "2026-02-04")


def test_several_outlets_are_kept_as_written():
    citation, raw = cite("前线传来消息。（TASS.ru、路透社、War Gonzo，2026年02月02日）",
                         ("kb:org/tass", "ORG", "TASS"), ("kb:org/reuters", "ORG", "路透社"))
    assert citation == Citation("TASS.ru、路透社、War Gonzo", "2026-02-02", raw.index("（"))


def test_the_source_keeps_the_original_script():
    citation, _ = cite("局勢依然緊張。（貝爾弗中心，2026年02月04日）")
    assert citation is not None and citation.source == "貝爾弗中心"


def test_an_outlet_in_title_marks_loses_them():
    citation, _ = cite("局势依然紧张。（《华盛顿时报》，2026年02月04日）")
    assert citation is not None and citation.source == "华盛顿时报"


def test_an_interview_credit_gives_the_organisation_named_first():
    citation, raw = cite("他认为谈判会失败。（RM工作人员于2026年02月03日通过电子邮件独家采访）",
                         ("kb:org/russia-matters", "ORG", "RM"))
    assert citation == Citation("RM", "2026-02-03", raw.index("（"))


def test_an_interview_credit_without_a_mention_keeps_what_is_written():
    citation, _ = cite("他认为谈判会失败。（RM工作人员于2026年02月03日通过电子邮件独家采访）")
    assert citation is not None and citation.source == "RM工作人员" and citation.date == "2026-02-03"


def test_a_date_alone_has_no_source():
    citation, raw = cite("局势依然紧张。（2026年02月04日）")
    assert citation == Citation(None, "2026-02-04", raw.index("（"))


def test_a_parenthesis_without_a_date_is_not_a_citation():
    assert cite("局势依然紧张。（贝尔弗中心）")[0] is None
    assert cite("布杰林（Mariana Budjeryn）")[0] is None


def test_a_paragraph_without_a_closing_parenthesis_has_no_citation():
    assert cite("局势依然紧张。")[0] is None
    assert cite("（贝尔弗中心，2026年02月04日）局势依然紧张。")[0] is None
    assert cite("")[0] is None


def test_a_citation_is_read_between_the_paragraph_offsets():
    raw = "美国观点\n局势依然紧张。（贝尔弗中心，2026年02月04日）\n下一段没有出处。"
    folded = fold(raw)
    start, end = line_of(raw, "局势依然紧张。（贝尔弗中心，2026年02月04日）")
    assert trailing_citation(raw, folded, mentions(raw), start, end) == Citation(
        "贝尔弗中心", "2026-02-04", raw.index("（"))
    assert trailing_citation(raw, folded, mentions(raw), end + 1, len(raw)) is None
