"""bench/compare_gold_agreement.py: pairwise agreement of two comparison golds on a hand-made example, and the
golds of examples/gold (compare.json, compare_b.json and their adjudication compare_adjudicated.json) readable by
it, over the same stories and files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import load_bench


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def agreement():
    return load_bench("compare_gold_agreement")


def _gold(facts, conflicts=()):
    return {"stories": {"s": {"facts": [{"fact": str(i), "statements": f} for i, f in enumerate(facts)],
                              "conflicts": [list(c) for c in conflicts]}}}


def test_pairs_and_scores(agreement):
    a1, b1, c1, b2 = ["a", "1"], ["b", "1"], ["c", "1"], ["b", "2"]
    gold_a = _gold([[a1, b1, c1]], [(a1, c1)])
    gold_b = _gold([[a1, b1], [b2, c1], [b1, b2]], [(c1, a1), (a1, b1)])
    aligned_a, conflicts_a, annotated_a = agreement.pairs(gold_a["stories"]["s"])
    aligned_b, conflicts_b, _ = agreement.pairs(gold_b["stories"]["s"])
    assert len(aligned_a) == 3 and len(aligned_b) == 2  # b1-b2: one article, no pair
    assert annotated_a == {tuple(a1), tuple(b1), tuple(c1)}
    assert conflicts_a <= conflicts_b  # a conflict pair is unordered
    p, r, f = agreement.prf(aligned_a, aligned_b)
    assert (p, r) == (0.5, 1 / 3) and f == pytest.approx(0.4)
    union = agreement.merged(gold_a, gold_b, "union")["stories"]["s"]
    inter = agreement.merged(gold_a, gold_b, "intersection")["stories"]["s"]
    assert len(union["facts"]) == 4 and len(inter["facts"]) == 1
    assert len(union["conflicts"]) == 2 and len(inter["conflicts"]) == 1


GOLDS = ("compare.json", "compare_b.json", "compare_adjudicated.json")


def _golds():
    return [json.loads((ROOT / "examples" / "gold" / name).read_text(encoding="utf-8")) for name in GOLDS]


def test_the_golds_cover_the_same_articles(agreement):
    golds = _golds()
    files = [{event: {ref[0] for fact in story["facts"] for ref in fact["statements"]}
              for event, story in gold["stories"].items()} for gold in golds]
    assert files[0] == files[1] == files[2]
    for gold in golds[1:]:
        for event, story in gold["stories"].items():
            aligned, conflicts, annotated = agreement.pairs(story)
            assert all(len({ref[0] for ref in fact["statements"]}) >= 2 for fact in story["facts"]), event
            assert all(a in annotated and b in annotated and a[0] != b[0] for a, b in conflicts), event


def test_the_adjudicated_gold_keeps_what_both_agree_on(agreement):
    """The adjudication starts from the pairs both annotators list and decides only the others; it uses only
    sentences that A or B list (both files were checked against the store's sentences, so its sentences are stored
    sentences too); each of its conflicts is a pair it aligns."""
    gold_a, gold_b, adjudicated = _golds()
    for event, story in adjudicated["stories"].items():
        al_a, co_a, an_a = agreement.pairs(gold_a["stories"][event])
        al_b, co_b, an_b = agreement.pairs(gold_b["stories"][event])
        aligned, conflicts, annotated = agreement.pairs(story)
        assert al_a & al_b <= aligned, event
        assert co_a & co_b <= conflicts <= co_a | co_b, event
        assert conflicts <= aligned, event
        assert annotated <= an_a | an_b, event
