"""bench/bench_compare.py --errors: the pairs false against every gold and the pairs every gold lists that the
system misses, with the one-statement-per-article block, on a hand-made story in three languages."""
from __future__ import annotations

import numpy as np
import pytest

from tidings.compare import AlignParams
from tidings.compare.statements import Statement

from tests.conftest import load_bench


@pytest.fixture(scope="module")
def bench():
    return load_bench("bench_compare")


def _statement(article: int, index: int, language: str, vector, text: str) -> Statement:
    vector = np.asarray(vector, dtype=np.float32)
    return Statement(article_id=article, index=index, text=text, start=0, end=len(text), language=language,
                     source=f"s{article}", published=None, vector=vector / np.linalg.norm(vector))


def _story(gold_pairs: set, statements: list[Statement]) -> dict:
    rows = [{"id": a, "title": "", "language": "x", "source": f"s{a}", "published": None, "url": ""} for a in (1, 2, 3)]
    return {"rows": rows, "statements": statements, "gold_pairs": gold_pairs}


def test_errors_against_two_golds(bench):
    axes = np.eye(8)
    statements = [
        _statement(1, 0, "en", axes[0], "The ferry sank off the coast on Monday."),
        _statement(2, 0, "de", axes[0] + 0.05 * axes[7], "Die Fähre sank am Montag vor der Küste."),
        _statement(3, 0, "fr", axes[0] + 0.05 * axes[6], "Le ferry a sombré lundi au large des côtes."),
        _statement(1, 1, "en", axes[1], "Divers searched the wreck overnight."),
        _statement(2, 1, "de", axes[2], "Taucher durchsuchten das Wrack in der Nacht."),
        _statement(2, 2, "de", axes[0] + 0.3 * axes[3], "Das Schiff ging unter."),
    ]
    en, de, fr, en_divers, de_divers, de_sank = [(s.article_id, s.index) for s in statements]
    # both golds: the sinking is told by en and de (twice in the German article), not by the French
    # sentence; the divers sentence in English and German is one fact the vectors do not see
    shared = {(en, de), (en, de_sank), (en_divers, de_divers)}
    gold_a = {"ferry": _story(shared, statements)}
    gold_b = {"ferry": _story(shared | {(de, fr)}, statements)}  # B also reads the French sentence as the sinking
    # the further step off: one statement per article, the case the "blocked" flag names
    false, missed = bench.error_pairs([gold_a, gold_b], "ferry", AlignParams(further_threshold=9.0))
    assert [f["pair"] for f in false] == [(en, fr)]  # de-fr is in gold B: not false against every gold
    assert false[0]["languages"] == ("en", "fr") and false[0]["score"] > 0.26
    by_pair = {m["pair"]: m for m in missed}
    assert set(by_pair) == {(en, de_sank), (en_divers, de_divers)}
    assert by_pair[(en, de_sank)]["blocked"]  # the German article's other sentence is in the group already
    assert not by_pair[(en_divers, de_divers)]["blocked"] and by_pair[(en_divers, de_divers)]["score"] < 0.26
    # with the further step (the default) the German article's second sinking sentence joins the group
    _, missed = bench.error_pairs([gold_a, gold_b], "ferry", AlignParams())
    assert (en, de_sank) not in {m["pair"] for m in missed}


def test_the_default_gold_is_the_adjudicated_one(bench):
    assert bench.GOLD.name == "compare_adjudicated.json" and bench.GOLD.exists()
