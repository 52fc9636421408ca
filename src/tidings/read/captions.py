"""Names in photo captions: read as mentions of the article, marked as the caption's.

Cleaning takes captions out of the body (read/clean.py) and keeps them in `Article.metadata["captions"]`
(with the HTML figure captions the parser found): a name said only under a photo ("Vishwash Kumar
Ramesh at the hospital in Ahmedabad. Photo: Reuters") would otherwise be lost to entities. Each
caption is read as a text of its own, in the article's language, by the same recogniser as the body.

What is read: captions only, without the marker that opens them and the credit that ends them
(`clean.caption_words`). What is not: photo credits, bylines, agency credits and "read more" links:
a photographer, a reporter or an agency is a name on the page, not in the news, and a link's headline
is another article's. Caption names belong to no sentence of the body (`Mention.sentence` is -1,
`part` "caption", `caption` the line's index, offsets into that line), so events, statements and the
body's highlighting, which work sentence by sentence, never see them; entities do.
"""
from __future__ import annotations

from typing import Any

from ..model import CAPTION, NO_SENTENCE, Mention
from .clean import caption_words, credit_only
from .names import find_mentions
from .sentences import split_sentences

MAX_CAPTIONS = 20  # a gallery's captions past this add cost, not names the article is about


def captions_of(metadata: dict[str, Any]) -> list[str]:
    """The article's caption lines, as stored: a caption mention's `caption` indexes this list."""
    captions = metadata.get("captions")
    return [c for c in captions if isinstance(c, str)] if isinstance(captions, list) else []


def caption_mentions(metadata: dict[str, Any], language: str) -> list[Mention]:
    """The names of every caption, each with its caption's index and offsets into that caption."""
    found: list[Mention] = []
    for index, line in enumerate(captions_of(metadata)[:MAX_CAPTIONS]):
        start, end = caption_words(line)
        words = line[start:end]
        if not words.strip() or credit_only(line):
            continue
        for mention in find_mentions(words, split_sentences(words, language), language):
            mention.start += start
            mention.end += start
            mention.sentence, mention.part, mention.caption = NO_SENTENCE, CAPTION, index
            found.append(mention)
    return found
