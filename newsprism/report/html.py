"""HTML rendering of a ``newsprism/1`` report: one static page, summary first, with a table of contents; every
citation links to the cited sentence, kept verbatim under its source at the end of its story.

Every value from an article is escaped: article text is hostile input (no markup, script or attribute from it
reaches the page), and the page forbids every script by its own Content-Security-Policy.
"""

from __future__ import annotations

from html import escape
from typing import Any

from newsprism.report.sections import LOADED_VOICES, reader_view

CSS = """body{font:15px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
h2{border-bottom:2px solid #ccc;padding-bottom:.2rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}
td,th{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}th{background:#f4f4f4}
blockquote{margin:.2rem 0 .2rem 1rem;color:#555;border-left:3px solid #ddd;padding-left:.5rem}
.tag{font-size:.8em;background:#eef;border-radius:3px;padding:0 .3rem}mark{background:#fde68a}
.src{font-size:.8em;color:#666}a.c{font-size:.75em;vertical-align:super;text-decoration:none}
nav.toc{background:#f7f7f9;border:1px solid #ddd;padding:.5rem 1rem}nav.toc ol{margin:.2rem 0}
.bar{display:inline-block;height:.7em;background:#7da4d8}.cited:target{background:#fde68a}
li.cited{margin:.2rem 0}.scroll{overflow-x:auto}"""

SECTIONS = (("summary", "Summary"), ("coverage", "Coverage"), ("all", "What all report"),
            ("some", "What only some report"), ("conflicts", "Where they differ"), ("naming", "Naming"),
            ("headlines", "Headlines"), ("timeline", "Timeline"), ("cites", "Who cites whom"),
            ("facts", "Facts"), ("quotes", "Quotes"), ("loaded", "Loaded terms"), ("passages", "Cited passages"))


def e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _mark(quote: str, term: str) -> str:
    i = quote.lower().find(term.lower())
    if i < 0:
        return e(quote)
    return e(quote[:i]) + "<mark>" + e(quote[i:i + len(term)]) + "</mark>" + e(quote[i + len(term):])


class _Citations:
    """Numbers each cited passage of a story once; ``link`` gives the superscript links to them."""

    def __init__(self, prefix: str, label: dict[str, str]) -> None:
        self.prefix, self.label = prefix, label
        self.passages: dict[tuple[str, str], int] = {}

    def link(self, evidence: list[dict[str, Any]], limit: int = 4) -> str:
        parts = []
        for ev in evidence[:limit]:
            key = (str(ev.get("article")), str(ev.get("quote") or ""))
            if not key[1]:
                continue
            n = self.passages.setdefault(key, len(self.passages) + 1)
            parts.append(f'<a class=c href="#{self.prefix}-q{n}" title="{e(self.label.get(key[0], key[0]))}: '
                         f'{e(key[1][:200])}">[{n}]</a>')
        return "".join(parts)

    def html(self) -> str:
        if not self.passages:
            return ""
        rows = sorted(self.passages.items(), key=lambda kv: kv[1])
        items = "".join(f'<li class=cited id="{self.prefix}-q{n}" value="{n}"><blockquote>{e(q)}</blockquote>'
                        f'<span class=src>{e(self.label.get(a, a))} · article {e(a)}</span></li>'
                        for (a, q), n in rows)
        return f'<h3 id="{self.prefix}-passages">Cited passages</h3><ol>{items}</ol>'


def render_html(report: dict[str, Any]) -> str:
    arts = report.get("articles", [])
    stories = report.get("stories", [])
    views = [(f"s{i + 1}", story, reader_view(story, arts)) for i, story in enumerate(stories)]
    h = ["<!doctype html><html lang=en><head><meta charset=utf-8>",
         "<meta name=viewport content=\"width=device-width, initial-scale=1\">",
         "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; style-src 'unsafe-inline'\">",
         f"<title>newsprism report</title><style>{CSS}</style></head><body>",
         f"<h1>newsprism report</h1><p>{len(arts)} article(s), {len(stories)} story(ies), "
         f"{len(report.get('errors', []))} error(s).</p>"]
    if views:
        h.append("<nav class=toc><b>Contents</b><ol>")
        for anchor, _, v in views:
            h.append(f'<li><a href="#{anchor}">{e(v["title"])}</a> <span class=src>({len(v["sources"])} sources)'
                     "</span></li>")
        h.append("</ol></nav>")
    lines = {line["id"]: line for line in report.get("storylines", [])}
    titles = {s["id"]: s.get("title") or s["id"] for s in stories}
    for anchor, story, v in views:
        h += _story(anchor, story, v, lines, titles)
    h.append("</body></html>")
    return "\n".join(h) + "\n"


def _story(anchor: str, story: dict[str, Any], v: dict[str, Any], lines: dict[str, Any],
           titles: dict[str, str]) -> list[str]:
    label = {a: s["label"] for s in v["sources"] for a in s["articles"]}
    cite = _Citations(anchor, label)
    has = {"summary": v["summary"], "coverage": v["sources"], "all": v["all_report"],
           "some": any(o["facts"] for o in v["only_some"]), "conflicts": v["conflicts"], "naming": v["naming"],
           "headlines": v["headlines"], "timeline": v["timeline"]["events"], "cites": v["cites"]["edges"],
           "facts": v["facts"], "quotes": v["quotes"], "loaded": v["loaded"], "passages": True}
    toc = " · ".join(f'<a href="#{anchor}-{k}">{name}</a>' for k, name in SECTIONS if has[k])
    h = [f'<section id="{anchor}"><h2>{e(v["title"])}</h2><p class=src>story {e(story["id"])} · '
         f'{len(v["sources"])} source(s): {e(", ".join(s["label"] for s in v["sources"]))}</p>',
         f"<p class=src>In this story: {toc}</p>"]
    line = lines.get(story.get("storyline") or "")
    if line:
        others = "; ".join(f"<i>{e(titles.get(sid, sid))}</i>" for sid in line["stories"] if sid != story["id"])
        h.append(f"<p class=src>Part of the storyline <b>{e(line['title'])}</b>, with: {others}</p>")
    if v["notes"]:
        h.append("<ul class=src>" + "".join(f"<li>Note: {e(n)}</li>" for n in v["notes"]) + "</ul>")

    def head(key: str, name: str) -> None:
        h.append(f'<h3 id="{anchor}-{key}">{name}</h3>')

    if v["summary"]:
        head("summary", "Summary")
        h.append("<p>" + " ".join(f"{e(s['sentence'])}{cite.link(s.get('sources') or [], 3)}"
                                  for s in v["summary"]) + "</p>")
    if v["sources"]:
        head("coverage", "Coverage")
        # country and lean come from outlet profiles the user supplies: no empty columns without them
        profiled = any(s["profile"].get("country") or s["profile"].get("lean") for s in v["sources"])
        h.append("<table><tr><th>source</th>" + ("<th>country</th><th>lean</th>" if profiled else "")
                 + "<th>facts reported</th><th>only this source</th></tr>")
        for s in v["sources"]:
            bar = f'<span class=bar style="width:{round(100 * (s["share"] or 0))}px"></span> ' if v["facts"] else ""
            profile = (f"<td>{e(s['profile'].get('country'))}</td><td>{e(s['profile'].get('lean'))}</td>"
                       if profiled else "")
            h.append(f"<tr><td>{e(s['label'])}</td>{profile}<td>{bar}{s['facts']} of {len(v['facts'])}</td>"
                     f"<td>{s['alone']}</td></tr>")
        h.append("</table>")
    if v["all_report"]:
        head("all", "What all report")
        h.append("<ul>" + "".join(f"<li>{e(f['text'])}{cite.link(f['evidence'], 2)}</li>" for f in v["all_report"])
                 + "</ul>")
    if has["some"]:
        head("some", "What only some report")
        for o in v["only_some"]:
            if o["facts"]:
                h.append(f"<details><summary><b>{e(o['label'])}</b>: {o['count']} fact(s), {o['alone']} only "
                         "here</summary><ul>")
                h += [f"<li>{e(f['text'])}{cite.link([x for x in f['evidence'] if label.get(x.get('article')) == o['label']], 1)}</li>"
                      for f in o["facts"]]
                h.append("</ul></details>")
    def differing(items: list[dict], tagged: bool) -> None:
        """Conflicts (with their kind) and differences of precision: each item's values and who gives them."""
        h.append("<ul>")
        for c in items:
            tag = f"<span class=tag>{e(c['kind'])}</span> " if tagged else ""
            h.append(f"<li>{tag}{e(c['about'])}<ul>")
            for var in c["variants"]:
                h.append(f"<li><b>{e(var['text'])}</b> — {e(', '.join(var['sources']))}{cite.link(var['evidence'], 2)}</li>")
            h.append("</ul></li>")
        h.append("</ul>")

    if v["conflicts"]:
        head("conflicts", "Where they differ")
        differing(v["conflicts"], True)
    if v["precision"]:
        h.append("<h3>Told with different precision</h3><p>Figures one outlet gives more exactly than another; "
                 "both may be true.</p>")
        differing(v["precision"], False)
    if v["naming"]:
        head("naming", "Naming")
        h.append("<table><tr><th>person</th><th>source</th><th>called</th></tr>")
        for n in v["naming"]:
            for c in n["by_source"]:
                h.append(f"<tr><td>{e(n['entity'])}</td><td>{e(c['label'])}</td><td>{e('; '.join(c['names']))}</td></tr>")
        h.append("</table>")
    if v["headlines"]:
        head("headlines", "Headlines")
        h.append("<ul>" + "".join(f"<li><b>{e(x['label'])}</b>: {e(x['title'] or '(no headline)')} "
                                  f"<span class=src>{e(x['human'])}</span></li>" for x in v["headlines"]) + "</ul>")
    if v["timeline"]["events"]:
        head("timeline", "Timeline")
        h.append("<table><tr><th>date</th><th>event</th><th>sources</th></tr>")
        for t in v["timeline"]["events"]:
            h.append(f"<tr><td>{e(t['human'])}</td><td>{e(t['text'])}{cite.link(t['evidence'], 2)}</td>"
                     f"<td>{e(', '.join(t['sources']))}</td></tr>")
        h.append("</table>")
    if v["cites"]["edges"]:
        head("cites", "Who cites whom")
        h.append("<ul>" + "".join(f"<li>{e(c['from'])} → <b>{e(c['to'])}</b> <span class=tag>{e(c['kind'])}</span> "
                                  f"<span class=src>{e(', '.join(c['verbs']))}</span></li>"
                                  for c in v["cites"]["edges"]) + "</ul>")
    if v["facts"]:
        head("facts", "Facts")
        h.append("<div class=scroll><table><tr><th>fact</th><th>sources</th><th>status</th><th>not matched in</th></tr>")
        for f in v["facts"]:
            status = "consensus" if f["consensus"] else ("single source" if len(f["keys"]) == 1 else "shared")
            h.append(f"<tr><td>{e(f['text'])}{cite.link(f['evidence'], 4)}</td><td>{e(', '.join(f['sources']))}</td>"
                     f"<td><span class=tag>{status}</span></td><td>{e(', '.join(f['left_out'] or []))}</td></tr>")
        h.append("</table></div>")
    if v["quotes"]:
        head("quotes", "Quotes")
        h.append("<ul>")
        for n, q in enumerate(v["quotes"]):
            if not q["same_speaker"]:
                h.append(("</ul></li>" if n else "") + f"<li><b>{e(q['heading'])}</b><ul>")
            for i, var in enumerate(q["variants"]):      # a second wording of one utterance sits under the first
                how = ", ".join(sorted({a["verb"] for a in var["attribution"] if a.get("verb")}))
                h.append(("<ul>" if i == 1 else "") + f"<li>“{e(var['text'])}” — {e(', '.join(var['sources']))} "
                         + (f"<span class=src>({e(how)})</span>" if how else "") + f"{cite.link(var['evidence'], 2)}</li>")
            if len(q["variants"]) > 1:
                h.append("</ul>")
        h.append("</ul></li></ul>")
    if v["loaded"]:
        head("loaded", "Loaded terms")
        for voice, heading in LOADED_VOICES:
            terms = [t for t in v["loaded"] if (t.get("voice") or "own") == voice]
            if not terms:
                continue
            h.append(f"<h4>{heading}</h4><table><tr><th>term</th><th>source</th><th>speaker</th><th>in context</th></tr>")
            for t in terms:
                where = "headline: " if t.get("field") == "title" else ""
                h.append(f"<tr><td>{e(t.get('term'))} <span class=tag>{e(t.get('category'))}</span></td>"
                         f"<td>{e(t['source'])}</td><td>{e(t.get('speaker') or '')}</td>"
                         f"<td>{where}{_mark(str(t.get('quote') or ''), str(t.get('term') or ''))}</td></tr>")
            h.append("</table>")
    passages = cite.html()
    if passages:
        h.append(passages)
    h.append("</section>")
    return h
