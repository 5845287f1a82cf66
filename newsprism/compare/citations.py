"""Provenance: who cites whom, as one graph per story.

Edges go from an outlet to the source it attributes information to: another
outlet or a news agency ("according to a New York Times report", "Reuters
cited", "told Fox News"), an official or a named person (a quote's speaker, "X
said"), or anonymous sourcing ("sources familiar with the matter"). Each edge
keeps its verbs and verbatim evidence. Nodes: the story's outlets and every
cited source with its kind.
"""

from __future__ import annotations

import re

from newsprism.compare.text import ArticleView, People, fold

AGENCIES = ("Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "Bloomberg", "Xinhua", "TASS",
            "EFE", "dpa", "ANSA", "Kyodo", "Yonhap", "UPI")
_SRC = r"(?:the\s+|a\s+|an\s+)?(?P<src>(?:[A-Z][\w.&'’-]*)(?:\s+(?:of\s+|de\s+)?[A-Z][\w.&'’-]*){0,4})"
PATTERNS = [
    ("according to", re.compile(r"\baccording to\s+" + _SRC)),
    ("reported by", re.compile(r"\b(?:first\s+)?reported by\s+" + _SRC)),
    ("told", re.compile(r"\b(?:told|telling|confirmed to|said to)\s+" + _SRC)),
    ("reported", re.compile(_SRC + r"(?:\s+(?:newspaper|report|reports))?\s+(?P<verb>reported|reports|cited|disclosed|"
                                   r"revealed|said|says|confirmed|announced|quoted)\b")),
    ("report from", re.compile(r"\breport(?:s|ing)?\s+(?:from|by|in)\s+" + _SRC)),
    ("quoted by", re.compile(r"\bquoted by\s+" + _SRC)),
]
#: anonymous sourcing, described as the outlet describes it: "multiple sources familiar with the matter", "two
#: individuals close to the Maduro government" (what they are close to: a determiner or possessive, names, then one
#: word: not the verb after it, "Sources familiar with the call confirmed"), "a senior official"
_ANON = re.compile(r"\b(?:(?:multiple|several|two|three|four|unnamed|anonymous|other)\s+)?(?:sources|individuals|people|"
                   r"officials|aides|persons)\s+(?:directly\s+)?(?:familiar with|close to|briefed on|with knowledge of)"
                   r"(?:\s+(?:the|a|an|his|her|their|its))?(?-i:(?:\s+[A-Z][\w'’-]*(?:\.[A-Z]\.?)*)*(?:\s+[a-z][\w'’-]*)?)"
                   r"|\b(?:a\s+)?senior (?:administration |White House |U\.S\. |US )?official\b", re.I)
NOT_SOURCES = {"the", "this", "that", "it", "he", "she", "they", "we", "i", "in", "on", "but", "and", "however",
               "meanwhile", "thursday", "friday", "monday", "tuesday", "wednesday", "saturday", "sunday"}


def _kind(name: str, view: ArticleView, outlets: set[str], people: People) -> str:
    if any(fold(name) == fold(a) or fold(name).startswith(fold(a) + " ") for a in AGENCIES):
        return "agency"
    if fold(name).removeprefix("the ") in {fold(o).removeprefix("the ") for o in outlets}:
        return "outlet"
    if people.resolve(name):
        return "person"
    if re.search(r"\b(Times|Post|News|Journal|Herald|Tribune|Guardian|BBC|CNN|NBC|CBS|ABC|Fox|Axios|Politico|"
                 r"Telegraph|Gazette|Magazine|Press|Reuters|Bloomberg|Radio|TV|Television|Daily|Mail)\b", name):
        return "outlet"
    return "organization"


def build_citations(views: list[ArticleView], people: People, quotes: list[dict]) -> dict:
    cited_outlets = {c for v in views for c in v.article.cites} | {v.label for v in views}
    edges: dict[tuple[str, str], dict] = {}

    def add(view: ArticleView, to: str, kind: str, verb: str, quote: str) -> None:
        key = (view.label, fold(to).removeprefix("the "))
        e = edges.setdefault(key, {"from": view.label, "to": to, "kind": kind, "verbs": [], "evidence": []})
        if verb not in e["verbs"]:
            e["verbs"].append(verb)
        ev = {"article": view.id, "quote": quote}
        if ev not in e["evidence"]:
            e["evidence"].append(ev)

    for v in views:
        for sent in v.sentences:
            for name, pat in PATTERNS:
                for m in pat.finditer(sent.text):
                    src = re.sub(r"['’]s$", "", m.group("src")).strip()
                    src = re.sub(r"\s+(?:report|reports|newspaper)$", "", src)
                    if fold(src) in NOT_SOURCES or len(src) < 2 or fold(src.split()[0]) in NOT_SOURCES:
                        continue
                    resolved = people.resolve(src)
                    if name == "reported" and m.group("verb") in ("said", "says", "confirmed", "announced") \
                            and _kind(src, v, cited_outlets, people) not in ("outlet", "agency"):
                        continue   # "X said" about persons is handled by quotes
                    verb = m.group("verb") if name == "reported" else name
                    add(v, resolved or src, _kind(src, v, cited_outlets, people), verb, sent.text)
            for m in _ANON.finditer(sent.text):
                add(v, "anonymous: " + " ".join(m.group(0).split()), "anonymous", "attributes to", sent.text)
    for q in quotes:
        for m in q["_mentions"]:
            if q["speaker"] == "unnamed" and m.verb:
                # words of someone the outlet leaves unnamed ("a senior official telling Fox News the “table is being
                # set”"): the anonymous sourcing the sentence describes, one node with "sources familiar with …"
                who = " ".join((m.speaker_as_written or "unnamed").split())
                add(m.view, "anonymous: " + who, "anonymous", f"quotes ({m.verb})", m.view.text[m.ev_start:m.ev_end])
                continue
            if q["speaker"] and q["speaker"] != "unknown" and m.verb:
                kind = "person" if people.resolve(q["speaker"]) or q["speaker"] in people.mentions else "official"
                add(m.view, q["speaker"], kind, f"quotes ({m.verb})", m.view.text[m.ev_start:m.ev_end])
    nodes = [{"id": v.label, "kind": "outlet", "in_story": True} for v in dict((v.label, v) for v in views).values()]
    known = {n["id"] for n in nodes}
    for e in edges.values():
        if e["to"] not in known:
            known.add(e["to"])
            nodes.append({"id": e["to"], "kind": e["kind"], "in_story": False})
    return {"nodes": nodes, "edges": list(edges.values())}
