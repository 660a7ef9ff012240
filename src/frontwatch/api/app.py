"""The frontwatch web service: one FastAPI app, built by ``create_app``.

    from frontwatch.api.app import create_app
    app = create_app("sqlite:////data/fw.db")          # API keys needed to screen
    app = create_app(db_url, auth=False)                 # one analyst on localhost

``frontwatch serve`` runs it with uvicorn; ``create_app_from_env`` is the
factory uvicorn's worker processes call (settings from ``FRONTWATCH_*``).
The OpenAPI description is at ``/docs``; the web UI at ``/ui/``.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontwatch import __version__
from frontwatch.api import (
    routes_audit,
    routes_batch,
    routes_data,
    routes_documents,
    routes_graph,
    routes_match,
)
from frontwatch.api.errors import install_handlers
from frontwatch.api.service import Service
from frontwatch.api.settings import ApiSettings

DESCRIPTION = """
Screen names of persons, companies and vessels against the official sanctions
and export-control lists, read the listed entities and their networks, and
keep an audit trail of every screening.

`POST /match/{dataset}` and `GET /search/{dataset}` speak
[yente](https://github.com/opensanctions/yente)'s language, so yente clients
work unchanged. Screening needs an API key (`Authorization: Bearer KEY` or
`X-API-Key: KEY`; an administrator creates one with `frontwatch users add NAME`)
unless the server runs with `--no-auth`. Errors are JSON: `{"detail": "..."}`.
"""

TAGS = [
    {"name": "Matching", "description": "Screen names (yente-compatible)."},
    {"name": "Batch", "description": "Screen a CSV file in the background."},
    {"name": "Entities", "description": "Listed entities and what is linked to them."},
    {
        "name": "Network",
        "description": "The network of lists and documents: the relations around an entity, "
        "explained paths to designated parties, red flags and the exposure score.",
    },
    {"name": "Lists", "description": "The loaded lists and their versions."},
    {"name": "Documents", "description": "Documents: their entities, relations and list links."},
    {"name": "Audit", "description": "Who screened what, when, against which lists."},
    {"name": "Service", "description": "Health."},
]

UPLOAD_PATHS = ("/batch", "/documents", "/ui/documents")

_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


class Guard:
    """Limits request bodies (413 as JSON) and adds security headers to every response."""

    def __init__(self, app: ASGIApp, settings: ApiSettings) -> None:
        self.app = app
        self.settings = settings

    def _limit(self, scope: Scope) -> tuple[int, str]:
        """The largest body a request may send, and the message when it sends more."""
        settings = self.settings
        if scope["method"] == "POST" and scope["path"].rstrip("/") in UPLOAD_PATHS:
            return (
                settings.max_upload_bytes + 64 * 1024,  # room for the multipart framing
                f"the upload is too large: at most {_size(settings.max_upload_bytes)} "
                "(FRONTWATCH_MAX_UPLOAD_MB)",
            )
        return (
            settings.max_body_bytes,
            f"the request body is too large: at most {_size(settings.max_body_bytes)}; "
            f"send at most {settings.max_queries} queries per request",
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, too_large = self._limit(scope)
        declared = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(send, too_large)
            return
        seen = 0

        async def receive_limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise StarletteHTTPException(413, too_large)
            return message

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + _SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive_limited, send_with_headers)


def _size(n: int) -> str:
    """A byte count in words: ``10 MB``, ``512 KB``, ``900 bytes``."""
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:g} MB"
    if n >= 1024:
        return f"{n / 1024:g} KB"
    return f"{n:,} bytes"


async def _too_large(send: Send, message: str) -> None:
    body = json.dumps({"detail": message, "status": 413}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *_SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_app(
    db_url: str | None = None,
    *,
    settings: ApiSettings | None = None,
    web: bool = True,
    **overrides: Any,
) -> FastAPI:
    """The app for a store (default ``$FRONTWATCH_DB``); keyword arguments override settings.

    ``overrides`` are fields of ``ApiSettings``: ``auth``, ``public_read``,
    ``rate_limit``, ``rate_burst``, ``max_upload_bytes``, ``max_queries`` ….
    """
    if settings is None:
        settings = ApiSettings.from_env(db_url=db_url, **overrides)
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        service.screening.start()
        yield
        service.screening.stop()

    app = FastAPI(
        title="frontwatch",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
    )
    app.state.service = service
    install_handlers(app)
    app.add_middleware(Guard, settings=settings)
    for module in (
        routes_match,
        routes_batch,
        routes_data,
        routes_graph,
        routes_documents,
        routes_audit,
    ):
        app.include_router(module.router)
    if web:
        from frontwatch.web import install

        install(app)
    else:

        @app.get("/", include_in_schema=False)
        def home() -> RedirectResponse:
            return RedirectResponse("/docs")

    return app


def create_app_from_env() -> FastAPI:
    """The app with every setting from ``FRONTWATCH_*`` (for uvicorn's ``--factory``)."""
    return create_app()
