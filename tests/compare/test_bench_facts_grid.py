"""The cross-source threshold check (``benchmarks.facts_grid``) on one real ECB+ gold story (ECB+ 21; ECB+ 4 since the
facts read word by word links as many either way): today's setting scores
as the benchmark's own compare does, a lone pair of sentences merging at LINK instead of GROUP (``facts.PAIR``)
aligns more, and the module's constants and defaults are as before after each call."""

from __future__ import annotations

import json

from benchmarks.bench_compare import ECB_COMPARE_GOLD, gold_articles, score_links
from benchmarks.facts_grid import TODAY, score
from newsprism.compare import facts
from newsprism.compare.story import compare_story
from newsprism.types import Story


def test_a_setting_is_scored_then_undone() -> None:
    g = json.loads((ECB_COMPARE_GOLD / "ecb-21-ecbplus.json").read_text(encoding="utf-8"))
    articles = gold_articles(g)
    texts = {a.id: a.text for a in articles}
    assert TODAY == {k: getattr(facts, k) for k in TODAY}
    story = compare_story(Story(id=g["story"], title=g["title"]), articles)
    correct, predicted, found, pairs = score_links([f["evidence"] for f in story.facts if len(f["outlets"]) > 1],
                                                   g["facts"], texts)

    today = score(TODAY, [(g, articles)])
    assert (today["links"], today["pairs"]) == (predicted, pairs) and today["R"] == found / pairs
    assert 0 < today["J"] <= 1

    lone_at_link = score(dict(TODAY, PAIR=TODAY["LINK"]), [(g, articles)])
    assert lone_at_link["links"] > today["links"] and lone_at_link["R"] > today["R"]
    assert TODAY == {k: getattr(facts, k) for k in TODAY} and facts.align.__defaults__ == (facts.LINK,)
    again = compare_story(Story(id=g["story"], title=g["title"]), articles)
    assert [f["evidence"] for f in again.facts] == [f["evidence"] for f in story.facts]
