"""The compare stage: once every article of the run has arrived, compare each story it touched.

The stage collects the stream (it must see every article first), then for each
story touched by this run loads all of its members from the store (articles
of earlier runs included), computes the comparison, stores the story, and
passes the articles on unchanged. A story whose membership is unchanged since
its last comparison is not compared again (a rerun, or a run that added
articles to other stories only).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable, Iterator
from typing import Any

from newsprism.errors import StageError
from newsprism.stage import Stage
from newsprism.types import Article, Skipped

log = logging.getLogger("newsprism")

#: bump when the comparison's output changes, so stored comparisons are redone
COMPARE_VERSION = "25"
#: stories the models read in one pass (the tagger and the encoder side by side over all of them),
#: and the characters of their articles at most: a poll's dozens of stories, read one at a time,
#: left a core idle whenever a story had only the tagger's work
READ_TOGETHER = 32
READ_CHARS = 2_000_000


def membership_key(members: list[Article]) -> str:
    """What a comparison depends on: the members, their copies and their texts' inputs."""
    parts = sorted(f"{a.id}:{a.duplicate_of or ''}:{a.input_sha256}" for a in members)
    return COMPARE_VERSION + ":" + hashlib.sha1("|".join(parts).encode()).hexdigest()


class CompareStage(Stage):
    name = "compare"
    requires = ("story",)
    assigns = ("comparison",)
    ordered = True
    defaults: dict[str, Any] = {}

    def run(self, items: Iterable[Any]) -> Iterator[Any]:
        articles: list[Article] = []
        for item in items:
            self.stats.seen += 1
            articles.append(item)
        stories = list(dict.fromkeys(a.story for a in articles if getattr(a, "story", None)))
        store = self.ctx.store
        started = time.perf_counter()
        batch: list[tuple[Any, str]] = []      # (prepared story, membership key)
        chars = 0
        for sid in stories:
            try:
                story = store.get_story(sid)
                if story is None:
                    continue
                members = list(store.iter_articles(story.articles))
                key = membership_key(members)
                if story.compared == key:     # same members as last time: nothing to redo
                    self.stats.reused += 1
                    continue
                from newsprism.compare.story import prepare

                batch.append((prepare(story, members), key))
                chars += sum(len(a.text or "") for a in members)
            except Exception as exc:   # one story failing never stops the others
                self._failed(sid, exc)
                continue
            if len(batch) >= READ_TOGETHER or chars >= READ_CHARS:
                self._finish(batch)
                batch, chars = [], 0
        self._finish(batch)
        self.stats.seconds += time.perf_counter() - started
        for a in articles:
            self.progress()
            self.stats.kept += 1
            yield a

    def _finish(self, batch: list[tuple[Any, str]]) -> None:
        """Compare the prepared stories of ``batch`` (the models read them in one pass) and store them."""
        if not batch:
            return
        from newsprism.compare.story import finish, read_together

        try:
            found: list[Any] = read_together([p for p, _ in batch])
        except Exception:   # each story then has the models read it alone, in finish
            log.exception("compare: reading %d stories together failed; reading them one by one", len(batch))
            found = [None] * len(batch)
        for (prepared, key), entities in zip(batch, found):
            try:
                story = finish(prepared, entities)
                story.compared = key
                self.ctx.store.put_story(story)
            except Exception as exc:
                self._failed(prepared.story.id, exc)

    def _failed(self, sid: str, exc: Exception) -> None:
        log.exception("compare failed on story %s", sid)
        self.ctx.store.record_skipped(Skipped(source=sid, stage=self.name, code=StageError.code,
                                              message=f"comparison failed: {type(exc).__name__}: {exc}"),
                                      run_id=self.ctx.run_id, level="warning")
