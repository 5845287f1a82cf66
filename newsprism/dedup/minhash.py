"""Near-duplicate fingerprints: MinHash over word 5-gram shingles (datasketch).

Candidates come from MinHash LSH; each candidate pair is then verified on the
exact shingle sets, so the LSH only has to find, never to decide.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 5
# LSH recall threshold on estimated Jaccard: low, because a lead-only excerpt
# (a quarter of its original) has Jaccard ≈ 0.25 with it; verification decides.
LSH_THRESHOLD = 0.2
# Verification: share of the smaller copy's shingles found in the larger one.
# Copies (trimmed, boilerplate added, two sentences changed, dump of a clean
# page) score ≥ 0.8 on dupes-dev; different outlets on one story score < 0.1.
CONTAINMENT = 0.6
# Too few shingles to say anything reliable about copying.
MIN_SHINGLES = 8

_WORD = re.compile(r"\w+")


def shingle_set(text: str, n: int = SHINGLE) -> set[str]:
    toks = _WORD.findall(text.lower())
    return {" ".join(toks[i : i + n]) for i in range(max(0, len(toks) - n + 1))}


def minhash(shingles: set[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


def to_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(blob: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(blob, dtype=np.uint64))


def containment(a: set[str], b: set[str]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) if small else 0.0


def new_index() -> MinHashLSH:
    return MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
