"""JSON Lines is a stream of records: each bad record is one NP109 saying what was wrong, the rest go on."""

from __future__ import annotations

import gzip
import json
import sqlite3
import tracemalloc
from pathlib import Path

from conftest import SEEDS, report_of, run_cli
from newsprism.ingest.jsonl import MAX_RECORD_BYTES, SHARE_BYTES, Record, iter_file, read_records
from newsprism.types import RawInput

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


def _big_file(path: Path, mib: int, *, huge_at: int | None = None) -> list[str]:
    """A JSON Lines file of about ``mib`` MiB of ~100 KB records, written record by record (never whole in
    memory); with ``huge_at``, one record over the per-record cap after that many records. The good ids."""
    ids = []
    body = "A council vote on the transport budget, its fares and its routes. " * 1500
    n = mib * 2**20 // (len(body) + 60) + 1
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wb") as fh:
        for i in range(n):
            if i == huge_at:
                fh.write(b'{"id": "huge", "text": "' + b"x" * (MAX_RECORD_BYTES + 10) + b'"}\n')
            rid = f"r{i}"
            text = f"Record {i}, split \u2028 here. {body}" if i % 50 == 7 else f"Record {i}. {body}"
            fh.write(json.dumps({"id": rid, "text": text}, ensure_ascii=False).encode() + b"\n")
            if i % 97 == 0:
                fh.write(b"\n")            # blank lines count as lines
            ids.append(rid)
    return ids


def _read_streaming(path: Path) -> tuple[list[str], list[tuple[str, str | None]], int]:
    """Read ``path`` as the ingest and extract stages do (share by share), under tracemalloc: the good ids,
    the (code, source) of the errors, and the peak bytes allocated."""
    ids, errors = [], []
    tracemalloc.start()
    try:
        for share in iter_file(str(path)):
            if not isinstance(share, RawInput):
                errors.append((share.code, share.source))
                continue
            for rec in read_records(share.data, share.source, share.first_line):
                if isinstance(rec, Record):
                    ids.append(rec.id)
                else:
                    errors.append((rec.code, rec.source))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return ids, errors, peak


def test_a_big_file_is_read_as_a_stream_with_a_cap_per_record(tmp_path: Path) -> None:
    # the memory a read takes does not grow with the file: 16 MiB (the old whole-file limit) and 48 MiB files
    sizes, peaks = [], []
    for mib in (16, 48):
        path = tmp_path / f"plain{mib}.jsonl"
        want = _big_file(path, mib)
        ids, errors, peak = _read_streaming(path)
        assert ids == want and errors == []                  # every record, in order
        sizes.append(path.stat().st_size)
        peaks.append(peak)
        path.unlink()
    assert sizes[1] > 48 * 2**20 and peaks[1] < 1.25 * peaks[0] and peaks[1] < sizes[1] / 3, (sizes, peaks)

    # one record over the per-record cap among them: one NP109 naming its line; the records after it go on
    path = tmp_path / "big.jsonl"
    want = _big_file(path, 24, huge_at=120)
    ids, errors, peak = _read_streaming(path)
    assert ids == want
    huge_line = 120 + 120 // 97 + 1 + 1                      # records and blank lines before it, then itself
    assert errors == [("NP109", f"{path}:{huge_line}")]
    assert peak < MAX_RECORD_BYTES + 1.25 * peaks[0], peak   # at most the cap, beside a share's work

    # gzipped: decompressed as it is read
    packed = tmp_path / "plain.jsonl.gz"
    want = _big_file(packed, 48)
    ids, errors, peak = _read_streaming(packed)
    assert ids == want and errors == [] and peak < 1.25 * peaks[0] + 2**20, peak


def test_analyze_stores_a_big_file_share_by_share(tmp_path: Path, db: Path) -> None:
    """Through the CLI: a file over the old whole-file cap, a bad record and a repeated id in different shares;
    every good record stored once, with the line it came from."""
    path = tmp_path / "big.jsonl"
    want = _big_file(path, 18)
    with path.open("ab") as fh:
        fh.write(b'{"id": "bad", "text": 5}\n')
        fh.write(json.dumps({"id": "r0", "text": "Record 0, corrected. " + TEXT}).encode() + b"\n")
    lines = path.read_bytes().count(b"\n")
    proc = run_cli("analyze", str(path), "--stages", "ingest,extract", "--db", str(db), "--json", "-")
    assert "Traceback" not in proc.stderr and proc.returncode == 1, proc.stderr[-2000:]
    report = report_of(proc)
    arts = {a["id"]: a for a in report["articles"]}
    assert sorted(arts) == sorted(want)
    assert arts["r0"]["text"].startswith("Record 0, corrected.") and arts["r0"]["source"] == f"{path}:{lines}"
    assert arts["r5"]["source"] == f"{path}:7"            # line numbers across the shares: r0, a blank line, r1…
    errors = sorted((e["code"], e["source"]) for e in report["errors"])
    assert ("NP109", f"{path}:{lines - 1}") in errors
    assert any(code == "NP119" for code, _ in errors)      # the newer version of r0, and the report says so
    with sqlite3.connect(db) as con:
        shares = con.execute("SELECT count(*), max(size) FROM inputs").fetchone()
    assert shares[0] >= 16 and shares[1] <= SHARE_BYTES + 200_000


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
