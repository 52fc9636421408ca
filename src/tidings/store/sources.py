"""Store access for live ingestion: sources, fetch state, health, items taken, alerts, notifications.

Works on the same `Store` (same thread-local connections, same transactions) as the rest.
"""
from __future__ import annotations

import json
import statistics
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

from ..model import RawArticle
from .sqlite import Store

SILENT_FACTOR = 2.0  # silent when the gap since the last item exceeds this × the usual gap
FAILING_AFTER = 3  # consecutive errors


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class SourceStore:
    def __init__(self, store: Store):
        self.store = store

    @property
    def conn(self):
        return self.store.conn

    # -- sources ------------------------------------------------------------------------
    def add(self, url: str, *, name: str | None = None, country: str | None = None, language: str | None = None,
            interval_s: int | None = None, kind: str = "auto", fetch_pages: bool = True) -> tuple[int, bool]:
        """Add a source (or update the given fields of a known one); returns (id, created)."""
        country = country.strip().upper() if country else None
        language = language.strip().lower() if language else None
        row = self.conn.execute("SELECT id FROM sources WHERE url=?", (url,)).fetchone()
        if row:
            fields = {"name": name, "country": country, "language": language, "interval_s": interval_s}
            for column, value in fields.items():
                if value is not None:
                    self.conn.execute(f"UPDATE sources SET {column}=? WHERE id=?", (value, row[0]))
            return row[0], False
        with self.store.transaction() as tx:
            cur = tx.execute("INSERT INTO sources(url, kind, name, country, language, interval_s, fetch_pages)"
                             " VALUES (?,?,?,?,?,?,?)", (url, kind, name, country, language, interval_s or 900,
                                                          int(fetch_pages)))
            tx.execute("INSERT INTO source_state(source_id) VALUES (?)", (cur.lastrowid,))
        return cur.lastrowid, True

    def get(self, ref: int | str) -> dict[str, Any] | None:
        column = "id" if isinstance(ref, int) or str(ref).isdigit() else "url"
        row = self.conn.execute(f"SELECT s.*, st.* FROM sources s JOIN source_state st ON st.source_id=s.id"
                                f" WHERE s.{column}=?", (int(ref) if column == "id" else ref,)).fetchone()
        return dict(row) if row else None

    def remove(self, ref: int | str) -> bool:
        source = self.get(ref)
        if source is None:
            return False
        with self.store.transaction() as tx:
            tx.execute("DELETE FROM source_items WHERE source_id=?", (source["id"],))
            tx.execute("DELETE FROM source_state WHERE source_id=?", (source["id"],))
            tx.execute("DELETE FROM sources WHERE id=?", (source["id"],))
        return True

    def all(self, *, enabled_only: bool = False) -> list[dict[str, Any]]:
        sql = "SELECT s.*, st.* FROM sources s JOIN source_state st ON st.source_id=s.id"
        if enabled_only:
            sql += " WHERE s.enabled=1"
        return [dict(r) for r in self.conn.execute(sql + " ORDER BY s.id")]

    def due(self, now: datetime, *, force: bool = False) -> list[dict[str, Any]]:
        """Sources to poll now. `force` (a --once cycle) polls all, except those a server told to wait."""
        due = []
        for source in self.all(enabled_only=True):
            next_poll = parse_iso(source["next_poll"])
            if next_poll is None or next_poll <= now:
                due.append(source)
            elif force and source["last_status"] not in (429, 503):  # a server's Retry-After still holds
                due.append(source)
        return due

    def next_due(self) -> datetime | None:
        row = self.conn.execute("SELECT MIN(COALESCE(st.next_poll, '')) FROM sources s JOIN source_state st"
                                " ON st.source_id=s.id WHERE s.enabled=1").fetchone()
        if row is None or row[0] is None:
            return None
        return parse_iso(row[0]) or utcnow()

    # -- items ----------------------------------------------------------------------------
    def known_keys(self, source_id: int, keys: Iterable[str]) -> set[str]:
        keys = list(keys)
        known: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            known.update(r[0] for r in self.conn.execute(
                f"SELECT item_key FROM source_items WHERE source_id=? AND item_key IN ({marks})", [source_id, *chunk]))
        return known

    def record_items(self, source_id: int, items: list[tuple[str, str | None, str | None, RawArticle]],
                     raw_key) -> list[int]:
        """Store new items' raw input and mark them taken, in one transaction; returns pending raw ids."""
        pending = []
        with self.store.transaction() as tx:
            for key, url, published, raw in items:
                if tx.execute("SELECT 1 FROM source_items WHERE source_id=? AND item_key=?", (source_id, key)).fetchone():
                    continue
                raw_id, status = self.store.add_raw(raw, raw_key(raw))
                tx.execute("INSERT INTO source_items(source_id, item_key, url, raw_id, published) VALUES (?,?,?,?,?)",
                           (source_id, key, url, raw_id, published))
                if status == "pending" and raw_id not in pending:
                    pending.append(raw_id)
            if items:
                tx.execute("UPDATE source_state SET item_count=item_count+?, last_new_item=? WHERE source_id=?",
                           (len(items), iso(utcnow()), source_id))
        return pending

    # -- fetch outcomes ---------------------------------------------------------------------
    def fetched(self, source: dict[str, Any], *, status: int, etag: str | None, last_modified: str | None,
                final_url: str | None, kind: str | None, wire_bytes: int, not_modified: bool) -> None:
        now = utcnow()
        self.conn.execute(
            "UPDATE source_state SET etag=?, last_modified=?, final_url=?, detected_kind=COALESCE(?, detected_kind),"
            " last_attempt=?, last_success=?, last_status=?, last_error=NULL, consecutive_errors=0,"
            " fetch_count=fetch_count+1, not_modified_count=not_modified_count+?, bytes_total=bytes_total+?,"
            " next_poll=? WHERE source_id=?",
            (etag, last_modified, final_url, kind, iso(now), iso(now), status, int(not_modified), wire_bytes,
             iso(now + timedelta(seconds=source["interval_s"])), source["id"]))

    def failed(self, source: dict[str, Any], error: str, *, status: int | None = None,
               retry_after: float | None = None) -> None:
        """Record an error; the next poll backs off exponentially (or waits as the server asked)."""
        now = utcnow()
        errors = (source.get("consecutive_errors") or 0) + 1
        wait = min(source["interval_s"] * 2 ** min(errors - 1, 6), 86400)
        if retry_after is not None:
            wait = max(min(retry_after, 7 * 86400), 1)
        self.conn.execute(
            "UPDATE source_state SET last_attempt=?, last_status=?, last_error=?, consecutive_errors=?,"
            " error_count=error_count+1, fetch_count=fetch_count+1, next_poll=? WHERE source_id=?",
            (iso(now), status, error[:1000], errors, iso(now + timedelta(seconds=wait)), source["id"]))

    # -- health ---------------------------------------------------------------------------
    def health(self, now: datetime | None = None) -> list[dict[str, Any]]:
        now = now or utcnow()
        report = []
        for s in self.all():
            report.append(self._health_of(s, now))
        return report

    def _health_of(self, s: dict[str, Any], now: datetime) -> dict[str, Any]:
        from ..read.dates import parse_published

        rows = self.conn.execute("SELECT published, first_seen FROM source_items WHERE source_id=?"
                                 " ORDER BY first_seen DESC LIMIT 200", (s["id"],)).fetchall()
        moments = []
        for r in rows:
            moment = None
            if r["published"]:
                value, _precision = parse_published(r["published"])
                moment = parse_iso(value) if value and len(value) > 10 else None
            moment = moment or parse_iso(r["first_seen"])
            if moment and moment <= now + timedelta(hours=1):
                moments.append(moment)
        moments.sort()
        week = now - timedelta(days=7)
        added = parse_iso(s["added_at"]) or now
        days = max(min((now - added).total_seconds(), 7 * 86400) / 86400, 1.0)
        recent = sum(1 for r in rows if (parse_iso(r["first_seen"]) or now) >= week)
        gaps = [(b - a).total_seconds() for a, b in zip(moments, moments[1:]) if (b - a).total_seconds() > 0]
        usual = statistics.median(gaps) if len(gaps) >= 3 else None
        last_item = moments[-1] if moments else None
        silence = (now - last_item).total_seconds() if last_item else None
        silent = bool(usual and silence is not None
                      and silence > max(SILENT_FACTOR * usual, 2 * s["interval_s"]))
        if s["consecutive_errors"] >= FAILING_AFTER:
            state = "failing"
        elif s["last_success"] is None:
            state = "error" if s["last_error"] else "new"
        elif silent:
            state = "silent"
        elif s["consecutive_errors"]:
            state = "error"
        else:
            state = "ok"
        return {"id": s["id"], "url": s["url"], "name": s["name"], "country": s["country"],
                "language": s["language"], "kind": s["detected_kind"] or s["kind"], "status": state,
                "last_success": s["last_success"], "last_attempt": s["last_attempt"],
                "last_error": s["last_error"], "last_status": s["last_status"],
                "consecutive_errors": s["consecutive_errors"], "error_count": s["error_count"],
                "fetch_count": s["fetch_count"], "not_modified_count": s["not_modified_count"],
                "items": s["item_count"], "items_per_day": round(recent / days, 2),
                "usual_interval_s": round(usual) if usual else None,
                "silent_for_s": round(silence) if silence is not None else None, "silent": silent,
                "next_poll": s["next_poll"]}

    # -- alerts ---------------------------------------------------------------------------
    def add_alert(self, name: str, *, entity: str | None = None, country: str | None = None,
                  keyword: str | None = None, language: str | None = None, per: str = "story",
                  webhook: str | None = None, backfill: bool = False) -> int:
        watermark = 0 if backfill else self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0]
        cur = self.conn.execute(
            "INSERT INTO alerts(name, entity, country, keyword, language, per, webhook, after_article)"
            " VALUES (?,?,?,?,?,?,?,?)", (name, entity, country and country.upper(), keyword,
                                           language and language.lower(), per, webhook, watermark))
        return cur.lastrowid

    def alerts(self, *, enabled_only: bool = False) -> list[dict[str, Any]]:
        sql = "SELECT * FROM alerts" + (" WHERE enabled=1" if enabled_only else "") + " ORDER BY id"
        return [dict(r) for r in self.conn.execute(sql)]

    def remove_alert(self, alert_id: int) -> bool:
        return self.conn.execute("DELETE FROM alerts WHERE id=?", (alert_id,)).rowcount > 0

    def notifications(self, *, alert_id: int | None = None, limit: int = 100, offset: int = 0,
                      undelivered: bool = False) -> list[dict[str, Any]]:
        sql = ("SELECT n.*, a.name AS alert_name FROM notifications n JOIN alerts a ON a.id=n.alert_id WHERE 1=1")
        args: list[Any] = []
        if alert_id is not None:
            sql += " AND n.alert_id=?"
            args.append(alert_id)
        if undelivered:
            sql += " AND n.delivered_at IS NULL AND a.webhook IS NOT NULL AND n.attempts < 5"
        sql += " ORDER BY n.id DESC LIMIT ? OFFSET ?"
        return [dict(r) for r in self.conn.execute(sql, [*args, limit, offset])]

    def delivery(self, notification_id: int, *, error: str | None) -> None:
        if error is None:
            self.conn.execute("UPDATE notifications SET delivered_at=strftime('%Y-%m-%dT%H:%M:%SZ','now'),"
                              " attempts=attempts+1, delivery_error=NULL WHERE id=?", (notification_id,))
        else:
            self.conn.execute("UPDATE notifications SET attempts=attempts+1, delivery_error=? WHERE id=?",
                              (error[:500], notification_id))


def as_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)
