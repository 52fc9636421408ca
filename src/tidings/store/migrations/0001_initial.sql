-- tidings schema v1: raw input, read articles, their parts, stories, full-text search.

CREATE TABLE raw_articles (
    id          INTEGER PRIMARY KEY,
    locator     TEXT NOT NULL,            -- path, path#line, or URL the item came from
    format      TEXT NOT NULL,            -- txt | html | jsonl | feed-item
    content     BLOB NOT NULL,            -- the input bytes, kept for re-processing
    meta        TEXT NOT NULL DEFAULT '{}',
    sha256      TEXT NOT NULL UNIQUE,     -- of locator + content: re-ingesting the same item adds nothing
    status      TEXT NOT NULL DEFAULT 'pending',  -- pending | done | duplicate | failed
    duplicate_of INTEGER,                 -- article id this item duplicates (exact or near)
    error       TEXT,
    received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX raw_articles_status ON raw_articles(status);

CREATE TABLE stories (
    id                 INTEGER PRIMARY KEY,
    title              TEXT NOT NULL DEFAULT '',
    central_article_id INTEGER,
    size               INTEGER NOT NULL DEFAULT 0,
    languages          TEXT NOT NULL DEFAULT '[]',   -- JSON array, most frequent first
    language_counts    TEXT NOT NULL DEFAULT '{}',   -- JSON {language: articles}
    central_score      REAL NOT NULL DEFAULT -1,     -- cosine of the central article to the centroid
    first_published    TEXT,
    last_published     TEXT,
    centroid           BLOB,                         -- float32 sum of member embeddings
    keys               TEXT NOT NULL DEFAULT '{}',   -- JSON {key: count} of names/places/dates
    updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX stories_last_published ON stories(last_published);
CREATE INDEX stories_size ON stories(size);

CREATE TABLE articles (
    id                  INTEGER PRIMARY KEY REFERENCES raw_articles(id),
    url                 TEXT,
    title               TEXT NOT NULL,
    text                TEXT NOT NULL,
    language            TEXT NOT NULL,
    language_score      REAL NOT NULL DEFAULT 0,
    published           TEXT,
    published_precision TEXT,
    source              TEXT,
    byline              TEXT,
    metadata            TEXT NOT NULL DEFAULT '{}',
    text_hash           TEXT NOT NULL,
    story_id            INTEGER REFERENCES stories(id),
    centrality          REAL,                -- cosine to its story's centroid when placed
    pipeline_version    TEXT NOT NULL,
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE UNIQUE INDEX articles_text_hash ON articles(text_hash);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_language ON articles(language);

CREATE TABLE sentences (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence   INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    type       TEXT NOT NULL,
    key        TEXT NOT NULL,
    country    TEXT,
    role       TEXT
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_key ON mentions(key);

CREATE TABLE date_mentions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence   INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    value      TEXT NOT NULL,
    precision  TEXT NOT NULL
);
CREATE INDEX date_mentions_article ON date_mentions(article_id);

CREATE TABLE embeddings (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    model      TEXT NOT NULL,
    vector     BLOB NOT NULL
);

CREATE TABLE minhashes (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature  BLOB NOT NULL
);

CREATE TABLE ingest_errors (
    id          INTEGER PRIMARY KEY,
    locator     TEXT NOT NULL,
    reason      TEXT NOT NULL,
    occurred_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Full-text index over a search form of the text (CJK characters spaced out so that
-- unicode61 can match words of Chinese/Japanese text without a segmenter).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);
