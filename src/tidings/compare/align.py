"""Step 2: group statements that say the same thing, across articles and languages.

    score(a, b) = cos(vector a, vector b)
                + anchor_weight × min(1, weighted share of names, places, dates and exact numbers both state)
                + number_weight × [both state a number of the same unit within a factor of 4]

Anchors are weighted by how rare they are among the compared articles (a country every article
names says little). The number term lets "265 dead" and "279 người chết" align although the
numbers differ: that is what a conflict is. Statements of one article never share a group.

Groups are built greedily from the best pairs down (average link: a statement joins a group
only if its mean score to the group's members reaches the threshold). Every step is a matrix
operation over at most `max_statements` statements; the pairs considered are capped.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .statements import Statement


@dataclass(frozen=True)
class AlignParams:
    threshold: float = 0.84  # calibrated with bench/bench_compare.py --sweep
    anchor_weight: float = 0.05
    number_weight: float = 0.03
    max_pairs: int = 50_000  # candidate pairs examined, best first (bounded time whatever the story)


def _anchor_matrices(statements: list[Statement]) -> tuple[np.ndarray, np.ndarray]:
    """(n × anchors) incidence and each anchor's weight (rarer across articles weighs more)."""
    index: dict[str, int] = {}
    rows, cols = [], []
    for i, statement in enumerate(statements):
        for anchor in statement.anchors:
            rows.append(i)
            cols.append(index.setdefault(anchor, len(index)))
    incidence = np.zeros((len(statements), max(1, len(index))), dtype=np.float32)
    if rows:
        incidence[rows, cols] = 1.0
    articles_with = np.zeros(incidence.shape[1], dtype=np.float32)
    article_ids = np.array([s.article_id for s in statements])
    for article in np.unique(article_ids):
        articles_with += incidence[article_ids == article].max(axis=0)
    n_articles = max(2, len(np.unique(article_ids)))
    weights = 1.0 - (articles_with - 1) / (n_articles - 1)  # 1 when two articles share it, 0 when all do
    for anchor, column in index.items():
        if anchor.startswith("Q:"):
            weights[column] = max(weights[column], 0.8)  # the same exact number is strong evidence
    return incidence, np.clip(weights, 0.0, 1.0)


def _number_matrix(statements: list[Statement]) -> np.ndarray:
    """1 where two statements both state a number of the same unit within a factor of ~4."""
    bins: dict[str, int] = {}
    exact_rows, exact_cols, near_rows, near_cols = [], [], [], []
    for i, statement in enumerate(statements):
        for quantity in statement.quantities:
            if quantity.value <= 0:
                continue
            level = int(math.floor(math.log(quantity.value, 2)))
            exact_rows.append(i)
            exact_cols.append(bins.setdefault(f"{quantity.unit}:{level}", len(bins)))
            for near in (level - 2, level - 1, level, level + 1, level + 2):
                near_rows.append(i)
                near_cols.append(bins.setdefault(f"{quantity.unit}:{near}", len(bins)))
    n = len(statements)
    if not bins:
        return np.zeros((n, n), dtype=np.float32)
    exact = np.zeros((n, len(bins)), dtype=np.float32)
    near = np.zeros((n, len(bins)), dtype=np.float32)
    exact[exact_rows, exact_cols] = 1.0
    near[near_rows, near_cols] = 1.0
    return ((exact @ near.T) > 0).astype(np.float32)


def pair_scores(statements: list[Statement], params: AlignParams = AlignParams()) -> np.ndarray:
    """Scores of every pair (n × n); -inf within one article."""
    n = len(statements)
    if n == 0:
        return np.zeros((0, 0), dtype=np.float32)
    vectors = np.vstack([s.vector for s in statements]).astype(np.float32)
    scores = vectors @ vectors.T
    incidence, weights = _anchor_matrices(statements)
    shared = (incidence * weights) @ incidence.T
    scores += params.anchor_weight * np.minimum(1.0, shared)
    scores += params.number_weight * _number_matrix(statements)
    article_ids = np.array([s.article_id for s in statements])
    scores[article_ids[:, None] == article_ids[None, :]] = -np.inf
    return scores


def align(statements: list[Statement], params: AlignParams = AlignParams()) -> list[list[int]]:
    """Groups of statement indices (singletons included), each with at most one statement per article."""
    n = len(statements)
    scores = pair_scores(statements, params)
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    if n > 1:
        upper = np.triu(scores, k=1)
        candidates = np.argwhere(upper >= params.threshold)
        if len(candidates) > params.max_pairs:
            values = upper[candidates[:, 0], candidates[:, 1]]
            candidates = candidates[np.argpartition(-values, params.max_pairs)[:params.max_pairs]]
        order = np.argsort(-upper[candidates[:, 0], candidates[:, 1]], kind="stable")
        for a, b in candidates[order]:
            ga, gb = group_of[a], group_of[b]
            if ga == gb:
                continue
            left, right = members[ga], members[gb]
            articles_left = {statements[i].article_id for i in left}
            if any(statements[i].article_id in articles_left for i in right):
                continue
            if float(scores[np.ix_(left, right)].mean()) < params.threshold:
                continue
            for i in right:
                group_of[i] = ga
            left.extend(right)
            del members[gb]
    return [sorted(group) for group in members.values()]
