"""story split / merge / move: applied, recorded, and respected by later runs."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import DATA, SEEDS, report_of, run_cli
from newsprism.store import open_store


def _basil(tmp_path: Path, n: int) -> Path:
    lines = (DATA / "stories-dev" / "basil.jsonl").read_text().splitlines()[:n]
    path = tmp_path / f"basil{n}.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def _stories(db: Path) -> dict[str, list[str]]:
    return {s["id"]: sorted(json.loads(run_cli("show", s["id"], "--db", str(db), "--json").stdout)["articles"][i]["id"]
                            for i in range(s["articles"]))
            for s in json.loads(run_cli("stories", "--db", str(db), "--json").stdout)}


def test_split_move_merge_survive_reruns(tmp_path: Path, db: Path) -> None:
    report = report_of(run_cli("analyze", str(SEEDS), "--db", str(db), "--json", "-"))
    [story] = report["stories"]
    by_name = {Path(a["source"]).name[:3]: a["id"] for a in report["articles"]}

    # split 002 and 004 off; 000 is a duplicate of 001, so splitting 001 takes 000 along
    proc = run_cli("story", "split", story["id"], by_name["002"], by_name["004"], by_name["001"], "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    new = proc.stdout.strip()
    stories = _stories(db)
    assert sorted(stories[new]) == sorted(by_name[k] for k in ("000", "001", "002", "004"))
    assert stories[story["id"]] == [by_name["003"]]

    # rerunning the same inputs changes nothing
    again = report_of(run_cli("analyze", str(SEEDS), "--db", str(db), "--json", "-"))
    assert {a["id"]: a["story"] for a in again["articles"]} == {
        **{by_name[k]: new for k in ("000", "001", "002", "004")}, by_name["003"]: story["id"]}

    # a new copy of the story's text would bridge both stories: separated stories stay apart
    bridge = tmp_path / "bridge.txt"
    bridge.write_text((SEEDS / "003_59872d32108e4990.txt").read_text() + "\n\n" +
                      (SEEDS / "002_4e51e1ef91b04f06.txt").read_text())
    run_cli("analyze", str(bridge), "--db", str(db))
    assert {new, story["id"]} <= set(_stories(db))

    # move 004 back, then merge everything
    assert run_cli("story", "move", by_name["004"], "--to", story["id"], "--db", str(db)).returncode == 0
    assert by_name["004"] in _stories(db)[story["id"]]
    assert run_cli("story", "merge", story["id"], new, "--db", str(db)).returncode == 0
    merged = _stories(db)
    assert new not in merged and set(by_name.values()) <= set(merged[story["id"]])
    history = run_cli("story", "history", "--db", str(db)).stdout.split("\n")
    assert [line.split()[1] for line in history if line.strip()] == ["split", "move", "merge"]
    store = open_store(str(db))
    assert store.get_story(story["id"]).merged_from == [new]


def test_bad_corrections(db: Path) -> None:
    report = report_of(run_cli("analyze", str(SEEDS), "--db", str(db), "--json", "-"))
    sid = report["stories"][0]["id"]
    every = [a["id"] for a in report["articles"]]
    proc = run_cli("story", "split", sid, *every, "--db", str(db))
    assert proc.returncode == 1 and "at least one article" in proc.stderr
    proc = run_cli("story", "split", "s000", every[0], "--db", str(db))
    assert proc.returncode == 1 and "no story 's000'" in proc.stderr
    proc = run_cli("story", "move", "nope", "--to", sid, "--db", str(db))
    assert proc.returncode == 1 and "no article 'nope'" in proc.stderr
