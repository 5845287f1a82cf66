"""The API keeps its own contract: ``schemathesis run --checks all`` against a server over the seeds' store
(with the hostile corpus) finds nothing, on a bounded, seeded budget (every phase: the schema's examples,
coverage of each constraint's edges, fuzzing, stateful).

Valid requests must be accepted, invalid ones refused, answers must match the schema and a 405 must say
what is allowed. Writes are tried without the token: refused (401) before anything is read; nothing is written.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newsprism.web.background import running_server

from .conftest import TOKEN


def test_api_contract(web_db: Path) -> None:
    with running_server(web_db, TOKEN) as base:
        proc = subprocess.run([sys.executable, "-m", "schemathesis.cli", "run", base + "/openapi.json",
                               "--checks", "all", "--max-examples", "8", "--seed", "7", "--no-color"],
                              capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-8000:] + proc.stderr[-2000:]
    assert "Schema-violating" not in proc.stdout and "should have been accepted" not in proc.stdout
