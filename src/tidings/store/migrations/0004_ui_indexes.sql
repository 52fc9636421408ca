-- Indexes for the web UI's front page (issue 7): story filters by language, source and country
-- become index lookups, a page's articles and their names/places are read in one pass each,
-- and the growth ranking reads only the last days' articles.

CREATE INDEX IF NOT EXISTS articles_language_story ON articles(language, story_id);
CREATE INDEX IF NOT EXISTS articles_source_story ON articles(source, story_id);
CREATE INDEX IF NOT EXISTS articles_story_published ON articles(story_id, published, language, source);
CREATE INDEX IF NOT EXISTS articles_published_story ON articles(published, story_id);
CREATE INDEX IF NOT EXISTS mentions_key_article ON mentions(key, article_id);
-- COUNT(*) of the embeddings (the vector index's freshness check) reads this small index, not the vectors
CREATE INDEX IF NOT EXISTS embeddings_model ON embeddings(model);
CREATE INDEX IF NOT EXISTS stories_size_recent ON stories(size DESC, last_published DESC, id);
CREATE INDEX IF NOT EXISTS stories_recent_size ON stories(last_published DESC, size DESC, id);
-- the spellings of a page's key names, read from the index alone
CREATE INDEX IF NOT EXISTS mentions_article_key ON mentions(article_id, key, text, type);
-- an article page lists the inputs dropped as its duplicates
CREATE INDEX IF NOT EXISTS raw_articles_duplicate_of ON raw_articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
