"""The store: versions, no-op reloads, diffs, all-or-nothing loads, concurrent readers."""

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

from frontwatch.lists import load_paths
from frontwatch.store import Store


def _store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'fw.db'}")


def _place(src: Path, folder: Path, name: str = "acme.ftm.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copy(src, target)
    return target


def test_same_version_twice_is_a_noop(tmp_path: Path, fixtures_dir: Path) -> None:
    store = _store(tmp_path)
    path = _place(fixtures_dir / "ftm" / "acme_v1.ftm.json", tmp_path / "a")
    (first,), _ = load_paths(store, [path])
    (second,), _ = load_paths(store, [path])
    assert first.status == "loaded"
    assert second.status == "unchanged"
    assert second.version is not None and first.version is not None
    assert second.version.id == first.version.id
    assert len(store.versions("acme")) == 1


def test_new_version_becomes_current_and_diff(tmp_path: Path, fixtures_dir: Path) -> None:
    store = _store(tmp_path)
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


def test_failed_load_leaves_store_as_before(tmp_path: Path, fixtures_dir: Path) -> None:
    store = _store(tmp_path)
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


def test_referencing_finds_relations(tmp_path: Path, fixtures_dir: Path) -> None:
    store = _store(tmp_path)
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


def test_concurrent_readers_see_old_or_new(tmp_path: Path) -> None:
    store = _store(tmp_path)
    small = tmp_path / "a" / "big.ftm.json"
    small.parent.mkdir()
    _write_big_ftm(small, 1000, "a")
    load_paths(store, [small])
    large = tmp_path / "b" / "big.ftm.json"
    large.parent.mkdir()
    _write_big_ftm(large, 40000, "b")
    seen: set[int] = set()
    done = threading.Event()

    def read() -> None:
        reader = _store(tmp_path)
        while not done.is_set():
            seen.add(reader.count_current())

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
