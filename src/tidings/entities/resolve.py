"""Stage 3: mentions -> canonical entities, across spellings and scripts.

How a mention finds its entity, strongest evidence first:
  1. a country mention (key C:XX) is the country XX;
  2. an alias the registry already knows (a user's or an imported alias wins over automatic ones);
  3. inside one article, a short form ("Tokajew") is the longer name it ends ("Kassym-Schomart Tokajew"),
     and an acronym the body whose initials it spells ("İİT" / "İslam İşbirliği Teşkilatı");
  4. an entity with the same spelling-independent surname key whose given name is compatible
     (same folded first name, or one side has none); several candidates: the one already in this
     story, else the most mentioned. A different given name means a different person (Donald vs
     Melania Trump), so shared surnames alone never merge people. A city of the gazetteer is also
     found under its other names (Moskau, Moscow, Москва: one GeoNames id). Names in scripts that
     fold badly join the entity of their story the transliteration model finds clearly alike, and
     a Latin name one of its story named so far only in other scripts ("Rachida Dati" / "رشيدة داتي"),
     so that the order of the articles does not decide; a Korean or Japanese person a Chinese article
     writes in Chinese characters ('金文洙', '小泉进次郎') is compared by its Korean or Japanese reading
     (`hanja.py`) in a story that names Korea or Japan;
  5. none of its own type: an entity of another type it may be (`joinable_across`: the rules type
     a multi-word name without evidence PER, so "Аляску" may be the place Alaska; a person with a
     given name stays one). A name of unknown kind (type NAME) may be any entity, and an entity of
     unknown kind takes the type of the first typed mention that joins it;
  6. a body named by translation ('Partido Democrático' / 'Democratic Party'): the organisation of
     its story, named only in other languages, whose name the cross-lingual embedding finds clearly
     closest (`Resolver._by_translation`; only with a cross-lingual embedder);
  7. otherwise a new entity.
Every spelling becomes an alias with its language and script, so search by any alias finds it.
"""
from __future__ import annotations

import re
import sqlite3
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..model import NAME, Article, Mention
from ..read.names import (AR_ARTICLES, KIND_NOUN_LINKS, _unaccented, lookup_country, name_key, place_id,
                          place_names, surname_first, surname_first_bearers)
from ..textutil import ARABIC, CYRILLIC, HAN, HAN_EXT_A, LATIN
from .saints import saint_place

# Leading words that are roles, not names ("Präsident Kassym-Schomart Tokajew"); recognition marks
# most of them, this list catches what reaches resolution anyway.
ROLE_WORDS = {
    "president", "präsident", "président", "presidente", "президент", "президента", "prezydent", "cumhurbaşkanı",
    "minister", "ministre", "ministro", "министр", "bundeskanzler", "kanzler", "chancellor", "chancelière",
    "premierminister", "ministerpräsident", "premier", "prime", "staatschef", "chef", "us-präsident",
    "außenminister", "spokesman", "spokeswoman", "sprecher", "sprecherin", "porte-parole", "portavoz",
    "king", "könig", "roi", "rey", "pope", "papst", "pape", "papa", "general", "secretary", "sekretär",
    "ông", "bà", "tổng", "thống", "thủ", "tướng", "mr", "mrs", "ms", "dr", "prof", "herr", "frau", "m.", "mme",
    "senator", "gouverneur", "governor", "kardinal", "cardinal", "генсек", "глава", "премьер", "премьер-министр",
    "президенті", "prezident", "президентът", "başkanı", "başbakan", "bakan", "ministerin", "präsidentin",
    "başbakanı", "bakanı", "cumhurbaşkanı'nın", "emiri", "şeyh", "kralı", "lideri", "sözcüsü",
}
ARABIC_ROLES = {"رئيس", "الرئيس", "وزير", "ملك", "أمير", "رئيسة", "المتحدث", "متحدث", "زعيم", "البابا", "بابا"}
_ARABIC = re.compile("[" + ARABIC + "]")
# sentence-initial function words that capitalisation glues to names ("Die Boeing", "À Mandalay")
LEADING_STOPWORDS = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "im", "in", "am", "the", "a", "an",
                     "at", "of", "à", "au", "aux", "le", "la", "les", "l'", "el", "los", "las", "en", "del", "tại",
                     "ở", "và", "у", "в", "на", "во", "і", "и"}
_SPLIT = re.compile(r"[\s\u00a0]+")
CONTEXT_SIMILARITY = 0.6  # name_similarity of a non-Latin name to an entity of its story
# ... and in alphabets that transliterate letter by letter, Latin forms of like length: an inflected
# form keeps its length ('Алясці' / 'Alaska', 0.86), 'Укрінформ' / 'Rerum' (0.56) had joined at 0.6
LETTER_BY_LETTER = {"Cyrillic", "Greek"}
LENGTH_RATIO = 0.7
CONTEXT_MARGIN = 0.1  # ... and by this much better than the runner-up
# a Latin name to an entity of its story named only in other scripts ('Rachida Dati' / 'رشيدة داتي'):
# Latin names are most of the mentions, so the bar is higher ('Daudi' / 'داتي' is 0.67)
LATIN_CONTEXT_SIMILARITY = 0.8
# a body named by translation: cosine of the names' cross-lingual embeddings (multilingual-e5-small)
# and the lead over the next entity of the story (see Resolver._by_translation, docs/benchmarks.md)
TRANSLATION_SIMILARITY = 0.90
TRANSLATION_MARGIN = 0.03
# ... or, when no one name is that close (Chinese and Vietnamese names of Korean parties and courts score
# 0.82-0.89 against every English body), the article's bodies and the story's are matched as two sets:
# each similarity less the mean similarity of its two sides to the other set (cross-domain similarity
# local scaling, which takes away what a name shares with every body), a pair joining only when each is
# the other's best by MUTUAL_MARGIN, over MUTUAL_SIMILARITY, with MUTUAL_MIN_SET bodies on each side
MUTUAL_SIMILARITY = 0.82
MUTUAL_MARGIN = 0.015
MUTUAL_MIN_SET = 3
_NON_LATIN = re.compile("[^" + LATIN + r"\s\-'’.]")
SURNAME_SIMILARITY = 0.7  # folded surnames must be this alike, beyond sharing a consonant key
JOINED_SURNAME_SIMILARITY = 0.8  # a surname-only line of people.txt and a full name's surname (Toqayev, Tokayev)


def normalise_alias(text: str) -> str:
    words = _SPLIT.split(unicodedata.normalize("NFKC", text).casefold().replace("’", "'").strip())
    if words and words[0].startswith("لل") and len(words[0]) > 3:
        words[0] = "ال" + words[0][2:]  # Arabic li- + al- contract: 'للأمم المتحدة' is 'الأمم المتحدة'
    return " ".join(words)


def strip_roles(text: str) -> str:
    """'US-Präsident Donald Trump' -> 'Donald Trump', 'ABD Başkanı Donald Trump' -> 'Donald Trump',
    'السيسي والرئيس ترامب' -> 'ترامب': everything up to the last role word goes (the text stays when
    nothing would remain)."""
    words = _SPLIT.split(text.strip())
    last_role = max((i for i, w in enumerate(words[:-1]) if _is_role(w) and not _particle_in_name(words, i)),
                    default=-1)
    words = words[last_role + 1:]
    while len(words) > 1 and _is_role(words[0]):
        words = words[1:]
    return " ".join(words)


_NAME_PARTICLES = {"von", "van", "de", "des", "der", "den", "del", "della", "du", "da", "di", "dos", "la", "le"}


def _particle_in_name(words: list[str], i: int) -> bool:
    """'Laurence des Cars', 'Ursula von der Leyen': an article or preposition right after a given name
    (through other particles) is a particle of the surname, not the end of a role. After other words it
    stays what it was ('Partido del Poder Popular' is matched as 'Poder Popular')."""
    if words[i].casefold() not in _NAME_PARTICLES:
        return False
    j = i - 1
    while j >= 0 and words[j].casefold() in _NAME_PARTICLES:
        j -= 1
    if j < 0 or _is_role(words[j]):
        return False
    from ..read.names import _given_name_table

    shared, single = _given_name_table()
    return words[j] in shared or words[j] in single


ROLE_SUFFIXES = ("chef", "präsident", "präsidentin", "minister", "ministerin", "kanzler", "sprecher", "führer")
_ARABIC_CLITICS = re.compile(r"^(?:و|ف|ب|ل|ك)?(?:ال)?")


def _is_role(word: str) -> bool:
    folded = word.casefold().rstrip(".,:")
    if folded in ROLE_WORDS or folded in LEADING_STOPWORDS or folded.split("-")[-1] in ROLE_WORDS:
        return True
    if len(folded) > 6 and folded.endswith(ROLE_SUFFIXES):  # "Kremlchef", "Bundesaußenminister"
        return True
    # Arabic glues 'and' / 'the' onto words: والرئيس = and + the + president
    return bool(_ARABIC.match(folded)) and _ARABIC_CLITICS.sub("", folded) in ARABIC_ROLES


def script_of(text: str) -> str:
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            return name.split(" ")[0].capitalize() if name else "Unknown"
    return "Common"


def folded_latin(word: str) -> str:
    """A Latin spelling with the usual transliteration variants folded (Tokajew, Токаев -> tokaev)."""
    from anyascii import anyascii

    latin = anyascii(word).lower()
    for old, new in (("ph", "f"), ("tsch", "ch"), ("sch", "sh"), ("ts", "z"), ("tz", "z"), ("kh", "h"),
                     ("w", "v"), ("j", "y"), ("q", "k"), ("c", "k"), ("x", "ks"), ("'", ""), ("ye", "e"), ("ya", "a")):
        latin = latin.replace(old, new)
    return re.sub(r"[^a-z]", "", latin)


def surname_similarity(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, folded_latin(a), folded_latin(b)).ratio()


_SLAVIC_ENDINGS = ("ого", "ому", "ыми", "ими", "ом", "ым", "им", "ой", "ей", "ою", "ем", "ах", "ях",
                   "а", "у", "ю", "е", "ы", "и", "я")


def stem_name(word: str) -> str:
    """Case endings off a Cyrillic name (Трампом, Путина -> Трамп, Путин); other words unchanged."""
    if len(word) < 5 or not re.match("[" + CYRILLIC + "]", word):
        return word
    for ending in _SLAVIC_ENDINGS:
        if word.lower().endswith(ending) and len(word) - len(ending) >= 3:
            return word[: len(word) - len(ending)]
    return word


def given_key(name: str) -> str:
    """Folded first name of a multi-word name ('' for one word): 'Kassym-Schomart Tokajew' -> key of Kassym."""
    parts = [p for p in re.split(r"[\s]+", name.strip()) if p]
    if len(parts) < 2:
        return ""
    first = stem_name(parts[0].split("-")[0])
    return name_key(first)


@lru_cache(maxsize=1)
def _month_names() -> set[str]:
    from ..read.dates import month_names

    return set(month_names())


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse("en").territories)


def country_name(code: str | None) -> str:
    """The English name of an ISO alpha-2 code (CLDR via babel): what a country entity is called,
    and what pages and events show for a bare code; the code itself if unknown."""
    if not code:
        return ""
    return _country_names().get(code.upper(), code)


@dataclass
class Candidate:
    id: int
    name: str
    type: str
    given_key: str
    mentions: int
    locked: int


# characters before a place's name that `saint_place` reads for its kind ('basilique Saint-Pierre')
SAINT_CONTEXT = 40
# the (up to) SAINT_CONTEXT characters before a stored mention, in SQL that SQLite and PostgreSQL both speak
# (SQLite's two-argument max() / min() are GREATEST / LEAST there)
_BEFORE = (f"substr(a.text, CASE WHEN m.start > {SAINT_CONTEXT} THEN m.start - {SAINT_CONTEXT - 1} ELSE 1 END,"
           f" CASE WHEN m.start < {SAINT_CONTEXT} THEN m.start ELSE {SAINT_CONTEXT} END)")

class Resolver:
    """Resolves the mentions of one article inside the caller's transaction."""

    def __init__(self, embedder=None) -> None:
        self.seconds = 0.0  # time spent resolving, for the benchmarks
        # a cross-lingual embedder joins bodies named by translation (`_by_translation`)
        self.embedder = None
        if getattr(embedder, "cross_lingual", False):
            from ..read.embed import get_name_embedder

            self.embedder = get_name_embedder(embedder)
        self._vectors: dict[str, object] = {}  # name -> its vector (names recur across a story's articles)
        # reads of the story per article (`_by_story_context`, `_by_saint`, `_by_translation`)
        self._story_rows: dict[object, object] = {}
        self._surname_bearers: dict[str, str] = {}  # per article: Korean surname -> the full name it stands for

    def resolve(self, conn: sqlite3.Connection, article: Article) -> None:
        """Looks up the article's known aliases in one query, resolves each mention, then writes
        the aliases, mention counts and canonical names in a few batched statements: a handful of
        round trips per article instead of six per mention (which made a PostgreSQL store crawl)."""
        started = time.perf_counter()
        self._story_rows = {}  # the story as stored before this article (its own are written after it)
        local: dict[str, tuple[int, str, str]] = {}  # surname / full name -> (entity, type, given key)
        forms = [_as_resolved(m) for m in article.mentions]
        # the person a Korean surname alone names in this article ('Lee' after 'Lee Jae-myung')
        self._surname_bearers = {normalise_alias(surname): normalise_alias(name) for surname, name in
                                 surname_first_bearers([(strip_roles(m.text), m.sentence) for m in forms if m.type == "PER"]).items()}
        known = [_known_for(article.text, m) or _generic_with_country(m) for m in forms]
        if any(entry is not None and entry.country == "*" for entry in known):
            home = _article_country(article.mentions)
            known = [_of_country(entry, _country_beside(article.text, article.mentions, i) or home)
                     if entry is not None and entry.country == "*" else entry for i, entry in enumerate(known)]
        batch = _AliasBatch(self._known_aliases(conn, forms, article.language),
                            self._entities_by_key(conn, forms, {e.key for e in known if e},
                                                   article.language))
        for m in article.mentions:
            m.entity_id = None  # each is set below, long forms first (an acronym looks up the long form's)
        # a body's name with its acronym in brackets after it ('Christian Democrats (CDU)') is one body:
        # an acronym the store or the dictionary knows, where the name is new to both, is resolved first
        # and the name joins it; else the name is resolved first and the acronym joins the name's entity
        bracketed = _bracketed_acronyms(article.text, forms)
        after = {k: i for i, k in bracketed.items()}
        acronym_first = {i for i, k in bracketed.items()
                         if (batch.by_alias(normalise_alias(forms[k].text), "ORG") or known[k])
                         and not batch.by_alias(normalise_alias(strip_roles(forms[i].text)), forms[i].type)
                         and not known[i]}
        order: list[int] = []
        for i in sorted(range(len(forms)), key=lambda i: -len(forms[i].text)):  # long forms first
            for k in ([bracketed[i], i] if i in acronym_first else [i]):
                if k not in order:
                    order.append(k)
        for index in order:
            entity_id = None
            if index in acronym_first:
                entity_id = article.mentions[bracketed[index]].entity_id
            elif index in after and after[index] not in acronym_first and not known[index] \
                    and not batch.by_alias(normalise_alias(forms[index].text), "ORG"):
                entity_id = article.mentions[after[index]].entity_id
            if entity_id is not None:  # one body: the long name's type ('(Ishin)' alone reads as a person)
                long_form = forms[index] if index in acronym_first else forms[after[index]]
                batch.add(entity_id, strip_roles(forms[index].text), long_form.type)
            else:
                entity_id = self._resolve_one(conn, article, forms[index], local, batch, known[index])
            article.mentions[index].entity_id = entity_id
        # a type the dictionary states (data/known.txt) is kept; people.txt leaves it to the mentions
        batch.fixed_types.update(m.entity_id for m, entry in zip(article.mentions, known) if entry and entry.type)
        batch.write(conn, article.language)
        self.seconds += time.perf_counter() - started

    @staticmethod
    def _known_aliases(conn, mentions: list[Mention], language: str = "") -> dict[str, list[tuple[int, str, str, str]]]:
        """normalised alias -> [(entity, origin, entity type, given key)], best first, for the article's names
        (and a gazetteer city's other names, `_by_place_name`)."""
        wanted = {normalise_alias(strip_roles(m.text)) for m in mentions if m.key and not m.key.startswith("C:")}
        for m in mentions:
            if m.type == "LOC" and m.key and not m.key.startswith("C:"):
                wanted |= set(_place_aliases(m, strip_roles(m.text), language))
        found: dict[str, list[tuple[int, str, str, str]]] = {}
        for chunk in _chunks(sorted(wanted)):
            for normalized, entity_id, origin, entity_type, given in conn.execute(
                    "SELECT a.normalized, a.entity_id, a.origin, e.type, e.given_key FROM entity_aliases a"
                    f" JOIN entities e ON e.id = a.entity_id WHERE a.normalized IN ({','.join('?' * len(chunk))})"
                    " ORDER BY a.normalized, a.origin = 'auto', a.mentions DESC, a.id", chunk):
                found.setdefault(normalized, []).append((entity_id, origin, entity_type, given))
        return found

    @staticmethod
    def _entities_by_key(conn, mentions: list[Mention], extra: set[str], language: str = "") -> dict[str, list[list]]:
        """key -> [[id, name, type, given key, mentions, locked]] for every key the article's
        mentions may look up (countries, name keys, stemmed surname keys, dictionary entries)."""
        wanted: set[str] = set(extra)
        for mention in mentions:
            if mention.key:
                name = strip_roles(mention.text)
                wanted |= {mention.key} if mention.key.startswith("C:") else \
                    _lookup_keys(mention, name) | _place_keys(mention, name, language)
        found: dict[str, list[list]] = {}
        for chunk in _chunks(sorted(wanted)):
            for key, *row in conn.execute("SELECT key, id, name, type, given_key, mentions, locked FROM entities"
                                          f" WHERE key IN ({','.join('?' * len(chunk))}) ORDER BY key, id", chunk):
                found.setdefault(key, []).append(row)
        return found

    def _resolve_one(self, conn, article: Article, mention: Mention, local: dict[str, tuple[int, str, str]],
                     batch: _AliasBatch, known: KnownEntity | None) -> int | None:
        if not mention.key:
            return None
        if mention.key.startswith("C:"):
            entity_id = self._country(conn, mention.key[2:], batch)
            batch.add(entity_id, mention.text, "LOC")
            return entity_id
        name = strip_roles(mention.text)
        normalized = normalise_alias(name)
        if normalized in _month_names():
            return None  # "März", "Mai": capitalised months are not people
        surname = normalise_alias(name.split()[-1]) if name.split() else normalized
        # a person's registry decision first, then the dictionary of translated names, then spellings
        entity_id = (_in_article(local, normalized, mention) or batch.by_alias(normalized, mention.type, decided_only=True)
                     or self._known(conn, article, mention, known, batch) or _spelled_out(article, mention, name)
                     or batch.by_alias(normalized, mention.type)
                     or (_in_article(local, surname, mention) if " " not in normalized else None)
                     or self._by_key(conn, article, mention, name, batch)
                     or self._across_types(conn, article, mention, name, batch)
                     or self._by_translation(conn, article, mention, name, batch))
        if entity_id is not None and self._other_kind(conn, article, mention, name, entity_id):
            # 'place Saint-Pierre' found by its spelling the basilica that 'basilique Saint-Pierre' named
            entity_id = self._by_saint(conn, article, mention, name)
        if entity_id is None:
            entity_id = self._create(conn, name, mention.type, mention.key, given_key(name), mention.country, batch)
        local.setdefault(normalized, (entity_id, mention.type, given_key(name)))
        if (head := _generic_head(name)) is not None:
            # 'the Assembly' after 'the National Assembly', 'the House' after 'the House of Representatives'
            local.setdefault(normalise_alias(head), (entity_id, mention.type, ""))
        if mention.type == "LOC" and (saint := _saint_after_kind_noun(name)):
            # 'basílica de San Pedro' ... 'la logia de San Pedro': the saint's name alone is that place, in
            # this article and by its spelling in later ones (as when reading left the kind noun out)
            local.setdefault(normalise_alias(saint), (entity_id, mention.type, ""))
            batch.add_alias_only(entity_id, saint, mention.type)
        if mention.type not in BODY_OR_PLACE:  # a person's surname is the person; 'Chiclayo' is not its square
            local.setdefault(surname, (entity_id, mention.type, given_key(name)))
            first = surname_first(name)  # a Korean name, surname first: 'Lee' after 'Lee Jae-myung'
            if first:
                first = normalise_alias(first)
                bearer = self._surname_bearers.get(first)
                if bearer is not None:
                    if bearer == normalized:
                        local[first] = (entity_id, mention.type, "")
                elif local.get(first, (entity_id,))[0] != entity_id:
                    local[first] = (None, mention.type, "")  # two people of the article alike: neither
                else:
                    local.setdefault(first, (entity_id, mention.type, ""))
        batch.add(entity_id, name, mention.type)
        return entity_id

    # -- lookups ----------------------------------------------------------------------

    def _by_key(self, conn, article: Article, mention: Mention, name: str, batch: _AliasBatch) -> int | None:
        return (self._by_spelling(conn, article, mention, name, batch)
                or self._by_place_name(article, mention, name, batch)
                or self._by_saint(conn, article, mention, name)
                or self._by_story_context(conn, article, mention, name))

    def _other_kind(self, conn, article: Article, mention: Mention, name: str, entity_id: int) -> bool:
        """Whether a place named after a saint with a kind ('place Saint-Pierre', a square) was found,
        by its spelling, an entity whose stored mentions name the saint's place of another kind only."""
        if mention.type != "LOC":
            return False
        mine = saint_place(name, article.text[max(0, mention.start - SAINT_CONTEXT):mention.start])
        if mine is None or mine[1] is None:
            return False
        kinds = {found[1] for text, before in conn.execute(
            f"SELECT m.text, {_BEFORE} FROM mentions m"
            " JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? AND m.type = 'LOC' AND m.part = 'body'"
            " ORDER BY m.id LIMIT 200",  # _BEFORE reads the body's text: a caption's offsets point elsewhere
            (entity_id,)) for found in [saint_place(text, before)] if found is not None} - {None}
        return bool(kinds) and mine[1] not in kinds

    def _by_saint(self, conn, article: Article, mention: Mention, name: str) -> int | None:
        """The place of this story named after the same saint, of the same kind (`saints.saint_place`):
        'Petersdom' / 'St. Peter's Basilica' / 'كاتدرائية القديس بطرس', 'Petersplatz' / 'St Peter's Square'.
        A place whose mentions name two saints or two kinds (the square and the church) joins nothing, nor
        does a name with a kind join a place named without one; a name without a kind ('St Peter's') joins
        the one place of the saint the story has, and not at all when it is a gazetteer city ('San
        Francisco', 'São Paulo': towns named after saints)."""
        if mention.type != "LOC" or article.story_id is None:
            return None
        mine = saint_place(name, article.text[max(0, mention.start - SAINT_CONTEXT):mention.start])
        if mine is None:
            return None
        if mine[1] is None and _place_of(mention, name, article.language) is not None:
            return None
        places = self._story_rows.get("saints")
        if places is None:  # the story's places: every mention of theirs, in any story, tells their kinds
            places = {}
            for entity_id, text, start, before in conn.execute(
                    f"SELECT m.entity_id, m.text, m.start, {_BEFORE}"
                    " FROM mentions m JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id"
                    " WHERE m.type = 'LOC' AND e.type = 'LOC' AND m.part = 'body' AND e.id IN (SELECT s.entity_id FROM mentions s"
                    " JOIN articles sa ON sa.id = s.article_id WHERE sa.story_id = ? AND s.type = 'LOC')",
                    (article.story_id,)):
                found = saint_place(text, before)
                if found is not None:
                    places.setdefault(entity_id, set()).add(found)
            self._story_rows["saints"] = places
        saint, kind = mine
        same, bare = [], []  # places of the saint with this kind (any one kind for a bare name), without one
        for entity_id, found in places.items():
            kinds = {k for _, k in found} - {None}
            if {s for s, _ in found} != {saint} or len(kinds) > 1:
                continue
            if kinds and (kind is None or kind in kinds):
                same.append(entity_id)
            elif not kinds:
                bare.append(entity_id)
        candidates = same or (bare if kind is None else [])  # the kind of a bare place is not known
        return candidates[0] if len(candidates) == 1 else None

    @staticmethod
    def _by_place_name(article: Article, mention: Mention, name: str, batch: _AliasBatch) -> int | None:
        """The place entity one of the gazetteer's names of this city is an alias of: an entity made
        from another script's spelling has that spelling's key ('إسلام آباد' keys its last word), which
        the city's keys do not find, but its Latin alias 'Islamabad' is one of the city's names
        ('Исламабадом')."""
        for alias in _place_aliases(mention, name, article.language):
            entity_id = batch.by_alias(alias, "LOC")
            if entity_id is not None:
                return entity_id
        return None

    def _across_types(self, conn, article: Article, mention: Mention, name: str, batch: _AliasBatch) -> int | None:
        """An entity of another type that the same name may still be (`joinable_across`), tried only
        when no entity of the mention's own type matched: the rules type by weak evidence, so one
        place is LOC in one language and PER in another ("Alaska" / "Аляску"). A place may have
        learned a given key from a two-word spelling ("مظفر آباد"): as for people, a one-word name
        is compatible with any."""
        return (batch.by_alias_across(normalise_alias(name), mention)
                or self._by_spelling(conn, article, mention, name, batch, across=True)
                or self._by_story_context(conn, article, mention, name, across=True))

    def _by_spelling(self, conn, article: Article, mention: Mention, name: str, batch: _AliasBatch,
                     across: bool = False) -> int | None:
        """The entity whose surname key and given name match (see the module's step 4), or that is
        the same gazetteer city; with `across`, also one of another type the mention may join."""
        surname = name.split()[-1] if name.split() else name
        own_keys = _lookup_keys(mention, name)
        keys = sorted(own_keys) + sorted(_place_keys(mention, name, article.language) - own_keys)
        rows = list({row[0]: row for key in keys for row in batch.entities.get(key, ())}.values())
        place = _place_of(mention, name, article.language)
        mine = given_key(name)
        # mention counts as if this article's earlier mentions were already counted
        rows = [(*r[:4], r[4] + batch.counts.get(r[0], 0), r[5]) for r in rows]
        spelled = {row[0] for key in own_keys for row in batch.entities.get(key, ())}
        candidates = [Candidate(*r) for r in rows
                      if (r[2] == mention.type or across and joinable_across(mention, r[2], r[3]))
                      and (place is not None and place_id(r[1]) == place  # one city: 'Moskau', 'Москва'
                           or r[0] in spelled and (not mine or not r[3] or r[3] == mine
                                                   or _one_ends_the_other(mention, name, r[1], r[2]))
                           and _spelled_alike(mention, name, surname, r[1], r[2]))]
        if not candidates:
            return None
        if len(candidates) > 1 and article.story_id is not None:
            in_story = {r[0] for r in conn.execute(
                "SELECT DISTINCT m.entity_id FROM mentions m JOIN articles a ON a.id = m.article_id"
                " WHERE a.story_id = ? AND m.key = ?", (article.story_id, mention.key))}
            preferred = [c for c in candidates if c.id in in_story]
            candidates = preferred or candidates
        best = max(candidates, key=lambda c: (c.given_key == mine, c.mentions))
        if mine and not best.given_key:
            # the surname-only entity learns its given name, so other given names stay apart
            conn.execute("UPDATE entities SET given_key = ? WHERE id = ?", (mine, best.id))
            for row in (row for rows in batch.entities.values() for row in rows if row[0] == best.id):
                row[3] = mine
        return best.id

    def _by_story_context(self, conn, article: Article, mention: Mention, name: str,
                          across: bool = False) -> int | None:
        """Names in scripts that fold badly (特朗普, ترامب): the most similar entity of the same type
        already named in this story, if clearly the best (transliteration model, tidings.entities.transliterate).
        A Latin name is compared the other way round with the names in other scripts of the story's
        entities (an Arabic article read first made 'رشيدة داتي'), at a higher bar (LATIN_CONTEXT_SIMILARITY).
        A Chinese place is compared without its region word too ('阿拉斯加州', the state of Alaska)."""
        if article.story_id is None:
            return None
        latin = script_of(name) == "Latin" and not _NON_LATIN.search(name)
        place = _place_of(mention, name, article.language) if mention.type == "LOC" else None
        # a city of the gazetteer was looked up by all its names: no guessing ('Сиань'), except for its
        # Latin name against the story's names in scripts the gazetteer has no name of it in
        # ('Sharm el-Sheikh' has only its Latin one: the Arabic article's 'شرم الشيخ' is compared)
        unnamed = (_scripts_unnamed(place) if latin else frozenset()) if place is not None else None
        if unnamed is not None and not unnamed:
            return None
        # the story's entities as stored before this article (its own are written after it): read once, in
        # entity order, so that a capped read is the same rows on SQLite and PostgreSQL
        rows = self._story_rows.get(latin)
        if rows is None:
            if latin:
                # a Latin spelling and the names in other scripts of the story's entities ('Rachida Dati'
                # after the Arabic article's 'رشيدة داتي'): the same comparison as the other way round, so
                # that the order of the articles does not decide, but closer
                rows = [r for r in conn.execute(
                    "SELECT DISTINCT e.id, al.alias, e.type, e.given_key FROM mentions m"
                    " JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id"
                    " JOIN entity_aliases al ON al.entity_id = e.id WHERE a.story_id = ? AND al.script NOT IN"
                    " ('Latin', 'Common') ORDER BY e.id, al.alias LIMIT 800", (article.story_id,)).fetchall() if not _acronym(r[1])]
            else:
                rows = conn.execute(
                    "SELECT DISTINCT e.id, e.name, e.type, e.given_key FROM mentions m JOIN articles a ON a.id = m.article_id"
                    " JOIN entities e ON e.id = m.entity_id WHERE a.story_id = ? ORDER BY e.id LIMIT 400",
                    (article.story_id,)).fetchall()
            self._story_rows[latin] = rows
        if latin:
            rows = [r for r in rows if script_of(r[1]) not in LETTER_BY_LETTER or _like_length(name, r[1])]
        rows = [r for r in rows if (joinable_across(mention, r[2], r[3]) if across else r[2] == mention.type)]
        if unnamed is not None:
            rows = [r for r in rows if script_of(r[1]) in unnamed]
        if script_of(name) in LETTER_BY_LETTER:
            rows = [r for r in rows if _like_length(name, r[1])]
        names = [name] + ([name[:-1]] if mention.type == "LOC" and _HAN_REGION.fullmatch(name) else [])
        # a Korean or Japanese person in Chinese characters ('金文洙', '小泉进次郎') and the story's Hangul, kana,
        # Latin or Cyrillic spelling ('Kim Moon-soo', 'Shinjiro Koizumi'), or the other way round: by the name's
        # Korean reading in a story that names Korea, its Japanese reading in one that names Japan
        readers = self._reading_countries(conn, article) if mention.type in ("PER", NAME) else frozenset()
        best: dict[int, float] = {}
        for row in rows:
            score = max(_similarity(n, row[1]) for n in names)
            if readers and row[2] in ("PER", NAME):
                score = max(score, _reading_score(name, row[1], readers))
            best[row[0]] = max(best.get(row[0], 0.0), score)
        scored = sorted(((score, entity_id) for entity_id, score in best.items()), reverse=True)
        if not scored or scored[0][0] < (LATIN_CONTEXT_SIMILARITY if latin else CONTEXT_SIMILARITY):
            return None
        if len(scored) > 1 and scored[0][0] - scored[1][0] < CONTEXT_MARGIN:
            return None
        if unnamed and any(r[0] == scored[0][1] and r[2] == "LOC" for r in rows):
            # the story's place is the gazetteer's city: it takes the city's key, so that the city's other
            # Latin spellings find it as they would have found the entity the city's name made
            # ('Şarm el-Şeyh' after 'Sharm el-Sheikh' joined the Arabic article's 'شرم الشيخ')
            # (not an entity a person locked, nor a country's or a dictionary entry's: their keys find them)
            conn.execute("UPDATE entities SET key = ? WHERE id = ? AND locked = 0 AND substr(key, 1, 2) NOT IN"
                         " ('C:', 'K:')", (mention.key, scored[0][1]))
        return scored[0][1]

    def _reading_countries(self, conn, article: Article) -> frozenset[str]:
        """Which readings of a person's name in Chinese characters this article's story allows: 'ko' when
        the article or its story names Korea (South or North), 'ja' when it names Japan."""
        found = self._story_rows.get("readings")
        if found is None:
            keys = {m.key for m in article.mentions if m.key in _READING_KEYS}
            if article.story_id is not None and len(keys) < len(_READING_KEYS):
                marks = ",".join("?" * len(_READING_KEYS))
                keys |= {r[0] for r in conn.execute(
                    "SELECT DISTINCT m.key FROM mentions m JOIN articles a ON a.id = m.article_id WHERE a.story_id = ?"
                    f" AND m.key IN ({marks})", (article.story_id, *sorted(_READING_KEYS)))}
            found = self._story_rows["readings"] = frozenset(_READING_KEYS[key] for key in keys)
        return found

    def _by_translation(self, conn, article: Article, mention: Mention, name: str, batch: _AliasBatch) -> int | None:
        """A body named by translation ('Partido Democrático', 'Демократической партии' for the
        Democratic Party), tried last, when no spelling, key or dictionary found one: the organisation
        of this story, named only in other languages, whose name (its most used one per language) the
        cross-lingual embedding finds closest, if it is close (TRANSLATION_SIMILARITY), clearly closer
        than the next organisation (TRANSLATION_MARGIN), and closer to this name than to any other body
        of the article. An entity already named in the article's language is not a candidate (that
        name would be its translation), nor one of another country. Names of two words or more, or in
        a script without capitals: a single Latin word is a spelling, which the keys compare. Places
        are left out: the gazetteer names them, and each name embedded costs time (docs/benchmarks.md)."""
        if self.embedder is None or article.story_id is None or mention.type != "ORG" \
                or _acronym(name) or len(name) < 4 \
                or " " not in name.strip() and script_of(name) == "Latin":
            return None
        rows = self._story_rows.get("translation")
        if rows is None:  # the story's bodies named in other languages, as stored before this article: read once
            rows = self._story_rows["translation"] = conn.execute(
                "SELECT e.id, e.country, al.alias, al.language FROM entity_aliases al"
                " JOIN entities e ON e.id = al.entity_id WHERE e.type = 'ORG'"
                " AND e.id IN (SELECT DISTINCT m.entity_id FROM mentions m JOIN articles a ON a.id = m.article_id"
                " WHERE a.story_id = ? AND a.language != ?) ORDER BY al.mentions DESC, al.id",
                (article.story_id, article.language)).fetchall()
        named_here = {r[0] for r in rows if r[3] == article.language} | set(batch.counts)
        aliases: dict[int, dict[str, str]] = {}  # entity -> its most used name in each language
        for entity_id, country, alias, language in rows:
            if entity_id in named_here or not language \
                    or mention.country and country and country != mention.country or _acronym(alias):
                continue
            aliases.setdefault(entity_id, {}).setdefault(language, alias)
        if not aliases:
            return None
        import numpy as np

        mine = self._vector(name)
        best: dict[int, float] = {entity_id: max(float(mine @ self._vector(a)) for a in names.values())
                                  for entity_id, names in aliases.items()}
        ranked = sorted(best.items(), key=lambda item: -item[1])
        top, score = ranked[0]
        others = {strip_roles(m.text) for m in article.mentions
                  if m.type == "ORG" and m.key and not _acronym(m.text)} - {name}
        if score < TRANSLATION_SIMILARITY or len(ranked) > 1 and score - ranked[1][1] < TRANSLATION_MARGIN:
            return self._by_mutual_translation(name, others, aliases)
        # ... and this name is the entity's closest among the article's bodies
        top_vectors = np.vstack([self._vector(a) for a in aliases[top].values()])
        if any(float(np.max(top_vectors @ self._vector(other))) >= score for other in others):
            return None
        return top

    def _by_mutual_translation(self, name: str, others: set[str], aliases: dict[int, dict[str, str]]) -> int | None:
        """The story's body that this name and the article's other bodies, matched as two sets, pair
        with it: similarities (an entity's: the mean over its names by language) less the mean
        similarity of each side to the other set, this name's best entity and that entity's best name
        of the article, each by MUTUAL_MARGIN over the runner-up, the raw similarity at least
        MUTUAL_SIMILARITY. Names that cannot be translations (a single Latin word, short) are no
        sources, as in `_by_translation`."""
        import numpy as np

        sources = [name] + sorted(o for o in others if len(o) >= 4
                                  and (" " in o.strip() or script_of(o) != "Latin"))
        targets = list(aliases)
        if len(sources) < MUTUAL_MIN_SET or len(targets) < MUTUAL_MIN_SET:
            return None
        source_vectors = np.vstack([self._vector(s) for s in sources])
        raw = np.column_stack([np.mean([source_vectors @ self._vector(a) for a in aliases[t].values()], axis=0)
                               for t in targets])
        scaled = 2 * raw - raw.mean(axis=1, keepdims=True) - raw.mean(axis=0, keepdims=True)
        row = scaled[0]
        order = np.argsort(-row)
        best = int(order[0])
        if raw[0, best] < MUTUAL_SIMILARITY or row[best] - row[order[1]] < MUTUAL_MARGIN:
            return None
        column = np.sort(scaled[1:, best])[::-1]
        if len(column) and row[best] - column[0] < MUTUAL_MARGIN:
            return None
        return targets[best]

    def _vector(self, name: str):
        vector = self._vectors.get(name)
        if vector is None:
            if len(self._vectors) > 50_000:
                self._vectors.clear()
            vector = self._vectors[name] = self.embedder.embed_passages([name])[0]
        return vector

    # -- writes -----------------------------------------------------------------------
    @staticmethod
    def _create(conn, name: str, kind: str, key: str, given: str, country: str | None, batch: _AliasBatch) -> int:
        cur = conn.execute("INSERT INTO entities(name, type, country, key, given_key) VALUES (?,?,?,?,?)",
                           (name, kind, country, key, given))
        batch.entities.setdefault(key, []).append([cur.lastrowid, name, kind, given, 0, 0])
        return cur.lastrowid

    def _known(self, conn, article: Article, mention: Mention, entry: KnownEntity | None,
               batch: _AliasBatch) -> int | None:
        """The entity of the bundled dictionary of translated names (data/known.txt) that a mention
        names, made on first use. A person an earlier article already named in a spelling the
        dictionary lacks ("Mahmud Abbas") keeps that entity: the dictionary must not split them."""
        if entry is None:
            return None
        found = batch.entities.get(entry.key)
        if found:
            return found[0][0]
        if not entry.type:  # a person of people.txt: spelling keys are meaningful
            earlier = self._by_spelling(conn, article, mention, strip_roles(mention.text), batch)
            if earlier is not None:
                return earlier
        given = given_key(entry.name) if not entry.type else ""
        kind = entry.type or (mention.type if mention.type != NAME else "PER")
        entity_id = self._create(conn, entry.name, kind, entry.key, given, entry.country, batch)
        # its canonical name is an alias too (of no language), so that a search by it finds the entity
        conn.execute("INSERT INTO entity_aliases(entity_id, alias, normalized, language, script, mentions)"
                     " VALUES (?,?,?,'',?,0) ON CONFLICT(entity_id, normalized, language) DO NOTHING",
                     (entity_id, entry.name, normalise_alias(entry.name), script_of(entry.name)))
        return entity_id

    def _country(self, conn, code: str, batch: _AliasBatch) -> int:
        known = batch.entities.get(f"C:{code}")
        if known:
            return known[0][0]
        name = country_name(code)
        return self._create(conn, name, "LOC", f"C:{code}", "", code, batch)


# a Chinese place name with the word for its kind of region after it ('阿拉斯加州': the state of Alaska,
# '奈良县'), which other languages leave out: compared with and without it (two characters at least
# stay, so '加州' and '广州' are compared whole)
_HAN_REGION = re.compile("[" + HAN + "]{2,}[州省县市区]")


@lru_cache(maxsize=100_000)
def _similarity(name: str, other: str) -> float:
    """`name_similarity`, remembered: a story's names are compared again in each of its articles, and
    once for the mention's own type, once across types."""
    from .transliterate import name_similarity

    return name_similarity(name, other)


# the countries whose naming in a story lets a person's name in Chinese characters be read as Korean or Japanese
_READING_KEYS = {"C:KR": "ko", "C:KP": "ko", "C:JP": "ja"}
# a Korean or Japanese person's name in Chinese characters and another spelling (`hanja.korean_similarity`,
# `hanja.japanese_similarity`): the reading must explain it this well, and better by READING_LEAD than the
# Mandarin reading does (the coarse phonetic fold makes a Korean name's pinyin look alike: '李在明' / 'Lee
# Jae-myung' 1.0 Korean, 0.89 Mandarin; a Chinese person's Latin name is its pinyin: '李强' / 'Li Qiang')
READING_SIMILARITY = 0.85
READING_LEAD = 0.05


@lru_cache(maxsize=100_000)
def _reading_score(name: str, other: str, readers: frozenset[str]) -> float:
    """How well the Korean ('ko' in `readers`) or Japanese ('ja') reading of whichever of the two names is
    in Chinese characters explains the other ('金文洙' / 'Kim Moon-soo', '小泉进次郎' / 'Shinjiro Koizumi'),
    or 0: below READING_SIMILARITY, or when the Mandarin reading explains it nearly as well."""
    from .hanja import japanese_similarity, korean_similarity

    han_name, han_other = bool(_HAN_NAME.fullmatch(name)), bool(_HAN_NAME.fullmatch(other))
    if han_name == han_other:
        return 0.0
    han, spelled = (name, other) if han_name else (other, name)
    score = max(korean_similarity(han, spelled) if "ko" in readers else 0.0,
                japanese_similarity(han, spelled) if "ja" in readers else 0.0)
    if score < READING_SIMILARITY or score < _mandarin_score(han, spelled) + READING_LEAD:
        return 0.0
    return score


_HAN_NAME = re.compile("[" + HAN + HAN_EXT_A + "]{2,6}")


def _mandarin_score(han: str, other: str) -> float:
    """The Mandarin reading's best explanation of a Latin or Cyrillic spelling: the learned model's
    (`name_similarity`) or the pinyin's own ('Li Qiang')."""
    from anyascii import anyascii

    from .transliterate import _ratio, latin_form, phonetic

    pinyin = phonetic(re.sub(r"[^a-z]", "", anyascii(han).lower()))
    target = phonetic(latin_form(other).replace(" ", ""))
    return max(_similarity(han, other), _ratio(pinyin, target) if pinyin and target else 0.0)


# the scripts whose spellings of a city the gazetteer may lack, and `_by_story_context` may then compare
_GUESSED_SCRIPTS = frozenset({"Arabic", "Cyrillic", "Cjk"})


@lru_cache(maxsize=10_000)
def _scripts_unnamed(place: int) -> frozenset[str]:
    """The scripts of `_GUESSED_SCRIPTS` in which the gazetteer has no name of this city."""
    return _GUESSED_SCRIPTS - {script_of(other) for other in place_names(place)}


def _like_length(name: str, other: str) -> bool:
    from .transliterate import latin_form

    first, second = len(latin_form(name)), len(latin_form(other))
    return min(first, second) >= LENGTH_RATIO * max(first, second)


def _as_resolved(mention: Mention) -> Mention:
    """The mention as resolution sees it: "Berlin" is a city (of DE) even when it stands for the
    government, so a capital's mention resolves to the city entity."""
    if mention.key and mention.key.startswith("C:") and mention.role == "capital":
        return Mention(mention.start, mention.end, mention.text, "LOC", mention.sentence,
                       key=f"N:{name_key(mention.text)}", country=mention.country or mention.key[2:])
    return mention


_FULL_NAME_WORDS = re.compile(r"[\s\-\u00a0]+")


def _spelled_out(article: Article, mention: Mention, name: str) -> int | None:
    """The body of this article whose name an acronym abbreviates: the initials of its capitalised
    words ('İİT' / 'İslam İşbirliği Teşkilatı', 'DGCA' / 'Directorate General of Civil Aviation') or
    of all its words ('PLD' / 'Parti libéral-démocrate'). Long names are resolved first, so the body
    already has its entity; two bodies of the article with those initials leave the acronym alone."""
    if not _acronym(name) or mention.key.startswith("C:"):
        return None
    letters = "".join(ch for ch in name if ch.isalpha()).upper()
    found = set()
    for other in article.mentions:
        if other.entity_id is None or other.type != "ORG" or other is mention:
            continue
        words = [w for w in _FULL_NAME_WORDS.split(other.text) if w[:1].isalpha()]
        if len(words) < 2:
            continue
        capitalised = "".join(w[0] for w in words if w[0].isupper()).upper()
        every = "".join(w[0] for w in words).upper()
        if letters in (capitalised, every):
            found.add(other.entity_id)
    return next(iter(found)) if len(found) == 1 else None


_BRACKET_OPEN = re.compile(r"\s*\(\s*$")
_BRACKET_CLOSE = re.compile(r"^\s*\)")


def _short_name(mention: Mention) -> bool:
    """An acronym, or one capitalised word no rule typed a place or a person with a role: what a
    body's name may be followed by in brackets ('(CDU)', '(Ishin)'), not where it is ('(Osaka)')."""
    if _acronym(mention.text):
        return mention.type == "ORG"
    return mention.type in ("ORG", NAME, "PER") and not mention.role and " " not in mention.text.strip() \
        and len(mention.text) >= 3 and mention.text[:1].isupper()


def _bracketed_acronyms(text: str, mentions: list[Mention]) -> dict[int, int]:
    """Index of a body's name -> index of the acronym or short name in brackets right after it ('the
    center-right Christian Democrats (CDU)', 'Japanischen Innovationspartei (Ishin)'): the press gives
    a body's acronym or short name after its name, also when it is of its name in another language, so
    the two are one body."""
    pairs: dict[int, int] = {}
    for i, long in enumerate(mentions):
        if long.type not in ("ORG", NAME) or not long.key or long.key.startswith("C:") or _acronym(long.text) \
                or len(long.text.split()) < 2 and "-" not in long.text:
            continue
        for k, short in enumerate(mentions):
            if short.start > long.end and _short_name(short) and short.key \
                    and (long.type == "ORG" or _acronym(short.text)) \
                    and not short.key.startswith("C:") and _BRACKET_OPEN.search(text[long.end:short.start]) \
                    and text[long.end:short.start].strip() == "(" and _BRACKET_CLOSE.match(text[short.end:]):
                pairs[i] = k
                break
    return pairs


_KIND_NOUN_OPENING = re.compile(r"^[^\W\d_]+\s+(?:" + KIND_NOUN_LINKS + r"\s+|d['’])?")


def _saint_after_kind_noun(name: str) -> str | None:
    """The saint's name after the lower-case kind noun that opens a place's name ('basílica de San Pedro',
    'place Saint-Pierre': reading takes the noun in), or None."""
    if not name[:1].islower():
        return None
    opening = _KIND_NOUN_OPENING.match(name)
    rest = name[opening.end():] if opening else ""
    return rest if rest and saint_place(rest) is not None else None


def _in_article(local: dict[str, tuple[int, str, str]], normalized: str, mention: Mention) -> int | None:
    """The entity a longer name of this article gave this form ("Tokajew" after "Kassym-Schomart
    Tokajew"), if the types allow: the town in "farmers in Lincoln" is not Abraham Lincoln."""
    found = local.get(normalized)
    if found is None or found[0] is None \
            or found[1] != mention.type and not joinable_across(mention, found[1], found[2]):
        return None
    return found[0]


def _spelled_alike(mention: Mention, name: str, surname: str, entity_name: str, entity_type: str) -> bool:
    """People are compared by surname (Kassym-Jomart Tokayev / Tokajew). A body or place of several
    words is its whole name: 'Hạ viện' (the lower house) and 'Thượng viện' (the senate) share their
    last word, and that word is spelled like 'Vienna'."""
    if _regnal(name) != _regnal(entity_name) and _regnal(name) and _regnal(entity_name):
        return False  # two rulers of one name: 'Лева XIV' is not 'Léon XIII'
    if _acronym(name) or _acronym(entity_name):
        return name.casefold() == entity_name.casefold()  # letters, not a spelling: 'DN', 'ADN', 'DNA' are three bodies
    several = len(name.split()) > 1 and mention.type in BODY_OR_PLACE \
        or len(entity_name.split()) > 1 and entity_type in BODY_OR_PLACE
    if several:
        return surname_similarity(name, entity_name) >= SURNAME_SIMILARITY
    last = entity_name.split()[-1] if entity_name.split() else entity_name
    return surname_similarity(stem_name(surname), last) >= SURNAME_SIMILARITY


BODY_OR_PLACE = {"ORG", "LOC"}


def _one_ends_the_other(mention: Mention, name: str, entity_name: str, entity_type: str) -> bool:
    """A place or body of several words whose whole name ends the other's: a word for its kind before
    it ('Casa Santa Marta' / 'Santa Marta'). The first words of two such names are no given names to
    compare; two different first words before one last word stay apart ('North' / 'South Carolina')."""
    if mention.type not in BODY_OR_PLACE or entity_type not in BODY_OR_PLACE:
        return False
    first, second = normalise_alias(name), normalise_alias(entity_name)
    shorter, longer = sorted((first, second), key=len)
    return " " in shorter and longer.endswith(" " + shorter)


def _acronym(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return 2 <= len(letters) <= 6 and all(ch.isupper() for ch in letters) and " " not in name.strip()


def joinable_across(mention: Mention, entity_type: str, entity_given: str) -> bool:
    """Whether a mention may join an entity of another type. The rules type a name PER when nothing
    says otherwise (no role word, no place or organisation word), so a PER mention without a role
    may be a place or an organisation, and a PER entity of one word (no given name) may be too; a
    place and an organisation may be one thing ("the Louvre", "СЕУЛ" for its government). A person
    named with a role, or an entity with a given name, stays a person."""
    if entity_type == mention.type:
        return False
    if NAME in (entity_type, mention.type):
        return True  # a name of unknown kind may be anything
    if mention.type == "PER":
        return not mention.role
    return entity_type != "PER" or not entity_given


def _lookup_keys(mention: Mention, name: str) -> set[str]:
    """The entity keys a name may match: its own, its stemmed surname's ("Tokajews" -> Tokajew), and
    those of the dictionary's people with that surname key (a spelling the dictionary lacks,
    "Abbas Arakçi", still finds the entity it made from "Abbas Araghchi")."""
    surname = name.split()[-1] if name.split() else name
    keys = {mention.key, f"N:{name_key(stem_name(surname))}"}
    return keys | {k for key in keys for k in _known_people_by_key().get(key, ())}


def _place_of(mention: Mention, name: str, language: str = "") -> int | None:
    """The GeoNames id of the city a mention names, unless it is a person named with a role or the
    reader placed the name in another country (a namesake of the gazetteer's city). The article's
    language lets the gazetteer take a Kazakh or Uzbek case ending off ('Астанада', in Astana)."""
    return place_id(name, language, country=mention.country if mention.type == "LOC" else None) \
        if mention.type != "PER" or not mention.role else None


def _place_aliases(mention: Mention, name: str, language: str = "") -> list[str]:
    """The gazetteer's names of the city a LOC mention names, as aliases are normalised, also
    without their accents ('islāmābād', 'Islamabad')."""
    place = _place_of(mention, name, language) if mention.type == "LOC" else None
    if place is None:
        return []
    return sorted({normalise_alias(form) for other in place_names(place) for form in (other, _unaccented(other))})


def _place_keys(mention: Mention, name: str, language: str = "") -> set[str]:
    """The spelling keys of every gazetteer name of the city a mention names ('Moskau': Moscow's
    mskv, Москва's, ...): entities found by them must be that city, not merely spelled alike."""
    place = _place_of(mention, name, language)
    return {f"N:{name_key(other)}" for other in place_names(place)} if place is not None else set()


@lru_cache(maxsize=1)
def _known_people_by_key() -> dict[str, frozenset[str]]:
    """Spelling key ("N:" + name_key of a surname) -> keys of the dictionary people with that surname."""
    found: dict[str, set[str]] = {}
    for entry, aliases in _people():
        for alias in aliases:
            key = name_key(alias)
            if len(key) >= 2:
                found.setdefault(f"N:{key}", set()).add(entry.key)
    return {key: frozenset(entries) for key, entries in found.items()}


@dataclass(frozen=True)
class KnownEntity:
    key: str  # "K:" and the canonical name, normalised
    name: str
    type: str  # "" when the dictionary does not say (people.txt): the mention's type
    country: str | None


def _known_for(text: str, mention: Mention) -> KnownEntity | None:
    """The dictionary entry a (non-country) mention names: as written, without its role, or with the
    word before it (a role the recogniser left out: "Pope" + "Francis")."""
    if not mention.key or mention.key.startswith("C:"):
        return None
    before = text[max(0, mention.start - 30):mention.start].split()
    forms = [mention.text, strip_roles(mention.text)] + ([f"{before[-1]} {mention.text}"] if before else [])
    if re.fullmatch(r"(?:[A-Z]\.){2,4}", mention.text):
        forms.append(mention.text.replace(".", ""))  # 'U.N.' is the dictionary's 'UN'
    table = _known_entities()
    # a form with an ending cut off names the entry only when the types agree: "Xi'an" (a place) cut
    # like a Turkish suffix is 'Xi', and that is not Xi Jinping; a person without a role may be anything
    cut = [f for f in map(normalise_alias, _uninflected(strip_roles(mention.text))) if f in table and (
        mention.type in (NAME, table[f].type or "PER")  # people.txt's entries, typeless, are people
        or mention.type == "PER" and not mention.role)]
    return next((table[f] for f in map(normalise_alias, forms) if f in table), None) or next(iter(
        table[f] for f in cut), None) or _known_person(mention.text)


def _known_person(text: str) -> KnownEntity | None:
    """A person of the dictionary named by a full name it does not list: a listed full name after
    a word the recogniser glued on ("Regierungschefs Shinzo Abe"), or a (declined) listed surname
    after a word that is the person's given name ("Wolodymyr Selenskyj", "Владимиром Путиным",
    "Rechtskonservative Sanae Takaichi"). A different given name is someone else (Melania, not
    Donald Trump). A listed full name of two words or more that opens the name is the person when
    it is longer than any listed name ending it: 'تميم بن حمد آل ثاني' is Tamim bin Hamad (listed
    'تميم بن حمد'), not the family's line 'آل ثاني' its last two words name."""
    words = strip_roles(text).split()
    if len(words) < 2:
        return None
    table = _known_entities()
    for start in range(1, len(words) - 1):
        entry = table.get(normalise_alias(" ".join(words[start:])))
        if entry is not None and entry.type in ("", "PER"):
            opening = next((found for end in range(len(words) - 1, len(words) - start, -1)
                            if (found := table.get(normalise_alias(" ".join(words[:end])))) is not None
                            and found.type in ("", "PER")), None)
            return opening or entry
    bare = _AR_ARTICLE.sub("", words[-1])  # 'al-Sissi': the dictionary lists 'Sissi', 'el-Sissi', 'al-Sisi'
    entry = table.get(normalise_alias(words[-1])) or table.get(normalise_alias(stem_name(words[-1]))) \
        or (table.get(normalise_alias(bare)) if bare != words[-1] else None)
    if entry is None or entry.type not in ("", "PER"):
        return None
    wanted = _known_given_keys().get(entry.key, frozenset())
    return entry if any(given_key(f"{stem_name(w)} x") in wanted for w in words[:-1]) else None


_AR_ARTICLE = re.compile(r"^" + AR_ARTICLES + r"-(?=[^\W\d_]{3})")


_SHORT_WORD_ENDINGS = ("ом", "ем", "а", "я", "у", "ю", "е", "і")
# a ruler's or pope's numeral after the name ('Leo XIV', 'Benedikt XVI.', 'Charles III')
_REGNAL = re.compile(r"(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})\.?")


def _regnal(name: str) -> str | None:
    """The numeral that ends a ruler's name, without its full stop ('XIV' of 'Papst Leo XIV.'), or None."""
    words = name.split()
    return words[-1].rstrip(".") if len(words) > 1 and _REGNAL.fullmatch(words[-1]) else None


def _uninflected(name: str) -> list[str]:
    """The name with its last word's case ending off, for dictionary lookups: German genitive
    ("des Weißen Hauses"), a Turkish suffix after an apostrophe ("Kremlin'in"), Slavic endings."""
    words = name.split()
    if not words:
        return []
    last = words[-1]
    variants = {stem_name(last), re.split(r"['’]", last)[0]}
    if re.fullmatch(r"[^\W\d_]{4,}", last) and not _NON_LATIN.search(last):
        variants |= {last.removesuffix("es"), last.removesuffix("s")}
    if len(words) > 1 and script_of(last) == "Cyrillic" and len(last) >= 3:
        # a short last word the stemmer leaves, of a listed name of several words: 'Ли Чжэ Мёна'
        variants |= {last[: -len(ending)] for ending in _SHORT_WORD_ENDINGS if last.endswith(ending)}
    found = [" ".join(words[:-1] + [v]) for v in variants - {last} if v]
    if len(words) > 1 and _REGNAL.fullmatch(last):
        # a ruler's name declined before the numeral, which keeps its form: 'Лева XIV' (uk, of Leo XIV)
        name_word = words[-2]
        forms = {stem_name(name_word)}
        if script_of(name_word) == "Cyrillic":
            forms |= {name_word[: -len(e)] for e in _SHORT_WORD_ENDINGS if name_word.endswith(e) and len(name_word) > len(e) + 1}
        found += [" ".join(words[:-2] + [v, last]) for v in forms - {name_word} if v]
    if len(words) > 1:  # a declined first word: 'der Liberaldemokratischen Partei', 'Организации ...'
        found += [" ".join([v] + words[1:]) for v in _nominative_first_words(words[0])]
    return found


# the first word of a name of several in an oblique case, and its nominative: a German adjective
# ('Liberaldemokratischen Partei', 'Europäischen Union', 'Vereinten Nationen'); a Russian or Ukrainian
# feminine noun or adjective, or a masculine adjective ('Организации исламского сотрудничества',
# 'Центральной избирательной комиссии', 'Конституционного суда' keeps its last word's own ending)
_FIRST_WORD_ENDINGS = {"Latin": (("en", "e"), ("em", "e"), ("er", "e"), ("es", "e")),
                       "Cyrillic": (("ии", "ия"), ("ой", "ая"), ("ого", "ый"), ("ого", "ий"), ("ей", "ая"))}


def _nominative_first_words(word: str) -> list[str]:
    endings = _FIRST_WORD_ENDINGS.get(script_of(word), ())
    if len(word) < 6 or not word[:1].isupper():
        return []
    return [word[: -len(old)] + new for old, new in endings if word.endswith(old)]


@lru_cache(maxsize=1)
def _known_given_keys() -> dict[str, frozenset[str]]:
    """Dictionary entry key -> the given names (keys) of its listed full names, roles aside: "Robert"
    for Pope Leo XIV (Robert Francis Prevost), "Vladimir" for Putin (Wladimir, Владимир alike)."""
    found: dict[str, set[str]] = {}
    for alias, entry in _known_entities().items():
        given = given_key(strip_roles(alias))
        if given:
            found.setdefault(entry.key, set()).add(given)
    return {key: frozenset(keys) for key, keys in found.items()}


# a country's own dictionary entry for a generic chamber name (known.txt, country '*'): the Diet of an
# article about Japan is the Japanese Diet; other countries' chambers are entities of the country and kind
_CHAMBERS = {("JP", "K:national parliament"): "japanese diet", ("US", "K:national parliament"): "us congress",
             ("DE", "K:national parliament"): "bundestag", ("CN", "K:national parliament"): "national people's congress",
             ("UA", "K:national parliament"): "verkhovna rada", ("IL", "K:national parliament"): "knesset",
             ("RU", "K:lower house"): "state duma"}


def _article_country(mentions: list[Mention]) -> str | None:
    """The country an article is about: the one its mentions name most (by name, capital or demonym, or
    as the country of a place or body: 'Tokyo', '日本政府'), the first named of those tied (the headline's
    mentions count with the body's); None when it names none."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[bool, int]] = {}
    for m in mentions:
        code = m.key[2:] if m.key and m.key.startswith("C:") else m.country
        if code and m.part in ("body", "title"):
            counts[code] += 1
            first.setdefault(code, (m.part != "title", m.start))
    if not counts:
        return None
    return min(counts, key=lambda code: (-counts[code], first[code]))


_BESIDE = re.compile(r"(?:['’]s)?\s?")  # 'Japan's Diet', 'Quốc hội Hàn Quốc', '韩国国会', 'Chambre basse japonaise'


def _country_beside(text: str, mentions: list[Mention], index: int) -> str | None:
    """The country a generic name says it belongs to: a country's name or demonym right before it or
    right after it ('Japan's House of Representatives', 'Hạ viện Nhật Bản'), else None."""
    mention = mentions[index]
    for other in (mentions[index - 1] if index else None, mentions[index + 1] if index + 1 < len(mentions) else None):
        if other is None or not other.key or not other.key.startswith("C:"):
            continue
        gap = text[other.end:mention.start] if other.end <= mention.start else text[mention.end:other.start]
        if _BESIDE.fullmatch(gap):
            return other.key[2:]
    return None


def _generic_head(name: str) -> str | None:
    """The head word that names a generic body of the dictionary (country '*') alone later in the article:
    'House' of 'House of Representatives' (the word before 'of'), 'Assembly' of 'National Assembly' (the
    last word); Latin script, capitalised, names of two words or more only."""
    entry = _known_entities().get(normalise_alias(name))
    words = name.split()
    if entry is None or entry.country != "*" or len(words) < 2 or script_of(name) != "Latin":
        return None
    head = words[0] if words[1].casefold() == "of" else words[-1]
    return head if head[:1].isupper() else None


def _generic_with_country(mention: Mention) -> KnownEntity | None:
    """A generic chamber name and a country's name read as one name ('Hạ viện Nhật Bản', 'Quốc hội Hàn
    Quốc', 'Japan's Diet', '韩国国会'): that country's chamber."""
    if mention.type not in ("ORG", NAME) or not mention.key or mention.key.startswith("C:"):
        return None
    table = _known_entities()
    text = strip_roles(mention.text)
    words = text.split()
    splits = [(" ".join(words[:-k]), " ".join(words[-k:])) for k in range(1, min(3, len(words) - 1) + 1)]
    splits += [(" ".join(words[k:]), re.sub(r"['’]s$", "", " ".join(words[:k]))) for k in range(1, min(3, len(words) - 1) + 1)]
    if len(words) == 1 and script_of(text) == "Cjk":
        splits += [(text[n:], text[:n]) for n in range(2, min(5, len(text) - 1))]
    for generic, country in splits:
        entry = table.get(normalise_alias(generic))
        if entry is not None and entry.country == "*" and (code := lookup_country(country)):
            return _of_country(entry, code)
    return None


def _of_country(entry: KnownEntity, country: str | None) -> KnownEntity | None:
    """A generic chamber name (country '*') as the chamber of the article's country: that country's
    entry of the dictionary where it has one, else one entity per country and kind. Without a country,
    None: the name is resolved by its spelling."""
    if country is None:
        return None
    own = _CHAMBERS.get((country, entry.key))
    if own is not None and own in _known_entities():
        return _known_entities()[own]
    return KnownEntity(f"{entry.key}:{country}", f"{entry.name} ({country_name(country)})", entry.type, country)


@lru_cache(maxsize=1)
def _known_entities() -> dict[str, KnownEntity]:
    """Normalised name in any language -> its entity: data/known.txt (translated names), then the
    people of the event actors' dictionary (tidings/events/data/people.txt: one person per line,
    the first name canonical), whose names that stand for two people ("Clinton") are left out."""
    from importlib import resources

    table: dict[str, KnownEntity] = {}
    text = (resources.files("tidings.entities") / "data" / "known.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, country, names = line.split(None, 2)
        aliases = [a.strip() for a in names.split("|") if a.strip()]
        entry = KnownEntity(f"K:{normalise_alias(aliases[0])}", aliases[0], kind, None if country == "-" else country)
        for alias in aliases:
            table.setdefault(normalise_alias(alias), entry)
    people: dict[str, set[KnownEntity]] = {}
    for entry, aliases in _joined_surname_lines(_people()):
        for alias in aliases:
            people.setdefault(normalise_alias(alias), set()).add(entry)
    for alias, entries in people.items():
        if len(entries) == 1 and alias not in table:
            table[alias] = next(iter(entries))
    return table


def _people() -> list[tuple[KnownEntity, list[str]]]:
    """(entity, names) per line of tidings/events/data/people.txt (type left to the recogniser)."""
    import pycountry

    from ..known import actor_lines

    found = []
    for code, _sector, _since, _until, names in actor_lines("people.txt"):
        if code == "-" or not names:  # a name that contains an actor's but is none ("Xi'an")
            continue
        country = pycountry.countries.get(alpha_3=code)
        found.append((KnownEntity(f"K:{normalise_alias(names[0])}", names[0], "",
                                  country.alpha_2 if country else None), names))
    return found


def _joined_surname_lines(found: list[tuple[KnownEntity, list[str]]]) -> list[tuple[KnownEntity, list[str]]]:
    """people.txt lists some people twice, once by surname alone ("Toqayev | 托卡耶夫" beside
    "Kassym-Jomart Tokayev"): a surname-only line joins the one full-name line of the same country
    whose surname is spelled alike. Two such lines (two Clintons) leave it alone; full names are
    never joined (Li Qiang is not Li Keqiang)."""
    full_names: dict[str | None, list[KnownEntity]] = {}
    for entry, _names in found:
        if " " in entry.name.strip():
            full_names.setdefault(entry.country, []).append(entry)
    joined: dict[KnownEntity, KnownEntity] = {}
    for entry, _names in found:
        if " " in entry.name.strip() or entry.country is None:
            continue
        alike = [other for other in full_names.get(entry.country, ())
                 if surname_similarity(entry.name, other.name.split()[-1]) >= JOINED_SURNAME_SIMILARITY]
        if len(alike) == 1:
            joined[entry] = alike[0]
    return [(joined.get(entry, entry), names) for entry, names in found]


def _chunks(items: list[str], size: int = 500):
    """Bounded parameter lists (SQLite allows 32,766 per statement; PostgreSQL plans shorter ones faster)."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


class _AliasBatch:
    """One article's alias writes, held until its mentions are resolved, and the aliases it reads.

    Lookups see the aliases known before the article plus those the article adds (as if each had
    been written at once); the writes then go out as one upsert per distinct alias, one mention
    count per entity and one canonical-name update per entity whose best alias changed."""

    def __init__(self, known: dict[str, list[tuple[int, str, str, str]]], entities: dict[str, list[list]]) -> None:
        self.known = known
        self.entities = entities  # key -> entity rows, including those this article creates
        self.added: dict[tuple[int, str], list] = {}  # (entity, normalised) -> [first spelling, count]
        self.counts: dict[int, int] = {}  # entity -> mentions in this article
        self.typed: dict[int, str] = {}  # entity -> the type its first typed mention here gives it
        self.kinds: dict[tuple[int, str], int] = {}  # (entity, type) -> typed mentions in this article
        self.fixed_types: set[int] = set()  # entities whose dictionary entry states their type

    def by_alias(self, normalized: str, kind: str, *, decided_only: bool = False) -> int | None:
        """The entity a known alias names: a user's or an imported alias whatever the type, an
        automatic one only for the same type (and not at all with `decided_only`)."""
        for entity_id, origin, entity_type, _given in self.known.get(normalized, ()):
            if origin != "auto" or (entity_type == kind and not decided_only):
                return entity_id
        return None

    def by_alias_across(self, normalized: str, mention: Mention) -> int | None:
        """The entity of another type an automatic alias names, if the mention may join it."""
        for entity_id, origin, entity_type, given in self.known.get(normalized, ()):
            if origin == "auto" and joinable_across(mention, entity_type, given):
                return entity_id
        return None

    def add(self, entity_id: int, alias: str, kind: str) -> None:
        normalized = normalise_alias(alias)
        entry = self.added.setdefault((entity_id, normalized), [alias, 0])
        entry[1] += 1
        self.counts[entity_id] = self.counts.get(entity_id, 0) + 1
        if kind != NAME:
            self.typed.setdefault(entity_id, kind)
            self.kinds[(entity_id, kind)] = self.kinds.get((entity_id, kind), 0) + 1
        rows = self.known.setdefault(normalized, [])
        if all(row[0] != entity_id for row in rows):
            given = next((row[3] for found in self.entities.values() for row in found if row[0] == entity_id), "")
            rows.append((entity_id, "auto", kind, given))

    def add_alias_only(self, entity_id: int, alias: str, kind: str) -> None:
        """Another name of the entity the mention just counted was added under: an alias, no mention."""
        normalized = normalise_alias(alias)
        self.added.setdefault((entity_id, normalized), [alias, 0])
        rows = self.known.setdefault(normalized, [])
        if all(row[0] != entity_id for row in rows):
            rows.append((entity_id, "auto", kind, ""))

    def write(self, conn, language: str) -> None:
        if not self.counts:
            return
        conn.executemany(
            "INSERT INTO entity_aliases(entity_id, alias, normalized, language, script, mentions)"
            " VALUES (?,?,?,?,?,?) ON CONFLICT(entity_id, normalized, language)"
            " DO UPDATE SET mentions = entity_aliases.mentions + excluded.mentions",
            [(entity_id, alias, normalized, language, script_of(alias), n)
             for (entity_id, normalized), (alias, n) in sorted(self.added.items())])
        conn.executemany("UPDATE entities SET mentions = mentions + ? WHERE id = ?",
                         [(n, entity_id) for entity_id, n in sorted(self.counts.items())])
        # an entity of unknown kind learns it from the first typed mention ('Natanz' ... 'in Natanz')
        conn.executemany(f"UPDATE entities SET type = ? WHERE id = ? AND type = '{NAME}'",
                         [(kind, entity_id) for entity_id, kind in sorted(self.typed.items())])
        _retype_by_majority(conn, {k: n for k, n in self.kinds.items() if k[0] not in self.fixed_types})
        _rename_if_better(conn, sorted(self.counts))


def _retype_by_majority(conn, kinds: dict[tuple[int, str], int]) -> None:
    """An entity takes the type most of its mentions give it: it was created with the type of the first
    one, and one article's reading can be wrong ('Rechtskonservative Sanae Takaichi' read as a body
    made Takaichi an organisation for her 17 later mentions as a person). Countries, the dictionary's
    typed entries and entities a user edited keep theirs."""
    if not kinds:
        return
    ids = sorted({entity_id for entity_id, _ in kinds})
    marks = ",".join("?" * len(ids))
    counts = dict(kinds)
    for entity_id, kind, n in conn.execute(
            f"SELECT entity_id, type, COUNT(*) FROM mentions WHERE entity_id IN ({marks}) AND type != '{NAME}'"
            " GROUP BY entity_id, type", ids):
        counts[(entity_id, kind)] = counts.get((entity_id, kind), 0) + n
    best: dict[int, tuple[int, str]] = {}
    for (entity_id, kind), n in counts.items():
        if n > best.get(entity_id, (0, ""))[0]:
            best[entity_id] = (n, kind)
    current = {entity_id: (kind, key, locked) for entity_id, kind, key, locked in conn.execute(
        f"SELECT id, type, key, locked FROM entities WHERE id IN ({marks})", ids)}
    changes = []
    for entity_id, (n, kind) in best.items():
        was, key, locked = current.get(entity_id, (kind, "", 1))
        if kind != was and was != NAME and not locked and not key.startswith("C:") \
                and n > 2 * counts.get((entity_id, was), 0):
            changes.append((kind, entity_id))
    if changes:
        conn.executemany("UPDATE entities SET type = ? WHERE id = ?", changes)


def _rename_if_better(conn, entity_ids: list[int]) -> None:
    """Canonical name: the most used multi-word Latin-script alias (English first), else the most used."""
    marks = ",".join("?" * len(entity_ids))
    names = {entity_id: name for entity_id, name, key, locked in conn.execute(
        f"SELECT id, name, key, locked FROM entities WHERE id IN ({marks})", entity_ids)
        if not locked and not key.startswith(("C:", "K:"))}  # countries and dictionary entries keep their names
    if not names:
        return
    aliases: dict[int, list[tuple]] = {}
    for entity_id, *alias in conn.execute("SELECT entity_id, alias, language, script, mentions FROM entity_aliases"
                                          f" WHERE entity_id IN ({','.join('?' * len(names))})", list(names)):
        aliases.setdefault(entity_id, []).append(alias)
    renamed = []
    for entity_id, current in names.items():
        best = max(aliases.get(entity_id, ()), default=None,
                   key=lambda a: (a[2] == "Latin", " " in a[0] or "-" in a[0], a[1] == "en", a[3], -len(a[0])))
        if best is not None and best[0] != current:
            renamed.append((best[0], entity_id))
    if renamed:
        conn.executemany("UPDATE entities SET name = ? WHERE id = ?", renamed)
