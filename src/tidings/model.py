"""The one data model every stage shares.

source -> RawArticle -> (read) -> Article with sentences, mentions, dates and an embedding
-> (stories) -> Story.  Stages only add fields; none rewrites what an earlier stage produced.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

# The version of reading: what the reader writes into a store (sentences, names and their keys,
# dates, event codings) follows the rules of the version it was read with, and each article row keeps
# it (`articles.pipeline_version`; rows read before it existed say "0.1.0"). Bump it, to the day's
# date, with every change to reading that alters what is stored: `tidings doctor`, `tidings ingest`
# and `tidings stats` then tell a user that older rows need `tidings reprocess` to read as new ones do.
# 2026-11-30 (eleventh session): reading changed several times this day; "c" is its final state (Uzbek
# Latin detection and ar / kk / uz names, frequent Arabic words no towns, captions and credits out of the
# text, event coding: reactions to attacks, Arabic verb-first subjects, a sentence's second violent event).
# "d": the head of a territory's name ("منطقة", "республика", "Republik") is no demonym; an attack that "will
# have consequences" is also a warning (evmerge12); Vietnamese bodies end before a lower-case word after a
# foreign name ("đảng Komeito"), "Air" and a country is the airline, official country names (entkey12).
# "e": meeting sites are no parties, relative clauses as background, Vietnamese tariffs (evrecall13); party
# plurals and "House of" as bodies, saints' possessives, bracketed exonyms and acronyms (types13).
# "f" (twelfth session): names in photo captions, the headline and news agencies in credit lines are read
# too, as mentions marked part="caption" / "title" / "credit" (entcap15, enttitle15); a Chinese or Japanese
# full stop before a digit ends a sentence (evmerge15); kind nouns before landmarks, Uzbek/Kazakh country
# locatives, quoted Slavic and German bodies, Korean surnames alone, datelines in capitals (entrec15)
# "reading-2026.11.30g" (thirteenth session): world regions, the Catholic Church and three parties in the
# dictionary of translated names, older Russian country names, Chinese places in lists and after their region,
# more Chinese roles; rulers' numerals and a gazetteer city's Latin name against the story's other scripts in
# resolution (entrec16); a year alone in Chinese, Japanese and Korean, Korean dates, a dateline's year for the
# days that name none (events17); not 美国 inside 拉美国家, nor 州长 as a town, nor a decade ("1990年代") or a
# part of the year ("2025年前三季度") as a year's span (review17); landmarks (St Peter's, the Sistine Chapel,
# Yasukuni ...) and New Delhi in the dictionary of translated names, a chamber's generic name ("Unterhaus",
# "众议院", "Quốc hội") as the chamber of the country the article names most (ent17)
# "h": a Kazakh/Uzbek name before its kind noun stops at a ruler's numeral and leaves the person before it
# ('Leo XIV Avliyo Pyotr bazilikasi' is Leo XIV and the basilica, not 'XIV Avliyo Pyotr bazilikasi')
# "i" (fourteenth session): a Chinese name of the dictionary written in sound letters is not read at the start
# of a longer transliterated name (拉美 in 拉美西斯, Ramesses); Arabic طالب (demanded, and a student) codes a
# demand only as a verb: first in its clause, no article glued to it, an object with بـ after it (tidy18);
# Korean and Japanese people written in Chinese characters read as Korean / Japanese in resolution (cjk18);
# a year alone in running text where a word with it makes it a time ("in 2027", "в 2027 году", "năm 2027") (dates18)
# "j" (fourteenth session, demo18): a surname particle after a given name ('Laurence des Cars', not the
# town 'Cars'), and the surname again with it ('Des Cars'); what a minister is of, a common word after 'of', is no person ('la ministra de
# Cultura, Rachida Dati'); a German kin noun in a compound is a common noun ('Ziehtochter');
# a party's head word alone whose name goes on in lower-case words is no name ('Parti de l'innovation du Japon');
# Arabic بـ glued to a noun after a role is what was called for, no name ('طالب وزير الخارجية المصري بوقف فوري');
# in event coding, a place of no country is no source ('شهدت مدينة شرم الشيخ ... انعقاد قمة السلام'), and a
# minister's portfolio joins the role and its holder ('la ministra de Cultura, Rachida Dati')
# "k" (fourteenth session): dates and years in Eastern Arabic, Persian and full-width digits ("عام ٢٠٢٧",
# "١٥ أكتوبر ٢٠٢٥"); an event dated to a past month or year is past in event coding ("will meet ... in 2022" is
# no intention); the words that make a year alone a span's end are the article's language's ("budżet na 2027
# rok" is a date) (dates19); a German noun for a kind of place before a name leaves the place ('Badeort
# Scharm el-Scheich'); a German role in the genitive is the role of the name after it ('Regierungschefs Shinzo
# Abe'); Spanish 'de los' / 'de las' go on in a body's name ('Partido de los Trabajadores'); an Arabic noun of
# relation ends a name ('بوتين نظيره'); in event coding, an Arabic ceasefire with an adjective is no firing
# ('وقف فوري لإطلاق النار') (names19)
PIPELINE_VERSION = "reading-2026.11.30k"
ENTITY_TYPES = ("PER", "ORG", "LOC", "NAME")  # person, organisation, place, name of unknown kind
NAME = "NAME"
# Mention.part: the clean text, a photo caption taken out of it, the headline (Article.title), a news
# agency in a credit line (read/credits.py)
BODY, CAPTION, TITLE, CREDIT = "body", "caption", "title", "credit"
NO_SENTENCE = -1  # Mention.sentence of a name outside the body (a caption's, the headline's)
AGENT_TYPES = frozenset({"PER", "ORG", NAME})  # mentions that may name who acts or speaks (a NAME may be either)
# what a cached statement vector holds (compare/statements.py: the sentence's row, then one per clause);
# bump it when clause splitting changes, so that vectors cached by an older version are made again
STATEMENT_VECTORS_VERSION = "clauses-1"


def statement_vector_key(model: str) -> str:
    """The `model` column of statement_vectors: the embedding model and what its rows hold."""
    return f"{model}#{STATEMENT_VECTORS_VERSION}"


@dataclass
class RawArticle:
    """Input exactly as it arrived: the bytes plus where they came from.

    `locator` names the item inside its source (a path, `file.jsonl#12`, a URL), `format` says
    which parser reads it. The raw bytes are stored so that every later stage can be re-run.
    """

    locator: str
    format: str  # "txt" | "html" | "jsonl" | "feed-item"
    content: bytes
    meta: dict[str, Any] = field(default_factory=dict)
    id: int | None = None

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Sentence(Span):
    text: str


@dataclass
class Mention(Span):
    """A name found in the text: a person, organisation or place (type PER/ORG/LOC), or a name whose
    kind nothing in the text tells (type NAME: one capitalised word with no role, place or
    organisation word, no longer name of the article ending with it and no dictionary entry)."""

    text: str
    type: str
    sentence: int
    key: str = ""  # a script-independent matching key (country code, folded name)
    country: str | None = None  # ISO 3166 alpha-2 when the mention is (in) a country
    role: str | None = None  # e.g. "demonym", "capital" for metonyms
    entity_id: int | None = None  # the canonical entity it resolves to (entities stage)
    # where the name is: "body" (the clean text, offsets into Article.text), "caption": a photo's
    # caption taken out of the text (Article.metadata["captions"][caption], offsets into that line),
    # "title": the headline (offsets into Article.title), or "credit": a news agency credited for the
    # article or a photo (read/credits.py: `caption` indexes credit_lines(metadata), offsets into that
    # line). These count for entities (pages, search, counts) but belong to no sentence of the body
    # (`sentence` is -1): events, statements, story keys and the body's highlighting read body names only.
    part: str = "body"
    caption: int | None = None

    @property
    def in_body(self) -> bool:
        return self.part == BODY


@dataclass
class DateMention(Span):
    """A date named in the text, with how precise it is (day / month / year)."""

    text: str
    value: str  # ISO prefix: YYYY-MM-DD, YYYY-MM or YYYY
    precision: str
    sentence: int


@dataclass
class Actor(Span):
    """Who did something or had something done to them, as named in one sentence."""

    text: str
    country: str | None = None  # ISO 3166 alpha-2
    code: str | None = None  # CAMEO-style actor code: ISO alpha-3, or IGO for international bodies
    sector: str | None = None  # GOV, MIL, REB ... (events.ontology.SECTORS)
    entity_id: int | None = None
    mention: int | None = None  # index into Article.mentions of the name it rests on
    inferred: bool = False  # the country was inferred from the sentence, not named with the actor


@dataclass
class EventMention(Span):
    """One event as one sentence reports it (a GDELT "mention"); Span = the sentence in the text.

    Every field points back to the text: the trigger, the actors and the location carry character
    spans in the article's text, the date its span when the sentence names it.
    """

    type: str  # PLOVER type
    sentence: int
    trigger: str
    trigger_start: int
    trigger_end: int
    mode: str | None = None
    context: str | None = None
    source: Actor | None = None
    target: Actor | None = None
    location: Actor | None = None
    date: str | None = None  # ISO prefix (or interval) as in DateMention.value
    date_precision: str | None = None
    date_span: tuple[int, int] | None = None  # None: the article's publication date
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    confidence: float = 0.0
    id: int | None = None
    event_id: int | None = None


@dataclass
class Article:
    """A read article: clean text in its own language plus everything found in it."""

    title: str
    text: str
    language: str = "und"
    language_score: float = 0.0
    url: str | None = None
    source: str | None = None  # outlet name
    published: str | None = None  # ISO date or datetime
    published_precision: str | None = None
    byline: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)  # captions, credits, links removed from text
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    embedding: np.ndarray | None = None
    statement_vectors: dict[int, np.ndarray] | None = None  # sentence index -> vector (compare/statements.py)
    text_hash: str = ""
    id: int | None = None
    raw_id: int | None = None
    story_id: int | None = None
    pipeline_version: str = PIPELINE_VERSION

    def lead(self, max_chars: int = 2000) -> str:
        """Title plus the start of the body: what the embedding sees (the embedder cuts it to its
        token budget; cost grows with length)."""
        body = self.text[: max(0, max_chars - len(self.title))]
        return f"{self.title}\n{body}" if self.title else body


@dataclass
class Story:
    id: int | None
    title: str
    article_ids: list[int]
    languages: list[str]
    first_published: str | None
    last_published: str | None
    central_article_id: int | None = None
