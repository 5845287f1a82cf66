"""Corrections from the web (split, move, merge with the token) and from the library the CLI calls: each one
leaves every story it changed compared again from its current articles; a self-merge is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsprism.cluster import corrections
from newsprism.compare.stage import membership_key
from newsprism.errors import UsageError
from newsprism.store import SQLiteStore
from newsprism.web.app import create_app

from .conftest import TOKEN, build_store

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _cited(story: dict) -> set[str]:
    return {e["article"] for f in story["facts"] for e in f["evidence"]}


def _current(store: SQLiteStore, sid: str) -> bool:
    """Whether the story's stored comparison is of its current members."""
    story = store.get_story(sid)
    return story.compared == membership_key(list(store.iter_articles(story.articles)))


def test_corrections_recompute_the_comparison(tmp_path: Path) -> None:
    db = build_store(tmp_path, xss=False)
    store = SQLiteStore(db)
    with TestClient(create_app(db, TOKEN)) as c:
        sid = next(s for s in c.get("/index.json").json()["stories"] if "Maduro" in s["title"])["id"]
        before = c.get(f"/stories/{sid}.json").json()
        lone = next(h for h in before["headlines"] if not h["duplicate_of"] and h["outlet"] is None)["id"]
        assert lone in _cited(before)

        # split, through the API: both stories compared again, the old one no longer cites what left it
        res = c.post(f"/api/stories/{sid}/split", data={"article": lone}, headers=AUTH)
        assert res.status_code == 200, res.text
        new = res.json()["result"]
        after = c.get(f"/stories/{sid}.json").json()
        assert lone not in after["story"]["articles"] and lone not in _cited(after)
        assert after["source_count"] == before["source_count"] - 1
        assert _current(store, sid) and _current(store, new)

        # a story merged into itself is refused, by the web and by the library the CLI calls
        res = c.post(f"/api/stories/{sid}/merge", data={"other": sid}, headers=AUTH)
        assert res.status_code == 409 and res.json()["error"]["code"] == "self_merge"
        with pytest.raises(UsageError, match="itself"):
            corrections.merge(store, sid, [sid])

        # merge back: the comparison covers the article again
        res = c.post(f"/api/stories/{sid}/merge", data={"other": new}, headers=AUTH)
        assert res.status_code == 200, res.text
        merged = c.get(f"/stories/{sid}.json").json()
        assert lone in merged["story"]["articles"] and lone in _cited(merged) and _current(store, sid)
        assert c.get(f"/stories/{new}.json").status_code == 404

        # move (the library call behind `newsprism story move`): the source story is compared again too
        other = corrections.split(store, sid, [lone])
        corrections.move(store, [lone], sid)
        assert store.get_story(other) is None and _current(store, sid)

        # a browser form without the header: token first, answered with the story page
        res = c.post(f"/api/stories/{sid}/split", data={"token": TOKEN, "article": lone},
                     headers={"Accept": "text/html"}, follow_redirects=False)
        assert res.status_code == 303 and "corrected=split" in res.headers["location"]
        assert "was computed again" in c.get(res.headers["location"]).text
    store.close()
