"""``compare_story``: every comparison of one story, from its articles."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from newsprism.compare.brief import build_brief
from newsprism.compare.claims import _parse, claim_conflicts
from newsprism.compare.citations import build_citations
from newsprism.compare.conflicts import (age_conflicts, cross_date_conflicts, cross_number_conflicts,
                                         cross_precision_differences, direction_conflicts, elapsed_conflicts,
                                         fact_conflicts, only_conflicts, ordinal_conflicts, precision_differences,
                                         quote_conflicts, rank_conflicts, record_conflicts, scope_conflicts,
                                         status_conflicts, title_conflicts, unstated_conflicts, with_victims)
from newsprism.compare import models
from newsprism.compare.facts import (annotate, build_facts, clause_units, embedded, name_people, past_budget,
                                     score_matrix, unit_spans)
from newsprism.compare.loaded import find_loaded
from newsprism.compare.naming import build_naming
from newsprism.compare.numbers import about, find_numbers, plural
from newsprism.compare.quotes import PARSE_BUDGET, align_quotes, find_quotes, quote_frames, said_by
from newsprism.compare.text import attach_entities, build_views, find_people, ner_leads
from newsprism.compare.timeline import find_times
from newsprism.compare.title import story_title
from newsprism.compare.whole import untied
from newsprism.types import Article, Story

log = logging.getLogger("newsprism")
#: articles longer than this are compared on their first MAX_CHARS characters
MAX_CHARS = 60_000


def _public(items: list[dict]) -> list[dict]:
    return [{k: v for k, v in x.items() if not k.startswith("_")} for x in items]


def numbers_section(nums: list) -> list[dict]:
    out: dict[tuple, dict] = {}
    for n in nums:
        key = (n.normalized, n.unit)
        e = out.setdefault(key, {"value": n.value, "normalized": n.normalized,
                                 "unit": plural(n.unit) if n.unit and n.normalized != 1 else n.unit,
                                 "about": about(n), "qualifier": n.qualifier, "outlets": [], "evidence": []})
        if n.label not in e["outlets"]:
            e["outlets"].append(n.label)
        e["evidence"].append({"article": n.article, "quote": n.sentence.text})
    return list(out.values())


def timeline_section(times: list, facts: list[dict]) -> list[dict]:
    spans: dict[str, list[tuple[int, int, str]]] = {}     # article -> (start, end, fact id) of its clauses
    for f in facts:
        for u in f["_units"]:
            spans.setdefault(u.view.id, []).append((u.span.start, u.span.end, f["id"]))
    entries: dict[tuple[str, str], dict] = {}
    for t in times:
        fid = next((fid for st, end, fid in spans.get(t.article, ()) if st <= t.start < end), None)
        key = (t.value, fid or f"{t.article}:{t.sentence.start}")
        e = entries.setdefault(key, {"date": t.value, "text": t.sentence.text, "expressions": [], "outlets": [],
                                     "evidence": [], "kind": t.kind, "fact": fid})
        if t.expression not in e["expressions"]:
            e["expressions"].append(t.expression)
        if t.label not in e["outlets"]:
            e["outlets"].append(t.label)
        ev = {"article": t.article, "quote": t.sentence.text}
        if ev not in e["evidence"]:
            e["evidence"].append(ev)
    fact_text = {f["id"]: f.get("_verbatim", f["text"]) for f in facts}
    for e in entries.values():
        # an entry several outlets share reads as their fact does in the rest of the report, where one of its
        # sentences states that fact, rather than as whichever outlet's sentence came first (its wording may
        # carry a detail the others dispute: "former President" against "President")
        shown = fact_text.get(e["fact"])
        # shown as a fact is, without an opening word that ties it to the sentence before ("Additionally, The
        # Washington Post reported …"); its evidence stays verbatim
        e["text"] = untied(next((ev["quote"] for ev in e["evidence"] if shown and shown in ev["quote"]), e["text"]))
    return sorted(entries.values(), key=lambda e: (e["date"], -len(e["outlets"])))


@dataclass
class Prepared:
    """A story made ready for the models: its article views, clauses, and the texts each model reads."""

    story: Story
    views: list
    units: list
    leads: list[str]
    embed_texts: list[str]
    started: float
    articles: list[Article]
    clauses: list = field(default_factory=list)     # the clauses of longer sentences, compared apart (facts)


def prepare(story: Story, articles: list[Article]) -> Prepared:
    started = time.perf_counter()
    articles = [a if len(a.text or "") <= MAX_CHARS else _cut(a) for a in articles]
    views = [v for v in build_views(articles, entities=False) if v.sentences]
    units = unit_spans(views)
    clauses = clause_units(units) if len(views) > 1 else []
    # one article alone has no other to align with: its clauses are never compared with each other
    # (score_matrix), so the encoder is left out
    embed_texts = [u.text for u in embedded(units)] if len(views) > 1 else []     # (a clause has its sentence's vector)
    return Prepared(story, views, units, ner_leads(views), embed_texts, started, articles, clauses)


def finish(p: Prepared, found: list) -> Story:
    """The comparison sections of ``p.story``, once the models have read its texts (``found``: the
    entities of ``p.leads``; the sentence vectors wait in the encoder's cache)."""
    story, views, units = p.story, p.views, p.units
    attach_entities(views, found, p.leads)
    people = find_people(views)
    nums = [n for v in views for n in find_numbers(v)]
    compared = units + p.clauses
    annotate(compared, people, nums)
    # sentences and clauses scored together; the rest of the comparison reads the sentences' part
    score_all, cos_all = score_matrix(compared)
    score, cos = score_all[:len(units), :len(units)], cos_all[:len(units), :len(units)]
    facts = build_facts(views, compared, score_all, cos_all)
    times = [t for v in views for t in find_times(v)]
    n_quotes = sum(v.text.count("“") + v.text.count('"') // 2 for v in views)
    limit = None if n_quotes <= PARSE_BUDGET else max(3, PARSE_BUDGET // max(1, len(views)))
    _parse([t for v in views for t in quote_frames(v, limit)])     # every article's quote sentences in one batch
    mentions = [q for v in views for q in find_quotes(v, people, limit)]
    quotes = align_quotes(mentions)
    naming = build_naming(views, people)
    texts = {v.id: v.text for v in views}
    name_people(facts, quotes, people)
    story.facts = _public(facts)
    counts = with_victims(nums, views)     # figures of the dead and hurt compared by what they count
    dated = fact_conflicts(facts, counts, times)
    story.conflicts = dated + cross_date_conflicts(units, cos, facts, times, dated) + \
        cross_number_conflicts(units, cos, facts, counts, dated) + \
        title_conflicts(naming, views) + quote_conflicts(quotes) + unstated_conflicts(units, cos, nums, times) + \
        claim_conflicts(units, cos, people, facts) + status_conflicts(units, people) + only_conflicts(units, cos) + \
        ordinal_conflicts(units, people) + scope_conflicts(units, cos) + age_conflicts(units, people) + \
        record_conflicts(units, people) + rank_conflicts(units, people) + elapsed_conflicts(units) + \
        direction_conflicts(units, people)
    precise = precision_differences(facts, nums)
    story.precision = precise + cross_precision_differences(units, cos, facts, nums, precise + story.conflicts)
    story.quotes = _public(quotes)
    story.naming = naming
    story.loaded_terms = find_loaded(views, facts, said=said_by(mentions))
    story.numbers = numbers_section(nums)
    story.timeline = timeline_section(times, facts)
    why: list[dict] = []
    story.brief = build_brief(facts, texts, story.conflicts, people, notes=why, score=score_all)
    story.citations = build_citations(views, people, quotes)
    story.citations["notes"] = limits(p, views, quotes, times) + why
    story.title = story_title(story, p.articles) or story.title     # the neutral title, shown everywhere
    log.debug("compare %s: %d articles in %.2fs", story.id, len(views), time.perf_counter() - p.started)
    return story


def limits(p: "Prepared", views: list, quotes: list, times: list) -> list[dict]:
    """Why parts of the comparison are empty or thin, stated for the reader (``citations.notes``)."""
    out: list[dict] = []
    labels = {v.label for v in views}
    if not views:
        out.append({"code": "no_text", "message": "no article of the story has text to compare"})
    elif len(labels) == 1:
        out.append({"code": "one_outlet", "message": "one outlet only: nothing to align across outlets; every "
                    "fact is single-source and there can be no conflict"})
    other = sorted({f"{v.label} ({v.article.language})" for v in views
                    if v.article.language and not v.article.language.lower().startswith("en")})
    if other:
        out.append({"code": "language", "message": "not in English: " + ", ".join(other) + "; sentences, "
                    "quotes, voice and loaded terms are read with English rules and may be missed"})
    if views and not quotes:
        out.append({"code": "no_quotes", "message": "no quotation is quoted by the articles"})
    if views and not times:
        out.append({"code": "no_dates", "message": "no date or time expression found: no timeline, no date conflicts"})
    cut = [v.label for v in views if len(v.article.text or "") >= MAX_CHARS]
    if cut:
        out.append({"code": "cut", "message": f"compared on their first {MAX_CHARS} characters: " + ", ".join(cut)})
    if len(views) > 1 and past_budget(p.units):
        out.append({"code": "large_story", "message": f"{len(views)} articles: sentence embeddings for each "
                    "article's lead only, the rest aligned by their words"})
    return out


def compare_story(story: Story, articles: list[Article]) -> Story:
    """Fill the comparison sections of ``story`` from its member articles (duplicates included)."""
    p = prepare(story, articles)
    # the two models at once: the entity tagger on the articles' leads beside the sentence encoder
    return finish(p, models.analyse(p.embed_texts, p.leads, tokens=True))


def read_together(prepared: list[Prepared]) -> list[list]:
    """The models' reading of several prepared stories in one pass (the tagger in one thread, the
    encoder in the others, all at once: story by story, a story with little to encode left a core
    idle); each story's entities, in order."""
    found = models.analyse([t for p in prepared for t in p.embed_texts], [t for p in prepared for t in p.leads],
                           tokens=True)
    out, at = [], 0
    for p in prepared:
        out.append(found[at:at + len(p.leads)])
        at += len(p.leads)
    return out


def _cut(a: Article) -> Article:
    from dataclasses import replace

    text = a.text[:MAX_CHARS]
    cut = text.rfind("\n")
    return replace(a, text=text[:cut] if cut > MAX_CHARS // 2 else text)
