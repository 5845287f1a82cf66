"""A WARC file that breaks off anywhere: one NP118 naming the offset, every record before it kept, never a raise;
a malformed record in the middle: one NP118 naming it, and the records after it kept too."""

from __future__ import annotations

import gzip
import io
import re
import zlib
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import report_of, run_cli
from newsprism.errors import NewsprismError
from newsprism.ingest.warc import iter_warc
from newsprism.types import RawInput


def page(i: int) -> bytes:
    return (f"<html><head><title>Council budget {i}</title></head><body><article><h1>Council budget {i}</h1>"
            + f"<p>The city council voted on Tuesday to approve budget number {i} for public transport. </p>" * 6
            + "</article></body></html>").encode()


def make_warc(gz: bool, pages: int = 2) -> bytes:
    """Every record type warcio writes: warcinfo, request, response, revisit, metadata, resource."""
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    w.write_record(w.create_warcinfo_record("test.warc", {"software": "newsprism tests"}))
    for i in range(pages):
        url = f"http://example.com/{i}"
        w.write_record(w.create_warc_record(url, "request", http_headers=StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)))
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(page(i)), http_headers=StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")))
    w.write_record(w.create_revisit_record("http://example.com/0", digest="sha1:AAAA",
                                           refers_to_uri="http://example.com/0", refers_to_date="2024-01-01T00:00:00Z"))
    w.write_record(w.create_warc_record("http://example.com/0", "metadata", payload=io.BytesIO(b"via: test\r\n"),
                                        warc_content_type="application/warc-fields"))
    w.write_record(w.create_warc_record("http://example.com/x.txt", "resource", payload=io.BytesIO(b"plain"),
                                        warc_content_type="text/plain"))
    return buf.getvalue()


def boundaries(path: Path) -> tuple[list[int], dict[int, int]]:
    """Where each record ends, and each response record's offset → its end."""
    ends, pages = [], {}
    with path.open("rb") as fh:
        it = ArchiveIterator(fh)
        for rec in it:
            kind = rec.rec_type
            off, n = it.get_record_offset(), it.get_record_length()
            ends.append(off + n)
            if kind == "response":
                pages[off] = off + n
    data = path.read_bytes()
    if not path.name.endswith(".gz"):      # warcio leaves the closing blank lines out of an uncompressed length
        ends = [e + 4 if data[e:e + 4] == b"\r\n\r\n" else e for e in ends]
        pages = {o: e + 4 for o, e in pages.items()}
    return ends, pages


@pytest.mark.slow
@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_cut_at_every_byte(tmp_path: Path, gz: bool) -> None:
    name = "full.warc.gz" if gz else "full.warc"
    full = tmp_path / name
    full.write_bytes(make_warc(gz))
    ends, pages = boundaries(full)
    whole = list(iter_warc(str(full)))
    assert [type(r) for r in whole] == [RawInput, RawInput]
    data = full.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    for at in range(len(data)):
        cut.write_bytes(data[:at])
        out = list(iter_warc(str(cut)))          # never raises
        kept = [int(r.source.rsplit("#", 1)[1]) for r in out if isinstance(r, RawInput)]
        errors = [r for r in out if isinstance(r, NewsprismError)]
        assert kept == [o for o, e in pages.items() if e <= at], at
        if at == 0 or at in ends:
            assert errors == [], (at, [e.message for e in errors])
        else:
            assert [e.code for e in errors] == ["NP118"], (at, out)
            offset = int(errors[0].source.rsplit("#", 1)[1])
            assert offset == max([e for e in ends if e <= at], default=0), (at, errors[0].message)
            assert f"at byte {offset:,}" in errors[0].message


def test_gzip_cut_inside_a_header_is_reported(tmp_path: Path, db: Path) -> None:
    """The issue's case: a .warc.gz cut inside a record's header gave exit 0 and lost two of three pages."""
    data = make_warc(True, pages=3)
    path = tmp_path / "cut.warc.gz"
    ends, pages = boundaries(_write(tmp_path / "full.warc.gz", data))
    second = sorted(pages)[1]
    path.write_bytes(data[: second + 30])       # inside the second response's gzip member (its header)
    proc = run_cli("analyze", str(path), "--stages", "ingest,extract", "--db", str(db), "--json", "-")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    report = report_of(proc)
    assert [a["source"] for a in report["articles"]] == [f"{path}#{sorted(pages)[0]}"]
    [err] = report["errors"]
    assert err["code"] == "NP118" and err["source"] == f"{path}#{second}"


def test_plain_cut_in_request_header(tmp_path: Path) -> None:
    """The issue's other case: an uncompressed .warc cut in a request record's header raised AttributeError."""
    data = make_warc(False)
    start = data.index(b"WARC/1", data.index(b"WARC-Type: request") - 200)
    path = _write(tmp_path / "cut.warc", data[: start + 40])
    out = list(iter_warc(str(path)))
    assert [(type(r).__name__, r.code) for r in out] == [("BadArchive", "NP118")]
    assert out[0].source == f"{path}#{start}"


def test_whole_file_gzip_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "one-stream.warc.gz", gzip.compress(make_warc(False)))
    [err] = list(iter_warc(str(path)))
    assert err.code == "NP118" and "recompress" in err.message


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# -- a malformed record in the middle: one NP118 at its offset, the records before and after it kept ------------

def _corrupt_plain(data: bytes, how: str) -> tuple[bytes, int]:
    """The second response record of a plain WARC broken ``how``; (the file, that record's offset)."""
    second = data.index(b"WARC-Type: response", data.index(b"WARC-Type: response") + 1)
    start = data.rindex(b"WARC/1.", 0, second)
    head_end = data.index(b"\r\n\r\n", start)
    head = data[start:head_end]
    length = int(re.search(rb"Content-Length: (\d+)", head).group(1))
    if how == "bad header":            # the version line garbled: not a record start warcio knows
        head = head.replace(b"WARC/1.", b"WXRC/1.", 1)
    elif how == "no length":
        head = re.sub(rb"Content-Length: \d+", b"Content-Length: many", head)
    elif how == "length too long":     # swallows the records after it
        head = re.sub(rb"Content-Length: \d+", b"Content-Length: %d" % (length + 5000), head)
    elif how == "length too short":
        head = re.sub(rb"Content-Length: \d+", b"Content-Length: %d" % (length - 40), head)
    return data[:start] + head + data[head_end:], start


@pytest.mark.parametrize("how", ["bad header", "no length", "length too long", "length too short"])
def test_plain_warc_goes_on_after_a_malformed_record(tmp_path: Path, how: str) -> None:
    full = make_warc(False, pages=3)
    data, broken = _corrupt_plain(full, how)
    path = _write(tmp_path / "mid.warc", data)
    out = list(iter_warc(str(path)))
    pages = [r for r in out if isinstance(r, RawInput)]
    errors = [r for r in out if isinstance(r, NewsprismError)]
    assert [r.url for r in pages] == ["http://example.com/0", "http://example.com/2"], (how, out)
    assert [(e.code, e.source) for e in errors] == [("NP118", f"{path}#{broken}")], (how, [e.message for e in errors])
    assert f"at byte {broken:,}" in errors[0].message
    # the records after it keep their own offsets: warcio reads each one there alone
    for r in pages:
        with path.open("rb") as fh:
            fh.seek(int(r.source.rsplit("#", 1)[1]))
            rec = next(iter(ArchiveIterator(fh)))
            assert rec.rec_headers.get_header("WARC-Target-URI") == r.url


def _members(data: bytes) -> list[int]:
    """The offset of each gzip member (one a record) of a .warc.gz written by warcio."""
    offsets, at = [], 0
    while at < len(data):
        offsets.append(at)
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        d.decompress(data[at:])
        at = len(data) - len(d.unused_data)
    return offsets


@pytest.mark.parametrize("how", ["corrupt deflate data", "bad gzip header", "bad warc header inside"])
def test_warc_gz_goes_on_at_the_next_member(tmp_path: Path, how: str) -> None:
    full = make_warc(True, pages=3)
    members = _members(full)
    plain = [gzip.decompress(full[a:b]) for a, b in zip(members, members[1:] + [len(full)])]
    k = [i for i, m in enumerate(plain) if b"WARC-Type: response" in m][1]     # the second response
    a, b = members[k], members[k + 1]
    if how == "corrupt deflate data":
        mid = (a + b) // 2
        member = full[a:mid] + bytes(x ^ 0x5A for x in full[mid:mid + 16]) + full[mid + 16:b]
    elif how == "bad gzip header":
        member = b"\x1f\x8c" + full[a + 2:b]
    else:
        member = gzip.compress(plain[k].replace(b"Content-Length:", b"Content-Lentil:", 1))
    data = full[:a] + member + full[b:]
    path = _write(tmp_path / "mid.warc.gz", data)
    out = list(iter_warc(str(path)))
    pages = [r for r in out if isinstance(r, RawInput)]
    errors = [r for r in out if isinstance(r, NewsprismError)]
    assert [r.url for r in pages] == ["http://example.com/0", "http://example.com/2"], (how, out)
    assert [(e.code, e.source) for e in errors] == [("NP118", f"{path}#{a}")], (how, [e.message for e in errors])
    assert int(pages[1].source.rsplit("#", 1)[1]) == a + len(member) + (members[k + 2] - b)   # the next response


def test_analyze_keeps_the_pages_around_a_malformed_record(tmp_path: Path, db: Path) -> None:
    data, broken = _corrupt_plain(make_warc(False, pages=3), "length too long")
    path = _write(tmp_path / "mid.warc", data)
    proc = run_cli("analyze", str(path), "--stages", "ingest,extract", "--db", str(db), "--json", "-")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    report = report_of(proc)
    assert sorted(a["title"] for a in report["articles"]) == ["Council budget 0", "Council budget 2"]
    [err] = report["errors"]
    assert err["code"] == "NP118" and err["source"] == f"{path}#{broken}"
