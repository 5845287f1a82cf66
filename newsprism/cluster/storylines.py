"""Storylines: stories of one longer thread, linked but never merged.

The cluster stage links two stories when they share the thread's people and
places and score close enough, centroid to centroid (``OnlineClusterer.related``),
and records each link with its score and the names and terms the two share.
A storyline is a connected set of linked stories, read from the store's
links when asked for (so merges, splits and deleted stories need no upkeep);
its id comes from the smallest id among its stories and its title is that of
its largest story.
"""

from __future__ import annotations

import hashlib
from typing import Any


def storyline_id(story_ids: list[str]) -> str:
    return "l" + hashlib.sha1(min(story_ids).encode()).hexdigest()[:12]


def storylines(store: Any, story_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The storyline of each of ``story_ids`` that has one: ``{story id: storyline}``.

    A storyline is ``{"id", "title", "stories": [ids], "links": [{"a", "b", "score", "why"}]}``;
    stories of one storyline share the same dict.
    """
    out: dict[str, dict[str, Any]] = {}
    for start in story_ids:
        if start in out:
            continue
        seen, frontier, links = {start}, [start], {}
        while frontier:       # breadth first, one query per ring of the storyline
            for link in store.story_links(frontier):
                links[(link["a"], link["b"])] = link
            frontier = sorted({x for a, b in links for x in (a, b)} - seen)
            seen.update(frontier)
        if len(seen) < 2:
            continue
        stories = [s for s in (store.get_story(sid) for sid in sorted(seen)) if s is not None]
        if len(stories) < 2:
            continue
        members = [s.id for s in stories]
        lead = max(stories, key=lambda s: (len(s.articles), s.id))
        line = {"id": storyline_id(members), "title": lead.title, "stories": members,
                "links": [links[k] for k in sorted(links)]}
        for sid in members:
            out[sid] = line
    return out
