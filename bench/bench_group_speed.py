"""Event grouping speed on a synthetic story (no eval data): random mentions of a big story.

    PYTHONPATH=src .venv/bin/python bench/bench_group_speed.py [--mentions 2600] [--articles 200] [--runs 5]

Mentions of random types, actors (entities and countries of ten countries, some inferred, some
bodies of a tying sector), names, figures, triggers and dates, seeded, so that every run groups the
same input. Then the weak tie's agreement alone (`_tied_members_agree`) asked of two events of
--pair members each, as grouping asks it of a story's biggest events. Prints the best and median time (wall, and the process's CPU time, which a shared machine's load
moves less) of `group_mentions` over fresh copies of the rows (the
per-row caches start empty each run, as they do for a story read from the store), and a digest of
the grouping (the members of every event), which must not change when only the speed does.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from tidings.events.group import Group, MentionRow, _tied_members_agree, group_mentions  # noqa: E402

COUNTRIES = ["IND", "PAK", "CHN", "KAZ", "USA", "RUS", "UKR", "ISR", "EGY", "TUR"]
TYPES = ["ASSAULT", "FIGHT", "CONSULT", "AGREE", "THREATEN", "SANCTION", "ACCUSE", "SUPPORT", "REJECT"]
TRIGGERS = ["strikes", "strike", "talks", "meeting", "attack", "удары", "ударов", "会晤", "sanctions", "accord"]
NAMES = 20
SECTORS = [None, None, None, None, "GOV", "MIL", "JUD", "LEG"]


def _actor(rng: random.Random) -> dict | None:
    if rng.random() < 0.25:
        return None
    # a story is about a few countries: most actors are of its two main ones
    actor = {"code": rng.choice(COUNTRIES[:2]) if rng.random() < 0.8 else rng.choice(COUNTRIES)}
    if rng.random() < 0.6:
        actor["entity_id"] = rng.randint(1, 60)
    else:
        actor["is_country"] = True
    if rng.random() < 0.15:
        actor["inferred"] = True
    sector = rng.choice(SECTORS)
    if sector:
        actor["sector"] = sector
    return actor


def synthetic_story(mentions: int, articles: int, seed: int = 17) -> list[MentionRow]:
    rng = random.Random(seed)
    rows = []
    for i in range(mentions):
        article = rng.randrange(articles)
        day = rng.randint(1, 28)
        dated = rng.random() < 0.05
        numbers = frozenset((rng.choice([3, 8, 26, 31, 100, 2025]), rng.choice(["", "", "dead"]))
                            for _ in range(rng.choice([0, 0, 0, 1, 2])))
        rows.append(MentionRow(
            id=i + 1, article_id=article, type=rng.choice(TYPES[:3] * 3 + TYPES), negated=rng.random() < 0.05,
            source=_actor(rng), target=_actor(rng),
            date=f"2025-05-{day:02d}" if dated else f"2025-05-{rng.randint(6, 8):02d}", date_from_text=dated,
            confidence=rng.random(), language=rng.choice(["en", "fr", "ru", "zh"]), published="2025-05-08",
            names=frozenset(f"N{rng.randint(1, NAMES)}" for _ in range(rng.choice([0, 1, 2, 3]))),
            numbers=numbers, roles={n: n[1] for n in numbers},
            countries=frozenset(rng.sample(COUNTRIES, rng.choice([0, 1, 2, 3, 4]))),
            trigger=rng.choice(TRIGGERS), sentence=rng.randrange(30)))
    return rows


def two_events(size: int, seed: int = 17) -> tuple[list[MentionRow], list[MentionRow]]:
    """Two events of one kind whose members agree (India and Pakistan fighting) but one of each, which
    reads another actor and shares no tie: the weak tie's agreement (_tied_members_agree) is asked, and
    it goes over every pair of members, as it does for a story's biggest events."""
    rng = random.Random(seed)
    events = ([], [])
    for i in range(2 * size):
        side = events[i % 2]
        misread = len(side) == 0
        # India and Pakistan read as the countries or by their demonyms (no entity): all agree
        source = {"code": "TUR", "entity_id": 999} if misread else \
            {"code": "IND", **({"entity_id": 1, "is_country": True} if rng.random() < 0.5 else {})}
        target = {"code": "PAK", **({"entity_id": 2, "is_country": True} if rng.random() < 0.5 else {})}
        side.append(MentionRow(
            id=i + 1, article_id=i, type="ASSAULT", negated=False, source=source, target=target,
            date="2025-05-07", date_from_text=False, confidence=0.5,
            names=frozenset() if misread else frozenset(f"N{rng.randint(1, 40)}" for _ in range(2)),
            countries=frozenset(["IND", "PAK"]), trigger="strikes", sentence=1))
    return events


def time_tied_members(size: int, runs: int) -> tuple[float, float, bool]:
    """CPU seconds of _tied_members_agree on two fresh events of `size` members, best and median."""
    first, second = two_events(size)
    cpu, answer = [], None
    for _ in range(runs):
        a, b = Group(), Group()
        for row in copy.deepcopy(first):
            a.add(row)
        for row in copy.deepcopy(second):
            b.add(row)
        started = time.process_time()
        for _ in range(10):
            answer = _tied_members_agree(a, b)
        cpu.append((time.process_time() - started) / 10)
    return min(cpu), statistics.median(cpu), bool(answer)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentions", type=int, default=2600)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pair", type=int, default=300, help="members of each of the two events of the second measure")
    args = parser.parse_args()
    rows = synthetic_story(args.mentions, args.articles)
    times, cpu, digest, events = [], [], None, 0
    for _ in range(args.runs):
        fresh = copy.deepcopy(rows)
        started, cpu_started = time.perf_counter(), time.process_time()
        groups = group_mentions(fresh)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        events = len(groups)
        digest = hashlib.sha256(repr([sorted(m.id for m in g.members) for g in groups]).encode()).hexdigest()[:16]
    print(f"{args.mentions} mentions, {args.articles} articles: {events} events, digest {digest}, "
          f"wall best {min(times):.3f} s, median {statistics.median(times):.3f} s; "
          f"CPU best {min(cpu):.3f} s, median {statistics.median(cpu):.3f} s over {args.runs} runs")
    best, median, answer = time_tied_members(args.pair, args.runs)
    print(f"_tied_members_agree, two events of {args.pair} members (answer {answer}): "
          f"CPU best {1000 * best:.2f} ms, median {1000 * median:.2f} ms a call")


if __name__ == "__main__":
    main()
