"""Quotation marks, paragraphs and sentences of the quotes stage, on small folded texts.

Every text is folded first, as the stage reads `Document.norm_text`: "，" is "," and "：" is ":".
"""

from __future__ import annotations

import pytest

from armswatch.extract.quote_marks import Quotation, QuoteIndex, paragraphs, quotations, sentences
from armswatch.normalize.script import fold


def quoted(text: str) -> list[str]:
    """The outermost quotations of `text` as written, marks included."""
    folded = fold(text)
    return [folded[q.start : q.end] for q in quotations(folded)]


def spans(folded: str, found: list[tuple[int, int]]) -> list[str]:
    return [folded[a:b] for a, b in found]


# --- quotations -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opener", "closer"),
    [("“", "”"), ("「", "」"), ("『", "』"), ("‘", "’"), ('"', '"')],
)
def test_each_mark_pair_makes_one_quotation(opener, closer):
    text = fold(f"他说:{opener}我们会留下{closer}然后离开。")
    found = quotations(text)
    start = text.index(opener)
    assert found == [Quotation(start, start + 7)]
    assert text[found[0].start] == opener and text[found[0].end - 1] == closer
    assert found[0].words(text) == "我们会留下"


def test_ascii_quotation_in_latin_text():
    text = fold('He said "we will stay" and left.')
    [q] = quotations(text)
    assert q.words(text) == "we will stay"
    assert text[q.end :] == " and left."


def test_several_quotations_of_a_line_come_in_order():
    assert quoted("他说“甲”,又说「乙」,最后说『丙』。") == ["“甲”", "「乙」", "『丙』"]


def test_nested_quotations_give_only_the_outermost():
    text = fold("他说:「我们听到『撤军』的消息,但不相信。」随后离开。")
    [q] = quotations(text)
    assert text[q.start] == "「" and text[q.end - 1] == "」"
    assert q.words(text) == "我们听到『撤军』的消息,但不相信。"
    assert q.reopened == ()


def test_a_nested_closer_does_not_close_the_outer_quotation():
    # The inner 』 closes only 『; the outer quotation runs on to 」.
    text = fold("「甲『乙』丙」丁")
    assert [(q.start, q.end) for q in quotations(text)] == [(0, 7)]


def test_a_quotation_reopened_in_each_paragraph_is_one_quotation():
    text = fold("他说:“第一段。\n“第二段。\n“第三段。”完。")
    [q] = quotations(text)
    assert q.start == text.index("“")
    assert q.end == text.index("”") + 1
    second, third = text.index("“", q.start + 1), text.rindex("“")
    assert q.reopened == (second, third)
    assert q.words(text) == "第一段。\n第二段。\n第三段。"
    assert "“" not in q.words(text)


def test_a_reopening_mark_after_indentation_is_dropped_from_the_words():
    text = fold("他说:「第一段。\n\u3000\u3000「第二段。」")  # the ideographic spaces fold to " "
    [q] = quotations(text)
    assert q.reopened == (text.rindex("「"),)
    assert q.words(text) == "第一段。\n  第二段。"


def test_a_paragraph_opened_with_another_mark_does_not_continue_the_quotation():
    # The first “ is never closed: the next paragraph opens with 「, not “, so it starts afresh.
    text = fold("他说:“第一段。\n「第二段。」")
    [q] = quotations(text)
    assert text[q.start : q.end] == "「第二段。」"
    assert q.reopened == ()


def test_a_curly_quotation_closed_by_an_ascii_mark_at_the_end_of_a_line():
    text = fold('他说:“我们会留下。"\n下一段。')
    [q] = quotations(text)
    assert text[q.start : q.end] == '“我们会留下。"'
    assert q.words(text) == "我们会留下。"


def test_an_ascii_mark_closing_a_curly_quotation_may_be_followed_by_spaces():
    text = fold('他说:“我们会留下。"  \n下一段。')
    [q] = quotations(text)
    assert q.end == text.index('"') + 1


def test_an_ascii_mark_inside_a_curly_quotation_is_a_nested_quotation():
    # Not at the end of the line: the " marks open and close a quotation inside the curly one.
    text = fold('他说:“他们叫它"撒旦"导弹。”完。')
    [q] = quotations(text)
    assert text[q.start : q.end] == '“他们叫它"撒旦"导弹。”'


def test_the_corner_opener_repeated_at_the_end_of_a_paragraph_closes_it():
    text = fold("他说:「我们会留下「\n下一段「另一句」。")
    assert quoted("他说:「我们会留下「\n下一段「另一句」。") == ["「我们会留下「", "「另一句」"]
    q = quotations(text)[0]
    assert q.words(text) == "我们会留下"


def test_the_corner_opener_repeated_at_the_end_of_the_text_closes_it():
    assert quoted("他说:「我们会留下「") == ["「我们会留下「"]


def test_a_repeated_corner_opener_inside_a_line_nests_instead():
    # 「甲「乙」丙」: the second 「 is not at a line end, so it opens a nested quotation.
    text = fold("「甲「乙」丙」丁")
    assert [(q.start, q.end) for q in quotations(text)] == [(0, 7)]


def test_an_apostrophe_in_latin_text_does_not_close_a_single_quotation():
    text = fold("他说:‘Don’t go’,然后离开。")
    [q] = quotations(text)
    assert q.words(text) == "don’t go"
    assert text[q.end :] == ",然后离开。"


def test_an_apostrophe_outside_any_quotation_opens_nothing():
    text = fold("他说 Don’t go,然后说“走”。")
    assert [text[q.start : q.end] for q in quotations(text)] == ["“走”"]


def test_an_unclosed_mark_is_discarded_at_the_end_of_its_paragraph():
    text = fold("他说“没有结束\n下一段说“完”。")
    [q] = quotations(text)
    assert text[q.start : q.end] == "“完”"
    assert q.start > text.index("\n")


def test_an_unclosed_mark_in_the_last_paragraph_gives_nothing():
    assert quotations(fold("他说“没有结束。")) == []
    assert quotations(fold("没有引号的一段。\n还是没有。")) == []


def test_a_stray_closer_opens_nothing():
    assert quoted("他说完了”,又说“走”。") == ["“走”"]


def test_words_strip_surrounding_space():
    text = fold("“ 我们会留下 ”")
    assert quotations(text)[0].words(text) == "我们会留下"


# --- QuoteIndex ---------------------------------------------------------------------------------------------


def test_quote_index_at_finds_the_quotation_holding_a_position():
    text = fold("甲说“一二三”,乙说「四五」。")
    index = QuoteIndex(quotations(text))
    first, second = index.quotes
    assert index.at(first.start) is first  # the opening mark belongs to the quotation
    assert index.at(text.index("二")) is first
    assert index.at(first.end - 1) is first  # so does the closing mark
    assert index.at(first.end) is None  # end is just past it
    assert index.at(0) is None
    assert index.at(text.index("乙")) is None
    assert index.at(text.index("五")) is second
    assert index.at(len(text) - 1) is None


def test_quote_index_at_on_an_empty_index():
    index = QuoteIndex([])
    assert index.at(0) is None and index.within(0, 10) == []


def test_quote_index_within_gives_the_quotations_that_start_inside():
    text = fold("甲说“一二三”,乙说「四五」,丙说『六』。")
    index = QuoteIndex(quotations(text))
    first, second, third = index.quotes
    assert index.within(0, len(text)) == [first, second, third]
    assert index.within(first.start, second.start) == [first]  # the end is excluded
    assert index.within(first.start + 1, len(text)) == [second, third]  # one starting before is not inside
    assert index.within(second.start, second.start + 1) == [second]
    assert index.within(first.end, second.start) == []


# --- paragraphs ---------------------------------------------------------------------------------------------


def test_paragraphs_are_the_non_empty_lines():
    text = fold("第一段。\n\n  \n第二段。\n第三段")
    found = paragraphs(text, QuoteIndex(quotations(text)))
    assert spans(text, found) == ["第一段。", "第二段。", "第三段"]
    assert found[0] == (0, 4)


def test_paragraphs_keep_a_quotation_over_several_paragraphs_together():
    text = fold("开头。\n他说:“第一段。\n“第二段。\n“第三段。”完。\n结尾。")
    found = paragraphs(text, QuoteIndex(quotations(text)))
    assert spans(text, found) == ["开头。", "他说:“第一段。\n“第二段。\n“第三段。”完。", "结尾。"]


def test_paragraphs_split_after_an_unclosed_mark():
    text = fold("他说“没有结束\n下一段。")
    found = paragraphs(text, QuoteIndex(quotations(text)))
    assert spans(text, found) == ["他说“没有结束", "下一段。"]


# --- sentences ----------------------------------------------------------------------------------------------


def split(text: str) -> list[str]:
    folded = fold(text)
    return spans(folded, sentences(folded, 0, len(folded), QuoteIndex(quotations(folded))))


def test_sentences_are_cut_after_sentence_ends_which_stay_in_the_sentence():
    assert split("第一句。第二句!第三句?第四句;第五句") == ["第一句。", "第二句!", "第三句?", "第四句;", "第五句"]


def test_a_run_of_sentence_ends_is_cut_once():
    assert split("真的吗?!是的。") == ["真的吗?!", "是的。"]


def test_sentences_are_not_cut_at_a_sentence_end_inside_a_quotation():
    text = "他说:“我们不会走。我们会留下,”然后他离开了。下一句。"
    assert split(text) == ["他说:“我们不会走。我们会留下,”然后他离开了。", "下一句。"]


def test_a_sentence_ends_with_a_quotation_whose_words_end_in_a_sentence_end():
    assert split("他说:“我们会留下。”报告尤为关注此事。") == ["他说:“我们会留下。”", "报告尤为关注此事。"]
    assert split("他问:「你们会留下吗?」对方没有回答。") == ["他问:「你们会留下吗?」", "对方没有回答。"]


def test_no_cut_between_two_quotations_that_follow_each_other():
    assert split("“我们会留下。”“我们也会。”他们说。") == ["“我们会留下。”“我们也会。”", "他们说。"]


def test_no_cut_between_two_quotations_separated_by_a_space():
    assert split("“我们会留下。” “我们也会。”他们说。") == ["“我们会留下。” “我们也会。”", "他们说。"]


def test_a_quotation_not_ending_in_a_sentence_end_does_not_end_the_sentence():
    assert split("“我们会留下,”他说。好。") == ["“我们会留下,”他说。", "好。"]


def test_a_sentence_end_inside_a_nested_quotation_does_not_cut():
    text = "他说:「我们听到『撤军。』的消息。」然后走了。"
    assert split(text) == ["他说:「我们听到『撤军。』的消息。」", "然后走了。"]


def test_sentences_of_one_paragraph_keep_their_offsets():
    folded = fold("开头。\n甲说:“走。”乙笑了。丙")
    index = QuoteIndex(quotations(folded))
    start, end = paragraphs(folded, index)[1]
    found = sentences(folded, start, end, index)
    assert found[0][0] == start and found[-1][1] == end
    assert spans(folded, found) == ["甲说:“走。”", "乙笑了。", "丙"]


def test_sentences_over_a_multi_paragraph_quotation():
    folded = fold("他说:“第一段。\n“第二段。\n“第三段。”完。")
    index = QuoteIndex(quotations(folded))
    [(start, end)] = paragraphs(folded, index)
    assert spans(folded, sentences(folded, start, end, index)) == ["他说:“第一段。\n“第二段。\n“第三段。”", "完。"]


def test_sentences_skip_blank_stretches():
    folded = fold("第一句。   ")
    assert split("第一句。   ") == ["第一句。"]
    assert sentences(folded, 4, 7, QuoteIndex([])) == []
