-- tidings schema v7: source comparison. Statement vectors (one per sentence and model) are
-- cached here, because embedding every sentence of a story is the costly part of a comparison.
-- They go with their article (ON DELETE CASCADE), so `tidings reprocess` starts afresh.

CREATE TABLE statement_vectors (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,             -- sentence index in the article
    model      TEXT NOT NULL,                -- embedder name: vectors of different models never mix
    vector     BLOB NOT NULL,                -- float32, L2-normalised
    PRIMARY KEY (article_id, idx, model)
) WITHOUT ROWID;
