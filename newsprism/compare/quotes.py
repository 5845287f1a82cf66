"""Quotes: what was quoted, by whom (``speakers``), how it was attributed, and one utterance's wordings aligned.

A quotation (``quotations``) of at least four words is a quote; shorter quoted phrases join an utterance only
as a fragment of a longer wording another outlet carries (“start very soon”), or when the parse puts them in a
named person's mouth with a verb of saying. Words a verb other than one of saying gives someone as a label
("named her “…”"), names, titles and scare quotes are no quotation. Wordings of one
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

from newsprism.compare.quotations import RUN_ON_LINES, quotations, quoted_in
from newsprism.compare.speakers import (NAME, PRONOUNS, SAY_LEMMAS, SPEECH_VERB, SPEECH_VERBS, Resolver,
                                        according_to, capital, parsed_speaker, pattern_speaker, quote_head, say_verb)
from newsprism.compare.text import STOP, TITLES, ArticleView, People, fold, words

#: share of the shorter wording's words the longer one must carry in order; 0.72 admits one
#: word changed in four ("the land is easier" / "the terrain is easier"), not two
THRESHOLD = 0.72
#: wordings this close are one utterance even when the speakers found for them differ
SAME_WORDS = 0.9
#: a sentence that opens by saying who spoke ("Akin continued." "Mr. Trump was quoted as saying, …")
_ATTRIBUTION = re.compile(r"(?:(?:%s|he|she|they|the [a-z][\w-]*)(?:\s+[a-z]+){0,3}?\s+(?:%s)|(?:%s)\s+(?:%s))\b"
                          % (NAME, SPEECH_VERBS, SPEECH_VERBS, NAME))
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
    attributed: bool = False         # the parse puts the words in a named person's mouth with a verb of saying

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
    if not view.text[end:b].strip(" ,.”\"’"):
        # a quote that ends on "?" or "!" ends its sentence for the splitter; the attribution after it
        # ("… mine?" Akin continued.) belongs to it; so does a line that is nothing but an attribution after a
        # quotation ending its line ("“… already dead.” ¶ Roesler said.": text set one sentence a line)
        nxt = next((s for s in view.sentences if s.start >= b), None)
        gap = view.text[b:nxt.start] if nxt is not None else "x"
        att = _ATTRIBUTION.match(nxt.text) if nxt is not None and not gap.strip() else None
        if att and (nxt.start < line_end or gap.count("\n") == 1 and not view.text[end:line_end].strip(" ,.”\"’")
                    and len(words(nxt.text[att.end():])) <= 2 and "\n" not in view.text[nxt.start:nxt.end]
                    and nxt.text.rstrip().endswith(".")):     # not "Hugh Hefner was reported as saying about Page:"
            b = nxt.end
    if b <= line_end:
        # the line ends inside a quotation that opens after this one and closes on a later line, where the
        # sentence goes on (“…,” James Swanson, co-author of “Bettie Page: ¶ The Life of a Pinup Legend,” said
        # …: a title the text broke at its colon): the sentence runs on to that line
        hi = line_end
        for _ in range(RUN_ON_LINES + 1):      # as far as a quotation may run on
            nl = view.text.find("\n", hi + 1)
            hi = len(view.text) if nl < 0 else nl
        later = next((q for q in quotations(view.text, line_start, hi) if end <= q[0] < line_end < q[1]), None)
        if later is not None:
            rest = view.text[later[1]:view.text.find("\n", later[1]) % (len(view.text) + 1)]
            goes_on = view.sentence_of(later[1])
            if words(rest) and goes_on is not None:
                b = goes_on.end
    while _TITLE_END.search(view.text, max(a, b - 8), b):
        # a title's abbreviation is no sentence's end (“…,” Const. ¶ Fanning said): the sentence goes on
        nxt = next((s for s in view.sentences if s.start >= b), None)
        if nxt is None or view.text[b:nxt.start].strip():
            break
        b = nxt.end
    return max(a, line_start), min(b + 0, line_end) if b <= line_end else b


#: a title's abbreviation ending a piece of text ("… Const.")
_TITLE_END = re.compile(r"(?<![\w.])(?:%s)\.$" % "|".join(TITLES))


def _not_utterance(view: ArticleView, inner: str, ws: list[str], start: int, end: int) -> bool:
    """Words in quotation marks that nobody is said to utter: a name or title ("Cartel of the Suns,",
    "Southern Spear", "Fox News Sunday": six words or fewer, most of them capitalised, or twelve or fewer
    all capitalised, no verb), or a
    scare quote (three words or fewer with no verb of saying in their sentence: the outlet keeping a
    label at a distance)."""
    from newsprism.compare.whole import finite_cue

    if re.search(r"\b(?:%s):\s*$" % SPEECH_VERBS, view.text[max(0, start - 40):start], re.I):
        return False     # what a verb of saying opens with a colon is said ("by saying: “Hello Doctor”")
    content = [w for w in ws if fold(w) not in STOP] or ws
    capitals = sum(w[0].isupper() for w in content)
    if re.match(r"[^:.!?]{2,60}: [A-Z]", inner) and all(w[0].isupper() or w[0].isdigit() for w in content):
        return True      # a title with its subtitle, any length ("Putin’s Playbook: The Kremlin’s Use of …")
    if 2 <= len(ws) <= 6 and all(w[:1].isupper() or w[:1].isdigit() for w in ws) and \
            not inner.rstrip().endswith((".", "!", "?", ",")) and not re.search(r"['’]s\b", inner):
        # every word capitalised: a name even with a verb in it (a "Love Won Out Conference"); not words about
        # someone's thing ("Bill Clinton's Arkansas")
        return True
    if len(ws) > 12 or inner.rstrip().endswith(("!", "?")) or finite_cue(inner):
        return False
    if _ATTRIBUTION.match(view.text[end:end + 80].lstrip(" ,")):
        return False     # “Absolutely not,” O'Connor said: an answer, its first word capitalised by the sentence
    if not inner.rstrip().endswith(".") and (capitals * 2 > len(content) and len(ws) <= 6 or capitals == len(content)):
        return True      # a title of up to twelve words with every content word capitalised ("The Compendium of …")
    if capitals == len(content) and len(ws) <= 6:
        # a title that ends the sentence, its period inside the marks: in the ad titled “Strong.”, starred in “The
        # Fires of Pompeii.” (no verb by form: an utterance of capitalised words has one, "Thank You." aside)
        return True
    if len(ws) > 6:
        return False
    if len(ws) <= 3:
        sent = view.sentence_of(start)
        frame = (sent.text if sent else view.text[max(0, start - 200):end + 200]).replace(inner, " ")
        return not SPEECH_VERB.search(frame)
    return False


#: verbs that name or label rather than quote someone's words
_NAMING = re.compile(r"(?:call|describ|label|dub|term|believ|think|thought|consider|brand)", re.I)
#: quotations of a story whose sentences the dependency parser reads for the speaker (about 5 ms of one
#: core each); past it each article's first ``PARSE_BUDGET / articles`` (at least 3) are parsed, the rest
#: read by the patterns alone: a 200-article story quotes about 2,000 times
PARSE_BUDGET = 300


def _said_words(view: ArticleView, start: int, end: int, fr: tuple[int, int]) -> bool:
    """A short quotation is words someone says when, in the parse, it hangs on the verb of saying and is
    not an addressee ("he told “Today.”"), nor a word modifying a noun (a “place of celebration”
    standard, a “no” vote): those are names and labels."""
    from newsprism.compare.claims import parse_of

    doc = parse_of(view.text[fr[0]:fr[1]])
    if doc is None:
        return False
    q0, q1 = start - fr[0], end - fr[0]
    quoted = quoted_in(view, fr[0], fr[1])
    v = say_verb(doc, quoted, q0, q1)
    source = according_to(doc, quoted)
    if v is None and source is not None:
        # "According to researchers …, attacks were spreading “like wildfire”": the clause "according to" hangs on
        v = next((a for a in source.ancestors if a.pos_ in ("VERB", "AUX") and a.lower_ != "according"), None)
    inner = [t for t in doc if q0 < t.idx < q1 and not t.is_punct]
    top = quote_head(doc, q0, q1)
    if v is None or top is None or v not in top.ancestors:
        return False
    if any(t.dep_ in ("compound", "amod", "nmod", "nummod", "poss") and t.head.pos_ in ("NOUN", "PROPN")
           and not q0 < t.head.idx < q1 for t in inner):
        return False      # a “place of celebration” standard
    child = top
    while child.head.i != v.i:
        child = child.head
    if child.dep_ in ("npadvmod", "tmod", "dative") or child.dep_ == "prep" and child.lower_ in _SETTING_PREPS:
        return False      # said on “Fox News Sunday.”, he told “Today.”
    return not (child is top and top.dep_ == "dobj" and v.lemma_.lower() == "tell")


def _given_label(view: ArticleView, start: int, end: int, fr: tuple[int, int]) -> bool:
    """Quoted words that the parse of their sentence makes the object predicate of a verb other than one of
    saying: a label someone was given ("was voted “The Most Likely to Succeed.”", "Playboy, which named her “the
    model of the century.”"), not words anyone says."""
    from newsprism.compare.claims import parse_of

    doc = parse_of(view.text[fr[0]:fr[1]])
    top = quote_head(doc, start - fr[0], end - fr[0]) if doc is not None else None
    return top is not None and top.dep_ == "oprd" and top.head.lemma_.lower() not in SAY_LEMMAS


#: prepositions that give where or to whom something was said, not what
_SETTING_PREPS = {"on", "in", "at", "during", "from", "to", "with"}


def quote_frames(view: ArticleView, parse_limit: int | None = None, found: list | None = None) -> list[str]:
    """The sentences around the quotations of ``view`` that ``find_quotes`` parses (the first ``parse_limit``;
    ``found``: ``quotations(view.text)`` when known): a story parses those of all its articles in one batch
    (``claims.parse_new``) before reading its quotes."""
    found = quotations(view.text) if found is None else found
    frames = [_frame(view, m0, m1) for m0, m1, _, _ in found[:parse_limit]]
    return [view.text[a:b] for a, b in frames if view.text[a:b].strip()]


def find_quotes(view: ArticleView, people: People, parse_limit: int | None = None) -> list[QuoteMention]:
    out: list[QuoteMention] = []
    parsed_n = 0
    found = quotations(view.text)
    if found:      # the quotes' sentences parsed in one batch (one call per sentence cost more than the parse)
        from newsprism.compare.claims import parse_new

        parse_new(quote_frames(view, parse_limit, found))
    res = Resolver(view, people, parse_limit)
    last_frame = 0
    for m_start, m_end, qs, qe in found:
        inner = view.text[qs:qe]
        ws = words(inner)
        fr = _frame(view, m_start, m_end)
        if not ws or _not_utterance(view, inner, ws, m_start, m_end) or _given_label(view, m_start, m_end, fr):
            continue     # a quoted name, title, label or scare quote, not an utterance
        parsed = None
        if parse_limit is None or parsed_n < parse_limit:
            parsed_n += 1
            parsed = parsed_speaker(view, people, m_start, m_end, fr, resolver=res)
        # a partial quote ("he “might talk to” Maduro", "called it “unpersuasive”") is an utterance when the
        # parse gives it a person who says it with a verb of saying (not one of naming: "calls himself the
        # “toughest sheriff”", "labeled “birthers”")
        attributed = parsed is not None and bool(parsed[1]) and parsed[1] != "unnamed" and bool(parsed[2]) \
            and capital(parsed[1]) and not _NAMING.match(parsed[2]) \
            and (len(ws) >= 4 or _said_words(view, m_start, m_end, fr))
        if len(ws) < 2 and not attributed:
            continue     # one word in quotation marks nobody is said to say
        if parsed is not None and parsed[1]:
            written, canonical, verb = parsed
        else:
            written, canonical, verb = pattern_speaker(view, people, m_start, m_end, fr)
        if written and fold(written) == "it" and canonical in (None, "unnamed") and res.prior and \
                capital(res.prior[-1][2]) and not people.resolve(res.prior[-1][2]) and \
                len([s for s in view.sentences if res.prior[-1][1] <= s.end <= m_start]) <= 1:
            # TallGrass "issued a statement saying it was “…”" ¶ It described him as "…": "it" is the body
            # quoted in the sentence before, not an unnamed speaker
            canonical = res.prior[-1][2]
        if not (canonical or written) and res.prior and res.prior[-1][2] and \
                ("\n" not in view.text[res.prior[-1][1]:m_start] or not view.text[last_frame:m_start].strip()):
            # “…,” King told reporters. “…”: the same paragraph goes on; or the quotation opens the line right
            # after the last one's sentence, nothing else said between: the same speaker goes on
            canonical = res.prior[-1][2]
        res.prior.append((m_start, m_end, canonical or written))
        last_frame = max(fr[1], m_end)
        rest = view.text[last_frame:view.text.find("\n", last_frame) % (len(view.text) + 1)]
        if len(words(rest)) <= 3:     # what the sentence splitter left of the attribution: "E! ¶ News."
            last_frame += len(rest)
        setting = _SETTING.search(view.text[fr[0]:m_start] + " " + view.text[m_end:fr[1]])
        if setting is None:     # the sentence before, in the same paragraph, often sets the scene
            prev = [s for s in view.sentences if s.end <= fr[0] and "\n" not in view.text[s.end:fr[0]]]
            if prev:
                setting = _SETTING.search(prev[-1].text)
        out.append(QuoteMention(view, qs, qe, inner.strip(" ,.") or inner, fr[0], fr[1], canonical or written,
                                written, verb, setting.group(0).strip() if setting else None, attributed))
    return out


def said_by(mentions: list[QuoteMention]) -> dict[str, list[tuple[int, int, str]]]:
    """Each article's quotations the parse puts in a named person's mouth with a verb of saying: (start, end of
    the quoted words, speaker), for sections that tell who says a word (loaded terms)."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for q in mentions:
        if q.attributed and q.speaker:
            out.setdefault(q.view.id, []).append((q.start, q.end, q.speaker))
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
    if not any(q.n_words >= 4 or q.attributed for q in mentions):
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
    # a fragment an article quotes again from an utterance it quotes in full elsewhere (003: land strikes will
    # "start very soon" / Trump declared: "The land is easier, but that's going to start very soon") is that
    # utterance once more, not one of its own
    by_view: dict[int, list[int]] = {}
    for k, q in enumerate(mentions):
        by_view.setdefault(id(q.view), []).append(k)
    for y, q in enumerate(mentions):
        if len(members.get(group_of[y], ())) != 1 or len(q.tokens) < 2:
            continue
        n = len(q.tokens)
        host = next((x for x in by_view[id(q.view)] if mentions[x].n_words > q.n_words
                     and q.speaker in (None, "unnamed", mentions[x].speaker)
                     and any(mentions[x].tokens[i:i + n] == q.tokens for i in range(len(mentions[x].tokens) - n + 1))),
                    None)
        if host is not None:
            members.pop(group_of[y])
            group_of[y] = group_of[host]
            members[group_of[host]].append(y)
    # two groups that hold two or more of the same mentions hold one passage (a passage quoted whole by one outlet,
    # in overlapping pieces by two others, joined three utterances that each repeated the other two outlets' pieces:
    # BASIL 2153fb3e's Obama on "In God We Trust" was listed three times): one group
    merged = True
    while merged:
        merged = False
        gids = sorted(members)
        for a_i, ga in enumerate(gids):
            for gb in gids[a_i + 1:]:
                if ga in members and gb in members and len(set(members[ga]) & set(members[gb])) >= 2:
                    members[ga] = list(dict.fromkeys(members[ga] + members.pop(gb)))
                    merged = True
    groups = {gid: [mentions[k] for k in ks] for gid, ks in members.items()
              if len(ks) > 1 or mentions[ks[0]].n_words >= 4 or mentions[ks[0]].attributed}
    out = []
    for g in groups.values():
        # a speaker named next to the quote counts twice (so does "unnamed" when the text says who speaks
        # without a name), one found through a pronoun or a document without an author once
        votes: Counter[str] = Counter()
        for q in g:
            if q.speaker == "unnamed" and q.speaker_as_written and fold(q.speaker_as_written.split()[0]) not in PRONOUNS \
                    and q.verb:
                votes["unnamed"] += 2     # said to be someone the text leaves unnamed ("the reporter asks")
            elif q.speaker and q.speaker != "unnamed":
                # named as written beside the quote ("Her spokesman, Bill McAllister,"): not a pronoun ("his", "her"
                # alone name nobody there), a document or group as the text calls it ("the letter"), a description the article's names stand behind ("the software giant": Microsoft), nor
                # one person known by another's name ("Tara Reid’s rep")
                named = bool(q.speaker_as_written) and \
                    fold(q.speaker_as_written.split()[0]) not in PRONOUNS and capital(q.speaker) and \
                    fold(q.speaker.split()[-1]) in fold(q.speaker_as_written) and \
                    not re.search(r"['’]s\s+[a-z]\S*$", q.speaker)
                votes[q.speaker] += 2 if named else 1
        speaker = max(votes, key=lambda k: (votes[k], k != "unnamed")) if votes else "unnamed"
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
    # grouped per speaker: a speaker's utterances follow one another, speakers in the order of their
    # most quoted utterance ("unnamed" last)
    first: dict[str, int] = {}
    for i, q in enumerate(out):
        first.setdefault(q["speaker"], i)
    out.sort(key=lambda q: (q["speaker"] == "unnamed", first[q["speaker"]]))
    return out
