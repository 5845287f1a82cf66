"""The newsprism command line: thin commands over the library.

Each command parses its arguments, makes one library call, prints the result,
and turns library errors into messages and exit codes:
0 success · 1 some inputs failed · 2 usage error.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from newsprism import __version__
from newsprism.errors import InputError, NewsprismError, UsageError
from newsprism.store import ENV_DB, default_db, open_store

DB_HELP = (f"Store to use: a SQLite file path (created if missing) or postgresql://USER@HOST:PORT/DB. "
           f"Default: ${ENV_DB}, else ./newsprism.db.")


def db_option(f: Any) -> Any:
    return click.option("--db", "db", default=None, metavar="PATH|URL", help=DB_HELP)(f)


def _setup_logging(quiet: bool, verbose: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.WARNING
    logging.basicConfig(level=level, stream=sys.stderr, format="newsprism: %(levelname)s %(message)s")


@contextmanager
def _store(db: str | None) -> Iterator[Any]:
    try:
        store = open_store(db)
    except UsageError as exc:
        raise click.UsageError(exc.message) from None
    except NewsprismError as exc:
        raise click.ClickException(f"[{exc.code}] {exc.message}") from None
    try:
        yield store
    finally:
        store.close()


@contextmanager
def _progress(enabled: bool) -> Iterator[tuple[Any, Any]]:
    """Yield (on_total, on_progress) callbacks driving a rich progress bar on stderr."""
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsprism")
@click.option("-q", "--quiet", is_flag=True, help="Only print errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print debug logs.")
def cli(quiet: bool, verbose: bool) -> None:
    """Read one news story through many outlets.

    \b
    Typical use:
      newsprism analyze ../shared/seeds --json report.json   analyse pages into a report
      newsprism stories                                       list the stories in the store
      newsprism show STORY_ID                                 one story, its articles and why they joined
      newsprism extract --jsonl page.html dump.txt            just extract articles, one JSON line each
    """
    _setup_logging(quiet, verbose)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "json_out", metavar="FILE", help="Write the newsprism/1 JSON report to FILE ('-' for stdout).")
@click.option("--markdown", "md_out", metavar="FILE", help="Also write the report as Markdown to FILE ('-' for stdout).")
@click.option("--html", "html_out", metavar="FILE", help="Also write the report as a self-contained HTML page to FILE.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(0, 64),
              help="Extraction worker processes (0: in-process, no time/memory limits).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds one page may take to extract before it is skipped.")
@click.option("--progress/--no-progress", default=None, help="Progress bars on stderr (default: when it is a terminal).")
@click.option("--stages", "stage_names", default=None, metavar="A,B,…",
              help="Run only these stages, in this order (default: every default stage; see `newsprism stages`).")
@click.option("--allow-private", is_flag=True,
              help="Fetch URLs on private, loopback and link-local addresses too (refused by default: NP111).")
@click.option("--executor", default="local", show_default=True, type=click.Choice(["local", "ray"]),
              help="Where per-page extraction and fingerprints run: this machine's worker processes, or Ray tasks.")
@click.option("--ray-address", default=None, metavar="ADDR", envvar="RAY_ADDRESS",
              help="Ray cluster to join with --executor ray (default: $RAY_ADDRESS, else start Ray locally).")
@db_option
def analyze(paths: tuple[str, ...], json_out: str | None, workers: int, timeout: float,
            progress: bool | None, db: str | None, allow_private: bool = False,
            md_out: str | None = None, html_out: str | None = None, stage_names: str | None = None,
            executor: str = "local", ray_address: str | None = None) -> None:
    """Analyse pages into stories and write a report.

    PATHS are files or folders (read recursively): HTML pages (.html, .htm,
    .html.gz), plain-text page dumps (.txt), and JSON Lines of already
    extracted articles (.jsonl, one object per line with at least "id" and
    "text"; the ids are kept). '-' reads one document from stdin.
    Also: an http(s) URL of a page, or of a feed (RSS, Atom, JSON Feed: each
    entry's page is fetched); an .opml file (each of its feeds); a .warc or
    .warc.gz file (each HTML response record, e.g. a Common Crawl CC-NEWS
    file). Fetching respects robots.txt and refuses private addresses unless
    --allow-private.

    Everything is kept in the store (--db): raw inputs byte for byte,
    articles, stories, and every skipped input with its reason. Rerunning on
    the same inputs resumes: nothing stored is redone or counted twice.

    Exit status: 0 all inputs analysed, 1 some inputs failed (each is listed
    in the report's "errors" and the store's skipped table), 2 usage error.
    """
    from newsprism.pipeline import Pipeline, analyze as run_analysis

    show = sys.stderr.isatty() if progress is None else progress
    from newsprism import registry

    names = [n.strip() for n in stage_names.split(",") if n.strip()] if stage_names else registry.DEFAULT_PIPELINE
    try:
        pipeline = Pipeline(names, config={"extract": {"workers": workers, "timeout": timeout},
                                           "ingest": {"allow_private": allow_private}},
                            executor=executor, ray_address=ray_address)
    except UsageError as exc:
        raise click.UsageError(exc.message) from None
    with _store(db) as store, _progress(show) as (on_total, on_progress):
        try:
            result = run_analysis(list(paths), store, pipeline=pipeline, on_progress=on_progress, on_total=on_total)
        except UsageError as exc:   # e.g. --executor ray without Ray, or a Ray cluster it cannot join
            raise click.UsageError(exc.message) from None
        except NewsprismError as exc:   # e.g. NP402: another process is writing to the store
            raise click.ClickException(f"[{exc.code}] {exc.message}") from None
    if json_out:
        _write_json(result.report, json_out)
    if md_out or html_out:
        from newsprism.report.html import render_html
        from newsprism.report.markdown import render_markdown

        for target, render in ((md_out, render_markdown), (html_out, render_html)):
            if target:
                _write_text(render(result.report), target)
    if "-" not in (json_out, md_out, html_out):
        _print_summary(result.report)
    for err in result.failed:
        click.echo(f"skipped {err['source']}: [{err['code']}] {err['message']}", err=True)
    sys.exit(result.exit_code)


def _write_text(text: str, target: str) -> None:
    if target == "-":
        click.echo(text, nl=False)
        return
    try:
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise click.ClickException(f"cannot write {target}: {exc.strerror}") from None


def _write_json(data: dict[str, Any], target: str) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if target == "-":
        click.echo(text)
        return
    try:
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    except OSError as exc:
        raise click.ClickException(f"cannot write {target}: {exc.strerror}") from None


def _print_summary(report: dict[str, Any]) -> None:
    arts = report["articles"]
    click.echo(f"{len(arts)} article(s), {len(report['stories'])} stor(y/ies), {len(report['errors'])} error(s)")
    by_id = {a["id"]: a for a in arts}
    for story in report["stories"]:
        click.echo(f"\n[{story['id']}] {story['title']}  ({len(story['outlets'])} outlet(s))")
        for aid in story["articles"]:
            a = by_id[aid]
            dup = f"  = duplicate of {a['duplicate_of']}" if a["duplicate_of"] else ""
            click.echo(f"  {aid}  {a['outlet'] or '-':<22} {a['published'] or '-':<17} {a['title'] or '-'}{dup}")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--jsonl", "jsonl", is_flag=True, help="One JSON object per input on stdout (the documented format).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(0, 64),
              help="Extraction worker processes (0: in-process).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds one page may take.")
def extract(paths: tuple[str, ...], jsonl: bool, workers: int, timeout: float) -> None:
    """Extract the article and metadata from each page, without a store.

    Output keys per input: source, text, title, authors, published, outlet,
    url, language, error ({"code", "message"} or null). Inputs are written in
    the order given, each as soon as it is done. Exit status: 0 all
    succeeded, 1 some failed, 2 usage error.
    """
    from newsprism.extract import extract_raw
    from newsprism.extract.sandbox import Sandbox
    from newsprism.ingest.files import expand, read_input

    failed = 0
    inputs: list[Any] = []
    for source in expand(paths):
        try:
            inputs.append(read_input(source))
        except InputError as exc:
            exc.source = source
            inputs.append(exc)

    def work(item: Any) -> Any:
        if isinstance(item, InputError):
            raise item
        return extract_raw(item)

    with Sandbox(work, workers=workers, timeout=timeout) as sandbox:
        for item, result in sandbox.map(inputs):
            source = item.source
            if isinstance(result, NewsprismError):
                failed += 1
                row: dict[str, Any] = {"source": source, "text": "", "title": None, "authors": [],
                                       "published": None, "outlet": None, "url": None, "language": None,
                                       "error": result.as_dict()}
            else:
                row = {"source": source, **{k: getattr(result, k) for k in (
                    "text", "title", "authors", "published", "outlet", "url", "language",
                    "section", "tags", "captions", "cites")}, "error": None}
            if jsonl:
                click.echo(json.dumps(row, ensure_ascii=False))
            else:
                click.echo(f"== {source}\n" + (f"error [{row['error']['code']}] {row['error']['message']}"
                                                 if row["error"] else f"{row['title']}\n\n{row['text']}\n"))
            sys.stdout.flush()
    sys.exit(1 if failed else 0)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
@db_option
def stories(as_json: bool, db: str | None) -> None:
    """List the stories in the store, most recently updated first.

    Each story shows its id (for `newsprism show`), how many articles it
    holds, the outlets that cover it (a duplicate copy counts once) and its
    title, the headline of its earliest canonical article.
    """
    from newsprism.report.json import outlets_of

    with _store(db) as store:
        rows = []
        for story in store.iter_stories():
            members = list(store.iter_articles(story.articles))
            outlets = outlets_of(members)
            rows.append({"id": story.id, "title": story.title, "articles": len(members), "outlets": outlets})
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(f"no stories in {db or default_db()}; run: newsprism analyze PATH...")
        return
    for r in rows:
        click.echo(f"{r['id']}  {r['articles']:>3} article(s)  {', '.join(r['outlets']) or '-'}\n    {r['title']}")


@cli.command()
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="The story as in the JSON report.")
@db_option
def show(story_id: str, as_json: bool, db: str | None) -> None:
    """Show one story: its articles, and why each joined it.

    For every article: outlet, date, source, title, the canonical copy it
    duplicates if any, and the similarity score and shared terms with which it
    joined the story. --json prints the story as in the analyze report, with
    its full articles.
    """
    from newsprism.report.json import article_json, story_json

    with _store(db) as store:
        story = store.get_story(story_id)
        if story is None:
            ids = [s.id for s in store.iter_stories()][:10]
            raise click.ClickException(f"no story {story_id!r}; some stories: {', '.join(ids) or 'none'}")
        members = list(store.iter_articles(story.articles))
    data = story_json(story, members, {a.id for a in members})
    if as_json:
        data["articles"] = [article_json(a) for a in members]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{story.title}\n{story.id} · {len(members)} article(s) · outlets: {', '.join(data['outlets']) or '-'}")
    why = {m.article: m for m in story.members}
    for a in members:
        m = why[a.id]
        click.echo(f"\n  {a.id}  {a.outlet or '-'} · {a.published or 'undated'} · {a.source}")
        click.echo(f"    {a.title or '(no title)'}")
        if a.duplicate_of:
            click.echo(f"    duplicate of {a.duplicate_of}")
        click.echo(f"    joined with score {m.score:.2f}; shared: {', '.join(m.shared_terms)}")
    if data["merged_from"]:
        click.echo(f"\n  merged from: {', '.join(data['merged_from'])}")


@cli.command()
@db_option
def skipped(db: str | None) -> None:
    """List every input a stage set aside, with the stage and the reason.

    Each row: level (error, or warning for input kept with a repair), the
    stage, the stable error code (see README), the source and the message.
    A rerun that fails the same way replaces its row instead of adding one.
    """
    with _store(db) as store:
        rows = list(store.iter_skipped())
    for item, level in rows:
        click.echo(f"{level:<7} {item.stage:<8} {item.code}  {item.source}: {item.message}")
    if not rows:
        click.echo("nothing skipped")


@cli.command()
def stages() -> None:
    """List the registered pipeline stages, what they need and what they assign.

    Stages run in the order analyze gives them: ingest, extract, dedup,
    cluster. Plugins register more through the "newsprism.stages" entry-point
    group; a stage whose needs no earlier stage assigns is refused before
    anything runs.
    """
    from newsprism import registry

    for name in registry.available():
        cls = registry.get_stage(name)
        default = " (default)" if name in registry.DEFAULT_PIPELINE else ""
        click.echo(f"{name}{default}: needs {', '.join(cls.requires) or '-'}; assigns {', '.join(cls.assigns) or '-'}")


def main() -> None:
    cli(prog_name="newsprism")


from newsprism.cluster.cli import story  # noqa: E402

cli.add_command(story)


from newsprism.web.cli import serve  # noqa: E402
cli.add_command(serve)


from newsprism.ingest.feeds_cli import feeds, watch  # noqa: E402
cli.add_command(feeds)
cli.add_command(watch)
