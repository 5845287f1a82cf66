"""Fetch a URL safely: the page's bytes, or a coded error that says why not.

What ``Fetcher.get`` guarantees, whatever the server does:

* **Targets.** Only ``http``/``https``. Every hop's host is resolved once and
  each address it resolves to is checked; private, loopback, link-local,
  reserved, multicast and unspecified addresses (anything the IANA
  special-purpose registries mark not globally reachable; IPv4-mapped, NAT64,
  6to4 and Teredo addresses judged by the IPv4 they wrap) are refused with NP111 unless
  ``allow_private`` (``--allow-private``). The connection then goes to the
  checked address (the URL is rewritten to the IP, the ``Host`` header and TLS
  SNI/certificate check keep the name), so a DNS answer that changes between
  the check and the connect (DNS rebinding) cannot redirect it. Limits: the
  system resolver has no time limit of its own, and proxies are not used
  (``trust_env`` off) since a proxy would resolve the name itself.
* **Redirects** are followed by hand, at most ``max_redirects`` (5), each hop
  checked as above and against robots.txt; more, or a loop: NP114.
* **Size and time.** The body is streamed and cut at ``max_bytes`` (16 MiB,
  the decode limit for one page; NP106), the whole fetch, redirects included,
  at ``timeout`` seconds (NP117), a server that trickles bytes included.
* **Content types** are checked from the headers before the body is read:
  pages (HTML, XHTML, plain text) and feeds (RSS, Atom, XML, JSON Feed);
  anything else (images, PDF, octet-stream …) is NP115. A response without a
  Content-Type is accepted and sniffed later.
* **robots.txt** (RFC 9309) is fetched once per host and cached for a day; a
  4xx robots.txt allows everything, a 5xx one disallows everything; a
  disallowed URL is NP113. The User-Agent is ``newsprism/<version>`` and the
  robots.txt group that applies is the one for ``newsprism``.
* **Politeness.** One request at a time per host, at least ``host_interval``
  seconds apart (1 s, or the host's robots.txt Crawl-delay up to 10 s), and at
  most ``max_concurrency`` (4) requests in flight overall.

HTTP errors are NP112, network errors (DNS, refused or reset connections) NP110.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx

from newsprism.errors import (
    BadCompression, BadContentType, FetchTimeout, HTTPError, InputError, RefusedTarget, RobotsDisallowed,
    TooLarge, TooManyRedirects, Unreachable, UnsupportedInput,
)
from newsprism.ingest.decode import MAX_TEXT_BYTES
from newsprism.ingest.files import sha256
from newsprism.types import RawInput

#: bytes kept from one response: the decode limit for one page (a larger page
#: could not be analysed anyway), so a server sending gigabytes costs 16 MiB.
MAX_FETCH_BYTES = MAX_TEXT_BYTES
MAX_REDIRECTS = 5
#: seconds for one whole fetch, redirects included
FETCH_TIMEOUT = 30.0
CONNECT_TIMEOUT = 10.0
HOST_INTERVAL = 1.0
MAX_CRAWL_DELAY = 10.0
MAX_CONCURRENCY = 4
ROBOTS_TTL = 24 * 3600.0
#: RFC 9309: crawlers must parse at least 500 KiB of robots.txt
ROBOTS_MAX_BYTES = 500 * 1024

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
    "application/feed+json", "application/json", "text/rss+xml", "text/atom+xml",
})
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


def user_agent() -> str:
    from newsprism import __version__

    return f"newsprism/{__version__}"


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


@dataclass(slots=True)
class Response:
    """A completed fetch: the final URL and what the server sent."""

    url: str
    status: int
    data: bytes
    media_type: str | None            # from Content-Type, lower case, no parameters
    charset: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


def content_type(value: str | None) -> tuple[str | None, str | None]:
    """``text/html; charset=UTF-8`` → ("text/html", "utf-8")."""
    if not value:
        return None, None
    parts = [p.strip() for p in value.split(";")]
    media = parts[0].lower() or None
    charset = None
    for p in parts[1:]:
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset":
            charset = v.strip().strip("\"'").lower() or None
    return media, charset


def _nets(*cidrs: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(c) for c in cidrs)


# The IANA special-purpose address registries (iana-ipv4-special-registry, iana-ipv6-special-registry), as of
# 2024: the blocks not globally reachable, and the few inside them that are. ``ipaddress.is_global`` alone
# misses some (192.0.0.0/24, 192.88.99.0/24, fec0::/10, 6to4 and Teredo wrapping a private IPv4 address).
_V4_SPECIAL = _nets("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
                    "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
                    "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32")
_V4_REACHABLE = _nets("192.0.0.9/32", "192.0.0.10/32")
_V6_SPECIAL = _nets("::/128", "::1/128", "::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32",
                    "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8")
_V6_REACHABLE = _nets("2001:1::1/128", "2001:1::2/128", "2001:3::/32", "2001:4:112::/48", "2001:20::/28",
                      "2001:30::/28")
_V6_UNICAST = ipaddress.ip_network("2000::/3")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address] | None:
    """The IPv4 addresses an IPv6 address stands for (IPv4-mapped, NAT64, 6to4, Teredo), or None."""
    if ip.ipv4_mapped is not None:
        return [ip.ipv4_mapped]
    if ip in _NAT64:
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    if ip.sixtofour is not None:
        return [ip.sixtofour]
    if ip.teredo is not None:
        return list(ip.teredo)          # the Teredo server and the client behind it
    return None


def address_allowed(addr: str) -> bool:
    """True for a globally reachable unicast address: not in a block of the IANA special-purpose registries
    marked not globally reachable; an IPv6 address that wraps IPv4 ones is judged by those."""
    ip = ipaddress.ip_address(addr.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        wrapped = _embedded(ip)
        if wrapped is not None:
            return all(address_allowed(str(v4)) for v4 in wrapped)
        if ip not in _V6_UNICAST:       # outside global unicast: reserved, local, multicast
            return False
        special, reachable = _V6_SPECIAL, _V6_REACHABLE
    else:
        special, reachable = _V4_SPECIAL, _V4_REACHABLE
    if any(ip in n for n in reachable):
        return True
    if any(ip in n for n in special):
        return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified or ip.is_link_local)


def resolve(host: str, port: int, *, allow_private: bool) -> str:
    """The address to connect to for ``host``; every address it resolves to must be allowed."""
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        addrs = [host]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise Unreachable(f"cannot resolve host {host!r}: {exc}") from None
        addrs = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addrs:
        raise Unreachable(f"host {host!r} resolves to no address")
    if not allow_private:
        bad = [a for a in addrs if not address_allowed(a)]
        if bad:
            raise RefusedTarget(f"{host} resolves to a private, loopback or link-local address ({bad[0]}); "
                                "use --allow-private (allow_private) to fetch from local networks")
    return addrs[0]


def check_url(url: str) -> httpx.URL:
    try:
        u = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise UnsupportedInput(f"not a valid URL: {exc}") from None
    if u.scheme not in ("http", "https"):
        raise RefusedTarget(f"only http and https URLs are fetched, not {u.scheme or 'a relative'!r} ones")
    if not u.host:
        raise UnsupportedInput(f"URL without a host: {url}")
    return u


class _Host:
    """Per-host politeness state: one request at a time, spaced by an interval."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last = 0.0
        self.robots: urllib.robotparser.RobotFileParser | None = None
        self.robots_at = 0.0
        self.robots_lock = threading.Lock()


class Fetcher:
    """A reusable, thread-safe fetcher with robots.txt, politeness and limits (see the module doc)."""

    def __init__(self, *, allow_private: bool = False, timeout: float = FETCH_TIMEOUT,
                 connect_timeout: float = CONNECT_TIMEOUT, max_bytes: int = MAX_FETCH_BYTES,
                 max_redirects: int = MAX_REDIRECTS, host_interval: float = HOST_INTERVAL,
                 max_concurrency: int = MAX_CONCURRENCY, respect_robots: bool = True,
                 agent: str | None = None) -> None:
        self.allow_private = allow_private
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.host_interval = host_interval
        self.respect_robots = respect_robots
        self.agent = agent or user_agent()
        self._slots = threading.BoundedSemaphore(max(1, max_concurrency))
        self._hosts: dict[str, _Host] = {}
        # one client per host: a pinned connection is reused only for the name it was opened for
        self._clients: dict[tuple[str, str, int], httpx.Client] = {}
        self._lock = threading.Lock()
        # one TLS context for every client: building one loads the CA bundle (~0.1-0.3 s), which per host
        # made polling hundreds of feeds slow
        self._tls: Any = None

    # -- lifecycle --------------------------------------------------------------------
    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            clients, self._clients = list(self._clients.values()), {}
        for c in clients:
            c.close()

    def _host(self, name: str) -> _Host:
        with self._lock:
            return self._hosts.setdefault(name, _Host())

    def _client(self, u: httpx.URL) -> httpx.Client:
        key = (u.scheme, u.host, u.port or (443 if u.scheme == "https" else 80))
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                if self._tls is None:
                    self._tls = httpx.create_ssl_context()
                client = self._clients[key] = httpx.Client(
                    follow_redirects=False, trust_env=False, headers={"User-Agent": self.agent}, verify=self._tls,
                    limits=httpx.Limits(max_connections=2, max_keepalive_connections=1))
            return client

    # -- the public call -----------------------------------------------------------------
    def get(self, url: str, *, accept: Iterable[str] = PAGE_TYPES | FEED_TYPES,
            headers: dict[str, str] | None = None) -> Response:
        """GET ``url`` following redirects; raise an InputError subclass when it cannot be had.

        ``headers`` may carry ``If-None-Match`` / ``If-Modified-Since``: a 304
        answer is then returned as a Response with status 304 and no data.
        """
        deadline = time.monotonic() + self.timeout
        accept = frozenset(accept)
        seen: set[str] = set()
        current = url
        for _hop in range(self.max_redirects + 1):
            u = check_url(current)
            if current in seen:
                raise TooManyRedirects(f"redirect loop back to {current}")
            seen.add(current)
            if self.respect_robots:
                self._check_robots(u, deadline)
            status, location, resp = self._request(u, deadline, accept, headers or {})
            if location is None:
                assert resp is not None
                resp.url = str(u)
                return resp
            current = str(u.join(location))
        raise TooManyRedirects(f"more than {self.max_redirects} redirects (last to {current})")

    # -- one hop ------------------------------------------------------------------------------
    def _request(self, u: httpx.URL, deadline: float, accept: frozenset[str],
                 headers: dict[str, str], *, limit: int | None = None,
                 robots: bool = False) -> tuple[int, str | None, Response | None]:
        """One request: (status, redirect location or None, response when not a redirect)."""
        port = u.port or (443 if u.scheme == "https" else 80)
        host = self._host(u.host)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchTimeout(f"no answer within {self.timeout:g} s")
        address = resolve(u.host, port, allow_private=self.allow_private)
        target = u.copy_with(host=address)
        hdrs = {"Host": u.netloc.decode("ascii"), **headers}
        extensions: dict[str, Any] = {"sni_hostname": u.host} if u.scheme == "https" else {}
        limit = self.max_bytes if limit is None else limit
        with host.lock:
            interval = self.host_interval
            if host.robots is not None and not robots:
                delay = host.robots.crawl_delay(self.agent)
                if delay:
                    interval = max(interval, min(float(delay), MAX_CRAWL_DELAY))
            wait = host.last + interval - time.monotonic()
            if wait > 0:
                if time.monotonic() + wait >= deadline:
                    raise FetchTimeout(f"politeness delay for {u.host} runs past the {self.timeout:g} s limit")
                time.sleep(wait)
            with self._slots:
                try:
                    return self._send(u, target, hdrs, extensions, deadline, accept, limit, robots)
                finally:
                    host.last = time.monotonic()

    def _send(self, u: httpx.URL, target: httpx.URL, headers: dict[str, str], extensions: dict[str, Any],
              deadline: float, accept: frozenset[str], limit: int, robots: bool) -> tuple[int, str | None, Response | None]:
        client = self._client(u)

        def timeout() -> httpx.Timeout:
            left = max(0.01, deadline - time.monotonic())
            return httpx.Timeout(left, connect=min(left, self.connect_timeout))

        request = client.build_request("GET", target, headers=headers, extensions=extensions, timeout=timeout())
        try:
            resp = client.send(request, stream=True)
        except httpx.TimeoutException:
            raise FetchTimeout(f"no answer from {u.host} within the {self.timeout:g} s limit") from None
        except httpx.TransportError as exc:
            raise Unreachable(f"cannot fetch {u}: {type(exc).__name__}: {exc or 'connection failed'}") from None
        try:
            status = resp.status_code
            if status in REDIRECT_CODES:
                location = resp.headers.get("location")
                if not location:
                    raise HTTPError(f"HTTP {status} redirect without a Location header")
                return status, location, None
            out_headers = {k.lower(): v for k, v in resp.headers.items()}
            if status == 304:
                return status, None, Response(str(u), status, b"", None, headers=out_headers)
            if robots:
                if status >= 300:
                    return status, None, Response(str(u), status, b"", None, headers=out_headers)
            elif status >= 400 or status < 200:
                raise HTTPError(f"HTTP {status} {resp.reason_phrase}".rstrip())
            media, charset = content_type(resp.headers.get("content-type"))
            if not robots and media is not None and media not in accept:
                raise BadContentType(f"content type {media} is not a page or a feed")
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit and not robots:
                raise TooLarge(f"{int(declared):,} bytes announced, over the {limit:,}-byte limit")
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > limit:
                    if robots:   # RFC 9309: parse what fits
                        chunks.append(chunk[: len(chunk) - (size - limit)])
                        break
                    raise TooLarge(f"more than {limit:,} bytes (limit for one page)")
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise FetchTimeout(f"download ran past the {self.timeout:g} s limit ({size:,} bytes)")
            return status, None, Response(str(u), status, b"".join(chunks), media, charset, out_headers)
        except httpx.TimeoutException:
            raise FetchTimeout(f"{u.host} stopped sending within the {self.timeout:g} s limit") from None
        except httpx.DecodingError as exc:
            raise BadCompression(f"cannot decode the response's Content-Encoding: {exc}") from None
        except httpx.TransportError as exc:
            raise Unreachable(f"connection to {u.host} failed: {type(exc).__name__}: {exc}") from None
        finally:
            resp.close()

    # -- robots.txt ---------------------------------------------------------------------------
    def _check_robots(self, u: httpx.URL, deadline: float) -> None:
        host = self._host(u.host)
        with host.robots_lock:
            if host.robots is None or time.monotonic() - host.robots_at > ROBOTS_TTL:
                host.robots = self._fetch_robots(u, deadline)
                host.robots_at = time.monotonic()
            parser = host.robots
        if not parser.can_fetch(self.agent, str(u)):
            raise RobotsDisallowed(f"robots.txt of {u.host} disallows {self.agent.split('/')[0]} {u.raw_path.decode()}")

    def _fetch_robots(self, u: httpx.URL, deadline: float) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser()
        current = u.copy_with(path="/robots.txt", query=None, fragment=None)
        for _ in range(self.max_redirects + 1):
            status, location, resp = self._request(current, deadline, frozenset(), {}, limit=ROBOTS_MAX_BYTES,
                                                   robots=True)
            if location is None:
                break
            try:
                current = check_url(str(current.join(location)))
            except InputError:
                status = 404   # a robots.txt redirected off the web: treat as none
                break
        else:
            status = 404   # RFC 9309: more than 5 redirects → unavailable → allow
        if status >= 500:
            parser.disallow_all = True   # RFC 9309: unreachable robots.txt → assume complete disallow
        elif status >= 300 or resp is None:
            parser.allow_all = True
        else:
            parser.parse(resp.data.decode("utf-8", "replace").splitlines())
        return parser


def to_raw(resp: Response, source: str | None = None) -> RawInput:
    media = resp.media_type
    if media in ("application/xhtml+xml", None):
        media = "text/html" if media else None
    return RawInput(source=source or resp.url, data=resp.data, sha256=sha256(resp.data), media_type=media,
                    url=resp.url)


def fetch(url: str, *, allow_private: bool = False, fetcher: Fetcher | None = None, **settings: Any) -> RawInput:
    """Fetch one page as a RawInput (``url`` = the final URL after redirects, ``source`` = ``url`` as given)."""
    if fetcher is not None:
        return to_raw(fetcher.get(url, accept=PAGE_TYPES), source=url)
    with Fetcher(allow_private=allow_private, **settings) as f:
        return to_raw(f.get(url, accept=PAGE_TYPES), source=url)


__all__ = ["Fetcher", "Response", "address_allowed", "fetch", "is_url", "resolve", "to_raw"]
