"""Voice, speakers, loaded terms word by word (issue 18, parts 2, 3 and 5), on a BASIL story and the seeds."""

from __future__ import annotations

import re

import pytest

from compare_fixtures import basil_stories, compared, models_loaded  # noqa: F401  (fixtures)

from newsprism.compare.text import ArticleView, Span, split_sentences
from newsprism.compare.voice import named_source, voice_of
from newsprism.types import Article

ETHERIDGE = "basil-6b541575-a9d7-41df-8c66-1f8baf8f6f0a"


@pytest.fixture(scope="module")
def etheridge(models_loaded) -> dict:  # noqa: F811
    stories = basil_stories()
    sid = next(s for s in stories if s.startswith("basil-6b541575"))
    return {"story": compared(stories[sid]), "articles": {a.id: a for a in stories[sid]}}


def _view(text: str) -> ArticleView:
    a = Article(id="x", source="x", input_sha256="", text=text)
    return ArticleView(a, "X", None, "none", split_sentences(text))


@pytest.mark.parametrize("text, kind, source", [
    ("The Pentagon has denied these allegations.", "reported", "The Pentagon"),
    ("Two individuals confirmed the call occurred late last week.", "reported", "Two individuals"),
    ("President Trump spoke by phone with Maduro, as first reported by the New York Times.", "reported",
     "the New York Times"),
    ("According to White House officials, Trump did not view the options as exclusive.", "reported", "White House"),
    # BASIL sentences (issue 18's voice errors): a finding of a poll, a speech act in a participle
    ("An NBC News/Wall Street Journal poll showed Mr. Trump as the most favored candidate among Republicans.",
     "reported", "An NBC News/Wall Street Journal poll"),
    ("A national NBC/WSJ poll released yesterday shows Trump tied for 2nd with Mike Huckabee.", "reported",
     "A national NBC/WSJ poll"),
    ("Other officials in the GOP were less forgiving, however, suggesting that Akin had created an irreversible "
     "distraction.", "reported", None),
    ("In response, Maduro led a military parade in Caracas on Monday, accusing Washington of \"preparing an "
     "invasion\".", "reported", None),
    ("Mrs. Clinton indicated that if she were president, she would not abandon the trade deal.", "reported",
     "Mrs. Clinton"),
    # the phrase after a preposition is not who speaks: the whole subject is
    ("Trump spoke with Maduro last week, multiple sources familiar with the matter told The New York Times.",
     "reported", "multiple sources familiar with the matter"),
    ("A lawyer for the family told reporters the case was closed.", "reported", "A lawyer for the family"),
    # ECB+ sentences (held-out gold, benchmarks/gold/speakers/ecb-*.json): "according to police" with no article;
    # a charge in the passive relays an accuser; declining to say relays nothing; "charged with" is a charge
    ("A former employee walked into a staff Christmas party at an east Vancouver health products business Friday "
     "and shot and killed a man, according to police.", "reported", "police"),
    ("Half - brother Jonathan Carrasquillo is suspected of having directed Lopez to kill their enemies.", "reported",
     "unnamed"),
    ("Andrew Lopez, 20, is accused of firing indiscriminately at rival gang members from a nearby rooftop.",
     "reported", "unnamed"),
    ("The pastor, Larry Kroon, declined to say whether the church had received any recent threats.", "outlet", None),
    ("Subryan is charged with DWI, vehicular manslaughter and leaving the scene of an accident resulting in death.",
     "outlet", None),
    # ECB+ round 2 (benchmarks/gold/speakers, ecb-27-ecb): figures with no article before them that show something
    ("IE is used on nearly three-quarters of the world's computers, industry statistics from last month showed.",
     "reported", "industry statistics"),
    ("Crime rose 5 percent last year, police records show.", "reported", "police records"),
    ("He broke records, showed up late and left early.", "outlet", None),
    ("The figures were released on Monday.", "outlet", None),
    ("The call lasted fifteen minutes and covered a possible meeting.", "outlet", None),
    ("The report was published on Friday and runs to forty pages.", "outlet", None),
    ("The discussion in the United States covered a possible meeting.", "outlet", None),
    # ECB+ round 3 (ecb-10-ecbplus), read after its first figures: the progressive of reporting and "in the
    # words of" hand the sentence to its source
    ("ESPN is reporting that the Nationals have offered Mark Teixeira an 8 - year, $160 million contract.",
     "reported", "ESPN"),
    ("The Red Sox, the team so many considered the frontrunners for Teixeira, will, in the words of the owner "
     "himself, not be factors.", "reported", "the owner himself"),
    # ECB+ round 4 (ecb-42-ecbplus, compare gold basil-2153fb3e), read after their first figures: a hedge relays an
    # unnamed source; "remarked" is a verb of saying
    ("Word has it that the April 29th registration for business customers will turn into a late May launch, but "
     "we're happy with confirmation that BlackBerry fans have another choice in the future.", "reported", "unnamed"),
    ("The bill is rumored to reach the floor next week.", "reported", "unnamed"),
    ("In a speech in Jakarta last year, Obama remarked that the American \"motto is E pluribus unum -- out of many, "
     "one.\"", "reported", "Obama"),
    # compare gold basil-1b96a5db: playing down is a speech act, and who tries to is who speaks
    ("Representative Nancy Pelosi of California, the Democratic leader who plans to support the override effort, "
     "tried on Tuesday to play down any split between Democrats and Mr. Obama.", "reported",
     "Representative Nancy Pelosi of California"),
    ("The White House moved quickly to deny the report.", "reported", "The White House"),
    ("He tried to play the piano.", "outlet", None),
    # session 20, sentences that entered briefs once the facts read word by word (ECB+ 21, 39; BASIL ee05c9b3):
    # what a newsroom learned from someone, what skeptics wondered, a campaign's charges in a participle
    ("Eyewitness News has learned from people in the neighborhood that the victim is originally from Punjab, India.",
     "reported", "people in the neighborhood"),
    ("The guy is relatively unknown and the skeptics wondered if the right person was chosen.", "reported",
     "the skeptics"),
    ("David Brat toppled Mr. Cantor, repeatedly criticizing him for being soft on immigration and contending that he "
     "supported amnesty.", "reported", None),
    ("She learned to swim in the river.", "outlet", None),
    # ECB+ 18: a man "charged in" a shooting is a charge, not someone charging
    ("A jury on Tuesday convicted a man charged in an April 2007 shooting at a Troy accounting firm.", "outlet", None),
    ("The lawyer charged that the police had lied.", "reported", "The lawyer"),
    ("The only announced candidate for the general election is Markey.", "outlet", None),
    # ECB+ 33: a request is no words relayed
    ("The Sheriff's Department arrested one gentleman who refused to leave the courtroom after being asked to.",
     "outlet", None),
    ("The session began with two witnesses the district attorney's office has asked the media not to identify by name.",
     "outlet", None),
    ("She asked the crowd to stay calm and said the fire was out.", "reported", "She"),
    # ECB+ 39 and 4 (gold compare-ecb, voice errors of its first run): words a group shouts, words set off by a colon
    # with no verb of saying, and a participle of saying compounded into an adjective ("self-described", "so-called")
    ('Of course, there has been a media frenzy, with practically every national tabloid screaming "Who??".',
     "reported", None),
    ('Users on the Facebook Doctor Who forum that I frequent mostly had the same reaction: "Who\'s Matt Smith?"',
     "quote", None),
    ('The self - described "Million Dollar Mermaid, " whose aquatic skills launched an unusual film career, died.',
     "outlet", None),
    ("The so-called deal fell apart on Friday.", "outlet", None),
    # BASIL c99adbdd, 3db93526: trust in someone is no claim relayed; a claim put to its owner by a noun of saying is
    ("Members of the tea party caucus also want to vote for a majority leader candidate that they believe in, even "
     "if he loses.", "outlet", None),
    ("The campaign released statements laying out its argument that Obama is attacking the fundamentals social "
     "conservatives believe in.", "reported", None),
    # BASIL and ECB+ dev (session 22): a claim made plain is relayed; a sentence opened by a conjunction names who
    # speaks after it, not the first words after the verb ("the witness is reluctant"); a purpose is no claim
    ("He made clear that the group's willingness to discuss cuts comes with conditions.", "reported", "He"),
    ("But Justice Vincent DelGiudice made clear the witness is reluctant to take the stand.", "reported",
     "Justice Vincent DelGiudice"),
    ("But Mr. Richtman said the group's openness would be used by deficit hawks.", "reported", "Mr. Richtman"),
    ("And Senator Smith told reporters the bill was dead.", "reported", "Senator Smith"),
    ("The pressure is part of an effort by some leaders to make it clear that the church is not partisan.",
     "outlet", None),
])
def test_voice_of_a_sentence(text: str, kind: str, source: str | None) -> None:
    v = _view(text)
    got = voice_of(v, v.sentences[0])
    assert got.kind == kind
    if source:
        assert got.source and got.source.startswith(source)


@pytest.mark.parametrize("text", [
    "The bodies later washed up in the San Francisco Bay, near where Scott told police he had gone fishing the day his "
    "wife disappeared.",
    "Jones, who said he was innocent, was convicted on Friday.",
    # ECB+ 36 (no gold): the relative clause of "opinions" relays them; Oppal's appointment is the outlet's
    "Last June, British Columbia Attorney General Wally Oppal appointed a special prosecutor to look into allegations "
    "of criminal abuse at Bountiful, despite two earlier legal opinions that said it would be difficult to proceed "
    "with criminal charges for polygamy itself.",
    # ECB+ 42 (ecbp-a2d7b9908953): "which" is the leak; the press release's silence is the outlet's reading
    "The press release doesn't get any more specific than that, but seems to lend authority to the previous leak, "
    "which indicated that the 18th would be the day.",
])
def test_a_verb_of_saying_in_a_subordinate_clause_gives_the_sentence_no_source(text: str) -> None:
    """ECB+ 45 (speakers round 4): the clause relays Scott, the sentence is the outlet's report around it; stated whole
    it would be neither in the outlet's voice alone nor in Scott's, so it names no source and a brief leaves it out."""
    v = _view(text)
    got = voice_of(v, v.sentences[0])
    assert got.relayed and got.source is None and not got.in_sentence


def test_a_quotation_continued_after_a_colon_is_relayed() -> None:
    text = "The senator wrote on his blog:\nThe plan is a failure. It will cost billions."
    v = _view(text)
    last = v.sentences[-1]
    got = voice_of(v, last)
    assert got.relayed and not got.in_sentence


def _ecb_view(aid: str) -> ArticleView:
    from benchmarks.bench_compare import _articles, load_ecbplus

    a = _articles([load_ecbplus()[aid]])[0]
    return ArticleView(a, aid, None, "none", split_sentences(a.text))


def _voice_of_line(v: ArticleView, start: str):
    return voice_of(v, next(s for s in v.sentences if s.text.startswith(start)))


@pytest.mark.parametrize("aid, relayed, own", [
    # "Statement:" then the press release line by line, past the quotation inside it, to the end of the article;
    # "The Q10 features:" opens a list of specifications, no statement
    ("ecbp-284b4fd66ad4", ["T - Mobile USA continues", "The BlackBerry Q10 combines", "T - Mobile customers can",
                           "Beginning April 29th", "Additional details"],
     ["Blackberry 10 OS", "2GB RAM", "Business customers will get first crack"]),
    # a name and what it speaks on
    ("ecbp-40b68f4f1dd8", ["T - Mobile USA continues", "The BlackBerry Q10 combines", "T - Mobile customers can"],
     ["April 24, 2013"]),
    # a verb of saying in the lead-in
    ("ecbp-dd8677e3f83c", ["T - Mobile USA continues", "The BlackBerry Q10 combines", "T - Mobile customers can"],
     ["My guess is they will open up"]),
])
def test_a_statement_after_a_lead_in_is_relayed_line_by_line(aid: str, relayed: list, own: list) -> None:
    v = _ecb_view(aid)
    for start in relayed:
        got = _voice_of_line(v, start)
        assert got.relayed and not got.in_sentence, start
    for start in own:
        assert not _voice_of_line(v, start).relayed, start


def test_a_quoted_statement_after_a_lead_in_ends_with_its_quotation_marks() -> None:
    # BASIL (Etheridge): a lead-in with a verb of saying whose statement is in quotation marks; the outlet's own
    # paragraphs after the quotation stay the outlet's
    text = ("Trump responded in a statement on Friday afternoon:\n“I have no idea what happened. It is a story.”\n"
            "The senator has not commented on the allegations.\nHis campaign raised ten million dollars in March.")
    v = _view(text)
    assert voice_of(v, v.sentences[1]).relayed
    assert not voice_of(v, v.sentences[-1]).relayed
    assert not voice_of(v, v.sentences[-2]).relayed


def test_speakers_are_who_said_the_words(etheridge: dict) -> None:
    quotes = etheridge["story"]["quotes"]

    def speaker_of(words: str) -> str:
        hits = [q["speaker"] for q in quotes if any(words in v["text"] for v in q["variants"])]
        assert hits, words
        return hits[0]

    # the man who asks is not the congressman he speaks to ("tells Etheridge, …")
    assert speaker_of("just here for a project") != "Bob Etheridge"
    assert "Etheridge" in speaker_of("Tell me who you are")


def test_brief_voice_and_case(etheridge: dict) -> None:
    brief = etheridge["story"]["brief"]
    assert brief
    for b in brief:
        assert b["voice"] and b["outlet"]
        if b["sentence"].startswith("According to "):
            body = b["sentence"].split(", ", 1)[1]
            assert not body.lower().startswith("etheridge")  or body.startswith("Etheridge")
    outlets = [b["outlet"] for b in brief]
    assert max(outlets.count(o) for o in outlets) <= max(1, int(0.4 * len(brief)))


def test_loaded_terms_are_words_with_offsets(etheridge: dict) -> None:
    terms = etheridge["story"]["loaded_terms"]
    arts = etheridge["articles"]
    assert terms
    for t in terms:
        source = arts[t["article"]].text if t["field"] == "text" else arts[t["article"]].title
        assert source[t["start"]:t["end"]] == t["term"]
        assert len(t["term"].split()) <= 4
        assert t["voice"] in ("own", "quoted")


def test_seeds_brief_is_attributed_and_balanced(seeds_report: dict) -> None:  # noqa: F811
    story = seeds_report["stories"][0]
    brief = story["brief"]
    assert len(brief) >= 4
    outlets = [b["outlet"] for b in brief]
    assert max(outlets.count(o) for o in outlets) <= 0.4 * len(brief)
    # a detail the conflicts dispute (the setting of Trump's remark) is not stated as shared
    for b in brief:
        if len({s["article"] for s in b["sources"]}) > 1:
            assert "Thanksgiving remarks" not in b["sentence"]
    # every sentence stands alone: none leans on what its article said before ("condemned these actions",
    # "Such pronouncements have intensified fears", "In response, Maduro led a military parade")
    for b in brief:
        body = b["sentence"].split(", ", 1)[1] if b["sentence"].startswith("According to ") else b["sentence"]
        assert not re.search(r"\b(these|those|such) (?!as\b)[a-z]", body, re.I), b["sentence"]
        assert not re.match(r"(in response|such)\b", body, re.I), b["sentence"]
    # who each sentence speaks for: a newspaper's name that starts with "The" is that newspaper, not the
    # person last named; "sources familiar with the matter" are the sources, not "the matter"
    for b in brief:
        assert b["voice"] not in ("the matter", "Nicolás Maduro") or "Maduro said" in b["sentence"], b
        if "Washington Post reported" in b["sentence"]:
            assert "Washington Post" in b["voice"], b
    # the quoted name "Cartel of the Suns" is no quote
    assert not any("Cartel of the Suns" == v["text"] for q in story["quotes"] for v in q["variants"])
    # loaded terms inside a quotation are marked as quoted, not as the outlet's own
    for t in story["loaded_terms"]:
        if t["term"].lower() == "narco-terrorism":
            assert t["voice"] == "quoted"


@pytest.mark.parametrize("text, body", [
    # the Times' sentence on Pelosi (basil-1b96a5db): a title before a name keeps its capital
    ("Representative Nancy Pelosi of California tried on Tuesday to play down any split.",
     "Representative Nancy Pelosi of California tried on Tuesday to play down any split."),
    ("Mr. Trump’s statement on Tuesday seemed certain.", "Mr. Trump’s statement on Tuesday seemed certain."),
    ("The call lasted fifteen minutes.", "the call lasted fifteen minutes."),
    ("The White House declined to comment.", "the White House declined to comment."),
    # basil-1ed4f378 (Times, Fox): "former" before a title is lower case; a word that opens a paragraph is not
    # one the article writes with a capital in mid-sentence
    ("Former Senator Byron L. Dorgan said Democrats would prefer other issues.",
     "former Senator Byron L. Dorgan said Democrats would prefer other issues."),
    ("Members of the coalition began stepping up their calls.", "members of the coalition began stepping up their calls."),
    # ECB+ 21 (round 3): the article "A" is no acronym
    ("A spokesperson for The Los Angeles Superior Court confirmed it.",
     "a spokesperson for The Los Angeles Superior Court confirmed it."),
    # basil-aab91277 (Fox): a number in words before a capitalised word is no name of several words; "New York" is
    ("Twenty-six Russian nationals and three Russian companies have been charged.",
     "twenty-six Russian nationals and three Russian companies have been charged."),
    ("New York officials said so.", "New York officials said so."),
])
def test_brief_body_keeps_proper_nouns(text: str, body: str) -> None:
    from newsprism.compare.brief import _body

    assert _body(text, "on Sunday night.”\n\nMembers of the coalition began … " + text) == body


@pytest.mark.parametrize("text, names", [
    ("In Thanksgiving remarks to troops, President Trump declared: “The land is easier.”", {"thanksgiving", "trump"}),
    ("Donald Trump has announced Tuesday that he is pulling out of his own Dec. 27th debate.", {"trump"}),
])
def test_names_a_shared_sentence_must_find_in_every_source(text: str, names: set) -> None:
    from newsprism.compare.brief import _names

    assert _names(text) == names


def test_a_clause_of_a_relayed_sentence_is_not_the_outlets() -> None:
    from newsprism.compare.brief import _voice

    text = ("Other officials in the GOP were less forgiving, however, suggesting that Akin had created an "
            "irreversible distraction and could no longer run as a viable candidate.")
    v = _view(text)
    i = text.index("Akin had created")

    class Unit:
        view = v
        span = Span(i, len(text), text[i:])
    got = _voice(Unit(), None)
    assert got.relayed and not got.in_sentence


def _labels_of_sources(brief: list[dict], articles: dict) -> None:
    """Each sentence lists the outlets it cites: those of its sources' articles, its wording's first."""
    from newsprism.extract.outlet import label

    for b in brief:
        assert b["outlets"][0] == b["outlet"]
        assert len(b["outlets"]) == len({s["article"] for s in b["sources"]})
        assert set(b["outlets"]) == {label(articles[s["article"]], []) for s in b["sources"]}


def test_no_outlet_supplies_more_than_two_fifths_of_the_brief(etheridge: dict, monkeypatch) -> None:
    """Issue 18: no outlet supplies more than 40 % of the brief when three outlets cover the story. A short
    brief (here at most one shared and one attributed sentence: two sentences, one of them one outlet's alone,
    half that outlet's) keeps within the share too: what is left is the sentence all three outlets state."""
    from newsprism.compare import brief as B
    from newsprism.compare.brief import shares

    brief = etheridge["story"]["brief"]
    _labels_of_sources(brief, etheridge["articles"])
    assert len(brief) >= 3
    assert max(shares(brief).values()) <= 0.4
    words = [b["outlet"] for b in brief]
    assert max(words.count(o) for o in words) <= 0.4 * len(brief)

    stories = basil_stories()
    weiner = stories[next(s for s in stories if s.startswith("basil-c21cb217"))]
    monkeypatch.setattr(B, "MAX_CONSENSUS", 1)
    monkeypatch.setattr(B, "MAX_ATTRIBUTED", 1)
    short = compared(weiner)["brief"]
    _labels_of_sources(short, {a.id: a for a in weiner})
    assert len(short) == 1 and short[0]["kind"] == "consensus" and len(short[0]["outlets"]) == 3
    assert max(shares(short).values()) <= 0.4
    # without the rule the brief had two sentences, the second one outlet's alone ("According to …")
    monkeypatch.setattr(B, "cap", lambda n_outlets, max_share=0.4: 1.0)
    loose = compared(weiner)["brief"]
    assert len(loose) == 2 and loose[1]["kind"] == "attributed" and max(shares(loose).values()) > 0.4


def _story_views(articles: list) -> tuple[list, object]:
    """The article views of a story and its people, as the comparison builds them (the entity tagger included)."""
    from newsprism.compare.text import build_views, find_people

    views = [v for v in build_views(articles) if v.sentences]
    return views, find_people(views)


def _sources(articles: list, starts: list[str]) -> dict[str, str | None]:
    views, people = _story_views(articles)
    out = {}
    for v in views:
        for s in v.sentences:
            for start in starts:
                if s.text.startswith(start) and start not in out:
                    got = voice_of(v, s, people)
                    assert got.relayed and got.in_sentence, s.text
                    out[start] = named_source(v, s, people) or got.source
    assert set(out) == set(starts), set(starts) - set(out)
    return out


def test_who_a_relayed_sentence_names_is_read_from_its_parse(models_loaded) -> None:  # noqa: F811
    """The subject of the verb of saying, through appositions, titles and datelines, and a sentence's last
    "…, X said" over a verb of saying inside what it relays (BASIL events and ECB+ topic 21, rounds 1-3 of the
    speakers gold; the words around the verb gave "Medicare", "R-Texas", "D-Va." and "Scott Boras" here)."""
    stories = basil_stories()
    aarp = next(v for k, v in stories.items() if k.startswith("basil-576116e5"))
    got = _sources(aarp, ["Max Richtman, executive vice president", "Sen. Kay Bailey Hutchison, R-Texas",
                          "An aide to the Republican-led House Ways"])
    assert got["Max Richtman, executive vice president"] == "Max Richtman"
    assert "Kay Bailey Hutchison" in got["Sen. Kay Bailey Hutchison, R-Texas"]
    assert got["An aide to the Republican-led House Ways"].startswith("An aide to the Republican-led House Ways")
    birthers = next(v for k, v in stories.items() if k.startswith("basil-005a2961"))
    assert _sources(birthers, ["“Of course I was surprised"])["“Of course I was surprised"] == "Carl Seel"
    steele = next(v for k, v in stories.items() if k.startswith("basil-2b95d2cf"))
    assert _sources(steele, ["A spokesman for the Democratic National Committee, Brad Woodhouse"]) == \
        {"A spokesman for the Democratic National Committee, Brad Woodhouse": "Brad Woodhouse"}
    weiner = next(v for k, v in stories.items() if k.startswith("basil-c21cb217"))
    assert "Weiner" in _sources(weiner, ["WASHINGTON — Representative Anthony D. Weiner"])[
        "WASHINGTON — Representative Anthony D. Weiner"]

    from benchmarks.bench_compare import _articles, load_ecbplus

    ecb = load_ecbplus()
    crash = _articles([r for r in ecb.values() if r["story"] == "ecbp-21-ecbplus"])
    got = _sources(crash, ["Emergency responders were called in"])
    assert got["Emergency responders were called in"] == "the NYPD"
    # some of a group: the group as written, not the name its description ends on (ECB+ 36, round 1)
    bountiful = _articles([r for r in ecb.values() if r["story"] == "ecbp-36-ecb"])
    wife = "One of the wives of former Fundamentalist LDS Church leader Winston Blackmore"
    assert _sources(bountiful, [wife])[wife] == wife


def test_a_sentence_inside_a_quotation_is_the_speakers(models_loaded) -> None:  # noqa: F811
    """basil-7a97de89 (Fox, HuffPost): "“I’m looking at all options,” LePage said … “I think some things I’ve been
    asked to do are beyond my ability. …”": the second sentence goes on with the quotation; its "asked" is the
    governor's word, not a verb that relays someone, and "I" names nobody; so the brief never states it."""
    stories = basil_stories()
    lepage = next(v for k, v in stories.items() if k.startswith("basil-7a97de89"))
    views, people = _story_views(lepage)
    seen = 0
    for v in views:
        for s in v.sentences:
            if s.text.startswith(("I think some things I’ve been asked", "I’m not going to say that")):
                got = voice_of(v, s, people)
                assert got.kind == "quote" and not got.in_sentence and got.source is None, (s.text, got)
                seen += 1
    assert seen >= 3
    brief = compared(lepage)["brief"]
    assert brief and not any(b["sentence"].startswith(("I ", "I’m")) for b in brief)
    assert all("(R)" not in b["voice"] for b in brief)


@pytest.mark.parametrize("text, clean", [
    # basil-aab91277 (Times), basil-a28a0329 (HuffPost): the dateline is where the report was filed, not the claim
    ("WASHINGTON — The special counsel, Robert S. Mueller III, revealed on Friday the most direct link yet.",
     "The special counsel, Robert S. Mueller III, revealed on Friday the most direct link yet."),
    ("AMHERST, N.H. — Gov. Rick Perry said on Friday that he would secure the border.",
     "Gov. Rick Perry said on Friday that he would secure the border."),
    ("NEW YORK (AP) — A man was arrested on Monday after the fire.", "A man was arrested on Monday after the fire."),
    ("NATO allies met on Monday - and agreed on a plan.", "NATO allies met on Monday - and agreed on a plan."),
])
def test_a_brief_sentence_drops_its_dateline(text: str, clean: str) -> None:
    from newsprism.compare.brief import _clean

    assert _clean(text) == clean


def test_a_line_of_figures_is_no_brief_sentence() -> None:
    """ECB+ 36 (ecbp-3e9d2eec2f42): a page's time stamps are no claim; a claim with figures in it still is."""
    from newsprism.compare.brief import _good

    assert not _good("First Posted: 08 / 04 / 11 06: 44 PM ET Updated: 10 / 04 / 11 06: 12 AM ET.")
    assert _good("The victory took Klitschko's record to 52-3 with a remarkable 46 wins by knockout.")


def test_who_spoke_without_what_was_said_is_no_brief_sentence() -> None:
    """ECB+ 13 (ecbp-5fc68c06e259): '"We have no idea what caused it," the Rev. ¶ Larry Kroon … said Saturday, adding
    …' is cut after "Rev."; its second half names the speaker, not what he said. A verb of saying with its words after
    it, or one that closes the sentence after them, stays a brief sentence."""
    from newsprism.compare.brief import _good

    assert not _good("Larry Kroon of the Wasilla Bible Church said Saturday, adding that investigators were "
                     "considering arson and other possible causes.")
    assert _good("Police said Saturday that the victim was 34 years old and lived nearby.")
    assert _good("The governor said on Tuesday evening, after a long meeting with aides, that she would resign.")
    assert _good("Damage to the Wasilla Bible Church was estimated at $1 million, authorities said Saturday.")


def test_a_pronoun_after_an_opening_phrase_that_names_nobody_is_no_brief_sentence() -> None:
    """ECB+ 7 (ecbp-7-ecb): "In the sixth, he landed one punch." leans on the sentence before for who "he" is (the
    champion or the challenger); with the name in the opening phrase, or the name for subject, it stands alone."""
    from newsprism.compare.brief import _good

    assert not _good("In the sixth, he landed one punch.")
    assert not _good("On Tuesday, she told reporters that the plan was dead.")
    assert _good("In the sixth Klitschko landed a pair of left hooks to floor an off-balanced Rahman.")
    assert _good("In Thanksgiving remarks to troops, Trump declared that land strikes would start very soon.")


def test_the_first_person_outside_quotation_marks_is_no_brief_sentence() -> None:
    """ECB+ 33 and 24: "I honestly thought she was shot in the head." (a witness's words, their marks lines away) and
    "…, our correspondent says" (the outlet of itself); the first person inside quotation marks, "US" and initials
    are not it."""
    from newsprism.compare.brief import _good

    assert not _good("I honestly thought she was shot in the head.")
    assert not _good("Inevitably, the finger will again be pointed at the Pink Panther gang, our correspondent says.")
    assert not _good("I’m glad it’s over, the victim's father told reporters outside the court.")
    assert _good("Trump said: “We will win this war very soon, believe me.”")
    assert _good("The company, known as US Steel, said its profits fell.")
    assert _good("Analysts at I.M. Pei said the design would change.")


def test_a_sentence_of_a_quotation_opened_lines_before_is_the_speakers() -> None:
    """ECB+ 33 (ecbp-91444b72fd7c), one sentence a line: "“When me and my son were on the floor, I noticed Mrs. Horton
    fall down. ¶ I honestly thought she was shot in the head. ¶ There was blood.”" The middle line is inside the
    quotation; a line after a closed one is not."""
    from newsprism.compare.voice import continues

    text = ('Armstead quietly answered, "Yes. "\n"When me and my son were on the floor, I noticed Mrs. Horton fall '
            'down.\nI honestly thought she was shot in the head.\nThere was blood. "\nArmstead also testified that she '
            'heard a group of young men arguing about a gun.')
    v = _view(text)
    inside = next(s for s in v.sentences if s.text.startswith("I honestly"))
    last = next(s for s in v.sentences if s.text.startswith("There was blood"))
    after = next(s for s in v.sentences if s.text.startswith("Armstead also"))
    assert continues(v, inside) == len(inside.text) - 1
    assert continues(v, last) is not None and continues(v, after) is None
    assert voice_of(v, inside).kind == "quote"


def test_the_sentences_after_a_documents_announced_account_are_the_documents() -> None:
    """ECB+ 21 (ecbp-f5c25e491d07, speakers round 5): "The criminal complaint in this case gives details about exactly
    what happened Wednesday night." and six sentences of its telling ("Johnson and her husband were walking out of
    the store about 7 p.m."), which a brief stated as the outlet's; the account ends at a quotation."""
    from benchmarks.bench_compare import load_ecbplus

    row = load_ecbplus()["ecbp-f5c25e491d07"]
    v = _view(row["text"])
    at = next(i for i, s in enumerate(v.sentences) if s.text.startswith("The criminal complaint in this case"))
    assert voice_of(v, v.sentences[at]).kind == "outlet"
    told = [voice_of(v, s) for s in v.sentences[at + 1:at + 7]]
    assert all(x.kind == "reported" and x.source == "The criminal complaint" and not x.in_sentence for x in told)
    gallagher = next(s for s in v.sentences[at + 7:] if s.text.startswith("Michael Gallagher"))
    assert voice_of(v, gallagher).kind == "outlet"


def test_a_persons_surname_keeps_its_capital(models_loaded) -> None:  # noqa: F811
    """ECB+ 10 (ecbp-2c8175f3dac2): "Sabathia agreed to a seven-year, $161-million deal" opens with the pitcher's
    surname, which its article writes in mid-sentence only after "CC": a person of the story keeps the capital."""
    from benchmarks.bench_compare import _articles, load_ecbplus
    from newsprism.compare.brief import _body

    ecb = load_ecbplus()
    views, people = _story_views(_articles([r for r in ecb.values() if r["story"] == "ecbp-10-ecb"]))
    text = next(v.text for v in views if v.id == "ecbp-2c8175f3dac2")
    sentence = next(s.text for v in views for s in v.sentences if s.text.startswith("Sabathia agreed"))
    assert people.resolve("Sabathia")
    assert _body(sentence, text, people) == sentence


def test_a_name_nobody_tagged_keeps_its_capital_and_a_common_word_loses_it() -> None:
    """ECB+ 39 (ecbp-d5ab72dd7503): "Tennant has now been voted one of the most popular Doctors" opens on a surname
    that neither the tagger nor the rest of its article marks as a name; it is no common word of English (Brill's
    lexicon, shipped in TextBlob, lists no lower-case "tennant"), so "According to …, Tennant …" keeps it."""
    from newsprism.compare.brief import _body
    from newsprism.compare.loaded import common_words

    assert "private" in common_words() and "tennant" not in common_words()
    article = "Tennant has now been voted one of the most popular Doctors of all time."
    assert _body(article, article) == article
    assert _body("Private offers were dismissed as insufficient.", "") == "private offers were dismissed as insufficient."
    assert _body("The guy is relatively unknown.", "") == "the guy is relatively unknown."


def test_a_sentence_inside_a_quotation_in_single_marks_is_no_brief_sentence(models_loaded) -> None:  # noqa: F811
    """ECB+ 27 (ecbp-011c96cf7d0a): "'This would typically occur … ¶ Running modern versions of Internet Explorer
    ensures … attacks, ' he added": the second line goes on with a quotation opened on the line before, in single
    marks; it names its speaker after the closing mark, but it cannot be shown alone."""
    from benchmarks.bench_compare import _articles, load_ecbplus

    arts = _articles([r for r in load_ecbplus().values() if r["story"] == "ecbp-27-ecbplus"])
    views, people = _story_views(arts)
    v = next(v for v in views if v.id == "ecbp-011c96cf7d0a")
    s = next(s for s in v.sentences if s.text.startswith("Running modern versions"))
    got = voice_of(v, s, people)
    assert got.kind == "quote" and not got.in_sentence, got
    assert not any("unning modern versions" in b["sentence"] for b in compared(arts)["brief"])


def test_a_brief_sentence_cites_only_outlets_whose_sentence_links_with_it(models_loaded) -> None:  # noqa: F811
    """An outlet corroborates a brief sentence only through a sentence the alignment links with that wording
    directly (``brief.BRIEF_LINK``), not one its fact holds through a third: "Shortly after their meeting, Mr. Obama
    endorsed Mrs. Clinton in a video." (The Times) is not what HuffPost's opening on Clinton reaching the number of
    delegates states (BASIL eadabee7)."""
    stories = basil_stories()
    sid = next(s for s in stories if s.startswith("basil-eadabee7"))
    story = compared(stories[sid])
    for b in story["brief"]:
        if "endorsed Mrs. Clinton in a video" in b["sentence"]:
            assert not any("officially reaching the number" in s["quote"] for s in b["sources"]), b
    for b in story["brief"]:
        assert b["sources"] and all(s["quote"] for s in b["sources"])


@pytest.mark.parametrize("text, source", [
    # BASIL 526cabb7 (Fox): the verb of a relative clause ("children who wrote") is no one's telling of the sentence
    ("The president was joined by four children who wrote to the White House about gun violence following the "
     "Connecticut mass shooting in which 20 children were killed.", None),
    # BASIL aab91277 (HuffPost): a hedge on the verb of saying leaves the teller named; a hedge alone names nobody
    ("Kristin Davis, the former Manhattan madam, reportedly told The Washington Post’s Manuel Roig-Franzia that FBI "
     "agents also executed a search warrant at the New York City apartment she shared with Stone.", "Kristin Davis"),
    ("The president reportedly told the Democrats in a meeting that Republicans need to take action on immigration.",
     "The president"),
    ("The suspect reportedly fled the scene.", "unnamed sources"),
])
def test_who_tells_a_relayed_sentence(text: str, source: str | None) -> None:
    v = _view(text)
    got = voice_of(v, v.sentences[0])
    assert got.relayed
    assert got.source == source
    assert got.in_sentence == (source is not None)


def test_a_brief_sentence_cites_each_article_once(models_loaded) -> None:  # noqa: F811
    """ECB+ 7 (stories-dev2, Klitschko v Thompson): an article that states a fact in two sentences corroborates a brief
    sentence once, by its sentence that links closest with the wording (the brief cited three articles twice)."""
    import json

    from conftest import DATA

    rows = [r for r in map(json.loads, (DATA / "stories-dev2" / "ecbplus.jsonl").read_text().splitlines())
            if r["story"] == "ecbp-7-ecbplus"][:8]
    story = compared([Article(id=r["id"], source=r["id"], input_sha256="", text=r["text"], title=r.get("title"),
                              outlet=f"outlet {r['id']}", published=None) for r in rows])
    shared = [b for b in story["brief"] if len(b["sources"]) > 1]
    assert shared
    for b in shared:
        arts = [s["article"] for s in b["sources"]]
        assert len(arts) == len(set(arts)), b


def test_a_possessive_names_its_owner() -> None:
    """"Obama’s veto" names Obama: a corroborating sentence that writes the possessive states the name (it did not,
    and Fox's "rejected President Obama’s veto" could corroborate no sentence naming Obama)."""
    from newsprism.compare.brief import _names, _tokens

    assert "obama" in _tokens("Congress on Wednesday rejected President Obama’s veto.")
    assert _names("The House overrode Mr. Obama's veto.") == {"obama"}


def test_a_storys_main_fact_enters_the_brief_cited_to_its_outlets(models_loaded) -> None:  # noqa: F811
    """BASIL ee05c9b3: all three outlets report Cantor's defeat, each in a sentence naming something the others'
    sentences do not ("Virginia", "Hannity", "Tea Party-backed"). Held to the sentence, no wording found
    corroboration and the brief held three single-outlet details; a name the corroborating outlet's article states
    elsewhere now counts, in a brief in which no shared fact is corroborated sentence by sentence."""
    stories = basil_stories()
    arts = next(a for sid, a in stories.items() if sid.startswith("basil-ee05c9b3"))
    brief = compared(arts)["brief"]
    defeat = [b for b in brief if "Cantor" in b["sentence"] and re.search(r"\b(?:beaten|defeated|lost)\b", b["sentence"])
              and len({s["article"] for s in b["sources"]}) >= 2]
    assert defeat, [b["sentence"] for b in brief]
    assert any(len({s["article"] for s in b["sources"]}) >= 2 for b in brief)


def test_an_indefinite_describer_stands_for_no_one_named_before(models_loaded) -> None:  # noqa: F811
    """HuffPost (basil-59f2f47c): '… such an important topic," a spokesman said.' is the (unnamed) spokesman's, not the
    person last named before it (it was read as Donald Trump's): "a spokesman" introduces someone new."""
    cruz = next(v for k, v in basil_stories().items() if k.startswith("basil-59f2f47c"))
    views, people = _story_views(cruz)
    said = [voice_of(v, s, people) for v in views for s in v.sentences
            if s.text.startswith("We stand by the integrity of our coverage")]
    assert said and all(x.relayed for x in said)
    assert [x.source for x in said] == ["a spokesman"] * len(said)


@pytest.mark.parametrize("text, good", [
    # BASIL 8dac6c12 (Times): the words lie in the quotation before; the participle tells how they were said
    ("Mrs. Clinton said, aligning herself with a potential future ally (Ms. Pelosi) over a lame-duck president.", False),
    ("Larry Kroon of the Wasilla Bible Church said Saturday, adding that the fire was set.", False),
    ("Smith said, according to the transcript, that the vote was delayed until next week.", True),
    ("Mr. Obama said the bill was flawed, adding that he would veto it.", True),
])
def test_a_sentence_that_says_only_who_spoke_is_no_brief_sentence(text: str, good: bool) -> None:
    from newsprism.compare.brief import _good

    assert _good(text) is good


def test_even_so_ties_a_sentence_to_the_one_before() -> None:
    from newsprism.compare.whole import untied

    assert untied("Even so, there are signs that the policies have begun to turn off some.") == \
        "There are signs that the policies have begun to turn off some."
