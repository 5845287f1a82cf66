"""Quote alignment by in-order wording, the entity pipe and its cache, and large stories
(the embedding budget): real inputs, real models."""

from __future__ import annotations

import pytest
from compare_fixtures import models_loaded, report_for  # noqa: F401  (fixture)

from conftest import assert_evidence_verbatim
from newsprism.types import Article, Story


def _art(i: str, text: str, outlet: str) -> Article:
    return Article(id=i, source=f"/x/{i}.txt", input_sha256="", text=text, outlet=outlet, published="2024-03-01")


def _quotes(articles: list[Article]) -> list[dict]:
    from newsprism.compare.quotes import align_quotes, find_quotes
    from newsprism.compare.text import build_views, find_people

    views = build_views(articles, entities=False)
    return align_quotes([q for v in views for q in find_quotes(v, find_people(views))])


def test_one_word_changed_is_the_same_utterance() -> None:
    quotes = _quotes([
        _art("a", 'On Thursday the mayor said, "The bridge is safer, but the work will start very soon."', "A"),
        _art("b", '"The crossing is safer, and the work will start very soon," the mayor said.', "B"),
    ])
    assert len(quotes) == 1 and quotes[0]["outlets"] == ["A", "B"]
    assert len(quotes[0]["variants"]) == 2


def test_different_lines_do_not_chain_but_a_whole_passage_joins_each() -> None:
    passage = ('The ad says: "I am proud of this city and its schools. We will build the new harbour by '
               'next spring and hire a thousand teachers."')
    lines = ('"I am proud of this city and its schools," the mayor says. Later she adds: '
             '"We will build the new harbour by next spring."')
    other = '"We will build the new harbour by next spring," the mayor told voters.'
    quotes = _quotes([_art("a", passage, "A"), _art("b", lines, "B"), _art("c", other, "C")])
    shared = [q for q in quotes if len(q["outlets"]) > 1]
    # two utterances: the pride line (A's passage, B) and the harbour line (A's passage, B, C)
    assert len(shared) == 2
    harbour = next(q for q in shared if any("harbour" in v["text"] and "proud" not in v["text"]
                                            for v in q["variants"]))
    assert sorted(harbour["outlets"]) == ["A", "B", "C"]
    pride = next(q for q in shared if q is not harbour)
    assert sorted(pride["outlets"]) == ["A", "B"]
    assert not any("harbour" in v["text"] and "proud" not in v["text"] for v in pride["variants"])


def test_unrelated_quotes_on_one_topic_stay_apart() -> None:
    quotes = _quotes([
        _art("a", '"The budget will protect every school in the county," the governor said.', "A"),
        _art("b", '"This budget is a disaster for schools across the county," the senator said.', "B"),
    ])
    assert all(len(q["outlets"]) == 1 for q in quotes)


def test_a_weekday_is_not_a_speaker() -> None:
    quotes = _quotes([
        _art("a", 'Smith spoke on Thursday, adding that she would "never give up on the harbour plan."', "A"),
        _art("b", 'Jane Smith said she would "never give up on the harbour plan."', "B"),
    ])
    assert quotes and all(q["speaker"] != "Thursday" for q in quotes)


@pytest.mark.usefixtures("models_loaded")
def test_entity_pipe_is_ner_alone_and_cached() -> None:
    from newsprism.compare import models

    nlp = models.nlp()
    assert nlp.pipe_names == ["ner"]
    text = "Venezuelan President Nicolás Maduro spoke with Donald Trump in Caracas on Monday."
    models.clear_caches()
    first = models.entities([text])
    assert {(t, label) for _, _, label, t in first[0]} >= {("Donald Trump", "PERSON"), ("Caracas", "GPE")}
    assert models.entities([text, text]) == [first[0], first[0]]
    for s, e, _, t in first[0]:
        assert text[s:e] == t


@pytest.mark.usefixtures("models_loaded")
def test_large_story_over_the_embedding_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprism.compare import compare_story, facts
    from newsprism.compare.text import build_views

    filler = [f"The committee in district {k} reviewed its {k + 3} proposals for the river park this week."
              for k in range(12)]
    shared = "The state water board approved a plan to clean the Elm River by the end of next year."
    articles = []
    for i in range(4):
        body = [f"Reporter {i} filed this account of the regional planning session in town."] + filler[i * 3:i * 3 + 3]
        articles.append(_art(f"a{i}", " ".join(body + [shared]), f"Outlet {i}"))
    monkeypatch.setattr(facts, "EMBED_BUDGET", 8)
    monkeypatch.setattr(facts, "EMBED_MIN", 2)
    units = facts.unit_spans(build_views(articles, entities=False))
    chosen = facts.embedded(units)
    assert len(units) > 8 and len(chosen) < len(units)
    assert all(shared not in u.text for u in chosen)        # the shared sentence lies past every lead
    story = compare_story(Story(id="big", title="t"), articles)
    assert_evidence_verbatim(report_for(story, articles))
    water = [f for f in story.facts if "water board" in f["text"]]
    assert water and len(water[0]["outlets"]) == 4            # verbatim copies still align by their words
