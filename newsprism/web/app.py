"""The FastAPI application behind ``newsprism serve``.

Every page has a JSON twin built from the same view dict: ``/`` and
``/index.json``, ``/stories/{id}`` and ``/stories/{id}.json``, and so on;
``/openapi.json`` describes the JSON routes and ``/docs`` shows them without
any third-party script. The routes live in :mod:`newsprism.web.routes`, one
module per resource; this module holds what they share (:class:`Site`), the
security middleware and the error handlers.

Security: page content (article text, titles, outlet names, URLs) is hostile.
Templates autoescape everything; links to outside URLs are made only for
plain http(s) URLs; no script is ever built from content (the only script is
``/static/app.js``) and a strict Content-Security-Policy on every response
forbids inline script and style. Every write needs the token (header
``Authorization: Bearer TOKEN`` or a leading form field ``token``), checked
before the request body is read; uploads are capped in size and count.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
import threading
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsprism import __version__
from newsprism.store import SQLStore, open_store
from newsprism.web import views
from newsprism.web.errors import WebError, error_body
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

#: a Host header: a DNS name, an IPv4 address or a bracketed IPv6 address, then an optional port; nothing
#: else (no userinfo ``user@``, no path, no second colon outside brackets)
_HOST = re.compile(r"(?P<name>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}))(?::(?P<port>\d{1,5}))?")


def host_name(header: str) -> str | None:
    """The host name of a Host header value (lower case, IPv6 without brackets); None when it is not one."""
    m = _HOST.fullmatch(header)
    if m is None or (m.group("port") is not None and int(m.group("port")) > 65535):
        return None
    return m.group("name").strip("[]").lower()


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
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if host_name(host) not in self.allowed_hosts:
                response = JSONResponse(error_body(400, f"host {host[:200]!r} is not served here", "bad_host"), 400)
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
    list of objects with ``name``; TOML: one table per outlet. See docs/web.md.
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
    if path.endswith((".json", ".csv", ".atom")) or path.startswith(("/api/", "/openapi")):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


@dataclass
class Site:
    """What every route shares: the store (one connection per thread), the templates, the token, the jobs."""

    store_path: str
    token: str
    profiles: dict[str, dict[str, Any]]
    jobs: Jobs
    limits: dict[str, int]
    env: jinja2.Environment
    _local: threading.local = field(default_factory=threading.local)

    def store(self) -> SQLStore:
        s = getattr(self._local, "store", None)
        if s is None:
            s = self._local.store = open_store(self.store_path)
        return s

    def render(self, name: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(name).render(v=ctx, title=ctx.get("title")), status_code=status)

    def authorized(self, supplied: str | None) -> bool:
        return bool(supplied) and hmac.compare_digest(str(supplied).encode(), self.token.encode())


def create_app(store_path: str | Path, token: str | None = None, *, outlets_file: str | Path | None = None,
               allowed_hosts: list[str] | None = None, max_upload_files: int = MAX_UPLOAD_FILES,
               max_upload_file_bytes: int = MAX_UPLOAD_FILE_BYTES, max_upload_bytes: int = MAX_UPLOAD_BYTES,
               extract_workers: int = 1) -> FastAPI:
    """The web app over the store at ``store_path``; ``token`` guards writes (a random one when None)."""
    from newsprism.web import routes

    store_path = str(store_path)
    open_store(store_path).close()          # create / migrate once, before any request thread opens it
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(version=__version__, views=views)
    env.filters["q"] = views.q
    site = Site(store_path=store_path, token=token or secrets.token_urlsafe(24),
                profiles=load_profiles(outlets_file), jobs=Jobs(store_path, extract_workers=extract_workers),
                limits={"files": max_upload_files, "file_bytes": max_upload_file_bytes, "bytes": max_upload_bytes,
                        "urls": MAX_UPLOAD_URLS}, env=env)

    def error(request: Request, status: int, message: str, code: str | None = None,
              headers: dict[str, str] | None = None) -> Response:
        body = error_body(status, message, code)
        if wants_json(request):
            return JSONResponse(body, status_code=status, headers=headers)
        response = site.render("error.html", {"page": "error", "title": f"{status} {body['error']['code']}", **body},
                               status)
        response.headers.update(headers or {})
        return response

    app = FastAPI(title="newsprism", version=__version__, docs_url=None, redoc_url=None, openapi_url=None,
                  description="One news story across many outlets: the store's stories, articles, outlets "
                              "and search as JSON. Every error has the body "
                              '`{"ok": false, "error": {"code", "message"}, "status"}`.')
    app.state.token, app.state.jobs, app.state.store_path, app.state.site = site.token, site.jobs, store_path, site
    app.add_middleware(SecurityHeaders, allowed_hosts=allowed_hosts)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(WebError)
    async def _web_error(request: Request, exc: WebError) -> Response:
        return error(request, exc.status, exc.message, exc.code, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error(request, exc.status_code, message, headers=dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = [f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()]
        return error(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        return error(request, 500, f"internal error ({type(exc).__name__})")

    for module in routes.MODULES:
        app.include_router(module.router(site))
    return app
