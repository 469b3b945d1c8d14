"""Who a pronoun, 该官员, 报告 or a bare title refers to, from what the article has said so far.

The quotes stage reads an article in order and keeps its `Reading` here: the last speaker,
the person the last sentences are about, the issuer of the report being quoted and the
roundup header in force. `resolve` turns a speaker found in a clause into the speaker meant.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from armswatch.extract.quote_marks import QuoteIndex
from armswatch.extract.speakers import Mentions, Speaker, in_brackets
from armswatch.normalize.script import fold

# How far back (in paragraphs) a lone quotation or a pronoun may look for the last speaker.
CARRY_PARAGRAPHS = 2
_PLURAL = ("他们", "她们", "他們", "她們")


@dataclass
class Header:
    """A roundup header in force: its speakers (the first is the one meant unless the credit names another)."""

    speakers: list[Speaker]
    paragraph: int


@dataclass
class Reading:
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
    header: Header | None = None
    issuer: Speaker | None = None  # who issued the report or statement the article keeps quoting
    subject: Speaker | None = None  # the person a recent sentence is about (美国科学家联合会的克里斯滕森…)
    subject_paragraph: int = -10

    def remember(self, speaker: Speaker, paragraph: int) -> None:
        if speaker.kind in ("named", "unnamed"):
            self.last, self.last_paragraph = speaker, paragraph

    def note_subject(self, paragraph: int, start: int, end: int) -> None:
        """The person a sentence opens with is who "he" in the next sentence most likely is."""
        for m in self.mentions.between(start, min(end, start + 20)):
            if m.type == "PERSON" and not in_brackets(self.folded, m) and self.index.at(m.start) is None:
                self.subject = Speaker(m.id, m.text, m.type, m.start, m.end, "named")
                self.subject_paragraph = paragraph
                return


def resolve(r: Reading, paragraph: int, speaker: Speaker) -> Speaker | None:
    """A pronoun, 该官员 or a bare title (白俄总统) is the speaker it refers to."""
    if speaker.kind == "issuer":
        r.issuer = replace(speaker, kind="named")
        return r.issuer
    if speaker.kind in ("named", "unnamed"):
        return speaker
    recent = r.last if r.last is not None and paragraph - r.last_paragraph <= CARRY_PARAGRAPHS else None
    if r.header is not None and (recent is None or recent.kind != "named"):
        recent = r.header.speakers[0]
    if speaker.kind == "anaphor":
        if recent is not None and recent.kind == "named" and recent.type == "PERSON":
            return recent
        return replace(speaker, kind="unnamed")
    # The organisation or state that spoke last, for 该中心 and a document without its issuer.
    recent_org = recent if recent is not None and recent.kind == "named" and recent.type != "PERSON" else None
    if speaker.kind == "org_anaphor":
        if recent_org is not None:
            return recent_org
        return r.issuer if r.issuer is not None else replace(speaker, kind="unnamed")
    if speaker.kind == "document":
        if r.issuer is None:
            r.issuer = recent_org if recent_org is not None else _issuer(r, speaker.start)
        return r.issuer if r.issuer is not None else replace(speaker, kind="unnamed")
    if speaker.kind == "title":
        person = _titled_person(r, speaker)
        if person is not None:
            return person
        return replace(speaker, kind="unnamed")
    # A pronoun: the last speaker or the person the last sentences are about, whichever came later;
    # else the person named last before it.
    plural = speaker.name in _PLURAL
    subject = r.subject if r.subject is not None and paragraph - r.subject_paragraph <= 1 else None
    if not plural and subject is not None and (recent is None or subject.start > recent.start):
        return replace(subject, start=speaker.start, end=speaker.end)
    if recent is not None and recent.kind == "named" and (recent.type == "PERSON" or plural):
        return recent
    after = recent.end if recent is not None else max(0, speaker.start - 400)
    people = [m for m in r.mentions.between(after, speaker.start)
              if m.type == "PERSON" and not in_brackets(r.folded, m)]
    if people:
        m = people[-1]
        return Speaker(m.id, m.text, m.type, speaker.start, speaker.end, "named")
    if recent is not None and recent.kind == "unnamed":
        return replace(recent, start=speaker.start, end=speaker.end)
    return None


def _issuer(r: Reading, pos: int) -> Speaker | None:
    """报告指… with no organisation named: the subject of the sentence before (美国国防部公布了…报告)."""
    end = r.folded.rfind("。", 0, pos)
    if end < 0:
        return None
    begin = max(r.folded.rfind("。", 0, end), r.folded.rfind("\n", 0, end)) + 1
    first = next((m for m in r.mentions.between(begin, end) if m.type in ("ORG", "STATE")), None)
    if first is None:
        return None
    return Speaker(first.id, first.text, first.type, pos, pos, "named")


def _titled_person(r: Reading, speaker: Speaker) -> Speaker | None:
    title = fold(speaker.name)
    candidates = [m for m in r.mentions.between(0, speaker.start) if m.type == "PERSON"]
    for m in reversed(candidates):
        if any(fold(role).endswith(title[-2:]) for role in r.mentions.roles.get(m.id, ())):
            return Speaker(m.id, m.text, m.type, speaker.start, speaker.end, "named")
    return None
