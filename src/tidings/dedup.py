"""Exact and near-duplicate detection.

Exact: same URL, or the same normalised title + text (a SHA-256 in the store).
Near: MinHash over character 5-shingles (script independent: works for Chinese and Thai too)
with LSH, so that a syndicated copy with a different byline or a trimmed paragraph is recorded
once. Signatures are stored, so the index is rebuilt on start without re-reading articles.
"""
from __future__ import annotations

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from .textutil import shingles

NUM_PERM = 64
THRESHOLD = 0.8


def signature_of(text: str, num_perm: int = NUM_PERM) -> MinHash:
    """The MinHash of a text (pure: the same text gives the same signature in any process)."""
    minhash = MinHash(num_perm=num_perm)
    minhash.update_batch([s.encode("utf-8") for s in shingles(text)])
    return minhash


class NearDuplicateIndex:
    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM):
        self.num_perm = num_perm
        probe = MinHash(num_perm=num_perm)
        self.scheme = probe.scheme  # stored signatures must be read back the same way
        self.dtype = probe.hashvalues.dtype
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)

    def signature(self, text: str) -> MinHash:
        return signature_of(text, self.num_perm)

    def find(self, minhash: MinHash) -> int | None:
        """The id of a stored near-duplicate, if any (the lowest id: the first one seen)."""
        hits = self.lsh.query(minhash)
        return min(hits) if hits else None

    def add(self, article_id: int, minhash: MinHash) -> None:
        if article_id not in self.lsh:
            self.lsh.insert(article_id, minhash)

    def remove(self, article_id: int) -> None:
        if article_id in self.lsh:
            self.lsh.remove(article_id)

    @staticmethod
    def to_bytes(minhash: MinHash) -> bytes:
        return np.asarray(minhash.hashvalues).tobytes()

    def load(self, rows) -> None:
        for article_id, blob in rows:
            values = np.frombuffer(blob, dtype=self.dtype)
            if len(values) == self.num_perm:
                self.add(article_id, LeanMinHash(seed=1, hashvalues=values, scheme=self.scheme))
