"""`tidings events` and `tidings event ID`: events coded from the articles (PLOVER), with provenance."""
from __future__ import annotations

from typing import Optional

import typer
from rich.table import Table

from .cli_common import console, country_option, date_option, out, print_json
from .config import open_store

DbOption = typer.Option(None, "--db", help="Store URL or path (default $TIDINGS_DB).")


def _explorer(db):
    from .events.queries import EventExplorer

    return EventExplorer(open_store(db))


def _actor(actor: dict | None) -> str:
    if not actor:
        return "—"
    return f"{actor['name']} ({actor['code']})" if actor.get("code") else actor["name"]


def events(db: Optional[str] = DbOption, as_json: bool = typer.Option(False, "--json"),
           type: Optional[str] = typer.Option(None, "--type", help="PLOVER type: AGREE, CONSULT, ASSAULT …"),
           story: Optional[int] = typer.Option(None, "--story", help="Events of one story"),
           entity: Optional[int] = typer.Option(None, "--entity", help="Events with this entity as either actor"),
           country: Optional[str] = typer.Option(None, help="ISO alpha-2 code of either actor",
                                                 callback=country_option),
           since: Optional[str] = typer.Option(None, help="First date (YYYY-MM-DD)", callback=date_option()),
           until: Optional[str] = typer.Option(None, help="Last date (YYYY-MM-DD)", callback=date_option()),
           min_confidence: float = typer.Option(0.0, min=0.0, max=1.0),
           limit: int = typer.Option(50, min=1, max=100000), offset: int = typer.Option(0, min=0)) -> None:
    """Who did what to whom, where and when: events merged across articles, newest first."""
    from .events.ontology import canonical_type

    if type:
        try:
            canonical_type(type)
        except KeyError as exc:
            raise typer.BadParameter(f"unknown event type {type!r}") from exc
    items = _explorer(db).events(limit=limit, offset=offset, type=type, story_id=story, entity_id=entity,
                                 country=country, since=since, until=until, min_confidence=min_confidence,
                                 with_mentions=as_json)
    if as_json:
        print_json(items)
        return
    table = Table("id", "date", "type", "source", "target", "where", "mentions", "languages", box=None)
    for e in items:
        flags = (" (not)" if e["negated"] else "") + (" (planned)" if e["future"] else "")
        table.add_row(str(e["id"]), e["date"] or "", e["type"] + (f"/{e['mode']}" if e["mode"] else "") + flags,
                      _actor(e["source"]), _actor(e["target"]), (e["location"] or {}).get("name") or "",
                      str(e["mention_count"]), ",".join(e["languages"]))
    out.print(table)


def event(event_id: int, db: Optional[str] = DbOption, as_json: bool = typer.Option(False, "--json")) -> None:
    """One event and every sentence that reports it."""
    item = _explorer(db).event(event_id)
    if item is None:
        console.print(f"[red]event {event_id} not found[/]")
        raise typer.Exit(1)
    if as_json:
        print_json(item)
        return
    out.print(f"[bold]{item['type']}[/] {item['mode'] or ''}  {_actor(item['source'])} → {_actor(item['target'])}"
              f"  {item['date'] or ''}  (CAMEO {item['cameo']}, Goldstein {item['goldstein']:+.1f},"
              f" confidence {item['confidence']:.2f})")
    for m in item["mentions"]:
        out.print(f"  [{m['language']}] article {m['article_id']} · {m['outlet'] or ''}: {m['sentence']}")


def register(app: typer.Typer) -> None:
    app.command()(events)
    app.command()(event)
