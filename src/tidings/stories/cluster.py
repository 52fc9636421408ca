"""Online, cross-lingual grouping of articles into stories, as they arrive.

Embeddings alone do not group independent reporting across languages well (scores of a
multilingual model sit in a narrow band), so an article joins a story on three kinds of evidence:
  * cosine similarity of its embedding to the story's centroid,
  * the names it shares with the story (countries as ISO codes, people and organisations as
    spelling-independent keys, dates as ISO values), weighted by how rare each one is,
  * closeness in time (only stories active within a window around its date are candidates).
Parameters are calibrated on the sample corpus (bench/bench_stories.py) and tested on held-out data.
Candidates are limited to stories active in the time window, so the cost of placing an article
does not grow with the size of the store.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable

import numpy as np

from ..model import Article


@dataclass
class ClusterParams:
    # calibrated with `bench/bench_stories.py --sweep` on the sample corpus, checked on cl_tls
    threshold: float = 0.86  # minimum combined score to join a story
    key_weight: float = 0.6  # weight of shared names/places/dates (share of the article's key mass)
    window_days: int = 2  # an article joins stories active within this many days of its date
    day_penalty: float = 0.01  # score lost per day between the article and the story's nearest date
    max_keys: int = 300  # keys kept per story (the most frequent)


@dataclass(eq=False)  # identity, not value: states hold arrays and live in lists
class StoryState:
    id: int | None
    centroid: np.ndarray  # sum of member embeddings
    size: int = 0
    keys: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    first_published: str | None = None
    last_published: str | None = None
    central_article_id: int | None = None
    central_score: float = -1.0
    title: str = ""
    dirty: bool = False

    def unit_centroid(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.centroid))
        return self.centroid / norm if norm else self.centroid

    def as_row(self) -> dict:
        return {"id": self.id, "title": self.title, "central_article_id": self.central_article_id,
                "size": self.size, "languages": [lang for lang, _ in self.languages.most_common()],
                "first_published": self.first_published, "last_published": self.last_published,
                "centroid": self.centroid, "keys": dict(self.keys),  # bounded by _add; saved whole so that
                # a restarted process continues exactly as an uninterrupted one would
                "language_counts": dict(self.languages), "central_score": self.central_score}


def article_keys(article: Article) -> set[str]:
    """The names, places and dates an article's text names, as language-independent keys (not its
    captions': stories are grouped by what the text says, as before captions were read)."""
    keys = {m.key for m in article.mentions if m.key and m.in_body}
    keys.update(f"D:{d.value}" for d in article.dates if d.precision == "day")
    return keys


class StoryClusterer:
    def __init__(self, params: ClusterParams | None = None):
        self.params = params or ClusterParams()
        self.stories: list[StoryState] = []
        # stories by the day they were last active: an article's candidates are found without
        # scanning the whole store, so placing it costs the same at 1k or 100k articles
        self._by_last_day: dict[str, list[StoryState]] = {}
        self.document_frequency: Counter = Counter()
        self.documents = 0

    # -- state ------------------------------------------------------------------------
    def load(self, rows: Iterable[dict], document_frequency: Counter, documents: int) -> None:
        for row in rows:
            state = StoryState(id=row["id"], centroid=row["centroid"], size=row["size"],
                               keys=Counter(row["keys"]), first_published=row["first_published"],
                               last_published=row["last_published"],
                               central_article_id=row["central_article_id"], title=row["title"])
            state.languages = Counter(row.get("language_counts") or {lang: 1 for lang in row["languages"]})
            state.central_score = row.get("central_score", -1.0)
            self._remember(state)
        self.document_frequency = document_frequency
        self.documents = documents

    def _idf(self, key: str) -> float:
        # rare names say more than "US" or "2025-06-17"; unseen keys count as seen once
        return math.log((self.documents + 1) / (self.document_frequency.get(key, 0) + 1)) + 1.0

    # -- placing an article -----------------------------------------------------------
    UNDATED_CANDIDATES = 2000  # an undated article is compared with this many most recent stories

    def _remember(self, story: StoryState) -> None:
        self.stories.append(story)
        if story.last_published:
            self._by_last_day.setdefault(story.last_published, []).append(story)

    def candidates(self, published: str | None) -> list[StoryState]:
        if published is None:
            return self.stories[-self.UNDATED_CANDIDATES:]
        day = date.fromisoformat(published[:10])
        low = (day - timedelta(days=self.params.window_days)).isoformat()
        high = (day + timedelta(days=self.params.window_days)).isoformat()
        found = [s for s in self.stories[-self.UNDATED_CANDIDATES:] if s.last_published is None]
        for last_day in [d for d in self._by_last_day if d >= low]:
            found.extend(s for s in self._by_last_day[last_day] if (s.first_published or "") <= high)
        return found

    def score(self, article: Article, keys: set[str], story: StoryState) -> float:
        cosine = float(np.dot(article.embedding, story.unit_centroid()))
        if keys:
            total = sum(self._idf(k) for k in keys)
            shared = sum(self._idf(k) for k in keys if k in story.keys)
            overlap = shared / total
        else:
            overlap = 0.0
        return cosine + self.params.key_weight * overlap - self.params.day_penalty * self._days_apart(article, story)

    @staticmethod
    def _days_apart(article: Article, story: StoryState) -> int:
        if not article.published or not story.last_published:
            return 0
        day = article.published[:10]
        if story.first_published and story.first_published <= day <= story.last_published:
            return 0
        nearest = story.last_published if day > story.last_published else (story.first_published or story.last_published)
        return abs((date.fromisoformat(day) - date.fromisoformat(nearest)).days)

    def place(self, article: Article) -> tuple[StoryState, float]:
        """Put an article into its best story, or a new one. Returns (story, similarity)."""
        keys = article_keys(article)
        best, best_score = None, -1.0
        for story in self.candidates(article.published):
            value = self.score(article, keys, story)
            if value > best_score:
                best, best_score = story, value
        if best is None or best_score < self.params.threshold:
            best = StoryState(id=None, centroid=np.zeros_like(article.embedding))
            self.stories.append(best)
        previous_last = best.last_published
        self._add(best, article, keys)
        if best.last_published != previous_last:
            if previous_last:
                self._by_last_day[previous_last].remove(best)
                if not self._by_last_day[previous_last]:
                    del self._by_last_day[previous_last]
            self._by_last_day.setdefault(best.last_published, []).append(best)
        centrality = float(np.dot(article.embedding, best.unit_centroid()))
        if centrality > best.central_score or best.central_article_id is None:
            best.central_article_id, best.central_score, best.title = article.id, centrality, article.title
        return best, centrality

    def _add(self, story: StoryState, article: Article, keys: set[str]) -> None:
        story.centroid = story.centroid + article.embedding
        story.size += 1
        story.keys.update(keys)
        if len(story.keys) > self.params.max_keys * 2:
            story.keys = Counter(dict(story.keys.most_common(self.params.max_keys)))
        story.languages[article.language] += 1
        if article.published:
            day = article.published[:10]
            story.first_published = min(filter(None, [story.first_published, day]))
            story.last_published = max(filter(None, [story.last_published, day]))
        story.dirty = True
        self.document_frequency.update(keys)
        self.documents += 1

