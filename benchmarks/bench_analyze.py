"""`newsprism analyze` end to end over the 61 dev pages + the seeds, next to trafilatura alone.

Both sides run as fresh processes over the same files in the same run, and
both are timed including interpreter start and imports; peak RSS sums the
whole process tree (newsprism's extraction workers included).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import DATA, PY, SEEDS, run_measured, table, versions

TRAFILATURA_ALONE = """
import sys, gzip, pathlib, trafilatura
for p in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    data = p.read_bytes()
    if p.name.endswith('.gz'):
        data = gzip.decompress(data)
    trafilatura.extract(data, with_metadata=True)
"""


def corpus(into: Path) -> int:
    for p in sorted((DATA / "extraction-dev").glob("*.html.gz")):
        shutil.copy(p, into / p.name)
    for p in sorted(SEEDS.iterdir()):
        shutil.copy(p, into / p.name)
    return len(list(into.iterdir()))


def run() -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        n = corpus(pages)
        base = run_measured([PY, "-c", TRAFILATURA_ALONE, str(pages)])
        rows.append({"system": "trafilatura.extract alone (1 process)", **base})
        db = Path(tmp) / "nocompare.db"
        m = run_measured([PY, "-m", "newsprism", "analyze", str(pages), "--db", str(db), "--no-progress",
                          "--stages", "ingest,extract,dedup,cluster"])
        rows.append({"system": "newsprism analyze, up to cluster (no compare)", **m})
        for workers in (1, 2):
            db = Path(tmp) / f"bench{workers}.db"
            m = run_measured([PY, "-m", "newsprism", "analyze", str(pages), "--db", str(db),
                              "--workers", str(workers), "--no-progress"])
            rows.append({"system": f"newsprism analyze --workers {workers} (cold store)", **m})
            m = run_measured([PY, "-m", "newsprism", "analyze", str(pages), "--db", str(db),
                              "--workers", str(workers), "--no-progress"])
            rows.append({"system": f"newsprism analyze --workers {workers} (rerun, resumed)", **m})
    for r in rows:
        r["pages"] = n
        r["pages_per_s"] = n / r["seconds"]
        r["speed_vs_trafilatura"] = r["pages_per_s"] / rows[0]["pages_per_s"]
    return rows


def main() -> None:
    rows = run()
    print(table(f"analyze: {rows[0]['pages']} pages (61 dev + 5 seeds), {versions('trafilatura')}", rows,
                ["system", "pages", "seconds", "pages_per_s", "speed_vs_trafilatura", "peak_rss_mib"]))


if __name__ == "__main__":
    main()
