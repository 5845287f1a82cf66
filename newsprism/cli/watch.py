"""`newsprism watch`: poll the followed feeds and analyse what is new (over ``newsprism.watch``)."""

from __future__ import annotations

import sys
from typing import Any

import click

from newsprism.cli.common import db_option, store, write_json


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
@db_option
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
    from newsprism.watch import watch as run_watch

    def echo(msg: str) -> None:
        click.echo(msg, err=json_out == "-")

    def on_poll(out: dict[str, Any]) -> None:
        if json_out and out["report"] is not None:
            write_json(out["report"], json_out)

    with store(db, must_exist=True) as opened, Fetcher(allow_private=allow_private, max_concurrency=concurrency) as fetcher:
        if not opened.list_feeds():
            click.echo("no feeds to watch; add one with: newsprism feeds add URL", err=True)
            return
        try:
            failed = run_watch(opened, fetcher, once=once, interval=interval, allow_private=allow_private,
                               workers=workers, timeout=timeout, echo=echo, on_poll=on_poll)
        except KeyboardInterrupt:
            return
    sys.exit(1 if failed else 0)
