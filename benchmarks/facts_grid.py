"""Cross-source check of the fact alignment's thresholds (issue 18): for each setting of ``facts``' constants
(``grid``), fact P/R and the outlet-set Jaccard of found facts on the BASIL comparison gold (``gold/compare``, its
21 stories, seeds included) and on the ECB+ one (``gold/compare-ecb``); then the setting each source would choose
(most recall at fact precision >= today's setting's on that source, or >= 0.90) scored on the other. About 2 min.

    PYTHONPATH=$PWD python -m benchmarks.facts_grid
"""
from __future__ import annotations

import itertools
import json
import sys
import time

from benchmarks.bench_compare import (ECB_COMPARE_GOLD, ECB_FILES, GOLD, _prf, gold_articles, load_basil,
                                      load_gold, score_links, score_outlets)

#: today's setting first
TODAY = {"LINK": 0.3, "ONE_WAY": 0.5, "GROUP": 0.4, "PAIR": 0.4, "CLAUSE_LINK": 0.6}


def grid() -> list[dict[str, float]]:
    """Today's setting, then GROUP x CLAUSE_LINK x PAIR (a lone pair's merge: at GROUP, 0.35 or LINK), then LINK and
    ONE_WAY moved one step each way."""
    out = [dict(TODAY)]
    for group, clause, pair in itertools.product((0.35, 0.4, 0.45), (0.5, 0.55, 0.6), (None, 0.35, 0.3)):
        s = dict(TODAY, GROUP=group, PAIR=group if pair is None else pair, CLAUSE_LINK=clause)
        if s["PAIR"] <= s["GROUP"] and s not in out:
            out.append(s)
    for link, one_way in ((0.25, 0.5), (0.35, 0.5), (0.3, 0.45), (0.3, 0.55)):
        out.append(dict(TODAY, LINK=link, ONE_WAY=one_way))
    return out


def sources() -> dict[str, list[tuple[dict, list]]]:
    """(gold file, its articles) of each source."""
    rows = load_basil()
    basil = [(g, gold_articles(g, rows)) for g in load_gold(GOLD)]
    ecb = [(g, gold_articles(g)) for g in
           (json.loads(p.read_text(encoding="utf-8")) for p in sorted(ECB_COMPARE_GOLD.glob(ECB_FILES)))]
    return {"BASIL": basil, "ECB+": ecb}


def score(setting: dict[str, float], stories: list[tuple[dict, list]]) -> dict[str, float]:
    """Fact P/R (links between outlets, as ``quality``: correct / predicted links, gold pairs found / gold pairs),
    the counts, and the outlet-set Jaccard of found facts, with ``facts``' constants set to ``setting`` for the
    call (restored after)."""
    from newsprism.compare import facts
    from newsprism.compare.story import compare_story
    from newsprism.types import Story

    fns = (facts.align, facts.complete, facts.build_facts)    # ``link`` is their first default
    saved = {k: getattr(facts, k) for k in setting}, [fn.__defaults__ for fn in fns]
    for k, v in setting.items():
        setattr(facts, k, v)
    for fn in fns:
        fn.__defaults__ = (setting["LINK"],) + fn.__defaults__[1:]
    try:
        counts, js, jn = [0, 0, 0, 0], 0.0, 0
        for g, articles in stories:
            texts = {a.id: a.text for a in articles}
            story = compare_story(Story(id=g["story"], title=g.get("title", "")), articles)
            c = score_links([f["evidence"] for f in story.facts if len(f["outlets"]) > 1], g["facts"], texts)
            counts = [a + b for a, b in zip(counts, c)]
            s, n = score_outlets(story, g, texts)
            js, jn = js + s, jn + n
    finally:
        for k, v in saved[0].items():
            setattr(facts, k, v)
        for fn, d in zip(fns, saved[1]):
            fn.__defaults__ = d
    p, r = _prf(*counts)
    return {"P": p or 0.0, "R": r or 0.0, "J": js / jn if jn else 0.0, "links": counts[1], "pairs": counts[3]}


def main() -> None:
    t0 = time.time()
    data = sources()
    settings = grid()
    results = []
    for s in settings:
        results.append((s, {name: score(s, st) for name, st in data.items()}))
        print(s, {k: {m: round(x, 3) for m, x in v.items()} for k, v in results[-1][1].items()},
              f"{time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    today = results[0][1]
    print(" / ".join(f"{src}: {today[src]['pairs']} gold pairs, {len(st)} stories" for src, st in data.items()))
    print("| chosen on | setting | BASIL P (links) | BASIL R | BASIL J | ECB+ P (links) | ECB+ R | ECB+ J |")
    print("|---|---|---|---|---|---|---|---|")

    def row(label, s, res):
        name = ", ".join(f"{k} {v}" for k, v in s.items())
        print(f"| {label} | {name} | " + " | ".join(
            f"{res[src]['P']:.3f} ({res[src]['links']}) | {res[src]['R']:.3f} | {res[src]['J']:.3f}"
            for src in ("BASIL", "ECB+")) + " |")

    row("today", *results[0])
    for src in ("BASIL", "ECB+"):
        for floor, why in ((today[src]["P"], f"today's {today[src]['P']:.3f}"), (0.90, "0.90")):
            ok = [x for x in results if x[1][src]["P"] >= floor]
            if ok:
                row(f"{src}, P >= {why}", *max(ok, key=lambda x: (x[1][src]["R"], x[1][src]["P"])))
    print()
    for i, (s, res) in enumerate(results):
        row(f"grid {i}", s, res)
    print(f"{len(settings)} settings, {time.time() - t0:.0f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
