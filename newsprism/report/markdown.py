"""Markdown rendering of a ``newsprism/1`` report: one section per story, for a person to read."""

from __future__ import annotations

import re
from typing import Any


def _esc(text: Any) -> str:
    """Article content is data: neutralise Markdown and HTML syntax inside it."""
    s = " ".join(str(text if text is not None else "").split())
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]()#+!|~])", r"\\\1", s)


def _cite(ev: list[dict], short: dict[str, str], limit: int = 2) -> str:
    parts = [f"> {_esc(e['quote'])} — *{_esc(short.get(e['article'], e['article']))}*" for e in ev[:limit]]
    more = f"\n> … and {len(ev) - limit} more" if len(ev) > limit else ""
    return "\n>\n".join(parts) + more


def render_markdown(report: dict[str, Any]) -> str:
    arts = {a["id"]: a for a in report.get("articles", [])}
    short = {aid: (a.get("outlet") or a.get("source", aid).rsplit("/", 1)[-1]) for aid, a in arts.items()}
    out = [f"# newsprism report ({_esc(report.get('format'))})", "",
           f"{len(arts)} article(s), {len(report.get('stories', []))} story(ies), "
           f"{len(report.get('errors', []))} error(s).", ""]
    lines = {line["id"]: line for line in report.get("storylines", [])}
    titles = {s["id"]: s.get("title") or s["id"] for s in report.get("stories", [])}
    for story in report.get("stories", []):
        out += [f"## {_esc(story.get('title'))}", "", f"Story `{_esc(story['id'])}` — outlets: "
                + (", ".join(_esc(o) for o in story.get("outlets", [])) or "none stated")
                + f"; {len(story.get('articles', []))} article(s).", ""]
        line = lines.get(story.get("storyline") or "")
        if line:
            others = [titles.get(sid, sid) for sid in line["stories"] if sid != story["id"]]
            out += [f"Part of the storyline *{_esc(line['title'])}*, with: "
                    + "; ".join(f"*{_esc(t)}*" for t in others) + ".", ""]
        if story.get("brief"):
            out += ["### Brief", ""]
            for s in story["brief"]:
                srcs = ", ".join(sorted({_esc(short.get(x["article"], x["article"])) for x in s["sources"]}))
                out.append(f"- {_esc(s['sentence'])} <sub>[{srcs}]</sub>")
            out.append("")
        facts = story.get("facts", [])
        if facts:
            out += ["### Facts", "", "| fact | outlets | consensus | left out by |", "|---|---|---|---|"]
            for f in facts[:60]:
                out.append(f"| {_esc(f['text'])} | {_esc(', '.join(f['outlets']))} | "
                           f"{'yes' if f['consensus'] else ('single source' if f.get('single_source') else 'no')} | "
                           f"{_esc(', '.join(f.get('left_out_by', [])))} |")
            if len(facts) > 60:
                out.append(f"\n… {len(facts) - 60} more fact(s) in the JSON report.")
            out.append("")
        if story.get("conflicts"):
            out += ["### Conflicts", ""]
            for c in story["conflicts"]:
                out.append(f"- **{_esc(c['kind'])}** — {_esc(c['about'])}")
                for v in c["variants"]:
                    out.append(f"  - *{_esc(v['value'])}* ({_esc(', '.join(v['outlets']))}): "
                               f"“{_esc(v['evidence'][0]['quote'])}”")
            out.append("")
        if story.get("quotes"):
            out += ["### Quotes", ""]
            for q in story["quotes"]:
                out.append(f"- **{_esc(q['speaker'])}**")
                for v in q["variants"]:
                    how = ", ".join(sorted({_esc(a.get("verb") or "?") for a in v.get("attribution", [])}))
                    out.append(f"  - “{_esc(v.get('text', v.get('value')))}” — {_esc(', '.join(v['outlets']))} ({how})")
            out.append("")
        if story.get("naming"):
            out += ["### Naming", ""]
            for n in story["naming"]:
                out.append(f"- **{_esc(n['entity'])}**")
                for outlet, forms in n["by_outlet"].items():
                    out.append(f"  - {_esc(outlet)}: {'; '.join(_esc(f) for f in forms)}")
            out.append("")
        if story.get("loaded_terms"):
            out += ["### Loaded terms", ""]
            for voice, heading in (("own", "In the outlets' own words"), ("quoted", "In words the outlets quote")):
                terms = [t for t in story["loaded_terms"] if (t.get("voice") or "own") == voice][:80]
                if not terms:
                    continue
                out += [f"{heading}:", "", "| term | outlet | category | speaker | in context |", "|---|---|---|---|---|"]
                for t in terms:
                    where = "headline: " if t.get("field") == "title" else ""
                    out.append(f"| **{_esc(t['term'])}** | {_esc(t['outlet'])} | {_esc(t.get('category', ''))} | "
                               f"{_esc(t.get('speaker') or '')} | {where}{_esc(t['quote'])} |")
                out.append("")
        if story.get("numbers"):
            out += ["### Numbers", "", "| value | normalised | unit | about | outlets |", "|---|---|---|---|---|"]
            for n in story["numbers"]:
                out.append(f"| {_esc(n['value'])} | {_esc(n['normalized'])} | {_esc(n['unit'])} | {_esc(n['about'])} | "
                           f"{_esc(', '.join(n['outlets']))} |")
            out.append("")
        if story.get("timeline"):
            out += ["### Timeline", ""]
            for e in story["timeline"]:
                out.append(f"- **{_esc(e['date'])}** ({_esc(', '.join(e.get('expressions', [])))}; "
                           f"{_esc(', '.join(e.get('outlets', [])))}): {_esc(e['text'])}")
            out.append("")
        cites = (story.get("citations") or {}).get("edges", [])
        if cites:
            out += ["### Who cites whom", ""]
            for e in cites:
                out.append(f"- {_esc(e['from'])} → **{_esc(e['to'])}** ({_esc(e['kind'])}; {_esc(', '.join(e['verbs']))})")
            out.append("")
    return "\n".join(out) + "\n"
