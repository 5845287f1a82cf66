"""SIGKILL during `newsprism watch`, then restart: nothing lost, nothing counted twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from loopback import conditional, dev_pages, rss, seed_texts, server  # noqa: F401  (fixtures)

from conftest import ROOT, run_cli
from newsprism.store import open_store

WATCH = ("watch", "--once", "--allow-private", "--workers", "1")


def _articles(db: Path) -> int:
    try:
        store = open_store(str(db))
    except Exception:
        return 0
    try:
        return store.count("articles")
    except Exception:
        return 0
    finally:
        store.close()


def _kill_once_stored(db: Path, at_least: int) -> int:
    """Start a watch, SIGKILL it (and its workers) once ``at_least`` articles are stored; return how many were."""
    proc = subprocess.Popen([sys.executable, "-m", "newsprism", *WATCH, "--db", str(db)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 180
    while time.time() < deadline and proc.poll() is None and _articles(db) < at_least:
        time.sleep(0.05)
    assert proc.poll() is None, "watch finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return _articles(db)


def _state(db: Path) -> dict:
    store = open_store(str(db))
    try:
        articles = {a.id: (a.source, a.duplicate_of) for a in store.iter_articles()}
        stories = sorted((s.id, sorted(s.articles)) for s in store.iter_stories())
        members = [aid for _, ids in stories for aid in ids]
        entries = {f["url"]: store.feed_entry_state(f["url"]) for f in store.list_feeds()}
        return {"articles": articles, "stories": stories, "members": members, "entries": entries}
    finally:
        store.close()


@pytest.mark.slow
def test_watch_killed_twice_then_resumed(server, tmp_path: Path) -> None:  # noqa: F811
    pages = dev_pages(5)
    for i, page in enumerate(pages):
        server.add(f"/news/a{i}.html", page)
    for i, text in enumerate(seed_texts()):
        server.add(f"/news/s{i}.txt", text, content_type="text/plain; charset=utf-8")
    items = [(server.url(f"/news/a{i}.html"), f"A{i}") for i in range(len(pages))]
    items += [(server.url(f"/news/s{i}.txt"), f"S{i}") for i in range(len(seed_texts()))]
    # a feed that answers 304 to its validators: a restart must not take a 304 for "all analysed"
    server.add("/feed.xml", conditional(rss(items), '"v1"', "Mon, 01 Jan 2024 00:00:00 GMT"))

    reference = tmp_path / "reference.db"
    killed = tmp_path / "killed.db"
    for db in (reference, killed):
        assert run_cli("feeds", "add", server.url("/feed.xml"), "--db", str(db)).returncode == 0
    done = run_cli(*WATCH, "--db", str(reference), "--json", "-")
    assert done.returncode == 0, done.stderr
    expected = _state(reference)
    assert len(expected["articles"]) == len(items)

    first = _kill_once_stored(killed, 2)
    second = _kill_once_stored(killed, first + 2)       # the restart resumes, then is killed again
    assert 2 <= first < second < len(items)
    final = run_cli(*WATCH, "--db", str(killed), "--json", "-")
    assert final.returncode == 0, final.stderr
    got = _state(killed)

    assert got["articles"] == expected["articles"]          # nothing lost, no article stored twice
    assert got["stories"] == expected["stories"]
    assert len(got["members"]) == len(set(got["members"]))  # no article in two stories
    assert got["entries"] == expected["entries"]            # every entry done, each counted once
    assert all(state == ("done", 1) for entries in got["entries"].values() for state in entries.values())
    # now that every entry is in, the validators are kept: the next poll is one 304 and changes nothing
    again = run_cli(*WATCH, "--db", str(killed))
    assert again.returncode == 0 and "not modified" in again.stdout
    assert _state(killed) == got
