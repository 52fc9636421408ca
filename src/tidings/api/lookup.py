"""One check shared by the sub-resources (`/api/stories/{id}/events`, `/api/entities/{id}/events` ...):
an id that names nothing is a 404, as on the resource itself, not an empty list."""
from __future__ import annotations

from fastapi import HTTPException

from ..store.sqlite import Store
from .schemas import ErrorBody

_TABLES = {"story": "stories", "entity": "entities", "article": "articles"}


def ensure_exists(store: Store, kind: str, item_id: int) -> None:
    """404 "story 9 not found" (the resource's own wording) when no row of that kind has this id."""
    if not store.query(f"SELECT 1 FROM {_TABLES[kind]} WHERE id = ?", (item_id,)):
        raise HTTPException(404, f"{kind} {item_id} not found")


# the 404 in /openapi.json and /docs ("Errors: 404, 422"), for routes of one item or of its parts
NOT_FOUND = {404: {"model": ErrorBody, "description": "No such item"}}
