"""`newsprism story split|merge|move|history`: correct the story grouping by hand."""

from __future__ import annotations

from typing import Any

import click

from newsprism.cli.common import DB_HELP, store
from newsprism.errors import UsageError


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
@click.option("--db", default=None, metavar="PATH|URL", help=DB_HELP)
def split_cmd(story_id: str, article_ids: tuple[str, ...], db: str | None) -> None:
    """Move ARTICLE_IDS out of STORY_ID into a new story; prints the new story's id."""
    from newsprism.cluster.corrections import split

    with store(db, must_exist=True) as opened:
        click.echo(_run(split, opened, story_id, list(article_ids)))


@story.command("merge")
@click.argument("story_id")
@click.argument("others", nargs=-1, required=True)
@click.option("--db", default=None, metavar="PATH|URL", help=DB_HELP)
def merge_cmd(story_id: str, others: tuple[str, ...], db: str | None) -> None:
    """Merge the stories OTHERS into STORY_ID."""
    from newsprism.cluster.corrections import merge

    with store(db, must_exist=True) as opened:
        _run(merge, opened, story_id, list(others))
        click.echo(story_id)


@story.command("move")
@click.argument("article_ids", nargs=-1, required=True)
@click.option("--to", "to", required=True, metavar="STORY_ID", help="The story the articles move into.")
@click.option("--db", default=None, metavar="PATH|URL", help=DB_HELP)
def move_cmd(article_ids: tuple[str, ...], to: str, db: str | None) -> None:
    """Move ARTICLE_IDS (with their duplicates) into the story given by --to."""
    from newsprism.cluster.corrections import move

    with store(db, must_exist=True) as opened:
        _run(move, opened, list(article_ids), to)
        click.echo(to)


def history_line(row: dict[str, Any]) -> str:
    """One correction, written in the direction things moved: "merge OTHER -> STORY" (OTHER went into STORY)."""
    if row["kind"] == "merge":
        src, dst = row["other"], row["story"]
    else:                                # split: STORY -> the new story; move: the old story -> the target
        src, dst = row["story"], row["other"]
    articles = f"  ({' '.join(row['articles'])})" if row["articles"] else ""
    return f"{row['created']}  {row['kind']:<5} {src} -> {dst or '-'}{articles}"


@story.command("history")
@click.option("--db", default=None, metavar="PATH|URL", help=DB_HELP)
def history_cmd(db: str | None) -> None:
    """List the corrections made to stories, oldest first, each as FROM -> TO.

    \b
    merge A -> B      story A was merged into B (B holds both now)
    split A -> B      articles (listed) left A for the new story B
    move  A -> B      articles (listed) moved from A into B
    """
    with store(db, must_exist=True) as opened:
        rows = list(opened.iter_corrections())
    for r in rows:
        click.echo(history_line(r))
    if not rows:
        click.echo("no corrections")
