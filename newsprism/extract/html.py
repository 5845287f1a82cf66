"""Article extraction from an HTML page.

``extract_html(html, url=...)`` → :class:`newsprism.types.Extracted`.

The body comes from trafilatura (run without comments, the setting behind
its published benchmark score), re-rendered block by block from its XML
body so that paragraphs are separated by one blank line, then passed
through a few generic boilerplate filters (see :mod:`html_filters`).  Where
the fast mode's body reads as navigation, trafilatura's full comparison is
tried; where the page cut the article into several containers of one class
(advertisements between them), the ones after the extracted part are added
(``_continuation``); where the page writes the article as text runs parted
by ``<br>`` and trafilatura kept the later runs but lost the container's
opening one, the opening is put back (``_loose_leads``).  The
metadata is read from the page itself with lxml — OpenGraph / article:* /
Dublin Core meta tags and JSON-LD — because those keep the time and zone
of publication that trafilatura's day-only date drops; trafilatura's own
metadata is the fallback for every field.

Measured (issue 20; ``python -m benchmarks extract`` and ``peers``; every
rule below is about page structure, and each was checked on the sets it was
not written from):

=================================  ==========================  ==========================
change                             extraction-dev F1 (61 p.)   peers-dev checks / MediaCloud
=================================  ==========================  ==========================
before (main 5e1b7c6)              0.9847 (A 0.9841 B 0.9852)  201/210 (trafilatura 201)
lead that is the page's own        unchanged                   unchanged; 1 of 200 MC pages
teaser (linked from a "latest"                                 gets its lead back
box) is not a link block
container's opening text put back  0.9865 (macrumors, ign:     unchanged; no MC page changes
                                   the pages it came from)
paragraph = an image's alt/title   0.9868 (appleinsider)       unchanged; captions of 4 MC
is its caption                                                 pages dropped, nothing else
short line of digits above the     unchanged                   one peer page and 12 MC pages
text is a stamp                                                lose a leading time stamp
=================================  ==========================  ==========================

Halves of the dev pages (``bench_peers.half``): A 0.9841 → 0.9854, B
0.9852 → 0.9880.  Speed against trafilatura (``bench_html``, 7 alternated
rounds, a shared machine at load 4–5 on 2 cores; six runs each, main and
this alternated): main 0.97–1.16× (median 1.06), this 0.95–1.14× (median
1.03) — the spread is the machine's load: under callgrind two passes over 16
dev pages cost this 5,231 M instructions, main 5,242 M.  Tried and left out: keeping
a standfirst written as a heading under the headline (trafilatura's checks
like it, the dev gold does not: F1 0.9865 → 0.9831), dropping a closing
block that asks readers to follow the author (right on one dev page, wrong
on one MediaCloud page), and trafilatura's full comparison for short bodies
(better on two MediaCloud pages, worse on two).

Session 17 (same measures; "from" is where the miss was read: dev half A or
B, or a MediaCloud (MC) page; the other half and the peer pages check it):

=================================  ==========================  ==========================
change (from)                      dev F1 (A / B)              peers-dev checks / MediaCloud
=================================  ==========================  ==========================
before (b744fef)                   0.9868 (0.9854 / 0.9880)    201/210 (trafilatura 201)
fragment under a housekeeping      0.9871 (0.9860 / 0.9880)    unchanged; no MC page changes
block at the end (A: barrons)
continuation may add a class       unchanged                   unchanged; 1 MC page gets its
name (MC: engadget)                                            second half (5 paragraphs)
styled subheading put back         0.9877 (0.9863 / 0.9889)    unchanged; no MC page changes
(B: politifact; A's politifact
page gains one too)
first section's heading kept       unchanged (ign, A)          unchanged; 1 MC, 2 peer pages
(A: ign)                                                       keep a section heading
headline opens the article         0.9879 (0.9863 / 0.9892)    unchanged; 4 MC pages lose
(B: macrumors)                                                 breadcrumbs or labels
note under a "___" rule at the     0.9881 (0.9868 / 0.9892)    unchanged; 2 MC pages lose an
end (A: AP, ign)                                               AP note
clock time + year = stamp          0.9883 (0.9868 / 0.9895)    unchanged; 5 MC pages lose a
(B: autoracing)                                                stamp
fragments above a stamp (MC)       unchanged                   unchanged; 2 MC pages
closing label "…:" (MC)            unchanged                   unchanged; 2 MC, 2 peer pages
short block holding "©" is a       0.9890 (0.9868 / 0.9909)    unchanged; 1 MC page
credit (B: inexhibit)
=================================  ==========================  ==========================

MediaCloud dates unchanged (0.910; htmldate 0.890).  Speed (``bench_html``,
runs alternated with b744fef, load 4–5): b744fef 1.09×, 1.03×, 1.06×, 1.07×
(CPU 1.05×, 1.05×, 1.03×, 1.06×), this 1.12×, 1.05×, 1.07×, 1.03× (CPU 1.04×,
1.05×, 1.01×, 1.04×); the new pre-scans are 0.6 % of ``extract_html``'s profile.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import unicodedata
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from newsprism.errors import NoArticle
from newsprism.extract.html_filters import AnchorIndex, filter_blocks, image_text_key, reads_like_navigation
from newsprism.extract.outlet import infer as infer_outlet
from newsprism.extract.metadata import (
    detect_language,
    find_cites,
    country_local_day,
    is_utc_stamp,
    normalize_date,
    publication_date,
    strip_site_name,
    title_date,
)
from newsprism.types import Extracted

__all__ = ["EXTRACTOR_NAME", "extract_html"]

EXTRACTOR_NAME = "html/trafilatura+filters"

# trafilatura logs every discarded page at WARNING/ERROR; extraction failures
# are reported through NoArticle instead.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

_WS = re.compile(r"\s+")

#: JSON-LD @type values that denote the article itself.
_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle",
    "blogposting", "socialmediaposting", "liveblogposting", "report",
    "scholarlyarticle", "techarticle", "webpage", "creativework",
}

#: Meta names/properties that carry the publication time, best first.
_DATE_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished", "published_time", "article.published", "pubdate", "publishdate",
    "publish-date", "publish_date", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "date",
    "originalpublicationdate", "article_date_original", "cxenseparse:recs:publishtime",
)


#: Invisible characters a page uses for layout, not text: the soft hyphen
#: (a hyphenation hint: "Wirt\u00adschaft" is the word "Wirtschaft"), the word
#: joiner and a stray byte-order mark.
_INVISIBLE = re.compile("[\u00ad\u2060\ufeff]")


_INVISIBLE_CHARS = ("\u00ad", "\u2060", "\ufeff")


def _clean(s: Any) -> str | None:
    if not isinstance(s, str):
        return None
    # (an ASCII string holds none of them: its test costs nothing)
    if not s.isascii() and any(c in s for c in _INVISIBLE_CHARS):
        s = _INVISIBLE.sub("", s)
    # str.split() splits on the characters regex \s matches (str.isspace)
    s = " ".join(s.split())
    # composed characters: a page may write "ü" as u + combining diaeresis
    # (NFD); searching, comparing and deduplicating need one form
    if not s.isascii():
        s = unicodedata.normalize("NFC", s)
    return s or None


# ---------------------------------------------------------------------------
# parsing
# ---------------------------------------------------------------------------


_PARSER = None


def _parser():
    """trafilatura's HTML parser settings, with every element an ``HtmlElement``.

    lxml.html's own parser picks each element's Python class by a Python
    callback (form fields get their own classes), called again whenever an
    element is handed to Python — about one call in twelve of the whole
    extraction's function calls here.  A fixed class, chosen in C, serves
    trafilatura and this module alike (neither uses the form classes): the
    same output on the dev pages, about 5 % faster.
    """
    global _PARSER
    if _PARSER is None:
        from lxml import etree
        from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction

        parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                            remove_comments=True, remove_pis=True)
        parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
            element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
        _PARSER = parser
    return _PARSER


@functools.cache
def _invalid_xml_chars() -> tuple[str, ...]:
    """The characters trafilatura's ``INVALID_XML_CHARS`` removes, one by one."""
    from trafilatura.utils import INVALID_XML_CHARS

    return tuple(c for c in [*map(chr, range(32)), "\ufffe", "\uffff"] if INVALID_XML_CHARS.match(c))


def _repair(html: str, beginning: str) -> str:
    """``trafilatura.utils.repair_faulty_html`` (pinned 2.3.1), with its
    regexes: the characters XML does not allow removed, a self-closing
    doctype and ``<html/>`` opened.  The first step is its cost: a regex pass
    over the whole page, for characters a page rarely holds; here a string
    search for each of them (2.6x faster on the dev pages) tells first
    whether the pass is needed."""
    from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS

    if any(c in html for c in _invalid_xml_chars()):
        html = INVALID_XML_CHARS.sub("", html)
    if "doctype" in beginning:
        firstline, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", firstline, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            html = FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    return html


def _parse(html: str):
    """``trafilatura.utils.load_html`` for a decoded page, with ``_parser()``:
    the same repairs (:func:`_repair`) and the same test that the result is
    HTML at all."""
    from lxml.html import fromstring
    from trafilatura.utils import is_dubious_html

    beginning = html[:50].lower()
    html = _repair(html, beginning)
    tree = None
    try:
        tree = fromstring(html, parser=_parser())
    except ValueError:   # a str with an encoding declaration: parse its bytes
        tree = None
    except Exception:
        return None
    if tree is None or len(tree) < 1:
        try:
            tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=_parser())
        except Exception:
            return None
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _load(html: str):
    """lxml tree as trafilatura would parse it, or None."""
    tree = _parse(html)
    if tree is None:
        # fragments ("<p>text</p>") are rejected by trafilatura's sanity check
        tree = _parse("<html><body>" + html + "</body></html>")
    return tree


# ---------------------------------------------------------------------------
# page metadata
# ---------------------------------------------------------------------------


def _collect(tree) -> dict[str, list]:
    """The elements metadata is read from, in one pass over the tree."""
    found: dict[str, list] = {"meta": [], "script": [], "link": [], "title": [], "figcaption": [], "time": [],
                              "img": []}
    for el in tree.iter("meta", "script", "link", "title", "figcaption", "time", "img"):
        found[el.tag].append(el)
    return found


def _meta_tags(elements, *, content_only: bool = False) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for el in elements:
        content = el.get("content")
        if content is None and not content_only:
            content = el.get("value")
        content = _clean(content)
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                out.setdefault(key.strip().lower(), []).append(content)
    return out


def _meta_authors(elements) -> list[str]:
    tags = _meta_tags(elements, content_only=True)
    return [a for k in ("author", "article:author", "dc.creator", "byl", "sailthru.author") for a in tags.get(k, [])]


def _jsonld_objects(scripts) -> list[dict]:
    objs: list[dict] = []

    def walk(node: Any, depth: int = 0) -> None:
        if depth > 6 or len(objs) > 200:
            return
        if isinstance(node, list):
            for x in node:
                walk(x, depth + 1)
        elif isinstance(node, dict):
            objs.append(node)
            for key in ("@graph", "mainEntity", "itemListElement"):
                if key in node:
                    walk(node[key], depth + 1)

    for el in scripts:
        if "ld+json" not in (el.get("type") or "").lower():
            continue
        raw = el.text or ""
        if not raw.strip():
            continue
        try:
            data = json.loads(raw.strip().rstrip(";"))
        except (ValueError, RecursionError):
            continue
        walk(data)
    return objs


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {x.lower() for x in t if isinstance(x, str)}
    return set()


def _ld_article(objs: list[dict]) -> dict:
    """The JSON-LD object describing the article (most specific type first)."""
    best, best_rank = {}, 99
    order = ["newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
             "article", "blogposting", "liveblogposting", "report"]
    for obj in objs:
        types = _types(obj)
        if not types & _ARTICLE_TYPES:
            continue
        rank = min((order.index(t) for t in types if t in order), default=len(order))
        if "datepublished" in {k.lower() for k in obj} and rank < best_rank:
            best, best_rank = obj, rank
        elif not best and rank < best_rank:
            best, best_rank = obj, rank
    return best


def _ld_names(value: Any) -> list[str]:
    out: list[str] = []
    if isinstance(value, str):
        c = _clean(value)
        if c:
            out.append(c)
    elif isinstance(value, dict):
        c = _clean(value.get("name"))
        if c:
            out.append(c)
    elif isinstance(value, list):
        for v in value[:20]:
            out.extend(_ld_names(v))
    return out


def _split_list(value: Any) -> list[str]:
    if isinstance(value, list):
        items: list[str] = []
        for v in value:
            items.extend(_split_list(v))
        return items
    if not isinstance(value, str):
        return []
    return [c for c in (_clean(x) for x in re.split(r"[,;|]", value)) if c]


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for x in items:
        k = x.casefold()
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


def _norm_lang_attr(value: str | None) -> str | None:
    """ISO 639-1 from a lang attribute / og:locale ("en-US", "en_GB" → "en")."""
    if not value:
        return None
    m = re.match(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*\s*$", value)
    return m.group(1).lower() if m else None


def _precision(iso: str) -> int:
    return len(iso)


def _pick_date(candidates: list[str | None]) -> str | None:
    """First parseable date; a later one of the same day with more precision wins."""
    best: str | None = None
    for c in candidates:
        iso = normalize_date(c) if c else None
        if not iso:
            continue
        if best is None:
            best = iso
        elif iso[:10] == best[:10] and _precision(iso) > _precision(best):
            best = iso
    return best


def _first(*values: Any) -> str | None:
    for v in values:
        if isinstance(v, list):
            v = v[0] if v else None
        c = _clean(v) if isinstance(v, str) else None
        if c:
            return c
    return None


def _page_metadata(tree) -> dict[str, Any]:
    found = _collect(tree)
    meta = _meta_tags(found["meta"])
    ld = _ld_article(_jsonld_objects(found["script"]))
    ldl = {k.lower(): v for k, v in ld.items()} if ld else {}

    def m(*keys: str) -> list[str]:
        out: list[str] = []
        for k in keys:
            out.extend(meta.get(k, []))
        return out

    dates: list[str | None] = []
    ld_date = ldl.get("datepublished")
    if isinstance(ld_date, list):
        ld_date = ld_date[0] if ld_date else None
    if isinstance(ld_date, str):
        dates.append(ld_date)
    dates.extend(m(*_DATE_KEYS))
    for el in found["time"]:   # <meta itemprop=datePublished> is in _DATE_KEYS already
        if (el.get("itemprop") or "").lower() == "datepublished":
            dates.append(el.get("datetime") or el.text)
            break

    publisher = ldl.get("publisher")
    pub_names = _ld_names(publisher) if publisher else []

    canonical = None
    for el in found["link"]:
        if (el.get("rel") or "").strip().lower() == "canonical" and el.get("href"):
            canonical = el.get("href").strip()
            break

    title_el = found["title"][0] if found["title"] else None
    html_lang = None
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    for el in (root, root.find("body")):
        if el is not None and (el.get("lang") or el.get("xml:lang")):
            html_lang = el.get("lang") or el.get("xml:lang")
            break

    captions: list[str] = []
    for el in found["figcaption"]:
        try:
            c = _clean(el.text_content())
        except Exception:
            c = None
        if c:
            captions.append(c)

    ld_mep = ldl.get("mainentityofpage")
    if isinstance(ld_mep, dict):
        ld_mep = ld_mep.get("@id") or ld_mep.get("url")

    return {
        "title": _first(m("og:title", "twitter:title"), ldl.get("headline"),
                        title_el.text if title_el is not None else None),
        # a <meta name=author> states it in content=; one with value= (not
        # HTML) is a blog template's designer on the peer pages, not the writer
        "authors": _normalize_authors(_ld_names(ldl.get("author")) or _meta_authors(found["meta"])),
        "ld_headline": _first(ldl.get("headline")),
        "published": _pick_date(dates),
        "outlet": infer_outlet([*m("og:site_name"), *pub_names, *m("application-name"),
                                *("@" + h.lstrip("@") for h in m("twitter:site"))]),   # a handle, "@" or not
        "url": _first(canonical, m("og:url"), ldl.get("url"), ld_mep),
        "og_url": _first(m("og:url")),
        "language": _first(html_lang, m("content-language", "og:locale", "dc.language"), ldl.get("inlanguage")),
        "section": _first(m("article:section", "section", "parsely-section"), _split_list(ldl.get("articlesection"))),
        "tags": _dedupe(_split_list(m("article:tag", "news_keywords", "keywords", "parsely-tags")) + _split_list(ldl.get("keywords"))),
        "captions": _dedupe(captions),
        # an image's description, which a caption outside <figcaption> repeats
        "image_texts": frozenset(k for el in found["img"] for v in (el.get("alt"), el.get("title"))
                                 if v and (k := image_text_key(v))),
        "description": _first(m("og:description", "description", "twitter:description"), ldl.get("description")),
    }


# ---------------------------------------------------------------------------
# body
# ---------------------------------------------------------------------------


#: Elements of trafilatura's XML (and the HTML its fallbacks may leave) that
#: sit inside a line of text: their text joins their neighbours' as it is
#: ("<ref>venv</ref>, a tool" is "venv, a tool").  Any other element inside a
#: block (<lb/>, a nested paragraph or list) parts the words around it.
_INLINE = frozenset(("hi", "ref", "del", "code", "span", "a", "b", "i", "em", "strong", "u", "s", "sub", "sup",
                     "small", "mark", "abbr", "font", "q", "time", "cite"))


def _space_blocks(body) -> None:
    """Put a space around every non-inline element under *body*'s blocks, so
    that the blocks' text is the plain concatenation of their text nodes."""
    for el in body.iter():
        tag = el.tag
        if not isinstance(tag, str) or tag in _INLINE or el.getparent() is body or el is body:
            continue
        el.text = " " + el.text if el.text else " "
        el.tail = " " + el.tail if el.tail else " "


def _block_text(el) -> str:
    """Text of one trafilatura XML block (after :func:`_space_blocks`):
    <lb/> becomes a space, list items and table rows join by newline."""
    if el.tag in ("list",):
        parts = [_clean("".join(item.itertext())) for item in el.iter("item")]
        return "\n".join(p for p in parts if p)
    if el.tag == "table":
        rows = []
        for row in el.iter("row"):
            cells = [_clean("".join(c.itertext())) for c in row.iter("cell")]
            cells = [c for c in cells if c]
            if cells:
                rows.append(" | ".join(cells))
        return "\n".join(rows)
    return _clean("".join(el.itertext())) or ""


def _blocks(body) -> list[tuple[str, str]]:
    """(tag, text) for each top-level block of trafilatura's XML body."""
    out: list[tuple[str, str]] = []
    if body is None:
        return out
    _space_blocks(body)
    if body.text and body.text.strip():
        out.append(("p", _clean(body.text) or ""))
    for el in body:
        if not isinstance(el.tag, str):
            continue
        txt = _block_text(el)
        if txt:
            out.append((el.tag, txt))
        if el.tail and el.tail.strip():
            out.append(("p", _clean(el.tail) or ""))
    return [(t, x) for t, x in out if x]


def _section_heads(body) -> frozenset[str]:
    """Texts of the headings above the body's first paragraph that have the
    level of a heading below it: the first section's heading of an article
    cut into sections (a list of deals, an "about us" page), not a headline
    variant or a kicker, whose levels the body's own headings do not share.
    A heading closed by a full stop is a sentence (a standfirst, a notice),
    no section's name."""
    if body is None:
        return frozenset()
    children = [el for el in body if el.tag in ("p", "head")]
    first_p = next((k for k, el in enumerate(children) if el.tag == "p"), len(children))
    levels = {el.get("rend") for el in children[first_p:] if el.tag == "head"} - {None}
    return frozenset(t for el in children[:first_p]
                     if el.tag == "head" and el.get("rend") in levels and (t := _block_text(el))
                     and not t.endswith((".", "。")))


def _trafilatura_metadata(tree, page: dict[str, Any], html: str):
    """trafilatura's metadata steps, minus the ones this module does itself.

    Same sources as ``trafilatura.metadata.extract_metadata``: meta tags
    (``examine_meta``), the title fallback from the markup, the site name
    from the ``<title>``, and htmldate — but JSON-LD, categories, tags and
    the licence are read by ``_page_metadata`` (one pass over the tree), and
    htmldate runs only when the page states no date in its metadata.  The
    author fallback from the markup is :func:`_author_from_markup`.
    """
    from trafilatura.metadata import examine_meta, extract_sitename, extract_title

    md = examine_meta(tree)
    if md.author and " " not in md.author:   # as trafilatura: one-word "authors" are handles
        md.author = None
    if not md.title:
        md.title = page.get("ld_headline") or extract_title(tree)
    if not md.sitename and not page.get("outlet"):
        md.sitename = extract_sitename(tree)
    if not page.get("published") or is_utc_stamp(page["published"]):
        # htmldate reads the day from the page itself (markup, visible dates,
        # URL): the date when the metadata states none, and the local day
        # beside a UTC timestamp (see metadata.publication_date).  Its
        # extensive search (free-text dates) is its best setting on its own
        # evaluation pages, and on this project's peer benchmark.
        from htmldate import find_date

        # Without a stated date htmldate gets the page's text, not
        # trafilatura's parse of it: its own parser keeps markup that
        # trafilatura's drops (on one peer page the two disagree); beside a
        # stated timestamp the parse at hand does (no second parse).
        md.date = find_date(tree if page.get("published") else html, extensive_search=True,
                            original_date=True, outputformat="%Y-%m-%d")
    return md


# trafilatura's AUTHOR_DISCARD_XPATHS as a per-element test (see
# _author_from_markup): comment lists, sidebars, quotes, dates, figures.
_AUTHOR_DISCARD_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_AUTHOR_DISCARD_CLASS = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
    r"article-(?:share|support)|print|category|meta-date|meta-reviewer"
)


def _author_discarded(el) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("time", "figure"):
        return True
    if tag not in ("a", "div", "section", "span"):
        return False
    ident, cls = el.get("id") or "", el.get("class") or ""
    return (ident == "comments" or cls in ("comments", "title", "date")
            or bool(_AUTHOR_DISCARD_ID.search(ident)) or bool(_AUTHOR_DISCARD_CLASS.search(cls))
            or "Figure" in (el.get("data-component") or ""))


def _author_text(el) -> str:
    parts: list[str] = []

    def walk(node) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if not _author_discarded(child):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return " ".join(" ".join(parts).split())


# trafilatura's three AUTHOR_XPATHS (trafilatura.xpaths, pinned 2.3.1) as
# tests on one element, so that one pass over the page finds the candidates
# of all three: its XPaths call a Python regex for every element with a class
# or id, three times over the page.  Same matches, same (document) order.
_AX1_TAGS = frozenset(("a", "address", "div", "link", "p", "span", "strong"))
_AX1_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_AX2_TAGS = frozenset(("a", "div", "h3", "h4", "p", "span"))
_AX2_CLASSES = frozenset(("byline", "username", "byl", "BBL"))
_AX2_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_AX2_CLASS = re.compile(r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_AX3_ID = re.compile(r"[Aa]uthor")
_AX3_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")
#: the elements any of the three could match: only elements with one of
#: these attributes reach the Python tests (XPath contains() tests on the
#: attributes instead measured 2x slower than the Python ones)
_AX_PREFILTER = "//*[@class or @id or @rel or @itemprop or @data-testid or @data-component or rel] | //author"
#: what any of the three tests needs of a class or id: the patterns and
#: names above, merged (derived from them, so they cannot drift apart), so
#: that the many elements none of them could match are passed over with
#: one search each
_AX_ANY_CLASS = re.compile("|".join((_AX1_CLASS.pattern, _AX2_CLASS.pattern, _AX3_CLASS.pattern,
                                     *map(re.escape, sorted(_AX2_CLASSES)))))
_AX_ANY_ID = re.compile("|".join((_AX2_ID.pattern, _AX3_ID.pattern)))


def _author_candidates(tree) -> tuple[list, list, list]:
    first: list = []
    second: list = []
    third: list = []
    rel_parents = {r.getparent() for r in tree.iter("rel")}
    for el in tree.xpath(_AX_PREFILTER):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        get = el.get
        cls, ident, itemprop = get("class"), get("id"), get("itemprop")
        if not (tag == "author" or (cls is not None and _AX_ANY_CLASS.search(cls))
                or (ident is not None and _AX_ANY_ID.search(ident))
                or (itemprop is not None and "author" in itemprop) or get("rel") == "author"
                or get("data-testid") in ("AuthorCard", "AuthorURL") or "Byline" in (get("data-component") or "")
                or el in rel_parents):
            continue
        if tag == "author" or (tag in _AX1_TAGS and (
                get("rel") == "author" or ident == "author" or cls == "author" or itemprop == "author name"
                or get("data-testid") in ("AuthorCard", "AuthorURL")
                or any(c.tag == "rel" and c.text_content() == "me" for c in el.iterchildren("rel"))
                or (cls is not None and _AX1_CLASS.search(cls)))):
            first.append(el)
        if tag in _AX2_TAGS and (
                cls in _AX2_CLASSES or (itemprop is not None and "author" in itemprop)
                or (ident is not None and _AX2_ID.search(ident))
                or (cls is not None and _AX2_CLASS.search(cls))):
            second.append(el)
        if ("Byline" in (get("data-component") or "") or (itemprop is not None and "author" in itemprop)
                or (ident is not None and _AX3_ID.search(ident))
                or (cls is not None and _AX3_CLASS.search(cls))):
            third.append(el)
    return first, second, third


def _author_from_markup(tree) -> str | None:
    """trafilatura's ``extract_author`` (byline elements by its
    ``AUTHOR_XPATHS``, nothing inside comments/sidebars/dates/figures), but
    testing each candidate's ancestors instead of pruning a deep copy of the
    whole tree: same answers on the dev pages at a fifth of the cost."""
    from trafilatura.metadata import normalize_authors

    for candidates in _author_candidates(tree):
        for el in candidates:
            if _author_discarded(el) or any(_author_discarded(a) for a in el.iterancestors()):
                continue
            content = _author_text(el)
            if content and 2 < len(content) < 120:
                return normalize_authors(None, content)
    return None


def _normalize_authors(names: list[str]) -> list[str]:
    from trafilatura.metadata import normalize_authors

    out: list[str] = []
    for n in names:
        try:
            norm = normalize_authors(None, n)
        except Exception:
            norm = n
        out.extend(a.strip() for a in (norm or "").split(";") if a.strip())
    return out


class _Body:
    __slots__ = ("body", "text")

    def __init__(self, body, text: str) -> None:
        self.body, self.text = body, text


_OPTIONS: dict[bool, Any] = {}


def _extractor_options(fast: bool = True):
    if fast not in _OPTIONS:
        from trafilatura.settings import Extractor

        _OPTIONS[fast] = Extractor(
            output_format="python",
            # comments are not article text; leaving them out is also the
            # setting behind trafilatura's published score here (F1 0.962)
            comments=False,
            tables=True,
            # fast: skip trafilatura's readability/jusText fallback comparison
            # (same F1 on the dev pages, 0.962 both ways, at ~1.3x the speed);
            # the full comparison runs only where the fast body fails the
            # checks in extract_html (a menu, or nothing but boilerplate)
            fast=fast,
        )
    return _OPTIONS[fast]


def _run_trafilatura(tree, url: str | None, fast: bool = True):
    """trafilatura's body extraction on *tree*, which it modifies.

    ``bare_extraction`` deep-copies a tree it is handed; this module hands
    over its own parse after reading everything else from it, so the copy
    is skipped by calling the same pipeline step (``trafilatura_sequence``,
    pinned trafilatura 2.3.1) directly.  Falls back to ``bare_extraction``
    if that internal function is not there.
    """
    try:
        from trafilatura.core import trafilatura_sequence
    except ImportError:  # pragma: no cover - other trafilatura versions
        trafilatura_sequence = None
    if trafilatura_sequence is not None:
        options = _extractor_options(fast)
        postbody, temp_text, _comments, _temp_comments = trafilatura_sequence(tree, options, url)
        if len(temp_text) < options.min_output_size:
            return None
        return _Body(postbody, temp_text)
    import trafilatura  # pragma: no cover

    doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, include_tables=True, fast=fast)
    return _Body(doc.body, doc.text or "") if doc is not None else None


def _drop_head(tree) -> None:
    """Empty the ``<head>`` once the metadata has been read from it, but for
    its JSON-LD: trafilatura's cleaning deletes the head before extracting,
    and of its earlier steps only the forum test and the JSON rescue read it,
    both its JSON-LD alone.  Fewer elements to copy and to search: 1.8 %
    fewer instructions for the whole of ``extract_html`` on 16 dev pages
    (callgrind), the same bodies."""
    for head in tree.iterfind("head"):
        for el in list(head):
            if not (el.tag == "script" and "ld+json" in (el.get("type") or "").lower()):
                head.remove(el)


def _full_extraction(html: str, url: str | None, captions: list[str], title: str | None,
                     anchors: AnchorIndex, images: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """Filtered blocks of trafilatura's full (not fast) extraction, or [] when
    it finds nothing better: no article, or again navigation."""
    tree = _load(html)
    if tree is None:
        return []
    try:
        doc = _run_trafilatura(tree, url, fast=False)
        blocks = _blocks(doc.body) if doc is not None else []
        sections = _section_heads(doc.body) if doc is not None else frozenset()
    except Exception:
        return []
    kept = filter_blocks(blocks, captions, title, anchors, keep_all=False, image_texts=images,
                         section_heads=sections)
    return [] if not kept or reads_like_navigation(kept, anchors) else kept


# ---------------------------------------------------------------------------
# an article body cut into several containers
# ---------------------------------------------------------------------------

#: A container continues the article when it holds at least this many
#: paragraphs of at least ``CONTINUATION_MIN_WORDS`` words (teaser cards and
#: author boxes hold one or two; an article's next part holds many).
CONTINUATION_MIN_PARAGRAPHS = 3
CONTINUATION_MIN_WORDS = 15


class _Part:
    __slots__ = ("paragraphs", "first", "last", "article", "classes")

    def __init__(self, first: int, article, classes: frozenset[str]) -> None:
        self.paragraphs: list[str] = []
        self.first = self.last = first
        self.article = article
        self.classes = classes

    def kin(self, other: _Part) -> bool:
        """Of one kind: one's class names are all among the other's (a part may
        add a modifier class, "article-text" beside "article-text no-review")."""
        return self.classes <= other.classes or other.classes <= self.classes


def _body_parts(tree) -> tuple[dict[tuple, list[_Part]], list[int]]:
    """The page's paragraph containers that share their tag and first class
    name with another one holding enough prose (``CONTINUATION_MIN_*``), in
    document order, with their paragraphs' text; and the positions of the
    ``<h1>``s.

    Some layouts cut the article body into several containers of one class
    with advertisements between them; trafilatura takes the first.  Read
    before trafilatura prunes the tree."""
    parts: dict[tuple, dict] = {}
    heads: list[int] = []
    for k, el in enumerate(tree.iter("p", "h1")):
        if el.tag == "h1":
            heads.append(k)
            continue
        parent = el.getparent()
        cls = parent.get("class") if parent is not None else None
        if not cls or cls.isspace():
            continue
        classes = cls.split()
        by_el = parts.setdefault((parent.tag, classes[0]), {})
        part = by_el.get(parent)
        if part is None:
            part = by_el[parent] = _Part(k, next(parent.iterancestors("article"), None), frozenset(classes))
        part.paragraphs.append(el)
        part.last = k
    out: dict[tuple, list[_Part]] = {}
    for sig, by_el in parts.items():
        # a continuation comes after the first container and holds enough paragraphs
        if len(by_el) < 2 or not any(len(pt.paragraphs) >= CONTINUATION_MIN_PARAGRAPHS
                                     for pt in list(by_el.values())[1:]):
            continue
        for part in by_el.values():
            part.paragraphs = [t for t in (_clean(p.text_content()) for p in part.paragraphs) if t]
        prose = [pt for pt in by_el.values()
                 if sum(len(t.split()) >= CONTINUATION_MIN_WORDS for t in pt.paragraphs) >= CONTINUATION_MIN_PARAGRAPHS]
        if prose:
            out[sig] = list(by_el.values())
    return out, heads


def _continuation(parts: dict[tuple, list[_Part]], heads: list[int], body: str) -> list[str]:
    """Paragraphs of containers that continue the extracted body: of the same
    tag and kind (:meth:`_Part.kin`) as the container the body came from,
    after it in the page with no ``<h1>`` (another article's headline)
    between them, in the same ``<article>`` element, with enough prose none
    of which was extracted."""
    if not parts:
        return []

    def found(t: str) -> bool:
        return t[:80] in body

    out: list[str] = []
    for seq in parts.values():
        base = None
        for part in seq:
            prose = [t for t in part.paragraphs if len(t.split()) >= CONTINUATION_MIN_WORDS]
            if base is None:
                if prose and sum(map(found, prose)) * 2 >= len(prose):
                    base = part
                continue
            if (len(prose) >= CONTINUATION_MIN_PARAGRAPHS and not any(map(found, prose))
                    and part.article is base.article and part.kin(base)
                    and not any(base.last < h < part.first for h in heads)):
                out.extend(part.paragraphs)
                base = part
    return out


# ---------------------------------------------------------------------------
# a container's own opening text
# ---------------------------------------------------------------------------

#: Elements whose own text (not in a <p>) may open an article body.
_LOOSE_TEXT_CONTAINERS = ("div", "section", "article", "td", "main")


def _loose_leads(tree) -> list[tuple[str, list[str]]]:
    """Containers that open with their own text, outside any paragraph
    element, and hold more loose text after it: ``(opening, [later runs])``.

    Pages that write the article as text runs parted by ``<br>`` (or by empty
    or link elements) hand trafilatura runs it reads as paragraphs, except
    the first one, the text before the container's first child element,
    which it drops unless the container is the frame it chose.  The
    opening is a paragraph of prose (``CONTINUATION_MIN_WORDS`` words or
    more, inline markup included); the later runs are the tails of the
    container's children.  Read before trafilatura prunes the tree."""
    out: list[tuple[str, list[str]]] = []
    for el in tree.iter(*_LOOSE_TEXT_CONTAINERS):
        text = el.text
        if not text or text.isspace() or len(el) == 0:
            continue
        parts = [text]
        rest = []
        opening = True
        for child in el:
            tag = child.tag
            if opening and isinstance(tag, str) and tag in _INLINE:
                parts.append(child.text_content())
                if child.tail:
                    parts.append(child.tail)
                continue
            opening = False
            if child.tail and not child.tail.isspace():
                rest.append(child.tail)
        lead = _clean("".join(parts))
        if not lead or len(lead.split()) < CONTINUATION_MIN_WORDS:
            continue
        later = [t for t in (_clean(x) for x in rest) if t and len(t.split()) >= CONTINUATION_MIN_WORDS]
        if later:
            out.append((lead, later))
    return out


def _restore_leads(leads: list[tuple[str, list[str]]], kept: list[tuple[str, str]],
                   accept: Callable[[str], bool]) -> list[tuple[str, str]]:
    """*kept* with each missing container opening put back before the first
    block holding one of the same container's later runs: the body came
    from that container, and its first run was lost on the way.  An opening
    is put back only where *accept* (the block filters) takes it."""
    if not leads or not kept:
        return kept
    body = "\n".join(t for _, t in kept)
    out = list(kept)
    for lead, later in leads:
        if lead[:80] in body:
            continue
        found = next((t[:80] for t in later if t[:80] in body), None)
        if found is None:
            continue
        k = next((k for k, (_, t) in enumerate(out) if found in t), None)
        if k is not None and accept(lead):
            out.insert(k, ("p", lead))
            body += "\n" + lead
    return out


# ---------------------------------------------------------------------------
# subheadings written as styled containers
# ---------------------------------------------------------------------------

#: A class name that marks a container as a heading ("pf_subheadline",
#: "subhead", "article-subtitle", "crosshead").
_HEADING_CLASS = re.compile(r"head|title", re.I)
#: A subheading is at most this many words (a headline runs 5–15).
SUBHEADING_MAX_WORDS = 15
#: The paragraphs around a subheading are prose: at least this many words each.
SUBHEADING_NEIGHBOUR_WORDS = 10


def _styled_subheadings(tree) -> list[tuple[str, str, str]]:
    """Subheadings written as a ``<div>`` or ``<span>`` of a heading class,
    holding text alone, between two paragraphs of prose: ``(heading, the
    paragraph before, the paragraph after)``.  trafilatura keeps the
    paragraphs and drops the container between them.  Read before
    trafilatura prunes the tree."""
    out: list[tuple[str, str, str]] = []
    for el in tree.iter("div", "span"):
        if len(el) or not el.text or el.text.isspace():
            continue
        cls = el.get("class")
        if not cls or not _HEADING_CLASS.search(cls):
            continue
        prev, nxt = el.getprevious(), el.getnext()
        if prev is None or nxt is None or prev.tag != "p" or nxt.tag != "p" or (prev.tail or "").strip():
            continue
        text = _clean(el.text)
        before, after = _clean(prev.text_content()), _clean(nxt.text_content())
        if (text and before and after and len(text.split()) <= SUBHEADING_MAX_WORDS
                and min(len(before.split()), len(after.split())) >= SUBHEADING_NEIGHBOUR_WORDS):
            out.append((text, before, after))
    return out


def _restore_subheadings(heads: list[tuple[str, str, str]], kept: list[tuple[str, str]],
                         accept: Callable[[str], bool]) -> list[tuple[str, str]]:
    """*kept* with each styled subheading put back between its two paragraphs
    where the body holds them one after the other and *accept* (the block
    filters) takes the heading."""
    if not heads or not kept:
        return kept
    out = list(kept)
    for text, before, after in heads:
        k = next((k for k in range(len(out) - 1) if out[k][1].endswith(before[-80:])
                  and out[k + 1][1].startswith(after[:80])), None)
        if k is not None and accept(text):
            out.insert(k + 1, ("head", text))
    return out


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Extract the article body and metadata of one decoded HTML page.

    Raises :class:`newsprism.errors.NoArticle` when the page holds no
    article text (including unparseable input); never raises anything else
    for any ``str`` input.
    """
    if not isinstance(html, str) or not html.strip():
        raise NoArticle("empty page", source=url)
    # NUL and other C0 controls break lxml's parser
    html = html.replace("\x00", "")
    tree = _load(html)
    if tree is None:
        raise NoArticle("not parseable as HTML", source=url)

    try:
        page = _page_metadata(tree)
    except Exception:  # malformed markup in odd places: metadata is optional
        page = {}
    try:
        md = _trafilatura_metadata(tree, page, html)
    except Exception:
        from trafilatura.settings import Document

        md = Document()
    authors = page.get("authors") or []
    if not authors and md.author:
        authors = [a.strip() for a in md.author.split(";") if a.strip()]
    if not authors:
        try:
            authors = _normalize_authors([_author_from_markup(tree) or ""])
        except Exception:
            authors = []
    try:
        anchors = AnchorIndex(tree, url, (page.get("url"), page.get("og_url")))
    except Exception:
        anchors = AnchorIndex()

    try:
        parts, heads = _body_parts(tree)
    except Exception:
        parts, heads = {}, []
    try:
        leads = _loose_leads(tree)
    except Exception:
        leads = []
    try:
        subheads = _styled_subheadings(tree)
    except Exception:
        subheads = []

    # body last: trafilatura prunes the tree it is given
    _drop_head(tree)
    try:
        doc = _run_trafilatura(tree, url)
    except Exception as err:  # lxml / recursion errors inside trafilatura
        raise NoArticle(f"extraction failed: {type(err).__name__}", source=url) from None
    if doc is None:
        raise NoArticle("no article text found", source=url)
    try:
        blocks = _blocks(doc.body)
        sections = _section_heads(doc.body)
    except Exception:
        blocks = [("p", line) for line in (doc.text or "").splitlines()]
        sections = frozenset()
    outlet = page.get("outlet") or infer_outlet([md.sitename], url=page.get("url") or url)
    title = strip_site_name(_clean(md.title) or page.get("title"), outlet, page.get("url") or url)
    captions = page.get("captions") or []
    images = page.get("image_texts") or frozenset()
    kept = filter_blocks(blocks, captions, title, anchors, keep_all=False, image_texts=images,
                         section_heads=sections)
    if not kept or reads_like_navigation(kept, anchors):
        # the fast mode found a menu, a page of links or only boilerplate (a
        # subscription pitch): trafilatura's full comparison with its
        # readability and jusText fallbacks, on a fresh parse (the first one
        # is pruned); its body replaces the fast one unless it is no better
        kept = _full_extraction(html, url, captions, title, anchors, images) or kept or \
            filter_blocks(blocks, captions, title, anchors, image_texts=images, section_heads=sections)
    # the openings and subheadings pass the same filters as any block (a byline, a promotion)
    def accept(t: str) -> bool:
        return bool(filter_blocks([("p", t)], captions, None, anchors, keep_all=False, image_texts=images))

    kept = _restore_leads(leads, kept, accept)
    kept = _restore_subheadings(subheads, kept, accept)
    more = _continuation(parts, heads, "\n".join(t for _, t in kept))
    if more:
        kept = kept + filter_blocks([("p", t) for t in more], captions, None, anchors, keep_all=False,
                                    image_texts=images)
    blocks = kept

    paragraphs = []
    for _, txt in blocks:
        paragraphs.extend(p.strip() for p in txt.split("\n") if p.strip())
    text = unicodedata.normalize("NFC", "\n\n".join(paragraphs))
    if not re.search(r"\w", text):
        raise NoArticle("no article text found", source=url)

    page_url = page.get("url") or md.url or url
    if page_url and url and not re.match(r"^[a-z][a-z0-9+.-]*://", page_url, re.I):
        try:
            page_url = urljoin(url, page_url)
        except ValueError:
            pass
    published = publication_date(page.get("published"), md.date)
    if not page.get("published"):
        # no date in the metadata: a date closing the title is the page's own
        published = title_date(page.get("title")) or published
    if page.get("published") and published == page["published"] and (not md.date or md.date[:10] == published[:10]):
        # a UTC stamp that nothing on the page puts on another day: the time
        # it is where the site's country domain says it publishes, when that
        # is another day (metadata.country_local_day)
        published = country_local_day(published, page_url or url) or published
    # the page's declared language when it states one, else detection
    language = _norm_lang_attr(page.get("language")) or detect_language(text)
    tags = page.get("tags") or _dedupe(_split_list(md.tags or []))

    return Extracted(
        text=text,
        title=title,
        authors=_dedupe(authors),
        published=published,
        outlet=outlet,
        url=page_url or None,
        language=language,
        section=page.get("section") or _first(md.categories or []),
        tags=tags,
        captions=page.get("captions") or [],
        cites=find_cites(text),
        description=page.get("description") or _clean(md.description),
        extractor=EXTRACTOR_NAME,
    )
