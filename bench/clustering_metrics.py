"""Clustering metrics: pairwise precision/recall/F1 and B-cubed (Bagga & Baldwin 1998)."""
from __future__ import annotations

from collections import Counter
from itertools import combinations


def pairwise(gold: dict[str, str], predicted: dict[str, object]) -> dict[str, float]:
    """Pairs of items in the same gold group vs in the same predicted group."""
    items = sorted(set(gold) & set(predicted))
    true_pairs = {(a, b) for a, b in combinations(items, 2) if gold[a] == gold[b]}
    predicted_pairs = {(a, b) for a, b in combinations(items, 2) if predicted[a] == predicted[b]}
    hits = len(true_pairs & predicted_pairs)
    precision = hits / len(predicted_pairs) if predicted_pairs else 1.0
    recall = hits / len(true_pairs) if true_pairs else 1.0
    return _prf(precision, recall)


def bcubed(gold: dict[str, str], predicted: dict[str, object]) -> dict[str, float]:
    items = sorted(set(gold) & set(predicted))
    gold_sizes = Counter(gold[i] for i in items)
    predicted_sizes = Counter(predicted[i] for i in items)
    both = Counter((gold[i], predicted[i]) for i in items)
    precision = sum(both[(gold[i], predicted[i])] / predicted_sizes[predicted[i]] for i in items) / len(items)
    recall = sum(both[(gold[i], predicted[i])] / gold_sizes[gold[i]] for i in items) / len(items)
    return _prf(precision, recall)


def _prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def singleton_gold(gold: dict[str, str], none_label: str = "none") -> dict[str, str]:
    """Items labelled `none` belong to no shared event: each is its own group."""
    return {k: (f"__single__{k}" if v == none_label else v) for k, v in gold.items()}
