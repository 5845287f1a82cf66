"""Documentation that cannot drift: commands, error codes and exports."""

from __future__ import annotations

import newsprism
from conftest import ROOT, run_cli
from newsprism.cli import cli
from newsprism.errors import all_codes

README = (ROOT / "README.md").read_text()


def test_every_command_in_readme() -> None:
    for name in cli.commands:
        assert f"newsprism {name}" in README, name


def test_every_error_code_in_readme() -> None:
    for code in all_codes():
        if code not in ("NP000", "NP001", "NP100", "NP200", "NP300", "NP400", "NP401"):
            assert code in README, code


def test_exports_resolve() -> None:
    for name in newsprism.__all__:
        assert getattr(newsprism, name) is not None


def test_help_teaches() -> None:
    for name in cli.commands:
        proc = run_cli(name, "--help")
        assert proc.returncode == 0 and "Usage:" in proc.stdout and len(proc.stdout) > 200, name
