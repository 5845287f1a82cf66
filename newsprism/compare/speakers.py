"""Who says a quotation: the speaker read from the dependency parse of its sentence, or from patterns beside it.

The speaker is the subject of the verb of saying nearest the quote in the parse of its sentence (``X said``,
``said X``, ``X told Fox News:``, "X was quoted as saying", the owner of "his claim that … “…”"; a question put
with "Asked, “…?”" is unnamed); a pronoun stands for the person that is the subject of the nearest clause
before it (``Resolver.antecedent``), a descriptor for the name set beside it ("the legislator, Representative
Carl Seel"), a document's author ("a statement from …"), the person the article gives that title ("the
congressman"), or, for a definite description of a person or an organisation ("the company", "the star"), the
named entity ``referents`` finds for it ("it" too: the nearest organisation that spoke); a group, a document
with no author or an indefinite description keeps its description ("the letter", "a spokesman"). A verb of
saying in the passive is its agent's, never its subject's ("he has been described as “…”"). Quoted words with
no verb of saying are the main clause's named subject's. Without a parse, patterns next to the quote
(``pattern_speaker``) do the same more roughly.
"""

from __future__ import annotations

import re

from newsprism.compare.quotations import inside, quoted_in
from newsprism.compare.referents import SENTENCES_BACK, Referents, kind
from newsprism.compare.text import STOP, ArticleView, People, clean_name, fold

SPEECH_VERBS = ("said|says|say|told|tells|stated|states|declared|declares|added|adds|wrote|writes|tweeted|"
                "posted|warned|warns|argued|argues|explained|noted|notes|insisted|insists|claimed|claims|"
                "asserted|announced|announces|demanded|asked|asks|replied|continued|emphasized|emphasised|"
                "remarked|vowed|urged|acknowledged|admitted|quipped|recalled|conceded|stressed|predicted|"
                "reiterated|responded|retorted|countered|charged|complained|observed|pointed out|suggested|"
                "confirmed|denied|cautioned|boasted|bragged|promised|mused|joked|shouted|yelled|demands|stating|saying|"
                "telling|declaring|adding|writing|calling|called|describing|described|asserting|accusing|warning|"
                "noting|insisting|claiming|arguing|vowing|emphasizing|urging|announcing|summarized|summarised|concluded|"
                "according to")
SPEECH_VERB = re.compile(r"\b(?P<verb>%s)\b" % SPEECH_VERBS, re.I)
#: capitalised words next to a speech verb that are times, not speakers
NOT_SPEAKERS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
                "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
                "today", "yesterday", "earlier", "later", "last", "on", "in", "but", "and", "meanwhile"}
PRONOUNS = {"he", "she", "they", "it", "i", "we"}
#: pronouns that own a noun of saying ("His response: “…”"): found through the text before, not named
POSSESSIVES = {"his", "her", "their", "its"}
NAME = r"(?:[A-Z][\w.'’-]*(?:\s+(?:de|la|del|los|van|von)\b)?(?:\s+[A-Z][\w.'’-]*){0,3})"


def capital(name: str | None) -> bool:
    """A name as names are written: a capital first, or after a short lower-case particle ("diGenova",
    "al-Assad"); not a description ("the letter", "unnamed")."""
    return bool(name) and (name[:1].isupper() or re.match(r"[a-z]{1,3}-?[A-Z]", name) is not None)


def last_person(view: ArticleView, people: People, before: int, among: set[str] | None = None) -> str | None:
    best, pos = None, -1
    for name, mentions in people.mentions.items():
        if among is not None and name not in among:
            continue
        for v, s, e, _ in mentions:
            if v is view and s < before and s > pos:
                best, pos = name, s
    return best


def pattern_speaker(view: ArticleView, people: People, q_start: int, q_end: int, fr: tuple[int, int]) -> tuple[str | None, str | None, str | None]:
    """(speaker as written, canonical speaker, attribution verb) for one quote."""
    text = view.text
    after, before = text[q_end:fr[1]], text[fr[0]:q_start]
    cands: list[tuple[int, str, str]] = []   # (distance, speaker text, verb)
    # after the quote: ', Trump said' / ', said Trump' / ', he stated'
    m = re.match(r"[\s,.”\"’]*(?P<sp>" + NAME + r"|he|she|they|the [a-z][\w-]*(?: [a-z][\w-]*){0,2}|[a-z][\w-]* [A-Z][\w]+)\s+(?P<verb>" + SPEECH_VERBS + r")\b", after)
    if m:
        cands.append((m.start("verb"), m.group("sp"), m.group("verb")))
    m = re.match(r"[\s,.”\"’]*(?P<verb>" + SPEECH_VERBS + r")\s+(?P<sp>" + NAME + r")", after)
    if m:
        cands.append((m.start("verb"), m.group("sp"), m.group("verb")))
    # before the quote: 'Trump declared:' 'Maduro told reporters,' 'according to X,'
    for m in SPEECH_VERB.finditer(before):
        sub = before[:m.start()].rstrip()
        if m.group("verb").lower().endswith("ing") and re.search(r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Oo]ne|[Hh]is|[Hh]er|"
                                                                 r"[Tt]heir|[Ii]ts)(?:\s+[a-z]+)?$", sub):
            continue     # a noun: "There is an old saying that “…”", "a warning that “…”"
        sp = re.search(r"(" + NAME + r"|\b[Hh]e|\b[Ss]he|\b[Tt]hey|\b(?:[Tt]he|an?) [a-z][\w-]*(?: [a-z][\w-]*){0,2})(?:\s+(?:also|then|later|has|had|have|repeatedly|publicly|simply|once|again|reportedly|previously))*\s*,?$", sub)
        if m.group("verb").lower() == "according to":
            sp = re.match(r"\s*(?:the\s+)?(" + NAME + r")", before[m.end():])
        if sp:
            cands.append((len(before) - m.end() + 1, sp.group(1), m.group("verb")))
    if not cands:
        # a bare speech verb elsewhere in the frame, speaker = last person before it
        m = SPEECH_VERB.search(after) or SPEECH_VERB.search(before)
        if not m:
            return None, None, None
        verb = m.group("verb")
        return None, last_person(view, people, q_start), verb
    cands = [c for c in cands if fold(c[1].split()[0]) not in NOT_SPEAKERS] or cands
    cands.sort(key=lambda c: c[0])
    _, sp, verb = cands[0]
    if fold(sp.split()[0]) in NOT_SPEAKERS:     # "Trump stated on Thursday, emphasizing …"
        return None, last_person(view, people, q_start), verb
    sp = sp.strip().rstrip(",")
    if sp.endswith(".") and not re.search(r"\b(?:Jr|Sr|St|Dr|Mr|Mrs|Ms|Gov|Sen|Rep)\.$", sp):
        sp = sp[:-1]       # '…,” summarized Senor.': the sentence's period
    # 'told Fox News', 'told reporters'
    at = text.find(verb, fr[0], fr[1])
    tail = re.match(r"\s*(?P<obj>(?:the\s+)?(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}|reporters|journalists|"
                    r"supporters|troops|the \w+))", text[at + len(verb):fr[1]]) \
        if verb.lower() in ("told", "tells", "telling") and at >= 0 else None
    if tail:
        verb = f"{verb} {tail.group('obj')}"
    canonical = people.resolve(sp) if capital(sp) else None
    if canonical is None and sp and (fold(sp) in PRONOUNS or sp.lower().startswith("the ")):
        canonical = last_person(view, people, q_start)
    return sp, canonical, verb


SAY_LEMMAS = {"say", "tell", "ask", "add", "write", "tweet", "post", "declare", "state", "warn", "argue", "explain",
               "note", "insist", "claim", "assert", "announce", "reply", "respond", "remark", "vow", "urge",
               "acknowledge", "admit", "quip", "recall", "concede", "stress", "predict", "reiterate", "retort",
               "counter", "charge", "complain", "observe", "suggest", "confirm", "deny", "caution", "boast", "brag", "promise",
               "muse", "joke", "allege", "shout", "yell", "demand", "exclaim", "scream", "read", "continue", "begin", "plead",
               "question", "wonder", "inquire", "summarize", "summarise", "conclude", "repeat", "chant", "cry", "answer", "whisper", "mutter", "testify",
               # verbs that put words or a label in the subject's mouth: 'a war he called "…"',
               # 'Brown believes that … "continues a pattern"', 'Mr. Trump was quoted as saying'
               "call", "describe", "label", "dub", "term", "believe", "think", "contend", "maintain", "quote", "accuse"}
#: a definite role noun ("the president said") stands for the person the article names with that title
_ROLE_TITLES = {
    "president": ("President",), "senator": ("Sen.", "Senator"), "governor": ("Gov.", "Governor"),
    "congressman": ("Rep.", "Representative", "Congressman"), "congresswoman": ("Rep.", "Representative", "Congresswoman"),
    "mayor": ("Mayor",), "sheriff": ("Sheriff",), "chairman": ("Chairman",), "chairwoman": ("Chairwoman",),
    "secretary": ("Secretary",), "judge": ("Judge",), "pope": ("Pope",), "speaker": ("Speaker",),
}
#: nouns that end a capitalised title naming a role, not a person ("Communications Director")
_ROLE_NOUNS = {"director", "chairman", "chairwoman", "chair", "secretary", "spokesman", "spokeswoman", "spokesperson",
               "adviser", "advisor", "aide", "officer", "official", "manager", "strategist", "counsel", "chief"}
#: nouns for what carries someone's words: its author (from/by/'s) is the speaker
_DOCUMENTS = {"statement", "letter", "release", "ad", "advertisement", "memo", "email", "e-mail", "tweet", "post",
              "message", "transcript", "filing", "complaint", "lawsuit", "editorial", "op-ed", "column", "blog",
              "note", "video", "speech", "report", "book", "petition", "indictment", "document", "affidavit",
              "study", "survey", "poll", "ruling", "website", "site", "page", "account"}
#: bodies that speak as one: with an owner they are named after it ("Carl Seel's office")
_BODIES = {"campaign", "office", "committee", "administration", "team", "staff", "spokesman", "spokeswoman",
           "spokesperson", "lawyer", "attorney", "aide", "aides", "family", "company", "group", "chapter"}


def _titled(titles: tuple[str, ...]) -> re.Pattern:
    """A name after one of ``titles``, not after a deputy's form of it ("Vice President Joseph R. Biden Jr."
    is not the one "the president" stands for)."""
    return re.compile(r"(?<![Vv]ice )(?<![Vv]ice-)\b(?:%s)\s+(%s)" % ("|".join(re.escape(t) for t in titles), NAME))


def subject_of(v):
    """The subject of a verb of saying, climbing from "…, saying: …" (or "was quoted as saying") to the
    verb it hangs on."""
    h = v
    for _ in range(6):      # "led a parade, accusing X of “…” and asserting that “…”": six steps up
        subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and h is not v and v.tag_ == "VBG" and h.dep_ == "ccomp" and h.head.i != h.i \
                and h.head.lemma_.lower() in SAY_LEMMAS:
            # "Patrick said it was important …, adding, “…”": the participle goes on from the verb of saying, not
            # from the clause it reports ("it")
            h = h.head
            continue
        if subj:     # the one nearest before the verb: "AMHERST, N.H. — Gov. Rick Perry … said"
            # after it ("…,” said Indivisible co-founder Ezra Levin", parsed as three subjects): the name
            after = [c for c in subj if c.pos_ == "PROPN"] or subj
            if h.i and h.doc[h.i - 1].is_punct and any(c.i > h.i for c in after if c.pos_ == "PROPN"):
                # the verb turned after a comma, its name after it: "One big difference between Page and most
                # neighbors, said Yeager:" (the words before the comma are what is said, not who says it)
                return next(c for c in after if c.i > h.i)
            if any(c.dep_ == "nsubjpass" for c in subj):
                # a passive verb, or a participle of saying on one: its agent says it ("The decision was welcomed
                # by Smith …, saying: …"; the decision says nothing)
                agent = [g for c in h.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                if agent and agent[0].pos_ == "PROPN":
                    return agent[0]
            return max((c for c in subj if c.i < h.i), key=lambda c: c.i, default=after[-1])
        if h.dep_ == "conj" and h.head.i < h.i:
            # "the man approached the congressman and asked …": the verb just before in the same form, when
            # it has its own subject, is the one coordinated (the parser hangs "asked" on a verb further back)
            near = [t for t in h.doc[h.head.i + 1:h.i] if t.pos_ == "VERB" and t.tag_ == h.tag_
                    and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)]
            if near and h.doc[h.i - 1].dep_ == "cc":
                h = near[-1]
            elif h.head.tag_ != h.tag_:     # "The writers acknowledge that the teaching calls … but say"
                h = next((a for a in h.head.ancestors if a.pos_ == "VERB" and a.tag_ == h.tag_), h.head)
            else:
                h = h.head
            continue
        if h.dep_ in ("advcl", "xcomp", "ccomp", "pcomp", "prep") and h.head.i != h.i:
            up = h.head
            if h is v and v.tag_ == "VBG" and v.i and v.doc[v.i - 1].text == "," and up.dep_ == "relcl" \
                    and up.head.head.i != up.head.i:
                # "X offered comments that drew fire, saying …": the participle after the comma is X's, not
                # the relative clause's ("that" → "comments")
                up = up.head.head
            h = up
            continue
        return None
    return None


def name_run(t) -> str:
    """A proper noun with the name words and titles compounded to it ("Gov. Rick Perry")."""
    toks = [t] + [c for c in t.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" and c.i < t.i]
    lo = min(x.i for x in toks)
    span = [x for x in t.doc[lo:t.i + 1] if x.pos_ == "PROPN" or x.text in (".", "-")]
    return " ".join(x.text for x in span if x.pos_ == "PROPN")


class Resolver:
    """Who the subject of a verb of saying is, read from the parse, for the quotes of one article in order:
    names as they stand; a pronoun through the subjects of the clauses before it; a descriptor through the
    name set beside it ("the legislator, Representative Carl Seel"), the author of a document ("a statement
    from …"), a title the article gives a person ("the president"), or one the article resolved before
    ("the statement" after "the statement from Grimm's attorney, William McGinley"); "unnamed" else."""

    def __init__(self, view: ArticleView, people: People, budget: int | None = None) -> None:
        self.view, self.people = view, people
        self.budget = budget            # sentences it may parse (None: no limit); past it, names as written
        self.prior: list[tuple[int, int, str]] = []    # quotes already attributed: (start, end, speaker)
        self.heads: dict[str, str] = {}                # descriptor head noun -> what it was resolved to
        self.refs = Referents(view, people)

    def parse(self, texts: list[str]) -> None:
        """Parse ``texts`` in one batch while the budget lasts; each one not parsed before spends one."""
        from newsprism.compare.claims import parse_new

        if self.budget is None:
            parse_new(texts)
        elif self.budget > 0:
            self.budget -= parse_new(texts)

    def subjects(self, pos: int, back: int = SENTENCES_BACK) -> list[tuple[int, int, bool, str | None]]:
        """(start, end, a thing, name) of the head words of the subjects and "according to" sources of the
        ``back`` sentences before ``pos``, and of the quotations there with the name of their speaker; "a thing":
        a singular common noun that names no entity ("the flaw"). In the order of the sentences, and in each the
        subjects of its clauses that hang on another before those of the main clause, the sources and the
        speakers, so that read from the end the main clause of the nearest sentence comes first ("The Boston
        Herald reported … that the Red Sox have extended an offer …": the Herald)."""
        from newsprism.compare.claims import parse_of

        sents = [s for s in self.view.sentences if s.end <= pos][-back:]
        here = self.view.sentence_of(pos)
        if here is not None and here.start < pos:      # and of the sentence so far ("Though the newspaper
            sents.append(here)                         # doesn't cite its source, it stated …")
        self.parse([s.text for s in sents])
        out = []
        for s in sents:
            doc = parse_of(s.text)
            if doc is None:
                continue
            quoted = quoted_in(self.view, s.start, s.end)
            for t in doc:
                if inside(t, quoted):
                    continue
                if s.start + t.idx >= pos:
                    break
                if t.dep_ in ("nsubj", "nsubjpass") or (t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.i
                                                          and doc[t.head.i - 1].lower_ == "according"):
                    # the head word: an entity only modifying it ("A Vodafone customer representative") is not
                    # the subject
                    main = t.head.dep_ == "ROOT" or t.dep_ == "pobj"
                    out.append(((s.start, main), (s.start + t.idx, s.start + t.idx + len(t),
                                t.pos_ == "NOUN" and t.tag_ == "NN" and not t.ent_type_, None)))
        # and the speakers of the quotations found there ("“My picture is taken …,” she told Us Weekly.")
        lo = sents[0].start if sents else pos
        out += [((max((s.start for s in sents if s.start <= a), default=lo), True), (a, b, False, sp))
                for a, b, sp in self.prior if lo <= a < pos and capital(sp)]
        return [x for _, x in sorted(out, key=lambda o: (o[0], o[1][:2]))]

    def it(self, pos: int) -> str | None:
        """The organisation an "it" that speaks stands for: the nearest subject or source of the two
        sentences before, when that is a named organisation (not a thing: "the flaw … It said"), or a definite
        description of one that ``referents`` resolves ("The Boston Herald reported … Though the newspaper doesn't
        cite its source, it stated …")."""
        for a, b, thing, name in reversed(self.subjects(pos, 2)):
            if thing:
                head = self._token_at(a)
                return self.refs.resolve(head, a, self.subjects(a)) if head is not None and kind(head)[0] == "org" \
                    else None
            if self.refs.entity_at(a, b, "person") or (name and self.refs.is_kind(name, "person")):
                return None
            got = name if name and self.refs.is_kind(name, "org") else self.refs.entity_at(a, b, "org")
            if got:
                return got
        return None

    def _token_at(self, pos: int):
        """The parsed token that starts at ``pos`` of the text, or None."""
        from newsprism.compare.claims import parse_of

        sent = self.view.sentence_of(pos)
        doc = parse_of(sent.text) if sent is not None else None
        return next((t for t in doc if sent.start + t.idx == pos), None) if doc is not None else None

    def person(self, name: str) -> str | None:
        return self.people.resolve(name) if capital(name) else None

    def titled(self, role: str, before: int) -> str | None:
        titles = _ROLE_TITLES.get(role)
        if not titles:
            return None
        found = [(m.start(), self.person(m.group(1))) for m in _titled(titles).finditer(self.view.text)]
        found = [(s, p) for s, p in found if p]
        if not found:
            return None
        earlier = [p for s, p in found if s < before]
        return earlier[-1] if earlier else found[0][1]

    def holders(self, role: str) -> set[str]:
        """Everyone the article gives the title of ``role`` ("president": "President Donald Trump", …)."""
        titles = _ROLE_TITLES.get(role, ())
        return {p for m in _titled(titles).finditer(self.view.text) if (p := self.person(m.group(1)))} if titles else set()

    def descriptor(self, t, quoted, offset: int) -> str | None:
        """What a common-noun subject stands for, or None (a person the text leaves unnamed)."""
        sub = [x for x in t.subtree if not inside(x, quoted)]
        for x in sub:        # "A spokesman for the DNC, Brad Woodhouse," / "the statement from …, William McGinley"
            if x.dep_ == "appos" and x.pos_ == "PROPN" and x.head.pos_ != "PROPN":   # not "Brooklyn, N.Y."
                run = name_run(x)
                out = self.person(run) or clean_name(run) or None
                if out:
                    self.heads[t.lemma_.lower()] = out
                return out
        head = t.lemma_.lower()
        owner = None
        kids = list(t.children) + [g for c in t.children if c.dep_ == "acl" for g in c.children if g.dep_ == "agent"]
        for c in kids:        # "a statement from …", "The letter released Tuesday by the faculty at Georgetown"
            if c.dep_ == "poss":
                owner = self.named(c, quoted, offset) if c.pos_ == "PROPN" else \
                    (self.antecedent(offset + c.idx) if c.lower_ in ("his", "her") else None)
            elif c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by", "of", "for") and head in _DOCUMENTS | _BODIES:
                obj = [g for g in c.children if g.dep_ == "pobj"]
                nxt = t.doc[c.i + 1] if c.i + 1 < len(t.doc) else None
                if not obj and nxt is not None and nxt.pos_ == "PROPN" and not inside(nxt, quoted):
                    obj = [nxt]     # "The letter from Taylor states": the parser hung the name on the verb
                if obj:
                    owner = self.named(obj[0], quoted, offset) if obj[0].pos_ == "PROPN" else \
                        self.descriptor(obj[0], quoted, offset)
                    if owner is None and obj[0].pos_ == "NOUN" and any(
                            g.text[:1].isupper() for g in obj[0].subtree if g.i != obj[0].i):
                        owner = " ".join(["the", *(g.text for g in obj[0].subtree if g.dep_ != "det")])
        if owner and owner != "unnamed":
            named = None if head in _DOCUMENTS else self.introduced(t.text, offset + t.idx)
            out = named or (owner if head in _DOCUMENTS else f"{owner}’s {t.text}")
            self.heads[head] = out
            return out
        if head in self.heads and t.lower_ == head and any(c.lower_ == "the" for c in t.children):
            return self.heads[head]
        role = self.titled(head, offset + t.idx) if any(c.lower_ == "the" for c in t.children) else None
        if role:
            # of several people with the title ("President Donald Trump", "Venezuelan President Nicolás
            # Maduro"), the one named last before it ("Trump’s dual-track approach … The president has …")
            holders = self.holders(head)
            if len(holders) > 1:
                return last_person(self.view, self.people, offset + t.idx, holders) or role
            return role
        if t.tag_ == "NNS" and head not in _DOCUMENTS:
            # "Researchers at software security firm Trend Micro said": people speaking for a named body
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("at", "from", "of", "with"):
                    got = next((self.refs.entity_at(offset + g.idx, offset + g.idx + len(g), "org")
                                for g in c.subtree if g.pos_ == "PROPN"), None)
                    if got:
                        return got
        if head not in _DOCUMENTS and head not in _ROLE_TITLES:
            got = self.refs.resolve(t, offset + t.idx, self.subjects(offset + t.idx))
            if got:
                self.heads[head] = got
                return got
        of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None) \
            if t.tag_ == "NNS" and head not in _DOCUMENTS else None
        if of is not None and of.right_edge.i > of.i:
            # a group described by what it belongs to, whole: "Members of the “No, DREAM, No Deal”" (a name in
            # quotation marks inside the phrase is part of it; it was cut to "Members"), "members of the caucus"
            span = t.doc[t.left_edge.i:of.right_edge.i + 1]
            while len(span) > 1 and (span[0].pos_ == "ADV" or span[0].dep_ == "punct"):
                span = span[1:]
            text = span.text
            return text[0].lower() + text[1:] if span[0].dep_ == "det" else text
        if head in _DOCUMENTS or t.tag_ == "NNS":
            # "the letter", "The Georgetown University letter", "Republican senators": what the text calls
            # a document or a group that speaks (not one person left unnamed)
            words_ = [x.text for x in t.doc[t.left_edge.i:t.i + 1] if x.dep_ not in ("det", "punct", "poss")
                      and not inside(x, quoted) and x.pos_ != "ADV"]
            definite = head in _DOCUMENTS or any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
            return " ".join(["the", *words_] if definite else words_)
        return None

    def introduced(self, noun: str, before: int) -> str | None:
        """The person the text introduced, before ``before``, with ``noun`` in apposition ("John Banky, Ben's
        older brother, spoke …" ¶ "…," said his brother): the last such name, or None."""
        pat = re.compile(r"(?<![\w.'’-])([A-Z][\w'’-]*(?:[ \t]+(?:[A-Z]\.|[A-Z][\w'’-]*)){0,3}),[ \t]+(?:(?:the|a|an|his|her|their)\s+|[A-Z][\w.'’-]*['’]s\s+)"
                         r"(?:[a-z][\w-]*\s+){0,2}" + re.escape(noun) + r"\b")
        found = list(pat.finditer(self.view.text, max(0, before - 3000), before))
        if not found:
            return None
        name = clean_name(found[-1].group(1)) or found[-1].group(1)
        known = self.person(name)
        if known and len(name.split()) > 1 and fold(known.split()[0]) != fold(name.split()[0]):
            return name      # a relative who shares the surname ("John Banky", "Benjamin David Banky")
        return known or name

    def named(self, t, quoted, offset: int) -> str:
        run = name_run(t) or t.text
        got = self.person(run) or self.person(t.text)
        if got is None and fold(t.text) in _ROLE_NOUNS:
            return "unnamed"     # "the DNC Communications Director": a person by role, not by name
        if got is None:          # no person: an organisation's name runs on ("Democracy for America")
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if nxt is not None and nxt.head.i == t.i and (nxt.lower_ == "for" or (nxt.lower_ == "of" and t.ent_type_ == "ORG")):
                obj = [c for c in nxt.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
                if obj:
                    run = f"{run} {nxt.text} {name_run(obj[0])}"
        return got or clean_name(run) or run

    def subject(self, subj, quoted, offset: int) -> tuple[str, str | None]:
        """(as written, canonical or "unnamed") for the subject token of a verb of saying."""
        doc = subj.doc
        toks = [t for t in subj.subtree if not inside(t, quoted)]
        written = doc[toks[0].i:toks[-1].i + 1].text if toks else subj.text
        if subj.tag_ == "NNS" and any(c.dep_ == "prep" and c.lower_ == "of" for c in subj.children):
            written = doc[subj.left_edge.i:subj.right_edge.i + 1].text    # "Members of the “No, DREAM, No Deal”"
        low = subj.lower_
        if low in ("he", "she"):
            return written, self.antecedent(offset + subj.idx) or "unnamed"
        if low in ("i", "we"):
            return written, None
        if subj.pos_ == "PRON" or low in PRONOUNS:
            if low in ("who", "which", "that") and subj.head.dep_ == "relcl":   # "the bishops, which wrote …"
                return self.subject(subj.head.head, quoted, offset)
            if low == "it":
                return written, self.it(offset + subj.idx) or "unnamed"
            return written, "unnamed"
        nxt = doc[subj.i + 1] if subj.i + 1 < len(doc) else None
        org = subj.text[:1].isupper() and nxt is not None and nxt.lower_ == "for" and nxt.head.i == subj.i and \
            any(c.dep_ == "pobj" and c.pos_ == "PROPN" for c in nxt.children)     # "Democracy for America"
        if subj.pos_ == "PROPN" or org or (subj.text[:1].isupper() and self.person(subj.text)):   # "Sanders" read as a noun
            return written, self.named(subj, quoted, offset)
        return written, self.descriptor(subj, quoted, offset) or "unnamed"

    def lead_person(self, a: int, b: int) -> str | None:
        """The person whose name opens the text between ``a`` and ``b``."""
        head = self.view.text[a:b]
        if head[:1] in "\"“‘'" or quoted_in(self.view, a, a + 1):
            return None     # a sentence that opens a quotation, or one that begins inside it
        m = re.match(r"\s*(" + NAME + r")(?=[\s,])", head)
        if not m or fold(m.group(1).split()[0]) in STOP:      # "Of Obama, he said"
            return None
        return self.person(m.group(1))

    def asked(self, pos: int) -> str | None:
        """The person asked in the sentence before ``pos`` ("Vieira asked Trump, “…?” His response: …"):
        the one whose response follows, not the asker."""
        from newsprism.compare.claims import parsed

        prev = [s for s in self.view.sentences if s.end <= pos][-1:]
        if not prev:
            return None
        doc = parsed(prev[0].text)
        quoted = quoted_in(self.view, prev[0].start, prev[0].end)
        for t in doc or ():
            if t.lemma_.lower() == "ask" and not inside(t, quoted):
                obj = [c for c in t.children if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN"]
                if obj:
                    return self.named(obj[0], quoted, prev[0].start)
        return None

    def antecedent(self, pos: int) -> str | None:
        """The person a "he" or "she" at ``pos`` stands for: the subject that names a person in the nearest
        clause before it (the main clause's first), else the speaker of a quote there; a subject that is
        itself a pronoun sends the search a sentence further back; ``ANTECEDENT_BACK`` sentences, more along a chain
        of the same pronoun."""
        from newsprism.compare.claims import parse_of

        view = self.view
        word = re.match(r"\w*", view.text[pos:pos + 5]).group(0).lower()
        want = "m" if word in ("he", "his", "him") else "f" if word in ("she", "her", "hers") else None
        same = {"m": "he", "f": "she"}.get(want)

        def fits(p: str | None) -> bool:     # "she" never stands for a man the articles call "Mr." or "Joseph"
            g = self.people.gender(p) if p and want else None
            return g is None or g == want

        spans = [(s.start, min(s.end, pos)) for s in view.sentences if s.start < pos][::-1][:ANTECEDENT_MOST]
        reach = ANTECEDENT_BACK
        for k, (a, b) in enumerate(spans):
            if k >= reach:
                break
            if k % 2 == 0:      # parsed two at a time: most pronouns are settled by the nearest two
                self.parse([view.text[x:y] for x, y in spans[k:k + 2] if view.text[x:y].strip()])
            text = view.text[a:b]
            lo, hi = len(text) - len(text.lstrip()), len(text.rstrip())      # the sentence without its spaces
            if text.strip() and any(q0 <= lo and hi <= q1 for q0, q1 in quoted_in(view, a, b)):
                # a sentence wholly inside a quotation (a long one the splitter cut: a voicemail read out) has no
                # subject outside it: the search goes on a sentence further back, as if it were not there; but the
                # speaker of that quotation, when known, is who the pronoun stands for, as before
                said = [sp for s, e, sp in self.prior if a <= s < b and sp not in (None, "unnamed") and fits(sp)]
                if said:
                    return said[-1]
                reach += 1
                continue
            doc = parse_of(text)
            if doc is None:      # not parsed (over the budget): a person named at the sentence's head
                lead = self.lead_person(a, b)
                if lead and fits(lead):
                    return lead
            else:
                quoted = quoted_in(view, a, b)
                # subjects (the main clause's first) and the sources of "according to" ("…, according to her
                # publicist, Jack Ketsoyan. ¶ “…,” he said.")
                subs = sorted((t for t in doc if not inside(t, quoted) and (t.dep_ in ("nsubj", "nsubjpass") or (
                    t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.i and doc[t.head.i - 1].lower_ == "according"))),
                              key=lambda t: (t.head.dep_ != "ROOT" and t.dep_ != "pobj", t.i))
                if any(t.lower_ == same for t in subs):
                    # the same pronoun as the subject of a clause here ("… pursued Page but she rebuffed him",
                    # "… -- she refused."): one person all along, named further back; the search goes on a sentence
                    reach += 1
                if subs and subs[0].head.dep_ == "ROOT" and subs[0].lower_ in ("he", "she"):
                    subs = []     # "He said Obama “…”": the pronoun's own referent lies further back
                for t in subs:
                    if t.lower_ == "who" and t.head.dep_ == "relcl" and t.head.head.pos_ == "PROPN":
                        t = t.head.head     # "… to Matthew O'Connor, who coproduced Reid …": O'Connor did
                    if t.pos_ == "PROPN" or t.text[:1].isupper():     # "Trump said" read as a noun
                        beside = [c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
                        # a title the sentence's first word capitalises stands before the name it is given
                        # ("Filmmaker and aviator Howard Hughes also pursued Page"): the name, not the title
                        p = None if t.pos_ == "NOUN" and beside else self.person(name_run(t)) or self.person(t.text)
                        if p is None and beside:     # "One Democrat, Representative Stephen F. Lynch, …"
                            p = self.person(name_run(beside[0])) or self.person(beside[0].text)
                    elif t.pos_ == "NOUN":
                        d = self.descriptor(t, quoted, a)
                        p = d if d and self.person(d) else None
                        owner = [c for c in t.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
                        if p is None and owner:     # "Huckabee's religion has played … He wrote": Huckabee
                            p = self.person(name_run(owner[0]))
                    else:
                        p = None
                    if p and fits(p):
                        return p
                # the parser missed the subject ("Akin, however, continued …" read "Akin" as an adverb):
                # a person named at the head of the sentence
                lead = self.lead_person(a, b)
                if lead and not subs and fits(lead):
                    return lead
            said = [sp for s, e, sp in self.prior if a <= s < b and sp not in (None, "unnamed") and fits(sp)]
            if said:
                return said[-1]
        return None


#: sentences back (the pronoun's own included) where a "he"/"she" finds its person; each one on the way whose
#: clauses have the same pronoun for a subject lets it look one further, up to ``ANTECEDENT_MOST``
ANTECEDENT_BACK, ANTECEDENT_MOST = 4, 8


#: nouns for something said: their owner said the words quoted inside them
_SPEECH_NOUNS = {"claim", "remark", "comment", "statement", "word", "assertion", "description", "characterization",
                 "argument", "charge", "accusation", "warning", "promise", "pledge", "vow", "question", "response",
                 "reply", "answer", "message", "tweet", "post", "quip", "line", "insistence", "suggestion", "view"}


#: verbs that put out a document (``_DOCUMENTS``): its words are then those of the verb's subject
_ISSUE_LEMMAS = {"release", "issue", "send", "publish", "post", "put", "circulate", "distribute"}


#: nouns of saying that answer a question: "his" in "His response: “…”" is the one who was asked
_REPLY_NOUNS = {"response", "reply", "answer"}


def _speech_owner(doc, quoted, q0: int, q1: int):
    """The possessor of a noun of saying that holds the quote ("his claim that … “…”", "Trump's remark
    “…”", "Mr. LePage's apology and promise to seek “…”"), when no verb of saying comes first on the way up
    from the quote; else None."""
    inner = [t for t in doc if q0 <= t.idx < q1]
    top = next((t for t in inner if not (q0 <= t.head.idx < q1) or t.head.i == t.i), None)
    if top is None:
        return None
    for a in top.ancestors:
        if inside(a, quoted):
            continue
        if a.pos_ in ("VERB", "AUX") and a.lemma_.lower() in SAY_LEMMAS:
            return None
        if a.pos_ == "NOUN" and a.lemma_.lower() in _SPEECH_NOUNS:
            # the owner of a coordination owns each noun of it ("Mr. LePage's apology and promise to seek “…”")
            owned = a.head if a.dep_ == "conj" and a.head.pos_ == "NOUN" else a
            poss = [c for c in owned.children if c.dep_ == "poss" and not inside(c, quoted)]
            return (poss[0], a) if poss else None
    return None


def _verb_like(t) -> bool:
    """A verb, or a clause's root the tagger read as a plural noun while it has a subject and a clause of its
    own ("The letter from Taylor states that …": "Taylor states" taken for a compound noun)."""
    if t.pos_ in ("VERB", "AUX"):
        return True
    return t.dep_ == "ROOT" and t.tag_ == "NNS" and {c.dep_ for c in t.children} >= {"nsubj", "ccomp"}


def _unparsed_subject(doc, quoted, q1: int, v):
    """The speaker of a quotation followed by its verb of saying when the parse gives that verb no subject:
    the first name between the quotation and the verb ("“…,” independent Sen. Angus King of Maine, who …,
    told reporters", "King" read as an object inside the quote's clause) that is not the object of "to", "at",
    "for" … (an addressee), else a document named there ("the letter addressed to …  reads"), or, with the verb
    straight after the quotation, what follows the verb ("“…,” tweeted the Brooklyn chapter of Indivisible
    Nation")."""
    if v.idx < q1:
        return None
    between = [t for t in doc if q1 <= t.idx < v.idx and not inside(t, quoted)]

    # a name a preposition governs is whom or where the words went ("the letter addressed to Chairman Darrell
    # Issa (R-Calif.) reads"), not who says them ("Sen. Angus King of Maine": King is the name)
    def addressee(t) -> bool:
        n = t.head if t.dep_ == "appos" else t      # "Issa (R-Calif.)": the state stands beside the name
        return n.dep_ == "pobj" and n.head.lower_ in ("to", "at", "for", "with", "about", "against")

    names = [t for t in between if t.pos_ == "PROPN" and t.dep_ not in ("compound", "flat") and not addressee(t)]
    if names:
        return names[0]
    held = [t for t in between if t.pos_ == "NOUN" and t.lemma_.lower() in _DOCUMENTS]
    if held:
        return held[0]      # the document that "reads", "states" …
    if all(t.is_punct for t in between):
        after = [c for c in v.children if c.dep_ in ("dobj", "attr", "nsubj") and c.i > v.i]
        return after[0] if after else None
    return None


def according_to(doc, quoted):
    """The object of "according to" outside quotation marks in ``doc`` ("…, according to the indictment"), or None."""
    for t in doc:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" and not inside(t, quoted):
            obj = [c for c in doc[t.i + 1].children if c.dep_ == "pobj"]
            if obj and not inside(obj[0], quoted):
                return obj[0]
    return None


def quote_head(doc, q0: int, q1: int):
    """The token of ``doc`` that heads the words between the marks at ``q0`` and ``q1`` (the one whose head lies
    outside them, or the root), or None."""
    inner = [t for t in doc if q0 < t.idx < q1 and not t.is_punct]
    return next((t for t in inner if not (q0 < t.head.idx < q1) or t.head.i == t.i), None)


def _content_of(doc, v, q0: int, q1: int) -> bool:
    """The quote at [q0, q1) is what the verb of saying ``v`` says: it hangs on ``v`` as its clause or object,
    not as the one told ("Mr. Stone told “senior Trump campaign officials” about …"), nor as a modifier
    ("Stone, …, “on multiple occasions” … told Credico")."""
    top = quote_head(doc, q0, q1)
    if top is None or v not in top.ancestors:
        return True      # not read by the parse: left to the verb
    child = top
    while child.head.i != v.i:
        child = child.head
    if child.dep_ in ("dobj", "dative") and v.lemma_.lower() == "tell":
        return False
    return child.dep_ not in ("prep", "npadvmod", "advmod", "tmod", "nsubj", "nsubjpass")   # nor in its subject


def name_before(doc, quoted, v):
    """The name just before the verb that a verb of saying is coordinated with, when the parse gives neither
    a subject ("Donald Trump Jr. exchanged messages … and asked, “…”", the name hung on the clause before)."""
    h = v
    while h.dep_ == "conj" and h.head.i < h.i and h.head.pos_ in ("VERB", "AUX"):
        h = h.head
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in h.children) or h.i == 0:
        return None
    t = h.doc[h.i - 1]
    return t if t.pos_ == "PROPN" and not inside(t, quoted) else None


#: an aside between two dashes ("the chairman of the House Judiciary Committee — where any impeachment inquiry must
#: begin — said on CNN"): a verb inside it does not introduce a quotation outside it
_DASH_ASIDE = re.compile(r"\s[—–]\s[^—–“”\"]{3,150}?\s[—–]\s|\s--\s[^“”\"]{3,150}?\s--\s")


def say_verb(doc, quoted, q0: int, q1: int):
    """The verb of saying that introduces the quote at [q0, q1) of ``doc``: the nearest one outside
    quotation marks; but a verb just before the quote wins over one after it that opens another quote
    ("Asked point-blank, “Is that picture you?” Weiner replied, “…”": the question is not Weiner's)."""
    asides = [(m.start(), m.end()) for m in _DASH_ASIDE.finditer(doc.text) if not (m.start() <= q0 < m.end())]
    verbs = [t for t in doc if t.lemma_.lower() in SAY_LEMMAS and _verb_like(t) and not inside(t, quoted)
             and not (t.lemma_.lower() == "call" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("for", "on", "off", "up"))
             and not any(a < t.idx < b for a, b in asides)]
    if not verbs:
        return None
    v = min(verbs, key=lambda t: min(abs(t.idx - q0), abs(t.idx - q1)))
    if v.idx >= q1:
        before = [t for t in verbs if t.idx < q0 and len(doc.text[t.idx:q0].split()) <= 4]
        opens = any(a > v.idx for a, b in quoted)
        if before and opens:
            return before[-1]
    return v


def parsed_speaker(view: ArticleView, people: People, q_start: int, q_end: int, fr: tuple[int, int],
                    before_too: bool = True, resolver: Resolver | None = None
                    ) -> tuple[str | None, str | None, str | None] | None:
    """(as written, canonical or "unnamed", verb) from the dependency parse of the quote's sentence: the
    subject of the verb of saying nearest the quote and outside it ("…," X said / X said: "…" / said X;
    "X tells Y, '…'" gives X, never the person told; "Asked, “…?”": the asker, unnamed), resolved by
    ``Resolver``. None when the sentence has no such verb; then the sentence before, when it ends with a
    colon or is the quote's own paragraph lead, is read the same way."""
    from newsprism.compare.claims import parsed

    res = resolver or Resolver(view, people)
    text = view.text[fr[0]:fr[1]]
    if not text.strip():
        return None
    doc = parsed(text)
    if doc is None:
        return None
    q0, q1 = q_start - fr[0], q_end - fr[0]
    quoted = quoted_in(view, fr[0], fr[1])
    owned = _speech_owner(doc, quoted, q0, q1)
    if owned is not None:       # "his on-camera claim that Afghanistan is a “war of Obama's choosing”"
        owner, noun = owned
        c = owner.lower_
        if owner.pos_ == "PROPN":
            return owner.text, res.named(owner, quoted, fr[0]), None
        if c in ("his", "her"):
            asked = res.asked(fr[0]) if noun.lemma_.lower() in _REPLY_NOUNS else None
            return owner.text, asked or res.antecedent(fr[0] + owner.idx) or "unnamed", None
    v = say_verb(doc, quoted, q0, q1)
    source = according_to(doc, quoted)
    if source is not None and (v is None or not _content_of(doc, v, q0, q1)):
        written, canonical = res.subject(source, quoted, fr[0])
        return written, canonical, "according to"
    if v is None:
        if not before_too:
            return None
        prev = [s for s in view.sentences if s.end <= fr[0]]
        if prev and (view.text[prev[-1].start:prev[-1].end].rstrip().endswith(":") or
                     "\n" not in view.text[prev[-1].end:fr[0]]):
            p = prev[-1]
            return parsed_speaker(view, people, p.end, p.end, (p.start, p.end), before_too=False, resolver=res)
        if prev and _own_paragraph(view, q_start, q_end):
            return _paragraph_lead(view, prev[-1], res)
        # no verb of saying: words the sentence's named subject puts out ("Microsoft published a security
        # advisory that “listed workarounds …”")
        named = _named_subject(doc, quoted, res, fr[0], (q0, q1))
        return (named[0], named[1], None) if named else None
    if v.lemma_.lower() == "ask" and v.tag_ == "VBN" and not any(c.dep_.startswith("nsubj") for c in v.children) \
            and v.idx < q0:
        return None, "unnamed", v.text      # "Asked whether …, “…?”": the one who asks goes unnamed
    subj = subject_of(v)
    if subj is not None and subj.dep_ == "nsubjpass" and subj.head.i == v.i and v.lemma_.lower() != "quote":
        # the subject of a verb of saying in the passive is who is spoken of or to ("he has been described as
        # the “…”", "he was told “…”"), not who speaks ("Mr. Trump was quoted as saying" has "saying" for verb)
        return subj.text, "unnamed", v.text
    if subj is None or inside(subj, quoted):
        subj = _unparsed_subject(doc, quoted, q1, v) or name_before(doc, quoted, v)
    if subj is None and v.dep_ == "acl" and v.tag_ == "VBG" and v.head.lemma_.lower() in _DOCUMENTS | _SPEECH_NOUNS \
            and not inside(v.head, quoted):
        # a present participle of the document that says it: "releasing a report claiming “…”" (a past one is said
        # of it: "her comments, tweeted on Friday", as the parser may read "Tlaib, doubling down on her comments,
        # tweeted …")
        subj = v.head
    if subj is None:
        return None, None, v.text
    written, canonical = res.subject(subj, quoted, fr[0])
    return written, canonical, v.text


def _own_paragraph(view: ArticleView, start: int, end: int) -> bool:
    """The quotation (marks included) is its paragraph's whole text."""
    a = view.text.rfind("\n", 0, start) + 1
    b = view.text.find("\n", end)
    return not view.text[a:start].strip() and not view.text[end:len(view.text) if b < 0 else b].strip(" .")


def _paragraph_lead(view: ArticleView, sent, res: "Resolver") -> tuple[str, str, None] | None:
    """A quotation standing alone as a paragraph, with no verb of saying, after a paragraph whose last
    sentence has a person for its subject ("Vice President Joe Biden voiced his support … ¶ “Anybody who
    thinks …”"): that person's words; or, where that sentence tells of a statement, letter … released or issued,
    the words of whoever released it ("… and her office later released a statement.")."""
    from newsprism.compare.claims import parsed

    doc = parsed(sent.text)
    if doc is None:
        return None
    quoted = quoted_in(view, sent.start, sent.end)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
    issued = next((t for t in doc if t.lemma_.lower() in _ISSUE_LEMMAS and t.pos_ == "VERB" and not inside(t, quoted)
                   and any(c.dep_ == "dobj" and c.lemma_.lower() in _DOCUMENTS for c in t.children)), None)
    by = next((c for c in issued.children if c.dep_ == "nsubj"), None) if issued is not None else None
    if by is not None and not inside(by, quoted):
        # "Governor Palin visited the church on Saturday and her office later released a statement. ¶ “Gov. Palin
        # stopped by …”": the statement's words, whoever released it
        written, name = res.subject(by, quoted, sent.start)
        return (written, name, None) if name else None
    if subj is not None and subj.lower_ in ("he", "she") and not inside(subj, quoted):
        # "“Make no mistake,” he said. ¶ “This was designed …”"; "He would not specify how many … ¶ “They were
        # all adults …”": the person the paragraph before is about, as for a name
        name = res.antecedent(sent.start + subj.idx)
        return (subj.text, name, None) if name else None
    named = _named_subject(doc, quoted, res, sent.start)
    return (named[0], named[1], None) if named else None


def _named_subject(doc, quoted, res: "Resolver", offset: int, inner: tuple[int, int] | None = None
                   ) -> tuple[str, str] | None:
    """(as written, name) of the main clause's subject outside quotation marks when it names a person or an
    organisation: its head ("Biden voiced …", "Microsoft published …") or a name compounded to it ("MWEB
    operations has issued an update"). With ``inner``, the quotation's bounds in ``doc``: only when no clause
    with a subject of its own stands between the quotation and the main clause ("Reuters cited other sources
    indicating that the CIA has ramped up … to “prepare political transition options”": the CIA's aim, in the
    sources' words)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
    if subj is None or inside(subj, quoted):
        return None      # nor a passive's subject ("Subryan was also charged with …"): it did nothing
    if inner is not None:
        top = next((t for t in doc if inner[0] < t.idx < inner[1] and not (inner[0] < t.head.idx < inner[1])), None)
        for a in ([top] + list(top.ancestors)) if top is not None else ():
            if a.i != root.i and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("that", "which", "who")
                                     and not inside(c, quoted) for c in a.children):
                return None
    if subj.pos_ == "PROPN":
        name = res.person(name_run(subj)) or res.person(subj.text) or \
            res.refs.entity_at(offset + subj.idx, offset + subj.idx + len(subj), "org")
        return (subj.text, name) if name else None
    if subj.pos_ == "NOUN":
        for c in subj.children:
            if c.dep_ == "compound" and c.pos_ == "PROPN":
                name = res.refs.entity_at(offset + c.idx, offset + c.idx + len(c), "org")
                if name:
                    return doc[subj.left_edge.i:subj.i + 1].text, name
    return None
