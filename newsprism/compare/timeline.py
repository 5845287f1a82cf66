"""Time expressions found in the text and resolved against the article's date.

Absolute dates ("November 24", "Nov. 28, 2025", "in 2018", "September 2019") and
relative ones ("last week", "on Thursday", "yesterday", "earlier this month",
"three days ago", "since September", "over the past year") become a day
("YYYY-MM-DD") or a range ("YYYY-MM-DD/YYYY-MM-DD") when that is all the text
supports. The anchor is the article's publication date, else a duplicate's,
else the story's median date (``anchor_source`` says which). A weekday is the
latest such day on or before the anchor, or the next one when the sentence
speaks of the future ("will", "next", "plans to"). "Earlier this week" (month,
year) ends the day before the anchor.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsprism.compare.numbers import WORDNUM
from newsprism.compare.text import ArticleView, Span

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MON = r"(?P<mon>%s)\.?" % "|".join(sorted(MONTHS, key=len, reverse=True))
_DAYNAME = r"(?P<wd>%s)" % "|".join(WEEKDAYS)
_NUMW = r"(?P<n>\d+|%s|a|an)" % "|".join(WORDNUM)
PATTERNS = [
    ("full", re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
    ("monthday", re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d{4})", re.I)),
    ("since", re.compile(r"\b(?:since|from)\s+(?:(?P<early>early|mid|late)[\s-]+)?" + _MON + r"(?:\s+(?P<y>(?:19|20)\d\d))?\b", re.I)),
    ("monthyear", re.compile(r"\b(?:in\s+)?(?:(?P<early>early|mid|late)[\s-]+)?" + _MON + r"\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
    ("past", re.compile(r"\b(?:over|in|during|for)\s+the\s+(?:past|last)\s+(?:" + _NUMW + r"\s+)?(?P<u>day|week|month|year)s?\b", re.I)),
    ("ago", re.compile(r"\b" + _NUMW + r"\s+(?P<u>day|week|month|year)s?\s+ago\b", re.I)),
    ("rel", re.compile(r"\b(?:(?P<early>early|late)\s+)?(?P<which>last|this|next|earlier this|later this)\s+(?P<u>week|month|year|weekend)\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<which>last|this|next|on|since|by|until)\s+)?" + _DAYNAME + r"(?!\s*,?\s*(?:" + _MON + r"))\b", re.I)),
    ("word", re.compile(r"\b(?P<w>yesterday|today|tonight|tomorrow)\b", re.I)),
    ("year", re.compile(r"\b(?:in|since|during|of|from|by|until|the)\s+(?P<y>(?:19|20)\d\d)\b|\b(?P<y2>(?:19|20)\d\d)(?=\s+(?:[A-Z]\w+\s+)?(?:election|elections|campaign|strategy|summit|reelection|race|midterms?|law|budget|war|vote|season)\b)", re.I)),
]
#: a sentence without any of these holds no time expression (a cheap test before the patterns)
_HINT = re.compile(r"\d|\b(?:%s|%s|ago|yesterday|today|tonight|tomorrow|day|week|weekend|month|year)" %
                   ("|".join(MONTHS), "|".join(WEEKDAYS)), re.I)
_FUTURE = re.compile(r"\b(will|would|next|plans? to|planned|scheduled|is to|are to|expected to|upcoming|set to)\b", re.I)


@dataclass
class TimeRef:
    article: str
    label: str
    start: int
    end: int
    expression: str
    value: str              # "YYYY-MM-DD" or "start/end"
    kind: str               # "point" | "range" | "since" | "duration"
    sentence: Span


def _fmt(a: date, b: date | None = None) -> str:
    return a.isoformat() if b is None or a == b else f"{a.isoformat()}/{b.isoformat()}"


def _month_range(y: int, m: int, part: str | None = None) -> tuple[date, date]:
    last = calendar.monthrange(y, m)[1]
    lo, hi = 1, last
    if part and part.lower() == "early":
        hi = 10
    elif part and part.lower() == "mid":
        lo, hi = 11, 20
    elif part and part.lower() == "late":
        lo = 21
    return date(y, m, lo), date(y, m, hi)


def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _n(s: str | None) -> int:
    if not s or s.lower() in ("a", "an"):
        return 1
    return int(s) if s.isdigit() else WORDNUM.get(s.lower(), 1)


def resolve(kind: str, m: re.Match[str], anchor: date, future: bool) -> tuple[str, str] | None:
    g = m.groupdict()
    if kind == "full":
        try:
            return _fmt(date(int(g["y"]), MONTHS[g["mon"].lower().rstrip(".")], int(g["d"]))), "point"
        except ValueError:
            return None
    if kind == "monthday":
        mon, d = MONTHS[g["mon"].lower().rstrip(".")], int(g["d"])
        # the year that puts the day nearest the article's date: "Jan. 3" in a December article is next
        # month; a day more than a month ahead only when the sentence speaks of the future
        cands = []
        for y in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                cands.append(date(y, mon, d))
            except ValueError:          # 29 February of a common year
                continue
        cands = [c for c in cands if future or c <= anchor + timedelta(days=31)]
        if not cands:
            return None
        return _fmt(min(cands, key=lambda c: (abs((c - anchor).days), c))), "point"
    if kind in ("since", "monthyear"):
        mon = MONTHS[g["mon"].lower().rstrip(".")]
        y = int(g["y"]) if g.get("y") else (anchor.year if mon <= anchor.month else anchor.year - 1)
        lo, hi = _month_range(y, mon, g.get("early"))
        if kind == "since":
            return _fmt(lo, anchor), "since"
        return _fmt(lo, hi), "range"
    if kind == "past":
        n, u = _n(g.get("n")), g["u"].lower()
        lo = anchor - timedelta(days=n) if u == "day" else anchor - timedelta(weeks=n) if u == "week" \
            else _shift_months(anchor, -n if u == "month" else -12 * n)
        return _fmt(lo, anchor), "duration"
    if kind == "ago":
        n, u = _n(g.get("n")), g["u"].lower()
        if u == "day":
            return _fmt(anchor - timedelta(days=n)), "point"
        if u == "week":
            d = anchor - timedelta(weeks=n)
            return _fmt(d - timedelta(days=d.weekday()), d - timedelta(days=d.weekday()) + timedelta(days=6)), "range"
        d = _shift_months(anchor, -n if u == "month" else -12 * n)
        return (_fmt(*_month_range(d.year, d.month)) if u == "month" else _fmt(date(d.year, 1, 1), date(d.year, 12, 31))), "range"
    if kind == "rel":
        which, u, part = g["which"].lower(), g["u"].lower(), (g.get("early") or "").lower()
        step = -1 if which == "last" else 1 if which == "next" else 0
        if u in ("week", "weekend"):
            monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
            lo, hi = monday, monday + timedelta(days=6)
            if u == "weekend":
                lo = monday + timedelta(days=5)
            elif part == "early":
                hi = monday + timedelta(days=2)
            elif part == "late":
                lo = monday + timedelta(days=3)
            if which == "earlier this":
                hi = max(lo, anchor - timedelta(days=1))     # "earlier this week", said on Friday: before Friday
            if step == 0 and which != "later this" and u != "weekend" and hi > anchor >= lo:
                hi = anchor
            return _fmt(lo, hi), "range"
        if u == "month":
            d = _shift_months(anchor.replace(day=1), step)
            lo, hi = _month_range(d.year, d.month, part or None)
            if which == "earlier this":
                hi = max(lo, anchor - timedelta(days=1))
            return _fmt(lo, hi), "range"
        y = anchor.year + step
        return _fmt(date(y, 1, 1), date(y, 12, 31) if which != "earlier this"
                    else max(date(y, 1, 1), anchor - timedelta(days=1))), "range"
    if kind == "weekday":
        wd, which = WEEKDAYS[g["wd"].lower()], (g.get("which") or "").lower()
        if which == "next" or (future and which not in ("last", "since")):
            delta = (wd - anchor.weekday()) % 7 or (7 if which == "next" else 0)
            d = anchor + timedelta(days=delta)
        else:
            d = anchor - timedelta(days=(anchor.weekday() - wd) % 7)
            if which == "last" and d == anchor:
                d -= timedelta(days=7)
        return (_fmt(d, anchor), "since") if which == "since" else (_fmt(d), "point")
    if kind == "word":
        w = g["w"].lower()
        off = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[w]
        return _fmt(anchor + timedelta(days=off)), "point"
    if kind == "year":
        y = int(g.get("y") or g.get("y2"))
        if m.group(0).lower().startswith("since"):
            return _fmt(date(y, 1, 1), anchor), "since"
        return _fmt(date(y, 1, 1), date(y, 12, 31)), "range"
    return None


def find_times(view: ArticleView) -> list[TimeRef]:
    out: list[TimeRef] = []
    if view.anchor is None:
        return out
    for sent in view.sentences:
        if not _HINT.search(sent.text):
            continue
        taken: list[tuple[int, int]] = []
        for kind, pat in PATTERNS:
            for m in pat.finditer(sent.text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                if kind == "weekday" and not m.group("which") and not re.search(r"\b(on|by|until|since|last|next|this)\s*$", sent.text[:m.start()], re.I):
                    # a bare weekday ("Friday, November 28") is a dateline or part of a date
                    if re.match(r"\s*,?\s*(" + "|".join(MONTHS) + r")", sent.text[m.end():], re.I):
                        continue
                if kind == "rel" and m.group(0)[-4:].istitle() and m.group(0)[0].isupper() and m.start() > 0:
                    continue     # "This Week", a programme's name
                head = re.sub(r"[\"“][^\"”]*[\"”]", " ", sent.text[:m.start()])
                head = re.split(r"[,;:—]", head)[-1][-50:]
                future = bool(_FUTURE.search(head))
                got = resolve(kind, m, view.anchor, future)
                if got is None:
                    continue
                taken.append((m.start(), m.end()))
                out.append(TimeRef(view.id, view.label, sent.start + m.start(), sent.start + m.end(),
                                   m.group(0).strip(), got[0], got[1], sent))
    out.sort(key=lambda t: t.start)
    return out
