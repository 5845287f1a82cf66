"""A weak link between two outlets' sentences needs a shared word of what happened, not only shared names
(issue 18: evidence must itself state the fact)."""

from __future__ import annotations

import pytest

from newsprism.compare import facts
from newsprism.compare.story import compare_story
from newsprism.types import Article, Story

A = ("Nicolás Maduro met Marco Rubio in Caracas on Monday to discuss deportation flights and prisoners. "
     "Oil exports from Venezuela fell by a third in November.")
B = ("Venezuela rejected a statement by Marco Rubio in Caracas on Monday, calling it interference. "
     "The United States moved an aircraft carrier group into the Caribbean Sea.")


def _linked(monkeypatch: pytest.MonkeyPatch, min_common: int) -> list[dict]:
    monkeypatch.setattr(facts, "MIN_COMMON", min_common)
    arts = [Article(id="a", source="a.txt", input_sha256="a", text=A, title="", outlet="Outlet A"),
            Article(id="b", source="b.txt", input_sha256="b", text=B, title="", outlet="Outlet B")]
    story = compare_story(Story(id="s", title=""), arts)
    return [f for f in story.facts if len(f["outlets"]) > 1]


def test_names_alone_do_not_make_one_fact(monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = facts.MIN_COMMON
    assert shipped >= 1
    # without the rule, the two sentences about Maduro and Rubio in Caracas (met / denounced) are one fact
    assert any("met Marco Rubio" in f["text"] or "rejected" in f["text"] for f in _linked(monkeypatch, 0))
    assert _linked(monkeypatch, shipped) == []
