"""An article: its text with the spans the comparison cites, its raw input, a diff with another copy."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from newsprism.web import views
from newsprism.web.errors import error_responses


def router(site: Any) -> APIRouter:
    r = APIRouter()

    def hl() -> Any:
        return Query(None, max_length=24, description="highlight START-END (character offsets in text)",
                     json_schema_extra={"pattern": r"^(\d{1,9}-\d{1,9})?$"}, examples=["0-40"])

    def diff() -> Any:
        return Query(None, max_length=500, description="article id to diff against")

    @r.get("/articles/{article_id:path}.json", tags=["api"], summary="One article: text, marks, raw input, diff",
           responses=error_responses(400, 404))
    def article_json(article_id: str, hl: str | None = hl(), diff: str | None = diff()) -> Response:
        return JSONResponse(views.article(site.store(), article_id, hl=hl, diff_with=diff))

    @r.get("/articles/{article_id:path}", include_in_schema=False)
    def article_html(article_id: str, hl: str | None = hl(), diff: str | None = diff()) -> Response:
        ctx = views.article(site.store(), article_id, hl=hl, diff_with=diff)
        return site.render("article.html", {**ctx, "title": ctx["article"]["title"] or article_id})

    return r
