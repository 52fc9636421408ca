"""Copy a SQLite store (for example the 100,000-article store of bench/fill_sql.py) into an empty
PostgreSQL database, table by table with COPY, so that search and browsing can be measured on the
same data on both engines without pushing 100,000 articles through the pipeline again.

    python bench/copy_to_postgres.py var/ui-100k.db postgresql://tidings@127.0.0.1:55432/ui100k

The target is migrated by `open_store` first; tables are copied in the order of their foreign keys,
the full-text index is computed by PostgreSQL from the titles and bodies of SQLite's FTS5 table (since
migration 0009 the PostgreSQL table holds the tsvector only), and id sequences are moved past the copied
ids so that later writes do not collide.
"""
from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from tidings.store import open_store
from tidings.store.postgres import PostgresStore

# parents before children; the rest of the store is empty in a filled benchmark store
TABLES = ("raw_articles", "stories", "articles", "sentences", "mentions", "date_mentions", "embeddings",
          "minhashes", "articles_fts", "entities", "entity_aliases", "event_mentions", "events")


def sqlite_columns(source: sqlite3.Connection, table: str) -> list[str]:
    if table == "articles_fts":  # an FTS5 table: its row id is the article's id
        return ["rowid", "title", "body"]
    return [row[1] for row in source.execute(f"PRAGMA table_info({table})")]


def copy_table(source: sqlite3.Connection, raw, table: str) -> int:
    columns = sqlite_columns(source, table)
    target = "fts_copy" if table == "articles_fts" else table
    if table == "articles_fts":  # titles and bodies to a scratch table; their tsvectors go to the index
        raw.execute("CREATE TEMP TABLE fts_copy (rowid BIGINT, title TEXT, body TEXT) ON COMMIT DROP")
    quoted = ", ".join(f'"{c}"' for c in columns)
    count = 0
    with raw.cursor() as cursor, cursor.copy(f"COPY {target} ({quoted}) FROM STDIN") as copy:
        for row in source.execute(f"SELECT {', '.join(columns)} FROM {table}"):
            copy.write_row(row)
            count += 1
    if table == "articles_fts":
        vector = PostgresStore.FTS_VECTOR.format(title="COALESCE(title, '')", body="COALESCE(body, '')")
        raw.execute(f"INSERT INTO articles_fts(rowid, tsv) SELECT rowid, {vector} FROM fts_copy")
    return count


def copy_store(sqlite_path: Path, url: str) -> dict[str, int]:
    """Copy the SQLite store at `sqlite_path` into the empty PostgreSQL database at `url`; rows per table."""
    source = sqlite3.connect(sqlite_path)
    store = open_store(url)
    raw = store.conn.raw
    if store.query("SELECT COUNT(*) FROM articles")[0][0]:
        raise SystemExit("the target database already has articles")
    counts = {}
    # foreign keys are checked at the end of the transaction, not row by row (stories point to articles)
    raw.execute("SET session_replication_role = replica")
    with raw.transaction():
        for table in TABLES:
            started = time.perf_counter()
            counts[table] = copy_table(source, raw, table)
            print(f"{table}: {counts[table]:,} rows in {time.perf_counter() - started:.1f} s", flush=True)
    # identity columns continue after the copied ids (the store's own step after an import: the
    # `nextval` defaults this script looked for are identities here, and an ingest into a copied
    # store failed on raw_articles id 1)
    with store.transaction() as conn:
        store.reset_ids(conn)
    raw.execute("SET session_replication_role = DEFAULT")
    raw.execute("ANALYZE")
    store.close_all()
    source.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sqlite", type=Path)
    parser.add_argument("postgres", help="URL of an empty PostgreSQL database")
    args = parser.parse_args()
    copy_store(args.sqlite, args.postgres)
    print("done", flush=True)


if __name__ == "__main__":
    main()
