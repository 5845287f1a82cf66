"""The embedded SQLite store: WAL, migrations, one writer.

One connection per store object; every write goes through ``transaction()``
so a killed process leaves the last committed state, never half of one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsprism.errors import SchemaError, StoreError
from newsprism.store.migrations import MIGRATIONS
from newsprism.types import Article, RawInput, Skipped, Story, StoryMember


class SQLiteStore:
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

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction; nested calls become savepoints inside the outer one."""
        if self._depth:               # nested: a savepoint, so a failed record rolls back alone
            name = f"sp{self._depth}"
            self._depth += 1
            self.db.execute(f"SAVEPOINT {name}")
            try:
                yield self.db
            except BaseException:
                self.db.execute(f"ROLLBACK TO {name}")
                self.db.execute(f"RELEASE {name}")
                raise
            else:
                self.db.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._depth = 0

    def close(self) -> None:
        self.db.close()

    # -- raw inputs -------------------------------------------------------------
    def put_input(self, raw: RawInput, run_id: int | None = None) -> bool:
        with self.transaction() as db:
            cur = db.execute(
                "INSERT OR IGNORE INTO inputs(sha256, size, media_type, data) VALUES (?,?,?,?)",
                (raw.sha256, len(raw.data), raw.media_type, raw.data),
            )
            db.execute(
                "INSERT OR IGNORE INTO sources(source, sha256, url, run_id) VALUES (?,?,?,?)",
                (raw.source, raw.sha256, raw.url, run_id),
            )
            return cur.rowcount > 0

    def get_input(self, sha256: str) -> RawInput | None:
        row = self.db.execute(
            "SELECT i.data, i.media_type, s.source, s.url FROM inputs i LEFT JOIN sources s USING (sha256) "
            "WHERE i.sha256 = ? LIMIT 1",
            (sha256,),
        ).fetchone()
        if row is None:
            return None
        return RawInput(source=row[2] or "", data=row[0], sha256=sha256, media_type=row[1], url=row[3])

    def count(self, table: str) -> int:
        if table not in {"inputs", "sources", "articles", "stories", "story_members", "runs", "skipped"}:
            raise StoreError(f"unknown table {table!r}")
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # -- articles ---------------------------------------------------------------
    def put_article(self, article: Article, *, done: str = "extract") -> None:
        with self.transaction() as db:
            seq = db.execute("SELECT seq FROM articles WHERE id = ?", (article.id,)).fetchone()
            seq = seq[0] if seq else (db.execute("SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()[0])
            db.execute(
                "INSERT OR REPLACE INTO articles(id, input_sha256, source, outlet, title, published, "
                "duplicate_of, story, data, seq) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (article.id, article.input_sha256, article.source, article.outlet, article.title,
                 article.published, article.duplicate_of, article.story,
                 json.dumps(article.as_dict(), ensure_ascii=False), seq),
            )
            if done:
                self.mark_done(article.id, done)

    def _article(self, row: tuple[Any, ...]) -> Article:
        article = Article.from_dict(json.loads(row[0]))
        article.duplicate_of, article.story = row[1], row[2]
        return article

    def get_article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT data, duplicate_of, story FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article(row) if row else None

    def articles_for_input(self, sha256: str) -> list[Article]:
        rows = self.db.execute(
            "SELECT data, duplicate_of, story FROM articles WHERE input_sha256 = ? ORDER BY seq", (sha256,)
        ).fetchall()
        return [self._article(r) for r in rows]

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is None:
            for row in self.db.execute("SELECT data, duplicate_of, story FROM articles ORDER BY seq"):
                yield self._article(row)
            return
        for article_id in ids:
            article = self.get_article(article_id)
            if article is not None:
                yield article

    def set_duplicate(self, article_id: str, duplicate_of: str | None) -> None:
        self.db.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (duplicate_of, article_id))

    def duplicates_of(self, article_id: str) -> list[str]:
        rows = self.db.execute("SELECT id FROM articles WHERE duplicate_of = ? ORDER BY seq", (article_id,))
        return [r[0] for r in rows]

    def copies_of(self, article: Article) -> list[str]:
        """The article's group of copies: its canonical copy first, then every duplicate of it."""
        root = article.duplicate_of or article.id
        return [root, *self.duplicates_of(root)]

    def set_story(self, article_id: str, story_id: str | None) -> None:
        self.db.execute("UPDATE articles SET story = ? WHERE id = ?", (story_id, article_id))

    def mark_done(self, article_id: str, stage: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO article_stages(article, stage) VALUES (?,?)", (article_id, stage))

    def is_done(self, article_id: str, stage: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM article_stages WHERE article = ? AND stage = ?", (article_id, stage)
        ).fetchone()
        return row is not None

    # -- fingerprints -------------------------------------------------------------
    def put_fingerprint(self, article_id: str, kind: str, blob: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO fingerprints(article, kind, blob) VALUES (?,?,?)",
                        (article_id, kind, blob))

    def get_fingerprint(self, article_id: str, kind: str) -> bytes | None:
        row = self.db.execute("SELECT blob FROM fingerprints WHERE article = ? AND kind = ?",
                              (article_id, kind)).fetchone()
        return row[0] if row else None

    def add_postings(self, article_id: str, hashes: list[int]) -> None:
        with self.transaction() as db:
            db.executemany("INSERT OR IGNORE INTO dedup_postings(hash, article) VALUES (?,?)",
                           [(h, article_id) for h in hashes])

    def dedup_candidates(self, hashes: list[int], limit: int = 50) -> list[tuple[str, int]]:
        """Indexed articles sharing sampled hashes with ``hashes``, most shared first."""
        out: dict[str, int] = {}
        for i in range(0, len(hashes), 500):      # SQLite's bound-parameter limit
            chunk = hashes[i : i + 500]
            rows = self.db.execute(
                f"SELECT article, count(*) FROM dedup_postings WHERE hash IN ({','.join('?' * len(chunk))}) "
                "GROUP BY article", chunk)
            for article, n in rows:
                out[article] = out.get(article, 0) + n
        return sorted(out.items(), key=lambda kv: -kv[1])[:limit]

    def iter_fingerprints(self, kind: str) -> Iterator[tuple[str, bytes]]:
        yield from self.db.execute(
            "SELECT f.article, f.blob FROM fingerprints f JOIN articles a ON a.id = f.article "
            "WHERE f.kind = ? ORDER BY a.seq", (kind,)
        )

    # -- stories --------------------------------------------------------------------
    def put_story(self, story: Story) -> None:
        data = story.as_dict()
        data.pop("members", None)
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO stories(id, title, data, updated) "
                "VALUES (?,?,?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                (story.id, story.title, json.dumps(data, ensure_ascii=False)),
            )

    def _members(self, story_id: str) -> list[StoryMember]:
        rows = self.db.execute(
            "SELECT article, score, shared, joined_at FROM story_members WHERE story = ? ORDER BY joined_at",
            (story_id,),
        ).fetchall()
        return [_member(r) for r in rows]

    def get_story(self, story_id: str) -> Story | None:
        row = self.db.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        story = Story.from_dict(json.loads(row[0]))
        story.members = self._members(story_id)
        story.articles = [m.article for m in story.members]
        return story

    def iter_stories(self) -> Iterator[Story]:
        ids = [r[0] for r in self.db.execute("SELECT id FROM stories ORDER BY updated DESC, id")]
        for story_id in ids:
            story = self.get_story(story_id)
            if story is not None:
                yield story

    def delete_story(self, story_id: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM story_members WHERE story = ?", (story_id,))
            db.execute("DELETE FROM stories WHERE id = ?", (story_id,))
            db.execute("UPDATE articles SET story = NULL WHERE story = ?", (story_id,))

    def add_member(self, story_id: str, member: StoryMember) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO story_members(story, article, score, shared, joined_at) VALUES (?,?,?,?,?)",
                (story_id, member.article, member.score, _why(member), member.joined_at),
            )
            db.execute("UPDATE articles SET story = ? WHERE id = ?", (story_id, member.article))

    def remove_member(self, story_id: str, article_id: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM story_members WHERE story = ? AND article = ?", (story_id, article_id))
            db.execute("UPDATE articles SET story = NULL WHERE id = ? AND story = ?", (article_id, story_id))

    def add_correction(self, kind: str, story: str, other: str | None, articles: list[str]) -> None:
        self.db.execute("INSERT INTO corrections(kind, story, other, articles) VALUES (?,?,?,?)",
                        (kind, story, other, json.dumps(articles)))

    def iter_corrections(self) -> Iterator[dict[str, Any]]:
        for r in self.db.execute("SELECT kind, story, other, articles, created FROM corrections ORDER BY id"):
            yield {"kind": r[0], "story": r[1], "other": r[2], "articles": json.loads(r[3]), "created": r[4]}

    def separate(self, a: str, b: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO story_separations(a, b) VALUES (?,?)", tuple(sorted((a, b))))

    def separated(self, a: str, b: str) -> bool:
        row = self.db.execute("SELECT 1 FROM story_separations WHERE a = ? AND b = ?", tuple(sorted((a, b))))
        return row.fetchone() is not None

    def move_members(self, src: str, dst: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE OR REPLACE story_members SET story = ? WHERE story = ?", (dst, src))
            db.execute("UPDATE articles SET story = ? WHERE story = ?", (dst, src))

    # -- runs and skipped ----------------------------------------------------------------
    def start_run(self, command: str, config: dict[str, Any]) -> int:
        with self.transaction() as db:
            cur = db.execute("INSERT INTO runs(command, config) VALUES (?,?)", (command, json.dumps(config)))
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, stats: dict[str, Any], status: str) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE runs SET stats = ?, status = ?, finished = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?",
                (json.dumps(stats), status, run_id),
            )

    def record_skipped(self, item: Skipped, run_id: int | None = None, level: str = "error") -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO skipped(source, input_sha256, stage, code, message, level, run_id) "
            "VALUES (?,?,?,?,?,?,?)",
            (item.source, item.input_sha256 or "", item.stage, item.code, item.message, level, run_id),
        )

    def iter_skipped(self, run_id: int | None = None) -> Iterator[tuple[Skipped, str]]:
        sql = "SELECT source, input_sha256, stage, code, message, level FROM skipped"
        args: tuple[Any, ...] = ()
        if run_id is not None:
            sql, args = sql + " WHERE run_id = ?", (run_id,)
        for r in self.db.execute(sql + " ORDER BY created, source", args):
            yield Skipped(source=r[0], input_sha256=r[1] or None, stage=r[2], code=r[3], message=r[4]), r[5]

    # -- read queries for the web UI (migration 3: FTS5 tables and indexes) -----------------
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

    def list_stories(self, *, limit: int = 50, offset: int = 0, outlet: str | None = None,
                     since: str | None = None, until: str | None = None) -> list[tuple[str, str, str, str]]:
        """(id, title, updated, data) of stories, most recently updated first, optionally filtered."""
        sql, args = "SELECT id, title, updated, data FROM stories", []
        conds = [(c, v) for c, v in (("outlet = ?", outlet), ("published >= ?", since), ("published < ?", until)) if v]
        if conds:
            sql += f" WHERE id IN (SELECT story FROM articles WHERE {' AND '.join(c for c, _ in conds)})"
            args = [v for _, v in conds]
        return self.db.execute(sql + " ORDER BY updated DESC, id LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()

    def story_rows(self, story_ids: list[str]) -> list[tuple[str, str | None, str | None, str | None, str]]:
        """(story, article id, outlet, published, duplicate_of) of the stories' articles, in seq order."""
        marks = ",".join("?" * len(story_ids))
        return self.db.execute(f"SELECT story, id, outlet, published, duplicate_of FROM articles "
                               f"WHERE story IN ({marks}) ORDER BY seq", story_ids).fetchall()

    def list_outlets(self) -> list[tuple[str, int]]:
        return self.db.execute("SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL "
                               "GROUP BY outlet ORDER BY count(*) DESC, outlet").fetchall()

    def outlet_articles(self, outlet: str, *, limit: int = 200, offset: int = 0) -> list[Article]:
        rows = self.db.execute("SELECT data, duplicate_of, story FROM articles WHERE outlet = ? "
                               "ORDER BY published DESC, seq DESC LIMIT ? OFFSET ?", (outlet, limit, offset))
        return [self._article(r) for r in rows]

    # -- feeds (newsprism feeds / watch) -------------------------------------------------------
    def add_feed(self, url: str, title: str | None = None) -> bool:
        """Follow a feed; False when it was already followed (then ``title`` only fills a missing one)."""
        with self.transaction() as db:
            cur = db.execute("INSERT OR IGNORE INTO feeds(url, title) VALUES (?,?)", (url, title))
            if not cur.rowcount and title:
                db.execute("UPDATE feeds SET title = COALESCE(title, ?) WHERE url = ?", (title, url))
            return cur.rowcount > 0

    def remove_feed(self, url: str) -> bool:
        with self.transaction() as db:
            db.execute("DELETE FROM feed_entries WHERE feed = ?", (url,))
            return db.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0

    def list_feeds(self) -> list[dict[str, Any]]:
        cols = ("url", "title", "etag", "last_modified", "last_polled", "last_status", "added")
        rows = self.db.execute(f"SELECT {', '.join(cols)} FROM feeds ORDER BY added, url").fetchall()
        return [dict(zip(cols, r)) for r in rows]

    def update_feed(self, url: str, *, status: str, etag: str | None = None, last_modified: str | None = None,
                    title: str | None = None) -> None:
        """Record one poll: its status, and the validators for the next conditional GET when given."""
        with self.transaction() as db:
            db.execute(
                "UPDATE feeds SET last_status = ?, last_polled = strftime('%Y-%m-%dT%H:%M:%fZ','now'), "
                "etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified), "
                "title = COALESCE(title, ?) WHERE url = ?",
                (status, etag, last_modified, title, url))

    def feed_entry_state(self, feed: str) -> dict[str, tuple[str, int]]:
        """entry id → (status, attempts) for the entries of ``feed`` already seen."""
        rows = self.db.execute("SELECT entry, status, attempts FROM feed_entries WHERE feed = ?", (feed,))
        return {r[0]: (r[1], int(r[2])) for r in rows}

    def mark_feed_entries(self, feed: str, entries: Iterable[tuple[str, str, str]]) -> None:
        """(entry id, link, status) for entries just analysed; a failed one counts one more attempt."""
        with self.transaction() as db:
            for entry, link, status in entries:
                db.execute(
                    "INSERT INTO feed_entries(feed, entry, link, status) VALUES (?,?,?,?) "
                    "ON CONFLICT(feed, entry) DO UPDATE SET status = excluded.status, link = excluded.link, "
                    "attempts = attempts + 1, seen_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')",
                    (feed, entry, link, status))


def _why(member: StoryMember) -> str:
    """The ``shared`` column: the shared terms, or terms, entities and score parts together."""
    if not member.shared_entities and not member.signals:
        return json.dumps(member.shared_terms)
    return json.dumps({"terms": member.shared_terms, "entities": member.shared_entities,
                       "signals": member.signals})


def _member(row: Any) -> StoryMember:
    why = json.loads(row[2])
    if isinstance(why, list):
        why = {"terms": why}
    return StoryMember(article=row[0], score=row[1], shared_terms=why.get("terms", []), joined_at=row[3],
                       shared_entities=why.get("entities", []), signals=why.get("signals", {}))
