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
from dataclasses import dataclass, field, replace

from armswatch.document import Document
from armswatch.extract.quote_marks import CLOSERS, Quotation, QuoteIndex, paragraphs, quotations, sentences
from armswatch.extract.speakers import Mention, Mentions, Speaker, SpeakerFinder
from armswatch.kb.entities import KnowledgeBase, knowledge_base
from armswatch.kb.patterns import SpeechRules, name_rules, speech_rules
from armswatch.normalize import outlets
from armswatch.normalize.script import fold

# Clause boundaries in the folded text: a speaker is looked for between the last one and the verb.
_CLAUSE_BREAKS = frozenset(",:;。!?") | CLOSERS
_PUNCT = " \t\u3000,:;。!?、"
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|(\d{4})-(\d{2})(?:-(\d{2}))?")
# Words after a verb that make it something else: 表示的 (a relative clause), 说明书.
_NOT_AFTER_VERB = frozenset("的地得者")
# How far back (in paragraphs) a lone quotation or a pronoun may look for the last speaker.
_CARRY_PARAGRAPHS = 2
# A dateline opening a paragraph: 【大纪元…讯】（记者…综合报导）, 路透首尔/华盛顿3月26日 -.
_DATELINE = re.compile(r"\s*(?:【[^】\n]{0,40}】\s*)?(?:\([^()\n]{0,40}\)|[^\s,。:]{1,20}?\d{1,2}月\d{1,2}日\s*[-–—])\s*")
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


@dataclass
class _Header:
    speakers: list[Speaker]
    paragraph: int


@dataclass
class _Reader:
    """What has been read so far in one article."""

    text: str
    folded: str
    mentions: Mentions
    index: QuoteIndex
    publisher: str | None
    quotes: list[dict] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # starts of quotations already part of a quote
    last: Speaker | None = None
    last_paragraph: int = -10
    header: _Header | None = None
    issuer: Speaker | None = None  # who issued the report or statement the article keeps quoting
    subject: Speaker | None = None  # the person a recent sentence is about (美国科学家联合会的克里斯滕森…)
    subject_paragraph: int = -10


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
        self._media = frozenset(e.id for e in self.kb.entries.values() if e.attrs.get("kind") == "media")
        verbs = _alternation(self.rules.verbs)
        self._verbs = re.compile(rf"{verbs}|(?:{_alternation(self.rules.comma_verbs)})(?=[了道说称]?[,:])")
        self._not_speech = [(w, [m.start() for m in re.finditer(_alternation(self.rules.verbs), w)])
                            for w in self.rules.not_speech]
        heads, tails = _alternation(self.rules.report_heads), _alternation(self.rules.report_tails)
        self._frame = re.compile(rf"(?:{heads})([^,:;。!?]{{1,30}}?)(?:的)?(?:{tails})")
        self._citing = re.compile(_alternation(self.rules.citing_verbs))
        self._credit = re.compile(rf"\s*(?:{_alternation(self.rules.credit_heads)})\s*:")
        self._platform = re.compile(rf"(?<![a-z])(?:{_alternation(tuple(self.rules.platforms))})(?![a-z])")
        self._breaks = re.compile(rf",(?:{_alternation(self.rules.content_breaks)})")

    def __call__(self, doc: Document) -> Document:
        folded = doc.norm_text
        index = QuoteIndex(quotations(folded))
        reader = _Reader(doc.text, folded, Mentions(doc.entities), index, doc.outlet)
        spans = paragraphs(folded, index)
        for number, (start, end) in enumerate(spans):
            self._paragraph(reader, number, start, end)
        if spans:
            self._lead_citation(reader, spans[0])
        doc.quotes = _unique(reader.quotes)
        return doc

    def _lead_citation(self, r: _Reader, first: tuple[int, int]) -> None:
        """An article opening 据《X》报道 retells X's report: X is credited where nothing else is."""
        frame = self._frame.match(r.folded, first[0], first[1])
        source = self._frame_source(r, frame) if frame else None
        if source is None:
            return
        for q in r.quotes:
            if q["cited_source"] is None and q["speaker_name"] != source[0]:
                q["cited_source"] = source[0]

    # --- paragraphs -------------------------------------------------------------------------------

    def _paragraph(self, r: _Reader, number: int, start: int, end: int) -> None:
        header = self._header(r, start, end)
        if header is not None:
            r.header = _Header(header, number)
            r.last, r.last_paragraph = header[0], number
            return
        if r.header is not None and (_is_heading(r.folded, start, end) or self._credit.match(r.folded, start)):
            r.header = None
            return
        cite = _trailing_citation(r, start, end)
        body_end = cite[2] if cite else end
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
                    q["cited_source"], q["cited_date"] = cite[0], cite[1]
                else:
                    q["cited_source"] = q["cited_source"] or cite[0]
                    q["cited_date"] = q["cited_date"] or cite[1]
            if r.header is not None and len(r.header.speakers) > 1:
                self._prefer_cited_speaker(r, first, cite[0])

    def _rest_of_paragraph(self, r: _Reader, first: int, start: int, end: int) -> None:
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

    def _header(self, r: _Reader, start: int, end: int) -> list[Speaker] | None:
        """The speakers of a roundup header line ("Name (English), role:"), if the paragraph is one."""
        line = r.folded[start:end].rstrip()
        if not line.endswith(":") or len(line) > 300 or any(ch in line for ch in "。!?"):
            return None
        named = [m for m in r.mentions.between(start, end) if m.type in ("PERSON", "ORG")]
        if not named or named[0].start - start > 1:
            return None
        speakers = []
        for m in named:
            after = r.folded[m.end : m.end + 2]
            if m is named[0] or after.startswith("("):
                if after[:1] in ("(", ",", "》"):
                    speakers.append(Speaker(m.id, m.text, m.type, m.start, m.end, "named"))
        return speakers or None

    def _whole_paragraph(self, r: _Reader, start: int, end: int) -> None:
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

    def _prefer_cited_speaker(self, r: _Reader, first: int, source: str) -> None:
        """Of several header speakers, the one the credited source names (马基参议员官网) said it."""
        source_key = fold(source)
        for s in r.header.speakers:
            if s.name and fold(s.name)[-2:] in source_key:
                for q in r.quotes[first:]:
                    if q["speaker"] == r.header.speakers[0].id:
                        q["speaker"], q["speaker_name"] = s.id, s.name
                return

    # --- sentences --------------------------------------------------------------------------------

    def _sentence(self, r: _Reader, paragraph: int, start: int, end: int) -> None:
        dateline = _DATELINE.match(r.folded, start, end)
        if dateline is not None:  # （中央社记者…华盛顿21日专电）: the wire's credit, not a statement
            start = dateline.end()
        frame = next((m for m in self._frame.finditer(r.folded, start, min(end, start + 60))
                      if m.start() == start or r.folded[m.start() - 1] in _CLAUSE_BREAKS), None)
        frame_source = self._frame_source(r, frame) if frame else None
        floor = frame.end() if frame else start
        attributions = self._attributions(r, paragraph, start, end, floor)
        for i, at in enumerate(attributions):
            if at.cited is None and frame_source is not None:
                at.cited = frame_source[0]
            following = attributions[i + 1] if i + 1 < len(attributions) else None
            nxt = following.claim_start if following is not None else end
            if following is not None and not at.backward and self._reports(r, at, following):
                continue
            prev_end = attributions[i - 1].verb_end if i else floor
            self._attribute(r, paragraph, at, prev_end, nxt)
        if not attributions and frame_source is not None and frame.end() < end:
            # 据X报道，… with nobody else named: the outlet is the only source.
            speaker = frame_source[1]
            a, b = _strip(r.folded, frame.end(), end)
            if b - a >= _MIN_CONTENT:
                self._add(r, speaker, a, b, False, None)
                self._remember(r, speaker, paragraph)
        self._lone_quotations(r, paragraph, start, end)
        self._note_subject(r, paragraph, start, end)

    @staticmethod
    def _note_subject(r: _Reader, paragraph: int, start: int, end: int) -> None:
        """The person a sentence opens with is who "he" in the next sentence most likely is."""
        for m in r.mentions.between(start, min(end, start + 20)):
            if m.type == "PERSON" and r.folded[m.start - 1 : m.start] != "(" and r.index.at(m.start) is None:
                r.subject, r.subject_paragraph = Speaker(m.id, m.text, m.type, m.start, m.end, "named"), paragraph
                return

    def _reports(self, r: _Reader, at: _Attribution, following: _Attribution) -> bool:
        """白宫表示，本周早些时候，拜登告诉泽连斯基，…: the first speaker only reports the second's words."""
        a, b = _strip(r.folded, self._content_start(r, at), following.claim_start)
        if b - a >= 8 or following.backward or not following.explicit or following.speaker.id == at.speaker.id:
            return False
        if following.cited is None and at.speaker.kind == "named":
            following.cited = at.speaker.name
        return True

    def _attributions(self, r: _Reader, paragraph: int, start: int, end: int, floor: int) -> list[_Attribution]:
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
            citing = None
            for citing in self._citing.finditer(r.folded, clause, vs):
                pass
            if citing is not None:  # X援引Y说: X is credited, Y speaks
                cited = _clean_source(r.text[clause:citing.start()])
                region_start = citing.end()
            speaker = self.finder.find(r.folded, r.text, region_start, vs, r.mentions)
            explicit = speaker is not None
            if speaker is None:
                speaker = self._implied_speaker(r, paragraph, found, start, clause, vs)
            else:
                speaker = self._resolve(r, paragraph, speaker)
            if speaker is None:
                continue
            if not explicit and found and speaker is found[-1].speaker and not found[-1].backward and (
                    r.folded[clause:vs].strip(_PUNCT).startswith(self.rules.continuation_markers)
                    or _strip(r.folded, self._content_start(r, found[-1]), vs)[0] == clause):
                continue  # ……，并强调…… / 表示，预计……: one statement goes on
            if explicit:
                cited = cited or self._listener(r, speaker.end, vs, ve)
            backward = (r.folded[max(clause, vs - 2) : vs].endswith(self.rules.backward_markers)
                        or self._nothing_after(r, ve, end))
            claim = _adjacent_quotation(r, clause) if backward else None
            found.append(_Attribution(vs, ve, clause, claim.start if claim else clause, speaker, explicit, cited,
                                      backward))
            self._remember(r, speaker, paragraph)
        return found

    def _nothing_after(self, r: _Reader, ve: int, end: int) -> bool:
        """The verb ends its sentence (……，卢卡申科说。): its words came before it."""
        i = ve
        for tail in self.rules.verb_tails:
            if r.folded.startswith(tail, i):
                i += len(tail)
                break
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

    def _implied_speaker(self, r: _Reader, paragraph: int, found: list[_Attribution], start: int, clause: int,
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
                return self._resolve(r, paragraph, subject)
            end = begin - 1
        if found:
            return found[-1].speaker
        if r.header is not None:
            return r.header.speakers[0]
        return None

    def _resolve(self, r: _Reader, paragraph: int, speaker: Speaker) -> Speaker | None:
        """A pronoun, 该官员 or a bare title (白俄总统) is the speaker it refers to."""
        if speaker.kind == "issuer":
            r.issuer = replace(speaker, kind="named")
            return r.issuer
        if speaker.kind in ("named", "unnamed"):
            return speaker
        recent = r.last if r.last is not None and paragraph - r.last_paragraph <= _CARRY_PARAGRAPHS else None
        if r.header is not None and (recent is None or recent.kind != "named"):
            recent = r.header.speakers[0]
        if speaker.kind == "anaphor":
            if recent is not None and recent.kind == "named" and recent.type == "PERSON":
                return recent
            return replace(speaker, kind="unnamed")
        if speaker.kind == "org_anaphor":
            if recent is not None and recent.kind == "named" and recent.type != "PERSON":
                return recent
            return r.issuer if r.issuer is not None else replace(speaker, kind="unnamed")
        if speaker.kind == "document":
            if r.issuer is None:
                if recent is not None and recent.kind == "named" and recent.type != "PERSON":
                    r.issuer = recent
                else:
                    r.issuer = self._issuer(r, speaker.start)
            return r.issuer if r.issuer is not None else replace(speaker, kind="unnamed")
        if speaker.kind == "title":
            person = self._titled_person(r, speaker)
            if person is not None:
                return person
            return replace(speaker, kind="unnamed")
        # A pronoun: the last speaker or the person the last sentences are about, whichever came later;
        # else the person named last before it.
        plural = speaker.name in ("他们", "她们", "他們", "她們")
        subject = r.subject if r.subject is not None and paragraph - r.subject_paragraph <= 1 else None
        if not plural and subject is not None and (recent is None or subject.start > recent.start):
            return replace(subject, start=speaker.start, end=speaker.end)
        if recent is not None and recent.kind == "named" and (recent.type == "PERSON" or plural):
            return recent
        after = recent.end if recent is not None else max(0, speaker.start - 400)
        people = [m for m in r.mentions.between(after, speaker.start)
                  if m.type == "PERSON" and r.folded[m.start - 1 : m.start] != "("]
        if people:
            m = people[-1]
            return Speaker(m.id, m.text, m.type, speaker.start, speaker.end, "named")
        if recent is not None and recent.kind == "unnamed":
            return replace(recent, start=speaker.start, end=speaker.end)
        return None

    def _issuer(self, r: _Reader, pos: int) -> Speaker | None:
        """报告指… with no organisation named: the subject of the sentence before (美国国防部公布了…报告)."""
        end = r.folded.rfind("。", 0, pos)
        if end < 0:
            return None
        begin = max(r.folded.rfind("。", 0, end), r.folded.rfind("\n", 0, end)) + 1
        first = next((m for m in r.mentions.between(begin, end) if m.type in ("ORG", "STATE")), None)
        if first is None:
            return None
        return Speaker(first.id, first.text, first.type, pos, pos, "named")

    def _titled_person(self, r: _Reader, speaker: Speaker) -> Speaker | None:
        title = fold(speaker.name)
        candidates = [m for m in r.mentions.between(0, speaker.start) if m.type == "PERSON"]
        for m in reversed(candidates):
            if any(fold(role).endswith(title[-2:]) for role in r.mentions.roles.get(m.id, ())):
                return Speaker(m.id, m.text, m.type, speaker.start, speaker.end, "named")
        return None

    def _listener(self, r: _Reader, after: int, vs: int, ve: int) -> str | None:
        """An outlet or platform the speaker told (告诉美联社, 接受美国之音采访, 在推特上写道)."""
        end = ve + 12 if r.folded.startswith(("告诉", "告訴"), vs) else vs
        for m in r.mentions.between(after, end):
            if m.type == "ORG" and self._is_outlet(m) and not self._is_publisher(r, m.text):
                return _clean_source(m.text)
        platform = self._platform.search(r.folded, after, end)
        if platform is not None:
            return r.text[platform.start():platform.end()]
        return None

    def _is_outlet(self, m: Mention) -> bool:
        return m.id in self._media or outlets.by_name(m.text) is not None

    def _is_publisher(self, r: _Reader, name: str) -> bool:
        outlet = outlets.by_name(name)
        return r.publisher is not None and outlet is not None and outlet.name == r.publisher

    def _frame_source(self, r: _Reader, frame: re.Match) -> tuple[str, Speaker] | None:
        """The outlet of 据X报道 / 根据《X》的报道, as written and as a speaker."""
        s, e = frame.span(1)
        org = next((m for m in r.mentions.between(s, e) if m.type in ("ORG", "PERSON", "STATE")), None)
        if org is not None:
            return _clean_source(org.text), Speaker(org.id, _clean_source(org.text), org.type, org.start, org.end,
                                                    "named")
        name = _clean_source(r.text[s:e])
        if not name:
            return None
        return name, Speaker(None, name, None, s, e, "unnamed")

    # --- contents ---------------------------------------------------------------------------------

    def _attribute(self, r: _Reader, paragraph: int, at: _Attribution, prev_end: int, next_claim: int) -> None:
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
                self._add_quotation(r, at, before)
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
                self._add_quotation(r, at, before)
            self._add(r, at.speaker, exact[0], exact[1], True, at.cited)
            return
        if before is not None:
            self._add_quotation(r, at, before)
        if b - a >= _MIN_CONTENT:
            self._add(r, at.speaker, a, b, False, at.cited)
            for q in r.index.within(a, b):
                r.used.add(q.start)

    def _content_start(self, r: _Reader, at: _Attribution) -> int:
        i = at.verb_end
        for tail in self.rules.verb_tails:
            if r.folded.startswith(tail, i):
                i += len(tail)
                break
        if r.folded[at.verb_start : at.verb_end] in ("告诉", "告訴"):
            colon = re.compile(r"[,:]").search(r.folded, i, i + 20)
            if colon is not None:
                i = colon.end()
        return i

    def _exact_quotation(self, r: _Reader, a: int, b: int) -> tuple[int, int] | None:
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

    def _add_quotation(self, r: _Reader, at: _Attribution, q: Quotation) -> None:
        r.used.add(q.start)
        self._add(r, at.speaker, q.start + 1, q.end - 1, True, at.cited, q.words(r.text))

    def _lone_quotations(self, r: _Reader, paragraph: int, start: int, end: int) -> None:
        """Quotations no verb claimed: the last speaker's when they stand alone as a sentence."""
        rest = [q for q in r.index.within(start, end) if q.start not in r.used and self._standalone(r, q, start, end)]
        if not rest:
            return
        speaker = r.header.speakers[0] if r.header is not None else None
        if r.last is not None and paragraph - r.last_paragraph <= _CARRY_PARAGRAPHS and (
                speaker is None or r.last.kind == "named"):
            speaker = r.last
        if speaker is None:
            return
        for q in rest:
            if len(q.words(r.text)) >= _MIN_CONTENT:
                r.used.add(q.start)
                self._add(r, speaker, q.start + 1, q.end - 1, True, None, q.words(r.text))
        self._remember(r, speaker, paragraph)

    @staticmethod
    def _standalone(r: _Reader, q: Quotation, start: int, end: int) -> bool:
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

    def _add(self, r: _Reader, speaker: Speaker, start: int, end: int, direct: bool, cited: str | None,
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

    @staticmethod
    def _remember(r: _Reader, speaker: Speaker, paragraph: int) -> None:
        if speaker.kind in ("named", "unnamed"):
            r.last, r.last_paragraph = speaker, paragraph


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


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _clause_start(r: _Reader, floor: int, pos: int) -> int:
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


def _adjacent_quotation(r: _Reader, pos: int) -> Quotation | None:
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


def _clean_source(name: str) -> str:
    """An outlet as written, without brackets or what follows its name (《华盛顿时报》5月25日 → 华盛顿时报)."""
    name = name.strip()
    titled = re.search(r"《([^》]+)》", name)
    if titled:
        return titled.group(1)
    name = re.split(r"[（(]", name, maxsplit=1)[0]
    name = re.sub(r"(?<=..)(?:曾|在|于|於|日前|近日|今天|昨天|\d).*$", "", name)
    return name.strip(" ,，、")


def _is_heading(folded: str, start: int, end: int) -> bool:
    """A short line with no punctuation (美国观点, 欧洲观点): a section title of a roundup."""
    line = folded[start:end].strip()
    return len(line) <= 12 and not re.search(r"[,:;。!?()“”「」]", line)


def _trailing_citation(r: _Reader, start: int, end: int) -> tuple[str | None, str | None, int] | None:
    """The "(outlet, 2026年02月04日)" closing a roundup paragraph: (source, date, where it begins)."""
    a, b = _strip(r.folded, start, end)
    if b <= a or r.folded[b - 1] != ")":
        return None
    open_at = r.folded.rfind("(", a, b)
    if open_at < 0:
        return None
    inner = r.folded[open_at + 1 : b - 1]
    date = _DATE.search(inner)
    if date is None:
        return None
    year, month, day = (date.group(1), date.group(2), date.group(3)) if date.group(1) else date.group(4, 5, 6)
    cited_date = f"{int(year):04d}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    raw = r.text[open_at + 1 : open_at + 1 + date.start()].strip().rstrip(",，、于於 ")
    orgs = [m for m in r.mentions.between(open_at + 1, open_at + 1 + date.start()) if m.type == "ORG"]
    if orgs and orgs[0].start == open_at + 1 and not re.search(r"[、,，]", raw):
        raw = orgs[0].text
    source = raw.strip("《》 ") or None
    return source, cited_date, open_at
