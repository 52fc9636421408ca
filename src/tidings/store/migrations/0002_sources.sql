-- Live ingestion (issue 6): followed sources, their fetch state and health, the items already
-- taken from each, saved alerts and the notifications they raised.

CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    url         TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL DEFAULT 'auto',   -- auto | feed | sitemap | page (auto: sniffed per fetch)
    name        TEXT,                           -- outlet name
    country     TEXT,                           -- ISO 3166 alpha-2
    language    TEXT,                           -- ISO 639-1
    interval_s  INTEGER NOT NULL DEFAULT 900,   -- how often to poll
    fetch_pages INTEGER NOT NULL DEFAULT 1,     -- fetch each new item's page (else the feed text only)
    enabled     INTEGER NOT NULL DEFAULT 1,
    added_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- One row per source: conditional-GET validators, schedule and health counters.
CREATE TABLE source_state (
    source_id          INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    etag               TEXT,
    last_modified      TEXT,
    final_url          TEXT,
    detected_kind      TEXT,
    last_attempt       TEXT,
    last_success       TEXT,
    last_new_item      TEXT,
    last_status        INTEGER,
    last_error         TEXT,
    consecutive_errors INTEGER NOT NULL DEFAULT 0,
    error_count        INTEGER NOT NULL DEFAULT 0,
    fetch_count        INTEGER NOT NULL DEFAULT 0,
    not_modified_count INTEGER NOT NULL DEFAULT 0,
    item_count         INTEGER NOT NULL DEFAULT 0,
    bytes_total        INTEGER NOT NULL DEFAULT 0,
    next_poll          TEXT                     -- not before (schedule, back-off, Retry-After)
);

-- Items already taken from a source: a new poll only fetches what is not here (exactly once).
CREATE TABLE source_items (
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    item_key   TEXT NOT NULL,
    url        TEXT,
    raw_id     INTEGER REFERENCES raw_articles(id),
    published  TEXT,
    first_seen TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (source_id, item_key)
) WITHOUT ROWID;
CREATE INDEX source_items_seen ON source_items(source_id, first_seen);

CREATE TABLE alerts (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    entity       TEXT,              -- a name or key (N:tkv, C:KZ) the article must mention
    country      TEXT,              -- ISO alpha-2 the article must be about
    keyword      TEXT,              -- full-text query the article must match
    language     TEXT,              -- article language
    per          TEXT NOT NULL DEFAULT 'story',   -- story: once per story | article: every article
    webhook      TEXT,              -- optional URL that receives each notification as JSON
    after_article INTEGER NOT NULL DEFAULT 0,     -- watermark: articles up to this id are checked
    enabled      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE notifications (
    id             INTEGER PRIMARY KEY,
    alert_id       INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,   -- story (a new story matched) | article (a new article matched)
    article_id     INTEGER NOT NULL,
    story_id       INTEGER,
    title          TEXT NOT NULL,
    url            TEXT,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    delivered_at   TEXT,
    attempts       INTEGER NOT NULL DEFAULT 0,
    delivery_error TEXT,
    dedup_key      TEXT NOT NULL,   -- story:<id> or article:<id>: an alert fires once per key
    UNIQUE (alert_id, dedup_key)
);
CREATE INDEX notifications_alert ON notifications(alert_id, id);
