"""End-to-end ingest throughput (read, dedup, embed, group, store) for ~500-word articles.

    python bench/bench_throughput.py --n 300            # the figure in docs/benchmarks.md
    python bench/bench_throughput.py --n 10000 --embedder hashing   # memory at 10k articles, model-free

Prints articles/s, the share of wall time spent inside the embedding model, the pipeline overhead
(everything else), and the peak resident memory of the process.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate, word_count  # noqa: E402

from tidings.pipeline import BATCH_SIZE, Pipeline  # noqa: E402
from tidings.read.embed import get_embedder  # noqa: E402
from tidings.store.sqlite import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--embedder", default="e5", choices=["e5", "hashing"])
    args = parser.parse_args()

    items = generate(ROOT / "examples" / "corpus", args.n, args.words)
    words = sum(word_count(json.loads(i.content)["text"]) for i in items) / len(items)
    store = Store(f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}")
    embedder = get_embedder(args.embedder)
    pipeline = Pipeline(store, embedder=embedder)
    embedder.embed_passages(["warm up"])
    embedder.seconds = 0.0
    started = time.perf_counter()
    report = pipeline.ingest_raw(items)
    wall = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    model = embedder.seconds
    print(f"articles: {report.added} stored ({report.duplicates} duplicates) of {args.n}, ~{words:.0f} words each, "
          f"embedder {embedder.name}, batch {BATCH_SIZE}")
    print(f"wall: {wall:.1f} s  ->  {report.added / wall:.2f} articles/s")
    print(f"model inference: {model:.1f} s = {100 * model / wall:.1f} % of wall time")
    print(f"pipeline overhead (all but the model): {100 * (wall - model) / wall:.1f} % of wall time, "
          f"{1000 * (wall - model) / max(1, report.added):.1f} ms per article")
    from tidings.read import COMPONENT_SECONDS

    per_article = {name: 1000 * secs / max(1, report.seen) for name, secs in COMPONENT_SECONDS.items()}
    per_article["entity resolution"] = 1000 * pipeline.resolver.seconds / max(1, report.added)
    print("stages, ms per article: " + ", ".join(f"{k} {v:.1f}" for k, v in per_article.items()))
    recognition = per_article.get("names", 0.0) + per_article["entity resolution"]
    print(f"recognition + resolution: {recognition:.1f} ms per article = "
          f"{100 * recognition / (1000 * wall / max(1, report.added)):.1f} % of the end-to-end time per article")
    per_article["event grouping"] = 1000 * pipeline.event_seconds / max(1, report.added)
    events = per_article.get("events", 0.0) + per_article["event grouping"]
    print(f"event coding (code + store + group): {events:.1f} ms per article = "
          f"{100 * events / (1000 * wall / max(1, report.added) - events):.1f} % added to the end-to-end time per article")
    print(f"peak memory (RSS): {peak_mb:.0f} MB")
    print(f"store: {store.counts()['stories']} stories")


if __name__ == "__main__":
    main()
