"""Draw a sample of the texts a report shows as claims (fact texts and brief sentences) for labelling by hand.

    PYTHONPATH=. python benchmarks/gold/fragments/draw.py OUT.json --stories ecbp-24-ecb,... --n 150 --seed 18

Each ECB+ story of stories-dev2 (its articles grouped by their gold ``story``, each article its own outlet, as
``benchmarks.bench_compare.load_ecbplus`` gives them) is compared with ``compare_story``; every distinct shown text
is a candidate, and ``--n`` of them are drawn with ``random.Random(seed)``. The output lists them with an empty
``label`` for the reader to fill in ("whole" or "fragment", and ``why``), and every shown text of the pool
(``pool_texts``: what the code of the day showed, so a later run can tell which texts are new). The checker's verdict
is not written.
"""

from __future__ import annotations

import argparse
import json
import random
import sys


def shown(stories: list[str]) -> list[dict]:
    from benchmarks.bench_compare import _articles, load_ecbplus
    from newsprism.compare.story import compare_story
    from newsprism.types import Story

    ecb = load_ecbplus()
    out, seen = [], set()
    for sid in stories:
        arts = _articles([r for r in ecb.values() if r["story"] == sid])
        story = compare_story(Story(id=sid, title=""), arts)
        items = [("fact", f["text"]) for f in story.facts] + [("brief", b["sentence"]) for b in story.brief]
        for kind, text in items:
            if (sid, text) not in seen:
                seen.add((sid, text))
                out.append({"story": sid, "kind": kind, "text": text})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--stories", required=True)
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--seed", type=int, default=18)
    a = ap.parse_args(argv)
    stories = a.stories.split(",")
    pool = shown(stories)
    items = random.Random(a.seed).sample(pool, min(a.n, len(pool)))
    items.sort(key=lambda x: (stories.index(x["story"]), x["kind"], x["text"]))
    for it in items:
        it.update(label=None, why=None)
    doc = {"stories": stories, "seed": a.seed, "pool": len(pool), "items": items,
           "pool_texts": [[p["story"], p["text"]] for p in pool]}
    with open(a.out, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=1, ensure_ascii=False)
    print(f"{len(items)} of {len(pool)} shown texts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
