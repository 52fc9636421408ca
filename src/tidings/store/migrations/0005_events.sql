-- tidings schema v5: events (PLOVER) and their mentions, with provenance.
-- event_mentions: one row per sentence that reports an event (coded per article, kept across regrouping);
-- events: the mentions of one story that report the same event, grouped (like GDELT's Events table).
-- An event's id is the id of its first mention, so it stays the same as more articles arrive.

CREATE TABLE event_mentions (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    story_id        INTEGER,
    event_id        INTEGER,
    sentence        INTEGER NOT NULL,
    sentence_start  INTEGER NOT NULL,
    sentence_end    INTEGER NOT NULL,
    type            TEXT NOT NULL,
    mode            TEXT,
    context         TEXT,
    trigger         TEXT NOT NULL,
    trigger_start   INTEGER NOT NULL,
    trigger_end     INTEGER NOT NULL,
    source          TEXT,            -- JSON actor: text, start, end, country, code, sector, entity_id
    target          TEXT,
    location        TEXT,
    source_key      TEXT,            -- what grouping compares: E:<entity id> / C:<country> / IGO
    target_key      TEXT,
    date            TEXT,
    date_precision  TEXT,
    date_start      INTEGER,         -- span of the date in the text; NULL: the article's date
    date_end        INTEGER,
    negated         INTEGER NOT NULL DEFAULT 0,
    future          INTEGER NOT NULL DEFAULT 0,
    hypothetical    INTEGER NOT NULL DEFAULT 0,
    confidence      REAL NOT NULL,
    language        TEXT NOT NULL
);
CREATE INDEX event_mentions_article ON event_mentions(article_id);
CREATE INDEX event_mentions_story ON event_mentions(story_id);
CREATE INDEX event_mentions_event ON event_mentions(event_id);

CREATE TABLE events (
    id                INTEGER PRIMARY KEY,   -- = its first mention's id
    story_id          INTEGER,
    type              TEXT NOT NULL,
    mode              TEXT,
    context           TEXT,
    cameo             TEXT NOT NULL,
    quad_class        INTEGER NOT NULL,
    goldstein         REAL NOT NULL,
    source_entity_id  INTEGER,
    source_name       TEXT,
    source_country    TEXT,
    source_code       TEXT,
    source_sector     TEXT,
    target_entity_id  INTEGER,
    target_name       TEXT,
    target_country    TEXT,
    target_code       TEXT,
    target_sector     TEXT,
    location          TEXT,
    location_country  TEXT,
    date              TEXT,
    date_precision    TEXT,
    negated           INTEGER NOT NULL DEFAULT 0,
    future            INTEGER NOT NULL DEFAULT 0,
    hypothetical      INTEGER NOT NULL DEFAULT 0,
    confidence        REAL NOT NULL,
    mentions          INTEGER NOT NULL,
    articles          INTEGER NOT NULL,
    languages         TEXT NOT NULL DEFAULT '[]',
    first_seen        TEXT,
    last_seen         TEXT
);
CREATE INDEX events_story ON events(story_id);
CREATE INDEX events_type_date ON events(type, date);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_source_entity ON events(source_entity_id);
CREATE INDEX events_target_entity ON events(target_entity_id);
CREATE INDEX events_dyad ON events(source_country, target_country);
