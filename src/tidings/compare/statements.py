"""Step 1: split a story's articles into checkable statements.

A statement is one sentence of an article, in its own language, with what can be checked
across languages already normalised: quantities (numbers.py), dates (ISO values the reader
found, so "14. und 15. Dezember" and "Dec 14-15" are the same interval), places and actors
(script-independent keys and resolved entities), and attribution (who is quoted or credited).

Statements are read from the store (sentences, mentions, dates are already there); their
vectors are cached in `statement_vectors` (migration 0007) because the model is the costly part,
made at the first comparison, or at ingest with TIDINGS_STATEMENT_VECTORS=ingest.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..model import AGENT_TYPES, statement_vector_key
from ..read.clean import caption_or_credit, classify_line
from ..store.sqlite import Store
from ..textutil import CJK_CHAR
from .attribution import AGENCIES, attribution
from .numbers import Quantity, find_quantities

# Caps that keep a comparison bounded whatever the story's size (see compare/__init__.py).
MAX_STATEMENTS_PER_ARTICLE = 14  # the lead carries the news: statements are taken from the top
MIN_CHARS = 24  # shorter "sentences" are datelines, credits, captions ("REUTERS", "Москва.")
MIN_CHARS_CJK = 8
EMBED_CHARS, EMBED_CHARS_CJK = 260, 110  # cost grows with tokens; the first clauses carry the fact
# a long sentence often states two or three facts: its clauses (split at , ; : and spaced dashes,
# pieces shorter than this joined to a neighbour) are embedded too and aligned besides the sentence
CLAUSE_CHARS, CLAUSE_CHARS_CJK = 60, 20
_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+[–—-]\s+|(?<=[，；：])")
SENTENCE_END = (".", "!", "?", "…", "。", "！", "？", "؟", "।", "۔")
_CLOSING = "\"'»”’“)]）」』 \t"



@dataclass
class Statement:
    """One checkable sentence of one article."""

    article_id: int
    index: int  # sentence index in the article (the article page's anchor #s{index})
    text: str
    start: int
    end: int
    language: str
    source: str
    published: str | None
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)  # ISO values at day precision (intervals "a/b")
    places: set[str] = field(default_factory=set)  # country keys C:XX and place keys
    actors: set[str] = field(default_factory=set)  # person/organisation entity ids or keys
    attribution: dict[str, str] | None = None
    vector: np.ndarray | None = None
    clauses: list[tuple[int, int]] = field(default_factory=list)  # spans in `text`; empty: one clause
    clause_vectors: np.ndarray | None = None  # one row per clause, where there are two or more

    @property
    def anchors(self) -> set[str]:
        """Language-independent things the statement names (what alignment can share)."""
        found = {f"D:{d}" for d in self.dates} | self.places | self.actors
        found |= {f"Q:{q.unit}:{q.value:g}" for q in self.quantities if q.approx in ("", "range")}
        return found

    @property
    def checkable(self) -> bool:
        return bool(self.quantities or self.dates or self.places or self.actors)

    def as_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "sentence": self.index, "text": self.text,
                "language": self.language, "source": self.source, "published": self.published,
                "quantities": [q.as_dict() for q in self.quantities], "dates": self.dates,
                "places": sorted(self.places), "actors": sorted(self.actors), "attribution": self.attribution}


def _too_short(text: str) -> bool:
    return len(text) < (MIN_CHARS_CJK if CJK_CHAR.search(text) else MIN_CHARS)


def speaker_key(statement: Statement) -> str:
    """The identity of who the statement is credited to ("" where no one is)."""
    return (statement.attribution or {}).get("key", "")


def load_statements(store: Store, article_ids: list[int],
                    per_article: int = MAX_STATEMENTS_PER_ARTICLE) -> list[Statement]:
    """The statements of these articles, read from the store in a fixed number of queries."""
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    articles = {r["id"]: r for r in store.query(
        f"SELECT id, text, language, source, published FROM articles WHERE id IN ({marks})", article_ids)}
    sentences: dict[int, list] = {}
    for row in store.query(f'SELECT article_id, idx, start, "end" FROM sentences WHERE article_id IN ({marks})'
                           " ORDER BY article_id, idx", article_ids):
        sentences.setdefault(row["article_id"], []).append(row)
    mentions: dict[tuple[int, int], list[dict]] = {}
    for row in store.query(f'SELECT article_id, sentence, start, "end", text, type, key, country, entity_id'
                           f" FROM mentions WHERE article_id IN ({marks}) AND part = 'body'", article_ids):
        mentions.setdefault((row["article_id"], row["sentence"]), []).append(dict(row))
    dates: dict[tuple[int, int], list] = {}
    for row in store.query(f'SELECT article_id, sentence, start, "end", value, precision FROM date_mentions'
                           f" WHERE article_id IN ({marks})", article_ids):
        dates.setdefault((row["article_id"], row["sentence"]), []).append(row)
    found: list[Statement] = []
    for article_id in article_ids:
        article = articles.get(article_id)
        if article is None:
            continue
        rows = sentences.get(article_id, [])
        for i in chosen_sentences(article["text"], [(r["start"], r["end"]) for r in rows], per_article):
            sentence = rows[i]
            key = (article_id, sentence["idx"])
            text = article["text"][sentence["start"]:sentence["end"]]
            before = found[-1] if found and found[-1].article_id == article_id else None
            previous = before.attribution if before and before.index == sentence["idx"] - 1 else None
            found.append(_statement(article, sentence, text, mentions.get(key, []), dates.get(key, []), previous))
    return found


def chosen_sentences(text: str, spans: list[tuple[int, int]], per_article: int = MAX_STATEMENTS_PER_ARTICLE) -> list[int]:
    """Which sentences (positions in `spans`) are an article's statements: the first `per_article`
    that are long enough, end as a sentence, and are no credit line, photo caption, lone dateline or
    "follow us" line. One rule for comparing and for embedding at ingest time."""
    chosen = []
    for i, (start, end) in enumerate(spans):
        if len(chosen) >= per_article:
            break
        sentence = text[start:end]
        if (not _too_short(sentence) and _finished(sentence) and not _credit_line(sentence)
                and not _caption(text, start, end) and not _boilerplate(sentence)):
            chosen.append(i)
    return chosen


# "Puedes seguir a EL PAÍS Internacional en Facebook y X.", "Follow us on Telegram."
_FOLLOW_US = re.compile(r"^(?:puedes\s+seguir|s[íi]guenos|follow\s+(?:us|\w+)|suivez[-\s]nous|folgen\s+sie\s+uns|"
                        r"seguici|siga-nos|подписывайтесь|підписуйтесь|bizi\s+takip)\b.{0,80}\b(?:Facebook|Twitter|X|"
                        r"Instagram|Telegram|WhatsApp|YouTube|TikTok)\b", re.IGNORECASE)


def _boilerplate(sentence: str) -> bool:
    """A line of the page that ends like a sentence but states nothing: a dateline standing alone
    ("МОСКВА, 22 июн - РИА Новости.": a place in capitals, an agency, a few words) or an invitation
    to follow the outlet on social media."""
    words = sentence.split()
    place = words[0].strip(",.:-–—") if words else ""
    dateline = (len(words) <= 6 and bool(AGENCIES.search(sentence)) and len(place) >= 3 and place.isupper())
    return dateline or bool(_FOLLOW_US.search(sentence.strip()))


def _caption(text: str, start: int, end: int) -> bool:
    """A photo's caption left in the body of an article an older reader read (the reader now removes
    it: `tidings.read.clean.caption_or_credit`, the one rule): a line holding one sentence and, after
    it, the photo's credit ("Sanae Takaichi, le 21 octobre, à la Diète, à Tokyo. TAKASHI ONO / REUTERS").
    It describes a picture, not a fact the article reports."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    found = caption_or_credit(line, last=line_end < 0 or not text[line_end:].strip())
    return found is not None and found[0] == "caption"


def _finished(sentence: str) -> bool:
    """Whether a sentence ends as a sentence does (after closing quotes and brackets). Lines that do
    not are a crosshead ("Geiseln und Häftlinge frei"), a related link ("Más información: ..."), a
    byline or a dateline the reader left in the body: none states a fact to compare."""
    return sentence.rstrip(_CLOSING).endswith(SENTENCE_END)


def clause_spans(text: str) -> list[tuple[int, int]]:
    """The clauses of a sentence as spans of `text` (split at commas, semicolons, colons and spaced
    dashes; a piece shorter than CLAUSE_CHARS joins the next, a short last piece the one before),
    or [] where it is one clause."""
    floor = CLAUSE_CHARS_CJK if CJK_CHAR.search(text) else CLAUSE_CHARS
    spans: list[list[int]] = []
    start = 0
    for cut in [*_CLAUSE_BREAK.finditer(text), None]:
        end, after = (cut.start(), cut.end()) if cut else (len(text), len(text))
        if end > start and text[start:end].strip():
            if spans and spans[-1][1] - spans[-1][0] < floor:
                spans[-1][1] = end
            else:
                spans.append([start, end])
        start = after
    if len(spans) > 1 and spans[-1][1] - spans[-1][0] < floor:
        last = spans.pop()
        spans[-1][1] = last[1]
    return [(a, b) for a, b in spans] if len(spans) > 1 else []


def _credit_line(sentence: str) -> bool:
    """A byline, source or "read more" line the reader left in the body (a store read by an older
    version, or a line run into the text): it states nothing to compare. Only without a full stop:
    a sentence of the news ends with one."""
    stripped = sentence.strip()
    return not stripped.endswith((".", "!", "?", "。", "！", "？")) and classify_line(stripped) is not None


def _statement(article, sentence, text: str, mentions: list[dict], dates: list,
               previous: dict[str, Any] | None = None) -> Statement:
    offset = sentence["start"]
    date_spans = [(d["start"] - offset, d["end"] - offset) for d in dates]
    quantities = find_quantities(text, article["language"], date_spans)
    local = [{**m, "start": m["start"] - offset, "end": m["end"] - offset} for m in mentions]
    places = {m["key"] for m in mentions if m["type"] == "LOC" or m["key"].startswith("C:")}
    actors = {f"E:{m['entity_id']}" if m["entity_id"] else m["key"] for m in mentions
              if m["type"] in AGENT_TYPES and not m["key"].startswith("C:")}
    return Statement(article_id=article["id"], index=sentence["idx"], text=text, start=sentence["start"],
                     end=sentence["end"], language=article["language"], source=article["source"] or "unknown",
                     published=article["published"], quantities=quantities,
                     dates=sorted({d["value"] for d in dates if d["precision"] == "day"}), places=places,
                     actors=actors, attribution=attribution(text, local, article["language"], previous), clauses=clause_spans(text))


# -- vectors, cached in the store ------------------------------------------------------------
def embed_text(statement: Statement | str) -> str:
    text = statement if isinstance(statement, str) else statement.text
    return text[:EMBED_CHARS_CJK if CJK_CHAR.search(text) else EMBED_CHARS]


def embed_texts(sentence: str, clauses: list[tuple[int, int]] | None = None) -> list[str]:
    """What is embedded for a statement: the sentence, then each of its clauses (if two or more).
    Cached as one blob of len(result) vectors."""
    spans = clause_spans(sentence) if clauses is None else clauses
    return [embed_text(sentence)] + [embed_text(sentence[a:b]) for a, b in spans]


def _set_vectors(statement: Statement, vectors: np.ndarray) -> None:
    statement.vector = vectors[0]
    statement.clause_vectors = vectors[1:] if len(vectors) > 2 else None


def ingest_statement_vectors() -> bool:
    """Whether the read stage embeds statements (TIDINGS_STATEMENT_VECTORS=ingest): a comparison
    is then fast the first time too, and ingest spends ~2-3x the model time (one vector per
    statement, ~14 an article, besides the article's own)."""
    return os.environ.get("TIDINGS_STATEMENT_VECTORS", "compare").lower() == "ingest"


def embed_statements_of(articles: list, embedder) -> None:
    """At ingest: each article's statement vectors, all articles in one batch (read/__init__.py)."""
    texts, owners = [], []
    for article in articles:
        spans = [(s.start, s.end) for s in article.sentences]
        for i in chosen_sentences(article.text, spans):
            made = embed_texts(article.text[spans[i][0]:spans[i][1]])
            texts += made
            owners.append((article, i, len(made)))
        article.statement_vectors = {}
    if texts:
        vectors, at = embed_batch(embedder, texts), 0
        for article, i, count in owners:  # a sentence's rows (sentence, clauses) are stored as one blob
            article.statement_vectors[i] = vectors[at:at + count]
            at += count


def attach_vectors(store: Store, statements: list[Statement], embedder, *, write: bool = True) -> int:
    """Give every statement its vector: from the cache where it is, else from the model (in one
    batch), stored back when `write` (the read-only server keeps them in memory only).
    Returns how many were computed."""
    if not statements:
        return 0
    model = statement_vector_key(embedder.name)
    ids = sorted({s.article_id for s in statements})
    marks = ",".join("?" * len(ids))
    cached = {(r["article_id"], r["idx"]): r["vector"] for r in store.query(
        f"SELECT article_id, idx, vector FROM statement_vectors WHERE model = ? AND article_id IN ({marks})",
        [model, *ids])}
    missing, texts = [], []
    for statement in statements:
        blob = cached.get((statement.article_id, statement.index))
        rows = 1 + len(statement.clauses)  # a blob of another count is of an older version: made again
        if blob is not None and len(blob) == 4 * embedder.dim * rows:
            _set_vectors(statement, np.frombuffer(blob, dtype=np.float32).reshape(rows, embedder.dim))
        else:
            missing.append(statement)
            texts += embed_texts(statement.text, statement.clauses)
    if not missing:
        return 0
    vectors, at, made = embed_batch(embedder, texts), 0, []
    for statement in missing:
        rows = vectors[at:at + 1 + len(statement.clauses)]
        at += len(rows)
        _set_vectors(statement, rows)
        made.append((statement.article_id, statement.index, model, np.asarray(rows, np.float32).tobytes()))
    if write:
        with store.transaction() as conn:
            conn.executemany("INSERT INTO statement_vectors(article_id, idx, model, vector) VALUES (?,?,?,?)"
                             " ON CONFLICT(article_id, idx, model) DO UPDATE SET vector = excluded.vector", made)
    return len(missing)


def embed_batch(embedder, texts: list[str]) -> np.ndarray:
    """The model's batch call where it has one (e5 batches are ~2x faster than one text at a time
    on 2 cores), else the embedder's own loop."""
    model = getattr(embedder, "_model", None)
    lock = getattr(embedder, "_lock", None)
    if model is not None and lock is not None and hasattr(model, "passage"):
        with lock:
            vectors = np.asarray(model.passage(list(texts)), dtype=np.float32)
        return vectors.reshape(len(texts), -1)
    return np.asarray(embedder.embed_passages(list(texts)), dtype=np.float32)
