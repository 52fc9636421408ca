"""Search result snippets: why an article matched, shown as a few lines of its own text.

A hit found by its words shows the stretch of the body holding most of the query's words, those
words marked; a hit found by its meaning (a cross-lingual one shares no word with the query) shows
its sentence nearest to the query, by the statement vectors the store may already hold
(compare/statements.py: made at ingest with TIDINGS_STATEMENT_VECTORS=ingest, or at a story's
first comparison), so that no model runs per hit; without them, its lead. Matching follows the
full-text index: case and diacritics folded, every CJK character a token, a query word's pieces
("Jean-Luc") one phrase.

Spans are offsets in the snippet's text; `html()` escapes the text and wraps the spans in `<mark>`.
"""
from __future__ import annotations

import re
import unicodedata
from html import escape
from typing import Any

from .textutil import CJK_CHAR, COMBINING_MARKS, search_form

WIDTH = 240  # characters of text a snippet shows (about two lines of a result list)
BEFORE = 60  # context kept before the first marked word
MAX_QUERY_CHARS = 500  # longer queries are refused (as the REST API's and the pages' `q`)
SCAN_CHARS = 50_000  # words are looked for in the first SCAN_CHARS of an article (a book-length text costs no more)

# what a hit's snippet shows (its `snippet_kind`)
WORDS = "words"  # the query's words, marked where they occur
SENTENCE = "sentence"  # the sentence nearest to the query in meaning, marked
LEAD = "lead"  # the article's first lines: no word of the query in the text, no sentence vector to choose by

_TOKEN = re.compile(r"\w+", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SPACES = re.compile(r"\s+")


class QueryError(ValueError):
    """A query that cannot be searched, with a message a reader understands."""


def clean_query(q: str | None) -> str:
    """The query as searched: control characters (NUL and friends, lone surrogates) dropped,
    whitespace collapsed. Raises QueryError when it is too long; '' when nothing is left."""
    text = _SPACES.sub(" ", _CONTROL.sub(" ", q or "")).strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text)} characters long; at most {MAX_QUERY_CHARS} are searched")
    return text


def has_words(q: str) -> bool:
    """Whether the query holds a letter or digit to search for ('!!!' or '—' does not)."""
    return bool(_TOKEN.search(q.replace("_", " ")))


def _fold_char(char: str) -> str:
    lower = char.casefold() if char == "ς" else char.lower()  # final sigma: σ, as lower() writes it inside words
    # 'İ' lowers to 'i' and a combining dot, which goes with the other marks
    bare = unicodedata.normalize("NFC", COMBINING_MARKS.sub("", unicodedata.normalize("NFD", lower)))
    if len(bare) == 1:
        return bare
    return lower if len(lower) == 1 else char


class _FoldTable(dict):
    """Code point -> its folded character, filled as characters are met (str.translate asks it)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDED = _FoldTable()


def fold(text: str) -> str:
    """Case and diacritics folded as the full-text index folds them ('Ö' -> 'o'), character by
    character: the result is as long as `text`, so an offset in one is the same in the other. (A
    character whose folded form is longer, as 'ß' casefolded to 'ss', stays one character.)"""
    lower = text.lower()
    if len(lower) == len(text) and (text.isascii() or len(unicodedata.normalize("NFD", lower)) == len(lower)):
        # nothing to take off (English, Russian, Chinese ...): lowering is folding, and faster
        return lower.replace("ς", "σ") if "ς" in lower else lower
    return text.translate(_FOLDED)


def _is_cjk(token: str) -> bool:
    return len(token) == 1 and search_form(token) != token


class QueryWords:
    """What the full-text query matches, to find in folded text: each word of the query a phrase of
    its tokens, CJK characters one by one (with or without spaces between). One literal-led regular
    expression per phrase, word edges checked afterwards: ~1 µs per text and phrase, where one
    alternation with look-arounds took ~100."""

    def __init__(self, phrases: list[tuple[re.Pattern, bool, bool]]):
        self.phrases = phrases  # (expression, whether its start must be a word's, whether its end must)

    def finditer(self, folded: str) -> list[tuple[int, int]]:
        found = []
        for expression, at_start, at_end in self.phrases:
            for match in expression.finditer(folded):
                a, b = match.span()
                if (at_start and a and folded[a - 1].isalnum()) or (at_end and b < len(folded) and folded[b].isalnum()):
                    continue
                found.append((a, b))
        found.sort(key=lambda span: (span[0], span[0] - span[1]))  # by start, the longest first
        kept, reach = [], -1
        for a, b in found:
            if a >= reach:
                kept.append((a, b))
                reach = b
        return kept


def query_pattern(q: str) -> QueryWords | None:
    """The query's phrases, as the full-text index reads them (textutil.fts_query), or None."""
    phrases = {}
    for chunk in q.split():
        tokens = _TOKEN.findall(search_form(fold(chunk)).replace("_", " "))
        if not tokens:
            continue
        parts = []
        for i, token in enumerate(tokens):
            if i:
                parts.append(r"\W*" if _is_cjk(token) or _is_cjk(tokens[i - 1]) else r"[\W_]+")
            parts.append(re.escape(token))
        phrases["".join(parts)] = (not _is_cjk(tokens[0]), not _is_cjk(tokens[-1]))
    if not phrases:
        return None
    return QueryWords([(re.compile(body), start, end) for body, (start, end) in phrases.items()])


def find_matches(text: str, words: QueryWords | None, limit: int = 400) -> list[tuple[int, int, str]]:
    """(start, end, folded match) in `text` of every match of the query's `words`, at most `limit`."""
    if words is None or not text:
        return []
    scanned = text[:SCAN_CHARS]
    folded = fold(scanned)  # the same offsets in the text and its folded form
    found = []
    for a, b in words.finditer(folded)[:limit]:
        matched = folded[a:b]
        while b < len(scanned) and unicodedata.combining(scanned[b]):  # an accent folded away stays with its letter
            b += 1
        found.append((a, b, matched))
    return found


def _cut_start(text: str, start: int) -> int:
    """`start` moved forward to the beginning of a word (not for CJK text, which has no spaces)."""
    if start <= 0:
        return 0
    if CJK_CHAR.match(text[start - 1:start] or " "):
        return start
    space = text.find(" ", start, start + 30)
    return space + 1 if space >= 0 else start


def _cut_end(text: str, end: int) -> int:
    """`end` moved back to the end of a word."""
    if end >= len(text):
        return len(text)
    if CJK_CHAR.match(text[end - 1:end] or " "):
        return end
    space = text.rfind(" ", max(0, end - 30), end)
    return space if space > 0 else end


def _window(text: str, start: int, end: int, spans: list[tuple[int, int]], kind: str,
            cut_before: bool | None = None, cut_after: bool | None = None) -> dict[str, Any]:
    """The snippet of text[start:end] with `spans` (offsets in `text`) marked, whitespace collapsed
    and '…' where it was cut (by default: where the text goes on)."""
    merged: list[list[int]] = []
    for a, b in sorted((max(a, start), min(b, end)) for a, b in spans if a < end and b > start):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out = "… " if (start > 0 if cut_before is None else cut_before) else ""

    def add(piece: str) -> None:
        nonlocal out
        piece = _SPACES.sub(" ", piece)
        if piece.startswith(" ") and (not out or out.endswith(" ")):
            piece = piece[1:]
        out += piece

    marks, at = [], start
    for a, b in merged:
        add(text[at:a])
        opened = len(out)
        add(text[a:b])
        marks.append([opened, len(out)])
        at = b
    add(text[at:end])
    snippet = out.rstrip()
    marks = [[a, min(b, len(snippet))] for a, b in marks if a < len(snippet) and b > a]
    if end < len(text) if cut_after is None else cut_after:
        snippet += " …"
    return {"snippet": snippet, "highlights": marks, "snippet_kind": kind}


def words_snippet(text: str, matches: list[tuple[int, int, str]], width: int = WIDTH) -> dict[str, Any]:
    """The stretch of `width` characters holding the most different matched words, marked."""
    best, best_count = 0, 0
    for i, (a, _b, _w) in enumerate(matches):  # a window starting at each match: the one with most different words
        words = {w for x, y, w in matches[i:] if y <= a + width - BEFORE}
        if len(words) > best_count:
            best, best_count = i, len(words)
    first = matches[best][0]
    start = 0 if first < width - BEFORE else _cut_start(text, first - BEFORE)
    end = _cut_end(text, start + width)
    if end <= matches[best][1]:  # a very long match: show all of it
        end = matches[best][1]
    return _window(text, start, end, [(a, b) for a, b, _ in matches], WORDS)


def sentence_snippet(text: str, start: int, end: int, index: int, width: int = WIDTH) -> dict[str, Any]:
    """A whole sentence, marked (cut after `width` characters)."""
    cut = end if end - start <= width else _cut_end(text, start + width)
    item = _window(text, start, cut, [(start, cut)], SENTENCE, cut_before=False, cut_after=cut < end)
    item["sentence"] = index
    return item


def lead_snippet(text: str, width: int = WIDTH) -> dict[str, Any]:
    return _window(text, 0, _cut_end(text, min(len(text), width)), [], LEAD)


def mark_title(title: str, pattern: QueryWords | None) -> list[list[int]]:
    """Where the query's words are in a title (its spans, for `html`)."""
    return [[a, b] for a, b, _ in find_matches(title or "", pattern)]


def html(text: str, spans: list[list[int]] | list[tuple[int, int]]) -> str:
    """`text` escaped, its spans in `<mark>`: safe to put in a page whatever the article holds."""
    out, at = [], 0
    for a, b in sorted(spans):
        if a < at:
            continue
        out.append(escape(text[at:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        at = b
    out.append(escape(text[at:]))
    return "".join(out)
