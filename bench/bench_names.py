"""Cross-script name matching: accuracy@1 of picking a name's Latin spelling among 1,000 candidates.

Data: ../shared/eval/names/wd_SCRIPT_16 (dev split; `latin<TAB>t a r g e t<TAB>count`). For each
script, N queries (default 500, fixed seed): the native spelling is the query, the candidates are its
true Latin spelling plus 999 other Latin spellings from the same file. Two systems:
  baseline  anyascii(native) vs candidates, rapidfuzz ratio
  tidings   tidings.entities.transliterate.best_matches (learned tables, phonetic fold, rerank)

    .venv/bin/python bench/bench_names.py [--data ../shared/eval] [--queries 500] [--candidates 1000]
        [--scripts chinese,korean] [--split held --data DIR --model FILE]   (tuning on held-out *_64 pairs)
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from anyascii import anyascii  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from tidings.entities import transliterate  # noqa: E402
from tidings.entities.transliterate import best_matches  # noqa: E402

SCRIPTS = ["arabic", "chinese", "hebrew", "japanese", "katakana", "korean", "russian"]
LANG = {"arabic": "ar", "chinese": "zh", "hebrew": "he", "japanese": "ja", "katakana": "ja", "korean": "ko",
        "russian": "ru"}


def load(path: Path) -> list[tuple[str, str]]:
    pairs, seen = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and cols[0] and (cols[0], cols[1]) not in seen:
            seen.add((cols[0], cols[1]))
            pairs.append((cols[0], cols[1].replace(" ", "")))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "eval"))
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--candidates", type=int, default=1000)
    parser.add_argument("--scripts", default=",".join(SCRIPTS))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-language", action="store_true", help="do not pass the language hint")
    parser.add_argument("--split", default="16",
                        help="file suffix: 16 (dev) or 'held' (pairs of *_64 held out by train_translit.py "
                             "--holdout --held-dir, for tuning)")
    parser.add_argument("--model", default=None, help="a translit.json.gz other than the shipped one")
    args = parser.parse_args()
    if args.model:
        transliterate.MODEL_PATH = Path(args.model)
        transliterate._model.cache_clear()
    print(f"{'script':10} {'queries':>7} {'baseline@1':>10} {'tidings@1':>9} {'tidings@5':>9} {'ms/query':>8}")
    for script in args.scripts.split(","):
        pairs = load(Path(args.data) / "names" / f"wd_{script}_{args.split}")
        rng = random.Random(args.seed)
        latin_all = sorted({latin for latin, _ in pairs})
        queries = rng.sample(pairs, min(args.queries, len(pairs)))
        base_hits = hits = hits5 = 0
        elapsed = 0.0
        for latin, native in queries:
            others = rng.sample(latin_all, args.candidates)
            others = [c for c in others if c != latin][: args.candidates - 1]
            candidates = others + [latin]
            rng.shuffle(candidates)
            # baseline: anyascii + rapidfuzz ratio
            query = anyascii(native).lower()
            top = process.extractOne(query, [c.lower() for c in candidates], scorer=fuzz.ratio)
            base_hits += candidates[top[2]] == latin
            t0 = time.perf_counter()
            ranked = best_matches(native, candidates, k=5, language=None if args.no_language else LANG[script])
            elapsed += time.perf_counter() - t0
            hits += bool(ranked) and ranked[0][0] == latin
            hits5 += latin in [c for c, _ in ranked]
        n = len(queries)
        print(f"{script:10} {n:7d} {base_hits / n:10.3f} {hits / n:9.3f} {hits5 / n:9.3f} {1000 * elapsed / n:8.1f}",
              flush=True)


if __name__ == "__main__":
    main()
