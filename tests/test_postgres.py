"""The PostgreSQL store: migrations twinned with SQLite's, the dialect translation, and what only a
real server can show (a store moved SQLite -> PostgreSQL -> SQLite, `tidings doctor`)."""
from __future__ import annotations

from importlib import resources

import pytest

from tidings.backup import export_all, import_all
from tidings.entities.queries import EntityExplorer
from tidings.model import RawArticle
from tidings.pipeline import Pipeline, raw_key
from tidings.query import Explorer
from tidings.read.embed import HashingEmbedder
from tidings.store import open_store
from tidings.store.dialect import fold_for_search, translate

from tests.conftest import MINI, ON_POSTGRES, new_store_url

needs_server = pytest.mark.skipif(not ON_POSTGRES, reason="needs a PostgreSQL server: set TIDINGS_TEST_DB")
IDS = frozenset({"articles", "stories"})


def _names(folder: str) -> list[str]:
    return sorted(e.name for e in (resources.files("tidings.store") / folder).iterdir() if e.name.endswith(".sql"))


def test_every_sqlite_migration_has_a_postgres_twin():
    """A migration is two files: migrations/NNNN_name.sql and migrations_pg/NNNN_name.sql."""
    assert _names("migrations") == _names("migrations_pg")


def test_placeholders_and_percent_signs():
    sql = translate("SELECT id FROM t WHERE a = ? AND b LIKE '50%' AND c = '?'", IDS).sql
    assert sql == "SELECT id FROM t WHERE a = %s AND b LIKE '50%%' AND c = '?'"


def test_sqlite_functions_and_insert_or_ignore():
    done = translate("UPDATE n SET at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?", IDS).sql
    assert "to_char(now() AT TIME ZONE 'UTC'" in done and done.endswith("WHERE id=%s")
    ignored = translate("INSERT OR IGNORE INTO stories(title) VALUES (?)", IDS)
    assert ignored.sql == "INSERT INTO stories(title) VALUES (%s) ON CONFLICT DO NOTHING RETURNING id"
    assert ignored.returns_id
    assert not translate("INSERT INTO sentences(article_id) VALUES (?)", IDS).returns_id


def test_order_by_keeps_sqlites_null_order():
    sql = translate("SELECT * FROM (SELECT id FROM articles ORDER BY published DESC LIMIT 5) x"
                    " ORDER BY COALESCE(x.a, 1), b DESC, c NULLS LAST LIMIT ? OFFSET ?", IDS).sql
    assert "ORDER BY published DESC NULLS LAST LIMIT 5" in sql
    assert "ORDER BY COALESCE(x.a, 1) NULLS FIRST, b DESC NULLS LAST, c NULLS LAST LIMIT %s OFFSET %s" in sql


def test_full_text_match_is_folded_like_the_index():
    translated = translate("SELECT rowid FROM articles_fts WHERE a = ? AND articles_fts MATCH ?", IDS)
    assert translated.sql.endswith("tsv @@ tidings_tsquery(%s)") and translated.fold == (1,)
    assert fold_for_search("Tokaïev ÉTÉ Казахстан") == "tokaiev ete казахстан"


def _article(i: int, title: str, published: str | None) -> RawArticle:
    header = f"date {published}\n" if published else ""
    text = f"{header}{title}\n\nEin Artikel Nummer {i} über {title} mit genug Text für einen Absatz hier."
    return RawArticle(f"mem://{i}", "txt", text.encode())


def test_undated_articles_sort_as_on_sqlite(make_store):
    """Newest first, undated last, on either engine (PostgreSQL's default would put them first)."""
    store = make_store("nulls")
    Pipeline(store, embedder=HashingEmbedder(dim=64)).ingest_raw(
        [_article(1, "Hafen Hamburg", "2025-03-01"), _article(2, "Brücke Köln", None),
         _article(3, "Museum Bonn", "2025-04-01")])
    assert [a["title"] for a in Explorer(store).articles()] == ["Museum Bonn", "Hafen Hamburg", "Brücke Köln"]
    hits = Explorer(store).search("brucke", mode="keyword")  # diacritics folded on both engines
    assert [h["title"] for h in hits] == ["Brücke Köln"]


@needs_server
def test_a_store_moves_from_sqlite_to_postgresql_and_back(tmp_path):
    first = open_store(f"sqlite:///{tmp_path / 'first.db'}")
    Pipeline(first).ingest([str(MINI)])
    person = EntityExplorer(first).entities(q="Dati")[0]["id"]
    from tidings.entities import registry

    registry.rename(first, person, "Rachida Dati (minister)")
    first.query("INSERT INTO sources(url, name) VALUES ('https://example.org/feed.xml', 'Example')")
    server = open_store(new_store_url(tmp_path, "moved"))
    assert server.dialect == "postgresql"
    import_all(server, _dump(first, tmp_path / "one.jsonl.gz"))
    back = open_store(f"sqlite:///{tmp_path / 'back.db'}")
    import_all(back, _dump(server, tmp_path / "two.jsonl.gz"))
    for store in (server, back):
        assert store.counts() == first.counts()
        assert _grouping(store) == _grouping(first)
        assert [e["name"] for e in EntityExplorer(store).entities(q="Dati")] == ["Rachida Dati (minister)"]
        assert store.query("SELECT name FROM sources")[0][0] == "Example"
        hits = Explorer(store).search("Louvre", mode="keyword")
        assert {h["language"] for h in hits} == {"en", "es", "fr"}
    # new rows continue after the imported ids (PostgreSQL identities were moved past them)
    server.query("INSERT INTO sources(url) VALUES ('https://example.org/other.xml')")
    assert len(server.query("SELECT id FROM sources")) == 2
    server.close_all()


def _dump(store, path):
    export_all(store, path)
    return path


def _grouping(store) -> list[list[str]]:
    groups: dict[int, list[str]] = {}
    for r in store.query("SELECT r.locator, a.story_id FROM articles a JOIN raw_articles r ON r.id = a.id"):
        groups.setdefault(r["story_id"], []).append(r["locator"].rsplit("/", 1)[-1])
    return sorted(sorted(g) for g in groups.values())


@needs_server
def test_doctor_reports_on_a_postgresql_store(mini_store):
    from tidings.ops import doctor

    checks = {c.name: c for c in doctor(mini_store.url)}
    assert checks["store reachable"].ok
    assert checks["migrations current"].ok and "current" in checks["migrations current"].detail
    assert checks["store integrity"].ok and "PostgreSQL" in checks["store integrity"].detail
    assert checks["vector search"].ok and "pgvector" in checks["vector search"].detail


@needs_server
def test_same_raw_item_from_two_connections_is_stored_once(tmp_path):
    url = new_store_url(tmp_path, "raw")
    one, two = open_store(url), open_store(url)
    item = RawArticle("mem://same", "txt", b"Titel\n\nText")
    assert one.add_raw(item, raw_key(item)) == two.add_raw(item, raw_key(item))
    assert one.counts()["raw"] == 1
    one.close_all()
    two.close_all()


@needs_server
def test_a_store_of_schema_7_gets_the_change_counter(tmp_path):
    """Migration 0008 on a PostgreSQL store the previous release made (with articles in it): the
    counter is added and from then on moves with every write, also one outside a transaction."""
    url = new_store_url(tmp_path, "v7")
    old = open_store(url)
    Pipeline(old, embedder=HashingEmbedder(dim=64)).ingest_raw([_article(1, "Hafen Hamburg", "2025-03-01")])
    with old.conn.raw.transaction():  # what the release before 0008 left on the server
        old.conn.raw.execute("DROP TABLE store_changes")
        old.conn.raw.execute("DELETE FROM schema_migrations WHERE version = 8")
    old.close_all()

    store = open_store(url)
    assert store.schema_version() >= 8 and store.counts()["articles"] == 1
    first = store.stamp()
    Pipeline(store, embedder=HashingEmbedder(dim=64)).ingest_raw([_article(2, "Brücke Köln", "2025-03-02")])
    second = store.stamp()
    store.add_error("mem://bad", "unreadable")
    assert first < second < store.stamp()
    store.close_all()


@needs_server
def test_a_store_of_schema_8_gets_the_narrow_full_text_table(tmp_path):
    """Migration 0009 on a PostgreSQL store the previous release made: the full-text table becomes
    (rowid, tsv), the tsvectors already there are kept (found by keyword), and new articles are
    indexed by the INSERT instead of the generated column."""
    url = new_store_url(tmp_path, "v8")
    old = open_store(url)
    with old.conn.raw.transaction():  # the table as releases before 0009 made it
        old.conn.raw.execute("DROP TABLE articles_fts")
        old.conn.raw.execute(
            "CREATE TABLE articles_fts (rowid BIGINT PRIMARY KEY, title TEXT NOT NULL DEFAULT '',"
            " body TEXT NOT NULL DEFAULT '', tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', title),"
            " 'A') || setweight(to_tsvector('simple', body), 'B')) STORED)")
        old.conn.raw.execute("CREATE INDEX articles_fts_tsv ON articles_fts USING GIN (tsv)")
        old.conn.raw.execute("DELETE FROM schema_migrations WHERE version = 9")
    old.FTS_INSERT = "INSERT INTO articles_fts(rowid, title, body) VALUES (?,?,?)"
    Pipeline(old, embedder=HashingEmbedder(dim=64)).ingest_raw([_article(1, "Hafen Hamburg", "2025-03-01")])
    old.close_all()

    store = open_store(url)
    assert store.schema_version() >= 9
    columns = [r[0] for r in store.query("SELECT column_name FROM information_schema.columns"
                                         " WHERE table_name = 'articles_fts' ORDER BY ordinal_position")]
    assert columns == ["rowid", "tsv"]
    Pipeline(store, embedder=HashingEmbedder(dim=64)).ingest_raw([_article(2, "Brücke Köln", "2025-03-02")])
    explorer = Explorer(store)
    assert [h["title"] for h in explorer.search("Hamburg", mode="keyword")] == ["Hafen Hamburg"]
    assert [h["title"] for h in explorer.search("Brücke", mode="keyword")] == ["Brücke Köln"]
    store.close_all()


@needs_server
def test_copy_to_postgres_moves_a_sqlite_store_and_its_keyword_index(tmp_path):
    """bench/copy_to_postgres.py (how the 100,000-article store is measured on PostgreSQL): since migration
    0009 the full-text table holds a tsvector only, and the copy failed on its title column."""
    from tests.conftest import load_bench

    sqlite_url = f"sqlite:///{tmp_path / 'source.db'}"
    source = open_store(sqlite_url)
    Pipeline(source, embedder=HashingEmbedder()).ingest([str(MINI)])
    expected = Explorer(source).search("Louvre", mode="keyword")
    source.close_all()
    assert expected
    url = new_store_url(tmp_path, "copied")
    counts = load_bench("copy_to_postgres").copy_store(tmp_path / "source.db", url)
    target = open_store(url)
    try:
        assert counts["articles"] == target.query("SELECT COUNT(*) FROM articles")[0][0] == 7
        assert counts["articles_fts"] == 7
        found = Explorer(target).search("Louvre", mode="keyword")
        assert [hit["id"] for hit in found] == [hit["id"] for hit in expected]
    finally:
        target.close_all()


@needs_server
def test_connections_of_ended_threads_are_closed(tmp_path):
    """Each thread has its own connection; a thread that ends leaves it behind, and a process whose
    threads come and go (a test client's event loop per request) ran the server out of connections."""
    import threading

    store = open_store(new_store_url(tmp_path, "threads"))
    database = store.query("SELECT current_database()")[0][0]

    def open_ones() -> int:
        return store.query("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ? AND application_name = 'tidings'"
                           " AND pid <> pg_backend_pid()", (database,))[0][0]

    try:
        for _ in range(12):
            worker = threading.Thread(target=lambda: store.query("SELECT 1"))
            worker.start()
            worker.join()
        assert open_ones() <= 1  # the last thread's, closed when the next thread opens one
        alive = threading.Event()
        done = threading.Event()

        def keep() -> None:
            store.query("SELECT 1")
            alive.set()
            done.wait(10)

        keeper = threading.Thread(target=keep)
        keeper.start()
        alive.wait(10)
        finished = threading.Thread(target=lambda: store.query("SELECT 1"))
        finished.start()
        finished.join()
        assert open_ones() >= 1  # a live thread's connection is kept
        assert store.query("SELECT 2")[0][0] == 2
        done.set()
        keeper.join()
    finally:
        store.close_all()
