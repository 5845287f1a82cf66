"""Build the ``newsprism/1`` report (see docs/report-format.md) from the store."""

from __future__ import annotations

from typing import Any

from newsprism.cluster.storylines import storylines
from newsprism.types import Article, Story

FORMAT = "newsprism/1"

# Sections of a story filled by the comparison stage; until it runs they are
# empty lists and ``pipeline.stages_not_run`` says so.
COMPARISON_SECTIONS = ("facts", "conflicts", "precision", "quotes", "naming", "loaded_terms", "numbers", "timeline", "brief")


def article_json(a: Article) -> dict[str, Any]:
    return {
        "id": a.id, "source": a.source, "outlet": a.outlet, "title": a.title, "published": a.published,
        "authors": a.authors, "url": a.url, "language": a.language, "text": a.text,
        "duplicate_of": a.duplicate_of, "story": a.story, "cites": a.cites,
        "section": a.section, "tags": a.tags, "captions": a.captions,
        "reading_time_min": a.reading_time_min, "word_count": a.word_count, "extractor": a.extractor,
    }


def outlets_of(articles: list[Article]) -> list[str]:
    """Outlets of a set of articles, each counted once.

    A group of copies counts once, under its canonical copy's outlet, or when
    that copy names none (a clean text without its page), the first outlet a
    copy of it names.
    """
    by_group: dict[str, str | None] = {}
    for a in articles:
        group = a.duplicate_of or a.id
        if a.duplicate_of is None:
            by_group[group] = a.outlet or by_group.get(group)
        elif a.outlet and not by_group.get(group):
            by_group[group] = a.outlet
    return list(dict.fromkeys(o for o in by_group.values() if o))


def story_json(story: Story, articles: list[Article], shown: set[str]) -> dict[str, Any]:
    members = [a for a in articles if a.id in shown]
    out: dict[str, Any] = {
        "id": story.id, "title": story.title,
        "articles": [a.id for a in members],
        "outlets": outlets_of(members),
        "membership": [m.as_dict() for m in story.members if m.article in shown],
        "merged_from": story.merged_from,
    }
    for section in COMPARISON_SECTIONS:
        out[section] = [x.as_dict() if hasattr(x, "as_dict") else x for x in getattr(story, section)]
    out["citations"] = story.citations or {"nodes": [], "edges": []}
    return out


def build_report(store: Any, article_ids: list[str], *, stages_run: list[dict[str, Any]],
                 stages_not_run: list[str], errors: list[dict[str, Any]]) -> dict[str, Any]:
    """One report for the given articles and the stories they belong to."""
    articles = [a for a in store.iter_articles(dict.fromkeys(article_ids))]
    shown = {a.id for a in articles}
    stories: list[dict[str, Any]] = []
    story_ids = list(dict.fromkeys(a.story for a in articles if a.story))
    lines = storylines(store, story_ids)
    for sid in story_ids:
        story = store.get_story(sid)
        if story is not None:
            members = list(store.iter_articles(story.articles))
            stories.append(story_json(story, members, shown))
            stories[-1]["storyline"] = lines[sid]["id"] if sid in lines else None
    return {
        "format": FORMAT,
        "articles": [article_json(a) for a in articles],
        "stories": stories,
        # stories of one longer thread, linked but not merged (newsprism.cluster.storylines)
        "storylines": list({line["id"]: line for line in lines.values()}.values()),
        "pipeline": {"stages_run": stages_run, "stages_not_run": list(stages_not_run)},
        "errors": errors,
    }
