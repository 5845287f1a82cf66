"""Every conflict the comparison reports on the dev stories, for reading false alarms, and the conflict
scores on the three gold sets, from one run:

- gold sets: ``gold/compare`` (its ``conflicts``), ``gold/conflicts/basil-*.json`` and
  ``gold/conflicts/ecb-*.json`` by round 1-3 (precision and recall as ``bench_compare.score_conflicts``; the
  rows of ``python -m benchmarks compare`` that score conflicts);
- stories without conflict gold: the BASIL dev events in no gold folder, every ECB+ dev story of
  stories-dev2 (its articles grouped by their gold story, all of them or the first ``ECB_ARTICLES``,
  every article its own outlet), and the seeds are part of ``gold/compare``. The ECB+ topics of ``UNSEEN_ECB``
  and the stories of ``UNSEEN_ECB_STORIES`` (held-out gold, rounds 4 to 7) are not compared at all.

    python -m benchmarks.conflict_scan                 # print every conflict and the scores
    python -m benchmarks.conflict_scan --json out.json # also write them, for --diff
    python -m benchmarks.conflict_scan --diff before.json after.json   # conflicts added / removed

Row "reported labels": precision on ``gold/conflicts/reported-labels.json``, every conflict reported on the
ECB+ dev stories before the owner / scope / time rules (topics 4, 7, 10, 39: before the session-15 rules),
labelled true or compatible by reading
(``score_labels``); conflicts it does not know are counted apart as unlabelled.

Each conflict is keyed by its kind and the set of (article, quote) evidence it rests on, so a run of another
version of the code can be compared with this one conflict by conflict.
"""

from __future__ import annotations

import collections
import json
import os
import sys

from benchmarks.bench_compare import (BASIL_FILES, CONFLICT_GOLD, ECB_FILES, _articles, _compared_events, gold_articles,
                                      load_basil, load_gold, score_conflicts)
from benchmarks.common import DATA

#: articles of an ECB+ story compared (in file order; the larger stories hold up to 22): all of them unless
#: ``NEWSPRISM_SCAN_ECB`` says how many
ECB_ARTICLES = int(os.environ["NEWSPRISM_SCAN_ECB"]) if os.environ.get("NEWSPRISM_SCAN_ECB") else None

#: ECB+ topics whose gold is held out (round 4): never compared here, so that no system output on them is
#: seen (their gold files are skipped too)
UNSEEN_ECB = ("ecbp-42-", "ecbp-45-")
#: ECB+ stories held out the same way whose topic's other half is scored (rounds 5 to 7): matched by the whole id,
#: since "ecbp-39-ecb" is a prefix of "ecbp-39-ecbplus"
UNSEEN_ECB_STORIES = frozenset({"ecbp-24-ecbplus", "ecbp-39-ecb", "ecbp-4-ecbplus", "ecbp-21-ecb",
                                "ecbp-7-ecb", "ecbp-10-ecb", "ecbp-18-ecbplus", "ecbp-24-ecb", "ecbp-27-ecbplus",
                                "ecbp-33-ecb", "ecbp-1-ecbplus", "ecbp-13-ecbplus", "ecbp-30-ecb", "ecbp-36-ecbplus"})


def unseen(story_id: str) -> bool:
    """Whether an ECB+ story is held out of the scan (``UNSEEN_ECB``, ``UNSEEN_ECB_STORIES``)."""
    return story_id.startswith(UNSEEN_ECB) or story_id in UNSEEN_ECB_STORIES


def _summary(c: dict) -> dict:
    return {"kind": c.get("kind"), "test": c.get("test", ""), "about": str(c.get("about", "")),
            "variants": [{"value": str(v.get("value", "")), "outlets": v.get("outlets", []),
                          "quotes": [e["quote"] for e in v["evidence"]]} for v in c["variants"]],
            "key": sorted({f"{e['article']}|{e['quote']}" for v in c["variants"] for e in v["evidence"]})}


def _show(story_id: str, conflicts: list[dict]) -> None:
    print(f"== {story_id} {len(conflicts)}")
    for x in conflicts:
        print(f"  [{x['kind']}/{x['test']}] {x['about'][:70]!r}")
        for v in x["variants"]:
            print(f"     {v['value'][:50]!r}: " + " || ".join(q[:150] for q in v["quotes"][:2]))


def scan() -> dict:
    from newsprism.compare.story import compare_story
    from newsprism.types import Story

    out: dict = {"scores": {}, "stories": {}}

    def keep(set_name: str, sid: str, conflicts: list[dict]) -> None:
        out["stories"][f"{set_name}:{sid}"] = [_summary(c) for c in conflicts]

    def score(set_name: str, counts) -> None:
        acc = out["scores"].setdefault(set_name, [0, 0, 0, 0])
        for i, x in enumerate(counts):
            acc[i] += x

    rows = load_basil()
    gold = load_gold()
    for g in gold:
        articles = gold_articles(g, rows)
        story = compare_story(Story(id=g["story"], title=g.get("title", "")), articles)
        score("compare", score_conflicts(story.conflicts, g.get("conflicts", []), {a.id: a.text for a in articles}))
        keep("compare", g["story"], story.conflicts)
    held = set()
    rounds = [(f"ecb-round{r}", ECB_FILES, r) for r in (1, 2, 3)]
    for name, pattern, rnd in [("basil-held", BASIL_FILES, None), *rounds]:
        for path, g, texts, story in _compared_events(CONFLICT_GOLD, pattern, rnd):
            if unseen(g["story"]):
                continue
            score(name, score_conflicts(story.conflicts, g["conflicts"], texts))
            keep(name, g["story"], story.conflicts)
            held.add(g["story"])
    seen = {g["story"] for g in gold} | held
    basil = collections.defaultdict(list)
    for r in rows:
        if r["story"] not in seen:
            basil[r["story"]].append(r)
    for sid, rs in sorted(basil.items()):
        keep("basil-nogold", sid, compare_story(Story(id=sid, title=""), _articles(rs)).conflicts)
    ecb = collections.defaultdict(list)
    with open(DATA / "stories-dev2" / "ecbplus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            ecb[r["story"]].append(dict(r, outlet=f"o-{r['id']}", set="ecbplus"))
    for sid, rs in sorted(ecb.items()):
        if unseen(sid):
            continue
        keep("ecb-dev", sid, compare_story(Story(id=sid, title=""), _articles(rs[:ECB_ARTICLES])).conflicts)
    return out


def _print_scores(scores: dict) -> None:
    for name, (c, n, f, t) in scores.items():
        p = f"{c / n:.3f}" if n else "n/a"
        r = f"{f / t:.3f}" if t else "n/a"
        print(f"{name:12s} P {p} ({c}/{n})  R {r} ({f}/{t})  false {n - c}")


#: labels of the conflicts reported on the ECB+ dev stories before the rules that read a figure's owner, scope
#: and time (``gold/conflicts/reported-labels.json``; topics 4, 7, 10 and 39 added once their round-3 gold was read)
LABELS = CONFLICT_GOLD / "reported-labels.json"


def score_labels(out: dict) -> dict:
    """Precision of the conflicts a run reports on the labelled ECB+ dev stories: reported conflicts whose key
    is labelled true, over those labelled at all (a conflict whose evidence changed in part keeps its label when
    its story, kind and values are the same); conflicts the labels do not know are counted apart
    (``unlabelled``), and so are labelled true ones no longer reported (``true_lost``)."""
    rows = json.load(open(LABELS, encoding="utf-8"))["labels"]
    labels = {(x["story"], tuple(x["key"])): x["label"] for x in rows}
    true = known = unknown = 0
    seen = set()
    for sid, cs in out["stories"].items():
        set_name, story = sid.split(":", 1)
        if set_name not in ("ecb-dev", "basil-nogold"):
            continue
        for c in cs:
            key = (story, tuple(c["key"]))
            if key not in labels:
                # the same conflict with some of its evidence sentences changed: same story, kind and values,
                # and at least one evidence sentence in common
                values = sorted(v["value"] for v in c["variants"])
                key = next(((x["story"], tuple(x["key"])) for x in rows if x["story"] == story and x["kind"] == c["kind"]
                            and sorted(x["values"]) == values and set(x["key"]) & set(c["key"])), key)
            lab = labels.get(key)
            seen.add(key)
            if lab is None:
                unknown += 1
            else:
                known += 1
                true += lab == "true"
    lost = sum(1 for k, lab in labels.items() if lab == "true" and k not in seen)
    return {"true": true, "labelled": known, "unlabelled": unknown, "true_lost": lost,
            "all_true": sum(1 for lab in labels.values() if lab == "true")}


def _print_labels(s: dict) -> None:
    p = f"{s['true'] / s['labelled']:.3f}" if s["labelled"] else "n/a"
    print(f"reported labels  P {p} ({s['true']}/{s['labelled']} labelled reported conflicts true)  "
          f"unlabelled {s['unlabelled']}  labelled-true kept {s['all_true'] - s['true_lost']}/{s['all_true']}")


def diff(before_path: str, after_path: str) -> None:
    before = json.load(open(before_path, encoding="utf-8"))
    after = json.load(open(after_path, encoding="utf-8"))
    print("scores before:")
    _print_scores(before["scores"])
    _print_labels(score_labels(before))
    print("scores after:")
    _print_scores(after["scores"])
    _print_labels(score_labels(after))
    for sid in sorted(set(before["stories"]) | set(after["stories"])):
        b = {tuple(c["key"]): c for c in before["stories"].get(sid, [])}
        a = {tuple(c["key"]): c for c in after["stories"].get(sid, [])}
        added = [a[k] for k in a if k not in b]
        removed = [b[k] for k in b if k not in a]
        if added:
            _show(f"{sid} ADDED", added)
        if removed:
            _show(f"{sid} REMOVED", removed)
    for name in ("basil-nogold", "ecb-dev"):
        nb = sum(len(v) for k, v in before["stories"].items() if k.startswith(name + ":"))
        na = sum(len(v) for k, v in after["stories"].items() if k.startswith(name + ":"))
        print(f"{name}: {nb} -> {na} conflicts")


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--diff"]:
        diff(args[1], args[2])
        return
    out = scan()
    for sid, cs in out["stories"].items():
        if cs:
            _show(sid, cs)
    _print_scores(out["scores"])
    _print_labels(score_labels(out))
    if args[:1] == ["--json"]:
        with open(args[1], "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
