"""Screenshots of the web UI for the README, taken by Debian's Chromium through Playwright.

    python scripts/screenshot.py [--out docs/screenshots]

Analyses the seeds into a fresh store, serves it with ``newsprism serve`` on
loopback, and saves the seeds' story page (``story.png``) and an article
opened from a citation of the brief (``article.png``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("NEWSPRISM_SHARED", ROOT.parent / "shared")) / "seeds"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def shoot(base: str, out: Path, *, width: int = 1400, height: int = 1600, browser: Any = None) -> list[Path]:
    """Save the screenshots of the server at ``base`` into ``out`` (``browser``: an open Playwright browser)."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            b = launch(p)
            try:
                return shoot(base, out, width=width, height=height, browser=b)
            finally:
                b.close()
    import json
    import urllib.request

    stories = json.load(urllib.request.urlopen(base + "/index.json"))["stories"]
    story = next(s for s in stories if "Maduro" in s["title"]) if any(
        "Maduro" in s["title"] for s in stories) else max(stories, key=lambda s: s["articles"])
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
    page.goto(base + story["href"])
    page.screenshot(path=str(out / "story.png"))
    saved.append(out / "story.png")
    cite = page.locator("#summary a.cite").first
    if cite.count():
        cite.click()
        page.wait_for_selector("#hl")
        page.screenshot(path=str(out / "article.png"))
        saved.append(out / "article.png")
    page.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from newsprism.pipeline import analyze
    from newsprism.store import SQLiteStore
    from newsprism.web.background import running_server

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "seeds.db"
        store = SQLiteStore(db)
        analyze([str(SEEDS)], store)
        store.close()
        with running_server(db, "screenshot") as base:
            for path in shoot(base, Path(args.out)):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
