"""Generic post-filters on trafilatura's output blocks (no site rules)."""

from __future__ import annotations


def filter_blocks(blocks: list[tuple[str, str]], captions: list[str]) -> list[tuple[str, str]]:
    """Drop blocks that repeat a figure caption (captions are kept apart)."""
    caps = {c.casefold() for c in captions}
    return [(t, x) for t, x in blocks if x.casefold() not in caps]
