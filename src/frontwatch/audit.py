"""The audit trail: who screened what, when, against which list versions, with what result.

Every screening made through the API, the web UI or a batch job is one row of
the ``screenings`` table of the store, so the record survives restarts and
travels with the database. Compliance teams read it back with
``GET /screenings`` (JSON, paged) or ``GET /screenings.csv``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, func, insert, select
from sqlalchemy.sql.elements import ColumnElement

from frontwatch.store import Store
from frontwatch.store.schema import screenings

CSV_COLUMNS = [
    "id",
    "at",
    "who",
    "channel",
    "endpoint",
    "batch_id",
    "name",
    "type",
    "country",
    "birth_date",
    "id_number",
    "threshold",
    "result_count",
    "top_score",
    "results",
    "list_versions",
]


def now_iso() -> str:
    """The current UTC time as stored in the audit trail."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass
class ScreeningRecord:
    """One screened name, as written to and read from the audit trail."""

    who: str
    channel: str
    endpoint: str
    query: dict[str, Any]
    threshold: float
    list_versions: dict[str, str]
    results: list[dict[str, Any]] = field(default_factory=list)  # [{id, score, match}]
    batch_id: str | None = None
    at: str = field(default_factory=now_iso)
    id: int | None = None

    @property
    def name(self) -> str:
        """The screened name."""
        return str(self.query.get("name") or "")

    @property
    def top_score(self) -> float | None:
        """The best score among the results, if any."""
        return max((float(r["score"]) for r in self.results), default=None)

    def to_row(self) -> dict[str, Any]:
        """The values of a ``screenings`` row."""
        return {
            "at": self.at,
            "who": self.who,
            "channel": self.channel,
            "endpoint": self.endpoint,
            "batch_id": self.batch_id,
            "name": self.name,
            "query": json.dumps(self.query, ensure_ascii=False, sort_keys=True),
            "threshold": self.threshold,
            "list_versions": json.dumps(self.list_versions, sort_keys=True),
            "results": json.dumps(self.results, ensure_ascii=False),
            "result_count": len(self.results),
            "top_score": self.top_score,
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "at": self.at,
            "who": self.who,
            "channel": self.channel,
            "endpoint": self.endpoint,
            "batch_id": self.batch_id,
            "query": self.query,
            "threshold": self.threshold,
            "list_versions": self.list_versions,
            "results": self.results,
            "result_count": len(self.results),
            "top_score": self.top_score,
        }


def result_refs(results: Iterable[Any], threshold: float) -> list[dict[str, Any]]:
    """The ``[{id, score, match}]`` of screening results (``Result`` objects)."""
    return [
        {"id": r.entity_id, "score": round(float(r.score), 4), "match": r.score >= threshold}
        for r in results
    ]


def record(store: Store, records: Sequence[ScreeningRecord]) -> None:
    """Write screening records, all in one transaction."""
    if not records:
        return
    with store.engine.begin() as conn:
        conn.execute(insert(screenings), [r.to_row() for r in records])


@dataclass
class AuditFilter:
    """Which audit records to read."""

    who: str | None = None
    name: str | None = None  # substring of the screened name, case-insensitive
    since: str | None = None  # ISO date or time, inclusive
    until: str | None = None  # ISO date or time, exclusive
    batch_id: str | None = None
    channel: str | None = None

    def clauses(self) -> list[ColumnElement[bool]]:
        """SQL conditions for this filter."""
        out: list[ColumnElement[bool]] = []
        if self.who:
            out.append(screenings.c.who == self.who)
        if self.name:
            # Both sides folded by the database, so SQLite and PostgreSQL agree; % and _
            # in the name are letters, not wildcards.
            pattern = "%" + re.sub(r"([\\%_])", r"\\\1", self.name) + "%"
            out.append(func.lower(screenings.c.name).like(func.lower(pattern), escape="\\"))
        if self.since:
            out.append(screenings.c.at >= self.since)
        if self.until:
            out.append(screenings.c.at < self.until)
        if self.batch_id:
            out.append(screenings.c.batch_id == self.batch_id)
        if self.channel:
            out.append(screenings.c.channel == self.channel)
        return out


def _from_row(row: Any) -> ScreeningRecord:
    return ScreeningRecord(
        id=row.id,
        at=row.at,
        who=row.who,
        channel=row.channel,
        endpoint=row.endpoint,
        batch_id=row.batch_id,
        query=json.loads(row.query),
        threshold=row.threshold,
        list_versions=json.loads(row.list_versions),
        results=json.loads(row.results),
    )


def count(store: Store, flt: AuditFilter | None = None) -> int:
    """How many records match a filter."""
    clauses = (flt or AuditFilter()).clauses()
    query = select(func.count()).select_from(screenings)
    if clauses:
        query = query.where(and_(*clauses))
    with store.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def read(
    store: Store, flt: AuditFilter | None = None, limit: int = 50, offset: int = 0
) -> list[ScreeningRecord]:
    """Records matching a filter, newest first."""
    clauses = (flt or AuditFilter()).clauses()
    query = select(screenings).order_by(screenings.c.id.desc()).limit(limit).offset(offset)
    if clauses:
        query = query.where(and_(*clauses))
    with store.engine.connect() as conn:
        return [_from_row(r) for r in conn.execute(query)]


def iter_records(store: Store, flt: AuditFilter | None = None) -> Iterator[ScreeningRecord]:
    """Every record matching a filter, oldest first, streamed."""
    clauses = (flt or AuditFilter()).clauses()
    query = select(screenings).order_by(screenings.c.id)
    if clauses:
        query = query.where(and_(*clauses))
    with store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=1000).execute(query)
        for row in result:
            yield _from_row(row)


def csv_row(rec: ScreeningRecord) -> dict[str, Any]:
    """One record as a row of the CSV export."""
    q = rec.query
    return {
        "id": rec.id,
        "at": rec.at,
        "who": rec.who,
        "channel": rec.channel,
        "endpoint": rec.endpoint,
        "batch_id": rec.batch_id or "",
        "name": rec.name,
        "type": q.get("type") or "",
        "country": q.get("country") or "",
        "birth_date": q.get("birth_date") or "",
        "id_number": q.get("id_number") or "",
        "threshold": rec.threshold,
        "result_count": len(rec.results),
        "top_score": "" if rec.top_score is None else f"{rec.top_score:.4f}",
        "results": "; ".join(f"{r['id']}:{float(r['score']):.4f}" for r in rec.results),
        "list_versions": "; ".join(f"{s}:{c}" for s, c in sorted(rec.list_versions.items())),
    }


def iter_csv(store: Store, flt: AuditFilter | None = None) -> Iterator[str]:
    """The CSV export of the records matching a filter, in chunks of text."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for n, rec in enumerate(iter_records(store, flt), 1):
        writer.writerow(csv_row(rec))
        if n % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()
