"""Resolving an article's caption and headline names along with its body's.

The resolver reads the words around a name in `Article.text` (a dictionary entry's context, an
acronym in brackets after its name, a saint's place), by the mention's offsets. A caption's names
have offsets into their caption (read/captions.py), so the resolver is given a view of the article
whose text is the body followed by its captions, with the caption names' offsets moved there; the
entities it finds are copied back. Resolving them in one pass with the body's lets a caption's
"Ramesh" join the body's "Vishwash Kumar Ramesh" as one person, as a surname in the body does. The
headline's names (read/titles.py, offsets into `Article.title`) are placed the same way, after the
captions: a headline's "Tokayev" joins the body's "Kassym-Jomart Tokayev". The credited agencies'
names (read/credits.py) come last, each in its credit line, and are resolved by their agency's name
in the list ("Reuters" for "رويترز", "Associated Press" for "AP"): the resolver cannot tell that an
Arabic or an acronym credit is the agency, the list can.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..model import CAPTION, CREDIT, TITLE, Article, Mention
from ..read.captions import captions_of
from ..read.credits import agency_name, credit_lines
from .resolve import normalise_alias, script_of

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
    _credit_spellings(conn, article, view)


def _credit_spellings(conn, article: Article, view: Article) -> None:
    """The credits' own spellings as aliases of their agency ('رويترز', 'AP'), resolved by the agency's
    name: a search in the credit's script finds the agency."""
    spelled = Counter((m.entity_id, m.text) for m, seen in zip(article.mentions, view.mentions)
                      if m.part == CREDIT and m.entity_id is not None and m.text != seen.text)
    if not spelled:
        return
    conn.executemany(
        "INSERT INTO entity_aliases(entity_id, alias, normalized, language, script, mentions)"
        " VALUES (?,?,?,?,?,?) ON CONFLICT(entity_id, normalized, language)"
        " DO UPDATE SET mentions = entity_aliases.mentions + excluded.mentions",
        [(entity_id, alias, normalise_alias(alias), article.language, script_of(alias), n)
         for (entity_id, alias), n in sorted(spelled.items())])


def reading_view(article: Article) -> Article:
    """The article with its captions, then its headline, then its credit lines after the body in one
    text, every mention's offsets into it."""
    text, starts = article.text, {CAPTION: [], TITLE: [], CREDIT: []}
    captions, credits = captions_of(article.metadata), credit_lines(article.metadata)
    # credit_lines ends with the captions (a caption's closing credit is read there): those are in the
    # text once, as captions, and a credit's mention in one points into it there
    lines = [(CAPTION, captions), (TITLE, [article.title or ""]), (CREDIT, credits[:len(credits) - len(captions)])]
    for part, found in lines:
        for line in found:
            text += SEPARATOR
            starts[part].append(len(text))
            text += line
    starts[CREDIT] += starts[CAPTION]
    return replace(article, text=text, mentions=[_moved(m, starts) for m in article.mentions])


def _moved(mention: Mention, starts: dict[str, list[int]]) -> Mention:
    line = 0 if mention.part == TITLE else mention.caption
    if mention.in_body or line is None or line >= len(starts.get(mention.part, ())):
        return replace(mention)
    offset = starts[mention.part][line]
    moved = replace(mention, start=mention.start + offset, end=mention.end + offset)
    if mention.part == CREDIT:  # one entity an agency, whatever the credit's script: 'AP', 'رويترز'
        moved.text = agency_name(mention.text) or mention.text
    return moved
