"""Errors, in one hierarchy with stable codes.

    NewsprismError                  NP000  base of everything newsprism raises
    ├── UsageError                  NP001  bad command-line use or configuration
    ├── InputError                  NP100  one input could not be used (others go on)
    │   ├── NotFound                NP101  path does not exist
    │   ├── Unreadable              NP102  permission denied / I/O error
    │   ├── EmptyInput              NP103  zero bytes, or no text at all
    │   ├── BinaryInput             NP104  not text (image, archive, executable …)
    │   ├── BadEncoding             NP105  bytes that no text encoding explains
    │   ├── TooLarge                NP106  over the size limit
    │   ├── BadCompression          NP107  truncated or corrupt gzip
    │   ├── UnsupportedInput        NP108  a kind of input this version cannot read
    │   ├── BadRecord               NP109  malformed JSON Lines record
    │   ├── Unreachable             NP110  network error: DNS, refused or reset connection
    │   ├── RefusedTarget           NP111  private/loopback/link-local address, or not http(s)
    │   ├── HTTPError               NP112  the server answered an HTTP error status
    │   ├── RobotsDisallowed        NP113  robots.txt disallows newsprism that URL
    │   ├── TooManyRedirects        NP114  more redirects than the limit (or a loop)
    │   ├── BadContentType          NP115  not a page or a feed (image, PDF, octet-stream …)
    │   ├── BadFeed                 NP116  malformed RSS/Atom/JSON Feed or OPML
    │   ├── FetchTimeout            NP117  the server was too slow (total time limit)
    │   ├── BadArchive              NP118  malformed WARC file or record
    │   └── DuplicateId             NP119  a JSON Lines id given again (a warning: the newer version is kept)
    ├── ExtractionError             NP200  no article could be extracted
    │   ├── NoArticle               NP201  the page holds no article text
    │   └── ExtractionTimeout       NP202  extractor ran past its time limit
    ├── StageError                  NP300  a stage failed on a record
    │   └── WorkerCrashed           NP301  the worker process died (memory limit, crash)
    └── StoreError                  NP400  the store could not be opened or written
        ├── SchemaError             NP401  store written by a newer newsprism
        └── StoreBusy               NP402  another process is writing to the store

The code is part of the public output (``error.code`` in ``extract --jsonl``,
``skipped.code`` in the store): codes never change meaning.
"""

from __future__ import annotations

from typing import Any


def safe_text(value: str) -> str:
    """``value`` as valid UTF-8 text: a byte that was not UTF-8 in a file name (kept by Python as a lone
    surrogate, U+DC80–U+DCFF) becomes ``\\xNN``, any other lone surrogate ``\\uNNNN``; other text is unchanged."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    out = []
    for ch in value:
        o = ord(ch)
        if 0xDC80 <= o <= 0xDCFF:
            out.append(f"\\x{o - 0xDC00:02x}")
        elif 0xD800 <= o <= 0xDFFF:
            out.append(f"\\u{o:04x}")
        else:
            out.append(ch)
    return "".join(out)


class NewsprismError(Exception):
    code = "NP000"
    #: "error", or "warning" for an input kept with a repair or a note
    level = "error"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        message = safe_text(message)
        super().__init__(message)
        self.message = message
        self.source = source

    # the source is shown and stored: always valid UTF-8, whatever bytes a file name held
    @property
    def source(self) -> str | None:
        return self._source

    @source.setter
    def source(self, value: Any) -> None:
        self._source = None if value is None else safe_text(str(value))

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class UsageError(NewsprismError):
    code = "NP001"


class InputError(NewsprismError):
    code = "NP100"


class NotFound(InputError):
    code = "NP101"


class Unreadable(InputError):
    code = "NP102"


class EmptyInput(InputError):
    code = "NP103"


class BinaryInput(InputError):
    code = "NP104"


class BadEncoding(InputError):
    code = "NP105"


class TooLarge(InputError):
    code = "NP106"


class BadCompression(InputError):
    code = "NP107"


class UnsupportedInput(InputError):
    code = "NP108"


class BadRecord(InputError):
    code = "NP109"


class Unreachable(InputError):
    code = "NP110"


class RefusedTarget(InputError):
    code = "NP111"


class HTTPError(InputError):
    code = "NP112"


class RobotsDisallowed(InputError):
    code = "NP113"


class TooManyRedirects(InputError):
    code = "NP114"


class BadContentType(InputError):
    code = "NP115"


class BadFeed(InputError):
    code = "NP116"


class FetchTimeout(InputError):
    code = "NP117"


class BadArchive(InputError):
    code = "NP118"


class DuplicateId(InputError):
    code = "NP119"
    level = "warning"


class ExtractionError(NewsprismError):
    code = "NP200"


class NoArticle(ExtractionError):
    code = "NP201"


class ExtractionTimeout(ExtractionError):
    code = "NP202"


class StageError(NewsprismError):
    code = "NP300"


class WorkerCrashed(StageError):
    code = "NP301"


class StoreError(NewsprismError):
    code = "NP400"


class SchemaError(StoreError):
    code = "NP401"


class StoreBusy(StoreError):
    code = "NP402"


def all_codes() -> dict[str, type[NewsprismError]]:
    """Every error class by code (used by docs and tests)."""
    out: dict[str, type[NewsprismError]] = {}
    stack: list[type[NewsprismError]] = [NewsprismError]
    while stack:
        cls = stack.pop()
        out[cls.code] = cls
        stack.extend(cls.__subclasses__())
    return out
