"""Operability: /metrics in Prometheus format and `tidings doctor`."""
from __future__ import annotations

import os
import re
import subprocess
import sys

from fastapi.testclient import TestClient

from tidings.api.app import create_app
from tidings.model import RawArticle
from tidings.ops import doctor
from tidings.pipeline import raw_key

LINE = re.compile(r'^(# (HELP|TYPE) \w+ .+|\w+(\{(\w+="[^"]*",?)*\})? [0-9.e+-]+)$')


def test_metrics_endpoint_speaks_prometheus(mini_store):
    response = TestClient(create_app(store=mini_store)).get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    lines = response.text.strip().split("\n")
    assert all(LINE.match(line) for line in lines), [l for l in lines if not LINE.match(l)]
    assert "tidings_articles 7" in lines
    assert 'tidings_raw_items{status="duplicate"} 1' in lines
    assert 'tidings_articles_by_language{language="zh"} 1' in lines


def test_doctor_passes_on_a_healthy_store(mini_store):
    checks = doctor(mini_store.url)
    on_server = ["vector search"] if mini_store.dialect == "postgresql" else []  # pgvector there or not
    assert [c.name for c in checks] == ["store reachable", "migrations current", "store integrity", *on_server,
                                        "processing queue", "reading version", "language model", "embedding model", "name recognisers"]
    assert all(c.ok for c in checks), [(c.name, c.detail) for c in checks if not c.ok]


def test_doctor_says_which_name_models_are_installed_and_on(monkeypatch):
    from tidings.ops import name_recognisers
    from tidings.read import recognise

    monkeypatch.setattr(recognise, "available", lambda: {"ru": True, "zh": True, "fr": False})
    monkeypatch.setenv("TIDINGS_NER_MODELS", "zh")
    assert name_recognisers() == "rules for every language; models: ru off (TIDINGS_NER_MODELS), zh on, fr not installed"


def test_doctor_says_what_to_fix(empty_store):
    item = RawArticle("stuck.txt", "txt", b"Title\n\nA body that was never processed.")
    empty_store.add_raw(item, raw_key(item))
    queue = next(c for c in doctor(empty_store.url) if c.name == "processing queue")
    assert not queue.ok and "1 raw items wait" in queue.detail and "tidings ingest" in queue.fix


def test_doctor_command_fails_on_an_unusable_store(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    env = dict(os.environ, TIDINGS_DB=f"sqlite:///{blocker}/sub/store.db")
    result = subprocess.run([sys.executable, "-m", "tidings.cli", "doctor"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1 and "FAIL" in result.stdout and "store reachable" in result.stdout


def test_articles_read_by_another_reader_are_reported_until_reprocessed(empty_store, monkeypatch):
    from tidings import cli
    from tidings.model import PIPELINE_VERSION
    from tidings.pipeline import Pipeline
    from tidings.query import Explorer
    from tidings.read.embed import HashingEmbedder

    pipeline = Pipeline(empty_store, embedder=HashingEmbedder())
    items = [RawArticle(f"a{i}.txt", "txt", f"Harbour news {i}\n\nThe harbour council of Rostock met on "
                                            f"Tuesday about quay number {i} and its budget.".encode())
             for i in range(3)]
    assert pipeline.ingest_raw(items).added == 3
    assert next(c for c in doctor(empty_store.url) if c.name == "reading version").ok
    # two rows as an older release wrote them (its version string, its rules)
    with empty_store.transaction() as tx:
        tx.execute("UPDATE articles SET pipeline_version = '0.1.0' WHERE id IN "
                   "(SELECT id FROM articles ORDER BY id LIMIT 2)")

    check = next(c for c in doctor(empty_store.url) if c.name == "reading version")
    assert not check.ok and "tidings reprocess" in check.fix
    assert check.detail == (f"2 articles were read by another version of the reader (2 by 0.1.0); "
                                 f"this release reads as {PIPELINE_VERSION}")
    assert Explorer(empty_store).stats()["reading_versions"] == {"0.1.0": 2, PIPELINE_VERSION: 1}
    said = []
    monkeypatch.setattr(cli.console, "print", lambda text, *a, **k: said.append(text))
    cli._say_if_read_by_another_version(empty_store, "sqlite:///x.db")
    assert said and "2 articles" in said[0] and "`tidings reprocess --db sqlite:///x.db`" in said[0]
    metrics = TestClient(create_app(store=empty_store)).get("/metrics").text
    assert 'tidings_articles_by_reading_version{version="0.1.0"} 2' in metrics

    pipeline.reprocess()
    assert next(c for c in doctor(empty_store.url) if c.name == "reading version").ok
    assert Explorer(empty_store).stats()["reading_versions"] == {PIPELINE_VERSION: 3}
    said.clear()
    cli._say_if_read_by_another_version(empty_store, None)
    assert said == []
