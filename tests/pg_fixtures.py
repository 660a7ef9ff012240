"""PostgreSQL for the tests: a throw-away server on loopback, started once per run.

``pg_server`` starts it (``frontwatch.store.pgserver``: Debian's server binaries,
a cluster in a temporary folder, 127.0.0.1 and a free port) and stops it at the
end; ``pg_url`` is a new empty database per test; ``pg_full_db`` holds every list
under ../shared/data/lists, as ``full_db`` does in SQLite. A server that cannot
start fails the tests that need it, with the reason: nothing is skipped.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontwatch.store import dispose_engine
from frontwatch.store.pgserver import PostgresServer, PostgresUnavailable

_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server on 127.0.0.1 for this test run."""
    server = PostgresServer()
    try:
        server.start()
    except PostgresUnavailable as exc:
        pytest.fail(f"PostgreSQL is needed for this test and did not start: {exc}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture()
def pg_url(pg_server: PostgresServer) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database (``postgresql://…``), dropped afterwards."""
    name = f"test_{next(_names)}"
    url = pg_server.create_database(name)
    yield url
    dispose_engine(url)
    pg_server.drop_database(name)


@pytest.fixture(scope="session")
def pg_full_db(pg_server: PostgresServer, full_db: str, lists_dir: Path) -> str:
    """A PostgreSQL store with every list loaded (once per run), beside ``full_db``."""
    from frontwatch.lists import load_paths
    from frontwatch.store import Store

    url = pg_server.create_database("full")
    results, _ = load_paths(Store(url), [lists_dir])
    failed = [r.error for r in results if r.status == "failed"]
    assert not failed, failed
    return url
