"""Per-language event lexicons (lexicon/LANG.txt) and the matcher that finds their patterns.

A pattern is a short sequence of parts; each part matches one token exactly or, ending in `*`, by
prefix (but not the words of the language's [not] section: "host*" must not catch "hostage"); "..."
between parts allows a few other tokens in between (German separable verbs: "lehnte den Vorschlag
ab"). Chinese and Japanese have no spaces: their tokens are characters, so
a pattern is a substring. Arabic tokens are also tried without their clitic prefixes (و ب ل ال).
The format is documented in lexicon/README.md.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .ontology import SECTORS, TYPES, canonical_type

CHARACTER_LANGUAGES = {"zh", "ja"}
WORD_GAP = 4
CHARACTER_GAP = 8
SEPARABLE_GAP = 12  # German verb particles close the clause: "lehnte den Vorschlag ... erneut ab"
CUE_SECTIONS = ("negation", "future", "hypothetical", "agent", "passive", "say", "recipient", "accident",
                "armed", "after")
_WORD = re.compile(r"[\w\u064b-\u065f\u0670\u0640]+(?:['’\-][\w\u064b-\u065f\u0670\u0640]+)*", re.UNICODE)
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
# elided articles and pronouns glued to the next word: l'accord, s'entretient, dall'esercito
_ELISIONS = {"fr": ("qu'", "l'", "d'", "s'", "n'", "j'", "c'", "m'", "t'"),
             "it": ("dell'", "nell'", "all'", "sull'", "dall'", "un'", "l'", "d'", "c'")}
# languages whose split verbs put a particle far from the verb ("lehnte ... ab"): a longer gap
LONG_GAP_LANGUAGES = {"de", "nl"}


@dataclass(frozen=True)
class Token:
    text: str  # case-folded
    start: int
    end: int
    bare: str = ""  # Arabic: without clitic prefixes


@dataclass(frozen=True)
class Pattern:
    parts: tuple[str, ...]
    prefix: tuple[bool, ...]  # per part: match by prefix
    gap: tuple[bool, ...]  # per part: other tokens may come before it
    section: str  # "AGREE", "negation", "sector", ...
    mode: str | None = None  # for event types: the mode; for sectors: the sector code

    @property
    def weight(self) -> tuple[int, int, bool]:
        """More parts, then longer stems, are more specific ("investigat*" beats "invest*"); a mode
        breaks the remaining ties in favour of the more precise coding."""
        return len(self.parts), sum(map(len, self.parts)), bool(self.mode and self.section in TYPES)


@dataclass(frozen=True)
class Match:
    pattern: Pattern
    first: int  # token index
    last: int  # token index (inclusive)
    words: tuple[int, ...] = ()  # the tokens its parts matched ("lehnte" and "ab", not the object between)

    @property
    def span(self) -> range | tuple[int, ...]:
        return self.words or range(self.first, self.last + 1)


_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "ʻ": "'", "‘": "'", "`": "'"})
# one character for one: offsets into the text stay valid
_LETTER_VARIANTS = str.maketrans({"ё": "е", "أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alif, tatweel


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES).translate(_LETTER_VARIANTS)


def tokenize(text: str, language: str) -> list[Token]:
    if language in ("tr", "az"):  # Turkish dotted and dotless i: I -> ı, İ -> i (not i + combining dot)
        text = text.replace("I", "ı").replace("İ", "i")
    folded = fold(text)
    if len(folded) != len(text):  # folding changed lengths (ß -> ss): fold per character, keep offsets
        folded = "".join(fold(ch)[:1] or ch for ch in text)
    if language in CHARACTER_LANGUAGES:
        return [Token(ch, i, i + 1) for i, ch in enumerate(folded) if not ch.isspace()]
    tokens = []
    for m in _WORD.finditer(folded):
        word = m.group()
        if language == "ar":
            word = _ARABIC_MARKS.sub("", word)
        bare = ""
        if language == "ar":
            bare = next((word[len(p):] for p in _ARABIC_PREFIXES if word.startswith(p) and len(word) - len(p) >= 2), "")
        elif language in _ELISIONS:
            bare = next((word[len(p):] for p in _ELISIONS[language] if word.startswith(p) and len(word) > len(p) + 1), "")
        tokens.append(Token(word, m.start(), m.end(), bare))
    return tokens


def _parse_pattern(line: str, section: str, mode: str | None, language: str) -> Pattern | None:
    line = fold(line)
    if language in CHARACTER_LANGUAGES:
        pieces = [p.replace(" ", "") for p in line.split("...")]
        parts, prefix, gap = [], [], []
        for n, piece in enumerate(pieces):
            for k, ch in enumerate(piece.rstrip("*")):
                parts.append(ch)
                prefix.append(False)
                gap.append(n > 0 and k == 0)
        return Pattern(tuple(parts), tuple(prefix), tuple(gap), section, mode) if parts else None
    parts, prefix, gap = [], [], []
    pending_gap = False
    for word in line.split():
        if word == "...":
            pending_gap = bool(parts)
            continue
        stem = word.rstrip("*")
        if not stem:
            continue
        parts.append(stem)
        prefix.append(word.endswith("*"))
        gap.append(pending_gap)
        pending_gap = False
    return Pattern(tuple(parts), tuple(prefix), tuple(gap), section, mode) if parts else None


class Lexicon:
    """The patterns of one language, indexed by the first characters of their first part."""

    def __init__(self, language: str, text: str):
        self.language = language
        self.patterns: list[Pattern] = []
        # [not]: words a stem of an event type must not catch ("hostage" for "host*"); an entry
        # ending in * excludes the words it begins ("deporte*": deporte, deportes) from the stems
        # shorter than itself ("deport*"), not from a longer one written on purpose
        self._not_words: set[str] = set()
        self._not_stems: dict[str, list[str]] = {}
        # [not phrases]: phrases whose words are no trigger ("fighter jets", "avions de combat",
        # "savaş uçağı": aircraft, not fighting), as patterns
        self._not_phrases: list[Pattern] = []
        section, mode = None, None
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
            if not line:
                continue
            if line.startswith("[") and line.endswith("]"):
                section, mode = self._section(line[1:-1].split())
                continue
            if section == "not phrases":
                phrase = _parse_pattern(line, section, None, language)
                if phrase:
                    self._not_phrases.append(phrase)
                continue
            if section == "not":
                for word in fold(line).split():
                    if word.endswith("*") and word.rstrip("*"):
                        self._not_stems.setdefault(word[:3], []).append(word.rstrip("*"))
                    elif word.rstrip("*"):
                        self._not_words.add(word)
                continue
            if section is None:
                continue
            pattern = _parse_pattern(line, section, mode, language)
            if pattern:
                self.patterns.append(pattern)
        self._index: dict[str, list[Pattern]] = {}
        for pattern in self.patterns:
            self._index.setdefault(pattern.parts[0][:3], []).append(pattern)
        self.sections = {p.section for p in self.patterns}

    @staticmethod
    def _section(words: list[str]) -> tuple[str | None, str | None]:
        head = words[0]
        if head == "not":
            return ("not phrases", None) if words[1:2] == ["phrases"] else ("not", None)
        if head in CUE_SECTIONS:
            return head, None
        if head == "sector" and len(words) > 1 and words[1].upper() in SECTORS:
            return "sector", words[1].upper()
        try:
            kind = canonical_type(head)
        except KeyError:
            return None, None  # an unknown section is skipped, not fatal: lexicons are user-editable
        mode = words[1] if len(words) > 1 and words[1] in TYPES[kind].modes else None
        return kind, mode

    # -- matching ---------------------------------------------------------------------
    def matches(self, tokens: list[Token], sections: set[str] | None = None,
                lo: int = 0, hi: int | None = None) -> list[Match]:
        """Every pattern occurrence starting within tokens[lo:hi] (of the given sections)."""
        found = []
        hi = len(tokens) if hi is None else min(hi, len(tokens))
        for i in range(max(0, lo), hi):
            for form in self._forms(tokens[i]):
                for key in {form[:1], form[:2], form[:3]}:
                    for pattern in self._index.get(key, ()):
                        if sections is not None and pattern.section not in sections:
                            continue
                        words = self._match_from(pattern, tokens, i)
                        if words is not None:
                            found.append(Match(pattern, i, words[-1], words))
        if self._not_phrases and found:
            covered = self._phrase_tokens(tokens, lo, hi)
            found = [m for m in found if m.pattern.section not in TYPES or not covered.issuperset(m.span)]
        return _unique(found)

    def _phrase_tokens(self, tokens: list[Token], lo: int, hi: int) -> set[int]:
        """The tokens of the [not phrases] found around tokens[lo:hi] (a phrase may begin before a
        trigger: "fighter jets")."""
        covered: set[int] = set()
        longest = max(len(p.parts) for p in self._not_phrases)
        for i in range(max(0, lo - longest), hi):
            for phrase in self._not_phrases:
                words = self._match_from(phrase, tokens, i)
                if words is not None:
                    covered.update(range(words[0], words[-1] + 1))
        return covered

    def _match_from(self, pattern: Pattern, tokens: list[Token], i: int) -> tuple[int, ...] | None:
        """The token of each part of the pattern when it matches from tokens[i]."""
        if not self._part(pattern, 0, tokens[i]):
            return None
        position, words = i, [i]
        gap_size = CHARACTER_GAP if self.language in CHARACTER_LANGUAGES else WORD_GAP
        if self.language in LONG_GAP_LANGUAGES:
            gap_size = SEPARABLE_GAP
        for k in range(1, len(pattern.parts)):
            window = range(position + 1, min(len(tokens), position + 2 + (gap_size if pattern.gap[k] else 0)))
            position = next((j for j in window if self._part(pattern, k, tokens[j])), None)
            if position is None:
                return None
            words.append(position)
        return tuple(words)

    def _part(self, pattern: Pattern, k: int, token: Token) -> bool:
        part = pattern.parts[k]
        forms = self._forms(token)
        if not pattern.prefix[k]:
            return part in forms
        if not any(form.startswith(part) for form in forms):
            return False
        # a word of [not] (as written or without its Arabic clitics: الطلبة, students, not طلب*) is no trigger
        return pattern.section not in TYPES or not any(self._excluded(form, len(part)) for form in forms)

    def _excluded(self, form: str, stem_length: int) -> bool:
        """A word of the [not] section, which no stem of an event type shorter than the entry catches."""
        return form in self._not_words or any(
            len(stem) > stem_length and form.startswith(stem)
            for key in {form[:1], form[:2], form[:3]} for stem in self._not_stems.get(key, ()))

    @staticmethod
    def _forms(token: Token) -> tuple[str, ...]:
        return (token.text, token.bare) if token.bare else (token.text,)


def _unique(found: list[Match]) -> list[Match]:
    seen, out = set(), []
    for m in found:
        key = (id(m.pattern), m.first)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def available_languages() -> list[str]:
    folder = resources.files("tidings.events") / "lexicon"
    return sorted(e.name[:-4] for e in folder.iterdir() if e.name.endswith(".txt"))


@lru_cache(maxsize=64)
def lexicon_for(language: str) -> Lexicon | None:
    """The bundled lexicon of a language, or None when there is none (no events are coded then)."""
    base = language.split("-")[0].split("_")[0].lower()
    entry = resources.files("tidings.events") / "lexicon" / f"{base}.txt"
    try:
        return Lexicon(base, entry.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError):
        return None
