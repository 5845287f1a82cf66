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
