"""The home page (stories, newest first) and the Atom feed of new and updated stories."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from newsprism import __version__
from newsprism.web import views
from newsprism.web.errors import error_responses
from newsprism.web.routes import params

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: Any) -> str:
    """Text safe inside XML 1.0 (characters XML cannot carry are dropped)."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def atom_feed(stories: list[dict[str, Any]], base: str) -> bytes:
    """An Atom 1.0 feed (RFC 4287) of the stories: one entry each, updated when the story last changed."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: Any = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = _text(text)
        return node

    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "id", base + "/stories.atom")
    sub(feed, "title", "newsprism: stories")
    sub(feed, "subtitle", "Stories new and updated in this store, each read through every outlet that covers it")
    sub(feed, "updated", max((s["updated"] for s in stories if s["updated"]), default="1970-01-01T00:00:00Z"))
    sub(feed, "link", rel="self", href=base + "/stories.atom", type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=base + "/", type="text/html")
    sub(sub(feed, "author"), "name", "newsprism")
    sub(feed, "generator", "newsprism", version=__version__)
    for s in stories:
        entry = sub(feed, "entry")
        sub(entry, "id", f"{base}{s['href']}")
        sub(entry, "title", s["title"] or s["id"])
        sub(entry, "updated", s["updated"] or "1970-01-01T00:00:00Z")
        if s["first_published"]:
            sub(entry, "published", views.iso_datetime(s["first_published"]))
        sub(entry, "link", rel="alternate", href=base + s["href"], type="text/html")
        outlets = ", ".join(s["outlets"])
        summary = f"{s['sources']} source{'s' if s['sources'] != 1 else ''}" + (f" ({outlets})" if outlets else "")
        sub(entry, "summary", (s["brief"] + " — " if s["brief"] else "") + summary)
        for o in s["outlets"]:
            sub(entry, "category", term=_text(o))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def router(site: Any) -> APIRouter:
    r = APIRouter()

    @r.get("/index.json", tags=["api"], summary="Stories, most recently updated first",
           responses=error_responses(400, 422))
    def home_json(outlet: str | None = params.outlet(), since: str | None = params.date(params.SINCE),
                  until: str | None = params.date(params.UNTIL),
                  page: int = params.page(views.PAGE_SIZE)) -> Response:
        return JSONResponse(views.home(site.store(), outlet=outlet, since=since, until=until, page=page))

    @r.get("/", include_in_schema=False)
    def home_html(outlet: str | None = params.outlet(), since: str | None = params.date(params.SINCE),
                  until: str | None = params.date(params.UNTIL),
                  page: int = params.page(views.PAGE_SIZE)) -> Response:
        ctx = views.home(site.store(), outlet=outlet, since=since, until=until, page=page)
        return site.render("home.html", {**ctx, "title": "Stories"})

    @r.get("/stories.atom", tags=["api"], summary="Atom feed of the stories new and updated, newest first",
           response_class=Response, responses={200: {"content": {"application/atom+xml": {}},
                                                      "description": "an Atom 1.0 feed"}})
    def stories_atom(request: Request) -> Response:
        ctx = views.home(site.store(), page=1, per_page=FEED_ENTRIES, with_outlets=False)
        base = str(request.base_url).rstrip("/")
        return Response(atom_feed(ctx["stories"], base), media_type="application/atom+xml; charset=utf-8")

    return r
