"""Fixtures for the comparison tests: models loaded once, basil stories (the seeds' report: tests/conftest.py)."""

from __future__ import annotations

import json

import pytest

from conftest import DATA, assert_evidence_verbatim

BASIL = DATA / "stories-dev" / "basil.jsonl"


@pytest.fixture(scope="session")
def models_loaded() -> None:
    from newsprism.compare import models

    models.embed(["warm up"])
    models.tagger()


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
