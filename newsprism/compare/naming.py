"""Naming: how each outlet refers to each main person of the story.

For every mention of a person (spaCy PERSON entities, plus mis-tagged mentions
of a known surname) the titles and descriptors written right before the name
are kept ("US President Donald Trump", "former President Donald Trump",
"Venezuelan leader Nicolás Maduro"); so are descriptors that stand in for the
name: "<Surname>'s regime|government|administration", and "the <nationality>
<noun>" when the article names the person with that nationality ("the
Venezuelan authoritarian"). A person is "main" when two outlets or three
mentions name them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from newsprism.compare.text import TITLE_WORDS, ArticleView, People, fold

_TOKEN_BEFORE = re.compile(r"([A-Za-z][\w.'’-]*)\s+$")
STAND_INS = ("regime", "government", "administration", "camp", "allies", "loyalists", "forces", "team",
             "campaign", "supporters", "office", "aides")
ROLE_NOUNS = ("leader", "president", "strongman", "dictator", "authoritarian", "autocrat", "despot", "foe",
              "counterpart", "ruler", "head of state", "socialist", "opponent", "rival", "ally", "official",
              "lawmaker", "congressman", "senator", "governor", "candidate", "chairman", "incumbent")


def _is_title_token(w: str) -> bool:
    f = fold(w).rstrip(",")
    if f in TITLE_WORDS or f.rstrip(".") in TITLE_WORDS:
        return True
    return w[:1].isupper() and re.fullmatch(r"[A-Z][a-z]+(?:an|ian|ese|ish|i)", w) is not None


def form_of(view: ArticleView, s: int, e: int) -> tuple[str, str]:
    """(the name with the titles written before it, the nationality adjective if any)."""
    text, start, nationality = view.text, s, ""
    for _ in range(5):
        m = _TOKEN_BEFORE.search(text, max(0, start - 40), start)
        if not m or not _is_title_token(m.group(1)) or "\n" in text[m.start():start]:
            break
        if re.fullmatch(r"[A-Z][a-z]+(?:an|ian|ese|ish|i)", m.group(1)) and fold(m.group(1)) not in TITLE_WORDS:
            nationality = m.group(1)
        start = m.start(1)
    while start < s and fold(text[start:].split(" ", 1)[0]) in ("the", "of"):
        start = text.index(" ", start) + 1
    form = re.sub(r"['’]s?$", "", text[start:e]).strip()
    return form, nationality


def build_naming(views: list[ArticleView], people: People) -> list[dict]:
    counts: Counter[str] = Counter()
    outlets_of: dict[str, set[str]] = defaultdict(set)
    forms: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    nationality: dict[tuple[str, str], str] = {}
    for person, mentions in people.mentions.items():
        for v, s, e, _ in mentions:
            counts[person] += 1
            outlets_of[person].add(v.label)
            form, nat = form_of(v, s, e)
            if form and form not in forms[person][v.label]:
                forms[person][v.label].append(form)
            if nat:
                nationality[(v.id, person)] = nat
    main = [p for p in forms if len(outlets_of[p]) >= 2 or counts[p] >= 3]     # the people reported below
    for person in main:
        surname = person.split()[-1]
        for v in views:
            if v.label not in outlets_of[person]:
                continue
            for m in re.finditer(re.escape(surname) + r"['’]s\s+(%s)\b" % "|".join(STAND_INS), v.text):
                d = m.group(0)
                if d not in forms[person][v.label]:
                    forms[person][v.label].append(d)
            nat = nationality.get((v.id, person))
            if nat:
                pat = r"\b(?:the|a|an|his|her)\s+(?:[a-z]+\s+)?%s\s+(%s)\b" % (re.escape(nat), "|".join(ROLE_NOUNS))
                for m in re.finditer(pat, v.text):
                    if re.match(r"\s+[A-Z]", v.text[m.end():m.end() + 2]):
                        continue   # followed by a name: a title, already counted
                    d = m.group(0)
                    if d not in forms[person][v.label]:
                        forms[person][v.label].append(d)
    labels = list(dict.fromkeys(v.label for v in views))
    out = []
    for person, n in counts.most_common():
        if len(outlets_of[person]) < 2 and n < 3:
            continue
        by = {o: forms[person][o] for o in labels if forms[person].get(o)}
        out.append({"entity": person, "by_outlet": by, "mentions": n, "outlets": [o for o in labels if o in by]})
    return out
