"""Watching feeds: poll every followed feed, analyse the entries not seen before, again and again.

Feeds are kept in the store (``feeds``), with the validators of their last
answer (ETag, Last-Modified) for conditional GETs, and every entry already
analysed (``feed_entries``), so each poll analyses only what is new. An entry
whose page failed is retried by the next polls, up to ``MAX_ATTEMPTS`` times.
``newsprism watch`` is a thin command over :func:`watch`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.types import Skipped

#: tries an entry whose page failed gets, one per poll
MAX_ATTEMPTS = 3
#: feeds fetched at once: each host waits a second between its robots.txt and its feed, and a
#: poller sleeps through that wait, so 32 pollers took 17 s for 500 feeds (128: 5.7 s). The
#: Fetcher still caps the requests in flight and paces each host.
FEED_POLLERS = 128


def fetch_feeds(rows: list[dict[str, Any]], fetcher: Any) -> list[Any]:
    """Each followed feed fetched (conditional GET), concurrently; a Feed or the NewsprismError, in order."""
    from concurrent.futures import ThreadPoolExecutor

    from newsprism.ingest.feeds import fetch_feed

    def one(row: dict[str, Any]) -> Any:
        try:
            return fetch_feed(row["url"], fetcher, etag=row["etag"], last_modified=row["last_modified"])
        except NewsprismError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=FEED_POLLERS, thread_name_prefix="newsprism-poll") as pool:
        return list(pool.map(one, rows))


def interleaved(todo: dict[str, list[tuple[str, str]]]) -> list[str]:
    """The new links, once each, taking one entry of each feed in turn.

    Pages are fetched in this order, each host paced (one request a second):
    feed by feed, every entry after the first would wait for its host; in turns,
    the other feeds' hosts are served meanwhile.
    """
    queues = [[link for _, link in entries] for entries in todo.values()]
    turns = (q[i] for i in range(max(map(len, queues), default=0)) for q in queues if i < len(q))
    return list(dict.fromkeys(turns))


def poll_once(store: Any, fetcher: Any, *, allow_private: bool, workers: int = 2, timeout: float = 30.0,
              max_entries: int = 200, echo: Any = None) -> dict[str, Any]:
    """One poll of every followed feed; the new entries' pages are analysed in one run.

    Returns {"feeds": [{url, status, new}], "errors": [...], "report": newsprism/1 report or None}.
    """
    from newsprism.pipeline import Pipeline, analyze

    echo = echo or (lambda _msg: None)
    polled: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    todo: dict[str, list[tuple[str, str]]] = {}   # feed → [(entry id, link)]
    validators: dict[str, tuple[str, str | None, str | None]] = {}   # feed → (status, ETag, Last-Modified)
    rows = store.list_feeds()
    for row, feed in zip(rows, fetch_feeds(rows, fetcher)):
        url = row["url"]
        if isinstance(feed, NewsprismError):
            exc = feed
            store.update_feed(url, status=exc.code)
            store.record_skipped(Skipped(source=url, stage="ingest", code=exc.code, message=exc.message))
            errors.append({"source": url, "stage": "ingest", "code": exc.code, "message": exc.message,
                           "level": "error"})
            polled.append({"url": url, "status": exc.code, "new": 0})
            echo(f"{url}: [{exc.code}] {exc.message}")
            continue
        if feed.status == 304:
            store.update_feed(url, status="304", etag=feed.etag, last_modified=feed.last_modified)
            polled.append({"url": url, "status": "304", "new": 0})
            echo(f"{url}: not modified")
            continue
        state = store.feed_entry_state(url)
        new: list[tuple[str, str]] = []
        for entry in feed.entries[:max_entries]:
            seen = state.get(entry.id)
            if seen is None or (seen[0] == "failed" and seen[1] < MAX_ATTEMPTS):
                new.append((entry.id, entry.link))
        todo[url] = new
        # the validators are kept only once the new entries are marked (below): a poll killed before
        # that must not get a 304 next time and lose them
        validators[url] = (str(feed.status), feed.etag, feed.last_modified)
        store.update_feed(url, status=str(feed.status), title=feed.title)
        polled.append({"url": url, "status": str(feed.status), "new": len(new)})
        echo(f"{url}: {len(new)} new entr{'y' if len(new) == 1 else 'ies'} of {len(feed.entries)}")
    links = interleaved(todo)
    report = None
    if links:
        from newsprism.compare import models

        models.preload()     # the models load while the pages are fetched and extracted
        pipeline = Pipeline(config={"ingest": {"allow_private": allow_private, "max_entries": max_entries},
                                    "extract": {"workers": workers, "timeout": timeout}})
        # the poll's own Fetcher: its robots.txt answers are fresh and each host's pacing carries on
        result = analyze(links, store, pipeline=pipeline, fetcher=fetcher)
        report = result.report
        failed = {e["source"] for e in result.failed}
        errors.extend(result.failed)
        for url, entries in todo.items():
            store.mark_feed_entries(url, [(eid, link, "failed" if link in failed else "done")
                                          for eid, link in entries])
    for url, (status, etag, last_modified) in validators.items():
        store.update_feed(url, status=status, etag=etag, last_modified=last_modified)
    return {"feeds": polled, "errors": errors, "report": report}


def watch(store: Any, fetcher: Any, *, once: bool = False, interval: float = 900.0, allow_private: bool = False,
          workers: int = 2, timeout: float = 30.0, echo: Callable[[str], None] | None = None,
          on_poll: Callable[[dict[str, Any]], None] | None = None,
          sleep: Callable[[float], None] = time.sleep) -> bool:
    """Poll every ``interval`` seconds (once with ``once``) until interrupted; True when the last poll had errors.

    ``on_poll`` gets each poll's result (see :func:`poll_once`); ``echo`` each line of news
    (a feed's status, a skipped entry, the poll's totals).
    """
    echo = echo or (lambda _msg: None)
    failed = False
    while True:
        started = time.monotonic()
        out = poll_once(store, fetcher, allow_private=allow_private, workers=workers, timeout=timeout, echo=echo)
        failed = bool(out["errors"])
        arts = len(out["report"]["articles"]) if out["report"] else 0
        echo(f"poll: {len(out['feeds'])} feed(s), {arts} new article(s), {len(out['errors'])} error(s)")
        feeds = {f["url"] for f in out["feeds"]}
        for err in out["errors"]:
            if err["source"] not in feeds:
                echo(f"skipped {err['source']}: [{err['code']}] {err['message']}")
        if on_poll:
            on_poll(out)
        if once:
            return failed
        sleep(max(0.0, interval - (time.monotonic() - started)))
