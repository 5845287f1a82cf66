"""A loopback HTTP server for the ingest tests (import its fixtures): real pages, feeds written here, and hostile endpoints.

Nothing here touches the network beyond 127.0.0.1: the server listens on an
ephemeral port in a thread of the test process.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, SEEDS

DEV = DATA / "extraction-dev"


def dev_pages(n: int) -> list[bytes]:
    """The first ``n`` real article pages of the extraction dev set, decompressed."""
    files = sorted(DEV.glob("*.html.gz"))[:n]
    assert len(files) == n, f"extraction dev pages not found in {DEV}"
    return [gzip.decompress(f.read_bytes()) for f in files]


def seed_texts() -> list[bytes]:
    return [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]


@dataclass
class Route:
    status: int = 200
    body: bytes | Callable[[Any], None] = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"


class Server:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                server.log.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "9")
                    self.send_header("Content-Type", "text/plain")
                    self.end_headers()
                    self.wfile.write(b"not found")
                    return
                if callable(route.body):
                    route.body(self)
                    return
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def add(self, path: str, body: bytes | Callable[[Any], None] = b"", **kw: Any) -> str:
        self.routes[path] = Route(body=body, **kw)
        return self.url(path)

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.log if p == path)


def rss(items: list[tuple[str, str]], title: str = "Loopback News") -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<description>Summary of {t}</description><pubDate>{formatdate(1700000000 + i * 3600)}</pubDate></item>"
        for i, (link, t) in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://127.0.0.1/</link><description>test feed</description>{entries}</channel></rss>").encode()


def atom(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f'<entry><title>{t}</title><link rel="alternate" href="{link}"/><id>urn:x:{i}</id>'
        f"<updated>2024-01-0{i + 1}T10:00:00Z</updated><summary>Summary</summary></entry>"
        for i, (link, t) in enumerate(items))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Atom News</title><id>urn:x:feed</id><updated>2024-01-05T10:00:00Z</updated>{entries}</feed>").encode()


def json_feed(items: list[tuple[str, str]]) -> bytes:
    import json

    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "JSON News",
                       "items": [{"id": str(i), "url": link, "title": t, "summary": "s"}
                                 for i, (link, t) in enumerate(items)]}).encode()


def opml(urls: list[str]) -> bytes:
    outlines = "".join(f'<outline type="rss" text="feed {i}" xmlUrl="{u.replace("&", "&amp;")}"/>'
                       for i, u in enumerate(urls))
    return (f'<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>'
            f'<outline text="news">{outlines}</outline></body></opml>').encode()


# -- hostile endpoints ---------------------------------------------------------------------------------
def hang(seconds: float) -> Callable[[Any], None]:
    def handler(h: Any) -> None:
        time.sleep(seconds)
        try:
            h.send_response(200)
            h.send_header("Content-Length", "2")
            h.end_headers()
            h.wfile.write(b"ok")
        except OSError:
            pass
    return handler


def trickle(interval: float, count: int = 1000) -> Callable[[Any], None]:
    def handler(h: Any) -> None:
        try:
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.end_headers()
            for _ in range(count):
                h.wfile.write(b"<p>x</p>")
                h.wfile.flush()
                time.sleep(interval)
        except OSError:
            pass
    return handler


def endless(chunk: int = 1 << 16, total: int = 40 << 20, content_type: str = "application/rss+xml") -> Callable[[Any], None]:
    """Stream ``total`` bytes (no Content-Length) or until the client hangs up; records what was sent."""
    def handler(h: Any) -> None:
        sent = 0
        try:
            h.send_response(200)
            h.send_header("Content-Type", content_type)
            h.send_header("Connection", "close")
            h.end_headers()
            block = b"<rss>" + b"a" * (chunk - 5)
            while sent < total:
                h.wfile.write(block)
                sent += len(block)
        except OSError:
            pass
        finally:
            handler.sent = sent  # type: ignore[attr-defined]
    handler.sent = 0  # type: ignore[attr-defined]
    return handler


def redirect(to: str, status: int = 302) -> Callable[[Any], None]:
    def handler(h: Any) -> None:
        h.send_response(status)
        h.send_header("Location", to)
        h.send_header("Content-Length", "0")
        h.end_headers()
    return handler


def conditional(body: bytes, etag: str, last_modified: str) -> Callable[[Any], None]:
    def handler(h: Any) -> None:
        if h.headers.get("If-None-Match") == etag or h.headers.get("If-Modified-Since") == last_modified:
            h.send_response(304)
            h.send_header("ETag", etag)
            h.end_headers()
            return
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.send_header("ETag", etag)
        h.send_header("Last-Modified", last_modified)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
    return handler


ROBOTS = b"User-agent: *\nDisallow: /private/\n\nUser-agent: newsprism\nDisallow: /private/\nDisallow: /nobots/\n"


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    s.add("/robots.txt", ROBOTS, content_type="text/plain")
    s.thread.start()
    try:
        yield s
    finally:
        s.httpd.shutdown()
        s.httpd.server_close()


@pytest.fixture
def site(server: Server) -> Server:
    """The server with three real pages, two seed text dumps and feeds of them in every format."""
    for i, page in enumerate(dev_pages(3)):
        server.add(f"/news/a{i}.html", page)
    for i, text in enumerate(seed_texts()[:2]):
        server.add(f"/news/s{i}.txt", text, content_type="text/plain; charset=utf-8")
    items = [(server.url(f"/news/a{i}.html"), f"Article {i}") for i in range(3)]
    server.add("/feed.xml", rss(items), content_type="application/rss+xml")
    server.add("/atom.xml", atom(items[:2]), content_type="application/atom+xml")
    server.add("/feed.json", json_feed(items[1:]), content_type="application/feed+json")
    server.add("/seeds.xml", rss([(server.url(f"/news/s{i}.txt"), f"Seed {i}") for i in range(2)]),
               content_type="text/xml")
    return server


__all__ = ["DEV", "Path", "Server", "atom", "conditional", "dev_pages", "endless", "hang", "json_feed", "opml",
           "redirect", "rss", "seed_texts", "trickle"]
