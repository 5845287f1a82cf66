"""`newsprism feeds add/import/export/list/remove`: the feeds `newsprism watch` follows, kept in the store."""

from __future__ import annotations

import sys

import click

from newsprism.cli.common import db_option as _db
from newsprism.cli.common import store as _store
from newsprism.errors import InputError


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

    with _store(db, must_exist=True) as store:
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

    with _store(db, must_exist=True) as store:
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
    """Stop following feeds (their articles stay in the store).

    Exit status: 0 every URL was followed and is removed, 1 some URL was not followed.
    """
    unknown = 0
    with _store(db, must_exist=True) as store:
        for url in urls:
            if store.remove_feed(url):
                click.echo(f"removed: {url}")
            else:
                unknown += 1
                click.echo(f"not followed: {url}", err=True)
    if unknown:
        sys.exit(1)
