"""Conflicts of which way someone was going (into or out of a place, a heading on a road) and of how many an act
killed or hurt, on sentences of the ECB+ dev stories (stories-dev2)."""

from __future__ import annotations

import json

import pytest
from compare_fixtures import compared, models_loaded  # noqa: F401  (fixture)

from newsprism.types import Article


def _rows(story: str) -> list[dict]:
    from conftest import DATA

    path = DATA / "stories-dev2" / "ecbplus.jsonl"
    return [r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r["story"] == story]


def _article(r: dict, text: str | None = None) -> Article:
    """An ECB+ article as its own outlet, undated (``text``: one sentence of it instead of the whole)."""
    return Article(id=r["id"], source=r["id"], input_sha256="", text=text or r["text"], title=r.get("title"),
                   outlet=f"outlet {r['id']}", published=None)


def _sentence(r: dict, words: str) -> str:
    """The sentence of article ``r`` that holds ``words``."""
    text = r["text"]
    i = text.index(words)
    start = max(text.rfind(". ", 0, i) + 2, text.rfind("\n", 0, i) + 1)
    return text[start:text.index(".", i) + 1]


def _gold(name: str) -> dict:
    from benchmarks.bench_compare import CONFLICT_GOLD

    return json.loads((CONFLICT_GOLD / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.usefixtures("models_loaded")
def test_walking_into_and_out_of_one_place_is_a_conflict() -> None:
    """ECB+ 21 (the Bloomington Sam's Club hit-and-run, gold ecb-21-ecb.json): "LuAnn Marie Johnson ... was walking
    into the store ... when she was struck" / "Johnson and her husband were walking out of the store": one person,
    one place, the motion under way at one moment; the gold's conflict is found, and no other direction conflict
    ("leaving the parking lot" is the driver's)."""
    from benchmarks.bench_compare import score_conflicts

    g = _gold("ecb-21-ecb")
    by_id = {r["id"]: r for r in _rows("ecbp-21-ecb")}
    arts = [_article(by_id[a]) for a in g["articles"]]
    story = compared(arts)
    moves = [c for c in story["conflicts"] if c.get("test") == "direction"]
    assert [sorted(v["value"] for v in c["variants"]) for c in moves] == [["into the store", "out of the store"]]
    assert "Johnson" in moves[0]["about"]
    gold = [c for c in g["conflicts"] if "into or out of" in c["about"]]
    assert score_conflicts(moves, gold, {a.id: a.text for a in arts}) == (1, 1, 1, 1)


@pytest.mark.usefixtures("models_loaded")
def test_a_motion_told_as_done_or_by_one_outlet_both_ways_is_no_conflict() -> None:
    """The same two ECB+ 21 sentences, the second told as done ("walked out of the store": two moments, in and
    then out), or both told by one outlet: no direction conflict."""
    by_id = {r["id"]: r for r in _rows("ecbp-21-ecb")}
    into = _sentence(by_id["ecbp-6c73a993df67"], "was walking into the store")
    out = _sentence(by_id["ecbp-f5c25e491d07"], "were walking out of the store")
    done = out.replace("were walking out", "walked out")
    for arts in ([_article(by_id["ecbp-6c73a993df67"], into), _article(by_id["ecbp-f5c25e491d07"], done)],
                 [_article(by_id["ecbp-6c73a993df67"], into + " " + out)]):
        assert not [c for c in compared(arts)["conflicts"] if c.get("test") == "direction"]


def test_roads_are_one_road_whatever_their_abbreviations() -> None:
    from newsprism.compare.conflicts import _HEADING, _road

    heads = [(m.group("way"), _road(m.group("road"))) for t in (
        "Police say she was struck by a grey Toyota Camry heading north on 117th Street, which then fled the scene.",
        "a car heading south on 117th St. near 97th Avenue",
        "leading police on a chase north along Interstate 75 in Genesee County",
        "was driving northbound on I-75") for m in _HEADING.finditer(t)]
    assert heads == [("north", "117th street"), ("south", "117th street"), ("north", "interstate 75"),
                     ("north", "interstate 75")]


@pytest.mark.usefixtures("models_loaded")
def test_opposite_headings_on_one_road_are_a_conflict_and_one_heading_is_none() -> None:
    """ECB+ 21 (Queens): "a grey Toyota Camry that had been traveling north on 117th Street" and "heading north
    on 117th Street" agree; the second with its heading turned south is a conflict."""
    rows = {r["id"]: r for r in _rows("ecbp-21-ecbplus")}
    a = _sentence(rows["ecbp-bcfbba95a5c3"], "traveling north on 117th Street")
    b = _sentence(rows["ecbp-7aa69a8ed758"], "heading north on 117th Street")
    agree = compared([_article(rows["ecbp-bcfbba95a5c3"], a), _article(rows["ecbp-7aa69a8ed758"], b)])
    assert not [c for c in agree["conflicts"] if c.get("test") == "direction"]
    turned = compared([_article(rows["ecbp-bcfbba95a5c3"], a),
                       _article(rows["ecbp-7aa69a8ed758"], b.replace("north", "south"))])
    heads = [c for c in turned["conflicts"] if c.get("test") == "direction"]
    assert [sorted(v["value"] for v in c["variants"]) for c in heads] == [["north", "south"]]


@pytest.mark.usefixtures("models_loaded")
def test_the_dead_and_the_hurt_are_counted_whatever_word_counts_them() -> None:
    """ECB+ 18 (the Troy office shooting and the Vancouver party shooting): "shot to death one person and injured
    two others", "shooting three people, killing one" (three were shot: no count of the dead), "One man was shot
    and killed ... no one else was injured" (nobody is no count), "killed five people and injured several"."""
    from newsprism.compare.conflicts import victim_counts
    from newsprism.compare.text import build_views

    rows = {r["id"]: r for r in _rows("ecbp-18-ecbplus") + _rows("ecbp-18-ecb")}
    texts = {"ecbp-d88e48aa26be": "shot to death one person", "ecbp-1e6148bd1604": "shooting three people, killing one",
             "ecbp-42fd98077068": "One man was shot and killed", "ecbp-c37f1d1c321c": "killing one person, police said"}
    arts = [_article(rows[i], _sentence(rows[i], w)) for i, w in texts.items()]
    arts.append(_article(rows["ecbp-d88e48aa26be"], _sentence(rows["ecbp-d88e48aa26be"], "In February, a gunman")))
    got = {}
    for v in build_views(arts, entities=False):
        got.setdefault(v.id, []).extend((n.value, n.normalized, n.unit) for n in victim_counts([v]))
    assert got == {"ecbp-d88e48aa26be": [("one person", 1, "killed"), ("two others", 2, "injured"),
                                         ("five people", 5, "killed")],
                   "ecbp-1e6148bd1604": [("one", 1, "killed")],
                   "ecbp-42fd98077068": [("One man", 1, "killed man")],
                   "ecbp-c37f1d1c321c": [("one person", 1, "killed")]}


@pytest.mark.usefixtures("models_loaded")
def test_counts_of_the_dead_told_in_other_words_conflict_only_when_they_differ() -> None:
    """ECB+ 18-ecbplus: "shot to death one person and injured two others" and "shooting three people, killing one"
    agree (one dead, three shot), and so do the story's articles; the first sentence against the second with two
    dead is a conflict of the dead, not of the people shot."""
    rows = {r["id"]: r for r in _rows("ecbp-18-ecbplus")}
    story = compared([_article(r) for r in rows.values()])
    assert not [c for c in story["conflicts"] if c["kind"] == "number" and c["about"].startswith(("killed", "injured"))]
    a = _sentence(rows["ecbp-d88e48aa26be"], "shot to death one person")
    b = _sentence(rows["ecbp-1e6148bd1604"], "shooting three people, killing one")
    told = compared([_article(rows["ecbp-d88e48aa26be"], a),
                     _article(rows["ecbp-1e6148bd1604"], b.replace("killing one", "killing two"))])
    dead = [c for c in told["conflicts"] if c["kind"] == "number"]
    assert [sorted(v["value"] for v in c["variants"]) for c in dead] == [["1 killed", "2 killed"]]


def test_a_slot_unit_reads_as_written() -> None:
    from newsprism.compare.numbers import plural

    assert (plural("killed"), plural("killed man"), plural("injured"), plural("child"), plural("percentage point")) \
        == ("killed", "killed men", "injured", "children", "percentage points")
