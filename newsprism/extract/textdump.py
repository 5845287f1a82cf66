"""Article extraction from a plain-text page dump.

Input: the visible text of a whole rendered web page (``w3m -dump``, a
browser's "select all, copy", a text-mode crawler …): site name, menus,
tickers, the article, "Read more:" links, captions, tags, "Most Read" lists
and the footer, one after the other.  Output: the article body and what the
page says about it (:class:`newsprism.types.Extracted`).

How it works
------------
1. **Units.**  The text is cut into *units*: one paragraph each.  Lines that
   a renderer wrapped at its column width (w3m uses 100) are joined again; a
   blank line, a bullet (``•``, ``*``, ``□``, ``1.``) or a hard line break
   ends a unit.
2. **Core.**  The densest run of prose (a maximum-sum segment over units,
   prose scoring its word count, anything else a penalty) locates the
   article on the page.
3. **Classifier.**  Every unit gets ~70 features of its own and of its
   neighbours (length, words, sentence ends, commas, quotation marks, word
   length, numbers, stop-word ratio, capitalised
   words, bullets, indentation, link/credit/boilerplate cues, repetition,
   position relative to the page, to the core and to the header above it:
   the guessed headline and byline/dateline, and the share of its words the
   headline holds; list items under a line ending in a colon, bracketed
   placeholders around it, neighbours of the same shape) and a small gradient-boosted
   tree ensemble (``models/textdump_lines.json``, trained by
   ``benchmarks/train_textdump.py`` on the dev split of the article-extraction
   benchmark, evaluated by site-grouped cross-validation) says whether it is
   article body.  The trees are evaluated with numpy (no scikit-learn at run
   time).  Without the model file a transparent heuristic takes its place.
4. **Metadata.**  Title, byline, date, description, captions, tags, section
   and outlet are read from the units around the body with small, general
   rules (see the helpers below).

Nothing here knows any particular site.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsprism.dates import month_numbers
from newsprism.errors import NoArticle
from newsprism.extract.outlet import from_copyright
from newsprism.types import Extracted

__all__ = ["extract_dump", "extract_units", "segment", "unit_features", "FEATURE_NAMES"]

# ---------------------------------------------------------------------------
# limits
# ---------------------------------------------------------------------------

#: Inputs longer than this are cut (a news page dump is 5–100 kB; the largest
#: dev page is ~80 kB).  Keeps a 50 MB input to well under a second.
MAX_CHARS = 1_000_000
#: Lines longer than this are cut into pieces of this size before anything
#: else (bounds per-line regex work; real paragraphs are < 5 kB).
MAX_LINE = 20_000
#: At most this many units are classified (a dev page has 50–900).
MAX_UNITS = 6_000

# ---------------------------------------------------------------------------
# lexical resources (general English; not tuned on any page)
# ---------------------------------------------------------------------------

_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say told according would could may might must shall one two
    new after last year years people""".split()
    # the commonest function words of a few other languages written with spaces
    + """и в не на что с по как это он она но из к у за то же от для о так все его
    der die das und ist nicht zu den von mit sich des auf für im dem ein eine auch es an als
    le la les et des est une pour dans qui que pas sur au du ce il elle sont avec plus
    el los las y en es por con una para del al lo se su como pero más
    il di che è per non una sono della con gli le da nel
    o os um uma do da em que com não para por mais dos das""".split()
)

_WORD = re.compile(r"\w+")
_PUNCT = re.compile(r"[^\w\s]|_")
_BULLET = re.compile(r"^\s*(?:[•*□◦▪■●○·‣∙–—-]|\d{1,2}[.)])\s+")
_SENT_END = re.compile(r"[.!?…][\"'”’)\]]*(?:\s|$)|[。！？]")
_TERMINAL = re.compile(r"(?:[.!?…]|[。！？])[\"'”’)\]」』]*\s*$")
_DATE = re.compile(
    r"(?i)\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|"
    r"\d+\s+(?:min|mins|minutes|hours?|days?)\s+ago|updated|published)\b"
)
_BYLINE = re.compile(r"(?i)^\W{0,3}(?:by|written by|reported by|words by|von|por|par)\s+\S")
_URLISH = re.compile(r"(?i)(?:https?://|www\.|\.com\b|\.org\b|\.net\b|@\w|\w@\w)")
_CREDIT = re.compile(
    r"(?i)(?:\b(?:AP|AFP|Reuters|Getty|EPA|Shutterstock|iStock|Xinhua|Bloomberg)\b.{0,30}"
    r"(?:photo|images?|/)|\((?:photo|image|credit)|\b(?:photo|image|picture|credit|illustration)s?"
    r"\s*(?:credit)?\s*(?::|by\b)|©|\bphotograph:|\bcourtesy\b)"
)
# A line that *starts* with one of these is a pointer to another page or page
# furniture, not article prose ("Read more: …", "Also Read: …", "Share on …").
_CUE_PREFIX = re.compile(
    r"(?i)^\W{0,3}(?:read (?:more|also|next|the full)|also read|see also|related(?: \w+)?:|more:|"
    r"recommended|watch(?: now)?:|listen:|click here|sign up|subscribe|follow (?:us|him|her)|"
    r"share (?:on|this|via)|advertisement|sponsored|skip to|jump to|log ?in|sign in|"
    r"copyright|all rights reserved|©|\(c\)|privacy policy|terms of (?:use|service)|cookie|"
    r"download (?:the|our)|get the app|newsletter|more from|more in|don'?t miss|trending|"
    r"most (?:read|popular|viewed|shared)|editor'?s picks|top stories|latest (?:news|stories)|"
    r"you (?:may|might) (?:also )?like|comments?\b|leave a (?:comment|reply)|tags?:|topics?:|"
    r"filed under|image:|photo:|credit:|source:|loading|please enable|javascript)"
)
# Short headings that open a block of other items after the article.
_SECTION_CUE = re.compile(
    r"(?i)^\W{0,3}(?:most (?:read|popular|viewed|shared|recent)|read next|related(?: \w+){0,2}|"
    r"recommended(?: \w+){0,2}|more (?:from|in|on|stories|news)\b.*|trending(?: \w+)?|popular(?: \w+)?|"
    r"latest(?: \w+)?|you (?:may|might) (?:also )?like.*|comments?|(?:top|editor'?s) (?:stories|picks)|"
    r"sponsored(?: \w+)?|advertisement|tags|topics|share(?: this)?(?: \w+)?|coverage|follow us|"
    r"about (?:us|the author)|newsletter|sign up.*|subscribe.*|up next|what to read next|"
    r"in case you missed it|also on .*|around the web|promoted .*)\W{0,3}$"
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------
# 1. units
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class Unit:
    text: str           # joined, whitespace-normalised
    raw_first: str      # first raw line (for indentation / bullets)
    line: int           # first line number
    block: int          # index of the blank-line separated block
    pos_in_block: int   # units before it in its block
    blank_before: int   # blank lines right before
    bullet: bool
    indent: int
    nlines: int         # raw lines joined into it


# East Asian wide/full-width blocks (Hangul Jamo, CJK, kana, Hangul, full-width forms)
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                   "\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def _is_wide(ch: str) -> bool:
    return bool(_WIDE.match(ch))


def _nwide(s: str) -> int:
    return 0 if s.isascii() else len(_WIDE.findall(s))


def _dwidth(s: str) -> int:
    """Display width in terminal columns (CJK characters take two)."""
    return len(s) + _nwide(s)


def _wrap_width(lines: list[str]) -> int | None:
    """The column width a renderer wrapped at, or None when lines are unwrapped."""
    lens = sorted(_dwidth(x.rstrip()) for x in lines[:20000] if x.strip())
    if len(lens) < 5:
        return None
    top = lens[-1]
    if top > 200 or top < 40:     # terminal widths are 60–200 columns
        return None
    # Many lines end within 15 columns of the maximum when text was wrapped.
    near = sum(1 for n in lens if n >= top - 15)
    if near >= 3:
        return top
    return None


def _split_long(lines: list[str]) -> list[str]:
    out: list[str] = []
    for ln in lines:
        if len(ln) <= MAX_LINE:
            out.append(ln)
        else:
            out.extend(ln[i : i + MAX_LINE] for i in range(0, len(ln), MAX_LINE))
    return out


def segment(text: str) -> list[Unit]:
    """Cut a page dump into paragraph units (see module docstring)."""
    text = text[:MAX_CHARS].replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\t", "    ").replace("\u200b", "")
    lines = _split_long(text.split("\n"))
    width = _wrap_width(lines)
    units: list[Unit] = []
    cur: list[str] = []
    cur_first = ""
    cur_line = 0
    block = 0
    pos_in_block = 0
    blank = 0
    prev_soft = False
    cur_bullet = False
    cur_indent = 0
    cur_blank = 0

    def flush() -> None:
        nonlocal cur, pos_in_block
        if cur:
            joined = cur[0].strip()
            for x in cur[1:]:
                x = x.strip()
                # wrapped CJK text has no space at the break
                sep = "" if joined and x and _is_wide(joined[-1]) and _is_wide(x[0]) else " "
                joined += sep + x
            joined = _BULLET.sub("", joined, count=1) if cur_bullet else joined.strip()
            joined = re.sub(r"\s+", " ", joined).strip()
            if joined:
                units.append(Unit(joined, cur_first, cur_line, block, pos_in_block, cur_blank,
                                  cur_bullet, cur_indent, len(cur)))
                pos_in_block += 1
        cur = []

    for i, ln in enumerate(lines):
        ln = ln.rstrip()
        if not ln.strip():
            if cur:
                flush()
                block += 1
                pos_in_block = 0
            blank += 1
            prev_soft = False
            continue
        is_bullet = bool(_BULLET.match(ln))
        indent = len(ln) - len(ln.lstrip())
        cont = False
        if cur and not is_bullet:
            if prev_soft:
                cont = True
            elif cur_bullet and indent > cur_indent:
                # a bullet item's wrapped continuation is indented under its text
                cont = prev_soft or indent >= cur_indent + 2 and width is not None
        if not cont:
            flush()
            cur_first, cur_line, cur_bullet, cur_indent, cur_blank = ln, i, is_bullet, indent, blank
        cur.append(ln)
        blank = 0
        # Was this line wrapped by the renderer?  Then the next word did not fit.
        prev_soft = False
        if width is not None and i + 1 < len(lines):
            nxt = lines[i + 1].strip()
            if nxt:
                first = nxt.split(" ", 1)[0]
                if first and _is_wide(first[0]):
                    first = first[0]   # CJK wraps between any two characters
                prev_soft = _dwidth(ln) + 1 + _dwidth(first) > width
        if len(units) > MAX_UNITS:
            break
    flush()
    return units


# ---------------------------------------------------------------------------
# 2. features
# ---------------------------------------------------------------------------

#: Features that place a unit relative to the page's header as a reader finds
#: it (see ``_anchor_features``).
ANCHOR_NAMES = ["d_head", "d_meta", "has_meta", "head_overlap", "ellipsis"]

#: The shape of a unit's sentences, with no word lists (see
#: ``_shape_features``).
SHAPE_NAMES = ["comma_rate", "quote", "upper_start", "word_len", "num_tokens"]

_OWN = [
    "words", "chars", "alpha", "digits", "punct", "sent_ends", "terminal", "colon_end",
    "stop", "caps", "bullet", "indent", "image", "cue", "credit", "date", "byline", "url",
    "pipes", "allcaps", "wps", "repeat", "blank_before", "pos_in_block", "shared_prefix", "section_cue",
    "commas",
]
_CTX = ["words", "stop", "terminal", "bullet", "cue"]
#: Where a unit stands in the page's structure, with no words (see
#: ``_structure_features``).
STRUCT_NAMES = ["list_intro", "bracket_before", "bracket_after", "sib_same"]

FEATURE_NAMES: list[str] = (
    _OWN
    + [f"{d}_{n}" for d in ("p1", "n1", "p2", "n2") for n in _CTX]
    + ["rel_pos", "rel_chars", "in_core", "d_core_start", "d_core_end", "core_frac",
       "words_rel_max", "prose_window", "after_section_cue", "before_core_words",
       "block_units", "block_words", "block_prose", "same_block_as_core", "block_terminal"]
    + ANCHOR_NAMES
    + SHAPE_NAMES
    + STRUCT_NAMES
)


def _own(u: Unit) -> list[float]:
    t = u.text
    toks = _WORD.findall(t)
    nc = len(t)
    # CJK text has no spaces: count about one word per two wide characters
    nw = len(toks) + _nwide(t) // 2
    alpha = sum(map(str.isalpha, t))
    digits = sum(map(str.isdigit, t))
    punct = len(_PUNCT.findall(t))
    sents = len(_SENT_END.findall(t))
    lower = [w.lower() for w in toks]
    stop = sum(w in _STOP for w in lower) / nw if nw else 0.0
    caps = sum(w[0].isupper() for w in toks) / nw if nw else 0.0
    letters = [ch for ch in t if ch.isalpha()]
    allcaps = float(bool(letters) and all(ch.isupper() for ch in letters[:200]))
    return [
        nw, nc, alpha / nc if nc else 0.0, digits / nc if nc else 0.0, punct / nc if nc else 0.0,
        sents, float(bool(_TERMINAL.search(t))), float(t.endswith(":")), stop, caps,
        float(u.bullet), min(u.indent, 40), float(t.startswith("[") or "[" in t[:3]),
        float(bool(_CUE_PREFIX.match(t))), float(bool(_CREDIT.search(t[:400]))),
        float(bool(_DATE.search(t[:300]))), float(bool(_BYLINE.match(t))),
        float(bool(_URLISH.search(t[:500]))), t.count("|") + t.count("•"), allcaps,
        nw / max(sents, 1), 0.0, min(u.blank_before, 5), min(u.pos_in_block, 50),
        0.0, float(nw <= 8 and bool(_SECTION_CUE.match(t))), t.count(","),
    ]


_I = {n: i for i, n in enumerate(_OWN)}


#: The stop-word share of a prose paragraph (``_is_prose``), and the most
#: capitalised words a paragraph told by its punctuation may have.
PROSE_STOP = 0.2
PROSE_CAPS = 0.3


def _is_prose(f: list[float]) -> bool:
    # "Prose": a sentence-like paragraph.  10 words and a 20 % stop-word share
    # are the usual jusText-style thresholds for a "good" paragraph (jusText
    # uses length 70 chars / 0.3 stop-word density; we are looser because the
    # classifier refines it).  A paragraph of a language the stop-word list
    # barely knows (Russian, Indonesian: shares of 0.0–0.18) is told by its
    # punctuation instead: a comma and at most PROSE_CAPS of its words
    # capitalised read as a sentence of clauses, not a menu, a headline or a
    # caption of names.
    # Paragraphs end with a full stop; headline lists and tickers do not
    # (a long paragraph without one is still prose: 40 words).
    return (f[_I["words"]] >= 10 and not f[_I["cue"]]
            and (f[_I["stop"]] >= PROSE_STOP or (f[_I["commas"]] >= 1 and f[_I["caps"]] <= PROSE_CAPS))
            and not (f[_I["bullet"]] and f[_I["words"]] < 25)
            and (f[_I["terminal"]] or f[_I["words"]] >= 40))


def _core(own: list[list[float]]) -> tuple[int, int]:
    """Maximum-sum run of units: prose scores +words, anything else a penalty."""
    best, best_s, best_e = 0.0, 0, -1
    cur, start = 0.0, 0
    for i, f in enumerate(own):
        w = f[_I["words"]]
        # Non-prose costs 3 + half its words (capped): a subheading or a
        # one-line caption inside an article costs less than one sentence
        # of prose, a 20-item menu costs more than a paragraph.
        s = w if _is_prose(f) else -(3.0 + min(w, 30) * 0.5)
        if cur <= 0:
            cur, start = s, i
        else:
            cur += s
        if cur > best:
            best, best_s, best_e = cur, start, i
    return best_s, best_e


def unit_features(units: list[Unit]) -> np.ndarray:
    """The feature matrix (units × FEATURE_NAMES) the line classifier reads."""
    n = len(units)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    own = [_own(u) for u in units]
    keys = [u.text.lower() for u in units]
    counts = Counter(keys)
    for f, k in zip(own, keys):
        f[_I["repeat"]] = min(counts[k] - 1, 10)
    # lists of headlines / ticker items often share their first words
    # ("Sheikh Qassem: …", "WATCH: …", "Live: …")
    heads = [" ".join(k.split()[:2]) if len(k.split()) >= 4 else None for k in keys]
    for i in range(len(own)):
        h = heads[i]
        own[i][_I["shared_prefix"]] = float(h is not None and (
            (i > 0 and heads[i - 1] == h) or (i + 1 < len(own) and heads[i + 1] == h)))
    cs, ce = _core(own)
    words = np.array([f[_I["words"]] for f in own], dtype=float)
    prose = np.array([_is_prose(f) for f in own], dtype=float)
    chars_cum = np.cumsum([f[_I["chars"]] for f in own])
    total_chars = max(chars_cum[-1], 1.0)
    max_words = max(words.max(), 1.0)
    core_words = max(words[cs : ce + 1].sum(), 1.0)
    pw = prose * words
    cum_pw = np.concatenate([[0.0], np.cumsum(pw)])
    # section cue seen after the core started?
    sec = [f[_I["section_cue"]] for f in own]
    after_cue = np.zeros(n)
    seen = 0.0
    for i in range(n):
        after_cue[i] = seen
        if i > cs and sec[i]:
            seen += 1.0
    block_units = Counter(u.block for u in units)
    block_words: Counter[int] = Counter()
    block_prose: Counter[int] = Counter()
    block_term: Counter[int] = Counter()
    for u, w, p, f in zip(units, words, prose, own):
        block_words[u.block] += w
        block_prose[u.block] += p
        block_term[u.block] += f[_I["terminal"]]
    core_blocks = {units[i].block for i in range(cs, ce + 1)}
    zero_ctx = [0.0] * len(_CTX)
    ctx_idx = [_I[c] for c in _CTX]
    rows = []
    for i, (u, f) in enumerate(zip(units, own)):
        ctx: list[float] = []
        for d in (-1, 1, -2, 2):
            j = i + d
            ctx.extend([own[j][k] for k in ctx_idx] if 0 <= j < n else zero_ctx)
        lo, hi = max(0, i - 3), min(n, i + 4)
        rows.append(
            f + ctx + [
                i / n, chars_cum[i] / total_chars, float(cs <= i <= ce),
                i - cs, i - ce, (ce - cs + 1) / n, words[i] / max_words,
                (cum_pw[hi] - cum_pw[lo] - pw[i]) / 100.0, min(after_cue[i], 5.0),
                cum_pw[min(i, cs)] / core_words,
                min(block_units[u.block], 100), min(block_words[u.block], 2000),
                min(block_prose[u.block], 50), float(u.block in core_blocks),
                block_term[u.block] / block_units[u.block],
            ]
        )
    X = np.asarray(rows, dtype=float)
    X = np.hstack([X, _anchor_features(units, X, cs), _shape_features(units, X)])
    return np.hstack([X, _structure_features(units, X, prose > 0)])


#: How far back a list's introducing line is looked for, and the window of
#: the bracket shares (units on one side).
LIST_REACH = 30
BRACKET_WINDOW = 8


def _structure_features(units: list[Unit], X: np.ndarray, prose: np.ndarray) -> np.ndarray:
    """What the page's structure says around a unit, from punctuation and
    markup shape alone: whether it is an item of a list that a line ending
    in a colon introduces ("Here's what to know:", "Ingredients:") with only
    short, non-sentence units between; the share of bracketed placeholders
    (w3m's images and form fields: "[ ]", "[Post Comment]") among the units
    just before and just after it (a comment form, a cookie or sign-up box
    and the legal text under it); and how many of its two neighbours have
    its shape (length class, final full stop, a colon inside, a leading
    digit, all capitals): the items of a list look alike."""
    n = len(units)
    w = X[:, _C["words"]]
    colon = X[:, _C["colon_end"]] > 0
    # one pass: the list a colon line opened is open until a prose or long unit
    intro = np.zeros(n)
    opened = -1            # index of the colon line of the open list, or -1
    for i in range(n):
        if prose[i] or colon[i]:
            opened = i if colon[i] else -1
            continue
        if opened >= 0 and i - opened <= LIST_REACH:
            intro[i] = 1.0
        if w[i] > 15:
            opened = -1
    br = X[:, _C["image"]]
    c = np.concatenate([[0.0], np.cumsum(br)])
    idx = np.arange(n)
    lo = np.maximum(idx - BRACKET_WINDOW, 0)
    hi = np.minimum(idx + BRACKET_WINDOW + 1, n)
    before = (c[idx] - c[lo]) / np.maximum(idx - lo, 1)
    after = (c[hi] - c[idx + 1]) / np.maximum(hi - idx - 1, 1)
    texts = [u.text for u in units]
    key = (np.digitize(w, [3.5, 8.5, 15.5]) * 16 + (X[:, _C["terminal"]] > 0) * 8
           + np.array([":" in t[:-1] for t in texts]) * 4 + np.array([t[:1].isdigit() for t in texts]) * 2
           + (X[:, _C["allcaps"]] > 0))
    same = (key[1:] == key[:-1]).astype(float)
    sib = np.concatenate([[0.0], same]) + np.concatenate([same, [0.0]])
    return np.column_stack([intro, before, after, sib])


def _shape_features(units: list[Unit], X: np.ndarray) -> np.ndarray:
    """Punctuation and sentence shape, with no word lists: commas a word
    (prose has clauses; menus, tickers and headline lists have none), a
    quotation mark (reported speech), an initial capital, the mean length of
    its words (names and labels are long, function words short) and the
    share of its tokens that are numbers (scores, prices, dates, counters).
    Tried and not kept (page-grouped CV, docs/textdump-model.md): lengths
    relative to the page's median unit, runs of short and of sentence-ending
    units, windowed shares of sentence ends, images, bullets and short
    units, and page-wide shares."""
    texts = [u.text for u in units]
    w = X[:, _C["words"]]
    comma = np.array([t.count(",") for t in texts], dtype=float)
    quote = np.array([float(any(q in t for q in "\"“”«»„")) for t in texts])
    upper = np.array([float(t[:1].isupper()) for t in texts])
    letters = X[:, _C["alpha"]] * X[:, _C["chars"]]
    toks = [_WORD.findall(t[:2000]) for t in texts]
    numtok = np.array([sum(x.isdigit() for x in tk) / len(tk) if tk else 0.0 for tk in toks])
    return np.column_stack([comma / np.maximum(w, 1.0), quote, upper, letters / np.maximum(w, 1.0), numtok])


#: How far above the core's first unit a byline or dateline is looked for.
META_REACH = 60


def _anchor_features(units: list[Unit], X: np.ndarray, cs: int) -> np.ndarray:
    """Where a unit stands relative to the article's header: the signed
    distance (capped at 50 units) to the headline-like unit closest above the
    core (``_title_guess``) and to the last byline or dateline at or above
    the core's start (``_is_dateline``), whether there is one, the share of
    the unit's content words that the guessed headline holds (an article's
    paragraphs are about its headline; menus, tickers and footers are not),
    and whether the unit ends in an ellipsis (a teaser cut short: "… as
    Hurri...").  Without a headline or dateline the distance is taken from
    just above the core, the value a page with one right there would get."""
    n = len(units)
    idx = np.arange(n)
    ti = _title_guess(X, cs)
    d_head = np.clip(idx - (ti if ti is not None else cs - 1), -50, 50).astype(float)
    anchor = None
    for i in range(min(n - 1, cs + 2), max(-1, cs - META_REACH - 1), -1):
        if (X[i, _C["date"]] or X[i, _C["byline"]] or X[i, _C["words"]] <= 6) \
                and _is_dateline(units[i].text, X[i, _C["words"]]):
            anchor = i
            break
    d_meta = np.clip(idx - (anchor if anchor is not None else cs - 1), -50, 50).astype(float)
    has_meta = np.full(n, float(anchor is not None))
    head_cw = _content_words(units[ti].text) if ti is not None else set()
    overlap = np.zeros(n)
    ell = np.zeros(n)
    for i, u in enumerate(units):
        if head_cw:
            cw = _content_words(u.text[:2000])
            overlap[i] = len(cw & head_cw) / len(cw) if cw else 0.0
        t = u.text.rstrip()
        ell[i] = float((t.endswith("...") or t.endswith("…")) and not _TEASER.search(t[-12:]))
    return np.column_stack([d_head, d_meta, has_meta, overlap, ell])


# ---------------------------------------------------------------------------
# 3. classifier
# ---------------------------------------------------------------------------

MODEL_PATH = Path(__file__).with_name("models") / "textdump_lines.json"


class _Forest:
    """A boosted-trees ensemble exported from scikit-learn, evaluated with numpy."""

    def __init__(self, data: dict) -> None:
        self.names: list[str] = data["features"]
        self.baseline = float(data["baseline"])
        self.threshold = float(data.get("threshold", 0.5))
        feat, thr, left, right, leaf, value, miss_left = [], [], [], [], [], [], []
        roots = []
        off = 0
        for tree in data["trees"]:
            roots.append(off)
            for k, nd in enumerate(tree):
                feat.append(nd[0])
                thr.append(nd[1])
                # a leaf points at itself, so every unit can take the same
                # number of steps down its tree
                left.append(nd[2] + off if nd[4] == 0 else k + off)
                right.append(nd[3] + off if nd[4] == 0 else k + off)
                leaf.append(nd[4])
                value.append(nd[5])
                miss_left.append(nd[6])
            off += len(tree)
        self.feat = np.asarray(feat, dtype=np.int64)
        self.thr = np.asarray(thr, dtype=float)
        self.left = np.asarray(left, dtype=np.int64)
        self.right = np.asarray(right, dtype=np.int64)
        self.leaf = np.asarray(leaf, dtype=bool)
        self.value = np.asarray(value, dtype=float)
        self.miss_left = np.asarray(miss_left, dtype=bool)
        self.roots = np.asarray(roots, dtype=np.int64)
        self.depth = int(data.get("max_depth", 32))
        if self.names not in (FEATURE_NAMES, FEATURE_NAMES + STAGE2_NAMES):
            raise ValueError("model features do not match this code")

    def proba(self, X: np.ndarray) -> np.ndarray:
        n, m = X.shape
        node = np.broadcast_to(self.roots, (n, len(self.roots))).copy()
        base = (np.arange(n) * m)[:, None]
        flat = np.ascontiguousarray(X, dtype=float).ravel()
        has_nan = bool(np.isnan(flat).any())
        for _ in range(self.depth):
            x = flat[base + self.feat[node]]
            go_left = x <= self.thr[node]
            if has_nan:
                go_left = np.where(np.isnan(x), self.miss_left[node], go_left)
            node = np.where(go_left, self.left[node], self.right[node])
        raw = self.baseline + self.value[node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


@lru_cache(maxsize=1)
def _model() -> tuple[_Forest, _Forest | None] | None:
    try:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        s1 = _Forest(data["stage1"])
        s2 = _Forest(data["stage2"]) if data.get("stage2") else None
        return s1, s2
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _threshold() -> float:
    m = _model()
    if m is None:
        return 0.5
    return (m[1] or m[0]).threshold


def _heuristic(X: np.ndarray) -> np.ndarray:
    """Fallback without the model: prose inside or next to the core."""
    c = {n: i for i, n in enumerate(FEATURE_NAMES)}
    prose = (X[:, c["words"]] >= 10) & (X[:, c["stop"]] >= 0.2) & (X[:, c["cue"]] == 0)
    near = (X[:, c["d_core_start"]] >= -2) & (X[:, c["d_core_end"]] <= 2)
    return (prose & near).astype(float) * 0.9 + 0.05


STAGE2_NAMES = ["p", "p_w1", "p_w2", "p_w5", "p_w10", "p_prev_max3", "p_next_max3",
                "mass_before", "mass_after", "in_span", "d_span_start", "d_span_end", "span_gap",
                "d_title", "head_zone"]
STAGE2_NAMES += ["p_prev_long", "p_next_long", "d_prev_long", "d_next_long", "p_long3"]

_C = {n: i for i, n in enumerate(FEATURE_NAMES)}


def _title_guess(X: np.ndarray, start: int) -> int | None:
    """The headline-like unit closest before unit ``start`` (the body's first),
    looking back at most 20 units: 4–30 words, no final full stop, not a
    bullet, pointer, byline, date line or link."""
    for i in range(start - 1, max(-1, start - 21), -1):
        r = X[i]
        if (4 <= r[_C["words"]] <= 30 and not r[_C["terminal"]] and not r[_C["bullet"]]
                and not r[_C["cue"]] and not r[_C["byline"]] and not r[_C["url"]]
                and not r[_C["colon_end"]] and not r[_C["image"]]
                and not (r[_C["date"]] and r[_C["words"]] < 8)):
            return i
    return None


def _window_mean(p: np.ndarray, k: int) -> np.ndarray:
    """Mean of p over the k units on each side, the unit itself excluded."""
    n = len(p)
    c = np.concatenate([[0.0], np.cumsum(p)])
    idx = np.arange(n)
    lo = np.maximum(idx - k, 0)
    hi = np.minimum(idx + k + 1, n)
    cnt = hi - lo - 1
    return np.where(cnt > 0, (c[hi] - c[lo] - p) / np.maximum(cnt, 1), 0.0)


#: A "long" unit, for the neighbour features of stage 2: 10+ words, the
#: same length cut as ``_is_prose``.
LONG_WORDS = 10
#: Neighbour features look this many units away at most.
LONG_REACH = 30


def _long_neighbours(p: np.ndarray, is_long: np.ndarray) -> list[np.ndarray]:
    """Stage-1 probability of the nearest long unit on each side, the distance
    to it, and the mean over the three nearest long units on each side.  An
    article cut into pieces by "Related articles" boxes, captions and ads has
    its paragraphs' neighbours among the boxes, not among the paragraphs; the
    fixed windows of ``stage2_features`` then read a paragraph as isolated."""
    n = len(p)
    long_idx = np.flatnonzero(is_long)
    pl = p[long_idx]
    pos = np.searchsorted(long_idx, np.arange(n))          # first long index >= i
    prev_p, next_p = np.zeros(n), np.zeros(n)
    prev_d, next_d = np.full(n, float(LONG_REACH)), np.full(n, float(LONG_REACH))
    mean3 = np.zeros(n)
    m = len(long_idx)
    for i in range(n):
        a = pos[i] - 1                                     # nearest long before i
        b = pos[i] + (1 if pos[i] < m and long_idx[pos[i]] == i else 0)   # nearest long after i
        if a >= 0 and i - long_idx[a] <= LONG_REACH:
            prev_p[i] = pl[a]
            prev_d[i] = i - long_idx[a]
        if b < m and long_idx[b] - i <= LONG_REACH:
            next_p[i] = pl[b]
            next_d[i] = long_idx[b] - i
        sel = [k for k in range(max(0, a - 2), a + 1) if k >= 0 and i - long_idx[k] <= LONG_REACH]
        sel += [k for k in range(b, min(m, b + 3)) if long_idx[k] - i <= LONG_REACH]
        mean3[i] = pl[sel].mean() if sel else 0.0
    return [prev_p, next_p, prev_d, next_d, mean3]


def stage2_features(p: np.ndarray, X: np.ndarray) -> np.ndarray:
    """Context of the first-stage probabilities: is a unit among body units?"""
    n = len(p)
    words = X[:, 0]
    cols = [p] + [_window_mean(p, k) for k in (1, 2, 5, 10)]
    prev_max = np.zeros(n)
    next_max = np.zeros(n)
    for i in range(n):
        prev_max[i] = p[max(0, i - 3) : i].max() if i > 0 else 0.0
        next_max[i] = p[i + 1 : i + 4].max() if i + 1 < n else 0.0
    mass = p * np.sqrt(words + 1.0)
    cm = np.cumsum(mass)
    tot = max(cm[-1], 1e-9)
    before = (cm - mass) / tot
    after = (tot - cm) / tot
    # main span: maximum-sum run of (p - 0.5) weighted by sqrt(words)
    sc = (p - 0.5) * np.sqrt(words + 1.0)
    best, bs, be, cur, st = 0.0, 0, -1, 0.0, 0
    for i in range(n):
        if cur <= 0:
            cur, st = sc[i], i
        else:
            cur += sc[i]
        if cur > best:
            best, bs, be = cur, st, i
    idx = np.arange(n)
    in_span = ((idx >= bs) & (idx <= be)).astype(float)
    gap = np.where(idx < bs, bs - idx, np.where(idx > be, idx - be, 0)).astype(float)
    ti = _title_guess(X, bs) if be >= bs else None
    if ti is None:
        # no headline-like unit found: as if it stood right above the span
        # (NaN here sent the 2–3 dev pages without one down tree branches
        # learned from almost no examples, and stage 2 dropped paragraphs
        # stage 1 was sure of)
        d_title = np.clip(idx - (bs - 1), -50, 50).astype(float)
        head = np.zeros(n)
    else:
        d_title = np.clip(idx - ti, -50, 50).astype(float)
        head = ((idx > ti) & (idx < bs)).astype(float)
    cols += [prev_max, next_max, before, after, in_span, (idx - bs).astype(float),
             (idx - be).astype(float), np.minimum(gap, 50.0), d_title, head]
    cols += _long_neighbours(p, words >= LONG_WORDS)
    return np.hstack([X, np.column_stack(cols)])


def body_probabilities(units: list[Unit], X: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """P(body) for every unit, and the (stage-2) feature matrix it came from."""
    if X is None:
        X = unit_features(units)
    if len(units) == 0:
        return np.zeros(0), X
    m = _model()
    if m is None:
        p = _heuristic(X)
        return p, stage2_features(p, X)
    s1, s2 = m
    p = s1.proba(X)
    X2 = stage2_features(p, X)
    return (s2.proba(X2) if s2 is not None else p), X2


# ---------------------------------------------------------------------------
# 4. metadata helpers
# ---------------------------------------------------------------------------

_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_TIME = r"(?:[T\s,@|at]{1,5}(?P<time>\d{1,2}[:.]\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?)?)(?:\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|UTC|GMT|[ECMP][SD]?T|BST|CES?T)\b)?)?"
_DATE_PATTERNS = [
    re.compile(r"(?i)\b(?P<date>\d{4}-\d{2}-\d{2})" + _TIME.replace(r"[T\s,@|at]{1,5}", r"(?:T|\s+)")),
    re.compile(r"(?i)\b(?P<date>" + _MONTHS + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})" + _TIME),
    re.compile(r"(?i)\b(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r"\.?,?\s+\d{4})" + _TIME),
    re.compile(r"(?i)\b(?P<date>\d{1,2}[./]\d{1,2}[./]\d{4})" + _TIME),
]
_TZ = {"UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7,
       "MDT": -6, "PST": -8, "PDT": -7, "BST": 1, "CET": 1, "CEST": 2}
#: US zones named without standard/daylight ("9:24 pm ET"): the offset is
#: that zone's on the stated day and time.
_TZ_US = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
          "PT": "America/Los_Angeles"}
#: A time of day written before the date ("PUBLISHED: 00:01, Tue, Nov 19,
#: 2019", "11:26 pm EST, Tuesday, November 19, 2019"): the end of the text
#: just before a date.  Colon-separated only ("12.50" before a date is
#: more often a price or a score than a time).
_TIME_BEFORE = re.compile(
    r"(?i)(?<![\d:])(?P<time>\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)"
    r"(?:\s*(?P<tz>UTC|GMT|[ECMP][SD]?T|BST|CES?T)\b)?"
    r"\s*[,|•·–-]?\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?$")


def _tz_suffix(tz: str, day: str, hhmm: str) -> str:
    """The ISO 8601 offset of a zone named in a date line, or ""."""
    tzu = tz.upper()
    if tzu in _TZ:
        h = _TZ[tzu]
        return "+00:00" if h == 0 else f"{'+' if h > 0 else '-'}{abs(h):02d}:00"
    if tzu in _TZ_US:
        from datetime import datetime
        from zoneinfo import ZoneInfo

        try:
            off = datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=ZoneInfo(_TZ_US[tzu])).utcoffset()
        except (ValueError, KeyError, OSError):
            return ""
        mins = int(off.total_seconds() // 60) if off is not None else 0
        return f"{'+' if mins >= 0 else '-'}{abs(mins) // 60:02d}:{abs(mins) % 60:02d}"
    mm = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", tz)
    return f"{mm.group(1)}{mm.group(2)}:{mm.group(3)}" if mm else ""


# Month names of every language of ``newsprism.dates.MONTHS``, Latin and
# Cyrillic script (full forms, and the genitive where dates use it: "24
# сентября 2018", "22 de outubro de 2010", "Oktober 27, 2015"), tried after
# the English patterns.
_FOREIGN_MONTHS: dict[str, int] = month_numbers()
_FM = "(?P<m>" + "|".join(sorted(map(re.escape, _FOREIGN_MONTHS), key=len, reverse=True)) + ")"
_FTIME = (r"(?:\s*(?:,|@|\||-|–|às|as|a las|à|a les|um|alle|at|kl\.?|в)?\s*"
          r"(?P<time>\d{1,2}[:h]\d{2})(?!\d)(?:\s*(?P<ap>[ap])\.?m\b\.?)?"
          r"(?:\s*(?P<tz>UTC|GMT|[ECMP][SD]T|BST|CES?T)\b)?)?")
#: Numeric and non-English dates, tried after ``_DATE_PATTERNS``: groups y, m, d.
_DATE_PATTERNS_2 = [
    # 22 de outubro de 2010, 24 сентября 2018, 5. März 2019, 3 juin 2020
    re.compile(r"(?i)(?<!\w)(?P<d>\d{1,2})\.?\s+(?:de\s+)?" + _FM + r"\.?,?\s+(?:de\s+|del\s+)?(?P<y>\d{4})(?!\d)" + _FTIME),
    # Oktober 27, 2015
    re.compile(r"(?i)(?<!\w)" + _FM + r"\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})(?!\d)" + _FTIME),
    # 2016.12.01, 2016/12/01, 2016年12月1日
    re.compile(r"(?<![\d.])(?P<y>\d{4})(?:[./]|年)(?P<m>\d{1,2})(?:[./]|月)(?P<d>\d{1,2})日?(?![\d.])" + _FTIME),
    # on 11/13/19 (two-digit year: month first, the US order such dates use;
    # only at the start or after "on", "posted", "published", "updated", "|")
    re.compile(r"(?i)(?:^\W*|\b(?:on|posted|published|updated)\s+|[|•·]\s*)(?<![\d/.])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2})(?![\d/])" + _FTIME),
]


def _parse_date_2(s: str) -> str | None:
    from datetime import date as _date

    for pat in _DATE_PATTERNS_2:
        for m in pat.finditer(s):
            mo = m.group("m")
            month = int(mo) if mo.isdigit() else _FOREIGN_MONTHS.get(mo.lower())
            year = int(m.group("y"))
            if year < 100:
                year += 2000 if year < 70 else 1900
            try:
                d = _date(year, month or 0, int(m.group("d")))
            except ValueError:
                continue
            if not 1990 <= d.year <= 2100:
                continue
            out = d.isoformat()
            t = m.group("time")
            if t:
                hh, mm = re.split(r"[:h]", t)
                h = int(hh)
                if m.group("ap"):
                    h = h % 12 + (12 if m.group("ap").lower() == "p" else 0)
                if h < 24 and int(mm) < 60:
                    out += f"T{h:02d}:{mm}"
                    tz = (m.group("tz") or "").upper()
                    if tz in _TZ:
                        off = _TZ[tz]
                        out += "+00:00" if off == 0 else f"{'+' if off > 0 else '-'}{abs(off):02d}:00"
            return out
    return None


def _parse_date_en(s: str) -> str | None:
    from dateutil import parser as dparser

    s = s[:400]
    for pat in _DATE_PATTERNS:
        m = pat.search(s)
        if not m:
            continue
        date = m.group("date")
        time = m.group("time")
        tz = m.group("tz")
        if not time:
            b = _TIME_BEFORE.search(s[max(0, m.start() - 40) : m.start()])
            if b:
                time, tz = b.group("time"), b.group("tz")
        try:
            if re.fullmatch(r"\d{1,2}[./]\d{1,2}[./]\d{4}", date):
                a, b = (int(x) for x in re.split(r"[./]", date)[:2])
                dayfirst = a > 12 or (b <= 12 and "." in date)
                d = dparser.parse(date.replace(".", "/"), dayfirst=dayfirst)
            else:
                d = dparser.parse(re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", date))
        except (ValueError, OverflowError):
            continue
        if not 1990 <= d.year <= 2100:
            continue
        out = d.strftime("%Y-%m-%d")
        if time:
            t = time.replace(".", ":", 1) if re.match(r"\d{1,2}\.\d{2}", time) else time
            try:
                tt = dparser.parse(t.replace(".", ""))
            except (ValueError, OverflowError):
                return out
            out += "T" + tt.strftime("%H:%M")
            if re.search(r"\d:\d{2}:\d{2}", time):
                out += tt.strftime(":%S")
            if tz:
                out += _tz_suffix(tz, out[:10], out[11:16])
        return out
    return None


def parse_date(s: str) -> str | None:
    """First date in ``s`` as ISO 8601, as precise as stated (date, minutes,
    seconds, offset): English month names and day/month/year numbers first,
    then month names of other languages, year-first numbers and US dates with a
    two-digit year."""
    return _parse_date_en(s) or _parse_date_2(s[:400])


_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|der|la|le|del|bin|al|el)){0,4}$")


def parse_byline(s: str) -> list[str]:
    """Author names from a byline such as "By Jane Doe and John Roe, Reuters"."""
    m = re.search(r"(?:^|\b)(?:[Bb]y|BY)\s+(.+)", s[:300])
    if not m:
        return []
    rest = m.group(1)
    # stop at a date, time, bullet, pipe or "Updated"
    rest = re.split(r"\s*(?:[|•·—–]|\s-\s|\bUpdated\b|\bPublished\b|\bon\b\s|\d|,\s*(?:" + _MONTHS + r"|mon|tue|wed|thu|fri|sat|sun)\w*\b)", rest, flags=re.I)[0]
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", rest)
    out = []
    for p in parts:
        p = p.strip(" .:;")
        if p and _NAME.match(p) and len(p) <= 60:
            out.append(p)
        elif out:
            break   # "By Jane Doe, Senior Writer": keep the names before the job title
    return out


#: Title choice: cost per unit of distance above the body, and the weight of
#: the share of a candidate's content words that recur in the body.  Chosen
#: together on the title gold of the dev pages (benchmarks/gold/
#: extraction_meta.json) over dist {0.05, 0.1, 0.2, 0.3} x overlap {0, 3, 6,
#: 10}: title accuracy 0.39 at the old (0.3, 0) rises to 0.59–0.64 for every
#: overlap weight >= 6 with dist <= 0.2; (0.1, 10) is inside that plateau.
TITLE_DIST = 0.1
TITLE_OVERLAP = 10.0
#: Bonus for a byline or dateline right under a candidate, how far before the
#: body's first unit candidates are looked for, how many units after it (a
#: headline the classifier put under a first paragraph it wrongly kept) and
#: what such a late candidate costs.
TITLE_META = 6.0
TITLE_DIST_CAP = 30
TITLE_REACH = 100
TITLE_AFTER = 5
TITLE_AFTER_COST = 2.0
#: How many kept units above a headline found under the body's first unit
#: are dropped as page header (set by reading the one dev page this rule
#: touches, a site tagline kept above the headline; not searched).
TITLE_AFTER_DROP = 2
TITLE_AFTER_WORDS = 40

_SOCIAL = re.compile(r"(?i)\b(?:facebook|twitter|linkedin|whatsapp|pinterest|reddit|email|e-mail|"
                     r"messenger|telegram|print|share|tweet|icon|copy link)\b")


def _content_words(t: str) -> set[str]:
    """Lower-cased words of 3+ letters that are not stop words."""
    return {w for w in (x.lower() for x in _WORD.findall(t)) if len(w) >= 3 and w not in _STOP}


def _is_headline(t: str) -> bool:
    words = _WORD.findall(t)
    nw = len(words) + _nwide(t) // 2
    if not 2 <= nw <= 30 or len(t) > 250:
        return False
    if _CUE_PREFIX.match(t) or _BYLINE.match(t) or _URLISH.search(t) or t.endswith(":"):
        return False
    if t.startswith("[") and t.endswith("]") or _is_slug(t) or _is_doubled(t):
        return False        # an image placeholder, file name or alt text: "[barrons-lo]"
    if (_DATE.search(t) or parse_date(t)) and nw < 8:
        return False
    if len(_SENT_END.findall(t[:-1])) >= 2:      # several sentences: prose, not a title
        return False
    return True


# ---------------------------------------------------------------------------
# 5. the extractor
# ---------------------------------------------------------------------------


# A photo credit closing a line marks an image caption: "… (AP Photo/X)",
# "… (Reuters)", "… Photo: X", "… Getty Images".
_CREDIT_END = re.compile(
    r"(?i)(?:\((?:AP|AFP|Reuters|Getty(?: Images)?|EPA|Xinhua|Bloomberg|Shutterstock|iStock|"
    r"file|handout)(?:\s*(?:photo|images?))?(?:\s*/[^()]{1,60})?\)|"
    r"(?:photo|image|picture|credit|photograph|illustration)s?(?: credit)?\s*[:/]\s*[^.]{2,60}|"
    r"getty images|shutterstock|istockphoto)\s*$")

# "Read more: <headline>"-type lines point to other pages; they are dropped
# from the body even inside the article (the benchmark's gold bodies never
# contain them).
_POINTER = re.compile(
    r"(?i)^\W{0,3}(?:read (?:more|also|next|this)|also read|see also|related(?: \w+){0,2}|more|"
    r"recommended(?: \w+)?|watch(?: now)?|listen|must read|don'?t miss|trending|top story|"
    r"click here|related coverage|further reading)\s*[:|»>–—-]")


_D_TITLE = len(FEATURE_NAMES) + STAGE2_NAMES.index("d_title")
_HEAD = len(FEATURE_NAMES) + STAGE2_NAMES.index("head_zone")


#: How many of the first kept units are searched for a page header the
#: classifier kept (headline, standfirst, byline, dateline), and how far above
#: the byline or dateline the headline may be.  On the dev CV's out-of-fold
#: predictions every (scan, back) in {8, 10, 12} x {5, 8} gives the same
#: result (the "at most one long unit" guard of ``_drop_kept_header`` makes
#: it insensitive; without the guard scan 10 cut a real body); (6, 2) is
#: too short for a header with several author lines.  10 and 5: the middle.
HEADER_SCAN = 10
HEADER_BACK = 5


def _is_dateline(t: str, words: float) -> bool:
    """A byline or a publication date line, stricter than ``_is_meta_line``:
    it starts as one ("By Jane Doe", "Published …", "Nov. 19, 2019 8:03 am"),
    a byline is short or dated ("By the end of the day, …" is prose), and a
    date line does not end as a sentence does."""
    if words > 25:
        return False
    if re.match(r"(?i)^\W{0,3}(?:published|updated|posted|last updated)\b", t):
        return True
    dated = words <= 16 and bool(parse_date(t[:80]))
    if _BYLINE.match(t):
        return dated or (words <= 8 and not _TERMINAL.search(t))
    return dated and not _TERMINAL.search(t)


def _drop_kept_header(out: list[int], X2: np.ndarray, texts: list[str]) -> list[int]:
    """When the first kept units hold a headline followed by a byline or
    dateline, the classifier kept the page header: the body starts after it
    (the benchmark's gold bodies never hold headline, byline or dateline).
    What is dropped must look like a header: at most one unit of 15+ words
    (the standfirst) before the byline or dateline."""
    cut = None
    for j in out[:HEADER_SCAN]:
        if not _is_dateline(texts[j], X2[j, _C["words"]]):
            continue
        if sum(1 for i in out if i < j and X2[i, _C["words"]] >= 15) > 1:
            break
        for h in range(j - 1, max(-1, j - HEADER_BACK - 1), -1):
            t = texts[h]
            if _is_headline(t) and not _is_dateline(t, X2[h, _C["words"]]) \
                    and (not X2[h, _C["terminal"]] or t.endswith("?")):
                cut = j
                break
    if cut is None:
        return out
    rest = [i for i in out if i > cut]
    return rest if sum(X2[i, _C["words"]] for i in rest) >= 20 else out


#: An excerpt of another post: WordPress-style "[…]" at its end.
_TEASER = re.compile(r"\[(?:…|\.\.\.)\]\s*$")
#: A link arrow opening a short unit ("» Coluna de X", "› More news").
_ARROW = re.compile(r"^[»›▸►→]\s*\S")
_SLUG = re.compile(r"^\[?[\w.]+(?:[-_][\w.]+){2,}\]?$")


def _is_slug(t: str) -> bool:
    """An image file name or URL slug rendered as text
    ("milano-design-week-2018-flos-01"): one token, 3+ parts joined by
    hyphens or underscores."""
    return " " not in t and bool(_SLUG.match(t))


def _is_doubled(t: str) -> bool:
    """The same text twice in a row ("A camera lensA camera lens", "Title
    1Title 1"): an image's alt text run into its caption.  The second copy
    starts with the first's opening 16 characters and they share at least
    80 % of the shorter one."""
    if len(t) < 32:
        return False
    k = t.find(t[:16], 8)
    if k < 0:
        return False
    a, b = t[:k], t[k:]
    common = len(os.path.commonprefix([a, b]))
    return common >= 0.8 * min(len(a), len(b))


#: Comment section: this many short date lines ("2 days ago at 07:52 am",
#: "Jane August 8, 2018 at 3:17 pm") within COMMENT_SPAN units, after at
#: least COMMENT_AFTER words of kept body.
COMMENT_LINES = 3
COMMENT_SPAN = 40
COMMENT_AFTER = 100


_STAMP = re.compile(r"(?i)\b\d{1,2}:\d{2}\b|\bago\b")


def _cut_comments(out: list[int], X2: np.ndarray, texts: list[str]) -> list[int]:
    """Drop what the classifier kept of a comment section under the article:
    from the first comment time stamp that starts a run of them (one per
    comment).  A time stamp here is a short unit with a date and a time of
    day or "… ago", without a final full stop (a chronology inside an
    article, "Nov. 3, 2019: talks began.", is prose)."""
    if not out:
        return out
    w = X2[:, _C["words"]]
    stamp = np.array([bool(X2[i, _C["date"]] and w[i] <= 12 and not X2[i, _C["terminal"]]
                           and _STAMP.search(texts[i])) for i in range(len(w))])
    where = np.flatnonzero(stamp)
    seen = 0.0
    kept = set(out)
    for i in range(out[0], len(w)):
        if stamp[i] and seen >= COMMENT_AFTER:
            if np.count_nonzero((where >= i) & (where < i + COMMENT_SPAN)) >= COMMENT_LINES:
                return [k for k in out if k < i]
        if i in kept:
            seen += w[i]
    return out


#: A copyright notice: "©", "Copyright" or "(c)" before a year, or "All
#: rights reserved" (a photo credit, "© Reuters", has neither).
_NOTICE = re.compile(r"(?i)(?:©|\bcopyright\b|\(c\))\s*(?:\d{4}|[^.]{0,80}\ball rights reserved\b)|"
                     r"\ball rights reserved\b")
#: Units between the body and a kept run at the page's foot for
#: ``_cut_footer_run``: twice the reach of a box inside the body
#: (``START_REACH``).
FOOTER_GAP = 10


def _cut_footer_run(out: list[int], X2: np.ndarray, texts: list[str]) -> list[int]:
    """Drop the last run of kept units when it stands apart from the body
    (more than FOOTER_GAP units after the unit kept before it) and holds a
    copyright notice: the page's legal footer (disclaimers, trademarks, the
    notice), which reads as prose.  An article's own last paragraphs do not
    carry the site's copyright notice; where a notice closes the article it
    stands right under it, with no gap."""
    if len(out) < 2:
        return out
    k = len(out) - 1
    while k > 0 and out[k] - out[k - 1] <= FOOTER_GAP:
        k -= 1
    if k == 0:
        return out
    if any(_NOTICE.search(texts[i][:300]) for i in out[k:]):
        return out[:k]
    return out


#: Sequence smoothing of the classifier's decisions (``_smooth``): what a
#: change between body and not-body costs, in log-odds.  0 turns it off.
SWITCH_COST = 0.0


def _smooth(p: np.ndarray, threshold: float, cost: float) -> np.ndarray:
    """Body or not for every unit, as the best two-state path (Viterbi) over
    the units: a unit in the body state earns its log-odds of being body
    (relative to the threshold), one outside earns nothing, and every switch
    between the states costs ``cost``.  An article body is contiguous, so a
    lone unit just under the threshold inside the body is kept and a lone
    one just over it in a footer is dropped, unless the classifier is sure."""
    q = np.clip(p, 1e-4, 1 - 1e-4)
    t = min(max(threshold, 1e-4), 1 - 1e-4)
    gain = np.log(q / (1 - q)) - np.log(t / (1 - t))
    n = len(p)
    out_s, in_s = 0.0, -cost            # best score ending outside / inside the body
    back = np.zeros((n, 2), dtype=bool)  # came from the other state?
    for i in range(n):
        o_stay, o_sw = out_s, in_s - cost
        i_stay, i_sw = in_s + gain[i], out_s - cost + gain[i]
        back[i, 0] = o_sw > o_stay
        back[i, 1] = i_sw > i_stay
        out_s, in_s = max(o_stay, o_sw), max(i_stay, i_sw)
    state = 1 if in_s > out_s else 0
    body = np.zeros(n, dtype=bool)
    for i in range(n - 1, -1, -1):
        body[i] = bool(state)
        if back[i, state]:
            state = 1 - state
    return body


def _sentence_like(r: np.ndarray) -> bool:
    """Written as a sentence (it ends like one), and not a caption or credit line."""
    return bool(r[_C["terminal"]]) and not r[_C["colon_end"]] and not r[_C["credit"]] and not r[_C["url"]]


#: Probability at which a unit next to the body joins it (``_select``): a
#: prose paragraph right after the last kept unit, and a sentence between two
#: kept paragraphs.  The end rule's value, taken over for the inner one
#: unchanged (not searched).
HYSTERESIS = 0.35
#: The inner rule's probability; None switches it off (for measuring it).
INNER_THRESHOLD: float | None = HYSTERESIS


def _list_item(r: np.ndarray) -> bool:
    """An item of a list (a bullet, or a short unit under a line ending in a
    colon), and no caption, credit or link."""
    return bool(r[_C["bullet"]] or r[_C["list_intro"]]) and not r[_C["credit"]] and not r[_C["url"]]


def _short_item(r: np.ndarray) -> bool:
    """A unit that is no prose paragraph but a list item or a short sentence:
    what stage 2 reads among neighbours like itself (short, with low stage-1
    probabilities) and pulls down though stage 1, reading its own shape, kept it."""
    return not _is_prose(list(r[: len(_OWN)])) and (_list_item(r) or _sentence_like(r))


#: Column of the stage-1 probability in the stage-2 matrix.
_P1 = len(FEATURE_NAMES) + STAGE2_NAMES.index("p")


#: Drop a short fragment kept after a gap at the end of the body (``_select``).
TRAILING_FRAGMENT = True

#: How far above the body's first kept unit its first paragraph is looked
#: for (``_select``).  Out of fold the same F1 for every reach from 3 to 6
#: units; 8 and 10 lower half B of the site-grouped CV.
START_REACH = 5


#: Join the like short lines between two kept lines of their form
#: (``_join_enclosed_runs``); False switches it off (for measuring it).
ENCLOSED_RUNS = True


def _form(r: np.ndarray) -> tuple[float, float, bool]:
    """What the lines of one list or table share: indentation, a bullet or
    none, and being short (15 words or fewer) or not."""
    return r[_C["indent"]], r[_C["bullet"]], bool(r[_C["words"]] > 15)


def _join_enclosed_runs(out: list[int], X2: np.ndarray, furniture) -> list[int]:
    """The short lines between two kept short lines join the body when all of
    them, the two kept ones included, are of one form (``_form``), at most
    LIST_REACH of them, and none is furniture or a bracketed placeholder
    (w3m's images and form fields): the rest of a table, a meal plan, a list
    or an interview whose lines the trees kept here and there.  A run of like
    lines whose ends are body is body in between; the trees read each line as
    a short line among short lines, which on most pages is a menu.  What
    stands between a kept paragraph and a kept short line (a caption, a
    "Related" link, an advertisement label) is of another form than one of
    them and stays out, and so is a paragraph between two kept ones (the
    inner hysteresis of ``_select`` weighs those)."""
    add: list[int] = []
    for a, b in zip(out, out[1:]):
        gap = range(a + 1, b)
        form = _form(X2[a])
        if len(gap) <= LIST_REACH and not form[2] and all(_form(X2[i]) == form for i in range(a + 1, b + 1)) \
                and not any(furniture(i) or X2[i, _C["image"]] for i in gap):
            add.extend(gap)
    return sorted(set(out) | set(add))


#: A colon line right after the body joins it, and the block set deeper
#: than a kept colon line is what it introduces (``_colon_after_body``,
#: ``_colon_block``); False switches both off (for measuring them).
COLON_BLOCKS = True


def _colon_after_body(out: list[int], p: np.ndarray, X2: np.ndarray, furniture) -> list[int]:
    """The unit right after the last kept one joins the body when it ends
    in a colon, has a probability of at least ``HYSTERESIS``, is no page
    furniture, pointer or section heading ("Share this:", "Related:") and
    the unit under it is set in from its margin (w3m indents a blockquote,
    an embedded post and a bulleted list: ``_colon_block`` or the list rule
    then takes what it introduces): an article does not end on a colon ("See
    tweets :", "The statement reads:").  A colon line over lines at its own
    margin is left as it was: "Read also:" and its links, in a language the
    pointer patterns do not know, look just like that (a Finnish silver
    page: "Lue myös:")."""
    if not out or out[-1] + 2 >= len(p):
        return out
    j = out[-1] + 1
    r, nxt = X2[j], X2[j + 1]
    if r[_C["colon_end"]] and p[j] >= HYSTERESIS and not furniture(j) and not r[_C["cue"]] \
            and not r[_C["section_cue"]] and nxt[_C["indent"]] > r[_C["indent"]]:
        return out + [j]
    return out


def _colon_block(k: int, X2: np.ndarray, furniture) -> list[int]:
    """The units right under the colon line ``k`` that are indented deeper
    than it, at most ``LIST_REACH`` of them, up to the first that is not, is
    furniture or is a bracketed placeholder: the quotation, statement or
    embedded post the line introduces (w3m sets a blockquote and an embedded
    post in from the text's margin), paragraphs, sentences and list items
    alike."""
    block = []
    j = k + 1
    while j < len(X2) and j - k <= LIST_REACH and X2[j, _C["indent"]] > X2[k, _C["indent"]] \
            and not furniture(j) and not X2[j, _C["image"]]:
        block.append(j)
        j += 1
    return block


def _select(p: np.ndarray, X2: np.ndarray, texts: list[str], threshold: float) -> list[int]:
    """Units kept as body: probability over the threshold, less three general
    kinds of page furniture the 61 training pages show too rarely for the trees
    to learn them (each checked on the out-of-fold predictions of the dev CV:
    together +0.006 F1):
      * pointers to other pages ("Read more: …", "Related: …");
      * items of a headline list or ticker: no final full stop and the same
        first two words as a neighbour ("Sheikh X: …", "LIVE: …");
      * short units between the guessed headline and the body's first
        paragraph (standfirst, byline, date; the gold bodies leave them out).
        40 words: standfirsts are one or two sentences.
    and, added later (out-of-fold F1 0.921 -> 0.936 together, see
    docs/textdump-model.md for each one's share):
      * image file names, alt text run into its caption, "[…]" teasers and
        "» link" lines (``_is_slug``, ``_is_doubled``, ``_TEASER``, ``_ARROW``);
      * a page header the trees kept (``_drop_kept_header``);
      * a comment section under the article (``_cut_comments``).
    and, in session 16, five rules about lists, the two stages and the first
    paragraph (out of fold, site-grouped 0.926 -> 0.932): a list item or
    short sentence stage 1 kept stays; inside the body, a list item over
    ``HYSTERESIS`` joins, and so does a unit stage 1 kept; a first paragraph
    stage 1 kept, set apart from the body by a box, joins it; the list a kept
    colon line introduces is body.  Session 17: a last kept run at the page's
    foot that holds a copyright notice is its legal footer
    (``_cut_footer_run``), a unit of fewer than 40 words kept alone far
    above the body is page header, and a unit without a word (a dash, a
    rule line) is never body.  Session 18: the short lines between two kept
    short lines join the body when all of them are of one form
    (``_join_enclosed_runs``: tables, meal plans, lists without a colon
    line).  Session 19: a colon line right after the body joins it, and a
    kept colon line introduces the block indented under it as well as a list
    (``_colon_after_body``, ``_colon_block``: an embedded post or quotation
    that ends the article)."""
    def furniture(i: int) -> bool:
        r = X2[i]
        return bool(_POINTER.match(texts[i]) or _CREDIT_END.search(texts[i][-120:])
                    or _is_slug(texts[i]) or _is_doubled(texts[i]) or _TEASER.search(texts[i][-12:])
                    or (_ARROW.match(texts[i]) and r[_C["words"]] < 15)
                    or (r[_C["shared_prefix"]] and not r[_C["terminal"]])
                    or (r[_HEAD] and r[_C["words"]] < 40) or r[_C["words"]] == 0)

    body = _smooth(p, threshold, SWITCH_COST) if SWITCH_COST > 0 else p >= threshold
    # A list item or short sentence that stage 1 kept stays: stage 2 weighs a
    # unit by its neighbours' stage-1 probabilities, and a list's items and
    # the short lines of an interview stand among units as short as
    # themselves, which on other pages are menus.  (Out of fold, stage 2
    # dropped ~610 such body words a run against ~40 of furniture.)
    for i in np.flatnonzero((X2[:, _P1] >= threshold) & ~body):
        body[i] = _short_item(X2[i])
    out = [i for i in range(len(p)) if body[i] and not furniture(i)]
    if INNER_THRESHOLD is not None and len(out) > 1:
        # Hysteresis inside the body: a unit between two kept units joins
        # them at the lower probability (a paragraph the trees doubted, among
        # paragraphs they did not) when it is written as a sentence and is no
        # caption or credit, or is an item of a list; and any unit stage 1
        # kept (inside the body stage 2 may add units, not take them away:
        # it reads a paragraph among "Related articles" boxes and captions
        # as isolated).  Session 16: site-grouped CV +0.003 with the stage-1
        # rule above (docs/textdump-model.md).  Before, out of fold F1
        # 0.938 -> 0.942 (page-grouped, GroupKFold) and 0.944 -> 0.944
        # (site-grouped, i mod 5) for the sentences; on the peer
        # pages rendered as dumps, checks unchanged (docs/textdump-model.md).
        # From the first kept paragraph of prose on: what stands above it is
        # the page's header (the headline, a standfirst), not body to fill.
        kept = set(out)
        lo = next((i for i in out if _is_prose(list(X2[i, : len(_OWN)]))), out[-1])
        out = [i for i in out if i < lo] + [
            i for i in range(lo, out[-1] + 1)
            if i in kept or (not furniture(i) and (
                X2[i, _P1] >= threshold
                or (p[i] >= INNER_THRESHOLD and (_sentence_like(X2[i]) or _list_item(X2[i])))))]
    # The body's first paragraph, set apart from the rest by a box, a
    # caption or an ad: a prose unit stage 1 kept, at most START_REACH
    # units above the first kept one with no other prose between, joins
    # (stage 2 reads it as isolated, the fixed windows see the box).
    if out:
        j = out[0] - 1
        while j >= 0 and out[0] - j <= START_REACH:
            if _is_prose(list(X2[j, : len(_OWN)])):
                if X2[j, _P1] < threshold or furniture(j):
                    break
                out.insert(0, j)
            j -= 1
    out = _drop_kept_header(out, X2, texts)
    out = _cut_comments(out, X2, texts)
    out = _cut_footer_run(out, X2, texts)
    # A fragment of fewer than 4 words with no sentence end, kept after a
    # gap at the end of the body, is a tag, a label or a button, not the
    # article's last paragraph (which is written as a sentence).
    while TRAILING_FRAGMENT and len(out) > 1 and out[-1] - out[-2] > 1 \
            and X2[out[-1], _C["words"]] < 4 and not X2[out[-1], _C["terminal"]]:
        out.pop()
    # A unit of fewer than 40 words (a standfirst's length, as in
    # ``furniture``), kept alone more than START_REACH units above the rest
    # of the body, is the page's header (a standfirst or a teaser under the
    # headline), not the article's first paragraph, which joins the body
    # across a box only within START_REACH.
    while len(out) > 1 and out[1] - out[0] > START_REACH and X2[out[0], _C["words"]] < 40:
        out.pop(0)
    # A kept line ending in a colon introduces what follows ("The new version
    # brings:", "Here's what to know:"): the items of its list (bulleted like
    # the first one, or not) are body, whatever the trees made of them; stage
    # 2 reads them as a run of short lines, which on most pages is a menu,
    # and an article does not end on a colon.  So a colon line right after
    # the body, over lines set in from its margin, joins it at the lower
    # probability, and what it introduces may be a block set deeper than
    # itself instead of a list (``_colon_after_body``, ``_colon_block``).
    if COLON_BLOCKS:
        out = _colon_after_body(out, p, X2, furniture)
    add = []
    for k in [k for k in out if X2[k, _C["colon_end"]]]:
        j = k + 1
        bulleted = j < len(p) and bool(X2[j, _C["bullet"]])
        while j < len(p) and X2[j, _C["list_intro"]] and bool(X2[j, _C["bullet"]]) == bulleted \
                and not furniture(j):
            add.append(j)
            j += 1
        if COLON_BLOCKS and j == k + 1:
            add.extend(_colon_block(k, X2, furniture))
    out = sorted(set(out) | set(add))
    if ENCLOSED_RUNS:
        out = _join_enclosed_runs(out, X2, furniture)
    # Hysteresis at the end: prose paragraphs right after the last kept unit
    # join the body at a lower probability (0.35; 15+ words ending in a full
    # stop).  Trees learned that text near the end of a page is footer, which
    # is wrong for short, light dumps.  CV: +0.001 F1.
    if out:
        j = out[-1] + 1
        while (j < len(p) and p[j] >= HYSTERESIS and X2[j, _C["terminal"]] and X2[j, _C["words"]] >= 15
               and X2[j, _C["stop"]] >= 0.25 and not _POINTER.match(texts[j])):
            out.append(j)
            j += 1
    return out


#: Share of a page's words its prose core must hold for the page to count as
#: clean text (see ``_clean_text_body``): most of it, i.e. more than half.
CLEAN_TEXT_SHARE = 0.5


def _clean_text_body(X: np.ndarray) -> list[int]:
    """The prose units of the page's core when the page is clean text.

    The trees learned from whole-page dumps, where a body sits between menus
    and footers; a clean text file (a title and a paragraph or two) has none
    of that, and its paragraphs' position features lie outside anything they
    saw, so they may keep nothing.  When more than half of the page's words
    are the core's prose (a menu, a footer or a cookie notice alone is not),
    the core's prose units are the body."""
    own = X[:, : len(_OWN)].tolist()
    cs, ce = _core(own)
    if ce < cs:
        return []
    body = [i for i in range(cs, ce + 1) if _is_prose(own[i])]
    total = float(X[:, _C["words"]].sum())
    words = float(sum(X[i, _C["words"]] for i in body))
    return body if total and words / total > CLEAN_TEXT_SHARE else []


def _as_read(texts: list[str], keep: list[int], title_i: int | None, shown: dict[int, str]) -> str:
    """The article as it reads on the page (``extract_dump(full=True)``): the
    headline, the standfirst and captions found around the body, the body,
    and the pointer lines ("Read more: …") among the body's units and up to
    two units after its end, each in page order; a caption or standfirst
    repeated (image alt text under the caption) appears once."""
    first, last = keep[0], keep[-1]
    take = {i: texts[i] for i in keep}
    take.update(shown)
    if title_i is not None:
        take[title_i] = texts[title_i]
    for i in range(first, min(len(texts), last + 3)):
        if i not in take and _POINTER.match(texts[i]):
            take[i] = texts[i]
        elif i > last and i not in take:
            break
    body = set(keep)
    out: list[str] = []
    for i in sorted(take):
        if i in body or take[i] not in out:
            out.append(take[i])
    return "\n\n".join(out)


def _is_meta_line(t: str, words: float) -> bool:
    """A byline or dateline: what follows a headline on most article pages."""
    if words > 25:
        return False
    return bool(_BYLINE.match(t) or re.search(r"\b[Bb]y\s+[A-Z]", t)
                or re.match(r"(?i)^\W{0,3}(?:published|updated|posted|last updated)\b", t)
                or (words <= 16 and parse_date(t)))


_PUB_WORD = re.compile(r"(?i)\b(?:published|posted|first published|publicado|publié|veröffentlicht)\b\W{0,3}")
_UPD_WORD = re.compile(r"(?i)\b(?:updated|last updated|modified|actualizado|mis à jour|aktualisiert)\b")


def _stated_date(t: str) -> tuple[str | None, bool]:
    """The publication date a header line states, and whether it is only an
    update: the date after "Published"/"Posted" when the line names one
    ("Updated: 10:43, Nov 19 | Published: 00:01, Nov 19" → the second), else
    the line's first date, flagged when "Updated" comes right before it (a
    line further down may still state the publication)."""
    m = _PUB_WORD.search(t)
    if m:
        d = parse_date(t[m.end():])
        if d:
            return d, False
    d = parse_date(t)
    if not d:
        return None, False
    u = _UPD_WORD.search(t)
    return d, bool(u and not _PUB_WORD.search(t[: u.start()]) and parse_date(t[u.end():]) == d)


def _title_score(i: int, first: int, t: str, X: np.ndarray, W: np.ndarray, units: list[Unit],
                 guess: set[int], body_vocab: set[str], meta: list[bool]) -> float:
    """How much unit ``i`` looks like the headline of a body starting at unit
    ``first``.  The weights are hand-set preferences (checked against the
    seeds and the dev pages' titles, see TITLE_* for the tuned ones): close to
    the body, 5–20 words, no final full stop, capitalised words, repeated on
    the page, followed by a byline or dateline; not a bullet, caption, date
    line or fragment of fewer than 4 words."""
    tw = _WORD.findall(t)
    dist = first - i
    score = -TITLE_DIST * min(dist, TITLE_DIST_CAP) if dist > 0 else -TITLE_AFTER_COST
    # a headline may ask or exclaim, but it does not end with a full stop
    score += 2.0 if not _FULL_STOP.search(t) else -1.0
    score += 1.5 if 5 <= W[i] <= 20 else 0.0
    score += 2.0 if i in guess else 0.0
    score += 1.5 if X[i, _I["repeat"]] > 0 and W[i] >= 4 else 0.0
    score += 1.0 if sum(w[0].isupper() for w in tw) >= 0.6 * len(tw) else 0.0
    score -= 3.0 if units[i].bullet else 0.0
    score -= 2.0 if X[i, _I["credit"]] or _CREDIT_END.search(t) or re.search(r"(?i)\bcredit\b", t) else 0.0
    score -= 3.0 if W[i] < 4 else 0.0
    score -= 2.0 if X[i, _I["date"]] else 0.0
    score -= 2.0 if X[i, _I["allcaps"]] else 0.0
    # A headline is about what the article is about: most of its content
    # words recur in the body (share buttons, tickers, headlines of other
    # stories do not); see TITLE_OVERLAP.
    cw = _content_words(t)
    score += TITLE_OVERLAP * (len(cw & body_vocab) / len(cw)) if cw else 0.0
    score -= 4.0 if len(tw) and len(_SOCIAL.findall(t)) >= 2 else 0.0
    # A byline or dateline right under it (the next unit, or the one after a
    # standfirst or a repeat of the headline): see TITLE_META.
    n = len(meta)
    if i + 1 < n and meta[i + 1]:
        score += TITLE_META
    elif i + 2 < n and meta[i + 2]:
        # after a standfirst (a sentence) the byline still belongs to the headline
        score += TITLE_META if _FULL_STOP.search(units[i + 1].text) else TITLE_META / 2
    return score


#: A final full stop (not "?", "!" or an ellipsis).
_FULL_STOP = re.compile(r"(?<!\.)[.。][\"'”’)\]]*\s*$")


def extract_dump(text: str, *, url: str | None = None, full: bool = False) -> Extracted:
    """The article in a plain-text page dump, with what the page says about it.

    ``text`` is the article *body*, as the extraction benchmark's gold defines
    it: paragraphs and subheadings, without the headline, standfirst, image
    captions and "Read more: …" pointers to other pages (those go to
    ``title``, ``description``, ``captions`` or nowhere).  With ``full=True``
    it is the article *as it reads on the page*, the way a reader copying it
    would: headline, standfirst, captions and body, with the pointer lines
    inside the article and right after it kept where they stand."""
    if not isinstance(text, str):
        raise TypeError("extract_dump expects str")
    text = _nfc(text[:MAX_CHARS])
    units = segment(text)
    if not units or not any(_WORD.search(u.text) for u in units):
        raise NoArticle("no text in the page dump")
    X = unit_features(units)
    p, X2 = body_probabilities(units, X)
    return extract_units(units, X, p, X2, url=url, full=full)


def extract_units(units: list[Unit], X: np.ndarray, p: np.ndarray, X2: np.ndarray, *,
                  url: str | None = None, full: bool = False, threshold: float | None = None) -> Extracted:
    """``extract_dump`` from the units' features and body probabilities on:
    the selection rules, the headline, the metadata.  Cross-validation
    (``benchmarks/train_textdump.py``) calls it with a fold's probabilities,
    so that it scores exactly what ships."""
    keep = _select(p, X2, [u.text for u in units], _threshold() if threshold is None else threshold)
    if not keep:
        keep = _clean_text_body(X)
    if not keep:
        raise NoArticle("no article text found in the page dump")
    body_words = sum(X[i, 0] for i in keep)
    if body_words < 3:
        raise NoArticle("no article text found in the page dump")
    keep_set = set(keep)
    first, last = keep[0], keep[-1]
    texts = [u.text for u in units]
    W = X[:, 0]

    # ---- title: the headline-like unit that best fits (see _title_score)
    title = None
    title_i = None
    best = -1e9
    guess = {i for i in range(len(units)) if X2[i, _D_TITLE] == 0}
    body_vocab = _content_words(" ".join(texts[i] for i in keep[:20]))
    meta = [_is_meta_line(t, W[i]) for i, t in enumerate(texts)]
    cands = [i for i in range(max(0, first - TITLE_REACH), min(len(units), first + TITLE_AFTER + 1))
             if i not in keep_set or (i == first and len(keep) > 1)]
    for i in cands:
        t = texts[i]
        if not _is_headline(t) or meta[i]:
            continue
        if i in keep_set and not (meta[i + 1] if i + 1 < len(units) else False):
            continue       # the body's first unit is the headline only when a byline/date follows
        if i > first:
            above = [k for k in keep if k < i]
            if len(above) > TITLE_AFTER_DROP or sum(W[k] for k in above) >= TITLE_AFTER_WORDS:
                continue   # under body text: a subheading, not the headline
        score = _title_score(i, first, t, X, W, units, guess, body_vocab, meta)
        if score > best:
            best, title, title_i = score, t, i
    if title_i is not None and title_i in keep_set:
        keep = keep[1:]
        keep_set.discard(title_i)
        first = keep[0]
    elif title_i is not None and title_i > first:
        # The headline stands under the first kept units (allowed only when
        # they are short: at most TITLE_AFTER_DROP units, under 40 words, a
        # standfirst's length): they are page header (a site's tagline, a
        # teaser), not body.
        rest = [i for i in keep if i > title_i]
        if rest:
            keep = rest
            keep_set = set(keep)
            first = keep[0]
    if title is None and len(keep) > 1:
        # clean text: the first body unit may itself be the title
        t = texts[first]
        if _is_headline(t) and not _TERMINAL.search(t) and W[first] <= 25 and W[keep[1]] > W[first]:
            title, title_i = t, first
            keep = keep[1:]
            keep_set.discard(first)
            first = keep[0]

    # A short first unit right under the headline, followed by a longer
    # one, is the standfirst: the description, not body.  (``_select`` did
    # this under stage 2's headline *guess* until session 15; a related link
    # or a caption taken for the headline then cost the paragraph under it.)
    if title_i is not None and first == title_i + 1 and len(keep) > 1 and W[first] < 20 \
            and W[keep[1]] > W[first]:
        keep = keep[1:]
        keep_set.discard(first)
        first = keep[0]

    head_lo = title_i if title_i is not None else max(0, first - 15)

    # ---- byline, date, description, captions, section in the head
    authors: list[str] = []
    published = None
    description = None
    captions: list[str] = []
    shown: dict[int, str] = {}      # unit -> its text in the full rendering (standfirst, captions)
    section = None
    # the byline and dateline usually sit right under the headline: look there
    # first, then above it (a page's own "today" date often heads the page)
    scan = list(range(head_lo + 1, min(len(units), first + 3))) + list(range(max(0, head_lo - 6), head_lo + 1))
    updated_only = False      # the date found so far was stated as an update
    for i in scan:
        t = texts[i]
        if not authors and (_BYLINE.match(t) or (re.search(r"\bby\s+[A-Z]", t) and W[i] <= 15)) and i not in keep_set:
            authors = parse_byline(t)
        if (published is None or updated_only) and W[i] <= 25:
            d, upd = _stated_date(t)
            if d and (published is None or not upd):
                published, updated_only = d, upd
    if published is None:
        for i in range(max(0, first - 40), min(len(units), last + 1)):
            if i not in keep_set and W[i] <= 25:
                published = parse_date(texts[i])
                if published:
                    break
    if not authors:
        for i in range(max(0, head_lo - 6), min(len(units), last + 8)):
            if i not in keep_set and _BYLINE.match(texts[i]) and W[i] <= 12:
                authors = parse_byline(texts[i])
                if authors:
                    break

    lo = title_i + 1 if title_i is not None else max(0, first - 10)
    for i in range(lo, last + 1):
        if i in keep_set:
            continue
        t = texts[i]
        if W[i] < 4 or _CUE_PREFIX.match(t) or _BYLINE.match(t) or t == title:
            continue
        if X[i, _I["credit"]] or X[i, _I["image"]] or (i > 0 and texts[i - 1].startswith("[")):
            if W[i] >= 5:
                captions.append(re.sub(r"^\[[^\]]*\]\s*", "", t))
                shown[i] = captions[-1]
            continue
        if (i < first and description is None and W[i] >= 6 and X[i, _I["stop"]] >= 0.15
                and not X[i, _I["date"]] and not units[i].bullet):
            description = t
            shown[i] = t
            continue
        if i < first and units[i].bullet and W[i] >= 8 and X[i, _I["stop"]] >= 0.15:
            captions.append(t)
            shown[i] = t
    # de-duplicate captions (one is often the other plus a credit)
    uniq: list[str] = []
    for c in captions:
        key = c.lower()[:60]
        if any(key == u.lower()[:60] for u in uniq):
            continue
        uniq.append(c)
    captions = uniq
    if title_i is not None:
        for i in range(title_i - 1, max(-1, title_i - 4), -1):
            t = texts[i]
            if 1 <= W[i] <= 3 and not X[i, _I["date"]] and not _CUE_PREFIX.match(t) and len(t) <= 40 \
                    and not _SECTION_CUE.match(t) and t[:1].isupper():
                section = t
                break

    # ---- tags: a list of short items right after the body
    tags: list[str] = []
    j = last + 1
    while j < len(units) and j <= last + 4 and not units[j].bullet:
        t = texts[j]
        if _POINTER.match(t):
            j += 1
            continue
        if re.match(r"(?i)^\W{0,3}(?:tags|topics|related topics|filed under|keywords)\s*:?\s*", t):
            rest = re.sub(r"(?i)^\W{0,3}(?:tags|topics|related topics|filed under|keywords)\s*:?\s*", "", t)
            if rest:
                tags = [x.strip() for x in re.split(r"[,;|•]", rest) if x.strip()]
                break
            j += 1
            continue
        if _SECTION_CUE.match(t) or W[j] > 6:
            break
        j += 1
    if not tags and j < len(units) and units[j].bullet:
        blk = units[j].block
        items = []
        while j < len(units) and units[j].block == blk and units[j].bullet:
            items.append(texts[j])
            j += 1
        if 2 <= len(items) <= 30 and all(1 <= len(_WORD.findall(x)) <= 5 and not _TERMINAL.search(x)
                                         and not _DATE.search(x) for x in items):
            tags = items

    # ---- outlet: a © line, else a short name repeated at the top and bottom
    outlet = None
    for i in range(len(units) - 1, max(-1, len(units) - 60), -1):
        if "©" in texts[i] or re.search(r"(?i)\bcopyright\b|\(c\)\s*\d{4}", texts[i]):
            outlet = from_copyright(texts[i])
            if outlet:
                break
    if outlet is None:
        top = [texts[i] for i in range(min(len(units), 6)) if i < first]
        for t in top:
            if 1 <= len(_WORD.findall(t)) <= 5 and not _TERMINAL.search(t) and not _CUE_PREFIX.match(t) \
                    and t[:1].isupper() and t != title and not _DATE.search(t) and len(t) <= 50 \
                    and not _SECTION_CUE.match(t):
                # a masthead comes back in the footer, after the article; a section or an advert
                # label repeated among the menus does not
                footer = any(texts[i] == t for i in range(max(keep, default=first) + 1, len(texts)))
                byline_match = any(a == t for a in authors)
                if footer or byline_match or (len(units) - len(keep) <= 12 and units[0].text == t):
                    outlet = t
                    break

    if section is not None and (section == outlet or section == texts[0]):
        section = None      # the site name above the headline is not a section
    if full:
        body = _as_read(texts, keep, title_i, shown)
    else:
        body = "\n\n".join(texts[i] for i in keep)
    return Extracted(
        text=body,
        title=title,
        authors=authors,
        published=published,
        outlet=outlet,
        url=url,
        language=None,
        section=section,
        tags=tags,
        captions=captions,
        cites=[],
        description=description,
        extractor="textdump",
    )
