"""Events in the API and the pages: `/api/events…` and `/events…` (each page with a JSON twin)."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path as PathParam, Query, Request
from fastapi.responses import HTMLResponse

from ..events.ontology import ALIASES, TYPES
from ..events.queries import EventExplorer
from .dates import DateCheck
from .lookup import NOT_FOUND, ensure_exists

MAX_ID = 2**63 - 1
ItemId = Annotated[int, PathParam(ge=1, le=MAX_ID)]
TYPE_PATTERN = "^(" + "|".join(sorted(set(TYPES) | set(ALIASES))) + ")?$"
EventType = Annotated[str | None, Query(pattern=TYPE_PATTERN, description="PLOVER event type, e.g. CONSULT")]
Country = Annotated[str | None, Query(pattern=r"^([A-Za-z]{2})?$", description="ISO 3166 alpha-2 of either actor")]
Day = Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD"), DateCheck("partial")]
Confidence = Annotated[float, Query(ge=0, le=1, description="Only events at least this confident")]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]
OptionalId = Annotated[int | None, Query(ge=1, le=MAX_ID)]

api = APIRouter(prefix="/api", tags=["events"])
pages = APIRouter(include_in_schema=False)


def _events(request: Request) -> EventExplorer:
    return EventExplorer(request.app.state.explorer.store)


def _list(request: Request, **filters) -> list[dict[str, Any]]:
    cleaned = {k: (v or None) if isinstance(v, str) else v for k, v in filters.items()}
    return _events(request).events(**cleaned)


def _one(request: Request, event_id: int) -> dict[str, Any]:
    item = _events(request).event(event_id)
    if item is None:
        raise HTTPException(404, f"event {event_id} not found")
    return item


@api.get("/events", summary="List events")
def list_events(request: Request, type: EventType = None, story_id: OptionalId = None, entity_id: OptionalId = None,
                country: Country = None, since: Day = None, until: Day = None, min_confidence: Confidence = 0.0,
                limit: Limit = 50, offset: Offset = 0) -> list[dict[str, Any]]:
    """Events (PLOVER) merged across the articles of a story, newest first. Each carries its source
    and target actors (entity, country, sector), location, date with precision, flags, confidence,
    and its mentions: the article, sentence and character spans every field came from."""
    return _list(request, type=type, story_id=story_id, entity_id=entity_id, country=country, since=since,
                 until=until, min_confidence=min_confidence, limit=limit, offset=offset)


@api.get("/events/{event_id}", summary="One event", responses=NOT_FOUND)
def get_event(request: Request, event_id: ItemId) -> dict[str, Any]:
    return _one(request, event_id)


@api.get("/stories/{story_id}/events", summary="Events of a story", responses=NOT_FOUND)
def story_events(request: Request, story_id: ItemId, limit: Limit = 200) -> list[dict[str, Any]]:
    ensure_exists(request.app.state.explorer.store, "story", story_id)
    return _events(request).events(story_id=story_id, limit=limit)


@api.get("/entities/{entity_id}/events", summary="Events an entity took part in", responses=NOT_FOUND)
def entity_events(request: Request, entity_id: ItemId, limit: Limit = 200) -> list[dict[str, Any]]:
    ensure_exists(request.app.state.explorer.store, "entity", entity_id)
    return _events(request).events(entity_id=entity_id, limit=limit)


@api.get("/articles/{article_id}/events", summary="Event mentions of an article", responses=NOT_FOUND)
def article_events(request: Request, article_id: ItemId) -> list[dict[str, Any]]:
    ensure_exists(request.app.state.explorer.store, "article", article_id)
    return _events(request).article_events(article_id)


@api.get("/dyads", summary="Who acted towards whom")
def dyads(request: Request, entity_id: OptionalId = None, story_id: OptionalId = None, country: Country = None,
          limit: Limit = 50) -> list[dict[str, Any]]:
    """Pairs of actors with the events between them over time (a dyad timeline) and their mean
    Goldstein score (positive: cooperation, negative: conflict)."""
    return _events(request).dyads(entity_id=entity_id, story_id=story_id, country=country or None, limit=limit)


def _page_data(request: Request, type, country, since, until, min_confidence, limit, offset) -> dict[str, Any]:
    events = _list(request, type=type, country=country, since=since, until=until, min_confidence=min_confidence,
                   limit=limit, offset=offset, with_mentions=False)
    return {"events": events, "types": sorted(TYPES), "filters": {"type": type or "", "country": country or "",
            "since": since or "", "until": until or "", "min_confidence": min_confidence}}


@pages.get("/events.json")
def events_page_json(request: Request, type: EventType = None, country: Country = None, since: Day = None,
                     until: Day = None, min_confidence: Confidence = 0.0, limit: Limit = 100, offset: Offset = 0):
    from .app import json_remembered

    return json_remembered(request, request.app.state.explorer,
                           lambda: _page_data(request, type, country, since, until, min_confidence, limit, offset))


@pages.get("/events", response_class=HTMLResponse)
def events_page(request: Request, type: EventType = None, country: Country = None, since: Day = None,
                until: Day = None, min_confidence: Confidence = 0.0, limit: Limit = 100, offset: Offset = 0):
    from .app import offset_pages, render_remembered

    def context() -> dict[str, Any]:
        # one more row than shown tells whether there is a next page
        data = _page_data(request, type, country, since, until, min_confidence, limit + 1, offset)
        rows = data["events"]
        filters = {"type": type, "country": country, "since": since, "until": until,
                   "min_confidence": min_confidence or None}
        pages = offset_pages("/events", filters, limit=limit, offset=offset, shown=len(rows[:limit]),
                             has_next=len(rows) > limit, default_limit=100)
        return {**data, "events": rows[:limit], "pages": pages, "nav": "events"}

    return render_remembered(request, request.app.state.explorer, "events.html", context)


@pages.get("/events/{event_id}.json")
def event_page_json(request: Request, event_id: ItemId):
    from .app import json_remembered

    return json_remembered(request, request.app.state.explorer, lambda: _one(request, event_id))


@pages.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: ItemId):
    from .app import render_remembered

    return render_remembered(request, request.app.state.explorer, "event.html",
                             lambda: {"event": _one(request, event_id), "nav": "events"})
