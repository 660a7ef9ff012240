"""Batch files that are not what they seem: columns named like the output's, malformed
CSV, names with nothing to screen, bad bytes, output paths, Ctrl-C, header spelling."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from frontwatch import audit
from frontwatch.cli import app
from frontwatch.match.screen import Query, QueryError
from frontwatch.store import Store

runner = CliRunner()


def _said(result: Any) -> str:
    """What a command printed, with the console's line wrapping undone."""
    return " ".join(str(result.output).split())


def _screen(db: str, src: Path, out: Path, *more: str) -> Any:
    return runner.invoke(app, ["--db", db, "screen", "-i", str(src), "-o", str(out), *more])


def _read(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with open(path, encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh))


def _batch_records(db: str, said: str) -> list[dict[str, Any]]:
    """The audit records of the batch run whose id a command printed."""
    batch_id = said.split("batch ")[-1].split()[0]
    with Store(db).engine.connect() as conn:
        rows = conn.execute(
            select(audit.screenings)
            .where(audit.screenings.c.batch_id == batch_id)
            .order_by(audit.screenings.c.id)
        ).fetchall()
    records = []
    for row in rows:
        data = dict(row._mapping)
        for key in ("query", "results"):
            if isinstance(data[key], str):
                data[key] = json.loads(data[key])
        records.append(data)
    return records


# -- 1. columns named like the output's ------------------------------------------


def test_input_columns_named_like_output_columns_are_refused(full_db: str, tmp_path: Path) -> None:
    # Such a column used to overwrite the output's (a 'score' of 99 read back as a
    # hit), and the audit trail, read back from the output, recorded hits that never
    # happened.
    before = audit.count(Store(full_db))
    src = tmp_path / "collide.csv"
    src.write_text(
        "name,Score,rank,entity_id,explanation,error,id\n"
        'Nobody Nowhere,99,1,MYID,"my, ""expl""",none,1\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    result = _screen(full_db, src, out)
    said = _said(result)
    assert result.exit_code == 1, said
    assert "'Score', 'rank', 'entity_id', 'explanation', 'error'" in said
    assert "rename them" in said
    assert not out.exists() and not (tmp_path / "out.csv.partial").exists()
    assert audit.count(Store(full_db)) == before

    pairs = tmp_path / "pairs.csv"
    pairs.write_text("schema,name1,name2,score,match\nPerson,A B,A B,x,y\n", encoding="utf-8")
    result = runner.invoke(
        app, ["--db", full_db, "compare", "-i", str(pairs), "-o", str(tmp_path / "s.csv")]
    )
    assert result.exit_code == 1 and "'score', 'match'" in _said(result)


def test_output_columns_refuses_clashes_for_every_engine() -> None:
    # The Spark engine takes its output columns from here too.
    from frontwatch.screening import InputError, output_columns

    assert output_columns(["id", "name"])[:3] == ["id", "name", "rank"]
    with pytest.raises(InputError, match="'entity_id'"):
        output_columns(["name", "entity_id"])


def test_batch_audit_records_are_the_screened_results(full_db: str, tmp_path: Path) -> None:
    # One record per input row, made from the results themselves: the entity ids and
    # scores written to the output, and a bad row's error.
    src = tmp_path / "in.csv"
    src.write_text(
        "customer_id,name,type\nC1,Liu Baoxia,person\nC2,Acme Widgets Limited,company\n"
        "C3,N/A,\nC4,Rayan Roshd Afzar Co.,company\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    result = _screen(full_db, src, out)
    assert result.exit_code == 0, result.output
    records = _batch_records(full_db, _said(result))
    assert [r["query"]["name"] for r in records] == [
        "Liu Baoxia",
        "Acme Widgets Limited",
        "N/A",
        "Rayan Roshd Afzar Co.",
    ]
    written: dict[str, list[tuple[str, float]]] = {}
    for row in _read(out):
        hits = written.setdefault(row["name"], [])
        if row["entity_id"]:
            hits.append((row["entity_id"], float(row["score"])))
    for record in records:
        hits = [(r["id"], r["score"]) for r in record["results"]]
        assert hits == written[record["query"]["name"]]
    assert records[0]["results"][0]["id"] == "us-ofac-sdn-22683"
    assert records[1]["results"] == []
    assert "nothing to screen" in records[2]["query"]["error"]

    # Read back from an output (Spark, the API's jobs): the same records.
    from frontwatch.screening import audit_batch, iter_output_rows

    count = audit_batch(
        Store(full_db),
        iter_output_rows(out),
        who="t",
        endpoint="test",
        batch_id="reparse-check",
        threshold=0.7,
        list_versions={},
    )
    assert count == 4
    reparsed = _batch_records(full_db, "batch reparse-check")
    assert [r["results"] for r in reparsed] == [r["results"] for r in records]


# -- 2. malformed CSV -------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "named"),
    [
        ("name,name,id", "'name' (column 1) and 'name' (column 2)"),
        ("Name,id, name ", "'Name' (column 1) and ' name ' (column 3)"),
        ("name,id,id", "'id' (column 2) and 'id' (column 3)"),
    ],
)
def test_a_column_named_twice_is_refused(
    full_db: str, tmp_path: Path, header: str, named: str
) -> None:
    src = tmp_path / "dup.csv"
    src.write_text(f"{header}\nLIU Baoxia,John,1\n", encoding="utf-8")
    result = _screen(full_db, src, tmp_path / "out.csv")
    said = _said(result)
    assert result.exit_code == 1, said
    assert "names a column twice" in said and named in said


def test_columns_without_a_name_are_copied_through(full_db: str, tmp_path: Path) -> None:
    # Two empty header cells are no duplicate: both columns keep their values.
    src = tmp_path / "blank.csv"
    src.write_text("name,,\nLiu Baoxia,a,b\nJohn Doe,c,\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = _screen(full_db, src, out)
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:4] == ["name", "", "", "rank"]
    assert rows[1][:4] == ["Liu Baoxia", "a", "b", "1"]
    assert rows[-1][:3] == ["John Doe", "c", ""]


def test_a_row_with_more_fields_than_the_header_is_a_bad_row(full_db: str, tmp_path: Path) -> None:
    src = tmp_path / "ragged.csv"
    src.write_text("name,id\nLIU, Baoxia,1\nRayan Roshd Afzar,2\nJohn Doe,3,,\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = _screen(full_db, src, out)
    said = _said(result)
    assert result.exit_code == 0, said
    assert "line 2: the row has 3 fields, the header 2: '1' would be lost" in said
    rows = _read(out)
    assert rows[0]["name"] == "LIU" and rows[0]["id"] == " Baoxia"
    assert rows[0]["entity_id"] == "" and "3 fields" in rows[0]["error"]
    assert [r["id"] for r in rows].count("2") >= 1  # the next row is screened
    assert rows[-1]["id"] == "3" and not rows[-1]["error"]  # empty extra fields lose nothing


def test_an_unterminated_quote_is_a_bad_row_at_the_line_it_opens(
    full_db: str, tmp_path: Path
) -> None:
    src = tmp_path / "quote.csv"
    src.write_text('name,id\nLiu Baoxia,1\n"Rayan Roshd Afzar,2\nJohn,3\nJane,4\n')
    out = tmp_path / "out.csv"
    result = _screen(full_db, src, out)
    said = _said(result)
    assert result.exit_code == 0, said
    assert "line 3: a quoted field opens in line 3 and is never closed: lines 3-5" in said
    rows = _read(out)
    assert rows[0]["entity_id"] == "us-ofac-sdn-22683"
    assert rows[-1]["name"] == "" and "never closed" in rows[-1]["error"]
    assert "Rayan" not in out.read_text(encoding="utf-8")  # no name made of the rest

    # A quote closed further down, then more text: the lines between are one bad row.
    src.write_text('name,id\n"Rayan Roshd Afzar,2\nJohn,3\n"Jane",4\nLiu Baoxia,5\n')
    result = _screen(full_db, src, out)
    said = _said(result)
    assert "line 2: not valid CSV" in said and "lines 2-4" in said
    rows = _read(out)
    assert rows[-1]["id"] == "5" and rows[-1]["entity_id"] == "us-ofac-sdn-22683"


# -- 3. nothing to screen -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("N/A", "placeholder"),
        ("n.a.", "placeholder"),
        ("Unknown", "placeholder"),
        ("null", "placeholder"),
        ("-", "no letter or digit"),
        ("?", "no letter or digit"),
        (".", "no letter or digit"),
        ("\u200b", "no letter or digit"),
        ("😀", "no letter or digit"),
        ("LLC", "only a legal form"),
        ("Co., Ltd.", "only a legal form"),
        ("Limited Liability Company", "only a legal form"),
        ("ООО", "only a legal form"),
    ],
)
def test_a_name_with_nothing_to_screen_is_a_query_error(name: str, why: str) -> None:
    with pytest.raises(QueryError, match=f"nothing to screen: .*{why}"):
        Query(name)


def test_names_with_something_to_screen_still_are() -> None:
    for name in ("Acme LLC", "Trading Co", "Nordic Timber Export AB", "0", "Bank"):
        assert Query(name).name == name
    assert Query("AS", type="person").name == "AS"  # legal forms are no person's concern


def test_nothing_to_screen_in_a_batch_and_alone(full_db: str, tmp_path: Path) -> None:
    src = tmp_path / "weird.csv"
    src.write_text(
        'name,id\nN/A,1\n-,2\nLLC,3\n"Co., Ltd.",4\n\u200b,5\nLiu Baoxia,6\n', encoding="utf-8"
    )
    out = tmp_path / "out.csv"
    result = _screen(full_db, src, out)
    said = _said(result)
    assert result.exit_code == 0, said
    for line in (2, 3, 4, 5, 6):
        assert f"line {line}: nothing to screen" in said
    rows = _read(out)
    assert all(r["error"].startswith("nothing to screen") for r in rows[:5])
    assert rows[5]["entity_id"] == "us-ofac-sdn-22683"
    single = runner.invoke(app, ["--db", full_db, "screen", "LLC"])
    assert single.exit_code == 1 and "nothing to screen: 'LLC'" in _said(single)
    assert single.exception is None or isinstance(single.exception, SystemExit)


# -- 4. impossible dates ---------------------------------------------------------------


def test_impossible_dates_are_no_dates() -> None:
    for text in ("1981-02-30", "1990-04-31", "1900-02-29", "1990-13-45"):
        with pytest.raises(QueryError, match="is not a date"):
            Query("X Y", birth_date=text)
    for text in ("2024-02-29", "1981-02", "1981", "1981-12-31"):
        assert Query("X Y", birth_date=text).birth_date == text


# -- 5. bytes that are not UTF-8 -----------------------------------------------------------


def test_a_bad_byte_deep_in_the_file_stops_the_run_before_screening(
    full_db: str, tmp_path: Path
) -> None:
    from frontwatch.screening import InputError, get_screener, screen_file

    src = tmp_path / "late.csv"
    lines = ["name,id"] + [f"Person Number{i},{i}" for i in range(4000)]
    data = ("\n".join(lines) + "\n").encode("utf-8") + "Jos\xe9,x\n".encode("latin-1")
    src.write_bytes(data)
    assert len(data) > 65536
    screened: list[Any] = []
    out = tmp_path / "out.csv"
    with pytest.raises(InputError, match="line 4002 has the byte 0xe9") as exc:
        screen_file(
            get_screener(full_db),
            src,
            out,
            workers=1,
            on_rows=screened.append,
        )
    assert "UTF-8" in str(exc.value)
    assert not screened and not out.exists() and not (tmp_path / "out.csv.partial").exists()
    # A character cut in two by the 1 MB pieces is no error.
    big = tmp_path / "big.csv"
    body = "name\n" + "é" * ((1 << 20) - 6) + "x\n"
    big.write_text(body, encoding="utf-8")
    from frontwatch.screening import check_utf8

    assert check_utf8(big) is False


# -- 6, 7. output paths ----------------------------------------------------------------------


def test_output_in_a_missing_folder_or_onto_the_input_is_refused(
    full_db: str, tmp_path: Path
) -> None:
    src = tmp_path / "in.csv"
    text = "name,id\nLiu Baoxia,1\n"
    src.write_text(text, encoding="utf-8")
    missing = runner.invoke(
        app,
        ["--db", full_db, "screen", "-i", str(src), "-o", str(tmp_path / "nope" / "o.csv")],
    )
    assert missing.exit_code == 1 and "the folder" in _said(missing)
    assert "does not exist" in _said(missing) and missing.exception is not None
    assert isinstance(missing.exception, SystemExit)  # no traceback
    for out in (src, tmp_path / "." / "in.csv"):
        same = _screen(full_db, src, out)
        assert same.exit_code == 1 and "would overwrite the input file" in _said(same)
    partial = tmp_path / "in.csv.partial"
    partial.write_text(text, encoding="utf-8")
    onto = _screen(full_db, partial, src)  # OUTPUT.partial is the input
    assert onto.exit_code == 1 and "would overwrite the input file" in _said(onto)
    compare = runner.invoke(app, ["--db", full_db, "compare", "-i", str(src), "-o", str(src)])
    assert compare.exit_code == 1 and "would overwrite" in _said(compare)
    assert src.read_text(encoding="utf-8") == text


# -- 8. Ctrl-C ------------------------------------------------------------------------------------


def test_ctrl_c_says_what_was_done_and_audits_it(
    full_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import frontwatch.screening as screening

    real = screening.screen_row
    seen = [0]

    def interrupted(*args: Any) -> Any:
        seen[0] += 1
        if seen[0] > 150:  # in the second chunk of 100 rows
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(screening, "screen_row", interrupted)
    src = tmp_path / "in.csv"
    src.write_text(
        "name\n" + "".join(f"Liu Baoxia Ctrlc {i}\n" for i in range(300)), encoding="utf-8"
    )
    out = tmp_path / "out.csv"
    # Only this run's records are counted: the store is shared with other tests.
    mine = audit.AuditFilter(name="Liu Baoxia Ctrlc")
    before = audit.count(Store(full_db), mine)
    result = _screen(full_db, src, out, "--workers", "1")
    said = _said(result)
    assert result.exit_code == 130, said
    assert f"Interrupted: 100 of 300 rows screened; the results so far are in {out}.partial" in said
    assert not out.exists()
    assert len({r["name"] for r in _read(tmp_path / "out.csv.partial")}) == 100
    assert audit.count(Store(full_db), mine) == before + 100


# -- 9. compare: unknown schema -------------------------------------------------------------


def test_compare_an_unknown_schema_is_a_bad_row(full_db: str, tmp_path: Path) -> None:
    src = tmp_path / "pairs.csv"
    src.write_text(
        'pair,schema,name1,name2\n1,spaceship,A B,A B\n2, Person ,Liu Baoxia,"LIU, Baoxia"\n'
        "3,,John Smith,Jon Smith\n",
        encoding="utf-8",
    )
    out = tmp_path / "scored.csv"
    result = runner.invoke(app, ["--db", full_db, "compare", "-i", str(src), "-o", str(out)])
    said = _said(result)
    assert result.exit_code == 0, said
    assert "line 2: unknown schema 'spaceship'" in said
    rows = _read(out)
    assert rows[0]["score"] == "" and "unknown schema" in rows[0]["error"]
    assert rows[1]["match"] == "true" and rows[2]["score"]


# -- 10. header spelling, byte order mark -----------------------------------------------------


def test_known_columns_in_any_case_and_the_header_as_written(full_db: str, tmp_path: Path) -> None:
    src = tmp_path / "excel.csv"
    src.write_bytes(
        "\ufeff Name ,TYPE,Birth_Date,Note\r\nLiu Baoxia,person,1981-09-10,a\r\n".encode()
    )
    out = tmp_path / "out.csv"
    result = _screen(full_db, src, out)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf Name ,TYPE,Birth_Date,Note,rank,")
    rows = _read(out, "utf-8-sig")
    assert rows[0][" Name "] == "Liu Baoxia" and rows[0]["Note"] == "a"
    assert rows[0]["entity_id"] == "us-ofac-sdn-22683"
    assert "birth_date_match" in rows[0]["explanation"]  # Birth_Date was read
    records = _batch_records(full_db, _said(result))
    assert records[0]["query"]["birth_date"] == "1981-09-10"
    plain = tmp_path / "plain.csv"
    plain.write_text("name\nLiu Baoxia\n", encoding="utf-8")
    assert _screen(full_db, plain, out).exit_code == 0
    assert out.read_bytes().startswith(b"name,")  # no byte order mark when none came in


# -- review: quotes, schemas ------------------------------------------------------------------


def test_apostrophes_in_names_do_not_make_them_the_quote_character(
    full_db: str, tmp_path: Path
) -> None:
    # The sniffer guessed "'" as the quote character from these names, and then split
    # "PUTIN, Vladimir Vladimirovich" at its comma: three rows refused as ragged.
    src = tmp_path / "in.csv"
    src.write_text(
        "name,type\n\"AL-KAWARI, 'Abd al-Latif Bin 'Abdulla Salih Mohamed\",person\n"
        "LLC 'ZAPCHASTTRADE',company\n\"Rosneft Oil Co., PJSC\",company\n"
        '"PUTIN, Vladimir Vladimirovich",person\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    result = _screen(full_db, src, out)
    said = _said(result)
    assert result.exit_code == 0 and "0 bad rows" in said, said
    names = {r["name"] for r in _read(out)}
    assert "PUTIN, Vladimir Vladimirovich" in names and "Rosneft Oil Co., PJSC" in names


def test_compare_reads_every_ftm_schema_in_any_case(full_db: str, tmp_path: Path) -> None:
    src = tmp_path / "pairs.csv"
    src.write_text(
        "schema,name1,name2\nLegalEntity,Rosneft,ROSNEFT OIL COMPANY\n"
        "PublicBody,Ministry of Defence,MINISTRY OF DEFENSE\npublicbody,A,A\n",
        encoding="utf-8",
    )
    out = tmp_path / "scored.csv"
    result = runner.invoke(app, ["--db", full_db, "compare", "-i", str(src), "-o", str(out)])
    assert result.exit_code == 0 and "unknown schema" not in _said(result), _said(result)
    assert all(r["score"] for r in _read(out))
