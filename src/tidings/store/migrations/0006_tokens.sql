-- Access tokens for the REST API's write endpoints (issue 9). Only a SHA-256 of each token is
-- kept: tokens are 256-bit random strings (secrets.token_urlsafe(32)), so a fast hash cannot be
-- brute-forced, and a copy of the store does not give anyone write access.
CREATE TABLE IF NOT EXISTS api_tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    last_used_at TEXT,
    revoked_at TEXT
);
-- one live token per name; revoked ones stay listed (who had access, until when)
CREATE UNIQUE INDEX IF NOT EXISTS api_tokens_live_name ON api_tokens(name) WHERE revoked_at IS NULL;
