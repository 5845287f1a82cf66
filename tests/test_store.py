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
