"""Cutting an article into runs for the article view: overlapping spans, anchors, bad spans."""

from __future__ import annotations

from armswatch.web.highlight import paragraphs

TEXT = "卢卡申科说：“俄罗斯已向白俄罗斯交付核武器。”\n第二段。"


def span(text: str, start_from: int = 0) -> dict:
    start = TEXT.index(text, start_from)
    return {"start": start, "end": start + len(text)}


def record(**fields) -> dict:
    return {"text": TEXT, "entities": [], "quotes": [], "events": [], "claims": [], **fields}


def test_overlapping_spans_become_flat_runs_that_keep_every_span():
    belarus = {"id": "kb:state/belarus", "type": "STATE", "name": "白俄罗斯", "name_en": "Belarus",
               "mentions": [span("白俄罗斯")]}
    russia = {"id": "kb:state/russia", "type": "STATE", "name": "俄罗斯", "name_en": "Russia",
              "mentions": [span("俄罗斯", 6)]}
    evidence = span("俄罗斯已向白俄罗斯交付核武器。")
    transfer = {"type": "TRANSFER", "evidence": {**evidence, "text": "…"}}
    deploy = {"type": "DEPLOY", "evidence": {**evidence, "text": "…"}}  # a second event of the same sentence
    first, second = paragraphs(record(entities=[belarus, russia], quotes=[span("俄罗斯已向白俄罗斯交付核武器。")],
                                      events=[transfer, deploy]))
    assert "".join(r.text for r in first) == TEXT.split("\n")[0]
    assert [r.text for r in second] == ["第二段。"]
    by_text = {r.text: r for r in first}
    assert by_text["白俄罗斯"].entity["id"] == "kb:state/belarus"  # not the 俄罗斯 inside it
    assert by_text["白俄罗斯"].quote == 0 and by_text["白俄罗斯"].events == [0, 1]
    assert [r.anchor for r in first if r.anchor is not None] == [evidence["start"]]  # one anchor for both events
    assert by_text["卢卡申科说：“"].quote is None and by_text["卢卡申科说：“"].events == []


def test_spans_outside_the_text_or_malformed_are_ignored():
    broken = [{"start": 5, "end": 500}, {"start": "a", "end": 3}, {"start": 9, "end": 2}, {}]
    runs = [r for p in paragraphs(record(quotes=broken)) for r in p]
    assert "".join(r.text for r in runs) == TEXT.replace("\n", "")
    assert {r.quote for r in runs} == {None, 0}  # only the first, clipped to the text's end
    assert runs[-1].quote == 0
