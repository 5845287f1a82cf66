"""The command line as a user meets it, each check through the real console entry point in a subprocess."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run_cli

FAST = ("--stages", "ingest,extract,dedup,cluster")
_OTHER_STORY = "The city council of Springfield voted on {day} to close the old river bridge for repairs until spring."


def _rows(path: Path, n: int = 3) -> Path:
    """A JSON Lines file of ``n`` short articles of one story, unlike the seeds'."""
    days = ("Monday", "Tuesday", "Wednesday", "Thursday")
    path.write_text("\n".join(json.dumps({"id": f"row{i}", "text": " ".join([_OTHER_STORY.format(day=days[i])] * 3),
                                          "outlet": "Springfield Daily"}) for i in range(n)) + "\n\n")
    return path


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """The seeds and a second story, analysed with the comparison: (store, stories as `stories --json` lists them)."""
    tmp = tmp_path_factory.mktemp("cli")
    db = tmp / "store.db"
    proc = run_cli("analyze", str(SEEDS), str(_rows(tmp / "rows.jsonl")), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    listing = run_cli("stories", "--db", str(db), "--json")
    return db, json.loads(listing.stdout)


def test_show_prints_summary_coverage_conflicts(seeds_store: tuple[Path, list[dict]]) -> None:
    db, stories = seeds_store
    seeds = next(s for s in stories if s["articles"] == 5)
    seeds_id = seeds["id"]
    assert len(seeds["sources"]) == 4 and "003_59872d32108e4990.txt" in seeds["sources"]   # as `stories` lists it
    proc = run_cli("show", seeds_id[:7], "--db", str(db))          # a unique prefix names the story
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.index("Summary") < out.index("Coverage") < out.index("Where they differ") < out.index("Articles")
    assert "4 source(s)" in out                                   # 000 and 001 are one article
    coverage = out[out.index("Coverage"):out.index("Where they differ")]
    for source in ("Al Mayadeen English", "CubaHeadlines", "003_59872d32108e4990.txt", "004_937bba91dd371ac9.txt"):
        assert re.search(rf"{re.escape(source)}\s+reports \d+ of \d+ fact", coverage), source
    assert "unknown outlet" not in out


def test_show_prefix_errors(seeds_store: tuple[Path, list[dict]]) -> None:
    db, stories = seeds_store
    assert len(stories) == 2 and all(s["id"].startswith("s") for s in stories)
    ambiguous = run_cli("show", "s", "--db", str(db))
    assert ambiguous.returncode == 2 and "ambiguous" in ambiguous.stderr
    assert all(s["id"] in ambiguous.stderr for s in stories)
    missing = run_cli("show", "nope", "--db", str(db))
    assert missing.returncode == 1 and "no story 'nope'" in missing.stderr


@pytest.mark.parametrize("command", [("stories",), ("show", "s1"), ("skipped",), ("story", "history"),
                                     ("feeds", "list"), ("feeds", "export"), ("serve", "--port", "0"),
                                     ("watch", "--once")])
def test_read_only_commands_refuse_a_missing_store(tmp_path: Path, command: tuple[str, ...]) -> None:
    db = tmp_path / "absent.db"
    proc = run_cli(*command, "--db", str(db), timeout=60)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert f"no store at {db}" in proc.stderr
    assert not db.exists() and not list(tmp_path.iterdir())


def test_serve_announces_its_url_once_bound(seeds_store: tuple[Path, list[dict]]) -> None:
    db, _ = seeds_store
    proc = subprocess.Popen([sys.executable, "-m", "newsprism", "serve", "--db", str(db), "--port", "0"],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        url = re.search(r"at (http://\S+/)", line)
        assert url, line
        port = int(url.group(1).rsplit(":", 1)[1].strip("/"))
        assert port > 0
        # the moment the URL is printed, the port takes connections (no retry, no sleep)
        with urllib.request.urlopen(url.group(1) + "index.json", timeout=30) as answer:
            assert answer.status == 200 and json.load(answer)
        # the same port again: a clear refusal, exit 1, no URL announced
        again = run_cli("serve", "--db", str(db), "--port", str(port), timeout=60)
        assert again.returncode == 1 and "cannot bind" in again.stderr and "serving" not in again.stderr
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        proc.stderr.close()


def test_make_demo_takes_port() -> None:
    proc = subprocess.run(["make", "-n", "demo", "PORT=8123"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"newsprism serve --db out/newsprism.db --port 8123\b", proc.stdout)
    default = subprocess.run(["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "--port 8080" in default.stdout


def test_progress_counts_json_lines_rows(tmp_path: Path) -> None:
    rows = _rows(tmp_path / "rows.jsonl")
    proc = run_cli("analyze", str(rows), str(SEEDS / "002_4e51e1ef91b04f06.txt"), "--db", str(tmp_path / "p.db"),
                   *FAST, "--progress")
    assert proc.returncode == 0, proc.stderr
    # a bar redraws itself with "\r": under load it draws intermediate counts, so read each stage's last state
    counts = dict(re.findall(r"^\s*(\w+)\s.*?(\d+/\d+)", proc.stderr.replace("\r", "\n"), flags=re.M))
    assert counts == {"ingest": "4/4", "extract": "4/4", "dedup": "4/4", "cluster": "4/4"}, proc.stderr


def test_story_history_shows_merges_in_their_direction(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    assert run_cli("analyze", str(_rows(tmp_path / "rows.jsonl")), str(SEEDS / "002_4e51e1ef91b04f06.txt"),
                   "--db", str(db), *FAST).returncode == 0
    stories = json.loads(run_cli("stories", "--db", str(db), "--json").stdout)
    big, small = sorted(stories, key=lambda s: -s["articles"])
    assert run_cli("story", "merge", big["id"], small["id"], "--db", str(db)).returncode == 0
    new = run_cli("story", "split", big["id"], "row0", "--db", str(db))
    assert new.returncode == 0, new.stderr
    history = run_cli("story", "history", "--db", str(db)).stdout.splitlines()
    assert f"merge {small['id']} -> {big['id']}" in history[0]        # small went into big
    assert f"split {big['id']} -> {new.stdout.strip()}" in history[1] and "row0" in history[1]


def test_feeds_remove_of_an_unknown_feed_exits_1(tmp_path: Path) -> None:
    db = str(tmp_path / "f.db")
    assert run_cli("feeds", "add", "https://example.org/feed.xml", "--db", db).returncode == 0
    unknown = run_cli("feeds", "remove", "https://example.org/other.xml", "--db", db)
    assert unknown.returncode == 1 and "not followed: https://example.org/other.xml" in unknown.stderr
    known = run_cli("feeds", "remove", "https://example.org/feed.xml", "--db", db)
    assert known.returncode == 0 and "removed" in known.stdout


def test_library_never_imports_the_cli() -> None:
    """newsprism.cli imports the library; nothing outside it imports newsprism.cli (or the old CLI modules).

    The one exception is the entry point ``python -m newsprism`` (``newsprism/__main__.py``), which only starts it.
    """
    package = ROOT / "newsprism"
    offenders = []
    for path in sorted(package.rglob("*.py")):
        if path.is_relative_to(package / "cli") or path == package / "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names
                          if n == "newsprism.cli" or n.startswith("newsprism.cli.") or n.endswith("_cli")]
    assert offenders == []
    assert not (package / "cli.py").exists() and not list(package.rglob("*_cli.py"))
    assert not (package / "web" / "cli.py").exists() and not (package / "cluster" / "cli.py").exists()


def test_story_id_prefix_on_postgres(pg_url: str, tmp_path: Path) -> None:
    """The prefix lookup behind `show` is one query that both stores answer alike."""
    from newsprism.store import open_store
    from newsprism.types import Story

    for url in (pg_url, str(tmp_path / "ids.db")):
        store = open_store(url)
        try:
            for sid in ("s1abc", "s1abd", "s2xyz", "S1ABC"):
                store.put_story(Story(id=sid, title=sid))
            assert store.story_ids_starting("s1ab") == ["s1abc", "s1abd"]
            assert store.story_ids_starting("s2") == ["s2xyz"]
            assert store.story_ids_starting("S1") == ["S1ABC"]          # case-sensitive on both
            assert store.story_ids_starting("s1_b") == [] and store.story_ids_starting("s%") == []
        finally:
            store.close()
