"""Screening from the command line: one name, a file of counterparties, pairs, the audit trail."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from typer.testing import CliRunner

from frontwatch import audit
from frontwatch.cli import app
from frontwatch.store import Store

runner = CliRunner()


def test_screen_json_names_lists_and_is_audited(full_db: str) -> None:
    before = audit.count(Store(full_db))
    result = runner.invoke(
        app, ["--db", full_db, "screen", "Rayan Roshd Afzar Co.", "--type", "company", "--json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    top = payload["results"][0]
    assert top["entity_id"] == "us-ofac-sdn-22688"
    assert top["sources"] == [{"source": "us_ofac_sdn", "source_id": "22688"}]
    assert top["features"][0]["feature"] == "name"
    assert {v["source"] for v in payload["lists"]} >= {"us_ofac_sdn", "un_sc"}
    assert audit.count(Store(full_db)) == before + 1


def test_screen_text_and_bad_input(full_db: str) -> None:
    result = runner.invoke(app, ["--db", full_db, "screen", "刘宝霞", "--type", "person"])
    assert result.exit_code == 0
    assert "LIU, Baoxia" in result.stdout and "pinyin" in result.stdout
    bad = runner.invoke(app, ["--db", full_db, "screen", "X", "--birth-date", "19811"])
    assert bad.exit_code == 1 and "is not a date" in bad.output


def test_batch_screen_file(full_db: str, tmp_path: Path) -> None:
    src = tmp_path / "counterparties.csv"
    src.write_text(
        "customer_id,name,type,country,birth_date\n"
        "C1,Liu Baoxia,person,CN,1981-09-10\n"
        "C2,Acme Widgets Limited,company,,\n"
        "C3,,person,,\n"
        "C4,Shiraz Electronics Industries,company,IR,not-a-date\n"
        "C5,Rayan Roshd Afzar Co.,company,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "results.csv"
    result = runner.invoke(
        app, ["--db", full_db, "screen", "--input", str(src), "--output", str(out), "--limit", "3"]
    )
    assert result.exit_code == 0, result.output
    assert "line 4" in result.output and "line 5" in result.output  # the two bad rows
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0])[:5] == ["customer_id", "name", "type", "country", "birth_date"]
    assert {
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
    } <= set(rows[0])
    by_id: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_id.setdefault(row["customer_id"], []).append(row)
    assert by_id["C1"][0]["entity_id"] == "us-ofac-sdn-22683" and by_id["C1"][0]["rank"] == "1"
    assert len(by_id["C2"]) == 1 and by_id["C2"][0]["entity_id"] == ""  # no match: one empty row
    assert by_id["C3"][0]["error"] and by_id["C4"][0]["error"]
    assert by_id["C5"][0]["source_id"] == "22688"
    assert not (tmp_path / "results.csv.partial").exists()


def test_batch_needs_a_name_column(full_db: str, tmp_path: Path) -> None:
    src = tmp_path / "bad.csv"
    src.write_text("company\nAcme\n", encoding="utf-8")
    result = runner.invoke(
        app, ["--db", full_db, "screen", "-i", str(src), "-o", str(tmp_path / "o.csv")]
    )
    assert result.exit_code == 1 and "no column name" in result.output


def test_compare_pairs_file(full_db: str, tmp_path: Path) -> None:
    src = tmp_path / "pairs.csv"
    src.write_text(
        "schema,name1,name2,note\n"
        'Person,刘宝霞,"LIU, Baoxia",a\n'
        "Company,Acme Widgets Limited,Shiraz Electronics Industries,b\n",
        encoding="utf-8",
    )
    out = tmp_path / "scored.csv"
    result = runner.invoke(
        app, ["--db", full_db, "compare", "--input", str(src), "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["match"] for r in rows] == ["true", "false"]
    assert rows[0]["note"] == "a" and float(rows[0]["score"]) >= 0.9
    single = runner.invoke(app, ["--db", full_db, "compare", "刘宝霞", "LIU, Baoxia", "--json"])
    assert json.loads(single.stdout)["match"] is True


def test_batch_restores_the_garbage_collector_threshold(full_db: str, tmp_path: Path) -> None:
    # A batch run collects less often; afterwards, also when runs overlap (server
    # threads), the threshold is what it was.
    import gc
    import threading

    from frontwatch.screening import get_screener, screen_file

    screener = get_screener(full_db)
    src = tmp_path / "in.csv"
    src.write_text("name\nLiu Baoxia\nRayan Roshd Afzar\n", encoding="utf-8")
    before = gc.get_threshold()
    during: list[tuple[int, ...]] = []

    def run(n: int) -> None:
        screen_file(
            screener,
            src,
            tmp_path / f"out{n}.csv",
            workers=1,
            on_rows=lambda _: during.append(gc.get_threshold()),
        )

    threads = [threading.Thread(target=run, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert during and all(t[0] == 50_000 for t in during)
    assert gc.get_threshold() == before
    # The index stays out of the collector's passes (get_screener left it so too).
    assert gc.get_freeze_count() > len(screener.index.names)


def test_batch_loads_the_chinese_readers_before_its_workers_fork(
    full_db: str, tmp_path: Path
) -> None:
    # ToJyutping's dictionary takes most of a second to load: a file with Chinese
    # names has the parent load it once, and its workers inherit it.
    from frontwatch.match import chinese
    from frontwatch.screening import get_screener, screen_file

    screener = get_screener(full_db)
    plain = tmp_path / "plain.csv"
    plain.write_text("name\nRayan Roshd Afzar\nJohn Smith\n", encoding="utf-8")
    han = tmp_path / "han.csv"
    han.write_text("name\nRayan Roshd Afzar\n刘宝霞\n", encoding="utf-8")
    chinese._jyutping_lookup = None
    screen_file(screener, plain, tmp_path / "out1.csv", workers=2)
    assert chinese._jyutping_lookup is None  # nothing Chinese: nothing loaded
    screen_file(screener, han, tmp_path / "out2.csv", workers=2)
    assert chinese._jyutping_lookup is not None
    assert "LIU, Baoxia" in (tmp_path / "out2.csv").read_text(encoding="utf-8")


def test_batch_reads_its_input_only_a_few_chunks_ahead() -> None:
    # A batch of millions of rows must not be read into memory whole before the
    # first results are written: at most `window` chunks wait in the pool.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from frontwatch.screening import _in_order

    taken: list[int] = []

    def jobs() -> Iterator[list[int]]:
        for n in range(100):
            taken.append(n)
            yield [n, n]

    seen = []
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        for n, total in enumerate(_in_order(pool, sum, jobs(), 8)):
            # When result n is handed over, job n + 8 at most has been read.
            assert len(taken) <= n + 8
            seen.append(total)
    assert seen == [2 * n for n in range(100)]  # every job, in order
