"""Helpers shared by the benchmarks: paths, timing a command with its peak RSS, tables."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"
SEEDS = SHARED / "seeds"


def run_measured(cmd: list[str], *, cwd: Path = ROOT, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run a command; return wall seconds and the peak memory of its whole process tree (MiB).

    Memory is summed as PSS (proportional set size), so pages that forked
    workers share with their parent are not counted once per process.
    """
    started = time.perf_counter()
    proc = psutil.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                        env={**os.environ, **(env or {})})
    peak = 0
    while proc.poll() is None:
        try:
            procs = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_full_info().pss for p in procs if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{cmd[:4]} failed ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
    return {"seconds": wall, "peak_rss_mib": peak / 2**20}


def versions(*packages: str) -> str:
    parts = [f"python {platform.python_version()}"]
    for p in packages:
        try:
            parts.append(f"{p} {version(p)}")
        except Exception:
            parts.append(f"{p} ?")
    return ", ".join(parts)


def table(title: str, rows: list[dict[str, Any]], columns: list[str]) -> str:
    def fmt(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}"
        return "-" if v is None else str(v)

    cells = [[fmt(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths))
    out = [title, line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in cells]
    return "\n".join(out)


PY = sys.executable
