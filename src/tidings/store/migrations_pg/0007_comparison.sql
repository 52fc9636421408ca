-- PostgreSQL twin of migrations/0007_comparison.sql: cached statement vectors for source comparison.

CREATE TABLE statement_vectors (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    model      TEXT NOT NULL,
    vector     BYTEA NOT NULL,
    PRIMARY KEY (article_id, idx, model)
);
