"""Benchmark of `frontwatch extract` against gold annotations (issue #4).

    .venv/bin/python bench/bench_extract.py [--db URL] [--json]

Gold annotations are in ``bench/gold/``: one JSON file per document, naming the
document by path (``bench/gold/docs/*.txt``, written for frontwatch; the shared
documents under ``../shared/data/docs`` are referenced, never copied), its
entities (name, type, aliases, the list entries it is) and its relations
(subject, predicate, object by entity name).

Reported: precision, recall and F1 for entities (a predicted entity is right
when its type is the gold type and one of its names is one of the gold names) and
for relations (subject, predicate, object, with the entities matched as above;
conspired_with and associated_with in either direction), linking accuracy (over
matched non-country entities whose gold link is given: right when the best link
is one of the gold entries, or when both are empty), and words per second.

Without ``--db``, a store with every list in ``../shared/data/lists`` is built in
a temporary folder (about 15 s, not counted in the speed).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold"
SYMMETRIC = {"conspired_with", "associated_with"}


def norm(name: str) -> str:
    from frontwatch.match.names import tokenize

    tokens = tokenize(name)
    if tokens[:1] == ("the",):
        tokens = tokens[1:]
    return " ".join(tokens)


def load_gold() -> list[dict[str, Any]]:
    files = sorted(GOLD.glob("*.json")) + sorted((GOLD / "shared").glob("*.json"))
    out = []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["gold_file"] = str(path.relative_to(ROOT))
        data["path"] = (ROOT / data["document"]).resolve()
        data["set"] = "shared" if path.parent.name == "shared" else "written"
        out.append(data)
    return out


def match_entities(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, int]:
    """Predicted entity id -> index of the gold entity it is."""
    out: dict[str, int] = {}
    used: set[int] = set()
    gold_names = [{norm(g["name"]), *(norm(a) for a in g.get("aliases", []))} - {""} for g in gold]
    for p in pred:
        names = {norm(p["name"]), *(norm(a) for a in p["aliases"])} - {""}
        for i, g in enumerate(gold):
            if i in used or g["type"] != p["type"]:
                continue
            if names & gold_names[i]:
                out[p["id"]] = i
                used.add(i)
                break
    return out


def score(docs: list[dict[str, Any]], results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    tot = {
        "ent_tp": 0,
        "ent_fp": 0,
        "ent_fn": 0,
        "rel_tp": 0,
        "rel_fp": 0,
        "rel_fn": 0,
        "link_ok": 0,
        "link_n": 0,
    }
    per_doc = []
    errors: list[str] = []
    for doc in docs:
        data = results[doc["gold_file"]]
        gold = doc["entities"]
        mapping = match_entities(data["entities"], gold)
        ent_tp = len(mapping)
        ent_fp = len(data["entities"]) - ent_tp
        ent_fn = len(gold) - ent_tp
        for p in data["entities"]:
            if p["id"] not in mapping:
                errors.append(f"{doc['gold_file']}: extra entity {p['type']} {p['name']!r}")
        matched = set(mapping.values())
        for i, g in enumerate(gold):
            if i not in matched:
                errors.append(f"{doc['gold_file']}: missed entity {g['type']} {g['name']!r}")
        name_of = {pid: gold[i]["name"] for pid, i in mapping.items()}
        gold_rels = {tuple(r) for r in doc["relations"]}
        hit: set[tuple[str, ...]] = set()
        rel_fp = 0
        for r in data["relations"]:
            s, o = name_of.get(r["subject"]), name_of.get(r["object"])
            key = (s, r["predicate"], o)
            alt = (o, r["predicate"], s)
            if key in gold_rels:
                hit.add(key)
            elif r["predicate"] in SYMMETRIC and alt in gold_rels:
                hit.add(alt)
            else:
                rel_fp += 1
                names = {e["id"]: e["name"] for e in data["entities"]}
                errors.append(
                    f"{doc['gold_file']}: extra relation {names[r['subject']]!r} "
                    f"{r['predicate']} {names[r['object']]!r}"
                )
        for r in gold_rels - hit:
            errors.append(f"{doc['gold_file']}: missed relation {r[0]!r} {r[1]} {r[2]!r}")
        link_ok = link_n = 0
        for p in data["entities"]:
            i = mapping.get(p["id"])
            if i is None or gold[i]["type"] == "Country" or gold[i].get("link") is None:
                continue
            want = gold[i]["link"]
            got = [lk["entity_id"] for lk in p["links"]]
            ok = (not want and not got) or (bool(want) and bool(got) and got[0] in want)
            link_n += 1
            link_ok += ok
            if not ok:
                errors.append(
                    f"{doc['gold_file']}: link of {p['name']!r}: got {got[:2]}, want {want[:2]}"
                )
        per_doc.append(
            {
                "doc": doc["gold_file"],
                "entities": (ent_tp, ent_fp, ent_fn),
                "relations": (len(hit), rel_fp, len(gold_rels - hit)),
            }
        )
        for k, v in (
            ("ent_tp", ent_tp),
            ("ent_fp", ent_fp),
            ("ent_fn", ent_fn),
            ("rel_tp", len(hit)),
            ("rel_fp", rel_fp),
            ("rel_fn", len(gold_rels - hit)),
            ("link_ok", link_ok),
            ("link_n", link_n),
        ):
            tot[k] += v
    return {
        "totals": tot,
        "per_doc": per_doc,
        "errors": errors,
        "entities": prf(tot["ent_tp"], tot["ent_fp"], tot["ent_fn"]),
        "relations": prf(tot["rel_tp"], tot["rel_fp"], tot["rel_fn"]),
        "linking_accuracy": tot["link_ok"] / tot["link_n"] if tot["link_n"] else 0.0,
    }


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def build_store() -> str:
    from frontwatch.lists import load_paths
    from frontwatch.store import Store

    home = Path(tempfile.mkdtemp(prefix="fw-bench-extract-"))
    os.environ["FRONTWATCH_HOME"] = str(home)
    url = f"sqlite:///{home / 'bench.db'}"
    lists = Path(os.environ.get("FRONTWATCH_LISTS") or ROOT.parent / "shared" / "data" / "lists")
    load_paths(Store(url), [lists])
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="a store with the lists loaded (default: build one)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", action="store_true", help="list every error")
    parser.add_argument("--repeat", type=int, default=10, help="corpus copies for the speed run")
    args = parser.parse_args()

    from frontwatch.extract import Extractor, read_path

    db = args.db or build_store()
    docs = load_gold()
    t0 = time.perf_counter()
    extractor = Extractor(db)
    setup = time.perf_counter() - t0
    sources = [read_path(d["path"]) for d in docs]
    words = sum(len(s.text.split()) for s in sources)

    t0 = time.perf_counter()
    results = {
        d["gold_file"]: x.to_dict()
        for d, x in zip(docs, extractor.extract_many(sources), strict=True)
    }
    cold = time.perf_counter() - t0
    report: dict[str, Any] = {}
    for name, subset in (
        ("all", docs),
        ("written", [d for d in docs if d["set"] == "written"]),
        ("shared", [d for d in docs if d["set"] == "shared"]),
    ):
        report[name] = score(subset, results)

    # Speed: the corpus repeated, one process (links cached after the first pass) and two.
    many = sources * args.repeat
    t0 = time.perf_counter()
    for _ in extractor.extract_many(many):
        pass
    one = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in extractor.extract_many(many, n_process=2, batch_size=16):
        pass
    two = time.perf_counter() - t0
    nolink = Extractor(db, link=False)
    t0 = time.perf_counter()
    for _ in nolink.extract_many(many):
        pass
    one_nolink = time.perf_counter() - t0
    speed = {
        "documents": len(sources),
        "words": words,
        "setup_seconds": round(setup, 2),
        "first_pass_words_per_s": round(words / cold),
        "one_process_words_per_s": round(words * args.repeat / one),
        "two_processes_words_per_s": round(words * args.repeat / two),
        "one_process_no_links_words_per_s": round(words * args.repeat / one_nolink),
    }
    figures = {
        name: {
            "documents": len(r["per_doc"]),
            "entities": r["entities"],
            "relations": r["relations"],
            "linking_accuracy": round(r["linking_accuracy"], 3),
            "linked_entities": r["totals"]["link_n"],
        }
        for name, r in report.items()
    }
    figures["speed"] = speed
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for name in ("all", "written", "shared"):
            f = figures[name]
            e, r = f["entities"], f["relations"]
            print(
                f"{name:8} {f['documents']:>2} docs  entities P {e['precision']:.3f} "
                f"R {e['recall']:.3f} F1 {e['f1']:.3f}  relations P {r['precision']:.3f} "
                f"R {r['recall']:.3f} F1 {r['f1']:.3f}  linking {f['linking_accuracy']:.3f} "
                f"({f['linked_entities']} entities)"
            )
        print("speed   ", json.dumps(speed))
    if args.errors:
        for line in report["all"]["errors"]:
            print(" ", line, file=sys.stderr)


if __name__ == "__main__":
    main()
