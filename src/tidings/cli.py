"""The `tidings` command line. Every listing command takes --json and then prints a JSON array."""
from __future__ import annotations

import logging
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.markup import escape
from rich.table import Table

from .cli_common import choice_option, console, date_option, language_option, load_pipeline, out, print_json
from .config import open_store, resolve_db_url

app = typer.Typer(help="tidings: the world's news, in any language, as stories.", no_args_is_help=True,
                  pretty_exceptions_enable=False)

DbOption = typer.Option(None, "--db", help="Store URL (sqlite:///path.db) or path; default $TIDINGS_DB or the user data folder.")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")
DaskOption = typer.Option(None, "--dask", metavar="SCHEDULER",
                          help="Read and embed on a Dask cluster: a scheduler address (tcp://host:8786) or 'local'.")
WorkersOption = typer.Option(None, "--workers", min=1,
                             help="With --dask local: worker processes (default 2); with an address: workers to wait for.")


def _explorer(db: Optional[str]):
    from .query import Explorer

    return Explorer(open_store(db))


def _hint_if_empty(store) -> None:
    """A store with no article yet is most often a mistyped --db or $TIDINGS_DB (reading a path that
    does not exist makes a new, empty store there): say so on stderr, rather than print empty tables."""
    if not store.query("SELECT 1 FROM articles LIMIT 1"):
        console.print(f"[yellow]{escape(store.url)} holds no article yet: check --db / $TIDINGS_DB, or add "
                      f"articles with `tidings ingest PATH --db {escape(store.url)}`[/]")


@app.callback()
def _main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log each skipped item."),
          log_format: Optional[str] = typer.Option(None, "--log-format", help="text, or json: one JSON object per "
                                                   "line (default $TIDINGS_LOG_FORMAT or text).")) -> None:
    from .logs import configure

    try:
        configure(logging.INFO if verbose else logging.ERROR, log_format)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--log-format") from exc


@app.command()
def ingest(
    targets: list[str] = typer.Argument(..., help="Files, folders (recursive), URLs, feeds or OPML lists."),
    db: Optional[str] = DbOption,
    allow_network: list[str] = typer.Option([], "--allow-network", help="CIDR that URL fetching may reach (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    dask: Optional[str] = DaskOption,
    workers: Optional[int] = WorkersOption,
    columns: Optional[str] = typer.Option(None, "--columns", metavar="FIELD=COLUMN,…",
                                          help="Parquet columns to read as title/text/url/published/source/language, "
                                               "e.g. text=body,published=crawl_date."),
) -> None:
    """Ingest articles: read them, drop duplicates, group them into stories, store them."""
    mapping = _column_mapping(columns)
    pipeline = load_pipeline(open_store(db))
    with _batch_reader(dask, workers, pipeline) as reader:
        report = _ingest_with_progress(pipeline, targets, allow_network, reader, mapping, quiet=as_json)
    if as_json:
        print_json(report.as_dict())
    else:
        _print_ingest_report(report, db)
        _say_if_read_by_another_version(pipeline.store, db)
    if report.failed and not (report.added or report.duplicates or report.already):
        raise typer.Exit(1)  # every input failed: a script must see it (some failed among good ones: 0, reported)


def _print_ingest_report(report, db: Optional[str]) -> None:
    for locator, reason in report.errors:
        console.print(f"[yellow]skipped[/] {locator}: {reason}")
    if report.unsupported:
        console.print(f"[dim]{len(report.unsupported)} files of other types ignored "
                      f"(e.g. {report.unsupported[0]})[/]")
    rate = report.added / report.seconds if report.seconds else 0.0
    console.print(f"[bold green]{report.added}[/] new articles, {report.duplicates} duplicates, "
                  f"{report.already} already stored, {report.failed} failed "
                  f"in {report.seconds:.1f} s ({rate:.2f} articles/s) → {resolve_db_url(db)}")


def _say_if_read_by_another_version(store, db: Optional[str]) -> None:
    """After an ingest: articles read by an older reader may not meet the new ones (other name keys,
    other event readings), which a user would not guess from the results alone."""
    from .ops import other_readings_note

    note = other_readings_note(store)
    if note:
        console.print(f"[yellow]note[/] {note}: `tidings reprocess{' --db ' + db if db else ''}` reads them again")


@contextmanager
def _batch_reader(address: Optional[str], workers: Optional[int], pipeline) -> Iterator:
    """None (read in this process) without --dask; else a DaskReader over the cluster."""
    if not address:
        if workers:
            raise typer.BadParameter("--workers goes with --dask (e.g. --dask local --workers 4)", param_hint="--workers")
        yield None
        return
    from .distributed import DaskReader, DaskUnavailable, dask_client

    with ExitStack() as stack:
        try:
            with console.status(f"connecting to Dask ({address})…"):
                client = stack.enter_context(dask_client(address, workers))
        except (DaskUnavailable, OSError) as exc:  # not installed, no scheduler there
            console.print(f"[red]Dask: {exc}[/]")
            raise typer.Exit(1) from exc
        console.print(f"[dim]Dask: {address}, {len(client.scheduler_info(n_workers=-1)['workers'])} workers[/]")
        yield DaskReader(client, pipeline.embedder)


def _column_mapping(text: Optional[str]) -> dict[str, str] | None:
    if not text:
        return None
    pairs = [part.split("=", 1) for part in text.split(",") if part.strip()]
    if any(len(pair) != 2 or not pair[0].strip() or not pair[1].strip() for pair in pairs):
        raise typer.BadParameter("use FIELD=COLUMN pairs separated by commas, e.g. text=body,title=headline",
                                 param_hint="--columns")
    from .sources.archives import ARTICLE_FIELDS

    mapping = {field.strip(): column.strip() for field, column in pairs}
    unknown = sorted(set(mapping) - set(ARTICLE_FIELDS))
    if unknown:
        raise typer.BadParameter(f"unknown article field {', '.join(unknown)} (use title, text, url, published, "
                                 f"source, language, author)", param_hint="--columns")
    return mapping


def _ingest_with_progress(pipeline, targets: list[str], allow_network: list[str], reader,
                          columns: dict[str, str] | None, *, quiet: bool):
    progress = Progress(SpinnerColumn(), TextColumn("[bold]ingest[/]"), BarColumn(bar_width=None),
                        TextColumn("{task.fields[summary]}"), TimeElapsedColumn(), console=console,
                        disable=quiet or not console.is_terminal)
    with progress:
        task = progress.add_task("ingest", total=None, summary="")

        def update(report) -> None:
            progress.update(task, summary=f"{report.added} new · {report.duplicates} duplicates · "
                                          f"{report.already} known · {report.failed} failed")

        return pipeline.ingest(targets, allow_networks=allow_network, on_progress=update, reader=reader,
                               columns=columns)


@app.command()
def stories(
    db: Optional[str] = DbOption, as_json: bool = JsonOption,
    limit: int = typer.Option(20, min=1, max=10000), offset: int = typer.Option(0, min=0),
    language: Optional[str] = typer.Option(None, help="Only stories with an article in this language.",
                                           callback=language_option),
    lang: Optional[str] = typer.Option(None, "--lang", help="Show titles in this language where possible.",
                                       callback=language_option),
    sort: str = typer.Option("size", help="size, growth (articles of the last 3 days) or recent",
                             callback=choice_option("size", "growth", "recent")),
    since: Optional[str] = typer.Option(None, help="YYYY-MM-DD", callback=date_option()),
    until: Optional[str] = typer.Option(None, help="YYYY-MM-DD", callback=date_option()),
) -> None:
    """List stories, largest first."""
    explorer = _explorer(db)
    items = explorer.stories(limit=limit, offset=offset, language=language, title_language=lang, sort=sort,
                             since=since, until=until)
    if not items:
        _hint_if_empty(explorer.store)
    if as_json:
        print_json(items)
        return
    table = Table("id", "size", "languages", "dates", "title", box=None)
    for s in items:
        dates = f"{s['first_published'] or '?'}…{s['last_published'] or '?'}"
        table.add_row(str(s["id"]), str(s["size"]), " ".join(s["languages"]), dates, s["title"])
    out.print(table)


@app.command()
def story(story_id: int, db: Optional[str] = DbOption, as_json: bool = JsonOption,
          lang: Optional[str] = typer.Option(None, "--lang", help="Title in this language where possible.",
                                             callback=language_option)) -> None:
    """Show one story with its articles grouped by language."""
    item = _explorer(db).story(story_id, title_language=lang)
    if item is None:
        console.print(f"[red]no story {story_id}[/]")
        raise typer.Exit(1)
    if as_json:
        print_json(item)
        return
    out.print(f"[bold]{item['title']}[/]  (story {item['id']}, {item['size']} articles, "
              f"{item['first_published']}…{item['last_published']})")
    for language, articles in item["articles_by_language"].items():
        out.print(f"\n[bold cyan]{language}[/]")
        for a in articles:
            out.print(f"  {a['id']:>6}  {a['published'] or '':10}  {a['source'] or '':20.20}  {a['title']}")
    if item["names"]:
        out.print("\n[bold]names[/]: " + "; ".join(
            "/".join(sorted({t for texts in n["spellings"].values() for t in texts})[:4]) for n in item["names"][:10]))


@app.command()
def articles(db: Optional[str] = DbOption, as_json: bool = JsonOption,
             story_id: Optional[int] = typer.Option(None, "--story"),
             language: Optional[str] = typer.Option(None, callback=language_option),
             source: Optional[str] = None, limit: int = typer.Option(50, min=1, max=100000),
             offset: int = typer.Option(0, min=0)) -> None:
    """List articles, newest first."""
    explorer = _explorer(db)
    items = explorer.articles(limit=limit, offset=offset, story_id=story_id, language=language, source=source)
    if not items:
        _hint_if_empty(explorer.store)
    if as_json:
        print_json(items)
        return
    table = Table("id", "lang", "published", "source", "story", "title", box=None)
    for a in items:
        table.add_row(str(a["id"]), a["language"], a["published"] or "", a["source"] or "", str(a["story_id"]), a["title"])
    out.print(table)


@app.command()
def article(article_id: int, db: Optional[str] = DbOption, as_json: bool = JsonOption) -> None:
    """Show one article: clean text, removed captions and credits, names and dates found."""
    item = _explorer(db).article(article_id)
    if item is None:
        console.print(f"[red]no article {article_id}[/]")
        raise typer.Exit(1)
    if as_json:
        print_json(item)
        return
    out.print(f"[bold]{item['title']}[/]\n{item['language']} · {item['published'] or 'undated'} · "
              f"{item['source'] or 'unknown source'} · story {item['story_id']}\n")
    out.print(item["text"])
    for kind, values in item["metadata"].items():
        if isinstance(values, list) and values:
            out.print(f"[dim]{kind}: {' | '.join(values)}[/]")


@app.command()
def search(query: str, db: Optional[str] = DbOption, as_json: bool = JsonOption,
           mode: str = typer.Option("hybrid", help="keyword, semantic (cross-lingual) or hybrid"),
           limit: int = typer.Option(20, min=1, max=500),
           language: Optional[str] = typer.Option(None, callback=language_option)) -> None:
    """Search articles by keyword and by meaning, across languages.

    Each hit shows why it matched: the query's words marked in a snippet of its text, or, for a hit
    by meaning alone, its sentence nearest to the query (where sentence vectors are stored)."""
    from rich.padding import Padding
    from rich.text import Text

    from .snippets import QueryError, clean_query, has_words

    if mode not in ("keyword", "semantic", "hybrid"):
        raise typer.BadParameter("mode must be keyword, semantic or hybrid")
    try:
        query = clean_query(query)
    except QueryError as error:
        console.print(f"[red]nothing searched: {escape(str(error))}[/]")
        raise typer.Exit(2) from None
    if not has_words(query):
        console.print("[red]nothing searched: " + ("the query is empty" if not query else
                                                   "the query has no letter or digit to look for") + "[/]")
        raise typer.Exit(2)
    explorer = _explorer(db)
    items = explorer.search(query, mode=mode, limit=limit, language=language)
    if not items:
        _hint_if_empty(explorer.store)
    if as_json:
        print_json(items)
        return
    # who published it and when, as `tidings articles` shows: which outlet said it matters to a reader;
    # then the title and the snippet, the query's words (or the closest sentence) marked
    for a in items:
        out.print(Text(f"{a['id']}  {a['language']}  {(a['published'] or 'undated')[:10]}  "
                       f"{a['source'] or 'unknown source'}  story {a['story_id']}  match: {a['match']}", style="dim"))
        sentence = "italic" if a["snippet_kind"] == "sentence" else "bold reverse"  # a whole sentence: quieter
        for text, spans, style in ((a["title"] or "(untitled)", a["title_highlights"], "bold reverse"),
                                   (a["snippet"], a["highlights"], sentence)):
            line = Text(text)
            for start, end in spans:
                line.stylize(style, start, end)
            out.print(Padding(line, (0, 0, 0, 4), expand=False))
        out.print()


@app.command()
def export(db: Optional[str] = DbOption,
           fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv, parquet, or gdelt (events as a "
                                   "GDELT-like tab-separated table)"),
           what: str = typer.Option("articles", help="articles, stories, events or mentions (event mentions)"),
           output: str = typer.Option("-", "--output", "-o", help="File to write ('-' = standard output)"),
           everything: bool = typer.Option(False, "--all", help="The whole store as one portable dump "
                                           "(raw input, alias registry, sources, alerts) for `tidings import`.")) -> None:
    """Export articles, stories, events or event mentions as JSON Lines, CSV or Parquet (events also as a
    GDELT-like TSV: --what events --format gdelt), or the whole store with --all."""
    from .export import FORMATS, TABLES, export as run_export

    if everything:
        from .backup import export_all

        if output == "-":
            raise typer.BadParameter("--all needs a file: -o backup.jsonl.gz")
        try:
            counts = export_all(open_store(db), Path(output))
        except OSError as exc:
            console.print(f"[red]cannot write {escape(output)}: {escape(exc.strerror or str(exc))}[/]")
            raise typer.Exit(1) from exc
        console.print(f"dumped {counts.get('raw', 0)} raw items, {counts.get('alias', 0)} registry aliases, "
                      f"{counts.get('row', 0)} sources/alerts to {output}")
        return

    if fmt not in FORMATS:
        raise typer.BadParameter(f"format must be one of {', '.join(FORMATS)}")
    if what not in TABLES:
        raise typer.BadParameter(f"what must be one of {', '.join(TABLES)}")
    if fmt == "gdelt" and what != "events":
        raise typer.BadParameter("--format gdelt exports events: add --what events")
    if fmt == "parquet" and output == "-":
        raise typer.BadParameter("Parquet is a binary file, not for standard output: add -o FILE.parquet")
    try:
        count = run_export(open_store(db), Path(output), fmt=fmt, what=what)
    except OSError as exc:  # a folder that cannot be made, a file that cannot be written
        console.print(f"[red]cannot write {escape(output)}: {escape(exc.strerror or str(exc))}[/]")
        raise typer.Exit(1) from exc
    console.print(f"exported {count} {what} as {fmt}" + (f" to {output}" if output != "-" else ""))


@app.command("import")
def import_dump(path: Path, db: Optional[str] = DbOption) -> None:
    """Load a dump made by `tidings export --all` and rebuild everything derived from it."""
    from .backup import import_all

    import gzip
    import json

    with console.status("importing and re-reading…"):
        try:
            counts = import_all(open_store(db), path)
        except gzip.BadGzipFile as exc:
            console.print(f"[red]{escape(str(path))} is not a tidings dump: not a gzip file (a dump is made by "
                          "`tidings export --all -o FILE.jsonl.gz`)[/]")
            raise typer.Exit(1) from exc
        except EOFError as exc:  # click would print only "Aborted."
            console.print(f"[red]{escape(str(path))} is cut short (the compressed stream ends early): make the dump "
                          "again; what was read before the break is stored[/]")
            raise typer.Exit(1) from exc
        except json.JSONDecodeError as exc:
            console.print(f"[red]{escape(str(path))} is not a tidings dump: a line is not JSON ({exc.msg})[/]")
            raise typer.Exit(1) from exc
        except (ValueError, OSError) as exc:
            console.print(f"[red]{escape(str(exc))}[/]")
            raise typer.Exit(1) from exc
    console.print(f"imported {counts['raw']} raw items, {counts['alias']} registry aliases, "
                  f"{counts['row']} sources/alerts → {resolve_db_url(db)}")


@app.command()
def errors(db: Optional[str] = DbOption, as_json: bool = JsonOption, limit: int = 100) -> None:
    """Inputs that were reported and skipped, newest first."""
    items = open_store(db).errors(limit)
    if as_json:
        print_json(items)
        return
    for e in items:
        out.print(f"{e['occurred_at']}  {e['locator']}: {e['reason']}")


@app.command()
def stats(db: Optional[str] = DbOption) -> None:
    """Counts of articles, stories, duplicates, failures and languages (JSON)."""
    print_json(_explorer(db).stats())


@app.command()
def doctor(db: Optional[str] = DbOption) -> None:
    """Check the install and the store (models load, store reachable, migrations current, nothing stuck)."""
    from .ops import doctor as run_checks

    checks = run_checks(resolve_db_url(db))
    for check in checks:
        mark = "[green]ok[/]  " if check.ok else "[red]FAIL[/]"
        out.print(f"{mark} {check.name}: {check.detail}" + (f"\n       fix: {check.fix}" if not check.ok else ""))
    if not all(c.ok for c in checks):
        raise typer.Exit(1)


@app.command()
def recluster(db: Optional[str] = DbOption) -> None:
    """Regroup every stored article into stories from scratch."""
    from .pipeline import Pipeline

    with console.status("regrouping stories…"):
        count = Pipeline(open_store(db)).recluster()
    console.print(f"{count} stories")


@app.command()
def reprocess(db: Optional[str] = DbOption, dask: Optional[str] = DaskOption,
              workers: Optional[int] = WorkersOption,
              stage: str = typer.Option("all", help="all: rebuild everything from the raw input; events: re-code "
                                        "events only, from the stored articles (after editing a lexicon)")) -> None:
    """Rebuild everything derived (articles, names, dates, embeddings, stories, events) from the stored raw input."""
    from .pipeline import Pipeline

    if stage not in ("all", "events"):
        raise typer.BadParameter("stage must be all or events")
    if stage == "events":
        from .events.store import recode_all

        with console.status("re-coding events…"):
            count = recode_all(open_store(db))
        console.print(f"{count} event mentions coded")
        return

    pipeline = Pipeline(open_store(db), check_embedder=False)
    with _batch_reader(dask, workers, pipeline) as reader, console.status("re-reading the stored raw input…"):
        report = pipeline.reprocess(reader=reader)
    console.print(f"{report.added} articles, {report.duplicates} duplicates, {report.failed} failed "
                  f"in {report.seconds:.1f} s")


@app.command()
def serve(db: Optional[str] = DbOption, host: str = typer.Option("127.0.0.1", help="Interface to bind (localhost by default)."),
          port: int = typer.Option(8000),
          read_only: bool = typer.Option(False, "--read-only", help="Refuse every write endpoint (403), tokens or not."),
          cors_origin: list[str] = typer.Option([], "--cors-origin", help="A web origin (https://app.example.org) "
                                                "allowed to call the API from a browser (repeatable; none by default)."),
          access_log: bool = typer.Option(True, "--access-log/--no-access-log",
                                          help="Log one line per request (method, path, status, ms; never headers).")) -> None:
    """Serve the web UI and the REST API (OpenAPI at /openapi.json, docs at /docs)."""
    import uvicorn

    from .api.app import create_app
    from .api.writes import finish_interrupted_work
    from .tokens import has_live_tokens

    for origin in cors_origin:
        if not origin.startswith(("http://", "https://")) or origin.rstrip("/") != origin or origin.count("/") > 2:
            raise typer.BadParameter(f"an origin is scheme://host[:port], without a path: {origin}",
                                     param_hint="--cors-origin")
    url = resolve_db_url(db)
    application = create_app(url, read_only=read_only, cors_origins=cors_origin)
    writable = not read_only and has_live_tokens(application.state.store)
    writes = ("off (--read-only)" if read_only else "with a token" if writable
              else "off (no token: `tidings token create NAME`)")
    console.print(f"serving {url} on http://{host}:{port}/  (API: /api/, docs: /docs; writes: {writes})")
    _hint_if_empty(application.state.store)
    if writable and finish_interrupted_work(application) is not None:
        console.print("finishing what a stopped run left (pending items, provisional events) in the background")
    if access_log:
        logging.getLogger("tidings.access").setLevel(logging.INFO)
    # log_config=None: uvicorn's own loggers go through the handler configured above (text or JSON);
    # its access log is replaced by ours, which never prints a query string
    # keep-alive 30 s, not uvicorn's 5: a browser (or a load test) reusing a connection after a pause
    # must not find it closed under its request
    _settle_garbage_collector()
    uvicorn.run(application, host=host, port=port, log_level="warning", log_config=None, access_log=False,
                timeout_keep_alive=30)


def _settle_garbage_collector() -> None:
    """Keep Python's cycle collector out of request latency.

    With the default thresholds a server over 100,000 articles ran a full collection every ~8 s
    under load, each holding the GIL for 100-210 ms (all it scanned was start-up state: modules,
    templates, CLDR data), which stalled every request in flight. What exists after start-up is
    frozen (never scanned again), and young collections run after 50,000 allocations, not 700.
    Measured with bench/bench_load.py while an ingest ran: p95 243-294 ms before, 219 ms after."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 10)


def _register_subcommands() -> None:
    from .cli_entities import entities_app, entity
    from .cli_events import register as register_events
    from .cli_sources import register as register_live  # sources, watch, alerts
    from .cli_compare import register as register_compare  # compare, coverage, brief
    from .cli_tokens import tokens_app

    app.add_typer(entities_app, name="entities")
    app.command()(entity)
    register_live(app)
    register_events(app)
    register_compare(app)
    app.add_typer(tokens_app, name="token")


_register_subcommands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
