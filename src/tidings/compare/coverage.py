"""Step 4: who covers a story and from when; what each language's press covers that others do not.

* story coverage: per language and per outlet, the number of articles and the first and last
  publication date (who broke it, who came late);
* language blind spots over a period: for each language, the stories (of at least `min_size`
  articles) that its press covers and no other language does, and the big stories it misses.
Two grouped queries over the store, whatever the number of stories.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..store.sqlite import Store


def story_coverage(store: Store, story_id: int) -> dict[str, Any] | None:
    story = store.query("SELECT id, title, first_published, last_published FROM stories WHERE id = ?", (story_id,))
    if not story:
        return None
    rows = store.query(
        "SELECT language, COALESCE(source, 'unknown') AS source, COUNT(*) AS articles, MIN(published) AS first,"
        " MAX(published) AS last FROM articles WHERE story_id = ? GROUP BY language, source"
        " ORDER BY MIN(published) IS NULL, MIN(published), language", (story_id,))  # PostgreSQL: no alias in expressions
    languages: dict[str, dict[str, Any]] = {}
    for row in rows:
        item = languages.setdefault(row["language"], {"language": row["language"], "articles": 0, "first": None,
                                                      "last": None, "outlets": []})
        item["articles"] += row["articles"]
        item["first"] = min(filter(None, [item["first"], row["first"]]), default=None)
        item["last"] = max(filter(None, [item["last"], row["last"]]), default=None)
        item["outlets"].append({"source": row["source"], "articles": row["articles"], "first": row["first"],
                                "last": row["last"]})
    ordered = sorted(languages.values(), key=lambda i: (i["first"] is None, i["first"] or "", i["language"]))
    first = ordered[0]["first"] if ordered else None
    return {"story_id": story_id, "title": story[0]["title"], "first_published": story[0]["first_published"],
            "last_published": story[0]["last_published"], "languages": ordered,
            "first_language": ordered[0]["language"] if ordered and first else None}


def language_blind_spots(store: Store, *, since: str | None = None, until: str | None = None,
                         min_size: int = 2, limit: int = 20) -> dict[str, Any]:
    """Per language: stories only its press covers, and the largest stories it does not cover."""
    where, args = ["a.story_id IS NOT NULL"], []
    if since:
        where.append("a.published >= ?")
        args.append(since)
    if until:
        where.append("substr(a.published, 1, 10) <= ?")
        args.append(until[:10])
    rows = store.query(
        "SELECT a.story_id, a.language, COUNT(*) AS n, s.title, s.size FROM articles a JOIN stories s ON s.id = a.story_id"
        f" WHERE {' AND '.join(where)} GROUP BY a.story_id, a.language, s.title, s.size", args)
    stories: dict[int, dict[str, Any]] = {}
    for row in rows:
        item = stories.setdefault(row["story_id"], {"id": row["story_id"], "title": row["title"], "size": 0,
                                                     "languages": {}})
        item["languages"][row["language"]] = row["n"]
        item["size"] += row["n"]
    covered = [s for s in stories.values() if s["size"] >= min_size]
    by_language: dict[str, dict[str, Any]] = defaultdict(lambda: {"only_here": [], "missing": [], "stories": 0})
    all_languages = sorted({lang for s in stories.values() for lang in s["languages"]})
    for story in sorted(covered, key=lambda s: -s["size"]):
        summary = {"id": story["id"], "title": story["title"], "size": story["size"],
                   "languages": sorted(story["languages"])}
        for language in all_languages:
            entry = by_language[language]
            if language in story["languages"]:
                entry["stories"] += 1
                if len(story["languages"]) == 1:
                    entry["only_here"].append(summary)
            elif len(entry["missing"]) < limit and len(story["languages"]) >= 2:
                entry["missing"].append(summary)
    languages = [{"language": lang, "stories": by_language[lang]["stories"],
                  "only_here": by_language[lang]["only_here"][:limit], "missing": by_language[lang]["missing"]}
                 for lang in all_languages]
    return {"since": since, "until": until, "min_size": min_size, "stories": len(covered), "languages": languages}
