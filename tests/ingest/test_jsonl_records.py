"""JSON Lines is a stream of records: each bad record is one NP109 saying what was wrong, the rest go on."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from conftest import SEEDS, report_of, run_cli
from newsprism.ingest.jsonl import MAX_RECORD_BYTES, Record, read_records

TEXT = ("The city council voted on Tuesday to approve a new budget for public transport, after months of "
        "debate about fares and routes. ") * 4


def _good(i: int, **extra: object) -> str:
    return json.dumps({"id": f"g{i}", "text": f"Record {i}. " + TEXT, "title": f"Budget {i}",
                       "outlet": "Daily Example", "published": "2024-05-01", **extra})


# (line, what the NP109 message must name)
BAD = [
    ('{"id": "d1", "text": "x", "extra": ' + "[" * 10_000 + "]" * 10_000 + "}", "nest"),
    ('{"id": "o1", "text": "x", "outlet": {"name": "Daily"}}', '"outlet" must be a string, not an object'),
    ('{"id": "t1", "text": "x", "title": ["a", "b"]}', '"title" must be a string, not a list'),
    ('{"id": "p1", "text": "x", "published": 1e308}', '"published" must be a string, not a number'),
    ('{"id": "p2", "text": "x", "published": NaN}', "NaN"),
    ('{"id": "s1", "text": "a lone \\ud800 surrogate"}', "lone surrogate"),
    ('{"id": "c1", "text": "control \x01\x02\x03 bytes"}', "not JSON"),
    ('{"id": "u1", "text": "x", "url": 42}', '"url" must be a string, not a number'),
    ('{"id": "tg", "text": "x", "tags": 5}', '"tags" must be a list of strings, not a number'),
    ('{"id": "l1", "text": "x", "language": ["en"]}', '"language" must be a string, not a list'),
    ('{"id": "a1", "text": "x", "authors": {"n": "A"}}', '"authors" must be a list of strings, not an object'),
    ('{"id": {"x": 1}, "text": "x"}', '"id" must be a string or an integer, not an object'),
    ('{"id": "n1", "text": 7}', '"text" must be a string, not a number'),
    ("[1, 2]", "must be a JSON object"),
]


def _file(tmp_path: Path) -> tuple[Path, list[str]]:
    lines, good_ids = [], []
    for i, (bad, _) in enumerate(BAD):
        lines += [_good(i), bad]
        good_ids.append(f"g{i}")
    # raw line and paragraph separators and NEL inside a JSON string: one record, not three
    lines.append(_good(99, text="Split \u2028 here \u2029 and \u0085 there. " + TEXT))
    good_ids.append("g99")
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
    return path, good_ids


def test_reader_each_bad_record_one_error(tmp_path: Path) -> None:
    path, good_ids = _file(tmp_path)
    out = list(read_records(path.read_bytes(), str(path)))
    good = [r for r in out if isinstance(r, Record)]
    bad = [r for r in out if not isinstance(r, Record)]
    assert [r.id for r in good] == good_ids
    assert "Split \u2028 here \u2029 and \u0085 there." in good[-1].text
    assert [e.code for e in bad] == ["NP109"] * len(BAD)
    for err, (line, why) in zip(bad, BAD):
        assert why in err.message, (line[:60], err.message)
        err.message.encode("utf-8")
    # each error names its line
    assert [e.source for e in bad] == [f"{path}:{2 * i + 2}" for i in range(len(BAD))]


def test_analyze_keeps_every_good_record(tmp_path: Path, db: Path) -> None:
    path, good_ids = _file(tmp_path)
    proc = run_cli("analyze", str(path), "--stages", "ingest,extract", "--db", str(db), "--json", "-")
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1
    report = report_of(proc)
    assert sorted(a["id"] for a in report["articles"]) == sorted(good_ids)
    assert sorted(e["code"] for e in report["errors"]) == ["NP109"] * len(BAD)


def test_no_whole_file_cap_but_a_record_cap() -> None:
    # 20 MiB of records (over the old 16 MiB file limit) and one record over the per-record cap between them
    row = json.dumps({"id": "r", "text": "word " * 20_000}).encode()
    n = 20 * 2**20 // len(row) + 1
    rows = [json.dumps({"id": f"r{i}", "text": "word " * 20_000}).encode() for i in range(n)]
    huge = json.dumps({"id": "huge", "text": "x" * (MAX_RECORD_BYTES + 10)}).encode()
    data = b"\n".join(rows[: n // 2] + [huge] + rows[n // 2:]) + b"\n"
    assert len(data) > 32 * 2**20
    out = list(read_records(data, "big.jsonl"))
    assert [r.id for r in out if isinstance(r, Record)] == [f"r{i}" for i in range(n)]
    errs = [r for r in out if not isinstance(r, Record)]
    assert [(e.code, e.source) for e in errs] == [("NP109", f"big.jsonl:{n // 2 + 1}")]
    # gzipped: read as a stream too
    out = list(read_records(gzip.compress(data), "big.jsonl.gz"))
    assert sum(isinstance(r, Record) for r in out) == n


def test_truncated_gzip_keeps_the_records_before() -> None:
    data = gzip.compress(("\n".join(_good(i) for i in range(50)) + "\n").encode())
    out = list(read_records(data[: len(data) * 2 // 3], "cut.jsonl.gz"))
    assert out and isinstance(out[0], Record)
    assert out[-1].code == "NP107"


def test_duplicate_ids_policy(tmp_path: Path, db: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first, changed = _good(1), _good(1, title="Budget, corrected")
    one.write_text("\n".join([first, _good(2), changed, changed, _good(3)]) + "\n")
    proc = run_cli("analyze", str(one), "--stages", "ingest,extract", "--db", str(db), "--json", "-")
    report = report_of(proc)
    assert proc.returncode == 0, proc.stderr      # warnings, not errors
    titles = {a["id"]: a["title"] for a in report["articles"]}
    assert titles == {"g1": "Budget, corrected", "g2": "Budget 2", "g3": "Budget 3"}
    warns = sorted((e["source"], e["code"]) for e in report["errors"])
    assert warns == [(f"{one}:1", "NP119"), (f"{one}:3", "NP119")]
    msgs = {e["source"]: e["message"] for e in report["errors"]}
    assert "line 4" in msgs[f"{one}:1"] and "changed" in msgs[f"{one}:1"]
    assert "unchanged" in msgs[f"{one}:3"]
    # the same id changed in a later file: the newer version, and the report says so
    two.write_text(_good(2, title="Budget 2, updated") + "\n")
    proc = run_cli("analyze", str(two), "--stages", "ingest,extract", "--db", str(db), "--json", "-")
    report = report_of(proc)
    assert [(a["id"], a["title"]) for a in report["articles"]] == [("g2", "Budget 2, updated")]
    [warn] = report["errors"]
    assert warn["code"] == "NP119" and warn["level"] == "warning" and f"{one}:2" in warn["message"]
    # the first file given again: its g2 is now the newer version again, and each repeat is said again
    proc = run_cli("analyze", str(one), "--stages", "ingest,extract", "--db", str(db), "--json", "-")
    report = report_of(proc)
    assert sorted(e["source"] for e in report["errors"] if e["code"] == "NP119") == \
        [f"{one}:1", f"{one}:2", f"{one}:3"]
    assert {a["id"]: a["title"] for a in report["articles"]}["g2"] == "Budget 2"


def test_seed_jsonl_unchanged(tmp_path: Path) -> None:
    """A plain file of good records reads as before: every record, in order."""
    rows = [json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}) for p in sorted(SEEDS.iterdir())]
    out = list(read_records(("\r\n".join(rows) + "\r\n").encode(), "seeds.jsonl"))
    assert [r.id for r in out] == [p.stem for p in sorted(SEEDS.iterdir())]
