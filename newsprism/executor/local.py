"""The local executor: stages chained as generators in one process.

Stages marked ``ordered`` see the whole stream sorted by publication date
(undated articles last, in arrival order), so story assignment happens in the
order the news appeared. Each also sees the records as they arrive, before the
first such sort (``Stage.arriving``), to start work that needs no order. Resumption needs nothing here: each stage checks the
store's per-article completion markers and skips what is done.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from newsprism.errors import safe_text
from newsprism.stage import RunContext, Stage


def input_position(sources: Iterable[Any]) -> Callable[[Any], tuple[int, int]]:
    """A record's place among the inputs as given: (the input's index, the line of a JSON Lines record or the
    offset of a WARC record); (len(sources), 0) for one no input names (a feed entry's page)."""
    index = {safe_text(s): i for i, s in enumerate(sources) if isinstance(s, str)}

    def position(record: Any) -> tuple[int, int]:
        source = getattr(record, "source", None) or ""
        if source in index:
            return index[source], 0
        for sep in (":", "#"):
            base, _, n = source.rpartition(sep)
            if n.isdigit() and base in index:
                return index[base], int(n)
        return len(index), 0

    return position


def publication_order(items: list[Any], position: Callable[[Any], tuple[int, int]] | None = None) -> list[Any]:
    """By publication date, undated last; records of one date in input order (``position``), then arrival order.

    Input order, not arrival alone: a resumed run gets the records it stored before the kill in another arrival
    order than a fresh run, and the order of assignment decides stories and their titles.
    """
    keyed = [(getattr(a, "published", None) or "\uffff", position(a) if position else (0, 0), i, a)
             for i, a in enumerate(items)]
    return [k[-1] for k in sorted(keyed, key=lambda k: k[:3])]


class LocalExecutor:
    name = "local"

    def __init__(self, stages: list[type[Stage]], ctx: RunContext,
                 config: dict[str, dict[str, Any]] | None = None) -> None:
        config = config or {}
        self.ctx = ctx
        self.stages = [cls(ctx, **config.get(cls.name, {})) for cls in stages]

    def run(self, items: Iterable[Any]) -> list[Any]:
        items = list(items)
        position = input_position(items)
        stream: Iterable[Any] = items
        sorted_once = False
        for i, stage in enumerate(self.stages):
            if stage.ordered:
                if not sorted_once:     # every ordered stage sees the records arriving before the first sort
                    for later in self.stages[i:]:
                        if later.ordered:
                            stream = later.arriving(stream)
                    sorted_once = True
                stream = publication_order(list(stream), position)
            stream = stage.run(stream)
        started = time.perf_counter()
        out = list(stream)
        self.seconds = time.perf_counter() - started
        return out

    def stats(self) -> list[dict[str, Any]]:
        return [s.stats.as_dict() for s in self.stages]

    def iter_run(self, items: Iterable[Any]) -> Iterator[Any]:
        yield from self.run(items)
