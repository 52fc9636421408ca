"""Sources: feeds, OPML, safe XML, URL fetching against a local server, and the SSRF guard."""
from __future__ import annotations

import http.server
import threading

import pytest

from tidings.model import RawArticle
from tidings.sources import SourceError, iter_sources
from tidings.sources.feeds import check_xml, feed_items, opml_feeds
from tidings.sources.web import FetchError, fetch

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example News</title>
<item><title>Quake in Myanmar</title><link>https://example.org/quake</link>
<pubDate>Fri, 28 Mar 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;A magnitude 7.7 earthquake struck central Myanmar on Friday.&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://example.org/2</link><description>Another item text here.</description></item>
</channel></rss>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss><channel><title>&lol3;</title></channel></rss>"""


def test_rss_items_become_raw_articles():
    items = list(feed_items("feed.xml", RSS))
    assert [type(i) for i in items] == [RawArticle, RawArticle]
    assert items[0].locator == "https://example.org/quake"
    from tidings.read import read_article

    article = read_article(items[0])
    assert article.title == "Quake in Myanmar" and article.published == "2025-03-28"
    assert article.text == "A magnitude 7.7 earthquake struck central Myanmar on Friday."
    assert article.source == "Example News"


def test_a_broken_item_without_summary_is_an_empty_text_not_a_crash():
    # found by fuzzing: feedparser leaves `summary` set to None for some broken items
    broken = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
              b'<item><title>One</title><description>Lead.</description></item>'
              b'<item><title>Two<description></item></channel></rss>')
    items = list(feed_items("broken.xml", broken))
    assert items and all(isinstance(i, (RawArticle, SourceError)) for i in items)
    from pathlib import Path
    corpus = Path(__file__).resolve().parent.parent / "fuzz" / "corpus" / "xml"
    assert all(isinstance(i, (RawArticle, SourceError)) for i in feed_items("fuzz.xml", (corpus / "regression-none-summary").read_bytes()))
    # and a document on which feedparser itself raised KeyError('links'): an error item that says so
    [refused] = feed_items("fuzz.xml", (corpus / "regression-feedparser-keyerror").read_bytes())
    assert isinstance(refused, SourceError) and "unreadable feed" in str(refused)


def test_entity_expansion_is_refused():
    with pytest.raises(ValueError, match="unsafe XML"):
        check_xml(BILLION_LAUGHS)
    assert isinstance(next(feed_items("bomb.xml", BILLION_LAUGHS)), SourceError)


def test_opml_lists_feeds():
    opml = b"""<?xml version="1.0"?><opml version="2.0"><body><outline text="World">
    <outline text="A" type="rss" xmlUrl="https://a.example/feed"/><outline text="B" xmlUrl="https://b.example/rss"/>
    </outline></body></opml>"""
    assert opml_feeds("x.opml", opml) == ["https://a.example/feed", "https://b.example/rss"]


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        body = RSS if self.path == "/feed" else (
            b"<html><head><title>Local page</title></head><body><article><h1>Local page</h1>"
            b"<p>This article is served by the test on the loopback interface only, for the tests.</p>"
            b"<p>It has a second paragraph, so that the extractor finds enough text to keep.</p></article></body></html>")
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml" if self.path == "/feed" else "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_loopback_is_refused_unless_allowed(local_server):
    with pytest.raises(FetchError, match="not a public address"):
        fetch(local_server + "/article")
    url, body, content_type = fetch(local_server + "/redirect", allow=["127.0.0.0/8"])
    assert url.endswith("/article") and b"Local page" in body and content_type.startswith("text/html")


def test_urls_and_feeds_are_ingested(local_server):
    items = list(iter_sources([local_server + "/feed", local_server + "/article"], allow_networks=["127.0.0.1/32"]))
    assert [i.format for i in items] == ["feed-item", "feed-item", "html"]
    refused = list(iter_sources([local_server + "/feed"]))
    assert isinstance(refused[0], SourceError) and "not a public address" in refused[0].reason


def test_unknown_xml_encoding_is_an_error_not_a_crash():
    # found by fuzzing (fuzz/fuzz_parsers.py xml)
    content = b'<?xml version="1.0" encoding="utf-v8"?><rss version="2.0"><channel><title>W</title></channel></rss>'
    items = list(feed_items("odd.xml", content))
    assert len(items) == 1 and isinstance(items[0], SourceError) and "encoding" in items[0].reason
    with pytest.raises(ValueError):
        opml_feeds("odd.opml", content)
