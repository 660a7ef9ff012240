"""PostgreSQL: the same store, commands and API as on SQLite, for a team's several servers.

A throw-away PostgreSQL server runs on loopback for the test run (tests/pg_fixtures.py);
every list under ../shared/data/lists is loaded into it and into SQLite, and the two
must agree: counts, entities, diffs, screening results, the API's answers.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import Result
from sqlalchemy import create_engine, inspect, text
from typer.testing import CliRunner

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from frontwatch import audit
from frontwatch.api.app import create_app
from frontwatch.api.auth import add_user
from frontwatch.cli import app
from frontwatch.match.screen import Query
from frontwatch.screening import get_screener
from frontwatch.store import Store, StoreError, display_url, engine_url
from frontwatch.store.migrate import current_revisions, head_revisions, schema_differences
from frontwatch.store.pgserver import PostgresServer, free_port
from frontwatch.store.schema import metadata

NAMES = [
    Query("Liu Baoxia", "person", None, "1981-09-10"),
    Query("Rayan Roshd Afzar Co.", "company", "IR"),
    Query("Raybeam Optronics", "company"),
    Query("Mahan Air", "any"),
    Query("Kim Jong Un", "person", "KP"),
]
runner = CliRunner()


def _cli(*args: str, env: dict[str, str] | None = None) -> Result:
    """The ``frontwatch`` command, run in this process."""
    return runner.invoke(app, list(args), env=env)


# -- schema: Alembic migrations ------------------------------------------------------------


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_migrations_make_exactly_the_schema(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = (
        f"sqlite:///{tmp_path / 'fw.db'}" if kind == "sqlite" else request.getfixturevalue("pg_url")
    )
    store = Store(url)
    with store.engine.connect() as conn:
        assert current_revisions(conn) == head_revisions()
        # Alembic's autogenerate compares the migrated database with schema.py: no difference.
        assert schema_differences(conn) == []
        tables = set(inspect(conn).get_table_names())
    assert tables == set(metadata.tables) | {"alembic_version"}
    assert Store(url).upgrade() == []  # already at the head


def test_store_made_before_migrations_is_adopted(tmp_path: Path, fixtures_dir: Path) -> None:
    """An SQLite file made by ``metadata.create_all`` (no alembic_version) keeps its data."""
    db = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{db}")
    older = [t for name, t in metadata.tables.items() if name != "judgements"]
    metadata.create_all(engine, tables=older)  # a store from before the judgements table
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO api_users (name, key_hash, key_prefix, created_at)"
                " VALUES ('alice', 'h', 'fw_x', '2026-01-01')"
            )
        )
    engine.dispose()
    store = Store(f"sqlite:///{db}")
    with store.engine.connect() as conn:
        assert current_revisions(conn) == head_revisions()
        assert schema_differences(conn) == []
        assert conn.execute(text("SELECT name FROM api_users")).scalars().all() == ["alice"]


def test_early_judgements_table_gets_its_missing_column(tmp_path: Path) -> None:
    """A development build made ``judgements`` without ``withdrawn_by``: it is added."""
    db = tmp_path / "early.db"
    engine = create_engine(f"sqlite:///{db}")
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE judgements DROP COLUMN withdrawn_by"))
    engine.dispose()
    store = Store(f"sqlite:///{db}")
    with store.engine.connect() as conn:
        assert "withdrawn_by" in {c["name"] for c in inspect(conn).get_columns("judgements")}
        assert schema_differences(conn) == []


def test_store_from_a_newer_frontwatch_is_refused(tmp_path: Path) -> None:
    made = tmp_path / "made.db"
    Store(f"sqlite:///{made}").engine.dispose()
    shutil.copy(made, tmp_path / "new.db")  # a file this process has not opened yet
    with sqlite3.connect(tmp_path / "new.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="at schema revision 9999.*newer frontwatch"):
        Store(f"sqlite:///{tmp_path / 'new.db'}")


def test_db_commands_on_postgresql(pg_url: str) -> None:
    before = _cli("db", "current", "--db", pg_url)
    assert before.exit_code == 0, before.output
    assert "none (no tables yet)" in before.stdout and "frontwatch db upgrade" in before.stdout
    up = _cli("db", "upgrade", "--db", pg_url)
    assert up.exit_code == 0, up.output
    assert f"upgraded to revision {head_revisions()[0]}" in up.stdout
    again = _cli("db", "upgrade", env={"FRONTWATCH_DB": pg_url})
    assert "the newest" in again.stdout
    now = _cli("db", "current", "--db", pg_url)
    assert f"revision  {head_revisions()[0]}" in now.stdout and "not the newest" not in now.stdout


# -- URLs and errors -----------------------------------------------------------------------


def test_url_forms() -> None:
    assert engine_url("postgresql://fw@db/fw") == "postgresql+psycopg://fw@db/fw"
    assert engine_url("postgres://fw@db/fw") == "postgresql+psycopg://fw@db/fw"
    assert engine_url("postgresql+psycopg://fw@db/fw") == "postgresql+psycopg://fw@db/fw"
    assert engine_url("sqlite:////data/fw.db") == "sqlite:////data/fw.db"
    assert "s3cret" not in display_url("postgresql://fw:s3cret@db:5432/fw")


def test_unreachable_postgresql_is_one_clear_line() -> None:
    port = free_port()  # nothing listens there
    done = _cli("lists", "status", "--db", f"postgresql://fw:s3cret@127.0.0.1:{port}/fw")
    assert done.exit_code == 1 and isinstance(done.exception, SystemExit)
    message = " ".join(done.stderr.split())
    assert message.startswith("error: cannot open the store at postgresql://fw:***@127.0.0.1")
    assert "Connection refused" in message and "s3cret" not in message


def test_database_not_in_utf8_is_refused(pg_server: PostgresServer) -> None:
    pg_server._admin(
        "CREATE DATABASE latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
    )
    with pytest.raises(StoreError, match="encoding LATIN1; frontwatch needs UTF8"):
        Store(pg_server.url("latin1"))


# -- every real list, in SQLite and in PostgreSQL -------------------------------------------


def test_real_lists_load_the_same(full_db: str, pg_full_db: str) -> None:
    lite, pg = Store(full_db), Store(pg_full_db)

    def summary(store: Store) -> list[tuple[Any, ...]]:
        return [
            (v.source, v.checksum, v.entity_count, v.counts, v.record_count, v.issued)
            for source in store.sources()
            for v in store.versions(source)
        ]

    assert summary(pg) == summary(lite)
    assert pg.count_current() == lite.count_current() > 70000
    # The same entities in the same order, with the same data.
    lite_ids = [e["id"] for e in lite.iter_entities()]
    assert [e["id"] for e in pg.iter_entities()] == lite_ids
    sample = lite_ids[:: len(lite_ids) // 200]
    assert pg.get_entities(sample) == lite.get_entities(sample)
    assert pg.referencing(sample[0]) == lite.referencing(sample[0])


def test_diff_is_the_same(full_db: str, pg_full_db: str) -> None:
    lite = _cli("lists", "diff", "us_ofac_sdn", "--json", "--db", full_db)
    pg = _cli("lists", "diff", "us_ofac_sdn", "--json", "--db", pg_full_db)
    assert lite.exit_code == 0 and pg.exit_code == 0, pg.output
    a, b = json.loads(lite.stdout), json.loads(pg.stdout)
    assert a["added"] and a["removed"] and a["changed"]
    assert b == a


def test_screening_is_the_same(full_db: str, pg_full_db: str) -> None:
    lite, pg = get_screener(full_db), get_screener(pg_full_db)
    for query in NAMES:
        expected = [(r.entity_id, round(r.score, 4)) for r in lite.screen(query, limit=10)]
        assert [(r.entity_id, round(r.score, 4)) for r in pg.screen(query, limit=10)] == expected
    top = pg.screen(NAMES[0], limit=1)[0]
    assert top.caption == "LIU, Baoxia" and top.source == "us_ofac_sdn"


def test_api_match_and_audit_across_app_instances(full_db: str, pg_full_db: str) -> None:
    """Two app instances over one PostgreSQL database: what one records, the other reads."""
    query = {"schema": "Company", "properties": {"name": ["Rayan Roshd Afzar Co."]}}
    who = f"pg-{secrets.token_hex(3)}"
    answers = []
    for url in (full_db, pg_full_db):
        key = add_user(Store(url), who)
        with TestClient(create_app(url, rate_limit=0)) as client:
            r = client.post(
                "/match/default?limit=3",
                json={"queries": {"q": query}},
                headers={"Authorization": f"Bearer {key}"},
            )
            assert r.status_code == 200, r.text
            answers.append([(x["id"], x["score"]) for x in r.json()["responses"]["q"]["results"]])
    assert answers[1] == answers[0] and answers[1]
    # The audit record the first app wrote, read by another app on the same database.
    key2 = add_user(Store(pg_full_db), who + "-b")
    with TestClient(create_app(pg_full_db, rate_limit=0)) as other:
        r = other.get(f"/screenings?who={who}", headers={"Authorization": f"Bearer {key2}"})
        assert r.status_code == 200, r.text
        body = r.json()
    assert body["total"] == 1
    assert body["results"][0]["query"]["name"] == "Rayan Roshd Afzar Co."
    found = audit.read(Store(pg_full_db), audit.AuditFilter(who=who, name="ROSHD"))
    assert [r.name for r in found] == ["Rayan Roshd Afzar Co."]
    assert audit.read(Store(pg_full_db), audit.AuditFilter(who=who, name="Roshd_")) == []


def test_serve_with_two_workers_on_postgresql(pg_full_db: str, tmp_path: Path) -> None:
    """``frontwatch serve --workers 2``: both processes answer /match from one database.

    Each process keeps its own rate limit; with one request per key allowed, two
    answers with 200 can only come from two processes.
    """
    store = Store(pg_full_db)
    get_screener(pg_full_db)  # the index cache, so that the workers only load it
    who = f"workers-{secrets.token_hex(3)}"
    key = add_user(store, who)
    port = free_port()
    env = {
        **os.environ,
        "FRONTWATCH_DB": pg_full_db,
        "FRONTWATCH_RATE_LIMIT": "0.0001",
        "FRONTWATCH_RATE_BURST": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "frontwatch", "serve", "--workers", "2", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Liu Baoxia"]}}}}
    codes: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and codes.count(200) < 2:
            assert server.poll() is None, server.stdout.read() if server.stdout else ""
            try:
                # A new connection each time, so that either process may accept it.
                r = httpx.post(
                    f"{base}/match/default",
                    json=body,
                    headers={"Authorization": f"Bearer {key}", "Connection": "close"},
                    timeout=60,
                )
            except httpx.TransportError:
                time.sleep(0.3)
                continue
            codes.append(r.status_code)
            if r.status_code == 200:
                top = r.json()["responses"]["q"]["results"][0]
                assert top["caption"] == "LIU, Baoxia"
            time.sleep(0.05)
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=30)
    assert codes.count(200) == 2, (codes, out)
    assert set(codes) <= {200, 429}
    assert "postgresql://frontwatch@127.0.0.1" in out
    # Both processes wrote to the audit trail in the shared database.
    assert len(audit.read(store, audit.AuditFilter(who=who))) == 2
