"""`tidings export --all` and `tidings import`: a whole store round-trips without loss."""
from __future__ import annotations

import gzip

import pytest

from tests.conftest import MINI
from tidings.backup import export_all, import_all
from tidings.entities import registry
from tidings.entities.queries import EntityExplorer
from tidings.pipeline import Pipeline
from tidings.store.sqlite import Store


def _grouping(store: Store) -> list[list[str]]:
    groups: dict[int, list[str]] = {}
    for r in store.query("SELECT r.locator, a.story_id FROM articles a JOIN raw_articles r ON r.id = a.id"):
        groups.setdefault(r["story_id"], []).append(r["locator"].rsplit("/", 1)[-1])
    return sorted(sorted(g) for g in groups.values())


def test_round_trip_keeps_articles_stories_registry_sources_and_alerts(tmp_path, make_store):
    source = make_store("a")
    Pipeline(source).ingest([str(MINI)])
    person = EntityExplorer(source).entities(q="Dati")[0]["id"]
    registry.rename(source, person, "Rachida Dati (culture minister)")
    registry.add_alias(source, person, "Рашида Дати", "ru")
    source.query("INSERT INTO sources(url, name) VALUES ('https://example.org/feed.xml', 'Example')")
    dump = tmp_path / "store.jsonl.gz"
    counts = export_all(source, dump)
    assert counts["raw"] == 8 and counts["alias"] >= 2 and counts["row"] >= 1

    target = make_store("b")
    imported = import_all(target, dump)
    assert imported["raw"] == 8
    assert target.counts()["articles"] == source.counts()["articles"] == 7
    assert target.counts()["duplicates"] == 1
    assert _grouping(target) == _grouping(source)
    found = EntityExplorer(target).entities(q="Рашида Дати")
    assert [e["name"] for e in found] == ["Rachida Dati (culture minister)"]
    assert target.query("SELECT name FROM sources")[0][0] == "Example"


def test_import_refuses_other_files(tmp_path, make_store):
    bogus = tmp_path / "x.jsonl.gz"
    with gzip.open(bogus, "wt") as handle:
        handle.write('{"kind": "header", "format": "something-else"}\n')
    with pytest.raises(ValueError, match="not a tidings dump"):
        import_all(make_store("c"), bogus)


def _entities(store: Store) -> list[tuple[str, list[str]]]:
    return sorted((e["name"], e["type"], e["country"], sorted(e["aliases"])) for e in EntityExplorer(store).entities(limit=500))


def test_a_sqlite_store_moves_to_the_engine_under_test_and_back(tmp_path, make_store):
    """Between engines (on the PostgreSQL run, SQLite -> PostgreSQL -> SQLite): the same articles,
    stories, entities with their aliases, and registry decisions at both ends."""
    from tidings.store import open_store

    origin = open_store(f"sqlite:///{tmp_path / 'origin.db'}")
    back = open_store(f"sqlite:///{tmp_path / 'back.db'}")
    try:
        Pipeline(origin).ingest([str(MINI)])
        person = EntityExplorer(origin).entities(q="Dati")[0]["id"]
        registry.add_alias(origin, person, "Рашида Дати", "ru")
        export_all(origin, tmp_path / "there.jsonl.gz")
        moved = make_store("moved")
        import_all(moved, tmp_path / "there.jsonl.gz")
        export_all(moved, tmp_path / "back.jsonl.gz")
        import_all(back, tmp_path / "back.jsonl.gz")
        for store in (moved, back):
            assert store.counts()["articles"] == origin.counts()["articles"] == 7
            assert _grouping(store) == _grouping(origin)
            assert _entities(store) == _entities(origin)
            assert EntityExplorer(store).entities(q="Рашида Дати")[0]["name"].startswith("Rachida Dati")
    finally:
        origin.close_all()
        back.close_all()
