"""Every conflict the comparison reports on stories without conflict gold, for reading false alarms:
the BASIL dev events in no gold folder, and the ECB+ dev stories (stories-dev2; first 8 articles of each,
every article its own outlet). Prints each conflict with its variants and the count per set.

    python -m benchmarks.conflict_scan
"""

from __future__ import annotations

import collections
import json

from benchmarks.bench_compare import CONFLICT_GOLD, _articles, load_basil, load_gold
from benchmarks.common import DATA


def _show(story_id: str, conflicts: list[dict]) -> None:
    print(f"== {story_id} {len(conflicts)}")
    for x in conflicts:
        print(f"  [{x.get('kind')}/{x.get('test', '')}] {str(x.get('about', ''))[:70]!r}")
        for v in x["variants"]:
            print(f"     {str(v.get('value', ''))[:50]!r}: " + " || ".join(e["quote"][:150] for e in v["evidence"][:2]))


def main() -> None:
    from newsprism.compare.story import compare_story
    from newsprism.types import Story

    rows = load_basil()
    gold = {g["story"] for g in load_gold()} | {json.loads(p.read_text(encoding="utf-8"))["story"]
                                                 for p in CONFLICT_GOLD.glob("*.json")}
    basil = collections.defaultdict(list)
    for r in rows:
        if r["story"] not in gold:
            basil[r["story"]].append(r)
    n = 0
    for sid, rs in sorted(basil.items()):
        st = compare_story(Story(id=sid, title=""), _articles(rs))
        n += len(st.conflicts)
        _show(sid[:14], st.conflicts)
    print(f"BASIL events in no gold: {n} conflicts in {len(basil)} events")
    ecb = collections.defaultdict(list)
    with open(DATA / "stories-dev2" / "ecbplus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            ecb[r["story"]].append(dict(r, outlet=f"o-{r['id']}", set="ecbplus"))
    n = 0
    for sid, rs in sorted(ecb.items()):
        st = compare_story(Story(id=sid, title=""), _articles(rs[:8]))
        n += len(st.conflicts)
        _show(sid, st.conflicts)
    print(f"ECB+ dev: {n} conflicts in {len(ecb)} stories")


if __name__ == "__main__":
    main()
