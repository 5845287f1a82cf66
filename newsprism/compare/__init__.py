"""Compare one story across outlets: facts, conflicts, quotes, naming, loaded terms,
numbers, timeline, provenance and a cited brief (see ``compare_story``)."""

from __future__ import annotations

from typing import Any

__all__ = ["compare_story"]


def compare_story(story: Any, articles: Any) -> Any:
    from newsprism.compare.story import compare_story as run

    return run(story, articles)
