"""Web UI latency: home, story, outlet, article and search pages under a bounded load on loopback.

    python -m benchmarks.bench_web [ARTICLES]      (default 100000; env NEWSPRISM_BENCH_WEB_ARTICLES)

Builds (once, cached under $NEWSPRISM_BENCH_CACHE or /tmp) a store of ARTICLES
articles generated from the real dev articles: BASIL full texts and UCI
headlines, grouped into stories as their gold groups are, each copy with its
own id, title suffix, date and a tail sentence of corpus words so the
full-text index is not degenerate. The comparison sections of each template
story are computed once with the real compare stage and copied with the ids
remapped, so story pages carry facts, quotes and a brief like real ones.

Each route is measured twice in one run: first through the app in process
(one request at a time: the views' own cost), then over real HTTP: the store
served by ``newsprism serve`` (uvicorn, one process) on 127.0.0.1, driven by
a bounded load generator, CONCURRENCY threads each with one keep-alive httpx
client, REQUESTS requests per scenario after a warm-up; latency is client-side
wall time per request. The HTTP table carries the in-process p95 beside each
route's. Target: p95 ≤ 100 ms on every route. The home requests mix the newest page, later pages, outlet
filters and one-year date filters; outlets are drawn weighted by their
articles, article pages show their default diff.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

from benchmarks.common import DATA, table, versions

CONCURRENCY = int(os.environ.get("NEWSPRISM_BENCH_WEB_CONCURRENCY", "4"))
REQUESTS = int(os.environ.get("NEWSPRISM_BENCH_WEB_REQUESTS", "400"))
BUILD_VERSION = 1
TARGET_MS = 100.0
BASIL_TEMPLATES = 10          # BASIL events whose comparison is computed (about 4 s each)
HEADLINES_PER_STORY = 12
WORD = re.compile(r"[A-Za-z]{5,}")


def _templates(rng: random.Random) -> list[dict[str, Any]]:
    """Story templates from the dev data: their articles and their comparison sections."""
    from newsprism.compare.story import compare_story
    from newsprism.types import Article, Story

    groups: list[list[dict[str, Any]]] = []
    for name, cap in (("basil.jsonl", None), ("headlines.jsonl", HEADLINES_PER_STORY)):
        by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for line in (DATA / "stories-dev" / name).open(encoding="utf-8"):
            row = json.loads(line)
            by_story[row["story"]].append(row)
        chosen = list(by_story.values())
        if cap is None:
            chosen = chosen[:BASIL_TEMPLATES]
        groups += [g[:cap] if cap else g for g in chosen]
    out = []
    for g in groups:
        arts = [Article(id=r["id"], source=r["id"], input_sha256="", text=r["text"], title=r.get("title"),
                        outlet=r.get("outlet"), published=r.get("published"), url=r.get("url")) for r in g]
        story = compare_story(Story(id="t", title=g[0].get("title") or "", articles=[a.id for a in arts]), arts)
        data = story.as_dict()
        data.pop("members", None)
        out.append({"rows": g, "sections": json.dumps(data, ensure_ascii=False)})
    return out


def build_store(path: Path, n_articles: int, seed: int = 7) -> dict[str, Any]:
    """Write a store of ``n_articles`` generated articles at ``path``; returns its counts."""
    from newsprism.store import SQLiteStore
    from newsprism.types import Article

    rng = random.Random(seed)
    templates = _templates(rng)
    vocab = sorted({w.lower() for t in templates for r in t["rows"] for w in WORD.findall(r["text"])})
    store = SQLiteStore(path)
    db = store.db
    seq = stories = 0
    started = time.perf_counter()
    db.execute("BEGIN")
    while seq < n_articles:
        t = templates[stories % len(templates)]
        k = stories
        sid = f"s{k:07d}"
        ids = {r["id"]: f"{r['id']}~{k}" for r in t["rows"]}
        shift = k % 3650
        art_rows, members = [], []
        for j, r in enumerate(t["rows"]):
            if seq >= n_articles:
                break
            seq += 1
            pub = r.get("published")
            if pub and len(pub) >= 10:
                y, rest = int(pub[:4]), pub[4:]
                pub = f"{min(y + shift // 365, 2030):04d}{rest}"
            tail = " ".join(rng.choice(vocab) for _ in range(12)).capitalize() + "."
            a = Article(id=ids[r["id"]], source=f"bench:{sid}:{j}", input_sha256=f"bench{seq}",
                        text=f"{r['text']}\n\n{tail}", title=f"{r.get('title') or ''} ({k})",
                        outlet=r.get("outlet"), published=pub, url=r.get("url"), story=sid,
                        word_count=len(r["text"].split()) + 12)
            art_rows.append((a.id, a.input_sha256, a.source, a.outlet, a.title, a.published, None, sid,
                             json.dumps(a.as_dict(), ensure_ascii=False), seq))
            members.append((sid, a.id, 0.5, json.dumps(WORD.findall(a.title or "")[:5]), j))
        db.executemany("INSERT INTO articles(id, input_sha256, source, outlet, title, published, duplicate_of, "
                       "story, data, seq) VALUES (?,?,?,?,?,?,?,?,?,?)", art_rows)
        db.executemany("INSERT INTO story_members(story, article, score, shared, joined_at) VALUES (?,?,?,?,?)",
                       members)
        sections = re.sub(r'"([^"\\]+)"', lambda m: json.dumps(ids[m.group(1)]) if m.group(1) in ids else m.group(0),
                          t["sections"])
        data = json.loads(sections)
        data.update(id=sid, title=f"{t['rows'][0].get('title') or sid} ({k})", articles=[x[0] for x in art_rows])
        db.execute("INSERT INTO stories(id, title, data, updated) VALUES (?,?,?, ?)",
                   (sid, data["title"], json.dumps(data, ensure_ascii=False),
                    f"2026-01-01T00:00:{k:09d}"))
        stories += 1
        if stories % 500 == 0:
            db.execute("COMMIT")
            db.execute("BEGIN")
    db.execute("COMMIT")
    db.execute("PRAGMA optimize")
    store.close()
    return {"articles": seq, "stories": stories, "build_s": time.perf_counter() - started, "vocab": vocab}


def cached_store(n_articles: int) -> tuple[Path, dict[str, Any]]:
    cache = Path(os.environ.get("NEWSPRISM_BENCH_CACHE", tempfile.gettempdir()))
    path = cache / f"newsprism-bench-web-{n_articles}-v{BUILD_VERSION}.db"
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        return path, json.loads(meta_path.read_text())
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)
    meta = build_store(path, n_articles)
    meta_path.write_text(json.dumps(meta))
    return path, meta


def load(base: str, paths: list[str], *, concurrency: int = CONCURRENCY) -> dict[str, Any]:
    """Fetch every path once, ``concurrency`` at a time; latency per request in ms."""
    import httpx

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    queue = list(reversed(paths))

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while True:
                with lock:
                    if not queue:
                        return
                    path = queue.pop()
                t0 = time.perf_counter()
                r = client.get(path)
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    latencies.append(ms)
                    if r.status_code != 200:
                        errors[0] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(round(p / 100 * (len(latencies) - 1))))]

    return {"requests": len(latencies), "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99),
            "max_ms": latencies[-1], "req_s": len(latencies) / wall, "errors": errors[0]}


def _targets(path: Path, n: int = 500) -> dict[str, Any]:
    """Outlets (weighted by articles) and a spread of article ids to request."""
    import sqlite3

    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        outlets = [o for o, in db.execute("SELECT outlet FROM articles WHERE outlet IS NOT NULL AND rowid % 97 = 0")]
        total = db.execute("SELECT max(rowid) FROM articles").fetchone()[0]
        step = max(1, total // n)
        ids = [i for i, in db.execute("SELECT id FROM articles WHERE rowid % ? = 0", (step,))]
    finally:
        db.close()
    return {"outlets": outlets, "sample_articles": ids}


def scenarios(n_articles: int | None = None, requests: int = REQUESTS) -> tuple[Path, dict[str, Any],
                                                                                dict[str, list[str]]]:
    """The store (built once) and the paths each route's scenario requests."""
    n_articles = n_articles or int(os.environ.get("NEWSPRISM_BENCH_WEB_ARTICLES", "100000"))
    path, meta = cached_store(n_articles)
    meta = {**meta, **_targets(path)}
    rng = random.Random(11)
    story_ids = [f"s{rng.randrange(meta['stories']):07d}" for _ in range(requests)]
    vocab = meta["vocab"]
    common = ["trump", "obama", "president", "police", "house", "china", "apple", "market", "court", "season"]
    queries = []
    for i in range(requests):
        words = [rng.choice(common)] if i % 3 == 0 else [rng.choice(vocab)]
        if i % 2:
            words.append(rng.choice(vocab if i % 4 == 1 else common))
        queries.append("+".join(words))
    outlets = meta["outlets"]
    article_ids = [quote(a, safe="") for a in meta["sample_articles"]]
    years = [str(2010 + i % 16) for i in range(requests)]
    home = ["/", "/?page=2", "/?page=40"] + [f"/?outlet={quote(rng.choice(outlets), safe='')}" for _ in range(5)] \
        + [f"/?since={y}&until={int(y) + 1}" for y in years[:4]]
    paths = {
        "home page (HTML; newest, later pages, outlet and date filters)": [home[i % len(home)] for i in range(requests)],
        "home (JSON)": [home[i % len(home)].replace("/", "/index.json", 1) for i in range(requests)],
        "story page (HTML)": [f"/stories/{s}" for s in story_ids],
        "story (JSON)": [f"/stories/{s}.json" for s in story_ids],
        "outlet page (HTML)": [f"/outlets/{quote(rng.choice(outlets), safe='')}" for _ in range(requests)],
        "outlet (JSON)": [f"/outlets/{quote(rng.choice(outlets), safe='')}.json" for _ in range(requests)],
        "article page (HTML, with diff)": [f"/articles/{rng.choice(article_ids)}" for _ in range(requests)],
        "article (JSON)": [f"/articles/{rng.choice(article_ids)}.json" for _ in range(requests)],
        "search (HTML)": [f"/search?q={q}" for q in queries],
        "search (JSON)": [f"/search.json?q={q}" for q in queries],
        "atom feed": ["/stories.atom"] * requests,
    }
    return path, meta, paths


def run(n_articles: int | None = None, requests: int = REQUESTS, concurrency: int = CONCURRENCY) -> list[dict[str, Any]]:
    """Each route over real HTTP: ``newsprism serve`` on 127.0.0.1, ``concurrency`` httpx clients."""
    from newsprism.web.background import running_server

    path, meta, paths = scenarios(n_articles, requests)
    rows = []
    with running_server(path, "bench", timeout=120) as base:
        load(base, [p for ps in paths.values() for p in ps[:25]],
             concurrency=concurrency)   # warm-up: page cache, templates, worker threads
        for name, ps in paths.items():
            result = load(base, ps, concurrency=concurrency)
            rows.append({"scenario": name, "articles": meta["articles"], "stories": meta["stories"],
                         "concurrency": concurrency, **result, "target_p95_ms": TARGET_MS,
                         "meets": "yes" if result["p95_ms"] <= TARGET_MS and not result["errors"] else "NO"})
    return rows


def in_process(n_articles: int | None = None, requests: int = 100) -> list[dict[str, Any]]:
    """Each route through the ASGI app in this process, one request at a time: the views' own cost, free of
    the load generator's threads and of the loopback (a shared machine's load blurs those)."""
    from fastapi.testclient import TestClient

    from newsprism.web.app import create_app

    path, _meta, paths = scenarios(n_articles, requests)
    client = TestClient(create_app(path, "bench-token"))
    rows = []
    for name, ps in paths.items():
        for p in ps[:5]:
            client.get(p)
        ms = []
        for p in ps:
            started = time.perf_counter()
            status = client.get(p).status_code
            ms.append((time.perf_counter() - started) * 1000)
            assert status == 200, (p, status)
        ms.sort()
        rows.append({"scenario": name, "requests": len(ms), "p50_ms": round(ms[len(ms) // 2], 1),
                     "p95_ms": round(ms[int(len(ms) * 0.95)], 1), "max_ms": round(ms[-1], 1)})
    return rows


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    n = int(argv[0]) if argv and argv[0].isdigit() else None   # "python -m benchmarks web" passes "web"
    inside = in_process(n)
    load_avg = os.getloadavg()[0]
    print(table(f"web: each route in process (one request at a time, no HTTP), load average {load_avg:.1f} on "
                f"{os.cpu_count()} CPUs", inside, ["scenario", "requests", "p50_ms", "p95_ms", "max_ms"]))
    if "--in-process" in argv:
        return
    print()
    rows = run(n)
    by_name = {r["scenario"]: r for r in inside}
    for r in rows:
        r["in_process_p95_ms"] = by_name[r["scenario"]]["p95_ms"]
        r["http/in_process"] = round(r["p95_ms"] / max(r["in_process_p95_ms"], 0.1), 2)
    size = Path(cached_store(rows[0]["articles"])[0]).stat().st_size / 2**20
    print(table(f"web: latency over HTTP on loopback, {rows[0]['articles']:,} articles / {rows[0]['stories']:,} "
                f"stories ({size:.0f} MiB store), {rows[0]['concurrency']} concurrent clients, "
                f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
                f"[{versions('fastapi', 'uvicorn', 'jinja2')}; target p95 <= {TARGET_MS:.0f} ms on every route; "
                f"in_process_p95_ms: the same route in process, from this run]",
                rows, ["scenario", "requests", "p50_ms", "p95_ms", "p99_ms", "max_ms", "req_s", "errors",
                       "in_process_p95_ms", "http/in_process", "target_p95_ms", "meets"]))


if __name__ == "__main__":
    main()
