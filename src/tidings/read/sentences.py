"""Sentence boundaries (sentencex rules, per language, paragraph by paragraph) as character spans."""
from __future__ import annotations

import re

from sentencex import segment

from ..model import Sentence


def split_sentences(text: str, language: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    offset = 0
    for paragraph in text.split("\n"):
        cursor = 0
        for piece in _pieces(paragraph, language):
            stripped = piece.strip()
            if not stripped:
                continue
            at = paragraph.find(stripped, cursor)
            if at < 0:  # sentencex returns slices of the input; be safe anyway
                at = cursor
            sentences.append(Sentence(start=offset + at, end=offset + at + len(stripped), text=stripped))
            cursor = at + len(stripped)
        offset += len(paragraph) + 1
    return sentences


def _pieces(paragraph: str, language: str) -> list[str]:
    """sentencex's sentences, and in Chinese and Japanese also a full stop before a digit: sentencex
    keeps "...进行国事访问。2023年5月，首届中国－中亚峰会在陕西西安举行。" as one sentence (its rule against
    splitting decimals), but "。" never stands in a number, and the year then dates the sentence before it."""
    pieces = list(segment(language if language != "und" else "en", paragraph))
    if language not in FULL_STOP_LANGUAGES:
        return pieces
    return [part for piece in pieces for part in _FULL_STOP_BEFORE_DIGIT.split(piece) if part]


FULL_STOP_LANGUAGES = {"zh", "ja"}
_FULL_STOP_BEFORE_DIGIT = re.compile(r"(?<=[。！？])(?=[0-9０-９])")
