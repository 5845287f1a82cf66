"""Feeds (RSS, Atom, JSON Feed), OPML and WARC files into raw inputs; each failure coded, the others go on."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from loopback import atom, dev_pages, endless, hang, json_feed, opml, redirect, rss, server, site  # noqa: F401

from newsprism.errors import BadArchive, BadFeed, InputError
from newsprism.ingest.feeds import fetch_feed, parse_feed, read_opml, url_inputs, write_opml
from newsprism.ingest.files import iter_inputs
from newsprism.ingest.urls import Fetcher
from newsprism.ingest.warc import iter_warc
from newsprism.types import RawInput


def local(**kw) -> Fetcher:
    kw.setdefault("host_interval", 0.0)
    return Fetcher(allow_private=True, **kw)


def split(records) -> tuple[list[RawInput], list[InputError]]:
    records = list(records)
    return ([r for r in records if isinstance(r, RawInput)],
            [r for r in records if isinstance(r, InputError) and getattr(r, "level", "error") == "error"])


# -- feeds -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path,n", [("/feed.xml", 3), ("/atom.xml", 2), ("/feed.json", 2), ("/seeds.xml", 2)])
def test_feed_url_yields_entry_pages(site, path: str, n: int) -> None:
    with local() as f:
        raws, errors = split(url_inputs(site.url(path), f))
    assert not errors and len(raws) == n
    pages = dict((p, r.body) for p, r in site.routes.items())
    for raw in raws:
        assert raw.source == raw.url and raw.url.startswith(site.url("/news/"))
        assert raw.data == pages[raw.url.split(str(site.port), 1)[1]]   # the full page, byte for byte
    kinds = {r.media_type for r in raws}
    assert kinds == ({"text/plain"} if path == "/seeds.xml" else {"text/html"})


def test_parse_formats_and_metadata() -> None:
    items = [("http://x.test/a", "A"), ("http://x.test/b", "B")]
    f = parse_feed(rss(items), "http://x.test/feed")
    assert f.kind == "rss" and f.title == "Loopback News" and [e.link for e in f.entries] == [i[0] for i in items]
    assert f.entries[0].title == "A" and f.entries[0].summary and f.entries[0].published
    assert parse_feed(atom(items), "http://x.test/atom").kind == "atom"
    j = parse_feed(json_feed(items), "http://x.test/feed.json")
    assert j.kind == "json" and [e.title for e in j.entries] == ["A", "B"]


def test_relative_links_resolved() -> None:
    f = parse_feed(b'<rss version="2.0"><channel><item><link>/a/b.html</link></item></channel></rss>',
                   "http://x.test/feeds/main.xml")
    assert f.entries[0].link == "http://x.test/a/b.html"
    j = parse_feed(b'{"version": "https://jsonfeed.org/version/1", "items": [{"id": "1", "url": "c.html"}]}',
                   "http://x.test/feeds/f.json")
    assert j.entries[0].link == "http://x.test/feeds/c.html"
    # an entry's id is a name, kept as written (feedparser resolved it against the feed's address when given
    # one: "right" became "http://x.test/feeds/right"); a link resolves against xml:base, then the address
    a = parse_feed(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry>'
                   b'<id>right</id><title>e</title><link href="story.html"/></entry></feed>',
                   "http://x.test/feeds/atom.xml")
    assert (a.entries[0].id, a.entries[0].link) == ("right", "http://x.test/feeds/story.html")
    b = parse_feed(b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/news/"><title>t</title><entry>'
                   b'<id>tag:x.test,2025:1</id><title>e</title><link href="story.html"/></entry></feed>',
                   "http://x.test/feeds/atom.xml")
    assert (b.entries[0].id, b.entries[0].link) == ("tag:x.test,2025:1", "http://x.test/news/story.html")


def test_markup_links_resolved_against_the_feed_address(server) -> None:
    """A WordPress-shaped RSS item (escaped HTML teaser with a root-relative link and a ../ image) and an Atom
    feed with xml:base and an XHTML summary, fetched through a redirect: their links and images resolve against
    the address the feed came from (after xml:base); a link the sanitizer emptied stays empty; text stays text."""
    server.add("/old.xml", redirect("/feeds/main.xml"))
    server.add("/feeds/main.xml", content_type="application/rss+xml; charset=utf-8", body=(
        b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Rates &amp; Markets</title>'
        b'<link>/</link><item><title>Rates &lt; 5% again</title><link>/2025/01/rates/</link>'
        b'<description>&lt;p&gt;&lt;img src="../img/rates.jpg" alt=""&gt; The bank held rates. '
        b'&lt;a href="/2025/01/rates/"&gt;Continue reading&lt;/a&gt; '
        b'&lt;a href="javascript:alert(1)"&gt;share&lt;/a&gt;'
        b'&lt;/p&gt;</description><pubDate>Tue, 07 Jan 2025 09:00:00 GMT</pubDate></item></channel></rss>'))
    server.add("/feeds/atom.xml", content_type="application/atom+xml", body=(
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/news/"><title type="html">'
        b'&lt;a href="index.html"&gt;World&lt;/a&gt; desk</title><id>tag:x.test,2025:feed</id>'
        b'<entry><id>tag:x.test,2025:1</id><title>Quake</title><link href="quake.html"/>'
        b'<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A quake. '
        b'<a href="quake.html#map">Map</a></div></summary><updated>2025-01-07T09:00:00Z</updated></entry></feed>'))
    with local() as f:
        rss_feed = fetch_feed(server.url("/old.xml"), f)
        atom_feed = fetch_feed(server.url("/feeds/atom.xml"), f)
    e = rss_feed.entries[0]
    assert rss_feed.title == "Rates & Markets" and e.title == "Rates < 5% again"
    assert e.link == server.url("/2025/01/rates/")
    assert f'src="{server.url("/img/rates.jpg")}"' in e.summary
    assert f'<a href="{server.url("/2025/01/rates/")}">Continue reading</a>' in e.summary
    assert '<a href="">share</a>' in e.summary
    a = atom_feed.entries[0]
    assert atom_feed.title == f'<a href="{server.url("/news/index.html")}">World</a> desk'
    assert (a.id, a.link) == ("tag:x.test,2025:1", server.url("/news/quake.html"))
    assert f'<a href="{server.url("/news/quake.html#map")}">Map</a>' in a.summary


@pytest.mark.parametrize("body", [
    b'<rss version="2.0"><channel><title>x</title><item><title>a</item>&&&<<',
    b"<html><body>not a feed</body></html>",
    b'{"version": "1", "items": []}',
    b'{"version": "https://jsonfeed.org/version/1", "items": [',
])
def test_bad_feeds(body: bytes) -> None:
    with pytest.raises(BadFeed) as err:
        parse_feed(body, "http://x.test/feed")
    assert err.value.code == "NP116"


def test_entity_bomb_refused() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<rss version="2.0"><channel><item><title>&b;</title><link>http://x.test/a</link></item></channel></rss>')
    with pytest.raises(BadFeed, match="entit"):
        parse_feed(bomb, "http://x.test/feed")


def test_hostile_feeds_each_coded_others_go_on(site) -> None:
    """Through an OPML list: a hanging, a 500, a 2 GB, an endlessly redirecting and a malformed feed,
    between two good ones: one coded error each, every good entry fetched."""
    site.add("/hang.xml", hang(5))
    site.add("/500.xml", b"oops", status=500)
    site.add("/huge.xml", endless(total=100 << 20))
    site.add("/redir.xml", redirect("/redir.xml?again"))
    site.add("/redir.xml?again", redirect("/redir.xml"))
    site.add("/bad.xml", b'<rss version="2.0"><channel><item><title>a</item>&&&<<', content_type="application/rss+xml")
    site.add("/pic.xml", b"\x89PNG\r\n", content_type="image/png")
    feeds = ["/feed.xml", "/hang.xml", "/500.xml", "/huge.xml", "/redir.xml", "/bad.xml", "/pic.xml", "/feed.json"]
    data = opml([site.url(p) for p in feeds])
    from newsprism.ingest.feeds import opml_inputs

    with local(timeout=1.5) as f:
        raws, errors = split(opml_inputs("list.opml", data, f))
    assert len(raws) == 3 + 2
    codes = {e.source.rsplit("/", 1)[1]: e.code for e in errors}
    assert codes == {"hang.xml": "NP117", "500.xml": "NP112", "huge.xml": "NP106", "redir.xml": "NP114",
                     "bad.xml": "NP116", "pic.xml": "NP115"}


def test_entry_failures_are_per_entry(site) -> None:
    site.add("/mixed.xml", rss([(site.url("/news/a0.html"), "ok"), (site.url("/gone.html"), "404"),
                                (site.url("/private/x.html"), "robots"), ("ftp://x.test/a", "not http")]),
             content_type="application/rss+xml")
    with local() as f:
        raws, errors = split(url_inputs(site.url("/mixed.xml"), f))
    assert [r.source for r in raws] == [site.url("/news/a0.html")]
    assert sorted(e.code for e in errors) == ["NP112", "NP113"]   # ftp link: not a web page, passed over


def test_opml_round_trip(tmp_path: Path) -> None:
    feeds = [("http://a.test/feed.xml", "A & B"), ("https://b.test/atom?x=1&y=2", None)]
    data = write_opml(feeds)
    assert read_opml(data) == [(feeds[0][0], "A & B"), (feeds[1][0], feeds[1][0])]
    nested = opml(["http://c.test/1", "http://c.test/2", "http://c.test/1"])
    assert read_opml(nested) == [("http://c.test/1", "feed 0"), ("http://c.test/2", "feed 1")]


@pytest.mark.parametrize("body", [b"<opml><body><outline", b"<html/>",
                                  b'<!DOCTYPE opml [<!ENTITY x "y">]><opml><body><outline xmlUrl="&x;"/></body></opml>'])
def test_bad_opml(body: bytes) -> None:
    with pytest.raises(BadFeed):
        read_opml(body)


# -- WARC ---------------------------------------------------------------------------------------------------
def build_warc(path: Path, pages: list[tuple[str, bytes]], *, gz: bool = True) -> None:
    """A WARC with a warcinfo, a request, the pages as responses (one chunked, one gzip-encoded),
    an image, a 404 and a redirect response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "newsprism tests"}))

        def response(url: str, body: bytes, status: str = "200 OK", ctype: str = "text/html; charset=utf-8",
                     extra: list[tuple[str, str]] | None = None) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype), *(extra or [])], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))

        req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.test")], is_http_request=True)
        w.write_record(w.create_warc_record(pages[0][0], "request", payload=io.BytesIO(b""), http_headers=req))
        for i, (url, body) in enumerate(pages):
            if i == 1:   # chunked transfer encoding, as captured
                chunked = b"".join(b"%x\r\n%s\r\n" % (len(body[j:j + 5000]), body[j:j + 5000])
                                   for j in range(0, len(body), 5000)) + b"0\r\n\r\n"
                response(url, chunked, extra=[("Transfer-Encoding", "chunked")])
            elif i == 2:   # gzip content encoding, as captured
                response(url, gzip.compress(body), extra=[("Content-Encoding", "gzip")])
            else:
                response(url, body)
        response("https://news.test/logo.png", b"\x89PNG\r\n\x1a\n", ctype="image/png")
        response("https://news.test/missing", b"<html>gone</html>", status="404 Not Found")
        response("https://news.test/old", b"", status="301 Moved Permanently", extra=[("Location", "/new")])


@pytest.mark.parametrize("gz", [True, False])
def test_warc_records(tmp_path: Path, gz: bool) -> None:
    pages = [(f"https://news.test/story/{i}", body) for i, body in enumerate(dev_pages(3))]
    path = tmp_path / ("cc-news.warc.gz" if gz else "cc-news.warc")
    build_warc(path, pages, gz=gz)
    raws, errors = split(iter_warc(str(path)))
    assert not errors
    assert [r.url for r in raws] == [u for u, _ in pages]
    assert [r.data for r in raws] == [b for _, b in pages]   # dechunked and decoded by warcio
    assert all(r.media_type == "text/html" and r.source.startswith(f"{path}#") for r in raws)
    offsets = [int(r.source.rsplit("#", 1)[1]) for r in raws]
    assert offsets == sorted(offsets) and len(set(offsets)) == 3


def test_truncated_warc_keeps_records_before(tmp_path: Path) -> None:
    pages = [(f"https://news.test/story/{i}", body) for i, body in enumerate(dev_pages(3))]
    full = tmp_path / "full.warc.gz"
    build_warc(full, pages)
    data = full.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    offsets = [int(r.source.rsplit("#", 1)[1]) for r in iter_warc(str(full)) if isinstance(r, RawInput)]
    cut.write_bytes(data[: offsets[2] + 300])   # the third page's record breaks off
    raws, errors = split(iter_warc(str(cut)))
    assert [r.url for r in raws] == [pages[0][0], pages[1][0]]
    assert len(errors) == 1 and errors[0].code == "NP118"


@pytest.mark.parametrize("content", [b"", b"this is not a WARC file at all\n" * 10, gzip.compress(b"WARC/1.0\r\nnonsense")])
def test_not_a_warc(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.warc.gz"
    path.write_bytes(content)
    raws, errors = split(iter_warc(str(path)))
    if content:
        assert not raws and len(errors) == 1 and isinstance(errors[0], BadArchive)
    else:
        assert not raws   # an empty WARC holds no records


def test_iter_inputs_mixes_everything(site, tmp_path: Path) -> None:
    warc = tmp_path / "a.warc.gz"
    build_warc(warc, [("https://news.test/w", dev_pages(1)[0])])
    listing = tmp_path / "feeds.opml"
    listing.write_bytes(opml([site.url("/atom.xml")]))
    page = tmp_path / "p.html"
    page.write_bytes(b"<html><body><p>local</p></body></html>")
    items = list(iter_inputs([str(page), str(warc), str(listing), site.url("/news/a2.html"), site.url("/feed.json")],
                             allow_private=True, host_interval=0))
    raws, errors = split(items)
    assert not errors
    assert [r.source for r in raws] == [str(page), f"{warc}#{raws[1].source.rsplit('#', 1)[1]}",
                                        site.url("/news/a0.html"), site.url("/news/a1.html"),
                                        site.url("/news/a2.html"), site.url("/news/a1.html"), site.url("/news/a2.html")]
    refused, errors = split(iter_inputs([site.url("/feed.json")]))
    assert not refused and [e.code for e in errors] == ["NP111"]


def test_an_entry_with_a_broken_link_loses_nothing_else(site) -> None:
    """A link that is no URL ("http://[x") is kept as written by the parser (urljoin refuses it); the
    feed's other entries are fetched all the same."""
    f = parse_feed(b'<rss version="2.0"><channel><item><link>http://[x/a</link></item>'
                   b'<item><link>/ok.html</link></item></channel></rss>', "http://x.test/feeds/main.xml")
    assert [e.link for e in f.entries] == ["http://[x/a", "http://x.test/ok.html"]
    site.add("/broken.xml", rss([("http://[x/a", "broken"), (site.url("/news/a0.html"), "ok")]),
             content_type="application/rss+xml")
    with local() as fetcher:
        raws, errors = split(url_inputs(site.url("/broken.xml"), fetcher))
    assert [r.source for r in raws] == [site.url("/news/a0.html")]
    assert all(e.code.startswith("NP1") for e in errors)
