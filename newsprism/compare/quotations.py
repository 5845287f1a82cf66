"""Where the quotations of a text are: the spans between quotation marks, straight or curly, on one line, or
run on over the next lines of a paragraph (text split one sentence a line, a quotation a colon opens as a
block, one left open at a paragraph's end by the custom of a quotation running on into the next)."""

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
    it runs to the paragraph's end (four words at least)."""
    hi = len(text) if hi is None else hi
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
        if free:
            i = free[0]
            # a quotation a colon opens ("… she was a “social drinker” who's no longer tempted …: ¶ “No. ¶ I've
            # done it. ¶ …”") is a block: it runs on to its closing mark however many lines it takes
            block = text[at:i].rstrip().endswith(":") or (not text[at:i].strip() and text[:at].rstrip().endswith(":"))
            run = _runs_on(text, end, hi, None if block else RUN_ON_LINES)
            if run is not None:      # the quotation goes on over the next lines (one sentence a line)
                stop, close = run
                if close is not None:
                    closers.add(close)
                    out = [q for q in out if not (q[0] <= close < q[1])]
                out = [q for q in out if not (i <= q[0] < end)]
                out.append((i, close + 1 if close is not None else stop, i + 1, stop))
            else:
                inner_end = len(text[i + 1:end].rstrip())
                if len(words(text[i + 1:i + 1 + inner_end])) >= 4:
                    out = [q for q in out if not (i <= q[0] < end)]
                    out.append((i, i + 1 + inner_end, i + 1, i + 1 + inner_end))
        at = end + 1
    return sorted(out)


#: lines a quotation left open may run on over (text split one sentence a line)
RUN_ON_LINES = 4


def _runs_on(text: str, end: int, hi: int, most: int | None = RUN_ON_LINES) -> tuple[int, int | None] | None:
    """Where a quotation left open at the line ending at ``end`` ends, when the text goes on (no blank line
    between: one paragraph) with lines that hold no quotation mark and then either a closing mark ("“I see a person lying down.¶This is a mom, …
    911, ” said …": text split one sentence a line) or a line that opens a quotation again (the custom of a
    quotation running on into the next paragraph): (end of the words, the closing mark's index or None).
    None when the next line holds a quotation mark of another kind: the quotation ends with its own line.
    ``most``: how many lines with no mark it may pass (None: any number, up to a closing mark)."""
    j, n = end + 1, 0
    while j < hi and (most is None or n <= most):
        e = text.find("\n", j, hi)
        e = hi if e < 0 else e
        k = next((x for x in range(j, e) if text[x] in "“”\""), None)
        if not text[j:e].strip():
            return None      # a blank line ends the paragraph: its quotation is read by the custom above
        if k is None:
            n += 1
            j = e + 1
            continue
        if text[k] == "”" or text[k] == '"' and re.search(r"[\w,.?!…]\s?$", text[j:k]) and \
                not re.match(r"\w", text[k + 1:k + 2]):
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
