"""The store: SQLite (embedded, the default) or PostgreSQL (shared), chosen by the store URL."""
from __future__ import annotations


def open_store(url: str):
    """`sqlite:///path.db` (or a path) -> the SQLite `Store`; `postgresql://...` -> `PostgresStore`."""
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(url)
    from .sqlite import Store

    return Store(url)
