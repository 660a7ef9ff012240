"""Batch screening: upload a CSV, follow the job's progress, download the results.

The CSV has a ``name`` column and optionally ``type``, ``country``,
``birth_date`` and ``id_number`` (as for ``frontwatch screen --input``); the
results file has the same columns as the command writes.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import FileResponse, JSONResponse

from frontwatch.api.auth import ANONYMOUS
from frontwatch.api.deps import ScreeningUser, ServiceDep
from frontwatch.api.errors import ApiError
from frontwatch.api.jobs import INPUT, public_status
from frontwatch.match import DEFAULT_THRESHOLD
from frontwatch.screening import (
    QUERY_COLUMNS,
    SCREEN_OUTPUT_COLUMNS,
    InputError,
    check_header,
    count_rows,
    sniff_dialect,
)

router = APIRouter()


def check_csv(path: Path) -> int:
    """The number of rows of an uploaded CSV; ``ApiError`` 400 if it cannot be screened."""
    with open(path, "rb") as fh:
        head = fh.read(65536)
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not a character cut at the end of the sample
            raise ApiError(400, "the file is not UTF-8 text; save it as UTF-8 CSV") from None
        text = head[: exc.start].decode("utf-8-sig")
    if not text.strip():
        raise ApiError(400, "the file is empty; upload a CSV with a header row and a name column")
    # Read as a batch run reads it: the sniffed delimiter, blank lines before the header
    # passed over.
    reader = csv.reader(io.StringIO(text), sniff_dialect(text))
    header = next((row for row in reader if any(cell.strip() for cell in row)), [])
    # The same header rules as a batch run from the command line: checked here, so an
    # upload that the job would refuse is refused at once.
    try:
        check_header(Path("the CSV"), header, ("name",), QUERY_COLUMNS, SCREEN_OUTPUT_COLUMNS)
    except InputError as exc:
        raise ApiError(
            400, f"{exc}; columns frontwatch reads: {', '.join(QUERY_COLUMNS)}"
        ) from None
    rows = count_rows(path)
    if rows == 0:
        raise ApiError(400, "the file has a header but no rows to screen")
    return rows


def _own_job(service: Any, job_id: str, user: str) -> dict[str, Any]:
    status = service.jobs.get(job_id)
    if status is None or (
        service.settings.auth and user != ANONYMOUS and status.get("who") != user
    ):
        raise ApiError(404, f"no batch job {job_id!r} of yours")
    return dict(status)


@router.post(
    "/batch", summary="Screen a CSV file in the background", tags=["Batch"], status_code=202
)
def submit_batch(
    service: ServiceDep,
    user: ScreeningUser,
    file: Annotated[UploadFile, File(description="UTF-8 CSV with a 'name' column.")],
    limit: Annotated[int, Form(ge=1, le=100, description="Matches per row.")] = 10,
    threshold: Annotated[float, Form(ge=0, le=1)] = DEFAULT_THRESHOLD,
) -> JSONResponse:
    """Start a batch job; answers at once with its id. Follow it with `GET /batch/{id}`."""
    job_id, folder = service.jobs.new_folder()
    try:
        with open(folder / INPUT, "wb") as out:
            shutil.copyfileobj(file.file, out, 1024 * 1024)
        rows = check_csv(folder / INPUT)
    except ApiError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    status = service.jobs.submit(
        job_id, user, Path(file.filename or "upload.csv").name, rows, limit, threshold
    )
    body = public_status(status)
    return JSONResponse(body, status_code=202, headers={"Location": body["links"]["status"]})


@router.get("/batch", summary="Your batch jobs", tags=["Batch"])
def list_batches(service: ServiceDep, user: ScreeningUser) -> dict[str, Any]:
    """Your recent batch jobs, newest first."""
    who = None if not service.settings.auth else user
    return {"jobs": [public_status(s) for s in service.jobs.recent(who)]}


@router.get("/batch/{job_id}", summary="A batch job's status and progress", tags=["Batch"])
def batch_status(job_id: str, service: ServiceDep, user: ScreeningUser) -> dict[str, Any]:
    """`status` (queued, running, done, failed), rows done of `total_rows`, `progress` 0-1."""
    return public_status(_own_job(service, job_id, user))


@router.get(
    "/batch/{job_id}/results.csv",
    summary="A batch job's results",
    tags=["Batch"],
    response_class=FileResponse,
)
def batch_results(job_id: str, service: ServiceDep, user: ScreeningUser) -> FileResponse:
    """The results CSV: the input columns, then rank, score, entity_id, source, … explanation."""
    status = _own_job(service, job_id, user)
    if status["status"] != "done":
        done = status.get("done_rows") or 0
        total = status.get("total_rows") or 0
        raise ApiError(
            409,
            f"batch job {job_id} is {status['status']} ({done:,} of {total:,} rows); "
            "results are ready when its status is 'done'"
            + (f": {status['message']}" if status.get("message") else ""),
        )
    stem = Path(status.get("filename") or "batch").stem
    return FileResponse(
        service.jobs.results_path(job_id),
        media_type="text/csv; charset=utf-8",
        filename=f"{stem}-results.csv",
    )
