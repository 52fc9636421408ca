"""Live ingestion (issue 6): real HTTP against a local site on 127.0.0.1 started by the tests."""
from __future__ import annotations

import gzip
import json
import time
from datetime import timedelta

import pytest
from typer.testing import CliRunner

from tidings.alerts import check_alerts
from tidings.cli import app
from tidings.pipeline import Pipeline
from tidings.read.embed import HashingEmbedder
from tidings.sources.feeds import opml_outlines, parse_document
from tidings.sources.fetch import Fetcher, FetchError
from tidings.store.sources import SourceStore, iso, utcnow
from tidings.store import open_store
from tests.conftest import new_store_url
from tidings.store.sqlite import Store
from tidings.watch import Watcher

from .livesite import Site, page, rss

LOCAL = ["127.0.0.1/32"]
EMBEDDER = HashingEmbedder()

STORIES = [
    ("Earthquake shakes Mandalay", ["A strong earthquake of magnitude 7.7 shook Mandalay in Myanmar on Friday morning.",
                                    "Rescue teams searched collapsed buildings while aftershocks continued overnight."]),
    ("Parliament passes budget", ["The parliament in Berlin passed the federal budget after a long night of debate.",
                                  "The opposition criticised the new debt rules and announced a court challenge."]),
    ("Louvre jewels stolen", ["Thieves stole crown jewels from the Louvre museum in Paris in a seven minute raid.",
                              "Investigators examined a furniture lift the gang used to reach the gallery window."]),
    ("Harvest festival opens", ["Farmers opened the autumn harvest festival in the valley with music and markets.",
                                "Visitors tasted new wine and local cheese under sunny skies all afternoon long."]),
]


@pytest.fixture()
def site():
    s = Site()
    yield s
    s.close()


@pytest.fixture()
def store(make_store):
    return make_store("live")


def watcher_for(store: Store, **kwargs) -> Watcher:
    fetcher = kwargs.pop("fetcher", None) or Fetcher(allow=LOCAL, delay=0.0, backoff=0.05, retries=2, timeout=5.0)
    return Watcher(store, Pipeline(store, embedder=EMBEDDER), fetcher=fetcher, **kwargs)


def serve_story_feed(site: Site, path: str = "/feed.xml", stories=STORIES, prefix: str = "/news") -> None:
    items = []
    for number, (title, paragraphs) in enumerate(stories):
        link = f"{site.url}{prefix}/{number}.html"
        site.static(f"{prefix}/{number}.html", page(title, paragraphs), "text/html; charset=utf-8", etag=False)
        items.append((link, title, paragraphs[0]))
    site.static(path, rss("Local Times", items))


def article_titles(store: Store) -> list[str]:
    return sorted(r["title"] for r in store.query("SELECT title FROM articles"))


# -- fetching ---------------------------------------------------------------------------------
def test_conditional_get_gives_304_and_no_new_items(site, store):
    serve_story_feed(site)
    sources = SourceStore(store)
    sources.add(site.url + "/feed.xml", name="Local Times", country="de", language="en")
    watcher = watcher_for(store)
    first = watcher.run_cycle(force=True)
    assert first.errors == [] and first.new_items == 4 and first.ingest.added == 4
    assert article_titles(store) == sorted(t for t, _ in STORIES)
    assert {r["source"] for r in store.query("SELECT source FROM articles")} == {"Local Times"}
    bodies = watcher.fetcher.bodies
    second = watcher.run_cycle(force=True)
    assert second.not_modified == 1 and second.new_items == 0 and second.ingest.added == 0
    assert watcher.fetcher.bodies == bodies  # nothing but a 304 came back
    conditional = site.hits("/feed.xml")[-1][2]
    assert conditional.get("If-None-Match", "").startswith('"')
    assert conditional.get("If-Modified-Since") == "Mon, 17 Nov 2025 10:00:00 GMT"
    # the raw page is kept, with the feed's fields
    raw = store.query("SELECT format, content, meta FROM raw_articles WHERE locator LIKE '%/news/0.html'")[0]
    assert raw["format"] == "html" and b"Mandalay" in raw["content"]
    assert json.loads(raw["meta"])["country"] == "DE"
    watcher.close()


def test_429_with_retry_after_is_honoured(site):
    calls = []

    def limited(h):
        calls.append(time.monotonic())
        if len(calls) == 1:
            h.reply(429, {"Retry-After": "1"}, b"slow down")
        else:
            h.reply(200, {"Content-Type": "text/plain"}, b"fine")

    site.routes["/limited"] = limited
    with Fetcher(allow=LOCAL, delay=0.0, backoff=0.01) as fetcher:
        result = fetcher.get(site.url + "/limited")
        assert result.body == b"fine" and len(calls) == 2
        assert calls[1] - calls[0] >= 0.95  # waited as told
        # a wait longer than we are willing to block: an error that carries the server's wish
        site.routes["/later"] = (429, {"Retry-After": "3600"}, b"")
        with pytest.raises(FetchError) as caught:
            fetcher.get(site.url + "/later")
        assert caught.value.status == 429 and caught.value.retry_after == pytest.approx(3600, abs=5)


def test_retry_after_schedules_the_source_later(site, store):
    site.routes["/busy.xml"] = (503, {"Retry-After": "7200"}, b"")
    sources = SourceStore(store)
    source_id, _ = sources.add(site.url + "/busy.xml")
    watcher = watcher_for(store)
    report = watcher.run_cycle(force=True)
    assert len(report.errors) == 1 and "503" in report.errors[0][1]
    state = sources.get(source_id)
    assert state["next_poll"] > iso(utcnow() + timedelta(seconds=7000))
    assert sources.due(utcnow(), force=True) == []  # even --once respects the server's Retry-After
    watcher.close()


def test_retries_with_backoff_on_server_errors(site):
    answers = [(502, b""), (503, b""), (200, b"ok at last")]
    site.routes["/flaky"] = lambda h: h.reply(answers[0][0], {}, answers.pop(0)[1])
    with Fetcher(allow=LOCAL, delay=0.0, backoff=0.05, retries=2) as fetcher:
        assert fetcher.get(site.url + "/flaky").body == b"ok at last"
    assert len(site.hits("/flaky")) == 3


def test_one_request_at_a_time_per_host_with_a_delay(site, store):
    import threading

    state = {"in_flight": 0, "max": 0, "starts": []}
    lock = threading.Lock()

    def slow_feed(number):
        body = rss(f"Feed {number}", [(f"https://example.org/{number}", STORIES[number][0], STORIES[number][1][0])])

        def handle(h):
            with lock:
                state["in_flight"] += 1
                state["max"] = max(state["max"], state["in_flight"])
                state["starts"].append(time.monotonic())
            time.sleep(0.05)
            with lock:
                state["in_flight"] -= 1
            h.reply(200, {"Content-Type": "application/rss+xml"}, body)
        return handle

    sources = SourceStore(store)
    for number in range(4):
        site.routes[f"/slow{number}.xml"] = slow_feed(number)
        sources.add(site.url + f"/slow{number}.xml", fetch_pages=False)
    fetcher = Fetcher(allow=LOCAL, delay=0.2, timeout=5.0)
    watcher = watcher_for(store, fetcher=fetcher, workers=4)
    report = watcher.run_cycle(force=True)
    assert report.errors == [] and report.ingest.added == 4
    starts = sorted(state["starts"])
    assert state["max"] == 1  # four workers, one host: never two requests at once
    assert all(b - a >= 0.2 for a, b in zip(starts, starts[1:]))  # the per-host delay (after the response)
    watcher.close()


def test_private_addresses_are_refused_on_every_hop(site, monkeypatch):
    monkeypatch.delenv("TIDINGS_ALLOW_NETWORKS", raising=False)
    site.routes["/to-metadata"] = (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"")
    site.routes["/to-private"] = (301, {"Location": "http://10.0.0.1/feed"}, b"")
    site.routes["/to-local"] = (302, {"Location": "/target"}, b"")
    site.routes["/target"] = (200, {"Content-Type": "text/plain"}, b"allowed")
    with Fetcher(delay=0.0, retries=0) as fetcher:  # nothing allowed: even the first hop is refused
        with pytest.raises(FetchError, match="not a public address"):
            fetcher.get(site.url + "/target")
        with pytest.raises(FetchError, match="not a public address"):
            fetcher.get(f"http://localhost:{site.port}/target")  # checked after DNS resolution
    with Fetcher(allow=LOCAL, delay=0.0, retries=0) as fetcher:
        assert fetcher.get(site.url + "/to-local").body == b"allowed"
        for path, address in (("/to-metadata", "169.254.169.254"), ("/to-private", "10.0.0.1")):
            with pytest.raises(FetchError, match=f"{address} is not a public address") as caught:
                fetcher.get(site.url + path)
            assert caught.value.permanent
    monkeypatch.setenv("TIDINGS_ALLOW_NETWORKS", "192.0.2.0/24, 127.0.0.0/8")
    with Fetcher(delay=0.0, retries=0) as fetcher:  # allowed through the environment
        assert fetcher.get(site.url + "/to-local").body == b"allowed"
    assert not [r for r in site.requests if "169.254" in r[1] or "10.0.0.1" in r[1]]


def test_too_many_redirects(site):
    site.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    with Fetcher(allow=LOCAL, delay=0.0, max_redirects=3) as fetcher:
        with pytest.raises(FetchError, match="too many redirects"):
            fetcher.get(site.url + "/loop")
    assert len(site.hits("/loop")) == 4


def test_gzip_bomb_is_refused_by_the_decompressed_size_limit(site):
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 200_000
    site.routes["/bomb.xml"] = (200, {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"}, bomb)
    small = rss("Zip", [("https://example.org/1", "Compressed item", "A compressed feed decodes fine.")])
    site.routes["/zipped.xml"] = (200, {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"},
                                  gzip.compress(small))
    with Fetcher(allow=LOCAL, delay=0.0, max_bytes=2 * 1024 * 1024) as fetcher:
        assert fetcher.get(site.url + "/zipped.xml").body == small
        with pytest.raises(FetchError, match="after decompression"):
            fetcher.get(site.url + "/bomb.xml")
    assert len(site.hits("/bomb.xml")) == 1  # refused, not retried


def test_chunked_response_is_read(site):
    def chunked(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/plain")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        for part in (b"first ", b"second ", b"third"):
            h.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
        h.wfile.write(b"0\r\n\r\n")

    site.routes["/chunked"] = chunked
    with Fetcher(allow=LOCAL, delay=0.0) as fetcher:
        assert fetcher.get(site.url + "/chunked").body == b"first second third"


def test_robots_txt_disallow_is_honoured(site, store):
    site.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"},
                                  b"User-agent: *\nDisallow: /private/\n")
    site.static("/private/feed.xml", rss("Hidden", [("https://example.org/h", "Hidden", "Hidden item text.")]))
    serve_story_feed(site, "/public.xml", STORIES[:1], prefix="/private/news")  # pages under /private/
    sources = SourceStore(store)
    hidden, _ = sources.add(site.url + "/private/feed.xml")
    public, _ = sources.add(site.url + "/public.xml")
    watcher = watcher_for(store)
    report = watcher.run_cycle(force=True)
    assert site.hits("/private/feed.xml") == [] and site.hits("/private/news/0.html") == []
    assert sources.get(hidden)["last_error"].startswith("robots.txt disallows")
    # the public feed's item came in with the feed's own text instead of the forbidden page
    assert report.ingest.added == 1 and article_titles(store) == ["Earthquake shakes Mandalay"]
    raw_meta = json.loads(store.query("SELECT meta FROM raw_articles")[0]["meta"])
    assert "robots.txt" in raw_meta["page_error"]
    assert len(site.hits("/robots.txt")) == 1  # cached per host
    watcher.close()


# -- formats -----------------------------------------------------------------------------------
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>&lol3;</title></item></channel></rss>"""

RUSSIAN = [("Землетрясение в Мьянме", "Сильное землетрясение магнитудой 7,7 произошло в центральной части Мьянмы в пятницу."),
           ("Выборы в Германии", "Бундестаг избрал Фридриха Мерца федеральным канцлером во втором туре голосования.")]


def test_hostile_and_broken_feeds_fail_alone(site, store):
    site.static("/laughs.xml", BILLION_LAUGHS)

    def dies(h):  # promises 5000 bytes, sends a few hundred, hangs up
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.send_header("Content-Length", "5000")
        h.end_headers()
        h.wfile.write(rss("Cut", [("https://example.org/c", "Cut", "Cut short")])[:300])
        h.wfile.flush()
        h.close_connection = True

    site.routes["/dies.xml"] = dies
    site.routes["/error.xml"] = (500, {}, b"")
    # cp1251 bytes that claim to be UTF-8, served without a charset
    site.static("/cp1251.xml", rss("Вести", [(f"{site.url}/ru/{i}", t, d) for i, (t, d) in enumerate(RUSSIAN)],
                                   encoding="cp1251", declare="utf-8", lang="ru"), "application/xml")
    sources = SourceStore(store)
    ids = {name: sources.add(site.url + path, fetch_pages=False)[0]
           for name, path in (("laughs", "/laughs.xml"), ("dies", "/dies.xml"), ("error", "/error.xml"),
                              ("cp1251", "/cp1251.xml"))}
    sources.add("http://127.0.0.1:9/closed.xml")  # nothing listens there
    watcher = watcher_for(store)
    report = watcher.run_cycle(force=True)
    assert report.done == 5 and len(report.errors) == 4
    assert "unsafe XML" in sources.get(ids["laughs"])["last_error"]
    assert "RemoteProtocolError" in sources.get(ids["dies"])["last_error"]
    assert sources.get(ids["error"])["last_status"] == 500
    assert sources.get(ids["dies"])["etag"] is None
    # the healthy source still delivered, decoded correctly
    assert article_titles(store) == sorted(t for t, _ in RUSSIAN)
    assert {r["language"] for r in store.query("SELECT language FROM articles")} == {"ru"}
    health = {h["id"]: h for h in sources.health()}
    assert health[ids["cp1251"]]["status"] == "ok" and health[ids["cp1251"]]["items"] == 2
    assert health[ids["error"]]["error_count"] == 1 and health[ids["error"]]["status"] == "error"
    watcher.close()


def test_json_feed_and_news_sitemap(site, store):
    title0, paragraphs0 = STORIES[0]
    json_feed = {"version": "https://jsonfeed.org/version/1.1", "title": "JSON Daily", "language": "en",
                 "items": [{"id": "j1", "url": "https://example.org/j1", "title": title0,
                            "content_text": " ".join(paragraphs0), "date_published": "2025-11-17T08:00:00Z",
                            "authors": [{"name": "A. Writer"}]}]}
    site.static("/feed.json", json.dumps(json_feed).encode(), "application/feed+json")
    urls = []
    for number, (title, paragraphs) in enumerate(STORIES[1:3]):
        site.static(f"/s/{number}.html", page(title, paragraphs), "text/html", etag=False)
        urls.append(f"""<url><loc>{site.url}/s/{number}.html</loc><news:news><news:publication>
            <news:name>Sitemap Post</news:name><news:language>en</news:language></news:publication>
            <news:publication_date>2025-11-17T07:00:00+00:00</news:publication_date><news:title>{title}</news:title>
            </news:news></url>""")
    sitemap = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(urls) + "</urlset>")
    site.static("/news-sitemap.xml", sitemap.encode(), "application/xml")
    site.static("/sitemap-index.xml", f"""<?xml version="1.0"?><sitemapindex
        xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{site.url}/news-sitemap.xml</loc>
        </sitemap></sitemapindex>""".encode(), "application/xml")
    doc = parse_document("x", sitemap.encode(), "application/xml")
    assert doc.kind == "sitemap" and doc.title == "Sitemap Post" and doc.entries[0].language == "en"
    sources = SourceStore(store)
    json_id, _ = sources.add(site.url + "/feed.json")
    sitemap_id, _ = sources.add(site.url + "/sitemap-index.xml")
    watcher = watcher_for(store)
    report = watcher.run_cycle(force=True)
    assert report.errors == [] and report.ingest.added == 3
    rows = {r["title"]: r for r in store.query("SELECT title, source, byline, published FROM articles")}
    assert rows[title0]["source"] == "JSON Daily" and rows[title0]["byline"] == "A. Writer"
    assert rows[STORIES[1][0]]["source"] == "Sitemap Post" and rows[STORIES[1][0]]["published"].startswith("2025-11-17")
    assert sources.get(json_id)["detected_kind"] == "jsonfeed" and sources.get(sitemap_id)["detected_kind"] == "sitemapindex"
    watcher.close()


def test_single_page_source_is_taken_once(site, store):
    site.static("/story.html", page(*STORIES[2]), "text/html")
    sources = SourceStore(store)
    sources.add(site.url + "/story.html", kind="page")
    watcher = watcher_for(store)
    assert watcher.run_cycle(force=True).ingest.added == 1
    assert watcher.run_cycle(force=True).not_modified == 1
    assert article_titles(store) == [STORIES[2][0]]
    watcher.close()


# -- sources, OPML, CLI ----------------------------------------------------------------------------
OPML = b"""<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>Mine</title></head><body>
<outline text="Europe"><outline text="Le Monde" type="rss" xmlUrl="https://www.lemonde.fr/rss/une.xml" language="fr" country="FR"/>
<outline title="Tagesschau" type="rss" xmlUrl="https://www.tagesschau.de/xml/rss2/" language="de" country="de"/></outline>
<outline text="No URL"/></body></opml>"""


def test_opml_import_and_sources_cli(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_EMBEDDER", "hashing")
    db = new_store_url(tmp_path, "cli")
    path = tmp_path / "mine.opml"
    path.write_bytes(OPML)
    runner = CliRunner()
    result = runner.invoke(app, ["sources", "import-opml", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    again = runner.invoke(app, ["sources", "import-opml", str(path), "--db", db])
    assert again.exit_code == 0
    listed = json.loads(runner.invoke(app, ["sources", "list", "--db", db, "--json"]).stdout)
    assert [(s["name"], s["country"], s["language"]) for s in listed] == [("Le Monde", "FR", "fr"),
                                                                          ("Tagesschau", "DE", "de")]
    added = runner.invoke(app, ["sources", "add", "https://example.org/feed", "--name", "Example", "--db", db,
                                "--interval", "30"])
    assert added.exit_code == 0
    assert runner.invoke(app, ["sources", "remove", str(listed[0]["id"]), "--db", db]).exit_code == 0
    health = json.loads(runner.invoke(app, ["sources", "--health", "--json", "--db", db]).stdout)
    assert [h["name"] for h in health] == ["Tagesschau", "Example"] and {h["status"] for h in health} == {"new"}
    for command in (["sources", "--health"], ["sources"], ["alerts", "list"], ["alerts", "notifications"]):
        shown = runner.invoke(app, [*command, "--db", db])
        assert shown.exit_code == 0, (command, shown.output)
    assert "Tagesschau" in runner.invoke(app, ["sources", "--health", "--db", db]).stdout
    assert runner.invoke(app, ["sources", "add", "file:///etc/passwd", "--db", db]).exit_code != 0


def test_bundled_opml_covers_fifteen_languages():
    from pathlib import Path

    outlines = opml_outlines((Path(__file__).parents[1] / "examples" / "feeds.opml").read_bytes())
    assert len(outlines) >= 30
    assert len({o.language for o in outlines if o.language}) >= 15
    assert all(o.url.startswith("https://") and o.name and o.country for o in outlines)


def test_watch_once_cli(site, tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_EMBEDDER", "hashing")
    serve_story_feed(site)
    db = new_store_url(tmp_path, "w")
    runner = CliRunner()
    runner.invoke(app, ["sources", "add", site.url + "/feed.xml", "--db", db])
    result = runner.invoke(app, ["watch", "--once", "--db", db, "--delay", "0", "--allow-network", "127.0.0.1/32",
                                 "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["added"] == 4 and report["errors"] == []
    refused = runner.invoke(app, ["watch", "--once", "--db", db, "--json"])  # without --allow-network
    assert "not a public address" in json.loads(refused.stdout)["errors"][0]["error"]


# -- restarts, health, alerts ---------------------------------------------------------------------------
def test_restart_keeps_state_and_takes_each_item_once(site, tmp_path):
    url = new_store_url(tmp_path, "restart")
    serve_story_feed(site, stories=STORIES[:2])
    store = open_store(url)
    SourceStore(store).add(site.url + "/feed.xml")
    watcher = watcher_for(store)
    assert watcher.run_cycle(force=True).ingest.added == 2
    watcher.close()
    store.close_all()
    del watcher, store
    # a new process: a fresh store object and watcher; the feed gained one item
    serve_story_feed(site, stories=STORIES[:3])
    page_hits = len(site.hits("/news/0.html"))
    store = open_store(url)
    watcher = watcher_for(store)
    report = watcher.run_cycle(force=True)
    assert report.new_items == 1 and report.ingest.added == 1
    assert len(site.hits("/news/0.html")) == page_hits  # old items are not fetched again
    assert len(site.hits("/news/2.html")) == 1
    assert watcher.run_cycle(force=True).not_modified == 1
    assert store.counts()["articles"] == 3 and store.counts()["raw"] == 3
    watcher.close()


def test_a_poll_takes_a_bounded_number_of_items_and_the_rest_next_time(site, store, monkeypatch):
    import tidings.watch as watch_module

    monkeypatch.setattr(watch_module, "MAX_NEW_PER_POLL", 2)
    serve_story_feed(site)  # four items
    SourceStore(store).add(site.url + "/feed.xml")
    watcher = watcher_for(store)
    first = watcher.run_cycle(force=True)
    assert first.new_items == 2 and SourceStore(store).all()[0]["etag"] is None
    second = watcher.run_cycle(force=True)  # no 304: the rest of the items come now
    assert second.new_items == 2 and second.not_modified == 0
    assert article_titles(store) == sorted(t for t, _ in STORIES)
    assert watcher.run_cycle(force=True).not_modified == 1
    watcher.close()


def test_items_left_pending_by_a_crash_are_processed(site, store):
    serve_story_feed(site, stories=STORIES[:2])
    sources = SourceStore(store)
    sources.add(site.url + "/feed.xml")
    watcher = watcher_for(store)
    crashing = watcher.pipeline.process

    def crash(ids, report=None):  # killed right after the new items were stored
        if ids:
            raise KeyboardInterrupt()
        return crashing(ids, report)

    watcher.pipeline.process = crash
    with pytest.raises(KeyboardInterrupt):
        watcher.run_cycle(force=True)
    assert store.counts()["pending"] == 2
    assert sources.all()[0]["etag"] is None  # validators were not saved ahead of the items
    watcher.pipeline.process = crashing
    report = watcher.run_cycle(force=True)
    assert store.counts()["articles"] == 2 and store.counts()["pending"] == 0
    assert report.new_items == 0  # items were already taken; only processed now
    watcher.close()


def test_health_flags_silent_and_failing_sources(store):
    sources = SourceStore(store)
    quiet, _ = sources.add("https://quiet.example/feed", interval_s=600)
    busy, _ = sources.add("https://busy.example/feed", interval_s=600)
    now = utcnow()
    for source_id, last in ((quiet, now - timedelta(hours=12)), (busy, now - timedelta(minutes=30))):
        for k in range(10):  # an item every hour until `last`
            stamp = iso(last - timedelta(hours=k))
            store.conn.execute("INSERT INTO source_items(source_id, item_key, published, first_seen) VALUES (?,?,?,?)",
                               (source_id, f"k{k}", stamp, stamp))
        store.conn.execute("UPDATE source_state SET last_success=? WHERE source_id=?", (iso(now), source_id))
    health = {h["id"]: h for h in sources.health(now)}
    assert health[quiet]["silent"] and health[quiet]["status"] == "silent"
    assert health[quiet]["usual_interval_s"] == 3600
    assert not health[busy]["silent"] and health[busy]["status"] == "ok"
    for _ in range(3):
        sources.failed(sources.get(busy), "HTTP 500", status=500)
    assert {h["id"]: h for h in sources.health(now)}[busy]["status"] == "failing"
    assert sources.get(busy)["next_poll"] > iso(now + timedelta(minutes=35))  # backed off


def test_alert_fires_once_and_webhook_receives_the_post(site, store):
    serve_story_feed(site, stories=STORIES[:2])
    site.routes["/hook"] = (204, {}, b"")
    sources = SourceStore(store)
    sources.add(site.url + "/feed.xml")
    quake = sources.add_alert("quakes", keyword="earthquake", webhook=site.url + "/hook")
    berlin = sources.add_alert("german politics", entity="Berlin", language="en", per="article")
    sources.add_alert("nothing", keyword="volcano")
    watcher = watcher_for(store)
    report = watcher.run_cycle(force=True)
    assert report.notifications == 2 and report.webhooks == (1, 0)
    notes = sources.notifications()
    assert {(n["alert_id"], n["title"]) for n in notes} == {(quake, "Earthquake shakes Mandalay"),
                                                            (berlin, "Parliament passes budget")}
    posts = site.hits("/hook", "POST")
    assert len(posts) == 1
    sent = json.loads(posts[0][3])
    assert sent["alert"]["name"] == "quakes" and sent["article"]["title"] == "Earthquake shakes Mandalay"
    assert sent["story"]["id"] == sent["article"]["id"] or sent["story"]["size"] >= 1
    # fires once: another cycle, another check, nothing new
    watcher.run_cycle(force=True)
    assert check_alerts(store) == []
    assert len(sources.notifications()) == 2 and len(site.hits("/hook", "POST")) == 1
    watcher.close()


def test_webhook_to_private_address_is_refused(site, store, monkeypatch):
    monkeypatch.delenv("TIDINGS_ALLOW_NETWORKS", raising=False)
    serve_story_feed(site, stories=STORIES[:1])
    sources = SourceStore(store)
    sources.add(site.url + "/feed.xml")
    sources.add_alert("quakes", keyword="earthquake", webhook="http://169.254.169.254/hook")
    watcher = watcher_for(store)
    report = watcher.run_cycle(force=True)
    assert report.webhooks == (0, 1)
    assert "not a public address" in sources.notifications()[0]["delivery_error"]
    watcher.close()


def test_alerts_api_and_cli(store, tmp_path):
    from fastapi.testclient import TestClient

    from tidings.api.app import create_app

    sources = SourceStore(store)
    alert_id = sources.add_alert("kz", country="kz", webhook="https://hooks.example/x")
    store.conn.execute("INSERT INTO notifications(alert_id, kind, article_id, story_id, title, dedup_key)"
                       " VALUES (?, 'story', 7, 3, 'Astana summit', 'story:3')", (alert_id,))
    client = TestClient(create_app(store=store))  # the alerts router is part of every app
    alerts = client.get("/api/alerts").json()
    assert alerts[0]["country"] == "KZ" and alerts[0]["has_webhook"] and "webhook" not in alerts[0]
    notes = client.get("/api/notifications", params={"alert_id": alert_id}).json()
    assert notes[0]["title"] == "Astana summit" and notes[0]["story_id"] == 3
    assert client.get("/api/notifications", params={"limit": 0}).status_code == 422
    assert "/api/notifications" in client.get("/openapi.json").json()["paths"]
    runner = CliRunner()
    db = store.path
    listed = json.loads(runner.invoke(app, ["alerts", "list", "--json", "--db", db]).stdout)
    assert listed[0]["name"] == "kz"
    shown = json.loads(runner.invoke(app, ["alerts", "notifications", "--json", "--db", db]).stdout)
    assert shown[0]["alert_name"] == "kz"
    assert runner.invoke(app, ["alerts", "add", "x", "--db", db]).exit_code != 0  # needs a criterion
    assert runner.invoke(app, ["alerts", "add", "tokayev", "--entity", "Tokayev", "--db", db]).exit_code == 0
    assert runner.invoke(app, ["alerts", "remove", str(alert_id), "--db", db]).exit_code == 0
    assert [a["name"] for a in SourceStore(store).alerts()] == ["tokayev"]
