"""Enumerate and read local inputs: files, folders (recursively) and stdin.

Reading never decodes: the bytes are kept exactly as given (the store saves
them with their SHA-256); decoding is the extract stage's job.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsprism.errors import InputError, NotFound, TooLarge, Unreadable, safe_text
from newsprism.types import RawInput

log = logging.getLogger("newsprism")

# Extensions read as pages; anything else in a folder is skipped, and said so in one
# warning per folder (a file named on the command line is always tried).
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".txt", ".txt.gz", ".text", ".jsonl", ".gz",
                 ".warc")
# Bytes kept for one raw input. Larger files are refused before reading so a
# stray disk image cannot fill memory; 64 MiB is 4× the decode limit so an
# over-size page is still stored (and reported) rather than lost.
MAX_RAW_BYTES = 64 * 1024 * 1024


def media_type_for(name: str) -> str:
    low = name.lower()
    if low.endswith(".gz"):
        low = low[:-3]
    if low.endswith(".jsonl"):
        return "application/jsonl"
    if low.endswith((".html", ".htm", ".xhtml")):
        return "text/html"
    if low.endswith((".txt", ".text")):
        return "text/plain"
    return "application/octet-stream"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _walk(folder: Path) -> Iterator[str]:
    def onerror(exc: OSError) -> None:
        raise Unreadable(f"cannot list folder: {exc.strerror}", source=str(exc.filename))

    entries: list[str] = []
    try:
        for root, dirs, files in os.walk(folder, onerror=onerror):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            entries.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
    except Unreadable as exc:
        entries.append(exc.source or str(folder))
    yield from entries


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Each path as given, folders replaced by their page files in sorted order."""
    for p in paths:
        path = Path(p)
        if p != "-" and not p.lower().startswith(("http://", "https://")) and path.is_dir():
            ignored = []
            for f in _walk(path):
                if os.path.isdir(f) or f.lower().endswith(PAGE_SUFFIXES) or not os.access(f, os.R_OK):
                    yield f
                else:
                    ignored.append(os.path.relpath(f, path))
            if ignored:
                shown = ", ".join(safe_text(f) for f in ignored[:5]) + (f" and {len(ignored) - 5} more"
                                                                         if len(ignored) > 5 else "")
                log.warning("skipped %d file(s) in %s not named as pages: %s (a folder is read for %s; a file "
                            "named on the command line is read whatever its name, an .opml list of feeds too)",
                            len(ignored), safe_text(p), shown, " ".join(PAGE_SUFFIXES))
        else:
            yield p


def read_input(source: str, *, max_bytes: int | None = None) -> RawInput:
    """Read one named input; raise an InputError subclass when it cannot be.

    ``max_bytes`` defaults to MAX_RAW_BYTES for a page; a JSON Lines file is a stream of records, each with its
    own cap (``newsprism.ingest.jsonl``), so the file as a whole has none. The RawInput's ``source`` is the name
    as valid UTF-8 (``safe_text``) whatever bytes the file name held; the file is opened by its real name.
    """
    if max_bytes is None:
        max_bytes = -1 if media_type_for(source) == "application/jsonl" else MAX_RAW_BYTES
    if source == "-":
        data = sys.stdin.buffer.read(max_bytes + 1 if max_bytes >= 0 else -1)
    else:
        path = Path(source)
        if not path.exists():
            raise NotFound(f"no such file or folder: {source}", source=source)
        if path.is_dir():
            raise Unreadable(f"cannot read folder: {source}", source=source)
        if not path.is_file():
            raise Unreadable(f"not a regular file (a pipe, socket or device): {source}", source=source)
        try:
            if 0 <= max_bytes < path.stat().st_size:
                raise TooLarge(f"{path.stat().st_size:,} bytes is over the {max_bytes:,}-byte input limit", source=source)
            with path.open("rb") as fh:
                data = fh.read(max_bytes + 1 if max_bytes >= 0 else -1)
        except PermissionError:
            raise Unreadable(f"permission denied: {source}", source=source) from None
        except OSError as exc:
            raise Unreadable(f"cannot read {source}: {exc.strerror or exc}", source=source) from None
    if 0 <= max_bytes < len(data):
        raise TooLarge(f"more than {max_bytes:,} bytes", source=source)
    return RawInput(source=safe_text(source), data=data, sha256=sha256(data), media_type=media_type_for(source))


def iter_inputs(paths: Iterable[str], *, allow_private: bool = False,
                **fetch_settings: Any) -> Iterator[RawInput | InputError]:
    """Read every input; failures are yielded as errors, never raised.

    Besides files, folders and stdin: an http(s) URL is fetched (a feed's
    entries each as a page), an ``.opml`` file stands for its feeds, a
    ``.warc``/``.warc.gz`` file for its HTML response records. Network
    fetches refuse private targets unless ``allow_private``; ``fetch_settings``
    go to ``newsprism.ingest.urls.Fetcher``.
    """
    from newsprism.ingest.stage import many_inputs

    fetchers: list[Any] = []

    def fetcher() -> Any:
        if not fetchers:
            from newsprism.ingest.urls import Fetcher

            fetchers.append(Fetcher(allow_private=allow_private, **fetch_settings))
        return fetchers[0]

    try:
        for source in expand(paths):
            many = many_inputs(source, fetcher)
            if many is not None:
                yield from many
                continue
            try:
                yield read_input(source)
            except InputError as exc:
                exc.source = source
                yield exc
    finally:
        for f in fetchers:
            f.close()
