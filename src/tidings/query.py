"""The read side: what the CLI, the Python API, the REST API and the pages show.

Every function returns plain JSON-ready dicts, so that each page has a JSON twin for free.
"""
from __future__ import annotations

import json
import threading
from collections import defaultdict
from typing import Any

import numpy as np

from .store.sqlite import Store
from .textutil import fts_query

ARTICLE_FIELDS = "a.id, a.title, a.language, a.published, a.source, a.story_id, a.url, a.byline"


def _article_summary(row) -> dict[str, Any]:
    return {"id": row["id"], "title": row["title"], "language": row["language"], "published": row["published"],
            "source": row["source"], "story_id": row["story_id"], "url": row["url"], "byline": row["byline"]}


class Explorer:
    def __init__(self, store: Store, embedder=None):
        self.store = store
        self._embedder = embedder
        self._vectors: tuple[tuple[int, int], list[int], np.ndarray] | None = None
        self._lock = threading.Lock()

    # -- stories ----------------------------------------------------------------------
    def stories(self, *, limit: int = 50, offset: int = 0, language: str | None = None,
                since: str | None = None, until: str | None = None, min_size: int = 1,
                sort: str = "size", title_language: str | None = None, q: str | None = None) -> list[dict]:
        where, args = ["s.size >= ?"], [min_size]
        if language:
            where.append("EXISTS (SELECT 1 FROM articles x WHERE x.story_id = s.id AND x.language = ?)")
            args.append(language)
        if since:
            where.append("s.last_published >= ?")
            args.append(since)
        if until:
            where.append("s.first_published <= ?")
            args.append(until)
        if q:
            match = fts_query(q)
            if not match:
                return []
            where.append("s.id IN (SELECT a.story_id FROM articles_fts f JOIN articles a ON a.id = f.rowid"
                         " WHERE articles_fts MATCH ?)")
            args.append(match)
        order = {"size": "s.size DESC, s.last_published DESC, s.id",
                 "recent": "s.last_published DESC, s.size DESC, s.id",
                 "id": "s.id"}.get(sort, "s.size DESC, s.id")
        rows = self.store.query(
            f"SELECT s.* FROM stories s WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ? OFFSET ?",
            args + [limit, offset])
        return [self._story_summary(row, title_language) for row in rows]

    def _story_summary(self, row, title_language: str | None) -> dict[str, Any]:
        members = self.store.query(
            "SELECT id, language, source, title, centrality FROM articles WHERE story_id=? ORDER BY published, id",
            (row["id"],))
        title, title_lang = row["title"], None
        central = next((m for m in members if m["id"] == row["central_article_id"]), None)
        if central is not None:
            title_lang = central["language"]
        if title_language:
            own = [m for m in members if m["language"] == title_language]
            if own:
                pick = max(own, key=lambda m: m["centrality"] or -1)
                title, title_lang = pick["title"], title_language
        return {
            "id": row["id"], "title": title, "title_language": title_lang,
            "article_ids": [m["id"] for m in members], "size": row["size"],
            "languages": json.loads(row["languages"]), "language_counts": json.loads(row["language_counts"]),
            "sources": sorted({m["source"] for m in members if m["source"]}),
            "first_published": row["first_published"], "last_published": row["last_published"],
            "central_article_id": row["central_article_id"],
        }

    def story(self, story_id: int, *, title_language: str | None = None) -> dict[str, Any] | None:
        rows = self.store.query("SELECT * FROM stories WHERE id=?", (story_id,))
        if not rows:
            return None
        story = self._story_summary(rows[0], title_language)
        articles = [_article_summary(r) for r in self.store.query(
            f"SELECT {ARTICLE_FIELDS} FROM articles a WHERE a.story_id=? ORDER BY a.published, a.id", (story_id,))]
        by_language: dict[str, list[dict]] = defaultdict(list)
        for article in articles:
            by_language[article["language"]].append(article)
        story["articles"] = articles
        story["articles_by_language"] = dict(sorted(by_language.items(), key=lambda kv: (-len(kv[1]), kv[0])))
        story["names"] = self._story_names(story_id)
        return story

    def _story_names(self, story_id: int, limit: int = 30) -> list[dict[str, Any]]:
        """The names and places the story's articles share most, with their spellings."""
        rows = self.store.query(
            "SELECT m.key, m.type, m.country, m.text, a.language, COUNT(*) AS n, COUNT(DISTINCT a.id) AS articles"
            " FROM mentions m JOIN articles a ON a.id = m.article_id WHERE a.story_id = ?"
            " GROUP BY m.key, m.text, a.language", (story_id,))
        grouped: dict[str, dict[str, Any]] = {}
        for r in rows:
            item = grouped.setdefault(r["key"], {"key": r["key"], "type": r["type"], "country": r["country"],
                                                 "mentions": 0, "spellings": {}})
            item["mentions"] += r["n"]
            item["spellings"].setdefault(r["language"], []).append(r["text"])
        ranked = sorted(grouped.values(), key=lambda g: (-len(g["spellings"]), -g["mentions"]))
        return ranked[:limit]

    # -- articles ---------------------------------------------------------------------
    def articles(self, *, limit: int = 50, offset: int = 0, story_id: int | None = None,
                 language: str | None = None, source: str | None = None) -> list[dict]:
        where, args = [], []
        for column, value in (("a.story_id", story_id), ("a.language", language), ("a.source", source)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self.store.query(
            f"SELECT {ARTICLE_FIELDS} FROM articles a {clause} ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?",
            args + [limit, offset])
        return [_article_summary(r) for r in rows]

    def article(self, article_id: int) -> dict[str, Any] | None:
        rows = self.store.query("SELECT * FROM articles WHERE id=?", (article_id,))
        if not rows:
            return None
        row = rows[0]
        item = _article_summary(row)
        item.update({"text": row["text"], "language_score": row["language_score"],
                     "published_precision": row["published_precision"], "metadata": json.loads(row["metadata"]),
                     "pipeline_version": row["pipeline_version"]})
        text = row["text"]
        item["sentences"] = [{"index": r["idx"], "start": r["start"], "end": r["end"], "text": text[r["start"]:r["end"]]}
                             for r in self.store.query('SELECT idx, start, "end" FROM sentences WHERE article_id=? ORDER BY idx', (article_id,))]
        item["mentions"] = [dict(r) for r in self.store.query(
            'SELECT sentence, start, "end", text, type, key, country, role FROM mentions WHERE article_id=? ORDER BY start', (article_id,))]
        item["dates"] = [dict(r) for r in self.store.query(
            'SELECT sentence, start, "end", text, value, precision FROM date_mentions WHERE article_id=? ORDER BY start', (article_id,))]
        raw = self.store.query("SELECT locator, format, received_at FROM raw_articles WHERE id=?", (article_id,))
        if raw:
            item["raw"] = dict(raw[0])
        item["duplicates"] = [dict(r) for r in self.store.query(
            "SELECT id, locator FROM raw_articles WHERE duplicate_of=?", (article_id,))]
        return item

    # -- search -----------------------------------------------------------------------
    def search(self, q: str, *, mode: str = "hybrid", limit: int = 20, language: str | None = None) -> list[dict]:
        """Keyword (FTS5, BM25), semantic (cross-lingual embedding) or both (reciprocal rank fusion)."""
        if not q.strip():
            return []
        ranked: dict[int, float] = defaultdict(float)
        matched: dict[int, set[str]] = defaultdict(set)
        if mode in ("keyword", "hybrid"):
            match = fts_query(q)
            hits = self.store.fts_search(match, limit * 3) if match else []
            for rank, (article_id, _score) in enumerate(hits):
                ranked[article_id] += 1.0 / (60 + rank)
                matched[article_id].add("keyword")
        if mode in ("semantic", "hybrid"):
            for rank, (article_id, _score) in enumerate(self._semantic(q, limit * 3)):
                ranked[article_id] += 1.0 / (60 + rank)
                matched[article_id].add("semantic")
        if not ranked:
            return []
        ids = sorted(ranked, key=lambda i: -ranked[i])
        marks = ",".join("?" * len(ids))
        rows = {r["id"]: r for r in self.store.query(f"SELECT {ARTICLE_FIELDS} FROM articles a WHERE a.id IN ({marks})", ids)}
        results = []
        for article_id in ids:
            row = rows.get(article_id)
            if row is None or (language and row["language"] != language):
                continue
            item = _article_summary(row)
            item["score"] = round(ranked[article_id], 6)
            item["matched_by"] = sorted(matched[article_id])
            results.append(item)
            if len(results) >= limit:
                break
        return results

    def _semantic(self, q: str, limit: int) -> list[tuple[int, float]]:
        ids, matrix = self._vector_index()
        if not ids:
            return []
        embedder = self._embedder
        if embedder is None:
            from .read.embed import get_embedder

            embedder = self._embedder = get_embedder()
        query = embedder.embed_query(q)
        if query.shape[0] != matrix.shape[1]:
            return []
        scores = matrix @ query
        top = np.argsort(-scores)[:limit]
        return [(ids[i], float(scores[i])) for i in top]

    def _vector_index(self) -> tuple[list[int], np.ndarray]:
        """All article vectors in memory, reloaded only when the store has changed."""
        stamp = tuple(self.store.query("SELECT COUNT(*), COALESCE(MAX(article_id), 0) FROM embeddings")[0])
        with self._lock:
            if self._vectors is None or self._vectors[0] != stamp:
                ids, matrix = self.store.article_vectors()
                self._vectors = (stamp, ids, matrix)
            return self._vectors[1], self._vectors[2]

    # -- overview ---------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        counts = self.store.counts()
        counts["languages"] = {r[0]: r[1] for r in self.store.query(
            "SELECT language, COUNT(*) FROM articles GROUP BY language ORDER BY COUNT(*) DESC")}
        return counts

    def languages(self) -> list[str]:
        return [r[0] for r in self.store.query("SELECT DISTINCT language FROM articles ORDER BY language")]
