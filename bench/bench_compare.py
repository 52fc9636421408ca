"""Source comparison: alignment and conflict quality against a gold file, and speed.

    python bench/bench_compare.py                    # quality on examples/gold/compare_adjudicated.json + speed
    python bench/bench_compare.py --sweep            # calibrate the thresholds, leave-one-story-out
    python bench/bench_compare.py --db /tmp/c.db     # reuse a store holding examples/corpus
    python bench/bench_compare.py --gold examples/gold/compare_b.json   # another gold file (compare.json: A)
    python bench/bench_compare.py --gold examples/gold/compare.json --gold examples/gold/compare_b.json \
        --gold examples/gold/compare_adjudicated.json [--sweep]
                                                     # each gold in turn (a change must not lower either)
    python bench/bench_compare.py --gold A.json --gold B.json --errors   # the pairs every gold calls wrong,
                                                     # and the pairs every gold lists that the system misses

Quality: the sample corpus is ingested with the real model; each gold story's articles are
compared (the gold's files, chosen and read as compare_articles does, so grouping errors of the
story stage do not count here). Alignment: pairwise precision / recall / F1 over pairs of
statements of different articles (predicted: same group; gold: the same fact); also the precision
over pairs whose two sentences are both in some gold fact (the gold does not list every shared
fact). Conflicts: precision / recall over the pairs of statements reported as disagreeing. Gold
sentences that match no stored sentence, or one that is no statement, are counted and printed.
`--sweep` runs a small grid and leave-one-story-out (calibrate on 7 stories, measure on the 8th).

Speed: 50 synthetic articles (bench/synthetic.py) in 8 languages, read by the pipeline, compared
cold (statement vectors computed) and warm (cached in the store); the same articles ingested with
TIDINGS_STATEMENT_VECTORS=ingest and compared once; then the bad inputs: one article, articles
without numbers or dates, and 500 articles (capped).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from tidings.compare import AlignParams, compare_articles, compare_statements  # noqa: E402
from tidings.pipeline import Pipeline  # noqa: E402
from tidings.store.sqlite import Store  # noqa: E402

# the adjudicated gold (every disagreement of A and B decided by examples/gold/compare.md): the primary measure
GOLD = ROOT / "examples" / "gold" / "compare_adjudicated.json"


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


def load_gold(store: Store, gold: dict, embedder=None) -> dict:
    """Per gold story: its article rows, statements (with vectors), gold pairs, gold conflicts, and
    the gold sentences that are no statement (too short, past the per-article cap) or that match no
    sentence of the store at all (a sentence split differently): counted, so a loss is seen."""
    from tidings.compare import choose_articles
    from tidings.compare.statements import attach_vectors, load_statements
    from tidings.read.embed import get_embedder

    embedder = embedder or get_embedder()
    ids = article_ids(store)
    keys = sentence_keys(store, ids)
    stories = {}
    for event, story in gold["stories"].items():
        files = sorted({ref[0] for fact in story["facts"] for ref in fact["statements"]})
        rows = choose_articles([dict(r) for r in store.query(
            f"SELECT id, title, language, source, published, url FROM articles WHERE id IN "
            f"({','.join('?' * len(files))}) ORDER BY id", [ids[f] for f in files])])
        statements = load_statements(store, [r["id"] for r in rows])
        attach_vectors(store, statements, embedder)
        have = {(s.article_id, s.index) for s in statements}
        refs = [tuple(ref) for fact in story["facts"] for ref in fact["statements"]]
        gold_pairs, annotated = set(), set()
        for fact in story["facts"]:
            found = [keys[tuple(ref)] for ref in fact["statements"] if tuple(ref) in keys]
            annotated |= set(found)
            gold_pairs |= {_pair(a, b) for a, b in itertools.combinations(found, 2) if a[0] != b[0]}
        stories[event] = {
            "rows": rows, "statements": statements, "gold_pairs": gold_pairs, "annotated": annotated,
            "conflicts": {_pair(keys[tuple(a)], keys[tuple(b)]) for a, b in story["conflicts"]},
            "unmatched": sum(1 for ref in refs if ref not in keys),
            "not_statements": sum(1 for ref in refs if ref in keys and keys[ref] not in have)}
    return stories


def evaluate(stories: dict, params: AlignParams, only: list[str] | None = None) -> dict:
    totals = dict.fromkeys(("align_tp", "align_pred", "align_gold", "ann_tp", "ann_pred", "conf_tp", "conf_pred",
                            "conf_gold"), 0)
    per_story = {}
    for event, story in stories.items():
        if only is not None and event not in only:
            continue
        result = compare_statements(story["rows"], story["statements"], params)
        predicted = set()
        for group in result["groups"]:
            refs = [(s["article_id"], s["sentence"]) for s in group["statements"]]
            predicted |= {_pair(a, b) for a, b in itertools.combinations(refs, 2) if a[0] != b[0]}
        gold_pairs = story["gold_pairs"]
        # pairs of two sentences the gold lists in some fact: a pair with a sentence the gold never
        # read as a fact may be right or wrong, and counts as wrong in the strict figure
        annotated = {p for p in predicted if p[0] in story["annotated"] and p[1] in story["annotated"]}
        found_conflicts = {_pair((p["a"]["article_id"], p["a"]["sentence"]), (p["b"]["article_id"], p["b"]["sentence"]))
                           for c in result["conflicts"] for p in c["pairs"]}
        counts = {"align_tp": len(predicted & gold_pairs), "align_pred": len(predicted), "align_gold": len(gold_pairs),
                  "ann_tp": len(annotated & gold_pairs), "ann_pred": len(annotated),
                  "conf_tp": len(found_conflicts & story["conflicts"]), "conf_pred": len(found_conflicts),
                  "conf_gold": len(story["conflicts"])}
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
    np_, _, nf = _prf(t["ann_tp"], t["ann_pred"], t["align_gold"])
    cp, cr, cf = _prf(t["conf_tp"], t["conf_pred"], t["conf_gold"])
    return {"align_p": ap, "align_r": ar, "align_f1": af, "ann_p": np_, "ann_f1": nf,
            "conflict_p": cp, "conflict_r": cr, "conflict_f1": cf}


# the calibration grid: few values of few parameters (the score's weights fixed at their defaults)
OVERRIDE: dict = {}  # --set name=value: a score weight other than the default, for every setting measured
GRID = [AlignParams(threshold=t, second_threshold=t + d, further_threshold=f, conflict_score=c)
        for t in (0.18, 0.20, 0.22, 0.24, 0.26, 0.28, 0.30) for d in (0.1, 0.15, 0.2, 9.0)
        for f in (0.30, 0.35, 0.40, 9.0) for c in (0.1, 0.15, 0.2, 0.25, 0.3)]


def _objective(result: dict) -> float:
    """Alignment F1, then conflict F1 among settings whose conflict precision is at least 0.8."""
    return result["align_f1"] + (result["conflict_f1"] if result["conflict_p"] >= 0.8 else 0.0)


def sweep(stories: dict) -> None:
    per_story = [(params, evaluate(stories, replace(params, **OVERRIDE))["stories"]) for params in GRID]  # each story once per setting

    def pooled(counts: dict, events) -> dict:
        totals = {name: sum(counts[e][name] for e in events) for name in next(iter(counts.values()))}
        return {"totals": totals, **scores(totals)}

    results = sorted(((params, pooled(counts, stories)) for params, counts in per_story),
                     key=lambda item: -_objective(item[1]))
    for params, r in results[:15]:
        print(f"threshold {params.threshold:.2f} second {params.second_threshold:.2f} further "
              f"{params.further_threshold:.2f} conflict {params.conflict_score:.2f}"
              f"  align P {r['align_p']:.3f} R {r['align_r']:.3f} F1 {r['align_f1']:.3f}  conflicts P "
              f"{r['conflict_p']:.3f} R {r['conflict_r']:.3f}", flush=True)
    # leave one story out: calibrate on seven, measure on the eighth, pool the counts
    print("\n| held-out story | calibrated on the other 7 (threshold / second / further / conflict) | align F1 | "
          "conflicts P / R |")
    print("|---|---|---|---|")
    held_counts = {}
    for event in stories:
        train = [e for e in stories if e != event]
        params, counts = max(per_story, key=lambda item: _objective(pooled(item[1], train)))
        held_counts[event] = counts[event]
        held = pooled(counts, [event])
        print(f"| {event} | {params.threshold:.2f} / {params.second_threshold:.2f} / {params.further_threshold:.2f} / "
              f"{params.conflict_score:.2f} | "
              f"{held['align_f1']:.3f} | {held['conflict_p']:.2f} / {held['conflict_r']:.2f} |")
    r = pooled(held_counts, stories)
    print(f"\nleave-one-story-out, pooled: align P {r['align_p']:.3f} R {r['align_r']:.3f} F1 {r['align_f1']:.3f}; "
          f"conflicts P {r['conflict_p']:.3f} R {r['conflict_r']:.3f}")


def quality(args) -> None:
    store = corpus_store(args.db)
    golds = args.gold or [str(GOLD)]
    loaded = [load_gold(store, json.loads(Path(path).read_text(encoding="utf-8"))) for path in golds]
    if args.errors:
        list_errors(loaded, AlignParams(**OVERRIDE))
        return
    for path, stories in zip(golds, loaded):
        if len(golds) > 1:
            print(f"\n## gold {Path(path).name}\n")
        report(stories, args.sweep)


def report(stories: dict, calibrate: bool) -> None:
    lost = sum(s["unmatched"] for s in stories.values()), sum(s["not_statements"] for s in stories.values())
    print(f"gold sentences matching no stored sentence: {lost[0]}; matching one that is no statement: {lost[1]}")
    if calibrate:
        sweep(stories)
        return
    result = evaluate(stories, AlignParams(**OVERRIDE))
    print("| story | aligned pairs (gold) | predicted | correct | conflicts (gold) | reported | correct |")
    print("|---|---|---|---|---|---|---|")
    for event, c in result["stories"].items():
        print(f"| {event} | {c['align_gold']} | {c['align_pred']} | {c['align_tp']} | {c['conf_gold']} | "
              f"{c['conf_pred']} | {c['conf_tp']} |")
    print(f"\nalignment pairwise P {result['align_p']:.3f} R {result['align_r']:.3f} **F1 {result['align_f1']:.3f}**")
    print(f"  (pairs of sentences both in the gold's facts: P {result['ann_p']:.3f} F1 {result['ann_f1']:.3f})")
    print(f"conflicts P **{result['conflict_p']:.3f}** R **{result['conflict_r']:.3f}** F1 {result['conflict_f1']:.3f}")


def error_pairs(golds: list[dict], event: str, params: AlignParams) -> tuple[list[dict], list[dict]]:
    """One story's clearest errors against several golds: the system's pairs that no gold lists, and
    the pairs every gold lists that the system misses. The story is compared as the first gold reads
    it (the golds of examples/gold list the same articles). Each pair comes with its best unit score
    (sentence or clause) and, for a miss, whether the one-statement-per-article seeding blocked it (one
    sentence is in a group that already holds a sentence of the other's article)."""
    from tidings.compare.align import pair_scores, split_units

    story = golds[0][event]
    statements = story["statements"]
    index = {(s.article_id, s.index): i for i, s in enumerate(statements)}
    result = compare_statements(story["rows"], statements, params)
    groups = [[(s["article_id"], s["sentence"]) for s in g["statements"]] for g in result["groups"]]
    predicted = {_pair(a, b) for g in groups for a, b in itertools.combinations(g, 2) if a[0] != b[0]}
    units, owner = split_units(statements)
    scores = pair_scores(units, params)
    listed = [gold[event]["gold_pairs"] for gold in golds]

    def described(pair: tuple) -> dict:
        i, j = index[pair[0]], index[pair[1]]
        best = float(scores[np.ix_(owner == i, owner == j)].max())
        blocked = any(pair[k] in g and any(r[0] == pair[1 - k][0] for r in g) for g in groups for k in (0, 1))
        return {"pair": pair, "texts": (statements[i].text, statements[j].text), "blocked": blocked,
                "languages": (statements[i].language, statements[j].language), "score": best}

    false = [described(p) for p in sorted(predicted - set().union(*listed))]
    missed = [described(p) for p in sorted(set.intersection(*listed) - predicted) if p[0] in index and p[1] in index]
    return false, missed


def list_errors(golds: list[dict], params: AlignParams) -> None:
    events = [e for e in golds[0] if all(e in gold for gold in golds)]
    totals = {"false": 0, "missed": 0, "blocked": 0, "under": 0}
    for event in events:
        false, missed = error_pairs(golds, event, params)
        for title, items in (("false against every gold", false), ("listed by every gold, missed", missed)):
            for item in sorted(items, key=lambda x: -x["score"]):
                flag = " blocked (one statement per article at seeding, not joined further)" if title.startswith("listed") and item["blocked"] else ""
                print(f"{event} | {title} | {'-'.join(item['languages'])} | best score {item['score']:.2f}{flag}")
                print(f"    {item['texts'][0][:160]}\n    {item['texts'][1][:160]}")
        totals["false"] += len(false)
        totals["missed"] += len(missed)
        totals["blocked"] += sum(1 for m in missed if m["blocked"])
        totals["under"] += sum(1 for m in missed if m["score"] < params.threshold)
    print(f"\n{totals['false']} pairs false against every gold; {totals['missed']} pairs every gold lists are missed, "
          f"{totals['blocked']} of them blocked by the one-statement-per-article seeding (and not joined by the further "
          f"step), {totals['under']} scoring "
          f"under the threshold ({params.threshold})")


def _synthetic_story(folder: Path, n: int, languages: int, words: int) -> Path:
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
    return path


def _ingest(path: Path, db: Path) -> tuple[Store, list[int], float]:
    store = Store(f"sqlite:///{db}")
    started = time.perf_counter()
    Pipeline(store).ingest([str(path)])
    ids = [r[0] for r in store.query("SELECT id FROM articles ORDER BY id")]
    return store, ids, time.perf_counter() - started


def _language_of(item) -> str:
    from tidings.read import read_article

    return read_article(item).language


def speed(args) -> None:
    folder = Path(tempfile.mkdtemp())
    path = _synthetic_story(folder, 50, 8, args.words)
    store, ids, ingest_seconds = _ingest(path, folder / "story.db")
    languages = store.query(f"SELECT COUNT(DISTINCT language) FROM articles WHERE id IN ({','.join(map(str, ids))})")[0][0]
    print(f"story: {len(ids)} synthetic articles (~{args.words} words) in {languages} languages; "
          f"load average {os.getloadavg()[0]:.1f}")
    cold = compare_articles(store, ids)
    warm = compare_articles(store, ids)
    print(f"| ingest (statement vectors at compare time, the default) | {ingest_seconds:.1f} s |")
    print(f"| compare, cold (statement vectors computed: {cold['vectors_computed']}) | {cold['seconds']:.2f} s |")
    print(f"| compare, warm (vectors cached in the store) | {warm['seconds']:.2f} s |")
    os.environ["TIDINGS_STATEMENT_VECTORS"] = "ingest"
    try:
        store2, ids2, ingest2 = _ingest(path, folder / "story-ingest.db")
    finally:
        del os.environ["TIDINGS_STATEMENT_VECTORS"]
    first = compare_articles(store2, ids2)
    print(f"| ingest with TIDINGS_STATEMENT_VECTORS=ingest | {ingest2:.1f} s |")
    print(f"| compare, first time after that ingest (vectors computed: {first['vectors_computed']}) | "
          f"{first['seconds']:.2f} s |")
    print(f"| load average after | {os.getloadavg()[0]:.1f} |")
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
    parser.add_argument("--gold", action="append", help="a gold file (default examples/gold/compare_adjudicated.json); "
                        "given twice or more, each is measured in turn")
    parser.add_argument("--errors", action="store_true", help="list the pairs false against every gold and the "
                        "pairs every gold lists that the system misses")
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--words", type=int, default=300)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="an AlignParams weight for every setting measured (e.g. speaker_penalty=0.03)")
    args = parser.parse_args()
    OVERRIDE.update({name: float(value) for name, value in (item.split("=", 1) for item in args.set)})
    quality(args)
    if not args.sweep and not args.errors and not args.skip_speed:
        speed(args)


if __name__ == "__main__":
    main()
