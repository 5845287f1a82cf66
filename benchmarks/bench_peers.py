"""Benchmark: newsprism beside the field's libraries on their own test material.

    .venv/bin/python -m benchmarks peers          (or: -m benchmarks.bench_peers [-v])

Three suites, each scored the way its library scores itself, newsprism and the
peer on the same inputs in the same run:

* **extraction** — trafilatura's real-world pages and expectations
  (``shared/data/peers-dev/extraction``): the share of ``in`` / ``not_in``
  checks met by the extracted text; the peer is ``trafilatura.extract`` without
  comments (newsprism leaves comments out too).  Both get the same decoded
  text (newsprism's own decoder) and the page's URL.  Title and author
  expectations are scored apart ("meta").
* **dumps** — the same pages and checks, each page rendered to plain text in
  the shape of the dev set's ``w3m -dump`` files (``render_dump``): the
  text-dump extractor on pages and sites it was never tuned on, beside
  trafilatura on the dump's blocks (its baseline in the text-dump benchmark).
* **dates** — htmldate's MediaCloud evaluation pages
  (``shared/data/peers-dev/dates``): the share of pages whose publication day
  is the gold one; peers: htmldate's ``find_date(html, original_date=True,
  extensive_search=True)`` and trafilatura's ``extract_metadata``.  Also on
  trafilatura's real-world pages (33 of 54 in German, French or Chinese),
  with days read by hand (``benchmarks/gold/peer_page_dates.json``).
* **feeds** — feedparser's own test feeds (``tests/wellformed`` and
  ``tests/illformed`` of its PyPI source distribution, fetched with
  ``pip download`` into a cache at first use, never committed): each feed's
  ``Expect:`` expression that is about what newsprism's feed reader keeps
  (entry link, id, title, summary, published; feed title; bozo) is
  evaluated on feedparser's result and on newsprism's, as feedparser's
  ``runtests.py`` does: a file with "http" in its name is a feed served at
  ``http://127.0.0.1:8097/tests/…`` with the headers of its ``Header:`` lines
  (``_served_as``; given as the address and headers a fetch would give, no
  server is started), any other is parsed from its file.  newsprism keeps
  only entries with a link (it reads a feed to fetch its entries' pages), so
  expectations about entries count on feeds whose entries all have one.
  Expectations newsprism fails on purpose (all scored, none left out):
  relative references resolved against a ``Content-Location`` header (5
  feeds; RFC 7231 took that header's base-URI role away, and newsprism
  resolves against the address it fetched, redirects followed); an entry id
  resolved against the document's address (an id is a name, kept as written);
  a CDF channel (Microsoft's 1997 format, not read); the title of a feed none
  of whose entries has a link (refused: nothing to fetch).

Every suite is also split in two halves by a stable hash of the file name
(``half``: SHA-1 of the name, first byte even = A); the spread between the
halves says how far a figure may move on pages nobody tuned for (the shared
README's hidden halves are other pages of the same suites).
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import os
import re
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.common import DATA  # noqa: E402

PEERS = DATA / "peers-dev"
CACHE = Path(os.environ.get("NEWSPRISM_BENCH_CACHE")
             or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "newsprism-bench")


def half(name: str) -> str:
    """"A" or "B": a stable split of a suite by its file names."""
    return "A" if hashlib.sha1(name.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def _decode(data: bytes) -> str:
    from newsprism.ingest.decode import decode

    return decode(data).text


def _ours(text: str, url: str | None):
    from newsprism.errors import NewsprismError
    from newsprism.extract import extract_text

    try:
        return extract_text(text, media_type="text/html", url=url)
    except NewsprismError:
        return None


def _rate(ok: list[bool]) -> float | None:
    return sum(ok) / len(ok) if ok else None


def _by_half(results: dict[str, list[bool]]) -> dict[str, float | None]:
    """Pass rate over all items and over each half; *results* maps a file to its checks' outcomes."""
    out: dict[str, float | None] = {"all": _rate([x for v in results.values() for x in v])}
    for h in "AB":
        out[h] = _rate([x for k, v in results.items() if half(k) == h for x in v])
    return out


# ---------------------------------------------------------------------------
# extraction: trafilatura's real-world checks
# ---------------------------------------------------------------------------


def _check(text: str, check: dict) -> bool:
    return (check["string"] in text) == (check["kind"] == "in")


def _meta_ok(value: str | None, expected: str) -> bool:
    return bool(value) and " ".join(value.split()) == " ".join(expected.split())


def extraction(verbose: bool = False) -> list[dict[str, Any]]:
    import trafilatura

    checks = json.loads((PEERS / "extraction" / "checks.json").read_text(encoding="utf-8"))
    pages = {f: _decode((PEERS / "extraction" / "pages" / f).read_bytes()) for f in sorted(checks)}
    rows = []
    seconds: dict[str, float] = {}
    outputs: dict[str, dict[str, tuple[str, str | None, list[str]]]] = {}

    def peer(f: str) -> tuple[str, str | None, list[str]]:
        doc = trafilatura.bare_extraction(pages[f], url=checks[f]["url"], include_comments=False,
                                          with_metadata=True)
        if doc is None:
            return "", None, []
        return doc.text or "", doc.title, [a.strip() for a in (doc.author or "").split(";") if a.strip()]

    def ours(f: str) -> tuple[str, str | None, list[str]]:
        got = _ours(pages[f], checks[f]["url"])
        return (got.text, got.title, got.authors) if got is not None else ("", None, [])

    systems: list[tuple[str, Callable]] = [("trafilatura (no comments)", peer), ("newsprism", ours)]
    for name, fn in systems:
        t0 = time.perf_counter()
        outputs[name] = {f: fn(f) for f in checks}
        seconds[name] = time.perf_counter() - t0
    for name, _ in systems:
        body = {f: [_check(outputs[name][f][0], c) for c in checks[f]["checks"] if c["kind"] != "meta"]
                for f in checks}
        meta = {}
        for f in checks:
            _, title, authors = outputs[name][f]
            meta[f] = [_meta_ok(title, c["value"]) if c["field"] == "title"
                       else _meta_ok("; ".join(authors), c["value"])
                       for c in checks[f]["checks"] if c["kind"] == "meta" and c["field"] in ("title", "author")]
        rows.append({"suite": "extraction checks", "system": name, **_by_half(body),
                     "n": sum(map(len, body.values())), "pages/s": len(checks) / seconds[name]})
        rows.append({"suite": "extraction title+author", "system": name, **_by_half(meta),
                     "n": sum(map(len, meta.values()))})
        if verbose:
            for f in checks:
                bad = [c for c, ok in zip([c for c in checks[f]["checks"] if c["kind"] != "meta"], body[f]) if not ok]
                if bad:
                    print(f"  {name} {f}: {[(c['kind'], c['string'][:50]) for c in bad]}")
    return rows


# ---------------------------------------------------------------------------
# the same pages as text dumps: the text-dump extractor on pages nobody tuned it for
# ---------------------------------------------------------------------------

_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "select", "option"}
_BLOCK = {"p", "div", "section", "article", "header", "footer", "nav", "aside", "main", "ul", "ol", "dl",
          "table", "tr", "form", "figure", "figcaption", "blockquote", "pre", "address", "hr",
          "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "br", "body"}
_PARA = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "pre", "figure", "ul", "ol"}


def render_dump(html: str, width: int = 100) -> str:
    """A plain-text rendering of a page in the shape of ``w3m -dump -cols 100``
    (the renderer of the extraction dev set's dumps, not installed here):
    every visible text, blocks on their own lines, paragraphs and headings
    between blank lines, list items as "• " bullets, lines wrapped at
    ``width`` columns."""
    import textwrap

    from lxml import html as lh

    try:
        root = lh.document_fromstring(html)
    except Exception:
        return ""
    lines: list[str] = []
    cur: list[str] = []

    def flush(blank: bool = False) -> None:
        text = " ".join("".join(cur).split())
        cur.clear()
        if text:
            lines.extend(textwrap.wrap(text, width) or [""])
        if blank and lines and lines[-1] != "":
            lines.append("")

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            return
        if tag in _BLOCK:
            flush(tag in _PARA)
            if tag == "li":
                cur.append("• ")
        if el.text:
            cur.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                cur.append(child.tail)
        if tag in _BLOCK:
            flush(tag in _PARA)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return "\n".join(lines)


def dumps(verbose: bool = False) -> list[dict[str, Any]]:
    """trafilatura's real-world checks on the pages rendered as text dumps: newsprism's
    text-dump extractor beside trafilatura on the same dump's blocks (the text-dump
    benchmark's baseline) and beside newsprism on the HTML."""
    import html as htmlmod

    import trafilatura

    from newsprism.errors import NoArticle
    from newsprism.extract.textdump import extract_dump

    checks = json.loads((PEERS / "extraction" / "checks.json").read_text(encoding="utf-8"))
    pages = {f: _decode((PEERS / "extraction" / "pages" / f).read_bytes()) for f in sorted(checks)}
    text = {f: render_dump(pages[f]) for f in checks}

    def ours(f: str) -> str:
        try:
            return extract_dump(text[f]).text
        except NoArticle:
            return ""

    def peer(f: str) -> str:
        blocks = [b.strip() for b in text[f].split("\n\n") if b.strip()]
        page = "<html><body>" + "".join(f"<p>{htmlmod.escape(b)}</p>" for b in blocks) + "</body></html>"
        return trafilatura.extract(page) or ""

    rows = []
    for name, fn in (("trafilatura on the dump", peer), ("newsprism extract_dump", ours)):
        t0 = time.perf_counter()
        got = {f: fn(f) for f in checks}
        secs = time.perf_counter() - t0
        ok = {f: [_check(got[f], c) for c in checks[f]["checks"] if c["kind"] != "meta"] for f in checks}
        rows.append({"suite": "extraction checks, dumps", "system": name, **_by_half(ok),
                     "n": sum(map(len, ok.values())), "pages/s": len(checks) / secs})
    return rows


# ---------------------------------------------------------------------------
# dates: htmldate's evaluation pages
# ---------------------------------------------------------------------------


def _date_rows(suite: str, pages: dict[str, str], urls: dict[str, str], days: dict[str, str],
               others: tuple = (), verbose: bool = False) -> list[dict[str, Any]]:
    """Share of pages whose published day equals ``days[page]``: htmldate's extensive search (the peer),
    then ``others`` (name, function of a page), then newsprism, with pages/s; misses printed when verbose."""
    from htmldate import find_date

    def ours(f: str) -> str | None:
        got = _ours(pages[f], urls[f])
        return got.published if got is not None else None

    rows = []
    for name, fn in (("htmldate extensive", lambda f: find_date(pages[f], original_date=True, extensive_search=True)),
                     *others, ("newsprism", ours)):
        t0 = time.perf_counter()
        got = {f: fn(f) for f in days}
        secs = time.perf_counter() - t0
        ok = {f: [bool(got[f]) and got[f][:10] == days[f]] for f in days}
        rows.append({"suite": suite, "system": name, **_by_half(ok), "n": len(days), "pages/s": len(days) / secs})
        if verbose:
            for f in days:
                if not ok[f][0]:
                    print(f"  {name} date miss {f}: gold {days[f]} got {got[f]}")
    return rows


def dates(verbose: bool = False) -> list[dict[str, Any]]:
    """htmldate's MediaCloud pages, then trafilatura's real-world pages with days read by hand."""
    import trafilatura

    gold = json.loads((PEERS / "dates" / "gold.json").read_text(encoding="utf-8"))
    pages = {f: _decode((PEERS / "dates" / "pages" / f).read_bytes()) for f in sorted(gold)}
    urls = {f: gold[f]["url"] for f in gold}

    def trafilatura_meta(f: str) -> str | None:
        doc = trafilatura.extract_metadata(pages[f], default_url=urls[f])
        return doc.date if doc is not None else None

    return (_date_rows("dates (MediaCloud)", pages, urls, {f: gold[f]["date"] for f in gold},
                       (("trafilatura metadata", trafilatura_meta),), verbose)
            + _hand_dates(verbose))


def _hand_dates(verbose: bool) -> list[dict[str, Any]]:
    """trafilatura's real-world pages (mostly German) with publication days read
    by hand (``benchmarks/gold/peer_page_dates.json``; pages showing no date are
    left out): newsprism beside htmldate's extensive search."""
    hand = json.loads((Path(__file__).parent / "gold" / "peer_page_dates.json").read_text(encoding="utf-8"))
    checks = json.loads((PEERS / "extraction" / "checks.json").read_text(encoding="utf-8"))
    names = [f for f in sorted(hand) if not f.startswith("_") and hand[f]["date"]]
    pages = {f: _decode((PEERS / "extraction" / "pages" / f).read_bytes()) for f in names}
    return _date_rows("dates (trafilatura, hand)", pages, {f: checks[f]["url"] for f in names},
                      {f: hand[f]["date"] for f in names}, verbose=verbose)


# ---------------------------------------------------------------------------
# feeds: feedparser's own test feeds
# ---------------------------------------------------------------------------

#: entry keys newsprism's FeedEntry keeps, and the feed key
_FEED_KEYS = {"link", "id", "title", "summary", "published"}
_EXPECT = re.compile(r"Expect:\s*(.*?)\s*-->", re.S)
_HEADER = re.compile(r"^Header:\s+([^:]+):(.+)$", re.M)
_RUNTESTS_URL = "http://127.0.0.1:8097/tests/"


def feedparser_tests() -> Path:
    """The test folder of feedparser's source distribution for the installed version (downloaded once)."""
    ver = version("feedparser")
    root = CACHE / f"feedparser-{ver}"
    if not (root / "tests").is_dir():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps",
                        "--quiet", f"feedparser=={ver}", "-d", str(CACHE)], check=True, timeout=300)
        sdist = CACHE / f"feedparser-{ver}.tar.gz"
        with tarfile.open(sdist) as tar:
            tar.extractall(CACHE, filter="data")
    return root / "tests"


def _applicable(expr: str) -> bool:
    keys = re.findall(r"\[\s*'(\w+)'\s*\]", expr)
    if set(re.findall(r"feed\s*\[\s*'(\w+)'\s*\]", expr)) - {"title"}:
        return False      # of the feed itself newsprism keeps the title only
    names = set(re.findall(r"(?<!['\w.])([A-Za-z_]\w*)(?!\w*')", re.sub(r"'(?:[^'\\]|\\.)*'", "''", expr)))
    return bool(keys) and set(keys) <= _FEED_KEYS | {"feed"} and names <= {"bozo", "entries", "feed", "not", "and",
                                                                             "or", "u", "len", "in", "is", "None"}


def _newsprism_env(data: bytes, url: str) -> dict[str, Any]:
    from newsprism.errors import NewsprismError
    from newsprism.ingest.feeds import parse_feed

    try:
        feed = parse_feed(data, url)
    except NewsprismError:
        return {"bozo": 1, "entries": [], "feed": {}}
    entries = [{k: getattr(e, k) for k in _FEED_KEYS if getattr(e, k) is not None} for e in feed.entries]
    return {"bozo": int(feed.warning is not None), "entries": entries,
            "feed": {"title": feed.title} if feed.title else {}}


def _served_as(rel: str, path: Path) -> tuple[str, dict[str, str]]:
    """The address and response headers a feed has in feedparser's ``runtests.py``: a file with "http" in
    its name is served at ``http://127.0.0.1:8097/tests/…`` with the headers of its ``Header:`` lines (the
    content type guessed from the name when none is given, as ``http.server`` does); any other is parsed from
    its file."""
    if "http" not in rel:
        return (path.as_uri(), {})
    headers = {k.strip().lower(): v.strip() for k, v in _HEADER.findall(path.read_text("utf-8", "replace"))}
    headers.setdefault("content-type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
    return (_RUNTESTS_URL + rel, headers)


def _holds(expr: str, env: dict[str, Any]) -> bool:
    try:
        return bool(eval(expr, {"__builtins__": {"len": len}}, dict(env)))  # noqa: S307 - the peer's own test text
    except Exception:
        return False


def feeds(verbose: bool = False) -> list[dict[str, Any]]:
    import feedparser

    tests = feedparser_tests()
    cases = []
    for sub in ("wellformed", "illformed"):
        for path in sorted((tests / sub).rglob("*.xml")):
            head = path.read_bytes()[:4000].decode("utf-8", "replace")
            m = _EXPECT.search(head)
            if not (m and _applicable(m.group(1))):
                continue
            # newsprism reads a feed for its entries' pages: an entry without a link is skipped on purpose,
            # so expectations about entries are scored on feeds whose entries all have one
            if "entries" in m.group(1) and not all(e.get("link") for e in feedparser.parse(str(path)).entries or [{}]):
                continue
            cases.append((str(path.relative_to(tests)), path, m.group(1)))
    rows = []
    for name in ("feedparser", "newsprism"):
        ok: dict[str, list[bool]] = {}
        t0 = time.perf_counter()
        for rel, path, expr in cases:
            url, headers = _served_as(rel, path)
            if name == "feedparser":
                # the address reaches feedparser as its base the way a fetch gives it one (href, else this)
                env = feedparser.parse(str(path), response_headers={"content-location": url, **headers}
                                       if url.startswith("http") else headers)
            else:
                env = _newsprism_env(path.read_bytes(), url)
            ok[rel] = [_holds(expr, env)]
            if verbose and name == "newsprism" and not ok[rel][0]:
                print(f"  feed miss {rel}: {expr[:100]}")
        rows.append({"suite": "feeds (feedparser tests)", "system": name, **_by_half(ok), "n": len(cases),
                     "pages/s": len(cases) / (time.perf_counter() - t0)})
    return rows


# ---------------------------------------------------------------------------


SUITES = ("extraction", "dumps", "dates", "feeds")


def run(verbose: bool = False, suites: tuple[str, ...] = SUITES) -> list[dict[str, Any]]:
    fns = {"extraction": extraction, "dumps": dumps, "dates": dates, "feeds": feeds}
    rows: list[dict[str, Any]] = []
    for s in suites:
        rows.extend(fns[s](verbose))
    return rows


def main() -> None:
    verbose = "-v" in sys.argv
    suites = tuple(a for a in sys.argv[1:] if a in SUITES) or SUITES
    rows = run(verbose, suites)
    print("peer suites (same pages, same run; A/B: halves by a stable hash of the file name)")
    print(f"{'suite':26s} {'system':26s} {'all':>6s} {'A':>6s} {'B':>6s} {'/peer':>6s} {'n':>5s} {'items/s':>8s}")
    base: dict[str, float | None] = {}
    for r in rows:
        base.setdefault(r["suite"], r["all"])
        b = base[r["suite"]]
        ratio = f"{r['all'] / b:6.3f}" if b and r["all"] is not None else "     -"
        fmt = lambda v: "     -" if v is None else f"{v:6.3f}"  # noqa: E731
        ps = f"{r['pages/s']:8.1f}" if r.get("pages/s") else "       -"
        print(f"{r['suite']:26s} {r['system']:26s} {fmt(r['all'])} {fmt(r['A'])} {fmt(r['B'])} {ratio} "
              f"{r['n']:5d} {ps}")
    print(f"(first row of each suite is the peer the ratio is to; {versions_line()})")


def versions_line() -> str:
    from benchmarks.common import versions

    return versions("trafilatura", "htmldate", "feedparser")


if __name__ == "__main__":
    main()
