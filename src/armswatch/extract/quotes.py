"""The `quotes` stage: every statement the article attributes to someone, direct or reported.

Reading goes sentence by sentence, in order, because who "he" is and whose words a lone
quotation in its own paragraph are depend on who spoke last. In each sentence the verbs of
saying (`kb/data/speech.yaml`) outside quotation marks are found first, each with the
speaker written before it (`speakers.py`); a verb's content runs from the verb to the next
attributed clause or the end of the sentence. Content that is exactly a quotation is a
direct quote; content with quoted fragments in it is one reported quote (GUIDELINES: mixed
speech). A quotation right before "X说" is X's (the speaker-after form), as is one split by
its attribution (“……，”他说，“……”). Quotations left over are the last speaker's when they
stand alone. Outlets that report a statement (据俄新社报道, 美联社引述…, 他告诉美联社) are
its `cited_source`, never its speaker, unless nobody else is named.

A roundup (seed 004) gives a header "Name (English), role:" and then paragraphs ending in
"(outlet, date)": everything under the header is that speaker's, credited to that outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from armswatch.document import Document
from armswatch.extract.credits import DATELINE, Credits
from armswatch.extract.quote_marks import CLOSERS, Quotation, QuoteIndex, paragraphs, quotations, sentences
from armswatch.extract.references import CARRY_PARAGRAPHS, Header, Reading, resolve
from armswatch.extract.roundups import header_speakers, is_heading, trailing_citation
from armswatch.extract.speakers import Mentions, Speaker, SpeakerFinder
from armswatch.kb.entities import KnowledgeBase, knowledge_base
from armswatch.kb.patterns import SpeechRules, alternation, name_rules, speech_rules
from armswatch.normalize.script import fold

# Clause boundaries in the folded text: a speaker is looked for between the last one and the verb.
_CLAUSE_BREAKS = frozenset(",:;。!?") | CLOSERS
_PUNCT = " \t\u3000,:;。!?、"
# Words after a verb that make it something else: 表示的 (a relative clause), 说明书.
_NOT_AFTER_VERB = frozenset("的地得者")
_COMMA = re.compile(r"[,:]")
_MIN_CONTENT = 4  # characters: 表示谴责 is an attitude, not a statement


@dataclass
class _Attribution:
    verb_start: int
    verb_end: int
    clause: int  # where the speaker's clause begins
    claim_start: int  # where its words begin when they come first (the quotation before 卢卡申科说), else `clause`
    speaker: Speaker
    explicit: bool  # the speaker is written in the clause (not carried over from an earlier one)
    cited: str | None
    backward: bool  # 如此表示: the words are before the verb


class QuoteStage:
    name = "quotes"
    requires = ("entities",)
    assigns = ("quotes",)

    def __init__(self, kb: KnowledgeBase | None = None, rules: SpeechRules | None = None) -> None:
        self.kb = kb or knowledge_base()
        self.rules = rules or speech_rules()
        capitals = frozenset(e.attrs["capital"] for e in self.kb.entries.values()
                             if e.type == "STATE" and e.attrs.get("capital"))
        self.finder = SpeakerFinder(self.rules, name_rules().titles, capitals)
        self.credits = Credits(self.kb, self.rules)
        verbs = alternation(self.rules.verbs)
        self._verbs = re.compile(rf"{verbs}|(?:{alternation(self.rules.comma_verbs)})(?=[了道说称]?[,:])")
        self._not_speech = [(w, [m.start() for m in re.finditer(verbs, w)])
                            for w in self.rules.not_speech]
        self._credit = re.compile(rf"\s*(?:{alternation(self.rules.credit_heads)})\s*:")
        self._breaks = re.compile(rf",(?:{alternation(self.rules.content_breaks)})")

    def __call__(self, doc: Document) -> Document:
        folded = doc.norm_text
        index = QuoteIndex(quotations(folded))
        reader = Reading(doc.text, folded, Mentions(doc.entities), index, doc.outlet)
        spans = paragraphs(folded, index)
        for number, (start, end) in enumerate(spans):
            self._paragraph(reader, number, start, end)
        if spans:
            self._lead_citation(reader, spans[0])
        doc.quotes = _unique(reader.quotes)
        return doc

    def _lead_citation(self, r: Reading, first: tuple[int, int]) -> None:
        """An article opening 据《X》报道 retells X's report: X is credited where nothing else is."""
        frame = self.credits.frame(r.text, r.folded, r.mentions, first[0], first[1], at_start=True)
        if frame is None:
            return
        for q in r.quotes:
            if q["cited_source"] is None and q["speaker_name"] != frame.source:
                q["cited_source"] = frame.source

    # --- paragraphs -------------------------------------------------------------------------------

    def _paragraph(self, r: Reading, number: int, start: int, end: int) -> None:
        header = header_speakers(r.folded, r.mentions, start, end)
        if header is not None:
            r.header = Header(header, number)
            r.remember(header[0], number)
            return
        if r.header is not None and (is_heading(r.folded, start, end) or self._credit.match(r.folded, start)):
            r.header = None
            return
        cite = trailing_citation(r.text, r.folded, r.mentions, start, end)
        body_end = cite.start if cite else end
        first = len(r.quotes)
        if r.header is None:
            for a, b in sentences(r.folded, start, body_end, r.index):
                self._sentence(r, number, a, b)
        else:
            # Under a roundup header a paraphrase runs on to the next attribution, not to the sentence end.
            self._sentence(r, number, start, body_end)
            if cite is not None:
                self._rest_of_paragraph(r, first, start, body_end)
        if cite is not None:
            for q in r.quotes[first:]:
                if r.header is not None:  # the roundup credits the outlet of the paragraph
                    q["cited_source"], q["cited_date"] = cite.source, cite.date
                else:
                    q["cited_source"] = q["cited_source"] or cite.source
                    q["cited_date"] = q["cited_date"] or cite.date
            if r.header is not None and len(r.header.speakers) > 1 and cite.source:
                self._prefer_cited_speaker(r, first, cite.source)

    def _rest_of_paragraph(self, r: Reading, first: int, start: int, end: int) -> None:
        """What no verb attributed, in a paragraph under a header, is the header speaker's paraphrase."""
        speakers = {s.id for s in r.header.speakers}
        found = r.quotes[first:]
        if not any(q["speaker"] in speakers and q["speaker"] for q in found):
            self._whole_paragraph(r, start, end)
            return
        run: list[tuple[int, int]] = []
        for a, b in [*sentences(r.folded, start, end, r.index), (end, end)]:
            covered = any(q["start"] < b and a < q["end"] for q in found)
            if not covered and a < end:
                run.append((a, b))
                continue
            if run:
                ra, rb = _strip(r.folded, run[0][0], run[-1][1])
                if rb - ra >= _MIN_CONTENT:
                    self._add(r, r.header.speakers[0], ra, rb, False, None)
                run = []

    def _whole_paragraph(self, r: Reading, start: int, end: int) -> None:
        """A paragraph under a roundup header with no attributed statement of the header's speaker."""
        a, b = _strip(r.folded, start, end)
        if b - a < _MIN_CONTENT:
            return
        speaker = r.header.speakers[0]
        quote = self._exact_quotation(r, a, b)
        if quote is not None:
            self._add(r, speaker, quote[0], quote[1], True, None)
        else:
            self._add(r, speaker, a, b, False, None)

    def _prefer_cited_speaker(self, r: Reading, first: int, source: str) -> None:
        """Of several header speakers, the one the credited source names (马基参议员官网) said it."""
        source_key = fold(source)
        for s in r.header.speakers:
            if s.name and fold(s.name)[-2:] in source_key:
                for q in r.quotes[first:]:
                    if q["speaker"] == r.header.speakers[0].id:
                        q["speaker"], q["speaker_name"] = s.id, s.name
                return

    # --- sentences --------------------------------------------------------------------------------

    def _sentence(self, r: Reading, paragraph: int, start: int, end: int) -> None:
        dateline = DATELINE.match(r.folded, start, end)
        if dateline is not None:  # （中央社记者…华盛顿21日专电）: the wire's credit, not a statement
            start = dateline.end()
        frame = self.credits.frame(r.text, r.folded, r.mentions, start, end)
        floor = frame.end if frame else start
        attributions = self._without_reported_views(r, self._attributions(r, paragraph, start, end, floor))
        for i, at in enumerate(attributions):
            if at.cited is None and frame is not None:
                at.cited = frame.source
            following = attributions[i + 1] if i + 1 < len(attributions) else None
            nxt = following.claim_start if following is not None else end
            if following is not None and not at.backward and self._reports(r, at, following):
                continue
            prev_end = attributions[i - 1].verb_end if i else floor
            self._attribute(r, at, prev_end, nxt)
        if not attributions and frame is not None and frame.end < end:
            # 据X报道，… with nobody else named: the outlet is the only source.
            a, b = _strip(r.folded, frame.end, end)
            if b - a >= _MIN_CONTENT:
                self._add(r, frame.speaker, a, b, False, None)
                r.remember(frame.speaker, paragraph)
        self._lone_quotations(r, paragraph, start, end)
        r.note_subject(paragraph, start, end)

    def _without_reported_views(self, r: Reading, found: list[_Attribution]) -> list[_Attribution]:
        """崔善姬表示，朝鲜认为……: the state's view is what the person said, not a second statement."""
        out: list[_Attribution] = []
        for at in found:
            prev = out[-1] if out else None
            if (prev is not None and prev.speaker.type == "PERSON" and at.speaker.type in ("STATE", "ORG")
                    and not prev.backward and at.explicit and self._opens_content(r, prev, at.clause, at.claim_start)):
                continue
            out.append(at)
        return out

    def _reports(self, r: Reading, at: _Attribution, following: _Attribution) -> bool:
        """白宫表示，本周早些时候，拜登告诉泽连斯基，…: the first speaker only reports the second's words."""
        a, b = _strip(r.folded, self._content_start(r, at), following.claim_start)
        if b - a >= 8 or following.backward or not following.explicit or following.speaker.id == at.speaker.id:
            return False
        if following.cited is None and at.speaker.kind == "named" and at.speaker.type != "PERSON":
            following.cited = at.speaker.name  # 白宫表示，…，拜登告诉泽连斯基，…: the White House is credited
        return True

    def _attributions(self, r: Reading, paragraph: int, start: int, end: int, floor: int) -> list[_Attribution]:
        found: list[_Attribution] = []
        for m in self._verbs.finditer(r.folded, floor, end):
            vs, ve = m.start(), m.end()
            if r.index.at(vs) is not None or not self._is_speech(r.folded, vs, ve):
                continue
            if found and vs <= found[-1].verb_end:
                found[-1].verb_end = max(ve, found[-1].verb_end)  # 警告称, 表示说: one verb
                continue
            clause = _clause_start(r, floor, vs)
            region_start, cited = clause, None
            citing = self.credits.citing(r.text, r.folded, clause, vs)
            if citing is not None:  # X援引Y说: X is credited, Y speaks
                cited, region_start = citing
            speaker = self.finder.find(r.folded, r.text, region_start, vs, r.mentions)
            explicit = speaker is not None
            if speaker is None:
                speaker = self._implied_speaker(r, paragraph, found, start, clause, vs)
            else:
                speaker = resolve(r, paragraph, speaker)
            if speaker is None:
                continue
            if not explicit and found and speaker is found[-1].speaker and not found[-1].backward and (
                    r.folded[clause:vs].strip(_PUNCT).startswith(self.rules.continuation_markers)
                    or self._opens_content(r, found[-1], clause, vs)):
                continue  # ……，并强调…… / 表示，预计……: one statement goes on
            if explicit:
                cited = cited or self.credits.listener(r.text, r.folded, r.mentions, r.publisher, speaker.end, vs, ve)
            backward = (r.folded[max(clause, vs - 2) : vs].endswith(self.rules.backward_markers)
                        or self._nothing_after(r, ve, end))
            claim = _adjacent_quotation(r, clause) if backward else None
            found.append(_Attribution(vs, ve, clause, claim.start if claim else clause, speaker, explicit, cited,
                                      backward))
            r.remember(speaker, paragraph)
        return found

    def _after_tail(self, folded: str, verb_end: int) -> int:
        """Past a word that belongs to the verb (表示了, 透露说)."""
        tail = next((t for t in self.rules.verb_tails if folded.startswith(t, verb_end)), "")
        return verb_end + len(tail)

    def _opens_content(self, r: Reading, prev: _Attribution, pos: int, end: int) -> bool:
        """`pos` is where `prev`'s words begin (表示，预计… / 崔善姬表示，朝鲜认为…)."""
        return _strip(r.folded, self._content_start(r, prev), end)[0] == pos

    def _nothing_after(self, r: Reading, ve: int, end: int) -> bool:
        """The verb ends its sentence (……，卢卡申科说。): its words came before it."""
        i = self._after_tail(r.folded, ve)
        while i < end and r.folded[i] in " \t\u3000":
            i += 1
        return i >= end or r.folded[i] in "。!?;"

    def _is_speech(self, folded: str, vs: int, ve: int) -> bool:
        if folded[ve : ve + 1] in _NOT_AFTER_VERB or folded[vs - 1 : vs] in ("所", "的"):
            return False
        for word, offsets in self._not_speech:
            for off in offsets:
                if folded.startswith(word, vs - off):
                    return False
        return True

    def _implied_speaker(self, r: Reading, paragraph: int, found: list[_Attribution], start: int, clause: int,
                         vs: int) -> Speaker | None:
        """A verb with nobody written before it in its clause (，并强调… / ，称此举… / 表示数十年来…)."""
        before = r.folded[clause:vs].strip(_PUNCT)
        marked = before.startswith(self.rules.continuation_markers)
        for marker in self.rules.continuation_markers:
            before = before.replace(marker, "")
        if len(before) > 2:
            return None
        if marked and found:  # 并补充: the same speaker goes on
            return found[-1].speaker
        # The subject of the nearest earlier clause of the sentence that names one.
        end = clause - 1
        while end > start:
            begin = _clause_start(r, start, end)
            subject = self.finder.find(r.folded, r.text, begin, end, r.mentions)
            if subject is not None:
                return resolve(r, paragraph, subject)
            end = begin - 1
        if found:
            return found[-1].speaker
        if r.header is not None:
            return r.header.speakers[0]
        return None

    # --- contents ---------------------------------------------------------------------------------

    def _attribute(self, r: Reading, at: _Attribution, prev_end: int, next_claim: int) -> None:
        if at.backward:
            claim = r.index.at(at.claim_start)
            before = claim if claim is not None and claim.start == at.claim_start else None
        else:
            before = _adjacent_quotation(r, at.clause)
        a, b = _strip(r.folded, self._content_start(r, at), next_claim)
        cut = self._breaks.search(r.folded, a, b)
        if cut is not None:
            b = cut.start()
        b = _drop_time_clause(r.folded, a, b)
        if at.backward or b <= a:
            if before is not None:
                self._add_quotation(r, at.speaker, at.cited, before)
            else:
                sa, sb = _strip(r.folded, prev_end, at.claim_start)
                if sb - sa >= _MIN_CONTENT:
                    self._add(r, at.speaker, sa, sb, False, at.cited)
            return
        exact = self._exact_quotation(r, a, b)
        if exact is not None:
            if before is not None and at.explicit and _unfinished(before.words(r.text)):
                # “……，”他说，“……” is one quote
                words = before.words(r.text) + r.text[exact[0] : exact[1]].strip()
                self._add(r, at.speaker, before.start + 1, exact[1], True, at.cited, words)
                r.used.add(before.start)
                return
            if before is not None:
                self._add_quotation(r, at.speaker, at.cited, before)
            self._add(r, at.speaker, exact[0], exact[1], True, at.cited)
            return
        if before is not None:
            self._add_quotation(r, at.speaker, at.cited, before)
        if b - a >= _MIN_CONTENT:
            self._add(r, at.speaker, a, b, False, at.cited)
            for q in r.index.within(a, b):
                r.used.add(q.start)

    def _content_start(self, r: Reading, at: _Attribution) -> int:
        i = self._after_tail(r.folded, at.verb_end)
        if r.folded[at.verb_start : at.verb_end] in ("告诉", "告訴"):
            colon = _COMMA.search(r.folded, i, i + 20)
            if colon is not None:
                i = colon.end()
        return i

    def _exact_quotation(self, r: Reading, a: int, b: int) -> tuple[int, int] | None:
        """When folded[a:b] is nothing but quotations (and joining punctuation), the quoted words' span."""
        inside = r.index.within(a, b)
        if not inside or inside[0].start != a or inside[-1].end < b - 1:
            return None
        gaps = [r.folded[x.end : y.start] for x, y in zip(inside, inside[1:], strict=False)]
        if any(len(g.strip(_PUNCT)) > 1 for g in gaps):
            return None
        for q in inside:
            r.used.add(q.start)
        return inside[0].start + 1, inside[-1].end - 1

    def _add_quotation(self, r: Reading, speaker: Speaker, cited: str | None, q: Quotation) -> None:
        r.used.add(q.start)
        self._add(r, speaker, q.start + 1, q.end - 1, True, cited, q.words(r.text))

    def _lone_quotations(self, r: Reading, paragraph: int, start: int, end: int) -> None:
        """Quotations no verb claimed: the last speaker's when they stand alone as a sentence."""
        rest = [q for q in r.index.within(start, end) if q.start not in r.used and self._standalone(r, q, start, end)]
        if not rest:
            return
        speaker = r.header.speakers[0] if r.header is not None else None
        if r.last is not None and paragraph - r.last_paragraph <= CARRY_PARAGRAPHS and (
                speaker is None or r.last.kind == "named"):
            speaker = r.last
        if speaker is None:
            return
        for q in rest:
            if len(q.words(r.text)) >= _MIN_CONTENT:
                self._add_quotation(r, speaker, None, q)
        r.remember(speaker, paragraph)

    @staticmethod
    def _standalone(r: Reading, q: Quotation, start: int, end: int) -> bool:
        """Nothing but other quotations and punctuation between the quotation and the sentence's edges."""
        i = q.start - 1
        while i >= start and r.folded[i] in " \t\u3000":
            i -= 1
        if i >= start and r.folded[i] not in "。!?;" and r.folded[i] not in CLOSERS:
            return False
        j = q.end
        while j < end and r.folded[j] in " \t\u3000":
            j += 1
        return j >= end or r.folded[j] in "。!?;“「『\"" or not _unfinished(q.words(r.text))

    def _add(self, r: Reading, speaker: Speaker, start: int, end: int, direct: bool, cited: str | None,
             words: str | None = None) -> None:
        quote = {
            "speaker": speaker.id,
            "speaker_name": speaker.name,
            "text": words if words is not None else r.text[start:end].strip(),
            "start": start,
            "end": end,
            "direct": direct,
            "cited_source": cited,
            "cited_date": None,
        }
        if len(speaker.group) > 1:
            quote["speakers"] = list(speaker.group)
        r.quotes.append(quote)


def _unique(quotes: list[dict]) -> list[dict]:
    """One quote per speaker and words: a photo caption often repeats the lead sentence."""
    seen: set[tuple] = set()
    out = []
    for q in quotes:
        key = (q["speaker"], q["speaker_name"], q["text"])
        if key not in seen:
            seen.add(key)
            out.append(q)
    return out


def _clause_start(r: Reading, floor: int, pos: int) -> int:
    """Just after the last clause break before `pos` (outside quotations), not before `floor`."""
    i = pos - 1
    while i >= floor:
        ch = r.folded[i]
        if ch in _CLAUSE_BREAKS:
            q = r.index.at(i)
            if q is None or (q.end - 1 == i and r.folded[i + 1 : i + 2] != "的"):
                return i + 1
            i = q.start - 1  # inside a quotation, or a quoted term (签订「中导条约」的…): read on before it
            continue
        i -= 1
    return floor


def _adjacent_quotation(r: Reading, pos: int) -> Quotation | None:
    """A quotation ending right before `pos`, with only punctuation or spaces between."""
    i = pos - 1
    while i >= 0 and r.folded[i] in " \t\u3000,":
        i -= 1
    if i >= 0 and r.folded[i] in CLOSERS:
        q = r.index.at(i)
        if q is not None and q.end == i + 1 and q.start not in r.used:
            return q
    return None


_TIME_CHARS = frozenset("0123456789年月日号周星期初中旬底末同今去明本上下当此前后早晚些时候天一二三四五六七八九十 ")


def _drop_time_clause(folded: str, a: int, b: int) -> int:
    """Cut a last clause that is only a time (已开始交付，同年12月，卢卡申科确认…): it opens the next statement."""
    comma = folded.rfind(",", a, b)
    if comma > a and all(ch in _TIME_CHARS for ch in folded[comma + 1 : b]):
        return _strip(folded, a, comma)[1]
    return b


def _unfinished(words: str) -> bool:
    """Quoted words that stop mid-sentence (“……，”他说): the rest follows the attribution."""
    return not words or fold(words[-1]) not in "。!?…\"”’"


def _strip(folded: str, a: int, b: int) -> tuple[int, int]:
    while a < b and folded[a] in _PUNCT:
        a += 1
    while b > a and folded[b - 1] in _PUNCT:
        b -= 1
    return a, b
