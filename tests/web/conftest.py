"""Fixtures for the web tests: a store analysed from the seeds (and the XSS corpus), an ASGI client."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from . import xss_corpus

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared")) / "seeds"

TOKEN = "test-token-0123456789"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Chromium headless with Playwright (needs /usr/bin/chromium)")


def build_store(folder: Path, *, xss: bool, url: str | None = None) -> Path | str:
    """Analyse the seeds (and the XSS corpus) into ``url``, else into a SQLite file in ``folder``."""
    from newsprism.pipeline import Pipeline, analyze
    from newsprism.store import open_store

    db = url or folder / "store.db"
    paths = [str(SEEDS)]
    if xss:
        paths.append(str(xss_corpus.write(folder / "xss.jsonl")))
    store = open_store(str(db))
    try:
        analyze(paths, store, pipeline=Pipeline(config={"extract": {"workers": 0}}))
    finally:
        store.close()
    return db


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds + XSS corpus, analysed once for the session (read-only tests)."""
    assert SEEDS.is_dir(), f"seeds not found at {SEEDS}; set NEWSPRISM_SHARED"
    return build_store(tmp_path_factory.mktemp("web"), xss=True)


@pytest.fixture(scope="session")
def client(web_db: Path):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from newsprism.web.app import create_app

    with TestClient(create_app(web_db, TOKEN, extract_workers=0)) as c:
        yield c


@pytest.fixture(scope="session")
def seeds_story(client) -> dict:  # type: ignore[no-untyped-def]
    """The seeds' story (Trump and Maduro)."""
    home = client.get("/index.json").json()
    for s in home["stories"]:
        if "Maduro" in s["title"]:
            return s
    raise AssertionError(f"no seeds story in {home['stories']}")
