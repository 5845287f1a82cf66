"""Claim units below the sentence, measured (``python -m benchmarks.compare_units``): would the facts align
better if each sentence were also compared by its parsed clauses?

A sentence often states several gold facts, and most gold facts the comparison misses involve such a sentence
(``benchmarks/compare_misses.py``). This script reads each sentence's clauses from spaCy's dependency parse:
a finite verb with its subject heading the sentence, a clause reported by a verb of saying ("he said that X"
gives X), a coordinated verb (given the subject of the verb it is coordinated with) or a relative clause (its
relative pronoun read as the noun it hangs on; "he" / "she" / "they" read as the nearest named subject before
it), each without the clauses nested in it, of four words or more. On the gold of ``benchmarks/gold/compare``
it reports, per half (tuned / new):

- the average precision of ranking cross-article sentence pairs by the stage's score (a pair is positive when
  both sentences overlap one gold fact), beside ranking them by the best score of any of their clauses
  (each clause encoded and scored as a sentence is);
- the gold's fact links P/R as the stage makes them, with no clause links, and with the parsed clauses in place
  of the stage's comma-cut pieces: the clause given its sentence's vector (as the stage does) or its own,
  linked at the stage's ``CLAUSE_LINK`` (nothing chosen here);
- the same P/R with the parsed clauses of one kind (or all four: a coordinated verb, a clause reported by a verb of
  saying or a "that" clause, a relative clause, an adverbial clause of a finite verb, "after / as / while / when ...")
  beside the stage's pieces, the clause given its sentence's vector, on two halves of the BASIL gold by sorted event
  id (A: the first ten events, whose misses were read to choose the kinds; B: the other ten and the seeds) and on
  the ECB+ gold (``gold/compare-ecb``), which neither choice read.
"""

from __future__ import annotations

import itertools

import numpy as np

from benchmarks.bench_compare import (ECB_COMPARE_GOLD, TUNED, _gold_spans, _overlaps, gold_articles, load_basil,
                                      load_gold, score_links)

#: the kinds of nested clause read besides the main one (``clauses``): the first three by default, "advcl" on demand
KINDS = ("ccomp", "conj", "relcl")
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_SUBJ = {"nsubj", "nsubjpass", "expl"}
_REL = {"who", "which", "that", "whom"}
_PRONOUNS = {"he", "she", "they"}
MIN_WORDS = 4


def _finite(v) -> bool:
    return v.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in v.children)


def _is_head(v, kinds) -> bool:
    if v.pos_ not in ("VERB", "AUX") or v.dep_ != "ROOT" and v.dep_ not in kinds:
        return False
    if v.dep_ == "conj" and v.head.pos_ not in ("VERB", "AUX"):
        return False
    return _finite(v)


def _text(tokens) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _name_before(tok) -> str | None:
    for t in reversed(list(tok.doc[:tok.i])):
        if t.pos_ == "PROPN" and t.dep_ in _SUBJ:
            return _text([x for x in t.subtree if x.pos_ == "PROPN" or x.i == t.i])
    return None


def clauses(doc, kinds=KINDS) -> list[str]:
    """The clause texts of a parsed sentence (see the module doc), the main clause and the nested ones of ``kinds``;
    empty when it has fewer than two."""
    heads = [t for t in doc if _is_head(t, kinds)]
    if len(heads) < 2:
        return []
    head_ix = {t.i for t in heads}

    def owner(t):
        while t.i not in head_ix:
            if t.head.i == t.i:
                return None
            t = t.head
        return t.i

    out = []
    for v in heads:
        h, subj = v, None
        while True:
            subj = next((c for c in h.children if c.dep_ in _SUBJ), None)
            if subj is not None or h.dep_ != "conj" or h.head.i == h.i:
                break
            h = h.head
        if subj is None:
            continue
        toks = [t for t in v.subtree if owner(t) == v.i]
        while toks and toks[0].i != v.i and (toks[0].dep_ in ("cc", "mark", "punct") or toks[0].lower_ in _REL):
            toks.pop(0)
        while toks and toks[-1].i != v.i and toks[-1].dep_ in ("cc", "punct", "mark"):
            toks.pop()
        prefix = ""
        if h is not v:       # a coordinated verb: the subject of the verb it is coordinated with
            prefix = _text(subj.subtree)
        elif v.dep_ == "relcl" and subj.lower_ in _REL:
            prefix = _text([t for t in v.head.subtree if v.head.left_edge.i <= t.i <= v.head.i])
            toks = [t for t in toks if t.i != subj.i]
        elif subj.lower_ in _PRONOUNS and (name := _name_before(subj)):
            prefix = name
            toks = [t for t in toks if t.i != subj.i]
        text = f"{prefix} {_text(toks)}".strip()
        if len(text.split()) >= MIN_WORDS:
            out.append(text)
    return out if len(out) >= 2 else []


def _capture(folder=None) -> list[dict]:
    """Each gold story of ``folder`` (default the BASIL gold) compared as the stage does: its views, units and scores,
    with its ``half`` (tuned / new) and ``split`` (A / B by sorted event id: see the module doc; ECB+)."""
    from benchmarks.compare_misses import _captured

    rows, out = load_basil(), []
    golds = load_gold(folder)
    basil = sorted(g["story"] for g in golds if g["story"].startswith("basil-"))
    for g in golds:
        articles = gold_articles(g, rows)
        _, cap = _captured(articles, g["story"])
        split = "ECB+" if folder else "A" if g["story"] in basil[:len(basil) // 2] else "B"
        out.append(dict(g=g, texts={a.id: a.text for a in articles}, views=cap["views"], units=cap["units"],
                        score=cap["score"], cos=cap["cos"], split=split,
                        half="tuned" if g["story"].startswith(TUNED) else "new"))
    return out


def _facts(data: list[dict], by: str = "half") -> dict[str, tuple]:
    from newsprism.compare import facts as F
    from newsprism.compare.story import _public

    tot: dict[str, list[int]] = {}
    for d in data:
        pub = _public(F.build_facts(d["views"], d["units"], d["score"], d["cos"]))
        c = score_links([f["evidence"] for f in pub if len(f["outlets"]) > 1], d["g"]["facts"], d["texts"])
        for grp in (d[by], "all"):
            a = tot.setdefault(grp, [0, 0, 0, 0])
            for i, x in enumerate(c):
                a[i] += x
    return {k: (round(c / n, 3) if n else None, round(f / t, 3) if t else None) for k, (c, n, f, t) in tot.items()}


def _with_clauses(data: list[dict], own_vectors: bool, kinds=KINDS, beside: bool = False) -> list[dict]:
    """The stories with the parsed clauses (of ``kinds``) in place of the stage's pieces, or ``beside`` them (a
    clause the same as a piece of its sentence left out), scored as the stage scores."""
    from newsprism.compare import facts as F, models
    from newsprism.compare.claims import parser
    from newsprism.compare.text import Span, content, fold

    nlp = parser()
    original = F._cosines

    def cosines(units):
        if not own_vectors:
            return original(units)
        vecs = models.embed([u.text for u in units])
        return (vecs @ vecs.T).astype(np.float32)

    out = []
    for d in data:
        sents = [u for u in d["units"] if u.parent is None]
        pieces = [u for u in d["units"] if u.parent is not None] if beside else []
        have = {(id(u.parent), u.text) for u in pieces}
        new = []
        for u, doc in zip(sents, nlp.pipe([u.text for u in sents])):
            for c in clauses(doc, kinds):
                if (id(u), c) in have:
                    continue
                w = F.Unit(u.view, Span(u.span.start, u.span.end, c, u.span.sentence), stems=content(c),
                           said=content(F.claim_text(c)), parent=u)
                w.keys, w.counted = {k for k in u.keys if k and k in fold(c)}, u.counted
                new.append(w)
        units = sents + pieces + new
        for i, u in enumerate(units):
            u.index = i
        F._cosines = cosines
        try:
            score, cos = F._scores(units)
        finally:
            F._cosines = original
        out.append({**d, "units": units, "score": score, "cos": cos})
    return out


def _pair_ap(data: list[dict], clause_data: list[dict]) -> dict[str, tuple[float, float]]:
    from sklearn.metrics import average_precision_score

    ys, s0, s1, hs = [], [], [], []
    for d, dc in zip(data, clause_data):
        golds = [_gold_spans(g, d["texts"]) for g in d["g"]["facts"]]
        sents = [u for u in d["units"] if u.parent is None]
        pos = {id(u): i for i, u in enumerate(dc["units"]) if u.parent is None}
        kids: dict[int, list[int]] = {}
        for i, u in enumerate(dc["units"]):
            if u.parent is not None:
                kids.setdefault(id(u.parent), []).append(i)
        for a, b in itertools.combinations(sents, 2):
            if a.view.id == b.view.id:
                continue
            ys.append(any(a.view.id in g and b.view.id in g and _overlaps((a.span.start, a.span.end), g[a.view.id])
                          and _overlaps((b.span.start, b.span.end), g[b.view.id]) for g in golds))
            s0.append(float(d["score"][a.index, b.index]))
            xa, xb = [pos[id(a)]] + kids.get(id(a), []), [pos[id(b)]] + kids.get(id(b), [])
            s1.append(float(dc["score"][np.ix_(xa, xb)].max()))
            hs.append(d["half"])
    ys, s0, s1, hs = map(np.array, (ys, s0, s1, hs))
    return {h: (round(average_precision_score(ys[hs == h], s0[hs == h]), 3),
                round(average_precision_score(ys[hs == h], s1[hs == h]), 3)) for h in ("tuned", "new")}


def main() -> None:
    from newsprism.compare import facts as F

    data = _capture()
    rows = [("stage (sentences + comma-cut pieces with the sentence's vector)", _facts(data))]
    link = F.CLAUSE_LINK
    F.CLAUSE_LINK = 99.0
    rows.append(("sentences alone (no clause links)", _facts(data)))
    F.CLAUSE_LINK = link
    own = _with_clauses(data, True)
    rows.append(("parsed clauses, the sentence's vector", _facts(_with_clauses(data, False))))
    rows.append(("parsed clauses, their own vectors", _facts(own)))
    print(f"clause units per story: {sum(u.parent is not None for d in own for u in d['units']) / len(own):.0f}")
    for name, r in rows:
        print(f"facts P/R  {name:66s} " + "  ".join(f"{h} {p}/{rr}" for h, (p, rr) in sorted(r.items())))
    for h, (a0, a1) in sorted(_pair_ap(data, own).items()):
        print(f"sentence-pair average precision, {h}: stage score {a0}, best score of their parsed clauses {a1}")
    both = data + _capture(ECB_COMPARE_GOLD)
    print("beside the stage's pieces, the sentence's vector (A: misses read; B, ECB+: not read):")
    for kinds in ((), ("conj",), ("ccomp",), ("relcl",), ("advcl",), ("conj", "ccomp", "relcl", "advcl")):
        r = _facts(_with_clauses(both, False, kinds, beside=True) if kinds else both, "split")
        name = " + ".join(kinds) if kinds else "none (the stage)"
        print(f"facts P/R  {name:66s} " + "  ".join(f"{h} {p}/{rr}" for h, (p, rr) in sorted(r.items()) if h != "all"))


if __name__ == "__main__":
    main()
