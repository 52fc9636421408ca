"""The benchmark suite: ingest at scale, search, freshness and Dask, in one command.

    python bench/suite.py                                   # 1k, 10k, 100k (hashing) + e5 + Dask; updates docs
    python bench/suite.py --sizes 1000,10000 --e5 100 --dask-articles 300
    python bench/suite.py --sizes 1000 --e5 0 --dask-articles 0 --no-docs      # a quick look
    python bench/suite.py --db 'postgresql://localhost/bench_{n}'              # another store ({n}: the size)

Corpus: `bench/synthetic.py` (paragraphs of the sample corpus in 12 languages, varied dates,
sources and noise), ~500 words an article, the same seed for every size (the 1k corpus is the
start of the 100k one). Each ingest runs in its own process, from a JSON Lines file, through
`Pipeline.ingest` (the path `tidings ingest` takes), so its peak memory is its own.

Measured per size: articles/s, peak RSS of the ingest process, store bytes per article, search
latency (hybrid: keyword + semantic, p50/p95 over queries made from stored titles), and time from
arrival to visibility (a new file handed to the pipeline; the clock stops when another connection
sees the article through the query API). The scale runs use the hashing embedder (model-free) so
that 100k articles take minutes: multilingual-e5-small runs ~2-5 articles/s on 2 cores, so it gets
one small run (`--e5`). Dask: reading + embedding stages (`tidings.prepare.prepare_batch`) with the
e5 model on a LocalCluster of 1 and 2 workers, one model thread each.

Prints a table and rewrites the section between the suite markers of docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

DOCS = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- bench/suite.py: begin -->", "<!-- bench/suite.py: end -->"


# -- corpus -------------------------------------------------------------------------------
def corpus_file(work: Path, n: int, words: int) -> Path:
    """The n-article synthetic corpus as JSON Lines (written once, streamed from the generator)."""
    from synthetic import iter_generate

    path = work / f"synthetic-{n}-{words}w.jsonl"
    if not path.exists():
        partial = path.with_suffix(".part")
        with open(partial, "wb") as handle:
            for item in iter_generate(ROOT / "examples" / "corpus", n, words):
                handle.write(item.content + b"\n")
        partial.rename(path)
    return path


def fresh_articles(k: int, words: int) -> list[dict]:
    """Articles that are not in any corpus (another seed), for the freshness measurement."""
    from synthetic import iter_generate

    items = [json.loads(raw.content) for raw in iter_generate(ROOT / "examples" / "corpus", k, words, seed=99)]
    for i, item in enumerate(items):
        item["source"] = f"Freshness probe {i}"  # a unique source: what the poll looks for
        item["title"] = f"Probe {i}: {item['title']}"
    return items


# -- one ingest, in a child process -----------------------------------------------------------
def child_ingest(args: argparse.Namespace) -> dict:
    from tidings.config import open_store
    from tidings.pipeline import Pipeline
    from tidings.query import Explorer
    from tidings.read.embed import get_embedder

    store = open_store(args.db)
    embedder = get_embedder(args.embedder)
    embedder.embed_passages(["warm up"])  # the model's start-up is not ingest time
    pipeline = Pipeline(store, embedder=embedder)
    step = max(1000, args.n // 20)
    marks = itertools.count(step, step)
    next_mark = [next(marks)]
    # (items seen, wall seconds, CPU seconds of this process) after each batch: CPU time is what the
    # ingest itself cost, whatever the other jobs on a shared machine took from it
    clock: list[tuple[int, float, float]] = [(0, 0.0, 0.0)]

    def progress(report) -> None:
        clock.append((report.seen, time.perf_counter() - started, time.process_time() - cpu_started))
        if report.seen >= next_mark[0]:
            next_mark[0] = next(marks)
            rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"  … {report.seen} read, {report.added} stored, {clock[-1][1]:.0f} s, CPU {clock[-1][2]:.0f} s, "
                  f"peak RSS {rss_mb:.0f} MB", file=sys.stderr, flush=True)

    started, cpu_started = time.perf_counter(), time.process_time()
    report = pipeline.ingest([str(args.corpus)], on_progress=progress)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"n": args.n, "embedder": embedder.name, "stored": report.added, "duplicates": report.duplicates,
              "failed": report.failed, "seconds": wall, "articles_per_s": report.added / wall,
              "ms_per_article": 1000 * wall / max(1, report.seen), "cpu_ms_per_article": 1000 * cpu / max(1, report.seen),
              "peak_rss_mb": peak_mb,
              "model_seconds": report.model_seconds}
    result.update(first_and_last_slice(clock, slice_size=min(1000, args.n // 5)))
    result["store_bytes"] = store_bytes(store)
    result["bytes_per_article"] = result["store_bytes"] / max(1, report.added) if result["store_bytes"] else None
    result.update(search_latency(Explorer(store), args.searches))
    result.update(freshness(pipeline, args.db, Path(args.work), args.freshness, args.words))
    return result


def first_and_last_slice(clock: list[tuple[int, float, float]], slice_size: int) -> dict:
    """ms per article (wall and CPU) over the first and the last `slice_size` items of one run: how
    the cost of an article grows with the store, measured minutes apart instead of in another run
    (other jobs on a shared machine change more between runs than within one; CPU time not at all)."""
    if slice_size <= 0 or len(clock) < 3:
        return {}
    seen, total, total_cpu = clock[-1]
    first = next(point for point in clock if point[0] >= slice_size)
    last = next(point for point in reversed(clock) if point[0] <= seen - slice_size)
    return {"first_slice_ms": 1000 * first[1] / first[0], "last_slice_ms": 1000 * (total - last[1]) / (seen - last[0]),
            "first_slice_cpu_ms": 1000 * first[2] / first[0],
            "last_slice_cpu_ms": 1000 * (total_cpu - last[2]) / (seen - last[0]), "slice_size": slice_size}


def store_bytes(store) -> int | None:
    """On-disk size of the store: SQLite's file after a WAL checkpoint; a backend with its own
    `size_bytes()` (a server database) reports that."""
    if hasattr(store, "size_bytes"):
        return store.size_bytes()
    path = getattr(store, "path", None)
    if not path or path == ":memory:":
        return None
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def search_latency(explorer, count: int) -> dict:
    """Hybrid search (keyword + semantic) with queries made of two words of stored titles."""
    if count <= 0:
        return {}
    titles = [a["title"] for a in explorer.articles(limit=count * 3)]
    queries = []
    for title in titles:
        words = [w for w in title.replace("(", " ").replace(")", " ").split() if len(w) > 3 and not w.isdigit()]
        if len(words) >= 2:
            queries.append(" ".join(words[:2]))
    queries = queries[:count]
    explorer.search(queries[0])  # the first query loads the vectors and the query model
    timings, hits = [], 0
    for q in queries:
        started = time.perf_counter()
        hits += bool(explorer.search(q))
        timings.append(time.perf_counter() - started)
    return {"search_queries": len(timings), "search_p50_ms": 1000 * percentile(timings, 0.5),
            "search_p95_ms": 1000 * percentile(timings, 0.95), "search_with_hits": hits}


def freshness(pipeline, db: str, work: Path, count: int, words: int) -> dict:
    """Arrival -> visible: a new article file is written and handed to the pipeline; the clock stops
    when a separate connection (what `tidings serve` uses) lists it."""
    from tidings.config import open_store
    from tidings.query import Explorer

    if count <= 0:
        return {}
    reader = Explorer(open_store(db))
    folder = Path(tempfile.mkdtemp(dir=work, prefix="arrivals-"))
    delays, not_stored = [], 0
    for i, item in enumerate(fresh_articles(count, words)):
        path = folder / f"probe-{i}.txt"
        started = time.perf_counter()
        path.write_text(f"date {item['published']}\nsource: {item['source']}\n{item['title']}\n\n{item['text']}\n",
                        encoding="utf-8")
        if not pipeline.ingest([str(path)]).added:
            not_stored += 1  # a near-duplicate of a stored article: never becomes visible as itself
            continue
        deadline = started + 60
        while not reader.articles(source=item["source"], limit=1):
            if time.perf_counter() > deadline:
                raise RuntimeError(f"probe {i} stored but not visible after 60 s")
            time.sleep(0.005)
        delays.append(time.perf_counter() - started)
    if not delays:
        return {"visible_probes": 0}
    return {"visible_p50_s": percentile(delays, 0.5), "visible_p95_s": percentile(delays, 0.95),
            "visible_max_s": max(delays), "visible_probes": len(delays), "probes_not_stored": not_stored}


# -- Dask stage throughput, in a child process ------------------------------------------------
def child_dask(args: argparse.Namespace) -> dict:
    """Reading + embedding (prepare_batch) of `n` articles on a LocalCluster of `workers` processes."""
    from synthetic import iter_generate

    from tidings.distributed import dask_client
    from tidings.pipeline import BATCH_SIZE
    from tidings.prepare import prepare_batch

    raws = list(iter_generate(ROOT / "examples" / "corpus", args.n, args.words, seed=11))
    for i, raw in enumerate(raws, start=1):
        raw.id = i
    batches = [raws[i:i + BATCH_SIZE] for i in range(0, len(raws), BATCH_SIZE)]
    os.environ["TIDINGS_WORKER_THREADS"] = str(args.threads)
    with dask_client("local", args.workers) as client:
        # every worker loads its model and the readers' data before the clock starts
        client.run(_warm_worker, args.embedder)
        cpu_before = sum(client.run(_cpu_seconds).values())
        started = time.perf_counter()
        futures = [client.submit(prepare_batch, batch, args.embedder, pure=False) for batch in batches]
        results = client.gather(futures)
        wall = time.perf_counter() - started
        cpu = sum(client.run(_cpu_seconds).values()) - cpu_before
    read = sum(r.read_seconds for r in results)
    model = sum(r.model_seconds for r in results)
    return {"workers": args.workers, "n": args.n, "seconds": wall, "articles_per_s": args.n / wall,
            "worker_read_s": read, "worker_model_s": model, "threads_per_worker": args.threads,
            "worker_cpu_s": cpu, "cores_received": cpu / wall}


def _cpu_seconds() -> float:
    """CPU time of this worker process so far: how much of the machine it actually got."""
    import psutil

    times = psutil.Process().cpu_times()
    return times.user + times.system


def _warm_worker(embedder_name: str) -> None:
    from tidings.model import RawArticle
    from tidings.prepare import prepare_batch

    text = "Warm-up article from Astana, Kazakhstan. " * 10
    prepare_batch([RawArticle("warm", "jsonl", json.dumps({"title": "Warm up", "text": text}).encode(), id=0)],
                  embedder_name)


# -- the parent: runs, table, docs -------------------------------------------------------------
def run_child(kind: str, env_embedder: str, work: Path, *options: str) -> dict:
    """One measurement in a fresh process; its result is also appended to WORK/results.jsonl."""
    env = dict(os.environ, TIDINGS_EMBEDDER=env_embedder, PYTHONPATH=str(ROOT / "src"))
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, *options]
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{kind} run failed ({done.returncode}): {' '.join(command)}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    with open(work / "results.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps(dict(result, kind=kind)) + "\n")
    return result


def db_url(template: str | None, work: Path, name: str) -> str:
    if template:
        return template.replace("{n}", name)
    path = work / f"store-{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def ingest_run(args, n: int, embedder: str) -> dict:
    corpus = corpus_file(args.work, n, args.words)
    name = f"{n}-{embedder}"
    print(f"ingest {n} articles, {embedder} embedder …", file=sys.stderr, flush=True)
    result = run_child("ingest", embedder, args.work, "--n", str(n), "--corpus", str(corpus), "--embedder", embedder,
                       "--db", db_url(args.db, args.work, name), "--work", str(args.work),
                       "--searches", str(args.searches), "--freshness", str(args.freshness),
                       "--words", str(args.words))
    print(f"  {result['stored']} stored in {result['seconds']:.0f} s ({result['articles_per_s']:.1f}/s)",
          file=sys.stderr, flush=True)
    return result


def fmt(value, pattern: str = "{:.1f}") -> str:
    return "–" if value is None else pattern.format(value)


def ingest_table(runs: list[dict]) -> list[str]:
    lines = ["| articles | embedder | stored (+ duplicates) | ingest s | **articles/s** | ms/article | CPU ms/article "
             "| peak RSS MB | store bytes/article | search p50 / **p95** ms | visible p50 / **p95** s |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in runs:
        lines.append(
            f"| {r['n']:,} | {r['embedder']} | {r['stored']:,} (+{r['duplicates']:,}) | {r['seconds']:.0f} "
            f"| **{r['articles_per_s']:.1f}** | {r['ms_per_article']:.1f} | {fmt(r.get('cpu_ms_per_article'))} "
            f"| {r['peak_rss_mb']:.0f} "
            f"| {fmt(r.get('bytes_per_article'), '{:,.0f}')} "
            f"| {fmt(r.get('search_p50_ms'))} / **{fmt(r.get('search_p95_ms'))}** "
            f"| {fmt(r.get('visible_p50_s'), '{:.2f}')} / **{fmt(r.get('visible_p95_s'), '{:.2f}')}** |")
    return lines


def report_lines(args, scale: list[dict], e5: list[dict], dask: list[dict], load: tuple[float, float]) -> list[str]:
    lines = [f"Measured {date.today().isoformat()} with `{' '.join(['python bench/suite.py', *args.argv])}` on "
             f"{os.cpu_count()} CPU cores; load average {load[0]:.1f} at the start, {load[1]:.1f} at the end "
             f"(other engineers' jobs share the cores: figures swing with it).", ""]
    lines += ingest_table(scale + e5)
    for r in scale:
        if r.get("first_slice_ms"):
            lines += ["", f"Within the {r['n']:,}-article run: {r['last_slice_ms']:.1f} ms per article over the last "
                          f"{r['slice_size']:,} items vs {r['first_slice_ms']:.1f} ms over the first "
                          f"{r['slice_size']:,}: **{r['last_slice_ms'] / r['first_slice_ms']:.2f}x**; CPU time "
                          f"{r['last_slice_cpu_ms']:.1f} vs {r['first_slice_cpu_ms']:.1f} ms: "
                          f"**{r['last_slice_cpu_ms'] / r['first_slice_cpu_ms']:.2f}x** (target ≤ 1.3x)."]
    if len(scale) >= 2:
        small, large = scale[0], scale[-1]
        ratio = large["ms_per_article"] / small["ms_per_article"]
        lines += ["", f"Per-article time at {large['n']:,} vs {small['n']:,} articles: **{ratio:.2f}x** "
                      f"({large['ms_per_article']:.1f} vs {small['ms_per_article']:.1f} ms; target ≤ 1.3x: "
                      f"{'met' if ratio <= 1.3 else 'not met'}); CPU time per article "
                      f"{large['cpu_ms_per_article']:.1f} vs {small['cpu_ms_per_article']:.1f} ms: "
                      f"**{large['cpu_ms_per_article'] / small['cpu_ms_per_article']:.2f}x**."]
    if dask:
        lines += ["", "| Dask workers (LocalCluster, 1 model thread each) | articles | read + embed s | **articles/s** "
                      "| speed-up | worker CPU s | cores the workers got | CPU s per article |", "|---|---|---|---|---|---|---|---|"]
        base = dask[0]["articles_per_s"]
        for r in dask:
            lines.append(f"| {r['workers']} | {r['n']} | {r['seconds']:.1f} | **{r['articles_per_s']:.2f}** "
                         f"| {r['articles_per_s'] / base:.2f}x | {r['worker_cpu_s']:.0f} | {r['cores_received']:.2f} "
                         f"| {r['worker_cpu_s'] / r['n']:.2f} |")
        if len(dask) >= 2:
            speedup = dask[1]["articles_per_s"] / base
            lines += ["", f"2 workers vs 1 on the reading + embedding stages (e5): **{speedup:.2f}x** "
                          f"(target ≥ 1.7x: {'met' if speedup >= 1.7 else 'not met'})."]
    return lines


def update_docs(lines: list[str]) -> None:
    text = DOCS.read_text(encoding="utf-8")
    block = "\n".join([BEGIN, *lines, END])
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## Benchmark suite (bench/suite.py)\n\n" + block + "\n"
    DOCS.write_text(text, encoding="utf-8")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes of the scale runs (hashing embedder)")
    parser.add_argument("--e5", type=int, default=100, help="articles of the multilingual-e5-small run (0: none)")
    parser.add_argument("--dask-articles", type=int, default=300, help="articles for the Dask 1 vs 2 workers run (0: none)")
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--searches", type=int, default=100, help="search queries per store")
    parser.add_argument("--freshness", type=int, default=20, help="arrival-to-visibility probes per store")
    parser.add_argument("--db", help="store URL template, {n} replaced by the run's name (default: SQLite files in --work)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "tidings-bench")
    parser.add_argument("--no-docs", action="store_true", help="print only; leave docs/benchmarks.md alone")
    # internal: one measurement in a child process
    parser.add_argument("--child", choices=["ingest", "dask"], help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--embedder", default="hashing", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.argv = argv
    return args


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    if args.child:
        result = child_ingest(args) if args.child == "ingest" else child_dask(args)
        print(json.dumps(result))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    load_start = os.getloadavg()[0]
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    scale = [ingest_run(args, n, "hashing") for n in sizes]
    e5 = [ingest_run(args, args.e5, "e5")] if args.e5 else []
    dask = []
    for workers in (1, 2) if args.dask_articles else ():
        print(f"Dask, {workers} worker(s), {args.dask_articles} articles, e5 …", file=sys.stderr, flush=True)
        dask.append(run_child("dask", "e5", args.work, "--workers", str(workers), "--n", str(args.dask_articles),
                              "--embedder", "e5", "--words", str(args.words), "--threads", "1"))
    lines = report_lines(args, scale, e5, dask, (load_start, os.getloadavg()[0]))
    print("\n".join(lines))
    if not args.no_docs:
        update_docs(lines)
        print(f"\nupdated {DOCS.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
