"""An in-memory slice of the dedup index: sampled hash → the indexed articles holding it.

The dedup stage fills one per batch with the store's postings for the batch's
hashes, then adds the batch's own new articles as it goes, so a copy is found
whether its original came in an earlier run, an earlier batch or this batch.
"""

from __future__ import annotations

from collections.abc import Iterable


class Postings:
    def __init__(self) -> None:
        self.lists: dict[int, list[str]] = {}
        #: sample sizes of indexed articles, when known
        self.sizes: dict[str, int] = {}

    def add(self, h: int, article: str) -> None:
        ids = self.lists.get(h)
        if ids is None:
            self.lists[h] = [article]
        elif article not in ids:
            ids.append(article)

    def shared(self, hashes: Iterable[int]) -> dict[str, int]:
        """Indexed article → how many of ``hashes`` it holds."""
        counts: dict[str, int] = {}
        lists = self.lists
        for h in hashes:
            ids = lists.get(h)
            if ids:
                for a in ids:
                    counts[a] = counts.get(a, 0) + 1
        return counts
