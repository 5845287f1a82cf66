"""Story assignment as the store grows to 100,000 articles: articles/s and memory, checkpoint by checkpoint.

``python -m benchmarks stories-scale [--n 100000] [--days 365] [--signals models|hashed]``

The articles are made from real ones (../shared/data/stories-dev: the
headlines' 29 stories and basil's events in full text). Each synthetic story
copies one real story's articles, spread over a few days starting on its own
day of the year, each with one word in ten dropped at random (so every text is
new to the encoder and its cache). They are written to a SQLite store, then
the cluster stage assigns them in publication order, a batch at a time, as
``analyze`` would (signals computed, stored, one article at a time against the
stories of its window), the models loaded before the clock starts.

At each checkpoint the table gives the articles/s of the last stretch, the
process's resident memory now and at its peak, that of its child processes
(the entity tagger, ``newsprism.compare.tagger``), the stories in the store and
those the stage holds in memory: only the stories of the time window are
held, so memory stays flat while the store grows.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import psutil

from benchmarks.common import DATA, table

CHECKPOINTS = (0.1, 0.25, 0.5, 0.75, 1.0)


def _real_stories() -> list[list[dict[str, Any]]]:
    out: list[list[dict[str, Any]]] = []
    for name in ("headlines", "basil"):
        rows = [json.loads(line) for line in (DATA / "stories-dev" / f"{name}.jsonl").read_text().splitlines() if line]
        by: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            by.setdefault(r["story"], []).append(r)
        out += list(by.values())
    return out


def _drop_words(text: str, rng: random.Random) -> str:
    words = text.split()
    kept = [w for w in words if rng.random() > 0.1] if len(words) > 3 else words
    return " ".join(kept or words)


def synthetic(n: int, days: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` articles in synthetic stories made from the real ones, in publication order."""
    rng = random.Random(seed)
    real = _real_stories()
    start = datetime(2024, 1, 1)
    out: list[dict[str, Any]] = []
    k = 0
    while len(out) < n:
        source = real[k % len(real)]
        opens = start + timedelta(days=rng.uniform(0, days))
        take = source if len(source) <= 40 else rng.sample(source, 40)
        for i, r in enumerate(take):
            when = opens + timedelta(hours=rng.uniform(0, 72))
            title = _drop_words(r.get("title") or "", rng)
            text = title if r["text"] == r.get("title") else _drop_words(r["text"], rng)    # headline-only rows stay so
            out.append({"id": f"x{k}-{i}", "outlet": r.get("outlet"), "title": title,
                        "text": text, "published": when.isoformat(timespec="seconds"),
                        "story": f"{k}"})
        k += 1
    out = out[:n]
    out.sort(key=lambda r: (r["published"], r["id"]))
    return out


def run(n: int, days: int, signals: str = "models") -> list[dict[str, Any]]:
    from newsprism.cluster.stage import ClusterStage
    from newsprism.compare import models
    from newsprism.stage import RunContext
    from newsprism.store import open_store
    from newsprism.types import Article

    rows = synthetic(n, days)
    if signals == "hashed":        # no models: the assignment and the store alone
        models._embedders.update(torch=False, onnx=False)
        models._nlp = models._tagger_process = False
    from newsprism.cluster.signals import ENCODER

    models.embedder(ENCODER), models.tagger()
    proc = psutil.Process()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "s.db"))
        with store.transaction():
            for r in rows:
                store.put_article(Article(id=r["id"], source=r["id"], input_sha256=r["id"], text=r["text"],
                                          title=r["title"], outlet=r["outlet"], published=r["published"]))
        stage = ClusterStage(RunContext(store=store, run_id=0))
        marks = sorted({max(1, int(n * c)) for c in CHECKPOINTS})
        done, last_t, last_n = 0, time.perf_counter(), 0
        batch = ClusterStage.batch
        for i in range(0, n, batch):
            chunk = [store.get_article(r["id"]) for r in rows[i:i + batch]]
            for _ in stage.run(chunk):
                done += 1
            if marks and done >= marks[0]:
                marks.pop(0)
                now = time.perf_counter()
                out.append({"articles": done, "articles_per_s": (done - last_n) / (now - last_t),
                            "rss_mib": proc.memory_info().rss / 2**20,
                            "tagger_rss_mib": sum(c.memory_info().rss for c in proc.children(recursive=True)) / 2**20,
                            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                            "stories_in_store": store.count("stories"), "stories_in_memory": len(stage.model.stories),
                            "store_mib": (Path(tmp) / "s.db").stat().st_size / 2**20})
                print(f"  {done:,} articles: {out[-1]['articles_per_s']:.1f}/s, RSS {out[-1]['rss_mib']:.0f} MiB, "
                      f"{out[-1]['stories_in_memory']} of {out[-1]['stories_in_store']} stories in memory",
                      file=sys.stderr, flush=True)
                last_t, last_n = time.perf_counter(), done
        store.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks stories-scale")
    ap.add_argument("--n", type=int, default=100_000, help="articles (default 100,000)")
    ap.add_argument("--days", type=int, default=365, help="days the articles are spread over")
    ap.add_argument("--signals", choices=("models", "hashed"), default="models",
                    help="models: MiniLM and spaCy as analyze uses them; hashed: hashed bags of words and a "
                         "capitalised-phrase tagger, to time the assignment and the store without the models")
    args, _ = ap.parse_known_args()
    print(table(f"stories-scale: {args.n:,} articles made from stories-dev over {args.days} days, cluster stage "
                f"(signals: {args.signals}; assignment; store writes)", run(args.n, args.days, args.signals),
                ["articles", "articles_per_s", "rss_mib", "peak_rss_mib", "tagger_rss_mib", "stories_in_store", "stories_in_memory",
                 "store_mib"]))


if __name__ == "__main__":
    main()
