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
