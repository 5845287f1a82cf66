"""WARC and WARC.gz files (a Common Crawl CC-NEWS file as it is): one RawInput per HTML response.

Read with warcio (pure Python, reads and writes WARC and ARC, gzipped per
record or not; its ``content_stream()`` undoes the HTTP chunked transfer and
Content-Encoding). fastwarc is faster but a compiled extension with no
writer; CC-NEWS files are ~1 GB and the extraction after it costs far more
than the parsing, so the portable library wins.

Each ``response`` record with a 2xx HTTP status and an HTML, XHTML or plain
text Content-Type becomes a RawInput: ``source`` = ``<path>#<offset>`` (the
record's byte offset in the file, what ``warcio extract PATH OFFSET`` takes),
``url`` = its WARC-Target-URI, ``data`` = the HTTP body, ``media_type`` from
the HTTP Content-Type. Other records (requests, metadata, redirects, images,
revisits) are not pages and are passed over without an error. A body over the
size limit is NP106 for that record.

warcio reads a record cut short as if it were whole (and raises on some cuts),
so every record of any type is checked here to be whole before it counts: its
header block, the content its Content-Length declares and the blank lines
after it (for ``.gz``, its gzip member to the end). A broken record (a bad
header, a wrong length, corrupt compressed data) is one NP118 naming its byte
offset; reading goes on at the next record start after it (a line starting
``WARC/1.``; in a ``.warc.gz`` the next gzip member that holds a WARC header),
so the records before and after it are kept. A file that is not WARC, or ends
inside a record, is one NP118 and the records before it are kept. Reading
never raises.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from newsprism.errors import BadArchive, InputError, NotFound, TooLarge, Unreadable
from newsprism.ingest.decode import MAX_TEXT_BYTES
from newsprism.ingest.files import sha256
from newsprism.ingest.urls import content_type
from newsprism.types import RawInput

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
#: bytes kept for one record's body: the decode limit for one page
MAX_RECORD_BYTES = MAX_TEXT_BYTES
_PAGE_TYPES = {"text/html": "text/html", "application/xhtml+xml": "text/html", "text/plain": "text/plain"}
_HEAD_LIMIT = 1 << 20      # bytes a record's WARC header block may take
_CHUNK = 1 << 20
_CONTENT_LENGTH = re.compile(rb"^content-length:[ \t]*(\d{1,18})[ \t]*\r?$", re.I | re.M)


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def _starts_like_warc(fh: BinaryIO) -> bool:
    """Peek at the first bytes (decompressed when gzipped): a WARC or ARC header, or an empty file."""
    head = fh.read(4096)
    fh.seek(0)
    if not head:
        return True
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc://"))


class _Frame:
    """Checks one record's framing on its (decompressed) bytes, fed in order: a header block starting WARC/
    and ending in a blank line, a Content-Length, that many bytes of content, then CRLF CRLF."""

    def __init__(self) -> None:
        self.pos = 0                    # bytes fed so far
        self.head = b""
        self.head_end = 0
        self.content_end: int | None = None
        self.closing = b""
        self.problem: str | None = None

    def feed(self, data: bytes) -> None:
        start, self.pos = self.pos, self.pos + len(data)
        if self.content_end is None and self.problem is None:
            self.head += data[: _HEAD_LIMIT + 4 - len(self.head)]
            at = self.head.find(b"\r\n\r\n")
            if at < 0:
                if len(self.head) > _HEAD_LIMIT:
                    self.problem = f"a header block over {_HEAD_LIMIT:,} bytes"
                return
            m = _CONTENT_LENGTH.search(self.head[:at + 2])
            if not self.head.lstrip(b"\r\n").startswith(b"WARC/") or m is None:
                self.problem = "a record header without WARC/ or Content-Length"
                return
            self.head_end = at + 4
            self.content_end = at + 4 + int(m.group(1))
        if self.content_end is not None and len(self.closing) < 4:
            a, b = self.content_end - start, self.content_end + 4 - start
            self.closing += data[max(a, 0): max(b, 0)]

    def why(self) -> str | None:
        """None when the record was whole, else what is missing."""
        if self.problem:
            return self.problem
        if self.content_end is None:
            return "the file ends inside the record's header"
        if self.pos < self.content_end:
            return (f"the file ends inside the record's content ({self.pos - self.head_end:,} of "
                    f"{self.content_end - self.head_end:,} bytes)")
        if self.closing != b"\r\n\r\n":
            if self.pos < self.content_end + 4:
                return "the file ends inside the blank lines that close the record"
            return "the record does not end with a blank line where its Content-Length says"
        return None


def _check_plain(fh: BinaryIO, offset: int, size: int) -> tuple[int, str | None]:
    """(where the record ends, why it is broken or None) for an uncompressed record at ``offset``."""
    frame = _Frame()
    fh.seek(offset)
    while frame.content_end is None and frame.problem is None:
        chunk = fh.read(65536)
        if not chunk:
            return size, frame.why()
        frame.feed(chunk)
    if frame.problem:
        return size, frame.problem
    assert frame.content_end is not None
    fh.seek(offset + frame.content_end)
    frame.closing = fh.read(4)
    frame.pos = min(size - offset, max(frame.pos, frame.content_end + len(frame.closing)))
    return min(size, offset + frame.content_end + 4), frame.why()


def _check_gzip(fh: BinaryIO, offset: int, length: int) -> str | None:
    """Why the gzip member at ``offset`` (``length`` bytes, as warcio read it) is not one whole record, or None."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    frame = _Frame()
    fh.seek(offset)
    left = length
    try:
        while left > 0 and not d.eof:
            chunk = fh.read(min(left, _CHUNK))
            if not chunk:
                break
            left -= len(chunk)
            while chunk and not d.eof:
                frame.feed(d.decompress(chunk, _CHUNK))
                chunk = d.unconsumed_tail
    except zlib.error as exc:
        return f"corrupt compressed data ({exc})"
    if not d.eof:
        return "the file ends inside the record's compressed data"
    return frame.why()


def _gap(fh: BinaryIO, start: int, stop: int) -> bool:
    """True when the bytes between two uncompressed records are more than blank lines."""
    if stop < start:
        return True
    fh.seek(start)
    return bool(fh.read(min(stop - start, 65536)).strip(b"\r\n"))


def iter_warc(path: str, *, max_bytes: int = MAX_RECORD_BYTES) -> Iterator[RawInput | InputError]:
    """Every HTML response record of a WARC file; failures are yielded as errors, never raised.

    A broken record is one NP118 naming its offset; reading then goes on at the next record start found after
    it (a line starting ``WARC/1.`` in a plain .warc, the next gzip member holding a WARC header in a .warc.gz),
    so the records after a malformed one are kept as well as those before it. A file that ends inside a
    record has no next record: one NP118, the records before it kept.
    """
    p = Path(path)
    if not p.exists():
        yield NotFound(f"no such file: {path}", source=path)
        return
    try:
        fh = p.open("rb")
        check = p.open("rb")       # a second handle for the checks, so that warcio's position is left alone
        size = p.stat().st_size
    except OSError as exc:
        yield Unreadable(f"cannot read {path}: {exc.strerror or exc}", source=path)
        return
    with fh, check:
        try:
            if not _starts_like_warc(fh):
                yield _broken(path, 0, "not a WARC file (no WARC/ or ARC header at the start)")
                return
            head = fh.read(64)
        except OSError as exc:
            yield Unreadable(f"cannot read {path}: {exc.strerror or exc}", source=path)
            return
        gz = head[:2] == b"\x1f\x8b"
        arc = not gz and not head.lstrip(b"\r\n").startswith(b"WARC/")
        counted = [0]
        at: int | None = 0
        while at is not None:
            broke = yield from _records_from(fh, check, path, at, size, gz, arc, max_bytes, counted)
            # an ARC file is read to its first break only
            at = None if broke is None or arc else _next_record(check, broke + 1, size, gz)


def _records_from(fh: BinaryIO, check: BinaryIO, path: str, base: int, size: int, gz: bool, arc: bool,
                  max_bytes: int, counted: list[int]) -> Generator[RawInput | InputError, None, int | None]:
    """The records from byte ``base`` on, each checked whole; returns the offset of the first broken one (the
    caller looks for the next record after it), or None when the file was read to its end."""
    from warcio.archiveiterator import ArchiveIterator

    end = base   # where the last whole record ends (compressed offsets for .gz)
    try:
        fh.seek(base)
        it = ArchiveIterator(fh, arc2warc=True)
        for record in it:
            counted[0] += 1
            n = counted[0]
            kind = record.rec_type
            out = _page(record, n, path, max_bytes) if kind is not None else None
            # warcio knows a record's offset (in the file: it starts from the handle's position) and length once
            # it has read the record to its end
            offset, length = int(it.get_record_offset()), int(it.get_record_length())
            if gz and length <= 0:
                yield _broken(path, 0, "the .warc.gz is one gzip stream, not one gzip member per record as WARC "
                                       "needs (`warcio recompress IN OUT` rewrites it)")
                return None
            if offset != end and (gz or arc or _gap(check, end, offset)):
                yield _broken(path, end, "bytes that are not a WARC record")
                return end
            why: str | None = None
            stop = offset + length
            if kind is None:
                why = "a record without a WARC-Type"
            elif gz:
                why = _check_gzip(check, offset, length)
            elif not arc:
                stop, why = _check_plain(check, offset, size)
            if why:
                yield _broken(path, offset, f"record {n} ({kind or 'untyped'} record): {why}")
                return offset
            end = stop
            if out is None:
                continue
            out.source = f"{path}#{offset}"
            yield out
    except Exception as exc:   # warcio on a broken record: bad lengths, headers cut off, corrupt gzip …
        yield _broken(path, end, f"after {max(counted[0] - 1, 0)} whole record(s): {type(exc).__name__}: "
                                 f"{str(exc).strip()[:200]}")
        return end
    if end < size:
        check.seek(end)
        rest = check.read(65536)
        if rest.strip(b"\r\n\x00") if not gz else rest:
            yield _broken(path, end, f"bytes that are not a whole WARC record (the file has {size:,})")
            return end
    return None


def _next_record(fh: BinaryIO, start: int, size: int, gz: bool) -> int | None:
    """The offset of the first record start at or after ``start``: a line that starts ``WARC/1.`` (plain), or a
    gzip member whose first bytes decompress to a WARC header (.gz); None when there is none."""
    marker = b"\x1f\x8b\x08" if gz else b"\nWARC/1."
    at = start - (0 if gz else 1)      # plain: the line end before the record start
    while at < size:
        fh.seek(at)
        block = fh.read(_CHUNK + len(marker))
        if not block:
            return None
        i = block.find(marker)
        while i >= 0:
            found = at + i + (0 if gz else 1)
            if found >= start and (not gz or _member_is_warc(fh, found)):
                return found
            i = block.find(marker, i + 1)
        at += _CHUNK
    return None


def _member_is_warc(fh: BinaryIO, offset: int) -> bool:
    """Whether a gzip member starting at ``offset`` decompresses to a WARC record header."""
    fh.seek(offset)
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        head = d.decompress(fh.read(4096), 64)
    except zlib.error:
        return False
    return head.lstrip(b"\r\n").startswith(b"WARC/")


def _broken(path: str, offset: int, what: str) -> BadArchive:
    return BadArchive(f"a broken WARC record at byte {offset:,}: {what}", source=f"{path}#{offset}")


def _page(record: Any, n: int, path: str, max_bytes: int) -> RawInput | InputError | None:
    """One record as a page, an error, or None when it is not a page (request, image, redirect …)."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    if not (status or "").startswith("2"):
        return None
    media, _charset = content_type(record.http_headers.get_header("Content-Type"))
    if media is not None and media not in _PAGE_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        data = record.content_stream().read(max_bytes + 1)
    except Exception as exc:   # a broken chunked body or Content-Encoding in one record
        return BadArchive(f"record {n} ({url}): cannot read the HTTP body: {type(exc).__name__}: {exc}")
    if len(data) > max_bytes:
        return TooLarge(f"record body over the {max_bytes:,}-byte limit for one page")
    return RawInput(source=path, data=data, sha256=sha256(data),
                    media_type=_PAGE_TYPES.get(media) if media else None, url=url or None)
