"""User corrections to stories: split, merge, move.

Each correction is applied in one transaction and recorded in the store's
``corrections`` table. A split also records that the two stories are
separate, and the cluster stage never merges separated stories on its own.
Articles already assigned are never reassigned by later runs, so corrections
survive re-running the pipeline. A duplicate always travels with its
canonical copy. After a correction, every story it changed is compared again
at once (:func:`recompute`), whoever made it (the CLI or the web), so no
story shows a comparison of members it no longer has. A story merged into
itself is refused.
"""

from __future__ import annotations

import logging
from typing import Any

from newsprism.cluster.stage import retitle, story_id as new_story_id
from newsprism.errors import UsageError
from newsprism.types import Story, StoryMember

USER = "corrected by user"
log = logging.getLogger("newsprism")


def recompute(store: Any, story_ids: list[str]) -> list[str]:
    """Compare the stories again from their current members and store them; returns the ids compared.

    A story that no longer exists (emptied and dropped) is skipped; one with a
    single article keeps an empty comparison (there is nothing to compare it with).
    """
    from newsprism.compare.stage import membership_key
    from newsprism.compare.story import compare_story

    done = []
    for sid in dict.fromkeys(story_ids):
        story = store.get_story(sid)
        if story is None:
            continue
        members = list(store.iter_articles(story.articles))
        key = membership_key(members)
        if story.compared == key:
            continue
        compared = compare_story(story, members)
        compared.compared = key
        store.put_story(compared)
        done.append(sid)
    return done


def _story(store: Any, sid: str) -> Story:
    story = store.get_story(sid)
    if story is None:
        raise UsageError(f"no story {sid!r}")
    return story


def _with_copies(store: Any, article_ids: list[str]) -> list[str]:
    """The articles plus their canonical copies' other duplicates, in order, once."""
    out: dict[str, None] = {}
    for aid in article_ids:
        article = store.get_article(aid)
        if article is None:
            raise UsageError(f"no article {aid!r}")
        for member in store.copies_of(article):
            out[member] = None
    return list(out)


def _place(store: Any, articles: list[str], target: str) -> None:
    for aid in articles:
        current = store.get_article(aid)
        if current and current.story and current.story != target:
            store.remove_member(current.story, aid)
        store.add_member(target, StoryMember(article=aid, score=1.0, shared_terms=[USER], joined_at=0))


def _drop_if_empty(store: Any, sid: str) -> None:
    story = store.get_story(sid)
    if story is not None and not story.articles:
        store.delete_story(sid)


def split(store: Any, sid: str, article_ids: list[str]) -> str:
    """Move ``article_ids`` out of story ``sid`` into a new story; return its id."""
    story = _story(store, sid)
    moving = _with_copies(store, article_ids)
    strangers = [a for a in moving if a not in story.articles]
    if strangers:
        raise UsageError(f"not in story {sid}: {', '.join(strangers)}")
    if len(moving) == len(story.articles):
        raise UsageError("a split must leave at least one article in the story")
    with store.transaction():
        new = new_story_id(moving[0] + ":split:" + sid)
        store.put_story(Story(id=new, title=""))
        _place(store, moving, new)
        store.separate(sid, new)
        store.add_correction("split", sid, new, moving)
        retitle(store, sid)
        retitle(store, new)
    recompute(store, [sid, new])
    return new


def merge(store: Any, sid: str, others: list[str]) -> None:
    """Merge stories ``others`` into ``sid``; a story merged into itself is refused."""
    target = _story(store, sid)
    if sid in others:
        raise UsageError(f"cannot merge story {sid} into itself")
    for other in others:
        _story(store, other)
    with store.transaction():
        for other in dict.fromkeys(others):
            store.move_members(other, sid)
            store.delete_story(other)
            target = _story(store, sid)
            target.merged_from.append(other)
            store.put_story(target)
            store.add_correction("merge", sid, other, [])
        retitle(store, sid)
    recompute(store, [sid])


def move(store: Any, article_ids: list[str], to: str) -> None:
    """Move articles (with their duplicates) into story ``to``."""
    _story(store, to)
    moving = _with_copies(store, article_ids)
    sources = {a.story for a in store.iter_articles(moving) if a.story}
    with store.transaction():
        _place(store, moving, to)
        for src in sources - {to}:
            store.add_correction("move", src, to, moving)
            store.separate(src, to)
            _drop_if_empty(store, src)
            retitle(store, src)
        retitle(store, to)
    recompute(store, [to, *sorted(sources - {to})])
