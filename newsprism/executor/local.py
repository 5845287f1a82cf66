"""The local executor: stages chained as generators in one process.

Stages marked ``ordered`` see the whole stream sorted by publication date
(undated articles last, in arrival order), so story assignment happens in the
order the news appeared. Each also sees the records as they arrive, before the
first such sort (``Stage.arriving``), to start work that needs no order. Resumption needs nothing here: each stage checks the
store's per-article completion markers and skips what is done.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Any

from newsprism.stage import RunContext, Stage


def publication_order(items: list[Any]) -> list[Any]:
    keyed = [(getattr(a, "published", None) or "\uffff", i, a) for i, a in enumerate(items)]
    return [a for _, _, a in sorted(keyed, key=lambda k: (k[0], k[1]))]


class LocalExecutor:
    name = "local"

    def __init__(self, stages: list[type[Stage]], ctx: RunContext,
                 config: dict[str, dict[str, Any]] | None = None) -> None:
        config = config or {}
        self.ctx = ctx
        self.stages = [cls(ctx, **config.get(cls.name, {})) for cls in stages]

    def run(self, items: Iterable[Any]) -> list[Any]:
        stream: Iterable[Any] = items
        sorted_once = False
        for i, stage in enumerate(self.stages):
            if stage.ordered:
                if not sorted_once:     # every ordered stage sees the records arriving before the first sort
                    for later in self.stages[i:]:
                        if later.ordered:
                            stream = later.arriving(stream)
                    sorted_once = True
                stream = publication_order(list(stream))
            stream = stage.run(stream)
        started = time.perf_counter()
        out = list(stream)
        self.seconds = time.perf_counter() - started
        return out

    def stats(self) -> list[dict[str, Any]]:
        return [s.stats.as_dict() for s in self.stages]

    def iter_run(self, items: Iterable[Any]) -> Iterator[Any]:
        yield from self.run(items)
