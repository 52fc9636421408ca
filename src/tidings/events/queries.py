"""The read side of events: listings with filters, one event with its mentions (each pointing to its
article, sentence and character spans), dyads (who acted towards whom, over time). JSON-ready dicts."""
from __future__ import annotations

import json
from typing import Any

from ..store.sqlite import Store
from .ontology import canonical_type

MAX_MENTIONS = 200


def _actor(row, side: str) -> dict[str, Any] | None:
    name = row[f"{side}_entity_name"] or row[f"{side}_name"]
    if not (name or row[f"{side}_code"]):
        return None
    return {"entity_id": row[f"{side}_entity_id"], "name": name, "text": row[f"{side}_name"],
            "country": row[f"{side}_country"], "code": row[f"{side}_code"], "sector": row[f"{side}_sector"]}


def event_summary(row) -> dict[str, Any]:
    return {"id": row["id"], "story_id": row["story_id"], "type": row["type"], "mode": row["mode"],
            "context": row["context"], "cameo": row["cameo"], "quad_class": row["quad_class"],
            "goldstein": row["goldstein"], "source": _actor(row, "source"), "target": _actor(row, "target"),
            "location": {"name": row["location"], "country": row["location_country"]} if row["location"] else None,
            "date": row["date"], "date_precision": row["date_precision"], "negated": bool(row["negated"]),
            "future": bool(row["future"]), "hypothetical": bool(row["hypothetical"]),
            "confidence": row["confidence"], "mention_count": row["mentions"], "article_count": row["articles"],
            "languages": json.loads(row["languages"]), "first_seen": row["first_seen"], "last_seen": row["last_seen"]}


_SELECT = ("SELECT ev.*, se.name AS source_entity_name, te.name AS target_entity_name FROM events ev"
           " LEFT JOIN entities se ON se.id = ev.source_entity_id LEFT JOIN entities te ON te.id = ev.target_entity_id")

# a mention with its article's title, outlet and date, and the sentence it came from
_MENTIONS = ("SELECT m.*, a.title, a.source AS outlet, a.published, substr(a.text, m.sentence_start + 1,"
             " m.sentence_end - m.sentence_start) AS sentence_text FROM event_mentions m"
             " JOIN articles a ON a.id = m.article_id")


class EventExplorer:
    def __init__(self, store: Store):
        self.store = store

    def events(self, *, limit: int = 50, offset: int = 0, type: str | None = None, story_id: int | None = None,
               entity_id: int | None = None, country: str | None = None, source_country: str | None = None,
               target_country: str | None = None, since: str | None = None, until: str | None = None,
               min_confidence: float = 0.0, language: str | None = None, with_mentions: bool = True,
               include_negated: bool = True) -> list[dict[str, Any]]:
        """Events, newest first. `country` matches either side; `entity_id` either actor."""
        where, args = ["ev.confidence >= ?"], [min_confidence]
        if type:
            where.append("ev.type = ?")
            args.append(canonical_type(type))
        if story_id is not None:
            where.append("ev.story_id = ?")
            args.append(story_id)
        if entity_id is not None:
            where.append("(ev.source_entity_id = ? OR ev.target_entity_id = ?)")
            args += [entity_id, entity_id]
        if country:
            where.append("(ev.source_country = ? OR ev.target_country = ?)")
            args += [country.upper(), country.upper()]
        for column, value in (("source_country", source_country), ("target_country", target_country)):
            if value:
                where.append(f"ev.{column} = ?")
                args.append(value.upper())
        if since:
            where.append("ev.date >= ?")
            args.append(since)
        if until:
            where.append("ev.date <= ?")
            args.append(until + "\uffff")
        if language:
            where.append("ev.languages LIKE ?")
            args.append(f'%"{language}"%')
        if not include_negated:
            where.append("ev.negated = 0")
        rows = self.store.query(f"{_SELECT} WHERE {' AND '.join(where)}"
                                " ORDER BY ev.date DESC, ev.id DESC LIMIT ? OFFSET ?", args + [limit, offset])
        items = [event_summary(r) for r in rows]
        if with_mentions and items:
            mentions = self._mentions([i["id"] for i in items])
            for item in items:
                item["mentions"] = mentions.get(item["id"], [])
        return items

    def event(self, event_id: int) -> dict[str, Any] | None:
        rows = self.store.query(f"{_SELECT} WHERE ev.id = ?", (event_id,))
        if not rows:
            return None
        item = event_summary(rows[0])
        item["mentions"] = self._mentions([event_id]).get(event_id, [])
        return item

    def _mentions(self, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        marks = ",".join("?" * len(event_ids))
        rows = self.store.query(f"{_MENTIONS} WHERE m.event_id IN ({marks}) ORDER BY m.id", event_ids)
        found: dict[int, list[dict[str, Any]]] = {}
        for r in rows:
            bucket = found.setdefault(r["event_id"], [])
            if len(bucket) >= MAX_MENTIONS:
                continue
            bucket.append(self._mention(r))
        return found

    @staticmethod
    def _mention(r) -> dict[str, Any]:
        def actor(side: str):
            return json.loads(r[side]) if r[side] else None

        item = {"id": r["id"], "article_id": r["article_id"], "article_title": r["title"], "outlet": r["outlet"],
                "published": r["published"], "language": r["language"], "sentence_index": r["sentence"],
                "sentence": r["sentence_text"], "sentence_span": [r["sentence_start"], r["sentence_end"]],
                "type": r["type"], "mode": r["mode"], "trigger": r["trigger"],
                "trigger_span": [r["trigger_start"], r["trigger_end"]], "source": actor("source"),
                "target": actor("target"), "location": actor("location"), "date": r["date"],
                "date_precision": r["date_precision"],
                "date_span": [r["date_start"], r["date_end"]] if r["date_start"] is not None else None,
                "negated": bool(r["negated"]), "future": bool(r["future"]),
                "hypothetical": bool(r["hypothetical"]), "confidence": r["confidence"]}
        return item

    def article_events(self, article_id: int) -> list[dict[str, Any]]:
        rows = self.store.query(f"{_MENTIONS} WHERE m.article_id = ? ORDER BY m.sentence", (article_id,))
        return [{**self._mention(r), "event_id": r["event_id"]} for r in rows]

    def dyads(self, *, entity_id: int | None = None, story_id: int | None = None, country: str | None = None,
              limit: int = 50) -> list[dict[str, Any]]:
        """Who acted towards whom: pairs of actors with their events over time (a dyad timeline)."""
        where, args = ["(ev.source_code IS NOT NULL OR ev.source_entity_id IS NOT NULL)"
                       " AND (ev.target_code IS NOT NULL OR ev.target_entity_id IS NOT NULL)"], []
        if entity_id is not None:
            where.append("(ev.source_entity_id = ? OR ev.target_entity_id = ?)")
            args += [entity_id, entity_id]
        if story_id is not None:
            where.append("ev.story_id = ?")
            args.append(story_id)
        if country:
            where.append("(ev.source_country = ? OR ev.target_country = ?)")
            args += [country.upper(), country.upper()]
        rows = self.store.query(f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY ev.date, ev.id LIMIT 5000", args)
        pairs: dict[tuple, dict[str, Any]] = {}
        for row in rows:
            source, target = _actor(row, "source"), _actor(row, "target")
            key = (_actor_key(source), _actor_key(target))
            pair = pairs.setdefault(key, {"source": source, "target": target, "events": 0, "goldstein": 0.0,
                                          "timeline": []})
            pair["events"] += 1
            pair["goldstein"] += row["goldstein"]
            pair["timeline"].append({"id": row["id"], "date": row["date"], "type": row["type"],
                                     "goldstein": row["goldstein"], "mentions": row["mentions"]})
        out = sorted(pairs.values(), key=lambda p: -p["events"])[:limit]
        for pair in out:
            pair["goldstein"] = round(pair["goldstein"] / pair["events"], 2)
        return out

    def counts_by_type(self, story_id: int | None = None) -> dict[str, int]:
        where, args = ("WHERE story_id = ?", (story_id,)) if story_id is not None else ("", ())
        return {r[0]: r[1] for r in self.store.query(
            f"SELECT type, COUNT(*) FROM events {where} GROUP BY type ORDER BY 2 DESC", args)}


def _actor_key(actor: dict[str, Any] | None) -> Any:
    if actor is None:
        return None
    return ("E", actor["entity_id"]) if actor.get("entity_id") else ("C", actor.get("code") or actor.get("name"))
