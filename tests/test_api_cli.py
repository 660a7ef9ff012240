"""The ``users`` and ``serve`` commands (added to the ``frontwatch`` command by ``register``)."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from frontwatch.api.auth import hash_key
from frontwatch.api.cli import is_loopback, register
from frontwatch.store import Store
from frontwatch.store.schema import api_users


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main(db: str | None = typer.Option(None, "--db")) -> None:
        """frontwatch."""

    register(app)
    return app


def test_users_add_list_remove(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fw.db'}"
    runner = CliRunner()
    app = _app()
    r = runner.invoke(app, ["--db", url, "users", "add", "alice"])
    assert r.exit_code == 0, r.output
    key = r.stdout.strip().splitlines()[-1]
    assert key.startswith("fw_") and len(key) > 40
    # Only the hash is stored.
    with Store(url).engine.connect() as conn:
        row = conn.execute(api_users.select()).one()
    assert row.key_hash == hash_key(key) and key not in (row.key_hash, row.key_prefix)

    r = runner.invoke(app, ["users", "add", "alice", "--db", url])
    assert r.exit_code == 1 and "already exists" in r.output
    r = runner.invoke(app, ["users", "add", "bad name!", "--db", url])
    assert r.exit_code == 1 and "not a usable user name" in r.output
    r = runner.invoke(app, ["users", "list", "--db", url])
    assert "alice" in r.stdout and key[:10] in r.stdout and key not in r.stdout
    r = runner.invoke(app, ["users", "remove", "alice", "--db", url])
    assert r.exit_code == 0
    r = runner.invoke(app, ["users", "remove", "alice", "--db", url])
    assert r.exit_code == 1 and "no user 'alice'" in r.output


def test_serve_refuses_no_auth_beyond_localhost(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fw.db'}"
    r = CliRunner().invoke(_app(), ["serve", "--no-auth", "--host", "0.0.0.0", "--db", url])
    assert r.exit_code == 1 and "only listens on this computer" in r.output
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")
