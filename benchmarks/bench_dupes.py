"""Near-duplicates on ../shared/data/dupes-dev: pairwise F1, newsprism vs datasketch MinHashLSH.

newsprism: the articles are loaded into a fresh store by the real pipeline
(ingest + extract of the .jsonl), then the dedup stage alone is timed over
them (fingerprinting, index lookups in SQLite, verification, writes). Two
articles are "the same" when they share a canonical copy. The baseline is
datasketch's MinHash (128 permutations) + MinHashLSH on word 5-gram shingles,
in memory, its threshold the best of a grid on the same data, pairs grouped by
connected components; only its best threshold's pass is timed. Both start
from the article text.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import DATA, table, versions
from benchmarks.scoring import pairwise_prf

PATH = DATA / "dupes-dev" / "dupes.jsonl"


def load() -> list[dict[str, Any]]:
    with open(PATH, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def newsprism_groups() -> tuple[dict[str, str], float]:
    from newsprism.dedup.stage import DedupStage
    from newsprism.pipeline import Pipeline, analyze
    from newsprism.stage import RunContext
    from newsprism.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "s.db"))
        analyze([str(PATH)], store, pipeline=Pipeline(["ingest", "extract"], config={"extract": {"workers": 0}}))
        articles = list(store.iter_articles())
        started = time.perf_counter()
        for _ in DedupStage(RunContext(store=store)).run(articles):
            pass
        seconds = time.perf_counter() - started
        out = {a.id: a.duplicate_of or a.id for a in store.iter_articles()}
        store.close()
    return out, seconds


def shingle_set(text: str, n: int = 5) -> set[str]:
    toks = re.findall(r"\w+", text.lower())
    return {" ".join(toks[i : i + n]) for i in range(max(0, len(toks) - n + 1))}


def lsh_baseline(rows: list[dict[str, Any]], gold: dict[str, str]) -> tuple[dict[str, str], float, float]:
    from datasketch import MinHash, MinHashLSH

    best: tuple[float, dict[str, str], float, float] = (-1.0, {}, 0.0, 0.0)
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
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
        seconds = time.perf_counter() - started
        f1 = pairwise_prf(pred, gold)[2]
        if f1 > best[0]:
            best = (f1, pred, threshold, seconds)
    return best[1], best[3], best[2]


def run() -> list[dict[str, Any]]:
    rows = load()
    gold = {r["id"]: r["dupe_group"] for r in rows}
    pred, secs = newsprism_groups()
    p, r, f = pairwise_prf(pred, gold)
    out = [{"system": "newsprism dedup stage (sampled shingles, SQLite index)", "precision": p, "recall": r,
            "f1": f, "articles_per_s": len(rows) / secs}]
    bpred, bsecs, th = lsh_baseline(rows, gold)
    p, r, f = pairwise_prf(bpred, gold)
    out.append({"system": f"datasketch MinHashLSH (5-gram, tuned t={th})", "precision": p, "recall": r, "f1": f,
                "articles_per_s": len(rows) / bsecs})
    for row in out:
        row["speed_vs_lsh"] = row["articles_per_s"] / out[-1]["articles_per_s"]
    return out


def main() -> None:
    print(table(f"dupes: dupes-dev ({len(load())} articles), {versions('datasketch')}", run(),
                ["system", "precision", "recall", "f1", "articles_per_s", "speed_vs_lsh"]))


if __name__ == "__main__":
    main()
