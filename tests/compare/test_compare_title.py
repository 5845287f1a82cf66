"""The neutral story title (newsprism/compare/title.py) on real headlines of ../shared/data/extraction-dev."""

from __future__ import annotations

from newsprism.compare.title import clean, neutral_title

#: Forbes' and Gizmodo's headlines for one story (extraction-dev), and the one fact both report
FORBES = "How This Man’s Bedding Gave Him ‘Feather Duvet Lung’"
GIZMODO = "A Man Developed 'Feather Duvet Lung' After Getting New Bedding"
FACT = "HP, as Gizmodo very recently explained, is a complex and rare condition."


def test_a_quotation_inside_a_headline_keeps_its_marks() -> None:
    assert clean(FORBES) == FORBES
    assert clean('"We will win," Trump says') == '"We will win," Trump says'
    assert clean("“Total disaster.”") == "Total disaster"
    assert clean("Trump Held Secret Call With Maduro To Discuss Possible U.S. Meeting: NYT Report") == \
        "Trump Held Secret Call With Maduro To Discuss Possible U.S. Meeting"


def test_words_every_headline_uses_are_the_storys_name_not_a_slant() -> None:
    """Forbes' body puts "feather duvet lung" in quotation marks as a label (a loaded-term candidate); both headlines
    name the condition so, and the title is a headline, not the fact that names neither ("HP, as Gizmodo …")."""
    facts = [{"text": FACT, "sources": 2}]
    title = neutral_title([FORBES, GIZMODO], facts, ["Gizmodo"], ["“feather duvet lung.”", "“ground glass”"])
    assert title in (clean(FORBES), clean(GIZMODO))
    # a loaded word one headline alone uses still counts against it
    assert neutral_title(["Shocking Duvet Disaster Strikes Man", GIZMODO], [], [], ["disaster"]) == clean(GIZMODO)
