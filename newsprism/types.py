"""The records that flow through every stage.

One small vocabulary, shared by the pipeline, the store, the CLI and (later)
the web app: a stage takes records of these types and yields records of these
types; the store serialises them with ``as_dict`` / ``from_dict``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, TypeVar

T = TypeVar("T", bound="Record")

_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _plain(value: Any) -> Any:
    """``value`` as plain dicts, lists and tuples: what ``dataclasses.asdict`` gives for a record's fields, without
    its deep copy of every leaf (the leaves here are strings, numbers and None; containers are rebuilt)."""
    if isinstance(value, (str, int, float)) or value is None:
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return {n: _plain(getattr(value, n)) for n in _names(type(value))}
    return value


class Record:
    """Mixin: dict round-trip for slotted dataclasses."""

    def as_dict(self) -> dict[str, Any]:
        return {n: _plain(getattr(self, n)) for n in _names(type(self))}

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        names = _names(cls)
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(slots=True)
class RawInput(Record):
    """One input exactly as received: bytes plus where they came from."""

    source: str                 # path / URL exactly as the user gave it
    data: bytes
    sha256: str
    media_type: str | None = None   # "text/html", "text/plain", "application/jsonl", …
    url: str | None = None
    given: dict[str, Any] | None = None   # fields supplied with the input (.jsonl rows)
    first_line: int = 1         # a share of a JSON Lines file read as a stream: the file's line it starts at


@dataclass(slots=True)
class Extracted(Record):
    """What an extractor pulls out of one page (HTML or a plain-text dump)."""

    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None      # ISO 8601, as precise as the page says
    outlet: str | None = None
    url: str | None = None
    language: str | None = None       # ISO 639-1
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    description: str | None = None
    extractor: str = ""               # which extractor produced it, e.g. "html/trafilatura"
    input_chars: int = 0              # length of the decoded page the text came from
    warnings: list[tuple[str, str]] = field(default_factory=list)   # (code, message), e.g. NP105


@dataclass(slots=True)
class Article(Record):
    """An extracted article, the unit that dedup, clustering and comparison see."""

    id: str
    source: str
    input_sha256: str
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    reading_time_min: int | None = None
    word_count: int = 0
    extractor: str = ""
    clean_ratio: float = 1.0          # share of the decoded page kept as article text
    duplicate_of: str | None = None
    story: str | None = None


@dataclass(slots=True)
class Evidence(Record):
    """A verbatim span of an article's text."""

    article: str
    quote: str


@dataclass(slots=True)
class Fact(Record):
    text: str
    outlets: list[str]
    consensus: bool
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Variant(Record):
    value: str
    outlets: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Conflict(Record):
    kind: str          # "number" | "date" | "claim" | "title"
    about: str
    variants: list[Variant] = field(default_factory=list)


@dataclass(slots=True)
class Quote(Record):
    speaker: str
    variants: list[Variant] = field(default_factory=list)


@dataclass(slots=True)
class StoryMember(Record):
    """Why an article sits in a story: the score and what it shared."""

    article: str
    score: float
    shared_terms: list[str] = field(default_factory=list)
    joined_at: int = 0     # position in arrival order
    shared_entities: list[str] = field(default_factory=list)   # names shared with the story
    signals: dict[str, float] = field(default_factory=dict)    # the parts of the score (terms, embedding)


@dataclass(slots=True)
class Story(Record):
    id: str
    title: str
    articles: list[str] = field(default_factory=list)
    members: list[StoryMember] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    # figures outlets give with different precision, both possibly true ("about 80" / "83"): not conflicts
    precision: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    naming: list[dict[str, Any]] = field(default_factory=list)
    loaded_terms: list[dict[str, Any]] = field(default_factory=list)
    numbers: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    brief: list[dict[str, Any]] = field(default_factory=list)
    citations: dict[str, Any] = field(default_factory=dict)   # provenance graph: nodes, edges (compare)
    merged_from: list[str] = field(default_factory=list)   # stories merged into this one
    compared: str = ""     # fingerprint of the membership the comparison was computed for


@dataclass(slots=True)
class Skipped(Record):
    """An input or record a stage set aside, and why."""

    source: str
    stage: str
    code: str
    message: str
    input_sha256: str | None = None
