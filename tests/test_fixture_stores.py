"""Stores written by earlier versions open, migrate and keep working with this code.

Each file in tests/fixtures/stores was written by the code of one commit (bench/make_fixture_store.py,
see the README there). The test copies it, opens it with the current Store (which migrates it),
and checks that every article, story and entity it held is still readable, that a user's alias
survived, and that a new ingest works on it.
"""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tidings.entities.queries import EntityExplorer
from tidings.model import PIPELINE_VERSION, RawArticle
from tidings.ops import doctor
from tidings.pipeline import Pipeline
from tidings.query import Explorer
from tidings.read.embed import HashingEmbedder
from tidings.store.sqlite import Store, _migrations

STORES = sorted((Path(__file__).parent / "fixtures" / "stores").glob("*.db"))
NEW_ARTICLE = (b'{"title": "Harbour council approves the quay budget", "text": "The harbour council approved the '
               b'budget for the new quay on Thursday after a long debate about costs.", "published": "2025-06-19"}')


def test_there_is_a_fixture_per_schema_version():
    versions = set()
    for path in STORES:
        assert path.stat().st_size < 200 * 1024, path
        with sqlite3.connect(path) as conn:
            versions.add(max(r[0] for r in conn.execute("SELECT version FROM schema_migrations")))
    assert versions >= {1, 3, 4, max(v for v, _, _ in _migrations())}


def _before(path: Path) -> dict:
    """What the store holds, read with plain SQL before the current code touches it."""
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {
            "articles": {r[0]: r[1] for r in conn.execute("SELECT id, title FROM articles")},
            "read_before": sum(1 for (version,) in conn.execute("SELECT pipeline_version FROM articles")
                               if version != PIPELINE_VERSION) if _has_column(conn, "articles", "pipeline_version")
            else conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
            "stories": {r[0]: r[1] for r in conn.execute("SELECT id, size FROM stories")},
            "entities": {r[0]: r[1] for r in conn.execute("SELECT id, name FROM entities")} if "entities" in tables else {},
            "user_aliases": {r[0] for r in conn.execute("SELECT alias FROM entity_aliases WHERE origin = 'user'")}
            if "entity_aliases" in tables else set(),
        }


def _has_column(conn, table: str, column: str) -> bool:
    return any(r[1] == column for r in conn.execute(f"PRAGMA table_info({table})"))


@pytest.mark.parametrize("fixture", STORES, ids=[p.stem for p in STORES])
def test_old_store_migrates_and_keeps_working(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    before = _before(path)
    assert len(before["articles"]) >= 3 and before["stories"]

    store = Store(f"sqlite:///{path}")
    assert store.applied_migrations() == {v for v, _, _ in _migrations()}
    explorer = Explorer(store)
    for article_id, title in before["articles"].items():
        article = explorer.article(article_id)
        assert article["title"] == title and article["text"]
    for story_id, size in before["stories"].items():
        story = explorer.story(story_id)
        assert story["size"] == size == len(story["articles"])
    assert {s["id"] for s in explorer.stories(limit=100)} == set(before["stories"])
    # their events were rebuilt from all their mentions: none is left for a run to settle
    assert store.query("SELECT COUNT(*) FROM stories WHERE size <> events_size")[0][0] == 0
    assert explorer.search("Danube", mode="keyword")[0]["title"].startswith("Flood waters")

    entities = EntityExplorer(store)
    for entity_id, name in before["entities"].items():
        assert entities.entity(entity_id)["name"] == name
    if before["user_aliases"]:
        found = entities.entities(q="Tokaïev")
        assert found and found[0]["id"] in before["entities"]

    report = Pipeline(store, embedder=HashingEmbedder()).ingest_raw(
        [RawArticle(locator="after-migration#1", format="jsonl", content=NEW_ARTICLE)])
    assert (report.added, report.failed) == (1, 0)
    assert explorer.search("quay budget", mode="keyword")[0]["title"] == "Harbour council approves the quay budget"
    assert store.counts()["articles"] == len(before["articles"]) + 1
    checks = {check.name: check for check in doctor(f"sqlite:///{path}")}
    assert checks["migrations current"].ok and checks["store integrity"].ok
    # its old rows were read by the reader of their day, which the doctor tells (the new one is not counted);
    # a store written by this tree (the newest fixture, until reading changes again) has none
    reading = checks["reading version"]
    if before["read_before"]:
        assert not reading.ok and reading.detail.startswith(f"{before['read_before']} articles were read by another version")
    else:
        assert reading.ok
