"""Markdown rendering of a ``newsprism/1`` report: one section per story, summary first, for a person to read.

Each story is walked once by :func:`newsprism.report.sections.reader_view`, the same walk the web page and
the HTML report render.
"""

from __future__ import annotations

import re
from typing import Any

from newsprism.report.sections import LOADED_VOICES, reader_view


def _esc(text: Any) -> str:
    """Article content is data: neutralise Markdown and HTML syntax inside it."""
    s = " ".join(str(text if text is not None else "").split())
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]()#+!|~])", r"\\\1", s)


def _names(names: list[str]) -> str:
    return ", ".join(_esc(n) for n in names)


def _cited(sentence: dict[str, Any], label: dict[str, str]) -> str:
    """The sources a brief or summary sentence cites, by outlet label, as a subscript ("" when it cites none)."""
    names = sorted({label.get(x["article"], x["article"]) for x in sentence.get("sources") or [] if x.get("article")})
    return f"<sub>[{_names(names)}]</sub>" if names else ""


def _differing(items: list[dict[str, Any]], tagged: bool) -> list[str]:
    """Conflicts (with their kind) and differences of precision: each item's values, who gives them, a quote."""
    out = []
    for c in items:
        out.append(f"- **{_esc(c['kind'])}** — {_esc(c['about'])}" if tagged else f"- {_esc(c['about'])}")
        for var in c["variants"]:
            quote = var["evidence"][0]["quote"] if var["evidence"] else ""
            out.append(f"  - *{_esc(var['text'])}* ({_names(var['sources'])}): “{_esc(quote)}”")
    return out


def render_markdown(report: dict[str, Any]) -> str:
    arts = report.get("articles", [])
    out = [f"# newsprism report ({_esc(report.get('format'))})", "",
           f"{len(arts)} article(s), {len(report.get('stories', []))} story(ies), "
           f"{len(report.get('errors', []))} error(s).", ""]
    lines = {line["id"]: line for line in report.get("storylines", [])}
    titles = {s["id"]: s.get("title") or s["id"] for s in report.get("stories", [])}
    for story in report.get("stories", []):
        v = reader_view(story, arts)
        sources = v["sources"]
        out += [f"## {_esc(v['title'])}", "",
                f"Story `{_esc(story['id'])}` — {len(sources)} source(s): {_names([s['label'] for s in sources])}; "
                f"{len(story.get('articles', []))} article(s).", ""]
        line = lines.get(story.get("storyline") or "")
        if line:
            others = [titles.get(sid, sid) for sid in line["stories"] if sid != story["id"]]
            out += [f"Part of the storyline *{_esc(line['title'])}*, with: "
                    + "; ".join(f"*{_esc(t)}*" for t in others) + ".", ""]
        if v["notes"]:
            out += [f"> Note: {_esc(n)}" + ("  " if i < len(v["notes"]) - 1 else "") for i, n in enumerate(v["notes"])]
            out.append("")
        label = {a: s["label"] for s in sources for a in s["articles"]}
        if v["summary"]:
            out += ["### Summary", "", " ".join(f"{_esc(s['sentence'])} {_cited(s, label)}".rstrip()
                                                for s in v["summary"]), ""]
        if sources:
            # country and lean come from outlet profiles the user supplies: no empty columns without them
            profiled = any(s["profile"].get("country") or s["profile"].get("lean") for s in sources)
            out += ["### Coverage", "", "| source | " + ("country | lean | " if profiled else "")
                    + "facts reported | only this source |", "|---|" + ("---|---|" if profiled else "") + "---|---|"]
            for s in sources:
                share = f"{s['facts']} of {len(v['facts'])}" if v["facts"] else "–"
                profile = (f"{_esc(s['profile'].get('country', ''))} | {_esc(s['profile'].get('lean', ''))} | "
                           if profiled else "")
                out.append(f"| {_esc(s['label'])} | {profile}{share} | {s['alone'] if v['facts'] else '–'} |")
            out.append("")
        if v["all_report"]:
            out += ["### What all report", ""] + [f"- {_esc(f['text'])}" for f in v["all_report"]] + [""]
        if any(o["facts"] for o in v["only_some"]):
            out += ["### What only some report", ""]
            for o in v["only_some"]:
                if o["facts"]:
                    out.append(f"- **{_esc(o['label'])}** ({o['count']}, {o['alone']} only here)")
                    out += [f"  - {_esc(f['text'])}" for f in o["facts"][:30]]
            out.append("")
        if v["conflicts"]:
            out += ["### Where they differ", "", *_differing(v["conflicts"], True), ""]
        if v["precision"]:
            out += ["### Told with different precision", "",
                    "Figures one outlet gives more exactly than another; both may be true.", "",
                    *_differing(v["precision"], False), ""]
        if v["naming"]:
            out += ["### Naming", ""]
            for n in v["naming"]:
                out.append(f"- **{_esc(n['entity'])}**")
                for c in n["by_source"]:
                    out.append(f"  - {_esc(c['label'])}: {'; '.join(_esc(x) for x in c['names'])}")
            out.append("")
        if v["headlines"]:
            out += ["### Headlines", ""] + [f"- {_esc(h['label'])}: {_esc(h['title'] or '(no headline)')}"
                                            for h in v["headlines"]] + [""]
        if v["timeline"]["events"]:
            out += ["### Timeline", ""]
            for e in v["timeline"]["events"]:
                out.append(f"- **{_esc(e['human'])}** ({_names(e['sources'])}): {_esc(e['text'])}")
            out.append("")
        if v["cites"]["edges"]:
            out += ["### Who cites whom", ""]
            for e in v["cites"]["edges"]:
                out.append(f"- {_esc(e['from'])} → **{_esc(e['to'])}** ({_esc(e['kind'])}; {_esc(', '.join(e['verbs']))})")
            out.append("")
        out += _details(v, story)
    return "\n".join(out) + "\n"


def _details(v: dict[str, Any], story: dict[str, Any]) -> list[str]:
    """The full matrix and the rest, after the reader's sections."""
    out: list[str] = []
    facts = v["facts"]
    if facts:
        out += ["### Facts", "", "| fact | sources | consensus | not matched in |", "|---|---|---|---|"]
        for f in facts[:60]:
            out.append(f"| {_esc(f['text'])} | {_names(f['sources'])} | "
                       f"{'yes' if f['consensus'] else ('single source' if len(f['keys']) == 1 else 'no')} | "
                       f"{_names(f['left_out'] or [])} |")
        if len(facts) > 60:
            out.append(f"\n… {len(facts) - 60} more fact(s) in the JSON report.")
        out.append("")
    if v["quotes"]:
        out += ["### Quotes", ""]
        for q in v["quotes"]:
            if not q["same_speaker"]:
                out.append(f"- **{_esc(q['heading'])}**")
            for i, var in enumerate(q["variants"]):      # a second wording of one utterance sits under the first
                # the verbs that give the words (none where the words stand with no verb of saying)
                how = ", ".join(sorted({_esc(a["verb"]) for a in var["attribution"] if a.get("verb")}))
                out.append(f"{'    ' if i else '  '}- “{_esc(var['text'])}” — {_names(var['sources'])}"
                           + (f" ({how})" if how else ""))
        out.append("")
    if v["loaded"]:
        out += ["### Loaded terms", ""]
        for voice, heading in LOADED_VOICES:
            terms = [t for t in v["loaded"] if (t.get("voice") or "own") == voice][:80]
            if not terms:
                continue
            out += [f"{heading}:", "", "| term | source | category | speaker | in context |", "|---|---|---|---|---|"]
            for t in terms:
                where = "headline: " if t.get("field") == "title" else ""
                out.append(f"| **{_esc(t['term'])}** | {_esc(t['source'])} | {_esc(t.get('category', ''))} | "
                           f"{_esc(t.get('speaker') or '')} | {where}{_esc(t.get('quote'))} |")
            out.append("")
    if v["numbers"]:
        out += ["### Numbers", "", "| value | normalised | unit | about | sources |", "|---|---|---|---|---|"]
        for n in v["numbers"]:
            out.append(f"| {_esc(n.get('value'))} | {_esc(n.get('normalized'))} | {_esc(n.get('unit'))} | "
                       f"{_esc(n.get('about'))} | {_names(n['sources'])} |")
        out.append("")
    if story.get("brief"):
        label = {a: s["label"] for s in v["sources"] for a in s["articles"]}
        out += ["### Brief", ""]
        for s in story["brief"]:
            voice = s.get("voice")
            said = f" *(source: {_esc(voice)})*" if voice and voice != "outlet" else ""
            out.append(f"- {_esc(s['sentence'])} {_cited(s, label)}".rstrip() + said)
        out.append("")
    return out
