"""Small text helpers shared by several stages."""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

# The Unicode blocks of the scripts several stages look for, each the inside of a character class
# ("[" + HAN + "]") written "first-last", so that `HAN[0] <= char <= HAN[-1]` asks the same of one
# character. Modules that mean different ranges on purpose combine these differently and say so.
HAN = "\u4e00-\u9fff"  # CJK Unified Ideographs, the basic block (中文, 漢字)
HAN_EXT_A = "\u3400-\u4dbf"  # CJK Unified Ideographs Extension A (rare Han characters)
HAN_COMPAT = "\uf900-\ufaff"  # CJK Compatibility Ideographs
KANA = "\u3040-\u30ff"  # hiragana and katakana
KATAKANA = "\u30a0-\u30ff"
HANGUL = "\uac00-\ud7af"  # the Hangul syllables block
# kana through the basic Han block with all that lies between (bopomofo, CJK symbols and strokes, Extension
# A, the Yijing hexagrams): wider than KANA + HAN_EXT_A + HAN by those blocks between
KANA_TO_HAN = "\u3040-\u9fff"
CJK = KANA + HAN_EXT_A + HAN  # the kana and Han letters of Chinese and Japanese (no Hangul)
ARABIC = "\u0600-\u06ff"  # the Arabic block, its punctuation and digits included
ARABIC_ABJAD = "\u0621-\u064a"  # the Arabic letters proper, hamza to yeh: no marks, digits or punctuation
HEBREW = "\u0590-\u05ff"
CYRILLIC = "\u0400-\u04ff"  # the Cyrillic block (not its supplements)
THAI = "\u0e00-\u0e7f"
LATIN = "\x00-\u024f"  # ASCII (punctuation and digits too), Latin-1 and Latin Extended-A and -B
# the combining diacritical marks that folding takes off after NFD ("é" -> "e"), as the full-text index does
# (FTS5 remove_diacritics; store/dialect.fold_for_search and snippets.fold)
COMBINING_MARKS = re.compile(r"[\u0300-\u036f]")

# a kana or Han character: a text written without spaces between its words, whose length and word
# counts mean something else (read/clean.py, compare/statements.py); Extension A to the end of the
# basic Han block whole, the Yijing hexagrams between them included (CJK leaves them out)
CJK_CHAR = re.compile("[" + KANA + HAN_EXT_A[0] + "-" + HAN[-1] + "]")
# what full-text search spaces apart, one character a token: wider than CJK_CHAR on purpose (also
# compatibility ideographs and Hangul), as it serves the index, not a text's length or word count
_CJK = re.compile("([" + CJK + HAN_COMPAT + HANGUL + "])")
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


def bundled_json(path: Path) -> Any:
    """A data file shipped with the package (gzipped JSON), or None where it is missing or unreadable:
    each table's reader then falls back to an empty one, so a partial install reads less, not nothing."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None
