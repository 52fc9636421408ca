"""Response models of the REST API.

They mirror the dicts `tidings.query.Explorer` returns, so that the OpenAPI document describes
exactly what the endpoints send (and FastAPI checks it on the way out).
"""
from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, Field


class StorySort(str, Enum):
    size = "size"
    recent = "recent"
    growth = "growth"


class SearchMode(str, Enum):
    hybrid = "hybrid"
    keyword = "keyword"
    semantic = "semantic"


class ArticleSummary(BaseModel):
    id: int
    title: str
    language: str = Field(description="ISO 639-1 code of the article's language")
    published: str | None = Field(None, description="ISO date or datetime")
    source: str | None = None
    story_id: int | None = None
    url: str | None = None
    byline: str | None = None


class StoryCountry(BaseModel):
    code: str = Field(description="ISO 3166 alpha-2 code (from the `C:XX` keys of the articles' places)")
    articles: int = Field(description="How many of the story's articles name it")


class KeyName(BaseModel):
    key: str = Field(description="Script-independent matching key")
    type: str | None = None
    text: str = Field(description="Its commonest spelling in the story")
    articles: int


class DayCount(BaseModel):
    day: str = Field(description="ISO date")
    articles: int


class StorySummary(BaseModel):
    id: int
    title: str = Field(description="Title in `title_language`")
    title_language: str | None = None
    article_ids: list[int]
    size: int = Field(description="Number of articles in the story")
    languages: list[str]
    language_counts: dict[str, int]
    sources: list[str]
    first_published: str | None = None
    last_published: str | None = None
    central_article_id: int | None = Field(None, description="The article most central to the story")
    countries: list[StoryCountry] = Field(default_factory=list, description="Countries named, most covered first")
    key_names: list[KeyName] = Field(default_factory=list, description="The names most of its articles share")
    daily: list[DayCount] = Field(default_factory=list, description="Articles per day, first to last day")
    growth: int = Field(0, description="Articles of the last 3 days of the period (up to `until`, else the"
                                       " newest article's day)")


class StoryName(BaseModel):
    """A name or place the story's articles share, with its spellings in each language."""

    key: str = Field(description="Script-independent matching key")
    type: str | None = Field(None, description="PER, ORG, LOC or NAME (a name of unknown kind)")
    country: str | None = None
    mentions: int
    spellings: dict[str, list[str]]
    entity_id: int | None = Field(None, description="The canonical entity these spellings resolve to")
    name: str | None = Field(None, description="The entity's canonical name")


class StoryDetail(StorySummary):
    articles: list[ArticleSummary]
    articles_by_language: dict[str, list[ArticleSummary]]
    names: list[StoryName]
    events: list[dict[str, Any]] = Field(default_factory=list, description="Events coded in the story (PLOVER), "
                                         "each with its mentions; see /api/events")
    dyads: list[dict[str, Any]] = Field(default_factory=list, description="Who acted towards whom in the story")


class Sentence(BaseModel):
    index: int
    start: int
    end: int
    text: str


class NameMention(BaseModel):
    sentence: int | None = Field(None, description="Index of its sentence in the text; -1 for a caption's or the headline's name")
    start: int
    end: int
    text: str
    type: str | None = None
    key: str | None = None
    country: str | None = None
    role: str | None = None
    entity_id: int | None = Field(None, description="The canonical entity the name resolves to")
    part: str = Field("body", description='"body": start and end point into the text; "caption": into '
                                          'metadata.captions[caption], a photo caption taken out of the text; '
                                          '"title": into the headline (title); "credit": a news agency credited for the article or a '
                                          'photo, into its credit line')
    caption: int | None = Field(None, description="Index of the caption in metadata.captions (part \"caption\"); "
                                                  "of the credit line (part \"credit\": metadata's credits, photo_credits, "
                                                  "bylines, then captions, in that order)")


class DateMention(BaseModel):
    sentence: int | None = None
    start: int
    end: int
    text: str
    value: str = Field(description="ISO prefix: YYYY-MM-DD, YYYY-MM or YYYY")
    precision: str = Field(description="day, month or year")


class RawInfo(BaseModel):
    locator: str
    format: str
    received_at: str | None = None


class Duplicate(BaseModel):
    id: int = Field(description="Id of the raw input item that was dropped as a duplicate")
    locator: str


class ArticleDetail(ArticleSummary):
    text: str
    language_score: float | None = None
    published_precision: str | None = None
    metadata: dict[str, Any] = Field(description="Captions, credits, bylines and links removed from the text")
    pipeline_version: str | None = None
    sentences: list[Sentence]
    mentions: list[NameMention]
    dates: list[DateMention]
    raw: RawInfo | None = None
    duplicates: list[Duplicate]


class SearchHit(ArticleSummary):
    match: str = Field(description="How the article was found: `words` (the full-text index: every word of the query"
                       " is in its title or text), `meaning` (its embedding is among the nearest to the query's, in any"
                       " language) or `both`")
    matched_by: list[str] = Field(description="The same as `match`, by search half: `keyword` and/or `semantic`")
    score: float = Field(description="Rank-fusion score, for ordering only: the sum over the halves that found the hit"
                         " of 1 / (60 + its rank there), so at most 2/60; it says nothing of relevance across queries")
    snippet: str = Field(description="A few lines of the article's text (whitespace collapsed, '…' where cut) that show"
                         " why it matched: see `snippet_kind`")
    snippet_kind: str = Field(description="What the snippet shows: `words` (the stretch holding most of the query's"
                              " words, marked), `sentence` (the article's sentence nearest to the query in meaning, by"
                              " the statement vectors the store holds, marked) or `lead` (the article's first lines:"
                              " neither applies)")
    highlights: list[list[int]] = Field(description="[start, end) character offsets of the marked parts of `snippet`")
    snippet_html: str = Field(description="`snippet` as HTML: escaped, the highlights in `<mark>`")
    sentence: int | None = Field(None, description="For a `sentence` snippet, the sentence's index: the article page"
                                 " `/articles/{id}?s={sentence}#s{sentence}` marks it")
    title_highlights: list[list[int]] = Field(description="[start, end) offsets of the query's words in `title`")
    title_html: str = Field(description="`title` as HTML: escaped, the query's words in `<mark>`")


class Stats(BaseModel):
    articles: int
    stories: int
    raw: int
    duplicates: int
    failed: int
    pending: int
    errors: int
    languages: dict[str, int] = Field(description="Articles per language")
    reading_versions: dict[str, int] = Field(default_factory=dict, description=(
        "Articles per version of the reader that read them; a version other than this release's "
        "means `tidings reprocess` would read them again with the current rules"))


class Health(BaseModel):
    status: str
    schema_version: int
    articles: int


class ErrorBody(BaseModel):
    detail: str
