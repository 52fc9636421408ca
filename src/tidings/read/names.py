"""Names of places, people and organisations: rules for every language, and a per-language NER
model where one is installed.

In the style of Europe Media Monitor:
* gazetteers: country names in every CLDR locale ('Kasachstan', 'Казахстана', 'Қазақстанда',
  '哈萨克斯坦', 'كازاخستان' -> KZ), cities from GeoNames with alternate names (data/places.json.gz,
  built by bench/build_places.py), demonyms and capital-as-government metonyms ('Washington',
  'the Kremlin', 'Пекин' -> the country, role 'capital'; 'German', 'российский' -> role 'demonym');
* trigger words: roles and titles (president, Präsident, Tổng thống, президент, 总统, رئيس ...) mark
  the following name as a person and are kept in Mention.role;
* capitalised name-shaped token sequences in cased scripts, typed by ORG / LOC words, with
  sentence-initial function words dropped, and German common nouns (capitalised too) filtered by
  articles before them, noun endings and lower-case evidence in the article;
* for uncased scripts (zh, ja, ar) gazetteers plus names next to triggers (katakana runs in ja);
  Arabic bodies and places as a head noun with the definite words after it ('وزارة الصحة',
  'نهر السين'), and Vietnamese bodies as a head word with capitalised words ('Tòa án Hiến pháp');
* a lone capitalised word with no evidence of its kind is a name of unknown kind (type NAME), typed
  later by the article's longer names, the dictionaries or the entity it resolves to;
* frequent common words (data/common_words.json.gz) are not names where capitalisation proves
  nothing, continents and first-level regions are places, and prepositions of place and
  geographical nouns (`PLACE_CONTEXT`) type unknown names as places.

Known names of the event actors' dictionaries (people and groups, in many scripts) are names
wherever they stand (`_dictionary_names`).

Where a language has an optional NER model installed (`recognise.MODELS`: ru, fr, en, zh, es), the model's
spans and types are used and the rules add keys, roles and what it missed (`_with_model`).
Every language's rule choices are in one table, `LANGUAGES`. Every mention carries a script-independent
key: `C:<ISO alpha-2>` for countries (and their demonyms and capitals), `N:<name_key>` otherwise.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace as _replace
from functools import lru_cache

from anyascii import anyascii

from ..known import actor_lines, known_actor_spans, known_actors
from ..known import fold as known_fold
from ..model import NAME, Mention, Sentence
from ..textutil import (ARABIC, ARABIC_ABJAD, CYRILLIC, HAN, HAN_EXT_A, HANGUL, HEBREW, KANA, KATAKANA, LATIN, OF_WORDS,
                        THAI, bundled_json, is_cldr_country)

GAZETTEER_LOCALES = ["en", "de", "fr", "es", "it", "pt", "pl", "nl", "ru", "uk", "tr", "kk", "uz", "uz_Cyrl",
                     "ar", "zh", "zh_Hant", "ja", "ko", "vi", "fa", "he", "hi", "id", "ro", "cs", "sv", "el",
                     "be", "ky", "az", "ka", "hy", "tg", "bg", "sr", "hr", "hu", "fi", "da", "no", "th", "ms"]
EXTRA_PLACES = {  # common press forms CLDR does not list
    "usa": "US", "u.s.": "US", "america": "US", "amerika": "US", "америка": "US", "сша": "US", "美国": "US",
    "uk": "GB", "britain": "GB", "großbritannien": "GB", "britannien": "GB", "англия": "GB",
    "russland": "RU", "россия": "RU", "росія": "RU", "rusya": "RU", "nga": "RU",
    "mỹ": "US", "hoa kỳ": "US", "trung quốc": "CN", "nhật bản": "JP", "hàn quốc": "KR", "ấn độ": "IN",
    "us": "US", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB", "holland": "NL",
    # Russian names older than CLDR's that the Russian press still writes ('в Туркмении', 'Киргизия')
    "туркмения": "TM", "киргизия": "KG", "белоруссия": "BY", "молдавия": "MD",
    "кнр": "CN", "рф": "RU", "фрг": "DE", "кндр": "KP", "оаэ": "AE", "юар": "ZA",
    "gaza": "PS", "газа": "PS", "غزة": "PS", "加沙": "PS",
    "abd": "US", "aqsh": "US",  # Turkish and Uzbek for USA
    # Kazakh and Uzbek press abbreviations: USA, the People's Republic of China (ҚХР, ХХР / XXR), the UAE
    "ақш": "US", "қхр": "CN", "ххр": "CN", "xxr": "CN", "баә": "AE", "баа": "AE", "baa": "AE",
    "vatican": "VA", "vaticano": "VA",  # CLDR: 'Vatican City', 'Ciudad del Vaticano'; 'Vatikan', 'Ватикан' are listed
    # Arabic press forms (CLDR: 'المملكة العربية السعودية', 'الإمارات العربية المتحدة', 'الأراضي الفلسطينية')
    "السعودية": "SA", "الإمارات": "AE", "أمريكا": "US", "بريطانيا": "GB", "فلسطين": "PS",
}
# Arabic letters without the script's punctuation (، ؛ ؟ ٪ ۔): "الأحمر،" is a word and a comma
_ARABIC_LETTERS = r"\u0600-\u060b\u060e-\u061a\u061c-\u061e\u0620-\u0669\u066e-\u06d3\u06d5-\u06ff"
# a letter of a script without case (a text without one has no name _uncased_names reads); not Extension A,
# which _UNCASED_RUN reads letters of, as it was
_CJK_OR_UNCASED = re.compile("[" + ARABIC + HEBREW + KANA + HAN + HANGUL + THAI + "]")
_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
_CONNECTORS = {"of", "for", "de", "da", "del", "van", "von", "der", "al", "el", "bin", "ibn", "la", "le", "di", "du", "dos"}
ORG_WORDS = {"bank", "ministry", "party", "union", "council", "committee", "agency", "organization",
             "organisation", "nations", "court", "parliament", "commission", "company", "group", "corp",
             "ministerium", "partei", "rat", "bundestag", "kommission", "ministère", "parti", "conseil",
             "ministerio", "partido", "consejo", "министерство", "партия", "совет", "комитет", "банк",
             "міністерство", "партія", "рада", "bakanlığı", "partisi", "bộ", "đảng", "ủy ban", "nato", "eu",
             "un", "uno", "onu", "оон", "who", "imf", "ngân hàng"}


def _fold(text: str) -> str:
    # casefold turns the Turkish dotted capital İ into i + a combining dot: 'İstanbul' must be 'istanbul'
    return unicodedata.normalize("NFKC", text).casefold().replace("’", "'").replace("i\u0307", "i")


def _cldr_territories():
    """(territory code, name) of CLDR's territories in every gazetteer locale, in locale order:
    countries (two letters) and world regions (three digits)."""
    from babel import Locale

    for locale in GAZETTEER_LOCALES:
        try:
            territories = Locale.parse(locale).territories
        except Exception:  # noqa: BLE001 - a locale missing from this babel is skipped
            continue
        yield from territories.items()


# short forms some locale gives a territory that are common words or names elsewhere: the Isle of Man
# as "Man" split "Tran Thanh Man" (Vietnam's parliament speaker) into a person and a country
_NOT_COUNTRIES = {"Man"}


@lru_cache(maxsize=1)
def country_gazetteer() -> tuple[dict[str, str], dict[str, str]]:
    """(cased-script names -> ISO alpha-2, uncased-script names -> ISO alpha-2)."""
    cased: dict[str, str] = {}
    uncased: dict[str, str] = {}
    territories = list(_cldr_territories())
    for code, name in territories:
        if not is_cldr_country(code) or name in _NOT_COUNTRIES:
            continue
        for variant in {name, name.split(" (")[0]}:
            key = _fold(variant)
            target = uncased if _CJK_OR_UNCASED.search(variant) else cased
            target.setdefault(key, code)
    # a locale's other name of a country in brackets: 'Myanmar (Birmanie)', 'Мьянма (Бирма)', the
    # exonym the press of that language uses; not a country the bracket only places the territory in
    # ('RAE de Hong Kong (China)', 'Виргинские о-ва (Великобритания)'), an acronym ('Гонконг (САР)') or
    # a description ('Saint-Martin (partie néerlandaise)')
    for code, name in territories:
        inner = re.fullmatch(r"[^(]+\(([^()]+)\)", name.strip())
        if not is_cldr_country(code) or not inner:
            continue
        variant = inner.group(1).strip()
        words = variant.split()
        if _CJK_OR_UNCASED.search(variant) or not all(w[:1].isupper() and not w.isupper() for w in words):
            continue
        key = _fold(variant)
        if key in cased or any(key in _fold(other) for other_code, other in territories if other_code != code):
            continue
        cased[key] = code
    for name, code in EXTRA_PLACES.items():
        (uncased if _CJK_OR_UNCASED.search(name) else cased).setdefault(name, code)
    return cased, uncased


@lru_cache(maxsize=1)
def _prefix_index() -> dict[str, list[tuple[str, str]]]:
    """Cased names by their first five letters, for inflected forms (Kasachstans, Казахстана, and the
    last word of a longer name: Janubiy Koreyaga)."""
    cased, _ = country_gazetteer()
    index: dict[str, list[tuple[str, str]]] = {}
    for name, code in cased.items():
        if len(name) >= 5:
            index.setdefault(name[:5], []).append((name, code))
    return index


# Uzbek Latin writes oʻ / gʻ with U+02BB (CLDR's 'Oʻzbekiston') and as often with ' ‘ ’ or `
# (read/language.py has its own, wider set: it only tells Uzbek apart, it spells nothing)
_UZ_APOSTROPHES = str.maketrans({"'": "\u02bb", "‘": "\u02bb", "’": "\u02bb", "`": "\u02bb"})
_UZ_APOSTROPHE_LETTER = re.compile(r"[ogOG]['‘’`]\w")


def _uzbek_spelling(phrase: str) -> str | None:
    """The phrase with oʻ / gʻ spelled as the gazetteers do (U+02BB), where it writes them with another
    apostrophe ("O'zbekiston", "Farg’ona"); None where it has none."""
    return phrase.translate(_UZ_APOSTROPHES) if _UZ_APOSTROPHE_LETTER.search(phrase) else None


def lookup_country(phrase: str) -> str | None:
    cased, uncased = country_gazetteer()
    key = _fold(phrase)
    if (uzbek := _uzbek_spelling(phrase)) and (code := lookup_country(uzbek)):
        return code  # "O'zbekiston", "Qozog’istonda"
    code = cased.get(key) or uncased.get(key)
    if code or len(key) < 5:
        return code
    # an inflected word (the last of a name of several: 'Janubiy Koreyaga'): the longest known name
    # it starts with, at most 4 letters of ending
    for name, candidate in sorted(_prefix_index().get(key[:5], []), key=lambda p: -len(p[0])):
        if key.startswith(name) and len(key) - len(name) <= 4 and len(key) >= 6 and " " not in key[len(name):]:
            return candidate
    if " " in key:
        return _declined_first_word(key)
    return _declined_country(key) or _suffixed_short_country(phrase.strip(), key)


# a Russian or Ukrainian country name of several words opening with a feminine noun declines it:
# 'в Республике Корея', 'с Республикой Корея', 'Республики Корея' (the rest is not declined)
_FIRST_WORD_CASES = ("ой", "ою", "е", "і", "и", "ы", "у", "ю")


def _declined_first_word(key: str) -> str | None:
    first, rest = key.split(" ", 1)
    if len(first) < 5 or not _CYRILLIC.match(first):
        return None
    cased_names = country_gazetteer()[0]
    for ending in _FIRST_WORD_CASES:
        if first.endswith(ending):
            stem = first[: -len(ending)]
            for restored in (stem + "а", stem + "я"):
                code = cased_names.get(f"{restored} {rest}")
                if code:
                    return code
    return None


# Uzbek and Kazakh case suffixes after a name too short for the prefix index ('Eronga', 'Ираннан');
# after an acronym (AQSh, BAA, АҚШ) also the short ones ('AQShni'), which after a word would make
# names of countries out of given names (Malika, Chadda)
_TURKIC_SUFFIXES = ("ning", "dan", "ga", "qa", "ға", "ге", "қа", "ке", "дан", "ден", "нан", "нен", "ның", "нің",
                    "мен", "dagi", "даги", "дағы", "дегі", "тағы", "тегі")  # -dagi: 'Perudagi' (in Peru)
_ACRONYM_SUFFIXES = _TURKIC_SUFFIXES + ("ni", "da", "ka", "ны", "ні", "та", "те", "да", "де")


def _suffixed_short_country(phrase: str, key: str) -> str | None:
    cased, uncased = country_gazetteer()
    acronym = sum(ch.isupper() for ch in phrase[:4]) >= 2
    for suffix in _ACRONYM_SUFFIXES if acronym else _TURKIC_SUFFIXES:
        stem = key[: -len(suffix)]
        if key.endswith(suffix) and (3 if acronym else 4) <= len(stem) <= 4 and (cased.get(stem) or uncased.get(stem)):
            return cased.get(stem) or uncased.get(stem)
    return None


# Case endings of country names whose stem changes or is short: Франции, Японии, Индии (-ия), Китаем,
# Китае (-й), Ирана (a four-letter name), Україні (-а). Polish Polsce is not covered.
_CASE_ENDINGS = ("ии", "ию", "ией", "ой", "ей", "ем", "ом", "ої", "ою", "ы", "и", "і", "е", "у", "ю", "а", "я",
                 "ą", "ę", "y", "i")


def _declined_country(key: str) -> str | None:
    """The country a declined single word names: its ending off, the nominative ending restored."""
    cased_names = country_gazetteer()[0]
    for ending in _CASE_ENDINGS:
        if not key.endswith(ending) or len(key) - len(ending) < 3:
            continue
        stem = key[: -len(ending)]
        # a bare stem only in Cyrillic (Ирана -> Иран): Latin 'Omani', 'Irani' are adjectives and surnames
        bare = (stem,) if len(stem) >= 4 and _CYRILLIC.match(stem) else ()
        for restored in (stem + "ия", stem + "а", stem + "я", stem + "ь", stem + "й", *bare, stem + "a", stem + "ia"):
            if restored in cased_names:
                return cased_names[restored]
    return None


_INNER_WAW = re.compile("\u0648(?=[" + ARABIC_ABJAD + "])")


def name_key(name: str) -> str:
    """A spelling-independent key for a name: its last part, transliterated and folded to a
    consonant skeleton (Tokayev, Tokajew, Токаев, Тоқаев -> 'tkv'). Chinese and Japanese write a
    foreign name's parts with a middle dot between them (唐纳德·特朗普, ドナルド・トランプ)."""
    last = re.split(r"[\s\-·・]+", name.strip())[-1]
    # inside an Arabic-script word, waw is mostly the long vowel u / o (دونالد Donald, محمود Mahmoud),
    # which the skeleton drops as it drops vowels; anyascii writes it 'w' (a consonant: 'dvnld')
    last = last[:1] + _INNER_WAW.sub("", last[1:])
    latin = anyascii(last).lower()
    latin = (latin.replace("ph", "f").replace("ts", "z").replace("tz", "z").replace("kh", "h")
             .replace("w", "v").replace("q", "k").replace("c", "k").replace("x", "ks"))
    skeleton = re.sub(r"[^a-z]|[aeiouyhj]", "", latin)
    skeleton = re.sub(r"(.)\1+", r"\1", skeleton)
    return skeleton


# --- every language's choices in one place -------------------------------------------------------
# triggers: role words (lower case, multi-word allowed) marking the following name as a person;
# stop: capitalised function words that start sentences, never names on their own;
# articles: words after which a capitalised German word is a common noun; suffixes: noun endings;
# org / loc: words that type a name sequence; post: roles that FOLLOW the name (ja, zh 'Mr').
# lone_given_names: a given name alone is a person (see _cased_names).
_COMMON_STOP = {"i", "a", "o", "e", "y"}
LANGUAGES: dict[str, dict[str, set[str] | tuple[str, ...]]] = {
    "en": {"triggers": {"president", "prime minister", "chief minister", "minister", "foreign minister", "chancellor", "king",
                        "queen", "prince", "spokesperson", "spokesman", "spokeswoman", "secretary", "senator",
                        "governor", "mayor", "general", "ambassador", "chairman", "ceo", "pope", "sheikh",
                        "mr", "mrs", "ms", "dr", "leader", "envoy", "premier", "judge", "coach", "director",
                        "secretary of state", "secretary-general", "secretary general", "vice president",
                        "attorney general", "defense secretary", "defence secretary", "foreign secretary",
                        "sir", "dame", "lord", "congressman", "congresswoman", "congressmen", "treasurer",
                        "commissioner", "emperor", "empress", "archbishop", "bishop", "rabbi", "imam", "sen", "rep"},
           "stop": {"the", "a", "an", "in", "on", "at", "for", "with", "after", "before", "when", "while", "since",
                    "this", "that", "these", "those", "it", "he", "she", "they", "we", "his", "her", "their",
                    "but", "and", "or", "as", "if", "by", "from", "of", "to", "there", "during", "however",
                    "although", "following", "according", "under", "between", "its", "our", "one", "two", "some",
                    "many", "most", "all", "each", "both", "several", "other", "also", "later", "then", "today",
                    "yesterday", "last", "next", "first", "former", "late", "early"},
           "articles": set(), "suffixes": (), "lone_given_names": True},
    "de": {"triggers": {"präsident", "präsidentin", "bundespräsident", "ministerpräsident", "kanzler", "kanzlerin",
                        "bundeskanzler", "bundeskanzlerin", "minister", "ministerin", "außenminister",
                        "außenministerin", "regierungschef", "sprecher", "sprecherin", "könig", "königin",
                        "botschafter", "bürgermeister", "generalsekretär", "chef", "chefin", "herr", "frau",
                        "papst", "trainer", "premierminister", "staatschef", "vorsitzende", "vorsitzender"},
           "stop": {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
                    "im", "am", "an", "auf", "aus", "bei", "beim", "in", "mit", "nach", "seit", "von", "vom",
                    "vor", "zu", "zum", "zur", "für", "über", "unter", "durch", "gegen", "er", "sie", "es", "wir",
                    "ich", "man", "dies", "diese", "dieser", "dieses", "auch", "aber", "und", "oder", "als",
                    "wenn", "wie", "nachdem", "während", "so", "da", "dort", "hier", "heute", "nun", "doch",
                    "sein", "seine", "ihr", "ihre", "zwei", "drei", "neben", "bis", "um", "ab", "trotz",
                    "laut", "weil", "dass", "damit", "denn", "noch", "schon", "bereits", "zudem"},
           "articles": {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
                        "im", "am", "zum", "zur", "vom", "beim", "ins", "seine", "seiner", "seinem", "seinen",
                        "ihre", "ihrer", "ihrem", "ihren", "dieser", "diese", "dieses", "diesem", "jeder", "jede",
                        "keine", "keinen", "mehrere", "viele", "alle", "beide", "beiden", "zwei", "drei"},
           "suffixes": ("ung", "ungen", "heit", "keit", "schaft", "schaften", "tion", "tionen", "tät", "ismus",
                        "nisse", "tum", "chen", "ments", "isten", "iker", "ungs", "ierung", "schaftler",
                        # kin, compounded ('Ziehtochter', 'Stiefvater', 'Schwiegermutter'), as no surname ends
                        "tochter", "töchter", "mutter", "vater", "schwester", "bruder"),
           # roles are compounds: 'US-Präsident', 'CDU-Chef', 'Verteidigungsminister' (see _role_compound)
           "role_compounds": True},
    "fr": {"triggers": {"président", "présidente", "premier ministre", "ministre", "chancelier", "chancelière",
                        "roi", "reine", "porte-parole", "secrétaire", "ambassadeur", "maire", "général", "m",
                        "mme", "pape", "dirigeant", "chef"},
           "stop": {"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "en", "dans", "à", "au", "aux",
                    "pour", "par", "sur", "avec", "après", "avant", "depuis", "il", "elle", "ils", "elles", "on",
                    "ce", "cette", "ces", "son", "sa", "ses", "mais", "et", "ou", "si", "selon", "lors", "quand"},
           "articles": set(), "suffixes": ()},
    "es": {"triggers": {"presidente", "presidenta", "primer ministro", "ministro", "ministra", "canciller", "rey",
                        "reina", "portavoz", "secretario", "embajador", "alcalde", "general", "papa", "señor",
                        "jefe", "líder", "mandatario"},
           "stop": {"el", "la", "los", "las", "un", "una", "en", "de", "del", "con", "por", "para", "tras", "desde",
                    "durante", "según", "él", "ella", "este", "esta", "estos", "su", "sus", "pero", "y", "o", "si",
                    "cuando", "al", "entre", "sin", "sobre"},
           "articles": set(), "suffixes": ()},
    "it": {"triggers": {"presidente", "premier", "primo ministro", "ministro", "ministra", "cancelliere", "re",
                        "regina", "portavoce", "segretario", "ambasciatore", "sindaco", "generale", "papa",
                        "leader", "capo"},
           "stop": {"il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "in", "di", "del", "della", "con",
                    "per", "da", "dal", "dopo", "prima", "durante", "secondo", "lui", "lei", "questo", "questa",
                    "suo", "sua", "ma", "e", "o", "se", "quando", "nel", "nella", "al", "alla", "tra", "fra"},
           "articles": set(), "suffixes": (), "lone_given_names": True},
    "pt": {"triggers": {"presidente", "primeiro-ministro", "ministro", "ministra", "chanceler", "rei", "rainha",
                        "porta-voz", "secretário", "embaixador", "prefeito", "general", "papa", "líder"},
           "stop": {"o", "a", "os", "as", "um", "uma", "em", "no", "na", "de", "do", "da", "com", "por", "para",
                    "após", "desde", "durante", "segundo", "ele", "ela", "este", "esta", "seu", "sua", "mas", "e",
                    "ou", "se", "quando", "ao", "entre", "sem", "sobre", "nos", "nas", "dos", "das"},
           "articles": set(), "suffixes": (), "lone_given_names": True},
    "nl": {"triggers": {"president", "premier", "minister", "koning", "koningin", "woordvoerder", "burgemeester",
                        "ambassadeur", "generaal", "paus", "bondskanselier"},
           "stop": {"de", "het", "een", "in", "op", "aan", "met", "voor", "na", "van", "bij", "door", "over", "hij",
                    "zij", "ze", "dit", "deze", "die", "dat", "zijn", "haar", "maar", "en", "of", "als",
                    "toen", "tijdens", "volgens", "er", "uit", "tot", "om", "onder", "tussen", "ook"},
           "articles": set(), "suffixes": ()},
    "pl": {"triggers": {"prezydent", "premier", "minister", "kanclerz", "król", "królowa", "rzecznik", "sekretarz",
                        "ambasador", "burmistrz", "generał", "papież", "szef", "przewodniczący", "pan", "pani"},
           "stop": {"w", "we", "na", "z", "ze", "do", "od", "po", "przez", "dla", "przy", "o", "i", "a", "ale",
                    "lub", "to", "ten", "ta", "te", "jego", "jej", "on", "ona", "oni", "jak", "gdy", "kiedy",
                    "pod", "nad", "za", "podczas", "według", "jest", "był", "była", "został", "została"},
           "articles": set(), "suffixes": ()},
    "ru": {"triggers": {"президент", "премьер-министр", "премьер", "министр", "глава", "канцлер", "король",
                        "королева", "пресс-секретарь", "представитель", "посол", "мэр", "губернатор", "генерал",
                        "папа", "лидер", "председатель", "спикер", "госсекретарь", "генсек", "президента",
                        "министра", "главы", "премьера", "президентом", "министром", "господин"},
           "stop": {"в", "во", "на", "с", "со", "к", "ко", "по", "из", "от", "до", "за", "для", "при", "о", "об",
                    "и", "а", "но", "или", "это", "этот", "эта", "он", "она", "они", "мы", "его", "её", "их",
                    "как", "когда", "после", "также", "так", "там", "этом", "однако", "то",
                    "у", "же", "ещё", "еще", "уже", "все", "всё", "среди", "через", "между", "под", "над"},
           "articles": set(), "suffixes": (), "lone_given_names": True},
    "uk": {"triggers": {"президент", "прем'єр-міністр", "прем’єр-міністр", "міністр", "голова", "канцлер",
                        "король", "речник", "посол", "мер", "генерал", "лідер", "спікер", "президента", "міністра"},
           "stop": {"в", "у", "на", "з", "із", "зі", "до", "від", "по", "за", "для", "при", "про", "і", "й", "та",
                    "а", "але", "чи", "це", "цей", "ця", "він", "вона", "вони", "ми", "його", "її", "їх", "як",
                    "коли", "після", "також", "там", "однак", "між", "під", "над"},
           "articles": set(), "suffixes": ()},
    "tr": {"triggers": {"cumhurbaşkanı", "başbakan", "bakan", "bakanı", "dışişleri bakanı", "başkan", "başkanı",
                        "sözcü", "sözcüsü", "kral", "büyükelçi", "genel sekreter", "lider", "lideri",
                        # military ranks: general of the army, corps, division, brigade
                        "orgeneral", "korgeneral", "tümgeneral", "tuğgeneral", "general", "albay", "amiral",
                        "genelkurmay başkanı", "komutanı", "sözcüsü tuğgeneral"},
           "stop": {"bu", "bir", "ve", "ile", "için", "da", "de", "ama", "ancak", "o", "şu", "her", "daha", "en",
                    "sonra", "önce", "göre", "gibi", "kadar"},
           "articles": set(), "suffixes": ()},
    "vi": {"triggers": {"tổng thống", "thủ tướng", "bộ trưởng", "chủ tịch", "tổng bí thư", "người phát ngôn",
                        "đại sứ", "ông", "bà", "quốc vương", "nhà vua", "ngoại trưởng", "phó thủ tướng"},
           "stop": {"các", "những", "một", "và", "của", "trong", "tại", "theo", "với", "khi", "sau", "trước",
                    "này", "đó", "ngày", "tháng", "năm", "hôm", "cũng", "nhưng", "người", "ông", "bà"},
           "articles": set(), "suffixes": ()},
    # Kazakh and Uzbek put a role after whose it is, in the possessive ('ҚХР Төрағасы Си Цзиньпин', 'Хитой
    # Халқ Республикаси Раиси Си Цзиньпин', 'Rim papasi'): both the bare and the possessive forms are roles
    "kk": {"triggers": {"президент", "президенті", "премьер-министр", "премьер-министрі", "министр", "министрі",
                        "төраға", "төрағасы", "елші", "елшісі", "әкім", "әкімі", "мемлекет басшысы", "басшысы",
                        "хатшы", "хатшысы", "бас хатшысы", "спикері", "вице-президенті", "папа", "рим папасы",
                        "папасы", "король", "королі"},
           "stop": {"және", "мен", "бен", "пен", "бұл", "осы", "ол", "олар", "біз", "үшін", "туралы", "бойынша",
                    "ал", "бірақ", "сондай-ақ", "алайда", "сонымен", "ия", "иә", "де", "да", "та", "те"},
           "articles": set(), "suffixes": ()},
    "uz": {"triggers": {"prezident", "prezidenti", "bosh vazir", "bosh vaziri", "vazir", "vaziri", "rais", "raisi",
                        "elchi", "elchisi", "hokim", "hokimi", "kotib", "kotibi", "bosh kotibi", "papa", "papasi",
                        "rim papasi", "qirol", "qiroli", "vitse-prezidenti",
                        "президент", "президенти", "вазир", "вазири", "бош вазир", "бош вазири", "раис", "раиси",
                        "элчи", "элчиси", "ҳоким", "ҳокими", "котиби", "бош котиби", "папа", "папаси", "рим папаси",
                        "қирол", "қироли"},
           "stop": {"va", "bu", "u", "ular", "biz", "uchun", "bilan", "ham", "lekin", "ammo", "biroq", "shu", "ushbu",
                    "ва", "бу", "у", "учун", "билан", "ҳам", "лекин", "аммо", "бироқ", "шу", "ушбу"},
           "articles": set(), "suffixes": ()},
}
# uncased scripts: roles before (zh, ar) or after (ja, zh 先生) a name
UNCASED_TRIGGERS = {
    "zh": ("总统", "主席", "总理", "首相", "外长", "部长", "国务卿", "发言人", "总书记", "国王", "女王", "大使", "市长",
           "将军", "领导人", "教皇", "议长", "總統", "總理", "外長", "部長", "發言人", "候选人", "大臣", "特使", "助理"),
    "ja": ("大統領", "首相", "外相", "国務長官", "報道官", "国王", "大使", "市長", "氏", "議長", "首席"),
    "ar": ("الرئيس", "رئيس", "رئيسة", "وزير", "وزيرة", "الوزير", "رئيس الوزراء", "المتحدث", "المتحدثة", "الملك",
           "الأمير", "الشيخ", "السفير", "المستشار", "المستشارة", "الأمين العام", "زعيم", "السيد", "السيدة",
           "الكاردينال", "الإمبراطور", "الإمبراطورة", "الملكة", "الجنرال", "اللواء", "البابا"),
}
ROLE_AFTER = {"ja": True}
_ZH_STOP = set("的了在于和与对是将已也而被向就从为说称等及或但把给让到会着过都还又再并该其此这那今昨明年月日时")
_AR_STOP = {"في", "من", "على", "إلى", "الى", "أن", "إن", "ان", "قال", "وقال", "يوم", "عن", "مع", "الذي", "التي", "و",
            "خلال", "بعد", "قبل", "أمس", "اليوم", "إنه", "أنه", "كان", "قد", "لقد", "هذا", "هذه", "بين", "حول", "ما", "لا",
            "ذلك", "تلك", "هؤلاء", "أيضا", "أيضاً"}
# frequent news verbs (perfect, he / she): Arabic has no case, so a role alone before its verb would take the
# verb for a name ('قال الكاردينال إن البابا توفي': the pope died)
_AR_STOP |= {form for verb in ("قال", "أكد", "أعلن", "أشار", "أضاف", "توفي", "تحدث", "دعا", "وصل", "غادر", "التقى",
                               "استقبل", "شدد", "أوضح", "اعتبر", "رأى", "كشف", "زار", "طالب", "هنأ", "أدان", "رحب",
                               "وقع", "ترأس", "شارك", "حضر", "قرر", "أمر", "بحث", "ناقش", "تلقى", "أجرى", "عاد",
                               "رفض", "وافق", "صرح", "نفى", "حذر", "أفاد", "ذكر", "أصدر", "ألقى", "توجه")
             for form in (verb, verb + "ت", "و" + verb, "و" + verb + "ت")}
_AR_PREFIXES = ("وال", "بال", "لل", "فال", "كال", "ال", "و", "ب", "ل", "ف")
# Arabic names of bodies and places are construct phrases: a head noun and the definite words after
# it ('وزارة الثقافة الفرنسية', 'الوكالة الدولية للطاقة الذرية', 'نهر السين'); the head says the type
_AR_BODY_HEADS = {
    "ORG": ("وزارة", "منظمة", "وكالة", "الوكالة", "لجنة", "اللجنة", "مجلس", "المجلس", "الجيش", "جيش", "سلاح",
            "حزب", "الحزب", "حركة", "جامعة", "بنك", "البنك", "محكمة", "المحكمة", "النيابة", "الشرطة", "شرطة",
            "البرلمان", "الكنيسة", "كنيسة", "شركة", "الشركة", "صندوق", "الاتحاد", "اتحاد", "الأمم", "مكتب",
            "هيئة", "الهيئة", "مؤسسة", "رابطة", "الحرس", "الحكومة", "حكومة", "متحف", "وحدة", "قوات", "القوات"),
    "LOC": ("نهر", "بحر", "جزيرة", "مدينة", "محافظة", "ولاية", "إقليم", "جبل", "بحيرة", "مطار", "كاتدرائية",
            "قصر", "ميناء", "قطاع", "منطقة", "خليج", "مضيق", "صحراء", "بلدة", "قرية", "مخيم"),
}
_AR_HEAD_TYPE = {head: kind for kind, heads in _AR_BODY_HEADS.items() for head in heads}
# definite words that end a name rather than continue it: times, relatives, 'the said'
_AR_BODY_STOP = {"اليوم", "الماضي", "الحالي", "المقبل", "الجاري", "الذي", "التي", "الذين", "اللذين", "الأحد",
                 "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأول", "الثاني",
                 "الأخير", "الأخيرة", "السابق", "السابقة", "المذكور", "أيضا", "أيضاً", "الآن"}

# metonyms: capitals (and seats of power) standing for their government; demonyms
CAPITALS = {"washington": "US", "white house": "US", "the white house": "US", "weißen haus": "US",
            "kremlin": "RU", "the kremlin": "RU", "kreml": "RU", "moscow": "RU", "moskau": "RU", "moscou": "RU",
            "москва": "RU", "москве": "RU", "москвы": "RU", "кремль": "RU", "кремля": "RU", "кремле": "RU",
            "beijing": "CN", "peking": "CN", "pékin": "CN", "pekín": "CN", "пекин": "CN", "пекина": "CN",
            "пекине": "CN", "kyiv": "UA", "kiew": "UA", "kiev": "UA", "киев": "UA", "київ": "UA", "києві": "UA",
            "ankara": "TR", "tehran": "IR", "teheran": "IR", "téhéran": "IR", "тегеран": "IR", "london": "GB",
            "downing street": "GB", "paris": "FR", "élysée": "FR", "berlin": "DE", "tokyo": "JP", "tokio": "JP",
            "astana": "KZ", "астана": "KZ", "tashkent": "UZ", "taschkent": "UZ", "ташкент": "UZ", "toshkent": "UZ",
            "brussels": "BE", "brüssel": "BE", "bruxelles": "BE", "hanoi": "VN", "hà nội": "VN",
            "pyongyang": "KP", "seoul": "KR", "jerusalem": "IL", "riyadh": "SA", "damascus": "SY", "cairo": "EG",
            "kairo": "EG", "warsaw": "PL", "warschau": "PL", "warszawa": "PL", "rome": "IT", "rom": "IT",
            "roma": "IT", "madrid": "ES", "delhi": "IN", "new delhi": "IN", "islamabad": "PK", "kabul": "AF",
            "baghdad": "IQ", "minsk": "BY", "минск": "BY",
            "华盛顿": "US", "白宫": "US", "克里姆林宫": "RU", "莫斯科": "RU", "北京": "CN", "基辅": "UA", "东京": "JP",
            "ワシントン": "US", "モスクワ": "RU", "クレムリン": "RU", "ホワイトハウス": "US",
            "واشنطن": "US", "البيت الأبيض": "US", "موسكو": "RU", "الكرملين": "RU", "بكين": "CN", "كييف": "UA",
            "طهران": "IR", "أنقرة": "TR", "دمشق": "SY", "القاهرة": "EG", "الرياض": "SA",
            # seats of power by their translated names
            "weiße haus": "US", "weißes haus": "US", "weißen hauses": "US", "maison blanche": "US", "casa blanca": "US",
            "casa bianca": "US", "casa branca": "US", "biały dom": "US", "белый дом": "US", "белого дома": "US",
            "білий дім": "US", "beyaz saray": "US", "nhà trắng": "US", "elysée": "FR",
            "elysee": "FR", "kremlin'in": "RU", "кремлём": "RU", "điện kremlin": "RU", "青瓦台": "KR"}
DEMONYMS = {"american": "US", "russian": "RU", "chinese": "CN", "german": "DE", "french": "FR", "british": "GB",
            "ukrainian": "UA", "turkish": "TR", "iranian": "IR", "israeli": "IL", "palestinian": "PS",
            "kazakh": "KZ", "uzbek": "UZ", "japanese": "JP", "korean": "KR", "indian": "IN", "italian": "IT",
            "spanish": "ES", "polish": "PL", "syrian": "SY", "egyptian": "EG", "saudi": "SA", "vietnamese": "VN",
            "amerikanische": "US", "amerikanischen": "US", "russische": "RU", "russischen": "RU",
            "chinesische": "CN", "chinesischen": "CN", "deutsche": "DE", "deutschen": "DE", "französische": "FR",
            "ukrainische": "UA", "ukrainischen": "UA", "kasachische": "KZ", "kasachischen": "KZ",
            "américain": "US", "américaine": "US", "russe": "RU", "chinois": "CN", "chinoise": "CN",
            "allemand": "DE", "allemande": "DE", "français": "FR", "française": "FR", "ukrainien": "UA",
            "estadounidense": "US", "ruso": "RU", "rusa": "RU", "chino": "CN", "china": "CN", "alemán": "DE",
            "americano": "US", "russo": "RU", "cinese": "CN", "tedesco": "DE",
            "американский": "US", "американского": "US", "американские": "US", "российский": "RU",
            "российского": "RU", "российские": "RU", "российская": "RU", "китайский": "CN", "китайского": "CN",
            "украинский": "UA", "казахстанский": "KZ", "немецкий": "DE", "русский": "RU",
            "美国的": "US", "俄罗斯的": "RU", "الأمريكي": "US", "الأمريكية": "US", "الروسي": "RU", "الروسية": "RU",
            "الصيني": "CN", "الصينية": "CN", "الكازاخستاني": "KZ", "الإيراني": "IR", "الإيرانية": "IR"}
# looked up folded (casefold turns "ß" into "ss": "Weißen Haus" is found as "weissen haus")
CAPITALS = {_fold(name): code for name, code in CAPITALS.items()}
DEMONYMS = {_fold(name): code for name, code in DEMONYMS.items()}
# words typing a capitalised sequence (lower case); checked against every word of the sequence
ORG_WORDS |= {"fc", "sc", "cf", "ac", "afc", "fk", "sk", "gif", "if", "bk", "united", "city", "records",
              "university", "universität", "université", "universidad", "università", "universiteit",
              "uniwersytet", "университет", "institute", "institut", "instituto", "istituto", "academy",
              "akademie", "académie", "academia", "college", "school", "schule", "école", "escuela", "club",
              "klub", "association", "federation", "föderation", "fédération", "federación", "federazione",
              "corporation", "inc", "ltd", "llc", "gmbh", "ag", "sa", "spa", "airlines", "airways",
              "television", "tv", "radio", "news", "times", "post", "press", "band", "orchestra", "society",
              "gesellschaft", "verein", "verband", "stiftung", "foundation", "fondation", "fundación", "army",
              "armee", "navy", "force", "forces", "police", "polizei", "real", "sporting", "olympique", "dynamo",
              "dinamo", "spartak", "zenit", "lokomotiv", "cska", "rapid", "athletic", "atlético", "hockey",
              "ministerie", "partij", "gemeente", "partia", "ministerstwo", "związek", "klubu", "sejm", "senat",
              "senate", "congress", "kongress", "assembly", "duma", "дума", "госдума", "федерация", "союз",
              "университета", "институт", "академия", "фк", "цска", "спартак", "газпром", "роснефть", "ассоциация",
              "corp", "co", "company", "compagnie", "compañía", "bundesliga", "liga", "league", "cup", "studios", "pictures", "entertainment", "games", "motors", "group", "holding", "ministero",
              "partito", "ministério", "partido", "câmara", "tribunal", "tribunale", "gericht", "hospital",
              "krankenhaus", "museum", "musée", "museo", "музей", "church", "kirche", "église", "iglesia",
              # a department of the Roman Curia ('Dicastery for Bishops', 'Dicasterio para los Obispos')
              "dicastery", "dikasterium", "dicastère", "dicasterio", "dicastero", "dicastério", "дикастерия"}
LOC_WORDS = {"county", "river", "island", "islands", "mountains", "mount", "mountain", "lake", "sea", "ocean",
             "bay", "street", "castle", "palace", "province", "region", "district", "valley", "park", "square",
             "bridge", "airport", "station", "peninsula", "gulf", "strait", "canal", "desert", "forest", "state",
             "kreis", "landkreis", "fluss", "see", "insel", "inseln", "gebirge", "berg", "straße", "platz",
             "schloss", "burg", "tal", "provinz", "bezirk", "rivière", "fleuve", "île", "îles", "mont", "lac",
             "rue", "place", "château", "département", "río", "isla", "islas", "monte", "lago", "calle", "plaza",
             "provincia", "fiume", "isola", "via", "piazza", "rio", "ilha", "rua", "praça", "rivier",
             "eiland", "straat", "plein", "provincie", "rzeka", "wyspa", "ulica", "plac", "województwo",
             "powiat", "река", "остров", "озеро", "улица", "площадь", "область", "области", "край", "района",
             "район", "республика", "гора", "горы", "city",
             # a Japanese prefecture ('Nara Prefecture', 'Präfektur Nara', 'préfecture de Nara')
             "prefecture", "präfektur", "préfecture", "prefectura", "prefettura", "префектура", "префектуры"}
# head nouns of organisations' names in more languages (the words are the name's own: 'Banca d'Italia',
# 'Partido dos Trabalhadores', 'Stichting Natuur en Milieu'), lower case, checked like ORG_WORDS
ORG_WORDS |= {
    # Italian
    "organización", "organização", "organizzazione", "organismo", "organisme", "organisatie", "banca",
    "cassa", "compagnia", "società", "azienda", "consiglio", "parlamento", "senato", "camera",
    "esercito", "squadra", "scuderia", "associazione", "fondazione", "accademia", "unione", "lega",
    "comitato", "commissione", "agenzia", "gruppo", "movimento", "confederazione", "sindacato", "polizia",
    "edizioni", "ferrovie", "assemblea", "congresso", "ordine", "conservatorio", "politecnico",
    # Portuguese
    "banco", "companhia", "sociedade", "conselho", "assembleia", "senado", "exército",
    "polícia", "associação", "fundação", "federação", "confederação", "comissão", "comitê",
    "agência", "universidade", "faculdade", "escola", "grupo", "editora", "empresa", "seleção", "clube",
    "sindicato", "orquestra", "união", "ministério", "forças",
    # Spanish
    "sociedad", "congreso", "ejército", "armada", "fuerzas", "policía", "movimiento", "asociación",
    "confederación", "comisión", "comité", "agencia", "selección", "unión", "editorial", "orquesta",
    "cámara",  # (banco: above)
    # French
    "banque", "société", "congrès", "sénat", "assemblée", "armée", "mouvement", "confédération", "agence",
    "groupe", "éditions", "syndicat", "orchestre", "parlement",
    # Dutch
    "vereniging", "stichting", "maatschappij", "hogeschool", "omroep", "genootschap", "beweging",
    "commissie", "groep", "rechtbank", "academie", "instituut", "orkest", "unie", "federatie", "nv", "bv",
    # German
    "partei", "hochschule", "landtag", "bundesrat", "konzern", "orchester", "werke",
    # English
    "airline", "brewery", "records", "party", "parliament", "ltd.", "plc", "inc.", "limited", "corporation",
    "department", "productions", "films", "media", "systems", "technologies", "labs", "software", "networks",
    "railway", "railways", "rail", "industries", "holdings", "partners", "ventures", "pharmaceuticals",
    "communications", "publishing", "publications", "herald", "gazette", "tribune", "telegraph", "bureau",
    "office", "service", "services", "authority", "board", "institution", "trust", "fund", "reserve",
    "exchange", "brigade", "division", "regiment", "battalion", "corps", "squadron", "fleet", "marines",
    "rovers", "wanderers", "albion", "hotspur", "juniors", "calcio", "racing", "designs", "studio",
    # Polish (base forms; inflected ones by ORG_STEMS)
    "uniwersytet", "politechnika", "akademia", "instytut", "stowarzyszenie", "fundacja", "towarzystwo",
    "spółka", "bank", "komitet", "komisja", "rada", "sąd", "trybunał", "urząd", "agencja", "armia", "policja",
    "federacja", "orkiestra", "grupa", "przedsiębiorstwo", "kongres", "zjednoczenie", "ruch",
    # Russian
    "министерство", "университет", "академия", "компания", "общество", "корпорация", "агентство", "армия",
    "служба", "фонд", "ассоциация",
}
# stems of head nouns in languages that decline them ('Uniwersytetu Warszawskiego', 'партии'): a word
# that starts with one and has at most three letters more
ORG_STEMS: dict[str, tuple[str, ...]] = {
    "pl": ("uniwersyte", "politechni", "akademi", "instytu", "stowarzysze", "fundacj", "towarzystw", "spółk",
           "spółc", "komite", "komisj", "trybunał", "urzęd", "agencj", "armii", "policj", "federacj",
           "orkiestr", "przedsiębiorstw", "ministerstw", "parti", "związk", "zjednoczeni", "bank", "klub",
           "kongres", "senac"),
    "ru": ("министерств", "университет", "институт", "академи", "компани", "обществ", "корпораци", "агентств",
           "служб", "ассоциаци", "партии", "партию", "партией", "комитет", "банк", "федераци", "союз", "фонд"),
    "uk": ("міністерств", "університет", "інститут", "академі", "компані", "товариств", "корпораці", "агентств",
           "служб", "асоціаці", "парті", "комітет", "банк", "федераці", "союз", "фонд"),
    # Turkish heads carry a possessive and a case ('Pakistan Ordusu', 'Hava Kuvvetlerinin', 'Sağlık
    # Bakanlığına', 'Araştırma Bürosu'); 'Ordu' alone is a province, so the army only with its suffix
    "tr": ("ordus", "ordusun", "kuvvetleri", "bakanlığ", "bakanlığın", "bakanlık", "bürosu", "ajansı", "ajansın",
           "komitesi", "komitesin", "grubu", "partisi", "partisin", "meclisi", "meclisin", "teşkilatı", "mahkemesi",
           "konseyi", "birliği", "örgütü", "şirketi", "kurulu", "kurumu"),
}
# nouns that say what kind of body the name after them is ('la band Simple Plan', 'firmy Intel', 'a
# revista Spin', 'the band Weezer'): a name right after one (spaces or an opening quote between) is an
# organisation; stems in the languages that decline them
ORG_CLASSIFIERS: dict[str, tuple[str, ...]] = {
    "en": ("band", "group", "team", "club", "company", "firm", "magazine", "newspaper", "channel", "network",
           "label", "party", "manufacturer", "airline", "carmaker", "publisher", "broadcaster", "conglomerate"),
    "it": ("band", "gruppo", "squadra", "società", "azienda", "etichetta", "rivista", "giornale", "quotidiano",
           "emittente", "club", "partito", "scuderia", "marchio", "compagnia", "ditta", "team"),
    "pt": ("banda", "grupo", "equipe", "equipa", "time", "clube", "empresa", "companhia", "revista", "jornal",
           "canal", "emissora", "gravadora", "editora", "marca", "marcas", "partido", "fabricante", "rede"),
    "es": ("banda", "grupo", "equipo", "club", "empresa", "compañía", "revista", "periódico", "diario", "canal",
           "cadena", "discográfica", "sello", "editorial", "marca", "partido", "fabricante"),
    "fr": ("groupe", "équipe", "club", "société", "entreprise", "firme", "compagnie", "revue", "magazine",
           "journal", "quotidien", "chaîne", "label", "marque", "parti", "constructeur"),
    "nl": ("band", "groep", "ploeg", "club", "bedrijf", "firma", "maatschappij", "krant", "tijdschrift",
           "omroep", "zender", "label", "partij", "fabrikant"),
    "pl": ("firm", "zespoł", "zespół", "klub", "grup", "koncern", "wytwórni", "telewizj", "organizacj", "parti",
           "drużyn", "spółk", "spółc", "mar", "przedsiębiorstw", "producent", "wydawnictw", "gazet", "dziennik",
           "tygodnik", "magazyn", "marka", "marki", "marek", "markę", "marką"),
    "ru": ("компани", "групп", "клуб", "команд", "парти", "концерн", "корпораци", "издательств", "журнал",
           "газет", "телеканал", "банк", "фирм", "организаци"),
    "uk": ("компані", "груп", "клуб", "команд", "парті", "концерн", "корпораці", "видавництв", "журнал",
           "газет", "телеканал", "банк", "фірм", "організаці"),
}
# definite articles, alone or joined to a preposition, before an organisation's name in languages that
# give organisations an article and people none ('la Ferrari', 'della McLaren', 'i Deftones', 'a
# Nintendo', 'os Metallica', 'el Barcelona'); elided forms end with the apostrophe
ORG_ARTICLES: dict[str, frozenset[str]] = {
    "it": frozenset({"il", "lo", "la", "l'", "i", "gli", "le", "del", "dello", "della", "dell'", "dei", "degli",
                     "delle", "al", "allo", "alla", "all'", "ai", "agli", "alle", "dal", "dallo", "dalla", "dall'",
                     "dai", "dagli", "dalle", "nel", "nello", "nella", "nell'", "nei", "negli", "nelle", "sul",
                     "sullo", "sulla", "sull'", "sui", "sugli", "sulle", "col", "coi"}),
    "pt": frozenset({"o", "a", "os", "as", "do", "da", "dos", "das", "ao", "à", "aos", "às", "no", "na", "nos",
                     "nas", "pelo", "pela", "pelos", "pelas"}),
    "es": frozenset({"el", "la", "los", "las", "del", "al"}),
    "fr": frozenset({"le", "la", "l'", "les", "du", "des", "au", "aux"}),
    "en": frozenset({"the"}),
    "de": frozenset({"der", "die", "das", "den", "dem", "des", "beim", "zum", "zur", "vom", "im", "am"}),
    "nl": frozenset({"de", "het"}),
}
# words that join the parts of an organisation's name ('Compagnia della Baia di Hudson', 'Partido dos
# Trabalhadores', 'Queens of the Stone Age'): only once the name has an organisation's head word, two at
# most in a row, and no line break; and elided ones ('Consiglio d'Europa', 'Banca d'Italia'). Not 'and':
# 'Union und SPD', 'CDU and CSU' are two bodies
# (Spanish 'de los' / 'de las' too: 'Partido de los Trabajadores' was 'Partido' and a name 'Trabajadores')
ORG_LINKS = _CONNECTORS | {"della", "delle", "dei", "degli", "dello", "dell", "d", "l", "do", "das", "dos", "des",
                           "du", "the", "für", "pour", "per", "para", "sobre", "on", "het", "voor", "na", "dla",
                           "los", "las"}
_ELIDED_LINK = re.compile(r"\s+(?:d|dell|dall|l|all|nell|sull|de)['’]\s*$", re.IGNORECASE)
# lower-case adjectives that end a body's name in the Romance languages ('Parlamento europeo', 'Banca
# centrale europea', 'Chiesa cattolica', 'Academia francesa', 'Assemblée nationale'), after its head
ORG_ADJECTIVES: dict[str, frozenset[str]] = {
    "it": frozenset("""europeo europea nazionale internazionale centrale cattolica cattolico apostolica ortodossa
        comunista socialista democratico democratica popolare federale costituzionale militare suprema supremo
        italiano italiana francese tedesco tedesca americano americana britannico britannica romano romana
        spagnolo spagnola russo russa sovietico sovietica svizzero svizzera olandese portoghese brasiliano
        brasiliana argentino argentina cinese giapponese mondiale regionale provinciale comunale generale
        statale pontificio pontificia reale imperiale repubblicano repubblicana liberale radicale
        cristiana cristiano""".split()),
    "pt": frozenset("""europeu europeia nacional internacional central católica católico apostólica ortodoxa
        comunista socialista democrático democrática popular federal constitucional militar supremo suprema
        brasileiro brasileira português portuguesa francês francesa alemão alemã americano americana
        britânico britânica espanhol espanhola italiano italiana russo russa soviético soviética mundial
        estadual municipal geral real imperial republicano republicana liberal trabalhista
        cristã cristão""".split()),
    "es": frozenset("""europeo europea nacional internacional central católica católico apostólica ortodoxa
        comunista socialista democrático democrática popular federal constitucional militar supremo suprema
        español española mexicano mexicana argentino argentina francés francesa alemán alemana británico
        británica americano americana italiano italiana ruso rusa soviético soviética mundial general real
        imperial republicano republicana liberal cristiana cristiano""".split()),
    "fr": frozenset("""européen européenne national nationale international internationale central centrale
        catholique orthodoxe communiste socialiste démocrate populaire fédéral fédérale constitutionnel
        militaire suprême français française allemand allemande britannique américain américaine italien
        italienne espagnol espagnole soviétique mondial mondiale général générale royal royale impérial
        impériale républicain républicaine libéral libérale chrétien chrétienne""".split()),
}
# geographical and building head words of the Romance languages ('Mar Nero', 'Valle di Muggio', 'Deserto
# di Sonora', 'Regno di Napoli', 'Palazzo Grassi', 'Estádio do Maracanã')
LOC_WORDS |= {"mar", "mare", "oceano", "océano", "océan", "valle", "val", "vale", "vallée", "deserto", "desierto",
              "désert", "istmo", "grotta", "grotte", "regno", "reino", "royaume", "torre", "baia", "baía", "bahía",
              "baie", "ponte", "puente", "pont", "foro", "serra", "sierra", "cordillera", "golfo", "golfe", "capo",
              "cabo", "stretto", "estreito", "estrecho", "détroit", "penisola", "península", "péninsule", "laguna",
              "lagoa", "pianura", "planalto", "altopiano", "arcipelago", "arquipélago", "archipiélago", "archipel",
              "monti", "montes", "montagne", "montanhas", "montañas", "alpi", "cascata", "cascada", "vulcano",
              "volcán", "vulcão", "volcan", "distretto", "distrito", "aeroporto", "aeropuerto", "aéroport",
              "stazione", "estação", "estación", "castello", "castelo", "castillo", "palazzo", "palácio", "palacio",
              "cattedrale", "catedral", "cathédrale", "basilica", "basílica", "abbazia", "abadia", "abadía",
              "abbaye", "santuario", "santuário", "stadio", "estádio", "estadio", "stade", "contea", "condado",
              "comté", "regione", "região", "región", "région", "comune", "município", "municipio", "impero",
              "império", "imperio", "ducato", "ducado", "duché", "principato", "principado", "principauté",
              "sultanato", "califfato", "califado", "isole", "ilhas", "rione", "bairro", "barrio", "quartiere",
              "casa", "maison", "cappella", "capela", "capilla", "chapelle", "east", "hills", "lakes", "heights",
              "coast", "bacia", "bacino", "cuenca", "rodovia", "autostrada", "autopista", "carretera", "avenida",
              "avenue", "viale", "boulevard", "highway", "teatro", "théâtre", "theatre", "theater", "arena",
              "zoológico", "zoo", "território", "territorio", "territoire", "territory", "oriente", "basin"}
# words of the names of events, wars, prizes, competitions and texts ('Seconda guerra mondiale', 'Gran
# Premio del Belgio', 'Copa do Mundo', 'Nuovo Testamento'): such a name is neither a person's nor,
# whatever article it has, an organisation's (type NAME)
MISC_WORDS = {"guerra", "guerre", "war", "krieg", "battaglia", "batalha", "batalla", "bataille", "battle", "premio",
              "prêmio", "prix", "prize", "preis", "coppa", "copa", "coupe", "cup", "campionato", "campeonato",
              "championnat", "championship", "torneo", "torneio", "tournoi", "tournament", "festival", "giochi",
              "jogos", "juegos", "jeux", "games", "olimpiadi", "olimpíadas", "testamento", "testament",
              "rivoluzione", "revolução", "revolución", "révolution", "revolution", "età", "idade", "edad", "âge",
              "trattato", "tratado", "traité", "treaty", "concilio", "concílio", "concile", "trofeo", "troféu",
              "trophée", "trophy", "mondiali", "olympics", "olympische", "mistrzostwa", "puchar", "wojna", "age",
              "ages", "era", "tour", "show"}
_MONTHS_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "montag", "dienstag", "mittwoch",
    "donnerstag", "freitag", "samstag", "sonntag", "janvier", "février", "mars", "avril", "juin", "juillet",
    "août", "septembre", "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
    "samedi", "dimanche", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre", "lunes", "martes", "miércoles", "jueves", "viernes",
    "sábado", "domingo", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre",
    "dicembre", "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro", "dezembro",
    "januari", "februari", "maart", "mei", "augustus", "styczeń", "luty", "marzec", "kwiecień", "maj",
    "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień", "январь", "февраль",
    "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"}


# words right before an unknown name that make it a place: prepositions of place ('in', 'nach', 'w')
# and geographical nouns ('fiume Melezza', 'contea di Galway'; the 'di' is skipped). Prepositions that
# also take people or organisations ('a Juan', 'à Koizumi', 'at Google', 'bei Siemens', 'para Lula') are
# left out.
PLACE_CONTEXT: dict[str, tuple[set[str], set[str]]] = {
    "en": ({"in", "near", "across", "towards", "outside", "inside"},
           {"river", "lake", "island", "county", "province", "city", "town", "village", "region", "state",
            "municipality", "district", "mount", "valley"}),
    "de": ({"in", "nach", "nahe", "nördlich", "südlich", "östlich", "westlich"},
           {"fluss", "stadt", "gemeinde", "ortsteil", "landkreis", "kreis", "insel", "region", "provinz",
            "bezirk", "dorf", "kanton", "bundesstaat"}),
    "fr": ({"en", "vers", "près"},
           {"fleuve", "rivière", "lac", "île", "comté", "province", "région", "ville", "commune", "village",
            "département", "canton", "mont", "vallée"}),
    "es": ({"en", "hacia", "cerca"},
           {"río", "lago", "isla", "condado", "provincia", "región", "ciudad", "municipio", "localidad",
            "pueblo", "departamento", "estado", "monte", "valle", "villa", "vereda", "corregimiento", "caserío",
            "aldea", "barrio", "comuna", "parroquia"}),
    "it": ({"in", "ad", "nel", "nella", "presso", "verso"},
           {"fiume", "lago", "isola", "contea", "provincia", "regione", "città", "comune", "frazione",
            "paese", "villaggio", "monte", "valle", "stato", "torrente", "dipartimento", "cantone"}),
    "pt": ({"em", "no", "na"},
           {"rio", "lago", "ilha", "condado", "província", "região", "cidade", "município", "vila",
            "aldeia", "freguesia", "estado", "distrito", "monte", "vale"}),
    "nl": ({"in", "naar", "bij", "nabij"},
           {"rivier", "stad", "gemeente", "provincie", "eiland", "dorp", "regio", "staat", "district",
            "deelgemeente", "kanton"}),
    "pl": ({"w", "we", "pod", "koło", "nad"},
           {"rzeka", "rzeki", "miasto", "miasta", "wieś", "wsi", "gmina", "gminy", "powiat", "powiatu",
            "województwo", "województwa", "jezioro", "wyspa", "stan", "prowincja", "regionie"}),
    "ru": ({"в", "во", "под", "около", "близ"},
           {"город", "города", "река", "реки", "село", "деревня", "посёлок", "поселок", "остров", "озеро",
            "области", "район", "района", "провинции", "штат", "штата",
            # the same nouns in their other cases ('в городе Ханау', 'на острове Рюген', 'у реки Одер')
            "городе", "городом", "реке", "рекой", "реку", "селе", "села", "деревне", "деревни", "посёлке",
            "поселке", "посёлка", "поселка", "острове", "острова", "озере", "озера", "районе", "провинция",
            "провинцию", "штате", "полуостров", "полуострова", "полуострове", "графство", "графства",
            "графстве", "крепость", "крепости", "округ", "округа", "округе", "залив", "залива", "заливе",
            "пролив", "пролива", "проливе", "столица", "столице", "столицы", "коммуна", "коммуны", "коммуне",
            "департамент", "департамента", "департаменте", "горы", "горе", "долина", "долины", "долине"}),
}
_PLACE_OF = {"of", "di", "de", "du", "do", "da", "del", "della", "des", "van", "von"}


def _place_context(text: str, tokens, i: int, language: str) -> bool:
    preps, nouns = PLACE_CONTEXT.get(language, (set(), set()))
    if i == 0 or text[tokens[i - 1][1]:tokens[i][0]].strip():
        return False  # punctuation between: no context
    previous = tokens[i - 1][2].lower()
    if previous in preps or previous in nouns:
        return True
    return previous in _PLACE_OF and i >= 2 and tokens[i - 2][2].lower() in nouns \
        and not text[tokens[i - 2][1]:tokens[i - 1][0]].strip()


def _org_word(lower: str, language: str) -> bool:
    """A word that makes a name an organisation's: a head noun ('Partito', 'Uniwersytetu') or a mark
    of a company or club ('GmbH', 'FC')."""
    if lower in ORG_WORDS:
        return True
    return any(lower.startswith(stem) and len(lower) - len(stem) <= 3 for stem in ORG_STEMS.get(language, ()))


def _org_ahead(text: str, tokens, i: int, language: str) -> int:
    """The token after the last organisation's word among the capitalised words that run on from
    token i (spaces between, six at most): 'United States Army' -> after 'Army'; 0 for none."""
    j, after = i, 0
    while j < len(tokens) and j - i < 6 and _capitalised(tokens[j][2]) and (
            j == i or text[tokens[j - 1][1]:tokens[j][0]] == " "):
        if _org_word(tokens[j][2].lower(), language) and tokens[j][2].lower() not in LOC_WORDS:
            after = j + 1
        j += 1
    return after


_DE_CLASSIFIERS = ("verein", "vereins", "klub", "klubs", "club", "clubs", "label", "labels", "sender", "senders",
                   "konkurrent", "konkurrenten", "rivale", "rivalen", "mannschaft", "band", "gruppe", "firma",
                   "konzern", "konzerns", "unternehmen", "unternehmens", "partei", "zeitung", "magazin",
                   "magazins", "hersteller", "herstellers", "team", "teams", "ligist", "ligisten", "verlag",
                   "verlags", "fernsehsender", "plattenfirma", "organisation")
_AND = {"and", "und", "e", "y", "et", "en", "i"}
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([^\W\d_][\w.&\-]{1,11})\s*\)")


def _spelled_out(text: str, end: int, words: list[str]) -> bool:
    """The name's acronym follows it in brackets ('Instituto Brasileiro de Geografia e Estatística (IBGE)',
    'Organización Mundial de la Salud (OMS)'): the acronym's capitals, three or more, are the initials
    of the name's capitalised words."""
    match = _ACRONYM_AFTER.match(text, end)
    if not match:
        return False
    initials = "".join(w[0] for w in words if w[:1].isupper()).upper()
    capitals = "".join(ch for ch in match.group(1) if ch.isupper())
    return len(capitals) >= 3 and capitals == initials


def _opens_name(text: str, tokens, i: int) -> bool:
    """A capitalised word follows token i, right after it or after one linking word."""
    for k in (i + 1, i + 2):
        if k >= len(tokens) or text[tokens[k - 1][1]:tokens[k][0]] != " ":
            return False
        if _capitalised(tokens[k][2]):
            return True
        if tokens[k][2].lower() not in ORG_LINKS:
            return False
    return False


def _org_classifier(text: str, tokens, i: int, language: str) -> bool:
    """The word before token i says that the name is an organisation's ('la band Simple Plan', 'firmy
    Intel'): spaces or an opening quote between them."""
    classifiers = ORG_CLASSIFIERS.get(language)
    if not classifiers or i == 0 or text[tokens[i - 1][1]:tokens[i][0]].strip() not in ("", '"', "«", "„", "“"):
        return False
    word = tokens[i - 1][2]
    if not word[:1].islower():
        return False
    if word in classifiers:
        return True
    return language in _INFLECTED and any(
        word.startswith(c) and len(c) >= 4 and len(word) - len(c) <= 3 for c in classifiers)


_ELIDED_ARTICLE = re.compile(r"(?:^|[\s(\"«“])([^\W\d_]+['’]?)\s*$")


def _org_article(text: str, start: int, language: str) -> bool:
    """A definite article right before a name, in a language that gives organisations one and people
    none ('la Ferrari', 'dell'Unione', 'os Metallica')."""
    articles = ORG_ARTICLES.get(language)
    if not articles:
        return False
    match = _ELIDED_ARTICLE.search(text, max(0, start - 12), start)
    if not match:
        return False
    word = match.group(1).replace("’", "'").lower()
    return word in articles or word.endswith("'") and word.rstrip("'") + "'" in articles


def _acronym(word: str, position: int) -> bool:
    """An organisation's acronym, not a Roman numeral (Leo XIV) nor initials before a name (JD Vance)."""
    if not (word.isupper() and 2 <= len(word) <= 4) or re.fullmatch(r"[IVXLC]+", word):
        return False
    return not (position == 0 and len(word) == 2)


def _settings(language: str) -> dict:
    return LANGUAGES.get((language or "").split("-")[0].lower(), LANGUAGES["en"])


@lru_cache(maxsize=1)
def _place_rows() -> dict[str, list]:
    """Folded city names (GeoNames, with alternate names) -> [country code, log10 population, GeoNames id]."""
    from pathlib import Path

    return bundled_json(Path(__file__).with_name("data") / "places.json.gz") or {}


@lru_cache(maxsize=1)
def place_gazetteer() -> dict[str, tuple[str, float]]:
    """Folded city names (GeoNames, with alternate names) -> (country code, log10 population)."""
    return {k: (v[0], v[1]) for k, v in _place_rows().items()}


@lru_cache(maxsize=1)
def _place_names_by_id() -> dict[int, tuple[str, ...]]:
    """GeoNames id -> the folded names of that city (an older data file without ids gives none)."""
    found: dict[int, list[str]] = {}
    for name, row in _place_rows().items():
        if len(row) > 2:
            found.setdefault(row[2], []).append(name)
    return {place: tuple(names) for place, names in found.items()}


def place_id(phrase: str, language: str = "", country: str | None = None) -> int | None:
    """The GeoNames id of the city a name is ('Moskau', 'Москве', '莫斯科' -> Moscow's), or None; with
    `country`, None when the gazetteer's city of that name lies elsewhere (a namesake: 'Florencia'
    read as Colombian is not Florence)."""
    key = _place_key(phrase, language)
    row = _place_rows().get(key) if key else None
    if country and row and row[0] != country:
        return None
    return row[2] if row and len(row) > 2 else None


def place_names(place: int) -> tuple[str, ...]:
    """Every folded name of the city with this GeoNames id."""
    return _place_names_by_id().get(place, ())


@lru_cache(maxsize=1)
def region_gazetteer() -> dict[str, tuple[str, float]]:
    """Folded names of continents and world regions (CLDR: 'Europa', 'África', 'Südostasien'; country
    code '') and of countries' first-level subdivisions (ISO 3166-2 via pycountry, translated where
    pycountry has it: 'Nebraska', 'Bavière', 'Бавария'; also without accents, 'Narino', 'Cordoba', as
    all-capital datelines write them) -> (country code, 0.0)."""
    return _regions()[0]


@lru_cache(maxsize=1)
def _region_holders() -> dict[str, tuple[str, ...]]:
    """Folded first-level subdivision names -> every country that has one of that name ('bolívar':
    VE and CO; 'córdoba': AR and CO)."""
    return _regions()[1]


@lru_cache(maxsize=1)
def _regions() -> tuple[dict[str, tuple[str, float]], dict[str, tuple[str, ...]], frozenset[str]]:
    """(region_gazetteer, _region_holders, the regions' own names: ISO's, not a translation)"""
    import gettext

    import pycountry

    regions: dict[str, tuple[str, float]] = {}
    holders: dict[str, list[str]] = {}
    for code, name in _cldr_territories():
        if code.isdigit() and code != "001":  # 001 is 'World'
            regions.setdefault(_fold(name), ("", 0.0))
    translations = []
    for locale in GAZETTEER_LOCALES:
        try:
            translations.append(gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[locale]))
        except OSError:
            continue
    # region names that are ordinary words ('Central', 'Nord', 'Centre', 'Capital') are left out
    ordinary = {"central", "centre", "center", "centro", "nord", "sud", "süd", "north", "south", "east", "west",
                "northern", "southern", "eastern", "western", "capital", "coast", "littoral", "upper", "lower",
                "interior", "island", "islands", "mountain", "lakes", "river", "valley", "plateau", "border"}
    unaccented: list[tuple[str, str]] = []
    own: set[str] = set()
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is not None:
            continue
        names = {subdivision.name} | {t.gettext(subdivision.name) for t in translations}
        own_key = _fold(subdivision.name.split(" (")[0])
        own.update((own_key, _unaccented(own_key)))
        for name in names:
            key = _fold(name.split(" (")[0])
            if len(key) >= 4 and key not in ordinary:
                regions.setdefault(key, (subdivision.country_code, 0.0))
                if subdivision.country_code not in holders.setdefault(key, []):
                    holders[key].append(subdivision.country_code)
                plain = _unaccented(key)
                if plain != key and plain.isascii():
                    unaccented.append((plain, subdivision.country_code))
    for key, code in unaccented:  # after every accented name, which wins where both exist
        regions.setdefault(key, (code, 0.0))
        if code not in holders.setdefault(key, []):
            holders[key].append(code)
    return regions, {key: tuple(codes) for key, codes in holders.items()}, frozenset(own)


def _unaccented(text: str) -> str:
    """The letters without their accents ('nariño' -> 'narino')."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


_INFLECTED = {"ru", "uk", "pl", "kk", "uz", "tr", "be", "cs", "sk", "sr", "hr", "sl", "fi", "hu", "lt", "lv"}
_ENDINGS = ("ами", "ыми", "ого", "ому", "ах", "ям", "ях", "ой", "ом", "ем", "ей", "ии", "ию", "ие", "а", "у", "е",
            "ы", "и", "ю", "я", "ові", "еві", "ою", "ею", "і", "ie", "iu", "em", "ą", "ę", "u", "a", "y", "da", "de",
            "ta", "te", "dan", "den", "tan", "ten", "ın", "in", "un", "ün", "nın", "nin", "s")
# what an ending replaced: Москв-е -> Москва, Дніпр-і -> Дніпро (Ukrainian locatives end in -і)
_RESTORED = ("", "а", "ь", "a", "й", "о")


def lookup_place(phrase: str, language: str = "") -> tuple[str, float] | None:
    """A city by any of its names ('Leipzig', 'Пекин', '北京'), also inflected ('Москве') in
    languages that decline names."""
    key = _fold(phrase)
    if (uzbek := _uzbek_spelling(phrase)) and (hit := lookup_place(uzbek, language)):
        return hit  # "Farg'ona" is Fargʻona
    row = _place_rows().get(key)
    # a region's own name beats a city's alternate name ('Antioquia', the Colombian department, not
    # Antakya); a translated one does not (Turkish 'Gazze' is Gaza, not Mozambique's Gaza province)
    hit = region_gazetteer().get(key) if row is None or len(row) > 4 and key in _regions()[2] else None
    if hit:
        return hit
    found = _place_key(phrase, language)
    return place_gazetteer()[found] if found else None


def place_holders(phrase: str, language: str = "") -> tuple[str, ...]:
    """Every country with a town (GeoNames, 500 people or more) or a first-level region of this name,
    lookup_place's country first ('Florencia': IT, then CO, CU, MX, CR; 'Antioquia': CO, the
    department, then TR, of which it is an old name of Antakya); () for no place."""
    first = lookup_place(phrase, language)
    codes = [first[0]] if first and first[0] else []
    found = _place_key(phrase, language)
    if found:
        row = _place_rows()[found]
        codes += [row[0]] + ([row[3][i:i + 2] for i in range(0, len(row[3]), 2)] if len(row) > 3 else [])
    codes += _region_holders().get(_fold(phrase), ())
    return tuple(dict.fromkeys(codes))


def _place_key(phrase: str, language: str = "") -> str | None:
    """The gazetteer's name for a city name as written or inflected ('Москве' -> 'москва')."""
    places = place_gazetteer()
    key = _fold(phrase)
    if key in places:
        return key
    if " " in key or len(key) < 5:
        return None
    if language in _TURKIC:
        # Kazakh and Uzbek case endings glued to a town's name: 'Астанада', 'Алматыда', 'Toshkentdagi'
        for ending in _TURKIC_ENDINGS:
            if key.endswith(ending) and len(key) - len(ending) >= 4 and key[: -len(ending)] in places:
                return key[: -len(ending)]
    if language in _INFLECTED or _CYRILLIC.search(key):
        for ending in _ENDINGS:
            if key.endswith(ending) and len(key) - len(ending) >= 4:
                stem = key[: -len(ending)]
                for restored in (stem + tail for tail in _RESTORED):
                    if restored in places:
                        return restored
    return None


_CYRILLIC = re.compile("[" + CYRILLIC + "]")
_TURKIC = {"kk", "uz", "ky", "tk", "tt", "ba"}  # not Turkish: it sets a name's endings off with an apostrophe
# locative, attributive locative, dative, ablative, genitive, accusative, 'up to' (longest first)
_TURKIC_ENDINGS = tuple(sorted({
    "da", "ta", "dagi", "dan", "ga", "ka", "qa", "ning", "ni", "gacha",
    "да", "де", "та", "те", "нда", "нде", "дағы", "дегі", "тағы", "тегі", "даги", "ға", "ге", "қа", "ке", "га", "ка",
    "дан", "ден", "тан", "тен", "нан", "нен", "ның", "нің", "дың", "дің", "тың", "тің", "нинг", "ны", "ні", "ни",
    "ды", "ді", "ты", "ті", "гача"}, key=len, reverse=True))


def find_mentions(text: str, sentences: list[Sentence], language: str, models: bool = True) -> list[Mention]:
    """Every name found in the text, in text order, non-overlapping: the language's NER model where
    one is installed (recognise.MODELS), with the rules' keys, countries and roles, else the rules."""
    language = (language or "").split("-")[0].lower()
    if not sentences and text:
        sentences = [Sentence(start=0, end=len(text), text=text)]
    mentions = _uncased_names(text, sentences, language)
    if language == "vi":
        mentions += _vietnamese_bodies(text, sentences)
    taken = [(m.start, m.end) for m in mentions]
    lower_words = _lowercase_words(text)
    for sentence_index, sentence in enumerate(sentences):
        mentions.extend(_cased_names(text, sentence, sentence_index, taken, language, lower_words))
    if models:
        from .recognise import model_spans

        spans = model_spans(text, language)
        if spans is not None:
            mentions = _with_model(text, sentences, language, mentions, spans)
    mentions = _dictionary_names(text, sentences, language, mentions)
    if language == "de":
        mentions = _replace_inside(mentions, _german_place_names(text, sentences, lower_words))
    if language in ("ru", "uk"):
        mentions = _replace_inside(mentions, _slavic_bodies(text, sentences))
        mentions = _slavic_quoted_bodies(text, sentences, mentions)
    if language in _TURKIC:
        mentions = _turkic_names(text, sentences, language, mentions, lower_words)
    mentions = _translated_names(text, sentences, language, mentions)
    mentions = _dotted_acronyms(text, sentences, mentions)
    mentions = _airlines(text, sentences, mentions)
    mentions = _official_country_names(text, sentences, language, mentions)
    mentions = _arabic_particle_names(text, mentions)
    if language == "tr":
        _turkish_places(text, mentions)
    if language in _KIND_NOUNS:
        _with_kind_nouns(text, mentions, language)
    mentions.extend(_recurring_surnames(text, sentences, mentions, language))
    mentions.sort(key=lambda m: m.start)
    mentions = _outside_titles(text, mentions)
    _dateline_place(text, mentions)
    _type_by_recurrence(mentions)
    _people_not_towns(text, mentions, language)
    _places_by_context(mentions, language)
    _bodies_of_countries(mentions)
    return mentions



# Romance languages write a landmark's kind as a lower-case noun before its name, and the two are the
# name: 'bande de Gaza' (the Gaza Strip), 'basilique Saint-Pierre', 'plaza de San Pedro', 'chapelle
# Sixtine', 'hospital Gemelli'. Only kinds of built places and of strips of land: administrative words
# ('ville de Paris', 'région de Kyiv') stay outside, as the place alone is what they name.
_KIND_NOUNS = {
    "fr": ("bande", "basilique", "cathédrale", "chapelle", "église", "place", "pont", "palais", "hôpital"),
    "es": ("franja", "basílica", "catedral", "capilla", "iglesia", "plaza", "puente", "palacio", "hospital"),
    "it": ("striscia", "basilica", "cattedrale", "cappella", "chiesa", "piazza", "ponte", "palazzo", "ospedale"),
    "pt": ("faixa", "basílica", "catedral", "capela", "igreja", "praça", "ponte", "palácio", "hospital"),
    "ar": ("قطاع",),  # 'قطاع غزة' (its other heads make bodies and places of definite words: `_arabic_bodies`)
}
_STRIP_NOUNS = {"bande", "franja", "striscia", "faixa", "قطاع"}  # the only kinds that take a country's name ('bande de Gaza')
# the words between a kind noun and its name ('bande de Gaza', 'chiesa della Madonna', "place d'Italie"),
# also read by entities/resolve._saint_after_kind_noun, which takes the noun off again
KIND_NOUN_LINKS = r"(?:de|del|di|da|do|della|dello)"
_KIND_LINK = r"(?:\s+" + KIND_NOUN_LINKS + r"\s+|\s+d['’]|\s+)"


@lru_cache(maxsize=None)
def _kind_noun_before(language: str) -> re.Pattern:
    nouns = "|".join(map(re.escape, _KIND_NOUNS[language]))
    return re.compile(r"(?<![\w-])(" + nouns + r")" + _KIND_LINK + r"$")


def _with_kind_nouns(text: str, mentions: list[Mention], language: str) -> None:
    """A place or untyped name right after a lower-case kind noun takes the noun into its span, keeping
    its key ('bande de Gaza' is still Gaza); an untyped name so introduced is a place ('chapelle Sixtine')."""
    pattern = _kind_noun_before(language)
    for n, m in enumerate(mentions):
        if m.type not in ("LOC", NAME) or m.text[:1].islower():
            continue
        before = pattern.search(text, max(0, m.start - 20), m.start)
        if before is None or (m.key.startswith("C:") and before.group(1) not in _STRIP_NOUNS):
            continue  # 'la place de la France dans le monde': a role, not a square
        if n and mentions[n - 1].end > before.start():
            continue
        m.start, m.text = before.start(), text[before.start():m.end]
        if m.type == NAME:
            m.type = "LOC"

# German names the capitalised-noun filter reads as common nouns: a compound of a name and a place's
# head noun ('Gazastreifen', 'Petersdom', 'Yasukuni-Schrein'), and a capitalised adjective before a
# compass noun ('im Nahen Osten', 'im Fernen Osten'): adjectives are lower case unless part of a name
_DE_PLACE_HEADS = ("streifen", "dom", "platz", "schrein", "klinik", "kathedrale", "basilika", "palast",
                   "moschee", "tempel", "kapelle", "brücke", "turm", "kanal", "flughafen", "stadion", "gebirge")
# German nouns for kinds of towns and places, alone or as a compound's last part ('Badeort', 'Urlaubsort',
# 'Kurort', 'Hafenstadt', 'Küstenstädtchen', 'Fischerdorf', 'Urlaubsinsel'), in any case and number; not
# 'Sport', 'Export', 'Report', 'Wort', 'Komfort', 'Hort' ('Sport Bild', 'Report Mainz' are no places)
_DE_PLACE_KIND = re.compile(r"(?:(?<![pwfhPWFH])ort|stadt|städte|städtchen|dorf|dörfer|metropole|gemeinde|insel|provinz|region)"
                            r"(?:e?s|e|en|n|ern)?$", re.IGNORECASE)
_DE_PLACE_COMPOUND = re.compile(
    r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]{2,})(-?)(" + "|".join(_DE_PLACE_HEADS) + r")(?:e?s)?(?![\w-])", re.IGNORECASE)
# a capitalised adjective in -isch inside a sentence before a body's head: the body's name
# ('der Liberaldemokratischen Partei', 'die Sozialistische Einheitspartei'); lower case it is a description
_DE_ADJECTIVE_BODY = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]+isch(?:e|en|er|es|em))\s+([A-ZÄÖÜ][a-zäöüß]+)(?![\w-])")
_DE_BODY_HEADS = ("partei", "union", "bund", "komitee", "kommission", "gericht", "ministerium", "agentur", "allianz",
                  "front", "bewegung", "liga", "akademie", "universität", "gesellschaft", "versammlung")
# any capitalised adjective inside a sentence before a body's head, and a 'vom / von / der / des' phrase
# of capitalised words after it: 'das Internationale Komitee vom Roten Kreuz', 'die Vereinte Front';
# German writes the adjective in lower case unless it is part of the name
_DE_CAP = r"[A-ZÄÖÜ][a-zäöüß]+"
_DE_NAMED_BODY = re.compile(
    rf"(?<![\w-])({_DE_CAP}(?:e|en|er|es|em))\s+({_DE_CAP})"
    rf"(?:\s+(?:vom|von|der|des|für)\s+(?:{_DE_CAP}(?:e|en|er|es|em)\s+)?{_DE_CAP})?(?![\w-])")
_DE_COMPASS = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]+(?:e|en|er|es|em))\s+((?:Ost|West|Nord|Süd)en)s?(?![\w-])")


def _german_place_names(text: str, sentences: list[Sentence], lower_words: set[str]) -> list[Mention]:
    out: list[Mention] = []
    given = given_names("de")
    common = common_words("de")
    for m in _DE_PLACE_COMPOUND.finditer(text):
        prefix, hyphen, head = m.group(1), m.group(2), m.group(3)
        if not prefix[0].isupper() or (hyphen and not head[0].isupper()) or (not hyphen and not head.islower()):
            continue
        country = lookup_country(prefix)
        if _known_place(prefix, "de"):
            pass  # 'Gazastreifen': the place's own name
        elif prefix.endswith("s") and prefix[:-1] in given and len(prefix) > 4 and not hyphen:
            pass  # a saint's or patron's name with the linking s: 'Petersdom', 'Stephansplatz'
        elif hyphen and len(prefix) > 3 and prefix.lower() not in common and prefix.lower() not in lower_words:
            pass  # a name no German word list knows: 'Gemelli-Klinik', 'Yasukuni-Schrein'
        else:
            continue
        start, end = m.start(), m.end()
        sentence = _sentence_of(sentences, start)
        key = f"C:{country}" if country else f"N:{name_key(prefix + head)}"  # the whole word, not its head
        out.append(Mention(start=start, end=end, text=text[start:end], type="LOC", sentence=sentence,
                           key=key, country=country))
    for m in _DE_ADJECTIVE_BODY.finditer(text):
        start, end = m.start(), m.end()
        before = text[max(0, start - 3):start].strip()
        noun = m.group(2).lower()
        if not before or before[-1] in ".!?:\"„“" or not (_org_word(noun, "de") or noun.endswith(_DE_BODY_HEADS)):
            continue
        out.append(Mention(start=start, end=end, text=text[start:end], type="ORG",
                           sentence=_sentence_of(sentences, start), key=f"N:{name_key(text[start:end])}"))
    for m in _DE_NAMED_BODY.finditer(text):
        start, end = m.start(), m.end()
        before = text[max(0, start - 3):start].strip()
        adjective, noun = m.group(1).lower(), m.group(2).lower()
        if not before or before[-1] in ".!?:\"„“" \
                or not any(stem in common for stem in (adjective, adjective[:-1], adjective[:-2])) \
                or adjective in ("die", "der", "den", "dem", "des", "eine", "einer", "einem", "einen", "eines") \
                or not (_org_word(noun, "de") or noun.endswith(_DE_BODY_HEADS)):
            continue
        out.append(Mention(start=start, end=end, text=text[start:end], type="ORG",
                           sentence=_sentence_of(sentences, start), key=f"N:{name_key(text[start:end])}"))
    for m in _DE_COMPASS.finditer(text):
        start, end = m.start(), m.end()
        before = text[max(0, start - 3):start].strip()
        if not before or before[-1] in ".!?:\"„“" or m.group(1).lower() in ("die", "der", "den", "dem", "des"):
            continue  # a sentence's first word is capitalised whatever it is
        if m.group(1).lower() not in common and m.group(1)[:-1].lower() not in common \
                and m.group(1)[:-2].lower() not in common:
            continue  # an adjective German writes in lower case: 'nah', 'fern', 'mittler', 'wild'
        out.append(Mention(start=start, end=end, text=text[start:end], type="LOC",
                           sentence=_sentence_of(sentences, start), key=f"N:{name_key(text[start:end])}"))
    return out


_QUOTED = re.compile(r'"([^"\n]{1,120})"|“([^”\n]{1,120})”')


# Kazakh and Uzbek: the kind of a place or body follows its name, in lower case and in the possessive
# ('Сикстин капелласи', 'Avliyo Pyotr maydoniga', 'Қазақ ұлттық университеті'): it is part of the name
# (as in Turkish 'Taksim Meydanı', where it is capitalised) and says its type. Case endings may follow.
_TURKIC_HEADS = {
    "LOC": ("kapellasi", "bazilikasi", "sobori", "maydoni", "ko'chasi", "koʻchasi", "aeroporti", "masjidi", "saroyi",
            "капелласи", "базиликаси", "собори", "майдони", "кўчаси", "аэропорти", "масжиди", "саройи",
            "алаңы", "көшесі", "әуежайы", "мешіті", "сарайы", "соборы", "базиликасы", "капелласы"),
    "ORG": ("cherkovi", "universiteti", "partiyasi", "vazirligi", "qo'mitasi", "qoʻmitasi", "banki", "kompaniyasi",
            "agentligi", "ordeni", "jamg'armasi", "jamgʻarmasi", "kengashi",
            "черкови", "университети", "партияси", "вазирлиги", "қўмитаси", "банки", "компанияси", "агентлиги",
            "ордени", "жамғармаси", "кенгаши",
            "шіркеуі", "университеті", "партиясы", "министрлігі", "комитеті", "банкі", "компаниясы", "агенттігі",
            "қоры", "кеңесі"),
}
_TURKIC_HEAD_KIND = {head: kind for kind, words in _TURKIC_HEADS.items() for head in words}
# lower-case nouns for a kind of place after a name or a list of names: 'Ақмола, Абай, Жамбыл облыстарында'
_TURKIC_PLACE_KINDS = ("облыс", "аудан", "қала", "ауыл", "өзен", "вилоят", "туман", "шаҳ", "қишлоқ", "дарё",
                       "viloyat", "tuman", "shahar", "shahr", "qishloq", "daryo")
# compass and 'central' before a country: a region of it ('Солтүстік Қазақстан', 'Janubiy Qozog'iston')
_TURKIC_COMPASS = {"солтүстік", "оңтүстік", "шығыс", "батыс", "шимолий", "жанубий", "шарқий", "ғарбий",
                   "shimoliy", "janubiy", "sharqiy", "g'arbiy", "gʻarbiy"}
_TURKIC_LOCATIVE = ("нда", "нде", "да", "де", "та", "те", "da", "ta")
_TURKIC_WORD = r"[^\W\d_][\w'ʻ’\-]*"
_TURKIC_LIST_GAP = re.compile(r"\s*,\s*|\s+(?:және|мен|va|ва)\s+")


def _turkic_names(text: str, sentences: list[Sentence], language: str, found: list[Mention],
                  lower_words: set[str]) -> list[Mention]:
    """Kazakh and Uzbek readings the capitalised-run rules miss: a name and the lower-case kind noun after
    it (`_TURKIC_HEADS`), a region named by a compass word and its country, names before a word for a kind
    of place, and a name of unknown kind in the locative case ('Ақордада', 'Peruda': in X), a place."""
    stop = _settings(language)["stop"]
    heads = _TURKIC_HEAD_KIND
    added: list[Mention] = []
    words = [(w.start(), w.end(), w.group(0)) for w in re.finditer(_TURKIC_WORD, text)]
    for w, (start, end, word) in enumerate(words):
        head = next((h for h in heads if word.lower().startswith(h)), None) if word[:1].islower() else None
        if head is None:
            continue
        k = w  # the name is the capitalised words right before the head, one space apart
        while k > 0 and w - k < 3 and words[k - 1][2][:1].isupper() and text[words[k - 1][1]:words[k][0]] == " " \
                and words[k - 1][2].lower() not in stop and not _ROMAN.fullmatch(words[k - 1][2]):
            k -= 1  # a ruler's numeral ends the name before it: 'Leo XIV Avliyo Pyotr bazilikasi'
        if k < w - 1 and _sentence_opener(text, words[k][0]) and (
                words[k][2].lower() in lower_words or words[k][2].lower().endswith(("лар", "лер", "lar", "ler"))):
            k += 1  # a common noun opening the sentence ('Меҳмонлар Мустақиллик майдонида': guests)
        if k == w:
            continue
        start = words[k][0]
        if any(m.key.startswith("C:") and start <= m.start < end for m in found):
            continue  # 'Қазақстан банкі': the country stays the country
        surface = text[start:end]
        added.append(Mention(start=start, end=end, text=surface, type=heads[head],
                             sentence=_sentence_of(sentences, start), key=f"N:{name_key(surface) or _fold(surface)}"))
    if added:
        for n, m in enumerate(found):  # a run read as one name up to the head's name keeps the words before it
            head_name = next((a for a in added if m.start < a.start < m.end <= a.end), None)
            cut = len(text[m.start:head_name.start].rstrip()) if head_name else 0
            if cut:
                surface = text[m.start:m.start + cut]
                found[n] = _replace(m, end=m.start + cut, text=surface, key=f"N:{name_key(surface) or _fold(surface)}")
        found = [m for m in found if not any(a.start < m.end and m.start < a.end for a in added)] + added
        found.sort(key=lambda m: m.start)
    for n, m in enumerate(found):
        before = re.search(r"([^\W\d_][\w'ʻ’]*) $", text[max(0, m.start - 20):m.start])
        if m.key.startswith("C:") and m.role is None and before and before.group(1)[:1].isupper() \
                and before.group(1).lower() in _TURKIC_COMPASS:
            start = m.start - len(before.group(0))
            surface = text[start:m.end]
            found[n] = Mention(start=start, end=m.end, text=surface, type="LOC", sentence=m.sentence,
                               key=f"N:{name_key(surface) or _fold(surface)}", country=m.country)
    found = [m for n, m in enumerate(found) if not any(
        o is not m and o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end) for o in found)]
    for n, m in enumerate(found):
        if m.type != NAME:
            continue
        k = n  # the list this name opens or is in, then the word after it
        while k + 1 < len(found) and found[k + 1].type in (NAME, "LOC") \
                and _TURKIC_LIST_GAP.fullmatch(text[found[k].end:found[k + 1].start]):
            k += 1
        after = re.match(r"\s+([^\W\d_][\w'ʻ’]*)", text[found[k].end:found[k].end + 40])
        if after and after.group(1)[:1].islower() and after.group(1).lower().startswith(_TURKIC_PLACE_KINDS):
            for o in found[n:k + 1]:
                if o.type == NAME:
                    o.type = "LOC"
            continue
        word = m.text
        if " " not in word and len(word) >= 6 and word.lower().endswith(_TURKIC_LOCATIVE) and not word.isupper():
            m.type = "LOC"
            _locative_country(m)
    return found


def _locative_country(mention: Mention) -> None:
    """A place in the locative whose stem is a country's exact name is that country ('Peruda': in Peru).
    `lookup_country` leaves -da / -ta after a four-letter stem, as a given name may end so ('Malika');
    here the word is already read as a place in the locative, so the short stem is safe."""
    word = mention.text
    ending = next(e for e in _TURKIC_LOCATIVE if word.lower().endswith(e))
    stem = word[: -len(ending)]
    cased, uncased = country_gazetteer()
    code = cased.get(_fold(stem)) or uncased.get(_fold(stem))
    if code:
        mention.key, mention.country = f"C:{code}", code


# Turkish sets a name's case ending off with an apostrophe: the locative (-da / -de / -ta / -te, after a
# vowel-final possessive -nda / -nde), alone or with -ki ('Batı Şeria'daki': the one in the West Bank),
# says the name is a place; so does a lower-case noun for a kind of place after it ('Şarm el-Şeyh
# kentinde', in the city of Sharm el-Sheikh). A list of names joined by commas and 've' whose last is
# so marked is a list of places ('Bahavalpur, Müridke, Muzafferabad ve Kotli'de').
_TR_LOCATIVE = re.compile(r"['’]n?[dt][ae](?:ki)?(?![\w'’])")
_TR_PLACE_KINDS = ("kent", "şehr", "şehir", "ilçe", "köy", "bölge", "eyalet", "vilayet", "kasaba", "bölgesi")
_TR_LIST_GAP = re.compile(r"\s*,\s*|\s+ve\s+")


def _turkish_places(text: str, mentions: list[Mention]) -> None:
    given = given_names("tr")
    for n, m in enumerate(mentions):
        if not (m.type == "LOC" or _turkish_untyped(m, given)) or not _turkish_place_cue(text, m.end):
            continue
        m.type = "LOC"
        k = n  # the names of the list this one ends
        while k > 0 and _TR_LIST_GAP.fullmatch(text[mentions[k - 1].end:mentions[k].start]) \
                and _turkish_untyped(mentions[k - 1], given):
            k -= 1
            mentions[k].type = "LOC"


def _turkish_untyped(m: Mention, given: frozenset[str]) -> bool:
    """A name the rules gave no kind, or read as a person only for its form: no role, no given name;
    not a month ('Nisan'da': in April)."""
    from .dates import month_names

    if m.text.casefold() in month_names():
        return False
    return m.type == NAME or m.type == "PER" and m.role is None and m.text.split()[0] not in given


def _turkish_place_cue(text: str, end: int) -> bool:
    if _TR_LOCATIVE.match(text, end):
        return True
    after = re.match(r" ([^\W\d_]+)", text[end:end + 30])
    return bool(after) and after.group(1)[:1].islower() and after.group(1).casefold().startswith(_TR_PLACE_KINDS)


_DATELINE_END = re.compile(r"\s*(?:\([^()\n]{1,30}\)\s*)?[-–—]\s")


def _dateline_place(text: str, mentions: list[Mention]) -> None:
    """A name in capitals that opens the text before an agency in brackets and a dash is the dateline's
    place ('ŞARM EL-ŞEYH (AA) - ...', 'WASHINGTON (AP) - ...'), not a person of two words."""
    if not mentions or text[:mentions[0].start].strip():
        return
    first = mentions[0]
    if first.text.isupper() and first.role is None and first.type in ("PER", NAME) \
            and _DATELINE_END.match(text, first.end):
        first.type = "LOC"


def _sentence_opener(text: str, start: int) -> bool:
    """The word at `start` opens a sentence or a line."""
    before = text[:start].rstrip(" ")
    return not before or before[-1] in ".!?\n:«\"“"


def _outside_titles(text: str, mentions: list[Mention]) -> list[Mention]:
    """Names inside a quoted title are parts of the title, not names of their own: in " The Cat in the Hat ",
    " Diana Ross Presents the Jackson 5 ", " Kingdom Hearts : Chain of Memories " (a film, song or book)
    no person or place is meant. A quotation in title case (no word of four letters or more in lower case,
    two words or more) is a title; quoted speech has lower-case words. A name that is the whole title
    stays (the title may be a body's name: " Billboard "), and so do countries and places of several
    words (a summit's name, "Центральная Азия - Китай", holds real places)."""
    titles = []
    for match in _QUOTED.finditer(text):
        group = 1 if match.group(1) is not None else 2
        inner = match.group(group)
        words = re.findall(r"[^\W\d_][\w'’\-]*", inner)
        if len(words) >= 2 and not any(len(w) >= 4 and w[:1].islower() for w in words):
            start = match.start(group) + len(inner) - len(inner.lstrip())
            titles.append((start, match.start(group) + len(inner.rstrip())))
    if not titles:
        return mentions
    return [m for m in mentions if m.type == "LOC" and (m.key.startswith("C:") or " " in m.text) or not any(s <= m.start and m.end <= e and (m.start, m.end) != (s, e)
                                                              for s, e in titles)]


def _bodies_of_countries(mentions: list[Mention]) -> None:
    """A body whose name holds a country's name is that country's ('Армия Израиля', 'United States
    Army', 'Ministerstwo Spraw Zagranicznych Polski'): events read an actor's country off it."""
    for mention in mentions:
        if mention.type == "ORG" and not mention.country and " " in mention.text:
            words = [w.strip(".,;:()\"'«»") for w in mention.text.split()]
            windows = (" ".join(words[i:i + n]) for n in (3, 2, 1) for i in range(len(words) - n + 1))
            mention.country = next((code for window in windows if (code := lookup_country(window))), None)


_SURNAME_FIRST = re.compile(r"([A-Z][a-z]{1,4}) [A-Z][a-z]+-[a-z]+")


def surname_first(name: str) -> str | None:
    """The surname of a Korean name in its usual romanisation, written first, the given name's two
    syllables hyphened ('Lee Jae-myung', 'Kim Moon-soo', 'Yoon Suk-yeol'); None for other names."""
    match = _SURNAME_FIRST.fullmatch(name.strip())
    return match.group(1) if match else None


def surname_first_bearers(names: list[tuple[str, int]]) -> dict[str, str]:
    """surname -> the one person of the article the surname alone names, from the article's person
    names (name, sentence index; one entry per occurrence): the only one written surname first with it,
    or, where several share it, the one named in the lead (the first sentence) while no other is, or
    the one named at least twice and twice as often as any other. News names its subject in the lead
    and then by surname ('Lee pledged' after 'Lee Jae-myung took the oath', though 'Lee Jun-seok' came
    third in the vote)."""
    counts: dict[str, Counter] = {}
    in_lead: dict[str, set[str]] = {}
    for name, sentence in names:
        if (surname := surname_first(name)):
            counts.setdefault(surname, Counter())[name.strip()] += 1
            if sentence == 0:
                in_lead.setdefault(surname, set()).add(name.strip())
    bearers = {}
    for surname, named in counts.items():
        ranked = named.most_common(2)
        if len(ranked) == 1 or ranked[0][1] >= 2 and ranked[0][1] >= 2 * ranked[1][1]:
            bearers[surname] = ranked[0][0]
        elif len(in_lead.get(surname, ())) == 1:
            bearers[surname] = next(iter(in_lead[surname]))
    return bearers


def _recurring_surnames(text: str, sentences: list[Sentence], found: list[Mention], language: str = "") -> list[Mention]:
    """The surname of a person the article names in full, wherever else it stands alone ('Halina
    Wrobeska' ... 'sagte Wrobeska'): the rules may miss it there (a German capitalised word after
    a word ending like an adjective reads as a noun). Cased scripts only, whole words."""
    surnames = {m.text.split()[-1] for m in found if m.type == "PER" and len(m.text.split()) >= 2}
    roles = _settings(language)["triggers"] if language else set()
    # a role word is no surname, even where a run of names took it in ('Республикаси Президенти')
    surnames = {word for word in surnames if len(word) >= 3 and word[:1].isupper() and word.lower() not in roles}
    # a Korean name written surname first ('Lee Jae-myung' ... 'Lee pledged'), when no other person of
    # the article has that surname, or one is named far more often than the others (`surname_first_bearers`)
    surnames |= set(surname_first_bearers([(m.text, m.sentence) for m in found if m.type == "PER"]))
    # a surname with its particle ('Laurence des Cars' ... 'Des Cars aseguró'), tried before the bare word
    particled = {" ".join(m.text.split()[-2:]) for m in found if m.type == "PER" and len(m.text.split()) >= 3
                 and m.text.split()[-2] in _SURNAME_PARTICLES and m.text.split()[-1] in surnames}
    for m in found:
        # ... also where the rules read the bare word ('Des' opening a sentence is a stop word)
        for surname in particled:
            particle = surname[:-len(m.text) - 1]
            if surname.endswith(" " + m.text) and m.start > len(particle) \
                    and text[m.start - len(particle) - 1:m.start].lower() == particle.lower() + " " \
                    and (m.start == len(particle) + 1 or not text[m.start - len(particle) - 2].isalnum()):
                m.start -= len(particle) + 1
                m.text, m.type, m.country = text[m.start:m.end], "PER", None
    taken = [(m.start, m.end) for m in found]
    added: list[Mention] = []
    for surname in sorted(particled, key=len, reverse=True) + sorted(surnames):
        pattern = re.escape(surname)
        if surname in particled:  # the particle capitalised where it opens a sentence
            pattern = f"(?:{re.escape(surname[0].upper())}|{re.escape(surname[0])}){re.escape(surname[1:])}"
        for match in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", text):
            if not _overlaps(match.start(), match.end(), taken):
                added.append(Mention(start=match.start(), end=match.end(), text=match.group(), type="PER",
                                     sentence=_sentence_of(sentences, match.start()),
                                     key=f"N:{name_key(surname) or _fold(surname)}"))
                taken.append((match.start(), match.end()))
    return added


# Vietnamese names of bodies capitalise the first syllable of each word only ('Quốc hội', 'Tòa án Hiến
# pháp', 'Ủy ban Bầu cử Quốc gia'), so name runs of capitalised syllables break inside them: a head
# word, then words that open with a capital (a capital syllable and at most one lower-case one: two
# lower-case syllables are the sentence going on, 'Cục Cứu hộ và Bộ Quốc phòng' is two bodies)
_VI_HEADS = ("Quốc hội", "Tòa án", "Toà án", "Ủy ban", "Uỷ ban", "Thượng viện", "Hạ viện", "Tổng cục", "Hội đồng",
             "Ngân hàng", "Công ty", "Tập đoàn", "Liên minh", "Quân đội", "Văn phòng", "Thông tấn xã", "Bộ", "Đảng",
             "Viện", "Cục", "Hãng",
             "đảng")  # a party's name after the common noun: 'đảng Dân chủ Tự do' (the LDP)
_VI_ALONE = {"Quốc hội", "Thượng viện", "Hạ viện"}  # names on their own: the country's parliament
_VI_SYLLABLE = r"[^\W\d_]+"
_VI_BODY = re.compile(r"(?<!\w)(?P<head>" + "|".join(sorted(map(re.escape, _VI_HEADS), key=len, reverse=True))
                      + rf")(?P<rest>(?: (?-i:[A-ZĐÀ-Ỹ]){_VI_SYLLABLE}(?: (?-i:[a-zđà-ỹ]){_VI_SYLLABLE})?)*)(?!\w)")


_VOWEL_GROUPS = re.compile(r"[aeiouyăâêôơư]+")


def _vietnamese_syllable(word: str) -> bool:
    """Whether a word may be one Vietnamese syllable: one vowel group ('Quyền', 'Hiến', 'Nguyễn'),
    where a foreign name has several ('Komeito', 'Ishin')."""
    return len(_VOWEL_GROUPS.findall(_fold(word).replace("qu", "q").replace("gi", "g"))) <= 1


def _vietnamese_bodies(text: str, sentences: list[Sentence]) -> list[Mention]:
    found = []
    for match in _VI_BODY.finditer(text):
        kept: list[str] = []
        country = None
        syllables = match.group("rest").split()
        for k, syllable in enumerate(syllables):
            # a word is a capital syllable and at most one lower-case one ('Hiến pháp', 'Bầu cử'); after
            # two capitals (a name: 'Hàn Quốc', 'Nhật Bản') a lower-case syllable is the sentence going on
            if syllable[:1].islower() and not (kept and kept[-1][:1].isupper() and _vietnamese_syllable(kept[-1])
                                               and (len(kept) == 1 or kept[-2][:1].islower())):
                break  # ... but a foreign name is no syllable of a word: 'đảng Komeito tuyên bố'
            # after words of the body ('Quyền lực Nhân dân'), two capitals in a row that are no country
            # begin another name: 'đảng Quyền lực Nhân dân Kim Moon-soo' is a party and its candidate
            if kept and kept[-1][:1].islower() and k + 1 < len(syllables) and syllables[k + 1][:1].isupper() \
                    and not lookup_country(f"{syllable} {syllables[k + 1]}"):
                break
            kept.append(syllable)
            # a country ends the name: 'Bộ Tài chính Mỹ', 'Quốc hội Nhật Bản', not '... Israel rút'
            country = lookup_country(" ".join(kept[-2:])) if len(kept) >= 2 else None
            country = country or (lookup_country(syllable) if syllable[:1].isupper() else None)
            if country:
                break
        if not kept and match.group("head") not in _VI_ALONE:
            continue  # 'Bộ', 'Đảng' alone are 'ministry', 'party'
        surface = " ".join([match.group("head")] + kept)
        found.append(Mention(start=match.start(), end=match.start() + len(surface), text=surface, type="ORG",
                             sentence=_sentence_of(sentences, match.start()),
                             key=f"N:{name_key(surface) or _fold(surface)}", country=country))
    return found


def _type_by_recurrence(mentions: list[Mention]) -> None:
    """A name of unknown kind takes the type the article gives the same name elsewhere: the surname of
    a person named in full ('Starmer' after 'Keir Starmer'), or the same name typed by its context
    ('the Louvre museum' ... 'Louvre'). Recurrence within the document, as Europe Media Monitor uses it."""
    typed: dict[str, str] = {}
    for m in mentions:
        if m.type == NAME or m.key.startswith("C:"):
            continue
        typed.setdefault(m.key, m.type)
        words = m.text.split()
        if m.type == "PER" and len(words) >= 2:
            typed.setdefault(f"N:{name_key(words[-1]) or _fold(words[-1])}", "PER")
    for m in mentions:
        if m.type == NAME and m.key in typed:
            m.type = typed[m.key]


def _people_not_towns(text: str, mentions: list[Mention], language: str) -> None:
    """A lone word the gazetteer knows as a town is the person the article names in full when it is
    one of that person's names: 'Kim' after 'Kim Moon-soo' is not the Indian town of Kim, 'Ali'
    after 'Ali Khamenei' not the Indian town of Ali. Family names come first in Korean, Chinese and
    Vietnamese names and last in most others, so both ends count. Countries, regions and cities of a
    million people keep their reading ('Jordan', 'Paris' beside 'Paris Hilton'), and so does a town
    the text puts a place word before ('Farmers in Lincoln' beside 'Abraham Lincoln')."""
    parts: set[str] = set()
    for m in mentions:
        words = m.text.split()
        if m.type == "PER" and len(words) >= 2:
            parts.update((words[0], words[-1]))
    if not parts:
        return
    place_words = set().union(*PLACE_CONTEXT.get(language, (set(), set())))
    for m in mentions:
        if m.type != "LOC" or m.role or " " in m.text or m.text not in parts or m.key.startswith("C:"):
            continue
        place = lookup_place(m.text)
        if place is None or place[1] >= 6 or region_gazetteer().get(_fold(m.text)):
            continue
        before = text[max(0, m.start - 40):m.start].split()
        if before and before[-1].lower() in place_words:
            continue
        m.type, m.country, m.key = "PER", None, f"N:{name_key(m.text) or _fold(m.text)}"


def _places_by_context(mentions: list[Mention], language: str) -> None:
    """A place name that towns or regions of several countries bear takes the country the text's
    other places point to, where it has a town or region of that name there: 'Florencia' is the
    Italian city by default, Colombian beside 'Caquetá'; 'San José' beside 'Tierralta' (a Colombian
    town) is Colombian, not Californian. The clues are places only: each other place votes for every
    country it may be in, and the default stands unless another country gets more votes ('Birmingham
    and Manchester' stay British); a country named right after the place ('Córdoba, Argentina')
    settles it. Countries named as actors
    ('US sanctions on firms in St. Petersburg') and demonyms say nothing of where a place is. The
    sentence's clues count first, then the whole text's. A region name that no clue settles, whose
    default country does not speak the text's language, is read in a country that does, where it has
    a region of the name ('Huila' in Spanish: Colombia's, not Angola's Huíla). Not towns: a town's
    population says more than the language of the text (English, Spanish or Arabic news names towns
    all over the world; doing so for towns cost a record on the English set)."""
    places = [(m, place_holders(m.text, language)) for m in mentions
              if m.type == "LOC" and m.country and not m.key.startswith("C:")]
    if not places:
        return
    clues: dict[int, list[str]] = {}  # sentence -> the countries its unambiguous places point to
    for m, holders in places:
        if len(holders) == 1:
            clues.setdefault(m.sentence, []).append(holders[0])
    named = [m for m in mentions if m.key.startswith("C:") and m.role is None and m.country]
    for m, holders in places:
        if len(holders) < 2:
            continue
        # 'Córdoba, Argentina', 'Paris (Texas)': a country right after the place is its own
        after = next((n.country for n in named if n.sentence == m.sentence and 0 < n.start - m.end <= 3), None)
        # else each other place of the sentence (of the text, where the sentence has none) splits a
        # vote among the countries it may be in: 'Florencia' (IT, CO, ...) beside 'Huila' (AO, CO) is
        # Colombian; 'La Paz' beside 'Los Ángeles' (a dozen countries) stays Bolivian
        others = [h for o, h in places if o is not m and o.sentence == m.sentence] or \
            [h for o, h in places if o is not m]
        votes = [(after, 1.0)] if after else [(code, 1 / len(h)) for h in others for code in h]
        counted: Counter = Counter()
        for code, share in votes:
            if code in holders:
                counted[code] += share
        best = max(counted.values(), default=0.0)
        if best < MIN_VOTE or counted[m.country] >= best:
            if not counted and lookup_place(m.text, language)[1] == 0.0 and \
                    language not in _official_languages(m.country):
                spoken = next((code for code in holders if language in _official_languages(code)), None)
                m.country = spoken or m.country
            continue
        m.country = max(counted, key=lambda code: (counted[code], -holders.index(code)))
    for m in mentions:
        # a capital's name that is also a region of the country the sentence's places point to is that
        # region ('Sincelejo, Sucre': the Colombian department, not Bolivia's capital); a town of the
        # name is not enough ('Moscow' beside 'Idaho' is still Moscow)
        if m.role != "capital" or m.type != "LOC" or m.country in clues.get(m.sentence, ()):
            continue
        regions = _region_holders().get(_fold(m.text), ())
        there = Counter(code for code in clues.get(m.sentence, ()) if code in regions)
        if there:
            m.country, m.role = there.most_common(1)[0][0], None
            m.key = f"N:{name_key(m.text) or _fold(m.text)}"


MIN_VOTE = 0.5  # a place of one or two countries, or two of three ...


@lru_cache(maxsize=512)
def _official_languages(country: str) -> tuple[str, ...]:
    from babel.languages import get_official_languages

    return tuple(get_official_languages(country, de_facto=True))


# the Arabic article as Latin script writes it before a name, glued by a hyphen, in lower case
# ('al-Sisi', 'es-Sisi', 'el-Sisi', 'ash-Sharaa', 'ul-Haq', 'ed-Din'): read here and by entities/resolve.py
AR_ARTICLES = r"(?:al|el|as|es|ash|ad|ar|at|az|an|ul|ed)"
_ARTICLE_PARTICLE = re.compile(AR_ARTICLES + r"-[^\W\d_]")


def _dictionary_names(text: str, sentences: list[Sentence], language: str, found: list[Mention]) -> list[Mention]:
    """Names of the known-actor dictionaries (events/data: ~2,300 people and groups, written in many
    scripts) where neither the rules nor a model found a name: in Arabic and Chinese a person needs a
    role word before them for the rules, so 'ترامب' or '特朗普' alone would go unseen (Europe Media
    Monitor recognises known names the same way). Groups (actors.txt) are organisations, the rest
    people; a name in a cased script must be capitalised, as names are ('junta' is no name). A name
    the rules found without telling its kind takes the dictionary's. Returns all mentions."""
    # what the rules could not type, gazetteer places a group's name may hide ('Hamas' is a village),
    # and people a role word made of what the role is of ('ein Sprecher der Hamas')
    unknown = {m.start: m for m in found if m.type == NAME or m.key.startswith("N:") and (
        m.type == "LOC" and not m.role or m.type == "PER" and m.role)}
    taken = [(m.start, m.end) for m in found]
    added: list[Mention] = []
    for start, end, _code, _sector, canonical in known_actor_spans(text, language=language):
        surface = text[start:end]
        word = re.match(r"\w*", text[end:]).group()
        if word and _ROMAN.fullmatch(surface + word):
            continue  # 'XIX' (a century) is no 'Xi' with an ending
        group = canonical in _dictionary_groups()
        kind = "ORG" if group or (surface.isupper() and len(surface) > 1) else "PER"
        same = unknown.get(start)
        if same is not None and end <= same.end and " " not in text[end:same.end] and (
                same.type == NAME or kind == "ORG" and (same.type == "LOC" or group)):
            same.type, same.country = kind, None  # the rules found the name ('Trumps') but could not tell its kind
            same.role = same.role if kind == "PER" else None
            continue
        if surface[:1].isalpha() and surface[:1].islower() and not _ARTICLE_PARTICLE.match(surface):
            continue
        role = None
        covered = [m for m in found + added if start <= m.start and m.end <= end and (m.start, m.end) != (start, end)]
        if surface[:1].islower():  # 'al-Assad' after the given name the rules read ('Hafiz'): one name
            covered += [m for m in found + added if m.type in ("PER", NAME) and text[m.end:start] == " "
                        and m.start < start]
            if len(covered) == 1 and covered[0].end < start:
                start = covered[0].start
                surface = text[start:end]
        if kind == "PER" and covered and not any(m.start < end and start < m.end and m not in covered
                                                 for m in found + added) \
                and not any(m.key.startswith("C:") or m.role and m.start > start for m in covered):
            # the rules cut the name the dictionary lists ('Abdel Fattah' of 'Abdel Fattah al-Sisi'); a
            # role word they left out stays out ('Queen' of 'Queen Elizabeth II')
            role = next((m.role for m in covered if m.role), None)
            for m in covered:
                (found if m in found else added).remove(m)
            taken = [(m.start, m.end) for m in found + added]
        if kind == "PER" and _cut_after_known_person(text, start, end, canonical, found):
            taken = [(m.start, m.end) for m in found + added]
            continue
        if _overlaps(start, end, taken):
            continue
        if kind == "PER":
            start = _given_names_before(text, start, canonical, taken)
            surface = text[start:end]
        added.append(Mention(start=start, end=end, text=surface, type=kind, sentence=_sentence_of(sentences, start),
                             key=f"N:{name_key(surface) or _fold(surface)}", role=role if kind == "PER" else None))
        taken.append((start, end))
    return found + added


# Russian and Ukrainian capitalise the first word of a body's name only ('Конституционный суд',
# 'Центральной избирательной комиссии', 'Партии реформ', 'Организации исламского сотрудничества'), so
# the rules read the capitalised adjective or head alone. A capitalised adjective, up to two adjectives
# in lower case and a head noun, with up to two nouns in the genitive after it when the clause goes
# on ('Международный союз охраны природы рассматривает'; not a predicate that ends it: 'комиссии
# верны.'); or a capitalised head inside a sentence and up to two adjectives and one noun in lower
# case after it (the head's complement) is a body.
_SLAVIC_ADJ = (r"(?:[а-яёіїєґ]+-)?[а-яёіїєґ]+"
               r"(?:ый|ий|ой|ая|яя|ое|ее|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ых|их|ыми|ими|а|і|ої|ій|ою)")
_SLAVIC_HEADS = (r"(?:суд|партия|партии|партию|партией|партія|партії|комиссия|комиссии|комиссию|комісія|"
                 r"комісії|союз|союза|союзу|союзом|совет|совета|совете|рада|ради|комитет|комитета|комітет|комітету|собрание|собрания|"
                 r"министерство|министерства|министерстве|міністерство|міністерства|агентство|агентства|агентстві|"
                 r"служба|службы|служби|фронт|фронта|движение|движения|рух|руху|организация|организации|організація|"
                 r"організації|бюро|палата|палаты|палати|церковь|церкви|церква|церкви)")
_SLAVIC_BODY = re.compile(
    rf"(?<![\w-])(?:(?-i:[А-ЯЁІЇЄҐ]){_SLAVIC_ADJ}(?: (?-i:{_SLAVIC_ADJ})){{0,2}} (?-i:{_SLAVIC_HEADS})"
    rf"(?: (?-i:[а-яёіїєґ]{{3,}}(?:ы|и|ов|ев|ей|ів))(?<!ли)(?= \w)){{0,2}}"
    rf"|(?<=[а-яёіїєґ,] ){_SLAVIC_HEADS}(?: (?-i:{_SLAVIC_ADJ})){{0,2}} (?-i:[а-яёіїєґ]{{4,}})"
    r"(?<!ла|ло|ли|ть|ет|ют|ит|ат|ят|ся|сь))"
    r"(?![\w-])", re.IGNORECASE)


def _slavic_bodies(text: str, sentences: list[Sentence]) -> list[Mention]:
    found = []
    for match in _SLAVIC_BODY.finditer(text):
        if not match.group()[:1].isupper():
            continue
        phrase = match.group()
        found.append(Mention(start=match.start(), end=match.end(), text=phrase, type="ORG",
                             sentence=_sentence_of(sentences, match.start()),
                             key=f"N:{name_key(phrase) or _fold(phrase)}"))
    return found


# Russian and Ukrainian name a party, movement or company after its lower-case kind noun, in
# guillemets: 'партии «Сила народа»', 'партия «Единая Россия»', 'компания «Газпром»'. The quoted words
# are one body's name, whatever their case and whatever names lie inside ('Россия').
_SLAVIC_QUOTED_HEADS = (r"(?:парти[яиюей]|партія|партії|партію|партією|движени[еяю]|рух[уом]?|блок[аеу]?|"
                        r"объединени[еяю]|об'єднанн[яі]|коалици[яиюей]|коаліці[яїю]|компани[яиюей]|компані[яїю]|"
                        r"концерн[аеу]?|фонд[аеу]?|организаци[яиюей]|організаці[яїю])")
_SLAVIC_QUOTED = re.compile(rf"(?<![\w-]){_SLAVIC_QUOTED_HEADS}\s+«((?-i:[А-ЯЁІЇЄҐA-Z])[^«»\n]{{1,60}})»",
                            re.IGNORECASE)


def _slavic_quoted_bodies(text: str, sentences: list[Sentence], found: list[Mention]) -> list[Mention]:
    out = list(found)
    for match in _SLAVIC_QUOTED.finditer(text):
        phrase = match.group(1).strip()
        if len(phrase.split()) > 5:
            continue  # a quotation, not a name
        start = match.start(1)
        new = Mention(start=start, end=start + len(phrase), text=phrase, type="ORG",
                      sentence=_sentence_of(sentences, start), key=f"N:{name_key(phrase) or _fold(phrase)}")
        out = _put_over(out, new, keep_marked=False) or out
    out.sort(key=lambda m: m.start)
    return out


def _replace_inside(found: list[Mention], spans: list[Mention]) -> list[Mention]:
    """`spans` (longer names another rule read) replace the mentions that lie inside them; one that
    overlaps a mention partly, or lies inside one, is dropped, and so is one with a country's
    mention or a role inside."""
    out = list(found)
    for new in spans:
        out = _put_over(out, new, keep_marked=True) or out
    out.sort(key=lambda m: m.start)
    return out


def _put_over(out: list[Mention], new: Mention, keep_marked: bool) -> list[Mention] | None:
    """`out` with `new` in place of the mentions that lie inside it (appended last), or None where it
    overlaps a mention partly or lies inside one, or (`keep_marked`) has a country's mention or a
    role inside."""
    inside = [m for m in out if new.start <= m.start and m.end <= new.end]
    if any(m.start < new.end and new.start < m.end and m not in inside for m in out) \
            or keep_marked and any(m.key.startswith("C:") or m.role for m in inside):
        return None
    return [m for m in out if m not in inside] + [new]


_TRAILING_LINKS = re.compile(r"(?:\s+(?:d['’]|de|del|de la|des|du|of|of the|the|der|von|la|el|los|las|di|do|da))+$")


_LINK_WORDS = {"d'", "d’", "de", "del", "des", "du", "la", "le", "l'", "of", "the", "der", "von", "el", "los", "las",
               "di", "do", "da", "и", "und", "et", "y", "and", "ve"}


def _says_which_state(rest: str, generic: set[str]) -> bool:
    """Whether an official name's remainder holds a word for a state ('République', 'Republik', or a
    compound ending with one: 'Bundesrepublik') and a word that qualifies it; fragments that end with
    an apostrophe, a hyphen or a short word (the short name cut out of the middle) are no names."""
    words = rest.split()
    if not words or rest[-1] in "'’-" or len(words[-1]) < 3:
        return False
    folded = [w.casefold() for w in words]
    compound = [w for w in folded if w not in generic and any(w.endswith(g) for g in generic)]
    qualifiers = [w for w in folded if w not in generic and w not in _LINK_WORDS]
    return bool(compound) or len(words) >= 2 and len(qualifiers) < len(words) and bool(qualifiers)


@lru_cache(maxsize=64)
def _official_names(language: str) -> tuple[re.Pattern | None, dict[str, str], dict[str, tuple[str, ...]]]:
    """A language's official country names (pycountry's translations: 'République fédérale
    d'Allemagne', 'Bundesrepublik Deutschland', 'República Islámica de Irán') -> code, and what is left
    of them without the short name ('République fédérale', 'Bundesrepublik', 'República Islámica')
    -> the codes it may stand for; with one pattern finding either in a text."""
    try:
        import gettext

        import pycountry

        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except (ImportError, OSError):
        return None, {}, {}
    full: dict[str, str] = {}
    bare: dict[str, set[str]] = {}
    for country in pycountry.countries:
        official = getattr(country, "official_name", None)
        if not official or translation.gettext(official) == official:
            continue
        name = translation.gettext(official)
        short = translation.gettext(country.name).split(",")[0].strip()
        full[name] = country.alpha_2
        if short and short in name:
            rest = _TRAILING_LINKS.sub("", name.replace(short, "").strip(" ,")).strip()
            if rest[:1].isupper():
                bare.setdefault(rest, set()).add(country.alpha_2)
    # what is left must say more than 'République', 'Royaume', 'Republik' (words left of five countries
    # or more): two words ('République fédérale') or a compound of one ('Bundesrepublik')
    generic = {rest.casefold() for rest, codes in bare.items() if " " not in rest and len(codes) >= 5}
    bare = {rest: codes for rest, codes in bare.items() if _says_which_state(rest, generic)}
    names = sorted(set(full) | set(bare), key=len, reverse=True)
    if not names:
        return None, {}, {}
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return pattern, full, {rest: tuple(sorted(codes)) for rest, codes in bare.items()}


def _official_country_names(text: str, sentences: list[Sentence], language: str,
                            found: list[Mention]) -> list[Mention]:
    """A country named by its official name ('la République fédérale d'Allemagne') is the country,
    and so is that name without the short name ('la République fédérale', 'der Bundesrepublik', 'la
    República Islámica') in an article that names the country too, and no other it may stand for."""
    pattern, full, bare = _official_names(language) if language else (None, {}, {})
    if pattern is None:
        return found
    named = {m.key[2:] for m in found if m.key.startswith("C:")}
    out = found
    for match in pattern.finditer(text):
        surface = match.group()
        code = full.get(surface)
        if code is None:
            candidates = bare.get(surface, ())
            codes = [c for c in candidates if c in named]
            if not codes and not (set(candidates) & named):
                # an article that names none of them: the state whose first official language is the
                # article's ('der Bundesrepublik' in German is Germany, not Nigeria or Somalia), if one
                codes = [c for c in candidates if _official_languages(c)[:1] == (language,)]
            code = codes[0] if len(codes) == 1 else None
        if code is None:
            continue
        out = _put_over(out, Mention(start=match.start(), end=match.end(), text=surface, type="LOC",
                                     sentence=_sentence_of(sentences, match.start()), key=f"C:{code}",
                                     country=code), keep_marked=False) or out
    return sorted(out, key=lambda m: m.start) if out is not found else found


_AIRLINE = re.compile(r"(?<![\w-])Air[ \u00a0-]([A-ZÀ-ÖØ-Þ][^\W\d_]+)(?![\w-])")


def _airlines(text: str, sentences: list[Sentence], found: list[Mention]) -> list[Mention]:
    """'Air' and a country's name is the airline, a body, not the country ('Air India', 'Air France',
    in any language that writes it in Latin letters): the country's mention inside becomes the body's."""
    out = found
    for match in _AIRLINE.finditer(text):
        code = lookup_country(match.group(1))
        if not code:
            continue
        surface = match.group()
        # the country's mention inside becomes the airline's; not where it is part of a longer name
        # another rule read ('Air-India-Flug AI171')
        out = _put_over(out, Mention(start=match.start(), end=match.end(), text=surface, type="ORG",
                                     sentence=_sentence_of(sentences, match.start()),
                                     key=f"N:{name_key(surface) or _fold(surface)}", country=code),
                        keep_marked=False) or out
    return sorted(out, key=lambda m: m.start) if out is not found else found


_DOTTED = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,4}(?!\w)")


def _dotted_acronyms(text: str, sentences: list[Sentence], found: list[Mention]) -> list[Mention]:
    """Acronyms written with full stops ('U.S.', 'U.K.', 'U.N.'): the word pattern reads single
    letters, so they went unseen. Without the stops, a country's name is the country and a name of
    the translated-names dictionary its body; other letters are a person's initials ('G.S. Malik')."""
    taken = [(m.start, m.end) for m in found]
    added = []
    for match in _DOTTED.finditer(text):
        if _overlaps(match.start(), match.end(), taken):
            continue
        letters = match.group().replace(".", "")
        code = lookup_country(letters)
        body = not code and any(kind == "ORG" for *_, kind, _country in translated_name_spans(letters))
        if code or body:
            added.append(Mention(start=match.start(), end=match.end(), text=match.group(),
                                 type="LOC" if code else "ORG",
                                 sentence=_sentence_of(sentences, match.start()),
                                 key=f"C:{code}" if code else f"N:{name_key(letters) or _fold(letters)}",
                                 country=code or None))
    return sorted(found + added, key=lambda m: m.start) if added else found


# Arabic names written in Latin letters keep the article in lower case, hyphened to the next word
# ('Abdel Fattah al-Sissi', 'Tamim bin Hamad al-Thani', 'Sharm el-Sheikh', 'Abdulfettah es-Sisi'; the
# article assimilates: es-, ash-, ad-, ...)
_NON_LATIN_LETTER = re.compile("[^" + LATIN + r"\s\-'’.]")
_AR_PARTICLE_AFTER = re.compile(r"[ \u00a0]" + AR_ARTICLES + r"-([A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]+(?:['’][^\W\d_]+)?)")


def _arabic_particle_names(text: str, found: list[Mention]) -> list[Mention]:
    """A Latin-script name followed by a lower-case Arabic article and a capitalised word continues
    there: the word pattern reads a name in capitals only, so 'Abdel Fattah al-Sissi' was 'Abdel
    Fattah' and the person 'Sissi', 'Sharm el-Sheikh' the name 'Sharm'. The mention takes the article
    and the word (a mention of the word alone goes); countries and the dictionary's bodies stay as
    they are ('Iraq al-...' is rare, and a country key is no spelling)."""
    by_start = {m.start: m for m in found}
    dropped: set[int] = set()
    for m in found:
        if id(m) in dropped or m.type not in ("PER", NAME, "LOC") or not m.key.startswith("N:") \
                or _NON_LATIN_LETTER.search(m.text):
            continue
        match = _AR_PARTICLE_AFTER.match(text, m.end)
        if not match:
            continue
        inner = by_start.get(match.start(1))
        if inner is not None:
            if inner.end != match.end() or inner.key.startswith("C:"):
                continue
            dropped.add(id(inner))
        m.end, m.text = match.end(), text[m.start:match.end()]
        m.key = f"N:{name_key(m.text) or _fold(m.text)}"
    return [m for m in found if id(m) not in dropped] if dropped else found


_OPENING_QUOTES = frozenset('«"“„‘\'')
_CLOSING_QUOTES = frozenset('»"”“’\'')


def _translated_names(text: str, sentences: list[Sentence], language: str, found: list[Mention]) -> list[Mention]:
    """Names of the dictionary of translated names (entities/data/known.txt: international bodies,
    seats of power, parties ...) wherever they stand, as the event actors' names are: the rules cut
    'Europäische Union' to 'Union' (an adjective before a noun), 'Abdel Fattah al-Sisi' to 'Abdel
    Fattah', and never see '欧盟' or 'BM' alone. A dictionary name that covers the rules' mentions
    replaces them (a person's reading stays); an acronym of the dictionary that opens what the rules
    read as one name is a body of its own when a person's name of two words or more follows it
    ('Генеральный секретарь ООН Антониу Гутерриш': the UN and its officer; not 'SCO Angers', a club,
    or 'FIFA World Cup'). A name in a cased script must be written as the dictionary
    writes it (capitalised, or in capitals): 'union européenne' in lower case is no name."""
    from ..known import _casing, _unspaced, fold

    spans = translated_name_spans(text, language)
    if not spans:
        return found
    out = list(found)
    for start, end, kind, country in spans:
        surface = text[start:end]
        if kind == "LOC" and start > 0 and text[start - 1] in _OPENING_QUOTES and text[end:end + 1] in _CLOSING_QUOTES:
            continue  # a place's name alone in quotes is a title: '«الشرق الأوسط»', the newspaper
        inside = [m for m in out if start <= m.start and m.end <= end]
        around = [m for m in out if m.start <= start and end <= m.end and (m.start, m.end) != (start, end)]
        partial = [m for m in out if m.start < end and start < m.end and m not in inside and m not in around]
        if partial and not inside and _unspaced(surface) \
                and all(m.key.startswith("C:") and start < m.start < end < m.end for m in partial):
            # a country's Chinese name that starts inside a name of the dictionary and runs past it: '拉美国家' is
            # Latin America's countries (拉美), not 美国 (the United States)
            for m in partial:
                out.remove(m)
            partial = []
        if kind == "LOC" and len(partial) == 1 and not inside and _place_of_place(text, start, end, partial[0], out):
            partial = []  # "galerie d'Apollon du Louvre": the gallery, and the Louvre after it
        if partial or any((m.start, m.end) == (start, end) or m.key.startswith("C:") for m in inside):
            # a country inside ('МИД России') stays the country's mention; a Chinese name that opens with its
            # country ('日本维新会') is the country and the rest, when the dictionary lists the rest too ('维新会')
            opening = next((m for m in inside if m.start == start and m.key.startswith("C:")), None)
            if not partial and opening is not None and len(inside) == 1 and _unspaced(surface) \
                    and fold(text[opening.end:end]) in _translated_pattern()[1]:
                out.append(Mention(start=opening.end, end=end, text=text[opening.end:end], type=kind,
                                   sentence=_sentence_of(sentences, opening.end),
                                   key=f"N:{name_key(text[opening.end:end]) or _fold(text[opening.end:end])}",
                                   country=country if kind == "LOC" else None))
            continue
        if kind == "PER" and inside:
            continue  # a person the rules found keeps their reading ('Queen' is a role of 'Elizabeth II')
        if around:
            longer = around[0]
            rest = text[end:longer.end]
            words = rest.split()
            if not (start == longer.start and _casing(surface) == 2 and kind == "ORG" and rest[:1] == " "
                    and len(words) >= 2 and (longer.type == "PER" or _a_person(rest.strip(), language))):
                continue  # 'SCO Angers' (a club), 'FIFA World Cup': no body of the dictionary and a name
            out.remove(longer)
            if words:
                rest_start = end + len(rest) - len(rest.lstrip())
                phrase = text[rest_start:longer.end]
                out.append(Mention(start=rest_start, end=longer.end, text=phrase, type="PER",
                                   sentence=longer.sentence, key=f"N:{name_key(phrase) or _fold(phrase)}",
                                   role=longer.role))
        for m in inside:
            out.remove(m)
        out.append(Mention(start=start, end=end, text=surface, type=kind, sentence=_sentence_of(sentences, start),
                           key=f"N:{name_key(surface) or _fold(surface)}", country=country if kind == "LOC" else None))
    out.sort(key=lambda m: m.start)
    return out


# the words that link a place to the larger place it is in ('galerie d'Apollon du Louvre', 'galería de
# Apolo del Museo del Louvre', 'Sala Regia of the Vatican')
_PLACE_OF_LINK = re.compile(r"\s+(?:du|de la|de l['’]|des|del|de|di|della|dello|do|da|of the|of)\s+(?=\w)")


def _place_of_place(text: str, start: int, end: int, other: Mention, found: list[Mention]) -> bool:
    """Whether a name the rules read (`other`) opens inside a dictionary place (start..end) and goes on
    past it with a link word and a capitalised name: the rules ran the place into the larger place it
    is in ('Apollon du Louvre', read as a person). `other` is then cut to the larger place (a name, or
    the body it was read as), so that the dictionary's place can be read whole."""
    if not (start < other.start < end < other.end):
        return False
    link = _PLACE_OF_LINK.match(text, end)
    if link is None or link.end() >= other.end or not text[link.end()].isupper():
        return False
    rest = text[link.end():other.end]
    found.remove(other)
    found.append(Mention(start=link.end(), end=other.end, text=rest, type=NAME if other.type == "PER" else other.type,
                         sentence=other.sentence, key=f"N:{name_key(rest) or _fold(rest)}", role=None))
    return True


def _a_person(name: str, language: str) -> bool:
    """Whether a name of two words or more reads as a person's: a given name of the language first,
    or a person of the event actors' dictionary in it ('Антониу Гутерриш')."""
    if name.split()[0] in given_names(language):
        return True
    groups = _dictionary_groups()
    return any(canonical not in groups for *_, canonical in known_actor_spans(name, language=language))


def translated_name_spans(text: str, language: str = "") -> list[tuple[int, int, str, str | None]]:
    """(start, end, type, country) of the names of entities/data/known.txt a text holds, longest first
    at each place, whole words (names in Chinese and Japanese inside words), written as the
    dictionary writes them; people only by a name of two words or more ('Pope Francis' may be
    'Francis', but not every 'Francis' is the pope). A generic body's name of one word (country '*',
    'Diet', 'Unterhaus') is not read at the start of a sentence, where a common word is capitalised too."""
    from ..known import _casing, _unspaced, fold

    pattern, table = _translated_pattern()
    found = []
    for m in pattern.finditer(text):
        surface = m.group()
        if m.group("spaced") and re.match(r"\w|-\w", text[m.end():m.end() + 2]):
            continue  # inside a longer word, or the first part of a compound ('FIFA-Spiel')
        entry = table.get(fold(surface))
        if entry is None or entry[0] > _casing(surface):
            continue
        if not m.group("spaced") and _runs_into_transliteration(text, m.start(), m.end(), table):
            continue  # '拉美西斯' is Ramesses, not Latin America (拉美) and 西斯
        if entry[2] == "*" and " " not in surface and not _unspaced(surface) \
                and re.search(r"(?:^|[.!?…:]\s+|\n\s*)$", text[max(0, m.start() - 3):m.start()]):
            continue  # a generic body's one-word name opening a sentence may be a common word: 'Diet and sleep'
        found.append((m.start(), m.end(), entry[1], None if entry[2] == "*" else entry[2]))
    return found


# the Han letters Chinese writes foreign names with for their sound (the common ones of Xinhua's tables:
# 拉, 美, 西, 斯 ...); many are common words too (西 west, 美 beautiful), so they say nothing alone
_TRANSLITERATION_HAN = frozenset(
    "阿埃艾爱安昂奥巴拜班邦贝本比彼毕宾波伯勃博布查达戴丹道德登迪蒂丁杜顿多厄恩尔法范菲费芬丰夫弗福盖甘冈戈格根古圭"
    "哈海汉豪赫亨胡霍基吉加贾杰金卡凯坎康考柯科克肯库夸奎拉莱赖兰朗劳勒雷蕾黎里利莉列林琳隆卢鲁伦罗洛马迈麦曼芒梅美"
    "门蒙米密敏莫默姆穆纳娜乃奈南内尼涅纽努诺欧帕潘庞佩彭皮普奇齐恰乔切琼丘瑞萨塞桑瑟森沙绍舍什施舒斯松苏索塔泰坦"
    "汤唐陶特提汀图托瓦万旺威韦维温沃乌伍西希锡夏谢辛休雅亚扬耶伊因尤约赞泽扎詹兹佐")


def _runs_into_transliteration(text: str, start: int, end: int, table: dict) -> bool:
    """Whether a Chinese name of the dictionary written in sound letters only (拉美, 哈梅内伊) is the
    start of a longer transliterated name: two sound letters or more follow it with no name of the
    gazetteer or the dictionary starting there ('拉美西斯二世', Ramesses II). '拉美国家', '拉美地区' and
    '拉美和加勒比' go on with a word (国, 地, 和), and '欧佩克布鲁塞尔' with a known place."""
    if not all(ch in _TRANSLITERATION_HAN for ch in text[start:end]):
        return False
    run = end
    while run < len(text) and text[run] in _TRANSLITERATION_HAN:
        run += 1
    if run - end < 2:
        return False
    index = _uncased_index()[0]
    return not any(text[end:stop] in index or text[end:stop] in table for stop in range(end + 2, run + 1))


@lru_cache(maxsize=1)
def _translated_pattern() -> tuple[re.Pattern, dict[str, tuple[int, str, str | None]]]:
    from importlib import resources

    from ..known import _casing, _trie, _unspaced, fold

    table: dict[str, tuple[int, str, str | None]] = {}
    text = (resources.files("tidings.entities") / "data" / "known.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, country, names = line.split(None, 2)
        for alias in (a.strip() for a in names.split("|")):
            if len(alias) < 2 or kind == "PER" and " " not in alias and not _unspaced(alias):
                continue
            entry = (_casing(alias), kind, None if country == "-" else country)
            known = table.setdefault(fold(alias), entry)
            if known[1:] == entry[1:] and entry[0] < known[0]:
                table[fold(alias)] = entry  # one entry listing 'Galerie d'Apollon' and 'galerie d'Apollon'
    joined = [n for n in table if _unspaced(n)]
    spaced = [n for n in table if not _unspaced(n)]
    pattern = re.compile(r"(?<![\w])(?P<spaced>" + _trie(spaced) + ")" + (f"|{_trie(joined)}" if joined else ""),
                         re.IGNORECASE)
    return pattern, table


_GIVEN_NAME_BEFORE = re.compile("([" + _ARABIC_LETTERS + HEBREW + "]+) $|([" + HAN + KATAKANA + "]{1,6})[·・]$")


def _cut_after_known_person(text: str, start: int, end: int, canonical: str, found: list[Mention]) -> bool:
    """A script without capitals gives the rules no end for a name after a role: they take up to three
    words, and 'الرئيس الأمريكي دونالد ترامب فجر اليوم' (at dawn today) read 'دونالد ترامب فجر'. When a
    dictionary person's listed name (start..end) stands inside such a name, the words of it before the
    listed name spell the person's given names (as `_given_names_before` reads them) and the two make
    a full name, the name ends there ('دونالد ترامب', 'محمود عباس'): the words after it are no part
    of a name the dictionary knows. A first word that is not the person's given name ('أحمد ترامب
    كريم') leaves the name as the rules read it, and so does a listed surname standing first alone
    ('عباس عراقجي': Abbas is Araghchi's given name), and so does a link word after it ('محمد بن زايد
    آل نهيان', the family name). True if a name was cut."""
    for m in found:
        if m.type != "PER" or not (m.start <= start and end < m.end) or not m.text[:1].isalpha() \
                or m.text[:1].isupper() or m.text[:1].islower() or text[end:m.end][:1] not in (" ", "\u00a0"):
            continue
        others = [(o.start, o.end) for o in found if o is not m]
        if _given_names_before(text, start, canonical, others) != m.start or " " not in text[m.start:end] \
                or text[end:m.end].split()[0] in _AR_NAME_LINKS:
            continue  # 'محمد بن زايد آل نهيان': 'Al' (or 'bin') links the family name to the listed one
        m.end, m.text = end, text[m.start:end]
        m.key = f"N:{name_key(m.text) or _fold(m.text)}"
        return True
    return False


def _given_names_before(text: str, start: int, canonical: str, taken: list[tuple[int, int]]) -> int:
    """Where a dictionary person's name begins when the words before the listed surname spell the
    person's given names ('دونالد ترامب', '唐纳德·特朗普' for Donald Trump): each word before it, from
    right to left, must sound like the given name in its place (the cross-script name model)."""
    from ..entities.transliterate import name_similarity

    given = canonical.split()[:-1]
    while given:
        match = _GIVEN_NAME_BEFORE.search(text, max(0, start - 20), start)
        if not match or _overlaps(match.start(), start, taken):
            break
        word = match.group(1) or match.group(2)
        if name_similarity(word, given[-1]) < 0.7:  # 0.6 took "وقال" (wa-qala, "said") for Donald
            break
        start, given = match.start(), given[:-1]
    return start


@lru_cache(maxsize=1)
def _dictionary_groups() -> frozenset[str]:
    """The canonical names of the dictionaries' groups and bodies (events/data/actors.txt)."""
    return frozenset(names[0] for *_, names in actor_lines("actors.txt") if names)


def _with_model(text: str, sentences: list[Sentence], language: str, rules: list[Mention],
                spans: list[tuple[int, int, str]]) -> list[Mention]:
    """The model decides spans and types (it is right far more often: see docs/benchmarks.md); the
    rules keep what a model does not give: country keys, trigger roles, and the gazetteer places,
    countries and trigger-marked people it missed."""
    by_span = {(m.start, m.end): m for m in rules}
    out: list[Mention] = []
    stop = _settings(language)["stop"]
    for start, end, kind in spans:
        # models sometimes take a preposition or article in ('au Louvre', 'the Bank of England')
        lead = re.match(r"(\w+)\s+", text[start:end])
        while lead and lead.group(1) in stop and start + lead.end() < end:
            start += lead.end()
            lead = re.match(r"(\w+)\s+", text[start:end])
        surface = text[start:end]
        if not surface.strip():
            continue
        same = by_span.get((start, end))
        if same is not None and same.key.startswith("C:"):
            out.append(same)  # a country, its capital or demonym: the key resolves it across languages
            continue
        # a name right after a role word ('president', 'Präsident') is a person whatever the model says
        role = next((m.role for m in rules if m.role and m.type == "PER" and m.start < end and start < m.end), None)
        if role:
            kind = "PER"
        code = lookup_country(surface) if kind == "LOC" else None
        place = lookup_place(surface, language) if kind == "LOC" and not code else None
        out.append(Mention(start=start, end=end, text=surface, type=kind, sentence=_sentence_of(sentences, start),
                           key=f"C:{code}" if code else f"N:{name_key(surface) or _fold(surface)}",
                           country=code or (place[0] if place and place[0] else None), role=role if kind == "PER" else None))
    for m in rules:
        if any(m.start < x.end and x.start < m.end for x in out):
            continue
        if m.key.startswith("C:") or m.role or (m.type == "LOC" and m.country):
            out.append(m)
    return out


def _lowercase_words(text: str) -> set[str]:
    return {w for w in _TOKEN.findall(text) if w[:1].islower()}


_UNCASED_RUN = re.compile("[" + KANA + HAN + HAN_EXT_A + HANGUL + _ARABIC_LETTERS + HEBREW + "・·ー]+")
_KATAKANA_NAME = re.compile("[" + KATAKANA + "・＝]{2,}")


@lru_cache(maxsize=1)
def _uncased_index() -> tuple[dict[str, tuple[str, str, str | None]], int]:
    """Uncased-script names -> (type, country, role): countries, metonyms, demonyms, big cities."""
    _, uncased = country_gazetteer()
    index: dict[str, tuple[str, str, str | None]] = {}
    for name, (code, _weight) in place_gazetteer().items():
        if _CJK_OR_UNCASED.search(name) and len(name) >= 2:
            index[name] = ("place", code, None)
    for name, code in uncased.items():
        if len(name) >= 2:
            index[name] = ("country", code, None)
    for name, code in CAPITALS.items():
        if _CJK_OR_UNCASED.search(name):
            index[name] = ("country", code, "capital")
    for name, code in DEMONYMS.items():
        if _CJK_OR_UNCASED.search(name):
            index[name] = ("country", code, "demonym")
    return index, max((len(k) for k in index), default=1)


def _uncased_names(text: str, sentences: list[Sentence], language: str) -> list[Mention]:
    if not _CJK_OR_UNCASED.search(text):
        return []
    index, longest = _uncased_index()
    found: list[Mention] = []

    def add(start: int, end: int, kind: str, code: str | None, role: str | None, name_type: str = "LOC",
            replace: bool = False) -> None:
        if replace:  # a person's whole name read after a role replaces the gazetteer's words inside it
            # ('وزيرة الثقافة رشيدة داتي': 'رشيدة' is a town too); not a country
            inside = [m for m in found if start <= m.start and m.end <= end and not m.key.startswith("C:")]
            if not any(m.type == "PER" for m in inside):  # a known person's name is not run on
                found[:] = [m for m in found if m not in inside]
        if end <= start or any(start < m.end and m.start < end for m in found):
            return
        surface = text[start:end]
        if kind == "country":
            key = f"C:{code}"
        else:
            key = f"N:{name_key(surface)}"
        found.append(Mention(start=start, end=end, text=surface, type=name_type,
                             sentence=_sentence_of(sentences, start), key=key, country=code, role=role))

    words = [(m.start(), m.end(), m.group(0)) for m in re.finditer("[" + _ARABIC_LETTERS + HEBREW + "]+", text)]
    if language in ("ar", "fa") or _ARABIC.search(text):
        _arabic_bodies(text, words, add)
    if language == "zh":
        _han_bodies(text, add, index)
    # 1. gazetteer, longest match first, inside runs of uncased letters
    for run in _UNCASED_RUN.finditer(text):
        s, e = run.span()
        if _ARABIC.match(run.group(0)) or HEBREW[0] <= run.group(0)[0] <= HEBREW[-1]:
            continue
        i = s
        while i < e:
            for length in range(min(longest, e - i), 1, -1):
                hit = index.get(text[i:i + length])
                if hit:
                    add(i, i + length, hit[0], hit[1], hit[2])
                    i += length
                    break
            else:
                i += 1
    # Arabic / Hebrew: words with clitics stripped, phrases of up to three words
    w = 0
    while w < len(words):
        matched = False
        for n in (3, 2, 1):
            if w + n > len(words):
                continue
            start, end = words[w][0], words[w + n - 1][1]
            phrase = text[start:end]
            if not re.fullmatch("[" + _ARABIC_LETTERS + HEBREW + " ]+", phrase):
                continue
            if n == 1 and phrase in _AR_TOWN_HEADS:
                continue  # 'مدينة' without the article is 'the city of', not Medina (المدينة)
            for prefix in ("",) + _AR_PREFIXES:
                if prefix and not phrase.startswith(prefix):
                    continue
                core = phrase[len(prefix):]
                # the article stays inside the name ('والعراق' -> 'العراق'), 'لل' keeps the whole word
                # (convention of examples/gold/mentions.md); a name with the article is not found in a
                # word without it: 'خمس' (five) is not الخمس, the Libyan town
                definite = prefix.endswith("ال") or prefix == "لل"
                shift = 0 if prefix == "لل" else len(prefix) - 2 if prefix.endswith("ال") else len(prefix)
                for suffix in ("", "ية", "ي", "ة"):
                    body = core[: len(core) - len(suffix)] if suffix and core.endswith(suffix) else core
                    if suffix and not core.endswith(suffix):
                        continue
                    hit = (index.get(body) or (index.get("ال" + body) if definite else None)) \
                        if len(body) >= 3 else None
                    if hit is None and n == 2 and not suffix and body.split(" ")[0] in _AR_JOINED_FIRST:
                        hit = index.get(body.replace(" ", ""))  # 'أبو ظبي' is written 'أبوظبي' too
                    if hit and suffix and hit[0] == "place" and n == 1:
                        hit = None  # a town's adjective is no place ('تعزية' is condolence, not Taiz's)
                    if hit and hit[0] == "place" and n == 1 and not suffix \
                            and _arabic_common_word(words, w, ("ال" + core) if definite else core):
                        hit = None
                    if hit:
                        add(start + shift, end, hit[0], hit[1], hit[2] or ("demonym" if suffix else None))
                        matched = True
                        break
                if matched:
                    break
            if matched:
                w += n
                break
        if not matched:
            w += 1
    if language in ("ar", "fa") or _ARABIC.search(text):
        _arabic_lists(text, words, found, add)
    # 2. names next to role triggers
    if language in ("zh", "ja") or re.search("[" + HAN + KATAKANA + "]", text):
        _han_triggers(text, add, language)
    if language == "zh":
        _han_places(text, found, add)
    if language in ("ar", "fa") or _ARABIC.search(text):
        _arabic_triggers(text, words, add)
        _arabic_recurrence(text, found, add)
    return found


def _arabic_common_word(words, w: int, form: str) -> bool:
    """The gazetteer's town in words[w] (`form`: without its proclitics, with its article) is a frequent
    common word (common_words('ar'), bench/build_common_words.py: 'السلطات' the authorities is not
    Settat, 'المدينة' the city not Medina, 'الخبر' the news not Khobar, 'طراز' model not Taraz), unless
    a town's head names it ('مدينة العين')."""
    previous = words[w - 1][2] if w else ""
    if previous in _AR_TOWN_HEADS or previous in ("العاصمة", "عاصمة"):
        return False
    return form in common_words("ar")


def _han_triggers(text: str, add, language: str) -> None:
    for trigger in UNCASED_TRIGGERS["zh"] + UNCASED_TRIGGERS["ja"]:
        for match in re.finditer(re.escape(trigger), text):
            # a katakana name before a Japanese role ('トカエフ大統領'), and after Chinese ones
            before = re.search("[" + KATAKANA + "・＝]{2,}$", text[max(0, match.start() - 30):match.start()])
            if before:
                add(match.start() - len(before.group(0)), match.start(), "name", None, trigger, "PER")
                continue
            if trigger in UNCASED_TRIGGERS["ja"] and trigger not in UNCASED_TRIGGERS["zh"]:
                continue
            j = match.end()
            if text.startswith(UNCASED_TRIGGERS["zh"], j):
                continue  # '总统助理乌沙科夫': the second role names the person
            k = j
            while k < len(text) and k - j < 7 and (HAN[0] <= text[k] <= HAN[-1] or text[k] in "·・")\
                    and text[k] not in _ZH_STOP and text[k:k + 2] not in ("会见", "表示", "访问", "出席", "宣布",
                                                                       "指出", "强调", "发表", "会晤", "签署",
                                                                       "得票", "出任"):
                k += 1
            if k - j >= 2:
                add(j, k, "name", None, trigger, "PER")
    # katakana names with a middle dot are foreign full names
    for match in re.finditer(r"[\u30a1-\u30fa\u30fc]{2,}(?:[・＝][\u30a1-\u30fa\u30fc]{2,})+", text):
        add(match.start(), match.end(), "name", None, None, "PER")


def _han_word(text: str, start: int, longest: int = 6) -> int:
    """Where a run of Han letters from `start` ends: at a function word, a verb of _HAN_BOUNDARIES or
    anything not Han, or after `longest` letters."""
    end = start
    while end < len(text) and end - start < longest and HAN[0] <= text[end] <= HAN[-1] and text[end] not in _HAN_BODY_STOP \
            and not text.startswith(_HAN_BOUNDARIES, end):
        end += 1
    return end


# what follows a region's name without being a town in it: 州长 (governor), 州立 (state-run), 人, 政府, 议会, 警方
# and a title that repeats the region's kind word: 州长 (governor), 省长, 州议会, 首府 (its capital): '加利福尼亚州州长纽森的'
_HAN_NOT_A_TOWN = ("长", "立", "人", "政", "议", "警", "民", "内", "外", "州", "省", "首")
# an item of a Chinese list: two to five letters, no function word, before the next '、' or the closing '等'
_HAN_LIST_ITEM = re.compile("[" + HAN + "]{2,5}(?=[、等])")


def _han_places(text: str, found: list, add) -> None:
    """Chinese places no gazetteer lists, by where they stand. (1) The items of a list of places, one
    of which the gazetteer knows: '曼德勒、实皆、内比都等地' (Mandalay, Sagaing, Naypyidaw and other places):
    an item stands between two '、', or between '、' and the '等' (and others) that closes the list; the
    first item only when it is the known place. (2) A town right after the region it lies in, the
    region named with its kind word, before '的' or another name: '阿拉斯加州安克雷奇的' (Anchorage, Alaska).
    Items and towns are two to five letters and no generic word ('当地')."""
    places = {m.start: m for m in found if m.type == "LOC"}
    ends = {m.end for m in found if m.type == "LOC"}
    starts = {m.start for m in found}
    for sep in re.finditer("、", text):
        if sep.start() not in ends:
            continue  # each list is read from its first known item on
        at, items = sep.start(), []
        while at < len(text) and text[at] == "、":
            begin = at + 1
            if begin in places:  # another known item
                at = places[begin].end
                continue
            item = _HAN_LIST_ITEM.match(text, begin)
            if item is None or item.group(0) in _HAN_GENERIC or _translated_pattern()[1].get(item.group(0), ("", "LOC"))[1] != "LOC":
                break  # a body of the dictionary ('美国、日本、欧盟等') ends the list of places
            end = item.end()
            if any(char in _HAN_BODY_STOP - {"都"} for char in item.group(0)):
                break  # '上海和广州': two items ('都' ends names: 内比都, 京都, 成都)
            items.append((begin, end))
            at = end
        for begin, end in items:
            add(begin, end, "name", None, None, "LOC")
    for m in list(found):
        if m.type != "LOC" or not m.text.endswith(("州", "省")) or len(m.text) < 3:
            continue
        end = _han_word(text, m.end, 5)
        town = text[m.end:end]
        if 2 <= len(town) <= 5 and town not in _HAN_GENERIC and not town.startswith(_HAN_NOT_A_TOWN) \
                and not any(char in _HAN_NUMERALS for char in town) and not town.endswith(_HAN_ORG_ENDS + ("大学",)) \
                and (text[end:end + 1] == "的" or end in starts):
            add(m.end, end, "name", None, None, "LOC")


# Chinese names of bodies and places end in a word for their kind: 国民力量党, 宪法法院,
# 中央选举管理委员会, 阿拉斯加州. The name runs back from that word to a function word, a verb, a date, another
# such name or anything not Han (Chinese writes no spaces, and no rule here can do better than that).
_HAN_ORG_ENDS = ("委员会", "基金会", "联合会", "理事会", "协会", "法院", "检察院", "参议院", "众议院", "议院", "国会", "国务院",
                 "议会", "政府", "银行", "大学", "公司", "集团", "组织", "联盟", "通讯社", "电视台", "博物馆", "医院",
                 "神社", "党")
_HAN_LOC_ENDS = ("州", "县", "省", "联合基地", "空军基地", "基地", "机场")
# ministries: 外交部, 国防部 (China, the US ...) and 外务省, 防卫省 (Japan, where 省 is not a province)
_HAN_MINISTRY = re.compile(r"(?:外交|国防|财政|商务|内政|司法|卫生|教育|文化|外务|防卫|财务|总务|法务|经济产业|文部科学|"
                           r"国土交通|厚生劳动|农林水产|环境|国土安全|能源|农业|交通|公安|国家安全|战争)[部省]")
# words naming a country's own body: only after the country's name (美国国会), never after another word
_HAN_OF_A_COUNTRY = {"国会", "政府", "国务院"}
_HAN_BODY_STOP = set("的了在于和与对是将已也而被向就从为说称等及或但把给让到着过都还又再并该其此这那据由经以曾即如某")
# verbs a name does not run back over, and the parts of a country ('黎巴嫩南部')
_HAN_BOUNDARIES = ("表示", "宣布", "举行", "会见", "访问", "出席", "指出", "强调", "发表", "会晤", "签署", "成为", "担任",
                   "领导", "发生", "造成", "进行", "当选", "获得", "赢得", "击败", "参加", "支持", "反对", "通过", "批准",
                   "要求", "呼吁", "决定", "认为", "加入", "退出", "组成", "发布", "报道", "援引", "根据", "代表", "提名",
                   "参拜", "裁定", "维持", "弹劾", "罢免", "解散", "召开", "任命", "选出", "宣誓", "就任", "抵达", "前往",
                   "离开", "来到", "接见", "致电", "谴责", "批评", "指责", "起诉", "逮捕", "袭击", "攻击", "轰炸", "占领",
                   "控制", "关闭", "成立", "建立", "设立", "隶属", "属于", "位于", "来自", "包括", "多次",
                   "南部", "北部", "东部", "西部", "中部", "境内", "地区")
# what stands before a kind word without naming anything: 执政党, 在野党, 该党, 地方政府, 联邦政府
_HAN_GENERIC = {"执政", "在野", "反对", "政", "最大", "主要", "地方", "联邦", "临时", "当地", "新", "前", "现", "两", "各",
                "全", "本", "友", "一个", "多个", "其他", "所有", "国家", "中央", "民主", "共和", "大", "小", "私营",
                "国有", "这家", "该", "一家", "美国的", "空军", "军事", "秘密"}
_HAN_MAX_NAME = 10  # characters before the kind word
_HAN_NUMERALS = set("一二三四五六七八九十百千万两几数多")


def _han_bodies(text: str, add, index: dict) -> None:
    for match in _han_ends_pattern().finditer(text):
        if match.group("ministry"):  # the kind word is the name: 外交部, 防卫省 (after a country: 中国外交部)
            start = _han_name_start(text, match.start())
            hit = index.get(text[start:match.start()])
            code = hit[1] if hit and hit[0] == "country" else None
            if code:
                add(start, match.start(), "country", code, None)
            add(match.start(), match.end(), "body", code, None, "ORG")
            continue
        kind = "ORG" if match.group("org") else "LOC"
        if kind == "LOC" and text[match.end():match.end() + 1] == "长":
            continue  # 省长, 州长: a governor, not a province
        start = _han_name_start(text, match.start())
        body = text[start:match.start()]
        hit = index.get(body)
        if hit:  # a country's parliament or government (日本国会, 中国政府), a place's county (奈良县)
            add(start, match.end(), "body", hit[1], None, kind)
            continue
        if match.group(0) in _HAN_OF_A_COUNTRY:
            continue
        code = None
        for cut in range(min(len(body) - 1, 6), 1, -1):  # a country first: 韩国国民力量党 -> 韩国 + 国民力量党
            hit = index.get(body[:cut])
            if hit and hit[0] == "country":
                code, start, body = hit[1], start + cut, body[cut:]
                add(start - cut, start, "country", code, None)
                break
        if len(body) < 2 or body in _HAN_GENERIC or body[-1] in "个家位名所座":
            continue
        add(start, match.end(), "body", code if kind == "ORG" else None, None, kind)


@lru_cache(maxsize=1)
def _han_ends_pattern() -> re.Pattern:
    def alternatives(words) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"(?P<ministry>{_HAN_MINISTRY.pattern})|(?P<org>{alternatives(_HAN_ORG_ENDS)})"
                      f"|(?P<loc>{alternatives(_HAN_LOC_ENDS)})")


def _han_name_start(text: str, end: int) -> int:
    """Where a body's name begins, going back from its kind word at `end`."""
    start = end
    while start > 0 and end - start < _HAN_MAX_NAME:
        char = text[start - 1]
        if not (HAN[0] <= char <= HAN[-1] or char in "·-‐") or char in _HAN_BODY_STOP:
            break
        if char in "年月日" and start >= 2 and (text[start - 2].isdigit() or text[start - 2] in "今昨明当次同每前"):
            break  # '29日缅甸国家管理委员会' (but 日本)
        if char in "名个家位座所批支处" and start >= 2 and (text[start - 2].isdigit() or text[start - 2] in _HAN_NUMERALS):
            break  # '数百名库尔德工人党武装人员': a count of people, not part of the name
        if text.endswith(_HAN_BOUNDARIES, 0, start) or text.endswith(_HAN_ORG_ENDS, 0, start):
            break  # '在野党共同民主党': another name ends there
        start -= 1
    while start < end and text[start] in "·-‐":
        start += 1
    return start


# roles followed by what they are of before the holder's name ('وزيرة الثقافة رشيدة داتي'); a rank
# or a link word in between is part of that ('المتحدث باسم الجيش الباكستاني الفريق ...')
_AR_COMPLEMENT_TRIGGERS = {"وزير", "وزيرة", "الوزير", "الوزيرة", "المتحدث", "المتحدثة", "رئيس", "رئيسة", "زعيم",
                           "السفير", "المستشار", "المستشارة"}
_AR_ROLE_LINKS = {"باسم", "لشؤون", "لدى"}
_AR_NAME_LINKS = {"بن", "بنت", "ابن", "آل", "أبو", "عبد"}  # 'تميم بن حمد آل ثاني': three names, not five words
# nouns of a person's relation to another, after a name: 'استقبل الرئيس بوتين نظيره الصيني' (received his
# Chinese counterpart), 'ميلوني نظيرتها', 'ماكرون ونظراءه'; no part of the name, which they end. The counterpart
# in any form; an aide, envoy, deputy or kin only with a possessive pronoun ('مستشاره', 'نائبها', 'نجله'), as
# some are given names alone ('مساعد')
_AR_COUNTERPART = re.compile(r"^و?(?:نظير|نظيرت|نظراء|نظرائ)(?:ه|ها|هم|هما|يه|يها|ي|ك|نا)?$")
_AR_RELATION_AFTER = re.compile(r"^و?(?:نائب|مبعوث|مستشار|مساعد|خليفت|سلف|زوجت|زوج|شقيق|شقيقت|نجل|ابن|ابنت|"
                                r"نظير)(?:ه|ها|هم|هما)$")


def _arabic_relation(word: str) -> bool:
    """A noun of a person's relation to another ('نظيره', his counterpart; 'مستشارها', her adviser)."""
    return bool(_AR_COUNTERPART.match(word) or _AR_RELATION_AFTER.match(word))


def _arabic_triggers(text: str, words, add) -> None:
    triggers = set(UNCASED_TRIGGERS["ar"])
    for w, (start, end, word) in enumerate(words):
        if word[:1] == "و" and word not in triggers and word[1:] in triggers:
            word = word[1:]  # 'and': 'السيسي والرئيس ترامب' is al-Sisi and President Trump
        if word not in triggers:
            continue
        names = []
        complement = word in _AR_COMPLEMENT_TRIGGERS
        for k, nxt in enumerate(words[w + 1:w + 8], start=w + 1):
            gap = text[(names[-1][1] if names else end):nxt[0]]
            if nxt[2] in _AR_STOP or nxt[2] in triggers or len(gap) > 2 or gap.strip() or _arabic_relation(nxt[2]) \
                    or nxt[2][:1] == "و" and (nxt[2][1:] in triggers or "ال" + nxt[2][1:] in triggers):
                # 'and the president', 'and the emir of': 'السيسي والرئيس ترامب وأمير قطر' are three people;
                # 'his counterpart' ends a name: 'الرئيس بوتين نظيره الصيني'
                break  # a comma ends the name: 'شرم الشيخ، مساء' is no sheikh named 'evening'
            if complement and not names and (nxt[2].startswith(("ال", "لل")) or nxt[2] in _AR_ROLE_LINKS):
                end = nxt[1]
                continue  # what the role is of: 'وزير الداخلية الفرنسي لوران نونيز', 'المتحدث باسم الجيش'
            if any(nxt[2].endswith(s) and len(nxt[2]) > 5 for s in ("ية",)):
                break
            if len(names) >= 2 and nxt[2].startswith(("ال", "و")) and names[-1][2] not in _AR_NAME_LINKS:
                break  # a definite noun or 'and ...' after a first name and a surname: 'شهباز شريف الهجوم'
            if names and names[-1][2] not in _AR_NAME_LINKS and _arabic_construct(text, words, k) and (
                    len(names) >= 2 or nxt[2].endswith(("ة", "ات", "اء")) and _known_person(text, names)):
                # a noun heading a construct after a full name ('دونالد ترامب فجر الأحد'), or after a known
                # person's name when it has a noun's feminine or plural ending, which foreign surnames
                # do not ('ترامب قادة الدول', 'ماكرون زعماء الدول'; but 'بيترو بارولين الخبر')
                break
            if names == [] and (nxt[2] in DEMONYMS or (nxt[2].startswith("ال") and nxt[2].endswith("ي")
                                                       and (len(nxt[2]) >= 7 or _arabic_demonym(nxt[2])))):
                end = nxt[1]
                continue  # 'الرئيس الكازاخستاني توكاييف': skip the demonym
            if not names and _arabic_preposition_object(nxt[2]):
                break  # 'طالب وزير الخارجية المصري بوقف فوري': what he called for, after an unnamed minister
            names.append(nxt)
            if len([n for n in names if n[2] not in _AR_NAME_LINKS]) == 3:
                break
        while names and names[-1][2] in _AR_NAME_LINKS:
            names.pop()
        if names:
            add(names[0][0], names[-1][1], "name", None, word, "PER", replace=True)


def _arabic_preposition_object(word: str) -> bool:
    """A word that is the preposition بـ glued to a noun, which no name after a role is: the noun with
    its article ('بالاتفاق'), a verbal noun of the event lexicon ('بوقف', halting) or of the pattern
    تفعيل ('بتوفير', providing). Names that begin with the letter stay ('بوتين', 'بلينكن', 'بشار')."""
    if not word.startswith("ب") or len(word) < 4:
        return False
    if word.startswith("بال"):
        return True
    rest = word[1:]
    if len(rest) == 5 and rest[0] == "ت" and rest[3] == "ي":
        return True
    from ..events.lexicon import fold

    return fold(rest) in _arabic_event_stems()


@lru_cache(maxsize=1)
def _arabic_event_stems() -> frozenset[str]:
    """The first words of the Arabic event lexicon's phrases of two words or more ('وقف إطلاق نار',
    'وقف قتال'): nouns that head an event, as written there (events/lexicon/ar.txt)."""
    from ..events.lexicon import lexicon_for

    lexicon = lexicon_for("ar")
    if lexicon is None:
        return frozenset()
    return frozenset(p.parts[0] for p in lexicon.patterns if len(p.parts) >= 2 and len(p.parts[0]) >= 3)


# first words of place names that Arabic writes apart or joined (أبو ظبي / أبوظبي, عين شمس / عينشمس)
_AR_JOINED_FIRST = {"أبو", "ابو", "أم", "ام", "عين", "رأس", "راس", "دير", "كفر", "تل", "بني", "بيت", "بئر", "عبد"}
# words before the first item of a list of places: prepositions, pronouns, plural heads of places
_AR_LIST_OPENERS = {"في", "من", "إلى", "الى", "على", "عن", "هي", "هما", "بين", "منشآت", "منشأتي", "موقعي", "مواقع",
                    "مدن", "مدينتي", "مناطق", "منطقتي", "مدينة", "منطقة", "منشأة", "موقع", "مفاعل"}


def _arabic_lists(text: str, words, found: list[Mention], add) -> None:
    """Places the gazetteer lacks, listed with ones it knows: 'فوردو ونطنز وأصفهان', 'في باهاولبور
    ومريدكي'. A list is words joined by 'و' (and); each item must be one bare word (no article,
    no adjective ending -ية, no function word), the list must end where its last item is followed by
    no bare word (else an item has more words: 'القدس وبيت لحم'), and its first item must follow a
    preposition, a pronoun, a plural head ('منشآت') or a punctuation mark."""
    anchors = {(m.start, m.end) for m in found if m.type == "LOC" and m.role != "demonym" and " " not in m.text}
    if not anchors:
        return
    n = 0
    while n < len(words):
        items = [n]  # indices into words; items after the first carry the و
        while items[-1] + 1 < len(words):
            nxt = words[items[-1] + 1]
            if text[words[items[-1]][1]:nxt[0]] != " " or not nxt[2].startswith("و") or len(nxt[2]) < 4:
                break
            items.append(items[-1] + 1)
        if len(items) < 2:
            n += 1
            continue
        n = items[-1] + 1
        spans = [(words[k][0] + (1 if i else 0), words[k][1]) for i, k in enumerate(items)]
        hits = [sp for sp in spans if any(a[0] <= sp[0] and sp[1] <= a[1] or sp == a for a in anchors)]
        if not hits:
            continue
        after = words[items[-1] + 1] if items[-1] + 1 < len(words) else None
        if after and text[words[items[-1]][1]:after[0]] == " " and not after[2].startswith("ال") \
                and after[2] not in _AR_STOP:
            continue  # the last item runs on: 'وبيت لحم'
        # items after the last known place must end the clause ('فوردو ونطنز.'): 'إلى باريس وأكد أن' is
        # Paris, and he stressed that
        last_anchor = max(i for i, sp in enumerate(spans) if sp in hits or any(
            a[0] <= sp[0] and sp[1] <= a[1] for a in anchors))
        closed = after is None or bool(text[words[items[-1]][1]:after[0]].strip()) or after[2].startswith("ال")
        if last_anchor < len(spans) - 1 and not (closed and after is not None and
                                                  text[words[items[-1]][1]:after[0]].strip()):
            spans = spans[:last_anchor + 1]
        before = words[items[0] - 1] if items[0] else None
        gap = text[before[1]:words[items[0]][0]] if before else "\n"
        first_ok = bool(gap.strip()) or before is None or before[2] in _AR_LIST_OPENERS or before[2] in _AR_STOP
        for i, (start, end) in enumerate(spans):
            surface = text[start:end]
            if (i == 0 and not first_ok) or surface.startswith(("ال", "لل")) or surface in _AR_STOP \
                    or surface.endswith("ية") or len(surface) < 3 or any(start < m.end and m.start < end for m in found):
                continue
            add(start, end, "name", None, None, "LOC")


def _known_person(text: str, names) -> bool:
    """The words read after a role are a known person's name (tidings.known: 'ترامب', 'دونالد ترامب')."""
    return known_fold(text[names[0][0]:names[-1][1]]) in known_actors()


def _arabic_recurrence(text: str, found: list[Mention], add) -> None:
    """A name read from its context (after a role, a town's head, in a list of places) names the same
    thing wherever else the article writes it, perhaps after a proclitic: 'مدينة شرم الشيخ' ...
    'استضافتها شرم الشيخ', 'منشآت فوردو ونطنز' ... 'على فوردو' (one sense per discourse). Names of
    four letters or more; the gazetteer's names are found everywhere already."""
    letters = _ARABIC_LETTERS
    for m in list(found):
        if m.key.startswith("C:") or len(m.text) < 4 or m.type not in ("PER", "LOC", "ORG") \
                or not _ARABIC.match(m.text) or (m.type == "LOC" and m.country):
            continue
        for match in re.finditer(rf"(?<![{letters}])[وبلف]?({re.escape(m.text)})(?![{letters}])", text):
            add(match.start(1), match.end(1), "name", None, None, m.type)


def _arabic_construct(text: str, words, k: int) -> bool:
    """The word words[k] heads a construct phrase (iḍāfa): it has no article and a definite noun follows it
    right away ('قادة الدول' the leaders of the states, 'فجر الأحد' Sunday's dawn, 'منشأة فوردو'
    is not one). A name's word before a definite one is a name link ('عبد الله', 'أبو الغيط'): those
    are left to the caller. 'الله' makes names ('نصر الله')."""
    word = words[k]
    if word[2].startswith(("ال", "لل")) or word[2] in _AR_NAME_LINKS:
        return False
    if k + 1 >= len(words):
        return False
    after = words[k + 1]
    return text[word[1]:after[0]] == " " and after[2].startswith("ال") and not after[2].startswith("الله")


def _arabic_bodies(text: str, words, add) -> None:
    """Bodies and places named by a head noun and the definite words after it: 'وزارة الصحة' (ORG),
    'سلاح الجو الباكستاني' (ORG of PK: a demonym last gives the country), 'نهر السين' (LOC). A head
    needs at least one such word ('الوزارة' alone is 'the ministry'), and more than a demonym ('the
    Pakistani army' is no name in other languages either); a comma or any other word ends it."""
    for w, (start, end, word) in enumerate(words):
        if word.startswith("لل") and "ال" + word[2:] in _AR_HEAD_TYPE:
            # 'للأمم المتحدة': the preposition li- contracts with al- (the name is looked up undone)
            core, kind = word, _AR_HEAD_TYPE["ال" + word[2:]]
        else:
            core = word[1:] if word[:1] in "وفبل" and word[1:] in _AR_HEAD_TYPE else word
            kind = _AR_HEAD_TYPE.get(core)
        if kind is None:
            continue
        body, last_country = [], None
        for nxt in words[w + 1:w + 6]:
            gap = text[(body[-1][1] if body else end):nxt[0]]
            saint = body and body[-1][2] in ("القديس", "القديسة") and not nxt[2].startswith("ال")
            if not saint and (gap.strip() or not nxt[2].startswith(("ال", "لل")) or nxt[2] in _AR_BODY_STOP):
                break
            if saint and (gap.strip() or nxt[2] in _AR_STOP):
                break
            if kind == "LOC" and nxt[2].startswith("لل"):
                break  # 'نهر السين للوصول': 'to reach' (li-), no part of a place's name
            if saint:
                body.append(nxt)  # a saint's name has no article: 'كاتدرائية القديس بطرس'
                break
            body.append(nxt)
            last_country = _arabic_demonym(nxt[2])
            if len(nxt[2]) > 4 and last_country:
                break  # a country's adjective ends the name: 'أدانت وزارة الخارجية السعودية الهجوم'
        if not body and kind == "LOC" and core in _AR_TOWN_HEADS:
            named = _arabic_bare_place(text, words, w, end)
            if named:
                add(named[0], named[1], "body", None, None, "LOC")
            continue
        code = last_country if kind == "ORG" else None
        if len(body) == 1 and code:
            continue  # 'الحكومة الإسرائيلية', 'الجيش الباكستاني': the Israeli government, no name of its own
        if body:
            add(start + len(word) - len(core), body[-1][1], "body", code, None, kind)


# heads of a town's or a district's name that may stand before a bare name, one without the article
# ('مدينة شرم الشيخ', 'منطقة باهالغام'): the name is the place, without the head ('the city of')
_AR_TOWN_HEADS = {"مدينة", "منطقة", "بلدة", "قرية", "محافظة", "ولاية", "إقليم", "مخيم"}


def _arabic_bare_place(text: str, words, w: int, end: int) -> tuple[int, int] | None:
    """The bare name after a town's head at words[w]: a word without the article, not a function word,
    no feminine adjective agreeing with the head ('مدينة كبيرة', 'منطقة عازلة'), and no place the
    gazetteer knows (that reading comes later, with its country); then at most one definite word that
    is no demonym nor time word ('شرم الشيخ', not 'باهالغام الهندية')."""
    if w + 1 >= len(words):
        return None
    first = words[w + 1]
    if text[end:first[0]].strip() or first[2].startswith(("ال", "لل")) or first[2] in _AR_STOP \
            or first[2].endswith(("ة", "ى")) or len(first[2]) < 3 or first[2][:1] in "وفبل" and len(first[2]) < 5:
        return None
    if lookup_place(first[2], "ar") or lookup_country(first[2]) or first[2] in DEMONYMS:
        return None
    stop = first[1]
    if w + 2 < len(words):
        second = words[w + 2]
        if not text[first[1]:second[0]].strip() and second[2].startswith("ال") and second[2] not in _AR_BODY_STOP \
                and not _arabic_demonym(second[2]) and not second[2].endswith(("ية", "ي", "ة")):
            stop = second[1]
    return first[0], stop


def _arabic_demonym(word: str) -> str | None:
    """The country of an Arabic relative adjective: 'الباكستاني', 'الإيرانية' -> PK, IR."""
    if word in DEMONYMS:
        return DEMONYMS[word]
    found = lookup_country(word)  # 'السعودية' is the country's name and its adjective
    stem = word[2:] if word.startswith("ال") else word
    for suffix in ("ية", "ي"):
        if not found and stem.endswith(suffix) and len(stem) > len(suffix) + 2:
            # 'الجزائرية' -> الجزائر, 'الباكستاني' -> باكستان, 'الفرنسية' -> فرنسا (the adjective drops the alif)
            base = stem[:-len(suffix)]
            found = lookup_country(base) or lookup_country("ال" + base) or lookup_country(base + "ا") \
                or lookup_country(base + "يا")  # 'الإيطالية' -> إيطاليا, 'الألماني' -> ألمانيا
    return found


_ARABIC = re.compile("[" + ARABIC + "]")
_ARABIC_LETTER = re.compile("[" + ARABIC_ABJAD + "]")


def _arabic_word_ends(text: str, end: int) -> bool:
    """Arabic has no case and glues prefixes on, so a name is matched inside words; it must still
    end the word, allowing only the adjective endings ي / ية / ة (إيراني, الإيرانية = Iranian)."""
    rest = text[end:end + 3]
    for suffix in ("ية", "ي", "ة", ""):
        if rest.startswith(suffix) and not _ARABIC_LETTER.match(rest[len(suffix):len(suffix) + 1] or " "):
            return True
    return False


def _cased_names(text: str, sentence, sentence_index: int, taken: list[tuple[int, int]], language: str = "en",
                 lower_words: set[str] | None = None) -> list[Mention]:
    settings = _settings(language)
    stop, articles, suffixes = settings["stop"], settings["articles"], settings["suffixes"]
    triggers = settings["triggers"]
    lower_words = lower_words or set()
    common = common_words(language)
    tokens = []
    for m in _TOKEN.finditer(sentence.text):
        start, end, word = m.start() + sentence.start, m.end() + sentence.start, m.group(0)
        # elision before a name (l'Élysée, d'Italie) and suffixes after one (Ankara'da, Phil's)
        # and Italian articles joined to a preposition (dell'Unione, all'ONU, nell'Arma)
        elided = re.match(r"^(?:[lLdDjJnNsScCmM]|[qQ]u|[dDnNsScC]?[aeouAEOU]ll)['’](?=\w)", word)
        if elided:
            start += elided.end()
            word = word[elided.end():]
        tail = re.search(r"['’]\w{0,4}$", word)
        if tail and language == "uz" and word[tail.start() - 1:tail.start()] in ("o", "g", "O", "G"):
            tail = None  # Uzbek Latin oʻ / gʻ written with an apostrophe: a letter ("Farg'ona"), no suffix
        if tail and tail.group()[1:].lower() not in _APOSTROPHE_TAILS.get(language, (tail.group()[1:].lower(),)):
            tail = None  # no suffix the language sets off so: part of the name ("Xi'an", "O'Neal", "Ba'ath")
        if tail and tail.start() > 0:
            end -= len(word) - tail.start()
            word = word[:tail.start()]
        word = word.rstrip("-")
        end = start + len(word)
        if word.lower() in _ABBREVIATIONS and text[end:end + 1] == "." and language not in ("de",):
            word, end = word + ".", end + 1  # 'St. Louis', 'Gary Hall Sr.', 'Tumi Inc.': the full stop is the word's
        if word:
            tokens.append((start, end, word))
    mentions: list[Mention] = []
    role: str | None = None
    role_until = -1
    i = 0
    while i < len(tokens):
        start, end, word = tokens[i]
        lower = word.lower()
        compound = _role_compound(tokens, i, triggers) if settings.get("role_compounds") else None
        if compound and not _overlaps(start, end, taken):
            head, role = compound
            if head:  # the name the role is of: 'US' of 'US-Präsident', 'CDU' of 'CDU-Chef'
                named = _compound_head(text, start, head, sentence_index, language)
                if named is not None:
                    mentions.append(named)
            role_until = i + 1 + 3
            i += 1
            continue
        # a role trigger (one to three words) marks the next name as a person
        found = _role_at(tokens, i, triggers)
        if found:
            role, n = found
            role_until = i + n + 3
            i += n
            continue
        if i > role_until or language in _TURKIC and not _capitalised(word) and lower not in stop:
            # Kazakh and Uzbek name whose role it is before the role, so the person follows the role
            # at once: 'мемлекет басшысы қол қойған Мәңгілік ... шарт' (the treaty the heads of state
            # signed) names nobody
            role = None
        if not _capitalised(word) or _overlaps(start, end, taken):
            i += 1
            continue
        article = lower in PLACE_ARTICLES.get(language, ()) and _article_of_place(text, tokens, i, language, stop)
        # a head noun opening the sentence opens a name when a name follows ('Asociación de Fútbol de Corea')
        head = i == 0 and _org_word(lower, language) and _opens_name(text, tokens, i)
        initial = _initial(text, tokens, i)  # 'A. J. Pierzynski': the 'A' is no article
        if (lower in stop or lower in _MONTHS_DAYS or (i == 0 and lower in lower_words and not head)) and not article \
                and not initial \
                or len(word) >= 2 and _ROMAN.fullmatch(word) and not (
                    i + 1 < len(tokens) and _capitalised(tokens[i + 1][2])):  # 'XIX secolo', 'século XVIII'
            i += 1
            continue
        # the longest country name, capital metonym or demonym starting here (up to three words), unless
        # it begins an organisation's name ('United States Army', 'Deutsche Bank', 'British Airways')
        matched = False
        org_ahead = _org_ahead(text, tokens, i, language)
        n = _team_ahead(text, tokens, i, language, stop) if language == "en" else 0
        if n:
            # 'Cleveland Indians', 'Singapore Slingers': a place and a plural, a sports team (the country or
            # demonym in it would else be read alone)
            end_ = tokens[i + n - 1][1]
            phrase = text[start:end_]
            mentions.append(Mention(start=start, end=end_, text=phrase, type="ORG", sentence=sentence_index,
                                    key=f"N:{name_key(phrase) or _fold(phrase)}"))
            i += n
            continue
        n = _compound_place(text, tokens, i, language, stop)
        if n and org_ahead <= i + n:
            # a place of two or three words that holds a country's name or a demonym ('South America',
            # 'British Columbia', 'New Mexico', 'Western Australia'): one place, not a country and a word
            end_ = tokens[i + n - 1][1]
            phrase = text[start:end_]
            place = lookup_place(phrase, language)
            mentions.append(Mention(start=start, end=end_, text=phrase, type="LOC", sentence=sentence_index,
                                    key=f"N:{name_key(phrase) or _fold(phrase)}", country=place[0] or None))
            i += n
            continue
        for n in (3, 2, 1):
            if i + n > len(tokens):
                continue
            phrase = text[start:tokens[i + n - 1][1]]
            code, kind = _country_reading(phrase)
            if code and org_ahead > i + n:
                break
            if code and n == 1 and _given_name_first(text, tokens, i, stop, common):
                break  # 'Israel Katz', 'Jordan Bardella': a person, read as a name below
            if code:
                # a capital followed by more capitalised words is a longer name (Washington Post)
                if kind == "capital" and i + n < len(tokens) and _capitalised(tokens[i + n][2]) \
                        and tokens[i + n][2].lower() not in stop:
                    break
                if kind is None and language in _STATE_AFTER:
                    n += _state_words(tokens, i + n, stop)  # 'Ўзбекистон Республикаси', 'Çin Halk Cumhuriyeti'
                    phrase = text[start:tokens[i + n - 1][1]]
                mentions.append(Mention(start=start, end=tokens[i + n - 1][1], text=phrase, type="LOC",
                                        sentence=sentence_index, key=f"C:{code}", country=code, role=kind))
                i += n
                matched = True
                if kind == "demonym" or n == 1:
                    role_until = max(role_until, i + 2) if role else role_until
                break
        if matched:
            continue
        # a frequent common word capitalised because it opens the sentence ('Volvió', 'Se', 'Durante')
        if i == 0 and lower in common and not word.isupper() and not article and not head \
                and not (org_ahead > i + 1 and lookup_country(word)) and not _given_name_opens(tokens, i, language) \
                and lower not in PARTY_PLURALS.get(language, ()):
            i += 1
            continue
        j = i + 1
        # a name runs on over spaces and hyphens only: "Keir Starmer, Emmanuel Macron" is two names, and
        # so are the two sides of a spaced dash ("NEIVA, HUILA - Hombres armados ...": a dateline)
        # and over a person's initials ('Neal H. Moritz', 'T. S. Eliot')
        while j < len(tokens) and (_joined(text[tokens[j - 1][1]:tokens[j][0]]) or _initial(text, tokens, j - 1) or (
                text[tokens[j - 1][1]:tokens[j][0]] in ("'s ", "’s ") and _saints_possessive(text, tokens, i, j))
                or _ELIDED_OF.fullmatch(text[tokens[j - 1][1]:tokens[j][0]]) and _capitalised(tokens[j][2])) and (
                _capitalised(tokens[j][2]) or (tokens[j][2].lower() in _CONNECTORS and j + 1 < len(tokens)
                                               and _capitalised(tokens[j + 1][2]))
                or _surname_particle(text, tokens, i, j, language)) \
                and (tokens[j][2].lower() not in stop | _MONTHS_DAYS or tokens[j][2].lower() in _CONNECTORS
                     or _initial(text, tokens, j) or _surname_particle(text, tokens, i, j, language)) \
                and (lookup_country(tokens[j][2]) is None or org_ahead > j or any(
                    _org_word(t[2].lower(), language) for t in tokens[i:j]) or _given_name_surname(tokens, i, j)) \
                and not (j - i >= 2 and _fold(tokens[j][2]) in CAPITALS) \
                and not (_role_ahead(tokens, j, triggers) and not any(t[2].lower() in LOC_WORDS for t in tokens[i:j])) \
                and (text[tokens[j - 1][1]:tokens[j - 1][1] + 1] not in ("'", "’") or _saints_possessive(text, tokens, i, j)):
            j += 1
        while j - 1 > i and tokens[j - 1][2].lower() in _CONNECTORS:
            j -= 1
        # a role word that ends the run is no part of the name before it, whose role it is: 'Ўзбекистон
        # Республикаси Президенти матбуот хизмати' (the President of the Republic's press office),
        # 'Robert Prevostni Rim papasi etib sayladi' (elected Robert Prevost pope)
        for k in range(i + 1, j):
            found_role = _role_at(tokens, k, triggers)
            if found_role and k + found_role[1] >= j and not any(t[2].lower() in LOC_WORDS for t in tokens[i:k]):
                j = k
                break
        if any(_org_word(t[2].lower(), language) for t in tokens[i:j]):
            j = _org_name_end(text, tokens, i, j, language, stop)
        # German: capitalised common nouns before a name ('der Übersetzer Hans Magnus Enzensberger')
        classified = place_kind = False
        if articles or suffixes:
            # a German noun for a kind of place, alone or compounded, before the place's name: 'im
            # ägyptischen Badeort Scharm el-Scheich', 'die Hafenstadt Hodeida', 'Insel Rügen'; the name is
            # the place (no known place itself: 'Darmstadt', 'Neustadt' open longer names)
            if j - i >= 2 and _DE_PLACE_KIND.search(tokens[i][2]) and not tokens[i][2].isupper() \
                    and tokens[i][2].lower() not in stop \
                    and lookup_place(tokens[i][2], language) is None and lookup_country(tokens[i][2]) is None:
                i, place_kind = i + 1, True
            while i < j and _common_noun(tokens, i, articles, suffixes, lower_words) and \
                    not _party_noun(tokens, i, language, articles) and \
                    (lookup_place(tokens[i][2], language) is None or _noun_after_article(tokens, i, articles)) \
                    and lookup_country(tokens[i][2]) is None:
                i += 1
            # a role word in the genitive or plural with no name after it ('Staats- und Regierungschefs zu
            # einem Gipfel'): a common noun (before a name it is the name's role, read above)
            if j - i == 1 and settings.get("role_compounds") and _genitive_role(tokens[i][2], triggers) \
                    and tokens[i][2].lower() not in given_names(language):
                i += 1
            # a noun no list knows before a given name and a surname: a role or a trade ('Demokratin
            # Betsy Markey', 'Filmproduzent Charles Roven', 'Premierministerin Margaret Thatcher')
            while j - i >= 3 and _noun_before_given_name(tokens, i, language):
                i += 1
            # a German noun for a kind of body, alone or compounded, before the body's name: 'Klub Mamelodi
            # Sundowns', 'Musiksender MTV', 'Ligarivale FC Walsall', 'Label Ministry of Sound'
            if j - i >= 2 and tokens[i][2].lower().endswith(_DE_CLASSIFIERS) and not tokens[i][2].isupper():
                i, classified = i + 1, True
            if i == j:
                continue
            start, end, word = tokens[i]
            # and a common noun after a name in the genitive ('Trumps Bemühungen', 'Putins Krieg')
            if j - i == 2 and word.endswith("s") and _plain_noun(tokens[i + 1][2], suffixes):
                j -= 1
        words = [t[2] for t in tokens[i:j]]
        if language == "fr" and not role and not any(_org_word(w.lower(), language) for w in words):
            # a contracted article inside a run of names joins two names when the article names the
            # second elsewhere on its own ('la galerie d'Apollon du Louvre' ... 'musée du Louvre': Apollon,
            # and the Louvre); else it is one name ('Pont du Gard', 'Parc des Princes')
            cut = next((k for k in range(1, len(words) - 1) if words[k] in ("du", "des")), None)
            tail = text[tokens[i + cut + 1][0]:tokens[j - 1][1]] if cut is not None else ""
            if cut is not None and text.count(tail) > text.count(text[start:tokens[j - 1][1]]) \
                    and not (cut == 1 and _surname_particle(text, tokens, i, i + 1, language)):
                j = i + cut
                words = words[:cut]
        last_end = tokens[j - 1][1]
        if _saints_possessive(text, tokens, i, j):
            last_end += 2  # "St Peter's": the church, named by its saint's possessive
        phrase = text[start:last_end]
        lowered = [w.lower() for w in words]
        body = _body_words(lowered, language)
        sentence_initial = i == 0 or (i == 1 and tokens[0][2].lower() in stop)
        kind = None
        place = lookup_place(phrase, language)
        if role and place and i > 0 and (tokens[i - 1][2].lower() in OF_WORDS or
                                         tokens[i - 1][2].lower() in PLACE_CONTEXT.get(language, (set(), set()))[0]):
            # what the role is of, not who holds it ('the mayor of Leeds', 'el alcalde de Florencia'), or
            # where the role's holder went ('el presidente viajó hacia Sucre', 'the minister arrived in Leeds')
            role = None
        if role and not place and len(words) == 1 and _PORTFOLIO_OF.search(text[max(0, start - 12):start]) \
                and lowered[0] in common and not word.isupper() and lookup_country(word) is None:
            # what a minister is of, a common word: the portfolio, not who holds it ('la ministre de la
            # Culture, Rachida Dati', 'la ministra de Cultura', 'Minister of Finance'); the role stays for
            # the holder named after it. A person after 'of' ('el portavoz de Putin') is no common word
            i = j
            continue
        if role and i > 0 and tokens[i - 1][2] in ORG_ARTICLES_BEFORE.get(language, ()):
            role = None  # 'coach for the Los Angeles Dodgers': people take no article, what the role is of may
        if role and (any(_org_word(w, language) for w in lowered) and not (len(words) > 1 and words[0].isupper())
                     or body or _after_place_preposition(tokens, i, language)):
            # what the role is of ('la présidente du Parti libéral-démocrate', 'Лидер Партии реформ') or
            # where it was taken ('elected prime minister in the Diet'), not who holds it; a body's acronym
            # before a name is whose role it is ('Генсек ООН Антониу Гутерриш', 'глава МИД Сергей Лавров')
            role = None
            if len(words) == 1 and _org_word(lowered[0], language):
                i = j  # a body's head word alone ('Parti', 'Bộ' after 'Bộ trưởng'): no name
                continue
        if len(words) == 1 and lowered[0] in _PARTY_HEADS.get(language, ()) \
                and (after := _LINK_AND_WORD.match(text, last_end)) and after.group(1)[:1].islower():
            # a party's head word whose name goes on in lower-case words the rules cannot end ('Parti de
            # l'innovation du Japon', 'Partido de los trabajadores'): the head word alone names no party,
            # and keyed them all together. Only parties: other heads alone are kept ('Forces de soutien
            # rapide' stays 'Forces', whose lower-case words would else be read as an event's trigger)
            i = j
            continue
        if role:
            kind = "PER"
        elif place_kind and not any(_org_word(w, language) for w in lowered):
            kind = "LOC"
        elif classified or body or any(_org_word(w, language) for w in lowered) or \
                _org_classifier(text, tokens, i, language) or (
                phrase.isupper() and 2 <= len(phrase) <= 6 and not any(ch.isdigit() for ch in phrase) and not (
                # a place in capitals in a sentence that is not ('NEIVA, HUILA -' in a dateline): a town
                # of five letters or more, a region of four ('VILLAVICENCIO, META'); not a known body
                place and (len(phrase) >= 5 or len(phrase) == 4 and place[1] == 0.0) and
                known_fold(phrase) not in known_actors() and _has_lowercase(sentence.text))) \
                or (2 <= len(words) <= 3 and not phrase.isupper() and any(_acronym(w, n) for n, w in enumerate(words))):
            # an acronym inside a longer name is a club or company ('Kalmar FF', 'AC Cesena', 'BBC One')
            kind = "ORG"
        elif language == "en" and place and place[1] > 0 and len(words) == 1 and _sporting(tokens, i) \
                and not _place_context(text, tokens, i, language) \
                and not (i > 0 and tokens[i - 1][2].lower() in _PLACE_PREPOSITIONS_EN):
            kind = "ORG"  # 'Southampton won 2 – 0', 'signed for Lyon': a town's club in a match report
        elif place or any(w in LOC_WORDS for w in lowered) or _place_context(text, tokens, i, language) \
                or len(words) >= 2 and lowered[-1] in LOC_HEADS.get(language, ()):
            kind = "LOC"
        elif len(words) >= 2 and any(w in MISC_WORDS for w in lowered):
            kind = NAME  # 'Seconda Guerra Mondiale', 'Copa do Mundo': an event, no person
        elif len(words) >= 2 and _org_article(text, start, language):
            kind = "ORG"  # 'alla Scuderia Ferrari', 'ai Los Angeles Clippers': people take no article
        elif len(words) >= 2 and (lowered[0] in _SAINTS or any(_HELD_PLACE.search(w) for w in lowered)):
            kind = "LOC"  # 'Santa Maria Maggiore', 'Saint-Pierre', 'Pakistan-occupied Kashmir': no person
        elif language == "en" and _team_name(words, language):
            kind = "ORG"  # 'Milwaukee Bucks', 'Puerto Rico Islanders': a place and a plural, a sports team
        elif len(words) >= 2:
            kind = "PER"
        elif language == "en" and word.endswith("s") and not word.endswith("ss") and _org_article(text, start, language):
            kind = "ORG"  # 'the Tigers', 'the Beatles': a team or a band (places in -s are in the gazetteers)
        elif language == "it" and not lower.endswith(_ITALIAN_ENDINGS) and _org_article(text, start, language):
            # Italian words and places end in a vowel; a name in a consonant with an article is a foreign
            # company, team or band ('la McLaren', 'i Deftones', 'della Microsoft'). Not in the other
            # Romance languages (it lost there on the development sample)
            kind = "ORG"
        elif settings.get("lone_given_names") and len(word) > 2 and word in given_names(language) and (
                not sentence_initial or lower not in common):
            # a given name alone ('Serena', 'Kenny', 'Homer'): a person. Only where it won on the development
            # sample (en +0.012, it, pt, ru +0.005); in de, fr, nl, pl a lone given name there is more often
            # part of a longer name the rules cut ('Hafiz' of 'Hafiz al-Assad')
            kind = "PER"
        elif language in _SURNAME_ENDINGS and not sentence_initial and len(word) > 4 \
                and _SURNAME_ENDINGS[language].search(word) and not word.isupper():
            kind = "PER"  # 'Новиковым', 'Бутусов': a Russian surname's ending, and no place
        elif not sentence_initial and len(word) > 2:
            # one capitalised word and nothing that says what it names ('Natanz', 'Reuters', 'Frieden'):
            # a name of unknown kind, typed later by the article's longer names (`_type_by_recurrence`),
            # the dictionaries or the entity it resolves to
            kind = NAME
        if kind in ("PER", NAME, None) and not role and len(words) >= 2 and _spelled_out(text, tokens[j - 1][1], words):
            kind = "ORG"  # 'Organización Mundial de la Salud (OMS)': a body and its acronym
        if kind:
            key = name_key(phrase)
            if len(key) >= 2 or kind not in ("PER", NAME) or len(phrase) >= 4:
                mentions.append(Mention(start=start, end=last_end, text=phrase, type=kind,
                                        sentence=sentence_index, key=f"N:{key or _fold(phrase)}",
                                        country=(place[0] or None) if kind == "LOC" and place else None,
                                        role=role if kind == "PER" else None))
        role = None
        i = j
    return mentions


# a definite article right before a name a role word precedes: the name is what the role is of, not its
# holder ('the head coach of the Chicago Bears'), where people take no article
ORG_ARTICLES_BEFORE = {"en": {"the"}}
# the link between a role and what it is of, right before a name ('ministre de la Culture', 'Minister of Finance')
_PORTFOLIO_OF = re.compile(r"\s(?:of the|of|de la|de l['’]|del|de|du|des|di|della|da|do|dos)\s*(?:l['’])?$",
                           re.IGNORECASE)

# words of English match reports and transfers: in a sentence holding one, a town's name alone (no
# place word or preposition before it) is its club ('Southampton were relegated', 'he joined Wrexham')
_SPORT_WORDS = {"match", "goal", "goals", "league", "season", "club", "cup", "loan", "loaned", "draw", "scored",
                "striker", "midfielder", "defender", "goalkeeper", "relegated", "relegation", "promotion", "fixture",
                "play-off", "debut", "squad", "footballer", "transfer", "penalty", "semi-final", "quarter-final",
                "final", "champions", "championship", "innings", "wicket", "derby", "kick-off", "half-time"}
_PLACE_PREPOSITIONS_EN = {"in", "at", "from", "near", "of", "across", "around", "outside", "inside", "born"}


def _sporting(tokens, i: int) -> bool:
    """A word of sport in the sentence other than the name at token i ('Derby' is a town)."""
    return any(t[2].lower() in _SPORT_WORDS for k, t in enumerate(tokens) if k != i)


# nouns that end the names of places and buildings ('Aleutian Trench', 'Tokyo Dome', 'Norwood Tunnel'):
# the last word only, as they open names of bodies too ('Temple University')
LOC_HEADS = {"en": {"trench", "archipelago", "plain", "plains", "spit", "hemisphere", "corridor", "channel", "tunnel",
                    "bypass", "garden", "gardens", "stadium", "dome", "parkway", "trail", "refuge", "reserve",
                    "velodrome", "arena", "avenue", "road", "cape", "glacier", "falls", "ridge", "peak", "hill",
                    "hills", "plateau", "basin", "delta", "reef", "coast", "harbour", "harbor", "cathedral",
                    "church", "abbey", "tower", "monastery", "temple", "mosque", "cemetery", "crematorium", "dam",
                    "reservoir", "highway", "motorway", "boulevard", "heights", "beach", "pier", "volcano",
                    "canyon", "creek", "estuary", "fjord", "empire", "field", "lock", "range", "pass"}}

# endings of Russian surnames in -ов/-ев, in all their cases ('Новиков', 'Новиковым', 'Бутусова'): a lone
# capitalised word that ends so and that no gazetteer knows as a place is a person. Not -ин (towns and
# nouns) nor -ский (adjectives and towns): both lost on the development sample
_SURNAME_ENDINGS = {"ru": re.compile(r"[оеё]в(?:а|у|ым|ом|е|ой|ую|ых|ыми)?$")}

# abbreviations inside or at the end of names, written with a full stop
_ABBREVIATIONS = {"st", "sr", "jr", "mt", "ft", "inc", "co", "corp", "ltd", "bros"}

# a saint's name opens the names of churches, squares and towns, hardly ever a person's
_SAINTS = {"san", "santa", "santo", "são", "saint", "sainte", "st", "st.", "sankt", "sant", "sint", "świętego",
           "święty", "santi", "santissima"}
_HELD_PLACE = re.compile(r"-(?:occupied|controlled|held|administered|annexed)$")
# plural nouns for a political camp that name a party or its members as one body when capitalised:
# 'the Christian Democrats (CDU)', 'the Social Democrats', 'Democrats said', 'die Sozialdemokraten'
PARTY_PLURALS = {
    "en": {"democrats", "republicans", "socialists", "conservatives", "liberals", "greens", "communists",
           "nationalists", "unionists", "tories", "libertarians", "populists", "progressives"},
    "de": {"demokraten", "sozialdemokraten", "christdemokraten", "republikaner", "sozialisten", "konservativen",
           "liberalen", "grüne", "grünen", "linke", "linken", "kommunisten", "nationalisten"},
    "fr": {"démocrates", "républicains", "socialistes", "écologistes", "communistes", "insoumis", "verts"},
    "es": {"demócratas", "republicanos", "socialistas", "conservadores", "liberales", "comunistas", "populares"},
    "it": {"democratici", "repubblicani", "socialisti", "conservatori", "liberali", "comunisti"},
    "pt": {"democratas", "republicanos", "socialistas", "conservadores", "liberais", "comunistas"},
    "nl": {"democraten", "republikeinen", "socialisten", "conservatieven", "liberalen", "christendemocraten",
           "sociaaldemocraten"},
}
# a chamber named 'House of ...' / 'Chamber of ...' is a body ('House of Representatives', 'Chamber of
# Deputies', 'Chambre des communes'); 'House' alone may be a person's name ('Son House')
CHAMBER_HEADS = {"house", "chamber", "chambre", "cámara", "camera", "câmara", "kamer", "izba"}
_CHAMBER_OF = {"of", "des", "de", "du", "dei", "degli", "delle", "della", "dos", "das", "da", "van", "der"}


# an elided 'de' between two capitalised words joins them into one name ('Galerie d'Apollon', 'Jeanne
# d'Arc', 'Musée d'Orsay'), as 'of' does in English
_ELIDED_OF = re.compile(r" d['’]")
# a party's head word, in the languages whose links below mean 'of' (Turkish 'de' / 'da' is 'also')
_PARTY_HEADS = {"fr": {"parti"}, "es": {"partido"}, "pt": {"partido"}, "it": {"partito"}, "en": {"party"}}
# a link and the word after it, right after a name ('Parti de l'innovation'): _cased_names reads the case
_LINK_AND_WORD = re.compile(r"\s+(?:of the|of|de la|de los|de las|de l['’]|d['’]|del|de|du|des|della|dei|degli|"
                            r"do|da|dos|das)\s*([^\W\d_]+)")


def _party_noun(tokens, i: int, language: str, articles) -> bool:
    """A capitalised party plural that a language capitalising all its nouns still reads as the party:
    after an article ('die Grünen', 'die Linke') or beside another one ('mit Grünen und Linken', 'Grüne
    und Linke betonten'), and not before another capitalised word ('Grüne Energie')."""
    plurals = PARTY_PLURALS.get(language, ())
    if tokens[i][2].lower() not in plurals or i + 1 < len(tokens) and _capitalised(tokens[i + 1][2]) \
            and tokens[i + 1][2].lower() not in plurals:
        return False
    if i > 0 and tokens[i - 1][2].lower() in articles:
        return True
    return i + 2 < len(tokens) and tokens[i + 1][2].lower() in _AND and tokens[i + 2][2].lower() in plurals \
        or i >= 2 and tokens[i - 1][2].lower() in _AND and tokens[i - 2][2].lower() in plurals


# what languages that set no case endings off by an apostrophe put after one: the possessive 's, or the
# apostrophe alone ("Phil's", "Klaus'"); Turkish, Polish and the others keep any short tail as a suffix
_APOSTROPHE_TAILS = {language: ("", "s") for language in ("en", "de", "nl", "fr", "es", "it", "pt")}


def _saints_possessive(text: str, tokens, i: int, j: int) -> bool:
    """Whether the run from token i to token j (exclusive) is a saint's abbreviation and the saint's
    name in the possessive ("St Peter's", "St. Peter's Basilica", "Saint Paul's Cathedral"): a church
    or a place named after it, one name with the words after it."""
    if j - i < 2 or tokens[i][2].lower() not in ("st", "st.", "saint"):
        return False
    end = tokens[j - 1][1]
    return bool(re.match(r"['’]s(?!\w)", text[end:end + 3]))


def _body_words(lowered: list[str], language: str) -> bool:
    """A run of words that names a body by its form: a party's plural at its end, or a chamber's head
    and 'of' at its start."""
    if lowered and lowered[-1] in PARTY_PLURALS.get(language, ()):
        return True
    return len(lowered) >= 3 and lowered[0] in CHAMBER_HEADS and lowered[1] in _CHAMBER_OF




# countries whose names are also people's names, first ('Israel Katz', 'Jordan Bardella', 'Chad Daybell')
# or last ('Michael Jordan'): beside another capitalised word that is no place, they are a person's
GIVEN_NAME_COUNTRIES = {"israel", "jordan", "chad", "georgia"}


def _given_name_first(text: str, tokens, i: int, stop, common) -> bool:
    """A given-name country right before a capitalised word that is neither a common word, a place nor
    a country, with only a space between: the two are a person's name."""
    if tokens[i][2].lower() not in GIVEN_NAME_COUNTRIES or i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1][2]
    return text[tokens[i][1]:tokens[i + 1][0]] == " " and _capitalised(nxt) and not nxt.isupper() \
        and nxt.lower() not in stop and nxt.lower() not in common and not _known_place(nxt, "")


_SURNAME_PARTICLES = {"des"}  # besides _CONNECTORS, a particle only a given name before it makes a surname's


def _surname_particle(text: str, tokens, i: int, j: int, language: str) -> bool:
    """'Laurence des Cars': a particle that is also an article or a preposition ('des') right after a
    given name alone, with a capitalised word after it, opens the person's surname. Not in German,
    where 'des' is the genitive article and every noun is capitalised."""
    return j == i + 1 and j + 1 < len(tokens) and tokens[j][2] in _SURNAME_PARTICLES and language != "de" \
        and text[tokens[i][1]:tokens[j][0]] == " " and text[tokens[j][1]:tokens[j + 1][0]] == " " \
        and _capitalised(tokens[j + 1][2]) and tokens[i][2] in given_names(language)


def _given_name_surname(tokens, i: int, j: int) -> bool:
    """'Michael Jordan': a given-name country right after one capitalised word that is no place, ending
    the name (no capitalised word after it)."""
    return j == i + 1 and tokens[j][2].lower() in GIVEN_NAME_COUNTRIES and not _known_place(tokens[i][2], "") \
        and not (j + 1 < len(tokens) and _capitalised(tokens[j + 1][2]))


_ARTICLES_BEFORE_PLACE = {"the", "la", "le", "les", "el", "los", "las", "der", "die", "das", "dem", "den", "il", "lo"}


def _after_place_preposition(tokens, i: int, language: str) -> bool:
    """The name follows a preposition of place, perhaps with an article between ('in the Diet')."""
    preps = PLACE_CONTEXT.get(language, (set(), set()))[0]
    k = i - 1
    if k >= 0 and tokens[k][2].lower() in _ARTICLES_BEFORE_PLACE:
        k -= 1
    return k >= 0 and tokens[k][2].lower() in preps


# Turkic official names of states put the kind of state after the country's name, in the possessive:
# 'Ўзбекистон Республикаси', 'Хитой Халқ Республикаси', 'Қазақстан Республикасы', 'Türkiye Cumhuriyeti',
# 'Ресей Федерациясы', 'Birleşik Arap Emirlikleri' is in the gazetteer whole. Inflected forms too
# ('Республикасининг'): the stem is matched.
_STATE_AFTER = {"kk", "uz", "tr", "az", "ky", "tk", "tt", "ba"}
_STATE_STEMS = ("республика", "respublika", "cumhuriyet", "федерация", "federatsiya", "federasyon", "korolligi",
                "қироллиги", "корольдігі", "krallığı", "krallık", "әмірлігі", "amirligi")


def _state_words(tokens, k: int, stop) -> int:
    """How many words from token k complete a Turkic official name of a state: at most two capitalised
    words ('Халқ', 'Демократик', 'Ислом') and a capitalised word for the kind of state; 0 for none."""
    for extra in range(0, 3):
        last = k + extra
        if last >= len(tokens) or tokens[last][0] - tokens[last - 1][1] != 1:
            return 0
        word = tokens[last][2]
        if not _capitalised(word) or word.lower() in stop:
            return 0
        if word.lower().startswith(_STATE_STEMS):
            return extra + 1
    return 0


def _role_ahead(tokens, j: int, triggers) -> bool:
    """A role word inside a run of capitalised words ends the name before it: 'O'zbekiston Respublikasi
    Prezidenti Shavkat Mirziyoyev', 'Bank of England Governor Andrew Bailey' (a role the sentence opens
    with is read before any name starts). Only a role followed by a capitalised name ('Ford President'
    is no one's role), and not in the name of a road or square named after someone ('Rodovia
    Presidente Dutra', 'Avenida Presidente Vargas': the caller checks for a place word)."""
    found = _role_at(tokens, j, triggers)
    if found is None or j + found[1] >= len(tokens):
        return False
    k = j + found[1]
    return _capitalised(tokens[k][2]) and tokens[k][0] - tokens[k - 1][1] == 1


def _role_at(tokens, i: int, triggers) -> tuple[str, int] | None:
    """The role trigger of one to three words that starts at token i, the longest, and its length."""
    for n in (3, 2, 1):
        if i + n <= len(tokens):
            phrase = " ".join(t[2].lower() for t in tokens[i:i + n]).replace(" - ", "-")
            if phrase in triggers:
                return phrase, n
    return None


def _org_name_end(text: str, tokens, i: int, j: int, language: str, stop) -> int:
    """Where an organisation's name that runs over tokens i..j-1 ends, once linking words and lower-case
    adjectives after its head are taken in: 'Compagnia della Baia di Hudson', 'Consiglio d'Europa',
    'Partido dos Trabalhadores', 'Parlamento europeo', 'Banca centrale europea'."""
    adjectives = ORG_ADJECTIVES.get(language, frozenset())
    if j - i == 1 and adjectives:
        k = j
        while k < len(tokens) and k - j < 2 and tokens[k][2] in adjectives and \
                not text[tokens[k - 1][1]:tokens[k][0]].strip():
            k += 1
        if k > j:
            return k
    while j < len(tokens):
        k = j
        gap = text[tokens[k - 1][1]:tokens[k][0]]
        if _ELIDED_LINK.search(gap) and _capitalised(tokens[k][2]):
            pass  # 'Consiglio d'Europa': the elided article is in the gap
        else:
            while k < len(tokens) and k - j < 2 and tokens[k][2].lower() in ORG_LINKS and \
                    (not text[tokens[k - 1][1]:tokens[k][0]].strip() or
                     text[tokens[k - 1][1]:tokens[k][0]].strip() in ("'", "’")):
                k += 1
            if k == j or k >= len(tokens):
                break
            gap = text[tokens[k - 1][1]:tokens[k][0]]
            if gap.strip() not in ("", "'", "’"):
                break
        if not _capitalised(tokens[k][2]) or tokens[k][2].lower() in stop or tokens[k][2].lower() in _MONTHS_DAYS \
                or "\n" in text[tokens[j - 1][1]:tokens[k][0]]:
            break
        j = k + 1
        while j < len(tokens) and _joined(text[tokens[j - 1][1]:tokens[j][0]]) and _capitalised(tokens[j][2]) \
                and tokens[j][2].lower() not in stop and "\n" not in text[tokens[j - 1][1]:tokens[j][0]]:
            j += 1
    # 'and' joins two parts of one name only where the acronym after it says so: 'Instituto Brasileiro
    # de Geografia e Estatística (IBGE)'
    if j + 1 < len(tokens) and tokens[j][2].lower() in _AND and _capitalised(tokens[j + 1][2]) and \
            not text[tokens[j - 1][1]:tokens[j + 1][0]].replace(tokens[j][2], "").strip():
        k = j + 2
        while k < len(tokens) and text[tokens[k - 1][1]:tokens[k][0]] == " " and _capitalised(tokens[k][2]):
            k += 1
        if _spelled_out(text, tokens[k - 1][1], [t[2] for t in tokens[i:k]]):
            return k
    return j


# capitalised articles that begin place names ('La Paz', 'El Carmen', 'Los Ángeles', 'Le Havre', 'La Spezia')
PLACE_ARTICLES = {"es": {"el", "la", "los", "las"}, "fr": {"le", "la", "les"}, "it": {"il", "la", "lo", "le"},
                  "pt": {"o", "a", "os", "as"}}


def _article_of_place(text: str, tokens, i: int, language: str, stop) -> bool:
    """A capitalised article that is part of the place name after it: the article and the name are
    a place of the gazetteer ('en La Paz', 'de Los Ángeles'; 'Paz' alone is a surname), or they follow
    a word for a place ('municipio de La Vega', 'vereda El Diamante'), where a village the gazetteer
    lacks keeps its article ('Diamante' alone is an Argentine town)."""
    word = tokens[i][2]
    if word.lower() not in PLACE_ARTICLES.get(language, ()) or not word[:1].isupper() or i + 1 >= len(tokens):
        return False
    after = tokens[i + 1][2]
    if text[tokens[i][1]:tokens[i + 1][0]] != " " or not _capitalised(after) or after.lower() in stop:
        return False
    for n in (3, 2):
        if i + n <= len(tokens) and lookup_place(text[tokens[i][0]:tokens[i + n - 1][1]], language):
            return True
    return _place_context(text, tokens, i, language) and tokens[i - 1][2].lower() not in \
        PLACE_CONTEXT.get(language, (set(), set()))[0]


def _country_reading(phrase: str) -> tuple[str | None, str | None]:
    """(country code, how the phrase names it: 'demonym', 'capital' or None for its name), or
    (None, None) for no country."""
    folded = _fold(phrase)
    if folded in DEMONYMS:
        return DEMONYMS[folded], "demonym"
    if folded in CAPITALS:
        return CAPITALS[folded], "capital"
    return lookup_country(phrase), None


_ITALIAN_ENDINGS = ("a", "e", "i", "o", "u", "à", "è", "é", "ì", "ò", "ù")
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")  # I to XXXIX: centuries, popes, kings


def _has_lowercase(text: str) -> bool:
    return any(ch.islower() for ch in text)


def _team_name(words: list[str], language: str) -> bool:
    """A place's name and a plural after it ('Milwaukee Bucks', 'Toledo Mud Hens', 'Puerto Rico
    Islanders'): a sports team. Not where the first word is a given name ('Florence Williams')."""
    last = words[-1]
    if len(words) > 4 or not last.endswith("s") or last.endswith(("ss", "'s")) or words[0] in given_names(language):
        return False
    return any(lookup_place(" ".join(words[:n]), language) or lookup_country(" ".join(words[:n]))
               for n in range(1, min(3, len(words) - 1) + 1))


def _team_ahead(text: str, tokens, i: int, language: str, stop) -> int:
    """How many words (2 to 4) from token i make a sports team's name, a place's and a plural
    ('Cleveland Indians', 'Hawaii Islanders'; see `_team_name`), where a country or a demonym is one of
    them and no capitalised word follows; not in a title-case line (a headline's 'Iran Strikes')."""
    k = i + 1
    while k < len(tokens) and k - i < 4 and text[tokens[k - 1][1]:tokens[k][0]] == " " \
            and _capitalised(tokens[k][2]) and tokens[k][2].lower() not in stop:
        k += 1
    if k - i < 2 or k < len(tokens) and _capitalised(tokens[k][2]) and _joined(text[tokens[k - 1][1]:tokens[k][0]]):
        return 0
    words = [t[2] for t in tokens[i:k]]
    if not any(_country_reading(w)[0] for w in words):
        return 0
    # a demonym's plural ends it ('Cleveland Indians'): no person's name, whatever the first word
    if not (_team_name(words, language) or len(words) == 2 and _country_reading(words[-1])[0]
            and words[-1].endswith("s") and lookup_place(words[0], language)):
        return 0
    capitalised = sum(1 for t in tokens if _capitalised(t[2]))
    return 0 if capitalised * 2 > len(tokens) else k - i


def _compound_place(text: str, tokens, i: int, language: str, stop) -> int:
    """How many words (2 or 3) from token i make a place of the gazetteer that holds a country's name or
    a demonym ('South America', 'British Columbia', 'New Mexico'), capitalised, spaced and not followed
    by another capitalised word ('New Mexico State University' is longer); 0 for none."""
    for n in (3, 2):
        if i + n > len(tokens) or any(text[tokens[k - 1][1]:tokens[k][0]] != " " or not _capitalised(tokens[k][2])
                                      or tokens[k][2].lower() in stop for k in range(i + 1, i + n)):
            continue
        if i + n < len(tokens) and _capitalised(tokens[i + n][2]) and tokens[i + n][2].lower() not in stop \
                and _joined(text[tokens[i + n - 1][1]:tokens[i + n][0]]):
            continue
        words = [t[2] for t in tokens[i:i + n]]
        first, kind = _country_reading(words[0])
        if not any(_country_reading(w)[0] for w in words) or first and kind is None:
            continue  # a country first stays the country: 'Mexico City', 'Kuwait City' are its capitals
        phrase = text[tokens[i][0]:tokens[i + n - 1][1]]
        if _country_reading(phrase)[0] is None and lookup_place(phrase, language):
            return n
    return 0


def _initial(text: str, tokens, k: int) -> bool:
    """Token k is a person's initial: one capital letter and a full stop, then a space and a
    capitalised word ('Neal H. Moritz', 'T. S. Eliot'); not the end of an abbreviation ('U.S. Army')."""
    word = tokens[k][2]
    return len(word) == 1 and word.isupper() and k + 1 < len(tokens) and _capitalised(tokens[k + 1][2]) \
        and text[tokens[k][1]:tokens[k + 1][0]] == ". " and text[tokens[k][0] - 1:tokens[k][0]] != "."


def _joined(gap: str) -> bool:
    return not gap.strip() or gap == "-"


def _overlaps(start: int, end: int, spans) -> bool:
    return any(start < e and s < end for s, e in spans)


def _role_compound(tokens, i: int, triggers) -> tuple[str, str] | None:
    """(the name part, the role) of a German role compound before a name: 'US-Präsident Donald Trump'
    ('US', 'us-präsident'), 'Bundestagspräsidentin Julia Klöckner' ('', 'bundestagspräsidentin'). The
    last part must be a role word (a trigger of four letters or more, so 'Chef' but no shorter ending),
    and a capitalised word must follow: the role's person."""
    word = tokens[i][2]
    if i + 1 >= len(tokens) or not _capitalised(tokens[i + 1][2]) or not _capitalised(word):
        return None
    lower = word.lower()
    head, sep, tail = word.rpartition("-")
    if sep and head and tail.lower() in triggers:
        return head, lower
    if not sep and lower not in triggers and any(
            lower.endswith(t) and len(lower) - len(t) >= 3 for t in triggers if len(t) >= 4 and " " not in t):
        return "", lower
    # a role in the genitive before its holder ('des Regierungschefs Shinzo Abe', 'des Papstes
    # Franziskus', 'des US-Präsidenten Donald Trump'): the role, in its nominative; not a town's name
    # whose first word reads so ('Königs Wusterhausen')
    base = _genitive_role(tail if sep else word, triggers)
    if base and lookup_place(f"{word} {tokens[i + 1][2]}", "de") is None:
        return (head, f"{head.lower()}-{base}") if sep and head else ("", base)
    return None


def _genitive_role(word: str, triggers) -> str | None:
    """The nominative of a German role word in the genitive (-s, -es; -en of a weak noun in -ent, -n of
    'Herr'), alone or compounded ('Regierungschefs', 'Verteidigungsministers', 'Präsidenten')."""
    lower = word.lower()
    for ending in ("es", "s", "en", "n"):
        base = lower[:-len(ending)]
        if not lower.endswith(ending) or len(base) < 4 or ending == "en" and not base.endswith("ent") \
                or ending == "n" and base != "herr":
            continue
        if base in triggers or any(base.endswith(t) and len(base) - len(t) >= 3
                                   for t in triggers if len(t) >= 4 and " " not in t):
            return base
    return None


def _compound_head(text: str, start: int, head: str, sentence_index: int, language: str) -> Mention | None:
    """The name before a role compound's hyphen, when it is one: a country ('US', 'Ukraine'), an
    acronym ('CDU', 'UN') or a known place; nothing for 'Ex' of 'Ex-Präsident'."""
    end = start + len(head)
    folded = _fold(head)
    code, kind = _country_reading(head)
    if code:
        return Mention(start=start, end=end, text=head, type="LOC", sentence=sentence_index, key=f"C:{code}",
                       country=code, role="capital" if kind == "capital" else None)
    if head.isupper() and 2 <= len(head) <= 6:
        return Mention(start=start, end=end, text=head, type="ORG", sentence=sentence_index,
                       key=f"N:{name_key(head) or folded}")
    place = lookup_place(head, language)
    if place:
        return Mention(start=start, end=end, text=head, type="LOC", sentence=sentence_index,
                       key=f"N:{name_key(head) or folded}", country=place[0] or None)
    return None


@lru_cache(maxsize=1)
def _common_word_table() -> dict[str, frozenset[str]]:
    from pathlib import Path

    table = bundled_json(Path(__file__).with_name("data") / "common_words.json.gz") or {}
    return {language: frozenset(words) for language, words in table.items()}


def common_words(language: str) -> frozenset[str]:
    """Frequent words of a language that are not names (lower case; bench/build_common_words.py):
    verbs, adjectives and function words, and in German the nouns that inflect."""
    return _common_word_table().get(language, frozenset())


def _known_place(word: str, language: str) -> bool:
    return lookup_country(word) is not None or lookup_place(word, language) is not None or _fold(word) in CAPITALS


def _common_noun(tokens, i: int, articles, suffixes, lower_words) -> bool:
    """A capitalised German word that reads as a common noun: a known noun, a typical noun ending,
    or after an article or a lower-case adjective unless it opens a longer name ('der FC Bayern
    München', 'die Harvard University', 'das Museo del Prado')."""
    word = tokens[i][2]
    lower = word.lower()
    if _given_name_opens(tokens, i, "de"):
        return False
    if lower in lower_words or lower in common_words("de") or (lower.endswith(suffixes) and len(word) > 5):
        return True
    if word.isupper():
        return False  # an acronym: FC, SPD
    previous = tokens[i - 1][2] if i else ""
    opens_name = i + 1 < len(tokens) and _capitalised(tokens[i + 1][2]) and tokens[i + 1][0] - tokens[i][1] == 1
    if previous.lower() in articles:
        return not opens_name
    if previous[:1].islower() and re.search(r"(?:e|en|er|es|em)$", previous) and len(previous) > 3:
        return not opens_name
    return False


def _noun_after_article(tokens, i: int, articles) -> bool:
    """A German common noun that is also a town's name is the noun after an article ('die Lage', 'der
    Rest', 'zu Ende', 'das Wetter': not the towns of Lage, Rasht, Ende, Wetter); towns take none ('nach
    Lage'). Not where it opens a longer name ('die Halle Münsterland')."""
    previous = tokens[i - 1][2].lower() if i else ""
    opens_name = i + 1 < len(tokens) and _capitalised(tokens[i + 1][2]) and tokens[i + 1][0] - tokens[i][1] == 1
    return (previous in articles or previous == "zu") and not opens_name \
        and tokens[i][2].lower() in common_words("de")  # 'der Alhambra', 'den Haag' stay places


def _noun_before_given_name(tokens, i: int, language: str) -> bool:
    """Token i is a noun no list knows (a role, a trade: 'Demokratin', 'Filmproduzent') before a
    person's given name and surname: not itself a given name, a place or an acronym."""
    word = tokens[i][2]
    return not word.isupper() and len(word) >= 4 and word not in given_names(language) \
        and tokens[i + 1][0] - tokens[i][1] == 1 and _given_name_opens(tokens, i + 1, language) \
        and not _known_place(word, language)


def _given_name_opens(tokens, i: int, language: str) -> bool:
    """Token i is a given name and a capitalised word follows it after one space: a person's name
    begins there ('Peter Fonda', 'Max Schmeling'), whatever common word the given name also is."""
    return tokens[i][2] in given_names(language) and i + 1 < len(tokens) and _capitalised(tokens[i + 1][2]) \
        and tokens[i + 1][0] - tokens[i][1] == 1


@lru_cache(maxsize=1)
def _given_name_table() -> tuple[frozenset[str], frozenset[str]]:
    from pathlib import Path

    data = bundled_json(Path(__file__).with_name("data") / "given_names.json.gz") or {}
    return frozenset(data.get("shared", ())), frozenset(data.get("single", ()))


@lru_cache(maxsize=64)
def given_names(language: str) -> frozenset[str]:
    """Given names (bench/build_given_names.py: Faker's first names of ~80 countries), as written
    ('Peter', 'Пётр'): those of two countries or more, and those of one that are no common word of
    the language ('Will', 'Forest' are English words; 'Buddy' is no German one)."""
    shared, single = _given_name_table()
    common = common_words(language)
    return shared | frozenset(name for name in single if name.lower() not in common)


def _plain_noun(word: str, suffixes) -> bool:
    """A German word with a common noun's ending ('Bemühungen', 'Invasion'), and no word that names
    organisations or places. Only the ending: frequent nouns are also surnames ('Klaus Müller',
    'Thomas Mann', whose first names end in -s like a genitive)."""
    lower = word.lower()
    return lower not in ORG_WORDS and lower not in LOC_WORDS and lower.endswith(suffixes) and len(word) > 5


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _sentence_of(sentences: list[Sentence], offset: int) -> int:
    for i, sentence in enumerate(sentences):
        if sentence.start <= offset < sentence.end:
            return i
    return max(0, len(sentences) - 1)
