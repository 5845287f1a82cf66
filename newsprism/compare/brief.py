"""A neutral brief: consensus facts first, then attributed claims, every sentence cited.

Sentences are the facts' whole sentences: for a fact several outlets
report, the wording (among the outlets') that carries no loaded term and reads
as a sentence, cited to the outlets that state it and that no conflict of the
story sets against it and that name everything it names (a sentence with no such second outlet is not shared); for a claim one outlet alone makes, "According to <outlet>, …".
Voice (``newsprism.compare.voice``): a sentence an outlet relays from someone else
enters only when it names that source itself ("X said …"), and its ``voice`` is that
source; a sentence in the outlet's own voice has ``voice`` "outlet".
Before a sentence is published its support is checked: each source quote must
be verbatim in its article, and every name, number and content word of the
sentence (the attribution aside) must occur in its sources. What fails is dropped.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from newsprism.compare.facts import LINK
from newsprism.compare.loaded import _TERM_RE, common_words
from newsprism.compare.text import STOP, TITLE_WORDS, fold, words
from newsprism.compare.voice import Voice, named_source, voice_of
from newsprism.compare.whole import TIE, fragment_reason, shown_fragment
from newsprism.extract.outlet import names_a_file

MAX_CONSENSUS = 6
MAX_ATTRIBUTED = 4
#: no outlet supplies more than this share of the brief (issue 18), when three or more cover the story (``cap``)
MAX_SHARE = 0.4
#: the score two sentences need for one to corroborate the other's wording in the brief: the alignment's link
BRIEF_LINK = LINK
#: a dateline before the first sentence ("WASHINGTON — ", "AMHERST, N.H. - ", "NEW YORK (AP) — "): the place the
#: report was filed from, not part of the claim
_DATELINE = re.compile(r"^[A-Z][A-Z'’-]{2,}(?:[ ,]+[A-Z][A-Z.'’-]*){0,4}(?:\s*\([^)]{1,30}\))?\s+[—–-]{1,2}\s+")
_BAD_START = re.compile(r"^(he|she|they|it|this|that|these|those|his|her|their|its|there|which|who|while|though|"
                        r"although|as|after|before|with|including|amid|according|if|such|in response|in turn|"
                        r"instead|then|the latter|the former|the same|similarly|likewise)\b", re.I)
#: a reference back to what the article said before ("condemned these actions", "such pronouncements"): out of
#: its article, in a brief, the sentence no longer says what it is about
_ANAPHOR = re.compile(r"\b(?:these|those|such)\s+(?!as\b)[a-z]", re.I)
#: the first person outside quotation marks: the words of someone speaking (a quotation whose marks lie lines away,
#: "I honestly thought she was shot in the head.") or the outlet speaking of itself ("our correspondent says", "we
#: know for sure"); neither can a neutral brief state
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|us|[Oo]urs?|[Oo]urselves)\b(?![.-]?\w)")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
#: a pronoun for subject after an opening phrase that names nobody ("In the sixth, he landed one punch."): who "he"
#: is lies in the sentences before
_LATE_PRONOUN = re.compile(r"^\S+(?:\s+[a-z][\w'’-]*|\s+\d[\w:.-]*){0,6},\s+(?:he|she|they|it)\s", re.I)


def _norm(s: str) -> str:
    return " ".join(s.split())


def _tokens(s: str) -> set[str]:
    """The words of ``s``, folded, a possessive's "'s" off ("Obama’s" is "obama")."""
    return {re.sub(r"['’]s$", "", fold(w).strip(".,'’")) for w in words(s)}


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


_TITLES = {t.rstrip(".") for t in TITLE_WORDS}
#: words written in lower case before a title, whatever the title's case ("former Senator", "then-Gov.")
_BEFORE_TITLE = {"former", "then"}


_WHEN = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
         "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb",
         "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _names(text: str) -> set[str]:
    """The names of a sentence past its first word, each by its last word ("Donald Trump" -> "trump";
    titles, days and months aside): a sentence cited to several outlets must name nothing that one of
    them does not ("In Thanksgiving remarks to troops, Trump declared: …" is not what the outlets that
    say "during remarks at Mar-a-Lago" state)."""
    ws = [re.sub(r"['’]s$", "", fold(w).strip(".,'’")) for w in words(text)]      # as ``_tokens`` reads them
    caps = [w[:1].isupper() for w in words(text)]
    out: set[str] = set()
    for i in range(1, len(ws)):
        if caps[i] and (i + 1 == len(ws) or not caps[i + 1]):      # the last word of a capitalised run
            w = ws[i]
            if w and w not in STOP and w not in _TITLES and w not in _WHEN:
                out.add(w)
    return out


def _clean(text: str) -> str:
    text = TIE.sub("", _DATELINE.sub("", text.strip())).strip(" ,;:—–-")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?\"”":
        text += "."
    return text


#: a sentence that opens on who spoke and the verb, with nothing said after it ("Larry Kroon of the Wasilla Bible Church
#: said Saturday, adding that …", cut from '"We have no idea what caused it," the Rev. ¶ Larry Kroon … said'; "Mrs.
#: Clinton said, aligning herself with a potential future ally …", after the quotation it closes): the words lie before
#: it, and a participle after the verb tells how they were said
_SAID_NOTHING = re.compile(r"^[^,;:“”\"]{2,100}?\b(?:said|says|added|adds|explained|noted|recalled)"
                           r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
                           r"yesterday|earlier|later)(?:\s+(?:morning|afternoon|evening|night))?)?"
                           r"\s*(?:\.|,\s+(?!according\b)[a-z]+ing\b)")


def _good(text: str) -> bool:
    """A sentence a brief may state: a whole claim that opens on a capital, leans on nothing said before it, made
    of words more than of figures (not "First Posted: 08 / 04 / 11 06: 44 PM ET Updated: …")."""
    t = TIE.sub("", _DATELINE.sub("", text.strip()))
    tokens = re.findall(r"\w+", t)
    if sum(x.isdigit() for x in tokens) * 2 > len(tokens):
        return False
    if not t or not t[0].isupper() or len(words(t)) < 6 or t.count("“") != t.count("”") or t.count('"') % 2:
        return False
    leans = _BAD_START.match(t) or _LATE_PRONOUN.match(t) or _ANAPHOR.search(t) or _SAID_NOTHING.match(t)     # on a
    # sentence before it
    return not leans and not _FIRST_PERSON.search(_QUOTED.sub(" ", t)) and not _TERM_RE.search(t)


def _speaker_name(view) -> str:
    """Who "According to …" names: the outlet; for an article whose outlet is unknown and whose label is
    only its file name, "the article in <file>" (a file name read as a publisher's name misleads)."""
    return f"the article in {view.label}" if names_a_file(view.article, view.label) else view.label


#: the words of a number written out ("Twenty-six", "Three hundred"): a sentence's first word that no name begins with
_NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
billion dozens hundreds thousands millions""".split())


def _body(text: str, article: str = "", people=None) -> str:
    """The sentence as the continuation of "According to X, ": its first word lower-cased unless it is a
    name: a word in capitals or with a capital inside ("U.S.", "McCain"; not the article "A"), a person of the
    story's ``people`` ("Sabathia"), or one its article also writes with a capital in mid-sentence ("Etheridge",
    "Rep."): "The call ..." -> "the call ...", "A spokesperson ..." -> "a spokesperson ...", "Private
    offers ..." -> "private offers ...", "Former Senator …" -> "former Senator …", "Twenty-six Russian nationals …" ->
    "twenty-six Russian nationals …" (a number in words), "Etheridge, a member ..." and
    "Representative Nancy Pelosi" stay, and so does a first word that is no common word of English
    (``loaded.common_words``: "Tennant has now been voted …", a surname no tagger found)."""
    first = text.split(maxsplit=1)[0] if text.split() else ""
    bare = re.sub(r"\W+$", "", first)
    if not bare or not bare[:1].isupper() or (bare.isupper() and bare != "A") or any(c.isupper() for c in bare[1:]) \
            or "." in bare or (people is not None and people.resolve(bare)):
        return text      # (a person's name: "Sabathia agreed …", though its article writes "CC Sabathia")
    if fold(bare) in _BEFORE_TITLE:
        return text[0].lower() + text[1:]       # "former Senator Byron L. Dorgan", "then-Gov. Sarah Palin"
    # mid-sentence: on the same line after a word, a comma or a closing mark that ends no sentence (a paragraph
    # that opens with the word, "…” ¶ Members of …", is no such place)
    if fold(bare) not in STOP and re.search(r"(?:[a-z0-9,;:]|(?<![.!?])[’'\"”)])[ \t]+" + re.escape(bare) + r"\b",
                                            article):
        return text
    rest = text.split(maxsplit=2)
    if all(part in _NUMBER_WORDS for part in fold(bare).split("-")):
        return text[0].lower() + text[1:]      # a number in words ("Twenty-six Russian nationals …"), not a name
    if (fold(bare) not in STOP or first.endswith(".") or fold(bare) in _TITLES - {"the", "of"}) and len(rest) > 1 \
            and rest[1][:1].isupper():
        return text      # a title or a name of several words: "Representative Nancy Pelosi", "Mr. Trump’s"
    common = common_words()
    if common and fold(bare) not in STOP and fold(bare) not in common:
        return text      # no common word of English: a name nobody tagged ("Tennant has now been voted …")
    return text[0].lower() + text[1:]


def _ranges(texts: dict[str, str], items: list[dict]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for c in items:
        for v in c.get("variants", ()):
            for e in v.get("evidence", ()):
                t = texts.get(e["article"], "")
                i = t.find(e["quote"])
                if i >= 0:
                    out.setdefault(e["article"], []).append((i, i + len(e["quote"])))
    return out


def _sides(texts: dict[str, str], conflicts: list[dict]) -> list[list[dict[str, list[tuple[int, int]]]]]:
    """Per conflict, per variant: article -> character ranges of its evidence."""
    return [[_ranges(texts, [{"variants": [v]}]) for v in c.get("variants", ())] for c in conflicts]


def _side(u, conflict: list[dict[str, list[tuple[int, int]]]]) -> int | None:
    for i, ranges in enumerate(conflict):
        if any(a < u.span.end and u.span.start < b for a, b in ranges.get(u.view.id, ())):
            return i
    return None


def _disagree(u, w, sides: list) -> bool:
    """``u`` and ``w`` sit on different sides of one of the story's conflicts."""
    for c in sides:
        a, b = _side(u, c), _side(w, c)
        if a is not None and b is not None and a != b:
            return True
    return False


def _voice(u, people) -> Voice:
    v = getattr(u, "voice", None)
    if v is None:
        v = voice_of(u.view, u.span, people)
        sent = u.view.sentence_of(u.span.start)
        if not v.relayed and sent is not None and (sent.start, sent.end) != (u.span.start, u.span.end):
            # a clause of a sentence that relays someone ("…, suggesting that Akin had created …"): the
            # attribution lies outside the clause, so the clause alone may not be stated as the outlet's
            whole = voice_of(u.view, sent, people)
            if whole.relayed:
                v = Voice(whole.kind, whole.source, False)
        u.voice = v
    return v


def _links(score: Any, a, b) -> bool:
    """Whether the alignment links two sentences of a fact directly (their score, ``score``, at ``facts.LINK`` or
    more): a sentence the fact holds only through a third (chained, or completed by its match with the group as
    a whole) may state another part of the topic, and does not corroborate this wording; True without scores."""
    return score is None or float(score[a.index, b.index]) >= BRIEF_LINK


def _speakable(u, people) -> bool:
    """A sentence the brief may state: the outlet's own, or one that names who says it."""
    v = _voice(u, people)
    return not v.relayed or (v.in_sentence and v.source is not None)


def build_brief(facts: list[dict], texts: dict[str, str], conflicts: list[dict] | None = None,
                people=None, max_share: float = MAX_SHARE, notes: list[dict] | None = None,
                score: Any = None) -> list[dict]:
    """Cited sentences: facts several outlets state first, then single-outlet claims attributed to their
    outlet. Each sentence records its ``voice`` (``outlet``, or the source it names) and the ``outlet``
    whose wording it uses. A sentence whose evidence a conflict of the story touches is left out (a
    disputed detail is not stated as shared); a relayed sentence enters only when it names its source
    itself; no outlet supplies more than ``max_share`` of the brief (``shares``: a sentence counts for each
    outlet it cites, split among them; and, in a brief of three sentences or more, no outlet's wording in more
    than that share of them) unless fewer than three outlets cover the story (``cap``). Each sentence lists the
    outlets it cites (``outlets``). An empty brief of a story with facts says why in ``notes`` (``citations.notes``,
    code ``no_brief``)."""
    sides = _sides(texts, conflicts or [])
    labels = list(dict.fromkeys(u.view.label for f in facts for u in f["_units"]))
    label = {u.view.id: u.view.label for f in facts for u in f["_units"]}
    cands: list[dict] = []
    units: dict[int, Any] = {}      # each candidate's sentence unit
    used: set[str] = set()

    def candidate(sentence: str, sources: list[dict], unit, prefix: str, kind: str, fact: str) -> None:
        key = fold(sentence[len(prefix):])[:60]
        if key in used or shown_fragment(sentence) or not supported(sentence, sources, texts, prefix):
            return
        used.add(key)
        v = _voice(unit, people)
        cands.append({"sentence": sentence, "sources": sources, "kind": kind, "fact": fact,
                      "voice": "outlet" if not v.relayed else (v.source or "unnamed"),
                      "outlet": unit.view.label, "outlets": list(dict.fromkeys(label[s["article"]] for s in sources))})
        units[id(cands[-1])] = unit

    article_names: dict[str, set[str]] = {}

    def named_in(article: str, wide: bool) -> set[str]:
        """With ``wide``, the words of a corroborating outlet's article: a name of the sentence stated (it must name
        nothing the outlet does not) may then lie elsewhere in the outlet's article than its sentence. A brief takes
        this only when no shared fact finds, sentence by sentence, a wording whose names a corroborating sentence all
        names: held to the sentence alone, a story's main fact could find none (Fox's "House Majority Leader Eric
        Cantor was beaten Tuesday night by a political novice who is … an economics professor at a small Virginia
        college" names Virginia, which the Times' sentence of the defeat does not, its article does), and that
        story's brief held three single-outlet details and not the defeat. Taken for every fact that finds no such
        wording, it also let in wordings whose other details the corroborating outlet does not state (the seeds: 003's
        "… represents Trump’s first direct contact with the Venezuelan leader …" cited to 004, whose sentence tells
        only that Rubio joined the call)."""
        if not wide:
            return set()
        if article not in article_names:
            article_names[article] = _tokens(texts.get(article, ""))
        return article_names[article]

    shared = [f for f in facts if len(f["outlets"]) >= 2]
    for f, wide in [(f, False) for f in shared] + [(f, True) for f in shared]:
        if wide and cands:
            break          # some shared fact found corroboration sentence by sentence
        ok = [u for u in f["_units"] if _good(u.text) and _speakable(u, people)]
        ok.sort(key=lambda u: (u is not f["_rep"], len(u.text)))
        # each outlet's wording a candidate (the representative's first): the brief takes one per fact, in the
        # wording of an outlet it has used least
        for unit in ok:
            # the other outlets' sentences corroborate it when no conflict of the story sets them against it
            # and they speak in the same voice
            # (a sentence that names only who spoke, "Mrs. Clinton said, aligning herself with …", states nothing to
            # corroborate)
            others = [u for u in f["_units"] if u is not unit and u.view.label != unit.view.label
                      and not _SAID_NOTHING.match(TIE.sub("", _DATELINE.sub("", u.text.strip())))
                      and not _disagree(unit, u, sides) and _voice(u, people).relayed == _voice(unit, people).relayed
                      and _names(unit.text) <= _tokens(u.text) | named_in(u.view.id, wide) and _links(score, unit, u)]
            if not others:
                continue
            # one sentence per outlet: the one that links closest with this wording (an outlet that states the fact
            # twice is cited once)
            best: dict[str, Any] = {}
            for u in others:
                k = u.view.label
                if k not in best or (score is not None and float(score[unit.index, u.index]) >
                                     float(score[unit.index, best[k].index])):
                    best[k] = u
            others = [u for u in others if best[u.view.label] is u]
            sources = [{"article": unit.view.id, "quote": unit.text}] + \
                      [{"article": u.view.id, "quote": u.text} for u in others]
            # the sentence must rest on its first source alone; the others corroborate it
            if supported(_clean(unit.text), sources[:1], texts):
                candidate(_clean(unit.text), sources, unit, "", "consensus" if f["consensus"] else "shared", f["id"])
    singles = [f for f in facts if len(f["outlets"]) == 1]
    singles.sort(key=lambda f: (-len(re.findall(r"\d", f["text"])) - 2 * len(f["_units"][0].keys),
                                f["_units"][0].span.start))
    for f in singles:
        u = f["_units"][0]
        if not _good(u.text) or not _speakable(u, people):
            continue
        body = _clean(u.text)
        prefix = f"According to {_speaker_name(u.view)}, "
        candidate(prefix + _body(body, texts.get(u.view.id, ""), people), [{"article": u.view.id, "quote": u.text}], u,
                  prefix, "attributed", f["id"])
    # every sentence chosen is checked with the parse (``whole.fragment_reason``; the candidates only by the cheaper
    # ``shown_fragment``): one it finds a fragment leaves the candidates and the brief is balanced again
    while True:
        brief = _balance(cands, len(labels), max_share)
        bad = {id(c) for c in brief if fragment_reason(c["sentence"])}
        if not bad:
            break
        cands = [c for c in cands if id(c) not in bad]
    if not brief and facts and notes is not None:
        notes.append(_why_empty(cands, len(labels), max_share))
    # who speaks in each relayed sentence chosen, read from its parse (the candidates were read by their words)
    for c in brief:
        if c["voice"] != "outlet" and people is not None:
            u = units[id(c)]
            said = u.span if voice_of(u.view, u.span, people).relayed else u.view.sentence_of(u.span.start)
            c["voice"] = (said is not None and named_source(u.view, said, people)) or c["voice"]
    return brief


def _why_empty(cands: list[dict], n_outlets: int, max_share: float) -> dict:
    """The ``no_brief`` note: no sentence could be stated at all, or those that could come from too few outlets for
    none of them to supply more than its share (``cap``)."""
    if not cands:
        return {"code": "no_brief", "message": "no brief: no sentence of the story can be stated alone, in its "
                "outlet's own voice or naming who says it (the others relay an unnamed source, are not whole, carry "
                "loaded words or a detail another outlet disputes)"}
    from_ = len({c["outlet"] for c in cands})
    return {"code": "no_brief", "message": f"no brief: the sentences that could be stated come from {from_} of the "
            f"{n_outlets} outlets, and no outlet may supply more than {round(100 * cap(n_outlets, max_share))} % of a "
            "brief"}


def shares(brief: list[dict]) -> dict[str, float]:
    """Each outlet's share of a brief. In a brief of three sentences or more, the share of its sentences in
    the outlet's wording (``outlet``); in a shorter one, where no split of wordings stays under 40 %, each
    sentence counts for the outlets it cites (``outlets``), split evenly: a sentence three outlets state is a
    third each outlet's, "According to X, …" all X's."""
    out: dict[str, float] = {}
    for b in brief:
        cited = [b["outlet"]] if len(brief) >= 3 else (b.get("outlets") or [b["outlet"]])
        for o in cited:
            out[o] = out.get(o, 0.0) + 1.0 / len(cited) / len(brief)
    return out


def cap(n_outlets: int, max_share: float = MAX_SHARE) -> float:
    """The share one outlet may supply: ``max_share`` when three or more outlets cover the story; an equal share
    when two do (two outlets cannot both stay under 40 %); all of it when one does."""
    return 1.0 if n_outlets <= 1 else max(max_share, 1.0 / n_outlets)


def _fits(out: list[dict], limit: float) -> bool:
    return all(v <= limit + 1e-9 for v in shares(out).values())


def _balance(cands: list[dict], n_outlets: int, max_share: float) -> list[dict]:
    """At most MAX_CONSENSUS shared and MAX_ATTRIBUTED attributed sentences, one per fact, taken in turns from
    the outlets whose wording they use (each turn going first to the outlet least used so far, each outlet's
    candidates in their order: shared first); when an outlet then supplies more than its share (``cap``,
    measured by ``shares``), the largest part of that selection in which none does."""
    limit = cap(n_outlets, max_share)
    order = {id(c): i for i, c in enumerate(cands)}
    room = {"shared": MAX_CONSENSUS, "attributed": MAX_ATTRIBUTED}
    queues: dict[str, list[dict]] = {}
    for c in cands:
        queues.setdefault(c["outlet"], []).append(c)
    out: list[dict] = []
    facts: set[str] = set()
    taken: dict[str, int] = {}

    def kind(c: dict) -> str:
        return "attributed" if c["kind"] == "attributed" else "shared"

    while True:
        added = False
        for o in sorted(queues, key=lambda o: (taken.get(o, 0), order[id(queues[o][0])] if queues[o] else 0)):
            q = queues[o]
            while q and (q[0]["fact"] in facts or room[kind(q[0])] <= 0):
                q.pop(0)
            if q:
                c = q.pop(0)
                out.append(c)
                facts.add(c["fact"])
                room[kind(c)] -= 1
                taken[o] = taken.get(o, 0) + 1
                added = True
        if not added:
            break
    if not _fits(out, limit):      # the largest selection that fits, the earliest taken first among equals
        out = next((list(sub) for k in range(len(out) - 1, 0, -1) for sub in itertools.combinations(out, k)
                    if _fits(list(sub), limit)), [])
        if not out:      # none of those fits alone (each one or two outlets'): the first candidate that does, a
            # sentence enough outlets state ("Weiner said he has hired a private security company …", all three)
            out = next(([c] for c in cands if _fits([c], limit)), [])
    out.sort(key=lambda c: (c["kind"] == "attributed", order[id(c)]))
    return out
