"""Shared fixtures: the seeds, the shared dev data, a temporary store, a CLI runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"


@pytest.fixture
def seeds() -> Path:
    assert SEEDS.is_dir(), f"seeds not found at {SEEDS}; set NEWSPRISM_SHARED"
    return SEEDS


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture(scope="session")
def pg_server():  # type: ignore[no-untyped-def]
    """One throwaway PostgreSQL server for the session (tests/pgserver.py)."""
    from pgserver import PGServer

    server = PGServer()
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server) -> str:  # type: ignore[no-untyped-def]
    """A fresh, empty PostgreSQL database."""
    return pg_server.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a fresh store, once per backend."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point in a subprocess (exit codes, stderr, no shared state)."""
    return subprocess.run([sys.executable, "-m", "newsprism", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env={**os.environ, **(env or {})}, timeout=timeout)


def report_of(proc: subprocess.CompletedProcess[str]) -> dict:
    assert proc.stdout.strip(), proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="session")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The seeds analysed once for the whole run (read only: tests must not change it)."""
    out = tmp_path_factory.mktemp("seeds")
    proc = run_cli("analyze", str(SEEDS), "--db", str(out / "store.db"), "--json", "-")
    assert proc.returncode == 0, proc.stderr
    return report_of(proc)


def assert_evidence_verbatim(report: dict) -> None:
    """Every evidence/source quote in a report is a verbatim span of its article's text."""
    texts = {a["id"]: " ".join(a["text"].split()) for a in report["articles"]}
    for story in report["stories"]:
        spans = []
        for fact in story["facts"]:
            spans += fact["evidence"]
        for section in ("conflicts", "quotes"):
            for item in story[section]:
                for variant in item["variants"]:
                    spans += variant["evidence"]
        for entry in story["timeline"]:
            spans += entry["evidence"]
        for sentence in story["brief"]:
            spans += sentence["sources"]
        titles = {a["id"]: " ".join((a.get("title") or "").split()) for a in report["articles"]}
        for term in story["loaded_terms"]:       # a headline's term is shown in its headline
            if term.get("field") == "title":
                assert " ".join(term["quote"].split()) == titles[term["article"]], term
            else:
                spans.append(term)
        for span in spans:
            assert " ".join(span["quote"].split()) in texts[span["article"]], span
