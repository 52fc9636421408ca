"""Who a statement is credited to: a cue ("said", "sagte", "по словам", "göre", "表示") and the
speaker it points at, in the languages of the corpus (ar, de, en, es, fr, kk, ru, tr, uk, uz, vi, zh;
it, pt, pl keep the few cues they had).

A speaker is a named person or organisation (a mention of the reader), or, where none is named, a
kind of source the text names without a name: a ministry (by its portfolio, so "Ministry of
Defence", "Министерство обороны" and "Savunma Bakanlığı" are one speaker), a spokesperson, a press
service, officials, (state) media, an agency, a capital or country standing for its government
("New Delhi affirme"). A pronoun cue ("по его словам", "selon lui") takes the speaker of the
sentence before. `same_speaker` compares two attributions across languages: entity ids, then the
names' spellings (Çaudri, Chaudhry, Чаудхри), then the kind of source.

Cues were written from the languages' grammar (verbs of saying, "according to" phrases), not from
the gold stories' sentences; examples/gold/speakers.json measures them (bench/bench_speakers.py).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..model import AGENT_TYPES
from ..read.credits import agency_name

_AR = "\u0600-\u06ff"  # an Arabic word's letters: cues are matched as whole words, with the prefixes و / ف

CUES = {
    "en": r"said|says|say|told|announced|according\s+to|reported|stated|claimed|confirmed|quoted|insisted|"
          r"warned|added|denied|noted|described|(?<!so-)called|tweeted|posted|wrote|accused|explained|stressed|argued",
    "de": r"sagte|sagt|erklärte|erklärt|teilte|mitteilte|teilt|nach\s+Angaben|laut|zufolge|berichtete|bestätigte|"
          r"betonte|warnte|sprach\s+von|sprach|nannte|kündigte|meldete|hieß\s+es|(?<=,\s)(?-i:so(?=\s+\p{Lu}))",
    "fr": r"a\s+déclaré|a\s+dit|selon|a\s+annoncé|annonce|a\s+indiqué|indique|d'après|affirme|a\s+affirmé|"
          r"a\s+précisé|précise|dénonce|a\s+dénoncé|fait\s+état|a\s+assuré|assure|a\s+averti|a\s+souligné|"
          r"a\s+confirmé|confirme|a\s+expliqué|évoque|a\s+qualifié|estime|a\s+estimé|a\s+promis|a\s+fait\s+savoir",
    "es": r"dijo|declaró|afirmó|afirma|según|informó|anunció|aseguró|asegura|sostiene|advirtió|advierte|calificó|"
          r"detalló|acusó|explicó|señaló|indicó|precisó|confirmó|denunció|manifestó|subrayó",
    "it": r"ha\s+detto|secondo|ha\s+dichiarato|ha\s+annunciato",
    "pt": r"disse|segundo|afirmou|declarou",
    "pl": r"powiedział|według|poinformował",
    "ru": r"заявил\w*|заявив\w*|сказал\w*|сказав\w*|сообщил\w*|сообщает|сообщают|по\s+данным|по\s+(?:\w+\s+)?словам|"
          r"согласно|говорится|подчеркнул\w*|назвал\w*|отметил\w*|подтвердил\w*|уточнил\w*|добавил\w*|"
          r"предупредил\w*|передает|передаёт|пишет|пишут|объявил\w*|признал\w*",
    "uk": r"заявив\w*|заявил\w*|сказав\w*|повідомив\w*|повідомля\w+|за\s+даними|за\s+(?:\w+\s+)?словами|"
          r"наголосив\w*|наголосил\w*|зазначив\w*|зазначил\w*|підтвердив\w*|назвав\w*|пише|оголосив\w*",
    "tr": r"açıkladı|açıklamasında|söyledi|belirtti|belirterek|dedi|göre|bildirdi|bildirildi|vurguladı|"
          r"ifade\s+etti|kaydetti|savundu|öne\s+sürdü|nitelendir\w*|duyurdu|iddia\s+etti|uyardı|aktardı|"
          r"doğruladı|açıklayarak",
    "vi": r"cho\s+biết|theo|tuyên\s+bố|phát\s+biểu|nói|khẳng\s+định|nhấn\s+mạnh|thông\s+báo|xác\s+nhận|"
          r"cảnh\s+báo|đưa\s+tin|thông\s+tin",
    "kk": r"мәлімдеді|деді|деп|хабарлады|бойынша|айтты|атап\s+өтті|жариялады|мәліметінше|сөзінше|"
          r"мәлімдеген|хабарлаған",
    "uz": r"aytdi|ma['ʼʻ’]lum\s+qildi|ko['ʼʻ’]ra|bildirdi|dedi|ta['ʼʻ’]kidladi|xabar\s+berdi|"
          r"e['ʼʻ’]lon\s+qildi|so['ʼʻ’]zlariga",
}
# Arabic verbs of saying with their feminine / plural endings, and "according to"; Chinese and
# Japanese without word boundaries
_AR_CUES = (rf"(?<![{_AR}])[وف]?(?:قال|أعلن|أكد|أوضح|ذكر|أشار|حذر|حذّر|وصف|نقل|شدد|شدّد|صرح|صرّح|أفاد|كشف|"
            rf"أضاف|تابع|اعتبر|نفى)(?:ت|وا)?(?![{_AR}])"
            rf"|(?<![{_AR}])[وف]?(?:وفقا|وفقاً|بحسب|حسب|مؤكدا|مؤكداً|موضحا|موضحاً|مشيرا|مشيراً|قائلا|قائلاً)(?![{_AR}])")
_ZH_CUES = r"表示|称|说|据|宣布|指出|报道|介绍|强调|透露|证实|警告|发文|声明|通报|によると|と述べ|発表"


def _compile(body: str) -> re.Pattern:
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


# Python's re has no \p{Lu}: an upper-case letter after German "so" (", so Nuñez") is spelled out
_UPPER = "A-ZÄÖÜÀ-ÞĀ-Ž"
_CUE_RE = {lang: _compile(body.replace(r"\p{Lu}", f"[{_UPPER}]")) for lang, body in CUES.items()}
_CUE_RE["ar"] = re.compile(_AR_CUES)
_CUE_RE["zh"] = re.compile(_ZH_CUES)
_CUE_RE["ja"] = _CUE_RE["zh"]
_ANY = re.compile("|".join(f"(?:{p.pattern})" for p in (_compile("|".join(CUES.values()).replace(
    r"\p{Lu}", f"[{_UPPER}]")), _CUE_RE["ar"], _CUE_RE["zh"])), re.IGNORECASE)


def cue_pattern(language: str | None) -> re.Pattern:
    """The cues of a language (all languages' cues for one without a list)."""
    return _CUE_RE.get((language or "").split("-")[0].lower(), _ANY)


# A pronoun cue: the speaker is the one of the sentence before ("По его словам, ...", "selon lui").
PRONOUN_CUES = re.compile(
    r"\b(?:according\s+to\s+(?:him|her|them)|(?:he|she|they)\s+(?:said|added|told|noted|warned)|"
    r"(?:sagte|erklärte|betonte|fügte)\s+(?:er|sie)|so\s+(?:er|sie)\b|ihm\s+zufolge|ihr\s+zufolge|seinen\s+Angaben|"
    r"selon\s+(?:lui|elle|eux)|a-t-(?:il|elle)|según\s+(?:él|ella)|"
    r"по\s+(?:его|ее|её|их)\s+(?:словам|данным)|(?:он|она|они)\s+(?:заявил|сообщил|добавил|подчеркнул)\w*|"
    r"за\s+(?:його|її|їхніми)\s+(?:словами|даними)|(?:він|вона)\s+(?:заявив|заявила|додав|додала)|"
    r"ona\s+göre|onun\s+açıklamasına\s+göre|ông\s+(?:cho\s+biết|nói)|bà\s+(?:cho\s+biết|nói)|"
    r"оның\s+сөзінше|uning\s+so['ʼʻ’]zlariga)"
    rf"|(?<![{_AR}])(?:وأضاف|وأضافت|وتابع|وتابعت|بحسب\s+قوله)(?![{_AR}])|他说|她说|他表示|她表示|他称|她称",
    re.IGNORECASE)

# Sources named without a name. Each entry: kind, and the words per language (any language's words
# are looked for, since headlines and quotes mix them rarely and the words do not collide).
_MINISTRY = (r"ministry|ministère|ministerio|ministero|ministerium|\w+ministerium|министерств\w*|минобороны|мид|ведомств\w*|"
             r"міністерств\w*|відомств\w*|мзс|bakanlığı|bakanlık\w*|وزارة|министрлігі|vazirligi|"
             r"bộ(?=\s+(?:quốc\s+phòng|ngoại\s+giao|nội\s+vụ|văn\s+hóa|y\s+tế|tư\s+pháp|công\s+an))")
_PORTFOLIOS = {  # a ministry's portfolio, so one ministry is one speaker across languages
    "defence": r"defen[cs]e|verteidigung\w*|défense|defensa|difesa|оборон\w*|минобороны|savunma|الدفاع|国防|quốc\s+phòng|"
               r"қорғаныс|mudofaa",
    "foreign": r"foreign|auswärtig\w*|außen\w*|affaires\s+étrangères|étrangères|exteriores|esteri|иностранных|мид|"
               r"закордонних|мзс|dışişleri|الخارجية|外交|ngoại\s+giao|сыртқы\s+істер|tashqi\s+ishlar",
    "interior": r"interior|home\s+affairs|innen\w*|intérieur|interno|внутренних|внутрішніх|içişleri|الداخلية|"
                r"内政|公安|nội\s+vụ|công\s+an|ішкі\s+істер|ichki\s+ishlar",
    "culture": r"culture|kultur\w*|cultura|культур\w*|kültür|الثقافة|文化|văn\s+hóa|мәдениет|madaniyat",
    "health": r"health|gesundheit\w*|santé|sanidad|salud|salute|здравоохранени\w*|охорони\s+здоров|sağlık|الصحة|"
              r"卫生|y\s+tế|денсаулық|sog['ʼʻ’]liqni",
    "justice": r"justice|justiz\w*|justicia|giustizia|юстиции|юстиції|adalet|العدل|司法|tư\s+pháp|әділет|adliya",
    "emergencies": r"emergenc\w*|чрезвычайных|мчс|надзвичайних|afet|الطوارئ|应急|khẩn\s+cấp|төтенше|favqulodda",
}
_KINDS = [
    ("spokesperson", r"spokes(?:man|woman|person)|sprecher(?:in)?|porte-parole|portavoz|portavoce|"
                     r"пресс-секретар\w*|официальный\s+представител\w*|представител\w*|речни\w*|прес-секретар\w*|"
                     r"sözcüsü|sözcü|متحدث|المتحدث|الناطق|发言人|người\s+phát\s+ngôn|өкілі|баспасөз\s+хатшысы|"
                     r"matbuot\s+kotibi|vakili"),
    ("press service", r"press\s+(?:service|office)|pressestelle|service\s+de\s+presse|servicio\s+de\s+prensa|"
                      r"пресс-служб\w*|прес-служб\w*|basın\s+(?:bürosu|ofisi|birimi)|المكتب\s+الإعلامي|新闻办\w*|"
                      r"新闻处|ban\s+báo\s+chí|баспасөз\s+қызметі|matbuot\s+xizmati"),
    ("state media", r"state(?:-run)?\s+(?:media|television|tv|news\s+agency)|staatsmedien|staatsfernsehen|"
                    r"médias\s+d['’]état|télévision\s+d['’]état|medios\s+estatales|televisión\s+estatal|"
                    r"государственн\w+\s+(?:сми|телевидени\w*)|державн\w+\s+(?:змі|телебачен\w*)|"
                    r"devlet\s+(?:medyası|televizyonu)|التلفزيون\s+الرسمي|وسائل\s+الإعلام\s+الرسمية|官方媒体|官媒|"
                    r"国家电视台|truyền\s+thông\s+nhà\s+nước|мемлекеттік\s+(?:бақ|арна)|davlat\s+televideniyesi"),
    ("media", r"media|medien|médias|medios|сми|змі|medya\w*|وسائل\s+(?:ال)?إعلام|媒体|truyền\s+thông|báo\s+chí|бақ"),
    ("officials", r"officials|authorities|government|beamte|behörden|regierung|responsables|autorités|"
                  r"gouvernement|funcionarios|autoridades|gobierno|официальные\s+лица|власти|правительств\w*|"
                  r"чиновник\w*|посадовці|влада|уряд\w*|yetkililer|yetkili|hükümet\w*|مسؤولون|مسؤولين|السلطات|"
                  r"الحكومة|官员|当局|政府|quan\s+chức|nhà\s+chức\s+trách|chính\s+phủ|шенеуніктер|билік|үкімет\w*|"
                  r"rasmiylar|hukumat\w*"),
    ("military", r"army|armed\s+forces|military|armee|streitkräfte|militär|armée|forces\s+armées|ejército|"
                 r"fuerzas\s+armadas|армия|армии|вооруженн\w+\s+сил\w*|военн\w+|армія|збройн\w+\s+сил\w*|"
                 r"ordu|ordusu|silahlı\s+kuvvetler\w*|الجيش|القوات\s+المسلحة|军方|军队|quân\s+đội|әскер\w*|armiya"),
    ("management", r"management|museum\s+director\w*|museumsleitung|direction|dirección|дирекци\w*|руководств\w*|"
                   r"керівництв\w*|yönetim\w*|إدارة|管理层|ban\s+quản\s+lý|басшылығы|rahbariyati"),
    ("investigators", r"investigators|police|polizei|ermittler|enquêteurs|police|policía|investigadores|"
                      r"полици\w*|следовател\w*|поліці\w*|слідч\w*|polis|الشرطة|المحققون|警方|调查人员|cảnh\s+sát|"
                      r"полиция|politsiya|investigación|enquête|ermittlungen|расследовани\w*"),
]
_KIND_RE = [(kind, re.compile(rf"(?<![\w{_AR}])(?:{words})(?![\w{_AR}])", re.IGNORECASE)) for kind, words in _KINDS]
_KIND_RE.insert(0, ("ministry", re.compile(rf"(?<![\w{_AR}])(?:{_MINISTRY})(?![{_AR}])", re.IGNORECASE)))
_PORTFOLIO_RE = {name: re.compile(rf"(?<![\w{_AR}])(?:{words})", re.IGNORECASE) for name, words in _PORTFOLIOS.items()}

SOCIAL = re.compile(r"\b(?:on\s+X|on\s+Twitter|on\s+Telegram|Truth\s+Social|auf\s+X|sur\s+X|en\s+X|в\s+Telegram|"
                    r"в\s+соцсетях|в\s+соцмережах|post(?:ed)?|Beitrag|publication|publicación|пост\w*|"
                    r"paylaşım\w*|bài\s+đăng)\b|تروث\s+سوشيال|منشور|تغريدة|推文|发文",
                    re.IGNORECASE)
# agencies a statement may be credited to, as written in running text (case-sensitive); read/credits.AGENCIES
# lists their spellings in credit lines, and names the agency of each spelling (the speaker's key)
# ('新华社' without word boundaries: Chinese writes none around it, "据新华社报道")
AGENCIES = re.compile(r"\b(AFP|Reuters|AP|Associated Press|dpa|EFE|ANSA|TASS|ТАСС|RIA|РИА|Интерфакс|Interfax|"
                      r"Xinhua|Anadolu|AA|Kazinform|Kyodo|Yonhap|IRNA|WAM|TTXVN|Ukrinform|Укрінформ)\b|新华社")
# an agency in a dateline is the outlet, not the speaker: "WASHINGTON (AP) -", "МОСКВА, 7 мая. /ТАСС/."
_DATELINE = re.compile(r"^[^.!?]{0,60}?(?:\(\s*|/\s*|[-–—]\s+)$")
_PLACE_TYPES = frozenset({"LOC", "GPE"})
SUBJECT_CHARS = 50  # a late verb of saying credits the first agent if it starts this early
MAX_GAP = 60  # a speaker further from its cue than this (characters) is someone the sentence talks about


def _portfolio(text: str, at: int, end: int) -> tuple[str, tuple[int, int]]:
    """The portfolio named around a ministry word (within a few words either side), and the span of
    the whole name ("Ministry of Defence", "Министерстве обороны", "Kulturministerium")."""
    lo = max(0, at - 30)
    found = [(m.start() + lo, m.end() + lo, name) for name, rx in _PORTFOLIO_RE.items()
             for m in rx.finditer(text[lo:end + 40])]
    if not found:
        return "", (at, end)
    a, b, name = min(found, key=lambda f: abs(f[0] - at))
    return name, (min(a, at), max(b, end))


def _gap(span: tuple[int, int], cue: tuple[int, int]) -> int:
    return max(0, span[0] - cue[1], cue[0] - span[1])


def _portfolio_word(text: str) -> bool:
    """A mention that is only a ministry's portfolio ("ministre de l'Intérieur", "la Culture"): a
    title's part, not a speaker."""
    return any(rx.fullmatch(text.strip()) for rx in _PORTFOLIO_RE.values())


def _candidates(text: str, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Who may be credited: agents the reader found, kinds of source named in the text, agencies
    outside a dateline, and (last resort) places standing for a government."""
    found = []
    for m in mentions:
        if _portfolio_word(m["text"]) or (m["start"] > 0 and _DATELINE.match(text[:m["start"]])):
            continue  # a title's portfolio, or the agency of a dateline (the reader may tag "AA" as ORG)
        if m["type"] in AGENT_TYPES and not str(m.get("key", "")).startswith("C:"):
            key = f"E:{m['entity_id']}" if m.get("entity_id") else f"K:{m['key']}"
            found.append({"span": (m["start"], m["end"]), "by": m["text"], "role": "person" if m["type"] == "PER"
                          else "organisation", "key": key, "rank": 0})
        elif m["type"] in _PLACE_TYPES or str(m.get("key", "")).startswith("C:"):
            country = m.get("country") or str(m.get("key", ""))[2:4]
            if country:
                found.append({"span": (m["start"], m["end"]), "by": m["text"], "role": "government",
                              "key": f"G:{country}", "rank": 2})
    for kind, rx in _KIND_RE:
        for m in rx.finditer(text):
            span, key = m.span(), f"S:{kind}"
            if kind == "ministry":
                portfolio, span = _portfolio(text, m.start(), m.end())
                key = f"M:{portfolio or '?'}"
            found.append({"span": span, "by": text[span[0]:span[1]], "role": kind, "key": key, "rank": 1})
    for m in AGENCIES.finditer(text):
        if not _DATELINE.match(text[:m.start()]):
            # one key an agency, whatever the spelling: 'ТАСС' / 'TASS', 'AP' / 'Associated Press'
            agency = agency_name(m.group(0)) or m.group(0)
            found.append({"span": m.span(), "by": m.group(0), "role": "agency", "key": f"A:{agency.upper()}",
                          "rank": 0})
    return found


# between a cue and a candidate: the candidate is in what was said, not who said it
# ("Schmuckstücke, teilte das Ministerium mit"; "said that the Jaish-e-Mohammed")
_BOUNDARY = re.compile(r"[,;«»“”\"]")
_THAT = re.compile(rf"(?<![\w{_AR}])(?:that|dass|que|qu['’]|что|що|rằng|أن|إن)(?![\w{_AR}])", re.IGNORECASE)
# cues that introduce their source ("according to X"), and the end of a quote before an inverted verb
_PREPOSITIONS = re.compile(r"according\s+to|nach\s+Angaben|laut|selon|d'après|según|secondo|segundo|według|"
                           r"по\s+данным|по\s+(?:\w+\s+)?словам|согласно|за\s+даними|за\s+(?:\w+\s+)?словами|theo|"
                           r"[وف]?(?:وفقا|وفقاً|بحسب|حسب)|据", re.IGNORECASE)
_INVERTED = re.compile(r"[»“”\"]\s*,?\s*[-–—]?\s*$|^\W*$")
# verb-final languages: a verb of saying at the end credits the sentence's subject, its first agent
VERB_FINAL = frozenset({"tr", "kk", "uz", "ja", "ko"})
_POSTPOSITIONS = re.compile(r"göre|бойынша|ko['ʼʻ’]ra|によると|мәліметінше|сөзінше", re.IGNORECASE)


def _distance(text: str, candidate: dict[str, Any], cue: tuple[int, int]) -> tuple[bool, int, bool]:
    """How far a candidate is from the cue, as a sort key: places (a government by metonymy) come
    last unless they are the verb's subject right before it ("New Delhi affirme"); a candidate
    across a comma or quote counts as 40 characters further, one after "said that" as out of reach;
    on a tie, a ministry's portfolio key beats the reader's organisation."""
    start, end = candidate["span"]
    gap = _gap(candidate["span"], cue)
    between = text[end:cue[0]] if end <= cue[0] else text[cue[1]:start]
    subject = end <= cue[0] and gap <= 2
    far = 40 * bool(gap > 2 and _BOUNDARY.search(between)) + 1000 * bool(start >= cue[1] and _THAT.search(between))
    if start >= cue[1] and not _INVERTED.search(text[:cue[0]]) and not _PREPOSITIONS.fullmatch(text[cue[0]:cue[1]]):
        far += 30  # a verb of saying follows its subject, unless it comes after the quote ("…", said X)
    return candidate["rank"] == 2 and not subject, gap + far, candidate["role"] != "ministry"


def _inverted(text: str, cue: tuple[int, int], candidates: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The subject of a verb of saying that follows what was said ("…, сообщил президент США Дональд
    Трамп"; "…, teilte das Ministerium mit"): right after the verb, at most three words (an article,
    a title) between."""
    if not re.search(r"[,»“”\"]\s*$", text[:cue[0]]):
        return None
    after = [c for c in candidates if c["span"][0] >= cue[1] and c["rank"] < 2
             and len(text[cue[1]:c["span"][0]].split()) <= 3 and not _BOUNDARY.search(text[cue[1]:c["span"][0]])]
    return min(after, key=lambda c: c["span"][0]) if after else None


def _speaker(text: str, cue: tuple[int, int], candidates: list[dict[str, Any]],
             language: str | None = None) -> dict[str, Any] | None:
    """The candidate nearest the cue, or else the sentence's subject (the first agent, where the
    verb of saying comes late: "Çaudri, ... beş Hint savaş uçağını düşürdüğünü açıkladı"). A kind
    of source gives way to the person it introduces ("the army's spokesman, Lt Gen Ahmed Sharif
    Chaudhry": Chaudhry, as a spokesperson)."""
    early = [c for c in candidates if c["rank"] < 2 and c["span"][0] <= SUBJECT_CHARS]
    verb_final = (language or "")[:2] in VERB_FINAL and not _POSTPOSITIONS.fullmatch(text[cue[0]:cue[1]])
    near = [c for c in candidates if _gap(c["span"], cue) <= MAX_GAP]
    inverted = _inverted(text, cue, candidates)
    if inverted:
        best = inverted
    elif early and (verb_final or not near):
        best = min(early, key=lambda c: c["span"][0])
    elif near:
        best = min(near, key=lambda c: _distance(text, c, cue))
    else:
        return None
    if best["role"] in ("spokesperson", "press service", "organisation", "military"):
        side = best["span"][1] <= cue[0]  # the person stands on the same side of the cue ("the army's
        named = [c for c in candidates if c["role"] == "person" and 0 <= c["span"][0] - best["span"][1] <= 45
                 and (c["span"][1] <= cue[0]) == side]  # spokesman X said", not "the ministry said ... X")
        if named:
            person = min(named, key=lambda c: c["span"][0])
            return {**person, "role": "spokesperson" if best["role"] == "spokesperson" else "person"}
    return best


def attribution(text: str, mentions: list[dict[str, Any]], language: str | None = None,
                previous: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """Who a statement is credited to: {"cue", "by", "kind" (quote, social, agency), "role" (person,
    organisation, ministry, spokesperson, press service, state media, media, officials, military,
    management, investigators, agency, government), "key" (one speaker's identity, for
    same_speaker: E: entity, K: unresolved mention, M: ministry by portfolio, S: kind of source,
    A: agency, G: country)}; None where
    the sentence credits no one. `previous`: the attribution of the sentence before, which a pronoun
    cue refers to."""
    cue = cue_pattern(language).search(text)
    pronoun = PRONOUN_CUES.search(text)
    agency = next((m for m in AGENCIES.finditer(text) if not _DATELINE.match(text[:m.start()])), None)
    if not cue and not agency and not pronoun:
        return None
    span = (cue or pronoun or agency).span()
    if pronoun and previous and previous.get("key"):  # "По его словам": the speaker of the sentence before
        speaker = {"by": previous["by"], "role": previous.get("role", ""), "key": previous["key"]}
    else:
        speaker = _speaker(text, span, _candidates(text, mentions), language)
    social = SOCIAL.search(text)
    kind = "social" if social else "agency" if speaker and speaker["role"] == "agency" else "quote"
    found = {"cue": (cue or pronoun or agency).group(0).strip(), "by": "", "kind": kind, "role": "", "key": ""}
    if speaker:
        found.update(by=speaker["by"], role=speaker["role"], key=speaker["key"])
    return found


@lru_cache(maxsize=8192)
def _names_match(a: str, b: str) -> bool:
    """Two spellings of one name in any scripts (Çaudri / Чаудхри / Chaudhry; "Caine" / "Gen. Dan
    Caine"): the last parts alike, by the transliteration model."""
    from ..entities.transliterate import name_similarity
    last_a, last_b = a.split()[-1:], b.split()[-1:]
    return bool(last_a and last_b) and name_similarity(last_a[0], last_b[0]) >= 0.85


def same_speaker(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool | None:
    """Whether two attributions credit one speaker: True, False, or None where either has none or
    the two cannot be told apart (two organisations named differently may be one in two languages;
    an unknown ministry)."""
    if not a or not b or not a.get("key") or not b.get("key"):
        return None
    if a["key"] == b["key"]:  # a kind of source ("officials", "the army") may be two sides' own
        identified = a["key"][:2] in ("E:", "K:", "A:", "G:") or (a["key"].startswith("M:") and a["key"] != "M:?")
        return True if identified else None
    ra, rb = a.get("role"), b.get("role")
    named = ("person", "spokesperson")
    if ra in named and rb in named:
        return _names_match(a["by"], b["by"])
    if ra == rb == "ministry":
        return None if "M:?" in (a["key"], b["key"]) else False
    if ra == rb or {ra, rb} <= {"government", "officials"}:  # named differently, maybe one
        return None
    return False
