"""The events and claims stages against keyword baselines on the gold, and their speed.

    python benchmarks/events.py [--tar ../shared/corpus/bench/bench-10k.tar.gz | --dir DIR] [--limit N]
                                [--skip-speed]

Accuracy: the gold articles (../shared/eval/gold against corpus/seeds, gold-dev against
corpus/dev) go through the entity and quote stages, then either
- the keyword baseline: each sentence with a trigger word of kb/data/events.yaml is one
  event of that type, every entity of the sentence filling every role its type fits,
  completed, dated by the sentence's first time expression; or
- the events stage;
and, for claims, either every number followed by a unit word of kb/data/claims.yaml, or
the claims stage. All are scored by ../shared/eval/score.py. Targets: events F1 >= 0.70
with date and status accuracy >= 0.80 on matched events; claims F1 >= 0.85.

Speed: on the first N articles of bench-10k (default 1,000; --limit 0 for all), the
entity and quote stages run first, untimed; then the CPU time of time expressions,
the events stage and the claims stage alone, as characters per CPU-second on one core.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from _gold import GOLD_SETS, bench_docs, gold_articles, read_docs, run, score

from armswatch.document import Document
from armswatch.extract.claims import ClaimStage
from armswatch.extract.entities import EntityStage
from armswatch.extract.events import EventStage
from armswatch.extract.quote_marks import QuoteIndex, paragraphs, quotations, sentences
from armswatch.extract.quotes import QuoteStage
from armswatch.extract.speakers import Mentions
from armswatch.extract.time import find_times
from armswatch.kb.event_rules import ROLES, event_rules
from armswatch.kb.patterns import alternation

_NUMBER_UNIT = re.compile(r"(\d[\d,.]*)\s*(枚|架|颗|公里|千米|%|个国家|人|辆|艘|套|个师)")
_UNITS = {"枚": "missiles", "颗": "warheads", "架": "aircraft", "公里": "km", "千米": "km", "%": "percent",
          "个国家": "countries", "人": "people", "个师": "divisions"}


def keyword_events(doc: Document) -> Document:
    """The baseline: a trigger word makes its sentence an event with every fitting entity as argument."""
    rules = event_rules()
    by_word = rules.trigger_words()
    triggers = re.compile(alternation(list(by_word)))
    folded, mentions = doc.norm_text, Mentions(doc.entities)
    times = find_times(doc.text, doc.published)
    index = QuoteIndex(quotations(folded))
    doc.events = []
    for p_start, p_end in paragraphs(folded, index):
        for start, end in sentences(folded, p_start, p_end, index):
            hit = triggers.search(folded, start, end)
            if hit is None:
                continue
            etype = by_word[hit.group()][0]
            found = mentions.between(start, end)
            event = {"type": etype.name, "subtype": etype.triggers[hit.group()], "status": "completed"}
            for role in ROLES:
                fits = rules.role_types[role] if role in etype.roles else frozenset()
                event[role] = list(dict.fromkeys(m.id for m in found if m.type in fits))
            dated = [t.value for t in times if t.value and start <= t.start < end]
            event["date"] = dated[0] if dated else None
            event["evidence"] = {"start": start, "end": end, "text": doc.text[start:end]}
            doc.events.append(event)
    return doc


def number_unit_claims(doc: Document) -> Document:
    """The baseline: every Arabic number followed by a unit word."""
    doc.claims = []
    seen = set()
    for m in _NUMBER_UNIT.finditer(doc.norm_text):
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:
            continue
        key = (value, _UNITS.get(m.group(2), "other"))
        if key not in seen:
            seen.add(key)
            doc.claims.append({"value": value, "value_max": None, "unit": key[1], "about": [],
                               "text": doc.text[m.start():m.end()], "start": m.start(), "end": m.end()})
    return doc


def accuracy() -> None:
    entities, quotes, events, claims = EntityStage(), QuoteStage(), EventStage(), ClaimStage()
    print(f"{'':36}{'events P':>9}{'R':>7}{'F1':>7}{'date acc':>10}{'status acc':>11}{'claims F1':>11}")
    for set_name, gold, corpus in GOLD_SETS:
        docs = [quotes(entities(d)) for p in gold_articles(gold, corpus) for d in read_docs(p)]
        if not docs:
            print(f"{set_name}: no gold articles under {gold}")
            continue
        for name, extract in (("keyword baselines", lambda d: number_unit_claims(keyword_events(d))),
                              ("events + claims stages", lambda d: claims(events(d)))):
            res = score(gold, [extract(Document.from_record(d.to_record())) for d in docs])
            label = f"{set_name} ({len(docs)}): {name}"
            ev = res["events"]
            print(f"{label:36}{ev['p']:9.3f}{ev['r']:7.3f}{ev['f1']:7.3f}{(res['event_date_acc'] or 0):10.3f}"
                  f"{(res['event_status_acc'] or 0):11.3f}{res['claims']['f1']:11.3f}")


def speed(corpus: Path, limit: int) -> None:
    entities, quotes, events, claims = EntityStage(), QuoteStage(), EventStage(), ClaimStage()
    docs = [quotes(entities(d)) for d in bench_docs(corpus, limit)]
    chars = sum(len(d.text) for d in docs)
    print(f"\nspeed on {len(docs)} bench articles, {chars:,} characters (one process, one core):")
    for name, step, count in (
            ("time expressions", lambda d: find_times(d.text, d.published), len),
            ("events stage", events, lambda d: len(d.events)),
            ("claims stage", claims, lambda d: len(d.claims))):
        started = time.process_time()
        found = sum(count(step(d)) for d in docs)
        cpu = time.process_time() - started
        print(f"  {name:18}{chars / cpu:14,.0f} chars/CPU-s   ({len(docs) / cpu:8,.0f} articles/CPU-s)"
              f"   {found:,} found")


def main(argv: list[str] | None = None) -> int:
    return run(__doc__, accuracy, speed, argv)


if __name__ == "__main__":
    sys.exit(main())
