"""Numbers with units: "15,000 U.S. troops" -> 15000 troops, "300 billion barrel" ->
3e11 barrels, "70%" -> 70 %, "at least 83 people" -> 83 people (qualifier "at least").

The unit is the counted noun after the number (adjectives, nationalities and
"more"/"additional" skipped) or a symbol (%, $, €, £). Years, dates, clock times,
ordinals and numbers inside names are left to the timeline or ignored, and so is a duration followed by "ago"
("three weeks ago" dates an event from the day of writing), and so are the two figures of a rate ("one in every 500
Windows users", "1 in 500 users": no count of 500 users).

Measures read as well:
- temperatures: "minus 17 degrees" -> -17 degree, "20 below zero" -> -20 degree, "-4°F" -> -4 degree F; a
  figure without a unit in a sentence about temperatures ("Outside temperatures were minus 20") is in
  degrees too (a scale named on one side only, Fahrenheit or Celsius, keeps the two apart);
- fractions of a measure written in words: "half a mile" -> 0.5 mile, "a mile and a half" -> 1.5 mile,
  "two and a half hours" -> 2.5 hour, "a quarter mile", "a mile away" -> 1 mile (a lone "a" counts only
  before a measure unit, ``MEASURES``, followed by a word of distance or time: "away", "long", "ago").
A word that cannot be a unit (a function word: "minus 20 as ...") leaves the figure without one. A figure
left alone after "has" at the end of a clause counts what the sentence's figure before it counted
("Blackmore has 20 wives and Oler has two": two wives).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newsprism.compare.text import STOP, ArticleView, Span, fold

WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
           "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
           "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24,
           "half-a-dozen": 6, "half a dozen": 6, "half-dozen": 6}
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9, "dozen": 12,
         "hundred": 100}
#: the tens and units a "hundred" may take after it: "one hundred-eighteen", "two hundred and fifty" (a word number
#: before "hundred" scales it: "three hundred people" are 300 people, not three hundreds and 100 people)
_UNDER_100 = "|".join(sorted((w for w in WORDNUM if WORDNUM[w] < 100 and w not in ("dozen", "dozens")
                              and "dozen" not in w), key=len, reverse=True))
#: a figure followed by a period, a space and a digit is a decimal a tokenised text set apart ("$37. 5 million",
#: ECB+): read whole before a scale word ("£1. 2m", "$2. 6 - million": 1.2 million, 2.6 million), where no sentence
#: can end; elsewhere read as neither "$37" nor a whole, it is not compared (as when the sentence splitter cut it
#: there); a thousands separator set apart the same way is read ("at least 10, 000 members": 10000, not 10 and "000
#: members"). "m" and "bn" right after an amount of money scale it ("£1.2m"); a scale word may follow a hyphen
#: ("a $2.6-million booty").
_NUM = (r"(?P<cur>US\$|\$US|[$€£])?\s?(?<!\b\d\.\s)(?<!\b\d\d\.\s)(?<!\b\d\d\d\.\s)"
        r"(?P<num>\d{1,3}\.\s\d{1,3}(?=\s?(?:[-–]\s?)?(?:million|billion|trillion|bn|m)\b)|"
        r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<!\d,\s)\d{1,3},\s\d{3}(?!\d|,\s?\d|\s+(?:and|or|to)\s+\d)|\d+(?:\.\d+)?|(?:%s)(?:-(?:%s))?)(?!,\d|(?<!\d{4})\.\s\d)"
        % ("|".join(WORDNUM), "|".join(WORDNUM)))
_PATTERN = re.compile(
    r"(?P<qual>\b(?:at least|more than|over|nearly|almost|about|around|roughly|some|up to|fewer than|less than|"
    r"approximately|an estimated)\s+)?(?<![\w.,/])" + _NUM +
    r"(?:(?P<abbr>m|bn)\b|(?![\w/]))(?:\s?(?:[-–]\s?)?(?P<scale>thousand|million|billion|trillion|bn|dozen|hundred)\b"
    r"(?:(?<=hundred)(?:\s+and\s+|\s?[-–]\s?|\s+)(?P<plus>(?:%s)(?:-(?:%s))?)\b)?)?"
    r"(?P<pct>\s?(?:%%|percent\b|per cent\b|percentage points?\b))?" % (_UNDER_100, _UNDER_100), re.I)
SKIP_ADJ = {"more", "additional", "new", "other", "u.s.", "us", "american", "british", "of", "the", "total",
            "separate", "different", "major", "key", "top", "senior", "full", "armed", "active", "so-called"}
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
TIME_UNITS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute",
              "minutes", "decade", "decades", "term", "terms"}
_NEXT = re.compile(r"\s*([A-Za-z][\w.'’-]*)")
#: a clock time, written or split by a tokeniser: "7 p.m.", "7 p. m.", "7pm", "7:01", "7: 01" (its minutes too)
_CLOCK_AFTER = re.compile(r"\s*(?:[ap]\.\s?m\b|[ap]m\b|:\s?\d)", re.I)
_CLOCK_BEFORE = re.compile(r"\d\s?:\s?$")
#: an age: "15 year old", "12 - year - old", "six-month-old"
_AGE_AFTER = re.compile(r"\s?[-–]?\s?(?:year|month|week|day)s?\s?[-–]?\s?old\b", re.I)
_PARENT_OF = re.compile(r"\b(?:mother|father|mom|dad|parent|grandmother|grandfather)\s+of\s+$", re.I)
#: the figures of a rate: "one in every 500 users", "1 in 500 users", "seven out of every ten voters" (the second),
#: and the first before "in every" / "out of every" ("1" before a bare "in 500" is read with no unit: "killed 3 in 2
#: attacks" stays two counts)
_RATIO_BEFORE = re.compile(r"(?<![\w.,])(?:(?:1|one)\s+in\s+|(?:\d+|%s)\s+(?:in|out\s+of)\s+every\s+)$"
                           % "|".join(WORDNUM), re.I)
_RATIO_AFTER = re.compile(r"\s+(?:in|out\s+of)\s+every\s+(?:\d|%s)\b" % "|".join(WORDNUM), re.I)
#: a figure right after another one and an opening parenthesis restates it (a conversion): not a value of its own
_RESTATED = re.compile(r"(?:\d(?:m|bn)?|thousand|million|billion|trillion|%|percent|euros?|dollars?|pounds?)\s*\(\s*$",
                       re.I)
#: endings of adjectives that stand between a number and the plural noun it counts ("19 independent steps")
_ADJECTIVE = re.compile(r"(?:ive|al|ous|ful|ic|ent|ant|able|ible|ary|less|ian|ese|ish|ed)$")
_PLURAL = re.compile(r"[a-z]+(?:[^s]s|people|children|men|women)")


#: units of measure: a fraction of one in words ("half a mile") or "a"/"an" before one ("a mile away") is a figure
MEASURES = {"mile", "kilometer", "kilometre", "km", "meter", "metre", "foot", "feet", "yard", "inch", "pound",
            "kilogram", "kg", "ton", "tonne", "hour", "minute", "block", "acre", "gallon", "liter", "litre", "lb"}
_UNIT_WORD = r"(?P<unit>%s|miles|kilometers|kilometres|meters|metres|yards|inches|pounds|kilograms|tons|tonnes|hours|" \
             r"minutes|blocks|acres|gallons|liters|litres)" % "|".join(sorted(MEASURES, key=len, reverse=True))
_FRACTION = {"half": 0.5, "a half": 0.5, "one half": 0.5, "a quarter": 0.25, "one quarter": 0.25, "quarter": 0.25,
             "three quarters": 0.75, "three-quarters": 0.75, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3,
             "two-thirds": 2 / 3}
_FRAC = r"(?P<frac>a half|one half|half|a quarter|one quarter|three[- ]quarters|a third|one third|two[- ]thirds)"
_QUAL = r"(?P<qual>\b(?:at least|more than|over|nearly|almost|about|around|roughly|some|up to|fewer than|less than|" \
        r"approximately|an estimated)\s+)?"
_WHOLE = r"(?P<whole>\d+|a|an|one|%s)" % "|".join(w for w in WORDNUM if WORDNUM[w] < 100 and w != "dozens")
_UNIT_STEMS = ("mile", "kilom", "km", "met", "foot", "feet", "yard", "inch", "pound", "kilog", "kg", "ton", "hour",
               "minute", "block", "acre", "gallon", "lit", "lb")
_ANY_UNIT = re.compile(r"\b" + _UNIT_WORD + r"\b", re.I)
#: "half a mile", "a quarter of a mile", "a half mile", "a half-hour"
_FRACTION_OF = re.compile(_QUAL + r"\b" + _FRAC + r"(?:\s+of)?(?:\s+an?)?[\s-]+" + _UNIT_WORD + r"\b", re.I)
#: "a mile and a half", "two hours and a half"; "two and a half miles"
_AND_A_HALF = re.compile(_QUAL + r"\b" + _WHOLE + r"\s+" + _UNIT_WORD + r"\s+and\s+a\s+half\b|" +
                         _QUAL.replace("qual", "qual2") + r"\b" + _WHOLE.replace("whole", "whole2") +
                         r"\s+and\s+a\s+half[\s-]+" + _UNIT_WORD.replace("unit", "unit2") + r"\b", re.I)
#: "a mile away", "an hour long": "a" as one, before a measure and a word that says it measures something
_A_UNIT = re.compile(_QUAL + r"\b(?P<a>an?)\s+" + _UNIT_WORD +
                     r"\s+(?=(?:away|long|wide|high|deep|tall|north|south|east|west|ago|later|earlier|from)\b)", re.I)
#: a figure after "minus" (or "negative") is below zero; so is one followed by "below zero" / "below"
_MINUS = re.compile(r"\b(?:minus|negative)\s+$|(?:^|\s)[−-]$", re.I)
_BELOW = re.compile(r"\s*(?:degrees?\s+)?below(?:\s+zero)?\b", re.I)
_SCALE_AFTER = re.compile(r"\s*(?:°|º|degrees?\b)\s*(?P<scale>Fahrenheit\b|Celsius\b|centigrade\b|[FC]\b)?")
_TEMPERATURE = re.compile(r"\b(?:temperatures?|degrees|wind\s*chills?|thermometers?)\b|°", re.I)


#: a figure standing alone after "has" / "have" / "had" at the end of a clause counts what a figure before
#: it counted: "Blackmore has 20 wives and Oler has two"
_ELLIPSIS_BEFORE = re.compile(r"\b(?:has|have|had)\s+$", re.I)
_ELLIPSIS_AFTER = re.compile(r"\s*(?:[.;,:!?)]|$)")
#: one name for each measure unit, whichever way it is written
_CANON = {"feet": "foot", "kilometre": "kilometer", "metre": "meter", "litre": "liter", "km": "kilometer",
          "kg": "kilogram", "lb": "pound", "tonne": "ton", "euro": "EUR"}


@dataclass
class Number:
    article: str
    label: str
    start: int
    end: int
    value: str          # as written: "15,000 U.S. troops"
    normalized: float | int
    unit: str
    qualifier: str
    sentence: Span


def _value(num: str) -> float | None:
    n = re.sub(r",\s?", "", num.lower()).replace(". ", ".")
    if "-" in n and n.split("-")[0] in WORDNUM:
        a, b = n.split("-", 1)
        if b in ("dozen", "hundred"):
            return WORDNUM[a] * WORDNUM[b]     # "two-dozen" is 24, "twenty-three" 23
        return WORDNUM[a] + WORDNUM.get(b, 0)
    if n in WORDNUM:
        return WORDNUM[n]
    try:
        return float(n)
    except ValueError:
        return None


_IRREGULAR = {"children": "child", "men": "man", "women": "woman", "feet": "foot", "wives": "wife"}


def singular(w: str) -> str:
    w = fold(w).strip(".'")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith(("ches", "shes", "xes")) and len(w) > 4:
        return w[:-2]      # "inches", "churches", "boxes"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def plural(unit: str) -> str:
    back = {v: k for k, v in _IRREGULAR.items()}
    if unit in back:
        return back[unit]
    if " " in unit and unit != "percentage point":
        first, last = unit.rsplit(" ", 1)
        return f"{first} {plural(last)}"     # "killed man": "killed men"
    if unit in ("%", "USD", "EUR", "GBP", "percentage point") or unit.endswith(("s", "people", "staff", "ed")):
        return unit + ("s" if unit == "percentage point" else "")
    if unit.endswith(("ch", "sh", "x")):
        return unit + "es"
    if unit.endswith("y") and unit[-2:-1] not in "aeiou":
        return unit[:-1] + "ies"
    return unit + "s"


_TIME_UNIT = {singular(u) for u in TIME_UNITS}
_AGO = re.compile(r"\s*ago\b", re.I)


def find_numbers(view: ArticleView) -> list[Number]:
    out: list[Number] = []
    text = view.text
    for sent in view.sentences:
        for m in _PATTERN.finditer(sent.text):
            num = m.group("num")
            value = _value(num)
            if value is None:
                continue
            before = sent.text[max(0, m.start("num") - 12): m.start("num")].lower()
            after = sent.text[m.end():m.end() + 14].lower()
            word = num.isalpha()
            if re.search(r"(" + "|".join(MONTHS) + r")\.?\s*$", before) or _CLOCK_AFTER.match(after) \
                    or _CLOCK_BEFORE.search(before):
                continue     # a date or a clock time ("7 p.m.", tokenised "7 p. m." and "7: 01")
            if _AGE_AFTER.match(sent.text, m.end()):
                continue     # an age ("the 15 year old", "a 12 - year - old girl"), not a duration
            if re.match(r"(st|nd|rd|th)\b", after) or re.match(r"[-–]\w|\s[-–]\s\w", sent.text[m.end():m.end() + 4]):
                if not m.group("pct"):
                    continue  # ordinal, "9/11", "2nd District", "20-year"
            if not m.group("cur") and not m.group("pct") and not m.group("scale") and "." not in num \
                    and 1900 <= value <= 2100 and not word:
                continue     # a year
            if re.match(r"\s*(,\s*)?\d{4}\b", after) or re.search(r"[A-Z][a-z]+\s*$", sent.text[max(0, m.start("num") - 3):m.start("num")]) and not m.group("qual") and not m.group("cur"):
                if not re.search(r"\b(the|at|about|of|with|to|by|and|for)\s*$", before):
                    continue   # "November 24, 2025", "Rep. Smith 3"
            elliptic = bool(_ELLIPSIS_BEFORE.search(sent.text, 0, m.start())
                            and _ELLIPSIS_AFTER.match(sent.text, m.end()))
            if value <= 2 and word and not m.group("scale") and not elliptic:
                continue     # "one" is mostly a pronoun
            if _RESTATED.search(sent.text, 0, m.start()):
                continue     # "$US1 million ($1.52 million)": the same amount restated in another currency or unit
            ratio = _RATIO_BEFORE.search(sent.text, 0, m.start())
            if _RATIO_AFTER.match(sent.text, m.end()):
                continue     # "seven out of every ten voters": a rate, its figures count nobody
            if m.group("abbr") and not m.group("cur"):
                continue     # "5m", "3bn" without a currency: a length or an abbreviation, not read
            scale = SCALE.get((m.group("scale") or m.group("abbr") or "").lower(), 1)
            normalized: float | int = value * scale + (_value(m.group("plus")) if m.group("plus") else 0)
            unit, end = "", m.end()
            if _fraction_taken(sent.text, m.start("num"), m.end("num")):
                continue     # part of "a mile and a half" / "two and a half hours": read below
            degrees = _SCALE_AFTER.match(sent.text, m.end())
            below_zero = _MINUS.search(sent.text, 0, m.start("num")) or (
                not m.group("pct") and not m.group("cur") and _BELOW.match(sent.text, m.end())
                and _TEMPERATURE.search(sent.text))
            if below_zero and not m.group("pct") and not m.group("cur") and (
                    degrees or _TEMPERATURE.search(sent.text)):
                normalized = -normalized
            if not m.group("pct") and not m.group("cur") and (
                    degrees and (degrees.group(0).strip()[:1] in "°º" or "degree" in degrees.group(0).lower())):
                sc = (degrees.group("scale") or "")[:1].upper()
                unit, end = "degree" + (f" {sc}" if sc in ("F", "C") else ""), degrees.end()
            elif m.group("pct"):
                unit = "percentage point" if "point" in m.group("pct").lower() else "%"
            elif m.group("cur"):
                unit = {"$": "USD", "US$": "USD", "$US": "USD", "€": "EUR", "£": "GBP"}[m.group("cur")]
            elif _PARENT_OF.search(sent.text, 0, m.start()):
                unit = "child"     # "a mother of 12", "Mother of 13 Zurana Horton", "father of three": children
            else:
                pos = m.end()
                for _ in range(3):
                    nm = _NEXT.match(sent.text, pos)
                    if not nm:
                        break
                    w = nm.group(1)
                    if fold(w) in SKIP_ADJ or (w[0].isupper() and fold(w) not in MONTHS and w.isalpha() and len(w) > 1):
                        pos = nm.end()
                        continue
                    nxt = _NEXT.match(sent.text, nm.end())
                    if w[0].islower() and _ADJECTIVE.search(w) and nxt and _PLURAL.fullmatch(nxt.group(1)) \
                            and fold(nxt.group(1)) not in STOP:
                        pos = nm.end()     # an adjective before the counted noun: "23 executive actions"
                        continue
                    if w[0].islower():
                        w = w.rstrip(".'’")
                        unit, end = singular(w), nm.start(1) + len(w)
                    break
                if unit in STOP or unit in ("of", "to", "and", "or", "in", "on", "at", "for", "by", "with", "from",
                                            "the", "a", "who", "that", "which", "is", "are", "was", "were", "has",
                                            "have", "minus", "below"):
                    unit, end = "", m.end()
                if not unit and (normalized < 0 or below_zero) and _TEMPERATURE.search(sent.text):
                    unit = "degree"     # "Outside temperatures were minus 20 as firefighters battled the blaze"
                if not unit and elliptic:
                    # "Blackmore has 20 wives and Oler has two": the figure counts what the sentence's
                    # last figure before it counted
                    unit = next((n.unit for n in reversed(out) if n.sentence is sent and n.unit
                                 and n.unit not in ("%", "USD", "EUR", "GBP", "percentage point")), "")
                if not unit and word and scale == 1:
                    continue     # a bare "three" says little
            unit = _CANON.get(unit, unit)
            if ratio and unit not in _TIME_UNIT and unit not in MEASURES:
                continue     # "one in every 500 Windows users", "1 in 500 users" (but "one in 10 minutes" is a time)
            if unit in _TIME_UNIT and _AGO.match(sent.text, end):
                continue         # "a heart attack suffered almost three weeks ago": a time of an event (the
                # timeline's), counted from a publication day that differs by article; it measures nothing
            if isinstance(normalized, float) and normalized.is_integer():
                normalized = int(normalized)
            start = sent.start + m.start() if m.group("qual") else sent.start + (m.start("cur") if m.group("cur") else m.start("num"))
            sign = _MINUS.search(sent.text, 0, m.start("num"))
            if sign and normalized < 0 and not m.group("qual"):
                start = sent.start + sign.start() + (len(sign.group(0)) - len(sign.group(0).lstrip()))
            start = max(sent.start, start)
            value_text = text[start: sent.start + end] if unit and not m.group("pct") and not m.group("cur") \
                else text[start: sent.start + m.end()]
            qual = (m.group("qual") or "").strip().lower()
            if not qual and fold(num) == "dozens":
                qual = "at least"      # "dozens of children": two dozen or more, not 24
            out.append(Number(view.id, view.label, start, sent.start + max(end, m.end()), value_text.strip(),
                              normalized, unit, qual, sent))
        out += _measures(view, sent)
    out.sort(key=lambda n: n.start)
    return out


def _fraction_taken(text: str, start: int, end: int) -> bool:
    """Whether the figure at ``start:end`` is the whole part of "two and a half miles" / "a mile and a half"."""
    if "and a half" not in text.lower():
        return False
    return any(m.start("whole" if m.group("whole") else "whole2") <= start < m.end()
               for m in _AND_A_HALF.finditer(text))


def _measures(view: ArticleView, sent: Span) -> list[Number]:
    """Measures written with fractions in words or "a" for one: "half a mile", "a mile and a half",
    "two and a half hours", "a mile away"."""
    out: list[Number] = []
    text = sent.text
    low = text.lower()
    if not any(w in low for w in _UNIT_STEMS) or not _ANY_UNIT.search(text):
        return out      # most sentences name no measure: the longer patterns are not tried
    found = sorted((m for pat in (_FRACTION_OF, _AND_A_HALF, _A_UNIT) for m in pat.finditer(text)),
                   key=lambda m: (m.start() - m.end(), m.start()))
    taken: list[tuple[int, int]] = []
    for m in found:
        pat = m.re
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue     # "a mile" inside "half a mile", "a half hours" inside "two and a half hours"
        taken.append((m.start(), m.end()))
        g = {k: v for k, v in m.groupdict().items() if v}
        unit = singular(g.get("unit") or g.get("unit2") or "")
        unit = _CANON.get(unit, unit)
        if "frac" in g:
            value = _FRACTION[re.sub(r"\s+", " ", fold(g["frac"]))]
        elif "a" in g:
            value = 1.0
        else:
            whole = g.get("whole") or g.get("whole2")
            value = (1 if fold(whole) in ("a", "an") else _value(whole) or 0) + 0.5
        if _RESTATED.search(text, 0, m.start()):
            continue
        q = (g.get("qual") or g.get("qual2") or "").strip().lower()
        a, b = m.start(), m.end()
        if pat is _A_UNIT:
            b = m.end("unit")
        normalized: float | int = int(value) if float(value).is_integer() else value
        out.append(Number(view.id, view.label, sent.start + a, sent.start + b, text[a:b].strip(), normalized,
                          unit, q, sent))
    return out


_WORD_OR_DIGITS = r"(\d[\d,]*|%s)" % "|".join(w for w in WORDNUM if w != "dozens")
#: a part given with its whole: "three out of four lines", "two of the five suspects", "seven of its 10 stores"
_PART_OF = re.compile(r"\b" + _WORD_OR_DIGITS + r"\s+(?:out\s+of|of\s+(?:the|its|their|all(?:\s+the)?))\s+"
                      + _WORD_OR_DIGITS + r"\b", re.I)


@functools.lru_cache(maxsize=256)
def parts_of_wholes(text: str) -> frozenset[tuple[float, float]]:
    """(part, whole) of each part that ``text`` gives with its whole ("We've lost three out of four lines": (3, 4)):
    an article that says so tells both figures, the whole and the part of it, not two values of one thing."""
    out = set()
    for m in _PART_OF.finditer(text):
        part, whole = _value(m.group(1)), _value(m.group(2))
        if part is not None and whole is not None and part < whole:
            out.add((part, whole))
    return frozenset(out)


#: where the words after a figure stop naming what it counts: a preposition other than "of" ("troops positioned across
#: the region", "opposition among Americans"), a participle
_ABOUT_END = re.compile(r"^(?:across|among|amid|around|at|by|during|for|from|in|inside|into|near|on|over|per|since|"
                        r"through|to|toward|towards|under|with|within|without|\w{3,}(?:ed|ing))$", re.I)


def about(n: Number) -> str:
    """What the number counts: the unit plus the words that follow it in its noun phrase ("15,000 U.S. troops
    positioned across …": troops)."""
    rest = n.sentence.text[n.end - n.sentence.start:]
    tail = re.split(r"[,;.:—–()\"“”]|\b(?:and|while|but|since|after|as|which|who|that)\b", rest, maxsplit=1)[0]
    kept = []
    for w in tail.split()[:3]:
        if fold(w) in STOP or _ABOUT_END.match(w):
            break
        kept.append(w)
    tail = " ".join(kept)
    base = plural(n.unit) if n.unit and n.normalized != 1 else n.unit
    return (base + (" " + tail if tail else "")).strip() or n.value

