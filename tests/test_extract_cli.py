"""`newsprism extract --jsonl` on the extraction dev pages: the documented output, in input order."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import DATA, ROOT, SEEDS, run_cli

sys.path.insert(0, str(ROOT))
from benchmarks.scoring import corpus_prf  # noqa: E402

KEYS = {"source", "text", "title", "authors", "published", "outlet", "url", "language", "error"}


def test_dev_html_pages() -> None:
    pages = sorted((DATA / "extraction-dev").glob("*.html.gz"))
    assert len(pages) == 61
    proc = run_cli("extract", "--jsonl", *map(str, pages))
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["source"] for r in rows] == [str(p) for p in pages]
    assert all(KEYS <= set(r) for r in rows)
    gold = json.loads((DATA / "extraction-dev" / "gold.json").read_text())
    _, _, f1 = corpus_prf((r["text"], gold[Path(r["source"]).name.split(".")[0]]) for r in rows)
    assert f1 >= 0.95
    assert sum(bool(r["title"]) for r in rows) >= 58
    assert sum(r["language"] == "en" for r in rows) >= 55


def test_dev_text_dumps() -> None:
    pages = sorted((DATA / "extraction-dev").glob("*.txt"))
    proc = run_cli("extract", "--jsonl", *map(str, pages))
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    gold = json.loads((DATA / "extraction-dev" / "gold.json").read_text())
    _, _, f1 = corpus_prf((r["text"], gold[Path(r["source"]).stem]) for r in rows)
    assert f1 >= 0.85


def test_stdin(tmp_path: Path) -> None:
    import subprocess

    data = (SEEDS / "002_4e51e1ef91b04f06.txt").read_bytes()
    proc = subprocess.run([sys.executable, "-m", "newsprism", "extract", "--jsonl", "-"], input=data,
                          capture_output=True, cwd=ROOT, timeout=120)
    row = json.loads(proc.stdout)
    assert proc.returncode == 0 and row["source"] == "-"
    assert row["title"] == "Secret Phone Call Between Trump and Nicolás Maduro Unveiled"
