"""Batch screening on Spark (local mode) gives the embedded engine's output, row for row.

One Spark session (local[2]) serves the whole module: starting it takes seconds.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pyspark.sql import SparkSession
from typer.testing import CliRunner

from frontwatch import audit
from frontwatch.cli import app
from frontwatch.lists import load_paths
from frontwatch.screening import delta_screener, get_screener, screen_file
from frontwatch.spark import screen_file_spark, spark_session
from frontwatch.store import Store

runner = CliRunner()
HEADER = ["customer_id", "name", "type", "country", "birth_date", "note"]


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    session = spark_session("local[2]", app_name="frontwatch tests")
    yield session
    session.stop()


def _listed_names(db: str) -> list[tuple[str, str]]:
    """Names of real listed parties: (name, type), a few of each kind, deterministic."""
    picked: dict[str, list[tuple[str, str]]] = {"Person": [], "Company": [], "Organization": []}
    kinds = {"Person": "person", "Company": "company", "Organization": "organization"}
    for source in ("us_ofac_sdn", "un_sc"):
        for n, row in enumerate(Store(db).iter_entities(source=source)):
            names = row.get("properties", {}).get("name", [])
            bucket = picked.get(row["schema"])
            if bucket is not None and names and n % 97 == 0 and len(bucket) < 8:
                bucket.append((names[0], kinds[row["schema"]]))
    return [pair for bucket in picked.values() for pair in bucket]


@pytest.fixture(scope="module")
def rows(full_db: str) -> list[list[str]]:
    """~30 counterparties: listed names (as written and varied), others, and bad rows."""
    out: list[list[str]] = []
    for i, (name, kind) in enumerate(_listed_names(full_db)):
        varied = name.upper() if i % 3 == 0 else (name.lower() if i % 3 == 1 else name)
        out.append([f"L{i}", varied, kind, "", "", "listed"])
    out += [
        ["K1", "Liu Baoxia", "person", "CN", "1981-09-10", "pinyin"],
        ["K2", "刘宝霞", "person", "", "", "characters"],
        ["K3", "Rayan Roshd Afzar Co.", "company", "", "", 'quoted "name", with comma'],
        ["N1", "Acme Widgets Limited", "company", "", "", "not listed"],
        ["N2", "Northwind Traders GmbH", "company", "DE", "", "not listed"],
        ["N3", "Maria Schmidt", "person", "", "1990-02-03", "not listed"],
        ["B1", "", "person", "", "", "no name"],
        ["B2", "Shiraz Electronics Industries", "company", "IR", "not-a-date", "bad date"],
        ["B3", "Someone", "spaceship", "", "", "bad type"],
    ]
    assert len(out) >= 25
    return out


def _said(result: Any) -> str:
    """What a command printed, with the console's line wrapping undone."""
    return " ".join(str(result.output).split())


def _write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_spark_csv_equals_embedded(
    spark: SparkSession, full_db: str, rows: list[list[str]], tmp_path: Path
) -> None:
    src = _write_csv(tmp_path / "in.csv", rows)
    screener = get_screener(full_db)
    embedded = screen_file(screener, src, tmp_path / "embedded.csv", limit=3, workers=1)
    # Small input splits: several partitions, so order and line numbers cross partitions.
    report = screen_file_spark(
        spark, screener, src, tmp_path / "spark.csv", limit=3, partition_bytes=400
    )
    assert report.partitions > 2
    assert (tmp_path / "spark.csv").read_bytes() == (tmp_path / "embedded.csv").read_bytes()
    assert (report.rows, report.matched_rows, report.result_rows) == (
        embedded.rows,
        embedded.matched_rows,
        embedded.result_rows,
    )
    assert report.errors == embedded.errors
    assert [line for line, _ in report.errors] == [len(rows) - 1, len(rows), len(rows) + 1]
    out = _read(tmp_path / "spark.csv")
    assert list(out[0])[: len(HEADER)] == HEADER
    assert [r["customer_id"] for r in out if r["rank"] in ("", "1")] == [r[0] for r in rows]
    by_id = {r["customer_id"]: r for r in out if r["rank"] in ("", "1")}
    assert by_id["K1"]["entity_id"] == "us-ofac-sdn-22683"
    assert by_id["K2"]["entity_id"] == "us-ofac-sdn-22683"
    assert by_id["K3"]["note"] == 'quoted "name", with comma'
    assert by_id["N1"]["entity_id"] == "" and by_id["B1"]["error"]
    listed_hits = [r for r in out if r["note"] == "listed" and r["rank"] == "1"]
    assert len(listed_hits) >= 15  # listed names, varied in case, are found


def test_spark_parquet_in_and_out(
    spark: SparkSession, full_db: str, rows: list[list[str]], tmp_path: Path
) -> None:
    screener = get_screener(full_db)
    embedded = screen_file(
        screener, _write_csv(tmp_path / "in.csv", rows), tmp_path / "e.csv", limit=3, workers=1
    )
    table = pa.table({col: [r[i] or None for r in rows] for i, col in enumerate(HEADER)})
    table = table.append_column("seq", pa.array(range(len(rows)), pa.int64()))
    pq.write_table(table, tmp_path / "in.parquet")
    # The same rows plus an integer column, which is read as its text.
    rows2 = [[*r, str(i)] for i, r in enumerate(rows)]
    _write_csv(tmp_path / "in2.csv", rows2, [*HEADER, "seq"])
    screen_file(screener, tmp_path / "in2.csv", tmp_path / "e2.csv", limit=3, workers=1)
    report = screen_file_spark(
        spark, screener, tmp_path / "in.parquet", tmp_path / "out.parquet", limit=3
    )
    assert (tmp_path / "out.parquet").is_dir()
    got = pq.read_table(tmp_path / "out.parquet").to_pylist()
    want = _read(tmp_path / "e2.csv")
    assert [{k: v or "" for k, v in r.items()} for r in got] == want
    assert list(got[0]) == list(want[0])
    assert report.position == "row"
    # Row numbers are line numbers less the header line.
    assert report.errors == [(line - 1, msg) for line, msg in embedded.errors or []]


def test_spark_from_the_command_line_is_audited(
    spark: SparkSession, full_db: str, rows: list[list[str]], tmp_path: Path
) -> None:
    src = _write_csv(tmp_path / "in.csv", rows)
    before = audit.count(Store(full_db))
    result = runner.invoke(
        app,
        [
            "--db",
            full_db,
            "screen",
            "--engine",
            "spark",
            "--master",
            "local[2]",
            "-i",
            str(src),
            "-o",
            str(tmp_path / "spark.csv"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"line {len(rows) - 1}: a name is required" in _said(result)
    embedded = runner.invoke(
        app, ["--db", full_db, "screen", "-i", str(src), "-o", str(tmp_path / "embedded.csv")]
    )
    assert embedded.exit_code == 0, embedded.output
    assert (tmp_path / "spark.csv").read_bytes() == (tmp_path / "embedded.csv").read_bytes()
    store = Store(full_db)
    assert audit.count(store) == before + 2 * len(rows)
    spark_records = audit.read(store, audit.AuditFilter(channel="batch"), limit=2 * len(rows))
    endpoints = {r.endpoint for r in spark_records}
    assert endpoints == {"frontwatch screen --input", "frontwatch screen --input --engine spark"}
    liu = [r for r in spark_records if r.query["name"] == "Liu Baoxia"]
    assert len(liu) == 2 and all(r.results[0]["id"] == "us-ofac-sdn-22683" for r in liu)
    assert SparkSession.getActiveSession() is not None  # the CLI left the test's session alone


# -- --since -------------------------------------------------------------------------

CHANGED = "NK-JseaPJctnK9o8wrmz8xmoT"  # Zakharov Nikita Aleksandrovich: a new note
NEW = "test-kupol-izhevsk"
UNCHANGED = "NK-cPks3aTbes8k4aCerfBAzN"  # ZALA AERO JSC


@pytest.fixture(scope="module")
def versioned_db(full_db: str, lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """un_sc (v1), zala_aero_cluster (v2) and a changed copy of it (v3)."""
    folder = tmp_path_factory.mktemp("since")
    store = Store(f"sqlite:///{folder / 'fw.db'}")
    zala = lists_dir / "ftm_fixtures" / "zala_aero_cluster.ftm.json"
    for path in (lists_dir / "un_sc" / "consolidated.xml", zala):
        (result,), _ = load_paths(store, [path])
        assert result.status == "loaded", result.error
    lines = []
    for line in zala.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        if data["id"] == CHANGED:
            data["properties"]["notes"] = ["Re-designated with a new note."]
        lines.append(json.dumps(data, ensure_ascii=False))
    new = {
        "id": NEW,
        "schema": "Company",
        "properties": {"name": ["Kupol Izhevsk Electromechanical Plant"], "country": ["ru"]},
    }
    lines.append(json.dumps(new))
    changed = folder / "b" / "zala_aero_cluster.ftm.json"
    changed.parent.mkdir()
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (result,), _ = load_paths(store, [changed])
    assert result.status == "loaded", result.error
    assert [v.id for v in store.versions("zala_aero_cluster")] == [2, 3]
    return store.url


SINCE_ROWS = [
    ["S1", "Zakharov Nikita Aleksandrovich", "person", "", "", "changed"],
    ["S2", "Kupol Izhevsk Electromechanical Plant", "company", "", "", "new"],
    ["S3", "ZALA AERO JSC", "company", "", "", "unchanged"],
    ["S4", "Eric Badege", "person", "", "", "other list, unchanged"],
]


def _hits(path: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for r in _read(path):
        found.setdefault(r["customer_id"], set())
        if r["entity_id"]:
            found[r["customer_id"]].add(r["entity_id"])
    return found


def test_since_screens_only_what_changed_on_both_engines(
    spark: SparkSession, versioned_db: str, tmp_path: Path
) -> None:
    src = _write_csv(tmp_path / "in.csv", SINCE_ROWS)
    base = ["--db", versioned_db, "screen", "-i", str(src), "--limit", "5"]
    full = runner.invoke(app, [*base, "-o", str(tmp_path / "full.csv")])
    assert full.exit_code == 0, full.output
    hits = _hits(tmp_path / "full.csv")
    assert CHANGED in hits["S1"] and NEW in hits["S2"] and UNCHANGED in hits["S3"]
    assert hits["S4"]  # Eric Badege is on the UN list

    embedded = runner.invoke(app, [*base, "-o", str(tmp_path / "e.csv"), "--since", "v2"])
    assert embedded.exit_code == 0, embedded.output
    assert "2 listed parties added or changed since zala_aero_cluster v2" in _said(embedded)
    delta = _hits(tmp_path / "e.csv")
    assert delta == {"S1": {CHANGED}, "S2": {NEW}, "S3": set(), "S4": set()}
    # The same parties score as in the full screen (the full index's token weights).
    full_scores = {
        (r["customer_id"], r["entity_id"]): r["score"] for r in _read(tmp_path / "full.csv")
    }
    for r in _read(tmp_path / "e.csv"):
        if r["entity_id"]:
            assert r["score"] == full_scores[(r["customer_id"], r["entity_id"])]

    on_spark = runner.invoke(
        app,
        [*base, "-o", str(tmp_path / "s.csv"), "--since", "zala_aero_cluster:v2"]
        + ["--engine", "spark", "--master", "local[2]"],
    )
    assert on_spark.exit_code == 0, on_spark.output
    assert (tmp_path / "s.csv").read_bytes() == (tmp_path / "e.csv").read_bytes()
    records = audit.read(Store(versioned_db), audit.AuditFilter(channel="batch"), limit=4)
    assert {r.query.get("since") for r in records} == {"zala_aero_cluster v2"}


def test_since_an_older_version_counts_a_later_source_whole(
    versioned_db: str, tmp_path: Path
) -> None:
    store = Store(versioned_db)
    screener = get_screener(versioned_db)
    delta = delta_screener(store, "v1", screener)
    zala = [s for s in delta.sources if s.source == "zala_aero_cluster"]
    assert [s.source for s in delta.sources] == ["zala_aero_cluster"] and zala[0].base is None
    assert delta.screener is not None
    ids = {e.id for e in delta.screener.index.entities}
    assert {CHANGED, NEW, UNCHANGED} <= ids
    assert not any(i.startswith("un-sc") for i in ids)
    single = runner.invoke(
        app, ["--db", versioned_db, "screen", "ZALA AERO JSC", "--since", "v1", "--json"]
    )
    assert single.exit_code == 0, single.output
    assert json.loads(single.stdout)["results"][0]["entity_id"] == UNCHANGED
    none = runner.invoke(app, ["--db", versioned_db, "screen", "ZALA AERO JSC", "--since", "v3"])
    assert none.exit_code == 0 and "No match" in none.stdout
    bad = runner.invoke(app, ["--db", versioned_db, "screen", "X", "--since", "v99"])
    assert bad.exit_code == 1 and "no list version 'v99'" in _said(bad)


# -- errors ------------------------------------------------------------------------


def test_cli_errors(full_db: str, tmp_path: Path) -> None:
    no_input = runner.invoke(app, ["--db", full_db, "screen", "Acme", "--engine", "spark"])
    assert no_input.exit_code == 1 and "--engine spark screens a file" in _said(no_input)
    bogus = runner.invoke(app, ["--db", full_db, "screen", "Acme", "--engine", "hadoop"])
    assert bogus.exit_code == 1 and "unknown --engine 'hadoop'" in _said(bogus)
    pq.write_table(pa.table({"name": ["Acme"]}), tmp_path / "in.parquet")
    embedded = runner.invoke(
        app,
        ["--db", full_db, "screen", "-i", str(tmp_path / "in.parquet"), "-o", str(tmp_path / "o")],
    )
    assert embedded.exit_code == 1 and "--engine spark" in _said(embedded)
    src = _write_csv(tmp_path / "in.csv", [["X1", "Acme", "", "", "", ""]])
    args = ["--db", full_db, "screen", "--engine", "spark", "-i", str(src), "-o", "o.csv"]
    # PySpark missing: the import fails as it does where the package is not installed.
    code = (
        "import sys; sys.modules['pyspark'] = None; "
        "from frontwatch.cli import main; sys.argv = ['frontwatch', *sys.argv[1:]]; main()"
    )
    missing = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
    )
    assert missing.returncode == 1
    assert "pip install 'frontwatch[spark]'" in " ".join(missing.stderr.split())
    # Java missing: no JAVA_HOME, and a PATH with no java on it.
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env["PATH"] = str(Path(sys.executable).parent)
    no_java = subprocess.run(
        [sys.executable, "-m", "frontwatch", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert no_java.returncode == 1
    assert "needs Java 17 or newer" in " ".join(no_java.stderr.split())


def test_spark_reads_the_name_column_in_any_case(
    spark: SparkSession, full_db: str, tmp_path: Path
) -> None:
    # The embedded engine reads " Name " as name; --engine spark refused the file.
    src = tmp_path / "in.csv"
    src.write_text("ref,Name\nK1,Liu Baoxia\n", encoding="utf-8")
    report = screen_file_spark(spark, get_screener(full_db), src, tmp_path / "out.csv")
    assert report.rows == 1 and report.matched_rows == 1
    assert _read(tmp_path / "out.csv")[0]["entity_id"] == "us-ofac-sdn-22683"
