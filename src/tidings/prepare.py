"""The pure half of a batch: raw bytes in, read, fingerprinted and embedded articles out.

Nothing here touches the store, the duplicate index or the story state, so it can run anywhere:
in the ingesting process, or on Dask workers (`tidings.distributed`). The ingesting process then
does the other half in input order (`Pipeline._commit`): drop duplicates, place articles into
stories, resolve entities, store, all in one transaction per batch.

Each process loads its embedder once (`get_embedder` keeps it per process), so a worker pays the
model's start-up cost on its first batch only.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Callable

from datasketch import LeanMinHash

from .dedup import signature_of
from .model import Article, RawArticle
from .read import ReadError, embed_articles, read_article
from .read.embed import Embedder, get_embedder

log = logging.getLogger("tidings.prepare")

# Stages that run on each read article after embedding, in the same place as reading (on the
# workers when ingesting with Dask). Event coding plugs in here: add ("events", code_events) to
# this list *in this module's source*: a list changed at run time in the driver does not reach
# worker processes. A stage must be pure (no store access) and deterministic.
ARTICLE_STAGES: list[tuple[str, Callable[[list[Article]], None]]] = []


@dataclass
class Prepared:
    """One raw item after the pure stages: an article (with its MinHash) or why it failed."""

    raw_id: int
    locator: str
    article: Article | None = None
    signature: LeanMinHash | None = None
    error: str | None = None


@dataclass
class PreparedBatch:
    items: list[Prepared]
    read_seconds: float = 0.0
    model_seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    model: str | None = None  # the embedder's name, when this batch was embedded


def read_raw(raw: RawArticle) -> Prepared:
    """Read one raw item; a reader error (or crash) becomes a reported failure, never an exception."""
    try:
        article = read_article(raw)
    except ReadError as exc:
        return Prepared(raw.id, raw.locator, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad item never ends the run
        log.exception("reader crashed on %s", raw.locator)
        return Prepared(raw.id, raw.locator, error=f"reader error: {type(exc).__name__}: {exc}")
    return Prepared(raw.id, raw.locator, article, LeanMinHash(signature_of(article.title + "\n" + article.text)))


def embed_prepared(items: list[Prepared], embedder: Embedder) -> float:
    """Embed the articles that have no vector yet, as one batch; returns the seconds it took."""
    articles = [p.article for p in items if p.article is not None and p.article.embedding is None]
    started = time.perf_counter()
    if articles:
        embed_articles(articles, embedder)
    return time.perf_counter() - started


def run_article_stages(articles: list[Article], timings: dict[str, float] | None = None) -> None:
    for name, stage in ARTICLE_STAGES:
        started = time.perf_counter()
        stage(articles)
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - started


def prepare_batch(raws: list[RawArticle], embedder_name: str | None = None) -> PreparedBatch:
    """Read every raw item and, when `embedder_name` is given, embed and run the article stages.

    This is the function Dask workers run: its arguments and result are plain picklable data,
    and results come back in the order of `raws`.
    """
    started = time.perf_counter()
    items = [read_raw(raw) for raw in raws]
    batch = PreparedBatch(items, read_seconds=time.perf_counter() - started)
    if embedder_name is not None:
        embedder = get_embedder(embedder_name)
        batch.model, batch.model_seconds = embedder.name, embed_prepared(items, embedder)
        run_article_stages([p.article for p in items if p.article is not None], batch.stage_seconds)
    return batch
