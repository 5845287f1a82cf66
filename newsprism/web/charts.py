"""Geometry for the story page's server-rendered SVG pictures (the templates draw them, escaping every label).

No script and no inline style: shapes carry classes styled by ``app.css`` or
presentation attributes, which the strict CSP allows. Every box is sized from
its labels' lengths (``CHAR_W`` over-estimates a character at the page's
13 px sans-serif), so no label is ever clipped.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

CHAR_W = 7.6
FONT_PX = 13


def text_width(text: str) -> float:
    return len(text) * CHAR_W


def cites_graph(edges: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Who cites whom as two columns, citing sources left and cited sources right, one line per edge by kind."""
    if not edges:
        return None
    sources = list(dict.fromkeys(e["from"] for e in edges))
    kinds_order = ["outlet", "agency", "official", "person", "anonymous"]
    targets = sorted(dict.fromkeys(e["to"] for e in edges),
                     key=lambda t: (next((kinds_order.index(e["kind"]) if e["kind"] in kinds_order else 9
                                          for e in edges if e["to"] == t), 9), t.lower()))
    row, top, pad, gap = 21, 12, 12, 150
    left_w = max(text_width(s) for s in sources) + pad
    x1 = left_w + 8
    x2 = x1 + gap
    right_w = max(text_width(t) for t in targets) + pad
    width = x2 + 10 + right_w + 8
    rows = max(len(sources), len(targets))
    height = top * 2 + row * rows
    off_s = (rows - len(sources)) * row / 2
    ys = {("s", n): top + off_s + row * i + row / 2 for i, n in enumerate(sources)}
    ys.update({("t", n): top + row * i + row / 2 for i, n in enumerate(targets)})
    kind_of = {}
    for e in edges:
        kind_of.setdefault(e["to"], e["kind"] or "source")
    return {
        "width": round(width), "height": round(height), "x1": round(x1), "x2": round(x2),
        "sources": [{"name": n, "y": round(ys[("s", n)], 1)} for n in sources],
        "targets": [{"name": n, "y": round(ys[("t", n)], 1), "kind": kind_of[n]} for n in targets],
        "lines": [{"y1": round(ys[("s", e["from"])], 1), "y2": round(ys[("t", e["to"])], 1), "kind": e["kind"] or "source",
                   "n": e["count"], "title": f"{e['from']} → {e['to']} ({', '.join(e.get('verbs') or []) or e['kind']})"}
                  for e in edges],
        "kinds": [k for k in [*kinds_order, "source", "cited"] if any((e["kind"] or "source") == k for e in edges)],
    }


def timeline_chart(events: list[dict[str, Any]], publications: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Days on a horizontal axis: each day's events as numbered dots above it, publications as marks below.

    Only events dated to a day are placed; the axis runs from the first to the last of those days and the
    publications (at most 60 days before the last publication, so that background years do not squash it).
    """
    pub_days = [p["day"] for p in publications if p.get("day")]
    last = max([*pub_days, *(e["day"] for e in events if e.get("day"))], default=None)
    if last is None:
        return None
    floor = last - timedelta(days=60)
    placed = [e for e in events if e.get("day") and e["day"] >= floor]
    days = sorted({*(e["day"] for e in placed), *(d for d in pub_days if d >= floor)})
    if not days:
        return None
    first, last = days[0], days[-1]
    span = max((last - first).days, 1)
    step = 1 if span <= 10 else (7 if span <= 70 else 30)
    left, right, width = 56, 56, 720
    plot = width - left - right

    def x(d: date) -> float:
        return round(left + plot * ((d - first).days / span if span else 0.5), 1)

    by_day: dict[date, list[int]] = {}
    numbered = []
    for e in placed:
        by_day.setdefault(e["day"], []).append(len(numbered) + 1)
        numbered.append(e)
    stack = max((len(v) for v in by_day.values()), default=0)
    dot_r, dot_gap = 10, 24
    axis_y = 30 + stack * dot_gap
    dots = [{"x": x(d), "y": axis_y - 18 - i * dot_gap, "n": n} for d, ns in by_day.items() for i, n in enumerate(ns)]
    pubs: dict[date, list[str]] = {}
    for p in publications:
        if p.get("day") and p["day"] >= floor:
            pubs.setdefault(p["day"], []).append(p["label"])
    pub_marks, lines = [], 0
    for d, names in sorted(pubs.items()):
        for i, name in enumerate(names):
            pub_marks.append({"x": x(d), "y": axis_y + 46 + i * 18, "label": name,
                              "anchor": "start" if x(d) < width / 3 else ("end" if x(d) > 2 * width / 3 else "middle")})
        lines = max(lines, len(names))
    ticks = []
    d = first
    while d <= last:
        ticks.append({"x": x(d), "label": f"{d.strftime('%a')} {d.day} {d.strftime('%b')}"})
        d += timedelta(days=step)
    height = axis_y + 46 + lines * 18 + 8
    return {"width": width, "height": height, "axis_y": axis_y, "x0": left, "x1": width - right, "ticks": ticks,
            "dots": dots, "r": dot_r, "publications": pub_marks, "numbered": numbered}
