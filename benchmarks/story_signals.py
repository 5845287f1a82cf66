"""Measure candidate story signals before any is adopted: how well each alone tells an article's own story from
the others, on the teacher-forced rows ``benchmarks.tune_stories`` fits on.

``python -m benchmarks.story_signals [--cache DIR] [--spacy] [--pairs]``

Each candidate is a set of items read from an article's text (years, calendar dates, weekdays, numbers, capitalised
names; with ``--spacy``, spaCy's named entities of the whole text, for reference: too slow for the stage), and a
candidate story scores the article by the overlap the cluster stage reads for its entities: the share of the
story's members (those before the article, as in the replay) that name each of the article's items, averaged over
them. Printed per set: how often both sides have items (coverage), the ROC AUC of the overlap where they do, and
the AUC over all rows with a missing side read as no evidence (overlap 0.5). For ECB+ also against the other
event of the same topic only: the same-topic, different-event case these signals are meant for.

``--pairs`` counts, over pairs of articles instead, how often a cue of disagreement would tell apart two articles the
shipped model puts in one story wrongly (and how often it would part two of one gold story): both name items of the
cue and share none (for numbers with a unit: some unit both write with no value in common). The cluster stage's
``years_differ`` was chosen from this table (see ``newsprism.cluster.pairwise``).
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable

import numpy as np

from benchmarks.common import table
from benchmarks.tune_stories import SETS, prepared, teacher_rows, topic

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}",
                   re.I)
_YEAR = re.compile(r"(?<![\w.,$£€-])(19[5-9]\d|20[0-4]\d)(?![\w,.]\d)")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![.!?:\"“]\s)(?<!^)\b[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)*", re.M)


def years(text: str) -> set[str]:
    return set(_YEAR.findall(text))


def dates(text: str) -> set[str]:
    out = set()
    for m in _DATE.finditer(text):
        month = (m.group(1) or m.group(4) or "").lower()[:3]
        day = m.group(2) or m.group(3)
        if month in MONTHS and day and 1 <= int(day) <= 31:
            out.add(f"{month}-{int(day)}")
    return out


def weekdays(text: str) -> set[str]:
    return {w.lower() for w in _WEEKDAY.findall(text)}


def numbers(text: str) -> set[str]:
    return {m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}


def names(text: str) -> set[str]:
    return {m.group().lower() for m in _NAME.finditer(text)} - {w for w in ("the", "a", "an", "he", "she", "it")}


_CAPWORD = re.compile(r"[A-Z][A-Za-z’'-]*[A-Za-z]")
_OPENERS = set(".!?:;\"“‘'(—–\n")


def cap_runs(text: str, words: bool = False) -> set[str]:
    """Capitalised words not at a sentence's or line's start, joined into runs (or each alone with ``words``)."""
    from newsprism.cluster.online import ENGLISH_STOP_WORDS

    out, run, end = set(), [], -2
    for m in _CAPWORD.finditer(text):
        before = text[:m.start()].rstrip(" ")
        initial = not before or before[-1] in _OPENERS or (m.start() > 0 and text[m.start() - 1].isalnum())
        word = m.group().lower()
        if run and m.start() == end + 1 and text[end] == " " and not initial:
            run.append(word)
        else:
            if run and not words:
                out.add(" ".join(run))
            run = [] if initial or word in ENGLISH_STOP_WORDS else [word]
        end = m.end()
        if words and run:
            out.add(word)
    if run and not words:
        out.add(" ".join(run))
    return {w for w in out if w not in ENGLISH_STOP_WORDS} if words else out


def body(row: dict[str, Any]) -> str:
    title, text = (row.get("title") or "").strip(), row["text"].strip()
    return text[len(title):] if text.startswith(title) else text


def full(row: dict[str, Any]) -> str:
    return f"{row.get('title') or ''}\n{row['text']}"


def lead(row: dict[str, Any], chars: int = 1000) -> str:
    return full(row)[:chars]


CANDIDATES: dict[str, Callable[[dict[str, Any]], set[str]]] = {
    "years (text)": lambda r: years(full(r)),
    "dates (text)": lambda r: dates(full(r)),
    "weekdays (text)": lambda r: weekdays(full(r)),
    "years+dates (text)": lambda r: years(full(r)) | dates(full(r)),
    "numbers (first 1000)": lambda r: numbers(lead(r)),
    "numbers (text)": lambda r: numbers(full(r)),
    "names (first 1000)": lambda r: names(lead(r)),
    "names (text)": lambda r: names(full(r)),
    "name runs (body)": lambda r: cap_runs(body(r)),
    "name words (body)": lambda r: cap_runs(body(r), words=True),
    "name runs (body 1000)": lambda r: cap_runs(body(r)[:1000]),
    "years+dates (body)": lambda r: years(body(r)) | dates(body(r)),
}


def overlap(items: set[str], members: list[set[str]]) -> float | None:
    """The share of ``members`` naming each of ``items``, averaged over them; None when either side has none."""
    if not items or not members or not any(members):
        return None
    return sum(sum(i in m for m in members) for i in items) / (len(items) * len(members))


def idf_overlap(items: set[str], members: list[set[str]], idf: dict[str, float]) -> float | None:
    """The same, each item weighing its inverse document frequency in the set."""
    if not items or not members or not any(members):
        return None
    total = sum(idf[i] for i in items)
    return sum(idf[i] * sum(i in m for m in members) for i in items) / (total * len(members))


def auc(y: np.ndarray, x: np.ndarray) -> float | None:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, x)) if len(set(y.tolist())) == 2 and len(set(x.tolist())) > 1 else None


def measure(name: str, items: list[Any], extract: dict[str, Callable[[dict[str, Any]], set[str]]]) -> list[dict]:
    rows = teacher_rows(items)
    order = {row["id"]: i for i, (row, *_) in enumerate(items)}
    by_story: dict[str, list[str]] = defaultdict(list)
    for row, *_ in items:
        by_story[row["story"]].append(row["id"])
    raw = {row["id"]: row for row, *_ in items}
    cases = [("all candidates", np.ones(len(rows.y), bool))]
    if name == "ecb+":
        same = np.array([topic({"story": a}) == topic({"story": c}) for a, c in zip(rows.article_story, rows.candidate)])
        cases.append(("same topic, other event", rows.y | same))
    out = []
    for label, extractor in extract.items():
        got = {aid: extractor(r) for aid, r in raw.items()}
        df = Counter(i for s in got.values() for i in s)
        idf = {i: float(np.log((1 + len(got)) / (1 + n)) + 1) for i, n in df.items()}
        plain, weighted = [], []
        for aid, cand in zip(rows.article, rows.candidate):
            members = [got[m] for m in by_story[cand] if order[m] < order[aid]]
            plain.append(overlap(got[aid], members))
            weighted.append(idf_overlap(got[aid], members, idf))
        for against, keep in cases:
            y = rows.y[keep]
            p = [v for v, k in zip(plain, keep) if k]
            w = [v for v, k in zip(weighted, keep) if k]
            has = np.array([v is not None for v in p])
            pv = np.array([0.5 if v is None else v for v in p])
            wv = np.array([0.5 if v is None else v for v in w])
            out.append({"set": name, "against": against, "signal": label, "rows": int(keep.sum()),
                        "coverage": float(has.mean()) if len(has) else None,
                        "auc_where_both": auc(y[has], pv[has]) if has.any() else None,
                        "auc_idf_where_both": auc(y[has], wv[has]) if has.any() else None,
                        "auc_all": auc(y, pv), "mean_pos": float(pv[has & y].mean()) if (has & y).any() else None,
                        "mean_neg": float(pv[has & ~y].mean()) if (has & ~y).any() else None})
    return out


def spacy_entities(items: list[Any]) -> dict[str, set[str]]:
    from newsprism.compare import models

    texts = [full(row)[:3000] for row, *_ in items]
    spans = models.entities(texts)
    kinds = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"}
    return {row["id"]: {s[3].lower() for s in ents if s[2] in kinds} for (row, *_), ents in zip(items, spans)}


def _latest_year(row: dict[str, Any]) -> set[str]:
    got = years(full(row))
    return {max(got)} if got else set()


def _quantities(text: str) -> set[str]:
    from newsprism.cluster.signals import quantities_of

    return set(quantities_of(text))


#: cues of disagreement, each a set of items read from an article
CUES: dict[str, Callable[[dict[str, Any]], set[str]]] = {
    "years (text)": lambda r: years(full(r)),
    "latest year (text)": _latest_year,
    "years (first 1000)": lambda r: years(lead(r)),
    "dates (text)": lambda r: dates(full(r)),
    "weekdays (text)": lambda r: weekdays(full(r)),
    "quantities (text)": lambda r: _quantities(full(r)),
    "quantities (first 1000)": lambda r: _quantities(lead(r)),
    "name runs (first 1000)": lambda r: cap_runs(lead(r)),
}


def disagree(a: set[str], b: set[str], quantities: bool = False) -> bool | None:
    """Whether two articles' items of a cue disagree: both have some and share none (numbers with a unit: some unit
    both write has no value in common); None where either has none (or, for quantities, no unit is shared)."""
    if not a or not b:
        return None
    if quantities:
        ua: dict[str, set[str]] = defaultdict(set)
        ub: dict[str, set[str]] = defaultdict(set)
        for q in a:
            ua[q.partition("=")[0]].add(q.partition("=")[2])
        for q in b:
            ub[q.partition("=")[0]].add(q.partition("=")[2])
        shared = set(ua) & set(ub)
        return any(not ua[u] & ub[u] for u in shared) if shared else None
    return not a & b


def pair_cues(name: str, items: list[Any]) -> list[dict[str, Any]]:
    """For each cue, over kinds of article pairs (wrongly put in one story by the shipped model; of one gold story;
    of one gold story split by the model; for ECB+ of one topic's two events): the share of pairs the cue tells
    apart, and the share where both articles have items of it (coverage)."""
    from benchmarks.tune_stories import gold, replay
    from newsprism.cluster import pairwise

    pred = replay(items, pairwise.shipped())
    truth = gold(items)
    rows = {row["id"]: row for row, *_ in items}
    kinds: dict[str, list[tuple[str, str]]] = {"wrongly joined": [], "one story": [], "one story, split": []}
    if name == "ecb+":
        kinds["one topic, two events"] = []
    for a, b in itertools.combinations(list(rows), 2):
        if truth[a] == truth[b]:
            kinds["one story"].append((a, b))
            if pred[a] != pred[b]:
                kinds["one story, split"].append((a, b))
        else:
            if pred[a] == pred[b]:
                kinds["wrongly joined"].append((a, b))
            if name == "ecb+" and topic(rows[a]) == topic(rows[b]):
                kinds["one topic, two events"].append((a, b))
    out = []
    for cue, extract in CUES.items():
        got = {aid: extract(row) for aid, row in rows.items()}
        for kind, pairs in kinds.items():
            said = [disagree(got[a], got[b], cue.startswith("quantities")) for a, b in pairs]
            n = len(pairs) or 1
            out.append({"set": name, "cue": cue, "pairs": kind, "n": len(pairs),
                        "told_apart": sum(1 for s in said if s) / n,
                        "coverage": sum(1 for s in said if s is not None) / n})
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.story_signals")
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--spacy", action="store_true", help="also spaCy's entities of the first 3,000 characters")
    ap.add_argument("--sets", nargs="*", default=list(SETS))
    ap.add_argument("--pairs", action="store_true", help="count cues of disagreement over pairs of articles instead")
    args = ap.parse_args(sys.argv[1:] if argv is None else argv)
    if args.pairs:
        counted = [r for name in args.sets for r in pair_cues(name, prepared(name, args.cache))]
        print(table("cues of disagreement over article pairs: the share of pairs of each kind the cue tells apart "
                    "(both have items, none shared), and the share where both have items", counted,
                    ["set", "cue", "pairs", "n", "told_apart", "coverage"]))
        return
    out = []
    for name in args.sets:
        items = prepared(name, args.cache)
        extract = dict(CANDIDATES)
        if args.spacy:
            ents = spacy_entities(items)
            extract["spaCy entities (first 3000)"] = lambda r, ents=ents: ents[r["id"]]
        out += measure(name, items, extract)
    print(table("candidate story signals alone: ROC AUC of the overlap with the article's own story against the other "
                "candidates", out, ["set", "against", "signal", "rows", "coverage", "auc_where_both",
                                    "auc_idf_where_both", "auc_all", "mean_pos", "mean_neg"]))


if __name__ == "__main__":
    main()
