"""Sources added from the browser: each upload becomes a job analysed in a background thread.

One worker thread runs the jobs one at a time into the app's store (its own
store connection; readers keep reading: SQLite's WAL, PostgreSQL's MVCC). A job's status is polled by
``/jobs/{id}.json``; jobs live in memory for the life of the server.
"""

from __future__ import annotations

import queue
import re
import secrets
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from newsprism.store import open_store

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str, index: int) -> str:
    """A harmless file name keeping the suffix the pipeline reads (``.html``, ``.txt.gz``, ``.jsonl``…)."""
    base = _SAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).strip("._") or "upload"
    return f"{index:02d}_{base[-120:]}"


class Jobs:
    def __init__(self, store_path: str | Path, *, extract_workers: int = 1, timeout: float = 30.0,
                 keep: int = 200) -> None:
        self.store_path = str(store_path)
        self.extract_workers, self.timeout, self.keep = extract_workers, timeout, keep
        self._jobs: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue[tuple[str, Path | None, list[str]]] = queue.Queue()
        self._thread: threading.Thread | None = None

    # -- public -------------------------------------------------------------------
    def submit(self, files: list[tuple[str, bytes]], urls: list[str]) -> dict[str, Any]:
        job_id = secrets.token_hex(8)
        folder = Path(tempfile.mkdtemp(prefix="newsprism-upload-")) if files else None
        names = []
        for i, (name, data) in enumerate(files, start=1):
            safe = safe_name(name, i)
            (folder / safe).write_bytes(data)  # type: ignore[operator]
            names.append({"name": name, "stored_as": safe, "bytes": len(data)})
        job = {"id": job_id, "state": "queued", "created": time.time(), "started": None, "finished": None,
               "files": names, "urls": urls, "total": len(names), "progress": {},
               "articles": [], "stories": [], "errors": []}
        with self._lock:
            self._jobs[job_id] = job
            for old in list(self._jobs)[:-self.keep]:
                self._jobs.pop(old, None)
        self._queue.put((job_id, folder, urls))
        self._ensure_thread()
        return self.get(job_id) or {}

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return None
            out = {**job, "progress": dict(job["progress"])}
        out["done"] = out["state"] in ("done", "failed")
        return out

    def wait(self, job_id: str, timeout: float = 60.0) -> dict[str, Any] | None:
        """Block until the job ends (tests, scripts)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.get(job_id)
            if job is None or job["done"]:
                return job
            time.sleep(0.05)
        return self.get(job_id)

    # -- worker -----------------------------------------------------------------
    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="newsprism-jobs", daemon=True)
                self._thread.start()

    def _update(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            self._jobs.get(job_id, {}).update(changes)

    def _loop(self) -> None:
        while True:
            job_id, folder, urls = self._queue.get()
            try:
                self._run(job_id, folder, urls)
            finally:
                if folder is not None:
                    shutil.rmtree(folder, ignore_errors=True)
                self._queue.task_done()

    def _run(self, job_id: str, folder: Path | None, urls: list[str]) -> None:
        """Analyse the uploaded files and the URLs (pages or feeds; the ingest stage fetches them,
        refusing private and loopback addresses)."""
        from newsprism.pipeline import Pipeline, analyze

        self._update(job_id, state="running", started=time.time())
        paths = ([str(folder)] if folder is not None else []) + urls

        def on_total(n: int) -> None:
            self._update(job_id, total=n)

        def on_progress(stage: str, n: int) -> None:
            with self._lock:
                progress = self._jobs[job_id]["progress"]
                progress[stage] = progress.get(stage, 0) + n

        store = open_store(self.store_path)
        try:
            pipeline = Pipeline(config={"extract": {"workers": self.extract_workers, "timeout": self.timeout}})
            result = analyze(paths, store, pipeline=pipeline, on_progress=on_progress, on_total=on_total)
            report = result.report
            with self._lock:
                job = self._jobs[job_id]
                job["articles"] = [{"id": a["id"], "title": a["title"], "outlet": a["outlet"], "story": a["story"],
                                    "duplicate_of": a["duplicate_of"]} for a in report["articles"]]
                job["stories"] = [{"id": s["id"], "title": s["title"], "outlets": s["outlets"]}
                                  for s in report["stories"]]
                job["errors"] += [{**e, "source": e["source"] if e["source"] in urls else Path(e["source"]).name}
                                  for e in report["errors"]]
                job["state"], job["finished"] = "done", time.time()
        except Exception as exc:  # the job fails, the server goes on
            with self._lock:
                job = self._jobs[job_id]
                job["errors"].append({"source": "", "stage": "analyze", "code": "NP000",
                                      "message": f"{type(exc).__name__}: {exc}", "level": "error"})
                job["state"], job["finished"] = "failed", time.time()
        finally:
            store.close()
