"""python -m benchmarks [NAME ...]: run benchmarks and print one table each.

Names: analyze, extract (HTML and text dumps), textdump (text dumps alone), dupes, stories, stories-scale (100,000 articles),
compare, compare-misses (why gold facts are missed), loaded, web,
scale, peers (the field's own test suites beside newsprism), all (default).
Options after the names go to the benchmarks that take any (scale: --n, --feeds; stories-scale: --n, --days; loaded: --no-main, --main).
"""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = {
    "analyze": ["benchmarks.bench_analyze"],
    "extract": ["benchmarks.bench_html", "benchmarks.bench_textdump", "benchmarks.bench_meta"],
    "textdump": ["benchmarks.bench_textdump"],
    "dupes": ["benchmarks.bench_dupes"],
    "stories": ["benchmarks.bench_stories"],
    "stories-scale": ["benchmarks.bench_stories_scale"],
    "web": ["benchmarks.bench_web"],
    "compare": ["benchmarks.bench_compare"],
    "compare-misses": ["benchmarks.compare_misses"],
    "loaded": ["benchmarks.bench_loaded"],
    "scale": ["benchmarks.bench_scale"],
    "peers": ["benchmarks.bench_peers"],
}


def main(argv: list[str]) -> int:
    first_option = next((i for i, a in enumerate(argv) if a.startswith("-")), len(argv))
    names, options = argv[:first_option] or ["all"], argv[first_option:]
    sys.argv = [sys.argv[0], *options]
    if names == ["all"]:
        names = list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s) {unknown}; valid: {', '.join(BENCHMARKS)}, all", file=sys.stderr)
        return 2
    for name in names:
        for module in BENCHMARKS[name]:
            importlib.import_module(module).main()
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
