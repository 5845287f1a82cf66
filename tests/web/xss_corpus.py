"""Hostile content for the web tests: every payload tries to run script (set window.__xss or alert)."""

from __future__ import annotations

import json
from pathlib import Path

PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=\"window.__xss=1\">",
    "<svg onload=\"window.__xss=1\"><script>window.__xss=1</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>window.__xss=1</script>",
    "</title><script>window.__xss=1</script>",
    "<a href=\"javascript:window.__xss=1\">click</a>",
    "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "<body onload=window.__xss=1>",
    "<style>body{display:none}</style>",
    "<!--<script>window.__xss=1</script>-->",
]

BASE = ("The city council approved the new harbour budget on Tuesday after a long debate about ferry fares, "
        "dredging contracts and the repair of the old sea wall. Council members said the harbour budget "
        "would cover dredging for two years. Critics of the harbour budget said ferry fares would rise.")


def rows() -> list[dict[str, str]]:
    out = []
    for i, p in enumerate(PAYLOADS):
        out.append({
            "id": f"xss-{i:02d}",
            "title": f"Harbour budget {p} approved",
            "outlet": f"Evil {p} Gazette" if i % 2 == 0 else f"Hostile Times \" onmouseover=\"window.__xss=1",
            "url": "javascript:window.__xss=1" if i % 3 == 0 else (
                f"data:text/html,{p}" if i % 3 == 1 else f"https://example.com/a?x=\"><script>alert({i})</script>"),
            "published": f"2024-05-{i + 1:02d}",
            "text": f"{BASE}\n\n{p} The mayor said: \"{p}\" and left.\n\nDredging starts in June {p}.",
        })
    # an id that needs escaping in URLs and markup
    out.append({"id": "xss/<b>id</b>?&\"x", "title": "<script>window.__xss=1</script>", "outlet": "Weird Id Post",
                "url": "https://example.com/weird", "published": "2024-05-30",
                "text": BASE + "\n\n<img src=x onerror=window.__xss=1> weird id article."})
    return out


def write(path: Path) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows()), encoding="utf-8")
    return path
