"""Who a definite description that speaks stands for: "The US software giant said", "the star said".

An article names someone once and then calls them by a description ("Microsoft … The US software giant
said …"; "Reid … the Taradise star said"). A description names someone here only on good evidence, tried
in this order:

1. the article set a name beside the same head noun: in apposition ("Microsoft, the software giant";
   "Khaled Hegazy, Vodafone's external affairs director") or as a title before it ("security firm Trend
   Micro", "actress Tara Reid");
2. the kind of the description, an organisation or a person, is known from its head noun (``kind``), and a
   named entity of that kind was, in the three sentences before, the subject of a clause, the source of an
   "according to" or the speaker of a quotation: the nearest one (gender agreeing, where the noun has one).
   (The article's leading entity of the kind, as a last resort, was tried and dropped: it named the White House
   for "the group" that was the NRA.)

An indefinite description ("a spokesman said", "a friend of the actress said") names nobody and stays as
written; so do a plural one ("the scholars"), one whose noun the article used for someone it left unnamed
("an unidentified young man … the man"), and a definite one whose head says neither kind ("the official", "the spokesman": most often
a source the article keeps unnamed): a wrong name is worse than none. The nouns of ``ORG_HEADS`` and
``PERSON_HEADS`` are a short list of the common ones news writing uses for each kind, not the words of any
one story; a number of years ("the 34-year-old") is a person.
"""

from __future__ import annotations

import re
from functools import cached_property

from newsprism.compare.text import ArticleView, People, clean_name, fold

#: head nouns of a description that stand for an organisation
ORG_HEADS = {"company", "firm", "giant", "corporation", "conglomerate", "business", "maker", "manufacturer",
             "operator", "provider", "carrier", "retailer", "bank", "lender", "insurer", "airline", "agency",
             "ministry", "department", "government", "organisation", "organization", "network", "broadcaster",
             "newspaper", "publisher", "studio", "university", "union", "council", "charity", "group", "venture",
             "startup", "outfit", "regulator", "watchdog", "party"}
#: head nouns of a description that stand for one person; the value is the gender the noun carries, if any
PERSON_HEADS = {"man": "m", "woman": "f", "boy": "m", "girl": "f", "actress": "f", "actor": None, "star": None,
                "singer": None, "rapper": None, "musician": None, "comedian": None, "celebrity": None,
                "player": None, "athlete": None, "politician": None, "lawmaker": None, "legislator": None,
                "billionaire": None, "entrepreneur": None, "founder": None, "businessman": "m",
                "businesswoman": "f", "mother": "f", "father": "m", "wife": "f", "husband": "m", "son": "m",
                "daughter": "f", "brother": "m", "sister": "f", "veteran": None, "author": None}
_AGE = re.compile(r"\d+-year-old$")
#: how many sentences back a subject or source may stand
SENTENCES_BACK = 3


def kind(head) -> tuple[str | None, str | None]:
    """("org" | "person" | None, gender or None) of a description from its head token."""
    lemma = head.lemma_.lower()
    if lemma in ORG_HEADS or head.lower_ in ORG_HEADS:
        return "org", None
    if _AGE.search(head.lower_):
        return "person", None
    if lemma in PERSON_HEADS or head.lower_ in PERSON_HEADS:
        return "person", PERSON_HEADS.get(lemma, PERSON_HEADS.get(head.lower_))
    return None, None


def definite(head) -> bool:
    """"the …" (or "this …"), not "a …", "one …", a possessive or a bare noun."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)


class Referents:
    """The named entities of one article, by kind, with where they stand; resolves descriptions."""

    def __init__(self, view: ArticleView, people: People) -> None:
        self.view, self.people = view, people

    @cached_property
    def persons(self) -> list[tuple[int, int, str]]:
        """(start, end, name) of the people named in the article: a name the story's people hold with a gender
        the articles or the first name tell."""
        return [m for m in self._people if self.people.gender(m[2])]

    @cached_property
    def orgs(self) -> list[tuple[int, int, str]]:
        """(start, end, name) of the organisations: tagged so, or a name tagged as a person with no sign of a
        person's gender ("SEACOM", "Mozilla"): such a name may be either kind."""
        out = [m for m in self._people if not self.people.gender(m[2])]
        for s, e, label, text in self.view.ents:
            if label == "ORG" and not self.people.resolve(text):
                name = clean_name(text) or text
                if name[:1].isupper():
                    out.append((s, e, name))
        return sorted(out)

    @cached_property
    def _people(self) -> list[tuple[int, int, str]]:
        return sorted((s, e, name) for name, ms in self.people.mentions.items() for v, s, e, _ in ms if v is self.view)

    def mentions(self, k: str) -> list[tuple[int, int, str]]:
        return self.persons if k == "person" else self.orgs

    def entity_at(self, a: int, b: int, k: str) -> str | None:
        """The entity of kind ``k`` whose name overlaps ``[a, b)`` of the text (the last one), or None."""
        got = [n for s, e, n in self.mentions(k) if s < b and a < e]
        if not got and k == "org":      # a name the tagger read elsewhere in the article, not here
            word = fold(self.view.text[a:b])
            got = [n for _, _, n in self.orgs if fold(n) == word]
        return got[-1] if got else None

    def is_kind(self, name: str, k: str) -> bool:
        key = self._key(name)
        return any(self._key(n) == key for _, _, n in self.mentions(k))

    @staticmethod
    def _key(name: str) -> str:
        return fold(name.split()[-1]) if name.split() else ""

    def apposed(self, head: str, before: int) -> str | None:
        """A name the article set beside the noun ``head`` before ``before``: "NAME, the … head" or
        "head NAME" (a title: "security firm Trend Micro"); "unnamed" when the article brought in someone
        with that noun and no name ("a young man") after any such name; None when neither."""
        text = self.view.text[:before]
        name = r"([A-Z][\w.'’&-]*(?:[ \t]+(?:[A-Z][\w.'’&-]*|of|de|van|von)){0,4})"
        noun = re.escape(head) + r"(?:s|es)?"
        found = [(m.start(1), m.group(1)) for m in re.finditer(
            name + r",[ \t]+(?:the|a|an|its|his|her|their|[A-Z][\w.'’-]*['’]s)[ \t]+(?:[\w'’-]+[ \t]+){0,3}?" + noun +
            r"\s*[,.;:)—–]", text)]     # closed as an apposition is ("In their letter to Ryan, the scholars make …" is not)
        found += [(m.start(1), m.group(1)) for m in re.finditer(r"\b" + noun + r"[ \t]+" + name, text)
                  if not re.match(r"(?:The|A|An|In|On|At|He|She|It|They)\b", m.group(1))]
        # an unnamed one the article brought in with the same noun ("an unidentified young man … after the man
        # approached the congressman"): the description is that one, unless a name was set beside it since
        unnamed = [m.start() for m in re.finditer(r"\b(?:[Aa]n?|[Aa]nother|[Oo]ne)\s+(?:[\w'’-]+\s+){0,3}?" + noun + r"\b",
                                                  text)]
        for at, n in sorted(found, reverse=True):
            if unnamed and unnamed[-1] > at:
                return "unnamed"
            n = re.sub(r"['’]s$", "", n).strip()
            k = self.people.resolve(n)
            if k:
                return k
            if any(self._key(n) == self._key(o) for _, _, o in self.orgs):
                return n
        return "unnamed" if unnamed else None

    def recent(self, k: str, before: int, subjects, gender: str | None = None) -> str | None:
        """The nearest entity of kind ``k`` among ``subjects``: (start, end, _, speaker's name or None) of the
        subjects, sources and quotations of the sentences before ``before``, nearest last."""
        for a, b, _, name in reversed(subjects):
            if a >= before:
                continue
            n = name if name and self.is_kind(name, k) else self.entity_at(a, b, k)
            if n and (gender is None or k != "person" or self.people.gender(n) in (None, gender)):
                return n
        return None

    def resolve(self, head, pos: int, subjects) -> str | None:
        """The name a description with head token ``head`` (at ``pos`` in the text) stands for, or None.
        ``subjects``: spans of the subjects, sources and speakers of the sentences before it."""
        if not definite(head) or head.tag_ in ("NNS", "NNPS"):
            return None      # "a spokesman"; "the scholars", a group, not one name
        got = self.apposed(head.text, pos) or (self.apposed(head.lemma_, pos) if head.lemma_ != head.text else None)
        if got:
            return None if got == "unnamed" else got
        k, gender = kind(head)
        if k is None:
            return None
        return self.recent(k, pos, subjects, gender)
