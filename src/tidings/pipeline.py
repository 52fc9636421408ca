"""The one data flow: source -> raw article -> read article -> story -> store.

Crash safety: raw input is stored (committed) as it arrives, with status 'pending'. A batch of
pending items is then read, embedded and placed into stories, and everything derived from the
batch is written in ONE transaction that also marks the raw items done. A process killed at any
point leaves either the old or the new state; the next run picks up whatever is still pending.
Re-running an ingest adds nothing: raw items are keyed by a hash of their locator and content.
"""
from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Protocol

from .dedup import NearDuplicateIndex
from .entities import Resolver
from .entities.captions import resolve_with_captions
from .events import store as event_store
from .model import Article, RawArticle
from .prepare import PreparedBatch, prepare_batch, run_article_stages
from .read import embed_articles
from .read.embed import Embedder, get_embedder
from .sources import SourceError, iter_sources
from .store.sqlite import Store
from .stories import ClusterParams, StoryClusterer

log = logging.getLogger("tidings.pipeline")
BATCH_SIZE = 16


@dataclass
class IngestReport:
    seen: int = 0  # raw items met in the input
    added: int = 0  # new articles stored
    already: int = 0  # items stored by an earlier run
    duplicates: int = 0
    failed: int = 0
    unsupported: list[str] = field(default_factory=list)  # files of other types found in folders
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    model_seconds: float = 0.0

    def as_dict(self) -> dict:
        return {"seen": self.seen, "added": self.added, "already": self.already, "duplicates": self.duplicates,
                "failed": self.failed, "unsupported": self.unsupported, "errors": [{"locator": l, "reason": r} for l, r in self.errors],
                "seconds": round(self.seconds, 3), "model_seconds": round(self.model_seconds, 3)}


class EmbedderMismatch(RuntimeError):
    pass


class BatchReader(Protocol):
    """Does the pure half of each batch (`tidings.prepare`) and yields the results in the order
    the batches came in, whatever order they finish in."""

    def map(self, batches: Iterable[list[RawArticle]]) -> Iterator[tuple[list[RawArticle], PreparedBatch]]: ...


class LocalReader:
    """Reads each batch in this process when the pipeline asks for it. Embedding is left to the
    pipeline, after the duplicate check, so that duplicates cost no model time."""

    def map(self, batches: Iterable[list[RawArticle]]) -> Iterator[tuple[list[RawArticle], PreparedBatch]]:
        for raws in batches:
            yield raws, prepare_batch(raws)


def raw_key(raw: RawArticle) -> str:
    digest = hashlib.sha256(raw.locator.encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(raw.content)
    return digest.hexdigest()


class Pipeline:
    """Keeps the heavy parts (model, duplicate index, story state) loaded across batches."""

    def __init__(self, store: Store, embedder: Embedder | None = None, params: ClusterParams | None = None,
                 *, check_embedder: bool = True):
        self.store = store
        self.embedder = embedder or get_embedder()
        self.params = params or ClusterParams()
        self.resolver = Resolver(self.embedder)
        self.event_seconds = 0.0  # storing and grouping events (coding itself is a read component)
        if check_embedder:  # `reprocess` re-embeds everything, so it may switch models
            self._check_embedder()
        self._load_state()

    def _check_embedder(self) -> None:
        """Vectors of two models cannot be compared: refuse to mix them in one store."""
        used = [r[0] for r in self.store.query("SELECT DISTINCT model FROM embeddings LIMIT 3")]
        if used and used != [self.embedder.name]:
            raise EmbedderMismatch(
                f"this store was embedded with {', '.join(used)}, not {self.embedder.name}: use the same embedder "
                f"(TIDINGS_EMBEDDER), or re-embed everything with `tidings reprocess`")

    def _load_state(self) -> None:
        # another process writing the same store (`watch` beside `ingest`) moves its state version
        self._data_version = self.store.state_version()
        self.dedup = NearDuplicateIndex()
        self.dedup.load(self.store.minhashes())
        self.clusterer = StoryClusterer(self.params)
        frequencies, documents = self.store.key_frequencies()
        self.clusterer.load(self.store.story_states(), Counter(frequencies), documents)

    # -- ingest -----------------------------------------------------------------------
    def ingest(self, targets: list[str], *, allow_networks: list[str] | None = None,
               on_progress: Callable[[IngestReport], None] | None = None,
               reader: BatchReader | None = None, columns: dict[str, str] | None = None) -> IngestReport:
        """Store every raw item as it arrives, then read and commit it batch by batch.

        `reader` does the pure half of each batch (read + embed): in this process by default,
        on Dask workers with `tidings.distributed.DaskReader`. Either way batches are committed
        here, one transaction each, in input order, so the stories are the same.
        """
        report = IngestReport()
        started = time.perf_counter()
        model_before = getattr(self.embedder, "seconds", 0.0)
        reader = reader or LocalReader()
        queued: set[int] = set()  # raw ids handed to the reader and not yet committed
        # first finish what an interrupted run left pending
        self._run(reader, self._batches(self.store.raw_ids("pending"), queued), queued, report, on_progress)
        items = iter_sources(targets, allow_networks=allow_networks, columns=columns)
        self._run(reader, self._new_batches(items, queued, report, on_progress), queued, report, on_progress)
        self.settle_events()
        report.seconds = time.perf_counter() - started
        report.model_seconds += getattr(self.embedder, "seconds", 0.0) - model_before
        return report

    def _new_batches(self, items: Iterable[RawArticle | SourceError], queued: set[int], report: IngestReport,
                     on_progress: Callable[[IngestReport], None] | None) -> Iterator[list[RawArticle]]:
        """Raw items from the sources, each committed as 'pending' before it is read, in batches."""
        batch: list[int] = []
        for item in items:
            if isinstance(item, SourceError) and item.reason.startswith("unsupported file type"):
                report.unsupported.append(item.locator)  # not broken, just not news: listed, not an error
                continue
            if isinstance(item, SourceError):
                self._error(report, item.locator, item.reason)
                if on_progress:
                    on_progress(report)
                continue
            report.seen += 1
            raw_id, status = self.store.add_raw(item, raw_key(item))
            if status != "pending" or raw_id in queued:
                report.already += 1
                if on_progress:
                    on_progress(report)
                continue
            queued.add(raw_id)
            batch.append(raw_id)
            if len(batch) >= BATCH_SIZE:
                yield [self.store.raw(i) for i in batch]
                batch = []
        if batch:
            yield [self.store.raw(i) for i in batch]

    def _batches(self, ids: list[int], queued: set[int]) -> Iterator[list[RawArticle]]:
        for start in range(0, len(ids), BATCH_SIZE):
            chunk = ids[start:start + BATCH_SIZE]
            queued.update(chunk)
            yield [self.store.raw(i) for i in chunk]

    def _run(self, reader: BatchReader, batches: Iterable[list[RawArticle]], queued: set[int],
             report: IngestReport, on_progress: Callable[[IngestReport], None] | None) -> None:
        """Commit the reader's results in the order the batches were made (not completion order)."""
        for raws, prepared in reader.map(batches):
            self._commit(raws, prepared, report)
            queued.difference_update(raw.id for raw in raws)
            if on_progress:
                on_progress(report)

    def ingest_raw(self, items: Iterable[RawArticle]) -> IngestReport:
        """Ingest raw items made by the caller (Python API, tests, benchmarks)."""
        report = IngestReport()
        ids = []
        for item in items:
            report.seen += 1
            raw_id, status = self.store.add_raw(item, raw_key(item))
            if status == "pending" and raw_id not in ids:
                ids.append(raw_id)
            else:
                report.already += 1
        self._process_ids(ids, report, None)
        return report

    def process(self, ids: list[int], report: IngestReport | None = None,
                on_progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
        """Read, dedup, group and store raw items already in the store (live ingestion)."""
        report = report or IngestReport()
        self._process_ids(ids, report, on_progress)
        return report

    def process_pending(self) -> IngestReport:
        report = IngestReport()
        self._process_ids(self.store.raw_ids("pending"), report, None)
        return report

    def _error(self, report: IngestReport, locator: str, reason: str) -> None:
        report.errors.append((locator, reason))
        report.failed += 1
        self.store.add_error(locator, reason)
        log.warning("skipped %s: %s", locator, reason)

    def _process_ids(self, ids: list[int], report: IngestReport,
                     on_progress: Callable[[IngestReport], None] | None,
                     reader: BatchReader | None = None) -> None:
        queued: set[int] = set()
        self._run(reader or LocalReader(), self._batches(ids, queued), queued, report, on_progress)
        self.settle_events()

    def settle_events(self) -> int:
        """Rebuild the events of stories that batches grouped provisionally (events.store.update_stories),
        once the run's input is in: a run's final events are those of all its mentions, however the
        input was cut into batches or a killed run left them. Returns the stories rebuilt."""
        # most runs leave nothing provisional (live ingestion, small stories): no write lock for them
        if not event_store.has_unsettled(self.store):
            return 0
        started = time.perf_counter()
        with self.store.transaction() as tx:
            self.store.lock_placement(tx)  # one writer regroups a story at a time
            settled = event_store.settle(tx)
        self.event_seconds += time.perf_counter() - started
        return settled

    # -- one batch, one transaction ---------------------------------------------------
    def _process_batch(self, raws: list[RawArticle], report: IngestReport) -> None:
        """Both halves of one batch in this process (items already stored, with their ids)."""
        self._commit(raws, prepare_batch(raws), report)

    def _commit(self, raws: list[RawArticle], batch: PreparedBatch, report: IngestReport) -> None:
        """The stateful half of a batch: drop duplicates, embed what is left (unless a worker already
        did), place into stories, resolve entities and store, in one transaction."""
        if not raws:
            return
        report.model_seconds += batch.model_seconds  # spent on workers; this process's model is timed apart
        outcome: dict[int, tuple[str, str | None, int | None]] = {}  # raw id -> (status, error, dup of)
        fresh: list[tuple[Article, object]] = []
        hashes: dict[str, int] = {}
        urls: dict[str, int] = {}
        for item in batch.items:
            if item.article is None:
                outcome[item.raw_id] = ("failed", item.error, None)
                continue
            article, signature = item.article, item.signature
            duplicate = (hashes.get(article.text_hash) or (article.url and urls.get(article.url))
                         or self._duplicate_of(article, signature))
            if duplicate:
                outcome[item.raw_id] = ("duplicate", None, duplicate)
                continue
            hashes[article.text_hash] = item.raw_id
            if article.url:
                urls[article.url] = item.raw_id
            self.dedup.add(item.raw_id, signature)  # later items of this batch see it too
            fresh.append((article, signature))

        # in this process, embedding comes after the duplicate check: duplicates cost no model time
        unembedded = [a for a, _ in fresh if a.embedding is None]
        if unembedded:
            embed_articles(unembedded, self.embedder)
            run_article_stages(unembedded)
        try:
            with self.store.transaction() as tx:
                # holding the write lock now: what another writer committed meanwhile is read here
                self.store.lock_placement(tx)
                fresh, outcome = self._catch_up(tx, fresh, outcome)
                dirty = {}
                placed = []
                for article, signature in fresh:
                    story, centrality = self.clusterer.place(article)
                    if story.id is None:
                        story.id = self.store.save_story(tx, story.as_row())
                    article.story_id = story.id
                    dirty[story.id] = story
                    placed.append((article, signature, centrality))
                for story in dirty.values():
                    self.store.save_story(tx, story.as_row())
                for article, signature, centrality in placed:
                    # needs the story: context for ambiguous names; captions' names too (entities/captions.py)
                    resolve_with_captions(self.resolver, tx, article)
                    self.store.save_article(tx, article, model=self.embedder.name,
                                            signature=NearDuplicateIndex.to_bytes(signature),
                                            centrality=centrality)
                    events_started = time.perf_counter()
                    event_store.attach_entities(tx, article)
                    event_store.save_mentions(tx, article)
                    self.event_seconds += time.perf_counter() - events_started
                    self.store.mark_raw(tx, article.id, "done")
                # one event, many mentions: the stories that grew regroup their events (big ones
                # provisionally, until the run settles them)
                events_started = time.perf_counter()
                event_store.update_stories(tx, [(a.story_id, a.id) for a, _, _ in placed])
                self.event_seconds += time.perf_counter() - events_started
                for raw_id, (status, error, duplicate_of) in outcome.items():
                    self.store.mark_raw(tx, raw_id, status, error=error, duplicate_of=duplicate_of)
                    if error:
                        tx.execute("INSERT INTO ingest_errors(locator, reason) VALUES (?, ?)",
                                   (self._locator(raws, raw_id), error))
                version = self.store.bump_state_version(tx)
        except BaseException:
            # memory no longer matches the store: reload what was committed
            self._load_state()
            raise
        self._data_version = version
        report.added += len(placed)
        for raw_id, (status, error, _dup) in outcome.items():
            if status == "duplicate":
                report.duplicates += 1
            else:
                report.failed += 1
                report.errors.append((self._locator(raws, raw_id), error or status))
                log.warning("skipped %s: %s", self._locator(raws, raw_id), error)

    def _duplicate_of(self, article: Article, signature) -> int | None:
        """The stored article this one repeats: same normalised text, same URL, or near-same text."""
        return (self.store.article_by_hash(article.text_hash)
                or (article.url and self.store.article_by_url(article.url)) or self.dedup.find(signature))

    def _catch_up(self, tx, fresh: list, outcome: dict) -> tuple[list, dict]:
        """Inside the batch's transaction: if another process wrote to the store since our state was
        loaded, reload it (stories, duplicate index) and re-check this batch against it; items that
        process already finished are dropped from the batch."""
        ids = [a.id for a, _ in fresh] + list(outcome)
        if not ids:
            return fresh, outcome
        version = self.store.state_version(tx)
        if version == self._data_version:
            return fresh, outcome
        log.info("another process wrote to the store: reloading the story state")
        self._load_state()
        marks = ",".join("?" * len(ids))
        pending = {r[0] for r in tx.execute(
            f"SELECT id FROM raw_articles WHERE status = 'pending' AND id IN ({marks})", ids)}
        outcome = {k: v for k, v in outcome.items() if k in pending}
        kept = []
        for article, signature in fresh:
            if article.id not in pending:
                continue  # the other process has already read this item
            duplicate = self._duplicate_of(article, signature)
            if duplicate:
                outcome[article.id] = ("duplicate", None, duplicate)
                continue
            self.dedup.add(article.id, signature)
            kept.append((article, signature))
        return kept, outcome

    @staticmethod
    def _locator(raws: list[RawArticle], raw_id: int) -> str:
        return next((r.locator for r in raws if r.id == raw_id), str(raw_id))

    # -- re-processing ----------------------------------------------------------------
    def reprocess(self, on_progress: Callable[[IngestReport], None] | None = None,
                  reader: BatchReader | None = None) -> IngestReport:
        """Rebuild every derived table from the stored raw input (same input -> same result);
        with a Dask `reader`, reading and embedding run on its workers."""
        with self.store.transaction() as tx:
            self.store.lock_placement(tx)
            self.store.delete_derived(tx)
            self.store.bump_state_version(tx)
        self._load_state()
        report = IngestReport()
        started = time.perf_counter()
        self._process_ids(self.store.raw_ids("pending"), report, on_progress, reader)
        report.seconds = time.perf_counter() - started
        return report

    def recluster(self) -> int:
        """Regroup all stored articles into stories from scratch, in publication order."""
        from .stories.rebuild import recluster

        count = recluster(self.store, self.params)
        with self.store.transaction() as tx:
            event_store.regroup_all(tx)
        self._load_state()
        return count
