"""Whole claims: is a piece of text a sentence (or a clause that stands alone) or a fragment?

A text is *whole* when it starts as a sentence starts (a capital letter, a digit, or an opening
quotation mark before one) and its main clause has a subject and a finite verb: the root of the
parse, or a verb coordinated with the root, carries a subject (``nsubj``, ``nsubjpass``, ``expl``,
``csubj``) and is finite itself (past or present tense, a modal) or through its auxiliary. A quote
with its attribution ("“It will start soon,” he said.") is whole through "he said".

``fragment_reason`` is the one checker the tests, the benchmark and the brief use. It parses with
spaCy's dependency parser (``claims.parser``); where the parser cannot be loaded it falls back to
the surface checks alone (start, end, a verb-like word), and says so in the reason's prefix.
``looks_whole`` is the cheap surface test the pipeline applies to every sentence (no parse).
"""

from __future__ import annotations

import re
from functools import lru_cache

_OPEN = "\"“‘'(["
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_SUBJ = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
_ASIDE = re.compile(r"\s*(?:[—–]|--)\s*[^—–]{3,120}?\s*(?:[—–]|--)\s*|\s*\([^()]{1,120}\)")
#: a short phrase set off by commas inside a clause ("They also, in some respects, echo ...")
_COMMA_ASIDE = re.compile(r",\s+(?:[^\s,;:]+\s+){0,4}[^\s,;:]+,\s+")
_END = re.compile(r"[.!?][\"”’')\]]*$|[\"”’]$")


#: a word that ties a sentence to the one before it ("But …", "However, …", "Also on Thursday, …"): shown out of
#: its place (a fact, a brief), the sentence reads without it. "So", "still", "yet", "also" tie only before a comma
#: ("So far, …", "Still unclear is …", "Also killed was …" keep them), "also" before a setting too
TIE = re.compile(r"^(?:(?:and|but|however|meanwhile|moreover|additionally|furthermore)\b(?![-’'])\s*,?"
                 r"|(?:so|still|yet|also|besides|instead|then|indeed|of course|in fact|in essence|in addition|in turn|even so|"
                 r"after all|in short|first|second|third|finally|last|lastly|first of all|above all)\s*,"
                 r"|also(?=\s+(?:on|in|at|during|this|last|earlier|later)\b))\s*", re.I)


#: a speaker's name set before the words they said ("Barack Obama: “Let's do the right thing.”", as a fact shows
#: quoted words its sentence does not attribute: ``facts.name_people``)
_SPEAKER_LABEL = re.compile(r"[A-Z][^\s:“”\"]*(?: [^\s:“”\"]+){0,5}: (?=[“\"‘'])")


def untied(text: str) -> str:
    """``text`` less an opening word that ties it to the sentence before (``TIE``), its next word capitalised
    (not a word with a capital inside: "iPhone")."""
    m = TIE.match(text)
    rest = text[m.end():] if m else ""
    i = len(rest) - len(rest.lstrip(_OPEN))
    word = re.match(r"\w+", rest[i:])
    if not word:
        return text
    if not any(c.isupper() for c in word.group()[1:]):
        rest = rest[:i] + rest[i].upper() + rest[i + 1:]
    return rest


def starts_as_sentence(text: str) -> bool:
    t = text.lstrip()
    t = t.lstrip(_OPEN).lstrip()
    if not t:
        return False
    c = t[0]
    return c.isupper() or c.isdigit() or (c.isalpha() and not c.islower())


#: words that make a clause finite on their own (auxiliaries, modals, contractions, common irregular pasts)
_FINITE_WORDS = set("""is are was were am be been has have had do does did will would can could should may might must
shall 's 're 've 'd 'll n't ain't won't can't don't doesn't didn't isn't aren't wasn't weren't said says told tells
went goes came comes made makes took takes gave gives got gets knew knows saw sees thought thinks found finds left
leaves kept keeps held holds began begins ran runs won wins lost loses met meets paid pays sent sends spoke speaks
wrote writes stood stands brought brings bought buys led leads felt feels heard hears meant means became becomes
chose chooses fell falls rose rises drew draws grew grows hit hits put puts set sets cut cuts let lets""".split())


def finite_cue(text: str) -> bool:
    """A finite verb by its form alone: an auxiliary or modal, a common irregular verb, a word in -ed."""
    for w in re.findall(r"[A-Za-z’']+", text):
        lw = w.lower().replace("’", "'")
        if lw in _FINITE_WORDS or lw.endswith(("ed", "n't")) or any(lw.endswith(c) for c in ("'s", "'re", "'ve", "'ll", "'d")):
            return True
    return False


#: sentences shorter than this are checked for a finite verb by form (``finite_cue``): the pieces a
#: sentence splitter or a quoted outburst leaves ("Your next First Lady.") are short
SHORT = 10


_MONTHS = ("jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
           "september october november december").split()
_DAYS = "mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday".split()
#: the words of a dateline or time stamp ("May 2, 2013 1: 35 pm.", "Updated 10:32 a.m. ET Friday, Feb. 8"): a
#: line of these and numbers alone states nothing
_STAMP_WORDS = set(_MONTHS + _DAYS + """am pm a.m p.m a m p et est edt gmt utc bst pst pdt cst cdt updated posted
published last modified on at by and of the""".split())


def is_stamp(text: str) -> bool:
    """A dateline or time stamp: month and day names, numbers and the words of a stamp, with at least one
    number and one month or day name."""
    toks = re.findall(r"[A-Za-z]+(?:\.[A-Za-z])*|\d+", text.lower())
    return bool(toks) and all(w.isdigit() or w.rstrip(".") in _STAMP_WORDS for w in toks) and \
        any(w.isdigit() for w in toks) and any(w in _MONTHS or w in _DAYS for w in toks)


def looks_whole(text: str) -> bool:
    """Surface test (no parse): starts as a sentence, four words or more, not a dateline or time stamp
    (``is_stamp``); a short one has a finite verb by its form, and a line in title case (a headline) is not a
    claim."""
    t = text.strip()
    ws = t.split()
    if not starts_as_sentence(t) or len(ws) < 4 or is_stamp(t):
        return False
    caps = sum(w[:1].isupper() for w in ws)
    if caps >= 0.7 * len(ws) and len(ws) >= 5:
        return False
    return len(ws) >= SHORT or finite_cue(t)


def _finite(tok) -> bool:
    if tok.tag_ in _FINITE_TAGS:
        return True
    if "Fin" in tok.morph.get("VerbForm"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and (c.tag_ in _FINITE_TAGS or "Fin" in c.morph.get("VerbForm"))
               for c in tok.children)


def _has_subject(tok) -> bool:
    return any(c.dep_ in _SUBJ for c in tok.children)


def _verb_taken_for_noun(tok) -> bool:
    """A plural-noun root after a noun and before a determiner, possessive or name: a verb in the
    third person the small parser read as a compound ("This approach mirrors Trump's pattern")."""
    if tok.tag_ != "NNS" or tok.i + 1 >= len(tok.doc):
        return False
    nxt = tok.doc[tok.i + 1]
    return any(c.dep_ in ("compound", "nsubj") and c.i < tok.i for c in tok.children) and \
        nxt.tag_ in ("DT", "PRP$", "NNP", "PRP", "CD")


_SUBORDINATE = {"which", "who", "whom", "whose", "although", "though", "while", "whereas", "because", "since",
                "unless", "if", "when", "where", "after", "before", "as", "including", "according", "killing"}


def _lenient(sent) -> bool:
    """The small parser often misses a subject ("Akin, however, continued ...", "Lawmakers ... needed to
    muster ..."): a root verb in a finite or participle form with words before it, in a sentence that
    does not open with a subordinating word, counts as a main clause; so does an imperative whose verb
    opens the sentence ("Tell me who you are.")."""
    root = sent.root
    first = next((t for t in sent if not t.is_punct), None)
    if first is None or first.lower_ in _SUBORDINATE:
        return False
    if root.tag_ == "VB" and root.i == first.i:
        return True
    return root.tag_ in _FINITE_TAGS | {"VBN"} and root.i > first.i


_WH = {"which", "who", "whom", "whose", "where", "when", "that", "while", "whereas", "although", "though",
       "because", "if", "unless", "as", "since", "after", "before", "whether"}


def _verbal(t) -> bool:
    """A finite verb, or one the small tagger/parser took for something else: a participle heading the
    sentence's only clause with an object ("The group's first ad called Obama an ..."), a plural-noun
    root with a phrase after it and words before it ("The 49-year-old teaches at ...")."""
    if t.tag_ in _FINITE_TAGS:
        return True
    if t.tag_ == "VBN" and t.dep_ in ("ROOT", "acl") and any(c.dep_ in ("dobj", "oprd") for c in t.children):
        return t.dep_ == "ROOT" or t.head.dep_ == "ROOT"
    if _past_taken_for_participle(t):
        return True
    if t.tag_ == "NNS" and t.dep_ == "ROOT" and t.i > t.sent.start:
        return any(c.i > t.i and c.dep_ in ("prep", "dobj", "ccomp", "xcomp") for c in t.children) and \
            any(c.i < t.i and c.dep_ in ("compound", "amod", "det", "nsubj", "poss") for c in t.children)
    return False


def _past_taken_for_participle(t) -> bool:
    """A verb in the past the small parser read as a participle after the sentence's only noun phrase, whose
    head it made the root: "But the legislation stalled in the House, where ..." (parsed as "the legislation
    [that was] stalled in the House"). A participle right after a determined noun that heads the sentence, with
    no "by" agent, is taken for the sentence's verb: a news sentence is not a bare noun phrase."""
    if t.tag_ != "VBN" or t.dep_ != "acl" or t.i != t.head.i + 1:
        return False
    head = t.head
    return head.dep_ in ("ROOT", "nsubj", "nsubjpass") and head.pos_ in ("NOUN", "PROPN") and \
        any(c.dep_ in ("det", "poss") for c in head.children) and not any(c.dep_ == "agent" for c in t.children)


def _main_finite(sent) -> bool:
    """Some verb of the sentence heads a clause that is not introduced by a relative or subordinating
    word (the parser's attachments are often wrong; its tags less so)."""
    for t in sent:
        if not _verbal(t):
            continue
        h = t.head if t.dep_ in ("aux", "auxpass") else t
        left = [c for c in h.subtree if c.i < h.i]
        if h.dep_ != "ROOT" and left and left[0].lower_ in _WH:
            continue
        if h.dep_ in ("relcl", "csubj", "pcomp", "pobj") and not left:
            continue
        return True
    return False


def _clause_ok(sent) -> bool:
    first = next((t for t in sent if not t.is_punct), None)
    if first is not None and first.lower_ not in _SUBORDINATE and _main_finite(sent):
        return True
    if _lenient(sent):
        return True
    root = sent.root
    heads = [root] + [c for c in root.children if c.dep_ in ("conj", "ccomp", "parataxis")]
    for h in heads:
        # a root with a subject is a predicate even when the tagger took its verb for a plural noun
        # ("the leaked conversation hints at ...")
        if _has_subject(h) and (_finite(h) or (h is root and h.tag_ == "NNS")):
            return True
        if h is root and _verb_taken_for_noun(h):
            return True
        # a copula or verb whose subject sits on the auxiliary chain ("There were ...")
        if h.pos_ in ("AUX", "VERB") and _finite(h) and any(c.dep_ in _SUBJ for c in h.subtree if c.head is h):
            return True
    return False


#: spaces a tokenised text (ECB+ and other corpora) puts inside words and numbers, closed again for the parse alone
#: ("doesn ' t", "11: 41 p. m.", "$10, 000", "26 - year - old", "hit.358")
_RETOKEN = (
    (re.compile(r"(?<=\w) ' (?=(?:t|s|re|ve|ll|d|m)\b)"), "'"),
    (re.compile(r"(?<=\d)([:,]) (?=\d)"), r"\1"),
    (re.compile(r"\b([ap])\. m\.", re.I), r"\1.m."),
    (re.compile(r"(?<=\d) - (?=\w)"), "-"),
    (re.compile(r"\b\w+(?: - \w+){2,}\b"), lambda m: m.group(0).replace(" - ", "-")),
    (re.compile(r"(?<=[a-z])\.(?=\d)"), " ."),
)


#: an opening phrase or clause up to its first comma, where what follows starts with a word
_OPENING = re.compile(r"[\"“']?[A-Z][^,;:\"“”]{2,120}?,\s+(?=[\"“]?[A-Za-z])")


def _untokenise(t: str) -> str:
    for rx, sub in _RETOKEN:
        t = rx.sub(sub, t)
    return t


#: a text that ends on an article or a currency sign and a short number with its period ("... with a 3.", "... worth
#: 2 million euros ($2."): a sentence cut at a decimal point that a tokenised text set apart ("died at 83." is whole)
_CUT_NUMBER = re.compile(r"(?:\b(?:a|an|the)\s+|[$£€]\s?)\d{1,3}\.$", re.I)


def _surface(text: str) -> tuple[str, str | None]:
    """(the text to parse, a reason found without parsing): the text's spaces normalised and the brief's
    "According to X, " taken off."""
    t = " ".join((text or "").split())
    if not t:
        return t, "empty"
    if not starts_as_sentence(t):
        return t, "starts mid-sentence"
    m = re.match(r"According to [^,]{1,80}, (?=\S)", t)
    if m:     # the brief's attribution: the claim is what follows it
        t = t[m.end()].upper() + t[m.end() + 1:]
    if is_stamp(t):
        return t, "a dateline or time stamp"
    if _CUT_NUMBER.search(t):
        return t, "cut inside a number"
    return t, None


#: ``shown_fragment`` parses a text shorter than this even with a finite verb by form ("Very, very, very subdued".":
#: a word in -ed that is an adjective)
SHORT_PARSED = 12


def shown_fragment(text: str) -> str | None:
    """``fragment_reason`` at the price the pipeline can pay on every fact it shows: the checks without a parse,
    and the parse only for a short text or one with no finite verb by its form (``finite_cue``: "As a back-up plan
    ..., yes.").
    A parse costs some milliseconds a sentence, and a story of 200 articles shows thousands of facts; most of them
    carry a finite verb by form, and the splitter's whole sentences rarely lack a subject when they do."""
    t, why = _surface(text)
    if why or (finite_cue(t) and len(t.split()) >= SHORT_PARSED):
        return why
    return fragment_reason(text)


def _for_parse(t: str) -> str:
    t = t.replace("’", "'").replace("‘", "'")     # the small parser reads "ain’t", "didn’t" only with a straight one
    return _untokenise(t)


#: parses made ahead in one batch (``prime``), kept until the next batch: the brief reads the facts' sentences again
_primed: dict = {}


def prime(texts: list[str]) -> None:
    """Parse, in one batch, the texts among ``texts`` that ``shown_fragment`` will parse: spaCy costs about twice as
    much a sentence fed one at a time (``claims.PARSE_BATCH``)."""
    from newsprism.compare.claims import PARSE_BATCH, parser

    nlp = parser()
    todo = []
    for text in dict.fromkeys(texts):
        t, why = _surface(text)
        if not why and not (finite_cue(t) and len(t.split()) >= SHORT_PARSED):
            todo.append(_for_parse(t))
    if not nlp or not todo:
        return
    _primed.clear()
    for t, doc in zip(todo, nlp.pipe(todo, batch_size=PARSE_BATCH)):
        _primed[t] = doc


@lru_cache(maxsize=4096)
def fragment_reason(text: str) -> str | None:
    """None when ``text`` is a whole claim; else why it is not ("starts mid-sentence", "no subject
    or finite verb", "a dateline or time stamp", "cut inside a number", "empty")."""
    t, why = _surface(text)
    if why:
        return why
    label = _SPEAKER_LABEL.match(t)
    if label and starts_as_sentence(t[label.end():]):
        return None     # "Barack Obama: “Let's do the right thing.”": words reported whole, the label their attribution
    from newsprism.compare.claims import parser

    nlp = parser()
    if not nlp:
        return None if re.search(r"\b(?:is|are|was|were|has|have|had|will|would|\w+ed|\w+s)\b", t) \
            else "no finite verb (surface check: parser unavailable)"
    t = _for_parse(t)
    doc = _primed.get(t) or nlp(t)
    sents = list(doc.sents)
    # a quotation and its attribution may parse as two sentences: one whole one suffices, if the first is
    if any(_clause_ok(s) for s in sents):
        return None
    # an aside between paired dashes or in brackets can hide the main verb from the small parser
    # ("This approach—blending A with B—mirrors ..."): parsed again without it
    bare = _ASIDE.sub(" ", t)
    if bare != t and any(_clause_ok(s) for s in nlp(" ".join(bare.split())).sents):
        return None
    # so can a short phrase between commas ("They also, in some respects, echo ..."), read again without it
    bare = _COMMA_ASIDE.sub(" ", bare)
    if bare != t and any(_clause_ok(s) for s in nlp(" ".join(bare.split())).sents):
        return None
    # and an opening phrase or subordinate clause up to its comma ("As news of her death spread Thursday, pinup shots
    # ... circulated", "After the hearing, X and Y gathered"): the main clause after it is read alone
    m = _OPENING.match(t)
    if m and re.match(r"[\"“]?(\w+)", t[m.end():]).group(1).lower() not in _SUBORDINATE | _WH:
        rest = t[m.end():]
        rest = rest[0].upper() + rest[1:]
        if any(_clause_ok(s) for s in nlp(rest).sents):
            return None
    return "no subject or finite verb"


def is_fragment(text: str) -> bool:
    return fragment_reason(text) is not None
