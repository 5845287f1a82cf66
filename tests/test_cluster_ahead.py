"""The cluster stage reads its models' signals ahead: as articles arrive, and batches ahead of assignment."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import DATA

from newsprism.cluster import signals
from newsprism.cluster.stage import ClusterStage
from newsprism.executor.local import publication_order
from newsprism.extract.stage import JSONL_COMMIT, JSONL_FIRST, ExtractStage, articles_from_jsonl
from newsprism.ingest.files import read_input
from newsprism.stage import RunContext
from newsprism.store import open_store


def _articles(tmp_path: Path, n: int) -> list:
    rows = [json.loads(line) for line in (DATA / "stories-dev" / "headlines.jsonl").read_text().splitlines()][:n]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return [a for a in articles_from_jsonl(read_input(str(path)))]


def _stage(tmp_path: Path, monkeypatch, **attrs) -> tuple[ClusterStage, list[int]]:  # type: ignore[no-untyped-def]
    read: list[int] = []
    real = signals.read
    monkeypatch.setattr(signals, "read", lambda pairs, threads=None: read.append(len(pairs)) or real(pairs, threads))
    stage = ClusterStage(RunContext(store=open_store(str(tmp_path / "s.db"))))
    for k, v in attrs.items():
        setattr(stage, k, v)
    return stage, read


def _run(stage: ClusterStage, articles: list) -> list:
    for a in articles:
        stage.ctx.store.put_article(a)
    arrived = list(stage.arriving(articles))
    assert arrived == articles                  # passed on unchanged, in arrival order
    return list(stage.run(publication_order(arrived)))


def test_signals_are_read_as_articles_arrive_and_once(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    articles = _articles(tmp_path, 300)
    stage, read = _stage(tmp_path, monkeypatch)
    done = _run(stage, articles)
    assert len(done) == 300 and all(a.story for a in done)
    assert stage.read_on_arrival == 300
    assert sum(read) == 300                     # no article read twice
    assert read[:3] == [32, 64, 128]            # small batches first, so that assignment starts sooner
    # every article's signals are kept in the store
    vec_kind, ent_kind = stage.kinds
    assert len(list(stage.ctx.store.iter_fingerprints(vec_kind))) == 300
    assert len(list(stage.ctx.store.iter_fingerprints(ent_kind))) == 300


def test_reading_on_arrival_is_bounded(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    articles = _articles(tmp_path, 120)
    stage, read = _stage(tmp_path, monkeypatch, early_max=40, lookahead=50)
    done = _run(stage, articles)
    assert len(done) == 120 and all(a.story for a in done)
    assert stage.read_on_arrival == 40
    assert sum(read) == 120


def test_an_article_changed_after_it_arrived_is_read_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    articles = _articles(tmp_path, 40)
    stage, read = _stage(tmp_path, monkeypatch)
    for a in articles:
        stage.ctx.store.put_article(a)
    arrived = list(stage.arriving(articles))
    arrived[5].text = "Volcano erupts in Iceland, flights grounded across northern Europe"
    done = list(stage.run(publication_order(arrived)))
    assert len(done) == 40
    assert stage.read_on_arrival == 39
    assert sum(read) == 41


def test_a_jsonl_input_flows_on_before_it_is_all_read(tmp_path: Path) -> None:
    rows = [{"id": f"r{i}", "text": f"Row {i} of a long file about a harbour strike in Antwerp."} for i in range(1200)]
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    store = open_store(str(tmp_path / "s.db"))
    stage = ExtractStage(RunContext(store=store), workers=0)
    stream = stage.run([read_input(str(path))])
    first = next(stream)
    assert first.id == "r0"
    assert store.count("articles") == JSONL_FIRST       # the first commit's rows, not the whole file
    assert [next(stream).id for _ in range(JSONL_FIRST)][-1] == f"r{JSONL_FIRST}"
    assert store.count("articles") == JSONL_FIRST + JSONL_COMMIT
    assert [a.id for a in stream] == [r["id"] for r in rows][JSONL_FIRST + 1:]
    assert store.count("articles") == 1200
