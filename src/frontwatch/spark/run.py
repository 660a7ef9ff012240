"""Screen a CSV or Parquet file on Spark, row for row as the embedded batch screen does.

The driver writes the screening index to a file and ships it with
``SparkContext.addFile``; each Python worker process loads it once and keeps
it for every task it runs (``spark.python.worker.reuse``, on by default).
Rows carry their position in the input, so bad rows are reported by line
(CSV) or row (Parquet) number, and the output keeps the input's order:
partitions are written in order and their parts concatenated.
"""

from __future__ import annotations

import atexit
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontwatch.match.index import ScreeningIndex, index_dir
from frontwatch.match.score import DEFAULT_THRESHOLD
from frontwatch.match.screen import Screener
from frontwatch.screening import (
    QUERY_COLUMNS,
    SCREEN_OUTPUT_COLUMNS,
    InputError,
    check_header,
    output_columns,
    output_rows,
    screen_row,
    sniff_dialect,
)

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

INSTALL_HINT = "pip install 'frontwatch[spark]'"
# Rows per input partition are sized so that every core gets several partitions.
PARTITIONS_PER_CORE = 4
MIN_PARTITION_BYTES = 32 * 1024  # screening costs milliseconds a row: small splits pay


class SparkUnavailable(RuntimeError):
    """Spark cannot run here (PySpark or Java missing); the message says what to do."""


@dataclass
class SparkReport:
    """What a Spark batch run did (as ``screening.BatchReport``, plus timings)."""

    rows: int = 0
    matched_rows: int = 0
    result_rows: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    position: str = "line"  # how ``errors`` number rows: CSV line, or Parquet row
    partitions: int = 0
    seconds: float = 0.0


def find_java() -> str | None:
    """The ``java`` Spark will start: ``$JAVA_HOME/bin/java`` or the one on ``PATH``."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def check_spark() -> None:
    """Raise ``SparkUnavailable`` unless PySpark is installed and Java can be found."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkUnavailable(
            f"the Spark engine needs PySpark, which is not installed: {INSTALL_HINT}"
        ) from None
    if find_java() is None:
        raise SparkUnavailable(
            "the Spark engine needs Java 17 or newer and no java was found "
            "(set JAVA_HOME or put java on PATH; on Debian: "
            "apt-get install openjdk-17-jre-headless)"
        )


def _java_version() -> str:
    java = find_java()
    if java is None:
        return "no java found"
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{java}: {exc}"
    first = (done.stderr or done.stdout).strip().splitlines()
    return first[0] if first else java


def _log_config() -> str:
    """A log4j2 configuration that lets only errors through to the console."""
    path = Path(tempfile.gettempdir()) / "frontwatch-spark-log4j2.properties"
    if not path.is_file():
        path.write_text(
            "rootLogger.level = error\n"
            "rootLogger.appenderRef.stderr.ref = console\n"
            "appender.console.type = Console\n"
            "appender.console.name = console\n"
            "appender.console.target = SYSTEM_ERR\n"
            "appender.console.layout.type = PatternLayout\n"
            "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex\n",
            encoding="utf-8",
        )
    return path.as_uri()


def spark_session(master: str = "local[*]", app_name: str = "frontwatch screen") -> SparkSession:
    """A Spark session on ``master`` (an existing one is reused), quiet on the console."""
    check_spark()
    # The executors' Python must be this one, which has frontwatch installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # one machine: loopback only
    from pyspark.sql import SparkSession

    try:
        spark = (
            SparkSession.builder.master(master)
            .appName(app_name)
            .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={_log_config()}")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate()
        )
    except Exception as exc:  # the JVM did not start: say why, with the Java found
        raise SparkUnavailable(
            f"Spark did not start ({type(exc).__name__}: {str(exc).strip()[:300]}); "
            f"it needs Java 17 or newer, found: {_java_version()}"
        ) from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# -- on the executors -------------------------------------------------------------

_LOADED: dict[str, Screener] = {}


def _worker_screener(index_name: str, threshold: float) -> Screener:
    """The screener of a shipped index, loaded once per Python worker process."""
    screener = _LOADED.get(index_name)
    if screener is None:
        from pyspark import SparkFiles

        index = ScreeningIndex.load(Path(SparkFiles.get(index_name)))
        if index is None:
            raise RuntimeError(f"the shipped screening index {index_name} cannot be read")
        _LOADED.clear()  # one index at a time: a new run replaces the last one
        screener = _LOADED[index_name] = Screener(index, threshold=threshold)
    return screener


@dataclass(frozen=True)
class _Job:
    index_name: str
    header: tuple[str, ...]
    columns: tuple[str, ...]
    limit: int
    threshold: float
    screener_threshold: float
    first_position: int  # line of the first data row (CSV: 2), or 1 for Parquet rows
    as_csv: bool


def _tally_zero() -> list[Any]:
    return [0, 0, 0, []]


try:  # the accumulator needs pyspark; the module imports without it
    from pyspark.accumulators import AccumulatorParam

    class _TallyParam(AccumulatorParam):  # type: ignore[type-arg]
        """Sums ``[rows, matched rows, result rows, [(position, error)]]`` over tasks."""

        def zero(self, value: list[Any]) -> list[Any]:
            return _tally_zero()

        def addInPlace(self, value1: list[Any], value2: list[Any]) -> list[Any]:  # noqa: N802
            value1[0] += value2[0]
            value1[1] += value2[1]
            value1[2] += value2[2]
            value1[3].extend(value2[3])
            return value1

except ImportError:  # pragma: no cover - check_spark says what to install
    pass


def _screen_partition(
    job: _Job, tally: Any, items: Iterable[tuple[Any, int]]
) -> Iterator[str | tuple[str, ...]]:
    """Screen one partition's ``(row, position)`` items into output lines or tuples."""
    screener = _worker_screener(job.index_name, job.screener_threshold)
    counts = _tally_zero()
    buf = io.StringIO()
    writer = csv.writer(buf)  # the embedded engine's csv.DictWriter default: excel, CRLF
    for values, idx in items:
        row = {c: ("" if v is None else str(v)) for c, v in zip(job.header, values, strict=False)}
        results, error = screen_row(screener, row, job.limit, job.threshold)
        counts[0] += 1
        if error is not None:
            counts[3].append((idx + job.first_position, error))
        elif results:
            counts[1] += 1
            counts[2] += len(results)
        for out in output_rows(row, results, error):
            cells = [out.get(c, "") for c in job.columns]
            if job.as_csv:
                buf.seek(0)
                buf.truncate()
                writer.writerow(cells)
                yield buf.getvalue()[:-2]  # the text writer adds the same CRLF
            else:
                yield tuple("" if v is None else str(v) for v in cells)
    tally.add(counts)


# -- on the driver ----------------------------------------------------------------


class _Watcher:
    """Prints the progress of the running Spark stage every few seconds."""

    def __init__(self, spark: SparkSession, say: Callable[[str], None], every: float) -> None:
        self.tracker = spark.sparkContext.statusTracker()
        self.say = say
        self.every = every
        self.label = ""
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _Watcher:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=5)

    def _run(self) -> None:
        last = ""
        while not self.stop.wait(self.every):
            try:
                stages = [self.tracker.getStageInfo(s) for s in self.tracker.getActiveStageIds()]
            except Exception:  # the context is stopping
                return
            for info in stages:
                if info is None:
                    continue
                line = (
                    f"  {self.label}: {info.numCompletedTasks}/{info.numTasks} partitions done, "
                    f"{info.numActiveTasks} running"
                )
                if line != last:
                    self.say(line)
                    last = line


_SHIPPED: dict[str, Path] = {}
_WORKDIR: list[Path] = []


def _workdir() -> Path:
    """A temporary folder for shipped files, for the life of this process."""
    if not _WORKDIR:
        path = Path(tempfile.mkdtemp(prefix="frontwatch-spark-"))
        atexit.register(shutil.rmtree, path, ignore_errors=True)
        _WORKDIR.append(path)
    return _WORKDIR[0]


def _index_file(index: ScreeningIndex) -> Path:
    """A file holding the index: its cache file, or the index pickled once per process."""
    if index.key:
        # The cache of ``load_or_build`` names its files ``URLTAG-KEY.pickle``.
        cached = sorted(index_dir().glob(f"*-{index.key}.pickle"))
        if cached:
            return cached[0]
    name = f"frontwatch-index-{index.key or 'nokey'}-{len(index.entities)}.pickle"
    found = _SHIPPED.get(name)
    if found is not None and found.is_file():
        return found
    path = _workdir() / name
    index.save(path)
    _SHIPPED[name] = path
    return path


def _local_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _csv_header(path: Path) -> tuple[list[str], Any]:
    """The header (stripped, as the embedded engine reads it) and dialect of a CSV file."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            sample = fh.read(65536)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text; save it as UTF-8 CSV") from None
    dialect = sniff_dialect(sample)
    first = next(csv.reader(io.StringIO(sample), dialect=dialect), [])
    return [h.strip() for h in first], dialect


def screen_file_spark(
    spark: SparkSession,
    screener: Screener,
    input_path: Path,
    output_path: Path,
    limit: int = 10,
    threshold: float = DEFAULT_THRESHOLD,
    progress: Callable[[str], None] | None = None,
    progress_every: float = 5.0,
    partition_bytes: int | None = None,
) -> SparkReport:
    """Screen every row of a CSV or Parquet file on Spark; write CSV or Parquet.

    The input is read as CSV unless its name ends in ``.parquet``; the output is
    one CSV file, or a Parquet folder of parts in input order when its name ends
    in ``.parquet``. Columns and rows are those of ``screening.screen_file``.
    Input splits hold ``partition_bytes`` each (default: several per core).
    """
    say = progress or (lambda msg: print(msg, file=sys.stderr, flush=True))
    t0 = time.perf_counter()
    sc = spark.sparkContext
    parquet_in = input_path.suffix.lower() == ".parquet"
    parquet_out = output_path.suffix.lower() == ".parquet"
    if not input_path.exists():
        raise InputError(f"no such file: {input_path}")
    size = _local_size(input_path)
    cores = max(1, sc.defaultParallelism)
    split = partition_bytes or max(MIN_PARTITION_BYTES, size // (cores * PARTITIONS_PER_CORE) + 1)
    conf_key = "spark.sql.files.maxPartitionBytes"
    old_split = spark.conf.get(conf_key, None)
    spark.conf.set(conf_key, str(split))
    try:
        if parquet_in:
            df = spark.read.parquet(str(input_path))
            header = list(df.columns)
            first_position = 1
        else:
            header, dialect = _csv_header(input_path)
            df = spark.read.csv(
                str(input_path),
                header=True,
                inferSchema=False,
                sep=dialect.delimiter,
                quote=dialect.quotechar or '"',
                escape=dialect.quotechar or '"',
                encoding="UTF-8",
                mode="PERMISSIVE",
                ignoreLeadingWhiteSpace=bool(dialect.skipinitialspace),
                multiLine=False,
            )
            if len(df.columns) == len(header):
                df = df.toDF(*[f"c{i}" for i in range(len(header))])
            first_position = 2
        # The embedded engine's header rules: known columns in any case, no column named
        # twice or like an output column.
        check_header(input_path, header, ("name",), QUERY_COLUMNS, SCREEN_OUTPUT_COLUMNS)
        columns = output_columns(header)

        say(f"Shipping the screening index ({len(screener.index.entities):,} listed parties)…")
        index_path = _index_file(screener.index)
        sc.addFile(str(index_path))
        job = _Job(
            index_name=index_path.name,
            header=tuple(header),
            columns=tuple(columns),
            limit=limit,
            threshold=threshold,
            screener_threshold=screener.threshold,
            first_position=first_position,
            as_csv=not parquet_out,
        )
        tally = sc.accumulator(_tally_zero(), _TallyParam())
        with _Watcher(spark, say, progress_every) as watcher:
            watcher.label = "numbering rows"
            say(f"Reading {input_path} ({size / 1e6:,.1f} MB) on {sc.master}…")
            numbered = df.rdd.zipWithIndex()
            partitions = numbered.getNumPartitions()
            screened = numbered.mapPartitions(partial(_screen_partition, job, tally))
            watcher.label = "screening"
            say(f"Screening in {partitions} partitions on {cores} cores…")
            if parquet_out:
                from pyspark.sql.types import StringType, StructField, StructType

                schema = StructType([StructField(c, StringType()) for c in columns])
                partial_dir = output_path.with_name(output_path.name + ".partial")
                spark.createDataFrame(screened, schema).write.mode("overwrite").parquet(
                    str(partial_dir)
                )
                _replace(partial_dir, output_path)
            else:
                parts = output_path.with_name(output_path.name + ".parts")
                lines = screened.map(lambda line: (line,))
                spark.createDataFrame(lines, "value string").write.mode("overwrite").option(
                    "lineSep", "\r\n"
                ).text(str(parts))
                say(f"Writing {output_path}…")
                _merge_csv(parts, columns, output_path)
    finally:
        if old_split is None:
            spark.conf.unset(conf_key)
        else:
            spark.conf.set(conf_key, old_split)
    rows, matched, results, errors = tally.value
    return SparkReport(
        rows=rows,
        matched_rows=matched,
        result_rows=results,
        errors=sorted(errors),
        position="row" if parquet_in else "line",
        partitions=partitions,
        seconds=time.perf_counter() - t0,
    )


def _replace(src: Path, dest: Path) -> None:
    """Move a finished output into place, replacing an older one (file or folder)."""
    if dest.is_dir():
        shutil.rmtree(dest)
    elif dest.exists():
        dest.unlink()
    src.replace(dest)


def _merge_csv(parts: Path, columns: list[str], output_path: Path) -> None:
    """One CSV file: the header, then the parts in partition order."""
    partial_path = output_path.with_name(output_path.name + ".partial")
    buf = io.StringIO()
    csv.writer(buf).writerow(columns)
    with open(partial_path, "wb") as out:
        out.write(buf.getvalue().encode("utf-8"))
        for part in sorted(parts.glob("part-*")):
            with open(part, "rb") as fh:
                shutil.copyfileobj(fh, out, 1 << 20)
    partial_path.replace(output_path)
    shutil.rmtree(parts, ignore_errors=True)
