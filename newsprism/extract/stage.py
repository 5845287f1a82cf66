"""The extract stage: RawInput → Article, in sandboxed workers, resumable.

An input whose article is already in the store is not extracted again (a rerun
after a kill resumes here). ``.jsonl`` inputs hold already-extracted articles:
each line becomes an article with the id it gives.
"""

from __future__ import annotations

import itertools
import math
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from newsprism.errors import DuplicateId, NewsprismError, NoArticle
from newsprism.extract import extract_raw
from newsprism.extract.sandbox import Sandbox
from newsprism.stage import Stage
from newsprism.types import Article, Extracted, RawInput

# Reading speed for the reading-time estimate: 238 words per minute, the mean
# silent reading rate for English non-fiction in Brysbaert's 2019 meta-analysis.
WORDS_PER_MINUTE = 238

ARTICLE_FIELDS = ("title", "authors", "published", "outlet", "url", "language", "section", "tags", "captions", "cites")


def article_id(sha256: str) -> str:
    return "a" + sha256[:15]


def _word_count(text: str) -> int:
    return len(text.split())


def article_from(raw: RawInput, ex: Extracted) -> Article:
    """The article record; its ``url`` is where the bytes came from (a fetched URL,
    a WARC record's target URI) when known, else the canonical URL the page states."""
    words = _word_count(ex.text)
    article = Article(
        id=article_id(raw.sha256), source=raw.source, input_sha256=raw.sha256, text=ex.text,
        **{f: getattr(ex, f) for f in ARTICLE_FIELDS},
        reading_time_min=max(1, math.ceil(words / WORDS_PER_MINUTE)), word_count=words,
        extractor=ex.extractor,
        clean_ratio=round(min(1.0, len(ex.text) / ex.input_chars), 4) if ex.input_chars else 1.0,
    )
    article.url = raw.url or article.url
    return article


# Rows of a JSON Lines file stored per transaction: a killed run redoes at most these.
JSONL_COMMIT = 500
#: the first share is smaller, so that the stages after this one start sooner
JSONL_FIRST = 64


def articles_from_jsonl(raw: RawInput) -> Iterator[Article | NewsprismError]:
    """One article per good JSON Lines record; a bad record is a BadRecord (a superseded one a DuplicateId
    warning), and the others go on (``newsprism.ingest.jsonl`` reads and checks the records)."""
    from newsprism.extract.metadata import detect_language, find_cites
    from newsprism.extract.outlet import normalise as normalise_outlet
    from newsprism.ingest.jsonl import read_records

    for rec in read_records(raw.data, raw.source, raw.first_line):
        if isinstance(rec, NewsprismError):
            yield rec
            continue
        fields = dict(rec.fields)
        if isinstance(fields.get("outlet"), str):      # one name per outlet, as for pages
            fields["outlet"] = normalise_outlet(fields["outlet"]) or fields["outlet"]
        words = _word_count(rec.text)
        article = Article(
            id=rec.id, source=f"{raw.source}:{rec.lineno}", input_sha256=raw.sha256, text=rec.text, **fields,
            reading_time_min=max(1, math.ceil(words / WORDS_PER_MINUTE)), word_count=words, extractor="jsonl",
        )
        if "cites" not in rec.fields:
            article.cites = find_cites(article.text)
        if "language" not in rec.fields:
            article.language = detect_language(article.text)
        yield article


class ExtractStage(Stage):
    name = "extract"
    requires = ("raw",)
    assigns = ("text", "title", "authors", "published", "outlet", "url", "language", "cites")
    defaults: dict[str, Any] = {"workers": 2, "timeout": 30.0, "memory_mb": 2048}

    def run(self, items: Iterable[RawInput]) -> Iterator[Article]:
        ready: deque[Article] = deque()      # articles of pages extracted earlier, passed on in input order
        seen: set[str] = set()
        source = iter(items)
        jsonl: list[RawInput] = []           # a JSON Lines input that ended a run of pages

        def pages() -> Iterator[RawInput]:
            """The pages to extract, up to the next JSON Lines input (left in ``jsonl``)."""
            for raw in source:
                self.stats.seen += 1
                if raw.sha256 in seen:   # the same bytes under another name: one article
                    self.stats.reused += 1
                    self.progress()
                    continue
                seen.add(raw.sha256)
                if raw.media_type == "application/jsonl":
                    jsonl.append(raw)
                    return
                stored = self.ctx.store.articles_for_input(raw.sha256)
                if stored and self.ctx.store.is_done(stored[0].id, self.name):
                    self.stats.reused += 1
                    ready.extend(stored)
                    continue
                yield raw

        started = time.perf_counter()
        # an executor may map pages elsewhere (the Ray executor: on Ray tasks), in input order all the same
        mapper = self.ctx.settings.get("page_mapper")
        sandbox = (mapper or _sandbox)(workers=self.config["workers"], timeout=self.config["timeout"],
                                       memory_mb=self.config["memory_mb"])
        with sandbox:
            while True:
                for raw, result in sandbox.map(pages()):
                    while ready:
                        yield self._keep(ready.popleft())
                    if isinstance(result, Extracted) and not result.text.strip():
                        result = NoArticle("the extractor found no article text")
                    if isinstance(result, NewsprismError):
                        self.fail(raw, result)
                    else:
                        yield self._keep(self._store(raw, result))
                while ready:
                    yield self._keep(ready.popleft())
                if not jsonl:
                    break
                # its rows go on as each commit's share is stored, so that later stages start on them sooner
                for article in self._jsonl(jsonl.pop()):
                    yield self._keep(article)
        self.stats.seconds += time.perf_counter() - started

    def _keep(self, article: Article) -> Article:
        self.stats.kept += 1
        self.progress()
        return article

    def _store(self, raw: RawInput, ex: Extracted) -> Article:
        article = article_from(raw, ex)
        for code, message in ex.warnings:
            self.fail(raw, _warning(code, message), level="warning")
        self.ctx.store.put_article(article, done=self.name)
        return article

    def _jsonl(self, raw: RawInput) -> Iterator[Article]:
        """The articles of a JSON Lines input, JSONL_COMMIT rows per transaction (JSONL_FIRST in the first), each
        share passed on once stored."""
        rows = articles_from_jsonl(raw)
        store = self.ctx.store
        size = JSONL_FIRST
        while True:
            out: list[Article] = []
            try:
                share = list(itertools.islice(rows, size))
                size = JSONL_COMMIT
            except NewsprismError as exc:     # the file as a whole (e.g. its bytes cannot be decoded)
                self.fail(raw, exc)
                return
            if not share:
                return
            with store.transaction():
                for row in share:
                    if isinstance(row, NewsprismError):
                        self.fail(raw, row, level=row.level)
                        continue
                    existing = store.get_article(row.id)
                    if existing is not None and existing.input_sha256 == row.input_sha256:
                        self.stats.reused += 1
                        out.append(existing)
                        continue
                    if existing is not None:
                        if (existing.title, existing.text, existing.published) == (row.title, row.text, row.published):
                            # the same article in another file (e.g. one that grew): it keeps its story and copies
                            row.story, row.duplicate_of = existing.story, existing.duplicate_of
                        else:       # another version: what was derived from the old one goes
                            store.forget_derived(existing.id, keep=self.name)
                            self.fail(raw, DuplicateId(
                                f"id {row.id!r} was given before, changed, by {existing.source}: this record is its "
                                f"newer version (the earlier one stays in the store as raw input "
                                f"{existing.input_sha256[:12]})", source=row.source), level="warning")
                    store.put_article(row, done=self.name)
                    out.append(row)
            yield from out


def _sandbox(**limits: Any) -> Sandbox:
    return Sandbox(extract_raw, **limits)


def _warning(code: str, message: str) -> NewsprismError:
    exc = NewsprismError(message)
    exc.code = code
    return exc
