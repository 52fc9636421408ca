"""Source comparison: alignment and conflict quality against a gold file, and speed.

    python bench/bench_compare.py                    # quality on examples/gold/compare.json + speed
    python bench/bench_compare.py --sweep            # calibrate the alignment threshold and weights
    python bench/bench_compare.py --db /tmp/c.db     # reuse a store holding examples/corpus

Quality: the sample corpus is ingested with the real model; each gold story's articles are
compared (compare_articles over the gold's files, so grouping errors of the story stage do not
count here). Alignment: pairwise precision / recall / F1 over pairs of statements of different
articles (predicted: same group; gold: the same fact). Conflicts: precision / recall over the pairs
of statements reported as disagreeing.

Speed: 50 synthetic articles (bench/synthetic.py) in 8 languages, read by the pipeline, compared
cold (statement vectors computed) and warm (cached in the store); then the bad inputs: one article,
articles without numbers or dates, and 500 articles (capped).
"""
from __future__ import annotations

import argparse
import itertools
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from tidings.compare import AlignParams, compare_articles  # noqa: E402
from tidings.pipeline import Pipeline  # noqa: E402
from tidings.store.sqlite import Store  # noqa: E402

GOLD = ROOT / "examples" / "gold" / "compare.json"


def corpus_store(db: str | None) -> Store:
    if db and Path(db).exists():
        return Store(f"sqlite:///{db}")
    path = db or str(Path(tempfile.mkdtemp()) / "corpus.db")
    store = Store(f"sqlite:///{path}")
    Pipeline(store).ingest([str(ROOT / "examples" / "corpus")])
    return store


def article_ids(store: Store) -> dict[str, int]:
    rows = store.query("SELECT a.id, r.locator FROM articles a JOIN raw_articles r ON r.id = a.id")
    found = {}
    for row in rows:
        locator = row["locator"].replace("\\", "/")
        key = locator.split("examples/corpus/", 1)[-1]
        found[key] = row["id"]
    return found


def sentence_keys(store: Store, ids: dict[str, int]) -> dict[tuple[str, str], tuple[int, int]]:
    """(article file, sentence text) -> (article id, sentence index)."""
    found = {}
    for key, article_id in ids.items():
        text = store.query("SELECT text FROM articles WHERE id = ?", (article_id,))[0]["text"]
        for row in store.query('SELECT idx, start, "end" FROM sentences WHERE article_id = ?', (article_id,)):
            found[(key, text[row["start"]:row["end"]])] = (article_id, row["idx"])
    return found


def _pair(a, b) -> tuple:
    return (a, b) if a <= b else (b, a)


def evaluate(store: Store, gold: dict, params: AlignParams, embedder=None) -> dict:
    ids = article_ids(store)
    keys = sentence_keys(store, ids)
    totals = {"align_tp": 0, "align_pred": 0, "align_gold": 0, "conf_tp": 0, "conf_pred": 0, "conf_gold": 0}
    per_story = {}
    for event, story in gold["stories"].items():
        files = sorted({ref[0] for fact in story["facts"] for ref in fact["statements"]})
        result = compare_articles(store, [ids[f] for f in files], params=params, embedder=embedder)
        gold_pairs = set()
        for fact in story["facts"]:
            refs = [keys[tuple(ref)] for ref in fact["statements"] if tuple(ref) in keys]
            gold_pairs |= {_pair(a, b) for a, b in itertools.combinations(refs, 2) if a[0] != b[0]}
        predicted = set()
        for group in result["groups"]:
            refs = [(s["article_id"], s["sentence"]) for s in group["statements"]]
            predicted |= {_pair(a, b) for a, b in itertools.combinations(refs, 2) if a[0] != b[0]}
        gold_conflicts = {_pair(keys[tuple(a)], keys[tuple(b)]) for a, b in story["conflicts"]}
        found_conflicts = {_pair((p["a"]["article_id"], p["a"]["sentence"]), (p["b"]["article_id"], p["b"]["sentence"]))
                           for c in result["conflicts"] for p in c["pairs"]}
        counts = {"align_tp": len(predicted & gold_pairs), "align_pred": len(predicted), "align_gold": len(gold_pairs),
                  "conf_tp": len(found_conflicts & gold_conflicts), "conf_pred": len(found_conflicts),
                  "conf_gold": len(gold_conflicts)}
        for name, value in counts.items():
            totals[name] += value
        per_story[event] = counts
    return {"totals": totals, "stories": per_story, **scores(totals)}


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 1.0
    r = tp / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def scores(t: dict) -> dict:
    ap, ar, af = _prf(t["align_tp"], t["align_pred"], t["align_gold"])
    cp, cr, cf = _prf(t["conf_tp"], t["conf_pred"], t["conf_gold"])
    return {"align_p": ap, "align_r": ar, "align_f1": af, "conflict_p": cp, "conflict_r": cr, "conflict_f1": cf}


def quality(args) -> None:
    store = corpus_store(args.db)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    if args.sweep:
        for threshold, anchor, number in itertools.product((0.82, 0.84, 0.85, 0.86, 0.87, 0.88),
                                                            (0.0, 0.05, 0.1), (0.0, 0.03, 0.06)):
            result = evaluate(store, gold, AlignParams(threshold=threshold, anchor_weight=anchor, number_weight=number))
            print(f"threshold {threshold:.2f} anchor {anchor:.2f} number {number:.2f}  align P {result['align_p']:.3f} "
                  f"R {result['align_r']:.3f} F1 {result['align_f1']:.3f}  conflicts P {result['conflict_p']:.3f} "
                  f"R {result['conflict_r']:.3f}", flush=True)
        return
    result = evaluate(store, gold, AlignParams())
    print("| story | aligned pairs (gold) | predicted | correct | conflicts (gold) | reported | correct |")
    print("|---|---|---|---|---|---|---|")
    for event, c in result["stories"].items():
        print(f"| {event} | {c['align_gold']} | {c['align_pred']} | {c['align_tp']} | {c['conf_gold']} | "
              f"{c['conf_pred']} | {c['conf_tp']} |")
    print(f"\nalignment pairwise P {result['align_p']:.3f} R {result['align_r']:.3f} **F1 {result['align_f1']:.3f}**")
    print(f"conflicts P **{result['conflict_p']:.3f}** R **{result['conflict_r']:.3f}** F1 {result['conflict_f1']:.3f}")


def _ingest_synthetic(folder: Path, n: int, languages: int, words: int) -> tuple[Store, list[int]]:
    from synthetic import generate

    items = generate(ROOT / "examples" / "corpus", n * 3, words)
    chosen, seen = [], {}
    for item in items:  # n articles spread over the first `languages` languages the generator gives
        language = json.loads(item.content)["title"]
        code = _language_of(item)
        if code not in seen and len(seen) >= languages:
            continue
        seen.setdefault(code, 0)
        if seen[code] >= -(-n // languages) or len(chosen) >= n:
            continue
        seen[code] += 1
        chosen.append(item.content)
        del language
    path = folder / "story.jsonl"
    path.write_bytes(b"\n".join(chosen) + b"\n")
    store = Store(f"sqlite:///{folder / 'story.db'}")
    Pipeline(store).ingest([str(path)])
    ids = [r[0] for r in store.query("SELECT id FROM articles ORDER BY id")]
    return store, ids


def _language_of(item) -> str:
    from tidings.read import read_article

    return read_article(item).language


def speed(args) -> None:
    folder = Path(tempfile.mkdtemp())
    store, ids = _ingest_synthetic(folder, 50, 8, args.words)
    languages = store.query(f"SELECT COUNT(DISTINCT language) FROM articles WHERE id IN ({','.join(map(str, ids))})")[0][0]
    print(f"story: {len(ids)} synthetic articles (~{args.words} words) in {languages} languages")
    cold = compare_articles(store, ids)
    warm = compare_articles(store, ids)
    print(f"| compare, cold (statement vectors computed: {cold['vectors_computed']}) | {cold['seconds']:.2f} s |")
    print(f"| compare, warm (vectors cached in the store) | {warm['seconds']:.2f} s |")
    print(f"| statements / groups / conflicts | {warm['counts']['statements']} / {len(warm['groups'])} / "
          f"{warm['counts']['conflicts']} |")
    one = compare_articles(store, ids[:1])
    print(f"| one article | {one['seconds']:.3f} s, {len(one['groups'])} groups, all '{one['groups'][0]['verdict'] if one['groups'] else '-'}' |")
    bad(args, folder)
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def bad(args, folder: Path) -> None:
    """500 articles (hashing embedder to fill quickly; the caps bound the work) and articles without numbers."""
    from synthetic import generate
    from tidings.read.embed import HashingEmbedder

    items = generate(ROOT / "examples" / "corpus", 500, 200, seed=11)
    path = folder / "big.jsonl"
    path.write_bytes(b"\n".join(i.content for i in items) + b"\n")
    store = Store(f"sqlite:///{folder / 'big.db'}")
    embedder = HashingEmbedder(384)
    Pipeline(store, embedder=embedder).ingest([str(path)])
    ids = [r[0] for r in store.query("SELECT id FROM articles ORDER BY id")]
    started = time.perf_counter()
    result = compare_articles(store, ids, embedder=embedder)
    print(f"| {len(ids)} articles (hashing embedder) | {time.perf_counter() - started:.2f} s, compared "
          f"{result['compared_articles']} of {result['total_articles']}, {result['counts']['statements']} statements |")
    plain = folder / "plain"
    plain.mkdir()
    for i, text in enumerate(["The council met and talked about the harbour plans for a long time.",
                              "Le conseil s'est réuni et a parlé longuement des projets du port.",
                              "Der Rat traf sich und sprach lange über die Pläne für den Hafen."]):
        (plain / f"{i}.txt").write_text(f"Harbour talks {i}\n\n{text}\n", encoding="utf-8")
    store2 = Store(f"sqlite:///{folder / 'plain.db'}")
    Pipeline(store2, embedder=embedder).ingest([str(plain)])
    ids2 = [r[0] for r in store2.query("SELECT id FROM articles")]
    result = compare_articles(store2, ids2, embedder=embedder)
    print(f"| 3 articles without numbers or dates | {result['seconds']:.3f} s, {len(result['groups'])} groups, "
          f"{result['counts']['conflicts']} conflicts |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="a store holding examples/corpus (made if missing)")
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--words", type=int, default=300)
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    quality(args)
    if not args.sweep and not args.skip_speed:
        speed(args)


if __name__ == "__main__":
    main()
