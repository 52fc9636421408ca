"""`tidings compare STORY_ID`, `tidings coverage`, `tidings brief STORY_ID`: comparing sources."""
from __future__ import annotations

from typing import Optional

import typer
from rich.table import Table

from .cli_common import console, date_option, out, print_json
from .config import open_store

DbOption = typer.Option(None, "--db", help="Store URL or path (default $TIDINGS_DB).")


def _comparison(db: Optional[str], story_id: int) -> dict:
    from .compare import compare_story

    with console.status("comparing sources…"):
        result = compare_story(open_store(db), story_id)
    if result is None:
        console.print(f"[red]no story {story_id}[/]")
        raise typer.Exit(1)
    return result


def compare(story_id: int = typer.Argument(..., help="Story id (see `tidings stories`)."), db: Optional[str] = DbOption,
            as_json: bool = typer.Option(False, "--json", help="Print the comparison as JSON."),
            all_rows: bool = typer.Option(False, "--all", help="Also list statements only one source has.")) -> None:
    """Line up the statements of a story's articles: what all report, what some do, conflicts."""
    result = _comparison(db, story_id)
    if as_json:
        print_json(result)
        return
    counts = result["counts"]
    console.print(f"[bold]{result['title']}[/]: {result['compared_articles']} articles, {counts['all']} reported by all, "
                  f"{counts['some']} by some, {counts['one']} by one, {counts['conflicts']} conflicts "
                  f"({result['seconds']:.1f} s)")
    table = Table("#", "verdict", "sources", "statement (first source)", "conflict")
    for group in result["groups"]:
        if group["verdict"] == "one" and not all_rows:
            continue
        first = group["statements"][0]
        conflict = "; ".join(" vs ".join(v["value"] for v in c["versions"]) for c in group["conflicts"])
        table.add_row(str(group["id"]), group["verdict"], ", ".join(group["sources"]), first["text"][:160], conflict)
    out.print(table)


def coverage(db: Optional[str] = DbOption, story: Optional[int] = typer.Option(None, "--story", help="One story's coverage."),
             since: Optional[str] = typer.Option(None, help="YYYY-MM-DD", callback=date_option("day")),
             until: Optional[str] = typer.Option(None, help="YYYY-MM-DD", callback=date_option("day")),
             min_size: int = typer.Option(2, min=1, help="Only stories with at least this many articles."),
             as_json: bool = typer.Option(False, "--json")) -> None:
    """Who covers what: a story's languages and outlets from when, or each language's blind spots."""
    from .compare.coverage import language_blind_spots, story_coverage

    store = open_store(db)
    result = story_coverage(store, story) if story else language_blind_spots(store, since=since, until=until,
                                                                                min_size=min_size)
    if result is None:
        console.print(f"[red]no story {story}[/]")
        raise typer.Exit(1)
    if as_json:
        print_json(result)
        return
    if story:
        table = Table("language", "articles", "first", "last", "outlets")
        for item in result["languages"]:
            table.add_row(item["language"], str(item["articles"]), (item["first"] or "")[:10], (item["last"] or "")[:10],
                          ", ".join(o["source"] for o in item["outlets"]))
    else:
        table = Table("language", "stories", "only this language", "blind spots (covered by others)")
        for item in result["languages"]:
            table.add_row(item["language"], str(item["stories"]), str(len(item["only_here"])),
                          "; ".join(s["title"][:50] for s in item["missing"][:3]))
    out.print(table)


def brief(story_id: int = typer.Argument(...), db: Optional[str] = DbOption,
          format: str = typer.Option("md", "--format", help="md or html")) -> None:
    """A brief of a story (key facts with sources, conflicts, unique details) to paste into notes."""
    from .compare.brief import brief_html, brief_markdown

    if format not in ("md", "html"):
        console.print("[red]--format is md or html[/]")
        raise typer.Exit(2)
    result = _comparison(db, story_id)
    typer.echo(brief_html(result) if format == "html" else brief_markdown(result), nl=False)


def register(app: typer.Typer) -> None:
    app.command()(compare)
    app.command()(coverage)
    app.command()(brief)
