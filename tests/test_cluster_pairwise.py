"""The learned pairwise story model: its shipped coefficients, the day as a signal, held-out ECB+ topics."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA

from benchmarks import tune_stories
from benchmarks.scoring import bcubed
from newsprism.cluster import pairwise
from newsprism.cluster.online import OnlineClusterer, parse_date, terms
from newsprism.cluster import signals
from newsprism.cluster.signals import read

def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_shipped_coefficients_load_and_probabilities_rise_with_similarity() -> None:
    join, merge = pairwise.load()
    for a, b in zip((join, merge), pairwise.shipped()):
        assert a.to_json() == b.to_json()
    assert join.dated.features == pairwise.DATED and join.undated.features == pairwise.UNDATED
    assert merge.dated.features == pairwise.MERGE_DATED and merge.undated.features == pairwise.MERGE_UNDATED
    for model in (join, merge):
        assert model.about["sets"] == ["basil", "ecb+", "headlines"]
    # the join model: the more alike (every cosine at once), the likelier one story, dated or not; sharing more of
    # the story's entities too; and a later day less likely
    sims = np.linspace(0.0, 1.0, 21)
    x = np.zeros((len(sims), len(pairwise.FEATURES)))
    x[:, :3] = sims[:, None]
    for dated in (True, False):
        p = join.probability(x, np.full(len(x), dated))
        assert np.all(np.diff(p) > 0) and p[0] < 0.5 < p[-1]
        named = x.copy()
        named[:, pairwise.FEATURES.index("entities")] = 1.0
        assert np.all(join.probability(named, np.full(len(x), dated)) > p)
    later = x.copy()
    later[:, pairwise.FEATURES.index("days")] = pairwise.days_feature(3)
    assert np.all(join.probability(later, np.ones(len(x), bool)) < join.probability(x, np.ones(len(x), bool)))


def _cancer() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A real binary task shipped with scikit-learn (569 tumours, 30 measurements), standardised, with uneven
    sample weights."""
    from sklearn.datasets import load_breast_cancer

    x, y = load_breast_cancer(return_X_y=True)
    return (x - x.mean(0)) / x.std(0), y, np.random.default_rng(0).uniform(0.5, 2.0, len(y))


def test_unconstrained_fit_agrees_with_scikit_learn() -> None:
    from sklearn.linear_model import LogisticRegression

    x, y, w = _cancer()
    lr = LogisticRegression(C=1.0, tol=1e-10, max_iter=10000).fit(x, y, sample_weight=w)
    coef, intercept = pairwise.fit_logit(x, y, w)
    assert np.abs(lr.coef_[0]).max() > 1.0 and (lr.coef_[0] < 0).sum() >= 10     # not a trivial fit
    np.testing.assert_allclose(coef, lr.coef_[0], atol=1e-4)
    assert intercept == pytest.approx(float(lr.intercept_[0]), abs=1e-4)
    # a looser C too (the penalty is scikit-learn's, not only at C = 1)
    lr = LogisticRegression(C=0.05, tol=1e-10, max_iter=10000).fit(x, y, sample_weight=w)
    np.testing.assert_allclose(pairwise.fit_logit(x, y, w, c=0.05)[0], lr.coef_[0], atol=1e-4)


def test_fit_with_an_offset_and_a_penalty_centre() -> None:
    # what benchmarks.tune_stories' other forms of the dated model use (--dated-form): an offset (another model's
    # log-odds, fixed) and a penalty pulling the weights toward another model's rather than toward 0
    x, y, w = _cancer()
    coef, intercept = pairwise.fit_logit(x, y, w)
    # a constant offset is taken up by the (unpenalised) intercept alone
    shifted, b = pairwise.fit_logit(x, y, w, offset=np.full(len(y), 2.5))
    np.testing.assert_allclose(shifted, coef, atol=1e-4)
    assert b == pytest.approx(intercept - 2.5, abs=1e-4)
    # fitted on a few rows with a heavy penalty, the weights stay near the centre given, not near 0
    centre = coef.copy()
    few, fy, fw = x[:40], y[:40], w[:40]
    near, _ = pairwise.fit_logit(few, fy, fw, c=0.01, prior=centre)
    zero, _ = pairwise.fit_logit(few, fy, fw, c=0.01)
    assert np.abs(near - centre).max() < 0.2 * np.abs(centre).max() and np.abs(zero).max() < 0.2 * np.abs(centre).max()


def test_sign_constrained_fit_holds_its_bounds_where_the_free_fit_breaks_them() -> None:
    from sklearn.linear_model import LogisticRegression

    x, y, w = _cancer()
    free = LogisticRegression(C=1.0, tol=1e-10, max_iter=10000).fit(x, y, sample_weight=w).coef_[0]
    # every weight held to the sign of its measurement's own correlation with the class (as a cosine is held >= 0):
    # the free fit, over correlated measurements, turns several against it (as the merge model weighed the nearest
    # member against the centroid); the held fit none, and it still fits nearly as well as the free one
    natural = np.sign([np.corrcoef(x[:, j], y)[0, 1] for j in range(x.shape[1])])
    coef, intercept = pairwise.fit_logit(x, y, w, natural)
    assert (free * natural < -0.1).sum() >= 3 and (coef * natural).min() >= 0.0

    def loss(c: np.ndarray, b: float) -> float:
        z = x @ c + b
        return float(w @ np.logaddexp(0.0, -np.where(y == 1, 1.0, -1.0) * z))

    base = np.log(w @ y / (w @ (1 - y)))
    assert loss(coef, intercept) < 0.15 * loss(np.zeros(x.shape[1]), base)
    # one weight held against the free fit's sign: it rests at 0, and the rest are the free fit without that column
    j = int(np.argmin(free))
    signs = np.zeros(x.shape[1])
    signs[j] = 1
    held, b = pairwise.fit_logit(x, y, w, signs)
    assert held[j] == 0.0
    rest = np.delete(np.arange(x.shape[1]), j)
    lr = LogisticRegression(C=1.0, tol=1e-10, max_iter=10000).fit(x[:, rest], y, sample_weight=w)
    np.testing.assert_allclose(held[rest], lr.coef_[0], atol=1e-4)
    assert b == pytest.approx(float(lr.intercept_[0]), abs=1e-4)
    # and a weight held <= 0 likewise
    signs[j], k = 0, int(np.argmax(free))
    signs[k] = -1
    assert pairwise.fit_logit(x, y, w, signs)[0][k] == 0.0


def test_shipped_join_weights_keep_their_signs() -> None:
    # a similarity never lowers the probability, a day apart never raises it (the merge model is free, and a merge
    # takes the join model's consent too: tune_stories.MERGE_HELD)
    join, _ = pairwise.shipped()
    for logit in (join.dated, join.undated):
        for f, weight in zip(logit.features, logit.coef):
            assert weight * pairwise.SIGN[f] >= 0.0, (f, weight)


def test_disagreeing_quantities_lower_only_the_undated_probability() -> None:
    # a disagreement (two sums, two death tolls) can only make "one story" less likely, and only the undated model
    # reads it: dated, the day already tells two events of one kind apart
    join, _ = pairwise.shipped()
    for signal in pairwise.DIFFER:
        assert signal in join.undated.features and signal not in join.dated.features
        assert join.undated.coef[join.undated.features.index(signal)] < 0, signal
    for signal in pairwise.DIFFER:
        x = np.zeros((2, len(pairwise.FEATURES)))
        x[:, :5] = [0.7, 0.7, 0.3, 0.2, 0.1]
        x[1, pairwise.FEATURES.index(signal)] = 1.0
        undated = join.probability(x, np.array([False, False]))
        dated = join.probability(x, np.array([True, True]))
        assert undated[1] < undated[0] and dated[1] == dated[0], signal


def test_quantities_tell_the_two_paris_heists_apart() -> None:
    # ECB+ topic 24: the 2008 Harry Winston robbery ($108 million) and the 2013 ram-raid (EUR 2 million). Each lead's
    # sums are read with their unit, and a story of the first event disagrees with the second's lead, not its own
    rows = {r["id"]: r for r in _rows(DATA / "stories-dev2" / "ecbplus.jsonl")}
    first, same, second = rows["ecbp-d4751cef1cdf"], rows["ecbp-4768cce511c8"], rows["ecbp-5b3071b22e26"]
    assert first["story"] == same["story"] != second["story"]
    lead = {k: signals.lead_text(r["title"], r["text"]) for k, r in (("a", first), ("b", same), ("c", second))}
    quantities = {k: signals.quantities_of(v) for k, v in lead.items()}
    assert "dollar=108million" in quantities["a"] and "euro=85million" in quantities["b"]
    assert "euro=2million" in quantities["c"]
    model = OnlineClusterer()
    sigs = read([(r["title"], r["text"]) for r in (first, same, second)])
    for r, sig in zip((first, same), sigs):
        tf = terms(r["title"], r["text"])
        model.observe(tf)
        model.add("harry-winston", tf, None, sig)
    col = pairwise.FEATURES.index("quantities_differ")
    tf = terms(second["title"], second["text"])
    sids, x, _ = model.candidate_features(tf, None, sigs[2])
    assert x[sids.index("harry-winston"), col] == 1.0        # no sum of one is a sum of the other
    # an article repeating the story's own sum does not disagree
    sids, x, _ = model.candidate_features(terms(first["title"], first["text"]), None, sigs[0])
    assert x[sids.index("harry-winston"), col] == 0.0


def test_years_of_reads_the_years_a_text_names() -> None:
    # ECB+ topic 30: the 2011 SEACOM outage's reports carry datelines in several forms; sums, long numbers and
    # decimals are not years
    rows = {r["id"]: r for r in _rows(DATA / "stories-dev2" / "ecbplus.jsonl")}
    for rid in ("ecbp-2410b82c79f5", "ecbp-2a1ae3168306", "ecbp-4ff6e30bb7cb"):
        assert "2011" in signals.years_of(rows[rid]["title"], rows[rid]["text"]), rid
    assert signals.years_of(None, "$2000 and 12,013 items, 2013.5 and 20134 or 1850, 2100") == frozenset()
    assert signals.years_of("Seasons 1999-2000", "the 2008 season; in 2009.") == {"1999", "2008", "2009"}


def test_years_tell_the_two_cable_outages_apart() -> None:
    # ECB+ topic 30: the 2008 Mediterranean cable cuts and the 2011 SEACOM outage. A story of the 2011 reports
    # disagrees entirely with a 2008 report, not with a 2011 one, and an article naming no year is no evidence
    rows = {r["id"]: r for r in _rows(DATA / "stories-dev2" / "ecbplus.jsonl")}
    story = [rows[i] for i in ("ecbp-b5bb4354afc3", "ecbp-f3a173ed05ab", "ecbp-5221ab80edfe")]
    other, same, undated = rows["ecbp-a022b80ea204"], rows["ecbp-2410b82c79f5"], rows["ecbp-940db73d5b68"]
    assert other["story"] != story[0]["story"] == same["story"] and undated["story"] == other["story"]
    sigs = read([(r["title"], r["text"]) for r in story + [other, same, undated]])
    assert sigs[3].years == {"2008"} and "2011" in sigs[4].years and not sigs[5].years
    model = OnlineClusterer()
    for r, sig in zip(story, sigs):
        tf = terms(r["title"], r["text"])
        model.observe(tf)
        model.add("seacom", tf, None, sig)
    col = pairwise.FEATURES.index("years_differ")
    got = {}
    for name, r, sig in (("other", other, sigs[3]), ("same", same, sigs[4]), ("undated", undated, sigs[5])):
        sids, x, _ = model.candidate_features(terms(r["title"], r["text"]), None, sig)
        got[name] = x[sids.index("seacom"), col]
    assert got == {"other": 1.0, "same": 0.0, "undated": 0.0}
    # and the undated join model reads the 2008 report as less likely the 2011 story than it would without its year
    sids, x, _ = model.candidate_features(terms(other["title"], other["text"]), None, sigs[3])
    row = x[sids.index("seacom"):sids.index("seacom") + 1]
    blind = row.copy()
    blind[0, col] = 0.0
    join = model.pair
    assert join.probability(row, np.array([False]))[0] < join.probability(blind, np.array([False]))[0]


def test_stories_sharing_nothing_are_not_merged() -> None:
    # two stories of one day with nothing in common (every cosine 0, no names, no numbers): the merge model must not
    # call them one story. When each dev set weighed the same, BASIL's six merge rows (none a merge) made half of the
    # dated fit and this pair scored 0.84, which grew catch-all stories on the headlines
    x = np.zeros((1, len(pairwise.FEATURES)))
    for model in pairwise.shipped():
        for dated in (True, False):
            assert model.probability(x, np.array([dated]))[0] < 0.1


def test_an_undated_article_is_scored_without_the_day_not_as_same_day() -> None:
    # headlines: Monday's stock-market reports make a story; one of Tuesday's reports is scored against it dated
    # Tuesday, dated Monday, and undated
    rows = _rows(DATA / "stories-dev" / "headlines.jsonl")
    mon, tue = "uci-dchKRTV8vDviyCMH_lfUDTuFThh_M", "uci-d-hjSD-DwX_qXnMBFcMkgFLw6bKqM"
    monday = [r for r in rows if r["story"] == mon][:10]
    tuesday = next(r for r in rows if r["story"] == tue)
    sigs = read([(r["title"], r["text"]) for r in monday + [tuesday]])
    model = OnlineClusterer()
    for r, sig in zip(monday, sigs):
        tf = terms(r["title"], r["text"])
        model.observe(tf)
        model.add("monday", tf, parse_date(r["published"]), sig)
    tf = terms(tuesday["title"], tuesday["text"])

    def score(when: str | None):  # type: ignore[no-untyped-def]
        return {sid: s for s, sid in model.rank(tf, parse_date(when), sigs[-1])}["monday"]

    on_tuesday, on_monday, undated = score(tuesday["published"]), score(monday[0]["published"]), score(None)
    assert on_tuesday.days == 1.0 and on_monday.days == 0.0 and undated.days is None
    assert on_tuesday.total < on_monday.total
    # undated: the model without the day, not the dated model at a gap of 0 days
    join = model.pair
    sids, x, dated = model.candidate_features(tf, None, sigs[-1])
    row = sids.index("monday")
    assert not dated[row] and undated.embedding == pytest.approx(x[row, 0])
    assert undated.total == pytest.approx(float(join.probability(x[row:row + 1], np.array([False]))[0]))
    assert undated.total != pytest.approx(on_monday.total, abs=1e-3)
    assert undated.signals()["days"] is None


def test_two_events_of_a_held_out_ecb_topic_stay_two_stories() -> None:
    # ECB+: fitted on a third of the dev topics held out (and basil), each held-out topic's articles clustered
    # alone: its two events of one kind (two earthquakes, two rehab check-ins) must not become one story
    data = {name: tune_stories.prepared(name) for name in ("ecb+", "basil")}
    held = tune_stories.folds(data["ecb+"])[0]
    train = {"ecb+": [i for i in data["ecb+"] if tune_stories.topic(i[0]) not in held], "basil": data["basil"]}
    models = tune_stories.fit_models(train, {k: tune_stories.teacher_rows(v) for k, v in train.items()})
    apart, f1s = 0, []
    for unit in sorted(held):
        items = [i for i in data["ecb+"] if tune_stories.topic(i[0]) == unit]
        pred = tune_stories.replay(items, models)
        gold = tune_stories.gold(items)
        f1s.append(bcubed(pred, gold)[2])
        majority = {}
        for event in set(gold.values()):
            stories = [pred[a] for a, g in gold.items() if g == event]
            majority[event] = max(set(stories), key=lambda s: (stories.count(s), s))
        apart += len(set(majority.values())) == 2
    assert len(held) == 5
    # measured: apart in 4 of the 5, mean B-cubed F1 0.80 (0.699, 0.965, 0.929, 0.742, 0.662). Before the years'
    # disagreement (the undated model's years_differ) all 5, 0.864: fitted with the others it takes over part of the
    # negatives and the intercept rises for pairs naming no year, and topic 42's 2009 Curve reports (12 of 13 name no
    # year) join the 2013 Q10's story here; over ECB+'s three folds clustered together (tune_stories) it raises the
    # CV 0.885 -> 0.899 (pairwise.py's notes give both sides). Without quantities_differ apart in 3, 0.854. The body's
    # years and dates as agreement (a shared year raising the probability) joined real pages sharing a year: dropped
    assert apart >= 4, f1s
    assert np.mean(f1s) >= 0.79, f1s


def test_the_same_articles_make_the_same_stories_twice(tmp_path: Path) -> None:
    # determinism through the pipeline: ECB+ articles (undated, full texts) and headlines, analysed into two stores
    from newsprism.pipeline import Pipeline, analyze
    from newsprism.store import open_store

    rows = _rows(DATA / "stories-dev2" / "ecbplus.jsonl")[:40] + _rows(DATA / "stories-dev" / "headlines.jsonl")[:80]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    runs = []
    for k in range(2):
        store = open_store(str(tmp_path / f"s{k}.db"))
        report = analyze([str(path)], store, pipeline=Pipeline(["ingest", "extract", "dedup", "cluster"],
                                                                config={"extract": {"workers": 0}})).report
        store.close()
        runs.append({a["id"]: a["story"] for a in report["articles"]})
    assert runs[0] == runs[1] and len(runs[0]) == len(rows)
    assert 1 < len(set(runs[0].values())) < len(rows)


def test_ties_shuffled_reorders_only_articles_of_one_publication_time() -> None:
    # the other arrival orders tune_stories scores the dev sets in: a headlines story's articles share one time stamp
    rows = _rows(DATA / "stories-dev" / "headlines.jsonl")[:300]
    items = [(r, None, None, None) for r in rows]
    orders = [[i[0]["id"] for i in tune_stories.ties_shuffled(items, seed)] for seed in (1, 2)]
    for order in orders:
        assert sorted(order) == sorted(r["id"] for r in rows)
        published = [next(r for r in rows if r["id"] == a)["published"] for a in order]
        assert published == sorted(published)
    assert orders[0] != orders[1] != [r["id"] for r in rows]


def test_bcubed_of_held_out_articles_counts_the_others_in_their_stories() -> None:
    rows = _rows(DATA / "stories-dev" / "basil.jsonl")
    truth = {r["id"]: r["story"] for r in rows}
    ids = sorted(truth)
    # everything in one story: scored on all articles it is the usual B-cubed
    lumped = {a: "one" for a in ids}
    assert tune_stories.bcubed_of(lumped, truth, set(ids)) == pytest.approx(bcubed(lumped, truth))
    # scored on one story's articles, the other articles they were lumped with still cost them precision
    story = truth[ids[0]]
    mine = {a for a in ids if truth[a] == story}
    p, r, _ = tune_stories.bcubed_of(lumped, truth, mine)
    assert r == 1.0 and p == pytest.approx(len(mine) / len(ids))


# the real feed: extraction-dev's pages of 2019-11-18/19 (benchmarks/gold/stories-feed)
RUMOUR, IGN_DEALS, MAC_DEALS = "232a43fb15ab", "287e4d9f4af3", "ad826691a8a2"
DUVET = ("7bb1ca903543", "a078b3656adc")
ASSANGE = ("c7e39ac49fa1", "dc7ccccc1f34")


def _feed(*prefixes: str) -> list[tune_stories.Item]:
    rows = [r for r in tune_stories.feed_rows() if r["id"][:12] in prefixes]
    assert len(rows) == len(prefixes)
    sigs = read([(r["title"], r["text"]) for r in rows])
    return [(r, terms(r["title"], r["text"]), parse_date(r["published"]), s) for r, s in zip(rows, sigs)]


def test_full_texts_of_one_day_are_scored_by_the_full_text_regression() -> None:
    # IGN's Black Friday deals page against a story of 9to5Mac's MacBook deals, both of 2019-11-18: the dated
    # regression (fitted on headlines, where one day and these cosines make one story) gave 0.92; between full texts
    # the join model reads the full-text regression, which does not read the day
    items = _feed(MAC_DEALS, IGN_DEALS)
    assert all(sig.full for *_, sig in items) and items[0][2] == items[1][2]
    model = OnlineClusterer()
    (row, tf, when, sig), (_, tf2, when2, sig2) = items
    model.observe(tf)
    model.add("deals", tf, when, sig)
    model.observe(tf2)
    sids, x, dated = model.candidate_features(tf2, when2, sig2)
    assert sids == ["deals"] and dated[0] and x[0, pairwise.FULL_COLUMN] == 1.0
    join = model.pair
    assert join.full is not None and join.full.features == pairwise.FULL
    headline = x.copy()
    headline[0, pairwise.FULL_COLUMN] = 0.0
    assert join.probability(headline, dated)[0] > 0.5       # what the dated regression says
    assert join.probability(x, dated)[0] < 0.5
    assert join.probability(x, dated)[0] == pytest.approx(join.probability(x, np.array([False]))[0])
    assert model.best(tf2, when2, sig2) is None


def test_a_headline_is_not_a_full_text() -> None:
    # a headline alone (its text the title again) is read by the dated regression, as before
    headline = _rows(DATA / "stories-dev" / "headlines.jsonl")[0]
    report = _rows(DATA / "stories-dev" / "basil.jsonl")[0]
    assert not signals.full_text(headline["title"], headline["text"])
    assert signals.full_text(report["title"], report["text"]) and signals.full_text(None, report["text"])
    sigs = read([(headline["title"], headline["text"]), (report["title"], report["text"])])
    assert [s.full for s in sigs] == [False, True]
    model = OnlineClusterer()
    tf = terms(report["title"], report["text"])
    model.observe(tf)
    model.add("report", tf, None, sigs[1])
    for r, sig, full in ((headline, sigs[0], 0.0), (report, sigs[1], 1.0)):
        _, x, _ = model.candidate_features(terms(r["title"], r["text"]), None, sig)
        assert x[0, pairwise.FULL_COLUMN] == full


def test_real_pages_of_one_day_keep_their_stories_apart() -> None:
    # extraction-dev's pages of 2019-11-18/19 in the stage's order: the MacBook rumour, two deals pages, and two true
    # pairs (the "feather duvet lung" case report, Sweden dropping the Assange investigation). Before the full-text
    # regression the rumour and both deals pages were one story
    items = _feed(RUMOUR, IGN_DEALS, MAC_DEALS, *DUVET, *ASSANGE)
    story = {a[:12]: s for a, s in tune_stories.replay(items).items()}
    assert len({story[RUMOUR], story[IGN_DEALS], story[MAC_DEALS]}) == 3
    assert story[DUVET[0]] == story[DUVET[1]] and story[ASSANGE[0]] == story[ASSANGE[1]]
    assert len(set(story.values())) == 5


def test_the_feed_gold_names_each_page_and_counts_wrong_joins() -> None:
    gold = tune_stories.feed_gold()
    pages = sorted(p.name.split(".")[0] for p in (DATA / "extraction-dev").glob("*.html.gz"))
    assert sorted(gold["stories"]) == pages and len(pages) == 61
    assert {p for t in gold["same_topic"] for p in t["pages"]} <= set(pages)
    items = [({"id": p, "story": s}, None, None, None) for p, s in gold["stories"].items()]
    alone = {p: p for p in gold["stories"]}
    assert tune_stories.wrong_pairs(alone, items) == (0, 0)
    ids = {p[:12]: p for p in gold["stories"]}
    lumped = dict(alone)
    lumped[ids[IGN_DEALS]] = lumped[ids["65bf3048b500"]] = ids[RUMOUR]     # a deals page and a review, with a rumour
    assert tune_stories.wrong_pairs(lumped, items) == (3, 1)               # rumour + review: one topic
    lumped[ids[DUVET[1]]] = ids[DUVET[0]]
    assert tune_stories.wrong_pairs(lumped, items) == (3, 1)
