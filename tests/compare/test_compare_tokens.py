"""Word-by-word alignment of the facts (``facts.token_f``): the encoder's token vectors, kept from the run that gives
the sentence vectors, and the pair scores they change on real BASIL stories."""

from __future__ import annotations

import numpy as np
import pytest
from compare_fixtures import basil_stories, models_loaded  # noqa: F401  (fixture)

from newsprism.compare import facts as F
from newsprism.compare import models
from newsprism.compare import story as S
from newsprism.compare.text import STOP, fold
from newsprism.types import Story

SENTENCES = ["Rep. Bob Etheridge apologized on Monday for grabbing a student on a Washington sidewalk.",
             "Ünïcödé “quotes” façade, and the U.S. House voted 396-9 on Wednesday."]


@pytest.mark.usefixtures("models_loaded")
def test_token_vectors_are_the_texts_word_pieces() -> None:
    models.clear_caches()
    toks = models.token_vectors(SENTENCES)
    for text, t in zip(SENTENCES, toks):
        assert t is not None and t.vectors.dtype == np.float16
        assert len(t.pieces) == len(t.offsets) == len(t.vectors) > 5
        assert np.allclose(np.linalg.norm(t.vectors.astype(np.float32), axis=1), 1.0, atol=2e-3)
        assert "[CLS]" not in t.pieces and "[SEP]" not in t.pieces
        assert all(p.lstrip("#").isalnum() for p in t.pieces) and not {p.lower() for p in t.pieces} & STOP
        assert {"ether", "##idge", "apologized", "grabbing"} <= set(t.pieces) or {"voted", "wednesday", "39"} <= set(t.pieces)
        for piece, (a, b) in zip(t.pieces, t.offsets.tolist()):
            if piece != "[UNK]":      # the tokenizer folds accents and case: compare the folded forms
                assert fold(text[a:b]) == fold(piece.removeprefix("##")), (piece, text[a:b])
    # read once, then from the cache: the same arrays
    assert models.token_vectors(SENTENCES[:1])[0] is toks[0]
    # the sentence vectors came from the same run
    assert all(t in models._cache_of(models.embedder()) for t in SENTENCES)


def test_no_encoder_no_token_alignment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "embedder", lambda backend=None: False)
    assert models.token_vectors(SENTENCES) == [None, None]
    from newsprism.compare.text import build_views
    from newsprism.types import Article

    arts = [Article(id=k, source=f"/x/{k}.txt", input_sha256="", text=t, outlet=k, published="2024-03-01")
            for k, t in (("a", SENTENCES[0]), ("b", SENTENCES[0].replace("Monday", "Tuesday")))]
    units = F.unit_spans(build_views(arts, entities=False))
    pairs = np.array([[0, 1]])
    assert F.token_f(units, pairs) is None
    score, _ = F.score_matrix(units)          # the stage's score alone: hashed bags of words, no token vectors
    assert score[0, 1] > 0.3


def _scores(prefix: str, monkeypatch: pytest.MonkeyPatch, tokens: bool) -> tuple[list, np.ndarray]:
    arts = next(a for sid, a in basil_stories().items() if sid.startswith(prefix))
    seen: dict = {}
    original = S.build_facts

    def spy(views, units, score, cos, *a, **k):
        seen.update(units=units, score=score.copy())
        return original(views, units, score, cos, *a, **k)

    with monkeypatch.context() as m:
        m.setattr(S, "build_facts", spy)
        if not tokens:
            m.setattr(F, "_by_tokens", lambda units, score: None)
        models.clear_caches()
        S.compare_story(Story(id=prefix, title=""), arts)
    return seen["units"], seen["score"]


def _pair(units: list, score: np.ndarray, a: str, b: str) -> float:
    i = next(u.index for u in units if u.parent is None and a in u.text)
    j = next(u.index for u in units if u.parent is None and b in u.text)
    return float(score[i, j])


def _facts(prefix: str, monkeypatch: pytest.MonkeyPatch, tokens: bool) -> list[dict]:
    arts = next(a for sid, a in basil_stories().items() if sid.startswith(prefix))
    with monkeypatch.context() as m:
        if not tokens:
            m.setattr(F, "_by_tokens", lambda units, score: None)
        models.clear_caches()
        return S.compare_story(Story(id=prefix, title=""), arts).facts


def _together(facts: list[dict], a: str, b: str) -> bool:
    return any(any(a in e["quote"] for e in f["evidence"]) and any(b in e["quote"] for e in f["evidence"])
               for f in facts)


@pytest.mark.usefixtures("models_loaded")
def test_a_paraphrase_with_few_shared_words_is_now_one_fact(monkeypatch: pytest.MonkeyPatch) -> None:
    # Weiner's account: "hired an Internet security company and a lawyer to look into the matter" (NYT) /
    # "has hired a private security company to investigate how his account has been hacked" (Fox): one gold fact
    a, b = "he had hired an Internet security company", "he has hired a private security company"
    assert not _together(_facts("basil-c21cb217", monkeypatch, tokens=False), a, b)
    assert _together(_facts("basil-c21cb217", monkeypatch, tokens=True), a, b)


@pytest.mark.usefixtures("models_loaded")
def test_two_sentences_of_one_scene_but_not_one_claim_now_stay_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    # where Steele spoke vs what McCain said of him: names shared, no claim shared (no gold fact holds both)
    a, b = "When Mr. Steele made the remarks, he was speaking", "The Arizona Republican said Steele needs to assess"
    units, before = _scores("basil-2b95d2cf", monkeypatch, tokens=False)
    _, after = _scores("basil-2b95d2cf", monkeypatch, tokens=True)
    assert _pair(units, before, a, b) >= F.LINK > _pair(units, after, a, b)
    # the rescoring reads pairs of two articles only, and keeps the matrix symmetric
    assert np.array_equal(after, after.T)
    art = np.array([id(u.view) for u in units])
    same = art[:, None] == art[None, :]
    assert np.array_equal(after[same], before[same])
