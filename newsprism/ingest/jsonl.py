"""JSON Lines of already-extracted articles, read as a stream of records.

Each record stands or falls alone: a line that is not JSON, nests too deeply,
holds a number where a date belongs, an object where a string belongs, NaN, a
lone surrogate or control bytes is one ``BadRecord`` (NP109) that says what was
wrong, and the lines after it go on. Lines are split on ``"\\n"`` only (a raw
U+2028, U+2029 or U+0085 inside a JSON string is part of that string), each
line is decoded on its own, and the cap is per record, not per file.

A file is read as a stream (:func:`iter_file`): block by block, gunzipped as
it is read, and passed on in shares of about SHARE_BYTES of whole lines, each
stored and extracted in turn, so the memory a file takes does not grow with
it; a line over the per-record cap is skipped as it is read, never held.

Duplicate ids (the stated policy): within one share, the last record with an
id is its article; an earlier record with that id is a warning (NP119) naming
the line that supersedes it, or saying it was repeated unchanged. The bytes of
each share stay in the store, so no version is lost. Across shares and files,
see the extract stage: a changed record replaces the stored one as its new
version, with a warning; an unchanged one is the same article.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsprism.errors import (BadCompression, BadRecord, DuplicateId, EmptyInput, InputError, NewsprismError,
                              Unreadable)
from newsprism.types import RawInput

#: bytes one record may hold (one line): the decode limit for one page
MAX_RECORD_BYTES = 16 * 1024 * 1024
#: how deep a record's values may nest; real records nest two levels (a list of strings in an object)
MAX_DEPTH = 32
#: fields that hold one string (or null)
STRING_FIELDS = ("title", "published", "outlet", "url", "language", "section")
#: fields that hold a list of strings; "authors" may also be one string
LIST_FIELDS = ("authors", "tags", "captions", "cites")
FIELDS = STRING_FIELDS + LIST_FIELDS

_CHUNK = 1 << 20


@dataclass(slots=True)
class Record:
    """One good record: its line, its id and text, and the other fields it gives (checked types)."""

    lineno: int
    id: str
    text: str
    fields: dict[str, Any]


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _depth(value: Any, limit: int) -> bool:
    """True when ``value`` nests no deeper than ``limit`` (iterative: no recursion on hostile input)."""
    stack = [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, (list, dict)):
            if d > limit:
                return False
            stack.extend((c, d + 1) for c in (v.values() if isinstance(v, dict) else v))
    return True


def _check_text(name: str, value: str) -> str | None:
    """Why a string cannot be kept, or None."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = value[exc.start]
        return f"\"{name}\" holds a lone surrogate (\\u{ord(bad):04x}), which is not text"
    return None


def _checked(row: Any, lineno: int) -> Record | str:
    """The record, or what is wrong with it."""
    if not isinstance(row, dict):
        return f"a record must be a JSON object, not {_kind(row)}"
    if not _depth(row, MAX_DEPTH):
        return f"values nest deeper than {MAX_DEPTH} levels"
    if "id" not in row or row["id"] is None:
        return "\"id\" is missing"
    rid = row["id"]
    if isinstance(rid, bool) or not isinstance(rid, (str, int)):
        return f"\"id\" must be a string or an integer, not {_kind(rid)}"
    rid = str(rid)
    if not rid.strip():
        return "\"id\" is empty"
    text = row.get("text")
    if not isinstance(text, str):
        return "\"text\" is missing" if text is None else f"\"text\" must be a string, not {_kind(text)}"
    for name, value in (("id", rid), ("text", text)):
        why = _check_text(name, value)
        if why:
            return why
    fields: dict[str, Any] = {}
    for name in STRING_FIELDS:
        value = row.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            return f"\"{name}\" must be a string, not {_kind(value)}"
        why = _check_text(name, value)
        if why:
            return why
        fields[name] = value
    for name in LIST_FIELDS:
        value = row.get(name)
        if value is None:
            continue
        if name == "authors" and isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            wrong = _kind(value) if not isinstance(value, list) else \
                "a list holding " + _kind(next(v for v in value if not isinstance(v, str)))
            return f"\"{name}\" must be a list of strings, not {wrong}"
        for v in value:
            why = _check_text(name, v)
            if why:
                return why
        fields[name] = list(value)
    return Record(lineno, rid, text, fields)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _blocks(fh: Any) -> Iterator[bytes]:
    """A seekable binary stream as blocks of UTF-8 bytes, read one block at a time: gunzipped as it is read,
    a UTF-16/32 file (with its byte order mark) re-encoded. A broken gzip stream raises as it is reached."""
    magic = fh.read(2)
    fh.seek(0)
    read = fh.read
    if magic == b"\x1f\x8b":
        # read1: what one compressed block gives, so the lines before a break are passed on before it is reached
        read = gzip.GzipFile(fileobj=fh).read1
    block = read(_CHUNK)
    enc = next((e for bom, e in _BOMS if block.startswith(bom)), None)
    if enc is None:
        while block:
            yield block
            block = read(_CHUNK)
        return
    decoder = codecs.getincrementaldecoder(enc)(errors="replace")
    while block:
        yield decoder.decode(block).encode("utf-8")
        block = read(_CHUNK)
    yield decoder.decode(b"", final=True).encode("utf-8")


def _raw_lines(blocks: Iterator[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number, the line's bytes without its "\\n") for each line of ``blocks``; None for a line over
    MAX_RECORD_BYTES, whose bytes are skipped as they come, never held. Only "\\n" ends a line."""
    lineno = 0
    buf = bytearray()
    over = False
    for block in blocks:
        start = 0
        while True:
            nl = block.find(b"\n", start)
            end = nl if nl >= 0 else len(block)
            if not over:
                if len(buf) + end - start > MAX_RECORD_BYTES + 1:     # + 1: a "\r" before the "\n"
                    over = True
                    buf = bytearray()
                else:
                    buf += block[start:end]
            if nl < 0:
                break
            lineno += 1
            yield lineno, None if over else bytes(buf)
            buf, over, start = bytearray(), False, nl + 1
    if buf or over:
        yield lineno + 1, None if over else bytes(buf)


def _clean(line: bytes, lineno: int) -> bytes:
    """A line without its "\\r", and the first line without a UTF-8 byte order mark."""
    if line.endswith(b"\r"):
        line = line[:-1]
    if lineno == 1 and line.startswith(codecs.BOM_UTF8):
        line = line[3:]
    return line


def _lines(data: bytes, first_line: int = 1) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes without the line end) for each line of ``data`` (numbered from ``first_line``); None
    for a line over MAX_RECORD_BYTES."""
    for n, line in _raw_lines(_blocks(io.BytesIO(data))):
        lineno = first_line + n - 1
        yield lineno, None if line is None else _clean(line, lineno)


def _parse(line: bytes, lineno: int) -> Record | str:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = line.decode("cp1252")      # an undeclared Western file; the JSON must still be sound
        except UnicodeDecodeError as exc:
            return f"bytes that are not UTF-8 text at column {exc.start + 1}"
    try:
        row = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        return "values nest too deeply to read"
    except ValueError as exc:
        msg = getattr(exc, "msg", None) or str(exc)
        pos = getattr(exc, "colno", None)
        return f"not JSON: {msg}" + (f" (column {pos})" if pos else "")
    return _checked(row, lineno)


def _ids(data: bytes, first_line: int) -> tuple[dict[str, int], dict[str, str]]:
    """Pass one: the last line of each id, and a digest of that line's record."""
    last: dict[str, int] = {}
    digest: dict[str, str] = {}
    try:
        for lineno, line in _lines(data, first_line):
            if line is None or not line.strip():
                continue
            rec = _parse(line, lineno)
            if isinstance(rec, Record):
                last[rec.id] = lineno
                digest[rec.id] = _digest(rec)
    except (OSError, EOFError, zlib.error):
        pass        # pass two reports the broken stream
    return last, digest


def _digest(rec: Record) -> str:
    return hashlib.sha256(json.dumps([rec.text, rec.fields], sort_keys=True).encode("utf-8")).hexdigest()


def read_records(data: bytes, source: str, first_line: int = 1) -> Iterator[Record | NewsprismError]:
    """Every record of a JSON Lines input, in order: a good one as a ``Record``, a bad one as a ``BadRecord``
    (its ``source`` is ``SOURCE:LINE``), a superseded one as a ``DuplicateId`` warning. Never raises.

    ``data`` is a whole (small) input or one share of a file that :func:`iter_file` read as a stream, whose
    first line is the file's line ``first_line``."""
    last, digest = _ids(data, first_line)
    seen_any = False
    try:
        for lineno, line in _lines(data, first_line):
            where = f"{source}:{lineno}"
            if line is None:
                yield BadRecord(f"line {lineno} is over the {MAX_RECORD_BYTES:,}-byte limit for one record",
                                source=where)
                seen_any = True
                continue
            if not line.strip():
                continue
            seen_any = True
            rec = _parse(line, lineno)
            if isinstance(rec, str):
                yield BadRecord(f"line {lineno}: {rec}", source=where)
                continue
            final = last.get(rec.id, lineno)
            if final != lineno:
                same = _digest(rec) == digest[rec.id]
                warn = DuplicateId(
                    f"line {lineno}: id {rec.id!r} is given again on line {final}"
                    + (" unchanged; kept once" if same else
                       ", changed: that line is the article's newer version (this one stays in the stored file)"),
                    source=where)
                yield warn
                continue
            yield rec
    except (OSError, EOFError, zlib.error) as exc:
        yield BadCompression(f"the compressed JSON Lines file breaks off: {exc}", source=source)
        return
    if not seen_any:
        yield EmptyInput("the input is empty" if not data else "the input holds only whitespace", source=source)


#: bytes of lines one stored share of a JSON Lines file holds (at least one line): the file is read, stored and
#: extracted share by share, so no step holds more than a share and one record of it, whatever its size
SHARE_BYTES = 1024 * 1024


def iter_file(path: str, source: str | None = None) -> Iterator[RawInput | NewsprismError]:
    """A JSON Lines file (plain or gzipped) read as a stream: its lines in shares of about SHARE_BYTES, each
    share a ``RawInput`` (``first_line`` says where it starts) that :func:`read_records` reads; a line over
    MAX_RECORD_BYTES is one ``BadRecord`` in its place, and the lines after it go on. There is no cap on the
    file. A gzip stream that breaks off is one ``BadCompression`` after the shares before it; a file with no
    record is an ``EmptyInput``. Never raises. ``source`` is the name reported (default: ``path``)."""
    from newsprism.ingest.files import media_type_for, sha256

    source = source if source is not None else path
    media = media_type_for(path)
    lines: list[bytes] = []
    size = first = 0
    seen_any = False

    def share() -> RawInput | None:
        nonlocal lines, size
        while lines and not lines[-1].strip():          # blank lines end no share (they count as lines only)
            lines.pop()
        if not lines:
            return None
        data = b"\n".join(lines) + b"\n"
        lines, size = [], 0
        return RawInput(source=source, data=data, sha256=sha256(data), media_type=media, first_line=first)

    try:
        with open(path, "rb") as fh:
            for lineno, line in _raw_lines(_blocks(fh)):
                if line is None:
                    if (done := share()) is not None:
                        yield done
                    seen_any = True
                    yield BadRecord(f"line {lineno} is over the {MAX_RECORD_BYTES:,}-byte limit for one record",
                                    source=f"{source}:{lineno}")
                    continue
                if not lines:
                    if not line.strip():
                        continue            # a share starts at a record
                    first = lineno
                seen_any = True
                lines.append(line)
                size += len(line) + 1
                if size >= SHARE_BYTES:
                    yield share()  # type: ignore[misc]
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        if (done := share()) is not None:
            yield done
        yield BadCompression(f"the compressed JSON Lines file breaks off: {exc}", source=source)
        return
    except PermissionError:
        yield Unreadable(f"permission denied: {source}", source=source)
        return
    except OSError as exc:
        yield Unreadable(f"cannot read {source}: {exc.strerror or exc}", source=source)
        return
    if (done := share()) is not None:
        yield done
    elif not seen_any:
        yield EmptyInput("the input is empty" if os.path.getsize(path) == 0 else "the input holds only whitespace",
                         source=source)


__all__ = ["FIELDS", "MAX_RECORD_BYTES", "Record", "read_records", "iter_file", "InputError"]
