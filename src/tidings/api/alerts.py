"""Read-only API for alerts and their notifications (issue 6).

Included by the app with `app.include_router(alerts.router)` (`from .api import alerts`).
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from ..store.sources import SourceStore

router = APIRouter(prefix="/api", tags=["alerts"])


class Alert(BaseModel):
    id: int
    name: str
    entity: str | None = None
    country: str | None = None
    keyword: str | None = None
    language: str | None = None
    per: str
    has_webhook: bool
    enabled: bool
    created_at: str


class Notification(BaseModel):
    id: int
    alert_id: int
    alert_name: str
    kind: str
    article_id: int
    story_id: int | None = None
    title: str
    url: str | None = None
    created_at: str
    delivered_at: str | None = None
    delivery_error: str | None = None


def _sources(request: Request) -> SourceStore:
    return SourceStore(request.app.state.store)


@router.get("/alerts", response_model=list[Alert], summary="List saved alerts")
def list_alerts(request: Request):
    """Saved queries (entity, country, keyword, language). The webhook URL itself is not shown."""
    return [Alert(**{k: a[k] for k in ("id", "name", "entity", "country", "keyword", "language", "per",
                                        "created_at")}, has_webhook=bool(a["webhook"]), enabled=bool(a["enabled"]))
            for a in _sources(request).alerts()]


@router.get("/notifications", response_model=list[Notification], summary="List notifications")
def list_notifications(request: Request,
                       alert_id: Annotated[int | None, Query(ge=1, le=2**63 - 1, description="Only this alert's")] = None,
                       limit: Annotated[int, Query(ge=1, le=500)] = 50,
                       offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0):
    """Notifications raised when a new story or article matched an alert, newest first."""
    return [Notification(**{k: n[k] for k in Notification.model_fields})
            for n in _sources(request).notifications(alert_id=alert_id, limit=limit, offset=offset)]
