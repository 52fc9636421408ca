"""Story grouping quality: pairwise and B-cubed precision/recall/F1 against gold groupings.

    python bench/bench_stories.py                      # sample corpus + cl_tls (if ../shared/eval exists)
    python bench/bench_stories.py --sweep              # calibrate: grid over threshold / key weight / window
    python bench/bench_stories.py --eval-dir DIR       # evaluation data elsewhere

Articles are read and embedded once through the real pipeline (a temporary store); grouping is then
replayed in arrival order with the online clusterer, exactly as `tidings ingest` places them.
"""
from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from clustering_metrics import bcubed, pairwise, singleton_gold  # noqa: E402

from tidings.model import RawArticle  # noqa: E402
from tidings.pipeline import Pipeline  # noqa: E402
from tidings.store.sqlite import Store  # noqa: E402
from tidings.stories import ClusterParams, StoryClusterer  # noqa: E402
from tidings.stories.rebuild import stored_articles  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def load_gold(path: Path) -> dict[str, str]:
    gold = {}
    for csv_path in sorted(path.parent.glob(path.name)):
        with open(csv_path, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                gold[row["article"]] = row["event"]
    return gold


def ingest_corpus(corpus: Path, store: Store) -> dict[int, str]:
    """Ingest a folder; returns article id -> path relative to the folder (jsonl: 'file#N')."""
    if not store.counts()["articles"]:
        Pipeline(store).ingest([str(corpus)])
    mapping = {}
    for row in store.query("SELECT a.id, r.locator FROM articles a JOIN raw_articles r ON r.id = a.id"):
        mapping[row["id"]] = os.path.relpath(row["locator"], corpus)
    return mapping


def ingest_cl_tls(folder: Path, store: Store) -> tuple[dict[int, str], dict[str, str]]:
    """cl_tls: LANG/TOPIC/DATE/gv_N.txt; gold group = topic + date. Folder date = publication date."""
    raws, gold = [], {}
    for path in sorted(folder.glob("*/*/*/gv_*.txt")):
        topic, day = path.parts[-3], path.parts[-2]
        text = path.read_text(encoding="utf-8")
        raws.append(RawArticle(locator=str(path), format="txt", content=f"date {day}\n{text}".encode()))
        gold[str(path.relative_to(folder))] = f"{topic}/{day}"
    if not store.counts()["articles"]:
        Pipeline(store).ingest_raw(raws)
    mapping = {row["id"]: os.path.relpath(row["locator"], folder)
               for row in store.query("SELECT a.id, r.locator FROM articles a JOIN raw_articles r ON r.id = a.id")}
    return mapping, gold


def replay(store: Store, params: ClusterParams) -> dict[int, int]:
    """Online grouping in arrival order with the given parameters -> article id -> story index."""
    clusterer = StoryClusterer(params)
    clusterer.load([], Counter(), 0)
    placement = {}
    for article in stored_articles(store, order="arrival"):
        story, _ = clusterer.place(article)
        placement[article.id] = id(story)
    return placement


def evaluate(store: Store, mapping: dict[int, str], gold: dict[str, str], params: ClusterParams) -> dict:
    placement = replay(store, params)
    predicted = {mapping[i]: s for i, s in placement.items() if i in mapping}
    gold = {k: v for k, v in singleton_gold(gold).items() if k in predicted}
    return {"articles": len(gold), "gold_groups": len(set(gold.values())),
            "predicted_groups": len({predicted[k] for k in gold}),
            "pairwise": pairwise(gold, predicted), "bcubed": bcubed(gold, predicted)}


def sweep(sets: list[tuple[str, Store, dict, dict]]) -> None:
    print("threshold key_weight window day_penalty | " + " | ".join(f"{n} pairF1 b3F1 (P R)" for n, *_ in sets))
    for threshold, weight, window, penalty in itertools.product(
            [0.82, 0.84, 0.86, 0.88], [0.3, 0.4, 0.6], [2, 4, 7], [0.0, 0.01, 0.02, 0.04]):
        params = ClusterParams(threshold=threshold, key_weight=weight, window_days=window, day_penalty=penalty)
        cells = []
        for _name, store, mapping, gold in sets:
            r = evaluate(store, mapping, gold, params)
            cells.append(f"{r['pairwise']['f1']:.3f} {r['bcubed']['f1']:.3f} "
                         f"({r['pairwise']['precision']:.2f} {r['pairwise']['recall']:.2f})")
        print(f"{threshold:.2f} {weight:.2f} {window} {penalty:.2f} | " + " | ".join(cells), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    parser.add_argument("--gold", type=Path, default=ROOT / "examples" / "gold" / "stories.csv")
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--sweep", action="store_true", help="grid-search the clustering parameters")
    parser.add_argument("--only", choices=["sample", "cl_tls"], help="evaluate one set only")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--workdir", type=Path, help="keep the read stores here and reuse them on the next run")
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="tidings-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sets = []
    started = time.perf_counter()
    if args.gold.parent.exists() and list(args.gold.parent.glob(args.gold.name)):
        sample_store = Store(f"sqlite:///{work / 'sample.db'}")
        sets.append(("sample", sample_store, ingest_corpus(args.corpus, sample_store), load_gold(args.gold)))
    if args.only == "cl_tls":
        sets = []
    cl_tls = args.eval_dir / "stories" / "cl_tls"
    if args.only == "sample":
        pass
    elif cl_tls.exists():
        tls_store = Store(f"sqlite:///{work / 'cl_tls.db'}")
        mapping, gold = ingest_cl_tls(cl_tls, tls_store)
        sets.append(("cl_tls", tls_store, mapping, gold))
    else:
        print(f"(no {cl_tls}: cl_tls skipped)", file=sys.stderr)
    print(f"read and embedded in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    if args.sweep:
        sweep(sets)
        return
    params = ClusterParams()
    results = {name: evaluate(store, mapping, gold, params) for name, store, mapping, gold in sets}
    if args.json:
        print(json.dumps(results, indent=1))
        return
    print(f"parameters: threshold={params.threshold} key_weight={params.key_weight} window_days={params.window_days} day_penalty={params.day_penalty}")
    print(f"{'set':8} {'articles':>8} {'gold':>5} {'found':>5}  {'pair P':>7} {'pair R':>7} {'pair F1':>7}  "
          f"{'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}")
    for name, r in results.items():
        p, b = r["pairwise"], r["bcubed"]
        print(f"{name:8} {r['articles']:>8} {r['gold_groups']:>5} {r['predicted_groups']:>5}  {p['precision']:>7.3f} "
              f"{p['recall']:>7.3f} {p['f1']:>7.3f}  {b['precision']:>6.3f} {b['recall']:>6.3f} {b['f1']:>6.3f}")


if __name__ == "__main__":
    main()
