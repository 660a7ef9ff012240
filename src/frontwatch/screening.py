"""Screening from Python and for files: one name, a CSV of counterparties, a CSV of pairs.

    >>> import frontwatch
    >>> results = frontwatch.screen("Rayan Roshd Afzar Co.", type="company")
    >>> score, features = frontwatch.compare("刘宝霞", "LIU, Baoxia", schema="Person")

Batch files are screened by two worker processes that share the index; rows
that cannot be screened are reported with their line number and the run goes
on. Output is written to ``OUTPUT.partial`` and renamed when complete.
"""

from __future__ import annotations

import codecs
import csv
import gc
import multiprocessing
import os
import signal
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
from frontwatch.match.screen import Query, QueryError, Result, Screener, query_type
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
# The columns a batch screen adds to the input's: an input column of one of these
# names (in any case) is refused, as it would collide with the output's.
SCREEN_OUTPUT_COLUMNS = (*RESULT_COLUMNS, "error")
COMPARE_COLUMNS = ("schema", "name1", "name2")
COMPARE_OUTPUT_COLUMNS = ("score", "match", "explanation", "error")
CHUNK = 100
# Chunks queued per worker in a batch: enough to keep each busy, few enough that a
# large file is not read into memory ahead of the writer.
IN_FLIGHT = 4
_J = TypeVar("_J")
_R = TypeVar("_R")

_screeners: dict[str, Screener] = {}


class InputError(ValueError):
    """A batch file that cannot be read as asked (the message says why)."""


class BatchInterrupted(KeyboardInterrupt):
    """A batch run stopped by Ctrl-C: what was written (to ``partial``) before it stopped."""

    def __init__(self, report: BatchReport, partial: Path) -> None:
        super().__init__(f"interrupted after {report.rows:,} rows; results so far in {partial}")
        self.report = report
        self.partial = partial


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

    Only the delimiter is taken from the sniffer. Fields are quoted with ``"`` and a
    quote inside a quoted field is doubled (``""``), as Excel and RFC 4180 write
    them: the sniffer guesses ``'`` as the quote character from names with
    apostrophes ("LLC 'ZAPCHASTTRADE'"), and then split quoted fields that hold the
    delimiter ("PUTIN, Vladimir Vladimirovich").
    """
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    return Dialect


def column_key(header_cell: str) -> str:
    """How a header cell is matched with a column frontwatch reads or writes:
    case and surrounding spaces aside (``Name``, `` name `` are ``name``)."""
    return header_cell.strip().lower()


def check_header(
    path: Path,
    header: list[str],
    required: tuple[str, ...],
    known: tuple[str, ...],
    produced: tuple[str, ...],
) -> None:
    """Refuse a header that a batch run would misread; ``InputError`` says what to change.

    A column named twice (one of the two would be lost, or frontwatch could not
    tell which to read), a column frontwatch reads written twice in different
    case (``Name`` and ``name``), a column with the name of one the output adds
    (the input is copied through unchanged, so the two would collide), and a
    missing required column.
    """
    seen: dict[str, int] = {}
    twice: list[str] = []
    for number, cell in enumerate(header, 1):
        key = column_key(cell) if column_key(cell) in known else cell.strip()
        if not key:
            continue  # columns with no name are copied through as they are
        if key in seen:
            first = header[seen[key] - 1]
            twice.append(f"{first!r} (column {seen[key]}) and {cell!r} (column {number})")
        else:
            seen[key] = number
    if twice:
        raise InputError(
            f"{path}: the header names a column twice: {'; '.join(twice)}; "
            "give each column a name of its own"
        )
    clashes = [cell for cell in header if column_key(cell) in produced]
    if clashes:
        raise InputError(
            f"{path}: the input has columns named like the columns the output adds: "
            f"{', '.join(repr(c) for c in clashes)}; rename them "
            f"(e.g. 'my_{column_key(clashes[0])}') and run again (input columns are copied "
            f"through unchanged; the output adds {', '.join(produced)})"
        )
    keys = {column_key(cell) for cell in header}
    missing = [c for c in required if c not in keys]
    if missing:
        raise InputError(
            f"{path}: the header has no column {', '.join(missing)} "
            f"(found: {', '.join(header) or 'nothing'})"
        )


def check_utf8(path: Path) -> bool:
    """Whether a file starts with a UTF-8 byte order mark; ``InputError`` if it is not
    UTF-8 text, with the line of the first byte that is not.

    Read in binary pieces of 1 MB through an incremental decoder, before anything
    is screened: a bad byte deep in a large file would otherwise stop the run
    after hours of screening.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    bom = False
    try:
        with open(path, "rb") as fh:
            first = True
            while piece := fh.read(1 << 20):
                if first:
                    bom = piece.startswith(codecs.BOM_UTF8)
                    first = False
                try:
                    decoder.decode(piece)
                except UnicodeDecodeError as exc:
                    # exc.object: the bytes the decoder held back from the last piece
                    # (part of a character, never a line end), then this piece.
                    line += exc.object[: exc.start].count(b"\n")
                    bad = exc.object[exc.start]
                    raise InputError(
                        f"{path} is not UTF-8 text: line {line} has the byte 0x{bad:02x}, "
                        "which UTF-8 does not allow there; save the file as UTF-8 CSV "
                        "(nothing was screened)"
                    ) from None
                line += piece.count(b"\n")
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                raise InputError(
                    f"{path} is not UTF-8 text: it ends in the middle of a character "
                    f"(line {line}); save the file as UTF-8 CSV (nothing was screened)"
                ) from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    return bom


def check_output(input_path: Path, output_path: Path, folder: bool = False) -> None:
    """Refuse an output path that would overwrite the input, or whose folder does not
    exist (or that is a folder, unless ``folder``: Spark's Parquet output is one)."""
    partial = output_path.with_name(output_path.name + ".partial")
    source = input_path.resolve()
    for target in (output_path, partial):
        if target.resolve() == source or (
            target.exists() and input_path.exists() and os.path.samefile(target, input_path)
        ):
            raise InputError(
                f"--output {output_path} would overwrite the input file {input_path}; "
                "write the results to another file"
            )
    parent = output_path.resolve().parent
    if not parent.is_dir():
        raise InputError(
            f"cannot write {output_path}: the folder {parent} does not exist; create it "
            "or name another --output"
        )
    if output_path.is_dir() and not folder:
        raise InputError(f"cannot write {output_path}: it is a folder; name a file")


@dataclass
class BatchInput:
    """A batch file as read: its header as written, and its data rows.

    ``rows`` yields ``(line, row, error)``: the row's line number, its values keyed
    by ``keys`` (the header's cells; a repeated empty cell gets a key of its own)
    and, for a line that cannot be read as a row, why (its values are then empty).
    """

    header: list[str]
    keys: list[str]
    bom: bool
    rows: Iterator[tuple[int, dict[str, str], str | None]]
    file: Any = None  # the open input (closed once ``rows`` are read)


def _read_rows(
    path: Path,
    required: tuple[str, ...],
    known: tuple[str, ...] = QUERY_COLUMNS,
    produced: tuple[str, ...] = (),
) -> BatchInput:
    """The header and the data rows (with their line numbers) of a CSV file.

    The file is checked first: UTF-8 throughout (``check_utf8``), and a header
    that names each column once, has the required ones (in any case, with spaces
    around) and none named like an output column (``check_header``). Rows are
    read strictly: a quoted field that is never closed, or a closing quote
    followed by more text, is a bad row naming the lines it spans (not the rest
    of the file read as one name); a row with more non-empty fields than the
    header is a bad row (its extra values would be lost); fewer fields are empty.
    """
    bom = check_utf8(path)
    try:
        fh = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    sample = fh.read(65536)
    fh.seek(0)
    reader = csv.reader(fh, dialect=sniff_dialect(sample), strict=True)
    header: list[str] = []
    try:
        while not header:  # blank lines before the header are passed over
            header = next(reader)
    except StopIteration:
        pass
    except csv.Error as exc:
        fh.close()
        raise InputError(
            f"{path}: the header (line {reader.line_num}) is not valid CSV: {exc}"
        ) from None
    try:
        check_header(path, header, required, known, produced)
    except InputError:
        fh.close()
        raise
    keys = list(header)
    for i, cell in enumerate(header):
        if keys.count(cell) > 1:  # only empty cells can repeat (check_header)
            keys[i] = f"{cell}\x00{i + 1}"
    width = len(keys)

    def rows() -> Iterator[tuple[int, dict[str, str], str | None]]:
        with fh:
            while True:
                start = reader.line_num + 1
                try:
                    fields = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    yield start, {}, _csv_error(exc, start, reader.line_num)
                    continue
                if not fields:
                    continue  # a blank line
                line = reader.line_num
                row = {k: (fields[i] if i < len(fields) else "") for i, k in enumerate(keys)}
                extra = fields[width:]
                if any(v.strip() for v in extra):
                    yield (
                        line,
                        row,
                        f"the row has {len(fields)} fields, the header {width}: "
                        f"{', '.join(repr(v) for v in extra[:3])}{' …' if len(extra) > 3 else ''} "
                        "would be lost; not screened (quote a field that holds the delimiter)",
                    )
                else:
                    yield line, row, None

    return BatchInput(header, keys, bom, rows(), fh)


def _csv_error(exc: csv.Error, start: int, end: int) -> str:
    """Why lines ``start``-``end`` could not be read as a row."""
    if "unexpected end of data" in str(exc):
        return (
            f"a quoted field opens in line {start} and is never closed: lines {start}-{end} "
            "(the rest of the file) were read as one field and not screened; close the quote"
        )
    if end > start:
        return (
            f"not valid CSV ({exc}, line {end}): a quoted field opens in line {start}, so "
            f"lines {start}-{end} were read as one row and not screened; check the quotes "
            '(a quote inside a quoted field is written twice: "")'
        )
    return (
        f"not valid CSV ({exc}); not screened; check the quotes "
        '(a quote inside a quoted field is written twice: "")'
    )


def query_values(row: dict[str, str]) -> dict[str, str]:
    """The values of the columns frontwatch reads (``name, type, …``), found whatever
    the case of the header and the spaces around it."""
    found: dict[str, str] = {}
    for key, value in row.items():
        column = column_key(key)
        if column in QUERY_COLUMNS and column not in found:
            found[column] = value or ""
    return found


def row_query(row: dict[str, str]) -> Query:
    """The query of one input row (``name, type, country, birth_date, id_number``).

    Raises ``QueryError`` for a row that cannot be screened (no name, a bad date).
    """
    values = query_values(row)
    return Query(
        values.get("name", ""),
        values.get("type") or "any",
        values.get("country") or None,
        values.get("birth_date") or None,
        values.get("id_number") or None,
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


def output_columns(header: list[str], path: Path | str = "the input") -> list[str]:
    """The columns of a batch output: the input's, then the result columns and ``error``.

    ``InputError`` for a header that names a column twice or has a column named
    like one of the output's (see ``check_header``).
    """
    check_header(Path(path), list(header), (), QUERY_COLUMNS, SCREEN_OUTPUT_COLUMNS)
    return list(header) + list(SCREEN_OUTPUT_COLUMNS)


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


_InRow = tuple[int, dict[str, str], str | None]  # line, values, why it cannot be read
_Screened = tuple[int, dict[str, str], list[Result], str | None]


def _screen_chunk(args: tuple[list[_InRow], int, float]) -> list[_Screened]:
    rows, limit, threshold = args
    screener = _WORKER["screener"]
    return [
        (line, row, [], bad)
        if bad is not None
        else (line, row, *screen_row(screener, row, limit, threshold))
        for line, row, bad in rows
    ]


_WORKER: dict[str, Screener] = {}


def _ignore_sigint() -> None:
    """Worker processes leave Ctrl-C to the parent, which stops the run in order."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _chunks(rows: Iterator[_InRow], size: int) -> Iterator[list[_InRow]]:
    chunk: list[_InRow] = []
    for item in rows:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def count_rows(path: Path) -> int:
    """How many data rows a CSV file has (for a progress bar; lines that are no
    valid CSV count as one row each, as the batch reports them)."""
    count = 0
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.reader(fh)
        while True:
            try:
                next(reader)
            except StopIteration:
                break
            except csv.Error:
                pass
            count += 1
    return max(0, count - 1)


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
    on_screened: Callable[[dict[str, str], list[Result], str | None], None] | None = None,
) -> BatchReport:
    """Screen every row of a CSV file and write one output row per match.

    ``on_screened`` is called with each input row, its results and its error once
    its output rows are written (the CLI makes the audit records from it). The
    input is checked before anything is screened (``_read_rows``, ``check_output``);
    ``InputError`` says what is wrong. On Ctrl-C the rows written so far stay in
    ``OUTPUT.partial`` and ``BatchInterrupted`` says how many.
    """
    check_output(input_path, output_path)
    batch = _read_rows(input_path, ("name",), QUERY_COLUMNS, SCREEN_OUTPUT_COLUMNS)
    columns = batch.keys + list(SCREEN_OUTPUT_COLUMNS)
    report = BatchReport(errors=[])
    partial = output_path.with_name(output_path.name + ".partial")
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    _WORKER["screener"] = screener
    with _open_output(partial, output_path, batch) as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        csv.writer(fh).writerow(batch.header + list(SCREEN_OUTPUT_COLUMNS))
        jobs = ((chunk, limit, threshold) for chunk in _chunks(batch.rows, CHUNK))
        try:
            with _quiet_gc():
                if workers > 1:
                    if _has_han(input_path):
                        chinese.load_readers()  # once here, not in each worker
                    ctx = multiprocessing.get_context("fork")
                    with ProcessPoolExecutor(
                        max_workers=workers, mp_context=ctx, initializer=_ignore_sigint
                    ) as pool:
                        try:
                            for done in _in_order(pool, _screen_chunk, jobs, IN_FLIGHT * workers):
                                _write_chunk(writer, done, report, on_rows, on_screened)
                        except KeyboardInterrupt:
                            pool.shutdown(wait=False, cancel_futures=True)
                            raise
                else:
                    for job in jobs:
                        _write_chunk(writer, _screen_chunk(job), report, on_rows, on_screened)
        except KeyboardInterrupt:
            raise BatchInterrupted(report, partial) from None
    partial.replace(output_path)
    return report


@contextmanager
def _open_output(partial: Path, output_path: Path, batch: BatchInput) -> Iterator[Any]:
    """The ``.partial`` file of a batch output, in UTF-8 (with a byte order mark when
    the input has one, for Excel); ``InputError`` when it cannot be written."""
    try:
        fh = open(partial, "w", encoding="utf-8-sig" if batch.bom else "utf-8", newline="")  # noqa: SIM115
    except OSError as exc:
        batch.file.close()
        raise InputError(f"cannot write {output_path}: {exc.strerror}") from None
    with fh:
        yield fh


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
    done: list[_Screened],
    report: BatchReport,
    on_rows: Callable[[int], None] | None,
    on_screened: Callable[[dict[str, str], list[Result], str | None], None] | None = None,
) -> None:
    for line, row, results, error in done:
        writer.writerows(output_rows(row, results, error))
        report.rows += 1
        if error is not None:
            assert report.errors is not None
            report.errors.append((line, error))
        elif results:
            report.matched_rows += 1
            report.result_rows += len(results)
        if on_screened is not None:
            on_screened(row, results, error)
    if on_rows is not None:
        on_rows(len(done))


def compare_file(
    screener: Screener,
    input_path: Path,
    output_path: Path,
    threshold: float = DEFAULT_THRESHOLD,
    on_rows: Callable[[int], None] | None = None,
) -> BatchReport:
    """Score every ``schema, name1, name2`` row of a CSV file; adds ``score`` and ``match``.

    A row with an unknown schema, or a name missing, is a bad row (its ``error``).
    """
    check_output(input_path, output_path)
    batch = _read_rows(input_path, COMPARE_COLUMNS, COMPARE_COLUMNS, COMPARE_OUTPUT_COLUMNS)
    columns = batch.keys + list(COMPARE_OUTPUT_COLUMNS)
    by_column = {column_key(k): k for k in reversed(batch.keys)}
    schema_key, name1_key, name2_key = (by_column[c] for c in COMPARE_COLUMNS)
    report = BatchReport(errors=[])
    partial = output_path.with_name(output_path.name + ".partial")
    with _open_output(partial, output_path, batch) as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        csv.writer(fh).writerow(batch.header + list(COMPARE_OUTPUT_COLUMNS))
        try:
            for line, row, bad in batch.rows:
                try:
                    if bad is not None:
                        raise QueryError(bad)
                    schema = query_type(row.get(schema_key), "schema")
                    score, features = screener.compare(
                        row.get(name1_key, ""), row.get(name2_key, ""), schema
                    )
                except QueryError as exc:
                    writer.writerow({**row, "error": str(exc)})
                    report.rows += 1
                    assert report.errors is not None
                    report.errors.append((line, str(exc)))
                    continue
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
                report.rows += 1
                if score >= threshold:
                    report.matched_rows += 1
                if on_rows is not None and report.rows % 100 == 0:
                    on_rows(100)
        except KeyboardInterrupt:
            raise BatchInterrupted(report, partial) from None
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
    # An output has a byte order mark when its input had one.
    with open(path, encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


class BatchAudit:
    """The audit records of a batch run, one per input row, written 1,000 at a time.

    Records as the API's batch jobs do (channel ``batch``, one ``batch_id`` for
    the run). ``add`` takes a row as it was screened (its query values, results
    and error), so what is recorded is what the screen returned, whatever the
    output file's columns hold.
    """

    def __init__(
        self,
        store: Store,
        *,
        who: str,
        endpoint: str,
        batch_id: str,
        threshold: float,
        list_versions: dict[str, str],
        since: str | None = None,
    ) -> None:
        self.store = store
        self.who = who
        self.endpoint = endpoint
        self.batch_id = batch_id
        self.threshold = threshold
        self.list_versions = list_versions
        self.since = since
        self.written = 0
        self.pending: list[Any] = []

    def add(self, row: dict[str, str], results: list[Result], error: str | None) -> None:
        """Record one screened input row (its values as read, keyed by header cell)."""
        from frontwatch import audit

        self.add_refs(query_values(row), audit.result_refs(results, self.threshold), error)

    def add_refs(
        self, values: dict[str, str], refs: list[dict[str, Any]], error: str | None
    ) -> None:
        """Record one input row from its query values and ``[{id, score, match}]``."""
        from frontwatch import audit

        query: dict[str, Any] = {k: (values.get(k) or None) for k in QUERY_COLUMNS}
        if error:
            query["error"] = error
        if self.since:
            query["since"] = self.since
        self.pending.append(
            audit.ScreeningRecord(
                who=self.who,
                channel="batch",
                endpoint=self.endpoint,
                batch_id=self.batch_id,
                query=query,
                threshold=self.threshold,
                list_versions=self.list_versions,
                results=refs,
            )
        )
        # The row's record is taken before any write: an interrupt during the write
        # below leaves it pending, for the final flush, not lost.
        if len(self.pending) >= 1000:
            self.flush()

    def flush(self) -> int:
        """Write the records not yet written; how many have been written in all."""
        from frontwatch import audit

        # Taken off the list before the write, so that a write interrupted after its
        # commit is not made again by the final flush.
        batch, self.pending = self.pending, []
        try:
            audit.record(self.store, batch)
        except BaseException:
            self.pending = batch + self.pending  # not written: left for the next flush
            raise
        self.written += len(batch)
        return self.written


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

    For the engines whose results are read back from their output (Spark, the
    API's jobs). The output's own columns (``rank``, ``entity_id``, ``score``,
    ``error``) cannot be input columns: a batch refuses an input with a column
    of one of those names (``check_header``), so what is read is what the screen
    wrote. The command line's embedded engine records from the screened results
    themselves (``BatchAudit.add``).
    """
    log = BatchAudit(
        store,
        who=who,
        endpoint=endpoint,
        batch_id=batch_id,
        threshold=threshold,
        list_versions=list_versions,
        since=since,
    )
    values: dict[str, str] | None = None
    refs: list[dict[str, Any]] = []
    error: str | None = None
    for row in rows:
        rank = (row.get("rank") or "").strip()
        if rank in ("", "1"):
            if values is not None:
                log.add_refs(values, refs, error)
            values, refs, error = query_values(row), [], row.get("error") or None
        if rank and row.get("entity_id") and values is not None:
            score = float(row.get("score") or 0)
            refs.append({"id": row["entity_id"], "score": score, "match": score >= threshold})
    if values is not None:
        log.add_refs(values, refs, error)
    return log.flush()


__all__ = [
    "BatchAudit",
    "BatchInterrupted",
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
