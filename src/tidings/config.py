"""Where the store lives: --db, else TIDINGS_DB, else the user's data folder."""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def default_db_url() -> str:
    return f"sqlite:///{Path(user_data_dir('tidings')) / 'tidings.db'}"


def resolve_db_url(db: str | None = None) -> str:
    url = db or os.environ.get("TIDINGS_DB") or default_db_url()
    if "://" not in url:  # a plain path
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def open_store(db: str | None = None):
    url = resolve_db_url(db)
    if url.startswith(("sqlite:", "postgresql://", "postgres://")):
        from .store import open_store as opener

        return opener(url)
    raise SystemExit(f"unsupported store URL {url!r}: use sqlite:///path/to.db or postgresql://user@host/db")
