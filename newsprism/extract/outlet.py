"""Outlet identity: which outlet a page comes from, under one name, and a short label when none is known.

A page names its outlet in several places: ``og:site_name``, the JSON-LD
publisher, ``application-name``, a Twitter handle, a copyright or masthead line
in a plain-text dump, and the domain of its canonical or source URL. Each
place has its own spelling ("@nytimes", "nytimes.com", "NYTimes",
"The New York Times — Breaking News"), so every candidate is cleaned (a site
tagline after " - " or " | " dropped, a leading "@" dropped, a stylised
"MacRumors.com" read as "MacRumors") and looked up in an alias map:

* names and handles match after folding (case, accents, a leading "the",
  spaces and punctuation ignored);
* domains match by their host or any parent domain ("edition.cnn.com" is
  "cnn.com").

The map ships in ``extract/data/outlets.json`` and a user extends it with a
JSON or TOML file named by ``$NEWSPRISM_OUTLETS`` (or ``--outlets FILE``): either
``{"Name": ["alias", "example.com"]}`` or the outlet-profile shape
``{"Name": {"aliases": [...], "country": ...}}`` (or a list of such objects with
a ``name``), so one file can hold both; the user's entries win.

A source whose page states no outlet at all gets :func:`label`: its domain, or
its file name, at most ``LABEL_MAX`` characters, the same in every view.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import urlsplit

from newsprism.errors import UsageError

ENV_OUTLETS = "NEWSPRISM_OUTLETS"
BUILTIN = Path(__file__).with_name("data") / "outlets.json"
#: longest label shown for a source without an outlet
LABEL_MAX = 30
#: longest stated name taken as an outlet name (longer is a sentence, not a masthead)
NAME_MAX = 60

_TAGLINE = re.compile(r"\s+[|–—·•:»-]+\s+|\s*\|\s*")
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}$", re.I)
_SUFFIX_2ND = {"co", "com", "org", "net", "ac", "gov", "ne", "or", "go", "edu"}
#: words that name no outlet on their own: "NEWS.com.au" keeps its domain
_GENERIC = {"news", "home", "online", "live", "today", "times", "post", "daily", "media", "world", "local"}
_HOST_PREFIXES = ("www.", "www1.", "www2.", "m.", "amp.", "mobile.")


def fold(name: str) -> str:
    """The key two spellings of one name share: no case, accents, leading "the", spaces or punctuation."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().strip()
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"[\W_]+", "", s)


def host_of(url: str | None) -> str | None:
    """The host of an http(s) URL, lower case, without "www."/"m." and the port; None for anything else."""
    if not url or not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
            break
    return host if _DOMAIN.match(host) else None


def _name_part(host: str) -> str:
    """``bbc.co.uk`` → ``bbc``; ``salon.com`` → ``salon``: the host without its public suffix."""
    labels = host.split(".")
    labels = labels[:-1]
    if len(labels) >= 2 and labels[-1] in _SUFFIX_2ND and len(host.rsplit(".", 1)[-1]) == 2:
        labels = labels[:-1]
    return ".".join(labels)


# -- the alias map --------------------------------------------------------------------------------
class Aliases:
    """Names and domains → canonical outlet name."""

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]] = ()) -> None:
        self.names: dict[str, str] = {}      # folded name or handle → canonical
        self.domains: dict[str, str] = {}    # host → canonical
        self.canonical: set[str] = set()
        for canon, aliases in entries:
            self.add(canon, aliases)

    def add(self, canon: str, aliases: Iterable[str]) -> None:
        canon = " ".join(canon.split())
        self.canonical.add(canon)
        for alias in [canon, *aliases]:
            alias = alias.strip()
            if _DOMAIN.match(alias) and alias == alias.lower():
                self.domains[alias.lower()] = canon
            elif alias and fold(alias.lstrip("@")):
                self.names[fold(alias.lstrip("@"))] = canon

    def by_name(self, name: str) -> str | None:
        return self.names.get(fold(name.lstrip("@")))

    def by_host(self, host: str) -> str | None:
        labels = host.lower().split(".")
        for i in range(len(labels) - 1):
            hit = self.domains.get(".".join(labels[i:]))
            if hit:
                return hit
        return None


def _entries(data: Any, origin: str) -> list[tuple[str, list[str]]]:
    if isinstance(data, list):                # the profile file's other shape: [{name, aliases, …}]
        data = {str(d["name"]): d for d in data if isinstance(d, Mapping) and d.get("name")}
    if not isinstance(data, Mapping):
        raise UsageError(f"{origin}: an outlet file holds a table of outlets: {{name: [aliases]}} "
                         "or {name: {aliases: [...], ...}}")
    out = []
    for name, value in data.items():
        if not isinstance(name, str) or name.startswith("_") or not name.strip():
            continue
        if isinstance(value, Mapping):        # an outlet profile: only its "aliases" matter here
            value = value.get("aliases", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"{origin}: the aliases of {name!r} must be a list of strings")
        out.append((name, value))
    return out


def read_file(path: str | os.PathLike[str]) -> list[tuple[str, list[str]]]:
    """The (name, aliases) entries of a JSON or TOML outlet file; UsageError when it cannot be read."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read outlet file {path}: {exc.strerror or exc}") from None
    try:
        if p.suffix.lower() == ".toml":
            import tomllib

            data = tomllib.loads(raw.decode("utf-8"))
        else:
            data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise UsageError(f"outlet file {path} is not valid {'TOML' if p.suffix.lower() == '.toml' else 'JSON'}: "
                         f"{exc}") from None
    return _entries(data, str(path))


@lru_cache(maxsize=4)
def _load(user_file: str | None) -> Aliases:
    aliases = Aliases(_entries(json.loads(BUILTIN.read_text(encoding="utf-8")), str(BUILTIN)))
    if user_file:
        for canon, names in read_file(user_file):
            aliases.add(canon, names)
    return aliases


def aliases() -> Aliases:
    """The shipped alias map extended by ``$NEWSPRISM_OUTLETS`` (read once per file)."""
    return _load(os.environ.get(ENV_OUTLETS) or None)


def use_file(path: str | None) -> None:
    """Extend the alias map with ``path`` for this process and the worker processes it starts.

    The file is read here, so a bad one is refused before any work starts (UsageError).
    """
    if not path:
        return
    path = str(Path(path).resolve())
    _load(path)
    os.environ[ENV_OUTLETS] = path


# -- inference ------------------------------------------------------------------------------------
def _clean(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str):
        return None
    s = " ".join(value.replace("\u00a0", " ").split()).strip(" \"'“”‘’,;")
    return s or None


def normalise(value: Any) -> str | None:
    """One stated outlet name in its canonical form, or None when it names nothing usable.

    "@nytimes", "nytimes.com", "NYTimes", "The New York Times" → "The New York Times";
    "CNN - Breaking News, Latest News and Videos" → "CNN"; "MacRumors.com" → "MacRumors"
    (a CamelCase name keeps its brand without the suffix; "Space.com" stays itself);
    an unknown lower-case domain stays a domain ("example.com").
    """
    s = _clean(value)
    if not s:
        return None
    table = aliases()
    host = host_of(s) if "://" in s else None
    if host:
        return table.by_host(host) or host
    parts = [p.strip(" \"'“”") for p in _TAGLINE.split(s) if p and p.strip(" \"'“”")]
    for part in parts:                      # a known name anywhere among the tagline's parts
        hit = _known(part, table)
        if hit:
            return hit
    name = parts[0] if parts else s
    name = name.lstrip("@").strip()
    if _DOMAIN.match(name):
        if name == name.lower():
            return name.removeprefix("www.")
        part = name[: len(_name_part(name.lower()))]
        if re.search(r".[A-Z]", part) and part.lower() not in _GENERIC:   # "MacRumors.com" → "MacRumors"
            name = part
    if not name or len(name) > NAME_MAX or not re.search(r"[^\W\d_]", name):
        return None
    return name


def _known(part: str, table: Aliases) -> str | None:
    part = part.strip()
    if _DOMAIN.match(part):
        host = part.lower().removeprefix("www.")
        return table.by_host(host) or table.by_name(_name_part(host))
    return table.by_name(part)


def infer(candidates: Iterable[Any], url: str | None = None) -> str | None:
    """The outlet a page names, from its candidates in order of trust, else its URL's domain.

    A candidate that is a known outlet, or reads as a name, is taken in the
    order given; a bare handle or domain only when no candidate names the
    outlet outright; the URL's domain (known: the outlet's name; unknown: the
    domain itself) last.
    """
    weak: str | None = None
    for value in candidates:
        raw = _clean(value)
        name = normalise(raw)
        if not name:
            continue
        known = name in aliases().canonical
        if known or not (raw.startswith("@") or _DOMAIN.match(name)):
            return name
        weak = weak or name
    if weak:
        return weak
    host = host_of(url)
    if host:
        return aliases().by_host(host) or host
    return None


_COPYRIGHT = re.compile(r"(?:(?i:©|\(c\)|copyright)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?:(?i:by)\s+)?"
                        r"((?:[Tt]he\s+)?[A-Z][\w&'’.-]*(?:\s+(?:[A-Z&][\w&'’.-]*|of|and|for|de|la|the)){0,6})")
_RESERVED = re.compile(r"^(?:all\s+rights\s+reserved\s*)", re.I)
_CORPORATE = re.compile(r"(?:[\s,]+(?:Company|Co|Corporation|Corp|Inc|LLC|Ltd|Limited|plc|GmbH|&)\.?)+$", re.I)


def from_copyright(line: str) -> str | None:
    """The outlet a copyright line names: "© 2025 Al Mayadeen English. All rights reserved" → that name.

    The name is the run of capitalised words after the sign and the year; it ends at a
    sentence's full stop ("BBC. The BBC is not responsible …" → "BBC"), and a company's
    legal suffix is dropped ("The New York Times Company" → "The New York Times").
    """
    m = _COPYRIGHT.search(line)
    if not m:
        return None
    name = _RESERVED.sub("", m.group(1))
    name = re.split(r"\.(?=[A-Z])", name)[0]                 # "Network.Turner Broadcasting" → "Network"
    words = []
    for word in name.split():
        words.append(word)
        if word.endswith(".") and len(word.rstrip(".")) >= 3 and word.count(".") == 1:
            break                                              # "AUTORACING. Todos …" ends at the stop
    name = " ".join(words)
    name = re.sub(r"\s+(?:\d{4}|All|Rights|Reserved)\b.*$", "", name).strip(" .,")
    name = _CORPORATE.sub("", name).strip(" .,&")
    if not name or fold(name) in {"", "all", "copyright", "rights", "the"} or name[0].isdigit():
        return None
    return normalise(name)


# -- labels ---------------------------------------------------------------------------------------
def _get(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, Mapping) else getattr(item, key, None)


def short(text: str, limit: int = LABEL_MAX) -> str:
    """``text`` in at most ``limit`` characters; a longer one keeps its start and its end."""
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + "…" + text[len(text) - (limit - 1 - head):]


def source_label(source: str | None, url: str | None = None, ident: str | None = None) -> str:
    """How to name a source that states no outlet: its URL's domain, else its file name (≤ LABEL_MAX)."""
    host = host_of(url) or host_of(source)
    if host:
        return short(host)
    if source == "-":
        return "stdin"
    name = PurePath(source).name if source else ""
    return short(name or ident or "unnamed source")


def label(article: Any, copies: Iterable[Any] = ()) -> str:
    """The name an article goes by in every view (comparison, web, reports).

    Its outlet; else the outlet one of its copies states (the same article
    published there); else :func:`source_label`. Works on an Article or its
    JSON form.
    """
    outlet = _get(article, "outlet")
    if outlet:
        return str(outlet)
    copies = list(copies)
    for c in copies:
        if _get(c, "outlet"):
            return str(_get(c, "outlet"))
    return source_label(_get(article, "source"), _get(article, "url"), _get(article, "id"))


def names_a_file(article: Any, name: str) -> bool:
    """Whether ``name``, the article's label, is only its file name (or "stdin"): no outlet was found for
    it, its copies name none and it has no web address. Prose must not read such a label as a publisher's
    name ("According to 003_59872d32108e4990.txt, …")."""
    if _get(article, "outlet") or host_of(_get(article, "url")) or host_of(_get(article, "source")):
        return False
    return name == source_label(_get(article, "source"), _get(article, "url"), _get(article, "id"))


__all__ = ["ENV_OUTLETS", "LABEL_MAX", "Aliases", "aliases", "fold", "from_copyright", "host_of", "infer",
           "label", "names_a_file", "normalise", "read_file", "short", "source_label", "use_file"]
