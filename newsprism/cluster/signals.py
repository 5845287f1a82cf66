"""What the cluster stage reads from each article besides its terms.

- a MiniLM sentence embedding of the title and lead (the packaged model that
  compare uses, ``newsprism.compare.models``, here on ONNX Runtime: ``ENCODER``),
  unit length;
- named entities of the title and lead (spaCy NER only), lower-cased, of the
  kinds an editor matches stories on: people, organisations, places, products,
  events, works;
- the numbers of the title and lead (a death toll, a magnitude, a score, a
  year), which tell apart two events of one kind (no model: a pattern), and
  those of them written with a unit ("40 dead", "$2.5 million"), whose values
  two texts can disagree on;
- the years the title and the whole text name (a pattern), which two
  undated reports of events years apart disagree on;
- whether the article is a full text (a body beyond its title), which picks
  the join model's full-text regression.

Both are computed for a batch of articles at once (``embed`` and ``nlp.pipe``
batch internally); the assignment that uses them stays one article at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

import re

import numpy as np

from newsprism.compare import models

# Characters of body text read after the title: about the lead paragraph,
# which is all MiniLM's 96-token window holds anyway.
LEAD_CHARS = 400
# Characters of the lead the entity tagger reads: the title and the lead's
# first sentence or so, where a story names its people and places. The tagger
# cost as much as the encoder on the whole lead (4.3 s against 4.7 s for 400
# generated pages), and ran beside it on the second core; on 150 characters
# it costs about a third, which leaves the encoder both cores sooner.
ENTITY_CHARS = 150
# The encoder of the leads: ONNX Runtime's int8 MiniLM (about 1.2x torch's int8 texts per second on one core,
# and nearer the fp32 vectors: mean cosine 0.992 against 0.975); torch's where ONNX Runtime is missing.
ENCODER = "onnx"
ENTITY_KINDS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"})


_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
# a number and the word after it (its unit: "3 dead", "6.1 magnitude", "$2.5 million", "66-year-old")
_QUANTITY = re.compile(r"([$£€])?\s?(?<![\w.])(\d+(?:[.,]\d+)*)"
                       r"(?:\s?(million|billion|thousand|mn|bn|m)(?![A-Za-z]))?(?:(?:\s|-)+([A-Za-z]{2,}))?")
_SCALE = {"million": "million", "mn": "million", "m": "million", "billion": "billion", "bn": "billion",
          "thousand": "thousand"}
_SCALE_ONLY = frozenset(_SCALE)
_CURRENCY = {"$": "dollar", "£": "pound", "€": "euro"}


@dataclass(slots=True)
class Signals:
    vector: np.ndarray
    entities: frozenset[str]
    numbers: frozenset[str] = frozenset()
    #: the numbers of the title and lead that carry a unit, each as "unit=value" (``quantities_of``)
    quantities: frozenset[str] = frozenset()
    #: the years the title and the whole text name ("2008", "2013"; ``years_of``)
    years: frozenset[str] = frozenset()
    #: whether the article is a full text: a body beyond its title (``full_text``; a headline alone is not)
    full: bool = False


def numbers_of(lead: str) -> frozenset[str]:
    """The numbers written in ``lead``, thousands separators dropped ("1,200" and "1200" are one number)."""
    return frozenset(m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(lead))


def quantities_of(lead: str) -> frozenset[str]:
    """The numbers of ``lead`` written with a unit, as "unit=value": the word after the number, or its currency
    ("$108 million" is "dollar=108million", "85 million euros" "euro=85million", "3 people dead" "people=3",
    "66-year-old" "year=66"); the unit lower-cased, a plural's s dropped; a number followed by a stop word (a year
    "in 2013 and") has none."""
    from newsprism.cluster.online import ENGLISH_STOP_WORDS

    out = set()
    for m in _QUANTITY.finditer(lead):
        money, value, scale, word = m.groups()
        value = value.replace(",", "").rstrip(".") + _SCALE.get((scale or "").lower(), "")
        if money:
            out.add(f"{_CURRENCY[money]}={value}")
            continue
        if not word:
            continue
        unit = word.lower()
        if unit in ENGLISH_STOP_WORDS or unit in _SCALE_ONLY:
            continue
        if len(unit) > 3 and unit.endswith("s") and not unit.endswith("ss"):
            unit = unit[:-1]
        out.add(f"{unit}={value}")
    return frozenset(out)


# a year of 1900-2099 written alone: not part of a longer number ("12,013", "2013.5"), a sum ("$2000") or a range's
# second half ("1999-2000" reads 1999 only)
_YEAR = re.compile(r"(?<![\w.,$£€-])((?:19|20)\d\d)(?![\w,.]\d|\w)")


def years_of(title: str | None, text: str) -> frozenset[str]:
    """The years named in the title and the whole text: two undated reports of one event name its year (a dateline,
    "the 2008 season"), two events of one kind years apart seldom share theirs (ECB+)."""
    return frozenset(_YEAR.findall(f"{title or ''}\n{text or ''}"))


def full_text(title: str | None, text: str) -> bool:
    """Whether the article has a body beyond its title: a report, not a headline alone."""
    return bool(_body(title, text))


def _body(title: str | None, text: str) -> str:
    """The text without the title it starts with."""
    title = (title or "").strip()
    body = (text or "").strip()
    return body[len(title):].strip() if body.startswith(title) else body


def lead_text(title: str | None, text: str) -> str:
    """The title, then the start of the body unless the body is just the title again.

    A headline with no body is read as its title alone. Measured and not adopted (session 18, tune_stories, in one
    run beside the join model without ``nearest``: ``pairwise``'s notes): the words of its URL's slug after the title ("/mcdonalds-february-us-sales-chilled/"
    for "McDonald's struggles worsened by snow"; 1,999 of the 2,209 dev headlines have a slug of three words or
    more), for the embedding and the terms: headlines full-density CV 0.898 -> 0.900, across sets 0.847 -> 0.877,
    dev 0.889 -> 0.905; but ECB+ across sets (fitted on headlines + BASIL) 0.890 -> 0.865, and most slugs repeat
    the title or carry a site's words ("allnews", "usa", "markets") that tie one outlet's reports together."""
    return ((title or "").strip() + "\n" + _body(title, text)[:LEAD_CHARS]).strip()


def entity_text(lead: str) -> str:
    """The part of the lead the entity tagger reads: its first ENTITY_CHARS characters, cut between words."""
    return lead if len(lead) <= ENTITY_CHARS else lead[:ENTITY_CHARS].rsplit(None, 1)[0]


def read(pairs: list[tuple[str | None, str]], threads: int | None = None) -> list[Signals]:
    """Signals for each (title, text) pair, computed in one batch (by ``threads`` threads; default one a core)."""
    leads = [lead_text(t, x) for t, x in pairs]
    if models.tagger():     # one pool: the tagger takes one thread while the encoder's batches take the others
        spans = models.analyse(leads, [entity_text(lead) for lead in leads], threads, backend=ENCODER)
        vectors = models.embed(leads, backend=ENCODER)      # from the cache analyse filled
    else:
        vectors = models.embed(leads, backend=ENCODER)
        spans = models.entities([entity_text(lead) for lead in leads])
    return [Signals(vector=v, entities=frozenset(s[3].lower().strip(" '’") for s in ents if s[2] in ENTITY_KINDS),
                    numbers=numbers_of(lead), quantities=quantities_of(lead), years=years_of(*pair),
                    full=full_text(*pair))
            for v, ents, lead, pair in zip(vectors, spans, leads, pairs)]
