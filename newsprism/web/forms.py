"""Write requests: the token is checked before the body is read, then the form is read under its caps.

The token comes in the ``Authorization: Bearer TOKEN`` header (checked before
any byte of the body is received) or, for a browser form without script, as
the body's first field ``token`` (only the first few KiB are read to find it;
nothing is parsed further until it matches). A body whose first field is not
the token is refused without reading on.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import unquote_plus

from fastapi import Request
from starlette.datastructures import FormData
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser

from newsprism.web.errors import WebError

#: the most of a body read to find a leading ``token`` field
TOKEN_PREFIX_BYTES = 4096
TOKEN_HELP = ("writing needs the token printed by `newsprism serve` (Authorization: Bearer TOKEN, or a form "
              "whose first field is `token`)")


def _leading_token(prefix: bytes, ctype: str) -> str | None:
    """The value of the body's first field when it is ``token``, else None."""
    if ctype.startswith("application/x-www-form-urlencoded"):
        first = prefix.split(b"&", 1)[0]
        name, _, value = first.partition(b"=")
        if name != b"token" or (b"&" not in prefix and len(prefix) >= TOKEN_PREFIX_BYTES):
            return None
        return unquote_plus(value.decode("latin-1"))
    m = re.search(r'boundary="?([^";,]+)"?', ctype)
    if not m:
        return None
    boundary = re.escape(m.group(1).encode())
    part = re.match(rb"(?:\r\n)*--" + boundary + rb"\r\n((?:[^\r\n]+\r\n)*?)\r\n(.*?)\r\n--" + boundary, prefix, re.S)
    if not part:
        return None
    headers = part.group(1).decode("latin-1").lower()
    if not re.search(r'content-disposition:\s*form-data;\s*name="?token"?\s*(\r\n|$)', headers):
        return None
    return part.group(2).decode("utf-8", errors="replace")


async def read_form(request: Request, site: Any, *, max_bytes: int, max_files: int = 0,
                    max_fields: int = 1000) -> FormData:
    """The request's form, after its token is checked; WebError 401/413/415/400 otherwise."""
    ctype = request.headers.get("content-type", "")
    multipart = ctype.startswith("multipart/form-data")
    if not multipart and not ctype.startswith("application/x-www-form-urlencoded"):
        raise WebError(415, "send multipart/form-data or a urlencoded form, the token in an Authorization: Bearer "
                            "header or as the form's first field `token`")
    auth = request.headers.get("authorization", "")
    body = bytearray()
    chunks = request.stream()
    if auth:
        supplied = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        if not site.authorized(supplied):
            raise WebError(401, TOKEN_HELP, "bad_token" if supplied else "token_required")
    else:
        async for chunk in chunks:
            body += chunk
            if len(body) >= TOKEN_PREFIX_BYTES:
                break
        supplied = _leading_token(bytes(body[:TOKEN_PREFIX_BYTES]), ctype)
        if not site.authorized(supplied):
            raise WebError(401, TOKEN_HELP, "bad_token" if supplied else "token_required")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise WebError(413, f"the request is over {max_bytes:,} bytes", "upload_too_large")
    async for chunk in chunks:
        body += chunk
        if len(body) > max_bytes:
            raise WebError(413, f"the request is over {max_bytes:,} bytes", "upload_too_large")
    if len(body) > max_bytes:
        raise WebError(413, f"the request is over {max_bytes:,} bytes", "upload_too_large")

    async def stream() -> AsyncIterator[bytes]:
        yield bytes(body)
        yield b""

    try:
        parser = (MultiPartParser(request.headers, stream(), max_files=max_files, max_fields=max_fields,
                                  max_part_size=256 * 1024) if multipart
                  else FormParser(request.headers, stream()))
        return await parser.parse()
    except MultiPartException as exc:
        too_many = "Too many files" in exc.message
        raise WebError(413 if too_many else 400, f"{exc.message} (at most {max_files} files)"
                       if too_many else exc.message, "too_many_files" if too_many else "bad_form") from None
