"""The web app over a PostgreSQL store: the same pages and search (tsvector) as over SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsprism.web.app import create_app

from .conftest import SEEDS, TOKEN, build_store

QUERIES = ["maduro phone", "nicolas", "madu*", "trump", 'maduro OR "NEAR( -', "zzzqqqxxx", "script"]


@pytest.fixture(scope="module")
def pg_client(pg_server, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    url = build_store(tmp_path_factory.mktemp("webpg"), xss=True, url=pg_server.new_database())
    app = create_app(url, TOKEN, extract_workers=0)
    with TestClient(app) as c:
        yield c


@pytest.mark.slow
def test_search_on_postgres(pg_client, client) -> None:  # type: ignore[no-untyped-def]
    """Search finds the same articles and stories on PostgreSQL as on SQLite, highlighted the same way."""
    data = pg_client.get("/search.json", params={"q": "maduro phone"}).json()
    assert data["articles"] and all(a["story"] for a in data["articles"])
    assert any(seg["hit"] and seg["text"].lower() in ("maduro", "phone")
               for a in data["articles"] for seg in a["snippet_segments"])
    assert any("Maduro" in s["title"] for s in data["stories"])
    only = pg_client.get("/search.json", params={"q": "maduro", "outlet": "CubaHeadlines"}).json()["articles"]
    assert only and {a["outlet"] for a in only} == {"CubaHeadlines"}
    assert not pg_client.get("/search.json", params={"q": "maduro", "since": "2030"}).json()["articles"]
    for q in QUERIES:
        pg, lite = (c.get("/search.json", params={"q": q}) for c in (pg_client, client))
        assert pg.status_code == lite.status_code == 200, q
        assert {a["id"] for a in pg.json()["articles"]} == {a["id"] for a in lite.json()["articles"]}, q
        assert {s["id"] for s in pg.json()["stories"]} == {s["id"] for s in lite.json()["stories"]}, q
    assert pg_client.get("/search.json", params={"q": "   "}).status_code == 400
    page = pg_client.get("/search", params={"q": "maduro"}).text
    assert "<mark>" in page and "<script>alert" not in page


@pytest.mark.slow
def test_pages_on_postgres(pg_client, client) -> None:  # type: ignore[no-untyped-def]
    """Home, story, article and outlet JSON are the same on both backends."""
    home, lite = pg_client.get("/index.json").json(), client.get("/index.json").json()
    assert home["counts"] == lite["counts"] == {"articles": 20, "stories": lite["counts"]["stories"]}
    assert sorted(s["id"] for s in home["stories"]) == sorted(s["id"] for s in lite["stories"])
    story = next(s for s in home["stories"] if "Maduro" in s["title"])
    assert pg_client.get(f"/stories/{story['id']}.json").json() == client.get(f"/stories/{story['id']}.json").json()
    article = pg_client.get(f"/stories/{story['id']}.json").json()["story"]["articles"][0]
    assert pg_client.get(f"/articles/{article}.json").json() == client.get(f"/articles/{article}.json").json()
    assert pg_client.get("/outlets/CubaHeadlines.json").json() == client.get("/outlets/CubaHeadlines.json").json()


@pytest.mark.slow
def test_upload_into_postgres(pg_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An upload's background job analyses into the PostgreSQL store; search sees it at once."""
    app = create_app(pg_server.new_database(), TOKEN, extract_workers=0)
    with TestClient(app) as c:
        assert not c.get("/search.json", params={"q": "maduro"}).json()["articles"]
        name = "002_4e51e1ef91b04f06.txt"
        res = c.post("/api/uploads", files=[("files", (name, (SEEDS / name).read_bytes(), "text/plain"))],
                     headers={"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"})
        assert res.status_code == 202, res.text
        job = app.state.jobs.wait(res.json()["job"]["id"], timeout=300)
        assert job["state"] == "done" and len(job["articles"]) == 1, job
        hits = c.get("/search.json", params={"q": "secret phone"}).json()
        assert [a["id"] for a in hits["articles"]] == [job["articles"][0]["id"]] and hits["stories"]
