"""Time expressions: found with their offsets and resolved against the publication date (GUIDELINES, Events).

The golden table gives, for a text and a publication time, every expression expected in order as
(matched text, value). 2024-01-20, the default publication date, is a Saturday.
"""

from __future__ import annotations

import pytest
import yaml

from armswatch.extract import time as tm
from armswatch.extract.time import TimeExpr, find_times, resolve_date
from armswatch.kb.loader import KBError

PUB = "2024-01-20T12:51:00+00:00"  # a Saturday

# (id, text, published, [(matched text, value), ...])
CASES = [
    # The guidelines' own examples.
    ("guidelines-last-year-may", "去年5月，白俄罗斯获得了伊斯坎德尔导弹", PUB, [("去年5月", "2023-05")]),
    ("guidelines-thursday", "卢卡申科周四表示", "2023-08-18", [("周四", "2023-08-17")]),
    (
        "guidelines-context-carry",
        "去年5月，俄方开始交付。6月，第一批弹头运抵。同年12月，交付完成。",
        PUB,
        [("去年5月", "2023-05"), ("6月", "2023-06"), ("同年12月", "2023-12")],
    ),
    # Absolute dates.
    ("ymd", "2023年5月12日", PUB, [("2023年5月12日", "2023-05-12")]),
    ("ym", "2023年5月，", PUB, [("2023年5月", "2023-05")]),
    ("y", "2023年，", PUB, [("2023年", "2023")]),
    ("ymd-spaced", "2023 年 5 月 12 日", PUB, [("2023 年 5 月 12 日", "2023-05-12")]),
    ("ymd-zero-padded", "【大纪元2021年05月03日讯】", PUB, [("2021年05月03日", "2021-05-03")]),
    ("ymd-fullwidth-digits", "２０２３年５月１２日", PUB, [("２０２３年５月１２日", "2023-05-12")]),
    ("md-publication-year", "5月12日", PUB, [("5月12日", "2024-05-12")]),
    ("md-hao-traditional", "5月12號", PUB, [("5月12號", "2024-05-12")]),
    ("iso", "date: 2023-05-12T10:00", PUB, [("2023-05-12", "2023-05-12")]),
    ("slashes", "2023/5/12", PUB, [("2023/5/12", "2023-05-12")]),
    ("dots", "2023.5.12", PUB, [("2023.5.12", "2023-05-12")]),
    ("chinese-year", "二〇二三年", PUB, [("二〇二三年", "2023")]),
    ("chinese-year-ling", "二零零二年曾因", PUB, [("二零零二年", "2002")]),
    ("chinese-ymd", "二〇二三年五月十二日", PUB, [("二〇二三年五月十二日", "2023-05-12")]),
    ("chinese-ymd-31", "二〇二二年十二月三十一日", PUB, [("二〇二二年十二月三十一日", "2022-12-31")]),
    ("chinese-1994", "一九九四年", PUB, [("一九九四年", "1994")]),
    ("fiscal-year", "2022年度预算", PUB, [("2022年度", "2022")]),
    ("year-start", "2023年初", PUB, [("2023年初", "2023")]),
    ("year-end-traditional", "2021年末，盧卡申科", PUB, [("2021年末", "2021")]),
    # Decades: the decade's first year.
    ("decade-1990", "1990年代", PUB, [("1990年代", "1990")]),
    ("decade-last-century", "上世纪90年代", PUB, [("上世纪90年代", "1990")]),
    ("decade-traditional-chinese", "上世紀九十年代", PUB, [("上世紀九十年代", "1990")]),
    ("decade-20th-century", "二十世纪七十年代初", PUB, [("二十世纪七十年代", "1970")]),
    ("decade-ling-digits", "八〇年代", PUB, [("八〇年代", "1980")]),
    ("decade-bare", "比80年代末或90年代更强调互惠", PUB, [("80年代", "1980"), ("90年代", "1990")]),
    # Parts of a month or a year: the month or the year.
    ("month-start", "2月初", PUB, [("2月初", "2024-02")]),
    ("month-end", "2月底", PUB, [("2月底", "2024-02")]),
    ("month-middle", "5月中旬", PUB, [("5月中旬", "2024-05")]),
    ("month-earlier", "3月早些时候", PUB, [("3月早些时候", "2024-03")]),
    ("bare-year-start", "年初", PUB, [("年初", "2024")]),
    ("bare-year-end-before", "年底前完成", PUB, [("年底", "2024")]),
    # Ranges: one expression when they share 日, two when both are full.
    ("range-two", "3月1日至3日", PUB, [("3月1日", "2024-03-01"), ("3日", "2024-03-03")]),
    ("range-one", "3月1至3日", PUB, [("3月1至3日", "2024-03-01")]),
    ("range-wiki", "[[zh:1月15日]]至17日，", PUB, [("1月15日", "2024-01-15"), ("17日", "2024-01-17")]),
    # Relative days.
    ("today", "今天", PUB, [("今天", "2024-01-20")]),
    ("today-jinri", "今日宣布", PUB, [("今日", "2024-01-20")]),
    ("today-benri", "本日", PUB, [("本日", "2024-01-20")]),
    ("yesterday", "昨天", PUB, [("昨天", "2024-01-19")]),
    ("yesterday-zuori", "昨日", PUB, [("昨日", "2024-01-19")]),
    ("day-before-yesterday", "前天", PUB, [("前天", "2024-01-18")]),
    ("three-days-ago-word", "大前天", PUB, [("大前天", "2024-01-17")]),
    ("tomorrow", "明天", PUB, [("明天", "2024-01-21")]),
    ("tomorrow-mingri", "明日", PUB, [("明日", "2024-01-21")]),
    ("day-after-tomorrow", "后天", PUB, [("后天", "2024-01-22")]),
    ("day-after-tomorrow-traditional", "後天", PUB, [("後天", "2024-01-22")]),
    ("yesterday-month-boundary", "昨天", "2024-03-01", [("昨天", "2024-02-29")]),
    ("date-only-published", "昨天", "2024-01-20", [("昨天", "2024-01-19")]),
    # Weekdays: the latest such day on or before publication.
    ("thursday", "周四", PUB, [("周四", "2024-01-18")]),
    ("thursday-xingqi", "星期四", PUB, [("星期四", "2024-01-18")]),
    ("thursday-traditional-zhou", "週四", PUB, [("週四", "2024-01-18")]),
    ("thursday-traditional-libai", "禮拜四", PUB, [("禮拜四", "2024-01-18")]),
    ("weekday-is-publication-day", "周六", PUB, [("周六", "2024-01-20")]),
    ("sunday-before-saturday", "周日", PUB, [("周日", "2024-01-14")]),
    ("sunday-xingqitian", "星期天", PUB, [("星期天", "2024-01-14")]),
    ("this-thursday", "本周四", PUB, [("本周四", "2024-01-18")]),
    ("this-sunday-ahead", "本周日", PUB, [("本周日", "2024-01-21")]),
    ("last-thursday", "上周四", PUB, [("上周四", "2024-01-11")]),
    ("last-thursday-xingqi", "上星期四", PUB, [("上星期四", "2024-01-11")]),
    ("last-thursday-traditional", "上週四", PUB, [("上週四", "2024-01-11")]),
    ("next-thursday", "下周四", PUB, [("下周四", "2024-01-25")]),
    ("next-monday-new-year", "下周一", "2023-12-29", [("下周一", "2024-01-01")]),
    (
        "weekday-with-date",
        "美國星期二（2020年11月17日）實施",
        "2020-11-18",
        [("星期二", "2020-11-17"), ("2020年11月17日", "2020-11-17")],
    ),
    # Weeks: the month of the week's Monday.
    ("last-week", "上周", "2024-02-01", [("上周", "2024-01")]),
    ("this-week", "本周", PUB, [("本周", "2024-01")]),
    ("next-week", "下周", "2024-01-31", [("下周", "2024-02")]),
    ("this-weekend-traditional", "上週末", PUB, [("上週末", "2024-01")]),
    # Months.
    ("this-month", "本月", PUB, [("本月", "2024-01")]),
    ("this-month-zhege", "这个月", PUB, [("这个月", "2024-01")]),
    ("this-month-dangyue-traditional", "當月", PUB, [("當月", "2024-01")]),
    ("last-month", "上个月", PUB, [("上个月", "2023-12")]),
    ("last-month-short", "上月", PUB, [("上月", "2023-12")]),
    ("last-month-traditional", "上個月", PUB, [("上個月", "2023-12")]),
    ("next-month", "下个月", PUB, [("下个月", "2024-02")]),
    ("this-month-earlier", "本月稍早", PUB, [("本月稍早", "2024-01")]),
    ("this-month-start", "本月初", PUB, [("本月初", "2024-01")]),
    ("this-month-end", "本月底", PUB, [("本月底", "2024-01")]),
    # Years.
    ("this-year", "今年", PUB, [("今年", "2024")]),
    ("last-year", "去年", PUB, [("去年", "2023")]),
    ("year-before-last", "前年", PUB, [("前年", "2022")]),
    ("next-year", "明年", PUB, [("明年", "2025")]),
    ("year-after-next", "后年", PUB, [("后年", "2026")]),
    ("this-year-start", "今年初", PUB, [("今年初", "2024")]),
    ("last-year-end", "去年底", PUB, [("去年底", "2023")]),
    ("last-year-end-long", "去年年底", PUB, [("去年年底", "2023")]),
    ("last-year-autumn", "去年秋天", PUB, [("去年秋天", "2023")]),
    ("this-year-march", "今年3月", PUB, [("今年3月", "2024-03")]),
    ("next-year-january", "明年1月", PUB, [("明年1月", "2025-01")]),
    ("last-year-chinese-month", "去年九月", PUB, [("去年九月", "2023-09")]),
    ("last-year-mid-december", "去年12月中旬", PUB, [("去年12月中旬", "2023-12")]),
    # N … 前: dates, unlike durations.
    ("three-years-ago", "三年前", PUB, [("三年前", "2021-01")]),
    ("ten-years-ago-digits", "10年前", PUB, [("10年前", "2014-01")]),
    ("two-days-ago", "两天前", PUB, [("两天前", "2024-01-18")]),
    ("two-days-ago-traditional", "兩天前", PUB, [("兩天前", "2024-01-18")]),
    ("five-months-ago", "五个月前", PUB, [("五个月前", "2023-08")]),
    ("two-weeks-ago", "两周前", PUB, [("两周前", "2024-01")]),
    # Context: bare months take the year, bare days the month of their paragraph.
    ("bare-month-publication-year", "6月，", PUB, [("6月", "2024-06")]),
    ("bare-chinese-month-context", "2021年，……十二月，", PUB, [("2021年", "2021"), ("十二月", "2021-12")]),
    (
        "bare-day-context",
        "2022年2月24日，俄罗斯入侵。27日，",
        PUB,
        [("2022年2月24日", "2022-02-24"), ("27日", "2022-02-27")],
    ),
    ("bare-day-hao-context", "2月10日开会，14号结束", PUB, [("2月10日", "2024-02-10"), ("14号", "2024-02-14")]),
    (
        "bare-day-new-paragraph",
        "2022年2月，俄罗斯入侵。\n12日，",
        PUB,
        [("2022年2月", "2022-02"), ("12日", "2024-01-12")],
    ),
    ("bare-day-publication-month", "（中央社首爾11日綜合外電報導）", PUB, [("11日", "2024-01-11")]),
    ("bare-chinese-day", "库里拉十七日访问以色列", PUB, [("十七日", "2024-01-17")]),
    ("same-day", "2021年9月1日公布报告，当天", PUB, [("2021年9月1日", "2021-09-01"), ("当天", "2021-09-01")]),
    ("same-month", "2019年6月……同月", PUB, [("2019年6月", "2019-06"), ("同月", "2019-06")]),
    ("that-year-month", "1991年苏联解体，当年12月", PUB, [("1991年", "1991"), ("当年12月", "1991-12")]),
    (
        "mixed-traditional",
        "北韓昨天閱兵，金正恩去年2月在河內",
        "2020-10-11",
        [("昨天", "2020-10-10"), ("去年2月", "2019-02")],
    ),
    # No publication date: relative values are None, absolute ones still resolved.
    ("no-pub-relative", "去年5月", None, [("去年5月", None)]),
    ("no-pub-weekday", "周四", None, [("周四", None)]),
    ("no-pub-absolute", "2023年5月12日", None, [("2023年5月12日", "2023-05-12")]),
    ("no-pub-bare-month-day", "5月12日", None, [("5月12日", None)]),
    ("no-pub-context-from-absolute", "2023年5月……6月", None, [("2023年5月", "2023-05"), ("6月", "2023-06")]),
    ("no-pub-decade", "上世纪九十年代", None, [("上世纪九十年代", "1990")]),
    # Not dates: durations, ages, counts, words holding 年/月/日/周, outlets.
    ("neg-duration-years", "三年多来，条约已实施3年", PUB, []),
    ("neg-duration-months", "5个月，10个月", PUB, []),
    ("neg-duration-weeks", "一周，两周", PUB, []),
    ("neg-duration-hours-days", "48小时，几天，数年来", PUB, []),
    ("neg-age-anniversary", "70岁，70周年", PUB, []),
    ("neg-nian-words", "年龄、年轻人、青年、年度报告", PUB, []),
    ("neg-counts", "1550枚，2000公里", PUB, []),
    ("neg-japan-riqian", "日本日前宣布", PUB, []),
    ("neg-rt", "今日俄罗斯报道", PUB, []),
    ("neg-usa-today-traditional", "今日美國報導", PUB, []),
    ("neg-zhoubian", "周边国家", PUB, []),
    ("neg-invalid-dates", "2月30日，13月", PUB, []),
    ("neg-ordinal-frequency", "第3日，每周一，30日内", PUB, []),
    ("neg-designations", "北溪2号、第1718号决议、2号线", PUB, []),
    ("neg-moon", "登上月球", PUB, []),
    ("neg-natural-gas", "此前天然气价格", PUB, []),
    ("neg-undated", "未注明日期", PUB, []),
    ("neg-increasingly", "如今日益加剧", PUB, []),
    ("neg-recurring", "每年5月", PUB, []),
    ("neg-one-day", "其中三日在重症监护病房", PUB, []),
    ("last-week-japan", "上周日本首相访美", PUB, [("上周", "2024-01")]),
    ("year-before-not-ago", "2060年前实现碳中和", PUB, [("2060年", "2060")]),
    # A year named alone sets a bare month's year only in its own sentence; a named month carries on.
    ("year-alone-same-sentence", "2015年，协议于7月签署。", PUB, [("2015年", "2015"), ("7月", "2015-07")]),
    ("year-alone-next-sentence", "安理会在2015年伊朗核协议签署后通过决议。但这一限制已于10月份失效。", "2024-01-04",
     [("2015年", "2015"), ("10月份", "2023-10")]),
    ("year-month-next-sentence", "2015年7月，协议签署。10月，协议生效。", PUB,
     [("2015年7月", "2015-07"), ("10月", "2015-10")]),
    # A bare month later in the year than publication is last year's when a past marker stands near it.
    ("later-month-past", "该限制已于10月份正式失效", "2024-01-04", [("10月份", "2023-10")]),
    ("later-month-future", "会议将于10月举行", "2024-01-04", [("10月", "2024-10")]),
    ("later-month-marker-in-next-sentence", "会议将在10月举行。此前已有安排", "2024-01-04", [("10月", "2024-10")]),
    # A little while ago: the month of a date shortly before publication.
    ("past-few-weeks", "过去几周，朝鲜开始向俄罗斯运送武器", "2024-01-04", [("过去几周", "2023-12")]),
    ("recent-days-traditional", "最近幾天，俄軍加強攻勢", "2024-01-20", [("最近幾天", "2024-01")]),
]


@pytest.mark.parametrize(("text", "published", "expected"), [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_golden(text: str, published: str | None, expected: list[tuple[str, str | None]]):
    found = find_times(text, published)
    assert [(e.text, e.value) for e in found] == expected
    for e in found:
        assert text[e.start : e.end] == e.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_the_table_is_large_and_ids_are_unique():
    assert len(CASES) >= 70
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        ("2023年5月12日", [False]),
        ("去年5月", [True]),
        ("1990年代", [False]),
        ("2022年……6月", [False, False]),  # the year came from the text
        ("去年……6月", [True, True]),  # the year came from the publication date
        ("12日", [True]),
    ],
)
def test_relative_says_whether_the_publication_date_was_used(text: str, relative: list[bool]):
    assert [e.relative for e in find_times(text, PUB)] == relative


def test_offsets_in_a_longer_text():
    text = "据报道，卢卡申科周四表示，白俄罗斯去年5月已获得导弹。\n\n2023年6月16日，普京证实了此事。"
    found = find_times(text, "2023-08-18")
    assert found == [
        TimeExpr(8, 10, "周四", "2023-08-17", True),
        TimeExpr(17, 21, "去年5月", "2022-05", True),
        TimeExpr(29, 39, "2023年6月16日", "2023-06-16", False),
    ]


def test_resolve_date_for_a_roundup_citation():
    assert resolve_date("(路透社, 2月4日)", "2026-02-05") == "2026-02-04"
    assert resolve_date("(贝尔弗中心,2026年02月04日)", None) == "2026-02-04"
    assert resolve_date("(路透社)", "2026-02-05") is None


def test_no_crash_on_odd_input():
    assert find_times("", PUB) == []
    assert find_times("2月29日", "2023-03-01") == []  # no 29 February in 2023
    assert [e.value for e in find_times("2月29日", "2024-03-01")] == ["2024-02-29"]
    assert find_times("十十月，二十三月，99月，0月", PUB) == []
    assert find_times("昨天", "not a date") == [TimeExpr(0, 2, "昨天", None, True)]


def test_a_bad_lexicon_edit_names_the_file(tmp_path, monkeypatch):
    (tmp_path / "time_words.yaml").write_text(yaml.safe_dump({"day_words": ["今天"]}), encoding="utf-8")
    monkeypatch.setattr("armswatch.kb.loader.data_dir", lambda: tmp_path)
    tm.time_words.cache_clear()
    try:
        with pytest.raises(KBError, match=r"time_words\.yaml: day_words"):
            tm.time_words()
    finally:
        tm.time_words.cache_clear()
