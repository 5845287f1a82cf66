"""Tests of the plain-text page-dump extractor on real inputs."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.scoring import corpus_prf, page_pr, shingle_f1
from newsprism.errors import NoArticle
from newsprism.extract.textdump import extract_dump
from newsprism.types import Extracted

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
DEV = SHARED / "data" / "extraction-dev"

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not available")
needs_dev = pytest.mark.skipif(not (DEV / "gold.json").is_file(), reason="dev data not available")


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------- seeds


@needs_seeds
def test_seed_000_body_matches_clean_text():
    got = extract_dump(seed("000"))
    clean = seed("001")
    assert isinstance(got, Extracted) and got.extractor == "textdump"
    p, r = page_pr(got.text, clean)
    # Everything extracted is article text ...
    assert p >= 0.97
    # ... and the body equals what the extractor makes of the clean version.
    # (Seed 001 also carries the title, the standfirst, a caption and four
    # "Read more:" links, which Extracted.text leaves out by design: against
    # 001 verbatim, recall tops out at about 0.80.)
    assert shingle_f1(got.text, extract_dump(clean).text) >= 0.97
    assert r >= 0.75


@needs_seeds
def test_a_unit_without_a_word_is_never_body():
    """Seed 001, the clean copy of seed 000, has a line holding only "-"
    between the standfirst and a photo caption: it is no paragraph of the
    body, wherever the classifier puts it."""
    clean = seed("001")
    assert "\n-\n" in clean
    paras = extract_dump(clean).text.split("\n\n")
    assert len(paras) >= 5 and all(any(ch.isalnum() for ch in p) for p in paras)


@needs_seeds
def test_seed_000_full_text_matches_clean_copy():
    """full=True: the article as it reads on the page, which is what seed 001
    (a clean copy of the same article) holds: headline, standfirst, caption,
    body and the four "Read more:" lines in place."""
    dump = extract_dump(seed("000"), full=True)
    body = extract_dump(seed("000"))
    clean = seed("001")
    assert shingle_f1(dump.text, clean) >= 0.97
    paras = dump.text.split("\n\n")
    assert paras[0] == body.title
    assert paras[1] == body.description
    assert sum(p.startswith("Read more:") for p in paras) == 4
    # the body is all there, in order, and only the furniture was added
    assert [p for p in paras if p in body.text.split("\n\n")] == body.text.split("\n\n")
    assert not any(j in dump.text for j in ("Most Read", "Sheikh Qassem", "All Rights Reserved", "Privacy"))
    assert (dump.title, dump.published, dump.outlet) == (body.title, body.published, body.outlet)


@needs_seeds
def test_seed_000_metadata():
    got = extract_dump(seed("000"))
    assert got.title == "Trump, Maduro held phone call last week amid US military buildup: NYT"
    assert got.published == "2025-11-28T23:46"
    assert got.outlet == "Al Mayadeen English"
    assert got.description and got.description.startswith("US President Trump spoke with")
    assert any("brandishes a sword" in c for c in got.captions)
    assert "Venezuela" in got.tags
    assert got.cites == [] and got.language is None


@needs_seeds
def test_seed_000_boilerplate_removed():
    text = extract_dump(seed("000")).text
    for junk in ("Sheikh Qassem", "Most Read", "Read Next", "Infographs", "Digital Series",
                 "All Rights Reserved", "Privacy Policy", "Read more", "Hezbollah publishes",
                 "brandishes a sword", "3 Min Read", "UN slams"):
        assert junk not in text, junk
    assert text.startswith("US President Donald Trump spoke by phone last week")
    assert text.rstrip().endswith("Maduro’s departure from power.")
    assert "\n\n" in text and "\n\n\n" not in text


@needs_seeds
def test_seed_002_metadata():
    got = extract_dump(seed("002"))
    assert got.title == "Secret Phone Call Between Trump and Nicolás Maduro Unveiled"
    assert got.authors == ["Madison Pena"]
    assert got.published == "2025-11-28"
    assert got.outlet == "CubaHeadlines"
    assert got.text.startswith("A recent report from The New York Times")
    assert "© CubaHeadlines" not in got.text
    assert "Maduto and Trump" not in got.text


@needs_seeds
def test_seed_004_light_dump():
    got = extract_dump(seed("004"))
    assert got.title == "Trump Held Secret Call With Maduro To Discuss Possible U.S. Meeting: NYT Report"
    assert "Also Read" not in got.text
    assert "Share on WhatsApp" not in got.text
    assert got.text.startswith("US President Donald Trump engaged")


@needs_seeds
def test_clean_text_kept_intact():
    clean = seed("003")
    assert shingle_f1(extract_dump(clean).text, clean) >= 0.97


# ----------------------------------------------------------------- dev split


@needs_dev
def test_dev_split_score():
    gold = json.loads((DEV / "gold.json").read_text(encoding="utf-8"))
    pages = [((DEV / f"{k}.txt").read_text(encoding="utf-8"), g) for k, g in sorted(gold.items())]
    preds = [extract_dump(t).text for t, _ in pages]
    p, r, f1 = corpus_prf(zip(preds, (g for _, g in pages)))
    # Training-set score of the shipped model (measured 0.975); the honest
    # estimate, 5-fold CV grouped by site over three fold seeds, is 0.927
    # (docs/textdump-model.md).
    # Speed is measured by `python -m benchmarks extract`, not here.
    assert f1 >= 0.94, (p, r, f1)


@needs_dev
def test_dev_title_and_date_accuracy():
    """Titles and dates of the dev dumps against
    benchmarks/gold/extraction_meta.json: measured 0.836 and 0.745 (session
    12; 0.727 quoted before) with the
    shipped model on these, its training pages, since it also learns from the
    silver pages of other sites (before them 0.852: NBC DFW's headline is now
    found, a photo caption and a related link are taken for the Braunau and the
    Hong Kong headlines); the model before the
    structure features: 0.869 and 0.727; it lost NBC DFW's headline to a
    video teaser's standfirst).  Out of fold, site-grouped, three seeds:
    0.831 and 0.745, the model before 0.836 and 0.715
    (docs/textdump-model.md; 0.623 and 0.564 before the headline was looked
    for above a byline or dateline and dates in other languages and numeric
    forms were read)."""
    from benchmarks.bench_meta import GOLD, date_ok, title_ok

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    got = {k: extract_dump((DEV / f"{k}.txt").read_text(encoding="utf-8")) for k in gold}
    titles = sum(title_ok(got[k].title, g["title"]) for k, g in gold.items()) / len(gold)
    dated = [k for k, g in gold.items() if g["date"]]
    dates = sum(date_ok(got[k].published, gold[k]["date"], gold[k].get("date_local")) for k in dated) / len(dated)
    assert titles >= 0.83, titles
    assert dates >= 0.68, dates


@needs_dev
def test_full_text_is_body_plus_page_furniture():
    """On the dev dumps, full=True adds the headline and what surrounds the
    body on the page, never drops body paragraphs, and scores lower against
    the benchmark's gold bodies (which leave headline, standfirst, captions
    and pointers out): why the default text is the body alone."""
    gold = json.loads((DEV / "gold.json").read_text(encoding="utf-8"))
    pairs_body, pairs_full = [], []
    for k, g in sorted(gold.items()):
        txt = (DEV / f"{k}.txt").read_text(encoding="utf-8")
        body, full = extract_dump(txt), extract_dump(txt, full=True)
        paras = full.text.split("\n\n")
        assert all(p in paras for p in body.text.split("\n\n"))
        if body.title:
            assert paras[0] == body.title
        pairs_body.append((body.text, g))
        pairs_full.append((full.text, g))
    assert corpus_prf(pairs_full)[2] < corpus_prf(pairs_body)[2]
    # recall barely moves: only the 4-grams that span two body paragraphs
    # are lost where a caption or pointer now stands between them
    assert corpus_prf(pairs_full)[1] >= corpus_prf(pairs_body)[1] - 0.01


# ------------------------------------------------------------ no article


@pytest.mark.parametrize("text", ["", "   \n\n\t  \n", "\u00a0\n"])
def test_empty_input_raises(text):
    with pytest.raises(NoArticle):
        extract_dump(text)


def test_menu_only_raises():
    menu = "Site Name\n\n" + "\n".join(f"  • {w}" for w in (
        "Home", "News", "Politics", "Sports", "Business", "Opinion", "Contact Us", "Privacy Policy",
    )) + "\n\n© Site Name 2025\n"
    with pytest.raises(NoArticle):
        extract_dump(menu)


def test_huge_input_is_fast():
    para = ("The council met on Tuesday and agreed to a new budget for the city, "
            "officials said after the vote. ") * 6
    big = ("\n\n".join([para] * 20) + "\n\n  • Home\n  • News\n") * 6000   # ~ 50 MB
    t0 = time.perf_counter()
    got = extract_dump(big)
    assert time.perf_counter() - t0 < 10
    assert got.text


def test_single_huge_line():
    t0 = time.perf_counter()
    try:
        extract_dump("word " * 3_000_000)
    except NoArticle:
        pass
    assert time.perf_counter() - t0 < 10


# ------------------------------------------------------------------- fuzz


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000))
def test_fuzz_never_raises_anything_but_noarticle(text):
    try:
        got = extract_dump(text)
    except NoArticle:
        return
    assert isinstance(got, Extracted)
    assert isinstance(got.text, str) and got.text.strip()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(
    st.sampled_from(["", "  • Home", "Read more: Something else", "By Jane Doe", "28 Nov 2025 23:46",
                     "© Outlet 2025", "[image]", "Most Read", "×", "  □ Sub"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200),
    st.just("The minister said on Monday that the talks would resume next week, according to officials."),
), max_size=60))
def test_fuzz_page_like(lines):
    try:
        got = extract_dump("\n".join(lines))
    except NoArticle:
        return
    assert got.text.strip()


# ------------------------------------------------- general rules, synthetic

_PARA = ("The council voted on Tuesday to approve the new budget for the city after a long debate "
         "that lasted well into the night, officials said. ")


def _dump(*parts: str) -> str:
    return "\n\n".join(parts)


@pytest.mark.parametrize("line, iso", [
    ("sexta-feira, 22 de outubro de 2010 às 20:13", "2010-10-22T20:13"),
    ("Текст: Иван Петров·24 сентября 2018", "2018-09-24"),
    ("Posted on Oktober 27, 2015 by Admin", "2015-10-27"),
    ("by Example Office／ 2016.12.01", "2016-12-01"),
    ("2013年04月09日", "2013-04-09"),
    ("By Jane Doe On 11/13/19 at 4:00 PM EST", "2019-11-13T16:00-05:00"),
    ("Nov 28, 2025 23:46", "2025-11-28T23:46"),
])
def test_parse_date_languages_and_numeric_forms(line, iso):
    from newsprism.extract.textdump import parse_date

    assert parse_date(line) == iso


@pytest.mark.parametrize("line, iso", [
    # a time of day written before the date
    ("PUBLISHED: 00:01, Tue, Nov 19, 2019 | UPDATED: 10:43, Tue, Nov 19, 2019", "2019-11-19T00:01"),
    ("Published 11:26 pm EST, Tuesday, November 19, 2019", "2019-11-19T23:26-05:00"),
    # US zones without standard/daylight: the offset of that day
    ("Nov 18, 2019 at 9:24 pm ET • 2 min read", "2019-11-18T21:24-05:00"),
    ("July 4, 2019 at 9:24 pm PT", "2019-07-04T21:24-07:00"),
    # a score or a price before a date is not a time
    ("Score 3:1 on 5 March 2020", "2020-03-05"),
    ("Price 12.50 Nov 19, 2019", "2019-11-19"),
])
def test_parse_date_time_before_date_and_us_zones(line, iso):
    from newsprism.extract.textdump import parse_date

    assert parse_date(line) == iso


def test_published_date_preferred_to_updated():
    """A header that states both takes the publication date, whichever comes
    first; an "Updated" line under the headline gives way to a "Published"
    line further down, and stands when there is none."""
    from newsprism.extract.textdump import _stated_date

    assert _stated_date("Updated: 10:43, Nov 20, 2019 | Published: 00:01, Nov 19, 2019") == \
        ("2019-11-19T00:01", False)
    assert _stated_date("By Jane Doe Updated Nov 13, 2019, 10:28am EST") == ("2019-11-13T10:28-05:00", True)
    paras = [_PARA.replace("Tuesday", d) for d in ("Monday", "Tuesday", "Wednesday", "Friday")]
    head = ["Site Name", "Home", "City council approves the new budget after a long debate", "By Jane Doe"]
    got = extract_dump(_dump(*head, "Updated November 21, 2019", "Published November 19, 2019", *paras))
    assert got.published == "2019-11-19"
    got = extract_dump(_dump(*head, "Updated November 21, 2019", *paras))
    assert got.published == "2019-11-21"


def test_anchor_features_place_units_relative_to_the_header():
    """d_head / d_meta count units from the guessed headline and from the
    dateline above the body; head_overlap is the share of a unit's content
    words found in that headline; ellipsis marks a teaser cut short."""
    from newsprism.extract.textdump import FEATURE_NAMES, segment, unit_features

    paras = [_PARA.replace("Tuesday", d) for d in ("Monday", "Tuesday", "Wednesday", "Friday")]
    text = _dump("Home", "Sports", "City council approves the new budget after a long debate",
                 "By Jane Doe", "Published November 19, 2019", *paras,
                 "Another story about something else entirely was here...")
    units = segment(text)
    X = unit_features(units)
    c = {n: i for i, n in enumerate(FEATURE_NAMES)}
    assert X[5, c["d_head"]] == 3 and X[5, c["d_meta"]] == 1 and X[5, c["has_meta"]] == 1
    assert X[0, c["d_head"]] == -2
    assert X[5, c["head_overlap"]] > 0.2 and X[1, c["head_overlap"]] == 0
    assert X[-1, c["ellipsis"]] == 1 and X[5, c["ellipsis"]] == 0


@pytest.mark.parametrize("line", ["iPhone 11/12/13 compared", "version 1.2.3", "Mai Tai 12", "Room 2016.99.01"])
def test_parse_date_leaves_non_dates(line):
    from newsprism.extract.textdump import parse_date

    assert parse_date(line) is None


def test_title_is_the_headline_with_a_byline_under_it():
    """Among headline-like lines above the body, the one a byline or dateline
    follows is the headline, even far above the body and with other stories'
    headlines (about the same subject) closer to it."""
    others = [f"Council budget story number {k} draws a crowd" for k in range(12)]
    text = _dump("Site Name", "Home", "News",
                 "City council approves the new budget after a long debate",
                 "By Jane Doe", "Published November 19, 2019 at 10:02 AM",
                 *others,
                 *[_PARA.replace("Tuesday", d) for d in ("Monday", "Tuesday", "Wednesday", "Friday")],
                 "Most Read", "Other story one is here", "Other story two is here")
    got = extract_dump(text)
    assert got.title == "City council approves the new budget after a long debate"
    assert got.published == "2019-11-19T10:02"
    assert got.authors == ["Jane Doe"]


def test_comment_section_is_not_body():
    """Comments under the article (a time stamp per comment) are cut, however
    prose-like they are; the article above them stays."""
    article = [_PARA.replace("Tuesday", d) for d in ("Monday", "Tuesday", "Wednesday", "Thursday")]
    comments = []
    for k, name in enumerate(("Woyzeck", "Nick A", "fmcshan", "tjedora", "ascender")):
        comments += ["Avatar", name, f"2 days ago at 07:{10 + k} am",
                     "I think this is a really good decision by the council and I hope that the "
                     f"mayor will follow it through, because the city needs it badly ({k}).",
                     f"Rating: {k + 3} Votes"]
    text = _dump("Site Name", "Budget approved after long debate", "By Jane Doe", *article,
                 "Top Rated Comments", *comments, "About us", "Privacy")
    got = extract_dump(text)
    assert "council voted on Monday" in got.text and "council voted on Thursday" in got.text
    assert "really good decision" not in got.text and "Votes" not in got.text


def test_image_slugs_and_doubled_alt_text_are_not_body():
    from newsprism.extract.textdump import _is_doubled, _is_slug

    assert _is_slug("milano-design-week-2018-flos-arrangements-01")
    assert _is_slug("[16-inch-macbook-pro-scissor-switch-keyboard-800x533]")
    assert not _is_slug("well-known") and not _is_slug("A state-of-the-art plan")
    assert _is_doubled("Business focus: a camera lensBusiness focus: a camera lens")
    assert _is_doubled("Why Some People Triumph Online 1Why Some People Triumph Online 1")
    assert not _is_doubled(_PARA)


# ------------------------------------------- classifier: structure, smoothing


@needs_seeds
def test_shape_features_tell_prose_from_menus_and_stamps():
    """On the raw dump of seed 000: the article's paragraphs have clauses
    (commas) and shorter words than the menu's labels, which have neither
    commas nor quotation marks; the date line is mostly numbers."""
    from newsprism.extract.textdump import FEATURE_NAMES, segment, unit_features

    units = segment(seed("000"))
    X = unit_features(units)
    c = {n: i for i, n in enumerate(FEATURE_NAMES)}
    texts = [u.text for u in units]
    first = texts.index(next(t for t in texts if t.startswith("US President Donald Trump spoke by phone")))
    body = [i for i in range(first, first + 17) if not texts[i].startswith("Read more")]
    menu = [i for i in range(texts.index("Politics"), texts.index("In Pictures") + 1)]
    assert len(menu) >= 15
    assert all(X[i, c["comma_rate"]] == 0 and X[i, c["quote"]] == 0 for i in menu)
    assert np.median(X[body, c["comma_rate"]]) > 0.03
    assert np.mean(X[menu, c["word_len"]]) > np.mean(X[body, c["word_len"]])
    stamp = texts.index("28 Nov 2025 23:46")
    assert X[stamp, c["num_tokens"]] >= 0.75 and X[stamp, c["upper_start"]] == 0
    assert all(X[i, c["upper_start"]] == 1 for i in body)
    assert not np.isnan(X).any()


@needs_seeds
def test_smoothing_joins_the_body_and_changes_nothing_at_zero_cost():
    """The two-state pass over the classifier's log-odds never splits the
    body into more runs than thresholding does, and with a vanishing switch
    cost it is the threshold itself."""
    from newsprism.extract.textdump import _smooth, body_probabilities, segment

    p, _ = body_probabilities(segment(seed("000")))

    def runs(mask):
        return int(np.sum(np.diff(np.concatenate([[0], mask.astype(int)])) == 1))

    assert (_smooth(p, 0.5, 1e-9) == (p >= 0.5)).all()
    for cost in (1.0, 2.0, 4.0):
        assert runs(_smooth(p, 0.5, cost)) <= runs(p >= 0.5)
    # one unit the classifier doubts, inside a sure body, is kept at cost 2
    q = np.array([0.02, 0.95, 0.97, 0.4, 0.96, 0.9, 0.03, 0.02])
    assert _smooth(q, 0.5, 2.0).tolist() == [False, True, True, True, True, True, False, False]


@needs_dev
def test_cv_folds_keep_pages_and_sites_apart():
    """The training script's folds: every page held out exactly once, no site
    (domain in urls.json) on both sides of a split, and another seed deals
    other folds."""
    from benchmarks.train_textdump import _sites, make_folds

    ids = sorted(json.loads((DEV / "gold.json").read_text(encoding="utf-8")))
    sites = _sites(ids)
    assert len(set(sites)) < len(ids)          # some sites hold two pages
    for seed_ in (0, 1):
        folds = make_folds(sites, 5, seed_)
        assert sorted(i for f in folds for i in f) == list(range(len(ids)))
        for f in folds:
            held = {sites[i] for i in f}
            assert not any(sites[i] in held for g in folds if g is not f for i in g)
    assert make_folds(sites, 5, 0) != make_folds(sites, 5, 1)


@needs_dev
def test_site_halves_split_sites_not_pages():
    """The two halves every CV run is also scored on: both hold pages, a
    site's pages are all in one half, and the split does not depend on
    which other pages are in the set (a hash of the domain)."""
    from benchmarks.train_textdump import _sites, site_halves

    ids = sorted(json.loads((DEV / "gold.json").read_text(encoding="utf-8")))
    halves, sites = site_halves(ids), _sites(ids)
    assert 20 <= sum(halves) <= len(ids) - 20
    assert all(len({h for h, s in zip(halves, sites) if s == site}) == 1 for site in set(sites))
    assert site_halves(ids[::-1]) == halves[::-1] and site_halves(ids[5:]) == halves[5:]


# ------------------------------------------------------ no page too small

_SHORT_TITLE = "City council approves protected bike lanes on Main Street"
_SHORT_PARA = (
    "The city council voted 7-2 on Tuesday evening to approve a network of protected bike lanes along Main "
    "Street, ending a debate that had stretched over eighteen months. Supporters said the lanes would make "
    "the downtown corridor safer for cyclists and pedestrians, while opponents warned that removing parking "
    "spaces would hurt small businesses. Construction is expected to begin in the spring and to last about six "
    "months, according to the city's transportation department, which will publish a detailed schedule next "
    "week. The mayor said she would sign the measure on Friday.")


@pytest.mark.parametrize("eol", ["\r\n", "\n"])
def test_short_clean_text_file_is_an_article(eol):
    """A title and one paragraph (~650 bytes) read as a file is an article, not NP201."""
    import hashlib

    from newsprism.extract import extract_raw
    from newsprism.types import RawInput

    data = (_SHORT_TITLE + eol + eol + _SHORT_PARA + eol).encode("utf-8")
    assert 600 <= len(data) <= 700
    raw = RawInput(source="short.txt", data=data, sha256=hashlib.sha256(data).hexdigest(), media_type="text/plain")
    got = extract_raw(raw)
    assert got.title == _SHORT_TITLE
    assert got.text == _SHORT_PARA


def test_short_page_of_furniture_is_still_no_article():
    """The clean-text fallback needs prose to be most of the page: a cookie line under a menu is not an article."""
    page = "\n".join(["Home", "News", "Sport", "Weather", "Contact us", "Privacy policy", "Terms of use",
                      "Accessibility", "Jobs", "Advertise", "Newsletters", "Podcasts", "Puzzles"]) \
        + "\n\nWe use cookies to improve your experience on our site and to show you relevant advertising.\n"
    with pytest.raises(NoArticle):
        extract_dump(page)


# ---------------------------------------------------- hysteresis inside the body


def test_inner_hysteresis_keeps_a_doubted_paragraph_between_kept_ones():
    """A unit the trees doubt (p 0.4) between kept paragraphs joins the body,
    unless it reads like a label or button ("Share this article:")."""
    import numpy as np

    from newsprism.extract import textdump as td

    paras = [("The council voted on Tuesday to approve the new budget for the city after a long debate "
              f"about schools, roads and parks, officials said in statement number {k}.") for k in range(4)]
    units = td.segment("\n\n".join([paras[0], paras[1], "Share this article:", paras[2], paras[3]]))
    X = td.unit_features(units)
    p = np.array([0.9, 0.4, 0.4, 0.9, 0.9])
    X2 = td.stage2_features(p, X)
    texts = [u.text for u in units]
    assert td._select(p, X2, texts, 0.5) == [0, 1, 3, 4]
    old, td.INNER_THRESHOLD = td.INNER_THRESHOLD, None
    try:
        assert td._select(p, X2, texts, 0.5) == [0, 3, 4]
    finally:
        td.INNER_THRESHOLD = old


def test_inner_hysteresis_takes_list_items_and_stage_one_keeps_short_items():
    """Between kept paragraphs, an item of a list the trees doubt (0.4) joins
    the body like a doubted sentence does, and one they reject (0.2) does not;
    a paragraph stage 1 kept (0.8) and stage 2 dropped (0.2) joins too.  A
    list item that stage 1 kept and stage 2 dropped stays body even outside
    the paragraphs; a prose paragraph after the body keeps stage 2's verdict."""
    from newsprism.extract import textdump as td

    para = ("The council voted on Tuesday to approve the new budget for the city after a long debate "
            "about schools, roads and parks, officials said in statement number {}.")
    lines = [para.format(0), "The budget pays for three things.", "• two new schools", "• a bridge over the river",
             "• longer library hours", para.format(1), para.format(2), para.format(3),
             "• free buses for pupils", "Trending", para.format(4)]
    units = td.segment("\n\n".join(lines))
    texts = [u.text for u in units]
    assert len(units) == len(lines) and all(units[i].bullet for i in (2, 3, 4, 8))
    X = td.unit_features(units)
    p1 = np.array([0.9, 0.9, 0.4, 0.4, 0.2, 0.9, 0.8, 0.9, 0.8, 0.0, 0.8])
    p2 = np.array([0.9, 0.9, 0.4, 0.4, 0.2, 0.9, 0.2, 0.9, 0.3, 0.0, 0.3])
    assert td._select(p2, td.stage2_features(p1, X), texts, 0.5) == [0, 1, 2, 3, 5, 6, 7, 8]
    p1[[6, 8]] = 0.3      # stage 1 doubted them too: stage 2's verdict stands
    assert td._select(p2, td.stage2_features(p1, X), texts, 0.5) == [0, 1, 2, 3, 5, 7]


def test_a_list_a_kept_colon_line_introduces_is_body():
    """The list a kept line ending in a colon introduces is the article's
    (however low the trees scored its items), at the end of the body or
    inside it, up to the first unit of another shape; after a line that ends
    on a sentence the same items stay out."""
    from newsprism.extract import textdump as td

    para = ("The studio released a new version of its party game on Monday after months of work on the "
            "tasks and questions that players had asked for, the developers said in post number {}.")
    items = ["• New tasks for the game", "• More questions for your opponent", "• Better Android support"]

    def kept(intro, after):
        lines = [para.format(0), intro] + items + after
        units = td.segment("\n\n".join(lines))
        X = td.unit_features(units)
        p = np.array([0.9, 0.9, 0.05, 0.05, 0.05] + [0.9 if t.startswith("The studio") else 0.05 for t in after])
        return td._select(p, td.stage2_features(p, X), [u.text for u in units], 0.5)

    click = "Click here to download the game"
    assert kept("What is new in version 2.26:", [click]) == [0, 1, 2, 3, 4]
    assert kept("What is new in version 2.26:", [para.format(1), click]) == [0, 1, 2, 3, 4, 5]
    assert kept("What is new in version 2.26 is listed below.", [click]) == [0, 1]


def test_first_paragraph_set_apart_by_a_box_joins_the_body():
    """A paragraph stage 1 kept and stage 2 dropped, a "Related articles" box
    above the body's first kept unit, is the article's first paragraph; one
    that stage 1 doubted too, or one with other prose between, stays out."""
    from newsprism.extract import textdump as td

    para = ("Health authorities in the region confirmed on Monday that a third case of the disease had been "
            "reported, and said that the people around the patient were being watched, in report number {}.")
    box = ["Related articles", "Outbreak: region hit by highly contagious disease", "Horror as mosquitos head north"]

    def kept(first_p1, between=()):
        lines = [para.format(0), *between, *box, para.format(1), para.format(2)]
        units = td.segment("\n\n".join(lines))
        n = len(units)
        p1 = np.array([first_p1] + [0.9 if t.startswith("Health") else 0.02 for t in lines[1:]])
        p2 = np.array([0.3] + [0.95 if t.startswith("Health") else 0.02 for t in lines[1:]])
        assert len(p1) == n
        return td._select(p2, td.stage2_features(p1, td.unit_features(units)), [u.text for u in units], 0.5)

    assert kept(0.8) == [0, 4, 5]
    assert kept(0.3) == [4, 5]
    assert kept(0.8, ["The agency also said it had sent a team to the area on Sunday to check the reports."]) \
        == [5, 6]


def test_standfirst_is_cut_under_the_headline_found_not_under_a_guess():
    """The short unit right under the page's headline (one with a byline
    and a date under it) is its standfirst and leaves the body; a short
    first paragraph under a related link that only looks like a headline
    (stage 2's guess, closest above the body) stays body."""
    from newsprism.extract.textdump import extract_units, segment, stage2_features, unit_features

    paras = [
        "The storm reached the coast late on Sunday, and officials closed every school in the district while "
        "crews worked through the night to clear the roads and restore power to the towns along the shore.",
        "By Monday morning most of the roads had reopened, but the schools stayed shut because several "
        "buildings had lost their roofs and the inspectors needed another day to check each one of them.",
        "Parents said they were relieved that nobody had been hurt, and that the teachers had sent work home "
        "with the children before the storm arrived so that the lessons could go on."]
    head = ["Home", "World", "Politics", "Sport", "Storm Closes Every School Along The Northern Coast",
            "By Jane Doe", "Published March 3, 2020"]

    def run(lines, body):
        units = segment("\n\n".join(lines))
        X = unit_features(units)
        p = np.array([0.9 if u.text in body else 0.05 for u in units])
        return extract_units(units, X, p, stage2_features(p, X), threshold=0.5)

    short = "The first buses left at dawn."
    got = run(head + ["[image]", "Families Return Home After Floods Recede In The Valley", short] + paras,
              [short] + paras)
    assert got.title == "Storm Closes Every School Along The Northern Coast"
    assert got.text.startswith(short)
    standfirst = "Schools shut after the storm, roads open again."
    got = run(head[:5] + [standfirst, "By Jane Doe"] + paras, [standfirst] + paras)
    assert got.text.startswith("The storm reached") and standfirst not in got.text


def _dev_dump(fragment: str) -> tuple[str, str]:
    """(key, text) of the one dev dump whose page URL holds ``fragment``."""
    ids = {v: k for k, v in json.loads((DEV / "urls.json").read_text(encoding="utf-8")).items()}
    (k,) = [k for u, k in ids.items() if fragment in u]
    return k, (DEV / f"{k}.txt").read_text(encoding="utf-8")


def _dev_units(fragment: str) -> tuple[list[str], np.ndarray]:
    """The unit texts and unit features of the dev dump whose page URL holds ``fragment``."""
    from newsprism.extract.textdump import segment, unit_features

    units = segment(_dev_dump(fragment)[1])
    return [u.text for u in units], unit_features(units)


@needs_dev
def test_structure_features_mark_lists_and_form_boxes():
    """On two dev dumps: the items of a list that a line ending in a colon
    introduces ("Here's what to know:" … "Path A: …") are marked as such and
    the article's paragraphs are not; look-alike neighbours are counted; the
    legal text under a comment form sits after bracketed form fields, the
    article's paragraphs do not."""
    from newsprism.extract.textdump import FEATURE_NAMES

    c = {n: i for i, n in enumerate(FEATURE_NAMES)}
    texts, X = _dev_units("euro-2020-qualifying")
    items = [i for i, t in enumerate(texts) if t.startswith("Path ") and ":" in t]
    assert len(items) == 4
    assert all(X[i, c["list_intro"]] == 1 for i in items)
    teams = [i for i, t in enumerate(texts) if "(Group " in t and t.endswith("appearance")]
    assert len(teams) >= 10 and all(X[i, c["sib_same"]] == 2 for i in teams[1:-1])
    prose = [i for i, t in enumerate(texts) if t.startswith(("Euro 2020 qualifying is over", "On Monday,"))]
    assert len(prose) == 2 and all(X[i, c["list_intro"]] == 0 for i in prose)

    texts, X = _dev_units("south-koreas-roadmap")
    legal = next(i for i, t in enumerate(texts) if t.startswith("Your personal data will only be disclosed"))
    body = next(i for i, t in enumerate(texts) if t.startswith("South Korea’s Ministry of Trade"))
    assert X[legal, c["bracket_before"]] >= 0.25 and X[body, c["bracket_before"]] <= 0.125
    assert not np.isnan(X).any()


@needs_dev
def test_list_bodies_of_dev_dumps_are_kept():
    """Two dev dumps whose article holds a list: the qualified teams of a
    football report ("Germany (Group C): 13th appearance" …) and a recipe's
    ingredients; the shipped extractor keeps most of them as body (before the
    list rules of session 16 it kept 12 of 19 teams and 1 of 9 recipe lines:
    stage 2 pulled them under 0.5)."""
    gold = json.loads((DEV / "gold.json").read_text(encoding="utf-8"))

    def body(fragment):
        k, dump = _dev_dump(fragment)
        return extract_dump(dump).text, gold[k]

    text, g = body("euro-2020-qualifying")
    teams = [t for t in g.split("\n") if "(Group " in t and t.strip().endswith("appearance")]
    assert len(teams) >= 10
    assert sum(t.strip() in text for t in teams) >= len(teams) - 2     # before: 12 of 19
    text, g = body("theantijunecleaver")
    ingredients = [t.strip() for t in g.split("\n") if len(t.split()) < 12 and any(c.isdigit() for c in t)]
    assert len(ingredients) >= 8
    assert sum(t in text for t in ingredients) >= len(ingredients) // 2     # before: 1 of 9


@needs_dev
def test_a_run_of_like_units_enclosed_by_the_body_joins_it(monkeypatch):
    """A recipe's ingredients (theantijunecleaver: nine bulleted lines under
    "Ingredients", stage 2 at 0.18-0.40): the extractor kept some of them,
    and the lines between two kept ones of their form join the body; every
    ingredient is then kept, without the rule three are left out.  A video
    placeholder and its "Media playback is unsupported" line between two
    kept paragraphs of a BBC report are not of the paragraphs' form (and one
    is a bracketed placeholder): they stay out."""
    import newsprism.extract.textdump as td

    k, dump = _dev_dump("theantijunecleaver")
    gold = json.loads((DEV / "gold.json").read_text(encoding="utf-8"))[k]
    ingredients = [t.strip() for t in gold.split("\n") if len(t.split()) < 12 and any(c.isdigit() for c in t)]
    assert len(ingredients) == 9
    text = extract_dump(dump).text.split("\n\n")
    assert all(t in text for t in ingredients)
    monkeypatch.setattr(td, "ENCLOSED_RUNS", False)
    assert sum(t in extract_dump(dump).text.split("\n\n") for t in ingredients) == 6

    units = td.segment(_dev_dump("bbc.com/news/world-europe-50473792")[1])
    _, X2 = td.body_probabilities(units)
    i = next(i for i, u in enumerate(units) if u.text == "[p0792688]")
    assert units[i + 1].text == "Media playback is unsupported on your device"
    assert td._join_enclosed_runs([i - 1, i + 2], X2, lambda j: False) == [i - 1, i + 2]


@needs_dev
def test_prose_is_told_by_its_punctuation_in_any_language():
    """A paragraph of a language the stop-word list barely knows is prose by
    its punctuation (a comma, few capitalised words): the answers of a
    Russian interview and its introduction (wday.ru: a fixed-list
    stop-word share of 0.10–0.18) are prose, and the core, the densest run
    of prose, starts at the article's first paragraph (before: unit 170 of an article that starts at
    59, so stage 1 read the first 23 answers as far above the body).  An
    English caption of names, though written the same way, is not."""
    from newsprism.extract.textdump import FEATURE_NAMES, _core, _is_prose, _OWN

    c = {n: i for i, n in enumerate(FEATURE_NAMES)}
    texts, X = _dev_units("wday.ru")
    own = X[:, : len(_OWN)]
    answers = [next(i for i, t in enumerate(texts) if t.startswith(s)) for s in (
        "Самые популярные фудблогеры", "Первые три участника", "Очень люблю этот вопрос", "Думаю, это будет паста")]
    assert all(X[i, c["stop"]] < 0.2 for i in answers)
    assert all(_is_prose(list(own[i])) for i in answers)
    first = next(i for i, t in enumerate(texts) if t.startswith("Наши герои знают толк"))
    start, end = _core(own.tolist())
    assert start <= first < answers[-1] <= end

    texts, X = _dev_units("emirates-inks-order")
    (cap,) = [i for i, t in enumerate(texts) if t.startswith("Sheikh Mohammed bin Rashid Al Maktoum, United Arab")]
    assert X[cap, c["stop"]] < 0.2 and X[cap, c["commas"]] >= 1
    assert not _is_prose(list(X[cap, : len(_OWN)]))


@needs_dev
def test_a_kept_run_at_the_page_foot_with_a_copyright_notice_is_not_body():
    """A fitness blog's dump (beachbodyondemand.com): its disclaimers,
    trademarks and "© 2019 Beachbody, LLC. All rights reserved." at the page's
    foot read as prose.  Kept apart from the article's paragraphs (230 units
    of meal plan and menus between), that run is dropped; without the notice,
    or right under the article (the units between cut out of the dump), it
    stays."""
    from newsprism.extract import textdump as td

    lines = _dev_dump("beachbodyondemand")[1].split("\n")
    intro = ("If you’ve done 80 Day Obsession", "A Little More Obsessed follows", "This meal plan works for both")
    foot = ("The information provided on this website", "+Results vary", "*These statements",
            "Consult your physician", "© 2019 Beachbody, LLC", "Apple logo, Apple TV")

    def kept(text, notice=True):
        units = td.segment(text)
        texts = [u.text for u in units]
        p = np.array([0.9 if t.startswith(intro) or (t.startswith(foot) and (notice or "©" not in t)) else 0.02
                      for t in texts])
        X2 = td.stage2_features(p, td.unit_features(units))
        return [texts[i][:12] for i in td._select(p, X2, texts, 0.5)]

    page = "\n".join(lines)
    assert kept(page) == ["If you’ve do", "A Little Mor", "This meal pl"]
    assert len(kept(page, notice=False)) == 3 + 5
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Now get prepping"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("The information provided on this"))
    assert len(kept("\n".join(lines[:start] + lines[end:]))) == 3 + 6


@needs_dev
def test_a_unit_kept_alone_far_above_the_body_is_header():
    """NBC DFW's dump: the standfirst under the headline ("The suspect
    confessed and the jury took just 15 minutes to find him guilty", no full
    stop) stands 29 units above the article’s first paragraph, with the
    byline, the date and a video box between.  Kept alone up there it is
    page header, not body (and was taken for the headline); a paragraph of
    40 words or more kept there would stay.  So is WSJ's standfirst, two
    sentences above the byline block."""
    from newsprism.extract import textdump as td

    units = td.segment(_dev_dump("nbcdfw")[1])
    texts = [u.text for u in units]
    X = td.unit_features(units)
    stand = texts.index("The suspect confessed and the jury took just 15 minutes to find him guilty")
    first = next(i for i, t in enumerate(texts) if t.startswith("The suspect, Michael Webb, was convicted"))
    assert first - stand > td.START_REACH
    p = np.array([0.9 if i == stand or first <= i <= first + 5 else 0.02 for i in range(len(units))])
    kept = td._select(p, td.stage2_features(p, X), texts, 0.5)
    assert kept[0] == first and stand not in kept
    texts[stand] = ("The suspect confessed to the crime, and the jury took just 15 minutes to find him guilty "
                    "after a trial in which prosecutors showed the video of the rescue, the statements of the "
                    "officers and the messages he had sent to the girl's family, the court said on Monday.")
    assert len(texts[stand].split()) >= 40
    X = td.unit_features(td.segment("\n\n".join(texts)))
    assert td._select(p, td.stage2_features(p, X), texts, 0.5)[0] == stand

    # WSJ: a standfirst written as two sentences, with the byline block (eight
    # units) between it and the first paragraph.
    units = td.segment(_dev_dump("wsj.com")[1])
    texts = [u.text for u in units]
    stand = next(i for i, t in enumerate(texts) if t.startswith("There are more devices, platforms and services"))
    first = next(i for i, t in enumerate(texts) if t.startswith("Gaming used to be so simple."))
    p = np.array([0.9 if i == stand or first <= i <= first + 3 else 0.02 for i in range(len(units))])
    kept = td._select(p, td.stage2_features(p, td.unit_features(units)), texts, 0.5)
    assert first - stand > td.START_REACH and kept[0] == first


# ------------------------------------------------ silver training pages

@needs_dev
def test_silver_renderer_is_the_dev_sets_renderer():
    """The extra training pages are rendered exactly as the dev set's dumps
    were: w3m with the manifest's options gives each dev page's .txt byte
    for byte."""
    import gzip

    from benchmarks.textdump_silver import render

    for f in sorted(DEV.glob("*.html.gz"))[:3]:
        html = gzip.decompress(f.read_bytes()).decode("utf-8", errors="replace")
        assert render(html) == (DEV / f.name.replace(".html.gz", ".txt")).read_text(encoding="utf-8")


def test_silver_pages_keep_only_bodies_found_in_their_dump(tmp_path):
    """Silver pages: a news page's body (from the HTML extractor) with its
    w3m dump, labelled body on the dump's article lines only; a page whose
    body is too short to trust is set aside."""
    from benchmarks import textdump_silver as ts
    from benchmarks.train_textdump import label_units
    from newsprism.extract import textdump as td

    pages = SHARED / "data" / "peers-dev" / "dates" / "pages"
    for f in sorted(pages.glob("*.html"))[:4]:
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "tiny.html").write_text("<html><body><nav>Home | News</nav><p>Two words.</p></body></html>")
    kept = ts.build(tmp_path, log=lambda _: None)
    assert kept and "silver-tiny" not in {k for k, _, _ in kept}
    for _, dump, body in kept:
        units = td.segment(dump)
        y = label_units(units, body)
        words = sum(len(u.text.split()) for u in units)
        body_words = sum(len(u.text.split()) for u, b in zip(units, y) if b)
        assert 0 < body_words < words                       # the menus and footers are not body
        assert body_words >= 0.8 * len(body.split())        # the body's lines are labelled body


def test_pypi_silver_pages_come_from_the_sdists_test_folder(tmp_path):
    """A package's test pages are read from its source distribution: only
    the HTML files of the named folder, and a page shipped twice under two
    names counts once (newspaper4k 0.9.6 ships one page as both
    cleveland.com1.html and video_article_01.html)."""
    import io
    import tarfile

    from benchmarks import textdump_silver as ts

    pkg, version, folder = ts.PYPI_SOURCES["newspaper4k"]
    page = b"<html><body><p>One page.</p></body></html>"
    members = {f"{pkg}-{version}/{folder}a.html": page, f"{pkg}-{version}/{folder}b.html": page,
               f"{pkg}-{version}/{folder}c.html": page.replace(b"One", b"Another"),
               f"{pkg}-{version}/{folder}notes.txt": b"not a page",
               f"{pkg}-{version}/docs/d.html": b"<html>docs</html>"}
    with tarfile.open(tmp_path / f"{pkg}-{version}.tar.gz", "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    got = ts._pypi_files("newspaper4k", log=lambda _: None, where=tmp_path)
    assert [n for n, _ in got] == ["a", "c"]
    assert got[0][1] == page


def test_silver_sources_and_the_pages_a_variant_leaves_out():
    """``--compare none@mediacloud`` trains on the MediaCloud silver pages
    only: the other sources' pages are left out of its training sets, dev
    pages never."""
    from benchmarks import textdump_silver as ts
    from benchmarks.train_textdump import dropped, excluded

    ids = ["abc", "silver-0a1b", "silver-newspaper4k-cnn_001", "silver-newspaper4k-wired_001"]
    assert [ts.source_of(k) for k in ids] == ["", "mediacloud", "newspaper4k", "newspaper4k"]
    assert excluded("none@mediacloud", ids) == {2, 3}
    assert excluded("none@mediacloud+newspaper4k", ids) == set()
    assert excluded("none", ids) == set()
    assert dropped("struct@mediacloud") == dropped("struct")


@needs_dev
def test_a_colon_line_after_the_body_and_the_block_set_under_it_are_body(monkeypatch):
    """A Nigerian news dump (theparadigmng.com) ends its article with "See
    tweets :" and two embedded posts that w3m sets four columns in from the
    margin: a colon line, a sentence, the posts' signature lines and a
    41-word paragraph.  With the paragraphs kept and "See tweets :" at 0.4
    (the trees' own 0.44–0.51 out of fold), the colon line joins the body
    and so does the indented block under it, up to the newsletter line at
    the margin; "Share this:" and its bulleted buttons stay out.  Without
    the rule the body ends on "@NGRSenate ." (recall 0.61 out of fold); a
    colon line under HYSTERESIS is not joined, nor one over lines at its own
    margin (what "Read also:" and its links look like)."""
    from newsprism.extract import textdump as td

    units = td.segment(_dev_dump("theparadigmng")[1])
    texts = [u.text for u in units]
    X = td.unit_features(units)
    first = next(i for i, t in enumerate(texts) if t.startswith("Senator representing Yobe North"))
    colon = texts.index("See tweets :")
    after = texts.index("Click here to subscribe to The Paradigm Newsletter")
    block = list(range(colon + 1, after))
    assert len(block) == 5 and all(units[i].indent > units[colon].indent for i in block)
    assert texts[block[0]] == "Senate resolves to:" and texts[block[-1]].startswith("The Nigerian Senate")

    def kept(p_colon: float) -> list[int]:
        p = np.array([0.9 if first <= i < colon else p_colon if i == colon else 0.02 for i in range(len(texts))])
        return td._select(p, td.stage2_features(p, X), texts, 0.5)

    got = kept(0.4)
    assert got == list(range(first, after))
    assert texts.index("Share this:") not in got
    assert kept(0.2)[-1] == colon - 1
    monkeypatch.setattr(td, "COLON_BLOCKS", False)
    assert kept(0.4)[-1] == colon - 1
    monkeypatch.setattr(td, "COLON_BLOCKS", True)
    # The same block moved to the colon line's margin: the colon line stays out, and so does the block.
    from dataclasses import replace

    X_flat = td.unit_features([replace(u, indent=0) if i in block else u for i, u in enumerate(units)])
    p = np.array([0.9 if first <= i < colon else 0.4 if i == colon else 0.02 for i in range(len(texts))])
    assert td._select(p, td.stage2_features(p, X_flat), texts, 0.5)[-1] == colon - 1


@needs_dev
def test_misses_are_placed_at_the_start_the_end_or_inside():
    """``benchmarks.textdump_misses`` on a real dev dump (theparadigmng.com)
    and its gold labels: a body that stops before "See tweets :" misses the
    six units under it at the end, one that also drops a paragraph in the
    middle misses that one inside, one that starts with the headline has an
    extra unit at the start, and the gold body itself differs nowhere; the
    units of the extractor's output are found back from its text."""
    from benchmarks.textdump_misses import differences, output_units
    from benchmarks.train_textdump import label_units
    from newsprism.extract.textdump import segment

    k, dump = _dev_dump("theparadigmng")
    units = segment(dump)
    texts = [u.text for u in units]
    y = label_units(units, json.loads((DEV / "gold.json").read_text(encoding="utf-8"))[k])
    gold = [int(i) for i in np.flatnonzero(y)]
    colon = texts.index("See tweets :")
    assert gold[-6] == colon and differences(gold, y) == {}
    assert differences(gold[:-6], y) == {i: ("end", "missed") for i in gold[-6:]}
    assert differences(gold[:2] + gold[3:-6], y)[gold[2]] == ("inside", "missed")
    head = texts.index("BREAKING: Lawan moves motion for Senate’s adjournment over Nzeribe, Adedoyin’s deaths",
                       gold[0] - 3)
    assert differences([head] + gold, y) == {head: ("start", "extra")}
    assert output_units(texts, "\n\n".join(texts[i] for i in gold)) == gold
