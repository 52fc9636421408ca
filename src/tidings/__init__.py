"""tidings: the world's news, in any language, as stories, entities and events.

Python API::

    import tidings
    t = tidings.open("sqlite:///news.db")
    report = t.ingest(["examples/corpus"])
    for story in t.stories(limit=5):
        print(story["title"], story["languages"])
"""
from __future__ import annotations

import os

# The embedding model runs its own threads; numpy's OpenBLAS threads, left spinning after a
# matrix-vector product (semantic search), starved them on small machines: a query took 380 ms
# instead of 30-60 ms on 2 cores. Set before numpy loads; an explicit setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
__all__ = ["open", "Tidings", "__version__"]


def open(db: str | None = None):  # noqa: A001 - tidings.open(...) reads naturally
    from .api_python import Tidings

    return Tidings(db)


def __getattr__(name: str):
    if name == "Tidings":
        from .api_python import Tidings

        return Tidings
    raise AttributeError(name)
