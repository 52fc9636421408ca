"""Dates named in a text, in many languages, with their precision (day, month or year).

Rules instead of dateparser.search_dates, which over whole articles finds many false dates and
reads "am 14. und 15. Dezember" as the year 2115. Day ranges become ISO intervals
("2025-12-14/2025-12-15"), so "14. und 15. Dezember" and "Dec 14-15" compare equal.
Month names come from CLDR (babel) for every supported locale.
"""
from __future__ import annotations

import re
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


def find_dates(text: str, sentences: list[Sentence], reference: date | None) -> list[DateMention]:
    """Every date in the text, longest match first where patterns overlap."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for pattern, kind in patterns():
        for match in _matches(pattern, kind, text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            parsed = _value(match, reference)
            if parsed is None:
                continue
            taken.append((start, end))
            found.append(DateMention(start=start, end=end, text=match.group(0), value=parsed[0],
                                     precision=parsed[1], sentence=_sentence_index(sentences, start)))
    found.sort(key=lambda d: d.start)
    return found


_WORD = re.compile(r"\w+")


def _is_month_word(word: str) -> bool:
    names = month_names()
    word = word.lower()
    return any(word[:len(word) - cut] in names for cut in range(0, min(4, len(word) - 3) + 1))


def _matches(pattern: re.Pattern[str], kind: str, text: str):
    """Patterns that begin with a month name are tried only where a month name stands: a regex
    alternation of ~600 names tried at every word costs tens of milliseconds per article."""
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
    value = value.strip()
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
    for pattern, _kind in patterns():
        match = pattern.search(value)
        if match and (parsed := _value(match, None)):
            # a full ISO date even when only the month is known ("March 2025" -> 2025-03-01, month):
            # later stages compute with dates; the precision field says how much of it is real
            value = parsed[0].split("/")[0]
            return value + "-01" * ((10 - len(value)) // 3), parsed[1]
    return None, None
