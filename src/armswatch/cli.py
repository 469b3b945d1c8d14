"""The `armswatch` command line: a thin layer over the library.

Exit codes: 0 when every input was ingested (or extracted), 1 when some inputs
were rejected (the rest of the batch still went through), 2 for usage errors.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from armswatch import batch
from armswatch.document import CLAIM_UNITS, EVENT_TYPES
from armswatch.errors import ArmswatchError
from armswatch.extract.pipeline import DEFAULT_STAGES, STAGES
from armswatch.ingest import FORMATS
from armswatch.ingest.source import DEFAULT_MAX_BYTES, iter_inputs
from armswatch.process import Options
from armswatch.store.base import ClaimReport, EntityProfile, EntityRef, EventHit, QuoteHit, TransferRow

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Chinese-language arms-control news into a searchable, source-grounded knowledge base.")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[str, typer.Option("--db", envvar="ARMSWATCH_DB", help="SQLite file of the store.")]
DEFAULT_DB = "armswatch.db"


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


def _print_blocks(items: list, as_json: bool, print_one: Callable[[Any], None],
                  nothing: Callable[[], typer.Exit]) -> bool:
    """A list answer: with --json the list (printed even when empty), else one block per item with a blank line
    between; exits 1 through `nothing` when empty. True when blocks were printed, for the caller's count."""
    if as_json:
        out.print_json(json.dumps([dataclasses.asdict(item) for item in items], ensure_ascii=False))
    if not items:
        raise nothing()
    if as_json:
        return False
    for n, item in enumerate(items):
        if n:
            out.print()
        print_one(item)
    return True


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _nothing_matches(what: str, db: str, asked: dict[str, str | None]) -> typer.Exit:
    """Exit 1 naming what was asked for (a query has the empty flag), so an empty answer is never silent."""
    said = " ".join(f"{flag} {value!r}".strip() for flag, value in asked.items() if value)
    return _fail(f"no {what} match {said or 'anything'} in {db}", code=1)


def _open(db: str, must_exist: bool = False):
    from armswatch.store import open_store

    if must_exist and not db.startswith("postgresql://") and not Path(db).exists():
        raise _fail(f"no store at {db} (run `armswatch ingest` first, or pass --db)")
    try:
        return open_store(db)
    except ArmswatchError as exc:
        raise _fail(str(exc)) from exc


def _options(fmt: str | None, max_bytes: int, stages: str | None = None) -> Options:
    if fmt and fmt not in FORMATS:
        raise _fail(f"unknown --format {fmt!r}; one of: {', '.join(FORMATS)}")
    if max_bytes <= 0:
        raise _fail("--max-bytes must be positive")
    names = DEFAULT_STAGES if stages is None else tuple(n.strip() for n in stages.split(",") if n.strip())
    unknown = [n for n in names if n not in STAGES]
    if unknown:
        raise _fail(f"unknown stage(s) {', '.join(unknown)}; known: {', '.join(sorted(STAGES))}")
    return Options(fmt=fmt, max_bytes=max_bytes, stages=names)


def _expand(paths: list[str]) -> list[str]:
    files = [str(p) for p in iter_inputs(paths)]
    if not files:
        raise _fail("no input files found in " + ", ".join(paths))
    return files


def _progress(total: int, label: str):
    """A progress bar on stderr when it is a terminal; nothing in pipes and logs."""
    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                   transient=True, disable=not err.is_terminal or total < 2)
    task = bar.add_task(label, total=total)
    return bar, (lambda _outcome: bar.advance(task))


def _report(summary: batch.Summary, verb: str) -> None:
    for source, reason in summary.rejected:
        err.print(f"[yellow]rejected[/yellow] {escape(source)}: {escape(reason)}")
    parts = [f"{summary.inputs} inputs", f"{summary.articles} articles", f"{summary.ingested} {verb}",
             f"{summary.duplicates} near-duplicates", f"{summary.unchanged} already stored" if verb == "ingested"
             else f"{summary.unchanged} repeated", f"{len(summary.rejected)} rejected"]
    if summary.fallbacks:
        parts.append(f"{summary.fallbacks} read as plain text (no format recognised)")
    err.print(", ".join(parts))


FormatOpt = Annotated[str | None, typer.Option("--format", "-f", help=f"Reader to use: {', '.join(FORMATS)}.")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", help="Reject inputs larger than this.")]
WorkersOpt = Annotated[int | None, typer.Option("--workers", "-j", help="Worker processes (default: CPU count).")]
StagesOpt = Annotated[str | None, typer.Option("--stages", help="Extraction stages to run, comma-separated "
                                               f"(default: {','.join(DEFAULT_STAGES) or 'none'}).")]


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    fmt: FormatOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    workers: WorkersOpt = None,
    stages: StagesOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
) -> None:
    """Read articles into the store; each article is written in one transaction."""
    options = _options(fmt, max_bytes, stages)
    files = _expand(paths)
    store = _open(db)
    bar, advance = _progress(len(files), "ingesting")
    try:
        with bar:
            summary = batch.ingest(store, files, options, workers=workers, stdin=sys.stdin.buffer, progress=advance)
    finally:
        store.close()
    _report(summary, "ingested")
    if as_json:
        out.print_json(json.dumps(summary.as_dict(), ensure_ascii=False))
    raise typer.Exit(1 if summary.rejected else 0)


@app.command()
def watch(
    urls: Annotated[list[str], typer.Argument(metavar="FEED_URL", help="RSS or Atom feed URLs (http or https).")],
    every: Annotated[str, typer.Option("--every", help="Time between rounds: 30s, 15m, 1h, 2h30m.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll each feed once and exit (for cron and tests).")] = False,
    db: DbOption = DEFAULT_DB,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds a feed may take to answer in full."
                                           )] = 30.0,
) -> None:
    """Poll RSS/Atom feeds and ingest each new item once; a feed that is down or malformed is reported and retried.

    One line per feed per round on stderr. With --once, exits 0 when every feed was fine and 1 when some failed;
    without it, polls until Ctrl-C. ETags, Last-Modified dates and the items seen are kept in <db>.feeds.json.
    """
    from armswatch import watch as feeds

    try:
        checked = feeds.check_urls(urls)
    except ArmswatchError as exc:
        raise _fail(str(exc)) from exc
    try:
        seconds = feeds.parse_interval(every)
    except ArmswatchError as exc:
        raise _fail(f"--every: {exc}") from exc
    options = _options("feed", max_bytes)
    store = _open(db)

    def report(result: feeds.FeedResult) -> None:
        for source, reason in result.rejected:
            err.print(f"[yellow]rejected[/yellow] {escape(source)}: {escape(reason)}")
        err.print(escape(result.line(stamped=not once)), style=None if result.ok else "red")

    if not once:
        err.print(f"watching {_count(len(checked), 'feed')} every {every}; Ctrl-C to stop")
    try:
        ok = feeds.run(store, db, checked, every=None if once else seconds, options=options, timeout=timeout,
                       report=report)
    except KeyboardInterrupt:
        err.print("stopped")
        ok = True
    except ArmswatchError as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()
    raise typer.Exit(0 if ok else 1)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="JSON Lines file (default: stdout).")] = None,
    fmt: FormatOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    workers: WorkersOpt = None,
    stages: StagesOpt = None,
) -> None:
    """Print one extraction record per article as JSON Lines; no store needed."""
    options = _options(fmt, max_bytes, stages)
    files = _expand(paths)
    summary = batch.Summary()
    bar, advance = _progress(len(files), "extracting")
    target = output.with_name(output.name + ".part") if output else None
    sink = target.open("w", encoding="utf-8") if target else sys.stdout
    try:
        with bar:
            for doc in batch.extract(files, options, workers=workers, stdin=sys.stdin.buffer, summary=summary,
                                     progress=advance):
                sink.write(json.dumps(doc.to_record(), ensure_ascii=False) + "\n")
    finally:
        if target:
            sink.close()
    if target and output:
        target.replace(output)  # a finished file or none: a reader never sees half a run
    _report(summary, "extracted")
    raise typer.Exit(1 if summary.rejected else 0)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find; any script; all must match.")],
    db: DbOption = DEFAULT_DB,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date, inclusive.")] = None,
    lang: Annotated[str | None, typer.Option(help="zh-Hans, zh-Hant, en or other.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print hits as JSON.")] = False,
) -> None:
    """Full-text search over titles and bodies, ignoring script differences."""
    _check_dates(since, until)
    store = _open(db, must_exist=True)
    try:
        hits = store.search(query, outlet=outlet, since=since, until=until, lang=lang, limit=limit)
        total = store.count_search(query, outlet=outlet, since=since, until=until, lang=lang)
    finally:
        store.close()
    if as_json:
        out.print_json(json.dumps([h.__dict__ for h in hits], ensure_ascii=False, default=list))
        return
    if not hits:
        err.print(f"no articles match {query!r}")
        return
    for hit in hits:
        dup = f"  (near-duplicate of {hit.duplicate_of[:12]})" if hit.duplicate_of else ""
        out.print(f"[bold]{escape(hit.title or '(untitled)')}[/bold]{dup}")
        out.print(f"  {hit.published or 'undated'} · {escape(hit.outlet or 'unknown outlet')} · {hit.doc_id[:12]}")
        out.print("  " + _highlight(hit.snippet, hit.highlights))
    err.print(f"{len(hits)} of {total} matching articles")


def _highlight(snippet: str, spans: list[tuple[int, int]]) -> str:
    parts, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        parts.append(escape(snippet[pos:start]))
        parts.append(f"[reverse]{escape(snippet[start:end])}[/reverse]")
        pos = end
    parts.append(escape(snippet[pos:]))
    return "".join(parts).replace("\n", " ")


def _is_date_prefix(value: str) -> bool:
    return bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value))


def _check_dates(since: str | None, until: str | None) -> None:
    """--since / --until must be date prefixes; the message names the option."""
    for name, value in (("--since", since), ("--until", until)):
        if value and not _is_date_prefix(value):
            raise _fail(f"{name} wants YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (or a unique prefix of 8+ characters).")],
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole record as JSON.")] = False,
) -> None:
    """Show one stored article."""
    store = _open(db, must_exist=True)
    try:
        doc = store.get(doc_id)
    finally:
        store.close()
    if doc is None:
        raise _fail(f"no document {doc_id!r} in {db}", code=1)
    if as_json:
        out.print_json(json.dumps(doc.to_record(), ensure_ascii=False))
        return
    out.print(f"[bold]{escape(doc.title or '(untitled)')}[/bold]")
    for label, value in (("published", doc.published), ("outlet", doc.outlet), ("url", doc.url),
                         ("original source", doc.original_source), ("author", doc.author), ("language", doc.lang),
                         ("format", doc.source_format), ("source", doc.source_path), ("doc_id", doc.doc_id),
                         ("near-duplicate of", doc.duplicate_of)):
        if value:
            out.print(f"[dim]{label}:[/dim] {escape(str(value))}")
    out.print()
    out.print(escape(doc.text))


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name in any script or language, or an entity id.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="Articles to list per entity.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON (a list when several entities match).")
                       ] = False,
) -> None:
    """Show an entity: its names, roles and the articles that mention it."""
    store = _open(db, must_exist=True)
    try:
        profiles = [store.entity_profile(match.id, limit) for match in store.find_entities(name)]
    except ArmswatchError as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()
    profiles = [p for p in profiles if p is not None]
    if not profiles:
        raise _fail(f"no entity named {name!r} in {db}", code=1)
    if as_json:
        found = [dataclasses.asdict(p) for p in profiles]
        out.print_json(json.dumps(found[0] if len(found) == 1 else found, ensure_ascii=False))
        return
    for n, profile in enumerate(profiles):
        if n:
            out.print()
        _print_entity(profile)


def _print_entity(profile: EntityProfile) -> None:
    english = f" ({escape(profile.name_en)})" if profile.name_en else ""
    out.print(f"[bold]{escape(profile.name or profile.id)}[/bold]{english}  {profile.type or ''}  "
              f"[dim]{escape(profile.id)}[/dim]")
    out.print(f"  {profile.articles} articles, {profile.mentions} mentions")
    if profile.aliases:
        out.print("  [dim]written as:[/dim] " + ", ".join(f"{escape(a.name)} ×{a.count}" for a in profile.aliases))
    if profile.kb_aliases:
        out.print("  [dim]knowledge base:[/dim] " + escape(", ".join(profile.kb_aliases)))
    if profile.roles:
        out.print("  [dim]roles:[/dim] " + ", ".join(f"{escape(r.name)} ×{r.count}" for r in profile.roles))
    for art in profile.recent:
        dup = f"  (near-duplicate of {art.duplicate_of[:12]})" if art.duplicate_of else ""
        out.print(f"  {(art.published or 'undated')[:10]} · {escape(art.outlet or 'unknown outlet')} · "
                  f"{art.doc_id[:12]}  {escape(art.title or '(untitled)')}  ×{art.mentions}{dup}")
    if len(profile.recent) < profile.articles:
        out.print(f"  [dim]… {profile.articles - len(profile.recent)} more articles (--limit)[/dim]")


# Quotes longer than this are cut in the listing (--json keeps them whole): a reader scans many at once.
QUOTE_CHARS = 240


@app.command()
def quotes(
    query: Annotated[str | None, typer.Argument(help="Words the quote contains; any script.")] = None,
    speaker: Annotated[str | None, typer.Option(help="Who said it: a name in any script, or an entity id.")] = None,
    about: Annotated[str | None, typer.Option(help="An entity the quote mentions: a name or an entity id.")] = None,
    since: Annotated[str | None, typer.Option(help="Said on or after this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Said up to this date, inclusive.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print the quotes as a JSON list.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Find what was said: quotations by words, speaker, subject and date, newest first.

    A quote's date is the date the article credits the statement to, else the article's publication day.
    Exits 1 when nothing matches (with --json, after printing an empty list).
    """
    _check_dates(since, until)
    store = _open(db, must_exist=True)
    try:
        # One more than asked for, to tell the reader whether --limit cut the list.
        hits = store.find_quotes(query, speaker=speaker, about=about, since=since, until=until, limit=limit + 1)
    except (ArmswatchError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()
    more, hits = len(hits) > limit, hits[:limit]
    if _print_blocks(hits, as_json, _print_quote, lambda: _nothing_matches(
            "quotes", db, {"": query, "--speaker": speaker, "--about": about, "--since": since, "--until": until})):
        err.print(_count(len(hits), "quote") + (" (more with a higher --limit)" if more else ""))


def _print_quote(hit: QuoteHit) -> None:
    """Date, who, how, the words, and where they were read: one block per quote."""
    who = escape(hit.speaker_label or "unknown speaker")
    if hit.speaker_name and hit.speaker_name != hit.speaker_label:
        who += f" [dim](as {escape(hit.speaker_name)})[/dim]"
    if len(hit.speakers) > 1:
        who += f" [dim]and {len(hit.speakers) - 1} more[/dim]"
    how = "quote" if hit.direct is None else "direct" if hit.direct else "reported"
    cited = f" · via {escape(hit.cited_source)}" if hit.cited_source else ""
    out.print(f"[bold]{hit.date or 'undated'}[/bold]  {who}  [dim]{how}{cited}[/dim]")
    text = " ".join((hit.text or "").split())
    if len(text) > QUOTE_CHARS:
        text = text[: QUOTE_CHARS - 1] + "…"
    out.print("  " + escape(f"“{text}”" if hit.direct else text))
    out.print(f"  [dim]{escape(hit.title or '(untitled)')} · {escape(hit.outlet or 'unknown outlet')} · "
              f"{(hit.published or 'undated')[:10]} · {hit.doc_id[:12]}[/dim]")


# Evidence sentences and claim texts longer than this are cut in the listings (--json keeps them whole).
EVIDENCE_CHARS = 160


def _shorten(text: str | None, limit: int = EVIDENCE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _require_entities(store, db: str, names: dict[str, str | None]) -> None:
    """Fail (exit 1) on the first name given that names no stored entity; the message names the option."""
    for flag, name in names.items():
        if name is not None and not store.find_entities(name):
            raise _fail(f"no entity named {name!r} ({flag}) in {db}", code=1)


def _names(refs: list[EntityRef]) -> str:
    return ", ".join(escape(ref.name or ref.id) for ref in refs)


def _one_name(ref: EntityRef | None) -> str:
    return escape(ref.name or ref.id) if ref else "[dim]?[/dim]"


def _when(date: str | None, date_source: str | None) -> str:
    """A timeline date, marked when it is the article's day rather than the event's own."""
    if date is None:
        return "[bold]undated[/bold]"
    return f"[bold]{date}[/bold]" + (" [dim](article date)[/dim]" if date_source == "published" else "")


def _article(title: str | None, outlet: str | None, published: str | None, doc_id: str,
             duplicate_of: str | None = None) -> str:
    dup = f" · near-duplicate of {duplicate_of[:12]}" if duplicate_of else ""
    return (f"[dim]{escape(title or '(untitled)')} · {escape(outlet or 'unknown outlet')} · "
            f"{(published or 'undated')[:10]} · {doc_id[:12]}{dup}[/dim]")


@app.command()
def events(
    event_type: Annotated[str | None, typer.Option("--type", help=f"One of: {', '.join(EVENT_TYPES)}.")] = None,
    actor: Annotated[str | None, typer.Option(help="Who acted: a name in any script, or an entity id.")] = None,
    weapon: Annotated[str | None, typer.Option(help="The weapon or weapon class: a name or an entity id.")] = None,
    since: Annotated[str | None, typer.Option(help="On or after this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date, inclusive.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print the events as a JSON list.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """A timeline of events (deployments, transfers, strikes, treaty actions, …), earliest first.

    An event is dated by its own date, else by its article's publication day (marked "article date").
    A date of only a year or month counts as that whole period for --since/--until.
    Exits 1 when nothing matches (with --json, after printing an empty list) or a name names no entity.
    """
    _check_dates(since, until)
    if event_type is not None and event_type.strip().upper() not in EVENT_TYPES:
        raise _fail(f"unknown --type {event_type!r}; one of: {', '.join(EVENT_TYPES)}")
    store = _open(db, must_exist=True)
    try:
        _require_entities(store, db, {"--actor": actor, "--weapon": weapon})
        # One more than asked for, to tell the reader whether --limit cut the list.
        hits = store.find_events(type=event_type, actor=actor, weapon=weapon, since=since, until=until,
                                 limit=limit + 1)
    except (ArmswatchError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()
    more, hits = len(hits) > limit, hits[:limit]
    if _print_blocks(hits, as_json, _print_event, lambda: _nothing_matches(
            "events", db, {"--type": event_type, "--actor": actor, "--weapon": weapon, "--since": since,
                           "--until": until})):
        err.print(_count(len(hits), "event") + (" (more with a higher --limit)" if more else ""))


def _print_event(hit: EventHit) -> None:
    """Date, what, who → whom, with what, where; the evidence; the article: one block per event."""
    what = escape(hit.type or "EVENT") + (f"/{escape(hit.subtype)}" if hit.subtype else "")
    parts = [_when(hit.date, hit.date_source), what, f"[dim]{escape(hit.status or 'status unknown')}[/dim]"]
    if hit.actor or hit.recipient:
        parts.append((_names(hit.actor) or "[dim]?[/dim]") + (f" → {_names(hit.recipient)}" if hit.recipient else ""))
    for label, refs in (("weapon", hit.weapon), ("treaty", hit.treaty), ("at", hit.location)):
        if refs:
            parts.append(f"[dim]{label}[/dim] {_names(refs)}")
    out.print("  ".join(parts))
    if hit.evidence:
        out.print("  " + escape(_shorten(hit.evidence)))
    out.print("  " + _article(hit.title, hit.outlet, hit.published, hit.doc_id, hit.duplicate_of))


@app.command()
def transfers(
    supplier: Annotated[str | None, typer.Option(help="Who supplied: a name in any script, or an entity id.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Who received: a name or an entity id.")] = None,
    weapon: Annotated[str | None, typer.Option(help="What was transferred: a name or an entity id.")] = None,
    since: Annotated[str | None, typer.Option(help="On or after this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date, inclusive.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as a JSON list.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Arms transfers: supplier → recipient → weapon, with dates, statuses and every article saying so.

    One row per supplier, recipient and weapon (an event naming two weapons is in two rows), earliest first.
    Exits 1 when nothing matches (with --json, after printing an empty list) or a name names no entity.
    """
    _check_dates(since, until)
    store = _open(db, must_exist=True)
    try:
        _require_entities(store, db, {"--supplier": supplier, "--recipient": recipient, "--weapon": weapon})
        rows = store.transfers(supplier=supplier, recipient=recipient, weapon=weapon, since=since, until=until)
    except (ArmswatchError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()
    if _print_blocks(rows, as_json, _print_transfer, lambda: _nothing_matches(
            "transfers", db, {"--supplier": supplier, "--recipient": recipient, "--weapon": weapon, "--since": since,
                              "--until": until})):
        articles = len({report.doc_id for row in rows for report in row.articles})
        err.print(f"{_count(len(rows), 'supplier → recipient → weapon row')} from {_count(articles, 'article')}")


def _print_transfer(row: TransferRow) -> None:
    """Supplier → recipient · weapon; when, how sure, how many articles; then each article saying so."""
    out.print(f"[bold]{_one_name(row.supplier)} → {_one_name(row.recipient)}[/bold] · [bold]{_one_name(row.weapon)}"
              "[/bold]")
    when = "undated" if not row.dates else row.dates[0] if len(row.dates) == 1 else f"{row.dates[0]} … {row.dates[-1]}"
    articles = len({report.doc_id for report in row.articles})
    out.print(f"  {when} · {escape(', '.join(row.statuses) or 'status unknown')} · {_count(articles, 'article')}")
    for report in row.articles:
        out.print(f"  {_when(report.date, report.date_source)}  [dim]{escape(report.status or 'status unknown')}"
                  f"[/dim]  " + _article(report.title, report.outlet, report.published, report.doc_id,
                                          report.duplicate_of))
        if report.evidence:
            out.print("      " + escape(_shorten(report.evidence)))


@app.command()
def claims(
    about: Annotated[str, typer.Option(help="What the numbers are about: a name in any script, or an entity id.")],
    unit: Annotated[str | None, typer.Option(help=f"Only this unit: one of {', '.join(CLAIM_UNITS)}.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print claims and disagreements as one JSON object.")
                       ] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Every number stated about an entity, with who stated it and the source, and where sources disagree.

    Numbers count the same thing when they have the same unit and are about the same entities. Sources
    disagree when their values (or ranges) do not overlap; an article giving two numbers (a change, two
    estimates) does not disagree with itself, nor with a source it agrees with on one of them.
    Exits 1 when there are no such numbers (with --json, after printing the empty result) or the name names
    no entity.
    """
    if unit is not None and unit not in CLAIM_UNITS:
        raise _fail(f"unknown --unit {unit!r}; one of: {', '.join(CLAIM_UNITS)}")
    store = _open(db, must_exist=True)
    try:
        _require_entities(store, db, {"--about": about})
        report = store.find_claims(about, unit=unit)
    except (ArmswatchError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()
    if as_json:
        out.print_json(json.dumps(dataclasses.asdict(report), ensure_ascii=False))
    if not report.claims:
        raise _fail(f"no claims about {about!r}" + (f" in unit {unit!r}" if unit else "") + f" in {db}", code=1)
    if as_json:
        return
    _print_claims(report)
    found = len(report.disagreements)
    err.print(f"{_count(len(report.claims), 'claim')}, {_count(found, 'disagreement')}")


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _value(value: object, value_max: object) -> str:
    return _number(value) + (f"–{_number(value_max)}" if value_max is not None else "")


def _counted(unit: str | None, about: list[EntityRef]) -> str:
    return f"[bold]{escape(unit or 'no unit')} · {_names(about) or '?'}[/bold]"


def _print_claims(report: ClaimReport) -> None:
    """The numbers, grouped by what they count; then the disagreements, clearly marked."""
    out.print("[bold]Claims about[/bold] " + ", ".join(f"{escape(ref.name or ref.id)} [dim]({escape(ref.id)})[/dim]"
                                                       for ref in report.about))
    group = None
    for claim in report.claims:
        key = (claim.unit, [ref.id for ref in claim.about])
        if key != group:
            group = key
            out.print()
            out.print(_counted(claim.unit, claim.about))
        who = escape(claim.speaker_label) if claim.speaker_label else ""
        if claim.speaker_name and claim.speaker_name != claim.speaker_label:
            who += f" [dim](as {escape(claim.speaker_name)})[/dim]"
        source = f"[dim]source:[/dim] {escape(claim.source)}" if claim.source else "[dim]source unknown[/dim]"
        out.print(f"  [bold]{_value(claim.value, claim.value_max)}[/bold]  " + (f"{who} · " if who else "") + source)
        if claim.text:
            out.print("    " + escape(_shorten(claim.text)))
        out.print("    " + _article(claim.title, claim.outlet, claim.published, claim.doc_id, claim.duplicate_of))
    out.print()
    if not report.disagreements:
        out.print("[bold]DISAGREEMENTS[/bold]: none (no two sources give values that do not overlap)")
        return
    out.print(f"[bold]DISAGREEMENTS ({len(report.disagreements)})[/bold]: sources giving values that do not overlap")
    for found in report.disagreements:
        out.print(_counted(found.unit, found.about))
        for position in found.positions:
            givers = "; ".join(
                (f"{escape(v.speaker_label)} · " if v.speaker_label else "") + escape(v.source or "source unknown")
                + f" [dim]({escape(v.title or '(untitled)')}, {(v.published or 'undated')[:10]}, {v.doc_id[:12]})[/dim]"
                for v in position.given_by)
            out.print(f"  [bold]{_value(position.value, position.value_max)}[/bold]  {givers}")


@app.command()
def stats(db: DbOption = DEFAULT_DB,
          as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """Counts of what the store holds."""
    store = _open(db, must_exist=True)
    try:
        figures = store.stats()
    finally:
        store.close()
    if as_json:
        out.print_json(json.dumps(figures, ensure_ascii=False))
        return
    for key, value in figures.items():
        if isinstance(value, dict):
            out.print(f"{key}:")
            for k, v in sorted(value.items(), key=lambda kv: -kv[1] if isinstance(kv[1], int) else 0):
                out.print(f"  {escape(str(k))}: {v}")
        else:
            out.print(f"{key}: {value}")


@app.command("export")
def export_store(
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl (records), csv or parquet (a table per kind), "
                                     "graphml (the transfer network) or plover (events, JSON Lines).")],
    output: Annotated[str, typer.Option("--output", "-o", help="File to write, or - for stdout; for csv and "
                                        "parquet a directory that gets one file per kind.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export the store for other tools; every file is written whole or not at all (see docs/exports.md)."""
    from armswatch.export import FORMATS as EXPORT_FORMATS
    from armswatch.export import export

    fmt = fmt.strip().lower()
    if fmt not in EXPORT_FORMATS:
        raise _fail(f"unknown --format {fmt!r}; one of: {', '.join(EXPORT_FORMATS)}")
    store = _open(db, must_exist=True)
    try:
        summary = export(store, fmt, output)
    except ArmswatchError as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()
    err.print(escape(summary.describe()))


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    upload_token: Annotated[str | None, typer.Option(
        "--upload-token", envvar="ARMSWATCH_UPLOAD_TOKEN",
        help="Allow POST /api/documents for clients sending this Bearer token (off when unset).")] = None,
    max_upload_bytes: Annotated[int, typer.Option("--max-upload-bytes", min=1,
                                                  help="Largest file an upload may send.")] = DEFAULT_MAX_BYTES,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes; one per core serves the most "
                                                             "readers at once.")] = 1,
) -> None:
    """Serve the web UI and API over a store."""
    import uvicorn

    from armswatch.api.app import SETTINGS_ENV, Settings, create_app

    store = _open(db)
    store.close()
    settings = Settings(str(db), upload_token or None, max_upload_bytes)
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
        return
    # Worker processes import the application by name, so its settings travel in the environment.
    os.environ[SETTINGS_ENV] = settings.to_json()
    uvicorn.run("armswatch.api.app:app_from_environment", factory=True, workers=workers, host=host, port=port,
                log_level="info")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
