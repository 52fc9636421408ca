"""The shared store: PostgreSQL behind `--db postgresql://...`, with the SQLite store's public methods.

`PostgresStore` subclasses the SQLite `Store`: its methods run their SQL through `PgConnection`,
a small wrapper with sqlite3's calling convention (`execute(sql, args)` with `?` placeholders,
rows indexable by position and by name, `cursor.lastrowid`) that translates the few dialect
differences (`store/dialect.py`). Only what differs in meaning is overridden here: migrations
(`store/migrations_pg/`, same numbers and meaning as `store/migrations/`), transactions, raw input
arriving from several writers at once, the full-text index (tsvector, 'simple' configuration) and
the change stamps that caches and concurrent writers rely on.

Several `tidings ingest` / `watch` processes may write one store at once: raw items are keyed by
a unique hash (`INSERT ... ON CONFLICT DO NOTHING`), each batch is one transaction, and story
placement takes a transaction-level advisory lock, so two writers never build conflicting stories;
a writer that finds another's work since it last looked reloads its story state (`state_version`).
"""
from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator, Sequence

import numpy as np

from ..model import Article, RawArticle
from ..textutil import search_form
from .dialect import Translated, fold_for_search, translate
from .sqlite import SCHEMA_TABLE, Store

log = logging.getLogger("tidings.store")
PLACEMENT_LOCK = 0x7469_6469_6E67  # "tiding": one advisory lock key for story placement


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def pg_migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every PostgreSQL migration, in order."""
    folder = resources.files("tidings.store") / "migrations_pg"
    found = [(int(entry.name.split("_", 1)[0]), entry.name, entry.read_text(encoding="utf-8"))
             for entry in folder.iterdir() if entry.name.endswith(".sql")]
    return sorted(found)


class Row(tuple):
    """A result row like sqlite3.Row: by position, by column name, `keys()`, `dict(row)`."""

    __slots__ = ()
    _index: dict[str, int] = {}
    _names: tuple[str, ...] = ()

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


@lru_cache(maxsize=1024)
def _row_type(names: tuple[str, ...]) -> type:
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)  # like sqlite3.Row: the first of two same-named columns
    return type("Row", (Row,), {"__slots__": (), "_index": index, "_names": names})


def _row_factory(cursor):
    return _row_type(tuple(column.name for column in cursor.description or ()))


def _adapt(args: Sequence[Any] | None, fold: tuple[int, ...]) -> list[Any]:
    """Parameters as PostgreSQL takes them: booleans as the 0/1 SQLite stores, numpy scalars as
    Python numbers, full-text queries folded like the index."""
    values = list(args or ())
    for i, value in enumerate(values):
        if type(value) is bool:
            values[i] = int(value)
        elif isinstance(value, np.generic):
            values[i] = value.item()
    for i in fold:
        if i < len(values) and isinstance(values[i], str):
            values[i] = fold_for_search(values[i])
    return values


class PgCursor:
    """The part of sqlite3.Cursor tidings uses."""

    def __init__(self, cursor, translated: Translated | None):
        self._cursor = cursor
        self.lastrowid: int | None = None
        if translated is not None and translated.returns_id and cursor.description:
            row = cursor.fetchone()
            self.lastrowid = row[0] if row else None

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    def fetchone(self):
        if self._cursor.description is None:
            return None
        return self._cursor.fetchone()

    def fetchall(self) -> list:
        if self._cursor.description is None:
            return []
        return self._cursor.fetchall()

    def __iter__(self):
        return iter(self.fetchall())


BUMP_CHANGES = "UPDATE store_changes SET version = version + 1 WHERE id = 1"


class PgConnection:
    """sqlite3.Connection's calling convention over a psycopg connection (autocommit outside
    `PostgresStore.transaction`).

    Every write moves the store's change counter (`store_changes`, migration 0008): inside a
    transaction once, just before its COMMIT (the counter's row lock is then held for an instant,
    so concurrent writers do not queue behind each other's long batches); outside one, right after
    the write. Either way the counter moves no earlier than the write becomes visible, so a reader
    that saw the old stamp cannot keep what it read before the write under the new one."""

    def __init__(self, raw, tables_with_id: frozenset[str]):
        self.raw = raw
        self.tables_with_id = tables_with_id
        self.in_transaction = False
        self.wrote = False  # inside the transaction: something was written, COMMIT moves the counter

    def execute(self, sql: str, args: Sequence[Any] | None = ()) -> PgCursor:
        translated = translate(sql, self.tables_with_id)
        # keyword queries are never prepared: planned with their words, tidings_tsquery(words) folds
        # to a constant whose frequency the planner knows (migrations_pg/0009); a generic plan of a
        # prepared statement would guess, and call the function once per row
        prepare = False if "tidings_tsquery(" in translated.sql else None
        cursor = PgCursor(self.raw.execute(translated.sql, _adapt(args, translated.fold), prepare=prepare),
                          translated)
        self._count(translated, cursor.rowcount)
        return cursor

    def executemany(self, sql: str, rows) -> None:
        translated = translate(sql, frozenset())  # no RETURNING: executemany has no lastrowid
        rows = [_adapt(row, translated.fold) for row in rows]
        if rows:
            with self.raw.cursor() as cursor:
                cursor.executemany(translated.sql, rows)
            self._count(translated)

    def _count(self, translated: Translated, rowcount: int = -1) -> None:
        """A statement that changed no row (an `INSERT ... ON CONFLICT DO NOTHING` of a known raw
        item, an UPDATE that matched nothing) leaves the counter, and so every cache, alone."""
        if not translated.writes or rowcount == 0:
            return
        if self.in_transaction:
            self.wrote = True
        else:
            self.raw.execute(BUMP_CHANGES)

    def close(self) -> None:
        self.raw.close()


def _numeric_loader():
    """SUM/AVG return `numeric` in PostgreSQL: load it as int or float, as SQLite returns them."""
    from psycopg.adapt import Loader

    class NumericLoader(Loader):
        def load(self, data):
            text = bytes(data).decode("ascii")
            if text.lstrip("-").isdigit():
                return int(text)
            return float(text)

    return NumericLoader


class PostgresStore(Store):
    """The same store on a PostgreSQL server (psycopg 3; `pip install tidings[postgres]`)."""

    dialect = "postgresql"

    def __init__(self, url: str):
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise SystemExit("a postgresql:// store needs psycopg: pip install 'tidings[postgres]'") from exc
        self.url = url
        self.path = url  # what messages show; there is no file
        self._local = threading.local()
        self._tables_with_id: frozenset[str] = frozenset()
        self._all: list = []  # (thread, connection) of every connection opened, closed together by close_all()
        self._all_lock = threading.Lock()
        self.migrate()
        self.has_pgvector = self._check_pgvector()

    # -- connections and transactions -------------------------------------------------
    @property
    def conn(self) -> PgConnection:  # type: ignore[override]
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.raw.closed:
            import psycopg

            raw = psycopg.connect(self.url, autocommit=True, row_factory=_row_factory,
                                  application_name="tidings")
            raw.adapters.register_loader("numeric", _numeric_loader())
            conn = PgConnection(raw, self._tables_with_id)
            self._local.conn = conn
            with self._all_lock:
                self._close_of_ended_threads()
                self._all.append((threading.current_thread(), raw))
        return conn

    def _close_of_ended_threads(self) -> None:
        """Close the connections of threads that have ended: their thread-local slot is gone with them,
        and a process whose threads come and go (a thread per task, a test client's event loop per
        request) would otherwise keep one open connection per thread it ever ran, up to the server's
        max_connections."""
        ended = [(thread, raw) for thread, raw in self._all if not thread.is_alive()]
        for _, raw in ended:
            raw.close()
        self._all = [(thread, raw) for thread, raw in self._all if thread.is_alive()]

    @contextmanager
    def transaction(self) -> Iterator[PgConnection]:  # type: ignore[override]
        """All-or-nothing, like the SQLite store's `BEGIN IMMEDIATE ... COMMIT`."""
        conn = self.conn
        conn.raw.execute("BEGIN")
        conn.in_transaction, conn.wrote = True, False
        try:
            yield conn
            if conn.wrote:
                conn.raw.execute(BUMP_CHANGES)
        except BaseException:
            if not conn.raw.closed:
                conn.raw.execute("ROLLBACK")
            raise
        else:
            conn.raw.execute("COMMIT")
        finally:
            conn.in_transaction = conn.wrote = False

    def close_all(self) -> None:
        """Close the connections of every thread (tests drop the database afterwards)."""
        self.close()
        with self._all_lock:
            for _, raw in self._all:
                raw.close()
            self._all.clear()

    def stamp(self) -> tuple:
        """Changes whenever a write to this store is committed, by any process (`store_changes`,
        moved by `PgConnection`): one cheap query, for caches of what is read. Not the server's
        write-ahead-log position, which writes to other databases and autovacuum move too."""
        return (self.conn.execute("SELECT version FROM store_changes WHERE id = 1").fetchone()[0],)

    # -- concurrent writers -----------------------------------------------------------
    def lock_placement(self, conn) -> None:
        """Held until the transaction ends: one writer at a time places articles into stories."""
        conn.execute("SELECT pg_advisory_xact_lock(?)", (PLACEMENT_LOCK,))

    def state_version(self, conn=None) -> int:
        """A counter every writer of stories and articles moves (`bump_state_version`)."""
        return (conn or self.conn).execute("SELECT version FROM store_state WHERE id = 1").fetchone()[0]

    def bump_state_version(self, conn) -> int:
        """Inside the writer's transaction; returns the version this writer leaves behind."""
        return conn.execute("UPDATE store_state SET version = version + 1 WHERE id = 1 RETURNING version").fetchone()[0]

    # -- schema -----------------------------------------------------------------------
    def table_exists(self, name: str) -> bool:
        return self.conn.execute("SELECT to_regclass(?) IS NOT NULL", (name,)).fetchone()[0]

    def schema_version(self) -> int:
        if not self.table_exists(SCHEMA_TABLE):
            return 0
        return self.conn.execute(f"SELECT COALESCE(MAX(version), 0) FROM {SCHEMA_TABLE}").fetchone()[0]

    def migrations(self) -> list[tuple[int, str, str]]:
        return pg_migrations()

    def migrate(self) -> list[str]:
        """Apply every migration the store has not recorded, each in its own transaction. An advisory
        lock makes two processes opening a new store at once apply them once."""
        applied = []
        raw = self.conn.raw
        with raw.transaction():
            raw.execute("SELECT pg_advisory_xact_lock(%s)", (PLACEMENT_LOCK + 1,))
            raw.execute(f"CREATE TABLE IF NOT EXISTS {SCHEMA_TABLE} (version INTEGER PRIMARY KEY,"
                        " name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT"
                        " (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')))")
            # every migration not yet recorded (numbers are reserved per feature: see store/sqlite.py)
            done = {row[0] for row in raw.execute(f"SELECT version FROM {SCHEMA_TABLE}").fetchall()}
            for version, name, sql in pg_migrations():
                if version in done:
                    continue
                with raw.transaction():  # a savepoint: each migration all or nothing
                    raw.execute(sql)
                    raw.execute(f"INSERT INTO {SCHEMA_TABLE}(version, name) VALUES (%s, %s)", (version, name))
                applied.append(name)
        self._load_tables_with_id()
        return applied

    def _load_tables_with_id(self) -> None:
        rows = self.conn.raw.execute(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND column_name = 'id'").fetchall()
        self._tables_with_id = frozenset(r[0] for r in rows)
        self.conn.tables_with_id = self._tables_with_id

    def reset_ids(self, conn) -> None:
        """Identity columns continue after the largest id (after rows inserted with explicit ids,
        or emptied tables): what SQLite's INTEGER PRIMARY KEY does by itself."""
        rows = conn.execute(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND column_name = 'id' AND is_identity = 'YES'").fetchall()
        for (table,) in rows:
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                         f" COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)")

    def _check_pgvector(self) -> bool:
        row = self.conn.execute(
            "SELECT installed_version IS NOT NULL, TRUE FROM pg_available_extensions WHERE name = 'vector'").fetchone()
        if row is None:
            log.info("pgvector is not available on this PostgreSQL server: semantic search keeps the"
                     " article vectors in memory (install the extension to search them in the server)")
            return False
        # on the raw connection: these run at every start, and the schema they check is usually
        # there already; through `conn` they would move the change counter and drop readers' caches
        if not row[0]:
            try:
                self.conn.raw.execute("CREATE EXTENSION IF NOT EXISTS vector")
            except Exception as exc:  # noqa: BLE001 - no privilege: the in-memory search still works
                log.info("pgvector is available but could not be enabled (%s): semantic search keeps the"
                         " article vectors in memory", exc)
                return False
        try:
            self.conn.raw.execute("ALTER TABLE embeddings ADD COLUMN IF NOT EXISTS vec vector")
        except Exception as exc:  # noqa: BLE001
            log.info("pgvector column could not be added (%s): vectors stay in memory", exc)
            return False
        log.info("pgvector present: semantic search runs in the server")
        return True

    # -- raw input --------------------------------------------------------------------
    def add_raw(self, raw: RawArticle, sha256: str) -> tuple[int, str]:
        """Store raw input once, even when two writers bring the same item at the same moment."""
        import json

        inserted = self.conn.execute(
            "INSERT INTO raw_articles(locator, format, content, meta, sha256) VALUES (?,?,?,?,?)"
            " ON CONFLICT (sha256) DO NOTHING RETURNING id",
            (raw.locator, raw.format, raw.content, json.dumps(raw.meta, ensure_ascii=False), sha256)).fetchone()
        if inserted:
            return inserted[0], "pending"
        row = self.conn.execute("SELECT id, status FROM raw_articles WHERE sha256=?", (sha256,)).fetchone()
        return row["id"], row["status"]

    # -- articles ---------------------------------------------------------------------
    def save_article(self, conn, article: Article, *, model: str, signature: bytes | None,
                     centrality: float | None) -> None:
        super().save_article(conn, article, model=model, signature=signature, centrality=centrality)
        if self.has_pgvector and article.embedding is not None:
            conn.execute("UPDATE embeddings SET vec = ?::vector WHERE article_id = ?",
                         (_vector_text(article.embedding), article.id))

    def fts_row(self, title: str, text: str) -> tuple[str, str]:
        return fold_for_search(search_form(title)), fold_for_search(search_form(text))

    # the index keeps only the tsvector (migrations_pg/0009): the title weighs more, as bm25(3, 1) does
    # an article's tsvector from its title and body (migration 0009; bench/copy_to_postgres.py builds it too)
    FTS_VECTOR = "setweight(to_tsvector('simple', {title}), 'A') || setweight(to_tsvector('simple', {body}), 'B')"
    FTS_INSERT = f"INSERT INTO articles_fts(rowid, tsv) VALUES (?, {FTS_VECTOR.format(title='?', body='?')})"

    def delete_derived(self, conn) -> None:
        super().delete_derived(conn)
        self.reset_ids(conn)

    def fts_search(self, match: str, limit: int) -> list[tuple[int, float]]:
        """The best `limit` matches by ts_rank among the FTS_RANKED most recently stored ones, as on
        SQLite: a word in most articles would otherwise rank (and read the tsvector of) tens of
        thousands of rows per query. The narrow table (migrations_pg/0009) makes finding the newest
        matches a scan of ids, not of texts."""
        from . import sqlite as sqlite_store  # the cap is one setting for both engines

        folded = fold_for_search(match)
        # the newest matches' ids first (sorting ids, not rows), then their rows by primary key
        rows = self.conn.execute(
            "SELECT rowid, ts_rank(tsv, tidings_tsquery(?)) AS score FROM articles_fts WHERE rowid = ANY(ARRAY("
            "SELECT rowid FROM articles_fts WHERE tsv @@ tidings_tsquery(?) ORDER BY rowid DESC LIMIT ?))"
            " ORDER BY score DESC, rowid LIMIT ?", (folded, folded, sqlite_store.FTS_RANKED, limit)).fetchall()
        return [(r[0], float(r[1])) for r in rows]

    def vector_search(self, query: np.ndarray, limit: int) -> list[tuple[int, float]]:
        """Nearest articles by cosine, computed by pgvector in the server."""
        rows = self.conn.execute(
            "SELECT article_id, 1 - (vec <=> ?::vector) AS score FROM embeddings WHERE vec IS NOT NULL"
            " ORDER BY vec <=> ?::vector LIMIT ?", (_vector_text(query), _vector_text(query), limit)).fetchall()
        return [(r[0], float(r[1])) for r in rows]


def _vector_text(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{float(x):.7g}" for x in np.asarray(vector, dtype=np.float32)) + "]"
