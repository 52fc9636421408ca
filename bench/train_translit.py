"""Learn the character -> Latin segment tables of tidings.entities.transliterate.

Reads the Wikidata name pairs (CC0) in ../shared/eval/names: only the training split `*_64` (and the
full-name files wd_hebrew / wd_korean, split into words where the word counts agree, of which only
the words whose Latin spelling is a training word of `*_64` are read: those files also hold the dev and
the held-back words). The dev split `*_16` is never read here; bench/bench_names.py evaluates on it.

Hard EM: align every pair with the current table (Viterbi, monotone, each native unit standing
for 0..5 Latin letters; the first round uses an anyascii prior), count unit -> segment, re-estimate,
repeat. Besides P(segment | unit) it writes P(unit | segment) (the reverse direction the reranking
adds) and P(segment | unit, next unit). Writes src/tidings/entities/data/translit.json.gz (~0.7 MB).

    .venv/bin/python bench/train_translit.py [--data ../shared/eval] [--pairs 200000] [--rounds 4]
    # for tuning: leave 15 % of the *_64 Latin words out and write them for bench_names.py --split held
    .venv/bin/python bench/train_translit.py --tables zh,zhi,ko --holdout 0.15 --held-dir DIR --out DIR/ho.json.gz
    # --dump-counts DIR keeps each EM round's counts (pickle), to rebuild tables with other settings

About 15 minutes on 2 cores with every pair (the default).
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
import zlib
from collections import Counter, defaultdict
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from tidings.entities import transliterate as tr

# zhi: Chinese by the initials and finals of the pinyin (the companion of zh, which reads whole syllables)
FILES = {"ar": ["wd_arabic_64"], "zh": ["wd_chinese_64"], "zhi": ["wd_chinese_64"],
         "he": ["wd_hebrew_64", "wd_hebrew"], "ja": ["wd_japanese_64", "wd_katakana_64"],
         "ko": ["wd_korean_64", "wd_korean"], "ru": ["wd_russian_64"]}


# the final Chinese table keeps segments seen once: its ~340 pinyin units are spelled loosely and
# many correct spellings are rare (held-out *_64 pairs, 1,000 queries: 0.826 -> 0.839 and 0.823 -> 0.840;
# Korean 0.824 either way)
FINAL_MIN_COUNT = {"zh": 1}


def held_out(latin: str, share: float) -> bool:
    """Whether a Latin word is held out of training (a stable share of the words, like the split
    itself, which is by Latin word: no Latin word of `*_16` is in `*_64`)."""
    return share > 0 and zlib.crc32(latin.lower().encode("utf-8")) % 1000 < share * 1000


def read_pairs(folder: Path, table: str, limit: int, seed: int = 7, holdout: float = 0.0,
               held: list | None = None) -> list[tuple[list[str], str]]:
    """Training pairs (units, letters). The full-name files wd_hebrew / wd_korean hold the words of
    every split (dev `*_16` and the held-back test words as well), so only their words whose Latin
    spelling is a training word of `*_64` are read. With `holdout`, that share of the `*_64` Latin
    words is left out of training and its pairs go to `held` (script file name, latin, native)."""
    pairs: list[tuple[list[str], str]] = []
    train_words: set[str] = set()
    for name in FILES[table]:
        if not name.endswith("_64"):
            continue
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) >= 2 and not held_out(cols[0], holdout):
                train_words.add(cols[0].lower())
    for name in FILES[table]:
        path = folder / name
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) < 2:
                continue
            if name.endswith("_64"):
                if held_out(cols[0], holdout):
                    if held is not None:
                        held.append((name, cols[0], cols[1].replace(" ", "")))
                    continue
                words = [(cols[0], cols[1].replace(" ", ""))]
            else:  # full names: word by word when the counts agree, training words only
                latin_words, native_words = cols[0].split(), cols[1].split()
                if len(latin_words) != len(native_words):
                    continue
                words = [(lw, nw) for lw, nw in zip(latin_words, native_words) if lw.lower() in train_words]
            for latin, native in words:
                units, letters = tr._units(native, table), tr.latin_letters(latin)
                if units and letters and len(units) <= 20 and len(letters) <= 30:
                    pairs.append((units, letters))
    random.Random(seed).shuffle(pairs)
    return pairs[:limit]


def _align_chunk(args):
    chunk, logp = args
    counts: Counter = Counter()
    context: Counter = Counter()
    following: Counter = Counter()  # (unit, next unit, segment): the two-way model's context
    for units, letters in chunk:
        score, segments = tr.align_score(units, letters, logp, return_path=True)
        if score < -1e17:
            continue
        for i, (unit, segment) in enumerate(zip(units, segments)):
            counts[(unit, segment)] += 1
            prev = units[i - 1] if i else "^"
            nxt = units[i + 1] if i + 1 < len(units) else "$"
            context[(prev + unit + nxt, segment)] += 1
            context[(unit + nxt + ">", segment)] += 1
            following[(unit, nxt, segment)] += 1
    return counts, context, following


def estimate(counts: Counter, min_count: int = 2) -> dict[str, dict[str, float]]:
    by_unit: dict[str, Counter] = defaultdict(Counter)
    for (unit, segment), c in counts.items():
        by_unit[unit][segment] += c
    table = {}
    for unit, segs in by_unit.items():
        total = sum(segs.values()) + 1.0
        kept = {s: round(math.log(c / total), 2) for s, c in segs.items() if c >= min_count or len(segs) == 1}
        if kept:
            table[unit] = kept
    return table


def estimate_reverse(counts: Counter, logp: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """log P(unit | segment) for the pairs the forward table kept: how surely a Latin segment comes
    from this unit. It makes dropping a unit (segment '', which most units can take) costly unless
    the unit is one that is usually silent."""
    by_segment: Counter = Counter()
    for (_unit, segment), c in counts.items():
        by_segment[segment] += c
    return {unit: {s: round(math.log(counts[(unit, s)] / (by_segment[s] + 1.0)), 2) for s in segs}
            for unit, segs in logp.items()}


def estimate_next(following: Counter, logp: dict[str, dict[str, float]], weight: float = 3.0,
                  min_total: int = 5) -> dict[str, dict[str, float]]:
    """log P(segment | unit, next unit), smoothed towards P(segment | unit), keyed 'unit<TAB>next':
    how a unit is spelled depends on what follows (Hangul final ㄹ before initial ㄹ is 'll'; 斯 at
    the end of a name is 's'). Kept for unit pairs seen at least `min_total` times. A row holds the
    segments seen in that context and, under the key TAB, the offset that turns the unit's own
    score of any other segment into its score here (smoothing scales them all alike)."""
    by_pair: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for (unit, nxt, segment), c in following.items():
        by_pair[(unit, nxt)][segment] += c
    table = {}
    for (unit, nxt), segs in by_pair.items():
        base = logp.get(unit)
        total = sum(segs.values())
        if total < min_total or not base:
            continue
        row = {segment: round(math.log((segs[segment] + weight * math.exp(base_logp)) / (total + weight)), 2)
               for segment, base_logp in base.items() if segs.get(segment)}
        row["\t"] = round(math.log(weight / (total + weight)), 2)
        table[unit + "\t" + nxt] = row
    return table


def train(folder: Path, table: str, limit: int, rounds: int, workers: int, holdout: float = 0.0,
          held: list | None = None, dump: Path | None = None) -> dict:
    pairs = read_pairs(folder, table, limit, holdout=holdout, held=held)
    logp: dict[str, dict[str, float]] = {}
    chunks = [pairs[i::workers * 4] for i in range(workers * 4)]
    for round_ in range(rounds):
        with Pool(workers) as pool:
            results = pool.map(_align_chunk, [(c, logp) for c in chunks])
        counts, context, following = Counter(), Counter(), Counter()
        for c, x, f in results:
            counts.update(c)
            context.update(x)
            following.update(f)
        logp = estimate(counts)
        print(f"{table}: round {round_ + 1}, {len(pairs)} pairs, {len(logp)} units", flush=True)
        if dump is not None:  # the counts of every round, to rebuild tables with other settings
            import pickle
            dump.mkdir(parents=True, exist_ok=True)
            with open(dump / f"{table}_round{round_ + 1}.pkl", "wb") as handle:
                pickle.dump((counts, context, following), handle)
    return build_tables(counts, context, following, FINAL_MIN_COUNT.get(table, 2))


def build_tables(counts: Counter, context: Counter, following: Counter, min_count: int = 2) -> dict:
    """The tables written for one script from the last EM round's counts; segments seen fewer than
    `min_count` times for a unit are dropped (EM itself always drops those seen once)."""
    logp = estimate(counts, min_count)
    reverse = estimate_reverse(counts, logp)
    best = {u: max(s, key=s.get) for u, s in logp.items()}
    by_context: dict[str, Counter] = defaultdict(Counter)
    for (key, segment), c in context.items():
        by_context[key][segment] += c
    ctx = {}
    for key, segs in by_context.items():
        segment, c = segs.most_common(1)[0]
        unit = key[1:-1] if not key.endswith(">") else key[:-2]
        if c >= 3 and c / sum(segs.values()) >= 0.5 and segment != best.get(unit):
            ctx[key] = segment
    return {"logp": logp, "reverse": reverse, "next": estimate_next(following, logp), "best": best, "context": ctx}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "eval"))
    parser.add_argument("--pairs", type=int, default=200000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tables", default="ar,zh,zhi,he,ja,ko,ru")
    parser.add_argument("--out", default=str(tr.MODEL_PATH))
    parser.add_argument("--holdout", type=float, default=0.0,
                        help="share of the *_64 Latin words left out of training, for tuning (e.g. 0.15)")
    parser.add_argument("--held-dir", default=None,
                        help="with --holdout: write the held-out pairs here as names/wd_SCRIPT_held, "
                             "for bench_names.py --data DIR --split held")
    parser.add_argument("--dump-counts", default=None, help="write each EM round's counts here (pickle), for tuning")
    args = parser.parse_args()
    folder = Path(args.data) / "names"
    model = {}
    out = Path(args.out)
    if out.exists():
        with gzip.open(out, "rt", encoding="utf-8") as handle:
            model = json.load(handle)
    for table in args.tables.split(","):
        held: list = []
        model[table] = train(folder, table, args.pairs, args.rounds, args.workers, args.holdout, held,
                             Path(args.dump_counts) if args.dump_counts else None)
        if args.held_dir and held:
            target = Path(args.held_dir) / "names"
            target.mkdir(parents=True, exist_ok=True)
            for name in {n for n, _l, _t in held}:
                with open(target / name.replace("_64", "_held"), "w", encoding="utf-8") as handle:
                    handle.writelines(f"{latin}\t{' '.join(native)}\t1\n" for n, latin, native in held if n == name)
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as handle:
        json.dump(model, handle, ensure_ascii=False, separators=(",", ":"))
    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
