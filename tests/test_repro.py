"""The report is a pure function of the inputs: byte-identical across fresh runs (whatever Python's hash seed)
and across kill -9 and resume, apart from the run's timings and counters."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SEEDS


def _inputs(tmp_path: Path) -> list[str]:
    """The seeds, the 102 BASIL articles (stories told by three outlets) and 120 headlines."""
    heads = (DATA / "stories-dev" / "headlines.jsonl").read_text(encoding="utf-8").splitlines()[:120]
    (tmp_path / "headlines.jsonl").write_text("\n".join(heads) + "\n", encoding="utf-8")
    return [str(SEEDS), str(DATA / "stories-dev" / "basil.jsonl"), str(tmp_path / "headlines.jsonl")]


def _cmd(inputs: list[str], db: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "newsprism", "analyze", *inputs, "--db", str(db), "--json", str(out),
            "--no-progress"]


def _env(seed: int) -> dict[str, str]:
    return {**os.environ, "PYTHONHASHSEED": str(seed)}


def stable(path: Path) -> str:
    """The report without what may differ between runs of the same inputs: each stage's seconds, and (for a
    resumed run) how many records it found done."""
    report = json.loads(path.read_text(encoding="utf-8"))
    report["pipeline"]["stages_run"] = [s["name"] for s in report["pipeline"]["stages_run"]]
    return json.dumps(report, ensure_ascii=False, indent=1, sort_keys=False)


PROGRESS = {"articles": "SELECT count(*) FROM articles",
            "stories": "SELECT count(*) FROM stories",
            "compared": "SELECT count(*) FROM stories WHERE coalesce(json_extract(data, '$.compared'), '') != ''"}


def _count(db: Path, what: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
            return int(con.execute(PROGRESS[what]).fetchone()[0])
    except sqlite3.Error:
        return 0


def _run_killed(inputs: list[str], db: Path, out: Path, when: list[tuple[str, int]]) -> None:
    """Run, kill -9 the whole process group once the store shows ``n`` rows of progress ``what`` (for each kill),
    then run to the end."""
    for what, n in when:
        proc = subprocess.Popen(_cmd(inputs, db, out), cwd=ROOT, env=_env(7), start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 600
        while proc.poll() is None and _count(db, what) < n and time.monotonic() < deadline:
            time.sleep(0.1)
        assert proc.poll() is None, f"the run ended before {what} reached {n}"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    done = subprocess.run(_cmd(inputs, db, out), cwd=ROOT, env=_env(8), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_same_report_fresh_and_after_kills(tmp_path: Path) -> None:
    """Two fresh runs (two hash seeds) and a run killed three times then resumed, all at once: the three runs
    share nothing but the inputs (each its own store), so they go side by side, and running beside each other
    varies their threads' timing too; the three reports must be the same."""
    inputs = _inputs(tmp_path)
    fresh = []
    for seed in (1, 2):
        log = (tmp_path / f"fresh{seed}.log").open("w")
        fresh.append((subprocess.Popen(_cmd(inputs, tmp_path / f"fresh{seed}.db", tmp_path / f"fresh{seed}.json"),
                                       cwd=ROOT, env=_env(seed), stdout=subprocess.DEVNULL, stderr=log), log))
    try:
        # killed while articles are extracted, while they are clustered, and while stories are compared; resumed
        out = tmp_path / "killed.json"
        _run_killed(inputs, tmp_path / "killed.db", out, [("articles", 60), ("stories", 25), ("compared", 10)])
        for proc, log in fresh:
            proc.wait(timeout=900)
            log.close()
    finally:
        for proc, log in fresh:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            log.close()
    reports = []
    for seed, (proc, _) in zip((1, 2), fresh):
        assert proc.returncode == 0, (tmp_path / f"fresh{seed}.log").read_text()[-3000:]
        reports.append(stable(tmp_path / f"fresh{seed}.json"))
    assert reports[0] == reports[1]
    first = json.loads(reports[0])
    assert len(first["articles"]) == 5 + 102 + 120 and len(first["stories"]) > 30
    assert stable(out) == reports[0]


COMPARE = """
import json, sys
from newsprism.compare import compare_story
from newsprism.types import Article, Story
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
out = []
for key in sys.argv[2:]:
    arts = [Article(id=r["id"], source=r["id"], input_sha256="", text=r["text"], title=r.get("title"),
                    outlet=r["outlet"], published=r.get("published")) for r in rows if r["id"].startswith(key)]
    story = compare_story(Story(id=key, title=key), arts)
    out.append([story.quotes, story.citations, story.conflicts])
print(json.dumps(out, sort_keys=True, default=lambda o: o.as_dict()))
"""


@pytest.mark.slow
def test_comparison_does_not_depend_on_the_hash_seed() -> None:
    """The stories whose quotes and citations differed between two runs (speaker ties broken by a set's order)."""
    stories = ["basil-2b95d2cf", "basil-576116e5", "basil-33521e65"]
    procs = [subprocess.Popen([sys.executable, "-c", COMPARE, str(DATA / "stories-dev" / "basil.jsonl"), *stories],
                              cwd=ROOT, env=_env(seed), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for seed in (1, 2, 3)]         # side by side: each its own process and hash seed
    outs = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=600)
        assert proc.returncode == 0, stderr
        outs.append(stdout)
    assert outs[0] == outs[1] == outs[2]
    assert all(json.loads(outs[0])[i][0] for i in range(3))      # each story has quotes to compare
