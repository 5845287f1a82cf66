"""The seeds end to end through the real CLI: the foundation's acceptance test."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SEEDS, assert_evidence_verbatim, report_of, run_cli


def _by_prefix(report: dict) -> dict[str, dict]:
    return {Path(a["source"]).name[:3]: a for a in report["articles"]}


def test_seeds_report(db: Path) -> None:
    proc = run_cli("analyze", str(SEEDS), "--db", str(db), "--json", "-")
    assert proc.returncode == 0, proc.stderr
    report = report_of(proc)
    assert report["format"] == "newsprism/1"
    arts = _by_prefix(report)
    assert sorted(arts) == ["000", "001", "002", "003", "004"]

    # one article seen twice: the raw dump 000 points at its clean copy 001
    assert arts["000"]["duplicate_of"] == arts["001"]["id"]
    assert all(arts[k]["duplicate_of"] is None for k in ("001", "002", "003", "004"))

    # all five in one story
    assert len(report["stories"]) == 1
    story = report["stories"][0]
    assert sorted(story["articles"]) == sorted(a["id"] for a in report["articles"])
    assert {a["story"] for a in report["articles"]} == {story["id"]}
    assert all(m["shared_terms"] for m in story["membership"])

    # metadata the pages state
    assert arts["000"]["outlet"] == "Al Mayadeen English"
    assert arts["000"]["published"].startswith("2025-11-28T23:46")
    assert arts["000"]["title"] == "Trump, Maduro held phone call last week amid US military buildup: NYT"
    assert arts["002"]["outlet"] == "CubaHeadlines"
    assert arts["002"]["published"] == "2025-11-28"
    assert arts["002"]["authors"] == ["Madison Pena"]
    assert arts["002"]["title"] == "Secret Phone Call Between Trump and Nicolás Maduro Unveiled"
    assert arts["004"]["title"].startswith("Trump Held Secret Call With Maduro")
    assert "The New York Times" in arts["000"]["cites"]
    assert all(a["language"] == "en" for a in report["articles"])

    # 000's text is the article, not the page around it
    text = arts["000"]["text"]
    assert "US President Donald Trump spoke by phone last week" in text
    assert "off-ramp to avoid military escalation" in text
    for junk in ("Sheikh Qassem", "Most Read", "Read Next", "All Rights Reserved", "Privacy Policy",
                 "Arts&Culture", "Hezbollah announces", "Lebanon files UN complaint"):
        assert junk not in text, junk

    # the comparison ran and filled every section with evidence from the articles
    assert report["pipeline"]["stages_not_run"] == []
    assert [s["name"] for s in report["pipeline"]["stages_run"]] == ["ingest", "extract", "dedup", "cluster", "compare"]
    for section in ("facts", "conflicts", "quotes", "naming", "loaded_terms", "numbers", "timeline", "brief"):
        assert story[section], section
    assert any(len(f["outlets"]) >= 3 for f in story["facts"])
    assert any(f["consensus"] for f in story["facts"])
    assert story["citations"]["edges"]
    assert_evidence_verbatim(report)
    # outlets count a duplicate once
    assert story["outlets"].count("Al Mayadeen English") <= 1


def test_rerun_is_idempotent(db: Path) -> None:
    first = report_of(run_cli("analyze", str(SEEDS), "--db", str(db), "--json", "-"))
    second_proc = run_cli("analyze", str(SEEDS), "--db", str(db), "--json", "-")
    second = report_of(second_proc)
    assert second["articles"] == first["articles"]
    assert [s["articles"] for s in second["stories"]] == [s["articles"] for s in first["stories"]]
    extract = next(s for s in second["pipeline"]["stages_run"] if s["name"] == "extract")
    assert extract["reused"] == 5
    from newsprism.store import open_store

    store = open_store(str(db))
    assert store.count("articles") == 5 and store.count("inputs") == 5 and store.count("stories") == 1


def test_summary_and_store_commands(db: Path) -> None:
    proc = run_cli("analyze", str(SEEDS), "--db", str(db))
    assert proc.returncode == 0
    assert "5 article(s), 1 stor" in proc.stdout
    listing = run_cli("stories", "--db", str(db), "--json")
    rows = json.loads(listing.stdout)
    assert len(rows) == 1 and rows[0]["articles"] == 5
    shown = run_cli("show", rows[0]["id"], "--db", str(db))
    assert shown.returncode == 0 and "joined with score" in shown.stdout
    missing = run_cli("show", "nope", "--db", str(db))
    assert missing.returncode == 1 and "no story 'nope'" in missing.stderr


def test_raw_inputs_kept_byte_for_byte(db: Path) -> None:
    import hashlib

    from newsprism.store import open_store

    run_cli("analyze", str(SEEDS), "--db", str(db))
    store = open_store(str(db))
    for path in sorted(SEEDS.iterdir()):
        data = path.read_bytes()
        raw = store.get_input(hashlib.sha256(data).hexdigest())
        assert raw is not None and raw.data == data


def test_usage_errors_exit_2(db: Path) -> None:
    assert run_cli("analyze", "--db", str(db)).returncode == 2
    assert run_cli("frobnicate").returncode == 2
    assert run_cli("analyze", str(SEEDS), "--db", "mysql://x/y").returncode == 2
