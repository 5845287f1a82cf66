"""The dependency parser's pipeline (``claims.parser``) made faster without changing a token's annotation.

- The attribute ruler (tag to coarse part of speech, a few lemma and morphology exceptions) is 179
  Matcher patterns of one or two tokens, each token tested on its ``TAG``, ``LOWER``, ``DEP`` or
  ``IS_SPACE``. spaCy's Matcher runs every pattern's state machine over every token: about a
  quarter of the pipeline's time on a story's sentences. Here each pattern is filed under one value
  its first token must have (its lower-case form, its dependency label or its tag), so a token is
  tested only against the few patterns filed under its own values and the handful that name none.
  The matches, and so the ruler's annotations (spaCy's own ``set_annotations`` writes them), are the
  Matcher's: ``same_matches`` checks it on any text. A ruler whose patterns use anything else keeps
  spaCy's Matcher.
- The rule lemmatizer asks whether a candidate lemma is a known word (``form in index``) of a list
  of up to 57,000 words, a scan for each new word and part of speech: the lists become sets of the
  same words (the same answers, in constant time).
"""

from __future__ import annotations

import re
from typing import Any, Callable

#: the token attributes patterns may test, in the order of the rows ``_matches`` reads (``Doc.to_array``)
_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
#: the attribute a pattern is filed under, the most telling first
_FILE_BY = ("LOWER", "DEP", "TAG")


def _test(strings: Any, attr: str, value: Any) -> Callable[[tuple], bool] | None:
    """A test of one token attribute as the Matcher reads it (on a token's row of ids), or None when the
    pattern uses other operators."""
    k = _ATTRS.index(attr)
    if isinstance(value, bool):
        want = int(value)
        return lambda row: row[k] == want
    if isinstance(value, str):
        h = strings.add(value)
        return lambda row: row[k] == h
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            ids = frozenset(strings.add(a) for a in arg)
            if op == "IN":
                return lambda row: row[k] in ids
            return lambda row: row[k] not in ids
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            return lambda row: bool(rx.search(strings[row[k]]))
    return None


def _compile(strings: Any, patterns: list[dict]) -> tuple[dict, list] | None:
    """(index, unfiled): ``index[(attr, id)]`` lists the patterns whose first token needs that value
    (``id``: its string id); ``unfiled`` those whose first token names no single value. Each pattern is
    (ruler id, one tuple of tests a token). None when a pattern uses an attribute or operator the tests
    do not cover."""
    index: dict[tuple[int, int], list] = {}
    unfiled: list = []
    for i, p in enumerate(patterns):
        for tokens in p["patterns"]:
            tests = []
            for spec in tokens:
                if not spec or any(k not in _ATTRS for k in spec):
                    return None
                checks = [_test(strings, k, v) for k, v in spec.items()]
                if any(c is None for c in checks):
                    return None
                tests.append(tuple(checks))
            entry = (i, tuple(tests))
            first = tokens[0]
            by = next((a for a in _FILE_BY if isinstance(first.get(a), str)), None)
            by_set = next((a for a in _FILE_BY if isinstance(first.get(a), dict) and "IN" in first[a]), None)
            if by is not None:
                index.setdefault((_ATTRS.index(by), strings.add(first[by])), []).append(entry)
            elif by_set is not None:
                for value in dict.fromkeys(first[by_set]["IN"]):
                    index.setdefault((_ATTRS.index(by_set), strings.add(value)), []).append(entry)
            else:
                unfiled.append(entry)
    return index, unfiled


def _matches(index: dict, unfiled: list, ids: list[int], doc: Any) -> list[tuple]:
    """``AttributeRuler.match(doc)``: (ruler id, match id, start, end), sorted, found through the index."""
    rows = [tuple(r) for r in doc.to_array(list(_ATTRS)).tolist()] if len(doc) else []
    n = len(rows)
    get = index.get
    out = []
    for s, row in enumerate(rows):
        seen = set()
        for entry in (get((0, row[0]), ()), get((1, row[1]), ()), get((2, row[2]), ()), unfiled):
            for i, tests in entry:
                e = s + len(tests)
                if e > n or (i, e) in seen:
                    continue
                if all(check(rows[s + k]) for k, checks in enumerate(tests) for check in checks):
                    seen.add((i, e))
                    out.append((i, ids[i], s, e))
    out.sort()
    return out


def _lookup(ruler: Any) -> Callable[[Any], list[tuple]] | None:
    strings = ruler.vocab.strings
    patterns = ruler.patterns
    compiled = _compile(strings, patterns)
    if compiled is None:
        return None
    index, unfiled = compiled
    ids = [strings[str(i)] for i in range(len(patterns))]
    return lambda doc: _matches(index, unfiled, ids, doc)


def _fast_ruler(nlp: Any) -> bool:
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    find = _lookup(ruler)
    if find is None:
        return False
    ruler.match = lambda doc: find(doc)
    return True


def _index_sets(nlp: Any) -> bool:
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or "lemma_index" not in lemmatizer.lookups.tables:
        return False
    table = lemmatizer.lookups.get_table("lemma_index")
    for key in list(table.keys()):
        if isinstance(table[key], list) and all(isinstance(w, str) for w in table[key]):
            table[key] = frozenset(table[key])
    return True


def speed_up(nlp: Any) -> tuple[bool, bool]:
    """Give the pipeline's ``attribute_ruler`` the look-up matcher and its rule lemmatizer word sets:
    (ruler sped up, lemmatizer sped up); a pipe that cannot be sped up keeps spaCy's way."""
    return _fast_ruler(nlp), _index_sets(nlp)


def same_matches(nlp: Any, texts: list[str]) -> bool:
    """Whether the look-up matcher finds exactly spaCy's Matcher's matches on the parsed ``texts``."""
    ruler = nlp.get_pipe("attribute_ruler")
    find = _lookup(ruler)
    if find is None:
        return False
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = list(nlp.pipe(texts))
    return all(type(ruler).match(ruler, d) == find(d) for d in docs)
