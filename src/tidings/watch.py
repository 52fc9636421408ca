"""Live ingestion: poll every followed source on its schedule and push new items through the pipeline.

One cycle:

1. finish raw items an interrupted run left pending;
2. poll the due sources concurrently (a thread pool; the fetcher keeps one request at a time per
   origin, with a delay, robots.txt and Retry-After) - conditional GET, parse (RSS, Atom, JSON Feed,
   news sitemap, a single page), fetch each NEW item's page (the raw page is kept);
3. as each source completes, in the main thread: store its new items and mark them taken (one
   transaction), run them through the pipeline (read -> dedup -> stories -> store), and only then
   save the feed's validators (ETag / Last-Modified) and health. A crash at any point therefore
   loses no item: validators are never saved ahead of the items they cover;
4. check alerts against the new articles and deliver webhooks.

A failing source is recorded (error counts, back-off, Retry-After) and never stops the others.
Everything the watcher knows lives in the store, so a restarted watcher carries on.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Callable

from .alerts import check_alerts, deliver_webhooks
from .model import RawArticle
from .pipeline import IngestReport, Pipeline, raw_key
from .sources.feeds import Document, Entry, parse_document
from .sources.fetch import Fetcher, FetchError
from .store.sources import SourceStore, utcnow
from .store.sqlite import Store

log = logging.getLogger("tidings.watch")
MAX_NEW_PER_POLL = 1000  # a runaway feed cannot flood one cycle ...
MAX_POLL_BYTES = 64 * 1024 * 1024  # ... nor hold more than this many page bytes in memory
CYCLE_DEADLINE_S = 1800.0


@dataclass
class SourceOutcome:
    source: dict[str, Any]
    items: list[tuple[str, str | None, str | None, RawArticle]] = field(default_factory=list)
    not_modified: bool = False
    error: str | None = None
    status: int | None = None
    retry_after: float | None = None
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None
    kind: str | None = None
    wire_bytes: int = 0
    pages: int = 0
    page_errors: int = 0
    partial: bool = False  # more new items than one poll takes: the rest come with the next poll


@dataclass
class CycleReport:
    sources: int = 0
    done: int = 0
    not_modified: int = 0
    new_items: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    ingest: IngestReport = field(default_factory=IngestReport)
    notifications: int = 0
    webhooks: tuple[int, int] = (0, 0)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"sources": self.sources, "polled": self.done, "not_modified": self.not_modified,
                "new_items": self.new_items, "errors": [{"source": u, "error": e} for u, e in self.errors],
                "added": self.ingest.added, "duplicates": self.ingest.duplicates, "failed": self.ingest.failed,
                "notifications": self.notifications, "webhooks_delivered": self.webhooks[0],
                "webhooks_failed": self.webhooks[1], "seconds": round(self.seconds, 3)}


class Watcher:
    def __init__(self, store: Store, pipeline: Pipeline | None = None, *, fetcher: Fetcher | None = None,
                 allow: list[str] | None = None, delay: float = 1.0, workers: int = 8,
                 on_status: Callable[[CycleReport, str], None] | None = None):
        self.store = store
        self.sources = SourceStore(store)
        self.pipeline = pipeline or Pipeline(store)
        self.fetcher = fetcher or Fetcher(allow=allow, delay=delay)
        self.workers = max(1, workers)
        self.on_status = on_status or (lambda report, note: None)

    def close(self) -> None:
        self.fetcher.close()

    # -- one source (worker thread: network and parsing only) ------------------------------------
    def poll_source(self, source: dict[str, Any]) -> SourceOutcome:
        outcome = SourceOutcome(source)
        try:
            self._poll(source, outcome)
        except FetchError as exc:
            outcome.error, outcome.status, outcome.retry_after = str(exc), exc.status, exc.retry_after
        except ValueError as exc:
            outcome.error = f"cannot read {source['url']}: {exc}"
        except Exception as exc:  # noqa: BLE001 - one broken source never stops the others
            log.exception("polling %s crashed", source["url"])
            outcome.error = f"{type(exc).__name__}: {exc}"
        return outcome

    def _poll(self, source: dict[str, Any], outcome: SourceOutcome) -> None:
        result = self.fetcher.get(source["url"], etag=source["etag"], last_modified=source["last_modified"])
        outcome.status, outcome.final_url, outcome.wire_bytes = result.status, result.url, result.wire_bytes
        # a 304 keeps the old validators; a 200 without them clears them
        outcome.etag = result.etag or (source["etag"] if result.not_modified else None)
        outcome.last_modified = result.last_modified or (source["last_modified"] if result.not_modified else None)
        if result.not_modified:
            outcome.not_modified = True
            return
        if source["kind"] == "page":
            doc = Document("html")
        else:
            doc = parse_document(result.url, result.body, result.content_type)
        outcome.kind = doc.kind
        if doc.kind == "opml":
            raise ValueError("this is an OPML list of feeds: add it with `tidings sources import-opml`")
        if doc.kind == "html":  # a single page: one article, taken once
            key = result.url
            if not self.sources.known_keys(source["id"], [key]):
                outcome.items.append((key, result.url, None, self._page_raw(source, result.url, result.body, None)))
            return
        entries = list(doc.entries)
        if doc.kind == "sitemapindex":
            for child in doc.children:
                child_result = self.fetcher.get(child)
                child_doc = parse_document(child_result.url, child_result.body, child_result.content_type)
                entries += child_doc.entries
                doc.title = doc.title or child_doc.title
        seen: set[str] = set()
        unique = [e for e in entries if not (e.key in seen or seen.add(e.key))]
        known = self.sources.known_keys(source["id"], [e.key for e in unique])
        fresh = [e for e in unique if e.key not in known]
        if len(fresh) > MAX_NEW_PER_POLL:
            fresh, outcome.partial = fresh[-MAX_NEW_PER_POLL:], True  # the oldest first
        fresh.reverse()  # feeds list newest first; stories form better oldest first
        held = 0
        for entry in fresh:
            if held > MAX_POLL_BYTES:
                outcome.partial = True
                break
            raw = self._entry_raw(source, doc, entry, outcome)
            held += raw.size
            outcome.items.append((entry.key, entry.url, entry.published, raw))
        if outcome.partial:  # no validators: the next poll must get the whole feed again, not a 304
            outcome.etag = outcome.last_modified = None

    def _meta(self, source: dict[str, Any], doc: Document | None, entry: Entry | None) -> dict[str, Any]:
        meta: dict[str, Any] = {"source_id": source["id"], "feed": source["url"]}
        outlet = source["name"] or (doc.title if doc else None)
        if outlet:
            meta["outlet"] = meta["source"] = outlet
        language = (entry.language if entry else None) or source["language"] or (doc.language if doc else None)
        if language:
            meta["language"] = language.split("-")[0].lower()
        if source["country"]:
            meta["country"] = source["country"]
        return meta

    def _page_raw(self, source, url: str, body: bytes, meta: dict[str, Any] | None) -> RawArticle:
        meta = {**self._meta(source, None, None), **(meta or {}), "url": url}
        return RawArticle(locator=url, format="html", content=body, meta=meta)

    def _entry_raw(self, source, doc: Document, entry: Entry, outcome: SourceOutcome) -> RawArticle:
        meta = self._meta(source, doc, entry)
        url = entry.url if entry.url and entry.url.startswith(("http://", "https://")) else None
        if url and source["fetch_pages"]:
            try:
                page = self.fetcher.get(url)
                outcome.pages += 1
                ctype = page.content_type.split(";")[0].strip().lower()
                if ctype and "html" not in ctype and not page.body.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")):
                    raise FetchError(f"{page.url} is {ctype}, not an HTML page", permanent=True)
                meta.update({"url": page.url, "title": entry.title, "published": entry.published,
                             "fallback_text": entry.text, "fallback_html": entry.html, "item_key": entry.key})
                return RawArticle(locator=page.url, format="html", content=page.body, meta=meta)
            except FetchError as exc:  # the feed's own text stands in for the page
                outcome.page_errors += 1
                meta["page_error"] = str(exc)
        item = {"title": entry.title, "text": entry.text, "url": entry.url, "published": entry.published,
                "source": meta.get("outlet"), "language": meta.get("language"), "author": entry.author,
                "html": entry.html}
        return RawArticle(locator=entry.url or f"{source['url']}#{entry.key}", format="feed-item",
                          content=json.dumps(item, ensure_ascii=False).encode("utf-8"), meta=meta)

    # -- a cycle ---------------------------------------------------------------------------------
    def run_cycle(self, *, force: bool = False, deadline_s: float = CYCLE_DEADLINE_S) -> CycleReport:
        report = CycleReport()
        started = time.perf_counter()
        self.pipeline.process(self.store.raw_ids("pending"), report.ingest)  # what a crash left
        due = self.sources.due(utcnow(), force=force)
        report.sources = len(due)
        self.on_status(report, "polling")
        deadline = time.monotonic() + deadline_s
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="tidings-poll") as pool:
            pending = {pool.submit(self.poll_source, source) for source in due}
            while pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    for future in pending:
                        future.cancel()
                    report.errors.append(("(cycle)", f"{len(pending)} sources not finished before the cycle deadline"))
                    break
                finished, pending = wait(pending, timeout=min(left, 5.0), return_when=FIRST_COMPLETED)
                for future in finished:
                    self._settle(future.result(), report)
                    self.on_status(report, "polling")
        try:
            report.notifications = len(check_alerts(self.store))
            report.webhooks = deliver_webhooks(self.store, self.fetcher)
        except Exception as exc:  # noqa: BLE001 - alerts never stop ingestion
            log.exception("alerts failed")
            report.errors.append(("(alerts)", f"{type(exc).__name__}: {exc}"))
        report.seconds = time.perf_counter() - started
        self.on_status(report, "idle")
        return report

    def _settle(self, outcome: SourceOutcome, report: CycleReport) -> None:
        """Main thread: store a source's new items, process them, then (only then) save its state."""
        source = outcome.source
        report.done += 1
        if outcome.error:
            report.errors.append((source["url"], outcome.error))
            self.sources.failed(source, outcome.error, status=outcome.status, retry_after=outcome.retry_after)
            return
        if outcome.not_modified:
            report.not_modified += 1
        try:
            ids = self.sources.record_items(source["id"], outcome.items, raw_key)
            report.new_items += len(outcome.items)
            self.pipeline.process(ids, report.ingest)
        except Exception as exc:  # noqa: BLE001 - validators are not saved: the next poll retries
            log.exception("storing items of %s failed", source["url"])
            report.errors.append((source["url"], f"{type(exc).__name__}: {exc}"))
            self.sources.failed(source, f"storing items failed: {exc}")
            return
        self.sources.fetched(source, status=outcome.status or 200, etag=outcome.etag,
                             last_modified=outcome.last_modified, final_url=outcome.final_url, kind=outcome.kind,
                             wire_bytes=outcome.wire_bytes, not_modified=outcome.not_modified)

    # -- the loop ----------------------------------------------------------------------------------
    def run(self, *, once: bool = False, cycles: int = 0, stop: threading.Event | None = None,
            max_sleep: float = 60.0) -> list[CycleReport]:
        """Poll until stopped (or after one cycle with `once`, or after `cycles` cycles)."""
        stop = stop or threading.Event()
        reports = []
        while not stop.is_set():
            reports.append(self.run_cycle(force=once))
            if once or (cycles and len(reports) >= cycles):
                break
            next_due = self.sources.next_due()
            pause = max_sleep if next_due is None else (next_due - utcnow()).total_seconds()
            stop.wait(min(max(pause, 1.0), max_sleep))
        return reports
