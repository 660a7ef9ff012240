"""Batch screening jobs: an uploaded CSV screened in the background, with progress.

Each job is a folder ``$FRONTWATCH_HOME/jobs/ID/`` holding the uploaded
``input.csv``, the ``results.csv`` (the same columns as
``frontwatch screen --input``) and ``status.json``. The job runs in its own
process (``python -m frontwatch.api.jobs FOLDER DB``), which loads the
screening index, calls ``screening.screen_file`` and writes its progress to
``status.json``; every server process can therefore report on every job, and
a job survives the request that started it. When the rows are screened, each
one is written to the audit trail with the job's id.

One job runs at a time per server process; the others wait in line.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from frontwatch import audit
from frontwatch.store import frontwatch_home

STATUS = "status.json"
INPUT = "input.csv"
RESULTS = "results.csv"
_ID_CHARS = set("0123456789abcdef")


def jobs_dir() -> Path:
    """Where batch jobs keep their files."""
    return frontwatch_home() / "jobs"


def _write_status(folder: Path, status: dict[str, Any]) -> None:
    tmp = folder / f".{STATUS}.{os.getpid()}.{threading.get_ident()}"
    tmp.write_text(json.dumps(status, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(folder / STATUS)


def _read_status(folder: Path) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads((folder / STATUS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def public_status(status: dict[str, Any]) -> dict[str, Any]:
    """What a client sees of a job."""
    total = status.get("total_rows") or 0
    done = status.get("done_rows") or 0
    out = {k: v for k, v in status.items() if k not in ("pid", "server_pid")}
    out["progress"] = (
        round(done / total, 4) if total else (1.0 if status["status"] == "done" else 0)
    )
    out["links"] = {
        "status": f"/batch/{status['id']}",
        "results": f"/batch/{status['id']}/results.csv" if status["status"] == "done" else None,
    }
    return out


class Jobs:
    """Starts batch jobs and reads their status."""

    def __init__(self, db_url: str, workers: int = 2, root: Path | None = None) -> None:
        self.db_url = db_url
        self.workers = workers
        self._root = root
        self._line = threading.Semaphore(1)

    @property
    def root(self) -> Path:
        """The folder of all jobs (read when used, so that FRONTWATCH_HOME may change)."""
        return self._root or jobs_dir()

    def new_folder(self) -> tuple[str, Path]:
        """A fresh job id and its folder."""
        job_id = secrets.token_hex(8)
        folder = self.root / job_id
        folder.mkdir(parents=True)
        return job_id, folder

    def submit(
        self,
        job_id: str,
        who: str,
        filename: str,
        total_rows: int,
        limit: int,
        threshold: float,
    ) -> dict[str, Any]:
        """Queue a job whose ``input.csv`` is in place; returns its status."""
        folder = self.root / job_id
        status = {
            "id": job_id,
            "who": who,
            "filename": filename,
            "status": "queued",
            "total_rows": total_rows,
            "done_rows": 0,
            "matched_rows": 0,
            "result_rows": 0,
            "errors": [],
            "limit": limit,
            "threshold": threshold,
            "created_at": audit.now_iso(),
            "server_pid": os.getpid(),
            "started_at": None,
            "finished_at": None,
            "message": None,
        }
        _write_status(folder, status)
        thread = threading.Thread(
            target=self._run, args=(folder,), name=f"batch-{job_id}", daemon=True
        )
        thread.start()
        return status

    def _run(self, folder: Path) -> None:
        with self._line:
            proc = subprocess.run(  # noqa: S603 - our own module, our arguments
                [sys.executable, "-m", "frontwatch.api.jobs", str(folder), self.db_url],
                capture_output=True,
                text=True,
                env={**os.environ, "FRONTWATCH_BATCH_WORKERS": str(self.workers)},
                check=False,
            )
        status = _read_status(folder) or {}
        if status.get("status") != "done":
            tail = (proc.stderr or "").strip().splitlines()[-3:]
            status["status"] = "failed"
            status["message"] = status.get("message") or (
                "the job stopped unexpectedly: " + (" / ".join(tail) or f"exit {proc.returncode}")
            )
            status["finished_at"] = audit.now_iso()
            _write_status(folder, status)

    def get(self, job_id: str) -> dict[str, Any] | None:
        """The status of a job, or ``None`` if there is no such job."""
        if not job_id or set(job_id) - _ID_CHARS or len(job_id) > 40:
            return None
        folder = self.root / job_id
        status = _read_status(folder)
        if status is None:
            return None
        if (status["status"] == "running" and not _alive(status.get("pid"))) or (
            status["status"] == "queued" and not _alive(status.get("server_pid"))
        ):
            status["status"] = "failed"
            status["message"] = "interrupted: the server stopped before the job ended; upload again"
        return status

    def results_path(self, job_id: str) -> Path:
        """Where a job's results are."""
        return self.root / job_id / RESULTS

    def recent(self, who: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Recent jobs (of one user, if given), newest first."""
        if not self.root.is_dir():
            return []
        found = []
        for folder in self.root.iterdir():
            status = self.get(folder.name)
            if status is not None and (who is None or status.get("who") == who):
                found.append(status)
        found.sort(key=lambda s: s.get("created_at") or "", reverse=True)
        return found[:limit]


# -- the job process ---------------------------------------------------------------


def run_job(folder: Path, db_url: str) -> int:
    """Screen a job's input and write its results, progress and audit records."""
    from frontwatch.api.service import ScreeningHolder
    from frontwatch.screening import InputError, audit_batch, iter_output_rows, screen_file
    from frontwatch.store import Store

    status = _read_status(folder)
    if status is None:
        print(f"no job in {folder}", file=sys.stderr)
        return 2
    status.update(status="running", started_at=audit.now_iso(), pid=os.getpid())
    _write_status(folder, status)
    store = Store(db_url)
    loaded = ScreeningHolder(store).get()
    last = [0.0]

    def progress(rows: int) -> None:
        status["done_rows"] += rows
        now = time.monotonic()
        if now - last[0] > 0.3:
            last[0] = now
            _write_status(folder, status)

    t0 = time.perf_counter()
    try:
        report = screen_file(
            loaded.screener,
            folder / INPUT,
            folder / RESULTS,
            limit=int(status["limit"]),
            threshold=float(status["threshold"]),
            workers=int(os.environ.get("FRONTWATCH_BATCH_WORKERS") or 2),
            on_rows=progress,
        )
    except InputError as exc:
        status.update(status="failed", message=str(exc), finished_at=audit.now_iso())
        _write_status(folder, status)
        return 1
    audit_batch(
        store,
        iter_output_rows(folder / RESULTS),
        who=status["who"],
        endpoint="/batch",
        batch_id=status["id"],
        threshold=float(status["threshold"]),
        list_versions=loaded.checksums,
    )
    status.update(
        status="done",
        done_rows=report.rows,
        matched_rows=report.matched_rows,
        result_rows=report.result_rows,
        errors=[{"line": line, "message": msg} for line, msg in (report.errors or [])[:100]],
        error_count=len(report.errors or []),
        list_versions=loaded.checksums,
        seconds=round(time.perf_counter() - t0, 2),
        finished_at=audit.now_iso(),
        message=f"screened {report.rows:,} rows: {report.matched_rows:,} with matches",
    )
    _write_status(folder, status)
    return 0


if __name__ == "__main__":
    sys.exit(run_job(Path(sys.argv[1]), sys.argv[2]))
