"""Smaller holes: UTF-16 pages without a BOM, the feed entity guard over the whole document, feeds whose
entries have no links, and file names that are not UTF-8."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import SEEDS, report_of, run_cli
from newsprism.errors import BadFeed
from newsprism.ingest.decode import decode
from newsprism.ingest.feeds import parse_feed

PAGE = ("<!doctype html><html><head><title>Council budget</title></head><body><article><h1>Council budget</h1>"
        + "<p>The city council voted on Tuesday to approve a new budget for public transport — “finally”, "
          "said the mayor, after months of debate about fares and routes.</p>" * 8 + "</article></body></html>")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(encoding: str, tmp_path: Path) -> None:
    d = decode(PAGE.encode(encoding))
    assert d.encoding == encoding and d.text == PAGE
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.encode(encoding))
    proc = run_cli("extract", "--jsonl", "--workers", "0", str(path))
    row = json.loads(proc.stdout)
    assert proc.returncode == 0 and row["error"] is None and "“finally”" in row["text"]


def _rss(items: str, prefix: str = "") -> bytes:
    return (f'<?xml version="1.0"?>{prefix}<rss version="2.0"><channel><title>T</title>'
            f"<link>http://example.com/</link>{items}</channel></rss>").encode()


def test_entity_guard_reads_the_whole_document() -> None:
    filler = "<!-- " + "x" * 100_000 + " -->"
    late = _rss("<item><title>a</title><link>http://example.com/a</link></item>",
                prefix=filler + '<!DOCTYPE rss [<!ENTITY big "boom">]>')
    with pytest.raises(BadFeed, match="entities"):
        parse_feed(late, "http://example.com/feed")
    wide = ('<?xml version="1.0" encoding="utf-16"?><!DOCTYPE rss [<!ENTITY e "x">]><rss version="2.0">'
            "<channel><title>T</title></channel></rss>").encode("utf-16")
    with pytest.raises(BadFeed, match="entities"):
        parse_feed(wide, "http://example.com/feed")


def test_feed_without_links_says_so() -> None:
    feed = _rss("<item><title>one</title><description>no link</description></item>" * 3)
    with pytest.raises(BadFeed) as err:
        parse_feed(feed, "http://example.com/feed")
    assert "none of the feed's 3 entries has a link" in err.value.message
    jf = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "T",
                     "items": [{"id": "1", "content_text": "x"}]}).encode()
    with pytest.raises(BadFeed, match="has a url"):
        parse_feed(jf, "http://example.com/feed.json")
    deep = b'{"version": "https://jsonfeed.org/version/1.1", "items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(BadFeed):
        parse_feed(deep, "http://example.com/feed.json")


def test_any_file_name(tmp_path: Path, db: Path) -> None:
    """A file name that is not UTF-8 is recorded as valid UTF-8 text (its bytes as \\xNN), and analysed."""
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/caf\xe9-\xff.txt"
    with open(raw, "wb") as fh:
        fh.write((SEEDS / "003_59872d32108e4990.txt").read_bytes())
    with open(os.fsencode(folder) + b"/empty-\xfe.txt", "wb"):
        pass
    proc = run_cli("analyze", str(folder), "--stages", "ingest,extract", "--db", str(db), "--json", "-")
    assert "Traceback" not in proc.stderr and proc.returncode == 1
    report = report_of(proc)
    assert [a["source"] for a in report["articles"]] == [f"{folder}/caf\\xe9-\\xff.txt"]
    assert [(e["code"], e["source"]) for e in report["errors"]] == [("NP103", f"{folder}/empty-\\xfe.txt")]
    proc = run_cli("skipped", "--db", str(db))
    assert proc.returncode == 0 and "empty-\\xfe.txt" in proc.stdout
    # extract --jsonl: every line valid UTF-8
    out = run_cli_bytes("extract", "--jsonl", "--workers", "0", str(folder))
    for line in out.splitlines():
        assert json.loads(line.decode("utf-8"))["source"].startswith(str(folder))


def run_cli_bytes(*args: str) -> bytes:
    import subprocess
    import sys

    from conftest import ROOT

    return subprocess.run([sys.executable, "-m", "newsprism", *args], capture_output=True, cwd=ROOT,
                          timeout=300).stdout


def test_a_folder_says_which_files_it_skipped(tmp_path: Path, db: Path) -> None:
    """A folder is read for its pages; the other files are not read, and the run says which (not silently)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in sorted(os.listdir(SEEDS))[:2]:
        (folder / name).write_bytes((SEEDS / name).read_bytes())
    (folder / "photo.jpg").write_bytes(bytes(range(256)) * 8)
    (folder / "feeds.opml").write_text('<?xml version="1.0"?><opml version="2.0"><body>'
                                         '<outline xmlUrl="http://127.0.0.1:9/feed.xml"/></body></opml>')
    proc = run_cli("analyze", "--db", str(db), "--workers", "0", "--json", "-", str(folder))
    assert proc.returncode == 0, proc.stderr
    assert len(report_of(proc)["articles"]) == 2
    line = next(ln for ln in proc.stderr.splitlines() if "not named as pages" in ln)
    assert "skipped 2 file(s)" in line and "feeds.opml, photo.jpg" in line and str(folder) in line
