"""Access tokens for the REST API's write endpoints: create (shown once), list, revoke, check.

A token is `secrets.token_urlsafe(32)` (256 random bits). The store keeps only its SHA-256: a
salted slow hash (bcrypt, scrypt) protects low-entropy passwords, which these are not, and a fast
hash keeps every write request cheap. A presented token is hashed and compared with every live
hash by `hmac.compare_digest`, so the time taken does not tell how much of a guess was right.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import Any

from .store.sqlite import Store

TOKEN_BYTES = 32
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


class TokenError(ValueError):
    pass


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: Store, name: str) -> str:
    """A new token for `name`, returned once; only its hash is stored."""
    if not NAME_PATTERN.match(name):
        raise TokenError("a token name has 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with store.transaction() as tx:
        if tx.execute("SELECT 1 FROM api_tokens WHERE name = ? AND revoked_at IS NULL", (name,)).fetchone():
            raise TokenError(f"a token named {name!r} exists: revoke it first (`tidings token revoke {name}`)")
        tx.execute("INSERT INTO api_tokens(name, token_hash) VALUES (?, ?)", (name, token_hash(token)))
    return token


def list_tokens(store: Store) -> list[dict[str, Any]]:
    """Every token's name and dates (never the hash), live ones first."""
    rows = store.query("SELECT name, created_at, last_used_at, revoked_at FROM api_tokens"
                       " ORDER BY revoked_at IS NOT NULL, name, id")
    return [dict(r) for r in rows]


def revoke_token(store: Store, name: str) -> bool:
    cur = store.conn.execute("UPDATE api_tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
                             " WHERE name = ? AND revoked_at IS NULL", (name,))
    return cur.rowcount > 0


def has_live_tokens(store: Store) -> bool:
    return bool(store.query("SELECT 1 FROM api_tokens WHERE revoked_at IS NULL LIMIT 1"))


def check_token(store: Store, presented: str) -> str | None:
    """The name of the live token `presented` is, or None."""
    presented_hash = token_hash(presented)
    found = None
    for row in store.query("SELECT id, name, token_hash FROM api_tokens WHERE revoked_at IS NULL"):
        # no early exit: every live hash is compared, each in constant time
        if hmac.compare_digest(row["token_hash"], presented_hash):
            found = row
    if found is None:
        return None
    store.conn.execute("UPDATE api_tokens SET last_used_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                       (found["id"],))
    return found["name"]
