"""Many RSS feeds on loopback for the scale benchmark, each on its own address (127.0.x.y).

One asyncio server in a background thread listens on N loopback addresses
(one port): each address is one outlet's host with ``/robots.txt`` (404:
allow all), ``/feed.xml`` (RSS 2.0 with an ETag, answering 304 to a matching
``If-None-Match``) and its entry pages ``/a{j}.html``. Every entry of every
feed links to a page of its own host; the pages are the 61 dev pages, each
under many outlets' URLs (as a wire story is), so a cycle measures polling and
fetching at scale while its analysis stays that of 61 pages (the pages part of
the benchmark measures analysis at scale).
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any
from xml.sax.saxutils import escape

from benchmarks.scale_corpus import bases


def address(i: int) -> str:
    return f"127.0.{1 + i // 250}.{1 + i % 250}"


class FeedSite:
    def __init__(self, feeds: int, entries: int) -> None:
        self.n, self.entries = feeds, entries
        self.requests = 0
        self.port = 0
        self._pool = [text.encode() for name, text in bases() if name.endswith(".html")]
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    # -- content -----------------------------------------------------------------------------
    def url(self, i: int, path: str) -> str:
        return f"http://{address(i)}:{self.port}{path}"

    def feed(self, i: int) -> bytes:
        items = "".join(
            f"<item><title>Story {i}-{j}</title><link>{escape(self.url(i, f'/a{j}.html'))}</link>"
            f"<guid>{escape(self.url(i, f'/a{j}.html'))}</guid></item>" for j in range(self.entries))
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Outlet {i}</title>'
                f"<link>{self.url(i, '/')}</link>{items}</channel></rss>").encode()

    def page(self, i: int, j: int) -> bytes:
        return self._pool[(i * self.entries + j) % len(self._pool)]

    def opml(self) -> bytes:
        from newsprism.ingest.feeds import write_opml

        return write_opml((self.url(i, "/feed.xml"), f"Outlet {i}") for i in range(self.n))

    # -- HTTP ----------------------------------------------------------------------------------
    def answer(self, i: int, path: str, headers: dict[str, str]) -> tuple[int, str, bytes, dict[str, str]]:
        if path == "/feed.xml":
            etag = f'"feed-{i}"'
            if headers.get("if-none-match") == etag:
                return 304, "application/rss+xml", b"", {"ETag": etag}
            return 200, "application/rss+xml", self.feed(i), {"ETag": etag}
        if path.startswith("/a") and path.endswith(".html") and path[2:-5].isdigit():
            return 200, "text/html; charset=utf-8", self.page(i, int(path[2:-5])), {}
        return 404, "text/plain", b"not found", {}

    async def _handle(self, i: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1]
                headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
                self.requests += 1
                status, ctype, body, extra = self.answer(i, path, headers)
                out = [f"HTTP/1.1 {status} X", f"Content-Type: {ctype}", f"Content-Length: {len(body)}"]
                out += [f"{k}: {v}" for k, v in extra.items()]
                writer.write(("\r\n".join(out) + "\r\n\r\n").encode() + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, IndexError):
            pass
        finally:
            writer.close()

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def start() -> list[Any]:
            servers = []
            for i in range(self.n):
                def handler(r: asyncio.StreamReader, w: asyncio.StreamWriter, i: int = i) -> Any:
                    return self._handle(i, r, w)
                server = await asyncio.start_server(handler, address(i), self.port)
                self.port = self.port or server.sockets[0].getsockname()[1]
                servers.append(server)
            return servers

        self._servers = self._loop.run_until_complete(start())
        self._ready.set()
        self._loop.run_forever()

    def __enter__(self) -> FeedSite:
        self._thread.start()
        self._ready.wait(60)
        return self

    def __exit__(self, *exc: object) -> None:
        def stop() -> None:
            for s in self._servers:
                s.close()
            self._loop.stop()

        self._loop.call_soon_threadsafe(stop)
        self._thread.join(10)
