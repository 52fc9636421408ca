"""The read side while a writer keeps adding articles: the vector index grows by appending, and
remembered page data may lag by at most `max_stale_s` (bench/bench_load.py --ingest-during)."""
from __future__ import annotations

import json

import numpy as np

from tidings.model import RawArticle
from tidings.pipeline import Pipeline, raw_key
from tidings.query import SEARCH_POOL, Explorer
from tidings.read.embed import HashingEmbedder
from tidings.store import open_store


def raw(i: int, title: str, text: str) -> RawArticle:
    body = {"title": title, "text": text, "published": f"2025-03-{10 + i:02d}", "url": f"https://x.example/{i}"}
    return RawArticle(locator=f"t#{i}", format="jsonl", content=json.dumps(body).encode())


FIRST = [raw(1, "Volcano erupts on the island of Sakurajima", "The volcano erupted on Sunday and ash fell on the city "
                                                                  "of Kagoshima across the bay for several hours."),
         raw(2, "Parliament passes the new budget law", "The parliament passed the budget law on Tuesday after a "
                                                        "long night of debate over spending on schools and roads.")]
LATER = raw(3, "Marathon runners brave the heat in Seville", "Thousands of marathon runners ran through Seville on "
                                                             "Saturday as temperatures rose above thirty degrees.")


def _first_two_indexed(store) -> tuple[Pipeline, Explorer]:
    """FIRST ingested, and an explorer over the store: a pipeline and an explorer with one embedder."""
    embedder = HashingEmbedder()
    pipeline = Pipeline(store, embedder=embedder)
    pipeline.ingest_raw(FIRST)
    return pipeline, Explorer(store, embedder=embedder)


def test_vector_index_appends_new_articles_and_reloads_after_other_changes(empty_store, monkeypatch):
    pipeline, explorer = _first_two_indexed(empty_store)
    loads = []
    original = empty_store.article_vectors
    monkeypatch.setattr(empty_store, "article_vectors", lambda *a: loads.append(1) or original(*a))

    assert explorer.search("volcano ash Kagoshima", mode="semantic")[0]["title"].startswith("Volcano")
    pipeline.ingest_raw([LATER])
    hits = explorer.search("marathon runners Seville heat", mode="semantic")
    assert hits[0]["title"].startswith("Marathon")
    assert len(loads) == 1  # the new article was appended, not everything re-read
    ids, matrix, _ = explorer._vector_index()
    assert len(ids) == matrix.shape[0] == 3 and ids == sorted(ids)

    with empty_store.transaction() as tx:  # not an append: a deletion
        tx.execute("DELETE FROM embeddings WHERE article_id = ?", (ids[0],))
    assert explorer._vector_index()[0] == ids[1:] and len(loads) == 2


def test_an_article_committed_while_the_index_loads_is_appended_later_not_reloaded(empty_store, monkeypatch):
    """A writer that commits between the index's count and its full read must not leave the index
    with a stamp that mismatches its rows: every later append would then fail and re-read all
    vectors (what kept a server beside an ingest reloading 100,000 vectors batch after batch)."""
    pipeline, explorer = _first_two_indexed(empty_store)
    loads = []
    original = empty_store.article_vectors

    def read_after_a_commit(*args):
        if not loads:  # the writer commits after the count, before the read
            pipeline.ingest_raw([LATER])
        loads.append(1)
        return original(*args)

    monkeypatch.setattr(empty_store, "article_vectors", read_after_a_commit)
    ids, _, _ = explorer._vector_index()
    assert len(ids) == 3 and len(loads) == 1
    pipeline.ingest_raw([raw(4, "Storm closes the harbour of Gdansk", "A winter storm closed the harbour of "
                                                                        "Gdansk on Monday and ferries stayed in port.")])
    ids, matrix, _ = explorer._vector_index()
    assert len(ids) == matrix.shape[0] == 4 and len(loads) == 1  # appended, not re-read


def test_a_repeated_search_scores_only_the_rows_added_since_and_ranks_as_a_fresh_one(empty_store):
    pipeline, explorer = _first_two_indexed(empty_store)
    query = "marathon runners Seville heat"
    before = explorer.search(query, mode="semantic", limit=2)
    assert not before[0]["title"].startswith("Marathon")
    pipeline.ingest_raw([LATER])
    ids, matrix, load = explorer._vector_index()
    scored = []
    original = np.ndarray.__matmul__

    class Watched(np.ndarray):  # records how many rows each product scores
        def __matmul__(self, other):
            scored.append(len(self))
            return original(np.asarray(self), other)

    rows, scores = explorer._nearest_rows(explorer._query_vector(query), matrix.view(Watched), (load, query, SEARCH_POOL))
    assert scored == [1]  # the one new row, not all three
    again = explorer.search(query, mode="semantic", limit=2)
    fresh = Explorer(empty_store, embedder=HashingEmbedder()).search(query, mode="semantic", limit=2)
    assert [h["id"] for h in again] == [h["id"] for h in fresh] and again[0]["title"].startswith("Marathon")
    assert [h["score"] for h in again] == [h["score"] for h in fresh]


def test_page_data_lags_a_busy_store_by_at_most_max_stale(empty_store):
    Pipeline(empty_store, embedder=HashingEmbedder()).ingest_raw(FIRST[:1])
    count = lambda: empty_store.counts()["articles"]  # noqa: E731
    exact, lagging = Explorer(empty_store), Explorer(empty_store, max_stale_s=3600)
    assert exact.memo("n", count) == lagging.memo("n", count) == 1
    Pipeline(empty_store, embedder=HashingEmbedder()).ingest_raw(FIRST[1:])
    assert exact.memo("n", count) == 2
    assert lagging.memo("n", count) == 1  # remembered: the store changed less than max_stale_s ago
    assert lagging.memo("other", count) == 2  # what was not remembered is computed afresh
    lagging.max_stale_s = 0
    assert lagging.memo("n", count) == 2


def test_past_max_stale_readers_get_the_previous_value_while_one_thread_recomputes_it(empty_store):
    """Stale-while-revalidate: when a busy store's remembered values expire, readers are not made
    to wait together for their recomputation; they get the previous value until it is done."""
    import threading
    import time

    Pipeline(empty_store, embedder=HashingEmbedder()).ingest_raw(FIRST[:1])
    count = lambda: empty_store.counts()["articles"]  # noqa: E731
    explorer = Explorer(empty_store, max_stale_s=0.05)
    assert explorer.memo("n", count) == 1
    Pipeline(empty_store, embedder=HashingEmbedder()).ingest_raw(FIRST[1:])
    time.sleep(0.1)
    started, gate, calls = threading.Event(), threading.Event(), []

    def slow_count():
        calls.append(1)
        started.set()
        gate.wait(10)
        return count()

    assert explorer.memo("n", slow_count) == 1  # at once: the previous value
    assert started.wait(10)  # ... while a background thread computes the new one
    assert explorer.memo("n", slow_count) == 1 and len(calls) == 1  # one recomputation, not one per reader
    gate.set()
    deadline = time.monotonic() + 10
    while explorer.memo("n", lambda: -1) != 2:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert explorer.memo("other", count) == 2  # never remembered: computed by its reader
    explorer.forget()  # a write of this process: nothing stale is served to its author
    assert explorer.memo("n", lambda: 7) == 7


def test_readers_of_a_missing_value_wait_for_one_computation(empty_store):
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    explorer = Explorer(empty_store)
    calls, gate = [], threading.Event()

    def slow_page():
        calls.append(1)
        gate.wait(10)
        return 42

    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(explorer.memo, "front", slow_page) for _ in range(8)]
        time.sleep(0.3)
        gate.set()
        assert [f.result() for f in futures] == [42] * 8
    assert len(calls) == 1
    assert explorer.memo("front", lambda: 0) == 42
    explorer.forget()
    assert explorer.memo("front", lambda: 0) == 0


def test_the_stamp_moves_with_writes_to_this_store_only(make_store):
    """What caches are keyed on. On PostgreSQL it once was the server's write-ahead-log position, so
    a write to another database of the same server (another test's store, autovacuum) dropped every
    cache, and the test above failed now and then; the other store here is such a database."""
    store, other = make_store("stamped"), make_store("other")
    writer = open_store(store.url)  # another connection to the same store, as another process has
    try:
        before = store.stamp()
        Explorer(store).stats()
        other.add_raw(LATER, raw_key(LATER))
        Pipeline(other, embedder=HashingEmbedder()).ingest_raw(FIRST)
        assert store.stamp() == before  # reads of this store, writes to another: nothing changed here

        writer.add_raw(LATER, raw_key(LATER))
        after_raw = store.stamp()
        assert after_raw != before  # a write outside a transaction, by another connection
        writer.add_raw(LATER, raw_key(LATER))
        assert store.stamp() == after_raw  # the same raw item again: stored once, nothing changed

        Pipeline(writer, embedder=HashingEmbedder()).ingest_raw(FIRST)
        assert store.stamp() != after_raw  # batches committed by another connection
        assert Explorer(store).stats()["articles"] == 2
    finally:
        writer.close_all()

def test_remembered_values_are_dropped_least_recently_used_first(empty_store, monkeypatch):
    import tidings.query

    monkeypatch.setattr(tidings.query, "MEMO_SIZE", 3)
    explorer = Explorer(empty_store)
    explorer.memo("front", lambda: "front page")
    for i in range(10):  # a crawler's stream of one-off pages, the front page read between them
        explorer.memo(("article", i), lambda: i)
        assert explorer.memo("front", lambda: "rendered again") == "front page"
    assert explorer.memo(("article", 0), lambda: "again") == "again"  # the oldest one-off page was dropped


def test_pages_are_rendered_once_per_store_version(empty_store, monkeypatch):
    from fastapi.testclient import TestClient

    from tidings.api import app as app_module

    monkeypatch.setenv("TIDINGS_PAGE_MAX_STALE_S", "0")  # another writer's batch is shown at once
    pipeline = Pipeline(empty_store, embedder=HashingEmbedder())
    pipeline.ingest_raw(FIRST)
    client = TestClient(app_module.create_app(store=empty_store))
    rendered = []
    original = app_module.templates.get_template
    monkeypatch.setattr(app_module.templates, "get_template", lambda name: rendered.append(name) or original(name))

    first = client.get("/")
    assert first.status_code == 200 and "Volcano erupts" in first.text
    assert client.get("/").text == first.text and rendered == ["index.html"]  # the second reader gets the bytes
    twin = client.get("/index.json").json()
    assert client.get("/index.json").json() == twin and len(twin["stories"]) == 2

    pipeline.ingest_raw([LATER])  # a write beside the server, as `tidings ingest` makes
    assert "Marathon runners" in client.get("/").text and rendered == ["index.html"] * 2
    assert len(client.get("/index.json").json()["stories"]) == 3
    assert client.get("/?language=fr").status_code == 200 and rendered[-1] == "index.html" and len(rendered) == 3


def test_keyword_search_ranks_among_the_most_recent_matches_of_a_common_word(empty_store, monkeypatch):
    import tidings.store.sqlite

    monkeypatch.setattr(tidings.store.sqlite, "FTS_RANKED", 2)
    Pipeline(empty_store, embedder=HashingEmbedder()).ingest_raw(FIRST + [LATER])
    ids = [r[0] for r in empty_store.query("SELECT id FROM articles ORDER BY id")]
    common = empty_store.fts_search('"the"', 10)  # in all three articles: only the two newest are ranked
    assert sorted(i for i, _ in common) == ids[1:]
    rare = empty_store.fts_search('"Kagoshima"', 10)  # in one article, the oldest: found
    assert [i for i, _ in rare] == ids[:1]
