"""The Ray executor: the per-page work on Ray, everything order-dependent in the driver.

Only the heavy work that needs nothing but the page itself leaves the driver:
decoding and extraction, and the page's dedup fingerprint (its sampled
shingle hashes). Pages go to Ray tasks in batches, a bounded number in flight
(so a 10,000-page run never holds more than a few batches in memory), and come
back in input order. Inside each Ray worker the pages run through the same
sandbox as the local executor (a forked child with the time and memory
limits, kept across tasks), so a hostile page costs one child, never a Ray
worker.

The driver does the rest exactly as ``LocalExecutor`` does: it writes the
store (raw inputs, articles, completion markers), then takes the dedup
decisions, clustering and compare in publication order. Both executors
therefore give the same report, and a killed run resumes from the same markers.

Ray starts locally (``num_cpus`` = the extract stage's ``workers``, a small
object store, no dashboard) unless an address is given (``--ray-address``,
else ``$RAY_ADDRESS``), in which case it joins that cluster; newsprism must
then be installed on its nodes.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from newsprism.executor.local import LocalExecutor
from newsprism.stage import RunContext, Stage

#: pages per Ray task: large enough that task overhead (~1 ms) is noise next to ~25 ms per page
BATCH = 16
#: batches in flight per CPU: enough to keep every CPU busy while the driver writes results
IN_FLIGHT_PER_CPU = 2
#: object store of a locally started Ray (MiB): batches are small and short-lived
OBJECT_STORE_MB = 128
ENV_ADDRESS = "RAY_ADDRESS"


def _error_tuple(exc: Any) -> tuple[str, str, str, str]:
    return ("err", type(exc).__name__, exc.code, exc.message)


#: the sandbox of this Ray worker process, kept across its tasks (its forked child stays warm)
_SANDBOX: dict[tuple[float, int], Any] = {}


def _sandbox(timeout: float, memory_mb: int) -> Any:
    from newsprism.extract import extract_raw
    from newsprism.extract.sandbox import Sandbox

    if (timeout, memory_mb) not in _SANDBOX:
        # import the extractors before the sandbox forks, so its child never imports them again
        import newsprism.extract.html
        import newsprism.extract.metadata
        import newsprism.extract.textdump  # noqa: F401

        _SANDBOX[(timeout, memory_mb)] = Sandbox(extract_raw, workers=1, timeout=timeout, memory_mb=memory_mb)
    return _SANDBOX[(timeout, memory_mb)]


def extract_batch(batch: list[Any], timeout: float, memory_mb: int) -> list[tuple[Any, ...]]:
    """Extract and fingerprint a batch of RawInputs (runs in a Ray worker).

    Each result is ``("ok", Extracted, fingerprint bytes)`` or ``("err", class name, code, message)``.
    """
    from newsprism.dedup.fingerprint import sample, to_bytes
    from newsprism.errors import NewsprismError

    out: list[tuple[Any, ...]] = []
    for _raw, result in _sandbox(timeout, memory_mb).map(batch):
        if isinstance(result, NewsprismError):
            out.append(_error_tuple(result))
        else:
            out.append(("ok", result, to_bytes(sample(result.text))))
    return out


class RayPages:
    """``map(items)`` like ``Sandbox.map`` (``(item, result or error)`` in input order), on Ray tasks.

    Each page's fingerprint is left in ``fingerprints`` (article id → bytes) for the dedup stage.
    """

    def __init__(self, *, timeout: float, memory_mb: int, fingerprints: dict[str, bytes],
                 release: Callable[[], None] | None = None) -> None:
        import ray

        self.ray = ray
        self.release = release
        self.timeout, self.memory_mb = timeout, memory_mb
        self.fingerprints = fingerprints
        self.remote = ray.remote(num_cpus=1, max_retries=1)(extract_batch)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.in_flight = max(2, IN_FLIGHT_PER_CPU * cpus)

    def __enter__(self) -> RayPages:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def _batches(self, items: Iterable[Any]) -> Iterator[list[Any]]:
        batch: list[Any] = []
        for item in items:
            batch.append(item)
            if len(batch) >= BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    def map(self, items: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        from newsprism.errors import WorkerCrashed
        from newsprism.extract.sandbox import _error
        from newsprism.extract.stage import article_id

        pending: deque[tuple[list[Any], Any]] = deque()
        batches = self._batches(items)
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.in_flight:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                pending.append((batch, self.remote.remote(batch, self.timeout, self.memory_mb)))
            if not pending:
                if self.release is not None:     # every page is back: the rest of the run needs no Ray
                    self.release()
                return
            batch, ref = pending.popleft()
            try:
                results = self.ray.get(ref)
            except self.ray.exceptions.RayError as exc:   # the Ray worker itself died (twice)
                results = [_error_tuple(WorkerCrashed(f"the Ray worker died on this batch: {type(exc).__name__}"))
                           ] * len(batch)
            for raw, res in zip(batch, results):
                if res[0] == "ok":
                    self.fingerprints[article_id(raw.sha256)] = res[2]
                    yield raw, res[1]
                else:
                    yield raw, _error(res)


class RayExecutor(LocalExecutor):
    """``LocalExecutor`` whose extract stage maps pages over Ray (see the module doc)."""

    name = "ray"

    def __init__(self, stages: list[type[Stage]], ctx: RunContext,
                 config: dict[str, dict[str, Any]] | None = None, *, address: str | None = None) -> None:
        super().__init__(stages, ctx, config)
        self.address = address or os.environ.get(ENV_ADDRESS) or None
        self.cpus = max(1, int((config or {}).get("extract", {}).get("workers", 2)))
        self._started_here = False
        ctx.settings["page_mapper"] = self._mapper
        ctx.settings.setdefault("fingerprints", {})

    def _mapper(self, *, timeout: float, memory_mb: int, **_: Any) -> RayPages:
        import ray

        if self._started_here and not ray.is_initialized():     # released after an earlier map of this run
            start_ray(ray, self.address, self.cpus)
        return RayPages(timeout=timeout, memory_mb=memory_mb, fingerprints=self.ctx.settings["fingerprints"],
                        release=self._release if self._started_here else None)

    def _release(self) -> None:
        """Stop the Ray this run started, once the pages are extracted: its processes (raylet, GCS, workers) held
        about 0.9 GiB through clustering, where the driver loads its models (10,000 pages: 2,164 MiB at peak)."""
        import ray

        if ray.is_initialized():
            ray.shutdown()

    def run(self, items: Iterable[Any]) -> list[Any]:
        try:
            import ray
        except ImportError:
            from newsprism.errors import UsageError

            raise UsageError("--executor ray needs Ray: pip install 'newsprism[ray]'") from None
        started_here = self._started_here = not ray.is_initialized()
        if started_here:
            try:
                start_ray(ray, self.address, self.cpus)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                from newsprism.errors import UsageError

                where = f"join the Ray cluster at {self.address}" if self.address else "start Ray"
                raise UsageError(f"cannot {where}: {exc}") from None
        try:
            return super().run(items)
        finally:
            self.ctx.settings["fingerprints"].clear()
            if started_here and ray.is_initialized():
                ray.shutdown()


def start_ray(ray: Any, address: str | None, cpus: int) -> None:
    """Join the cluster at ``address``, or start a small local Ray with ``cpus`` CPUs."""
    if address:
        ray.init(address=address, log_to_driver=False, logging_level="ERROR")
        return
    ray.init(address="local", num_cpus=cpus, object_store_memory=OBJECT_STORE_MB * 2**20,
             include_dashboard=False, log_to_driver=False, logging_level="ERROR")
