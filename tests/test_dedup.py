"""Near-duplicates: the dedup stage on dupes-dev, across runs, under a flood of copies, and its canonical rule."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from conftest import DATA

from newsprism.dedup.stage import DedupStage
from newsprism.pipeline import Pipeline, analyze
from newsprism.stage import RunContext
from newsprism.store import SQLiteStore, open_store
from newsprism.types import Article

DUPES = DATA / "dupes-dev" / "dupes.jsonl"
PIPELINE = ["ingest", "extract", "dedup"]


def _rows() -> list[dict]:
    return [json.loads(line) for line in DUPES.read_text("utf-8").splitlines() if line.strip()]


def _pairs(groups: dict[str, str]) -> set[tuple[str, str]]:
    by: dict[str, list[str]] = {}
    for item, group in groups.items():
        by.setdefault(group, []).append(item)
    return {tuple(sorted(p)) for members in by.values() for p in itertools.combinations(members, 2)}


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    return path


def _analyze(store: object, *paths: Path) -> None:
    analyze([str(p) for p in paths], store, pipeline=Pipeline(PIPELINE, config={"extract": {"workers": 0}}))


def _canonical(store: SQLiteStore) -> dict[str, str]:
    return {a.id: a.duplicate_of or a.id for a in store.iter_articles()}


def _assert_one_canonical_per_group(store: SQLiteStore) -> None:
    """Every duplicate points at a canonical copy, which points nowhere."""
    canon = _canonical(store)
    assert all(canon[c] == c for c in canon.values())


def test_dupes_dev_pairs_exactly(db: Path) -> None:
    rows = _rows()
    store = open_store(str(db))
    _analyze(store, DUPES)
    pred = _canonical(store)
    assert set(pred) == {r["id"] for r in rows}
    gold = _pairs({r["id"]: r["dupe_group"] for r in rows})
    assert _pairs(pred) == gold and len(gold) > 100
    _assert_one_canonical_per_group(store)


def test_copies_found_through_the_store_index_in_a_later_run(tmp_path: Path, db: Path) -> None:
    """Originals in one run, their copies in later runs: candidates then come from the store's postings."""
    rows = _rows()
    half = len(rows) // 2
    first = _write(tmp_path / "first.jsonl", rows[:half])
    second = _write(tmp_path / "second.jsonl", rows[half:])
    store = open_store(str(db))
    _analyze(store, first)
    assert store.dedup_stamp() > 0
    _analyze(store, second)
    assert _pairs(_canonical(store)) == _pairs({r["id"]: r["dupe_group"] for r in rows})
    _assert_one_canonical_per_group(store)


def test_a_flood_of_copies_is_one_group_and_indexes_one_article(tmp_path: Path, db: Path) -> None:
    rows = _rows()
    text, others = rows[0]["text"], [rows[5], rows[9]]
    assert len({r["dupe_group"] for r in [rows[0], *others]}) == 3
    flood = [{"id": f"copy-{i:04d}", "text": text} for i in range(600)]
    store = open_store(str(db))
    _analyze(store, _write(tmp_path / "flood.jsonl", [*flood, *others]))
    _analyze(store, _write(tmp_path / "more.jsonl", [{"id": f"late-{i:03d}", "text": text} for i in range(150)]))
    canon = _canonical(store)
    copies = [i for i in canon if i.startswith(("copy-", "late-"))]
    assert len(copies) == 750 and len({canon[i] for i in copies}) == 1
    assert canon[others[0]["id"]] == others[0]["id"] and canon[others[1]["id"]] == others[1]["id"]
    # only the first copy of each group is indexed: the index does not grow with the flood
    indexed = store.db.execute("SELECT count(DISTINCT article) FROM dedup_postings").fetchone()[0]
    assert indexed == 3
    _assert_one_canonical_per_group(store)


def _article(aid: str, text: str, clean: float) -> Article:
    return Article(id=aid, source=aid, input_sha256=aid, text=text, clean_ratio=clean,
                   word_count=len(text.split()))


def _dedup(store: SQLiteStore, articles: list[Article]) -> None:
    for a in articles:
        store.put_article(a)
    list(DedupStage(RunContext(store=store)).run(articles))


def test_a_cleaner_later_copy_becomes_canonical_and_groups_merge(db: Path) -> None:
    rows = _rows()
    p, q = rows[0]["text"], rows[5]["text"]
    store = SQLiteStore(db)
    # run 1: two groups, each a dump (clean 0.3) and a copy of it
    _dedup(store, [_article("p-dump", p, 0.3), _article("p-copy", p, 0.3),
                   _article("q-dump", q, 0.3), _article("q-copy", q, 0.3)])
    canon = _canonical(store)
    assert canon["p-copy"] == canon["p-dump"] != canon["q-dump"] == canon["q-copy"]
    # run 2: a clean copy of p takes over its group, whose members all point at it
    _dedup(store, [_article("p-clean", p, 1.0)])
    canon = _canonical(store)
    assert canon["p-dump"] == canon["p-copy"] == canon["p-clean"] == "p-clean"
    assert store.get_article("p-clean").duplicate_of is None
    # run 3: a page holding both articles bridges the groups; the cleanest copy stays canonical
    _dedup(store, [_article("pq-page", p + "\n\n" + q, 0.6)])
    canon = _canonical(store)
    assert {canon[i] for i in ("p-dump", "p-copy", "p-clean", "q-dump", "q-copy", "pq-page")} == {"p-clean"}
    _assert_one_canonical_per_group(store)


def test_postings_round_trip_any_64_bit_hash(db: Path) -> None:
    store = SQLiteStore(db)
    extremes = [-(2**63), -1, 0, 1, 2**53 + 1, 2**63 - 1]
    with store.transaction():
        store.add_postings_many([(h, "a") for h in extremes] + [(7, "b")])
    assert sorted(store.postings([*extremes, 7, 8])) == sorted([(h, "a") for h in extremes] + [(7, "b")])
    assert store.postings([8]) == []


def test_the_benchmarks_in_memory_store_serves_the_stage(db: Path) -> None:
    # ``python -m benchmarks dupes`` times the stage on a store of Python dicts: it must still offer what the stage
    # asks for, and give the groups the SQLite store gives
    from benchmarks.bench_dupes import dedup_memory

    store = open_store(str(db))
    _analyze(store, DUPES)
    articles = list(store.iter_articles())
    for a in articles:
        a.duplicate_of = None
    groups, _ = dedup_memory(articles)
    assert _pairs(groups) == _pairs(_canonical(store))
