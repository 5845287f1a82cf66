"""The benchmark's outlet scoring of found facts (``benchmarks/bench_compare.py``), on a real gold story: the two
errors, an outlet cited whose evidence does not state the fact and an outlet that states it left out, are counted
apart."""

from __future__ import annotations

import types

from benchmarks.bench_compare import gold_articles, load_basil, load_gold, score_outlet_errors, score_outlets


def _gold_story():
    g = next(x for x in load_gold() if x["story"].startswith("basil-6b541575"))
    texts = {a.id: a.text for a in gold_articles(g, load_basil())}
    fact = next(f for f in g["facts"] if len(f["spans"]) == 3)
    return g, texts, fact


def _found(fact: dict, arts: list[str], wrong: str | None = None, texts: dict | None = None) -> types.SimpleNamespace:
    ev = [{"article": a, "quote": fact["spans"][a][0]} for a in arts]
    if wrong:     # the article's last sentence: no gold span of this fact lies there
        ev.append({"article": wrong, "quote": texts[wrong].strip().rsplit("\n", 1)[-1][-60:]})
    return types.SimpleNamespace(facts=[{"outlets": sorted({e["article"] for e in ev}), "evidence": ev}])


def test_a_fact_of_every_gold_outlet_has_no_error() -> None:
    g, texts, fact = _gold_story()
    story = _found(fact, sorted(fact["spans"]))
    assert score_outlet_errors(story, g, texts) == (0, 3, 0, 3)
    assert score_outlets(story, g, texts) == (1.0, 1)


def test_an_outlet_left_out_and_one_cited_wrongly_are_counted_apart() -> None:
    g, texts, fact = _gold_story()
    a, b, c = sorted(fact["spans"])
    # two outlets found, the third left out though the gold says it states the fact
    assert score_outlet_errors(_found(fact, [a, b]), g, texts) == (0, 2, 1, 3)
    # the third cited by a sentence that does not state the fact: cited wrongly, not left out
    errors = score_outlet_errors(_found(fact, [a, b], wrong=c, texts=texts), g, texts)
    assert errors == (1, 3, 0, 3)


def test_brief_citations_judged_by_the_gold_fact_of_the_sentence() -> None:
    """``score_brief_citations``: an outlet a shared brief sentence cites is right when its quote states the gold
    fact the sentence's own quote states, wrong when it quotes another part of its article; an attributed sentence
    (one outlet) is not judged."""
    from benchmarks.bench_compare import score_brief_citations

    g, texts, fact = _gold_story()
    a, b, c = sorted(fact["spans"])
    wrong = texts[c].strip().rsplit("\n", 1)[-1][-60:]
    brief = [{"kind": "shared", "sources": [{"article": a, "quote": fact["spans"][a][0]},
                                            {"article": b, "quote": fact["spans"][b][0]},
                                            {"article": c, "quote": wrong}]},
             {"kind": "attributed", "sources": [{"article": a, "quote": fact["spans"][a][0]}]}]
    assert score_brief_citations(types.SimpleNamespace(brief=brief), g, texts) == (1, 2, 0)
