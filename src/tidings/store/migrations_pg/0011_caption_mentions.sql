-- tidings schema v11 (PostgreSQL), the same as migrations/0011_caption_mentions.sql: names in photo
-- captions are mentions too. A mention's `part` says where it is: 'body' (the clean text:
-- `sentence`, `start` and `end` point into articles.text) or 'caption' (a caption taken out of the
-- text: `caption` is its index in articles.metadata's "captions" list, `start` and `end` point into
-- that line, `sentence` is -1). Caption names count for entities (pages, search, counts); events,
-- statements and the body's highlighting read part = 'body' only. Rows of v10 and before are all
-- the body's: the default says so (a constant default: PostgreSQL 11+ adds it without rewriting the table).
ALTER TABLE mentions ADD COLUMN part TEXT NOT NULL DEFAULT 'body';
ALTER TABLE mentions ADD COLUMN caption INTEGER;
