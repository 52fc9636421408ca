"""Take captions, photo credits, bylines, source lines and "read more" links out of the body.

They are not the story's text (they would pollute embeddings, names and statements) but they are
useful metadata (who wrote it, which agency it came from), so each removed line is kept by kind.
Markers are listed per language in one table so that a reader can see every language's choice.
"""
from __future__ import annotations

import re

from ..textutil import CJK_CHAR

# kind -> line-start markers in many languages (matched case-insensitively, followed by ':' or space)
MARKERS: dict[str, list[str]] = {
    "photo_credit": [
        "foto", "photo", "photos", "photograph", "photographer", "bild", "image", "imagen", "picture", "ảnh", "фото", "фотография",
        "сурет", "surat", "сурат", "fotoğraf", "صورة", "الصورة", "图", "图片", "圖", "照片", "写真", "crédit photo",
        "crédits photo", "credit", "crédito", "credito", "video", "vidéo", "видео", "відео",
    ],
    "caption": [
        "caption", "bildunterschrift", "légende", "leyenda", "pie de foto", "подпись", "підпис", "chú thích",
        "altyazı", "تعليق الصورة", "图片说明", "说明",
    ],
    "byline": [
        "von", "by", "par", "por", "di", "autor", "autorin", "author", "auteur", "автор", "авторы", "text", "texte",
        "texto", "tác giả", "bài",
        "bài và ảnh", "muhabir", "yazan", "记者", "文", "كتب", "بقلم", "мақала авторы", "muallif",
        "责编", "责任编辑", "編輯", "编辑",
    ],
    "source": [
        "quelle", "quellen", "source", "sources", "fuente", "fuentes", "fonte", "nguồn", "источник",
        "джерело", "kaynak", "来源", "來源", "المصدر", "дереккөз", "manba", "źródło", "bron", "redacción", "agencias",
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
# "图为长征三号乙运载火箭托举天问二号探测器升空。": "pictured: ..." opens a Chinese caption
_CHINESE_PICTURED = re.compile(r"^[(（]?(?:图为|圖為|图片为|上图为|下图为|上图：|下图：|左图|右图)")


def _compile(markers: list[str], space_ends_marker: bool) -> re.Pattern[str]:
    alternatives = "|".join(sorted((re.escape(m) for m in markers), key=len, reverse=True))
    # "Quelle: dpa" is a credit, "Source of the quarrel was ..." is a sentence: most markers need
    # a separator after them; bylines ("By Jane Doe") are told apart by their shape instead
    ending = r"(?:\s*[:：|/]|\s+[-–—]|\s|$)" if space_ends_marker else r"(?:\s*[:：|/]|\s+[-–—]|\s*$)"
    return re.compile(rf"^[\s(\[（]*(?:{alternatives}){ending}", re.IGNORECASE)


_PATTERNS = {kind: _compile(markers, kind == "byline") for kind, markers in MARKERS.items()}
_PATTERNS["copyright"] = re.compile(r"^\s*(?:©|\(c\)|copyright\b|all rights reserved|alle rechte vorbehalten|bản quyền|"
                                    r"جميع الحقوق محفوظة|版权所有|版權所有|все права защищены)",
                                    re.IGNORECASE)
_CREDIT_WORDS = "|".join(re.escape(m) for m in MARKERS["photo_credit"])
# "… in Anchorage. Foto: Reuters" or "… (Foto: Reuters)": a caption sentence ending in a photo credit
_INLINE_CREDIT = re.compile(rf"(?:[(（\[]\s*(?:{_CREDIT_WORDS})\s*[:：][^)）\]]{{1,80}}[)）\]]"
                            rf"|(?:^|[.!?。]\s+)(?:{_CREDIT_WORDS})\s*[:：]\s*[^.:!?]{{1,60}})\s*$", re.IGNORECASE)


# wire-service credits: "(Reporting by ...; Editing by ...)", "Additional reporting by ..."
_WIRE_CREDIT = re.compile(r"^[(\[]?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|translated)\s+by\b",
                          re.IGNORECASE)
# who else worked on it, a credit rather than the article's byline: "Associated Press writers in Washington
# and Vienna contributed to this report.", "Edited by: Sarah Kessler"
_CONTRIBUTED = re.compile(r"\bcontributed\s+(?:to\s+this\s+(?:report|story|article)|reporting)\.?$|^edited\s+by\s*[:：]?\s*\w",
                          re.IGNORECASE)
# news agencies, as credits name them: what makes a line a credit (Latin and Cyrillic, case-insensitive).
# Not merged with read/credits.AGENCIES on purpose: that list names which agency each spelling is, in
# every script, inside lines already set apart; adding its spellings here would take other lines out
AGENCY_NAMES = (r"afp|ap|reuters|dpa|epa|efe|ansa|kyodo|yonhap|xinhua|新华社|tass|тасс|ria|риа новости|interfax|интерфакс|"
                r"anadolu|aa|ukrinform|укрінформ|kazinform|казинформ|ttxvn|vna|europa press|wam|sana|irna|i\.media|"
                r"agencias|agences|agenturen|agencies|агентства")
# a line that is one agency alone, bracketed or not: "dpa", "(Reuters)", "[TASS]" (the one list of
# AGENCY_NAMES; 'ана' was on this line's own old list only, and is kept)
_AGENCY_ONLY = re.compile(rf"^[(（\[]?\s*(?:{AGENCY_NAMES}|ана)\s*[)）\]]?\s*$", re.IGNORECASE)
# the article's sources named after its text: "Avec AFP et Reuters", "Le Parisien avec AFP", "Mit Informationen
# von dpa, Reuters und AFP", "Con información de EFE", "With AP": a short line, an outlet's name at most before
_WITH_AGENCIES = re.compile(rf"^(?:[\w'’-]+\s){{0,3}}?(?:avec|with|mit|con|com|с)\s+(?:(?:informations?|informationen|"
                            rf"material|información|informação|reporting|files|материалами)\s+(?:de|von|from|des|)\s*)?"
                            rf"(?:l'|les\s|der\s|the\s)?(?:{AGENCY_NAMES})(?:(?:\s*[,/]\s*|\s+(?:et|and|und|y|e|и|ve)\s+)[\w.+'’ -]{{1,25}}?)*$",
                            re.IGNORECASE)
# a whole line of agencies in brackets: "(TTXVN/Vietnam+)", "(AFP, Reuters)"
_AGENCIES_BRACKETED = re.compile(rf"^[(（\[]\s*(?:{AGENCY_NAMES})\s*(?:[/,;]\s*[\w.+ -]{{1,25}})*[)）\]]$",
                                 re.IGNORECASE)
# an article's source after its last sentence, as wires sign: "(Reuters)", "(AFP, dpa)", "[TASS]"
_AGENCY_CREDIT = re.compile(rf"^[(（\[]\s*(?:{AGENCY_NAMES})(?:\s*[,/;]\s*(?:{AGENCY_NAMES}))*\s*[)）\]]$", re.IGNORECASE)
# "（本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP）": where a Chinese article comes from
_CHINESE_SOURCE = re.compile(r"^[(（]\s*(?:本文来自|本文來自|本文转自|本文轉自|来源[:：]|來源[:：])")
# "Special Correspondent, NEW DELHI", "Par notre correspondante à Bangkok", "Von unserem Korrespondenten"
_CORRESPONDENT = re.compile(r"\b(?:correspondents?|correspondante?s?|correspondance|corresponsal(?:es)?|"
                            r"correspondente|korrespondent(?:in|en)?|корреспондент\w*|кореспондент\w*|"
                            r"muhabiri?|phóng viên|мухбир\w*|muxbir\w*)\b|(?:记者|記者)(?!会|會|招待|节|節)", re.IGNORECASE)
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
    if (_CHINESE_CAPTION.search(stripped) and len(stripped) < 120) or (_CHINESE_PICTURED.match(stripped)
                                                                       and len(stripped) < 160):
        return "caption"
    if _PATTERNS["byline"].match(stripped) and _looks_like_byline(stripped):
        return "byline"
    if (_WIRE_CREDIT.match(stripped) and not stripped.endswith((".", "!", "?"))) or _correspondent_line(stripped):
        return "byline"
    if _CONTRIBUTED.search(stripped) and len(stripped.split()) <= 25 and not (
            stripped.lower().startswith("edited") and stripped.endswith((".", "!", "?"))):
        return "source"
    if (_SIGNED_SOURCE.match(stripped) or _CHINESE_SOURCE.match(stripped) or _AGENCIES_BRACKETED.match(stripped)
            or (_WITH_AGENCIES.match(stripped) and len(stripped.split()) <= 12)):
        return "source"
    if _INLINE_CREDIT.search(stripped) and len(stripped) < 200:
        return "caption"
    return None


def _correspondent_line(line: str) -> bool:
    """A short line naming a correspondent, that is no sentence: 'Special Correspondent, NEW DELHI',
    'Par Julien Moreau (New Delhi, correspondance) et notre correspondant à Islamabad'."""
    words = line.split()
    if CJK_CHAR.search(line) and len(line) > 30:  # no spaces to count words by: a Chinese byline is short
        return False
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


# what a photo credit after a caption looks like: a credit word, or an agency / photographer in
# capitals or with a slash ("EFE/Yonhap", "TAKASHI ONO / REUTERS", "(AP Photo)", "Getty Images")
_CREDIT_WORD = re.compile(r"\b(?:images?|photos?|fotos?|pictures?|ảnh|фото|صورة|الصورة)\b|图片|来源|供图|摄|新华社发",
                          re.IGNORECASE)
MAX_CREDIT_CHARS = 48
_SENTENCE_END = (".", "!", "?", "…", "。", "！", "？", "؟")
_CLOSING = "\"'»”’“)]）」』 \t"
# where a sentence ends inside a line: a full stop after a word of 3+ letters (not "U.S." or "Dr.") or a
# closing quote / bracket, then a space; a Chinese / Japanese full stop anywhere
_SENTENCE_BREAK = re.compile(r"(?:(?<=[^\W\d_]{3})|(?<=\d)|(?<=[\"'»”’)）]))[.!?…؟]+[\"'»”’)）]?\s+|[。！？]+[”’」』）)]?\s*")


def photo_credit(tail: str) -> bool:
    """Whether a short piece of text after a sentence, on its line, is a photo or agency credit:
    "REUTERS", "TAKASHI ONO / REUTERS", "EFE/Yonhap", "(AP Photo)", "(Yonhap)", "| KYODO", "Getty Images",
    "Photo credit: Akorda", "图片来源：视觉中国", "（新华社发）", "صورة: أ.ف.ب". Not a heading, a sentence or
    a lower-case aside ("(see below)")."""
    tail = tail.strip()
    if not tail or len(tail) > MAX_CREDIT_CHARS or tail.rstrip(_CLOSING).endswith(_SENTENCE_END):
        return False
    if classify_line(tail) is not None or _CREDIT_WORD.search(tail):
        return True
    core = tail.strip("()（）[]|｜ ")
    if not core or core[0].islower() or len(core.split()) > 5:
        return False
    if tail[0] in "(（[|｜" or "/" in tail:
        return True
    letters = [c for c in core if c.isalpha()]
    cased = [c for c in letters if c.isupper() != c.islower()]
    return bool(cased) and len(cased) == len(letters) and not any(c.islower() for c in cased)  # "REUTERS", "DN"


def split_credit(line: str) -> tuple[str, str] | None:
    """(text, credit) where a line ends, after its last sentence, with a photo or agency credit
    ("… à la Diète, à Tokyo. TAKASHI ONO / REUTERS" -> "… à Tokyo.", "TAKASHI ONO / REUTERS"), else None."""
    stripped = line.strip()
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(stripped) if m.end() < len(stripped)]
    if not breaks:
        return None
    head, tail = stripped[:breaks[-1]].rstrip(), stripped[breaks[-1]:].strip()
    return (head, tail) if head and photo_credit(tail) else None


def caption_or_credit(line: str, last: bool) -> tuple[str, str] | None:
    """A body line that ends with a photo or agency credit: ("caption", line) where it is one sentence
    and that credit ("Sanae Takaichi, le 21 octobre, à la Diète, à Tokyo. TAKASHI ONO / REUTERS": the
    caption of a photo the extractor ran into the text); ("credit", credit) where it is the article's
    last line and its credit names an agency, not a photo ("… said the ministry. (Reuters)": the
    sentence is the article's, the credit its source: an agency's name in brackets, as wires sign; a
    last line that ends "… old town. REUTERS" or "… (AP Photo)" is a caption like any other); None otherwise (two sentences or more in the
    middle of the article: a paragraph, left as it is)."""
    found = split_credit(line)
    if found is None:
        return None
    head, tail = found
    if last and _AGENCY_CREDIT.match(tail):
        return "credit", tail
    one_sentence = not any(m.end() < len(head) for m in _SENTENCE_BREAK.finditer(head))
    if one_sentence and len(line.strip()) <= MAX_NOISE_LINE:
        return "caption", line.strip()
    return None


def strip_noise(text: str) -> tuple[str, dict[str, list[str]]]:
    """Body text without noise lines, and the removed lines grouped by kind. A line that ends with a
    credit is a photo's caption, removed whole, or the article's last line, whose credit is removed."""
    lines = text.split("\n")
    kinds = [classify_line(line) for line in lines]
    # a short line right before a bare photo credit is that photo's caption
    for i, kind in enumerate(kinds):
        if kind == "photo_credit" and i > 0 and kinds[i - 1] is None and len(lines[i].split()) <= 6:
            previous = lines[i - 1].strip()
            # captions are short and usually lack the full stop that ends a paragraph
            if 0 < len(previous) <= 180 and not previous.endswith((".", "!", "?", "。", "»", '"', "”")):
                kinds[i - 1] = "caption"
    for i, kind in enumerate(kinds):  # "Foto: Trump mit der Zolltafel im Rosengarten. (Foto: Reuters)"
        if kind == "photo_credit" and describes_a_picture(lines[i]):
            kinds[i] = "caption"
    body = [i for i, kind in enumerate(kinds) if kind is None and lines[i].strip()]
    if len(body) > 1 and _signature(lines[body[-1]]):
        kinds[body.pop()] = "byline"
    credits: dict[int, str] = {}
    for i in body:
        found = caption_or_credit(lines[i], last=i == body[-1])
        if found and found[0] == "caption":
            kinds[i] = "caption"
        elif found:
            credits[i] = found[1]
    kept, removed = [], {}
    for i, (line, kind) in enumerate(zip(lines, kinds)):
        if kind is None:
            if i in credits:
                removed.setdefault("credits", []).append(credits[i])
                line = line.strip()[:-len(credits[i])]
            if line.strip():
                kept.append(line.strip())
        else:
            removed.setdefault(_plural(kind), []).append(line.strip())
    return "\n".join(kept), removed


def _signature(line: str) -> bool:
    """The author's name in capitals on the article's last line, as Vietnamese outlets sign
    ("MINH KHÔI", "THANH HÀ - VIỆT ANH"): two to four words, every letter a capital, nothing else."""
    words = [w for w in line.split() if w not in "-–—/,"]
    letters = [c for c in line if c.isalpha()]
    return (2 <= len(words) <= 4 and len(letters) >= 4 and all(c.isupper() for c in letters)
            and all(c.isalpha() or c in " -–—/,.'" for c in line.strip()))


def _plural(kind: str) -> str:
    return {"photo_credit": "photo_credits", "byline": "bylines", "source": "credits", "read_more": "links",
            "copyright": "copyright", "caption": "captions"}[kind]


# a credit in brackets at a caption's end: "… in Washington (AP Photo/Evan Vucci)"
_BRACKETED_TAIL = re.compile(r"\s*([(（\[][^()（）\[\]]{1,%d}[)）\]])\s*$" % MAX_CREDIT_CHARS)
# a Chinese caption's own photographer at its end: "（新华社记者 李贺 摄）", "。新华社记者 刘彬 摄"
_CHINESE_CREDIT_TAIL = re.compile(r"(?:[(（][^()（）]{0,40}|(?<=[。！？])[^。！？()（）]{0,40})(?:摄|攝|供图|資料圖|资料图)[)）]?[。.]?$")


def caption_words(line: str) -> tuple[int, int]:
    """Where a caption's own words are in its line: (start, end) without the marker that opens it
    ("Bildunterschrift:", "Légende :", "Foto:") and the photo or agency credit that ends it ("… in
    Ahmedabad. Photo: Reuters", "… à Tokyo. TAKASHI ONO / REUTERS", "…（新华社记者 李贺 摄）"). A credit
    names who took the picture or sold it, not who is in the news: its names are not read (entcap15)."""
    opened = _PATTERNS["caption"].match(line) or _PATTERNS["photo_credit"].match(line)
    start = opened.end() if opened else 0
    end = _credit_start(line, start)
    return start, max(start, len(line.rstrip()) if end is None else end)


def _credit_start(line: str, start: int) -> int | None:
    """Where the credit that ends a caption begins (searched from `start`), or None without one."""
    for pattern in (_INLINE_CREDIT, _CHINESE_CREDIT_TAIL):
        found = pattern.search(line, start)
        if found:
            return found.start()
    split = split_credit(line[start:])
    if split:
        return line.rstrip().rfind(split[1])  # the credit is the line's last words
    bracketed = _BRACKETED_TAIL.search(line, start)
    if bracketed and photo_credit(bracketed.group(1)):
        return bracketed.start()
    return None


def describes_a_picture(line: str) -> bool:
    """Whether a line opened by a photo marker says what the picture shows, as a caption does ("Фото:
    спутниковый снимок объекта в Фордо. Источник: Maxar Technologies"), rather than only who took or sold
    it ("Foto: dpa/Michael Kappeler", "Фото: Ақорданың баспасөз қызметі", "Photo: Vatican Media"): four
    words or more, no slash (credits list their owners with slashes), a lower-case word in cased scripts."""
    start, end = caption_words(line)
    words = line[start:end].split()
    cased = [w for w in words if w[:1].isupper() != w[:1].islower()]
    return (len(words) >= 4 and "/" not in line[start:end]
            and (not cased or any(w[:1].islower() for w in cased)))


def credit_only(line: str) -> bool:
    """Whether a caption line (an HTML figure caption may be one) names only who took or sold the
    picture: "Photo: Reuters", "REUTERS", "(AP Photo/Evan Vucci)", "Getty Images"."""
    if _PATTERNS["photo_credit"].match(line):
        return not describes_a_picture(line)
    words = line[slice(*caption_words(line))]
    # a short line only: "Satellite images of Fordow and Natanz" has a credit word but is a caption
    return len(words.split()) <= 4 and photo_credit(words)
