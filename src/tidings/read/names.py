"""Names of places, people and organisations, found without a per-language statistical model.

In the style of Europe Media Monitor: a gazetteer of country names in every CLDR locale (so that
'Kasachstan', 'Казахстана', 'Қазақстанда', '哈萨克斯坦' and 'كازاخستان' all give KZ), and
capitalised name-shaped token sequences in cased scripts. Every mention carries a script
independent key (a country code, or a folded consonant skeleton of the name) that later stages
use to match names across languages.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from ..model import Mention, Sentence

GAZETTEER_LOCALES = ["en", "de", "fr", "es", "it", "pt", "pl", "nl", "ru", "uk", "tr", "kk", "uz", "uz_Cyrl",
                     "ar", "zh", "zh_Hant", "ja", "ko", "vi", "fa", "he", "hi", "id", "ro", "cs", "sv", "el",
                     "be", "ky", "az", "ka", "hy", "tg", "bg", "sr", "hr", "hu", "fi", "da", "no", "th", "ms"]
EXTRA_PLACES = {  # common press forms CLDR does not list
    "usa": "US", "u.s.": "US", "america": "US", "amerika": "US", "америка": "US", "сша": "US", "美国": "US",
    "uk": "GB", "britain": "GB", "großbritannien": "GB", "britannien": "GB", "англия": "GB",
    "russland": "RU", "россия": "RU", "росія": "RU", "rusya": "RU", "nga": "RU",
    "mỹ": "US", "hoa kỳ": "US", "trung quốc": "CN", "nhật bản": "JP", "hàn quốc": "KR", "ấn độ": "IN",
    "gaza": "PS", "газа": "PS", "غزة": "PS", "加沙": "PS",
}
_CJK_OR_UNCASED = re.compile(r"[\u0600-\u06ff\u0590-\u05ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
_CONNECTORS = {"de", "da", "del", "van", "von", "der", "al", "el", "bin", "ibn", "la", "le", "di", "du", "dos"}
ORG_WORDS = {"bank", "ministry", "party", "union", "council", "committee", "agency", "organization",
             "organisation", "nations", "court", "parliament", "commission", "company", "group", "corp",
             "ministerium", "partei", "rat", "bundestag", "kommission", "ministère", "parti", "conseil",
             "ministerio", "partido", "consejo", "министерство", "партия", "совет", "комитет", "банк",
             "міністерство", "партія", "рада", "bakanlığı", "partisi", "bộ", "đảng", "ủy ban", "nato", "eu",
             "un", "uno", "onu", "оон", "who", "imf", "ngân hàng"}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("’", "'")


@lru_cache(maxsize=1)
def country_gazetteer() -> tuple[dict[str, str], dict[str, str]]:
    """(cased-script names -> ISO alpha-2, uncased-script names -> ISO alpha-2)."""
    from babel import Locale

    cased: dict[str, str] = {}
    uncased: dict[str, str] = {}
    for locale in GAZETTEER_LOCALES:
        try:
            territories = Locale.parse(locale).territories
        except Exception:  # noqa: BLE001 - a locale missing from this babel is skipped
            continue
        for code, name in territories.items():
            if len(code) != 2 or not code.isalpha() or code in ("EU", "EZ", "UN", "ZZ", "QO"):
                continue
            for variant in {name, name.split(" (")[0]}:
                key = _fold(variant)
                target = uncased if _CJK_OR_UNCASED.search(variant) else cased
                target.setdefault(key, code)
    for name, code in EXTRA_PLACES.items():
        (uncased if _CJK_OR_UNCASED.search(name) else cased).setdefault(name, code)
    return cased, uncased


@lru_cache(maxsize=1)
def _prefix_index() -> dict[str, list[tuple[str, str]]]:
    """Cased names by their first five letters, for inflected forms (Kasachstans, Казахстана)."""
    cased, _ = country_gazetteer()
    index: dict[str, list[tuple[str, str]]] = {}
    for name, code in cased.items():
        if len(name) >= 5 and " " not in name:
            index.setdefault(name[:5], []).append((name, code))
    return index


def lookup_country(phrase: str) -> str | None:
    cased, uncased = country_gazetteer()
    key = _fold(phrase)
    code = cased.get(key) or uncased.get(key)
    if code or " " in key or len(key) < 6:
        return code
    # an inflected single word: the longest known name it starts with, at most 4 letters of ending
    for name, candidate in sorted(_prefix_index().get(key[:5], []), key=lambda p: -len(p[0])):
        if key.startswith(name) and len(key) - len(name) <= 4:
            return candidate
    return None


def name_key(name: str) -> str:
    """A spelling-independent key for a name: its last part, transliterated and folded to a
    consonant skeleton (Tokayev, Tokajew, Токаев, Тоқаев -> 'tkv')."""
    last = re.split(r"[\s\-]+", name.strip())[-1]
    latin = anyascii(last).lower()
    latin = (latin.replace("ph", "f").replace("ts", "z").replace("tz", "z").replace("kh", "h")
             .replace("w", "v").replace("q", "k").replace("c", "k").replace("x", "ks"))
    skeleton = re.sub(r"[^a-z]|[aeiouyhj]", "", latin)
    skeleton = re.sub(r"(.)\1+", r"\1", skeleton)
    return skeleton


def find_mentions(text: str, sentences: list[Sentence], language: str) -> list[Mention]:
    mentions = _uncased_places(text, sentences)
    taken = [(m.start, m.end) for m in mentions]
    for sentence_index, sentence in enumerate(sentences):
        mentions.extend(_cased_names(text, sentence, sentence_index, taken))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _uncased_places(text: str, sentences: list[Sentence]) -> list[Mention]:
    if not _CJK_OR_UNCASED.search(text):
        return []
    _, uncased = country_gazetteer()
    found: list[Mention] = []
    for name, code in sorted(uncased.items(), key=lambda p: -len(p[0])):
        if len(name) < 2:
            continue
        for match in re.finditer(re.escape(name), text):
            start, end = match.span()
            if _ARABIC.match(name) and not _arabic_word_ends(text, end):
                continue  # 'عراق' inside 'عراقجي' (Araghchi) is no country
            if any(start < e and s < end for s, e in ((m.start, m.end) for m in found)):
                continue
            found.append(Mention(start=start, end=end, text=match.group(0), type="LOC",
                                 sentence=_sentence_of(sentences, start), key=f"C:{code}", country=code))
    return found


_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


def _arabic_word_ends(text: str, end: int) -> bool:
    """Arabic has no case and glues prefixes on, so a name is matched inside words; it must still
    end the word, allowing only the adjective endings ي / ية / ة (إيراني, الإيرانية = Iranian)."""
    rest = text[end:end + 3]
    for suffix in ("ية", "ي", "ة", ""):
        if rest.startswith(suffix) and not _ARABIC_LETTER.match(rest[len(suffix):len(suffix) + 1] or " "):
            return True
    return False


def _cased_names(text: str, sentence, sentence_index: int, taken: list[tuple[int, int]]) -> list[Mention]:
    tokens = [(m.start() + sentence.start, m.end() + sentence.start, m.group(0))
              for m in _TOKEN.finditer(sentence.text)]
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        start, end, word = tokens[i]
        if not _capitalised(word) or any(start < e and s < end for s, e in taken):
            i += 1
            continue
        # the longest country name starting here (up to three words)
        matched = False
        for n in (3, 2, 1):
            if i + n > len(tokens):
                continue
            phrase = text[start:tokens[i + n - 1][1]]
            code = lookup_country(phrase)
            if code:
                mentions.append(Mention(start=start, end=tokens[i + n - 1][1], text=phrase, type="LOC",
                                        sentence=sentence_index, key=f"C:{code}", country=code))
                i += n
                matched = True
                break
        if matched:
            continue
        j = i + 1
        while j < len(tokens) and (_capitalised(tokens[j][2]) or tokens[j][2].lower() in _CONNECTORS) \
                and tokens[j][0] - tokens[j - 1][1] <= 2 and lookup_country(tokens[j][2]) is None:
            j += 1
        while j - 1 > i and tokens[j - 1][2].lower() in _CONNECTORS:
            j -= 1
        words = [t[2] for t in tokens[i:j]]
        sentence_initial = i == 0
        if len(words) >= 2 or (not sentence_initial and len(word) > 2):
            phrase = text[start:tokens[j - 1][1]]
            key = name_key(phrase)
            if len(key) >= 3:
                kind = "ORG" if any(w.lower() in ORG_WORDS for w in words) or phrase.isupper() else "PER"
                mentions.append(Mention(start=start, end=tokens[j - 1][1], text=phrase, type=kind,
                                        sentence=sentence_index, key=f"N:{key}"))
        i = j
    return mentions


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _sentence_of(sentences: list[Sentence], offset: int) -> int:
    for i, sentence in enumerate(sentences):
        if sentence.start <= offset < sentence.end:
            return i
    return max(0, len(sentences) - 1)
