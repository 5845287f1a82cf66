"""Why gold facts are missed: each gold article pair no predicted link covers, and each gold article a
single-source predicted fact lacks, put under one cause (``python -m benchmarks.compare_misses [-v] [--gold FOLDER]``;
``--gold`` reads another gold folder than ``benchmarks/gold/compare``, e.g. ``benchmarks/gold/compare-ecb``, whose
stories are tallied under the folder's name).

Causes, checked in this order for the two articles' sentences that overlap the gold fact's spans:
- not extracted: no sentence of the article's view overlaps the gold span (split away, or outside the text
  compared);
- fragment filter: a sentence overlaps it, but the headline / whole-claim filter left it out;
- scorer: a predicted fact holds a sentence of each article overlapping the gold fact, yet no link was counted;
- below threshold: the best-scoring pair of the two articles' sentences scores under ``LINK``;
- other sentence preferred: the pair passes ``LINK`` but one side's best match in the other article is another
  sentence (no mutual link, and under ``ONE_WAY``);
- group refused: the two sentences link, but their groups were not joined (mean score under ``GROUP``, or a
  group already holding a sentence of the article);
- (single-source facts only) restated: the article states the gold fact again in another sentence, one that
  is in a fact with the other outlet already;
plus, counted apart, "sentence in another gold fact": one of the two sentences also overlaps another gold
fact's span (one sentence stating two gold facts can join one group only), and "clause of a longer sentence":
the gold span is under half of the sentence holding it.

The coverage pass (``newsprism.compare.facts.covering``) is tallied apart: each outlet it adds to a fact that
overlaps a gold fact, as "states the gold fact" when its sentence overlaps that gold fact's spans in its article,
else "does not" (with ``-v``, each added sentence beside the fact's text).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np

from benchmarks.bench_compare import TUNED, _gold_spans, _overlaps, _ranges, gold_articles, load_basil, load_gold


def _captured(articles, story_id: str):
    from newsprism.compare import facts as F
    from newsprism.compare import story as S
    from newsprism.types import Story

    cap: dict = {"covered": []}
    original, covering = S.build_facts, F.covering

    def spy(views, units, score, cos, *a, **k):
        facts = original(views, units, score, cos, *a, **k)
        cap.update(views=views, units=units, score=score, cos=cos, facts=facts)
        return facts

    def cover_spy(text, rep, group, *a, **k):
        added = covering(text, rep, group, *a, **k)
        cap["covered"] += [(text, list(group), u) for u in added]
        return added

    S.build_facts, F.covering = spy, cover_spy
    try:
        story = S.compare_story(Story(id=story_id, title=""), articles)
    finally:
        S.build_facts, F.covering = original, covering
    return story, cap


def _span_units(units, aid: str, ranges) -> list:
    return [u for u in units if u.view.id == aid and _overlaps((u.span.start, u.span.end), ranges)]


def causes(verbose: bool = False, folder: Path | None = None) -> dict[str, Counter]:
    """The tallies by half of the gold (tuned / new), or, with ``folder``, of that folder's gold under its name."""
    from newsprism.compare import facts as F
    from newsprism.compare.text import is_heading
    from newsprism.compare.whole import looks_whole

    rows = load_basil()
    out: dict[str, Counter] = {}
    for g in load_gold(folder):
        articles = gold_articles(g, rows)
        texts = {a.id: a.text for a in articles}
        story, cap = _captured(articles, g["story"])
        units, score, facts, views = cap["units"], cap["score"], cap["facts"], cap["views"]
        view = {v.id: v for v in views}
        fact_of: dict[int, list[int]] = {}
        for k, f in enumerate(facts):
            for u in f["_units"]:
                fact_of.setdefault(id(u), []).append(k)
        golds = [_gold_spans(gf, texts) for gf in g["facts"]]
        half = folder.name if folder else "tuned" if g["story"].startswith(TUNED) else "new"
        tally = out.setdefault(half, Counter())
        links = []
        for f in story.facts:
            if len(f["outlets"]) < 2:
                continue
            ev = [(e["article"], _ranges(texts[e["article"]], e["quote"])) for e in f["evidence"]]
            links += [(a1, r1, a2, r2) for i, (a1, r1) in enumerate(ev) for a2, r2 in ev[i + 1:] if a1 != a2]

        def why(gi: int, a1: str, a2: str) -> tuple[str, list[str]]:
            gs = golds[gi]
            notes = []
            side = {}
            for a in (a1, a2):
                us = _span_units(units, a, gs[a])
                if not us:
                    v = view.get(a)
                    sents = [s for s in (v.sentences if v else []) if _overlaps((s.start, s.end), gs[a])]
                    if sents and all(is_heading(s) or not looks_whole(s.text) for s in sents):
                        return "fragment filter", [s.text[:90] for s in sents]
                    return "not extracted", [texts[a][r[0]:r[1]][:90] for r in gs[a]]
                side[a] = us
            for a, us in side.items():
                if any(_overlaps((u.span.start, u.span.end), golds[o].get(a, [])) for u in us
                       for o in range(len(golds)) if o != gi):
                    notes.append("sentence in another gold fact")
                if all((r[1] - r[0]) < 0.5 * max(len(u.text) for u in us) for r in gs[a]):
                    notes.append("clause of a longer sentence")
            pairs = [(float(score[u.index, w.index]), u, w) for u in side[a1] for w in side[a2]]
            if any(set(fact_of.get(id(u), ())) & set(fact_of.get(id(w), ())) for _, u, w in pairs):
                return "scorer", notes
            s, u, w = max(pairs, key=lambda p: p[0])
            notes.append(f"{s:.2f} | {u.text[:80]} | {w.text[:80]}")
            if s < F.LINK:
                return "below threshold", notes
            ix1 = [x.index for x in units if x.view is u.view]
            ix2 = [x.index for x in units if x.view is w.view]
            best_w = ix2[int(np.argmax(score[u.index, ix2]))]
            best_u = ix1[int(np.argmax(score[w.index, ix1]))]
            if (best_w != w.index or best_u != u.index) and s < F.ONE_WAY:
                other = units[best_w] if best_w != w.index else units[best_u]
                notes.append(f"preferred {float(max(score[u.index, best_w], score[w.index, best_u])):.2f}: {other.text[:80]}")
                return "other sentence preferred", notes
            return "group refused", notes

        for gi, gs in enumerate(golds):
            arts = sorted(gs)
            for i, a1 in enumerate(arts):
                for a2 in arts[i + 1:]:
                    found = any({a1, a2} == {x1, x2} and _overlaps(r1, gs[x1]) and _overlaps(r2, gs[x2])
                                for x1, r1, x2, r2 in links)
                    if found:
                        continue
                    cause, notes = why(gi, a1, a2)
                    tally["missed pair: " + cause] += 1
                    for n in sorted(set(notes)):
                        if n in ("sentence in another gold fact", "clause of a longer sentence"):
                            tally["missed pair, also: " + n] += 1
                    if verbose:
                        print(f"[{g['story'][:14]} {half}] MISS {cause}: {g['facts'][gi]['about'][:70]}")
                        for n in notes:
                            print("     ", n)
        for text, group, u in cap["covered"]:
            ev = [(x.view.id, (x.span.start, x.span.end)) for x in group]
            hit = [gi for gi, gs in enumerate(golds) if any(a in gs and _overlaps(r, gs[a]) for a, r in ev)]
            if not hit:
                tally["coverage pass: outlet added to a fact on no gold fact"] += 1
                continue
            ok = any(u.view.id in golds[gi] and _overlaps((u.span.start, u.span.end), golds[gi][u.view.id]) for gi in hit)
            tally["coverage pass: outlet added, " + ("states the gold fact" if ok else "does not state it")] += 1
            if verbose:
                print(f"[{g['story'][:14]} {half}] COVER {'ok' if ok else 'WRONG'}: {text[:90]}")
                print("      +", u.view.label, "|", u.text[:110])
        # single-source predicted facts that overlap a gold fact: why each gold article it lacks is not in it
        for f in story.facts:
            if len(f["outlets"]) != 1:
                continue
            e = f["evidence"][0]
            r = _ranges(texts[e["article"]], e["quote"])
            hit = [gi for gi, gs in enumerate(golds) if e["article"] in gs and _overlaps(r, gs[e["article"]])]
            if not hit:
                continue
            gi = hit[0]
            for other in golds[gi]:
                if other == e["article"]:
                    continue
                cause, notes = why(gi, e["article"], other)
                if cause == "scorer":     # another sentence of its article already joins that outlet on it
                    cause = "restated: another sentence of its article is in a fact with that outlet"
                tally["single-source fact lacks an outlet: " + cause] += 1
                if verbose:
                    print(f"[{g['story'][:14]} {half}] SINGLE {cause}: {g['facts'][gi]['about'][:70]}")
                    for n in notes:
                        print("     ", n)
    return out


def main() -> None:
    folder = Path(sys.argv[sys.argv.index("--gold") + 1]) if "--gold" in sys.argv else None
    result = causes("-v" in sys.argv, folder)
    for half, tally in result.items():
        print(f"== {half} half")
        for what in ("missed pair: ", "missed pair, also: ", "single-source fact lacks an outlet: ", "coverage pass: "):
            rows = {k: n for k, n in tally.items() if k.startswith(what)}
            total = sum(rows.values()) if what != "missed pair, also: " else \
                sum(n for k, n in tally.items() if k.startswith("missed pair: "))
            for k, n in sorted(rows.items(), key=lambda kv: -kv[1]):
                print(f"  {n:4d}  {n / max(1, total):4.0%}  {k}")


if __name__ == "__main__":
    main()
