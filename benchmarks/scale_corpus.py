"""A large corpus for the scale benchmark, made from the 61 dev pages (HTML and text dumps) and the seeds.

Page ``k`` is a variation of base page ``k mod 127``, chosen by a seeded RNG so
every run builds the same bytes:

* one in four is a **copy**: one word of one paragraph changed — dedup must
  find it a copy of its base;
* the others are **rewrites**: sentences shuffled within each paragraph and
  about a third of neighbouring words swapped — most word 5-grams change (not
  a copy) while the vocabulary stays, so it joins its base's story;
* HTML pages get another outlet name (``og:site_name``) per variation.
"""

from __future__ import annotations

import gzip
import random
import re
from pathlib import Path

from benchmarks.common import DATA, SEEDS

_SEGMENT_HTML = re.compile(r">([^<>]{60,})<")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_SITE = re.compile(r'(property="og:site_name"\s+content=")([^"]*)(")')


def bases() -> list[tuple[str, str]]:
    """(name, text) of every base page: dev HTML, dev text dumps, seeds."""
    out = []
    for p in sorted((DATA / "extraction-dev").glob("*.html.gz")):
        out.append((p.name.split(".")[0][:12] + ".html", gzip.decompress(p.read_bytes()).decode("utf-8", "replace")))
    for p in sorted((DATA / "extraction-dev").glob("*.txt")):
        out.append((p.name.split(".")[0][:12] + ".txt", p.read_text("utf-8", "replace")))
    for p in sorted(SEEDS.iterdir()):
        out.append((p.name, p.read_text("utf-8", "replace")))
    return out


def _rewrite(segment: str, rng: random.Random) -> str:
    sentences = _SENTENCE.split(segment)
    rng.shuffle(sentences)
    words = " ".join(sentences).split(" ")
    i = 0
    while i < len(words) - 1:
        if rng.random() < 0.33:
            words[i], words[i + 1] = words[i + 1], words[i]
            i += 1
        i += 1
    return " ".join(words)


def _copy_edit(segment: str, rng: random.Random) -> str:
    words = segment.split(" ")
    words[rng.randrange(len(words))] = rng.choice(["reportedly", "also", "now", "again"])
    return " ".join(words)


def vary(name: str, text: str, k: int) -> str:
    rng = random.Random(f"{name}:{k}")
    html = name.endswith(".html")
    copy = k % 4 == 0
    if html:
        text = _SITE.sub(lambda m: f"{m[1]}{m[2]} {k % 37}{m[3]}", text)
        segments = list(_SEGMENT_HTML.finditer(text))
    else:
        segments = list(re.finditer(r"^(.{60,})$", text, re.M))
    if not segments:
        return text + f"\n<!-- variation {k} -->" if html else text + f"\n[{k}]\n"
    targets = [rng.choice(segments)] if copy else segments
    parts, last = [], 0
    for m in sorted(targets, key=lambda m: m.start(1)):
        parts += [text[last:m.start(1)], (_copy_edit if copy else _rewrite)(m[1], rng)]
        last = m.end(1)
    return "".join(parts) + text[last:]


def build(folder: Path, n: int) -> int:
    """Write ``n`` pages into ``folder`` (gzip-compressed); return the bytes they hold uncompressed."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = bases()
    total = 0
    for k in range(n):
        name, text = pool[k % len(pool)]
        variant = vary(name, text, k // len(pool)) if k >= len(pool) else text
        data = variant.encode("utf-8")
        total += len(data)
        stem, _, ext = name.rpartition(".")
        (folder / f"{k:05d}-{stem}.{ext}.gz").write_bytes(gzip.compress(data, compresslevel=1))
    return total
