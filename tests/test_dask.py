"""Ingest with Dask: a LocalCluster of 2 worker processes gives the stories a single process gives,
and a run stopped half-way resumes to the same result. Hashing embedder, to keep it fast."""
from __future__ import annotations

from pathlib import Path

import pytest

from tidings.pipeline import Pipeline
from tidings.read.embed import HashingEmbedder
from tidings.store.sqlite import Store

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"


@pytest.fixture(scope="module")
def client():
    from tidings.distributed import dask_client

    with dask_client("local", workers=2) as client:
        yield client


def stories_of(store: Store) -> list[tuple[int, str, tuple[str, ...]]]:
    """(story id, title, its articles' locators) for every story: the whole grouping, comparable
    across stores."""
    rows = store.query("SELECT s.id, s.title, r.locator FROM stories s JOIN articles a ON a.story_id = s.id "
                       "JOIN raw_articles r ON r.id = a.id ORDER BY s.id, r.locator")
    grouped: dict[tuple[int, str], list[str]] = {}
    for row in rows:
        grouped.setdefault((row["id"], row["title"]), []).append(Path(row["locator"]).name)
    return [(sid, title, tuple(locators)) for (sid, title), locators in grouped.items()]


def events_of(store: Store) -> list[tuple]:
    """Every event with where its mentions came from: events are coded on the workers."""
    rows = store.query("SELECT e.id, e.type, e.source_code, e.target_code, e.date, e.mentions, r.locator, m.sentence"
                       " FROM events e JOIN event_mentions m ON m.event_id = e.id JOIN raw_articles r ON r.id = m.article_id"
                       " ORDER BY e.id, m.id")
    return [tuple(str(v) for v in (*row[:6], Path(row[6]).name, row[7])) for row in rows]


def statuses(store: Store) -> list[tuple[str, str, int | None]]:
    return [(Path(r[0]).name, r[1], r[2]) for r in store.query(
        "SELECT locator, status, duplicate_of FROM raw_articles ORDER BY id")]


@pytest.fixture(scope="module")
def single_process(tmp_path_factory) -> Store:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('single') / 'single.db'}")
    Pipeline(store, embedder=HashingEmbedder()).ingest([str(CORPUS)])
    return store


def test_two_workers_give_the_stories_of_one_process(client, single_process, tmp_path):
    from tidings.distributed import DaskReader, worker_count

    assert worker_count(client) == 2
    store = Store(f"sqlite:///{tmp_path / 'dask.db'}")
    pipeline = Pipeline(store, embedder=HashingEmbedder())
    report = pipeline.ingest([str(CORPUS)], reader=DaskReader(client, pipeline.embedder, window=4))
    expected = stories_of(single_process)
    assert report.added == single_process.counts()["articles"] > 50
    assert len(expected) > 10  # a real grouping, not one story per article or one for all
    assert any(len(locators) >= 3 for _, _, locators in expected)
    assert stories_of(store) == expected
    assert statuses(store) == statuses(single_process)
    assert len(events_of(single_process)) > 50 and events_of(store) == events_of(single_process)
    # the workers embedded the articles: the vectors are those of the same model
    assert store.query("SELECT DISTINCT model FROM embeddings")[0][0] == HashingEmbedder().name
    assert report.model_seconds > 0


def test_a_stopped_dask_ingest_resumes_to_the_same_stories(client, single_process, tmp_path):
    from tidings.distributed import DaskReader

    url = f"sqlite:///{tmp_path / 'resumed.db'}"
    pipeline = Pipeline(Store(url), embedder=HashingEmbedder())
    batches = []

    def stop_after_two_batches(report) -> None:
        batches.append(report.added)
        if len(batches) == 2:
            raise KeyboardInterrupt  # like Ctrl-C between two batches

    with pytest.raises(KeyboardInterrupt):
        pipeline.ingest([str(CORPUS)], reader=DaskReader(client, pipeline.embedder, window=3),
                        on_progress=stop_after_two_batches)
    interrupted = Store(url)
    counts = interrupted.counts()
    assert 0 < counts["articles"] < single_process.counts()["articles"]
    assert counts["pending"] > 0  # raw input committed ahead of the workers is kept, still to read

    again = Pipeline(interrupted, embedder=HashingEmbedder())  # a new process
    report = again.ingest([str(CORPUS)], reader=DaskReader(client, again.embedder))
    assert report.added == single_process.counts()["articles"] - counts["articles"]
    assert interrupted.counts()["pending"] == 0
    assert stories_of(interrupted) == stories_of(single_process)
    assert statuses(interrupted) == statuses(single_process)

    rerun = again.ingest([str(CORPUS)], reader=DaskReader(client, again.embedder))
    assert (rerun.added, rerun.already) == (0, rerun.seen)


def test_reprocess_on_workers_rebuilds_the_same_stories(client, single_process, tmp_path):
    from tidings.distributed import DaskReader

    store = Store(f"sqlite:///{tmp_path / 'reprocess.db'}")
    pipeline = Pipeline(store, embedder=HashingEmbedder())
    pipeline.ingest([str(CORPUS)])
    report = pipeline.reprocess(reader=DaskReader(client, pipeline.embedder))
    assert report.added == single_process.counts()["articles"]
    assert stories_of(store) == stories_of(single_process)


def test_the_reader_keeps_a_bounded_window_of_batches_in_flight():
    """Memory stays bounded on a huge archive: the reader never runs more than `window` batches
    ahead of the commits, and results come back in input order (a fake cluster, no processes)."""
    from tidings.distributed import DaskReader
    from tidings.model import RawArticle
    from tidings.prepare import PreparedBatch

    submitted: list[int] = []

    class Future:
        def __init__(self, raws):
            self.raws = raws

        def result(self) -> PreparedBatch:
            return PreparedBatch([], model=HashingEmbedder().name)

    class Client:
        def submit(self, function, raws, name, pure):
            submitted.append(raws[0].id)
            return Future(raws)

        def cancel(self, futures):
            pass

    batches = ([RawArticle(f"item{i}", "txt", b"x", id=i)] for i in range(20))
    reader = DaskReader(Client(), HashingEmbedder(), window=3)
    committed = []
    for raws, _ in reader.map(batches):
        committed.append(raws[0].id)
        assert len(submitted) - len(committed) <= 3
    assert committed == list(range(20)) == submitted


def test_the_command_line_ingests_a_parquet_archive_on_a_local_cluster(tmp_path):
    import json
    import os
    import subprocess
    import sys

    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = sorted(p for p in (CORPUS / "en").glob("*.txt"))[:6]
    rows = [p.read_text(encoding="utf-8").split("\n", 1) for p in texts]
    pq.write_table(pa.table({"headline": [r[0] for r in rows], "body": [r[1] for r in rows]}),
                   tmp_path / "news.parquet", row_group_size=2)
    env = dict(os.environ, TIDINGS_EMBEDDER="hashing", TIDINGS_DB=f"sqlite:///{tmp_path / 'cli.db'}")
    command = [sys.executable, "-m", "tidings.cli", "ingest", str(tmp_path / "news.parquet"), "--json",
               "--dask", "local", "--workers", "2", "--columns", "text=body"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["seen"], report["added"] + report["duplicates"], report["failed"]) == (6, 6, 0)
    assert "2 workers" in done.stderr
    wrong = subprocess.run(command[:-1] + ["txt=body"], env=env, capture_output=True, text=True, timeout=300)
    assert wrong.returncode == 2 and "unknown article field txt" in wrong.stderr
