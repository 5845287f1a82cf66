"""The PostgreSQL store (psycopg 3): the same tables and semantics as SQLite, tsvector search.

``open_store("postgresql://user@host:port/db")`` opens it. One connection per
store object, in autocommit mode: every write goes through ``transaction()``
(BEGIN … COMMIT, savepoints when nested), exactly as on SQLite, so a killed
process leaves the last committed state. Several processes may share one
database; migrations take an advisory lock.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from newsprism.errors import SchemaError, StoreError
from newsprism.store.pg_migrations import ARTICLE_TEXT, MIGRATIONS, NOW, SEARCH_CONFIG, searchable
from newsprism.store.sql import SQLStore

try:
    import psycopg
    from psycopg.pq import TransactionStatus
except ImportError:  # pragma: no cover - psycopg is a dependency; a broken install says so clearly
    psycopg = None

MIGRATION_LOCK = 0x6E657773        # pg_advisory_xact_lock key: "news"
WRITER_LOCK = 0x6E657777           # pg_try_advisory_lock key of a writing run: "neww"
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"
TITLE_HIGHLIGHT = f'StartSel="{HIT_OPEN}", StopSel="{HIT_CLOSE}", HighlightAll=true'
SNIPPET = f'StartSel="{HIT_OPEN}", StopSel="{HIT_CLOSE}", MaxWords=24, MinWords=12, ShortWord=0, MaxFragments=1'
_TERM = re.compile(r'"((?:[^"]|"")*)"(\*?)')


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


@lru_cache(maxsize=512)
def _dialect(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


def _text(value: Any) -> Any:
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value   # PostgreSQL text refuses NUL


def to_tsquery(match: str) -> str:
    """The web layer's match expression (``"word" "pre"*``, all required) as tsquery text."""
    terms = []
    for word, prefix in _TERM.findall(match):
        word = word.replace('""', '"').replace("\\", "\\\\").replace("'", "''")
        terms.append(f"'{word}'" + (":*" if prefix else ""))
    return " & ".join(terms)


class PostgresStore(SQLStore):
    NOW = NOW
    _BRIEF_LEAD = "replace(data, '\\u0000', ' ')::jsonb #>> '{brief,0,sentence}'"
    _CITES = "(replace(data, '\\u0000', ' ')::jsonb -> 'cites')::text"

    def __init__(self, url: str) -> None:
        self.path = self.url = redact(url)
        if psycopg is None:
            raise StoreError("the PostgreSQL store needs psycopg 3: pip install 'psycopg[binary]'")
        try:
            self.db = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open store {self.url}: {str(exc).strip()}") from None
        self._depth = 0
        try:
            self._migrate()
        except BaseException:
            self.db.close()
            raise

    def _x(self, sql: str, args: Iterable[Any] = ()) -> Any:
        args = tuple(args)
        if not args:
            return self.db.execute(sql)
        return self.db.execute(_dialect(sql), tuple(_text(a) for a in args))

    def _many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with self.db.cursor() as cur:
            cur.executemany(_dialect(sql), rows)

    def _next_seq(self) -> int:
        return int(self._x("SELECT nextval('articles_seq_gen')").fetchone()[0])

    # -- the writer lock: a session-level advisory lock, released by unlock or when the connection ends ----
    def _try_writer_lock(self) -> bool:
        return bool(self._x("SELECT pg_try_advisory_lock(?)", (WRITER_LOCK,)).fetchone()[0])

    def _release_writer_lock(self) -> None:
        try:
            self._x("SELECT pg_advisory_unlock(?)", (WRITER_LOCK,))
        except psycopg.Error:      # the connection is gone: so is its lock
            pass

    def _lock_holder(self) -> str:
        row = self._x("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid::bigint = ? LIMIT 1",
                      (WRITER_LOCK,)).fetchone()
        return f"backend process {row[0]}" if row else "another session"

    def _before_commit(self) -> None:
        if self.db.info.transaction_status == TransactionStatus.INERROR:
            raise StoreError("a statement failed inside the transaction; it was rolled back, nothing kept")

    # -- schema ---------------------------------------------------------------
    def _migrate(self) -> None:
        with self.transaction():
            self._x("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            self._x("CREATE TABLE IF NOT EXISTS newsprism_schema (version INTEGER NOT NULL)")
            row = self._x("SELECT version FROM newsprism_schema").fetchone()
            if row is None:
                self._x("INSERT INTO newsprism_schema(version) VALUES (0)")
            version = row[0] if row else 0
            if version > len(MIGRATIONS):
                raise SchemaError(f"store {self.url} has schema {version}, newer than this newsprism knows "
                                  f"({len(MIGRATIONS)}); upgrade newsprism")
            for number, sql in enumerate(MIGRATIONS[version:], start=version + 1):
                self._x(sql)
                self._x("UPDATE newsprism_schema SET version = ?", (number,))

    @property
    def schema_version(self) -> int:
        return int(self._x("SELECT version FROM newsprism_schema").fetchone()[0])

    # -- full-text search for the web UI (tsvector columns, GIN indexes) ----------------------
    def search_articles(self, match: str, *, limit: int = 20, offset: int = 0, outlet: str | None = None,
                        since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """Articles matching the web layer's ``match`` expression, best first, with highlighted title and snippet."""
        inner = "SELECT a.*, ts_rank(a.search, tsq) AS rank FROM articles a, q WHERE a.search @@ tsq"
        args: list[Any] = [to_tsquery(match)]
        for cond, value in (("a.outlet = ?", outlet), ("a.published >= ?", since), ("a.published < ?", until)):
            if value:
                inner, args = inner + f" AND {cond}", [*args, value]
        inner += " ORDER BY rank DESC, a.seq LIMIT ? OFFSET ?"
        sql = (f"WITH q AS (SELECT to_tsquery('{SEARCH_CONFIG}', ?) AS tsq) "
               "SELECT h.id, h.outlet, h.published, h.story, h.duplicate_of, "
               f"ts_headline('{SEARCH_CONFIG}', h.title, tsq, ?), "
               f"ts_headline('{SEARCH_CONFIG}', {searchable(ARTICLE_TEXT.format(data='h.data'))}, tsq, ?) "
               f"FROM ({inner}) h, q ORDER BY h.rank DESC, h.seq")
        rows = self._x(sql, (args[0], TITLE_HIGHLIGHT, SNIPPET, *args[1:], limit, offset)).fetchall()
        keys = ("id", "outlet", "published", "story", "duplicate_of", "title", "snippet")
        return [dict(zip(keys, r)) for r in rows]

    def search_stories(self, match: str, *, limit: int = 20) -> list[dict[str, Any]]:
        rows = self._x(f"WITH q AS (SELECT to_tsquery('{SEARCH_CONFIG}', ?) AS tsq) "
                       f"SELECT s.id, ts_headline('{SEARCH_CONFIG}', s.title, tsq, ?) FROM stories s, q "
                       "WHERE s.search @@ tsq ORDER BY ts_rank(s.search, tsq) DESC, s.id LIMIT ?",
                       (to_tsquery(match), TITLE_HIGHLIGHT, limit)).fetchall()
        return [{"id": r[0], "title": r[1]} for r in rows]
