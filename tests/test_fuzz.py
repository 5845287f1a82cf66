"""Property tests: generated JSON Lines, feeds, OPML, WARC (valid ones cut and corrupted) and HTML through
the real readers and the CLI. No traceback, exit 0 or 1, every good record kept, every bad one a documented
code. A failing input is saved to tests/fuzz_corpus/ (replayed by test_fuzz_corpus.py). The budget is small
and fixed (derandomized) so that the suite stays fast."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_support import (check_feed, check_html, check_jsonl, check_opml, check_warc, keep_failing,
                          warc_bytes)
from newsprism.cli import cli
from newsprism.errors import all_codes
from newsprism.types import RawInput

BUDGET = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CLI_BUDGET = settings(BUDGET, max_examples=6)


def guarded(kind: str, data: bytes, check: Callable[[], Any]) -> Any:
    try:
        return check()
    except BaseException:
        keep_failing(kind, data)
        raise


# -- JSON Lines ----------------------------------------------------------------------------------------
texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)
any_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
                        max_leaves=12)
good_rows = st.fixed_dictionaries(
    {"text": texts},
    optional={"title": texts, "outlet": texts, "published": st.sampled_from(["2024-05-01", "2024-05-01T10:00:00Z"]),
              "url": st.just("https://example.com/a"), "authors": st.lists(texts, max_size=2) | texts,
              "tags": st.lists(texts, max_size=3), "language": st.sampled_from(["en", "de"])})
bad_rows = st.one_of(
    st.dictionaries(st.sampled_from(["id", "text", "title", "outlet", "published", "url", "tags", "authors",
                                     "language"]), any_json, min_size=1).filter(
        lambda d: not (isinstance(d.get("text"), str) and isinstance(d.get("id"), str))),
    any_json.filter(lambda v: not isinstance(v, dict)))
garbage_lines = st.binary(min_size=1, max_size=60).map(lambda b: b.replace(b"\n", b" ").strip() or b"x")


@st.composite
def jsonl_files(draw: st.DrawFn) -> tuple[bytes, dict[str, str]]:
    lines: list[bytes] = []
    good: dict[str, str] = {}
    for i in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["good", "good", "bad", "garbage", "blank"]))
        if kind == "good":
            row = {"id": f"r{i}", **draw(good_rows)}
            good[row["id"]] = row["text"]
            lines.append(json.dumps(row, ensure_ascii=draw(st.booleans())).encode())
        elif kind == "bad":
            lines.append(json.dumps(draw(bad_rows)).encode())
        elif kind == "garbage":
            lines.append(draw(garbage_lines))
        else:
            lines.append(b"   ")
    end = draw(st.sampled_from([b"\n", b"\r\n"]))
    return end.join(lines) + draw(st.sampled_from([b"", end])), good


@BUDGET
@given(jsonl_files())
def test_jsonl_records(case: tuple[bytes, dict[str, str]]) -> None:
    data, good = case
    guarded("jsonl", data, lambda: check_jsonl(data, good))


@CLI_BUDGET
@given(jsonl_files())
def test_jsonl_through_the_cli(case: tuple[bytes, dict[str, str]]) -> None:
    data, good = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_bytes(data)

        def run() -> None:
            res = CliRunner().invoke(cli, ["analyze", str(path), "--stages", "ingest,extract", "--workers", "0",
                                           "--db", str(Path(tmp) / "s.db"), "--json", "-"])
            assert res.exception is None or isinstance(res.exception, SystemExit), res.exc_info
            assert res.exit_code in (0, 1), res.output
            report = json.loads(res.stdout)
            kept = {a["id"]: a["text"] for a in report["articles"]}
            assert all(kept.get(k) == v for k, v in good.items())
            assert all(e["code"] in all_codes() for e in report["errors"])
            assert res.exit_code == (1 if any(e["level"] == "error" for e in report["errors"]) else 0)

        guarded("jsonl", data, run)


# -- feeds and OPML ----------------------------------------------------------------------------------
xml_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    items = []
    for _ in range(draw(st.integers(0, 4))):
        link = draw(st.sampled_from(["<link>https://example.com/a</link>", "", "<link></link>",
                                     "<link>javascript:alert(1)</link>", "<link>http://[::1</link>"]))
        items.append(f"<item><title>{_esc(draw(xml_text))}</title>{link}<description>{_esc(draw(xml_text))}"
                     "</description></item>")
    atom = draw(st.booleans())
    if atom:
        doc = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
               + "".join(i.replace("<item>", "<entry>").replace("</item>", "</entry>") for i in items) + "</feed>")
    else:
        doc = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>' + "".join(items) + "</channel></rss>"
    data = doc.encode("utf-8")
    return _damage(draw, data)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _damage(draw: st.DrawFn, data: bytes) -> bytes:
    how = draw(st.sampled_from(["none", "cut", "flip", "insert"]))
    if how == "none" or not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    if how == "cut":
        return data[:at]
    if how == "flip":
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    return data[:at] + draw(st.binary(min_size=1, max_size=20)) + data[at:]


@BUDGET
@given(feeds())
def test_feeds(data: bytes) -> None:
    guarded("feed", data, lambda: check_feed(data))


@st.composite
def opmls(draw: st.DrawFn) -> bytes:
    outlines = "".join(
        f'<outline text="{_esc(draw(xml_text)).replace(chr(34), "&quot;")}" '
        + draw(st.sampled_from(['xmlUrl="https://example.com/feed"', "", 'xmlUrl=""', 'xmlurl="http://x/y"']))
        + ("/>" if draw(st.booleans()) else "><outline/></outline>")
        for _ in range(draw(st.integers(0, 4))))
    data = f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}</body></opml>'.encode()
    return _damage(draw, data)


@BUDGET
@given(opmls())
def test_opml(data: bytes) -> None:
    guarded("opml", data, lambda: check_opml(data))


# -- WARC --------------------------------------------------------------------------------------------
page_bodies = st.lists(xml_text.map(lambda t: f"<html><title>{_esc(t)}</title><p>{_esc(t)}</p></html>".encode()),
                       min_size=1, max_size=3)


@BUDGET
@given(page_bodies, st.booleans(), st.data())
def test_warc_cut_and_corrupted(pages: list[bytes], gz: bool, data: st.DataObject) -> None:
    whole = warc_bytes(pages, gz)
    damaged = _damage(data.draw, whole)
    with tempfile.TemporaryDirectory() as tmp:
        out = guarded("warc", damaged, lambda: check_warc(damaged, Path(tmp), gz))
        if damaged == whole:
            assert [r.data for r in out if isinstance(r, RawInput)] == pages
        elif len(damaged) < len(whole):      # a cut: the pages before it are kept, in order
            got = [r.data for r in out if isinstance(r, RawInput)]
            assert got == pages[:len(got)]


@CLI_BUDGET
@given(page_bodies, st.booleans(), st.data())
def test_warc_through_the_cli(pages: list[bytes], gz: bool, data: st.DataObject) -> None:
    damaged = _damage(data.draw, warc_bytes(pages, gz))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("in.warc.gz" if gz else "in.warc")
        path.write_bytes(damaged)

        def run() -> None:
            res = CliRunner().invoke(cli, ["analyze", str(path), "--stages", "ingest,extract", "--workers", "0",
                                           "--db", str(Path(tmp) / "s.db"), "--json", "-"])
            assert res.exception is None or isinstance(res.exception, SystemExit), res.exc_info
            assert res.exit_code in (0, 1)
            report = json.loads(res.stdout)
            assert all(e["code"] in all_codes() for e in report["errors"])

        guarded("warc", damaged, run)


# -- HTML ----------------------------------------------------------------------------------------------
tags = st.sampled_from(["p", "div", "article", "script", "style", "h1", "title", "a", "table", "td", "svg", "meta",
                        "br", "img", "noscript", "template", "iframe"])


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(tags)
        parts.append(f"<{tag}>{_esc(draw(xml_text))}" + (f"</{tag}>" if draw(st.booleans()) else ""))
    doc = "<!doctype html><html><head>" + "".join(parts[:2]) + "</head><body>" + "".join(parts[2:]) + "</body></html>"
    enc = draw(st.sampled_from(["utf-8", "utf-16-le", "utf-16", "cp1252"]))
    return _damage(draw, doc.encode(enc, errors="replace"))


@settings(BUDGET, max_examples=40)
@given(html_pages())
def test_html(data: bytes) -> None:
    guarded("html", data, lambda: check_html(data))
