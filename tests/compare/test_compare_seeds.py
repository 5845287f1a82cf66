"""The comparison on the seeds: shared facts, single-source facts, quotes, numbers, conflicts, timeline, brief."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import assert_evidence_verbatim


def _story(report: dict) -> dict:
    assert len(report["stories"]) == 1
    return report["stories"][0]


def _prefix(report: dict) -> dict[str, str]:
    return {a["id"]: Path(a["source"]).name[:3] for a in report["articles"]}


def test_evidence_is_verbatim(seeds_report: dict) -> None:
    assert_evidence_verbatim(seeds_report)
    texts = {a["id"]: " ".join(a["text"].split()) for a in seeds_report["articles"]}
    story = _story(seeds_report)
    for q in story["quotes"]:
        for v in q["variants"]:
            assert v["text"] in " ".join(texts[e["article"]] for e in v["evidence"])
    for e in story["citations"]["edges"]:
        for ev in e["evidence"]:
            assert " ".join(ev["quote"].split()) in texts[ev["article"]]


def test_duplicates_speak_through_their_canonical_copy(seeds_report: dict) -> None:
    story = _story(seeds_report)
    dup = {a["id"] for a in seeds_report["articles"] if a["duplicate_of"]}
    for f in story["facts"]:
        assert not {e["article"] for e in f["evidence"]} & dup
        assert len(f["outlets"]) == len(set(f["outlets"]))
    # an article without an outlet gets a stable label; its duplicate's outlet when it has one
    labels = {o for f in story["facts"] for o in f["outlets"]}
    assert "Al Mayadeen English" in labels and "CubaHeadlines" in labels
    assert "003_59872d32108e4990.txt" in labels       # a short label from the file name, as in every view


def _facts_mentioning(story: dict, *needles: str) -> list[dict]:
    return [f for f in story["facts"]
            if all(any(n.lower() in e["quote"].lower() for e in f["evidence"]) for n in needles)]


def test_shared_facts(seeds_report: dict) -> None:
    story = _story(seeds_report)
    by = _prefix(seeds_report)
    # the phone call, reported by every outlet
    call = [f for f in story["facts"] if len(f["outlets"]) >= 4
            and all("last week" in e["quote"] for e in f["evidence"])]
    assert call and call[0]["consensus"] and call[0]["left_out_by"] == []
    # Rubio on the call: three outlets, CubaHeadlines left it out
    rubio = [f for f in _facts_mentioning(story, "Rubio") if len(f["outlets"]) >= 3]
    assert rubio and rubio[0]["left_out_by"] == ["CubaHeadlines"]
    assert {by[e["article"]] for e in rubio[0]["evidence"]} == {"001", "003", "004"}
    # the possible meeting, several outlets
    assert any(len(f["outlets"]) >= 3 for f in _facts_mentioning(story, "meeting"))


def test_no_fact_listed_twice(seeds_report: dict) -> None:
    """A sentence stating two facts (Al Mayadeen: a meeting in the US, "though no plans have been finalized")
    that other outlets state apart is one fact with all their sentences, not two facts showing the same text;
    the outlets that say "no date has been set" are in it."""
    story = _story(seeds_report)
    texts = [f["text"] for f in story["facts"]]
    assert len(texts) == len(set(texts))
    by = _prefix(seeds_report)
    unset = [f for f in story["facts"] if any("finalized" in e["quote"] for e in f["evidence"])
             and any("no official date" in e["quote"] for e in f["evidence"])]
    assert unset and {"001", "002", "003"} <= {by[e["article"]] for e in unset[0]["evidence"]}


def test_single_source_facts(seeds_report: dict) -> None:
    story = _story(seeds_report)
    by = _prefix(seeds_report)
    for needle in ("83 people", "300 billion"):
        facts = _facts_mentioning(story, needle)
        assert facts, needle
        assert all(f["single_source"] and len(f["outlets"]) == 1 and not f["consensus"] for f in facts)
        assert {by[f["evidence"][0]["article"]] for f in facts} == {"003"}
        assert len(facts[0]["left_out_by"]) == 3
    # facts are whole sentences: 003's sentence with the 15,000 troops also says the carrier group conducts
    # Operation Southern Spear, which CubaHeadlines describes; the figure itself is 003's alone
    facts = _facts_mentioning(story, "15,000")
    assert facts
    assert {by[e["article"]] for f in facts for e in f["evidence"] if "15,000" in e["quote"]} == {"003"}
    assert any(by[f["evidence"][0]["article"]] == "002" for f in _facts_mentioning(story, "Colombia"))


def test_evidence_states_the_fact(seeds_report: dict) -> None:
    """Each outlet's evidence states the fact itself: "no official comment" is 001's and 004's, not
    CubaHeadlines', whose sentence near it (what White House officials told the newspaper) is about
    military and diplomatic approaches."""
    story = _story(seeds_report)
    by = _prefix(seeds_report)
    silent = _facts_mentioning(story, "Neither the White House")
    assert silent
    for f in silent:
        assert {by[e["article"]] for e in f["evidence"]} == {"001", "004"}
        assert "CubaHeadlines" in f["left_out_by"]
        assert not any("mutually exclusive" in e["quote"] for e in f["evidence"])
    # the officials' sentence stays a fact of its own, cited to its outlet
    views = _facts_mentioning(story, "mutually exclusive")
    assert views and all(by[e["article"]] == "002" for f in views for e in f["evidence"])


def test_quotes_aligned_with_attribution(seeds_report: dict) -> None:
    story = _story(seeds_report)
    land = [q for q in story["quotes"] if any("easier" in v["text"] for v in q["variants"])]
    assert len(land) == 1
    q = land[0]
    assert q["speaker"] == "Donald Trump"
    texts = [v["text"] for v in q["variants"]]
    assert any("land is easier" in t for t in texts) and any("terrain is easier" in t for t in texts)
    assert len(q["outlets"]) == 4
    verbs = {a["verb"] for v in q["variants"] for a in v["attribution"]}
    assert {"stated", "declared"} <= verbs
    # 003 quotes the same words again in part ("land strikes inside Venezuela will “start very soon.”"): that
    # fragment is this utterance once more, never a quote of its own
    assert "start very soon" in texts
    assert not [x for x in story["quotes"] if x is not q and any("very soon" in v["text"] for v in x["variants"])]
    maduro = [q for q in story["quotes"] if q["speaker"] == "Nicolás Maduro"]
    assert any("full might" in v["text"] for q in maduro for v in q["variants"])


def test_partial_quotes_of_one_outlet_with_their_speaker_and_verb(seeds_report: dict) -> None:
    """Short quotations one outlet carries are listed when a verb of saying puts them in a person's
    mouth: 003's "The president has repeatedly stated he “might talk to” Maduro" is Trump's (the
    article names Maduro "Venezuelan President" too: "the president" is the one named last before);
    002's "accusing Washington of “preparing an invasion” and asserting that Venezuela “will not yield
    to threats.”" are Maduro's, each with its own verb."""
    story = _story(seeds_report)
    by_text = {v["text"]: (q["speaker"], {a["verb"] for a in v["attribution"]})
               for q in story["quotes"] for v in q["variants"]}
    assert by_text["might talk to"] == ("Donald Trump", {"stated"})
    assert by_text["preparing an invasion"] == ("Nicolás Maduro", {"accusing"})
    assert by_text["will not yield to threats"] == ("Nicolás Maduro", {"asserting"})
    # names in quotation marks stay out ("Cartel of the Suns", "Southern Spear")
    assert not [t for t in by_text if "Cartel" in t or "Southern Spear" in t]


def test_numbers_normalised(seeds_report: dict) -> None:
    story = _story(seeds_report)
    got = {(n["normalized"], n["unit"]) for n in story["numbers"]}
    assert {(15000, "troops"), (300_000_000_000, "barrels"), (70, "%"), (83, "people"), (21, "strikes")} <= got
    people = next(n for n in story["numbers"] if n["unit"] == "people")
    assert people["qualifier"] == "at least"
    # what a figure counts is its noun phrase: "15,000 U.S. troops positioned across the region" counts troops,
    # "70% opposition among Americans" opposition
    about = {n["unit"]: n["about"] for n in story["numbers"]}
    assert about["troops"] == "troops" and about["%"] == "% opposition"


def test_conflicts(seeds_report: dict) -> None:
    story = _story(seeds_report)
    kinds = {c["kind"] for c in story["conflicts"]}
    assert "title" in kinds
    title = next(c for c in story["conflicts"] if c["kind"] == "title")
    values = {v["value"] for v in title["variants"]}
    assert "former president" in values and "president" in values
    # Trump's "The land is easier" line "during remarks at Mar-a-Lago", "In Thanksgiving remarks to troops",
    # "during a press interaction": one event told from different sides, not a contradiction (issue 18)
    assert not [c for c in story["conflicts"] if c["kind"] == "claim" and c["about"].startswith("where/when")]
    # "over the past year" holds "since early September": a difference of precision, no contradiction
    date = [c for c in story["conflicts"] if c["kind"] == "date"]
    assert not any("September" in v["value"] for c in date for v in c["variants"])


def test_timeline_resolves_relative_dates(seeds_report: dict) -> None:
    story = _story(seeds_report)
    dates = {e["date"] for e in story["timeline"]}
    assert "2025-11-17/2025-11-23" in dates           # "last week", published Friday 2025-11-28
    assert "2025-11-27" in dates                      # "on Thursday"
    assert "2025-11-24" in dates                      # "November 24"
    assert story["timeline"] == sorted(story["timeline"], key=lambda e: e["date"])


def test_shared_timeline_entry_reads_as_its_fact(seeds_report: dict) -> None:
    """A timeline entry several outlets share is worded as their fact is in the facts section, not as the
    first outlet's sentence: CubaHeadlines' "former President Donald Trump" is disputed by the title conflict,
    so it must not be shown as what all four sources say."""
    story = _story(seeds_report)
    facts = {f["id"]: f for f in story["facts"]}
    shared = [e for e in story["timeline"] if e.get("fact") in facts and len(e["outlets"]) > 1]
    assert shared
    for e in shared:
        if any(facts[e["fact"]]["text"] in ev["quote"] for ev in e["evidence"]):
            assert facts[e["fact"]]["text"] in e["text"]
    call = [e for e in shared if len(e["outlets"]) == 4]
    assert call and not any("former President" in e["text"] for e in call)


def test_naming_and_loaded_terms(seeds_report: dict) -> None:
    story = _story(seeds_report)
    maduro = next(n for n in story["naming"] if n["entity"] == "Nicolás Maduro")
    forms = [f for fs in maduro["by_outlet"].values() for f in fs]
    assert any("regime" in f for f in forms) and any("authoritarian" in f for f in forms)
    assert len(maduro["by_outlet"]) == 4
    # loaded terms: words with their offsets; the labels the seeds quote ("narco-terrorism" in Trump's words,
    # the rights groups' "extrajudicial executions") are never the outlet's own
    texts = {a["id"]: a for a in seeds_report["articles"]}
    terms = story["loaded_terms"]
    assert terms and "quoted" in {t["voice"] for t in terms}
    for t in terms:
        field = texts[t["article"]]["title" if t["field"] == "title" else "text"]
        assert field[t["start"]:t["end"]] == t["term"] and len(t["term"].split()) <= 4
        assert 0 < t["score"] <= 1
    own = " ".join(t["term"].lower() for t in terms if t["voice"] == "own")
    assert "narco" not in own and "extrajudicial" not in own
    assert {"regime", "authoritarian"} <= {t["term"].lower() for t in terms if t["voice"] == "own"}
    assert any("extrajudicial executions" in t["term"] and t["attributed_by"] == "quoted label" for t in terms)


#: words of the seeds that tell what happened, in the outlets' own sentences: "terrorism designations", "a
#: foreign terrorist organization", "killing at least 83 people", "rejected as fraudulent", "vehemently rejects",
#: "consistently denied", "fearing prosecution". A reader signs none of them as an outlet's loaded choice.
EVENT_WORDS = ("terrorism", "terrorist", "killing", "rejected", "rejects", "consistently", "fearing", "prosecution")
#: what a careful reader does flag in seeds 003 and 004, in the outlet's own voice: "the Venezuelan
#: authoritarian", "Maduro's regime", "a tactical ploy", "military posturing", "a purported foreign terrorist
#: organization", "vehemently rejects", "have decried", "amplified the rhetoric"
EVALUATIVE = ("authoritarian", "regime", "ploy", "posturing", "purported", "vehemently", "decried", "rhetoric")


def _own_words(report: dict) -> set[str]:
    return {w.lower() for t in _story(report)["loaded_terms"] if t["voice"] == "own"
            for w in re.findall(r"[\w-]+", t["term"])}


def test_own_voice_loaded_terms_are_no_event_words(seeds_report: dict) -> None:
    """The own-voice loaded terms shown to a reader leave out the words that name the event."""
    seen = " ".join(f"{a.get('title') or ''} {a['text']}" for a in seeds_report["articles"]).lower()
    assert all(re.search(rf"\b{w}\b", seen) for w in EVENT_WORDS + EVALUATIVE)
    assert not _own_words(seeds_report) & set(EVENT_WORDS)


def test_own_voice_loaded_terms_include_evaluative_words(seeds_report: dict) -> None:
    """A careful reader's own-voice flags on the seeds: at least three of ``EVALUATIVE`` (the hand-written cues
    list all eight; "vehemently", "decried" and "rhetoric" are among the forms loaded-dev refutes: its annotators
    left every occurrence they read unmarked)."""
    assert len(_own_words(seeds_report) & set(EVALUATIVE)) >= 3


def test_brief_is_supported(seeds_report: dict) -> None:
    from newsprism.compare.brief import supported

    story = _story(seeds_report)
    texts = {a["id"]: a["text"] for a in seeds_report["articles"]}
    assert len(story["brief"]) >= 3
    assert story["brief"][0]["kind"] in ("consensus", "shared")
    for s in story["brief"]:
        prefix = s["sentence"].split(", ", 1)[0] + ", " if s["sentence"].startswith("According to") else ""
        assert supported(s["sentence"], s["sources"][:1], texts, prefix), s
    kinds = [s["kind"] for s in story["brief"]]
    assert kinds == sorted(kinds, key=lambda k: k == "attributed")   # consensus first, then attributed


def test_citations_graph(seeds_report: dict) -> None:
    story = _story(seeds_report)
    edges = story["citations"]["edges"]
    nyt = [e for e in edges if "new york times" in e["to"].lower()]
    assert len({e["from"] for e in nyt}) >= 3
    assert any(e["to"] == "Reuters" and e["kind"] == "agency" for e in edges)


def test_markdown_and_html_files(tmp_path: Path) -> None:
    from conftest import SEEDS, run_cli

    md, html = tmp_path / "r.md", tmp_path / "r.html"
    proc = run_cli("analyze", str(SEEDS), "--db", str(tmp_path / "s.db"), "--markdown", str(md), "--html", str(html))
    assert proc.returncode == 0, proc.stderr
    text = md.read_text()
    assert "### Facts" in text and "### Quotes" in text and "### Brief" in text and "terrain is easier" in text
    page = html.read_text()
    assert page.startswith("<!doctype html>") and "-conflicts\">Where they differ</h3>" in page and "<script" not in page


def _facts_citing(story: dict, needle: str) -> list[dict]:
    return [f for f in story["facts"] if any(needle in e["quote"] for e in f["evidence"])]


def test_carrier_fact_does_not_cite_the_cia_sentence(seeds_report: dict) -> None:
    """Each outlet's evidence states the fact itself: the US's carrier group, bombers and plans (001) are
    not Reuters' report on the CIA (CubaHeadlines), a sentence of the same topic with other actors."""
    story = _story(seeds_report)
    carrier = _facts_citing(story, "aircraft carrier strike group near Venezuela")
    assert carrier
    assert not any("CIA has ramped up" in e["quote"] for f in carrier for e in f["evidence"])
    for f in carrier:
        assert f["text"] in " ".join(e["quote"] for e in f["evidence"])


def test_venezuela_rejecting_is_not_the_us_rejecting(seeds_report: dict) -> None:
    """One verb, two actors: Venezuela rejecting the cartel allegations (004) is not the US government
    rejecting the 2024 election (001)."""
    story = _story(seeds_report)
    rejects = _facts_citing(story, "vehemently rejects the cartel allegations")
    assert rejects
    assert not any("2024 Venezuelan election" in e["quote"] for f in rejects for e in f["evidence"])
    elections = _facts_citing(story, "2024 Venezuelan election")
    assert elections and not any("cartel allegations" in e["quote"] for f in elections for e in f["evidence"])


def test_fact_text_carries_no_setting_of_one_outlet(seeds_report: dict) -> None:
    """Trump's "The land is easier" line: three outlets place it three ways (remarks to troops, Mar-a-Lago,
    a press interaction). The fact's text states what they share, not the setting only one states."""
    from newsprism.compare.whole import fragment_reason

    story = _story(seeds_report)
    land = [f for f in _facts_citing(story, "The land is easier") if len(f["outlets"]) >= 2]
    assert land
    for f in land:
        assert "Thanksgiving" not in f["text"] and "Mar-a-Lago" not in f["text"]
        assert "The land is easier" in f["text"]
        assert fragment_reason(f["text"]) is None
        assert any(f["text"] in e["quote"] for e in f["evidence"])


def test_fact_texts_lie_in_their_evidence(seeds_report: dict) -> None:
    """A fact's text is one of its sentences, or that sentence less an opening setting or an opening word that
    ties it to the sentence before ("However, …"): always within one of its evidence quotes (its first letter
    capitalised) and a whole claim."""
    from newsprism.compare.whole import fragment_reason

    untied = 0
    for f in _story(seeds_report)["facts"]:
        assert any(f["text"] in e["quote"] or f["text"][1:] in e["quote"] and f["text"][0].lower() in e["quote"].lower()
                   for e in f["evidence"]), f["text"]
        assert fragment_reason(f["text"]) is None, f["text"]
        assert not re.match(r"(?:However|Meanwhile|Additionally)\b", f["text"]), f["text"]
        untied += any(re.match(r"(?:However|Meanwhile|Additionally), ", e["quote"]) and
                      e["quote"].split(", ", 1)[1].lower().startswith(f["text"].lower()) for e in f["evidence"])
    assert untied >= 4      # the seeds' "However, …", "Meanwhile, …", "Additionally, …" facts


def test_brief_names_no_file_as_a_publisher(seeds_report: dict) -> None:
    """003 and 004 name no outlet: the brief says whose article it is without reading a file name as a
    publisher ("According to 003_….txt, …" misleads; "According to the article in 003_….txt, …")."""
    story = _story(seeds_report)
    outlet = {a["id"]: a.get("outlet") for a in seeds_report["articles"]}
    attributed = [b for b in story["brief"] if b["sentence"].startswith("According to ")]
    unnamed = [b for b in attributed if not outlet[b["sources"][0]["article"]]]
    assert unnamed, "the seeds' brief relays a claim of an article whose outlet is unknown"
    for b in attributed:
        who = b["sentence"].split(", ", 1)[0][len("According to "):]
        if b in unnamed:
            assert who.startswith("the article in ") and who.endswith(".txt"), b["sentence"]
        else:
            assert who == outlet[b["sources"][0]["article"]], b["sentence"]


def test_loaded_words_in_a_quotation_name_who_said_them(seeds_report: dict) -> None:
    """Seed 002: "preparing an invasion" is Maduro's accusation ("accusing Washington of “…”"), a short quotation
    with its speaker, not the outlet's scare quote; "double tap", which nobody in the sentence says, stays one."""
    terms = {t["term"].strip('"“”.'): t for t in _story(seeds_report)["loaded_terms"] if t["voice"] == "quoted"}
    invasion = terms["preparing an invasion"]
    assert invasion["speaker"] == "Nicolás Maduro" and invasion["category"] == "short quotation"
    assert invasion["attributed_by"] == "quotation marks"
    assert terms["double tap"]["category"] == "scare quotes" and terms["double tap"]["speaker"] is None


def test_anonymous_sources_described_whole(seeds_report: dict) -> None:
    """An anonymous source is named as the outlet describes it, whole and without the verb after it: "two
    individuals close to the Maduro government" (not "… close to the Maduro"), "Sources familiar with the call"
    (not "… the call confirmed")."""
    story = _story(seeds_report)
    anon = {e["to"].removeprefix("anonymous: ") for e in story["citations"]["edges"] if e["kind"] == "anonymous"}
    assert "two individuals close to the Maduro government" in anon, anon
    assert "Sources familiar with the call" in anon, anon
    assert not any(a.split()[-1] in ("confirmed", "told", "said", "the") for a in anon), anon


def test_words_of_an_unnamed_official_are_anonymous_sourcing(seeds_report: dict) -> None:
    """003's "a senior official telling Fox News the “table is being set”": the official is the anonymous sourcing
    the article describes, one edge with its attribution and its quotation, not a second node "unnamed"."""
    story = _story(seeds_report)
    edges = story["citations"]["edges"]
    assert not [e for e in edges if e["to"] == "unnamed"], edges
    official = [e for e in edges if e["to"] == "anonymous: a senior official"]
    assert len(official) == 1 and {"attributes to", "quotes (telling)"} <= set(official[0]["verbs"]), official
