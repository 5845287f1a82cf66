"""The Stage base class: one method over a stream of records, with counters.

A concrete stage implements ``process(item)`` and returns the record to pass
on, or ``None`` after calling ``self.drop(...)`` with a reason. The loop, the
per-record error handler and the counters live here once.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from newsprism.errors import NewsprismError, StageError, safe_text
from newsprism.types import Skipped

log = logging.getLogger("newsprism")


@dataclass
class StageStats:
    name: str
    seen: int = 0
    kept: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    reused: int = 0          # records already done in the store (resumed runs)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "seen": self.seen, "kept": self.kept, "reused": self.reused,
                "dropped": dict(self.dropped), "seconds": round(self.seconds, 3)}


@dataclass
class RunContext:
    """What every stage of one run shares: the store, the run id, settings, a progress hook."""

    store: Any
    run_id: int | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    on_progress: Any = None       # callable(stage_name, advance) or None
    failed_sources: set[str] = field(default_factory=set)
    #: a ``newsprism.ingest.urls.Fetcher`` to fetch URLs with (its robots.txt cache and host pacing
    #: shared with the caller, e.g. ``watch``'s); None: the ingest stage opens its own
    fetcher: Any = None


class Stage:
    """Base of every pipeline stage."""

    name: ClassVar[str] = "stage"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()
    #: the executor sorts the whole stream by publication date before this stage
    ordered: ClassVar[bool] = False
    defaults: ClassVar[dict[str, Any]] = {}
    #: records processed per store transaction; a kill loses at most one batch
    #: of this stage's work, which the rerun redoes (markers commit with it)
    commit_every: ClassVar[int] = 1

    def __init__(self, ctx: RunContext, **config: Any) -> None:
        unknown = set(config) - set(self.defaults)
        if unknown:
            raise StageError(f"stage {self.name!r}: unknown setting(s) {sorted(unknown)}; "
                             f"valid: {sorted(self.defaults)}")
        self.ctx = ctx
        self.config = {**self.defaults, **config}
        self.stats = StageStats(self.name)

    # -- the one method a stage implements -------------------------------------------
    def process(self, item: Any) -> Any:
        raise NotImplementedError

    # -- shared machinery ------------------------------------------------------------------
    def arriving(self, items: Iterable[Any]) -> Iterable[Any]:
        """An ``ordered`` stage sees the records here as they arrive, before the executor first sorts the stream
        (so before any ordered stage ahead of it has run, e.g. dedup before cluster): the place to start work that
        depends neither on their order nor on what those stages change (the cluster stage reads its models' signals
        of each title and text). It passes every record on, unchanged and in arrival order."""
        return items

    def open_batch(self, items: list[Any]) -> None:
        """Called inside a batch's transaction before its records (e.g. to prefetch for all of them)."""

    def close_batch(self) -> None:
        """Called inside a batch's transaction after its records (e.g. to write what was buffered)."""

    def run(self, items: Iterable[Any]) -> Iterator[Any]:
        if self.commit_every <= 1:
            yield from self._run(items)
            return
        batch: list[Any] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.commit_every:
                yield from self._run_batch(batch)
                batch = []
        yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Any]) -> list[Any]:
        with self.ctx.store.transaction():
            self.open_batch(batch)
            done = list(self._run(batch))
            self.close_batch()
        return done

    def _run(self, items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            started = time.perf_counter()
            self.stats.seen += 1
            try:
                out = self.process(item)
            except NewsprismError as exc:
                self.fail(item, exc)
                out = None
            except Exception as exc:  # one bad record never stops a batch
                log.exception("stage %s failed on %s", self.name, self.source_of(item))
                self.fail(item, StageError(f"{type(exc).__name__}: {exc}"))
                out = None
            self.stats.seconds += time.perf_counter() - started
            self.progress()
            if out is not None:
                self.stats.kept += 1
                yield out

    def progress(self, advance: int = 1) -> None:
        if self.ctx.on_progress:
            self.ctx.on_progress(self.name, advance)

    @staticmethod
    def source_of(item: Any) -> str:
        return str(getattr(item, "source", None) or getattr(item, "id", None) or item)

    def fail(self, item: Any, exc: NewsprismError, level: str = "error") -> None:
        """Set a record aside with its reason: counted, logged, written to ``skipped``."""
        source = exc.source or safe_text(self.source_of(item))
        sha = getattr(item, "sha256", None) or getattr(item, "input_sha256", None)
        if level == "error":
            self.stats.dropped[exc.code] += 1
            self.ctx.failed_sources.add(source)
        log.info("%s %s [%s] %s: %s", self.name, level, exc.code, source, exc.message)
        self.ctx.store.record_skipped(
            Skipped(source=source, stage=self.name, code=exc.code, message=exc.message, input_sha256=sha),
            run_id=self.ctx.run_id, level=level,
        )
