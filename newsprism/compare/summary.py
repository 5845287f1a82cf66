"""A short summary (3 to 5 sentences) chosen from the story's cited brief; nothing is written that the brief
does not say.

The brief's first sentence opens it (the brief leads with what the most
sources report); the others are taken by how many articles cite them, in the
brief's own order, preferring reported statements to quotations (the quote
section shows those) and leaving out fragments of fewer than six words.
"""

from __future__ import annotations

import re
from typing import Any

MIN_SENTENCES, MAX_SENTENCES = 3, 5
_QUOTED = re.compile(r"[\"“”]")


def summarize(brief: list[dict[str, Any]], *, sources: int = 0) -> list[dict[str, Any]]:
    """Up to five of ``brief``'s sentences (``{"sentence", "sources"}``), in the brief's order."""
    rows = [b for b in brief if isinstance(b, dict) and str(b.get("sentence") or "").strip()]
    if len(rows) <= MIN_SENTENCES:
        return rows

    def cited(b: dict[str, Any]) -> int:
        return len({e.get("article") for e in b.get("sources") or [] if isinstance(e, dict)})

    usable = [i for i, b in enumerate(rows) if len(str(b["sentence"]).split()) >= 6]
    first = usable[0] if usable else 0
    rest = sorted((i for i in usable if i != first),
                  key=lambda i: (bool(_QUOTED.search(str(rows[i]["sentence"]))), -cited(rows[i]), i))
    keep = sorted([first, *rest[:MAX_SENTENCES - 1]])
    return [rows[i] for i in keep]
