"""Loaded terms: evaluative wording, shown in context with its outlet.

Three detectors:
1. ``lexicon``: the documented list below, by category. It follows the cues of
   Recasens et al. (2013, "Linguistic Models for Analyzing and Detecting Biased
   Language"): labels that judge a person or group, intensifiers and
   sensational verbs, hedges that cast doubt on a claim (``purported``,
   ``so-called``), and charged framing. It lists words, never a story's phrases.
2. ``scare_quotes``: a short lowercase phrase in quotation marks that nobody is
   said to utter: the outlet distancing itself from a label ("double tap").
3. ``differential``: an -ly intensifier that one outlet adds to a fact the
   other outlets report without it ("vehemently rejects").

Each term is flagged as the word or phrase itself: ``start``/``end`` are its character offsets in
the article's ``text`` (``field`` "text") or in its headline (``field`` "title"); ``voice`` is
"quoted" when it lies inside quotation marks (someone else's words the outlet quotes) and "own"
otherwise; ``quote`` is the sentence around it, for context (empty for a headline's term, whose
headline is given as ``headline``: the headline is not part of the text).
"""

from __future__ import annotations

import re

from newsprism.compare.text import ArticleView, fold, words

LEXICON: dict[str, tuple[str, ...]] = {
    "label": ("regime", "dictator", "dictatorship", "strongman", "authoritarian", "autocrat", "despot", "tyrant",
              "thug", "thugs", "foe", "narco-state", "narco-terrorism", "narco-terrorist", "radical", "radicals",
              "extremist", "extremists", "militant", "terrorist", "terrorists", "illegal alien", "illegal aliens",
              "illegals", "socialist", "far-left", "far-right", "hard-line", "hardline", "elites", "mob",
              "hellhole", "demagogue", "zealot", "puppet", "rogue", "adversarial", "imperial", "invasion",
              "illegitimate", "fraudulent", "corrupt", "crook", "rabid"),
    "intensifier": ("vehemently", "fiercely", "brutally", "aggressive", "aggressively", "stark", "sweeping",
                    "drastic", "massive", "unprecedented", "historic", "shocking", "stunning", "outrageous",
                    "disastrous", "catastrophic", "devastating", "explosive", "bombshell", "extraordinary",
                    "heightened", "escalating", "volatile", "mere", "so much as", "utterly", "blatant",
                    "blatantly", "egregious", "notorious", "infamous", "dramatic", "dramatically", "clandestine",
                    "chaos", "chaotic", "firestorm", "furor"),
    "sensational verb": ("slammed", "slams", "blasted", "blasts", "lashed out", "ripped", "rips", "torched",
                         "decried", "decries", "condemned", "denounced", "railed", "mocked", "taunted", "taunts",
                         "bashed", "hammered", "skewered", "threatened", "vowed", "boasted", "admitted",
                         "conceded", "insisted", "claimed", "amplified", "persists", "unleashed", "seized"),
    "hedge / doubt": ("purported", "purportedly", "so-called", "alleged", "allegedly", "supposed", "supposedly",
                      "claims", "reportedly", "dubious", "questionable", "contested", "controversial",
                      "disputed"),
    # general cues of charged political wording (written from general knowledge of news style, not from
    # any article or annotation here): harsh verbs of criticism, labels of contempt, drama nouns
    "charged verb": ("lambasted", "lambastes", "fumed", "fumes", "caved", "caves", "bragged", "brags", "touted",
                     "touts", "trumpeted", "derided", "derides", "scoffed", "sneered", "smeared", "attacked",
                     "pounced", "lashed", "ranted", "raged", "flip-flopped", "pandering", "pandered", "backpedaled",
                     "backtracked", "dodged", "ducked", "spewed", "peddled", "peddling", "hijacked", "cronies",
                     "henchmen", "lackey", "lackeys", "stooge", "shill", "flunkies"),
    "charged noun": ("tirade", "rant", "meltdown", "debacle", "fiasco", "gaffe", "blunder", "smear", "scandal",
                     "onslaught", "feud", "spat", "brawl", "crusade", "assault", "hypocrisy", "hypocrite",
                     "demagoguery", "fearmongering", "grandstanding", "power grab", "outrage", "uproar",
                     "backlash", "bombast", "diatribe", "screed", "vitriol", "jab", "swipe", "broadside"),
    "charged adjective": ("fierce", "furious", "scathing", "vicious", "nasty", "bizarre", "embattled",
                          "beleaguered", "disgraced", "extreme", "fringe", "elitist", "reckless",
                          "shameless", "shameful", "disgraceful", "outraged", "angry", "incendiary", "inflammatory",
                          "divisive", "bitter", "bitterly", "harsh", "harshly", "sharply", "astonishing",
                          "alarming", "draconian", "ruthless", "callous", "despicable", "hysterical", "unhinged",
                          "self-proclaimed", "self-styled", "far left", "far right", "hard-right",
                          "hard-left", "ultra-conservative", "ultraconservative", "left-wing", "right-wing"),
    "framing": ("extrajudicial", "aggression", "crackdown", "scheme", "ploy", "stunt",
                "propaganda", "rhetoric", "bluffing", "coercion", "carrots and sticks", "regime change",
                "war on", "witch hunt", "cover-up", "sham", "hoax"),
}
_TERM_RE = re.compile(r"\b(%s)\b" % "|".join(sorted((re.escape(t) for ts in LEXICON.values() for t in ts),
                                                    key=len, reverse=True)), re.I)
CATEGORY = {t: c for c, ts in LEXICON.items() for t in ts}
_SCARE = re.compile(r"[“\"']([a-z][\w'’ -]{2,40})[”\"']")
_SPEECH = re.compile(r"\b(said|says|told|stated|declared|called|calls|saying|stating|wrote|asked|added|"
                     r"vowed|warned|accusing|asserting)\b", re.I)
_LY = re.compile(r"\b([a-z]{4,}ly)\b")
NOT_INTENSIFIERS = {"only", "early", "family", "likely", "reportedly", "daily", "nearly", "really", "july",
                    "italy", "apply", "supply", "reply", "rally", "ally", "fully", "holy", "bully", "jolly",
                    "publicly", "officially", "directly", "recently", "previously", "currently", "formally",
                    "initially", "largely", "mostly", "partly", "briefly", "anonymously", "separately",
                    "finally", "usually", "simply", "already", "quickly", "especially", "particularly",
                    "probably", "possibly", "apparently", "allegedly", "weekly", "monthly", "yearly",
                    "lately", "shortly", "immediately", "eventually", "roughly", "approximately",
                    "exactly", "newly", "widely", "closely", "highly", "potentially", "politically",
                    "internationally", "nationally", "locally", "physically", "personally", "directly",
                    "mutually", "repeatedly", "reportedly", "jointly", "respectively", "subsequently", "openly",
                    "privately", "similarly", "additionally", "technically", "legally", "militarily", "economically"}
_QUOTED = re.compile(r"“[^”\n]*”?|\"[^\"\n]*\"?")


def _sentence(view: ArticleView, start: int, end: int) -> str:
    s = view.sentence_of(start)
    if s is not None and s.end >= end:
        return s.text
    return view.text[start:end]


def find_loaded(views: list[ArticleView], facts: list[dict] | None = None) -> list[dict]:
    out: list[dict] = []
    seen: set[tuple[str, str, int]] = set()

    def add(view: ArticleView, term: str, start: int, end: int, category: str, detector: str,
            field: str = "text") -> None:
        key = (view.id, fold(term), start, field)
        if key in seen:
            return
        seen.add(key)
        source = view.text if field == "text" else (view.article.title or "")
        quoted = any(a < start and end <= b for a, b in _quoted_regions(source))
        out.append({"term": term, "outlet": view.label, "article": view.id,
                    # a headline is not part of the text: its term has no sentence of the text around it
                    "quote": _sentence(view, start, end) if field == "text" else "",
                    **({"headline": source} if field == "title" else {}),
                    "category": category, "detector": detector,
                    "start": start, "end": end, "field": field,
                    "voice": "quoted" if quoted else "own"})

    for v in views:
        title = v.article.title or ""
        for m in _TERM_RE.finditer(title):     # headlines are the outlet's own words too
            add(v, m.group(0), m.start(), m.end(), CATEGORY.get(fold(m.group(0)), "label"), "lexicon", "title")
        for m in _TERM_RE.finditer(v.text):
            add(v, m.group(0), m.start(), m.end(), CATEGORY.get(fold(m.group(0)), "label"), "lexicon")
        for m in _SCARE.finditer(v.text):
            phrase = m.group(1)
            n = len(words(phrase))
            if not 1 <= n <= 3 or m.group(0)[0] == "'" and v.text[m.start() - 1:m.start()].isalpha():
                continue
            sent = v.sentence_of(m.start())
            frame = sent.text if sent else ""
            if _SPEECH.search(frame.replace(phrase, "")):
                continue
            add(v, m.group(0), m.start(), m.end(), "scare quotes", "scare_quotes")
    for fact in facts or []:
        units = fact["_units"]
        if len(units) < 2:
            continue
        for u in units:
            others = " ".join(fold(x.text) for x in units if x.view is not u.view)
            for m in _LY.finditer(u.text):
                w = m.group(1)
                if w in NOT_INTENSIFIERS or w in others or fold(w) in CATEGORY:
                    continue
                add(u.view, w, u.span.start + m.start(), u.span.start + m.end(), "intensifier", "differential")
    order = {}
    for i, v in enumerate(views):
        order.setdefault(v.id, i)
    out.sort(key=lambda x: (order[x["article"]], x["field"] != "title", x["voice"] != "own", x["start"]))
    return out


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
