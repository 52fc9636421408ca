"""Files and folders -> raw articles.

A file is read as bytes and passed on untouched; decoding and parsing belong to the read stage,
so that a stored raw item can always be read again by a newer reader.
"""
from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..model import RawArticle

# Extension -> format. `.jsonl.gz` is handled by name before the suffix lookup.
FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".opml": "opml",
}
MAX_FILE_BYTES = int(os.environ.get("TIDINGS_MAX_FILE_MB", "20")) * 1024 * 1024
MAX_LINE_BYTES = 5 * 1024 * 1024


@dataclass
class SourceError:
    """An input that could not become a raw article: reported, skipped, never fatal."""

    locator: str
    reason: str


def file_format(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".jsonl.gz", ".ndjson.gz")):
        return "jsonl.gz"
    return FORMATS.get(path.suffix.lower())


def list_files(root: Path) -> Iterator[Path]:
    """Every file under a folder (sorted, hidden files skipped), or the path itself."""
    if root.is_file():
        yield root
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def read_file(path: Path) -> Iterator[RawArticle | SourceError]:
    """One file -> raw articles (one per JSON line for .jsonl), or errors saying why not."""
    locator = str(path)
    fmt = file_format(path)
    if fmt is None:
        yield SourceError(locator, f"unsupported file type {path.suffix or '(none)'!r}")
        return
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield SourceError(locator, f"cannot read: {exc.strerror or exc}")
        return
    if fmt.startswith("jsonl"):
        yield from _jsonl_lines(path, fmt)
        return
    if size == 0:
        yield SourceError(locator, "empty file")
        return
    if size > MAX_FILE_BYTES:
        yield SourceError(locator, f"file too large ({size / 2**20:.1f} MB > {MAX_FILE_BYTES / 2**20:.0f} MB limit)")
        return
    try:
        content = path.read_bytes()
    except OSError as exc:
        yield SourceError(locator, f"cannot read: {exc.strerror or exc}")
        return
    yield RawArticle(locator=locator, format=fmt, content=content, meta={"path": locator})


def _jsonl_lines(path: Path, fmt: str) -> Iterator[RawArticle | SourceError]:
    """Stream a JSON Lines file (optionally gzip) line by line: big archives never sit in memory."""
    opener = gzip.open if fmt == "jsonl.gz" else open
    empty = True
    try:
        with opener(path, "rb") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                empty = False
                locator = f"{path}#{number}"
                if len(line) > MAX_LINE_BYTES:
                    yield SourceError(locator, f"JSON line too large ({len(line) / 2**20:.1f} MB)")
                    continue
                yield RawArticle(locator=locator, format="jsonl", content=line.rstrip(b"\r\n"),
                                 meta={"path": str(path), "line": number})
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield SourceError(str(path), f"cannot read: {exc}")
        return
    if empty:
        yield SourceError(str(path), "empty file")
