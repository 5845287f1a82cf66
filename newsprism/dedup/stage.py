"""The dedup stage: mark each article that copies an earlier-seen one.

Candidates come from the store's inverted index of sampled shingle hashes
(``dedup/fingerprint.py``); a candidate is a copy when the sampled containment
reaches ``CONTAINMENT``. Only canonical articles are indexed, so a flood of
copies of one article costs one lookup each, not a growing list.

Canonical copy rule, stated once: the cleanest copy (largest share of its page
kept as article text, in steps of 0.1), then the longest, then the earliest
published, then the first to arrive. Every member of a group points at the
canonical copy through ``duplicate_of``; the canonical copy points nowhere.
"""

from __future__ import annotations

from typing import Any

from newsprism.dedup.fingerprint import CONTAINMENT, MIN_SAMPLES, from_bytes, sample, to_bytes
from newsprism.stage import Stage
from newsprism.types import Article

KIND = "shingle5-sample8"


def canonical_key(a: Article) -> tuple[Any, ...]:
    return (-round(a.clean_ratio, 1), -a.word_count, a.published or "9999", a.id)


class DedupStage(Stage):
    name = "dedup"
    requires = ("text",)
    assigns = ("duplicate_of",)
    ordered = True
    commit_every = 64

    def process(self, article: Article) -> Article:
        store = self.ctx.store
        if store.is_done(article.id, self.name):
            self.stats.reused += 1
            return store.get_article(article.id) or article
        # an executor may have fingerprinted the page already, next to its extraction (the Ray executor)
        ready = self.ctx.settings.get("fingerprints", {}).pop(article.id, None)
        hashes = from_bytes(ready) if ready is not None else sample(article.text)
        matches = self._matches(article.id, hashes)
        with store.transaction():
            store.put_fingerprint(article.id, KIND, to_bytes(hashes))
            if matches:
                self._regroup(article, matches)
            elif len(hashes) >= MIN_SAMPLES:
                store.add_postings(article.id, hashes.tolist())
            store.mark_done(article.id, self.name)
        return (store.get_article(article.id) or article) if matches else article

    def _matches(self, article_id: str, hashes: Any) -> list[str]:
        if len(hashes) < MIN_SAMPLES:
            return []
        store = self.ctx.store
        out = []
        for other, shared in store.dedup_candidates(hashes.tolist()):
            if other == article_id:
                continue
            blob = store.get_fingerprint(other, KIND)
            size = min(len(hashes), len(from_bytes(blob))) if blob else len(hashes)
            if shared / max(1, size) >= CONTAINMENT:
                out.append(other)
        return out

    def _regroup(self, article: Article, matches: list[str]) -> None:
        """Join the article to the groups of its matches and re-elect the canonical copy."""
        store = self.ctx.store
        members = {article.id: article}
        for other_id in matches:
            other = store.get_article(other_id)
            if other is None:
                continue
            for a in store.iter_articles(store.copies_of(other)):
                members[a.id] = a
        canonical = min(members.values(), key=canonical_key)
        for a in members.values():
            store.set_duplicate(a.id, None if a.id == canonical.id else canonical.id)
