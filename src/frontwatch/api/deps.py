"""Dependencies of the routes: the shared service and who the caller is.

``ScreeningUser`` is for endpoints that screen or write (an API key is needed
unless the server runs with ``--no-auth``); ``Reader`` is for read-only
endpoints (open unless ``FRONTWATCH_PUBLIC_READ=0``). Both apply the rate limit.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from frontwatch.api.service import Service


def get_service(request: Request) -> Service:
    """The service of the app handling the request."""
    service: Service = request.app.state.service
    return service


def screening_user(request: Request) -> str:
    """The caller of an endpoint that screens or writes."""
    return get_service(request).require_user(request)


def reading_user(request: Request) -> str:
    """The caller of a read-only endpoint."""
    return get_service(request).reader(request)


ServiceDep = Annotated[Service, Depends(get_service)]
ScreeningUser = Annotated[str, Depends(screening_user)]
Reader = Annotated[str, Depends(reading_user)]
