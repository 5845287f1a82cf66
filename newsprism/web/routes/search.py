"""Full-text search over articles and stories."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from newsprism.web import search as search_mod
from newsprism.web import views
from newsprism.web.errors import error_responses
from newsprism.web.routes import params


def router(site: Any) -> APIRouter:
    r = APIRouter()

    def words(required: bool) -> Any:
        # the server's own rule (newsprism.web.search.to_match): 1-200 characters, not all blank (punctuation alone finds nothing)
        # checked by the view (a coded 400 bad_query); /openapi.json marks it required (routes.docs)
        return Query(None, description="words to find in titles, outlets and article text (all required; word* "
                                       "for a prefix)",
                     json_schema_extra={"minLength": 1, "maxLength": search_mod.MAX_QUERY_CHARS,
                                        "pattern": r"\S"}, examples=["Maduro"])

    @r.get("/search.json", tags=["api"], summary="Full-text search over articles and stories (FTS5)",
           responses=error_responses(400, 422))
    def search_json(q: str | None = words(True), outlet: str | None = params.outlet("only articles by this outlet"),
                    since: str | None = params.date(params.SINCE), until: str | None = params.date(params.UNTIL),
                    page: int = params.page(views.PAGE_SIZE)) -> Response:
        return JSONResponse(views.search(site.store(), q, outlet=outlet, since=since, until=until, page=page))

    @r.get("/search", include_in_schema=False)
    def search_html(q: str | None = Query(None), outlet: str | None = params.outlet(),
                    since: str | None = params.date(params.SINCE), until: str | None = params.date(params.UNTIL),
                    page: int = params.page(views.PAGE_SIZE)) -> Response:
        ctx = views.search(site.store(), q, outlet=outlet, since=since, until=until, page=page)
        return site.render("search.html", {**ctx, "title": f"Search: {q}"})

    return r
