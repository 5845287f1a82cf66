"""Report rules that hold whatever the stages compute."""

from __future__ import annotations

from newsprism.report.json import outlets_of
from newsprism.types import Article


def _a(aid: str, outlet: str | None, dup: str | None = None) -> Article:
    return Article(id=aid, source=aid, input_sha256=aid, text="t", outlet=outlet, duplicate_of=dup)


def test_outlets_count_a_group_of_copies_once() -> None:
    # a raw dump naming its outlet, duplicate of a clean copy that names none
    arts = [_a("dump", "Al Mayadeen English", "clean"), _a("clean", None), _a("b", "CubaHeadlines"),
            _a("c", None), _a("wire", "Reuters"), _a("wire-copy", "Daily Example", "wire")]
    assert outlets_of(arts) == ["Al Mayadeen English", "CubaHeadlines", "Reuters"]
    assert outlets_of([_a("x", "Same"), _a("y", "Same")]) == ["Same"]
    assert outlets_of([]) == []
