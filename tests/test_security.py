"""Access control, CORS and cross-site refusal, secret-free structured logs (issue 9).

The write endpoints run the real Pipeline; the hashing embedder keeps them fast (the model is not
what is under test here).
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from tidings.api import writes
from tidings.api.app import create_app
from tidings.logs import JsonFormatter, configure, log_format, redact
from tidings.pipeline import Pipeline
from tidings.read.embed import HashingEmbedder
from tidings.store import open_store
from tidings.store.sqlite import Store
from tidings.tokens import check_token, create_token, list_tokens, revoke_token

from tests.conftest import new_store_url

ALLOWED = "https://desk.example.org"
ARTICLES = [
    {"title": "Kazakhstan's president Kassym-Jomart Tokayev visits Berlin",
     "text": "Kazakhstan's president Kassym-Jomart Tokayev met the German chancellor in Berlin on Tuesday. "
             "Tokayev and the chancellor signed agreements on energy and raw materials.",
     "published": "2025-06-17", "source": "Wire", "language": "en", "url": "https://wire.example/tokayev"},
    {"title": "Flood waters rise along the Danube in Budapest",
     "text": "The Danube rose to record levels in Budapest on Wednesday as rain kept falling across central Europe. "
             "Officials closed the embankment roads and filled sandbags overnight.",
     "published": "2025-06-18", "source": "Daily", "language": "en"},
]
TEXT_ARTICLE = ("date 2025-06-19\nsource: Gazette\nHarbour council approves budget\n\n"
                "The harbour council approved the budget for the new quay on Thursday after a long debate.\n")


def hashing_pipeline(store: Store) -> Pipeline:
    return Pipeline(store, embedder=HashingEmbedder())


@pytest.fixture()
def store(tmp_path) -> Store:
    """A store of the engine under test (TIDINGS_TEST_DB): tokens and writes work on both."""
    store = open_store(new_store_url(tmp_path, "sec"))
    yield store
    store.close_all()


@pytest.fixture()
def token(store) -> str:
    return create_token(store, "desk")


def make_client(store: Store, **options) -> TestClient:
    return TestClient(create_app(store=store, pipeline_factory=hashing_pipeline, **options))


@pytest.fixture()
def client(store) -> TestClient:
    return make_client(store)


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def post_articles(client: TestClient, token: str, articles=ARTICLES, **headers):
    return client.post("/api/ingest", json=articles, headers={**auth(token), **headers})


# -- who may write --------------------------------------------------------------------------
def test_reads_are_open_and_writes_refused_while_no_token_exists(client):
    assert client.get("/api/stories").status_code == 200
    refused = client.post("/api/ingest", json=ARTICLES)
    assert refused.status_code == 403
    assert "tidings token create" in refused.json()["detail"]


def test_unauthenticated_writes_are_refused_with_401(client, token, store):
    calls = [("post", "/api/ingest", {"json": ARTICLES}), ("post", "/api/sources", {"json": {"url": "https://a.example/feed"}}),
             ("delete", "/api/sources/1", {}), ("post", "/api/alerts", {"json": {"name": "a", "keyword": "flood"}}),
             ("delete", "/api/alerts/1", {}), ("post", "/api/entities/1/merge", {"json": {"other_id": 2}}),
             ("post", "/api/entities/1/split", {"json": {"aliases": ["x"]}}),
             ("put", "/api/entities/1/name", {"json": {"name": "x"}}),
             ("put", "/api/entities/1/type", {"json": {"type": "ORG"}}),
             ("post", "/api/entities/1/aliases", {"json": {"alias": "x"}})]
    for method, path, kwargs in calls:
        response = getattr(client, method)(path, **kwargs)
        assert response.status_code == 401, (path, response.text)
        assert "Authorization: Bearer" in response.json()["detail"]
        assert response.headers["www-authenticate"].startswith("Bearer")
    wrong = client.post("/api/ingest", json=ARTICLES, headers=auth(token[:-2] + "xx"))
    assert wrong.status_code == 401 and "not valid" in wrong.json()["detail"]
    assert store.counts()["raw"] == 0


def test_token_is_only_read_from_the_authorization_header(client, token):
    client.cookies.set("token", token)
    for response in (client.post(f"/api/ingest?token={token}", json=ARTICLES),
                     client.post(f"/api/ingest?access_token={token}", json=ARTICLES),
                     client.post("/api/ingest", json=ARTICLES, headers={"Authorization": f"Basic {token}"}),
                     client.post("/api/ingest", json=ARTICLES, headers={"X-Token": token})):
        assert response.status_code == 401


def test_created_token_writes_and_a_revoked_one_does_not(client, token, store):
    response = post_articles(client, token)
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["added"], result["duplicates"], result["failed"]) == (2, 0, 0)
    assert all(item["status"] == "done" and item["story_id"] for item in result["items"])
    titles = {a["title"] for a in client.get("/api/articles").json()}
    assert titles == {a["title"] for a in ARTICLES}
    assert list_tokens(store)[0]["last_used_at"] is not None

    assert revoke_token(store, "desk")
    refused = client.post("/api/sources", json={"url": "https://a.example/feed"}, headers=auth(token))
    assert refused.status_code == 403  # the only token is revoked: nobody can write any more
    create_token(store, "other")
    assert client.post("/api/sources", json={"url": "https://a.example/feed"}, headers=auth(token)).status_code == 401


def test_only_the_token_hash_is_stored(store, token):
    rows = store.query("SELECT name, token_hash FROM api_tokens")
    assert [(r["name"], r["token_hash"]) for r in rows] == [("desk", hashlib.sha256(token.encode()).hexdigest())]
    assert len(token) >= 40  # 32 random bytes, URL-safe base64
    if store.dialect == "sqlite":  # nowhere in the file either (a PostgreSQL server's files are not ours to read)
        store.close()
        with open(store.path, "rb") as handle:
            stored = handle.read()
        wal = store.path + "-wal"
        if os.path.exists(wal):
            stored += open(wal, "rb").read()
        assert token.encode() not in stored
    assert check_token(store, token) == "desk" and check_token(store, token + "a") is None
    assert all("hash" not in key for key in list_tokens(store)[0])


def test_read_only_server_refuses_writes_even_with_a_valid_token(store, token):
    client = make_client(store, read_only=True)
    response = post_articles(client, token)
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert client.get("/api/articles").status_code == 200


# -- the write endpoints --------------------------------------------------------------------
def test_ingest_deduplicates_groups_and_takes_text_and_html(client, token, store):
    first = post_articles(client, token).json()
    again = post_articles(client, token).json()  # the same posts: stored once
    assert (again["added"], again["already"]) == (0, 2)
    copy = dict(ARTICLES[1], url="https://other.example/flood", source="Copycat")
    duplicate = post_articles(client, token, [copy]).json()
    assert duplicate["duplicates"] == 1 and duplicate["items"][0]["status"] == "duplicate"
    assert duplicate["items"][0]["duplicate_of"] == first["items"][1]["article_id"]

    text = client.post("/api/ingest", content=TEXT_ARTICLE.encode(), headers={**auth(token), "Content-Type": "text/plain"})
    assert text.status_code == 200 and text.json()["added"] == 1
    html = ("<html><head><title>Storm closes ports</title></head><body><article><h1>Storm closes ports</h1>"
            "<p>A storm closed the ports of the northern coast on Friday and ferries stayed in harbour all day long."
            "</p><p>Forecasters expect the wind to drop on Sunday.</p></article></body></html>")
    page = client.post("/api/ingest", content=html.encode(), headers={**auth(token), "Content-Type": "text/html"})
    assert page.status_code == 200 and page.json()["added"] == 1, page.text
    article = client.get(f"/api/articles/{text.json()['items'][0]['article_id']}").json()
    assert (article["title"], article["source"], article["published"]) == (
        "Harbour council approves budget", "Gazette", "2025-06-19")
    assert store.counts()["articles"] == 4


def test_writers_see_their_writes_at_once(client, token):
    """Pages may lag another process's ingest (max_stale_s), never a write made through the API."""
    assert client.get("/index.json").json()["stats"]["articles"] == 0
    post_articles(client, token)
    front = client.get("/index.json").json()
    assert front["stats"]["articles"] == 2 and len(front["stories"]) >= 1


def test_concurrent_posts_are_all_stored_once(client, token, store):
    """Posts arriving together are processed one after the other on the writer thread."""
    from concurrent.futures import ThreadPoolExecutor

    def post(i: int):
        article = {"title": f"Bridge {i} reopens after repairs in town number {i}",
                   "text": f"The bridge number {i} reopened on Monday after {i + 2} months of repairs to its deck. "
                           f"Drivers in town {i} had taken a long detour since the spring storms.",
                   "published": f"2025-0{1 + i % 9}-1{i % 10}"}
        return post_articles(client, token, [article])

    with ThreadPoolExecutor(6) as pool:
        responses = list(pool.map(post, range(12)))
    assert [r.status_code for r in responses] == [200] * 12
    assert sum(r.json()["added"] + r.json()["duplicates"] for r in responses) == 12
    counts = store.counts()
    assert counts["raw"] == 12 and counts["pending"] == 0 and counts["articles"] + counts["duplicates"] == 12


def test_ingest_refuses_bad_bodies(client, token, monkeypatch):
    assert client.post("/api/ingest", content=b"x", headers={**auth(token), "Content-Type": "image/png"}).status_code == 415
    assert client.post("/api/ingest", content=b"  ", headers={**auth(token), "Content-Type": "text/plain"}).status_code == 400
    assert post_articles(client, token, [{"title": "no text"}]).status_code == 422
    assert post_articles(client, token, [dict(ARTICLES[0], url="javascript:alert(1)")]).status_code == 422
    monkeypatch.setattr(writes, "MAX_BODY_BYTES", 1000)
    too_big = client.post("/api/ingest", content=b"a" * 1001, headers={**auth(token), "Content-Type": "text/plain"})
    assert too_big.status_code == 413 and "1000 bytes" in too_big.json()["detail"]


def test_sources_and_alerts_are_added_and_removed(client, token):
    added = client.post("/api/sources", json={"url": "https://news.example/feed.xml", "name": "News", "country": "de",
                                              "interval_minutes": 10}, headers=auth(token))
    assert added.status_code == 201, added.text
    source = added.json()
    assert (source["created"], source["country"], source["interval_s"]) == (True, "DE", 600)
    assert [s["url"] for s in client.get("/api/sources").json()] == ["https://news.example/feed.xml"]
    assert client.post("/api/sources", json={"url": "file:///etc/passwd"}, headers=auth(token)).status_code == 422
    assert client.delete(f"/api/sources/{source['id']}", headers=auth(token)).status_code == 204
    assert client.delete(f"/api/sources/{source['id']}", headers=auth(token)).status_code == 404
    assert client.get("/api/sources").json() == []

    assert client.post("/api/alerts", json={"name": "empty"}, headers=auth(token)).status_code == 422
    alert = client.post("/api/alerts", json={"name": "floods", "keyword": "flood", "country": "hu",
                                             "webhook": "https://hooks.example/x"}, headers=auth(token))
    assert alert.status_code == 201, alert.text
    assert (alert.json()["country"], alert.json()["has_webhook"]) == ("HU", True)
    assert [a["name"] for a in client.get("/api/alerts").json()] == ["floods"]
    assert client.delete(f"/api/alerts/{alert.json()['id']}", headers=auth(token)).status_code == 204
    assert client.get("/api/alerts").json() == []


def test_alias_registry_edits(client, token):
    post_articles(client, token)
    people = client.get("/api/entities?q=Tokayev").json()
    assert people, "the resolver found Tokayev"
    person = people[0]["id"]
    add = client.post(f"/api/entities/{person}/aliases", json={"alias": "Tokaïev", "language": "fr"}, headers=auth(token))
    assert add.status_code == 201
    assert client.get("/api/entities?q=Tokaïev").json()[0]["id"] == person
    renamed = client.put(f"/api/entities/{person}/name", json={"name": "K.-J. Tokayev"}, headers=auth(token))
    assert renamed.json() == {"id": person, "name": "K.-J. Tokayev"}
    split = client.post(f"/api/entities/{person}/split", json={"aliases": ["Tokaïev"], "name": "Tokaïev (fr)"},
                        headers=auth(token))
    assert split.status_code == 201, split.text
    new_id = split.json()["id"]
    assert new_id != person and client.get(f"/api/entities/{new_id}").json()["name"] == "Tokaïev (fr)"
    merged = client.post(f"/api/entities/{person}/merge", json={"other_id": new_id}, headers=auth(token))
    assert merged.status_code == 200
    assert client.get(f"/api/entities/{new_id}").status_code == 404
    assert client.post(f"/api/entities/{person}/merge", json={"other_id": person}, headers=auth(token)).status_code == 400
    assert client.put("/api/entities/999999/name", json={"name": "x"}, headers=auth(token)).status_code == 404
    retyped = client.put(f"/api/entities/{person}/type", json={"type": "ORG"}, headers=auth(token))
    assert retyped.status_code == 200 and client.get(f"/api/entities/{person}").json()["type"] == "ORG"
    assert client.put(f"/api/entities/{person}/type", json={"type": "THING"}, headers=auth(token)).status_code == 422


def test_openapi_documents_the_writes_and_their_token(client):
    spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    ingest = spec["paths"]["/api/ingest"]["post"]
    assert set(ingest["requestBody"]["content"]) == {"application/json", "text/plain", "text/html"}
    one, many = ingest["requestBody"]["content"]["application/json"]["schema"]["anyOf"]
    assert one["required"] == ["title", "text"] and many["items"] == one
    assert ingest["security"] == [{"HTTPBearer": []}]
    assert "security" not in spec["paths"]["/api/stories"]["get"]
    for path, method in [("/api/sources", "post"), ("/api/alerts/{alert_id}", "delete"),
                         ("/api/entities/{entity_id}/split", "post")]:
        assert spec["paths"][path][method]["security"] == [{"HTTPBearer": []}]
    docs = client.get("/docs").text
    assert "/api/ingest" in docs and "Authorization: Bearer TOKEN" in docs


# -- CORS and cross-site requests -----------------------------------------------------------
def preflight(client: TestClient, origin: str):
    return client.options("/api/ingest", headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                                                  "Access-Control-Request-Headers": "authorization,content-type"})


def test_no_cors_by_default(client):
    response = client.get("/api/stories", headers={"Origin": ALLOWED})
    assert response.status_code == 200 and "access-control-allow-origin" not in response.headers
    assert "access-control-allow-origin" not in preflight(client, ALLOWED).headers


def test_cors_headers_only_for_allowed_origins(store):
    client = make_client(store, cors_origins=[ALLOWED])
    allowed = client.get("/api/stories", headers={"Origin": ALLOWED})
    assert allowed.headers["access-control-allow-origin"] == ALLOWED
    assert "access-control-allow-credentials" not in allowed.headers
    other = client.get("/api/stories", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    ok = preflight(client, ALLOWED)
    assert ok.status_code == 200 and "authorization" in ok.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-origin" not in preflight(client, "https://evil.example").headers


def test_cross_site_writes_are_refused_even_with_a_token(store, token):
    client = make_client(store, cors_origins=[ALLOWED])
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Sec-Fetch-Site": "same-site"}, {"Origin": "http://testserver.evil.example"}):
        response = post_articles(client, token, **headers)
        assert response.status_code == 403 and "cross-site" in response.json()["detail"], headers
    assert store.counts()["raw"] == 0
    # the server's own pages, an allowed origin and non-browser clients may write
    assert post_articles(client, token, Origin="http://testserver", **{"Sec-Fetch-Site": "same-origin"}).status_code == 200
    assert client.post("/api/alerts", json={"name": "a", "keyword": "x"},
                       headers={**auth(token), "Origin": ALLOWED, "Sec-Fetch-Site": "cross-site"}).status_code == 201


# -- logs ------------------------------------------------------------------------------------
@pytest.fixture()
def captured_logs():
    """Every logger at DEBUG into a buffer, as JSON lines (restores the logging set-up after)."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    buffer = io.StringIO()
    configure(logging.DEBUG, "json", stream=buffer)
    yield buffer
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])


def test_json_logs_parse_and_never_contain_the_token(store, token, captured_logs):
    client = make_client(store)
    assert post_articles(client, token).status_code == 200
    assert client.post("/api/ingest", json=ARTICLES, headers=auth(token + "x")).status_code == 401
    assert post_articles(client, token, Origin="https://evil.example").status_code == 403
    # even a careless log call with the header in it
    logging.getLogger("tidings.test").warning("request headers: %s", {"authorization": f"Bearer {token}"},
                                              extra={"token": token})
    text = captured_logs.getvalue()
    assert token not in text and token[:20] not in text
    records = [json.loads(line) for line in text.splitlines()]
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    access = [r for r in records if r["logger"] == "tidings.access"]
    assert {(r["method"], r["path"], r["status"]) for r in access} >= {("POST", "/api/ingest", 200),
                                                                       ("POST", "/api/ingest", 401)}
    assert any(r.get("token_name") == "desk" for r in access)
    assert any("cross-site" in r["message"] for r in records if r["level"] == "WARNING")
    careless = next(r for r in records if r["logger"] == "tidings.test")
    assert "[redacted]" in careless["message"] and careless["token"] == "[redacted]"


def test_redact_and_log_format_choice(monkeypatch):
    assert redact("Authorization: Bearer abc.def-123") == "Authorization: [redacted]"
    assert redact("GET /api/ingest?token=abcdefghijkl&x=1") == "GET /api/ingest?token=[redacted]&x=1"
    assert redact("plain words about tokens and bearers") == "plain words about tokens and bearers"
    monkeypatch.setenv("TIDINGS_LOG_FORMAT", "json")
    assert log_format() == "json" and log_format("text") == "text"
    with pytest.raises(ValueError):
        log_format("xml")
    record = logging.LogRecord("tidings.x", logging.INFO, __file__, 1, "hello %s", ("world",), None)
    record.source_id = 3
    line = json.loads(JsonFormatter().format(record))
    assert (line["message"], line["level"], line["logger"], line["source_id"]) == ("hello world", "INFO", "tidings.x", 3)


def test_token_commands(tmp_path):
    env = dict(os.environ, TIDINGS_DB=new_store_url(tmp_path, "cli"), TIDINGS_LOG_FORMAT="json")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tidings.cli", *args], env=env, capture_output=True, text=True,
                              timeout=120)

    created = run("token", "create", "bot")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert len(token) >= 40 and "\n" not in token
    assert run("token", "create", "bot").returncode == 1  # one live token per name
    listed = run("token", "list", "--json")
    assert [t["name"] for t in json.loads(listed.stdout)] == ["bot"] and token not in listed.stdout
    assert run("token", "revoke", "bot").returncode == 0
    assert run("token", "revoke", "bot").returncode == 1
    store = open_store(env["TIDINGS_DB"])
    assert check_token(store, token) is None
    store.close_all()
    assert json.loads(run("token", "list", "--json").stdout)[0]["revoked_at"]
    assert run("--log-format", "yaml", "token", "list").returncode != 0


def test_a_restarted_server_finishes_what_a_killed_one_left_pending(store, token):
    from tidings.model import RawArticle
    from tidings.pipeline import raw_key

    # what a server killed after storing the raw input, before its batch committed, leaves behind
    left = RawArticle(locator="api:left-over", format="jsonl", content=json.dumps(ARTICLES[1]).encode())
    raw_id, status = store.add_raw(left, raw_key(left))
    assert status == "pending"
    client = make_client(store)  # the restarted server
    assert post_articles(client, token, ARTICLES[:1]).status_code == 200
    assert store.query("SELECT status FROM raw_articles WHERE id = ?", (raw_id,))[0][0] == "done"
    assert store.counts()["pending"] == 0 and store.counts()["articles"] == 2


def test_a_restarted_server_finishes_left_over_work_before_any_post(store, token):
    """`tidings serve` (writable) hands what a killed run left to its writer thread at start: the
    pending item is processed without waiting for a post; with nothing left, no pipeline is made."""
    from tidings.api.writes import finish_interrupted_work
    from tidings.model import RawArticle
    from tidings.pipeline import raw_key

    idle = create_app(store=store, pipeline_factory=hashing_pipeline)
    assert finish_interrupted_work(idle) is None and idle.state.pipeline is None
    left = RawArticle(locator="api:left-over", format="jsonl", content=json.dumps(ARTICLES[1]).encode())
    raw_id, _ = store.add_raw(left, raw_key(left))
    app = create_app(store=store, pipeline_factory=hashing_pipeline)
    finish_interrupted_work(app).result(timeout=120)
    assert store.query("SELECT status FROM raw_articles WHERE id = ?", (raw_id,))[0][0] == "done"
    assert store.counts()["pending"] == 0 and store.counts()["articles"] == 1
    assert TestClient(app).get(f"/api/articles/{raw_id}").status_code == 200
