"""One function per page: each builds one JSON-ready dict, rendered as HTML or returned as JSON.

Nothing here formats markup but ``outlet_options`` (which escapes every value
with markupsafe); templates escape every other value (autoescape), so article
text, titles, outlet names and URLs reach the page as text only.
Sections of a story the comparison stage fills stay empty until it has run,
and the page says so; nothing is made up to fill them.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from functools import lru_cache
from datetime import datetime
from pathlib import PurePath
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from newsprism.cluster.corrections import USER
from newsprism.cluster.online import MERGE_THRESHOLD
from newsprism.cluster.storylines import storylines
from newsprism.extract.outlet import label as outlet_label
from newsprism.report.json import COMPARISON_SECTIONS, article_json, story_json
from newsprism.report.sections import reader_view
from newsprism.types import Article
from newsprism.web import charts, spans
from newsprism.web import search as search_mod
from newsprism.web.errors import WebError

PAGE_SIZE = 50
#: stories listed on an outlet's page (with how it names people in them): those of its latest articles
OUTLET_STORIES = 20
MAX_RAW_CHARS = 300_000
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


# -- small helpers ---------------------------------------------------------------------------
@lru_cache(maxsize=65536)
def q(value: str) -> str:
    """One URL path segment (cached: a story page links the same few articles hundreds of times)."""
    return quote(value, safe="")


def cites(items: list[dict[str, Any]] | None, short: bool = False, tiny: bool = False) -> Markup:
    """Citation links to evidence spans, escaped here rather than in a template macro: a story page renders
    a few hundred of them, and a Jinja macro call per link was most of the page's rendering time."""
    out = []
    for i, e in enumerate(items or [], 1):
        quote_ = escape(e.get("quote") or "")
        who = e.get("outlet") or e.get("article")
        found = e.get("found")
        cls = "cite" + (" cite-tiny" if tiny else "") + ("" if found else " cite-missing")
        text = str(i) if tiny else (f"quote {i}" if short else escape(who))
        if not found and not tiny:
            text = Markup(f"{text} (not found verbatim)")
        out.append(f'<a class="{cls}" href="{escape(e.get("href"))}" title="{escape(who)}: {quote_}" '
                   f'data-quote="{quote_}">{text}</a>')
    return Markup("\n".join(out))


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
    """How an article's outlet is named, as in the comparison (a short source label when it states none)."""
    return outlet_label(a)


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


def iso_datetime(value: str) -> str:
    """An ISO 8601 date-time with a zone, as Atom wants, from the store's dates (a bare date is midnight UTC)."""
    text = str(value)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        m = _DATE.match(text)
        if not m:
            return "1970-01-01T00:00:00Z"
        day = m.group(0) + ("-01-01" if len(m.group(0)) == 4 else "-01" if len(m.group(0)) == 7 else "")
        return day + "T00:00:00Z"
    if parsed.tzinfo is None:
        return parsed.strftime("%Y-%m-%dT%H:%M:%SZ")
    return parsed.isoformat()


def home(store: Any, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
         page: int = 1, per_page: int = PAGE_SIZE, with_outlets: bool = True) -> dict[str, Any]:
    since, until, page = check_date("since", since), check_date("until", until), check_page(page)
    rows = store.list_stories(limit=per_page + 1, offset=(page - 1) * per_page, outlet=outlet or None,
                              since=since, until=until)
    more, rows = len(rows) > per_page, rows[:per_page]
    members: dict[str, list[tuple[Any, ...]]] = {}
    for r in store.story_rows([r[0] for r in rows]) if rows else []:
        members.setdefault(r[0], []).append(r)
    stories = []
    for sid, title, updated, first in rows:
        arts = members.get(sid, [])
        ids = {a for _, a, _, _, _ in arts}
        # a source is an article and its copies: count the groups (a copy of an article outside the story counts)
        groups: dict[str, str | None] = {}
        for _, aid, o, _, dup in arts:
            root = dup if dup in ids else aid
            if o and not groups.get(root):
                groups[root] = o
            else:
                groups.setdefault(root, None)
        outlets = list(dict.fromkeys(o for o in groups.values() if o))
        dates = sorted(p for _, _, _, p, _ in arts if p)
        first = first if isinstance(first, str) else None
        stories.append({"id": sid, "title": title, "href": story_href(sid), "updated": updated,
                        "articles": len(arts), "sources": len(groups), "outlets": outlets,
                        "unnamed": sum(o is None for o in groups.values()),
                        "first_published": dates[0] if dates else None,
                        "last_published": dates[-1] if dates else None, "brief": first})
    return {"page": "home", "stories": stories, "page_number": page, "more": more,
            "filters": {"outlet": outlet or None, "since": since, "until": until},
            "outlets": [{"name": n, "articles": c} for n, c in store.list_outlets()[:500]] if with_outlets else [],
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


#: a member that joined its story below this score (the merge bar: where two stories count as one) is flagged
#: as possibly not belonging, with a one-click split
LOW_CONFIDENCE = MERGE_THRESHOLD


def _flagged(st: Any) -> dict[str, float]:
    """Members that joined with a low score (not the one that opened the story, nor one a user placed)."""
    members = sorted(st.members, key=lambda m: m.joined_at)
    return {m.article: round(m.score, 3) for m in members[1:]
            if m.score < LOW_CONFIDENCE and USER not in (m.shared_terms or [])}


def story(store: Any, story_id: str, *, profiles: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    st = store.get_story(story_id)
    if st is None:
        raise WebError(404, f"no story {story_id!r} in this store", "story_not_found")
    articles = list(store.iter_articles(st.articles))
    sj = story_json(st, articles, {a.id for a in articles})
    by_id = {a.id: a for a in articles}
    texts = {a.id: a.text for a in articles}
    view = reader_view(sj, [article_json(a) for a in articles], label=lambda d: label(by_id[d["id"]]),
                       profiles=profiles)
    source_of = {aid: s["label"] for s in view["sources"] for aid in s["articles"]}
    member = {m.article: m for m in st.members}
    compared = was_compared(sj)
    flagged = _flagged(st)
    link = _outlet_links(store)

    located: dict[tuple[Any, Any], dict[str, Any]] = {}

    def ev(items: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
        """Each cited span located once, however many sections cite it."""
        out = []
        for e in items or []:
            key = (e.get("article"), e.get("quote"))
            if key not in located:
                located[key] = _evidence([e], texts, source_of)[0]
            out.append(located[key])
        return out

    headlines = [{"id": a.id, "href": article_href(a.id), "outlet": a.outlet, "source": source_of.get(a.id, label(a)),
                  "title": a.title, "published": a.published, "url": a.url, "url_safe": safe_url(a.url),
                  "duplicate_of": a.duplicate_of, "word_count": a.word_count,
                  "outlet_href": outlet_href(a.outlet) if a.outlet else None,
                  "score": round(member[a.id].score, 3) if a.id in member else None,
                  "flagged": a.id in flagged,
                  "shared_terms": member[a.id].shared_terms[:8] if a.id in member else []}
                 for a in articles]
    sources = [{**s, "href": article_href(s["key"]), "outlet_href": outlet_href(s["outlet"]) if s["outlet"] else None,
                "pct": round(100 * s["share"]) if s["share"] is not None else None,
                "alone_pct": round(100 * s["alone"] / len(view["facts"])) if view["facts"] else 0}
               for s in view["sources"]]
    columns = [s["label"] for s in view["sources"]]
    columns += list(dict.fromkeys(n for f in view["facts"] for n in f["sources"] if n not in columns))
    facts = []
    for f in view["facts"]:
        evs = ev(f["evidence"])
        by_source: dict[Any, list[dict[str, Any]]] = {}
        for e in evs:
            by_source.setdefault(e["outlet"], []).append(e)
        cells = []
        for o in columns:
            mark = ("reports" if o in f["sources"] else
                    "left_out" if f["left_out"] is not None and o in f["left_out"] else "absent")
            cells.append({"outlet": o, "mark": mark, "evidence": by_source.get(o, [])})
        facts.append({"text": f["text"], "consensus": f["consensus"], "single_source": len(f["keys"]) == 1,
                      "outlets": f["sources"], "left_out_by": f["left_out"], "cells": cells, "evidence": evs})

    def variants(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"text": v["text"], "outlets": v["sources"], "evidence": ev(v["evidence"])} for v in items]

    conflicts = [{"kind": c["kind"], "about": c["about"], "variants": variants(c["variants"])} for c in view["conflicts"]]
    precision = [{"about": c["about"], "variants": variants(c["variants"])} for c in view["precision"]]
    quotes = [{"speaker": x["speaker"], "heading": x["heading"], "same_speaker": x["same_speaker"],
               "variants": variants(x["variants"])}
              for x in view["quotes"]]
    loaded = []
    for t in view["loaded"]:
        e = ev([{"article": t.get("article"), "quote": t.get("quote")}])[0]
        word = _term_span(t, texts.get(t.get("article")))
        if word:        # the link highlights the word itself, not its sentence
            e.update(found=True, href=article_href(t.get("article"), word))
        loaded.append({"term": t.get("term"), "outlet": t["source"], "category": t.get("category"),
                       "voice": t.get("voice") or "own", "speaker": t.get("speaker"), "field": t.get("field") or "text",
                       **{k: e[k] for k in ("article", "quote", "found", "href")}})
    events = [{**e, "evidence": ev(e["evidence"])} for e in view["timeline"]["events"]]
    chart = charts.timeline_chart(events, view["timeline"]["publications"])
    placed = {id(e) for e in chart["numbered"]} if chart else set()
    for e in events:                       # plain JSON from here on
        e["day"] = e["day"].isoformat() if e["day"] else None
    summary = [{"sentence": s.get("sentence"), "sources": ev(s.get("sources"))} for s in view["summary"]]
    brief = [{"sentence": s.get("sentence"), "sources": ev(s.get("sources")), "voice": s.get("voice") or "outlet"}
             for s in sj["brief"]]
    edges = view["cites"]["edges"]
    graph = charts.cites_graph(edges)
    if graph:
        for n in graph["sources"]:
            n["href"] = outlet_href(n["name"]) if n["name"] in {s["outlet"] for s in view["sources"]} else None
        for n in graph["targets"]:
            n["href"] = link(n["name"]) if not n["name"].startswith("anonymous") else None
    dated = sorted(view["timeline"]["publications"], key=lambda p: (p["published"] is None, p["published"] or ""))
    return {
        "page": "story", "story": sj, "id": st.id, "title": view["title"],
        "outlets": columns[:len(view["sources"])], "source_count": len(view["sources"]),
        "outlet_links": [{"name": s["label"], "href": s["outlet_href"] or s["href"]} for s in sources],
        "sources": sources, "summary": summary, "headlines": headlines, "notes": view["notes"],
        "canonical": {a.id: (a.duplicate_of or a.id) for a in articles}, "compared": compared,
        "facts": facts, "fact_outlets": columns,
        "all_report": [x for x, f in zip(facts, view["facts"]) if f["consensus"]],
        "only_some": [{"label": o["label"], "alone": o["alone"], "count": o["count"],
                       "facts": [{"text": f["text"], "others": [n for n in f["sources"] if n != o["label"]],
                                  "evidence": [e for e in ev(f["evidence"]) if e["outlet"] == o["label"]]}
                                 for f in o["facts"]]} for o in view["only_some"]],
        "conflicts": conflicts, "precision": precision, "quotes": quotes,
        "naming": {"outlets": columns[:len(view["sources"])],
                   "rows": [{"entity": n["entity"], "cells": [{"outlet": c["label"], "names": c["names"]}
                                                              for c in n["by_source"]]} for n in view["naming"]]},
        "loaded_terms": loaded, "numbers": [{**n, "outlets": n["sources"]} for n in view["numbers"]],
        "timeline": events, "timeline_chart": chart,
        "background": [e for e in events if id(e) not in placed],
        "brief": brief,
        "coverage": [{"published": p["published"], "human": p["human"], "outlet": p["label"],
                      "href": article_href(p["key"])} for p in dated],
        "cites": {"source": "comparison" if view["cites"]["from_comparison"] else "articles",
                  "edges": [{"from": e["from"], "to": e["to"], "articles": e["count"], "kind": e["kind"]}
                            for e in edges], "graph": graph},
        "flagged": [h for h in headlines if h["flagged"]],
        "storyline": _storyline(store, st.id),
    }


STORY_CSV_COLUMNS = ("section", "item", "detail", "sources", "evidence")


def story_csv(ctx: dict[str, Any]) -> str:
    """The story as CSV, one row per cell a spreadsheet wants: each fact × each source (reports / left out /
    absent, with its quote), each conflict's variants, each quote's wordings."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["section", "item", "source", "value", "quote", "article"])
    for f in ctx["facts"]:
        for c in f["cells"]:
            e = c["evidence"][0] if c["evidence"] else {}
            w.writerow(["fact", _cell(f["text"]), _cell(c["outlet"]), c["mark"].replace("_", " "),
                        _cell(e.get("quote")), e.get("article") or ""])
    for c in ctx["conflicts"]:
        for v in c["variants"]:
            e = v["evidence"][0] if v["evidence"] else {}
            w.writerow(["conflict", _cell(f"{c['kind']}: {c['about']}"), _cell("; ".join(v["outlets"])),
                        _cell(v["text"]), _cell(e.get("quote")), e.get("article") or ""])
    for q in ctx["quotes"]:
        for v in q["variants"]:
            e = v["evidence"][0] if v["evidence"] else {}
            w.writerow(["quote", _cell(q["speaker"]), _cell("; ".join(v["outlets"])), _cell(v["text"]),
                        _cell(e.get("quote")), e.get("article") or ""])
    return out.getvalue()


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet shows as text: one starting with = + - @ (a formula) gets a leading '."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


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
    for section, label in (("conflicts", "conflict"), ("precision", "figure"), ("quotes", "quote")):
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
        word = _term_span(term, text) if term.get("article") == article_id else None
        if word:
            out.append({"start": word[0], "end": word[1], "kind": "loaded", "note": f"loaded term: {term.get('term')}"})
        elif (term.get("field") or "text") == "text":
            add(term, "loaded", f"loaded term: {term.get('term')}")
    return out


def _term_span(term: dict[str, Any], text: str | None) -> tuple[int, int] | None:
    """The offsets of a loaded term in its article's text, when the report gives them and they still
    point at the term (a report of an older version gives none: its sentence is shown instead)."""
    start, end = term.get("start"), term.get("end")
    if (text is None or (term.get("field") or "text") != "text" or not isinstance(start, int)
            or not isinstance(end, int) or not 0 <= start < end <= len(text) or text[start:end] != term.get("term")):
        return None
    return start, end


def article(store: Any, article_id: str, *, hl: str | None = None, diff_with: str | None = None) -> dict[str, Any]:
    a = store.get_article(article_id)
    if a is None:
        raise WebError(404, f"no article {article_id!r} in this store", "article_not_found")
    try:
        target = spans.parse_span(hl, len(a.text))
        problem = None
    except spans.OutOfText as exc:     # a well-formed span this text does not have (an old link): shown unmarked
        target, problem = None, str(exc)
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
        "highlight_problem": problem,
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
        "diff_choices": [{"id": o.id, "label": f"{label(o)} — {o.title or o.id}",
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

