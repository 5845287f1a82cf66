"""Extract: a raw page (HTML or a plain-text dump) → the article and its metadata.

``extract_raw`` decodes the bytes, picks the extractor by what the content
is (not only what its name says), and adds metadata computed from the text
(cited outlets, language). It is pure and picklable, so the extract stage can
run it in sandboxed worker processes.
"""

from __future__ import annotations

import re

from newsprism.ingest.decode import decode
from newsprism.types import Extracted, RawInput

_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_TAG = re.compile(r"</?(?:p|div|span|a|br|li|td|script|meta|h[1-6])\b[^>]*>", re.I)


def looks_like_html(text: str, media_type: str | None = None) -> bool:
    """True for markup: an HTML start, or a text dense with tags whatever its file name."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    if media_type == "text/html":
        return bool(_TAG.search(head)) or "<" in head
    return len(_TAG.findall(head)) >= 8


def extract_text(text: str, *, media_type: str | None = None, url: str | None = None) -> Extracted:
    """Extract from already-decoded text."""
    from newsprism.extract.metadata import detect_language, find_cites
    from newsprism.extract.outlet import infer as infer_outlet

    if looks_like_html(text, media_type):
        from newsprism.extract.html import extract_html

        result = extract_html(text, url=url)
    else:
        from newsprism.extract.textdump import extract_dump

        result = extract_dump(text, url=url)
    result.input_chars = len(text)
    # one name per outlet, whatever the extractor read it from; the page's domain when it names none
    result.outlet = infer_outlet([result.outlet], url=result.url or url)
    if not result.cites:
        result.cites = find_cites(result.text)
    if not result.language:
        result.language = detect_language(result.text)
    return result


def extract_raw(raw: RawInput) -> Extracted:
    """Decode and extract one raw input; raises InputError / ExtractionError subclasses."""
    decoded = decode(raw.data)
    result = extract_text(decoded.text, media_type=raw.media_type, url=raw.url)
    result.warnings = list(decoded.warnings) + list(result.warnings)
    return result


__all__ = ["extract_raw", "extract_text", "looks_like_html"]
