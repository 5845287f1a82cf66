"""Near-duplicates on ../shared/data/dupes-dev: pairwise F1 and throughput, newsprism vs datasketch MinHashLSH.

    python -m benchmarks.bench_dupes        (env NEWSPRISM_BENCH_DUPES_REPEATS, default 5; _FLOOD, default 10000)

Both sides start from the extracted article text and include everything from
there to the groups: tokenising, shingling and hashing included.

- newsprism, SQLite store: the articles are first loaded into a store by the
  real pipeline (ingest + extract of the .jsonl; not timed), the store file is
  copied fresh for each repetition, then the dedup stage alone is timed over
  them: fingerprints, index lookups, verification, canonical election and
  every store write (fingerprints, postings, duplicate_of, stage markers,
  committed per batch of 64 with fsync at WAL checkpoints as usual).
- newsprism, SQLite store indexed by an earlier run: the first half of the
  articles is deduplicated by an untimed run, the second half by a timed one,
  whose candidates come from the store's index with one SQLite query per
  batch (a run into a new store looks them up in memory; the store stays
  the durable copy either way). F1 is over all the articles.
- newsprism, no persistence: the same stage code with the store replaced by
  Python dicts (``MemoryStore`` below), to compare like with like: the
  baseline keeps nothing either.
- datasketch: MinHash (128 permutations) + MinHashLSH on word 5-gram
  shingles, in memory; its threshold is the best of a grid on the same data
  (the grid is not timed); pairs grouped by connected components.

Two articles are "the same" when they share a canonical copy (connected
component for the baseline). Each side runs REPEATS times, interleaved, on a
machine shared with other work; the table gives the best and the median
articles/s, and the ratios to the baseline's best and median.

The flood row: FLOOD copies of one dev article (distinct ids) through the
dedup stage on a SQLite store: articles/s and how many groups come out (1 is
right). The baseline is left out of that row: every copy matches every
earlier one, so its query results and unions grow with the flood.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from benchmarks.common import DATA, table, versions
from benchmarks.scoring import pairwise_prf

PATH = DATA / "dupes-dev" / "dupes.jsonl"
REPEATS = int(os.environ.get("NEWSPRISM_BENCH_DUPES_REPEATS", "5"))
FLOOD = int(os.environ.get("NEWSPRISM_BENCH_DUPES_FLOOD", "10000"))


def load() -> list[dict[str, Any]]:
    with open(PATH, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# -- newsprism -------------------------------------------------------------------------------------
class MemoryStore:
    """What the dedup stage asks of a store, in Python dicts: no SQLite, nothing persisted."""

    def __init__(self, articles: list[Any]) -> None:
        self.articles = {a.id: a for a in articles}
        self.dup: dict[str, str | None] = {a.id: None for a in articles}
        self.done: set[str] = set()
        self.fps: dict[str, bytes] = {}
        self.index: dict[int, list[str]] = {}

    def transaction(self) -> Any:
        return nullcontext()

    def is_done(self, article_id: str, stage: str) -> bool:
        return article_id in self.done

    def mark_done(self, article_id: str, stage: str) -> None:
        self.done.add(article_id)

    def get_article(self, article_id: str) -> Any:
        return self.articles.get(article_id)

    def get_fingerprint(self, article_id: str, kind: str) -> bytes | None:
        return self.fps.get(article_id)

    def put_fingerprints(self, kind: str, items: list[tuple[str, bytes]]) -> None:
        self.fps.update(items)

    def add_postings_many(self, rows: list[tuple[int, str]]) -> None:
        for h, a in rows:
            self.index.setdefault(h, []).append(a)

    def postings(self, hashes: Any) -> list[tuple[int, str]]:
        return [(h, a) for h in hashes for a in self.index.get(h, ())]

    def dedup_stamp(self, kind: str | None = None) -> int:
        return len(self.fps)         # one kind is kept here: the dedup stage's

    def duplicate_roots(self, ids: Any) -> dict[str, str]:
        return {i: self.dup[i] or i for i in ids if i in self.dup}

    def duplicates_of(self, article_id: str) -> list[str]:
        return [a for a, d in self.dup.items() if d == article_id]

    def set_duplicate(self, article_id: str, duplicate_of: str | None) -> None:
        self.dup[article_id] = duplicate_of


def _stored_articles(tmp: Path, paths: list[Path], name: str = "template") -> Path:
    """A store holding the extracted articles of ``paths`` (ingest + extract, not timed)."""
    from newsprism.pipeline import Pipeline, analyze
    from newsprism.store import open_store

    db = tmp / f"{name}.db"
    store = open_store(str(db))
    analyze([str(p) for p in paths], store, pipeline=Pipeline(["ingest", "extract"], config={"extract": {"workers": 0}}))
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return db


def dedup_sqlite(template: Path, tmp: Path, earlier: float = 0.0) -> tuple[dict[str, str], float, int]:
    """Groups, seconds and articles timed of the dedup stage over a fresh copy of the template store.

    ``earlier``: the share of the articles deduplicated first by an earlier, untimed run, so that
    the timed run finds its candidates in the store's index (SQLite queries), as runs into an
    existing store do.
    """
    from newsprism.dedup.stage import DedupStage
    from newsprism.stage import RunContext
    from newsprism.store import open_store

    db = tmp / "run.db"
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        p.unlink(missing_ok=True)
    shutil.copy(template, db)
    store = open_store(str(db))
    articles = list(store.iter_articles())
    first = int(len(articles) * earlier)
    for _ in DedupStage(RunContext(store=store)).run(articles[:first]):
        pass
    started = time.perf_counter()
    for _ in DedupStage(RunContext(store=store)).run(articles[first:]):
        pass
    seconds = time.perf_counter() - started
    out = {a.id: a.duplicate_of or a.id for a in store.iter_articles()}
    store.close()
    return out, seconds, len(articles) - first


def dedup_memory(articles: list[Any]) -> tuple[dict[str, str], float]:
    from newsprism.dedup.stage import DedupStage
    from newsprism.stage import RunContext

    copies = [a.__class__.from_dict(a.as_dict()) for a in articles]
    store = MemoryStore(copies)
    started = time.perf_counter()
    for _ in DedupStage(RunContext(store=store)).run(copies):
        pass
    seconds = time.perf_counter() - started
    return {i: d or i for i, d in store.dup.items()}, seconds


# -- the baseline ------------------------------------------------------------------------------------
def shingle_set(text: str, n: int = 5) -> set[str]:
    toks = re.findall(r"\w+", text.lower())
    return {" ".join(toks[i : i + n]) for i in range(max(0, len(toks) - n + 1))}


def lsh_groups(rows: list[dict[str, Any]], threshold: float) -> tuple[dict[str, str], float]:
    from datasketch import MinHash, MinHashLSH

    started = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    parent = {r["id"]: r["id"] for r in rows}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in rows:
        m = MinHash(num_perm=128)
        m.update_batch([s.encode() for s in shingle_set(r["text"])])
        for other in lsh.query(m):
            parent[find(r["id"])] = find(other)
        lsh.insert(r["id"], m)
    pred = {i: find(i) for i in parent}
    return pred, time.perf_counter() - started


def tune_lsh(rows: list[dict[str, Any]], gold: dict[str, str]) -> float:
    scores = {t: pairwise_prf(lsh_groups(rows, t)[0], gold)[2] for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)}
    return max(scores, key=lambda t: (scores[t], -t))


# -- the run --------------------------------------------------------------------------------------------
def _row(system: str, pred: dict[str, str], gold: dict[str, str], n: int, secs: list[float]) -> dict[str, Any]:
    p, r, f = pairwise_prf(pred, gold)
    return {"system": system, "precision": p, "recall": r, "f1": f, "timed": n,
            "best_art_s": n / min(secs), "median_art_s": n / statistics.median(secs)}


def flood(tmp: Path, text: str, n: int = FLOOD) -> dict[str, Any]:
    """``n`` copies of one article (stored directly, not timed) through the dedup stage on a SQLite store."""
    from newsprism.store import open_store
    from newsprism.types import Article

    db = tmp / "flood.db"
    store = open_store(str(db))
    with store.transaction():
        for i in range(n):
            store.put_article(Article(id=f"copy-{i:05d}", source=f"flood:{i}", input_sha256=f"flood{i}",
                                      text=text, word_count=len(text.split())))
    store.close()
    pred, secs, _ = dedup_sqlite(db, tmp)
    return {"system": f"newsprism, SQLite store: {n:,} copies of one article", "precision": None,
            "recall": None, "f1": None, "timed": n, "best_art_s": n / secs, "median_art_s": None,
            "groups": len(set(pred.values()))}


def run(repeats: int = REPEATS) -> list[dict[str, Any]]:
    rows = load()
    gold = {r["id"]: r["dupe_group"] for r in rows}
    threshold = tune_lsh(rows, gold)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        template = _stored_articles(tmp, [PATH])
        from newsprism.store import open_store
        store = open_store(str(template))
        articles = list(store.iter_articles())
        store.close()
        times: dict[str, list[float]] = {"sqlite": [], "warm": [], "memory": [], "lsh": []}
        preds: dict[str, dict[str, str]] = {}
        timed = {k: len(rows) for k in times}
        for _ in range(repeats):                     # interleaved, so load on the machine hits all alike
            preds["sqlite"], s, _n = dedup_sqlite(template, tmp)
            times["sqlite"].append(s)
            preds["warm"], s, timed["warm"] = dedup_sqlite(template, tmp, earlier=0.5)
            times["warm"].append(s)
            preds["memory"], s = dedup_memory(articles)
            times["memory"].append(s)
            preds["lsh"], s = lsh_groups(rows, threshold)
            times["lsh"].append(s)
        systems = {
            "sqlite": "newsprism dedup stage, new SQLite store (all store writes included)",
            "warm": "newsprism dedup stage, SQLite store indexed by an earlier run (2nd half timed)",
            "memory": "newsprism dedup stage, no persistence (store = Python dicts)",
            "lsh": f"datasketch MinHashLSH, 128 perm, 5-gram, in memory (tuned t={threshold})",
        }
        out = [{**_row(name, preds[k], gold, timed[k], times[k]), "groups": len(set(preds[k].values()))}
               for k, name in systems.items()]
        base = out[-1]
        for row in out:
            row["best_vs_lsh"] = row["best_art_s"] / base["best_art_s"]
            row["median_vs_lsh"] = row["median_art_s"] / base["median_art_s"]
        if FLOOD:
            out.append(flood(tmp, rows[0]["text"]))
    return out


def main() -> None:
    rows = run()
    print(table(f"dupes: dupes-dev ({len(load())} articles), best and median of {REPEATS} interleaved runs, "
                f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs, "
                f"{versions('datasketch', 'numpy')}", rows,
                ["system", "precision", "recall", "f1", "groups", "timed", "best_art_s", "median_art_s", "best_vs_lsh",
                 "median_vs_lsh"]))


if __name__ == "__main__":
    main()
