"""A neutral brief: consensus facts first, then attributed claims, every sentence cited.

Sentences are built from the clauses of the facts: for a fact several outlets
report, the wording (among the outlets') that carries no loaded term and reads
as a sentence; for a claim one outlet alone makes, "According to <outlet>, …".
Before a sentence is published its support is checked: each source quote must
be verbatim in its article, and every name, number and content word of the
sentence (the attribution aside) must occur in its sources. What fails is dropped.
"""

from __future__ import annotations

import re

from newsprism.compare.loaded import _TERM_RE
from newsprism.compare.text import STOP, fold, words

MAX_CONSENSUS = 6
MAX_ATTRIBUTED = 4
_LEAD = re.compile(r"^(?:and|but|so|also|however|meanwhile|moreover|additionally|still)\b,?\s*", re.I)
_BAD_START = re.compile(r"^(he|she|they|it|this|that|these|those|his|her|their|its|there|which|who|while|though|"
                        r"although|as|after|before|with|including|amid|according|if)\b", re.I)


def _norm(s: str) -> str:
    return " ".join(s.split())


def _tokens(s: str) -> set[str]:
    return {fold(w).strip(".,'’") for w in words(s)}


def supported(sentence: str, sources: list[dict], texts: dict[str, str], prefix: str = "") -> bool:
    """Every source verbatim; the sentence's names, numbers and content words all in its sources."""
    if not sources:
        return False
    for src in sources:
        if _norm(src["quote"]) not in _norm(texts.get(src["article"], "")):
            return False
    body = sentence[len(prefix):] if prefix and sentence.startswith(prefix) else sentence
    have = set().union(*(_tokens(s["quote"]) for s in sources))
    need = {t for t in _tokens(body) if t not in STOP and len(t) > 1}
    return need <= have


def _clean(text: str) -> str:
    text = _LEAD.sub("", text.strip()).strip(" ,;:—–-")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?\"”":
        text += "."
    return text


def _good(text: str) -> bool:
    t = _LEAD.sub("", text.strip())
    return bool(t) and t[0].isupper() and not _BAD_START.match(t) and not _TERM_RE.search(t) \
        and len(words(t)) >= 6 and t.count("“") == t.count("”") and t.count('"') % 2 == 0


def build_brief(facts: list[dict], texts: dict[str, str]) -> list[dict]:
    out: list[dict] = []
    used: set[str] = set()

    def emit(sentence: str, sources: list[dict], prefix: str = "", kind: str = "consensus", fact: str = "") -> bool:
        key = fold(sentence[len(prefix):])[:60]
        if key in used or not supported(sentence, sources, texts, prefix):
            return False
        used.add(key)
        out.append({"sentence": sentence, "sources": sources, "kind": kind, "fact": fact})
        return True

    shared = [f for f in facts if len(f["outlets"]) >= 2]
    n = 0
    for f in shared:
        if n >= MAX_CONSENSUS:
            break
        units = sorted(f["_units"], key=lambda u: (u is not f["_rep"], len(u.text)))
        unit = next((u for u in units if _good(u.text)), None)
        if unit is None:
            continue
        sources = [{"article": unit.view.id, "quote": unit.text}] + \
                  [{"article": u.view.id, "quote": u.text} for u in f["_units"] if u is not unit]
        # the sentence must rest on its first source alone; the others corroborate it
        if supported(_clean(unit.text), sources[:1], texts) and emit(_clean(unit.text), sources, kind="consensus" if f["consensus"] else "shared", fact=f["id"]):
            n += 1
    singles = [f for f in facts if len(f["outlets"]) == 1]     # read as sentences lazily, below
    singles.sort(key=lambda f: (-len(re.findall(r"\d", f["text"])) - 2 * len(f["_units"][0].keys), f["_units"][0].span.start))
    n = 0
    for f in singles:
        if n >= MAX_ATTRIBUTED:
            break
        if not _good(f["text"]):
            continue
        u = f["_units"][0]
        body = _clean(u.text)
        prefix = f"According to {u.view.label}, "
        sentence = prefix + body[0].lower() + body[1:] if not re.match(r"[A-Z][a-z]*\s+[A-Z]|[A-Z]{2}", body) else prefix + body
        if emit(sentence, [{"article": u.view.id, "quote": u.text}], prefix, "attributed", f["id"]):
            n += 1
    return out
