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
COMPARE_VERSION = "8"


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
        for sid in stories:
            started = time.perf_counter()
            try:
                story = store.get_story(sid)
                if story is None:
                    continue
                members = list(store.iter_articles(story.articles))
                key = membership_key(members)
                if story.compared == key:     # same members as last time: nothing to redo
                    self.stats.reused += 1
                    continue
                from newsprism.compare.story import compare_story

                story = compare_story(story, members)
                story.compared = key
                store.put_story(story)
            except Exception as exc:   # one story failing never stops the others
                log.exception("compare failed on story %s", sid)
                store.record_skipped(Skipped(source=sid, stage=self.name, code=StageError.code,
                                             message=f"comparison failed: {type(exc).__name__}: {exc}"),
                                     run_id=self.ctx.run_id, level="warning")
            finally:
                self.stats.seconds += time.perf_counter() - started
        for a in articles:
            self.progress()
            self.stats.kept += 1
            yield a
