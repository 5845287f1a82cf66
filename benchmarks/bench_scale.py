"""Scale: N pages end to end (local vs Ray executor), and 500 feeds in one `watch` cycle.

``python -m benchmarks scale [--n 10000] [--feeds 500] [--entries 4] [--compare]``

Pages: ``benchmarks/scale_corpus.py`` builds N pages (default 10,000) from the
61 dev pages (HTML and text dumps) and the seeds; ``newsprism analyze`` runs
on them up to clustering, once with ``--executor local`` and once with
``--executor ray``, each a fresh process on a fresh store, timed from
interpreter start; peak memory is the PSS of the whole process tree (forked
extraction workers, Ray's processes and workers). ``--compare`` then times the
compare stage alone on the local store (everything before it resumes).
Targets: ≤ 10 minutes and ≤ 2 GiB on 2 cores.

Feeds: a loopback server (``benchmarks/loopback_feeds.py``) serves N feeds,
each on its own loopback address (as each outlet has its own host; politeness
paces requests per host), with a few entries each; ``newsprism watch --once``
polls them all and analyses the new entries. Target: ≤ 60 s.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import PY, run_measured, table, versions
from benchmarks.scale_corpus import build

TARGET_PAGES = 10_000
PAGE_TARGET_S = 600.0
RSS_TARGET_MIB = 2048.0
FEEDS_TARGET_S = 60.0


def pages(n: int, workers: int, compare: bool, executors: tuple[str, ...] = ("local", "ray")) -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsprism-scale-") as tmp:
        corpus = Path(tmp) / "pages"
        size = build(corpus, n)
        print(f"built {n} pages ({size / 2**20:.0f} MiB of text) in {corpus}", flush=True)
        for executor in executors:
            db = Path(tmp) / f"{executor}.db"
            m = run_measured([PY, "-m", "newsprism", "analyze", str(corpus), "--db", str(db), "--no-progress",
                              "--stages", "ingest,extract,dedup,cluster", "--workers", str(workers),
                              "--executor", executor])
            rows.append({"run": f"analyze --executor {executor}, up to cluster", **m})
            print(rows[-1], flush=True)
            if compare and executor == "local":
                m = run_measured([PY, "-m", "newsprism", "analyze", str(corpus), "--db", str(db), "--no-progress",
                                  "--workers", str(workers)])
                rows.append({"run": "+ compare alone (rerun: the rest resumes)", **m})
                print(rows[-1], flush=True)
    for r in rows:
        r["pages"] = n
        r["pages_per_s"] = n / r["seconds"]
        r["vs_local_speed"] = r["pages_per_s"] / rows[0]["pages_per_s"]
        r["vs_local_rss"] = r["peak_rss_mib"] / rows[0]["peak_rss_mib"]
        # the time target is for TARGET_PAGES pages: at this rate, how long would they take
        r["min_for_10k"] = TARGET_PAGES / r["pages_per_s"] / 60
        r["within_targets"] = "yes" if r["min_for_10k"] * 60 <= PAGE_TARGET_S and r["peak_rss_mib"] <= RSS_TARGET_MIB \
            else "NO"
    return rows


def feeds(n: int, entries: int, workers: int) -> list[dict[str, Any]]:
    from benchmarks.loopback_feeds import FeedSite

    rows = []
    with tempfile.TemporaryDirectory(prefix="newsprism-feeds-") as tmp, FeedSite(n, entries) as site:
        db = str(Path(tmp) / "feeds.db")
        opml = Path(tmp) / "feeds.opml"
        opml.write_bytes(site.opml())
        add = run_measured([PY, "-m", "newsprism", "feeds", "import", str(opml), "--db", db])
        rows.append({"run": f"feeds import ({n} feeds)", **add, "requests": 0})
        for label in ("watch --once (first poll: every entry new)", "watch --once (second poll: all 304)"):
            before = site.requests
            m = run_measured([PY, "-m", "newsprism", "watch", "--once", "--allow-private", "--db", db,
                              "--workers", str(workers)])
            rows.append({"run": label, **m, "requests": site.requests - before})
            print(rows[-1], flush=True)
    for r in rows:
        r["feeds"] = n
        r["within_60s"] = "-" if "import" in r["run"] else "yes" if r["seconds"] <= FEEDS_TARGET_S else "NO"
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks scale")
    ap.add_argument("--n", type=int, default=10_000, help="pages to build and analyse (default 10,000)")
    ap.add_argument("--feeds", type=int, default=500, help="feeds for the watch part (default 500; 0 skips it)")
    ap.add_argument("--entries", type=int, default=4, help="entries per feed (default 4)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="extraction workers / Ray CPUs")
    ap.add_argument("--compare", action="store_true", help="also time the compare stage on the local store")
    ap.add_argument("--skip-pages", action="store_true", help="only the feeds part")
    ap.add_argument("--executors", default="local,ray", help="executors of the pages part, comma-separated "
                    "(default local,ray; the first is the baseline of the vs_local columns)")
    args = ap.parse_args(argv)
    if not args.skip_pages:
        rows = pages(args.n, args.workers, args.compare, tuple(args.executors.split(",")))
        print(table(f"scale: {args.n} pages end to end on {os.cpu_count()} cores, local vs Ray executor "
                    f"(targets: {TARGET_PAGES} pages ≤ {PAGE_TARGET_S / 60:.0f} min, ≤ {RSS_TARGET_MIB / 1024:.0f} GiB); "
                    f"{versions('trafilatura', 'ray')}", rows,
                    ["run", "pages", "seconds", "pages_per_s", "vs_local_speed", "min_for_10k", "peak_rss_mib",
                     "vs_local_rss", "within_targets"]))
        print()
    if args.feeds:
        rows = feeds(args.feeds, args.entries, args.workers)
        print(table(f"scale: {args.feeds} feeds × {args.entries} entries on loopback, one watch cycle "
                    f"(target ≤ {FEEDS_TARGET_S:.0f} s)", rows,
                    ["run", "feeds", "requests", "seconds", "peak_rss_mib", "within_60s"]))


if __name__ == "__main__":
    main()
