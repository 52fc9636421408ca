-- PostgreSQL twin of migrations/0004_ui_indexes.sql. ORDER BY terms carry SQLite's NULL order on
-- PostgreSQL (store/dialect.py), so the sorting indexes say it too, to serve those orders.

CREATE INDEX IF NOT EXISTS articles_language_story ON articles(language, story_id);
CREATE INDEX IF NOT EXISTS articles_source_story ON articles(source, story_id);
CREATE INDEX IF NOT EXISTS articles_story_published ON articles(story_id NULLS FIRST, published NULLS FIRST, language, source);
CREATE INDEX IF NOT EXISTS articles_published_story ON articles(published, story_id);
CREATE INDEX IF NOT EXISTS articles_recent ON articles(published DESC NULLS LAST, id DESC NULLS LAST);
CREATE INDEX IF NOT EXISTS mentions_key_article ON mentions(key, article_id);
CREATE INDEX IF NOT EXISTS embeddings_model ON embeddings(model);
CREATE INDEX IF NOT EXISTS stories_size_recent ON stories(size DESC NULLS LAST, last_published DESC NULLS LAST, id NULLS FIRST);
CREATE INDEX IF NOT EXISTS stories_recent_size ON stories(last_published DESC NULLS LAST, size DESC NULLS LAST, id NULLS FIRST);
CREATE INDEX IF NOT EXISTS mentions_article_key ON mentions(article_id, key, text, type);
CREATE INDEX IF NOT EXISTS raw_articles_duplicate_of ON raw_articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
