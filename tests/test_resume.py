"""SIGKILL in the middle of analyze, again and again, then rerun: the same report, nothing stored twice —
on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SEEDS, run_cli
from newsprism.store import open_store


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "pages"
    d.mkdir()
    for p in sorted((DATA / "extraction-dev").glob("*.html.gz"))[:30]:
        shutil.copy(p, d / p.name)
    for p in SEEDS.iterdir():
        shutil.copy(p, d / p.name)
    return d


def _stable(report: dict) -> dict:
    report = json.loads(json.dumps(report))
    report.pop("pipeline")
    return report


def _count(url: str, table: str = "articles") -> int:
    store = open_store(url)
    try:
        return store.count(table)
    finally:
        store.close()


def _analyze_until_killed(corpus: Path, url: str, at_least: int) -> int:
    """Start analyze, SIGKILL it (and its extract workers) once the store holds ``at_least`` articles."""
    proc = subprocess.Popen([sys.executable, "-m", "newsprism", "analyze", str(corpus), "--db", url,
                             "--workers", "1"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            if _count(url) >= at_least:
                break
        except Exception:          # not created yet, or mid-migration
            continue
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return _count(url)


@pytest.mark.slow
def test_kill_and_resume(tmp_path: Path, store_url: str) -> None:
    corpus = _corpus(tmp_path)
    reference = json.loads(run_cli("analyze", str(corpus), "--db", str(tmp_path / "ref.db"), "--json", "-").stdout)
    total = len(reference["articles"])

    first = _analyze_until_killed(corpus, store_url, 5)
    assert 0 < first < total
    second = _analyze_until_killed(corpus, store_url, first + 8)     # killed again, further on
    assert first <= second < total

    resumed = run_cli("analyze", str(corpus), "--db", store_url, "--json", "-")
    report = json.loads(resumed.stdout)
    assert _stable(report) == _stable(reference)       # the same report as one uninterrupted SQLite run
    extract = next(s for s in report["pipeline"]["stages_run"] if s["name"] == "extract")
    assert extract["reused"] >= second
    store = open_store(store_url)
    assert store.count("articles") == total
    assert store.count("inputs") == len(list(corpus.iterdir()))
    ids = [a.id for a in store.iter_articles()]
    assert len(ids) == len(set(ids))
    members = [m.article for s in store.iter_stories() for m in s.members]
    assert len(members) == len(set(members)) and set(members) <= set(ids)    # no article in two stories
    assert store.count("runs") == 3
    store.close()
