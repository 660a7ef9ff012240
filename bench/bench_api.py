"""Benchmark: the HTTP API's ``POST /match`` with one query (issue #6).

Starts uvicorn on loopback (``frontwatch.api.app:create_app_from_env``, API keys
on, the audit trail written for every request) over a store with every list
under ../shared/data/lists (loaded into a temporary folder unless ``--db`` names
one), then:

1. sequential: one client, one request at a time -> p50 / p95 latency;
2. load: ``--clients`` threads, each with its own keep-alive connection, for
   ``--duration`` seconds or ``--max-requests`` requests, whichever comes first
   -> requests/s, p50 / p95 / p99 latency, errors.

Each request screens one name drawn (seeded) from the listed names, half of them
altered (reordered, a letter dropped, a legal form changed), with the type and,
for persons, sometimes a birth date. The load generator runs on the same machine
and takes its share of the CPU, so the server's own capacity is higher than the
figures show. The per-key rate limit is switched off (``FRONTWATCH_RATE_LIMIT=0``)
because the load comes from one key.

    .venv/bin/python bench/bench_api.py [--workers 2] [--clients 8] [--duration 20]
        [--max-requests 20000] [--db URL] [--lists DIR] [--markdown]
        [--db-kind sqlite,postgresql]

``--clients 2,8`` (the default) runs the load twice: with 2 and with 8 clients.
``--db-kind sqlite,postgresql`` runs everything once per kind of store: an SQLite
file, and a PostgreSQL server of its own on loopback (``frontwatch.store.pgserver``,
the helper the tests use; with the server's durable defaults, every commit
flushed to disk), with every list loaded into each.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx

from frontwatch.api.auth import add_user
from frontwatch.lists import default_lists_dir, load_paths
from frontwatch.screening import get_screener
from frontwatch.store import Store
from frontwatch.store.pgserver import PostgresServer, PostgresUnavailable

TYPES = {"Person": "Person", "Company": "Company", "Organization": "Organization"}


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_queries(store: Store, n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` yente query bodies with one query each, from listed names, half altered."""
    rng = random.Random(seed)
    pool: list[tuple[str, str, list[str]]] = []
    for data in store.iter_entities():
        schema = data["schema"]
        if schema not in TYPES:
            continue
        props = data.get("properties", {})
        for name in props.get("name", [])[:1]:
            if 4 <= len(name) <= 60:
                pool.append((schema, name, props.get("birthDate", [])))
    rng.shuffle(pool)
    bodies = []
    for schema, name, dates in pool[:n]:
        words = name.replace(",", " ").split()
        roll = rng.random()
        if roll < 0.2 and len(words) > 1:
            words = words[1:] + words[:1]
        elif roll < 0.35:
            i = rng.randrange(len(words))
            if len(words[i]) > 4:
                j = rng.randrange(1, len(words[i]) - 1)
                words[i] = words[i][:j] + words[i][j + 1 :]
        elif roll < 0.5 and schema != "Person":
            words = [w for w in words if w.lower().strip(".") not in ("co", "ltd", "llc")]
            words.append(rng.choice(["Co., Ltd.", "Limited", "LLC", "Trading Co."]))
        props: dict[str, list[str]] = {"name": [" ".join(words)]}
        if schema == "Person" and dates and rng.random() < 0.5:
            props["birthDate"] = [dates[0]]
        bodies.append({"queries": {"q1": {"schema": TYPES[schema], "properties": props}}})
    return bodies


def start_server(db: str, home: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    """The server as ``frontwatch serve --workers N`` runs it (uvicorn, the app factory)."""
    env = {
        **os.environ,
        "FRONTWATCH_DB": db,
        "FRONTWATCH_HOME": home,
        "FRONTWATCH_RATE_LIMIT": "0",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from frontwatch.api.cli import run_server; "
            f"run_server('127.0.0.1', {port}, {workers})",
        ],
        env=env,
    )


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0-100) of values, in the values' unit."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def run_load(
    url: str,
    headers: dict[str, str],
    bodies: list[dict[str, Any]],
    clients: int,
    duration: float,
    max_requests: int,
) -> dict[str, Any]:
    """``clients`` threads sending requests until the time or the request budget is spent."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    lock = threading.Lock()
    counter = iter(range(max_requests))
    deadline = time.perf_counter() + duration

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        mine: list[float] = []
        with httpx.Client(headers=headers, timeout=30) as client:
            while time.perf_counter() < deadline:
                try:
                    next(counter)
                except StopIteration:
                    break
                body = rng.choice(bodies)
                t0 = time.perf_counter()
                try:
                    r = client.post(url, json=body)
                    code = str(r.status_code)
                except httpx.HTTPError as exc:
                    code = type(exc).__name__
                mine.append(time.perf_counter() - t0)
                if code != "200":
                    with lock:
                        errors[code] = errors.get(code, 0) + 1
        with lock:
            latencies.extend(mine)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    ms = [x * 1000 for x in latencies]
    return {
        "clients": clients,
        "requests": len(ms),
        "seconds": round(elapsed, 2),
        "rps": round(len(ms) / elapsed, 1),
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "mean_ms": round(statistics.fmean(ms), 2) if ms else None,
        "errors": errors,
    }


def prepare_store(kind: str, tmp: Path, lists: Path | None, stack: ExitStack) -> str:
    """A new store of ``kind`` (sqlite or postgresql) with every list loaded; its URL."""
    if kind == "sqlite":
        db = f"sqlite:///{tmp / 'bench.db'}"
    elif kind == "postgresql":
        server = PostgresServer(fast=False)
        try:
            server.start()
        except PostgresUnavailable as exc:
            sys.exit(f"PostgreSQL: {exc}")
        stack.callback(server.stop)
        db = server.create_database("bench")
    else:
        sys.exit(f"unknown --db-kind {kind!r}: use sqlite, postgresql or both")
    lists = lists or default_lists_dir()
    if lists is None:
        sys.exit("no list folder: pass --lists DIR or set FRONTWATCH_LISTS")
    t0 = time.perf_counter()
    load_paths(Store(db), [lists])
    print(f"{kind}: loaded the lists in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return db


def run_bench(db: str, home: str, args: argparse.Namespace) -> dict[str, Any]:
    """Start the server over ``db`` and measure it: sequential, then each client count."""
    store = Store(db)
    t0 = time.perf_counter()
    get_screener(db)  # build and cache the index, so the server processes only load it
    print(f"screening index ready in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    bodies = make_queries(store, args.queries, args.seed)
    key = add_user(store, f"bench-{os.getpid()}-{int(time.time())}")
    headers = {"Authorization": f"Bearer {key}"}

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(db, home, port, args.workers)
    try:
        deadline = time.monotonic() + 120
        with httpx.Client(headers=headers, timeout=60) as client:
            while True:
                try:
                    if client.get(f"{base}/healthz").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    sys.exit("the server did not start")
                time.sleep(0.2)
            # Warm up every worker process (index load, caches).
            for body in bodies[:300]:
                client.post(f"{base}/match/default", json=body).raise_for_status()
            seq = []
            for body in bodies[300 : 300 + args.sequential]:
                t1 = time.perf_counter()
                client.post(f"{base}/match/default", json=body).raise_for_status()
                seq.append((time.perf_counter() - t1) * 1000)
        sequential = {
            "requests": len(seq),
            "p50_ms": round(percentile(seq, 50), 2),
            "p95_ms": round(percentile(seq, 95), 2),
            "rps": round(len(seq) / (sum(seq) / 1000), 1),
        }
        loads = [
            run_load(
                f"{base}/match/default",
                headers,
                bodies,
                int(n),
                args.duration,
                args.max_requests,
            )
            for n in str(args.clients).split(",")
        ]
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "db": store.engine.dialect.name,
        "cpus": os.cpu_count(),
        "server_workers": args.workers,
        "sequential": sequential,
        "load": loads,
        "audit_records": _audit_count(store),
    }


def markdown(results: list[dict[str, Any]]) -> str:
    """The figures as a Markdown table, one row per store kind and run."""
    lines = [
        "| store | run | requests | requests/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        kind, s = result["db"], result["sequential"]
        lines.append(
            f"| {kind} | one client, sequential | {s['requests']:,} | {s['rps']} | "
            f"{s['p50_ms']} | {s['p95_ms']} | — | 0 |"
        )
        for ld in result["load"]:
            lines.append(
                f"| {kind} | {ld['clients']} clients, {ld['seconds']} s | {ld['requests']:,} | "
                f"{ld['rps']} | {ld['p50_ms']} | {ld['p95_ms']} | {ld['p99_ms']} | "
                f"{sum(ld['errors'].values())} |"
            )
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="Use this store (default: load every list into a temp one).")
    parser.add_argument(
        "--db-kind",
        default="sqlite",
        help="store kinds to compare when --db is not given: sqlite, postgresql or both "
        "(comma-separated); each gets every list loaded",
    )
    parser.add_argument("--lists", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument(
        "--clients", default="2,8", help="concurrent client threads; a comma list runs each"
    )
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load")
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument("--sequential", type=int, default=500, help="requests one at a time")
    parser.add_argument("--queries", type=int, default=2000, help="distinct query bodies")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="fw-bench-api-")
    home = os.environ.get("FRONTWATCH_HOME") if args.db else tmp.name
    home = home or tmp.name
    os.environ["FRONTWATCH_HOME"] = home
    results = []
    with ExitStack() as stack:
        if args.db:
            results.append(run_bench(args.db, home, args))
        else:
            for kind in str(args.db_kind).split(","):
                db = prepare_store(kind.strip(), Path(tmp.name), args.lists, stack)
                results.append(run_bench(db, home, args))
    if args.markdown:
        print(markdown(results))
    else:
        print(json.dumps(results if len(results) > 1 else results[0], indent=2))


def _audit_count(store: Store) -> int:
    from frontwatch import audit

    return audit.count(store)


if __name__ == "__main__":
    main()
