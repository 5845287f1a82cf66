"""Fetching URLs: limits, refusals and coded errors, all against a loopback server."""

from __future__ import annotations

import socket
import time

import pytest
from loopback import dev_pages, endless, hang, redirect, server, trickle  # noqa: F401  (fixtures)

from newsprism.errors import (
    BadContentType, FetchTimeout, HTTPError, RefusedTarget, RobotsDisallowed, TooLarge, TooManyRedirects,
    Unreachable,
)
from newsprism.ingest import urls
from newsprism.ingest.urls import Fetcher, fetch


def local(**kw) -> Fetcher:
    kw.setdefault("host_interval", 0.0)
    return Fetcher(allow_private=True, **kw)


def test_fetch_real_page(server) -> None:
    page = dev_pages(1)[0]
    url = server.add("/a.html", page)
    raw = fetch(url, allow_private=True, host_interval=0)
    assert raw.data == page and raw.url == url and raw.source == url
    assert raw.media_type == "text/html"
    ua = dict(server.log)["/a.html"]["user-agent"]
    assert ua.startswith("newsprism/")


def test_loopback_refused_by_default(server) -> None:
    url = server.add("/a.html", b"<html><p>hi</p></html>")
    with pytest.raises(RefusedTarget) as err:
        fetch(url)
    assert err.value.code == "NP111" and "--allow-private" in err.value.message
    assert server.log == []   # refused before connecting (not even robots.txt)


@pytest.mark.parametrize("addr", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "::1",
                                  "fe80::1", "fc00::1", "::ffff:10.0.0.1", "0.0.0.0", "224.0.0.1", "100.64.0.1"])
def test_private_ranges_refused(addr: str) -> None:
    assert not urls.address_allowed(addr)
    with pytest.raises(RefusedTarget):
        urls.resolve(addr, 80, allow_private=False)


# the IANA special-purpose registries' blocks that ipaddress.is_global lets through, and IPv6 wrappings of
# private IPv4 addresses (6to4, Teredo, NAT64) unwrapped like IPv4-mapped ones
@pytest.mark.parametrize("addr", ["2002:7f00:1::", "2002:7f00:1::1", "2002:a00:1::", "fec0::1", "192.0.0.8",
                                  "192.0.0.170", "192.88.99.1", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
                                  "2001:0:0a00:1::1", "64:ff9b::7f00:1", "64:ff9b:1::1", "::7f00:1", "2001:db8::1",
                                  "3fff::1", "198.18.0.1", "100::1", "5f00::1", "2001:2::1"])
def test_special_purpose_blocks_refused(addr: str) -> None:
    assert not urls.address_allowed(addr)
    with pytest.raises(RefusedTarget):
        urls.resolve(addr, 80, allow_private=False)


def test_public_addresses_allowed() -> None:
    for addr in ("93.184.216.34", "2606:4700:4700::1111", "2002:808:808::1", "64:ff9b::808:808", "192.0.0.9",
                 "192.31.196.1", "2001:4:112::1", "2620:4f:8000::1"):
        assert urls.address_allowed(addr), addr


def test_names_checked_after_resolution(monkeypatch) -> None:
    """A public-looking name that resolves to a private address is refused (checked after DNS)."""
    def fake(host, port, *a, **kw):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]
    monkeypatch.setattr(urls.socket, "getaddrinfo", fake)
    with pytest.raises(RefusedTarget, match="10.0.0.7"):
        urls.resolve("news.example", 80, allow_private=False)


def test_connects_to_the_checked_address(server, monkeypatch) -> None:
    """The name is resolved once and the connection goes to that address, Host header kept (no rebinding)."""
    real = socket.getaddrinfo
    calls = []

    def fake(host, port, *a, **kw):
        calls.append(host)
        return real("127.0.0.1" if host == "news.test" else host, port, *a, **kw)
    monkeypatch.setattr(urls.socket, "getaddrinfo", fake)
    server.add("/p.html", b"<html><body><p>pinned</p></body></html>")
    with local() as f:
        resp = f.get(f"http://news.test:{server.port}/p.html")
    assert resp.data.endswith(b"pinned</p></body></html>")
    assert resp.url == f"http://news.test:{server.port}/p.html"
    assert dict(server.log)["/p.html"]["host"] == f"news.test:{server.port}"
    # the name is looked up by us only; the socket layer is handed the checked address
    assert set(calls) == {"news.test", "127.0.0.1"}


def test_every_redirect_hop_is_checked(server, monkeypatch) -> None:
    """Allowed first hop, then a redirect to the cloud metadata address: refused before connecting."""
    monkeypatch.setattr(urls, "address_allowed", lambda a: a == "127.0.0.1")
    server.add("/go", redirect("http://169.254.169.254/latest/meta-data/"))
    with Fetcher(host_interval=0) as f, pytest.raises(RefusedTarget, match="169.254.169.254"):
        f.get(server.url("/go"))


def test_redirect_to_other_scheme_refused(server) -> None:
    server.add("/file", redirect("file:///etc/passwd"))
    with local() as f, pytest.raises(RefusedTarget, match="http and https"):
        f.get(server.url("/file"))


def test_redirects_followed_and_capped(server) -> None:
    page = b"<html><body><p>landed</p></body></html>"
    server.add("/final.html", page)
    server.add("/r1", redirect("/r2", 301))
    server.add("/r2", redirect(server.url("/final.html"), 307))
    with local() as f:
        resp = f.get(server.url("/r1"))
    assert resp.data == page and resp.url == server.url("/final.html")
    for i in range(10):
        server.add(f"/e{i}", redirect(f"/e{i + 1}"))
    with local() as f, pytest.raises(TooManyRedirects) as err:
        f.get(server.url("/e0"))
    assert err.value.code == "NP114" and server.hits("/e6") == 0   # 5 redirects followed, no more
    server.add("/loop", redirect("/loop"))
    with local() as f, pytest.raises(TooManyRedirects, match="loop"):
        f.get(server.url("/loop"))


def test_http_errors(server) -> None:
    server.add("/boom", b"oops", status=500)
    with local() as f:
        with pytest.raises(HTTPError, match="500") as err:
            f.get(server.url("/boom"))
        assert err.value.code == "NP112"
        with pytest.raises(HTTPError, match="404"):
            f.get(server.url("/missing"))


def test_hang_times_out(server) -> None:
    server.add("/hang", hang(5))
    started = time.monotonic()
    with local(timeout=1.0) as f, pytest.raises(FetchTimeout) as err:
        f.get(server.url("/hang"))
    assert err.value.code == "NP117" and time.monotonic() - started < 3


def test_trickle_hits_total_time_cap(server) -> None:
    """A server sending a byte now and then never trips a read timeout: the total cap stops it."""
    server.add("/trickle", trickle(0.2))
    started = time.monotonic()
    with local(timeout=1.0) as f, pytest.raises(FetchTimeout):
        f.get(server.url("/trickle"))
    assert time.monotonic() - started < 3


def test_huge_body_capped(server) -> None:
    h = endless(total=200 << 20, content_type="text/html")
    server.add("/huge", h)
    with local() as f, pytest.raises(TooLarge) as err:
        f.get(server.url("/huge"))
    assert err.value.code == "NP106"
    time.sleep(0.2)
    assert h.sent < 40 << 20   # the client hung up soon after the 16 MiB cap, not after 200 MiB


def test_announced_size_refused_before_reading(server) -> None:
    def big(h) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(2 << 30))
        h.end_headers()
        try:
            h.wfile.write(b"<html>" * 1000)
        except OSError:
            pass
    server.add("/2gb", big)
    with local() as f, pytest.raises(TooLarge, match="announced"):
        f.get(server.url("/2gb"))


@pytest.mark.parametrize("ctype", ["image/png", "application/pdf", "application/octet-stream", "video/mp4"])
def test_wrong_content_type(server, ctype: str) -> None:
    server.add("/thing", b"\x89PNG....", content_type=ctype)
    with local() as f, pytest.raises(BadContentType) as err:
        f.get(server.url("/thing"))
    assert err.value.code == "NP115" and ctype in err.value.message


def test_robots_disallow(server) -> None:
    server.add("/private/a.html", b"<html><p>secret</p></html>")
    server.add("/nobots/a.html", b"<html><p>not for newsprism</p></html>")
    server.add("/open.html", b"<html><p>open</p></html>")
    with local() as f:
        with pytest.raises(RobotsDisallowed) as err:
            f.get(server.url("/private/a.html"))
        assert err.value.code == "NP113"
        with pytest.raises(RobotsDisallowed):
            f.get(server.url("/nobots/a.html"))   # the newsprism group
        assert f.get(server.url("/open.html")).data == b"<html><p>open</p></html>"
    assert server.hits("/private/a.html") == 0 and server.hits("/nobots/a.html") == 0
    assert server.hits("/robots.txt") == 1   # cached per host


def test_robots_5xx_disallows_4xx_allows(server) -> None:
    server.add("/page.html", b"<html><p>x</p></html>")
    del server.routes["/robots.txt"]
    with local() as f:
        assert f.get(server.url("/page.html")).status == 200   # 404 robots.txt: everything allowed
    server.add("/robots.txt", b"down", status=503, content_type="text/plain")
    with local() as f, pytest.raises(RobotsDisallowed):
        f.get(server.url("/page.html"))


def test_per_host_interval(server) -> None:
    server.add("/p.html", b"<html><p>x</p></html>")
    with local(host_interval=0.3) as f:
        started = time.monotonic()
        for _ in range(3):
            f.get(server.url("/p.html"))
        # robots.txt + 3 pages = 4 requests, 3 gaps of at least 0.3 s
        assert time.monotonic() - started >= 0.85


def test_connection_refused() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    with local() as f, pytest.raises(Unreachable) as err:
        f.get(f"http://127.0.0.1:{port}/x")
    assert err.value.code == "NP110"


def test_conditional_get_returns_304(server) -> None:
    from loopback import conditional

    server.add("/c.xml", conditional(b"<rss version='2.0'><channel></channel></rss>", '"v1"', "Mon, 01 Jan 2024 00:00:00 GMT"))
    with local() as f:
        first = f.get(server.url("/c.xml"))
        assert first.status == 200 and first.etag == '"v1"'
        again = f.get(server.url("/c.xml"), headers={"If-None-Match": first.etag})
        assert again.status == 304 and again.data == b""
