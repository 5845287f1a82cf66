"""An outlet: its articles, its stories, whom it cites, how it names people, its profile."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from newsprism.web import views
from newsprism.web.errors import error_responses
from newsprism.web.routes import params


def router(site: Any) -> APIRouter:
    r = APIRouter()

    @r.get("/outlets/{name:path}.json", tags=["api"], summary="One outlet: articles, stories, citations, profile",
           responses=error_responses(400, 404))
    def outlet_json(name: str, page: int = params.page(views.PAGE_SIZE * 4)) -> Response:
        return JSONResponse(views.outlet(site.store(), name, profiles=site.profiles, page=page))

    @r.get("/outlets/{name:path}", include_in_schema=False)
    def outlet_html(name: str, page: int = params.page(views.PAGE_SIZE * 4)) -> Response:
        ctx = views.outlet(site.store(), name, profiles=site.profiles, page=page)
        return site.render("outlet.html", {**ctx, "title": name})

    return r
