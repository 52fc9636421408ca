"""Source comparison in the API and the pages (each page with its JSON twin).

    /api/stories/{id}/compare      /stories/{id}/compare(.json)   statements aligned across sources
    /api/stories/{id}/coverage     /coverage(.json)               who covers what, language blind spots
    /api/coverage                  /stories/{id}/brief?format=md|html   a brief to paste into notes

The server is read-only: statement vectors it has to compute are kept in memory with the
result (until the store changes), never written; `tidings compare` caches them in the store.
"""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path as PathParam, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse

from ..compare import compare_story
from ..compare.brief import brief_html, brief_markdown
from ..compare.coverage import language_blind_spots, story_coverage
from .dates import DateCheck
from .lookup import NOT_FOUND

MAX_ID = 2**63 - 1
StoryId = Annotated[int, PathParam(ge=1, le=MAX_ID)]
IsoDay = Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD"), DateCheck("day")]
MinSize = Annotated[int, Query(ge=1, le=10000, description="Only stories with at least this many articles")]
BriefFormat = Annotated[str, Query(pattern=r"^(md|html)$", description="md (Markdown) or html")]

api = APIRouter(prefix="/api", tags=["compare"])
pages = APIRouter(include_in_schema=False)


def comparison(request: Request, story_id: int) -> dict[str, Any]:
    explorer = request.app.state.explorer
    result = explorer.memo(("compare", story_id),
                           lambda: compare_story(explorer.store, story_id, write_cache=False))
    if result is None:
        raise HTTPException(404, f"story {story_id} not found")
    return result


def coverage_of(request: Request, story_id: int) -> dict[str, Any]:
    result = story_coverage(request.app.state.explorer.store, story_id)
    if result is None:
        raise HTTPException(404, f"story {story_id} not found")
    return result


def blind_spots(request: Request, since: str | None, until: str | None, min_size: int) -> dict[str, Any]:
    explorer = request.app.state.explorer
    return explorer.memo(("coverage", since, until, min_size), lambda: language_blind_spots(
        explorer.store, since=since or None, until=until or None, min_size=min_size))


@api.get("/stories/{story_id}/compare", summary="Compare a story's sources", responses=NOT_FOUND)
def api_compare(request: Request, story_id: StoryId) -> dict[str, Any]:
    """The story's statements aligned across articles and languages: groups reported by all, some
    or one source, conflicts (numbers, dates, places) with each version's sources, attributions."""
    return comparison(request, story_id)


@api.get("/stories/{story_id}/coverage", summary="Who covers a story", responses=NOT_FOUND)
def api_story_coverage(request: Request, story_id: StoryId) -> dict[str, Any]:
    """Per language and outlet: articles, first and last publication date."""
    return coverage_of(request, story_id)


@api.get("/coverage", summary="Language blind spots")
def api_coverage(request: Request, since: IsoDay = None, until: IsoDay = None, min_size: MinSize = 2) -> dict[str, Any]:
    """Per language, over a period: stories only its press covers, and big stories it misses."""
    return blind_spots(request, since, until, min_size)


@api.get("/stories/{story_id}/brief", summary="A brief of a story", response_class=PlainTextResponse,
         responses=NOT_FOUND)
def api_brief(request: Request, story_id: StoryId, format: BriefFormat = "md"):
    """Key facts with sources, conflicts and unique details, as Markdown or an HTML fragment."""
    result = comparison(request, story_id)
    if format == "html":
        return HTMLResponse(brief_html(result))
    return PlainTextResponse(brief_markdown(result), media_type="text/markdown; charset=utf-8")


def panel(result: dict[str, Any]) -> dict[str, Any]:
    """The comparison laid out for the page: one column per article, rows of shared groups first."""
    columns = result["articles"]
    rows = []
    for group in result["groups"]:
        cells = {s["article_id"]: s for s in group["statements"]}
        conflicting = {(ref["article_id"], ref["sentence"]) for c in group["conflicts"]
                       for v in c["versions"] for ref in v["sources"]}
        rows.append({**group, "cells": cells, "conflicting": conflicting})
    return {"columns": columns, "shared": [r for r in rows if r["verdict"] != "one"],
            "unique": [r for r in rows if r["verdict"] == "one"]}


@pages.get("/stories/{story_id}/compare.json")
def compare_page_json(request: Request, story_id: StoryId):
    return JSONResponse(jsonable_encoder(comparison(request, story_id)))


@pages.get("/stories/{story_id}/compare", response_class=HTMLResponse)
def compare_page(request: Request, story_id: StoryId):
    from .app import render

    result = comparison(request, story_id)
    return render(request, "compare.html", {"comparison": result, "panel": panel(result),
                                            "coverage": coverage_of(request, story_id), "nav": "stories"})


@pages.get("/coverage.json")
def coverage_page_json(request: Request, since: IsoDay = None, until: IsoDay = None, min_size: MinSize = 2):
    return JSONResponse(jsonable_encoder(blind_spots(request, since, until, min_size)))


@pages.get("/coverage", response_class=HTMLResponse)
def coverage_page(request: Request, since: IsoDay = None, until: IsoDay = None, min_size: MinSize = 2):
    from .app import render

    return render(request, "coverage.html", {"coverage": blind_spots(request, since, until, min_size),
                                             "nav": "coverage"})


@pages.get("/stories/{story_id}/brief")
def brief_page(request: Request, story_id: StoryId, format: BriefFormat = "md"):
    return api_brief(request, story_id, format)
