"""What the SQL backends share: every Store method, in SQL both SQLite and PostgreSQL accept.

A backend subclass supplies the connection and says how its dialect differs:
``_x`` runs one statement (``?`` placeholders), ``_BEGIN`` opens a transaction,
``NOW`` is an expression for the current UTC time as ISO 8601 text,
``_next_seq`` numbers a new article, and full-text search is its own.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from newsprism.errors import StoreBusy, StoreError

log = logging.getLogger("newsprism")

#: seconds a writing run waits for another to finish before it refuses (NP402); $NEWSPRISM_LOCK_WAIT overrides
LOCK_WAIT_ENV = "NEWSPRISM_LOCK_WAIT"
DEFAULT_LOCK_WAIT = 3600.0
LOCK_POLL = 0.2


def lock_wait() -> float:
    try:
        return float(os.environ.get(LOCK_WAIT_ENV, DEFAULT_LOCK_WAIT))
    except ValueError:
        return DEFAULT_LOCK_WAIT
from newsprism.types import Article, RawInput, Skipped, Story, StoryMember

COUNTED = {"inputs", "sources", "articles", "stories", "story_members", "runs", "skipped"}
PAGE = 500          # rows per page when walking every article; values per IN (…) list


_PATH_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")


def json_path(data: Any, path: str) -> Any:
    """The value at a ``$.key.key[0]`` path of parsed JSON, or None where the path leads nowhere."""
    for key, index in _PATH_STEP.findall(path[1:]):
        try:
            data = data[key] if key else data[int(index)]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _why(member: StoryMember) -> str:
    """The ``shared`` column: the shared terms, or terms, entities and score parts together."""
    if not member.shared_entities and not member.signals:
        return json.dumps(member.shared_terms)
    return json.dumps({"terms": member.shared_terms, "entities": member.shared_entities,
                       "signals": member.signals})


def _member(row: Any) -> StoryMember:
    """A membership row; older rows hold only the list of shared terms."""
    why = json.loads(row[2])
    if isinstance(why, list):
        why = {"terms": why}
    return StoryMember(article=row[0], score=row[1], shared_terms=why.get("terms", []), joined_at=row[3],
                       shared_entities=why.get("entities", []), signals=why.get("signals", {}))


class SQLStore:
    NOW = ""
    _BEGIN = "BEGIN"
    _BRIEF_LEAD: str          # SQL for the first sentence of a story's brief, out of its JSON ``data``
    _CITES: str               # SQL for an article's ``cites`` list as JSON text, out of its ``data``
    _STORIES_RECENT = "stories"   # the stories table as the newest-first listing reads it
    _BY_DUPLICATE = "articles"    # the articles table as a lookup by duplicate_of reads it
    db: Any
    path: Any = None
    _depth = 0
    _lock_depth = 0

    # -- what a backend supplies -------------------------------------------------
    def _x(self, sql: str, args: Iterable[Any] = ()) -> Any:
        """Run one statement with ``?`` placeholders; return the cursor."""
        raise NotImplementedError

    def _many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    def _next_seq(self) -> int:
        """The position of a new article in arrival order."""
        return int(self._x("SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()[0])

    def _before_commit(self) -> None:
        """Raise if the transaction about to be committed cannot be (PostgreSQL: aborted by an error)."""

    @property
    def schema_version(self) -> int:
        raise NotImplementedError

    def search_articles(self, match: str, **kwargs: Any) -> list[dict[str, Any]]:
        raise NotImplementedError

    def search_stories(self, match: str, *, limit: int = 20) -> list[dict[str, Any]]:
        raise NotImplementedError

    # -- transactions ------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One transaction; nested calls become savepoints inside the outer one."""
        if self._depth:               # nested: a savepoint, so a failed record rolls back alone
            name = f"sp{self._depth}"
            self._depth += 1
            self._x(f"SAVEPOINT {name}")
            try:
                yield self.db
            except BaseException:
                self._x(f"ROLLBACK TO SAVEPOINT {name}")
                self._x(f"RELEASE SAVEPOINT {name}")
                raise
            else:
                self._x(f"RELEASE SAVEPOINT {name}")
            finally:
                self._depth -= 1
            return
        self._x(self._BEGIN)
        self._depth = 1
        try:
            yield self.db
            self._before_commit()
        except BaseException:
            self._x("ROLLBACK")
            raise
        else:
            self._x("COMMIT")
        finally:
            self._depth = 0

    def close(self) -> None:
        self.db.close()

    # -- one writing run at a time --------------------------------------------------------
    def _try_writer_lock(self) -> bool:
        """Take the store's writer lock if free (a backend's own kind of lock); True when taken."""
        return True

    def _release_writer_lock(self) -> None:
        """Give the writer lock back."""

    def _lock_holder(self) -> str:
        return "another process"

    @contextmanager
    def writer_lock(self, wait: float = DEFAULT_LOCK_WAIT) -> Iterator[None]:
        """Hold the store's writer lock for a whole run: a second writing run (another ``analyze``, a ``watch``
        poll, a web upload) waits until the first is done, up to ``wait`` seconds, then refuses with StoreBusy
        (NP402). Two runs interleaving their transactions would each cluster against a state the other is
        changing: an article in two stories. Readers (``serve``, ``stories``) never take it. Reentrant."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        deadline = time.monotonic() + wait
        said = False
        while not self._try_writer_lock():
            if time.monotonic() >= deadline:
                raise StoreBusy(f"store in use: {self._lock_holder()} is writing to {self.path}; "
                                f"waited {wait:g} s (set {LOCK_WAIT_ENV} to wait longer)")
            if not said:
                log.warning("store %s is in use by %s; waiting for it to finish", self.path, self._lock_holder())
                said = True
            time.sleep(LOCK_POLL)
        self._lock_depth = 1
        try:
            yield
        finally:
            self._lock_depth = 0
            self._release_writer_lock()

    # -- raw inputs -------------------------------------------------------------
    def put_input(self, raw: RawInput, run_id: int | None = None) -> bool:
        with self.transaction():
            cur = self._x("INSERT INTO inputs(sha256, size, media_type, data) VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                          (raw.sha256, len(raw.data), raw.media_type, raw.data))
            added = cur.rowcount > 0
            self._x("INSERT INTO sources(source, sha256, url, run_id) VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                    (raw.source, raw.sha256, raw.url, run_id))
            return added

    def get_input(self, sha256: str) -> RawInput | None:
        row = self._x("SELECT i.data, i.media_type, s.source, s.url FROM inputs i LEFT JOIN sources s USING (sha256) "
                      "WHERE i.sha256 = ? ORDER BY s.source LIMIT 1", (sha256,)).fetchone()
        if row is None:
            return None
        return RawInput(source=row[2] or "", data=bytes(row[0]), sha256=sha256, media_type=row[1], url=row[3])

    def count(self, table: str) -> int:
        if table not in COUNTED:
            raise StoreError(f"unknown table {table!r}")
        return int(self._x(f"SELECT count(*) FROM {table}").fetchone()[0])

    # -- articles ---------------------------------------------------------------
    def put_article(self, article: Article, *, done: str = "extract") -> None:
        with self.transaction():
            row = self._x("SELECT seq FROM articles WHERE id = ?", (article.id,)).fetchone()
            seq = row[0] if row else self._next_seq()
            self._x(
                "INSERT INTO articles(id, input_sha256, source, outlet, title, published, duplicate_of, story, data, "
                "seq) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET input_sha256 = excluded.input_sha256, "
                "source = excluded.source, outlet = excluded.outlet, title = excluded.title, "
                "published = excluded.published, duplicate_of = excluded.duplicate_of, story = excluded.story, "
                "data = excluded.data, seq = excluded.seq",
                (article.id, article.input_sha256, article.source, article.outlet, article.title, article.published,
                 article.duplicate_of, article.story, json.dumps(article.as_dict(), ensure_ascii=False), seq))
            if done:
                self.mark_done(article.id, done)

    def _article(self, row: tuple[Any, ...]) -> Article:
        article = Article.from_dict(json.loads(row[0]))
        article.duplicate_of, article.story = row[1], row[2]
        return article

    def get_article(self, article_id: str) -> Article | None:
        row = self._x("SELECT data, duplicate_of, story FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article(row) if row else None

    def articles_for_input(self, sha256: str) -> list[Article]:
        rows = self._x("SELECT data, duplicate_of, story FROM articles WHERE input_sha256 = ? ORDER BY seq",
                       (sha256,)).fetchall()
        return [self._article(r) for r in rows]

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is None:               # page through in arrival order: memory stays flat on any store
            after = -1
            while True:
                rows = self._x("SELECT data, duplicate_of, story, seq FROM articles WHERE seq > ? ORDER BY seq "
                               "LIMIT ?", (after, PAGE)).fetchall()
                for row in rows:
                    yield self._article(row)
                if len(rows) < PAGE:
                    return
                after = rows[-1][3]
        # one statement per page of ids, not one per article (a story page reads all its articles); in the
        # order asked, memory flat
        ids = list(ids)
        for i in range(0, len(ids), PAGE):
            chunk = ids[i : i + PAGE]
            rows = {r[0]: r[1:] for r in self._in_pages(
                "SELECT id, data, duplicate_of, story FROM articles WHERE id IN ({marks})", dict.fromkeys(chunk))}
            for article_id in chunk:
                if article_id in rows:
                    yield self._article(rows[article_id])

    def set_duplicate(self, article_id: str, duplicate_of: str | None) -> None:
        self._x("UPDATE articles SET duplicate_of = ? WHERE id = ?", (duplicate_of, article_id))

    def duplicates_of(self, article_id: str) -> list[str]:
        return [r[0] for r in self._x(f"SELECT id FROM {self._BY_DUPLICATE} WHERE duplicate_of = ? ORDER BY seq",
                                      (article_id,))]

    def copies_of(self, article: Article) -> list[str]:
        """The article's group of copies: its canonical copy first, then every duplicate of it."""
        root = article.duplicate_of or article.id
        return [root, *self.duplicates_of(root)]

    def set_story(self, article_id: str, story_id: str | None) -> None:
        self._x("UPDATE articles SET story = ? WHERE id = ?", (story_id, article_id))

    def mark_done(self, article_id: str, stage: str) -> None:
        self._x("INSERT INTO article_stages(article, stage) VALUES (?,?) ON CONFLICT DO NOTHING", (article_id, stage))

    def is_done(self, article_id: str, stage: str) -> bool:
        return self._x("SELECT 1 FROM article_stages WHERE article = ? AND stage = ?",
                       (article_id, stage)).fetchone() is not None

    def forget_derived(self, article_id: str, keep: str = "extract") -> None:
        """Forget what the stages after ``keep`` derived from an article whose text changed: their done markers,
        its fingerprints (stored signals) and near-duplicate postings, and its story membership; it is then
        deduplicated and clustered again as a new article. (Articles judged duplicates of its old text keep
        that link; its old terms stay counted in the clustering's document frequencies.)"""
        with self.transaction():
            story = self._x("SELECT story FROM articles WHERE id = ?", (article_id,)).fetchone()
            if story and story[0]:
                self.remove_member(story[0], article_id)
            self._x("DELETE FROM article_stages WHERE article = ? AND stage <> ?", (article_id, keep))
            self._x("DELETE FROM fingerprints WHERE article = ?", (article_id,))
            self._x("DELETE FROM dedup_postings WHERE article = ?", (article_id,))

    def done_among(self, article_ids: list[str], stage: str) -> set[str]:
        """Those of ``article_ids`` that ``stage`` has done."""
        ids, out = list(dict.fromkeys(article_ids)), set()
        for i in range(0, len(ids), PAGE):
            chunk = ids[i:i + PAGE]
            out.update(a for (a,) in self._x(f"SELECT article FROM article_stages WHERE stage = ? AND article IN "
                                             f"({','.join('?' * len(chunk))})", (stage, *chunk)).fetchall())
        return out

    # -- fingerprints -------------------------------------------------------------
    def put_fingerprint(self, article_id: str, kind: str, blob: bytes) -> None:
        self._x("INSERT INTO fingerprints(article, kind, blob) VALUES (?,?,?) "
                "ON CONFLICT (article, kind) DO UPDATE SET blob = excluded.blob", (article_id, kind, blob))

    def get_fingerprint(self, article_id: str, kind: str) -> bytes | None:
        row = self._x("SELECT blob FROM fingerprints WHERE article = ? AND kind = ?", (article_id, kind)).fetchone()
        return bytes(row[0]) if row else None

    def fingerprints_of(self, kind: str, article_ids: list[str]) -> dict[str, bytes]:
        """``{article: blob}`` of the fingerprints of ``kind`` that ``article_ids`` have."""
        ids, out = list(dict.fromkeys(article_ids)), {}
        for i in range(0, len(ids), PAGE):
            chunk = ids[i:i + PAGE]
            for article, blob in self._x(f"SELECT article, blob FROM fingerprints WHERE kind = ? AND article IN "
                                         f"({','.join('?' * len(chunk))})", (kind, *chunk)).fetchall():
                out[article] = bytes(blob)
        return out

    def put_fingerprints(self, kind: str, items: list[tuple[str, bytes]]) -> None:
        """Many ``(article, blob)`` fingerprints of one kind in one statement."""
        self._many("INSERT INTO fingerprints(article, kind, blob) VALUES (?,?,?) "
                   "ON CONFLICT (article, kind) DO UPDATE SET blob = excluded.blob",
                   [(a, kind, b) for a, b in items])

    def add_postings_many(self, rows: list[tuple[int, str]]) -> None:
        """Many ``(hash, article)`` postings of the dedup index in one statement."""
        self._many("INSERT INTO dedup_postings(hash, article) VALUES (?,?) ON CONFLICT DO NOTHING", rows)

    def _in_pages(self, sql: str, values: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
        """Rows of ``sql`` (one ``IN ({marks})``) for ``values``, a page of values per statement."""
        values = list(values)
        for i in range(0, len(values), PAGE):
            chunk = values[i : i + PAGE]
            yield from self._x(sql.format(marks=",".join("?" * len(chunk))), chunk).fetchall()

    def postings(self, hashes: Iterable[int]) -> list[tuple[int, str]]:
        """``(hash, article)`` postings of the dedup index for any of ``hashes``."""
        return [(int(h), a) for h, a in self._in_pages(
            "SELECT hash, article FROM dedup_postings WHERE hash IN ({marks})", hashes)]

    def dedup_stamp(self, kind: str | None = None) -> int:
        """0 while no fingerprint (of ``kind``) is stored; otherwise a value that changes whenever any writer adds some."""
        if kind is not None:
            return int(self._x("SELECT count(*) FROM fingerprints WHERE kind = ?", (kind,)).fetchone()[0])
        return int(self._x("SELECT count(*) FROM fingerprints").fetchone()[0])

    def duplicate_roots(self, ids: Iterable[str]) -> dict[str, str]:
        """Each known article's canonical copy: its ``duplicate_of``, or itself."""
        return {a: root for a, root in self._in_pages(
            "SELECT id, coalesce(duplicate_of, id) FROM articles WHERE id IN ({marks})", ids)}

    def iter_fingerprints(self, kind: str) -> Iterator[tuple[str, bytes]]:
        for article, blob in self._x("SELECT f.article, f.blob FROM fingerprints f JOIN articles a ON a.id = f.article "
                                     "WHERE f.kind = ? ORDER BY a.seq", (kind,)).fetchall():
            yield article, bytes(blob)

    # -- stories --------------------------------------------------------------------
    def put_story(self, story: Story) -> None:
        data = story.as_dict()
        data.pop("members", None)
        with self.transaction():
            # update, else insert (not an upsert: SQLite's FTS5 trigger on stories refuses one)
            args = (story.title, json.dumps(data, ensure_ascii=False), story.id)
            if not self._x(f"UPDATE stories SET title = ?, data = ?, updated = {self.NOW} WHERE id = ?",
                           args).rowcount:
                self._x(f"INSERT INTO stories(title, data, id, updated) VALUES (?,?,?, {self.NOW})", args)

    def _members(self, story_id: str) -> list[StoryMember]:
        rows = self._x("SELECT article, score, shared, joined_at FROM story_members WHERE story = ? ORDER BY joined_at",
                       (story_id,)).fetchall()
        return [_member(r) for r in rows]

    def get_story(self, story_id: str) -> Story | None:
        row = self._x("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        story = Story.from_dict(json.loads(row[0]))
        story.members = self._members(story_id)
        story.articles = [m.article for m in story.members]
        return story

    def iter_stories(self) -> Iterator[Story]:
        for (story_id,) in self._x("SELECT id FROM stories ORDER BY updated DESC, id").fetchall():
            story = self.get_story(story_id)
            if story is not None:
                yield story

    def delete_story(self, story_id: str) -> None:
        with self.transaction():
            self._x("DELETE FROM story_links WHERE a = ? OR b = ?", (story_id, story_id))
            self._x("DELETE FROM story_members WHERE story = ?", (story_id,))
            self._x("DELETE FROM stories WHERE id = ?", (story_id,))
            self._x("UPDATE articles SET story = NULL WHERE story = ?", (story_id,))

    def add_member(self, story_id: str, member: StoryMember) -> None:
        with self.transaction():
            self._x("INSERT INTO story_members(story, article, score, shared, joined_at) VALUES (?,?,?,?,?) "
                    "ON CONFLICT (story, article) DO UPDATE SET score = excluded.score, shared = excluded.shared, "
                    "joined_at = excluded.joined_at",
                    (story_id, member.article, member.score, _why(member), member.joined_at))
            self._x("UPDATE articles SET story = ? WHERE id = ?", (story_id, member.article))

    def remove_member(self, story_id: str, article_id: str) -> None:
        with self.transaction():
            self._x("DELETE FROM story_members WHERE story = ? AND article = ?", (story_id, article_id))
            self._x("UPDATE articles SET story = NULL WHERE id = ? AND story = ?", (article_id, story_id))

    def move_members(self, src: str, dst: str) -> None:
        """Every member of ``src`` joins ``dst``; where an article is in both, the ``src`` membership wins."""
        with self.transaction():
            self._x("DELETE FROM story_members WHERE story = ? AND article IN "
                    "(SELECT article FROM story_members WHERE story = ?)", (dst, src))
            self._x("UPDATE story_members SET story = ? WHERE story = ?", (dst, src))
            self._x("UPDATE articles SET story = ? WHERE story = ?", (dst, src))
            # the storyline links of ``src`` become ``dst``'s (the stronger link kept where both had one)
            for a, b, score, why in self._x("SELECT a, b, score, why FROM story_links WHERE a = ? OR b = ?",
                                            (src, src)).fetchall():
                other = b if a == src else a
                if other != dst:
                    self._link(dst, other, score, why, keep_stronger=True)
            self._x("DELETE FROM story_links WHERE a = ? OR b = ?", (src, src))

    # -- the cluster stage's corpus statistics and time window ------------------------------------
    def add_document_terms(self, terms: Iterable[str]) -> None:
        """Count one more clustered document, holding ``terms`` (document frequencies; '' counts documents)."""
        self.add_document_counts(dict.fromkeys(terms, 1), 1)

    def add_document_counts(self, counts: Mapping[str, int], documents: int) -> None:
        """Count ``documents`` more clustered documents, in which each term of ``counts`` appears that many times."""
        if documents or counts:
            self._many("INSERT INTO cluster_df(term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET "
                       "df = cluster_df.df + excluded.df", [("", documents), *((t, n) for t, n in counts.items() if t)])

    def document_frequencies(self) -> Iterator[tuple[str, int]]:
        """``(term, df)`` of every clustered document's terms; '' gives the number of documents."""
        yield from self._x("SELECT term, df FROM cluster_df").fetchall()

    def newest_in_stories(self) -> str | None:
        """The latest ``published`` of any article in a story."""
        row = self._x("SELECT max(published) FROM articles WHERE story IS NOT NULL").fetchone()
        return row[0] if row else None

    def stories_published_since(self, since: str | None) -> list[str]:
        """Stories with an article published on or after ``since`` (all stories when None) or undated."""
        if since is None:
            sql, args = "SELECT DISTINCT story FROM articles WHERE story IS NOT NULL", ()
        else:
            sql, args = ("SELECT DISTINCT story FROM articles WHERE story IS NOT NULL AND "
                         "(published IS NULL OR published >= ?)", (since,))
        return sorted(r[0] for r in self._x(sql, args).fetchall())

    # -- storylines: links between stories of one thread --------------------------------------
    def _link(self, x: str, y: str, score: float, why: str, keep_stronger: bool = False) -> None:
        a, b = sorted((x, y))
        self._x("INSERT INTO story_links(a, b, score, why) VALUES (?,?,?,?) ON CONFLICT (a, b) DO UPDATE SET "
                "score = excluded.score, why = excluded.why"
                + (" WHERE excluded.score > story_links.score" if keep_stronger else ""), (a, b, score, why))

    def link_stories(self, x: str, y: str, score: float, why: dict[str, Any]) -> None:
        """Record that stories ``x`` and ``y`` belong to one storyline, with the score and why."""
        if x != y:
            with self.transaction():
                self._link(x, y, score, json.dumps(why, ensure_ascii=False))

    def story_links(self, story_ids: list[str]) -> list[dict[str, Any]]:
        """The links that touch any of ``story_ids``: a, b, score, why."""
        ids = list(dict.fromkeys(story_ids))
        rows = set(self._in_pages("SELECT a, b, score, why FROM story_links WHERE a IN ({marks})", ids))
        rows |= set(self._in_pages("SELECT a, b, score, why FROM story_links WHERE b IN ({marks})", ids))
        return [{"a": a, "b": b, "score": score, "why": json.loads(why)} for a, b, score, why in sorted(rows)]

    def add_correction(self, kind: str, story: str, other: str | None, articles: list[str]) -> None:
        self._x("INSERT INTO corrections(kind, story, other, articles) VALUES (?,?,?,?)",
                (kind, story, other, json.dumps(articles)))

    def iter_corrections(self) -> Iterator[dict[str, Any]]:
        for r in self._x("SELECT kind, story, other, articles, created FROM corrections ORDER BY id").fetchall():
            yield {"kind": r[0], "story": r[1], "other": r[2], "articles": json.loads(r[3]), "created": r[4]}

    def separate(self, a: str, b: str) -> None:
        self._x("INSERT INTO story_separations(a, b) VALUES (?,?) ON CONFLICT DO NOTHING", tuple(sorted((a, b))))

    def separated(self, a: str, b: str) -> bool:
        return self._x("SELECT 1 FROM story_separations WHERE a = ? AND b = ?",
                       tuple(sorted((a, b)))).fetchone() is not None

    # -- runs and skipped ----------------------------------------------------------------
    def start_run(self, command: str, config: dict[str, Any]) -> int:
        with self.transaction():
            row = self._x("INSERT INTO runs(command, config) VALUES (?,?) RETURNING id",
                          (command, json.dumps(config))).fetchone()
            return int(row[0])

    def finish_run(self, run_id: int, stats: dict[str, Any], status: str) -> None:
        with self.transaction():
            self._x(f"UPDATE runs SET stats = ?, status = ?, finished = {self.NOW} WHERE id = ?",
                    (json.dumps(stats), status, run_id))

    def record_skipped(self, item: Skipped, run_id: int | None = None, level: str = "error") -> None:
        """One row per (source, input, stage, code): a rerun replaces it, never adds a second."""
        self._x("INSERT INTO skipped(source, input_sha256, stage, code, message, level, run_id, created) "
                f"VALUES (?,?,?,?,?,?,?, {self.NOW}) ON CONFLICT (source, input_sha256, stage, code) DO UPDATE SET "
                "message = excluded.message, level = excluded.level, run_id = excluded.run_id, "
                "created = excluded.created",
                (item.source, item.input_sha256 or "", item.stage, item.code, item.message, level, run_id))

    def iter_skipped(self, run_id: int | None = None) -> Iterator[tuple[Skipped, str]]:
        sql = "SELECT source, input_sha256, stage, code, message, level FROM skipped"
        args: tuple[Any, ...] = ()
        if run_id is not None:
            sql, args = sql + " WHERE run_id = ?", (run_id,)
        for r in self._x(sql + " ORDER BY created, source", args).fetchall():
            yield Skipped(source=r[0], input_sha256=r[1] or None, stage=r[2], code=r[3], message=r[4]), r[5]

    # -- read queries for the web UI ------------------------------------------------------------
    def list_stories(self, *, limit: int = 50, offset: int = 0, outlet: str | None = None,
                     since: str | None = None, until: str | None = None) -> list[tuple[str, str, str, str | None]]:
        """(id, title, updated, first sentence of the brief) of stories, most recently updated first.

        Filtered to stories with an article by ``outlet`` / published in [since, until).
        """
        sql, args = f"SELECT id, title, updated, {self._BRIEF_LEAD} FROM {self._STORIES_RECENT}", []
        conds = [(c, v) for c, v in (("outlet = ?", outlet), ("published >= ?", since), ("published < ?", until)) if v]
        if conds:
            sql += f" WHERE id IN (SELECT story FROM articles WHERE {' AND '.join(c for c, _ in conds)})"
            args = [v for _, v in conds]
        return [tuple(r) for r in self._x(sql + " ORDER BY updated DESC, id LIMIT ? OFFSET ?",
                                          (*args, limit, offset)).fetchall()]

    def story_rows(self, story_ids: list[str]) -> list[tuple[str, str | None, str | None, str | None, str]]:
        """(story, article id, outlet, published, duplicate_of) of the stories' articles, in seq order."""
        if not story_ids:
            return []
        marks = ",".join("?" * len(story_ids))
        return [tuple(r) for r in self._x(f"SELECT story, id, outlet, published, duplicate_of FROM articles "
                                          f"WHERE story IN ({marks}) ORDER BY seq", story_ids).fetchall()]

    def story_ids_starting(self, prefix: str, *, limit: int = 10) -> list[str]:
        """Ids of the stories whose id starts with ``prefix`` (case-sensitive), sorted, at most ``limit``."""
        rows = self._x("SELECT id FROM stories WHERE substr(id, 1, CAST(? AS INTEGER)) = ? ORDER BY id LIMIT ?",
                       (len(prefix), prefix, limit)).fetchall()
        return [r[0] for r in rows]

    def list_outlets(self) -> list[tuple[str, int]]:
        """(outlet, articles) by most articles."""
        return [(r[0], int(r[1])) for r in self._x("SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL "
                                                   "GROUP BY outlet ORDER BY count(*) DESC, outlet").fetchall()]

    def outlet_articles(self, outlet: str, *, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
        """The outlet's articles, newest first: id, title, published, story, duplicate_of, cites (no text)."""
        rows = self._x(f"SELECT id, title, published, story, duplicate_of, {self._CITES} FROM articles "
                       "WHERE outlet = ? ORDER BY published DESC, seq DESC LIMIT ? OFFSET ?",
                       (outlet, limit, offset)).fetchall()
        keys = ("id", "title", "published", "story", "duplicate_of")
        return [{**dict(zip(keys, r[:5])), "cites": json.loads(r[5] or "[]")} for r in rows]

    def story_extracts(self, story_ids: list[str], paths: list[str]) -> list[tuple[str, str, list[Any]]]:
        """(id, title, [value at each JSON path of the story's data]) of the stories that exist, in order.

        ``paths`` are ``$.key``, ``$.key.key``, ``$.key[0]`` paths, read in Python from each story's JSON.
        """
        if not story_ids or not paths:
            return []
        rows = {r[0]: r for r in self._in_pages("SELECT id, title, data FROM stories WHERE id IN ({marks})",
                                                 story_ids)}
        out = []
        for sid in story_ids:
            if sid in rows:
                data = json.loads(rows[sid][2])
                out.append((sid, rows[sid][1], [json_path(data, p) for p in paths]))
        return out

    # -- feeds (newsprism feeds / watch) -------------------------------------------------------
    def add_feed(self, url: str, title: str | None = None) -> bool:
        """Follow a feed; False when it was already followed (then ``title`` only fills a missing one)."""
        with self.transaction():
            added = self._x("INSERT INTO feeds(url, title) VALUES (?,?) ON CONFLICT DO NOTHING",
                            (url, title)).rowcount > 0
            if not added and title:
                self._x("UPDATE feeds SET title = COALESCE(title, ?) WHERE url = ?", (title, url))
            return added

    def remove_feed(self, url: str) -> bool:
        with self.transaction():
            self._x("DELETE FROM feed_entries WHERE feed = ?", (url,))
            return self._x("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0

    def list_feeds(self) -> list[dict[str, Any]]:
        cols = ("url", "title", "etag", "last_modified", "last_polled", "last_status", "added")
        rows = self._x(f"SELECT {', '.join(cols)} FROM feeds ORDER BY added, url").fetchall()
        return [dict(zip(cols, r)) for r in rows]

    def update_feed(self, url: str, *, status: str, etag: str | None = None, last_modified: str | None = None,
                    title: str | None = None) -> None:
        """Record one poll: its status, and the validators for the next conditional GET when given."""
        with self.transaction():
            self._x(f"UPDATE feeds SET last_status = ?, last_polled = {self.NOW}, etag = COALESCE(?, etag), "
                    "last_modified = COALESCE(?, last_modified), title = COALESCE(title, ?) WHERE url = ?",
                    (status, etag, last_modified, title, url))

    def feed_entry_state(self, feed: str) -> dict[str, tuple[str, int]]:
        """entry id → (status, attempts) for the entries of ``feed`` already seen."""
        rows = self._x("SELECT entry, status, attempts FROM feed_entries WHERE feed = ?", (feed,)).fetchall()
        return {r[0]: (r[1], int(r[2])) for r in rows}

    def mark_feed_entries(self, feed: str, entries: Iterable[tuple[str, str, str]]) -> None:
        """(entry id, link, status) for entries just analysed; a failed one counts one more attempt."""
        with self.transaction():
            for entry, link, status in entries:
                self._x("INSERT INTO feed_entries(feed, entry, link, status) VALUES (?,?,?,?) "
                        "ON CONFLICT (feed, entry) DO UPDATE SET status = excluded.status, link = excluded.link, "
                        f"attempts = feed_entries.attempts + 1, seen_at = {self.NOW}", (feed, entry, link, status))
