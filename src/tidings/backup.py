"""A whole store as one portable file, and back: `tidings export --all` / `tidings import`.

What a store cannot rebuild is written out: the raw input (every item as it arrived), the alias
registry's human decisions (user and imported aliases, named entities), followed sources and
alerts. Everything derived (articles, stories, entities found automatically) is rebuilt on import
by the pipeline, so a dump also moves a store between releases or engines.

Format: gzip-compressed JSON Lines, one record per line, `{"kind": ..., ...}`; raw bytes in base64.
"""
from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path
from typing import Any, Iterator

from .store.sqlite import Store

FORMAT = "tidings-dump/1"
CONFIG_TABLES = ("sources", "alerts")  # settings people made; their fetch state is rebuilt by polling


def _records(store: Store) -> Iterator[dict[str, Any]]:
    yield {"kind": "header", "format": FORMAT, "schema_version": store.schema_version()}
    last = 0
    while True:
        rows = store.query("SELECT id, locator, format, content, meta, status FROM raw_articles WHERE id > ?"
                           " ORDER BY id LIMIT 500", (last,))
        if not rows:
            break
        for r in rows:
            yield {"kind": "raw", "locator": r["locator"], "format": r["format"], "meta": json.loads(r["meta"]),
                   "content": base64.b64encode(r["content"]).decode("ascii")}
        last = rows[-1]["id"]
    for r in store.query("SELECT e.id, e.name, e.type, e.country, e.locked, a.alias, a.language, a.origin"
                         " FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
                         " WHERE a.origin != 'auto' OR e.locked = 1 ORDER BY e.id"):
        yield {"kind": "alias", "entity": r["id"], "name": r["name"], "type": r["type"], "country": r["country"],
               "locked": bool(r["locked"]), "alias": r["alias"], "language": r["language"], "origin": r["origin"]}
    for table in CONFIG_TABLES:
        if store.table_exists(table):
            for r in store.query(f"SELECT * FROM {table} ORDER BY id"):
                yield {"kind": "row", "table": table, "row": dict(r)}


def export_all(store: Store, path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for record in _records(store):
            counts[record["kind"]] = counts.get(record["kind"], 0) + 1
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    counts.pop("header", None)
    return counts


def import_all(store: Store, path: Path, *, pipeline=None) -> dict[str, int]:
    """Load a dump into a store (normally a new one) and rebuild everything derived from it."""
    from .entities import registry
    from .model import RawArticle
    from .pipeline import Pipeline, raw_key

    counts: dict[str, int] = {"raw": 0, "alias": 0, "row": 0}
    entity_ids: dict[int, int] = {}
    pending_aliases = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        first = json.loads(handle.readline() or "{}")
        if first.get("format") != FORMAT:
            raise ValueError(f"{path} is not a tidings dump ({FORMAT})")
        for number, line in enumerate(handle, start=2):
            record = json.loads(line)
            kind = record.get("kind")
            if kind == "raw":
                raw = RawArticle(record["locator"], record["format"], base64.b64decode(record["content"]),
                                 record.get("meta") or {})
                store.add_raw(raw, raw_key(raw))
                counts["raw"] += 1
            elif kind == "alias":
                pending_aliases.append(record)
            elif kind == "row" and record.get("table") in CONFIG_TABLES:
                row = record["row"]
                columns = ", ".join(row)
                with store.transaction() as tx:
                    tx.execute(f"INSERT OR IGNORE INTO {record['table']}({columns}) VALUES"
                               f" ({', '.join('?' * len(row))})", list(row.values()))
                counts["row"] += 1
            else:
                raise ValueError(f"{path}, line {number}: unknown record {kind!r}")
    # people's decisions first, so that the rebuild resolves names the way they were edited
    with store.transaction() as tx:
        for record in pending_aliases:
            if record["entity"] not in entity_ids:
                cur = tx.execute("INSERT INTO entities(name, type, country, key, given_key, locked) VALUES (?,?,?,?,?,?)",
                                 (record["name"], record["type"], record["country"], _key(record), "",
                                  int(record["locked"])))
                entity_ids[record["entity"]] = cur.lastrowid
            registry.add_alias_in(tx, entity_ids[record["entity"]], record["alias"], record["language"] or "",
                                  origin=record["origin"] if record["origin"] != "auto" else "user")
            counts["alias"] += 1
        store.reset_ids(tx)  # sources and alerts came with their ids: new ones continue after them
    (pipeline or Pipeline(store)).process_pending()
    return counts


def _key(record: dict[str, Any]) -> str:
    from .read.names import name_key

    if record["type"] == "LOC" and record.get("country") and record["name"]:
        from .entities.resolve import country_name

        if country_name(record["country"]) == record["name"]:
            return f"C:{record['country']}"
    return f"N:{name_key(record['name'])}"
