"""One walk over a story's sections, in the order a reader wants them; the web page and the Markdown and HTML
reports all render what :func:`reader_view` returns.

The order is summary first: a neutral title, a short summary, the coverage
of each source; then what every source reports, what only some report (per
source), where they differ, how each names the people, the headlines side by
side, a timeline, who cites whom; the full matrix and the raw details last.

A *source* is one article and its copies (a duplicate group), named by its
label; the comparison's own outlet names (``facts[].outlets`` …) are mapped
back to sources through every name the group's articles go by and through the
articles its evidence cites, so the same four sources count everywhere.
Everything here reads the ``newsprism/1`` story and article dicts only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import PurePath
from typing import Any

from newsprism.compare.summary import summarize
from newsprism.compare.whole import untied

#: the one node of "who cites whom" that stands for every unnamed source ("sources familiar with the call")
ANONYMOUS = "unnamed sources"
#: loaded terms are shown in two groups: the outlet's own words, then words it quotes
LOADED_VOICES = (("own", "In the outlets' own words"), ("quoted", "In words the outlets quote"))
#: facts shown under "what all report" before the rest go behind a "more" expander
ALL_REPORT_SHOWN = 6
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def default_label(a: dict[str, Any]) -> str:
    """The outlet, else a short label from the source's file name or URL (at most 30 characters)."""
    if a.get("outlet"):
        return str(a["outlet"])
    name = PurePath(str(a.get("source") or a.get("id") or "")).name or str(a.get("id"))
    return name if len(name) <= 30 else name[:29] + "…"


def parse_day(value: Any) -> date | None:
    m = _DAY.match(str(value or ""))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _stretch(a: date, b: date) -> str:
    """How long a period that runs up to its article's day is, in the words it was given in: "year",
    "3 months", "week", "10 days"."""
    months = (b.year - a.year) * 12 + b.month - a.month
    if a.day == b.day and months:
        if months % 12 == 0:
            return "year" if months == 12 else f"{months // 12} years"
        return "month" if months == 1 else f"{months} months"
    days = (b - a).days
    if days % 7 == 0 and days:
        return "week" if days == 7 else f"{days // 7} weeks"
    return "day" if days == 1 else f"{days} days"


def human_date(value: Any, *, year_of: int | None = None, kind: str | None = None) -> str:
    """A date for a person: "Thu 27 Nov" (the year added when it is not ``year_of``); ranges as "2024" or
    "Nov 2025"; anything else as given. A period that runs up to the article's day says so and claims no
    more precision than its words: "since Sep (to Fri 28 Nov)" ("since September"), "the past year (to Fri
    28 Nov)" ("over the past year", not "Thu 28 Nov 2024 – Fri 28 Nov")."""
    text = str(value or "")
    if "/" in text:
        start, _, end = text.partition("/")
        a, b = parse_day(start), parse_day(end)
        if a and b and kind == "duration":
            return f"the past {_stretch(a, b)} (to {human_date(end, year_of=year_of)})"
        if a and b and kind == "since":
            since = (str(a.year) if (a.month, a.day) == (1, 1) else a.strftime("%b") if a.day == 1
                     else human_date(start, year_of=b.year))
            if a.day == 1 and a.year != b.year and (a.month, a.day) != (1, 1):
                since += f" {a.year}"
            return f"since {since} (to {human_date(end, year_of=year_of)})"
        if a and b:
            if a.year == b.year and (a.month, a.day, b.month, b.day) == (1, 1, 12, 31):
                return str(a.year)
            if (a.year, a.month) == (b.year, b.month) and a.day == 1:
                return a.strftime("%b %Y")     # a month, or part of one from its start ("earlier this month")
            return f"{human_date(start, year_of=year_of)} – {human_date(end, year_of=year_of)}"
    d = parse_day(text)
    if d is None:
        return text or "date unknown"
    out = f"{d.strftime('%a')} {d.day} {d.strftime('%b')}"
    return out if year_of is None or d.year == year_of else f"{out} {d.year}"


_PRONOUN = re.compile(r"^(?:he|she|they|it|i|we|you|his|her|their)\b", re.I)
_WORDS = re.compile(r"[^\W_]+")


def _same_words(a: str, b: str) -> bool:
    """Whether one text's words run inside the other's, case and punctuation aside: a fact's shown text is its
    sentence with a setting cut or a pronoun named in brackets ("[Trump]"), still that sentence."""
    x = " ".join(w.lower() for w in _WORDS.findall(re.sub(r"\[[^\]]*\]", " ", a)))
    y = " ".join(w.lower() for w in _WORDS.findall(re.sub(r"\[[^\]]*\]", " ", b)))
    return bool(x and y) and (x in y or y in x)


def in_own_words(fact: dict[str, Any], articles: set[str]) -> dict[str, Any]:
    """A fact as one source's list shows it: in that source's own sentence (its first evidence), not in the
    wording of the outlet the fact is shown in, which may carry details this source never wrote (on the seeds,
    CubaHeadlines' "… whom Washington has repeatedly deemed illegitimate" under 004). The fact's shown text stays
    where it is this source's sentence; ``evidence`` keeps the source's own spans, ``fact_text`` the fact's text."""
    mine = [e for e in fact["evidence"] if e.get("article") in articles]
    text = fact["text"]
    if mine and not any(_same_words(str(text or ""), str(e.get("quote") or "")) for e in mine):
        # read out of its place, without a word that ties it to the sentence before ("However, …")
        text = untied(" ".join(str(mine[0].get("quote") or "").split())) or text
    return {**fact, "text": text, "fact_text": fact["text"], "evidence": mine or fact["evidence"]}


def _quote_heading(q: dict[str, Any]) -> str:
    """Who a quote is given to, for a reader: the speaker; an unnamed one with how the articles describe them
    ("unnamed (“a senior administration official”)"), at most two descriptions, pronouns left out."""
    speaker = str(q.get("speaker") or "unnamed")
    if speaker != "unnamed":
        return speaker
    said = [a.get("speaker_as_written") for v in q["variants"] for a in v.get("attribution") or []]
    described = list(dict.fromkeys(" ".join(str(x).split()) for x in said if x and not _PRONOUN.match(str(x))))[:2]
    return f"unnamed ({', '.join(f'“{d}”' for d in described)})" if described else speaker


def reader_view(story: dict[str, Any], articles: list[dict[str, Any]], *,
                label: Callable[[dict[str, Any]], str] = default_label,
                profiles: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The story's sections for a reader (see the module docstring); ``articles`` are its members' dicts."""
    profiles = profiles or {}
    members = [a for a in articles if a.get("id") in set(story.get("articles") or [a["id"] for a in articles])]
    by_id = {a["id"]: a for a in members}
    groups: dict[str, list[dict[str, Any]]] = {}
    for a in members:
        root = a.get("duplicate_of") if a.get("duplicate_of") in by_id else a["id"]
        groups.setdefault(root, []).append(a)
    for root in groups:                               # the canonical copy first
        groups[root].sort(key=lambda a: a["id"] != root)

    sources: list[dict[str, Any]] = []
    alias: dict[str, str] = {}
    key_of_article: dict[str, str] = {}
    for root, copies in groups.items():
        named = next((a for a in copies if a.get("outlet")), copies[0])
        name = label(named)
        outlet = named.get("outlet")
        profile = profiles.get(outlet or "") or profiles.get(name) or {}
        dates = sorted(a["published"] for a in copies if a.get("published"))
        sources.append({"key": root, "label": name, "outlet": outlet, "articles": [a["id"] for a in copies],
                        "title": next((a.get("title") for a in copies if a.get("title")), None),
                        "published": dates[0] if dates else None,
                        "url": next((a.get("url") for a in copies if a.get("url")), None),
                        "words": max((a.get("word_count") or 0) for a in copies),
                        "profile": {k: profile[k] for k in ("country", "lean", "owner") if profile.get(k)}})
        for a in copies:
            key_of_article[a["id"]] = root
            for n in (label(a), a.get("outlet"), f"unknown outlet ({PurePath(str(a.get('source') or '')).name or a['id']})"):
                if n:
                    alias.setdefault(str(n), root)
        alias[name] = root
    label_of = {s["key"]: s["label"] for s in sources}

    def keys(names: list[Any] | None, evidence: list[dict[str, Any]] | None = None) -> list[str]:
        found = [alias.get(str(n), str(n)) for n in names or []]
        found += [key_of_article[e["article"]] for e in evidence or [] if e.get("article") in key_of_article]
        return list(dict.fromkeys(found))

    def named(ks: list[str]) -> list[str]:
        return [label_of.get(k, k) for k in ks]

    total = len(sources)
    facts = []
    for f in story.get("facts") or []:
        ks = keys(f.get("outlets"), f.get("evidence"))
        facts.append({"text": f.get("text"), "keys": ks, "sources": named(ks), "evidence": f.get("evidence") or [],
                      "consensus": bool(f.get("consensus")) or (total > 1 and all(s["key"] in ks for s in sources)),
                      "left_out": named(keys(f.get("left_out_by"))) if f.get("left_out_by") is not None else None})
    all_report = [f for f in facts if f["consensus"]]
    only_some = []
    for s in sources:
        own: list[dict[str, Any]] = []
        for f in facts:
            if f["consensus"] or s["key"] not in f["keys"]:
                continue
            f = in_own_words(f, set(s["articles"]))
            same = next((o for o in own if o["text"] == f["text"]), None)
            if same is None:
                own.append({**f, "facts": 1})
            else:      # one sentence of this source in two facts: listed once, with the sources of both
                same["keys"] = list(dict.fromkeys(same["keys"] + f["keys"]))
                same["sources"] = named(same["keys"])
                same["facts"] += 1
        own.sort(key=lambda f: len(f["keys"]))
        only_some.append({"key": s["key"], "label": s["label"], "facts": own, "count": sum(f["facts"] for f in own),
                          "alone": sum(f["keys"] == [s["key"]] for f in facts)})
    for s in sources:
        s["facts"] = sum(s["key"] in f["keys"] for f in facts)
        s["alone"] = sum(f["keys"] == [s["key"]] for f in facts)
        s["share"] = round(s["facts"] / len(facts), 3) if facts else None

    def variants(items: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
        out = []
        for v in items or []:
            ks = keys(v.get("outlets"), v.get("evidence"))
            out.append({"text": str(v.get("text") if v.get("text") is not None else v.get("value", "")),
                        "keys": ks, "sources": named(ks), "evidence": v.get("evidence") or [],
                        "attribution": v.get("attribution") or []})
        return out

    conflicts = [{"kind": c.get("kind"), "about": c.get("about"), "variants": variants(c.get("variants"))}
                 for c in story.get("conflicts") or []]
    precision = [{"kind": c.get("kind"), "about": c.get("about"), "variants": variants(c.get("variants"))}
                 for c in story.get("precision") or []]
    quotes = [{"speaker": q.get("speaker"), "variants": variants(q.get("variants"))} for q in story.get("quotes") or []]
    for q in quotes:
        q["heading"] = _quote_heading(q)
    for before, q in zip([None, *quotes], quotes):      # the stage puts one speaker's quotes together: one heading
        q["same_speaker"] = before is not None and before["heading"] == q["heading"]
    naming = []
    for n in story.get("naming") or []:
        by = {}
        for o, names in (n.get("by_outlet") or {}).items():
            by.setdefault(alias.get(str(o), str(o)), []).extend(x for x in names or [] if x)
        naming.append({"entity": n.get("entity"),
                       "by_source": [{"key": k, "label": label_of.get(k, k), "names": list(dict.fromkeys(v))}
                                     for k, v in by.items()]})
    loaded = [{**t, "source": label_of.get(key_of_article.get(t.get("article"), ""), t.get("outlet"))}
              for t in story.get("loaded_terms") or []]
    numbers = [{**n, "sources": named(keys(n.get("outlets"), n.get("evidence")))} for n in story.get("numbers") or []]

    latest = max((d for s in sources if (d := parse_day(s["published"]))), default=None)
    events = []
    for e in story.get("timeline") or []:
        ks = keys(e.get("outlets"), e.get("evidence"))
        raw = str(e.get("date") or "")
        start, _, end = raw.partition("/")
        events.append({"date": raw, "human": human_date(raw, year_of=latest.year if latest else None,
                                                        kind=e.get("kind")),
                       "day": parse_day(start) if not end or start == end else None,
                       "text": e.get("text"), "keys": ks, "sources": named(ks), "evidence": e.get("evidence") or []})
    publications = [{"key": s["key"], "label": s["label"], "published": s["published"],
                     "day": parse_day(s["published"]),
                     "human": human_date(s["published"], year_of=latest.year if latest else None)}
                    for s in sources]

    cites = _citations(story, alias, label_of, members)
    brief = story.get("brief") or []
    return {
        # the neutral title the compare stage stored (newsprism.compare.title), the same in every view
        "id": story.get("id"), "title": story.get("title"),
        "summary": summarize(brief, sources=len(sources)),
        # why parts of the comparison are empty or thin ("one outlet only", "no brief: …"), as the JSON states them
        "notes": [n.get("message", "") for n in (story.get("citations") or {}).get("notes") or [] if n.get("message")],
        "sources": sources, "facts": facts, "all_report": all_report, "only_some": only_some,
        "conflicts": conflicts, "precision": precision, "quotes": quotes, "naming": naming, "loaded": loaded, "numbers": numbers,
        "timeline": {"events": events, "publications": publications}, "cites": cites,
        "headlines": [{"key": s["key"], "label": s["label"], "title": s["title"], "published": s["published"],
                       "human": human_date(s["published"], year_of=latest.year if latest else None),
                       "url": s["url"], "copies": len(s["articles"]) - 1} for s in sources],
    }


def _citations(story: dict[str, Any], alias: dict[str, str], label_of: dict[str, str],
               members: list[dict[str, Any]]) -> dict[str, Any]:
    """Who cites whom, each edge with its kind (agency, outlet, anonymous, person, official, …)."""
    graph = story.get("citations") or {}
    kinds = {str(n.get("id")): str(n.get("kind") or "source") for n in graph.get("nodes") or []}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    if graph.get("edges"):
        for e in graph["edges"]:
            if not (e.get("from") and e.get("to")):
                continue
            src = label_of.get(alias.get(str(e["from"]), ""), str(e["from"]))
            dst = label_of.get(alias.get(str(e["to"]), ""), str(e["to"]))
            kind = e.get("kind") or kinds.get(str(e["to"]), "source")
            said = list(e.get("verbs") or [])
            if kind == "anonymous":          # one node for the unnamed: "sources familiar with …" each differ
                said = [dst.removeprefix("anonymous: ")]
                dst = ANONYMOUS
            edge = edges.setdefault((src, dst), {"from": src, "to": dst, "kind": kind, "count": 0, "verbs": []})
            edge["count"] += max(1, len(e.get("evidence") or []))
            edge["verbs"] = list(dict.fromkeys([*edge["verbs"], *said]))
    else:
        for a in members:
            if a.get("duplicate_of") is None:
                src = label_of.get(alias.get(str(a.get("outlet")), a["id"]), a["id"])
                for cited in dict.fromkeys(a.get("cites") or []):
                    edge = edges.setdefault((src, cited), {"from": src, "to": cited, "kind": "cited", "count": 0,
                                                           "verbs": []})
                    edge["count"] += 1
    return {"from_comparison": bool(graph.get("edges")), "edges": list(edges.values())}
