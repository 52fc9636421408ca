"""Actors in one sentence: the names found by the reader, international bodies and sector words,
joined into phrases ("Senior Hungarian and Romanian officials", "British Defence Secretary Tom King").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..known import fold, known_actor_spans, known_actors
from ..model import AGENT_TYPES, Actor, Mention
from ..textutil import OF_WORDS, is_cldr_country
from .demonyms import stem_country
from .lexicon import Lexicon, Token

# International bodies get the actor code IGO instead of a country (as in CAMEO).
# Acronyms are matched case-sensitively, names case-insensitively.
IGO_ACRONYMS = ["UN", "U.N.", "EU", "E.U.", "NATO", "OSCE", "ASEAN", "IMF", "WHO", "OPEC", "ECOWAS", "IAEA",
                "UNHCR", "UNICEF", "ONU", "UE", "OTAN", "ООН", "ЕС", "НАТО", "ОБСЕ", "МАГАТЭ", "МВФ", "ОДКБ",
                "ШОС", "СНГ", "ЄС", "БҰҰ", "ЕО", "BM", "AB", "BMT", "UNO", "OTSE",
                # the IAEA, OSCE and IMF as other languages abbreviate them
                "МАГАТЕ", "ОБСЄ", "AIEA", "OIEA", "MAEA", "UAEA", "OSZE", "OBWE", "AGİT", "FMI", "IWF", "MFW"]
IGO_NAMES = ["united nations", "european union", "european commission", "security council", "african union",
             "arab league", "world bank", "world health organization", "red cross", "vereinte nationen",
             "vereinten nationen", "europäische union", "europäischen union", "nations unies", "union européenne",
             "naciones unidas", "unión europea", "nazioni unite", "unione europea", "nações unidas",
             "união europeia", "organizacja narodów zjednoczonych", "unia europejska", "unii europejskiej",
             "организация объединённых наций", "евросоюз", "европейский союз", "євросоюз", "європейський союз",
             "birleşmiş milletler", "avrupa birliği", "liên hợp quốc", "liên minh châu âu", "liên hiệp quốc",
             "الأمم المتحدة", "الاتحاد الأوروبي", "حلف الناتو", "جامعة الدول العربية", "联合国", "欧盟", "北约", "安理会",
             "国連", "欧州連合", "北大西洋条約機構", "біріккен ұлттар ұйымы", "еуропалық одақ", "birlashgan millatlar",
             "yevropa ittifoqi", "shanghai cooperation organisation", "brics"]
# lines between armies, named like bodies ("the Line of Control", read as an organisation): places, no actors
FRONT_LINES = re.compile(r"\b(?:line of (?:actual )?control|ligne de contr[ôo]le|l[íi]nea de control|linea di controllo"
                         r"|linha de controle|kontrolllinie|lini[ia] kontroli|kontrol hatt|лини\w+ (?:фактического )?контроля"
                         r"|лінії? контролю|blue line|green line|demilitari[sz]ed zone)\b|خط (?:ال)?سيطرة|خط المراقبة|控制线",
                         re.IGNORECASE)
LOCATIVE = {
    "en": {"in", "at", "near", "inside", "across", "into"}, "de": {"in", "im", "bei", "nahe", "nach"},
    "fr": {"à", "au", "en", "aux", "près"}, "es": {"en", "cerca"}, "it": {"a", "in", "nel", "nella", "presso"},
    "pt": {"em", "no", "na", "nos", "nas"}, "pl": {"w", "we", "na", "pod"}, "ru": {"в", "во", "на", "под"},
    "uk": {"в", "у", "на", "під"}, "vi": {"tại", "ở"}, "tr": set(), "kk": set(), "uz": set(),
    "ar": {"في"}, "zh": {"在", "于"}, "ja": set(),
}

# other prepositions (besides the locative ones) whose object is never the clause's subject; "by"
# and its kin are left out: "attacks by the rebels killed ten" has its actor after them
_PREPOSITIONS = {
    "en": {"to", "from", "with", "for", "against", "on", "over", "between", "among", "about", "after", "before",
           "under", "through", "toward", "towards", "including", "despite", "than", "like", "without", "amid"},
    "de": {"mit", "gegen", "für", "zu", "zum", "zur", "aus", "über", "zwischen", "ohne", "vor", "unter"},
    "fr": {"avec", "contre", "pour", "vers", "depuis", "entre", "sur", "dans", "sans", "chez"},
    "es": {"a", "al", "con", "contra", "para", "hacia", "desde", "entre", "sobre", "sin"},
    "it": {"con", "contro", "per", "verso", "tra", "fra", "su", "al", "alla", "ai", "senza"},
    "pt": {"a", "ao", "à", "com", "contra", "para", "entre", "sobre", "sem"},
    "pl": {"z", "ze", "przeciw", "przeciwko", "dla", "do", "od", "między", "o", "bez"},
    "ru": {"с", "со", "против", "для", "к", "ко", "по", "из", "от", "между", "о", "об", "без", "при"},
    "uk": {"з", "із", "зі", "проти", "для", "до", "від", "між", "про", "без", "при"},
    "vi": {"với", "cho", "từ", "giữa", "về"},
    # Chinese: one character a token; "美国将对中国加征关税", "俄罗斯向乌克兰发动进攻", "来自美国"
    "zh": {"对", "向", "同", "跟", "给", "从", "自"},
}

@dataclass
class Phrase:
    first: int  # token indexes, inclusive
    last: int
    country: str | None = None
    sector: str | None = None
    # no entity id: coding runs in the reader, before entities are resolved (and on Dask workers),
    # and re-coding a store (`tidings reprocess --stage events`) must give what ingest gave; the
    # event's actors take their entities from their mentions afterwards (store.attach_entities)
    mention: int | None = None
    igo: bool = False
    place_only: bool = True  # made only of place names (a candidate location)
    kinds: list[str] = field(default_factory=list)
    items: list["Phrase"] = field(default_factory=list)  # what it was joined from
    coordinated_at: int | None = None  # index into items where "and" joins a second actor
    inferred: bool = False  # country taken from the sentence's context, not from the actor's words
    code: str | None = None  # a known actor's own code (data/actors.txt), e.g. IMG for a transnational group
    dateline: bool = False  # "İSLAMABAD (AA) -", "NAIROBI, Kenya —": where the report was filed, no actor


@lru_cache(maxsize=1)
def _igo_pattern() -> re.Pattern:
    acronyms = "|".join(re.escape(a) for a in sorted(IGO_ACRONYMS, key=len, reverse=True))
    names = "|".join(re.escape(n) for n in sorted(IGO_NAMES, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{acronyms})(?!\w)|(?i:(?<!\w)(?:{names}))")


def igo_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _igo_pattern().finditer(text)]


def alpha3(country: str | None) -> str | None:
    if not country:
        return None
    return _alpha3_table().get(country.upper())


def is_country_code(code: str | None) -> bool:
    """An ISO alpha-3 country code, not a sector or body code (IGO, NGO, REB ...)."""
    return bool(code) and code in _alpha2_table()


@lru_cache(maxsize=1)
def _alpha3_table() -> dict[str, str]:
    import pycountry

    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table["XK"] = "XKX"  # Kosovo: user-assigned in ISO, used by the press and by CAMEO
    return table


# words that may join two parts of one actor phrase ("Hungarian and Romanian officials",
# "President of Kazakhstan"); any other word in between starts a new phrase
CONNECTORS = {"and", "of", "the", "de", "des", "du", "la", "le", "del", "di", "da", "do", "e", "et", "y", "i",
              "und", "der", "die", "von", "и", "і", "та", "й", "va", "và", "của", "ve", "ile", "ва", "және",
              "мен", "бен", "пен",  # Kazakh "and" between two names: "Қазақстан мен Өзбекстан"
              "و", "的", "和", "与", "及", "の", "と", "w", "z", "ze", "a", "own",
              # titles' modifiers: "Kenya's foreign minister", "Iran's top negotiator"
              "foreign", "former", "deputy", "senior", "top", "chief", "acting", "vice"}
COORDINATORS = {"and", "und", "et", "y", "e", "i", "и", "і", "та", "й", "va", "và", "ve", "ile", "ва", "және", "و",
                "мен", "бен", "пен", "和", "与", "及", "と", "oraz", "a"}
DEMONYM_MIN_PREFIX = 5


@lru_cache(maxsize=32)
def _single_word_countries(language: str) -> dict[str, str]:
    """One-word country names of a language (and English), folded: the stems demonyms grow from."""
    from babel import Locale

    names: dict[str, str] = {}
    for locale in {language, "en"}:
        try:
            territories = Locale.parse(locale).territories
        except Exception:  # noqa: BLE001 - no CLDR data for this language
            continue
        for code, name in territories.items():
            if not is_cldr_country(code) or code in _NAMED_AFTER:
                continue
            first = name.split()[0].replace("İ", "i").casefold()
            if " " not in name:
                names.setdefault(first, code)
            elif len(first) >= 5 and first not in _GENERIC_NAME_WORDS:  # "Bosnia & Herzegovina" -> Bosnian
                names.setdefault(first, code)
    return names


# territories named by another country's adjective ("Американское Самоа", "Französische
# Süd- und Antarktisgebiete", "Британская территория в Индийском океане"): as stems they made
# "американских", "französischen", "британский" the territory's instead of the country's
_NAMED_AFTER = {"AS", "VI", "UM", "TF", "PF", "GF", "IO", "VG", "BQ", "HM", "GS", "SX", "MF"}
_GENERIC_NAME_WORDS = {"united", "south", "north", "central", "saint", "democratic", "republic", "equatorial",
                       "western", "eastern", "northern", "southern", "vereinigte", "république", "república",
                       "repubblica", "россия", "южная", "северная", "объединённые", "центрально",
                       "saudi", "sierra", "costa", "papua", "trinidad", "antigua", "marshall", "solomon",
                       "cayman", "falkland", "british", "french", "american", "heard", "christmas", "norfolk",
                       "åland", "faroe", "pitcairn", "turks", "isle", "caribbean",
                       # the first words of other languages' names that are common words: Ciudad del
                       # Vaticano, Royaume-Uni, Reino Unido, Güney Kore, Isola di Ascensione ...
                       "ciudad", "città", "cidade", "royaume", "regno", "reino", "güney", "kuzey", "isola",
                       "isole", "islas", "isla", "ilhas", "ilha", "îles", "estados", "stati", "états", "nueva",
                       "nuova", "nouvelle", "puerto", "santa", "papúa", "emiratos", "emirati",
                       "emirados", "vereinigtes", "birleşik", "guinea", "timor", "saint-martin", "territoires",
                       "territorios", "territori", "territórios", "северные", "южные", "виргинские", "фолклендские",
                       "фарерские", "каймановы", "соломоновы", "маршалловы", "кокосовые", "острова", "північні",
                       "південна", "південні",
                       # heads that name a kind of territory: "منطقة ماكاو الإدارية الخاصة" (Macao), "Республика
                       # Корея", "Republik Moldau", "Republika Środkowoafrykańska": "منطقة باهالغام" (the Pahalgam
                       # area) is not Macanese, "die republikanischen Senatoren" not Moldovan, "республиканский"
                       # not Korean
                       "منطقة", "республика", "republik", "republika", "острови"}


@lru_cache(maxsize=32)
def _countries_by_start(language: str) -> dict[str, list[tuple[str, str]]]:
    """The stems of a language's country names and the English ones."""
    index: dict[str, list[tuple[str, str]]] = {}
    for name, code in _single_word_countries(language).items():
        index.setdefault(name[:4], []).append((name, code))
    return index


@lru_cache(maxsize=65536)
def demonym_country(word: str, language: str) -> str | None:
    """'Afghan', 'afghanische', 'афганские', 'Ugandan', 'syrische' -> the country they come from.

    Known demonyms first (read.names.DEMONYMS, then the stems of demonyms.py); otherwise the
    one-word country name sharing the longest prefix with the word: at least five letters, or four
    covering 60 % of the name (Iraqi/Iraq, Syrien/syrische), the rest of the word ending like an
    adjective of nationality (`_adjective_ending`). Only whole country names are stems, so
    "Central" never becomes the Central African Republic.
    """
    from ..read.names import DEMONYMS

    folded = word.replace("İ", "i").casefold()  # Turkish: casefold would keep İ's dot as a mark
    if folded in DEMONYMS:
        return DEMONYMS[folded]
    if len(folded) < 3 or folded in _single_word_countries(language):
        return None  # the country itself is a place mention, not a demonym
    listed = stem_country(folded)  # adjectives not grown from the country's name (demonyms.py)
    if listed or len(folded) < 4:
        return listed
    if "-" in folded.strip("-"):  # "deutsch-iranischen", "Қырғыз-тәжік": the first country
        return demonym_country(folded.strip("-").split("-")[0], language)
    best, best_length, tie = None, 0, False
    for name, code in _countries_by_start(language).get(folded[:4], ()):
        if folded == name:
            return None  # the country itself is a place mention, not a demonym
        common = _common_prefix(folded, name)
        if not _adjective_ending(folded, common, len(name), language):
            continue  # "children", "believer", "belirtti" start like Chile, Belize but end like no adjective
        if common >= DEMONYM_MIN_PREFIX or (common >= 4 and common >= 0.6 * len(name)):
            if common > best_length:
                best, best_length, tie = code, common, False
            elif common == best_length and code != best:
                tie = True
    return None if tie else best


DECLINED_NAMES = {"pl", "ru", "uk", "cs", "kk", "uz", "tr"}  # languages that decline country names
# how adjectives and nouns of nationality end, per language (folded): a word read off a country's
# name must end like one ("chilean", "chilenische", "chileno", "чилийский", "şilili")
DEMONYM_ENDINGS = {
    "en": ("an", "ans", "ian", "ians", "ese", "i", "is", "ish", "ean", "eans"),
    "de": ("isch", "ische", "ischen", "ischer", "isches", "ischem", "er", "erin", "ern", "erinnen", "e", "en",
           "i", "is", "ese", "esen"),
    "nl": ("s", "se", "er", "ers", "ees", "ese", "ezen", "aan", "aanse", "iaan", "iaanse"),
    "fr": ("ien", "ienne", "iens", "iennes", "ais", "aise", "aises", "ois", "oise", "oises", "ain", "aine", "ains",
           "aines", "in", "ine", "ins", "ines", "e", "es", "i", "ite", "ites"),
    "es": ("ano", "ana", "anos", "anas", "ense", "enses", "eño", "eña", "eños", "eñas", "és", "esa", "eses", "esas",
           "ino", "ina", "inos", "inas", "í", "íes", "o", "a", "os", "as", "ero", "era", "eros", "eras", "ita", "itas"),
    "it": ("ano", "ana", "ani", "ane", "ese", "esi", "ino", "ina", "ini", "ine", "o", "a", "i", "e", "ita", "iti"),
    "pt": ("ano", "ana", "anos", "anas", "ense", "enses", "ês", "esa", "eses", "esas", "ino", "ina", "inos", "inas",
           "eiro", "eira", "eiros", "eiras", "o", "a", "os", "as", "ita", "itas"),
    "pl": ("ski", "ska", "skie", "skiego", "skiej", "skim", "skich", "ską", "scy", "skimi", "cki", "cka", "ckie",
           "ckiego", "ckiej", "ckim", "ckich", "cką", "ccy", "czyk", "czycy", "czyków", "ańczyk", "ańczycy"),
    "ru": ("ский", "ская", "ское", "ские", "ского", "ской", "ском", "скому", "скую", "ским", "скими", "ских",
           "цы", "ец", "цев", "ка", "ки", "ане", "ан", "анин"),
    "uk": ("ський", "ська", "ське", "ські", "ського", "ської", "ському", "ським", "ськими", "ських", "ській",
           "ську", "цькі", "цький", "цька", "ці", "ець", "ців", "ка", "ки", "ани", "ан"),
    "tr": ("lı", "li", "lu", "lü", "lılar", "liler", "lular", "lüler", "ca", "ce", "ça", "çe", "ı", "i"),
    "kk": ("лық", "лік", "дық", "дік", "тық", "тік"),
    "uz": ("lik", "liklar", "cha"),
}


def _adjective_ending(word: str, common: int, name_length: int, language: str) -> bool:
    """Whether what follows the country's name in `word` is an ending of nationality: a listed ending
    with at most two letters of the name's own ending dropped before it ("syr|ische" for Syrien,
    "afghan|en" for Afghanistan), or a single vowel where only the name's last letter was dropped
    ("siri|o" for Siria). Languages without a list are not checked."""
    endings = DEMONYM_ENDINGS.get(language)
    if not endings:
        return True
    rest = word[common:]
    if not rest and common >= DEMONYM_MIN_PREFIX:
        return True  # the name without its "-stan": "afghan", "kyrgyz", "қырғыз"
    if language in DECLINED_NAMES and len(rest) <= 2 and common >= name_length - 2:
        return True  # the name itself in a case: "Białorusi", "Polsce", "Египта", "Росії"
    for ending in endings:
        if word.endswith(ending) and len(rest) <= len(ending) + 2:
            if len(ending) > 1 or common >= name_length - 1:
                return True
    return False


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


@lru_cache(maxsize=1)
def _alpha2_table() -> dict[str, str]:
    return {three: two for two, three in _alpha3_table().items()}


def _alpha2(code: str) -> str | None:
    return _alpha2_table().get(code)


def _token_at(tokens: list[Token], offset: int) -> int | None:
    for i, token in enumerate(tokens):
        if token.start <= offset < token.end or offset < token.start:
            return i
    return None


def build_phrases(tokens: list[Token], text: str, sentence_start: int, mentions: list[tuple[int, Mention]],
                  lexicon: Lexicon, sector_matches, skip: set[int], language: str,
                  when: str | None = None) -> list[Phrase]:
    """Actor phrases of a sentence: items (names, IGOs, sector words) no more than one token apart."""
    items: list[Phrase] = []
    for index, mention in mentions:
        first = _token_at(tokens, mention.start - sentence_start)
        last = _token_at(tokens, mention.end - sentence_start - 1)
        if first is None or last is None or first in skip:
            continue
        sector = _sector_of_words(mention.role, lexicon) if mention.role and mention.role not in ("demonym", "capital") else None
        if mention.role == "capital":
            sector = "GOV"  # "Washington", "the Kremlin": the government
        country = mention.country
        if country is None and first == last and language not in ("zh", "ja"):
            country = demonym_country(tokens[first].text, language)  # "Palestinians" read as a name
        front = bool(FRONT_LINES.search(mention.text))
        items.append(Phrase(first, last, country=country, sector=sector, mention=index,
                            place_only=front or mention.type == "LOC" and mention.role in (None, "capital"),
                            kinds=["FRONT"] if front else [mention.type]))
    for start, end in igo_spans(text):
        first, last = _token_at(tokens, start), _token_at(tokens, end - 1)
        if first is not None and last is not None and first not in skip:
            items.append(Phrase(first, last, sector="IGO", igo=True, place_only=False, kinds=["IGO"]))
    for start, end, code, sector, _ in known_actor_spans(text, when, language):
        first, last = _token_at(tokens, start), _token_at(tokens, end - 1)
        if first is None or last is None or first in skip:
            continue
        known = Phrase(first, last, country=None if code in ("IMG", "IGO") else _alpha2(code), sector=sector,
                       place_only=False, kinds=["KNOWN"])
        known.code = code
        items.append(known)
    for match in sector_matches:
        if match.first not in skip:
            items.append(Phrase(match.first, match.last, sector=match.pattern.mode, place_only=False, kinds=["SECTOR"]))
    covered = {i for item in items for i in range(item.first, item.last + 1)} | skip
    for i, token in enumerate(tokens):
        if i not in covered and language not in ("zh", "ja"):
            country = demonym_country(token.text, language)
            if country:
                items.append(Phrase(i, i, country=country, place_only=False, kinds=["DEMONYM"]))
    items.sort(key=lambda p: (p.first, -p.last))
    phrases: list[Phrase] = []
    for item in items:
        current = phrases[-1] if phrases else None
        if current and (_joins(tokens, current, item, skip) or _portfolio_between(tokens, text, current, item, skip)) \
                and not _punctuated(tokens, text, current, item, language) \
                and not (language in CASE_MARKED and _next_country(current, item)) \
                and not _place_of_someone(tokens, current, item):
            if current.coordinated_at is None and any(tokens[i].text in COORDINATORS
                                                      for i in range(current.last + 1, item.first)):
                current.coordinated_at = len(current.items)
            current.items.append(item)
            _absorb(current, item)
        else:
            phrases.append(_start(item))
    if phrases and _is_dateline(tokens, text, phrases[0]):
        phrases[0].dateline = True
    return phrases


def _is_dateline(tokens: list[Token], text: str, phrase: Phrase) -> bool:
    """A dateline: the sentence opens with a place written in capitals, perhaps with its agency in
    brackets, and a dash ("İSLAMABAD (AA) - Hindistan'ın ...", "ŞARM EL-ŞEYH (AA) -", "NAIROBI, Kenya -"),
    or with the agency's name alone before the dash (_agency_credit)."""
    if phrase.first != 0 or phrase.last + 1 >= len(tokens):
        return False
    gap = text[tokens[phrase.last].end:tokens[phrase.last + 1].start]
    dash = any(mark in gap for mark in (" - ", " -- ", "—", "–")) or gap.strip(" )") in ("-", "—", "–", "--")
    first = text[tokens[0].start:tokens[0].end]
    # a place in capitals, or any name in capitals with its agency in brackets ("ŞARM EL-ŞEYH (AA) -",
    # which the reader takes for a person)
    if first.isupper() and len(first) > 2 and (any("LOC" in item.kinds for item in phrase.items) or ")" in gap):
        return dash
    return dash and _agency_credit(tokens, text, phrase)


def _agency_credit(tokens: list[Token], text: str, phrase: Phrase) -> bool:
    """The agency's name alone before the dash ("ҚазАқпарат – Елордада ... саммит өтті", read as the
    demonym of "Қаз-"): one word that names no person, role or known actor, and no second dash after it
    in the sentence (which would make the dash an aside: "Hamas – the Palestinian group – said")."""
    if phrase.last != 0 or {"PER", "KNOWN", "SECTOR"} & set(phrase.kinds) or phrase.sector:
        return False
    rest = _QUOTED.sub("", text[tokens[1].start:])  # a name in quotes may hold a dash: «Орталық Азия – Қытай»
    return not any(mark in rest for mark in (" - ", "—", "–"))


_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"")


def _place_of_someone(tokens: list[Token], current: Phrase, item: Phrase) -> bool:
    """A place, "of", then someone: "the visit to Japan of President Trump", "chuyến thăm Nhật Bản của
    Tổng thống Mỹ Donald Trump". The place is what the other acts on, not whose he is (a body or
    a role "of" a place comes the other way round: "the President of Kazakhstan")."""
    between = {tokens[i].text for i in range(current.last + 1, item.first)}
    someone = "SECTOR" in item.kinds or "KNOWN" in item.kinds  # a role or a known actor, not a place's name
    return current.place_only and someone and bool(between & OF_WORDS)


def _next_country(current: Phrase, item: Phrase) -> bool:
    """Another country right after a phrase of one: in verb-final languages subject and object stand
    side by side, told apart by case endings only ("Eron AQShni aybladi", "Ресей Украинаға")."""
    return item.first == current.last + 1 and item.place_only and bool(item.country) and \
        bool(current.country) and item.country != current.country


def _start(item: Phrase) -> Phrase:
    phrase = Phrase(item.first, item.last, item.country, item.sector, item.mention, item.igo, item.place_only,
                    list(item.kinds))
    phrase.code = item.code
    phrase.items = [item]
    return phrase


def split_coordinated(phrase: Phrase) -> tuple[Phrase, Phrase | None]:
    """"Kenyan President Ruto and Ugandan President Museveni" -> the two actors, when the parts
    joined by "and" are of different countries."""
    if phrase.coordinated_at is None:
        return phrase, None
    head_items, tail_items = phrase.items[:phrase.coordinated_at], phrase.items[phrase.coordinated_at:]
    head, tail = _start(head_items[0]), _start(tail_items[0])
    for item in head_items[1:]:
        _absorb(head, item)
    for item in tail_items[1:]:
        _absorb(tail, item)
    different = head.country and tail.country and head.country != tail.country
    return (head, tail) if different else (phrase, None)


def _joins(tokens: list[Token], current: Phrase, item: Phrase, skip: set[int]) -> bool:
    """Adjacent items, or items with only connectors between them, are one phrase."""
    if item.first <= current.last + 1:
        return True
    between = range(current.last + 1, item.first)
    words = [tokens[i].text for i in between]
    if words == ["die"]:
        return False  # never a genitive ("Präsident der Ukraine"): "Merz die Ukraine" is subject and object
    return len(between) <= 2 and not (skip & set(between)) and all(word in CONNECTORS for word in words)


def _portfolio_between(tokens: list[Token], text: str, current: Phrase, item: Phrase, skip: set[int]) -> bool:
    """'ministra de Cultura, Rachida Dati', 'ministro de Exteriores iraní': what a minister is of, a
    capitalised common word that the reader reads as no name, between the role word and its country or
    holder, joins them as the words between a name and the next do."""
    between = list(range(current.last + 1, item.first))
    if set(current.kinds) != {"SECTOR"} or not 2 <= len(between) <= 3 or skip & set(between) \
            or tokens[between[0]].text not in OF_WORDS:
        return False
    last = tokens[between[-1]]
    return text[last.start:last.start + 1].isupper() and all(tokens[i].text in CONNECTORS for i in between[1:-1])


def _punctuated(tokens: list[Token], text: str, current: Phrase, item: Phrase, language: str) -> bool:
    """A colon, dash or semicolon between two items ends a phrase ("NAIROBI, Kenya - The government",
    "Uganda: Kenyan police"): a dateline or a heading is no part of the actor. Brackets do not: they
    mostly hold an apposition of the same actor ("Hezbollah (Lebanon)"). In verb-final languages a
    comma closes the subject ("Türkiye, İsrail ile ...", "ロシア当局は、米国人を ...")."""
    gap = text[tokens[current.last].end:tokens[item.first].start]
    return any(mark in gap for mark in BREAKS + COMMA_CLOSES.get(language, ()))


COMMA_CLOSES = {"tr": (",",), "ja": ("、", ","), "kk": (",",), "uz": (",",)}


BREAKS = (":", ";", " - ", " -- ", "—", "–", "：", "；")


def _absorb(phrase: Phrase, item: Phrase) -> None:
    phrase.last = max(phrase.last, item.last)
    phrase.code = phrase.code or item.code
    if "KNOWN" in item.kinds and item.first <= phrase.items[0].last:
        # a known actor beats what the same words otherwise suggest (the gazetteer's "Hamas" is a
        # village); a known transnational group (IMG, IGO) has no country to give
        phrase.country, phrase.sector = item.country, item.sector
    phrase.country = phrase.country or item.country
    phrase.sector = phrase.sector or item.sector
    named = AGENT_TYPES | {"IGO"}
    if item.mention is not None and (phrase.mention is None or (named & set(item.kinds) and not named & set(phrase.kinds))):
        phrase.mention = item.mention  # the first person or body heads it
    phrase.igo = phrase.igo or item.igo
    phrase.place_only = phrase.place_only and item.place_only
    phrase.kinds += item.kinds


def _sector_of_words(words: str, lexicon: Lexicon) -> str | None:
    from .lexicon import tokenize

    found = lexicon.matches(tokenize(words, lexicon.language), {"sector"})
    return found[0].pattern.mode if found else None


def is_locative(tokens: list[Token], phrase: Phrase, language: str) -> bool:
    """After "in", "at", "near"..., also past articles and the words that place a name within a
    country ("in northern Kenya", "in the capital Nairobi", "en el norte de Colombia"); in a
    language that marks the place by a case ending or particle, with it ("Soçi'de", "東京で")."""
    return _preposition_before(tokens, phrase) in LOCATIVE.get(language, set()) or \
        case_role(tokens, phrase, language) == "place"


# Turkish case endings after the apostrophe of a proper name ("Ankara'ya", "Soçi'de", "Rusya'nın")
_TURKISH_CASES = [("place", re.compile(r"[dt][ae](ki)?")), ("origin", re.compile(r"[dt][ae]n")),
                  ("object", re.compile(r"(y?[ae]|y?[ıiuü])")), ("owner", re.compile(r"n?[ıiuü]n")),
                  ("partner", re.compile(r"y?l[ae]"))]
# Japanese particles after a phrase: が/は mark the subject, を/に/へ the object, で the place, と a
# partner, の an owner; から the origin
_JAPANESE_PARTICLES = {"が": "subject", "は": "subject", "を": "object", "に": "object", "へ": "object",
                       "で": "place", "と": "partner", "の": "owner", "から": "origin"}
# Kazakh and Uzbek glue their case endings to the name ("Жапонияға", "Путинмен", "Xitoyga"); the
# nominative (the subject) has none. Longest endings first; a word that is a name as written
# ("Өзбекстан", whose -тан is no ablative) is unmarked.
_GLUED_CASES = {
    "kk": [("origin", ("дан", "ден", "тан", "тен", "нан", "нен")), ("owner", ("ның", "нің", "дың", "дің", "тың", "тің")),
           ("partner", ("мен", "бен", "пен")), ("place", ("нда", "нде", "да", "де", "та", "те")),
           ("object", ("ны", "ні", "ды", "ді", "ты", "ті", "ға", "ге", "қа", "ке", "на", "не"))],
    "uz": [("origin", ("dan",)), ("owner", ("ning",)), ("place", ("dagi", "da")), ("object", ("ni", "ga", "ka", "qa"))],
}
CASE_MARKED = {"tr", "ja", "kk", "uz"}


def case_role(tokens: list[Token], phrase: Phrase, language: str) -> str | None:
    """What a phrase's case ending or particle says it is in its clause: subject, object, place,
    partner, owner, origin; None when unmarked (a Turkish nominative) or in other languages."""
    if language == "ja":
        after = "".join(t.text for t in tokens[phrase.last + 1:phrase.last + 3])
        return _JAPANESE_PARTICLES.get(after) or _JAPANESE_PARTICLES.get(after[:1])
    word = tokens[phrase.last].text
    following = tokens[phrase.last + 1].text if phrase.last + 1 < len(tokens) else ""
    if language == "tr":
        if "'" in word:
            ending = word.rsplit("'", 1)[1]
            return next((role for role, form in _TURKISH_CASES if form.fullmatch(ending)), "other")
        return "partner" if following == "ile" else None
    if language in _GLUED_CASES:
        return "partner" if following == "bilan" else _glued_case(word, language)
    return None


def _glued_case(word: str, language: str) -> str | None:
    """The case a Kazakh or Uzbek name's ending marks; None for a name as written (the nominative)."""
    from ..read.names import country_gazetteer, place_gazetteer

    folded = word.casefold()
    cased, uncased = country_gazetteer()
    if folded in cased or folded in uncased or folded in place_gazetteer() or fold(word) in known_actors():
        return None  # "Өзбекстан", "Астана", "Тоқаев"
    for role, endings in _GLUED_CASES[language]:
        if any(folded.endswith(e) and len(folded) - len(e) >= 3 for e in endings):
            return role
    return None


def governed(tokens: list[Token], phrase: Phrase, language: str, places: bool = True) -> bool:
    """A phrase after a preposition is no subject: "the US ambassador to Iraq", "Kenya, with Uganda's
    backing", "l'ambassadeur américain en Irak" (`places`: counting prepositions of place)."""
    word = _preposition_before(tokens, phrase)
    return (places and word in LOCATIVE.get(language, set())) or word in _PREPOSITIONS.get(language, set())


def _preposition_before(tokens: list[Token], phrase: Phrase) -> str:
    """The word before the phrase, skipping up to MAX_MODIFIERS articles and place words."""
    i = phrase.first - 1
    while i >= 0 and phrase.first - 1 - i < MAX_MODIFIERS and tokens[i].text in PLACE_MODIFIERS:
        i -= 1
    return tokens[i].text if i >= 0 else ""


MAX_MODIFIERS = 5
# articles and words that say where within a country, in the languages that put them between
# a preposition and a place name
PLACE_MODIFIERS = {
    "the", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "capital",
    "city", "town", "village", "province", "region", "state", "district", "of", "municipality", "county", "rural",
    "el", "la", "los", "las", "norte", "sur", "este", "oeste", "ciudad", "provincia", "región", "de", "del",
    "municipio", "departamento", "localidad", "pueblo", "vereda", "corregimiento", "caserío", "barrio", "zona",
    "le", "les", "nord", "sud", "est", "ouest", "ville", "du", "des", "commune", "département", "il", "lo", "gli", "città", "regione", "di", "della", "comune", "paese", "frazione",
    "o", "os", "as", "cidade", "região", "província", "da", "do", "município", "estado", "bairro", "der", "dem", "den", "norden", "süden", "osten", "westen", "hauptstadt", "stadt", "provinz", "dorf",
}


def to_actor(phrase: Phrase, tokens: list[Token], text: str, sentence_start: int) -> Actor:
    start, end = tokens[phrase.first].start, tokens[phrase.last].end
    code = "IGO" if phrase.igo and not phrase.country else (alpha3(phrase.country) or phrase.code)
    return Actor(start=sentence_start + start, end=sentence_start + end, text=text[start:end][:300],
                 country=None if phrase.igo and not phrase.country else phrase.country, code=code,
                 sector=phrase.sector, mention=phrase.mention, inferred=phrase.inferred)
