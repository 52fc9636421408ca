"""Crash safety under fire: SIGKILL an ingest at random moments many times, restart it each time,
then compare the store with a clean, uninterrupted run over the same input.

    python bench/bench_kills.py --articles 2000 --kills 200

The input is one JSON Lines file of synthetic articles (bench/synthetic.py). Both runs use the
model-free hashing embedder (TIDINGS_EMBEDDER=hashing) so 200 restarts take minutes, not hours;
what is checked (transactions, resumption, deduplication, grouping, entity resolution) does not
depend on the model. Compared: every input line present exactly once (as an article or as a
recorded duplicate), the same duplicates, the same grouping into stories (as sets of inputs), the
same entities (as sets of aliases), the same events (type, dyad, date and the sentences reporting
each), and SQLite's integrity check.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate  # noqa: E402

from tidings.store.sqlite import Store  # noqa: E402


def ingest_command(db: Path, source: Path) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ, TIDINGS_DB=f"sqlite:///{db}", TIDINGS_EMBEDDER="hashing")
    return [sys.executable, "-m", "tidings.cli", "ingest", str(source)], env


def snapshot(db: Path) -> dict:
    store = Store(f"sqlite:///{db}")
    line = lambda locator: locator.rsplit("#", 1)[-1]  # noqa: E731
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
    return {
        "lines": sorted(by_id.values()),
        "status": sorted((by_id[r["id"]], r["status"], by_id.get(r["duplicate_of"])) for r in raws),
        "stories": sorted(sorted(s) for s in stories.values()),
        "entities": sorted(sorted(e) for e in entities.values()),
        "events": sorted(sorted(map(str, e)) for e in events.values()),
        "story_sizes_match": all(sizes.get(k) == len(v) for k, v in stories.items()),
        "integrity": store.query("PRAGMA integrity_check")[0][0],
        "pending": store.counts()["pending"],
        "articles": store.counts()["articles"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="tidings-kills-"))
    source = work / "input.jsonl"
    with open(source, "wb") as handle:
        for item in generate(ROOT / "examples" / "corpus", args.articles, 300, seed=args.seed):
            handle.write(item.content + b"\n")

    clean_db, killed_db = work / "clean.db", work / "killed.db"
    command, env = ingest_command(clean_db, source)
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"clean run: {time.perf_counter() - started:.0f} s", flush=True)

    command, env = ingest_command(killed_db, source)
    kills = finished = 0
    started = time.perf_counter()
    expected = snapshot(clean_db)["lines"]
    while kills < args.kills:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            process.wait(timeout=rng.uniform(0.3, 2.0))
            finished += 1
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
            kills += 1
        if kills and kills % 20 == 0:
            print(f"  {kills} kills, {Store(f'sqlite:///{killed_db}').counts()['articles']} articles so far", flush=True)
        counts = Store(f"sqlite:///{killed_db}").counts()
        if finished and counts["raw"] >= len(expected) and counts["pending"] == 0:
            break  # the input is complete: further kills would only hit re-runs that add nothing
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"killed run: {kills} SIGKILLs during the ingest, {finished} runs that ended on their own, "
          f"{time.perf_counter() - started:.0f} s", flush=True)

    clean, killed = snapshot(clean_db), snapshot(killed_db)
    lost = len(set(clean["lines"]) - set(killed["lines"]))
    duplicated = len(killed["lines"]) - len(set(killed["lines"]))
    result = {
        "input_lines": args.articles, "kills": kills, "articles_clean": clean["articles"],
        "articles_killed": killed["articles"], "lost": lost, "duplicated": duplicated,
        "same_statuses_and_duplicates": clean["status"] == killed["status"],
        "same_stories": clean["stories"] == killed["stories"],
        "same_entities": clean["entities"] == killed["entities"],
        "same_events": clean["events"] == killed["events"], "events": len(clean["events"]),
        "story_sizes_consistent": killed["story_sizes_match"], "integrity": killed["integrity"],
        "pending_after": killed["pending"],
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
