"""The store: versions, no-op reloads, diffs, all-or-nothing loads, concurrent readers.

Every test that takes ``db_url`` runs on SQLite and on PostgreSQL (tests/pg_fixtures.py).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from frontwatch.lists import load_paths
from frontwatch.store import Store


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new empty store: an SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fw.db'}"
    return str(request.getfixturevalue("pg_url"))


def _place(src: Path, folder: Path, name: str = "acme.ftm.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copy(src, target)
    return target


def test_same_version_twice_is_a_noop(tmp_path: Path, fixtures_dir: Path, db_url: str) -> None:
    store = Store(db_url)
    path = _place(fixtures_dir / "ftm" / "acme_v1.ftm.json", tmp_path / "a")
    (first,), _ = load_paths(store, [path])
    (second,), _ = load_paths(store, [path])
    assert first.status == "loaded"
    assert second.status == "unchanged"
    assert second.version is not None and first.version is not None
    assert second.version.id == first.version.id
    assert len(store.versions("acme")) == 1


def test_new_version_becomes_current_and_diff(
    tmp_path: Path, fixtures_dir: Path, db_url: str
) -> None:
    store = Store(db_url)
    load_paths(store, [_place(fixtures_dir / "ftm" / "acme_v1.ftm.json", tmp_path / "a")])
    load_paths(store, [_place(fixtures_dir / "ftm" / "acme_v2.ftm.json", tmp_path / "b")])
    old, new = store.versions("acme")
    assert new.is_current and not old.is_current
    assert store.get_entity("acme-3") is None  # removed in v2, not visible any more
    assert store.get_entity("acme-4") is not None
    diff = store.diff("acme", old, new)
    assert [a[0] for a in diff.added] == ["acme-4"]
    assert [r[0] for r in diff.removed] == ["acme-3"]
    assert [c.id for c in diff.changed] == ["acme-1"]
    assert diff.changed[0].added == {"alias": ["Acme Intl Trdg"]}
    assert diff.changed[0].removed == {}


def test_failed_load_leaves_store_as_before(
    tmp_path: Path, fixtures_dir: Path, db_url: str
) -> None:
    store = Store(db_url)
    load_paths(store, [_place(fixtures_dir / "ftm" / "acme_v1.ftm.json", tmp_path / "a")])
    before = store.current_versions()
    bad = tmp_path / "b" / "acme.ftm.json"
    bad.parent.mkdir()
    # A valid first half, then a truncated line: the parser fails after rows were written.
    good = (fixtures_dir / "ftm" / "acme_v2.ftm.json").read_text()
    bad.write_text(good + '{"id": "acme-9", "schema": "Comp')
    (result,), _ = load_paths(store, [bad])
    assert result.status == "failed"
    assert result.error is not None
    assert "acme.ftm.json" in result.error and "line 5" in result.error
    assert store.current_versions() == before
    assert len(store.versions("acme")) == 1
    assert store.get_entity("acme-4") is None
    assert store.count_current() == 4


def test_referencing_finds_relations(tmp_path: Path, fixtures_dir: Path, db_url: str) -> None:
    store = Store(db_url)
    load_paths(store, [_place(fixtures_dir / "ftm" / "acme_v1.ftm.json", tmp_path / "a")])
    refs = store.referencing("acme-1")
    assert [r["id"] for r in refs] == ["acme-link-1"]
    assert refs[0]["source"] == "acme"


def _write_big_ftm(path: Path, count: int, tag: str) -> None:
    with open(path, "w") as fh:
        for i in range(count):
            entity = {
                "id": f"big-{i}",
                "schema": "Person",
                "properties": {"name": [f"Generated Person {tag} {i}"], "notes": ["x" * 200]},
            }
            fh.write(json.dumps(entity) + "\n")


def test_concurrent_readers_see_old_or_new(tmp_path: Path, db_url: str) -> None:
    store = Store(db_url)
    small = tmp_path / "a" / "big.ftm.json"
    small.parent.mkdir()
    _write_big_ftm(small, 1000, "a")
    load_paths(store, [small])
    large = tmp_path / "b" / "big.ftm.json"
    large.parent.mkdir()
    _write_big_ftm(large, 40000, "b")
    seen: set[int] = set()
    streamed: set[tuple[int, tuple[str, ...]]] = set()
    done = threading.Event()

    def read() -> None:
        # Its own Store and connection; counts, and now and then every entity.
        reader = Store(db_url)
        n = 0
        while not done.is_set():
            seen.add(reader.count_current())
            n += 1
            if n % 20 == 1:
                names = [e["properties"]["name"][0] for e in reader.iter_entities()]
                streamed.add((len(names), tuple(sorted({x.split()[2] for x in names}))))

    thread = threading.Thread(target=read)
    thread.start()
    try:
        load_paths(store, [large])
    finally:
        done.set()
        thread.join()
    seen.add(store.count_current())
    assert seen <= {1000, 40000}
    assert 40000 in seen
    # Whole versions only: the 1,000 entities of "a" or the 40,000 of "b", never some of each.
    assert streamed and streamed <= {(1000, ("a",)), (40000, ("b",))}


def test_killed_load_keeps_previous_version(tmp_path: Path) -> None:
    db = tmp_path / "fw.db"
    url = f"sqlite:///{db}"
    small = tmp_path / "a" / "big.ftm.json"
    small.parent.mkdir()
    _write_big_ftm(small, 500, "a")
    store = Store(url)
    load_paths(store, [small])
    large = tmp_path / "b" / "big.ftm.json"
    large.parent.mkdir()
    _write_big_ftm(large, 400000, "b")
    env = {**os.environ, "FRONTWATCH_DB": url}
    proc = subprocess.Popen(
        [sys.executable, "-m", "frontwatch", "lists", "load", str(large)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = Path(str(db) + "-wal")
    deadline = time.monotonic() + 120
    try:
        # Wait until the load is well under way: its uncommitted pages fill the WAL.
        while time.monotonic() < deadline and proc.poll() is None:
            if wal.exists() and wal.stat().st_size > 8_000_000:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the load finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    after = Store(url)
    versions = after.versions("big")
    assert len(versions) == 1 and versions[0].is_current
    assert after.count_current() == 500
    assert after.get_entity("big-600") is None


def test_killed_load_keeps_previous_version_postgres(tmp_path: Path, pg_url: str) -> None:
    import psycopg

    small = tmp_path / "a" / "big.ftm.json"
    small.parent.mkdir()
    _write_big_ftm(small, 500, "a")
    store = Store(pg_url)
    load_paths(store, [small])
    large = tmp_path / "b" / "big.ftm.json"
    large.parent.mkdir()
    _write_big_ftm(large, 100000, "b")
    env = {**os.environ, "FRONTWATCH_DB": pg_url}
    proc = subprocess.Popen(
        [sys.executable, "-m", "frontwatch", "lists", "load", str(large)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    writing = 0
    try:
        # Wait until the load's transaction has written entities, then kill the loader.
        with psycopg.connect(pg_url, autocommit=True) as conn:
            while time.monotonic() < deadline and proc.poll() is None:
                writing = conn.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND xact_start IS NOT NULL AND query LIKE 'INSERT INTO entities%%'"
                ).fetchone()[0]  # type: ignore[index]
                if writing:
                    time.sleep(0.5)
                    break
                time.sleep(0.05)
        assert writing and proc.poll() is None, "the load finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    after = Store(pg_url)
    versions = after.versions("big")
    assert len(versions) == 1 and versions[0].is_current
    assert after.count_current() == 500
    assert after.get_entity("big-600") is None
