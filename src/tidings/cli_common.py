"""What every `tidings` command module shares: the consoles, JSON output, loading the pipeline."""
from __future__ import annotations

import json
import sys
from typing import Any

import typer
from rich.console import Console

console = Console(stderr=True)  # progress, reports and errors
out = Console()  # the listing itself


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def load_pipeline(store):
    """The pipeline over a store, its models loaded; a clear message (exit 1) if the store was
    embedded with another model."""
    from .pipeline import EmbedderMismatch, Pipeline

    try:
        with console.status("loading models…"):
            return Pipeline(store)
    except EmbedderMismatch as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(1) from exc


def date_option(shape: str = "partial"):
    """A typer callback: `--since yesterday` or `--until 2025-13-45` is refused with a reason (exit 2),
    instead of filtering by string comparison and printing an empty table."""
    from .validate import check_date

    def check(value: str | None) -> str | None:
        try:
            return check_date(value, shape)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None

    return check


def choice_option(*allowed: str, upper: bool = False):
    """A typer callback that takes one of `allowed` (upper-cased first with `upper`), else exit 2 naming them."""
    def check(value: str | None) -> str | None:
        if value is None:
            return value
        given = value.upper() if upper else value
        if given not in allowed:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(allowed)}")
        return given

    return check


def country_option(value: str | None) -> str | None:
    """A typer callback: an ISO 3166 alpha-2 code (KZ), upper-cased; 'KAZ' or 'Kazakhstan' is refused."""
    if value is None:
        return value
    if len(value) != 2 or not value.isascii() or not value.isalpha():
        raise typer.BadParameter(f"{value!r} is not an ISO 3166 alpha-2 country code (e.g. KZ)")
    return value.upper()


def language_option(value: str | None) -> str | None:
    """A typer callback: a language code as stored, in lower case (`--language DE` is `de`)."""
    return value.strip().lower() or None if value else value
