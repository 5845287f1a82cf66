"""Entities tagged in a process of their own: the same spans as in this process, and a fallback when it dies."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA, SEEDS
from newsprism.cluster.signals import entity_text, lead_text
from newsprism.compare import models
from newsprism.compare.tagger import TaggerError, TaggerProcess


def _texts() -> list[str]:
    rows = [json.loads(line) for line in (DATA / "stories-dev" / "headlines.jsonl").read_text().splitlines()]
    heads = [entity_text(lead_text(r.get("title"), r["text"])) for r in rows[::40]]
    seeds = [p.read_text(encoding="utf-8", errors="replace")[:2000] for p in sorted(SEEDS.iterdir())]
    return heads + seeds


def _here(texts: list[str]) -> list[list[tuple[int, int, str, str]]]:
    return [[(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents] for doc in models.nlp().pipe(texts)]


def test_the_process_finds_the_same_entities() -> None:
    texts = _texts()
    proc = TaggerProcess()
    try:
        assert proc.ready()
        got = proc.spans(texts, batch_size=16)
        assert got == _here(texts)
        assert sum(map(len, got)) > 50
    finally:
        proc.close()
    assert not proc.alive()


def test_a_dead_process_is_replaced_by_tagging_here(monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NEWSPRISM_TAGGER", "process")
    models.close_tagger()
    models.clear_caches()
    texts = _texts()[:20]
    proc = models.tagger()
    assert isinstance(proc, TaggerProcess)
    proc._proc.kill()
    proc._proc.wait()
    assert models.entities(texts) == _here(texts)
    assert "tagging in this process" in caplog.text
    assert models.tagger() is models.nlp()          # not tried again
    models.close_tagger()
    assert isinstance(models.tagger(), TaggerProcess)    # until asked to start afresh
    models.close_tagger()


def test_the_process_ends_when_its_parent_goes(tmp_path: Path) -> None:
    proc = TaggerProcess()
    assert proc.ready()
    proc._conn.close()          # what the parent's exit or kill does to the child's socket
    deadline = time.monotonic() + 10
    while proc.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not proc.alive()
    with pytest.raises(TaggerError):
        proc.spans(["Paris"], batch_size=8)


def test_thread_mode_tags_here(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NEWSPRISM_TAGGER", "thread")
    assert models.tagger() is models.nlp()


def test_a_script_without_a_main_guard_runs_once(tmp_path: Path) -> None:
    # the child is a fresh interpreter: the caller's script is not imported again there (multiprocessing's spawn
    # would run it once more, and start a child of its own)
    marks = tmp_path / "marks"
    script = tmp_path / "user_script.py"
    script.write_text(
        "import os\n"
        f"open({str(marks)!r}, 'a').write(f'{{os.getpid()}}\\n')\n"
        "from newsprism.compare import models\n"
        "print(models.entities(['Angela Merkel met Emmanuel Macron in Berlin.']))\n")
    env = {**os.environ, "NEWSPRISM_TAGGER": "process", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "Angela Merkel" in out.stdout and "Berlin" in out.stdout
    assert len(marks.read_text().splitlines()) == 1


def test_the_process_reports_the_cpu_it_used() -> None:
    """``cpu_seconds`` reads the child's CPU time (the benchmark adds it to the comparison's): it grows while
    the child tags, and is None once the child is gone."""
    texts = [p.read_text(encoding="utf-8", errors="replace")[:20_000] for p in sorted(SEEDS.glob("*.txt"))]
    proc = TaggerProcess()
    try:
        assert proc.ready()
        before = proc.cpu_seconds()
        assert before is not None and before > 0      # loading the model took CPU
        proc.spans(texts * 3, 8)
        assert proc.cpu_seconds() > before
    finally:
        proc.close()
    assert proc.cpu_seconds() is None
