"""Benchmark: batch screening on Spark (local mode) against the embedded batch screen (issue #7).

Generates N counterparty names deterministically (``--seed``): about a fifth are
derived from listed names (case changed, person names reordered, a typo, a legal
form swapped or dropped), the rest are plausible names on no list (persons and
companies from common given names, surnames, words and legal forms). Then, in
one run and on the same input:

1. the embedded batch screen (``screening.screen_file``, 2 worker processes) on the
   first ``--sample`` names (the full N takes too long at its speed; names/s is
   what is compared, and the 1M time is extrapolated from it);
2. Spark ``local[1]`` and ``local[2]`` on the same sample (scaling with executor
   cores), checking that ``local[2]``'s output equals the embedded output byte for byte;
3. Spark ``local[2]`` on all N names.

Names/s count input rows over the wall time of the screening call (index
shipping, reading, screening, writing and merging included; Spark start-up and
the driver's index load are reported apart).

    .venv/bin/python bench/bench_spark.py [--n 1000000] [--sample 20000] [--db URL]
        [--lists DIR] [--seed 7] [--skip-full] [--markdown]

Without ``--db`` every list under ``--lists`` (default ../shared/data/lists) is
loaded into a fresh store in a temporary folder. Needs the ``spark`` extra and Java 17+.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

FIRST = (
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Lisa Matthew Nancy Anthony "
    "Sandra Mark Betty Paolo Giulia Hans Ingrid Pierre Camille Javier Lucia Kenji Yuki Min-jun "
    "Seo-yeon Arjun Priya Olu Amara Lars Sofie Mateus Ana Tomasz Zofia Dmitri Elena Ahmet Ayse"
).split()
LAST = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee Thompson White Harris Clark Lewis "
    "Rossi Bianchi Muller Schneider Dubois Lefevre Fernandez Sato Tanaka Kim Park Sharma Patel "
    "Okafor Adeyemi Jensen Nielsen Silva Santos Nowak Kowalski Popescu Yilmaz Demir Novak Horvat"
).split()
WORDS = (
    "Alpine Harbor Summit Pioneer Cedar Meridian Atlas Beacon Crescent Evergreen Falcon Granite "
    "Horizon Ironwood Juniper Keystone Lakeside Maple Northstar Oakridge Pacific Quarry Redwood "
    "Silverline Tidewater Union Valley Westfield Yellowstone Zenith Bluewater Brightpath Copper "
    "Delta Eastgate Fairview Goldleaf Highland Inland Lighthouse Mosaic Orchard Prairie Riverside"
).split()
TRADES = (
    "Logistics Foods Textiles Packaging Software Consulting Furniture Paper Dental Optics Bakery "
    "Printing Ceramics Garden Supplies Analytics Marine Freight Pharma Plastics Tools Studios"
).split()
FORMS = "Ltd LLC GmbH S.A. B.V. Inc Co., Ltd. AG Oy AB S.r.l. Pty Ltd".split(" ")
COUNTRIES = "US GB DE FR IT ES NL SE PL JP KR IN BR TR CN AE SG CH".split()


def _typo(rng: random.Random, name: str) -> str:
    letters = [i for i, ch in enumerate(name[:-1]) if ch.isalpha() and name[i + 1].isalpha()]
    if not letters:
        return name
    i = rng.choice(letters)
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def listed_variant(rng: random.Random, name: str, schema: str) -> str:
    """A listed name as a counterparty file might carry it."""
    roll = rng.random()
    if roll < 0.25:
        return name
    if roll < 0.45:
        return name.upper() if rng.random() < 0.5 else name.title()
    if roll < 0.65:
        return _typo(rng, name)
    tokens = name.replace(",", " ").split()
    if schema == "Person" and len(tokens) > 1:
        return " ".join(tokens[1:] + tokens[:1])
    if len(tokens) > 2:
        return " ".join(tokens[:-1]) + " " + rng.choice(FORMS)
    return name


def other_name(rng: random.Random) -> tuple[str, str]:
    """A plausible counterparty on no list: (name, type)."""
    if rng.random() < 0.5:
        middle = f" {rng.choice(FIRST)[0]}." if rng.random() < 0.3 else ""
        return f"{rng.choice(FIRST)}{middle} {rng.choice(LAST)}", "person"
    words = [rng.choice(WORDS)]
    if rng.random() < 0.6:
        words.append(rng.choice(TRADES))
    if rng.random() < 0.3:
        words.insert(0, rng.choice(LAST))
    return f"{' '.join(words)} {rng.choice(FORMS)}", "company"


def generate(path: Path, n: int, listed: list[tuple[str, str]], seed: int) -> None:
    """Write ``n`` counterparties: ``customer_id, name, type, country``."""
    rng = random.Random(seed)
    kinds = {"Person": "person", "Company": "company", "Organization": "organization"}
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["customer_id", "name", "type", "country"])
        for i in range(n):
            if rng.random() < 0.2:
                name, schema = rng.choice(listed)
                row_type = kinds.get(schema, "any") if rng.random() < 0.7 else ""
                writer.writerow([f"C{i:07d}", listed_variant(rng, name, schema), row_type, ""])
            else:
                name, kind = other_name(rng)
                country = rng.choice(COUNTRIES) if rng.random() < 0.5 else ""
                writer.writerow([f"C{i:07d}", name, kind, country])


def head(src: Path, dest: Path, rows: int) -> None:
    """The header and first ``rows`` data lines of a generated file (one line per row)."""
    with open(src, encoding="utf-8", newline="") as fh, open(dest, "w", encoding="utf-8") as out:
        for i, line in enumerate(fh):
            if i > rows:
                break
            out.write(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="names to generate")
    parser.add_argument("--sample", type=int, default=20_000, help="names for the comparisons")
    parser.add_argument("--db", help="store URL with lists loaded (default: a fresh one)")
    parser.add_argument("--lists", type=Path, help="list folder for a fresh store")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-full", action="store_true", help="no local[2] run on all N")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table too")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="frontwatch-bench-spark-"))
    if not args.db:
        os.environ["FRONTWATCH_HOME"] = str(work / "home")
    from frontwatch.lists import default_lists_dir, load_paths
    from frontwatch.screening import get_screener, screen_file
    from frontwatch.spark import screen_file_spark, spark_session
    from frontwatch.store import Store

    try:
        load = os.getloadavg()[0]
        print(f"load average {load:.2f} on {os.cpu_count()} cores", file=sys.stderr)
        db = args.db
        if not db:
            db = f"sqlite:///{work / 'fw.db'}"
            t0 = time.perf_counter()
            lists_dir: Path | None = args.lists or default_lists_dir()
            if lists_dir is None:
                print("error: no lists found; pass --lists DIR or --db URL", file=sys.stderr)
                return 2
            load_paths(Store(db), [lists_dir])
            print(f"loaded the lists in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
        t0 = time.perf_counter()
        screener = get_screener(db)
        index_s = time.perf_counter() - t0
        index = screener.index
        listed = [
            (n.text, index.entities[n.entity].schema)
            for n in index.names
            if n.kind == "primary name"
            and index.entities[n.entity].schema in ("Person", "Company", "Organization")
        ]
        big = work / "names.csv"
        t0 = time.perf_counter()
        generate(big, args.n, listed, args.seed)
        print(
            f"generated {args.n:,} names in {time.perf_counter() - t0:.0f}s "
            f"({big.stat().st_size / 1e6:.0f} MB); index ready in {index_s:.1f}s",
            file=sys.stderr,
        )
        sample_n = min(args.sample, args.n)
        sample = work / "sample.csv"
        head(big, sample, sample_n)
        figures: list[tuple[str, int, float, str]] = []

        def record(label: str, rows: int, seconds: float, note: str = "") -> None:
            figures.append((label, rows, seconds, note))
            print(
                f"{label}: {rows:,} names in {seconds:.1f}s = {rows / seconds:,.0f} names/s {note}",
                file=sys.stderr,
            )

        t0 = time.perf_counter()
        report = screen_file(screener, sample, work / "embedded.csv", workers=2)
        record("embedded, 2 workers", report.rows, time.perf_counter() - t0)

        quiet = lambda msg: None  # noqa: E731
        for master in ("local[1]", "local[2]"):
            t0 = time.perf_counter()
            spark = spark_session(master, app_name="frontwatch bench")
            start_s = time.perf_counter() - t0
            out = work / f"spark-{master[6]}.csv"
            t0 = time.perf_counter()
            rep = screen_file_spark(spark, screener, sample, out, progress=quiet)
            seconds = time.perf_counter() - t0
            same = out.read_bytes() == (work / "embedded.csv").read_bytes()
            assert spark.sparkContext.master == master, spark.sparkContext.master
            record(
                f"spark {master}",
                rep.rows,
                seconds,
                f"({rep.partitions} partitions; start-up {start_s:.0f}s; "
                f"output {'equals' if same else 'DIFFERS FROM'} the embedded output)",
            )
            if not same:
                print("error: Spark output differs from the embedded output", file=sys.stderr)
                return 1
            if master == "local[2]" and not args.skip_full and args.n > sample_n:
                t0 = time.perf_counter()
                rep = screen_file_spark(
                    spark,
                    screener,
                    big,
                    work / "spark-full.csv",
                    progress=lambda msg: print(msg, file=sys.stderr, flush=True),
                    progress_every=60,
                )
                record(
                    f"spark {master}, all names",
                    rep.rows,
                    time.perf_counter() - t0,
                    f"({rep.partitions} partitions; {rep.result_rows:,} result rows)",
                )
            spark.stop()
        load_after = os.getloadavg()[0]
        print(f"load average {load_after:.2f} at the end", file=sys.stderr)
        if args.markdown:
            print("| run | names | seconds | names/s | note |")
            print("|---|---:|---:|---:|---|")
            for label, rows, seconds, note in figures:
                print(f"| {label} | {rows:,} | {seconds:.1f} | {rows / seconds:,.0f} | {note} |")
            embedded = next(f for f in figures if f[0].startswith("embedded"))
            rate = embedded[1] / embedded[2]
            print(
                f"\nEmbedded batch at that rate: {args.n:,} names in about "
                f"{args.n / rate / 60:,.0f} minutes (extrapolated)."
            )
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
