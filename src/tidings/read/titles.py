"""Names in the headline: read as mentions of the article, marked as the title's.

A name said only in the headline ("Tokayev" above a body that says "the Kazakh president", "AQSh"
above a body that says "Amerika Qo'shma Shtatlari") would otherwise be lost to entities, search and
entity pages. The title is read as a text of its own, in the article's language, by the same
recogniser as the body; its mentions carry `part` "title", `sentence` -1 and offsets into
`Article.title`, so events, statements, story keys and the body's highlighting, which read the
body's names only, never see them (as a caption's: read/captions.py).

Title Case headlines ("Air India Crash: Survivor Walks Out Of Hospital", usual in English) capitalise
common words, so capitals prove nothing there: a name of such a headline is kept only where something
else vouches for it: the article's own text or captions name it (same text or key), it is a country,
a country's demonym or capital, or a known actor of the dictionaries, or a place of the gazetteer
that is not a common word of the language. A headline in sentence case is read as a caption is.
Whatever the kind of headline, the names the body found are looked for in it word for word, so a
body name the headline's recogniser read otherwise ("Air India Crash" as one name) is still found.
"""
from __future__ import annotations

import re

from ..known import fold as known_fold
from ..known import known_actors
from ..model import NAME, NO_SENTENCE, TITLE, Mention, Sentence
from .names import common_words, find_mentions, lookup_country, lookup_place, name_key
from .sentences import split_sentences

# a word of a cased script (Latin, Cyrillic, Greek...): what Title Case is judged on
_CASED_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# words this short are the function words Title Case styles leave in lower case ("of", "in", "and")
_SHORT = 3
TITLE_CASE_SHARE = 0.8  # of the longer words after the first: so many capitalised, and the headline is Title Case
_COLON = re.compile(r"[:：]\s+")  # "Operation Sindoor: India strikes...", not "10:30"
MAX_TITLE_CHARS = 300  # a "title" longer than this is a lead paragraph the parser took for one
GENITIVE_S = frozenset({"de", "nl", "sv", "da", "no"})  # languages that glue a genitive -s to names


def is_title_case(title: str) -> bool:
    """Whether a headline capitalises its words as a style ("Survivor Walks Out Of Hospital") rather
    than as its language does: of its cased words after the first, longer than a function word, at
    least two, and nearly all capitalised. German sentence case ("Merz trifft Macron in Paris") has
    its verbs and adjectives in lower case; an uncased script (Arabic, Chinese) is never Title Case.
    A German headline of nouns ("Schlaganfall und Herzversagen: Vatikan nennt Todesursache") passes
    for Title Case, and should: read alone, without the body's lower-case evidence, the German
    common-noun rules take its nouns for names ('Herzversagen', 'Dreister Juwelenraub')."""
    words = [w for w in _CASED_WORD.findall(title)[1:] if len(w) > _SHORT and w[:1].lower() != w[:1].upper()]
    if len(words) < 2:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised >= TITLE_CASE_SHARE * len(words)


def headline_parts(title: str, language: str) -> list[Sentence]:
    """The headline's sentences, each cut again after a colon: "Louvre robbery: What was stolen?" opens
    a new clause with "What", where the recogniser drops a capitalised function word as at a sentence's
    start; read as one sentence, "What" would be a name."""
    parts: list[Sentence] = []
    for sentence in split_sentences(title, language):
        start = sentence.start
        for colon in _COLON.finditer(sentence.text):
            end = sentence.start + colon.end()
            parts.append(Sentence(start, end, title[start:end]))
            start = end
        if start < sentence.end:
            parts.append(Sentence(start, sentence.end, title[start:sentence.end]))
    return parts


def title_mentions(title: str, language: str, found: list[Mention]) -> list[Mention]:
    """The headline's names, given the names the article's body and captions gave (`found`)."""
    title = title or ""
    if not title.strip() or len(title) > MAX_TITLE_CHARS:
        return []
    read = find_mentions(title, headline_parts(title, language), language)
    if is_title_case(title):
        read = _title_case_names(title, read, language, _vouchers(found))
    read = _with_body_names(title, read, found)
    for mention in read:
        mention.sentence, mention.part, mention.caption = NO_SENTENCE, TITLE, None
    return read


def _vouchers(found: list[Mention]) -> set[str]:
    """What the body's and captions' names are known by: their folded texts, their last two words
    or more ("Scharm el-Scheich" of "Badeort Scharm el-Scheich"), a person's surname ("Modi" of
    "Narendra Modi"), and country keys. Not a place's or a body's last word alone ("States" of "United
    States"), nor the other keys: a consonant skeleton ('N:md') is shared by too many words ("Made")."""
    known = {m.key for m in found if m.key.startswith("C:")}
    for mention in found:
        words = known_fold(mention.text).split()
        last = 1 if mention.type == "PER" else 2
        known.add(" ".join(words))
        known.update(" ".join(words[first:]) for first in range(1, len(words) - last + 1))
    return known


def _title_case_names(title: str, read: list[Mention], language: str, known: set[str]) -> list[Mention]:
    """The names of a Title Case headline: the recogniser's that something vouches for, and in the
    others the longest word sequences that something does ("Modi" in "Modi Visits Lone Survivor")."""
    kept: list[Mention] = []
    for mention in read:
        if _vouched(mention.text, mention, known, language):
            kept.append(mention)
        else:
            kept.extend(_vouched_parts(title, mention, language, known))
    return kept


def _vouched(text: str, mention: Mention | None, known: set[str], language: str) -> bool:
    """Whether a name of a Title Case headline is a name for a reason other than its capital."""
    folded = known_fold(text)
    if folded in known or (mention is not None and mention.key in known):
        return True
    if folded in known_actors():
        return True  # a person or group of the dictionaries
    if language in GENITIVE_S and folded.endswith("s") and (folded[:-1] in known or folded[:-1] in known_actors()):
        return True  # a known name with the genitive's -s: "Trumps Zollhammer" (Trump's tariff hammer)
    if lookup_country(text) is not None:
        return True  # a country, its demonym or capital
    # a place of the gazetteer, unless a common word of the language ("Reading", "Nice", "Mobile")
    if " " not in text.strip() and folded in common_words(language):
        return False
    return lookup_place(text, language) is not None


def _vouched_parts(title: str, mention: Mention, language: str, known: set[str]) -> list[Mention]:
    """The longest vouched word sequences inside an unvouched name of a Title Case headline, each
    read again alone (its type, key and country; a name of unknown kind if the recogniser does not
    read it alone), with offsets into the headline."""
    words = [(m.start() + mention.start, m.end() + mention.start)
             for m in _CASED_WORD.finditer(title[mention.start:mention.end])]
    parts: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for size in range(len(words) - 1, 0, -1):
        for first in range(len(words) - size + 1):
            start, end = words[first][0], words[first + size - 1][1]
            if any(s < end and start < e for s, e in taken) or not _vouched(title[start:end], None, known, language):
                continue
            part = _read_alone(title[start:end], language) or _unknown_kind(title[start:end])
            part.start, part.end = start, end
            parts.append(part)
            taken.append((start, end))
    return parts


def _read_alone(phrase: str, language: str) -> Mention | None:
    """The phrase read as a text of its own: one name covering it, or None."""
    read = find_mentions(phrase, [], language)
    return read[0] if len(read) == 1 and read[0].start == 0 and read[0].end == len(phrase) else None


def _unknown_kind(phrase: str) -> Mention:
    """A vouched phrase the recogniser does not read alone ("Trumps"): a name of unknown kind, which
    its entity types (as the body's lone capitalised words are)."""
    return Mention(0, len(phrase), phrase, NAME, NO_SENTENCE, key=f"N:{name_key(phrase)}")


def _with_body_names(title: str, read: list[Mention], found: list[Mention]) -> list[Mention]:
    """`read` plus the body's names that stand in the headline word for word where no name of `read`
    is (longest first): the body's reading is better evidence than a short headline's."""
    taken = [(m.start, m.end) for m in read]
    added: list[Mention] = []
    for name in sorted({m.text: m for m in found if len(m.text) >= 2}.values(), key=lambda m: -len(m.text)):
        for match in re.finditer(r"(?<![\w])" + re.escape(name.text) + r"(?![\w])", title):
            span = (match.start(), match.end())
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            taken.append(span)
            added.append(Mention(span[0], span[1], name.text, name.type, NO_SENTENCE,
                                 key=name.key or f"N:{name_key(name.text)}", country=name.country, role=name.role))
    return sorted(read + added, key=lambda m: m.start)
