"""Resolving an article's caption and headline names along with its body's.

The resolver reads the words around a name in `Article.text` (a dictionary entry's context, an
acronym in brackets after its name, a saint's place), by the mention's offsets. A caption's names
have offsets into their caption (read/captions.py), so the resolver is given a view of the article
whose text is the body followed by its captions, with the caption names' offsets moved there; the
entities it finds are copied back. Resolving them in one pass with the body's lets a caption's
"Ramesh" join the body's "Vishwash Kumar Ramesh" as one person, as a surname in the body does. The
headline's names (read/titles.py, offsets into `Article.title`) are placed the same way, after the
captions: a headline's "Tokayev" joins the body's "Kassym-Jomart Tokayev".
"""
from __future__ import annotations

from dataclasses import replace

from ..model import TITLE, Article, Mention
from ..read.captions import captions_of

SEPARATOR = "\n\n"  # between the body and each caption: no name or bracket runs across it


def resolve_with_captions(resolver, conn, article: Article) -> None:
    """`resolver.resolve` over the body's, the captions' and the headline's names; each mention gets
    its entity."""
    if all(m.in_body for m in article.mentions):
        resolver.resolve(conn, article)
        return
    view = reading_view(article)
    resolver.resolve(conn, view)
    for mention, resolved in zip(article.mentions, view.mentions):
        mention.entity_id = resolved.entity_id


def reading_view(article: Article) -> Article:
    """The article with its captions, then its headline, after the body in one text, every mention's
    offsets into it."""
    text, starts = article.text, []
    for caption in captions_of(article.metadata):
        text += SEPARATOR
        starts.append(len(text))
        text += caption
    text += SEPARATOR
    title_start = len(text)
    text += article.title or ""
    return replace(article, text=text, mentions=[_moved(m, starts, title_start) for m in article.mentions])


def _moved(mention: Mention, starts: list[int], title_start: int) -> Mention:
    if mention.part == TITLE:
        offset = title_start
    elif mention.in_body or mention.caption is None or mention.caption >= len(starts):
        return replace(mention)
    else:
        offset = starts[mention.caption]
    return replace(mention, start=mention.start + offset, end=mention.end + offset)
