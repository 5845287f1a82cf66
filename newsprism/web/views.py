"""One function per page: each builds one JSON-ready dict, rendered as HTML or returned as JSON.

Nothing here formats markup but ``outlet_options`` (which escapes every value
with markupsafe); templates escape every other value (autoescape), so article
text, titles, outlet names and URLs reach the page as text only.
Sections of a story the comparison stage fills stay empty until it has run,
and the page says so; nothing is made up to fill them.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePath
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from newsprism.cluster.storylines import storylines
from newsprism.report.json import COMPARISON_SECTIONS, article_json, story_json
from newsprism.types import Article
from newsprism.web import search as search_mod
from newsprism.web import spans
from newsprism.web.errors import WebError

PAGE_SIZE = 50
#: stories listed on an outlet's page (with how it names people in them): those of its latest articles
OUTLET_STORIES = 20
MAX_RAW_CHARS = 300_000
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


# -- small helpers ---------------------------------------------------------------------------
def q(value: str) -> str:
    """One URL path segment."""
    return quote(value, safe="")


def story_href(sid: str) -> str:
    return f"/stories/{q(sid)}"


def article_href(aid: str, span: tuple[int, int] | None = None) -> str:
    return f"/articles/{q(aid)}" + (f"?hl={span[0]}-{span[1]}#hl" if span else "")


def outlet_href(name: str) -> str:
    return f"/outlets/{q(name)}"


def safe_url(url: str | None) -> str | None:
    """The URL when it is plain http(s), else None (shown as text, never as a link)."""
    if not url or any(c in url for c in "\x00\r\n\t "):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def check_date(name: str, value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if not _DATE.fullmatch(value):
        raise WebError(400, f"{name} must be a date: YYYY, YYYY-MM or YYYY-MM-DD", "bad_date")
    return value


def check_page(page: int) -> int:
    if page < 1 or page > 100_000:
        raise WebError(400, "page must be between 1 and 100000", "bad_page")
    return page


def label(a: Article) -> str:
    """How an article's outlet is named in the comparison (its file name when the outlet is unknown)."""
    return a.outlet or f"unknown outlet ({PurePath(a.source).name})"


def _variant_text(v: dict[str, Any]) -> str:
    return str(v.get("text") if v.get("text") is not None else v.get("value", ""))


# -- home ---------------------------------------------------------------------------------------
def outlet_options(outlets: list[dict[str, Any]], selected: str | None) -> Markup:
    """The home filter's ``<option>`` list, every name escaped here (a loop of hundreds of outlets
    costs a template far more than this)."""
    parts = []
    for o in outlets:
        name = escape(o["name"])
        chosen = " selected" if o["name"] == selected else ""
        parts.append(f'<option value="{name}"{chosen}>{name} ({int(o["articles"])})</option>')
    return Markup("\n".join(parts))


def home(store: Any, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
         page: int = 1) -> dict[str, Any]:
    since, until, page = check_date("since", since), check_date("until", until), check_page(page)
    rows = store.list_stories(limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE, outlet=outlet or None,
                              since=since, until=until)
    more, rows = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
    members: dict[str, list[tuple[Any, ...]]] = {}
    for r in store.story_rows([r[0] for r in rows]) if rows else []:
        members.setdefault(r[0], []).append(r)
    stories = []
    for sid, title, updated, first in rows:
        arts = members.get(sid, [])
        outlets: list[str] = []
        for _, _, o, _, dup in arts:
            if dup is None and o and o not in outlets:
                outlets.append(o)
        dates = sorted(p for _, _, _, p, _ in arts if p)
        first = first if isinstance(first, str) else None
        stories.append({"id": sid, "title": title, "href": story_href(sid), "updated": updated,
                        "articles": len(arts), "sources": len(outlets), "outlets": outlets,
                        "first_published": dates[0] if dates else None,
                        "last_published": dates[-1] if dates else None, "brief": first})
    return {"page": "home", "stories": stories, "page_number": page, "more": more,
            "filters": {"outlet": outlet or None, "since": since, "until": until},
            "outlets": [{"name": n, "articles": c} for n, c in store.list_outlets()[:500]],
            "counts": {"articles": store.count("articles"), "stories": store.count("stories")}}


# -- story ---------------------------------------------------------------------------------------
def _evidence(items: list[dict[str, Any]] | None, texts: dict[str, str], outlet_of: dict[str, str | None]
              ) -> list[dict[str, Any]]:
    out = []
    for ev in items or []:
        aid, quote_ = ev.get("article"), ev.get("quote")
        span = spans.locate(texts[aid], quote_) if aid in texts else None
        out.append({"article": aid, "quote": quote_, "outlet": outlet_of.get(aid) if aid else None,
                    "found": span is not None, "span": list(span) if span else None,
                    "href": article_href(aid, span) if aid else None})
    return out


def _outlet_links(store: Any) -> Any:
    """name → the outlet's page when the store has articles from it, else a search for the name."""
    known = {name for name, _ in store.list_outlets()}
    return lambda name: outlet_href(name) if name in known else "/search?q=" + quote(name, safe="")


def was_compared(sj: dict[str, Any]) -> bool:
    """Whether the comparison stage has run on a story (its citation graph or any section is filled)."""
    citations = sj.get("citations") or {}
    return bool(citations.get("nodes") or citations.get("edges")) or any(sj.get(s) for s in COMPARISON_SECTIONS)


def _cites_graph(store: Any, articles: list[Article], citations: dict[str, Any] | None) -> dict[str, Any]:
    """Who cites whom: the comparison's provenance graph when there is one, else each article's ``cites``."""
    edges: Counter[tuple[str, str]] = Counter()
    kinds: dict[str, str] = {}
    if citations and citations.get("edges"):
        for e in citations["edges"]:
            if e.get("from") and e.get("to"):
                edges[(str(e["from"]), str(e["to"]))] += max(1, len(e.get("evidence") or []))
        kinds = {str(n.get("id")): str(n.get("kind") or "") for n in citations.get("nodes") or []}
    else:
        for a in articles:
            if a.duplicate_of is None:
                for cited in dict.fromkeys(a.cites):
                    edges[(a.outlet or "(unknown outlet)", cited)] += 1
    link = _outlet_links(store)
    sources = sorted({s for s, _ in edges})
    targets = sorted({t for _, t in edges})
    row, top = 34, 20
    height = top * 2 + row * max(len(sources), len(targets), 1)
    ys = {("s", n): top + row * i + row // 2 for i, n in enumerate(sources)}
    ys.update({("t", n): top + row * i + row // 2 for i, n in enumerate(targets)})
    return {
        "source": "comparison" if kinds or (citations and citations.get("edges")) else "articles",
        "edges": [{"from": s, "to": t, "articles": n, "kind": kinds.get(t)} for (s, t), n in sorted(edges.items())],
        "svg": {"width": 720, "height": height,
                "sources": [{"name": n, "y": ys[("s", n)], "href": outlet_href(n)} for n in sources],
                "targets": [{"name": n, "y": ys[("t", n)], "href": link(n)} for n in targets],
                "lines": [{"y1": ys[("s", s)], "y2": ys[("t", t)], "n": n} for (s, t), n in sorted(edges.items())]},
    }


def story(store: Any, story_id: str) -> dict[str, Any]:
    st = store.get_story(story_id)
    if st is None:
        raise WebError(404, f"no story {story_id!r} in this store", "story_not_found")
    articles = list(store.iter_articles(st.articles))
    sj = story_json(st, articles, {a.id for a in articles})
    texts = {a.id: a.text for a in articles}
    outlet_of = {a.id: label(a) for a in articles}
    canon = {a.id: (a.duplicate_of or a.id) for a in articles}
    outlets = sj["outlets"]
    member = {m.article: m for m in st.members}
    compared = was_compared(sj)

    headlines = [{"id": a.id, "href": article_href(a.id), "outlet": a.outlet, "title": a.title,
                  "published": a.published, "url": a.url, "url_safe": safe_url(a.url),
                  "duplicate_of": a.duplicate_of, "word_count": a.word_count,
                  "outlet_href": outlet_href(a.outlet) if a.outlet else None,
                  "score": round(member[a.id].score, 3) if a.id in member else None,
                  "shared_terms": member[a.id].shared_terms[:8] if a.id in member else []}
                 for a in articles]

    columns = list(dict.fromkeys([*outlets, *(o for f in sj["facts"] for o in (f.get("outlets") or []))]))
    facts = []
    for f in sj["facts"]:
        ev = _evidence(f.get("evidence"), texts, outlet_of)
        reported = list(f.get("outlets") or [])
        left_out = f.get("left_out_by")
        cells = []
        for o in columns:
            if o in reported:
                mark = "reports"
            elif left_out is not None and o in left_out:
                mark = "left_out"
            else:
                mark = "absent"
            cells.append({"outlet": o, "mark": mark,
                          "evidence": [e for e in ev if e["outlet"] == o]})
        facts.append({"text": f.get("text"), "consensus": bool(f.get("consensus")),
                      "single_source": len(reported) == 1, "outlets": reported,
                      "left_out_by": left_out, "cells": cells, "evidence": ev})

    def variants(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"text": _variant_text(v), "outlets": v.get("outlets") or [],
                 "evidence": _evidence(v.get("evidence"), texts, outlet_of)} for v in items or []]

    conflicts = [{"kind": c.get("kind"), "about": c.get("about"), "variants": variants(c.get("variants"))}
                 for c in sj["conflicts"]]
    quotes = [{"speaker": x.get("speaker"), "variants": variants(x.get("variants"))} for x in sj["quotes"]]
    naming_outlets = list(dict.fromkeys([*outlets, *(o for n in sj["naming"] for o in (n.get("by_outlet") or {}))]))
    naming = [{"entity": n.get("entity"),
               "cells": [{"outlet": o, "names": list((n.get("by_outlet") or {}).get(o) or [])}
                         for o in naming_outlets]} for n in sj["naming"]]
    loaded = []
    for t in sj["loaded_terms"]:
        ev = _evidence([{"article": t.get("article"), "quote": t.get("quote")}], texts, outlet_of)[0]
        loaded.append({"term": t.get("term"), "outlet": t.get("outlet"), **{k: ev[k] for k in ("article", "quote", "found", "href")}})
    timeline = [{"date": e.get("date"), "text": e.get("text"),
                 "evidence": _evidence(e.get("evidence"), texts, outlet_of)} for e in sj["timeline"]]
    brief = [{"sentence": s.get("sentence"), "sources": _evidence(s.get("sources"), texts, outlet_of)}
             for s in sj["brief"]]
    coverage = sorted(({"published": a.published, "outlet": a.outlet, "title": a.title, "href": article_href(a.id),
                        "duplicate": a.duplicate_of is not None} for a in articles),
                      key=lambda x: (x["published"] is None, x["published"] or ""))
    return {
        "page": "story", "story": sj, "id": st.id, "title": st.title, "outlets": outlets,
        "outlet_links": [{"name": o, "href": outlet_href(o)} for o in outlets],
        "headlines": headlines, "canonical": canon, "compared": compared,
        "facts": facts, "fact_outlets": columns, "conflicts": conflicts, "quotes": quotes,
        "naming": {"outlets": naming_outlets, "rows": naming}, "loaded_terms": loaded,
        "numbers": sj["numbers"], "timeline": timeline, "brief": brief,
        "coverage": coverage, "cites": _cites_graph(store, articles, sj.get("citations")),
        "storyline": _storyline(store, st.id),
    }


def _storyline(store: Any, story_id: str) -> dict[str, Any] | None:
    """The story's storyline: the other stories of its thread, each with why it is linked, if any is."""
    line = storylines(store, [story_id]).get(story_id)
    if line is None:
        return None
    why = {}
    for link in line["links"]:
        for x, y in ((link["a"], link["b"]), (link["b"], link["a"])):
            if x == story_id:
                why[y] = link
    others = []
    for sid in line["stories"]:
        if sid == story_id:
            continue
        other = store.get_story(sid)
        link = why.get(sid)
        others.append({"id": sid, "href": story_href(sid), "title": other.title if other else sid,
                       "score": link["score"] if link else None,
                       "shared": (link["why"].get("shared_entities") or [])[:6] if link else []})
    return {"id": line["id"], "title": line["title"], "stories": others}


# -- article -------------------------------------------------------------------------------------
def _story_spans(st: Any, article_id: str, text: str) -> list[dict[str, Any]]:
    """Cited spans and loaded terms the story's comparison points at in this article."""
    sj = story_json(st, [], set())     # the sections as plain dicts, whatever the store held
    out: list[dict[str, Any]] = []

    def add(ev: dict[str, Any] | None, kind: str, note: str) -> None:
        if isinstance(ev, dict) and ev.get("article") == article_id:
            span = spans.locate(text, ev.get("quote"))
            if span:
                out.append({"start": span[0], "end": span[1], "kind": kind, "note": note})

    for f in sj["facts"]:
        for ev in f.get("evidence") or []:
            add(ev, "cited", f"fact: {f.get('text')}")
    for section, label in (("conflicts", "conflict"), ("quotes", "quote")):
        for item in sj[section]:
            for v in item.get("variants") or []:
                for ev in v.get("evidence") or []:
                    add(ev, "cited", f"{label}: {_variant_text(v)}")
    for entry in sj["timeline"]:
        for ev in entry.get("evidence") or []:
            add(ev, "cited", f"timeline: {entry.get('date')}: {entry.get('text')}")
    for sentence in sj["brief"]:
        for ev in sentence.get("sources") or []:
            add(ev, "cited", f"brief: {sentence.get('sentence')}")
    for term in sj["loaded_terms"]:
        s0, s1 = term.get("start"), term.get("end")
        if term.get("article") == article_id and term.get("field", "text") == "text" and isinstance(s0, int) \
                and isinstance(s1, int) and text[s0:s1] == term.get("term"):      # the word itself
            out.append({"start": s0, "end": s1, "kind": "loaded", "note": f"loaded term: {term.get('term')}"})
        elif term.get("field", "text") == "text":
            add(term, "loaded", f"loaded term: {term.get('term')}")
    return out


def article(store: Any, article_id: str, *, hl: str | None = None, diff_with: str | None = None) -> dict[str, Any]:
    a = store.get_article(article_id)
    if a is None:
        raise WebError(404, f"no article {article_id!r} in this store", "article_not_found")
    try:
        target = spans.parse_span(hl, len(a.text))
    except ValueError as exc:
        raise WebError(400, str(exc), "bad_highlight") from None
    st = store.get_story(a.story) if a.story else None
    marks = _story_spans(st, a.id, a.text) if st else []
    if target:
        marks.append({"start": target[0], "end": target[1], "kind": "target", "note": "the cited span"})
    link = _outlet_links(store)
    raw = store.get_input(a.input_sha256)
    raw_text = raw.data[:MAX_RAW_CHARS * 4].decode("utf-8", errors="replace")[:MAX_RAW_CHARS] if raw else None

    duplicates = store.duplicates_of(a.id)
    others = [o for o in (store.iter_articles(st.articles) if st else []) if o.id != a.id]
    default_other = a.duplicate_of or (duplicates[0] if duplicates else None) or (others[0].id if others else None)
    other_id = diff_with or default_other
    other = store.get_article(other_id) if other_id else None
    if diff_with and other is None:
        raise WebError(404, f"no article {diff_with!r} to compare with", "article_not_found")
    return {
        "page": "article", "article": article_json(a), "href": article_href(a.id),
        "url_safe": safe_url(a.url), "outlet_href": outlet_href(a.outlet) if a.outlet else None,
        "cites": [{"name": c, "href": link(c)} for c in dict.fromkeys(a.cites)],
        "story": {"id": st.id, "title": st.title, "href": story_href(st.id)} if st else None,
        "segments": spans.cut(a.text, marks), "highlight": list(target) if target else None,
        "highlight_text": a.text[target[0]:target[1]] if target else None,
        "marks": {"cited": sum(m["kind"] == "cited" for m in marks), "loaded": sum(m["kind"] == "loaded" for m in marks)},
        "compared": bool(st and was_compared(story_json(st, [], set()))),
        "duplicates": [{"id": d, "href": article_href(d)} for d in duplicates],
        "raw": {"source": raw.source if raw else a.source, "media_type": raw.media_type if raw else None,
                "bytes": len(raw.data) if raw else None, "sha256": a.input_sha256, "text": raw_text,
                "truncated": bool(raw and raw_text is not None and len(raw_text) < len(raw.data)
                                  and len(raw_text) >= MAX_RAW_CHARS)},
        "diff": None if other is None else {
            "other": {"id": other.id, "outlet": other.outlet, "title": other.title, "href": article_href(other.id),
                     "relation": "duplicate" if other.id in (a.duplicate_of, *duplicates) else "same story"},
            "blocks": spans.diff(a.text, other.text)},
        "diff_choices": [{"id": o.id, "label": f"{o.outlet or '(no outlet)'} — {o.title or o.id}",
                          "selected": o.id == other_id} for o in others[:200]],
    }


# -- outlet --------------------------------------------------------------------------------------
def outlet(store: Any, name: str, *, profiles: dict[str, dict[str, Any]] | None = None,
           page: int = 1) -> dict[str, Any]:
    page = check_page(page)
    arts = store.outlet_articles(name, limit=PAGE_SIZE * 4 + 1, offset=(page - 1) * PAGE_SIZE * 4)
    profile = (profiles or {}).get(name)
    if not arts and profile is None and page == 1:
        raise WebError(404, f"no outlet {name!r} in this store", "outlet_not_found")
    more, arts = len(arts) > PAGE_SIZE * 4, arts[:PAGE_SIZE * 4]
    story_ids = list(dict.fromkeys(a["story"] for a in arts if a["story"]))
    # each story's naming, and whether the comparison filled anything, without loading the stories whole
    paths = ["$.naming", "$.citations.nodes[0]", "$.citations.edges[0]",
             *(f"$.{section}[0]" for section in COMPARISON_SECTIONS)]
    stories = store.story_extracts(story_ids[:OUTLET_STORIES], paths)
    cites = Counter(c for a in arts for c in dict.fromkeys(a["cites"]))
    naming: dict[str, list[str]] = {}
    for _, _, (story_naming, *_) in stories:
        for n in story_naming or []:
            names = (n.get("by_outlet") or {}).get(name) if isinstance(n, dict) else None
            if names:
                known = naming.setdefault(str(n.get("entity")), [])
                known += [x for x in names if x not in known]
    link = _outlet_links(store)
    return {
        "page": "outlet", "name": name, "profile": {k: v for k, v in (profile or {}).items()
                                                    if isinstance(v, (str, int, float))} or None,
        "articles": [{"id": a["id"], "href": article_href(a["id"]), "title": a["title"], "published": a["published"],
                      "story": a["story"], "story_href": story_href(a["story"]) if a["story"] else None,
                      "duplicate_of": a["duplicate_of"]} for a in arts],
        "stories": [{"id": sid, "title": title, "href": story_href(sid)} for sid, title, _ in stories],
        "cites": [{"name": c, "articles": n, "href": link(c)} for c, n in cites.most_common(100)],
        "naming": [{"entity": e, "names": ns} for e, ns in sorted(naming.items())],
        "compared": any(v is not None and v != [] for _, _, values in stories for v in values),
        "page_number": page, "more": more,
    }


# -- search --------------------------------------------------------------------------------------
def search(store: Any, query: str | None, *, outlet: str | None = None, since: str | None = None,
           until: str | None = None, page: int = 1) -> dict[str, Any]:
    since, until, page = check_date("since", since), check_date("until", until), check_page(page)
    result = search_mod.search(store, query, outlet=outlet or None, since=since, until=until,
                               limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    for a in result["articles"]:
        a["href"] = article_href(a["id"])
        a["story_href"] = story_href(a["story"]) if a["story"] else None
        a["outlet_href"] = outlet_href(a["outlet"]) if a["outlet"] else None
    for s in result["stories"]:
        s["href"] = story_href(s["id"])
    return {"page": "search", **result, "page_number": page,
            "filters": {"outlet": outlet or None, "since": since, "until": until}}

