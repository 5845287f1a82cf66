"""Quotes: who said what, how it was attributed, and one utterance's wordings aligned.

A quotation is a span between double quotes (straight or curly) of at least
four words; shorter quoted phrases join an utterance only as a fragment of a
longer wording another outlet carries (“start very soon”). The speaker is the
name, pronoun or descriptor next to a speech verb in the quote's sentence
(``X said``, ``said X``, ``X told Fox News:``); a pronoun or descriptor is
resolved to the person last named before it in the article. Wordings of one
utterance are aligned across articles when most words of the shorter one occur,
in order, in the longer one (``THRESHOLD``; a fragment must occur as one run)
and the speakers do not disagree; pairs are joined closest first, and an
utterance holds one mention per article, so distinct lines of one speech that
an outlet quotes together do not chain into one utterance. Embeddings are not
used here: on the gold they joined unrelated lines on a shared topic.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property

from newsprism.compare.text import STOP, ArticleView, People, fold, words

SPEECH_VERBS = ("said|says|say|told|tells|stated|states|declared|declares|added|adds|wrote|writes|tweeted|"
                "posted|warned|warns|argued|argues|explained|noted|notes|insisted|insists|claimed|claims|"
                "asserted|announced|announces|demanded|asked|asks|replied|continued|emphasized|emphasised|"
                "remarked|vowed|urged|acknowledged|admitted|quipped|recalled|conceded|stressed|predicted|"
                "reiterated|responded|retorted|countered|charged|complained|observed|pointed out|suggested|"
                "confirmed|denied|cautioned|boasted|promised|mused|joked|shouted|yelled|demands|stating|saying|"
                "telling|declaring|adding|writing|calling|called|describing|described|asserting|accusing|warning|"
                "noting|insisting|claiming|arguing|vowing|emphasizing|urging|announcing|according to")
_VERB = re.compile(r"\b(?P<verb>%s)\b" % SPEECH_VERBS, re.I)
#: share of the shorter wording's words the longer one must carry in order; 0.72 admits one
#: word changed in four ("the land is easier" / "the terrain is easier"), not two
THRESHOLD = 0.72
#: wordings this close are one utterance even when the speakers found for them differ
SAME_WORDS = 0.9
#: capitalised words next to a speech verb that are times, not speakers
NOT_SPEAKERS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
                "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
                "today", "yesterday", "earlier", "later", "last", "on", "in", "but", "and", "meanwhile"}
PRONOUNS = {"he", "she", "they", "it", "i", "we"}
_NAME = r"(?:[A-Z][\w.'’-]*(?:\s+(?:de|la|del|los|van|von)\b)?(?:\s+[A-Z][\w.'’-]*){0,3})"
_QUOTE = re.compile(r"“([^”\n]{2,1500})”|\"([^\"\n]{2,1500})\"")
_SETTING = re.compile(
    r"\b(?:during|in|at|on|while|after|before|from)\s+(?:a|an|the|his|her|their|its)?\s*(?:[\w'’-]+\s+){0,4}?"
    r"(?:remarks|interview|press conference|press interaction|press briefing|briefing|speech|rally|event|"
    r"appearance|hearing|statement|address|meeting|visit|call|conference|news conference|town hall|podcast|"
    r"broadcast|show|post|tweet|debate|parade|ceremony|session|summit)"
    r"(?:\s+(?:at|to|with|on|in|from)\s+(?:the\s+)?[A-Za-z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})?", re.I)


@dataclass
class QuoteMention:
    view: ArticleView
    start: int           # the quoted words (no quote marks)
    end: int
    text: str
    ev_start: int        # the sentence around it
    ev_end: int
    speaker: str | None = None       # canonical, when resolved
    speaker_as_written: str | None = None
    verb: str | None = None
    setting: str | None = None

    @property
    def n_words(self) -> int:
        return len(self.tokens)

    @cached_property
    def tokens(self) -> list[str]:
        return _tokens(self.text)

    @cached_property
    def content_tokens(self) -> list[str]:
        return [w for w in self.tokens if w not in STOP]

    @cached_property
    def bag(self) -> Counter[str]:
        return Counter(self.tokens)


def _frame(view: ArticleView, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around a quote, as character bounds of the text."""
    a, b = start, end
    for s in view.sentences:
        if s.start < end and start < s.end:
            a, b = min(a, s.start), max(b, s.end)
    line_start = view.text.rfind("\n", 0, start) + 1
    line_end = view.text.find("\n", end)
    line_end = len(view.text) if line_end < 0 else line_end
    return max(a, line_start), min(b + 0, line_end) if b <= line_end else b


def _last_person(view: ArticleView, people: People, before: int) -> str | None:
    best, pos = None, -1
    for name, mentions in people.mentions.items():
        for v, s, e, _ in mentions:
            if v is view and s < before and s > pos:
                best, pos = name, s
    return best


def _speaker(view: ArticleView, people: People, q_start: int, q_end: int, fr: tuple[int, int]) -> tuple[str | None, str | None, str | None]:
    """(speaker as written, canonical speaker, attribution verb) for one quote."""
    text = view.text
    after, before = text[q_end:fr[1]], text[fr[0]:q_start]
    cands: list[tuple[int, str, str]] = []   # (distance, speaker text, verb)
    # after the quote: ', Trump said' / ', said Trump' / ', he stated'
    m = re.match(r"[\s,.”\"’]*(?P<sp>" + _NAME + r"|he|she|they|the [a-z][\w-]*(?: [a-z][\w-]*){0,2}|[a-z][\w-]* [A-Z][\w]+)\s+(?P<verb>" + SPEECH_VERBS + r")\b", after)
    if m:
        cands.append((m.start("verb"), m.group("sp"), m.group("verb")))
    m = re.match(r"[\s,.”\"’]*(?P<verb>" + SPEECH_VERBS + r")\s+(?P<sp>" + _NAME + r")", after)
    if m:
        cands.append((m.start("verb"), m.group("sp"), m.group("verb")))
    # before the quote: 'Trump declared:' 'Maduro told reporters,' 'according to X,'
    for m in _VERB.finditer(before):
        sub = before[:m.start()].rstrip()
        sp = re.search(r"(" + _NAME + r"|\b[Hh]e|\b[Ss]he|\b[Tt]hey|\b(?:[Tt]he|an?) [a-z][\w-]*(?: [a-z][\w-]*){0,2})(?:\s+(?:also|then|later|has|had|have|repeatedly|publicly|simply|once|again|reportedly|previously))*\s*,?$", sub)
        if m.group("verb").lower() == "according to":
            sp = re.match(r"\s*(?:the\s+)?(" + _NAME + r")", before[m.end():])
        if sp:
            cands.append((len(before) - m.end() + 1, sp.group(1), m.group("verb")))
    if not cands:
        # a bare speech verb elsewhere in the frame, speaker = last person before it
        m = _VERB.search(after) or _VERB.search(before)
        if not m:
            return None, None, None
        verb = m.group("verb")
        return None, _last_person(view, people, q_start), verb
    cands = [c for c in cands if fold(c[1].split()[0]) not in NOT_SPEAKERS] or cands
    cands.sort(key=lambda c: c[0])
    _, sp, verb = cands[0]
    if fold(sp.split()[0]) in NOT_SPEAKERS:     # "Trump stated on Thursday, emphasizing …"
        return None, _last_person(view, people, q_start), verb
    sp = sp.strip().rstrip(",")
    # 'told Fox News', 'told reporters'
    at = text.find(verb, fr[0], fr[1])
    tail = re.match(r"\s*(?P<obj>(?:the\s+)?(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}|reporters|journalists|"
                    r"supporters|troops|the \w+))", text[at + len(verb):fr[1]]) \
        if verb.lower() in ("told", "tells", "telling") and at >= 0 else None
    if tail:
        verb = f"{verb} {tail.group('obj')}"
    canonical = people.resolve(sp) if sp and sp[0].isupper() else None
    if canonical is None and sp and (fold(sp) in PRONOUNS or sp.lower().startswith("the ")):
        canonical = _last_person(view, people, q_start)
    return sp, canonical, verb


def find_quotes(view: ArticleView, people: People) -> list[QuoteMention]:
    out: list[QuoteMention] = []
    for m in _QUOTE.finditer(view.text):
        g = 1 if m.group(1) is not None else 2
        qs, qe = m.start(g), m.end(g)
        inner = view.text[qs:qe]
        ws = words(inner)
        if len(ws) < 2 or (len(ws) <= 6 and sum(w[0].isupper() for w in ws) * 2 > len(ws) and not inner.rstrip().endswith((".", "!", "?", ","))):
            continue     # a quoted name ("Cartel of the Suns"), not an utterance
        fr = _frame(view, m.start(), m.end())
        written, canonical, verb = _speaker(view, people, m.start(), m.end(), fr)
        setting = _SETTING.search(view.text[fr[0]:m.start()] + " " + view.text[m.end():fr[1]])
        if setting is None:     # the sentence before, in the same paragraph, often sets the scene
            prev = [s for s in view.sentences if s.end <= fr[0] and "\n" not in view.text[s.end:fr[0]]]
            if prev:
                setting = _SETTING.search(prev[-1].text)
        out.append(QuoteMention(view, qs, qe, inner.strip(" ,.") or inner, fr[0], fr[1], canonical or written,
                                written, verb, setting.group(0).strip() if setting else None))
    return out


def _tokens(t: str) -> list[str]:
    return [fold(w) for w in words(t)]


def similarity(a: QuoteMention, b: QuoteMention) -> float:
    """Share of the shorter wording's words found, in order, in the longer one: all words, or
    content words alone (at least three), whichever is higher."""
    ta, tb = a.tokens, b.tokens
    if not ta or not tb:
        return 0.0
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) < 4:      # a fragment: its words must appear as one run
        n = len(short)
        return 1.0 if n >= 2 and any(long_[i:i + n] == short for i in range(len(long_) - n + 1)) else 0.0
    ca, cb = a.content_tokens, b.content_tokens
    return max(_in_order(short, long_), _in_order(*((ca, cb) if len(ca) <= len(cb) else (cb, ca))))


def _upper_bound(a: QuoteMention, b: QuoteMention) -> float:
    """At least ``similarity(a, b)`` when both have four words or more (cheap: word counts only)."""
    shared = sum((a.bag & b.bag).values())
    return shared / max(1, min(a.n_words, b.n_words, max(3, min(len(a.content_tokens), len(b.content_tokens)))))


def _in_order(short: list[str], long_: list[str]) -> float:
    """Share of ``short``'s words that occur in ``long_`` in the same order."""
    if len(short) < 3:
        return 0.0
    return sum(b.size for b in SequenceMatcher(None, short, long_, autojunk=False).get_matching_blocks()) / len(short)


def align_quotes(mentions: list[QuoteMention], *, threshold: float = THRESHOLD) -> list[dict]:
    """Group quotations into utterances (one mention per article); each has its wordings (variants)."""
    if not any(q.n_words >= 4 for q in mentions):
        return []
    mentions = sorted(mentions, key=lambda q: -q.n_words)
    # candidate pairs (cheap blocking): whole wordings sharing two content words of four letters or
    # more (one when either has fewer), fragments sharing any word
    keys = [{w for w in q.content_tokens if len(w) >= 4} if q.n_words >= 4 else set(q.tokens) for q in mentions]
    index: dict[str, list[int]] = {}
    for i, ks in enumerate(keys):
        for w in ks:
            index.setdefault(w, []).append(i)
    cands: set[tuple[int, int]] = set()
    for i in range(len(mentions)):
        shared: Counter[int] = Counter(j for w in keys[i] for j in index.get(w, ()) if j != i)
        cands.update((min(i, j), max(i, j)) for j, c in shared.items() if c >= min(2, len(keys[i]), len(keys[j])))
    pairs = []
    for i, j in sorted(cands):
        a, b = mentions[i], mentions[j]
        if b.view is a.view:
            continue
        if a.n_words < 4 and b.n_words < 4 and (a.tokens != b.tokens or a.n_words < 3):
            continue     # two fragments: one utterance only when they are the same three words
        if min(a.n_words, b.n_words) >= 4 and _upper_bound(a, b) < threshold:
            continue
        sim = similarity(a, b)
        if a.speaker and b.speaker and a.speaker != b.speaker and sim < SAME_WORDS:
            continue     # near-identical wording outweighs a speaker guess
        if sim >= threshold:
            pairs.append((min(a.n_words, b.n_words) >= 4, sim, -abs(a.n_words - b.n_words), i, j))
    group_of = list(range(len(mentions)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(mentions))}
    pairs.sort(reverse=True)     # whole wordings first, then fragments; closest first
    for *_, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj or {id(mentions[k].view) for k in members[gi]} & {id(mentions[k].view) for k in members[gj]}:
            continue    # an article quotes an utterance once in a group: no chaining through it
        for k in members[gj]:
            group_of[k] = gi
        members[gi] += members.pop(gj)
    # a longer quotation that holds an utterance (a passage quoted whole where another outlet quotes its
    # lines one by one) joins every utterance it holds, once per article
    for *_, i, j in pairs:
        for x, y in ((i, j), (j, i)):
            g = group_of[x]
            if mentions[y].n_words > mentions[x].n_words >= 4 and y not in members[g] \
                    and all(mentions[k].view is not mentions[y].view for k in members[g]):
                members[g].append(y)
    groups = {gid: [mentions[k] for k in ks] for gid, ks in members.items()
              if len(ks) > 1 or mentions[ks[0]].n_words >= 4}
    out = []
    for g in groups.values():
        speakers = [q.speaker for q in g if q.speaker]
        speaker = max(dict.fromkeys(speakers), key=speakers.count) if speakers else "unknown"   # a tie: the first
        variants: dict[str, dict] = {}
        for q in sorted(g, key=lambda q: (-q.n_words, q.view.label)):
            key = " ".join(q.tokens)
            var = variants.setdefault(key, {"text": q.text, "value": q.text, "outlets": [], "evidence": [],
                                            "attribution": []})
            if q.view.label not in var["outlets"]:
                var["outlets"].append(q.view.label)
            var["evidence"].append({"article": q.view.id, "quote": q.view.text[q.ev_start:q.ev_end]})
            var["attribution"].append({"article": q.view.id, "outlet": q.view.label, "verb": q.verb,
                                       "speaker_as_written": q.speaker_as_written, "setting": q.setting,
                                       "fragment": q.n_words < 4})
        outlets = list(dict.fromkeys(o for v in variants.values() for o in v["outlets"]))
        out.append({"speaker": speaker, "outlets": outlets, "variants": list(variants.values()),
                    "_mentions": g})
    out.sort(key=lambda q: (-len(q["outlets"]), min(m.start for m in q["_mentions"])))
    return out
