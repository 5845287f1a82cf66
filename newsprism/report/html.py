"""HTML rendering of a ``newsprism/1`` report. Every value from an article is escaped:
article text is hostile input (no markup, script or attribute from it reaches the page)."""

from __future__ import annotations

from html import escape
from typing import Any

CSS = """body{font:15px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
h2{border-bottom:2px solid #ccc;padding-bottom:.2rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}
td,th{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}th{background:#f4f4f4}
blockquote{margin:.2rem 0 .2rem 1rem;color:#555;border-left:3px solid #ddd;padding-left:.5rem}
.tag{font-size:.8em;background:#eef;border-radius:3px;padding:0 .3rem}mark{background:#fde68a}
.src{font-size:.8em;color:#666}"""


def e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _mark(quote: str, term: str) -> str:
    i = quote.lower().find(term.lower())
    if i < 0:
        return e(quote)
    return e(quote[:i]) + "<mark>" + e(quote[i:i + len(term)]) + "</mark>" + e(quote[i + len(term):])


def render_html(report: dict[str, Any]) -> str:
    arts = {a["id"]: a for a in report.get("articles", [])}
    short = {aid: (a.get("outlet") or a.get("source", aid).rsplit("/", 1)[-1]) for aid, a in arts.items()}
    h = ["<!doctype html><html lang=en><head><meta charset=utf-8>",
         "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; style-src 'unsafe-inline'\">",
         f"<title>newsprism report</title><style>{CSS}</style></head><body>",
         f"<h1>newsprism report</h1><p>{len(arts)} article(s), {len(report.get('stories', []))} story(ies), "
         f"{len(report.get('errors', []))} error(s).</p>"]
    lines = {line["id"]: line for line in report.get("storylines", [])}
    titles = {s["id"]: s.get("title") or s["id"] for s in report.get("stories", [])}
    for story in report.get("stories", []):
        h.append(f"<section><h2>{e(story.get('title'))}</h2><p class=src>story {e(story['id'])} · outlets: "
                 f"{e(', '.join(story.get('outlets', [])) or 'none stated')}</p>")
        line = lines.get(story.get("storyline") or "")
        if line:
            others = "; ".join(f"<i>{e(titles.get(sid, sid))}</i>" for sid in line["stories"] if sid != story["id"])
            h.append(f"<p class=src>Part of the storyline <b>{e(line['title'])}</b>, with: {others}</p>")
        if story.get("brief"):
            h.append("<h3>Brief</h3><ul>")
            for s in story["brief"]:
                srcs = ", ".join(sorted({short.get(x["article"], x["article"]) for x in s["sources"]}))
                h.append(f"<li>{e(s['sentence'])} <span class=src>[{e(srcs)}]</span></li>")
            h.append("</ul>")
        if story.get("facts"):
            h.append("<h3>Facts</h3><table><tr><th>fact</th><th>outlets</th><th>status</th><th>left out by</th></tr>")
            for f in story["facts"]:
                status = "consensus" if f["consensus"] else ("single source" if f.get("single_source") else "shared")
                h.append(f"<tr><td>{e(f['text'])}</td><td>{e(', '.join(f['outlets']))}</td>"
                         f"<td><span class=tag>{status}</span></td><td>{e(', '.join(f.get('left_out_by', [])))}</td></tr>")
            h.append("</table>")
        if story.get("conflicts"):
            h.append("<h3>Conflicts</h3><ul>")
            for c in story["conflicts"]:
                h.append(f"<li><span class=tag>{e(c['kind'])}</span> {e(c['about'])}<ul>")
                for v in c["variants"]:
                    h.append(f"<li><b>{e(v['value'])}</b> — {e(', '.join(v['outlets']))}"
                             f"<blockquote>{e(v['evidence'][0]['quote'])}</blockquote></li>")
                h.append("</ul></li>")
            h.append("</ul>")
        if story.get("quotes"):
            h.append("<h3>Quotes</h3><ul>")
            for q in story["quotes"]:
                h.append(f"<li><b>{e(q['speaker'])}</b><ul>")
                for v in q["variants"]:
                    how = ", ".join(sorted({a.get("verb") or "?" for a in v.get("attribution", [])}))
                    h.append(f"<li>“{e(v.get('text', v.get('value')))}” — {e(', '.join(v['outlets']))} "
                             f"<span class=src>({e(how)})</span></li>")
                h.append("</ul></li>")
            h.append("</ul>")
        if story.get("naming"):
            h.append("<h3>Naming</h3><table><tr><th>person</th><th>outlet</th><th>called</th></tr>")
            for n in story["naming"]:
                for outlet, forms in n["by_outlet"].items():
                    h.append(f"<tr><td>{e(n['entity'])}</td><td>{e(outlet)}</td><td>{e('; '.join(forms))}</td></tr>")
            h.append("</table>")
        if story.get("loaded_terms"):
            h.append("<h3>Loaded terms</h3>")
            for voice, heading in (("own", "In the outlets' own words"), ("quoted", "In words the outlets quote")):
                terms = [t for t in story["loaded_terms"] if (t.get("voice") or "own") == voice]
                if not terms:
                    continue
                h.append(f"<h4>{heading}</h4><table><tr><th>term</th><th>outlet</th><th>speaker</th><th>in context</th></tr>")
                for t in terms:
                    where = "headline: " if t.get("field") == "title" else ""
                    h.append(f"<tr><td>{e(t['term'])} <span class=tag>{e(t.get('category'))}</span></td>"
                             f"<td>{e(t['outlet'])}</td><td>{e(t.get('speaker') or '')}</td>"
                             f"<td>{where}{_mark(t['quote'], t['term'])}</td></tr>")
                h.append("</table>")
        if story.get("numbers"):
            h.append("<h3>Numbers</h3><table><tr><th>value</th><th>normalised</th><th>unit</th><th>about</th><th>outlets</th></tr>")
            for n in story["numbers"]:
                h.append(f"<tr><td>{e(n['value'])}</td><td>{e(n['normalized'])}</td><td>{e(n['unit'])}</td>"
                         f"<td>{e(n['about'])}</td><td>{e(', '.join(n['outlets']))}</td></tr>")
            h.append("</table>")
        if story.get("timeline"):
            h.append("<h3>Timeline</h3><table><tr><th>date</th><th>event</th><th>outlets</th></tr>")
            for t in story["timeline"]:
                h.append(f"<tr><td>{e(t['date'])}<br><span class=src>{e(', '.join(t.get('expressions', [])))}</span></td>"
                         f"<td>{e(t['text'])}</td><td>{e(', '.join(t.get('outlets', [])))}</td></tr>")
            h.append("</table>")
        edges = (story.get("citations") or {}).get("edges", [])
        if edges:
            h.append("<h3>Who cites whom</h3><ul>")
            for c in edges:
                h.append(f"<li>{e(c['from'])} → <b>{e(c['to'])}</b> <span class=tag>{e(c['kind'])}</span> "
                         f"<span class=src>{e(', '.join(c['verbs']))}</span></li>")
            h.append("</ul>")
        h.append("</section>")
    h.append("</body></html>")
    return "\n".join(h) + "\n"
