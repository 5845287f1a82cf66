"""Every error code the program can emit is in the README's table, and the table names no other."""

from __future__ import annotations

import re

from conftest import ROOT
from newsprism.errors import all_codes

CODE = re.compile(r"\bNP\d{3}\b")


def readme_table() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("| NP") or line.startswith("| | | NP"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            for code, meaning in zip(cells[0::2], cells[1::2]):
                if CODE.fullmatch(code):
                    rows[code] = meaning
    return rows


def emitted_codes() -> set[str]:
    """The codes of every error class, and every code written as a literal anywhere in the package."""
    codes = set(all_codes())
    for path in (ROOT / "newsprism").rglob("*.py"):
        codes.update(CODE.findall(path.read_text(encoding="utf-8")))
    return codes


def test_every_emitted_code_is_in_the_table() -> None:
    table = readme_table()
    missing = sorted(emitted_codes() - set(table))
    assert not missing, f"codes the program can emit but the README's table lacks: {missing}"
    assert all(len(meaning) > 3 for meaning in table.values())


def test_the_table_names_only_real_codes() -> None:
    assert set(readme_table()) <= set(all_codes())
