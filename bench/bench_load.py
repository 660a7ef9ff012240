"""Benchmark: load every list under ../shared/data/lists into a fresh SQLite store.

Prints the time per list, the total, and the peak memory of the process.
Goal (issue #2): under 30 s in all, peak memory under 1 GB, on 2 cores.

    .venv/bin/python bench/bench_load.py [LISTS_DIR]
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from frontwatch.lists import default_lists_dir, load_paths
from frontwatch.store import Store


def main() -> None:
    """Run the benchmark and print its figures."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default_lists_dir()
    if folder is None:
        sys.exit("no list folder: pass one or set FRONTWATCH_LISTS")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        t0 = time.perf_counter()
        results, _ = load_paths(store, [folder])
        total = time.perf_counter() - t0
        entities = 0
        print(f"{'source':<22} {'file':<34} {'entities':>9} {'seconds':>8}")
        for r in results:
            count = r.version.entity_count if r.version else 0
            entities += count
            print(f"{r.files.source:<22} {r.files.main.name:<34} {count:>9,} {r.seconds:>8.2f}")
            if r.status == "failed":
                print(f"  FAILED: {r.error}")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        db_mb = Path(f"{tmp}/bench.db").stat().st_size / 1e6
        print(f"\ntotal: {len(results)} file sets, {entities:,} entities in {total:.1f} s")
        print(f"peak memory (max RSS): {peak_mb:.0f} MB; store size: {db_mb:.0f} MB")
        print(
            f"goal: < 30 s and < 1024 MB -> {'met' if total < 30 and peak_mb < 1024 else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
