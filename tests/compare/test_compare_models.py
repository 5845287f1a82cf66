"""The models' shared work: the encoder and the entity tagger run together, the tagger reads
leads of a large story and the names it finds are carried to the rest; the score matrix."""

from __future__ import annotations

import numpy as np
import pytest
from compare_fixtures import models_loaded  # noqa: F401  (fixture)

from newsprism.types import Article


def _art(i: str, text: str, outlet: str) -> Article:
    return Article(id=i, source=f"/x/{i}.txt", input_sha256="", text=text, outlet=outlet, published="2024-03-01")


def test_hashed_vectors_match_one_by_one() -> None:
    from newsprism.compare import models

    texts = ["The mayor opened the bridge.", "", "Bridge, bridge, BRIDGE and the mayor", "ÉLAN vital 42"]
    batch = models.hashed(texts)
    assert batch.shape == (4, models.DIM)
    for t, row in zip(texts, batch):
        assert np.allclose(row, models._hashed(t))


@pytest.mark.usefixtures("models_loaded")
def test_analyse_encodes_and_tags_at_once() -> None:
    from newsprism.compare import models

    models.clear_caches()
    sents = [f"The council approved plan number {k} for the harbour on Tuesday." for k in range(40)]
    texts = ["Venezuelan President Nicolás Maduro spoke with Donald Trump in Caracas on Monday.",
             "Angela Merkel met Emmanuel Macron in Berlin."]
    ents = models.analyse(sents, texts)
    assert {t for _, _, label, t in ents[0] if label == "PERSON"} >= {"Donald Trump"}
    assert ents == models.entities(texts)              # cached: the same spans on a second call
    vecs = models.embed(sents)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    again = models.embed(sents[:3])
    assert np.array_equal(again, vecs[:3])
    # the same text encoded alone lands close to its vector from the batch (int8 activations vary a little)
    models.clear_caches()
    alone = models.embed([sents[0]])
    assert float(alone[0] @ vecs[0]) > 0.97


@pytest.mark.usefixtures("models_loaded")
def test_large_story_tags_leads_and_carries_names(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprism.compare import text as text_mod
    from newsprism.compare.text import build_views, find_people

    filler = " ".join(f"The committee met for session {k} and reviewed the budget lines again." for k in range(12))
    a = _art("a", "Governor Maria Delgado signed the water bill in Sacramento on Monday. " + filler +
             " Delgado said the state would pay for the pipes.", "A")
    b = _art("b", "Lawmakers passed a water bill this week. " + filler + " Maria Delgado praised them.", "B")
    monkeypatch.setattr(text_mod, "NER_BUDGET", 300)
    monkeypatch.setattr(text_mod, "NER_MIN_LEAD", 120)
    views = build_views([a, b])
    leads = text_mod.ner_leads(views)
    assert all(len(lead) < len(v.text) and v.text.startswith(lead) for v, lead in zip(views, leads))
    for v in views:
        for s, e, _, t in v.ents:
            assert v.text[s:e] == t                       # every span verbatim
        assert v.ents == sorted(v.ents)
    tail_b = [t for s, _, label, t in views[1].ents if s >= len(leads[1]) and label == "PERSON"]
    assert "Maria Delgado" in tail_b                      # found in A's lead, carried to B's tail
    tail_a = [t for s, _, label, t in views[0].ents if s >= len(leads[0]) and label == "PERSON"]
    assert "Delgado" in tail_a                             # the surname alone too
    people = find_people(views)
    assert {v.label for v, *_ in people.mentions["Maria Delgado"]} == {"A", "B"}


def test_score_matrix_blocks_same_article_pairs() -> None:
    from newsprism.compare import facts
    from newsprism.compare.text import People, build_views

    arts = [_art("a", "The bridge over the river opened on Monday after four years of work. "
                      "Officials said 300 workers built it.", "A"),
            _art("b", "After four years of work the river bridge opened Monday. It cost 40 million dollars.", "B")]
    views = build_views(arts, entities=False)
    units = facts.build_units(views, People())
    score, cos = facts.score_matrix(units)
    assert score.shape == (len(units), len(units)) and score.dtype == np.float32
    for i, u in enumerate(units):
        for j, w in enumerate(units):
            if u.view is w.view:
                assert score[i, j] == -1.0 and cos[i, j] == -1.0
    assert np.allclose(score, score.T, atol=1e-6)
    i = next(k for k, u in enumerate(units) if "bridge over the river" in u.text)
    j = int(np.argmax(score[i]))
    assert "river bridge opened" in units[j].text


def test_mostly_quoted_clauses_are_compared_by_their_words() -> None:
    from newsprism.compare import facts
    from newsprism.compare.text import build_views

    views = build_views([_art("a", 'The council approved the harbour plan after a long debate on Monday night. '
                                   '"We will build it by next spring and it will serve everyone," the mayor said.', "A")],
                        entities=False)
    units = facts.unit_spans(views)
    chosen = facts.embedded(units)
    assert any("council approved" in u.text for u in chosen)
    assert not any("next spring" in u.text for u in chosen)
    assert len(chosen) < len(units)


@pytest.mark.usefixtures("models_loaded")
def test_a_lone_article_is_compared_without_the_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    """A story of one article has no clause pair to align: its comparison never runs the encoder,
    and is the one it was when it did (every pair of one article's clauses scores -1)."""
    from conftest import SEEDS

    from newsprism.compare import models
    from newsprism.compare.story import compare_story
    from newsprism.types import Story

    text = sorted(SEEDS.glob("*.txt"))[1].read_text(encoding="utf-8")
    lone = _art("a", text, "Seed Outlet")
    pair = [lone, _art("b", "The bridge over the river opened on Monday after four years of work.", "B")]

    def refuse(*a: object, **kw: object) -> np.ndarray:
        raise AssertionError("encoder asked to run")

    models.clear_caches()
    with monkeypatch.context() as m:
        m.setattr(models, "_forward", refuse)
        m.setattr(models, "embed", refuse)
        story = compare_story(Story(id="s1", title="Lone", articles=["a"]), [lone])
    assert story.facts and story.brief and story.timeline
    assert all(f["outlets"] == ["Seed Outlet"] for f in story.facts)
    # the shortcut changes nothing: computed in full, every score of one article's clauses is -1
    from newsprism.compare import facts as facts_mod
    from newsprism.compare.text import People, build_views

    units = facts_mod.build_units(build_views([lone], entities=False), People())
    score, cos = facts_mod._scores(units)
    assert len(units) > 10 and (score == -1).all() and (cos == -1).all()
    # two articles: the encoder runs
    with monkeypatch.context() as m:
        m.setattr(models, "_forward", refuse)
        models.clear_caches()
        with pytest.raises(AssertionError, match="encoder asked to run"):
            compare_story(Story(id="s2", title="Pair", articles=["a", "b"]), pair)



@pytest.mark.usefixtures("models_loaded")
def test_a_storys_facts_do_not_depend_on_the_stories_read_with_it() -> None:
    """Compare's encoder (ONNX Runtime's, each text run alone) gives a sentence one vector whatever else is
    encoded with it: a story compared alone and one read together with another story (as a resumed run and a
    fresh run batch them differently) get the same facts, evidence and scores."""
    import json

    from compare_fixtures import basil_stories

    from newsprism.compare import models
    from newsprism.compare.story import finish, prepare, read_together
    from newsprism.types import Story

    assert models.encoder_name(models.embedder()) == "onnx"
    stories = basil_stories()
    keys = sorted(stories)[:2]
    models.clear_caches()
    p = prepare(Story(id="a", title="a"), stories[keys[0]])
    alone = finish(p, models.analyse(p.embed_texts, p.leads))
    models.clear_caches()
    both = [prepare(Story(id=k, title=k), stories[k]) for k in (keys[1], keys[0])]
    found = read_together(both)
    together = finish(both[1], found[1])
    assert alone.facts and any(len(f["outlets"]) > 1 for f in alone.facts)
    assert json.dumps(alone.facts, sort_keys=True) == json.dumps(together.facts, sort_keys=True)
