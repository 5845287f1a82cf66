"""Bytes → text, or a coded error that says why not.

Order of evidence for the encoding, strongest first: a byte-order mark; a
charset declared inside the document (``<meta charset>``, ``http-equiv``, an
XML declaration); strict UTF-8; then a statistical guess by charset-normalizer,
preferring windows-1252 among equally plausible single-byte guesses, as the
WHATWG encoding standard does for undeclared Western pages. Text that is UTF-8
save for a few broken sequences is kept, the sequences replaced by U+FFFD, and
a warning says how many.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from dataclasses import dataclass, field

import charset_normalizer

from newsprism.errors import BadCompression, BadEncoding, BinaryInput, EmptyInput, TooLarge

# 16 MiB of decoded text: the largest real article page in the dev set is under
# 1 MiB; a page 16× over that is an error page, a dump or an attack.
MAX_TEXT_BYTES = 16 * 1024 * 1024
# Share of control bytes (not tab/newline/CR/FF) above which input is binary.
# Text in any encoding has almost none; 1 % leaves room for stray junk.
BINARY_CONTROL_RATIO = 0.01
# A "mostly UTF-8" text: at most this share of invalid sequences per character.
MAX_INVALID_UTF8_RATIO = 0.002

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_XML_DECL = re.compile(rb"""^<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_GZIP_MAGIC = b"\x1f\x8b"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF",
    b"MZ", b"RIFF", b"OggS", b"\x00\x00\x01\x00", b"BZh", b"\xfd7zXZ", b"Rar!",
)


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (code, message)


def gunzip(data: bytes, limit: int = MAX_TEXT_BYTES) -> bytes:
    """Decompress gzip data, refusing truncated streams and zip bombs."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as exc:
        raise BadCompression(f"corrupt gzip stream: {exc}") from None
    if len(out) > limit:
        raise TooLarge(f"decompresses to more than {limit:,} bytes (limit)")
    if not d.eof:
        raise BadCompression("truncated gzip stream: the file ends before the compressed data does")
    return out


def _declared(data: bytes) -> str | None:
    head = data[:4096]
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    # WHATWG: a page labelled latin-1/ascii is decoded as windows-1252.
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when the bytes read as UTF-16 text without a byte-order mark, else None.

    Text in UTF-16 has a zero byte in most code units (every ASCII character, markup included) and always in
    the same half of them; binary data has zero bytes scattered. The decoding must then be clean: no unpaired
    surrogates and almost no control characters.
    """
    sample = data[:65536]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    units = len(sample) // 2
    if max(even, odd) < 0.3 * units or min(even, odd) > 0.02 * units:
        return None
    encoding = "utf-16-be" if even > odd else "utf-16-le"
    try:
        text = data[: len(data) // 2 * 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text[:32768] if ch < " " and ch not in "\t\n\r\f")
    return encoding if controls <= BINARY_CONTROL_RATIO * min(len(text), 32768) else None


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    return len(_CONTROL.findall(sample)) > BINARY_CONTROL_RATIO * len(sample)


def _guess(data: bytes) -> Decoded:
    """Not valid UTF-8 and nothing declared: mostly-UTF-8, or a statistical guess."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= MAX_INVALID_UTF8_RATIO * max(len(text), 1) and re.search(r"[^\x00-\x7f\ufffd]", text):
        return Decoded(text, "utf-8", [("NP105", f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD")])
    matches = charset_normalizer.from_bytes(data[:1_000_000])
    best = matches.best()
    if best is None:
        raise BadEncoding("no text encoding explains these bytes (not UTF-8, no charset declared, no plausible guess)")
    encoding = best.encoding
    if encoding != "cp1252" and "cp1252" in best.could_be_from_charset:
        encoding = "cp1252"
    elif encoding.startswith("cp125") or encoding.startswith("iso8859"):
        try:
            data.decode("cp1252")
            encoding = "cp1252" if best.chaos >= _chaos(data, "cp1252") else encoding
        except UnicodeDecodeError:
            pass
    return Decoded(data.decode(encoding, errors="replace"), encoding)


def _chaos(data: bytes, encoding: str) -> float:
    for m in charset_normalizer.from_bytes(data[:1_000_000], cp_isolation=[encoding]):
        return float(m.chaos)
    return 1.0


def decode(data: bytes, *, limit: int = MAX_TEXT_BYTES) -> Decoded:
    """Decode one input to text; raise an InputError subclass when it cannot be."""
    if data[:2] == _GZIP_MAGIC:
        data = gunzip(data, limit)
    if not data.strip():
        raise EmptyInput("the input is empty" if not data else "the input holds only whitespace")
    if len(data) > limit:
        raise TooLarge(f"{len(data):,} bytes is over the {limit:,}-byte limit for one page")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(enc, errors="replace"), enc)
    utf16 = _utf16_without_bom(data) if b"\x00" in data[:65536] else None
    if utf16:
        return Decoded(data[: len(data) // 2 * 2].decode(utf16), utf16)
    if _looks_binary(data):
        raise BinaryInput("binary data, not a text or HTML page")
    declared = _declared(data)
    if declared:
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong declaration is common; fall through to evidence
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return _guess(data)
