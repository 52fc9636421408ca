"""Entities in the API and the pages: `/api/entities…` and `/entities…` (each page with a JSON twin)."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path as PathParam, Query, Request
from fastapi.responses import HTMLResponse

from ..entities.queries import EntityExplorer
from .lookup import NOT_FOUND, ensure_exists

MAX_ID = 2**63 - 1
EntityId = Annotated[int, PathParam(ge=1, le=MAX_ID)]
Kind = Annotated[str | None, Query(pattern=r"^(PER|ORG|LOC|NAME|per|org|loc|name)?$",
                                           description="PER, ORG, LOC or NAME (a name of unknown kind)")]
Country = Annotated[str | None, Query(pattern=r"^([A-Za-z]{2})?$", description="ISO 3166 alpha-2")]
AnyAlias = Annotated[str | None, Query(max_length=300, description="Any alias, in any script")]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]

api = APIRouter(prefix="/api", tags=["entities"])
pages = APIRouter(include_in_schema=False)


def _entities(request: Request) -> EntityExplorer:
    return EntityExplorer(request.app.state.explorer.store)


def _one(request: Request, entity_id: int) -> dict[str, Any]:
    item = _entities(request).entity(entity_id)
    if item is None:
        raise HTTPException(404, f"entity {entity_id} not found")
    return item


def _list(request: Request, q, type, country, limit, offset) -> list[dict[str, Any]]:
    return _entities(request).entities(q=q or None, type=type or None, country=country or None, limit=limit,
                                       offset=offset)


@api.get("/entities", summary="List entities")
def list_entities(request: Request, q: AnyAlias = None, type: Kind = None, country: Country = None,
                  limit: Limit = 50, offset: Offset = 0) -> list[dict[str, Any]]:
    """People, organisations and places, most mentioned first. `q` finds an entity by any of its
    aliases, in any language or script (Токаев, Tokajew and Tokayev find the same person)."""
    return _list(request, q, type, country, limit, offset)


@api.get("/entities/{entity_id}", summary="One entity", responses=NOT_FOUND)
def get_entity(request: Request, entity_id: EntityId) -> dict[str, Any]:
    """Aliases by language and script, the articles and stories it appears in, related entities,
    the events it took part in and its dyads (who acted towards whom)."""
    return _page(request, entity_id)


@api.get("/stories/{story_id}/entities", summary="Entities of a story", responses=NOT_FOUND)
def story_entities(request: Request, story_id: EntityId) -> list[dict[str, Any]]:
    """The entities a story's articles name, those named in most languages first."""
    ensure_exists(request.app.state.explorer.store, "story", story_id)
    return _entities(request).story_entities(story_id)


@pages.get("/entities.json")
def entities_page_json(request: Request, q: AnyAlias = None, type: Kind = None, country: Country = None,
                       limit: Limit = 100, offset: Offset = 0):
    from .app import json_remembered

    return json_remembered(request, request.app.state.explorer, lambda: _list(request, q, type, country, limit, offset))


@pages.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, q: AnyAlias = None, type: Kind = None, country: Country = None,
                  limit: Limit = 100, offset: Offset = 0):
    from .app import offset_pages, render_remembered

    def context() -> dict[str, Any]:
        rows = _list(request, q, type, country, limit + 1, offset)  # one more row: is there a next page?
        pages = offset_pages("/entities", {"q": q, "type": type, "country": country}, limit=limit, offset=offset,
                             shown=len(rows[:limit]), has_next=len(rows) > limit, default_limit=100)
        return {"entities": rows[:limit], "pages": pages, "q": q or "", "type": (type or "").upper(),
                "country": (country or "").upper(), "nav": "entities"}

    return render_remembered(request, request.app.state.explorer, "entities.html", context)


def _page(request: Request, entity_id: int) -> dict[str, Any]:
    """The entity with the events it took part in and its dyads (who acted towards whom)."""
    from ..events.queries import EventExplorer

    item = _one(request, entity_id)
    events = EventExplorer(request.app.state.explorer.store)
    item["events"] = events.events(entity_id=entity_id, limit=100)
    item["dyads"] = events.dyads(entity_id=entity_id)
    return item


@pages.get("/entities/{entity_id}.json")
def entity_page_json(request: Request, entity_id: EntityId):
    from .app import json_remembered

    return json_remembered(request, request.app.state.explorer, lambda: _page(request, entity_id))


@pages.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: EntityId):
    from .app import render_remembered

    def context() -> dict[str, Any]:
        item = _page(request, entity_id)
        return {"entity": item, "entity_events": item["events"], "entity_dyads": item["dyads"], "nav": "entities"}

    return render_remembered(request, request.app.state.explorer, "entity.html", context)
