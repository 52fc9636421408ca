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
                                        "processing queue", "language model", "embedding model", "name recognisers"]
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
