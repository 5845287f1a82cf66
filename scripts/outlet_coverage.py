"""How many extraction-dev pages get an outlet, as HTML and as plain-text dumps.

    PYTHONPATH=. python scripts/outlet_coverage.py [--with-url] [--list]

--with-url gives each HTML page its URL (urls.json), as a fetched page has; without it a
page stands alone, as a saved file does. Prints the counts and, with --list, each page's outlet.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
from pathlib import Path

from newsprism.extract import extract_text

DEV = Path(os.environ.get("NEWSPRISM_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data" / "extraction-dev"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--with-url", action="store_true")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    urls = json.loads((DEV / "urls.json").read_text())
    counts = {"html": 0, "txt": 0}
    for pid, url in sorted(urls.items()):
        html = gzip.decompress((DEV / f"{pid}.html.gz").read_bytes()).decode("utf-8", "replace")
        row = []
        for kind, text, media in (("html", html, "text/html"), ("txt", (DEV / f"{pid}.txt").read_text(), "text/plain")):
            try:
                outlet = extract_text(text, media_type=media, url=url if args.with_url and kind == "html" else None).outlet
            except Exception as exc:   # a page with no article: no outlet either
                outlet = None
                print(f"{pid[:8]} {kind}: {type(exc).__name__}")
            counts[kind] += outlet is not None
            row.append(outlet)
        if args.list:
            print(f"{pid[:8]}  {url[:60]:<60}  html={row[0]!r}  txt={row[1]!r}")
    n = len(urls)
    print(f"pages {n}: outlet from HTML {counts['html']}/{n}, from the text dump {counts['txt']}/{n}")


if __name__ == "__main__":
    main()
