"""Story clustering on ../shared/data/stories-dev and stories-dev2: B-cubed and pairwise F1, newsprism vs two baselines.

newsprism runs through the real pipeline (``analyze`` on the .jsonl, which
keeps the given ids). The baselines, as the issue names them, are average-link
agglomerative clustering over all articles at once, its distance threshold
tuned on the same data (the best of a grid): on TF-IDF cosine, and on the
packaged MiniLM embeddings of each article's title and lead (the model is
loaded before the clock starts, as it is for newsprism's warm-up).

A second table (``benchmarks.tune_stories``) sets newsprism's figures where its
pairwise model was not fitted beside the same run's baseline: across sets (a
whole source held out, both directions) and story-grouped cross-validation,
beside the dev figures, so that an overfit shows at once.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import DATA, table, versions
from benchmarks.scoring import bcubed, pairwise_prf

PATHS = {"basil": DATA / "stories-dev" / "basil.jsonl", "headlines": DATA / "stories-dev" / "headlines.jsonl",
         "ecb+": DATA / "stories-dev2" / "ecbplus.jsonl"}
SETS = tuple(PATHS)


def load(name: str) -> list[dict[str, Any]]:
    with open(PATHS[name], encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def newsprism_clusters(path: Path) -> tuple[dict[str, str], float]:
    from newsprism.cluster import signals as read_signals
    from newsprism.pipeline import Pipeline, analyze
    from newsprism.compare import models
    from newsprism.store import open_store

    from newsprism.extract.metadata import language_model

    # the models, loaded once per process before the clock: the encoder, the entity tagger and the
    # language identifier (py3langid's model, 0.7 s to load, read for each JSON Lines row's language)
    models.embedder(read_signals.ENCODER), models.tagger(), language_model()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "s.db"))
        started = time.perf_counter()
        result = analyze([str(path)], store, pipeline=Pipeline(["ingest", "extract", "dedup", "cluster"],
                                                                config={"extract": {"workers": 0}}))
        seconds = time.perf_counter() - started
        store.close()
    return {a["id"]: a["story"] for a in result.report["articles"]}, seconds


def tfidf_baseline(rows: list[dict[str, Any]], gold: dict[str, str]) -> tuple[dict[str, str], float, float]:
    import sklearn.cluster  # noqa: F401  (imported before the clock, as it was when the loop was inline)
    from sklearn.feature_extraction.text import TfidfVectorizer

    started = time.perf_counter()
    texts = [f"{r.get('title') or ''} {r['text']}" for r in rows]
    X = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts).toarray()
    pred, th = _agglomerative(rows, gold, X, (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95))
    return pred, time.perf_counter() - started, th


def _agglomerative(rows: list[dict[str, Any]], gold: dict[str, str], X: Any,
                   thresholds: tuple[float, ...]) -> tuple[dict[str, str], float]:
    from sklearn.cluster import AgglomerativeClustering

    best: tuple[float, dict[str, str], float] = (-1.0, {}, 0.0)
    for threshold in thresholds:
        labels = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                         distance_threshold=threshold).fit_predict(X)
        pred = {r["id"]: str(l) for r, l in zip(rows, labels)}
        f1 = bcubed(pred, gold)[2]
        if f1 > best[0]:
            best = (f1, pred, threshold)
    return best[1], best[2]


def minilm_baseline(rows: list[dict[str, Any]], gold: dict[str, str]) -> tuple[dict[str, str], float, float]:
    from newsprism.cluster.signals import lead_text
    from newsprism.compare import models

    models.embedder()
    started = time.perf_counter()
    X = models.embed([lead_text(r.get("title"), r["text"]) for r in rows])
    pred, th = _agglomerative(rows, gold, X, (0.3, 0.4, 0.5, 0.6, 0.7, 0.8))
    return pred, time.perf_counter() - started, th


def run() -> list[dict[str, Any]]:
    out = []
    for name in SETS:
        rows = load(name)
        gold = {r["id"]: r["story"] for r in rows}
        pred, secs = newsprism_clusters(PATHS[name])
        p, r, f = bcubed(pred, gold)
        out.append({"set": name, "system": "newsprism (online, pipeline)", "bcubed_p": p, "bcubed_r": r,
                    "bcubed_f1": f, "pairwise_f1": pairwise_prf(pred, gold)[2], "articles_per_s": len(rows) / secs})
        bpred, bsecs, th = tfidf_baseline(rows, gold)
        p, r, f = bcubed(bpred, gold)
        out.append({"set": name, "system": f"TF-IDF + agglomerative (tuned, t={th})", "bcubed_p": p, "bcubed_r": r,
                    "bcubed_f1": f, "pairwise_f1": pairwise_prf(bpred, gold)[2], "articles_per_s": len(rows) / bsecs})
        mpred, msecs, th = minilm_baseline(rows, gold)
        p, r, f = bcubed(mpred, gold)
        out.append({"set": name, "system": f"MiniLM + agglomerative (tuned, t={th})", "bcubed_p": p, "bcubed_r": r,
                    "bcubed_f1": f, "pairwise_f1": pairwise_prf(mpred, gold)[2], "articles_per_s": len(rows) / msecs})
    return out


def main() -> None:
    from benchmarks import tune_stories

    print(table(f"stories: stories-dev and stories-dev2 through the pipeline, {versions('scikit-learn')}", run(),
                ["set", "system", "bcubed_p", "bcubed_r", "bcubed_f1", "pairwise_f1", "articles_per_s"]))
    print()
    tune_stories.main([])


if __name__ == "__main__":
    main()
