"""Scorers for the shared gold data.

Extraction metric (ScrapingHub/Zyte article-extraction benchmark): tokens are
``\\w+`` matches, each text becomes a multiset of word 4-grams; per page
precision = shared / predicted shingles and recall = shared / gold shingles;
each is averaged over pages (an empty prediction costs recall, not precision);
F1 is the harmonic mean of the two averages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = _TOKEN.findall(text or "")
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def page_pr(pred: str, gold: str) -> tuple[float | None, float]:
    """(precision or None when nothing was predicted, recall) for one page."""
    p, g = shingles(pred), shingles(gold)
    shared = sum((p & g).values())
    precision = shared / sum(p.values()) if p else None
    recall = shared / sum(g.values()) if g else 1.0
    return precision, recall


def corpus_prf(pairs: Iterable[tuple[str, str]]) -> tuple[float, float, float]:
    """Mean precision, mean recall and their F1 over (predicted, gold) pairs."""
    precisions: list[float] = []
    recalls: list[float] = []
    for pred, gold in pairs:
        p, r = page_pr(pred, gold)
        if p is not None:
            precisions.append(p)
        recalls.append(r)
    mp = sum(precisions) / len(precisions) if precisions else 0.0
    mr = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    return mp, mr, f1


def shingle_f1(pred: str, gold: str) -> float:
    p, r = page_pr(pred, gold)
    p = p or 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(pred: dict[str, str], gold: dict[str, str], only: set[str] | None = None) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of a clustering (item -> cluster label). With ``only``, averaged over those
    items alone, each still counting every item of its predicted and gold cluster, scored or not."""
    from collections import defaultdict

    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item, c in pred.items():
        by_pred[c].add(item)
    for item, c in gold.items():
        by_gold[c].add(item)
    items = [i for i in gold if i in pred and (only is None or i in only)]
    if not items:
        return 0.0, 0.0, 0.0
    p = r = 0.0
    for i in items:
        same_pred, same_gold = by_pred[pred[i]], by_gold[gold[i]]
        inter = len(same_pred & same_gold)
        p += inter / len(same_pred)
        r += inter / len(same_gold)
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise_prf(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 of "same group" decisions."""
    from itertools import combinations

    items = sorted(i for i in gold if i in pred)
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        sp, sg = pred[a] == pred[b], gold[a] == gold[b]
        tp += sp and sg
        fp += sp and not sg
        fn += sg and not sp
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
