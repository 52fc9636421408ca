"""Country adjectives ("demonyms") whose stem is not the country's name, per language.

`actors.demonym_country` reads most adjectives off the country's own name ("syrische" / Syrien,
"иранский" / Иран). That fails where the adjective grows from another stem ("британский" /
Великобритания, "estadounidense" / Estados Unidos, "niemiecki" / Niemcy, "İngiliz" /
Birleşik Krallık), where a territory's name begins with another country's adjective
("Американское Самоа"), or where two countries share the first letters ("turco" / Turcomenistão).
These stems are matched first: a word is the country's adjective when it is the stem plus at most
MAX_ENDING letters of inflection ("американскими", "amerykańskiego", "amerikanischen"); a form
ending in "=", and any of fewer than MIN_STEM letters, matches only the whole word (the Turkish
"Rus"; English "Indian", whose stem would take the German "Indianer").
Written from general knowledge of the languages, for the countries most in international news.
"""
from __future__ import annotations

from functools import lru_cache

MAX_ENDING = 5
MIN_STEM = 5

# country -> stems, all languages together (folded: lower case). A stem is only listed where a
# prefix of that length cannot be another country's adjective.
STEMS: dict[str, tuple[str, ...]] = {
    "US": ("american", "amerikanisch", "américain", "estadounidens", "norteamerican", "norte-american",
           "statunitens", "estadunidens", "amerykańsk", "американск", "американськ", "amerikan", "amerikalı",
           "америкалық", "amerikalik"),
    "GB": ("british", "britisch", "britanni", "británic", "britannic", "britânic", "brytyjsk", "британск",
           "британськ", "английск", "англійськ", "ingiliz", "britanyalı", "британдық", "britaniyalik"),
    "RU": ("russian", "russisch", "rosyjsk", "rus=", "российск", "російськ", "rusyalı", "ресейлік", "rossiyalik"),
    "DE": ("german", "deutsch", "allemand", "alemán", "alemana", "alemanes", "tedesc", "alemão", "alemã",
           "alemães", "niemieck", "немецк", "німецьк", "almanya", "немістік", "nemis"),
    "TR": ("turkish", "türkisch", "turquí", "turque", "turchi", "turco", "turca", "turcos", "turecki",
           "tureck", "турецк", "турецьк", "türkiyeli", "түрік", "turkiyalik", "türk="),
    "NL": ("dutch", "niederländisch", "néerlandais", "holandés", "olandes", "holandês", "holendersk",
           "нидерландск", "голландск", "нідерландськ", "hollanda"),
    "KR": ("südkorean", "sud-coréen", "sudcorean", "surcorean", "sul-coreano", "południowokoreańsk",
           "южнокорейск", "південнокорейськ"),
    "KP": ("nordkorean", "nord-coréen", "nordcorean", "norcorean", "norte-coreano", "północnokoreańsk",
           "северокорейск", "північнокорейськ"),
    "BY": ("belarusian", "belarussisch", "biélorusse", "bielorrus", "bielorus", "białorusk", "белорусск",
           "білоруськ", "belaruslu", "беларусь", "belarus"),
    "AM": ("armenian", "armenisch", "arménien", "armenio", "armeno", "armênio", "ormiańsk", "армянск",
           "вірменськ", "ermeni"),
    "IL": ("israeli", "israelisch", "israélien", "israelí", "israelian", "israelense", "izraelsk",
           "израильск", "ізраїльськ", "israilli", "израильдік", "isroil"),
    "CN": ("chinesisch", "chinois", "chino", "chinos", "cinese", "chinês", "chinesa", "chińsk", "китайск",
           "китайськ", "çinli", "қытай", "xitoy"),
    "JP": ("japanisch", "japonais", "japonés", "japonesa", "giappones", "japonês", "japońsk", "японск",
           "японськ", "japon", "жапон", "yapon"),
    "IN": ("indisch", "indien", "indienne", "indiano", "indian=", "indians=", "indyjsk", "индийск", "індійськ",
           "hintli", "үнді", "hind"),
    "FR": ("französisch", "francés", "francese", "francês", "francusk", "французск", "французьк", "fransız",
           "француз", "fransuz"),
    "IT": ("italienisch", "italien", "italiano", "italian", "włosk", "итальянск", "італійськ", "italyan",
           "итальян", "italyan"),
    "ES": ("spanisch", "espagnol", "español", "spagnol", "espanhol", "hiszpańsk", "испанск", "іспанськ",
           "ispanyol", "испан", "ispan"),
    "PL": ("polnisch", "polonais", "polaco", "polacc", "polonês", "polsk", "польск", "польськ", "polonyalı",
           "поляк", "polyak"),
    "UA": ("ukrainisch", "ukrainien", "ucranian", "ucrain", "ukraińsk", "украинск", "українськ", "ukraynalı",
           "украин", "ukrain"),
    "IR": ("iranian", "iranisch", "iranien", "iraní", "iranian", "irańsk", "иранск", "іранськ", "iranlı",
           "ирандық", "eronlik"),
    "EG": ("egyptian", "ägyptisch", "égyptien", "egipci", "egizian", "egípci", "egipsk", "египетск",
           "єгипетськ", "mısırlı", "мысыр", "misr"),
    "SA": ("saudi", "saoudien", "saudí", "saudit", "saudyjsk", "саудовск", "саудівськ", "suudi", "сауд",
           "saudiya"),
    "GR": ("greek", "griechisch", "grec", "griego", "greco", "grego", "greck", "греческ", "грецьк", "yunan",
           "грек", "grek"),
    "HU": ("hungarian", "ungarisch", "hongrois", "húngar", "ungherese", "húngaro", "węgiersk", "венгерск",
           "угорськ", "macar", "венгр", "vengr"),
    "CH": ("swiss", "schweizer", "suisse", "suizo", "suiza", "svizzer", "suíço", "suíça", "szwajcarsk",
           "швейцарск", "швейцарськ", "isviçreli", "швейцар", "shveysar"),
    "AE": ("emirati", "emiratisch", "émirati", "emiratí", "emiratin", "emiradense", "emirack",
           "эмиратск", "еміратськ", "әмірлік", "amirlik"),
    "VN": ("vietnames", "vietnamien", "vietnamit", "wietnamsk", "вьетнамск", "в'єтнамськ", "vietnamlı",
           "вьетнам", "vyetnam"),
    "GE": ("georgian", "georgisch", "géorgien", "georgian", "georgiano", "gruzińsk", "грузинск", "грузинськ",
           "gürcü", "грузин", "gruzin"),
    "AZ": ("azerbaijani", "aserbaidschanisch", "azerbaïdjanais", "azerbaiyan", "azero", "azerbejdżańsk",
           "азербайджанск", "азербайджанськ", "azerbaycanlı", "әзірбайжан", "ozarbayjon"),
    "KZ": ("kazakh", "kasachisch", "kazakhstanais", "kazajo", "kazaka", "kazako", "cazaque", "kazachsk",
           "казахск", "казахстанск", "казахськ", "казахстанськ", "kazak", "қазақ", "qozoq"),
    "UZ": ("uzbek", "usbekisch", "ouzbek", "uzbeko", "uzbeka", "usbeque", "uzbecki", "узбекск", "узбецьк",
           "özbek", "өзбек", "o'zbek"),
}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(stem -> country) for prefix matches, (whole word -> country) for short stems."""
    stems: dict[str, str] = {}
    whole: dict[str, str] = {}
    for code, forms in STEMS.items():
        for form in forms:
            if form.endswith("=") or len(form) < MIN_STEM:
                whole[form.rstrip("=")] = code
            else:
                stems[form] = code
    return stems, whole


def stem_country(folded: str) -> str | None:
    """The country whose adjective `folded` (a casefolded word) is, by the longest listed stem."""
    stems, whole = _tables()
    if folded in whole:
        return whole[folded]
    for cut in range(len(folded), max(MIN_STEM, len(folded) - MAX_ENDING) - 1, -1):
        code = stems.get(folded[:cut])
        if code:
            return code
    return None
