"""The ``frontwatch`` command line: parses options and calls into the package."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from frontwatch.cli_common import DbOption, JsonOption, fail, open_store
from frontwatch.lists import LoadResult, default_lists_dir, download_lists, load_files, load_order
from frontwatch.match import DEFAULT_THRESHOLD
from frontwatch.sources import ListFiles, ListParseError, discover
from frontwatch.store import Store, StoreError

app = typer.Typer(
    help="Screen counterparties against sanctions and export-control lists.",
    no_args_is_help=True,
    add_completion=False,
)
lists_app = typer.Typer(help="Load, update and compare the official lists.", no_args_is_help=True)
app.add_typer(lists_app, name="lists")

out = Console()
err = Console(stderr=True)


_state: dict[str, Any] = {"db": None}


@app.callback()
def main_callback(db: DbOption = None) -> None:
    """frontwatch: find sanctioned parties and their fronts."""
    _state["db"] = db


_store = open_store
_fail = fail


class _BarProgress:
    """A rich progress bar over the file sets of one load."""

    def __init__(self, progress: Progress, total_task: Any) -> None:
        self.progress = progress
        self.total_task = total_task
        self.task: Any = None

    def start(self, files: ListFiles, size: int) -> None:
        label = f"{files.source} ← {files.main.name}"
        self.task = self.progress.add_task(label, total=None)

    def advance(self, entities: int) -> None:
        if entities % 500 == 0:
            self.progress.update(self.task, completed=entities)

    def finish(self, result: LoadResult) -> None:
        self.progress.remove_task(self.task)
        self.progress.advance(self.total_task)
        self.progress.console.print(_result_line(result), highlight=False)


def _result_line(result: LoadResult) -> str:
    files = result.files
    if result.status == "failed":
        return f"[red]✗[/] {files.source}: {result.error}"
    v = result.version
    assert v is not None
    if result.status == "unchanged":
        return f"[dim]= {files.source} {v.label}: already loaded, nothing to do[/]"
    return (
        f"[green]✓[/] {files.source} {v.label}: {v.entity_count:,} entities "
        f"from {files.main.name} in {result.seconds:.1f}s"
    )


def _run_loads(store: Store, found: list[ListFiles]) -> list[LoadResult]:
    ordered = load_order(found)
    results: list[LoadResult] = []
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("entities" if False else ""),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        total = progress.add_task("lists", total=len(ordered))
        bar = _BarProgress(progress, total)
        for files in ordered:
            results.append(load_files(store, files, bar))
    return results


@lists_app.command("load")
def lists_load(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="List files or folders. Default: every known list under $FRONTWATCH_LISTS.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Load list files into the store as new versions (a version already loaded is skipped)."""
    if not paths:
        folder = default_lists_dir()
        if folder is None or not folder.is_dir():
            _fail("no PATH given and no list folder found: set FRONTWATCH_LISTS or name files")
        assert folder is not None
        paths = [folder]
        err.print(f"Loading every known list under {folder}", highlight=False)
    store = _store(db)
    try:
        found, skipped = discover(paths)
    except ListParseError as exc:
        _fail(str(exc))
        return
    if not found:
        _fail(f"no list files found in {', '.join(str(p) for p in paths)}")
    results = _run_loads(store, found)
    if skipped:
        err.print(
            f"[dim]Passed over {len(skipped)} file(s) that are no list frontwatch reads: "
            + ", ".join(p.name for p in skipped[:8])
            + (" …" if len(skipped) > 8 else "")
            + "[/]",
            highlight=False,
        )
    failed = [r for r in results if r.status == "failed"]
    if failed:
        raise typer.Exit(1)


@lists_app.command("update")
def lists_update(
    from_dir: Annotated[
        Path | None,
        typer.Option("--from", help="Take the list files from this folder instead of the web."),
    ] = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", "-s", help="Only this source (repeatable).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Fetch the current official list files from their publishers and load them."""
    store = _store(db)
    failures: dict[str, str] = {}
    if from_dir is not None:
        try:
            found, _ = discover([from_dir])
        except ListParseError as exc:
            _fail(str(exc))
            return
        if source:
            found = [f for f in found if f.source in source]
        if not found:
            _fail(f"no list files found in {from_dir}")
    else:
        with err.status("Downloading the official list files…"):
            found, failures = download_lists(source)
        for message in failures.values():
            err.print(f"[red]✗[/] {message}", highlight=False)
    results = _run_loads(store, found) if found else []
    if failures or any(r.status == "failed" for r in results):
        raise typer.Exit(1)


def _counts_text(counts: dict[str, int]) -> str:
    return " · ".join(f"{k} {v:,}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))


@lists_app.command("status")
def lists_status(json_out: JsonOption = False, db: DbOption = None) -> None:
    """Each loaded source: version, file date, entity counts by type, load time."""
    store = _store(db)
    current = store.current_versions(lists_only=True)
    if json_out:
        rows = []
        for v in current:
            rows.append(
                {
                    "source": v.source,
                    "version": v.id,
                    "checksum": v.checksum,
                    "issued": v.issued,
                    "file_date": v.file_date,
                    "format": v.format,
                    "files": v.files,
                    "record_count": v.record_count,
                    "entity_count": v.entity_count,
                    "counts": v.counts,
                    "loaded_at": v.loaded_at,
                    "load_seconds": round(v.load_seconds, 3),
                    "versions_stored": len(store.versions(v.source)),
                }
            )
        print(json.dumps(rows, indent=2))
        return
    if not current:
        err.print("The store is empty. Load the lists with: frontwatch lists load")
        return
    table = Table(title=f"Lists in {store.display_url}")
    table.add_column("source", no_wrap=True)
    table.add_column("version", no_wrap=True)
    table.add_column("entities by type")
    table.add_column("loaded", no_wrap=True)
    for v in current:
        dated = f"issued {v.issued}" if v.issued else f"file {v.file_date or '—'}"
        table.add_row(
            v.source,
            f"v{v.id} {v.checksum[:8]}\n{dated}",
            _counts_text(v.counts),
            f"{v.loaded_at[:16].replace('T', ' ')}\n{v.load_seconds:.1f} s",
        )
    out.print(table)


@lists_app.command("versions")
def lists_versions(source: str, db: DbOption = None) -> None:
    """Every stored version of one source."""
    store = _store(db)
    found = store.versions(source)
    if not found:
        _fail(f"no versions of {source!r} are loaded; known: {', '.join(store.sources()) or '—'}")
    table = Table(title=f"Versions of {source}")
    for col in ("version", "checksum", "issued", "file date", "entities", "loaded", "current"):
        table.add_column(col)
    for v in found:
        table.add_row(
            f"v{v.id}",
            v.checksum[:12],
            v.issued or "—",
            v.file_date or "—",
            f"{v.entity_count:,}",
            v.loaded_at,
            "yes" if v.is_current else "",
        )
    out.print(table)


@lists_app.command("diff")
def lists_diff(
    source: str,
    old: Annotated[str | None, typer.Argument(help="Older version (v3, checksum or date).")] = None,
    new: Annotated[str | None, typer.Argument(help="Newer version (default: current).")] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many of each kind.")] = 50,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Entities added, removed and changed between two loaded versions of a source."""
    store = _store(db)
    try:
        stored = store.versions(source)
        if not stored:
            raise StoreError(
                f"no versions of {source!r} are loaded; known: {', '.join(store.sources()) or '—'}"
            )
        if new is None:
            new_v = next(v for v in stored if v.is_current)
        else:
            new_v = store.resolve_version(source, new)
        if old is None:
            older = [v for v in stored if v.id < new_v.id]
            if not older:
                raise StoreError(
                    f"only one version of {source} is loaded ({new_v.label}); "
                    "load another file of it to compare"
                )
            old_v = older[-1]
        else:
            old_v = store.resolve_version(source, old)
    except StoreError as exc:
        _fail(str(exc))
        return
    diff = store.diff(source, old_v, new_v)
    if json_out:
        print(
            json.dumps(
                {
                    "source": source,
                    "old": {
                        "version": old_v.id,
                        "checksum": old_v.checksum,
                        "issued": old_v.issued,
                    },
                    "new": {
                        "version": new_v.id,
                        "checksum": new_v.checksum,
                        "issued": new_v.issued,
                    },
                    "added": [{"id": i, "schema": s, "caption": c} for i, s, c in diff.added],
                    "removed": [{"id": i, "schema": s, "caption": c} for i, s, c in diff.removed],
                    "changed": [
                        {
                            "id": c.id,
                            "schema": c.schema,
                            "caption": c.caption,
                            "added": c.added,
                            "removed": c.removed,
                        }
                        for c in diff.changed
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    out.print(
        f"[bold]{source}[/]: {old_v.label} → {new_v.label}: "
        f"[green]{len(diff.added):,} added[/], [red]{len(diff.removed):,} removed[/], "
        f"[yellow]{len(diff.changed):,} changed[/]",
        highlight=False,
    )
    for title, rows, mark in (("Added", diff.added, "+"), ("Removed", diff.removed, "-")):
        if rows:
            out.print(f"\n[bold]{title}[/] ({len(rows):,})")
            for eid, schema, caption in rows[:limit]:
                out.print(f"  {mark} {caption}  [dim]{schema} {eid}[/]", highlight=False)
            if len(rows) > limit:
                out.print(f"  … {len(rows) - limit:,} more (--limit, or --json for all)")
    if diff.changed:
        out.print(f"\n[bold]Changed[/] ({len(diff.changed):,})")
        for change in diff.changed[:limit]:
            out.print(f"  ~ {change.caption}  [dim]{change.schema} {change.id}[/]", highlight=False)
            for prop, values in change.removed.items():
                out.print(f"      - {prop}: {'; '.join(values)[:200]}", highlight=False)
            for prop, values in change.added.items():
                out.print(f"      + {prop}: {'; '.join(values)[:200]}", highlight=False)
        if len(diff.changed) > limit:
            out.print(f"  … {len(diff.changed) - limit:,} more (--limit, or --json for all)")


@app.command("entity")
def entity_cmd(
    entity_id: Annotated[str, typer.Argument(metavar="ID", help="Entity id or the list's own id.")],
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """One entity: names, aliases, type, programs, ids, addresses, links, sources."""
    from frontwatch.entity_view import build_entity_view

    store = _store(db)
    view = build_entity_view(store, entity_id)
    if view is None:
        _fail(f"no entity {entity_id!r} in the loaded lists (try an id from 'frontwatch screen')")
        return
    if json_out:
        print(json.dumps(view, indent=2, ensure_ascii=False))
        return
    out.print(
        f"[bold]{view['caption']}[/]  [dim]{view['schema']} · {view['id']}[/]", highlight=False
    )
    for src in view["sources"]:
        out.print(f"  source: {src['source']} (own id {src['source_id']}, store v{src['version']})")
    for name in view["names"]:
        out.print(f"  name: {name}", highlight=False)
    for alias in view["aliases"]:
        out.print(f"  {alias['kind']}: {alias['name']}", highlight=False)
    if view["programs"]:
        out.print(f"  programs: {', '.join(view['programs'])}", highlight=False)
    for s in view["sanctions"]:
        out.print(
            f"  listed by: {', '.join(s['authority'])}"
            + (f" (ref {', '.join(s['authority_id'])})" if s["authority_id"] else "")
            + (f" since {', '.join(s['listing_date'])}" if s["listing_date"] else ""),
            highlight=False,
        )
    for prop, values in {**view["details"], **view["identifiers"]}.items():
        out.print(f"  {prop}: {'; '.join(values)}", highlight=False)
    for address in view["addresses"]:
        out.print(f"  address: {address}", highlight=False)
    for link in view["links"]:
        arrow = "→" if link["direction"] == "outgoing" else "←"
        out.print(
            f"  {arrow} {link['role']}: {link['caption']} [dim]({link['entity_id']})[/]",
            highlight=False,
        )
    for note in view["notes"]:
        out.print(f"  [dim]notes: {note}[/]", highlight=False)


def _screener(db: str | None) -> Any:
    from frontwatch.match.index import index_dir, index_key  # noqa: F401
    from frontwatch.screening import get_screener

    store = _store(db)
    if not store.current_versions():
        _fail("no lists are loaded; load them first with: frontwatch lists load")
    with err.status("Loading the screening index (built once after each list change)…"):
        return get_screener(store.url)


def _who() -> str:
    """Who screens from the command line: the OS user."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def _audit(
    store: Store, query: Any, threshold: float, results: list[Any], since: str | None = None
) -> None:
    """Record a command-line screening in the audit trail (who: the OS user, channel cli)."""
    from frontwatch import audit

    versions = {v.source: v.checksum for v in store.current_versions(lists_only=True)}
    who = _who()
    audit.record(
        store,
        [
            audit.ScreeningRecord(
                who=who,
                channel="cli",
                endpoint="frontwatch screen",
                query={
                    "name": query.name,
                    "type": query.type,
                    "country": query.country,
                    "birth_date": query.birth_date,
                    "id_number": query.id_number,
                    **({"since": since} if since else {}),
                },
                threshold=threshold,
                list_versions=versions,
                results=audit.result_refs(results, threshold),
            )
        ],
    )


def _batch_screener(db: str | None, since: str | None) -> tuple[Any, str | None]:
    """The screener to use, over every listed party or only those changed ``since``;
    with the version ``since`` names (``source vN``), for the audit trail."""
    screener = _screener(db)
    if since is None:
        return screener, None
    from frontwatch.screening import delta_screener

    store = _store(db)
    try:
        with err.status(f"Indexing what changed since {since}…"):
            delta = delta_screener(store, since, screener)
    except StoreError as exc:
        _fail(escape(str(exc)))
    err.print(f"Screening against {delta.describe()}", highlight=False)
    return delta.screener, f"{delta.since.source} v{delta.since.id}"


def _batch_summary(report: Any, position: str, output_path: Path) -> None:
    for line, message in report.errors or []:
        err.print(f"[yellow]{position} {line}:[/] {message}", highlight=False)
    err.print(
        f"Screened {report.rows:,} rows: {report.matched_rows:,} with matches "
        f"({report.result_rows:,} result rows), {len(report.errors or []):,} bad rows → "
        f"{output_path}",
        highlight=False,
    )


def _audit_batch(
    db: str | None, output_path: Path, threshold: float, endpoint: str, since: str | None
) -> None:
    """One audit record per input row of a batch run, as the API's batch jobs write."""
    import uuid

    from frontwatch.screening import audit_batch, iter_output_rows

    store = _store(db)
    batch_id = uuid.uuid4().hex[:16]
    with err.status("Recording the run in the audit trail…"):
        count = audit_batch(
            store,
            iter_output_rows(output_path),
            who=_who(),
            endpoint=endpoint,
            batch_id=batch_id,
            threshold=threshold,
            list_versions={v.source: v.checksum for v in store.current_versions(lists_only=True)},
            since=since,
        )
    err.print(f"Audit trail: {count:,} screenings, batch {batch_id}", highlight=False)


def _batch_audit(db: str | None, threshold: float, endpoint: str, since: str | None) -> Any:
    """The audit records of an embedded batch run, made from its screened rows as
    they are written (``BatchAudit``): Ctrl-C keeps those of the rows done."""
    import uuid

    from frontwatch.screening import BatchAudit

    store = _store(db)
    return BatchAudit(
        store,
        who=_who(),
        endpoint=endpoint,
        batch_id=uuid.uuid4().hex[:16],
        threshold=threshold,
        list_versions={v.source: v.checksum for v in store.current_versions(lists_only=True)},
        since=since,
    )


def _check_batch_paths(input_path: Path, output_path: Path, folder: bool = False) -> None:
    """Stop with a one-line error for an input that is not there or an output that would
    overwrite it or has no folder (``folder``: Spark reads and writes Parquet folders)."""
    from frontwatch.screening import InputError, check_output

    if not (input_path.exists() if folder else input_path.is_file()):
        _fail(f"no such file: {input_path}")
    try:
        check_output(input_path, output_path, folder=folder)
    except InputError as exc:
        _fail(escape(str(exc)))


def _interrupted(exc: Any, total: int, what: str, output_path: Path) -> None:
    """Say what a batch run stopped by Ctrl-C did, and stop with 130 (as for SIGINT)."""
    err.print(
        f"Interrupted: {exc.report.rows:,} of {total:,} {what}; the results so far are in "
        f"{exc.partial} ({output_path} was not written)",
        highlight=False,
    )


def _screen_spark(
    db: str | None,
    input_path: Path,
    output_path: Path,
    limit: int,
    threshold: float,
    master: str,
    since: str | None,
) -> None:
    """``screen --engine spark``: the batch screen on a Spark cluster (or local[N])."""
    from frontwatch.screening import InputError
    from frontwatch.spark import SparkUnavailable, check_spark, screen_file_spark, spark_session

    try:
        check_spark()
    except SparkUnavailable as exc:
        _fail(escape(str(exc)))
    _check_batch_paths(input_path, output_path, folder=True)  # .parquet: folders of parts
    screener, delta_note = _batch_screener(db, since)
    from pyspark.sql import SparkSession

    owned = SparkSession.getActiveSession() is None
    err.print(f"Starting Spark ({master})…", highlight=False)
    try:
        spark = spark_session(master)
    except SparkUnavailable as exc:
        _fail(escape(str(exc)))
    try:
        report = screen_file_spark(
            spark,
            screener,
            input_path,
            output_path,
            limit=limit,
            threshold=threshold,
            progress=lambda msg: err.print(msg, highlight=False),
        )
    except InputError as exc:
        _fail(escape(str(exc)))
    finally:
        if owned:
            spark.stop()
    _batch_summary(report, report.position, output_path)
    err.print(
        f"Spark: {report.partitions} partitions in {report.seconds:.1f}s "
        f"({report.rows / max(report.seconds, 1e-9):,.0f} rows/s)",
        highlight=False,
    )
    _audit_batch(db, output_path, threshold, "frontwatch screen --input --engine spark", delta_note)


@app.command("screen")
def screen_cmd(
    name: Annotated[str | None, typer.Argument(help="The name to screen.")] = None,
    type_: Annotated[
        str,
        typer.Option("--type", "-t", help="person, organization, company, vessel or any."),
    ] = "any",
    country: Annotated[str | None, typer.Option(help="Country (ISO code or name).")] = None,
    birth_date: Annotated[
        str | None, typer.Option("--birth-date", help="YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    id_number: Annotated[
        str | None, typer.Option("--id", help="Passport, registration, IMO or other number.")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many matches per name.")] = 10,
    threshold: Annotated[
        float, typer.Option(help="Lowest score to report (0-1).")
    ] = DEFAULT_THRESHOLD,
    input_path: Annotated[
        Path | None, typer.Option("--input", "-i", help="CSV of counterparties (column 'name').")
    ] = None,
    output_path: Annotated[
        Path | None, typer.Option("--output", "-o", help="Where to write the batch results CSV.")
    ] = None,
    workers: Annotated[int, typer.Option(help="Worker processes for --input.")] = 2,
    engine: Annotated[
        str,
        typer.Option(help="Batch engine for --input: embedded (this machine) or spark."),
    ] = "embedded",
    master: Annotated[
        str, typer.Option(help="Spark master URL for --engine spark (local[N], spark://…).")
    ] = "local[*]",
    since: Annotated[
        str | None,
        typer.Option(
            help="Screen only against entities added or changed since this list version "
            "(v12 as 'lists versions' shows it, a checksum prefix, or SOURCE:VERSION)."
        ),
    ] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Screen a name, or a file of counterparties, against every loaded list."""
    from frontwatch.match.screen import Query, QueryError
    from frontwatch.screening import (
        BatchInterrupted,
        InputError,
        count_rows,
        screen_file,
    )

    if not 0 <= threshold <= 1:
        _fail("--threshold must be between 0 and 1")
    if limit < 1:
        _fail("--limit must be at least 1")
    if engine not in ("embedded", "spark"):
        _fail(f"unknown --engine {engine!r}; use embedded or spark")
    if engine == "spark" and input_path is None:
        _fail("--engine spark screens a file: give --input FILE and --output FILE")
    if input_path is not None:
        if name is not None:
            _fail("give either a NAME or --input FILE, not both")
        if output_path is None:
            _fail("--input needs --output FILE for the results")
        assert output_path is not None
        if engine == "spark":
            _screen_spark(db, input_path, output_path, limit, threshold, master, since)
            return
        if ".parquet" in (input_path.suffix.lower(), output_path.suffix.lower()):
            _fail("Parquet is read and written by --engine spark; the embedded engine takes CSV")
        _check_batch_paths(input_path, output_path)
        screener, delta_note = _batch_screener(db, since)
        total = count_rows(input_path)
        log = _batch_audit(db, threshold, "frontwatch screen --input", delta_note)
        with Progress(
            SpinnerColumn(),
            TextColumn("Screening {task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task(input_path.name, total=total)
            try:
                report = screen_file(
                    screener,
                    input_path,
                    output_path,
                    limit=limit,
                    threshold=threshold,
                    workers=workers,
                    on_rows=lambda n: progress.advance(task, n),
                    on_screened=log.add,
                )
            except InputError as exc:
                _fail(escape(str(exc)))
                return
            except BatchInterrupted as exc:
                interrupted: BatchInterrupted | None = exc
            else:
                interrupted = None
        if interrupted is not None:
            _interrupted(interrupted, total, "rows screened", output_path)
        else:
            _batch_summary(report, "line", output_path)
        with err.status("Recording the run in the audit trail…"):
            count = log.flush()
        err.print(f"Audit trail: {count:,} screenings, batch {log.batch_id}", highlight=False)
        if interrupted is not None:
            raise typer.Exit(130)
        return
    if name is None:
        _fail("give a NAME to screen, or --input FILE --output FILE")
        return
    try:
        query = Query(name, type_, country, birth_date, id_number)
    except QueryError as exc:
        _fail(str(exc))
        return
    screener, delta_note = _batch_screener(db, since)
    results = screener.screen(query, limit=limit, threshold=threshold)
    store = _store(db)
    _audit(store, query, threshold, results, since=delta_note)
    if json_out:
        payload = {
            "query": {
                "name": query.name,
                "type": query.type,
                "country": query.country,
                "birth_date": query.birth_date,
                "id_number": query.id_number,
            },
            "threshold": threshold,
            "lists": [
                {"source": v.source, "version": v.id, "checksum": v.checksum, "issued": v.issued}
                for v in store.current_versions()
            ],
            "results": [r.to_dict() for r in results],
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    if not results:
        out.print(
            f"No match for [bold]{name}[/] at or above {threshold:.2f} "
            f"in {len(screener.index.entities):,} listed parties.",
            highlight=False,
        )
        return
    for rank, r in enumerate(results, 1):
        color = "red" if r.score >= 0.9 else ("yellow" if r.match else "white")
        programs = f" [{', '.join(r.programs)}]" if r.programs else ""
        out.print(
            f"[bold]{rank}.[/] [{color}]{r.score:.2f}[/]  [bold]{r.caption}[/]  "
            f"[dim]{r.schema} · {r.source} {r.source_id} · {r.entity_id}[/]{programs}",
            highlight=False,
        )
        out.print(f"    matched {r.matched_name_kind}: {r.matched_name}", highlight=False)
        for f in r.features:
            value = f"{f.value:.2f}" if f.name == "name" else f"{f.value:+.2f}"
            out.print(f"    [dim]{f.name} {value}: {f.detail}[/]", highlight=False)
        for m in r.same_party:
            scored = f"{m['score']:.2f}" if m["score"] is not None else "not scored"
            out.print(
                f"    also listed: {m['caption']} [dim]· {m['source']} {m['source_id'] or ''} · "
                f"{m['entity_id']} · {scored} · same party: {m['why']}[/]",
                highlight=False,
            )


@app.command("compare")
def compare_cmd(
    name1: Annotated[str | None, typer.Argument(help="First name.")] = None,
    name2: Annotated[str | None, typer.Argument(help="Second name.")] = None,
    type_: Annotated[
        str, typer.Option("--type", "-t", help="person, organization, company, vessel or any.")
    ] = "any",
    input_path: Annotated[
        Path | None, typer.Option("--input", "-i", help="CSV with columns schema, name1, name2.")
    ] = None,
    output_path: Annotated[
        Path | None, typer.Option("--output", "-o", help="Where to write the scored CSV.")
    ] = None,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Score one pair of names (or a CSV of pairs), with the explanation."""
    from frontwatch.match.screen import QueryError
    from frontwatch.screening import (
        BatchInterrupted,
        InputError,
        compare_file,
        count_rows,
    )

    if input_path is not None:
        if output_path is None:
            _fail("--input needs --output FILE for the scored pairs")
        assert output_path is not None
        _check_batch_paths(input_path, output_path)
    screener = _screener(db)
    if input_path is not None:
        assert output_path is not None
        with Progress(
            SpinnerColumn(),
            TextColumn("Scoring {task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            transient=True,
        ) as progress:
            total = count_rows(input_path)
            task = progress.add_task(input_path.name, total=total)
            try:
                report = compare_file(
                    screener, input_path, output_path, on_rows=lambda n: progress.advance(task, n)
                )
            except InputError as exc:
                _fail(escape(str(exc)))
                return
            except BatchInterrupted as exc:
                _interrupted(exc, total, "pairs scored", output_path)
                raise typer.Exit(130) from None
        for line, message in report.errors or []:
            err.print(f"[yellow]line {line}:[/] {message}", highlight=False)
        err.print(
            f"Scored {report.rows:,} pairs: {report.matched_rows:,} match → {output_path}",
            highlight=False,
        )
        return
    if name1 is None or name2 is None:
        _fail("give two names, or --input FILE --output FILE")
        return
    try:
        score, features = screener.compare(name1, name2, type_)
    except QueryError as exc:
        _fail(str(exc))
        return
    if json_out:
        print(
            json.dumps(
                {
                    "name1": name1,
                    "name2": name2,
                    "type": type_,
                    "score": round(score, 4),
                    "match": score >= DEFAULT_THRESHOLD,
                    "features": [f.to_dict() for f in features],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    verdict = "match" if score >= DEFAULT_THRESHOLD else "no match"
    out.print(f"[bold]{score:.2f}[/] ({verdict} at {DEFAULT_THRESHOLD:.2f})", highlight=False)
    for f in features:
        value = f"{f.value:.2f}" if f.name == "name" else f"{f.value:+.2f}"
        out.print(f"  {f.name} {value}: {f.detail}", highlight=False)


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", help="Output format: ftm (JSON lines).")] = "ftm",
    source: Annotated[str | None, typer.Option(help="Only this source.")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export the current entities as FollowTheMoney JSON lines."""
    if fmt != "ftm":
        _fail(f"unknown format {fmt!r}; frontwatch exports: ftm")
    store = _store(db)
    if source and source not in store.sources():
        _fail(f"no source {source!r} is loaded; known: {', '.join(store.sources()) or '—'}")
    fh = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    count = 0
    try:
        for data in store.iter_entities(source=source):
            record = {
                "id": data["id"],
                "schema": data["schema"],
                "caption": data["caption"],
                "properties": data.get("properties", {}),
                "datasets": [data["source"]],
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    finally:
        if output:
            fh.close()
    if output:
        err.print(f"Wrote {count:,} entities to {output}")


def _register_commands() -> None:
    """Commands that live beside their subsystems: documents, and the server."""
    from frontwatch.api.cli import register as register_api
    from frontwatch.extract.cli import register as register_document_commands
    from frontwatch.graph.cli import register as register_graph
    from frontwatch.store.cli import register as register_db

    register_document_commands(app)
    register_api(app)
    register_graph(app)
    register_db(app)


_register_commands()


def main() -> None:
    """Entry point of the ``frontwatch`` command."""
    app()


if __name__ == "__main__":
    main()
