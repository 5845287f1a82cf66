"""Facts: claims aligned across the outlets of a story.

Each canonical article's sentences (headlines, FAQ questions and "Read more"
lines left out) are cut into claim-sized clauses. Two clauses of different
articles are the same fact when each is the other's best match in its article
and their score passes ``LINK``: score = 0.75 × cosine of sentence embeddings
+ 0.25 × Jaccard of content-word stems + 0.05 per shared name or number (at most
two) − 0.15 when one clause states a figure (digits with a unit) and the other
no figure of that unit: the more specific claim stays its outlet's own. Linked clauses form facts,
strongest links first, two groups joining only when their mean cross score reaches ``GROUP``; a clause no other
outlet matches is a single-source fact. An outlet "covers the topic" of a fact
when one of its clauses comes within ``TOPIC`` cosine of it; a fact is
``consensus`` when two or more outlets report it and every outlet covering its
topic does. ``left_out_by`` lists the story's outlets that do not report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from newsprism.compare import models
from newsprism.compare.text import ArticleView, People, Span, clauses, content, fold, is_heading, words

LINK = 0.52
# Mean score over all cross pairs two groups of clauses need to merge into one
# fact. Without it, mutual-best links chained generic sentences of four outlets
# into one "consensus" fact on the seeds. Grid 0.45/0.5/0.55 on
# benchmarks/gold/compare: fact P 0.796/0.804/0.818, R 0.41/0.40/0.39.
GROUP = 0.5
TOPIC = 0.5
W_COS, W_JAC, W_KEY, W_NUM = 0.75, 0.25, 0.05, 0.15
_PRONOUN_START = re.compile(r"^(he|she|they|it|this|that|these|those|his|her|their|its)\b", re.I)


@dataclass
class Unit:
    view: ArticleView
    span: Span
    keys: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    counted: set[str] = field(default_factory=set)     # units of the numbers it states ("troop", "%")
    index: int = 0

    @property
    def text(self) -> str:
        return self.span.text


def build_units(views: list[ArticleView], people: People, numbers: list | None = None) -> list[Unit]:
    units: list[Unit] = []
    for v in views:
        for sent in v.sentences:
            if is_heading(sent):
                continue
            for cl in clauses(sent):
                if len(words(cl.text)) < 4:
                    continue
                keys = set()
                for s, e, label, text in v.ents_in(cl.start, cl.end):
                    if label in ("DATE", "TIME", "ORDINAL"):
                        continue
                    keys.add(people.resolve(text) or fold(text).removeprefix("the ").strip(" '’s"))
                keys.update(re.findall(r"\d[\d,.]*\d|\d", cl.text))
                counted = {n.unit for n in numbers or () if n.article == v.id and n.unit
                           and cl.start <= n.start < cl.end and not n.value[:1].isalpha()}
                units.append(Unit(v, cl, keys, content(cl.text), counted))
    for i, u in enumerate(units):
        u.index = i
    return units


def score_matrix(units: list[Unit]) -> tuple[np.ndarray, np.ndarray]:
    """(combined score, cosine) between every pair of units; same-article pairs are -1."""
    n = len(units)
    if n == 0:
        return np.zeros((0, 0)), np.zeros((0, 0))
    vecs = models.embed([u.text for u in units])
    cos = vecs @ vecs.T
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, u in enumerate(units):
        for s in u.stems:
            rows.append(i)
            cols.append(vocab.setdefault("w:" + s, len(vocab)))
    krows, kcols = [], []
    kv: dict[str, int] = {}
    for i, u in enumerate(units):
        for k in u.keys:
            krows.append(i)
            kcols.append(kv.setdefault(k, len(kv)))
    x = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(n, max(1, len(vocab))))
    k = sparse.csr_matrix((np.ones(len(krows), np.float32), (krows, kcols)), shape=(n, max(1, len(kv))))
    inter = (x @ x.T).toarray()
    sizes = np.asarray(x.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - inter
    jac = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    shared = np.minimum((k @ k.T).toarray(), 2)
    score = W_COS * cos + W_JAC * jac + W_KEY * shared
    # a figure one clause states and the other lacks altogether: a different, more specific claim
    cv: dict[str, int] = {}
    crow, ccol = [], []
    for i, u in enumerate(units):
        for c in u.counted:
            crow.append(i)
            ccol.append(cv.setdefault(c, len(cv)))
    if cv:
        cm = sparse.csr_matrix((np.ones(len(crow), np.float32), (crow, ccol)), shape=(n, len(cv)))
        has = np.asarray(cm.sum(axis=1)).ravel()
        common = (cm @ cm.T).toarray()
        lone = (common == 0) & ((has[:, None] > 0) | (has[None, :] > 0))
        score = score - W_NUM * lone
    art = np.array([id(u.view) for u in units])
    same = art[:, None] == art[None, :]
    score[same] = -1.0
    cos = cos.copy()
    cos[same] = -1.0
    return score, cos


def align(units: list[Unit], score: np.ndarray, link: float = LINK) -> list[list[Unit]]:
    """Mutual best matches per pair of articles above ``link``, joined into groups."""
    n = len(units)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    arts: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        arts.setdefault(id(u.view), []).append(i)
    blocks = [np.array(ix) for ix in arts.values()]
    best_in: list[np.ndarray] = []      # best_in[b][i] = best unit of article b for unit i
    for ix in blocks:
        sub = score[:, ix]
        best_in.append(ix[np.argmax(sub, axis=1)])
    block_of = np.empty(n, dtype=int)
    for b, ix in enumerate(blocks):
        block_of[ix] = b
    links = []
    for b, ix in enumerate(blocks):
        for i in range(n):
            if block_of[i] == b:
                continue
            j = best_in[b][i]
            if i < j and score[i, j] >= link and best_in[block_of[i]][j] == i:
                links.append((float(score[i, j]), i, j))
    # strongest links first; a fact holds at most one clause per article (no chaining through an article)
    members: dict[int, set[int]] = {i: {int(block_of[i])} for i in range(n)}
    for _, i, j in sorted(links, reverse=True):
        ri, rj = find(i), find(j)
        if ri == rj or members[ri] & members[rj]:
            continue
        # average linkage: no chaining of unrelated clauses through one shared neighbour
        a = [k for k in range(n) if find(k) == ri]
        b = [k for k in range(n) if find(k) == rj]
        if float(score[np.ix_(a, b)].mean()) < GROUP:
            continue
        parent[ri] = rj
        members[rj] |= members.pop(ri)
    groups: dict[int, list[Unit]] = {}
    for i, u in enumerate(units):
        groups.setdefault(find(i), []).append(u)
    return list(groups.values())


def representative(group: list[Unit], cos: np.ndarray) -> Unit:
    if len(group) == 1:
        return group[0]
    ix = [u.index for u in group]
    sub = cos[np.ix_(ix, ix)]
    sub = np.where(sub < -0.5, 0, sub)
    quality = sub.sum(axis=1) - 0.01 * np.array([abs(len(words(u.text)) - 18) for u in group]) \
        - 0.2 * np.array([bool(_PRONOUN_START.match(u.text)) for u in group])
    return group[int(np.argmax(quality))]


def build_facts(views: list[ArticleView], units: list[Unit], score: np.ndarray, cos: np.ndarray,
                link: float = LINK, topic: float = TOPIC) -> list[dict]:
    labels = list(dict.fromkeys(v.label for v in views))
    facts = []
    for group in align(units, score, link):
        group.sort(key=lambda u: (labels.index(u.view.label), u.span.start))
        outlets = list(dict.fromkeys(u.view.label for u in group))
        rep = representative(group, cos)
        ix = [u.index for u in group]
        covered = set(outlets)
        for v in views:
            if v.label in covered:
                continue
            cols = [u.index for u in units if u.view is v]
            if cols and float(cos[np.ix_(ix, cols)].max()) >= topic:
                covered.add(v.label)
        fact = {
            "text": rep.text,
            "outlets": outlets,
            "consensus": len(outlets) >= 2 and covered == set(outlets),
            "evidence": [{"article": u.view.id, "quote": u.text} for u in group],
            "single_source": len(outlets) == 1,
            "left_out_by": [o for o in labels if o not in outlets],
            "topic_covered_by": [o for o in labels if o in covered],
            "_units": group,
            "_rep": rep,
        }
        facts.append(fact)
    facts.sort(key=lambda f: (-len(f["outlets"]), labels.index(f["_units"][0].view.label), f["_units"][0].span.start))
    for i, f in enumerate(facts, 1):
        f["id"] = f"f{i}"
    return facts
