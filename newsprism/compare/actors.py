"""Who does what in a sentence: the check an editor makes before taking two sentences for one fact.

Two sentences that use the same verb for their event ("rejects", "rejected") state the same fact only
when the same actors do it: "the US government rejected [the election] as fraudulent" and "the
Venezuelan government rejects the cartel allegations" are two facts that the sentence encoder and
the shared words put side by side. ``different_actors`` reads each sentence's verbs (spaCy's
dependency parse, shared with the claim conflicts) with the names in their subjects (proper nouns
and capitalised adjectives: "US", "Venezuelan", "Reuters"), and finds two sentences at odds when
every verb they share has a named subject in both and no name in common. A reciprocal event
("X met with Y") counts the partner of its "with" phrase as an actor too ("Sanders met with Obama"
is "Obama will meet with Sanders"). Reporting verbs ("said", "told", "announced") are left out: who
says a claim is the voice, not the event. Without the parser nothing is found at odds.
"""

from __future__ import annotations

from newsprism.compare import claims
from newsprism.compare.text import stem

#: verbs that name no event of their own (reporting, auxiliaries, light verbs): claims' list
_SKIP = claims._REPORT


def _name_tokens(tok) -> set[str]:
    """The names in a token's phrase: proper nouns and capitalised words past the sentence's start."""
    out = set()
    for x in tok.subtree:
        if x.pos_ == "PROPN" or (x.i > 0 and x.text[:1].isupper() and x.pos_ in ("ADJ", "NOUN")):
            w = x.text.replace(".", "")
            if len(w) > 1 or x.pos_ == "PROPN":
                out.add(stem(w))
    return out


def _subject(v):
    return claims._subject_tok(v)


_events_of: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {}


def _events(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """(verb lemma, names of its actors) for each event verb of a parsed sentence; () when not parsed."""
    if text in _events_of:
        return _events_of[text]
    doc = claims._docs.get(text)
    if doc is None:
        return ()
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
    out = _events_of[text] = tuple((k, frozenset(n)) for k, n in found.items())
    return out


def parse(texts: list[str]) -> bool:
    """Parse the sentences (cached with the claim conflicts'); False when no parser can be loaded."""
    if not claims.parser():
        return False
    claims._parse(texts)
    return True


def different_actors(a: str, b: str) -> bool:
    """Whether two parsed sentences state one event of different actors (see the module doc)."""
    ea, eb = dict(_events(a)), dict(_events(b))
    shared = [v for v in ea if v in eb]
    return bool(shared) and all(ea[v] and eb[v] and not ea[v] & eb[v] for v in shared)
