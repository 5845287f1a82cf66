"""The comparison gold (benchmarks/gold/compare) passes its checker, and the checker catches bad gold."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold" / "compare"


def _checker():
    spec = importlib.util.spec_from_file_location("check_gold", GOLD / "check_gold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_every_gold_file_is_valid(capsys):
    assert len(list(GOLD.glob("*.json"))) >= 13
    assert _checker().main([]) == 0, capsys.readouterr().out


def test_checker_reports_a_span_not_in_its_article_and_a_bad_schema(tmp_path):
    check = _checker()
    texts = check.load_texts()
    gold = json.loads((GOLD / "basil-2153fb3e.json").read_text(encoding="utf-8"))
    assert check.check_file(GOLD / "basil-2153fb3e.json", texts) == []
    # a straight quote where the article has a curly one is not the article's text
    fact = gold["facts"][4]
    nyt = "basil-2153fb3e-nyt"
    fact["spans"][nyt] = [fact["spans"][nyt][0].replace("\u201c", '"')]
    gold["quotes"][0]["speaker"] = ""
    gold["conflicts"][0]["variants"] = gold["conflicts"][0]["variants"][:1]
    del gold["relayed"]
    bad = tmp_path / "basil-2153fb3e.json"
    bad.write_text(json.dumps(gold), encoding="utf-8")
    problems = check.check_file(bad, texts)
    assert any("not a substring" in p and nyt in p for p in problems)
    assert any("quotes[0]" in p and "speaker" in p for p in problems)
    assert any("conflicts[0]" in p and "two or more" in p for p in problems)
    assert any("missing key 'relayed'" in p for p in problems)


ECB_GOLD = ROOT / "benchmarks" / "gold" / "compare-ecb"


def test_ecb_gold_loads_as_the_benchmark_reads_it():
    """The held-out ECB+ gold: every file valid, and the benchmark gives each file its listed articles, each its own
    outlet, in which every fact, quote, conflict and relayed span occurs."""
    from benchmarks.bench_compare import _gold_spans, gold_articles

    paths = sorted(ECB_GOLD.glob("ecb-*.json"))
    assert len(paths) >= 3
    check = _checker()
    texts = check.load_texts()
    for path in paths:
        assert check.check_file(path, texts) == [], path.name
        gold = json.loads(path.read_text(encoding="utf-8"))
        articles = gold_articles(gold)
        assert [a.id for a in articles] == gold["articles"]
        assert len({a.outlet for a in articles}) == len(articles)
        by_id = {a.id: a.text for a in articles}
        items = gold["facts"] + gold["quotes"] + [v for c in gold["conflicts"] for v in c["variants"]]
        for item in items:
            assert all(spans for spans in _gold_spans(item, by_id).values()), item
        assert all(len(f["spans"]) >= 2 for f in gold["facts"])
        assert all(r["span"] in by_id[r["article"]] for r in gold["relayed"])


def test_checker_reports_an_ecb_span_off_its_article_and_an_article_not_listed(tmp_path):
    check = _checker()
    texts = check.load_texts()
    gold = json.loads((ECB_GOLD / "ecb-45-ecb.json").read_text(encoding="utf-8"))
    first, second = gold["articles"][:2]
    fact = gold["facts"][0]
    # a span of one article given to another article of the same story
    fact["spans"][second] = fact["spans"][first]
    gold["articles"] = gold["articles"][1:]
    bad = tmp_path / "ecb-45-ecb.json"
    bad.write_text(json.dumps(gold), encoding="utf-8")
    problems = check.check_file(bad, texts)
    assert any("not a substring" in p and second in p for p in problems)
    assert any(first in p and "not among its 'articles'" in p for p in problems)
    del gold["articles"]
    bad.write_text(json.dumps(gold), encoding="utf-8")
    assert any("missing key 'articles'" in p for p in check.check_file(bad, texts))
