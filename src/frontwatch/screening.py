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
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontwatch.match.index import ScreeningIndex, load_or_build
from frontwatch.match.score import DEFAULT_THRESHOLD, Feature
from frontwatch.match.screen import Query, QueryError, Result, Screener
from frontwatch.store import Store

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
]
QUERY_COLUMNS = ("name", "type", "country", "birth_date", "id_number")
CHUNK = 100

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
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(fh, dialect=dialect)
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


def _screen_chunk(
    args: tuple[list[tuple[int, dict[str, str]]], int, float],
) -> list[tuple[int, dict[str, str], list[Result], str | None]]:
    rows, limit, threshold = args
    screener = _WORKER["screener"]
    out: list[tuple[int, dict[str, str], list[Result], str | None]] = []
    for line, row in rows:
        try:
            query = Query(
                row.get("name", ""),
                row.get("type") or "any",
                row.get("country") or None,
                row.get("birth_date") or None,
                row.get("id_number") or None,
            )
            out.append((line, row, screener.screen(query, limit=limit, threshold=threshold), None))
        except QueryError as exc:
            out.append((line, row, [], str(exc)))
    return out


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
    extra = [c for c in RESULT_COLUMNS if c not in header]
    columns = header + extra + (["error"] if "error" not in header else [])
    report = BatchReport(errors=[])
    partial = output_path.with_name(output_path.name + ".partial")
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    _WORKER["screener"] = screener
    with open(partial, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        jobs = ((chunk, limit, threshold) for chunk in _chunks(rows, CHUNK))
        if workers > 1:
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                for done in pool.map(_screen_chunk, jobs):
                    _write_chunk(writer, done, report, on_rows)
        else:
            for job in jobs:
                _write_chunk(writer, _screen_chunk(job), report, on_rows)
    partial.replace(output_path)
    return report


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
            writer.writerow({**row, "error": error})
            continue
        if not results:
            writer.writerow(row)
            continue
        report.matched_rows += 1
        for rank, r in enumerate(results, 1):
            report.result_rows += 1
            writer.writerow(
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
                }
            )
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


__all__ = [
    "BatchReport",
    "InputError",
    "Query",
    "QueryError",
    "Result",
    "ScreeningIndex",
    "compare",
    "compare_file",
    "get_screener",
    "screen",
    "screen_file",
]
