"""The SQLite store: migrations, byte-for-byte inputs, transactions, idempotent writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsprism.errors import SchemaError, StoreError, UsageError
from newsprism.ingest.files import sha256
from newsprism.store import open_store
from newsprism.store.migrations import MIGRATIONS
from newsprism.types import Article, RawInput, Skipped, Story, StoryMember


def test_fresh_store_is_migrated_and_wal(db: Path) -> None:
    store = open_store(str(db))
    assert store.schema_version == len(MIGRATIONS)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    assert open_store(f"sqlite:///{db}").schema_version == len(MIGRATIONS)


def test_newer_schema_is_refused(db: Path) -> None:
    open_store(str(db)).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
    con.close()
    with pytest.raises(SchemaError, match="upgrade newsprism"):
        open_store(str(db))


def test_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        open_store(str(bogus))


def test_unknown_scheme() -> None:
    with pytest.raises(UsageError, match="valid: a file path"):
        open_store("mysql://localhost/x")


def test_inputs_are_kept_once(db: Path) -> None:
    store = open_store(str(db))
    data = b"\x00\xffodd bytes\r\n"
    raw = RawInput(source="a.txt", data=data, sha256=sha256(data))
    assert store.put_input(raw) is True
    assert store.put_input(RawInput(source="b.txt", data=data, sha256=raw.sha256)) is False
    assert store.count("inputs") == 1 and store.count("sources") == 2
    assert store.get_input(raw.sha256).data == data


def test_transaction_rolls_back(db: Path) -> None:
    store = open_store(str(db))
    art = Article(id="x", source="s", input_sha256="h", text="t")
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.put_article(art)
            store.put_story(Story(id="s1", title="t"))
            raise RuntimeError("boom")
    assert store.count("articles") == 0 and store.count("stories") == 0


def test_articles_stories_skipped_round_trip(db: Path) -> None:
    store = open_store(str(db))
    art = Article(id="x", source="s", input_sha256="h", text="body", title="T", authors=["A B"], cites=["Reuters"])
    store.put_article(art)
    store.put_article(art)            # idempotent
    assert store.count("articles") == 1
    assert store.get_article("x") == art
    assert store.is_done("x", "extract") and not store.is_done("x", "dedup")
    store.put_story(Story(id="s1", title="T"))
    store.add_member("s1", StoryMember(article="x", score=0.5, shared_terms=["budget"], joined_at=1))
    story = store.get_story("s1")
    assert story.articles == ["x"] and story.members[0].shared_terms == ["budget"]
    assert store.get_article("x").story == "s1"
    item = Skipped(source="bad.bin", stage="extract", code="NP104", message="binary", input_sha256="h2")
    store.record_skipped(item, run_id=1)
    store.record_skipped(item, run_id=2)   # a rerun replaces, never duplicates
    assert [(s.code, level) for s, level in store.iter_skipped()] == [("NP104", "error")]


def _counted(store) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return dict(store.list_outlets())


def test_outlet_counts_follow_every_write(db: Path) -> None:
    """The per-outlet counts the home page shows are kept by triggers, equal to a fresh count after any write."""
    store = open_store(str(db))

    def art(aid: str, outlet: str | None) -> Article:
        return Article(id=aid, source=aid, input_sha256=aid, text="t", outlet=outlet)

    def recount() -> dict[str, int]:
        rows = store.db.execute("SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet")
        return dict(rows.fetchall())

    for i in range(3):
        store.put_article(art(f"a{i}", "Daily"))
    store.put_article(art("b0", "Weekly"))
    store.put_article(art("n0", None))
    assert _counted(store) == recount() == {"Daily": 3, "Weekly": 1}
    store.put_article(art("a0", "Daily"))                  # re-stored (INSERT OR REPLACE): counted once
    store.put_article(art("a1", "Weekly"))                 # re-stored under another outlet
    store.put_article(art("n0", "Weekly"))                 # an outlet learnt later
    assert _counted(store) == recount() == {"Daily": 2, "Weekly": 3}
    store.db.execute("UPDATE articles SET outlet = 'Monthly' WHERE id = 'a2'")
    store.db.execute("UPDATE articles SET outlet = NULL WHERE id = 'b0'")
    store.db.execute("DELETE FROM articles WHERE id = 'a0'")
    assert _counted(store) == recount() == {"Weekly": 2, "Monthly": 1}
    assert [o for o, _ in store.list_outlets()] == ["Weekly", "Monthly"]      # most articles first


def test_migration_counts_outlets_of_an_older_store(db: Path) -> None:
    """A store made before the counts table gets it filled from its articles."""
    store = open_store(str(db))
    for i, outlet in enumerate(["Daily", "Daily", "Weekly", None]):
        store.put_article(Article(id=f"x{i}", source="s", input_sha256=f"h{i}", text="t", outlet=outlet))
    last = len(MIGRATIONS)
    store.db.executescript("DROP TRIGGER outlet_counts_replace; DROP TRIGGER outlet_counts_ins; "
                           "DROP TRIGGER outlet_counts_del; DROP TRIGGER outlet_counts_upd; DROP TABLE outlet_counts; "
                           "DROP INDEX articles_duplicate_of; DROP INDEX stories_recent; DROP INDEX articles_outlet; "
                           "DROP INDEX articles_published; CREATE INDEX stories_updated ON stories(updated); "
                           "CREATE INDEX articles_outlet ON articles(outlet); "
                           f"CREATE INDEX articles_published ON articles(published); PRAGMA user_version={last - 1};")
    store.close()
    store = open_store(str(db))
    assert store.schema_version == last
    assert _counted(store) == {"Daily": 2, "Weekly": 1}


def test_list_stories_pages_and_filters(db: Path) -> None:
    store = open_store(str(db))
    for i in range(7):
        store.put_story(Story(id=f"s{i}", title=f"Story {i}", brief=[{"sentence": f"Brief {i}.", "sources": []}]))
        store.db.execute("UPDATE stories SET updated = ? WHERE id = ?", (f"2026-01-0{i + 1}T00:00:00Z", f"s{i}"))
        outlet = "Daily" if i % 2 else "Weekly"
        store.put_article(Article(id=f"a{i}", source="s", input_sha256=f"h{i}", text="t", outlet=outlet,
                                  published=f"202{i}-06-01", story=f"s{i}"))
    pages = [store.list_stories(limit=3, offset=o) for o in (0, 3, 6)]
    assert [r[0] for p in pages for r in p] == [f"s{i}" for i in range(6, -1, -1)]       # newest first, no gaps
    assert pages[0][0][1:] == ("Story 6", "2026-01-07T00:00:00Z", "Brief 6.")
    assert [r[0] for r in store.list_stories(outlet="Daily")] == ["s5", "s3", "s1"]
    assert [r[0] for r in store.list_stories(since="2022", until="2025")] == ["s4", "s3", "s2"]
    assert [r[0] for r in store.list_stories(outlet="Weekly", since="2022", until="2025")] == ["s4", "s2"]
    assert store.list_stories(outlet="Nobody") == []
