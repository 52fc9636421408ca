-- tidings schema v8 (PostgreSQL): a change counter of this store, for caches of what is read.
-- PostgresStore moves it in the same transaction as every write (just before COMMIT, or right after
-- a write made outside a transaction), so `PostgresStore.stamp()` changes when, and only when, this
-- store changes, whichever process wrote. It replaces the server's write-ahead-log position, which
-- every write to any database of the server (and autovacuum) moved.
CREATE TABLE store_changes (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL DEFAULT 0
);
INSERT INTO store_changes(id, version) VALUES (1, 0);
