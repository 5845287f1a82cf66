"""The API's description: ``/openapi.json`` (with examples taken from this store) and the ``/docs`` page."""

from __future__ import annotations

import copy
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

#: query parameters the server requires (it answers 400 with its own code when they are missing, so FastAPI
#: does not enforce them; the schema still says so)
REQUIRED_QUERY = {("/search.json", "q")}


def _examples(store: Any) -> dict[str, str]:
    """Real ids from this store for the schema's id parameters (the first story, its first article, an outlet)."""
    out: dict[str, str] = {}
    rows = store.list_stories(limit=1)
    if rows:
        out["story_id"] = rows[0][0]
        story = store.get_story(rows[0][0])
        if story is not None and story.articles:
            out["article_id"] = story.articles[0]
    outlets = store.list_outlets()
    if outlets:
        out["name"] = outlets[0][0]
    return out


def schema_with_examples(app: Any, store: Any) -> dict[str, Any]:
    schema = copy.deepcopy(app.openapi())
    examples = _examples(store)
    for path, ops in schema.get("paths", {}).items():
        for op in ops.values():
            for p in op.get("parameters", []):
                if p.get("in") == "path" and p["name"] in examples:
                    p["example"] = examples[p["name"]]
                    p.get("schema", {}).pop("examples", None)
                if p.get("in") == "query" and (path, p["name"]) in REQUIRED_QUERY:
                    p["required"] = True
                    p.get("schema", {}).pop("anyOf", None)
                    p["schema"] = {k: v for k, v in p["schema"].items() if k != "default"} | {"type": "string"}
    return schema


def router(site: Any) -> APIRouter:
    r = APIRouter()

    @r.get("/openapi.json", include_in_schema=False)
    def openapi(request: Request) -> Response:
        return JSONResponse(schema_with_examples(request.app, site.store()))

    @r.get("/docs", include_in_schema=False)
    def docs_html(request: Request) -> Response:
        schema = schema_with_examples(request.app, site.store())
        routes = [{"method": m.upper(), "path": p, "summary": op.get("summary", ""),
                   "params": [{"name": x["name"], "in": x["in"], "required": x.get("required", False),
                               "description": x.get("description", "")} for x in op.get("parameters", [])],
                   "statuses": sorted(op.get("responses", {}))}
                  for p, ops in schema["paths"].items() for m, op in ops.items()]
        return site.render("docs.html", {"page": "docs", "title": "API", "routes": routes,
                                        "description": schema["info"].get("description", "")})

    return r
