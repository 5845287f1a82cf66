"""The root command and the pipeline commands: analyze, extract, stages.

Each command parses its arguments, makes one library call, prints the result,
and turns library errors into messages and exit codes:
0 success · 1 some inputs failed · 2 usage error.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from newsprism import __version__
from newsprism.cli.common import OUTLETS_HELP, db_option, progress_bars, setup_logging, store, use_outlets
from newsprism.cli.common import write_json, write_text
from newsprism.errors import InputError, NewsprismError, UsageError


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
      newsprism show STORY_ID                                 one story (an id prefix will do): summary, coverage, conflicts
      newsprism extract --jsonl page.html dump.txt            just extract articles, one JSON line each
    """
    setup_logging(quiet, verbose)


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
@click.option("--outlets", "outlets_file", default=None, metavar="FILE", help=OUTLETS_HELP)
@db_option
def analyze(paths: tuple[str, ...], json_out: str | None, workers: int, timeout: float,
            progress: bool | None, db: str | None, allow_private: bool = False,
            md_out: str | None = None, html_out: str | None = None, stage_names: str | None = None,
            executor: str = "local", ray_address: str | None = None, outlets_file: str | None = None) -> None:
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

    use_outlets(outlets_file)

    names = [n.strip() for n in stage_names.split(",") if n.strip()] if stage_names else registry.DEFAULT_PIPELINE
    try:
        pipeline = Pipeline(names, config={"extract": {"workers": workers, "timeout": timeout},
                                           "ingest": {"allow_private": allow_private}},
                            executor=executor, ray_address=ray_address)
    except UsageError as exc:
        raise click.UsageError(exc.message) from None
    with store(db) as opened, progress_bars(show) as (on_total, on_progress):
        try:
            result = run_analysis(list(paths), opened, pipeline=pipeline, on_progress=on_progress, on_total=on_total)
        except UsageError as exc:   # e.g. --executor ray without Ray, or a Ray cluster it cannot join
            raise click.UsageError(exc.message) from None
        except NewsprismError as exc:   # e.g. NP402: another process is writing to the store
            raise click.ClickException(f"[{exc.code}] {exc.message}") from None
    if json_out:
        write_json(result.report, json_out)
    if md_out or html_out:
        from newsprism.report.html import render_html
        from newsprism.report.markdown import render_markdown

        for target, render in ((md_out, render_markdown), (html_out, render_html)):
            if target:
                write_text(render(result.report), target)
    if "-" not in (json_out, md_out, html_out):
        _print_summary(result.report)
    for err in result.failed:
        click.echo(f"skipped {err['source']}: [{err['code']}] {err['message']}", err=True)
    sys.exit(result.exit_code)


def _print_summary(report: dict[str, Any]) -> None:
    from newsprism.extract.outlet import label

    arts = report["articles"]
    click.echo(f"{len(arts)} article(s), {len(report['stories'])} stor(y/ies), {len(report['errors'])} error(s)")
    by_id = {a["id"]: a for a in arts}
    for story in report["stories"]:
        sources = sum(1 for aid in story["articles"] if not by_id[aid]["duplicate_of"])   # copies are one source
        click.echo(f"\n[{story['id']}] {story['title']}  ({sources} source(s))")
        for aid in story["articles"]:
            a = by_id[aid]
            dup = f"  = duplicate of {a['duplicate_of']}" if a["duplicate_of"] else ""
            click.echo(f"  {aid}  {label(a):<22} {a['published'] or '-':<17} {a['title'] or '-'}{dup}")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--jsonl", "jsonl", is_flag=True, help="One JSON object per input on stdout (the documented format).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(0, 64),
              help="Extraction worker processes (0: in-process).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds one page may take.")
@click.option("--outlets", "outlets_file", default=None, metavar="FILE", help=OUTLETS_HELP)
def extract(paths: tuple[str, ...], jsonl: bool, workers: int, timeout: float, outlets_file: str | None = None) -> None:
    """Extract the article and metadata from each page, without a store.

    Output keys per input: source, text, title, authors, published, outlet,
    url, language, error ({"code", "message"} or null). Inputs are written in
    the order given, each as soon as it is done. Exit status: 0 all
    succeeded, 1 some failed, 2 usage error.
    """
    from newsprism.extract import extract_raw
    from newsprism.extract.sandbox import Sandbox
    from newsprism.ingest.files import expand, read_input

    use_outlets(outlets_file)
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


def _register() -> None:
    """Every command group, one module each (imported here: the library never imports this package)."""
    from newsprism.cli.feeds import feeds
    from newsprism.cli.serve import serve
    from newsprism.cli.stories import show, skipped, stories
    from newsprism.cli.story import story
    from newsprism.cli.watch import watch

    for command in (stories, show, skipped, story, serve, feeds, watch):
        cli.add_command(command)


_register()
