"""bench/bench_mentions.py: its scorer on a hand-made example, and the mention gold
(examples/gold/mentions.jsonl) in step with the reader's current clean text."""
from __future__ import annotations

from collections import Counter

import pytest

from tests.conftest import load_bench


@pytest.fixture(scope="module")
def bench():
    return load_bench("bench_mentions")


GOLD = [(0, 5, "PER", "Ab Cd"), (10, 15, "LOC"), (20, 25, "MISC"), (30, 40, "ORG"), (45, 48, "PER")]
PREDICTED = [
    (0, 5, "PER"),     # right
    (10, 15, "ORG"),   # right span, wrong type: an ORG false positive and a LOC miss
    (20, 25, "LOC"),   # exactly on a MISC span: ignored
    (30, 35, "ORG"),   # inside the ORG: strict a false positive and a miss, lenient right
    (36, 40, "ORG"),   # the ORG's other half: lenient a false positive (one to one)
    (45, 48, "NAME"),  # a name of unknown kind: not scored, the PER is missed
    (50, 55, "PER"),   # nothing there
    (21, 23, "LOC"),   # inside MISC only: strict a false positive, lenient ignored
]


def test_strict_scoring(bench):
    tp, fp, fn = bench.score(GOLD, PREDICTED)
    assert tp == Counter(PER=1)
    assert fp == Counter(ORG=3, PER=1, LOC=1)
    assert fn == Counter(LOC=1, ORG=1, PER=1)


def test_lenient_scoring(bench):
    tp, fp, fn = bench.score(GOLD, PREDICTED, lenient=True)
    assert tp == Counter(PER=1, ORG=1)
    assert fp == Counter(ORG=2, PER=1)  # (10,15) ORG over a LOC, (36,40) the second half, (50,55)
    assert fn == Counter(LOC=1, PER=1)


def test_prf_and_error_kinds(bench):
    assert bench.prf(1, 1, 2) == pytest.approx((0.5, 1 / 3, 0.4))
    assert bench.prf(0, 0, 0) == (0.0, 0.0, 0.0)
    kinds = bench.error_kinds(GOLD, PREDICTED)
    # LOC (10,15): same span, other type; ORG (30,40): overlapped by ORG; PER (45,48): typed NAME;
    # (50,55): spurious; (21,23) lies on the MISC span only
    assert kinds == Counter({"type": 1, "span": 1, "NAME": 1, "spurious": 1, "on MISC": 1})
    assert bench.error_kinds([(0, 3, "LOC")], []) == Counter(missed=1)


def test_surface_mismatch_is_reported(bench):
    record = {"id": "x", "spans": [(0, 5, "LOC", "Paris"), (9, 15, "LOC", "London")]}
    assert bench.surface_mismatches(record, "Paris to London") == []
    assert len(bench.surface_mismatches(record, "Paris to Londres")) == 1


def test_gold_surfaces_match_the_current_clean_text(bench):
    records = bench.load_gold()
    assert {r["language"] for r in records} == set(bench.LANGS)
    articles = bench.read_articles([r["id"] for r in records])
    assert set(articles) == {r["id"] for r in records}
    mismatched = [m for r in records for m in bench.surface_mismatches(r, articles[r["id"]].text)]
    assert mismatched == []
    for record in records:
        spans = sorted(record["spans"])
        assert all(t in ("PER", "LOC", "ORG", "MISC") for _, _, t, _ in spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), record["id"]  # no overlaps
