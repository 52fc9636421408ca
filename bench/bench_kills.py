"""Crash safety under fire: SIGKILL `tidings ingest`, `tidings watch` or `tidings serve` at random
moments many times, restart it each time, then compare the store with a clean, uninterrupted run
over the same input.

    python bench/bench_kills.py --articles 2000 --kills 200                  # ingest
    python bench/bench_kills.py --target watch --articles 600 --kills 50
    python bench/bench_kills.py --target serve --articles 600 --kills 50
    python bench/bench_kills.py --target serve --postgres postgresql://tidings@127.0.0.1:55432/postgres

The input is synthetic articles (bench/synthetic.py), brought in three ways:

* ingest: one JSON Lines file; restarts of `tidings ingest` are killed within `--busy-window` s
  after they commit their first work (raw items stored or a batch processed: mid-batch, between
  batches) or, for a share `--early-share` of them, at a random moment before restarts typically
  commit (start-up, reading the input, the first batch).
* watch: a JSON Feed on 127.0.0.1 (served here) that one followed source polls every second; before
  each restart of `tidings watch` the next `articles / kills` items appear in it (as files dropped
  into a folder would). The watcher is killed at a random moment up to `--busy-window` s after it
  starts taking new items (the store's raw-item count grows), so kills land in the work itself:
  between storing raw items and processing them, mid-batch, while saving the feed's state.
* serve: a client thread POSTs the articles to /api/ingest in batches (`--per-post`, with a token)
  while `tidings serve` is killed, the same way, after it starts storing them. A post without an
  answer is sent again until one comes: exactly once comes from the store, which keeps one raw item
  per content and lets a restarted server finish what a killed one left pending.

The clean run brings the same input the same way without kills (watch: every item in the feed at
once; serve: the same client). Every child runs this tree's code (PYTHONPATH) with the model-free
hashing embedder, so hundreds of restarts take minutes; what is checked (transactions, resumption,
deduplication, grouping, entity resolution) does not depend on the model. Compared: every input
article present exactly once (as an article or as a recorded duplicate), the same duplicates, the
same grouping into stories (as sets of inputs), the same entities (as sets of aliases), the same
events (type, dyad, date and the sentences reporting each), and SQLite's integrity check. With
--postgres the two stores are new databases on that server (`.ci/postgres.sh start`).
"""
from __future__ import annotations

import argparse
import hashlib
import http.server
import json
import math
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate  # noqa: E402  (also puts this tree's src/ first on sys.path)

from tidings.store import open_store  # noqa: E402

QUIET = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}


def child_env(db: str) -> dict[str, str]:
    return dict(os.environ, TIDINGS_DB=db, TIDINGS_EMBEDDER="hashing", PYTHONPATH=str(ROOT / "src"),
                TIDINGS_LOG_FORMAT="text")


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "tidings.cli", *args]


def counts(db: str) -> dict[str, int]:
    store = open_store(db)
    try:
        return store.counts()
    finally:
        store.close_all()


def raw_count(db: str) -> int:
    """Raw items stored so far (a plain read: it must not migrate or lock the store)."""
    return _read_one(db, "SELECT COUNT(*) FROM raw_articles") or 0


def work_done(db: str) -> tuple:
    """Raw items stored and raw items processed so far: changes whenever an ingest commits work."""
    return _read_one(db, "SELECT COUNT(*), COUNT(*) - SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END)"
                         " FROM raw_articles", whole_row=True) or (0, 0)


def _read_one(db: str, sql: str, whole_row: bool = False):
    if db.startswith("sqlite:///"):
        try:
            with sqlite3.connect(f"file:{db[len('sqlite:///'):]}?mode=ro", uri=True, timeout=30) as conn:
                row = conn.execute(sql).fetchone()
        except sqlite3.OperationalError:  # not created yet
            return None
    else:
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            row = conn.execute(sql).fetchone()
    return tuple(row) if whole_row else row[0]


def complete(db: str, expected: int) -> bool:
    found = counts(db)
    return found["raw"] >= expected and found["pending"] == 0


def kill_when_busy(process: subprocess.Popen, db: str, rng: random.Random, window: float,
                   timeout: float = 60.0, mark=raw_count) -> bool:
    """SIGKILL the process at a random moment within `window` s after it starts its work (what
    `mark` reads of the store changes: by default it stores new raw items), or after `timeout`;
    False when it ended on its own first."""
    before, deadline = mark(db), time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline and mark(db) == before:
        time.sleep(0.02)
    try:
        process.wait(timeout=rng.uniform(0.0, window))
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def snapshot(db: str) -> dict:
    store = open_store(db)
    # an input article by the end of its locator: the line of a file (input.jsonl#17), the number in
    # a feed item's URL (https://news3.example/17), the content hash of a post (api:5f0c...)
    line = lambda locator: locator.rsplit("#", 1)[-1].rsplit("/", 1)[-1]  # noqa: E731
    raws = store.query("SELECT id, locator, status, duplicate_of FROM raw_articles")
    by_id = {r["id"]: line(r["locator"]) for r in raws}
    stories: dict[int, set] = {}
    for r in store.query("SELECT a.id, a.story_id FROM articles a"):
        stories.setdefault(r["story_id"], set()).add(by_id[r["id"]])
    entities: dict[int, set] = {}
    for r in store.query("SELECT entity_id, normalized, language FROM entity_aliases"):
        entities.setdefault(r["entity_id"], set()).add((r["normalized"], r["language"]))
    sizes = {r[0]: r[1] for r in store.query("SELECT id, size FROM stories")}
    events: dict[int, set] = {}  # an event as its type, dyad and date plus the sentences reporting it
    for r in store.query("SELECT e.id, e.type, e.source_code, e.target_code, e.date, m.article_id, m.sentence"
                         " FROM events e JOIN event_mentions m ON m.event_id = e.id"):
        events.setdefault(r[0], {(r[1], r[2], r[3], r[4])}).add((by_id[r[5]], r[6]))
    integrity = store.query("PRAGMA integrity_check")[0][0] if store.dialect == "sqlite" else None
    found = store.counts()
    store.close_all()
    return {
        "lines": sorted(by_id.values()),
        "status": sorted((by_id[r["id"]], r["status"], by_id.get(r["duplicate_of"])) for r in raws),
        "stories": sorted(sorted(s) for s in stories.values()),
        "entities": sorted(sorted(e) for e in entities.values()),
        "events": sorted(sorted(map(str, e)) for e in events.values()),
        "story_sizes_match": all(sizes.get(k) == len(v) for k, v in stories.items()),
        "integrity": integrity,
        "pending": found["pending"],
        "articles": found["articles"],
    }


# -- ingest: one file ---------------------------------------------------------------------------
class IngestTarget:
    def __init__(self, work: Path, articles: list[dict], window: float):
        self.source, self.expected, self.window = work / "input.jsonl", len(articles), window
        self.early_share = EARLY_SHARE
        with open(self.source, "w", encoding="utf-8") as handle:
            for article in articles:
                handle.write(json.dumps(article, ensure_ascii=False) + "\n")

    def clean(self, db: str) -> None:
        subprocess.run(cli("ingest", str(self.source)), env=child_env(db), check=True, **QUIET)

    def under_fire(self, db: str, kills: int, rng: random.Random) -> dict:
        """Restarts are killed at two kinds of moment: within `window` s after the restart
        commits its first work (raw items stored or a batch processed: mid-batch, between batches),
        and at a uniformly random moment before the time restarts typically take to commit (the
        median of the first kind: start-up, reading the input, the first batch), the second kind
        for a share `--early-share` of the restarts. Each kill of the first kind moves the work on by
        a batch or two (2,000 articles took 92 of them), the second kind makes restarts that die
        before they commit anything."""
        done = finished = hit = before_work = 0
        first_work: list[float] = []
        while done < kills:
            started, before = time.monotonic(), work_done(db)
            process = subprocess.Popen(cli("ingest", str(self.source)), env=child_env(db), **QUIET)
            early = bool(first_work) and rng.random() < self.early_share
            limit = started + rng.uniform(0.0, sorted(first_work)[len(first_work) // 2]) if early else None
            committed = False
            while process.poll() is None:
                now = time.monotonic()
                if not committed and work_done(db) != before:  # this run's first commit
                    committed = True
                    if not early:
                        first_work.append(now - started)
                        limit = now + rng.uniform(0.0, self.window)
                if (limit is not None and now >= limit) or now - started > 300:
                    break
                time.sleep(0.02)
            if process.poll() is not None:
                finished += 1
            else:
                process.send_signal(signal.SIGKILL)
                process.wait()
                before_work += not committed
                done += 1
                hit += progress(done, db)
            if finished and complete(db, self.expected):
                break  # the input is complete: further kills would only hit re-runs that add nothing
        self.clean(db)  # the last run, left to finish
        return {"kills": done, "kills_before_the_runs_first_commit": before_work,
                "kills_that_left_items_pending": hit, "runs_that_ended_on_their_own": finished,
                "first_commit_s_median": round(sorted(first_work)[len(first_work) // 2], 2) if first_work else None}


# -- watch: a feed that grows -------------------------------------------------------------------
class Feed:
    """A JSON Feed on 127.0.0.1 listing the first `visible` articles, newest first, with an ETag."""

    def __init__(self, articles: list[dict]):
        self.articles, self.visible = articles, 0
        feed = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802
                body = feed.body() if self.path == "/feed.json" else b""
                tag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
                if not body:
                    self.send_response(404)  # robots.txt and anything else
                elif self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    body = b""
                else:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/feed+json")
                self.send_header("ETag", tag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feed.json"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def body(self) -> bytes:
        items = [{"id": a["url"], "url": a["url"], "title": a["title"], "content_text": a["text"],
                  "date_published": a["published"]} for a in self.articles[:self.visible]]
        feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Wire", "items": items[::-1]}
        return json.dumps(feed, ensure_ascii=False).encode("utf-8")


class WatchTarget:
    def __init__(self, work: Path, articles: list[dict], window: float):
        self.feed, self.expected, self.window = Feed(articles), len(articles), window

    def watch(self, *extra: str) -> list[str]:
        return cli("watch", "--delay", "0", "--allow-network", "127.0.0.1/32", *extra)

    def follow(self, db: str) -> None:
        from tidings.store.sources import SourceStore

        store = open_store(db)  # polled every second, items taken from the feed's text
        SourceStore(store).add(self.feed.url, name="Wire", interval_s=1, kind="feed", fetch_pages=False)
        store.close_all()

    def clean(self, db: str) -> None:
        self.follow(db)  # again after the run under fire: changes nothing
        self.feed.visible = self.expected
        for _ in range(1 + self.expected // 1000):  # a poll takes at most 1,000 new items
            subprocess.run(self.watch("--once"), env=child_env(db), check=True, **QUIET)
            if complete(db, self.expected):
                return
        raise SystemExit("watch --once did not take the whole feed")

    def under_fire(self, db: str, kills: int, rng: random.Random) -> dict:
        self.follow(db)
        self.feed.visible = 0  # the clean run showed everything
        chunk, done, finished, hit = math.ceil(self.expected / kills), 0, 0, 0
        while done < kills:
            self.feed.visible = min(self.expected, self.feed.visible + chunk)
            process = subprocess.Popen(self.watch(), env=child_env(db), **QUIET)
            if kill_when_busy(process, db, rng, self.window):
                done += 1
                hit += progress(done, db)
            else:
                finished += 1
                if finished > kills:
                    raise SystemExit("tidings watch keeps ending by itself: see `tidings watch` run by hand")
            if self.feed.visible == self.expected and complete(db, self.expected):
                break
        self.clean(db)
        return {"kills": done, "kills_that_left_items_pending": hit, "runs_that_ended_on_their_own": finished}


# -- serve: articles posted to the API ----------------------------------------------------------
class Poster(threading.Thread):
    """Posts the batches in order; a post without an answer (the server died) is sent again."""

    def __init__(self, url: str, token: str, batches: list[list[dict]]):
        super().__init__(daemon=True)
        self.url, self.token, self.batches = url, token, batches
        self.acknowledged = 0
        self.unanswered = 0  # posts sent again because the server died after receiving them
        self.refusals: list[str] = []  # HTTP errors: a server that answers must not fail a post

    def run(self) -> None:
        import httpx

        headers = {"Authorization": f"Bearer {self.token}"}
        with httpx.Client(timeout=300) as http:
            for batch in self.batches:
                while True:
                    try:
                        answer = http.post(f"{self.url}/api/ingest", json=batch, headers=headers)
                    except httpx.ConnectError:  # the server is down: wait for it
                        time.sleep(0.1)
                        continue
                    except httpx.TransportError:  # it took the post and died before answering
                        self.unanswered += 1
                        continue
                    if answer.status_code == 200:
                        self.acknowledged += 1
                        break
                    self.refusals.append(f"{answer.status_code}: {answer.text[:200]}")
                    if len(self.refusals) > 20:
                        return
                    time.sleep(0.5)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServeTarget:
    def __init__(self, work: Path, articles: list[dict], window: float, per_post: int = 5):
        self.expected, self.window = len(articles), window
        self.batches = [articles[i:i + per_post] for i in range(0, len(articles), per_post)]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self, db: str) -> subprocess.Popen:
        import httpx

        command = cli("serve", "--port", str(self.port), "--no-access-log")
        process = subprocess.Popen(command, env=child_env(db), **QUIET)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=5).status_code == 200:
                    return process
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise SystemExit(f"tidings serve did not start (exit status {process.poll()})")

    def poster(self, db: str) -> Poster:
        from tidings.tokens import create_token

        store = open_store(db)
        token = create_token(store, "bench")
        store.close_all()
        poster = Poster(self.url, token, self.batches)
        poster.start()
        return poster

    def clean(self, db: str) -> None:
        self.finish(db, self.poster(db))

    def finish(self, db: str, poster: Poster) -> None:
        """A server left to run until every batch is acknowledged, then stopped gracefully."""
        process = self.start(db)
        poster.join()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        if poster.acknowledged != len(self.batches):
            raise SystemExit(f"posts refused: {poster.refusals[:3]}")

    def under_fire(self, db: str, kills: int, rng: random.Random) -> dict:
        poster, done, hit = self.poster(db), 0, 0
        while done < kills and poster.is_alive():
            process = self.start(db)
            if kill_when_busy(process, db, rng, self.window):
                done += 1
                hit += progress(done, db)
            elif process.returncode:
                raise SystemExit(f"tidings serve ended by itself (exit status {process.returncode})")
        self.finish(db, poster)
        return {"kills": done, "kills_that_left_items_pending": hit, "posts": len(self.batches),
                "posts_unanswered_and_sent_again": poster.unanswered, "http_errors": len(poster.refusals)}


def progress(kills: int, db: str) -> bool:
    """Prints now and then; True when the kill left stored raw items unprocessed (it hit the work)."""
    found = counts(db)
    if kills % 20 == 0:
        print(f"  {kills} kills, {found['articles']} articles so far", flush=True)
    return found["pending"] > 0


EARLY_SHARE = 2 / 3
TARGETS = {"ingest": IngestTarget, "watch": WatchTarget, "serve": ServeTarget}


def compare(clean_db: str, killed_db: str) -> dict:
    clean, killed = snapshot(clean_db), snapshot(killed_db)
    return {
        "articles_clean": clean["articles"], "articles_killed": killed["articles"],
        "lost": len(set(clean["lines"]) - set(killed["lines"])),
        "duplicated": len(killed["lines"]) - len(set(killed["lines"])),
        "unexpected": len(set(killed["lines"]) - set(clean["lines"])),
        "same_statuses_and_duplicates": clean["status"] == killed["status"],
        "same_stories": clean["stories"] == killed["stories"],
        "same_entities": clean["entities"] == killed["entities"],
        "same_events": clean["events"] == killed["events"], "events": len(clean["events"]),
        "story_sizes_consistent": killed["story_sizes_match"], "integrity": killed["integrity"],
        "pending_after": killed["pending"],
    }


def new_stores(work: Path, server: str | None) -> tuple[str, str]:
    """Two empty stores: SQLite files in `work`, or two new databases on a PostgreSQL server."""
    if not server:
        return f"sqlite:///{work / 'clean.db'}", f"sqlite:///{work / 'killed.db'}"
    import psycopg

    base, tag = server.rpartition("/")[0], work.name.rsplit("-", 1)[-1].lower()
    names = [f"tidings_kills_{tag}_{run}" for run in ("clean", "killed")]
    with psycopg.connect(server, autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{names[0]}", f"{base}/{names[1]}"


def run(target: str, work: Path, articles: list[dict], kills: int, seed: int, stores: tuple[str, str],
        window: float = 1.5) -> dict:
    """The clean run and the run under fire into two empty stores (URLs); the comparison, with
    timings and counts. `work` holds the input file of the ingest target."""
    rng = random.Random(seed)
    runner = TARGETS[target](work, articles, window)
    clean_db, killed_db = stores
    started = time.perf_counter()
    runner.clean(clean_db)
    clean_s = time.perf_counter() - started
    print(f"clean run: {clean_s:.0f} s", flush=True)
    started = time.perf_counter()
    fire = runner.under_fire(killed_db, kills, rng)
    fire_s = time.perf_counter() - started
    print(f"killed run: {fire}, {fire_s:.0f} s", flush=True)
    return {"target": target, "store": killed_db, "input_articles": len(articles), **fire, "clean_s": round(clean_s),
            "under_fire_s": round(fire_s), **compare(clean_db, killed_db)}


def synthetic_articles(n: int, seed: int, words: int = 300) -> list[dict]:
    return [json.loads(item.content) for item in generate(ROOT / "examples" / "corpus", n, words, seed=seed)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", choices=sorted(TARGETS), default="ingest")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--busy-window", type=float, default=1.5,
                        help="kill within this many seconds after the process starts its work")
    parser.add_argument("--early-share", type=float, default=2 / 3,
                        help="ingest: the share of restarts killed before their first commit")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server (postgresql://user@host:port/postgres,"
                        " a user that may create databases): the stores are two new databases there")
    args = parser.parse_args()
    global EARLY_SHARE
    EARLY_SHARE = args.early_share
    work = Path(tempfile.mkdtemp(prefix=f"tidings-kills-{args.target}-"))
    load = os.getloadavg()
    result = run(args.target, work, synthetic_articles(args.articles, args.seed), args.kills, args.seed,
                 new_stores(work, args.postgres), args.busy_window)
    result["load_average_start_end"] = [round(load[0], 1), round(os.getloadavg()[0], 1)]
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
