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

    def entities(self, **filters: Any) -> list[dict]:
        """People, organisations and places, most mentioned first; filters as the CLI's and the API's:
        `q` (any alias, any script, also spellings not seen yet), `type` (PER, ORG, LOC, NAME), `country`,
        `limit`, `offset`."""
        from .entities.queries import EntityExplorer

        return EntityExplorer(self.store).entities(**filters)

    def entity(self, entity_id: int) -> dict | None:
        """One entity: aliases by language and script, its articles, stories and related entities."""
        from .entities.queries import EntityExplorer

        return EntityExplorer(self.store).entity(entity_id)

    def compare(self, story_id: int, **options: Any) -> dict | None:
        """A story's statements aligned across its sources (`tidings compare`): groups reported by
        all / some / one source, conflicts, attributions. None if there is no such story. The statement
        vectors it computes are cached in the store, as the CLI does (`write_cache=False`: not)."""
        from .compare import compare_story

        return compare_story(self.store, story_id, **options)

    def coverage(self, story_id: int | None = None, *, since: str | None = None, until: str | None = None,
                 min_size: int = 2) -> dict | None:
        """A story's languages and outlets from when (`story_id`), else each language's blind spots over
        a period (`tidings coverage`)."""
        from .compare.coverage import language_blind_spots, story_coverage

        if story_id is not None:
            return story_coverage(self.store, story_id)
        return language_blind_spots(self.store, since=since, until=until, min_size=min_size)

    def brief(self, story_id: int, fmt: str = "md", **options: Any) -> str | None:
        """A story's brief (key facts with sources, conflicts, unique details) as Markdown (`md`) or an
        HTML fragment (`html`), as `tidings brief`. None if there is no such story."""
        from .compare.brief import brief_html, brief_markdown

        if fmt not in ("md", "html"):
            raise ValueError(f"unknown brief format {fmt!r}: md or html")
        result = self.compare(story_id, **options)
        if result is None:
            return None
        return brief_html(result) if fmt == "html" else brief_markdown(result)

    def export(self, path: str | Path, fmt: str = "jsonl", what: str = "articles") -> int:
        from .export import export

        return export(self.store, Path(path), fmt=fmt, what=what)

    def recluster(self) -> int:
        return self.pipeline.recluster()
