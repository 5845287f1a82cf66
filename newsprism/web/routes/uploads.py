"""Adding sources: the upload form, the upload API (token first) and the jobs that analyse uploads."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from newsprism.web import views
from newsprism.web.errors import WebError, error_responses
from newsprism.web.forms import read_form

#: the request body the upload API reads, as the schema states it (the server enforces every bound here)
UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {"schema": {
            "type": "object",
            "properties": {
                "token": {"type": "string", "description": "the write token, as the first field (or use the "
                                                           "Authorization: Bearer header)"},
                "files": {"type": "array", "maxItems": 20, "description": "pages, text dumps, .jsonl files",
                          "items": {"type": "string", "format": "binary"}},
                "urls": {"type": "string", "maxLength": 100_000,
                         "description": "http(s) URLs of pages or feeds, one a line (at most 50)",
                         "pattern": r"^\s*https?://[^\s]+(\s+https?://[^\s]+)*\s*$"},
            },
            "anyOf": [{"required": ["files"]}, {"required": ["urls"]}],
        }},
        "application/x-www-form-urlencoded": {"schema": {
            "type": "object",
            "properties": {"token": {"type": "string"},
                           "urls": {"type": "string", "maxLength": 100_000,
                                    "pattern": r"^\s*https?://[^\s]+(\s+https?://[^\s]+)*\s*$"}},
            "required": ["urls"],
        }},
    },
}


def router(site: Any) -> APIRouter:
    r = APIRouter()
    limits = site.limits

    @r.get("/add", include_in_schema=False)
    def add_html() -> Response:
        return site.render("add.html", {"page": "add", "title": "Add sources", "limits": limits})

    @r.post("/api/uploads", tags=["api"], status_code=202,
            summary="Add sources: upload files (field `files`) and/or URLs (field `urls`, one a line); "
                    "needs the token, checked before the body is read",
            responses=error_responses(400, 401, 413, 415), openapi_extra={"requestBody": UPLOAD_BODY})
    async def upload(request: Request) -> Response:
        form = await read_form(request, site, max_bytes=limits["bytes"], max_files=limits["files"], max_fields=10)
        files: list[tuple[str, bytes]] = []
        for key, value in form.multi_items():
            if key == "files" and not isinstance(value, str):
                data = await value.read()
                if not data:
                    continue           # an empty file input (or an empty file: nothing to read)
                if len(data) > limits["file_bytes"]:
                    raise WebError(413, f"{value.filename!r} is over {limits['file_bytes']:,} bytes",
                                   "file_too_large")
                files.append((value.filename or "upload", data))
        raw_urls = form.get("urls")
        urls = [u.strip() for u in (raw_urls if isinstance(raw_urls, str) else "").splitlines() if u.strip()]
        if len(urls) > limits["urls"]:
            raise WebError(413, f"at most {limits['urls']} URLs at once", "too_many_urls")
        bad = [u for u in urls if views.safe_url(u) is None]
        if bad:
            raise WebError(400, f"not an http(s) URL: {bad[0][:200]!r}", "bad_url")
        if not files and not urls:
            raise WebError(400, "nothing to add: send files in `files` or URLs in `urls`", "nothing_to_add")
        job = site.jobs.submit(files, urls)
        if "text/html" in request.headers.get("accept", ""):
            return RedirectResponse(f"/jobs/{job['id']}", status_code=303)
        return JSONResponse({"ok": True, "job": job, "href": f"/jobs/{job['id']}",
                             "status_href": f"/jobs/{job['id']}.json"}, status_code=202)

    def job_or_404(job_id: str) -> dict[str, Any]:
        job = site.jobs.get(job_id)
        if job is None:
            raise WebError(404, f"no job {job_id!r} (jobs last as long as the server)", "job_not_found")
        return job

    @r.get("/jobs/{job_id}.json", tags=["api"], summary="Progress of an upload's analysis",
           responses=error_responses(404))
    def job_json(job_id: str) -> Response:
        return JSONResponse({"ok": True, "job": job_or_404(job_id)})

    @r.get("/jobs/{job_id}", include_in_schema=False)
    def job_html(job_id: str) -> Response:
        job = job_or_404(job_id)
        return site.render("job.html", {"page": "job", "title": "Analysing", "job": job})

    return r
