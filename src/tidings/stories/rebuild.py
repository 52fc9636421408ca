"""Regroup a whole store into stories from scratch (after changing parameters, or to undo drift)."""
from __future__ import annotations

from collections import Counter

import numpy as np

from ..model import Article, DateMention, Mention
from ..store.sqlite import Store
from .cluster import ClusterParams, StoryClusterer


def stored_articles(store: Store, order: str = "published") -> list[Article]:
    """Articles with the parts clustering needs, in publication order (undated last) or arrival order."""
    ids, matrix = store.article_vectors()
    vectors = dict(zip(ids, matrix))
    mentions: dict[int, list[Mention]] = {}
    for r in store.query("SELECT article_id, key FROM mentions WHERE part = 'body'"):  # as cluster.article_keys
        mentions.setdefault(r[0], []).append(Mention(0, 0, "", "", 0, key=r[1]))
    dates: dict[int, list[DateMention]] = {}
    for r in store.query("SELECT article_id, value, precision FROM date_mentions"):
        dates.setdefault(r[0], []).append(DateMention(0, 0, "", r[1], r[2], 0))
    articles = []
    sort = "published IS NULL, published, id" if order == "published" else "id"
    for row in store.query(f"SELECT id, title, language, published FROM articles ORDER BY {sort}"):
        if row["id"] not in vectors:
            continue
        articles.append(Article(title=row["title"], text="", language=row["language"], published=row["published"],
                                id=row["id"], embedding=np.asarray(vectors[row["id"]]),
                                mentions=mentions.get(row["id"], []), dates=dates.get(row["id"], [])))
    return articles


def recluster(store: Store, params: ClusterParams | None = None) -> int:
    """Returns the number of stories made. One transaction: readers see the old or the new grouping."""
    clusterer = StoryClusterer(params)
    clusterer.load([], Counter(), 0)
    placements = [(article, *clusterer.place(article)) for article in stored_articles(store)]
    with store.transaction() as tx:
        store.lock_placement(tx)
        tx.execute("UPDATE articles SET story_id = NULL")
        tx.execute("DELETE FROM stories")
        store.reset_ids(tx)  # ids from 1 again, as SQLite numbers an emptied table
        for state in clusterer.stories:
            state.id = store.save_story(tx, state.as_row())
        tx.executemany("UPDATE articles SET story_id=?, centrality=? WHERE id=?",
                       [(story.id, centrality, article.id) for article, story, centrality in placements])
        store.bump_state_version(tx)
    return len(clusterer.stories)
