"""The read side of entities: listings, one entity with its aliases by language and script, the
articles and stories it appears in, and the entities it appears with. Plain JSON-ready dicts."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..store.sqlite import Store
from .resolve import normalise_alias


def _aliases(store: Store, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in store.query(f"SELECT entity_id, alias, language, script, origin, mentions FROM entity_aliases"
                         f" WHERE entity_id IN ({marks}) ORDER BY mentions DESC, alias", ids):
        found[r["entity_id"]].append({"alias": r["alias"], "language": r["language"], "script": r["script"],
                                      "origin": r["origin"], "mentions": r["mentions"]})
    return found


def _summary(row, aliases: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"], "type": row["type"], "country": row["country"],
            "key": row["key"], "mentions": row["mentions"], "locked": bool(row["locked"]),
            "aliases": sorted({a["alias"] for a in aliases}),
            "languages": sorted({a["language"] for a in aliases if a["language"]})}


class EntityExplorer:
    def __init__(self, store: Store):
        self.store = store

    def entities(self, *, limit: int = 50, offset: int = 0, type: str | None = None, country: str | None = None,
                 q: str | None = None, min_mentions: int = 1) -> list[dict[str, Any]]:
        """Entities by mentions; `q` matches any alias (any script), as a prefix of a word."""
        where, args = ["e.mentions >= ?"], [min_mentions]
        if type:
            where.append("e.type = ?")
            args.append(type.upper())
        if country:
            where.append("e.country = ?")
            args.append(country.upper())
        if q and q.strip():
            needle = normalise_alias(q)
            where.append("e.id IN (SELECT entity_id FROM entity_aliases WHERE normalized = ? OR normalized LIKE ?"
                         " ESCAPE '\\' OR normalized LIKE ? ESCAPE '\\')")
            escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            args += [needle, escaped + "%", "% " + escaped + "%"]
            args[0] = 0  # registry entries without mentions yet are found by name too
        rows = self.store.query(f"SELECT e.* FROM entities e WHERE {' AND '.join(where)}"
                                " ORDER BY e.mentions DESC, e.name LIMIT ? OFFSET ?", args + [limit, offset])
        if not rows and q and q.strip() and not offset:
            rows = self._similar_names(q, type)[:limit]
        aliases = _aliases(self.store, [r["id"] for r in rows])
        return [_summary(r, aliases.get(r["id"], [])) for r in rows]

    def _similar_names(self, q: str, kind: str | None) -> list:
        """A spelling no article used yet (Tokajew for Tokayev, Erdogan for Erdoğan): same surname key,
        similar surname. A person of the bundled dictionary is keyed by its entry ("K:kassym-jomart
        tokayev"), not by the spelling key, so the entries that spelling key names are looked up too."""
        from ..read.names import name_key
        from .resolve import SURNAME_SIMILARITY, _known_people_by_key, surname_similarity

        words = q.split()
        if not words:
            return []
        key = f"N:{name_key(q)}"
        keys = [key, *sorted(_known_people_by_key().get(key, ()))]
        rows = self.store.query(f"SELECT * FROM entities WHERE key IN ({', '.join('?' * len(keys))})"
                                " ORDER BY mentions DESC, id", tuple(keys))
        return [r for r in rows if (not kind or r["type"] == kind.upper())
                and surname_similarity(words[-1], r["name"].split()[-1]) >= SURNAME_SIMILARITY]

    def entity(self, entity_id: int) -> dict[str, Any] | None:
        rows = self.store.query("SELECT * FROM entities WHERE id = ?", (entity_id,))
        if not rows:
            return None
        aliases = _aliases(self.store, [entity_id]).get(entity_id, [])
        item = _summary(rows[0], aliases)
        by_language: dict[str, list[dict]] = defaultdict(list)
        for alias in aliases:
            by_language[alias["language"] or "?"].append(alias)
        item["aliases_by_language"] = dict(sorted(by_language.items()))
        item["scripts"] = sorted({a["script"] for a in aliases})
        item["articles"] = [dict(r) for r in self.store.query(
            "SELECT a.id, a.title, a.language, a.published, a.source, a.story_id, COUNT(*) AS mentions,"
            # where the article names it: its text, a photo caption (read/captions.py), its headline (read/titles.py)
            " SUM(CASE WHEN m.part = 'body' THEN 1 ELSE 0 END) AS in_text,"
            " SUM(CASE WHEN m.part = 'caption' THEN 1 ELSE 0 END) AS in_captions,"
            " SUM(CASE WHEN m.part = 'title' THEN 1 ELSE 0 END) AS in_title,"
            # a news agency credited for the article or a photo (read/credits.py)
            " SUM(CASE WHEN m.part = 'credit' THEN 1 ELSE 0 END) AS credited"
            " FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?"
            " GROUP BY a.id ORDER BY a.published DESC, a.id DESC LIMIT 200", (entity_id,))]
        for article in item["articles"]:
            _where_named(article)
        item["credited_in"] = self.store.query(
            "SELECT COUNT(DISTINCT article_id) FROM mentions WHERE entity_id = ? AND part = 'credit'", (entity_id,))[0][0]
        item["stories"] = [dict(r) for r in self.store.query(
            "SELECT s.id, s.title, s.size, s.first_published, s.last_published, COUNT(DISTINCT a.id) AS articles"
            " FROM mentions m JOIN articles a ON a.id = m.article_id JOIN stories s ON s.id = a.story_id"
            " WHERE m.entity_id = ? GROUP BY s.id ORDER BY articles DESC, s.size DESC LIMIT 100", (entity_id,))]
        item["related"] = self.related(entity_id)
        return item

    def related(self, entity_id: int, limit: int = 20) -> list[dict[str, Any]]:
        """Entities named in the same articles, by how many articles they share. Credits are left out on
        both sides: an agency credited on every wire photo would "appear with" everything it sold a
        picture of, and every name would appear with it (read/credits.py)."""
        return [dict(r) for r in self.store.query(
            "SELECT e.id, e.name, e.type, e.country, COUNT(DISTINCT o.article_id) AS articles"
            " FROM mentions m JOIN mentions o ON o.article_id = m.article_id AND o.entity_id != m.entity_id"
            " AND o.part <> 'credit' JOIN entities e ON e.id = o.entity_id WHERE m.entity_id = ? AND m.part <> 'credit'"
            " GROUP BY e.id ORDER BY articles DESC, e.mentions DESC LIMIT ?", (entity_id, limit))]

    def story_entities(self, story_id: int, limit: int = 30) -> list[dict[str, Any]]:
        return [dict(r) for r in self.store.query(
            "SELECT e.id, e.name, e.type, e.country, COUNT(*) AS mentions, COUNT(DISTINCT a.language) AS languages"
            " FROM mentions m JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id"
            # who the story is about: not the agencies credited for its articles (read/credits.py)
            " WHERE a.story_id = ? AND m.part <> 'credit'"
            " GROUP BY e.id ORDER BY languages DESC, mentions DESC LIMIT ?", (story_id, limit))]

    def article_entities(self, article_id: int) -> list[dict[str, Any]]:
        return [dict(r) for r in self.store.query(
            "SELECT e.id, e.name, e.type, e.country, COUNT(*) AS mentions FROM mentions m"
            " JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? GROUP BY e.id ORDER BY mentions DESC",
            (article_id,))]


def _where_named(article: dict[str, Any]) -> None:
    """Turns an entity page's article row's counts by part into flags: `in_title` (the headline names
    it), `only_in_captions` (only a photo caption does), `only_in_title` (only the headline does),
    `credited` (the article or a photo credits it, a news agency)."""
    in_text, in_captions, in_title, credited = (bool(article.pop(k)) for k in
                                                ("in_text", "in_captions", "in_title", "credited"))
    article["in_title"] = in_title
    article["only_in_captions"] = in_captions and not in_text and not in_title
    article["only_in_title"] = in_title and not in_text and not in_captions
    article["credited"] = credited  # a news agency credited for the article or a photo
