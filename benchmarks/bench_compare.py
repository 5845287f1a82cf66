"""Story comparison: precision and recall of fact alignment, quote variants and conflicts
on hand-made gold (benchmarks/gold/compare/, see its README), and compare time per story.

Scoring (pairwise, by character overlap with the gold spans):
- facts / quotes: every pair of evidence spans of one predicted fact (utterance) from two
  different articles is a predicted link; it is correct when both spans overlap the spans
  of one gold fact (utterance) in those articles (a gold span occurring twice in an article
  counts at each place). Recall: the share of gold article pairs
  (two articles carrying one gold fact) some correct predicted link covers.
- conflicts: a predicted conflict is correct when its evidence overlaps two different
  variants of one gold conflict; recall is the share of gold conflicts so matched.
Baseline: the same clauses aligned by mutual best word-stem Jaccard (no embeddings, no
names or numbers), threshold 0.25.
Speed: models loaded and warmed first, the embedding and entity caches cleared before each
timing; wall seconds and CPU seconds of the process (all its threads: on a shared machine the
wall time includes waiting for a core), with the machine's 1-minute load average when the
timing starts (above 2 on 2 cores, other work shares them and the wall time says little).
"""

from __future__ import annotations

import itertools
import json
import os
import time
from pathlib import Path
from typing import Any

from benchmarks.common import DATA, ROOT, table, versions

GOLD = ROOT / "benchmarks" / "gold" / "compare"


def _articles(rows: list[dict[str, Any]]) -> list:
    from newsprism.types import Article

    return [Article(id=r["id"], source=f"{r.get('set', 'basil')}.jsonl:{r['id']}", input_sha256="",
                    text=r["text"], title=r.get("title"), outlet=r.get("outlet"), published=r.get("published"))
            for r in rows]


def load_basil() -> list[dict[str, Any]]:
    with open(DATA / "stories-dev" / "basil.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_gold() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


def _ranges(text: str, quote: str) -> tuple[int, int] | None:
    i = text.find(quote)
    if i < 0:
        i = " ".join(text.split()).find(" ".join(quote.split()))   # whitespace-normalised fallback
        if i < 0:
            return None
        return i, i + len(" ".join(quote.split()))      # approximate position in the normalised text
    return i, i + len(quote)


def _overlaps(r: tuple[int, int] | None, spans: list[tuple[int, int]]) -> bool:
    return r is not None and any(r[0] < b and a < r[1] for a, b in spans)


def _occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place a gold span occurs: a line quoted twice in one article ("Tell me who you are," …
    "Tell me who you are.") is the same gold span wherever the system's evidence takes it from."""
    out, i = [], text.find(quote)
    while i >= 0:
        out.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return out or ([r] if (r := _ranges(text, quote)) else [])


def _gold_spans(item: dict, texts: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    return {aid: [r for s in spans for r in _occurrences(texts[aid], s)] for aid, spans in item["spans"].items()}


def score_links(pred_groups: list[list[dict]], gold_items: list[dict], texts: dict[str, str]) -> tuple[int, int, int, int]:
    """(correct predicted links, predicted links, gold pairs found, gold pairs)."""
    gold = [_gold_spans(g, texts) for g in gold_items]
    links = []
    for group in pred_groups:
        ev = [(e["article"], _ranges(texts[e["article"]], e["quote"])) for e in group]
        for (a1, r1), (a2, r2) in itertools.combinations(ev, 2):
            if a1 != a2:
                links.append((a1, r1, a2, r2))
    correct = sum(1 for a1, r1, a2, r2 in links
                  if any(a1 in g and a2 in g and _overlaps(r1, g[a1]) and _overlaps(r2, g[a2]) for g in gold))
    found = total = 0
    for g in gold:
        for a1, a2 in itertools.combinations(sorted(g), 2):
            total += 1
            found += any({a1, a2} == {x1, x2} and _overlaps(r1, g[x1]) and _overlaps(r2, g[x2])
                         for x1, r1, x2, r2 in links)
    return correct, len(links), found, total


def score_conflicts(pred: list[dict], gold_items: list[dict], texts: dict[str, str]) -> tuple[int, int, int, int]:
    gold = [[_gold_spans(v, texts) for v in g["variants"]] for g in gold_items]

    def hits(c: dict, g: list[dict]) -> bool:
        touched = set()
        for i, var in enumerate(g):
            for v in c["variants"]:
                for e in v["evidence"]:
                    if e["article"] in var and _overlaps(_ranges(texts[e["article"]], e["quote"]), var[e["article"]]):
                        touched.add(i)
        return len(touched) >= 2

    correct = sum(1 for c in pred if any(hits(c, g) for g in gold))
    found = sum(1 for g in gold if any(hits(c, g) for c in pred))
    return correct, len(pred), found, len(gold)


def _prf(c: int, n: int, f: int, t: int) -> tuple[float | None, float | None]:
    return (c / n if n else None), (f / t if t else None)


def baseline_facts(articles: list) -> list[list[dict]]:
    """Clauses aligned by word-stem Jaccard alone (mutual best per article pair)."""
    import numpy as np

    from newsprism.compare.facts import align, build_units
    from newsprism.compare.text import People, build_views

    views = [v for v in build_views(articles) if v.sentences]
    units = build_units(views, People())
    n = len(units)
    score = np.full((n, n), -1.0)
    for i in range(n):
        for j in range(n):
            if units[i].view is not units[j].view:
                a, b = units[i].stems, units[j].stems
                score[i, j] = len(a & b) / len(a | b) if a | b else 0.0
    return [[{"article": u.view.id, "quote": u.text} for u in g] for g in align(units, score, 0.25) if len(g) > 1]


#: the first three gold stories (round 1); the others were added in round 2 (README)
ORIGINAL = ("basil-3db93526", "basil-6b541575", "basil-74708dbf")


def quality() -> list[dict[str, Any]]:
    from newsprism.compare.story import compare_story
    from newsprism.types import Story

    rows = load_basil()
    totals: dict[str, list[int]] = {}
    out = []
    for g in load_gold():
        members = [r for r in rows if r["story"] == g["story"]]
        articles = _articles(members)
        texts = {a.id: a.text for a in articles}
        story = compare_story(Story(id=g["story"], title=g.get("title", "")), articles)
        facts = score_links([f["evidence"] for f in story.facts if len(f["outlets"]) > 1], g["facts"], texts)
        quotes = score_links([[e for v in q["variants"] for e in v["evidence"]] for q in story.quotes],
                             g["quotes"], texts)
        conflicts = score_conflicts(story.conflicts, g["conflicts"], texts)
        base = score_links(baseline_facts(articles), g["facts"], texts)
        for name, counts in (("facts", facts), ("quotes", quotes), ("conflicts", conflicts), ("facts_baseline", base)):
            for key in (name, "old:" + name) if g["story"].startswith(ORIGINAL) else (name,):
                acc = totals.setdefault(key, [0, 0, 0, 0])
                for i, c in enumerate(counts):
                    acc[i] += c
        for name, counts in (("facts", facts), ("quotes", quotes), ("conflicts", conflicts)):
            p, r = _prf(*counts)
            out.append({"story": g["story"][:14], "task": name, "precision": p, "recall": r,
                        "predicted": counts[1], "gold": counts[3]})
    for prefix, story in (("old:", "first 3 (micro)"), ("", "ALL (micro)")):
        for name, label in (("facts", "facts"), ("facts_baseline", "facts: Jaccard baseline"),
                            ("quotes", "quote variants"), ("conflicts", "conflicts")):
            if prefix + name not in totals:
                continue
            p, r = _prf(*totals[prefix + name])
            out.append({"story": story, "task": label, "precision": p, "recall": r,
                        "predicted": totals[prefix + name][1], "gold": totals[prefix + name][3]})
    return out


def speed_corpus() -> list[dict[str, Any]]:
    """200 distinct news texts: basil (102), the extraction dev gold bodies (61), then other copies."""
    rows = [dict(r, set="basil") for r in load_basil()]
    gold = json.loads((DATA / "extraction-dev" / "gold.json").read_text(encoding="utf-8"))
    rows += [{"id": f"x-{k}", "text": v, "outlet": f"outlet {i % 7}", "published": None, "set": "x"}
             for i, (k, v) in enumerate(sorted(gold.items()))]
    with open(DATA / "dupes-dev" / "dupes.jsonl", encoding="utf-8") as fh:
        seen = {r["text"] for r in rows}
        for line in fh:
            r = json.loads(line)
            if r["text"] not in seen and len(rows) < 200:
                rows.append(dict(r, id=f"d-{len(rows)}", set="dupes"))
                seen.add(r["text"])
    return rows[:200]


def speed() -> list[dict[str, Any]]:
    from newsprism.compare import models
    from newsprism.compare.story import compare_story
    from newsprism.types import Story

    models.embed(["warm up"])
    models.tagger()
    corpus = speed_corpus()
    out = []
    for n in (10, 200):
        articles = _articles(corpus[:n])
        models.clear_caches()
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        started, cpu = time.perf_counter(), time.process_time()
        story = compare_story(Story(id=f"speed{n}", title=""), articles)
        secs = time.perf_counter() - started
        out.append({"articles": n, "chars": sum(len(a.text) for a in articles), "seconds": secs,
                    "cpu_s": time.process_time() - cpu,
                    "budget_s": 2.0 if n == 10 else 30.0, "facts": len(story.facts), "load": load})
    return out


def run() -> list[dict[str, Any]]:
    return quality() + [{"story": f"speed: {r['articles']} articles", "task": f"{r['seconds']:.2f} s, "
                         f"{r['cpu_s']:.1f} CPU s (budget {r['budget_s']:.0f} s, {r['chars']} chars, load {r['load']:.1f})"} for r in speed()]


def main() -> None:
    rows = run()
    print(table(f"compare: gold on {len(load_gold())} basil stories, "
                f"{versions('transformers', 'spacy', 'torch')}", rows,
                ["story", "task", "precision", "recall", "predicted", "gold"]))


if __name__ == "__main__":
    main()
