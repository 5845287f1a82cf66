"""The command line over a PostgreSQL store: the seeds give the same report as on SQLite, and every
store command (stories, show, skipped, story, feeds) works on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SEEDS, report_of, run_cli
from newsprism.store import open_store


def _stable(report: dict) -> dict:
    report = json.loads(json.dumps(report))
    report.pop("pipeline")                 # run timings
    return report


@pytest.mark.slow
def test_seeds_same_report_on_both_stores(tmp_path: Path, pg_url: str) -> None:
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    lite = run_cli("analyze", str(SEEDS), str(bad), "--db", str(tmp_path / "s.db"), "--json", "-")
    pg = run_cli("analyze", str(SEEDS), str(bad), "--db", pg_url, "--json", "-")
    assert lite.returncode == pg.returncode == 1, pg.stderr      # one input failed, the rest went through
    report = report_of(pg)
    assert _stable(report) == _stable(report_of(lite))
    assert len(report["articles"]) == 5 and len(report["stories"]) == 1
    assert [e["code"] for e in report["errors"]] == ["NP103"]

    # a rerun stores nothing twice and reuses every stage marker
    again = report_of(run_cli("analyze", str(SEEDS), str(bad), "--db", pg_url, "--json", "-"))
    assert _stable(again) == _stable(report)
    extract = next(s for s in again["pipeline"]["stages_run"] if s["name"] == "extract")
    assert extract["reused"] == 5
    store = open_store(pg_url)
    assert (store.count("inputs"), store.count("articles"), store.count("stories"), store.count("skipped")) == \
        (6, 5, 1, 1)
    store.close()

    stories = json.loads(run_cli("stories", "--json", "--db", pg_url).stdout)
    [story] = stories
    assert story["id"] == report["stories"][0]["id"] and story["articles"] == 5
    shown = json.loads(run_cli("show", story["id"], "--json", "--db", pg_url).stdout)
    assert sorted(a["id"] for a in shown["articles"]) == sorted(report["stories"][0]["articles"])
    skipped = run_cli("skipped", "--db", pg_url)
    assert skipped.returncode == 0 and "NP103" in skipped.stdout and "empty.txt" in skipped.stdout

    # a correction by hand, kept by the PostgreSQL store and respected by a rerun
    by_name = {Path(a["source"]).name[:3]: a["id"] for a in report["articles"]}
    split = run_cli("story", "split", story["id"], by_name["003"], "--db", pg_url)
    assert split.returncode == 0, split.stderr
    new = split.stdout.strip()
    rerun = report_of(run_cli("analyze", str(SEEDS), "--db", pg_url, "--json", "-"))
    assert {a["id"]: a["story"] for a in rerun["articles"]}[by_name["003"]] == new
    assert "split" in run_cli("story", "history", "--db", pg_url).stdout


def test_feeds_on_postgres(pg_url: str) -> None:
    url = "https://example.org/feed.xml"
    assert run_cli("feeds", "add", url, "--db", pg_url).returncode == 0
    assert run_cli("feeds", "add", url, "--db", pg_url).returncode == 0      # already followed: still one
    listed = json.loads(run_cli("feeds", "list", "--json", "--db", pg_url).stdout)
    assert [f["url"] for f in listed] == [url]
    store = open_store(pg_url)
    store.mark_feed_entries(url, [("e1", "https://example.org/1", "failed")])
    store.mark_feed_entries(url, [("e1", "https://example.org/1", "done")])
    assert store.feed_entry_state(url) == {"e1": ("done", 2)}
    store.update_feed(url, status="200", etag='"abc"')
    assert store.list_feeds()[0]["etag"] == '"abc"' and store.list_feeds()[0]["last_polled"]
    store.close()
    assert run_cli("feeds", "remove", url, "--db", pg_url).returncode == 0
    assert json.loads(run_cli("feeds", "list", "--json", "--db", pg_url).stdout) == []


def test_bad_store_url_is_a_clear_error(pg_server) -> None:  # type: ignore[no-untyped-def]
    proc = run_cli("stories", "--db", f"postgresql://postgres:hunter2@127.0.0.1:{pg_server.port}/missing")
    assert proc.returncode == 1 and "[NP400] cannot open store" in proc.stderr and "hunter2" not in proc.stderr
    proc = run_cli("stories", "--db", "mysql://x/y")
    assert proc.returncode == 2 and "postgresql://" in proc.stderr
