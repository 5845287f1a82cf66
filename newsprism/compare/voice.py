"""Voice: who says a sentence, the outlet itself or someone it relays.

A sentence is in the outlet's own voice unless it relays someone else:
- ``quote``: most of it lies inside quotation marks, or it continues a quotation opened in an earlier
  sentence of its paragraph, or it follows a sentence that ends with a colon (a quoted statement or
  post set off as a paragraph), or it lies in a statement the article reproduces after a line that gives
  it to its author ("Statement:", "T - Mobile on the BlackBerry Q10:", "Here is how they describe the
  device:") without quotation marks: such a lead-in opens a block over every following line up to the
  next line that ends with a colon or the end of the text (a statement in quotation marks ends where they do);
- ``reported``: a verb of saying or reporting outside its quotation marks ("X said", "said X",
  "X told reporters", "X wrote", "X denied", "according to X", "X reported", "…, accusing X of"),
  or a poll, survey or study that shows or finds what the sentence says.

``source`` is who the sentence names as saying it (a name or a descriptor as written, a pronoun
resolved to the person last named before it when the story's people are known), or None when the
sentence does not itself name anyone (the attribution lies in an earlier sentence). ``in_sentence``
says whether the attribution is inside the sentence, so that a reader of the sentence alone sees who
speaks: a brief may only use a relayed sentence that carries its own attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.compare.text import ArticleView, Span

_SAY = (r"said|says|say|told|tells|stated|states|declared|declares|added|adds|wrote|writes|tweeted|posted|warned|"
        r"warns|argued|argues|explained|explains|noted|notes|insisted|insists|claimed|claims|asserted|asserts|"
        r"announced|announces|asked|asks|replied|replies|responded|responds|acknowledged|acknowledges|admitted|"
        r"admits|conceded|concedes|stressed|predicted|reiterated|countered|charged|complained|suggested|suggests|"
        r"confirmed|confirms|denied|denies|disputed|disputes|alleged|alleges|accused|accuses|reported|reports|"
        r"believes|believed|contended|contends|maintained|maintains|testified|vowed|vows|pledged|promised|"
        r"called|calls|described|describes|urged|urges|criticized|criticised|praised|blasted|slammed|recalled|"
        r"describe|remarked|downplay|downplayed|downplays|played\s+down|plays\s+down|play\s+down|emailed|texted|joked|quipped|saying|telling|adding|writing|noting|arguing|insisting|claiming|asking|"
        r"warn|argue|claim|insist|allege|deny|dispute|contend|maintain|believe|accuse|criticize|criticise|"
        r"disclosed|revealed|condemned|condemn|condemns|decried|decry|denounced|denounce|insisting|predicting|vowing|acknowledging|"
        # the participles and other verbs of saying that hand the clause to someone: "…, accusing Washington of
        # “…” and asserting that …", "suggesting that Akin had created …", "voiced skepticism … and speculated"
        r"accusing|asserting|suggesting|demanding|demanded|demands|speculated|speculates|speculating|indicated|"
        r"indicates|indicating|hinted|hinting|cautioned|cautioning|conceding|stating|declaring|warning|promising|"
        r"pledging|voiced|voicing|boasted|boasting|complaining|predicted|questioned|questioning|denying|disputing|alleging|"
        # the progressive of reporting ("ESPN is reporting that …", "sources are confirming")
        r"reporting|confirming|announcing|revealing|disclosing|tweeting")
_SAY_RE = re.compile(r"\b(?:%s)\b" % _SAY)     # lower case: "the United States" is no verb
_BY = re.compile(r"\b(?:reported|said|confirmed|announced|revealed|disclosed|first reported|published|posted|"
                 r"quoted|cited)\s+by\s+(?P<src>(?:the\s+)?[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*){0,4})")
_LEADS = re.compile(r"(?:^|[,;:—–]\s+|\b(?:and|but|that|while|as)\s+)(?P<src>[^,;:—–]{1,90}?)"
                    r"(?:\s+(?:also|then|later|has|had|have|previously|repeatedly|publicly|once|again|reportedly|"
                    r"further|quickly|did\s+not|didn[’']t|would\s+not|had\s+not|has\s+not|have\s+not|"
                    r"would|will|could|may|is|are|was|were|now))*\s*,?\s*$")
_ACCORDING = re.compile(r"\b(?:[Aa]ccording to|[Ii]n the (?:words|view) of)\s+(?P<src>(?:the\s+)?[A-Z][\w.’'&-]*(?:\s+(?:of\s+)?[A-Z][\w.’'&-]*){0,4}|"
                        r"(?:an?|the|one|two|three|several|multiple)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}|"
                        r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})")      # "according to police"
_NAME = r"[A-Z][\w.’'-]*(?:\s+(?:de|la|van|von|of the|of)?\s*[A-Z][\w.’'-]*){0,4}"
_BEFORE = re.compile(r"(?P<src>" + _NAME + r"|\b(?:he|she|they|He|She|They|I|We|we)\b|"
                     r"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})"
                     r"(?:\s*,[^,]{1,80},)?(?:\s+(?:also|then|later|has|had|have|previously|repeatedly|publicly|"
                     r"once|again|reportedly|further|quickly|did\s+not|didn[’']t|would\s+not|had\s+not|is|are|was|were|now))*"
                     r"\s*,?\s*$")
_PREP_END = re.compile(r"\b(?:with|about|of|on|for|from|to|in|into|over|against|by)\s*$", re.I)
_AFTER = re.compile(r"^\s*(?P<src>" + _NAME + r"|the\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})")
#: a hedge that relays an unnamed source ("reportedly", "Word has it that …", "it is rumored that …")
_HEDGE = re.compile(r"\b(?:reportedly|allegedly|purportedly|(?:word|rumou?r|gossip)\s+has\s+it|"
                    r"(?:is|are|was|were)\s+rumou?red)\b", re.I)
#: a charge in the passive ("Lopez is accused of firing …", "Carrasquillo is suspected of having directed …"):
#: the outlet relays an accuser it does not name
_ACCUSED = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?(?:accused|suspected|alleged|believed|"
                      r"said|thought|reported)\s+(?:of|to)\b", re.I)
#: a poll, survey or study that shows or finds something: the outlet relays its finding
_STUDY = re.compile(r"(?P<src>\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Aa]nother)\s+(?:[\w/.&’'-]+\s+){0,6}?"
                    r"(?:poll|survey|study|report|analysis|research|estimate|audit|review|investigation)s?)"
                    r"(?:\s+(?:released|published|conducted|issued)(?:\s+[\w-]+){0,3}?)?"
                    r"\s+(?:shows?|showed|shown|finds|found|suggests|suggested|indicates|indicated|concludes|concluded)\b")
#: figures with no article before them that show something ("industry statistics from last month showed", "Polls
#: suggest"): the outlet relays what the figures say
_DATA = re.compile(r"(?P<src>(?<![\w-])(?:[a-z][\w-]*\s+){0,2}(?:[Ss]tatistics|[Dd]ata|[Ff]igures|[Rr]ecords|[Pp]olls|"
                   r"[Ss]urveys|[Ss]tudies))(?:\s+(?:from|released|published|compiled)(?:\s+[\w-]+){0,3}?)?"
                   r"\s+(?:shows?|showed|shown|finds|found|suggests?|suggested|indicates?|indicated)\b")
_NOT_SAYING = re.compile(r"\b(?:declined|declines|refused|refuses|would\s+not|did\s+not|could\s+not|wouldn[’']t|"
                         r"didn[’']t|couldn[’']t)\s+(?:to\s+)?$")
_QUOTES = re.compile(r"“[^”\n]*”?|\"[^\"\n]*\"?")
#: a line that hands what follows to its author: a statement named as such ("Statement:", "Read the full
#: release:"), or a name and what it speaks on ("T - Mobile on the BlackBerry Q10:")
_STATEMENT_LEAD = re.compile(r"\b(?:[Ss]tatements?|[Rr]elease|[Aa]nnouncement|[Tt]ranscript|[Rr]emarks)\W*$")
_ON_LEAD = re.compile(r"^[A-Z][\w.’'&-]*(?:\s+(?:-\s+)?[A-Z][\w.’'&-]*){0,4}\s+on\s+[^:]+$")
#: a verb of trying before the verb of saying ("tried on Tuesday to", "sought to", "moved quickly to")
_TRIED = re.compile(r"\b(?:tried|tries|try|sought|seeks|attempted|attempts|moved|moves|rushed|hastened)"
                    r"(?:\s+[\w-]+){0,3}?\s+to\s*$")
_NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "in", "on", "but",
              "and", "it", "this", "that", "when", "while", "as", "meanwhile", "earlier", "later"}


@dataclass
class Voice:
    kind: str                 # "outlet" | "quote" | "reported"
    source: str | None        # who, as written (or resolved); None when the sentence does not name them
    in_sentence: bool         # the attribution is inside the sentence itself

    @property
    def relayed(self) -> bool:
        return self.kind != "outlet"


def _unquoted(text: str) -> str:
    """The sentence with its quotations blanked out (same length)."""
    return _QUOTES.sub(lambda m: " " * len(m.group(0)), text)


def _quoted_share(text: str) -> float:
    return sum(len(m.group(0)) for m in _QUOTES.finditer(text)) / max(1, len(text))


def _open_quote_before(view: ArticleView, start: int) -> bool:
    """Whether a quotation opened earlier in the paragraph is still open where the sentence starts."""
    text = view.text
    para = text.rfind("\n", 0, start) + 1
    before = text[para:start]
    if before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1


def _after_colon(view: ArticleView, span: Span) -> bool:
    """The sentence follows one that ends with a colon, or its paragraph follows a paragraph that ends
    with one (a statement or post set off as a paragraph of its own)."""
    text = view.text
    if text[:span.start].rstrip().endswith(":"):
        return True
    para = text.rfind("\n", 0, span.start)
    return para > 0 and text[:para].rstrip().endswith(":")


def _in_statement(view: ArticleView, span: Span) -> bool:
    """The sentence lies in a block of lines after a lead-in line that gives them to their author (a line
    ending with a colon that names a statement, names who speaks on what, or has a verb of saying) and
    whose first line opens with no quotation mark; the block ends at the next line that ends with a colon."""
    text = view.text
    line_start = text.rfind("\n", 0, span.start) + 1
    lines = text[:line_start].splitlines()
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i].strip()
        if not line.endswith(":"):
            continue
        lead = line[:-1].rstrip()
        block = [x.strip() for x in lines[i + 1:] if x.strip()] or [text[line_start:].strip()]
        return not block[0].startswith(("“", '"')) and \
            bool(_STATEMENT_LEAD.search(lead) or _ON_LEAD.match(lead) or _source(_unquoted(lead), lead)[1])
    return False


def _source(unq: str, text: str) -> tuple[str | None, bool]:
    """(who, found) for the first verb of saying outside the quotations of ``text``."""
    m = _ACCORDING.search(unq) or _BY.search(unq) or _STUDY.search(unq) or _DATA.search(unq)
    if m:
        return text[m.start("src"):m.end("src")].strip(" ,"), True
    h = _HEDGE.search(unq) or _ACCUSED.search(unq)
    if h:
        return "unnamed sources", True
    for v in _SAY_RE.finditer(unq):
        if _NOT_SAYING.search(unq, 0, v.start()) or (v.group(0) == "charged" and re.match(r"\s+with\b", unq[v.end():])):
            continue     # "declined to say whether …", "would not say": nothing relayed; "charged with DWI": a charge
        # "X tried on Tuesday to play down …": who tries is who speaks
        before = _TRIED.sub("", text[:v.start()])
        b = _BEFORE.search(before[-160:])
        # "sources familiar with the matter told ...": a phrase after a preposition is its object, not who says
        if b and _PREP_END.search(before[-160:][:b.start()]):
            b = None
        if b and b.group("src").split()[0].lower() not in _NOT_NAMES:
            return " ".join(b.group("src").split()).strip(" ,"), True
        b = _LEADS.search(_TRIED.sub("", unq[:v.start()]))
        if b and b.group("src").strip() and len(b.group("src").split()) <= 8 and \
                b.group("src").split()[0].lower() not in _NOT_NAMES:
            src = text[b.start("src"):b.end("src")]
            return " ".join(src.split()).strip(" ,"), True
        a = _AFTER.match(text[v.end():])
        if a and a.group("src").split()[0].lower() not in _NOT_NAMES:
            return " ".join(a.group("src").split()).strip(" ,"), True
        return None, True
    return None, False


def voice_of(view: ArticleView, span: Span, people=None) -> Voice:
    text = span.text
    unq = _unquoted(text)
    src, said = _source(unq, text)
    if said:
        kind = "quote" if _quoted_share(text) >= 0.5 else "reported"
        return Voice(kind, _resolve(src, view, span, people), src is not None)
    if _quoted_share(text) >= 0.5 or _open_quote_before(view, span.start) or _after_colon(view, span) \
            or _in_statement(view, span):
        return Voice("quote", None, False)
    return Voice("outlet", None, False)


def _resolve(src: str | None, view: ArticleView, span: Span, people) -> str | None:
    if not src or people is None:
        return src
    # a pronoun or a description ("the congressman", "his spokesman") is the person last named; a name that
    # starts with "The" ("The Washington Post") is itself
    described = src.lower().startswith(("the ", "a ", "an ", "his ", "her ")) and \
        not src.split(maxsplit=1)[1][:1].isupper()
    if src.lower() in ("he", "she", "they", "i", "we") or described:
        from newsprism.compare.speakers import last_person

        return last_person(view, people, span.start) or src
    return people.resolve(src) or src
