"""Time expressions in Chinese text, found and resolved to dates.

Events carry a `date` "as precise as the text allows, resolved against the publication date"
(GUIDELINES, Events): 去年5月 in an article of 2024-01-20 is 2023-05, 周四 in one of Friday
2023-08-18 is 2023-08-17. This module finds every date expression of a text and gives each its
value, so the event stage only has to pick the expression that belongs to an event.

How it works:
- The grammar (the regexes below) reads the folded copy of the text (`fold`: Simplified script,
  half-width digits, same length), so Traditional and full-width forms need no rules of their own
  and offsets into the fold are offsets into the original.
- The words (weekday names, 昨天 = −1 day, 年初/中旬, the words after a number that make it a
  duration or an ordinal) are data: `kb/data/time_words.yaml`.
- Each pattern proposes candidates; lexical blocks (今日俄罗斯 is an outlet, 日本日前 holds 本日)
  remove some, and the rest are taken left to right, the longest at each start, never overlapping.
- Candidates are then resolved in text order, because some take what they lack from what came
  before: a bare month (6月) its year, a bare day (12日) the month of its paragraph, 同年/同月/当天
  the previous expression's year, month or day.

Decisions on cases the text leaves open:
- A range that shares its 日 (3月1至3日) is one expression valued at its first day; a range of two full
  dates (3月1日至3日) is two expressions, the second a bare day in the month of the first.
- Decades (1990年代, 上世纪九十年代) are valued at their first year: the record has no decade form.
  A bare NN年代 is 19NN, except 00年代 and 10年代 (2000, 2010).
- A week without a day (上周, 本周末) and N周前 are valued at a month: that of the week's Monday,
  or of the day N weeks back; a day would claim a precision the text does not give.
- A bare weekday is the latest such day on or before the publication date (the publication day itself
  when it is that weekday); 本周四/上周四/下周四 are days of Monday-first weeks.
- A bare 年初/年底/上半年 takes its year like a bare month (the latest year named, else publication's):
  年底前 with nothing before it is this year's end. A year named alone (2015年伊朗核协议) gives its year to
  bare months of its own sentence only; a month named (去年5月……。6月，……) to those of later ones too.
- A bare month with no year to take is publication's, except a month later in the year than publication's
  with a past marker near it (已于10月份失效 in January): last year's.
- 过去几周/最近几天 ("a little while ago") are valued at the month of a date shortly before publication.
- 同年/当年 with no year before them have no value (当年 alone is mostly "back then"); 同月/当月 and
  当天/同日 with nothing before them are the publication month or day.
- A bare day in Chinese numerals must hold 十 (十二日, 二十三日): 一日 is far more often "one day".
- A bare N号 is mostly a designation (北溪2号, 长征5号): it is a day only after a word like 在/于/到, a
  punctuation mark, or before a time of day (8号晚).
- 日前 ("a few days ago"), durations (三年, 10个月, 两周), ages and counts are never returned.
- `relative` is True when the value depends on the publication date, directly (昨天) or through the
  expression a bare month or day took its year from; without a publication date such values are None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import cn2an

from armswatch.kb.loader import KBError, load_yaml
from armswatch.kb.patterns import word_list
from armswatch.normalize.script import fold


@dataclass(frozen=True)
class TimeExpr:
    start: int  # offsets into the text passed in (end exclusive): text[start:end] == self.text
    end: int
    text: str
    value: str | None  # "YYYY" | "YYYY-MM" | "YYYY-MM-DD" as precise as the text allows; None when unresolvable
    relative: bool  # True when resolved against the publication date (今天, 去年5月, 周四, …)


# ---------------------------------------------------------------------------------------------
# The lexicon (time_words.yaml)

SAME = "same"  # the offset of words that refer to the previous expression (同年, 同月)


@dataclass(frozen=True)
class TimeWords:
    """Folded word tables of `time_words.yaml`."""

    day_words: dict[str, int]
    same_day: tuple[str, ...]
    year_words: dict[str, int | str]
    year_parts: tuple[str, ...]
    month_parts: tuple[str, ...]
    month_prefixes: dict[str, int | str]
    week_words: tuple[str, ...]
    weekdays: dict[str, int]
    week_prefixes: dict[str, int]
    centuries: dict[str, int]
    ago_units: dict[str, str]
    recent_words: dict[str, int]
    past_markers: tuple[str, ...]
    duration_after: tuple[str, ...]
    not_number_after: str  # single characters
    hao_after: tuple[str, ...]
    hao_time_of_day: tuple[str, ...]
    hao_not_before: tuple[str, ...]
    not_followed_by: dict[str, tuple[str, ...]]
    not_preceded_by: dict[str, tuple[str, ...]]


def _words_list(data: dict, key: str) -> tuple[str, ...]:
    return tuple(word_list(data, key, "time_words.yaml", optional=True))


def _words_map(data: dict, key: str, kinds: tuple[type, ...]) -> dict:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise KBError(f"time_words.yaml: {key} must be a mapping")
    out = {}
    for word, v in value.items():
        if not isinstance(v, kinds) or isinstance(v, bool):
            raise KBError(f"time_words.yaml: {key}.{word}: bad value {v!r}")
        out[fold(str(word))] = fold(v) if isinstance(v, str) else v
    return out


def _blocks(data: dict, key: str) -> dict[str, tuple[str, ...]]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise KBError(f"time_words.yaml: {key} must be a mapping of word to a list of strings")
    out = {}
    for word, strings in value.items():
        if not isinstance(strings, list) or not all(isinstance(s, str) and s for s in strings):
            raise KBError(f"time_words.yaml: {key}.{word} must be a list of strings")
        out[fold(str(word))] = tuple(fold(s) for s in strings)
    return out


@lru_cache(maxsize=1)
def time_words() -> TimeWords:
    """The lexicon, loaded, validated and folded once."""
    data = load_yaml("time_words.yaml")
    if not isinstance(data, dict):
        raise KBError("time_words.yaml: expected a mapping of keys")
    words = TimeWords(
        day_words=_words_map(data, "day_words", (int,)),
        same_day=_words_list(data, "same_day"),
        year_words=_words_map(data, "year_words", (int, str)),
        year_parts=_words_list(data, "year_parts"),
        month_parts=_words_list(data, "month_parts"),
        month_prefixes=_words_map(data, "month_prefixes", (int, str)),
        week_words=_words_list(data, "week_words"),
        weekdays=_words_map(data, "weekdays", (int,)),
        week_prefixes=_words_map(data, "week_prefixes", (int,)),
        centuries=_words_map(data, "centuries", (int,)),
        ago_units=_words_map(data, "ago_units", (str,)),
        recent_words=_words_map(data, "recent_words", (int,)),
        past_markers=_words_list(data, "past_markers"),
        duration_after=_words_list(data, "duration_after"),
        not_number_after="".join(_words_list(data, "not_number_after")),
        hao_after=_words_list(data, "hao_after"),
        hao_time_of_day=_words_list(data, "hao_time_of_day"),
        hao_not_before=_words_list(data, "hao_not_before"),
        not_followed_by=_blocks(data, "not_followed_by"),
        not_preceded_by=_blocks(data, "not_preceded_by"),
    )
    for key, table in (("year_words", words.year_words), ("month_prefixes", words.month_prefixes)):
        if any(isinstance(v, str) and v != SAME for v in table.values()):
            raise KBError(f"time_words.yaml: {key} values are offsets or '{SAME}'")
    if any(len(w) != 1 for w in _words_list(data, "not_number_after")) or any(len(w) != 1 for w in words.weekdays):
        raise KBError("time_words.yaml: not_number_after and weekdays hold single characters")
    if not set(words.ago_units.values()) <= {"year", "month", "week", "day"}:
        raise KBError("time_words.yaml: ago_units values are year, month, week or day")
    return words


# ---------------------------------------------------------------------------------------------
# The grammar

_CN_DIGIT = "〇零○一二三四五六七八九"
_CN_DIGIT_VALUE = {c: max(i - 2, 0) for i, c in enumerate(_CN_DIGIT)}  # 〇零○ → 0, 一 → 1 … 九 → 9
_CN_NUM = _CN_DIGIT + "十百千两"
_DIGITS = "0-9" + _CN_NUM  # a character class body: every character a number is written with
# Numbers are matched loosely, one character class each (2 to 4 characters), and read and checked by
# `_number`: a pattern that starts with one character class lets the regex engine skip ahead fast.
_MONTH = r"(?P<m>[0-9一二三四五六七八九十][0-9一二三四五六七八九十]?) ?月"
_DAY = r"[0-9一二三四五六七八九十][0-9一二三四五六七八九十]{0,2}"
_BARE_DAY = r"(?P<d>[0-9二三十][0-9一二三四五六七八九十]{0,2}) ?(?P<unit>[日号])"  # 一日 is mostly "one day"
_RANGE = r"[至到~—–-]"


def _alt(words) -> str:
    """A regex alternation of the words, longest first, so the longest word that fits is taken."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Pattern:
    kind: str  # names the resolver
    regex: re.Pattern
    not_after: frozenset[str] = frozenset()  # a match right after one of these characters is no date


@lru_cache(maxsize=1)
def grammar() -> tuple[Pattern, ...]:
    """The patterns, built once from the lexicon."""
    w = time_words()
    digits = {chr(c) for c in range(ord("0"), ord("9") + 1)} | set(_CN_NUM)
    numbers = frozenset(digits | set(w.not_number_after))
    month_tail = rf"{_MONTH}(?: ?(?P<d>{_DAY})(?:{_RANGE}(?P<d2>{_DAY}))? ?[日号]|(?P<mp>{_alt(w.month_parts)}))?"
    year_tail = rf"(?: ?{month_tail}|(?P<yp>{_alt(w.year_parts)}))?"
    bare_year_parts = [p for p in w.year_parts if len(p) > 1 and p.endswith(("初", "底", "末", "半年"))]
    week = _alt(w.week_words)
    weekday = "".join(re.escape(c) for c in w.weekdays)

    def pattern(kind: str, regex: str, not_after: frozenset[str] | set[str] = frozenset()) -> Pattern:
        return Pattern(kind, re.compile(regex), frozenset(not_after))

    return (
        pattern("calendar", rf"(?P<y>[0-9〇零○一二三四五六七八九][0-9{_CN_DIGIT}]{{3}}) ?年{year_tail}", digits),
        pattern("calendar", rf"(?P<ry>{_alt(w.year_words)}){year_tail}"),
        pattern("calendar", month_tail, numbers | {"年", "个"}),
        pattern("calendar", _BARE_DAY, numbers | set("abcdefghijklmnopqrstuvwxyz月")),
        pattern("calendar", rf"(?P<yp>{_alt(bare_year_parts)})", numbers | {"年"}),
        pattern(
            "calendar",
            r"(?P<y>[0-9][0-9]{3})([-/.])(?P<m>[0-9]{1,2})\2(?P<d>[0-9]{1,2})(?![0-9]|\.[0-9])",
            digits | set(".-/"),
        ),
        pattern("decade", rf"(?P<dec>[0-9{_CN_DIGIT}十][0-9{_CN_DIGIT}十]{{1,3}})年代", digits),
        pattern("day_word", rf"(?P<dw>{_alt([*w.day_words, *w.same_day])})"),
        pattern("weekday", rf"(?:{week})(?P<wd>[{weekday}])", numbers),
        pattern("week", rf"(?P<wp>{_alt(w.week_prefixes)})(?:{week})(?:(?P<wd>[{weekday}])|(?P<wend>末))?"),
        pattern("month_word", rf"(?P<mw>{_alt(w.month_prefixes)})月(?P<mp>{_alt(w.month_parts)})?"),
        pattern("ago", rf"(?P<n>[{_DIGITS}][{_DIGITS}]{{0,3}})(?P<au>{_alt(w.ago_units)})之?前", numbers),
        pattern("recent", rf"(?P<rw>{_alt(w.recent_words)})"),
    )


# ---------------------------------------------------------------------------------------------
# Candidates


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: str
    groups: dict[str, str | None]


@lru_cache(maxsize=1)
def _block_index() -> tuple[dict[str, list[tuple[str, tuple[str, ...]]]], dict[str, list[str]]]:
    """`not_followed_by` by the last character of its words, `not_preceded_by` by the preceding character:
    a match then looks up only the few rules that can apply to it."""
    w = time_words()
    by_last: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for key, followers in w.not_followed_by.items():
        by_last.setdefault(key[-1], []).append((key, followers))
    by_before: dict[str, list[str]] = {}
    for key, preceders in w.not_preceded_by.items():
        for char in preceders:
            by_before.setdefault(char, []).append(key)
    return by_last, by_before


def _blocked(folded: str, start: int, end: int, groups: dict[str, str | None]) -> bool:
    """True when the words around a match show it is no date (今日俄罗斯, 日本日前, 30日内, 2号线)."""
    by_last, by_before = _block_index()
    matched = folded[start:end]
    for key, followers in by_last.get(matched[-1], ()):
        if matched.endswith(key) and folded.startswith(followers, end):
            return True
    for key in by_before.get(folded[start - 1] if start else "", ()):
        if matched.startswith(key):
            return True
    if groups.get("unit"):
        return _not_a_bare_day(folded, start, end, groups)
    if groups.get("au"):  # N…前: 2060年前 is "before 2060" (a year), not 2060 years ago
        n = groups["n"] or ""
        return _number(n) is None or (n.isascii() and len(n) > 3)
    return False


def _not_a_bare_day(folded: str, start: int, end: int, groups: dict[str, str | None]) -> bool:
    """30日内 is a duration, 三日 mostly one too; 北溪2号 and 2号线 are numbers, 在6号 and 8号晚 are days."""
    w = time_words()
    if folded.startswith(w.duration_after, end):
        return True
    day = groups["d"] or ""
    if not day.isascii() and "十" not in day:
        return True
    if groups["unit"] != "号":
        return False
    if folded.startswith(w.hao_not_before, end):
        return True
    if folded.startswith(w.hao_time_of_day, end):
        return False
    head = folded[:start].rstrip(" ")
    if head.endswith(("-", "/", ".", "#")):  # 46-3号: part of an address or a code
        return True
    return bool(head) and head[-1].isalnum() and not head.endswith(w.hao_after)


def _century_before(folded: str, start: int) -> str | None:
    """The century word right before a decade (上世纪|90年代), which the expression then takes in."""
    for word in time_words().centuries:
        if folded.endswith(word, 0, start):
            return word
    return None


def _candidates(folded: str) -> list[_Candidate]:
    """Every unblocked match of every pattern; a blocked match is retried shorter (5月12日本报 → 5月)."""
    out: list[_Candidate] = []
    for pattern in grammar():
        for match in pattern.regex.finditer(folded):
            start, end = match.span()
            if start and folded[start - 1] in pattern.not_after:
                continue
            while match is not None and end > start:
                groups = match.groupdict()
                if not _blocked(folded, start, end, groups):
                    if pattern.kind == "decade" and (century := _century_before(folded, start)):
                        groups["c"] = century
                        out.append(_Candidate(start - len(century), end, pattern.kind, groups))
                    else:
                        out.append(_Candidate(start, end, pattern.kind, groups))
                    break
                match = pattern.regex.match(folded, start, end - 1)
                end = match.end() if match else start
    return out


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Left to right, the longest candidate at each start, none overlapping the one taken before it."""
    taken: list[_Candidate] = []
    last_end = 0
    for cand in sorted(candidates, key=lambda c: (c.start, c.start - c.end)):
        if cand.start >= last_end:
            taken.append(cand)
            last_end = cand.end
    return taken


# ---------------------------------------------------------------------------------------------
# Resolution


@dataclass
class _Context:
    """What later expressions may take from earlier ones, and the publication date."""

    pub: date | None
    paragraph: int = 0
    sentence: int = 0
    year: tuple[int, bool] | None = None  # (year, relative) of the latest expression with a value
    year_sentence: int = 0  # the sentence that expression stands in
    year_alone: bool = False  # whether it named only a year (2015年伊朗核协议), no month or day
    folded: str = ""  # the text, and the span of the expression being resolved, for a look at its words
    span: tuple[int, int] = (0, 0)
    month: tuple[int, int, bool, int] | None = None  # (year, month, relative, paragraph)
    day: tuple[str, bool] | None = None

    def remember(self, value: str, relative: bool) -> None:
        self.year = (int(value[:4]), relative)
        self.year_sentence, self.year_alone = self.sentence, len(value) == 4
        if len(value) >= 7:
            self.month = (int(value[:4]), int(value[5:7]), relative, self.paragraph)
        if len(value) == 10:
            self.day = (value, relative)


# A resolver returns (value, relative), or None when the match is no valid date (2月30日, 13月).
_Resolved = tuple[str | None, bool] | None

_PUBLISHED = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def _publication_date(published: str | None) -> date | None:
    """The local date part of an ISO 8601 publication time, as written (no time-zone conversion)."""
    m = _PUBLISHED.match(published or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


@lru_cache(maxsize=512)
def _number(text: str, by_digit: bool = False) -> int | None:
    """Arabic or Chinese numerals as an int, None when they are no number.

    Years and decades written with 〇 (二〇二三, 八〇) are read digit by digit (`by_digit`); elsewhere a
    string of bare Chinese digits is no number (一二月 is "January and February", not December).
    """
    if text.isascii():
        return int(text) if text.isdigit() else None
    if any(c.isascii() for c in text):
        return None
    if all(c in _CN_DIGIT_VALUE for c in text) and len(text) > 1:
        return int("".join(str(_CN_DIGIT_VALUE[c]) for c in text)) if by_digit else None
    try:
        value = cn2an.cn2an(text, "smart")
    except ValueError:
        return None
    return int(value) if float(value).is_integer() else None


def _fmt(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    """A real calendar date; an unknown year is checked as a leap year (2月29日 may exist)."""
    if year is not None and not 1000 <= year <= 2199:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        date(year or 2000, month or 1, day)
    except ValueError:
        return False
    return True


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _year_of(g: dict, ctx: _Context, month: int | None) -> tuple[int | None, bool]:
    """The year a calendar expression names or takes: written, relative (去年), same (同年) or context."""
    if g.get("y"):
        return _number(g["y"], by_digit=True), False
    word = g.get("ry")
    if word:
        offset = time_words().year_words[word]
        if offset == SAME:
            return ctx.year if ctx.year else (None, False)
        return (ctx.pub.year + offset, True) if ctx.pub else (None, True)
    # A year named alone sets the year of a bare month only in its own sentence: the 2015 of 2015年伊朗核协议
    # does not make the next sentence's 10月份 October 2015; a named month does (去年5月……。6月，……).
    if ctx.year and (not ctx.year_alone or ctx.year_sentence == ctx.sentence):
        return ctx.year
    if ctx.pub is None:
        return None, True
    if month and month > ctx.pub.month and _past_near(ctx.folded, *ctx.span):
        return ctx.pub.year - 1, True  # 已于10月份失效 in a January article: last October
    return ctx.pub.year, True


def _paragraph_month(ctx: _Context) -> tuple[int | None, int | None, bool]:
    """The month a bare day (12日) takes: the latest month named in its paragraph, else publication's."""
    if ctx.month and ctx.month[3] == ctx.paragraph:
        year, month, relative, _ = ctx.month
        return year, month, relative
    if ctx.pub:
        return ctx.pub.year, ctx.pub.month, True
    return None, None, True


def _calendar(g: dict, ctx: _Context) -> _Resolved:
    """年/月/日 forms, with or without the year or month, and numeric dates (2023-05-12)."""
    day = _number(g["d"]) if g.get("d") else None
    month = _number(g["m"]) if g.get("m") else None
    if (g.get("d") and day is None) or (g.get("m") and month is None):
        return None
    if g.get("y") and _number(g["y"], by_digit=True) is None:
        return None
    if day is not None and month is None and not (g.get("y") or g.get("ry")):  # a bare day
        year, month, relative = _paragraph_month(ctx)
        if month is None:
            return (None, relative) if _valid(None, None, day) else None
    else:
        year, relative = _year_of(g, ctx, month)
    if not _valid(year, month, day):
        return None
    return _fmt(year, month, day), relative


def _decade(g: dict, ctx: _Context) -> _Resolved:
    """1990年代, 上世纪九十年代, 八〇年代: the decade's first year."""
    number = _number(g["dec"], by_digit=True)
    if number is None or number % 10:
        return None
    if number >= 1000:
        return (f"{number}", False) if g.get("c") is None and _valid(number, None, None) else None
    if number >= 100:
        return None
    century = time_words().centuries[g["c"]] if g.get("c") else (2000 if number < 20 else 1900)
    return f"{century + number}", False


def _day_word(g: dict, ctx: _Context) -> _Resolved:
    """今天/昨天/前天…: the publication date moved; 当天/同日: the previous expression's day."""
    word = g["dw"]
    words = time_words()
    if word in words.same_day and ctx.day:
        return ctx.day
    if ctx.pub is None:
        return None, True
    return (ctx.pub + timedelta(days=words.day_words.get(word, 0))).isoformat(), True


def _monday(pub: date, weeks: int) -> date:
    return pub - timedelta(days=pub.weekday()) + timedelta(weeks=weeks)


def _weekday(g: dict, ctx: _Context) -> _Resolved:
    """周四: the latest Thursday on or before publication (publication day itself when a Thursday)."""
    if ctx.pub is None:
        return None, True
    target = time_words().weekdays[g["wd"]]
    return (ctx.pub - timedelta(days=(ctx.pub.weekday() - target) % 7)).isoformat(), True


def _week(g: dict, ctx: _Context) -> _Resolved:
    """上周四/本周四: that day of a Monday-first week; 上周/本周末 alone: the month of the week's Monday."""
    if ctx.pub is None:
        return None, True
    words = time_words()
    monday = _monday(ctx.pub, words.week_prefixes[g["wp"]])
    if g.get("wd"):
        return (monday + timedelta(days=words.weekdays[g["wd"]])).isoformat(), True
    return _fmt(monday.year, monday.month), True


def _month_word(g: dict, ctx: _Context) -> _Resolved:
    """本月/上个月/下个月: the publication month moved; 同月/当月: the previous expression's month."""
    offset = time_words().month_prefixes[g["mw"]]
    if offset == SAME and ctx.month:
        year, month, relative, _ = ctx.month
        return _fmt(year, month), relative
    if ctx.pub is None:
        return None, True
    year, month = _shift_month(ctx.pub.year, ctx.pub.month, 0 if offset == SAME else offset)
    return _fmt(year, month), True


def _ago(g: dict, ctx: _Context) -> _Resolved:
    """三年前, 两天前, 五个月前: a date counted back from publication (unlike 三年, a duration)."""
    n = _number(g["n"])
    if not n:
        return None
    if ctx.pub is None:
        return None, True
    unit = time_words().ago_units[g["au"]]
    if unit == "year":  # 一年前 in March 2021 is March 2020: the month the count starts from
        return _fmt(ctx.pub.year - n, ctx.pub.month), True
    if unit == "month":
        return _fmt(*_shift_month(ctx.pub.year, ctx.pub.month, -n)), True
    then = ctx.pub - timedelta(days=n * (7 if unit == "week" else 1))
    return (then.isoformat() if unit == "day" else _fmt(then.year, then.month)), True


def _recent(g: dict, ctx: _Context) -> _Resolved:
    """过去几周, 最近几天: a little before publication, valued at that month (the text gives no day)."""
    if ctx.pub is None:
        return None, True
    then = ctx.pub - timedelta(days=time_words().recent_words[g["rw"]])
    return _fmt(then.year, then.month), True


_RESOLVERS = {
    "calendar": _calendar,
    "decade": _decade,
    "day_word": _day_word,
    "weekday": _weekday,
    "week": _week,
    "month_word": _month_word,
    "ago": _ago,
    "recent": _recent,
}

_SENTENCE_ENDS = re.compile(r"[。!?\n]")  # in folded text, where ！？ are half-width
# How far around an expression a past marker may stand (已于10月份正式失效, 10月曾访问).
_PAST_BEFORE, _PAST_AFTER = 3, 12


@lru_cache(maxsize=1)
def _past_markers() -> re.Pattern:
    return re.compile(_alt(time_words().past_markers))


def _past_near(folded: str, start: int, end: int) -> bool:
    """Whether a past marker stands just before the expression or a little after it, in its sentence."""
    ends = [m.start() for m in _SENTENCE_ENDS.finditer(folded, max(0, start - _PAST_BEFORE), end + _PAST_AFTER)]
    lo = max([e + 1 for e in ends if e < start] or [max(0, start - _PAST_BEFORE)])
    hi = min([e for e in ends if e >= end] or [end + _PAST_AFTER])
    return _past_markers().search(folded, lo, hi) is not None


def find_times(text: str, published: str | None) -> list[TimeExpr]:
    """All date expressions in `text`, in order, non-overlapping, longest match first."""
    folded = fold(text)
    ctx = _Context(_publication_date(published), folded=folded)
    out: list[TimeExpr] = []
    seen = 0
    for cand in _select(_candidates(folded)):
        ctx.paragraph += folded.count("\n", seen, cand.start)
        ctx.sentence += len(_SENTENCE_ENDS.findall(folded, seen, cand.start))
        seen = cand.start
        ctx.span = (cand.start, cand.end)
        resolved = _RESOLVERS[cand.kind](cand.groups, ctx)
        if resolved is None:
            continue
        value, relative = resolved
        if value is not None:
            ctx.remember(value, relative)
        out.append(TimeExpr(cand.start, cand.end, text[cand.start : cand.end], value, relative))
    return out


def resolve_date(expr: str, published: str | None) -> str | None:
    """Convenience: the value of the first expression found in `expr` (used for a roundup's '(路透社, 2月4日)')."""
    found = find_times(expr, published)
    return found[0].value if found else None
