"""Dates named in a text, in many languages, with their precision (day, month or year).

Rules instead of dateparser.search_dates, which over whole articles finds many false dates and
reads "am 14. und 15. Dezember" as the year 2115. Day ranges become ISO intervals
("2025-12-14/2025-12-15"), so "14. und 15. Dezember" and "Dec 14-15" compare equal.
Month names come from CLDR (babel) for every supported locale.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from ..model import DateMention, Sentence

LOCALES = ["en", "de", "fr", "es", "it", "pt", "pl", "nl", "ru", "uk", "tr", "kk", "uz", "uz_Cyrl", "ar",
           "ar_SY", "ar_MA", "id", "ro", "cs", "sv", "az", "ky", "tg", "be", "bg", "sr", "hr", "hu", "el"]


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in LOCALES:
        for width, context in (("wide", "format"), ("wide", "stand-alone"), ("abbreviated", "format")):
            try:
                table = get_month_names(width, context=context, locale=locale)
            except Exception:  # noqa: BLE001 - a locale babel lacks is simply skipped
                continue
            for number, name in table.items():
                name = name.lower().rstrip(".")
                if len(name) >= 3 and not name[0].isdigit():
                    names.setdefault(name, number)
    # common English abbreviation with a dot or "Sept"
    names.setdefault("sept", 9)
    # the Russian May after "в" ("в мае 2023 года"): the other months' forms begin with a listed name
    names.setdefault("мае", 5)
    return names


@lru_cache(maxsize=1)
def weekday_names() -> frozenset[str]:
    """Names of the days of the week, some of which begin like a month's abbreviation: "mardi 6",
    "martes 6" (Tuesday the 6th) are no 6 March."""
    from babel.dates import get_day_names

    names = set()
    for locale in LOCALES:
        for context in ("format", "stand-alone"):
            try:
                names.update(n.lower() for n in get_day_names("wide", context=context, locale=locale).values())
            except Exception:  # noqa: BLE001 - a locale babel lacks is simply skipped
                continue
    return frozenset(names)


def _month_alternation() -> str:
    return "|".join(re.escape(n) for n in sorted(month_names(), key=len, reverse=True))


_D = r"(?P<d1>\d{1,2})\.?"
_D2 = r"(?:\s*(?:[-–—/]|und|and|et|y|e|и|і|та|ve|ile|va|және|و)\s*(?P<d2>\d{1,2})\.?)?"
_Y = r"(?P<y>(?:19|20)\d{2})"
# after a year alone, the words that make it the start or the end of a span (since, from, until, before,
# after): zh, ja, ko. Not "前" or "后" that open a part of the year ("2025年前三季度", the first three quarters
# of 2025; "后半年"), nor the "来" of "来华" (came to China in 2025)
_SPAN_AFTER_YEAR = (r"\s*(?:以来|来(?!华)|起|至今|以后|以後|之后|后(?!半)|以前|之前|前(?![一二两三四五六七八九十\d半])|以降|から|まで|"
                    r"이후|이래|부터|까지|전|후)")


# A year alone in running text, where the words around it say it is a time: "in 2027", "im Jahr 2027",
# "en 2027", "в 2027 году", "у 2027 році", "2027 жылы", "2027-yilda", "2027 yılında", "năm 2027", "عام 2027",
# "w 2027 roku", "nel 2027", "em 2027". The CJK year above has its sign (年, 년); a bare four-digit number in
# other scripts is no year unless such a word stands with it ("The budget of 2027 units", "flight 2027",
# "2027 people"). Per language (the words are told apart without knowing the article's language):
#   before       words right before the year that make it a time, no part of the date ("in 2027", "en 2027")
#   noun_before  the year's noun before it, part of the date ("im Jahr 2027": "Jahr 2027"; "năm 2027")
#   noun_after   the year's noun or case ending after it (with its own joint), part of the date ("2027 году",
#                "2027-yilda", "2027'de", "2027. godine")
#   span         words among the two before the date that make it the start or end of a span, or one of
#                many years ("since 2015", "с 2015 года", "منذ عام 2015", "từ năm 2015", "những năm 1990", the
#                1990s): no date, as 自 / 从 and 以来 are for the CJK year; a deadline too ("by 2030", "до 2030
#                года", as "2030年前")
#   span_after   postpositions among the two words after the date that do the same ("2027 yılı sonuna kadar")
#                Span words are the article's language's where it is known, with those of languages of
#                other scripts (quotes; dates19): "na" is Dutch "after" and Polish "for" ("budżet na 2027
#                rok"), "do" Polish "until" and Portuguese "of the" ("no final do ano de 2027"), "to" English
#                and Polish "it" ("to w 1993 roku"), "то" Tajik "until" and Russian "that"; all languages'
#                where it is not known, the cautious reading
# Nor is a year one end of a range or list ("in 2015–2020", "in 2015 and 2020", "năm 2008 và 2018"), an
# amount ("in 2027 people", "in 2027 %"), nor inside a fuller date that a pattern above reads ("in June 2027").
YEAR_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {"before": (r"in", r"during", r"throughout", r"in\s+(?:early|late)", r"in\s+mid-?"),
           "noun_before": (r"year",),
           "span": ("since", "from", "until", "till", "by", "before", "after", "between", "through", "to")},
    "nl": {"before": (r"in", r"tijdens"), "noun_before": (r"jaar",),
           "span": ("sinds", "vanaf", "tot", "voor", "na", "tussen")},
    "de": {"before": (r"in", r"Anfang", r"Mitte", r"Ende"),
           "noun_before": (r"Jahr", r"Jahre", r"Jahres", r"(?:Anfang|Mitte|Ende)\s+des\s+Jahres"),
           "span": ("seit", "ab", "bis", "von", "vom", "zum", "vor", "nach", "zwischen")},
    "fr": {"before": (r"en", r"courant", r"(?:au\s+|en\s+)?début", r"(?:à\s+la\s+|en\s+)?fin", r"(?:à\s+la\s+)?mi-"),
           "noun_before": (r"l['’]an", r"l['’]année"),
           "span": ("depuis", "dès", "jusqu", "jusque", "avant", "après", "ici", "entre", "partir")},
    "es": {"before": (r"en", r"durante", r"a\s+(?:principios|mediados|finales)\s+de"),
           "noun_before": (r"año", r"año\s+de"),
           "span": ("desde", "hasta", "antes", "después", "entre", "para", "partir")},
    "it": {"before": (r"nel", r"durante\s+il", r"(?:all['’]inizio|a\s+metà|alla\s+fine|(?:a|alla)\s+fine)\s+del"),
           "noun_before": (r"anno",),
           "span": ("dal", "dall", "dallo", "fino", "entro", "prima", "dopo", "tra", "fra")},
    "pt": {"before": (r"em", r"durante"), "noun_before": (r"ano", r"ano\s+de"),
           "span": ("desde", "até", "antes", "depois", "entre", "para", "partir")},
    "ro": {"before": (r"în",), "noun_before": (r"anul",), "span": ("din", "până", "înainte", "după", "între")},
    "id": {"before": (r"pada",), "noun_before": (r"tahun",),
           "span": ("sejak", "hingga", "sampai", "sebelum", "setelah", "sesudah", "dari", "antara")},
    # not Swedish "under 2027": English "under 2000 words" is an amount
    "sv": {"noun_before": (r"år",), "span": ("sedan", "till", "från", "före", "efter")},
    "el": {"before": (r"το", r"στο", r"κατά\s+το"), "noun_before": (r"έτος",),
           "span": ("από", "έως", "μέχρι", "ως", "πριν", "μετά")},
    "ru": {"noun_after": (r"\s*(?:году|года|год|г\.)",),
           "span": ("с", "со", "до", "к", "ко", "после", "по", "от", "между", "начиная", "перед")},
    "uk": {"noun_after": (r"\s*(?:році|року|рік|р\.)",),
           "span": ("з", "із", "зі", "від", "до", "після", "по", "між", "починаючи")},
    "be": {"noun_after": (r"\s*(?:годзе|года)",), "span": ("з", "да", "пасля")},
    "bg": {"noun_after": (r"\s*(?:година|г\.)",), "span": ("от", "до", "след", "преди")},
    "sr": {"noun_after": (r"\.?\s*(?:godine|godini|године|години)",),
           "span": ("od", "do", "nakon", "posle", "poslije", "prije", "pre", "од", "до", "после", "пре")},
    "pl": {"noun_after": (r"\s*(?:roku|rok|r\.)",), "noun_before": (r"roku",),
           "span": ("od", "do", "po", "przed", "między", "aż")},
    "cs": {"noun_before": (r"roce", r"roku"), "span": ("od", "do", "po", "před")},
    "hu": {"noun_after": (r"-(?:ben|ban)",)},
    "tr": {"noun_after": (r"\s*(?:yılında|yılının|yılı)", r"['’](?:de|da|te|ta)"),
           "span_after": ("kadar", "itibaren", "beri", "yana", "önce", "sonra")},
    # "il" and "ilin" only after the ordinal ending: "1984 il" is French "de 1984 il prit part"
    "az": {"noun_after": (r"-(?:ci|cı|cu|cü)\s*(?:ildə|ilində|ilin|il)", r"\s*(?:ildə|ilində)"),
           "span_after": ("qədər", "bəri", "sonra", "əvvəl")},
    "kk": {"noun_after": (r"[\s-]*(?:жылы|жылғы)",), "span_after": ("дейін", "бері", "кейін", "бастап", "бұрын")},
    "ky": {"noun_after": (r"[\s-]*(?:жылы|жылкы)",), "span_after": ("чейин", "бери", "кийин", "баштап", "мурун")},
    "uz": {"noun_after": (r"[\s-]*(?:yilda|yilgi|yil|йилда|йилги|йил)",),
           "span_after": ("gacha", "qadar", "beri", "buyon", "keyin", "oldin", "boshlab", "гача", "қадар", "бери",
                          "буён", "кейин", "олдин", "бошлаб")},
    "tg": {"noun_before": (r"соли",), "span": ("аз", "то", "баъд", "пеш")},
    "vi": {"noun_before": (r"năm",), "span": ("từ", "đến", "tới", "trước", "sau", "những", "các", "mấy")},
    "ar": {"before": (r"[وف]?في",), "noun_before": (r"[وفبل]?(?:ال|ل)?(?:عام|سنة)",),
           "span": ("منذ", "حتى", "بحلول", "قبل", "بعد", "من", "إلى", "الى", "لغاية", "بين", "عامي")},
    # Persian and Urdu: "در سال ۲۰۲۷", "سال 2027 میں"; "از سال 2015" (since), "تا سال 2030", "2015 سے", "2030 تک"
    "fa": {"noun_before": (r"سال",), "span": ("از", "تا", "پیش", "پس", "قبل", "بعد")},
    "ur": {"noun_before": (r"سال",), "span_after": ("سے", "تک")},
}
# what a number followed by these counts or measures ("in 2027 people", "in 1999 deaths", "in 2000 Metern
# Höhe", "en 2000 euros"): an amount, no year (compare/numbers.py reads "2027 people" so too)
_COUNTED = (r"%|‰|per\s*cent|prozent|pour\s*cent|por\s*ciento|процент\w*|people|persons|deaths|dead|cases|votes|"
            r"menschen|personen|tote|fällen|personnes|morts|cas|personas|muertos|casos|pessoas|persone|casi|человек|"
            r"людей|осіб|случа\w*|kişi|người|adam|kishi|адам|شخص|"
            r"m|km|met(?:er|re)s?|metern|kilomet\w*|mètres|metros|metri|метр\w*|километр\w*|"
            r"dollars?|dólares|dollari|euros?|евро|доллар\w*|рубл\w*|гривень|yuan|yen|pounds?|libras|tenge|тенге")
_YEAR_ALONE = re.compile(r"(?<![\w.,$€£¥₽₸])(?P<y>(?:19|20)\d{2})(?![\w]|[.,]\d|\s*[-–—/]\s*\d|,\s*(?:19|20)\d{2}|"
                         rf"\s+\S{{1,5}}\s+(?:19|20)\d{{2}}(?!\d)|\s*(?:{_COUNTED})(?!\w))", re.IGNORECASE)
_YEAR_IN_SPAN = re.compile(r".*?(?P<y>(?:19|20)\d{2}).*", re.DOTALL)
# the second of two years ("2015–2020", "2019/20", "2015 и 2020 годах", "tussen 1891 en 1911"), not any number
# before ("COVID-19 in 2020", "rose from 500 in 2004")
_RANGE_BEFORE = re.compile(r"(?:(?<![\d.,])\d{4}\s*(?:[-–—/,]|\s\S{1,5})|\d\s*[-–—/])\s*\Z")
_TOKEN = re.compile(r"\w+")  # words and numbers: "dipped to 75 % in mid-2001" has no "to" before its "in"
_SPAN_BREAK = re.compile(r"[.!?;:,()\[\]\"«»“”„]")


@lru_cache(maxsize=64)
def _year_words(language: str | None = None) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str],
                                                      frozenset[str], frozenset[str]]:
    """The patterns of YEAR_WORDS: the words with a year of every language (they are told apart without the
    article's language), the span words of the article's language where YEAR_WORDS knows it, else of all:
    Dutch "na" (after) is Polish "na" (for: "budżet na 2027 rok") and Slavic "do" / "od" are Italian / Portuguese
    words ("do" = of the: "no final do ano de 2027")."""
    def alternation(key: str) -> str:
        return "|".join(sorted({f for words in YEAR_WORDS.values() for f in words.get(key, ())}, key=len, reverse=True))

    flags = re.IGNORECASE
    before = re.compile(rf"(?<!\w)(?:{alternation('before')})(?:\s+|(?<=-))\Z", flags)
    noun_before = re.compile(rf"(?<!\w)(?:{alternation('noun_before')})\s+\Z", flags)
    noun_after = re.compile(rf"(?:{alternation('noun_after')})(?!\w)", flags)
    span = _span_words("span", language)
    span_after = _span_words("span_after", language)
    return before, noun_before, noun_after, span, span_after


def _script(word: str) -> str:
    return unicodedata.name(word[0], "").split(" ")[0]  # LATIN, CYRILLIC, ARABIC, GREEK


def _span_words(key: str, language: str | None) -> frozenset[str]:
    """Every language's span words where the article's language is unknown; else its own, and those of the
    languages written in other scripts (a Russian quote in a Spanish article: "до 2011 года")."""
    every = {w for words in YEAR_WORDS.values() for w in words.get(key, ())}
    if language not in YEAR_WORDS:
        return frozenset(every)
    own = set(YEAR_WORDS[language].get(key, ()))
    # the language's scripts, by its plain words of every kind
    scripts = {_script(w) for words in YEAR_WORDS[language].values() for w in words if w[0] not in "\\(["}
    return frozenset(w for w in every if w in own or _script(w) not in scripts)


def _is_span_word(word: str, words: frozenset[str]) -> bool:
    word = word.lower()
    # Arabic joins "and" to the next word: "ومنذ عام 2015" (and since 2015)
    return word in words or word[:1] == "و" and word[1:] in words


def _years_alone(text: str, language: str | None = None):
    """The years alone that the words around them make a time (YEAR_WORDS), each as a match over the date
    (the year with its noun, not the preposition before it)."""
    before, noun_before, noun_after, span, span_after = _year_words(language)
    for year in _YEAR_ALONE.finditer(text):
        start, end = year.span()
        window = text[max(0, start - 40):start]
        after = noun_after.match(text, end)
        in_front = noun_before.search(window)
        preposition = None if after or in_front else before.search(window)
        if after:
            end = after.end()
        elif in_front:
            start -= len(window) - in_front.start()
        elif not preposition:
            continue
        ahead = text[max(0, start - 40):start]
        if _RANGE_BEFORE.search(ahead):
            continue  # "2015 и 2020 годах", "2015–2020"
        words = _TOKEN.findall(_SPAN_BREAK.split(ahead)[-1])[-2:]
        if preposition:  # and the word before a longer one: "jusqu'à la fin 2016", "bis Ende 2027"
            opening = start - (len(window) - preposition.start())
            words += _TOKEN.findall(_SPAN_BREAK.split(text[max(0, opening - 40):opening])[-1])[-1:]
        behind = _SPAN_BREAK.split(text[end:end + 40])[0]
        if any(_is_span_word(w, span) for w in words) or \
                any(w.lower() in span_after for w in _TOKEN.findall(behind)[:2]):
            continue
        yield _YEAR_IN_SPAN.match(text, start, end)


@lru_cache(maxsize=1)
def patterns() -> list[tuple[re.Pattern[str], str]]:
    months = _month_alternation()
    m = rf"(?P<m>{months})\w{{0,4}}"
    flags = re.IGNORECASE
    return [
        (re.compile(rf"\b{_Y}-(?P<mn>\d{{2}})-(?P<d1>\d{{2}})\b"), "iso"),
        (re.compile(rf"(?<![\d.])(?P<d1>\d{{1,2}})[./](?P<mn>\d{{1,2}})[./]{_Y}\b"), "numeric"),
        (re.compile(rf"{_Y}\s*年\s*(?P<mn>\d{{1,2}})\s*月(?:\s*(?P<d1>\d{{1,2}})\s*(?:[-–至到]\s*(?P<d2>\d{{1,2}})\s*)?[日号])?"), "cjk"),
        (re.compile(r"(?<!\d)(?P<mn>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*(?:[-–至到]\s*(?P<d2>\d{1,2})\s*)?[日号]"), "cjk"),
        # Korean: "2025년 6월 14일", "2025년 6월", "6월 14~15일" (the year then inferred)
        (re.compile(rf"{_Y}\s*년\s*(?P<mn>\d{{1,2}})\s*월(?:\s*(?P<d1>\d{{1,2}})\s*(?:[-–~]\s*(?P<d2>\d{{1,2}})\s*)?일)?"), "cjk"),
        (re.compile(r"(?<!\d)(?P<mn>\d{1,2})\s*월\s*(?P<d1>\d{1,2})\s*(?:[-–~]\s*(?P<d2>\d{1,2})\s*)?일"), "cjk"),
        # a year alone where the script marks it as one: "第三届峰会将于2027年在中国举办", "2027년에"; the
        # patterns above take a year with its month first ("2025年6月"). Not a year that a span of time
        # starts or ends at: "普京自2015年以来首次访问美国" (his first visit since 2015) is no visit of 2015; nor
        # a decade: "1990年代", "1990년대" (the 1990s)
        (re.compile(rf"(?<![\d自从從]){_Y}\s*[年년](?![代대]|\s*\d{{1,2}}\s*[月월]|{_SPAN_AFTER_YEAR})"), "year"),
        (re.compile(rf"(?:ngày\s+)?(?P<d1>\d{{1,2}})(?:\s*[-–và]+\s*(?P<d2>\d{{1,2}}))?\s+tháng\s+(?P<mn>\d{{1,2}})(?:\s*(?:năm|,)\s*{_Y})?", flags), "vi"),
        (re.compile(rf"tháng\s+(?P<mn>\d{{1,2}})(?:\s*(?:năm|/)\s*{_Y})", flags), "vi"),
        (re.compile(rf"{_Y}\s*(?:жылғы|жылы|йил|yil|-yil|г\.|года|року)\s*(?P<d1>\d{{1,2}})\s*[-–]?\s*{m}", flags), "ymd"),
        # a year, then its month without a day: "2023 жылғы мамырда", "2023 yil mayda" (in May 2023)
        (re.compile(rf"{_Y}\s*(?:жылғы|жылы|йил|yil|-yil|yılı|yılının)\s+{m}", flags), "ym"),
        # "22 avril", "17 de junio de 2025"; Uzbek joins the day to its month: "21-aprel", "8-may"
        (re.compile(rf"(?<![\d.]){_D}{_D2}(?:-|\s*(?:de\s+)?){m}(?:\s*(?:de\s+|,\s*)?{_Y})?", flags), "dmy"),
        (re.compile(rf"\b{m}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<d2>\d{{1,2}}))?(?:,?\s+{_Y})?\b", flags), "mdy"),
        (re.compile(rf"\b{m}\s*(?:de\s+)?{_Y}\b", flags), "my"),
        # last, so that a year inside a fuller date is read with it: "in June 2027", "17 июня 2027 года"
        (_YEAR_ALONE, "year_word"),
    ]


def _month_number(match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    if groups.get("mn"):
        return int(groups["mn"])
    if groups.get("m"):
        return month_names().get(groups["m"].lower().rstrip("."))
    return None


FUTURE_WEIGHT = 2  # news reports what happened; a plan is named without its year only when it is near


def _infer_year(month: int, day: int, reference: date | None) -> int | None:
    """A date without a year is the nearest such date around the article's date, days ahead counting
    twice: an article of 4 June 2025 that names "3 December" means the past one (2024, 183 days back),
    not the one 182 days ahead; "14 and 15 December" in an article of 20 October is this year's."""
    if reference is None:
        return None

    def distance(candidate: date) -> int:
        days = (candidate - reference).days
        return days * FUTURE_WEIGHT if days > 0 else -days

    best = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if best is None or distance(candidate) < distance(best):
            best = candidate
    return best.year if best else None


def _value(match: re.Match[str], reference: date | None) -> tuple[str, str] | None:
    groups = match.groupdict()
    if "mn" not in groups and "m" not in groups:  # a year alone
        return groups["y"], "year"
    month = _month_number(match)
    if month is None or not 1 <= month <= 12:
        return None
    year = int(groups["y"]) if groups.get("y") else None
    d1 = int(groups["d1"]) if groups.get("d1") else None
    d2 = int(groups["d2"]) if groups.get("d2") else None
    if d1 is None:
        return (f"{year:04d}-{month:02d}", "month") if year else None
    if year is None:
        year = _infer_year(month, d1, reference)
        if year is None:
            return None
    try:
        start = date(year, month, d1)
        if d2 is not None and d2 > d1:
            end = date(year, month, d2)
            return f"{start.isoformat()}/{end.isoformat()}", "day"
    except ValueError:
        return None
    return start.isoformat(), "day"


# Eastern Arabic and Persian digits ("عام ٢٠٢٧", "١٥ أكتوبر ٢٠٢٥", "سال ۲۰۲۷") and full-width ones ("２０２５年６月"),
# with their decimal and thousands signs, mapped one character to one as compare/numbers.py does: the patterns
# read the mapped text, offsets and a date's text are the original's. (Python's \d matched them already, so
# "١٥ أكتوبر ٢٠٢٥" was 15 October of the article's year: the year's "(?:19|20)" is literal)
_WESTERN_DIGITS = str.maketrans({**{chr(0x0660 + i): str(i) for i in range(10)},
                                 **{chr(0x06F0 + i): str(i) for i in range(10)},
                                 **{chr(0xFF10 + i): str(i) for i in range(10)}, "٫": ".", "٬": ","})


def find_dates(text: str, sentences: list[Sentence], reference: date | None,
               language: str | None = None) -> list[DateMention]:
    """Every date in the text, longest match first where patterns overlap; `language`, the article's, chooses
    the words that make a year alone the start or end of a span (YEAR_WORDS; all languages' when None)."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    original, text = text, text.translate(_WESTERN_DIGITS)
    for pattern, kind in patterns():
        for match in _matches(pattern, kind, text, language):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            parsed = _value(match, reference)
            if parsed is None:
                continue
            taken.append((start, end))
            found.append(DateMention(start=start, end=end, text=original[start:end], value=parsed[0],
                                     precision=parsed[1], sentence=_sentence_index(sentences, start)))
    found.sort(key=lambda d: d.start)
    return found


_WORD = re.compile(r"\w+")


def _is_month_word(word: str) -> bool:
    names = month_names()
    word = word.lower()
    return any(word[:len(word) - cut] in names for cut in range(0, min(4, len(word) - 3) + 1))


def _matches(pattern: re.Pattern[str], kind: str, text: str, language: str | None = None):
    """Patterns that begin with a month name are tried only where a month name stands: a regex
    alternation of ~600 names tried at every word costs tens of milliseconds per article."""
    if kind == "year_word":
        yield from _years_alone(text, language)
        return
    if kind not in ("mdy", "my"):
        yield from pattern.finditer(text)
        return
    for word in _WORD.finditer(text):
        if _is_month_word(word.group(0)) and word.group(0).lower() not in weekday_names():
            match = pattern.match(text, word.start())
            if match:
                yield match


def _sentence_index(sentences: list[Sentence], offset: int) -> int:
    for i, sentence in enumerate(sentences):
        if sentence.start <= offset < sentence.end:
            return i
    return max(0, len(sentences) - 1)


def parse_published(value: str | None) -> tuple[str | None, str | None]:
    """A publication date from metadata -> (ISO date, precision)."""
    if not value:
        return None, None
    value = value.strip().translate(_WESTERN_DIGITS)
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        try:
            return date(*map(int, match.groups())).isoformat(), "day"
        except ValueError:
            return None, None
    import email.utils

    try:  # RFC 822 dates of RSS feeds
        parsed = email.utils.parsedate_to_datetime(value)
        return parsed.date().isoformat(), "day"
    except (TypeError, ValueError, IndexError, OverflowError):  # (an hour of 80 digits overflows)
        pass
    for pattern, kind in patterns():
        if kind == "year_word":
            continue  # a publication date is no running text: "2025" alone stays no date
        match = pattern.search(value)
        if match and (parsed := _value(match, None)):
            # a full ISO date even when only the month is known ("March 2025" -> 2025-03-01, month):
            # later stages compute with dates; the precision field says how much of it is real
            value = parsed[0].split("/")[0]
            return value + "-01" * ((10 - len(value)) // 3), parsed[1]
    return None, None
