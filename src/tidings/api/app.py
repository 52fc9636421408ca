"""The REST API and the web pages over one store: reads are open, writes need a token.

    uvicorn --factory tidings.api.app:create_app

Every page is rendered server-side from the same JSON-ready data its twin (`<path>.json`)
returns, so what a reader sees and what a script gets can never drift apart. All data comes
from `tidings.query.Explorer`; this module only validates input and chooses a representation.
"""
from __future__ import annotations

import json
import os
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import AfterValidator
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import resolve_db_url
from ..entities.resolve import country_name  # pages name countries as the resolver names their entities
from ..store import open_store
from ..query import Explorer
from ..snippets import MAX_QUERY_CHARS, QueryError, clean_query, has_words
from ..store.sqlite import Store
from .alerts import router as alerts_api
from .compare import api as compare_api, pages as compare_pages
from .dates import DateCheck
from .security import AccessLog
from .writes import new_write_state, router as writes_api
from .entities import api as entities_api, pages as entity_pages
from .events import api as events_api, pages as event_pages
from . import charts
from .schemas import (ArticleDetail, ArticleSummary, ErrorBody, Health, SearchHit, SearchMode, Stats,
                      StoryDetail, StorySort, StorySummary)

HERE = Path(__file__).parent
PAGE_SIZE = 20
MAX_ID = 2**63 - 1  # SQLite's integer range: larger ids would overflow inside sqlite3 (a 500)
MAX_OFFSET = 1_000_000_000
# Empty values are allowed because HTML forms send `?language=` for "all"; they mean "no filter".
LANGUAGE_PATTERN = r"^([A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*)?$"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'",
}

NOT_FOUND = {404: {"model": ErrorBody, "description": "No such item"}}

# -- query parameters, shared by the API and the pages ------------------------------------
Limit = Annotated[int, Query(ge=1, le=500, description="How many items to return (1-500)")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="How many items to skip")]
# languages are stored in lower case (`de`); `DE`, as the pages' badges write it, means the same
LowerCase = AfterValidator(lambda value: value.lower() if value else value)
Language = Annotated[str | None, Query(max_length=35, pattern=LANGUAGE_PATTERN,
                                       description="ISO 639-1 language code, e.g. `fr`"), LowerCase]
TitleLanguage = Annotated[str | None, Query(max_length=35, pattern=LANGUAGE_PATTERN,
                                            description="Show each story's title in this language where it has"
                                                        " an article in it, else its most central article's"), LowerCase]
IsoDate = Annotated[str | None, Query(max_length=40, description="ISO date, e.g. 2025-10-19"), DateCheck("datetime")]
Keywords = Annotated[str | None, Query(max_length=500, description="Keywords the story's articles must contain")]
SearchText = Annotated[str, Query(max_length=MAX_QUERY_CHARS, description="What to look for, in any language"
                                               " (at most 500 characters)")]
Country = Annotated[str | None, Query(max_length=2, pattern=r"^([A-Za-z]{2})?$",
                                      description="ISO 3166 alpha-2 code of a country the story names, e.g. `FR`")]
Source = Annotated[str | None, Query(max_length=200, description="Outlet name")]
StoryId = Annotated[int, PathParam(ge=1, le=MAX_ID)]
EntityFilter = Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only stories naming this entity")]
ArticleId = Annotated[int, PathParam(ge=1, le=MAX_ID)]


def _blank(value: str | None) -> str | None:
    """'' (an HTML form's "any") and whitespace mean no filter."""
    return value.strip() or None if value else None


def _explorer(request: Request) -> Explorer:
    return request.app.state.explorer


Data = Annotated[Explorer, Depends(_explorer)]


# -- security headers -----------------------------------------------------------------------
class SecurityHeaders:
    """Plain ASGI middleware, so that every response gets the headers (static files and errors too)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """HEAD answered as GET without the body (FastAPI's routes answer GET only, so `curl -I`, uptime
    monitors and link checkers got 405 on every page, /healthz included). Plain ASGI middleware:
    the route, the headers and the status are GET's; only the body is dropped."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def send_without_body(message):
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)


# -- data for the pages (each also served as the page's JSON twin) -----------------------
def _story_or_404(explorer: Explorer, story_id: int, title_language: str | None) -> dict[str, Any]:
    story = explorer.story(story_id, title_language=_blank(title_language))
    if story is None:
        raise HTTPException(404, f"story {story_id} not found")
    return story


def _article_or_404(explorer: Explorer, article_id: int) -> dict[str, Any]:
    article = explorer.article(article_id)
    if article is None:
        raise HTTPException(404, f"article {article_id} not found")
    return article


PERIODS = (("Last day", 0), ("Last 7 days", 6), ("Last 30 days", 29))
FRONT_SEARCH_HITS = 6
# semantic hits shown on the front page: within this cosine of the best (calibrated on the test corpora)
FRONT_SEMANTIC_MARGIN = 0.07


def front_page_data(explorer: Explorer, *, page: int, sort: StorySort, language: str | None,
                    lang: str | None, q: str | None, country: str | None = None, source: str | None = None,
                    since: str | None = None, until: str | None = None, entity: int | None = None,
                    event: str | None = None) -> dict[str, Any]:
    """The front page's data, remembered until the store changes (pages are read far more than written)."""
    key = ("front", page, sort.value, language, lang, q, country, source, since, until, entity, event)
    return explorer.memo(key, lambda: _front_page_data(explorer, page=page, sort=sort, language=language, lang=lang,
                                                       q=q, country=country, source=source, since=since,
                                                       until=until, entity=entity, event=event))


def _front_page_data(explorer: Explorer, *, page: int, sort: StorySort, language: str | None,
                     lang: str | None, q: str | None, country: str | None, source: str | None,
                     since: str | None, until: str | None, entity: int | None = None,
                     event: str | None = None) -> dict[str, Any]:
    from ..events.ontology import TYPES

    filters = {"sort": sort.value, "language": _blank(language), "lang": _blank(lang), "q": _blank(q),
               "country": (_blank(country) or "").upper() or None, "source": _blank(source),
               "since": _blank(since), "until": _blank(until), "entity": entity,
               "event": _event_type(event)}
    # one extra row tells whether a next page exists without counting the whole table
    rows = explorer.stories(limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE, sort=filters["sort"],
                            language=filters["language"], title_language=filters["lang"], q=filters["q"],
                            country=filters["country"], source=filters["source"], since=filters["since"],
                            until=filters["until"], entity=filters["entity"], event_type=filters["event"])
    stats = _stats(explorer)
    languages = [{"code": code, "name": language_name(code), "articles": n} for code, n in stats["languages"].items()]
    facets = explorer.facets()
    countries = [{**c, "name": country_name(c["code"])} for c in facets["countries"]]
    return {"filters": filters, "page": page, "page_size": PAGE_SIZE, "has_next": len(rows) > PAGE_SIZE,
            "stories": rows[:PAGE_SIZE], "stats": stats, "languages": languages, "countries": countries,
            "sources": facets["sources"], "periods": periods(explorer.reference_day(filters["until"])),
            "search_hits": _front_search(explorer, filters), "entity": _entity_ref(explorer, filters["entity"]),
            "event_types": sorted(TYPES)}


def _stats(explorer: Explorer) -> dict[str, Any]:
    """The store's counts as pages show them: the same for every filter, counted once per store version."""
    return explorer.memo(("stats",), explorer.stats)


def _event_type(value: str | None) -> str | None:
    from ..events.ontology import canonical_type

    if not _blank(value):
        return None
    try:
        return canonical_type(value)
    except KeyError:
        raise HTTPException(422, f"unknown event type {value!r}: use a PLOVER type such as CONSULT") from None


def periods(reference: str | None) -> list[dict[str, Any]]:
    """Quick periods ending on the newest article's day (the corpus may be historical)."""
    if not reference:
        return []
    end = date.fromisoformat(reference)
    return [{"label": label, "since": (end - timedelta(days=days)).isoformat(), "until": reference}
            for label, days in PERIODS]


def _entity_ref(explorer: Explorer, entity_id: int | None) -> dict[str, Any] | None:
    if entity_id is None:
        return None
    rows = explorer.store.query("SELECT id, name, type FROM entities WHERE id = ?", (entity_id,))
    return dict(rows[0]) if rows else {"id": entity_id, "name": f"entity {entity_id}", "type": None}


def _front_search(explorer: Explorer, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """The search box's cross-lingual half: the closest articles in any language (keyword + semantic)."""
    if not filters["q"]:
        return []
    return explorer.search(filters["q"], mode="hybrid", limit=FRONT_SEARCH_HITS, language=filters["language"],
                           semantic_margin=FRONT_SEMANTIC_MARGIN)


def search_page_data(explorer: Explorer, *, q: str, mode: SearchMode, language: str | None,
                     limit: int) -> dict[str, Any]:
    """The search page's data; `notice` says why a query that was typed cannot be searched."""
    text, notice = search_text(q)
    # remembered until the store changes, like the front page: popular queries are asked again and again
    results = explorer.memo(("search", text, mode.value, limit, _blank(language)), lambda: explorer.search(
        text, mode=mode.value, limit=limit, language=_blank(language))) if text and not notice else []
    return {"q": text, "mode": mode.value, "language": _blank(language), "limit": limit, "results": results,
            "notice": notice}


def search_text(q: str | None) -> tuple[str, str | None]:
    """The query as searched (control characters dropped, whitespace collapsed) and, when it cannot
    be searched, why, in words a reader understands."""
    try:
        text = clean_query(q)
    except QueryError as error:
        return (q or "").strip()[:MAX_QUERY_CHARS], f"Nothing searched: {error}."
    if text and not has_words(text):
        return text, "Nothing searched: the query has no letter or digit to look for."
    return text, None


# -- REST API -------------------------------------------------------------------------------
api = APIRouter(prefix="/api", tags=["api"])


@api.get("/stories", response_model=list[StorySummary], summary="List stories")
def list_stories(explorer: Data, limit: Limit = 50, offset: Offset = 0, language: Language = None,
                 since: IsoDate = None, until: IsoDate = None, sort: StorySort = StorySort.size,
                 title_language: TitleLanguage = None, q: Keywords = None, country: Country = None,
                 source: Source = None, entity: EntityFilter = None):
    """Stories, largest (`sort=size`), most recently updated (`sort=recent`) or growing fastest
    (`sort=growth`: most articles in the last 3 days of the period) first.

    `language` keeps stories with at least one article in that language; `since`/`until` keep
    stories active in that period; `q` keeps stories with an article matching all the keywords;
    `country` keeps stories naming that country; `source` stories with an article from that outlet;
    `entity` stories naming that entity (an id from `/api/entities`), in any spelling.
    """
    return explorer.stories(limit=limit, offset=offset, language=_blank(language), since=_blank(since),
                            until=_blank(until), sort=sort.value, title_language=_blank(title_language),
                            q=_blank(q), country=(_blank(country) or "").upper() or None, source=_blank(source),
                            entity=entity)


@api.get("/stories/{story_id}", response_model=StoryDetail, responses=NOT_FOUND, summary="One story")
def get_story(explorer: Data, story_id: StoryId, title_language: TitleLanguage = None):
    """A story with its articles (also grouped by language), the names its articles share, its
    events (PLOVER, with mentions) and its dyads (who acted towards whom)."""
    story = _story_or_404(explorer, story_id, title_language)
    story.update(_story_events(explorer, story_id))
    return story


@api.get("/articles", response_model=list[ArticleSummary], summary="List articles")
def list_articles(explorer: Data, limit: Limit = 50, offset: Offset = 0,
                  story_id: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only this story's")] = None,
                  language: Language = None,
                  source: Annotated[str | None, Query(max_length=200, description="Outlet name")] = None):
    """Article summaries, newest first."""
    return explorer.articles(limit=limit, offset=offset, story_id=story_id, language=_blank(language),
                             source=_blank(source))


@api.get("/articles/{article_id}", response_model=ArticleDetail, responses=NOT_FOUND, summary="One article")
def get_article(explorer: Data, article_id: ArticleId):
    """The clean text with what was taken out of it (metadata), sentences, names, dates and duplicates."""
    return _article_or_404(explorer, article_id)


@api.get("/search", response_model=list[SearchHit], summary="Search articles")
def search(explorer: Data, q: SearchText, mode: SearchMode = SearchMode.hybrid,
           limit: Annotated[int, Query(ge=1, le=500, description="How many results (1-500)")] = 20,
           language: Language = None):
    """Keyword (full text), semantic (cross-lingual: a query in one language finds articles in
    others) or hybrid (both, fused by rank), best first.

    Each hit says how it was found (`match`: words, meaning or both) and shows why in a `snippet` of
    its text: the stretch holding most of the query's words, marked; for a hit by meaning alone, the
    sentence nearest to the query where the store holds sentence vectors, else the article's lead.
    `snippet_html` is the same, escaped, with `<mark>`. A `q` that is blank or holds no letter or
    digit is refused (422), as is one longer than 500 characters.
    """
    data = search_page_data(explorer, q=q, mode=mode, language=language, limit=limit)
    if not data["q"]:
        raise HTTPException(422, "q is empty: give at least one word to search for")
    if data["notice"]:
        raise HTTPException(422, data["notice"])
    return data["results"]


@api.get("/stats", response_model=Stats, summary="Counts")
def stats(explorer: Data):
    """How many articles, stories, raw items, duplicates and failures the store holds."""
    return explorer.stats()


def healthz(request: Request) -> Health:
    """Liveness and the store's schema version (for monitors and deploy checks)."""
    explorer: Explorer = request.app.state.explorer
    return Health(status="ok", schema_version=explorer.store.schema_version(),
                  articles=explorer.stats()["articles"])


def metrics(request: Request):
    """Prometheus text format: articles, stories, entities, the raw-item queue, failures by kind."""
    from fastapi.responses import PlainTextResponse

    from ..ops import metrics_text

    return PlainTextResponse(metrics_text(request.app.state.explorer.store),
                             media_type="text/plain; version=0.0.4; charset=utf-8")


# -- web pages ------------------------------------------------------------------------------
pages = APIRouter(include_in_schema=False)


@lru_cache(maxsize=512)
def language_name(code: str | None) -> str:
    """English name of a language code (babel knows them all), the code itself if unknown."""
    if not code:
        return ""
    try:
        from babel import Locale

        return Locale("en").languages.get(code.replace("-", "_"), code)
    except Exception:  # noqa: BLE001 - a display nicety must never break a page
        return code


def date_span(first: str | None, last: str | None) -> str:
    first, last = (first or "")[:10], (last or "")[:10]
    if first and last and first != last:
        return f"{first} – {last}"
    return first or last


def safe_url(url: str | None) -> str | None:
    """Only http(s) links: autoescaping does not stop a `javascript:` URL from running."""
    if url and urlsplit(url).scheme.lower() in ("http", "https"):
        return url
    return None


def paragraphs(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").split("\n") if line.strip()]


def blocks(text: str | None) -> list[str]:
    """Blank-line separated paragraphs with their line wraps undone (docstrings, descriptions)."""
    return [" ".join(block.split()) for block in (text or "").split("\n\n") if block.strip()]


def distinct_mentions(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each name once (with how often it occurs), in order of first appearance; `only_in_captions`
    where every mention of it is in a photo caption, not in the text; `in_title` where the headline
    names it, `only_in_title` where only the headline does, `only_credited` where only a credit line
    names it (a news agency, read/credits.py)."""
    seen: dict[tuple, dict[str, Any]] = {}
    for mention in mentions:
        item = seen.setdefault((mention["text"], mention["type"]),
                               {**mention, "count": 0, "only_in_captions": True, "in_title": False, "only_in_title": True,
                                "only_credited": True})
        item["count"] += 1
        part = mention.get("part")
        item["only_in_captions"] &= part == "caption"
        item["in_title"] |= part == "title"
        item["only_in_title"] &= part == "title"
        item["only_credited"] &= part == "credit"
    return list(seen.values())


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update(language_name=language_name, safe_url=safe_url, paragraphs=paragraphs, blocks=blocks,
                       distinct_mentions=distinct_mentions, country_name=country_name)
    env.globals.update(date_span=date_span, sparkline=charts.sparkline, timeline=charts.timeline,
                       world_map=charts.world_map, network=charts.network, dyad_graph=charts.dyad_graph)
    return env


templates = Jinja2Templates(env=_environment())


def _twin_url(request: Request) -> str:
    """The JSON twin of the page being shown, with the same query string."""
    path = request.url.path.rstrip("/") or "/index"
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{path}.json{query}"


def render(request: Request, name: str, context: dict[str, Any], *, status_code: int = 200,
           twin: bool = True) -> HTMLResponse:
    """A page; `twin` says whether it has a JSON twin to link to (error pages and /docs do not)."""
    return templates.TemplateResponse(request, name, _page_context(request, context, twin=twin),
                                      status_code=status_code)


def _page_context(request: Request, context: dict[str, Any], *, twin: bool = True) -> dict[str, Any]:
    """What every template gets besides its own data: the mount point and the JSON twin's URL."""
    return {"root": request.scope.get("root_path", ""), "twin_url": _twin_url(request) if twin else None, **context}


def _page_key(kind: str, request: Request) -> tuple[str, str, str, str]:
    return kind, request.scope.get("root_path", ""), request.url.path, request.url.query


def render_remembered(request: Request, explorer: Explorer, name: str, context_of) -> HTMLResponse:
    """A page rendered once per URL and store version, then served as remembered bytes: the
    template costs more than the data behind a busy page (the front page's twenty stories with their
    sparklines), and every reader of a URL sees the same page (templates read nothing of the request
    but its URL)."""
    def rendered() -> str:
        return templates.get_template(name).render({"request": request, **_page_context(request, context_of())})

    return HTMLResponse(explorer.memo(_page_key("html", request), rendered))


def json_remembered(request: Request, explorer: Explorer, data_of) -> Response:
    """The JSON twin of a page, encoded once per URL and store version (as JSONResponse would)."""
    def encoded() -> bytes:
        data = data_of()
        if hasattr(data, "model_dump_json"):  # pydantic encodes its own models faster than jsonable_encoder
            return data.model_dump_json().encode()
        return json.dumps(jsonable_encoder(data), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()

    return Response(explorer.memo(_page_key("json", request), encoded), media_type="application/json")


def _query_url(path: str, params: dict[str, Any]) -> str:
    """A bookmarkable URL: only the filters that are set."""
    kept = {k: v for k, v in params.items() if v not in (None, "") and not (k == "page" and v == 1)}
    return f"{path}?{urlencode(kept)}" if kept else path


def offset_pages(path: str, params: dict[str, Any], *, limit: int, offset: int, shown: int,
                 has_next: bool, default_limit: int) -> dict[str, Any]:
    """The previous and next pages of a listing paged by `offset` (the entities and events pages,
    which showed their first `limit` rows and no way to the others), keeping its filters."""
    def url(at: int) -> str:
        return _query_url(path, {**params, "limit": None if limit == default_limit else limit,
                                 "offset": at or None})

    return {"first": offset + 1 if shown else None, "last": offset + shown,
            "previous": url(max(0, offset - limit)) if offset > 0 else None,
            "next": url(offset + limit) if has_next else None}


EventTypeFilter = Annotated[str | None, Query(pattern=r"^([A-Za-z]{3,12})?$",
                                             description="Stories with events of this PLOVER type")]
FrontParams = dict[str, Any]  # the front page's filters, validated once for the page and its twin


def _front_params(page: Annotated[int, Query(ge=1, le=1_000_000)] = 1, sort: StorySort = StorySort.size,
                  language: Language = None, lang: TitleLanguage = None, q: Keywords = None,
                  country: Country = None, source: Source = None, since: IsoDate = None,
                  until: IsoDate = None, entity: EntityFilter = None, event: EventTypeFilter = None) -> FrontParams:
    return {"page": page, "sort": sort, "language": language, "lang": lang, "q": q, "country": country,
            "source": source, "since": since, "until": until, "entity": entity, "event": event}


@pages.get("/index.json")
def front_page_json(request: Request, explorer: Data, params: Annotated[FrontParams, Depends(_front_params)]):
    return json_remembered(request, explorer, lambda: front_page_data(explorer, **params))


@pages.get("/", response_class=HTMLResponse)
def front_page(request: Request, explorer: Data, params: Annotated[FrontParams, Depends(_front_params)]):
    def context() -> dict[str, Any]:
        data = front_page_data(explorer, **params)
        # links keep the current filters; the default sort is left out so plain URLs stay plain
        current = {**data["filters"], "sort": None if data["filters"]["sort"] == "size" else data["filters"]["sort"]}

        def link(**changes: Any) -> str:
            return _query_url("/", {**current, **changes})

        return {**data, "link": link, "nav": "stories"}

    return render_remembered(request, explorer, "index.html", context)


@pages.get("/stories/{story_id}.json")
def story_page_json(request: Request, explorer: Data, story_id: StoryId, lang: TitleLanguage = None):
    def data() -> StoryDetail:
        story = _story_or_404(explorer, story_id, lang)
        story.update(_story_events(explorer, story_id))
        return StoryDetail.model_validate(story)

    return json_remembered(request, explorer, data)


def _story_events(explorer: Explorer, story_id: int) -> dict[str, Any]:
    from ..events.queries import EventExplorer

    events = EventExplorer(explorer.store)
    return {"events": events.events(story_id=story_id, limit=200), "dyads": events.dyads(story_id=story_id)}


@pages.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, explorer: Data, story_id: StoryId, lang: TitleLanguage = None):
    def context() -> dict[str, Any]:
        story = _story_or_404(explorer, story_id, lang)
        names = {c["code"]: country_name(c["code"]) for c in story["countries"]}
        found = _story_events(explorer, story_id)
        return {"story": story, "lang": _blank(lang), "nav": "stories", "country_names": names,
                "story_events": found["events"], "story_dyads": found["dyads"]}

    return render_remembered(request, explorer, "story.html", context)


@pages.get("/articles/{article_id}.json")
def article_page_json(request: Request, explorer: Data, article_id: ArticleId):
    return json_remembered(request, explorer, lambda: ArticleDetail.model_validate(_article_or_404(explorer, article_id)))


SentenceIndex = Annotated[int | None, Query(ge=0, le=1_000_000, description="A sentence to highlight (#s{index})")]


@pages.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, explorer: Data, article_id: ArticleId, s: SentenceIndex = None):
    def context() -> dict[str, Any]:
        article = _article_or_404(explorer, article_id)
        highlight = next((item for item in article["sentences"] if item["index"] == s), None)
        return {"article": article, "nav": "stories", "highlight": highlight}

    return render_remembered(request, explorer, "article.html", context)


# a hit's `match` as the search page names it, and what that means
MATCH_LABELS = {"words": "your words", "meaning": "same meaning", "both": "words and meaning"}
MATCH_TITLES = {"words": "Every word of the query is in the title or text",
                "meaning": "About the same thing as the query (in any language), by meaning",
                "both": "Found by its words and by its meaning"}
SearchPageQ = Annotated[str, Query(max_length=MAX_QUERY_CHARS)]
# the page itself says why a long query is not searched (a notice under the box, the query kept to edit),
# where an error page would lose it; still bounded, as every input is
SearchBoxQ = Annotated[str, Query(max_length=20 * MAX_QUERY_CHARS)]
SearchPageLimit = Annotated[int, Query(ge=1, le=100)]


@pages.get("/search.json")
def search_page_json(request: Request, explorer: Data, q: SearchPageQ = "", mode: SearchMode = SearchMode.hybrid,
                     language: Language = None, limit: SearchPageLimit = 20):
    return json_remembered(request, explorer,
                           lambda: search_page_data(explorer, q=q, mode=mode, language=language, limit=limit))


@pages.get("/search", response_class=HTMLResponse)
def search_page(request: Request, explorer: Data, q: SearchBoxQ = "", mode: SearchMode = SearchMode.hybrid,
                language: Language = None, limit: SearchPageLimit = 20):
    def context() -> dict[str, Any]:
        data = search_page_data(explorer, q=q, mode=mode, language=language, limit=limit)
        languages = list(_stats(explorer)["languages"])
        return {**data, "languages": languages, "modes": [m.value for m in SearchMode], "nav": "search",
                "match_labels": MATCH_LABELS, "match_titles": MATCH_TITLES}

    return render_remembered(request, explorer, "search.html", context)


# -- offline API docs -----------------------------------------------------------------------
def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    return components.get(ref.rsplit("/", 1)[-1], {}) if ref else schema


def _describe_type(schema: dict[str, Any], components: dict[str, Any]) -> str:
    """A one-line reading of a JSON schema: `integer, 1..500`, `one of: size, recent`, ..."""
    schema = _resolve(schema, components)
    options = [s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
    parts = []
    for option in options:
        option = _resolve(option, components)
        if "enum" in option:
            parts.append("one of: " + ", ".join(map(str, option["enum"])))
            continue
        text = option.get("type", "any")
        if "items" in option:
            text += " of " + _describe_type(option["items"], components)
        low, high = option.get("minimum", option.get("minLength")), option.get("maximum", option.get("maxLength"))
        if low is not None or high is not None:
            text += f", {'' if low is None else low}..{'' if high is None else high}"
        parts.append(text)
    return " or ".join(parts) or "any"


def _response_model(operation: dict[str, Any]) -> str:
    success = next((r for code, r in sorted(operation.get("responses", {}).items()) if code.startswith("2")), {})
    schema = success.get("content", {}).get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "$ref" in schema.get("items", {}):
        return f"list of {schema['items']['$ref'].rsplit('/', 1)[-1]}"
    return schema.get("title", "")


def endpoints(openapi: dict[str, Any]) -> list[dict[str, Any]]:
    """The operations of an OpenAPI document, flattened for the docs page."""
    components = openapi.get("components", {}).get("schemas", {})
    found = []
    for path, operations in openapi.get("paths", {}).items():
        for method, op in operations.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "type": _describe_type(p.get("schema", {}), components),
                       "description": p.get("description") or p.get("schema", {}).get("description", "")}
                      for p in op.get("parameters", [])]
            body = op.get("requestBody", {}).get("content", {})
            found.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                          "body": [f"{kind} ({_describe_type(c.get('schema', {}), components)})"
                                   for kind, c in body.items()], "token": bool(op.get("security")),
                          "description": op.get("description", ""), "parameters": params,
                          "returns": _response_model(op), "errors": sorted(c for c in op.get("responses", {}) if not c.startswith("2"))})
    return found


def docs_page(request: Request) -> HTMLResponse:
    openapi = request.app.openapi()
    context = {"info": openapi["info"], "endpoints": endpoints(openapi), "nav": "docs"}
    return render(request, "docs.html", context, twin=False)


# -- errors: JSON for the API and the twins, a page for people ---------------------------
def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json") or path == "/healthz"


async def _http_error(request: Request, exc: StarletteHTTPException):
    if _wants_json(request):
        return await http_exception_handler(request, exc)
    context = {"status": exc.status_code, "message": exc.detail, "problems": [], "nav": None}
    response = render(request, "error.html", context, status_code=exc.status_code, twin=False)
    if getattr(exc, "headers", None):
        response.headers.update(exc.headers)
    return response


async def _validation_error(request: Request, exc: RequestValidationError):
    if _wants_json(request):
        return await request_validation_exception_handler(request, exc)
    # a validator's own sentence reads better without pydantic's "Value error, " before it
    problems = [{"where": ".".join(str(part) for part in e.get("loc", ())[1:]),
                 "message": e.get("msg", "").removeprefix("Value error, ")} for e in exc.errors()]
    context = {"status": 422, "message": "Some of the address's parameters are not valid.",
               "problems": problems, "nav": None}
    return render(request, "error.html", context, status_code=422, twin=False)


# -- the application ------------------------------------------------------------------------
def _version() -> str:
    import tidings

    return getattr(tidings, "__version__", "0.1.0")


DESCRIPTION = """The stories, articles, names and dates tidings found in the news.

Reading is open. Writing (ingest, sources, alias registry, alerts) needs a token made with
`tidings token create NAME`, sent as `Authorization: Bearer TOKEN`; without one the answer is 401,
and a server started with `--read-only` (or without any token) answers 403.

Every web page also has a JSON twin: append `.json` to its path (`/stories/3.json`, `/index.json`
for the front page, `/search.json?q=`)."""


def _default_pipeline(store: Store):
    from ..pipeline import Pipeline

    return Pipeline(store)


def create_app(store_url: str | None = None, *, store: Store | None = None, read_only: bool = False,
               cors_origins: list[str] | tuple[str, ...] = (), pipeline_factory=None) -> FastAPI:
    """One app = one store and one explorer (its in-memory vector index is shared by all requests).

    `read_only` refuses every write (403); `cors_origins` are the web origins allowed to call the API
    from a browser (none by default); `pipeline_factory(store)` makes the pipeline posted articles go
    through (default: the real one, made on the first ingest)."""
    store = store if store is not None else open_store(resolve_db_url(store_url))
    # the default /docs loads Swagger UI from a CDN: replaced by a local page that works offline
    app = FastAPI(title="tidings", version=_version(), description=DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.store = store
    # while another process writes (an ingest beside the server), page data may be 10 s old rather
    # than recomputed after every batch; writes through this app are seen at once (Explorer.forget)
    app.state.explorer = Explorer(store, max_stale_s=float(os.environ.get("TIDINGS_PAGE_MAX_STALE_S", "10")))
    app.state.read_only = read_only
    app.state.cors_origins = tuple(cors_origins)
    new_write_state(app, pipeline_factory or _default_pipeline)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    if cors_origins:
        from starlette.middleware.cors import CORSMiddleware

        # no credentials: the only credential is the Authorization header, which a page sets itself
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_credentials=False,
                           allow_methods=["GET", "POST", "PUT", "DELETE"],
                           allow_headers=["Authorization", "Content-Type"], max_age=600)
    app.add_middleware(AccessLog)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.include_router(api)
    app.include_router(entities_api)
    app.include_router(events_api)
    app.include_router(alerts_api)
    app.include_router(compare_api)
    app.include_router(writes_api)
    app.add_api_route("/healthz", healthz, methods=["GET"], response_model=Health, tags=["health"],
                      summary="Health check")
    app.add_api_route("/metrics", metrics, methods=["GET"], tags=["health"], summary="Prometheus metrics")
    app.add_api_route("/docs", docs_page, methods=["GET"], include_in_schema=False, response_class=HTMLResponse)
    app.include_router(pages)
    app.include_router(entity_pages)
    app.include_router(event_pages)
    app.include_router(compare_pages)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _warm_up(app.state.explorer)
    _build_routes(app)
    return app


def _warm_up(explorer: Explorer) -> None:
    """Compile the templates, read the map and CLDR's English names once, and count what every
    front page shows (languages, countries, sources), so that the first visitor does not wait for
    them (babel's locale data and pytz's zone files cost ~100 ms to load, the counts ~80 ms on
    100,000 articles)."""
    _stats(explorer)
    explorer.facets()
    for name in templates.env.list_templates(extensions=["html"]):  # with the macros and base they import
        templates.env.get_template(name)
    charts.world()
    country_name("DE"), language_name("de")


def _build_routes(app: FastAPI) -> None:
    """Let FastAPI build its routes' dependency trees now rather than on the first request.

    FastAPI builds them lazily, on the first request that walks past each route: ~150 ms for our
    ~90 routes, which the first visitor of the front page paid. Routing a path that matches no route
    walks all of them. The router is called without the middleware (no access-log line); its 404 is
    the expected outcome."""
    import asyncio
    import threading

    import anyio.to_thread

    scope = {"type": "http", "method": "GET", "path": "/.warm-up/", "raw_path": b"/.warm-up/",
             "root_path": "", "query_string": b"", "headers": [], "app": app, "scheme": "http",
             "server": ("127.0.0.1", 0), "client": ("127.0.0.1", 0), "http_version": "1.1"}

    async def route_once() -> None:
        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            pass

        try:
            await app.router(scope, receive, send)
        except StarletteHTTPException:
            pass
        # the first hand-over to a worker thread imports anyio's asyncio backend (~50 ms)
        await anyio.to_thread.run_sync(lambda: None)

    # a thread of its own: create_app may be called where an event loop is already running (tests)
    worker = threading.Thread(target=asyncio.run, args=(route_once(),), name="tidings-warm-up")
    worker.start()
    worker.join()
