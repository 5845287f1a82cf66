"""The FastAPI application behind ``newsprism serve``.

Every page has a JSON twin built from the same view dict: ``/`` and
``/index.json``, ``/stories/{id}`` and ``/stories/{id}.json``, and so on;
``/openapi.json`` describes the JSON routes and ``/docs`` shows them without
any third-party script.

Security: page content (article text, titles, outlet names, URLs) is hostile.
Templates autoescape everything; links to outside URLs are made only for
plain http(s) URLs; no script is ever built from content (the only script is
``/static/app.js``) and a strict Content-Security-Policy on every response
forbids inline script and style. Every write needs the token (header
``Authorization: Bearer TOKEN`` or the form field ``token``); uploads are
capped in size and count.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
import tomllib
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsprism import __version__
from newsprism.store import SQLStore, open_store
from newsprism.web import views
from newsprism.web.errors import WebError, error_body, error_responses
from newsprism.web.jobs import Jobs

HERE = Path(__file__).resolve().parent

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; form-action 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]

#: upload limits (each can be set in create_app)
MAX_UPLOAD_FILES = 20
MAX_UPLOAD_FILE_BYTES = 8 * 1024 * 1024
MAX_UPLOAD_BYTES = 32 * 1024 * 1024
MAX_UPLOAD_URLS = 50


class SecurityHeaders:
    """Pure ASGI middleware: security headers on every response; optional Host allow-list (DNS rebinding)."""

    def __init__(self, app: ASGIApp, allowed_hosts: list[str] | None = None) -> None:
        self.app = app
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed_hosts is not None:
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name.strip("[]") not in self.allowed_hosts:
                response = JSONResponse(error_body(400, f"host {host!r} is not served here", "bad_host"), 400)
                await self._with_headers(response)(scope, receive, send)
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k, v) for k, v in SECURITY_HEADERS if k not in names)]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    @staticmethod
    def _with_headers(response: Response) -> Response:
        for k, v in SECURITY_HEADERS:
            response.headers[k.decode()] = v.decode()
        return response


def load_profiles(path: str | Path | None) -> dict[str, dict[str, Any]]:
    """Outlet profiles (country, owner, lean, …) from a JSON or TOML file the user supplies.

    JSON: ``{"Outlet name": {"country": "…", "owner": "…", "lean": "…"}}`` or a
    list of objects with ``name``; TOML: one table per outlet.
    """
    if not path:
        return {}
    p = Path(path)
    data: Any = tomllib.loads(p.read_text("utf-8")) if p.suffix == ".toml" else json.loads(p.read_text("utf-8"))
    if isinstance(data, list):
        data = {str(d.get("name")): d for d in data if isinstance(d, dict) and d.get("name")}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected an object of outlet name → profile")
    return {str(k): {kk: vv for kk, vv in v.items() if kk != "name"} for k, v in data.items() if isinstance(v, dict)}


def wants_json(request: Request) -> bool:
    path = request.url.path
    if path.endswith(".json") or path.startswith(("/api/", "/openapi")):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def create_app(store_path: str | Path, token: str | None = None, *, outlets_file: str | Path | None = None,
               allowed_hosts: list[str] | None = None, max_upload_files: int = MAX_UPLOAD_FILES,
               max_upload_file_bytes: int = MAX_UPLOAD_FILE_BYTES, max_upload_bytes: int = MAX_UPLOAD_BYTES,
               extract_workers: int = 1) -> FastAPI:
    """The web app over the store at ``store_path``; ``token`` guards writes (a random one when None)."""
    store_path = str(store_path)
    open_store(store_path).close()          # create / migrate once, before any request thread opens it
    token = token or secrets.token_urlsafe(24)
    profiles = load_profiles(outlets_file)
    jobs = Jobs(store_path, extract_workers=extract_workers)
    local = threading.local()

    def store() -> SQLStore:
        s = getattr(local, "store", None)
        if s is None:
            s = local.store = open_store(store_path)
        return s

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(version=__version__, views=views)
    env.filters["q"] = views.q

    def render(name: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(v=ctx, title=ctx.get("title")), status_code=status)

    def error(request: Request, status: int, message: str, code: str | None = None) -> Response:
        body = error_body(status, message, code)
        if wants_json(request):
            return JSONResponse(body, status_code=status)
        return render("error.html", {"page": "error", "title": f"{status} {body['error']['code']}", **body}, status)

    app = FastAPI(title="newsprism", version=__version__, docs_url=None, redoc_url=None,
                  description="One news story across many outlets: the store's stories, articles, outlets "
                              "and search as JSON. Every error has the body "
                              '`{"ok": false, "error": {"code", "message"}, "status"}`.')
    app.state.token, app.state.jobs, app.state.store_path = token, jobs, store_path
    app.add_middleware(SecurityHeaders, allowed_hosts=allowed_hosts)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(WebError)
    async def _web_error(request: Request, exc: WebError) -> Response:
        return error(request, exc.status, exc.message, exc.code)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = [f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()]
        return error(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        return error(request, 500, f"internal error ({type(exc).__name__})")

    # -- home -----------------------------------------------------------------------------------
    home_q = dict(outlet=Query(None, max_length=300, description="only stories with an article by this outlet"),
                  since=Query(None, max_length=10, description="published on or after (YYYY[-MM[-DD]])"),
                  until=Query(None, max_length=10, description="published before (YYYY[-MM[-DD]])"),
                  page=Query(1, description="page number, 50 stories a page"))

    @app.get("/index.json", tags=["api"], summary="Stories, most recently updated first",
             responses=error_responses(400, 422))
    def home_json(outlet: str | None = home_q["outlet"], since: str | None = home_q["since"],
                  until: str | None = home_q["until"], page: int = home_q["page"]) -> Response:
        return JSONResponse(views.home(store(), outlet=outlet, since=since, until=until, page=page))

    @app.get("/", include_in_schema=False)
    def home_html(outlet: str | None = home_q["outlet"], since: str | None = home_q["since"],
                  until: str | None = home_q["until"], page: int = home_q["page"]) -> Response:
        ctx = views.home(store(), outlet=outlet, since=since, until=until, page=page)
        return render("home.html", {**ctx, "title": "Stories"})

    # -- stories ----------------------------------------------------------------------------------
    @app.get("/stories/{story_id}.json", tags=["api"], summary="One story: articles, membership, comparison",
             responses=error_responses(404))
    def story_json(story_id: str) -> Response:
        return JSONResponse(views.story(store(), story_id))

    @app.get("/stories/{story_id}", include_in_schema=False)
    def story_html(story_id: str) -> Response:
        return render("story.html", views.story(store(), story_id))

    # -- articles ---------------------------------------------------------------------------------
    art_q = dict(hl=Query(None, max_length=24, description="highlight START-END (character offsets in text)"),
                 diff=Query(None, max_length=500, description="article id to diff against"))

    @app.get("/articles/{article_id:path}.json", tags=["api"], summary="One article: text, marks, raw input, diff",
             responses=error_responses(400, 404))
    def article_json(article_id: str, hl: str | None = art_q["hl"], diff: str | None = art_q["diff"]) -> Response:
        return JSONResponse(views.article(store(), article_id, hl=hl, diff_with=diff))

    @app.get("/articles/{article_id:path}", include_in_schema=False)
    def article_html(article_id: str, hl: str | None = art_q["hl"], diff: str | None = art_q["diff"]) -> Response:
        ctx = views.article(store(), article_id, hl=hl, diff_with=diff)
        return render("article.html", {**ctx, "title": ctx["article"]["title"] or article_id})

    # -- outlets ----------------------------------------------------------------------------------
    @app.get("/outlets/{name:path}.json", tags=["api"], summary="One outlet: articles, stories, citations, profile",
             responses=error_responses(400, 404))
    def outlet_json(name: str, page: int = Query(1)) -> Response:
        return JSONResponse(views.outlet(store(), name, profiles=profiles, page=page))

    @app.get("/outlets/{name:path}", include_in_schema=False)
    def outlet_html(name: str, page: int = Query(1)) -> Response:
        ctx = views.outlet(store(), name, profiles=profiles, page=page)
        return render("outlet.html", {**ctx, "title": name})

    # -- search -----------------------------------------------------------------------------------
    search_q = dict(q=Query(None, description="words to find in titles, outlets and article text (all required; "
                                              "word* for a prefix)"),
                    outlet=home_q["outlet"], since=home_q["since"], until=home_q["until"], page=home_q["page"])

    @app.get("/search.json", tags=["api"], summary="Full-text search over articles and stories (FTS5)",
             responses=error_responses(400, 422))
    def search_json(q: str | None = search_q["q"], outlet: str | None = search_q["outlet"],
                    since: str | None = search_q["since"], until: str | None = search_q["until"],
                    page: int = search_q["page"]) -> Response:
        return JSONResponse(views.search(store(), q, outlet=outlet, since=since, until=until, page=page))

    @app.get("/search", include_in_schema=False)
    def search_html(q: str | None = search_q["q"], outlet: str | None = search_q["outlet"],
                    since: str | None = search_q["since"], until: str | None = search_q["until"],
                    page: int = search_q["page"]) -> Response:
        ctx = views.search(store(), q, outlet=outlet, since=since, until=until, page=page)
        return render("search.html", {**ctx, "title": f"Search: {q}"})

    # -- adding sources -----------------------------------------------------------------------------
    limits = {"files": max_upload_files, "file_bytes": max_upload_file_bytes, "bytes": max_upload_bytes,
              "urls": MAX_UPLOAD_URLS}

    @app.get("/add", include_in_schema=False)
    def add_html() -> Response:
        return render("add.html", {"page": "add", "title": "Add sources", "limits": limits})

    def authorized(supplied: str | None) -> bool:
        return bool(supplied) and hmac.compare_digest(str(supplied).encode(), token.encode())

    @app.post("/api/uploads", tags=["api"], status_code=202,
              summary="Add sources: upload files (field `files`) and/or URLs (field `urls`, one a line); "
                      "needs the token",
              responses=error_responses(400, 401, 413, 415))
    async def upload(request: Request) -> Response:
        ctype = request.headers.get("content-type", "")
        multipart = ctype.startswith("multipart/form-data")
        if not multipart and not ctype.startswith("application/x-www-form-urlencoded"):
            raise WebError(415, "send multipart/form-data (or a urlencoded form of URLs): files in `files`, "
                                "URLs in `urls`, the token in `token` or an Authorization: Bearer header")
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_upload_bytes:
            raise WebError(413, f"the upload is over {max_upload_bytes:,} bytes", "upload_too_large")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_upload_bytes:
                raise WebError(413, f"the upload is over {max_upload_bytes:,} bytes", "upload_too_large")

        async def stream():  # type: ignore[no-untyped-def]
            yield bytes(body)
            yield b""

        try:
            parser = (MultiPartParser(request.headers, stream(), max_files=max_upload_files, max_fields=10,
                                      max_part_size=256 * 1024) if multipart
                      else FormParser(request.headers, stream()))
            form = await parser.parse()
        except MultiPartException as exc:
            too_many = "Too many files" in exc.message
            raise WebError(413 if too_many else 400, f"{exc.message} (at most {max_upload_files} files)"
                           if too_many else exc.message, "too_many_files" if too_many else "bad_form") from None
        auth = request.headers.get("authorization", "")
        supplied = auth[7:].strip() if auth.lower().startswith("bearer ") else form.get("token")
        if not authorized(supplied if isinstance(supplied, str) else None):
            raise WebError(401, "writing needs the token printed by `newsprism serve` (Authorization: Bearer "
                                "TOKEN, or the form field `token`)", "token_required" if not supplied else "bad_token")
        files: list[tuple[str, bytes]] = []
        for key, value in form.multi_items():
            if key == "files" and not isinstance(value, str):
                data = await value.read()
                if not data:
                    continue           # an empty file input (or an empty file: nothing to read)
                if len(data) > max_upload_file_bytes:
                    raise WebError(413, f"{value.filename!r} is over {max_upload_file_bytes:,} bytes",
                                   "file_too_large")
                files.append((value.filename or "upload", data))
        raw_urls = form.get("urls")
        urls = [u.strip() for u in (raw_urls if isinstance(raw_urls, str) else "").splitlines() if u.strip()]
        if len(urls) > MAX_UPLOAD_URLS:
            raise WebError(413, f"at most {MAX_UPLOAD_URLS} URLs at once", "too_many_urls")
        bad = [u for u in urls if views.safe_url(u) is None]
        if bad:
            raise WebError(400, f"not an http(s) URL: {bad[0][:200]!r}", "bad_url")
        if not files and not urls:
            raise WebError(400, "nothing to add: send files in `files` or URLs in `urls`", "nothing_to_add")
        job = jobs.submit(files, urls)
        if "text/html" in request.headers.get("accept", ""):
            return RedirectResponse(f"/jobs/{job['id']}", status_code=303)
        return JSONResponse({"ok": True, "job": job, "href": f"/jobs/{job['id']}",
                             "status_href": f"/jobs/{job['id']}.json"}, status_code=202)

    def job_or_404(job_id: str) -> dict[str, Any]:
        job = jobs.get(job_id)
        if job is None:
            raise WebError(404, f"no job {job_id!r} (jobs last as long as the server)", "job_not_found")
        return job

    @app.get("/jobs/{job_id}.json", tags=["api"], summary="Progress of an upload's analysis",
             responses=error_responses(404))
    def job_json(job_id: str) -> Response:
        return JSONResponse({"ok": True, "job": job_or_404(job_id)})

    @app.get("/jobs/{job_id}", include_in_schema=False)
    def job_html(job_id: str) -> Response:
        job = job_or_404(job_id)
        return render("job.html", {"page": "job", "title": "Analysing", "job": job})

    # -- API docs -----------------------------------------------------------------------------------
    @app.get("/docs", include_in_schema=False)
    def docs_html() -> Response:
        schema = app.openapi()
        routes = [{"method": m.upper(), "path": p, "summary": op.get("summary", ""),
                   "params": [{"name": x["name"], "in": x["in"], "required": x.get("required", False),
                               "description": x.get("description", "")} for x in op.get("parameters", [])],
                   "statuses": sorted(op.get("responses", {}))}
                  for p, ops in schema["paths"].items() for m, op in ops.items()]
        return render("docs.html", {"page": "docs", "title": "API", "routes": routes,
                                   "description": schema["info"].get("description", "")})

    return app
