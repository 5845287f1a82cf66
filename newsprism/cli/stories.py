"""Reading the store: `newsprism stories`, `show`, `skipped`. None of them creates a store."""

from __future__ import annotations

import json
import textwrap
from typing import Any

import click

from newsprism.cli.common import db_option, store
from newsprism.store import default_db


@click.command()
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
@db_option
def stories(as_json: bool, db: str | None) -> None:
    """List the stories in the store, most recently updated first.

    Each story shows its id (for `newsprism show`, which also takes a unique
    prefix of it), how many articles it holds, its sources (each outlet, or a
    short label from the domain or file name where a source names none; a
    duplicate copy counts once) and its title. --json adds "outlets": the
    outlets named, as in the report.
    """
    from newsprism.report.json import outlets_of

    with store(db, must_exist=True) as opened:
        rows = []
        for story in opened.iter_stories():
            members = list(opened.iter_articles(story.articles))
            labels, canonical = source_labels(members)
            rows.append({"id": story.id, "title": story.title, "articles": len(members),
                         "outlets": outlets_of(members),
                         "sources": list(dict.fromkeys(labels[a.id] for a in canonical))})
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(f"no stories in {db or default_db()}; run: newsprism analyze PATH...")
        return
    for r in rows:
        click.echo(f"{r['id']}  {r['articles']:>3} article(s)  {len(r['sources'])} source(s): "
                   f"{', '.join(r['sources']) or '-'}\n    {r['title']}")


def resolve_story(opened: Any, ref: str) -> str:
    """The story id ``ref`` names: the id itself or a unique prefix of it.

    No such story: exit 1 (naming a few stories). A prefix of several: usage error, exit 2.
    """
    if opened.get_story(ref) is not None:
        return ref
    found = opened.story_ids_starting(ref, limit=6) if ref else []
    if len(found) == 1:
        return found[0]
    if found:
        more = ", …" if len(found) > 5 else ""
        raise click.UsageError(f"story id prefix {ref!r} is ambiguous: {', '.join(found[:5])}{more}; "
                               "give more characters")
    some = [s.id for _, s in zip(range(10), opened.iter_stories())]
    raise click.ClickException(f"no story {ref!r}; some stories: {', '.join(some) or 'none'}")


def source_labels(members: list[Any]) -> tuple[dict[str, str], list[Any]]:
    """Each article's source label (a copy goes by its canonical copy's), and the canonical articles.

    The label is the one every view shows: the outlet, a copy's outlet, else a short
    label from the domain or file name (``newsprism.extract.outlet.label``).
    """
    from newsprism.extract.outlet import label

    by_id = {a.id: a for a in members}
    copies: dict[str, list[Any]] = {}
    for a in members:
        if a.duplicate_of and a.duplicate_of in by_id:
            copies.setdefault(a.duplicate_of, []).append(a)
    canonical = [a for a in members if not (a.duplicate_of and a.duplicate_of in by_id)]
    labels = {a.id: label(a, copies.get(a.id, [])) for a in canonical}
    for a in members:
        if a.id not in labels:
            labels[a.id] = labels.get(a.duplicate_of or "", "") or label(a)
    return labels, canonical


def _get(item: Any, key: str) -> Any:
    """A field of a comparison record, whether the store gave it back as a record or as its JSON form."""
    return item.get(key) if isinstance(item, dict) else getattr(item, key, None)


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(" ".join(str(text).split()), width=100, initial_indent=indent,
                         subsequent_indent=indent + "  ")


def story_text(story: Any, members: list[Any]) -> list[str]:
    """A story as text: title, summary, coverage per source, conflicts, then each article and why it joined."""
    labels, canonical = source_labels(members)
    sources = list(dict.fromkeys(labels[a.id] for a in canonical))
    out = [story.title or "(untitled story)",
           f"{story.id} · {len(members)} article(s) · {len(sources)} source(s): {', '.join(sources) or '-'}"]

    if story.brief:
        out += ["", "Summary"]
        for sentence in story.brief[:5]:
            cited = dict.fromkeys(labels.get(_get(src, "article") or "", "") for src in _get(sentence, "sources") or [])
            cited.pop("", None)
            out.append(_wrap((_get(sentence, "sentence") or _get(sentence, "text") or "")
                             + (f" [{', '.join(cited)}]" if cited else "")))

    out += ["", "Coverage"]
    facts = story.facts
    width = max((len(s) for s in sources), default=0)
    for source in sources:
        arts = [a for a in canonical if labels[a.id] == source]
        dates = sorted({(a.published or "")[:10] for a in arts if a.published})
        reported = sum(1 for f in facts if source in (_get(f, "outlets") or []))
        share = f"reports {reported} of {len(facts)} fact(s)" if facts else "not compared yet"
        out.append(f"  {source:<{width}}  {share} · {len(arts)} article(s)"
                   + (f" · {', '.join(dates)}" if dates else " · undated"))

    if story.conflicts:
        out += ["", "Where they differ"]
        for c in story.conflicts:
            out.append(_wrap(f"{_get(c, 'kind')}: {_get(c, 'about')}"))
            for v in _get(c, "variants") or []:
                value = _get(v, "text") or _get(v, "value")
                out.append(_wrap(f"{value} — {', '.join(_get(v, 'outlets') or [])}", "    "))

    out += ["", "Articles"]
    why = {m.article: m for m in story.members}
    for a in members:
        m = why.get(a.id)
        out.append(f"\n  {a.id}  {labels[a.id]} · {a.published or 'undated'} · {a.source}")
        out.append(f"    {a.title or '(no title)'}")
        if a.duplicate_of:
            out.append(f"    duplicate of {a.duplicate_of}")
        if m is not None:
            out.append(f"    joined with score {m.score:.2f}; shared: {', '.join(m.shared_terms)}")
    if story.merged_from:
        out.append(f"\n  merged from: {', '.join(story.merged_from)}")
    return out


@click.command()
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="The story as in the JSON report.")
@db_option
def show(story_id: str, as_json: bool, db: str | None) -> None:
    """Show one story: its summary, coverage, conflicts, and its articles with why each joined.

    STORY_ID is a story's id or a unique prefix of it (a prefix that fits
    several stories is refused, exit 2). The text lists: the summary; per
    source (outlet, or a short label from its domain or file name) how many of
    the story's facts it reports; where the sources differ; then every
    article with its outlet, date, source, title, the copy it duplicates, and
    the score and shared terms with which it joined. --json prints the story
    as in the analyze report, with its full articles.
    """
    from newsprism.report.json import article_json, story_json

    with store(db, must_exist=True) as opened:
        story = opened.get_story(resolve_story(opened, story_id))
        members = list(opened.iter_articles(story.articles))
    if as_json:
        data = story_json(story, members, {a.id for a in members})
        data["articles"] = [article_json(a) for a in members]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo("\n".join(story_text(story, members)))


@click.command()
@db_option
def skipped(db: str | None) -> None:
    """List every input a stage set aside, with the stage and the reason.

    Each row: level (error, or warning for input kept with a repair), the
    stage, the stable error code (see README), the source and the message.
    A rerun that fails the same way replaces its row instead of adding one.
    """
    with store(db, must_exist=True) as opened:
        rows = list(opened.iter_skipped())
    for item, level in rows:
        click.echo(f"{level:<7} {item.stage:<8} {item.code}  {item.source}: {item.message}")
    if not rows:
        click.echo("nothing skipped")
