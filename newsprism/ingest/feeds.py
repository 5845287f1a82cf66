"""Feeds and OPML: RSS, Atom and JSON Feed into entry links; each entry becomes a fetch of its page.

RSS (0.9x, 1.0, 2.0) and Atom are parsed by feedparser (from bytes, never
letting it fetch or open anything itself); JSON Feed (1.0, 1.1) by our own
reader. A feed that declares XML entities is refused (no legitimate feed needs
them; they are how entity-expansion bombs work). A malformed feed from which
no entry can be recovered is NP116; one that is malformed but still yields
entries goes on (feedparser's lenient parser recovers what it can).

OPML is read with defusedxml (no DTDs, no entities, no external references)
and written with the standard library: every ``<outline xmlUrl=…>`` at any
depth is a feed.

Each entry's link is fetched as a page (the full article, whatever the feed
carries: a summary or the full text): the article then has the page's own
metadata (outlet, authors, dates), as it would from the outlet's site.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
import xml.sax
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import feedparser
from feedparser.urls import RelativeURIResolver

from newsprism.errors import BadFeed, InputError, NewsprismError
from newsprism.ingest.urls import FEED_TYPES, PAGE_TYPES, Fetcher, Response, check_url, to_raw
from newsprism.types import RawInput

#: entries taken from one feed (newest first, as feeds list them)
MAX_ENTRIES = 200
#: pages fetched at once for one feed (each host still gets one request at a time)
FEED_WORKERS = 4

_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)[\s>/]")
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html)[\s>]", re.I)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_JSON_FEED = "https://jsonfeed.org/version/"
_SNIFF_TYPES = frozenset({"application/xml", "text/xml", "application/json", "text/plain"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(slots=True)
class FeedEntry:
    link: str
    id: str
    title: str | None = None
    summary: str | None = None
    published: str | None = None


@dataclass(slots=True)
class Feed:
    url: str
    kind: str                       # "rss", "atom", "json"
    title: str | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    warning: str | None = None      # malformed but recovered


def looks_like_feed(data: bytes, media_type: str | None) -> bool:
    """True for feed bytes: a feed content type, or XML/JSON whose root is a feed."""
    if media_type in FEED_TYPES - _SNIFF_TYPES:
        return True
    if media_type not in _SNIFF_TYPES and media_type is not None:
        return False
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return _JSON_FEED.encode() in data[:65536]
    m = _FEED_ROOT.search(head)
    if m is None:
        return media_type in ("application/xml", "text/xml")   # XML that is not a feed: say so (NP116)
    html = _HTML_ROOT.search(head)
    return html is None or html.start() > m.start()


def parse_feed(data: bytes, url: str) -> Feed:
    """Parse RSS, Atom or JSON Feed bytes; raise BadFeed when no feed is there."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return _parse_json_feed(data, url)
    if _declares_entities(data):
        raise BadFeed("the feed declares XML entities (refused: entity expansion)")
    # no document address given to feedparser: it would resolve every relative value against it, entry ids
    # too ("right" -> "https://host/feeds/right"), and an id is an opaque name; links, and the links inside
    # titles and summaries, are resolved below
    parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-type": "application/xml"})
    version = parsed.get("version") or ""
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    bozo = exc if isinstance(exc, xml.sax.SAXException) else None
    kind = "atom" if version.startswith("atom") else "rss"
    feed = Feed(url=url, kind=kind, title=_markup(parsed.feed, "title", url),
                warning=f"malformed feed, entries recovered: {bozo}" if bozo else None)
    for e in parsed.entries:
        raw = e.get("link") or next((lk.get("href") for lk in e.get("links", []) if lk.get("href")), None)
        if not raw:
            continue
        link = _resolve(url, raw)
        feed.entries.append(FeedEntry(
            link=link, id=str(e.get("id") or link), title=_markup(e, "title", url),
            summary=_markup(e, "summary", url), published=e.get("published") or e.get("updated") or None))
    if not feed.entries and parsed.entries:
        raise BadFeed(f"none of the feed's {len(parsed.entries)} entries has a link to a page to fetch")
    if not feed.entries and (bozo or not version):
        why = f"malformed XML ({bozo})" if bozo else "not an RSS or Atom feed"
        raise BadFeed(f"no feed entries could be read: {why}")
    return feed


def _resolve(url: str, ref: str) -> str:
    """*ref* (already resolved by feedparser against any xml:base) relative to the feed's own address."""
    try:
        return urljoin(url, ref)
    except ValueError:
        return ref      # not a URL ("http://[x"): kept, its fetch fails as that entry's own error


def _markup(node: Any, key: str, url: str) -> str | None:
    """A title or summary as feedparser gives it; in HTML or XHTML, the links and images that are relative
    to the feed's address made absolute (feedparser resolves only against xml:base: it is not given the
    address, which would also rewrite opaque ids)."""
    value = node.get(key) or None
    detail = node.get(f"{key}_detail") or {}
    if value and "<" in value and detail.get("type") in _HTML_TYPES:
        resolver = _UriResolver(_resolve(url, detail.get("base") or ""), "utf-8", detail["type"])
        resolver.feed(value)
        value = resolver.output()
    return value


class _UriResolver(RelativeURIResolver):
    """feedparser's resolver of relative URIs in markup, run after its sanitizer: an address the sanitizer
    emptied (``javascript:…``) stays empty instead of becoming the feed's own address."""

    def resolve_uri(self, uri: str) -> str:
        return super().resolve_uri(uri) if uri.strip() else uri


def _declares_entities(data: bytes) -> bool:
    """True when the document declares an XML entity anywhere (the whole document is searched, in UTF-16 or
    UTF-32 too: a declaration after the first bytes, or in a wide encoding, is still a declaration)."""
    if _ENTITY_DECL.search(data):
        return True
    if b"\x00" not in data[:4] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    for enc in ("utf-32", "utf-16", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "<!entity" in text.lower():
            return True
    return False


def _parse_json_feed(data: bytes, url: str) -> Feed:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BadFeed(f"malformed JSON Feed: {exc}") from None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(_JSON_FEED):
        raise BadFeed("JSON, but not a JSON Feed (no https://jsonfeed.org/version/ version)")
    items = doc.get("items")
    if not isinstance(items, list):
        raise BadFeed("JSON Feed without an items list")
    feed = Feed(url=url, kind="json", title=doc.get("title") if isinstance(doc.get("title"), str) else None)
    for item in items:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        if not isinstance(link, str) or not link:
            continue
        try:
            link = urljoin(url, link)
        except ValueError:      # e.g. an invalid IPv6 host in the link
            continue
        feed.entries.append(FeedEntry(
            link=link, id=str(item.get("id") or link), title=_str(item.get("title")),
            summary=_str(item.get("summary")), published=_str(item.get("date_published") or item.get("date_modified"))))
    if not feed.entries and items:
        raise BadFeed(f"none of the JSON Feed's {len(items)} items has a url to a page to fetch")
    return feed


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) and v else None


# -- fetching ---------------------------------------------------------------------------------------
def fetch_feed(url: str, fetcher: Fetcher, *, etag: str | None = None, last_modified: str | None = None) -> Feed:
    """Fetch and parse one feed, with a conditional GET when ``etag``/``last_modified`` are known.

    A 304 answer is a Feed with ``status`` 304 and no entries.
    """
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    resp = fetcher.get(url, accept=FEED_TYPES | PAGE_TYPES, headers=headers)
    if resp.status == 304:
        return Feed(url=url, kind="", status=304, etag=resp.etag or etag,
                    last_modified=resp.last_modified or last_modified)
    if not looks_like_feed(resp.data, resp.media_type):
        raise BadFeed(f"not a feed (content type {resp.media_type or 'unknown'})")
    feed = parse_feed(resp.data, resp.url)
    feed.url, feed.status, feed.etag, feed.last_modified = url, resp.status, resp.etag, resp.last_modified
    return feed


def fetch_pages(links: Iterable[str], fetcher: Fetcher, *, workers: int = FEED_WORKERS) -> Iterator[RawInput | InputError]:
    """Each link fetched as a page, in order; a failure is yielded as its error (source = the link)."""
    def one(link: str) -> RawInput | InputError:
        try:
            return to_raw(fetcher.get(link, accept=PAGE_TYPES), source=link)
        except InputError as exc:
            exc.source = link
            return exc
        except Exception as exc:   # one bad page never stops a feed
            err = InputError(f"{type(exc).__name__}: {exc}", source=link)
            return err

    links = list(links)
    if workers <= 1 or len(links) <= 1:
        yield from map(one, links)
        return
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="newsprism-fetch") as pool:
        yield from pool.map(one, links)


def entry_links(feed: Feed, *, max_entries: int = MAX_ENTRIES) -> list[str]:
    links: list[str] = []
    for entry in feed.entries[:max_entries]:
        try:
            check_url(entry.link)
        except NewsprismError:
            continue
        if entry.link not in links:
            links.append(entry.link)
    return links


def url_inputs(url: str, fetcher: Fetcher, *, max_entries: int = MAX_ENTRIES) -> Iterator[RawInput | InputError]:
    """A URL as given: a page → its RawInput; a feed → a RawInput per entry page."""
    try:
        resp = fetcher.get(url, accept=PAGE_TYPES | FEED_TYPES)
        if not looks_like_feed(resp.data, resp.media_type):
            yield to_raw(resp, source=url)
            return
        feed = parse_feed(resp.data, resp.url)
    except InputError as exc:
        exc.source = url
        yield exc
        return
    if feed.warning:
        warn = BadFeed(feed.warning, source=url)
        warn.level = "warning"   # type: ignore[attr-defined]
        yield warn
    yield from fetch_pages(entry_links(feed, max_entries=max_entries), fetcher)


# -- OPML -----------------------------------------------------------------------------------------------
def read_opml(data: bytes) -> list[tuple[str, str | None]]:
    """(feed URL, title) for every outline with an xmlUrl, in document order."""
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    try:
        root = DET.fromstring(data)
    except (ET.ParseError, DefusedXmlException) as exc:
        raise BadFeed(f"malformed OPML: {exc}") from None
    if root.tag.lower() != "opml":
        raise BadFeed(f"not an OPML file (root element <{root.tag}>)")
    out: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for node in root.iter():
        if not isinstance(node.tag, str) or node.tag.lower() != "outline":
            continue
        attrs = {k.lower(): v for k, v in node.attrib.items()}
        url = (attrs.get("xmlurl") or "").strip()
        if url and url not in seen:
            seen.add(url)
            out.append((url, attrs.get("title") or attrs.get("text") or None))
    return out


def write_opml(feeds: Iterable[tuple[str, str | None]], title: str = "newsprism feeds") -> bytes:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(root, "body")
    for url, name in feeds:
        ET.SubElement(body, "outline", type="rss", text=name or url, title=name or url, xmlUrl=url)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def opml_inputs(source: str, data: bytes, fetcher: Fetcher, *,
                max_entries: int = MAX_ENTRIES) -> Iterator[RawInput | InputError]:
    """Every feed of an OPML file, each feed's entries fetched as pages; one bad feed never stops the others."""
    try:
        feeds = read_opml(data)
    except InputError as exc:
        exc.source = source
        yield exc
        return
    for url, _title in feeds:
        yield from url_inputs(url, fetcher, max_entries=max_entries)


__all__ = ["Feed", "FeedEntry", "Response", "entry_links", "fetch_feed", "fetch_pages", "looks_like_feed",
           "opml_inputs", "parse_feed", "read_opml", "url_inputs", "write_opml"]
