"""Generic post-filters on trafilatura's output blocks (no site rules).

Each filter works on the list of ``(tag, text)`` blocks that
``newsprism.extract.html`` renders from trafilatura's XML body.
"""

from __future__ import annotations

import re

_NONWORD = re.compile(r"\W+")


def _norm(s: str) -> str:
    return _NONWORD.sub(" ", s.casefold()).strip()


#: How many leading blocks may repeat the headline (headline, kicker,
#: headline again in a share widget …); beyond that a repeat is body text.
TITLE_WINDOW = 3


def filter_blocks(blocks: list[tuple[str, str]], captions: list[str],
                  title: str | None = None) -> list[tuple[str, str]]:
    """Drop figure captions and a leading repeat of the headline.

    * captions: kept apart in ``Extracted.captions``, so a block that is
      exactly a ``<figcaption>`` text is removed from the body;
    * headline: the title is its own field; on the dev pages 13 of 61
      bodies began with it and no gold body does.
    """
    caps = {_norm(c) for c in captions if c}
    t = _norm(title) if title else ""
    out: list[tuple[str, str]] = []
    for k, (tag, txt) in enumerate(blocks):
        nt = _norm(txt)
        if nt in caps:
            continue
        if t and k < TITLE_WINDOW and nt == t:
            continue
        out.append((tag, txt))
    return out
