"""Who is speaking: the subject before a verb of saying, read from the entity stage's mentions.

The quotes stage gives a stretch of text (the clause before the verb, without the outlet
that reports it) and gets back the speaker written there: a named PERSON, ORG or STATE (a
capital acting for its state too), an unnamed speaker (一位美国官员, 军事分析人士), or a word
that refers back (他, 该官员, 白俄总统), which the stage resolves with what it has read so far.
A person named in the clause is preferred to an organisation or state, which is usually
the person's employer (中国国防部长李尚福, 白宫发言人萨韦特).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace

from armswatch.kb.patterns import SpeechRules, alternation

SPEAKER_TYPES = frozenset({"PERSON", "ORG", "STATE"})
# Characters that join several speakers into one group (美国和法国, 美、法、英).
_JOINERS = frozenset("和与、及,")
# Characters an unnamed speaker phrase does not begin with (在多国表示 → 多国).
_PREPOSITIONS = frozenset("在于当据对向与和从")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    id: str
    type: str
    text: str


class Mentions:
    """The entity mentions of an article, by position."""

    def __init__(self, entities: Iterable[dict]) -> None:
        found = [Mention(m["start"], m["end"], e["id"], e["type"], m["text"])
                 for e in entities for m in e.get("mentions") or []
                 if isinstance(m.get("start"), int) and isinstance(m.get("end"), int)]
        self.all = sorted(found, key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.all]
        self.roles = {e["id"]: tuple(e.get("roles") or ()) for e in entities}

    def between(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.all) and self.all[i].start < end:
            if self.all[i].end <= end:
                out.append(self.all[i])
            i += 1
        return out


@dataclass(frozen=True)
class Speaker:
    id: str | None  # entity id; None for a speaker the article does not name
    name: str  # as written (for a resolved pronoun: the name it refers to)
    type: str | None  # entity type; None when unnamed
    start: int
    end: int
    # named | unnamed | pronoun | anaphor (该官员) | title (白俄总统) | document (声明说)
    # | issuer (named through a document: 五角大楼的报告认为) | org_anaphor (该中心)
    kind: str
    group: tuple[str, ...] = ()  # every speaker's id when several speak at once


class SpeakerFinder:
    def __init__(self, rules: SpeechRules, titles: Iterable[str], capitals: frozenset[str]) -> None:
        self.capitals = capitals
        heads = alternation(rules.unnamed_heads)
        dets = alternation(rules.determiners + rules.anaphoric_determiners)
        # Modifiers of an unnamed head: anything but punctuation, 的 and spaces, a few characters long.
        one = rf"(?:{dets})?[^\s,:;。!?()“”「」的]{{0,10}}?(?:{heads})(?:们)?"
        self._unnamed = re.compile(rf"{one}(?:[与和及、]{one})*")  # 一些俄罗斯官员与专家: one group
        self._heads = re.compile(rf"(?:{heads})(?:们)?")
        self._anaphoric = tuple(rules.anaphoric_determiners)
        self._org_anaphor = re.compile(
            rf"(?:{alternation(rules.anaphoric_determiners)})(?:{alternation(rules.org_anaphors)})")
        self._collective = re.compile(alternation(rules.collective_heads))
        self._documents = re.compile(rf"(?:{alternation(rules.document_heads)})")
        # 他 but not 其他/他国/他人; 她们/他们 as a whole.
        pronouns = alternation(rules.pronouns)
        self._pronoun = re.compile(rf"(?<![其])(?:{pronouns})(?![国人乡方])")
        self._object_marker = re.compile(alternation(rules.object_markers))
        self._locative = re.compile(r"在[^,:;。!?]{0,30}?(?:上|中|时|后|之后|以后|期间|之际|前|之前)")
        self._title = re.compile(rf"(?:{alternation(tuple(titles))})")

    def find(self, folded: str, text: str, start: int, end: int, mentions: Mentions) -> Speaker | None:
        """The speaker written in folded[start:end], or None."""
        if start >= end:
            return None
        # 在周二的明斯克安全委员会会议上, 在这份报告中: where it was said, not who said it.
        hidden = [m.span() for m in self._locative.finditer(folded, start, end)]
        named = [m for m in mentions.between(start, end) if self._can_speak(m) and not in_brackets(folded, m)
                 and not any(a <= m.start < b for a, b in hidden)]
        # 日本长崎大学…研究中心, 美国国防部: a state written as part of an organisation's name is not a speaker.
        org_starts = {m.start for m in named if m.type == "ORG"}
        named = [m for m in named if not (m.type == "STATE" and m.end in org_starts)]
        de = _last_outside(folded, "的", start, end, hidden)
        people = [m for m in named if m.type == "PERSON"]
        if people and self._object_marker.search(folded, start, people[0].start) is None:
            de = None  # 施灿得就五角大楼发布的这份报告介绍说: the person before 的 is the subject
        if de is not None:
            # 民主党执掌的美国政府, 研究中心的导弹专家们: the head after the last 的 is the speaker.
            head = self._plain(folded, text, de + 1, end, [m for m in named if m.start > de], mentions)
            issuers = [m for m in named if m.end <= de]
            if head is not None and head.kind == "document" and issuers:
                return replace(self._named(issuers[0], named, folded, text), kind="issuer")  # 五角大楼的报告认为
            if head is not None:
                return head
        return self._plain(folded, text, start, end, named, mentions)

    def _plain(self, folded: str, text: str, start: int, end: int, named: list[Mention],
               mentions: Mentions) -> Speaker | None:
        marker = self._object_marker.search(folded, start, end)
        if marker is not None and any(m.start < marker.start() for m in named):
            # 芮贝卡告诉CBS说: who is told (after the marker) is not who speaks.
            named = [m for m in named if m.start < marker.start()]
        people = [m for m in named if m.type == "PERSON"]
        if people:
            marker = self._object_marker.search(folded, start, people[0].start)
            if marker is None:
                return self._named(people[0], named, folded, text)
            # 七国领导人与泽连斯基…: the person is the object; the subject stands before the marker, or is
            # the last person, the head of the phrase (与雷根签订条约的前苏联领导人戈巴契夫).
            subject = self.find(folded, text, start, marker.start(), mentions)
            return subject if subject is not None else self._named(people[-1], named, folded, text)
        back = self._org_anaphor.search(folded, start, end)
        if back is not None and not named:
            return Speaker(None, text[back.start():back.end()], None, back.start(), back.end(), "org_anaphor")
        for m in named:
            if m.type != "PERSON" and self._collective.match(folded, m.end):
                return self._named(m, named, folded, text)  # 七国集团领导人: the group speaks
        unnamed = self._last_unnamed(folded, text, start, end)
        title = last_match(self._title, folded, start, end)
        if unnamed is None and title is not None and all(m.end <= title.start() for m in named):
            # 白俄总统表示, 美国国务卿说: a title without a name refers to someone named before.
            s = named[0].start if named and title.start() - named[-1].end <= 1 else title.start()
            return Speaker(None, text[s:title.end()], None, s, title.end(), "title")
        document = self._documents.search(folded, start, end)
        if unnamed is None and document is not None:
            # 五角大楼对中国军力的评估报告认为 speaks for the Pentagon; 声明说 alone for the statement's issuer.
            issuers = [m for m in named if m.end <= document.start()]
            if issuers:
                return replace(self._named(issuers[0], named, folded, text), kind="issuer")
            if all(m.start >= document.end() for m in named):
                return Speaker(None, text[document.start():document.end()], None, document.start(), document.end(),
                               "document")
        options: list[Speaker] = []
        if unnamed is not None:
            options.append(unnamed)
        for m in named:
            if unnamed is not None and unnamed.start <= m.start < unnamed.end:
                continue  # 美国官员: the state only modifies the head
            options.append(self._named(m, named, folded, text))
            break
        m = self._pronoun.search(folded, start, end)
        if m is not None:
            options.append(Speaker(None, text[m.start():m.end()], None, m.start(), m.end(), "pronoun"))
        return min(options, key=lambda s: s.start) if options else None

    def _can_speak(self, m: Mention) -> bool:
        return m.type in SPEAKER_TYPES or m.id in self.capitals

    def _named(self, first: Mention, named: list[Mention], folded: str, text: str) -> Speaker:
        """The first named speaker and those joined to it (美国、英国和法国 / 美法英德)."""
        group = [first]
        for m in named:
            if m.start < group[-1].end or m.type != first.type:
                continue
            gap = folded[group[-1].end:m.start]
            if len(gap) > 1 or (gap and gap not in _JOINERS):
                break
            group.append(m)
        ids = tuple(dict.fromkeys(m.id for m in group))
        if len(ids) == 1:
            return Speaker(first.id, first.text, first.type, first.start, first.end, "named")
        last = group[-1]
        return Speaker(first.id, text[first.start:last.end], first.type, first.start, last.end, "named", ids)

    def _last_unnamed(self, folded: str, text: str, start: int, end: int) -> Speaker | None:
        """The last unnamed speaker phrase of the clause (其中一位美国官员, 这些美方官员, 分析人士)."""
        head = last_match(self._heads, folded, start, end)
        if head is None:
            return None
        best = None
        # The phrase begins where its modifiers begin: read up to 24 characters back (two joined phrases).
        for m in self._unnamed.finditer(folded, max(start, head.start() - 24), head.end()):
            if m.end() == head.end():
                best = m
                break
        s = best.start() if best is not None else head.start()
        while s < head.start() and folded[s] in _PREPOSITIONS:
            s += 1
        kind = "anaphor" if folded.startswith(self._anaphoric, s) else "unnamed"
        return Speaker(None, text[s:head.end()].strip(), None, s, head.end(), kind)


def last_match(pattern: re.Pattern, folded: str, start: int, end: int) -> re.Match | None:
    """The last match of `pattern` in folded[start:end]."""
    found = None
    for found in pattern.finditer(folded, start, end):  # noqa: B007 - the last one is wanted
        pass
    return found


def _last_outside(folded: str, ch: str, start: int, end: int, hidden: list[tuple[int, int]]) -> int | None:
    i = folded.rfind(ch, start, end)
    while i >= 0 and any(a <= i < b for a, b in hidden):
        i = folded.rfind(ch, start, i)
    return i if i >= 0 else None


def in_brackets(folded: str, m: Mention) -> bool:
    """An English name in brackets after the Chinese one (卡根(Frederick Kagan)) is not a second speaker."""
    return folded[m.start - 1 : m.start] == "("
