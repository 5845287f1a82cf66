"""Online story assignment over TF-IDF term vectors.

Each article, in publication order, is compared with the open stories of its
time window; it joins the most similar one above ``JOIN_THRESHOLD`` or opens a
story. A second story also above ``MERGE_THRESHOLD`` is merged into the first
(the merge is recorded). Document frequencies grow with the corpus, so IDF
needs no fitting pass; the title counts twice, as an editor reads it first.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsprism.dates import day_of

# Calibrated as a pair on ../shared/data/stories-dev by a grid over
# join ∈ {0.08 … 0.26} × merge ∈ {0.15 … 0.4, off} (benchmarks/bench_stories.py
# measures the result): B-cubed F1 0.985 on basil, 0.809 on headlines. Lower
# join values split fewer full-text events but glue same-topic headlines;
# merging lets a later headline bridge two halves of one story.
JOIN_THRESHOLD = 0.12
MERGE_THRESHOLD = 0.25
# Days between an article and a story's newest article beyond which they are
# not compared (dated articles only).
WINDOW_DAYS = 7
TITLE_WEIGHT = 2
# Terms kept per article: long texts are cut to their most frequent terms.
MAX_TERMS = 300

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")


def terms(title: str | None, text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for weight, chunk in ((TITLE_WEIGHT, title or ""), (1, text)):
        for tok in _WORD.findall(chunk.lower()):
            if len(tok) > 2 and tok not in ENGLISH_STOP_WORDS:
                counts[tok] += weight
    return Counter(dict(counts.most_common(MAX_TERMS)))


def parse_date(value: str | None) -> datetime | None:
    """The publication day as a datetime (midnight), or None when undated."""
    day = day_of(value)
    return datetime(day.year, day.month, day.day) if day else None


@dataclass
class StoryState:
    id: str
    tf: Counter[str] = field(default_factory=Counter)
    size: int = 0
    newest: datetime | None = None

    def add(self, tf: Counter[str], when: datetime | None) -> None:
        for t, c in tf.items():
            self.tf[t] += 1 + math.log(c)
        self.size += 1
        if when and (self.newest is None or when > self.newest):
            self.newest = when


class OnlineClusterer:
    def __init__(self, join: float = JOIN_THRESHOLD, merge: float = MERGE_THRESHOLD,
                 window_days: int = WINDOW_DAYS) -> None:
        self.join, self.merge, self.window = join, merge, window_days
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.stories: dict[str, StoryState] = {}

    def observe(self, tf: Counter[str]) -> None:
        self.n_docs += 1
        self.df.update(tf.keys())

    def idf(self, term: str) -> float:
        return math.log((1 + self.n_docs) / (1 + self.df[term])) + 1

    def _vector(self, tf: Counter[str], scale: float = 1.0) -> dict[str, float]:
        return {t: (1 + math.log(c) if scale == 1.0 else c / scale) * self.idf(t) for t, c in tf.items()}

    def similarity(self, tf: Counter[str], story: StoryState) -> tuple[float, list[str]]:
        a = self._vector(tf)
        s = {t: w / story.size * self.idf(t) for t, w in story.tf.items()}
        shared = [t for t in a if t in s]
        dot = sum(a[t] * s[t] for t in shared)
        norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in s.values()))
        top = sorted(shared, key=lambda t: a[t] * s[t], reverse=True)[:8]
        return (dot / norm if norm else 0.0), top

    def candidates(self, when: datetime | None) -> list[StoryState]:
        if when is None:
            return list(self.stories.values())
        return [s for s in self.stories.values()
                if s.newest is None or abs((when - s.newest).days) <= self.window]

    def rank(self, tf: Counter[str], when: datetime | None) -> list[tuple[float, str, list[str]]]:
        scored = [(*self.similarity(tf, s), s.id) for s in self.candidates(when)]
        return sorted(((score, sid, top) for score, top, sid in scored), reverse=True)
