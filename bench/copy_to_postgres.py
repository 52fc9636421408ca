"""Copy a SQLite store (for example the 100,000-article store of bench/fill_sql.py) into an empty
PostgreSQL database, table by table with COPY, so that search and browsing can be measured on the
same data on both engines without pushing 100,000 articles through the pipeline again.

    python bench/copy_to_postgres.py var/ui-100k.db postgresql://tidings@127.0.0.1:55432/ui100k

The target is migrated by `open_store` first; tables are copied in the order of their foreign keys,
generated columns (the full-text tsvector) are computed by PostgreSQL, and id sequences are moved
past the copied ids so that later writes do not collide.
"""
from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from tidings.store import open_store

# parents before children; the rest of the store is empty in a filled benchmark store
TABLES = ("raw_articles", "stories", "articles", "sentences", "mentions", "date_mentions", "embeddings",
          "minhashes", "articles_fts", "entities", "entity_aliases", "event_mentions", "events")


def sqlite_columns(source: sqlite3.Connection, table: str) -> list[str]:
    if table == "articles_fts":  # an FTS5 table: its row id is the article's id
        return ["rowid", "title", "body"]
    return [row[1] for row in source.execute(f"PRAGMA table_info({table})")]


def copy_table(source: sqlite3.Connection, raw, table: str) -> int:
    columns = sqlite_columns(source, table)
    quoted = ", ".join(f'"{c}"' for c in columns)
    count = 0
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
        for row in source.execute(f"SELECT {', '.join(columns)} FROM {table}"):
            copy.write_row(row)
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sqlite", type=Path)
    parser.add_argument("postgres", help="URL of an empty PostgreSQL database")
    args = parser.parse_args()
    source = sqlite3.connect(args.sqlite)
    store = open_store(args.postgres)
    raw = store.conn.raw
    if store.query("SELECT COUNT(*) FROM articles")[0][0]:
        raise SystemExit("the target database already has articles")
    # foreign keys are checked at the end of the transaction, not row by row (stories point to articles)
    raw.execute("SET session_replication_role = replica")
    with raw.transaction():
        for table in TABLES:
            started = time.perf_counter()
            count = copy_table(source, raw, table)
            print(f"{table}: {count:,} rows in {time.perf_counter() - started:.1f} s", flush=True)
    # identity columns continue after the copied ids (the store's own step after an import: the
    # `nextval` defaults this script looked for are identities here, and an ingest into a copied
    # store failed on raw_articles id 1)
    with store.transaction() as conn:
        store.reset_ids(conn)
    raw.execute("SET session_replication_role = DEFAULT")
    raw.execute("ANALYZE")
    print("done", flush=True)


if __name__ == "__main__":
    main()
