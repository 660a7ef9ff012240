"""Errors as JSON: every bad request gets ``{"detail": "what is wrong and what to do"}``.

The shape is yente's (``{"detail": ...}``) with the status repeated and, for
input that fails validation, the list of problems with where each one is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from frontwatch.match.screen import QueryError


class ApiError(Exception):
    """An error a client caused, with the HTTP status and a message saying what to do."""

    def __init__(
        self, status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers
        self.extra = extra


def error_response(
    status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    """The JSON response for an error."""
    return JSONResponse({"detail": detail, "status": status, **extra}, status, headers=headers)


def _where(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        kind, rest = parts[0], parts[1:]
        if kind == "body":
            return ".".join(rest) or "the request body"
        return f"{kind} parameter {'.'.join(rest)}" if rest else kind
    return ".".join(parts)


def _message(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    loc = err.get("loc", ())
    where = _where(loc)
    if kind == "missing":
        if tuple(loc) == ("body",):
            return "the request has no JSON body"
        return f"{where} is required"
    if kind == "json_invalid":
        ctx = err.get("ctx") or {}
        return (
            f"the body is not valid JSON ({ctx.get('error', 'parse error')} at character {loc[-1]})"
        )
    if kind == "model_attributes_type" or kind == "dict_type":
        return f"{where} must be a JSON object"
    msg = str(err.get("msg", "is not valid"))
    return f"{where}: {msg[0].lower() + msg[1:] if msg else msg}"


def install_handlers(app: FastAPI) -> None:
    """Render every error of the app as JSON with a readable message."""

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.detail, exc.headers, **exc.extra)

    @app.exception_handler(QueryError)
    async def _query_error(_request: Request, exc: QueryError) -> JSONResponse:
        return error_response(400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {
                "where": "the request body"
                if e.get("type") == "json_invalid"
                else _where(e.get("loc", ())),
                "message": _message(dict(e)),
            }
            for e in exc.errors()
        ]
        detail = "; ".join(p["message"] for p in problems[:5])
        if len(problems) > 5:
            detail += f" (and {len(problems) - 5} more problems)"
        return error_response(422, detail or "the request is not valid", errors=problems)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail
        if exc.status_code == 404 and detail == "Not Found":
            detail = "no such endpoint; see /docs for the API"
        elif exc.status_code == 405:
            detail = "this method is not allowed here; see /docs for the API"
        elif exc.status_code == 413 and detail in ("Content Too Large", "Request Entity Too Large"):
            detail = "the request is too large"
        return error_response(exc.status_code, str(detail), getattr(exc, "headers", None))
