"""Mention recognition: span-level micro F1 (exact span + type, seqeval-style) on WikiNEuRal / WikiANN.

Data: ../shared/eval/ner/{wikineural,wikiann}/LANG/test.conllu (`idx<TAB>token<TAB>IOB2 tag`). Each
sentence's tokens are joined with single spaces, `find_mentions` runs on that text (one sentence),
and predicted character spans are mapped back to token spans (a prediction that does not start and
end on token boundaries can match nothing). Scored types: PER, LOC, ORG. Gold MISC spans are not
scored: a prediction exactly matching a MISC span (any type) is ignored, any other prediction that
matches no gold span of its type is a false positive.

    .venv/bin/python bench/bench_ner.py [--data ../shared/eval] [--sample 2000 | --all] [--langs de,en] [--rules] [--dev]

--dev scores --sample *other* sentences of the same files: none of the reported sample's (seed 5),
drawn with the seed + 1. Develop rules on those, and report the standard sample only at the end.

The "model" column says which recogniser ran: the language's optional NER model (tidings[ner],
combined with the rules) or "rules". --rules measures the rules alone where a model is installed.
ms/500w is per sentence-sized call (a model's fixed cost per call weighs more here than on articles).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("TIDINGS_NER_MODELS", "1")  # measure the models where installed (--rules: without)
from tidings.model import Sentence  # noqa: E402
from tidings.read.names import find_mentions  # noqa: E402
from tidings.read.recognise import MODELS, recogniser  # noqa: E402

SETS = {"wikineural": "de en es fr it nl pl pt ru".split(), "wikiann": "de en es nl pl ru".split()}
TYPES = ("PER", "LOC", "ORG")


def read_conllu(path: Path) -> list[tuple[list[str], list[str]]]:
    sentences, tokens, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tokens:
                sentences.append((tokens, tags))
            tokens, tags = [], []
            continue
        cols = line.split("\t")
        if len(cols) >= 3:
            tokens.append(cols[1])
            tags.append(cols[2])
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def gold_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    spans, start, kind = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != kind):
            if start is not None:
                spans.add((start, i, kind))
            start, kind = (i, tag[2:]) if tag != "O" else (None, None)
    return spans


def evaluate(sentences, language: str, models: bool = True) -> tuple[Counter, Counter, Counter, float, int]:
    tp, fp, fn = Counter(), Counter(), Counter()
    elapsed, words = 0.0, 0
    for tokens, tags in sentences:
        text = " ".join(tokens)
        starts, ends, offset = {}, {}, 0
        for i, token in enumerate(tokens):
            starts[offset] = i
            ends[offset + len(token)] = i + 1
            offset += len(token) + 1
        t0 = time.perf_counter()
        mentions = find_mentions(text, [Sentence(start=0, end=len(text), text=text)], language, models)
        elapsed += time.perf_counter() - t0
        words += len(tokens)
        gold = gold_spans(tags)
        misc = {(s, e) for s, e, k in gold if k not in TYPES}
        scored_gold = {g for g in gold if g[2] in TYPES}
        predicted = set()
        for m in mentions:
            if m.type not in TYPES:
                continue
            span = (starts.get(m.start, -1), ends.get(m.end, -1), m.type)
            if (span[0], span[1]) in misc:
                continue
            predicted.add(span if span[0] >= 0 and span[1] >= 0 else (m.start, -m.end, m.type))
        for span in predicted:
            (tp if span in scored_gold else fp)[span[2]] += 1
        for span in scored_gold - predicted:
            fn[span[2]] += 1
    return tp, fp, fn, elapsed, words


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pick(sentences: list, args) -> list:
    """The reported sample (seed), every sentence (--all), or --dev: as many others, none of the sample's."""
    if args.all or len(sentences) <= args.sample and not args.dev:
        return sentences
    reported = random.Random(args.seed).sample(range(len(sentences)), min(args.sample, len(sentences)))
    if not args.dev:
        return [sentences[i] for i in reported]
    rest = sorted(set(range(len(sentences))) - set(reported))
    return [sentences[i] for i in random.Random(args.seed + 1).sample(rest, min(args.sample, len(rest)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "eval"))
    parser.add_argument("--sample", type=int, default=2000, help="sentences per language and set")
    parser.add_argument("--all", action="store_true", help="every sentence")
    parser.add_argument("--sets", default="wikineural,wikiann")
    parser.add_argument("--langs", default="")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--rules", action="store_true", help="rules only, even where a model is installed")
    parser.add_argument("--dev", action="store_true",
                        help="a development sample: sentences the reported sample does not hold")
    args = parser.parse_args()
    wanted = set(args.langs.split(",")) if args.langs else None
    find_mentions("Warm-up: load the gazetteers in Berlin.", [], "en")  # not timed
    print(f"{'set':10} {'lang':4} {'model':22} {'P':>5} {'R':>5} {'F1':>5} | {'PER':>5} {'LOC':>5} {'ORG':>5} | {'ms/500w':>7}")
    for set_name in args.sets.split(","):
        for language in SETS[set_name]:
            if wanted and language not in wanted:
                continue
            sentences = read_conllu(Path(args.data) / "ner" / set_name / language / "test.conllu")
            sentences = pick(sentences, args)
            model = "rules"
            if not args.rules and language in MODELS and recogniser(language) is not None:  # loads it, not timed
                model = MODELS[language][0]
            tp, fp, fn, elapsed, words = evaluate(sentences, language, not args.rules)
            p, r, f = f1(sum(tp.values()), sum(fp.values()), sum(fn.values()))
            per_type = [f1(tp[t], fp[t], fn[t])[2] for t in TYPES]
            ms = 1000 * elapsed / max(words, 1) * 500
            print(f"{set_name:10} {language:4} {model:22} {p:5.2f} {r:5.2f} {f:5.2f} | "
                  + " ".join(f"{x:5.2f}" for x in per_type) + f" | {ms:7.1f}", flush=True)


if __name__ == "__main__":
    main()
