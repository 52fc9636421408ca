"""The REST API's write endpoints: ingest articles, follow sources, edit the alias registry, alerts.

Every endpoint here needs a token (`security.authorize_write`); reads elsewhere stay open. Posted
articles go through the same `Pipeline` as `tidings ingest`, so they are read, deduplicated,
grouped into stories and resolved exactly like files.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path as PathParam, Request, Response
from pydantic import BaseModel, Field, TypeAdapter, ValidationError, model_validator

from ..entities import registry
from ..model import ENTITY_TYPES, RawArticle
from ..store.sources import SourceStore
from .alerts import Alert
from .security import Writer

log = logging.getLogger("tidings.api")

MAX_ID = 2**63 - 1
MAX_BODY_BYTES = int(float(os.environ.get("TIDINGS_MAX_INGEST_MB", "5")) * 2**20)
MAX_ITEMS = 1000
HTTP_URL = r"^https?://[^\s]+$"
LANGUAGE = r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$"
COUNTRY = r"^[A-Za-z]{2}$"
FORMATS = {"text/plain": "txt", "text/html": "html", "application/xhtml+xml": "html", "application/json": "json"}

router = APIRouter(prefix="/api", tags=["writes"])
Id = Annotated[int, PathParam(ge=1, le=MAX_ID)]
UNAUTHORISED = {401: {"description": "No token, or not a valid one"},
                403: {"description": "Read-only server, or a cross-site request"}}


# -- models ---------------------------------------------------------------------------------
class ArticleIn(BaseModel):
    """One article as JSON (the fields of a `.jsonl` line)."""

    title: str = Field(min_length=1, max_length=2000)
    text: str = Field(min_length=1, max_length=MAX_BODY_BYTES)
    url: str | None = Field(None, max_length=2000, pattern=HTTP_URL)
    published: str | None = Field(None, max_length=40, description="ISO date or date-time")
    source: str | None = Field(None, max_length=200, description="Outlet name")
    language: str | None = Field(None, max_length=35, pattern=LANGUAGE, description="Declared language, e.g. `de`")
    author: str | None = Field(None, max_length=500)


class IngestedItem(BaseModel):
    locator: str
    raw_id: int
    status: Literal["done", "duplicate", "failed", "pending"]
    article_id: int | None = None
    story_id: int | None = None
    duplicate_of: int | None = None
    error: str | None = None


class IngestResult(BaseModel):
    added: int
    duplicates: int
    already: int = Field(description="Items posted before (same content): nothing was added")
    failed: int
    items: list[IngestedItem]


class SourceIn(BaseModel):
    url: str = Field(max_length=2000, pattern=HTTP_URL, description="Feed, news sitemap or page URL")
    name: str | None = Field(None, max_length=200, description="Outlet name (default: the feed's title)")
    country: str | None = Field(None, pattern=COUNTRY)
    language: str | None = Field(None, max_length=35, pattern=LANGUAGE)
    interval_minutes: int = Field(15, ge=1, le=7 * 24 * 60, description="Minutes between polls")
    kind: Literal["auto", "feed", "sitemap", "page"] = "auto"
    fetch_pages: bool = Field(True, description="Fetch each new item's page (else use the feed text)")


class SourceOut(BaseModel):
    id: int
    url: str
    name: str | None = None
    country: str | None = None
    language: str | None = None
    interval_s: int
    kind: str
    enabled: bool
    created: bool = Field(False, description="False when the URL was already followed (its fields were updated)")


class MergeIn(BaseModel):
    other_id: int = Field(ge=1, le=MAX_ID, description="The entity folded into this one (it disappears)")


class SplitIn(BaseModel):
    aliases: list[Annotated[str, Field(min_length=1, max_length=300)]] = Field(min_length=1, max_length=100)
    name: str | None = Field(None, max_length=300, description="Name of the new entity")


class RenameIn(BaseModel):
    name: str = Field(min_length=1, max_length=300)


class TypeIn(BaseModel):
    type: Literal[ENTITY_TYPES] = Field(description="person, organisation, place, or a name of unknown kind")


class AliasIn(BaseModel):
    alias: str = Field(min_length=1, max_length=300)
    language: str = Field("", max_length=35, pattern=r"^([A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*)?$")


class EntityRef(BaseModel):
    id: int
    name: str


class AlertIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    entity: str | None = Field(None, max_length=300, description="A name (Tokayev) or key (N:tkv, C:KZ)")
    country: str | None = Field(None, pattern=COUNTRY)
    keyword: str | None = Field(None, max_length=500, description="Words articles must contain (full text)")
    language: str | None = Field(None, max_length=35, pattern=LANGUAGE)
    per: Literal["story", "article"] = "story"
    webhook: str | None = Field(None, max_length=2000, pattern=HTTP_URL,
                                description="Receives each notification as a JSON POST (same network rules as feeds)")
    backfill: bool = Field(False, description="Also match articles already stored")

    @model_validator(mode="after")
    def needs_a_criterion(self) -> "AlertIn":
        if not any((self.entity, self.country, self.keyword, self.language)):
            raise ValueError("give at least one of entity, country, keyword, language")
        return self


# -- ingest ---------------------------------------------------------------------------------
INGEST_BODY = {"requestBody": {"required": True, "content": {
    # inline: the body is read by hand (to limit its size), so FastAPI lists no model for it
    "application/json": {"schema": {"anyOf": [ArticleIn.model_json_schema(),
                                              {"type": "array", "items": ArticleIn.model_json_schema(),
                                               "maxItems": MAX_ITEMS}]}},
    "text/plain": {"schema": {"type": "string"}, "example": "date 2025-06-17\nsource: Example\nTitle line\n\nText…"},
    "text/html": {"schema": {"type": "string"}}}}}
ARTICLES = TypeAdapter(ArticleIn | list[ArticleIn])


async def _read_limited(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it is known to exceed `limit` (never read whole first)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"body too large ({int(declared)} bytes > {limit} bytes limit)")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"body too large (> {limit} bytes limit)")
        chunks.append(chunk)
    return b"".join(chunks)


def _raw_items(body: bytes, content_type: str, writer: str) -> list[RawArticle]:
    kind = FORMATS.get(content_type.split(";")[0].strip().lower())
    if kind is None:
        raise HTTPException(415, "send text/plain, text/html or application/json")
    if not body.strip():
        raise HTTPException(400, "the body is empty")
    if kind == "json":
        try:
            parsed = ARTICLES.validate_json(body)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
            raise HTTPException(422, f"not an article or a list of articles: {problems}") from exc
        articles = parsed if isinstance(parsed, list) else [parsed]
        if len(articles) > MAX_ITEMS:
            raise HTTPException(413, f"at most {MAX_ITEMS} articles per request")
        contents = [(json.dumps(a.model_dump(exclude_none=True), ensure_ascii=False).encode("utf-8"), "jsonl")
                    for a in articles]
    else:
        contents = [(body, kind)]
    # the locator names the content: posting the same article twice stores it once
    return [RawArticle(locator=f"api:{hashlib.sha256(content).hexdigest()[:24]}", format=fmt, content=content,
                       meta={"via": "api", "token_name": writer}) for content, fmt in contents]


def _pipeline(request: Request):
    """The app's pipeline, made on the first ingest (it loads the model) and kept."""
    from ..pipeline import EmbedderMismatch

    try:
        return _app_pipeline(request.app)
    except EmbedderMismatch as exc:
        raise HTTPException(409, str(exc)) from exc


def _app_pipeline(app):
    state = app.state
    if state.pipeline is None:
        state.pipeline = state.pipeline_factory(state.store)
        # a server killed mid-batch left its raw input stored but pending: finish it first, as
        # `tidings ingest` does, so nothing posted before the crash waits for another writer
        state.pipeline.process_pending()
    return state.pipeline


def finish_interrupted_work(app):
    """At start, on the writer thread: finish what a killed server (or ingest) left, raw items still
    pending or stories with provisional events, instead of waiting for the next post. Returns the
    future, or None when there is nothing to do (the model is then loaded on the first post only)."""
    from ..events.store import has_unsettled

    store = app.state.store
    pending = store.query("SELECT 1 FROM raw_articles WHERE status = 'pending' LIMIT 1")
    if not pending and not has_unsettled(store):
        return None

    def finish() -> None:
        try:
            # called at start, so the pipeline is made here: making it processes what is pending,
            # and that run, like every run, ends by settling provisional events
            _app_pipeline(app)
            app.state.explorer.forget()
        except Exception:  # logged; the next post tries again
            log.exception("could not finish the work a stopped run left")

    return app.state.ingest_thread.submit(finish)


def _ingest(request: Request, items: list[RawArticle]) -> IngestResult:
    from ..pipeline import raw_key

    report = _pipeline(request).ingest_raw(items)
    store = request.app.state.store
    results = []
    for item in items:
        row = store.query("SELECT r.id, r.status, r.duplicate_of, r.error, a.story_id FROM raw_articles r"
                          " LEFT JOIN articles a ON a.id = r.id WHERE r.sha256 = ?", (raw_key(item),))[0]
        results.append(IngestedItem(locator=item.locator, raw_id=row["id"], status=row["status"],
                                    article_id=row["id"] if row["status"] == "done" else None,
                                    story_id=row["story_id"], duplicate_of=row["duplicate_of"], error=row["error"]))
    request.app.state.explorer.forget()
    return IngestResult(added=report.added, duplicates=report.duplicates, already=report.already,
                        failed=report.failed, items=results)


@router.post("/ingest", response_model=IngestResult, responses=UNAUTHORISED | {413: {"description": "Body too large"}},
             summary="Ingest articles", openapi_extra=INGEST_BODY)
async def ingest(request: Request, writer: Writer):
    """Store and process articles posted as one text file (`text/plain`, same header lines as a
    `.txt` file), one HTML page (`text/html`) or JSON (`application/json`: one article or a list of
    up to 1,000). They are read, deduplicated, grouped into stories and resolved like any other
    input; the answer says what became of each. Bodies over `TIDINGS_MAX_INGEST_MB` (5 MB by
    default) are refused with 413."""
    body = await _read_limited(request, MAX_BODY_BYTES)
    items = _raw_items(body, request.headers.get("content-type", ""), writer)
    # always on the one writer thread: the pipeline's state is in memory, and its check for other
    # writers (PRAGMA data_version) compares values of one connection, and connections are per thread
    writer_thread = request.app.state.ingest_thread
    return await asyncio.wrap_future(writer_thread.submit(_ingest, request, items))


# -- sources --------------------------------------------------------------------------------
def _source_out(source: dict[str, Any], created: bool = False) -> SourceOut:
    return SourceOut(id=source["id"], url=source["url"], name=source["name"], country=source["country"],
                     language=source["language"], interval_s=source["interval_s"], kind=source["kind"],
                     enabled=bool(source["enabled"]), created=created)


@router.get("/sources", response_model=list[SourceOut], tags=["sources"], summary="List followed sources")
def list_sources(request: Request):
    """Feeds, sitemaps and pages `tidings watch` polls (open to read, like every listing)."""
    return [_source_out(s) for s in SourceStore(request.app.state.store).all()]


@router.post("/sources", response_model=SourceOut, status_code=201, responses=UNAUTHORISED, tags=["sources"],
             summary="Follow a source")
def add_source(request: Request, writer: Writer, source: SourceIn):
    """Follow a feed, news sitemap or page (a known URL gets the given fields updated)."""
    sources = SourceStore(request.app.state.store)
    source_id, created = sources.add(source.url, name=source.name, country=source.country, language=source.language,
                                     interval_s=source.interval_minutes * 60, kind=source.kind,
                                     fetch_pages=source.fetch_pages)
    _wrote(request)
    return _source_out(sources.get(source_id), created)


@router.delete("/sources/{source_id}", status_code=204, responses=UNAUTHORISED | {404: {"description": "No such source"}},
               tags=["sources"], summary="Stop following a source")
def remove_source(request: Request, writer: Writer, source_id: Id):
    """Articles already stored stay."""
    if not SourceStore(request.app.state.store).remove(source_id):
        raise HTTPException(404, f"source {source_id} not found")
    _wrote(request)
    return Response(status_code=204)


# -- alias registry -------------------------------------------------------------------------
def _wrote(request: Request) -> None:
    """Pages remembered by the server are dropped: whoever wrote sees the change at once."""
    request.app.state.explorer.forget()


def _edit(request: Request, action):
    try:
        result = action()
    except registry.RegistryError as exc:
        raise HTTPException(404 if str(exc).startswith("no entity") else 400, str(exc)) from exc
    _wrote(request)
    return result


def _entity_ref(request: Request, entity_id: int) -> EntityRef:
    row = request.app.state.store.query("SELECT id, name FROM entities WHERE id = ?", (entity_id,))[0]
    return EntityRef(id=row["id"], name=row["name"])


ENTITY_ERRORS = UNAUTHORISED | {404: {"description": "No such entity"}, 400: {"description": "Edit not possible"}}


@router.post("/entities/{entity_id}/merge", response_model=EntityRef, responses=ENTITY_ERRORS, tags=["entities"],
             summary="Merge another entity into this one")
def merge_entities(request: Request, writer: Writer, entity_id: Id, body: MergeIn):
    """Aliases and mentions of `other_id` move here; `other_id` disappears. Kept across re-processing."""
    _edit(request, lambda: registry.merge(request.app.state.store, entity_id, body.other_id))
    return _entity_ref(request, entity_id)


@router.post("/entities/{entity_id}/split", response_model=EntityRef, status_code=201, responses=ENTITY_ERRORS,
             tags=["entities"], summary="Split aliases off into a new entity")
def split_entity(request: Request, writer: Writer, entity_id: Id, body: SplitIn):
    """Move the given aliases (and the mentions spelled so) to a new entity, which is returned."""
    new_id = _edit(request, lambda: registry.split(request.app.state.store, entity_id, body.aliases, body.name))
    return _entity_ref(request, new_id)


@router.put("/entities/{entity_id}/name", response_model=EntityRef, responses=ENTITY_ERRORS, tags=["entities"],
            summary="Rename an entity")
def rename_entity(request: Request, writer: Writer, entity_id: Id, body: RenameIn):
    """Give an entity its canonical name (also kept as an alias)."""
    _edit(request, lambda: registry.rename(request.app.state.store, entity_id, body.name))
    return _entity_ref(request, entity_id)


@router.put("/entities/{entity_id}/type", response_model=EntityRef, responses=ENTITY_ERRORS, tags=["entities"],
            summary="Set an entity's type")
def retype_entity(request: Request, writer: Writer, entity_id: Id, body: TypeIn):
    """Say what an entity is (kept across re-processing): mostly for names of unknown kind (NAME)."""
    _edit(request, lambda: registry.retype(request.app.state.store, entity_id, body.type))
    return _entity_ref(request, entity_id)


@router.post("/entities/{entity_id}/aliases", response_model=EntityRef, status_code=201, responses=ENTITY_ERRORS,
             tags=["entities"], summary="Add an alias")
def add_alias(request: Request, writer: Writer, entity_id: Id, body: AliasIn):
    """Mentions spelled so resolve to this entity from now on."""
    _edit(request, lambda: registry.add_alias(request.app.state.store, entity_id, body.alias, body.language))
    return _entity_ref(request, entity_id)


# -- alerts ---------------------------------------------------------------------------------
@router.post("/alerts", response_model=Alert, status_code=201, responses=UNAUTHORISED, tags=["alerts"],
             summary="Create an alert")
def create_alert(request: Request, writer: Writer, alert: AlertIn):
    """Save a query; `tidings watch` raises a notification when a new story or article matches."""
    sources = SourceStore(request.app.state.store)
    alert_id = sources.add_alert(alert.name, entity=alert.entity, country=alert.country, keyword=alert.keyword,
                                 language=alert.language, per=alert.per, webhook=alert.webhook,
                                 backfill=alert.backfill)
    _wrote(request)
    saved = next(a for a in sources.alerts() if a["id"] == alert_id)
    return Alert(**{k: saved[k] for k in ("id", "name", "entity", "country", "keyword", "language", "per",
                                          "created_at")}, has_webhook=bool(saved["webhook"]), enabled=bool(saved["enabled"]))


@router.delete("/alerts/{alert_id}", status_code=204, responses=UNAUTHORISED | {404: {"description": "No such alert"}},
               tags=["alerts"], summary="Delete an alert")
def delete_alert(request: Request, writer: Writer, alert_id: Id):
    """The alert and its notifications."""
    if not SourceStore(request.app.state.store).remove_alert(alert_id):
        raise HTTPException(404, f"alert {alert_id} not found")
    _wrote(request)
    return Response(status_code=204)


def new_write_state(app, pipeline_factory) -> None:
    """What the write endpoints keep on the app: the pipeline (made on first use) and the one thread
    it runs on (posted batches are processed one after the other)."""
    app.state.pipeline = None
    app.state.pipeline_factory = pipeline_factory
    app.state.ingest_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tidings-ingest")
