"""The Python API: one object over a store, the same operations as the CLI."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .config import open_store
from .pipeline import IngestReport, Pipeline
from .query import Explorer


class Tidings:
    def __init__(self, db: str | None = None):
        self.store = open_store(db)
        self.explorer = Explorer(self.store)
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:  # loads the embedding model: only when ingesting
            self._pipeline = Pipeline(self.store)
        return self._pipeline

    def ingest(self, targets: list[str] | str, **options: Any) -> IngestReport:
        return self.pipeline.ingest([targets] if isinstance(targets, str) else list(targets), **options)

    def stories(self, **filters: Any) -> list[dict]:
        return self.explorer.stories(**filters)

    def story(self, story_id: int, **options: Any) -> dict | None:
        return self.explorer.story(story_id, **options)

    def articles(self, **filters: Any) -> list[dict]:
        return self.explorer.articles(**filters)

    def article(self, article_id: int) -> dict | None:
        return self.explorer.article(article_id)

    def search(self, q: str, **options: Any) -> list[dict]:
        return self.explorer.search(q, **options)

    def events(self, **filters: Any) -> list[dict]:
        """Events (PLOVER) with their mentions; filters as `EventExplorer.events` (type, story_id,
        entity_id, country, since, until, min_confidence ...)."""
        from .events.queries import EventExplorer

        return EventExplorer(self.store).events(**filters)

    def event(self, event_id: int) -> dict | None:
        from .events.queries import EventExplorer

        return EventExplorer(self.store).event(event_id)

    def dyads(self, **filters: Any) -> list[dict]:
        from .events.queries import EventExplorer

        return EventExplorer(self.store).dyads(**filters)

    def export(self, path: str | Path, fmt: str = "jsonl", what: str = "articles") -> int:
        from .export import export

        return export(self.store, Path(path), fmt=fmt, what=what)

    def recluster(self) -> int:
        return self.pipeline.recluster()
