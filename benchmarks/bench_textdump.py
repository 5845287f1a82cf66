"""Benchmark: article extraction from plain-text page dumps.

    .venv/bin/python -m benchmarks.bench_textdump

Scores ``newsprism.extract.textdump.extract_dump`` on the dev split's
``<id>.txt`` dumps (``w3m -dump -cols 100`` renders of the benchmark pages)
against ``gold.json`` with the benchmark's word-4-gram metric, next to two
baselines: every line kept, jusText and trafilatura on the text's blank-line
blocks (each wrapped as an HTML paragraph; skipped when not installed).

Note: the shipped line model was trained on these same 61 pages, so the
"newsprism (in-sample)" row is a *training-set* score; the honest estimate for
unseen pages is the grouped 5-fold cross-validation of the whole extractor
that ``benchmarks/train_textdump.py --all-schemes`` runs when it trains the
model and stores in it (grouped by page and by site, two fold assignments
each, and their mean): the "CV" rows, printed from the model file (not re-run
here, they take minutes).
"""

from __future__ import annotations

import html
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.scoring import corpus_prf  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "extraction-dev"


def _pages() -> list[tuple[str, str, str]]:
    gold = json.loads((DEV / "gold.json").read_text(encoding="utf-8"))
    return [(k, (DEV / f"{k}.txt").read_text(encoding="utf-8"), gold[k]) for k in sorted(gold)]


def _textdump(text: str) -> str:
    from newsprism.errors import NoArticle
    from newsprism.extract.textdump import extract_dump

    try:
        return extract_dump(text).text
    except NoArticle:
        return ""


def _all_lines(text: str) -> str:
    return text


def _justext_blocks(text: str) -> str:
    import justext

    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    page = "<html><body>" + "".join(f"<p>{html.escape(b)}</p>" for b in blocks) + "</body></html>"
    paras = justext.justext(page.encode("utf-8"), justext.get_stoplist("English"))
    return "\n\n".join(p.text for p in paras if not p.is_boilerplate)


def _trafilatura_blocks(text: str) -> str:
    """trafilatura (defaults) on the same blank-line blocks as HTML paragraphs."""
    import trafilatura

    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    page = "<html><body>" + "".join(f"<p>{html.escape(b)}</p>" for b in blocks) + "</body></html>"
    return trafilatura.extract(page) or ""


def _have(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


SYSTEMS = [
    ("newsprism (in-sample)", _textdump),
    ("all lines", _all_lines),
    ("jusText blocks", _justext_blocks),
    ("trafilatura blocks", _trafilatura_blocks),
]


def run() -> list[dict]:
    pages = _pages()
    _textdump(pages[0][1])          # warm-up: model load, imports
    rows = []
    for name, fn in SYSTEMS:
        if name.startswith("jusText") and not _have("justext") or \
                name.startswith("trafilatura") and not _have("trafilatura"):
            continue
        t0 = time.perf_counter()
        preds = [fn(txt) for _, txt, _ in pages]
        dt = time.perf_counter() - t0
        p, r, f = corpus_prf(zip(preds, (g for _, _, g in pages)))
        rows.append({"system": name, "precision": round(p, 4), "recall": round(r, 4),
                     "f1": round(f, 4), "pages_per_s": round(len(pages) / dt, 1) if dt else None,
                     "pages": len(pages)})
    return rows


def cv_rows() -> list[dict]:
    """The grouped-CV scores the training script stored in the shipped model:
    the mean over its CV schemes first (the figure to quote), then each."""
    from newsprism.extract.textdump import MODEL_PATH

    try:
        cv = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["cv"]
    except (OSError, ValueError, KeyError):
        return []
    schemes = cv.get("schemes") or [cv]
    rows = []
    if "mean" in cv:
        rows.append({"system": "newsprism CV, mean*", "precision": cv["mean"]["precision"],
                     "recall": cv["mean"]["recall"], "f1": cv["mean"]["f1"], "pages_per_s": None,
                     "pages": cv["pages"]})
    for r in schemes:
        label = "  cross-half (2 folds)" if r.get("assign") == "halves" else \
            f"  by {r.get('grouped_by', 'page')}, {r.get('assign', 'balanced')}"
        rows.append({"system": label,
                     "precision": r["precision"], "recall": r["recall"], "f1": r["f1"],
                     "pages_per_s": None, "pages": r["pages"]})
    return rows


def main() -> None:
    rows = run()
    cv = cv_rows()
    rows[0:0] = cv
    base = next((r["f1"] for r in rows if r["system"].startswith("trafilatura")), None)
    print(f"{'text dumps':<24}{'P':>8}{'R':>8}{'F1':>8}{'F1/traf':>9}{'pages/s':>10}")
    for r in rows:
        pps = "-" if r["pages_per_s"] is None else f"{r['pages_per_s']:.1f}"
        ratio = f"{r['f1'] / base:.3f}" if base else "-"
        print(f"{r['system']:<24}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}{ratio:>9}{pps:>10}")
    if cv:
        print("(* the estimate for unseen pages: 5-fold cross-validation of the whole extractor (the\n"
              "   same code path as extract_dump), grouped by page or by site, two fold assignments,\n"
              "   and the cross-half figure (trained on one half of the pages, scored on the other),\n"
              "   stored in the model by benchmarks/train_textdump.py --all-schemes; \"in-sample\" is\n"
              "   the shipped model on the pages it was trained on, not an estimate; F1/traf: ratio\n"
              "   to trafilatura on the same dumps in this run.  The CV refits the trees, not the cue\n"
              "   patterns and selection rules written on these pages (+0.025 of it): the hidden split\n"
              "   scored 0.886; docs/textdump-model.md; a set nobody tuned on: python -m benchmarks peers)")


if __name__ == "__main__":
    main()
