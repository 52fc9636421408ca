"""Stage 1: sources -> raw articles (files, folders, URLs, feeds, OPML lists)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..model import RawArticle
from .feeds import feed_items, opml_feeds
from .files import SourceError, list_files, read_file
from .web import FetchError, read_url

__all__ = ["iter_sources", "SourceError", "RawArticle"]


def _is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def _expand(item: RawArticle, allow: list[str] | None) -> Iterator[RawArticle | SourceError]:
    """Feeds and OPML lists are containers: open them into their articles."""
    if item.format == "feed":
        yield from feed_items(item.locator, item.content)
    elif item.format == "opml":
        try:
            urls = opml_feeds(item.locator, item.content)
        except ValueError as exc:
            yield SourceError(item.locator, str(exc))
            return
        for url in urls:
            yield from _from_url(url, allow)
    else:
        yield item


def _from_url(url: str, allow: list[str] | None) -> Iterator[RawArticle | SourceError]:
    try:
        item = read_url(url, allow=allow)
    except FetchError as exc:
        yield SourceError(url, str(exc))
        return
    yield from _expand(item, allow)


def iter_sources(targets: list[str], *, allow_networks: list[str] | None = None,
                 columns: dict[str, str] | None = None) -> Iterator[RawArticle | SourceError]:
    """Every raw article (or error) from paths, folders and URLs, in a stable order. `columns`
    maps article fields to the columns of Parquet files ({"text": "body"})."""
    for target in targets:
        if _is_url(target):
            yield from _from_url(target, allow_networks)
            continue
        root = Path(target).expanduser()
        if not root.exists():
            yield SourceError(target, "no such file or folder")
            continue
        for path in list_files(root):
            for item in read_file(path, columns):
                if isinstance(item, RawArticle):
                    yield from _expand(item, allow_networks)
                else:
                    yield item


def count_files(targets: list[str]) -> int | None:
    """How many files the targets hold (for a progress bar); None when URLs are involved."""
    if any(_is_url(t) for t in targets):
        return None
    return sum(1 for t in targets if Path(t).exists() for _ in list_files(Path(t)))
