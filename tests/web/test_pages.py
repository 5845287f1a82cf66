"""Home and outlet pages under writes, the outlet's naming from the comparison, upload progress,
and the one error shape on every JSON route."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsprism.store import SQLiteStore
from newsprism.types import Article, Story, StoryMember
from newsprism.web.app import create_app

from .conftest import SEEDS, TOKEN, build_store
from .test_api import ERRORS, _assert_error


def test_home_follows_writes_and_pages(tmp_path: Path) -> None:
    """Stories and outlet counts written after the app started show up on the next request; pages partition."""
    db = tmp_path / "s.db"
    with TestClient(create_app(db, TOKEN)) as c:
        assert c.get("/index.json").json()["stories"] == []
        store = SQLiteStore(db)
        for i in range(120):
            store.put_story(Story(id=f"s{i:03d}", title=f"Harbour story {i}"))
            store.db.execute("UPDATE stories SET updated = ? WHERE id = ?", (f"2026-02-01T00:{i // 60:02d}:{i % 60:02d}Z",
                                                                             f"s{i:03d}"))
            store.put_article(Article(id=f"a{i:03d}", source="s", input_sha256=f"h{i}", text="t",
                                      outlet="Pier Times" if i % 3 else "Dock Daily", story=f"s{i:03d}",
                                      published=f"2025-0{1 + i % 9}-15"))
        home = c.get("/index.json").json()
        assert home["counts"] == {"articles": 120, "stories": 120}
        assert home["outlets"] == [{"name": "Pier Times", "articles": 80}, {"name": "Dock Daily", "articles": 40}]
        pages = [c.get("/index.json", params={"page": p}).json() for p in (1, 2, 3)]
        ids = [s["id"] for p in pages for s in p["stories"]]
        assert ids == [f"s{i:03d}" for i in range(119, -1, -1)]
        assert [p["more"] for p in pages] == [True, True, False]
        dock = c.get("/index.json", params={"outlet": "Dock Daily", "since": "2025-03", "until": "2025-04"}).json()
        assert [s["id"] for s in dock["stories"]] == [f"s{i:03d}" for i in range(119, -1, -1)
                                                        if i % 3 == 0 and i % 9 == 2]
        # one more article by a new outlet and a story touched again: both on the very next request
        store.put_article(Article(id="late", source="s", input_sha256="late", text="t", outlet="Quay Post",
                                  story="s000", published="2025-01-20"))
        store.db.execute("UPDATE stories SET updated = '2026-03-01T00:00:00Z' WHERE id = 's000'")
        home = c.get("/index.json").json()
        assert home["stories"][0]["id"] == "s000" and home["stories"][0]["outlets"] == ["Dock Daily", "Quay Post"]
        assert {"name": "Quay Post", "articles": 1} in home["outlets"] and home["counts"]["articles"] == 121
        assert "Quay Post" in c.get("/").text
        store.close()


def test_outlet_page_naming_from_the_comparison(tmp_path: Path) -> None:
    db = build_store(tmp_path, xss=False)
    store = SQLiteStore(db)
    story = next(s for s in store.iter_stories() if "CubaHeadlines" in {a.outlet for a in store.iter_articles(s.articles)})
    with TestClient(create_app(db, TOKEN)) as c:
        before = c.get("/outlets/CubaHeadlines.json").json()
        assert story.id in {s["id"] for s in before["stories"]}
        story.naming = [{"entity": "Nicolás Maduro", "by_outlet": {"CubaHeadlines": ["Maduro", "the <b>leader</b>"],
                                                                   "Other": ["Mr. Maduro"]}}]
        store.put_story(story)
        after = c.get("/outlets/CubaHeadlines.json").json()
        assert after["naming"] == [{"entity": "Nicolás Maduro", "names": ["Maduro", "the <b>leader</b>"]}]
        assert after["compared"] is True
        page = c.get("/outlets/CubaHeadlines").text
        assert "the &lt;b&gt;leader&lt;/b&gt;" in page and "Mr. Maduro" not in page
        story.naming, story.facts, story.brief, story.timeline = [], [], [], []
        story.conflicts, story.quotes, story.loaded_terms, story.numbers = [], [], [], []
        story.citations = {}
        store.put_story(story)
        bare = c.get("/outlets/CubaHeadlines.json").json()
        assert bare["naming"] == [] and bare["compared"] is False
        assert "Naming: not computed yet" in c.get("/outlets/CubaHeadlines").text
    store.close()


def test_upload_progress_is_reported_while_it_runs(tmp_path: Path) -> None:
    """The job's progress is visible before it ends, counts up per stage, and ends at the total."""
    app = create_app(tmp_path / "p.db", TOKEN, extract_workers=0)
    seeds = sorted(SEEDS.iterdir())
    files = [("files", (f"{i:02d}_{p.name}", p.read_bytes(), "text/plain")) for i, p in enumerate(seeds * 4)]
    with TestClient(app) as c:
        res = c.post("/api/uploads", files=files, headers={"Authorization": f"Bearer {TOKEN}"})
        assert res.status_code == 202, res.text
        url = f"/jobs/{res.json()['job']['id']}.json"
        seen = []
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            job = c.get(url).json()["job"]
            seen.append((job["state"], job["progress"].get("extract", 0)))
            if job["done"]:
                break
            time.sleep(0.02)
        assert job["state"] == "done" and job["total"] == len(files) == job["progress"]["extract"]
        running = [n for state, n in seen if state == "running"]
        assert any(0 < n < len(files) for n in running), seen           # seen part way through
        assert running == sorted(running)                                # never goes back
        assert re.search(r"extract: 20", c.get(url.removesuffix(".json")).text)


def test_every_json_route_has_an_error_case() -> None:
    """The error-shape table covers each JSON route the OpenAPI schema lists."""
    schema = TestClient(create_app(":memory:", TOKEN)).get("/openapi.json").json()
    for path in schema["paths"]:
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^?]+", re.escape(path)) + r"(\?|$)")
        assert any(pattern.match(url) for _, url, *_ in ERRORS), path


def test_article_errors(client) -> None:  # type: ignore[no-untyped-def]
    aid = client.get("/index.json").json()["stories"][0]["id"]
    article = client.get(f"/stories/{aid}.json").json()["headlines"][0]["id"]
    _assert_error(client.get(f"/articles/{article}.json", params={"hl": "9to2"}), 400, "bad_highlight")
    # well formed but not a span of this text (an old link): the article, unmarked, and why
    shown = client.get(f"/articles/{article}.json", params={"hl": "9-2"}).json()
    assert shown["highlight"] is None and "not a span of this text" in shown["highlight_problem"]
    _assert_error(client.get(f"/articles/{article}.json", params={"diff": "nope"}), 404, "article_not_found")


def test_outlet_profiles_from_json(tmp_path: Path) -> None:
    """Profiles come from the user's file, as an object by name or a list of objects with a name."""
    from newsprism.web.app import load_profiles

    by_name = tmp_path / "outlets.json"
    by_name.write_text('{"Dock Daily": {"country": "NO", "owner": "Harbour Trust", "lean": "centre", "staff": 12}}')
    listed = tmp_path / "list.json"
    listed.write_text('[{"name": "Dock Daily", "country": "NO"}, {"country": "nameless"}, "junk"]')
    assert load_profiles(by_name) == {"Dock Daily": {"country": "NO", "owner": "Harbour Trust", "lean": "centre",
                                                     "staff": 12}}
    assert load_profiles(listed) == {"Dock Daily": {"country": "NO"}}
    db = tmp_path / "s.db"
    store = SQLiteStore(db)
    store.put_article(Article(id="d1", source="s", input_sha256="d1", text="t", outlet="Dock Daily"))
    store.close()
    with TestClient(create_app(db, TOKEN, outlets_file=by_name)) as c:
        data = c.get("/outlets/Dock%20Daily.json").json()
        assert data["profile"] == {"country": "NO", "owner": "Harbour Trust", "lean": "centre", "staff": 12}
        assert "Harbour Trust" in c.get("/outlets/Dock%20Daily").text
        assert c.get("/outlets/Unknown%20Gazette.json").status_code == 404
    bad = tmp_path / "bad.json"
    bad.write_text('"just a string"')
    with pytest.raises(ValueError, match="outlet name"):
        load_profiles(bad)


def test_story_page_shows_its_storyline(tmp_path: Path) -> None:
    """A story linked to others of its thread lists them, with the link's score and shared names (escaped)."""
    db = tmp_path / "s.db"
    store = SQLiteStore(db)
    for sid, title in (("s1", "Perry ad on faith"), ("s2", "Sheriff endorses <b>Perry</b>"), ("s3", "Snow closes schools")):
        store.put_story(Story(id=sid, title=title))
    store.link_stories("s1", "s2", 0.38, {"shared_entities": ["rick perry", "<script>texas"]})
    store.close()
    with TestClient(create_app(db, TOKEN)) as c:
        page = c.get("/stories/s1").text
        assert 'id="storyline"' in page and 'href="/stories/s2"' in page and "0.38" in page
        assert "Sheriff endorses &lt;b&gt;Perry&lt;/b&gt;" in page and "&lt;script&gt;texas" in page
        assert "<script>texas" not in page
        assert 'id="storyline"' not in c.get("/stories/s3").text


def test_the_documented_outlet_profiles_load_and_show(tmp_path: Path) -> None:
    """docs/outlets.example.toml loads, states no lean (the user's to supply), and shows beside its source."""
    from newsprism.web.app import load_profiles

    example = Path(__file__).resolve().parents[2] / "docs" / "outlets.example.toml"
    profiles = load_profiles(example)
    assert len(profiles) >= 15 and not any("lean" in p for p in profiles.values())
    assert profiles["Space.com"] == {"owner": "Future US, Inc.", "country": "US"}
    db = tmp_path / "p.db"
    store = SQLiteStore(db)
    store.put_story(Story(id="s1", title="Harbour"))
    for aid, outlet in (("a1", "Space.com"), ("a2", "Wired")):
        store.put_article(Article(id=aid, source=f"{aid}.txt", input_sha256=aid, text="The harbour reopened.",
                                  outlet=outlet, story="s1"))
        store.add_member("s1", StoryMember(article=aid, score=0.9))
    store.close()
    with TestClient(create_app(db, TOKEN, outlets_file=example)) as c:
        story = c.get("/stories/s1.json").json()
        assert {s["label"]: s["profile"] for s in story["sources"]} == {
            "Space.com": {"country": "US", "owner": "Future US, Inc."}, "Wired": {"owner": "Condé Nast"}}
        assert "Future US, Inc." in c.get("/stories/s1").text
