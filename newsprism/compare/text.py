"""Articles as the comparison sees them: a display label, an anchor date,
sentences and clauses as verbatim character spans, entities, and the story's people.

Outlet label: an article without an outlet is shown as the outlet of one of its
duplicates when one states it (the same article published there), else by a
short label from its domain or file name (``newsprism.extract.outlet.label``),
the same in every view.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from newsprism.compare import models
from newsprism.dates import day_of
from newsprism.extract.outlet import label as outlet_label
from newsprism.types import Article

#: titles abbreviated with a period before a name ("Bloomington Police Sgt. Marty Earley", "Const. Tim Fanning", "the
#: Rev. Larry Kroon"): neither the name nor the sentence ends at that period
TITLES = ("Const", "Cpl", "Det", "Sgt", "Lt", "Capt", "Maj", "Col", "Gen", "Pvt", "Insp", "Supt", "Cmdr", "Adm", "Gov",
          "Sen", "Rep", "Atty", "Pres", "Hon", "Rev", "Msgr", "Fr", "Prof", "Dr", "Mr", "Mrs", "Ms")
ABBREV = {t.lower() for t in TITLES} | {"reps", "st", "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "jan",
          "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "ft", "mt", "u.s", "u.n", "u.k", "d.c",
          "a.m", "p.m", "e.g", "i.e", "etc", "sens", "govs", "gens", "fla", "ky", "tenn", "ga", "mich", "minn",
          "calif", "ariz", "mass", "conn", "wash", "ill", "pa", "va", "n.c", "s.c", "n.y", "r", "d", "i", "www"}
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|[.!?][\"”’]\s*(?=[\"“][A-Z])")
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")
_NAME_BANG = re.compile(r"\s[A-Z][a-z]+!$")              # "... both Yahoo!"
_NAME_GOES_ON = re.compile(r"[A-Z][a-z]+\s+[a-z]")       # "News and ..."
_JUNK_LINE = re.compile(r"^\s*(read more|also read|related|advertisement|share|gallery|watch|click|sign up|"
                        r"subscribe|follow us|©|copyright)\b", re.I)
_CLAUSE_BREAK = re.compile(
    r";\s+|\s+[—–]\s*|—|\s+-\s+|,\s+(?=(?:while|whereas|though|although|but|which|who|including|after|before|"
    r"amid|as|according to|discussing|following|where|when|despite|leaving|killing|saying|prompting|"
    r"signaling|citing|conducting|leveraging|fearing|calculating|emphasizing|exploring|portraying|reiterating|"
    r"[a-z]+ing\s+(?:the|a|an|his|her|its|their)\b)\b)")
STOP = set("""a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor
not now of off on once only or other our ours ourselves out over own same she should so some such than that the
their theirs them themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves said says say told
would also one two mr mrs ms just like could may might must shall upon per via s t""".split())
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w’'-]*|\d[\d,.]*")
TITLE_WORDS = {"president", "former", "vice", "sen", "sen.", "senator", "rep", "rep.", "representative",
               "gov", "gov.", "governor", "mayor", "secretary", "speaker", "leader", "minister", "prime", "mr",
               "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "gen", "gen.", "general", "chairman", "chief",
               "judge", "justice", "attorney", "congressman", "congresswoman", "sheriff", "rev", "rev.",
               "us", "u.s.", "state", "defense", "opposition", "house", "senate", "majority", "minority",
               "democratic", "republican", "first", "lady", "ambassador", "director", "adviser", "advisor",
               "spokesman", "spokeswoman", "commissioner", "chair", "ceo", "candidate", "nominee", "king",
               "queen", "pope", "prince", "of", "the",
               # offices and ranks written before a name ("Clerk Janette Bower", "Pastor Larry Kroon")
               "clerk", "pastor", "coach", "officer", "detective", "sergeant", "lieutenant", "captain", "constable",
               "prosecutor", "trooper", "deputy", "superintendent", "inspector", "professor", "councilman",
               "councilwoman", "councillor", "bishop", "archbishop", "cardinal", "reverend"}


def fold(s: str) -> str:
    """Lower-case, accents stripped, curly quotes straightened (words cached)."""
    return _fold_word(s) if len(s) <= 40 else _fold(s)


def _fold(s: str) -> str:
    if s.isascii():
        return s.lower()
    s = unicodedata.normalize("NFKD", s.replace("’", "'").replace("‘", "'"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


_fold_word = lru_cache(maxsize=1 << 17)(_fold)


def words(s: str) -> list[str]:
    return _WORD.findall(s)


@lru_cache(maxsize=1 << 17)
def stem(w: str) -> str:
    w = fold(w).strip("'").removesuffix("'s")
    for suf in ("ing", "ed", "es", "s"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)][:7]
    return w[:7]


def content(s: str) -> set[str]:
    return {stem(w) for w in words(s) if fold(w) not in STOP and len(w) > 1}


@dataclass
class Span:
    start: int
    end: int
    text: str
    sentence: int = 0       # index of the sentence it lies in


@dataclass
class ArticleView:
    article: Article
    label: str
    anchor: date | None
    anchor_source: str          # "published" | "duplicate" | "story" | "none"
    sentences: list[Span] = field(default_factory=list)
    ents: list[tuple[int, int, str, str]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        return self.article.text

    def ents_in(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        ents = self.ents
        i = bisect_left(ents, (start,))
        out = []
        while i < len(ents) and ents[i][0] < end:
            if ents[i][1] <= end:
                out.append(ents[i])
            i += 1
        return out

    def sentence_of(self, pos: int) -> Span | None:
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return None


def label_for(a: Article, dupes: list[Article]) -> str:
    """The article's outlet, else a duplicate's, else its short source label (``newsprism.extract.outlet.label``)."""
    return outlet_label(a, dupes)


def split_sentences(text: str) -> list[Span]:
    """Sentences as verbatim spans; one paragraph (line) never spans two sentences."""
    out: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        start_line = pos
        pos += len(line) + 1
        if not line.strip() or _JUNK_LINE.match(line):
            continue
        cuts = [0]
        for m in _BOUNDARY.finditer(line):
            before = line[: m.start() + 1].rstrip(".!?\"”’')]")
            last = re.split(r"[\s(\"“]", before)[-1].lower().rstrip(".")
            # an abbreviation, an initial, a dotted initialism ("R.F.K. Stadium", like "U.S." and "D.C.")
            if m.group(0)[0] == "." and (last in ABBREV or (len(last) == 1 and last.isalpha())
                                         or _INITIALISM.fullmatch(last)):
                continue
            # a decimal point a tokenised text set apart ("a 3. 1-inch screen", "$99. 99 down"): a short number
            # before the period, a digit after it
            if m.group(0)[0] == "." and re.fullmatch(r"\W?\d{1,3}", last) and line[m.end():m.end() + 1].isdigit():
                continue
            # a quotation nested in an open double quotation ends there, not the sentence ("... says ‘what's in
            # it?’ And ‘let's make it as good as it can be.’ ”)
            if m.group(0).rstrip().endswith("’") and (line.count("“", 0, m.start()) > line.count("”", 0, m.start())
                                                       or line.count('"', 0, m.start()) % 2):
                continue
            # a bracket still open holds its sentence ("(Yahoo! News article)"); and a "!" that is part of a
            # name, glued to a capitalised word inside a sentence and followed by another ("While both Yahoo! News
            # and CNN ..."), ends nothing
            seg = line[cuts[-1]:m.end()]
            if seg.count("(") > seg.count(")") and ")" in line[m.end():]:
                continue
            if (m.group(0).rstrip() == "!" and len(seg.split()) > 2 and _NAME_BANG.search(line, 0, m.start() + 1)
                    and _NAME_GOES_ON.match(line, m.end())):
                continue
            cuts.append(m.end())
        cuts.append(len(line))
        for a, b in zip(cuts, cuts[1:]):
            seg = line[a:b]
            lead = len(seg) - len(seg.lstrip())
            seg = seg.strip()
            if seg:
                s = start_line + a + lead
                out.append(Span(s, s + len(seg), seg))
    for i, s in enumerate(out):
        s.sentence = i
    return out


def is_heading(s: Span) -> bool:
    """A headline-like line or an FAQ question, not a claim."""
    t = s.text
    n = len(t.split())
    if t.endswith("?") and not re.search(r"[\"“”]", t):
        return True
    return not re.search(r"[.!\"”:’']$", t) and n < 14


def clauses(s: Span, min_words: int = 5) -> list[Span]:
    """Split a sentence into claim-sized clauses at strong breaks; tiny pieces stay attached."""
    pieces: list[tuple[int, int]] = []
    last = 0
    quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”|\"[^\"]*\"", s.text)]
    for m in _CLAUSE_BREAK.finditer(s.text):
        if any(a < m.start() < b for a, b in quoted):
            continue
        pieces.append((last, m.start()))
        last = m.end()
    pieces.append((last, len(s.text)))
    merged: list[list[int]] = []
    for a, b in pieces:
        n = len(s.text[a:b].split())
        if merged and (n < min_words or len(s.text[merged[-1][0]:merged[-1][1]].split()) < min_words):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    out = []
    for a, b in merged:
        seg = s.text[a:b]
        lead = len(seg) - len(seg.lstrip(" ,;:—–-"))
        seg = seg.strip(" ,;:—–-")
        if seg:
            out.append(Span(s.start + a + lead, s.start + a + lead + len(seg), seg, s.sentence))
    return out


def build_views(articles: list[Article], entities: bool = True) -> list[ArticleView]:
    """Canonical articles of a story (duplicates speak through their canonical copy);
    ``entities=False`` leaves the entities to a later ``attach_entities``."""
    by_id = {a.id: a for a in articles}
    dupes: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        if a.duplicate_of:
            dupes[a.duplicate_of].append(a)
    canon = [a for a in articles if not a.duplicate_of or a.duplicate_of not in by_id]
    views = []
    for a in canon:
        anchor, source = day_of(a.published), "published"
        if anchor is None:
            anchor = next((day_of(d.published) for d in dupes[a.id] if day_of(d.published)), None)
            source = "duplicate" if anchor else "none"
        views.append(ArticleView(a, label_for(a, dupes[a.id]), anchor, source, split_sentences(a.text or "")))
    known = sorted(v.anchor for v in views if v.anchor)
    for v in views:
        if v.anchor is None and known:
            v.anchor, v.anchor_source = known[len(known) // 2], "story"
    return attach_entities(views) if entities else views


#: The entity tagger reads at most NER_BUDGET characters of a story: each article's lead, the
#: first NER_BUDGET / articles characters (at least NER_MIN_LEAD, cut at a sentence end), where
#: news names its people and organisations in full; a 3-outlet story is read whole. Past its
#: lead an article's entities are the names the tagger found anywhere in the story, matched as
#: written (and a person's surname alone). The tagger reads about 30,000 characters a second.
NER_BUDGET = 20_000
NER_MIN_LEAD = 700
#: entity kinds carried past the leads by string match (not dates, times or quantities)
_CARRIED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}


def ner_leads(views: list[ArticleView], budget: int | None = None) -> list[str]:
    """The part of each article the entity tagger reads (the whole text when the story fits the budget)."""
    budget = NER_BUDGET if budget is None else budget
    if sum(len(v.text or "") for v in views) <= budget:
        return [v.text or "" for v in views]
    quota = max(NER_MIN_LEAD, budget // max(1, len(views)))
    out = []
    for v in views:
        text = v.text or ""
        if len(text) <= quota:
            out.append(text)
            continue
        cut = max((s.end for s in v.sentences if s.end <= quota), default=0)
        out.append(text[:cut] if cut > quota // 3 else text[:quota])
    return out


def attach_entities(views: list[ArticleView], found: list[list[tuple[int, int, str, str]]] | None = None,
                    leads: list[str] | None = None) -> list[ArticleView]:
    """Entities of each view: ``found`` by the tagger on ``leads`` (tagged here when not given), then
    past each lead the story's names matched as written."""
    if leads is None:
        leads = ner_leads(views)
    if found is None:
        found = models.entities(leads)
    for v, e in zip(views, found):
        v.ents = sorted(e)
    if any(len(lead) < len(v.text or "") for v, lead in zip(views, leads)):
        _carry_names(views, leads)
    return views


def _carry_names(views: list[ArticleView], leads: list[str]) -> None:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for v in views:
        for _, _, label, text in v.ents:
            if label in _CARRIED and len(text) > 2 and text[0].isupper():
                votes[text][label] += 1
                toks = text.split()
                if label == "PERSON" and len(toks) > 1 and toks[-1][0].isupper() and len(toks[-1]) > 2:
                    votes[toks[-1]]["PERSON"] += 1
    if not votes:
        return
    label_of = {t: c.most_common(1)[0][0] for t, c in votes.items()}
    names = sorted(label_of, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w’'-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w’-])")
    for v, lead in zip(views, leads):
        text = v.text or ""
        if len(lead) >= len(text):
            continue
        v.ents = sorted(v.ents + [(m.start(), m.end(), label_of[m.group(0)], m.group(0))
                                 for m in pattern.finditer(text, len(lead))])


# -- people ------------------------------------------------------------------------------------------------
_POSS = re.compile(r"(['’]s?|\s)+$")


_TITLES_BARE = {t.rstrip(".") for t in TITLE_WORDS}


def clean_name(name: str) -> str:
    """A person's name as the tagger found it, without brackets, a possessive, titles before it, or punctuation
    after it (the tagger's "Herbert Flynn Jr: '" is Herbert Flynn Jr)."""
    name = re.sub(r"[\s:;,'\"’‘“”]+$", "", _POSS.sub("", re.sub(r"[\[\]()]", "", name).strip()))
    toks = name.split()
    while toks and fold(toks[0]).rstrip(".") in _TITLES_BARE:
        toks = toks[1:]
    return " ".join(toks)


#: what follows a surname without being one: "William Taylor III", "Martin Luther King Jr."
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def surname_key(name: str) -> str:
    """The folded surname of a cleaned name: its last word that is not a generational suffix."""
    toks = [fold(t).rstrip(".,") for t in name.split()]
    while len(toks) > 1 and toks[-1] in _SUFFIXES:
        toks.pop()
    return toks[-1] if toks else ""


#: honorifics that state a person's gender ("Ms. Lerner said"); titles of office ("Rep.", "Gov.") do not
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+([A-Z][\w'’-]+)")


@lru_cache(maxsize=1)
def _name_genders():
    try:
        import gender_guesser.detector as gd
    except ImportError:        # an optional cue: without it only the articles' own honorifics are read
        return None
    return gd.Detector(case_sensitive=False)


def first_name_gender(name: str) -> str | None:
    """"f" or "m" when gender-guesser's dictionary of first names gives the first name to one gender in every
    reading it has (overall, in the US, in Britain) and only to it in one of them; else None (unknown,
    androgynous, read differently by country: "Kay", "Jean"; or no first name)."""
    toks = [t for t in clean_name(name).split() if len(t.rstrip(".")) > 1]
    det = _name_genders()
    if len(toks) < 2 or det is None:
        return None
    seen = [det.get_gender(toks[0]), det.get_gender(toks[0], "usa"), det.get_gender(toks[0], "great_britain")]
    for g, strict in (("m", "male"), ("f", "female")):
        if all(x in (strict, "mostly_" + strict) for x in seen) and strict in seen:
            return g
    return None


def _first_key(name: str) -> str:
    """The folded first name of a cleaned name of two words or more ("" for an initial: "H. Clinton")."""
    first = fold(name.split()[0]).rstrip(".")
    return first if len(first) > 1 else ""


@dataclass
class People:
    """The story's people: every mention mapped to one canonical full name."""

    canonical: dict[str, str] = field(default_factory=dict)   # folded surname -> full name
    mentions: dict[str, list[tuple[ArticleView, int, int, str]]] = field(default_factory=lambda: defaultdict(list))
    honorifics: dict[str, str] = field(default_factory=dict)  # full name -> "f"/"m", from "Ms. X" / "Mr. X"
    #: where an article names people of different first names with one surname (a victim and her father, Bill
    #: and Hillary Clinton): "first surname" -> that person's full name
    kin: dict[str, str] = field(default_factory=dict)

    def resolve(self, name: str) -> str | None:
        """The person a name stands for: by first name and surname where two people share the surname
        ("Herbert Flynn Jr" is not Ka'loni Flynn), else by the surname (a bare surname is the person the story
        names most in full)."""
        n = clean_name(name)
        if not n:
            return None
        key = surname_key(n)
        if self.kin and len(n.split()) > 1:
            hit = self.kin.get(f"{_first_key(n)} {key}")
            if hit:
                return hit
        return self.canonical.get(key)

    def gender(self, person: str) -> str | None:
        """What the articles tell of a person's gender, for "he"/"she": an honorific they give the person,
        else the first name's usual gender; None when neither says."""
        return self.honorifics.get(person) or first_name_gender(person)


def find_people(views: list[ArticleView]) -> People:
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    single: Counter[str] = Counter()
    shared: set[str] = set()      # surnames one article gives to people of different first names
    # one-word "names" an article writes as a town with its state or country closing the phrase ("in his hometown of
    # Hope, Arkansas."), not "Cuomo, New York's governor" or "Pelosi, California Democrat"
    places: set[str] = set()
    for v in views:
        gpe = {s: e for s, e, label, _ in v.ents if label == "GPE"}
        for s, e, label, text in v.ents:
            gap = re.match(r",\s*", v.text[e:e + 3])
            end = gpe.get(e + gap.end()) if gap else None
            n = clean_name(text)
            if end is not None and re.match(r"[.,;:)\n]|$", v.text[end:end + 1]) and len(n.split()) == 1:
                places.add(surname_key(n))
    for v in views:
        firsts: dict[str, set[str]] = defaultdict(set)
        for s, e, label, text in v.ents:
            if label == "PERSON":
                n = clean_name(text)
                if n and n[0].isupper() and len(n) > 2 and not (" " not in n and surname_key(n) in places):
                    forms[surname_key(n)][n] += 1
                    single[surname_key(n)] += 1
                    if len(n.split()) > 1 and _first_key(n):
                        firsts[surname_key(n)].add(_first_key(n))
        shared.update(k for k, f in firsts.items() if len(f) > 1)
    people = People()
    for key, counter in forms.items():
        multi = [(c, len(f), f) for f, c in counter.items() if len(f.split()) > 1]
        people.canonical[key] = max(multi)[2] if multi else counter.most_common(1)[0][0]
        firsts: dict[str, tuple[int, int, str]] = {}
        for c, n, f in multi:
            k = _first_key(f)
            if k and (k not in firsts or (c, n, f) > firsts[k]):
                firsts[k] = (c, n, f)
        if key in shared:
            # one article names two people of this surname ("Ka'loni Flynn" and her father "Herbert Flynn Jr"); a
            # first name only another article writes ("Joe Biden" beside the Times' "Joseph R. Biden Jr.") is
            # the same person's, unless an article names both
            people.kin.update((f"{k} {key}", f) for k, (_, _, f) in firsts.items())
    # mentions: PERSON entities plus mis-tagged ones whose surname is a known person
    for v in views:
        for s, e, label, text in v.ents:
            n = clean_name(text)
            if not n:
                continue
            key = surname_key(n)
            if key in people.canonical and (label == "PERSON" or len(n.split()) == 1 or label in ("ORG", "GPE", "WORK_OF_ART", "NORP")):
                person = people.resolve(n) or people.canonical[key]
                if label != "PERSON" and len(n.split()) > 1 and fold(n) != fold(person):
                    continue
                people.mentions[person].append((v, s, e, text))
    said: dict[str, set[str]] = defaultdict(set)
    for v in views:
        for m in _HONORIFIC.finditer(v.text):
            p = people.canonical.get(surname_key(m.group(2)))
            if p:
                said[p].add("m" if m.group(1) == "Mr" else "f")
    people.honorifics = {p: next(iter(g)) for p, g in said.items() if len(g) == 1}   # two surnames alike: none
    return people
