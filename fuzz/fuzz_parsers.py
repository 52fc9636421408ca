"""Coverage-guided fuzzing of every parser with atheris (libFuzzer for Python).

    pip install atheris==3.0.0
    python fuzz/fuzz_parsers.py text fuzz/corpus/text -atheris_runs=700000
    python fuzz/fuzz_parsers.py xml  fuzz/corpus/xml  -atheris_runs=200000
    python fuzz/fuzz_parsers.py html fuzz/corpus/html -atheris_runs=100000

A crash is any exception other than the documented refusals (ReadError / ValueError from a parser
that says why). Each target prints its executions and the process's peak memory when it ends.
"""
from __future__ import annotations

import atexit
import resource
import sys
from datetime import date

import atheris

with atheris.instrument_imports():
    from tidings.model import RawArticle
    from tidings.read import ReadError, read_article
    from tidings.read.clean import strip_noise
    from tidings.read.dates import find_dates, parse_published
    from tidings.read.names import find_mentions, name_key
    from tidings.read.parse import parse
    from tidings.read.sentences import split_sentences
    from tidings.sources.feeds import feed_items, opml_feeds
    from tidings.entities.resolve import strip_roles, surname_similarity

RUNS = [0]
MODE = "?"


def text_target(data: bytes) -> None:
    RUNS[0] += 1
    fdp = atheris.FuzzedDataProvider(data)
    choice = fdp.ConsumeIntInRange(0, 3)
    text = fdp.ConsumeUnicodeNoSurrogates(2000)
    if choice == 0:
        sentences = split_sentences(text, "en")
        find_dates(text, sentences, date(2025, 6, 1))
        for mention in find_mentions(text, sentences, "de"):
            assert text[mention.start:mention.end] == mention.text
    elif choice == 1:
        strip_noise(text)
        parse_published(text)
        name_key(text)
        strip_roles(text)
        surname_similarity(text[:40], text[40:80])
    else:
        try:
            parse(RawArticle("fuzz", "txt" if choice == 2 else "jsonl", text.encode("utf-8")))
        except ReadError:
            pass


def xml_target(data: bytes) -> None:
    RUNS[0] += 1
    for item in feed_items("fuzz.xml", data):  # errors come back as SourceError items, never raised
        if isinstance(item, RawArticle):
            try:
                read_article(item)
            except ReadError:
                pass
    try:
        opml_feeds("fuzz.opml", data)
    except ValueError:
        pass


def html_target(data: bytes) -> None:
    RUNS[0] += 1
    try:
        parse(RawArticle("fuzz.html", "html", data))
    except ReadError:
        pass


def report() -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{MODE}: {RUNS[0]} executions, peak memory {peak:.0f} MB", flush=True)


if __name__ == "__main__":
    MODE = sys.argv.pop(1)
    target = {"text": text_target, "xml": xml_target, "html": html_target}[MODE]
    sys.argv[0] = f"{sys.argv[0]}:{target.__name__}"
    atexit.register(report)
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
