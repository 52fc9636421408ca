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
    except (LookupError, UnicodeError) as exc:  # found by fuzzing: encoding="utf-v8"
        raise ValueError(f"XML in an unknown or wrong encoding: {exc}") from exc


def feed_items(locator: str, content: bytes) -> Iterator[RawArticle | SourceError]:
    try:
        check_xml(content)
    except ValueError as exc:
        yield SourceError(locator, str(exc))
        return
    try:
        parsed = _feedparser_parse(content)
    except ValueError as exc:
        yield SourceError(locator, str(exc))
        return
    feed_title = parsed.feed.get("title")
    if not parsed.entries:
        yield SourceError(locator, "feed has no entries" + (f" ({parsed.bozo_exception})" if parsed.bozo else ""))
        return
    for number, entry in enumerate(parsed.entries, start=1):
        text = ""
        if entry.get("content"):
            text = entry.content[0].get("value") or ""
        # (a broken feed can leave a field present but None: found by fuzzing)
        text = text or entry.get("summary") or ""
        item = {
            "title": entry.get("title") or "",
            "text": text,
            "url": entry.get("link"),
            "published": entry.get("published") or entry.get("updated"),
            "source": feed_title,
            "html": "<" in text,
        }
        yield RawArticle(locator=entry.get("link") or f"{locator}#{number}", format="feed-item",
                         content=json.dumps(item, ensure_ascii=False).encode("utf-8"),
                         meta={"feed": locator})


def _feedparser_parse(content: bytes, **options):
    """feedparser.parse, whose own bugs on broken markup become a ValueError that says so: it
    raised KeyError('links') on one document the fuzzer made (feedparser's HTML fallback)."""
    try:
        return feedparser.parse(content, **options)
    except Exception as exc:  # noqa: BLE001 - any failure inside the library is an unreadable feed
        raise ValueError(f"unreadable feed ({type(exc).__name__} in feedparser: {exc})") from exc


def opml_feeds(locator: str, content: bytes) -> list[str]:
    """Feed URLs listed in an OPML file (nested outlines included)."""
    check_xml(content)
    root = SafeET.fromstring(content)
    return [node.get("xmlUrl") for node in root.iter("outline") if node.get("xmlUrl")]


# -- live ingestion: any feed-like document -> entries ----------------------------------------
import re  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

_XML_DECL = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([A-Za-z0-9._\-]+)([\"'])", re.IGNORECASE)
MAX_CHILD_SITEMAPS = 20


@dataclass
class Entry:
    """One item of a feed, JSON Feed or news sitemap."""

    key: str  # stable identity inside its source: guid / id / link
    url: str | None
    title: str = ""
    text: str = ""
    html: bool = False
    published: str | None = None
    language: str | None = None
    author: str | None = None


@dataclass
class Document:
    kind: str  # rss | atom | jsonfeed | sitemap | sitemapindex | opml | html
    title: str | None = None
    language: str | None = None
    entries: list[Entry] = field(default_factory=list)
    children: list[str] = field(default_factory=list)  # sitemaps listed by a sitemap index


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._\-]+)", content_type or "", re.IGNORECASE)
    return match.group(1) if match else None


def xml_to_utf8(content: bytes, content_type: str = "") -> bytes:
    """XML in whatever encoding it really has -> UTF-8 with a matching declaration.

    Order: BOM, then the XML declaration, then the HTTP charset; when the bytes do not decode as
    declared (a cp1251 feed that says UTF-8, or says nothing), the reader's charset detection
    decides (`read.parse.decode`: charset-normalizer re-ranked by a language detector)."""
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = content.decode("utf-16")
        return _XML_DECL.sub(rb"\g<1>utf-8\g<3>", text.encode("utf-8"), count=1)
    declared = _XML_DECL.match(content)
    candidates = [declared.group(2).decode("ascii") if declared else None, _charset(content_type), "utf-8"]
    text = None
    for name in candidates:
        if not name:
            continue
        try:
            text = content.decode(name)
            break
        except (LookupError, UnicodeDecodeError):
            continue
    if text is None:
        from ..read.parse import ReadError, decode

        try:
            text = decode(content)
        except ReadError as exc:
            raise ValueError(f"cannot decode feed: {exc}") from exc
    data = text.encode("utf-8")
    return _XML_DECL.sub(rb"\g<1>utf-8\g<3>", data, count=1) if _XML_DECL.match(data) else data


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def sniff_document(content: bytes, content_type: str = "") -> str:
    head = content[:2048].lstrip().lower()
    if head.startswith(b"{") or ("json" in content_type and not head.startswith(b"<")):
        return "jsonfeed"
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<opml" in head:
        return "opml"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head or head.startswith(b"<?xml") or "xml" in content_type:
        return "feed"
    return "html"


def parse_document(locator: str, content: bytes, content_type: str = "") -> Document:
    """A fetched feed-like document -> its entries. Raises ValueError for unsafe or broken input."""
    kind = sniff_document(content, content_type)
    if kind == "jsonfeed":
        return parse_json_feed(content)
    if kind == "html":
        return Document("html")
    content = xml_to_utf8(content, content_type)
    check_xml(content)
    if kind == "sitemap":
        return parse_sitemap(content)
    if kind == "opml":
        return Document("opml", children=opml_feeds(locator, content))
    return parse_feed(locator, content)


def parse_feed(locator: str, content: bytes) -> Document:
    """RSS 0.9x / 1.0 (RDF) / 2.0 and Atom, with feedparser (after `check_xml`)."""
    parsed = _feedparser_parse(content, sanitize_html=False, resolve_relative_uris=True)
    if parsed.bozo and not parsed.entries and not parsed.feed:
        raise ValueError(f"not a feed: {parsed.get('bozo_exception')}")
    version = parsed.get("version") or ""
    doc = Document("atom" if version.startswith("atom") else "rss", title=parsed.feed.get("title"),
                   language=(parsed.feed.get("language") or None))
    for number, e in enumerate(parsed.entries, start=1):
        text = e.content[0].get("value", "") if e.get("content") else ""
        text = text or e.get("summary", "")
        link = e.get("link")
        key = e.get("id") or link or f"{e.get('title', '')}#{number}"
        doc.entries.append(Entry(key=key, url=link, title=e.get("title", ""), text=text, html="<" in text,
                                 published=e.get("published") or e.get("updated"), author=e.get("author")))
    return doc


def parse_json_feed(content: bytes) -> Document:
    """JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"malformed JSON Feed: {exc}") from exc
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise ValueError("not a JSON Feed (no jsonfeed.org version)")
    doc = Document("jsonfeed", title=data.get("title"), language=data.get("language"))
    for number, item in enumerate(data.get("items") or [], start=1):
        if not isinstance(item, dict):
            continue
        html = item.get("content_html")
        text = html or item.get("content_text") or item.get("summary") or ""
        authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        author = next((a.get("name") for a in authors if isinstance(a, dict) and a.get("name")), None)
        url = item.get("url") or item.get("external_url")
        doc.entries.append(Entry(key=str(item.get("id") or url or number), url=url, title=item.get("title") or "",
                                 text=text, html=bool(html), published=item.get("date_published")
                                 or item.get("date_modified"), language=item.get("language"), author=author))
    return doc


def parse_sitemap(content: bytes) -> Document:
    """A (news) sitemap: <url><loc> with optional <news:news> title, language, publication date."""
    root = SafeET.fromstring(content)
    if _local(root.tag) == "sitemapindex":
        children = [(node.text or "").strip() for node in root.iter() if _local(node.tag) == "loc"]
        return Document("sitemapindex", children=[c for c in children if c][:MAX_CHILD_SITEMAPS])
    doc = Document("sitemap")
    for url_node in root:
        if _local(url_node.tag) != "url":
            continue
        values: dict[str, str] = {}
        for node in url_node.iter():
            name = _local(node.tag)
            if node.text and node.text.strip() and name not in values:
                values[name] = node.text.strip()
        loc = values.get("loc")
        if not loc:
            continue
        if doc.title is None and values.get("name"):
            doc.title = values["name"]  # news:publication/news:name
        doc.entries.append(Entry(key=loc, url=loc, title=values.get("title", ""),
                                 published=values.get("publication_date") or values.get("lastmod"),
                                 language=values.get("language")))
    return doc


@dataclass
class Outline:
    url: str
    name: str | None = None
    language: str | None = None
    country: str | None = None
    category: str | None = None


def opml_outlines(content: bytes) -> list[Outline]:
    """Feeds listed in an OPML file with their names, and `language` / `country` attributes."""
    content = xml_to_utf8(content)
    check_xml(content)
    root = SafeET.fromstring(content)
    found = []

    def walk(node, category):
        for child in node:
            if _local(child.tag) != "outline":
                continue
            url = child.get("xmlUrl")
            label = child.get("title") or child.get("text")
            if url:
                found.append(Outline(url.strip(), label, child.get("language"), child.get("country"), category))
            else:
                walk(child, label or category)

    body = next((n for n in root if _local(n.tag) == "body"), root)
    walk(body, None)
    return found
