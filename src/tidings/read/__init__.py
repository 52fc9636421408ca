"""Stage 2: read a raw article in its own language.

Like a spaCy pipeline, reading is a list of small components that each add to one `Article`:
parse -> clean -> language -> sentences -> dates -> names -> events. Embedding is done afterwards for a
whole batch, because the model is the costly part.
"""
from __future__ import annotations

import time
from datetime import date
from typing import Callable

from ..model import Article, RawArticle
from ..textutil import text_hash
from .captions import caption_mentions
from .clean import strip_noise
from .credits import credit_mentions
from .dates import find_dates, parse_published
from .embed import Embedder, get_embedder
from .language import detect_language
from .names import find_mentions
from .parse import ReadError, parse
from .sentences import split_sentences
from .titles import title_mentions

__all__ = ["read_article", "embed_articles", "ReadError", "COMPONENTS"]

Component = Callable[[Article], None]
MIN_TEXT_CHARS = 25  # below this an "article" is a fragment (a broken page, a title-only feed item)


def _language(article: Article) -> None:
    hint = article.metadata.pop("_language_hint", None)
    article.language, article.language_score = detect_language(f"{article.title}\n{article.text}", hint)


def _sentences(article: Article) -> None:
    article.sentences = split_sentences(article.text, article.language)


def _dates(article: Article) -> None:
    reference = date.fromisoformat(article.published[:10]) if article.published else None
    article.dates = find_dates(article.text, article.sentences, reference, article.language)
    if article.published is None:
        # no date from the source: the first full date in the opening sentences (a dateline)
        for found in article.dates:
            if found.sentence <= 1 and found.precision == "day":
                article.published, article.published_precision = found.value.split("/")[0], "day"
                article.metadata["published_from"] = "text"
                # the days that name no year ("rains of 22 April") are read again against it
                article.dates = find_dates(article.text, article.sentences, date.fromisoformat(article.published),
                                           article.language)
                break


def _names(article: Article) -> None:
    # the body's names, then the captions', the headline's and the credited agencies' after them: an
    # event's actor points into this list by index, so the body's keep their places whether or not
    # the others are read (read/captions.py, titles.py, credits.py); the headline is read knowing the
    # body's names
    article.mentions = find_mentions(article.text, article.sentences, article.language)
    article.mentions += caption_mentions(article.metadata, article.language)
    article.mentions += title_mentions(article.title, article.language, article.mentions)
    article.mentions += credit_mentions(article.metadata)  # the news agencies credited, nobody else


def _events(article: Article) -> None:
    # who did what to whom: needs sentences, names and dates, nothing from other articles
    from ..events import code_events

    article.events = code_events(article)


COMPONENT_SECONDS: dict[str, float] = {}  # time spent per component in this process (benchmarks)

COMPONENTS: list[tuple[str, Component]] = [
    ("language", _language),
    ("sentences", _sentences),
    ("dates", _dates),
    ("names", _names),
    ("events", _events),
]


def read_article(raw: RawArticle) -> Article:
    """Raw input -> article with language, clean text, sentences, dates and names (no embedding)."""
    parsed = parse(raw)
    text, noise = strip_noise(parsed.text)
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise ReadError(f"too little article text ({len(text.strip())} characters after removing captions and credits)")
    metadata = dict(parsed.metadata)
    for kind, lines in noise.items():  # added to the figure captions the HTML parser found, not over them
        before = metadata.get(kind)
        metadata[kind] = [*before, *lines] if isinstance(before, list) else lines
    if parsed.language:
        metadata["_language_hint"] = parsed.language
    published, precision = parse_published(parsed.published)
    byline = parsed.byline or (noise.get("bylines") or [None])[0]
    article = Article(title=parsed.title.strip(), text=text, url=parsed.url or raw.meta.get("url"),
                      source=parsed.source or raw.meta.get("source"), published=published,
                      published_precision=precision, byline=byline, metadata=metadata,
                      text_hash=text_hash(parsed.title + "\n" + text), id=raw.id, raw_id=raw.id)
    for name, component in COMPONENTS:
        started = time.perf_counter()
        component(article)
        COMPONENT_SECONDS[name] = COMPONENT_SECONDS.get(name, 0.0) + time.perf_counter() - started
    return article


def embed_articles(articles: list[Article], embedder: Embedder | None = None) -> None:
    """Embed title + lead of each article in one batch (cost grows with length, so the lead only)."""
    embedder = embedder or get_embedder()
    vectors = embedder.embed_passages([a.lead() for a in articles])
    for article, vector in zip(articles, vectors):
        article.embedding = vector
    from ..compare.statements import embed_statements_of, ingest_statement_vectors  # compare imports the store

    if ingest_statement_vectors():
        embed_statements_of(articles, embedder)
