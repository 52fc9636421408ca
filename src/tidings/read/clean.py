"""Take captions, photo credits, bylines, source lines and "read more" links out of the body.

They are not the story's text (they would pollute embeddings, names and statements) but they are
useful metadata (who wrote it, which agency it came from), so each removed line is kept by kind.
Markers are listed per language in one table so that a reader can see every language's choice.
"""
from __future__ import annotations

import re

# kind -> line-start markers in many languages (matched case-insensitively, followed by ':' or space)
MARKERS: dict[str, list[str]] = {
    "photo_credit": [
        "foto", "photo", "photos", "photograph", "photographer", "bild", "image", "imagen", "picture", "ảnh", "фото", "фотография",
        "сурет", "surat", "fotoğraf", "صورة", "الصورة", "图", "图片", "圖", "照片", "写真", "crédit photo",
        "crédits photo", "credit", "crédito", "credito", "video", "vidéo", "видео", "відео",
    ],
    "caption": [
        "caption", "bildunterschrift", "légende", "leyenda", "pie de foto", "подпись", "підпис", "chú thích",
        "altyazı", "تعليق الصورة", "图片说明", "说明",
    ],
    "byline": [
        "von", "by", "par", "por", "di", "autor", "author", "auteur", "автор", "авторы", "tác giả", "bài",
        "bài và ảnh", "muhabir", "yazan", "记者", "文", "كتب", "بقلم", "мақала авторы", "muallif",
        "责编", "责任编辑", "編輯", "编辑",
    ],
    "source": [
        "quelle", "quellen", "source", "sources", "fuente", "fuentes", "fonte", "nguồn", "источник",
        "джерело", "kaynak", "来源", "來源", "المصدر", "дереккөз", "manba", "źródło", "bron",
    ],
    "read_more": [
        "lesen sie auch", "lesen sie mehr", "mehr zum thema", "read more", "read also", "also read", "see also",
        "related", "lire aussi", "à lire aussi", "lea también", "le puede interesar", "читайте также",
        "читайте також", "також читайте", "xem thêm", "đọc thêm", "ayrıca okuyun", "ilgili haber",
        "اقرأ أيضا", "اقرأ أيضاً", "相关阅读", "相关新闻", "толығырақ", "batafsil", "leggi anche",
    ],
    "copyright": ["©", "copyright", "(c)", "all rights reserved", "alle rechte vorbehalten", "bản quyền"],
}
MAX_NOISE_LINE = 220  # a real paragraph is longer; noise lines are short
_CHINESE_CAPTION = re.compile(r"(摄|攝|供图|資料圖|资料图)[)）]?[。.]?$")
_AGENCY_ONLY = re.compile(r"^[(（\[]?\s*(dpa|afp|ap|reuters|xinhua|新华社|tass|тасс|ria|риа новости|aa|ukrinform|"
                          r"укрінформ|kazinform|казинформ|ttxvn|vna|efe|ansa|kyodo|yonhap|ана|wam|sana|irna|"
                          r"anadolu)\s*[)）\]]?\s*$", re.IGNORECASE)


def _compile(markers: list[str], space_ends_marker: bool) -> re.Pattern[str]:
    alternatives = "|".join(sorted((re.escape(m) for m in markers), key=len, reverse=True))
    # "Quelle: dpa" is a credit, "Source of the quarrel was ..." is a sentence: most markers need
    # a separator after them; bylines ("By Jane Doe") are told apart by their shape instead
    ending = r"(?:\s*[:：|/]|\s+[-–—]|\s|$)" if space_ends_marker else r"(?:\s*[:：|/]|\s+[-–—]|\s*$)"
    return re.compile(rf"^[\s(\[（]*(?:{alternatives}){ending}", re.IGNORECASE)


_PATTERNS = {kind: _compile(markers, kind == "byline") for kind, markers in MARKERS.items()}
_PATTERNS["copyright"] = re.compile(r"^\s*(?:©|\(c\)|copyright\b|all rights reserved|alle rechte vorbehalten|bản quyền)",
                                    re.IGNORECASE)
_CREDIT_WORDS = "|".join(re.escape(m) for m in MARKERS["photo_credit"])
# "… in Anchorage. Foto: Reuters" or "… (Foto: Reuters)": a caption sentence ending in a photo credit
_INLINE_CREDIT = re.compile(rf"(?:[(（\[]\s*(?:{_CREDIT_WORDS})\s*[:：][^)）\]]{{1,80}}[)）\]]"
                            rf"|(?:^|[.!?。]\s+)(?:{_CREDIT_WORDS})\s*[:：]\s*[^.:!?]{{1,60}})\s*$", re.IGNORECASE)


# wire-service credits: "(Reporting by ...; Editing by ...)", "Additional reporting by ..."
_WIRE_CREDIT = re.compile(r"^[(\[]?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|translated)\s+by\b",
                          re.IGNORECASE)
# "Special Correspondent, NEW DELHI", "Par notre correspondante à Bangkok", "Von unserem Korrespondenten"
_CORRESPONDENT = re.compile(r"\b(?:correspondents?|correspondante?s?|correspondance|corresponsal(?:es)?|"
                            r"correspondente|korrespondent(?:in|en)?|корреспондент\w*|кореспондент\w*|"
                            r"muhabiri?|phóng viên)\b", re.IGNORECASE)
# a name and its source in brackets at the end of an article: "Minh Khang (Theo AFP, Reuters)"
_SIGNED_SOURCE = re.compile(r"^[^()（）.!?。]{0,40}[(（]\s*(?:theo|nguồn|according to|d'après|laut|по данным|"
                            r"según|secondo|segundo|kaynak)\s[^()（）]{1,60}[)）]\s*$", re.IGNORECASE)


def classify_line(line: str) -> str | None:
    """The kind of noise a line is, or None for article text."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_NOISE_LINE:
        return None
    if _AGENCY_ONLY.match(stripped):
        return "source"
    for kind in ("read_more", "copyright", "source", "photo_credit", "caption"):
        if _PATTERNS[kind].match(stripped):
            return kind
    if _PATTERNS["byline"].match(stripped) and _looks_like_byline(stripped):
        return "byline"
    if (_WIRE_CREDIT.match(stripped) and not stripped.endswith((".", "!", "?"))) or _correspondent_line(stripped):
        return "byline"
    if _SIGNED_SOURCE.match(stripped):
        return "source"
    if _CHINESE_CAPTION.search(stripped) and len(stripped) < 120:
        return "caption"
    if _INLINE_CREDIT.search(stripped) and len(stripped) < 200:
        return "caption"
    return None


def _correspondent_line(line: str) -> bool:
    """A short line naming a correspondent, that is no sentence: 'Special Correspondent, NEW DELHI',
    'Par Julien Moreau (New Delhi, correspondance) et notre correspondant à Islamabad'."""
    words = line.split()
    return (len(words) <= 14 and not line.endswith((".", "!", "?", "。")) and bool(_CORRESPONDENT.search(line))
            and (len(words) <= 6 or bool(_PATTERNS["byline"].match(line))))


def _looks_like_byline(line: str) -> bool:
    """'Von Anna Schmidt, Berlin' yes; 'Von Montag an gilt ...' (a sentence) no."""
    words = line.split()
    if len(words) > 9 or line.rstrip().endswith((".", "!", "?", "。")) and len(words) > 6:
        return False
    cased = [w for w in words[1:] if w[:1].isalpha() and w[:1].isupper() != w[:1].islower()]
    # in cased scripts a byline is mostly capitalised names; uncased scripts (zh, ar) pass on length
    return not cased or sum(w[:1].isupper() for w in cased) >= max(1, len(cased) // 2)


def strip_noise(text: str) -> tuple[str, dict[str, list[str]]]:
    """Body text without noise lines, and the removed lines grouped by kind."""
    lines = text.split("\n")
    kinds = [classify_line(line) for line in lines]
    # a short line right before a bare photo credit is that photo's caption
    for i, kind in enumerate(kinds):
        if kind == "photo_credit" and i > 0 and kinds[i - 1] is None and len(lines[i].split()) <= 6:
            previous = lines[i - 1].strip()
            # captions are short and usually lack the full stop that ends a paragraph
            if 0 < len(previous) <= 180 and not previous.endswith((".", "!", "?", "。", "»", '"', "”")):
                kinds[i - 1] = "caption"
    kept, removed = [], {}
    for line, kind in zip(lines, kinds):
        if kind is None:
            if line.strip():
                kept.append(line.strip())
        else:
            removed.setdefault(_plural(kind), []).append(line.strip())
    return "\n".join(kept), removed


def _plural(kind: str) -> str:
    return {"photo_credit": "photo_credits", "byline": "bylines", "source": "credits", "read_more": "links",
            "copyright": "copyright", "caption": "captions"}[kind]
