"""A neutral title for a story: the headline wording the outlets share, without the loaded words.

Each candidate (every source's headline, and every fact two or more sources
report) is scored by the share of its words that other sources' headlines use
too (the event and its actors, which every outlet names), less a penalty for
each loaded or sensational word (the story's own loaded terms and a short list
of headline intensifiers) and for exclamation and question marks: the plainest
shared wording wins, not the longest. Attribution tails (": NYT Report") and site names after a
separator (" | Outlet") are dropped. The headlines themselves stay side by side
on the page; this only picks the plainest shared wording.
"""

from __future__ import annotations

import re
from typing import Any

from newsprism.extract.outlet import label

#: headline words that sell rather than say (besides the story's own loaded terms)
SENSATIONAL = {"secret", "secretly", "shock", "shocking", "stunning", "bombshell", "explosive", "slams", "slammed",
               "blasts", "blasted", "unveiled", "revealed", "exposed", "outrage", "chaos", "destroys", "epic",
               "breaking", "exclusive", "must", "shocked", "furious", "fury", "leaked", "clandestine"}
STOP = set("""a an the and or but of to in on at for with by from as is are was were be been has have had it its this
that these those into over after before about amid than then so not no do does did will would can could may might
his her their our your who whom what which when where why how he she they we you i""".split())
_WORD = re.compile(r"[^\W_][\w'’.-]*", re.U)
_TAIL = re.compile(r"\s*(?::\s*(?:\S+\s*){1,3}|\s[|–—-]\s+(?:\S+\s*){1,5})$")
MAX_WORDS = 16
#: words of an untitled story's text that stand in for its title
STAND_IN_WORDS = 12


def _words(text: str) -> list[str]:
    return [w.strip(".'’").lower() for w in _WORD.findall(text)]


def _content(text: str) -> list[str]:
    return [w for w in _words(text) if w and w not in STOP]


def clean(headline: str) -> str:
    """A headline without its attribution or site tail, quotes around it or final punctuation."""
    text = " ".join(headline.split())
    shorter = _TAIL.sub("", text)
    if len(shorter.split()) >= 4:
        text = shorter
    text = text.strip(" .")
    if len(text) > 1 and text[0] in "\"'“‘" and text[-1] in "\"'”’":
        text = text[1:-1].strip(" .")      # a headline in quotation marks; a quotation inside it keeps its marks
    return text[:1].upper() + text[1:]


def neutral_title(headlines: list[str], facts: list[dict], actors: list[str], loaded: list[str]) -> str | None:
    """The plainest shared wording among ``headlines`` (one per source) and the facts that at least two
    sources report (``{"text", "sources"}``); ``actors`` are names several sources use, ``loaded`` the story's
    loaded terms. None when there is nothing to choose from."""
    heads = [clean(h) for h in headlines if h and h.strip()]
    df: dict[str, int] = {}
    for h in heads:
        for w in set(_content(h)):
            df[w] = df.get(w, 0) + 1
    # a word every headline uses is the story's own name for its subject ("Feather Duvet Lung", which the body of
    # one outlet puts in quotation marks as a label), not one outlet's slant: only the sensational list counts it
    everyone = {w for w, n in df.items() if n == len(heads)} if len(heads) > 1 else set()
    bad = SENSATIONAL | ({w for t in loaded if t for w in _words(t)} - everyone)
    actor_words = {w for a in actors for w in _content(a)}
    shared_bar = 2 if len(heads) > 1 else 1
    candidates = [(h, 0) for h in heads]
    # a fact shown with a quotation or an editor's bracket ("[Mike Huckabee] also …") is no title
    candidates += [(clean(f["text"]), 1) for f in facts if f.get("text") and f.get("sources", 0) >= 2
                   and len(str(f["text"]).split()) <= MAX_WORDS + 4 and not re.search(r"[\"“”\[]", str(f["text"]))]
    best: tuple[float, int, str] | None = None
    for text, from_fact in candidates:
        words = _content(text)
        if not words:
            continue
        shared = sum(df.get(w, 0) >= shared_bar for w in words) + 0.5 * sum(w in actor_words for w in words)
        penalty = 2 * sum(w in bad for w in words) + 2 * len(re.findall(r"[!?]", text)) + 0.5 * from_fact
        score = (shared - penalty) / len(words)
        key = (score, -len(text), text)
        if best is None or key > (best[0], -len(best[2]), best[2]):
            best = (score, len(text), text)
    if best is None:
        return None
    words = best[2].split()
    if len(words) > MAX_WORDS + 4:
        cut = " ".join(words[:MAX_WORDS + 4])
        best = (best[0], 0, re.split(r"[,;:]\s", cut)[0] if "," in cut or ";" in cut else cut + " …")
    return best[2]


def story_title(story: Any, articles: list[Any]) -> str | None:
    """The neutral title of a compared ``story`` (its ``facts``, ``naming`` and ``loaded_terms`` filled in) from
    its member ``articles`` (duplicates included): one headline per source (an article and its copies, the
    canonical copy's headline first), each fact with the number of sources that report it. The compare stage
    stores it as the story's title, so every view, export and report shows the same one."""
    ids = {a.id for a in articles}
    root_of = {a.id: (a.duplicate_of if a.duplicate_of in ids else a.id) for a in articles}
    groups: dict[str, list[Any]] = {}
    for a in sorted(articles, key=lambda a: a.id != root_of[a.id]):     # the canonical copy first
        groups.setdefault(root_of[a.id], []).append(a)
    headlines = [next((a.title for a in copies if a.title), "") for copies in groups.values()]
    by_name: dict[str, str] = {}      # every name a source goes by in the comparison -> the source
    for root, copies in groups.items():
        by_name.setdefault(label(copies[0], copies[1:]), root)
        for a in copies:
            if a.outlet:
                by_name.setdefault(a.outlet, root)

    def sources(f: dict) -> int:
        found = {by_name.get(str(o), str(o)) for o in f.get("outlets") or []}
        found |= {root_of[e["article"]] for e in f.get("evidence") or [] if e.get("article") in root_of}
        return len(found)

    facts = [{"text": f.get("text"), "sources": sources(f)} for f in story.facts or []]
    actors = [str(n.get("entity")) for n in story.naming or [] if len(n.get("by_outlet") or {}) > 1]
    loaded = [str(t.get("term")) for t in story.loaded_terms or [] if t.get("term")]
    found = neutral_title(headlines, facts, actors, loaded)
    if found or story.title:
        return found or story.title
    # no headline and no shared fact (a story of one untitled page): its first words, like the cluster stage
    text = next((a.text for copies in groups.values() for a in copies if (a.text or "").strip()), "")
    head = text.split()
    return " ".join(head[:STAND_IN_WORDS]) + (" …" if len(head) > STAND_IN_WORDS else "") or None
