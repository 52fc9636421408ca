-- tidings schema v3: canonical entities, their aliases by language and script, the user's registry.

CREATE TABLE entities (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,               -- canonical display name
    type       TEXT NOT NULL,               -- PER | ORG | LOC
    country    TEXT,                        -- ISO 3166 alpha-2 where known
    key        TEXT NOT NULL,               -- matching key: C:KZ for countries, N:<folded surname> for names
    given_key  TEXT NOT NULL DEFAULT '',    -- folded first name, to keep apart people who share a surname
    mentions   INTEGER NOT NULL DEFAULT 0,
    locked     INTEGER NOT NULL DEFAULT 0,  -- named by a user: automatic processing keeps the name
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX entities_key ON entities(key);
CREATE INDEX entities_mentions ON entities(mentions);

CREATE TABLE entity_aliases (
    id         INTEGER PRIMARY KEY,
    entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL,
    normalized TEXT NOT NULL,               -- case-folded, NFKC, roles stripped: what lookups use
    language   TEXT NOT NULL DEFAULT '',
    script     TEXT NOT NULL DEFAULT '',
    origin     TEXT NOT NULL DEFAULT 'auto', -- auto | user | import: user and import survive re-processing
    mentions   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (entity_id, normalized, language)
);
CREATE INDEX entity_aliases_normalized ON entity_aliases(normalized);

ALTER TABLE mentions ADD COLUMN entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL;
CREATE INDEX mentions_entity ON mentions(entity_id);
