"""`newsprism feeds …` and `newsprism watch --once`: OPML in and out, conditional GET, incremental analysis."""

from __future__ import annotations

import json
from pathlib import Path

from loopback import conditional, dev_pages, opml, rss, server, site  # noqa: F401  (fixtures)

from conftest import report_of, run_cli


def test_feeds_add_list_export_import_remove(db: Path, tmp_path: Path) -> None:
    assert run_cli("feeds", "add", "https://a.test/rss.xml", "--title", "A", "--db", str(db)).returncode == 0
    again = run_cli("feeds", "add", "https://a.test/rss.xml", "--db", str(db))
    assert "already followed" in again.stdout
    assert run_cli("feeds", "add", "not-a-url", "--db", str(db)).returncode == 2
    listing = tmp_path / "in.opml"
    listing.write_bytes(opml(["https://b.test/atom.xml", "https://a.test/rss.xml", "ftp://c.test/x"]))
    imported = run_cli("feeds", "import", str(listing), "--db", str(db))
    assert imported.returncode == 0 and imported.stdout.startswith("1 feed(s) added, 1 already followed")
    rows = json.loads(run_cli("feeds", "list", "--json", "--db", str(db)).stdout)
    assert [r["url"] for r in rows] == ["https://a.test/rss.xml", "https://b.test/atom.xml"]
    assert rows[0]["title"] == "A" and rows[0]["last_polled"] is None
    out = tmp_path / "out.opml"
    assert run_cli("feeds", "export", str(out), "--db", str(db)).returncode == 0
    from newsprism.ingest.feeds import read_opml

    assert [u for u, _ in read_opml(out.read_bytes())] == ["https://a.test/rss.xml", "https://b.test/atom.xml"]
    assert read_opml(run_cli("feeds", "export", "--db", str(db)).stdout.encode()) == read_opml(out.read_bytes())
    assert "removed" in run_cli("feeds", "remove", "https://b.test/atom.xml", "--db", str(db)).stdout
    bad = tmp_path / "bad.opml"
    bad.write_bytes(b"<opml><body><outline")
    proc = run_cli("feeds", "import", str(bad), "--db", str(db))
    assert proc.returncode == 1 and "NP116" in proc.stderr


def test_watch_once_incremental_with_conditional_get(site, db: Path) -> None:
    pages = dev_pages(5)
    for i in (3, 4):
        site.add(f"/news/a{i}.html", pages[i])
    items = [(site.url(f"/news/a{i}.html"), f"A{i}") for i in range(3)]
    site.add("/cond.xml", conditional(rss(items), '"v1"', "Mon, 01 Jan 2024 00:00:00 GMT"))
    site.add("/down.xml", b"oops", status=500)
    assert run_cli("feeds", "add", site.url("/cond.xml"), site.url("/down.xml"), "--db", str(db)).returncode == 0
    watch = ("watch", "--once", "--allow-private", "--workers", "0", "--db", str(db), "--json", "-")

    first = run_cli(*watch)
    assert first.returncode == 1, first.stderr   # the 500 feed failed, the other went through
    report = report_of(first)
    assert sorted(a["source"] for a in report["articles"]) == [u for u, _ in items]
    assert "NP112" in first.stderr and "3 new entries" in first.stderr

    second = run_cli(*watch)   # unchanged feed: a 304, nothing analysed
    assert "not modified" in second.stderr and second.stdout.strip() == ""
    conds = [h for p, h in site.log if p == "/cond.xml"]
    assert conds[-1].get("if-none-match") == '"v1"'

    # the feed changes: two more entries, the old ones are not analysed again
    more = items + [(site.url(f"/news/a{i}.html"), f"A{i}") for i in (3, 4)]
    site.add("/cond.xml", conditional(rss(more), '"v2"', "Tue, 02 Jan 2024 00:00:00 GMT"))
    fetched_before = site.hits("/news/a0.html")
    third = run_cli(*watch)
    report = report_of(third)
    assert sorted(a["source"] for a in report["articles"]) == [site.url("/news/a3.html"), site.url("/news/a4.html")]
    assert site.hits("/news/a0.html") == fetched_before
    rows = {r["url"]: r for r in json.loads(run_cli("feeds", "list", "--json", "--db", str(db)).stdout)}
    assert rows[site.url("/cond.xml")]["etag"] == '"v2"' and rows[site.url("/cond.xml")]["last_status"] == "200"
    assert rows[site.url("/down.xml")]["last_status"] == "NP112"
    stories = json.loads(run_cli("stories", "--json", "--db", str(db)).stdout)
    assert sum(s["articles"] for s in stories) == 5   # the new articles joined the same store


def test_watch_refuses_private_feed_by_default(site, db: Path) -> None:
    run_cli("feeds", "add", site.url("/feed.xml"), "--db", str(db))
    proc = run_cli("watch", "--once", "--db", str(db))
    assert proc.returncode == 1 and "NP111" in proc.stdout
    assert site.hits("/feed.xml") == 0
