"""Calibrate the cluster constants on ../shared/data/stories-dev, and cross-validate them.

``python -m benchmarks.tune_stories`` reads each set's signals once (the same
``newsprism.cluster.signals.read`` the stage uses), then replays the online
assignment of ``OnlineClusterer`` (join the best story or open one, then merge
the stories that now score as one) for each point of a small grid. It prints:

- the grid's best point on all the dev stories (mean B-cubed F1 of basil and
  headlines), and
- a cross-validation: the stories of each set are split into two halves at
  random (by gold story, so no story is in both); the point chosen on one half
  is scored on the other, and the other way round, for several splits.
"""

from __future__ import annotations

import itertools
import random
import statistics
from typing import Any

from benchmarks.bench_stories import SETS, load
from benchmarks.scoring import bcubed
from newsprism.cluster import signals as read_signals
from newsprism.cluster.online import OnlineClusterer, parse_date, terms

# Kept small: each point replays both sets (about a minute on 2 busy cores).
GRID = {
    "term_weight": (0.3,),
    "join": (0.25, 0.28),
    "merge": (0.5,),
    "entity_bonus": (0.0,),
    "entity_penalty": (0.0,),
    "nearest_weight": (0.0, 0.5),
    "nearest_k": (3,),
    "day_penalty": (0.15, 0.3),
    "day_cap": (1.0,),
    "day_size": (0.0, 3.0),
}


def prepared(name: str) -> list[tuple[dict[str, Any], Any, Any, Any]]:
    rows = load(name)
    sigs = read_signals.read([(r.get("title"), r["text"]) for r in rows])
    return [(r, terms(r.get("title"), r["text"]), parse_date(r.get("published")), s) for r, s in zip(rows, sigs)]


def replay(items: list[tuple[dict[str, Any], Any, Any, Any]], **params: float) -> dict[str, str]:
    model = OnlineClusterer(**params)
    story_of: dict[str, str] = {}
    for row, tf, when, sig in items:
        model.observe(tf)
        best = model.best(tf, when, sig)
        sid = best[1] if best else row["id"]
        model.add(sid, tf, when, sig)
        story_of[row["id"]] = sid
        for other in model.mergeable(sid):
            model.absorb(other, sid)
            for aid, s in story_of.items():
                if s == other:
                    story_of[aid] = sid
    return story_of


def score(items: list[tuple[dict[str, Any], Any, Any, Any]], **params: float) -> float:
    gold = {row["id"]: row["story"] for row, *_ in items}
    return bcubed(replay(items, **params), gold)[2]


def points() -> list[dict[str, float]]:
    return [dict(zip(GRID, values)) for values in itertools.product(*GRID.values())]


def table(data: dict[str, list[Any]]) -> dict[tuple[float, ...], dict[str, float]]:
    return {tuple(p.values()): {name: score(items, **p) for name, items in data.items()} for p in points()}


def halves(items: list[Any], seed: int) -> tuple[list[Any], list[Any]]:
    stories = sorted({row["story"] for row, *_ in items})
    random.Random(seed).shuffle(stories)
    first = set(stories[: len(stories) // 2])
    return [i for i in items if i[0]["story"] in first], [i for i in items if i[0]["story"] not in first]


def main(splits: int = 2) -> None:
    data = {name: prepared(name) for name in SETS}
    full = table(data)
    best = max(full, key=lambda p: statistics.mean(full[p].values()))
    print("best on all dev:", dict(zip(GRID, best)), {k: round(v, 3) for k, v in full[best].items()})
    held: dict[str, list[float]] = {name: [] for name in SETS}
    for seed in range(splits):
        parts = {name: halves(items, seed) for name, items in data.items()}
        for tune, test in ((0, 1), (1, 0)):
            grid = table({name: p[tune] for name, p in parts.items()})
            chosen = max(grid, key=lambda p: statistics.mean(grid[p].values()))
            for name, p in parts.items():
                held[name].append(score(p[test], **dict(zip(GRID, chosen))))
            print(f"split {seed} tune on half {tune}: chose {dict(zip(GRID, chosen))}, held-out",
                  {name: round(v[-1], 3) for name, v in held.items()})
    print("cross-validated B-cubed F1 (mean over held-out halves):",
          {name: round(statistics.mean(v), 3) for name, v in held.items()})


if __name__ == "__main__":
    main()
