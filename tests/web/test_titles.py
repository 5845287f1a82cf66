"""One story title everywhere: the neutral title the compare stage stores, on the seeds.

The seeds are analysed once through the real CLI (its summary on stdout, its
JSON report in a file); the store is then served on loopback and read over
HTTP: the story page, its JSON, the home page, its JSON and the Atom feed must
all show the title the CLI printed, and none the most sensational headline. A
split made through the API (with the token) recomputes the comparison, and
the titles of both stories agree again everywhere.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx

from newsprism.web.background import running_server

from .conftest import SEEDS, TOKEN


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real console entry point, in a subprocess."""
    return subprocess.run([sys.executable, "-m", "newsprism", *args], capture_output=True, text=True, timeout=300)

ATOM = "{http://www.w3.org/2005/Atom}"


def _h1(page: str) -> str:
    m = re.search(r'<h1 id="title">(.*?)</h1>', page, re.S)
    assert m, page[:500]
    return html.unescape(m.group(1)).strip()


def _home_titles(page: str) -> dict[str, str]:
    """href -> link text of each story on the home page."""
    return {href: html.unescape(text).strip()
            for href, text in re.findall(r'<a class="story-title" href="([^"]+)">(.*?)</a>', page, re.S)}


def _atom_titles(body: bytes) -> dict[str, str]:
    feed = ET.fromstring(body)
    out = {}
    for entry in feed.iter(ATOM + "entry"):
        link = entry.find(ATOM + "link").get("href")  # type: ignore[union-attr]
        out[httpx.URL(link).path] = entry.findtext(ATOM + "title")
    return out


def _every_view(c: httpx.Client) -> dict[str, dict[str, str]]:
    """story href -> the title each view shows for it."""
    listed = c.get("/index.json").json()["stories"]
    home = _home_titles(c.get("/").text)
    atom = _atom_titles(c.get("/stories.atom").content)
    out = {}
    for s in listed:
        out[s["href"]] = {"index.json": s["title"], "home": home[s["href"]], "atom": atom[s["href"]],
                          "page": _h1(c.get(s["href"]).text), "story.json": c.get(s["href"] + ".json").json()["title"]}
    return out


def test_one_title_in_every_view_before_and_after_a_split(tmp_path: Path) -> None:
    db, report_path = tmp_path / "store.db", tmp_path / "report.json"
    proc = run_cli("analyze", str(SEEDS), "--db", str(db), "--json", str(report_path))
    assert proc.returncode == 0, proc.stderr
    printed = re.findall(r"^\[(s[0-9a-f]+)\] (.*?)  \(\d+ source\(s\)\)$", proc.stdout, re.M)
    report = json.loads(report_path.read_text())
    assert len(printed) == len(report["stories"]) == 1
    sid, cli_title = printed[0]
    story = report["stories"][0]
    # the neutral title names the event and its actors; the sensational headline is not it
    assert "Trump" in cli_title and "Maduro" in cli_title and "Secret" not in cli_title
    assert story["title"] == cli_title

    with running_server(db, TOKEN) as base, httpx.Client(base_url=base, timeout=300) as c:
        views = _every_view(c)
        assert views == {f"/stories/{sid}": dict.fromkeys(views[f"/stories/{sid}"], cli_title)}
        shown = run_cli("show", sid[:6], "--db", str(db))
        assert shown.returncode == 0 and cli_title in shown.stdout, shown.stderr

        # split the source without a stated outlet off, through the API with the token
        lone = next(a for a in report["articles"] if a["outlet"] is None and not a["duplicate_of"])
        res = c.post(f"/api/stories/{sid}/split", data={"token": TOKEN, "article": lone["id"]},
                     headers={"Accept": "application/json"})
        assert res.status_code == 200 and res.json()["comparison_recomputed"], res.text
        new = res.json()["result"]
        assert new != sid
        views = _every_view(c)
        assert sorted(views) == sorted([f"/stories/{sid}", f"/stories/{new}"])
        for href, titles in views.items():
            assert len(set(titles.values())) == 1, (href, titles)
        assert views[f"/stories/{sid}"]["page"] != views[f"/stories/{new}"]["page"]
        # the CLI reads the same stored titles
        for href, titles in views.items():
            shown = run_cli("show", href.rsplit("/", 1)[1], "--db", str(db))
            assert shown.returncode == 0 and titles["page"] in shown.stdout, shown.stderr
