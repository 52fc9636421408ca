"""Sentence boundaries (sentencex rules, per language, paragraph by paragraph) as character spans."""
from __future__ import annotations

from sentencex import segment

from ..model import Sentence


def split_sentences(text: str, language: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    offset = 0
    for paragraph in text.split("\n"):
        cursor = 0
        for piece in segment(language if language != "und" else "en", paragraph):
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
