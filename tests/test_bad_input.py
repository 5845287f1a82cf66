"""Hostile inputs: each gets a coded error in the report and the skipped table; the rest go on."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import SEEDS, report_of, run_cli
from newsprism.store import open_store

ARTICLE = (
    "The city council voted on Tuesday to approve a new budget for public transport, "
    "after months of debate about fares and routes. "
)


def _page(body: str, charset: str | None = None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paras = "".join(f"<p>{body} Paragraph {i} adds detail on the plan and its costs.</p>" for i in range(8))
    return f"<!doctype html><html><head>{meta}<title>Council budget</title></head><body><article><h1>Council budget</h1>{paras}</article></body></html>"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    d = tmp_path / "inputs"
    d.mkdir()
    (d / "good.html").write_text(_page(ARTICLE), encoding="utf-8")
    # windows-1252 without any charset declaration: must decode, not fail
    (d / "cp1252.html").write_bytes(_page("Caf\u00e9 owners \u201cwelcomed\u201d the na\u00efve plan \u2014 " + ARTICLE).encode("cp1252"))
    # bytes no encoding explains
    (d / "invalid-utf8.txt").write_bytes(bytes(range(0x80, 0x100)) * 40)
    (d / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(3000))
    (d / "empty.txt").write_bytes(b"")
    full = gzip.compress(_page(ARTICLE).encode())
    (d / "truncated.html.gz").write_bytes(full[: len(full) // 2])
    unreadable = d / "locked"
    unreadable.mkdir()
    (unreadable / "secret.html").write_text(_page("A locked page about the harbour. " + ARTICLE))
    (unreadable / "secret.html").chmod(0)
    os.mkfifo(unreadable / "pipe.html")
    (unreadable / "dangling.html").symlink_to(tmp_path / "gone.html")
    return d


def _errors_by_name(report: dict) -> dict[str, dict]:
    return {Path(e["source"]).name: e for e in report["errors"] if e["level"] == "error"}


def test_unreadable_files(hostile: Path, db: Path) -> None:
    proc = run_cli("analyze", str(hostile), "--db", str(db), "--json", "-")
    report = report_of(proc)
    errors = _errors_by_name(report)
    assert errors["pipe.html"]["code"] == "NP102"
    assert errors["dangling.html"]["code"] == "NP101"
    secret = hostile / "locked" / "secret.html"
    if os.access(secret, os.R_OK):   # root reads mode-000 files: then it must simply be analysed
        assert any(a["source"] == str(secret) for a in report["articles"])
    else:
        assert errors["secret.html"]["code"] == "NP102"


def test_hostile_batch(hostile: Path, db: Path) -> None:
    shutil.copy(SEEDS / "002_4e51e1ef91b04f06.txt", hostile / "seed.txt")
    proc = run_cli("analyze", str(hostile), "--db", str(db), "--json", "-")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    report = report_of(proc)
    errors = _errors_by_name(report)
    assert errors["invalid-utf8.txt"]["code"] == "NP105"
    assert errors["binary.html"]["code"] == "NP104"
    assert errors["empty.txt"]["code"] == "NP103"
    assert errors["truncated.html.gz"]["code"] == "NP107"
    names = {Path(a["source"]).name: a for a in report["articles"]}
    assert {"good.html", "cp1252.html", "seed.txt"} <= set(names)
    assert "Café owners “welcomed” the naïve plan —" in names["cp1252.html"]["text"]
    for err in report["errors"]:
        if err["level"] == "error":
            assert f"skipped {err['source']}: [{err['code']}]" in proc.stderr
    store = open_store(str(db))
    skipped = {Path(s.source).name: (s.stage, s.code) for s, level in store.iter_skipped() if level == "error"}
    assert skipped["binary.html"] == ("extract", "NP104")
    assert skipped["truncated.html.gz"] == ("extract", "NP107")
    # the failed inputs are still kept byte for byte
    raw = store.get_input(next(s.input_sha256 for s, _ in store.iter_skipped() if s.source.endswith("binary.html")))
    assert raw is not None and raw.data == (hostile / "binary.html").read_bytes()


def test_mostly_utf8_kept_with_warning(tmp_path: Path, db: Path) -> None:
    page = _page("Caf\u00e9 \u201cquotes\u201d " + ARTICLE * 20).encode("utf-8")
    cut = page.index(b"Paragraph 3")
    path = tmp_path / "one-bad-byte.html"
    path.write_bytes(page[:cut] + b"\xff" + page[cut:])
    proc = run_cli("analyze", str(path), "--db", str(db), "--json", "-")
    assert proc.returncode == 0, proc.stderr
    report = report_of(proc)
    assert len(report["articles"]) == 1 and "Café “quotes”" in report["articles"][0]["text"]
    assert [e["code"] for e in report["errors"] if e["level"] == "warning"] == ["NP105"]


@pytest.mark.slow
def test_50mb_page(tmp_path: Path, db: Path) -> None:
    big = tmp_path / "huge.html"
    with big.open("w") as fh:
        fh.write("<html><body>")
        chunk = "<p>" + ARTICLE * 10 + "</p>\n"
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
        fh.write("</body></html>")
    shutil.copy(SEEDS / "003_59872d32108e4990.txt", tmp_path / "seed.txt")
    proc = run_cli("analyze", str(tmp_path), "--db", str(db), "--json", "-")
    assert proc.returncode == 1
    report = report_of(proc)
    assert _errors_by_name(report)["huge.html"]["code"] == "NP106"
    assert len(report["articles"]) == 1


def test_extract_jsonl_errors(hostile: Path) -> None:
    files = sorted(p for p in hostile.iterdir() if p.is_file())
    proc = run_cli("extract", "--jsonl", *map(str, files))
    assert proc.returncode == 1
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["source"] for r in rows] == [str(p) for p in files]
    by_name = {Path(r["source"]).name: r for r in rows}
    assert by_name["binary.html"]["error"]["code"] == "NP104"
    assert by_name["empty.txt"]["error"]["code"] == "NP103"
    assert by_name["good.html"]["error"] is None and "city council voted" in by_name["good.html"]["text"]
    assert by_name["good.html"]["title"] == "Council budget"


def test_missing_path(db: Path) -> None:
    proc = run_cli("analyze", "/nonexistent/page.html", str(SEEDS / "003_59872d32108e4990.txt"),
                   "--db", str(db), "--json", "-")
    assert proc.returncode == 1
    report = report_of(proc)
    assert report["errors"][0]["code"] == "NP101" and len(report["articles"]) == 1


def test_bad_jsonl_lines(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "articles.jsonl"
    good = {"id": "x1", "text": ARTICLE * 5, "title": "Budget", "outlet": "Daily Example", "published": "2024-05-01"}
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "x2"}) + "\n")
    proc = run_cli("analyze", str(path), "--db", str(db), "--json", "-")
    assert proc.returncode == 1
    report = report_of(proc)
    assert [a["id"] for a in report["articles"]] == ["x1"]
    assert report["articles"][0]["outlet"] == "Daily Example"
    assert sorted(e["code"] for e in report["errors"]) == ["NP109", "NP109"]


def test_same_bytes_under_two_names(tmp_path: Path, db: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(SEEDS / "003_59872d32108e4990.txt", tmp_path / name)
    proc = run_cli("analyze", str(tmp_path), "--db", str(db), "--json", "-")
    report = report_of(proc)
    assert [Path(a["source"]).name for a in report["articles"]] == ["a.txt"]
    store = open_store(str(db))
    assert store.count("inputs") == 1 and store.count("sources") == 3
