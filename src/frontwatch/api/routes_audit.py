"""The audit trail over HTTP: ``GET /screenings`` (JSON, paged) and ``GET /screenings.csv``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from frontwatch import audit
from frontwatch.api.deps import ScreeningUser, ServiceDep

router = APIRouter()

WhoQ = Annotated[str | None, Query(description="Only screenings by this user.")]
NameQ = Annotated[str | None, Query(description="Screened name contains this text.")]
SinceQ = Annotated[str | None, Query(description="From this UTC date or time (2026-01-31).")]
UntilQ = Annotated[str | None, Query(description="Before this UTC date or time.")]
BatchQ = Annotated[str | None, Query(description="Only the rows of this batch job.")]
ChannelQ = Annotated[str | None, Query(description="api, web or batch.")]


@router.get("/screenings", summary="The audit trail", tags=["Audit"])
def screenings(
    service: ServiceDep,
    _user: ScreeningUser,
    who: WhoQ = None,
    name: NameQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    batch_id: BatchQ = None,
    channel: ChannelQ = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Every screening, newest first: who, when, the query, the list versions
    (source → checksum), the results (entity ids and scores) and the threshold."""
    flt = audit.AuditFilter(who, name, since, until, batch_id, channel)
    return {
        "total": audit.count(service.store, flt),
        "limit": limit,
        "offset": offset,
        "results": [r.to_dict() for r in audit.read(service.store, flt, limit, offset)],
    }


@router.get(
    "/screenings.csv",
    summary="The audit trail as CSV",
    tags=["Audit"],
    response_class=StreamingResponse,
)
def screenings_csv(
    service: ServiceDep,
    _user: ScreeningUser,
    who: WhoQ = None,
    name: NameQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    batch_id: BatchQ = None,
    channel: ChannelQ = None,
) -> StreamingResponse:
    """The same records, oldest first, one row per screened name; `results` is
    `id:score; …` and `list_versions` is `source:checksum; …`."""
    flt = audit.AuditFilter(who, name, since, until, batch_id, channel)
    return StreamingResponse(
        audit.iter_csv(service.store, flt),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="frontwatch-screenings.csv"'},
    )
