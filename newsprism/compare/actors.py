"""Who does what in a sentence: the check an editor makes before taking two sentences for one fact.

Two sentences that use the same verb for their event ("rejects", "rejected") state the same fact only
when the same actors do it: "the US government rejected [the election] as fraudulent" and "the
Venezuelan government rejects the cartel allegations" are two facts that the sentence encoder and
the shared words put side by side. ``different_actors`` reads each sentence's verbs (spaCy's
dependency parse, shared with the claim conflicts) with the names in their subjects (proper nouns
and capitalised adjectives: "US", "Venezuelan", "Reuters"), and finds two sentences at odds when
every verb they share has a named subject in both and no name in common, or when the actors of each
(the names in its verbs' subjects) go unnamed in the other ("The US has deployed a carrier group ...
and developed covert action plans" / "Reuters cited sources indicating that the CIA has ramped up
covert operations": one topic, two facts). A reciprocal event
("X met with Y") counts the partner of its "with" phrase as an actor too ("Sanders met with Obama"
is "Obama will meet with Sanders"). Reporting verbs ("said", "told", "announced") are left out: who
says a claim is the voice, not the event. Without the parser nothing is found at odds.
"""

from __future__ import annotations

from newsprism.compare import claims
from newsprism.compare.text import stem

#: verbs that name no event of their own (reporting, auxiliaries, light verbs): claims' list
_SKIP = claims._REPORT


def _is_name(x) -> bool:
    return x.pos_ == "PROPN" or (x.i > 0 and x.text[:1].isupper() and x.pos_ in ("ADJ", "NOUN"))


def _name_set(tokens) -> set[str]:
    """Names among tokens, each word by its stem and each run of two or more also by its initials
    ("United States" -> "united", "state", "us"; "U.S." -> "us"; "Venezuelan" -> "venezue")."""
    out: set[str] = set()
    run: list[str] = []
    for x in list(tokens) + [None]:
        if x is not None and _is_name(x):
            w = x.text.replace(".", "")
            if w:
                run.append(w)
            continue
        if run:
            out.update(stem(w) for w in run)
            if len(run) > 1:
                out.add("".join(w[0] for w in run).lower())
            run = []
    return out


def _name_tokens(tok) -> set[str]:
    """The names in a token's phrase."""
    return _name_set(tok.subtree)


def _subject(v):
    return claims._subject_tok(v)


Events = tuple[tuple[str, frozenset[str]], ...]
_events_of: dict[str, tuple[Events, frozenset[str]]] = {}


def _events(text: str) -> tuple[Events, frozenset[str]]:
    """(verb lemma, names of its actors) for each event verb of a parsed sentence, and every name of the
    sentence; ((), {}) when it was not parsed."""
    if text in _events_of:
        return _events_of[text]
    doc = claims._docs.get(text)
    if doc is None:
        return (), frozenset()
    found: dict[str, set[str]] = {}
    for v in doc:
        if v.pos_ != "VERB" or v.lemma_ in _SKIP:
            continue
        names = found.setdefault(v.lemma_.lower(), set())
        s = _subject(v)
        if s is not None:
            names |= _name_tokens(s)
        for c in v.children:      # "X met with Y": Y is an actor of the meeting too
            if c.dep_ == "prep" and c.lower_ == "with":
                for o in c.children:
                    if o.dep_ == "pobj":
                        names |= _name_tokens(o)
    if len(_events_of) > 20_000:
        _events_of.clear()
    out = _events_of[text] = tuple((k, frozenset(n)) for k, n in found.items()), frozenset(_name_set(doc))
    return out


def parse(texts: list[str]) -> bool:
    """Parse the sentences (cached with the claim conflicts'); False when no parser can be loaded."""
    if not claims.parser():
        return False
    claims._parse(texts)
    return True


def different_actors(a: str, b: str) -> bool:
    """Whether two parsed sentences tell of different actors (see the module doc): every event verb they
    share has named actors in both and none in common, or each sentence's actors go unnamed in the other."""
    (ea, na), (eb, nb) = _events(a), _events(b)
    da, db = dict(ea), dict(eb)
    shared = [v for v in da if v in db]
    if shared and all(da[v] and db[v] and not da[v] & db[v] for v in shared):
        return True
    doers_a, doers_b = set().union(*da.values()), set().union(*db.values())
    return bool(doers_a and doers_b and not doers_a & nb and not doers_b & na)


def parsed(text: str) -> bool:
    return text in _events_of or text in claims._docs
