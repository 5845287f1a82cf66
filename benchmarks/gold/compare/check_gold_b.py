"""Check the gold-b comparison gold files (stdlib only).

Usage: python benchmarks/gold/compare/check_gold_b.py [FILE.json ...]
With no argument it checks the files written by gold-b (round 3). For every file it
checks the schema of benchmarks/gold/compare (title, story, facts, quotes, not_quotes,
conflicts, relayed) and that every span is an exact substring of its article: the
`text` of the row with that id in stories-dev/basil.jsonl, or, for a key ending in
.txt, the content of that file in the seeds folder. Exit status 1 on any problem.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("NEWSPRISM_SHARED", "/work/shared")
BASIL = os.path.join(DATA, "data", "stories-dev", "basil.jsonl")
SEEDS = os.path.join(DATA, "seeds")
GOLD_B = ["basil-ee05c9b3.json", "basil-005a2961.json", "basil-eadabee7.json",
          "basil-08bb9bee.json", "basil-70c744ad.json", "basil-c21cb217.json",
          "basil-8dac6c12.json", "seeds.json"]
KINDS = {"number", "date", "claim"}


def load_articles():
    rows = {}
    with open(BASIL, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                rows[row["id"]] = row
    return rows


def article_text(key, rows):
    if key.endswith(".txt"):
        path = os.path.join(SEEDS, key)
        if not os.path.isfile(path):
            return None
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    row = rows.get(key)
    return None if row is None else row["text"]


def check_file(path, rows):
    problems = []

    def bad(msg):
        problems.append(f"{os.path.basename(path)}: {msg}")

    try:
        with open(path, encoding="utf-8") as f:
            gold = json.load(f)
    except (OSError, ValueError) as e:
        return [f"{path}: cannot load ({e})"]
    if not isinstance(gold, dict):
        return [f"{path}: top level is not an object"]
    for key, kind in (("title", str), ("story", str), ("written", str), ("facts", list),
                      ("quotes", list), ("not_quotes", list), ("conflicts", list),
                      ("relayed", list)):
        if not isinstance(gold.get(key), kind):
            bad(f"'{key}' missing or not a {kind.__name__}")
    story = gold.get("story", "")
    seeds = story == "seeds"

    def check_key(key, where):
        if seeds:
            if not key.endswith(".txt"):
                bad(f"{where}: seeds key {key!r} is not a file name")
        else:
            prefix = story.split("-")[1] if story.count("-") >= 1 else ""
            if not key.startswith(f"basil-{prefix}-"):
                bad(f"{where}: key {key!r} is not an article of {story}")
            elif rows.get(key, {}).get("story") not in (None, story):
                bad(f"{where}: {key!r} belongs to story {rows[key]['story']}")

    def check_span(key, span, where):
        check_key(key, where)
        if not isinstance(span, str) or not span.strip():
            bad(f"{where}: empty or non-string span under {key}")
            return
        text = article_text(key, rows)
        if text is None:
            bad(f"{where}: no article {key!r}")
        elif span not in text:
            bad(f"{where}: span not in {key}: {span[:80]!r}")

    def check_spans(spans, where, min_articles=1):
        if not isinstance(spans, dict) or len(spans) < min_articles:
            bad(f"{where}: 'spans' must map at least {min_articles} article(s) to spans")
            return
        for key, lst in spans.items():
            if not isinstance(lst, list) or not lst:
                bad(f"{where}: spans of {key} must be a non-empty list")
                continue
            for span in lst:
                check_span(key, span, where)

    for i, fact in enumerate(gold.get("facts", [])):
        where = f"facts[{i}]"
        if not isinstance(fact.get("about"), str) or not fact["about"]:
            bad(f"{where}: 'about' missing")
        check_spans(fact.get("spans"), where, min_articles=2)
    for i, quote in enumerate(gold.get("quotes", [])):
        where = f"quotes[{i}]"
        if not isinstance(quote.get("speaker"), str) or not quote["speaker"]:
            bad(f"{where}: 'speaker' missing")
        check_spans(quote.get("spans"), where)
    for i, nq in enumerate(gold.get("not_quotes", [])):
        where = f"not_quotes[{i}]"
        check_span(nq.get("article", ""), nq.get("span"), where)
    for i, conflict in enumerate(gold.get("conflicts", [])):
        where = f"conflicts[{i}]"
        if conflict.get("kind") not in KINDS:
            bad(f"{where}: kind {conflict.get('kind')!r} not in {sorted(KINDS)}")
        if not isinstance(conflict.get("about"), str) or not conflict["about"]:
            bad(f"{where}: 'about' missing")
        variants = conflict.get("variants")
        if not isinstance(variants, list) or len(variants) < 2:
            bad(f"{where}: a conflict needs two or more variants")
            continue
        for j, variant in enumerate(variants):
            if not isinstance(variant.get("value"), str) or not variant["value"]:
                bad(f"{where}.variants[{j}]: 'value' missing")
            check_spans(variant.get("spans"), f"{where}.variants[{j}]")
    for i, rel in enumerate(gold.get("relayed", [])):
        where = f"relayed[{i}]"
        if not isinstance(rel.get("source"), str) or not rel["source"]:
            bad(f"{where}: 'source' missing")
        check_span(rel.get("article", ""), rel.get("span"), where)
    return problems


def main(argv):
    rows = load_articles()
    paths = argv or [os.path.join(HERE, name) for name in GOLD_B
                     if os.path.exists(os.path.join(HERE, name))]
    problems = []
    for path in paths:
        found = check_file(path, rows)
        problems += found
        try:
            with open(path, encoding="utf-8") as f:
                gold = json.load(f)
            counts = {k: len(gold.get(k, [])) for k in
                      ("facts", "quotes", "not_quotes", "conflicts", "relayed")}
        except (OSError, ValueError, AttributeError):
            counts = {}
        print(f"{os.path.basename(path)}: {'OK' if not found else f'{len(found)} problem(s)'} {counts}")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
