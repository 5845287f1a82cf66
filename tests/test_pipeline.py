"""Registry, pipeline validation, stage counters and the sandbox."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsprism import registry
from newsprism.errors import ExtractionTimeout, NoArticle, StageError, UsageError
from newsprism.extract.sandbox import Sandbox
from newsprism.pipeline import Pipeline, analyze
from newsprism.store import open_store
from conftest import SEEDS, run_cli


def test_unknown_stage_lists_valid_ones() -> None:
    with pytest.raises(UsageError, match="registered stages: cluster, compare, dedup, extract, ingest"):
        Pipeline(["ingest", "summarise"])


def test_requirements_checked_before_running() -> None:
    with pytest.raises(UsageError, match="stage 'dedup' needs \\['text'\\]"):
        Pipeline(["ingest", "dedup"])


def test_unknown_stage_setting(db: Path) -> None:
    store = open_store(str(db))
    with pytest.raises(StageError, match="unknown setting"):
        analyze([str(SEEDS)], store, pipeline=Pipeline(config={"extract": {"wrokers": 3}}))


def test_partial_pipeline_counts(db: Path) -> None:
    store = open_store(str(db))
    result = analyze([str(SEEDS)], store, pipeline=Pipeline(["ingest", "extract"], config={"extract": {"workers": 0}}))
    assert [s["name"] for s in result.stats] == ["ingest", "extract"]
    assert result.stats[1]["kept"] == 5 and result.stats[1]["seen"] == 5
    assert all(a["story"] is None and a["duplicate_of"] is None for a in result.report["articles"])
    assert result.report["pipeline"]["stages_not_run"] == ["compare"]


def test_stages_command_lists_registry() -> None:
    out = run_cli("stages").stdout
    for name in registry.DEFAULT_PIPELINE:
        assert name in out


def _slow(x: int) -> int:
    if x == 2:
        time.sleep(30)
    if x == 3:
        raise NoArticle("nothing here")
    if x == 4:
        import os
        os._exit(9)             # a worker dying under us
    return x * 10


def test_sandbox_timeout_crash_and_order() -> None:
    with Sandbox(_slow, workers=2, timeout=1.0) as sandbox:
        started = time.monotonic()
        out = list(sandbox.map([1, 2, 3, 4, 5, 6]))
        elapsed = time.monotonic() - started
    assert [item for item, _ in out] == [1, 2, 3, 4, 5, 6]
    assert out[0][1] == 10 and out[4][1] == 50 and out[5][1] == 60
    assert isinstance(out[1][1], ExtractionTimeout) and out[1][1].code == "NP202"
    assert isinstance(out[2][1], NoArticle)
    assert out[3][1].code == "NP301"
    assert elapsed < 20          # the 30 s task was cut off, not waited for


def _hog(_: int) -> int:
    blocks = []
    while True:
        blocks.append(bytearray(64 * 1024 * 1024))


def test_sandbox_memory_limit() -> None:
    with Sandbox(_hog, workers=1, memory_mb=256, timeout=60) as sandbox:
        [(_, result)] = list(sandbox.map([1]))
    assert result.code == "NP301" and "memory" in result.message
