"""Shared fixtures: stores filled by the real pipeline (real model) from small corpora written for the tests."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tidings.pipeline import Pipeline
from tidings.query import Explorer
from tidings.store.sqlite import Store

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"


@pytest.fixture(scope="session")
def mini_gold() -> dict[str, str]:
    with open(FIXTURES / "mini-gold.csv", encoding="utf-8") as handle:
        return {row["article"]: row["event"] for row in csv.DictReader(handle)}


@pytest.fixture(scope="session")
def mini_store(tmp_path_factory) -> Store:
    """A store holding the mini corpus, ingested once per test session (read-only for tests)."""
    path = tmp_path_factory.mktemp("mini") / "mini.db"
    store = Store(f"sqlite:///{path}")
    Pipeline(store).ingest([str(MINI)])
    return store


@pytest.fixture(scope="session")
def mini_explorer(mini_store) -> Explorer:
    return Explorer(mini_store)


@pytest.fixture()
def empty_store(tmp_path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'empty.db'}")
