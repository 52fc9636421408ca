"""Exports: articles or stories as JSON Lines, CSV or Parquet, streamed in chunks (big stores fit)."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterator

from .store.sqlite import Store

FORMATS = ("jsonl", "csv", "parquet")
CHUNK = 1000

ARTICLE_COLUMNS = ["id", "title", "language", "published", "source", "url", "byline", "story_id", "text",
                   "captions", "credits"]
STORY_COLUMNS = ["id", "title", "size", "languages", "first_published", "last_published", "article_ids"]


def _articles(store: Store) -> Iterator[dict]:
    last = 0
    while True:
        rows = store.query("SELECT id, title, language, published, source, url, byline, story_id, text, metadata"
                           " FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, CHUNK))
        if not rows:
            return
        for row in rows:
            item = dict(row)
            metadata = json.loads(item.pop("metadata"))
            item["captions"] = metadata.get("captions", [])
            item["credits"] = metadata.get("credits", []) + metadata.get("photo_credits", [])
            yield item
        last = rows[-1]["id"]


def _stories(store: Store) -> Iterator[dict]:
    members: dict[int, list[int]] = {}
    for r in store.query("SELECT story_id, id FROM articles WHERE story_id IS NOT NULL ORDER BY id"):
        members.setdefault(r[0], []).append(r[1])
    for row in store.query("SELECT id, title, size, languages, first_published, last_published FROM stories ORDER BY id"):
        item = dict(row)
        item["languages"] = json.loads(item["languages"])
        item["article_ids"] = members.get(item["id"], [])
        yield item


def export(store: Store, path: Path, *, fmt: str = "jsonl", what: str = "articles") -> int:
    """Write the table to `path`; returns the number of rows. `-` writes JSONL/CSV to stdout."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    rows, columns = {"articles": (_articles, ARTICLE_COLUMNS), "stories": (_stories, STORY_COLUMNS)}[what]
    return {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}[fmt](rows(store), columns, path)


def _open(path: Path):
    import sys

    if str(path) == "-":
        return sys.stdout
    path.parent.mkdir(parents=True, exist_ok=True)
    return open(path, "w", encoding="utf-8", newline="")


def _close(handle) -> None:
    import sys

    if handle is not sys.stdout:
        handle.close()


def _jsonl(rows: Iterator[dict], columns: list[str], path: Path) -> int:
    count = 0
    handle = _open(path)
    try:
        for row in rows:
            handle.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
            count += 1
    finally:
        _close(handle)
    return count


def _csv(rows: Iterator[dict], columns: list[str], path: Path) -> int:
    count = 0
    handle = _open(path)
    try:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: ("|".join(map(str, row[c])) if isinstance(row.get(c), list) else row.get(c))
                             for c in columns})
            count += 1
    finally:
        _close(handle)
    return count


def _schema(columns: list[str]):
    import pyarrow as pa

    types = {"id": pa.int64(), "story_id": pa.int64(), "size": pa.int64(),
             "captions": pa.list_(pa.string()), "credits": pa.list_(pa.string()),
             "languages": pa.list_(pa.string()), "article_ids": pa.list_(pa.int64())}
    return pa.schema([(c, types.get(c, pa.string())) for c in columns])


def _parquet(rows: Iterator[dict], columns: list[str], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if str(path) == "-":
        raise ValueError("Parquet cannot be written to standard output; give a file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    schema = _schema(columns)
    count, chunk = 0, []
    with pq.ParquetWriter(path, schema) as writer:
        for row in rows:
            chunk.append({c: row.get(c) for c in columns})
            if len(chunk) >= CHUNK:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count, chunk = count + len(chunk), []
        if chunk:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count
