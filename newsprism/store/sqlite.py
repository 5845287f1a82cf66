"""The embedded SQLite store: WAL, migrations, one writer, FTS5 search.

One connection per store object; every write goes through ``transaction()``
so a killed process leaves the last committed state, never half of one.
The queries themselves are shared with PostgreSQL (``newsprism/store/sql.py``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsprism.errors import SchemaError, StoreError
from newsprism.store.migrations import MIGRATIONS
from newsprism.store.sql import SQLStore


class SQLiteStore(SQLStore):
    NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"
    _BEGIN = "BEGIN IMMEDIATE"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from None
        self._depth = 0

    def _x(self, sql: str, args: Iterable[Any] = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, tuple(args))

    def _many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self.db.executemany(sql, rows)

    # -- schema ---------------------------------------------------------------
    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise SchemaError(
                f"store {self.path} has schema {version}, newer than this newsprism knows "
                f"({len(MIGRATIONS)}); upgrade newsprism"
            )
        for number, sql in enumerate(MIGRATIONS[version:], start=version + 1):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                statement = ""
                for piece in sql.split(";"):     # rejoin pieces of a trigger body (BEGIN …; … END)
                    statement += piece + ";"
                    if sqlite3.complete_statement(statement):
                        if statement.strip(" \n\t;"):
                            self.db.execute(statement)
                        statement = ""
                self.db.execute(f"PRAGMA user_version={number}")
                self.db.execute("COMMIT")
            except Exception:
                self.db.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    # -- full-text search for the web UI (migration 3: FTS5 tables) -----------------------------
    _HIT = ("\ue000", "\ue001")   # snippet markers; the web layer turns them into <mark>

    def search_articles(self, match: str, *, limit: int = 20, offset: int = 0, outlet: str | None = None,
                        since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """Articles matching an FTS5 ``match`` expression, best first, with highlighted title and snippet."""
        sql = ("SELECT a.id, a.outlet, a.published, a.story, a.duplicate_of, "
               f"highlight(articles_fts, 0, '{self._HIT[0]}', '{self._HIT[1]}'), "
               f"snippet(articles_fts, 2, '{self._HIT[0]}', '{self._HIT[1]}', '…', 24) "
               "FROM articles_fts f JOIN articles a ON a.seq = f.rowid WHERE articles_fts MATCH ?")
        args: list[Any] = [match]
        for cond, value in (("a.outlet = ?", outlet), ("a.published >= ?", since), ("a.published < ?", until)):
            if value:
                sql, args = sql + f" AND {cond}", [*args, value]
        rows = self.db.execute(sql + " ORDER BY f.rank LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()
        keys = ("id", "outlet", "published", "story", "duplicate_of", "title", "snippet")
        return [dict(zip(keys, r)) for r in rows]

    def search_stories(self, match: str, *, limit: int = 20) -> list[dict[str, Any]]:
        rows = self.db.execute(
            f"SELECT k.id, highlight(stories_fts, 0, '{self._HIT[0]}', '{self._HIT[1]}') FROM stories_fts f "
            "JOIN story_search_keys k ON k.rid = f.rowid WHERE stories_fts MATCH ? ORDER BY f.rank LIMIT ?",
            (match, limit)).fetchall()
        return [{"id": r[0], "title": r[1]} for r in rows]
