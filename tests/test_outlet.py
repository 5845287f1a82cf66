"""Outlet identity: one name per outlet from whatever a page states; a short label when it states none."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from conftest import DATA, SEEDS, report_of, run_cli
from newsprism.extract import extract_text
from newsprism.extract.outlet import LABEL_MAX, from_copyright, infer, label, normalise, source_label

DEV = DATA / "extraction-dev"


@pytest.mark.parametrize("name", ["@nytimes", "nytimes.com", "NYTimes", "The New York Times", "NYTimes.com",
                                  "New York Times", "https://www.nytimes.com/2019/11/18/business/x.html"])
def test_aliases_are_one_outlet(name: str) -> None:
    assert normalise(name) == "The New York Times"


@pytest.mark.parametrize(("stated", "expected"), [
    ("CNN - Breaking News, Latest News and Videos", "CNN"),     # a site tagline dropped
    ("Breaking News | Reuters", "Reuters"),                      # the known part of a tagline
    ("MacRumors.com", "MacRumors"),                              # ".com" dropped from a styled name
    ("Space.com", "Space.com"),                                  # … but not from a plain word
    ("example.com", "example.com"),                              # an unknown domain stays a domain
    ("Al Mayadeen English", "Al Mayadeen English"),
    ("12345", None), ("", None), (None, None),
])
def test_normalise(stated: str | None, expected: str | None) -> None:
    assert normalise(stated) == expected


def test_infer_prefers_names_to_handles_and_domains() -> None:
    assert infer(["@someblog", "Some Blog Daily"]) == "Some Blog Daily"
    assert infer(["@nytimes", "Some Blog"]) == "The New York Times"      # a known handle is a name
    assert infer(["@someblog"]) == "someblog"
    assert infer([], url="https://edition.cnn.com/2019/a.html") == "CNN"  # a parent domain is known
    assert infer([], url="https://www.example-news.org/a") == "example-news.org"
    assert infer([None, ""], url=None) is None


@pytest.mark.parametrize(("line", "expected"), [
    ("© 2025 Al Mayadeen English. All Rights Reserved", "Al Mayadeen English"),
    ("© CubaHeadlines 2025", "CubaHeadlines"),
    ("Copyright 2019 The New York Times Company", "The New York Times"),
    ("© 2019 BBC. The BBC is not responsible for the content of external sites.", "BBC News"),
    ("© 2019 Cable News Network.Turner Broadcasting System, Inc.All Rights Reserved.", "Cable News Network"),
    ("Copyright © 2010 AUTORACING. Todos os direitos reservados.", "AUTORACING"),
    ("governed by our Subscriber Agreement and by copyright law. For non-personal use", None),
    ("© All rights reserved | Terms", None),
])
def test_copyright_line(line: str, expected: str | None) -> None:
    assert from_copyright(line) == expected


def test_user_file_extends_the_map(tmp_path: Path) -> None:
    """An alias file (here TOML in the profile shape) renames outlets in a real extraction, in a subprocess."""
    aliases = tmp_path / "outlets.toml"
    aliases.write_text('["Cuba Headlines News"]\naliases = ["CubaHeadlines", "cubaheadlines.com"]\ncountry = "US"\n')
    proc = run_cli("extract", "--jsonl", "--workers", "0", "--outlets", str(aliases), str(SEEDS / "002_4e51e1ef91b04f06.txt"))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["outlet"] == "Cuba Headlines News"
    plain = run_cli("extract", "--jsonl", "--workers", "0", str(SEEDS / "002_4e51e1ef91b04f06.txt"))
    assert json.loads(plain.stdout)["outlet"] == "CubaHeadlines"
    # the outlet-profile file's list shape is read too: one file for profiles and aliases
    listed = tmp_path / "profiles.json"
    listed.write_text(json.dumps([{"name": "Cuba Headlines News", "aliases": ["CubaHeadlines"], "lean": "?"}]))
    proc = run_cli("extract", "--jsonl", "--workers", "0", "--outlets", str(listed), str(SEEDS / "002_4e51e1ef91b04f06.txt"))
    assert json.loads(proc.stdout)["outlet"] == "Cuba Headlines News", proc.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    refused = run_cli("extract", "--jsonl", "--outlets", str(bad), str(SEEDS / "002_4e51e1ef91b04f06.txt"))
    assert refused.returncode == 2 and "not valid JSON" in refused.stderr


def test_short_label() -> None:
    assert source_label("/data/003_59872d32108e4990.txt") == "003_59872d32108e4990.txt"
    assert source_label("https://www.example.com/news/a-long-path") == "example.com"
    assert source_label("-") == "stdin"
    long = source_label("/data/" + "a-very-long-file-name-of-a-saved-page-0123456789abcdef.html.gz")
    assert len(long) <= LABEL_MAX and long.endswith("html.gz") and "…" in long
    # a copy's outlet before the label; the JSON form works too
    art = {"id": "x", "source": "/d/x.txt", "outlet": None, "url": None}
    assert label(art, [{"outlet": "Reuters"}]) == "Reuters"
    assert label(art) == "x.txt"


def test_extraction_dev_pages_get_an_outlet() -> None:
    """Every extraction-dev HTML page names its outlet (metadata, else its URL's domain)."""
    urls = json.loads((DEV / "urls.json").read_text())
    named = {}
    for pid in sorted(urls)[::4]:          # a quarter of the pages keeps this test short
        html = gzip.decompress((DEV / f"{pid}.html.gz").read_bytes()).decode("utf-8", "replace")
        named[pid] = extract_text(html, media_type="text/html").outlet
    assert all(named.values()), [p for p, o in named.items() if not o]
    assert all(len(o) <= 60 and "|" not in o for o in named.values())


@pytest.mark.parametrize(("page", "kind", "expected"), [
    ("702d1da6", "html.gz", "The New York Times"),   # states only the handle "@nytimes"
    ("702d1da6", "txt", "The New York Times"),       # "… The New York Times Company" in the dump's footer
    ("232a43fb", "html.gz", "MacRumors"),            # og:site_name "MacRumors.com"
    ("11ea381a", "html.gz", "Autoracing"),           # a tagline "Autoracing | F1 | Indy | …" dropped
    ("3ce1c8fd", "html.gz", "catchitkansas.com"),    # no name stated: its canonical URL's domain
    ("d605bdef", "html.gz", "CNN"),
])
def test_hand_checked_pages(page: str, kind: str, expected: str) -> None:
    path = next(DEV.glob(f"{page}*.{kind}"))
    data = gzip.decompress(path.read_bytes()) if kind == "html.gz" else path.read_bytes()
    media = "text/html" if kind == "html.gz" else "text/plain"
    assert extract_text(data.decode("utf-8", "replace"), media_type=media).outlet == expected


def test_seeds_outlets_and_labels(tmp_path: Path) -> None:
    """The seeds: 001 (the clean copy of 000) takes 000's outlet and date; the others a name or a short label."""
    db = tmp_path / "s.db"
    proc = run_cli("analyze", str(SEEDS), "--db", str(db), "--json", "-", "--stages", "ingest,extract,dedup,cluster")
    assert proc.returncode == 0, proc.stderr
    report = report_of(proc)
    arts = {Path(a["source"]).name[:3]: a for a in report["articles"]}
    assert arts["000"]["duplicate_of"] == arts["001"]["id"]
    assert arts["001"]["outlet"] == arts["000"]["outlet"] == "Al Mayadeen English"
    assert arts["001"]["published"] == arts["000"]["published"]
    assert arts["002"]["outlet"] == "CubaHeadlines"
    for a in report["articles"]:
        name = label(a)
        assert name and len(name) <= LABEL_MAX and "unknown" not in name
    assert label(arts["003"]) == "003_59872d32108e4990.txt"
    shown = run_cli("show", report["stories"][0]["id"], "--db", str(db))
    assert shown.returncode == 0, shown.stderr
    assert "4 source(s)" in shown.stdout and "003_59872d32108e4990.txt" in shown.stdout
    assert "unknown outlet" not in shown.stdout


def test_copies_share_outlet_and_date_but_keep_their_own(tmp_path: Path) -> None:
    """dupes-dev group basil-b7021938-fox: the original, a noisy copy stripped of outlet and date, and a
    republication under another outlet. The bare copy takes the group's outlet and date; the republication
    keeps its own outlet."""
    rows = [json.loads(line) for line in (DATA / "dupes-dev" / "dupes.jsonl").read_text().splitlines() if line.strip()]
    group = [r for r in rows if r["dupe_group"] == "basil-b7021938-fox"]
    assert {r["id"].partition("~")[2] for r in group} == {"", "noise", "rewrite"}
    bare = next(r for r in group if r["id"].endswith("~noise"))
    del bare["outlet"], bare["published"]
    (tmp_path / "copies.jsonl").write_text("\n".join(json.dumps(r) for r in reversed(group)) + "\n")
    proc = run_cli("analyze", str(tmp_path / "copies.jsonl"), "--db", str(tmp_path / "c.db"), "--json", "-",
                   "--stages", "ingest,extract,dedup")
    assert proc.returncode == 0, proc.stderr
    arts = {a["id"].partition("~")[2]: a for a in report_of(proc)["articles"]}
    assert arts["noise"]["duplicate_of"] or any(a["duplicate_of"] == arts["noise"]["id"] for a in arts.values())
    assert (arts["noise"]["outlet"], arts["noise"]["published"]) == ("Fox News", "2019-03-28")
    assert arts["rewrite"]["outlet"] == "Regional Daily"


def test_names_a_file() -> None:
    from newsprism.extract.outlet import names_a_file

    dump = {"source": "/data/003_59872d32108e4990.txt", "url": None, "id": "a1", "outlet": None}
    assert names_a_file(dump, label(dump))
    assert not names_a_file({**dump, "outlet": "CubaHeadlines"}, "CubaHeadlines")
    assert not names_a_file({**dump, "url": "https://www.example.com/x"}, "example.com")
    # a copy elsewhere named the outlet: the label is that outlet's, not the file's
    assert not names_a_file(dump, "Al Mayadeen English")
