"""The editor's checks of fact alignment (newsprism/compare/actors.py, facts.name_key, facts.shown_text) on
sentences of real articles (BASIL dev stories and the seeds), each first found in its article."""

from __future__ import annotations

from compare_fixtures import basil_stories

from newsprism.compare import actors


def _sentence(prefix: str, needle: str) -> str:
    """The sentence of a BASIL story holding ``needle`` (as compare splits it)."""
    from newsprism.compare.text import split_sentences

    arts = next(a for sid, a in basil_stories().items() if sid.startswith(prefix))
    for a in arts:
        for s in split_sentences(a.text):
            if needle in s.text:
                return s.text
    raise AssertionError(f"{needle!r} not in {prefix}")


def _seed_sentence(name: str, needle: str) -> str:
    from benchmarks.bench_compare import seed_articles
    from newsprism.compare.text import split_sentences

    a = next(a for a in seed_articles() if a.id.startswith(name))
    return next(s.text for s in split_sentences(a.text) if needle in s.text)


def _parsed(*texts: str) -> None:
    assert actors.parse(list(texts)), "spaCy's parser (a dependency) could not be loaded"


def test_one_verb_of_different_actors_is_two_facts() -> None:
    # 001: the US government rejected the 2024 election; 004: the Venezuelan government rejects the allegations
    us = _seed_sentence("001", "2024 Venezuelan election")
    ve = _seed_sentence("004", "vehemently rejects the cartel allegations")
    # Twitter declined to say whether the account was hacked; Weiner's spokesman said it had been hacked
    twitter = _sentence("basil-c21cb217", "has declined to say whether Mr. Weiner")
    spokesman = _sentence("basil-c21cb217", "Weiner's spokesman said that the congressman's Twitter account")
    _parsed(us, ve, twitter, spokesman)
    assert actors.different_actors(us, ve)
    assert actors.different_actors(twitter, spokesman)


def test_actors_unnamed_in_the_other_sentence_are_two_facts() -> None:
    carrier = _seed_sentence("001", "aircraft carrier strike group near Venezuela")
    cia = _seed_sentence("002", "CIA has ramped up")
    _parsed(carrier, cia)
    assert actors.different_actors(carrier, cia)


def test_same_actors_told_two_ways_are_not_apart() -> None:
    # a meeting is reciprocal: "Obama will meet with Sanders" / "Sanders met with President Obama"
    will = _sentence("basil-eadabee7", "Obama will meet with Sanders in Washington on Thursday")
    met = _sentence("basil-eadabee7", "Senator Bernie Sanders met with President Obama on Thursday")
    # the phone call, told by two outlets with the same two leaders
    call_001 = _seed_sentence("001", "spoke by phone last week")
    call_003 = _seed_sentence("003", "spoke by phone with Venezuelan President")
    _parsed(will, met, call_001, call_003)
    assert not actors.different_actors(will, met)
    assert not actors.different_actors(call_001, call_003)


def test_name_keys() -> None:
    from newsprism.compare.facts import name_key

    assert name_key("the U.S.") == name_key("US") == name_key("the United States") == "us"
    assert name_key("Reuters") == "reuters"          # the former key cut every final s ("reuter", "u")
    assert name_key('Operation "Southern Spear') == name_key("Operation Southern Spear")
    assert name_key("Trump’s") == "trump"


def test_parsed_reports_what_was_read() -> None:
    text = _seed_sentence("004", "Neither the White House nor Venezuela")
    _parsed(text)
    assert actors.parsed(text)
    assert not actors.parsed(text + " (a sentence never parsed)")
