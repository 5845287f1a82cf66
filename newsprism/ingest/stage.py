"""The ingest stage: a named source → its bytes, kept in the store.

One item can yield many inputs: a URL of a feed yields its entries' pages, an
``.opml`` file the entries of each of its feeds, a ``.warc``/``.warc.gz``
file its HTML response records. Each failure is set aside with its code (in
the report's ``errors`` and the store's ``skipped`` table) and the others go
on. Network fetches refuse private, loopback and link-local targets unless
``allow_private`` (``analyze --allow-private``); see ``newsprism.ingest.urls``.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from newsprism.errors import InputError, NewsprismError, StageError, safe_text
from newsprism.ingest.files import media_type_for, read_input
from newsprism.stage import Stage, log
from newsprism.types import RawInput

OPML_SUFFIXES = (".opml", ".opml.xml")
#: URL items fetched ahead of the one being stored, each in a thread: one at a time, a watch
#: poll of hundreds of feeds' entry pages waited on every page in turn. The Fetcher still
#: paces each host and caps the requests in flight.
FETCH_AHEAD = 32
#: about the most bytes the items fetched ahead may hold (a feed item holds all its entries' pages: 32 feeds of
#: 50 entries of 100 KB would be 160 MB). The window starts at FETCH_AHEAD_FIRST items and is sized by the mean
#: bytes of the items fetched so far; no item is started while those waiting their turn hold more than this.
FETCH_AHEAD_BYTES = 64 * 2**20
FETCH_AHEAD_FIRST = 4
_END = object()


class _Fetched(list):  # type: ignore[type-arg]
    """The records a URL item stood for, and the bytes they hold."""

    def __init__(self, records: Iterable[Any]) -> None:
        super().__init__(records)
        self.nbytes = sum(len(r.data) for r in self if isinstance(r, RawInput))


def _held(ahead: Iterable[tuple[Any, Future[Any] | None]]) -> int:
    """Bytes held by the fetches done and waiting their turn."""
    total = 0
    for _, pending in ahead:
        if pending is not None and pending.done() and not pending.cancelled() and pending.exception() is None:
            total += getattr(pending.result(), "nbytes", 0)
    return total


def _raising(exc: Exception) -> Iterator[Any]:
    raise exc
    yield  # pragma: no cover  (makes this a generator)


def many_inputs(item: str, fetcher: Callable[[], Any], *,
                max_entries: int = 200) -> Iterator[RawInput | InputError] | None:
    """The inputs ``item`` stands for when it is a URL, an OPML or a WARC file; None for a plain file.

    ``fetcher`` is called (once, lazily) for the ``Fetcher`` to fetch with.
    """
    from newsprism.ingest.urls import is_url
    from newsprism.ingest.warc import is_warc

    low = item.lower()
    if is_url(item):
        from newsprism.ingest.feeds import url_inputs

        return url_inputs(item, fetcher(), max_entries=max_entries)
    if is_warc(low):
        from newsprism.ingest.warc import iter_warc

        return iter_warc(item)
    if low.endswith(OPML_SUFFIXES):
        return _opml(item, fetcher, max_entries)
    if media_type_for(item) == "application/jsonl" and os.path.isfile(item):
        from newsprism.ingest.jsonl import iter_file

        return iter_file(item, safe_text(item))        # a stream of records, stored share by share
    return None


def _opml(path: str, fetcher: Callable[[], Any], max_entries: int) -> Iterator[RawInput | InputError]:
    from newsprism.ingest.feeds import opml_inputs

    try:
        raw = read_input(path)
    except InputError as exc:
        exc.source = path
        yield exc
        return
    yield from opml_inputs(path, raw.data, fetcher(), max_entries=max_entries)


class IngestStage(Stage):
    name = "ingest"
    assigns = ("raw",)
    defaults: dict[str, Any] = {
        "allow_private": False,     # fetch from private/loopback/link-local addresses
        "fetch_timeout": 30.0,      # seconds for one fetch, redirects included
        "host_interval": 1.0,       # seconds between two requests to one host
        "max_entries": 200,         # entries taken from one feed
        "respect_robots": True,
    }

    def __init__(self, ctx: Any, **config: Any) -> None:
        super().__init__(ctx, **config)
        self._fetcher: Any = None

    @property
    def fetcher(self) -> Any:
        if self.ctx.fetcher is not None:
            return self.ctx.fetcher
        if self._fetcher is None:
            from newsprism.ingest.urls import Fetcher

            self._fetcher = Fetcher(allow_private=bool(self.config["allow_private"]),
                                    timeout=float(self.config["fetch_timeout"]),
                                    host_interval=float(self.config["host_interval"]),
                                    respect_robots=bool(self.config["respect_robots"]))
        return self._fetcher

    def process(self, item: str | RawInput) -> RawInput:
        raw = item if isinstance(item, RawInput) else read_input(item)
        self.ctx.store.put_input(raw, run_id=self.ctx.run_id)
        if raw.media_type == "application/jsonl":
            self.progress(_rows(raw) - 1)      # its rows, as the later stages count them (the loop adds 1)
        return raw

    def expand(self, item: str | RawInput) -> Iterator[RawInput | InputError] | None:
        """The inputs one item stands for when it stands for many (or is fetched), else None."""
        if not isinstance(item, str):
            return None
        return many_inputs(item, lambda: self.fetcher, max_entries=int(self.config["max_entries"]))

    def run(self, items: Iterable[Any]) -> Iterator[Any]:
        """Each item in order; URL items are fetched up to ``FETCH_AHEAD`` ahead, in threads.

        Only this thread touches the store; a fetched page waits in memory until
        its turn. A run stopped early cancels the fetches not yet started.
        """
        from newsprism.ingest.urls import is_url

        ahead: deque[tuple[Any, Future[Any] | None]] = deque()
        seen = [0, 0]      # URL items fetched and read, their bytes
        pool: ThreadPoolExecutor | None = None
        source = iter(items)
        try:
            while True:
                while len(ahead) < self._window(seen) and _held(ahead) <= FETCH_AHEAD_BYTES:
                    item = next(source, _END)
                    if item is _END:
                        break
                    if isinstance(item, str) and is_url(item):
                        if pool is None:
                            self.fetcher   # opened here, not in a fetching thread
                            pool = ThreadPoolExecutor(max_workers=FETCH_AHEAD, thread_name_prefix="newsprism-ingest")
                        ahead.append((item, pool.submit(self._fetch, item)))
                    else:
                        ahead.append((item, None))
                if not ahead:
                    return
                item, pending = ahead.popleft()
                if pending is not None:
                    started = time.perf_counter()
                    fetched = pending.result()
                    self.stats.seconds += time.perf_counter() - started
                    seen[0] += 1
                    seen[1] += getattr(fetched, "nbytes", 0)
                    yield from self._run_many(item, iter(fetched))
                    continue
                many = self.expand(item)
                if many is None:
                    yield from super().run([item])
                    continue
                yield from self._run_many(item, many)
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            if self._fetcher is not None:
                self._fetcher.close()
                self._fetcher = None

    @staticmethod
    def _window(seen: list[int]) -> int:
        """URL items to fetch ahead: as many as FETCH_AHEAD_BYTES holds at the mean size so far (4 to 32)."""
        if not seen[0]:
            return FETCH_AHEAD_FIRST
        mean = seen[1] / seen[0]
        return max(FETCH_AHEAD_FIRST, min(FETCH_AHEAD, int(FETCH_AHEAD_BYTES / max(mean, 1.0))))

    def _fetch(self, url: str) -> _Fetched | Iterator[RawInput | InputError]:
        """What ``url`` stands for, fetched in full (in a fetching thread); a failure is raised on reading."""
        many = self.expand(url)
        assert many is not None
        try:
            return _Fetched(many)
        except Exception as exc:   # re-raised in the stage's thread, where _run_many reports it
            return _raising(exc)

    def _run_many(self, item: str, records: Iterator[RawInput | InputError]) -> Iterator[RawInput]:
        while True:
            started = time.perf_counter()
            try:
                rec = next(records)
            except StopIteration:
                self.stats.seconds += time.perf_counter() - started
                return
            except Exception as exc:   # a bug in one source never stops the others
                log.exception("ingest failed on %s", item)
                self.stats.seen += 1
                self.fail(item, StageError(f"{type(exc).__name__}: {exc}", source=item))
                return
            if isinstance(rec, NewsprismError):
                level = getattr(rec, "level", "error")
                if level == "error":
                    self.stats.seen += 1
                self.fail(item, rec, level=level)
                self.stats.seconds += time.perf_counter() - started
                if level == "error":
                    self.progress()
                continue
            self.stats.seen += 1
            self.ctx.store.put_input(rec, run_id=self.ctx.run_id)
            self.stats.seconds += time.perf_counter() - started
            self.stats.kept += 1
            # a JSON Lines file stands for its rows: the progress counts articles, as the later stages do
            self.progress(_rows(rec) if rec.media_type == "application/jsonl" else 1)
            yield rec


def _rows(raw: RawInput) -> int:
    """The non-blank lines of a JSON Lines input (at least 1)."""
    return max(1, sum(1 for line in raw.data.splitlines() if line.strip()))
