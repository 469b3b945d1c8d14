"""The `claims` stage: numeric statements about military quantities (GUIDELINES: Claims).

A claim is a number and what it counts, read in the folded text (`doc.norm_text`, the same
offsets as `doc.text`), so both scripts read alike. The words live in `kb/data/claims.yaml`:

- the number: Arabic (1550, 1,550, 3.5万), Chinese (一千五百五十, 百), vague (数十 → 10), a range
  (1500至2000, 1500-2000, 3或4, 两三千), a fraction or percentage (三分之二, 百分之九十, 九成), with
  approximation words around it (约, 逾, 超过, 多, 余, 左右) kept out of the value;
- what it counts: a unit of measure (500公里, 85%), or a classifier (枚, 架, 个) and the counted
  noun after it (2000枚核弹头), or, with no noun after it, the counted noun before it in the
  sentence (中国的核弹头从320枚增加到350枚), or the noun of the previous number with the same
  classifier (俄罗斯拥有6255枚，美国有5550枚). A number without classifier counts a noun before it
  only through a count word (核弹头上限为1550, 弹头数量从1550增加到约3500) or one right after it
  (10万兵力);
- what it is not: dates, durations, ages, money, multiples (not_counts), ordinals (第2),
  designations (东风-41, F-16, 9M729, and every number inside an entity's name: 七国集团).

Each distinct (value, value_max, unit) is recorded once per article, at its first occurrence (the
gold counts each distinct number once). `about` is the weapon or weapon class counted (the mention
of the counted noun, else the nearest in the sentence) and the state or organisation that holds it
where the sentence says so (中国的核弹头, 俄罗斯拥有约…); the speaker and cited source are those of
the quote whose span holds the claim.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import cn2an

from armswatch.document import Document
from armswatch.kb.patterns import ClaimRules, alternation, claim_rules

_SENTENCE_BREAKS = frozenset("。!?;\n")
_CLAUSE_BREAKS = _SENTENCE_BREAKS | frozenset(",:、")
_SENTENCE_RE = re.compile("[。!?;\n]")
_CLAUSE_RE = re.compile("[。!?;\n,:、]")
_LAST_SENTENCE_RE = re.compile("(?s).*[。!?;\n]")  # up to the last break of a range
_LAST_CLAUSE_RE = re.compile("(?s).*[。!?;\n,:、]")
# What a noun phrase may hold besides Chinese words: names in brackets and quotation marks, Latin
# designations (11个海马斯多管火箭系统(HIMARS)M142发射器, 135枚AGM-84H增程型距外陆攻飞弹).
_TRANSPARENT = frozenset(" \t\u3000()[]【】「」『』“”‘’\"'《》〈〉<>-‐‑–_·./+&")
_SPACES = " \t\u3000"
_HYPHENS = "-‐‑–—"
_CJK_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_MAGNITUDE = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
# 两三千, 三四百, 一两: two neighbouring numerals and an optional magnitude are a range.
_PAIR = re.compile(r"([一二两三四五六七八九])([二三四五六七八九])([十百千万亿]*)")
# Entity types whose names may hold a number that is part of the name (七国集团, 东风41, G7).
_NAMED_TYPES = frozenset({"PERSON", "ORG", "PLACE", "WEAPON", "WEAPON_CLASS", "TREATY"})
_WEAPON_TYPES = frozenset({"WEAPON", "WEAPON_CLASS"})
_HOLDER_TYPES = frozenset({"STATE", "ORG"})

NOUN_REACH = 10  # Chinese characters between a classifier and its counted noun (名称 in brackets not counted)
AFTER_DE = 4  # ... of which after a 的 (数十个苏联时代的储存设施; not 11个车轴的巨无霸运输竖起发射车)
CHAIN_GAP = 2  # characters between two nouns of one phrase (陆军战术导弹系统(ATACMS)M57战术飞弹)
BARE_REACH = 3  # characters between a number without classifier and the noun after it (10万兵力)
LOOKBACK = 40  # characters back in the sentence for the noun of a classifier with none after it
FRAME_REACH = 30  # characters back for the noun of a number without classifier (核弹头数量…为1550)
INHERIT_REACH = 200  # characters back for the previous number with the same classifier
APPROX_REACH = 8  # characters before a number searched for an approximation word (不超过, 约有)
COUNTRY_GAP = 12  # characters between an organisation and the count of its member countries
LONG_DIGITS = 7  # a longer run of digits is a code, a phone number or a date stamp (1091011)
SPAN_STEP = 200  # characters looked back first for the start of a sentence


@dataclass
class _Number:
    start: int
    end: int
    value: float
    value_max: float | None
    arabic: bool  # written in Arabic digits
    sized: bool  # has a magnitude (万, 千, 百): 十万大军 is a number, 三导弹 is not
    vague: bool


@dataclass
class _Noun:
    start: int
    end: int
    unit: str


class ClaimStage:
    name = "claims"
    requires = ("entities", "quotes")
    assigns = ("claims",)

    def __init__(self, rules: ClaimRules | None = None) -> None:
        self.rules = r = rules or claim_rules()
        vague = alternation(list(r.vague))
        starts = "".join(sorted({w[0] for w in r.vague} | set(_CJK_NUMERALS)))
        vague_part = rf"(?P<vague>{vague})(?P<vmag>[万亿]*)"
        arabic_part = (r"(?<![\d.])(?P<ar>\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?)"
                       r"(?P<mag>(?:[万亿]|[千百](?![米克吨瓦]))(?:\d+(?:[万亿千百十](?![米克吨瓦]))?)*)?")
        # Any number (a range's upper bound, the parts of 三分之二).
        self._one_number = re.compile(rf"{vague_part}|{arabic_part}|(?P<cn>[{_CJK_NUMERALS}]+)")
        # First characters of what may follow a number that counts something: the regex's first test.
        self._lead_chars = frozenset(w[0] for words in (r.classifiers, r.measures, r.weights, r.country_suffixes,
                                                        r.tenths, r.fraction, r.range_separators) for w in words)
        # First characters of not_counts that begin nothing else (年, 月, 日, 岁, 美元): never a claim.
        never = frozenset(w[0] for w in r.not_counts) - self._lead_chars - frozenset(
            w[0] for words in (r.approx_after, r.not_classifiers, r.nouns, r.vague) for w in words)
        self._follow = follow = self._lead_chars | frozenset(_SPACES) | frozenset(w[0] for w in r.approx_after)
        # Numbers that may start a claim: an Arabic number not before 年, 月, 岁 …; a Chinese numeral only
        # with a magnitude (二十, 两千) or before what may count (一枚, 三个; not 一些, 一直); and none before
        # a word that makes it no count (2019 年, 十亿美元, 一部分), but 分之 (三分之二).
        not_after = alternation(r.not_counts)
        self._number = re.compile(
            rf"(?=[\d{starts}])(?:{vague_part}|(?>{arabic_part})(?![{_char_class(never)}])"
            rf"|(?>(?P<cn>[{_CJK_NUMERALS}]*[十百千万亿][{_CJK_NUMERALS}]*|[{_CJK_NUMERALS}]+(?=[{_char_class(follow)}]))))"
            rf"(?![{_SPACES}]*(?!分之)(?:{not_after}))")
        self._spaces = re.compile(rf"[{_SPACES}]*")
        # Nouns and the words that hold one without being one, in one longest-first alternation.
        self._noun = re.compile(alternation(list(r.nouns) + list(r.not_nouns)))
        self._noun_in = re.compile(alternation(list(r.nouns)))
        # Every word that may follow a number, in one longest-first alternation, with its kind; a word in
        # two lists has the kind listed first.
        self._kinds: dict[str, str] = {}
        for kind, words in (("measure", r.measures), ("weight", r.weights), ("not_classifier", r.not_classifiers),
                            ("not_count", r.not_counts), ("classifier", r.classifiers)):
            for w in words:
                self._kinds.setdefault(w, kind)
        self._unit = _word_re(self._kinds)
        self._not_count = _word_re(r.not_counts)
        self._approx_before = _word_re(r.approx_before)
        self._approx_after = _word_re(r.approx_after)
        self._approx_end = _word_re(r.approx_end)
        self._range = _word_re(r.range_separators)
        self._fraction = _word_re(r.fraction)
        self._tenths = _word_re(r.tenths)
        self._country = _word_re(r.country_suffixes)
        self._not_after_country = _word_re(r.not_after_country)
        self._name_end = _word_re(r.name_endings)
        self._breaks = _word_re(r.noun_breaks)
        self._break_first = frozenset(w[0] for w in r.noun_breaks)
        self._noun_first = frozenset(w[0] for w in [*r.nouns, *r.not_nouns])
        self._count_word = re.compile(alternation(r.count_words))
        self._person_word = re.compile(alternation(r.person_words))
        self._weight_context = re.compile(alternation(list(r.nouns) + list(r.weight_context)))
        self._holder = _word_re(r.holder_words)
        self._percent_words = _word_re(r.percent_words)
        self._not_before = r.not_before
        self._demonstratives = r.demonstratives
        self._approx_ending = re.compile(rf"(?:{alternation(r.approx_before)})[{_SPACES}]*$")  # 约 before 2000
        self._not_approx_ending = re.compile(rf"(?:{alternation(r.not_approx)})$")
        self._percent_context = re.compile(alternation(r.percent_context))
        self._speed_before = tuple(w for w in r.speed_marks if not w.startswith("/"))
        self._speed_after = _word_re(r.speed_marks)
        self._ordinal = r.ordinal_marks
        self._people = frozenset(c for c, units in r.classifiers.items() if units == {"people"})

    # --- the stage ---------------------------------------------------------------------------------

    def __call__(self, doc: Document) -> Document:
        folded = doc.norm_text
        mentions = _Mentions(doc.entities)
        claims: list[dict[str, Any]] = []
        seen: set[tuple] = set()
        last_by_classifier: dict[str, tuple[int, str]] = {}  # classifier -> (position, unit)
        consumed = 0
        follow = self._follow
        count_ends = [c.end() for c in self._count_word.finditer(folded)]
        for m in self._number.finditer(folded):
            at = m.start()
            if at < consumed:
                continue
            if m.group("ar") and not m.group("mag") and folded[m.end() : m.end() + 1] not in follow:
                # A plain number with no unit after it: a claim only after a count word (上限为1550).
                i = bisect.bisect_right(count_ends, at)
                if not i or at - count_ends[i - 1] > FRAME_REACH:
                    continue
            read = self._read(folded, m, mentions, last_by_classifier)
            if read is None or mentions.inside(at, m.end()):  # inside a name: 七国集团, 东风41
                continue
            number, unit, start, end, noun, classifier = read
            consumed = number.end
            if classifier is not None:
                last_by_classifier[classifier] = (number.start, unit)
            if number.value < self.rules.smallest.get(unit, 0):
                continue
            key = (number.value, number.value_max, unit)
            if key in seen:
                continue
            seen.add(key)
            claims.append(self._claim(doc, folded, mentions, number, unit, start, end, noun))
        doc.claims = claims
        return doc

    def _claim(self, doc: Document, folded: str, mentions: _Mentions, number: _Number, unit: str, start: int,
               end: int, noun: _Noun | None) -> dict[str, Any]:
        quote = _enclosing_quote(doc.quotes, start, end)
        return {
            "value": _plain(number.value),
            "value_max": _plain(number.value_max) if number.value_max is not None else None,
            "unit": unit,
            "about": self._about(folded, mentions, number, unit, noun, start, end),
            "text": doc.text[start:end],
            "start": start,
            "end": end,
            "speaker": quote.get("speaker") if quote else None,
            "speaker_name": quote.get("speaker_name") if quote else None,
            "cited_source": quote.get("cited_source") if quote else None,
        }

    # --- one number ----------------------------------------------------------------------------------

    def _read(self, folded: str, m: re.Match, mentions: _Mentions, last: dict[str, tuple[int, str]]):
        """The claim a number match starts, as (number, unit, start, end, noun, classifier), or None."""
        start = m.start()
        p = self._after_approx(folded, m.end())
        if folded[p : p + 1] not in self._lead_chars and not self._may_stand_alone(folded, m):
            return None
        if self._not_a_count_before(folded, m):
            return None
        number = self._parse(folded, m)
        if number is None or number.value == 0:
            return None
        # 百分之九十 / 三分之二: a percentage.
        percent = self._percentage(folded, number)
        if percent is not None:
            after = percent.end + (folded[percent.end : percent.end + 1] == "个")
            if self._not_count.match(folded, after) or not self._percent_context_at(folded, percent):
                return None  # 四分之一个世纪
            return percent, "percent", self._text_start(folded, start), percent.end, None, None
        p = self._after_approx(folded, number.end)
        kind, word_end = self._unit_word(folded, p)
        if kind == "not_count":
            return None
        text_start = self._text_start(folded, start)
        if self._designation(folded, number, kind):
            return None
        if kind in ("measure", "weight") and self._not_count.match(folded, word_end):
            return None  # 35吨级: a class, not a weight
        if kind == "measure":
            unit = self.rules.measures[folded[p:word_end]]
            if unit == "km" and self._speed(folded, text_start, word_end):
                return None
            if unit == "percent" and not self._percent_context_at(folded, number):
                return None
            return number, unit, text_start, self._trailing_approx(folded, word_end), None, None
        if kind == "weight":
            a, b = _clause(folded, number.start, number.end)
            if self._weight_context.search(folded, a, b) is None:
                return None
            return number, "other", text_start, word_end, None, None
        if kind == "classifier":
            return self._counted(folded, number, p, word_end, text_start, mentions, last)
        tenths = self._tenths.match(folded, p)
        if tenths is not None and not number.arabic and number.value <= 10 and _ends_word(folded, tenths.end()):
            number.value, number.value_max = number.value * 10, _times(number.value_max, 10)
            if not self._percent_context_at(folded, number):
                return None
            return number, "percent", text_start, tenths.end(), None, None
        country = self._country.match(folded, p)
        if country is not None:
            after = country.end()
            if (number.value >= self.rules.country_suffixes[country.group()] and number.value_max is None
                    and not self._not_after_country.match(folded, after) and not self._name_end.match(folded, after)):
                return number, "countries", text_start, after, None, None
            return None
        return self._bare(folded, number, p, text_start, mentions)

    def _may_stand_alone(self, folded: str, m: re.Match) -> bool:
        """With no unit after it (一些, 一直, 2023年), a number is a claim only when it has a magnitude
        (10万兵力) or a count word before it (核弹头上限为1550)."""
        if m.group("mag") or _sized_cn(m.group("cn")):
            return True
        return bool(m.group("ar")) and self._count_word.search(folded, max(0, m.start() - FRAME_REACH),
                                                                m.start()) is not None

    def _counted(self, folded: str, number: _Number, p: int, word_end: int, text_start: int, mentions: _Mentions,
                 last: dict[str, tuple[int, str]]):
        r = self.rules
        classifier = folded[p:word_end]
        if self._not_count.match(folded, word_end) or self._name_end.match(folded, word_end):
            return None  # 3个月, 七个国家集团
        allowed = r.classifiers[classifier]
        if number.value == 1 and number.value_max is None:  # 一个…的…: "a", unless its noun comes before any 的
            noun = self._noun_after(folded, word_end, mentions, after_de=0)
        else:
            noun = self._noun_after(folded, word_end, mentions)
        if classifier in self._people:
            if noun is not None and noun.unit == "people":
                return number, "people", text_start, noun.end, noun, classifier
            a, b = _clause(folded, number.start, number.end)
            if noun is None and self._person_word.search(folded, a, b):
                return number, "people", text_start, self._trailing_approx(folded, word_end), None, classifier
            return None
        if noun is not None:
            if noun.unit not in allowed:
                return None
            return number, noun.unit, text_start, noun.end, noun, classifier
        shared = self._coordinated(folded, word_end, classifier, mentions)
        if shared is not None and shared.unit in allowed:  # 5800枚及6370枚核弹头
            return number, shared.unit, text_start, word_end, shared, classifier
        if classifier not in r.inherit:
            return None
        own = allowed - {"other"} or allowed  # 驱逐舰击落了14架…: a ship is not what 架 counts
        before = self._noun_before(folded, number.start, LOOKBACK, own, _SENTENCE_BREAKS)
        end = self._trailing_approx(folded, word_end)
        if before is not None:
            return number, before.unit, text_start, end, before, classifier
        previous = last.get(classifier)
        if previous is not None and number.start - previous[0] <= INHERIT_REACH \
                and "\n" not in folded[previous[0] : number.start]:
            return number, previous[1], text_start, end, None, classifier
        return None

    def _coordinated(self, folded: str, p: int, classifier: str, mentions: _Mentions) -> _Noun | None:
        """The noun of the next number when it follows at once with the same classifier (5800枚及6370枚核弹头)."""
        p = self._spaces.match(folded, p).end()
        joint = self._breaks.match(folded, p)
        if joint is not None:
            p = joint.end()
        elif folded[p : p + 1] == "、":
            p += 1
        else:
            return None
        p = self._spaces.match(folded, p).end()
        approx = self._approx_before.match(folded, p)
        if approx is not None:
            p = approx.end()
        m = self._one_number.match(folded, p)
        if m is None:
            return None
        q = self._after_approx(folded, m.end())
        if not folded.startswith(classifier, q):
            return None
        return self._noun_after(folded, q + len(classifier), mentions)

    def _bare(self, folded: str, number: _Number, p: int, text_start: int, mentions: _Mentions):
        """A number with no classifier or unit: a count only next to its noun (10万兵力, 核弹头上限为1550)."""
        if not (number.arabic or number.sized) or number.vague or number.value < 10:
            return None
        year_like = number.value_max is None and 1900 <= number.value <= 2100 and number.arabic and not number.sized
        if number.sized and not year_like:  # 10万兵力; 94969部队 is a unit's name
            noun = self._noun_after(folded, p, mentions, reach=BARE_REACH, chain=False, after_de=0)
            if noun is not None and noun.unit not in ("people", "countries", "divisions"):
                return number, noun.unit, text_start, noun.end, noun, None
        a, _ = _clause(folded, number.start, number.end)
        a = max(a, number.start - FRAME_REACH)
        noun = self._noun_before(folded, number.start, FRAME_REACH, None, _CLAUSE_BREAKS)
        if noun is None or noun.start < a or self._count_word.search(folded, noun.end, number.start) is None:
            return None
        if noun.unit in ("people", "countries"):
            return None
        return number, noun.unit, text_start, number.end, noun, None

    # --- numbers -----------------------------------------------------------------------------------

    def _parse(self, folded: str, m: re.Match) -> _Number | None:
        if m.group("ar") and len(m.group("ar").replace(",", "").split(".")[0]) >= LONG_DIGITS:
            return None
        pair = _PAIR.fullmatch(m.group("cn")) if m.group("cn") else None
        if pair is not None:  # 两三千, 三四百, 一两
            low, high = _DIGIT[pair.group(1)], _DIGIT[pair.group(2)]
            size = 1
            for ch in pair.group(3):
                size *= _MAGNITUDE[ch]
            if high == low + 1 or (low, high) == (3, 5):
                return _Number(m.start(), m.end(), low * size, high * size, False, bool(pair.group(3)), False)
        first = self._value(m)
        if first is None:
            return None
        value, arabic, sized, vague = first
        number = _Number(m.start(), m.end(), value, None, arabic, sized, vague)
        self._range_end(folded, number)
        return number

    def _value(self, m: re.Match) -> tuple[float, bool, bool, bool] | None:
        """(value, arabic, sized, vague) of a number match."""
        if m.group("vague"):
            value = float(self.rules.vague[m.group("vague")])
            for ch in m.group("vmag") or "":  # 数十亿
                value *= _MAGNITUDE[ch]
            return value, False, True, True
        if m.group("ar"):
            mag = m.group("mag") or ""
            if any(ch.isdigit() for ch in mag):  # 1万8千
                value = _cn_value(m.group("ar").replace(",", "") + mag)
                return None if value is None else (value, True, True, False)
            value = float(m.group("ar").replace(",", ""))
            for ch in mag:
                value *= _MAGNITUDE[ch]
            return value, True, bool(mag), False
        text = m.group("cn")
        if text[0] in "百千":  # 百枚, 千枚; a 万 or 亿 alone is no number (万一)
            text = "一" + text
        value = _cn_value(text)
        if value is None:
            return None
        return value, False, any(ch in "百千万亿" for ch in text) or value >= 10, False

    def _range_end(self, folded: str, number: _Number) -> None:
        """1500至2000, 1500-2000, 3或4, 15至20万: extend `number` to the upper bound when one follows."""
        if folded[max(0, number.start - 1) : number.start] == "从":
            return  # 从1550到3500 is a change, not a range
        p = number.end
        kind, word_end = self._unit_word(folded, self._spaces.match(folded, p).end())
        unit_word = ""
        if kind in ("measure", "classifier", "weight"):  # 700艘至900艘, 20%至30%
            unit_word = folded[self._spaces.match(folded, p).end() : word_end]
            p = word_end
        sep = self._range.match(folded, self._spaces.match(folded, p).end())
        if sep is None:
            return
        hyphen = sep.group() in _HYPHENS or sep.group() == "~"
        if hyphen and (sep.start() != p or not number.arabic):
            return
        q = self._spaces.match(folded, sep.end()).end()
        if hyphen and q != sep.end():
            return
        m = self._one_number.match(folded, q)
        if m is None or m.group("vague"):
            return
        second = self._value(m)
        if second is None or (hyphen and not m.group("ar")):
            return
        if unit_word and not folded.startswith(unit_word, self._spaces.match(folded, m.end()).end()):
            return
        high = second[0]
        low = number.value
        mag = m.group("mag") or ""
        if mag and number.arabic and not number.sized:
            scaled = low
            for ch in mag:
                scaled *= _MAGNITUDE[ch]
            if scaled < high:
                low = scaled  # 15至20万: both in 万
        if high <= low:
            return
        number.value, number.value_max, number.end = low, high, m.end()
        number.sized = number.sized or second[2]

    def _percentage(self, folded: str, number: _Number) -> _Number | None:
        """百分之九十 (90) and 三分之二 (66.67): a share written in words."""
        pw = self._percent_words.match(folded, number.start)
        if pw is not None:
            m = self._one_number.match(folded, pw.end())
            if m is None or m.group("vague"):
                return None
            whole = self._parse(folded, m)
            if whole is None:
                return None
            whole.start = number.start
            return whole
        frac = self._fraction.match(folded, number.end)
        if frac is None or number.value_max is not None:
            return None
        m = self._one_number.match(folded, frac.end())
        if m is None or m.group("vague") or number.value == 0:
            return None
        part = self._value(m)
        if part is None:
            return None
        share = part[0] / number.value * 100
        return _Number(number.start, m.end(), share, None, False, True, False)

    # --- around the number --------------------------------------------------------------------------

    def _not_a_count_before(self, folded: str, m: re.Match) -> bool:
        """第2, 这两个, 最后一枚, 一名士兵站在…: what is before the number makes it no count."""
        start = m.start()
        before = folded[max(0, start - 4) : start].rstrip(_SPACES)
        if before.endswith(self._ordinal) or before.endswith(self._demonstratives):
            return True  # 第2; 这两个核武大国
        if not (m.group("cn") and m.group("cn")[0] == "一"):
            return False
        if before.endswith(self._not_before):
            return True  # 最后一枚
        i = start - 1
        while i >= 0 and (folded[i] in _TRANSPARENT or folded[i] in _SPACES):
            i -= 1
        return i < 0 or folded[i] in _CLAUSE_BREAKS  # 一名士兵站在…: "a soldier"

    def _designation(self, folded: str, number: _Number, kind: str | None) -> bool:
        """东风-41, F-16, S-400, 9M729, G7: a number bound to Latin letters or a name's hyphen."""
        prev = folded[number.start - 1 : number.start] if number.start else ""
        if prev == " " and number.start >= 2:  # DDG 107
            prev = folded[number.start - 2]
        if prev and (prev.isascii() and prev.isalpha()):
            return True
        if prev and prev in _HYPHENS:
            before = folded[number.start - 2 : number.start - 1]
            if not before.isdigit():
                return True
        nxt = folded[number.end : number.end + 1]
        return kind != "measure" and nxt.isascii() and nxt.isalpha()

    def _percent_context_at(self, folded: str, number: _Number) -> bool:
        a, b = _sentence(folded, number.start, number.end)
        return self._percent_context.search(folded, a, b) is not None

    def _speed(self, folded: str, start: int, end: int) -> bool:
        """时速35公里, 每小时35公里, 35公里/小时: a speed, not a distance."""
        before = folded[max(0, start - 4) : start].rstrip(_SPACES)
        return before.endswith(self._speed_before) or self._speed_after.match(folded, end) is not None

    def _after_approx(self, folded: str, p: int) -> int:
        """Past the spaces and approximation word right after a number (100多枚, 二十余枚)."""
        p = self._spaces.match(folded, p).end()
        m = self._approx_after.match(folded, p)
        return self._spaces.match(folded, m.end()).end() if m is not None else p

    def _trailing_approx(self, folded: str, p: int) -> int:
        """Past an approximation word after the unit (200枚左右)."""
        m = self._approx_end.match(folded, p)
        return m.end() if m is not None else p

    def _text_start(self, folded: str, start: int) -> int:
        """Where the claim's text begins: at an approximation word right before the number (约2000)."""
        window = folded[max(0, start - APPROX_REACH) : start]
        m = self._approx_ending.search(window)
        if m is None or self._not_approx_ending.search(window, 0, m.end()) is not None:
            return start
        return start - (len(window) - m.start())

    def _unit_word(self, folded: str, p: int) -> tuple[str | None, int]:
        """The longest unit word at `p` and its kind (measure, weight, classifier, not_count …)."""
        m = self._unit.match(folded, p)
        if m is None:
            return None, p
        kind = self._kinds[m.group()]
        if kind == "not_classifier":
            return None, p
        return kind, m.end()

    # --- counted nouns -------------------------------------------------------------------------------

    def _noun_at(self, folded: str, p: int) -> tuple[int, str | None] | None:
        """The longest counted noun (or word that holds one) at `p`: (end, unit or None)."""
        m = self._noun.match(folded, p)
        if m is None:
            return None
        return m.end(), self.rules.nouns.get(m.group())

    def _noun_after(self, folded: str, p: int, mentions: _Mentions, reach: int = NOUN_REACH,
                    chain: bool = True, after_de: int = AFTER_DE) -> _Noun | None:
        """The counted noun of the phrase that starts at `p` (after a classifier): its last noun."""
        found: _Noun | None = None
        chars = since_de = 0
        seen_de = False
        gap = 0
        i, n = p, len(folded)
        weapon_at = mentions.weapon_at
        break_first, noun_first = self._break_first, self._noun_first
        while i < n:
            ch = folded[i]
            mention = weapon_at(i)
            if mention is None and (ch in _CLAUSE_BREAKS or (ch in break_first and self._breaks.match(folded, i))):
                break
            if (ch.isdigit() or ch in _CJK_NUMERALS) and not _bound_digit(folded, i) \
                    and self._starts_count(folded, i):
                break  # the next count
            if ch in "((" and _is_cjk(folded[i + 1 : i + 2]):
                break  # a remark in brackets: 100多枚(其中几乎所有导弹…)
            if mention is not None:
                inner = self._nouns_in(folded, i, mention)
                if inner is None:
                    chars += 1  # a name without a counted noun (伊斯坎德尔-M): one word
                else:
                    first, last = inner
                    lead = sum(1 for c in folded[i : first.start] if _is_cjk(c))
                    chars += lead
                    if seen_de:
                        since_de += lead
                    if found is None and (chars > reach or since_de > after_de):
                        break
                    found, gap = last, 0
                i = mention
                if found is None and chars > reach:
                    break
                continue
            noun = self._noun_at(folded, i) if ch in noun_first else None
            if noun is not None:
                end, unit = noun
                if unit is not None:
                    found, gap = _Noun(i, end, unit), 0
                elif found is not None:
                    break
                else:
                    chars += end - i
                    if chars > reach:
                        break
                i = end
                continue
            if ch in _TRANSPARENT or (ch.isascii() and ch.isalnum()):
                i += 1
                continue
            if found is not None:
                gap += 1
                if not chain or gap > CHAIN_GAP:
                    break
            else:
                chars += 1
                if ch == "的":
                    seen_de, since_de = True, 0
                elif seen_de:
                    since_de += 1
                if chars > reach or (seen_de and since_de > after_de) or (ch == "的" and after_de == 0):
                    break
            i += 1
        return found

    def _starts_count(self, folded: str, i: int) -> bool:
        """A number with a classifier or unit starts at `i` (the next count, not part of this phrase)."""
        m = self._one_number.match(folded, i)
        if m is None:
            return False
        kind, _ = self._unit_word(folded, self._after_approx(folded, m.end()))
        return kind in ("classifier", "measure")

    def _nouns_in(self, folded: str, start: int, end: int) -> tuple[_Noun, _Noun] | None:
        """The first and last counted nouns inside a weapon's name (陆军战术导弹系统: 导弹系统)."""
        found = [_Noun(m.start(), m.end(), self.rules.nouns[m.group()])
                 for m in self._noun_in.finditer(folded, start, end)]
        return (found[0], found[-1]) if found else None

    def _noun_before(self, folded: str, pos: int, reach: int, allowed: frozenset[str] | None,
                     breaks: frozenset[str]) -> _Noun | None:
        """The nearest counted noun before `pos` in its sentence (or clause), of an allowed unit."""
        lo = max(0, pos - reach)
        i = pos - 1
        while i >= lo and folded[i] not in breaks:
            i -= 1
        lo = i + 1
        best: _Noun | None = None
        j = lo
        noun_first = self._noun_first
        while j < pos:
            if folded[j] not in noun_first:
                j += 1
                continue
            m = self._noun.match(folded, j, pos)
            if m is None:
                j += 1
                continue
            unit = self.rules.nouns.get(m.group())
            if unit is not None and (allowed is None or unit in allowed):
                best = _Noun(m.start(), m.end(), unit)
            j = m.end()
        return best

    # --- about -------------------------------------------------------------------------------------

    def _about(self, folded: str, mentions: _Mentions, number: _Number, unit: str, noun: _Noun | None,
               start: int, end: int) -> list[str]:
        """The weapon counted and the state or organisation that holds it, as entity ids."""
        ids: list[str] = []
        weapon = None
        if noun is not None:  # the counted noun's own mention, else one in the claim's words or clause
            weapon = (mentions.covering(noun.start, noun.end, _WEAPON_TYPES)
                      or mentions.covering(start, end, _WEAPON_TYPES))
            if weapon is None and unit not in ("countries", "people"):
                a, b = _clause(folded, number.start, number.end)
                weapon = mentions.nearest(number.start, number.end, a, b, _WEAPON_TYPES)
        elif unit not in ("countries", "people", "percent"):  # what the sentence counts or measures
            a, b = (_clause if unit == "other" else _sentence)(folded, number.start, number.end)
            weapon = mentions.nearest(number.start, number.end, a, b, _WEAPON_TYPES)
        if weapon is not None:
            ids.append(weapon)
        holder = self._holder_of(folded, mentions, number, _sentence(folded, number.start, number.end)[0], unit)
        if holder is not None and holder not in ids:
            ids.append(holder)
        return ids

    def _holder_of(self, folded: str, mentions: _Mentions, number: _Number, a: int, unit: str) -> str | None:
        """The state or organisation before the number that holds what is counted (中国的…, 俄罗斯拥有…).

        For a count of countries, the organisation they make up (安理会15个成员国, 联络小组会议上与近50个国家).
        """
        for _start, end, eid, etype in mentions.before(number.start, a):
            gap = folded[end : number.start].strip(_SPACES)
            if unit == "countries":
                if etype == "ORG" and len(gap) <= COUNTRY_GAP:
                    return eid
                continue
            if etype in _HOLDER_TYPES and (len(gap) <= 1 or self._holder.match(folded, end) is not None):
                return eid
        return None


class _Mentions:
    """Entity mentions by position, indexed on first use (most numbers are rejected before they need it)."""

    def __init__(self, entities: list[dict[str, Any]]) -> None:
        self.entities = entities

    @cached_property
    def spans(self) -> list[tuple[int, int, str, str]]:
        """(start, end, id, type) of every mention, by start."""
        spans = [(m["start"], m["end"], e.get("id"), e.get("type")) for e in self.entities for m in e["mentions"]]
        spans.sort(key=_first)
        return spans

    @cached_property
    def starts(self) -> list[int]:
        return [s[0] for s in self.spans]

    @cached_property
    def _weapon_at(self) -> dict[int, int]:
        ends: dict[int, int] = {}
        for s, e, _, t in self.spans:
            if t in _WEAPON_TYPES and e > ends.get(s, 0):
                ends[s] = e
        return ends

    def weapon_at(self, pos: int) -> int | None:
        """End of a weapon or weapon-class mention starting at `pos`."""
        return self._weapon_at.get(pos)

    def inside(self, start: int, end: int) -> bool:
        """The span lies inside the name of a named entity (七国集团, 东风41)."""
        i = bisect.bisect_right(self.starts, start)
        return any(s[0] <= start and end <= s[1] and s[3] in _NAMED_TYPES for s in self.spans[max(0, i - 8) : i])

    def covering(self, start: int, end: int, types: frozenset[str]) -> str | None:
        i = bisect.bisect_right(self.starts, end)
        best = None
        for s, e, eid, t in self.spans[max(0, i - 12) : i]:
            if t in types and s < end and start < e and (best is None or e - s > best[0]):
                best = (e - s, eid)
        return best[1] if best else None

    def nearest(self, start: int, end: int, a: int, b: int, types: frozenset[str]) -> str | None:
        """The nearest mention in [a, b) to the span, one after it winning a tie (2000枚战术核武器)."""
        lo = bisect.bisect_left(self.starts, a)
        hi = bisect.bisect_left(self.starts, b)
        best = None
        for s, e, eid, t in self.spans[lo:hi]:
            if t not in types or e > b:
                continue
            distance = s - end if s >= end else (start - e if e <= start else 0)
            if distance < 0:
                continue
            rank = (distance, 0 if s >= end else 1)
            if best is None or rank < best[0]:
                best = (rank, eid)
        return best[1] if best else None

    def before(self, pos: int, a: int):
        """Mentions ending before `pos` and starting at or after `a`, nearest first."""
        lo = bisect.bisect_left(self.starts, a)
        hi = bisect.bisect_left(self.starts, pos)
        return sorted((s for s in self.spans[lo:hi] if s[1] <= pos), key=lambda s: -s[1])


def _char_class(chars) -> str:
    return "".join(re.escape(c) for c in sorted(chars))


def _first(span: tuple) -> int:
    return span[0]


def _word_re(words) -> re.Pattern:
    return re.compile(alternation(list(words)) or r"(?!)")


def _bound_digit(folded: str, i: int) -> bool:
    """A digit inside a designation (M142, AGM-84H), not the start of the next number."""
    j = i
    while j > 0 and folded[j - 1].isdigit():
        j -= 1
    prev = folded[j - 1 : j]
    return bool(prev) and ((prev.isascii() and prev.isalpha()) or prev in _HYPHENS)


@lru_cache(maxsize=4096)
def _cn_value(text: str) -> float | None:
    """一千五百五十 → 1550, 3.5万 → 35000, 1万8千 → 18000 (cn2an); None when it is no number."""
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _sized_cn(text: str | None) -> bool:
    return bool(text) and any(ch in "十百千万亿" for ch in text)


def _is_cjk(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


def _ends_word(folded: str, p: int) -> bool:
    """九成 ends here (九成的, 九成以上, 九成。), not 三成为."""
    nxt = folded[p : p + 1]
    return not nxt or nxt in "的以左多" or not _is_cjk(nxt)


def _clause(folded: str, start: int, end: int) -> tuple[int, int]:
    return _span(folded, start, end, _CLAUSE_BREAKS)


def _sentence(folded: str, start: int, end: int) -> tuple[int, int]:
    return _span(folded, start, end, _SENTENCE_BREAKS)


def _span(folded: str, start: int, end: int, breaks: frozenset[str]) -> tuple[int, int]:
    """The clause or sentence around [start, end): from after the break before it to the break after it."""
    after, last = (_CLAUSE_RE, _LAST_CLAUSE_RE) if breaks is _CLAUSE_BREAKS else (_SENTENCE_RE, _LAST_SENTENCE_RE)
    lo = max(0, start - SPAN_STEP)  # most sentences are short: look back a little first
    m = last.match(folded, lo, start) or (last.match(folded, 0, lo) if lo else None)
    a = m.end() if m is not None else 0
    m = after.search(folded, end)
    return a, (m.start() if m is not None else len(folded))


def _enclosing_quote(quotes: list[dict[str, Any]], start: int, end: int) -> dict[str, Any] | None:
    best = None
    for q in quotes:
        qs, qe = q.get("start"), q.get("end")
        if qs is None or qe is None or not (qs <= start and end <= qe):
            continue
        if best is None or qe - qs < best["end"] - best["start"]:
            best = q
    return best


def _times(value: float | None, factor: float) -> float | None:
    return None if value is None else value * factor


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
