"""Conflicts: the outlets of a story disagree about the same thing.

- ``number``: clauses aligned as one fact carry numbers of the same unit with
  different values (count nouns of one class compare as one unit: "19 separate actions" / "23 steps",
  ``UNIT_CLASSES``; measures in words and temperatures below zero are read by ``numbers.py``). Across
  facts: clauses close in meaning (``CROSS_COS``) whose figures' neighbouring words meet, or figures of
  one measure unit with the same word of what they measure ("half a mile away" / "a mile and a half
  away": ``_measure_pairs``). Two figures clash only as measures of one thing (``same_measure``, from the
  parse: ``figure_frame``): not of different owners ("the Nationals' offer" / "the Red Sox's"), scopes ("65% of
  traffic to India" / "70% of the network in India and the Middle East"), times ("earlier this year" /
  "Friday"), nor a total, a rate or a running count against a figure that is none, nor a whole against the part
  of it that its own article gives ("three out of four lines": ``_part_and_whole``).
- ``date``: aligned clauses place the fact at different times ("over the past
  year" vs "since September"): ranges that do not overlap, or open ranges (up to
  the article's day) that start more than ``DATE_SLACK_DAYS`` apart. Each clause's
  first time of the fact itself counts: a time after a verb of saying dates the
  report and is compared only with such times ("said Wednesday"), a time in a
  nested clause ("after ... was released Sunday") or modifying a noun ("the 1996
  Act") is left out, and so are times inside quotation marks (a quoted
  "yesterday" counts from the day the speaker spoke). Clauses the alignment left in two facts are
  compared too when they are close in meaning (``CROSS_COS``) and their times date the same verb of
  the parse (or one of a class: "passed" / "voted") with no different names as its object.
  In a story whose articles carry no date at all, weekdays are compared by name ("arrested by RCMP
  on Tuesday" / "were arrested Wednesday"; ``undated_weekdays``), only when both date the same verb
  of the parse (no publication day tells a later development from a contradiction there), and dates
  that name their year are read as anywhere else ("disappeared from the scene in 1958" / "In 1957, Page
  disappeared"; ``undated_dates``); a day of a month without its year compares by month and day, for one act
  ("The murder is said to have taken place on April 9" / "shot Flynn ... on Easter Sunday, April 8, 2012": a verb
  of happening dates its subject, and "is said to" is no saying).
- ``claim`` (ordinal): one place in a sequence given to two people by different outlets ("Matt Smith, the
  12th Doctor" / "Capaldi is the 12th Doctor"; ``ordinal_conflicts``).
- ``claim`` (scope): one outlet says all of a place, another outlet's clause close in meaning parts of it ("the
  loss of all telecommunications in ... Alexandria" / "disrupted in parts of Alexandria"; ``scope_conflicts``).
- ``title``: one outlet gives a person a title another calls former
  ("former President" vs "President"), or an office another gives a rank below or beside it ("District Attorney"
  vs "Assistant District Attorney": ``rank_conflicts``, capitalised titles written before the name).
- ``number`` read beside a name or an act, whatever the alignment: a person's age (``age_conflicts``), a person's
  win-loss record ("Klitschko (52-3, 46 KOs)" / "Wladimir Klitschko, 53-3, 47 KO's": ``record_conflicts``), and how
  far into a period one act happened ("stopped the fight 44 seconds into the seventh round" / "stopping the fight at
  the 2:15 mark": ``elapsed_conflicts``, the same verb and object of the parse).
- ``number`` of the dead and the hurt: a figure that counts what a verb of killing or hurting acts on is compared
  under that slot whatever word counts it, or none ("killing one", "Four people died", "left three dead", "five
  were killed"; ``victim_counts``), in aligned facts and across them as any count; a count of one kind of person
  ("killing one man") compares only with that kind.
- ``claim`` (direction): one person told moving into a place and out of it, the motion under way ("was walking
  into the store" / "were walking out of the store"), or opposite headings on one road ("heading north on 117th
  Street" / "south on 117th St."): ``direction_conflicts``.
- ``claim`` (status): one clause reports an act of a person as still to come ("is expected to be
  indicted"), another as done "already" ("has already been secretly indicted"): same verb, same person.
- ``claim``: the same utterance is said to have been made in different settings
  ("during remarks at Mar-a-Lago" vs "in Thanksgiving remarks to troops") or on
  different days; or one outlet says a detail was not given (not refused: ``_UNSTATED``; "did not say where
  the ad would run") that another outlet states: a place after "in"/"at" in a
  clause on the same subject for "where", a time expression for "when", a figure
  for "how many"/"how much" (negated clauses of one fact were tried as conflicts
  too: on the BASIL stories most were paraphrases, so they are not reported).
Every variant carries the verbatim sentences it rests on.
"""

from __future__ import annotations

import functools
import itertools
import re
from datetime import date, timedelta

import numpy as np

from newsprism.compare.numbers import MEASURES, WORDNUM, Number, parts_of_wholes, plural, singular
from newsprism.compare.text import STOP, TITLE_WORDS, content, fold, stem

DATE_SLACK_DAYS = 14


def _range(value: str) -> tuple[date, date]:
    a, _, b = value.partition("/")
    return date.fromisoformat(a), date.fromisoformat(b or a)


def _variant(value: str, label: str, article: str, quote: str) -> dict:
    return {"value": value, "outlets": [label], "evidence": [{"article": article, "quote": quote}]}


def _merge(variants: list[dict]) -> list[dict]:
    out: dict[str, dict] = {}
    for v in variants:
        key = fold(v["value"])
        if key in out:
            for o in v["outlets"]:
                if o not in out[key]["outlets"]:
                    out[key]["outlets"].append(o)
            out[key]["evidence"] += [e for e in v["evidence"] if e not in out[key]["evidence"]]
        else:
            out[key] = v
    return list(out.values())


def _short(text: str, n: int = 12) -> str:
    ws = text.split()
    return " ".join(ws[:n]) + (" …" if len(ws) > n else "")


_QUOTE = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")
_quoted: dict[int, tuple[str, list[tuple[int, int]]]] = {}


def _in_quote(view, pos: int) -> bool:
    """Whether ``pos`` lies inside quotation marks: a quoted "yesterday" is the speaker's day, not the outlet's."""
    text = view.text or ""
    got = _quoted.get(id(view))
    if got is None or got[0] is not text:
        got = (text, [(m.start(), m.end()) for m in _QUOTE.finditer(text)])
        _quoted[id(view)] = got
        if len(_quoted) > 1000:
            _quoted.clear()
            _quoted[id(view)] = got
    return any(a < pos < b for a, b in got[1])


#: verbs of saying: a time expression right after one (up to four words on: "said Wednesday", "told
#: The Washington Post on Tuesday", "announced today (4 November 2011)") or right before one ("Wednesday said")
#: dates the report, not the event
_SAYING = (r"(?:said|says|told|tells|announced|announces|stated|states|declared|declares|tweeted|wrote|writes|"
           r"warned|warns|added|adds|argued|argues|claimed|claims|insisted|insists|vowed|vows|confirmed|confirms|"
           r"denied|denies|revealed|disclosed|acknowledged|admitted|hinted|predicted|testified|posted|"
           r"responded|replied|reiterated|commented|explained|noted|suggested|urged|promised|pledged)")
_SAID_BEFORE = re.compile(r"\b" + _SAYING + r"\b(?:\s+[\w.’'-]+){0,4}?\s*(?:on\s+|in\s+|\(\d*\s*)?$", re.I)
_SAID_AFTER = re.compile(r"^\s*,?\s*" + _SAYING + r"\b", re.I)
#: a time expression after one of these words in its clause dates a nested event (a subordinate or
#: relative clause: "after the summary was released Sunday", "who was killed on Sept. 11, 2001"),
#: not what the clause reports
_NESTED = re.compile(r"\b(?:after|before|since|until|till|when|whenever|while|whereas|following|ahead of|"
                     r"who|whom|whose|which|where|that|because|if|once|unless)\b", re.I)
_SAID_THAT = re.compile(r"\b" + _SAYING + r"\s+that\s", re.I)
#: a date that modifies a noun ("the 1996 Defense of Marriage Act", "the Sept. 11 attacks", "the wave of 2010")
_MODIFIER = re.compile(r"\b(?:the|of|an?)\s+$", re.I)


#: "is said to have", "was reported to": a passive hedge on what the clause reports, not a dated saying ("The murder
#: is said to have taken place on April 9": April 9 dates the murder)
_HEDGE = re.compile(r"\b(?:is|are|was|were|been|be)\s+(?:said|reported|believed|alleged|thought)\s+to\b", re.I)


def time_role(u, t) -> str | None:
    """What a time expression in clause ``u`` dates: ``"report"`` (when an outlet says someone said
    something), ``"event"`` (what the clause reports), or None when it dates a nested event or modifies
    a noun: only times of the same role are compared."""
    text = u.view.text
    before, after = _HEDGE.sub(" ", text[u.span.start:t.start]), text[t.end:u.span.end]
    if _SAID_BEFORE.search(before) or _SAID_AFTER.match(after):
        return "report"
    # what a verb of saying reports ("confirmed that the two men were arrested Wednesday") is the event
    # itself: only a nested clause after that "that" dates another event
    told = None
    for told in _SAID_THAT.finditer(before):
        pass
    if _NESTED.search(before[told.end():] if told else before) or _MODIFIER.search(before) \
            or re.match(r"(?:the|of)\s", t.expression, re.I):
        return None
    return "event"


_OPEN = ("since", "duration")      # ranges that run up to the article's day: "since September", "over the past year"

#: a weekday named in an article without a date: the day of the week is all it says (read as that day of one
#: fixed week, so that two names compare as two days and the same name as one)
_WEEK_OF = date(2001, 1, 1)      # a Monday
_WEEKDAY = re.compile(r"\b(?P<on>on\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
                      r"(?!\s*,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*\d)")
#: words before a weekday that make it a relative day ("last Tuesday": which one depends on the date) or a
#: name ("Good Friday", "Super Tuesday")
_NOT_PLAIN = re.compile(r"\b(?:last|next|this|every|each|coming|past|previous|following|good|black|super|ash|holy|"
                        r"maundy|cyber|blue|easter|palm|fat|shrove|giving|bloody)\s+$", re.I)
#: a weekday of a habit, not of one event: "on the second Tuesday of each month", "typically ... on Tuesdays"
_HABIT_AFTER = re.compile(r"\s+(?:of\s+(?:each|every|the)\s+(?:month|week|year)|each\s+week|every\s+week)\b", re.I)
#: a clause that tells what usually happens: its weekday is a habit ("typically releases patches on Tuesdays"), and it
#: answers no question about one occasion ("the building, which normally accommodates up to 1,000 people"); "every"
#: before a weekday is read by ``_NOT_PLAIN``
_HABITUAL = re.compile(r"\b(?:typically|usually|normally|generally|routinely|customarily|often|always)\b", re.I)
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def undated_weekdays(views) -> list:
    """Weekdays named in articles that carry no date at all (the timeline cannot resolve them): "arrested by
    RCMP on Tuesday" / "were arrested Wednesday". Each becomes a time of kind ``weekday`` on that day of one
    fixed week, so date conflicts compare the names (and only for one act: ``_times_clash``); days named
    as relative ("last Tuesday"), in the future ("will appear in court Monday"), as a habit ("typically
    releases patches on the second Tuesday of each month") or as names ("Good Friday") are left out."""
    from newsprism.compare.timeline import _FUTURE, TimeRef

    out = []
    for view in views:
        if view.anchor is not None:
            continue
        for sent in view.sentences:
            for m in _WEEKDAY.finditer(sent.text):
                head = sent.text[:m.start()]
                if _NOT_PLAIN.search(head) or _HABIT_AFTER.match(sent.text, m.end()) or _HABITUAL.search(sent.text):
                    continue
                clause = re.split(r"[,;:—]", re.sub(r"[\"“][^\"”]*[\"”]", " ", head))[-1][-50:]
                if _FUTURE.search(clause):
                    continue
                day = _WEEK_OF + timedelta(days=_DAYS.index(m.group("wd").lower()))
                out.append(TimeRef(view.id, view.label, sent.start + m.start(), sent.start + m.end(),
                                   m.group(0).strip(), day.isoformat(), "weekday", sent))
    return out


def undated_dates(views) -> list:
    """Dates that name their year, in articles that carry no date at all (the timeline resolves nothing there):
    "Page suddenly disappeared from the scene in 1958" / "In 1957, Page disappeared ...", "on Nov. 28, 2008",
    "in March 1978". Read with the timeline's patterns, in its order (so "since March 1978" stays an open range,
    and is left out with every other time that needs the article's day); a sentence with several such dates
    gives none. A day of a month without its year ("taken place on April 9") is read too, of kind ``monthday``,
    where its sentence has no other date: it compares by month and day. Two undated articles' dates are compared
    only as dates of what they report, not of a saying (``_times_clash``)."""
    from newsprism.compare.timeline import _HINT, PATTERNS, TimeRef, resolve

    out = []
    for view in views:
        if view.anchor is not None:
            continue
        for sent in view.sentences:
            if not _HINT.search(sent.text):
                continue
            taken: list[tuple[int, int]] = []
            found, yearless = [], []
            for kind, pat in PATTERNS:
                for m in pat.finditer(sent.text):
                    if any(a < m.end() and m.start() < b for a, b in taken):
                        continue
                    taken.append((m.start(), m.end()))
                    got = resolve(kind, m, _WEEK_OF, False) if kind in _NAMED_YEAR else None
                    if got and got[1] in ("point", "range"):
                        found.append(TimeRef(view.id, view.label, sent.start + m.start(), sent.start + m.end(),
                                             m.group(0).strip(), got[0], got[1], sent))
                    elif kind == "monthday" and (day := _month_day(m)):
                        yearless.append(TimeRef(view.id, view.label, sent.start + m.start(), sent.start + m.end(),
                                                m.group(0).strip(), day, "monthday", sent))
            if len(found) == 1:
                out += found     # several: a span, or the dates of several things ("Blackmore ... on May 1,
                # 2005 and Oler ... on Nov. 1, 2004"), not the one date of what the sentence reports
            elif not found and len(yearless) == 1:
                out += yearless
    return out


def _month_day(m) -> str | None:
    """A day of a month named without its year ("on April 9"), in a leap year (2000) so that February 29 is one."""
    from newsprism.compare.timeline import MONTHS

    try:
        return date(2000, MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("d"))).isoformat()
    except ValueError:
        return None


#: the timeline's kinds of time expression that name their year: they need no article date
_NAMED_YEAR = ("full", "monthyear", "year")


def _resolved(t) -> str:
    """The day a time expression was resolved to, or for a weekday of an undated article its name."""
    if t.kind == "weekday":
        return f"{_DAYS[date.fromisoformat(t.value).weekday()].title()} (undated article)"
    if t.kind == "monthday":
        return f"{date.fromisoformat(t.value):%B} {date.fromisoformat(t.value).day} (no year; undated article)"
    return t.value


def _with_undated(times: list, views) -> list:
    """``times`` and the weekdays and dates with a year of the undated articles among ``views``
    (``undated_weekdays``, ``undated_dates``)."""
    views = list({id(v): v for v in views if v.anchor is None}.values())
    if not views:
        return times
    return sorted(times + undated_weekdays(views) + undated_dates(views), key=lambda t: (t.article, t.start))


#: words on each side of a time expression that say what it dates
EVENT_WINDOW = 6


def _around(u, t) -> set[str]:
    text = u.view.text
    before = text[max(u.span.start, t.start - 200):t.start].split()[-EVENT_WINDOW:]
    after = text[t.end:min(u.span.end, t.end + 200)].split()[:EVENT_WINDOW]
    return content(" ".join(w for w in before + after if not w[:1].isupper()))


def _same_event(t1, u1, t2, u2) -> bool:
    """The two times date one event: the words next to them (names aside) share a content word ("passing a
    resolution on Tuesday" and "the resolution passed Wednesday"; not "urged lawmakers ... Wednesday"), and the
    verbs they date, where the parse finds both, are one act or of one class ("disclose his intentions during a
    conference call with committee members on Monday" / "sent an e-mail to committee members Saturday night": the
    same words around them, two acts)."""
    if not _around(u1, t1) & _around(u2, t2):
        return False
    e1, e2 = _event_verb(u1, t1), _event_verb(u2, t2)
    return e1 is None or e2 is None or e1[0] == e2[0]


#: verbs that tell one event in other words: a chamber "passed" a resolution / "voted" on it; a story was
#: "published" / "posted"
_EVENT_CLASSES = [{"pass", "vote", "approve", "adopt"}, {"post", "publish", "upload", "release", "air"},
                  {"kill", "murder", "shoot", "slay"}]
#: verbs that say only that their subject, a noun of an event, happened: "The murder ... took place on April 9"
#: dates the murder
_HAPPEN = {"happen", "occur", "unfold"}


def _event_class(lemma: str) -> str:
    return next((min(c) for c in _EVENT_CLASSES if lemma in c), lemma)


def _event_verb(u, t):
    """The verb that time ``t`` of clause ``u`` dates, from the dependency parse of its sentence, with
    the proper names of its object ("endorsed Rick Perry"), or None without a parse."""
    from newsprism.compare.claims import parsed

    sent = u.view.sentence_of(t.start)
    if sent is None:
        return None
    doc = parsed(sent.text)
    if doc is None:
        return None
    at = t.start - sent.start
    tok = next((x for x in doc if x.idx <= at < x.idx + len(x.text)), None)
    for _ in range(6):
        if tok is None or tok.pos_ in ("VERB",) or tok.head.i == tok.i:
            break
        tok = tok.head
    if tok is None or tok.pos_ != "VERB":
        return None
    objs = {fold(x.text) for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")
            for x in c.subtree if x.pos_ == "PROPN"}
    event = _happened(tok)
    if event is None:
        return _event_class(tok.lemma_.lower()), objs, set()
    noun = event.lemma_.lower()
    if noun.endswith("ing") and len(noun) > 5:      # "the shooting occurred": shoot; "stabbing": stab
        noun = noun[:-3]
        noun = noun[:-1] if noun[-1] == noun[-2] else noun
    return _event_class(noun), objs, {stem(event.text)}


def _happened(verb):
    """The subject of a verb that says only that an event happened ("The murder is said to have taken place",
    "the shooting occurred"): the noun of the event, or None for any other verb."""
    lemma = verb.lemma_.lower()
    if lemma not in _HAPPEN and not (lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place"
                                                             for c in verb.children)):
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "xcomp":      # "The murder is said to have taken place"
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects[0] if subjects and subjects[0].pos_ == "NOUN" else None


def _same_event_verb(t1, u1, t2, u2) -> bool:
    """For clauses that the alignment left in two facts (their words differ more): the two times date
    the same verb (or one of a class: "passed" / "voted"), whose objects name no different people or
    things ("endorsed Perry on Tuesday" / "endorsed Romney in 2008" are two events), and the words next
    to one time occur in the other clause ("the resolution on the national motto passed Tuesday" / "the
    House voted ... on a bill that reaffirmed the motto"); a verb of happening dates its subject, the event
    ("The murder is said to have taken place on April 9" / "then shot Flynn ... on Easter Sunday, April 8": one
    act of a class, and "murder" is among the other clause's words)."""
    e1, e2 = _event_verb(u1, t1), _event_verb(u2, t2)
    if e1 is None or e2 is None or e1[0] != e2[0]:
        return False
    if not ((_around(u1, t1) | e1[2]) & u2.stems or (_around(u2, t2) | e2[2]) & u1.stems):
        return False
    return not (e1[1] and e2[1] and not e1[1] & e2[1])


def _times_clash(a: tuple, b: tuple, same=_same_event) -> bool:
    """Two outlets' times for one fact disagree: same role, different outlets, and ranges that do not
    overlap, or, for two open ranges ("over the past year" vs "since September"), that start more than
    ``DATE_SLACK_DAYS`` apart; the words next to the two times must share a content word (one event). A closed range holding the other ("this month" and "last week") is the
    same time told less precisely; a time after the other article's publication day is a later
    development; the same words ("on Wednesday" and "Wednesday") in articles published
    within a week of each other are the same day whatever they resolve to."""
    (t1, u1, r1), (t2, u2, r2) = a, b
    if r1 != r2 or u1.view.label == u2.view.label:
        return False
    bare = lambda e: re.sub(r"^(?:on|in|at|by)\s+", "", fold(e))    # noqa: E731
    if bare(t1.expression) == bare(t2.expression) and u1.view.anchor and u2.view.anchor \
            and abs((u1.view.anchor - u2.view.anchor).days) <= 7:
        return False
    if "monthday" in (t1.kind, t2.kind):
        # a day of a month an undated article names without its year: by month and day, against a day of
        # another article, only for one act (as weekdays are)
        if {t1.kind, t2.kind} - {"monthday", "point"} or r1 != "event" or not _same_event_verb(t1, u1, t2, u2):
            return False
        return t1.value[4:10] != t2.value[4:10] and "/" not in t1.value + t2.value
    if (t1.kind == "weekday") != (t2.kind == "weekday"):
        return False     # the day of the week an undated article names lies in no known week
    if "weekday" in (t1.kind, t2.kind):
        # undated articles: no publication day tells a later development from a contradiction, so the
        # two days must date the same act (the verb of the parse, with no different names as its object),
        # and an act, not a saying ("a prosecutor said Friday" / "his attorney said Thursday": two statements)
        if r1 != "event":
            return False
        same = _same_event_verb
    elif u1.view.anchor is None and u2.view.anchor is None and r1 != "event":
        return False     # two undated statements: "announced today (4 November 2011)" / "(14 October 2011)"
    if not same(t1, u1, t2, u2):
        return False
    (a0, a1), (b0, b1) = _range(t1.value), _range(t2.value)
    # a later time than the other article could know of (after its publication day) is a later
    # development of the story, not a contradiction: "drew criticism Friday" (published Friday) and
    # "kept up pressure Sunday" (published Monday)
    if b0 > a1 and u1.view.anchor and b0 > u1.view.anchor or a0 > b1 and u2.view.anchor and a0 > u2.view.anchor:
        return False
    if a1 < b0 or b1 < a0:
        return True
    # one range holding the other ("over the past year" and "since early September") is the same time told
    # with less precision, not a contradiction
    if a0 <= b0 and b1 <= a1 or b0 <= a0 and a1 <= b1:
        return False
    return t1.kind in _OPEN and t2.kind in _OPEN and abs((a0 - b0).days) > DATE_SLACK_DAYS


#: count nouns that news writing uses for one another: "19 separate actions" / "23 steps" / "measures" a
#: government takes; "people" / "persons" / "individuals"; "troops" / "soldiers"; "children" / "kids"
UNIT_CLASSES = [{"action", "step", "measure"}, {"people", "person", "individual"}, {"troop", "soldier"},
                {"child", "kid"}]


def unit_kind(unit: str) -> str:
    """The name figures of ``unit`` are compared under: the unit, or the first of its class (``UNIT_CLASSES``)."""
    return next((min(c) for c in UNIT_CLASSES if unit in c), unit)


def same_unit(a: str, b: str) -> bool:
    return unit_kind(a) == unit_kind(b)


#: how far a figure given as "about" or "nearly" may lie from the value written
ROUGHLY = 0.15


def number_range(value: float, qualifier: str) -> tuple[float, float]:
    """The values a figure with its qualifier allows: "at least 83" is 83 or more, "about 80" lies within
    ``ROUGHLY`` of 80, "nearly 80" just under it, "up to 80" at most 80, a bare figure itself."""
    q = fold(qualifier or "").strip()
    if q in ("at least", "more than", "over"):
        return value, float("inf")
    if q in ("up to", "fewer than", "less than"):
        return float("-inf"), value
    if q in ("nearly", "almost"):
        return min(value * (1 - ROUGHLY), value), max(value * (1 - ROUGHLY), value)     # (below zero too)
    if q in ("about", "around", "roughly", "some", "approximately", "an estimated"):
        return min(value * (1 - ROUGHLY), value * (1 + ROUGHLY)), max(value * (1 - ROUGHLY), value * (1 + ROUGHLY))
    return value, value


def _numbers_clash(merged: list[dict]) -> bool:
    """Two values of one unit contradict each other only when both cannot be true: their ranges (with
    their qualifiers: "at least 83" and "more than 100" can both be true; ``number_range``) do not meet,
    and one outlet gives the first without the second and another outlet the second without the first:
    an outlet that states both ("Romney leads with 21 percent, Trump 17 percent") shows they are figures
    of different things."""
    by_value: dict[tuple, set[str]] = {}
    for v in merged:
        by_value.setdefault(number_range(v["normalized"], v.get("qualifier", "")), set()).update(v["outlets"])
    for ((a0, a1), ox), ((b0, b1), oy) in itertools.combinations(sorted(by_value.items()), 2):
        if ox - oy and oy - ox and (a1 < b0 or b1 < a0):
            return True
    return False


def _event_time(u, times_in) -> tuple | None:
    """The first time expression of clause ``u`` that dates what it reports (or the report), outside
    quotation marks, with its role (``time_role``)."""
    for t in times_in:
        if u.span.start <= t.start < u.span.end and not _in_quote(u.view, t.start):
            role = time_role(u, t)
            if role:
                return t, u, role
    return None


#: sentence similarity (the encoder's cosine) from which two clauses that the alignment put in different
#: facts are still compared for their dates: one event told in different words ("the House voted on a
#: bill that reaffirmed the motto" / "the resolution on the national motto passed")
CROSS_COS = 0.55


def _cross_pairs(us: list, cos, facts: list[dict]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of clauses ``us`` close in meaning (``CROSS_COS``) that different outlets wrote and
    the alignment left in different facts: the pairs a cross-fact conflict reads."""
    fact_of = {id(u): f["id"] for f in facts for u in f["_units"]}
    ix = np.array([u.index for u in us])
    close = np.argwhere(np.triu(np.asarray(cos)[np.ix_(ix, ix)] >= CROSS_COS, 1))
    return [(i, j) for i, j in close.tolist() if us[i].view.label != us[j].view.label
            and not fact_of.get(id(us[i])) == fact_of.get(id(us[j])) is not None]


def cross_date_conflicts(units: list, cos, facts: list[dict], times: list, found: list[dict]) -> list[dict]:
    """Date conflicts between clauses of different outlets that were not aligned as one fact but are
    close in meaning (``CROSS_COS``) and date one event (the words next to one time occur in the other
    clause): "published a story earlier this week" / "the story published Friday". Pairs already shown
    in ``found`` are left out."""
    if cos is None or len(units) < 2:
        return []
    times_of: dict[str, list] = {}
    for t in _with_undated(times, [u.view for u in units]):
        times_of.setdefault(t.article, []).append(t)
    shown = {(e["article"], e["quote"]) for c in found if c["kind"] == "date" for v in c["variants"]
             for e in v["evidence"]}
    dated = [x for u in units if u.index < len(cos) and (x := _event_time(u, times_of.get(u.view.id, ())))]
    if len(dated) < 2:
        return []
    out: list[dict] = []
    for i, j in _cross_pairs([u for _, u, _ in dated], cos, facts):
        a, b = dated[i], dated[j]
        (t1, u1, _), (t2, u2, _) = a, b
        if (u1.view.id, u1.text) in shown and (u2.view.id, u2.text) in shown:
            continue
        if not _times_clash(a, b, _same_event_verb):
            continue
        variants = _merge([_variant(t.expression, u.view.label, u.view.id, u.text) | {"resolved": _resolved(t)}
                           for t, u, _ in (a, b)])
        if len(variants) > 1:
            out.append({"kind": "date", "about": f"when: {_short(u1.text)}", "variants": variants})
    return out


def _cross_figures(units: list, cos, facts: list[dict], numbers: list[Number], found: list[dict], kept) -> list[tuple]:
    """Figures of one unit that clauses of different outlets give, that the alignment left in two facts but that
    measure one thing: (figure, clause, figure, clause, holder) for each pair whose ranges (``number_range``) pass
    ``kept``. The clauses are close in meaning (``CROSS_COS``) and the words next to the two figures share a content
    word (one event), or the figures are one quantity by their own signs (a measure with its relation, one holder);
    a clause with several figures of the unit takes no side (as in ``fact_conflicts``) unless the figure names its
    holder; figures of different holders, owners, scopes or times (``same_measure``) or a whole and its part are no
    pair; clauses a number entry of ``found`` already shows are left out."""
    if cos is None or len(units) < 2:
        return []
    shown = {(e["article"], e["quote"]) for c in found if c["kind"] == "number" for v in c["variants"]
             for e in v["evidence"]}
    nums_of: dict[str, list[Number]] = {}
    for n in numbers:
        if n.unit:
            nums_of.setdefault(n.article, []).append(n)
    counted = []
    several: set[int] = set()      # figures of a clause that gives several of their unit
    for u in units:
        if u.index >= len(cos):
            continue
        inside = [n for n in nums_of.get(u.view.id, ()) if u.span.start <= n.start < u.span.end]
        for n in inside:
            if (u.view.id, u.text) in shown:
                continue
            # a clause with several figures of the unit takes a side only for a figure that names its holder
            # ("Blackmore has 20 wives and Oler has two")
            single = len({m.normalized for m in inside if same_unit(m.unit, n.unit)}) == 1
            if single or _holder(n, u):
                counted.append((n, u))
                if not single:
                    several.add(len(counted) - 1)
    if len(counted) < 2:
        return []
    # a figure of a clause with several of its unit pairs with a close clause only when that clause names its
    # holder ("Blackmore has 20 wives and Oler has two" / "Blackmore, alleged to have 19 wives")
    close = {(i, j) for i, j in _cross_pairs([u for _, u in counted], cos, facts)
             if all(k not in several or _holder(counted[k][0], counted[k][1]) in content_names(counted[m][1].text)
                    for k, m in ((i, j), (j, i)))}
    # one quantity by its own signs, however far apart the wording: a measure with its relation, a holder
    held = set(_measure_pairs(counted, facts)) | set(_holder_pairs(counted))
    out = []
    for i, j in sorted(close | held):
        (n1, u1), (n2, u2) = counted[i], counted[j]
        if not same_unit(n1.unit, n2.unit):
            continue
        if not kept(number_range(n1.normalized, n1.qualifier), number_range(n2.normalized, n2.qualifier)) or \
                (i, j) not in held and not _near(n1, u1) & _near(n2, u2):
            continue
        holders = {h for n, u in ((n1, u1), (n2, u2)) if (h := _holder(n, u))}
        if len(holders) > 1:
            continue     # "Blackmore has 20 wives" / "Oler has at least three wives": two people's counts
        if not same_measure(n1, n2) or _part_and_whole(n1, u1, n2, u2):
            continue     # different owners, scopes or times of the figure, or a whole against a part
        out.append((n1, u1, n2, u2, next(iter(holders), "")))
    return out


def _disjoint(a: tuple, b: tuple) -> bool:
    return a[1] < b[0] or b[1] < a[0]


def cross_number_conflicts(units: list, cos, facts: list[dict], numbers: list[Number], found: list[dict]) -> list[dict]:
    """Counts of one thing that differ between clauses of different outlets that the alignment left in two
    facts (``_cross_figures``): "a Brooklyn mother of 12 was killed" / "Mother of 13 Zurana Horton shot and
    killed". Figures whose ranges meet ("at least 83" / "90") do not clash."""
    by_unit: dict[tuple, dict] = {}
    for n1, u1, n2, u2, holder in _cross_figures(units, cos, facts, numbers, found, _disjoint):
        for n, u in ((n1, u1), (n2, u2)):
            by_unit.setdefault((unit_kind(n1.unit), holder), {})[(u.view.id, u.text, n.normalized)] = _variant(
                f"{n.normalized:,} {plural(n.unit) if n.normalized != 1 else n.unit}", u.view.label, u.view.id,
                u.text) | {"normalized": n.normalized, "as_written": n.value, "qualifier": n.qualifier}
    out = []
    for (unit, holder), vs in by_unit.items():
        merged = _merge(list(vs.values()))
        if _numbers_clash(merged):
            first = merged[0]["evidence"][0]["quote"]
            whose = f" ({holder.title()})" if holder else ""
            out.append({"kind": "number", "about": f"{plural(unit)}{whose}: {_short(first)}", "variants": merged})
    return out


#: a word after a measure that says what it measures: a distance "away", a length "long"
_MEASURED = re.compile(r"\s+(?:in\s+)?(?P<rel>away|long|wide|high|deep|tall)\b", re.I)


def _measure_pairs(counted: list[tuple], facts: list[dict]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of figures of one measure unit (``MEASURES``: miles, hours, ...) that different
    outlets give in different facts with the same word of what they measure after them: "lived half a mile
    away" / "had moved about a mile and a half away". A measure with its relation is read as one quantity
    of the story even when the two clauses are worded far apart (the encoder's similarity is not asked)."""
    fact_of = {id(u): f["id"] for f in facts for u in f["_units"]}
    rel = {}
    for i, (n, u) in enumerate(counted):
        m = _MEASURED.match(u.view.text, n.end)
        if m and n.unit in MEASURES and m.end() <= u.span.end:
            rel[i] = m.group("rel").lower()
    out = []
    for i, j in itertools.combinations(sorted(rel), 2):
        (n1, u1), (n2, u2) = counted[i], counted[j]
        if rel[i] == rel[j] and n1.unit == n2.unit and u1.view.label != u2.view.label \
                and not fact_of.get(id(u1)) == fact_of.get(id(u2)) is not None:
            out.append((i, j))
    return out


#: a name right before "has" / "have" / "had" and a figure: who holds what the figure counts
_HOLDER = re.compile(r"\b(?P<name>[A-Z][\w’'-]+)\s+(?:has|have|had)\s+$")


def content_names(text: str) -> set[str]:
    """The capitalised words of ``text``, folded: the names a clause mentions."""
    return {fold(w) for w in re.findall(r"\b[A-Z][\w’'-]+", text)}


def _holder(n: Number, u) -> str | None:
    """The name that holds figure ``n`` in clause ``u`` ("Oler has at least three wives": Oler), or None."""
    m = _HOLDER.search(u.view.text, max(u.span.start, n.start - 60), n.start)
    return fold(m.group("name")) if m and n.unit not in ("%", "USD", "EUR", "GBP", "percentage point") else None


def _holder_pairs(counted: list[tuple]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of figures of one unit that different outlets give as held by the same name: "Oler
    has two" (wives, by ellipsis) / "Oler has at least three wives". Shares and amounts are left out: a poll's
    "Trump has 17 percent" and another poll's "Trump has 21 percent" are two measurements."""
    who = {i: h for i, (n, u) in enumerate(counted) if (h := _holder(n, u))}
    return [(i, j) for i, j in itertools.combinations(sorted(who), 2) if who[i] == who[j]
            and counted[i][1].view.label != counted[j][1].view.label
            and same_unit(counted[i][0].unit, counted[j][0].unit)]


def _near(n: Number, u) -> set[str]:
    """Content words (names aside) within ``EVENT_WINDOW`` words of figure ``n`` in clause ``u``."""
    text = u.view.text
    before = text[max(u.span.start, n.start - 200):n.start].split()[-EVENT_WINDOW:]
    after = text[n.end:min(u.span.end, n.end + 200)].split()[:EVENT_WINDOW]
    return content(" ".join(w for w in before + after if not w[:1].isupper()))


#: marks of a figure that totals several parts ("in a combined 157 games", "in all", "overall"): against a
#: figure without one it is the whole against a part, not another value of the same thing
_WHOLE_MARK = re.compile(r"\b(?:a\s+combined|combined\s+total|in\s+total|a\s+total\s+of|in\s+all|overall|"
                         r"altogether|all\s+told|cumulative(?:ly)?)\b", re.I)
#: a figure per unit of time or per item ("$22 million per season", "$5 a share"): a rate, not a total
_RATE = re.compile(r"\s*(?:(?:a|an|per|each)\s+(?:year|season|month|week|day|hour|night|game|share|head|person)\b|"
                   r"(?:annually|apiece|yearly|monthly|weekly|daily|a\s+piece)\b)", re.I)
#: ... or named so before it: "an average annual value of more than the $21 million"
_RATE_BEFORE = re.compile(r"\b(?:annual|yearly|monthly|weekly|daily|hourly)\s+(?:[a-z]+\s+)?of\s+(?:[a-z]+\s+){0,3}$",
                          re.I)
#: a change by a figure ("the number of victims was increasing by 50 percent", "cut deficits by $416 billion"): the
#: size of a change, not a level or a share ("0.2 percent of IE users")
_CHANGE_BY = re.compile(r"\b(?:increas|ris|rose|grow|grew|gain|jump|climb|surg|soar|fell|fall|drop|declin|decreas|"
                        r"plung|sank|sink|slid|shr[iu]nk|cut|rais|reduc|boost|lower|expand|widen|narrow)\w*\s+"
                        r"(?:[\w’'-]+\s+){0,4}?by\s+(?:about\s+|nearly\s+|almost\s+|roughly\s+|some\s+|around\s+|"
                        r"more\s+than\s+|at\s+least\s+)?$", re.I)
#: a running count ("Thus far, seven men have been tried", "so far"): a figure of a moment, not the final one
_TALLY = re.compile(r"\b(?:so\s+far|thus\s+far|to\s+date|until\s+now|up\s+to\s+now|as\s+of\s+now)\b", re.I)
#: verbs whose complement is asked for or planned, not done: "the court that ordered her to serve 90 days"
_WANTED = {"order", "require", "sentence", "ask", "demand", "urge", "propose", "plan", "want", "seek", "hope",
           "intend", "aim", "expect", "need"}
#: verbs whose object is asked for, not had: the figure is a demand ("asking for ... $200 million", "seeking $21
#: million")
_ASKED = {"ask", "seek", "demand", "want", "request", "propose"}
#: nouns and verbs of a proposal one party makes to another ("a $160 million offer", "have offered him a $160 million
#: contract", "a $5 billion bid"): in a negotiation each bidder's figure is its own, not the one value of a deal
_OFFERED = {"offer", "counteroffer", "bid", "proposal", "counterproposal"}
_MONTH_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                "dec"}
#: words that place a clause in time by themselves ("earlier", "yesterday", "five years ago")
_TIME_ADVERBS = {"today", "yesterday", "tonight", "tomorrow", "ago", "earlier", "previously", "recently", "now",
                 "currently", "formerly", "once"}
_PERIODS = {"year", "month", "week", "season", "weekend", "morning", "afternoon", "evening", "night", "decade"}
_DEICTIC = {"this", "last", "next", "past", "previous", "coming", "same"}


def _figure_token(doc, a: int, b: int):
    """The token of ``doc`` (the parse of a figure's sentence) that is the number of the figure at ``a:b``, or None."""
    toks = [t for t in doc if a <= t.idx < b]
    return next((t for t in toks if t.like_num or t.pos_ == "NUM"), toks[0] if toks else None)


def _phrase_up(tok, steps: int = 6) -> list:
    """``tok`` and the tokens its noun phrase hangs from, up to the first verb (not included)."""
    out = [tok]
    while steps and tok.head.i != tok.i and tok.head.pos_ not in ("VERB", "AUX"):
        tok, steps = tok.head, steps - 1
        out.append(tok)
    return out


def _time_words(tok) -> set[str]:
    """The words of ``tok``'s subtree that place an event in time: weekdays, months, years, "yesterday",
    "ago", "earlier", and "this year" / "last week"."""
    out = set()
    for x in tok.subtree:
        w = x.lower_.strip(".")
        if w in _DAYS or w in _MONTH_NAMES or w in _TIME_ADVERBS or re.fullmatch(r"(?:1[89]|20)\d\d", w):
            out.add(w)
        elif x.lemma_.lower() in _PERIODS and any(c.lower_ in _DEICTIC for c in x.children):
            out.add(" ".join(c.lower_ for c in x.children if c.lower_ in _DEICTIC) + " " + x.lemma_.lower())
    return out


def figure_frame(n: Number) -> dict | None:
    """What figure ``n`` measures beyond its unit, from the dependency parse of its sentence, or None without
    a parse:

    - ``holders``: the names that own it: the possessor of its noun ("the Nationals' $160 million offer",
      "India's voice traffic"), the named subject of the verb it is the object of ("the Red Sox made him a
      $200 million offer") and of the relative clause it stands in ("the $21 million that CC Sabathia is close to
      finalizing ... for the next seven years");
    - ``to_whom``: the names it goes to ("a $70 million contract for J. D. Drew", "offered Mark Teixeira a $160
      million contract");
    - ``scope``: the nouns of the phrases attached to its noun ("65% of traffic to India", "54 games with the
      Angels"), times aside;
    - ``times``: the words that date the clause it stands in (the verb that governs the figure, and the
      verbs that clause hangs from: "outages Friday when three cables were damaged");
    - ``whole``: it totals parts ("a combined 157 games"), or stands in a sentence that
      does before it ("Playing in a combined 157 games ..., Teixeira had 33 homers"), ``_WHOLE_MARK``;
      ``rate``: it is per unit of time or item ("$22 million per season", ``_RATE``; "an average annual value
      of more than the $21 million", ``_RATE_BEFORE``); ``tally``: its sentence gives a running count ("thus
      far"), ``_TALLY``; ``wanted``: it is in the complement of a verb that orders or plans (``_WANTED``: "ordered her
      to serve 90 days") or what a verb asks for (``_ASKED``), not in what was done; ``change``: it is the size of a
      change ("was increasing by 50 percent", ``_CHANGE_BY``), not a level or a share; ``offer``: it is what one party
      offers another (``_OFFERED``: "a $160 million offer", "the Nationals have offered him a $160 million
      contract"), its maker among ``holders`` (the subject of the verb, a possessor, "offers by ...").

    A figure is compared with many others: its frame is read once (``_frame``, by sentence, place and unit)."""
    return _frame(n.sentence.text, n.start - n.sentence.start, n.end - n.sentence.start, n.unit)


def _named_subject(verb, deps: tuple[str, ...] = ("nsubj", "nsubjpass")) -> set[str]:
    """The words of the proper name that is ``verb``'s subject (of ``deps``): the name itself with its compound
    parts, not its clauses ("CC Sabathia", not "left - hander")."""
    return {fold(x.text) for g in verb.children if g.dep_ in deps and g.pos_ == "PROPN"
            for x in [g, *g.children] if x.pos_ == "PROPN" and x.dep_ in (g.dep_, "compound")}


@functools.lru_cache(maxsize=4096)
def _frame(text: str, a: int, b: int, unit: str) -> dict | None:
    """``figure_frame`` of the figure of unit ``unit`` at ``a:b`` of sentence ``text`` (the dict is shared: read
    it only)."""
    from newsprism.compare.claims import parsed

    doc = parsed(text)
    if doc is None:
        return None
    tok = _figure_token(doc, a, b)
    if tok is None:
        return None
    head = tok
    for _ in range(4):      # "160" -> "million" -> "$" -> "offer"; "65" -> "%"; "three" -> "cables"
        if head.dep_ in ("nummod", "quantmod", "compound", "nmod", "amod", "det", "predet") and head.head.i != head.i \
                and head.head.pos_ in ("NOUN", "PROPN", "NUM", "SYM"):
            head = head.head
        else:
            break
    holders: set[str] = set()
    scope: set[str] = set()
    names = lambda t: {fold(x.text) for x in t.subtree if x.pos_ == "PROPN"}      # noqa: E731
    # whom it goes to: "a $70 million contract for J. D. Drew"; "offered Mark Teixeira a $160 million contract"
    # (the dative, or the name the parser hangs the figure's noun on as an apposition)
    to_whom: set[str] = set()
    if head.dep_ == "appos" and head.head.pos_ == "PROPN":
        to_whom |= {fold(x.text) for x in [head.head, *head.head.children] if x.pos_ == "PROPN"
                    and x.dep_ in (head.head.dep_, "compound")}
    nouns = [head] + [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"]
    for noun in nouns:
        for c in noun.children:
            if c.dep_ == "poss":
                holders |= names(c)
            elif c.dep_ == "relcl" and noun is head:     # "the $161 million that CC Sabathia received"
                holders |= _named_subject(c, ("nsubj",))
            elif c.dep_ == "prep" and c.lower_ in ("for", "to") and noun is head:
                to_whom |= names(c)
            elif c.dep_ == "prep" and c.lower_ in ("by", "from") and noun is head and head.lemma_.lower() in _OFFERED:
                holders |= names(c)      # "offers by the Angels and the Washington Nationals"
            if c.dep_ == "prep" and not _time_words(c):
                scope |= {fold(x.lemma_) for x in c.subtree if x.pos_ in ("NOUN", "PROPN") and x.i != tok.i
                          and not x.like_num and x.lower_ not in ("%", "percent", "cent")}
    verb = head
    for _ in range(6):      # the verb the figure's phrase depends on
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    # a figure of an offer: a noun of its phrase ("a $160 million offer", "one offer out there better than eight
    # years and $184 million", "a bid of $5 billion"), or the object of a verb of offering whose subject is a name
    # ("the Nationals have offered Mark Teixeira an 8 - year, $160 million contract")
    offer = any(x.lemma_.lower() in _OFFERED for x in _phrase_up(tok)) or verb.pos_ == "VERB" and \
        verb.lemma_.lower() in _OFFERED and any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in verb.children)
    # the subject of the verb owns its object ("the Red Sox made him a $200 million offer"), and makes an offer however
    # the parser hangs it
    if verb.pos_ in ("VERB", "AUX") and (head.dep_ in ("dobj", "attr", "dative", "oprd") or offer):
        holders |= _named_subject(verb)
        for c in verb.children:
            if c.dep_ == "dative":
                to_whom |= names(c)
    # a figure in a relative clause with a named subject is that subject's: "the $21 million that CC Sabathia is close
    # to finalizing with the New York Yankees for the next seven years" (Sabathia's seven years, not Teixeira's)
    v = verb
    for _ in range(5):
        if v.dep_ == "relcl":
            holders |= _named_subject(v)
            break
        if v.head.i == v.i or v.dep_ not in ("pcomp", "prep", "pobj", "acomp", "xcomp", "advcl", "conj"):
            break
        v = v.head
    times: set[str] = set()
    # "countered by asking for an eight-year contract worth $200 million"
    wanted = verb.pos_ == "VERB" and verb.lemma_.lower() in _ASKED
    v = verb
    for _ in range(4):
        if v.pos_ not in ("VERB", "AUX"):
            break
        for c in v.children:
            if c.dep_ in ("npadvmod", "advmod", "prep", "tmod", "obl") and c.i != head.i:
                times |= _time_words(c)
        if v.dep_ in ("advcl", "conj", "ccomp", "xcomp") and v.head.i != v.i:
            wanted = wanted or v.dep_ == "xcomp" and v.head.lemma_.lower() in _WANTED
            v = v.head
        else:
            break
    scope.discard(unit)      # "dozens of children": the counted noun itself
    return {"holders": holders, "to_whom": to_whom, "scope": scope, "times": times, "offer": offer,
            "whole": bool(_WHOLE_MARK.search(text[:b + 10])),
            "rate": bool(_RATE.match(text, b) or _RATE_BEFORE.search(text, max(0, a - 60), a)),
            "tally": bool(_TALLY.search(text)), "wanted": wanted,
            "change": bool(_CHANGE_BY.search(text, max(0, a - 80), a))}


def _words(text: str) -> set[str]:
    """The folded words of ``text``, each with an apostrophe also split there ("India's": "india's", "india")."""
    return {fold(w) for w in re.findall(r"[\w’'.-]+", text) + re.findall(r"[\w.-]+", text)}


def same_measure(n1: Number, n2: Number) -> bool:
    """Whether two figures of one unit can measure the same thing: not when they have different owners or go
    to different people (both named, no name in common), different scopes (both with phrases attached, not the
    same nouns),
    different times (both dated, no time word in common), or when one totals parts, is a rate, a running
    count, what someone orders or plans, the size of a change or an offer and the other not (``figure_frame``: a deal
    is not an offer);
    nor two offers when one names its maker and the other no maker or another one ("the Nationals made Teixeira a
    $160 million offer" / "at least one offer out there better than ... $184 million": several parties bid in a
    negotiation). Without a parse, they can."""
    f1, f2 = figure_frame(n1), figure_frame(n2)
    if f1 is None or f2 is None:
        return True
    if any(f1[k] and f2[k] and not f1[k] & f2[k] for k in ("holders", "to_whom")):
        return False
    # an owner named for one figure whom the other figure's sentence never names: not said to be that owner's
    # ("the $161 million that CC Sabathia received" / "the Boston Red Sox have made ... Teixeira an eight - year,
    # $200 million offer")
    for (fa, na), nb in (((f1, n1), n2), ((f2, n2), n1)):
        if fa["holders"] and not figure_frame(nb)["holders"] and not fa["holders"] & _words(nb.sentence.text):
            return False
    if f1["scope"] and f2["scope"] and f1["scope"] != f2["scope"]:
        return False
    if f1["times"] and f2["times"] and not f1["times"] & f2["times"]:
        return False
    # an offer is one party's: a figure offered by a party named is compared only with that party's
    if (f1["offer"] or f2["offer"]) and (f1["holders"] or f2["holders"]) and not f1["holders"] & f2["holders"]:
        return False
    return all(f1[k] == f2[k] for k in ("whole", "rate", "tally", "wanted", "offer", "change"))


#: a figure written in digits, with its next word (if any)
_DIGITS = re.compile(r"(?<![\w.,$€£])(\d[\d,]*(?:\.\d+)?)(?![\w,%]|\.\d)(?:\s*(?P<next>[A-Za-z]+))?")


def _also_gives(n: Number, value: float) -> bool:
    """Whether the sentence of figure ``n`` writes ``value`` in digits as well, as a figure of no other thing (its
    next word no noun of another unit): "improves to 58 - 3 with 51 wins coming by way of knockout" gives the 58 wins
    of the record beside the 51 of them by knockout; "a mother of 12 when he sprayed 13 bullets" gives no 13
    children."""
    text = n.sentence.text
    for m in _DIGITS.finditer(text):
        if n.start <= n.sentence.start + m.start() < n.end:
            continue
        nxt = m.group("next")
        if nxt and nxt[0].islower() and fold(nxt) not in STOP and singular(nxt) != n.unit:
            continue
        try:
            if float(m.group(1).replace(",", "")) == value:
                return True
        except ValueError:
            continue
    return False


def _part_and_whole(n1: Number, u1, n2: Number, u2) -> bool:
    """One outlet's figure is a whole whose part its own article gives as the other outlet's figure ("the four
    submarine cables" in an article quoting "We've lost three out of four lines" / "three submarine cables ...
    were damaged"): the two outlets agree on the part (``parts_of_wholes``); or one outlet's sentence gives the
    other outlet's figure too, beside its own (``_also_gives``: "58 - 3 with 51 wins coming by way of knockout" /
    "a career record of 58 wins"): its own is another figure, a part or a record, not another value."""
    return (n2.normalized, n1.normalized) in parts_of_wholes(u1.view.text) or \
        (n1.normalized, n2.normalized) in parts_of_wholes(u2.view.text) or \
        _also_gives(n1, n2.normalized) or _also_gives(n2, n1.normalized)


def fact_conflicts(facts: list[dict], numbers: list[Number], times: list) -> list[dict]:
    out = []
    nums_of: dict[str, list[Number]] = {}
    times_of: dict[str, list] = {}
    for n in numbers:
        nums_of.setdefault(n.article, []).append(n)
    for t in _with_undated(times, [u.view for f in facts for u in f["_units"]]):
        times_of.setdefault(t.article, []).append(t)
    for fact in facts:
        units = fact["_units"]
        if len(fact["outlets"]) < 2:
            continue
        # numbers of one unit, different values
        by_unit: dict[str, list[tuple]] = {}
        for u in units:
            inside = [n for n in nums_of.get(u.view.id, ()) if u.span.start <= n.start < u.span.end and n.unit]
            for n in inside:
                # a clause giving several figures of one unit ("the Orioles between $140 million and $150
                # million, the Nationals $160 million"; "80 percent in Egypt, 65 percent in India") gives a
                # range or figures of different things, not the one figure of the fact: it takes no side
                if len({m.normalized for m in inside if same_unit(m.unit, n.unit)}) > 1:
                    continue
                by_unit.setdefault(unit_kind(n.unit), []).append((n, u,
                        _variant(f"{n.normalized:,} {plural(n.unit) if n.normalized != 1 else n.unit}".replace(",", ","),
                                 u.view.label, u.view.id, u.text) | {"normalized": n.normalized, "as_written": n.value,
                                                                     "qualifier": n.qualifier}))
        for unit, entries in by_unit.items():
            # only figures that another outlet's figure contradicts as a measure of the same thing (same owner,
            # scope, time: ``same_measure``) take part
            kept = set()
            for (i, (n1, u1, _)), (j, (n2, u2, _)) in itertools.combinations(enumerate(entries), 2):
                (a0, a1) = number_range(n1.normalized, n1.qualifier)
                (b0, b1) = number_range(n2.normalized, n2.qualifier)
                if u1.view.label != u2.view.label and (a1 < b0 or b1 < a0) and same_measure(n1, n2) \
                        and not _part_and_whole(n1, u1, n2, u2):
                    kept |= {i, j}
            if not kept:
                continue
            # with the outlets that give one of those values
            values = {entries[k][0].normalized for k in kept}
            vs = [v for n, _, v in entries if n.normalized in values]
            merged = _merge(vs)
            if _numbers_clash(merged):
                out.append({"kind": "number", "about": f"{plural(unit)}: {_short(fact['text'])}", "variants": merged,
                            "fact": fact["id"]})
        # time expressions that disagree, among the sentences aligned pairwise (a sentence that joined the
        # fact as a whole often dates another event of the story)
        tv = []
        for u in fact.get("_core", units):
            for t in times_of.get(u.view.id, ()):
                if u.span.start <= t.start < u.span.end and not _in_quote(u.view, t.start):
                    role = time_role(u, t)
                    if role:
                        tv.append((t, u, role))
                        break
        if len({u.view.label for _, u, _ in tv}) < 2:
            continue
        # the times that disagree with another (of the event, or of the report): a vaguer one that holds both sides
        # ("By 1958" beside "In 1957" / "in 1958") is no side
        clashing = {k for (i, a), (j, b) in itertools.combinations(enumerate(tv), 2) if _times_clash(a, b)
                    for k in (i, j)}
        tv = [x for k, x in enumerate(tv) if k in clashing]
        clash = bool(clashing)
        if clash:
            variants = _merge([_variant(t.expression, u.view.label, u.view.id, u.text) | {"resolved": _resolved(t)}
                               for t, u, _ in tv])
            if len(variants) > 1:
                out.append({"kind": "date", "about": f"when: {_short(fact['text'])}", "variants": variants,
                            "fact": fact["id"]})
    return out


def title_conflicts(naming: list[dict], views: list) -> list[dict]:
    out = []
    by_label = {v.label: v for v in views}
    for entry in naming:
        current: dict[str, list[dict]] = {}
        former: dict[str, list[dict]] = {}
        for outlet, forms in entry["by_outlet"].items():
            view = by_label.get(outlet)
            for form in forms:
                m = re.match(r"(?:(?:the|a)\s+)?(?P<former>former|ex-|onetime)?\s*(?:[A-Z][a-z]+(?:an|ian|ese|ish)\s+|U\.?S\.?\s+)?"
                             r"(?P<title>President|Senator|Sen\.|Governor|Gov\.|Secretary of \w+|Prime Minister|Mayor|"
                             r"Speaker|Rep\.|Representative|Chairman|Leader)\b", form, re.I)
                if not m or view is None:
                    continue
                title = fold(m.group("title")).rstrip(".")
                title = {"sen": "senator", "gov": "governor", "rep": "representative"}.get(title, title)
                idx = view.text.find(form)
                sent = view.sentence_of(idx) if idx >= 0 else None
                quote = sent.text if sent and form in sent.text else form
                target = former if m.group("former") else current
                target.setdefault(title, []).append(_variant(form, outlet, view.id, quote))
        for title in [t for t in current if t in former]:     # in a stable order (not a set's)
            cur_outlets = {o for v in current[title] for o in v["outlets"]}
            old_outlets = {o for v in former[title] for o in v["outlets"]}
            if cur_outlets - old_outlets and old_outlets:
                variants = _merge([v | {"value": f"former {title}"} for v in former[title]] +
                                  [v | {"value": title} for v in current[title] if v["outlets"][0] not in old_outlets])
                out.append({"kind": "title", "about": f"{entry['entity']}'s title", "variants": variants})
    return out


_SETTING_STOP = {"dur", "remark", "the"} | content(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday morning evening afternoon night today yesterday")


_NAMED_SETTING = ("GPE", "LOC", "FAC", "ORG", "WORK_OF_ART")


def _setting_names(m) -> set[str]:
    """The places, bodies and events named in a quote's setting ("at Mar-a-Lago", "on CNN")."""
    lo = max(0, m.ev_start - 600)
    return {fold(text) for s, e, label, text in m.view.ents_in(lo, m.ev_end)
            if label in _NAMED_SETTING and text in m.setting} - _SETTING_STOP


def quote_conflicts(quotes: list[dict]) -> list[dict]:
    out = []
    for q in quotes:
        if len(q["outlets"]) < 2:
            continue
        settings = []
        for m in q["_mentions"]:
            if m.setting:
                settings.append(_variant(m.setting, m.view.label, m.view.id, m.view.text[m.ev_start:m.ev_end])
                                | {"_names": _setting_names(m)})
        merged = _merge(settings)
        # one setting told more precisely than another ("in a statement", "in a written statement"; "at a
        # town hall", "on Friday at an MSNBC town hall") or told from another side ("during remarks at
        # Mar-a-Lago", "in Thanksgiving remarks to troops", "during a press interaction": one event) is no
        # disagreement: two settings of different outlets must each name a place, body or event by name,
        # and no name the same (days and months left out: dates are compared as dates)
        sets = [(frozenset(v["_names"]), set(v["outlets"])) for v in merged]
        differ = any(a and b and not (a & b) and oa != ob for (a, oa), (b, ob) in itertools.combinations(sets, 2))
        for v in merged:
            v.pop("_names", None)
        if len(merged) > 1 and differ and len({o for v in merged for o in v["outlets"]}) > 1:
            text = q["variants"][0]["text"]
            out.append({"kind": "claim", "about": f"where/when {q['speaker']} said “{_short(text, 8)}”",
                        "variants": merged})
    return out


#: a detail not given: "did not say where", "could not say how many". A refusal ("declined to say where", "would
#: not specify how many", "refused to") is no value: the person withholds a detail, which others may then report
#: without contradicting anyone
_UNSTATED = re.compile(
    r"\b(?:did not|didn['’]t|does not|doesn['’]t|"
    r"could not|couldn['’]t|has not|hasn['’]t|have not|haven['’]t)\s+(?:yet\s+)?(?:say|disclose|specify|reveal|"
    r"confirm|detail|announce|indicate|comment on)\s+(?P<wh>where|when|how many|how much)\b(?P<rest>[^.;:!?]*)",
    re.I)
_PLACE_KINDS = ("GPE", "LOC", "FAC")


def _answer(kind: str, u, times_in: list, nums_in: list) -> str | None:
    """The part of clause ``u`` that answers a where/when/how-many question, if it has one (a habitual clause,
    ``_HABITUAL``, has none)."""
    if _HABITUAL.search(u.text):
        return None
    if kind == "where":
        for s, e, label, text in u.view.ents_in(u.span.start, u.span.end):
            before = u.view.text[max(u.span.start, s - 16):s]
            if label in _PLACE_KINDS and re.search(r"\b(?:in|at|across|throughout)\s+(?:the\s+)?$", before):
                return text
        return None
    if kind == "when":
        return times_in[0].expression if times_in else None
    if not kind.startswith("how"):
        return None
    # "how many shots were fired" is not answered by "three people" or "four days": the figure counts the
    # thing asked about (for "how much" without a noun, any figure)
    counted = _counted(kind)
    for n in nums_in:
        if not counted or stem(singular(n.unit.lower())) == counted:
            return n.value
    return None


def _counted(question: str) -> str | None:
    """The stem of the noun a "how many <noun>" / "how much <noun>" question counts, or None."""
    m = re.match(r"how (?:many|much)\s+([a-z]+)", question, re.I)
    if not m or m.group(1).lower() in _NOT_COUNTED:
        return None
    return stem(singular(m.group(1).lower()))


_NOT_COUNTED = {"he", "she", "they", "it", "the", "a", "an", "of", "was", "were", "is", "are", "had", "has", "have",
                "would", "will", "money"}


def unstated_conflicts(units: list, cos, numbers: list[Number], times: list) -> list[dict]:
    """One outlet says a detail was not given; another outlet's clause on the same subject gives it."""
    out = []
    times_of: dict[str, list] = {}
    nums_of: dict[str, list[Number]] = {}
    for t in times:
        times_of.setdefault(t.article, []).append(t)
    for n in numbers:
        if n.unit:
            nums_of.setdefault(n.article, []).append(n)
    for u in units:
        m = _UNSTATED.search(u.text)
        if not m:
            continue
        kind = m.group("wh").lower()
        question = f"{kind}{m.group('rest')}"
        kind = "how many" if kind.startswith("how") else kind
        topic = content(m.group("rest"))
        if not topic:
            continue
        cands: list[tuple[int, float, object, str]] = []
        for w in units:
            if not (w.stems & topic) or w.view.label == u.view.label or _UNSTATED.search(w.text):
                continue
            t_in = [t for t in times_of.get(w.view.id, ()) if w.span.start <= t.start < w.span.end]
            n_in = [n for n in nums_of.get(w.view.id, ()) if w.span.start <= n.start < w.span.end]
            ans = _answer(question if kind == "how many" else kind, w, t_in, n_in)
            if ans is None:
                continue
            sim = float(cos[u.index, w.index]) if cos is not None and len(cos) > max(u.index, w.index) else 0.0
            cands.append((len(w.stems & topic), sim, w, ans))
        if not cands:
            continue
        # per outlet: the clause closest to the subject, then the answer most outlets give, then similarity
        agree = {a: len({w.view.label for _, _, w, b in cands if fold(b) == fold(a)}) for *_, a in cands}
        best: dict[str, tuple] = {}
        for shared, sim, w, ans in cands:
            key = (shared, agree[ans], sim)
            if w.view.label not in best or key > best[w.view.label][0]:
                best[w.view.label] = (key, w, ans)
        variants = [_variant("not said", u.view.label, u.view.id, u.text)]
        variants += [_variant(ans, w.view.label, w.view.id, w.text) for _, w, ans in best.values()]
        out.append({"kind": "claim", "about": f"{kind} {_short(m.group('rest').strip(), 8)}".strip(),
                    "variants": _merge(variants)})
    return out


_ALREADY = re.compile(r"\balready\b", re.I)
_AHEAD = re.compile(r"\b(?:expected to|is to|are to|plans? to|planning to|set to|poised to|likely to|will|about to|"
                    r"due to)\b", re.I)
#: verbs that put their complement still ahead: "is expected to be indicted", "plans to file", "is set to vote"
_AHEAD_HEADS = {"expect", "plan", "set", "poise", "likely", "due", "intend", "prepare", "schedule"}


def _acts(u, people, ahead: bool) -> list[tuple[str, str]]:
    """(verb lemma, person) of the acts clause ``u`` reports as done "already" (``ahead`` False) or still
    to come (``ahead`` True: the complement of "expected to", "plans to", "will"), from the parse; the
    person is the subject (the one who is indicted, who votes), resolved to a name."""
    from newsprism.compare.claims import _entity, _subject_tok, parsed

    doc = parsed(u.text)
    out = []
    for v in doc or ():
        if v.pos_ not in ("VERB", "AUX") or v.lemma_ in ("be", "have"):
            continue
        kids = {c.lower_ for c in v.children}
        if ahead:
            head = v.head if v.dep_ == "xcomp" else None
            if not ((head is not None and head.lemma_.lower() in _AHEAD_HEADS) or "will" in kids):
                continue
        elif "already" not in kids or any(c.dep_ == "neg" for c in v.children):
            continue
        subj = _subject_tok(v)
        who = (people.resolve(subj.text) if people else None) if subj is not None and subj.pos_ == "PROPN" \
            else _entity(subj, people)
        if who:
            out.append((v.lemma_.lower(), who))
    return out


def status_conflicts(units: list, people) -> list[dict]:
    """One outlet reports an act as still to come ("Grimm is expected to be indicted"), another as done
    already ("Grimm has already been secretly indicted"): the same verb, the same person. Both cannot be
    true when written; a later report without "already" is a later development and is not compared."""
    done = [(u, acts) for u in units if _ALREADY.search(u.text) and (acts := _acts(u, people, False))]
    if not done:
        return []
    verbs = {stem(v) for _, acts in done for v, _ in acts}
    # only the clauses that name one of those acts are parsed
    ahead = [u for u in units if _AHEAD.search(u.text) and u.stems & verbs and not _ALREADY.search(u.text)]
    pending = [(a, u) for u in ahead for a in _acts(u, people, True)]
    out: list[dict] = []
    for d, acts in done:
        hits = list({id(u): u for a, u in pending if a in acts and u is not d}.values())
        if not hits:
            continue
        hit_ids = {id(u) for u in hits}
        verb, who = next(a for a in acts if any(a == b and id(u) in hit_ids for b, u in pending))
        variants = _merge([_variant("still to come", u.view.label, u.view.id, u.text) for u in hits] +
                          [_variant("already done", d.view.label, d.view.id, d.text)])
        out.append({"kind": "claim", "test": "status", "about": f"{who}, “{verb}”: still to come or already done",
                    "variants": variants})
    return out


def precision_differences(facts: list[dict], numbers: list[Number]) -> list[dict]:
    """Figures of one fact that outlets give with different precision, both possibly true: a vaguer
    value against a precise one ("about 80 people" / "83 people", "at least 83" / "more than 100"). They
    are not conflicts (``_numbers_clash``: a conflict is two values that cannot both be true) and are
    listed apart, each entry shaped like a conflict with ``kind`` "number". (Dates told more or less
    precisely, "this month" / "last week", are left out of the date conflicts the same way.)"""
    out = []
    nums_of: dict[str, list[Number]] = {}
    for n in numbers:
        nums_of.setdefault(n.article, []).append(n)
    for fact in facts:
        if len(fact["outlets"]) < 2:
            continue
        by_unit: dict[str, list[dict]] = {}
        for u in fact["_units"]:
            for n in nums_of.get(u.view.id, ()):
                if u.span.start <= n.start < u.span.end and n.unit:
                    by_unit.setdefault(unit_kind(n.unit), []).append(
                        _variant(n.value, u.view.label, u.view.id, u.text) | {"normalized": n.normalized,
                                                                               "qualifier": n.qualifier})
        for unit, vs in by_unit.items():
            merged = _merge(vs)
            ranges = {number_range(v["normalized"], v.get("qualifier", "")) for v in merged}
            outlets = {o for v in merged for o in v["outlets"]}
            if len(ranges) > 1 and len(outlets) > 1 and not _numbers_clash(merged) and \
                    any(a0 < a1 for a0, a1 in ranges) and any(a0 == a1 for a0, a1 in ranges):
                out.append({"kind": "number", "about": f"{plural(unit)}: {_short(fact['text'])}",
                            "variants": merged, "fact": fact["id"]})
    return out



def _vaguer(a: tuple, b: tuple) -> bool:
    """One range is a value, the other a vaguer range that holds it: "more than 5,000" / "5,200"."""
    return not _disjoint(a, b) and (a[0] == a[1]) != (b[0] == b[1])


def cross_precision_differences(units: list, cos, facts: list[dict], numbers: list[Number],
                                found: list[dict]) -> list[dict]:
    """Differences of precision between clauses of different outlets that the alignment left in two facts but
    whose figures measure one thing (``_cross_figures``): a vaguer value against a precise one it allows ("more
    than 5,000 active-duty troops" / "5,200 troops"; "nearly two-dozen" / "23 executive actions"), listed as
    ``precision_differences`` lists those of one fact; clauses an entry of ``found`` shows are left out."""
    by_unit: dict[tuple, dict] = {}
    for n1, u1, n2, u2, holder in _cross_figures(units, cos, facts, numbers, found, _vaguer):
        for n, u in ((n1, u1), (n2, u2)):
            by_unit.setdefault((unit_kind(n1.unit), holder), {})[(u.view.id, u.text, n.normalized)] = _variant(
                n.value, u.view.label, u.view.id, u.text) | {"normalized": n.normalized, "qualifier": n.qualifier}
    out = []
    for (unit, holder), vs in by_unit.items():
        merged = _merge(list(vs.values()))
        if not _numbers_clash(merged):
            whose = f" ({holder.title()})" if holder else ""
            first = merged[0]["evidence"][0]["quote"]
            out.append({"kind": "number", "about": f"{plural(unit)}{whose}: {_short(first)}", "variants": merged})
    return out

#: "the only country", "not the only country", "isn't the only one"
_ONLY = re.compile(r"(?P<neg>(?:\bnot|n['’]t)\s+)?\bthe\s+only\s+(?P<noun>[a-z]+)\b", re.I)
#: "at least 30 other countries", "several other states": others of the kind exist
_OTHERS = re.compile(r"\b(?:\d[\d,]*|many|several|dozens\s+of|scores\s+of|a\s+number\s+of)\s+other\s+(?P<noun>[a-z]+)\b", re.I)


def only_conflicts(units: list, cos) -> list[dict]:
    """One outlet's clause says something is "the only" one of its kind ("we're the only country in the world
    where …", often inside a quote), another outlet's clause close in meaning (``CROSS_COS``) says it is not
    ("not the only country", "at least 30 other countries … grant"): both cannot be true. A clause that
    states both sides takes no side (it reports the claim and its correction)."""
    if cos is None:
        return []
    sides: dict[str, tuple[list, list]] = {}
    for u in units:
        found = [(singular(m.group("noun")), bool(m.group("neg"))) for m in _ONLY.finditer(u.text)]
        found += [(singular(m.group("noun")), True) for m in _OTHERS.finditer(u.text)]
        for noun in {n for n, _ in found}:
            said = {neg for n, neg in found if n == noun}
            if len(said) == 1:
                sides.setdefault(noun, ([], []))[int(said.pop())].append(u)
    out = []
    for noun, (only, others) in sides.items():
        if noun in ("one", "way", "thing", "time", "person", "reason"):
            continue      # "the only one who …", "the only way to …": a manner of speaking, no count of a kind
        pairs = [(a, b) for a in only for b in others if a.view.label != b.view.label
                 and max(a.index, b.index) < len(cos) and float(cos[a.index, b.index]) >= CROSS_COS]
        if not pairs:
            continue
        keep_a = list({id(a): a for a, _ in pairs}.values())
        keep_b = list({id(b): b for _, b in pairs}.values())
        variants = _merge([_variant(f"the only {noun}", u.view.label, u.view.id, u.text) for u in keep_a]) + \
            _merge([_variant(f"not the only {noun}", u.view.label, u.view.id, u.text) for u in keep_b])
        out.append({"kind": "claim", "about": f"whether it is the only {noun}: {_short(keep_a[0].text)}",
                    "variants": variants})
    return out


_ORDINAL_WORDS = {"fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
                  "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
                  "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20}
#: "the 12th Doctor", "the Twelfth Doctor", "the 44th president": a place in a sequence that one holder fills.
#: "first" to "third" are left out: they make names of their own ("the first lady", "the third baseman")
_ORDINAL = re.compile(r"\bthe\s+(?P<ord>\d{1,3}(?:st|nd|rd|th)|%s)\s+(?P<noun>[A-Za-z]+)\b" % "|".join(_ORDINAL_WORDS),
                      re.I)


def _ordinal_holder(u, m):
    """The person clause ``u`` says fills the place matched by ``m`` ("Matt Smith, the 12th Doctor"; "Capaldi is
    the 12th Doctor"; "Capaldi was named the Twelfth Doctor"; "the twelfth Doctor, Peter Capaldi"), from the parse:
    the title must stand bare (no phrase or clause that narrows it: "the 12th actor to play the Doctor"), and the
    holder be a name."""
    from newsprism.compare.claims import parsed

    doc = parsed(u.text)
    noun = next((t for t in doc or () if t.idx == m.start("noun")), None)
    if noun is None or any(c.dep_ in ("prep", "acl") for c in noun.children):
        return None
    name = None
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        name = noun.head
    elif noun.dep_ in ("attr", "oprd"):
        name = next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != noun.i), None)
    if name is None:
        name = next((c for c in noun.children if c.dep_ == "appos"), None)
    if name is None or name.pos_ != "PROPN":
        return None
    return " ".join(x.text for x in sorted([name, *name.children], key=lambda x: x.i)
                    if x.pos_ == "PROPN" and x.dep_ in (name.dep_, "compound"))


def ordinal_conflicts(units: list, people) -> list[dict]:
    """One place in a sequence filled by two people: "He will take over for Matt Smith, the 12th Doctor" / "In
    Doctor Who lore Capaldi is the 12th Doctor". The same ordinal and noun, standing bare (``_ordinal_holder``),
    given to different people (as ``people`` resolves their names, of different surnames) by different outlets,
    one of them not saying the other's: both cannot hold it."""
    held: dict[tuple, dict[str, list]] = {}
    written: dict[tuple, str] = {}
    for u in units:
        for m in _ORDINAL.finditer(u.text):
            o = fold(m.group("ord"))
            rank = int(re.match(r"\d+", o).group(0)) if o[0].isdigit() else _ORDINAL_WORDS[o]
            who = _ordinal_holder(u, m) if rank >= 4 else None
            if not who:
                continue
            key = (rank, singular(m.group("noun").lower()))
            written.setdefault(key, f"{m.group('ord')} {m.group('noun')}")
            person = (people.resolve(who) if people else None) or who
            held.setdefault(key, {}).setdefault(person, []).append(u)
    out = []
    for key, by_person in held.items():
        outlets = {p: {u.view.label for u in us} for p, us in by_person.items()}
        if len({fold(p.split()[-1]) for p in by_person}) < len(by_person):
            continue     # "Smith" / "Matt Smith" where the names were not resolved to one person: no two people
        if not any(outlets[a] - outlets[b] and outlets[b] - outlets[a]
                   for a, b in itertools.combinations(outlets, 2)):
            continue
        variants = [v for p, us in by_person.items() for v in _merge([_variant(p, u.view.label, u.view.id, u.text)
                                                                     for u in us])]
        out.append({"kind": "claim", "test": "ordinal", "about": f"who is the {written[key]}", "variants": variants})
    return out


#: the whole of a place: "the loss of all telecommunications in Egypt's second largest city of Alexandria", "all of
#: Alexandria", "the entire city of Alexandria", "throughout Alexandria"
_ALL_OF = re.compile(r"\b(?:all\s+(?:of\s+)?(?:the\s+)?(?:[a-z]+\s+){0,2}?(?:in|across|throughout|of)|"
                     r"(?:the\s+)?(?:entire|whole)(?:\s+of)?|throughout)\s+(?P<place>[^,;:.()]+)", re.I)
#: a part of it: "disrupted in parts of Alexandria", "only certain parts of the city", "some areas of Cairo"
_PART_OF_PLACE = re.compile(r"\b(?:parts?|areas|districts|sections|neighbou?rhoods)\s+of\s+(?P<place>[^,;:.()]+)",
                            re.I)


def _place_named(span: str) -> str | None:
    """The place a phrase names: its last capitalised word before a conjunction or a preposition other than "of"
    ("Egypt's second largest city of Alexandria and parts of the Nile Delta", "Alexandria on Tuesday afternoon":
    Alexandria); days and months are no places."""
    head = re.split(r"\s+(?:and|or|but|while|as|where|which|due|on|in|at|for|from|to|by|with|after|before|during|"
                    r"since|until)\s+", span)[0]
    names = [fold(w).removesuffix("'s").removesuffix("’s") for w in re.findall(r"\b[A-Z][\w’'-]+", head)]
    names = [w for w in names if w not in _DAYS and w not in _MONTH_NAMES]
    return names[-1] if names else None


def scope_conflicts(units: list, cos) -> list[dict]:
    """One outlet's clause says something happened in all of a place ("the loss of all telecommunications in ...
    Alexandria"), another outlet's clause close in meaning (``CROSS_COS``) says in parts of it ("disrupted in
    parts of Alexandria"): the whole against a part, both cannot be true. An outlet that says both takes no side
    (it may tell two moments or two services)."""
    if cos is None:
        return []
    sides: dict[str, tuple[list, list]] = {}
    for u in units:
        found = {(p, 0) for m in _ALL_OF.finditer(u.text) if (p := _place_named(m.group("place")))}
        found |= {(p, 1) for m in _PART_OF_PLACE.finditer(u.text) if (p := _place_named(m.group("place")))}
        for place, side in found:
            sides.setdefault(place, ([], []))[side].append(u)
    out = []
    for place, (whole, part) in sides.items():
        both = {u.view.label for u in whole} & {u.view.label for u in part}
        pairs = [(a, b) for a in whole for b in part if a.view.label != b.view.label
                 and not {a.view.label, b.view.label} & both
                 and max(a.index, b.index) < len(cos) and float(cos[a.index, b.index]) >= CROSS_COS]
        if not pairs:
            continue
        name = next(m.group(0) for m in re.finditer(r"\b[A-Z][\w’'-]+", pairs[0][0].text)
                    if _place_named(m.group(0)) == place)
        variants = _merge([_variant(f"all of {name}", a.view.label, a.view.id, a.text) for a, _ in pairs]) + \
            _merge([_variant(f"parts of {name}", b.view.label, b.view.id, b.text) for _, b in pairs])
        out.append({"kind": "claim", "test": "scope",
                    "about": f"all of {name} or parts of it: {_short(pairs[0][0].text)}",
                    "variants": variants})
    return out


_NAME = r"(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'-]+))*)"
#: a person's age given beside the name: "Raj K. Chohan, 59, of Queens", "Horton, 34, was walking", "Jeffs, aged 55,"
#: and "the 38 - year - old Anthony LaCalamita" (up to two words between: "a 23 - year - old driver, Vishwanand ...")
_AGE_AFTER_NAME = re.compile(_NAME + r"\s*,\s*(?:aged\s+)?(?P<age>\d{1,3})\s*(?=[,;.)]|\s+(?:of|from|who|was|is)\b)")
_AGE_BEFORE_NAME = re.compile(r"(?<![\w.])(?P<age>\d{1,3})\s?[-–]\s?year\s?[-–]\s?old\s+(?:[a-z]+\s+){0,2}?,?\s*" + _NAME)
#: an age of another time than the story's: "then- 15-year-old Timmons", "Timmons, now 16", "Brent Jeffs, now 28"
_AGE_THEN = re.compile(r"\b(?:then|now|at\s+the\s+time|when\s+\w+\s+was)\s*[-–]?\s*$", re.I)
#: ages a year apart may lie a birthday apart (articles of different days: the trial a year after the shooting)
AGE_SLACK = 1


def _person(name: str, people) -> str | None:
    """The story's person a name written in a clause stands for, or None: a mention with a first name must have that
    person's first name, or one that begins with the same three letters ("Dave Rossi" is David Rossi, "Brent Jeffs"
    is not Warren Jeffs)."""
    person = people.resolve(name) if people else None
    if not person:
        return None
    first = fold(name.split()[0])
    if len(name.split()) > 1 and first[:3] != fold(person.split()[0])[:3] and first != fold(person.split()[-1]):
        return None
    return person


def _ages(u, people) -> list[tuple[str, int]]:
    """(person, age) for each age clause ``u`` gives beside a name the story's people resolve (``_person``); an age
    told as then or now is left out (``_AGE_THEN``)."""
    out = []
    for pat in (_AGE_AFTER_NAME, _AGE_BEFORE_NAME):
        for m in pat.finditer(u.text):
            age = int(m.group("age"))
            if not 0 < age < 120 or _AGE_THEN.search(u.text, 0, m.start("age")):
                continue
            person = _person(m.group("name"), people)
            if person:
                out.append((person, age))
    return out


def age_conflicts(units: list, people) -> list[dict]:
    """A person's age told differently by two outlets ("Chohan, 59" / "the 62 - year - old Chohan"): more than
    ``AGE_SLACK`` apart, one outlet giving the one without the other. Ages of another time ("then 15", "now 16") are
    not read; an age a year off may be the same person a birthday later, and is no contradiction."""
    told: dict[str, dict[int, list]] = {}
    for u in units:
        for person, age in _ages(u, people):
            told.setdefault(person, {}).setdefault(age, []).append(u)
    out = []
    for person, by_age in told.items():
        outlets = {a: {u.view.label for u in us} for a, us in by_age.items()}
        clash = {a for a, b in itertools.permutations(outlets, 2)
                 if abs(a - b) > AGE_SLACK and outlets[a] - outlets[b] and outlets[b] - outlets[a]}
        if not clash:
            continue
        variants = [v for a in sorted(clash) for v in _merge([_variant(str(a), u.view.label, u.view.id, u.text)
                                                               for u in by_age[a]])]
        out.append({"kind": "number", "test": "age", "about": f"{person}'s age", "variants": variants})
    return out


#: a win-loss(-draw) record written beside a name, in brackets or between commas, its count of knockouts allowed
#: after it: "Klitschko (52-3, 46 KOs)", "Riddick Bowe, 43-1, 33 KO's, returned", "Rahman (45-7-2)"
_RECORD = re.compile(_NAME + r"\s*[(,]\s*(?P<rec>\d{1,3}\s?[-–]\s?\d{1,3}(?:\s?[-–]\s?\d{1,3})?)"
                     r"(?:\s*,\s*\d{1,3}\s+KO['’]?s)?\s*(?=[,;)])")


def record_conflicts(units: list, people) -> list[dict]:
    """A person's win-loss record told differently by two outlets ("Klitschko (52-3, 46 KOs)" / "Wladimir Klitschko,
    53-3, 47 KO's,"): one outlet giving the one record without the other. A record is read only beside a name the
    story's people resolve (``_person``: a score of teams or a span of years is none), and is compared by its wins,
    losses and draws."""
    told: dict[str, dict[tuple, list]] = {}
    for u in units:
        for m in _RECORD.finditer(u.text):
            person = _person(m.group("name"), people)
            if person:
                key = tuple(int(x) for x in re.findall(r"\d+", m.group("rec")))
                told.setdefault(person, {}).setdefault(key, []).append(u)
    out = []
    for person, by_record in told.items():
        outlets = {r: {u.view.label for u in us} for r, us in by_record.items()}
        clash = [r for r in outlets if any(outlets[r] - outlets[o] and outlets[o] - outlets[r]
                                           for o in outlets if o != r and len(o) == len(r))]
        if clash:
            variants = [v for r in clash for v in _merge([_variant("-".join(map(str, r)), u.view.label, u.view.id,
                                                                   u.text) for u in by_record[r]])]
            out.append({"kind": "number", "test": "record", "about": f"{person}'s record", "variants": variants})
    return out


#: words that make an office another one below or beside it: an Assistant District Attorney is not the District
#: Attorney, a Vice President not the President ("Associate Justice" is left out: one is called Justice)
_RANKS = {"assistant", "deputy", "vice"}
#: a run of capitalised words (a title, then a name): "Albany County Assistant District Attorney Dave Rossi"
_CAPS_RUN = re.compile(r"(?<![\w’'-])(?:[A-Z][\w.’'-]*\s+){1,8}[A-Z][\w’'-]+")
_OFFICES = {t.rstrip(".") for t in TITLE_WORDS} - {"the", "of", "us", "u.s", "former", "first"} - _RANKS
#: words before a title that make it another rank's or another time's
_NOT_NOW = re.compile(r"\b(?:%s|former|ex-|onetime|then|then-)\s*$" % "|".join(_RANKS), re.I)


def _offices(u, people) -> list[tuple[str, tuple[str, ...], str]]:
    """(person, the title's words folded, the title as written) for each capitalised title clause ``u`` writes right
    before a name of the story's people: the run of capitalised words up to its last office word
    (``TITLE_WORDS``), the rest being the name. A title in lower case ("public defender Peter Lynch") describes
    rather than names an office, one a rank word in lower case opens is not read, nor one of another time ("former
    Vice President Joe Biden" may be President now)."""
    out = []
    for m in _CAPS_RUN.finditer(u.text):
        toks = m.group(0).split()
        last = max((i for i, t in enumerate(toks[:-1]) if fold(t).rstrip(".") in _OFFICES), default=None)
        if last is None or _NOT_NOW.search(u.text, 0, m.start()) or \
                any(fold(t) in ("former", "then", "onetime") for t in toks[:last]):
            continue
        person = _person(" ".join(toks[last + 1:]), people)
        if person:
            words = tuple(fold(t).rstrip(".") for t in toks[:last + 1])
            out.append((person, words, " ".join(toks[:last + 1])))
    return out


def rank_conflicts(units: list, people) -> list[dict]:
    """One person given an office by one outlet and the office a rank below or beside it by another ("Albany County
    District Attorney Dave Rossi" / "Assistant District Attorney David Rossi"; ``_RANKS``): the words after the
    rank word close the other title, which has no rank word. An outlet that writes both is shown with both, as long
    as another outlet writes one of them only."""
    ranked: dict[tuple, dict[tuple, list]] = {}
    plain: dict[str, list] = {}
    for u in units:
        for person, words, shown in _offices(u, people):
            at = max((i for i, w in enumerate(words) if w in _RANKS), default=None)
            if at is None:
                plain.setdefault(person, []).append((words, shown, u))
            elif words[at + 1:]:
                ranked.setdefault((person, words[at + 1:]), {}).setdefault(words[at], []).append((shown, u))
    out = []
    for (person, office), by_rank in ranked.items():
        below = [(shown, u) for xs in by_rank.values() for shown, u in xs]
        above = [(shown, u) for words, shown, u in plain.get(person, []) if words[-len(office):] == office]
        low, high = {u.view.label for _, u in below}, {u.view.label for _, u in above}
        if high and low and len(high | low) > 1:
            variants = _merge([_variant(shown, u.view.label, u.view.id, u.text) for shown, u in above]) + \
                _merge([_variant(shown, u.view.label, u.view.id, u.text) for shown, u in below])
            out.append({"kind": "title", "test": "rank", "about": f"{person}'s title", "variants": variants})
    return out


_ORDINALS = {"first": 1, "second": 2, "third": 3} | _ORDINAL_WORDS
_ORD = r"(?P<ord>\d{1,2}(?:st|nd|rd|th)|%s)" % "|".join(_ORDINALS)
#: how far into a period an act happened: "44 seconds into the seventh round", "two minutes into the flight"
_INTO = re.compile(r"(?<![\w.:])(?P<n>\d{1,3}|%s)\s+(?P<unit>seconds?|minutes?)\s+into\s+(?:the\s+)?(?:%s\s+)?[a-z]+"
                   % ("|".join(WORDNUM), _ORD), re.I)
#: the same on a clock that runs through the period: "at the 2:15 mark", "at 2:15 of the seventh round" (a clock
#: reading with neither "mark" nor a period is a time of day)
_MARK = re.compile(r"\bat\s+(?:the\s+)?(?P<m>\d{1,2})\s?:\s?(?P<s>[0-5]\d)(?P<mark>\s+mark\b)?"
                   r"(?:\s+(?:of|into)\s+(?:the\s+)?%s\s+[a-z]+)?" % _ORD, re.I)
ELAPSED_SLACK_S = 5


def _ordinal(word: str | None) -> int | None:
    if not word:
        return None
    w = fold(word)
    return int(re.match(r"\d+", w).group(0)) if w[0].isdigit() else _ORDINALS.get(w)


def _elapsed(u) -> list[tuple[int, int | None, str, tuple]]:
    """(seconds into the period, the period's ordinal or None, the words as written, the act) for each such time
    clause ``u`` gives: the act is the lemma of the verb the time hangs from and of that verb's object, from the
    parse ("stopped the fight 44 seconds into the seventh round": stop, fight)."""
    from newsprism.compare.claims import parsed

    out = []
    doc = None
    for m in itertools.chain(_INTO.finditer(u.text), _MARK.finditer(u.text)):
        if m.re is _INTO:
            n = m.group("n")
            secs = (int(n) if n.isdigit() else WORDNUM[fold(n)]) * (60 if fold(m.group("unit")).startswith("min") else 1)
        elif m.group("mark") or m.group("ord"):
            secs = int(m.group("m")) * 60 + int(m.group("s"))
        else:
            continue
        order = _ordinal(m.group("ord"))
        doc = doc if doc is not None else parsed(u.text)
        tok = next((t for t in doc if m.start() <= t.idx < m.end()), None) if doc is not None else None
        for _ in range(6):
            if tok is None or tok.pos_ == "VERB" or tok.head.i == tok.i:
                break
            tok = tok.head
        if tok is None or tok.pos_ != "VERB":
            continue
        objects = {c.lemma_.lower() for c in tok.children if c.dep_ == "dobj"}
        out.append((secs, order, m.group(0).strip(), (_event_class(tok.lemma_.lower()), frozenset(objects))))
    return out


def elapsed_conflicts(units: list) -> list[dict]:
    """One act placed at different times into a period by two outlets ("stopped the fight 44 seconds into the
    seventh round" / "stopping the fight at the 2:15 mark"): the same verb of the parse with the same object (or
    none on one side), the same period where both name it, and times more than ``ELAPSED_SLACK_S`` apart."""
    told = [(x, u) for u in units for x in _elapsed(u)]
    out, seen = [], set()
    for (a, ua), (b, ub) in itertools.combinations(told, 2):
        (sa, oa, wa, (va, ja)), (sb, ob, wb, (vb, jb)) = a, b
        if ua.view.label == ub.view.label or va != vb or (ja and jb and not ja & jb) or \
                (oa and ob and oa != ob) or abs(sa - sb) <= ELAPSED_SLACK_S or (va, ja | jb) in seen:
            continue
        seen.add((va, ja | jb))
        variants = [_variant(wa, ua.view.label, ua.view.id, ua.text), _variant(wb, ub.view.label, ub.view.id, ub.text)]
        out.append({"kind": "number", "test": "elapsed", "about": f"when into the period: {_short(ua.text)}",
                    "variants": variants})
    return out


#: a motion under way, told with its direction: "was walking into the store", "were walking out of the store",
#: "heading toward the exit", "as she was leaving the store" (a cheap filter before the parse)
_MOTION = re.compile(r"\b[a-z]+ing\s+(?:into|out\s+of|toward|towards|away\s+from)\s|"
                     r"\b(?:entering|leaving|exiting)\s", re.I)
#: the direction a preposition after a verb of motion gives, and the one verbs of passing through a door give
_DIRECTION = {"into": "in", "toward": "in", "towards": "in", "out": "out", "away": "out"}
_DIRECTION_VERBS = {"enter": "in", "leave": "out", "exit": "out"}


def _motions(u, people) -> list[tuple[str, str, str]]:
    """(person, place, direction) for each motion clause ``u`` reports as under way (a verb in -ing: what someone
    was doing when the story's act happened), from the parse: the mover is the verb's subject, resolved to a person
    of the story; the place is the head noun the motion goes into or out of ("into the store", "out of a
    store", "leaving the store"); the direction is in or out."""
    from newsprism.compare.claims import _entity, _subject_tok, parsed

    out = []
    for v in parsed(u.text) or ():
        if v.tag_ != "VBG" or v.pos_ != "VERB":
            continue
        goals = []
        if v.lemma_.lower() in _DIRECTION_VERBS:
            goals = [(c, _DIRECTION_VERBS[v.lemma_.lower()]) for c in v.children if c.dep_ == "dobj"]
        for c in v.children:
            way = _DIRECTION.get(c.lower_)
            if way and c.dep_ in ("prep", "prt", "advmod"):
                # "into the store"; "out of the store" and "away from it" hang their noun on the next preposition
                holders = [c] + [p for p in c.children if p.dep_ == "prep" and p.lower_ in ("of", "from")]
                goals += [(o, way) for h in holders for o in h.children if o.dep_ == "pobj"]
        subj = _subject_tok(v) if goals else None
        if subj is not None and subj.pos_ == "PROPN":
            # the subject's own name, without what its appositions add ("LuAnn Marie Johnson, 66, of Burnsville")
            name = " ".join(t.text for t in subj.children if t.dep_ == "compound" and t.i < subj.i) + " " + subj.text
            who = people.resolve(name.strip()) if people else None
        else:
            who = _entity(subj, people)
        if who:
            out += [(who, o.lemma_.lower(), way) for o, way in goals if o.pos_ == "NOUN"]
    return out


#: a heading on a named road: "a grey Toyota Camry heading north on 117th Street", "heading west on American
#: Boulevard", "a chase north along Interstate 75", "traveling southbound on I-95"
_HEADING = re.compile(r"\b(?P<way>north|south|east|west)(?:bound|ward)?\s+(?:on|along|down|up)\s+(?:the\s+)?"
                      r"(?P<road>(?:Interstate|Highway|Route|I-|U\.\s?S\.)\s*\d+|(?:[A-Z0-9][\w’'-]*\s+){1,3}?"
                      r"(?:Street|Avenue|Boulevard|Road|Highway|Drive|Lane|Parkway|Expressway|Freeway|Turnpike|St|Ave|"
                      r"Blvd|Rd)\b)")
_ROAD_WORDS = {"st": "street", "ave": "avenue", "blvd": "boulevard", "rd": "road", "i": "interstate"}
_OPPOSITE = {"north": "south", "south": "north", "east": "west", "west": "east", "in": "out", "out": "in"}


def _road(name: str) -> str:
    """A road's name folded, its abbreviations written out ("117th St." and "117th Street", "I-75" and "Interstate
    75" are one road)."""
    return " ".join(_ROAD_WORDS.get(w, w) for w in re.findall(r"[a-z0-9]+", fold(name)))


def direction_conflicts(units: list, people) -> list[dict]:
    """Which way someone or something was going, told the other way by another outlet: one person moving into a
    place and out of it, the motion under way when the story's act happened ("Johnson ... was walking into the
    store ... when she was struck" / "Johnson and her husband were walking out of the store": ``_motions``; a
    motion told as done, "walked into the store", then "walked out", is two moments and is not read), or opposite
    headings on one road ("heading north on 117th Street" / "driving south on 117th St."). Each outlet gives the
    one without the other: an outlet telling both tells of two moves."""
    told: dict[tuple, dict[str, list]] = {}
    about: dict[tuple, str] = {}
    for u in units:
        if _MOTION.search(u.text):
            for who, place, way in _motions(u, people):
                about.setdefault((who, place), f"which way {who} was going: the {place}")
                told.setdefault((who, place), {}).setdefault(way, []).append(u)
        for m in _HEADING.finditer(u.text):
            key = ("", _road(m.group("road")))
            about.setdefault(key, f"which way along {m.group('road')}")
            told.setdefault(key, {}).setdefault(m.group("way").lower(), []).append(u)
    out = []
    for (who, place), by_way in told.items():
        clash = [w for w in by_way if _OPPOSITE[w] in by_way and
                 {u.view.label for u in by_way[w]} - {u.view.label for u in by_way[_OPPOSITE[w]]}]
        if len(clash) < 2:
            continue
        value = {"in": f"into the {place}", "out": f"out of the {place}"}
        variants = [v for w in clash for v in _merge([_variant(value.get(w, w), u.view.label, u.view.id, u.text)
                                                      for u in by_way[w]])]
        out.append({"kind": "claim", "test": "direction", "about": about[who, place], "variants": variants})
    return out


#: verbs whose object (or passive subject) counts the dead, or the hurt; "die" counts its subject
_TOLL_VERBS = {"kill": "killed", "slay": "killed", "murder": "killed", "die": "killed",
               "injure": "injured", "wound": "injured", "hurt": "injured"}
_TOLL_CUE = re.compile(r"\b(?:kill\w*|slay\w*|slain|murder\w*|die[ds]?|dying|dead|injur\w*|wound\w*|hurt)\b", re.I)
_A_FIGURE = re.compile(r"\d|\b(?:%s)\b" % "|".join(WORDNUM), re.I)
#: nouns that count people of any kind: a figure of one compares with a figure of another or with a bare figure
_ANYONE = {"people", "person", "individual", "victim", "other", "dead"}
_TOLL_QUAL = re.compile(r"\b(?P<qual>at least|more than|over|nearly|almost|about|around|roughly|some|up to|fewer than|"
                        r"less than|approximately|an estimated)\s+$", re.I)


def _shot_dead(v) -> bool:
    """Whether verb ``v`` of shooting says it killed: "shot dead", "shot to death"."""
    return any(k.lower_ == "dead" or k.lower_ == "to" and any(p.lower_ == "death" for p in k.children)
               for k in v.children)


def _toll_slot(c) -> str | None:
    """"killed" or "injured" where token ``c`` (a counted noun, or a figure standing alone) is what a verb of
    killing or hurting acts on ("killing one", "killed three people", "five were killed", "one man was shot and
    killed"), the subject of "died", or counts the dead ("left three dead"); else None."""
    if c.lemma_.lower() == "dead" or any(k.lower_ == "dead" and k.dep_ in ("amod", "oprd", "acomp")
                                         for k in c.children):
        return "killed"
    if c.dep_ not in ("dobj", "nsubjpass", "nsubj") or c.head.pos_ not in ("VERB", "AUX"):
        return None
    # a passive subject is shared by the verbs joined to its own ("One man was shot and killed")
    verbs = [c.head] + [k for k in c.head.children if k.dep_ == "conj" and k.pos_ == "VERB" and c.dep_ == "nsubjpass"]
    for v in verbs:
        lemma = v.lemma_.lower()
        slot = _TOLL_VERBS.get(lemma)
        if lemma == "shoot" and _shot_dead(v):
            slot = "killed"
        if slot and (c.dep_ != "nsubj" or lemma == "die"):
            return slot
    return None


def victim_counts(views) -> list[Number]:
    """Figures that count the people an act killed or hurt, read from the parse whatever word they count or none
    ("killing one", "shot three people, killing one", "Four people died", "five were killed"): the unit is the slot
    ("killed", "injured"), followed by the counted noun where it names a kind of person ("killed man": one man
    killed is no count of every victim); ``_ANYONE`` nouns count anyone."""
    from newsprism.compare.claims import _parse, parsed

    sents = [(v, s) for v in views for s in v.sentences if _TOLL_CUE.search(s.text) and _A_FIGURE.search(s.text)]
    _parse([s.text for _, s in sents])
    out = []
    for v, s in sents:
        for t in parsed(s.text) or ():
            if not (t.like_num or t.lower_ in WORDNUM) or t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT") \
                    or t.i and t.nbor(-1).lower_ == "no":
                continue     # "no one was injured" counts nobody
            value = WORDNUM.get(t.lower_)
            if value is None:
                try:
                    value = float(t.text.replace(",", ""))
                except ValueError:
                    continue
            c = t.head if t.dep_ == "nummod" and t.head.pos_ in ("NOUN", "ADJ") else t
            slot = _toll_slot(c)
            if not slot or c is not t and c.lemma_.lower() not in _ANYONE and c.pos_ != "NOUN":
                continue
            noun = "" if c is t or c.lemma_.lower() in _ANYONE else singular(c.lemma_.lower())
            q = _TOLL_QUAL.search(s.text, 0, t.idx)
            start = s.start + (q.start() if q else t.idx)
            end = s.start + max(t.idx + len(t.text), c.idx + len(c.text))
            value = int(value) if float(value).is_integer() else value
            out.append(Number(v.id, v.label, start, end, v.text[start:end], value, f"{slot} {noun}".strip(),
                              q.group("qual").lower() if q else "", s))
    return out


def with_victims(numbers: list[Number], views) -> list[Number]:
    """``numbers`` with each figure that counts the victims of an act (``victim_counts``) under its slot: those
    figures compare with one another and with no other count of people ("three people wounded" / "killing one")."""
    victims = victim_counts(views)
    taken = [(n.article, n.start, n.end) for n in victims]
    return sorted([n for n in numbers if not any(a == n.article and s < n.end and n.start < e for a, s, e in taken)]
                  + victims, key=lambda n: (n.article, n.start))
