"""The read side: what the CLI, the Python API, the REST API and the pages show.

Every function returns plain JSON-ready dicts, so that each page has a JSON twin for free.
"""
from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter, OrderedDict, defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, timedelta
from typing import Any

import numpy as np

from .ops import reading_versions
from .store.sqlite import FTS_RANKED, Store
from . import snippets
from .snippets import clean_query, has_words
from .textutil import CJK_CHAR, fts_query

ARTICLE_FIELDS = "a.id, a.title, a.language, a.published, a.source, a.story_id, a.url, a.byline"


def _article_summary(row) -> dict[str, Any]:
    return {"id": row["id"], "title": row["title"], "language": row["language"], "published": row["published"],
            "source": row["source"], "story_id": row["story_id"], "url": row["url"], "byline": row["byline"]}


STORY_HAS_LANGUAGE = "s.id IN (SELECT x.story_id FROM articles x WHERE x.language = ?)"
STORY_HAS_SOURCE = "s.id IN (SELECT x.story_id FROM articles x WHERE x.source = ?)"
STORY_HAS_EVENT_TYPE = "s.id IN (SELECT story_id FROM events WHERE type = ?)"
STORY_HAS_ENTITY = ("s.id IN (SELECT x.story_id FROM mentions m JOIN articles x ON x.id = m.article_id"
                    " WHERE m.entity_id = ?)")
STORY_HAS_KEY = "s.id IN (SELECT x.story_id FROM mentions m JOIN articles x ON x.id = m.article_id WHERE m.key = ?)"
GROWTH_DAYS = 3  # a story's growth: its articles of the last GROWTH_DAYS days of the period
KEY_NAMES = 5
QUERY_VECTORS = 4096  # query embeddings remembered (1.5 KB each)
SEARCH_POOL = 60  # hits ranked per half of a search (keyword, semantic), sliced to what a page shows
NEAREST_REMEMBERED = 4096  # (query, k) -> its k nearest rows, kept as the index grows
_ABSENT = object()
# a hit's `match`: found by its words (full text), by its meaning (vectors) or both
MATCH_KINDS = {("keyword",): "words", ("semantic",): "meaning", ("keyword", "semantic"): "both"}
MEMO_SIZE = 2048  # remembered page data and rendered pages, least recently used dropped first (all dropped when the store changes)
SPELLING_SAMPLE = 50  # a name's spelling on the front page: the commonest in the story's first 50 articles
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def period_end(until: str) -> str:
    """The last day a period ending at `until` takes in: its day, or the last day of a year or month
    given alone (2025 -> 2025-12-31, 2024-02 -> 2024-02-29), so that growth and the quick periods
    count up to it (a partial date was parsed as a day: a 500)."""
    day = until[:10]
    if len(day) == 4 and day.isdigit():
        return f"{day}-12-31"
    if len(day) == 7:
        year, month = int(day[:4]), int(day[5:7])
        following = date(year + month // 12, month % 12 + 1, 1)
        return (following - timedelta(days=1)).isoformat()
    return day


def growth_window(reference: str | None) -> tuple[str, str]:
    """[first day, day after the reference) of the growth window, as ISO strings."""
    if not reference:
        return "", ""
    end = date.fromisoformat(reference) + timedelta(days=1)
    return (end - timedelta(days=GROWTH_DAYS)).isoformat(), end.isoformat()


def daily_counts(days: dict[str, int]) -> list[dict[str, Any]]:
    """Articles per calendar day, every day from the first to the last (zeros included)."""
    counts = {day: n for day, n in days.items() if is_day(day)}
    if not counts:
        return []
    first, last = date.fromisoformat(min(counts)), date.fromisoformat(max(counts))
    every = (first + timedelta(days=i) for i in range((last - first).days + 1))
    return [{"day": d.isoformat(), "articles": counts.get(d.isoformat(), 0)} for d in every]


def is_day(text: str | None) -> bool:
    if not text or not ISO_DAY.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def growth(daily: list[dict[str, Any]], reference: str | None) -> int:
    start, end = growth_window(reference)
    return sum(d["articles"] for d in daily if start <= d["day"] < end) if reference else 0


def story_countries(keys: dict[str, int]) -> list[dict[str, Any]]:
    """ISO alpha-2 codes of the countries the story's articles name (`C:XX` keys), most covered first."""
    found = [{"code": key[2:], "articles": n} for key, n in keys.items() if key.startswith("C:")]
    return sorted(found, key=lambda c: (-c["articles"], c["code"]))


def top_names(keys: dict[str, int], limit: int = KEY_NAMES) -> list[str]:
    """The name keys most of the story's articles share (the story's key counts are per article)."""
    names = [key for key in keys if key.startswith("N:")]
    return sorted(names, key=lambda k: (-keys[k], k))[:limit]


def key_names(keys: dict[str, int], spellings: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    return [{"key": key, "type": spellings[key][1], "articles": keys[key], "text": spellings[key][0]}
            for key in top_names(keys) if key in spellings]


class Recent(OrderedDict):
    """A bounded mapping that forgets the least recently used entries first."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def recall(self, key: Any) -> Any:
        """The value of `key` (None if absent), marked as just used."""
        if key not in self:
            return None
        self.move_to_end(key)
        return self[key]

    def keep(self, key: Any, value: Any) -> None:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


class Explorer:
    def __init__(self, store: Store, embedder=None, *, max_stale_s: float = 0.0):
        """`max_stale_s`: while the store keeps changing (an ingest beside the server), remembered
        page data may be this many seconds old instead of being recomputed after every batch."""
        self.store = store
        self._embedder = embedder
        # (count, newest id), ids, rows (a buffer with room to grow; the first len(ids) rows are used)
        self._vectors: tuple[tuple[int, int], list[int], np.ndarray] | None = None
        self._query_vectors = Recent(QUERY_VECTORS)
        self._nearest = Recent(NEAREST_REMEMBERED)  # (load, query, k) -> (rows scored, best rows, their scores)
        self._loads = 0  # how many times the whole index was read (an append keeps row numbers)
        self._parts = Recent(MEMO_SIZE)  # a story row's version -> its card's parts
        self._vectors_checked: tuple | None = None  # the store's stamp when the index was last brought up to date
        self._lock = threading.Lock()
        # the vector index has a lock of its own: loading it takes seconds on a big store, and the
        # pages that do not search must not wait for that
        self._vectors_lock = threading.Lock()
        self._memo = Recent(MEMO_SIZE)
        self._memo_stamp: tuple | None = None
        self._memo_since = 0.0
        self._generation = 0
        self._pending: dict[tuple[int, Any], Future] = {}
        self._previous = Recent(MEMO_SIZE)  # the values of the generation before, while stale values are allowed
        self._refresh_pool: ThreadPoolExecutor | None = None
        self.max_stale_s = max_stale_s

    # -- stories ----------------------------------------------------------------------
    def stories(self, *, limit: int = 50, offset: int = 0, language: str | None = None,
                since: str | None = None, until: str | None = None, min_size: int = 1,
                sort: str = "size", title_language: str | None = None, q: str | None = None,
                country: str | None = None, source: str | None = None, entity: int | None = None,
                event_type: str | None = None) -> list[dict]:
        """Stories with their languages, countries, key names and articles per day.

        A fixed number of queries for the page whatever its length, never one per story (see
        `_story_summaries`).
        """
        where, args = ["s.size >= ?"], [min_size]
        for clause, value in ((STORY_HAS_LANGUAGE, language), (STORY_HAS_SOURCE, source),
                              (STORY_HAS_KEY, f"C:{country.upper()}" if country else None),
                              (STORY_HAS_ENTITY, entity), (STORY_HAS_EVENT_TYPE, event_type),
                              ("s.last_published >= ?", since),
                              # a partial `until` (2025-10) ends with its last day, a day with its last hour
                              ("s.first_published <= ?", until and until + "\uffff")):
            if value:
                where.append(clause)
                args.append(value)
        if q:
            match = fts_query(q)
            if not match:
                return []
            # the stories of the FTS_RANKED most recently stored matching articles: a word found in
            # most articles would otherwise make every page gather tens of thousands of them
            where.append("s.id IN (SELECT a.story_id FROM articles a WHERE a.id IN (SELECT rowid FROM articles_fts"
                         " WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?))")
            args += [match, FTS_RANKED]
        reference = self.reference_day(until)
        growth_join, growth_args = "", []
        if sort == "growth":
            growth_join = ("LEFT JOIN (SELECT story_id, COUNT(*) AS n FROM articles WHERE published >= ?"
                           " AND published < ? GROUP BY story_id) g ON g.story_id = s.id")
            growth_args = list(growth_window(reference))
        order = {"size": "s.size DESC, s.last_published DESC, s.id",
                 "recent": "s.last_published DESC, s.size DESC, s.id",
                 "growth": "COALESCE(g.n, 0) DESC, s.size DESC, s.id",
                 "id": "s.id"}.get(sort, "s.size DESC, s.id")
        rows = self.store.query(
            f"SELECT s.* FROM stories s {growth_join} WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ? OFFSET ?",
            growth_args + args + [limit, offset])
        return self._story_summaries(rows, title_language, reference)

    def reference_day(self, until: str | None = None) -> str | None:
        """The day a period ends: `until`, else the newest article's day (growth is counted up to it)."""
        if until:
            return period_end(until)
        newest = self.store.query("SELECT MAX(published) FROM articles")[0][0]
        return newest[:10] if newest else None

    def _story_summaries(self, rows, title_language: str | None, reference: str | None) -> list[dict[str, Any]]:
        titles = self._titles([row["id"] for row in rows], title_language)
        # what a story's card shows is the same under every filter: remembered per story, so that
        # the front page's many filter combinations (mostly the same big stories) read it once; and
        # kept while the story's row is unchanged, whatever else an ingest beside the server writes
        versions = {row["id"]: (row["id"], row["size"], row["last_published"], row["central_article_id"], row["keys"])
                    for row in rows}
        with self._lock:
            parts = {i: self._parts.recall(v) for i, v in versions.items() if v in self._parts}
        missing = [row for row in rows if row["id"] not in parts]
        if missing:
            computed = self._story_parts(missing)
            with self._lock:
                for story_id, value in computed.items():
                    self._parts.keep(versions[story_id], value)
            parts.update(computed)
        return [self._story_summary(row, *parts[row["id"]], reference, own_title=titles.get(row["id"]))
                for row in rows]

    def _story_parts(self, rows) -> dict[int, tuple]:
        """story -> (members, central article's language, days, sources, keys, spellings)."""
        ids = [row["id"] for row in rows]
        members, days, sources = self._member_ids(ids), self._days(ids), self._sources(ids)
        central = self._languages_of([row["central_article_id"] for row in rows])
        keys = {row["id"]: json.loads(row["keys"] or "{}") for row in rows}
        spellings = self._spellings(members, [k for story in keys.values() for k in top_names(story)])
        return {row["id"]: (members.get(row["id"], []), central.get(row["central_article_id"]),
                            days.get(row["id"], {}), sources.get(row["id"], []), keys[row["id"]],
                            spellings.get(row["id"], {})) for row in rows}

    def _in_stories(self, sql: str, story_ids: list[int]) -> list[tuple]:
        """Rows of `sql`, whose `{ids}` is replaced by the page's story ids (one query for the page)."""
        if not story_ids:
            return []
        return self.store.conn.execute(sql.format(ids=",".join("?" * len(story_ids))), story_ids).fetchall()

    def _member_ids(self, story_ids: list[int]) -> dict[int, list[int]]:
        """story -> its article ids in publication order."""
        grouped: dict[int, list[int]] = defaultdict(list)
        for story_id, article_id in self._in_stories(
                "SELECT story_id, id FROM articles WHERE story_id IN ({ids}) ORDER BY story_id, published, id",
                story_ids):
            grouped[story_id].append(article_id)
        return grouped

    def _days(self, story_ids: list[int]) -> dict[int, dict[str, int]]:
        """story -> {ISO day: articles published that day}."""
        grouped: dict[int, dict[str, int]] = defaultdict(dict)
        for story_id, day, n in self._in_stories(
                "SELECT story_id, substr(published, 1, 10) AS day, COUNT(*) FROM articles"
                " WHERE story_id IN ({ids}) AND published IS NOT NULL GROUP BY story_id, day", story_ids):
            grouped[story_id][day] = n
        return grouped

    def _sources(self, story_ids: list[int]) -> dict[int, list[str]]:
        grouped: dict[int, list[str]] = defaultdict(list)
        for story_id, source in self._in_stories(
                "SELECT DISTINCT story_id, source FROM articles WHERE story_id IN ({ids}) AND source != ''"
                " ORDER BY story_id, source", story_ids):
            grouped[story_id].append(source)
        return grouped

    def _languages_of(self, article_ids: list[int | None]) -> dict[int, str]:
        wanted = [i for i in article_ids if i is not None]
        if not wanted:
            return {}
        return dict(self.store.conn.execute(
            f"SELECT id, language FROM articles WHERE id IN ({','.join('?' * len(wanted))})", wanted).fetchall())

    def _titles(self, story_ids: list[int], language: str | None) -> dict[int, tuple[str, str]]:
        """story -> title of its most central article in `language` (only stories that have one)."""
        if not story_ids or not language:
            return {}
        marks = ",".join("?" * len(story_ids))
        rows = self.store.conn.execute(
            "SELECT story_id, title, COALESCE(centrality, -1) AS c FROM articles"
            f" WHERE story_id IN ({marks}) AND language = ? ORDER BY story_id, c, id DESC", story_ids + [language])
        # the last row of a story is its most central article in that language
        return {story_id: (title, language) for story_id, title, _ in rows}

    def _spellings(self, members: dict[int, list[int]], keys: list[str]) -> dict[int, dict[str, tuple[str, str]]]:
        """story -> name key -> (commonest spelling, type) among its first SPELLING_SAMPLE articles,
        for the few keys the page shows (one pass over a covering index)."""
        story_of = {i: story_id for story_id, items in members.items() for i in items[:SPELLING_SAMPLE]}
        if not story_of or not keys:
            return {}
        wanted = sorted(set(keys))
        counts: dict[tuple[int, str], Counter] = defaultdict(Counter)
        kinds: dict[str, str] = {}
        for article_id, key, text, kind in self.store.conn.execute(
                "SELECT article_id, key, text, type FROM mentions"
                f" WHERE article_id IN ({','.join('?' * len(story_of))}) AND key IN ({','.join('?' * len(wanted))})",
                list(story_of) + wanted):
            counts[(story_of[article_id], key)][text] += 1
            kinds[key] = kind
        found: dict[int, dict[str, tuple[str, str]]] = defaultdict(dict)
        for (story_id, key), texts in counts.items():
            found[story_id][key] = (max(texts, key=lambda t: (texts[t], t)), kinds[key])
        return found

    def _story_summary(self, row, members: list[int], central_language: str | None,
                       days: dict[str, int], sources: list[str], keys: dict[str, int],
                       spellings: dict[str, tuple[str, str]], reference: str | None, *,
                       own_title: tuple[str, str] | None = None) -> dict[str, Any]:
        title, title_lang = (own_title if own_title is not None else (row["title"], central_language))
        daily = daily_counts(days)
        return {
            "id": row["id"], "title": title, "title_language": title_lang,
            "article_ids": members, "size": row["size"],
            "languages": json.loads(row["languages"]), "language_counts": json.loads(row["language_counts"]),
            "sources": sources,
            "first_published": row["first_published"], "last_published": row["last_published"],
            "central_article_id": row["central_article_id"],
            "countries": story_countries(keys), "key_names": key_names(keys, spellings),
            "daily": daily, "growth": growth(daily, reference),
        }

    def story(self, story_id: int, *, title_language: str | None = None) -> dict[str, Any] | None:
        rows = self.store.query("SELECT * FROM stories WHERE id=?", (story_id,))
        if not rows:
            return None
        story = self._story_summaries(rows, title_language, self.reference_day())[0]
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
        """The entities (else names) the story's articles share most, with their spellings by language."""
        rows = self.store.query(
            # MAX(): one value per group on every engine (the entity's columns depend on m.entity_id)
            "SELECT m.key, MAX(m.type) AS type, MAX(m.country) AS country, m.text, m.entity_id,"
            " MAX(e.name) AS entity_name, MAX(e.type) AS entity_type, MAX(e.country) AS entity_country,"
            " a.language, COUNT(*) AS n FROM mentions m"
            " JOIN articles a ON a.id = m.article_id LEFT JOIN entities e ON e.id = m.entity_id"
            # who the story is about: not the agencies credited for its articles (read/credits.py), as
            # EntityExplorer.story_entities
            " WHERE a.story_id = ? AND m.part <> 'credit' GROUP BY m.key, m.entity_id, m.text, a.language", (story_id,))
        grouped: dict[Any, dict[str, Any]] = {}
        for r in rows:
            group = ("E", r["entity_id"]) if r["entity_id"] else ("K", r["key"])
            item = grouped.setdefault(group, {
                "key": r["key"], "type": r["entity_type"] or r["type"], "country": r["entity_country"] or r["country"],
                "entity_id": r["entity_id"], "name": r["entity_name"], "mentions": 0, "spellings": {}})
            item["mentions"] += r["n"]
            spellings = item["spellings"].setdefault(r["language"], [])
            if r["text"] not in spellings:
                spellings.append(r["text"])
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
            'SELECT sentence, start, "end", text, type, key, country, role, entity_id, part, caption FROM mentions'
            # the body's names in text order, then the captions', the headline's and the credits' (their
            # offsets point into a caption, the title, a credit line), as read/__init__._names lists them
            " WHERE article_id=? ORDER BY CASE part WHEN 'body' THEN 0 WHEN 'caption' THEN 1 WHEN 'title' THEN 2"
            " ELSE 3 END, caption, start", (article_id,))]
        item["dates"] = [dict(r) for r in self.store.query(
            'SELECT sentence, start, "end", text, value, precision FROM date_mentions WHERE article_id=? ORDER BY start', (article_id,))]
        raw = self.store.query("SELECT locator, format, received_at FROM raw_articles WHERE id=?", (article_id,))
        if raw:
            item["raw"] = dict(raw[0])
        item["duplicates"] = [dict(r) for r in self.store.query(
            "SELECT id, locator FROM raw_articles WHERE duplicate_of=?", (article_id,))]
        return item

    # -- search -----------------------------------------------------------------------
    def search(self, q: str, *, mode: str = "hybrid", limit: int = 20, language: str | None = None,
               semantic_margin: float | None = None) -> list[dict]:
        """Keyword (FTS5, BM25), semantic (cross-lingual embedding) or both (reciprocal rank fusion).

        `semantic_margin` keeps only semantic hits within that cosine of the best one: nearest
        neighbours always exist, this drops those that are merely the least far.

        Each hit says how it was found (`match`: words, meaning, both) and why, in a snippet of its
        text (snippets.py: `snippet`, `highlights`, `snippet_html`, `snippet_kind`, `sentence`,
        `title_highlights`, `title_html`). Control characters are dropped from `q`; a query without
        a letter or digit finds nothing; one over 500 characters raises snippets.QueryError.
        """
        q = clean_query(q)
        if not has_words(q):  # nothing to look for: '', or only punctuation and symbols
            return []
        ranked: dict[int, float] = defaultdict(float)
        matched: dict[int, set[str]] = defaultdict(set)
        # each half ranks a pool of the same size whatever the limit, so that the search box (6 hits)
        # and the search page (20) share one keyword query and one vector product per query
        wanted = limit * 3
        pool = max(wanted, SEARCH_POOL)
        if mode in ("keyword", "hybrid"):
            match = fts_query(q)
            hits = self.memo(("keyword hits", match, pool), lambda: self.store.fts_search(match, pool))[:wanted] \
                if match else []
            for rank, (article_id, _score) in enumerate(hits):
                ranked[article_id] += 1.0 / (60 + rank)
                matched[article_id].add("keyword")
        if mode in ("semantic", "hybrid"):
            hits = self._semantic(q, pool)[:wanted]
            if semantic_margin is not None and hits:
                hits = [(i, score) for i, score in hits if score >= hits[0][1] - semantic_margin]
            for rank, (article_id, _score) in enumerate(hits):
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
            item["match"] = MATCH_KINDS[tuple(item["matched_by"])]
            results.append(item)
            if len(results) >= limit:
                break
        self._add_snippets(q, results)
        return results

    def _add_snippets(self, q: str, results: list[dict]) -> None:
        """Each hit's snippet (snippets.py): its text around the query's words, or its sentence
        nearest in meaning by the statement vectors already stored (no model call per hit)."""
        if not results:
            return
        ids = [hit["id"] for hit in results]
        marks = ",".join("?" * len(ids))
        texts = {r[0]: r[1] for r in self.store.query(f"SELECT id, text FROM articles WHERE id IN ({marks})", ids)}
        pattern = snippets.query_pattern(q)
        by_meaning = [hit["id"] for hit in results if "semantic" in hit["matched_by"]]
        nearest = self._nearest_sentences(q, by_meaning) if by_meaning else {}
        for hit in results:
            text = texts.get(hit["id"]) or ""
            by_words = "keyword" in hit["matched_by"]
            sentence = nearest.get(hit["id"])
            # a hit by meaning alone shows its nearest sentence, or else the query's longer words it holds (not 'a' or 'of')
            found = snippets.find_matches(text, pattern) if by_words or sentence is None else []
            if not by_words:
                found = [m for m in found if len(m[2]) >= 3 or CJK_CHAR.search(m[2])]
            if found:
                snippet = snippets.words_snippet(text, found)
            elif sentence is not None:
                snippet = snippets.sentence_snippet(text, *sentence)
            else:
                snippet = snippets.lead_snippet(text)
            hit.update(snippet)
            hit.setdefault("sentence", None)
            hit["snippet_html"] = snippets.html(snippet["snippet"], snippet["highlights"])
            hit["title_highlights"] = snippets.mark_title(hit["title"], pattern)
            hit["title_html"] = snippets.html(hit["title"] or "", hit["title_highlights"])

    def _nearest_sentences(self, q: str, article_ids: list[int]) -> dict[int, tuple[int, int, int]]:
        """article id -> (start, end, index) of its sentence nearest to the query, among those whose
        statement vectors the store holds for the query's model; articles without any are left out."""
        from .model import statement_vector_key

        name = getattr(self._query_embedder(), "name", None)
        if name is None:
            return {}
        query = self._query_vector(q)  # already made for the semantic half: remembered
        model = statement_vector_key(name)
        marks = ",".join("?" * len(article_ids))
        size = 4 * query.shape[0]
        rows = [(r[0], r[1], bytes(r[2])) for r in self.store.query(
            f"SELECT article_id, idx, vector FROM statement_vectors WHERE model = ? AND article_id IN ({marks})",
            [model, *article_ids])]
        rows = [r for r in rows if r[2] and len(r[2]) % size == 0]  # of another dimension: not comparable
        if not rows:
            return {}
        # a sentence's rows are the sentence's, then its clauses'; its best row says how near it is
        scores = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float32).reshape(-1, query.shape[0]) @ query
        starts = np.cumsum([0] + [len(r[2]) // size for r in rows[:-1]])
        nearness = np.maximum.reduceat(scores, starts)
        best: dict[int, tuple[float, int]] = {}
        for (article_id, idx, _), score in zip(rows, nearness.tolist()):
            if article_id not in best or score > best[article_id][0]:
                best[article_id] = (score, idx)
        wanted = {(article_id, idx) for article_id, (_, idx) in best.items()}
        marks = ",".join("?" * len(best))
        return {r[0]: (r[2], r[3], r[1]) for r in self.store.query(
            f'SELECT article_id, idx, start, "end" FROM sentences WHERE article_id IN ({marks})', list(best))
            if (r[0], r[1]) in wanted}

    def _semantic(self, q: str, limit: int) -> list[tuple[int, float]]:
        if self.store.has_pgvector:  # a PostgreSQL server with pgvector searches its own vectors
            return self.store.vector_search(self._query_vector(q), limit)
        ids, matrix, load = self._vector_index()
        if not ids:
            return []
        query = self._query_vector(q)
        if query.shape[0] != matrix.shape[1]:
            return []
        rows, scores = self._nearest_rows(query, matrix, (load, q, limit))
        return [(ids[i], float(score)) for i, score in zip(rows, scores)]

    def _nearest_rows(self, query: np.ndarray, matrix: np.ndarray, key: tuple) -> tuple[np.ndarray, np.ndarray]:
        """The rows of `matrix` nearest to `query`, best first, at most key[-1] of them.

        Remembered per query: while an ingest appends articles, a repeated search scores only the
        rows added since (the 100,000-row product is most of a search's CPU), and the best of those
        old and new is the best of all, as the rows scored before are unchanged."""
        limit = key[-1]
        with self._lock:
            known = self._nearest.recall(key)
        scored, rows, scores = known if known is not None and known[0] <= len(matrix) else (0, None, None)
        if known is not None and scored == len(matrix):
            return rows, scores
        fresh = matrix[scored:] @ query
        if rows is not None:
            fresh_rows = np.arange(scored, len(matrix))
            rows, fresh = np.concatenate([rows, fresh_rows]), np.concatenate([scores, fresh])
        else:
            rows = np.arange(len(matrix))
        if limit < len(fresh):  # the top `limit` without sorting every score
            best = np.argpartition(-fresh, limit)[:limit]
            best = best[np.argsort(-fresh[best], kind="stable")]
        else:
            best = np.argsort(-fresh, kind="stable")[:limit]
        result = (len(matrix), rows[best], fresh[best])
        with self._lock:
            self._nearest.keep(key, result)
        return result[1], result[2]

    def _query_vector(self, q: str) -> np.ndarray:
        """The query's embedding, remembered whatever the store does (the search box and the search
        page ask for the same words with different limits; the model is the costliest step)."""
        with self._lock:
            vector = self._query_vectors.recall(q)
        if vector is None:
            vector = self._query_embedder().embed_query(q)
            with self._lock:
                self._query_vectors.keep(q, vector)
        return vector

    def _query_embedder(self):
        if self._embedder is None:
            from .read.embed import get_query_embedder

            self._embedder = get_query_embedder()
        return self._embedder

    def _vector_index(self) -> tuple[list[int], np.ndarray, int]:
        """All article vectors in memory (ids, rows, the number of the load they come from),
        brought up to date when the store has changed: new articles are appended (an ingest beside the server adds a batch every second or so, and
        re-reading 100,000 vectors each time would stall every search); anything else reloads."""
        store_stamp = self.store.stamp()
        with self._vectors_lock:
            if self._vectors is not None and self._vectors_checked == store_stamp:  # nothing written since
                return self._vectors[1], self._vectors[2][:len(self._vectors[1])], self._loads
            # counting 100,000 embeddings costs ~10 ms: only after the store has changed
            stamp = tuple(self.store.query("SELECT COUNT(*), COALESCE(MAX(article_id), 0) FROM embeddings")[0])
            self._vectors_checked = store_stamp
            if self._vectors is None or self._vectors[0] != stamp:
                self._vectors = self._appended(stamp) or self._loaded()
            ids, rows = self._vectors[1], self._vectors[2]
            return ids, rows[:len(ids)], self._loads

    def _loaded(self):
        """Every vector, with the stamp of what was read (not of the count taken before: a writer
        may have committed in between, and a stamp that does not match the rows would make every
        later append fail and reload the whole index again)."""
        ids, matrix = self.store.article_vectors()
        self._loads += 1  # row numbers change: what was remembered per row is void
        return (len(ids), ids[-1] if ids else 0), ids, matrix

    def _appended(self, stamp: tuple[int, int]):
        """The index with the articles newer than its newest appended, or None when the change is
        not only that (deletions, a re-processing, articles of lower ids finished by another writer)."""
        if self._vectors is None:
            return None
        (count, newest), ids, rows = self._vectors
        added = self.store.query("SELECT article_id, vector FROM embeddings WHERE article_id > ? AND article_id <= ?"
                                 " ORDER BY article_id", (newest, stamp[1]))
        if not ids or len(ids) != count or count + len(added) != stamp[0]:
            return None
        vectors = [np.frombuffer(r[1], dtype=np.float32) for r in added]
        if any(v.shape[0] != rows.shape[1] for v in vectors):
            return None
        used = len(ids)
        if used + len(vectors) > rows.shape[0]:  # grow by half: appends copy nothing most of the time
            grown = np.empty((max(int(rows.shape[0] * 1.5), used + len(vectors)), rows.shape[1]), dtype=np.float32)
            grown[:used] = rows[:used]
            rows = grown
        for offset, vector in enumerate(vectors):
            rows[used + offset] = vector
        return stamp, ids + [r[0] for r in added], rows

    # -- overview ---------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        counts = self.store.counts()
        counts["languages"] = {r[0]: r[1] for r in self.store.query(
            "SELECT language, COUNT(*) FROM articles GROUP BY language ORDER BY COUNT(*) DESC")}
        counts["reading_versions"] = reading_versions(self.store)
        return counts

    def memo(self, key: Any, compute):
        """compute(), remembered until the store changes (`Store.stamp`); for what pages read often.

        While the store keeps changing (a writer beside the server), what is remembered is kept up
        to `max_stale_s` after the first change. Then the next reader of a value gets the previous
        one at once while a background thread computes it afresh (stale-while-revalidate): an
        ingest changes the store every second, and dropping every page at once made fifty readers
        wait together for the same burst of renderings every `max_stale_s`. A value is therefore at
        most about twice `max_stale_s` old. Requests that need a missing value (none remembered)
        together wait for one computation instead of each doing it."""
        stamp, now = self.store.stamp(), time.monotonic()
        with self._lock:
            changed = self._refresh(stamp, now)
            if key in self._memo:  # (a remembered value may be None)
                return self._memo.recall(key)
            generation = self._generation
            pending = self._pending.get((generation, key))
            owner = pending is None
            if owner:
                pending = self._pending[(generation, key)] = Future()
            previous = self._previous.get(key, _ABSENT) if self.max_stale_s > 0 else _ABSENT
        if previous is not _ABSENT:
            if owner:
                self._refresher().submit(self._compute, generation, changed, key, compute, pending)
            return previous
        if not owner:
            return pending.result()
        return self._compute(generation, changed, key, compute, pending)

    def _compute(self, generation: int, changed: bool, key: Any, compute, pending: Future):
        try:
            value = compute()
        except BaseException as exc:
            pending.set_exception(exc)
            raise
        finally:
            with self._lock:
                self._pending.pop((generation, key), None)
        pending.set_result(value)
        self._keep(generation, changed, {key: value})
        return value

    def _refresher(self) -> ThreadPoolExecutor:
        """One thread that recomputes values readers were given stale (one at a time: the server's
        other threads keep serving meanwhile)."""
        with self._lock:
            if self._refresh_pool is None:
                self._refresh_pool = ThreadPoolExecutor(1, thread_name_prefix="tidings-refresh")
            return self._refresh_pool

    def _refresh(self, stamp: tuple, now: float) -> bool:
        """Under the lock: drop what is remembered if the store changed long enough ago; returns
        whether the store has changed since (values computed now are then kept only while stale
        values are allowed)."""
        changed = stamp != self._memo_stamp
        if changed and now - self._memo_since >= self.max_stale_s:
            self._previous = self._memo  # served while their new values are computed (see memo)
            self._memo, self._memo_stamp, self._memo_since = Recent(MEMO_SIZE), stamp, now
            self._generation += 1
            changed = False
        return changed

    def _keep(self, generation: int, changed: bool, values: dict) -> None:
        with self._lock:
            if self._generation == generation and (not changed or self.max_stale_s > 0):
                for key, value in values.items():  # a stream of one-off pages must not flush the popular ones
                    self._memo.keep(key, value)

    def forget(self) -> None:
        """Drop what is remembered now (after a write of this process: its author sees it at once)."""
        with self._lock:
            self._memo, self._memo_stamp, self._memo_since = Recent(MEMO_SIZE), None, 0.0
            self._previous = Recent(MEMO_SIZE)
            self._parts.clear()
            self._generation += 1

    def facets(self, limit: int = 60) -> dict[str, list[dict[str, Any]]]:
        """What the front page can filter by: countries and sources with their article counts."""
        return self.memo(("facets", limit), lambda: self._facets(limit))

    def _facets(self, limit: int) -> dict[str, list[dict[str, Any]]]:
        countries = [{"code": r[0][2:], "articles": r[1]} for r in self.store.query(
            "SELECT key, COUNT(DISTINCT article_id) AS n FROM mentions WHERE key >= 'C:' AND key < 'C;'"
            " GROUP BY key ORDER BY n DESC, key LIMIT ?", (limit,))]
        sources = [{"name": r[0], "articles": r[1]} for r in self.store.query(
            "SELECT source, COUNT(*) AS n FROM articles WHERE source IS NOT NULL AND source != ''"
            " GROUP BY source ORDER BY n DESC, source LIMIT ?", (limit,))]
        return {"countries": countries, "sources": sources}

    def languages(self) -> list[str]:
        return [r[0] for r in self.store.query("SELECT DISTINCT language FROM articles ORDER BY language")]
