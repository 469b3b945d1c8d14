"""Who did what to whom: the arguments of one event trigger, read from the entities around it.

Chinese news states most events in one clause: subject, trigger, object
(俄罗斯在白俄罗斯部署了战术核武器). So the subject is the entities before the
trigger in its clause that no preposition claims, the object the entities after
it, and the prepositions (`markers` in events.yaml: 向, 在, 从, 与) give the
others their roles whatever their position. When the clause has no subject
(美国总统拜登表示，将向乌克兰提供…) the subject of the nearest earlier clause
of the sentence acts; when it opens with 此举/它们, the previous sentence's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from armswatch.extract.speakers import Mention
from armswatch.kb.event_rules import EventRules, EventType
from armswatch.kb.patterns import alternation

# Characters that end a clause inside a sentence.
CLAUSE_BREAKS = ",:;"
# Two agents at most this many characters apart act together (白俄罗斯国防部长维克托·赫列宁).
_GROUP_GAP = 6
# A back reference at most this many characters before a verb of saying is its speaker (双方没有说明…,
# 他周四表示…); 他们是为了回应 is not.
_SPEAKER_GAP = 2
# A mention this close after another, with a title between, is the same person or body (俄罗斯总统普京).
_TITLE_GAP = 5


@dataclass(frozen=True)
class Marked:
    """A mention with the marker word right before it (向, 在, 从, 与), or None."""

    mention: Mention
    marker: str | None


@dataclass
class Before:
    """What the sentences before this one named, for the words that refer back to it."""

    actors: list[Mention] = field(default_factory=list)  # 此举/它们: the previous sentence's actors
    parties: list[Mention] = field(default_factory=list)  # 两国/双方: both sides of its events
    place: Mention | None = None  # 那里/当地: the last place named


@dataclass
class Arguments:
    actor: list[Mention]
    recipient: list[Mention]
    weapon: list[Mention]
    treaty: list[Mention]
    location: list[Mention]

    def count(self) -> int:
        return sum(len(v) for v in (self.actor, self.recipient, self.weapon, self.treaty, self.location))


class Sentence:
    """One sentence of the article with its mentions, each tagged with the marker before it."""

    def __init__(self, folded: str, start: int, end: int, mentions: list[Mention], reader: ArgumentReader) -> None:
        self.folded, self.start, self.end = folded, start, end
        self.marked = [Marked(m, reader.marker_before(folded, start, m, mentions)) for m in mentions]
        self.located_after = {m for m in mentions if reader.place_after(folded, m)}

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause around `pos`: from the last break before it to the first after it."""
        cut = max(self.folded.rfind(ch, self.start, pos) for ch in CLAUSE_BREAKS)
        start = cut + 1 if cut >= 0 else self.start
        ends = [i for i in (self.folded.find(ch, pos, self.end) for ch in CLAUSE_BREAKS) if i >= 0]
        return start, min(ends) if ends else self.end

    def within(self, start: int, end: int) -> list[Marked]:
        return [m for m in self.marked if m.mention.start >= start and m.mention.end <= end]

    def clause_starts(self) -> list[int]:
        starts = [self.start]
        for i in range(self.start, self.end):
            if self.folded[i] in CLAUSE_BREAKS:
                starts.append(i + 1)
        return starts


class ArgumentReader:
    def __init__(self, rules: EventRules, capitals: frozenset[str], media: frozenset[str],
                 triggers: re.Pattern, speech_verbs: tuple[str, ...]) -> None:
        self.rules = rules
        self.media = media
        self.triggers = triggers
        self.capitals = capitals
        self._markers = {word: kind for kind, words in rules.markers.items() for word in words}
        self._marker_end = re.compile(rf"(?:{alternation(list(self._markers))})$")
        conjunction = alternation(rules.conjunctions) or "(?!)"
        self._back = re.compile(rf"\s*(?:{conjunction})?(?P<word>{alternation(rules.back_references)})")
        self._here = re.compile(alternation(rules.place_references) or "(?!)")
        self._own = re.compile(alternation(rules.own_place_references) or "(?!)")
        self._joiners = frozenset(rules.joiners)
        self._passive = re.compile(alternation(rules.passive) or "(?!)")
        self._said = re.compile(alternation(speech_verbs) or "(?!)")
        self._telling = re.compile(alternation(list(speech_verbs) + list(rules.telling)) or "(?!)")

    # -- tagging ------------------------------------------------------------------------------------------

    def marker_before(self, folded: str, sentence_start: int, m: Mention, mentions: list[Mention]) -> str | None:
        """The marker kind right before `m`. A mention joined to the one before it (向乌克兰和波兰,
        俄罗斯与白俄罗斯) or following it under a title (与俄罗斯总统普京) shares that one's marker."""
        before = folded[max(sentence_start, m.start - 4) : m.start]
        hit = None if before.endswith(self.rules.not_markers) else self._marker_end.search(before)
        previous = [p for p in mentions if p.end <= m.start]
        if previous:
            gap = folded[previous[-1].end : m.start].strip()
            if gap in self._joiners or (not hit and len(gap) <= _TITLE_GAP and self._plain_gap(gap)):
                return self.marker_before(folded, sentence_start, previous[-1], mentions)
        if hit is None:
            return None
        kind = self._markers[hit.group()]
        # 在 before a person or a body is "while" (在普京持续威胁…), not a place.
        return kind if kind != "location" or m.type in self.rules.role_types["location"] else None

    def _plain_gap(self, gap: str) -> bool:
        """A gap that holds a title, not a verb, a break or a 的 (俄罗斯总统普京; not 俄罗斯部署核武器, not
        部署在白俄罗斯的俄罗斯军队)."""
        return not any(ch in CLAUSE_BREAKS or ch == "的" for ch in gap) and self.triggers.search(gap) is None

    def place_after(self, folded: str, m: Mention) -> bool:
        return folded.startswith(self.rules.location_after, m.end)

    def refers_back(self, folded: str, clause_start: int, trigger: int | None = None) -> str | None:
        """The word at the start of the clause that refers back (此举, 两国), if any; not one that only
        speaks of the trigger's event (双方没有说明何时在白俄罗斯部署这些武器)."""
        m = self._back.match(folded, clause_start)
        if m is None:
            return None
        told = self._telling.search(folded, m.end(), trigger if trigger is not None else len(folded))
        return None if told and told.start() - m.end() <= _SPEAKER_GAP else m.group("word")

    def says(self, folded: str, start: int, end: int) -> bool:
        """Whether a verb of saying stands in [start, end)."""
        return self._said.search(folded, start, end) is not None

    def _speaks(self, sentence: Sentence, m: Mention) -> bool:
        """Whether `m` is the subject of a verb of saying in its clause (美国官员称, 卢卡申科周四表示)."""
        return self.says(sentence.folded, m.end, sentence.clause(m.start)[1])

    def _fits(self, role: str, m: Mention) -> bool:
        if m.type not in self.rules.role_types[role] or m.id in self.media:
            return False
        # A capital acts for its state (莫斯科和明斯克敲定了一项协议); another place only hosts.
        return not (role in ("actor", "recipient") and m.type == "PLACE" and m.id not in self.capitals)

    # -- reading ------------------------------------------------------------------------------------------

    def read(self, etype: EventType, word: str, sentence: Sentence, t0: int, t1: int, before_now: Before) -> Arguments:
        c0, c1 = sentence.clause(t0)
        before, after = sentence.within(c0, t0), sentence.within(t1, c1)
        if etype.capitals_host:  # 在明斯克会谈: the capital is where they meet, not who meets
            before = [x for x in before if x.mention.id not in self.capitals]
            after = [x for x in after if x.mention.id not in self.capitals]
        subject = self._subject(before, sentence, t0, partners=etype.partners == "actor")
        direct = bool(subject) and "的" not in sentence.folded[subject[-1].end : t0]
        back = self.refers_back(sentence.folded, c0, t0)
        if back and not direct:
            # 它们/双方 is the subject, unless a name stands between it and the trigger (它还支持联合国安理会
            # 对朝鲜实施制裁): the agents named earlier in this sentence, else in the previous one
            # (洛克希德·马丁公司与日本保持着联系，双方达成了交付……); 两国 there are both sides of its events
            # (李尚福会见了卢卡申科。……两国同意明年举行联合军事演习).
            earlier = [x.mention for x in sentence.within(sentence.start, c0)
                       if x.marker in (None, "partner") and self._fits("actor", x.mention)]
            pair = [m for m in before_now.parties if self._fits("actor", m)] \
                if back in self.rules.pair_references else []
            subject = earlier or pair or list(before_now.actors)
        if not subject and "weapon" in etype.roles and word not in etype.reverse:
            # 部署在白俄罗斯的苏联核武器: with no subject, whose weapons they are says who deploys them.
            subject = self.owners(before + after, sentence.folded)
        if not subject:
            subject = self._earlier_subject(sentence, c0)
        passive = bool(subject) and self._passive.search(sentence.folded, subject[-1].end, t0) is not None

        marked = before + after
        owners = self.owners(after, sentence.folded)
        to = [x.mention for x in marked if x.marker == "recipient" and self._fits("recipient", x.mention)]
        if etype.partners == "recipient":  # 李尚福与卢卡申科会谈: the other side
            to += [x.mention for x in before if x.marker == "partner" and self._fits("recipient", x.mention)]
        if etype.object_recipient:
            to += self._object(after, owners)
        source = [x.mention for x in marked if x.marker == "source" and self._fits("actor", x.mention)]

        origin: list[Mention] = []
        if etype.source_is_location:
            origin, source = [m for m in source if self._fits("location", m)], []
        if passive:  # 俄罗斯面临国际制裁, 乌克兰遭到袭击: the subject suffers the event
            actor, recipient = source, subject + to
        elif word in etype.reverse:
            # 白俄罗斯接收了俄罗斯的核武器: the owner named after the trigger supplies.
            actor, recipient = source + owners, subject + to
        else:
            actor, recipient = subject + source, to
        location = [x.mention for x in sentence.marked if x.marker == "location" and self._fits("location", x.mention)]
        location += [m for m in sentence.located_after if self._fits("location", m)] + origin
        # A place that does not act for a state hosts the event wherever the clause names it.
        location += [x.mention for x in sentence.within(c0, c1) if x.mention.type == "PLACE" and x.marker is None
                     and (etype.capitals_host or x.mention.id not in self.capitals)]
        if not location:
            location = self._place_referred(sentence, c0, c1, subject, before_now)
        weapons = self._fronted_objects(before, sentence, c0, t0) or \
                  [x.mention for x in after if self._fits("weapon", x.mention)] or \
                  [x.mention for x in before if self._fits("weapon", x.mention)] or \
                  [x.mention for x in sentence.marked if self._fits("weapon", x.mention)]
        treaties = [x.mention for x in after + before if self._fits("treaty", x.mention)] or \
                   [x.mention for x in sentence.marked if self._fits("treaty", x.mention)]

        # A role the grammar leaves empty takes the sentence's other entities that fit it: a sentence often
        # names the actor or the other side in another clause (……之际，正值乌克兰对俄罗斯发动突袭); but not
        # one who only speaks (美国官员称，……).
        used = {m.id for m in actor + recipient + location}
        spare = [x for x in sentence.marked if x.mention.id not in used and not self._speaks(sentence, x.mention)
                 and not (etype.capitals_host and x.mention.id in self.capitals)]
        if not actor:
            actor = [x.mention for x in spare if x.marker is None and self._fits("actor", x.mention)]
        if not recipient and etype.object_recipient:
            recipient = [x.mention for x in spare if self._fits("recipient", x.mention) and x.mention not in actor]
        args = Arguments(actor, recipient, weapons, treaties, location)
        for role in ("actor", "recipient", "weapon", "treaty", "location"):
            if role not in etype.roles:
                setattr(args, role, [])
        # One entity has one role: the receiver or the place is not also the actor (but where the type has
        # no place, 白俄罗斯 in 白俄罗斯领土 does not stop 白俄罗斯 from signing).
        taken = {m.id for m in args.recipient} | {m.id for m in args.location}
        args.actor = [m for m in args.actor if m.id not in taken]
        return args

    def _fronted_objects(self, before: list[Marked], sentence: Sentence, c0: int, t0: int) -> list[Mention]:
        """The weapons between 将/把 and the trigger (将伊斯坎德尔-M导弹系统和S-400防空导弹转移并部署到…)."""
        starts = [sentence.folded.rfind(w, c0, t0) for w in self.rules.object_markers]
        start = max(starts, default=-1)
        if start < 0:
            return []
        return [x.mention for x in before if x.mention.start > start and self._fits("weapon", x.mention)]

    def _place_referred(self, sentence: Sentence, c0: int, c1: int, subject: list[Mention],
                        before_now: Before) -> list[Mention]:
        """The place a word of the clause stands for: 那里/当地 the last place named (在布鲁塞尔召开的会议。
        北约国防部长们也在那里举行会议), 本国 the state that is the subject (波兰可以让核武器部署在本国境内)."""
        folded = sentence.folded
        here = self._here.search(folded, c0, c1)
        if here:
            earlier = self._places(sentence.within(sentence.start, here.start()))
            place = earlier[-1] if earlier else before_now.place
            return [place] if place is not None and self._fits("location", place) else []
        if self._own.search(folded, c0, c1):
            return [m for m in subject if m.type == "STATE"][:1]
        return []

    def last_place(self, sentence: Sentence) -> Mention | None:
        """The last place the sentence names, for 那里 in a later one."""
        places = self._places(sentence.marked)
        return places[-1] if places else None

    def _places(self, marked: list[Marked]) -> list[Mention]:
        """The mentions that name a place: a PLACE, or what 在/到 marks, that can be an event's location."""
        return [x.mention for x in marked
                if (x.marker == "location" or x.mention.type == "PLACE") and self._fits("location", x.mention)]

    def _subject(self, before: list[Marked], sentence: Sentence, trigger: int, partners: bool) -> list[Mention]:
        """The agents nearest before the trigger, with those close before them (美国总统拜登, 美国和英国):
        in 卢卡申科曾将普京提供的导弹 Putin provides, not Lukashenko. A group cut from the trigger by 的 only
        modifies a noun (美国实施了旨在阻止伊朗导弹贸易的制裁): the group before it acts."""
        group = self._group(before, sentence, trigger, partners)
        while group and "的" in sentence.folded[group[-1].end : trigger]:
            earlier = self._group([x for x in before if x.mention.end <= group[0].start], sentence, group[0].start,
                                  partners)
            if not earlier:
                break
            group = earlier
        return group

    def _group(self, before: list[Marked], sentence: Sentence, trigger: int, partners: bool) -> list[Mention]:
        out: list[Mention] = []
        edge = trigger
        for x in reversed(before):
            m = x.mention
            if x.marker not in (None, "partner") or (x.marker == "partner" and not partners):
                if out:
                    break
                continue
            if not self._fits("actor", m) or m in sentence.located_after:
                continue
            if out and m.end + _GROUP_GAP < edge:
                break
            out.append(m)
            edge = m.start
        return out[::-1]

    def owners(self, marked: list[Marked], folded: str) -> list[Mention]:
        """Agents that own the weapon right after them (提供苏联坦克, 接收了俄罗斯的核武器), with those joined
        to them (美俄核武条约: both 美 and 俄 own the weapons)."""
        weapons = [x.mention for x in marked if self._fits("weapon", x.mention)]
        found: list[Mention] = []
        for x in reversed(marked):
            m = x.mention
            if not self._fits("actor", m):
                continue
            owns = any(0 <= w.start - m.end <= 1 and folded[m.end : w.start] in ("", "的") for w in weapons)
            joined = bool(found) and folded[m.end : found[-1].start].strip() in ("", *self._joiners)
            if owns or joined:
                found.append(m)
        return found[::-1]

    def _object(self, after: list[Marked], owners: list[Mention]) -> list[Mention]:
        """The unmarked agents right after the trigger, with those joined to them (袭击乌克兰和波兰); not an
        owner of the weapon that follows it (提供苏联坦克: Soviet tanks, not tanks for the Soviet Union)."""
        out: list[Mention] = []
        for x in after:
            if x.mention in owners or x.marker not in (None, "partner") or not self._fits("recipient", x.mention):
                if out:
                    break
                continue
            out.append(x.mention)
        return out

    def _earlier_subject(self, sentence: Sentence, clause_start: int) -> list[Mention]:
        """The unmarked agents of the nearest earlier clause of the sentence that has any."""
        starts = [s for s in sentence.clause_starts() if s < clause_start]
        for s in reversed(starts):
            e = sentence.clause(s)[1]
            found = [x.mention for x in sentence.within(s, e) if x.marker is None and self._fits("actor", x.mention)]
            if found:
                return found
        return []
