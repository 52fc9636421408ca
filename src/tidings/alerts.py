"""Saved queries that raise a notification when a new story or article matches.

An alert holds any of: an entity (a name such as "Tokayev" or a key such as `N:tkv` / `C:KZ`), a
country (ISO alpha-2: the article names the country or a place in it), a keyword (full-text query)
and a language; an article matches when it meets all of them. Each alert keeps a watermark (the
last article id it has checked), so every article is checked once and restarts lose nothing;
notifications are unique per (alert, story) — or per (alert, article) with `per=article` — so an
alert fires once. Notifications of alerts with a webhook are POSTed as JSON through the guarded
fetcher (same SSRF rules as feeds) and retried on later cycles (5 attempts).
"""
from __future__ import annotations

import json
import logging
from typing import Any

from .store.sources import SourceStore
from .store.sqlite import Store
from .textutil import fts_query

log = logging.getLogger("tidings.alerts")
MAX_ATTEMPTS = 5


def entity_key(entity: str) -> str:
    """A name or key -> the mention key stored for it (`C:KZ` for countries, `N:tkv` for names)."""
    from .read.names import lookup_country, name_key

    text = entity.strip()
    if len(text) > 2 and text[1] == ":" and text[0] in "CN":
        return text
    code = lookup_country(text)
    return f"C:{code}" if code else f"N:{name_key(text)}"


def _entity_ids(store: Store, entity: str) -> list[int]:
    from .entities.queries import EntityExplorer

    if len(entity) > 2 and entity[1] == ":" and entity[0] in "CN":
        return [r[0] for r in store.query("SELECT id FROM entities WHERE key = ?", (entity,))]
    return [e["id"] for e in EntityExplorer(store).entities(q=entity, limit=20)]


def _matching_articles(store: Store, alert: dict[str, Any], upto: int) -> list[dict[str, Any]]:
    sql = ["SELECT a.id, a.title, a.url, a.language, a.source, a.published, a.story_id FROM articles a"
           " WHERE a.id > ? AND a.id <= ?"]
    args: list[Any] = [alert["after_article"], upto]
    if alert["language"]:
        sql.append("AND a.language = ?")
        args.append(alert["language"])
    if alert["country"]:
        sql.append("AND EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND (m.country = ? OR m.key = ?))")
        args += [alert["country"], f"C:{alert['country']}"]
    if alert["entity"]:
        # the resolved entities any of whose aliases match (any script), or the raw mention key
        ids = _entity_ids(store, alert["entity"])
        marks = ",".join("?" * len(ids)) or "NULL"
        sql.append(f"AND EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id"
                   f" AND (m.key = ? OR m.entity_id IN ({marks})))")
        args += [entity_key(alert["entity"]), *ids]
    if alert["keyword"]:
        match = fts_query(alert["keyword"])
        if not match:
            return []
        sql.append("AND a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        args.append(match)
    return [dict(r) for r in store.query(" ".join(sql) + " ORDER BY a.id", args)]


def check_alerts(store: Store) -> list[int]:
    """Match every article stored since each alert's watermark; returns the new notification ids."""
    sources = SourceStore(store)
    upto = store.conn.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0]
    created: list[int] = []
    for alert in sources.alerts(enabled_only=True):
        if alert["after_article"] >= upto:
            continue
        matches = _matching_articles(store, alert, upto)
        with store.transaction() as tx:
            for article in matches:
                per_story = alert["per"] == "story" and article["story_id"] is not None
                dedup = f"story:{article['story_id']}" if per_story else f"article:{article['id']}"
                cur = tx.execute(
                    "INSERT OR IGNORE INTO notifications(alert_id, kind, article_id, story_id, title, url, dedup_key)"
                    " VALUES (?,?,?,?,?,?,?)", (alert["id"], "story" if per_story else "article", article["id"],
                                                article["story_id"], article["title"], article["url"], dedup))
                if cur.rowcount:
                    created.append(cur.lastrowid)
            tx.execute("UPDATE alerts SET after_article=? WHERE id=?", (upto, alert["id"]))
    return created


def payload(store: Store, notification: dict[str, Any]) -> dict[str, Any]:
    article = store.query("SELECT id, title, url, language, source, published FROM articles WHERE id=?",
                          (notification["article_id"],))
    story = store.query("SELECT id, title, size, languages FROM stories WHERE id=?", (notification["story_id"],)) \
        if notification["story_id"] else []
    return {
        "alert": {"id": notification["alert_id"], "name": notification.get("alert_name")},
        "notification": {k: notification[k] for k in ("id", "kind", "created_at", "title", "url")},
        "article": dict(article[0]) if article else None,
        "story": ({**dict(story[0]), "languages": json.loads(story[0]["languages"])} if story else None),
    }


def deliver_webhooks(store: Store, fetcher, *, limit: int = 200) -> tuple[int, int]:
    """POST undelivered notifications to their alert's webhook; returns (delivered, failed)."""
    from .sources.fetch import FetchError, check_host
    from urllib.parse import urlparse

    sources = SourceStore(store)
    hooks = {a["id"]: a["webhook"] for a in sources.alerts() if a["webhook"]}
    delivered = failed = 0
    for notification in reversed(sources.notifications(undelivered=True, limit=limit)):
        url = hooks.get(notification["alert_id"])
        if not url:
            continue
        error = None
        try:
            parsed = urlparse(url)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                raise FetchError(f"not an http(s) URL: {url}")
            check_host(parsed.hostname, parsed.port or (443 if parsed.scheme == "https" else 80), fetcher.networks)
            response = fetcher.client.post(url, json=payload(store, notification),
                                           headers={"Content-Type": "application/json"})
            if response.status_code >= 300:
                error = f"webhook answered HTTP {response.status_code}"
        except FetchError as exc:
            error = str(exc)
        except Exception as exc:  # noqa: BLE001 - a webhook never stops the watcher
            error = f"{type(exc).__name__}: {exc}"
        sources.delivery(notification["id"], error=error)
        if error:
            failed += 1
            log.warning("webhook for alert %s failed: %s", notification["alert_id"], error)
        else:
            delivered += 1
    return delivered, failed
