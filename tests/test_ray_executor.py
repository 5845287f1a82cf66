"""The Ray executor gives the same report as the local one on the same inputs."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, SEEDS, run_cli
from newsprism.executor import ray as ray_executor
from newsprism.pipeline import Pipeline, analyze
from newsprism.store import open_store

STAGES = ["ingest", "extract", "dedup", "cluster"]


def _corpus(tmp_path: Path) -> Path:
    """Seeds, a few dev pages (HTML and text dumps), a byte-identical copy, an edited copy, an empty file."""
    d = tmp_path / "pages"
    d.mkdir()
    for p in SEEDS.iterdir():
        shutil.copy(p, d / p.name)
    dev = sorted((DATA / "extraction-dev").glob("*.html.gz"))
    for p in dev[:8]:
        shutil.copy(p, d / p.name)
    for p in dev[8:12]:
        txt = p.with_name(p.name.replace(".html.gz", ".txt"))
        shutil.copy(txt, d / txt.name)
    first = dev[0]
    shutil.copy(first, d / "copy-of-first.html.gz")
    html = gzip.decompress(first.read_bytes()).decode("utf-8", "replace")
    (d / "edited-first.html").write_text(html.replace("<p>", "<p>Updated: ", 1), encoding="utf-8")
    (d / "empty.html").write_bytes(b"")
    return d


def _run(corpus: Path, db: Path, executor: str) -> dict[str, Any]:
    store = open_store(str(db))
    try:
        pipeline = Pipeline(STAGES, config={"extract": {"workers": 2}}, executor=executor)
        return analyze([str(corpus)], store, pipeline=pipeline).report
    finally:
        store.close()


def _without_timings(report: dict[str, Any]) -> dict[str, Any]:
    report = json.loads(json.dumps(report))
    for stage in report["pipeline"]["stages_run"]:
        stage.pop("seconds")
    return report


def test_ray_and_local_give_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path)
    mapped: list[str] = []
    real_map = ray_executor.RayPages.map

    def spy(self: Any, items: Any) -> Any:
        for raw, result in real_map(self, items):
            mapped.append(raw.source)
            yield raw, result

    monkeypatch.setattr(ray_executor.RayPages, "map", spy)
    local = _run(corpus, tmp_path / "local.db", "local")
    on_ray = _run(corpus, tmp_path / "ray.db", "ray")

    assert _without_timings(on_ray) == _without_timings(local)
    # the comparison means something: copies, several stories, a coded error
    assert any(a["duplicate_of"] for a in local["articles"])
    assert len(local["stories"]) >= 2
    assert [e["code"] for e in local["errors"]] == ["NP103"]
    # every page went through Ray once (the byte-identical copy is the same input); all but the empty one
    # became articles
    assert len(mapped) == len(list(corpus.iterdir())) - 1
    assert len(on_ray["articles"]) == len(mapped) - 1


def test_ray_run_resumes_a_local_one(tmp_path: Path) -> None:
    """The store's markers are the same whoever computed the pages: Ray redoes nothing a local run stored."""
    corpus = _corpus(tmp_path)
    db = tmp_path / "store.db"
    local = _run(corpus, db, "local")
    again = _run(corpus, db, "ray")
    assert again["articles"] == local["articles"] and again["stories"] == local["stories"]
    extract = next(s for s in again["pipeline"]["stages_run"] if s["name"] == "extract")
    assert extract["reused"] == len(local["articles"]) + 1   # + the byte-identical copy


def test_cli_executor_choice(tmp_path: Path) -> None:
    proc = run_cli("analyze", str(SEEDS), "--db", str(tmp_path / "s.db"), "--executor", "spark")
    assert proc.returncode == 2
    assert "'spark' is not one of 'local', 'ray'" in proc.stderr
