"""The command line as a user runs it: load every list, status, entity, diff, export, update."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwatch import lists as lists_module
from frontwatch.cli import app
from frontwatch.store import Store

runner = CliRunner()


def _json(args: list[str]) -> object:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_status_lists_every_source(full_db: str) -> None:
    status = _json(["--db", full_db, "lists", "status", "--json"])
    assert isinstance(status, list)
    by_source = {row["source"]: row for row in status}
    assert set(by_source) >= {
        "us_ofac_sdn",
        "us_ofac_cons",
        "un_sc",
        "us_trade_csl",
        "us_bis_dpl",
        "eu_fsf",
        "gb_hmt",
    }
    sdn = by_source["us_ofac_sdn"]
    # The 2024 sdn.csv is current; the 2021 legacy trio is stored as the older version.
    assert sdn["files"][0].endswith("us_ofac_sdn/sdn.csv")
    assert sdn["versions_stored"] == 2
    assert sdn["counts"]["Sanction"] == 14965
    cons = by_source["us_ofac_cons"]
    assert cons["format"] == "ofac_xml" and cons["issued"] == "2026-01-08"
    assert cons["record_count"] == 442
    assert by_source["un_sc"]["counts"]["Sanction"] == 1003
    assert by_source["eu_fsf"]["counts"]["Sanction"] == 5795
    assert by_source["gb_hmt"]["counts"]["Sanction"] == 6046


def test_loading_again_changes_nothing(full_db: str, lists_dir: Path) -> None:
    before = _json(["--db", full_db, "lists", "status", "--json"])
    result = runner.invoke(app, ["--db", full_db, "lists", "load", str(lists_dir)])
    assert result.exit_code == 0
    assert "already loaded" in result.output
    assert _json(["--db", full_db, "lists", "status", "--json"]) == before


def test_entity_by_list_id(full_db: str) -> None:
    view = _json(["--db", full_db, "entity", "us-ofac-sdn-22683", "--json"])
    assert isinstance(view, dict)
    assert view["names"] == ["LIU, Baoxia"]
    assert {a["name"] for a in view["aliases"]} >= {"LAU, Emily", "LIU, Emily"}
    assert view["programs"] == ["IFSR", "NPWMD"]
    assert "G28882492" in view["identifiers"]["passportNumber"]
    assert any(
        link["entity_id"] == "us-ofac-sdn-11183" and link["direction"] == "outgoing"
        for link in view["links"]
    )
    assert view["sources"][0]["source"] == "us_ofac_sdn"
    assert view["sources"][0]["source_id"] == "22683"


def test_entity_text_output_and_unknown(full_db: str) -> None:
    result = runner.invoke(app, ["--db", full_db, "entity", "us-ofac-sdn-22688"])
    assert result.exit_code == 0
    assert "RAYAN ROSHD AFZAR COMPANY" in result.stdout
    assert "ISLAMIC REVOLUTIONARY GUARD CORPS" in result.stdout  # its Linked To
    missing = runner.invoke(app, ["--db", full_db, "entity", "no-such-thing"])
    assert missing.exit_code == 1
    assert "no entity 'no-such-thing'" in missing.output


def test_un_entity_by_reference_number(full_db: str) -> None:
    view = _json(["--db", full_db, "entity", "IRe.055", "--json"])
    assert isinstance(view, dict)
    assert view["sources"][0] == {
        "source": "un_sc",
        "source_id": "IRe.055",
        "version": view["sources"][0]["version"],
    }


def test_diff_between_sdn_versions(full_db: str) -> None:
    diff = _json(["--db", full_db, "lists", "diff", "us_ofac_sdn", "--json"])
    assert isinstance(diff, dict)
    added = {a["id"] for a in diff["added"]}
    removed = {r["id"] for r in diff["removed"]}
    # Liu Baoxia (ent 22683) was listed before 2021 and is still listed; Li Yongxin (45699)
    # was designated after the 2021 snapshot.
    assert "us-ofac-sdn-45699" in added
    assert "us-ofac-sdn-22683" not in added | removed
    assert diff["added"] and diff["removed"] and diff["changed"]
    text = runner.invoke(app, ["--db", full_db, "lists", "diff", "us_ofac_sdn", "--limit", "3"])
    assert text.exit_code == 0
    assert "added" in text.stdout and "removed" in text.stdout


def test_diff_errors_are_clear(full_db: str) -> None:
    result = runner.invoke(app, ["--db", full_db, "lists", "diff", "un_sc"])
    assert result.exit_code == 1
    assert "only one version of un_sc is loaded" in result.output
    result = runner.invoke(app, ["--db", full_db, "lists", "diff", "nope"])
    assert result.exit_code == 1
    assert "no versions of 'nope'" in result.output


def test_export_ftm_round_trip(full_db: str, tmp_path: Path) -> None:
    out = tmp_path / "un_sc.ftm.json"
    result = runner.invoke(
        app, ["--db", full_db, "export", "--format", "ftm", "--source", "un_sc", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert sum(1 for e in lines if e["schema"] == "Sanction") == 1003
    assert all(e["datasets"] == ["un_sc"] for e in lines)
    # What frontwatch exports, frontwatch (and any FtM tool) reads back.
    db2 = f"sqlite:///{tmp_path / 'again.db'}"
    again = runner.invoke(app, ["--db", db2, "lists", "load", str(out)])
    assert again.exit_code == 0, again.output
    assert Store(db2).count_current() == len(lines)


def test_load_unknown_file_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("hello\n")
    result = runner.invoke(
        app, ["--db", f"sqlite:///{tmp_path / 'x.db'}", "lists", "load", str(junk)]
    )
    assert result.exit_code == 1
    assert "not a list file frontwatch knows" in result.output


@pytest.fixture()
def list_server(lists_dir: Path) -> Iterator[str]:
    """A web server on loopback that publishes two list files, as a publisher would."""
    handler = type(
        "Handler",
        (http.server.SimpleHTTPRequestHandler,),
        {"log_message": lambda *a: None},
    )
    root = lists_dir

    def factory(*args: object, **kwargs: object) -> http.server.SimpleHTTPRequestHandler:
        return handler(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), factory)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def test_update_downloads_from_publisher_urls(
    list_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTWATCH_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(
        lists_module,
        "OFFICIAL_URLS",
        {
            "un_sc": [("consolidated.xml", f"{list_server}/un_sc/consolidated.xml")],
            "us_bis_dpl": [("dpl.txt", f"{list_server}/us_bis_csl/missing-dpl.txt")],
        },
    )
    db = f"sqlite:///{tmp_path / 'u.db'}"
    result = runner.invoke(app, ["--db", db, "lists", "update"])
    # The DPL URL answers 404: reported, and the run fails, but the UN list is loaded.
    assert result.exit_code == 1
    assert "could not fetch us_bis_dpl" in result.output
    versions = Store(db).versions("un_sc")
    assert len(versions) == 1 and versions[0].entity_count > 1003
    saved = list((tmp_path / "home" / "downloads" / "un_sc").glob("*/consolidated.xml"))
    assert len(saved) == 1


def test_update_from_folder(tmp_path: Path, lists_dir: Path) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    shutil.copy(lists_dir / "us_bis_csl" / "dpl.txt", folder / "dpl.txt")
    db = f"sqlite:///{tmp_path / 'f.db'}"
    result = runner.invoke(app, ["--db", db, "lists", "update", "--from", str(folder)])
    assert result.exit_code == 0, result.output
    assert Store(db).versions("us_bis_dpl")[0].is_current
