"""Benchmark: title and date accuracy on the extraction dev pages.

    .venv/bin/python -m benchmarks.bench_meta

Gold: ``benchmarks/gold/extraction_meta.json`` (how it was made:
``benchmarks/make_meta_gold.py``).  A title is right when, case- and
punctuation-folded, it equals one of the page's accepted headline spellings; a
date is right when its day (``YYYY-MM-DD``) is the gold publication day.
Pages without a gold date are left out of date accuracy.  The gold date comes
from the HTML's metadata; more than one dump in ten shows no date at all, and
some show it in the reader's time zone, so the text-dump column cannot reach 1.

Rows: newsprism on the HTML (``extract_html``), trafilatura's
``extract_metadata`` on the same decoded HTML, and newsprism on the text dump
(``extract_dump`` on ``<id>.txt``; trafilatura has no text-dump mode).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_html import DATA, load_pages  # noqa: E402
from benchmarks.make_meta_gold import OUT as GOLD  # noqa: E402
from benchmarks.make_meta_gold import norm  # noqa: E402


def title_ok(pred: str | None, accepted: list[str]) -> bool:
    return bool(norm(pred)) and norm(pred) in {norm(t) for t in accepted}


def date_ok(pred: str | None, day: str, local_day: str | None = None) -> bool:
    """The predicted day is the stated one, or the outlet's local day where a dated URL shows it."""
    return bool(pred) and pred[:10] in (day, local_day)


def _ours_html(html: str, url: str | None) -> tuple[str | None, str | None]:
    from newsprism.errors import NoArticle
    from newsprism.extract.html import extract_html

    try:
        got = extract_html(html, url=url)
    except NoArticle:
        return None, None
    return got.title, got.published


def _trafilatura(html: str, url: str | None) -> tuple[str | None, str | None]:
    import trafilatura

    doc = trafilatura.extract_metadata(html, default_url=url)
    if doc is None:
        return None, None
    return doc.title, doc.date


def _ours_dump(text: str) -> tuple[str | None, str | None]:
    from newsprism.errors import NoArticle
    from newsprism.extract.textdump import extract_dump

    try:
        got = extract_dump(text)
    except NoArticle:
        return None, None
    return got.title, got.published


def run() -> list[dict]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    ids, html, _, urls = load_pages()
    texts = {i: (DATA / f"{i}.txt").read_text(encoding="utf-8") for i in ids}
    systems = [
        ("newsprism extract_html", "html", lambda i: _ours_html(html[i], urls.get(i))),
        ("trafilatura extract_metadata", "html", lambda i: _trafilatura(html[i], urls.get(i))),
        ("newsprism extract_dump", "text", lambda i: _ours_dump(texts[i])),
    ]
    rows = []
    dated = [i for i in ids if gold[i]["date"]]
    for name, kind, fn in systems:
        got = {i: fn(i) for i in ids}
        rows.append({
            "system": name, "input": kind,
            "title_accuracy": sum(title_ok(got[i][0], gold[i]["title"]) for i in ids) / len(ids),
            "date_accuracy": sum(date_ok(got[i][1], gold[i]["date"], gold[i].get("date_local"))
                                 for i in dated) / len(dated),
            "pages": len(ids), "dated_pages": len(dated),
            "misses": {"title": [i[:10] for i in ids if not title_ok(got[i][0], gold[i]["title"])],
                       "date": [i[:10] for i in dated
                                if not date_ok(got[i][1], gold[i]["date"], gold[i].get("date_local"))]},
        })
    return rows


def main() -> None:
    rows = run()
    print(f"{'metadata (dev pages)':32s} {'input':>5s} {'title':>6s} {'date':>6s}")
    for r in rows:
        print(f"{r['system']:32s} {r['input']:>5s} {r['title_accuracy']:6.3f} {r['date_accuracy']:6.3f}")
    print(f"({rows[0]['pages']} pages; date over the {rows[0]['dated_pages']} whose metadata states one;"
          " gold: benchmarks/gold/extraction_meta.json)")


if __name__ == "__main__":
    if "-v" in sys.argv:
        for r in run():
            print(r["system"], r["misses"])
    main()
