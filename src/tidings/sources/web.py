"""URLs -> raw articles, fetched with the guarded fetcher (`sources/fetch.py`).

Every hop (the first request and each redirect) is resolved and checked: loopback, private,
link-local, multicast and reserved addresses are refused unless the user allows a network.
"""
from __future__ import annotations

from ..model import RawArticle
from .fetch import Fetcher, FetchError

__all__ = ["FetchError", "fetch", "read_url", "sniff_format"]  # FetchError: callers catch it from here


def fetch(url: str, *, allow: list[str] | None = None, fetcher: Fetcher | None = None) -> tuple[str, bytes, str]:
    """GET a URL safely; returns (final URL, body, content type). One-off fetches (`tidings ingest URL`)
    are what a user asked for by name, so they skip robots.txt and the per-host delay."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(allow=allow, delay=0.0, robots=False, retries=1)
    try:
        result = fetcher.get(url)
    finally:
        if own:
            fetcher.close()
    return result.url, result.body, result.content_type


def sniff_format(url: str, body: bytes, content_type: str) -> str:
    head = body[:512].lstrip().lower()
    if "xml" in content_type or head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<opml")):
        return "opml" if b"<opml" in body[:2048].lower() else "feed"
    if "json" in content_type and not head.startswith(b"<"):
        return "jsonl"
    return "html"


def read_url(url: str, *, allow: list[str] | None = None) -> RawArticle:
    final, body, content_type = fetch(url, allow=allow)
    return RawArticle(locator=final, format=sniff_format(final, body, content_type), content=body,
                      meta={"url": final, "content_type": content_type})
