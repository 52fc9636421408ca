"""`tidings token create|list|revoke`: access tokens for the REST API's write endpoints."""
from __future__ import annotations

from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from .cli_common import console, out, print_json
from .config import open_store

tokens_app = typer.Typer(help="Tokens that allow writing through the REST API (reads need none).",
                         no_args_is_help=True)
DbOption = typer.Option(None, "--db", help="Store URL or path (default $TIDINGS_DB).")


@tokens_app.command("create")
def create(name: str = typer.Argument(..., help="Who or what uses it, e.g. newsroom-bot."),
           db: Optional[str] = DbOption) -> None:
    """Make a token and print it once (only its SHA-256 is stored: it cannot be shown again)."""
    from .tokens import TokenError, create_token

    try:
        token = create_token(open_store(db), name)
    except TokenError as exc:
        console.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from exc
    console.print(f"token {escape(name)} created; send it as `Authorization: Bearer TOKEN`. "
                  "It is shown only now:")
    print(token)  # alone on standard output, so that `tidings token create bot > file` keeps only it


@tokens_app.command("list")
def list_tokens(db: Optional[str] = DbOption, as_json: bool = typer.Option(False, "--json")) -> None:
    """Token names with when each was made, last used and revoked (never the tokens)."""
    from .tokens import list_tokens as rows

    items = rows(open_store(db))
    if as_json:
        print_json(items)
        return
    table = Table("name", "created", "last used", "revoked", box=None)
    for t in items:
        table.add_row(escape(t["name"]), t["created_at"], t["last_used_at"] or "never", t["revoked_at"] or "")
    out.print(table)


@tokens_app.command("revoke")
def revoke(name: str, db: Optional[str] = DbOption) -> None:
    """Revoke a token: requests with it are refused from now on."""
    from .tokens import revoke_token

    if not revoke_token(open_store(db), name):
        console.print(f"[red]no live token named {escape(name)}[/]")
        raise typer.Exit(1)
    console.print(f"revoked token {escape(name)}")
