"""Loaded terms: the evaluative word or phrase an outlet chose, with its offsets and its voice.

Candidates (every one a word or a short phrase, never a sentence):
1. the words two lexicons shipped inside packages list, read offline from the installed files:
   TextBlob's subjectivity lexicon of English adjectives (De Smedt & Daelemans, pattern; an adjective,
   or its adverb in -ly) and VADER's valence lexicon (Hutto & Gilbert 2014), less ``NOT_EVALUATIVE``
   (words that only select or count) and names;
2. the hand-written cues ``CUE_WORDS`` / ``CUE_VERBS`` (labels, hedges, intensifiers, framing, verbs of saying
   that judge: "regime", "purported", "ploy"), less the forms the model's fitting data refutes
   (``Model.cues_refuted``: flagged there and never on a gold span);
3. a short lowercase phrase in quotation marks that nobody is said to utter (a scare quote), or a label
   someone applies ("called them “…”").

Each candidate gets a few signals (``FEATURES``): the lexicons' values (subjectivity, polarity, valence,
negative, their product), how common the word is in English (wordfreq: the loaded choice is often the
marked, rarer word; measured, not adopted: weight 0, and read only when wordfreq is installed and a model
weighs it), whether it is a scare quote, an -ly adverb, a phrase, inside
quotation marks or reported speech, aimed at someone (a name or a personal pronoun within three words, in
its sentence), or the story's topic (every other outlet of the story uses it), whether the hand-written cue
list has it, its usual part of speech (Brill's lexicon, shipped in TextBlob). Two gates leave candidates out
before that (``GATES``): a word another outlet of the story uses too (the story's shared vocabulary:
"terrorist", "killing"; a cue only where the other outlet uses the very word), and a word VADER scores that no
other lexicon calls subjective and that is usually a noun or a verb (what happened: "prosecution", "ban"). A
logistic regression weighs them (``data/loaded-model.json``: weights, bias and the threshold a term's
probability must reach), fitted by ``python -m benchmarks loaded --fit`` on BASIL's lexical-bias spans
(loaded-dev); the benchmark's held-out figures fit the same way inside folds of whole events and of outlets.

A cue in the outlet's own words is reported whatever its score (the model weighs no cue signal: as a signal
the cues lowered held-out precision); a cue inside a quotation is weighed like any other candidate. The cues
were written by people who had read the dev gold, so the benchmark reads each fold without the cues only its
held-out gold could have suggested, and refutes cues on the training part only. Held out, beside the model
alone: more own-voice loaded words found and F1 up on event folds, down within noise on outlet folds, at a
lower precision (``python -m benchmarks loaded`` has the rows). The cues also give ``_TERM_RE`` (loaded
wording the brief and the neutral title avoid) and name a lexicon word's category when they list it.

Voice: a term inside quotation marks (``quote_regions``) or in speech the sentence
attributes to someone ("X said ...", "according to X, ...", "..., X said.") is ``quoted``, with
the speaker when one is named; everything else is the outlet's ``own`` wording. Headlines are
read too: their terms carry ``field: "title"`` and offsets into the title.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
import importlib.util
from pathlib import Path
from typing import Iterable, Sequence

from newsprism.compare.text import fold

# -- the hand-written cues ------------------------------------------------------------------------
#: verbs are given as lemmas (their forms are generated); other entries match as written
CUE_VERBS: dict[str, tuple[str, ...]] = {
    # saying, with a judgement of how it was said
    "loaded verb of saying": (
        "slam", "blast", "lash out", "rip into", "bash", "hammer", "skewer", "rail", "rail against", "fume",
        "bristle", "scoff", "sneer", "mock", "taunt", "jeer", "ridicule", "deride", "lambaste", "excoriate",
        "berate", "chide", "scold", "rebuke", "decry", "denounce", "assail", "savage", "pillory", "boast",
        "brag", "gloat", "tout", "trumpet", "hail", "laud", "gush", "rave", "grumble", "gripe",
        "whine", "moan", "rant", "snap", "snipe", "sputter", "bluster", "plead", "beg", "concede", "admit",
        "confess", "insist", "claim", "allege", "purport", "dodge", "duck", "evade", "sidestep", "stonewall",
        "double down", "backtrack", "flip-flop", "waffle", "cave", "capitulate", "kowtow", "grovel",
        "pander", "lecture", "preach", "spew", "peddle", "parrot", "smear", "demonize", "vilify", "disparage",
        "belittle", "trash", "torch", "scorch", "eviscerate", "shred", "pounce",
        "lash", "tongue-lash", "harangue", "badger", "hector", "bully", "stoke", "whip up", "fearmonger",
        "scaremonger", "inflame", "incite", "exploit", "hijack", "weaponize", "flaunt",
        "thunder", "bellow", "howl", "shriek", "screech", "erupt"),
    # doing, described with a judgement
    "charged action": (
        "torpedo", "sabotage", "gut", "slash", "decimate", "ram through", "railroad", "strong-arm", "bully",
        "cripple", "derail", "scuttle", "kill off", "trounce", "rout", "crush", "humiliate", "oust", "purge", "meddle", "scheme", "collude", "connive", "squander", "splurge",
        "pillage", "plunder", "loot", "hoard", "muzzle", "gag", "silence", "censor", "snub", "spurn",
        "shun", "betray", "renege", "welch", "ambush", "blindside", "sucker-punch",
        ),
}
CUE_WORDS: dict[str, tuple[str, ...]] = {
    # judging a person or a group
    "label": (
        "regime", "dictator", "dictatorship", "despot", "tyrant", "strongman", "autocrat", "authoritarian",
        "thug", "thugs", "narco-state", "narco-regime", "narco-terrorism", "narco-terrorist", "narco-terrorists",
        "crony", "cronies", "henchman", "henchmen", "minion", "minions", "lackey", "lackeys", "stooge",
        "stooges", "puppet", "puppets", "cronyism", "elitist", "elitists", "elites", "extremist", "extremists",
        "radical", "radicals", "zealot", "zealots", "fanatic", "fanatics", "demagogue", "demagogues",
        "firebrand", "firebrands", "bomb-thrower", "bomb-throwers", "agitator", "agitators", "rabble-rouser",
        "mob", "hypocrite", "hypocrites", "hypocrisy", "liar", "liars", "con man", "con artist", "crook",
        "crooks", "hack", "hacks", "shill", "shills", "huckster", "charlatan", "fraudster", "sycophant",
        "apologist", "apologists", "ideologue", "ideologues", "partisan hack", "far left", "far-left",
        "far right", "far-right", "hard-line", "hardline", "hard-liner", "hard-liners", "ultraconservative",
        "ultraliberal", "fringe", "rogue", "loose cannon", "maverick", "renegade", "diehard", "diehards",
        "provocateur", "bigot", "bigots", "racist",
        "racists", "xenophobe", "xenophobic", "nativist", "socialist", "socialists", "snowflake",
        "snowflakes", "mouthpiece", "attack dog", "lapdog", "hatchet man",
        "self-described", "self-proclaimed", "self-styled", "would-be"),
    # doubt cast on what is reported
    "hedge / doubt": (
        "so-called", "purported", "purportedly", "alleged", "allegedly", "supposed", "supposedly", "apparently",
        "seemingly", "ostensibly", "dubious", "questionable", "baseless", "unfounded", "unsubstantiated",
        "debunked", "discredited", "erroneously", "falsely", "misleading", "misleadingly", "dubiously",
        "conspiracy theory", "conspiracy theories", "spin", "talking points"),
    # intensifying a judgement
    "intensifier": (
        "utterly", "wildly", "strikingly", "staggeringly", "stunningly", "shockingly", "remarkably",
        "extraordinarily", "incredibly", "outrageously", "brazenly", "shamelessly", "blatantly", "flagrantly",
        "egregiously", "unabashedly", "unapologetically", "defiantly", "vehemently", "fiercely", "furiously",
        "angrily", "bitterly", "harshly", "savagely", "viciously", "relentlessly", "ruthlessly", "recklessly",
        "wantonly", "stubbornly", "obstinately", "staunchly", "fervently", "zealously",
        "sarcastically", "mockingly", "smugly", "notoriously", "brazen",
        "blatant", "flagrant", "egregious", "stunning", "shocking", "staggering", "astonishing", "jaw-dropping",
        "unprecedented", "sweeping", "drastic", "draconian", "massive", "whopping", "colossal", "monumental",
        "historic", "dramatic", "dramatically", "explosive", "bombshell", "scathing", "blistering", "withering",
        "stinging", "searing", "fiery", "heated", "combative", "belligerent", "bellicose",
        "incendiary", "inflammatory", "provocative", "divisive", "polarizing", "controversial", "embattled",
        "beleaguered", "hapless", "feckless", "spineless", "gutless", "reckless", "extreme", "radical",
        "notorious", "infamous", "desperate", "desperately", "frantic", "frantically"),
    # charged framing of events
    "framing": (
        "witch hunt", "sham", "hoax", "farce", "charade", "travesty", "debacle", "fiasco", "meltdown",
        "fiasco", "gaffe", "gaffes", "blunder", "blunders", "flap", "firestorm", "uproar", "furor", "outcry",
        "outrage", "backlash", "onslaught", "tirade", "tirades", "rant", "rants", "screed", "diatribe",
        "harangue", "outburst", "outbursts", "broadside", "bluster", "bravado", "grandstanding", "posturing",
        "propaganda", "rhetoric", "power grab", "cover-up", "coverup", "whitewash", "slush fund", "handout",
        "handouts", "giveaway", "giveaways", "pork", "boondoggle", "bailout", "crusade", "jihad", "war on",
        "assault on", "attack on", "scheme", "ploy", "stunt", "gimmick", "smear", "smears", "smear campaign",
        "hit job", "hit piece", "ambush",
        "bombshell", "red meat", "dog whistle", "scare tactics",
        "fearmongering", "class warfare", "death panels", "job-killing", "job killing", "amnesty",
        "chaos", "chaotic", "carnage", "bloodbath", "massacre", "slaughter", "ethnic cleansing", "apartheid"),
}
#: words that modify a loaded word and belong to its span ("utterly irresponsible", "most powerful")
MODIFIERS = {"very", "so", "too", "most", "more", "least", "utterly", "deeply", "truly", "really", "highly",
             "extremely", "incredibly", "profoundly", "wildly", "strikingly", "far", "much", "totally",
             "completely", "absolutely", "thoroughly", "somewhat"}
#: adjectives of the subjectivity lexicon that only select or count in news prose
NOT_EVALUATIVE = {"own", "many", "few", "other", "such", "same", "last", "next", "key", "main", "only",
                  "certain", "sure", "whole", "entire", "various", "several", "new", "old", "first", "second",
                  "third", "final", "former", "late", "early", "real", "actual", "true", "general", "major",
                  "minor", "full", "free", "right", "left", "public", "private", "national", "federal", "local",
                  "political", "social", "economic", "foreign", "current", "recent", "possible", "likely",
                  "able", "available", "important", "top", "high", "low", "long", "short", "big", "small",
                  "large", "little", "young", "open", "clear", "simple", "single", "different", "similar",
                  "particular", "special", "specific", "common", "official", "legal", "military", "live",
                  "close", "due", "ready", "much", "more", "most", "less", "least", "better", "best", "good",
                  "well", "great", "bad", "worse", "worst", "happy", "sorry", "interested", "fine", "like",
                  "please", "yes", "no", "ok", "okay", "agree", "agreed", "help", "helped", "helping", "care",
                  "thanks", "thank", "want", "wanted", "hope", "hoped", "mutual", "mutually", "mass",
                  "repeated", "repeatedly", "strong", "serious", "seriously", "party", "united", "justice",
                  "security", "defense", "protect", "protection", "support", "supported", "supports",
                  "supporting", "supporter", "supporters", "win", "won", "lose", "lost", "leading", "led",
                  "leader", "freedom", "liberty", "peace", "honor", "honored", "trust", "safe", "safety",
                  "rights", "benefit", "benefits", "important", "interest", "interests", "latest",
                  # nouns, verbs or name parts in news more often than the adjectives the lexicon means
                  "kind", "base", "elect", "grand", "pretty", "fair", "fine", "mean", "present", "patient"}


def verb_forms(lemma: str) -> list[str]:
    """A verb's lemma (or phrase led by a verb) in its regular forms: slam → slams, slammed, slamming."""
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if head.endswith("e"):
        forms = [head, head + "s", head + "d", head[:-1] + "ing"]
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        forms = [head, head[:-1] + "ies", head[:-1] + "ied", head + "ing"]
    elif re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", head):          # one syllable, one consonant: doubled
        forms = [head, head + "s", head + head[-1] + "ed", head + head[-1] + "ing"]
    else:
        es = "es" if head.endswith(("s", "sh", "ch", "x", "z")) else "s"
        forms = [head, head + es, head + "ed", head + "ing"]
    return [f + tail for f in forms]


@lru_cache(maxsize=1)
def cues() -> dict[str, str]:
    """Every cue form (lower-case) → its category."""
    out: dict[str, str] = {}
    for cat, items in CUE_WORDS.items():
        for w in items:
            out.setdefault(w, cat)
    for cat, items in CUE_VERBS.items():
        for lemma in items:
            for f in verb_forms(lemma):
                out.setdefault(f, cat)
    return out


@lru_cache(maxsize=1)
def _cue_re() -> re.Pattern[str]:
    """The cues as one pattern, longest first. The alternatives are filed under their first letter
    ("s(?:hocking|…)|b(?:…)"): the regular expression engine then tries at each place in a text only the
    cues that begin with its letter, not all 900 (the same matches; a fifth of the brief's time went here)."""
    alts = sorted((re.escape(t).replace(r"\ ", r"\s+").replace(r"\-", "[-‐‑]") for t in cues()), key=len,
                  reverse=True)
    return re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(_by_first_letter(alts)), re.I)


def _by_first_letter(alts: list[str]) -> list[str]:
    """``alts`` (escaped literals) grouped under their first ASCII letter, keeping their order within a group;
    one starting otherwise stays as it is. A place in a text starts with one letter, so it can match only the
    alternatives of that letter's group, which it tries in the original order: the same match."""
    groups: dict[str, list[str]] = {}
    for a in alts:
        first = a[:1].lower()
        key = first if "a" <= first <= "z" else a
        groups.setdefault(key, []).append(a[1:] if key == first else a)
    return [k + "(?:" + "|".join(rest) + ")" if "a" <= k <= "z" and len(k) == 1 else k
            for k, rest in groups.items()]


# -- the packaged lexicons -------------------------------------------------------------------------
def _package_file(package: str, name: str) -> Path | None:
    """A data file shipped inside an installed package, found without importing the package
    (TextBlob's import pulls in NLTK: seconds); None when the package is not installed."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=1)
def vader() -> dict[str, float]:
    """VADER's lexicon, word → mean valence (-4 … 4); empty when the package is missing."""
    path = _package_file("vaderSentiment", "vader_lexicon.txt")
    try:
        raw = path.read_text(encoding="utf-8") if path else ""
    except OSError:
        return {}
    out = {}
    for line in raw.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and re.fullmatch(r"[a-z][a-z'-]+", parts[0]):
            try:
                out[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return out


@lru_cache(maxsize=1)
def subjectivity() -> dict[str, tuple[float, float]]:
    """TextBlob's adjective lexicon, word → (mean polarity, mean subjectivity) over its senses;
    empty when the package is missing."""
    from defusedxml import ElementTree

    path = _package_file("textblob", "en/en-sentiment.xml")
    try:
        raw = path.read_bytes() if path else b""
    except OSError:
        return {}
    if not raw:
        return {}
    senses: dict[str, list[tuple[float, float]]] = {}
    for w in ElementTree.fromstring(raw):
        if w.get("pos", "").startswith("JJ") and w.get("form"):
            senses.setdefault(w.get("form").lower(), []).append((float(w.get("polarity", 0)),
                                                                 float(w.get("subjectivity", 0))))
    return {k: (sum(p for p, _ in v) / len(v), sum(s for _, s in v) / len(v)) for k, v in senses.items()}


#: TextBlob: an adjective whose mean polarity is this close to 0 judges nothing (its category is "subjective"
#: only beyond it; the model below weighs the values themselves)
MIN_POLARITY = 0.25


def _adjective_of(word: str) -> str | None:
    """The adjective an -ly adverb is made from (wildly → wild, angrily → angry, tragically → tragic)."""
    if not word.endswith("ly") or len(word) < 5:
        return None
    stem = word[:-2]
    lex = subjectivity()
    for cand in (stem, stem[:-1] + "y" if stem.endswith("i") else None, stem + "e",
                 stem[:-2] if stem.endswith("al") else None, stem + "le" if word.endswith("bly") else None):
        if cand and cand in lex:
            return cand
    return None


@lru_cache(maxsize=1 << 16)
def lexicon_values(word: str) -> tuple[float, float, float]:
    """(TextBlob subjectivity, TextBlob polarity, VADER valence / 4) of one word; zeros where a lexicon
    does not list it, or the word only selects or counts (``NOT_EVALUATIVE``)."""
    w = fold(word).strip("'’")
    if w in NOT_EVALUATIVE or len(w) < 3:
        return 0.0, 0.0, 0.0
    lex = subjectivity()
    adj = w if w in lex else _adjective_of(w)
    subj, pol = (lex[adj][1], lex[adj][0]) if adj and adj not in NOT_EVALUATIVE else (0.0, 0.0)
    return subj, pol, vader().get(w, 0.0) / 4


def lexicon_category(word: str) -> str | None:
    """Why a single word is a candidate by the packaged lexicons ("subjective", "valence"), or None."""
    subj, pol, val = lexicon_values(word)
    if subj > 0 and abs(pol) >= MIN_POLARITY:
        return "subjective"
    if val:
        return "valence"
    return None


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """The part of speech a word most often has (Brill's lexicon from the Brown corpus and the Penn Treebank,
    shipped inside TextBlob as ``en/en-lexicon.txt``), word → Penn tag; empty when the package is missing."""
    path = _package_file("textblob", "en/en-lexicon.txt")
    try:
        raw = path.read_text(encoding="utf-8") if path else ""
    except OSError:
        return {}
    out: dict[str, str] = {}
    for line in raw.splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith(";"):
            w = parts[0].lower()
            if w == parts[0] or w not in out:        # the lower-case entry over a name's ("Stark NNP")
                out[w] = parts[1]
    return out


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The words Brill's lexicon (``word_tags``) lists in lower case: common words, not only names ("private",
    "officials"; not "Tennant"); empty when the package is missing."""
    path = _package_file("textblob", "en/en-lexicon.txt")
    try:
        raw = path.read_text(encoding="utf-8") if path else ""
    except OSError:
        return frozenset()
    return frozenset(w for w in (line.split(maxsplit=1)[0] for line in raw.splitlines()
                                 if line.strip() and not line.startswith(";")) if w.islower())


def word_class(word: str) -> str:
    """"noun", "verb", "adj", "adv" or "" by the word's most frequent tag (an -ly word outside the lexicon
    is an adverb); a hyphenated word by its last part ("narco-terrorism")."""
    w = fold(word).replace("’", "'")
    tags = word_tags()
    tag = tags.get(w) or (tags.get(w.rsplit("-", 1)[1]) if "-" in w else None) or ("RB" if w.endswith("ly") else "")
    return {"N": "noun", "V": "verb", "J": "adj", "R": "adv"}.get(tag[:1], "") if tag[:2] != "NNP" else ""


@lru_cache(maxsize=1 << 16)
def frequency(word: str) -> float:
    """How common a word is in English (wordfreq's Zipf scale over many sources, 0 … 8, /8): the loaded
    choice is often the marked, rarer word ("decried", "ploy") where a plain report uses a common one ("said",
    "plan"); 0 when wordfreq is missing."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return 0.0
    return zipf_frequency(word, "en") / 8


# -- the model that weighs a candidate's signals --------------------------------------------------
#: the signals of a candidate term, in the order of the model's weights
FEATURES = ("scare_quotes", "subjectivity", "polarity", "valence", "negative", "quotation_marks", "reported_speech",
            "topic", "target", "adverb", "phrase", "intensity", "cue", "noun", "verb", "frequency")
#: candidates left out before the model weighs anything (``detect(gates=...)``):
#: - ``"story words"``: a word (not a scare quote) that another outlet of the story uses too: the story's shared
#:   vocabulary names the event ("terrorist", "killing", "rejected"), it is no outlet's choice;
#: - ``"event words"``: a word only VADER scores that is most often a noun or a verb ("prosecution", "torture",
#:   "ban", "destroyed"): VADER rates how good or bad a thing is, and in news such nouns and verbs tell what
#:   happened; the judging words it lists are adjectives and adverbs (the hand-written cues, when used, are
#:   not gated: they list the loaded verbs and labels).
#: Held out on loaded-dev both raised precision at equal F1 (``python -m benchmarks loaded``).
GATES = ("story words", "event words")
MODEL_FILE = Path(__file__).with_name("data") / "loaded-model.json"


@dataclass(frozen=True)
class Model:
    """A logistic regression over ``FEATURES`` and the probability a term must reach to be reported.
    ``benchmarks/bench_loaded.py --fit`` fits it on loaded-dev (and, for the held-out figures, on each
    fold's training part only)."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    #: the hand-written cues are candidates too: ``detect``'s default table is ``cues()`` less ``cues_refuted``
    cue_list: bool = False
    #: cue forms the fitting data refutes: flagged there and never on a gold span (``benchmarks loaded --fit``)
    cues_refuted: frozenset[str] = frozenset()

    def probability(self, x: Sequence[float]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, x))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def shipped_model() -> Model:
    """The shipped model (``data/loaded-model.json``)."""
    raw = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if list(raw["features"]) != list(FEATURES):
        raise ValueError(f"{MODEL_FILE.name}: its features {raw['features']} are not {list(FEATURES)}")
    return Model(tuple(float(w) for w in raw["weights"]), float(raw["bias"]), float(raw["threshold"]),
                 bool(raw.get("cue_list", False)), frozenset(raw.get("cues_refuted", ())))


@lru_cache(maxsize=4)
def cue_table(refuted: frozenset[str] = frozenset()) -> dict[str, str]:
    """The hand-written cues (form → category) less the ``refuted`` forms."""
    return {f: c for f, c in cues().items() if f not in refuted}




# -- voice: quotation marks and reported speech ---------------------------------------------------
SAY = ("said|says|say|told|tells|stated|states|added|adds|argued|argues|claimed|claims|alleged|alleges|"
       "insisted|insists|contended|contends|maintained|maintains|wrote|writes|tweeted|posted|warned|warns|"
       "charged|asserted|asserts|suggested|suggests|noted|notes|explained|declared|declares|announced|"
       "believes|believe|called|calls|described|describes|accused|accuses|blamed|blames|labeled|labelled|"
       "branded|dubbed|characterized|complained|complains|predicted|vowed|promised|acknowledged|admitted|"
       "conceded|countered|responded|replied|retorted|recalled|stressed|emphasized|urged|asked|asks|"
       "questioned|denied|denies|criticized|criticised|condemned|denounced|slammed|blasted|decried|"
       "lambasted|mocked|praised|hailed|touted|boasted|bragged|railed|thinks|think|thought|feels|felt|"
       "fears|feared|worries|worried|argue|contend|insist|maintain|warn|accuse|blame|call|describe|saying|"
       "stating|claiming|arguing|warning|insisting|calling|describing|declaring|adding|telling|accusing|"
       "alleging|asserting|suggesting|noting|promising|vowing|threatening|threatened|threatens")
_SAY_WORDS = frozenset(SAY.split("|"))
_NAME = r"(?:[A-Z][\w.'’-]*(?:\s+(?:de|la|del|van|von|bin|al)\b)?(?:\s+[A-Z][\w.'’-]*){0,3})"
_SUBJECT = (r"(?P<sp>%s|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+[a-z][\w-]*"
            r"(?:\s+[a-z][\w-]*){0,3}?(?:\s+%s)?|[A-Z][\w-]*(?:\s+[a-z][\w-]*){1,5}?)" % (_NAME, _NAME))
_PRONOUNS = {"he", "she", "they", "we", "i"}
#: capitalised words that open an adverbial, not a subject ("In response, …")
_NOT_SUBJECT = {"in", "on", "at", "after", "before", "when", "while", "during", "as", "but", "and", "if", "since",
                "for", "from", "with", "without", "by", "to", "of", "meanwhile", "still", "yet", "so", "then",
                "although", "though", "because", "until", "despite", "amid", "under", "over", "this", "that",
                "these", "those", "it", "there", "here", "what", "why", "how", "where", "who"}
#: a subject, then at most a few adverbs or an auxiliary, then a verb of saying
_LEAD = re.compile(_SUBJECT + r"(?:\s*,[^.;]{1,120}?,)?\s+(?:(?:has|had|have|also|then|later|again|once|"
                   r"repeatedly|publicly|previously|reportedly|\w+ly)\s+){0,2}(?P<verb>%s)\b(?!\s+to\b)" % SAY)
_TRAIL = re.compile(r"[,;]\s*(?:(?P<verb1>%s)\s+(?P<sp1>%s|(?:the|an?)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})|"
                    % (SAY, _NAME) + _SUBJECT.replace("?P<sp>", "?P<sp2>") +
                    r"\s+(?:also\s+)?(?P<verb2>%s))\b[^,;]{0,80}[.!?]?[\"”’]?$" % SAY)
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<sp>[^,.;:!?\n]{2,80}?)(?=\s+(?:published|released|issued|on|in|"
                        r"last|that|who|which|when)\b|[,.;:!?\n]|$)")


def quote_regions(text: str, single_quotes: bool = False) -> list[tuple[int, int]]:
    """Spans of text inside quotation marks, the marks included: “…” or "…" within a paragraph; a
    quotation left open ends with its paragraph (a quoted paragraph that goes on in the next one).
    ``single_quotes``: ‘…’ and '…' quote too (headlines' style), when they open before a word and
    close after one."""
    out: list[tuple[int, int]] = []
    if single_quotes:
        out += [(m.start(), m.end()) for m in re.finditer(r"(?<![\w’'])['‘][^'‘’\n]{1,200}?[\w.,!?]['’](?![\w])", text)]
    pos = 0
    for para in text.split("\n"):
        base, open_at = pos, None
        pos += len(para) + 1
        for i, ch in enumerate(para):
            if open_at is None:
                if ch == "“" or ch == '"' and not (0 < i < len(para) - 1 and para[i - 1].isalnum()
                                                   and para[i + 1] == " "):     # 12" is no quotation
                    open_at = i
            elif ch == "”" or ch == '"' and para[open_at] == '"':
                out.append((base + open_at, base + i + 1))
                open_at = None
        if open_at is not None:
            out.append((base + open_at, base + len(para)))
    return out


def _inside(regions: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    for a, b in regions:
        if a <= start and end <= b:
            return a, b
    return None


_SENT_END = re.compile(r"[.!?]+[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")
_NO_END = {"mr", "ms", "mrs", "dr", "st", "jr", "sr", "rep", "sen", "gov", "gen", "lt", "col", "sgt", "no", "vs"}


@lru_cache(maxsize=256)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Rough sentence bounds (enough to find an attribution): never across a paragraph."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line, base = m.group(0), m.start()
        start = 0
        for b in _SENT_END.finditer(line):
            word = re.search(r"(\w+)$", line[:b.start()])
            if b.group(0)[0] == "." and word and (word.group(1).lower() in _NO_END or len(word.group(1)) == 1):
                continue
            out.append((base + start, base + b.end()))
            start = b.end()
        out.append((base + start, base + len(line)))
    return tuple((a, b) for a, b in out if b > a)


def _speaker_near(text: str, qa: int, qb: int, sent: tuple[int, int]) -> str | None:
    """The speaker named beside a quotation ("…,” Trump said / Trump said: “…”), or None."""
    after = text[qb:sent[1]]
    m = re.match(r"[\s,]*(?:(?P<v>%s)\s+(?P<a>%s)|(?P<b>%s|he|she|they)\s+(?:%s))\b" % (SAY, _NAME, _NAME, SAY), after)
    if m:
        return m.group("a") or m.group("b")
    before = text[sent[0]:qa]
    m = re.search(r"(?P<sp>%s|[Hh]e|[Ss]he|[Tt]hey)\s+(?:\w+ly\s+)?(?:%s)\b[^\"“”]{0,40}[,:]?\s*$" % (_NAME, SAY),
                  before)
    if m:
        return m.group("sp")
    m = _ACCORDING.search(before + " " + after)
    return m.group("sp") if m else None


def _clean_speaker(sp: str | None, last: str | None) -> str | None:
    if not sp:
        return None
    sp = re.sub(r"\s+", " ", sp).strip(" ,")
    return last if fold(sp) in _PRONOUNS else sp       # "he": the person last quoted by name


@dataclass
class Voice:
    """Who speaks at each place of a text: quotation regions and attributed (reported) regions."""

    quotes: list[tuple[int, int, str | None]]
    reported: list[tuple[int, int, str | None]]

    def at(self, start: int, end: int) -> tuple[str, str | None, str | None]:
        """(voice, speaker, how): ("quoted", "Trump", "quotation marks") or ("own", None, None)."""
        for a, b, sp in self.quotes:
            if a <= start and end <= b:
                return "quoted", sp, "quotation marks"
        for a, b, sp in self.reported:
            if a <= start and end <= b:
                return "quoted", sp, "reported speech"
        return "own", None, None


def voices(text: str, single_quotes: bool = False) -> Voice:
    """The quotation and reported-speech regions of ``text``, each with its speaker when named."""
    regions = sorted(quote_regions(text, single_quotes))
    sents = _sentences(text)
    quotes, reported = [], []
    last: str | None = None
    for qa, qb in regions:
        start = next((a for a, b in sents if a <= qa < b), qa)
        para_end = text.find("\n", qb)         # the attribution may follow the quotation's last sentence
        sp = _clean_speaker(_speaker_near(text, qa, qb, (start, len(text) if para_end < 0 else para_end)), last)
        if sp and sp[:1].isupper():
            last = sp
        quotes.append((qa, qb, sp))
    for a, b in sents:
        s = text[a:b]
        if _SAY_WORDS.isdisjoint(re.findall(r"[a-z]+", s.lower())) and "ccording to" not in s:
            continue
        masked = _mask(s, [(qa - a, qb - a) for qa, qb in regions if a <= qa < b])
        m = _ACCORDING.search(masked)
        if m:
            if m.start() < 3 or masked[:m.start()].strip() == "":
                reported.append((a + m.end(), b, _clean_speaker(m.group("sp"), last)))
            else:
                reported.append((a, a + m.start(), _clean_speaker(m.group("sp"), last)))
            continue
        m = _TRAIL.search(masked)
        if m and m.start() > 15:
            reported.append((a, a + m.start(), _clean_speaker(m.group("sp1") or m.group("sp2"), last)))
            continue
        # the subject opens the sentence or a clause: "Critics, including …, have decried …"
        starts = [len(masked) - len(masked.lstrip())] + [x.end() for x in re.finditer(r"[,:—–]\s*", masked)]
        m = next((x for x in (_LEAD.match(masked, p) for p in starts) if x), None)
        if m:
            sp = m.group("sp")
            first = sp.split()[0].lower()
            if first not in _NOT_SUBJECT and (first in ("the", "a", "an", "his", "her", "their") or sp[:1].isupper()):
                reported.append((a + m.end("verb"), b, _clean_speaker(sp, last)))
    return Voice(quotes, reported)


def _mask(s: str, spans: Iterable[tuple[int, int]]) -> str:
    """``s`` with the given spans blanked (same length), so quoted words are not read as attribution."""
    chars = list(s)
    for a, b in spans:
        for i in range(max(0, a), min(len(s), b)):
            chars[i] = " " if chars[i] != "\n" else "\n"
    return "".join(chars)


# -- finding terms ----------------------------------------------------------------------------------
#: words after which an -ed form is an adjective ("was shocked", "a tired"), not a past tense
_BEFORE_ADJECTIVE = {"is", "are", "was", "were", "be", "been", "being", "am", "seemed", "seems", "looked",
                     "felt", "a", "an", "the", "very", "so", "too", "most", "more", "deeply", "utterly", "and",
                     "as", "visibly", "clearly", "increasingly", "became", "become", "get", "got", "remain",
                     "remained"}
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
_SCARE = re.compile(r"[“\"]([a-z][\w'’ -]{1,40}?[.,!?]?)[”\"]")


@dataclass
class Term:
    start: int
    end: int
    text: str
    category: str
    detector: str          # "cue" | "lexicon" | "scare_quotes"
    voice: str = "own"
    speaker: str | None = None
    how: str | None = None      # how the voice was told: "quotation marks" | "reported speech"
    features: tuple[float, ...] = ()     # the candidate's signals, in the order of ``FEATURES``
    shared: bool = False                 # another outlet of the story uses the word(s) too
    score: float = 0.0                   # the model's probability that the term is loaded


#: the story-words gate reads a hand-written cue by its whole stem (the others by ``SHARED_PREFIX`` letters)
CUE_WHOLE_STEM = True
#: a cue the table flags as listed (a model weighing no cue signal) is flagged in the outlet's own words only
CUE_OWN_ONLY = True
#: how many letters of a word's stem must match for another outlet to "use the word too" (None: the whole
#: stem; 6 made "authoritarian" the word "author" and "posturing" the word "posture")
SHARED_PREFIX: int | None = 6


@lru_cache(maxsize=512)
def _stems(text: str, prefix: int | None = None) -> frozenset[str]:
    """The word stems of a text (cached: each article is another's "other" once per article of its story)."""
    return frozenset(_stem(m.group(0), prefix) for m in _TOKEN.finditer(text))


@lru_cache(maxsize=1 << 16)
def _stem(word: str, prefix: int | None = 6) -> str:
    """A word less its inflection ("killing" → "kill"), its first ``prefix`` letters (None: all)."""
    w = fold(word).strip("'’")
    for suf in ("ings", "ing", "ed", "es", "s", "ly"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[:-len(suf)][:prefix]
    return w[:prefix]


def _title_case(text: str) -> bool:
    """Most words capitalised, as in many headlines ("Trump Slams Critics Over Deal")."""
    ws = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return len(ws) >= 3 and sum(w[0].isupper() for w in ws) >= 0.7 * len(ws)


def _proper(text: str, start: int, word: str) -> bool:
    """A capitalised word that does not open a sentence or a quotation: a name's part ("Liberty")."""
    if not word[:1].isupper():
        return False
    before = text[max(0, start - 4):start].rstrip(" ")
    return not (not before or before[-1] in ".!?:\n\"“‘'(—–" or before[-2:-1] in (".", "!", "?", ":"))


#: determiners before which "claim(s)" is a noun, not a verb of saying
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "these", "those", "such", "this", "that", "our",
                "my", "your", "of", "any", "no", "some", "many", "similar", "false", "new"}


def _not_meant(words: list[str], i: int, n: int) -> bool:
    """A cue form used in its plain sense: a noun after a determiner ("the claims"), a court plea
    ("pleaded guilty")."""
    w = words[i]
    if n == 1 and w in ("claim", "claims", "spin", "hack", "mob", "blow") and i and words[i - 1] in _DETERMINERS:
        return True
    nxt = words[i + n] if i + n < len(words) else ""
    return w.startswith("plead") and nxt in ("guilty", "not", "no", "innocent")


_PERSONAL = {"he", "she", "they", "him", "her", "them", "his", "their", "hers", "theirs"}


def _targets(text: str, tokens: list, words: list[str], text_for_case: str) -> list[bool]:
    """For each token: a name (a capitalised word inside a sentence) or a personal pronoun, i.e. someone a
    nearby evaluative word may be aimed at."""
    return [w in _PERSONAL or _proper(text_for_case, m.start(), text_for_case[m.start():m.end()])
            for m, w in zip(tokens, words)]


@lru_cache(maxsize=8)
def _table_parts(table: tuple) -> tuple[dict[str, str], frozenset[str], int]:
    """A cue table as (form → category, first words, most words of a form)."""
    d = dict(table)
    return d, frozenset(k.split()[0] for k in d), max((len(k.split()) for k in d), default=1)


def detect(text: str, *, others: Sequence[str] = (), voice: Voice | None = None, headline: bool = False,
           model: Model | None = None, table: dict[str, str] | None = None, keep_all: bool = False,
           gates: Sequence[str] = GATES) -> list[Term]:
    """The loaded terms of one text, in order, each with its voice.

    Candidates: the hand-written cues, the words the packaged lexicons list, scare quotes. Each gets its
    signals (``FEATURES``) and the model's probability (``Term.score``); those at the model's threshold or
    above are kept, adjacent ones joined into one phrase. ``others``: the texts of the story's other
    articles (a word they all use is the story's topic, a signal against it). ``headline``: the text is a
    headline (single quotation marks quote; a title-case headline's capitals are no names). ``table``: hand-written
    cues to use (none by default; ``cues()`` is the full list, the benchmark's folds pass their own); a cue is
    flagged as listed unless the model weighs a cue signal; ``keep_all``: every candidate,
    unjoined, with its score (for fitting); ``gates``: which of ``GATES`` leave candidates out first (the
    story's shared words need ``others``)."""
    if not text:
        return []
    model = model or shipped_model()
    voice = voice or voices(text, single_quotes=headline)
    if headline and _title_case(text):
        text_for_case = text.lower()
    else:
        text_for_case = text
    other_stems = [_stems(o, SHARED_PREFIX) for o in others if o]
    other_whole = [_stems(o, None) for o in others if o] if table else []
    found: list[Term] = []
    taken: list[tuple[int, int]] = []
    # word frequency is read only where it can count: for fitting (every candidate kept) or a model weighing it
    by_frequency = keep_all or bool(model.weights[FEATURES.index("frequency")])

    def free(a: int, b: int, recent: bool = True) -> bool:
        """No term found yet overlaps a…b (in the token pass only the last few can)."""
        return all(b <= x or a >= y for x, y in (taken[-3:] if recent else taken))

    tokens = list(_TOKEN.finditer(text))
    words = [fold(m.group(0)).replace("’", "'") for m in tokens]
    if table is None:
        table = cue_table(model.cues_refuted) if model.cue_list else {}
    table, firsts, longest = _table_parts(tuple(sorted(table.items()))) if table else ({}, frozenset(), 0)
    target = _targets(text, tokens, words, text_for_case)
    sents = _sentences(text)
    token_at = {m.start(): k for k, m in enumerate(tokens)}

    def signals(t: Term, i: int, n: int) -> tuple[float, ...]:
        """``FEATURES`` of a candidate spanning tokens i … i+n-1."""
        vals = [lexicon_values(w) if any(lexicon_values(w)) or "-" not in w else lexicon_values(w.rsplit("-", 1)[1])
                for w in words[i:i + n]] or [(0.0, 0.0, 0.0)]
        subj = max(v[0] for v in vals)
        pol = max((v[1] for v in vals), key=abs)
        val = max((v[2] for v in vals), key=abs)
        how = voice.at(t.start, t.end)[2]
        uses = [all(_stem(x, SHARED_PREFIX) in st for x in words[i:i + n]) for st in other_stems]
        topic = bool(uses) and all(uses)
        # a listed cue is another outlet's word only when that outlet uses the very word ("authorized" is not
        # "authoritarian", "posture" not "posturing")
        t.shared = any(all(_stem(x, None) in st for x in words[i:i + n]) for st in other_whole) \
            if t.detector == "cue" and CUE_WHOLE_STEM else any(uses)
        classes = [word_class(x) for x in words[i:i + n]]
        noun = float(t.detector != "scare_quotes" and classes[-1] == "noun" and "adj" not in classes)
        verb = float(t.detector != "scare_quotes" and classes[0] == "verb")
        sent = next(((x, y) for x, y in sents if x <= t.start < y), (0, len(text)))
        near = any(target[k] and sent[0] <= tokens[k].start() < sent[1] and not (i <= k < i + n)
                   for k in range(max(0, i - 3), min(len(tokens), i + n + 3)))
        return (float(t.detector == "scare_quotes"), subj, abs(pol), abs(val),
                float(pol < 0 or val < 0), float(how == "quotation marks"), float(how == "reported speech"),
                float(topic), float(near), float(words[i + n - 1].endswith("ly") if n else 0),
                float(n > 1), subj * abs(pol), float(t.detector == "cue"), noun, verb,
                min((frequency(w) for w in words[i:i + n]), default=0.0) if by_frequency else 0.0)

    i = 0
    while i < len(tokens):
        hit = None
        for n in range(min(longest, len(tokens) - i) if words[i] in firsts else 0, 0, -1):
            last = tokens[i + n - 1]
            if n > 1 and not all(text[tokens[j].end():tokens[j + 1].start()].isspace() and
                                 "\n" not in text[tokens[j].end():tokens[j + 1].start()] for j in range(i, i + n - 1)):
                continue
            cat = table.get(" ".join(words[i:i + n]))
            if cat:
                hit = (n, cat, last.end())
                break
        m = tokens[i]
        if hit and _not_meant(words, i, hit[0]):
            hit = None
        if hit and not _proper(text_for_case, m.start(), m.group(0)):
            t = Term(m.start(), hit[2], text[m.start():hit[2]], hit[1], "cue")
            t.features = signals(t, i, hit[0])
            found.append(t)
            taken.append((m.start(), hit[2]))
            i += hit[0]
            continue
        i += 1
        w = m.group(0)
        cat, k = lexicon_category(w), i - 1
        if cat is None and "-" in w:
            cat = lexicon_category(w.rsplit("-", 1)[1])     # "narco-terrorism"
        if cat is None or not free(m.start(), m.end()) or \
                _proper(text_for_case, m.start(), text_for_case[m.start():m.end()]):
            continue
        if cat == "subjective" and fold(w).endswith("ed") and (i < 2 or words[i - 2] not in _BEFORE_ADJECTIVE):
            continue              # a past tense the adjective lexicon reads as an adjective ("confirmed")
        t = Term(m.start(), m.end(), w, cat, "lexicon")
        t.features = signals(t, k, 1)
        found.append(t)
        taken.append((m.start(), m.end()))
    for m in _SCARE.finditer(text):
        inner = m.group(1).rstrip(".,!?")
        n = len(inner.split())
        lo, hi = m.start(1), m.start(1) + len(inner)
        # a cue inside the quotation marks gives way to the scare quote ("the “so-called” plan")
        cued = [t for t in found if t.detector == "cue" and lo <= t.start and t.end <= hi]
        spans = {(t.start, t.end) for t in cued}
        if not 1 <= n <= 3 or not all(hi <= x or lo >= y for x, y in taken if (x, y) not in spans):
            continue
        a = m.start()
        if _inside([(x, y) for x, y, _ in voice.quotes if (x, y) != (a, m.end())], a, m.end()):
            continue              # a quotation inside a quotation
        sent = next(((x, y) for x, y in sents if x <= a < y), (a, m.end()))
        labelled = re.search(r"\b(?:as|called|calls|calling|call|labell?ed|branded|dubbed|termed|deemed|"
                             r"denounced|described)\s*$", text[max(0, a - 40):a])
        if not labelled and (_speaker_near(text, a, m.end(), sent) or
                             any(x <= a and m.end() <= y for x, y, _ in voice.reported)):
            continue              # someone is said to have said it: a short quotation
        # a label someone applies ("condemned these actions as “extrajudicial executions”"), else a scare quote
        t = Term(m.start(), m.end(), m.group(0), "quoted label" if labelled else "scare quotes", "scare_quotes")
        if cued:
            found = [x for x in found if all(x is not c for c in cued)]
        first = token_at.get(m.start(1))
        t.features = signals(t, first, n) if first is not None else (1.0,) + (0.0,) * (len(FEATURES) - 1)
        found.append(t)
    if "story words" in gates:
        found = [t for t in found if t.detector == "scare_quotes" or not t.shared]
    if "event words" in gates:
        kn, ks, kv = FEATURES.index("noun"), FEATURES.index("subjectivity"), FEATURES.index("verb")
        # VADER-scored nouns and verbs that TextBlob does not call subjective
        found = [t for t in found if t.detector != "lexicon" or t.features[ks] or not (t.features[kn] or t.features[kv])]
    named = cues()
    for t in found:
        t.score = model.probability(t.features)
        if t.detector == "lexicon":         # the category a reader knows it by, where the cue list names one
            t.category = named.get(fold(t.text).replace("’", "'"), t.category)
    if not keep_all:
        # a model that weighs no cue signal leaves the table's cues to the table: each is flagged
        # (in the outlet's own words only, when ``CUE_OWN_ONLY``: a quoted cue is weighed like any candidate)
        listed = not model.weights[FEATURES.index("cue")]
        for t in found:
            _give_voice(t, voice)
        found = _join(text, [t for t in found if t.score >= model.threshold or
                             listed and t.detector == "cue" and (t.voice == "own" or not CUE_OWN_ONLY)])
    for t in sorted(found, key=lambda t: t.start):
        _give_voice(t, voice)
    return sorted(found, key=lambda t: t.start)


def _give_voice(t: Term, voice: Voice) -> None:
    """Who says the term: the outlet (``own``) or someone it quotes, with how that is told."""
    t.voice, t.speaker, t.how = voice.at(t.start, t.end)
    if t.detector == "scare_quotes":
        reported = next((sp for a, b, sp in voice.reported if a <= t.start and t.end <= b), None)
        t.voice, t.speaker = "quoted", t.speaker or reported
        t.how = "quoted label" if t.category == "quoted label" else "scare quotes"
    elif t.how == "quotation marks" and t.speaker is None:
        # a quotation inside an attributed sentence ("rights groups called them “…”")
        for a, b, sp in voice.reported:
            if a <= t.start and t.end <= b and sp:
                t.speaker = sp
                break


def _said(t: Term, text: str, said: Iterable[tuple[int, int, str]]) -> None:
    """``t`` given the speaker of the attributed quotation it lies in (the words, or the words with
    their marks); a scare quote that is a whole quotation becomes a short quotation."""
    for a, b, speaker in said:
        whole = t.start <= a and b <= t.end and not text[t.start:a].strip("\"“‘'") and \
            not text[b:t.end].strip("\"”’' .,;:!?")
        if whole or a <= t.start and t.end <= b:
            if t.detector == "scare_quotes" and t.category == "scare quotes":
                t.category = "short quotation"
            t.voice, t.speaker, t.how = "quoted", t.speaker or speaker, "quotation marks"
            return


def _join(text: str, terms: list[Term]) -> list[Term]:
    """Adjacent terms become one phrase; a modifier just before a term joins it ("utterly irresponsible")."""
    terms.sort(key=lambda t: t.start)
    out: list[Term] = []
    for t in terms:
        lo = max(0, t.start - 30)
        m = re.search(r"(?<![\w-])([A-Za-z]+)[ \t]+$", text[lo:t.start])
        if m and m.group(1).lower() in MODIFIERS \
                and (not out or out[-1].end <= lo + m.start(1)):
            a = lo + m.start(1)
            t = Term(a, t.end, text[a:t.end], t.category, t.detector, features=t.features, score=t.score)
        if out and re.fullmatch(r"\s+(?:and\s+)?|,\s+|-", text[out[-1].end:t.start]) and "\n" not in text[out[-1].end:t.start]:
            prev = out[-1]
            out[-1] = Term(prev.start, max(prev.end, t.end), text[prev.start:max(prev.end, t.end)],
                           prev.category if prev.detector == "cue" else t.category,
                           prev.detector if prev.detector == "cue" else t.detector,
                           features=prev.features if prev.score >= t.score else t.features,
                           score=max(prev.score, t.score))
        elif out and t.start < out[-1].end:
            continue
        else:
            out.append(t)
    return out


# -- the report section --------------------------------------------------------------------------
def _sentence_around(view, start: int, end: int) -> str:
    s = view.sentence_of(start)
    if s is not None and s.end >= end:
        return s.text
    return view.text[start:end]


def find_loaded(views: list, facts: list[dict] | None = None,
                said: dict[str, list[tuple[int, int, str]]] | None = None) -> list[dict]:
    """The ``loaded_terms`` section: one entry per term, in article order then text order.

    Each entry keeps ``term``, ``outlet``, ``article`` and ``quote`` (its sentence, verbatim) and
    adds ``field`` ("text" or "title"), ``start``/``end`` (offsets into that field),
    ``voice`` ("own" | "quoted"), ``speaker`` (when named), ``attributed_by`` (how the voice was
    told), ``category``, ``detector`` and ``score`` (the model's probability, 3 decimals). ``facts`` is
    accepted for the caller's convenience. ``said`` (``quotes.said_by``): each article's quotations the
    parse gives a named speaker; a term within one is that speaker's word, and words in quotation marks
    that are all of one ("accusing Washington of “preparing an invasion”") are a short quotation, not
    the outlet's scare quote."""
    out: list[dict] = []
    texts = {v.id: v.text for v in views}
    by_outlet: dict[str, list[str]] = {}
    for v in views:
        by_outlet.setdefault(v.label, []).append(v.id)
    for v in views:
        others = [texts[o] for label, ids in by_outlet.items() if label != v.label for o in ids[:1]]
        title = getattr(v.article, "title", None) or ""
        for field, text in (("title", title), ("text", v.text)):
            if not text:
                continue
            other_texts = others if field == "text" else [getattr(o.article, "title", "") or "" for o in views
                                                           if o.label != v.label] + others
            for t in detect(text, others=other_texts, headline=field == "title"):
                if field == "text":
                    _said(t, text, (said or {}).get(v.id, ()))
                quote = title if field == "title" else _sentence_around(v, t.start, t.end)
                out.append({"term": t.text, "outlet": v.label, "article": v.id, "quote": quote,
                            "field": field, "start": t.start, "end": t.end, "voice": t.voice,
                            "speaker": t.speaker, "attributed_by": t.how, "category": t.category,
                            "detector": t.detector, "score": round(t.score, 3)})
    return out


def __getattr__(name: str):
    """``_TERM_RE``: the hand-written cues as one pattern, for callers that look for loaded wording in a
    text (the brief avoids it); compiled on first use, not at import."""
    if name == "_TERM_RE":
        return _cue_re()
    raise AttributeError(name)
