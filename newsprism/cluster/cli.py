"""`newsprism story split|merge|move|history`: correct the story grouping by hand."""

from __future__ import annotations

import click

from newsprism.errors import UsageError


def _db_store(db: str | None):  # type: ignore[no-untyped-def]
    from newsprism.cli import _store

    return _store(db)


@click.group()
def story() -> None:
    """Correct stories by hand: split, merge, move; corrections survive later runs.

    A split also marks the two stories as separate, so later articles never
    merge them again automatically. A duplicate always moves with its
    canonical copy. `newsprism story history` lists every correction.
    """


def _run(fn, *args):  # type: ignore[no-untyped-def]
    try:
        return fn(*args)
    except UsageError as exc:
        raise click.ClickException(exc.message) from None


@story.command("split")
@click.argument("story_id")
@click.argument("article_ids", nargs=-1, required=True)
@click.option("--db", default=None, metavar="PATH", help="Store to use (see newsprism --help).")
def split_cmd(story_id: str, article_ids: tuple[str, ...], db: str | None) -> None:
    """Move ARTICLE_IDS out of STORY_ID into a new story; prints the new story's id."""
    from newsprism.cluster.corrections import split

    with _db_store(db) as store:
        click.echo(_run(split, store, story_id, list(article_ids)))


@story.command("merge")
@click.argument("story_id")
@click.argument("others", nargs=-1, required=True)
@click.option("--db", default=None, metavar="PATH", help="Store to use (see newsprism --help).")
def merge_cmd(story_id: str, others: tuple[str, ...], db: str | None) -> None:
    """Merge the stories OTHERS into STORY_ID."""
    from newsprism.cluster.corrections import merge

    with _db_store(db) as store:
        _run(merge, store, story_id, list(others))
        click.echo(story_id)


@story.command("move")
@click.argument("article_ids", nargs=-1, required=True)
@click.option("--to", "to", required=True, metavar="STORY_ID", help="The story the articles move into.")
@click.option("--db", default=None, metavar="PATH", help="Store to use (see newsprism --help).")
def move_cmd(article_ids: tuple[str, ...], to: str, db: str | None) -> None:
    """Move ARTICLE_IDS (with their duplicates) into the story given by --to."""
    from newsprism.cluster.corrections import move

    with _db_store(db) as store:
        _run(move, store, list(article_ids), to)
        click.echo(to)


@story.command("history")
@click.option("--db", default=None, metavar="PATH", help="Store to use (see newsprism --help).")
def history_cmd(db: str | None) -> None:
    """List the corrections made to stories, oldest first."""
    with _db_store(db) as store:
        rows = list(store.iter_corrections())
    for r in rows:
        click.echo(f"{r['created']}  {r['kind']:<5} {r['story']} -> {r['other'] or '-'}  {' '.join(r['articles'])}")
    if not rows:
        click.echo("no corrections")
