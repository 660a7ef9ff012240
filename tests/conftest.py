"""Shared fixtures: where the real list snapshots are, and a fresh store per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _lists_dir() -> Path:
    env = os.environ.get("FRONTWATCH_LISTS")
    if env:
        return Path(env)
    return (ROOT.parent / "shared" / "data" / "lists").resolve()


LISTS = _lists_dir()


@pytest.fixture(scope="session")
def lists_dir() -> Path:
    """The folder with the real list snapshots (../shared/data/lists)."""
    if not LISTS.is_dir():
        pytest.fail(f"real list snapshots not found at {LISTS}; set FRONTWATCH_LISTS")
    return LISTS


@pytest.fixture()
def fixtures_dir() -> Path:
    """Small fixtures written for this project (tests/fixtures)."""
    return FIXTURES


@pytest.fixture(scope="session")
def full_db(tmp_path_factory: pytest.TempPathFactory, lists_dir: Path) -> str:
    """A store with every list under ../shared/data/lists loaded (once per test run).

    ``FRONTWATCH_HOME`` points into the temporary folder too, so that the screening
    index cache of the tests never touches the user's home.
    """
    from frontwatch.lists import load_paths
    from frontwatch.store import Store

    home = tmp_path_factory.mktemp("home")
    os.environ["FRONTWATCH_HOME"] = str(home)
    url = f"sqlite:///{home / 'full.db'}"
    results, _ = load_paths(Store(url), [lists_dir])
    failed = [r.error for r in results if r.status == "failed"]
    assert not failed, failed
    return url


# PostgreSQL fixtures (pg_server, pg_url, pg_full_db): see tests/pg_fixtures.py.
from pg_fixtures import pg_full_db, pg_server, pg_url  # noqa: E402, F401


@pytest.fixture(scope="session")
def docs_db(tmp_path_factory: pytest.TempPathFactory, lists_dir: Path) -> str:
    """A store of its own for tests that store documents: the current OFAC SDN list only.

    Documents written here never reach ``full_db``, whose tests expect no document.
    A fresh SQLite file loaded from the list (no copy of another store, so no WAL file
    or cache of another store's path is involved); its caches go under
    ``FRONTWATCH_HOME`` like ``full_db``'s, keyed by its own path.
    """
    from frontwatch.lists import load_paths
    from frontwatch.store import Store

    home = os.environ.get("FRONTWATCH_HOME")
    if not home or not Path(home).is_relative_to(tmp_path_factory.getbasetemp()):
        os.environ["FRONTWATCH_HOME"] = str(tmp_path_factory.mktemp("home"))
    url = f"sqlite:///{tmp_path_factory.mktemp('docs') / 'docs.db'}"
    results, _ = load_paths(Store(url), [lists_dir / "us_ofac_sdn" / "sdn.csv"])
    assert [r.status for r in results] == ["loaded"], results
    return url
