"""Where the quotations of a text are: the spans between quotation marks, straight or curly, on one line, or
run on over the next lines of a paragraph (text split one sentence a line, a quotation a colon opens as a
block, one left open at a paragraph's end by the custom of a quotation running on into the next).

Double marks (“…”, "…") and single ones (‘…’, '…', the custom of British outlets and of headlines) are read
alike; a single mark is told from an apostrophe by what stands on either side of it: inside a word it is one
(it's, O'Brien, Ka'Loni), before an elided word or a year it is one (rock 'n' roll, 'em, the '90s), and after
an "s" before a word it is a plural's possessive (the voters' choice) unless no other mark closes the
quotation. A quotation in single marks inside one in double marks (or the other way round) is part of it,
not one of its own."""

from __future__ import annotations

import re

from newsprism.compare.text import ArticleView, words

#: a quotation: a curly opening closed by a straight mark after a comma or stop, with a space between or not ("“…cowardice," said X.
#: “Most …”"), or the other way round ("\"Chairman Ryan … the worst,” a Ryan spokesman said"), curly marks (a quotation inside may use them too), or straight marks
_QUOTE = re.compile(r"“([^”“\"\n]{1,1500}[,.?!]) ?\"|\"([^\"“”\n]{1,1500}[,.?!])”|“([^”\n]{2,1500})”|\"([^\"\n]{2,1500})\"")


def quotations(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, int, int]]:
    """(start, end, words' start, words' end) of each quotation in ``text[lo:hi]`` (``lo`` a paragraph's
    start): a pair of marks on one line, or an opening mark that no mark closes before the paragraph ends,
    the custom when a quotation runs on into the next paragraph ("“From the beginning, … wrongdoing.¶"):
    it runs to the paragraph's end (four words at least); in double marks or in single ones, the outer of two
    nested."""
    hi = len(text) if hi is None else hi
    doubles = _doubles(text, lo, hi)
    singles = [q for q in _singles(text, lo, hi) if not any(d[0] < q[0] < d[1] for d in doubles)]
    return sorted(singles + [d for d in doubles if not any(q[0] < d[0] and d[1] <= q[1] for q in singles)])


def _doubles(text: str, lo: int, hi: int) -> list[tuple[int, int, int, int]]:
    """The quotations in double marks of ``text[lo:hi]``, as ``quotations`` gives them."""
    out = []
    for m in _QUOTE.finditer(text, lo, hi):
        g = next(k for k in (1, 2, 3, 4) if m.group(k) is not None)
        out.append((m.start(), m.end(), m.start(g), m.end(g)))
    at = lo
    closers: set[int] = set()      # closing marks of quotations that began on an earlier line
    while at < hi:
        end = text.find("\n", at, hi)
        end = hi if end < 0 else end
        closed = [q for q in out if at <= q[0] < end]
        free = [i for i in range(at, end) if text[i] in "“\"" and i not in closers
                and not any(a <= i < b for a, b, *_ in closed)]
        # a curly opening mark, or a straight one after a space or at the paragraph's start
        free = [i for i in free if text[i] == "“" or i == at or text[i - 1] in " \t([—–-"]
        got = _left_open(text, free[0], at, end, hi, _double_mark) if free else None
        if got is not None:
            quote, close = got
            if close is not None:
                closers.add(close)
                out = [q for q in out if not (q[0] <= close < q[1])]
            out = [q for q in out if not (free[0] <= q[0] < end)]
            out.append(quote)
        at = end + 1
    return out


def _left_open(text: str, i: int, at: int, end: int, hi: int, mark
               ) -> tuple[tuple[int, int, int, int], int | None] | None:
    """The quotation that the mark at ``i`` opens when no mark closes it on its line (``text[at:end]``), and the
    index of the mark on a later line that closes it (None: none does), or None when it makes none: it goes on
    over the next lines (one sentence a line) to its closing mark or to a line that opens another quotation
    (``_runs_on``, ``mark`` finding the marks of its kind), or else to its line's end (four words at least)."""
    # a quotation a colon opens ("… she was a “social drinker” who's no longer tempted …: ¶ “No. ¶ I've done it.
    # ¶ …”") is a block: it runs on to its closing mark however many lines it takes
    block = text[at:i].rstrip().endswith(":") or (not text[at:i].strip() and text[:at].rstrip().endswith(":"))
    run = _runs_on(text, end, hi, None if block else RUN_ON_LINES, mark)
    if run is not None:
        stop, close = run
        return (i, close + 1 if close is not None else stop, i + 1, stop), close
    inner_end = len(text[i + 1:end].rstrip())
    if len(words(text[i + 1:i + 1 + inner_end])) >= 4:
        return (i, i + 1 + inner_end, i + 1, i + 1 + inner_end), None
    return None


#: a single quotation mark or an apostrophe
_SINGLE = re.compile("['‘’]")
#: what follows an apostrophe that stands for letters left out: rock 'n' roll, 'em, 'til, 'cause, 'tis, '90s, '09
_ELIDED = re.compile(r"(?:n|em|til|till|cause|bout|round|tis|twas)\b|\d\ds?\b", re.I)


def _single_marks(text: str, a: int, b: int) -> list[tuple[int, str]]:
    """The single marks of the line ``text[a:b]`` that may open or close a quotation, as (index, kind): "open"
    (after a space, a bracket or a dash, or at the line's start, before a word); "close" (after a word or a stop,
    or after a space that follows one, as text split into tokens has it: "support. '"; never before a letter);
    "close?" when the word before ends in "s" and a word follows: a plural's possessive as likely ("the cousins'
    home"). Apostrophes inside words, before elided words and years are neither."""
    out = []
    for m in _SINGLE.finditer(text, a, b):
        i = m.start()
        prev = text[i - 1] if i > a else " "
        nxt = text[i + 1] if i + 1 < b else " "
        if prev.isalnum() and nxt.isalnum():
            continue      # it's, O'Brien
        if m.group() != "’" and (prev.isspace() or prev in "([{—–-\"“") and (nxt.isalnum() or nxt in "“\"([") \
                and not _ELIDED.match(text, i + 1):
            out.append((i, "open"))
        elif m.group() != "‘" and not nxt.isalnum() and \
                (not prev.isspace() or i - 2 >= a and not text[i - 2].isspace()):
            possessive = text[a:i].rstrip()[-1:] in ("s", "S") and text[i + 1:b].lstrip()[:1].isalpha()
            out.append((i, "close?" if possessive else "close"))
    return out


def _single_mark(text: str, a: int, b: int) -> tuple[int, bool] | None:
    """The first quotation mark of the line ``text[a:b]`` for a quotation in single marks that runs on: (its
    index, whether it closes one); a double mark is of another kind and closes none."""
    single = next(iter(_single_marks(text, a, b)), None)
    double = next((x for x in range(a, b) if text[x] in "“”\""), None)
    if double is not None and (single is None or double < single[0]):
        return double, False
    return (single[0], single[1] != "open") if single is not None else None


def _singles(text: str, lo: int, hi: int) -> list[tuple[int, int, int, int]]:
    """The quotations in single marks of ``text[lo:hi]``, as ``quotations`` gives them: on each line an opening
    mark pairs with the next mark that closes (with a possessive's only when nothing else closes it); one left
    open runs on as a quotation in double marks does."""
    out: list[tuple[int, int, int, int]] = []
    at, used = lo, lo          # marks before ``used`` closed a quotation that began on an earlier line
    while at < hi:
        end = text.find("\n", at, hi)
        end = hi if end < 0 else end
        opened, possessive = None, None
        for i, kind in _single_marks(text, max(at, used), end):
            if opened is not None and possessive is not None and kind == "open":
                # a mark that opens after a possessive's: that one closed the quotation ('Israel's' 'servants')
                out.append((opened, possessive + 1, opened + 1, possessive))
                opened = None
            if opened is None:
                opened, possessive = (i, None) if kind == "open" else (None, None)
            elif kind == "close":
                out.append((opened, i + 1, opened + 1, i))
                opened = None
            elif kind == "close?" and possessive is None:
                possessive = i
        if opened is not None and possessive is not None:
            out.append((opened, possessive + 1, opened + 1, possessive))
        elif opened is not None and (got := _left_open(text, opened, at, end, hi, _single_mark)) is not None:
            out.append(got[0])
            used = used if got[1] is None else got[1] + 1
        at = end + 1
    return [q for q in out if len(text[q[2]:q[3]].strip()) >= 2]


#: lines a quotation left open may run on over (text split one sentence a line)
RUN_ON_LINES = 4


def _double_mark(text: str, a: int, b: int) -> tuple[int, bool] | None:
    """The first double quotation mark of the line ``text[a:b]``: (its index, whether it closes a quotation)."""
    k = next((x for x in range(a, b) if text[x] in "“”\""), None)
    if k is None:
        return None
    return k, text[k] == "”" or text[k] == '"' and re.search(r"[\w,.?!…]\s?$", text[a:k]) is not None and \
        not re.match(r"\w", text[k + 1:k + 2])


def _runs_on(text: str, end: int, hi: int, most: int | None, mark) -> tuple[int, int | None] | None:
    """Where a quotation left open at the line ending at ``end`` ends, when the text goes on (no blank line
    between: one paragraph) with lines that hold no quotation mark and then either a closing mark ("“I see a person lying down.¶This is a mom, …
    911, ” said …": text split one sentence a line) or a line that opens a quotation again (the custom of a
    quotation running on into the next paragraph): (end of the words, the closing mark's index or None).
    None when the next line holds a quotation mark of another kind: the quotation ends with its own line.
    ``most``: how many lines with no mark it may pass (None: any number, up to a closing mark); ``mark``: the
    first mark of a line of the quotation's kind (``_double_mark``, ``_single_mark``)."""
    j, n = end + 1, 0
    while j < hi and (most is None or n <= most):
        e = text.find("\n", j, hi)
        e = hi if e < 0 else e
        found = mark(text, j, e)
        if not text[j:e].strip():
            return None      # a blank line ends the paragraph: its quotation is read by the custom above
        if found is None:
            n += 1
            j = e + 1
            continue
        k, closes = found
        if closes:
            return len(text[:k].rstrip()), k
        if n and not text[j:k].strip() and most is not None:
            return len(text[:j - 1].rstrip()), None
        return None
    return None


def quoted_in(view: ArticleView, a: int, b: int) -> list[tuple[int, int]]:
    """The quotations that touch ``view.text[a:b]``, relative to ``a``: paired from the start of the
    paragraph, so that a piece of text that begins inside a quotation (straight quotes) is read right."""
    para = view.text.rfind("\n", 0, a) + 1
    end = view.text.find("\n", b)
    end = len(view.text) if end < 0 else end
    return [(s0 - a, s1 - a) for s0, s1, _, _ in quotations(view.text, para, end) if s0 < b and a < s1]


def inside(t, quoted: list[tuple[int, int]]) -> bool:
    return any(a <= t.idx < b for a, b in quoted)
