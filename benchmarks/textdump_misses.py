"""Where the text-dump extractor's body differs from the gold, page by page,
for the pages of one half of the sites (``train_textdump.site_halves``).

    .venv/bin/python -m benchmarks.train_textdump --silver --cross-halves --groups site --seeds 3 \\
        --cv-only --dump-oof /tmp/oof.pkl
    .venv/bin/python -m benchmarks.textdump_misses /tmp/oof.pkl --half B [-v]

Reads the out-of-fold output that ``train_textdump --dump-oof`` stored (every
run: the other half of the sites, the site- or page-grouped folds) and
compares, unit by unit, the units the extractor output with the units
labelled body (``train_textdump.label_units``).  A difference is placed
relative to the span both bodies share (from the later of the two first
units to the earlier of the two last): at the **start** (above it), at the
**end** (below it) or **inside**; and it is either **missed** (a body unit
left out) or **extra** (another unit kept).  Per page: its precision and
recall and the words of each kind; then each kind's count of pages and
words a run.  With ``-v`` every differing unit is listed with its
probabilities and text (reading them tunes on that half: say which).
"""

from __future__ import annotations

import argparse
import pickle
from collections import Counter

import numpy as np

from benchmarks import train_textdump as tt
from benchmarks.scoring import page_pr


def output_units(texts: list[str], body: str) -> list[int]:
    """The units the extractor's body text is made of, in order (the body is
    its units' texts joined by blank lines)."""
    parts = body.split("\n\n") if body else []
    out, j = [], 0
    for i, t in enumerate(texts):
        if j < len(parts) and t == parts[j]:
            out.append(i)
            j += 1
    return out


def differences(kept: list[int], y: np.ndarray) -> dict[int, tuple[str, str]]:
    """Place (start, end, inside) and kind (missed, extra) of every unit where
    the output and the labels disagree."""
    gold = np.flatnonzero(y)
    ks = set(kept)
    if not kept or not len(gold):
        return {int(i): ("start", "missed") for i in gold}
    lo, hi = max(kept[0], gold[0]), min(kept[-1], gold[-1])
    return {i: ("start" if i < lo else "end" if i > hi else "inside", "missed" if y[i] else "extra")
            for i in range(len(y)) if bool(y[i]) != (i in ks)}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("oof", help="pickle written by train_textdump --dump-oof")
    ap.add_argument("--half", choices=["A", "B"], required=True)
    ap.add_argument("-v", action="store_true", help="list every differing unit")
    args = ap.parse_args(argv)

    pages = tt.load_dev()
    units, Xs, ys = tt.build(pages)
    ids = [k for k, _, _ in pages]
    hosts, half = tt._hosts(ids), tt.site_halves(ids)
    want = "AB".index(args.half)
    runs = pickle.load(open(args.oof, "rb"))
    words, npages = Counter(), Counter()
    for key, (p1s, p2s, bodies) in runs.items():
        print(f"== {key[0]} {key[1]} ({key[2]})")
        for pi, (k, _, gold) in enumerate(pages):
            if half[pi] != want:
                continue
            texts = [u.text for u in units[pi]]
            diff = differences(output_units(texts, bodies[pi]), ys[pi])
            w = Counter()
            for i, kind in diff.items():
                w[kind] += Xs[pi][i, 0]
            if not w:
                continue
            P, R = page_pr(bodies[pi], gold)
            print(f"  {hosts[pi]:<26} P {'-' if P is None else f'{P:.3f}'} R {R:.3f}  "
                  + ", ".join(f"{a} {b} {int(v)}w" for (a, b), v in sorted(w.items())))
            for kind, v in w.items():
                words[kind] += v
                npages[kind] += 1
            if args.v:
                for i, (place, what) in sorted(diff.items()):
                    print(f"      {i:4d} {place:<6} {what:<6} p2 {p2s[pi][i]:.2f} p1 {p1s[pi][i]:.2f} "
                          f"| {texts[i][:90]}")
    n = max(len(runs), 1)
    print(f"\nhalf {args.half}, {len(runs)} runs: pages and body words a run, by kind")
    for kind in sorted(npages, key=lambda k: -npages[k]):
        print(f"  {kind[0]:<7}{kind[1]:<7}{npages[kind] / n:6.1f} pages{words[kind] / n:8.0f} words")


if __name__ == "__main__":
    main()
