"""The dedup stage: mark each article that copies an earlier-seen one.

Candidates come from the store's inverted index of sampled shingle hashes
(``dedup/fingerprint.py``); a candidate is a copy when the sampled containment
reaches ``CONTAINMENT``. Only the first copy of each group is indexed, so a
flood of copies of one article costs one lookup each, not a growing list.

Work is done a batch (``commit_every`` articles, one transaction) at a time:
the batch's samples are computed first, then its candidates are looked up
either in this run's in-memory postings (``dedup/index.py``; while the store
holds no other index, e.g. a new store, and they fit in memory) or in the
store, with one query for all the batch's hashes; the batch's fingerprints
and postings are written in one statement each when it closes, so the store
stays the durable copy. The choice is made inside the batch's write
transaction and re-checked at every batch (``store.dedup_stamp()`` moves
when another process writes fingerprints), so two processes deduplicating
into one store still see each other's committed copies.

Canonical copy rule, stated once: the cleanest copy (largest share of its page
kept as article text, in steps of 0.1), then the longest, then the earliest
published, then the first to arrive. Every member of a group points at the
canonical copy through ``duplicate_of``; the canonical copy points nowhere.
Only a change of canonical copy rewrites a group's pointers.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from newsprism.dedup.fingerprint import CONTAINMENT, MIN_SAMPLES, from_bytes, sample, to_bytes
from newsprism.dedup.index import Postings
from newsprism.stage import Stage
from newsprism.types import Article

KIND = "shingle5-sample8"
#: canonical keys and sample sizes kept in memory per run, beyond which the store is asked again
_CACHE = 200_000
#: what every copy of one article shares: a copy that states none takes its group's
SHARED_FIELDS = ("outlet", "published")
#: postings of this run kept in memory at most (≈ 100 bytes each); beyond, lookups go to the store
MEMORY_POSTINGS = 1_000_000


def canonical_key(a: Article) -> tuple[Any, ...]:
    return (-round(a.clean_ratio, 1), -a.word_count, a.published or "9999", a.id)


class DedupStage(Stage):
    name = "dedup"
    requires = ("text",)
    assigns = ("duplicate_of",)
    ordered = True
    commit_every = 64

    def __init__(self, ctx: Any, **config: Any) -> None:
        super().__init__(ctx, **config)
        self._samples: dict[str, np.ndarray] = {}
        self._memory = Postings()          # this run's indexed articles, while the store holds no others
        self._lookup = self._memory        # where this batch's candidates are found
        self._use_store: bool | None = None
        self._stamp = 0
        self._sizes: dict[str, int] = {}
        self._fingerprints: list[tuple[str, bytes]] = []
        self._new_postings: list[tuple[int, str]] = []
        self._keys: dict[str, tuple[Any, ...]] = {}
        self._complete: set[str] = set()   # canonical copies known to state every SHARED_FIELDS

    # -- batches ----------------------------------------------------------------------------
    def open_batch(self, items: list[Article]) -> None:
        """Sample the batch and decide where its candidates come from.

        While the store holds no index but this run's (a new store, and no
        other process has written fingerprints since) and this run's postings
        fit in memory, they are looked up in memory. Otherwise the store's
        postings for all the batch's hashes are fetched in one query.
        """
        store = self.ctx.store
        self._samples = {a.id: self._sample(a) for a in items if not store.is_done(a.id, self.name)}
        stamp = store.dedup_stamp(KIND)
        if self._use_store is None:
            self._use_store = stamp > 0
        elif stamp != self._stamp or self._memory.count > MEMORY_POSTINGS:
            self._use_store = True
        if not self._use_store:
            self._lookup = self._memory
            return
        self._memory = Postings()
        self._lookup = Postings()
        wanted: set[int] = set()
        for h in self._samples.values():
            if len(h) >= MIN_SAMPLES:
                wanted.update(h.tolist())
        if wanted:
            self._lookup.add_rows(store.postings(wanted))

    def _sample(self, article: Article) -> np.ndarray:
        """The article's sampled hashes; an executor may have computed them beside its extraction (Ray)."""
        ready = self.ctx.settings.get("fingerprints", {}).pop(article.id, None)
        return from_bytes(ready) if ready is not None else sample(article.text)

    def close_batch(self) -> None:
        store = self.ctx.store
        if self._fingerprints:
            store.put_fingerprints(KIND, self._fingerprints)
        if self._new_postings:
            self._new_postings.sort()        # B-tree inserts in key order
            store.add_postings_many(self._new_postings)
        if not self._use_store:
            self._stamp = store.dedup_stamp(KIND)
        self._fingerprints, self._new_postings, self._samples = [], [], {}

    # -- one article --------------------------------------------------------------------------
    def process(self, article: Article) -> Article:
        store = self.ctx.store
        alone = article.id not in self._samples      # called outside run(): a batch of one
        if alone:
            self.open_batch([article])
        hashes = self._samples.pop(article.id, None)
        if hashes is None:
            self.stats.reused += 1
            return store.get_article(article.id) or article
        self._remember(article)
        matches = self._matches(article.id, hashes)
        if matches:
            with store.transaction():        # a savepoint: a failed regroup leaves no half-moved group
                article.duplicate_of = self._regroup(article, matches)
                store.mark_done(article.id, self.name)
        else:
            store.mark_done(article.id, self.name)
        self._fingerprints.append((article.id, to_bytes(hashes)))
        if not matches and len(hashes) >= MIN_SAMPLES:
            ids = hashes.tolist()
            self._new_postings += [(h, article.id) for h in ids]
            self._lookup.add(article.id, ids)
            self._sizes[article.id] = len(ids)
        if alone:
            self.close_batch()
        return article

    def _matches(self, article_id: str, hashes: np.ndarray) -> list[str]:
        """Indexed articles whose sample shares at least CONTAINMENT of the smaller sample with ``hashes``."""
        if len(hashes) < MIN_SAMPLES:
            return []
        out = []
        for other, shared in self._lookup.shared(hashes.tolist()).items():
            if other == article_id or shared < CONTAINMENT * MIN_SAMPLES:
                continue
            # holding CONTAINMENT of this article's sample is enough whatever the other's size
            if shared >= CONTAINMENT * len(hashes) or shared >= CONTAINMENT * (self._size(other) or len(hashes)):
                out.append(other)
        return out

    def _size(self, other: str) -> int:
        size = self._sizes.get(other)
        if size is None:
            if len(self._sizes) >= _CACHE:
                self._sizes.clear()
            blob = self.ctx.store.get_fingerprint(other, KIND)
            size = self._sizes[other] = len(blob) // 8 if blob else 0
        return size

    # -- canonical copies ---------------------------------------------------------------------
    def _remember(self, a: Article) -> tuple[Any, ...]:
        if len(self._keys) >= _CACHE:
            self._keys.clear()
        key = self._keys[a.id] = canonical_key(a)
        return key

    def _key(self, article_id: str) -> tuple[Any, ...] | None:
        key = self._keys.get(article_id)
        if key is None:
            a = self.ctx.store.get_article(article_id)
            key = self._remember(a) if a is not None else None
        return key

    def _regroup(self, article: Article, matches: list[str]) -> str | None:
        """Join the article to its matches' groups; elect the canonical copy; return the article's ``duplicate_of``.

        Each group's canonical copy is already the best of its members, so the
        new canonical copy is the best of those copies and the article.
        """
        store = self.ctx.store
        roots = set(store.duplicate_roots(matches).values())
        keys = {r: k for r in roots if (k := self._key(r)) is not None}
        if not keys:
            return None
        keys[article.id] = canonical_key(article)
        winner = min(keys, key=keys.__getitem__)
        self._share_identity(article, sorted(keys, key=keys.__getitem__))
        for root in keys:
            if root == winner or root == article.id:
                continue
            for member in store.duplicates_of(root):
                store.set_duplicate(member, winner)
            store.set_duplicate(root, winner)
        if winner == article.id:
            store.set_duplicate(article.id, None)
            return None
        store.set_duplicate(article.id, winner)
        return winner

    def _share_identity(self, article: Article, heads: list[str]) -> None:
        """Copies of one article share one outlet and one date: a member that states none takes the group's.

        ``heads``: the canonical copies of the groups being joined (and the
        article), best first. Invariant: a canonical copy states a field when
        any member of its group does, so the group's value is the first head's
        that states it; a group whose head lacked it gets it on every member.
        Nothing stated is ever overwritten (a republication keeps its outlet).
        Called before the group's pointers move; they are rewritten after.
        """
        store = self.ctx.store
        if all(getattr(article, f) for f in SHARED_FIELDS) and \
                all(h in self._complete for h in heads if h != article.id):
            return                           # a flood of full copies of one article costs no extra read
        loaded = {h: article if h == article.id else store.get_article(h) for h in heads}
        found = [a for a in loaded.values() if a is not None]
        values = {f: next((getattr(a, f) for a in found if getattr(a, f)), None) for f in SHARED_FIELDS}
        for head in found:
            missing = [f for f, v in values.items() if v and not getattr(head, f)]
            if not missing:
                continue
            members = [head] if head is article else [head, *filter(None, (
                store.get_article(m) for m in store.duplicates_of(head.id)))]
            for member in members:
                lacking = [f for f in missing if not getattr(member, f)]
                for f in lacking:
                    setattr(member, f, values[f])
                if lacking:
                    store.put_article(member, done="")
        if len(self._complete) >= _CACHE:
            self._complete.clear()
        self._complete.update(a.id for a in found if all(getattr(a, f) for f in SHARED_FIELDS))
