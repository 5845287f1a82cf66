"""Fact alignment on real BASIL stories: paraphrases of one claim by different outlets are one fact."""

from __future__ import annotations

import pytest
from compare_fixtures import basil_stories, compared, models_loaded  # noqa: F401  (fixture)


def _story(prefix: str) -> dict:
    arts = next(a for sid, a in basil_stories().items() if sid.startswith(prefix))
    return compared(arts)


def _with(story: dict, **needles: str) -> list[dict]:
    """Facts whose evidence from each named outlet contains the given words."""
    out = []
    for f in story["facts"]:
        by = {}
        for e in f["evidence"]:
            by.setdefault(e["article"].rsplit("-", 1)[-1], []).append(e["quote"])
        if all(any(n in q for q in by.get(o, ())) for o, n in needles.items()):
            out.append(f)
    return out


@pytest.mark.usefixtures("models_loaded")
def test_paraphrased_apology_is_one_fact_of_three_outlets() -> None:
    story = _story("basil-6b541575")
    # "has apologized for his combative behavior" / "issued an apology on Monday" / Fox's lead
    facts = _with(story, hpo="apologized", nyt="issued an apology")
    assert len(facts) == 1 and len(facts[0]["outlets"]) == 3
    assert facts[0]["left_out_by"] == []


@pytest.mark.usefixtures("models_loaded")
def test_grabbing_told_two_ways_is_one_fact() -> None:
    story = _story("basil-6b541575")
    # "is seen in an amateur video grabbing the wrist and neck" / "when he grabbed the self-identified student"
    assert _with(story, fox="grabbing the wrist", hpo="grabbed the self-identified")


@pytest.mark.usefixtures("models_loaded")
def test_one_person_described_two_ways_is_one_fact_and_only_once() -> None:
    """Facts are whole sentences now: the Times names Maria Cino inside a sentence listing five contenders,
    HuffPost in a sentence of her own; her HuffPost sentence is one fact, listed once, that Fox left out."""
    story = _story("basil-74708dbf")
    facts = _with(story, hpo="Maria Cino, a former Bush official")
    assert len(facts) == 1
    assert facts[0]["text"].startswith("Maria Cino, a former Bush official")
    assert "Fox News" in facts[0]["left_out_by"] and not facts[0]["consensus"]


@pytest.mark.usefixtures("models_loaded")
def test_a_sentence_stating_two_facts_supports_both() -> None:
    story = _story("basil-005a2961")
    # Fox: "Officials in Hawaii have certified Obama's citizenship, but a segment of society -- labeled
    # "birthers" in the vernacular -- have demanded additional proof." states two facts HuffPost states in
    # two sentences: it is the evidence of each, and each fact shows a whole claim
    from newsprism.compare.whole import fragment_reason

    certified = _with(story, fox="Officials in Hawaii have certified", hpo="Officials in Hawaii have certified")
    proof = _with(story, fox="Officials in Hawaii have certified", hpo="have demanded additional proof")
    assert len(certified) == 1 and len(proof) == 1 and certified[0] is not proof[0]
    assert not any("demanded additional proof" in e["quote"] for e in certified[0]["evidence"]
                   if e["article"].endswith("-hpo"))
    for f in certified + proof:
        fox = [e["quote"] for e in f["evidence"] if e["article"].endswith("-fox")]
        assert len(fox) == 1 and fox[0].startswith("Officials in Hawaii have certified Obama's citizenship, but")
        assert fragment_reason(f["text"]) is None
