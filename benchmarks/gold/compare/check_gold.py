"""Check the comparison gold: schema, and every span an exact substring of its article.

Run from anywhere: ``python benchmarks/gold/compare/check_gold.py [FILE ...]`` (stdlib only; with no file, every
gold file here and in ``../compare-ecb/``). Articles come from the BASIL dev set (``stories-dev/basil.jsonl``) and,
for the ECB+ files (``story`` "ecbp-...", with ``source`` and ``articles``), from ``stories-dev2/ecbplus.jsonl``; keys
ending in ``.txt`` are seed files.  Exit status 1 when any problem is found; each problem is printed on its own line.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", HERE.parents[2].parent / "shared"))   # as benchmarks/common.py
BASIL = SHARED / "data" / "stories-dev" / "basil.jsonl"
ECBPLUS = SHARED / "data" / "stories-dev2" / "ecbplus.jsonl"
ECB_GOLD = HERE.parent / "compare-ecb"
SEEDS = SHARED / "seeds"

#: keys every file has (round 1 and 2 files); files that carry "written" (round 3 on) have all of them
BASE_KEYS = {"title", "story", "facts", "quotes", "conflicts"}
NEW_KEYS = {"written", "not_quotes", "relayed"}
#: an ECB+ file also names its articles (ids of ecbplus.jsonl, each its own outlet) and their source
ECB_KEYS = {"source", "articles"}
CONFLICT_KINDS = {"number", "date", "claim"}


def load_texts() -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in (BASIL, ECBPLUS):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    texts[row["id"]] = row["text"]
    if SEEDS.is_dir():
        for p in SEEDS.glob("*.txt"):
            texts[p.name] = p.read_text(encoding="utf-8")
    return texts


def _nonempty_str(x) -> bool:
    return isinstance(x, str) and x.strip() != ""


def check_spans(where: str, spans, texts: dict[str, str], problems: list[str], min_articles: int = 1) -> None:
    if not isinstance(spans, dict) or len(spans) < min_articles:
        problems.append(f"{where}: spans must map at least {min_articles} article id(s) to lists of spans")
        return
    for aid, lst in spans.items():
        check_one_article(f"{where}[{aid}]", aid, lst, texts, problems)


def check_one_article(where: str, aid: str, lst, texts: dict[str, str], problems: list[str]) -> None:
    if aid not in texts:
        problems.append(f"{where}: unknown article {aid!r}")
        return
    if isinstance(lst, str):
        lst = [lst]
    if not isinstance(lst, list) or not lst:
        problems.append(f"{where}: needs a non-empty list of spans")
        return
    for s in lst:
        if not _nonempty_str(s):
            problems.append(f"{where}: empty or non-string span {s!r}")
        elif s not in texts[aid]:
            problems.append(f"{where}: not a substring of the article: {s!r}")


def check_file(path: Path, texts: dict[str, str]) -> list[str]:
    problems: list[str] = []
    name = path.name
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return [f"{name}: cannot be read as JSON ({exc})"]
    if not isinstance(gold, dict):
        return [f"{name}: top level must be an object"]
    story = gold.get("story")
    ecb = isinstance(story, str) and story.startswith("ecbp-")
    required = BASE_KEYS | (NEW_KEYS if "written" in gold or ecb else set()) | (ECB_KEYS if ecb else set())
    for key in sorted(required - gold.keys()):
        problems.append(f"{name}: missing key {key!r}")
    for key in sorted(gold.keys() - BASE_KEYS - NEW_KEYS - (ECB_KEYS if ecb else set())):
        problems.append(f"{name}: unknown key {key!r}")
    for key in ("title", "written"):
        if key in gold and not _nonempty_str(gold[key]):
            problems.append(f"{name}: {key!r} must be a non-empty string")
    if story != "seeds" and not (isinstance(story, str) and story.startswith(("basil-", "ecbp-"))):
        problems.append(f"{name}: 'story' must be a BASIL story id, an ECB+ story id or 'seeds'")
    elif story != "seeds" and name.startswith("basil-") and not story.startswith(name[:-len(".json")]):
        problems.append(f"{name}: story {story!r} does not match the file name")
    elif ecb and name != "ecb-" + story[len("ecbp-"):] + ".json":
        problems.append(f"{name}: story {story!r} does not match the file name")

    for i, fact in enumerate(gold.get("facts") or []):
        where = f"{name}: facts[{i}]"
        if not _nonempty_str(fact.get("about")):
            problems.append(f"{where}: needs 'about'")
        check_spans(where, fact.get("spans"), texts, problems, min_articles=2)
    for i, quote in enumerate(gold.get("quotes") or []):
        where = f"{name}: quotes[{i}]"
        if not _nonempty_str(quote.get("speaker")):
            problems.append(f"{where}: needs 'speaker' (a name or 'unnamed')")
        check_spans(where, quote.get("spans"), texts, problems, min_articles=1)
    for i, nq in enumerate(gold.get("not_quotes") or []):
        check_one_article(f"{name}: not_quotes[{i}]", nq.get("article", ""), [nq.get("span")], texts, problems)
    for i, conflict in enumerate(gold.get("conflicts") or []):
        where = f"{name}: conflicts[{i}]"
        if conflict.get("kind") not in CONFLICT_KINDS:
            problems.append(f"{where}: kind must be one of {sorted(CONFLICT_KINDS)}")
        if not _nonempty_str(conflict.get("about")):
            problems.append(f"{where}: needs 'about'")
        variants = conflict.get("variants") or []
        if len(variants) < 2:
            problems.append(f"{where}: needs two or more variants")
        for j, variant in enumerate(variants):
            if not _nonempty_str(variant.get("value")):
                problems.append(f"{where}.variants[{j}]: needs 'value'")
            check_spans(f"{where}.variants[{j}]", variant.get("spans"), texts, problems)
    for i, rel in enumerate(gold.get("relayed") or []):
        where = f"{name}: relayed[{i}]"
        if not _nonempty_str(rel.get("source")):
            problems.append(f"{where}: needs 'source'")
        check_one_article(where, rel.get("article", ""), [rel.get("span")], texts, problems)
    # every article a new-style file names belongs to its story
    if "written" in gold and isinstance(story, str) and story.startswith("basil-"):
        prefix = story[:len("basil-") + 8]
        for aid in _article_ids(gold):
            if not aid.lower().startswith(prefix.lower()):
                problems.append(f"{name}: article {aid!r} is not of story {story!r}")
    if ecb:
        for aid in sorted(_article_ids(gold) - set(gold.get("articles") or [])):
            problems.append(f"{name}: article {aid!r} is not among its 'articles'")
    return problems


def _article_ids(gold: dict) -> set[str]:
    ids: set[str] = set()
    for item in (gold.get("facts") or []) + (gold.get("quotes") or []):
        ids.update((item.get("spans") or {}).keys())
    for conflict in gold.get("conflicts") or []:
        for variant in conflict.get("variants") or []:
            ids.update((variant.get("spans") or {}).keys())
    for item in (gold.get("not_quotes") or []) + (gold.get("relayed") or []):
        ids.add(item.get("article", ""))
    return ids


def main(argv: list[str]) -> int:
    texts = load_texts()
    paths = [Path(a) for a in argv] or sorted(HERE.glob("*.json")) + sorted(ECB_GOLD.glob("*.json"))
    problems: list[str] = []
    for path in paths:
        found = check_file(path, texts)
        problems.extend(found)
        print(f"{path.name}: {'ok' if not found else f'{len(found)} problem(s)'}")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
