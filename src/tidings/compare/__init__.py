"""Compare the sources of a story: what all report, what only some do, where they contradict.

    statements.py  articles -> checkable statements (numbers, dates, places, actors, attribution)
    attribution.py who a statement is credited to (cues per language, kinds of source), one speaker or two
    numbers.py     numbers, amounts and units in 16 languages
    align.py       statements saying the same thing, across articles and languages
    verdicts.py    reported by all / some / one; conflicts on numbers, dates, places; attribution
    coverage.py    who covers a story and from when; language blind spots over a period
    brief.py       a Markdown / HTML brief a journalist can paste into notes

Bounded whatever the story: at most `MAX_ARTICLES` articles are compared (spread over languages
and outlets, earliest first), at most `MAX_STATEMENTS_PER_ARTICLE` statements each (from the top:
the lead carries the news), and at most `AlignParams.max_pairs` candidate pairs are grouped and
`verdicts.MAX_CONFLICT_PAIRS` compared for conflicts.
"""
from __future__ import annotations

import time
from collections import Counter
from typing import Any

from ..store.sqlite import Store
from .align import AlignParams, align, pair_scores, split_units
from .statements import MAX_STATEMENTS_PER_ARTICLE, Statement, attach_vectors, load_statements
from .verdicts import attributions, story_conflicts, verdict

__all__ = ["compare_story", "compare_articles", "compare_statements", "AlignParams", "MAX_ARTICLES"]

MAX_ARTICLES = 60


def choose_articles(rows: list[dict[str, Any]], limit: int = MAX_ARTICLES) -> list[dict[str, Any]]:
    """At most `limit` articles, taken round-robin over languages (earliest first, a new outlet
    before a second article of the same outlet), so a big story keeps its variety."""
    if len(rows) <= limit:
        return rows
    by_language: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(rows, key=lambda r: (r["published"] or "9999", r["id"])):
        by_language.setdefault(row["language"], []).append(row)
    for language, items in by_language.items():
        seen: set[str] = set()
        first = [r for r in items if not (r["source"] in seen or seen.add(r["source"]))]
        by_language[language] = first + [r for r in items if r not in first]
    chosen: list[dict[str, Any]] = []
    while len(chosen) < limit:
        progressed = False
        for items in by_language.values():
            if items and len(chosen) < limit:
                chosen.append(items.pop(0))
                progressed = True
        if not progressed:
            break
    return sorted(chosen, key=lambda r: r["id"])


def _article_rows(store: Store, article_ids: list[int]) -> list[dict[str, Any]]:
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    return [dict(r) for r in store.query(
        f"SELECT id, title, language, source, published, url FROM articles WHERE id IN ({marks}) ORDER BY id",
        list(article_ids))]


def compare_story(store: Store, story_id: int, **options: Any) -> dict[str, Any] | None:
    rows = store.query("SELECT id, title FROM stories WHERE id = ?", (story_id,))
    if not rows:
        return None
    ids = [r[0] for r in store.query("SELECT id FROM articles WHERE story_id = ? ORDER BY id", (story_id,))]
    result = compare_articles(store, ids, **options)
    result.update({"story_id": story_id, "title": rows[0]["title"]})
    return result


def compare_articles(store: Store, article_ids: list[int], *, embedder=None, write_cache: bool = True,
                     params: AlignParams = AlignParams(), max_articles: int = MAX_ARTICLES,
                     per_article: int = MAX_STATEMENTS_PER_ARTICLE) -> dict[str, Any]:
    """The comparison of these articles (a story's, or any set) as a JSON-ready dict."""
    started = time.perf_counter()
    all_rows = _article_rows(store, article_ids)
    rows = choose_articles(all_rows, max_articles)
    ids = [r["id"] for r in rows]
    statements = load_statements(store, ids, per_article)
    computed = 0
    if len(rows) > 1 and statements:
        if embedder is None:
            from ..read.embed import get_embedder

            embedder = get_embedder()
        computed = attach_vectors(store, statements, embedder, write=write_cache)
    result = compare_statements(rows, statements, params)
    result.update({"compared_articles": len(rows), "total_articles": len(all_rows),
                   "limits": {"max_articles": max_articles, "statements_per_article": per_article,
                              "max_pairs": params.max_pairs},
                   "vectors_computed": computed, "seconds": round(time.perf_counter() - started, 3)})
    return result


def compare_statements(rows: list[dict[str, Any]], statements: list[Statement],
                       params: AlignParams = AlignParams()) -> dict[str, Any]:
    """Groups, verdicts and conflicts of statements (with their vectors) of these article rows."""
    if len(rows) > 1 and statements:
        units = split_units(statements)
        scores = pair_scores(units[0], params)
        groups = align(statements, params, scores, units)
        whole = len(statements)  # conflicts are looked for between statements alike as wholes (the first units)
        found = story_conflicts(statements, groups, scores[:whole, :whole], params.conflict_score)
    else:  # one article (or none): nothing to line up, every statement is its own
        groups, found = [[i] for i in range(len(statements))], []
    return _result(rows, statements, groups, found)


def _result(rows: list[dict[str, Any]], statements: list[Statement], groups: list[list[int]],
            found: list[dict[str, Any]]) -> dict[str, Any]:
    compared = len(rows)
    sources_of = {r["id"]: r["source"] or "unknown" for r in rows}
    made = []
    for members in groups:
        group = sorted(members, key=lambda i: (statements[i].published or "9999", statements[i].article_id))
        articles = sorted({statements[i].article_id for i in group})
        made.append({
            "verdict": verdict(len(articles), compared),
            "articles": articles,
            "sources": sorted({sources_of.get(a, "unknown") for a in articles}),
            "languages": sorted({statements[i].language for i in group}),
            "statements": [statements[i].as_dict() for i in group],
            "attributions": attributions([statements[i] for i in group]),
            "_members": set(group),
            "_conflicts": sum(1 for c in found if c["members"] & set(group)),
        })
    order = {"all": 0, "some": 1, "one": 2}
    made.sort(key=lambda g: (order[g["verdict"]], -len(g["articles"]), -g["_conflicts"],
                             g["articles"][0], g["statements"][0]["sentence"]))
    for number, group in enumerate(made, 1):
        group["id"] = number
    # a conflict may join statements of several groups (it is looked for across groups): each
    # group lists the conflicts that involve its statements, and each conflict its groups
    flat = []
    for conflict in found:
        ids = [g["id"] for g in made if g["_members"] & conflict["members"]]
        flat.append({**{k: v for k, v in conflict.items() if k != "members"}, "group": ids[0], "groups": ids})
    for group in made:
        group["conflicts"] = [c for c in flat if group["id"] in c["groups"]]
        del group["_members"], group["_conflicts"]
    counts = Counter(g["verdict"] for g in made)
    per_article = Counter(s.article_id for s in statements)
    articles = [{**r, "statements": per_article.get(r["id"], 0)} for r in rows]
    return {"articles": articles, "groups": made, "conflicts": flat,
            "counts": {"all": counts.get("all", 0), "some": counts.get("some", 0), "one": counts.get("one", 0),
                       "conflicts": len(flat), "statements": len(statements)}}
