"""The store on both backends (SQLite, PostgreSQL): migrations, byte-for-byte inputs, transactions,
idempotent writes, corrections, runs, search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsprism.errors import SchemaError, StoreError, UsageError
from newsprism.ingest.files import sha256
from newsprism.store import open_store
from newsprism.store.migrations import MIGRATIONS
from newsprism.store.pg_migrations import MIGRATIONS as PG_MIGRATIONS
from newsprism.store.sql import PAGE
from newsprism.types import Article, RawInput, Skipped, Story, StoryMember


@pytest.fixture
def store(store_url: str):  # type: ignore[no-untyped-def]
    s = open_store(store_url)
    yield s
    s.close()


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


def test_postgres_store_is_migrated_once(pg_url: str) -> None:
    store = open_store(pg_url)
    assert type(store).__name__ == "PostgresStore" and store.schema_version == len(PG_MIGRATIONS)
    store.close()
    again = open_store(pg_url.replace("postgresql://", "postgres://"))    # reopening migrates nothing
    assert again.schema_version == len(PG_MIGRATIONS)
    assert again.db.execute("SELECT count(*) FROM newsprism_schema").fetchone()[0] == 1
    again.db.execute(f"UPDATE newsprism_schema SET version = {len(PG_MIGRATIONS) + 1}")
    again.close()
    with pytest.raises(SchemaError, match="upgrade newsprism"):
        open_store(pg_url)


def test_postgres_unreachable_is_a_store_error(pg_server) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match="cannot open store") as err:
        open_store(f"postgresql://postgres:secret@127.0.0.1:{pg_server.port}/no_such_db")
    assert "secret" not in str(err.value) and err.value.code == "NP400"


def test_inputs_are_kept_once(store) -> None:  # type: ignore[no-untyped-def]
    data = b"\x00\xffodd bytes\r\n"
    raw = RawInput(source="a.txt", data=data, sha256=sha256(data))
    assert store.put_input(raw) is True
    assert store.put_input(RawInput(source="b.txt", data=data, sha256=raw.sha256)) is False
    assert store.put_input(raw) is False
    assert store.count("inputs") == 1 and store.count("sources") == 2
    got = store.get_input(raw.sha256)
    assert got.data == data and got.source == "a.txt"
    assert store.get_input("0" * 64) is None
    with pytest.raises(StoreError):
        store.count("pg_class")


def test_transaction_rolls_back(store) -> None:  # type: ignore[no-untyped-def]
    art = Article(id="x", source="s", input_sha256="h", text="t")
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.put_article(art)
            store.put_story(Story(id="s1", title="t"))
            raise RuntimeError("boom")
    assert store.count("articles") == 0 and store.count("stories") == 0


def test_savepoint_rolls_back_alone(store) -> None:  # type: ignore[no-untyped-def]
    """A failed record inside a batch rolls back alone; the rest of the batch commits."""
    with store.transaction():
        store.put_article(Article(id="kept", source="s", input_sha256="h", text="one"))
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.put_article(Article(id="lost", source="s", input_sha256="h", text="two"))
                raise RuntimeError("bad record")
        store.put_story(Story(id="s1", title="t"))
    assert [a.id for a in store.iter_articles()] == ["kept"] and store.get_story("s1") is not None


def test_articles_stories_skipped_round_trip(store) -> None:  # type: ignore[no-untyped-def]
    art = Article(id="x", source="s", input_sha256="h", text="body", title="T", authors=["A B"], cites=["Reuters"])
    store.put_article(art)
    store.put_article(art)            # idempotent
    assert store.count("articles") == 1
    assert store.get_article("x") == art
    assert store.is_done("x", "extract") and not store.is_done("x", "dedup")
    store.mark_done("x", "dedup")
    store.mark_done("x", "dedup")
    assert store.is_done("x", "dedup")
    store.put_story(Story(id="s1", title="T"))
    store.add_member("s1", StoryMember(article="x", score=0.5, shared_terms=["budget"], joined_at=1))
    story = store.get_story("s1")
    assert story.articles == ["x"] and story.members[0].shared_terms == ["budget"]
    assert story.members[0].score == 0.5
    assert store.get_article("x").story == "s1"
    item = Skipped(source="bad.bin", stage="extract", code="NP104", message="binary", input_sha256="h2")
    store.record_skipped(item, run_id=1)
    store.record_skipped(item, run_id=2)   # a rerun replaces, never duplicates
    assert [(s.code, level) for s, level in store.iter_skipped()] == [("NP104", "error")]
    assert [s.source for s, _ in store.iter_skipped(2)] == ["bad.bin"] and not list(store.iter_skipped(1))


def test_duplicates_fingerprints_postings(store) -> None:  # type: ignore[no-untyped-def]
    for aid in ("a", "b", "c"):
        store.put_article(Article(id=aid, source=aid, input_sha256="h" + aid, text=aid))
    store.set_duplicate("b", "a")
    store.set_duplicate("c", "a")
    assert store.duplicates_of("a") == ["b", "c"]
    assert store.copies_of(store.get_article("c")) == ["a", "b", "c"]
    assert store.duplicate_roots(["c", "a", "nope"]) == {"c": "a", "a": "a"}
    big = [2**63 - 1, -(2**63), 7, 8]       # int64 hashes, both extremes
    store.add_postings_many([(h, "a") for h in big])
    store.add_postings_many([(h, "a") for h in big])            # idempotent
    store.add_postings_many([(7, "b"), (9, "b")])
    assert sorted(store.postings([7, 8, 2**63 - 1, 1000])) == sorted([(7, "a"), (7, "b"), (8, "a"), (2**63 - 1, "a")])
    assert len(store.postings(range(-3 * PAGE, 10))) == 4          # over several IN chunks on PostgreSQL
    assert store.dedup_stamp() == 0
    blob = bytes(range(256))
    store.put_fingerprint("a", "shingles", blob)
    store.put_fingerprint("b", "shingles", b"\x00")
    store.put_fingerprint("a", "shingles", blob[::-1])       # replaces
    assert store.get_fingerprint("a", "shingles") == blob[::-1]
    assert list(store.iter_fingerprints("shingles")) == [("a", blob[::-1]), ("b", b"\x00")]
    assert store.get_fingerprint("c", "shingles") is None
    stamp = store.dedup_stamp()
    store.put_fingerprints("shingles", [("c", b"\x01"), ("b", b"\x02")])
    assert store.dedup_stamp() != stamp and store.get_fingerprint("b", "shingles") == b"\x02"
    kind_stamp = store.dedup_stamp("shingles")
    store.put_fingerprints("vectors", [("a", b"\x03")])       # another kind: that kind's stamp stays
    assert store.dedup_stamp("shingles") == kind_stamp and store.dedup_stamp("nothing") == 0


def test_many_articles_keep_arrival_order(store) -> None:  # type: ignore[no-untyped-def]
    ids = [f"art{i:04d}" for i in range(PAGE + 7)][::-1]     # more than one page, ids not in order
    with store.transaction():
        for aid in ids:
            store.put_article(Article(id=aid, source=aid, input_sha256="h", text="x"))
    store.put_article(Article(id=ids[3], source="again", input_sha256="h", text="y"))   # keeps its place
    got = list(store.iter_articles())
    assert [a.id for a in got] == ids and got[3].source == "again"
    assert [a.id for a in store.iter_articles(["nope", ids[5]])] == [ids[5]]
    assert len(store.articles_for_input("h")) == len(ids)


def test_moves_merges_corrections(store) -> None:  # type: ignore[no-untyped-def]
    for aid, sid in (("a", "s1"), ("b", "s1"), ("c", "s2"), ("b2", "s2")):
        store.put_article(Article(id=aid, source=aid, input_sha256="h", text=aid))
        if store.get_story(sid) is None:
            store.put_story(Story(id=sid, title=sid))
        store.add_member(sid, StoryMember(article=aid, score=0.1, shared_terms=[], joined_at=1))
    store.add_member("s1", StoryMember(article="c", score=0.9, shared_terms=["x"], joined_at=2))  # c in both
    store.move_members("s1", "s2")
    store.delete_story("s1")
    s2 = store.get_story("s2")
    assert sorted(s2.articles) == ["a", "b", "b2", "c"] and store.get_story("s1") is None
    assert next(m for m in s2.members if m.article == "c").score == 0.9     # the moved membership wins
    assert {a.id: a.story for a in store.iter_articles()} == {"a": "s2", "b": "s2", "c": "s2", "b2": "s2"}
    store.remove_member("s2", "b2")
    assert store.get_article("b2").story is None and "b2" not in store.get_story("s2").articles
    store.add_correction("split", "s2", "s3", ["a"])
    store.add_correction("merge", "s2", "s4", [])
    assert [(c["kind"], c["other"], c["articles"]) for c in store.iter_corrections()] == [
        ("split", "s3", ["a"]), ("merge", "s4", [])]
    store.separate("s3", "s2")
    store.separate("s2", "s3")
    assert store.separated("s2", "s3") and store.separated("s3", "s2") and not store.separated("s2", "s4")
    assert [s.id for s in store.iter_stories()] == ["s2"]


def test_runs(store) -> None:  # type: ignore[no-untyped-def]
    first = store.start_run("analyze", {"paths": ["a"]})
    second = store.start_run("watch", {})
    assert second > first > 0
    store.finish_run(first, {"stages": []}, "ok")
    assert store.count("runs") == 2


def test_text_with_nul_is_kept(store) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL text cannot hold NUL: the article's JSON keeps it, search and columns do without."""
    art = Article(id="n", source="s", input_sha256="h", text="before\x00after words", title="Ti\x00tle")
    store.put_article(art)
    assert store.get_article("n").text == "before\x00after words"
    assert [r["id"] for r in store.search_articles('"before"')] == ["n"]


def test_search(store) -> None:  # type: ignore[no-untyped-def]
    """The web layer's match expressions (quoted words, all required, ``*`` for a prefix) on both backends."""
    arts = [Article(id="m", source="m", input_sha256="h", outlet="CubaHeadlines", published="2025-11-28",
                    title="Secret Phone Call Between Trump and Nicolás Maduro",
                    text="The two leaders spoke by phone about a possible meeting in Washington."),
            Article(id="o", source="o", input_sha256="h", outlet="Other", published="2024-01-01",
                    title="Budget talks", text="Parliament debated the budget; no phone call was made.")]
    for a in arts:
        store.put_article(a)
    store.put_story(Story(id="s1", title="Trump and Maduro spoke by phone"))
    store.put_story(Story(id="s2", title="Budget talks"))
    assert {r["id"] for r in store.search_articles('"phone"')} == {"m", "o"}
    hit = store.search_articles('"maduro" "washing"*')
    assert [r["id"] for r in hit] == ["m"]
    assert "\ue000Maduro\ue001" in hit[0]["title"] and "\ue000Washington\ue001" in hit[0]["snippet"]
    assert [r["id"] for r in store.search_articles('"nicolas"')] == ["m"]          # accents folded
    assert [r["id"] for r in store.search_articles('"phone"', outlet="Other")] == ["o"]
    assert [r["id"] for r in store.search_articles('"phone"', since="2025-01-01")] == ["m"]
    assert [r["id"] for r in store.search_articles('"phone"', until="2025")] == ["o"]
    assert len(store.search_articles('"phone"', limit=1)) == 1
    assert len(store.search_articles('"phone"', limit=5, offset=1)) == 1
    assert store.search_articles('"nowhere"') == []
    assert [(s["id"], s["title"]) for s in store.search_stories('"maduro"')] == [
        ("s1", "Trump and \ue000Maduro\ue001 spoke by phone")]
    store.put_story(Story(id="s1", title="Retitled"))                          # the index follows the title
    assert store.search_stories('"maduro"') == [] and store.search_stories('"retitled"')[0]["id"] == "s1"
    store.delete_story("s2")
    assert store.search_stories('"budget"') == []


def _counted(store) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return dict(store.list_outlets())


def test_outlet_counts_follow_every_write(store) -> None:  # type: ignore[no-untyped-def]
    """The per-outlet counts the home page shows (kept by triggers on SQLite) equal a fresh count after any write."""

    def art(aid: str, outlet: str | None) -> Article:
        return Article(id=aid, source=aid, input_sha256=aid, text="t", outlet=outlet)

    def recount() -> dict[str, int]:
        rows = store._x("SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet")
        return {o: int(n) for o, n in rows.fetchall()}

    for i in range(3):
        store.put_article(art(f"a{i}", "Daily"))
    store.put_article(art("b0", "Weekly"))
    store.put_article(art("n0", None))
    assert _counted(store) == recount() == {"Daily": 3, "Weekly": 1}
    store.put_article(art("a0", "Daily"))                  # re-stored (an upsert): counted once
    store.put_article(art("a1", "Weekly"))                 # re-stored under another outlet
    store.put_article(art("n0", "Weekly"))                 # an outlet learnt later
    assert _counted(store) == recount() == {"Daily": 2, "Weekly": 3}
    store._x("UPDATE articles SET outlet = 'Monthly' WHERE id = 'a2'")
    store._x("UPDATE articles SET outlet = NULL WHERE id = 'b0'")
    store._x("DELETE FROM articles WHERE id = 'a0'")
    assert _counted(store) == recount() == {"Weekly": 2, "Monthly": 1}
    assert [o for o, _ in store.list_outlets()] == ["Weekly", "Monthly"]      # most articles first


def test_migration_counts_outlets_of_an_older_store(db: Path) -> None:
    """A store made before the counts table gets it filled from its articles."""
    store = open_store(str(db))
    for i, outlet in enumerate(["Daily", "Daily", "Weekly", None]):
        store.put_article(Article(id=f"x{i}", source="s", input_sha256=f"h{i}", text="t", outlet=outlet))
    last = len(MIGRATIONS)
    store.db.executescript("DROP TRIGGER outlet_counts_ins; "
                           "DROP TRIGGER outlet_counts_del; DROP TRIGGER outlet_counts_upd; DROP TABLE outlet_counts; "
                           "DROP INDEX articles_duplicate_of; DROP INDEX stories_recent; DROP INDEX articles_outlet; "
                           "DROP INDEX articles_published; CREATE INDEX stories_updated ON stories(updated); "
                           "CREATE INDEX articles_outlet ON articles(outlet); "
                           "CREATE INDEX articles_published ON articles(published); DROP INDEX fingerprints_kind; "
                           "DROP TABLE story_links; DROP TABLE cluster_df; PRAGMA user_version=5;")   # as of migration 5
    store.close()
    store = open_store(str(db))
    assert store.schema_version == last
    assert _counted(store) == {"Daily": 2, "Weekly": 1}


def test_list_stories_pages_and_filters(store) -> None:  # type: ignore[no-untyped-def]
    for i in range(7):
        store.put_story(Story(id=f"s{i}", title=f"Story {i}", brief=[{"sentence": f"Brief {i}.", "sources": []}]))
        store._x("UPDATE stories SET updated = ? WHERE id = ?", (f"2026-01-0{i + 1}T00:00:00Z", f"s{i}"))
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


def test_story_links_follow_merges_and_deletes(store) -> None:  # type: ignore[no-untyped-def]
    from newsprism.cluster.storylines import storylines

    for sid in ("s1", "s2", "s3", "s4"):
        store.put_story(Story(id=sid, title=sid.upper()))
        store.put_article(Article(id="a" + sid, source=sid, input_sha256="h", text=sid))
        store.add_member(sid, StoryMember(article="a" + sid, score=1.0, shared_terms=[], joined_at=1))
    store.link_stories("s2", "s1", 0.4, {"shared_entities": ["rick perry", "texas"]})
    store.link_stories("s3", "s1", 0.35, {"shared_entities": ["x", "y"]})
    store.link_stories("s4", "s4", 0.9, {})                      # no link to itself
    assert [(l["a"], l["b"], l["score"]) for l in store.story_links(["s1"])] == [("s1", "s2", 0.4), ("s1", "s3", 0.35)]
    assert store.story_links(["s2"])[0]["why"]["shared_entities"] == ["rick perry", "texas"]
    lines = storylines(store, ["s2", "s4"])
    assert set(lines) == {"s1", "s2", "s3"} and lines["s2"]["stories"] == ["s1", "s2", "s3"]   # s3 through s1
    assert "s4" not in lines
    store.link_stories("s3", "s4", 0.5, {})
    store.move_members("s3", "s2")           # s3 merged into s2: its links are s2's now, the one to s2 dropped
    store.delete_story("s3")
    assert [(l["a"], l["b"], l["score"]) for l in store.story_links(["s1", "s2", "s3", "s4"])] == [
        ("s1", "s2", 0.4), ("s2", "s4", 0.5)]
    store.delete_story("s1")
    assert [(l["a"], l["b"]) for l in store.story_links(["s1", "s2"])] == [("s2", "s4")]


def test_forget_derived_leaves_the_extracted_article(store) -> None:  # type: ignore[no-untyped-def]
    from newsprism.types import Story, StoryMember

    for aid in ("a", "b"):
        store.put_article(Article(id=aid, source=aid, input_sha256="h" + aid, text=aid))
        for stage in ("dedup", "cluster"):
            store.mark_done(aid, stage)
        store.put_fingerprint(aid, "vec", b"\x01")
        store.add_postings_many([(5, aid)])
    store.put_story(Story(id="s", title="t"))
    store.add_member("s", StoryMember(article="a", score=1.0))
    store.add_member("s", StoryMember(article="b", score=0.5))
    store.add_document_counts({"strike": 2, "port": 1}, 2)
    store.add_document_counts({"strike": 1}, 1)
    assert dict(store.document_frequencies()) == {"": 3, "strike": 3, "port": 1}
    store.forget_derived("a")
    assert store.is_done("a", "extract") and not store.is_done("a", "dedup") and not store.is_done("a", "cluster")
    assert store.get_fingerprint("a", "vec") is None and store.get_fingerprint("b", "vec") == b"\x01"
    assert store.postings([5]) == [(5, "b")]
    assert store.get_story("s").articles == ["b"] and store.get_article("a").story is None
    assert store.get_article("a").text == "a"
