"""Several writers on one store: they take turns (or the one that waits too long refuses, NP402 "store in use"),
never an article in two stories; a reader (``serve``) answers while they write. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SEEDS, report_of, run_cli
from newsprism.store import open_store


def _inputs(tmp_path: Path, rows: int = 30) -> list[str]:
    lines = (DATA / "stories-dev" / "basil.jsonl").read_text(encoding="utf-8").splitlines()[:rows]
    path = tmp_path / "basil-slice.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(SEEDS), str(path)]


def _analyze(db: str, inputs: list[str], out: Path | None = None, **env: str) -> subprocess.Popen[str]:
    """An ``analyze`` process; with ``out``, its report and stderr go to files (a pipe nobody reads while the
    others run would fill and block it)."""
    cmd = [sys.executable, "-m", "newsprism", "analyze", *inputs, "--db", db, "--workers", "1"]
    if out is None:
        return subprocess.Popen([*cmd, "--json", "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                cwd=ROOT, env={**os.environ, **env})
    with open(out.with_suffix(".err"), "w") as err:
        return subprocess.Popen([*cmd, "--json", str(out)], stdout=subprocess.DEVNULL, stderr=err, text=True,
                                cwd=ROOT, env={**os.environ, **env})


def assert_consistent(db: str) -> tuple[int, int]:
    """Every article in at most one story, and in the story its row names; (articles, stories)."""
    store = open_store(db)
    try:
        stories = list(store.iter_stories())
        held = Counter(a for s in stories for a in s.articles)
        twice = [a for a, n in held.items() if n > 1]
        assert not twice, f"articles in two stories: {twice}"
        by_story = {s.id: set(s.articles) for s in stories}
        articles = list(store.iter_articles())
        for a in articles:
            if a.story is not None:
                assert a.id in by_story.get(a.story, set()), (a.id, a.story)
        assert all(s.articles for s in stories), "an empty story"
        return len(articles), len(stories)
    finally:
        store.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _writers(db: str, inputs: list[str], n: int, folder: Path, *, reader: bool) -> list[dict]:
    served = None
    reads: list[int] = []
    if reader:
        port = _free_port()
        served = subprocess.Popen([sys.executable, "-m", "newsprism", "serve", "--db", db, "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        outs = [folder / f"writer{i}.json" for i in range(n)]
        procs = [_analyze(db, inputs, out) for out in outs]
        while any(p.poll() is None for p in procs):
            if served is not None:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.json", timeout=30) as resp:
                        json.loads(resp.read())
                        reads.append(resp.status)
                except (ConnectionError, urllib.error.URLError):
                    pass       # the server is still starting
            time.sleep(0.5)
    finally:
        if served is not None:
            served.terminate()
            served.wait(timeout=30)
    for p, out in zip(procs, outs):
        err = out.with_suffix(".err").read_text()
        assert p.wait() == 0, err
        assert "Traceback" not in err
    if reader:
        assert reads and set(reads) == {200}
    return [json.loads(out.read_text(encoding="utf-8")) for out in outs]


def _stories(report: dict) -> list[list[str]]:
    return sorted(sorted(s["articles"]) for s in report["stories"])


@pytest.mark.slow
@pytest.mark.parametrize("n", [2, 4])
def test_parallel_analyze_on_sqlite(tmp_path: Path, n: int) -> None:
    inputs = _inputs(tmp_path)
    db = str(tmp_path / "shared.db")
    reports = _writers(db, inputs, n, tmp_path, reader=n == 4)
    articles, stories = assert_consistent(db)
    assert articles == len(reports[0]["articles"])
    # the end state is what one run alone gives
    alone = report_of(run_cli("analyze", *inputs, "--db", str(tmp_path / "alone.db"), "--json", "-"))
    assert stories == len(alone["stories"])
    for r in reports:
        assert _stories(r) == _stories(alone)


@pytest.mark.slow
def test_parallel_analyze_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    inputs = _inputs(tmp_path, rows=12)
    reports = _writers(pg_url, inputs, 2, tmp_path, reader=True)
    assert_consistent(pg_url)
    assert _stories(reports[0]) == _stories(reports[1])


def test_second_writer_refuses_when_it_waited_too_long(tmp_path: Path, store_url: str) -> None:
    holder = open_store(store_url)
    try:
        with holder.writer_lock():
            proc = run_cli("analyze", str(SEEDS / "003_59872d32108e4990.txt"), "--stages", "ingest,extract",
                           "--db", store_url, "--json", "-", env={"NEWSPRISM_LOCK_WAIT": "1"})
            assert proc.returncode == 1 and "Traceback" not in proc.stderr
            assert "[NP402] store in use" in proc.stderr
            # readers never wait
            assert run_cli("stories", "--db", store_url).returncode == 0
        # once it is free, the same run goes through
        proc = run_cli("analyze", str(SEEDS / "003_59872d32108e4990.txt"), "--stages", "ingest,extract",
                       "--db", store_url, "--json", "-", env={"NEWSPRISM_LOCK_WAIT": "1"})
        assert proc.returncode == 0, proc.stderr
    finally:
        holder.close()


def test_a_waiting_writer_goes_on_when_the_first_is_done(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    holder = open_store(db)
    lines: list[str] = []
    with holder.writer_lock():
        waiting = _analyze(db, [str(SEEDS / "003_59872d32108e4990.txt")], NEWSPRISM_LOCK_WAIT="300")
        assert waiting.stderr is not None and waiting.stdout is not None
        reader = threading.Thread(target=lambda: lines.extend(waiting.stderr), daemon=True)   # type: ignore[arg-type]
        reader.start()
        deadline = time.monotonic() + 240
        while not any("in use" in line for line in lines) and time.monotonic() < deadline:
            assert waiting.poll() is None, lines       # it waits its turn, it does not go ahead
            time.sleep(0.2)
        assert any("in use" in line for line in lines)
    holder.close()
    out = waiting.stdout.read()
    assert waiting.wait(timeout=300) == 0, lines
    reader.join(timeout=30)
    assert len(json.loads(out)["articles"]) == 1
