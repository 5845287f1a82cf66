"""The embedded SQLite store: WAL, migrations, one writer, FTS5 search.

One connection per store object; every write goes through ``transaction()``
so a killed process leaves the last committed state, never half of one.
The queries themselves are shared with PostgreSQL (``newsprism/store/sql.py``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsprism.errors import SchemaError, StoreError

try:
    import fcntl
except ImportError:   # pragma: no cover - Windows: no flock; one writer at a time is then the user's care
    fcntl = None  # type: ignore[assignment]
from newsprism.store.migrations import MIGRATIONS
from newsprism.store.sql import SQLStore


class SQLiteStore(SQLStore):
    NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"
    _BEGIN = "BEGIN IMMEDIATE"
    _BRIEF_LEAD = "json_extract(data, '$.brief[0].sentence')"     # also in the index stories_recent
    _CITES = "json_extract(data, '$.cites')"
    # walked newest first on this index, which also holds the title and _BRIEF_LEAD (it must stay the
    # index's expression), so a story's row, which holds its whole comparison, is not read
    _STORIES_RECENT = "stories INDEXED BY stories_recent"
    # Most articles have no duplicate_of, and ANALYZE (PRAGMA optimize) counts those NULLs as one value
    # shared by every row: the planner then judges the index on duplicate_of useless and scans the whole
    # table on articles_seq to skip a sort (90 ms at 100,000 articles, on every article page). The index
    # finds the few copies at once.
    _BY_DUPLICATE = "articles INDEXED BY articles_duplicate_of"

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._open(str(path))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from None
        self._depth = 0

    def _open(self, path: str, wait: float = 30.0) -> None:
        """Connect, switch to WAL (a store already in WAL mode is not switched again: switching needs the database
        alone) and migrate. Two processes opening one new store together (parallel ``analyze`` runs) can meet where
        SQLite answers "database is locked" at once rather than after its busy timeout (a lock upgrade it refuses to
        wait for, lest the two wait on each other): the opening is tried again, from a new connection, until
        ``wait`` seconds have passed."""
        deadline = time.monotonic() + wait
        delay = 0.05
        while True:
            self.db = sqlite3.connect(path, timeout=wait, isolation_level=None, check_same_thread=False)
            try:
                if self.db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.execute("PRAGMA foreign_keys=ON")
                self._migrate()
                return
            except sqlite3.OperationalError as exc:
                self.db.close()
                if "locked" not in str(exc) or time.monotonic() + delay > deadline:
                    raise
                time.sleep(delay)
                delay = min(1.0, 2 * delay)

    # -- the writer lock: an exclusive flock on a file beside the database ---------------------------
    def _lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def _try_writer_lock(self) -> bool:
        if str(self.path) == ":memory:" or fcntl is None:
            return True
        fh = open(self._lock_path(), "a+")      # noqa: SIM115 (held open while the lock is)
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            return False
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        self._lock_file = fh
        return True

    def _release_writer_lock(self) -> None:
        fh, self._lock_file = getattr(self, "_lock_file", None), None
        if fh is not None:
            fh.close()      # closing the file releases the flock

    def _lock_holder(self) -> str:
        try:
            pid = self._lock_path().read_text().strip()
        except OSError:
            pid = ""
        return f"process {pid}" if pid.isdigit() else "another process"

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
            if self.db.execute("PRAGMA user_version").fetchone()[0] >= number:
                # another process opening the same new store migrated it meanwhile: seen without the write lock, for
                # which this one would otherwise queue behind that process's first writes (parallel ``analyze`` runs
                # on one new store, on a loaded machine: "database is locked" after the 30 s busy timeout)
                continue
            self.db.execute("BEGIN IMMEDIATE")
            # another process opening the same new store may have migrated it while this one waited for the lock
            if self.db.execute("PRAGMA user_version").fetchone()[0] >= number:
                self.db.execute("COMMIT")
                continue
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

    # -- SQLite's faster forms of shared queries (json_each lists, rowid, indexes of migration 6) ----------
    def postings(self, hashes: Iterable[int]) -> list[tuple[int, str]]:
        """``(hash, article)`` postings of the dedup index for any of ``hashes``, in one query."""
        return self.db.execute(
            "SELECT p.hash, p.article FROM json_each(?) j JOIN dedup_postings p ON p.hash = j.value",
            (json.dumps(list(hashes)),)).fetchall()

    def dedup_stamp(self, kind: str | None = None) -> int:
        """0 while no fingerprint (of ``kind``) is stored; otherwise a value that changes whenever any writer adds some."""
        if kind is not None:     # the index on kind (migration 7) holds the rowid: one index probe
            return int(self.db.execute("SELECT coalesce(max(rowid), 0) FROM fingerprints WHERE kind = ?",
                                       (kind,)).fetchone()[0])
        return int(self.db.execute("SELECT coalesce(max(rowid), 0) FROM fingerprints").fetchone()[0])

    def duplicate_roots(self, ids: Iterable[str]) -> dict[str, str]:
        """Each known article's canonical copy: its ``duplicate_of``, or itself."""
        return dict(self.db.execute(
            "SELECT a.id, coalesce(a.duplicate_of, a.id) FROM json_each(?) j JOIN articles a ON a.id = j.value",
            (json.dumps(list(ids)),)).fetchall())

    def list_outlets(self) -> list[tuple[str, int]]:
        """(outlet, articles) by most articles, from the counts the triggers of migration 6 keep."""
        return self.db.execute("SELECT outlet, articles FROM outlet_counts WHERE articles > 0 "
                               "ORDER BY articles DESC, outlet").fetchall()

    def outlet_articles(self, outlet: str, *, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
        """As the shared query; the page's rows are chosen on the index ``articles_outlet`` alone, then read."""
        page = [r[0] for r in self.db.execute(
            "SELECT rowid FROM articles WHERE outlet = ? ORDER BY published DESC, rowid DESC LIMIT ? OFFSET ?",
            (outlet, limit, offset))]
        if not page:
            return []
        rows = {r[0]: r[1:] for r in self.db.execute(
            f"SELECT rowid, id, title, published, story, duplicate_of, {self._CITES} FROM articles "
            f"WHERE rowid IN ({','.join('?' * len(page))})", page)}
        keys = ("id", "title", "published", "story", "duplicate_of")
        return [{**dict(zip(keys, rows[r][:5])), "cites": json.loads(rows[r][5] or "[]")} for r in page if r in rows]

    def story_extracts(self, story_ids: list[str], paths: list[str]) -> list[tuple[str, str, list[Any]]]:
        """As the shared query, with one JSON parse per story in SQLite instead of loading each story whole."""
        if not story_ids or not paths:
            return []
        marks = ",".join("?" * len(story_ids))
        calls = ", ".join("?" * (len(paths) + 1))     # two paths or more: always a JSON array back
        rows = {r[0]: r for r in self.db.execute(
            f"SELECT id, title, json_extract(data, {calls}) FROM stories WHERE id IN ({marks})",
            (*paths, "$.id", *story_ids))}
        return [(sid, rows[sid][1], json.loads(rows[sid][2])[:-1]) for sid in story_ids if sid in rows]
