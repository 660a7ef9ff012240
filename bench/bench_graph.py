"""Benchmark: build the resolved network of the store and time ``paths`` queries.

Uses the store of ``$FRONTWATCH_DB`` / ``$FRONTWATCH_HOME`` (or ``--db URL``); with
``--fresh`` it loads every list under ../shared/data/lists into a temporary store first.
Prints the build (resolution) time, wall clock and CPU of this process (the CPU figure does
not grow when other jobs share the machine), the merges by rule, the cached load time and
the p50/p95 of ``paths`` from 200 sampled entities, and of ``paths`` for a name on no list
that starts from a shared address. Goal (issue #5): resolution under 60 s, paths p50 under
100 ms.

    .venv/bin/python bench/bench_graph.py [--db URL] [--fresh]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time

from frontwatch.graph import build_network, load_network, paths
from frontwatch.graph.query import paths_from_attributes
from frontwatch.lists import default_lists_dir, load_paths
from frontwatch.store import Store

ATTRS = ("address", "phone", "email", "website", "identifier")


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=None)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.fresh:
            os.environ["FRONTWATCH_HOME"] = tmp
            folder = default_lists_dir()
            if folder is None:
                raise SystemExit("no list folder: set FRONTWATCH_LISTS")
            store = Store(f"sqlite:///{tmp}/bench.db")
            load_paths(store, [folder])
        else:
            store = Store(args.db)
        t0, c0 = time.perf_counter(), time.process_time()
        net = build_network(store)
        build, cpu = time.perf_counter() - t0, time.process_time() - c0
        load_network(store, rebuild=True)
        t0 = time.perf_counter()
        net = load_network(store)
        cached = time.perf_counter() - t0
        print(f"build (read + resolve + edges): {build:.2f} s wall, {cpu:.2f} s CPU  {net.stats}")
        print(f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"cached load: {cached:.2f} s")
        rng = random.Random(5)
        linked = [n for n in net.graph.nodes if net.graph.degree(n) > 0]
        sample = rng.sample(linked, min(args.samples, len(linked)))
        times: list[float] = []
        for node in sample:
            t0 = time.perf_counter()
            paths(net, node, max_hops=4)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(
            f"paths (to designated, max 4 hops) over {len(times)} entities: "
            f"p50 {statistics.median(times):.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.1f} ms"
        )
        t0 = time.perf_counter()
        paths(net, "us-ofac-sdn-45699", to="us-ofac-sdn-10391")
        print(f"paths Li Yongxin -> IRGC (k shortest): {(time.perf_counter() - t0) * 1000:.2f} ms")
        shared = [k for k, holders in net.attributes.items() if 2 <= len(holders) <= 10]
        picks = rng.sample(shared, min(50, len(shared)))
        times = []
        for kind, key in picks:
            value = next(iter(net.attributes[(kind, key)].values())).split(": ", 1)[1]
            t0 = time.perf_counter()
            attrs: dict[str, str | None] = {k: None for k in ATTRS}
            attrs[kind] = value
            paths_from_attributes(
                net,
                "unlisted name",
                address=attrs["address"],
                phone=attrs["phone"],
                email=attrs["email"],
                website=attrs["website"],
                identifier=attrs["identifier"],
            )
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        print(
            f"paths from a shared attribute only ({len(times)} values): "
            f"p50 {statistics.median(times):.2f} ms, max {times[-1]:.1f} ms"
        )


if __name__ == "__main__":
    main()
