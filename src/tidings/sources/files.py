"""Files and folders -> raw articles.

A file is read as bytes and passed on untouched; decoding and parsing belong to the read stage,
so that a stored raw item can always be read again by a newer reader.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from ..model import RawArticle
from .archives import COMPRESSIONS, jsonl_lines, parquet_rows, warc_pages
from .errors import SourceError

# Extension -> format. Archives (jsonl, warc, parquet) are streamed, not read whole.
FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".parquet": "parquet",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".opml": "opml",
}
STREAMED = ("jsonl", "warc")  # the archive formats that may also come compressed
MAX_FILE_BYTES = int(os.environ.get("TIDINGS_MAX_FILE_MB", "20")) * 1024 * 1024

__all__ = ["SourceError", "file_format", "list_files", "read_file"]


def file_format(path: Path) -> str | None:
    """'txt', 'html', … or, for a compressed archive, its format and compression ('jsonl.gz', 'warc.gz')."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if len(suffixes) == 2 and suffixes[1] in COMPRESSIONS and FORMATS.get(suffixes[0]) in STREAMED:
        return f"{FORMATS[suffixes[0]]}.{COMPRESSIONS[suffixes[1]]}"
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


def read_file(path: Path, columns: dict[str, str] | None = None) -> Iterator[RawArticle | SourceError]:
    """One file -> raw articles (one per JSON line, Parquet row or WARC page for archives), or
    errors saying why not. `columns` maps article fields to Parquet columns."""
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
    kind, _, compression = fmt.partition(".")
    if kind == "jsonl":
        yield from jsonl_lines(path, compression or None)
        return
    if kind == "warc":
        yield from warc_pages(path, compression or None)
        return
    if kind == "parquet":
        yield from parquet_rows(path, columns)
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
