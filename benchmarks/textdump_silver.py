"""Extra training pages for the text-dump line classifier, from other sites.

The classifier of ``newsprism.extract.textdump`` learns from the 61 dumps of
``extraction-dev`` (about 40 sites).  On unseen sites it loses several
points (site-grouped CV 0.92, the other half of the sites 0.89, the hidden
split 0.886): too few sites to learn what a menu or a footer looks like in
general.  This module makes more labelled dumps from pages of other sites:
htmldate's 200 MediaCloud news pages (``peers-dev/dates``; scored only for
their dates, so no text benchmark is trained on).  Each page is

* rendered to text by ``w3m -dump -T text/html -I UTF-8 -O UTF-8 -cols 100``,
  the renderer and options of the dev set's dumps (``extraction-dev/manifest.json``);
* labelled with the body newsprism's HTML extractor takes from the same page
  (F1 0.985 on extraction-dev's HTML): *silver* labels, not gold.

A page is kept only when the labels can be trusted to line up with the
dump: the extractor found a body of at least 150 words and at least 90 % of
that body's word 4-grams occur in the dump (the body is really on the page
as rendered).  Nothing here reads a figure of the classifier.

    .venv/bin/python -m benchmarks.textdump_silver          # build (needs w3m; ~1 min), print counts

``benchmarks.train_textdump --silver`` adds these pages to every training
fold; they are never scored.  The pages are cached under the temp folder.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = ROOT.parent / "shared" / "data" / "peers-dev" / "dates" / "pages"
W3M = ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "100"]
MIN_WORDS = 150
MIN_COVER = 0.9
_TOK = re.compile(r"\w+")


def _shingles(text: str) -> set[tuple[str, ...]]:
    t = _TOK.findall(text)
    return {tuple(t[i : i + 4]) for i in range(len(t) - 3)}


def render(html: str) -> str:
    """The page as w3m dumps it (the dev set's renderer)."""
    if not shutil.which("w3m"):
        raise SystemExit("w3m is not installed (apt-get install w3m): it renders the silver pages")
    out = subprocess.run(W3M, input=html.encode("utf-8"), capture_output=True, timeout=60, check=True)
    return out.stdout.decode("utf-8", errors="replace")


def build(pages_dir: Path = PAGES, log=print) -> list[tuple[str, str, str]]:
    """``(page id, dump, silver body)`` of every page kept, cached by the pages and this code."""
    from newsprism.errors import NewsprismError
    from newsprism.extract.html import extract_html
    from newsprism.ingest.decode import decode

    files = sorted(pages_dir.glob("*.html*"))
    h = hashlib.sha256(Path(__file__).read_bytes())
    for f in files:
        h.update(f.name.encode() + hashlib.sha256(f.read_bytes()).digest())
    cache = Path(tempfile.gettempdir()) / f"newsprism-textdump-silver-{h.hexdigest()[:16]}.json"
    if cache.is_file():
        return [tuple(x) for x in json.loads(cache.read_text(encoding="utf-8"))]
    kept, why = [], {"no body": 0, "short body": 0, "body not in dump": 0}
    for f in files:
        data = f.read_bytes()
        if f.suffix == ".gz":
            data = gzip.decompress(data)
        html = decode(data).text
        try:
            body = extract_html(html).text or ""
        except NewsprismError:
            why["no body"] += 1
            continue
        if len(_TOK.findall(body)) < MIN_WORDS:
            why["short body"] += 1
            continue
        dump = render(html)
        g4 = _shingles(body)
        if len(g4 & _shingles(dump)) / max(1, len(g4)) < MIN_COVER:
            why["body not in dump"] += 1
            continue
        kept.append((f"silver-{f.name.split('.')[0]}", dump, body))
    log(f"silver pages: {len(kept)} of {len(files)} kept; set aside: {why}")
    cache.write_text(json.dumps(kept), encoding="utf-8")
    return kept


if __name__ == "__main__":
    build()
