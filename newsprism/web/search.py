"""Full-text search over the store's FTS5 tables (store migration 3).

A user's query is never passed to FTS5 as syntax: it is cut into words, each
word quoted, all of them required (AND); a trailing ``*`` on a word asks for
a prefix match. Results carry highlighted segments, never markup.
"""

from __future__ import annotations

import re
from typing import Any

from newsprism.web.errors import WebError

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
_WORD = re.compile(r"\w+\*?")
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"


def to_match(query: str | None) -> str | None:
    """The FTS5 MATCH expression for a user query; None when it holds no word to look for (punctuation only:
    nothing matches); WebError 400 when it is empty, blank or over MAX_QUERY_CHARS (what the schema states)."""
    if query is not None and len(query) > MAX_QUERY_CHARS:
        raise WebError(400, f"the search is over {MAX_QUERY_CHARS} characters", "bad_query")
    q = (query or "").strip()
    if not q:
        raise WebError(400, "the search needs words: /search?q=WORDS", "bad_query")
    words = _WORD.findall(q)[:MAX_TERMS]
    if not words:
        return None
    terms = []
    for w in words:
        prefix = w.endswith("*")
        w = w.rstrip("*")
        terms.append(f'"{w}"*' if prefix else f'"{w}"')
    return " ".join(terms)


def segments(marked: str | None) -> list[dict[str, Any]]:
    """Split a highlight()/snippet() string into ``{"text", "hit"}`` pieces (escaped later by the template)."""
    out: list[dict[str, Any]] = []
    if not marked:
        return out
    for i, piece in enumerate(re.split(f"[{HIT_OPEN}{HIT_CLOSE}]", marked)):
        if piece:
            out.append({"text": piece, "hit": i % 2 == 1})
    return out


def plain(marked: str | None) -> str | None:
    return None if marked is None else marked.replace(HIT_OPEN, "").replace(HIT_CLOSE, "")


def search(store: Any, query: str | None, *, outlet: str | None = None, since: str | None = None,
           until: str | None = None, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    match = to_match(query)
    if match is None:
        articles, stories = [], []
    else:
        articles = store.search_articles(match, limit=limit + 1, offset=offset, outlet=outlet, since=since,
                                         until=until)
        stories = store.search_stories(match, limit=10) if not offset else []
    return {
        "query": query, "match": match,
        "articles": [{**{k: r[k] for k in ("id", "outlet", "published", "story", "duplicate_of")},
                      "title": plain(r["title"]), "title_segments": segments(r["title"]),
                      "snippet": plain(r["snippet"]), "snippet_segments": segments(r["snippet"])}
                     for r in articles[:limit]],
        "stories": [{"id": r["id"], "title": plain(r["title"]), "title_segments": segments(r["title"])}
                    for r in stories],
        "more": len(articles) > limit,
    }
