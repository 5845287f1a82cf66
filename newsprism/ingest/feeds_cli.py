"""`newsprism feeds add/import/export/list/remove` and `newsprism watch`.

Feeds are kept in the store (``feeds``), with the validators of their last
answer (ETag, Last-Modified) for conditional GETs, and every entry already
analysed (``feed_entries``), so each poll analyses only what is new. An entry
whose page failed is retried by the next polls, up to ``MAX_ATTEMPTS`` times.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from newsprism.errors import InputError, NewsprismError
from newsprism.store import ENV_DB
from newsprism.types import Skipped

MAX_ATTEMPTS = 3
DB_HELP = (f"Store to use: a SQLite file path (created if missing) or postgresql://USER@HOST:PORT/DB. "
           f"Default: ${ENV_DB}, else ./newsprism.db.")


def _db(f: Any) -> Any:
    return click.option("--db", "db", default=None, metavar="PATH|URL", help=DB_HELP)(f)


@contextmanager
def _store(db: str | None) -> Iterator[Any]:
    from newsprism.cli import _store as cli_store

    with cli_store(db) as store:
        yield store


@click.group()
def feeds() -> None:
    """Follow news feeds (RSS, Atom, JSON Feed) for `newsprism watch`.

    \b
      newsprism feeds add https://example.com/rss.xml     follow a feed
      newsprism feeds import subscriptions.opml            follow every feed of an OPML file
      newsprism feeds export feeds.opml                    write the followed feeds as OPML ('-': stdout)
      newsprism feeds list                                 the feeds, when each was last polled, its status
      newsprism feeds remove URL                           stop following a feed
    """


@feeds.command("add")
@click.argument("urls", nargs=-1, required=True)
@click.option("--title", default=None, help="A title for the feed (default: the feed's own, after the first poll).")
@_db
def feeds_add(urls: tuple[str, ...], title: str | None, db: str | None) -> None:
    """Follow one or more feeds by URL (http or https). Nothing is fetched until `newsprism watch`."""
    from newsprism.ingest.urls import is_url

    bad = [u for u in urls if not is_url(u)]
    if bad:
        raise click.UsageError(f"not an http(s) URL: {bad[0]}")
    with _store(db) as store:
        for url in urls:
            added = store.add_feed(url, title)
            click.echo(f"{'added' if added else 'already followed'}: {url}")


@feeds.command("import")
@click.argument("opml_file", type=click.Path(dir_okay=False, allow_dash=True))
@_db
def feeds_import(opml_file: str, db: str | None) -> None:
    """Follow every feed of an OPML file (outlines with an xmlUrl, at any depth)."""
    from newsprism.ingest.feeds import read_opml
    from newsprism.ingest.files import read_input
    from newsprism.ingest.urls import is_url

    try:
        found = read_opml(read_input(opml_file).data)
    except InputError as exc:
        raise click.ClickException(f"[{exc.code}] {opml_file}: {exc.message}") from None
    with _store(db) as store:
        added = sum(store.add_feed(url, title) for url, title in found if is_url(url))
    skipped = sum(1 for url, _ in found if not is_url(url))
    click.echo(f"{added} feed(s) added, {len(found) - added - skipped} already followed"
               + (f", {skipped} not http(s) skipped" if skipped else ""))


@feeds.command("export")
@click.argument("target", default="-", metavar="[FILE]")
@_db
def feeds_export(target: str, db: str | None) -> None:
    """Write the followed feeds as OPML 2.0 to FILE (default '-': stdout)."""
    from newsprism.ingest.feeds import write_opml

    with _store(db) as store:
        data = write_opml((f["url"], f["title"]) for f in store.list_feeds())
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        with open(target, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise click.ClickException(f"cannot write {target}: {exc.strerror}") from None


@feeds.command("list")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
@_db
def feeds_list(as_json: bool, db: str | None) -> None:
    """List the followed feeds: URL, title, when last polled and its status (HTTP status or error code)."""
    import json

    with _store(db) as store:
        rows = store.list_feeds()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no feeds; add one with: newsprism feeds add URL")
    for r in rows:
        click.echo(f"{r['url']}\n    {r['title'] or '-'} · last polled {r['last_polled'] or 'never'}"
                   f" · {r['last_status'] or '-'}")


@feeds.command("remove")
@click.argument("urls", nargs=-1, required=True)
@_db
def feeds_remove(urls: tuple[str, ...], db: str | None) -> None:
    """Stop following feeds (their articles stay in the store)."""
    with _store(db) as store:
        for url in urls:
            click.echo(f"{'removed' if store.remove_feed(url) else 'not followed'}: {url}")


# -- watch -------------------------------------------------------------------------------------------------
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


@click.command()
@click.option("--once", is_flag=True, help="Poll every feed once, analyse what is new, and exit.")
@click.option("--interval", default=900.0, show_default=True, type=click.FloatRange(1.0),
              help="Seconds between polls (without --once).")
@click.option("--allow-private", is_flag=True,
              help="Fetch from private, loopback and link-local addresses too (refused by default: NP111).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(0, 64),
              help="Extraction worker processes (0: in-process).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds one page may take to extract.")
@click.option("--concurrency", default=16, show_default=True, type=click.IntRange(1, 256),
              help="HTTP requests in flight at once (each host still gets one at a time, a second apart).")
@click.option("--json", "json_out", metavar="FILE",
              help="Write each poll's newsprism/1 report (its new articles) to FILE ('-': stdout).")
@_db
def watch(once: bool, interval: float, allow_private: bool, workers: int, timeout: float, concurrency: int,
          json_out: str | None, db: str | None) -> None:
    """Poll the followed feeds and analyse new entries into stories as they appear.

    Each poll asks every feed with a conditional GET (ETag, Last-Modified):
    an unchanged feed costs one 304 answer. Only entries not seen before are
    fetched (the full article page, whatever the feed carries) and analysed;
    they join the stories already in the store. A feed that fails (hangs,
    answers 500, sends too much, redirects forever, is malformed) is listed
    with its code and the others go on; a failed entry is retried by the next
    polls (3 tries). Follow feeds first with `newsprism feeds add` or `import`.

    Exit status with --once: 0 all went through, 1 some feed or entry failed.
    Without --once it polls every --interval seconds until interrupted.
    """
    from newsprism.ingest.urls import Fetcher

    def echo(msg: str) -> None:
        click.echo(msg, err=json_out == "-")

    failed = False
    with _store(db) as store, Fetcher(allow_private=allow_private, max_concurrency=concurrency) as fetcher:
        if not store.list_feeds():
            click.echo("no feeds to watch; add one with: newsprism feeds add URL", err=True)
            return
        try:
            while True:
                started = time.monotonic()
                out = poll_once(store, fetcher, allow_private=allow_private, workers=workers, timeout=timeout,
                                echo=echo)
                failed = bool(out["errors"])
                arts = len(out["report"]["articles"]) if out["report"] else 0
                echo(f"poll: {len(out['feeds'])} feed(s), {arts} new article(s), {len(out['errors'])} error(s)")
                for err in out["errors"]:
                    if err["source"] not in {f["url"] for f in out["feeds"]}:
                        echo(f"skipped {err['source']}: [{err['code']}] {err['message']}")
                if json_out and out["report"] is not None:
                    from newsprism.cli import _write_json

                    _write_json(out["report"], json_out)
                if once:
                    break
                time.sleep(max(0.0, interval - (time.monotonic() - started)))
        except KeyboardInterrupt:
            return
    sys.exit(1 if failed else 0)
