"""Build and run a pipeline; ``analyze`` is the library call behind ``newsprism analyze``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from newsprism import registry
from newsprism.errors import UsageError
from newsprism.executor.local import LocalExecutor, input_position
from newsprism.ingest.files import expand
from newsprism.report.json import build_report
from newsprism.store.sql import lock_wait
from newsprism.stage import RunContext

#: ``--executor`` choices: "local" (one process + sandboxed workers), "ray" (per-page work on Ray)
EXECUTORS = ("local", "ray")
#: stages the report format has sections for (``stages_not_run`` names those a pipeline left out)
SECTION_STAGES = ("compare",)
#: of those, the ones this version does not provide yet
NOT_YET_AVAILABLE: tuple[str, ...] = tuple(n for n in SECTION_STAGES if n not in registry.BUILTIN_STAGES)


@dataclass
class AnalysisResult:
    report: dict[str, Any]
    run_id: int
    stats: list[dict[str, Any]]
    failed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every input went through, 1 when some failed."""
        return 1 if self.failed else 0


class Pipeline:
    """A validated list of registered stages plus their settings."""

    def __init__(self, names: Sequence[str] = registry.DEFAULT_PIPELINE,
                 config: dict[str, dict[str, Any]] | None = None, *,
                 executor: str = "local", ray_address: str | None = None) -> None:
        if executor not in EXECUTORS:
            raise UsageError(f"unknown executor {executor!r}; valid: {', '.join(EXECUTORS)}")
        self.names = list(names)
        self.classes = registry.validate(self.names)
        self.config = config or {}
        self.executor_name, self.ray_address = executor, ray_address

    def executor(self, ctx: RunContext) -> LocalExecutor:
        if self.executor_name == "ray":
            from newsprism.executor.ray import RayExecutor

            return RayExecutor(self.classes, ctx, self.config, address=self.ray_address)
        return LocalExecutor(self.classes, ctx, self.config)


def _source_order(sources: list[str]) -> Callable[[Any], tuple[int, int, str]]:
    position = input_position(sources)

    def key(article: Any) -> tuple[int, int, str]:
        return (*position(article), article.id)

    return key


def expected_articles(sources: Sequence[str]) -> int:
    """What a run's progress counts to: one article per input, a JSON Lines file one per non-blank row.

    (A feed, OPML or WARC input counts one: its entries are known only once fetched or read.)
    """
    total = 0
    for source in sources:
        if source.lower().endswith(".jsonl"):
            try:
                with open(source, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
                continue
            except OSError:
                pass                       # counted as one; the ingest stage reports why it fails
        total += 1
    return total


def analyze(paths: Sequence[str], store: Any, *, pipeline: Pipeline | None = None,
            on_progress: Callable[[str, int], None] | None = None,
            on_total: Callable[[int], None] | None = None, fetcher: Any = None) -> AnalysisResult:
    """Ingest, extract, deduplicate and cluster ``paths``; return the report for them.

    The run holds the store's writer lock (``SQLStore.writer_lock``): a second writing run waits for it, and
    after $NEWSPRISM_LOCK_WAIT seconds refuses with StoreBusy (NP402, "store in use").

    ``fetcher``: a ``newsprism.ingest.urls.Fetcher`` for the URLs among ``paths`` (kept open);
    by default the ingest stage opens one with its own settings.
    """
    pipeline = pipeline or Pipeline()
    lock = getattr(store, "writer_lock", None)
    with lock(lock_wait()) if lock else nullcontext():
        return _analyze(paths, store, pipeline, on_progress, on_total, fetcher)


def _analyze(paths: Sequence[str], store: Any, pipeline: Pipeline, on_progress: Callable[[str, int], None] | None,
             on_total: Callable[[int], None] | None, fetcher: Any) -> AnalysisResult:
    sources = list(expand(paths))
    if on_total:
        on_total(expected_articles(sources))
    run_id = store.start_run("analyze", {"paths": list(paths), "pipeline": pipeline.names,
                                         "config": pipeline.config})
    ctx = RunContext(store=store, run_id=run_id, on_progress=on_progress, fetcher=fetcher)
    executor = pipeline.executor(ctx)
    status = "failed"
    try:
        articles = executor.run(sources)
        status = "done"
    finally:
        store.finish_run(run_id, {"stages": executor.stats()}, status)
    articles.sort(key=_source_order(sources))
    errors = [{"source": s.source, "stage": s.stage, "code": s.code, "message": s.message, "level": level}
              for s, level in store.iter_skipped(run_id)]
    report = build_report(store, [a.id for a in articles], stages_run=executor.stats(),
                          stages_not_run=[n for n in SECTION_STAGES if n not in pipeline.names],
                          errors=errors)
    return AnalysisResult(report, run_id, executor.stats(), [e for e in errors if e["level"] == "error"])
