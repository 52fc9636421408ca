"""The embedded store: SQLite in WAL mode, versioned migrations, FTS5 full-text search.

One `Store` per process. Each thread gets its own connection (SQLite connections are not
shareable across threads), so the web server can read while an ingest writes.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from ..model import Article, RawArticle, statement_vector_key
from ..textutil import search_form

SCHEMA_TABLE = "schema_migrations"
FTS_RANKED = 5000  # keyword search ranks at most this many (the most recently stored) matches


def _migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every bundled migration, in order."""
    folder = resources.files("tidings.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            found.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def sqlite_path(url: str) -> str:
    """`sqlite:///abs/path.db`, `sqlite:///:memory:` or a plain path -> filesystem path."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):] or ":memory:"
    if url.startswith("sqlite://"):
        return url[len("sqlite://"):] or ":memory:"
    if "://" in url:
        raise ValueError(f"unsupported store URL {url!r}: use sqlite:///path/to.db")
    return url


def _blob(vector: np.ndarray | None) -> bytes | None:
    return None if vector is None else np.asarray(vector, dtype=np.float32).tobytes()


def _vector(blob: bytes | None) -> np.ndarray | None:
    return None if blob is None else np.frombuffer(blob, dtype=np.float32)


class Store:
    dialect = "sqlite"
    has_pgvector = False  # vectors are searched in memory (query.Explorer)

    # an article's row of the full-text index: (id, title, text as fts_row gives them)
    FTS_INSERT = "INSERT INTO articles_fts(rowid, title, body) VALUES (?,?,?)"

    def __init__(self, url: str):
        self.url = url
        self.path = sqlite_path(url)
        if self.path != ":memory:":
            Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self.migrate()

    # -- connections and transactions -------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL survives process kills
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=30000")
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing: a crash inside leaves the store as it was before."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def close_all(self) -> None:
        self.close()

    # -- concurrent writers (the PostgreSQL store locks and counts; SQLite's write lock does both) --
    def lock_placement(self, conn) -> None:
        """`BEGIN IMMEDIATE` already made this transaction the only writer."""

    def state_version(self, conn=None) -> int:
        """Changes when another connection commits (`PRAGMA data_version`)."""
        return (conn or self.conn).execute("PRAGMA data_version").fetchone()[0]

    def bump_state_version(self, conn) -> int:
        """The version this writer leaves behind: its own commits do not move data_version."""
        return self.state_version(conn)

    def reset_ids(self, conn) -> None:
        """INTEGER PRIMARY KEY continues after the largest id by itself."""

    def table_exists(self, name: str) -> bool:
        return bool(self.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone())

    def migrations(self) -> list[tuple[int, str, str]]:
        return _migrations()

    def stamp(self) -> tuple:
        """Changes whenever a write is committed (the database and its WAL file's size and time),
        for caches of what is read. Costs two stat() calls; an in-memory store has no cache."""
        if self.path == ":memory:":
            return (object(),)
        found = []
        for path in (self.path, self.path + "-wal"):
            try:
                info = os.stat(path)
                found += [info.st_mtime_ns, info.st_size]
            except FileNotFoundError:
                found += [0, 0]
        return tuple(found)

    # -- migrations -------------------------------------------------------------------
    def schema_version(self) -> int:
        row = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name=?", (SCHEMA_TABLE,)
        ).fetchone()
        if row is None:
            return 0
        return self.conn.execute(f"SELECT COALESCE(MAX(version), 0) FROM {SCHEMA_TABLE}").fetchone()[0]

    def applied_migrations(self) -> set[int]:
        return {r[0] for r in self.conn.execute(f"SELECT version FROM {SCHEMA_TABLE}")}

    def migrate(self) -> list[str]:
        """Apply every bundled migration the store has not recorded, in order, each in its own
        transaction. By set, not by "newer than the highest": migrations are numbered by feature and
        merged in any order, so a store made by a release with 0001 and 0003 still gets 0002 later
        (the store of commit 3d9eb8b did; tests/fixtures/stores keeps one)."""
        applied = []
        conn = self.conn
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {SCHEMA_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
        )
        done = self.applied_migrations()
        for version, name, sql in _migrations():
            if version in done:
                continue
            with self.transaction() as tx:
                for statement in _split_sql(sql):
                    tx.execute(statement)
                tx.execute(f"INSERT INTO {SCHEMA_TABLE}(version, name) VALUES (?, ?)", (version, name))
            applied.append(name)
        return applied

    # -- raw input --------------------------------------------------------------------
    def add_raw(self, raw: RawArticle, sha256: str) -> tuple[int, str]:
        """Store raw input once; returns (id, status). A known item returns its existing row, also
        when another process inserts the same item between our look-up and our insert."""
        conn = self.conn
        row = conn.execute("SELECT id, status FROM raw_articles WHERE sha256=?", (sha256,)).fetchone()
        if row:
            return row["id"], row["status"]
        cur = conn.execute(
            "INSERT OR IGNORE INTO raw_articles(locator, format, content, meta, sha256) VALUES (?,?,?,?,?)",
            (raw.locator, raw.format, raw.content, json.dumps(raw.meta, ensure_ascii=False), sha256),
        )
        if cur.rowcount == 1:
            return cur.lastrowid, "pending"
        row = conn.execute("SELECT id, status FROM raw_articles WHERE sha256=?", (sha256,)).fetchone()
        return row["id"], row["status"]

    def raw(self, raw_id: int) -> RawArticle:
        row = self.conn.execute("SELECT * FROM raw_articles WHERE id=?", (raw_id,)).fetchone()
        if row is None:
            raise KeyError(raw_id)
        return RawArticle(row["locator"], row["format"], row["content"], json.loads(row["meta"]), row["id"])

    def raw_ids(self, status: str | None = None) -> list[int]:
        if status is None:
            rows = self.conn.execute("SELECT id FROM raw_articles ORDER BY id")
        else:
            rows = self.conn.execute("SELECT id FROM raw_articles WHERE status=? ORDER BY id", (status,))
        return [r[0] for r in rows]

    def mark_raw(self, conn: sqlite3.Connection, raw_id: int, status: str, *, error: str | None = None,
                 duplicate_of: int | None = None) -> None:
        conn.execute(
            "UPDATE raw_articles SET status=?, error=?, duplicate_of=? WHERE id=?",
            (status, error, duplicate_of, raw_id),
        )

    def add_error(self, locator: str, reason: str) -> None:
        self.conn.execute("INSERT INTO ingest_errors(locator, reason) VALUES (?, ?)", (locator, reason))

    def errors(self, limit: int = 100) -> list[dict]:
        rows = self.conn.execute("SELECT * FROM ingest_errors ORDER BY id DESC LIMIT ?", (limit,))
        return [dict(r) for r in rows]

    # -- duplicates -------------------------------------------------------------------
    def article_by_hash(self, text_hash: str) -> int | None:
        row = self.conn.execute("SELECT id FROM articles WHERE text_hash=?", (text_hash,)).fetchone()
        return row[0] if row else None

    def article_by_url(self, url: str) -> int | None:
        row = self.conn.execute("SELECT id FROM articles WHERE url=? LIMIT 1", (url,)).fetchone()
        return row[0] if row else None

    def minhashes(self) -> Iterator[tuple[int, bytes]]:
        yield from self.conn.execute("SELECT article_id, signature FROM minhashes")

    # -- articles ---------------------------------------------------------------------
    def save_article(self, conn: sqlite3.Connection, article: Article, *, model: str,
                     signature: bytes | None, centrality: float | None) -> None:
        """Write a read article and all its parts (inside the caller's transaction)."""
        conn.execute(
            "INSERT INTO articles(id, url, title, text, language, language_score, published,"
            " published_precision, source, byline, metadata, text_hash, story_id, centrality,"
            " pipeline_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article.id, article.url, article.title, article.text, article.language,
             article.language_score, article.published, article.published_precision, article.source,
             article.byline, json.dumps(article.metadata, ensure_ascii=False), article.text_hash,
             article.story_id, centrality, article.pipeline_version),
        )
        conn.executemany(
            'INSERT INTO sentences(article_id, idx, start, "end") VALUES (?,?,?,?)',
            [(article.id, i, s.start, s.end) for i, s in enumerate(article.sentences)],
        )
        conn.executemany(
            'INSERT INTO mentions(article_id, sentence, start, "end", text, type, key, country, role, entity_id,'
            " part, caption) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            # in list order, so ids follow it: an event's actor points into the list by index
            [(article.id, m.sentence, m.start, m.end, m.text, m.type, m.key, m.country, m.role, m.entity_id,
              m.part, m.caption) for m in article.mentions],
        )
        conn.executemany(
            'INSERT INTO date_mentions(article_id, sentence, start, "end", text, value, precision)'
            " VALUES (?,?,?,?,?,?,?)",
            [(article.id, d.sentence, d.start, d.end, d.text, d.value, d.precision) for d in article.dates],
        )
        if article.embedding is not None:
            conn.execute("INSERT INTO embeddings(article_id, model, vector) VALUES (?,?,?)",
                         (article.id, model, _blob(article.embedding)))
        if article.statement_vectors:  # embedded at ingest (TIDINGS_STATEMENT_VECTORS=ingest)
            conn.executemany("INSERT INTO statement_vectors(article_id, idx, model, vector) VALUES (?,?,?,?)",
                             [(article.id, i, statement_vector_key(model), _blob(v))
                              for i, v in article.statement_vectors.items()])
        if signature is not None:
            conn.execute("INSERT INTO minhashes(article_id, signature) VALUES (?,?)", (article.id, signature))
        conn.execute(self.FTS_INSERT, (article.id, *self.fts_row(article.title, article.text)))

    def fts_row(self, title: str, text: str) -> tuple[str, str]:
        """Title and text as the full-text index stores them."""
        return search_form(title), search_form(text)

    def delete_derived(self, conn: sqlite3.Connection) -> None:
        """Drop everything computed from raw input (for a full re-processing)."""
        for table in ("events", "event_mentions", "articles_fts", "embeddings", "minhashes", "mentions",
                      "date_mentions", "sentences"):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("UPDATE raw_articles SET status='pending', duplicate_of=NULL, error=NULL")
        conn.execute("DELETE FROM articles")
        conn.execute("DELETE FROM stories")
        # the alias registry keeps what people decided (user and imported aliases, named entities)
        conn.execute("DELETE FROM entity_aliases WHERE origin = 'auto'")
        conn.execute("DELETE FROM entities WHERE locked = 0 AND id NOT IN (SELECT entity_id FROM entity_aliases)")
        conn.execute("UPDATE entities SET mentions = 0")
        conn.execute("UPDATE entity_aliases SET mentions = 0")

    # -- stories ----------------------------------------------------------------------
    def save_story(self, conn: sqlite3.Connection, story: dict[str, Any]) -> int:
        values = (story["title"], story["central_article_id"], story["size"],
                  json.dumps(story["languages"]), json.dumps(story["language_counts"]),
                  story["central_score"], story["first_published"], story["last_published"],
                  _blob(story["centroid"]), json.dumps(story["keys"], ensure_ascii=False))
        if story.get("id") is None:
            cur = conn.execute(
                "INSERT INTO stories(title, central_article_id, size, languages, language_counts,"
                " central_score, first_published, last_published, centroid, keys)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)", values)
            return cur.lastrowid
        conn.execute(
            "UPDATE stories SET title=?, central_article_id=?, size=?, languages=?, language_counts=?,"
            " central_score=?, first_published=?, last_published=?, centroid=?, keys=?,"
            " updated_at=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id=?", values + (story["id"],))
        return story["id"]

    def story_states(self, since: str | None = None) -> Iterator[dict[str, Any]]:
        """Clustering state of stories active since a date (all when None)."""
        sql = ("SELECT id, title, central_article_id, size, languages, language_counts, central_score,"
               " first_published, last_published, centroid, keys FROM stories")
        args: tuple = ()
        if since is not None:
            sql += " WHERE last_published IS NULL OR last_published >= ?"
            args = (since,)
        for row in self.conn.execute(sql, args):
            state = dict(row)
            state["languages"] = json.loads(state["languages"])
            state["keys"] = json.loads(state["keys"])
            state["language_counts"] = json.loads(state["language_counts"])
            state["centroid"] = _vector(state["centroid"]).copy()
            yield state

    def key_frequencies(self) -> tuple[dict[str, int], int]:
        """In how many articles each name/place key occurs, and the number of articles."""
        # the body's names only, as `stories.cluster.article_keys` reads them
        rows = self.conn.execute("SELECT key, COUNT(DISTINCT article_id) FROM mentions WHERE part = 'body' GROUP BY key")
        frequencies = {r[0]: r[1] for r in rows}
        for value, count in self.conn.execute(
                "SELECT value, COUNT(DISTINCT article_id) FROM date_mentions WHERE precision='day' GROUP BY value"):
            frequencies[f"D:{value}"] = count
        return frequencies, self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def article_vectors(self, ids: list[int] | None = None) -> tuple[list[int], np.ndarray]:
        if ids is None:
            rows = self.conn.execute("SELECT article_id, vector FROM embeddings ORDER BY article_id").fetchall()
        else:
            marks = ",".join("?" * len(ids))
            rows = self.conn.execute(
                f"SELECT article_id, vector FROM embeddings WHERE article_id IN ({marks})", ids).fetchall()
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        return [r[0] for r in rows], np.vstack([_vector(r[1]) for r in rows])

    # -- reading for CLI / API --------------------------------------------------------
    def counts(self) -> dict[str, int]:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one("SELECT COUNT(*) FROM articles"),
            "stories": one("SELECT COUNT(*) FROM stories"),
            "raw": one("SELECT COUNT(*) FROM raw_articles"),
            "duplicates": one("SELECT COUNT(*) FROM raw_articles WHERE status='duplicate'"),
            "failed": one("SELECT COUNT(*) FROM raw_articles WHERE status='failed'"),
            "pending": one("SELECT COUNT(*) FROM raw_articles WHERE status='pending'"),
            "errors": one("SELECT COUNT(*) FROM ingest_errors"),
        }

    def query(self, sql: str, args: tuple | list = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, args).fetchall()

    def fts_search(self, match: str, limit: int) -> list[tuple[int, float]]:
        """The best `limit` matches by BM25 among the FTS_RANKED most recently stored matches: a word
        in most articles ("said", or a name every article of a big story repeats) would otherwise
        rank tens of thousands of rows per query; finding where the newest FTS_RANKED end costs
        only a walk of the index in row order (relevance among fewer, newer articles)."""
        floor = self.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC"
                                  " LIMIT 1 OFFSET ?", (match, FTS_RANKED)).fetchone()
        rows = self.conn.execute(
            "SELECT rowid, bm25(articles_fts, 3.0, 1.0) AS score FROM articles_fts WHERE articles_fts MATCH ?"
            " AND rowid > ? ORDER BY score LIMIT ?", (match, floor[0] if floor else 0, limit)).fetchall()
        return [(r[0], -r[1]) for r in rows]


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (sqlite3.complete_statement knows about triggers)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if not buffer and line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
