"""Places named after a saint, compared across languages.

"St. Peter's Basilica", "Petersdom", "basilique Saint-Pierre", "basílica de San Pedro", "كاتدرائية القديس
بطرس", "Avliyo Pyotr bazilikasi" share no spelling a key could compare: the saint's given name differs by
language. A place is read here as (saint, kind) only when the text marks the name as a saint's ('St',
'San', 'Saint-', 'Sankt', 'القديس', 'Avliyo' ... before a given name of the table below, or a German
compound of the name and a kind noun: 'Petersdom', 'Petersplatz'); the kind is a church, a square or a house,
named inside the mention or by the lower-case word right before it ('basilique Saint-Pierre', 'plaza de
San Pedro'), or none ('St Peter's'). The table lists only Christian given names that differ by language;
it is used for nothing but names so marked.
"""
from __future__ import annotations

import re

# canonical saint -> the forms of the given name by language (casefolded, genitives and German compound forms)
SAINT_NAMES = {
    "peter": "peter peters pedro pierre pietro piotr piotra pyotr petr petra petrus petro пётр петр петра петро петра"
             " بطرس phêrô phero",
    "paul": "paul pauls pablo paolo paulo paweł pawła pavel павел павла павло بولس phaolô paulus",
    "john": "john johannes jean juan giovanni joão jan jana иоанн иоанна іоанна يوحنا gioan",
    "mark": "mark markus marc marcos marco marek марк марка مرقس maccô",
    "stephen": "stephen stephan stephans stefan étienne esteban stefano estêvão szczepan szczepana стефан стефана"
               " ستيفانوس",
    "mary": "mary marien marie maría maria mariä марии мария مريم",
    "francis": "francis franziskus françois francisco francesco franciszek франциск франциска فرنسيس",
    "andrew": "andrew andreas andré andrés andrea andrzej andrzeja андрей андрея أندراوس",
    "joseph": "joseph josef josefs josé giuseppe józef józefa иосиф иосифа يوسف",
    "martha": "martha marta marthe марфа марфы марта марти مرتا mácta",
}
_NAME_OF = {form: saint for saint, forms in SAINT_NAMES.items() for form in forms.split()}

# words that mark the next word as a saint's name (casefolded, without a final '.')
SAINT_MARKERS = {"st", "ste", "saint", "sainte", "san", "santo", "santa", "são", "sao", "sankt", "sint", "święty",
                 "świętego", "świętej", "św", "святой", "святого", "святої", "святого", "св", "aziz", "avliyo",
                 "القديس", "القديسة", "thánh", "әулие"}

# kind -> word stems (a word starting with one: 'bazilikasi', 'собора', 'maydoniga')
KIND_STEMS = {
    "church": ("basilica", "basílica", "basilique", "basilika", "bazilika", "базилик", "собор", "cathedral",
               "cathédrale", "catedral", "kathedrale", "kathedraal", "katedr", "church", "église", "eglise",
               "iglesia", "chiesa", "igreja", "kerk", "kirche", "kości", "церк", "كاتدرائي", "كنيسة", "بازيليك",
               "kilise", "münster"),
    "square": ("square", "place", "plaza", "piazza", "praça", "platz", "plein", "plac", "площад", "майдан",
               "maydon", "meydan", "ساحة"),
    # a house or residence named after a saint: 'Casa Santa Marta', 'Maison Sainte-Marthe', 'دار القديسة مرتا'
    "house": ("casa", "maison", "house", "haus", "домус", "будинок", "دار", "domus"),
}
# German compounds: the name's form and a kind noun ('Petersdom', 'Petersplatz', 'Stephansdom')
_GERMAN_SUFFIXES = {"dom": "church", "kirche": "church", "basilika": "church", "münster": "church",
                    "kathedrale": "church", "platz": "square"}
_LINKS = {"de", "of", "di", "do", "da", "del", "della", "des", "du", "der", "la", "le", "el", "the", "das"}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


def _kind(word: str) -> str | None:
    word = word.casefold()
    for kind, stems in KIND_STEMS.items():
        if any(word.startswith(stem) for stem in stems):
            return kind
    return None


def saint_place(name: str, before: str = "") -> tuple[str, str | None] | None:
    """(saint, kind) of a place named after a saint, or None; `before` is the text right before the name."""
    words = [w for w in _WORD.findall(name)]
    folded = [re.sub(r"['’]s$|['’]$", "", w.casefold()) for w in words]
    saint, at = None, -1
    for i, word in enumerate(folded[:-1]):
        if word in SAINT_MARKERS and folded[i + 1] in _NAME_OF:
            saint, at = _NAME_OF[folded[i + 1]], i
            break
    if saint is None:  # a German compound: 'Petersdom'
        if len(folded) != 1:
            return None
        for suffix, kind in _GERMAN_SUFFIXES.items():
            head = folded[0][:-len(suffix)]
            if folded[0].endswith(suffix) and head in _NAME_OF:
                return _NAME_OF[head], kind
        return None
    kinds = {_kind(w) for i, w in enumerate(folded) if i not in (at, at + 1)} - {None}
    if len(kinds) > 1:
        return None
    if kinds:
        return saint, kinds.pop()
    if at == 0:  # nothing in the name: the lower-case word before it ('basilique Saint-Pierre', 'plaza de San Pedro')
        previous = [w for w in _WORD.findall(before)[-3:]]
        while previous and previous[-1].casefold() in _LINKS:
            previous.pop()
        if previous and previous[-1][:1].islower():
            return saint, _kind(previous[-1])
    return saint, None
