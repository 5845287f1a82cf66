"""Spans of an article's text: find a cited quote, cut the text into highlighted pieces, diff two texts."""

from __future__ import annotations

import difflib
import re
from typing import Any

#: priority where spans overlap: the span a citation jumps to, then loaded terms, then cited spans
PRIORITY = {"target": 0, "loaded": 1, "cited": 2}


def locate(text: str, quote: str | None) -> tuple[int, int] | None:
    """(start, end) of ``quote`` in ``text``, whitespace-insensitive; None when it is not there verbatim."""
    if not quote or not quote.strip():
        return None
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    words = quote.split()
    if len(words) > 400:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (m.start(), m.end()) if m else None


class OutOfText(ValueError):
    """A well-formed span that is empty, reversed or past the end of the text."""


def parse_span(value: str | None, length: int) -> tuple[int, int] | None:
    """``"START-END"`` (character offsets) → a span inside a text of ``length``; ValueError when malformed,
    OutOfText when well formed but not a span of this text."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{1,9})-(\d{1,9})", value)
    if not m:
        raise ValueError("hl must be START-END character offsets")
    start, end = int(m.group(1)), int(m.group(2))
    if not 0 <= start < end <= length:
        raise OutOfText(f"hl {value} is not a span of this text (0-{length}): shown without it")
    return start, end


def cut(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut ``text`` into pieces ``{"text", "kind", "note"}``; spans are dicts with start, end, kind, note.

    Where spans overlap, each character takes the kind of the highest-priority
    span over it (a loaded term inside a cited sentence stays visible); the
    target span is never split.
    """
    spans = [s for s in spans if 0 <= s["start"] < s["end"] <= len(text)]
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    out: list[dict[str, Any]] = []
    for a, b in zip(cuts, cuts[1:]):
        over = [s for s in spans if s["start"] <= a and b <= s["end"]]
        top = min(over, key=lambda s: (PRIORITY.get(s["kind"], 9), s["end"] - s["start"])) if over else None
        kind, note = (top["kind"], top.get("note")) if top else (None, None)
        if out and out[-1]["kind"] == kind and out[-1]["note"] == note and out[-1]["_id"] == id(top):
            out[-1]["text"] += text[a:b]
        else:
            out.append({"text": text[a:b], "kind": kind, "note": note, "_id": id(top)})
    for piece in out:
        del piece["_id"]
    return out


_SENTENCE = re.compile(r"(?<=[.!?…])(?<![A-Z]\.[A-Z]\.)(?<!\b[A-Z]\.)(?<!\bM[rs]\.)(?<!\bDr\.)(?<!\bSt\.)\s+|\n+")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def diff(a: str, b: str, *, max_sentences: int = 2000) -> list[dict[str, Any]]:
    """Sentence-level diff of two texts: blocks ``{"op": equal|delete|insert|replace, "a": [...], "b": [...]}``."""
    sa, sb = sentences(a)[:max_sentences], sentences(b)[:max_sentences]
    norm = lambda s: " ".join(s.lower().split())  # noqa: E731
    matcher = difflib.SequenceMatcher(None, [norm(s) for s in sa], [norm(s) for s in sb], autojunk=False)
    return [{"op": op, "a": sa[i1:i2], "b": sb[j1:j2]} for op, i1, i2, j1, j2 in matcher.get_opcodes()]
