"""Search latency on a store of N synthetic articles, on SQLite or PostgreSQL (same code, same data).

    python bench/bench_search.py --n 10000                                  # a SQLite file
    python bench/bench_search.py --n 10000 --db postgresql://user@host/db   # an empty PostgreSQL database

The store is filled with synthetic articles (bench/synthetic.py) through the real pipeline with the
hashing embedder (minutes, not hours; search cost does not depend on the vectors' values), then
`Explorer.search` runs queries of one to three words taken from the articles' titles, in each mode
(keyword = full-text index, semantic = vectors, hybrid = both fused), as the API does.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate  # noqa: E402

from tidings.pipeline import Pipeline  # noqa: E402
from tidings.query import Explorer  # noqa: E402
from tidings.read.embed import HashingEmbedder  # noqa: E402
from tidings.store import open_store  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(share * len(ordered))) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--db", default=None, help="store URL (default: a new SQLite file)")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()

    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp(prefix='tidings-search-')) / 'search.db'}"
    store = open_store(url)
    # the stored vectors' dimension (bench/fill_sql.py stores 384 for e5, 512 for its hashing embedder)
    stored = store.query("SELECT vector FROM embeddings LIMIT 1")
    embedder = HashingEmbedder(dim=len(stored[0][0]) // 4 if stored else 384)
    if store.counts()["articles"] < args.n:
        items = generate(ROOT / "examples" / "corpus", int(args.n * 1.2), 300, seed=7)
        started = time.perf_counter()
        Pipeline(store, embedder=embedder).ingest_raw(items)
        print(f"filled {store.counts()['articles']} articles in {time.perf_counter() - started:.0f} s", flush=True)
    rng = random.Random(3)
    titles = [r[0] for r in store.query("SELECT title FROM articles ORDER BY id LIMIT 2000")]
    words = [w for t in titles for w in t.split() if len(w) > 3 and w.isalpha()]
    queries = [" ".join(rng.sample(words, rng.choice((1, 1, 2, 3)))) for _ in range(args.queries)]
    figures = {"engine": store.dialect, "articles": store.counts()["articles"], "queries": len(queries)}
    for mode in ("keyword", "semantic", "hybrid"):
        # an explorer per mode: each query is new to it (a server remembers what it was asked)
        explorer = Explorer(store, embedder=embedder)
        explorer.search("warm up", mode="hybrid")  # loads the vectors once, as a running server has
        times = []
        for q in queries:
            t0 = time.perf_counter()
            explorer.search(q, mode=mode, limit=20)
            times.append(1000 * (time.perf_counter() - t0))
        figures[mode] = {"median_ms": round(statistics.median(times), 2), "p95_ms": round(percentile(times, 0.95), 2),
                         "max_ms": round(max(times), 2)}
    print(json.dumps(figures))
    store.close_all()


if __name__ == "__main__":
    main()
