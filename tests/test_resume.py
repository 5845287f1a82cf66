"""SIGKILL in the middle of analyze, then rerun: the same report, nothing stored twice."""

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


@pytest.mark.slow
def test_kill_and_resume(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    reference = json.loads(run_cli("analyze", str(corpus), "--db", str(tmp_path / "ref.db"), "--json", "-").stdout)

    db = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-m", "newsprism", "analyze", str(corpus), "--db", str(db),
                             "--workers", "1"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline:     # kill once some, not all, articles are stored
        time.sleep(0.05)
        if db.exists():
            try:
                n = open_store(str(db)).count("articles")
            except Exception:
                continue
            if n >= 5:
                break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = open_store(str(db)).count("articles")
    assert 0 < partial < len(reference["articles"])

    resumed = run_cli("analyze", str(corpus), "--db", str(db), "--json", "-")
    report = json.loads(resumed.stdout)
    assert _stable(report) == _stable(reference)
    extract = next(s for s in report["pipeline"]["stages_run"] if s["name"] == "extract")
    assert extract["reused"] >= partial
    store = open_store(str(db))
    assert store.count("articles") == len(reference["articles"])
    assert store.count("inputs") == len(list(corpus.iterdir()))
    ids = [a.id for a in store.iter_articles()]
    assert len(ids) == len(set(ids))
