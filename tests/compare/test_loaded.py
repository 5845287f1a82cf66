"""Loaded terms: the word itself (offsets into the text or the headline), the outlet's own voice apart
from the words it quotes; on the seeds and on BASIL's annotated dev articles."""

from __future__ import annotations

import json
import re

import pytest

from conftest import DATA, SEEDS

LOADED_DEV = DATA / "loaded-dev" / "basil-loaded.jsonl"
BASIL = DATA / "stories-dev" / "basil.jsonl"


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(prefix + "*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def dev_rows() -> list[dict]:
    return [json.loads(line) for line in LOADED_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def _over(term, start: int, end: int) -> bool:
    return term.start < end and start < term.end


def test_words_quoted_in_a_seed_are_not_its_own() -> None:
    """Seed 002: "narco-terrorism" is Trump's word, "extrajudicial executions" the rights groups' label."""
    from newsprism.compare.loaded import detect

    text = _seed("002_")
    # every candidate, reported or not, with its voice (no gate: "terrorism" is a noun only VADER scores)
    candidates = detect(text, keep_all=True, gates=())
    at = text.index("narco-terrorism")
    narco = [t for t in candidates if _over(t, at, at + len("narco-terrorism"))]
    assert narco, "the quoted label is a candidate"
    assert all(t.voice == "quoted" and t.speaker == "Trump" and t.how == "quotation marks" for t in narco)
    at = text.index("extrajudicial executions")
    rights = [t for t in detect(text) if _over(t, at, at + len("extrajudicial executions"))]
    assert rights and all(t.voice == "quoted" and t.how == "quoted label" for t in rights)
    assert "rights" in (rights[0].speaker or "").lower()
    assert all(t.voice == "quoted" for t in detect(text) if t.detector == "scare_quotes")


def test_plain_words_are_not_flagged() -> None:
    """"mutually" and "repeatedly" (seeds 002, 003) and "mass" ("mass power shutoff", dupes-dev) are plain words."""
    from newsprism.compare.loaded import detect

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [r["text"] for r in map(json.loads, (DATA / "dupes-dev" / "dupes.jsonl").read_text().splitlines())
              if re.search(r"\bmass\b", r["text"] or "")]
    seen = set()
    for text in texts:
        seen |= {w for w in ("mutually", "mass", "repeatedly") if re.search(rf"\b{w}\b", text)}
        flagged = {w.lower() for t in detect(text) for w in re.findall(r"\w+", t.text)}
        assert not flagged & {"mutually", "mass", "repeatedly"}
    assert seen == {"mutually", "mass", "repeatedly"}


def test_own_voice_terms_of_a_seed() -> None:
    """Seed 000 calls the strikes "brutal" in its own words; what seed 004's critics call the strikes is theirs."""
    from newsprism.compare.loaded import detect, voices

    text = _seed("000_")
    terms = {t.text: t for t in detect(text)}
    assert terms["brutal"].voice == "own" and terms["brutal"].how is None
    assert terms["brutal"].category == "subjective" and terms["brutal"].detector == "lexicon"
    text = _seed("004_")
    at = text.index("extrajudicial killings")
    assert voices(text).at(at, at + len("extrajudicial killings")) == ("quoted", "Critics", "reported speech")


def test_shipped_model_matches_its_features() -> None:
    """The shipped weights name the signals ``detect`` computes, in order, and reach a threshold in (0, 1)."""
    import json

    from newsprism.compare.loaded import FEATURES, MODEL_FILE, shipped_model

    raw = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert raw["features"] == list(FEATURES) and "loaded-dev" in raw["fitted_on"]
    m = shipped_model()
    assert len(m.weights) == len(FEATURES) and 0 < m.threshold < 1
    # the signals point the way their meaning says: a scare quote and a word a lexicon scores negative (VADER
    # -2: valence 0.5 and negative) raise the score, the story's topic (a word every outlet uses) lowers it
    w = dict(zip(FEATURES, m.weights))
    assert w["scare_quotes"] > 0 and 0.5 * w["valence"] + w["negative"] > 0 and w["topic"] < 0
    assert w["cue"] == w["noun"] == w["verb"] == w["frequency"] == 0        # signals measured and not adopted
    # the hand-written cues are candidates, less the forms loaded-dev refutes (flagged there, never on its gold)
    from newsprism.compare.loaded import cue_table, cues

    assert m.cue_list and m.cues_refuted and m.cues_refuted < set(cues())
    assert len(cue_table(m.cues_refuted)) == len(cues()) - len(m.cues_refuted)


def test_offsets_point_at_the_word_on_dev_articles(dev_rows: list[dict]) -> None:
    from newsprism.compare.loaded import detect

    n = 0
    for r in dev_rows:
        for t in detect(r["text"]):
            assert r["text"][t.start:t.end] == t.text
            assert len(t.text.split()) <= 8, t.text          # a word or phrase, never a sentence
            assert t.voice in ("own", "quoted")
            n += 1
    assert n > len(dev_rows)


def test_quotation_regions_match_the_annotated_ones(dev_rows: list[dict]) -> None:
    """The data marks its quotation-mark regions the same way (within a paragraph, an open one ends with it)."""
    from newsprism.compare.loaded import quote_regions

    gold = found = 0
    for r in dev_rows:
        mine = set(quote_regions(r["text"]))
        for a, b in r["quotes"]:
            gold += 1
            found += (a, b) in mine or any(x <= a and b <= y for x, y in mine)
    assert gold > 100 and found / gold >= 0.9


def test_annotated_quoted_spans_get_the_quoted_voice(dev_rows: list[dict]) -> None:
    """Where a gold span inside quotation marks is flagged, the term carries the quoted voice."""
    from newsprism.compare.loaded import detect

    checked = 0
    for r in dev_rows:
        terms = detect(r["text"])
        for s in r["loaded"]:
            if not s["in_quote_marks"]:
                continue
            for t in terms:
                if _over(t, s["start"], s["end"]):
                    assert t.voice == "quoted", (r["id"], t.text)
                    checked += 1
    assert checked >= 10


def test_headline_terms_carry_title_offsets() -> None:
    from newsprism.compare.loaded import find_loaded
    from newsprism.compare.text import build_views
    from newsprism.types import Article

    stories: dict[str, list[Article]] = {}
    for line in BASIL.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        stories.setdefault(r["story"], []).append(
            Article(id=r["id"], source="basil", input_sha256="", text=r["text"], title=r["title"],
                    outlet=r["outlet"], published=r["published"]))
    titled = {}
    for articles in stories.values():
        views = build_views(articles, entities=False)
        by_id = {a.id: a for a in articles}
        for t in find_loaded(views):
            a = by_id[t["article"]]
            field = a.title if t["field"] == "title" else a.text
            assert field[t["start"]:t["end"]] == t["term"]
            assert {"term", "outlet", "article", "quote", "voice", "speaker"} <= set(t)
            if t["field"] == "title":
                titled[(a.id, t["term"])] = t
                assert t["quote"] == a.title
            else:
                assert t["term"] in t["quote"] and t["quote"] in a.text
    # "Bloomberg says Trump a 'dangerous demagogue,' …": single quotation marks quote in a headline: his words.
    # Read as the story's only article: the other outlets quote those words too, so in the whole story they are
    # its shared vocabulary, left out
    fox = [a for arts in stories.values() for a in arts if a.id == "basil-472158a1-fox"]
    for t in find_loaded(build_views(fox, entities=False)):
        if t["field"] == "title":
            titled[(t["article"], t["term"])] = t
            assert fox[0].title[t["start"]:t["end"]] == t["term"] and t["quote"] == fox[0].title
    assert titled, "headlines are read"
    dangerous = titled[("basil-472158a1-fox", "dangerous")]
    assert dangerous["voice"] == "quoted" and dangerous["speaker"] == "Bloomberg"
    assert dangerous["start"] == len("Bloomberg says Trump a '")


def test_beats_the_adjective_baseline_held_out(dev_rows: list[dict]) -> None:
    """Fitted on four fifths of the events, scored on the fifth (five times), the shipped configuration (the
    model with its gates, plus the own-voice hand-written cues that the training part does not refute, each fold
    without the cues only its held-out gold could have suggested): token F1 more than three times the README's
    every-adjective-and-adverb baseline (0.031), hit precision above the old detector's 0.07 on hidden spans.
    Beside the model without cues, in the same run: F1 within 0.02, more of the outlets' own loaded words found,
    and fewer of its flags inside quotation marks (0.61 without the cues; the gold's share is 0.26). The full
    table, baselines run alongside: python -m benchmarks loaded."""
    from benchmarks.bench_loaded import ADOPTED, event_folds, held_out, score

    rows = [dict(r) for r in dev_rows]
    folds = event_folds(rows)
    pred, models = held_out(folds, rows, **ADOPTED)
    s = score(rows, pred)
    before = score(rows, held_out(folds, rows)[0])
    assert s["token F1"] > 3 * 0.031 and s["hit P"] > 0.07
    assert s["token F1"] >= before["token F1"] - 0.02
    assert s["hit R own"] > before["hit R own"] and 0.26 < s["in quote marks"] < before["in quote marks"]
    assert all(0 < m.threshold < 1 for m in models)


def test_held_out_folds_keep_stories_whole_and_cues_honest(dev_rows: list[dict]) -> None:
    """The benchmark's folds: whole events, or one outlet each; a fold's cue list keeps nothing that only
    its held-out gold could have suggested."""
    import re

    from benchmarks.bench_loaded import _gold_stems, event_folds, outlet_folds, outlet_of, restricted_cues
    from newsprism.compare.loaded import MODIFIERS, _stem, cues

    rows = [dict(r) for r in dev_rows]
    folds = event_folds(rows)
    assert sorted(r["id"] for f in folds for r in f) == sorted(r["id"] for r in rows)
    stories = [{r["story"] for r in f} for f in folds]
    assert all(a.isdisjoint(b) for i, a in enumerate(stories) for b in stories[i + 1:])
    by_outlet = outlet_folds(rows)
    assert len(by_outlet) == 3 and all(len({outlet_of(r) for r in f}) == 1 for f in by_outlet)
    test, train = folds[0], [r for f in folds[1:] for r in f]
    table = restricted_cues(train, test)
    suspect = _gold_stems(test) - _gold_stems(train)
    assert suspect and len(table) < len(cues())
    for form in table:
        assert not {_stem(w) for w in re.findall(r"[A-Za-z][\w'-]*", form) if w.lower() not in MODIFIERS} & suspect


def test_f1_difference_tells_noise_from_a_change(dev_rows: list[dict]) -> None:
    """The benchmark's interval of a variant's F1 minus the adopted row's, resampling whole events (paired):
    0 for a row against itself; above 0 for the gold spans against the gold less one event's spans (only the
    draws holding that event differ); below 0, both ends, for every own-voice cue flagged beside the adopted
    cues (the training part refuting none), held out on folds of whole events."""
    from benchmarks.bench_loaded import ADOPTED, event_folds, f1_difference, held_out

    rows = [dict(r) for r in dev_rows]
    gold = {r["id"]: [(s["start"], s["end"]) for s in r["loaded"]] for r in rows}
    assert f1_difference(rows, gold, gold) == (0.0, 0.0)
    dropped = next(r["story"] for r in rows if r["loaded"])
    less = {r["id"]: [] if r["story"] == dropped else gold[r["id"]] for r in rows}
    lo, hi = f1_difference(rows, gold, less)
    assert 0.0 <= lo < hi <= 0.2
    folds = event_folds(rows)
    adopted, every = held_out(folds, rows, **ADOPTED)[0], held_out(folds, rows, cues="listed")[0]
    lo, hi = f1_difference(rows, every, adopted)
    assert lo < hi < 0.0


def test_term_offsets_drive_the_article_highlight() -> None:
    from newsprism.web.views import _term_span

    text = _seed("004_")
    at = text.index("decried")
    assert _term_span({"term": "decried", "start": at, "end": at + 7, "field": "text"}, text) == (at, at + 7)
    # a headline's offsets, stale offsets and an old report without any fall back to the sentence
    assert _term_span({"term": "decried", "start": at, "end": at + 7, "field": "title"}, text) is None
    assert _term_span({"term": "decried", "start": at + 1, "end": at + 8}, text) is None
    assert _term_span({"term": "decried", "quote": "x"}, text) is None


def test_empty_and_odd_input() -> None:
    from newsprism.compare.loaded import cues, detect, quote_regions

    assert detect("") == []
    assert detect("Ils ont « vivement » critiqué la décision.") == []
    assert quote_regions('He said "it will never end\nNext paragraph') == [(8, 26)]
    text = 'The "so-called" plan\u00a0was slammed.'
    # the scare quote is read across the no-break space (whether it is flagged is the model's call), and the cue
    # inside its quotation marks gives way to it; "slammed" is a cue in the outlet's own words
    assert [(t.text, t.voice, t.how, t.detector) for t in detect(text, keep_all=True, table=cues())] == \
        [('"so-called"', "quoted", "scare quotes", "scare_quotes"), ("slammed", "own", None, "cue")]


def test_article_view_marks_the_word_not_the_sentence() -> None:
    """The article page's loaded marks, from a story's report section, cover the terms themselves."""
    from newsprism.compare.loaded import find_loaded
    from newsprism.compare.text import build_views
    from newsprism.types import Article, Story
    from newsprism.web.views import _story_spans

    articles = [Article(id=p.name[:3], source=str(p), input_sha256="", text=p.read_text(encoding="utf-8"),
                        title=None, outlet=p.read_text(encoding="utf-8").split("\n", 1)[0].strip(), published=None)
                for p in sorted(SEEDS.glob("00[24]_*.txt"))]
    story = Story(id="s", title="t")
    story.loaded_terms = find_loaded(build_views(articles, entities=False))
    a = articles[0]         # seed 002: its scare quotes and the label it quotes
    marks = [m for m in _story_spans(story, a.id, a.text) if m["kind"] == "loaded"]
    terms = [t for t in story.loaded_terms if t["article"] == a.id]
    assert marks and len(marks) == len(terms)
    for m, t in zip(marks, terms):
        assert a.text[m["start"]:m["end"]] == t["term"] and (m["start"], m["end"]) == (t["start"], t["end"])
    assert all(len(t["term"].split()) <= 4 for t in terms)          # words, not sentences


def test_reports_show_own_and_quoted_terms_apart() -> None:
    from newsprism.report.html import render_html
    from newsprism.report.markdown import render_markdown

    text = _seed("004_")
    evil = '<script>alert("x")</script>'
    at = text.index("decried")
    terms = [{"term": "decried", "outlet": "Al Mayadeen", "article": "a", "quote": text[at - 20:at + 30],
              "field": "text", "start": at, "end": at + 7, "voice": "own", "speaker": None, "category": "c"},
             {"term": "regime", "outlet": "Al Mayadeen", "article": "a", "quote": evil, "field": "title",
              "start": 0, "end": 6, "voice": "quoted", "speaker": evil, "category": "label"}]
    report = {"format": "newsprism/1", "errors": [], "articles": [{"id": "a", "outlet": "x", "source": "x", "text": text}],
              "stories": [{"id": "s", "title": "t", "outlets": ["x"], "articles": ["a"], "facts": [], "conflicts": [],
                           "quotes": [], "naming": [], "loaded_terms": terms, "numbers": [], "timeline": [],
                           "brief": []}]}
    md = render_markdown(report)
    assert md.index("In the outlets' own words") < md.index("decried") < md.index("In words the outlets quote")
    assert md.index("In words the outlets quote") < md.index("regime") and "<script" not in md
    html = render_html(report)
    assert html.index("own words") < html.index("decried") < html.index("outlets quote") < html.index("regime")
    assert "<script" not in html


def test_listed_cues_speak_for_the_outlet_only() -> None:
    """Seed 004 read beside the other seeds: its own labels ("authoritarian", "ploy") are reported as cues
    although another seed says "authorized" (a cue is another outlet's word only as the very word); a cue
    inside a quotation or reported speech is reported only where the model's score reaches its threshold."""
    from newsprism.compare.loaded import detect, shipped_model

    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    others = [t for k, t in texts.items() if k != "004"]
    assert any("authorized" in t for t in others)
    terms = detect(texts["004"], others=others)
    own = {t.text.lower() for t in terms if t.voice == "own" and t.detector == "cue"}
    assert {"authoritarian", "ploy"} <= own
    quoted = [t for t in detect(texts["004"], others=others, keep_all=True) if t.detector == "cue" and t.voice == "quoted"]
    assert quoted, "the seed quotes a cue word"
    threshold = shipped_model().threshold
    reported = {(t.start, t.end) for t in terms}
    for t in quoted:
        assert ((t.start, t.end) in reported) == (t.score >= threshold)


def test_cue_pattern_grouped_by_letter_finds_the_plain_alternations_matches(dev_rows: list[dict]) -> None:
    """``_cue_re`` files the cues under their first letter (speed): every match, span for span, is the one the
    plain alternation of the cues, longest first, finds; on the seeds, dev articles and each cue written
    in capitals, with doubled spaces and another hyphen."""
    from newsprism.compare import loaded

    alts = sorted((re.escape(t).replace(r"\ ", r"\s+").replace(r"\-", "[-‐‑]") for t in loaded.cues()), key=len,
                  reverse=True)
    plain = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(alts), re.I)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [r["text"] for r in dev_rows[:40] if r.get("text")]
    texts += [f"{c.upper()}, {c.replace(' ', '  ')} and {c.replace('-', '‑')}-like x{c}" for c in loaded.cues()]
    got = [[m.span() for m in loaded._cue_re().finditer(t)] for t in texts]
    want = [[m.span() for m in plain.finditer(t)] for t in texts]
    assert sum(map(len, want)) > len(loaded.cues())
    assert got == want
