"""The parsed-clause measurement (``benchmarks.compare_units``) on real BASIL sentences: only the nested clauses of the
kinds asked for are read (an adverbial "as ..." clause on demand, without its "as"), and the parsed clauses of a gold
story can be added beside the stage's comma-cut pieces, every stage unit kept where it was."""

from __future__ import annotations

import json

from benchmarks.bench_compare import GOLD, gold_articles, load_basil
from benchmarks.compare_misses import _captured
from benchmarks.compare_units import _with_clauses, clauses
from newsprism.compare.claims import parser


def _story(name: str) -> tuple[dict, dict]:
    g = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    return g, {a.id: a for a in gold_articles(g, load_basil())}


def _sentence(text: str, start: str, after: str) -> str:
    i = text.index(start)
    return text[i:text.index(".", text.index(after, i)) + 1]


def test_clauses_of_the_kinds_asked_for() -> None:
    _, arts = _story("basil-08bb9bee")
    s = _sentence(arts["basil-08bb9bee-fox"].text, "Mitt Romney joined", "stay in the race")
    doc = parser()(s)
    assert clauses(doc, ()) == []       # the main clause alone is no cut
    main, *rest = clauses(doc, ("advcl",))
    assert rest == ["the Republican congressman continued to hold his ground and vowed to stay in the race"]
    assert main.startswith("Mitt Romney joined") and "as the Republican" not in main
    # a coordinated verb given the subject of the verb it is coordinated with
    assert clauses(doc, ("advcl", "conj"))[1:] == ["the Republican congressman continued to hold his ground",
                                                  "the Republican congressman vowed to stay in the race"]


def test_parsed_clauses_beside_the_stage_pieces() -> None:
    g, arts = _story("basil-08bb9bee")
    _, cap = _captured(list(arts.values()), g["story"])
    units = list(cap["units"])
    index = [u.index for u in units]
    d = dict(units=units, views=cap["views"], score=cap["score"], cos=cap["cos"])
    (beside,) = _with_clauses([d], False, ("advcl", "conj"), beside=True)
    (instead,) = _with_clauses([d], False, ("advcl", "conj"))
    kept = beside["units"][:len(units)]
    assert all(a is b for a, b in zip(kept, units)) and [u.index for u in kept] == index
    added = beside["units"][len(units):]
    pieces = {(id(u.parent), u.text) for u in units if u.parent is not None}
    assert added and all(u.parent is not None and (id(u.parent), u.text) not in pieces for u in added)
    # in place of the pieces: the sentences and the parsed clauses (those the same as a piece too), no stage piece
    parsed = [u for u in instead["units"] if u.parent is not None]
    assert {u.text for u in added} <= {u.text for u in parsed} and not {id(u) for u in parsed} & {id(u) for u in units}
    assert len(instead["units"]) == len([u for u in units if u.parent is None]) + len(parsed)
    assert beside["score"].shape == (len(beside["units"]),) * 2
