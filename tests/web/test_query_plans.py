"""The article and story pages read the store on its indexes: no query of theirs scans the articles table.

Guards the article page's regression (p95 187 ms at 100,000 articles against 38 ms for the story page):
most articles have no ``duplicate_of``, ANALYZE then judges its index useless, and the lookup of an
article's copies walked the whole table in ``seq`` order. Checked by query plan, not by time.
"""

from __future__ import annotations

from pathlib import Path

from newsprism.store import SQLiteStore
from newsprism.types import Article, Story, StoryMember
from newsprism.web import views

N = 3000


def _store(tmp_path: Path) -> SQLiteStore:
    store = SQLiteStore(tmp_path / "plans.db")
    with store.transaction():
        for i in range(N):
            sid = f"s{i // 6}"
            store.put_article(Article(id=f"a{i:05d}", source=f"f{i}.txt", input_sha256=f"h{i}",
                                      text=f"Harbour story {i}. The council met on Tuesday.", title=f"Story {i}",
                                      outlet=f"Outlet {i % 40}", published=f"2025-0{1 + i % 9}-1{i % 10}",
                                      duplicate_of=f"a{i - 1:05d}" if i % 500 == 1 else None, story=sid))
        for s in range(N // 6):
            store.put_story(Story(id=f"s{s}", title=f"Story {s}"))
            for i in range(s * 6, s * 6 + 6):
                store.add_member(f"s{s}", StoryMember(article=f"a{i:05d}", score=0.8, joined_at=i))
    store.db.execute("ANALYZE")     # as PRAGMA optimize does on a store in use: NULLs look like one value
    return store


def _plans(store: SQLiteStore, fn) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    try:
        fn()
    finally:
        store.db.set_trace_callback(None)
    out = []
    for sql in statements:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            plan = " / ".join(r[3] for r in store.db.execute("EXPLAIN QUERY PLAN " + sql))
            out.append((sql, plan))
    return out


def test_article_and_story_pages_never_scan_articles(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert store.db.execute("SELECT stat FROM sqlite_stat1 WHERE idx = 'articles_duplicate_of'").fetchone()
    for fn in (lambda: views.article(store, "a01500"), lambda: views.article(store, "a01501"),
               lambda: views.story(store, "s250")):
        plans = _plans(store, fn)
        assert plans, "no query traced"
        scans = [(sql, plan) for sql, plan in plans if "SCAN articles" in plan]
        assert not scans, scans
    assert store.duplicates_of("a01500") == ["a01501"]
    store.close()
