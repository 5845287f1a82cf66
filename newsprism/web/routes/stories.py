"""A story: its page and JSON, its CSV export, and corrections made from its page (split, move, merge)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from newsprism.errors import UsageError
from newsprism.web import views
from newsprism.web.errors import WebError, error_responses
from newsprism.web.forms import read_form

#: a correction's form is small: the token, some article ids, a story id
MAX_CORRECTION_BYTES = 64 * 1024

CORRECTION_BODY = {
    "required": True,
    "content": {"application/x-www-form-urlencoded": {"schema": {
        "type": "object",
        "properties": {
            "token": {"type": "string", "description": "the write token, as the first field (or use the "
                                                       "Authorization: Bearer header)"},
            "article": {"type": "array", "items": {"type": "string"}, "description": "article ids (split, move)"},
            "other": {"type": "string", "description": "the other story's id (move: where to; merge: which story)"},
        },
    }}},
}


def _sid() -> Any:
    return Path(..., description="a story id, as /index.json lists them", examples=["s0123456789ab"])


def router(site: Any) -> APIRouter:
    r = APIRouter()

    @r.get("/stories/{story_id}.json", tags=["api"], summary="One story: articles, membership, comparison",
           responses=error_responses(404))
    def story_json(story_id: str = _sid()) -> Response:
        return JSONResponse(views.story(site.store(), story_id, profiles=site.profiles))

    @r.get("/stories/{story_id}.csv", tags=["api"], summary="One story as CSV: facts × sources, conflicts, quotes",
           response_class=Response, responses={200: {"content": {"text/csv": {}}, "description": "CSV rows"},
                                               **error_responses(404)})
    def story_csv(story_id: str = _sid()) -> Response:
        ctx = views.story(site.store(), story_id, profiles=site.profiles)
        return Response(views.story_csv(ctx), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{views.q(story_id)}.csv"'})

    @r.get("/stories/{story_id}", include_in_schema=False)
    def story_html(request: Request, story_id: str) -> Response:
        ctx = views.story(site.store(), story_id, profiles=site.profiles)
        ctx["corrected"] = request.query_params.get("corrected")
        return site.render("story.html", ctx)

    async def correct(request: Request, story_id: str, kind: str) -> Response:
        form = await read_form(request, site, max_bytes=MAX_CORRECTION_BYTES, max_fields=500)
        articles = [a for a in form.getlist("article") if isinstance(a, str) and a]
        other = form.get("other")
        target = await run_in_threadpool(apply, story_id, kind, articles,
                                         other.strip() if isinstance(other, str) else "")
        # after a split the page shows the story it was split from, compared again; otherwise the story corrected
        href = views.story_href(story_id if kind == "split" else target)
        if "text/html" in request.headers.get("accept", ""):
            return RedirectResponse(f"{href}?corrected={kind}#corrections", status_code=303)
        return JSONResponse({"ok": True, "correction": kind, "story": story_id, "result": target,
                             "href": href, "comparison_recomputed": True})

    def apply(story_id: str, kind: str, articles: list[str], other: str) -> str:
        """Make the correction (in a worker thread: comparing again takes seconds); the story to show after."""
        from newsprism.cluster import corrections

        store = site.store()
        if store.get_story(story_id) is None:
            raise WebError(404, f"no story {story_id!r} in this store", "story_not_found")
        try:
            if kind == "split":
                if not articles:
                    raise WebError(400, "choose the articles to split off (field `article`)", "nothing_chosen")
                target = corrections.split(store, story_id, articles)
            elif kind == "move":
                if not articles or not other:
                    raise WebError(400, "choose the articles (field `article`) and the story they move to "
                                        "(field `other`)", "nothing_chosen")
                if store.get_story(other) is None:
                    raise WebError(404, f"no story {other!r} in this store", "story_not_found")
                stray = [a for a in articles if a not in store.get_story(story_id).articles]
                if stray:
                    raise WebError(400, f"not in story {story_id}: {', '.join(stray[:5])}", "not_in_story")
                corrections.move(store, articles, other)
                target = other
            else:
                if not other:
                    raise WebError(400, "name the story to merge into this one (field `other`)", "nothing_chosen")
                if other == story_id:
                    raise WebError(409, "a story cannot be merged into itself", "self_merge")
                if store.get_story(other) is None:
                    raise WebError(404, f"no story {other!r} in this store", "story_not_found")
                corrections.merge(store, story_id, [other])
                target = story_id
        except UsageError as exc:
            raise WebError(400, exc.message, "bad_correction") from None
        return target

    def post(kind: str, summary: str) -> Any:
        return r.post(f"/api/stories/{{story_id}}/{kind}", tags=["api"], name=f"story_{kind}",
                      summary=summary + "; needs the token (checked before the body is read); the comparison is "
                                        "computed again", responses=error_responses(400, 401, 404, 409, 413, 415),
                      openapi_extra={"requestBody": CORRECTION_BODY})

    @post("split", "Split the chosen articles (field `article`) off into a new story")
    async def story_split(request: Request, story_id: str = _sid()) -> Response:
        return await correct(request, story_id, "split")

    @post("move", "Move the chosen articles (field `article`) into the story `other`")
    async def story_move(request: Request, story_id: str = _sid()) -> Response:
        return await correct(request, story_id, "move")

    @post("merge", "Merge the story `other` into this one (never itself)")
    async def story_merge(request: Request, story_id: str = _sid()) -> Response:
        return await correct(request, story_id, "merge")

    return r
