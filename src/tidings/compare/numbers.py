"""Numbers, amounts and units named in a sentence, normalised so that languages compare.

"1.968" (German), "1,968" (English), "2 bin 719" (Turkish), "1 700" (French), "1644人" and
"1.5 bn yuan" / "15亿元" / "1,5 млрд юаней" become values with an interval (what the wording
allows: "more than 30" is [30, ∞), "about 30" is [27, 33], "tens of billions" is [1e10, 1e11)),
a unit (a currency code, %, minutes, magnitude or "" for a plain count) and an approximation marker.

Rules, not a model: digits with local separators, scale words of the supported languages
(de en fr es it pt pl ru uk tr ar zh ja vi kk uz), cheap number words (two, zwei, hai, два …),
Chinese numerals, currencies, percentages and approximate markers ("über", "hơn", "более", "约").
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..textutil import ARABIC_ABJAD, CYRILLIC, HAN, KANA_TO_HAN

# digits of other scripts and full-width forms, mapped one character to one (offsets are kept)
_DIGITS = {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)},
           **{chr(0xFF10 + i): str(i) for i in range(10)}, "٫": ".", "٬": ",", "，": ",", "．": ".", "％": "%",
           "٪": "%", "\u00a0": " ", "\u202f": " ", "\u2009": " "}
_TRANSLATE = str.maketrans(_DIGITS)

INF = math.inf


@dataclass(frozen=True)
class Quantity:
    """A number as the text states it: `value` is what is said, [low, high] what it allows."""

    start: int
    end: int
    text: str
    value: float
    low: float
    high: float
    unit: str = ""  # "" count, "%", "USD", "EUR", "CNY", "INR", "GBP", "JPY", "RUB", "min", "magnitude", "km"
    approx: str = ""  # "" exact, "about", "over", "under", "nearly", "range", "vague", "part" (at least: "including 169")
    role: str = ""  # what is counted, where a word says it: "dead", "injured", "missing", "aboard", ...

    def as_dict(self) -> dict:
        return {"text": self.text, "value": self.value, "low": self.low,
                "high": None if self.high == INF else self.high, "unit": self.unit, "approx": self.approx,
                "role": self.role}


# -- scale words: the multiplier a word after a number applies ----------------------------------
SCALES: dict[str, float] = {}
for _words, _factor in (
    ("thousand thousands tausend mille mil mila tys tysiąc tysiące tysięcy тыс тысяч тысячи тысяча тис тисяч тисячі"
     " bin bini binin bine ألف آلاف nghìn ngàn мың ming", 1e3),
    ("lakh lakhs", 1e5),
    ("million millions mn mio millionen millón millones milione milioni milhão milhões milion miliony milionów mln"
     " миллион миллиона миллионов млн мільйон мільйони мільйонів milyon مليون ملايين triệu", 1e6),
    ("crore crores", 1e7),
    ("billion billions bn mrd milliarde milliarden milliard milliards miliardo miliardi bilhão bilhões miliard"
     " miliardy miliardów mld миллиард миллиарда миллиардов млрд мільярд мільярди мільярдів milyar مليار"
     " مليارات tỷ tỉ", 1e9),
    ("trillion trillions billionen trilyon триллион трлн трильйон", 1e12),
):
    for _word in _words.split():
        SCALES[_word] = _factor
CJK_SCALES = {"千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12}

# -- cheap number words (cardinals people write out in news: small counts and round tens) --------
NUMBER_WORDS: dict[str, float] = {}
for _language_words in (
    "two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10 eleven:11 twelve:12 fifteen:15 twenty:20"
    " thirty:30 forty:40 fifty:50 hundred:100 dozen:12",
    "zwei:2 drei:3 vier:4 fünf:5 sechs:6 sieben:7 acht:8 neun:9 zehn:10 elf:11 zwölf:12 zwanzig:20 dreißig:30"
    " hundert:100 dutzend:12",
    "deux:2 trois:3 quatre:4 cinq:5 sept:7 huit:8 neuf:9 dix:10 douze:12 quinze:15 vingt:20 trente:30"
    " quarante:40 cinquante:50 cent:100",
    "dos:2 tres:3 cuatro:4 cinco:5 seis:6 siete:7 ocho:8 nueve:9 diez:10 doce:12 quince:15 veinte:20"
    " treinta:30 cuarenta:40 cincuenta:50 cien:100",
    "due:2 quattro:4 cinque:5 sette:7 otto:8 nove:9 dieci:10 dodici:12 venti:20 trenta:30 cento:100",
    "dois:2 duas:2 três:3 quatro:4 sete:7 oito:8 dez:10 doze:12 vinte:20 trinta:30",
    "dwa:2 dwie:2 trzy:3 cztery:4 pięć:5 sześć:6 siedem:7 osiem:8 dziewięć:9 dziesięć:10 dwadzieścia:20"
    " trzydzieści:30",
    "два:2 две:2 двух:2 три:3 трех:3 трёх:3 четыре:4 пять:5 шесть:6 семь:7 восемь:8 девять:9 десять:10"
    " двенадцать:12 двадцать:20 тридцать:30 сто:100",
    "дві:2 двох:2 трьох:3 чотири:4 п'ять:5 шість:6 сім:7 вісім:8 дев'ять:9 двадцять:20 тридцять:30",
    "iki:2 üç:3 dört:4 beş:5 altı:6 yedi:7 sekiz:8 dokuz:9 yirmi:20 otuz:30 kırk:40 elli:50 yüz:100",
    "اثنان:2 اثنين:2 ثلاثة:3 ثلاث:3 أربعة:4 أربع:4 خمسة:5 خمس:5 ستة:6 ست:6 سبعة:7 سبع:7 ثمانية:8 ثماني:8"
    " تسعة:9 تسع:9 عشرة:10 عشر:10 عشرين:20 عشرون:20 ثلاثين:30 ثلاثون:30",
    "hai:2 bốn:4 sáu:6 bảy:7 tám:8 chín:9 mười:10",  # "ba" (3) and "năm" (5 / year) are too ambiguous
    "екі:2 үш:3 төрт:4 бес:5 алты:6 жеті:7 сегіз:8 тоғыз:9",
    "ikki:2 uch:3 to'rt:4 besh:5 olti:6 yetti:7 sakkiz:8 to'qqiz:9",
):
    for _pair in _language_words.split():
        _word, _value = _pair.rsplit(":", 1)
        NUMBER_WORDS[_word] = float(_value)

# "une trentaine", "a dozen" ... : approximate round numbers written as nouns
ROUND_NOUNS = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
               "cinquantaine": 50, "centaine": 100, "decena": 10, "veintena": 20, "treintena": 30, "centenar": 100,
               "dozzina": 12, "ventina": 20, "trentina": 30, "dezena": 10, "десяток": 10, "десятка": 10,
               "десятки": 10, "дюжина": 12, "onlarca": 10, "chục": 10, "hàng chục": 10}

# vague plurals: "tens of billions", "hundreds of", "Dutzende", "des dizaines de", "десятки", "hàng trăm", "数十"
VAGUE = [(r"\btens\s+of\b|\bdozens\s+of\b|\bdutzende\b|\bdes\s+dizaines\s+de\b|\bdecenas\s+de\b|\bdecine\s+di\b|"
          r"\bdezenas\s+de\b|\bdziesiątki\b|десятки|десятків|\bonlarca\b|\bhàng\s+chục\b|عشرات|数十|几十", 10, 100),
         (r"\bhundreds\s+of\b|\bhunderte\b|\bdes\s+centaines\s+de\b|\bcentenares\s+de\b|\bcientos\s+de\b|"
          r"\bcentinaia\s+di\b|\bcentenas\s+de\b|\bsetki\b|сотни|сотні|\byüzlerce\b|\bhàng\s+trăm\b|مئات|数百|几百",
          100, 1000),
         (r"\bthousands\s+of\b|\btausende\b|\bdes\s+milliers\s+de\b|\bmiles\s+de\b|\bmigliaia\s+di\b|\bmilhares\s+de\b|"
          r"\btysiące\b|тысячи|тисячі|\bbinlerce\b|\bhàng\s+nghìn\b|\bhàng\s+ngàn\b|آلاف|数千|几千", 1000, 10000)]

# -- currencies: symbols before the number, words or codes after it --------------------------
CURRENCY_PREFIX = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "Rs.": "INR", "Rs": "INR",
                   "¥": "CNY", "₽": "RUB", "USD": "USD", "EUR": "EUR"}
CURRENCY_WORDS: dict[str, str] = {}
for _code, _words in (
    ("USD", "usd dollar dollars dólar dólares dollaro dollari dolar dolary dolarów доллар доллара долларов долл"
            " долар долара доларів dolar دولار دولارات 美元 đô-la usd"),
    ("EUR", "eur euro euros евро євро avro يورو 欧元"),
    ("CNY", "yuan юань юаня юаней юанів juan juanów yuán 元 人民币 nhân-dân-tệ"),
    ("INR", "rupee rupees rupi рупий rupias roupies"),
    ("GBP", "pound pounds pfund livres"),
    ("JPY", "yen 円 日元 иен"),
    ("RUB", "руб рубль рубля рублей rubles roubles rubel"),
):
    for _word in _words.split():
        CURRENCY_WORDS[_word.replace("-", " ")] = _code

PERCENT_WORDS = ("per cent", "percent", "prozent", "pour cent", "por ciento", "por cento", "per cento", "procent",
                 "процент", "відсот", "phần trăm", "bаллов")
# units measured the same way in every language (what is compared; minutes for durations)
UNIT_WORDS: list[tuple[str, str, float]] = [
    (r"minutes?|min\.?|мин\.?|minuten|minutos|minuti|minut|минут\w*|хвилин\w*|dakika|دقائق|دقيقة|分钟|分鐘|phút|минут", "min", 1),
    (r"hours?|h|ч\.?|std\.?|stunden?|heures?|horas?|ore|godzin\w*|час\w*|годин\w*|saat|ساعات|ساعة|小时|小時|giờ|сағат|soat", "min", 60),
    (r"km|kilomet\w+|километр\w*|кілометр\w*|公里|千米|كيلومتر\w*", "km", 1),
    (r"magnitude|richter|stärke|büyüklüğünde\w*|độ|级|балл\w*|магнитуд\w*", "magnitude", 1),
]
MAGNITUDE_BEFORE = re.compile(r"(magnitude|stärke|magnitud|магнитуд\w*|độ\s+lớn|richter)\s*(de\s+)?$", re.I)

# -- what a count counts: a small multilingual lexicon of what news counts most (stems) ---------
ROLE_WORDS: dict[str, str] = {
    "dead": r"dead|killed|killing|died|deaths?|death toll|lives|bodies|tote|toten|getötet|ums leben|starben|morts?|tués|décès|"
            r"muertos|fallecid\w+|muertes|morti|vittime|mortos|zabit\w+|ofiar\w*|погиб\w*|убит\w*|жертв\w*|"
            r"загибл\w*|ölü\w*|hayatını kaybe[dt]\w*|öldü\w*|ce[sn]e[dt]\w*|قتيل\w*|قتلى|قتلوا|وفاة|مقتل|死亡|遇难|罹难|chết|"
            r"thiệt mạng|tử vong|thi thể|қаза|halok",
    "injured": r"injured|wounded|hurt|verletzt\w*|verwundet\w*|blessés|heridos|feriti|feridos|rann\w+|ранен\w*|"
               r"ранени\w*|поранен\w*|yaral\w+|جريح|جرحى|مصاب\w*|أصيب\w*|وأصيب\w*|受伤|bị thương",
    "missing": r"missing|vermisst\w*|disparus|desaparecidos|dispersi|zaginion\w*|пропав\w*|без вести|kayıp|"
               r"haber alınamad\w*|مفقود\w*|失踪|mất tích",
    "aboard": r"on board|an bord|à bord|a bordo|на борту|uçakta|trên máy bay",
    "passengers": r"passengers|passagiere|passagers|pasajeros|passeggeri|пассажир\w*|yolcu|hành khách|乘客",
    "bombs": r"bombs?|bomben|bombes|bombas?|бомб(?!ардир)\w*|bombalar\w*|bombası|قنابل|قنبلة|炸弹|quả bom",
    "missiles": r"missiles?|raketen|misiles|ракет\w*|füze\w*|صاروخ\w*|导弹|tên lửa|tomahawks?",
    "aircraft": r"aircraft|planes?|jets?|bombers?|flugzeuge|bomber|avions|bombardiers|aviones|bombarderos|"
                r"самолет\w*|бомбардировщик\w*|uçağ\w*|bombardıman|طائر\w*|飞机|轰炸机|máy bay",
    "aftershock": r"aftershocks?|nachbeben|répliques?|réplicas?|repliche|афтершок\w*|повторн\w* толч\w*|artçı\w*|"
                  r"dư chấn|余震|هزة ارتدادية|هزات ارتدادية",
    "turnout": r"turnout|wahlbeteiligung|participation|participación|affluenza|participação|frekwencj\w*|явк\w*|"
               r"katılım\w*|cử tri đi bầu|投票率|نسبة المشاركة",
    "countries": r"countries|länder|pays|países|стран\w*|ülke\w*|دول|国家|quốc gia|nước",
    "votes": r"votes?|stimmen|voix|votos|голос\w*|проголосова\w*|oy\w*|أصوات|票|phiếu",
    "prisoners": r"prisoners|häftlinge|gefangene|prisonniers|presos|prisioneros|заключенн\w*|esir\w*|أسير\w*|"
                 r"囚犯|tù nhân",
    "hostages": r"hostages|geiseln|otages|rehenes|заложник\w*|rehine\w*|محتجز\w*|رهائن|人质|con tin",
}
_LETTER = "A-Za-z\u00c0-\u024f" + CYRILLIC + "\u1e00-\u1eff"  # word boundaries for spaced scripts only (not CJK)
_HARAKAT = "[\u064b-\u0652]*"  # Arabic short vowels, written in some articles ("قُتلوا"): skipped when matching


def _loose_arabic(words: str) -> str:
    return re.sub("([" + ARABIC_ABJAD + "])", rf"\1{_HARAKAT}", words)


_ROLE = [(role, re.compile(rf"(?<![{_LETTER}])(?:{_loose_arabic(words)})(?![{_LETTER}])", re.I))
         for role, words in ROLE_WORDS.items()]
CASUALTY_ROLES = ("dead", "injured", "missing")
# where a number's own words end: the next number or a clause break ("2.056, hơn 3.900 người bị thương":
# "bị thương" belongs to 3.900, not to 2.056)
_CLAUSE_BREAK = re.compile(r"(?<![A-Za-z\d-])\d|[,;:،，；、]")  # not the digits of a code ("14 GBU-57 bombs")


_OF = re.compile(r"\s*(?:of|out\s+of|der|von|из|de|sur|su|trên|/)\s*\d+(?:[.,' ]\d{3})*", re.I)


def count_role(text: str, start: int, end: int) -> str:
    """The nearest role word after the number (within a few words), else just before it, not
    looking past a clause break or another number."""
    after, before = text[end:end + 40], text[max(0, start - 30):start]
    of = _OF.match(after)  # "237 der 465 Stimmen", "241 из 242 на борту": the part counts what the total does
    if of:
        after = after[of.end():]
    cut = _CLAUSE_BREAK.search(after)
    after = after[:cut.start()] if cut else after
    before = before[max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0):]
    best: tuple[int, str] | None = None
    for role, pattern in _ROLE:
        for match in pattern.finditer(after):
            if best is None or match.start() < best[0]:
                best = (match.start(), role)
            break
        if best is None or best[0] > 12:
            for match in pattern.finditer(before):
                distance = len(before) - match.end() + 20
                if best is None or distance < best[0]:
                    best = (distance, role)
    return best[1] if best else ""


# -- approximate markers (before the number unless noted) -------------------------------------
APPROX_BEFORE: list[tuple[str, str]] = []
for _kind, _words in (
    ("over", "more than|over|at least|upwards of|in excess of|mehr als|über|mindestens|plus de|au moins|"
             "más de|al menos|por lo menos|oltre|più di|almeno|mais de|pelo menos|ponad|co najmniej|więcej niż|"
             "более|больше|свыше|не менее|по меньшей мере|по крайней мере|понад|більше|щонайменше|"
             "en az|أكثر من|ما لا يقل عن|hơn|trên|ít nhất|超过|超過|逾|至少|以上|астам|kamida|ortiq"),
    ("under", "less than|fewer than|under|up to|weniger als|bis zu|unter|moins de|jusqu'à|menos de|hasta|"
              "meno di|fino a|mniej niż|do|менее|меньше|до|менше|قل من|dưới|không quá|不到|不足"),
    ("nearly", "nearly|almost|close to|fast|knapp|beinahe|presque|près de|quasiment|casi|cerca de|quasi|"
               "quase|prawie|почти|майже|neredeyse|yaklaşık|قرابة|gần|近|将近|qariyb|jуда"),
    ("about", "about|around|some|roughly|approximately|an estimated|rund|etwa|ungefähr|circa|ca\\.|gut|"
              "environ|quelque|autour de|alrededor de|unos|unas|aproximadamente|intorno a|cerca|около|примерно|"
              "порядка|близько|приблизно|około|blisko|yaklaşık|civarında|نحو|حوالي|حوالى|khoảng|chừng|约|大约|"
              "шамамен|taxminan"),
):
    for _word in _words.split("|"):
        APPROX_BEFORE.append((_word, _kind))
APPROX_BEFORE.sort(key=lambda pair: -len(pair[0]))
APPROX_AFTER = [(re.compile(r"^\s*'?(?:[dt][ae]n)\s+fazla", re.I), "over"), (re.compile(r"^\s*(多|余|以上)"), "over"),
                (re.compile(r"^\s*左右"), "about"), (re.compile(r"^\s*(?:dan|dan\s+)?(ortiq|ko'p)", re.I), "over"),
                (re.compile(r"^\s*(астам|аса)"), "over"), (re.compile(r"^\s*'?(?:[dt][ae]n)\s+az", re.I), "under"),
                (re.compile(r"^\s*(?:and|or|oder|und|et|ou|o|y|e)\s+more\b", re.I), "over")]

# a digit run with optional thousands groups (comma, dot, space, apostrophe) and decimals
_NUMBER = re.compile(r"(?<!\d)(?<!\d[.,])(\d{1,3}(?:(?:[,.' ])\d{3})+|\d+)(?:([.,])(\d+))?(?![\d])")
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:a\.?m\.?|p\.?m\.?|uhr|h\b|giờ|ч\.?)|^\d{1,2}:\d{2}", re.I)
# an age, not a count: "40-jährige", "64-year-old", "40 tuổi", "64 ans", "61 años", "64 yaşında", "64岁"
_AGE = re.compile(r"[\s-]*(?:years?[\s-]old|jährig\w*|tuổi|ans\b|años|anni\b|anos\b|лет(?:н\w*)?\b|yaşında\w*|岁|歳)",
                  re.I)
_CJK_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万萬亿億]+")
_CJK_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CJK_UNIT = {"十": 10, "百": 100, "千": 1000}


def _digits(text: str) -> str:
    return text.translate(_TRANSLATE)


def _parse_digits(integer: str, sep: str | None, decimals: str | None) -> tuple[float, int]:
    """Value and number of decimals. Groups of exactly three digits after a separator are
    thousands in every language ("1.968", "1,968", "1 968"); otherwise the separator is decimal."""
    whole = float(re.sub(r"[,.' ]", "", integer))
    if sep is None:
        return whole, 0
    if len(decimals) == 3 and not re.search(r"[,.' ]", integer) and integer != "0":
        return float(integer + decimals), 0
    return float(f"{int(whole)}.{decimals}"), len(decimals)


def parse_cjk_numeral(text: str) -> float | None:
    """十四 -> 14, 三十 -> 30, 一千七百 -> 1700, 两万 -> 20000, 十五亿 -> 1.5e9."""
    total, section, digit = 0.0, 0.0, None
    for char in text:
        if char in _CJK_DIGIT:
            digit = _CJK_DIGIT[char]
        elif char in _CJK_UNIT:
            section += (digit if digit is not None else 1) * _CJK_UNIT[char]
            digit = None
        elif char in CJK_SCALES:
            section += digit or 0
            total += (section or 1) * CJK_SCALES[char]
            section, digit = 0.0, None
        else:
            return None
    value = total + section + (digit or 0)
    return value if value else None


def _word_after(text: str, at: int) -> str:
    match = re.match(r"\s*([^\W\d_]+(?:[-'][^\W\d_]+)?\.?)", text[at:at + 40])
    return match.group(1).lower() if match else ""


def _scale_after(text: str, at: int) -> tuple[float, int]:
    """A scale word right after a number ("1,5 Milliarden", "15亿", "2 bin 719" is handled apart)."""
    rest = text[at:at + 30]
    cjk = re.match(r"\s*([千万萬亿億兆]+)(?!米)", rest)  # 千米 is a kilometre, not a thousand
    if cjk:
        factor = 1.0
        for char in cjk.group(1):
            factor *= CJK_SCALES[char]
        return factor, at + cjk.end()
    match = re.match(r"\s*(mil\s+millones|mil\s+milhões|[^\W\d_]+)\.?", rest)
    if not match:
        return 1.0, at
    word = match.group(1).lower()
    if word in ("mil millones", "mil milhões"):
        return 1e9, at + match.end()
    if word in ("m", "b"):  # "$209 m", "$1.2 b": only after a currency sign
        if re.search(r"[$€£]\s*[\d.,]+$", text[max(0, at - 12):at]):
            return (1e6 if word == "m" else 1e9), at + match.end()
        return 1.0, at
    factor = SCALES.get(word)
    return (factor, at + match.end()) if factor else (1.0, at)


def _unit(text: str, start: int, end: int) -> tuple[str, float, int, int]:
    """(unit, factor to the unit's base, new start, new end) from the words around a number."""
    before = text[max(0, start - 6):start]
    for symbol, code in sorted(CURRENCY_PREFIX.items(), key=lambda kv: -len(kv[0])):
        if before.rstrip().endswith(symbol) and len(before) - len(before.rstrip()) <= 1:
            return code, 1.0, start - (len(before) - before.rstrip().rfind(symbol)), end
    rest = text[end:end + 40]
    if re.match(r"\s*[%]", rest):
        return "%", 1.0, start, end + rest.index("%") + 1
    if re.search(r"(?:yüzde|%)\s*$", text[max(0, start - 8):start], re.I):  # Turkish "yüzde 20", "%20"
        return "%", 1.0, start, end
    lowered = rest.lower()
    for word in PERCENT_WORDS:
        if re.match(rf"[\s-]*{re.escape(word)}", lowered):
            return "%", 1.0, start, end + len(re.match(rf"[\s-]*{re.escape(word)}\w*", lowered).group(0))
    word_match = re.match(r"\s*(?:de\s+|di\s+|of\s+)?([^\W\d_]+(?:\s[^\W\d_]+)?)", lowered)
    if word_match:
        for candidate in (word_match.group(1), word_match.group(1).split(" ")[0]):
            if candidate in CURRENCY_WORDS:
                return CURRENCY_WORDS[candidate], 1.0, start, end + word_match.end()
    cjk = re.match(r"\s*(美元|欧元|日元|人民币|元|円)", rest)
    if cjk:
        return CURRENCY_WORDS[cjk.group(1)], 1.0, start, end + cjk.end()
    if re.match(r"\s*crore", lowered):
        return "", 1.0, start, end
    for pattern, unit, factor in UNIT_WORDS:
        found = re.match(rf"[\s-]*(?:{pattern})(?!\w)", lowered)
        if not found and re.match(r"\s*[" + HAN + "]", rest):
            found = re.match(rf"\s*(?:{pattern})", lowered)
        if found:
            return unit, factor, start, end + found.end()
    if MAGNITUDE_BEFORE.search(text[max(0, start - 20):start]):
        return "magnitude", 1.0, start, end
    return "", 1.0, start, end


# "the passengers included 169 Indians", "Unter den Toten sind 52 Briten": a part, so the total is at least that
INCLUDING = re.compile(r"(?<![^\W\d_])(?:included|including|among|darunter|unter\s+den|parmi|dont|entre\s+ellos|incluid[oa]s|"
                       r"incluyendo|tra\s+cui|tra\s+i|в\s+том\s+числе|среди|из\s+них|arasında|trong\s+đó|bao\s+gồm|"
                       r"trong\s+số|其中|包括|بينهم|من\s+بين)(?![^\W\d_])", re.I)


def _approx(text: str, start: int, end: int) -> tuple[str, int]:
    """An approximation marker right before (or, for some languages, after) the number; a part of
    a total ("including 169") reads as "at least"."""
    before = text[max(0, start - 30):start].lower()
    stripped = before.rstrip()
    for word, kind in APPROX_BEFORE:
        if stripped.endswith(word):
            boundary = stripped[:-len(word)]
            if not boundary or not boundary[-1].isalpha() or not word[0].isalpha() or _is_cjk(word[0]):
                return kind, start - (len(before) - len(boundary))
    for pattern, kind in APPROX_AFTER:
        if pattern.match(text[end:end + 20]):
            return kind, start
    wider = text[max(0, start - 60):start].lower()  # "Unter den Toten sind nach Angaben der Airline 52 ..."
    clause = wider[max((m.end() for m in _CLAUSE_BREAK.finditer(wider)), default=0):]
    if INCLUDING.search(clause):
        return "part", start
    return "", start


def _interval(value: float, approx: str, precision: float) -> tuple[float, float]:
    """What the wording allows around the stated value."""
    slack = precision / 2
    if approx in ("over", "part"):
        return value - slack, INF
    if approx == "under":
        return 0.0, value + slack
    if approx == "nearly":
        return value * 0.85, value + slack
    if approx == "about":
        return min(value * 0.9, value - slack), max(value * 1.1, value + slack)
    return value - slack, value + slack


def _is_cjk(char: str) -> bool:
    return KANA_TO_HAN[0] <= char <= KANA_TO_HAN[-1]  # what lies between kana and Han too (CJK symbols)


def _number_before(text: str, at: int) -> float | None:
    match = re.search(r"(\d+)\s*$", text[max(0, at - 12):at])
    return float(match.group(1)) if match else None


def _skip(text: str, start: int, end: int, value: float, language: str = "") -> bool:
    """Not a quantity: clock times, codes and model numbers (AI171, 787-8, 11A, B-2), ordinals."""
    if _TIME.match(text[start:start + 14]) or text[max(0, start - 1):start] == ":":
        return True
    before = text[max(0, start - 1):start]
    after = text[end:end + 2]
    if before.isalpha() and not _is_cjk(before):
        return True  # AI171, GBU-57 is caught below
    if value >= 100 and language != "de" and re.search(r"(?<![.!?]\s)\b[A-Z][a-z]+\s$", text[max(0, start - 20):start]) and \
            not re.match(r"\s*[%$€]", text[end:end + 2]) and re.fullmatch(r"\d+", text[start:end]):
        return True  # a model number after a name: "Boeing 787", "Airbus 320"
    if before in ("-", "–", "#", "№", "/"):
        previous = _number_before(text, start - 1)
        if previous is None or previous >= value or before in "#№/":
            return True  # B-2, GBU-57, 787-8
    if after[:1] in ("-", "–", "/") and after[1:2].isdigit():
        following = re.match(r"[-–/](\d+)", text[end:end + 8])
        if after[:1] == "/" or float(following.group(1)) <= value:
            return True  # 787-8, 11/2025
    if re.match(r"(st|nd|rd|th|ème|er|e|º|ª|-?й|-?го|-?я|-?ый|-?ші|-?inci|\.\s*(?:platz|jahrestag))(?!\w)",
                text[end:end + 10]):
        return True
    if _AGE.match(text[end:end + 14]) or re.match(r"\s*[日号]", text[end:end + 2]):  # an age; "29日" is a day
        return True
    if re.match(r"[A-Za-z]", after[:1]) and not re.match(r"(bn|mn|m\b|km|k\b|t\b|h\b|min)", text[end:end + 4]):
        return True
    return False


def find_quantities(text: str, language: str = "en", skip_spans: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every quantity of a sentence, left to right. `skip_spans` are already known dates."""
    digits = _digits(text)
    skip_spans = skip_spans or []
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in skip_spans + taken)

    for match in _NUMBER.finditer(digits):
        start, end = match.span()
        if not free(start, end):
            continue
        value, decimals = _parse_digits(match.group(1), match.group(2), match.group(3))
        if _skip(digits, start, end, value, language):
            continue
        if re.fullmatch(r"\d{4}", match.group(0)) and 1800 <= value <= 2100 and \
                not re.match(rf"\s*(?:{'|'.join(ROLE_WORDS.values())})", digits[end:end + 30], re.I) and \
                not re.match(r"\s*(%|[^\W\d_]*\s*(people|persons|menschen|personnes|personas|человек|kişi|người))",
                             digits[end:end + 20], re.I):
            continue  # a year
        scale, scaled_end = _scale_after(digits, end)
        if scale == 1e3 and language == "tr" or scale == 1e3 and re.match(r"\s*\d{1,3}(?!\d)", digits[scaled_end:]):
            # Turkish "2 bin 719" = 2,719
            rest = re.match(r"\s*(\d{1,3})(?![\d.,])", digits[scaled_end:])
            if rest and scale == 1e3:
                value, scaled_end = value * 1e3 + float(rest.group(1)), scaled_end + rest.end()
                scale = 1.0
        precision = scale * 10 ** -decimals if (decimals or scale > 1) else 1.0
        value *= scale
        found.append(_finish(digits, text, start, scaled_end, value, precision, taken))
    for match in _CJK_NUMERAL.finditer(digits):
        start, end = match.span()
        if not free(start, end) or len(match.group(0)) == 1 and match.group(0) in "一十百千万亿":
            continue
        value = parse_cjk_numeral(match.group(0))
        if value is None:
            continue
        found.append(_finish(digits, text, start, end, value, 1.0, taken))
    for match in re.finditer(r"(?<![\w'])([^\W\d_]+(?:'[^\W\d_]+)?)(?![\w'])", digits):
        word = match.group(1).lower()
        start, end = match.span()
        if not free(start, end):
            continue
        if word in ROUND_NOUNS and re.search(r"\b(une|un|una|uma)\s*$", digits[max(0, start - 6):start].lower()):
            value = ROUND_NOUNS[word]
            q = _finish(digits, text, start, end, float(value), 1.0, taken, approx="about")
            found.append(q)
        elif word in NUMBER_WORDS and word not in ("cent", "sept") and _word_number_ok(digits, start, end, word):
            value = NUMBER_WORDS[word]
            if word in ("dozen", "dutzend", "hundred") and re.search(r"\b(two|three|a|zwei|drei)\s+$", digits[max(0, start - 7):start].lower()):
                continue  # "two dozen" is read from "two"
            if re.match(r"\s+(dozen|dutzend)\b", digits[end:end + 10].lower()):
                value *= 12
                end = end + re.match(r"\s+\w+", digits[end:]).end()
            scale, end2 = _scale_after(digits, end)
            found.append(_finish(digits, text, start, end2, value * scale, scale, taken))
    for pattern, low, high in VAGUE:
        for match in re.finditer(pattern, digits, re.I):
            start, end = match.span()
            if not free(start, end):
                continue
            scale, end2 = _scale_after(digits, end)
            if scale == 1.0:
                word = re.match(r"\s*(?:of\s+)?([^\W\d_]+)", digits[end:end + 20])
                if word and word.group(1).lower() in SCALES:
                    scale, end2 = SCALES[word.group(1).lower()], end + word.end()
            unit, _, _, unit_end = _unit(digits, start, end2)
            taken.append((start, max(end2, unit_end)))
            found.append(Quantity(start, max(end2, unit_end), text[start:max(end2, unit_end)], low * scale * 3,
                                  low * scale, high * scale, unit, "vague"))
    found.sort(key=lambda q: q.start)
    return _sentence_role(_ranges(found, digits), digits)


def _sentence_role(found: list[Quantity], text: str) -> list[Quantity]:
    """A plain count with no role word nearby takes the nearest casualty word before it (else the
    sentence's only one) that no other number of the sentence counts: the subject of a toll ("Số
    người thiệt mạng trong vụ máy bay … đã tăng lên 279 người": 279 counts the dead, not planes).
    Other roles are not spread this way ("20 hostages … in two groups": two is not hostages)."""
    claimed = {q.role for q in found}
    subjects = sorted((m.start(), role) for role, pattern in _ROLE if role in CASUALTY_ROLES and role not in claimed
                      for m in pattern.finditer(text))
    if not subjects:
        return found
    named = []
    for q in found:
        role = q.role
        if not role and not q.unit:
            earlier = [r for at, r in subjects if at < q.start]
            role = earlier[-1] if earlier else subjects[0][1] if len({r for _, r in subjects}) == 1 else ""
        named.append(q if role == q.role else Quantity(q.start, q.end, q.text, q.value, q.low, q.high, q.unit,
                                                       q.approx, role))
    return named


def _word_number_ok(text: str, start: int, end: int, word: str) -> bool:
    """A number word is a count when a word follows it (not "the two of them" at a sentence end)."""
    return bool(re.match(r"\s+[^\W\d_]", text[end:end + 3])) or bool(re.match(r"\s*(%|\$|€)", text[end:end + 3]))


def _finish(digits: str, text: str, start: int, end: int, value: float, precision: float,
            taken: list[tuple[int, int]], approx: str = "") -> Quantity:
    unit, factor, new_start, new_end = _unit(digits, start, end)
    marker, marker_start = _approx(digits, new_start, new_end)
    approx = approx or marker
    value *= factor
    low, high = _interval(value, approx, precision * factor)
    taken.append((min(new_start, marker_start), new_end))
    return Quantity(min(new_start, marker_start), new_end, text[min(new_start, marker_start):new_end], value,
                    low, high, unit, approx, count_role(digits, new_start, new_end))


def _ranges(found: list[Quantity], text: str) -> list[Quantity]:
    """"5-7", "5 to 7", "zwischen 5 und 7": one quantity spanning both numbers."""
    merged: list[Quantity] = []
    for quantity in found:
        if merged:
            previous = merged[-1]
            between = text[previous.end:quantity.start].strip().lower()
            if between in ("-", "–", "to", "bis", "à", "a", "до", "đến", "-ден", "至", "到", "~") and \
                    previous.unit in ("", quantity.unit) and previous.value < quantity.value:
                merged[-1] = Quantity(previous.start, quantity.end, text[previous.start:quantity.end], previous.value,
                                      previous.low, quantity.high, quantity.unit or previous.unit, "range")
                continue
            if previous.unit == quantity.unit == "min" and previous.value % 60 == 0 and quantity.value < 60 and \
                    between in ("", "and", "und", "et", "y", "и", "і", "va", "ve", "và", "零"):
                # "2 h 45 min", "два часа 45 минут": one duration
                total = previous.value + quantity.value
                low, high = _interval(total, previous.approx, 1.0)
                merged[-1] = Quantity(previous.start, quantity.end, text[previous.start:quantity.end], total, low, high,
                                      "min", previous.approx)
                continue
        merged.append(quantity)
    return merged


def agree(a: Quantity, b: Quantity) -> bool:
    """Two quantities of the same unit that the wording allows to be the same number. Intervals
    are half-open: "three" [2.5, 3.5) and "vier" [3.5, 4.5) do not agree."""
    return a.low < b.high and b.low < a.high


# Counts that grow as they are counted: the toll of the first evening and that of four days later
# differ by more than a factor of 4 and are still one fact ("at least 144 dead" and "2,719 dead" in
# Myanmar; tolls counted at different times conflict, examples/gold/compare.md "Estimates and results").
GROWING_ROLES = frozenset({"dead", "injured", "missing"})
MAX_RATIO, MAX_GROWING_RATIO = 4.0, 20.0


def comparable(a: Quantity, b: Quantity) -> bool:
    """Quantities that could state the same fact: the same unit, the same thing counted (a plain
    count needs a role word on both sides: "242 on board" and "265 dead" are not the same fact),
    and within a factor of 4 (of 20 for a toll of dead, injured or missing: `GROWING_ROLES`)."""
    if a.unit != b.unit or a.value <= 0 or b.value <= 0:
        return False
    if a.role != b.role or (not a.unit and not a.role):
        return False
    ratio = max(a.value, b.value) / min(a.value, b.value)
    return ratio <= (MAX_GROWING_RATIO if a.role in GROWING_ROLES else MAX_RATIO)


# a projection, not a report: "the toll could eventually exceed 10,000", "ölü sayısının 3 bini aşabileceğini"
PROJECTION = re.compile(r"(?<![^\W\d_])(?:could|might|may|would|expected\s+to|könnte\w*|dürfte\w*|pourrait|pourraient|"
                        r"podría\w*|potrebbe\w*|poderia\w*|może|mogą|может|могут|мог\w*|може|можуть|có\s+thể|"
                        r"dự\s+kiến|قد|يتوقع)(?![^\W\d_])|\w+[ae]bil(?:ir|ece)\w*|可能|或将|预计", re.I)


@lru_cache(maxsize=4096)  # asked once per pair of statements compared
def is_projection(text: str) -> bool:
    return bool(PROJECTION.search(text))


# an estimate of another kind than a count, named as such: an exit poll or an opinion poll, a projection,
# a forecast or a model ("according to the exit poll, 51.7 %" against the official 49.42 %; compare.md,
# "Estimates and results"). Stems, so that the inflected forms match: "опроса", "Umfragen", "sondeos".
ESTIMATE = re.compile(
    r"(?<![^\W\d_])(?:exit[\s-]?polls?|(?<!to\sthe\s)polls?(?!\s+(?:open|opened|opens|opening|close|closed|closes|closing)\b)|pollsters?|projections?|projected|forecasts?|"
    r"Umfrage\w*|Nachwahlbefragung\w*|Wählerbefragung\w*|Prognose\w*|Hochrechnung\w*|"
    r"sondages?|sortie\s+des\s+urnes|prévisions?|"
    r"sondeos?|encuestas?|(?:boca|pie)\s+de\s+urna|proyecci[oó]n\w*|pron[oó]stico\w*|"
    r"sondaggi\w*|proiezion\w*|previsione\w*|sondage[mn]s?|pesquisa\s+de\s+boca|proje[cç][aã]o|projeç[oõ]es|"
    r"sondaż\w*|prognoz\w*|экзит[\s-]?пол\w*|опрос\w*|прогноз\w*|опитуван\w*|екзит[\s-]?пол\w*|"
    r"anket\w*|projeksiyon\w*|thăm\s+dò|dự\s+báo|استطلاع\w*|توقعات|сауалнама\w*|so['ʻ’]rovnoma\w*)"
    r"(?![^\W\d_])|出口民调|民调|民意调查|出口调查|出口調査|世論調査|出口民調|출구조사|여론조사", re.I)


@lru_cache(maxsize=4096)
def is_estimate(text: str) -> bool:
    """The sentence names its figure as a poll, a projection or a forecast (not a count)."""
    return bool(ESTIMATE.search(text))


# "тур" and "tur" with their case endings only: "турецкий" (Turkish) and "turist" name no round
_TUR_RU = r"тур(?:а|у|ом|е|і|ы|ов|ах)?"
_TUR_TR = r"tur(?:u|un|unda|undaki|da|daki|a|dan|undan|unu)?"
# which round of a vote a figure belongs to: "237 votes in the first round" and "125 votes in the runoff"
# are two votes, not two versions of one
ROUNDS = (
    ("first", re.compile(rf"(?<![^\W\d_])(?:first\s+(?:round|ballot|vote)|erste[nm]?\s+Wahlgang|premier\s+tour|"
                         rf"primera\s+vuelta|primo\s+turno|primeiro\s+turno|pierwsz\w+\s+turz\w*|перв\w+\s+{_TUR_RU}|"
                         rf"перш\w+\s+{_TUR_RU}|ilk\s+{_TUR_TR}|vòng\s+(?:bỏ\s+phiếu\s+)?(?:đầu\s+tiên|thứ\s+nhất|một)|"
                         r"الجولة\s+الأولى)(?![^\W\d_])|首轮|第一轮|1回目|第1回投票", re.I)),
    ("second", re.compile(rf"(?<![^\W\d_])(?:run-?offs?|second\s+(?:round|ballot|vote)|Stichwahl\w*|zweite[nm]?\s+"
                          r"Wahlgang|second\s+tour|segunda\s+vuelta|ballottaggio|secondo\s+turno|segundo\s+turno|"
                          rf"drug\w+\s+turz\w*|втор\w+\s+{_TUR_RU}|друг\w+\s+{_TUR_RU}|ikinci\s+{_TUR_TR}|"
                          r"vòng\s+(?:bỏ\s+phiếu\s+)?(?:hai|thứ\s+hai|hai\s+)|الجولة\s+الثانية|جولة\s+الإعادة)"
                          r"(?![^\W\d_])|第二轮|决选|決選投票|2回目", re.I)),
)


@lru_cache(maxsize=4096)
def _round_cues(text: str) -> tuple[tuple[int, str], ...]:
    return tuple(sorted((m.start(), name) for name, pattern in ROUNDS for m in pattern.finditer(text)))


def vote_round(text: str, position: int) -> str:
    """The round of a vote ("first", "second") that the cue nearest to `position` names; "" if none."""
    cues = _round_cues(text)
    if not cues:
        return ""
    return min(cues, key=lambda cue: abs(cue[0] - position))[1]


@lru_cache(maxsize=1)
def supported_languages() -> tuple[str, ...]:
    return ("de", "en", "fr", "es", "it", "pt", "pl", "ru", "uk", "tr", "ar", "zh", "ja", "vi", "kk", "uz")
