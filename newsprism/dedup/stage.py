"""The dedup stage: mark each article that copies an earlier-seen one.

Canonical copy rule, stated once: the cleanest copy (largest share of its page
kept as article text, in steps of 0.1), then the longest, then the earliest
published, then the first to arrive. Every member of a group points at the
canonical copy through ``duplicate_of``; the canonical copy points nowhere.
"""

from __future__ import annotations

from typing import Any

from newsprism.dedup.minhash import CONTAINMENT, MIN_SHINGLES, containment, from_bytes, minhash, new_index, \
    shingle_set, to_bytes
from newsprism.stage import Stage
from newsprism.types import Article

KIND = "minhash5"


def canonical_key(a: Article) -> tuple[Any, ...]:
    return (-round(a.clean_ratio, 1), -a.word_count, a.published or "9999", a.id)


class DedupStage(Stage):
    name = "dedup"
    requires = ("text",)
    assigns = ("duplicate_of",)
    ordered = True

    def __init__(self, ctx: Any, **config: Any) -> None:
        super().__init__(ctx, **config)
        self.index = new_index()
        self._shingles: dict[str, set[str]] = {}
        for article_id, blob in ctx.store.iter_fingerprints(KIND):
            if article_id not in self.index:
                self.index.insert(article_id, from_bytes(blob))

    def _shingles_of(self, article_id: str) -> set[str]:
        if article_id not in self._shingles:
            other = self.ctx.store.get_article(article_id)
            self._shingles[article_id] = shingle_set(other.text if other else "")
        return self._shingles[article_id]

    def process(self, article: Article) -> Article:
        store = self.ctx.store
        if store.is_done(article.id, self.name):
            self.stats.reused += 1
            return store.get_article(article.id) or article
        shingles = shingle_set(article.text)
        self._shingles[article.id] = shingles
        m = minhash(shingles)
        matches = []
        if len(shingles) >= MIN_SHINGLES:
            for other in self.index.query(m):
                if other != article.id and containment(shingles, self._shingles_of(other)) >= CONTAINMENT:
                    matches.append(other)
        with store.transaction():
            if article.id not in self.index:
                store.put_fingerprint(article.id, KIND, to_bytes(m))
                self.index.insert(article.id, m)
            if matches:
                self._regroup(article, matches)
            store.mark_done(article.id, self.name)
        return store.get_article(article.id) or article

    def _regroup(self, article: Article, matches: list[str]) -> None:
        """Join the article to the groups of its matches and re-elect the canonical copy."""
        store = self.ctx.store
        members = {article.id: article}
        for other_id in matches:
            other = store.get_article(other_id)
            if other is None:
                continue
            root = other.duplicate_of or other.id
            for a in store.iter_articles([root]):
                members[a.id] = a
            for a in store.iter_articles(store.duplicates_of(root)):
                members[a.id] = a
        canonical = min(members.values(), key=canonical_key)
        for a in members.values():
            store.set_duplicate(a.id, None if a.id == canonical.id else canonical.id)
