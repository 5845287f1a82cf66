"""The held-out ECB+ fact gold (``benchmarks/gold/compare-ecb``) as the benchmark and the miss tally read it, on one
real story: ``ecb_fact_rows`` scores it with the BASIL rows' scorers, and ``compare_misses --gold`` gives every gold
article pair that no predicted link covers a cause, under the folder's name."""

from __future__ import annotations

import json
import shutil

from benchmarks.bench_compare import ECB_COMPARE_GOLD, ecb_fact_rows, gold_articles, score_links
from benchmarks.compare_misses import causes
from newsprism.compare.story import compare_story
from newsprism.types import Story


def test_one_ecb_story_is_scored_and_its_misses_tallied(tmp_path) -> None:
    folder = tmp_path / "compare-ecb"
    folder.mkdir()
    shutil.copy(ECB_COMPARE_GOLD / "ecb-45-ecb.json", folder)
    g = json.loads((folder / "ecb-45-ecb.json").read_text(encoding="utf-8"))
    articles = gold_articles(g)
    texts = {a.id: a.text for a in articles}
    story = compare_story(Story(id=g["story"], title=g["title"]), articles)
    correct, predicted, found, pairs = score_links([f["evidence"] for f in story.facts if len(f["outlets"]) > 1],
                                                   g["facts"], texts)
    assert pairs == sum(len(f["spans"]) * (len(f["spans"]) - 1) // 2 for f in g["facts"])
    assert 0 < found < pairs     # some pairs aligned, some missed: the tally below has something to explain

    rows = ecb_fact_rows(folder)
    assert rows[0]["story"] == "ecb-45-ecb (ECB+)" and (rows[0]["predicted"], rows[0]["gold"]) == (predicted, pairs)
    assert {r["story"] for r in rows[1:]} == {"ECB+ facts (second source; read since its first run, 1 stories)"}
    assert any(r["task"].startswith("outlet-set Jaccard of found facts") for r in rows)

    tally = causes(folder=folder)
    assert list(tally) == ["compare-ecb"]
    missed = sum(n for k, n in tally["compare-ecb"].items() if k.startswith("missed pair: "))
    assert missed == pairs - found
