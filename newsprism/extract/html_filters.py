"""Generic post-filters on trafilatura's output blocks (no site rules).

``newsprism.extract.html`` renders trafilatura's XML body as a list of
``(tag, text)`` blocks (``p``, ``head``, ``list``, ``quote``, ``table`` …).
trafilatura's own link-density test happens inside the page tree; what it
lets through and the benchmark's gold leaves out is mostly

* the headline and the standfirst ("dek") above the first paragraph,
* promotion and housekeeping lines ("Click here to subscribe", "© 2019 …",
  "X contributed reporting", "Related: …"),
* "read next" teaser lists: each item a linked headline plus a teaser,
* link-only lines at the very top or bottom of the body,
* captions written as paragraphs, outside ``<figcaption>``: a paragraph
  whose whole text is an image's ``alt`` or ``title``,
* time stamps and counters above the text ("Mar 28, 2020, 06:15 PM IST"),
  with the site name or byline fragments above them,
* whatever stands above the headline (breadcrumbs, another story's teaser),
* the end of the page around the text: a rule drawn with characters and
  the short note under it, a widget's label under a housekeeping line, a
  closing label ("Read also:"), short credit lines holding "©".

A lead paragraph whose whole text is the text of a link back to the page
itself (the article's teaser in a "latest" box) is not a link block; a
heading above the first paragraph with the level of a heading below it
opens the article's first section and is kept.

trafilatura's output keeps no link markup unless asked to (and asking
changes its extraction: F1 0.957 → 0.949 on the dev pages), so link
density is measured by matching the page's own ``<a>`` texts against each
block (:class:`AnchorIndex`).

Every threshold below was chosen on the 61 extraction-dev pages (see the
comment at each constant); the rules are about page structure and
housekeeping phrases, never about particular sites.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree

_NONWORD = re.compile(r"\W+")
_WORD = re.compile(r"\w")
_WS = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _NONWORD.sub(" ", s.casefold()).strip()


#: How many leading blocks may repeat the headline (headline, kicker,
#: headline again in a share widget …); beyond that a repeat is body text.
TITLE_WINDOW = 3

#: Anchor texts shorter than this are ignored: short in-text links ("Reuters",
#: "here") say nothing about a block; teaser links are whole headlines.  Also
#: the key length of the index.  12 = about two words.
ANCHOR_MIN_CHARS = 12

#: Link share above which a block *anywhere* is a link list, when it holds
#: at least ``LINK_LIST_MIN_ANCHORS`` links.  On the dev pages the junk
#: "don't miss" rows sit at 0.83–0.84 and no gold block with ≥ 2 links
#: exceeds 0.77.
LINK_LIST_DENSITY = 0.8
LINK_LIST_MIN_ANCHORS = 2
#: Paragraphs longer than this are not tested as link rows (saves the
#: link matching on prose, where the time goes): the link rows on the dev
#: pages are 10–35 words.
LINK_LIST_MAX_WORDS = 80
#: Share of list items that begin with a whole link text for the list to be
#: a teaser list ("Headline Teaser sentence" items): junk lists on the dev
#: pages are at 1.0, gold lists at ≤ 0.25.
TEASER_ITEM_SHARE = 0.5

#: Link share at which a block at the *end* of the body is dropped (the
#: trailing scan): half its characters are link text.
TAIL_LINK_DENSITY = 0.5
#: Link share at which a block at the *start* of the body is dropped: only
#: near-fully linked blocks (a gold lead paragraph on the dev pages has 0.62).
HEAD_LINK_DENSITY = 0.9

#: Housekeeping blocks are short; a 60-word block is a real paragraph unless
#: it is at the very end (paywall/subscription pitches run ~50 words).
BOILERPLATE_MAX_WORDS_ANYWHERE = 25
BOILERPLATE_MAX_WORDS_EDGE = 60

#: Housekeeping phrases of news pages (English; the dev and hidden pages are
#: mostly English).  Anchored at the start of the block for the "anywhere"
#: rule; searched anywhere in the block at the edges of the body.
# Phrases written so that ordinary prose does not match them: labels end in
# ":" or end the block, verbs need their housekeeping object ("subscribe to",
# "sign up for our"), and prose words (copyright, affiliate, share, related)
# only count in their boilerplate form ("Copyright 2019", "affiliate links").
_BOILER_COMMON = (
    r"^©|^copyright\b[^.]{0,80}$|\bcopyright\s*(?:©|\(c\)|\d{4})|all rights reserved|"
    r"^subscribe\b|\bsubscribe (?:to|now|today|here)\b|^newsletter\b|\b(?:our|free) newsletter|"
    r"thanks? (?:you )?for (?:signing up|subscribing|reading|watching)|sign up (?:for|to) (?:our|the|free)\b|^sign up\b|"
    r"click here\b|contributed (?:to )?(?:this )?report|filed under\b|"
    r"^comments?(?: \(\d+\))?:?$|^\d+ comments?$|^share (?:this|on|via)\b|"
    r"^(?:also )?read (?:more|next|also)\b|^read more\b|^related(?::| (?:articles?|stories|posts?|coverage|content|links?|reading|news)\b)|"
    r"you (?:may|might) also like|^recommended(?::| for you| (?:articles?|stories|reading|videos?)\b)|"
    r"this copy is for your personal|if you (?:buy|enjoyed|purchase)|affiliate (?:link|commission)s?|"
    r"error (?:has occurred|processing)|^thanks?(?: you)?[.!]*$|^write to .{0,60}@|"
    r"^see more\b|^don'?t miss\b|^advertisement$|^sponsored(?: content| by\b|:)|^print article$|^order reprints$|"
    r"^(?:more|also) (?:from|on|in) [^.]{0,60}$|^watch(?: the)? (?:video|live|now)\b|^watch:|"
    r"^listen to (?:this|the) (?:article|story|podcast)|^follow (?:us|me|him|her)\b|^follow @"
)
_BOILER_ANY = re.compile(_BOILER_COMMON, re.I)
# the "anywhere" rule: a housekeeping phrase that *starts* the block
_BOILER_START = re.compile(r"^(?:" + _BOILER_COMMON.replace("|^", "|").lstrip("^") + r")", re.I)
# where a link text may begin: the start of the text or after a non-word character
_WORD_START = re.compile(r"(?<!\w)\S")


def image_text_key(text: str) -> str:
    """The form in which :func:`filter_blocks` compares a paragraph with an
    image's description: the text with its runs of white space made one space
    (a paragraph's text is that already)."""
    return " ".join(text.split())


def _host(url: str | None) -> str | None:
    """The host of an absolute http(s) link without "www.", or None (relative links stay on the site)."""
    m = re.match(r"^\s*(?:https?:)?//(?:[^@/]*@)?([^/:?#\s]+)", url or "", re.I)
    return m.group(1).lower().removeprefix("www.") if m else None
_URL_ONLY = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.I)


def _path(url: str | None) -> str | None:
    """The path of a link (no query, fragment or final slash), or None for a
    site's home page or an address with no path."""
    if not url:
        return None
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    return path.rstrip("/") if path.startswith("/") and path.strip("/") else None


#: An element's text with its descendants' (XPath's string value): the same
#: text as ``"".join(el.itertext())``, joined in C.
_string_value = etree.XPath("string()", smart_strings=False)


class AnchorIndex:
    """The page's link texts, for measuring how much of a block is links.

    Links back to the page itself are noted apart (*self_urls*: the page's
    address, canonical and ``og:url``; matched by host and path): news pages
    carry their own teaser (the headline, the lead sentence) in "latest" or
    "most read" boxes that link to the article, and the lead paragraph is
    then all link text although nothing in the article is a link
    (:meth:`own_teaser`)."""

    __slots__ = ("_idx", "_hrefs", "_host", "_seen", "_own")

    def __init__(self, tree=None, url: str | None = None, self_urls: tuple[str | None, ...] = ()) -> None:
        self._idx: dict[str, set[str]] = {}
        self._hrefs: dict[str, list[str | None]] = {}   # link text -> its links' targets
        self._host = _host(url)
        self._seen: dict[str, tuple[float, int]] = {}   # cover() of texts measured before
        self._own: set[str] = set()    # link texts of links to the page itself
        if tree is None:
            return
        host = self._host
        site = host or next((h for h in map(_host, self_urls) if h), None)
        own = {(_host(u) or site, p) for u in (url, *self_urls) if (p := _path(u))}
        own_paths = {p for _, p in own}
        for a in tree.iter("a"):
            raw = _string_value(a)
            if len(raw) < ANCHOR_MIN_CHARS:   # collapsing spaces only shortens it
                continue
            t = " ".join(raw.split())
            if len(t) >= ANCHOR_MIN_CHARS:
                href = a.get("href")
                # a link to this very page (its own teaser): the path test first, it is cheap
                if own_paths and href:
                    for p in own_paths:
                        if p in href:
                            if (_host(href) or site, _path(href)) in own:
                                self._own.add(t)
                            break
                self._idx.setdefault(t[:ANCHOR_MIN_CHARS], set()).add(t)
                self._hrefs.setdefault(t, []).append(href)

    def __bool__(self) -> bool:
        return bool(self._idx)

    def starts_with_link(self, text: str) -> bool:
        cands = self._idx.get(text[:ANCHOR_MIN_CHARS])
        return bool(cands) and any(text.startswith(a) for a in cands)

    def leading_link(self, text: str) -> str | None:
        cands = self._idx.get(text[:ANCHOR_MIN_CHARS]) or ()
        return max((a for a in cands if text.startswith(a)), key=len, default=None)

    def own_teaser(self, text: str) -> bool:
        """The text is the page's own teaser: the whole text of a link to the page itself."""
        return " ".join(text.split()) in self._own

    def internal(self, link_text: str) -> bool:
        """A link with this text stays on the page's own site (a relative link, or one to its host)."""
        return any(t is None or t == self._host for t in map(_host, self._hrefs.get(link_text, ())))

    def cover(self, text: str) -> tuple[float, int]:
        """(share of characters inside whole link texts, number of links)."""
        idx = self._idx
        if not idx or not text:
            return 0.0, 0
        if text in self._seen:
            return self._seen[text]
        covered = links = 0
        pos = 0   # links do not overlap: skip word starts inside a matched link
        for m in _WORD_START.finditer(text):
            i = m.start()
            if i < pos:
                continue
            cands = idx.get(text[i: i + ANCHOR_MIN_CHARS])
            if cands:
                best = max((len(a) for a in cands if text.startswith(a, i)), default=0)
                if best:
                    covered += best
                    links += 1
                    pos = i + best
        self._seen[text] = (covered / len(text), links)
        return covered / len(text), links


class _Block:
    __slots__ = ("tag", "text", "items", "words", "linked", "_ld", "_na", "_anchors")

    def __init__(self, tag: str, text: str, anchors: AnchorIndex) -> None:
        self.tag = tag
        self.text = text
        self.items = [x for x in text.split("\n") if x.strip()]
        self.words = len(text.split())
        self.linked = False
        self._ld: float | None = None
        self._na = 0
        self._anchors = anchors

    def link(self) -> tuple[float, int]:
        if self._ld is None:
            self._ld, self._na = self._anchors.cover(" ".join(self.items))
        return self._ld, self._na

    def is_link_list(self) -> bool:
        if not self._anchors:
            return False
        if self.tag != "list" and self.words > LINK_LIST_MAX_WORDS:
            return False
        ld, na = self.link()
        if na < LINK_LIST_MIN_ANCHORS:
            return False
        if ld >= LINK_LIST_DENSITY:
            return True
        if len(self.items) >= 2:
            starts = sum(self._anchors.starts_with_link(it) for it in self.items)
            return starts / len(self.items) >= TEASER_ITEM_SHARE
        return False

    def links_elsewhere(self) -> bool:
        """Most of its items lead with a link to another site (sources, products), not to the site's own pages."""
        leads = [a for a in (self._anchors.leading_link(it) for it in self.items) if a]
        return bool(leads) and sum(not self._anchors.internal(a) for a in leads) * 2 > len(leads)

    def is_boilerplate(self, *, edge: bool) -> bool:
        if self.tag in ("quote", "table"):
            return False
        limit = BOILERPLATE_MAX_WORDS_EDGE if edge else BOILERPLATE_MAX_WORDS_ANYWHERE
        if self.words > limit:
            return False
        if self.tag == "list" and len(self.items) > 1:
            rx = _BOILER_ANY if edge else _BOILER_START
            return all(rx.search(it.strip()) for it in self.items)
        t = self.text.strip()
        # a short block holding a copyright sign anywhere is a credit ("photos © Inexhibit, 2018")
        return "©" in t or bool((_BOILER_ANY if edge else _BOILER_START).search(t))


def filter_blocks(blocks: list[tuple[str, str]], captions: list[str],
                  title: str | None = None, anchors: AnchorIndex | None = None, *,
                  keep_all: bool = True, image_texts: frozenset[str] = frozenset(),
                  section_heads: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """Drop boilerplate blocks (see the module docstring).  When every block
    looks like boilerplate, returns the blocks unfiltered (``keep_all``) or
    nothing (the caller then tries another extraction).  *image_texts*: the
    page's image descriptions (``alt``/``title``, normalised by
    :func:`image_text_key`): a paragraph that says no more than one of them is
    that image's caption, written outside a ``<figcaption>``.  *section_heads*:
    headings above the first paragraph that open the article's first section
    (a heading of their level follows the first paragraph): text, not a
    headline variant."""
    anchors = anchors if anchors is not None else AnchorIndex()
    caps = {_norm(c) for c in captions if c}
    t = _norm(title) if title else ""
    first_p = next((k for k, (tag, _) in enumerate(blocks) if tag == "p"), len(blocks))

    kept: list[_Block] = []
    # the page's header (headline, then standfirst) leads the body: the
    # standfirst is the description then, not text; a standfirst the body
    # opens with, the headline elsewhere, is read as the article's first lines
    after_title = False
    for k, (tag, txt) in enumerate(blocks):
        # the normalised text serves the caption and headline tests alone:
        # a block neither can concern only needs a word (saves normalising
        # every paragraph of a page without captions)
        if caps or (t and k < TITLE_WINDOW):
            nt = _norm(txt)
            if not nt:
                continue
        elif _WORD.search(txt.casefold()):
            nt = None
        else:
            continue
        # figure captions are kept apart in Extracted.captions
        if nt in caps or (tag == "p" and txt in image_texts):
            continue
        # the headline is its own field (13 of 61 dev bodies began with it,
        # no gold body does), and it opens the article: what stands above it
        # is the page's header (breadcrumbs, a kicker, another story's
        # heading), but for a whole sentence (a lead above a share widget
        # that repeats the headline)
        if t and k < TITLE_WINDOW and nt == t:
            after_title = True
            kept = [b for b in kept if b.tag == "p" and _is_sentence(b.text)]
            continue
        # headings above the first paragraph: headline variants and kickers;
        # a standfirst written as a heading (a whole sentence) is article
        # text, and so is the heading of the first of several sections
        if (tag == "head" and k < first_p and not (_is_sentence(txt) and not after_title)
                and txt not in section_heads):
            continue
        b = _Block(tag, txt, anchors)
        if b.is_boilerplate(edge=False):
            continue
        b.linked = b.is_link_list()
        kept.append(b)
    # a link list is page furniture ("read next" teasers of the site's own
    # pages) unless the article goes on after it and its items lead to other
    # sites: a deals page's products, a list of sources
    last_prose = max((k for k, b in enumerate(kept) if not b.linked and b.tag == "p"), default=-1)
    kept = [b for k, b in enumerate(kept)
            if not b.linked or (b.tag == "list" and k < last_prose and b.links_elsewhere())]

    # leading scan: housekeeping, stamps and link-only blocks above the text
    start = 0
    while start < len(kept):
        b = kept[start]
        # (a paragraph that is the page's own teaser, linked from a "latest"
        # box to this very page, is the article's lead, not a link)
        if b.is_boilerplate(edge=True) or _URL_ONLY.match(b.text) or _is_stamp(b.text) or (
                anchors and b.link()[0] >= HEAD_LINK_DENSITY and not (b.tag == "p" and anchors.own_teaser(b.text))):
            start += 1
            continue
        # a stamp closes the page's header: the fragments above it (the site's
        # name, a bureau, a byline) are the header's too
        stamp = _stamp_below_fragments(kept, start)
        if stamp is not None:
            start = stamp + 1
            continue
        break
    # a rule drawn with characters ("___") close to the end: below it a note
    # to readers (the writer's bio, where to read more), not the article
    end = len(kept)
    words = 0
    for k in range(len(kept) - 1, start, -1):
        if _RULE_LINE.match(kept[k].text):
            end = k
            break
        words += kept[k].words
        if words > NOTE_MAX_WORDS:
            break
    # trailing scan: housekeeping, headings and link blocks below the text
    while end > start:
        b = kept[end - 1]
        if b.tag == "head" or b.is_boilerplate(edge=True) or (anchors and b.link()[0] >= TAIL_LINK_DENSITY):
            end -= 1
            continue
        # a fragment under a housekeeping block of the tail: the label of a
        # widget whose controls are gone ("This article has been sent to")
        if end - 1 > start and _is_fragment(b.text) and kept[end - 2].is_boilerplate(edge=True):
            end -= 1
            continue
        break
    # a label closing the body ends with a colon: what it introduced is gone
    # (only the last one: what stands above it may be what it is about)
    if end - 1 > start and kept[end - 1].words <= FRAGMENT_MAX_WORDS and _LABEL_END.search(kept[end - 1].text):
        end -= 1
    out = kept[start:end]
    if not any(b.tag != "head" for b in out):
        # everything looked like boilerplate: better the unfiltered text than none
        # (unless the caller has another extraction to try)
        return [(tag, txt) for tag, txt in blocks if txt.strip()] if keep_all else []
    return [(b.tag, b.text) for b in out]


#: A line drawn with underscores, dashes or equals signs: a rule.
_RULE_LINE = re.compile(r"^\s*[_=\-–—]{3,}\s*$")
#: A note under a rule at the end of a body is this short at most (a bio,
#: a pointer to more coverage: 10–20 words on the dev and MediaCloud pages;
#: a story that goes on under a rule goes on longer).
NOTE_MAX_WORDS = 40


#: A line above the text this short, half of whose words hold digits and a
#: quarter of whose letters and digits are digits, is a time stamp, a
#: dateline or a counter ("Mar 28, 2020, 06:15 PM IST", "15.12.2020 – 14:49",
#: "78"), not the article's first line: the metadata carries the date.  (The
#: share of digits keeps a line of Chinese or Japanese, written without
#: spaces, from counting as one word holding a digit.)  No gold body of the
#: dev pages opens with one; of 200 MediaCloud pages nobody tuned on, the
#: body opened with one on 12, and on 5 more with one of ``_CLOCK`` and
#: ``_YEAR`` (one dev page too).
STAMP_MAX_CHARS = 60


#: A clock time ("10:18", "10.45 AM", "20h13") and a year: with both, a short
#: line is the time it was posted ("Updated: Jan 23, 2020, 10.45 AM IST",
#: "sexta-feira, 22 de outubro de 2010 às 20:13") whatever its words.
_CLOCK = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3])[:.h][0-5]\d(?!\d)")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


#: Fragments above a stamp that are read as the page's header, at most.
HEADER_MAX_FRAGMENTS = 2


def _stamp_below_fragments(blocks: list[_Block], start: int) -> int | None:
    """The index of a stamp under at most ``HEADER_MAX_FRAGMENTS`` fragments from *start*, or None."""
    for k in range(start, min(start + HEADER_MAX_FRAGMENTS, len(blocks) - 1)):
        if not _is_fragment(blocks[k].text):
            return None
        if _is_stamp(blocks[k + 1].text):
            return k + 1
    return None


def _is_stamp(text: str) -> bool:
    if len(text) > STAMP_MAX_CHARS:
        return False
    if _CLOCK.search(text) and _YEAR.search(text) and not _SENTENCE_END.search(text):
        return True
    words = text.split()
    if not words or sum(any(c.isdigit() for c in w) for w in words) * 2 < len(words):
        return False
    alnum = [c for c in text if c.isalnum()]
    return sum(c.isdigit() for c in alnum) * 4 >= len(alnum)


#: A heading with at least this many words that ends like a sentence is a
#: standfirst, not a headline variant or kicker (a headline is 5–15 words and
#: has no final full stop).
STANDFIRST_MIN_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]]*\s*$")


def _is_sentence(text: str) -> bool:
    return len(text.split()) >= STANDFIRST_MIN_WORDS and bool(_SENTENCE_END.search(text))


#: A block of at most this many words that does not end like a sentence is a
#: fragment: a label or a button's text, not a line of the article (the
#: shortest closing lines of the dev bodies that are text end with a stop).
FRAGMENT_MAX_WORDS = 8


_LABEL_END = re.compile(r"[:：]\s*$")


def _is_fragment(text: str) -> bool:
    return len(text.split()) <= FRAGMENT_MAX_WORDS and not _SENTENCE_END.search(text)


#: Words per sentence end above which a body reads as a list of links or
#: labels (a menu) rather than prose: news prose runs 10–35 (the dev pages'
#: bodies at most 36), a menu has no sentence ends at all.
MENU_WORDS_PER_SENTENCE = 60
_SENTENCE_ENDS = re.compile(r"[.!?…:;。！？](?:\s|$)")


def reads_like_menu(blocks: list[tuple[str, str]]) -> bool:
    """True when the extracted text is not prose: too few sentence ends for its words."""
    text = "\n".join(t for _, t in blocks)
    words = len(text.split())
    return words >= MENU_WORDS_PER_SENTENCE and words / max(1, len(_SENTENCE_ENDS.findall(text))) > MENU_WORDS_PER_SENTENCE


#: Share of a body's opening inside the page's link texts above which the
#: body is the page's navigation rather than its article: a third.  The
#: bodies of the 61 extraction-dev and 54 peer pages stay under 0.26; of 200
#: unseen MediaCloud news pages, the fast mode's body passes it on four (whole-
#: page dumps led by region menus and section links), where trafilatura's full
#: comparison found the article on two and the same text on the others.
NAV_LINK_SHARE = 1 / 3
#: Only the body's opening is measured (about 300 words; a dump of the page
#: starts with its menus), which bounds the cost on long articles.
NAV_OPENING_CHARS = 2000


def link_share(blocks: list[tuple[str, str]], anchors: AnchorIndex, limit: int | None = None) -> float:
    """Share of the blocks' characters (about the first *limit* of them)
    inside whole link texts of the page, block by block (the filters have
    measured most short blocks already: the same text is not measured again)."""
    if not anchors:
        return 0.0
    covered = total = 0.0
    for _, text in blocks:
        # the string _Block.link() measures
        t = " ".join(x for x in text.split("\n") if x.strip())
        if limit is not None and total + len(t) > limit:
            t = t[: max(int(limit - total), 0)]
        if t:
            covered += anchors.cover(t)[0] * len(t)
            total += len(t)
        if limit is not None and total >= limit:
            break
    return covered / total if total else 0.0


def reads_like_navigation(blocks: list[tuple[str, str]], anchors: AnchorIndex) -> bool:
    """A menu (no prose), or a body whose opening is a third links: not an article's text."""
    return reads_like_menu(blocks) or link_share(blocks, anchors, NAV_OPENING_CHARS) > NAV_LINK_SHARE
