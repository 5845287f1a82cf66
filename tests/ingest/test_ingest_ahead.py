"""The ingest stage fetches URL items ahead, concurrently, and keeps their order; a caller's Fetcher is reused."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from loopback import ROBOTS, Server, dev_pages

from newsprism.ingest.urls import Fetcher
from newsprism.pipeline import Pipeline, analyze
from newsprism.store import open_store

HOSTS = [f"127.0.0.{i}" for i in range(2, 8)]


class InFlight:
    """Counts the requests being served at once, over every host."""

    def __init__(self) -> None:
        self.now = self.most = 0
        self.lock = threading.Lock()

    def page(self, body: bytes, delay: float) -> Any:
        """A handler that answers ``body`` after ``delay`` seconds."""
        def handler(h: Any) -> None:
            with self.lock:
                self.now += 1
                self.most = max(self.most, self.now)
            try:
                time.sleep(delay)
                h.send_response(200)
                h.send_header("Content-Type", "text/html; charset=utf-8")
                h.send_header("Content-Length", str(len(body)))
                h.end_headers()
                h.wfile.write(body)
            finally:
                with self.lock:
                    self.now -= 1
        return handler


@pytest.fixture
def hosts() -> Iterator[list[Server]]:
    servers = [Server(host) for host in HOSTS]
    for s in servers:
        s.add("/robots.txt", ROBOTS, content_type="text/plain")
        s.thread.start()
    try:
        yield servers
    finally:
        for s in servers:
            s.httpd.shutdown()
            s.httpd.server_close()


def test_pages_of_many_hosts_are_fetched_at_once_and_kept_in_order(hosts: list[Server], tmp_path: Path) -> None:
    counter = InFlight()
    urls = [s.add("/a.html", counter.page(page, 0.4)) for s, page in zip(hosts, dev_pages(len(hosts)))]
    urls.insert(3, hosts[0].url("/missing.html"))     # a 404 among them keeps its place too
    store = open_store(str(tmp_path / "s.db"))
    try:
        result = analyze(urls, store, pipeline=Pipeline(["ingest", "extract"], config={
            "ingest": {"allow_private": True}, "extract": {"workers": 0}}))
    finally:
        store.close()
    assert [a["source"] for a in result.report["articles"]] == [u for u in urls if "missing" not in u]
    assert [(e["source"], e["code"]) for e in result.failed] == [(urls[3], "NP112")]
    assert all(a["text"] for a in result.report["articles"])
    assert counter.most >= 3, f"pages were fetched one at a time (at most {counter.most} at once)"


def test_a_callers_fetcher_is_used_and_left_open(hosts: list[Server], tmp_path: Path) -> None:
    site = hosts[0]
    pages = dev_pages(2)
    urls = [site.add(f"/p{i}.html", page) for i, page in enumerate(pages)]
    store = open_store(str(tmp_path / "s.db"))
    with Fetcher(allow_private=True, host_interval=0.0) as fetcher:
        fetcher.get(site.url("/p0.html"))             # robots.txt read once, here
        try:
            result = analyze(urls, store, pipeline=Pipeline(["ingest", "extract"], config={
                "extract": {"workers": 0}}), fetcher=fetcher)
        finally:
            store.close()
        assert [a["source"] for a in result.report["articles"]] == urls
        assert site.hits("/robots.txt") == 1           # the run asked robots.txt no second time
        assert fetcher.get(urls[1]).status == 200      # and did not close the caller's fetcher


def test_the_window_holds_few_big_items(hosts: list[Server], tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # items that hold many bytes (a feed's entry pages, big pages) are fetched fewer at a time: the window is sized
    # by the bytes of the items read so far
    from newsprism.ingest import stage as ingest_stage
    from newsprism.ingest.stage import IngestStage
    from newsprism.stage import RunContext

    monkeypatch.setattr(ingest_stage, "FETCH_AHEAD_BYTES", 400_000)
    monkeypatch.setattr(ingest_stage, "FETCH_AHEAD_FIRST", 2)
    counter = InFlight()
    big = b"<html><body>" + b"<p>harbour strike in Antwerp</p>" * 10_000 + b"</body></html>"     # 330 KB
    urls = [s.add("/big.html", counter.page(big, 0.3)) for s in hosts]
    store = open_store(str(tmp_path / "s.db"))
    try:
        stage = IngestStage(RunContext(store=store), allow_private=True)
        got = [r.source for r in stage.run(urls)]
    finally:
        store.close()
    assert got == urls
    assert counter.most <= 2, f"{counter.most} big pages were fetched at once"
