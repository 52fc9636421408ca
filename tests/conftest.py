"""Shared fixtures: stores filled by the real pipeline (real model) from small corpora written for the tests.

Every store comes from `new_store_url`: SQLite files by default; with
`TIDINGS_TEST_DB=postgresql://user@host:port/db` (a server where that user may create databases),
a fresh PostgreSQL database per store, dropped afterwards, so the same tests run on both engines
(`make test-postgres`, `.ci/run`). Tests that only make sense on SQLite files say so with
`sqlite_only`.
"""
from __future__ import annotations

import csv
import os
import uuid
from pathlib import Path

import pytest

from tidings.pipeline import Pipeline
from tidings.query import Explorer
from tidings.store import open_store
from tidings.store.sqlite import Store

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
TEST_DB = os.environ.get("TIDINGS_TEST_DB", "")
ON_POSTGRES = TEST_DB.startswith(("postgresql://", "postgres://"))
_CREATED: list[str] = []


def sqlite_only(reason: str):
    """Marks a test that is about SQLite files themselves (it is skipped on a PostgreSQL run)."""
    return pytest.mark.skipif(ON_POSTGRES, reason=f"SQLite only: {reason}")


def _server_url(database: str) -> str:
    base, _, _ = TEST_DB.rpartition("/")
    return f"{base}/{database}"


def new_store_url(folder: Path, name: str = "store") -> str:
    """A URL of a new, empty store: a SQLite file in `folder`, or a new PostgreSQL database."""
    if not ON_POSTGRES:
        return f"sqlite:///{folder / (name + '.db')}"
    import psycopg

    database = f"tidings_test_{name.lower()[:20]}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(TEST_DB, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    _CREATED.append(database)
    return _server_url(database)


def ingest_texts(folder: Path, name: str, texts: dict[str, str], embedder=None) -> Store:
    """A new store (in `folder`) holding these articles (file name -> text), read with the model-free
    embedder, or with `embedder` (a test double, so the pipeline does not check it against the store's model)."""
    from tidings.read.embed import HashingEmbedder

    inputs = folder / "in"
    inputs.mkdir()
    for file_name, text in texts.items():
        (inputs / file_name).write_text(text, encoding="utf-8")
    store = open_store(new_store_url(folder, name))
    if embedder is None:
        Pipeline(store, embedder=HashingEmbedder()).ingest([str(inputs)])
    else:
        Pipeline(store, embedder=embedder, check_embedder=False).ingest([str(inputs)])
    return store


def load_bench(name: str):
    """A script of bench/ (bench/NAME.py) as a module: its functions are tested, not run as a benchmark."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parents[1] / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def drop_test_databases() -> None:
    if not _CREATED:
        return
    import psycopg

    with psycopg.connect(TEST_DB, autocommit=True) as conn:
        while _CREATED:
            conn.execute(f'DROP DATABASE IF EXISTS "{_CREATED.pop()}" WITH (FORCE)')


def pytest_sessionfinish(session, exitstatus):
    if ON_POSTGRES:
        drop_test_databases()


@pytest.fixture(scope="session")
def store_engine() -> str:
    return "postgresql" if ON_POSTGRES else "sqlite"


@pytest.fixture(scope="session")
def mini_gold() -> dict[str, str]:
    with open(FIXTURES / "mini-gold.csv", encoding="utf-8") as handle:
        return {row["article"]: row["event"] for row in csv.DictReader(handle)}


@pytest.fixture(scope="session")
def mini_store(tmp_path_factory) -> Store:
    """A store holding the mini corpus, ingested once per test session (read-only for tests)."""
    store = open_store(new_store_url(tmp_path_factory.mktemp("mini"), "mini"))
    Pipeline(store).ingest([str(MINI)])
    return store


@pytest.fixture(scope="session")
def mini_explorer(mini_store) -> Explorer:
    return Explorer(mini_store)


@pytest.fixture()
def empty_store(tmp_path) -> Store:
    store = open_store(new_store_url(tmp_path, "empty"))
    yield store
    store.close_all()


@pytest.fixture()
def make_store(tmp_path):
    """make_store(name) -> a new empty store (of the engine under test), closed after the test."""
    made = []

    def make(name: str = "store") -> Store:
        store = open_store(new_store_url(tmp_path, name))
        made.append(store)
        return store

    yield make
    for store in made:
        store.close_all()
