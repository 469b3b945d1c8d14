"""The events stage: deployments, transfers, strikes, treaty actions and the rest, with their arguments.

A trigger word of `kb/data/events.yaml` in a sentence states an event of its
type; `event_args` reads who and what from the entities around it,
`event_status` how sure it is, and the nearest time expression of the sentence
when (else the story's reference time: news tells a story in order, and an
undated sentence happens when the last one did, unless that one looked back).
An article names one happening many times (交付 in June, 完成交付 in October,
部署 again in the summary), so events of one type whose arguments agree, whose
statuses may be one happening's (a plan and its restatement as a condition) and
whose own dates agree are merged into the first mention, which takes the surest
date: one its sentence gives the event before one of the statement reporting it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from armswatch.document import Document
from armswatch.extract.event_args import ArgumentReader, Before, Sentence
from armswatch.extract.event_status import StatusReader
from armswatch.extract.quote_marks import QuoteIndex, paragraphs, quotations, sentences
from armswatch.extract.speakers import Mention, Mentions
from armswatch.extract.time import TimeExpr, find_times
from armswatch.kb.entities import KnowledgeBase, knowledge_base
from armswatch.kb.event_rules import ROLES, EventRules, EventType, event_rules
from armswatch.kb.patterns import alternation, speech_rules
from armswatch.normalize.script import fold


@dataclass
class Event:
    type: str
    subtype: str | None
    status: str
    args: dict[str, list[str]]
    date: str | None
    evidence: tuple[int, int]
    dated_here: bool = False  # whether its own sentence gives the date (not the story's reference time)
    said_on: bool = False  # whether that date is of the statement that reports it (朝鲜周五宣布发射了…)
    actor_mentions: list[Mention] = field(default_factory=list)  # for the next sentence's 此举/它们
    recipient_mentions: list[Mention] = field(default_factory=list)  # with the actors, the sides for 两国/双方

    def arguments(self) -> int:
        return sum(len(ids) for ids in self.args.values())

    def record(self, text: str) -> dict:
        start, end = self.evidence
        rec: dict = {"type": self.type, "subtype": self.subtype, "status": self.status}
        rec.update({role: list(self.args.get(role, [])) for role in ROLES})
        rec["date"] = self.date
        rec["evidence"] = {"start": start, "end": end, "text": text[start:end]}
        return rec


_AGENTS = frozenset({"STATE", "ORG", "PERSON"})
# How many characters of a verb may stand between a time expression and the 后 that makes it a bound (就职后).
_BOUND_VERB = 2


class EventStage:
    name = "events"
    requires = ("entities",)
    assigns = ("events",)

    def __init__(self, rules: EventRules | None = None, kb: KnowledgeBase | None = None) -> None:
        self.rules = rules or event_rules()
        kb = kb or knowledge_base()
        capitals = frozenset(e.attrs["capital"] for e in kb.entries.values()
                             if e.type == "STATE" and e.attrs.get("capital"))
        # Outlets report events; they do not act in them (美联社称，莫斯科正在白俄罗斯部署…).
        media = frozenset(e.id for e in kb.entries.values() if e.type == "ORG" and e.attrs.get("kind") == "media")
        # A head of state or minister acts for the state they serve (普京总统表示已开始交付 is Russia's delivery).
        self._serves = {e.id: _unique(r["org"] for r in e.attrs.get("roles") or ()
                                      if isinstance(r, dict) and str(r.get("org", "")).startswith("kb:state/"))
                        for e in kb.entries.values() if e.type == "PERSON"}
        # So do its armed forces, ministries and government (中国的军事援助不会针对白俄罗斯军队).
        self._serves.update({e.id: [e.attrs["country"]] for e in kb.entries.values()
                             if e.type == "ORG" and e.attrs.get("kind") in self.rules.state_bodies
                             and str(e.attrs.get("country", "")).startswith("kb:state/")})
        self._by_word = self.rules.trigger_words()
        self._triggers = re.compile(alternation(list(self._by_word)))
        self._opinion = re.compile(alternation(self.rules.opinion) or "(?!)")
        self._capability = re.compile(alternation(self.rules.capability) or "(?!)")
        self._not_stated = re.compile(alternation(self.rules.prevented + self.rules.topics) or "(?!)")
        self.args = ArgumentReader(self.rules, capitals, media, self._triggers, speech_rules().verbs)
        self.status = StatusReader(self.rules)
        self._published: str | None = None  # of the article being read
        self._reference: TimeExpr | None = None  # the story's time so far (the last date not in a flashback)
        self._flashback = re.compile(alternation(self.rules.flashback) or "(?!)")
        self._treaty_reference = re.compile(alternation(self.rules.treaty_references) or "(?!)")
        self._last_treaty: Mention | None = None  # the treaty the article named last, for 该条约

    def __call__(self, doc: Document) -> Document:
        folded = doc.norm_text
        mentions = Mentions(doc.entities)
        times = find_times(doc.text, doc.published)
        self._published = doc.published
        self._reference = None
        self._last_treaty = None
        index = QuoteIndex(quotations(folded))
        found: list[Event] = []
        before = Before()
        for p_start, p_end in paragraphs(folded, index):
            for s_start, s_end in sentences(folded, p_start, p_end, index):
                in_sentence = mentions.between(s_start, s_end)
                sentence = Sentence(folded, s_start, s_end, in_sentence, self.args)
                dated = [t for t in times if t.value and s_start <= t.start and t.end <= s_end]
                own = [t for t in dated if not self._bound(sentence, t)]
                events = self._sentence(sentence, in_sentence, before, own, index)
                found.extend(events)
                # A bound sets the story's time only where the sentence gives no other date (条约原始有效期为
                # 10年(至2021年2月5日)。).
                self._move_reference(sentence, own or dated)
                treaties = [m for m in in_sentence if m.type in self.rules.role_types["treaty"]]
                self._last_treaty = treaties[-1] if treaties else self._last_treaty
                actors = [m for e in events for m in e.actor_mentions]
                # 它们/此举 in the next sentence refer to these: its events' actors, else its agents
                # (白俄罗斯与乌克兰和哈萨克斯坦一样拥有核武器。它们……).
                agents = [x.mention for x in sentence.marked
                          if x.marker in (None, "partner") and x.mention.type in _AGENTS]
                before = Before(actors or agents or before.actors,
                                [m for e in events for m in e.actor_mentions + e.recipient_mentions] or before.parties,
                                self.args.last_place(sentence) or before.place)
        names = {e["id"]: fold(e.get("name") or "") for e in doc.entities}
        for event in found:
            self._add_states_served(event, names)
        people = frozenset(e["id"] for e in doc.entities if e.get("type") == "PERSON")
        doc.events = [e.record(doc.text) for e in _merge(found, names, people)
                      if e.arguments() >= self.rules.types[e.type].min_arguments]
        return doc

    def _bound(self, sentence: Sentence, t: TimeExpr) -> bool:
        """Whether the time expression bounds an event rather than dates one (至2026年2月5日, 1月20日就职后)."""
        folded = sentence.folded
        if folded.endswith(self.rules.bound_before, sentence.start, t.start):
            return True
        # 后 right after the expression, or after a short verb (就职后) but not after a name (2015年伊朗核协议签署后).
        end = min([t.end + _BOUND_VERB + 1, sentence.clause(t.end)[1]]
                  + [x.mention.start + 1 for x in sentence.marked if x.mention.start >= t.end])
        return any(folded.startswith(self.rules.bound_after, i) for i in range(t.end, end))

    def _move_reference(self, sentence: Sentence, dated: list[TimeExpr]) -> None:
        """The story's time moves with each dated sentence, except one that looks back (普京此前在3月宣布…):
        the sentences after it are back in the story's present."""
        if dated and not _cue(self._flashback, sentence, sentence.start, sentence.end):
            self._reference = dated[-1]

    def _add_states_served(self, event: Event, names: dict[str, str]) -> None:
        """Add the state a person or a state body acting or acted on serves, where the article names that state
        (the record's entities must hold every argument), so `transfers --supplier 俄罗斯` finds 普京 delivering."""
        for role in ("actor", "recipient"):
            ids = event.args[role]
            served = [state for i in ids for state in self._serves.get(i, ()) if state in names]
            event.args[role] = _unique(ids + served)

    def _sentence(self, sentence: Sentence, in_sentence: list[Mention], before: Before,
                  dates: list[TimeExpr], index: QuoteIndex) -> list[Event]:
        folded = sentence.folded
        out: list[Event] = []
        for m in self._triggers.finditer(folded, sentence.start, sentence.end):
            t0, t1, word = m.start(), m.end(), m.group()
            if any(x.start < t1 and t0 < x.end for x in in_sentence):
                continue  # inside a name: 《全面禁止核试验条约》, 安全委员会
            if index.at(t0) is not None:
                continue  # a quotation's words: its 我们 and 这 name nobody, and it is mostly opinion
            if _cue(self._opinion, sentence, sentence.start, t0):
                continue  # 分析人士认为……: the guidelines skip opinion and analysis
            for etype in self._by_word[word]:
                found = self._event(etype, word, sentence, t0, t1, before, dates)
                if found is not None:
                    out.append(found)
        return out

    def _modifies(self, sentence: Sentence, t1: int) -> bool:
        """Whether the trigger is in a clause that describes a thing (发射导弹的轰炸机, 普京提供的导弹): it
        says what the thing is or does, not that something happened. Where the noun described is a state
        or a force (部署在白俄罗斯的俄罗斯军队), the clause does state its deployment; and an owner before
        its weapon (接收了俄罗斯的核武器) is the object, not such a clause."""
        folded = sentence.folded
        after = [x for x in sentence.marked if x.mention.start >= t1]
        if folded.startswith("的", t1):
            # 俄罗斯最近从伊朗获得的无人机 states the purchase; 美国有可以实施核打击的潜艇 only describes.
            c0 = sentence.clause(t1)[0]
            subject = [x.mention for x in sentence.marked
                       if x.mention.type in _AGENTS and x.marker is None and c0 <= x.mention.start < t1]
            stated = bool(subject) and self._capability.search(folded, subject[-1].end, t1) is None
            return not stated and not self._agent_at(after, t1 + 1)
        if not after or folded[t1 : after[0].mention.start].strip() not in ("", "在", "到", "于", "了"):
            return False
        first = after[0].mention
        if not folded.startswith("的", first.end) or first in self.args.owners(after, folded):
            return False
        return not self._agent_at(after, first.end + 1)

    @staticmethod
    def _agent_at(after: list, pos: int) -> bool:
        return any(x.mention.start == pos and x.mention.type in _AGENTS for x in after)

    def _event(self, etype: EventType, word: str, sentence: Sentence, t0: int, t1: int,
               before: Before, dates: list[TimeExpr]) -> Event | None:
        folded = sentence.folded
        if folded.endswith(etype.not_after, sentence.start, t0) or folded.startswith(etype.not_before, t1):
            return None
        c0, c1 = sentence.clause(t0)
        # 禁止伊朗出售导弹, 讨论朝鲜的导弹试验: forbidden or talked about, not stated; but in 旨在阻止伊朗导弹
        # 贸易的制裁 the prevention is a clause describing the trigger, which is stated.
        if _cue(self._not_stated, sentence, c0, t0) and not folded.endswith("的", c0, t0):
            return None
        if self._modifies(sentence, t1):
            return None
        args = self.args.read(etype, word, sentence, t0, t1, before)
        if "treaty" in etype.roles and not args.treaty and self._last_treaty is not None \
                and not any(x.mention.type in self.rules.role_types["treaty"] for x in sentence.marked) \
                and _cue(self._treaty_reference, sentence, c0, c1):
            args.treaty = [self._last_treaty]  # 同意将条约延长五年: the treaty named before
        if word in etype.weapon_triggers and not any(c0 <= m.start < c1 for m in args.weapon):
            return None  # 提供 of a weapon named in another clause supplies something else (对伊销售指南)
        needed = etype.needs_after.get(word)
        if needed and not any(c0 <= m.start < c1 for m in args.weapon) \
                and not any(folded.find(w, t1, sentence.end) >= 0 for w in needed):
            return None  # 他还警告，谈判替代条约需要很多时间: a warning, not a threat
        if word in etype.treaty_triggers and not args.treaty:
            return None
        if etype.objects and not args.treaty and not _names_object(folded, (c0, c1), etype.objects):
            return None
        if args.count() == 0 or (etype.needs_party and not args.actor and not args.recipient and not args.treaty):
            return None
        status = self.status.status(sentence, t0, etype.default_status.get(word))
        if status == "planned" and word in etype.pledged_when_planned:
            status = "pledged"
        if status == "completed" and etype.conditional_after \
                and any(folded.find(w, t1, sentence.end) >= 0 for w in etype.conditional_after):
            status = "hypothetical"
        date, stated, said_on = self._date(dates, sentence, t0, t1)
        if status == "completed" and stated and self._published and date > self._published[: len(date)]:
            status = "planned"  # 两国同意明年举行联合军事演习: what is dated after publication has not happened
        if status == "completed" and not stated and etype.undated_status:
            status = etype.undated_status  # 俄罗斯攻击乌克兰 with no date of its own: the war, not one attack
        ids = {role: _unique(m.id for m in getattr(args, role)) for role in ROLES}
        return Event(etype.name, etype.triggers[word], status, ids, date, (sentence.start, sentence.end),
                     dated_here=stated, said_on=said_on, actor_mentions=list(args.actor),
                     recipient_mentions=list(args.recipient))

    def _date(self, dates: list[TimeExpr], sentence: Sentence, t0: int, t1: int) -> tuple[str | None, bool, bool]:
        """Of the sentence's dates that are no bound (`dates`: not 延长五年至2026年2月5日), the one nearest
        before the trigger in its clause (已于10月份正式失效), else the first after it there, else the nearest
        before it in the sentence (去年5月，莫斯科和明斯克敲定了…), else the first after it; a sentence without
        one happens at the story's reference time. The flags say whether the sentence itself gives the date,
        and whether a verb of saying stands between that date and the trigger, which then dates the statement
        (朝鲜周五宣布发射了…)."""
        c0, c1 = sentence.clause(t0)
        clause = [t for t in dates if c0 <= t.start and t.end <= c1]
        before = [t for t in dates if t.end <= t0]
        if clause:  # the nearest before it, else after it (6月的…会议和8月的…会议: June's meeting)
            chosen = max(clause, key=lambda t: (t.end <= t0, t.end if t.end <= t0 else -t.start))
        elif before:
            chosen = before[-1]
        elif dates:
            chosen = dates[0]
        else:
            return (self._reference.value if self._reference else None), False, False
        said = chosen.end <= t0 and self.args.says(sentence.folded, chosen.end, t0)
        return chosen.value, True, said


def _cue(pattern: re.Pattern, sentence: Sentence, start: int, end: int) -> bool:
    """Whether a cue word stands in [start, end) outside every name (禁止 in 《禁止核武器条约》 forbids nothing)."""
    return any(not any(x.mention.start <= m.start() < x.mention.end for x in sentence.marked)
               for m in pattern.finditer(sentence.folded, start, end))


def _names_object(folded: str, clause: tuple[int, int], words: tuple[str, ...]) -> bool:
    return any(folded.find(w, *clause) >= 0 for w in words)


def _unique(ids) -> list[str]:
    return list(dict.fromkeys(ids))


def _compatible(a: list[str], b: list[str], names: dict[str, str]) -> bool:
    """Whether two argument lists may name the same things: one is empty, they share an entity, or one
    names a kind the other narrows (核武器 and 战术核武器)."""
    if not a or not b or set(a) & set(b):
        return True
    return any(names.get(x) and names.get(y) and (names[x].endswith(names[y]) or names[y].endswith(names[x]))
               for x in a for y in b)


def _same_date(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


# Statuses that one happening may have in two mentions: a plan restated as a condition (俄罗斯正计划购买…。
# 如果采购计划继续进行，伊朗导弹最快将于今年春季交付), a delivery begun and going on.
_STATUS_GROUP = {"planned": "unrealised", "hypothetical": "unrealised", "pledged": "pledged", "denied": "denied",
                 "ongoing": "realised", "completed": "realised"}


def _date_rank(event: Event) -> int:
    """How surely the date is the event's own: its sentence dates it (2), dates the statement that reports
    it (1), or gives no date (0)."""
    return 0 if not event.dated_here else 1 if event.said_on else 2


def _same(a: Event, b: Event, names: dict[str, str], people: frozenset[str]) -> bool:
    # One sentence that names a happening twice (开始向俄罗斯运送…，其中包括首次向俄罗斯东部运送…) states one
    # event, whatever the second mention's cues and nearest date; across sentences status and date must agree.
    same_sentence = a.evidence == b.evidence
    if a.type != b.type or a.subtype != b.subtype:
        return False
    # A date the sentence does not give (the story's reference time), or gives to the statement that reports
    # the event, does not keep two mentions apart.
    dates_agree = _date_rank(a) < 2 or _date_rank(b) < 2 or _same_date(a.date, b.date)
    if not same_sentence and (_STATUS_GROUP[a.status] != _STATUS_GROUP[b.status] or not dates_agree):
        return False
    if not all(_compatible(a.args[r], b.args[r], names) for r in ROLES):
        return False
    # Two mentions of one happening share their actor, or, where one does not say who acted, what was
    # done to whom (交付 … 完成交付).
    if a.args["actor"] and b.args["actor"]:
        # Two visits by different people of one state (俄罗斯国防部长绍伊古, 俄罗斯总统普京) are two events.
        people_a, people_b = people & set(a.args["actor"]), people & set(b.args["actor"])
        return not people_a or not people_b or bool(people_a & people_b)
    return any(set(a.args[r]) & set(b.args[r]) for r in ("recipient", "weapon", "treaty", "location"))


def _merge(found: list[Event], names: dict[str, str], people: frozenset[str]) -> list[Event]:
    merged: list[Event] = []
    for event in found:
        for kept in merged:
            if _same(kept, event, names, people):
                for role in ROLES:
                    kept.args[role] = _unique(kept.args[role] + event.args[role])
                if _date_rank(event) > _date_rank(kept) or \
                        _date_rank(event) == _date_rank(kept) and len(event.date or "") > len(kept.date or ""):
                    kept.date, kept.dated_here, kept.said_on = event.date, event.dated_here, event.said_on
                break
        else:
            merged.append(event)
    return merged
