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
size limit is NP106 for that record; a file that is not WARC, or breaks off in
the middle, is NP118 from that point (the records before it are kept).
"""

from __future__ import annotations

from collections.abc import Iterator
import zlib
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


def _truncated(record: Any) -> bool:
    """True when the file ended before the record's declared Content-Length."""
    raw = record.raw_stream
    while raw.read(65536):
        pass
    return getattr(raw, "limit", 0) > 0


def iter_warc(path: str, *, max_bytes: int = MAX_RECORD_BYTES) -> Iterator[RawInput | InputError]:
    """Every HTML response record of a WARC file; failures are yielded as errors, never raised."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    p = Path(path)
    if not p.exists():
        yield NotFound(f"no such file: {path}", source=path)
        return
    try:
        fh = p.open("rb")
        size = p.stat().st_size
    except OSError as exc:
        yield Unreadable(f"cannot read {path}: {exc.strerror or exc}", source=path)
        return
    records = 0
    end = 0   # where the last complete record ends (compressed offsets for .gz)
    with fh:
        try:
            if not _starts_like_warc(fh):
                yield BadArchive("not a WARC file (no WARC/ or ARC header at the start)", source=path)
                return
            it = ArchiveIterator(fh, arc2warc=True)
            for record in it:
                records += 1
                if record.rec_type is None:
                    yield BadArchive(f"record {records} has no WARC-Type: not a WARC record", source=path)
                    return
                out = _page(record, records, path, max_bytes)
                # warcio knows a record's offset and length once it has been read to its end
                offset, length = int(it.get_record_offset()), int(it.get_record_length())
                end = offset + length
                if out is None:
                    continue
                out.source = f"{path}#{offset}"
                yield out
                if getattr(out, "fatal", False):
                    return
        except ArchiveLoadFailed as exc:
            at = f"after {records} record(s)" if records else "at the start"
            yield BadArchive(f"not a readable WARC file {at}: {str(exc).strip()[:200]}", source=path)
            return
        except (EOFError, OSError, ValueError, zlib.error) as exc:   # truncated gzip member, bad lengths
            yield BadArchive(f"the WARC file breaks off after {records} record(s): {type(exc).__name__}: {exc}",
                             source=path)
            return
        if records and end < size:
            fh.seek(end)
            rest = fh.read(4096)
            if rest.strip(b"\r\n\x00"):
                yield BadArchive(f"the WARC file breaks off after {records} record(s) (at byte {end:,} of {size:,})",
                                 source=f"{path}#{end}")


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
        if len(data) <= max_bytes and _truncated(record):
            err = BadArchive(f"the WARC file breaks off inside record {n} ({url})")
            err.fatal = True   # type: ignore[attr-defined]
            return err
    except Exception as exc:   # a broken chunked body or Content-Encoding in one record
        return BadArchive(f"record {n} ({url}): cannot read the HTTP body: {type(exc).__name__}: {exc}")
    if len(data) > max_bytes:
        return TooLarge(f"record body over the {max_bytes:,}-byte limit for one page")
    return RawInput(source=path, data=data, sha256=sha256(data),
                    media_type=_PAGE_TYPES.get(media) if media else None, url=url or None)
