"""The JSON API over a store analysed from the seeds, through an ASGI test client."""

from __future__ import annotations

from markupsafe import escape
import io
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from newsprism.store import SQLiteStore
from newsprism.types import Story
from newsprism.web.app import create_app

from .conftest import SEEDS, TOKEN, build_store


def test_home_lists_seeds_story(client, seeds_story) -> None:  # type: ignore[no-untyped-def]
    home = client.get("/index.json").json()
    assert home["counts"]["articles"] == 20 and home["counts"]["stories"] >= 2
    s = seeds_story
    assert s["articles"] == 5
    # a source is an article and its copies: 000 is a duplicate of 001, so five articles are four sources,
    # the same count on the home page, the story page and the facts
    assert s["sources"] == 4 and "CubaHeadlines" in s["outlets"]
    assert s["sources"] == len(s["outlets"]) + s["unnamed"]
    story = client.get(f"/stories/{s['id']}.json").json()
    assert story["source_count"] == 4 == len(story["sources"]) == len(story["naming"]["outlets"])
    assert all(len(f["cells"]) == 4 for f in story["facts"])
    assert f"4 sources" in client.get(f"/stories/{s['id']}").text
    html = client.get("/").text
    assert s["title"] in html
    if story["brief"]:                   # the brief's first sentence is the one-line summary
        assert s["brief"] == story["brief"][0]["sentence"]
    else:                                # no comparison: no brief, and nothing made up
        assert s["brief"] is None and "No brief yet" in html


def test_home_filters(client, seeds_story) -> None:  # type: ignore[no-untyped-def]
    only = client.get("/index.json", params={"outlet": "CubaHeadlines"}).json()
    assert [s["id"] for s in only["stories"]] == [seeds_story["id"]]
    assert client.get("/index.json", params={"since": "2025-11-01", "until": "2025-12"}).json()["stories"]
    assert not client.get("/index.json", params={"since": "2030"}).json()["stories"]
    assert not client.get("/index.json", params={"outlet": "No Such Outlet"}).json()["stories"]


def test_story_json_and_page(client, seeds_story) -> None:  # type: ignore[no-untyped-def]
    sid = seeds_story["id"]
    data = client.get(f"/stories/{sid}.json").json()
    assert data["id"] == sid and data["story"]["id"] == sid and len(data["headlines"]) == 5
    assert any("New York Times" in e["to"] for e in data["cites"]["edges"])
    page = client.get(f"/stories/{sid}")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for section in ("brief", "facts", "conflicts", "quotes", "naming", "timeline"):
        said = f"{'Timeline of events' if section == 'timeline' else section.capitalize()}: not computed yet"
        if data["compared"]:             # sections say what the comparison found, never "not computed"
            assert said not in page.text, section
        else:
            assert data[section] == [] and said in page.text, section
    for f in data["facts"]:
        assert str(escape(f["text"])) in page.text
    # each relayed sentence of the brief names who speaks in it
    for b in data["brief"]:
        if b["voice"] != "outlet":
            assert f"source: {escape(b['voice'])}</span>" in page.text, b
    for h in data["headlines"]:
        if h["title"]:
            assert h["title"] in page.text


def test_story_renders_comparison_sections(tmp_path: Path) -> None:
    """When the comparison has filled a story, every section renders it, and citations point at the span."""
    db = build_store(tmp_path, xss=False)
    store = SQLiteStore(db)
    sid = next(store.iter_stories()).id
    story = store.get_story(sid)
    arts = list(store.iter_articles(story.articles))
    a = next(x for x in arts if x.outlet == "CubaHeadlines")
    b = next(x for x in arts if x.outlet == "Al Mayadeen English")
    qa = a.text.split(".")[0].strip()
    qb = " ".join(b.text.split()[:8])
    ev_a, ev_b = {"article": a.id, "quote": qa}, {"article": b.id, "quote": qb}
    story.facts = [{"text": "The two leaders spoke by phone.", "outlets": [a.outlet, b.outlet], "consensus": False,
                    "evidence": [ev_a, ev_b], "left_out_by": ["Some Other Outlet"]},
                   {"text": "Only one outlet says this.", "outlets": [a.outlet], "consensus": False,
                    "evidence": [ev_a]}]
    story.conflicts = [{"kind": "date", "about": "when the call took place",
                        "variants": [{"value": "last week", "outlets": [b.outlet], "evidence": [ev_b]},
                                     {"value": "recently", "outlets": [a.outlet], "evidence": [ev_a]}]}]
    story.quotes = [{"speaker": "A spokesperson", "variants": [{"text": "first wording", "outlets": [a.outlet],
                                                                 "evidence": [ev_a]}]}]
    story.naming = [{"entity": "Nicolás Maduro", "by_outlet": {a.outlet: ["Maduro"], b.outlet: ["the Venezuelan leader"]}}]
    story.loaded_terms = [{"term": qa.split()[0], "outlet": a.outlet, "article": a.id, "quote": qa.split()[0]}]
    story.timeline = [{"date": "2025-11-21", "text": "The call", "evidence": [ev_b]}]
    story.brief = [{"sentence": "They spoke.", "sources": [ev_a, ev_b]}]
    store.put_story(story)
    store.close()
    with TestClient(create_app(db, TOKEN)) as c:
        data = c.get(f"/stories/{sid}.json").json()
        assert data["compared"] is True
        cells = {cell["outlet"]: cell["mark"] for cell in data["facts"][0]["cells"]}
        assert cells[a.outlet] == "reports" and cells[b.outlet] == "reports"
        assert data["facts"][1]["single_source"] is True
        src = data["brief"][0]["sources"][0]
        assert src["found"] and src["href"].startswith(f"/articles/{quote(a.id, safe='')}?hl=")
        start, end = src["span"]
        assert a.text[start:end] == qa
        page = c.get(f"/stories/{sid}").text
        for text in ("They spoke.", "single source", "when the call took place", "first wording",
                     "the Venezuelan leader", "2025-11-21"):
            assert text in page, text
        assert "not computed yet" not in page.split('id="loaded"')[0]
        art = c.get(src["href"].split("#")[0].replace("?", ".json?", 1)).json()
        assert art["highlight_text"] == qa
        assert art["marks"]["cited"] >= 1 and art["marks"]["loaded"] >= 0
        html = c.get(src["href"].split("#")[0]).text
        assert re.search(r'<mark id="hl" class="target"[^>]*>' + re.escape(qa.replace("&", "&amp;")), html)


def test_article_json_and_page(client, seeds_story) -> None:  # type: ignore[no-untyped-def]
    story = client.get(f"/stories/{seeds_story['id']}.json").json()
    dup = next(h for h in story["headlines"] if h["duplicate_of"])
    data = client.get(f"/articles/{dup['id']}.json").json()
    assert data["article"]["id"] == dup["id"] and data["article"]["duplicate_of"] == dup["duplicate_of"]
    assert data["raw"]["bytes"] > len(data["article"]["text"])      # the page dump as received, menus and all
    assert data["raw"]["text"] and data["raw"]["media_type"] == "text/plain"
    assert data["diff"]["other"]["id"] == dup["duplicate_of"] and data["diff"]["other"]["relation"] == "duplicate"
    assert any(b["op"] == "equal" for b in data["diff"]["blocks"])
    other = next(h for h in story["headlines"] if h["id"] not in (dup["id"], dup["duplicate_of"]))
    d2 = client.get(f"/articles/{dup['id']}.json", params={"diff": other["id"]}).json()
    assert d2["diff"]["other"]["id"] == other["id"] and d2["diff"]["other"]["relation"] == "same story"
    hl = client.get(f"/articles/{dup['id']}.json", params={"hl": "0-10"}).json()
    assert hl["highlight_text"] == data["article"]["text"][:10]
    page = client.get(f"/articles/{dup['id']}", params={"hl": "0-10"}).text
    assert '<mark id="hl" class="target"' in page and "Raw input as received" in page


def test_outlet(client) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/outlets/CubaHeadlines.json").json()
    assert data["name"] == "CubaHeadlines" and len(data["articles"]) == 1 and data["stories"]
    assert data["profile"] is None
    page = client.get("/outlets/" + quote("Al Mayadeen English")).text
    assert "The New York Times" in page


def test_outlet_profiles(tmp_path: Path, web_db: Path) -> None:
    profiles = tmp_path / "outlets.toml"
    profiles.write_text('["CubaHeadlines"]\ncountry = "US"\nowner = "<b>Owner</b>"\nlean = "right"\n')
    with TestClient(create_app(web_db, TOKEN, outlets_file=profiles)) as c:
        data = c.get("/outlets/CubaHeadlines.json").json()
        assert data["profile"] == {"country": "US", "owner": "<b>Owner</b>", "lean": "right"}
        page = c.get("/outlets/CubaHeadlines").text
        assert "&lt;b&gt;Owner&lt;/b&gt;" in page and "<b>Owner</b>" not in page


def test_search(client, seeds_story) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/search.json", params={"q": "maduro phone"}).json()
    assert data["articles"] and all(a["story"] for a in data["articles"])
    assert any(seg["hit"] for a in data["articles"] for seg in a["snippet_segments"])
    assert seeds_story["id"] in {s["id"] for s in data["stories"]}
    # diacritics folded; prefix search; outlet filter; operators in the query are words, not syntax
    assert client.get("/search.json", params={"q": "nicolas"}).json()["articles"]
    assert client.get("/search.json", params={"q": "madu*"}).json()["articles"]
    only = client.get("/search.json", params={"q": "maduro", "outlet": "CubaHeadlines"}).json()["articles"]
    assert {a["outlet"] for a in only} == {"CubaHeadlines"}
    assert client.get("/search.json", params={"q": 'maduro OR "NEAR( -'}).status_code == 200
    assert not client.get("/search.json", params={"q": "zzzqqqxxx"}).json()["articles"]
    page = client.get("/search", params={"q": "maduro"}).text
    assert "<mark>" in page


def test_search_sees_new_articles(tmp_path: Path) -> None:
    """The FTS index follows the store: an article written after the app started is found."""
    db = build_store(tmp_path, xss=False)
    with TestClient(create_app(db, TOKEN)) as c:
        assert not c.get("/search.json", params={"q": "zanzibarian"}).json()["articles"]
        from newsprism.pipeline import Pipeline, analyze

        row = tmp_path / "new.jsonl"
        row.write_text('{"id": "n1", "title": "Zanzibarian ferry", "text": "A zanzibarian ferry sailed."}\n')
        store = SQLiteStore(db)
        analyze([str(row)], store, pipeline=Pipeline(config={"extract": {"workers": 0}}))
        store.close()
        hits = c.get("/search.json", params={"q": "zanzibarian"}).json()
        assert [a["id"] for a in hits["articles"]] == ["n1"] and hits["stories"]


def test_openapi_and_docs(client) -> None:  # type: ignore[no-untyped-def]
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    for p in ("/index.json", "/stories/{story_id}.json", "/articles/{article_id}.json", "/outlets/{name}.json",
              "/search.json", "/api/uploads", "/jobs/{job_id}.json"):
        assert p in paths, p
    assert "ErrorBody" in schema["components"]["schemas"]
    assert "/api/uploads" in client.get("/docs").text


# -- writes ------------------------------------------------------------------------------------
def _files(*names: str) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (n, (SEEDS / n).read_bytes(), "text/plain")) for n in names]


def test_upload_analyses_into_the_store(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    app = create_app(db, TOKEN, extract_workers=0)
    with TestClient(app) as c:
        res = c.post("/api/uploads", files=_files("002_4e51e1ef91b04f06.txt", "004_937bba91dd371ac9.txt"),
                     headers={"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"})
        assert res.status_code == 202, res.text
        job_id = res.json()["job"]["id"]
        job = app.state.jobs.wait(job_id, timeout=120)
        assert job["state"] == "done", job
        status = c.get(f"/jobs/{job_id}.json").json()["job"]
        assert status["done"] and len(status["articles"]) == 2 and status["stories"]
        assert status["progress"].get("extract") == 2
        aid = status["articles"][0]["id"]
        assert c.get(f"/articles/{aid}.json").status_code == 200
        # the home page shows the story's stored (neutral) title, the one its page shows
        title = c.get(f"/stories/{status['stories'][0]['id']}.json").json()["title"]
        assert "Maduro" in title and str(escape(title)) in c.get("/").text
        # the form field works too, and a browser form post is redirected to the job page; URLs go to
        # the ingest stage, which refuses loopback targets (no SSRF through the web UI)
        url = "http://127.0.0.1:9/secret"
        res = c.post("/api/uploads", data={"token": TOKEN, "urls": url},
                     headers={"Accept": "text/html"}, follow_redirects=False)
        assert res.status_code == 303 and res.headers["location"].startswith("/jobs/")
        job = app.state.jobs.wait(res.headers["location"].rsplit("/", 1)[1], timeout=60)
        assert job["done"] and not job["articles"]
        assert [e["source"] for e in job["errors"]] == [url] and job["errors"][0]["code"].startswith("NP")
        assert "127.0.0.1:9/secret" in c.get(res.headers["location"]).text


def test_upload_file_names_are_harmless(tmp_path: Path) -> None:
    from newsprism.web.jobs import safe_name

    assert safe_name("../../etc/passwd", 1) == "01_passwd"
    assert safe_name("..\\..\\x.html", 2) == "02_x.html"
    assert safe_name("<script>.txt", 3) == "03_script_.txt"


# -- one error shape on every route ------------------------------------------------------------
def _limited(tmp_path: Path) -> TestClient:
    return TestClient(create_app(tmp_path / "l.db", TOKEN, max_upload_files=2, max_upload_file_bytes=1000,
                                 max_upload_bytes=4000))


ERRORS = [
    ("get", "/stories/nope.json", {}, 404, "story_not_found"),
    ("get", "/articles/nope.json", {}, 404, "article_not_found"),
    ("get", "/outlets/Nobody.json", {}, 404, "outlet_not_found"),
    ("get", "/jobs/nope.json", {}, 404, "job_not_found"),
    ("get", "/search.json", {}, 400, "bad_query"),
    ("get", "/search.json?q=", {}, 400, "bad_query"),
    ("get", "/search.json?q=%20%20%20", {}, 400, "bad_query"),
    ("get", "/search.json?q=" + "a" * 201, {}, 400, "bad_query"),
    ("get", "/search.json?q=x&since=yesterday", {}, 400, "bad_date"),
    ("get", "/index.json?until=2024-1-5", {}, 400, "bad_date"),
    ("get", "/index.json?until=2024-13-99-12345", {}, 422, "invalid_request"),
    ("get", "/index.json?page=0", {}, 400, "bad_page"),
    ("get", "/index.json?page=abc", {}, 422, "invalid_request"),
    ("get", "/outlets/CubaHeadlines.json?page=-1", {}, 400, "bad_page"),
    ("get", "/nothing-here.json", {}, 404, "not_found"),
    ("get", "/api/nothing", {}, 404, "not_found"),
    ("get", "/api/uploads", {}, 405, "method_not_allowed"),
    ("post", "/api/uploads", {"files": [("files", ("a.txt", b"hello", "text/plain"))]}, 401, "token_required"),
    ("post", "/api/uploads", {"files": [("files", ("a.txt", b"hello", "text/plain"))],
                              "headers": {"Authorization": "Bearer wrong"}}, 401, "bad_token"),
    ("post", "/api/uploads", {"data": {"token": TOKEN}, "files": [("files", ("a.txt", b"", "text/plain"))]},
     400, "nothing_to_add"),
    ("post", "/api/uploads", {"content": b"{}", "headers": {"Content-Type": "application/json"}}, 415,
     "unsupported_media_type"),
    ("post", "/api/uploads", {"data": {"token": TOKEN, "urls": "javascript:alert(1)"}}, 400, "bad_url"),
    ("post", "/api/uploads", {"data": {"urls": "https://example.org/", "token": TOKEN}}, 401, "token_required"),
    ("get", "/stories/nope.csv", {}, 404, "story_not_found"),
    ("get", "/stories.atom?page=x", {}, 200, None),
    ("post", "/api/stories/nope/split", {"data": {"token": TOKEN, "article": "a"}}, 404, "story_not_found"),
    ("post", "/api/stories/nope/move", {"data": {"article": "a"}}, 401, "token_required"),
    ("post", "/api/stories/nope/merge", {"data": {"token": "wrong", "other": "x"}}, 401, "bad_token"),
]


@pytest.mark.parametrize(("method", "url", "kwargs", "status", "code"), ERRORS,
                         ids=[f"{m} {u[:40]} {s}" for m, u, _, s, _ in ERRORS])
def test_error_shape(client, method, url, kwargs, status, code) -> None:  # type: ignore[no-untyped-def]
    res = getattr(client, method)(url, **kwargs)
    if code is None:        # a route without an error case of its own (the feed takes no parameters)
        assert res.status_code == status
        return
    _assert_error(res, status, code)
    if status == 405:       # says what the path does accept
        assert res.headers["allow"]


def _assert_error(res, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    assert res.status_code == status, res.text
    assert res.headers["content-type"].startswith("application/json")
    body = res.json()
    assert set(body) == {"ok", "error", "status"} and body["ok"] is False and body["status"] == status
    assert set(body["error"]) == {"code", "message"} and body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert "content-security-policy" in res.headers


def test_error_shape_upload_limits(tmp_path: Path) -> None:
    with _limited(tmp_path) as c:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        big = [("files", ("big.txt", b"x" * 1001, "text/plain"))]
        _assert_error(c.post("/api/uploads", files=big, headers=auth), 413, "file_too_large")
        many = [("files", (f"{i}.txt", b"x", "text/plain")) for i in range(3)]
        _assert_error(c.post("/api/uploads", files=many, headers=auth), 413, "too_many_files")
        huge = [("files", ("huge.txt", b"x" * 5000, "text/plain"))]
        _assert_error(c.post("/api/uploads", files=huge, headers=auth), 413, "upload_too_large")
        # over the limit without declaring a length (chunked): refused while reading
        def chunks():  # type: ignore[no-untyped-def]
            for _ in range(10):
                yield b"x" * 1000
        res = c.post("/api/uploads", content=chunks(),
                     headers={**auth, "Content-Type": "multipart/form-data; boundary=zzz"})
        _assert_error(res, 413, "upload_too_large")


def test_html_errors_are_pages_with_the_same_code(client) -> None:  # type: ignore[no-untyped-def]
    res = client.get("/stories/nope")
    assert res.status_code == 404 and "text/html" in res.headers["content-type"] and "story_not_found" in res.text
    res = client.get("/stories/nope", headers={"Accept": "application/json"})
    assert res.json()["error"]["code"] == "story_not_found"


def test_host_allow_list(web_db: Path) -> None:
    with TestClient(create_app(web_db, TOKEN, allowed_hosts=["127.0.0.1", "localhost", "::1"]),
                    base_url="http://127.0.0.1:8080") as c:
        assert c.get("/index.json").status_code == 200
        for good in ("127.0.0.1", "localhost:80", "[::1]:8080", "LOCALHOST"):
            assert c.get("/index.json", headers={"Host": good}).status_code == 200, good
        # userinfo, a second port, a path, a bad port: none is a host name, whatever name it ends or starts with
        for bad in ("evil.example", "127.0.0.1:1@evil.com", "evil.com@127.0.0.1", "127.0.0.1:80:80",
                    "127.0.0.1/x", "127.0.0.1:99999", "[::1", "", "127.0.0.1 evil.com"):
            _assert_error(c.get("/index.json", headers={"Host": bad}), 400, "bad_host")


def _asgi_post(app, path: str, headers: list[tuple[bytes, bytes]], chunks: list[bytes]) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """POST through the ASGI app itself; (status, body chunks the app asked for)."""
    import asyncio

    pulled = 0
    status = 0

    async def receive():  # type: ignore[no-untyped-def]
        nonlocal pulled
        if pulled < len(chunks):
            pulled += 1
            return {"type": "http.request", "body": chunks[pulled - 1], "more_body": pulled < len(chunks)}
        return {"type": "http.disconnect"}

    async def send(message):  # type: ignore[no-untyped-def]
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"127.0.0.1"), *headers], "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    asyncio.run(app(scope, receive, send))
    return status, pulled


def test_upload_body_is_not_read_before_the_token(tmp_path: Path) -> None:
    """A wrong or missing token is refused before the body is read or parsed (a malformed body is never seen)."""
    app = create_app(tmp_path / "t.db", TOKEN)
    junk = [b"--zzz\r\nnot a multipart body at all" + b"x" * 60_000] + [b"y" * 65_536] * 50
    multipart = [(b"content-type", b"multipart/form-data; boundary=zzz")]
    status, pulled = _asgi_post(app, "/api/uploads", [*multipart, (b"authorization", b"Bearer wrong")], junk)
    assert (status, pulled) == (401, 0)
    # no header: only the leading field is looked at, and a body that does not open with the token is refused
    status, pulled = _asgi_post(app, "/api/uploads", multipart, junk)
    assert status == 401 and pulled == 1
    form = [(b"content-type", b"application/x-www-form-urlencoded")]
    status, pulled = _asgi_post(app, "/api/stories/x/split", form, [b"article=a&" * 10_000, b"token=" + TOKEN.encode()])
    assert status == 401 and pulled == 1
    # the right token first: then the body is read (and here found to hold nothing to add)
    body = (f"--zzz\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n{TOKEN}\r\n--zzz--\r\n").encode()
    assert _asgi_post(app, "/api/uploads", multipart, [body]) == (400, 1)


def test_serve_cli_help() -> None:
    from click.testing import CliRunner

    from newsprism.cli import cli

    res = CliRunner().invoke(cli, ["serve", "--help"])
    assert res.exit_code == 0 and "--token" in res.output and "127.0.0.1" in res.output
    assert io  # keep the import for type checkers


def test_story_csv_and_atom_feed(client, seeds_story) -> None:  # type: ignore[no-untyped-def]
    import csv as csv_mod

    import feedparser

    sid = seeds_story["id"]
    story = client.get(f"/stories/{sid}.json").json()
    res = client.get(f"/stories/{sid}.csv")
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
    rows = list(csv_mod.DictReader(io.StringIO(res.text)))
    facts = [r for r in rows if r["section"] == "fact"]
    assert len(facts) == len(story["facts"]) * story["source_count"]           # facts × sources
    assert {r["source"] for r in facts} == {s["label"] for s in story["sources"]}
    assert {r["value"] for r in facts} <= {"reports", "left out", "absent"}
    assert sum(r["section"] == "conflict" for r in rows) == sum(len(c["variants"]) for c in story["conflicts"])
    assert sum(r["section"] == "quote" for r in rows) == sum(len(q["variants"]) for q in story["quotes"])
    assert not any(r[k][:1] and r[k][:1] in "=+-@" for r in rows for k in ("item", "source", "value", "quote"))

    home = client.get("/").text
    assert 'href="/stories.atom"' in home and 'type="application/atom+xml"' in home
    res = client.get("/stories.atom")
    assert res.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(res.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10" and feed.feed.title
    listed = client.get("/index.json").json()["stories"]
    assert [e.link for e in feed.entries] == [f"http://testserver{s['href']}" for s in listed]
    entry = next(e for e in feed.entries if e.link.endswith(sid))
    assert entry.title == seeds_story["title"] and entry.updated_parsed and "4 sources" in entry.summary


def test_a_story_page_says_why_parts_are_thin(client) -> None:  # type: ignore[no-untyped-def]
    """``citations.notes`` (one outlet only, no quotes, no dates, no brief …) are shown under the story's header,
    escaped, on every story that has them: a reader sees why a section is empty."""
    from markupsafe import escape

    shown = 0
    for s in client.get("/index.json").json()["stories"]:
        data = client.get(f"/stories/{s['id']}.json").json()
        stored = [n["message"] for n in (data["story"].get("citations") or {}).get("notes") or []]
        assert data["notes"] == stored
        page = client.get(f"/stories/{s['id']}").text
        for n in stored:
            assert f"<li>Note: {escape(n)}</li>" in page
        shown += bool(stored)
    assert shown
