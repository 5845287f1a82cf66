"""Conflicts: the outlets of a story disagree about the same thing.

- ``number``: clauses aligned as one fact carry numbers of the same unit with
  different values.
- ``date``: aligned clauses place the fact at different times ("over the past
  year" vs "since September"): ranges that do not overlap, or that start more
  than ``DATE_SLACK_DAYS`` apart.
- ``title``: one outlet gives a person a title another calls former
  ("former President" vs "President").
- ``claim``: the same utterance is said to have been made in different settings
  ("during remarks at Mar-a-Lago" vs "in Thanksgiving remarks to troops") or on
  different days.
Every variant carries the verbatim sentences it rests on.
"""

from __future__ import annotations

import re
from datetime import date

from newsprism.compare.numbers import Number, plural
from newsprism.compare.text import content, fold

DATE_SLACK_DAYS = 14


def _range(value: str) -> tuple[date, date]:
    a, _, b = value.partition("/")
    return date.fromisoformat(a), date.fromisoformat(b or a)


def _variant(value: str, label: str, article: str, quote: str) -> dict:
    return {"value": value, "outlets": [label], "evidence": [{"article": article, "quote": quote}]}


def _merge(variants: list[dict]) -> list[dict]:
    out: dict[str, dict] = {}
    for v in variants:
        key = fold(v["value"])
        if key in out:
            for o in v["outlets"]:
                if o not in out[key]["outlets"]:
                    out[key]["outlets"].append(o)
            out[key]["evidence"] += [e for e in v["evidence"] if e not in out[key]["evidence"]]
        else:
            out[key] = v
    return list(out.values())


def _short(text: str, n: int = 12) -> str:
    ws = text.split()
    return " ".join(ws[:n]) + (" …" if len(ws) > n else "")


def fact_conflicts(facts: list[dict], numbers: list[Number], times: list) -> list[dict]:
    out = []
    nums_of: dict[str, list[Number]] = {}
    times_of: dict[str, list] = {}
    for n in numbers:
        nums_of.setdefault(n.article, []).append(n)
    for t in times:
        times_of.setdefault(t.article, []).append(t)
    for fact in facts:
        units = fact["_units"]
        if len(fact["outlets"]) < 2:
            continue
        # numbers of one unit, different values
        by_unit: dict[str, list[dict]] = {}
        for u in units:
            for n in nums_of.get(u.view.id, ()):
                if u.span.start <= n.start < u.span.end and n.unit:
                    by_unit.setdefault(n.unit, []).append(
                        _variant(f"{n.normalized:,} {plural(n.unit) if n.normalized != 1 else n.unit}".replace(",", ","),
                                 u.view.label, u.view.id, u.text) | {"normalized": n.normalized, "as_written": n.value})
        for unit, vs in by_unit.items():
            merged = _merge(vs)
            if len({v["normalized"] for v in merged}) > 1 and len({o for v in merged for o in v["outlets"]}) > 1:
                out.append({"kind": "number", "about": f"{plural(unit)}: {_short(fact['text'])}", "variants": merged,
                            "fact": fact["id"]})
        # time expressions that disagree
        tv = []
        for u in units:
            for t in times_of.get(u.view.id, ()):
                if u.span.start <= t.start < u.span.end:
                    tv.append((t, u))
                    break
        if len({u.view.label for _, u in tv}) < 2:
            continue
        ranges = [_range(t.value) for t, _ in tv]
        clash = False
        for i in range(len(tv)):
            for j in range(i + 1, len(tv)):
                if tv[i][1].view.label == tv[j][1].view.label:
                    continue
                (a0, a1), (b0, b1) = ranges[i], ranges[j]
                if a1 < b0 or b1 < a0 or abs((a0 - b0).days) > DATE_SLACK_DAYS:
                    clash = True
        if clash:
            variants = _merge([_variant(t.expression, u.view.label, u.view.id, u.text) | {"resolved": t.value}
                               for t, u in tv])
            if len(variants) > 1:
                out.append({"kind": "date", "about": f"when: {_short(fact['text'])}", "variants": variants,
                            "fact": fact["id"]})
    return out


def title_conflicts(naming: list[dict], views: list) -> list[dict]:
    out = []
    by_label = {v.label: v for v in views}
    for entry in naming:
        current: dict[str, list[dict]] = {}
        former: dict[str, list[dict]] = {}
        for outlet, forms in entry["by_outlet"].items():
            view = by_label.get(outlet)
            for form in forms:
                m = re.match(r"(?:(?:the|a)\s+)?(?P<former>former|ex-|onetime)?\s*(?:[A-Z][a-z]+(?:an|ian|ese|ish)\s+|U\.?S\.?\s+)?"
                             r"(?P<title>President|Senator|Sen\.|Governor|Gov\.|Secretary of \w+|Prime Minister|Mayor|"
                             r"Speaker|Rep\.|Representative|Chairman|Leader)\b", form, re.I)
                if not m or view is None:
                    continue
                title = fold(m.group("title")).rstrip(".")
                title = {"sen": "senator", "gov": "governor", "rep": "representative"}.get(title, title)
                idx = view.text.find(form)
                sent = view.sentence_of(idx) if idx >= 0 else None
                quote = sent.text if sent and form in sent.text else form
                target = former if m.group("former") else current
                target.setdefault(title, []).append(_variant(form, outlet, view.id, quote))
        for title in set(current) & set(former):
            cur_outlets = {o for v in current[title] for o in v["outlets"]}
            old_outlets = {o for v in former[title] for o in v["outlets"]}
            if cur_outlets - old_outlets and old_outlets:
                variants = _merge([v | {"value": f"former {title}"} for v in former[title]] +
                                  [v | {"value": title} for v in current[title] if v["outlets"][0] not in old_outlets])
                out.append({"kind": "title", "about": f"{entry['entity']}'s title", "variants": variants})
    return out


def quote_conflicts(quotes: list[dict]) -> list[dict]:
    out = []
    for q in quotes:
        if len(q["outlets"]) < 2:
            continue
        settings = []
        for m in q["_mentions"]:
            if m.setting:
                settings.append(_variant(m.setting, m.view.label, m.view.id, m.view.text[m.ev_start:m.ev_end]))
        merged = _merge(settings)
        distinct = {frozenset(content(v["value"]) - {"dur", "remark", "the"}) for v in merged}
        if len(merged) > 1 and len(distinct) > 1 and len({o for v in merged for o in v["outlets"]}) > 1:
            text = q["variants"][0]["text"]
            out.append({"kind": "claim", "about": f"where/when {q['speaker']} said “{_short(text, 8)}”",
                        "variants": merged})
    return out
