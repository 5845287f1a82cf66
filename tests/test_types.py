"""The records' dict round trip: ``as_dict`` gives what ``dataclasses.asdict`` gives, without sharing containers."""

from __future__ import annotations

import dataclasses
import json

from newsprism.types import Article, Conflict, Evidence, Extracted, Fact, Quote, Story, StoryMember, Variant


def _story() -> Story:
    ev = Evidence(article="a1", quote="Officials said 12 people died.")
    return Story(
        id="s1", title="Flood", articles=["a1", "a2"],
        members=[StoryMember(article="a1", score=1.0, shared_terms=["opened the story"]),
                 StoryMember(article="a2", score=0.61, shared_terms=["flood"], joined_at=2,
                             shared_entities=["valencia"], signals={"terms": 0.4, "embedding": 0.7})],
        facts=[Fact(text="12 people died.", outlets=["A", "B"], consensus=True, evidence=[ev])],
        conflicts=[Conflict(kind="number", about="deaths", variants=[Variant("12", ["A"], [ev]), Variant("14", ["B"])])],
        quotes=[Quote(speaker="the mayor", variants=[Variant("We will rebuild", ["A"])])],
        naming=[{"entity": "Pedro Sánchez", "forms": {"A": ["Sánchez"], "B": ["the prime minister"]}}],
        citations={"nodes": [{"id": "A"}], "edges": [("A", "B")]}, merged_from=["s2"])


def test_as_dict_matches_dataclasses_asdict() -> None:
    records = [_story(), Article(id="a1", source="x.html", input_sha256="0" * 64, text="Body", tags=["t"],
                                 authors=["Ann Lee"], clean_ratio=0.4),
               Extracted(text="Body", warnings=[("NP105", "date from the URL")])]
    for record in records:
        assert record.as_dict() == dataclasses.asdict(record)
        assert type(record).from_dict(json.loads(json.dumps(record.as_dict()))).as_dict() == \
            json.loads(json.dumps(record.as_dict()))


def test_as_dict_copies_containers() -> None:
    story = _story()
    data = story.as_dict()
    data["articles"].append("a3")
    data["members"][1]["signals"]["terms"] = 0.0
    data["naming"][0]["forms"]["A"].append("Pedro")
    assert story.articles == ["a1", "a2"]
    assert story.members[1].signals["terms"] == 0.4
    assert story.naming[0]["forms"]["A"] == ["Sánchez"]
