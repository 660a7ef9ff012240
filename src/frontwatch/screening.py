"""Screening from Python and for files: one name, a CSV of counterparties, a CSV of pairs.

    >>> import frontwatch
    >>> results = frontwatch.screen("Rayan Roshd Afzar Co.", type="company")
    >>> score, features = frontwatch.compare("刘宝霞", "LIU, Baoxia", schema="Person")

Batch files are screened by two worker processes that share the index; rows
that cannot be screened are reported with their line number and the run goes
on. Output is written to ``OUTPUT.partial`` and renamed when complete.
"""

from __future__ import annotations

import csv
import gc
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from frontwatch.match import chinese
from frontwatch.match.index import MATCHABLE, ScreeningIndex, load_or_build
from frontwatch.match.score import DEFAULT_THRESHOLD, Feature
from frontwatch.match.screen import Query, QueryError, Result, Screener
from frontwatch.store import Store, StoreError, VersionInfo

RESULT_COLUMNS = [
    "rank",
    "score",
    "entity_id",
    "source",
    "source_id",
    "matched_name",
    "caption",
    "schema",
    "programs",
    "explanation",
    "same_party",
]
QUERY_COLUMNS = ("name", "type", "country", "birth_date", "id_number")
CHUNK = 100
# Chunks queued per worker in a batch: enough to keep each busy, few enough that a
# large file is not read into memory ahead of the writer.
IN_FLIGHT = 4
_J = TypeVar("_J")
_R = TypeVar("_R")

_screeners: dict[str, Screener] = {}


class InputError(ValueError):
    """A batch file that cannot be read as asked (the message says why)."""


def get_screener(db: str | None = None, on_entity: Callable[[int], None] | None = None) -> Screener:
    """The screener for a store (default: ``$FRONTWATCH_DB``), built once per process."""
    store = Store(db)
    screener = _screeners.get(store.url)
    if screener is not None:
        from frontwatch.match.index import index_key

        if screener.index.key == index_key(store):
            return screener
    index = load_or_build(store, on_entity=on_entity)
    screener = Screener(index)
    _screeners[store.url] = screener
    # The index lives as long as the process: out of the garbage collector's passes
    # with it (a tenth of screening time went to them). It holds no reference cycles,
    # so reference counting still frees it when a new list version replaces it; what
    # is garbage already is collected first.
    gc.collect()
    gc.freeze()
    return screener


def screen(
    name: str,
    type: str = "any",  # noqa: A002 - the word users know
    country: str | None = None,
    birth_date: str | None = None,
    id_number: str | None = None,
    limit: int = 10,
    threshold: float = DEFAULT_THRESHOLD,
    db: str | None = None,
) -> list[Result]:
    """Screen one name against every loaded list; ranked results with explanations."""
    query = Query(name, type, country, birth_date, id_number)
    return get_screener(db).screen(query, limit=limit, threshold=threshold)


def compare(
    name1: str, name2: str, schema: str = "any", db: str | None = None
) -> tuple[float, list[Feature]]:
    """Score two names against each other, with the features that make the score."""
    return get_screener(db).compare(name1, name2, schema)


# -- batch ---------------------------------------------------------------------


@dataclass
class BatchReport:
    """What a batch run did."""

    rows: int = 0
    matched_rows: int = 0
    result_rows: int = 0
    errors: list[tuple[int, str]] | None = None


def sniff_dialect(sample: str) -> Any:
    """The CSV dialect of a file's first 64 KiB: delimiter ``,`` ``;`` tab or ``|``.

    A quote inside a quoted field is always read as doubled (``""``), as Excel
    and RFC 4180 write it; the sniffer cannot tell when such a field also holds
    the delimiter.
    """
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel
    dialect.doublequote = True
    return dialect


def _read_rows(
    path: Path, required: tuple[str, ...]
) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header and the data rows (with their line numbers) of a CSV file."""
    try:
        fh = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    try:
        sample = fh.read(65536)
        fh.seek(0)
        reader = csv.DictReader(fh, dialect=sniff_dialect(sample))
        header = [h.strip() for h in (reader.fieldnames or [])]
    except UnicodeDecodeError:
        fh.close()
        raise InputError(f"{path} is not UTF-8 text; save it as UTF-8 CSV") from None
    reader.fieldnames = header
    missing = [c for c in required if c not in header]
    if missing:
        fh.close()
        raise InputError(
            f"{path}: the header has no column {', '.join(missing)} "
            f"(found: {', '.join(header) or 'nothing'})"
        )

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        with fh:
            try:
                for row in reader:
                    yield reader.line_num, {k: (v or "") for k, v in row.items() if k is not None}
            except UnicodeDecodeError:
                raise InputError(f"{path} is not UTF-8 text; save it as UTF-8 CSV") from None

    return header, rows()


def row_query(row: dict[str, str]) -> Query:
    """The query of one input row (``name, type, country, birth_date, id_number``).

    Raises ``QueryError`` for a row that cannot be screened (no name, a bad date).
    """
    return Query(
        row.get("name", ""),
        row.get("type") or "any",
        row.get("country") or None,
        row.get("birth_date") or None,
        row.get("id_number") or None,
    )


def screen_row(
    screener: Screener, row: dict[str, str], limit: int, threshold: float
) -> tuple[list[Result], str | None]:
    """The results for one input row, or the reason it cannot be screened.

    Every batch engine (the embedded one here and ``frontwatch.spark``) screens
    a row through this function, so they match alike.
    """
    try:
        query = row_query(row)
    except QueryError as exc:
        return [], str(exc)
    return screener.screen(query, limit=limit, threshold=threshold), None


def output_columns(header: list[str]) -> list[str]:
    """The columns of a batch output: the input's, then the result columns and ``error``."""
    extra = [c for c in RESULT_COLUMNS if c not in header]
    return header + extra + (["error"] if "error" not in header else [])


def output_rows(
    row: dict[str, str], results: list[Result], error: str | None
) -> list[dict[str, Any]]:
    """The output rows of one input row: one per result, ranked; one row if none or bad."""
    if error is not None:
        return [{**row, "error": error}]
    if not results:
        return [row]
    return [
        {
            **row,
            "rank": rank,
            "score": f"{r.score:.4f}",
            "entity_id": r.entity_id,
            "source": r.source,
            "source_id": r.source_id or "",
            "matched_name": r.matched_name,
            "caption": r.caption,
            "schema": r.schema,
            "programs": "; ".join(r.programs),
            "explanation": r.explanation,
            # The same party's other listings: "eu-fsf-133863 (eu_fsf 133863); ...".
            "same_party": "; ".join(
                f"{m['entity_id']} ({m['source']} {m['source_id'] or ''})".replace(" )", ")")
                for m in r.same_party
            ),
        }
        for rank, r in enumerate(results, 1)
    ]


def _screen_chunk(
    args: tuple[list[tuple[int, dict[str, str]]], int, float],
) -> list[tuple[int, dict[str, str], list[Result], str | None]]:
    rows, limit, threshold = args
    screener = _WORKER["screener"]
    return [(line, row, *screen_row(screener, row, limit, threshold)) for line, row in rows]


_WORKER: dict[str, Screener] = {}


def _chunks(
    rows: Iterator[tuple[int, dict[str, str]]], size: int
) -> Iterator[list[tuple[int, dict[str, str]]]]:
    chunk: list[tuple[int, dict[str, str]]] = []
    for item in rows:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def count_rows(path: Path) -> int:
    """How many data rows a CSV file has (for a progress bar)."""
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        return max(0, sum(1 for _ in csv.reader(fh)) - 1)


@contextmanager
def _quiet_gc() -> Iterator[None]:
    """Less garbage collection while a file is screened.

    Screening makes short-lived objects that reference counting frees; the cyclic
    collector's passes over the index and the growing caches were a tenth of the
    time. The objects alive now (the index above all) are left out of its passes for
    good (``gc.freeze``, as ``get_screener`` does; forked workers then also keep
    sharing the index's memory pages), and during the run it starts a pass after
    50,000 allocations instead of 700; that threshold is restored afterwards (by the
    last of overlapping runs, in server threads).
    """
    with _GC_LOCK:
        if _GC_STATE["runs"] == 0:
            _GC_STATE["saved"] = gc.get_threshold()
            gc.set_threshold(50_000, *_GC_STATE["saved"][1:])
        _GC_STATE["runs"] += 1
        gc.freeze()
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_STATE["runs"] -= 1
            if _GC_STATE["runs"] == 0:
                gc.set_threshold(*_GC_STATE["saved"])


_GC_LOCK = threading.Lock()
_GC_STATE: dict[str, Any] = {"runs": 0, "saved": ()}


def screen_file(
    screener: Screener,
    input_path: Path,
    output_path: Path,
    limit: int = 10,
    threshold: float = DEFAULT_THRESHOLD,
    workers: int | None = None,
    on_rows: Callable[[int], None] | None = None,
) -> BatchReport:
    """Screen every row of a CSV file and write one output row per match."""
    header, rows = _read_rows(input_path, ("name",))
    columns = output_columns(header)
    report = BatchReport(errors=[])
    partial = output_path.with_name(output_path.name + ".partial")
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    _WORKER["screener"] = screener
    with open(partial, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        jobs = ((chunk, limit, threshold) for chunk in _chunks(rows, CHUNK))
        with _quiet_gc():
            if workers > 1:
                if _has_han(input_path):
                    chinese.load_readers()  # once here, not in each worker
                ctx = multiprocessing.get_context("fork")
                with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                    for done in _in_order(pool, _screen_chunk, jobs, IN_FLIGHT * workers):
                        _write_chunk(writer, done, report, on_rows)
            else:
                for job in jobs:
                    _write_chunk(writer, _screen_chunk(job), report, on_rows)
    partial.replace(output_path)
    return report


def _in_order(
    pool: ProcessPoolExecutor, fn: Callable[[_J], _R], jobs: Iterable[_J], window: int
) -> Iterator[_R]:
    """``fn`` of each job in the pool, in job order, with at most ``window`` jobs in flight.

    ``pool.map`` would submit every job at once: a file of millions of rows would be
    read into memory whole, and every result not yet written kept there too.
    """
    pending: deque[Future[_R]] = deque()
    for job in jobs:
        pending.append(pool.submit(fn, job))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _has_han(path: Path) -> bool:
    """Whether a file holds Chinese characters anywhere (read in 1 MB pieces)."""
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        while piece := fh.read(1 << 20):
            if chinese.has_han(piece):
                return True
    return False


def _write_chunk(
    writer: csv.DictWriter[str],
    done: list[tuple[int, dict[str, str], list[Result], str | None]],
    report: BatchReport,
    on_rows: Callable[[int], None] | None,
) -> None:
    for line, row, results, error in done:
        report.rows += 1
        if error is not None:
            assert report.errors is not None
            report.errors.append((line, error))
        elif results:
            report.matched_rows += 1
            report.result_rows += len(results)
        writer.writerows(output_rows(row, results, error))
    if on_rows is not None:
        on_rows(len(done))


def compare_file(
    screener: Screener,
    input_path: Path,
    output_path: Path,
    threshold: float = DEFAULT_THRESHOLD,
    on_rows: Callable[[int], None] | None = None,
) -> BatchReport:
    """Score every ``schema, name1, name2`` row of a CSV file; adds ``score`` and ``match``."""
    header, rows = _read_rows(input_path, ("schema", "name1", "name2"))
    columns = header + [c for c in ("score", "match", "explanation", "error") if c not in header]
    report = BatchReport(errors=[])
    partial = output_path.with_name(output_path.name + ".partial")
    with open(partial, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for line, row in rows:
            report.rows += 1
            try:
                score, features = screener.compare(
                    row.get("name1", ""), row.get("name2", ""), row.get("schema") or "any"
                )
            except QueryError as exc:
                assert report.errors is not None
                report.errors.append((line, str(exc)))
                writer.writerow({**row, "error": str(exc)})
                continue
            if score >= threshold:
                report.matched_rows += 1
            writer.writerow(
                {
                    **row,
                    "score": f"{score:.4f}",
                    "match": "true" if score >= threshold else "false",
                    "explanation": " | ".join(
                        f"{f.name} {f.value:+.2f}: {f.detail}" for f in features
                    ),
                }
            )
            if on_rows is not None and report.rows % 100 == 0:
                on_rows(100)
    partial.replace(output_path)
    return report


# -- delta screening (--since) ------------------------------------------------


@dataclass
class SourceDelta:
    """What one source contributes to a delta screen."""

    source: str
    base: VersionInfo | None  # its newest version loaded at or before the named one
    current: VersionInfo
    entities: int  # matchable entities new or changed since ``base``


@dataclass
class Delta:
    """The entities added or changed since a list version, and the screener over them."""

    since: VersionInfo
    sources: list[SourceDelta] = field(default_factory=list)
    screener: Screener | None = None

    @property
    def entity_count(self) -> int:
        """How many listed parties the delta screen compares against."""
        return sum(s.entities for s in self.sources)

    def describe(self) -> str:
        """One line for the user: what is screened against."""
        parts = [
            f"{s.source} {s.entities:,} ({s.base.label if s.base else 'new'} → v{s.current.id})"
            for s in self.sources
            if s.entities
        ]
        return (
            f"{self.entity_count:,} listed parties added or changed since "
            f"{self.since.source} {self.since.label}" + (f": {', '.join(parts)}" if parts else "")
        )


def resolve_since(store: Store, ref: str) -> VersionInfo:
    """The version ``--since`` names: ``v12``/``12`` (as ``lists versions`` shows them),
    a checksum prefix (6+ characters), or ``SOURCE:REF`` with any reference
    ``lists diff`` takes (number, checksum prefix, issued date)."""
    ref = ref.strip()
    if ":" in ref:
        source, _, inner = ref.partition(":")
        return store.resolve_version(source.strip(), inner.strip())
    every = [v for source in store.sources() for v in store.versions(source)]
    key = ref.lower().removeprefix("v")
    if key.isdigit():
        found = [v for v in every if v.id == int(key)]
    elif len(ref) >= 6:
        found = [v for v in every if v.checksum.startswith(ref.lower())]
    else:
        found = []
    if len(found) == 1:
        return found[0]
    if found:
        raise StoreError(
            f"{ref!r} names several versions ("
            + ", ".join(f"{v.source} {v.label}" for v in found)
            + "); write SOURCE:VERSION"
        )
    raise StoreError(
        f"no list version {ref!r}; name one as 'frontwatch lists versions SOURCE' shows it "
        "(v12), by checksum prefix, or as SOURCE:VERSION"
    )


def delta_records(store: Store, since: VersionInfo) -> tuple[list[dict[str, Any]], Delta]:
    """Store rows of the entities added or changed since ``since``, with their sanctions.

    For every list source, its current version is compared with its newest
    version loaded at or before ``since`` (version numbers grow with every
    load, across sources): entities that are new, or whose schema or properties
    (fingerprint) differ, are kept; so are the targets of a sanction record that
    is new or changed (a new program). A source first loaded after ``since``
    counts whole; one whose current version is not newer than ``since`` counts
    nothing. Removed entities are not screened against.
    """
    delta = Delta(since=since)
    records: list[dict[str, Any]] = []
    for cur in store.current_versions(lists_only=True):
        if cur.id <= since.id:
            continue
        older = [v for v in store.versions(cur.source) if v.id <= since.id]
        base = older[-1] if older else None
        rows = list(store.iter_entities(version_id=cur.id))
        if base is None:
            wanted = {r["id"] for r in rows}
        else:
            diff = store.diff(cur.source, base, cur)
            wanted = {i for i, _, _ in diff.added} | {c.id for c in diff.changed}
            for r in rows:
                if r["schema"] == "Sanction" and r["id"] in wanted:
                    wanted.update(_targets(r))
        kept = [
            r
            for r in rows
            if (r["schema"] in MATCHABLE and r["id"] in wanted)
            or (r["schema"] == "Sanction" and not wanted.isdisjoint(_targets(r)))
        ]
        records.extend(kept)
        count = sum(1 for r in kept if r["schema"] in MATCHABLE)
        delta.sources.append(SourceDelta(cur.source, base, cur, count))
    return records, delta


def _targets(row: dict[str, Any]) -> list[str]:
    targets: list[str] = row.get("properties", {}).get("entity", [])
    return targets


def delta_screener(store: Store, since: str | VersionInfo, full: Screener) -> Delta:
    """A screener over only the entities added or changed since a version.

    Token weights are the full index's, so a listed party scores exactly as in
    a full screen; only which parties can be found differs.
    """
    version = resolve_since(store, since) if isinstance(since, str) else since
    records, delta = delta_records(store, version)
    index = ScreeningIndex.build(
        records,
        key=f"{full.index.key}-since-v{version.id}",
        untrusted_dates=full.index.untrusted_dates,
    )
    index.weights = full.index.weights
    delta.screener = Screener(index, threshold=full.threshold)
    return delta


# -- audit of batch runs ------------------------------------------------------


def iter_output_rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a batch output: a CSV file, or a Parquet file or folder of parts."""
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        parts = sorted(path.glob("part-*.parquet")) if path.is_dir() else [path]
        for part in parts:
            for batch in pq.ParquetFile(part).iter_batches(batch_size=5000):
                for row in batch.to_pylist():
                    yield {k: ("" if v is None else str(v)) for k, v in row.items()}
        return
    with open(path, encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def audit_batch(
    store: Store,
    rows: Iterable[dict[str, str]],
    *,
    who: str,
    endpoint: str,
    batch_id: str,
    threshold: float,
    list_versions: dict[str, str],
    since: str | None = None,
) -> int:
    """One audit record per screened input row, read from the batch output; how many.

    Records as the API's batch jobs do (channel ``batch``, one ``batch_id`` for
    the run), written in transactions of 1,000.
    """
    from frontwatch import audit

    pending: list[audit.ScreeningRecord] = []
    current: audit.ScreeningRecord | None = None
    written = 0
    for row in rows:
        rank = (row.get("rank") or "").strip()
        if rank in ("", "1"):
            if len(pending) >= 1000:
                audit.record(store, pending)
                written += len(pending)
                pending = []
            query: dict[str, Any] = {k: (row.get(k) or None) for k in QUERY_COLUMNS}
            if row.get("error"):
                query["error"] = row["error"]
            if since:
                query["since"] = since
            current = audit.ScreeningRecord(
                who=who,
                channel="batch",
                endpoint=endpoint,
                batch_id=batch_id,
                query=query,
                threshold=threshold,
                list_versions=list_versions,
            )
            pending.append(current)
        if rank and row.get("entity_id") and current is not None:
            score = float(row.get("score") or 0)
            current.results.append(
                {"id": row["entity_id"], "score": score, "match": score >= threshold}
            )
    audit.record(store, pending)
    return written + len(pending)


__all__ = [
    "BatchReport",
    "Delta",
    "InputError",
    "Query",
    "QueryError",
    "Result",
    "ScreeningIndex",
    "compare",
    "audit_batch",
    "compare_file",
    "delta_screener",
    "get_screener",
    "output_columns",
    "output_rows",
    "resolve_since",
    "screen",
    "screen_file",
    "screen_row",
]
