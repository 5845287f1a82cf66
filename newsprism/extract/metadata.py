"""Pure metadata helpers usable on any article text (HTML- or dump-derived).

* :func:`find_cites` – outlets / news agencies an article attributes
  information to ("… told The New York Times", "according to Reuters").
* :func:`reading_time_minutes`, :func:`count_words`.
* :func:`detect_language` – py3langid, ISO 639-1.
* :func:`normalize_date` – common date strings → ISO 8601 at the precision
  the string states.
* :func:`strip_site_name` – "Headline | Section | Site" → "Headline".

Nothing here does I/O; every function is total (never raises on odd input).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

from newsprism.dates import month_numbers

__all__ = [
    "WORDS_PER_MINUTE",
    "count_words",
    "detect_language",
    "find_cites",
    "normalize_date",
    "reading_time_minutes",
    "strip_site_name",
]

# ---------------------------------------------------------------------------
# words and reading time
# ---------------------------------------------------------------------------

#: Adult silent reading speed for non-fiction prose in English: 238 wpm is the
#: mean of Brysbaert (2019), "How many words do we read per minute? A review
#: and meta-analysis of reading rate", J. Memory and Language 109.  Rounded to
#: 238 exactly as reported there.
WORDS_PER_MINUTE = 238

# A word: a run of letters/digits, with inner apostrophes/hyphens/dots
# ("don't", "U.S.", "state-run", "3.5") counted once.
_WORD = re.compile(r"\w+(?:[’'\-.]\w+)*")


def count_words(text: str | None) -> int:
    """Number of words (runs of word characters, inner ' - . joined)."""
    if not text:
        return 0
    return sum(1 for _ in _WORD.finditer(text))


def reading_time_minutes(text: str | None) -> int:
    """Reading time in whole minutes at :data:`WORDS_PER_MINUTE`, at least 1."""
    words = count_words(text)
    return max(1, round(words / WORDS_PER_MINUTE))


# ---------------------------------------------------------------------------
# language
# ---------------------------------------------------------------------------

#: Below this many letters the language guess is noise (py3langid on a title
#: of three words is right about half the time); picked by hand, ~ two short
#: sentences.
MIN_LETTERS_FOR_LANGUAGE = 40

#: Characters looked at: ~120 words of prose, plenty for py3langid's
#: character n-gram model; its feature counting is a pure-Python loop
#: (~2.5 µs a character), so the sample bounds the cost (~1.5 ms).
LANGUAGE_SAMPLE_CHARS = 700

_identifier = None


def language_model() -> Any:
    """py3langid's identifier, loaded once per process (about 0.7 s)."""
    return _langid()


def _langid():
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def _norm_lang(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().lower().replace("_", "-")
    m = re.match(r"^([a-z]{2,3})(?:-|$)", code)
    if not m:
        return None
    primary = m.group(1)
    return primary if len(primary) == 2 else None


def detect_language(text: str | None, hint: str | None = None) -> str | None:
    """ISO 639-1 language of *text*, or None when the text is too short.

    *hint* (e.g. an HTML ``lang`` attribute such as ``"en-US"``) is used when
    the text is too short to judge, and wins over a low-confidence guess.
    """
    hint_code = _norm_lang(hint)
    # the first few thousand characters decide as well as the whole text does
    text = (text or "")[:LANGUAGE_SAMPLE_CHARS]
    letters = sum(1 for c in text if c.isalpha())
    if letters < MIN_LETTERS_FOR_LANGUAGE:
        return hint_code
    try:
        lang, prob = _langid().classify(text)
    except Exception:  # pragma: no cover - model problems
        return hint_code
    lang = _norm_lang(lang)
    # 0.9 normalised probability: below it, py3langid's guesses on news
    # snippets are unreliable enough that a stated page language is better.
    if hint_code and (prob < 0.9 or lang is None):
        return hint_code
    return lang or hint_code


# ---------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------

#: Month names and their usual abbreviations in the languages of the news
#: this tool reads most (English, German, French, Spanish, Italian, Dutch,
#: Portuguese; ``newsprism.dates.MONTHS``): metadata values are sometimes
#: written as the page prints them ("14. Januar 2020", "20 janvier 2020",
#: "6 de diciembre de 2026").
#: Portuguese "marco" (março without its cedilla) is left out: in a metadata
#: value it is more often the given name ("Marco 3 2020" is no date).
_MONTHS = {name: number for name, number in month_numbers(("en", "de", "fr", "es", "it", "nl", "pt"),
                                                          abbreviations=True).items() if name != "marco"}
_MONTH_RE = (
    "(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?(?![^\W\d_])"
)
_WEEKDAY_RE = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,?\s+)?"
#: A weekday in any language before a day-first date ("Donnerstag, 31. Mai
#: 2012", "le 6 décembre 2026", "Dienstag, den 2.4.2019"): up to two words.
_ANY_WEEKDAY_RE = r"(?:[^\W\d_]{1,12}\.?,?\s+){0,2}"

#: Named zones news sites print after times.  Only the unambiguous North
#: American / UTC abbreviations plus BST/CET/CEST (IANA tz abbreviations);
#: ambiguous ones (IST, CST-China) are deliberately absent.
_TZ_NAMES = {
    "utc": 0, "gmt": 0, "z": 0,
    "est": -5 * 60, "edt": -4 * 60, "cst": -6 * 60, "cdt": -5 * 60,
    "mst": -7 * 60, "mdt": -6 * 60, "pst": -8 * 60, "pdt": -7 * 60,
    "et": None, "pt": None, "ct": None,   # "ET" = Eastern, DST unknown: drop
    "bst": 60, "cet": 60, "cest": 120,
}

_TIME_RE = (
    r"(?P<h>\d{1,2})(?::|\.|h)(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?"
    r"(?:\s*(?P<tz>z|[+-]\d{2}(?::?\d{2})?|(?:utc|gmt)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|"
    r"[ecmp][sd]t|[ecmp]t|bst|cest|cet)\b)?"
)
_TIME_AMPM_ONLY = r"(?P<h>\d{1,2})\s*(?P<ampm>[ap]\.?\s?m\.?)(?:\s*(?P<tz>[ecmp][sd]t|utc|gmt)\b)?"

_ISO = re.compile(
    r"^\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T\s]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{1,2})(?:[.,]\d+)?)?"   # ":0Z" on a peer page
    r"\s*(?P<tz>z|[+-]\d{2}(?::?\d{2})?|utc|gmt)?)?",
    re.I,
)
_ISO_BASIC = re.compile(r"^\s*(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:T(?P<h>\d{2})(?P<mi>\d{2})(?P<s>\d{2})?(?P<tz>z|[+-]\d{4})?)?\s*$", re.I)
_YMD_SLASH = re.compile(r"^\s*(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})\b", re.I)
_DMY_NUM = re.compile(r"^\s*" + _ANY_WEEKDAY_RE + r"(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})\b", re.I)
_MDY_TEXT = re.compile(r"^\s*" + _WEEKDAY_RE + _MONTH_RE + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b", re.I)
_DMY_TEXT = re.compile(r"^\s*" + _ANY_WEEKDAY_RE + r"(?P<d>\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?:of\s+|de\s+)?" + _MONTH_RE
                       + r",?\s+(?:de\s+)?(?P<y>\d{4})\b", re.I)
_MY_TEXT = re.compile(r"^\s*" + _MONTH_RE + r",?\s+(?P<y>\d{4})\s*$", re.I)
_EPOCH = re.compile(r"^\s*(?P<n>\d{10}|\d{13})\s*$")
_TIME_ANY = re.compile(r"(?:^|[\s,T@|-]|at\s)" + _TIME_RE, re.I)
_TIME_AMPM = re.compile(r"(?:^|[\s,@|-]|at\s)" + _TIME_AMPM_ONLY, re.I)


def _offset_str(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _parse_tz(tz: str | None) -> str | None:
    if not tz:
        return None
    t = tz.strip().lower().replace(" ", "")
    if t in _TZ_NAMES:
        off = _TZ_NAMES[t]
        return None if off is None else _offset_str(off)
    m = re.match(r"^(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?$", t)
    if m:
        h, mi = int(m.group(2)), int(m.group(3) or 0)
        if h > 14 or mi > 59:
            return None
        return _offset_str((1 if m.group(1) == "+" else -1) * (h * 60 + mi))
    return None


def _fmt(y: int, mo: int, d: int, h: int | None = None, mi: int | None = None,
         s: int | None = None, tz: str | None = None) -> str | None:
    try:
        date(y, mo, d)
    except ValueError:
        return None
    if not 1000 <= y <= 2999:
        return None
    out = f"{y:04d}-{mo:02d}-{d:02d}"
    if h is None or mi is None:
        return out
    if not (0 <= h <= 24 and 0 <= mi <= 59 and (s is None or 0 <= s <= 60)):
        return out
    if h == 24:
        if mi or s:
            return out
        h = 0
        nd = date(y, mo, d) + timedelta(days=1)
        out = nd.isoformat()
    out += f"T{h:02d}:{mi:02d}"
    if s is not None:
        out += f":{s:02d}"
    if tz:
        out += tz
    return out


def _time_from(rest: str) -> tuple[int | None, int | None, int | None, str | None]:
    m = _TIME_ANY.search(rest)
    if m:
        h, mi = int(m.group("h")), int(m.group("mi"))
        s = int(m.group("s")) if m.group("s") else None
    else:
        m = _TIME_AMPM.search(rest)
        if not m:
            return None, None, None, None
        h, mi, s = int(m.group("h")), 0, None
    ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= h <= 12:
            return None, None, None, None
        if ampm == "pm" and h != 12:
            h += 12
        elif ampm == "am" and h == 12:
            h = 0
    return h, mi, s, _parse_tz(m.group("tz"))


def normalize_date(value: str | None) -> str | None:
    """Parse a date string to ISO 8601 at the precision it states.

    * date only → ``YYYY-MM-DD``
    * with a time → ``YYYY-MM-DDTHH:MM`` (``:SS`` when seconds are given)
    * a UTC offset (``Z``, ``+02:00``, ``GMT``, ``EST`` …) → appended as
      ``±HH:MM``, only when the string states one.

    Understands ISO 8601 (extended and basic), ``YYYY/MM/DD``, ``DD.MM.YYYY``,
    ``MM/DD/YYYY`` (US order when ambiguous, day-first when the first number
    exceeds 12), ``November 28, 2025``, ``28 Nov 2025``, optional weekdays,
    RFC 2822 (``Fri, 28 Nov 2025 23:46:00 GMT``), times with am/pm, and
    10/13-digit Unix timestamps (UTC).  Returns None for anything else.
    """
    if not value or not isinstance(value, str):
        return None
    v = value.strip()
    if len(v) > 200:
        return None
    m = _EPOCH.match(v)
    if m:
        n = int(m.group("n"))
        if len(m.group("n")) == 13:
            n //= 1000
        try:
            dt = datetime.fromtimestamp(n, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
        return _fmt(dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, "+00:00")
    for rx in (_ISO, _ISO_BASIC):
        m = rx.match(v)
        if m:
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if m.group("h") is None:
                return _fmt(y, mo, d)
            s = int(m.group("s")) if m.group("s") else None
            return _fmt(y, mo, d, int(m.group("h")), int(m.group("mi")), s, _parse_tz(m.group("tz")))
    m = _YMD_SLASH.match(v)
    if m:
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        return _fmt(y, mo, d, *_time_from(v[m.end():]))
    m = _DMY_NUM.match(v)
    if m:
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        if m.group("sep") == "." or a > 12:   # 28.11.2025 / 28/11/2025
            d, mo = a, b
        else:                                  # 11/28/2025 (US)
            mo, d = a, b
        return _fmt(y, mo, d, *_time_from(v[m.end():]))
    for rx in (_MDY_TEXT, _DMY_TEXT):
        m = rx.match(v)
        if m:
            mo = _MONTHS.get(m.group("mon").lower())
            if mo is None:
                return None
            return _fmt(int(m.group("y")), mo, int(m.group("d")), *_time_from(v[m.end():]))
    return None


#: The UTC offsets, in hours, of the places news is published from: Hawaii
#: (UTC-10) to the Line Islands (UTC+14); the zones west of Hawaii are home
#: to almost nobody.
LOCAL_OFFSETS_H = (-10, 14)
_UTC_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2})(?::\d{2})?(?:Z|[+-]00:00)$")


def is_utc_stamp(iso: str | None) -> bool:
    """True for an ISO timestamp stated in UTC (``…T02:18:11+00:00``, ``…Z``)."""
    return bool(iso and _UTC_STAMP.match(iso))


_TITLE_TAIL = re.compile(r"(?:^|\s)[|\u2013\u2014\u00b7\u2022-]\s*([^|\u2013\u2014\u00b7\u2022]{6,40}?)\s*$")


def title_date(title: str | None) -> str | None:
    """The day a page's title closes with, after a separator ("… | DW |
    10.06.2013"): some publishers date a page only there and in a box of
    facts, where htmldate's own issue tracker lists it as a miss (its issue
    8, a dw.com page)."""
    m = _TITLE_TAIL.search(title or "")
    return normalize_date(m.group(1))[:10] if m and normalize_date(m.group(1)) else None


#: Country-code domains that are sold as generic names (.io, .tv, .co, .me …):
#: they say nothing about where a site publishes from.
_GENERIC_CCTLDS = frozenset(
    "ac ag ai am cc co cx fm gd gg io la ly me ms nu sc sh so st tk to tv vc ws".split())


def _zones_by_country() -> dict[str, list[str]]:
    """IANA's country → time zones table (``zone.tab`` of the tz database:
    the ``tzdata`` package, else the system's copy)."""
    global _ZONES
    if _ZONES is None:
        text = None
        try:
            from importlib.resources import files

            text = (files("tzdata") / "zoneinfo" / "zone.tab").read_text(encoding="utf-8")
        except (ImportError, OSError):
            try:
                with open("/usr/share/zoneinfo/zone.tab", encoding="utf-8") as fh:
                    text = fh.read()
            except OSError:
                text = ""
        zones: dict[str, list[str]] = {}
        for line in text.splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and not line.startswith("#"):
                zones.setdefault(parts[0].lower(), []).append(parts[2])
        _ZONES = zones
    return _ZONES


_ZONES: dict[str, list[str]] | None = None


def country_local_day(stamp: str | None, url: str | None) -> str | None:
    """The day a UTC timestamp falls on where the site publishes, when its
    address names a country (``.it``, ``.de``, ``.com.au``) and every time
    zone of that country puts the moment on the same day: 23:15 UTC on
    5 December is 6 December in Italy, 00:23 UTC on 25 August is the 24th
    everywhere in Canada.  None when it cannot tell (a generic domain, a
    country whose zones disagree, no UTC stamp)."""
    if not is_utc_stamp(stamp) or not url:
        return None
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.I).split("/")[0]
    tld = host.split(":")[0].rstrip(".").rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or tld in _GENERIC_CCTLDS:
        return None
    zones = _zones_by_country().get({"uk": "gb"}.get(tld, tld))
    if not zones:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError:
        return None
    local = set()
    for name in zones:
        try:
            local.add(moment.astimezone(ZoneInfo(name)).isoformat())
        except (ZoneInfoNotFoundError, ValueError, OSError):
            return None
    days = {t[:10] for t in local}
    if len(days) != 1 or stamp[:10] in days:
        return None
    # one zone (or several on one offset): the local time; else the day
    return normalize_date(local.pop()) if len(local) == 1 else days.pop()


def publication_date(stated: str | None, local_day: str | None) -> str | None:
    """The publication date from what the page's metadata states (``stated``,
    ISO 8601 at its own precision) and the day htmldate reads from the page
    (``local_day``, ``YYYY-MM-DD``: its markup, its visible dates, its URL).

    The stated timestamp wins, except in two cases: the page states none
    (htmldate's day), or it states a UTC timestamp whose day differs from
    htmldate's by what a local time zone would make of it (02:18 UTC on the
    18th is the 17th in New York): a page's readers and its date line go by
    the local day, so that day is the date (without a time, which the page
    does not give in local terms).  A UTC stamp that no zone in
    ``LOCAL_OFFSETS_H`` can move to htmldate's day is kept."""
    local = normalize_date(local_day) if local_day else None
    local = local[:10] if local else None
    if not stated:
        return local
    if not local or local == stated[:10] or not is_utc_stamp(stated):
        return stated
    m = _UTC_STAMP.match(stated)
    assert m is not None
    minute = int(m.group(1)) * 60 + int(m.group(2))
    try:
        utc_day = date.fromisoformat(stated[:10])
        wanted = date.fromisoformat(local)
    except ValueError:
        return stated
    lo, hi = LOCAL_OFFSETS_H
    reachable = {(utc_day + timedelta(days=(minute + off * 60) // 1440)).isoformat()
                 for off in (lo, hi)} | {utc_day.isoformat()}
    return local if wanted.isoformat() in reachable and wanted != utc_day else stated


# ---------------------------------------------------------------------------
# cited outlets
# ---------------------------------------------------------------------------

#: Well-known outlets and agencies, canonical name → aliases (matched
#: case-sensitively, with or without a leading "the").  A small hand-made
#: list of the wire services and national outlets that other outlets most
#: often cite; unknown outlets are found by the patterns + media-word rule.
OUTLETS: dict[str, tuple[str, ...]] = {
    "The New York Times": ("New York Times", "NYT", "NY Times", "N.Y. Times", "NYTimes"),
    "The Washington Post": ("Washington Post", "WaPo", "WashPost"),
    "The Wall Street Journal": ("Wall Street Journal", "WSJ"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "The Associated Press": ("Associated Press", "AP"),
    "Agence France-Presse": ("Agence France-Presse", "Agence France Presse", "AFP"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "BBC": ("BBC", "BBC News", "British Broadcasting Corporation"),
    "CNN": ("CNN",),
    "Fox News": ("Fox News", "Fox News Digital", "Fox"),
    "NBC News": ("NBC News", "NBC"),
    "CBS News": ("CBS News", "CBS"),
    "ABC News": ("ABC News", "ABC"),
    "NPR": ("NPR", "National Public Radio"),
    "Politico": ("Politico", "POLITICO"),
    "Axios": ("Axios",),
    "The Guardian": ("Guardian",),
    "Financial Times": ("Financial Times", "FT"),
    "The Economist": ("Economist",),
    "Al Jazeera": ("Al Jazeera",),
    "Xinhua": ("Xinhua", "Xinhua News Agency"),
    "TASS": ("TASS", "Tass"),
    "Interfax": ("Interfax",),
    "Kyodo News": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap", "Yonhap News Agency"),
    "Deutsche Presse-Agentur": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "The Times": ("Times",),
    "The Hill": ("Hill",),
    "Semafor": ("Semafor",),
    "The Atlantic": ("Atlantic",),
    "The Intercept": ("Intercept",),
    "ProPublica": ("ProPublica",),
    "Newsweek": ("Newsweek",),
    "Time": ("Time magazine", "TIME"),
    "USA Today": ("USA Today", "USA TODAY"),
    "Los Angeles Times": ("Los Angeles Times", "LA Times", "L.A. Times"),
}

# "The Times"/"The Hill"/"Fox"/"Time"/"Atlantic" … only count with a leading
# "the" or in the lexicon form; bare "Times"/"Hill"/"Atlantic" are too often
# ordinary words or places.
_NEEDS_THE = {"Times", "Hill", "Guardian", "Economist", "Atlantic", "Intercept"}

_ALIAS: dict[str, str] = {}
for _canon, _aliases in OUTLETS.items():
    _ALIAS[_canon.removeprefix("The ")] = _canon
    for _a in _aliases:
        _ALIAS[_a] = _canon

#: Last words that mark a name as a news outlet (from the brief's heuristic,
#: extended with common masthead words: Daily, Magazine, Wire, Mail, …).
MEDIA_WORDS = {
    "Times", "Post", "News", "Journal", "Press", "Agency", "Agencies", "Network",
    "Tribune", "Herald", "Guardian", "Telegraph", "Gazette", "Radio", "TV",
    "Television", "Magazine", "Daily", "Wire", "Broadcasting", "Chronicle",
    "Observer", "Independent", "Express", "Mirror", "Mail", "Standard", "Star",
    "Sun", "Inquirer", "Courier", "Dispatch", "Bulletin", "Register", "Review",
    "Examiner", "Monitor", "Reporter", "Globe", "Economist", "Today", "Online",
    "Media", "Channel", "Insider", "Beast", "Reuters", "Bloomberg", "Recorder",
}
#: Media words that only count at the end of a multi-word name ("Press
#: Secretary" is a person; "Daily" alone is an adverb).
_MEDIA_MULTIWORD_ONLY = {"Press", "Daily", "Today", "Online", "Media", "Review", "Star", "Sun", "Standard",
                         "Independent", "Express", "Monitor", "Reporter", "Insider", "Register"}

#: All-caps 2–5 letter names that are not outlets: governments, agencies,
#: parties, organisations, titles.  Everything else of that shape counts.
NOT_OUTLET_ACRONYMS = {
    "US", "USA", "UK", "UN", "EU", "FBI", "CIA", "NSA", "DOJ", "DHS", "DOD", "DOE",
    "ICE", "CBP", "IRS", "SEC", "FDA", "CDC", "WHO", "NATO", "IMF", "GOP", "CEO",
    "CFO", "CTO", "NASA", "FAA", "FCC", "FTC", "EPA", "ATF", "DEA", "TSA", "NIH",
    "OPEC", "IAEA", "ICC", "ICJ", "IDF", "RSF", "PLO", "ANC", "BJP", "SNP", "CDU",
    "SPD", "AFD", "MP", "MPS", "PM", "DC", "NYC", "LA", "NY", "UAE", "USSR", "PRC",
    "DPRK", "ROK", "NHS", "NFL", "NBA", "MLB", "NHL", "FIFA", "UEFA", "IOC", "ECB",
    "FED", "OK", "TV", "ID", "AI", "GDP", "COVID", "HIV", "AIDS", "LGBT", "LGBTQ",
    "NGO", "NGOS", "POW", "VP", "HQ", "ISIS", "ISIL", "IRGC", "SWAT", "NYPD", "LAPD",
    "OSCE", "WTO", "ASEAN", "BRICS", "OECD", "UNHCR", "UNGA", "NAACP", "ACLU", "MAGA",
    "DNC", "RNC", "SBU", "FSB", "KGB", "GRU", "MI", "NTSB", "FEMA", "USDA", "HHS",
    "DOT", "NRC", "OMB", "GAO", "CBO", "JCS", "USAID", "I", "A", "II", "III", "IV",
}

#: Words right after a candidate that make it a source of people, not an
#: outlet ("according to White House officials", "told Fox News host …" is
#: still Fox News, so only the official/expert kinds are listed).
_PEOPLE_AFTER = re.compile(
    r"^\s*(?:officials?|spokes(?:man|woman|person|people)|sources?|aides?|"
    r"lawmakers?|leaders?|ministers?|authorities|officers?|agents?|analysts?|"
    r"experts?|staff|employees?|representatives?|members?|investigators?|"
    r"prosecutors?|police|secretary|director|chief|official)\b"
)

_CAP = r"(?:[A-Z][\w’'.&\-]*|[A-Z]{2,}|dpa)"
_CONN = r"(?:of|and|de|del|la|le|el|al|&)"
# A capitalised name of up to 7 words, lowercase connectors allowed inside.
_NAME = rf"(?:{_CAP}(?:\s+(?:{_CONN}\s+)?{_CAP}){{0,6}})"
_ART = r"(?:(?P<the>[Tt]he)\s+)?"

_REPORT_NOUNS = (
    r"(?:reports?|reporting|article|story|stories|investigation|analysis|"
    r"interview|piece|exclusive|editorial|poll|survey|tally|count|review|"
    r"report\s+published|podcast|broadcast|documentary|dispatch|scoop)"
)

_BEFORE = (
    r"(?:according\s+to|told|tells|telling|speaking\s+(?:to|with)|spoke\s+(?:to|with)|"
    r"said\s+to|confirmed\s+to|(?:in\s+)?(?:an?\s+)?(?:interview|statement|email|comments?)\s+(?:with|to)|"
    r"interviewed\s+by|quoted\s+by|quoted\s+in|cited\s+by|(?:first\s+|originally\s+|also\s+)?reported\s+(?:by|in)|"
    r"published\s+(?:by|in)|obtained\s+by|seen\s+by|reviewed\s+by|broke\s+by|"
    r"citing|cites|cited|per|via|(?:[Ss]ource|[Ss]ources|[Cc]redit|[Vv]ia)\s*:)"
)
_AFTER = (
    r"(?:reported|reports|(?:has|had|first|previously|also|later|earlier|originally)\s+reported|"
    r"reporting|cited|cites|citing|wrote|writes|revealed|reveals|disclosed|discloses|"
    r"learned|said\s+in\s+(?:a|an|its)\s+\w+|quoted|noted|broke\s+the\s+news|published|"
    r"obtained|confirmed|added)"
)

# (?=…): the first letters of the cues in _BEFORE, a cheap test at each
# word start before the alternation is tried (same matches, ~2x faster)
_RX_BEFORE = re.compile(
    rf"\b(?=[abcefiopqrstvSCV]){_BEFORE}\s+(?:(?:a|an)\s+)?{_ART}(?P<name>{_NAME})(?P<tail>[\s\S]{{0,40}})"
)
# "<Name> reported": found cue-first, then the name is read backwards from
# the cue (a name regex tried at every capital letter is 5x slower).
_RX_AFTER_CUE = re.compile(rf"(?<=\s){_AFTER}\b")
_RX_NOUN = re.compile(
    rf"\b(?:(?:a|an|the|The|A|An)\s+(?:new\s+|recent\s+|separate\s+|earlier\s+|latest\s+)?)(?P<name>{_NAME})"
    rf"(?:’s|'s)?\s+{_REPORT_NOUNS}\b",
)
_RX_NOUN_CAP_CUE = re.compile(r"(?<=\s)(?:Report|Reports|Investigation|Analysis|Exclusive|Poll)\b")
_RX_NAME_AT_END = re.compile(rf"{_ART}(?P<name>{_NAME})(?:’s|'s)?\s*,?\s+\Z")
#: How far back from a cue a name may start: 7 words of up to ~20 letters.
_LOOKBACK = 160

_TRAILING_NOUN = re.compile(
    r"(?:\s+(?:Report|Reports|Investigation|Analysis|Exclusive|Poll|Survey|Interview|Story|Article|Podcast))+$"
)
_LEADING_JUNK = re.compile(
    r"^(?:(?:Additionally|Meanwhile|However|Also|But|And|So|Then|Now|Earlier|Later|Previously|"
    r"Separately|Still|Yet|In|On|Last|This|Today|Yesterday|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|As|When|While|After|Before|Since|Both|First|Moreover|Furthermore|"
    r"Citing|According|Per|Via|Source|Sources|A|An)\s+)+"
)


_TIME_WORDS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Jan", "Feb", "Aug", "Sept",
    "Oct", "Nov", "Dec", "Today", "Tonight", "Yesterday", "Earlier", "Last", "This",
}


def _outlet_span(words: list[str], had_the: bool, *, lexicon_only: bool = False) -> str | None:
    """Outlet name for exactly these words, or None."""
    if not words:
        return None
    name = " ".join(words)
    canon = _ALIAS.get(name)
    if canon:
        if name in _NEEDS_THE and not had_the:
            return None
        return canon
    if lexicon_only or len(words) > 6:
        return None
    last = words[-1]
    if last in MEDIA_WORDS and not (len(words) == 1 and last in _MEDIA_MULTIWORD_ONLY):
        if len(words) == 1 and not had_the:
            # bare "Times"/"Post"/"News" … are ordinary words
            return None
        return ("The " + name) if had_the else name
    # "The Times of India": media word before "of"
    if "of" in words:
        head = words[: words.index("of")]
        if head and head[-1] in MEDIA_WORDS and head[-1] not in _MEDIA_MULTIWORD_ONLY:
            return ("The " + name) if had_the else name
    if len(words) == 1 and re.fullmatch(r"[A-Z]{2,5}", last) and last not in NOT_OUTLET_ACRONYMS:
        return last
    return None


def _canonical(name: str, had_the: bool, side: str) -> str | None:
    """Outlet name for a candidate run of capitalised words, or None.

    *side* is ``"right"`` when the run starts right after the attribution
    cue ("told X …": the outlet is a prefix of the run) and ``"left"`` when
    it ends right before it ("… X reported": the outlet is a suffix).
    """
    name = name.strip(" .,;:-’'\"“”")
    words = name.split()
    # a possessive ends the outlet name ("CNN's Jake Tapper" → CNN)
    for i, w in enumerate(words):
        if w.endswith(("’s", "'s")):
            words = words[: i + 1]
            words[-1] = words[-1][:-2]
            break
    words = [w.strip(".,;:") if w not in _ALIAS else w for w in words]
    while words and (_TRAILING_NOUN.fullmatch(" " + words[-1]) or words[-1] in _TIME_WORDS):
        words.pop()
    # a "The" inside the run starts the real name ("Additionally The Washington Post")
    if "The" in words:
        idx = len(words) - 1 - words[::-1].index("The")
        words, had_the = words[idx + 1:], True
    text = " ".join(words)
    m = _LEADING_JUNK.match(text + " ")
    if m and side == "left":
        words = words[len(m.group(0).split()):]
    if not words:
        return None
    canon = _outlet_span(words, had_the)
    if canon:
        return canon
    # otherwise only a lexicon name may be cut out of a longer run
    n = len(words)
    if side == "right":
        spans = [(words[:j], had_the) for j in range(n - 1, 0, -1)]
    else:
        spans = [(words[i:], False) for i in range(1, n)]
    for span, the in spans:
        if span[0] in {"of", "and", "de", "del", "la", "le", "el", "al", "&"}:
            continue
        canon = _outlet_span(span, the, lexicon_only=True)
        if canon:
            return canon
    return None


def find_cites(text: str | None) -> list[str]:
    """Outlets and agencies the article attributes information to.

    Looks for attribution patterns around capitalised names — "according to
    X", "told X", "X reported", "reported by X", "a X report", "Source: X",
    "citing X" — and keeps a name when it is in :data:`OUTLETS`, ends in a
    media word (:data:`MEDIA_WORDS`: Times, Post, News, …) or is a 2–5
    letter all-caps acronym not in :data:`NOT_OUTLET_ACRONYMS`.  Officials
    and people ("according to White House officials") are left out.
    Names are normalised ("the New York Times", "NYT" → "The New York
    Times"), deduplicated, and returned in order of first mention.
    """
    if not text:
        return []
    found: list[tuple[int, str]] = []
    for cue_rx in (_RX_AFTER_CUE, _RX_NOUN_CAP_CUE):
        for cue in cue_rx.finditer(text):
            lo = max(0, cue.start() - _LOOKBACK)
            m = _RX_NAME_AT_END.search(text, lo, cue.start())
            if not m:
                continue
            canon = _canonical(m.group("name"), bool(m.group("the")), "left")
            if canon:
                found.append((m.start("name"), canon))
    for rx, side in ((_RX_BEFORE, "right"), (_RX_NOUN, "left")):
        for m in rx.finditer(text):
            name = m.group("name")
            had_the = bool(m.groupdict().get("the"))
            tail = m.groupdict().get("tail")
            if tail is not None and _PEOPLE_AFTER.match(tail):
                continue
            # photo credits: "(AP Photo/…)" is a credit, not an attribution
            after = text[m.end("name"): m.end("name") + 7]
            if after.startswith((" Photo", "/")):
                continue
            canon = _canonical(name, had_the, side)
            if canon:
                found.append((m.start("name"), canon))
    found.sort()
    out: list[str] = []
    seen: dict[str, int] = {}
    for _, canon in found:
        key = canon.lower().removeprefix("the ")
        if key in seen:
            # prefer the "The …" form when any mention had it
            if canon.startswith("The ") and not out[seen[key]].startswith("The "):
                out[seen[key]] = canon
            continue
        seen[key] = len(out)
        out.append(canon)
    return out


# ---------------------------------------------------------------------------
# titles
# ---------------------------------------------------------------------------

def _fold(s: str) -> str:
    return re.sub(r"\W+", "", s.casefold())


def _names_site(part: str, keys: list[str]) -> bool:
    p = _fold(part)
    return bool(p) and any(k in p or p in k or (len(k) >= 5 and p[:5] == k[:5]) for k in keys)


def strip_site_name(title: str | None, outlet: str | None = None, url: str | None = None) -> str | None:
    """The headline without the site name a ``<title>`` or ``og:title``
    appends ("Headline | Section | Site", "Headline - Site").

    A trailing part goes when its letters contain, or are contained in, the
    outlet's name or the first label of the URL's host (``www.`` dropped; at
    least 3 letters); short section names (≤ 2 words) between the headline and
    the site name go with it.  Nothing is cut when no tail names the site, so
    a headline with a dash of its own ("Milan Design Week 2018 | Anastassiades'
    light installation") stays whole."""
    if not title:
        return title
    keys = []
    if outlet and len(_fold(outlet)) >= 3:
        keys.append(_fold(outlet))
    if url:
        host = re.sub(r"^[a-z][a-z0-9+.-]*://(?:www\.)?", "", url.strip(), flags=re.I).split("/")[0]
        label = _fold(host.split(".")[0])
        if len(label) >= 3:
            keys.append(label)
    if not keys:
        return title
    seps = [m for m in re.finditer(r"\s+[|\-–—]\s+|\s*\|\s*", title)]
    if not seps:
        return title
    cut = None
    for m in reversed(seps):
        tail = title[m.end():] if cut is None else title[m.end():cut]
        if cut is None:
            if not _names_site(tail, keys):
                break
        elif not (len(tail.split()) <= 2 and len(tail) < 20):
            break
        cut = m.start()
    if cut is None or not title[:cut].strip():
        return title
    return title[:cut].strip()
