"""`tidings entities …` and `tidings entity ID`: browse entities and edit the alias registry."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table
from rich.markup import escape

from .cli_common import choice_option, console, country_option, out, print_json
from .config import open_store

entities_app = typer.Typer(help="List entities, or edit the alias registry (merge, split, rename, alias, import, export).",
                           invoke_without_command=True)
DbOption = typer.Option(None, "--db", help="Store URL or path (default $TIDINGS_DB).")



def _explorer(db):
    from .entities.queries import EntityExplorer

    return EntityExplorer(open_store(db))


def _edit(action) -> None:
    from .entities.registry import RegistryError

    try:
        action()
    except RegistryError as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(1) from exc


@entities_app.callback()
def entities(ctx: typer.Context, db: Optional[str] = DbOption, as_json: bool = typer.Option(False, "--json"),
             type: Optional[str] = typer.Option(None, "--type", help="PER, ORG, LOC or NAME (name of unknown kind)",
                                                callback=choice_option("PER", "ORG", "LOC", "NAME", upper=True)),
             country: Optional[str] = typer.Option(None, help="ISO alpha-2 code", callback=country_option),
             q: Optional[str] = typer.Option(None, "--q", help="Any alias, in any script"),
             limit: int = typer.Option(50, min=1, max=100000), offset: int = typer.Option(0, min=0)) -> None:
    """People, organisations and places, most mentioned first."""
    if ctx.invoked_subcommand is not None:
        return
    items = _explorer(db).entities(limit=limit, offset=offset, type=type, country=country, q=q)
    if as_json:
        print_json(items)
        return
    table = Table("id", "type", "country", "mentions", "name", "aliases", box=None)
    for e in items:
        table.add_row(str(e["id"]), e["type"], e["country"] or "", str(e["mentions"]), e["name"],
                      ", ".join(e["aliases"][:6]) + (" …" if len(e["aliases"]) > 6 else ""))
    out.print(table)


@entities_app.command()
def merge(keep: int, other: int, db: Optional[str] = DbOption) -> None:
    """Merge entity OTHER into KEEP (aliases and mentions move; OTHER disappears)."""
    from .entities import registry

    _edit(lambda: registry.merge(open_store(db), keep, other))
    console.print(f"merged {other} into {keep}")


@entities_app.command()
def split(entity_id: int, aliases: list[str], db: Optional[str] = DbOption,
          name: Optional[str] = typer.Option(None, help="Name of the new entity")) -> None:
    """Move ALIASES (and the mentions spelled so) of an entity to a new entity."""
    from .entities import registry

    result = {}
    _edit(lambda: result.setdefault("id", registry.split(open_store(db), entity_id, aliases, name)))
    console.print(f"new entity {result['id']}")
    print(result["id"])


@entities_app.command()
def rename(entity_id: int, name: str, db: Optional[str] = DbOption) -> None:
    """Give an entity its canonical name (kept across re-processing)."""
    from .entities import registry

    _edit(lambda: registry.rename(open_store(db), entity_id, name))


@entities_app.command()
def retype(entity_id: int, kind: str = typer.Argument(..., metavar="TYPE", help="PER, ORG, LOC or NAME"),
           db: Optional[str] = DbOption) -> None:
    """Say what an entity is: person, organisation or place (kept across re-processing)."""
    from .entities import registry

    _edit(lambda: registry.retype(open_store(db), entity_id, kind))


@entities_app.command()
def alias(entity_id: int, alias: str, db: Optional[str] = DbOption,
          language: str = typer.Option("", help="Language of the spelling, e.g. de")) -> None:
    """Add an alias: mentions spelled so resolve to this entity from now on."""
    from .entities import registry

    _edit(lambda: registry.add_alias(open_store(db), entity_id, alias, language))


def _with_file(path: Path, action, verb: str):
    """`action()`, with a file that cannot be read or written said in one line (exit 1), not a traceback."""
    import json

    try:
        return action()
    except UnicodeDecodeError as exc:
        message = f"{path} is not UTF-8 text (byte {exc.start}): save it as UTF-8"
    except json.JSONDecodeError as exc:
        message = f"{path} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    except OSError as exc:
        message = f"cannot {verb} {path}: {exc.strerror or exc}"
    console.print(f"[red]{escape(message)}[/]")
    raise typer.Exit(1)


@entities_app.command("export")
def export_aliases(path: Path, db: Optional[str] = DbOption) -> None:
    """Write the alias registry as CSV (or JSON when PATH ends in .json)."""
    from .entities import registry

    count = _with_file(path, lambda: registry.export_aliases(open_store(db), path), "write")
    console.print(f"{count} aliases written to {path}")


@entities_app.command("import")
def import_aliases(path: Path, db: Optional[str] = DbOption) -> None:
    """Load aliases from CSV/JSON (columns name, alias; optional type, country, language, entity_id)."""
    from .entities import registry

    result = {}
    _with_file(path, lambda: _edit(lambda: result.setdefault("n", registry.import_aliases(open_store(db), path))),
               "read")
    empty = "" if result["n"] else " (no rows under a header line naming the columns name and alias)"
    console.print(f"{result['n']} aliases imported from {path}{empty}")


def entity(entity_id: int, db: Optional[str] = DbOption, as_json: bool = typer.Option(False, "--json")) -> None:
    """One entity: aliases by language and script, articles, stories, related entities."""
    item = _explorer(db).entity(entity_id)
    if item is None:
        console.print(f"[red]no entity {entity_id}[/]")
        raise typer.Exit(1)
    if as_json:
        print_json(item)
        return
    out.print(f"[bold]{item['name']}[/] ({item['type']}{', ' + item['country'] if item['country'] else ''}; "
              f"{item['mentions']} mentions, scripts: {', '.join(item['scripts'])})")
    for language, aliases in item["aliases_by_language"].items():
        out.print(f"  [cyan]{language}[/]: " + ", ".join(a["alias"] for a in aliases))
    out.print("[bold]stories[/]: " + "; ".join(f"{s['id']} {s['title']}" for s in item["stories"][:8]))
    out.print("[bold]appears with[/]: " + ", ".join(r["name"] for r in item["related"][:12]))
