"""`tidings sources …`, `tidings watch`, `tidings alerts …`: following outlets live (issue 6)."""
from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from .cli_common import console, country_option, load_pipeline, out, print_json
from .config import open_store


DbOption = typer.Option(None, "--db", help="Store URL (sqlite:///path.db) or path; default $TIDINGS_DB or the user data folder.")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")
AllowOption = typer.Option([], "--allow-network", help="CIDR that fetching may reach (repeatable; also TIDINGS_ALLOW_NETWORKS).")

sources_app = typer.Typer(help="Feeds, sitemaps and pages to follow (`tidings watch` polls them).",
                          invoke_without_command=True, no_args_is_help=False)
alerts_app = typer.Typer(help="Saved queries that notify you when a new story or article matches.",
                         no_args_is_help=True)



def _sources(db):
    from .store.sources import SourceStore

    return SourceStore(open_store(db))


def _check_url(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise typer.BadParameter(f"not an http(s) URL: {url}")
    return url


# -- sources -----------------------------------------------------------------------------------
@sources_app.callback()
def sources_main(ctx: typer.Context, db: Optional[str] = DbOption, as_json: bool = JsonOption,
                 health: bool = typer.Option(False, "--health", help="Per source: status, last success, errors, items per day, silence.")) -> None:
    """List followed sources (with --health: how each is doing)."""
    if ctx.invoked_subcommand is not None:
        return
    if health:
        _health(db, as_json)
    else:
        list_sources(db=db, as_json=as_json)


def _health(db, as_json: bool) -> None:
    items = _sources(db).health()
    if as_json:
        print_json(items)
        return
    colours = {"ok": "green", "silent": "yellow", "error": "yellow", "failing": "red", "new": "dim"}
    table = Table("id", "status", "last success", "errors", "items/day", "usual gap", "silent for", "source", box=None)
    for h in items:
        gap = f"{h['usual_interval_s'] / 3600:.1f} h" if h["usual_interval_s"] else "?"
        silent = f"{h['silent_for_s'] / 3600:.1f} h" if h["silent_for_s"] is not None else "?"
        table.add_row(str(h["id"]), f"[{colours.get(h['status'], 'white')}]{h['status']}[/]", h["last_success"] or "never",
                      f"{h['consecutive_errors']}/{h['error_count']}", str(h["items_per_day"]), gap, silent,
                      escape(h["name"] or h["url"]) + (f"  [dim]{escape(h['last_error'][:80])}[/]" if h["last_error"] else ""))
    out.print(table)


@sources_app.command("list")
def list_sources(db: Optional[str] = DbOption, as_json: bool = JsonOption) -> None:
    """Followed sources with their outlet, country, language and poll interval."""
    items = _sources(db).all()
    keep = ("id", "url", "kind", "name", "country", "language", "interval_s", "enabled", "added_at",
            "last_success", "item_count", "last_error")
    if as_json:
        print_json([{k: s[k] for k in keep} for s in items])
        return
    table = Table("id", "name", "country", "lang", "every", "items", "url", box=None)
    for s in items:
        table.add_row(str(s["id"]), escape(s["name"] or ""), s["country"] or "", s["language"] or "",
                      f"{s['interval_s'] // 60} min", str(s["item_count"]), escape(s["url"]))
    out.print(table)


@sources_app.command("add")
def add_source(url: str = typer.Argument(..., help="Feed (RSS/Atom/JSON Feed), news sitemap or page URL."),
               db: Optional[str] = DbOption,
               name: Optional[str] = typer.Option(None, help="Outlet name (default: the feed's title)."),
               country: Optional[str] = typer.Option(None, help="ISO 3166 alpha-2 code of the outlet's country.",
                                                     callback=country_option),
               language: Optional[str] = typer.Option(None, help="ISO 639-1 code of the outlet's language."),
               interval: int = typer.Option(15, min=1, help="Minutes between polls."),
               kind: str = typer.Option("auto", help="auto (detect each time), feed, sitemap or page."),
               pages: bool = typer.Option(True, "--pages/--no-pages", help="Fetch each new item's page (else use the feed text).")) -> None:
    """Follow a source."""
    if kind not in ("auto", "feed", "sitemap", "page"):
        raise typer.BadParameter("kind must be auto, feed, sitemap or page")
    source_id, created = _sources(db).add(_check_url(url), name=name, country=country, language=language,
                                          interval_s=interval * 60, kind=kind, fetch_pages=pages)
    console.print(f"{'added' if created else 'updated'} source {source_id}: {url}")


@sources_app.command("remove")
def remove_source(source: str = typer.Argument(..., help="Source id or URL."), db: Optional[str] = DbOption) -> None:
    """Stop following a source (articles already stored stay)."""
    if not _sources(db).remove(source):
        console.print(f"[red]no source {source}[/]")
        raise typer.Exit(1)
    console.print(f"removed source {source}")


@sources_app.command("import-opml")
def import_opml(target: str = typer.Argument(..., help="OPML file or URL."), db: Optional[str] = DbOption,
                interval: int = typer.Option(15, min=1, help="Minutes between polls."),
                allow_network: list[str] = AllowOption) -> None:
    """Follow every feed of an OPML list (outline text/title -> outlet; `language`, `country` attributes)."""
    from .sources.feeds import opml_outlines
    from .sources.fetch import Fetcher, FetchError

    if target.startswith(("http://", "https://")):
        try:
            with Fetcher(allow=allow_network, delay=0.0) as fetcher:
                content = fetcher.get(target).body
        except FetchError as exc:
            console.print(f"[red]{exc}[/]")
            raise typer.Exit(1)
    else:
        path = Path(target).expanduser()
        if not path.is_file():
            console.print(f"[red]no such file {target}[/]")
            raise typer.Exit(1)
        content = path.read_bytes()
    try:
        outlines = opml_outlines(content)
    except ValueError as exc:
        console.print(f"[red]{target}: {exc}[/]")
        raise typer.Exit(1)
    store = _sources(db)
    added = 0
    for o in outlines:
        if not o.url.startswith(("http://", "https://")):
            console.print(f"[yellow]skipped[/] {o.url}: not an http(s) URL")
            continue
        _id, created = store.add(o.url, name=o.name, country=o.country, language=o.language, interval_s=interval * 60)
        added += created
    console.print(f"{added} sources added, {len(outlines) - added} already followed or skipped, from {target}")


# -- watch ---------------------------------------------------------------------------------------
def watch(db: Optional[str] = DbOption,
          once: bool = typer.Option(False, "--once", help="Run one cycle over every source and exit."),
          cycles: int = typer.Option(0, min=0, help="Stop after this many cycles (0: run until interrupted)."),
          delay: float = typer.Option(1.0, min=0.0, help="Seconds between two requests to one host."),
          workers: int = typer.Option(8, min=1, max=64, help="Sources fetched at once (still one request per host)."),
          allow_network: list[str] = AllowOption,
          as_json: bool = typer.Option(False, "--json", help="Print each cycle's report as JSON.")) -> None:
    """Poll every source on its schedule and process new articles through the whole pipeline."""
    from .watch import Watcher

    store = open_store(db)
    pipeline = load_pipeline(store)
    stop = threading.Event()
    status = console.status("", spinner="dots") if console.is_terminal and not as_json else None

    def show(report, note: str) -> None:
        line = (f"watch · {note} · {report.done}/{report.sources} sources · {report.not_modified} unchanged · "
                f"{report.new_items} new items · {report.ingest.added} articles · {len(report.errors)} errors")
        if status is not None:
            status.update(line)
        elif note == "idle" and not as_json:
            console.print(line + f" · {report.seconds:.1f} s")

    def on_signal(signum, _frame) -> None:
        console.print("stopping after this cycle…")
        stop.set()

    previous = signal.signal(signal.SIGTERM, on_signal)
    watcher = Watcher(store, pipeline, allow=allow_network, delay=delay, workers=workers, on_status=show)
    try:
        if status is not None:
            status.start()
        cycle = 0
        while not stop.is_set():
            report = watcher.run_cycle(force=once)
            cycle += 1
            if status is not None:
                status.stop()
            if as_json:
                print_json(report.as_dict())
            for source, error in report.errors:
                console.print(f"[yellow]error[/] {escape(source)}: {escape(error)}")
            if status is not None:
                show(report, "idle")
                console.print(f"cycle {cycle}: {report.new_items} new items, {report.ingest.added} articles, "
                              f"{report.not_modified} unchanged, {len(report.errors)} errors, "
                              f"{report.notifications} notifications in {report.seconds:.1f} s")
            if once or (cycles and cycle >= cycles):
                break
            next_due = watcher.sources.next_due()
            from .store.sources import utcnow

            pause = 60.0 if next_due is None else (next_due - utcnow()).total_seconds()
            if status is not None:
                status.start()
                status.update(f"watch · waiting {max(pause, 1):.0f} s for the next due source · Ctrl-C stops")
            stop.wait(min(max(pause, 1.0), 60.0))
    except KeyboardInterrupt:
        console.print("stopped")
    finally:
        if status is not None:
            status.stop()
        signal.signal(signal.SIGTERM, previous)
        watcher.close()


# -- alerts ------------------------------------------------------------------------------------
@alerts_app.command("add")
def add_alert(name: str = typer.Argument(..., help="A name for the alert."), db: Optional[str] = DbOption,
              entity: Optional[str] = typer.Option(None, help="A name (Tokayev) or key (N:tkv, C:KZ) articles must mention."),
              country: Optional[str] = typer.Option(None, help="ISO alpha-2 code of a country articles must be about.",
                                                    callback=country_option),
              keyword: Optional[str] = typer.Option(None, help="Words articles must contain (full-text)."),
              language: Optional[str] = typer.Option(None, help="Article language (ISO 639-1)."),
              per: str = typer.Option("story", help="story: notify once per story; article: every article."),
              webhook: Optional[str] = typer.Option(None, help="URL that receives each notification as a JSON POST."),
              backfill: bool = typer.Option(False, help="Also match articles already stored.")) -> None:
    """Save a query; `tidings watch` notifies when a new story or article matches."""
    if not any((entity, country, keyword, language)):
        raise typer.BadParameter("give at least one of --entity, --country, --keyword, --language")
    if per not in ("story", "article"):
        raise typer.BadParameter("per must be story or article")
    if webhook:
        _check_url(webhook)
    alert_id = _sources(db).add_alert(name, entity=entity, country=country, keyword=keyword, language=language,
                                      per=per, webhook=webhook, backfill=backfill)
    console.print(f"added alert {alert_id}: {name}")


@alerts_app.command("list")
def list_alerts(db: Optional[str] = DbOption, as_json: bool = JsonOption) -> None:
    """Saved alerts."""
    items = _sources(db).alerts()
    if as_json:
        print_json(items)
        return
    table = Table("id", "name", "entity", "country", "keyword", "lang", "per", "webhook", box=None)
    for a in items:
        table.add_row(str(a["id"]), escape(a["name"]), escape(a["entity"] or ""), a["country"] or "",
                      escape(a["keyword"] or ""), a["language"] or "", a["per"], escape(a["webhook"] or ""))
    out.print(table)


@alerts_app.command("remove")
def remove_alert(alert_id: int, db: Optional[str] = DbOption) -> None:
    """Delete an alert and its notifications."""
    if not _sources(db).remove_alert(alert_id):
        console.print(f"[red]no alert {alert_id}[/]")
        raise typer.Exit(1)
    console.print(f"removed alert {alert_id}")


@alerts_app.command("notifications")
def notifications(db: Optional[str] = DbOption, as_json: bool = JsonOption,
                  alert: Optional[int] = typer.Option(None, help="Only this alert's."),
                  limit: int = typer.Option(50, min=1, max=10000)) -> None:
    """Notifications raised by alerts, newest first."""
    items = _sources(db).notifications(alert_id=alert, limit=limit)
    if as_json:
        print_json(items)
        return
    for n in items:
        delivered = "" if n["delivered_at"] or not n["attempts"] else f"  [yellow]webhook: {escape(n['delivery_error'] or '')}[/]"
        out.print(escape(f"{n['created_at']}  [{n['alert_name']}] {n['kind']} {n['story_id'] or ''} "
                         f"article {n['article_id']}: {n['title']}") + delivered)


def register(app: typer.Typer) -> None:
    app.add_typer(sources_app, name="sources")
    app.add_typer(alerts_app, name="alerts")
    app.command("watch")(watch)
