"""A throwaway PostgreSQL server for the tests: Debian's binaries, a temp folder, a loopback port.

The tests start it themselves (CI installs Debian's ``postgresql`` package);
when the binaries are missing the tests fail, unless ``NEWSPRISM_NO_PG=1``
says to skip them. As root it runs as the ``postgres`` system user (the
server refuses root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

SKIP_ENV = "NEWSPRISM_NO_PG"


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PGServer:
    def __init__(self) -> None:
        bindir = _bindir()
        if bindir is None:
            if os.environ.get(SKIP_ENV) == "1":
                pytest.skip(f"no PostgreSQL server binaries and {SKIP_ENV}=1")
            pytest.fail("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin): apt-get install "
                        f"postgresql, or set {SKIP_ENV}=1 to skip the PostgreSQL tests")
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="newsprism-pg-"))
        self.data, self.port = self.folder / "data", _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            self.as_user = ["runuser", "-u", "postgres", "--"]
            pw = pwd.getpwnam("postgres")
            os.chown(self.folder, pw.pw_uid, pw.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c shared_buffers=32MB -c max_connections=50")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-o", options, "-w", "-t", "60",
                  "start")

    def _run(self, tool: str, *args: str) -> None:
        proc = subprocess.run([*self.as_user, str(self.bindir / tool), *args], capture_output=True, text=True)
        if proc.returncode:
            log = self.folder / "log"
            raise RuntimeError(f"{tool} failed: {proc.stderr or proc.stdout}"
                               + (log.read_text(errors="replace")[-2000:] if log.exists() else ""))

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{db}"

    def new_database(self) -> str:
        """A fresh empty database; its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
