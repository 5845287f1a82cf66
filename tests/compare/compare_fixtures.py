"""Fixtures for the comparison tests: models loaded once, seeds analysed once, basil stories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


from conftest import DATA, SEEDS, assert_evidence_verbatim, report_of, run_cli

BASIL = DATA / "stories-dev" / "basil.jsonl"


@pytest.fixture(scope="session")
def models_loaded() -> None:
    from newsprism.compare import models

    models.embed(["warm up"])
    models.tagger()


@pytest.fixture(scope="session")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("seeds")
    proc = run_cli("analyze", str(SEEDS), "--db", str(out / "store.db"), "--json", "-")
    assert proc.returncode == 0, proc.stderr
    return report_of(proc)


def basil_stories() -> dict[str, list]:
    from newsprism.types import Article

    stories: dict[str, list] = {}
    for line in BASIL.read_text().splitlines():
        r = json.loads(line)
        stories.setdefault(r["story"], []).append(
            Article(id=r["id"], source=f"basil.jsonl:{r['id']}", input_sha256="", text=r["text"], title=r["title"],
                    outlet=r["outlet"], published=r["published"]))
    return stories


def report_for(story, articles) -> dict:
    """A report-shaped dict for one compared story (for assert_evidence_verbatim)."""
    from newsprism.report.json import article_json, story_json

    return {"articles": [article_json(a) for a in articles],
            "stories": [story_json(story, articles, {a.id for a in articles})]}


def compared(articles) -> dict:
    """The report entry of one story compared from ``articles``, its evidence checked verbatim."""
    from newsprism.compare import compare_story
    from newsprism.types import Story

    story = compare_story(Story(id="s", title="t"), articles)
    report = report_for(story, articles)
    assert_evidence_verbatim(report)
    return report["stories"][0]
