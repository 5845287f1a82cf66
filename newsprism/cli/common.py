"""What every command shares: the --db option, opening the store, progress bars, writing outputs."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from newsprism.errors import NewsprismError, UsageError
from newsprism.store import ENV_DB, PG_SCHEMES, default_db, open_store

DB_HELP = (f"Store to use: a SQLite file path or postgresql://USER@HOST:PORT/DB. "
           f"Default: ${ENV_DB}, else ./newsprism.db.")
OUTLETS_HELP = ("JSON or TOML file of outlets: {name: [aliases]} or {name: {aliases, country, owner, lean}}; "
                "its aliases extend the shipped map (also $NEWSPRISM_OUTLETS).")


def db_option(f: Any) -> Any:
    return click.option("--db", "db", default=None, metavar="PATH|URL", help=DB_HELP)(f)


def setup_logging(quiet: bool, verbose: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.WARNING
    logging.basicConfig(level=level, stream=sys.stderr, format="newsprism: %(levelname)s %(message)s")


def missing_store(db: str | None) -> str | None:
    """The path of a SQLite store that does not exist yet, else None (a PostgreSQL URL is never 'missing' here)."""
    url = db or default_db()
    if url.startswith(PG_SCHEMES) or "://" in url and not url.startswith("sqlite:///"):
        return None
    path = url.removeprefix("sqlite:///")
    return None if path == ":memory:" or Path(path).exists() else path


def refuse_missing(db: str | None) -> None:
    """A read-only command never creates a store: exit 1 with a hint when ``db`` does not exist."""
    path = missing_store(db)
    if path is not None:
        raise click.ClickException(f"no store at {path}; create one with: newsprism analyze PATH... --db {path}")


@contextmanager
def store(db: str | None, *, must_exist: bool = False) -> Iterator[Any]:
    """The store at ``db``; with ``must_exist`` (read-only commands, corrections) a missing one is refused, not created."""
    if must_exist:
        refuse_missing(db)
    try:
        opened = open_store(db)
    except UsageError as exc:
        raise click.UsageError(exc.message) from None
    except NewsprismError as exc:
        raise click.ClickException(f"[{exc.code}] {exc.message}") from None
    try:
        yield opened
    finally:
        opened.close()


def use_outlets(path: str | None) -> None:
    """Extend the outlet alias map with the user's file (refused with exit 2 when unreadable)."""
    if not path:
        return
    from newsprism.extract.outlet import use_file

    try:
        use_file(path)
    except UsageError as exc:
        raise click.UsageError(exc.message) from None


@contextmanager
def progress_bars(enabled: bool) -> Iterator[tuple[Any, Any]]:
    """Yield (on_total, on_progress) callbacks driving a rich progress bar per stage on stderr.

    ``on_total(n)``: the articles the inputs hold (a JSON Lines file counts its rows);
    every stage's bar counts up to it.
    """
    if not enabled:
        yield None, None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=Console(stderr=True), transient=False)
    tasks: dict[str, Any] = {}
    total = [0]

    def on_total(n: int) -> None:
        total[0] = n

    def on_progress(stage: str, advance: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(stage, total=total[0] or None)
        progress.advance(tasks[stage], advance)

    with progress:
        yield on_total, on_progress


def write_text(text: str, target: str) -> None:
    if target == "-":
        click.echo(text, nl=False)
        return
    try:
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise click.ClickException(f"cannot write {target}: {exc.strerror}") from None


def write_json(data: Any, target: str) -> None:
    write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", target)
