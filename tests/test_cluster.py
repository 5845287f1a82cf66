"""Story clustering on real dev data: signals combined, why each article joined, merges, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import DATA
import numpy as np

from newsprism.cluster.online import NEAREST_K, OnlineClusterer, StoryState, _cosine, parse_date, terms
from newsprism.cluster.signals import lead_text, read
from newsprism.pipeline import Pipeline, analyze
from newsprism.store import open_store
from newsprism.types import Story, StoryMember

PIPE = ["ingest", "extract", "dedup", "cluster"]


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / "stories-dev" / f"{name}.jsonl").read_text().splitlines()]


def _write(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def _analyze(tmp_path: Path, rows: list[dict]) -> tuple[dict, dict]:
    store = open_store(str(tmp_path / "s.db"))
    result = analyze([str(_write(tmp_path, rows))], store,
                     pipeline=Pipeline(PIPE, config={"extract": {"workers": 0}}))
    stories = {s.id: s for s in store.iter_stories()}
    store.close()
    return result.report, stories


def test_lead_text_skips_a_body_that_repeats_the_title() -> None:
    assert lead_text("Wall Street closes lower", "Wall Street closes lower") == "Wall Street closes lower"
    assert lead_text(None, "One line.") == "One line."
    assert len(lead_text("T", "x" * 5000)) < 500


def test_headlines_of_different_stories_stay_apart(tmp_path: Path) -> None:
    # a media-merger story and a stock-market story from the headlines set (30 headlines each)
    rows = _rows("headlines")
    merger, market = "uci-dwKImS3hJEOWOxMdJ_GX7yxvWuzmM", "uci-d-hjSD-DwX_qXnMBFcMkgFLw6bKqM"
    picked = [r for r in rows if r["story"] == merger][:30] + [r for r in rows if r["story"] == market][:30]
    picked.sort(key=lambda r: r["published"])
    report, _ = _analyze(tmp_path, picked)
    pred = {a["id"]: a["story"] for a in report["articles"]}
    merger_stories = {pred[r["id"]] for r in picked if r["story"] == merger}
    market_stories = {pred[r["id"]] for r in picked if r["story"] == market}
    assert not merger_stories & market_stories
    # and each story mostly sits in one predicted story
    for story in (merger, market):
        members = [pred[r["id"]] for r in picked if r["story"] == story]
        assert max(members.count(s) for s in set(members)) / len(members) >= 0.6


def test_membership_records_score_parts_and_shared_entities(tmp_path: Path) -> None:
    rows = _rows("basil")[:9]          # three events, three outlets each
    report, stories = _analyze(tmp_path, rows)
    pred = {a["id"]: a["story"] for a in report["articles"]}
    for event in {r["story"] for r in rows}:
        assert len({pred[r["id"]] for r in rows if r["story"] == event}) == 1
    assert len(set(pred.values())) == 3
    joined = [m for s in stories.values() for m in s.members if m.shared_terms != ["opened the story"]]
    assert len(joined) == 6
    for m in joined:
        assert set(m.signals) == {"terms", "embedding", "nearest", "entities", "numbers", "days"} and m.score >= 0.5
        assert m.shared_terms
    assert any(m.shared_entities for m in joined)
    shown = {m["article"]: m for s in report["stories"] for m in s["membership"]}
    assert all("shared_entities" in m and "signals" in m for m in shown.values())


def test_bridging_article_merges_stories() -> None:
    # two headlines of one gold story, each opening its own story, read as one centroid to centroid
    model = OnlineClusterer(join=0.99, merge=0.5)
    rows = [r for r in _rows("headlines") if r["story"] == "uci-dQ2X13huYM6KeAMCNxi9eKV6e1h0M"][:2]
    sigs = read([(r["title"], r["text"]) for r in rows])
    for r, s in zip(rows, sigs):
        tf = terms(r["title"], r["text"])
        model.observe(tf)
        model.add(r["id"], tf, parse_date(r["published"]), s)
    # with join at 0.99 each opened its own story; centroid to centroid they are one story
    assert model.mergeable(rows[1]["id"]) == [rows[0]["id"]]
    model.absorb(rows[0]["id"], rows[1]["id"])
    assert list(model.stories) == [rows[1]["id"]] and model.stories[rows[1]["id"]].size == 2


def test_member_record_round_trips_with_old_rows(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    store.put_story(Story(id="s1", title="t"))
    store.add_member("s1", StoryMember(article="a", score=0.5, shared_terms=["ecb"], joined_at=1,
                                       shared_entities=["mario draghi"], signals={"terms": 0.2, "embedding": 0.6}))
    store.add_member("s1", StoryMember(article="b", score=0.4, shared_terms=["rates"], joined_at=2))
    a, b = store.get_story("s1").members
    assert (a.shared_entities, a.signals) == (["mario draghi"], {"terms": 0.2, "embedding": 0.6})
    assert (b.shared_terms, b.shared_entities, b.signals) == (["rates"], [], {})
    store.close()


def test_awkward_articles_cluster_without_crashing(tmp_path: Path) -> None:
    base = _rows("basil")[0]
    rows = [
        {"id": "empty-title", "title": "", "text": "Short."},
        {"id": "one-line", "text": "Officials said the bridge will reopen next week."},
        {"id": "german", "title": "Regierung beschließt Haushalt",
         "text": "Die Bundesregierung hat am Mittwoch den Haushalt für das kommende Jahr beschlossen."},
        {"id": "undated-1", "title": base["title"], "text": base["text"]},
        {"id": "undated-2", "title": base["title"] + " (update)", "text": base["text"][: len(base["text"]) // 2]},
    ] + [{"id": f"copy-{i}", "title": "Same", "text": "The same wire story, again and again."} for i in range(200)]
    report, stories = _analyze(tmp_path, rows)
    by_id = {a["id"]: a for a in report["articles"]}
    assert all(by_id[r["id"]]["story"] for r in rows if r["id"] in by_id)
    copies = {by_id[f"copy-{i}"]["story"] for i in range(200)}
    assert len(copies) == 1
    assert by_id["german"]["story"] != by_id["undated-1"]["story"]


def test_rebuild_reuses_stored_signals(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # the second run rebuilds its stories from the store from each article's stored embedding, not re-embedding it
    from newsprism.cluster import signals

    rows = _rows("headlines")
    story = "uci-dwKImS3hJEOWOxMdJ_GX7yxvWuzmM"
    picked = sorted([r for r in rows if r["story"] == story][:8], key=lambda r: r["published"])
    first, _ = _analyze(tmp_path, picked[:6])
    store = open_store(str(tmp_path / "s.db"))
    from newsprism.compare import models

    from newsprism.cluster.stage import ClusterStage

    kind = ClusterStage.__new__(ClusterStage)
    kind._kinds = None
    kind = kind.kinds[0]
    assert kind == {"onnx": "cluster-embed-minilm-ort", "torch": "cluster-embed-minilm", "hashed": "cluster-embed-hashed"}[
        models.encoder_name(models.embedder(signals.ENCODER))] + f"-lead{signals.LEAD_CHARS}"
    assert len(list(store.iter_fingerprints(kind))) == 6
    store.close()
    read_calls: list[int] = []
    real = signals.read
    monkeypatch.setattr(signals, "read", lambda pairs: read_calls.append(len(pairs)) or real(pairs))
    second, _ = _analyze(tmp_path, picked)
    assert read_calls and all(n <= 2 for n in read_calls)          # only the two new articles were read
    pred = {a["id"]: a["story"] for a in second["articles"]}
    assert {pred[r["id"]] for r in picked[:6]} == {a["story"] for a in first["articles"]}


def test_stories_of_one_thread_are_linked_into_a_storyline_not_merged(tmp_path: Path) -> None:
    # basil: separate events told by three outlets each; two of them are Rick Perry's 2012 campaign
    report, stories = _analyze(tmp_path, _rows("basil"))
    assert len(report["storylines"]) >= 1
    by_id = {s["id"]: s for s in report["stories"]}
    gold = {r["id"]: r["story"] for r in _rows("basil")}
    # one event of basil is told over four days (HuffPost and Fox on 22-23 January 2014, the New York Times on the
    # 25th): the learned day splits it into two stories, which the storyline links (never merges)
    told_over_days = {"basil-ccf19ab6-7878-4378-b99c-2b08cc21371f"}
    for line in report["storylines"]:
        assert len(line["stories"]) >= 2
        events = [{gold[a] for a in by_id[sid]["articles"]} for sid in line["stories"]]
        assert all(len(e) == 1 for e in events)        # no story of a storyline mixes two events
        repeated = [e for e in set().union(*events) if sum(e in ev for ev in events) > 1]
        assert set(repeated) <= told_over_days     # distinct events, but for the one told over days
        for sid in line["stories"]:
            assert by_id[sid]["storyline"] == line["id"]
        for link in line["links"]:
            assert link["score"] >= 0.3 and len(link["why"]["shared_entities"]) >= 2
    perry = [l for l in report["storylines"] if any("rick perry" in k["why"]["shared_entities"] for k in l["links"])]
    assert perry, [l["links"] for l in report["storylines"]]
    assert sum(1 for s in report["stories"] if s["storyline"] is None) > len(report["stories"]) // 2


def _spread_over_months(rows: list[dict]) -> list[dict]:
    """The headlines' stories moved apart in time: story k is published k * 9 days later (order kept)."""
    from datetime import timedelta

    stories = list(dict.fromkeys(r["story"] for r in rows))
    out = []
    for r in rows:
        when = parse_date(r["published"]) + timedelta(days=9 * stories.index(r["story"]))
        out.append({**r, "published": when.date().isoformat()})
    return sorted(out, key=lambda r: (r["published"], r["id"]))


def test_evicting_stories_beyond_the_horizon_changes_no_assignment() -> None:
    from newsprism.cluster.online import HORIZON_DAYS

    rows = _spread_over_months(_rows("headlines")[:900])
    sigs = read([(r["title"], r["text"]) for r in rows])
    runs = []
    for evict in (False, True):
        model, chosen, most = OnlineClusterer(), [], 0
        for r, sig in zip(rows, sigs):
            tf, when = terms(r["title"], r["text"]), parse_date(r["published"])
            model.observe(tf)
            if evict:
                model.evict()
            best = model.best(tf, when, sig)
            sid = best[1] if best else r["id"]
            model.add(sid, tf, when, sig)
            for other in model.mergeable(sid):
                model.absorb(other, sid)
            chosen.append((sid, round(best[0].total, 6) if best else None))
            most = max(most, len(model.stories))
        runs.append((chosen, most, model))
    assert runs[0][0] == runs[1][0]                      # the same stories, the same scores
    kept = runs[1][2]
    assert len(kept.stories) < len(runs[0][2].stories) and runs[1][1] < runs[0][1]
    assert all(s.newest is None or (kept.latest - s.newest).days <= HORIZON_DAYS for s in kept.stories.values())


def test_a_run_loads_only_the_stories_of_its_window(tmp_path: Path) -> None:
    from newsprism.cluster.stage import ClusterStage
    from newsprism.stage import RunContext

    rows = _spread_over_months(_rows("headlines")[:600])
    report, stories = _analyze(tmp_path, rows)
    store = open_store(str(tmp_path / "s.db"))
    try:
        stage = ClusterStage(RunContext(store=store, run_id=0))
        newest = max(parse_date(r["published"]) for r in rows)
        loaded = set(stage.model.stories)
        assert loaded and len(loaded) < len(stories)
        for sid in loaded:
            assert (newest - stage.model.stories[sid].newest).days <= 31
        assert stage.model.n_docs == len(rows) and stage.model.df    # the corpus statistics come from the store
        stage._load_since(parse_date(rows[0]["published"]))           # an old article: its window is loaded
        assert set(stage.model.stories) > loaded
    finally:
        store.close()


def test_market_reports_of_two_days_are_told_apart_by_the_day() -> None:
    # headlines: the stock market of 10 March and of 11 March (two gold stories), told in the same words
    # ("Wall Street edges lower after record" / "Wall Street closes lower"); only the day tells them apart
    rows = _rows("headlines")
    mon, tue = "uci-dchKRTV8vDviyCMH_lfUDTuFThh_M", "uci-d-hjSD-DwX_qXnMBFcMkgFLw6bKqM"
    picked = sorted([r for r in rows if r["story"] == mon][:30] + [r for r in rows if r["story"] == tue][:30],
                    key=lambda r: r["published"])
    sigs = read([(r["title"], r["text"]) for r in picked])

    def tuesday_in_monday(pred: dict[str, str]) -> float:
        monday = {pred[r["id"]] for r in picked if r["story"] == mon}
        return sum(pred[r["id"]] in monday for r in picked if r["story"] == tue) / 30

    from benchmarks.tune_stories import replay      # the online assignment (join or open, then merge)
    from newsprism.cluster import pairwise

    items = [(r, terms(r["title"], r["text"]), parse_date(r["published"]), sig) for r, sig in zip(picked, sigs)]
    # the same articles read by the models that do not know the day
    join, merge = pairwise.shipped()
    blind = (pairwise.PairModel(join.undated, join.undated, {}), pairwise.PairModel(merge.undated, merge.undated, {}))
    # measured: 12 of 30 with the day, 15 without (the hand-set day penalty before the learned model: at most 4)
    assert tuesday_in_monday(replay(items)) < tuesday_in_monday(replay(items, blind))
    assert tuesday_in_monday(replay(items)) <= 0.5


def test_nearest_members_score_is_the_mean_of_the_closest_members() -> None:
    # headlines: the Apple TV update story; the score reads each story's members nearest to the article
    rows = [r for r in _rows("headlines") if r["story"] == "uci-duyKLygj6joC2EMjuUKz3bIErTg1M"][:16]
    sigs = read([(r["title"], r["text"]) for r in rows])
    model = OnlineClusterer()
    for sid, part in (("a", range(0, 10)), ("b", range(10, 15))):
        for i in part:
            tf = terms(rows[i]["title"], rows[i]["text"])
            model.observe(tf)
            model.add(sid, tf, parse_date(rows[i]["published"]), sigs[i])
    last = rows[15]
    tf, when = terms(last["title"], last["text"]), parse_date(last["published"])

    def expected(members: range) -> float:
        cos = np.sort([float(sigs[i].vector @ sigs[15].vector) for i in members])
        return float(cos[-NEAREST_K:].mean())

    scores = {sid: score for score, sid in model.rank(tf, when, sigs[15])}
    assert abs(scores["a"].nearest - expected(range(0, 10))) < 1e-5
    assert abs(scores["b"].nearest - expected(range(10, 15))) < 1e-5
    assert scores["a"].signals()["nearest"] == round(scores["a"].nearest, 4)
    model.absorb("b", "a")                     # a merged story reads the members of both
    (merged, sid), = model.rank(tf, when, sigs[15])
    assert sid == "a" and abs(merged.nearest - expected(range(0, 15))) < 1e-5
    # a story built elsewhere without its members' embeddings falls back to its centroid
    model.put(StoryState("c", tf=terms(rows[0]["title"], rows[0]["text"]), size=1, vector=sigs[0].vector.copy()))
    scores = {sid: score for score, sid in model.rank(tf, when, sigs[15])}
    assert scores["c"].nearest == scores["c"].embedding


def test_stop_words_are_scikit_learns_and_clustering_does_not_import_it() -> None:
    import subprocess
    import sys

    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as sklearn_words

    from newsprism.cluster.online import ENGLISH_STOP_WORDS

    assert ENGLISH_STOP_WORDS == sklearn_words
    probe = "import sys, newsprism.cluster.stage; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False"


def test_batched_term_and_nearest_scores_match_one_story_at_a_time() -> None:
    # the ranking scores the shortlisted stories' terms and members in one pass; the same numbers as story by story,
    # also after a merge and after the dead rows are compacted away
    rows = _rows("headlines")[:120]
    sigs = read([(r["title"], r["text"]) for r in rows])
    model = OnlineClusterer()
    for i, (r, sig) in enumerate(zip(rows, sigs)):
        tf = terms(r["title"], r["text"])
        model.observe(tf)
        model.add(f"s{i % 9}" if i < 100 else f"t{i}", tf, parse_date(r["published"]), sig)
    probe = terms(rows[5]["title"], rows[5]["text"])

    def check() -> None:
        query = model._article_query(probe)
        stories = list(model.stories.values())
        batched = model._term_sims(query, stories)
        article = model.article_vector(probe)
        for story, got in zip(stories, batched):     # the cosine of the two TF-IDF vectors as dicts of terms
            centroid = model.story_vector(story)
            want, shared = _cosine(article, centroid)
            assert abs(got - want) < 1e-9
            assert model._term_sims(query, [story]) == [got]
            # the same top terms by weight, heaviest first (terms of equal weight may come in another order)
            assert [round(article[t] * centroid[t], 9) for t in model._shared_terms(query, story)] == \
                [round(article[t] * centroid[t], 9) for t in shared]
        rows_ = [model._row[s.id] for s in stories]
        nearest = model._nearest(sigs[5].vector, rows_, [0.0] * len(rows_))
        for story, got in zip(stories, nearest):
            own = model._mown[:model._mn] == model._row[story.id]
            cos = np.sort(model._mvec[:model._mn][own] @ sigs[5].vector)[::-1][:model.nearest_k]
            assert abs(got - float(cos.mean())) < 1e-5

    check()
    model.absorb("s3", "s4")
    check()
    for sid in [s for s in model.stories if s.startswith("t")]:
        model.absorb(sid, "s0")
    model._compact()
    assert len(model._sids) == 8
    check()


def test_a_story_just_opened_is_not_merged_at_once(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # the stage merges a story's neighbours when an article joins it, not when an article opens it (the join model
    # read that article as no other story's): on real headlines, each opened story is still whole after its article
    from newsprism.cluster.stage import OPENED, ClusterStage

    checked: list[str] = []
    real = ClusterStage.process

    def process(self, article):  # type: ignore[no-untyped-def]
        before = set(self.model.stories)
        out = real(self, article)
        story = self.ctx.store.get_story(out.story)
        if story.members[-1].article == article.id and story.members[-1].shared_terms == [OPENED]:
            checked.append(out.story)
            assert set(self.model.stories) == before | {out.story} and story.merged_from == []
        return out

    monkeypatch.setattr(ClusterStage, "process", process)
    rows = sorted(_rows("headlines")[:500], key=lambda r: r["published"])
    report, _ = _analyze(tmp_path, rows)
    assert len(checked) >= 20 and len(report["articles"]) == 500


def test_stored_document_frequencies_count_every_clustered_article(tmp_path: Path) -> None:
    # the stage writes a batch's document frequencies at once; after two runs they are the counts of the terms of
    # every clustered article, and '' the number of articles
    from collections import Counter

    rows = sorted(_rows("headlines")[:400], key=lambda r: r["published"])
    _analyze(tmp_path, rows[:250])
    _analyze(tmp_path, rows)          # the first 250 are reused, 150 are new
    store = open_store(str(tmp_path / "s.db"))
    stored = dict(store.document_frequencies())
    store.close()
    want: Counter[str] = Counter()
    for r in rows:
        want.update(terms(r["title"], r["text"]).keys())
    assert stored.pop("") == 400
    assert stored == dict(want)


def test_an_article_given_again_in_another_file_keeps_one_story(tmp_path: Path) -> None:
    # the same rows in a grown file keep their stories; a row whose text changed leaves its story and joins one
    rows = sorted(_rows("headlines")[:120], key=lambda r: r["published"])
    _, first = _analyze(tmp_path, rows[:80])
    before = {a: s.id for s in first.values() for a in s.articles}
    joined = {a for s in first.values() for a in s.articles[1:]}        # articles that joined a story (not opened it)
    k = next(i for i, r in enumerate(rows[:80]) if r["id"] in joined)
    changed = dict(rows[k], text="Volcano erupts in Iceland, flights grounded across northern Europe",
                   title="Volcano erupts in Iceland")
    report, stories = _analyze(tmp_path, rows[:k] + [changed] + rows[k + 1:])
    assert report["articles"][k]["story"] != before[changed["id"]]     # it left the story it had joined
    members = [a for s in stories.values() for a in s.articles]
    assert sorted(members) == sorted(r["id"] for r in rows)          # each article in exactly one story
    pred = {a["id"]: a["story"] for a in report["articles"]}
    assert all(pred[r["id"]] == before[r["id"]] or before[r["id"]] not in stories     # kept (or merged away)
               for r in rows[:80] if r["id"] != changed["id"])
    store = open_store(str(tmp_path / "s.db"))
    try:
        assert all(store.get_article(a).story == s.id for s in stories.values() for a in s.articles)
    finally:
        store.close()


def test_titles_kept_by_the_stage_are_those_the_store_gives(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # the stage retitles a story from the member ids and titles it keeps for the run, not by reading the story and
    # its articles again: on real headlines, with merges, each story's title (and the members the stage knows) are
    # what reading the store gives (``retitle`` from the store changes no title)
    from newsprism.cluster.stage import ClusterStage, retitle

    checked: list[str] = []
    real = ClusterStage.process

    def process(self, article):  # type: ignore[no-untyped-def]
        out = real(self, article)
        store = self.ctx.store
        story = store.get_story(out.story)
        head = self._story_heads.get(out.story)
        if head is not None:
            assert head == (story.title, set(story.articles))
        retitle(store, out.story)
        assert store.get_story(out.story).title == story.title
        checked.append(out.story)
        return out

    monkeypatch.setattr(ClusterStage, "process", process)
    rows = sorted(_rows("headlines")[:500], key=lambda r: r["published"])
    report, stories = _analyze(tmp_path, rows)
    assert len(checked) == 500 and any(s.merged_from for s in stories.values())
    titled = {r["id"]: (r["published"], r["title"]) for r in rows}
    for story in stories.values():      # the title of the earliest titled member (all are canonical here)
        assert story.title == min((titled[a][0], a, titled[a][1]) for a in story.articles)[2]


# pages from ../shared/data/extraction-dev, each given twice (its HTML and its text dump: copies of one article),
# published within three days: a MacBook rumour, a MacBook deals page, a Taylor Swift label dispute, Europa's
# plumes, a plague case in China, a threat against a congresswoman, a power shutoff, a UK party's Twitter stunt,
# a UN row over settlements. Nine events, two of one topic and several of one day: none may join another. Before
# a merge took the join model's consent too, the MacBook, Swift and Europa pages were one story, the plague and
# the threat another, the power shutoff, the stunt and the UN row a third (issue 20). Not here, because it still
# fails: that day's 16-inch MacBook Pro review (65bf3048…) and Gizmodo's essay on its teardown end in the 13-inch
# rumour's story, one topic, two events (the real feed's gold, benchmarks/gold/stories-feed, names them one topic;
# IGN's deals page no longer joins them: tests/test_cluster_pairwise.py).
_DISTINCT_PAGES = ("232a43fb15abde807427b2a7bf4f772e27b8760554370956d8291df4e8166dbf",
                   "ad826691a8a2f9c4ce50cf0b885af933c4b5119c1f6235cd7df1dfb83f255bcc",
                   "eb62ac8425e5573947ecde962d14433d18e5725cc4a8c908fe22f678e96a65a1",
                   "686bb170effe273eaff1c0f88e412172e8d972518a6d1454c896f52aafaa9643",
                   "ba4dfe2d3e817ff7b8b01172ccc307850fc5469bcdd26c3c48ca046cb88ab7cf",
                   "7a457a4f71735c17b8b34fafc88835d225cf879b2d812311857a64cfc891eee9",
                   "833caf3bdba53dcf48de273cf646370eebe9ac565744b0d0e941e298e1b79730",
                   "d0382c0d9573a0a7beb1e649012d04ec7275ac23513ca6ca59e51477b028283c",
                   "e7994d5500875202d93e736e8f0c8a0436107d10add94ce3789001b8c5c32358")


def test_different_events_of_one_topic_and_day_stay_apart(tmp_path: Path) -> None:
    pages = DATA / "extraction-dev"
    paths = [str(pages / f"{h}{ext}") for h in _DISTINCT_PAGES for ext in (".html.gz", ".txt")]
    store = open_store(str(tmp_path / "s.db"))
    analyze(paths, store, pipeline=Pipeline(PIPE, config={"extract": {"workers": 0}}))
    page_of = {a.id: Path(a.source).name.split(".")[0] for a in store.iter_articles()}
    groups = [sorted({page_of[m] for m in s.articles}) for s in store.iter_stories()]
    store.close()
    assert len(page_of) == 2 * len(_DISTINCT_PAGES)
    assert [g for g in groups if len(g) > 1] == []
    # each page's two copies are one story: apart, but not shattered
    assert len(groups) == len(_DISTINCT_PAGES)


def test_signals_rebuilt_from_the_store_carry_the_quantities_and_years_read_afresh(tmp_path: Path) -> None:
    # the undated model reads how far numbers of one unit disagree: a run that rebuilds its stories from the store
    # must read the same quantities as the run that first read the articles (ECB+ topic 24, two Paris heists)
    from newsprism.cluster.stage import ClusterStage
    from newsprism.stage import RunContext

    rows = [json.loads(line) for line in (DATA / "stories-dev2" / "ecbplus.jsonl").read_text().splitlines()]
    picked = [r for r in rows if r["story"].startswith("ecbp-24-")][:8]
    _analyze(tmp_path, picked)
    store = open_store(str(tmp_path / "s.db"))
    articles = list(store.iter_articles())
    held, missing = ClusterStage(RunContext(store=store, run_id=0))._held(articles)
    store.close()
    assert len(articles) == len(picked) and not missing
    fresh = read([(a.title, a.text) for a in articles])
    assert [held[a.id].quantities for a in articles] == [f.quantities for f in fresh]
    assert any("million" in q for f in fresh for q in f.quantities)
    # and the years their whole texts name (the undated model's years_differ)
    assert [held[a.id].years for a in articles] == [f.years for f in fresh]
    assert any(f.years for f in fresh)
    # and whether each is a full text (the join model's full-text regression reads full texts against full texts):
    # some of ECB+'s reports are their title alone
    assert [held[a.id].full for a in articles] == [f.full for f in fresh]
    assert {f.full for f in fresh} == {True, False}


def test_a_lone_article_gets_a_second_look_at_the_end_of_the_run(tmp_path: Path) -> None:
    # headlines: the Apple TV update story (31 headlines of one time stamp). "You Can Now AirPlay to the Apple TV in
    # Environments Where Bo…" comes before the story has taken shape and opens a story of its own; at the end of the
    # run the join model reads it as the story's (measured: alone without the second look, with the 27 others after)
    from newsprism.cluster.stage import story_id

    rows = [r for r in _rows("headlines") if r["story"] == "uci-duyKLygj6joC2EMjuUKz3bIErTg1M"]
    report, stories = _analyze(tmp_path, rows)
    story = {a["id"]: a["story"] for a in report["articles"]}
    lone = story_id("uci-1827")
    assert lone not in stories                       # merged away, and recorded as merged
    home = story["uci-1827"]
    assert lone in stories[home].merged_from and "uci-1827" in stories[home].articles
    assert sum(s == home for s in story.values()) >= 20
