"""An in-memory slice of the dedup index: sampled hash → the indexed articles holding it.

The dedup stage keeps one for its whole run while the store holds no other
index (and it fits in memory), or fills one per batch with the store's
postings for the batch's hashes; either way it adds the new indexed articles
as it goes, so a copy is found whether its original came in an earlier run,
an earlier batch or this batch.
"""

from __future__ import annotations

from collections.abc import Iterable


class Postings:
    def __init__(self) -> None:
        self.lists: dict[int, list[str]] = {}
        self.count = 0                      # postings held

    def add(self, article: str, hashes: Iterable[int]) -> None:
        """Index ``article`` under each of ``hashes`` (an article is added once)."""
        lists = self.lists
        for h in hashes:
            self.count += 1
            ids = lists.get(h)
            if ids is None:
                lists[h] = [article]
            else:
                ids.append(article)

    def add_rows(self, rows: Iterable[tuple[int, str]]) -> None:
        """Index ``(hash, article)`` rows, as the store returns them."""
        lists = self.lists
        for h, article in rows:
            self.count += 1
            ids = lists.get(h)
            if ids is None:
                lists[h] = [article]
            else:
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
