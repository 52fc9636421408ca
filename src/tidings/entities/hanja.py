"""Korean people written in Chinese characters: their Korean reading, and how well it explains another spelling.

A Chinese article writes a Korean person in Chinese characters ('金文洙' for Kim Moon-soo, '李在明',
'尹锡悦'); the other languages write the same person in Hangul, Latin or Cyrillic letters. Read in
Mandarin ('jin wen zhu') the name joins none of them. `korean_readings_of` reads such a name as
Korean, character by character, from `data/han_readings.json.gz` (the Sino-Korean reading of
28,313 characters in their traditional, simplified and Japanese forms; built by
`bench/build_han_readings.py` from the hanja package's table and OpenCC's character tables) with
the initial sound law ('李' 리 -> 이, '卢' 로 -> 노) and the surnames' own readings ('金' 김, not 금).

Only a name shaped like a Korean person's is read so: a Korean surname (one of the common ones, or a
two-character one: '南宫', '皇甫'), then a given name of one or two characters. And the Korean reading
counts only where it, and not the Mandarin reading, explains the other spelling
(`korean_similarity`): a Chinese person ('李强', Li Qiang) is compared as Chinese.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..textutil import HAN, HAN_EXT_A, bundled_json

TABLE_PATH = Path(__file__).with_name("data") / "han_readings.json.gz"
_HAN = re.compile("^[" + HAN + HAN_EXT_A + "]+$")
_ANY_HAN = re.compile("[" + HAN + HAN_EXT_A + "]")
_SEPARATORS = re.compile(r"[\s·・•‧\-]+")

# the common Korean surnames, traditional and simplified forms (about 95 % of Koreans bear one of them)
KOREAN_SURNAMES = set(
    "金李朴崔鄭郑姜趙赵尹張张林韓韩吳吴徐申權权黃黄安宋柳全洪高文梁孫孙裵裴白許许劉刘南沈盧卢河丁成車车"
    "具郭禹朱任羅罗辛閔闵兪俞池陳陈嚴严元蔡千方孔康玄咸卞廉楊杨邊边呂吕秋都魯鲁石蘇苏愼慎宣薛馬马吉周延"
    "房魏表明奇潘王琴玉陸陆印孟諸诸卓秦睦余")
KOREAN_DOUBLE_SURNAMES = {"南宮", "南宫", "皇甫", "諸葛", "诸葛", "鮮于", "鲜于", "獨孤", "独孤", "西門", "西门",
                          "司空", "東方", "东方"}
# surnames read otherwise than the character's usual reading
_SURNAME_READINGS = {"金": "김", "車": "차", "车": "차", "葛": "갈"}

# the initial sound law (두음법칙): at the start of a word ㄹ before i / y is silent and becomes ㄴ
# before other vowels, and ㄴ before i / y is silent (리 -> 이, 로 -> 노, 녀 -> 여)
_Y_VOWELS = {2, 3, 6, 7, 12, 17, 20}  # ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ
_R, _N, _SILENT = 5, 2, 11


def _initial_law(syllable: str) -> str:
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 11172:
        return syllable
    initial, vowel, final = code // 588, (code % 588) // 28, code % 28
    if initial == _R:
        initial = _SILENT if vowel in _Y_VOWELS else _N
    elif initial == _N and vowel in _Y_VOWELS:
        initial = _SILENT
    return chr(0xAC00 + initial * 588 + vowel * 28 + final)


@lru_cache(maxsize=1)
def _data() -> dict:
    """The reading tables (both languages), read once."""
    return bundled_json(TABLE_PATH) or {}


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Chinese character -> its Korean reading in Hangul."""
    return {char: hangul for hangul, chars in _data().get("ko", {}).items() for char in chars}


def korean_shape(name: str) -> tuple[str, str] | None:
    """(surname, given name) of a name in Chinese characters shaped like a Korean person's: a
    common Korean surname (or a two-character one) and a given name of one or two characters;
    else None. A separator between the two is allowed ('金·文洙')."""
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", name or ""))
    if not 2 <= len(text) <= 4 or not _HAN.match(text):
        return None
    if text[:2] in KOREAN_DOUBLE_SURNAMES and 3 <= len(text) <= 4:
        return text[:2], text[2:]
    if text[0] in KOREAN_SURNAMES and len(text) <= 3:
        return text[0], text[1:]
    return None


def korean_readings_of(name: str) -> list[tuple[str, str]]:
    """The Korean readings (surname, given name in Hangul) of a Korean-shaped name in Chinese
    characters: '金文洙' -> [('김', '문수')], '李在明' -> [('이', '재명')]; a given name whose first
    syllable the initial sound law changes is read both ways ('柳麗' -> 유려, 유여). [] when the name
    is not Korean-shaped or a character has no reading."""
    shape = korean_shape(name)
    table = _table()
    if shape is None or not table:
        return []
    surname, given = shape
    surname_hangul = ""
    for i, char in enumerate(surname):
        reading = _SURNAME_READINGS.get(char) if i == 0 else None
        reading = reading or table.get(char)
        if reading is None:
            return []
        surname_hangul += _initial_law(reading) if i == 0 else reading
    given_hangul = ""
    for char in given:
        reading = table.get(char)
        if reading is None:
            return []
        given_hangul += reading
    found = [(surname_hangul, given_hangul)]
    lawful = _initial_law(given_hangul[0]) + given_hangul[1:]
    if lawful != given_hangul:
        found.append((surname_hangul, lawful))
    return found


def _latin_readings(surname: str, given: str) -> list[tuple[list[str], list[str]]]:
    """(surname spellings, given-name spellings) in Latin letters of a Hangul reading."""
    from .transliterate import korean_readings

    surnames = korean_readings(surname)
    givens = korean_readings(given)
    if len(given) > 1:  # the syllables one by one, as a hyphen or a space writes them ('Moon-soo', 'Suk Yeol')
        pieces = [korean_readings(syllable) for syllable in given]
        givens = givens + ["".join(p[0] for p in pieces), "".join(p[-1] for p in pieces)]
    return [(surnames, list(dict.fromkeys(givens)))]


def _folded(text: str) -> str:
    from .transliterate import phonetic

    return phonetic(text)


def korean_similarity(han: str, other: str) -> float:
    """How well the Korean reading of a Korean-shaped name in Chinese characters explains another
    spelling of a name (0..1): 1 for the same Hangul, else the best fuzzy ratio of the phonetically
    folded Latin readings (surname first or last) to the other name's Latin form ('金文洙' /
    'Kim Moon-soo' 1.0, / 'Ким Мун Су' 1.0). 0 when the name is not Korean-shaped, when the other is
    in Chinese characters too, or of one word (a surname alone is decided in its article)."""
    from .transliterate import _ratio, latin_form, latin_letters

    readings = korean_readings_of(han)
    if not readings or not other or _ANY_HAN.search(other):
        return 0.0
    hangul = re.sub(r"[^\uac00-\ud7a3]", "", other)
    if hangul and len(hangul) == len(re.sub(r"[\s\-]", "", other)):
        return 1.0 if any(s + g == hangul for s, g in readings) else 0.0
    parts = [p for p in re.split(r"[\s\-‐·・=＝_,.]+", other) if p]
    if len(parts) < 2:
        return 0.0
    if re.search(r"[A-Za-z]", other) and not re.search(r"[^\x00-\u024f\s\-‐'’.]", other):
        target = _folded(latin_letters(other))
    else:
        target = _folded(latin_form(other).replace(" ", ""))
    if not target:
        return 0.0
    best = 0.0
    for surname, given in readings:
        for surnames, givens in _latin_readings(surname, given):
            for s in surnames:
                for g in givens:
                    best = max(best, _ratio(_folded(s + g), target), _ratio(_folded(g + s), target))
    return best


# -- Japanese -------------------------------------------------------------------------------------
# A Japanese person in a Chinese article ('小泉进次郎', '高市早苗') is read by the surnames and given
# names of Sudachi's small dictionary (Apache-2.0; `bench/build_han_readings.py` keeps its person
# names written in kanji, with their readings in Latin letters): the name is split into a listed
# surname and a listed given name, its simplified characters taken to their Japanese forms first
# ('进' -> '進', '泽' -> '沢').

_KANA = ("a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho "
         "ma mi mu me mo ya yu yo ra ri ru re ro wa wi we wo n ga gi gu ge go za ji zu ze zo da ji zu de do "
         "ba bi bu be bo pa pi pu pe po vu").split()
_KANA_CHARS = ("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヰヱヲン"
               "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴ")
_KANA_LATIN = dict(zip(_KANA_CHARS, _KANA))
_SMALL = {"ャ": "ya", "ュ": "yu", "ョ": "yo", "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}


def kana_latin(text: str) -> str:
    """Katakana or hiragana in Hepburn Latin letters without long vowels marked ('シンジロウ' ->
    'shinjirou', 'タカイチ' -> 'takaichi'); other characters are dropped."""
    out: list[str] = []
    double = False
    for ch in text:
        if "\u3041" <= ch <= "\u3096":
            ch = chr(ord(ch) + 0x60)  # hiragana -> katakana
        if ch == "ッ":
            double = True
            continue
        if ch in _SMALL and out:
            small = _SMALL[ch]
            previous = out[-1]
            if previous.endswith("i") and small.startswith("y") and len(previous) > 1:
                stem = previous[:-1]
                out[-1] = (stem if stem.endswith(("sh", "ch", "j")) else stem + "y") + small[1:]
            else:
                out[-1] = previous[:-1] + small if len(previous) > 1 else small
            continue
        latin = _KANA_LATIN.get(ch)
        if latin is None:
            continue
        if double and latin[0] not in "aiueon":
            latin = ("t" if latin.startswith("ch") else latin[0]) + latin
        double = False
        out.append(latin)
    return "".join(out)


@lru_cache(maxsize=1)
def _japanese() -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, str]]:
    """(surname -> readings, given name -> readings, Chinese form of a character -> its Japanese form)."""
    ja = _data().get("ja", {})
    return ja.get("surnames", {}), ja.get("given", {}), ja.get("forms", {})


def japanese_readings_of(name: str) -> list[tuple[str, str]]:
    """(surname, given name) readings in Latin letters of a name in Chinese characters that splits
    into a surname and a given name Sudachi lists ('小泉进次郎' -> [('koizumi', 'shinjirou')]);
    [] for any other."""
    surnames, given_names, forms = _japanese()
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", name or ""))
    if not surnames or not 2 <= len(text) <= 6 or not _HAN.match(text):
        return []
    text = "".join(forms.get(ch, ch) for ch in text)
    found = []
    for cut in range(1, len(text)):
        for surname in surnames.get(text[:cut], ()):
            for given in given_names.get(text[cut:], ()):
                found.append((surname, given))
    return found


def japanese_similarity(han: str, other: str) -> float:
    """How well a Japanese reading of a name in Chinese characters explains another spelling (Latin,
    Cyrillic or kana; of two words or more, or kana): the best fuzzy ratio of the phonetically folded
    readings (surname first or last) to the other's Latin form; 0 when it has no such reading."""
    from .transliterate import _ratio, latin_form, latin_letters

    readings = japanese_readings_of(han)
    if not readings or not other or _ANY_HAN.search(other):
        return 0.0
    kana = re.sub(r"[^\u3041-\u30ff]", "", other)
    if kana:
        target = _folded(kana_latin(other))
    else:
        if len([p for p in re.split(r"[\s\-‐·・=＝_,.]+", other) if p]) < 2:
            return 0.0
        latin = re.search(r"[A-Za-z]", other) and not re.search(r"[^\x00-\u024f\s\-‐'’.]", other)
        target = _folded(latin_letters(other) if latin else latin_form(other).replace(" ", ""))
    if not target:
        return 0.0
    return max(max(_ratio(_folded(s + g), target), _ratio(_folded(g + s), target)) for s, g in readings)
