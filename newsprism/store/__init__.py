"""The store: every raw input byte for byte, articles, stories, runs, skipped inputs.

``open_store(url)`` picks the backend: a path or ``sqlite:///path`` opens the
embedded SQLite store, ``postgresql://user@host:port/db`` (or ``postgres://``)
the PostgreSQL store; other schemes are refused with a clear error.
"""

from __future__ import annotations

import os
from pathlib import Path

from newsprism.errors import UsageError
from newsprism.store.base import Store
from newsprism.store.sql import SQLStore
from newsprism.store.sqlite import SQLiteStore

DEFAULT_DB = "newsprism.db"
ENV_DB = "NEWSPRISM_DB"
PG_SCHEMES = ("postgresql://", "postgres://")


def default_db() -> str:
    """``$NEWSPRISM_DB`` if set, else ``newsprism.db`` in the current folder."""
    return os.environ.get(ENV_DB) or DEFAULT_DB


def open_store(url: str | None = None) -> Store:
    url = url or default_db()
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    if url.startswith(PG_SCHEMES):
        from newsprism.store.postgres import PostgresStore

        return PostgresStore(url)
    if "://" in url:
        scheme = url.split("://", 1)[0]
        raise UsageError(f"unsupported store URL scheme {scheme!r}; "
                         "valid: a file path, sqlite:///PATH or postgresql://USER@HOST:PORT/DB")
    return SQLiteStore(Path(url))


__all__ = ["DEFAULT_DB", "ENV_DB", "SQLStore", "SQLiteStore", "Store", "default_db", "open_store"]
