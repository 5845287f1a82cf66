"""What the fuzz tests and the corpus replay share: the checks each reader must pass on any input, and the
corpus folder where every input that ever failed is kept (tests/fuzz_corpus/KIND/SHA.bin)."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

from newsprism.errors import InputError, NewsprismError, all_codes

CORPUS = Path(__file__).parent / "fuzz_corpus"
KINDS = ("jsonl", "feed", "opml", "warc", "html")


def keep_failing(kind: str, data: bytes) -> Path:
    """Save an input that failed a check, so that the corpus replay runs it from now on."""
    folder = CORPUS / kind
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (hashlib.sha256(data).hexdigest()[:16] + ".bin")
    path.write_bytes(data)
    return path


def documented(err: NewsprismError) -> None:
    assert err.code in all_codes(), err.code
    assert err.message and isinstance(err.message, str)
    err.message.encode("utf-8")
    if err.source is not None:
        err.source.encode("utf-8")


def check_jsonl(data: bytes, good: dict[str, str] | None = None) -> None:
    """Never raises; every record a Record or a documented error; ``good`` (id → text) all kept as given."""
    from newsprism.ingest.jsonl import Record, read_records

    out = list(read_records(data, "fuzz.jsonl"))
    kept: dict[str, str] = {}
    for r in out:
        if isinstance(r, Record):
            json.dumps([r.id, r.text, r.fields], ensure_ascii=False).encode("utf-8")
            kept[r.id] = r.text
        else:
            assert isinstance(r, NewsprismError), r
            documented(r)
            assert r.code in ("NP109", "NP119", "NP107", "NP103"), r.code
    for rid, text in (good or {}).items():
        assert kept.get(rid) == text, rid


def check_feed(data: bytes) -> None:
    from newsprism.ingest.feeds import parse_feed

    try:
        feed = parse_feed(data, "http://example.com/feed")
    except InputError as exc:
        documented(exc)
        assert exc.code == "NP116"
        return
    for e in feed.entries:
        assert isinstance(e.link, str) and e.link


def check_opml(data: bytes) -> None:
    from newsprism.ingest.feeds import read_opml

    try:
        feeds = read_opml(data)
    except InputError as exc:
        documented(exc)
        assert exc.code == "NP116"
        return
    assert all(isinstance(u, str) and u for u, _ in feeds)


def check_warc(data: bytes, tmp: Path, gz: bool = False) -> list[Any]:
    from newsprism.ingest.warc import iter_warc
    from newsprism.types import RawInput

    path = tmp / ("fuzz.warc.gz" if gz or data[:2] == b"\x1f\x8b" else "fuzz.warc")
    path.write_bytes(data)
    out = list(iter_warc(str(path)))
    for r in out:
        if not isinstance(r, RawInput):
            documented(r)
            assert r.code in ("NP118", "NP106"), r.code
    # one pass through the file: records and breaks (each NP118 names its offset) come in file order, each once
    offsets = [int(r.source.rsplit("#", 1)[1]) for r in out if "#" in (r.source or "")]
    assert offsets == sorted(set(offsets)), offsets
    return out


def check_html(data: bytes) -> None:
    from newsprism.extract import extract_raw
    from newsprism.ingest.files import sha256
    from newsprism.types import RawInput

    raw = RawInput(source="fuzz.html", data=data, sha256=sha256(data), media_type="text/html")
    try:
        ex = extract_raw(raw)
    except NewsprismError as exc:
        documented(exc)
        assert exc.code[:3] in ("NP1", "NP2"), exc.code
        return
    json.dumps([ex.text, ex.title, ex.authors], ensure_ascii=False).encode("utf-8")


def replay(kind: str, data: bytes, tmp: Path) -> None:
    if kind == "jsonl":
        check_jsonl(data)
    elif kind == "feed":
        check_feed(data)
    elif kind == "opml":
        check_opml(data)
    elif kind == "warc":
        check_warc(data, tmp)
    else:
        check_html(data)


def warc_bytes(pages: list[bytes], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    n = iter(range(1, 1000))

    def fixed() -> dict[str, str]:     # the same bytes for the same pages: ids and dates are not random
        return {"WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{next(n):012d}>",
                "WARC-Date": "2024-01-01T00:00:00Z"}

    w.write_record(w.create_warc_record("", "warcinfo", payload=io.BytesIO(b"software: newsprism fuzz\r\n"),
                                        warc_content_type="application/warc-fields", warc_headers_dict=fixed()))
    for i, body in enumerate(pages):
        url = f"http://example.com/{i}"
        w.write_record(w.create_warc_record(url, "request", warc_headers_dict=fixed(), http_headers=StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)))
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), warc_headers_dict=fixed(),
                                            http_headers=StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")))
    return buf.getvalue()
