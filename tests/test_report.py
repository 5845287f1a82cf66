"""Report rules that hold whatever the stages compute."""

from __future__ import annotations

from newsprism.report.json import outlets_of
from newsprism.types import Article


def _a(aid: str, outlet: str | None, dup: str | None = None) -> Article:
    return Article(id=aid, source=aid, input_sha256=aid, text="t", outlet=outlet, duplicate_of=dup)


def test_outlets_count_a_group_of_copies_once() -> None:
    # a raw dump naming its outlet, duplicate of a clean copy that names none
    arts = [_a("dump", "Al Mayadeen English", "clean"), _a("clean", None), _a("b", "CubaHeadlines"),
            _a("c", None), _a("wire", "Reuters"), _a("wire-copy", "Daily Example", "wire")]
    assert outlets_of(arts) == ["Al Mayadeen English", "CubaHeadlines", "Reuters"]
    assert outlets_of([_a("x", "Same"), _a("y", "Same")]) == ["Same"]
    assert outlets_of([]) == []


# -- the reader's renderings of the seeds' report ------------------------------------------------------------------
import re  # noqa: E402
from html.parser import HTMLParser  # noqa: E402


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.passages: dict[str, str] = {}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[override]
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
            if tag == "li" and "cited" in (a.get("class") or ""):
                self._in, self.passages[a["id"]] = a["id"], ""
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.hrefs.append(a["href"][1:])

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote":
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.passages[self._in] += data


def test_reports_open_with_the_summary_and_link_citations_to_the_sentence(seeds_report: dict) -> None:
    from newsprism.report.html import render_html
    from newsprism.report.markdown import render_markdown
    from newsprism.report.sections import reader_view

    story = seeds_report["stories"][0]
    view = reader_view(story, seeds_report["articles"])
    assert len(view["sources"]) == 4 and 3 <= len(view["summary"]) <= 5
    # the neutral title: the event and its actors, not the most sensational headline
    assert "Trump" in view["title"] and "Maduro" in view["title"] and "Secret" not in view["title"]

    md = render_markdown(seeds_report)
    order = [md.index(h) for h in (f"## {view['title'].replace('_', chr(92) + '_')}", "### Summary", "### Coverage",
                                   "### What all report", "### Facts")]
    assert order == sorted(order)
    # no outlet profiles were given: no empty country and lean columns
    assert "| country | lean |" not in md and "| source | facts reported | only this source |" in md
    # every summary sentence names the sources it comes from, as the brief's sentences do
    summary = md[md.index("### Summary"):md.index("### Coverage")]
    label = {a: s["label"].replace("_", "\\_") for s in view["sources"] for a in s["articles"]}
    for s in view["summary"]:
        names = sorted({label[x["article"]] for x in s["sources"]})
        assert names and f"<sub>[{', '.join(names)}]</sub>" in summary, s["sentence"]

    # each relayed sentence of the brief says who speaks in it; the outlet's own sentences say nothing more
    brief = md[md.index("### Brief"):]
    relayed = [b for b in story["brief"] if b["voice"] != "outlet"]
    assert relayed and brief.count("*(source: ") == len(relayed)
    assert "*(source: The Washington Post)*" in brief

    html = render_html(seeds_report)
    parsed = _Anchors()
    parsed.feed(html)
    assert "s1" in parsed.ids and "s1" in parsed.hrefs                 # the table of contents links each story
    cited = [h for h in parsed.hrefs if re.fullmatch(r"s1-q\d+", h)]
    assert len(cited) >= 10 and set(cited) <= parsed.ids               # every citation lands on its passage
    texts = " ".join(" ".join(a["text"].split()) for a in seeds_report["articles"])
    for anchor, passage in parsed.passages.items():
        assert " ".join(passage.split()) in texts, anchor              # the cited sentence, verbatim
    assert "<script" not in html


def test_timeline_dates_claim_no_more_precision_than_their_words(seeds_report: dict) -> None:
    """"Over the past year" is the past year to the article's day, not "Thu 28 Nov 2024 – Fri 28 Nov"; "since
    September" is "since Sep", not "Mon 1 Sep"; "last week" is that week."""
    from newsprism.report.sections import human_date, reader_view

    story = seeds_report["stories"][0]
    view = reader_view(story, seeds_report["articles"])
    shown = {e["text"]: e["human"] for e in view["timeline"]["events"]}
    past = next(h for t, h in shown.items() if t.startswith("Over the past year"))
    assert past.startswith("the past year (to ") and "2024" not in past
    since = next(h for t, h in shown.items() if t.startswith("Since September"))
    assert since.startswith("since Sep (to ") and "1 Sep" not in since
    assert human_date("2025-11-17/2025-11-23", year_of=2025) == "Mon 17 Nov – Sun 23 Nov"
    assert human_date("2025-11-01/2025-11-10", year_of=2025) == "Nov 2025"         # "early November"
    assert human_date("2025-08-28/2025-11-28", year_of=2025, kind="duration") == "the past 3 months (to Fri 28 Nov)"
    assert human_date("2025-11-21/2025-11-28", year_of=2025, kind="duration") == "the past week (to Fri 28 Nov)"
    assert human_date("2024-09-01/2025-11-28", year_of=2025, kind="since") == "since Sep 2024 (to Fri 28 Nov)"


def test_a_timeline_entry_reads_without_its_tie_word(seeds_report: dict) -> None:
    """Seed 002 (CubaHeadlines): "Additionally, The Washington Post reported on Friday that …" is dated on Friday;
    its timeline entry reads "The Washington Post reported …" as the facts do, its evidence the sentence verbatim."""
    story = seeds_report["stories"][0]
    post = [e for e in story["timeline"] if "Washington Post reported on Friday" in e["text"]]
    assert post and all(e["text"].startswith("The Washington Post reported on Friday") for e in post)
    assert all(any(ev["quote"].startswith("Additionally, The Washington Post") for ev in e["evidence"]) for e in post)


def test_each_source_lists_what_it_reports_in_its_own_words(seeds_report: dict) -> None:
    """Under a source's heading, "what only some report" shows that source's sentence, never the wording of another
    outlet a fact is shown in (which may carry details this source did not write), and one sentence once."""
    import re as _re

    from newsprism.report.sections import reader_view

    story = seeds_report["stories"][0]
    view = reader_view(story, seeds_report["articles"])
    text_of = {a["id"]: " ".join(a["text"].split()) for a in seeds_report["articles"]}

    def words(t: str) -> str:
        return " ".join(w.lower() for w in _re.findall(r"[^\W_]+", _re.sub(r"\[[^\]]*\]", " ", t)))

    reworded = 0
    for o in view["only_some"]:
        source = next(s for s in view["sources"] if s["key"] == o["key"])
        own_text = " ".join(words(text_of[a]) for a in source["articles"])
        shown = [f["text"] for f in o["facts"]]
        assert len(shown) == len(set(shown)), o["label"]
        for f in o["facts"]:
            assert words(f["text"]) in own_text, (o["label"], f["text"])
            assert not f["text"].startswith(("However", "But ", "And ")), f["text"]
            assert all(e["article"] in source["articles"] for e in f["evidence"])
            reworded += f["text"] != f["fact_text"]
        # a sentence listed once stands for every fact it states: the counts still add up to the coverage's
        assert o["count"] + len(view["all_report"]) == source["facts"] and o["alone"] == source["alone"]
    # the seeds hold facts shown in one outlet's wording that others state in theirs
    assert reworded >= 3
    # 004 states the meeting would be a first in its own words, not in CubaHeadlines' ("deemed illegitimate")
    o4 = next(o for o in view["only_some"] if o["label"].startswith("004_"))
    assert not any("deemed illegitimate" in f["text"] for f in o4["facts"])
    assert any(f["text"].startswith("The potential encounter, if realized") for f in o4["facts"])
