"""Hostile content: every page escapes it, no markup or script from the store reaches the page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import quote

from newsprism.web.app import CSP

from . import xss_corpus

# tags our templates produce; anything else in a page came from content
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "link", "script", "body", "header", "nav", "form", "input", "button", "main",
    "footer", "a", "h1", "h2", "h3", "p", "section", "ol", "ul", "li", "div", "span", "label", "select", "option",
    "table", "thead", "tbody", "tr", "th", "td", "svg", "line", "circle", "text", "time", "article", "dl", "dt",
    "dd", "code", "mark", "details", "summary", "pre", "blockquote", "br", "textarea", "progress",
    "rect", "b", "fieldset", "legend",   # the coverage bars; labels; the corrections form
}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_safe_page(res, where: str) -> None:  # type: ignore[no-untyped-def]
    assert res.headers.get("content-security-policy") == CSP, where
    assert res.headers.get("x-content-type-options") == "nosniff", where
    html = res.text
    for payload in xss_corpus.PAYLOADS:
        assert payload not in html, (where, payload)
    assert "window.__xss=1</script>" not in html, where
    parser = Tags()
    parser.feed(html)
    scripts = [a for t, a in parser.tags if t == "script"]
    assert scripts == [{"src": "/static/app.js", "defer": None}], (where, scripts)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, (where, tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, attrs)
            assert name != "style", (where, tag, attrs)       # CSP forbids inline style; none is needed
            if name in ("href", "src", "action") and value:
                low = value.strip().lower()
                assert not low.startswith(("javascript:", "data:", "vbscript:")), (where, tag, attrs)
                assert low.startswith(("/", "?", "#", "http://", "https://")), (where, tag, attrs)


def test_xss_corpus_is_in_the_store(client) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/articles/xss-00.json").json()
    assert xss_corpus.PAYLOADS[0] in data["article"]["text"]        # stored verbatim, escaped only on the way out
    assert xss_corpus.PAYLOADS[0] in data["article"]["title"]


def test_every_page_escapes_hostile_content(client) -> None:  # type: ignore[no-untyped-def]
    pages = ["/", "/add", "/docs", "/search?q=harbour", "/search?q=script+window", "/search?q=xss",
             "/stories/nope", "/articles/%3Cscript%3E"]
    home = client.get("/index.json").json()
    pages += [s["href"] for s in home["stories"]]
    pages += ["/?outlet=" + quote(o["name"]) for o in home["outlets"]]
    pages += ["/outlets/" + quote(o["name"], safe="") for o in home["outlets"]]
    for row in xss_corpus.rows():
        href = "/articles/" + quote(row["id"], safe="")
        pages += [href, href + "?hl=0-40"]
    for story in home["stories"]:
        for h in client.get(story["href"] + ".json").json()["headlines"]:
            pages.append(h["href"] + "?diff=" + quote("xss-01", safe=""))
    assert len(pages) > 40
    for url in pages:
        res = client.get(url)
        assert res.status_code in (200, 404), (url, res.status_code)
        assert_safe_page(res, url)


def test_hostile_urls_are_never_links(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/articles/xss-00").text       # url javascript:…
    assert 'href="javascript:' not in page.lower() and "javascript:window.__xss=1" in page   # shown as text
    page = client.get("/articles/xss-01").text       # url data:text/html,…
    assert 'href="data:' not in page.lower()
    page = client.get("/articles/xss-02").text       # https URL with markup in its query: a link, escaped
    assert 'href="https://example.com/a?x=&#34;&gt;&lt;script&gt;' in page


def test_weird_ids_round_trip(client) -> None:  # type: ignore[no-untyped-def]
    aid = 'xss/<b>id</b>?&"x'
    res = client.get("/articles/" + quote(aid, safe="") + ".json")
    assert res.status_code == 200 and res.json()["article"]["id"] == aid
    assert res.json()["href"] == "/articles/" + quote(aid, safe="")


def test_json_is_never_html(client) -> None:  # type: ignore[no-untyped-def]
    for url in ("/articles/xss-00.json", "/index.json", "/search.json?q=harbour", "/stories/nope.json"):
        res = client.get(url)
        assert res.headers["content-type"].startswith("application/json")
        assert res.headers["x-content-type-options"] == "nosniff"
        assert res.headers["content-security-policy"] == CSP


def test_static_and_errors_carry_headers(client) -> None:  # type: ignore[no-untyped-def]
    for url in ("/static/app.js", "/static/app.css", "/nope", "/openapi.json"):
        res = client.get(url)
        assert res.headers["content-security-policy"] == CSP, url
        assert res.headers["x-frame-options"] == "DENY", url


def test_hostile_upload_names_are_escaped(web_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An upload writes: it goes to a copy of the session store, which the read-only tests share."""
    import sqlite3

    from fastapi.testclient import TestClient

    from newsprism.web.app import create_app

    from .conftest import TOKEN

    copy = tmp_path / "store.db"
    with sqlite3.connect(web_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with TestClient(create_app(copy, TOKEN, extract_workers=0)) as client:
        _upload_hostile_name(client, TOKEN)


def _upload_hostile_name(client, TOKEN: str) -> None:  # type: ignore[no-untyped-def]
    name = '<img src=x onerror="window.__xss=1">.jsonl'
    res = client.post("/api/uploads", files=[("files", (name, b'{"id": "up-1", "text": "x"}\n', "text/plain"))],
                      headers={"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"})
    assert res.status_code == 202
    job = client.app.state.jobs.wait(res.json()["job"]["id"])
    assert re.fullmatch(r"01_[A-Za-z0-9._-]+\.jsonl", job["files"][0]["stored_as"])
    assert_safe_page(client.get(res.json()["href"]), "job page")
