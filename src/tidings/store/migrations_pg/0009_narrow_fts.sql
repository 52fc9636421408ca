-- tidings schema v9 (PostgreSQL): keyword search on words found in most articles.
--
-- 1. The full-text table keeps only the article's id and its tsvector. Title and body (copies of
--    what `articles` holds) made rows wide, and a query had to read them to learn which matches are
--    the newest (17,405 heap blocks for 100,000 articles). The tsvector is now computed by the
--    INSERT (PostgresStore.FTS_INSERT, the expression of the generated column it replaces).
-- 2. tidings_tsquery is IMMUTABLE (it is: phraseto_tsquery with a fixed configuration), so that a
--    query planned with its words folds it to a constant: the planner then knows how common the
--    words are (and walks the newest ids for a common one instead of fetching every match), and
--    the function runs once instead of once per row checked.
CREATE TABLE articles_fts_v9 (
    rowid BIGINT PRIMARY KEY,
    tsv   tsvector NOT NULL
);
INSERT INTO articles_fts_v9(rowid, tsv) SELECT rowid, COALESCE(tsv, ''::tsvector) FROM articles_fts;
DROP TABLE articles_fts;
ALTER TABLE articles_fts_v9 RENAME TO articles_fts;
ALTER INDEX articles_fts_v9_pkey RENAME TO articles_fts_pkey;
CREATE INDEX articles_fts_tsv ON articles_fts USING GIN (tsv);
ALTER FUNCTION tidings_tsquery(TEXT) IMMUTABLE;
