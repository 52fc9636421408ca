"""News agencies credited for an article or its photos: mentions marked as the credit's.

Which wire an article or its pictures come from is attribution an analyst asks about (issue #5: which
articles depend on which agency). Cleaning keeps credit, photo-credit and byline lines apart from the
text (read/clean.py), and a caption's closing credit ("… in Ahmedabad. Photo: Reuters", "TAKASHI ONO /
REUTERS") is cut off the caption's words (`clean.caption_words`). In those lines only **news agencies**
are read, by a list of them (`AGENCIES`, with their spellings in the project's languages): never the
photographers, reporters or editors the same lines name, nor press offices or picture libraries
("Vatican Media", "Getty Images"), which are not wires. A credit's mention is an ORG with `part`
"credit", `sentence` -1, `caption` the index of its line in `credit_lines(metadata)` and offsets into
that line; like a caption's, it feeds no event, statement or story key, and entity pages count it apart
("credited in N articles") and leave it out of the names an entity "appears with".
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..model import CREDIT, NO_SENTENCE, Mention
from .captions import captions_of
from .clean import caption_words
from ..textutil import CJK_CHAR
from .names import name_key

CREDIT_KINDS = ("credits", "photo_credits", "bylines")  # metadata lists read whole, in this order

# (read/clean.AGENCY_NAMES, which decides which lines are credits, is a separate list on purpose)
# canonical name -> spellings, as credits write them (matched case-insensitively, except the short
# capitalised acronyms, matched as written: "AP", "AA" and "EFE" are words too in some languages)
AGENCIES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters", "رويترز", "Рейтер", "Рейтерс", "路透社", "路透"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "أ.ف.ب", "أ ف ب", "فرانس برس", "Франс Пресс",
            "法新社"),
    "Associated Press": ("Associated Press", "AP", "أسوشيتد برس", "Ассошиэйтед Пресс", "美联社"),
    "dpa": ("dpa", "Deutsche Presse-Agentur"),
    "EPA": ("EPA", "EPA-EFE"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "Kyodo": ("Kyodo", "共同社"),
    "Yonhap": ("Yonhap", "韩联社", "聯合新聞", "Йонхап"),
    "Xinhua": ("Xinhua", "新华社", "Синьхуа", "شينخوا"),
    "TASS": ("TASS", "ТАСС"),
    "RIA Novosti": ("RIA Novosti", "РИА Новости"),
    "Interfax": ("Interfax", "Интерфакс", "Інтерфакс"),
    "Anadolu Agency": ("Anadolu Ajansı", "Anadolu Agency", "Anadolu", "AA"),
    "Ukrinform": ("Ukrinform", "Укрінформ"),
    "Kazinform": ("Kazinform", "Казинформ", "Қазинформ"),
    "VNA": ("TTXVN", "VNA"),
    "Europa Press": ("Europa Press",),
    "WAM": ("WAM", "وام"),
    "SANA": ("SANA", "سانا"),
    "IRNA": ("IRNA", "إرنا"),
    "I.MEDIA": ("I.MEDIA",),
}
_AS_WRITTEN = {"AP", "AA", "EFE", "EPA", "WAM", "SANA", "VNA", "ANSA", "IRNA"}  # acronyms that are words in lower case


def credit_lines(metadata: dict[str, Any]) -> list[str]:
    """The lines a credit's mention points into (its `caption` is an index here): the credit,
    photo-credit and byline lines, then the caption lines (only their closing credit is read)."""
    lines: list[str] = []
    for kind in CREDIT_KINDS:
        found = metadata.get(kind)
        if isinstance(found, list):
            lines += [line for line in found if isinstance(line, str)]
    return lines + captions_of(metadata)


def credit_mentions(metadata: dict[str, Any]) -> list[Mention]:
    """The agencies each credit line names, once a line, in order; a caption's only after its words."""
    lines = credit_lines(metadata)
    whole = len(lines) - len(captions_of(metadata))
    found: list[Mention] = []
    for index, line in enumerate(lines):
        start = 0 if index < whole else caption_words(line)[1]
        seen: set[str] = set()
        for match in _agency_pattern().finditer(line, start):
            agency = agency_name(match.group(0))
            if agency is None or agency in seen:
                continue
            seen.add(agency)
            found.append(Mention(match.start(), match.end(), match.group(0), "ORG", NO_SENTENCE,
                                 key=f"N:{name_key(agency)}", part=CREDIT, caption=index))
    return found


def agency_name(surface: str) -> str | None:
    """The agency a credit's spelling names, by its name in `AGENCIES` ("رويترز" -> "Reuters")."""
    folded = surface.casefold()
    for agency, spellings in AGENCIES.items():
        for spelling in spellings:
            if (surface == spelling) if spelling in _AS_WRITTEN else folded == spelling.casefold():
                return agency
    return None


@lru_cache(maxsize=1)
def _agency_pattern() -> re.Pattern[str]:
    """Every spelling as a whole word (longest first: "EPA-EFE" before "EPA"); a Chinese or Japanese
    one wherever it stands, as those scripts write no space after it ("新华社记者 李贺 摄", "新华社发")."""
    spellings = sorted({s for names in AGENCIES.values() for s in names}, key=len, reverse=True)
    worded = [s for s in spellings if not CJK_CHAR.search(s)]
    unspaced = [s for s in spellings if CJK_CHAR.search(s)]
    return re.compile(r"(?<![\w.-])(?:" + "|".join(map(re.escape, worded)) + r")(?![\w-])|"
                      + "|".join(map(re.escape, unspaced)), re.IGNORECASE)
