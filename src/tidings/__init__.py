"""tidings: the world's news, in any language, as stories, entities and events.

Python API::

    import tidings
    t = tidings.open("sqlite:///news.db")
    report = t.ingest(["examples/corpus"])
    for story in t.stories(limit=5):
        print(story["title"], story["languages"])
"""
from __future__ import annotations

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
