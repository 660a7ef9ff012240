"""Batch screening as ``frontwatch screen --input`` runs it, for bench_screen.py.

A fresh process loads the screening index from its cache file and leaves it out of
the garbage collector's passes (as ``frontwatch.screening.get_screener`` does), then
screens a CSV file with ``screen_file`` — what the command line does after start-up.
Measured in the process that built the index, batch workers inherit a heap where
the index's objects lie among the build's leftovers, and copy more of it.

    python bench/screen_batch_run.py INDEX.pickle NAMES.csv OUT_DIR WORKERS REPEATS

Prints one JSON line per run: names per second, matched rows, CPU milliseconds per
name (this process and its workers).
"""

from __future__ import annotations

import gc
import json
import sys
import time
from pathlib import Path

from bench_screen import _cpu_seconds, clear_frontwatch_caches
from frontwatch.match.index import ScreeningIndex
from frontwatch.match.screen import Screener
from frontwatch.screening import screen_file


def main(argv: list[str]) -> int:
    index_path, names, out_dir = Path(argv[0]), Path(argv[1]), Path(argv[2])
    workers, repeats = int(argv[3]), int(argv[4])
    index = ScreeningIndex.load(index_path)
    if index is None:
        print(f"no usable index at {index_path}", file=sys.stderr)
        return 1
    screener = Screener(index)
    gc.collect()
    gc.freeze()
    for n in range(repeats):
        clear_frontwatch_caches()
        cpu0 = _cpu_seconds()
        t0 = time.perf_counter()
        report = screen_file(
            screener, names, out_dir / f"batch-out-{workers}-{n}.csv", workers=workers
        )
        elapsed = time.perf_counter() - t0
        cpu_ms = (_cpu_seconds() - cpu0) * 1000 / max(report.rows, 1)
        line = {"rate": report.rows / elapsed, "matched": report.matched_rows, "cpu_ms": cpu_ms}
        print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
