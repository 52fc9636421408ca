"""Known actors: the dictionaries of people, groups and bodies whose names and countries are known in
many scripts (`events/data/*.txt`, format in `events/data/README.md`), and where a text names them.

Three stages read them, so they live outside any one stage: the reader takes their names as names
wherever they stand (`read.names`), the resolver makes one entity of each person across scripts
(`entities.resolve`), and event coding gives actors their country and sector (`events.actors`).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .textutil import HANGUL, KANA_TO_HAN


@dataclass(frozen=True)
class KnownActor:
    code: str  # ISO alpha-3 country, or IGO / IMG
    sector: str
    since: str = ""  # ISO dates (or their starts); empty = open
    until: str = "~"
    cased: int = 0  # written with a capital (1) or in capitals (2): so must the text be ("Pence", not "pence")
    name: str = ""  # the line's first name: the same actor whatever the language ("Trump", "ترامب")


def actor_lines(only: str | None = None) -> Iterator[tuple[str, str, str, str, list[str]]]:
    """(code, sector, since, until, names) of each line of events/data/*.txt (format in the README
    there), in file-name order, or of the one file `only` ("people.txt")."""
    from importlib import resources

    folder = resources.files("tidings.events") / "data"
    for path in sorted((p for p in folder.iterdir() if p.name.endswith(".txt")), key=lambda p: p.name):
        if only is not None and path.name != only:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            head, _, names = line.partition("  ")
            code, sector, *period = head.split()
            since, _, until = period[0].partition("..") if period else ("", "", "")
            yield code, sector, since, until, [n.strip() for n in names.split("|") if n.strip()]


@lru_cache(maxsize=1)
def known_actors() -> dict[str, list[KnownActor]]:
    """events/data/*.txt: names in any language (folded) -> the actors they name."""
    table: dict[str, list[KnownActor]] = {}
    for code, sector, since, until, listed in actor_lines():
        for name in listed:
            table.setdefault(fold(name), []).append(
                KnownActor(code, sector, since, until or "~", _casing(name), listed[0]))
    return table


# case endings a name may carry in languages that inflect names ("Путина", "Tuska", "Merkels",
# "Токаевтың"); the match stops before them. Arabic glues و ف ب ل to the front of a name (letters
# no other script has, so one pattern serves every language).
_ENDINGS = {"ru": "[а-яё]{0,3}", "uk": "[а-яєіїґ]{0,3}", "pl": "[a-ząćęłńóśźż]{0,3}", "cs": "[a-záéěíóúůýčďňřšťž]{0,3}",
            "de": "s?", "kk": "[а-яәғқңөұүһі]{0,4}", "uz": "[a-zʻ']{0,4}"}
_ARABIC_PREFIX = "\u0648\u0641\u0628\u0644"
_WORD = re.compile(r"\w*")


# capitalised words that may follow a name without being part of it ("President Trump Tuesday said").
# English days and months only, unlike read/names._MONTHS_DAYS, on purpose: the other languages write
# them in lower case (German, which does not, is not asked), and 'Domingo', 'Mai', 'Mars' are names too
_NOT_NAME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                   "february", "march", "april", "may", "june", "july", "august", "september", "october",
                   "november", "december", "and", "or", "of", "und", "et", "y", "e", "и", "і", "ve", "i"}
_WORD_BEFORE = re.compile(r"(\w[\w'’.-]*)[ \u00a0]$")
_WORD_AFTER = re.compile(r"[ \u00a0](\w[\w'’-]*)")


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """A one-word name between two other capitalised words is part of another person's name: "Шариф"
    (Shehbaz Sharif) in "Ахмед Шариф Чаудхри", the army's spokesman. Full names listed in the
    dictionary ("Shehbaz Sharif", "Raheel Sharif") match whole before this is asked. Not asked in German,
    which capitalises every noun ("die Europäer begrüßten Trumps Bemühungen")."""
    if any(ch.isspace() for ch in text[start:end]):
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.match(text, end)
    if not before or not after:
        return False
    words = (before.group(1), after.group(1))
    table = known_actors()
    return all(w[0].isupper() and not w.isupper() and w.lower() not in _NOT_NAME_WORDS and fold(w) not in table
               for w in words)


@lru_cache(maxsize=1)
def _known_pattern() -> re.Pattern:
    """One pattern for every language (compiling it takes a few tenths of a second)."""
    table = known_actors()
    # names in scripts written without spaces (中文, 日本語) are found inside words; the others whole
    joined = [n for n in table if _unspaced(n)]
    spaced = [n for n in table if not _unspaced(n)]
    return re.compile(f"(?<![^\\W{_ARABIC_PREFIX}])(?P<spaced>{_trie(spaced)})" + (f"|{_trie(joined)}" if joined else ""),
                      re.IGNORECASE)


@lru_cache(maxsize=32)
def _ending(language: str) -> re.Pattern:
    return re.compile(_ENDINGS.get(language, ""), re.IGNORECASE)


def _casing(name: str) -> int:
    """2: in capitals ("ANC"), 1: capitalised ("Pence"), 0: neither (lower case, or no case: 普京)."""
    return 2 if len(name) > 1 and name.isupper() else int(name[0].isupper())


def fold(name: str) -> str:
    return name.lower().replace("\u0307", "")  # "İmamoğlu" lowers to i + a combining dot


def _unspaced(name: str) -> bool:
    return any(KANA_TO_HAN[0] <= ch <= KANA_TO_HAN[-1] or HANGUL[0] <= ch <= HANGUL[-1] for ch in name)


def _trie(words: list[str]) -> str:
    """One regex for thousands of names, branching letter by letter (an alternation of them all
    would be tried name by name at every position), longest name first."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return build(root)


def known_actor_spans(text: str, when: str | None = None, language: str = "") -> list[tuple[int, int, str, str, str]]:
    """(start, end, code, sector, name) of the known actors a sentence names ("Hezbollah", "ХАМАС",
    "Ban Ki-moon"); `when` (ISO date) picks the entry whose period covers it; `name` is the same
    in every language."""
    table, day = known_actors(), (when or "")[:10]
    found = []
    for m in _known_pattern().finditer(text):
        if m.group("spaced"):
            tail = _WORD.match(text, m.end()).group()
            if tail and not _ending(language).fullmatch(tail):
                continue  # inside a longer word
            if language != "ar" and m.start() and text[m.start() - 1] in _ARABIC_PREFIX:
                continue
            if language != "de" and _inside_longer_name(text, m.start(), m.end() + len(tail)):
                continue
        entries = [e for e in table[fold(m.group())] if e.cased <= _casing(m.group())]
        if not entries:
            continue
        if day:
            entry = next((e for e in entries if e.since <= day and day[:len(e.until)] <= e.until), entries[0])
        else:  # undated: the role held now
            entry = next((e for e in entries if e.until == "~"), entries[0])
        if entry.code != "-":  # "Xi'an" is no "Xi"
            found.append((m.start(), m.end(), entry.code, entry.sector, entry.name))
    return found
