"""Time from a new article to its story being visible in the API, on a store of N articles.

    python bench/bench_latency.py --n 10000

The store is first filled with N synthetic articles (bench/synthetic.py). To fill it in minutes
rather than hours, the fill uses a hashing embedder of the model's dimension (the cost of placing
an article does not depend on the vectors' values). Each measured article then goes through the
whole pipeline with the real model: read, embed, group, commit; the clock stops when
`GET /api/stories/{id}` of the running server lists it.
"""
from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate  # noqa: E402

from tidings.model import RawArticle  # noqa: E402
from tidings.pipeline import Pipeline  # noqa: E402
from tidings.read.embed import HashingEmbedder, get_embedder  # noqa: E402
from tidings.store.sqlite import Store  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--probes", type=int, default=20)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="tidings-latency-"))
    url = f"sqlite:///{folder / 'latency.db'}"
    store = Store(url)
    # ~15 % of synthetic articles are near-duplicates of others: generate enough to store N
    items = generate(ROOT / "examples" / "corpus", int(args.n * 1.2) + args.probes * 2, 500, seed=11)
    fill, probes = items[:int(args.n * 1.2)], items[int(args.n * 1.2):]
    model = get_embedder("e5")
    started = time.perf_counter()
    Pipeline(store, embedder=HashingEmbedder(dim=model.dim)).ingest_raw(fill)
    print(f"filled {store.counts()['articles']} articles, {store.counts()['stories']} stories "
          f"in {time.perf_counter() - started:.0f} s", flush=True)

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "tidings.cli", "serve", "--db", url, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
        for _ in range(200):
            try:
                if client.get("/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        # loaded once, like a running `tidings watch`; the fill's vectors are of another embedder on
        # purpose (the cost measured does not depend on their values), so the mixing check is off
        pipeline = Pipeline(store, embedder=model, check_embedder=False)
        latencies = []
        for item in probes:
            if len(latencies) >= args.probes:
                break
            probe = RawArticle(locator=item.locator + "-probe", format=item.format, content=item.content)
            t0 = time.perf_counter()
            pipeline.ingest_raw([probe])
            raw = store.query("SELECT id, status FROM raw_articles WHERE locator=?", (probe.locator,))[0]
            if raw["status"] != "done":
                continue  # a near-duplicate of the fill: recorded, no new article to wait for
            article_id = raw["id"]
            deadline = t0 + 30
            while time.perf_counter() < deadline:
                article = client.get(f"/api/articles/{article_id}")
                if article.status_code == 200 and article.json().get("story_id"):
                    story = client.get(f"/api/stories/{article.json()['story_id']}").json()
                    if article_id in story["article_ids"]:
                        break
                time.sleep(0.005)
            else:
                raise SystemExit(f"article {article_id} not visible after 30 s")
            latencies.append(time.perf_counter() - t0)
        latencies.sort()
        p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)]
        print(json.dumps({"store_articles": store.counts()["articles"] - len(latencies), "probes": len(latencies),
                          "median_s": round(statistics.median(latencies), 3), "p95_s": round(p95, 3),
                          "max_s": round(latencies[-1], 3)}))
        print(f"new article -> visible in the API: median {statistics.median(latencies):.3f} s, "
              f"p95 {p95:.3f} s, max {latencies[-1]:.3f} s on a store of {store.counts()['articles'] - len(latencies)} articles")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
