"""The entity stage: what each recognizer adds (ablation on the gold), and its speed next to LAC alone.

    python benchmarks/entities.py [--tar ../shared/corpus/bench/bench-10k.tar.gz | --dir DIR] [--limit N]
                                  [--skip-speed]

Ablation: the gold articles (../shared/eval/gold against corpus/seeds, gold-dev against
corpus/dev) are read by the normal ingest path, run through the entity stage with only
LAC (its PER/LOC/ORG as PERSON/PLACE/ORG), only the knowledge-base gazetteer, and all
finders, and scored by ../shared/eval/score.py: typed entity P/R/F1 overall and by type.

Speed: on the first N articles of bench-10k (default 1,000; --limit 0 for all), the CPU
time of LAC alone (Lac.words on each article's folded title and text, as the stage runs
it) against the whole pipeline up to entities (EntityStage on each Document), both in
this one process, as characters per CPU-second per core. Target: >= 0.8x LAC alone.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from _gold import GOLD_SETS, bench_docs, gold_articles, read_docs, run, score

from armswatch.document import Document
from armswatch.extract.entities import EntityStage, Finders
from armswatch.extract.lac import lac
from armswatch.normalize.script import fold

CONFIGS = {"LAC alone": Finders(kb=False, patterns=False, lac=True),
           "gazetteer alone": Finders(kb=True, patterns=False, lac=False),
           "full stage": Finders()}
TYPES = ("PERSON", "STATE", "ORG", "PLACE", "WEAPON", "WEAPON_CLASS", "TREATY")


def ablation() -> None:
    stages = {name: EntityStage(finders=finders) for name, finders in CONFIGS.items()}
    for set_name, gold, corpus in GOLD_SETS:
        paths = gold_articles(gold, corpus)
        if not paths:
            print(f"{set_name}: no gold articles under {gold}")
            continue
        docs = [d for p in paths for d in read_docs(p)]
        print(f"\nablation on {set_name} gold ({len(docs)} articles): typed entity P / R / F1")
        print(f"{'':18}{'P':>7}{'R':>7}{'F1':>7}   " + "  ".join(f"{t[:7]:>7}" for t in TYPES))
        for name, stage in stages.items():
            scores = score(gold, [stage(Document.from_record(d.to_record())) for d in docs])
            ent = scores["entities"]
            by_type = "  ".join(f"{scores['entities_by_type'][t]['f1']:7.3f}" for t in TYPES)
            print(f"{name:18}{ent['p']:7.3f}{ent['r']:7.3f}{ent['f1']:7.3f}   {by_type}")


def speed(corpus: Path, limit: int) -> None:
    docs = bench_docs(corpus, limit)
    chars = sum(len(d.text) + len(d.title or "") for d in docs)
    model = lac()
    stage = EntityStage()
    model.words("预热")  # load and warm the session before timing
    started = time.process_time()
    for d in docs:
        model.words(d.norm_text)
        if d.title:
            model.words(fold(d.title))
    lac_cpu = time.process_time() - started
    started = time.process_time()
    wall = time.perf_counter()
    for d in docs:
        stage(Document.from_record(d.to_record()))
    full_cpu = time.process_time() - started
    wall = time.perf_counter() - wall
    lac_rate, full_rate = chars / lac_cpu, chars / full_cpu
    print(f"\nspeed on {len(docs)} bench articles, {chars:,} characters (one process, one core):")
    print(f"  LAC alone          {lac_rate:10,.0f} chars/CPU-s")
    print(f"  pipeline→entities  {full_rate:10,.0f} chars/CPU-s   ({len(docs) / wall:.1f} articles/s)")
    print(f"  ratio              {full_rate / lac_rate:10.2f}x   (target >= 0.80x)")


def main(argv: list[str] | None = None) -> int:
    return run(__doc__, ablation, speed, argv)


if __name__ == "__main__":
    sys.exit(main())
