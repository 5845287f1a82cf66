"""`newsprism analyze` on URLs, feeds, OPML and WARC files, end to end through the real CLI."""

from __future__ import annotations

from pathlib import Path

from loopback import dev_pages, hang, opml, server, site  # noqa: F401  (fixtures)
from test_feeds_warc import build_warc

from conftest import report_of, run_cli


def test_analyze_feed_url(site, db: Path) -> None:
    proc = run_cli("analyze", site.url("/feed.xml"), "--allow-private", "--db", str(db), "--json", "-",
                   "--workers", "0")
    assert proc.returncode == 0, proc.stderr
    report = report_of(proc)
    sources = sorted(a["source"] for a in report["articles"])
    assert sources == sorted(site.url(f"/news/a{i}.html") for i in range(3))
    assert all(a["text"] and a["title"] for a in report["articles"]) and report["errors"] == []
    assert sum(len(s["articles"]) for s in report["stories"]) == 3


def test_private_target_refused_without_flag(site, db: Path) -> None:
    proc = run_cli("analyze", site.url("/feed.xml"), "--db", str(db), "--json", "-")
    assert proc.returncode == 1
    report = report_of(proc)
    assert report["articles"] == []
    assert [(e["source"], e["code"]) for e in report["errors"]] == [(site.url("/feed.xml"), "NP111")]
    assert "NP111" in proc.stderr and site.hits("/feed.xml") == 0


def test_analyze_warc_opml_and_page_together(site, db: Path, tmp_path: Path) -> None:
    warc = tmp_path / "CC-NEWS-20240101.warc.gz"
    pages = dev_pages(5)[3:]
    build_warc(warc, [(f"https://news.test/w/{i}", body) for i, body in enumerate(pages)])
    site.add("/down.xml", b"oops", status=500)
    listing = tmp_path / "feeds.opml"
    listing.write_bytes(opml([site.url("/atom.xml"), site.url("/down.xml")]))
    proc = run_cli("analyze", str(warc), str(listing), site.url("/news/s0.txt"), "--allow-private",
                   "--db", str(db), "--json", "-", "--workers", "0")
    assert proc.returncode == 1, proc.stderr    # one feed failed, the rest went through
    report = report_of(proc)
    by_source = {a["source"]: a for a in report["articles"]}
    warc_sources = [s for s in by_source if s.startswith(f"{warc}#")]
    assert len(warc_sources) == 2
    assert {site.url("/news/a0.html"), site.url("/news/a1.html"), site.url("/news/s0.txt")} <= set(by_source)
    assert [(e["source"], e["code"]) for e in report["errors"] if e["level"] == "error"] == \
        [(site.url("/down.xml"), "NP112")]
    skipped = run_cli("skipped", "--db", str(db))
    assert "NP112" in skipped.stdout and site.url("/down.xml") in skipped.stdout
    # the store keeps each WARC record's target URI with its bytes
    import sqlite3

    with sqlite3.connect(db) as conn:
        urls = {r[0]: r[1] for r in conn.execute("SELECT source, url FROM sources")}
    assert sorted(urls[s] for s in warc_sources) == ["https://news.test/w/0", "https://news.test/w/1"]


def test_rerun_resumes_without_refetching_twice(site, db: Path) -> None:
    args = ("analyze", site.url("/feed.json"), "--allow-private", "--db", str(db), "--json", "-", "--workers", "0")
    first = report_of(run_cli(*args))
    second = report_of(run_cli(*args))
    assert [a["id"] for a in first["articles"]] == [a["id"] for a in second["articles"]]
    extract = next(s for s in second["pipeline"]["stages_run"] if s["name"] == "extract")
    assert extract["reused"] == 2   # same bytes fetched again: nothing extracted twice
