"""The entity tagger in a process of its own.

spaCy's NER holds Python's GIL for much of its work on short texts, so in a
thread it takes turns with the cluster stage's assignment (pure Python) instead
of running beside it: on the 2,209 headlines the two together took 10.5 s of
wall time for 13 s of CPU. In its own process it runs on the other core.

``TaggerProcess`` starts a child (``python -m newsprism.compare.tagger FD``,
a fresh interpreter: nothing of the caller's main module runs again there,
as it would under multiprocessing's spawn) that loads the same spaCy pipeline
(``models.nlp``) and answers one request at a time over a socket pair: a list of texts in, their
``(start, end, label, text)`` entity spans out, the same spans the pipeline
gives in this process. The child ends when asked, when this process's end of
the pipe closes (this process exited or was killed), or on its own errors,
which this side reports as ``TaggerError`` so that the caller can tag in
process instead.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

log = logging.getLogger("newsprism")

Spans = list[tuple[int, int, str, str]]

#: seconds to wait for the child to load its model, and for one request (a generous bound: a hung child is killed)
START_TIMEOUT = 180.0
REQUEST_TIMEOUT = 900.0
#: the child's numerical libraries run on one thread: it is one of the process's workers, not a pool
_ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "BLIS_NUM_THREADS": "1"}


class TaggerError(RuntimeError):
    """The tagger process could not start, died, hung, or failed on a request."""


class TaggerProcess:
    """spaCy's NER served by a child process (see the module's docstring); thread-safe, one request at a time."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        env = {**os.environ, **_ONE_THREAD}
        package_root = str(Path(__file__).resolve().parents[2])      # where this newsprism is imported from
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        try:
            self._proc = subprocess.Popen([sys.executable, "-m", "newsprism.compare.tagger", str(theirs.fileno())],
                                          pass_fds=(theirs.fileno(),), env=env, stdin=subprocess.DEVNULL,
                                          close_fds=True)
        except OSError:
            ours.close()
            raise
        finally:
            theirs.close()
        self._conn = Connection(ours.detach())
        self._lock = threading.Lock()
        self.has_model: bool | None = None     # known once the child is ready

    def ready(self, timeout: float = START_TIMEOUT) -> bool:
        """Wait until the child has loaded its model; whether it has one (False: spaCy is missing there too)."""
        with self._lock:
            if self.has_model is None:
                self.has_model = bool(self._receive(timeout))
            return self.has_model

    def spans(self, texts: list[str], batch_size: int) -> list[Spans]:
        """Entity spans of each text, as ``nlp.pipe(texts, batch_size=batch_size)`` finds them."""
        if not self.ready():
            raise TaggerError("the tagger process has no spaCy model")
        with self._lock:
            try:
                self._conn.send((texts, batch_size))
            except (OSError, ValueError) as exc:
                self.close()
                raise TaggerError(f"the tagger process is gone ({exc})") from None
            out = self._receive(REQUEST_TIMEOUT)
        return [[tuple(s) for s in spans] for spans in out]  # type: ignore[misc]

    def _receive(self, timeout: float) -> Any:
        try:
            if not self._conn.poll(timeout):
                self.close()
                raise TaggerError(f"the tagger process gave no answer in {timeout:.0f} s")
            ok, value = self._conn.recv()
        except (EOFError, OSError) as exc:
            self.close()
            raise TaggerError(f"the tagger process died ({type(exc).__name__})") from None
        if not ok:
            raise TaggerError(f"the tagger process failed: {value}")
        return value

    def alive(self) -> bool:
        return self._proc.poll() is None

    def cpu_seconds(self) -> float | None:
        """The CPU time (user and system) the child has used so far; None where ``/proc`` cannot tell (not
        Linux, or the child is gone). A caller timing its own process with ``time.process_time`` misses it."""
        try:
            with open(f"/proc/{self._proc.pid}/stat", encoding="ascii") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return None

    def close(self) -> None:
        """Ask the child to end, then make sure it has."""
        try:
            self._conn.send(None)
        except (OSError, ValueError):
            pass
        try:
            self._proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(timeout=2)
        self._conn.close()


def _serve(conn: Any) -> None:
    """The child: load the pipeline, then answer requests until told to stop or the parent is gone."""
    try:
        from newsprism.compare import models

        nlp = models.nlp()
        conn.send((True, bool(nlp)))
    except BaseException as exc:        # noqa: BLE001  (reported to the parent, which tags in process)
        conn.send((False, f"{type(exc).__name__}: {exc}"))
        return
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if msg is None:
            return
        texts, batch_size = msg
        try:
            out = [[(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
                   for doc in nlp.pipe(texts, batch_size=batch_size)]
            conn.send((True, out))
        except Exception as exc:        # noqa: BLE001
            conn.send((False, f"{type(exc).__name__}: {exc}"))


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1])))
