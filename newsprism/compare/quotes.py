"""Quotes: who said what, how it was attributed, and one utterance's wordings aligned.

A quotation is a span between double quotes (straight or curly) of at least
four words; shorter quoted phrases join an utterance only as a fragment of a
longer wording another outlet carries (“start very soon”). The speaker is the
subject of the verb of saying nearest the quote in the parse of its sentence
(``X said``, ``said X``, ``X told Fox News:``, "X was quoted as saying", the
owner of "his claim that … “…”"; a question put with "Asked, “…?”" is unnamed);
a pronoun stands for the person that is the subject of the nearest clause
before it (``_Resolver.antecedent``), a descriptor for the name set beside it
("the legislator, Representative Carl Seel"), a document's author ("a statement
from …"), the person the article gives that title ("the congressman"), or, for
a definite description of a person or an organisation ("the company", "the
star"), the named entity ``referents`` finds for it ("it" too: the nearest
organisation that spoke); a group, a document with no author or an indefinite
description keeps its description ("the letter", "a spokesman"). A verb of saying
in the passive is its agent's, never its subject's ("he has been described as
“…”"). Quoted words with no verb of saying are the main clause's named subject's;
words a verb other than one of saying gives someone as a label ("named her “…”")
are no quotation.
Without a parse, patterns next to the quote do the same more roughly. Wordings of one
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

from newsprism.compare.referents import SENTENCES_BACK, Referents, kind
from newsprism.compare.text import STOP, ArticleView, People, clean_name, fold, words

SPEECH_VERBS = ("said|says|say|told|tells|stated|states|declared|declares|added|adds|wrote|writes|tweeted|"
                "posted|warned|warns|argued|argues|explained|noted|notes|insisted|insists|claimed|claims|"
                "asserted|announced|announces|demanded|asked|asks|replied|continued|emphasized|emphasised|"
                "remarked|vowed|urged|acknowledged|admitted|quipped|recalled|conceded|stressed|predicted|"
                "reiterated|responded|retorted|countered|charged|complained|observed|pointed out|suggested|"
                "confirmed|denied|cautioned|boasted|promised|mused|joked|shouted|yelled|demands|stating|saying|"
                "telling|declaring|adding|writing|calling|called|describing|described|asserting|accusing|warning|"
                "noting|insisting|claiming|arguing|vowing|emphasizing|urging|announcing|summarized|summarised|concluded|"
                "according to")
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
#: pronouns that own a noun of saying ("His response: “…”"): found through the text before, not named
POSSESSIVES = {"his", "her", "their", "its"}
_NAME = r"(?:[A-Z][\w.'’-]*(?:\s+(?:de|la|del|los|van|von)\b)?(?:\s+[A-Z][\w.'’-]*){0,3})"
#: a quotation: a curly opening closed by a straight mark after a comma or stop, with a space between or not ("“…cowardice," said X.
#: “Most …”"), or the other way round ("\"Chairman Ryan … the worst,” a Ryan spokesman said"), curly marks (a quotation inside may use them too), or straight marks
_QUOTE = re.compile(r"“([^”“\"\n]{1,1500}[,.?!]) ?\"|\"([^\"“”\n]{1,1500}[,.?!])”|“([^”\n]{2,1500})”|\"([^\"\n]{2,1500})\"")
#: a sentence that opens by saying who spoke ("Akin continued." "Mr. Trump was quoted as saying, …")
_ATTRIBUTION = re.compile(r"(?:(?:%s|he|she|they|the [a-z][\w-]*)(?:\s+[a-z]+){0,3}?\s+(?:%s)|(?:%s)\s+(?:%s))\b"
                          % (_NAME, SPEECH_VERBS, SPEECH_VERBS, _NAME))
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


def _capital(name: str | None) -> bool:
    """A name as names are written: a capital first, or after a short lower-case particle ("diGenova",
    "al-Assad"); not a description ("the letter", "unnamed")."""
    return bool(name) and (name[:1].isupper() or re.match(r"[a-z]{1,3}-?[A-Z]", name) is not None)


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


#: abbreviated titles before a name ("Const. Tim Fanning", "the Rev. Larry Kroon")
_TITLE_END = re.compile(r"(?<![\w.])(?:Const|Cpl|Det|Sgt|Lt|Capt|Insp|Supt|Rev|Dr|Gov|Sen|Rep|Gen|Col|Cmdr|Adm|Prof|"
                        r"Mr|Mrs|Ms|Atty|Msgr|Fr|Pres|Hon)\.$")


def _last_person(view: ArticleView, people: People, before: int, among: set[str] | None = None) -> str | None:
    best, pos = None, -1
    for name, mentions in people.mentions.items():
        if among is not None and name not in among:
            continue
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
    if sp.endswith(".") and not re.search(r"\b(?:Jr|Sr|St|Dr|Mr|Mrs|Ms|Gov|Sen|Rep)\.$", sp):
        sp = sp[:-1]       # '…,” summarized Senor.': the sentence's period
    # 'told Fox News', 'told reporters'
    at = text.find(verb, fr[0], fr[1])
    tail = re.match(r"\s*(?P<obj>(?:the\s+)?(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}|reporters|journalists|"
                    r"supporters|troops|the \w+))", text[at + len(verb):fr[1]]) \
        if verb.lower() in ("told", "tells", "telling") and at >= 0 else None
    if tail:
        verb = f"{verb} {tail.group('obj')}"
    canonical = people.resolve(sp) if _capital(sp) else None
    if canonical is None and sp and (fold(sp) in PRONOUNS or sp.lower().startswith("the ")):
        canonical = _last_person(view, people, q_start)
    return sp, canonical, verb


_SAY_LEMMAS = {"say", "tell", "ask", "add", "write", "tweet", "post", "declare", "state", "warn", "argue", "explain",
               "note", "insist", "claim", "assert", "announce", "reply", "respond", "remark", "vow", "urge",
               "acknowledge", "admit", "quip", "recall", "concede", "stress", "predict", "reiterate", "retort",
               "counter", "charge", "complain", "observe", "suggest", "confirm", "deny", "caution", "boast", "promise",
               "muse", "joke", "allege", "shout", "yell", "demand", "exclaim", "scream", "read", "continue", "begin", "plead",
               "question", "wonder", "inquire", "summarize", "summarise", "conclude", "repeat", "chant", "cry", "answer", "whisper", "mutter", "testify",
               # verbs that put words or a label in the subject's mouth: 'a war he called "…"',
               # 'Brown believes that … "continues a pattern"', 'Mr. Trump was quoted as saying'
               "call", "describe", "label", "dub", "term", "believe", "think", "contend", "maintain", "quote", "accuse"}
#: a definite role noun ("the president said") stands for the person the article names with that title
_ROLE_TITLES = {
    "president": ("President",), "senator": ("Sen.", "Senator"), "governor": ("Gov.", "Governor"),
    "congressman": ("Rep.", "Representative", "Congressman"), "congresswoman": ("Rep.", "Representative", "Congresswoman"),
    "mayor": ("Mayor",), "sheriff": ("Sheriff",), "chairman": ("Chairman",), "chairwoman": ("Chairwoman",),
    "secretary": ("Secretary",), "judge": ("Judge",), "pope": ("Pope",), "speaker": ("Speaker",),
}
#: nouns that end a capitalised title naming a role, not a person ("Communications Director")
_ROLE_NOUNS = {"director", "chairman", "chairwoman", "chair", "secretary", "spokesman", "spokeswoman", "spokesperson",
               "adviser", "advisor", "aide", "officer", "official", "manager", "strategist", "counsel", "chief"}
#: nouns for what carries someone's words: its author (from/by/'s) is the speaker
_DOCUMENTS = {"statement", "letter", "release", "ad", "advertisement", "memo", "email", "e-mail", "tweet", "post",
              "message", "transcript", "filing", "complaint", "lawsuit", "editorial", "op-ed", "column", "blog",
              "note", "video", "speech", "report", "book", "petition", "indictment", "document", "affidavit",
              "study", "survey", "poll", "ruling"}
#: bodies that speak as one: with an owner they are named after it ("Carl Seel's office")
_BODIES = {"campaign", "office", "committee", "administration", "team", "staff", "spokesman", "spokeswoman",
           "spokesperson", "lawyer", "attorney", "aide", "aides", "family", "company", "group", "chapter"}


def _titled(titles: tuple[str, ...]) -> re.Pattern:
    """A name after one of ``titles``, not after a deputy's form of it ("Vice President Joseph R. Biden Jr."
    is not the one "the president" stands for)."""
    return re.compile(r"(?<![Vv]ice )(?<![Vv]ice-)\b(?:%s)\s+(%s)" % ("|".join(re.escape(t) for t in titles), _NAME))


def _subject_of(v):
    """The subject of a verb of saying, climbing from "…, saying: …" (or "was quoted as saying") to the
    verb it hangs on."""
    h = v
    for _ in range(6):      # "led a parade, accusing X of “…” and asserting that “…”": six steps up
        subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:     # the one nearest before the verb: "AMHERST, N.H. — Gov. Rick Perry … said"
            # after it ("…,” said Indivisible co-founder Ezra Levin", parsed as three subjects): the name
            after = [c for c in subj if c.pos_ == "PROPN"] or subj
            if h.i and h.doc[h.i - 1].is_punct and any(c.i > h.i for c in after if c.pos_ == "PROPN"):
                # the verb turned after a comma, its name after it: "One big difference between Page and most
                # neighbors, said Yeager:" (the words before the comma are what is said, not who says it)
                return next(c for c in after if c.i > h.i)
            if any(c.dep_ == "nsubjpass" for c in subj):
                # a passive verb, or a participle of saying on one: its agent says it ("The decision was welcomed
                # by Smith …, saying: …"; the decision says nothing)
                agent = [g for c in h.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                if agent and agent[0].pos_ == "PROPN":
                    return agent[0]
            return max((c for c in subj if c.i < h.i), key=lambda c: c.i, default=after[-1])
        if h.dep_ == "conj" and h.head.i < h.i:
            # "the man approached the congressman and asked …": the verb just before in the same form, when
            # it has its own subject, is the one coordinated (the parser hangs "asked" on a verb further back)
            near = [t for t in h.doc[h.head.i + 1:h.i] if t.pos_ == "VERB" and t.tag_ == h.tag_
                    and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)]
            if near and h.doc[h.i - 1].dep_ == "cc":
                h = near[-1]
            elif h.head.tag_ != h.tag_:     # "The writers acknowledge that the teaching calls … but say"
                h = next((a for a in h.head.ancestors if a.pos_ == "VERB" and a.tag_ == h.tag_), h.head)
            else:
                h = h.head
            continue
        if h.dep_ in ("advcl", "xcomp", "ccomp", "pcomp", "prep") and h.head.i != h.i:
            up = h.head
            if h is v and v.tag_ == "VBG" and v.i and v.doc[v.i - 1].text == "," and up.dep_ == "relcl" \
                    and up.head.head.i != up.head.i:
                # "X offered comments that drew fire, saying …": the participle after the comma is X's, not
                # the relative clause's ("that" → "comments")
                up = up.head.head
            h = up
            continue
        return None
    return None


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


def _quoted_in(view: ArticleView, a: int, b: int) -> list[tuple[int, int]]:
    """The quotations that touch ``view.text[a:b]``, relative to ``a``: paired from the start of the
    paragraph, so that a piece of text that begins inside a quotation (straight quotes) is read right."""
    para = view.text.rfind("\n", 0, a) + 1
    end = view.text.find("\n", b)
    end = len(view.text) if end < 0 else end
    return [(s0 - a, s1 - a) for s0, s1, _, _ in quotations(view.text, para, end) if s0 < b and a < s1]


def _inside(t, quoted: list[tuple[int, int]]) -> bool:
    return any(a <= t.idx < b for a, b in quoted)


def _name_run(t) -> str:
    """A proper noun with the name words and titles compounded to it ("Gov. Rick Perry")."""
    toks = [t] + [c for c in t.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" and c.i < t.i]
    lo = min(x.i for x in toks)
    span = [x for x in t.doc[lo:t.i + 1] if x.pos_ == "PROPN" or x.text in (".", "-")]
    return " ".join(x.text for x in span if x.pos_ == "PROPN")


class _Resolver:
    """Who the subject of a verb of saying is, read from the parse, for the quotes of one article in order:
    names as they stand; a pronoun through the subjects of the clauses before it; a descriptor through the
    name set beside it ("the legislator, Representative Carl Seel"), the author of a document ("a statement
    from …"), a title the article gives a person ("the president"), or one the article resolved before
    ("the statement" after "the statement from Grimm's attorney, William McGinley"); "unnamed" else."""

    def __init__(self, view: ArticleView, people: People, budget: int | None = None) -> None:
        self.view, self.people = view, people
        self.budget = budget            # sentences it may parse (None: no limit); past it, names as written
        self.prior: list[tuple[int, int, str]] = []    # quotes already attributed: (start, end, speaker)
        self.heads: dict[str, str] = {}                # descriptor head noun -> what it was resolved to
        self.refs = Referents(view, people)

    def parse(self, texts: list[str]) -> None:
        """Parse ``texts`` in one batch while the budget lasts; each one not parsed before spends one."""
        from newsprism.compare.claims import parse_new

        if self.budget is None:
            parse_new(texts)
        elif self.budget > 0:
            self.budget -= parse_new(texts)

    def subjects(self, pos: int, back: int = SENTENCES_BACK) -> list[tuple[int, int, bool, str | None]]:
        """(start, end, a thing, name) of the head words of the subjects and "according to" sources of the
        ``back`` sentences before ``pos``, and of the quotations there with the name of their speaker; "a thing":
        a singular common noun that names no entity ("the flaw"). In the order of the sentences, and in each the
        subjects of its clauses that hang on another before those of the main clause, the sources and the
        speakers, so that read from the end the main clause of the nearest sentence comes first ("The Boston
        Herald reported … that the Red Sox have extended an offer …": the Herald)."""
        from newsprism.compare.claims import parse_of

        sents = [s for s in self.view.sentences if s.end <= pos][-back:]
        here = self.view.sentence_of(pos)
        if here is not None and here.start < pos:      # and of the sentence so far ("Though the newspaper
            sents.append(here)                         # doesn't cite its source, it stated …")
        self.parse([s.text for s in sents])
        out = []
        for s in sents:
            doc = parse_of(s.text)
            if doc is None:
                continue
            quoted = _quoted_in(self.view, s.start, s.end)
            for t in doc:
                if _inside(t, quoted):
                    continue
                if s.start + t.idx >= pos:
                    break
                if t.dep_ in ("nsubj", "nsubjpass") or (t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.i
                                                          and doc[t.head.i - 1].lower_ == "according"):
                    # the head word: an entity only modifying it ("A Vodafone customer representative") is not
                    # the subject
                    main = t.head.dep_ == "ROOT" or t.dep_ == "pobj"
                    out.append(((s.start, main), (s.start + t.idx, s.start + t.idx + len(t),
                                t.pos_ == "NOUN" and t.tag_ == "NN" and not t.ent_type_, None)))
        # and the speakers of the quotations found there ("“My picture is taken …,” she told Us Weekly.")
        lo = sents[0].start if sents else pos
        out += [((max((s.start for s in sents if s.start <= a), default=lo), True), (a, b, False, sp))
                for a, b, sp in self.prior if lo <= a < pos and _capital(sp)]
        return [x for _, x in sorted(out, key=lambda o: (o[0], o[1][:2]))]

    def it(self, pos: int) -> str | None:
        """The organisation an "it" that speaks stands for: the nearest subject or source of the two
        sentences before, when that is a named organisation (not a thing: "the flaw … It said"), or a definite
        description of one that ``referents`` resolves ("The Boston Herald reported … Though the newspaper doesn't
        cite its source, it stated …")."""
        for a, b, thing, name in reversed(self.subjects(pos, 2)):
            if thing:
                head = self._token_at(a)
                return self.refs.resolve(head, a, self.subjects(a)) if head is not None and kind(head)[0] == "org" \
                    else None
            if self.refs.entity_at(a, b, "person") or (name and self.refs.is_kind(name, "person")):
                return None
            got = name if name and self.refs.is_kind(name, "org") else self.refs.entity_at(a, b, "org")
            if got:
                return got
        return None

    def _token_at(self, pos: int):
        """The parsed token that starts at ``pos`` of the text, or None."""
        from newsprism.compare.claims import parse_of

        sent = self.view.sentence_of(pos)
        doc = parse_of(sent.text) if sent is not None else None
        return next((t for t in doc if sent.start + t.idx == pos), None) if doc is not None else None

    def person(self, name: str) -> str | None:
        return self.people.resolve(name) if _capital(name) else None

    def titled(self, role: str, before: int) -> str | None:
        titles = _ROLE_TITLES.get(role)
        if not titles:
            return None
        found = [(m.start(), self.person(m.group(1))) for m in _titled(titles).finditer(self.view.text)]
        found = [(s, p) for s, p in found if p]
        if not found:
            return None
        earlier = [p for s, p in found if s < before]
        return earlier[-1] if earlier else found[0][1]

    def holders(self, role: str) -> set[str]:
        """Everyone the article gives the title of ``role`` ("president": "President Donald Trump", …)."""
        titles = _ROLE_TITLES.get(role, ())
        return {p for m in _titled(titles).finditer(self.view.text) if (p := self.person(m.group(1)))} if titles else set()

    def descriptor(self, t, quoted, offset: int) -> str | None:
        """What a common-noun subject stands for, or None (a person the text leaves unnamed)."""
        sub = [x for x in t.subtree if not _inside(x, quoted)]
        for x in sub:        # "A spokesman for the DNC, Brad Woodhouse," / "the statement from …, William McGinley"
            if x.dep_ == "appos" and x.pos_ == "PROPN" and x.head.pos_ != "PROPN":   # not "Brooklyn, N.Y."
                run = _name_run(x)
                out = self.person(run) or clean_name(run) or None
                if out:
                    self.heads[t.lemma_.lower()] = out
                return out
        head = t.lemma_.lower()
        owner = None
        kids = list(t.children) + [g for c in t.children if c.dep_ == "acl" for g in c.children if g.dep_ == "agent"]
        for c in kids:        # "a statement from …", "The letter released Tuesday by the faculty at Georgetown"
            if c.dep_ == "poss":
                owner = self.named(c, quoted, offset) if c.pos_ == "PROPN" else \
                    (self.antecedent(offset + c.idx) if c.lower_ in ("his", "her") else None)
            elif c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by", "of", "for") and head in _DOCUMENTS | _BODIES:
                obj = [g for g in c.children if g.dep_ == "pobj"]
                nxt = t.doc[c.i + 1] if c.i + 1 < len(t.doc) else None
                if not obj and nxt is not None and nxt.pos_ == "PROPN" and not _inside(nxt, quoted):
                    obj = [nxt]     # "The letter from Taylor states": the parser hung the name on the verb
                if obj:
                    owner = self.named(obj[0], quoted, offset) if obj[0].pos_ == "PROPN" else \
                        self.descriptor(obj[0], quoted, offset)
                    if owner is None and obj[0].pos_ == "NOUN" and any(
                            g.text[:1].isupper() for g in obj[0].subtree if g.i != obj[0].i):
                        owner = " ".join(["the", *(g.text for g in obj[0].subtree if g.dep_ != "det")])
        if owner and owner != "unnamed":
            named = None if head in _DOCUMENTS else self.introduced(t.text, offset + t.idx)
            out = named or (owner if head in _DOCUMENTS else f"{owner}’s {t.text}")
            self.heads[head] = out
            return out
        if head in self.heads and t.lower_ == head and any(c.lower_ == "the" for c in t.children):
            return self.heads[head]
        role = self.titled(head, offset + t.idx) if any(c.lower_ == "the" for c in t.children) else None
        if role:
            # of several people with the title ("President Donald Trump", "Venezuelan President Nicolás
            # Maduro"), the one named last before it ("Trump’s dual-track approach … The president has …")
            holders = self.holders(head)
            if len(holders) > 1:
                return _last_person(self.view, self.people, offset + t.idx, holders) or role
            return role
        if t.tag_ == "NNS" and head not in _DOCUMENTS:
            # "Researchers at software security firm Trend Micro said": people speaking for a named body
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("at", "from", "of", "with"):
                    got = next((self.refs.entity_at(offset + g.idx, offset + g.idx + len(g), "org")
                                for g in c.subtree if g.pos_ == "PROPN"), None)
                    if got:
                        return got
        if head not in _DOCUMENTS and head not in _ROLE_TITLES:
            got = self.refs.resolve(t, offset + t.idx, self.subjects(offset + t.idx))
            if got:
                self.heads[head] = got
                return got
        if head in _DOCUMENTS or t.tag_ == "NNS":
            # "the letter", "The Georgetown University letter", "Republican senators": what the text calls
            # a document or a group that speaks (not one person left unnamed)
            words_ = [x.text for x in t.doc[t.left_edge.i:t.i + 1] if x.dep_ not in ("det", "punct", "poss")
                      and not _inside(x, quoted) and x.pos_ != "ADV"]
            definite = head in _DOCUMENTS or any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
            return " ".join(["the", *words_] if definite else words_)
        return None

    def introduced(self, noun: str, before: int) -> str | None:
        """The person the text introduced, before ``before``, with ``noun`` in apposition ("John Banky, Ben's
        older brother, spoke …" ¶ "…," said his brother): the last such name, or None."""
        pat = re.compile(r"(?<![\w.'’-])([A-Z][\w'’-]*(?:[ \t]+(?:[A-Z]\.|[A-Z][\w'’-]*)){0,3}),[ \t]+(?:(?:the|a|an|his|her|their)\s+|[A-Z][\w.'’-]*['’]s\s+)"
                         r"(?:[a-z][\w-]*\s+){0,2}" + re.escape(noun) + r"\b")
        found = list(pat.finditer(self.view.text, max(0, before - 3000), before))
        if not found:
            return None
        name = clean_name(found[-1].group(1)) or found[-1].group(1)
        known = self.person(name)
        if known and len(name.split()) > 1 and fold(known.split()[0]) != fold(name.split()[0]):
            return name      # a relative who shares the surname ("John Banky", "Benjamin David Banky")
        return known or name

    def named(self, t, quoted, offset: int) -> str:
        run = _name_run(t) or t.text
        got = self.person(run) or self.person(t.text)
        if got is None and fold(t.text) in _ROLE_NOUNS:
            return "unnamed"     # "the DNC Communications Director": a person by role, not by name
        if got is None:          # no person: an organisation's name runs on ("Democracy for America")
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if nxt is not None and nxt.head.i == t.i and (nxt.lower_ == "for" or (nxt.lower_ == "of" and t.ent_type_ == "ORG")):
                obj = [c for c in nxt.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
                if obj:
                    run = f"{run} {nxt.text} {_name_run(obj[0])}"
        return got or clean_name(run) or run

    def subject(self, subj, quoted, offset: int) -> tuple[str, str | None]:
        """(as written, canonical or "unnamed") for the subject token of a verb of saying."""
        doc = subj.doc
        toks = [t for t in subj.subtree if not _inside(t, quoted)]
        written = doc[toks[0].i:toks[-1].i + 1].text if toks else subj.text
        low = subj.lower_
        if low in ("he", "she"):
            return written, self.antecedent(offset + subj.idx) or "unnamed"
        if low in ("i", "we"):
            return written, None
        if subj.pos_ == "PRON" or low in PRONOUNS:
            if low in ("who", "which", "that") and subj.head.dep_ == "relcl":   # "the bishops, which wrote …"
                return self.subject(subj.head.head, quoted, offset)
            if low == "it":
                return written, self.it(offset + subj.idx) or "unnamed"
            return written, "unnamed"
        nxt = doc[subj.i + 1] if subj.i + 1 < len(doc) else None
        org = subj.text[:1].isupper() and nxt is not None and nxt.lower_ == "for" and nxt.head.i == subj.i and \
            any(c.dep_ == "pobj" and c.pos_ == "PROPN" for c in nxt.children)     # "Democracy for America"
        if subj.pos_ == "PROPN" or org or (subj.text[:1].isupper() and self.person(subj.text)):   # "Sanders" read as a noun
            return written, self.named(subj, quoted, offset)
        return written, self.descriptor(subj, quoted, offset) or "unnamed"

    def lead_person(self, a: int, b: int) -> str | None:
        """The person whose name opens the text between ``a`` and ``b``."""
        head = self.view.text[a:b]
        if head[:1] in "\"“‘'" or _quoted_in(self.view, a, a + 1):
            return None     # a sentence that opens a quotation, or one that begins inside it
        m = re.match(r"\s*(" + _NAME + r")(?=[\s,])", head)
        if not m or fold(m.group(1).split()[0]) in STOP:      # "Of Obama, he said"
            return None
        return self.person(m.group(1))

    def asked(self, pos: int) -> str | None:
        """The person asked in the sentence before ``pos`` ("Vieira asked Trump, “…?” His response: …"):
        the one whose response follows, not the asker."""
        from newsprism.compare.claims import parsed

        prev = [s for s in self.view.sentences if s.end <= pos][-1:]
        if not prev:
            return None
        doc = parsed(prev[0].text)
        quoted = _quoted_in(self.view, prev[0].start, prev[0].end)
        for t in doc or ():
            if t.lemma_.lower() == "ask" and not _inside(t, quoted):
                obj = [c for c in t.children if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN"]
                if obj:
                    return self.named(obj[0], quoted, prev[0].start)
        return None

    def antecedent(self, pos: int) -> str | None:
        """The person a "he" or "she" at ``pos`` stands for: the subject that names a person in the nearest
        clause before it (the main clause's first), else the speaker of a quote there; a subject that is
        itself a pronoun sends the search a sentence further back; ``ANTECEDENT_BACK`` sentences, more along a chain
        of the same pronoun."""
        from newsprism.compare.claims import parse_of

        view = self.view
        word = re.match(r"\w*", view.text[pos:pos + 5]).group(0).lower()
        want = "m" if word in ("he", "his", "him") else "f" if word in ("she", "her", "hers") else None
        same = {"m": "he", "f": "she"}.get(want)

        def fits(p: str | None) -> bool:     # "she" never stands for a man the articles call "Mr." or "Joseph"
            g = self.people.gender(p) if p and want else None
            return g is None or g == want

        spans = [(s.start, min(s.end, pos)) for s in view.sentences if s.start < pos][::-1][:ANTECEDENT_MOST]
        reach = ANTECEDENT_BACK
        for k, (a, b) in enumerate(spans):
            if k >= reach:
                break
            if k % 2 == 0:      # parsed two at a time: most pronouns are settled by the nearest two
                self.parse([view.text[x:y] for x, y in spans[k:k + 2] if view.text[x:y].strip()])
            text = view.text[a:b]
            doc = parse_of(text)
            if doc is None:      # not parsed (over the budget): a person named at the sentence's head
                lead = self.lead_person(a, b)
                if lead and fits(lead):
                    return lead
            else:
                quoted = _quoted_in(view, a, b)
                # subjects (the main clause's first) and the sources of "according to" ("…, according to her
                # publicist, Jack Ketsoyan. ¶ “…,” he said.")
                subs = sorted((t for t in doc if not _inside(t, quoted) and (t.dep_ in ("nsubj", "nsubjpass") or (
                    t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.i and doc[t.head.i - 1].lower_ == "according"))),
                              key=lambda t: (t.head.dep_ != "ROOT" and t.dep_ != "pobj", t.i))
                if any(t.lower_ == same for t in subs):
                    # the same pronoun as the subject of a clause here ("… pursued Page but she rebuffed him",
                    # "… -- she refused."): one person all along, named further back; the search goes on a sentence
                    reach += 1
                if subs and subs[0].head.dep_ == "ROOT" and subs[0].lower_ in ("he", "she"):
                    subs = []     # "He said Obama “…”": the pronoun's own referent lies further back
                for t in subs:
                    if t.lower_ == "who" and t.head.dep_ == "relcl" and t.head.head.pos_ == "PROPN":
                        t = t.head.head     # "… to Matthew O'Connor, who coproduced Reid …": O'Connor did
                    if t.pos_ == "PROPN" or t.text[:1].isupper():     # "Trump said" read as a noun
                        beside = [c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
                        # a title the sentence's first word capitalises stands before the name it is given
                        # ("Filmmaker and aviator Howard Hughes also pursued Page"): the name, not the title
                        p = None if t.pos_ == "NOUN" and beside else self.person(_name_run(t)) or self.person(t.text)
                        if p is None and beside:     # "One Democrat, Representative Stephen F. Lynch, …"
                            p = self.person(_name_run(beside[0])) or self.person(beside[0].text)
                    elif t.pos_ == "NOUN":
                        d = self.descriptor(t, quoted, a)
                        p = d if d and self.person(d) else None
                        owner = [c for c in t.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
                        if p is None and owner:     # "Huckabee's religion has played … He wrote": Huckabee
                            p = self.person(_name_run(owner[0]))
                    else:
                        p = None
                    if p and fits(p):
                        return p
                # the parser missed the subject ("Akin, however, continued …" read "Akin" as an adverb):
                # a person named at the head of the sentence
                lead = self.lead_person(a, b)
                if lead and not subs and fits(lead):
                    return lead
            said = [sp for s, e, sp in self.prior if a <= s < b and sp not in (None, "unnamed") and fits(sp)]
            if said:
                return said[-1]
        return None


#: sentences back (the pronoun's own included) where a "he"/"she" finds its person; each one on the way whose
#: clauses have the same pronoun for a subject lets it look one further, up to ``ANTECEDENT_MOST``
ANTECEDENT_BACK, ANTECEDENT_MOST = 4, 8


#: nouns for something said: their owner said the words quoted inside them
_SPEECH_NOUNS = {"claim", "remark", "comment", "statement", "word", "assertion", "description", "characterization",
                 "argument", "charge", "accusation", "warning", "promise", "pledge", "vow", "question", "response",
                 "reply", "answer", "message", "tweet", "post", "quip", "line", "insistence", "suggestion", "view"}


#: nouns of saying that answer a question: "his" in "His response: “…”" is the one who was asked
_REPLY_NOUNS = {"response", "reply", "answer"}


def _speech_owner(doc, quoted, q0: int, q1: int):
    """The possessor of a noun of saying that holds the quote ("his claim that … “…”", "Trump's remark
    “…”"), when no verb of saying comes first on the way up from the quote; else None."""
    inner = [t for t in doc if q0 <= t.idx < q1]
    top = next((t for t in inner if not (q0 <= t.head.idx < q1) or t.head.i == t.i), None)
    if top is None:
        return None
    for a in top.ancestors:
        if _inside(a, quoted):
            continue
        if a.pos_ in ("VERB", "AUX") and a.lemma_.lower() in _SAY_LEMMAS:
            return None
        if a.pos_ == "NOUN" and a.lemma_.lower() in _SPEECH_NOUNS:
            poss = [c for c in a.children if c.dep_ == "poss" and not _inside(c, quoted)]
            return (poss[0], a) if poss else None
    return None


def _verb_like(t) -> bool:
    """A verb, or a clause's root the tagger read as a plural noun while it has a subject and a clause of its
    own ("The letter from Taylor states that …": "Taylor states" taken for a compound noun)."""
    if t.pos_ in ("VERB", "AUX"):
        return True
    return t.dep_ == "ROOT" and t.tag_ == "NNS" and {c.dep_ for c in t.children} >= {"nsubj", "ccomp"}


def _unparsed_subject(doc, quoted, q1: int, v):
    """The speaker of a quotation followed by its verb of saying when the parse gives that verb no subject:
    the first name between the quotation and the verb ("“…,” independent Sen. Angus King of Maine, who …,
    told reporters", "King" read as an object inside the quote's clause), or, with the verb straight after
    the quotation, what follows the verb ("“…,” tweeted the Brooklyn chapter of Indivisible Nation")."""
    if v.idx < q1:
        return None
    between = [t for t in doc if q1 <= t.idx < v.idx and not _inside(t, quoted)]
    names = [t for t in between if t.pos_ == "PROPN" and t.dep_ not in ("compound", "flat")]
    if names:
        return names[0]
    if all(t.is_punct for t in between):
        after = [c for c in v.children if c.dep_ in ("dobj", "attr", "nsubj") and c.i > v.i]
        return after[0] if after else None
    return None


def _according_to(doc, quoted):
    """The object of "according to" outside quotation marks in ``doc`` ("…, according to the indictment"), or None."""
    for t in doc:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" and not _inside(t, quoted):
            obj = [c for c in doc[t.i + 1].children if c.dep_ == "pobj"]
            if obj and not _inside(obj[0], quoted):
                return obj[0]
    return None


def _quote_head(doc, q0: int, q1: int):
    """The token of ``doc`` that heads the words between the marks at ``q0`` and ``q1`` (the one whose head lies
    outside them, or the root), or None."""
    inner = [t for t in doc if q0 < t.idx < q1 and not t.is_punct]
    return next((t for t in inner if not (q0 < t.head.idx < q1) or t.head.i == t.i), None)


def _content_of(doc, v, q0: int, q1: int) -> bool:
    """The quote at [q0, q1) is what the verb of saying ``v`` says: it hangs on ``v`` as its clause or object,
    not as the one told ("Mr. Stone told “senior Trump campaign officials” about …"), nor as a modifier
    ("Stone, …, “on multiple occasions” … told Credico")."""
    top = _quote_head(doc, q0, q1)
    if top is None or v not in top.ancestors:
        return True      # not read by the parse: left to the verb
    child = top
    while child.head.i != v.i:
        child = child.head
    if child.dep_ in ("dobj", "dative") and v.lemma_.lower() == "tell":
        return False
    return child.dep_ not in ("prep", "npadvmod", "advmod", "tmod", "nsubj", "nsubjpass")   # nor in its subject


def _name_before(doc, quoted, v):
    """The name just before the verb that a verb of saying is coordinated with, when the parse gives neither
    a subject ("Donald Trump Jr. exchanged messages … and asked, “…”", the name hung on the clause before)."""
    h = v
    while h.dep_ == "conj" and h.head.i < h.i and h.head.pos_ in ("VERB", "AUX"):
        h = h.head
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in h.children) or h.i == 0:
        return None
    t = h.doc[h.i - 1]
    return t if t.pos_ == "PROPN" and not _inside(t, quoted) else None


def _say_verb(doc, quoted, q0: int, q1: int):
    """The verb of saying that introduces the quote at [q0, q1) of ``doc``: the nearest one outside
    quotation marks; but a verb just before the quote wins over one after it that opens another quote
    ("Asked point-blank, “Is that picture you?” Weiner replied, “…”": the question is not Weiner's)."""
    verbs = [t for t in doc if t.lemma_.lower() in _SAY_LEMMAS and _verb_like(t) and not _inside(t, quoted)
             and not (t.lemma_.lower() == "call" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("for", "on", "off", "up"))]
    if not verbs:
        return None
    v = min(verbs, key=lambda t: min(abs(t.idx - q0), abs(t.idx - q1)))
    if v.idx >= q1:
        before = [t for t in verbs if t.idx < q0 and len(doc.text[t.idx:q0].split()) <= 4]
        opens = any(a > v.idx for a, b in quoted)
        if before and opens:
            return before[-1]
    return v


def _parsed_speaker(view: ArticleView, people: People, q_start: int, q_end: int, fr: tuple[int, int],
                    before_too: bool = True, resolver: _Resolver | None = None
                    ) -> tuple[str | None, str | None, str | None] | None:
    """(as written, canonical or "unnamed", verb) from the dependency parse of the quote's sentence: the
    subject of the verb of saying nearest the quote and outside it ("…," X said / X said: "…" / said X;
    "X tells Y, '…'" gives X, never the person told; "Asked, “…?”": the asker, unnamed), resolved by
    ``_Resolver``. None when the sentence has no such verb; then the sentence before, when it ends with a
    colon or is the quote's own paragraph lead, is read the same way."""
    from newsprism.compare.claims import parsed

    res = resolver or _Resolver(view, people)
    text = view.text[fr[0]:fr[1]]
    if not text.strip():
        return None
    doc = parsed(text)
    if doc is None:
        return None
    q0, q1 = q_start - fr[0], q_end - fr[0]
    quoted = _quoted_in(view, fr[0], fr[1])
    owned = _speech_owner(doc, quoted, q0, q1)
    if owned is not None:       # "his on-camera claim that Afghanistan is a “war of Obama's choosing”"
        owner, noun = owned
        c = owner.lower_
        if owner.pos_ == "PROPN":
            return owner.text, res.named(owner, quoted, fr[0]), None
        if c in ("his", "her"):
            asked = res.asked(fr[0]) if noun.lemma_.lower() in _REPLY_NOUNS else None
            return owner.text, asked or res.antecedent(fr[0] + owner.idx) or "unnamed", None
    v = _say_verb(doc, quoted, q0, q1)
    source = _according_to(doc, quoted)
    if source is not None and (v is None or not _content_of(doc, v, q0, q1)):
        written, canonical = res.subject(source, quoted, fr[0])
        return written, canonical, "according to"
    if v is None:
        if not before_too:
            return None
        prev = [s for s in view.sentences if s.end <= fr[0]]
        if prev and (view.text[prev[-1].start:prev[-1].end].rstrip().endswith(":") or
                     "\n" not in view.text[prev[-1].end:fr[0]]):
            p = prev[-1]
            return _parsed_speaker(view, people, p.end, p.end, (p.start, p.end), before_too=False, resolver=res)
        if prev and _own_paragraph(view, q_start, q_end):
            return _paragraph_lead(view, prev[-1], res)
        # no verb of saying: words the sentence's named subject puts out ("Microsoft published a security
        # advisory that “listed workarounds …”")
        named = _named_subject(doc, quoted, res, fr[0], (q0, q1))
        return (named[0], named[1], None) if named else None
    if v.lemma_.lower() == "ask" and v.tag_ == "VBN" and not any(c.dep_.startswith("nsubj") for c in v.children) \
            and v.idx < q0:
        return None, "unnamed", v.text      # "Asked whether …, “…?”": the one who asks goes unnamed
    subj = _subject_of(v)
    if subj is not None and subj.dep_ == "nsubjpass" and subj.head.i == v.i and v.lemma_.lower() != "quote":
        # the subject of a verb of saying in the passive is who is spoken of or to ("he has been described as
        # the “…”", "he was told “…”"), not who speaks ("Mr. Trump was quoted as saying" has "saying" for verb)
        return subj.text, "unnamed", v.text
    if subj is None or _inside(subj, quoted):
        subj = _unparsed_subject(doc, quoted, q1, v) or _name_before(doc, quoted, v)
    if subj is None:
        return None, None, v.text
    written, canonical = res.subject(subj, quoted, fr[0])
    return written, canonical, v.text


def _own_paragraph(view: ArticleView, start: int, end: int) -> bool:
    """The quotation (marks included) is its paragraph's whole text."""
    a = view.text.rfind("\n", 0, start) + 1
    b = view.text.find("\n", end)
    return not view.text[a:start].strip() and not view.text[end:len(view.text) if b < 0 else b].strip(" .")


def _paragraph_lead(view: ArticleView, sent, res: "_Resolver") -> tuple[str, str, None] | None:
    """A quotation standing alone as a paragraph, with no verb of saying, after a paragraph whose last
    sentence has a person for its subject ("Vice President Joe Biden voiced his support … ¶ “Anybody who
    thinks …”"): that person's words."""
    from newsprism.compare.claims import parsed

    doc = parsed(sent.text)
    if doc is None:
        return None
    quoted = _quoted_in(view, sent.start, sent.end)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
    if subj is not None and subj.lower_ in ("he", "she") and not _inside(subj, quoted):
        # "“Make no mistake,” he said. ¶ “This was designed …”"; "He would not specify how many … ¶ “They were
        # all adults …”": the person the paragraph before is about, as for a name
        name = res.antecedent(sent.start + subj.idx)
        return (subj.text, name, None) if name else None
    named = _named_subject(doc, quoted, res, sent.start)
    return (named[0], named[1], None) if named else None


def _named_subject(doc, quoted, res: "_Resolver", offset: int, inner: tuple[int, int] | None = None
                   ) -> tuple[str, str] | None:
    """(as written, name) of the main clause's subject outside quotation marks when it names a person or an
    organisation: its head ("Biden voiced …", "Microsoft published …") or a name compounded to it ("MWEB
    operations has issued an update"). With ``inner``, the quotation's bounds in ``doc``: only when no clause
    with a subject of its own stands between the quotation and the main clause ("Reuters cited other sources
    indicating that the CIA has ramped up … to “prepare political transition options”": the CIA's aim, in the
    sources' words)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
    if subj is None or _inside(subj, quoted):
        return None      # nor a passive's subject ("Subryan was also charged with …"): it did nothing
    if inner is not None:
        top = next((t for t in doc if inner[0] < t.idx < inner[1] and not (inner[0] < t.head.idx < inner[1])), None)
        for a in ([top] + list(top.ancestors)) if top is not None else ():
            if a.i != root.i and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("that", "which", "who")
                                     and not _inside(c, quoted) for c in a.children):
                return None
    if subj.pos_ == "PROPN":
        name = res.person(_name_run(subj)) or res.person(subj.text) or \
            res.refs.entity_at(offset + subj.idx, offset + subj.idx + len(subj), "org")
        return (subj.text, name) if name else None
    if subj.pos_ == "NOUN":
        for c in subj.children:
            if c.dep_ == "compound" and c.pos_ == "PROPN":
                name = res.refs.entity_at(offset + c.idx, offset + c.idx + len(c), "org")
                if name:
                    return doc[subj.left_edge.i:subj.i + 1].text, name
    return None


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
        return not _VERB.search(frame)
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
    quoted = _quoted_in(view, fr[0], fr[1])
    v = _say_verb(doc, quoted, q0, q1)
    source = _according_to(doc, quoted)
    if v is None and source is not None:
        # "According to researchers …, attacks were spreading “like wildfire”": the clause "according to" hangs on
        v = next((a for a in source.ancestors if a.pos_ in ("VERB", "AUX") and a.lower_ != "according"), None)
    inner = [t for t in doc if q0 < t.idx < q1 and not t.is_punct]
    top = _quote_head(doc, q0, q1)
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
    top = _quote_head(doc, start - fr[0], end - fr[0]) if doc is not None else None
    return top is not None and top.dep_ == "oprd" and top.head.lemma_.lower() not in _SAY_LEMMAS


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
    res = _Resolver(view, people, parse_limit)
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
            parsed = _parsed_speaker(view, people, m_start, m_end, fr, resolver=res)
        # a partial quote ("he “might talk to” Maduro", "called it “unpersuasive”") is an utterance when the
        # parse gives it a person who says it with a verb of saying (not one of naming: "calls himself the
        # “toughest sheriff”", "labeled “birthers”")
        attributed = parsed is not None and bool(parsed[1]) and parsed[1] != "unnamed" and bool(parsed[2]) \
            and _capital(parsed[1]) and not _NAMING.match(parsed[2]) \
            and (len(ws) >= 4 or _said_words(view, m_start, m_end, fr))
        if len(ws) < 2 and not attributed:
            continue     # one word in quotation marks nobody is said to say
        if parsed is not None and parsed[1]:
            written, canonical, verb = parsed
        else:
            written, canonical, verb = _speaker(view, people, m_start, m_end, fr)
        if written and fold(written) == "it" and canonical in (None, "unnamed") and res.prior and \
                _capital(res.prior[-1][2]) and not people.resolve(res.prior[-1][2]) and \
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
                # named as written beside the quote: not a pronoun, a document or group as the text calls it ("the
                # letter"), a description the article's names stand behind ("the software giant": Microsoft), nor
                # one person known by another's name ("Tara Reid’s rep")
                named = bool(q.speaker_as_written) and \
                    fold(q.speaker_as_written.split()[0]) not in PRONOUNS | POSSESSIVES and _capital(q.speaker) and \
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
