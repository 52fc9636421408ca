"""Build src/tidings/read/data/common_words.json.gz: per cased language, the frequent word forms
that are not names, so that a capitalised common word ('Tienen', 'Se', German 'Jahren', 'Vater')
is not taken for one.

Sources (build-time tools only; the package needs neither at run time):
* wordfreq (the most frequent --top words of each language, MIT code / CC BY-SA data) bounds the list;
* simplemma's lemma tables (MIT) decide: a form whose lemma is written in lower case is a common word
  (verb, adjective, function word), one whose lemma is capitalised may be a name. German capitalises
  every noun, so there a capitalised lemma is a common noun when it also has inflected forms other
  than a genitive -s (Vater: Väter, Vätern; Merkel only has Merkels).

    pip install wordfreq==3.1.1 simplemma==2.0.0
    .venv/bin/python bench/build_common_words.py
"""
from __future__ import annotations

import gzip
import json
from collections import defaultdict
from pathlib import Path

from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk
from wordfreq import top_n_list

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


def main(top: int = 30000) -> None:
    data = {language: common_words(language, top) for language in LANGUAGES}
    for language, words in data.items():
        print(language, len(words))
    with gzip.open(OUT, "wt", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
    print(OUT, OUT.stat().st_size // 1024, "KB")


if __name__ == "__main__":
    main()
