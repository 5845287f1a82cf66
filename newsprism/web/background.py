"""Run ``newsprism serve`` in a subprocess on a free loopback port (browser tests, screenshots, benchmarks)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(db: str | Path, token: str, *, port: int | None = None, timeout: float = 30.0,
                   extra: list[str] | None = None) -> Iterator[str]:
    """Yield the base URL of a ``newsprism serve`` process over ``db``; stop it afterwards."""
    port = port or free_port()
    cmd = [sys.executable, "-m", "newsprism", "serve", "--db", str(db), "--host", "127.0.0.1",
           "--port", str(port), "--token", token, *(extra or [])]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"newsprism serve exited {proc.returncode}: {proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                with urllib.request.urlopen(base + "/openapi.json", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("newsprism serve did not start in time") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
