"""Run risky per-document work in worker processes under a time and memory limit.

A hostile page (pathological nesting, a regex trap in a third-party parser,
a memory blow-up) costs one worker, never the batch: a task past its deadline
kills its worker, which is replaced, and the task comes back as an error.
Results are yielded in input order.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import time
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from newsprism.errors import ExtractionTimeout, NewsprismError, StageError, WorkerCrashed

# Seconds one document may take. trafilatura needs ~25 ms for a typical page
# here; the slowest dev page takes under 1 s. 30 s is generous headroom.
DEFAULT_TIMEOUT = 30.0
# Address space a worker may add on top of what it inherited at fork.
DEFAULT_MEMORY_MB = 2048


def _worker(conn: Connection, fn: Callable[[Any], Any], memory_mb: int) -> None:
    try:
        with open("/proc/self/statm") as fh:
            vm_bytes = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = vm_bytes + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        try:
            conn.send(("ok", fn(task)))
        except NewsprismError as exc:
            conn.send(("err", type(exc).__name__, exc.code, exc.message))
        except MemoryError:
            conn.send(("err", "WorkerCrashed", "NP301", f"ran out of memory (limit {memory_mb} MiB)"))
        except Exception as exc:  # a bug or a library crash on hostile input
            conn.send(("err", "StageError", "NP300", f"{type(exc).__name__}: {exc}"))


class Sandbox:
    """``map(fn, items)`` over worker processes; ``workers=0`` runs inline (no limits)."""

    def __init__(self, fn: Callable[[Any], Any], *, workers: int = 2,
                 timeout: float = DEFAULT_TIMEOUT, memory_mb: int = DEFAULT_MEMORY_MB) -> None:
        self.fn, self.workers, self.timeout, self.memory_mb = fn, workers, timeout, memory_mb
        self._ctx = mp.get_context("fork")
        self._pool: list[tuple[Any, Connection]] = []

    def _spawn(self) -> tuple[Any, Connection]:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker, args=(child, self.fn, self.memory_mb), daemon=True)
        proc.start()
        child.close()
        return proc, parent

    def close(self) -> None:
        for proc, conn in self._pool:
            try:
                conn.send(None)
            except (OSError, BrokenPipeError):
                pass
            proc.join(timeout=1)
            if proc.is_alive():
                proc.kill()
        self._pool = []

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map(self, items: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        """Yield ``(item, result_or_NewsprismError)`` in input order."""
        if self.workers <= 0:
            for item in items:
                try:
                    yield item, self.fn(item)
                except NewsprismError as exc:
                    yield item, exc
            return
        yield from self._map_parallel(iter(items))

    def _map_parallel(self, items: Iterator[Any]) -> Iterator[tuple[Any, Any]]:
        while len(self._pool) < self.workers:
            self._pool.append(self._spawn())
        busy: dict[int, tuple[int, Any, float]] = {}   # worker slot -> (index, item, deadline)
        done: dict[int, tuple[Any, Any]] = {}
        next_in, next_out, exhausted = 0, 0, False
        while True:
            for slot in range(len(self._pool)):
                if slot not in busy and not exhausted:
                    try:
                        item = next(items)
                    except StopIteration:
                        exhausted = True
                        break
                    self._pool[slot][1].send(item)
                    busy[slot] = (next_in, item, time.monotonic() + self.timeout)
                    next_in += 1
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if not busy:
                if exhausted:
                    return
                continue
            self._collect(busy, done)

    def _collect(self, busy: dict[int, tuple[int, Any, float]], done: dict[int, tuple[Any, Any]]) -> None:
        conns = {self._pool[slot][1]: slot for slot in busy}
        soonest = min(deadline for _, _, deadline in busy.values())
        ready = wait(list(conns), timeout=max(0.0, soonest - time.monotonic()))
        for conn in ready:
            slot = conns[conn]  # type: ignore[index]
            index, item, _ = busy.pop(slot)
            try:
                msg = conn.recv()  # type: ignore[union-attr]
            except (EOFError, OSError):
                done[index] = (item, WorkerCrashed("the worker process died on this document"))
                self._replace(slot)
                continue
            done[index] = (item, msg[1] if msg[0] == "ok" else _error(msg))
        now = time.monotonic()
        for slot, (index, item, deadline) in list(busy.items()):
            if now >= deadline:
                busy.pop(slot)
                done[index] = (item, ExtractionTimeout(f"gave up after {self.timeout:g} s"))
                self._replace(slot)

    def _replace(self, slot: int) -> None:
        proc, conn = self._pool[slot]
        proc.kill()
        proc.join(timeout=5)
        conn.close()
        self._pool[slot] = self._spawn()


def _error(msg: tuple[Any, ...]) -> NewsprismError:
    from newsprism import errors

    _, cls_name, code, message = msg
    cls = getattr(errors, cls_name, None)
    exc = cls(message) if isinstance(cls, type) and issubclass(cls, NewsprismError) else StageError(message)
    if exc.code != code:
        exc.code = code
    return exc
