"""RSS / Atom feeds and OPML lists -> raw articles.

XML is first checked with defusedxml (no entity expansion, no external entities), then the feed
is parsed with feedparser. Each entry becomes a JSON raw item; its page can be fetched as well.
"""
from __future__ import annotations

import json
from typing import Iterator

import defusedxml.ElementTree as SafeET
import feedparser
from defusedxml import DefusedXmlException

from ..model import RawArticle
from .files import SourceError


def check_xml(content: bytes) -> None:
    """Raise ValueError for XML that declares entities or is not well formed."""
    try:
        SafeET.fromstring(content, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ValueError(f"unsafe XML refused ({type(exc).__name__})") from exc
    except SafeET.ParseError as exc:
        raise ValueError(f"malformed XML: {exc}") from exc


def feed_items(locator: str, content: bytes) -> Iterator[RawArticle | SourceError]:
    try:
        check_xml(content)
    except ValueError as exc:
        yield SourceError(locator, str(exc))
        return
    parsed = feedparser.parse(content)
    feed_title = parsed.feed.get("title")
    if not parsed.entries:
        yield SourceError(locator, "feed has no entries" + (f" ({parsed.bozo_exception})" if parsed.bozo else ""))
        return
    for number, entry in enumerate(parsed.entries, start=1):
        text = ""
        if entry.get("content"):
            text = entry.content[0].get("value", "")
        text = text or entry.get("summary", "")
        item = {
            "title": entry.get("title", ""),
            "text": text,
            "url": entry.get("link"),
            "published": entry.get("published") or entry.get("updated"),
            "source": feed_title,
            "html": "<" in text,
        }
        yield RawArticle(locator=entry.get("link") or f"{locator}#{number}", format="feed-item",
                         content=json.dumps(item, ensure_ascii=False).encode("utf-8"),
                         meta={"feed": locator})


def opml_feeds(locator: str, content: bytes) -> list[str]:
    """Feed URLs listed in an OPML file (nested outlines included)."""
    check_xml(content)
    root = SafeET.fromstring(content)
    return [node.get("xmlUrl") for node in root.iter("outline") if node.get("xmlUrl")]
