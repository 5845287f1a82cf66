"""Every input that ever failed a fuzz test or the issue's hostile tests, replayed through its reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz_support import CORPUS, KINDS, replay

CASES = sorted(p for kind in KINDS for p in (CORPUS / kind).glob("*") if p.is_file())


def test_corpus_is_not_empty() -> None:
    assert {p.parent.name for p in CASES} == set(KINDS)


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_replay(path: Path, tmp_path: Path) -> None:
    replay(path.parent.name, path.read_bytes(), tmp_path)
