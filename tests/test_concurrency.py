"""Several writers on one store at once (`tidings ingest` twice, or `ingest` beside `watch`): every
article stored exactly once, every story's size equal to its articles. Runs on the engine under test
(`TIDINGS_TEST_DB`): SQLite serialises the writers with its file lock, PostgreSQL with unique raw
keys, one transaction per batch and the advisory lock on story placement."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tidings.store import open_store

from tests.conftest import new_store_url
from tests.test_ingest import write_articles

ARTICLES = 64  # four batches each: the two processes interleave their transactions


def _ingest(url: str, corpus) -> subprocess.Popen:
    env = dict(os.environ, TIDINGS_EMBEDDER="hashing", PYTHONPATH=os.pathsep.join(sys.path))
    return subprocess.Popen([sys.executable, "-m", "tidings.cli", "ingest", str(corpus), "--db", url, "--json"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_ingest_processes_store_every_article_exactly_once(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    paths = write_articles(corpus, ARTICLES)
    url = new_store_url(tmp_path, "two-writers")
    open_store(url).close_all()  # migrated once beforehand, so both start writing at once
    processes = [_ingest(url, corpus), _ingest(url, corpus)]
    reports = []
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err[-2000:]
        reports.append(json.loads(out))
    # between them the two processes added each article once: none twice, none lost
    assert sum(r["added"] for r in reports) == ARTICLES
    assert all(r["failed"] == 0 and r["duplicates"] == 0 for r in reports)

    store = open_store(url)
    counts = store.counts()
    assert (counts["articles"], counts["raw"], counts["pending"], counts["duplicates"]) == (ARTICLES, ARTICLES, 0, 0)
    locators = [r[0] for r in store.query("SELECT locator FROM raw_articles a JOIN articles USING (id)")]
    assert sorted(locators) == sorted(str(p) for p in paths)
    # every story's size is its articles: no story lost an update to the other writer
    sizes = {r[0]: r[1] for r in store.query("SELECT id, size FROM stories")}
    members: dict[int, int] = {}
    for (story_id,) in store.query("SELECT story_id FROM articles"):
        members[story_id] = members.get(story_id, 0) + 1
    assert members == sizes
    assert sum(sizes.values()) == ARTICLES
    store.close_all()
