"""Tests for newsprism.extract.metadata on real seeds and made-up sentences."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.extract.metadata import (
    WORDS_PER_MINUTE,
    count_words,
    detect_language,
    find_cites,
    normalize_date,
    reading_time_minutes,
    strip_site_name,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"


def _seed(prefix: str) -> str:
    files = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not files:
        pytest.skip(f"seed {prefix} not available")
    return files[0].read_text(encoding="utf-8")


# --------------------------------------------------------------------------- cites: seeds


@pytest.mark.parametrize(
    "prefix, expected",
    [
        ("000", ["The New York Times"]),
        ("001", ["The New York Times"]),
        ("002", ["The New York Times", "Reuters", "The Washington Post"]),
        ("003", ["The New York Times", "Fox News"]),
        ("004", ["The New York Times"]),
    ],
)
def test_find_cites_seeds(prefix, expected):
    assert find_cites(_seed(prefix)) == expected


# --------------------------------------------------------------------------- cites: sentences


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The New York Times reported that the call took place.", ["The New York Times"]),
        ("The call took place, according to Reuters.", ["Reuters"]),
        ("A senior official told Fox News the table is set.", ["Fox News"]),
        ("Reuters cited other sources indicating more operations.", ["Reuters"]),
        ("The call, as first reported by the New York Times, was short.", ["The New York Times"]),
        ("according to a New York Times report published on Friday", ["The New York Times"]),
        ("Two people told The New York Times that it happened.", ["The New York Times"]),
        ("Additionally, The Washington Post reported on Friday that", ["The Washington Post"]),
        ("He told the Chicago Tribune on Monday.", ["The Chicago Tribune"]),
        ("The Kyiv Independent reported the strike.", ["The Kyiv Independent"]),
        ("according to the Associated Press", ["The Associated Press"]),
        ("according to CNN's Jake Tapper", ["CNN"]),
        ("Sources told NBC’s Meet the Press", ["NBC News"]),
        ("the NYT reported", ["The New York Times"]),
        # case / article variants collapse to one entry, first-mention order kept
        (
            "according to Reuters. the New York Times reported it; "
            "The New York Times later added details, Reuters said.",
            ["Reuters", "The New York Times"],
        ),
    ],
)
def test_find_cites_sentences(sentence, expected):
    assert find_cites(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "according to officials",
        "According to White House officials quoted by the newspaper, he agreed.",
        "according to the FBI",
        "according to the Pentagon",
        "Trump told Maduro to leave.",
        "The president told reporters on Air Force One.",
        "According to Smith, the plan failed.",
        "according to White House Press Secretary Karoline Leavitt",
        "(AP Photo/Evan Vucci)",
        "according to a statement from the ministry",
        "",
    ],
)
def test_find_cites_negatives(sentence):
    assert find_cites(sentence) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_find_cites_fuzz(text):
    out = find_cites(text)
    assert isinstance(out, list) and all(isinstance(x, str) and x for x in out)
    assert len({x.lower() for x in out}) == len(out)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-11-28", "2025-11-28"),
        ("2025-11-28T23:46:00Z", "2025-11-28T23:46:00+00:00"),
        ("2025-11-28T23:46:00.123+05:30", "2025-11-28T23:46:00+05:30"),
        ("2025-11-28T23:46", "2025-11-28T23:46"),
        ("2025-11-28 23:46:05", "2025-11-28T23:46:05"),
        ("2019-11-19T08:03:00-0500", "2019-11-19T08:03:00-05:00"),
        ("28 Nov 2025 23:46", "2025-11-28T23:46"),
        ("November 28, 2025", "2025-11-28"),
        ("Friday, November 28, 2025", "2025-11-28"),
        ("Friday, November 28, 2025 5:30 PM EST", "2025-11-28T17:30-05:00"),
        ("Fri, 28 Nov 2025 23:46:00 GMT", "2025-11-28T23:46:00+00:00"),
        ("Sept. 3, 2019", "2019-09-03"),
        ("3rd September 2019", "2019-09-03"),
        ("11/28/2025", "2025-11-28"),
        ("28/11/2025", "2025-11-28"),
        ("28.11.2025", "2025-11-28"),
        ("2025/11/28 10:00", "2025-11-28T10:00"),
        ("20251128", "2025-11-28"),
        ("Nov 28, 2025, 12:15 a.m.", "2025-11-28T00:15"),
        # as written on peer pages in other languages (trafilatura's real-world
        # pages and htmldate's MediaCloud pages)
        ("2020-12-05T23:15:0Z", "2020-12-05T23:15:00+00:00"),       # lagazzettadelmezzogiorno.it, a one-digit second
        ("Donnerstag, 31. Mai 2012", "2012-05-31"),                  # die-partei.net
        ("14. Januar 2020, 9:21 Uhr", "2020-01-14T09:21"),           # zeit.de
        ("19.6.2007 9:40 Uhr", "2007-06-19T09:40"),                  # computerbase.de
        ("5. Dez 2018", "2018-12-05"),                               # basicthinking.de
        ("Dienstag, den 2.4.2019", "2019-04-02"),                    # spektrum.de
        ("Juni 19th, 2018", "2018-06-19"),                           # moritz-meyer.net's theme
        ("20 janvier 2020", "2020-01-20"),                           # soundofscience.fr
        ("06 Dicembre 2020", "2020-12-06"),                          # lagazzettadelmezzogiorno.it
        ("le 1er mars 2020", "2020-03-01"),
        ("6 de diciembre de 2026", "2026-12-06"),
        ("8. März 2019", "2019-03-08"),
    ],
)
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


@pytest.mark.parametrize("value", ["", "garbage", "2025-02-30", "13/13/2025", "tomorrow", None,
                                   "Marco 3 2020", "Mayday 3, 2020", "31. Mainz 2012"])
def test_normalize_date_rejects(value):
    assert normalize_date(value) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_normalize_date_fuzz(value):
    out = normalize_date(value)
    assert out is None or (len(out) >= 10 and out[4] == "-" and out[7] == "-")


@settings(max_examples=100, deadline=None)
@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2999, 12, 31)))
def test_normalize_date_roundtrip(dt):
    assert normalize_date(dt.isoformat()) == dt.strftime("%Y-%m-%dT%H:%M:%S")
    assert normalize_date(dt.date().isoformat()) == dt.date().isoformat()


# --------------------------------------------------------------------------- words, language


def test_count_words_and_reading_time():
    assert count_words("") == 0
    assert count_words("don't stop the U.S. state-run 3.5 tests") == 7
    assert reading_time_minutes("") == 1
    assert reading_time_minutes("word " * (WORDS_PER_MINUTE * 5)) == 5
    text = _seed("002")
    assert 500 < count_words(text) < 800
    assert reading_time_minutes(text) == round(count_words(text) / WORDS_PER_MINUTE)


def test_detect_language():
    assert detect_language(_seed("002")) == "en"
    assert detect_language("Das ist ein ziemlich langer deutscher Satz über Politik und Wirtschaft.") == "de"
    assert detect_language("La réunion a eu lieu vendredi à Paris, selon plusieurs sources proches du dossier.") == "fr"
    assert detect_language("hi") is None
    assert detect_language("hi", hint="en-US") == "en"
    assert detect_language("") is None


@pytest.mark.parametrize(("title", "outlet", "url", "expected"), [
    ("Sweden Drops Its Investigation | Al Bawaba", "Al Bawaba", None, "Sweden Drops Its Investigation"),
    ("MacBook sale at Amazon from $700, AirPods, more - 9to5Mac", None, "https://9to5mac.com/2019/x",
     "MacBook sale at Amazon from $700, AirPods, more"),
    # section names between the headline and the site name go too
    ("Hong Kong chaos: China deploys troops | World | News | Express.co.uk", None,
     "https://www.express.co.uk/news/world/1", "Hong Kong chaos: China deploys troops"),
    ("Spiced Honey Pear Jam Recipe | The Anti-June Cleaver", None, "https://theantijunecleaver.com/2017/",
     "Spiced Honey Pear Jam Recipe"),
    ("商品の改造が商標法違反に！？ - 特許業務法人ライトハウス国際特許事務所", "特許業務法人ライトハウス国際特許事務所", None,
     "商品の改造が商標法違反に！？"),
    # a dash or bar that is part of the headline stays
    ("Milan Design Week 2018 | Anastassiades' light installation for FLOS", "Inexhibit",
     "https://www.inexhibit.com/marker/x", "Milan Design Week 2018 | Anastassiades' light installation for FLOS"),
    ("Trump - Maduro call: what we know", None, "https://trump.example/x", "Trump - Maduro call: what we know"),
    ("Al Bawaba", "Al Bawaba", None, "Al Bawaba"),
    ("Headline", None, None, "Headline"),
    (None, "X", None, None),
])
def test_strip_site_name(title, outlet, url, expected):
    assert strip_site_name(title, outlet, url) == expected


@given(st.text(max_size=200), st.one_of(st.none(), st.text(max_size=40)), st.one_of(st.none(), st.text(max_size=60)))
@settings(max_examples=300, deadline=None)
def test_strip_site_name_fuzz(title, outlet, url):
    got = strip_site_name(title, outlet, url)
    # never raises, and only ever cuts a tail off
    assert got is None if title is None else got in title


# --------------------------------------------------------------------------- publication date


@pytest.mark.parametrize("stated, local, expected", [
    (None, "2020-04-24", "2020-04-24"),                                   # nothing stated: htmldate's day
    ("2020-02-18T02:18:11+00:00", "2020-02-17", "2020-02-17"),            # UTC after midnight, US evening
    ("2019-11-19T07:03:25Z", "2019-11-18", "2019-11-18"),
    ("2020-07-09T10:04:04+00:00", "2020-07-08", "2020-07-09T10:04:04+00:00"),  # no inhabited zone gets there
    ("2020-07-09T20:00:00+00:00", "2020-07-10", "2020-07-10"),            # east of UTC: the next day
    ("2020-09-15T10:01:41-04:00", "2020-05-20", "2020-09-15T10:01:41-04:00"),  # a local stamp wins
    ("2020-02-18T02:18:11+00:00", "2020-02-10", "2020-02-18T02:18:11+00:00"),  # a week off: not a zone
    ("2020-02-18T02:18:11+00:00", None, "2020-02-18T02:18:11+00:00"),
    ("2020-02-18", "2020-02-17", "2020-02-18"),                           # a stated day is a local day
])
def test_publication_date(stated, local, expected):
    from newsprism.extract.metadata import publication_date

    assert publication_date(stated, local) == expected


def test_publication_date_on_htmldate_pages():
    """On htmldate's own evaluation pages (the dev half), newsprism's date is
    right at least as often as htmldate's extensive search, run beside it."""
    import json

    from htmldate import find_date

    from newsprism.extract.html import extract_html
    from newsprism.ingest.decode import decode

    root = SHARED / "data" / "peers-dev" / "dates"
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    ours = peer = 0
    for name in sorted(gold)[::4]:       # a quarter of the pages keeps the test short
        html = decode((root / "pages" / name).read_bytes()).text
        try:
            got = extract_html(html, url=gold[name]["url"]).published
        except Exception:
            got = None
        ours += bool(got) and got[:10] == gold[name]["date"]
        peer += find_date(html, original_date=True, extensive_search=True) == gold[name]["date"]
    assert ours >= peer, (ours, peer)


@pytest.mark.parametrize("stamp, url, expected", [
    ("2020-12-05T23:15:00+00:00", "https://www.lagazzettadelmezzogiorno.it/news/mondo/1265473/x.html",
     "2020-12-06T00:15:00+01:00"),
    ("2020-08-25T00:23:33+00:00", "http://ici.radio-canada.ca/nouvelle/1728875/x", "2020-08-24"),  # zones differ: the day
    ("2019-05-17T22:30:41+00:00", "https://www.crazy-julia.de/x/", "2019-05-18T00:30:41+02:00"),
    ("2019-05-17T22:30:41+00:00", "https://news.bbc.co.uk/x", None),      # 23:30 in London: same day
    ("2019-04-08T01:30:15+00:00", "https://scilogs.spektrum.de/x", None),  # same day in Germany
    ("2020-02-18T02:18:11+00:00", "https://abc7ny.com/x", None),           # a generic domain names no country
    ("2020-02-18T23:18:11+00:00", "https://example.io/x", None),           # .io is sold as a generic name
    ("2020-02-18T23:18:11+02:00", "https://www.zeit.de/x", None),          # a local stamp is not moved
    ("2020-02-18T23:18:11+00:00", None, None),
    (None, "https://www.zeit.de/x", None),
])
def test_country_local_day(stamp, url, expected):
    from newsprism.extract.metadata import country_local_day

    assert country_local_day(stamp, url) == expected


@pytest.mark.parametrize("title, expected", [
    ("Uncork the mystery of Germany's Frühburgunder | DW | 10.06.2013", "2013-06-10"),   # dw.com's og:title
    ("Zugverkehr: Die Bahn fährt vor | ZEIT ONLINE", None),
    ("Wahl 2019 - Ergebnisse", None),
    ("Bundesliga: 1. FC Köln 3.2.2019", None),          # no separator before it: part of the headline
    ("Rückblick | Mai 2019", None),                     # a month is no day
    ("", None),
    (None, None),
])
def test_title_date(title, expected):
    from newsprism.extract.metadata import title_date

    assert title_date(title) == expected


def test_one_month_table_for_every_date_reader() -> None:
    """Page metadata and text dumps read month names from one table (``newsprism.dates.MONTHS``): the
    metadata reader takes seven languages and their abbreviations, the dump reader every language's full
    names, the genitives of Polish and Russian included."""
    from newsprism.dates import MONTHS, month_numbers
    from newsprism.extract import metadata, textdump

    assert all(len(names) == 12 for names in MONTHS.values())
    assert set(month_numbers(("en", "de", "fr", "es", "it", "nl", "pt"), abbreviations=True)) - set(metadata._MONTHS) \
        == {"marco"}     # a given name more often than a month in a metadata value
    assert textdump._FOREIGN_MONTHS == month_numbers()
    assert metadata._MONTHS["sept"] == metadata._MONTHS["septiembre"] == 9 and "сентября" not in metadata._MONTHS
    assert textdump.parse_date("Opublikowano 24 września 2018") == "2018-09-24"
    assert textdump.parse_date("Publicat: 3 martie 2021") == "2021-03-03"
    assert textdump.parse_date("12. Jänner 2020") == "2020-01-12"
