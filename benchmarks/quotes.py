"""The quotes stage against the quotation-marks-only baseline on the gold, and its speed.

    python benchmarks/quotes.py [--tar ../shared/corpus/bench/bench-10k.tar.gz | --dir DIR] [--limit N]
                                [--skip-speed]

Accuracy: the gold articles (../shared/eval/gold against corpus/seeds, gold-dev against
corpus/dev) go through the entity stage, then either
- the baseline news event databases use: every quotation in marks (four characters or
  more) is a direct quote of the person, organisation or state named last before it in
  its paragraph; no reported speech, no credited outlet; or
- the quotes stage.
Both are scored by ../shared/eval/score.py: quote P/R/F1, quote-with-speaker F1 and
cited_source accuracy. Targets: quote F1 >= 0.90, with speaker >= 0.85, cited >= 0.90.

Speed: on the first N articles of bench-10k (default 1,000; --limit 0 for all), the
entity stage runs first, untimed; then the CPU time of the quotes stage alone, as
characters per CPU-second on one core.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from _gold import GOLD_SETS, bench_docs, gold_articles, read_docs, run, score

from armswatch.document import Document
from armswatch.extract.entities import EntityStage
from armswatch.extract.quote_marks import QuoteIndex, paragraphs, quotations
from armswatch.extract.quotes import QuoteStage
from armswatch.extract.speakers import Mentions

SPEAKER_TYPES = ("PERSON", "ORG", "STATE")


def marks_only(doc: Document) -> Document:
    """The baseline: quoted words, credited to the nearest name before them in the paragraph."""
    mentions = Mentions(doc.entities)
    found = quotations(doc.norm_text)
    doc.quotes = []
    for start, end in paragraphs(doc.norm_text, QuoteIndex(found)):
        for q in (q for q in found if start <= q.start < end):
            words = q.words(doc.text)
            if len(words) < 4:
                continue
            before = [m for m in mentions.between(start, q.start) if m.type in SPEAKER_TYPES]
            speaker = before[-1] if before else None
            doc.quotes.append({"speaker": speaker.id if speaker else None,
                               "speaker_name": speaker.text if speaker else None, "text": words,
                               "start": q.start + 1, "end": q.end - 1, "direct": True,
                               "cited_source": None, "cited_date": None})
    return doc


def accuracy() -> None:
    entities, quotes = EntityStage(), QuoteStage()
    print(f"{'':34}{'P':>7}{'R':>7}{'F1':>7}{'+speaker F1':>13}{'cited acc':>11}")
    for set_name, gold, corpus in GOLD_SETS:
        docs = [entities(d) for p in gold_articles(gold, corpus) for d in read_docs(p)]
        if not docs:
            print(f"{set_name}: no gold articles under {gold}")
            continue
        for name, extractor in (("quotation marks only", marks_only), ("quotes stage", quotes)):
            res = score(gold, [extractor(Document.from_record(d.to_record())) for d in docs])
            q, s, cited = res["quotes"], res["quotes_with_speaker"], res["quote_cited_source_acc"]
            label = f"{set_name} ({len(docs)}): {name}"
            print(f"{label:34}{q['p']:7.3f}{q['r']:7.3f}{q['f1']:7.3f}{s['f1']:13.3f}{(cited or 0):11.3f}")


def speed(corpus: Path, limit: int) -> None:
    entities, quotes = EntityStage(), QuoteStage()
    docs = [entities(d) for d in bench_docs(corpus, limit)]
    chars = sum(len(d.text) for d in docs)
    started = time.process_time()
    found = sum(len(quotes(d).quotes) for d in docs)
    cpu = time.process_time() - started
    print(f"\nspeed on {len(docs)} bench articles, {chars:,} characters, {found:,} quotes (one process, one core):")
    print(f"  quotes stage alone  {chars / cpu:12,.0f} chars/CPU-s   ({len(docs) / cpu:,.0f} articles/CPU-s)")


def main(argv: list[str] | None = None) -> int:
    return run(__doc__, accuracy, speed, argv)


if __name__ == "__main__":
    sys.exit(main())
