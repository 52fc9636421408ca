"""Ingest end to end: folders, formats, duplicates, bad input, re-runs and crashes."""
from __future__ import annotations

import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tidings.pipeline import Pipeline
from tidings.store import open_store
from tidings.store.sqlite import Store

from tests.conftest import load_bench, new_store_url, sqlite_only



SENTENCES = [
    "Der Stadtrat stritt am Montag über {topic}.", "Bürgermeisterin {name} kündigte eine Entscheidung an.",
    "Die Kosten liegen bei {n} Millionen Euro.", "Anwohner protestierten vor dem Rathaus gegen die Pläne.",
    "Die Opposition verlangt ein unabhängiges Gutachten.", "Ein Sprecher der Verwaltung wollte sich nicht äußern.",
    "Der Landkreis prüft nun eine Beteiligung an {topic}.", "Kritiker sprechen von einem Fass ohne Boden.",
    "Bereits im Frühjahr hatte es eine Bürgerversammlung gegeben.", "Die Entscheidung fällt voraussichtlich im Herbst.",
    "Der Bund stellt Fördermittel in Höhe von {m} Millionen Euro in Aussicht.", "Die Gewerkschaft warnt vor Stellenabbau.",
    "Ein Gutachten aus dem Jahr {year} hatte Mängel festgestellt.", "Die Bauarbeiten sollen {year} beginnen.",
]


def write_articles(folder: Path, count: int) -> list[Path]:
    """Distinct small articles: each a different random selection and order of sentences."""
    topics = ["den Hafen", "die Wahl", "die Brücke", "das Museum", "den Flughafen", "die Schule", "die Klinik"]
    paths = []
    for i in range(count):
        rng = random.Random(i)
        values = {"topic": topics[i % len(topics)], "name": f"Anna Beispiel-{i}", "n": rng.randint(5, 900),
                  "m": rng.randint(1, 90), "year": rng.randint(1990, 2030)}
        body = " ".join(s.format(**values) for s in rng.sample(SENTENCES, 6))
        path = folder / f"artikel-{i:03d}.txt"
        path.write_text(f"date 2025-0{1 + i % 9}-1{i % 10}\nMeldung {i} über {values['topic']}\n\n{body}\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def test_folder_ingest_reports_bad_files_and_keeps_going(tmp_path, empty_store):
    corpus = tmp_path / "in"
    (corpus / "sub").mkdir(parents=True)
    write_articles(corpus / "sub", 3)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "junk.txt").write_bytes(os.urandom(2048).replace(b"\n", b"\x00"))
    (corpus / "broken.html").write_bytes(b"<html><body><div><p>unterminated <b><i></div>")
    (corpus / "lines.jsonl").write_text(
        '{"title": "Ein Titel", "text": "Der Text eines Artikels über den Hafen von Hamburg und seine Zukunft.", "url": "https://example.org/a"}\n'
        '{"title": broken json\n'
        '\n'
        '{"title": "Zweiter", "text": "Noch ein ganz anderer Artikel über die Bahn in Köln und Verspätungen."}\n',
        encoding="utf-8")
    (corpus / "big.txt").write_bytes(b"x" * (21 * 1024 * 1024))
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4")
    report = Pipeline(empty_store).ingest([str(corpus)])
    assert report.unsupported == [str(corpus / "scan.pdf")]
    reasons = {Path(locator).name: reason for locator, reason in report.errors}
    assert report.added == 5
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["junk.txt"]
    assert "malformed JSON" in reasons["lines.jsonl#2"]
    assert "too large" in reasons["big.txt"]
    assert "broken.html" in reasons  # no article text in it
    assert empty_store.counts()["articles"] == 5
    stored = {r["locator"] for r in empty_store.errors()}
    assert str(corpus / "empty.txt") in stored


def test_rerun_adds_nothing_and_duplicates_are_recorded_once(tmp_path, empty_store):
    corpus = tmp_path / "in"
    corpus.mkdir()
    paths = write_articles(corpus, 4)
    text = paths[0].read_text(encoding="utf-8")
    (corpus / "copy-exact.txt").write_text(text, encoding="utf-8")  # same text, other file
    (corpus / "copy-near.txt").write_text(text.replace("Montag", "Dienstag") + "Foto: dpa\n", encoding="utf-8")
    pipeline = Pipeline(empty_store)
    first = pipeline.ingest([str(corpus)])
    assert (first.added, first.duplicates) == (4, 2)
    second = pipeline.ingest([str(corpus)])
    assert (second.added, second.duplicates, second.already) == (0, 0, 6)
    counts = empty_store.counts()
    assert counts["articles"] == 4 and counts["duplicates"] == 2
    duplicate_of = {r["locator"]: r["duplicate_of"] for r in empty_store.query(
        "SELECT locator, duplicate_of FROM raw_articles WHERE status='duplicate'")}
    original = empty_store.query("SELECT id FROM raw_articles WHERE locator=?", (str(paths[0]),))[0][0]
    assert set(duplicate_of.values()) == {original}


def test_same_url_is_a_duplicate(tmp_path, empty_store):
    lines = [{"title": "A", "text": "Erster Text über den Hafen von Hamburg.", "url": "https://example.org/x"},
             {"title": "B", "text": "Ganz anderer Text über die Bahn in München.", "url": "https://example.org/x"}]
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(line) for line in lines))
    report = Pipeline(empty_store).ingest([str(path)])
    assert (report.added, report.duplicates) == (1, 1)


@sqlite_only("kills a process mid-write and checks the database file (PRAGMA integrity_check)")
def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    write_articles(corpus, 60)
    db = tmp_path / "crash.db"
    env = dict(os.environ, TIDINGS_DB=str(db))
    command = [sys.executable, "-m", "tidings.cli", "ingest", str(corpus)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:  # kill it once some, but not all, articles are in
        time.sleep(0.05)
        if db.exists():
            try:
                done = Store(f"sqlite:///{db}").counts()["articles"]
            except Exception:  # noqa: BLE001 - the store may be mid-migration
                continue
            if done >= 16:
                break
    process.send_signal(signal.SIGKILL)
    process.wait()
    store = Store(f"sqlite:///{db}")
    assert store.counts()["articles"] < 60, "the ingest finished before it could be killed"
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    counts = store.counts()
    assert counts["articles"] == 60 and counts["pending"] == 0 and counts["raw"] == 60
    assert store.query("PRAGMA integrity_check")[0][0] == "ok"
    orphans = store.query("SELECT COUNT(*) FROM articles WHERE story_id IS NULL OR story_id NOT IN (SELECT id FROM stories)")
    assert orphans[0][0] == 0
    sizes = store.query("SELECT SUM(size) FROM stories")[0][0]
    assert sizes == 60


def _bench_kills():
    """bench/bench_kills.py: the harness that kills and restarts a process and compares the store
    with a clean run's (the benchmark runs it with hundreds of kills)."""
    return load_bench("bench_kills")


@pytest.mark.parametrize("target", ["watch", "serve"])
def test_killed_watcher_and_server_leave_what_a_clean_run_leaves(tmp_path, target):
    """`tidings watch` (a feed that grows between restarts) and `tidings serve` (articles posted,
    unanswered posts sent again) SIGKILLed twice while storing and processing articles."""
    bench = _bench_kills()
    articles = bench.synthetic_articles(24, seed=5, words=120)
    stores = new_store_url(tmp_path, "clean"), new_store_url(tmp_path, "killed")
    result = bench.run(target, tmp_path, articles, kills=2, seed=5, stores=stores, window=0.3)
    assert result["kills"] == 2 and result["kills_that_left_items_pending"] >= 1
    assert (result["lost"], result["duplicated"], result["unexpected"], result["pending_after"]) == (0, 0, 0, 0)
    assert result["articles_killed"] == result["articles_clean"] >= 20
    for same in ("same_statuses_and_duplicates", "same_stories", "same_entities", "same_events"):
        assert result[same], same
    assert result["story_sizes_consistent"]
    assert result["integrity"] == ("ok" if stores[1].startswith("sqlite") else None)  # PRAGMA integrity_check


def test_two_writers_share_one_store(tmp_path):
    """`watch` and `ingest` at once: each sees the stories and items the other committed."""
    from tests.conftest import MINI
    from tidings.pipeline import IngestReport, raw_key

    url = new_store_url(tmp_path, "shared")
    first, second = Pipeline(open_store(url)), Pipeline(open_store(url))  # two connections, like two processes
    german, chinese = tmp_path / "de", tmp_path / "zh"
    german.mkdir()
    chinese.mkdir()
    (german / "de.txt").write_bytes((MINI / "de-gipfel.txt").read_bytes())
    (chinese / "zh.txt").write_bytes((MINI / "zh-fenghui.txt").read_bytes())
    (chinese / "copy.txt").write_bytes((MINI / "de-gipfel.txt").read_bytes())  # the same text again
    first.ingest([str(german)])
    report = second.ingest([str(chinese)])  # second's memory predates first's story
    assert (report.added, report.duplicates) == (1, 1)
    stories = {r["locator"].rsplit("/", 1)[-1]: r["story_id"] for r in first.store.query(
        "SELECT r.locator, a.story_id FROM articles a JOIN raw_articles r ON r.id = a.id")}
    assert stories["zh.txt"] == stories["de.txt"]  # joined the story the other writer made
    # both writers pick up the same pending item: it is stored once
    item = read_file_raw(MINI / "ru-sammit.txt")
    raw_id, _ = first.store.add_raw(item, raw_key(item))
    item.id = raw_id
    first._process_batch([item], IngestReport())
    second._process_batch([item], IngestReport())
    assert first.store.query("SELECT COUNT(*) FROM articles WHERE id = ?", (raw_id,))[0][0] == 1
    assert first.store.counts()["pending"] == 0


def read_file_raw(path: Path):
    from tidings.sources.files import read_file

    return next(iter(read_file(path)))


def test_a_store_never_mixes_embedding_models(make_store):
    from tests.conftest import MINI
    from tidings.pipeline import EmbedderMismatch
    from tidings.read.embed import HashingEmbedder

    store = make_store("one-model")
    Pipeline(store, embedder=HashingEmbedder(dim=384)).ingest([str(MINI / "de-gipfel.txt")])
    try:
        Pipeline(store)  # the default model: its vectors cannot be compared with the stored ones
    except EmbedderMismatch as exc:
        assert "tidings reprocess" in str(exc)
    else:
        raise AssertionError("mixing embedders was not refused")
    report = Pipeline(store, check_embedder=False).reprocess()  # re-embeds everything with the model
    assert report.added == 1
    assert [r[0] for r in store.query("SELECT DISTINCT model FROM embeddings")] == ["multilingual-e5-small-q4"]
