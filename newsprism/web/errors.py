"""One error shape for every API error: ``{"ok": false, "error": {"code", "message"}, "status": N}``.

HTML pages show the same code and message on an error page with the same
status; JSON routes (``*.json``, ``/api/…``, ``/jobs/…``, ``/openapi.json``)
always answer with the JSON body.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

#: default code for each HTTP status we answer with
CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
    422: "invalid_request", 429: "too_many_requests", 500: "internal_error", 503: "unavailable",
}


class WebError(Exception):
    """Raised by views and routes; turned into the error body by the app's handlers."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.code = status, message, code or CODES.get(status, "error")
        self.headers = headers


def error_body(status: int, message: str, code: str | None = None) -> dict[str, Any]:
    return {"ok": False, "error": {"code": code or CODES.get(status, "error"), "message": message},
            "status": status}


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """The body of every API error."""

    ok: bool = False
    error: ErrorDetail
    status: int


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries documenting the error body for these statuses."""
    return {s: {"model": ErrorBody, "description": CODES.get(s, "error")} for s in statuses}
