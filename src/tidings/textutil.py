"""Small text helpers shared by several stages."""
from __future__ import annotations

import hashlib
import re
import unicodedata

# a kana or Han character: a text written without spaces between its words, whose length and word
# counts mean something else (read/clean.py, compare/statements.py)
CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# what full-text search spaces apart, one character a token: wider than CJK_CHAR on purpose (also
# compatibility ideographs and Hangul), as it serves the index, not a text's length or word count
_CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)

# "of" between a role or body and what it belongs to ("the mayor of Leeds", "el alcalde de Tame",
# "chuyến thăm Nhật Bản của Tổng thống Trump"): read by the recogniser (a place after a role's "of" is
# not its holder), by event coding (the place is its actor's own) and by actor phrases (a place "of"
# someone is two phrases), so one table
OF_WORDS = frozenset({"of", "của", "de", "del", "des", "di", "della", "da", "do", "du", "von"})

# CLDR territory codes of two letters that are no country: the European Union, the eurozone, the
# United Nations, "unknown region" and "outlying Oceania". Read by the recogniser's country gazetteer
# and by event coding's demonym stems, so one table
_NOT_COUNTRY_CODES = frozenset({"EU", "EZ", "UN", "ZZ", "QO"})


def is_cldr_country(code: str) -> bool:
    """Whether a CLDR territory code is a country's (two letters; world regions have three digits)."""
    return len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRY_CODES


def normalise(text: str) -> str:
    """Unicode NFC, case folded, whitespace collapsed: the form used for exact-duplicate hashes."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def search_form(text: str) -> str:
    """Text as the full-text index sees it: CJK characters become single-character tokens."""
    return _CJK.sub(r" \1 ", text)


def fts_query(user_query: str) -> str:
    """A safe FTS5 MATCH expression from free text: every word required, each quoted.

    A CJK run becomes a phrase of single characters, matching how `search_form` indexed it.
    """
    phrases = []
    for chunk in user_query.split():
        tokens = _WORD.findall(search_form(chunk))
        if tokens:
            phrases.append('"' + " ".join(tokens) + '"')
    return " ".join(phrases)


def shingles(text: str, size: int = 5) -> set[str]:
    """Character shingles of the normalised text (script independent, works without word spaces)."""
    norm = normalise(text)
    if len(norm) <= size:
        return {norm} if norm else set()
    return {norm[i:i + size] for i in range(0, len(norm) - size + 1)}
