"""Exports: articles, stories, events or event mentions as JSON Lines, CSV or Parquet, and events
as a GDELT-like tab-separated table; streamed in chunks (big stores fit)."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterator

from .store.sqlite import Store

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
TABLES = ("articles", "stories", "events", "mentions")
CHUNK = 1000

ARTICLE_COLUMNS = ["id", "title", "language", "published", "source", "url", "byline", "story_id", "text",
                   "captions", "credits"]
STORY_COLUMNS = ["id", "title", "size", "languages", "sources", "first_published", "last_published", "article_ids"]
EVENT_COLUMNS = ["id", "story_id", "date", "date_precision", "type", "mode", "context", "cameo", "quad_class",
                 "goldstein", "source_entity_id", "source_name", "source_text", "source_country", "source_code",
                 "source_sector", "target_entity_id", "target_name", "target_text", "target_country", "target_code",
                 "target_sector", "location",
                 "location_country", "negated", "future", "hypothetical", "confidence", "mentions", "articles",
                 "languages", "first_seen", "last_seen", "source_url"]
MENTION_COLUMNS = ["id", "event_id", "story_id", "article_id", "language", "sentence", "sentence_start",
                   "sentence_end", "sentence_text", "outlet", "type", "mode", "trigger", "trigger_start", "trigger_end", "source_text",
                   "source_code", "target_text", "target_code", "date", "date_precision", "negated", "future",
                   "confidence", "url"]
# GDELT 2.0 event table columns tidings can fill (same names and order, unknowns empty), then PLOVER's
GDELT_COLUMNS = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
                 "Actor1CountryCode", "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode",
                 "Actor2Type1Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                 "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "ActionGeo_FullName",
                 "ActionGeo_CountryCode", "DATEADDED", "SOURCEURL", "PLOVERType", "PLOVERMode", "Confidence",
                 "StoryID", "DatePrecision"]
# an event dated to a month or a year only: SQLDATE, MonthYear and FractionDate take the period's first day
# (as ACLED writes a full date with its time_precision), and DatePrecision says which it is, since readers of
# the GDELT format reject a day or month of 00
_PRECISION_BY_DIGITS = {8: "day", 6: "month", 4: "year"}


def _by_id(store: Store, sql: str) -> Iterator[dict]:
    """Rows of `sql` (which pages with `id > ?` ... `LIMIT ?`) CHUNK at a time, in id order, as dicts:
    a big table is never read into memory at once."""
    last = 0
    while True:
        rows = store.query(sql, (last, CHUNK))
        if not rows:
            return
        yield from (dict(row) for row in rows)
        last = rows[-1]["id"]


def _articles(store: Store) -> Iterator[dict]:
    for item in _by_id(store, "SELECT id, title, language, published, source, url, byline, story_id, text, metadata"
                              " FROM articles WHERE id > ? ORDER BY id LIMIT ?"):
        metadata = json.loads(item.pop("metadata"))
        item["captions"] = metadata.get("captions", [])
        item["credits"] = metadata.get("credits", []) + metadata.get("photo_credits", [])
        yield item


def _stories(store: Store) -> Iterator[dict]:
    members: dict[int, list[int]] = {}
    outlets: dict[int, set[str]] = {}
    for r in store.query("SELECT story_id, id, source FROM articles WHERE story_id IS NOT NULL ORDER BY id"):
        members.setdefault(r[0], []).append(r[1])
        if r[2]:
            outlets.setdefault(r[0], set()).add(r[2])
    for row in store.query("SELECT id, title, size, languages, first_published, last_published FROM stories ORDER BY id"):
        item = dict(row)
        item["languages"] = json.loads(item["languages"])
        item["article_ids"] = members.get(item["id"], [])
        item["sources"] = sorted(outlets.get(item["id"], ()))  # the outlets, as `tidings stories --json` lists them
        yield item


def _events(store: Store) -> Iterator[dict]:
    """Events as the API lists them: an actor's `name` is its entity's canonical name where it was
    resolved (Xi Jinping for 习近平 and Си Цзиньпин, so that one actor is one name across languages),
    `text` the words of the first report."""
    for item in _by_id(store, "SELECT ev.*, se.name AS source_entity_name, te.name AS target_entity_name,"
                              " (SELECT a.url FROM event_mentions m JOIN articles a ON a.id = m.article_id"
                              " WHERE m.event_id = ev.id ORDER BY m.id LIMIT 1) AS source_url FROM events ev"
                              " LEFT JOIN entities se ON se.id = ev.source_entity_id"
                              " LEFT JOIN entities te ON te.id = ev.target_entity_id"
                              " WHERE ev.id > ? ORDER BY ev.id LIMIT ?"):
        item["languages"] = json.loads(item["languages"])
        for side in ("source", "target"):
            item[f"{side}_text"] = item[f"{side}_name"]
            item[f"{side}_name"] = item.pop(f"{side}_entity_name") or item[f"{side}_name"]
        yield item


def _mentions(store: Store) -> Iterator[dict]:
    # the sentence that reports the event, as /api/events/{id} quotes it (`sentence` is its index)
    for item in _by_id(store, "SELECT m.*, a.url, a.source AS outlet, substr(a.text, m.sentence_start + 1,"
                              " m.sentence_end - m.sentence_start) AS sentence_text FROM event_mentions m"
                              " JOIN articles a ON a.id = m.article_id WHERE m.id > ? ORDER BY m.id LIMIT ?"):
        for side in ("source", "target"):
            actor = json.loads(item.pop(side)) if item.get(side) else {}
            item[f"{side}_text"], item[f"{side}_code"] = actor.get("text"), actor.get("code")
        yield item


def gdelt_row(event: dict) -> dict:
    """One event as a GDELT 2.0 event-table row (CAMEO root codes; actor codes are ISO alpha-3 or IGO)."""
    day = (event.get("date") or "").split("/")[0]
    digits = day.replace("-", "")
    precision = _PRECISION_BY_DIGITS.get(len(digits), "") if digits.isdigit() else ""
    digits = (digits + "0101"[len(digits) - 4:]) if precision else ""  # '202512' -> '20251201'
    first_day = f"{digits[:4]}-{digits[4:6]}-{digits[6:]}" if digits else ""
    return {
        "GLOBALEVENTID": event["id"], "SQLDATE": digits, "MonthYear": digits[:6], "Year": digits[:4],
        "FractionDate": _fraction(first_day), "Actor1Code": event.get("source_code") or "",
        "Actor1Name": (event.get("source_name") or "").upper(), "Actor1CountryCode": _country3(event.get("source_code")),
        "Actor1Type1Code": event.get("source_sector") or "", "Actor2Code": event.get("target_code") or "",
        "Actor2Name": (event.get("target_name") or "").upper(), "Actor2CountryCode": _country3(event.get("target_code")),
        "Actor2Type1Code": event.get("target_sector") or "", "IsRootEvent": 1, "EventCode": event["cameo"],
        "EventBaseCode": event["cameo"], "EventRootCode": event["cameo"], "QuadClass": event["quad_class"],
        "GoldsteinScale": event["goldstein"], "NumMentions": event["mentions"], "NumSources": event["articles"],
        "NumArticles": event["articles"], "ActionGeo_FullName": event.get("location") or "",
        "ActionGeo_CountryCode": event.get("location_country") or "",
        "DATEADDED": _timestamp14(event.get("first_seen")),
        "SOURCEURL": event.get("source_url") or "", "PLOVERType": event["type"], "PLOVERMode": event.get("mode") or "",
        "Confidence": event["confidence"], "StoryID": event.get("story_id") or "",
        "DatePrecision": precision}


def _timestamp14(value: str | None) -> str:
    """GDELT's YYYYMMDDHHMMSS, always 14 digits (a day alone was written as 8, which readers of the
    GDELT format do not parse): '2025-10-13' -> '20251013000000'."""
    digits = "".join(ch for ch in (value or "")[:19] if ch.isdigit())[:14]
    return digits.ljust(14, "0") if digits else ""


def _country3(code: str | None) -> str:
    return code if code and code != "IGO" else ""


def _fraction(day: str) -> str:
    try:
        from datetime import date

        parsed = date.fromisoformat(day)
        return f"{parsed.year + (parsed.timetuple().tm_yday - 1) / 365:.4f}"
    except ValueError:
        return ""


def _gdelt(rows: Iterator[dict], columns: list[str], path: Path) -> int:
    count = 0
    handle = _open(path)
    try:
        writer = csv.DictWriter(handle, fieldnames=GDELT_COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: str(v).replace("\t", " ").replace("\n", " ") for k, v in gdelt_row(row).items()})
            count += 1
    finally:
        _close(handle)
    return count


TABLE_READERS = {"articles": (_articles, ARTICLE_COLUMNS), "stories": (_stories, STORY_COLUMNS),
                 "events": (_events, EVENT_COLUMNS), "mentions": (_mentions, MENTION_COLUMNS)}


def export(store: Store, path: Path, *, fmt: str = "jsonl", what: str = "articles") -> int:
    """Write the table to `path`; returns the number of rows. `-` writes JSONL/CSV/TSV to stdout."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if what not in TABLE_READERS:
        raise ValueError(f"unknown table {what!r}; choose one of {', '.join(TABLES)}")
    if fmt == "gdelt" and what != "events":
        raise ValueError("the GDELT-like table is a table of events: use --what events")
    rows, columns = TABLE_READERS[what]
    return {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet, "gdelt": _gdelt}[fmt](rows(store), columns, path)


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

    integers = ("event_id", "article_id", "source_entity_id", "target_entity_id", "quad_class", "mentions", "articles",
                "sentence", "sentence_start", "sentence_end", "trigger_start", "trigger_end", "negated", "future",
                "hypothetical")
    floats = ("goldstein", "confidence")
    types = {**{c: pa.int64() for c in integers}, **{c: pa.float64() for c in floats},
             "id": pa.int64(), "story_id": pa.int64(), "size": pa.int64(),
             "captions": pa.list_(pa.string()), "credits": pa.list_(pa.string()),
             "languages": pa.list_(pa.string()), "sources": pa.list_(pa.string()),
             "article_ids": pa.list_(pa.int64())}
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
