"""The peer-suite benchmark's scoring helpers, on the shared peer pages."""

from __future__ import annotations

import json

from benchmarks.bench_peers import PEERS, _applicable, _by_half, _check, _holds, _newsprism_env, _served_as, half


def test_halves_are_stable_and_both_used():
    names = sorted(json.loads((PEERS / "extraction" / "checks.json").read_text(encoding="utf-8")))
    sides = [half(n) for n in names]
    assert sides == [half(n) for n in names]
    assert 0.3 < sides.count("A") / len(sides) < 0.7


def test_by_half_counts_checks_not_pages():
    got = _by_half({"a.html": [True, False], "b.html": [True]})
    assert got["all"] == 2 / 3
    assert {got["A"], got["B"]} <= {None, 0.5, 1.0, 2 / 3}


def test_check_kinds():
    assert _check("the whole text", {"kind": "in", "string": "whole"})
    assert not _check("the whole text", {"kind": "not_in", "string": "whole"})
    assert _check("the whole text", {"kind": "not_in", "string": "menu"})


def test_feed_expectations_are_those_newsprism_keeps():
    assert _applicable("not bozo and entries[0]['link'] == 'http://example.com/'")
    assert _applicable("not bozo and feed['title'] == 'Example feed'")
    assert not _applicable("not bozo and feed['link'] == 'http://example.com/'")
    assert not _applicable("not bozo and entries[0]['tags'][0]['term'] == 'x'")
    assert not _applicable("__import__('os')")


def test_newsprism_env_reads_a_feed():
    rss = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
           b"<item><title>One</title><link>https://example.org/1</link></item></channel></rss>")
    env = _newsprism_env(rss, "https://example.org/feed.xml")
    assert _holds("not bozo and entries[0]['link'] == 'https://example.org/1' and feed['title'] == 'T'", env)
    assert not _holds("entries[0]['link'] == 'https://example.org/2'", env)


def test_feeds_are_served_as_feedparsers_runtests_serves_them(tmp_path):
    served = tmp_path / "http_item_link_base_content_location.xml"
    served.write_text("<!--\nHeader:      Content-Location: http://example.com/\nDescription: item link\n"
                      "Expect:      not bozo and entries[0]['link'] == 'http://example.com/relative/uri'\n-->\n"
                      "<rss version=\"2.0\"><channel><item><link>/relative/uri</link></item></channel></rss>")
    url, headers = _served_as("wellformed/base/" + served.name, served)
    assert url == "http://127.0.0.1:8097/tests/wellformed/base/" + served.name
    assert headers == {"content-location": "http://example.com/", "content-type": "application/xml"}
    local = tmp_path / "item_link.xml"
    local.write_text("<rss version=\"2.0\"><channel><item><link>/a</link></item></channel></rss>")
    assert _served_as("wellformed/rss/item_link.xml", local) == (local.as_uri(), {})
    # newsprism resolves against the address it fetched, never against Content-Location (RFC 7231, 3.1.4.2)
    env = _newsprism_env(served.read_bytes(), url)
    assert _holds("entries[0]['link'] == 'http://127.0.0.1:8097/relative/uri'", env)
