"""The web UI under load: 50 concurrent clients browsing `tidings serve` on loopback for 60 s,
and the front page's first render, on a store of 100,000 articles.

    python bench/fill_sql.py var/ui-100k.db --n 100000   # once (direct SQL inserts, ~30 s)
    python bench/bench_load.py --db var/ui-100k.db --clients 50 --duration 60

Each client repeats: pick a page (front page with or without filters, story page, article page,
search, or a JSON twin), request it, wait a think time (uniform 0.5-1.5 x --think seconds), as a
person clicking through would. Reported: latency percentiles and errors (HTTP >= 400 or transport
failures), overall and per kind of page; the front page's first render (the first request after
the server started, then warm), and, when Playwright and Chromium are at hand, Chromium's first
contentful paint of the front page.

With `--ingest-during PATH`, an ingest runs against the same store while the clients browse, as a
`tidings watch` or `tidings ingest` beside `tidings serve` would: PATH (a `.jsonl` file) is made by
bench/synthetic.py if it does not exist, and `tidings ingest PATH` starts (a second process, with
the hashing embedder so that it writes batch after batch, as fast as reading allows) right before
the clients; it is stopped when they are done. The store must have been filled for that embedder:

    python bench/fill_sql.py var/ui-100k-hashing.db --n 100000 --embedder hashing
    python bench/bench_load.py --db var/ui-100k-hashing.db --ingest-during var/ingest-5000.jsonl
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fill_sql import COUNTRIES, LANGUAGES, WORDS, common_words

CHROMIUM = os.environ.get("TIDINGS_CHROMIUM", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))] if ordered else float("nan")


def store_url(db: str) -> str:
    """A store URL: `postgresql://...` as given, a path as a SQLite file."""
    return db if "://" in db else f"sqlite:///{Path(db).resolve()}"


def scalar(db: str, sql: str):
    """One value read from the store (either engine), through a connection of its own."""
    from tidings.store import open_store

    store = open_store(store_url(db))
    try:
        rows = store.query(sql)
        return rows[0][0] if rows else None
    finally:
        store.close_all()


def store_env(db: str) -> dict[str, str]:
    """The environment for processes on this store: the hashing embedder where the store was made
    for it (its vectors and a query's must have the same model)."""
    model = scalar(db, "SELECT model FROM embeddings LIMIT 1")
    row = (model,) if model else None
    env = dict(os.environ)
    if row and row[0].startswith("hashing"):
        env["TIDINGS_EMBEDDER"] = "hashing"
    return env


def start_server(db: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "tidings.cli", "serve", "--db", store_url(db),
                               "--port", str(port)] + ([] if os.environ.get("TIDINGS_BENCH_OLD") else ["--no-access-log"]), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=store_env(db))
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server, url
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise RuntimeError("tidings serve did not start")


def first_render(url: str, repeats: int = 20) -> dict[str, float]:
    """Milliseconds for GET / : the very first request after start, then warm (median, p95)."""
    with httpx.Client(base_url=url, timeout=30) as client:
        t0 = time.perf_counter()
        assert client.get("/").status_code == 200
        cold = (time.perf_counter() - t0) * 1000
        warm = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            assert client.get("/").status_code == 200
            warm.append((time.perf_counter() - t0) * 1000)
    return {"first_ms": round(cold, 1), "warm_median_ms": round(percentile(warm, 0.5), 1),
            "warm_p95_ms": round(percentile(warm, 0.95), 1)}


def browser_paint(url: str) -> dict[str, float] | None:
    """Chromium's first contentful paint of the front page (None without Playwright/Chromium)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not os.path.exists(CHROMIUM):
        return None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        paints = []
        for _ in range(5):
            page = browser.new_page()  # a new tab each time: every load paints afresh
            page.goto(url + "/")
            paints.append(page.evaluate(
                "new Promise(done => new PerformanceObserver(list => {"
                " const fcp = list.getEntriesByName('first-contentful-paint')[0]; if (fcp) done(fcp.startTime); })"
                ".observe({type: 'paint', buffered: true}))"))
            page.close()
        browser.close()
    return {"fcp_first_ms": round(paints[0], 1), "fcp_median_ms": round(percentile(paints, 0.5), 1)}


def pick_request(rng: random.Random, stories: list[int], articles: int) -> tuple[str, str]:
    story, article = rng.choice(stories), rng.randint(1, articles)
    language = rng.choice(LANGUAGES)  # half the searches a topic word, half a word of the texts
    word = rng.choice(WORDS[language]) if rng.random() < 0.5 else common_words(language, rng, 1)[0]
    choices = [
        ("front", "/"), ("front", f"/?language={rng.choice(LANGUAGES)}"),
        ("front", f"/?country={rng.choice(COUNTRIES)}"), ("front", "/?sort=growth"), ("front", "/?page=2"),
        ("story", f"/stories/{story}"), ("story", f"/stories/{story}"),
        ("article", f"/articles/{article}"), ("article", f"/articles/{article}"),
        ("search", f"/search?q={word}"), ("search", f"/?q={word}"),
        ("twin", "/index.json"), ("twin", f"/stories/{story}.json"), ("twin", f"/articles/{article}.json"),
    ]
    return rng.choice(choices)


async def browse(client: httpx.AsyncClient, seed: int, deadline: float, think: float, stories: list[int],
                 articles: int, log: list[tuple[str, float, bool, float]], failures: list[str]) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(rng.random() * think)  # clients do not all start on the same tick
    while time.perf_counter() < deadline:
        kind, path = pick_request(rng, stories, articles)
        t0 = time.perf_counter()
        try:
            status = (await client.get(path)).status_code
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        ok = isinstance(status, int) and status < 400
        log.append((kind, (time.perf_counter() - t0) * 1000, ok, t0))
        if not ok:
            failures.append(f"{status} {path}")
        await asyncio.sleep(think * rng.uniform(0.5, 1.5))


def article_count(db: str) -> int:
    return scalar(db, "SELECT COUNT(*) FROM articles")


class Ingest:
    """`tidings ingest PATH` in a second process, for as long as the load lasts."""

    def __init__(self, db: str, corpus: Path, articles: int, nice: int = 0):
        if not corpus.exists():
            from synthetic import generate

            corpus.parent.mkdir(parents=True, exist_ok=True)
            with open(corpus, "wb") as handle:
                handle.writelines(item.content + b"\n" for item in generate(Path(__file__).resolve().parent.parent / "examples" / "corpus", articles, 300))
        self.db, self.corpus = db, corpus
        env = store_env(db)
        if env.get("TIDINGS_EMBEDDER") != "hashing":
            raise SystemExit("--ingest-during needs a store filled for the hashing embedder "
                             "(bench/fill_sql.py --embedder hashing)")
        self.before = article_count(db)
        self.process = subprocess.Popen([sys.executable, "-m", "tidings.cli", "ingest", str(corpus), "--db",
                                         store_url(db), "--json"], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        preexec_fn=(lambda: os.nice(nice)) if nice else None)
        self.started = time.perf_counter()

    def stop(self) -> dict:
        """Stop it (SIGTERM: the batch in flight is rolled back, as on a crash) and say what it did."""
        running = self.process.poll() is None
        seconds = time.perf_counter() - self.started
        if running:
            self.process.send_signal(signal.SIGTERM)
        _, stderr = self.process.communicate(timeout=120)
        added = article_count(self.db) - self.before
        return {"corpus": str(self.corpus), "articles_added": added, "seconds": round(seconds, 1),
                "articles_per_s": round(added / seconds, 1), "still_running_at_end": running,
                "exit_code": None if running else self.process.returncode,
                "stderr_tail": stderr.decode("utf-8", "replace")[-500:] if not running else ""}


async def load(url: str, clients: int, duration: float, think: float, during=None, timeline: Path | None = None) -> dict:
    async with httpx.AsyncClient(base_url=url, timeout=30,
                                 limits=httpx.Limits(max_connections=clients, max_keepalive_connections=clients)) as client:
        stories = [s["id"] for s in (await client.get("/api/stories?limit=500")).json()]
        articles = (await client.get("/api/stats")).json()["articles"]
        t0 = time.perf_counter()
        await client.get("/search?q=museum")  # loads the model and the vectors once, before the clock
        warm_up = (time.perf_counter() - t0) * 1000
        log: list[tuple[str, float, bool, float]] = []
        failures: list[str] = []
        ingest = during() if during else None
        if ingest:
            await asyncio.sleep(5)  # the ingest loads its state first: measure while it writes
        deadline = time.perf_counter() + duration
        await asyncio.gather(*(browse(client, i, deadline, think, stories, articles, log, failures)
                               for i in range(clients)))
    report = summarise(log, duration) | {"search_warm_up_ms": round(warm_up), "failures": failures[:20]}
    if timeline:
        start = deadline - duration
        with open(timeline, "w") as handle:  # one request per line: seconds since the start, page, ms, ok
            handle.writelines(f"{t - start:.3f}\t{kind}\t{ms:.1f}\t{int(ok)}\n" for kind, ms, ok, t in sorted(log, key=lambda r: r[3]))
    if ingest:
        report["ingest"] = ingest.stop()
    return report


def summarise(log: list[tuple[str, float, bool, float]], duration: float) -> dict:
    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, ms, *_ in log:
        by_kind[kind].append(ms)
    every = [ms for _, ms, *_ in log]
    return {"requests": len(log), "errors": sum(1 for _, _, ok, *_ in log if not ok),
            "requests_per_s": round(len(log) / duration, 1), "p50_ms": round(percentile(every, 0.5), 1),
            "p95_ms": round(percentile(every, 0.95), 1), "p99_ms": round(percentile(every, 0.99), 1),
            "max_ms": round(max(every), 1),
            "by_kind": {k: {"n": len(v), "p50_ms": round(percentile(v, 0.5), 1), "p95_ms": round(percentile(v, 0.95), 1)}
                        for k, v in sorted(by_kind.items())}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="a filled store: a SQLite file (bench/fill_sql.py) or a "
                        "postgresql:// URL (bench/copy_to_postgres.py)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between a client's requests")
    parser.add_argument("--ingest-during", type=Path, metavar="PATH",
                        help="run `tidings ingest PATH` on the same store during the load (made if missing)")
    parser.add_argument("--ingest-articles", type=int, default=5000, help="articles in a generated PATH")
    parser.add_argument("--ingest-nice", type=int, default=0,
                        help="run the ingest at this niceness (batch work below the server's priority)")
    parser.add_argument("--no-browser", action="store_true", help="skip Chromium's first paint")
    parser.add_argument("--timeline", type=Path, metavar="PATH",
                        help="write every request (second, page, ms, ok) to PATH, to see when the slow ones came")
    args = parser.parse_args()
    server, url = start_server(args.db)
    during = (lambda: Ingest(args.db, args.ingest_during, args.ingest_articles, args.ingest_nice)) if args.ingest_during else None
    try:
        report = {"store": str(args.db), "front_page": first_render(url)}
        report["browser"] = None if args.no_browser else browser_paint(url)
        report["load"] = asyncio.run(load(url, args.clients, args.duration, args.think, during, args.timeline))
        report.update(clients=args.clients, duration_s=args.duration, think_s=args.think,
                      ingest_nice=args.ingest_nice if args.ingest_during else None, load_average=os.getloadavg())
        print(json.dumps(report, indent=2))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
