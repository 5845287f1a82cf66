"""Word-by-word alignment for the facts, fitted and checked across sets (``python -m benchmarks.facts_tokens``).

The stage's pair score (``facts._scores``: sentence cosine, IDF-weighted Dice of content-word stems, shared names
and figures) ranks sentence pairs of two outlets by whether they state one fact. ``facts.token_f`` adds the
alignment of the two sentences' content words one by one (BERTScore F1 over MiniLM's token vectors, IDF-weighted).
This script

1. captures every gold story of ``gold/compare`` (BASIL events and the seeds, split A / B by sorted event id as
   ``compare_units`` does) and of ``gold/compare-ecb`` (ECB+, another source) as the stage compares them, without the
   word-by-word rescoring;
2. prints, per set, the average precision of ranking cross-article sentence pairs (positive: both overlap one gold
   fact) by the stage score, by F alone and by the two fitted together on another set;
3. fits, on each of A, B and A + B, a logistic regression of the label on (score, F) and one on the score alone,
   and reads the first back on the score's scale through the second (``TOKEN_K0``, ``TOKEN_KS``, ``TOKEN_KF``);
4. prints the facts' link precision / recall on every set with each fit, the rescored pairs shifted down by 0, 0.02
   and 0.04 (fewer links), beside the stage without it. The stage ships the A + B fit unshifted: the fit's own
   reading on the score's scale, no constant chosen by its figures.
"""

from __future__ import annotations

import itertools

import numpy as np


def _no_tokens(units, score) -> None:
    return None


def capture() -> list[dict]:
    from benchmarks.bench_compare import ECB_COMPARE_GOLD
    from benchmarks.compare_units import _capture
    from newsprism.compare import facts as F

    keep = F._by_tokens
    F._by_tokens = _no_tokens
    try:
        return _capture() + _capture(ECB_COMPARE_GOLD)
    finally:
        F._by_tokens = keep


def pairs(data: list[dict]) -> dict[str, dict[str, np.ndarray]]:
    """Per set (A, B, ECB+): every cross-article sentence pair's label, stage score and F."""
    from benchmarks.bench_compare import _gold_spans, _overlaps
    from newsprism.compare import facts as F

    out: dict[str, dict[str, list]] = {}
    for d in data:
        sents = [u for u in d["units"] if u.parent is None]
        golds = [_gold_spans(g, d["texts"]) for g in d["g"]["facts"]]
        ij = [(a.index, b.index) for a, b in itertools.combinations(sents, 2) if a.view.id != b.view.id]
        if not ij:
            continue
        f = F.token_f(d["units"], np.array(ij))
        u = d["units"]
        rec = out.setdefault(d["split"], {"y": [], "s": [], "f": []})
        for (i, j), fv in zip(ij, f):
            a, b = u[i], u[j]
            rec["y"].append(any(a.view.id in g and b.view.id in g
                                and _overlaps((a.span.start, a.span.end), g[a.view.id])
                                and _overlaps((b.span.start, b.span.end), g[b.view.id]) for g in golds))
            rec["s"].append(float(d["score"][i, j]))
            rec["f"].append(float(fv))
    return {k: {n: np.array(v) for n, v in r.items()} for k, r in out.items()}


def fit(p: dict[str, np.ndarray]) -> tuple[float, float, float]:
    """(K0, KS, KF): the logistic fit on (score, F) read on the scale of the fit on the score alone."""
    from sklearn.linear_model import LogisticRegression

    m0 = LogisticRegression(C=1e4, max_iter=5000).fit(p["s"][:, None], p["y"])
    m1 = LogisticRegression(C=1e4, max_iter=5000).fit(np.c_[p["s"], p["f"]], p["y"])
    a0, a1 = float(m0.intercept_[0]), float(m0.coef_[0][0])
    b0, (b1, b2) = float(m1.intercept_[0]), map(float, m1.coef_[0])
    return (b0 - a0) / a1, b1 / a1, b2 / a1


def facts_pr(data: list[dict], k: tuple[float, float, float] | None, shift: float) -> dict[str, tuple]:
    from benchmarks.compare_units import _facts
    from newsprism.compare import facts as F

    out = []
    for d in data:
        score = d["score"].copy()
        if k is not None:
            keep = (F.TOKEN_K0, F.TOKEN_KS, F.TOKEN_KF)
            F.TOKEN_K0, F.TOKEN_KS, F.TOKEN_KF = k[0] - shift, k[1], k[2]
            try:
                F._by_tokens(d["units"], score)
            finally:
                F.TOKEN_K0, F.TOKEN_KS, F.TOKEN_KF = keep
        out.append({**d, "score": score})
    return _facts(out, "split")


def main() -> None:
    from sklearn.metrics import average_precision_score as ap

    from newsprism.compare import facts as F

    data = capture()
    p = pairs(data)
    p["A+B"] = {n: np.concatenate([p["A"][n], p["B"][n]]) for n in ("y", "s", "f")}
    fits = {name: fit(p[name]) for name in ("A", "B", "A+B")}
    for name, (k0, ks, kf) in fits.items():
        print(f"fit on {name:4s}: K0 {k0:+.3f}  KS {ks:.3f}  KF {kf:.3f}")
    print(f"shipped:     K0 {F.TOKEN_K0:+.3f}  KS {F.TOKEN_KS:.3f}  KF {F.TOKEN_KF:.3f}")
    print("pair average precision (stage / F alone / fit on A / fit on B):")
    for name in ("A", "B", "ECB+"):
        q = p[name]
        row = [ap(q["y"], q["s"]), ap(q["y"], q["f"])] + [ap(q["y"], k0 + ks * q["s"] + kf * q["f"])
                                                         for k0, ks, kf in (fits["A"], fits["B"])]
        print(f"  {name:5s} pairs {len(q['y']):6d} positive {int(q['y'].sum()):4d}  "
              + " / ".join(f"{x:.3f}" for x in row))
    base = facts_pr(data, None, 0.0)
    print("facts P/R  " + "  ".join(f"{s} {base[s][0]}/{base[s][1]}" for s in ("A", "B", "ECB+", "all")) + "   (stage)")
    for name in ("A", "B", "A+B"):
        for shift in (0.0, 0.02, 0.04):
            r = facts_pr(data, fits[name], shift)
            print(f"facts P/R  " + "  ".join(f"{s} {r[s][0]}/{r[s][1]}" for s in ("A", "B", "ECB+", "all"))
                  + f"   (fit on {name}, shift {shift})", flush=True)


if __name__ == "__main__":
    main()
