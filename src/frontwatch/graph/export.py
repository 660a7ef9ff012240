"""Export the network (or the part around one entity) as GraphML, GEXF or FtM JSON lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

import networkx as nx

from frontwatch.graph.build import Network
from frontwatch.graph.query import neighbors, require_node
from frontwatch.store import Store

FORMATS = ("graphml", "gexf", "ftm")


def subgraph(net: Network, around: str | None = None, depth: int = 2) -> nx.Graph:
    """The whole graph, or the nodes within ``depth`` edges of ``around``."""
    if around is None:
        return net.graph
    start = require_node(net, around)
    keep = [start] + [n for n, _ in neighbors(net, around, depth)]
    return net.graph.subgraph(keep)


def flat_graph(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes are plain strings and numbers, as GraphML and GEXF need."""
    flat = nx.Graph()
    for node, data in graph.nodes(data=True):
        flat.add_node(
            node,
            label=str(data["caption"]),
            schema=str(data["schema"]),
            designated=bool(data["designated"]),
            members=";".join(data["members"]),
            sources=";".join(data["sources"]),
            countries=";".join(data["countries"]),
        )
    for a, b, data in graph.edges(data=True):
        rels = data["relations"]
        flat.add_edge(
            a,
            b,
            kind=str(data["kind"]),
            strength=float(data["strength"]),
            roles=";".join(sorted({r["role"] for r in rels})),
            sources=";".join(sorted({r["source"] for r in rels})),
            evidence=" | ".join(r["evidence"] for r in rels)[:2000],
        )
    return flat


def write_ftm(graph: nx.Graph, store: Store, out: TextIO) -> int:
    """The stored member entities and relation entities of a graph as FtM JSON lines."""
    ids: set[str] = set()
    for _, data in graph.nodes(data=True):
        ids.update(data["members"])
    for _, _, data in graph.edges(data=True):
        ids.update(r["relation_id"] for r in data["relations"])
    count = 0
    for _eid, ent in sorted(store.get_entities(ids).items()):
        record: dict[str, Any] = {
            "id": ent["id"],
            "schema": ent["schema"],
            "properties": ent.get("properties", {}),
            "datasets": [ent["source"]],
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def export(
    net: Network,
    store: Store,
    fmt: str,
    output: Path,
    around: str | None = None,
    depth: int = 2,
) -> tuple[int, int]:
    """Write the (sub)graph to ``output``; returns its node and edge counts."""
    graph = subgraph(net, around, depth)
    if fmt == "graphml":
        nx.write_graphml(flat_graph(graph), output)
    elif fmt == "gexf":
        nx.write_gexf(flat_graph(graph), output)
    elif fmt == "ftm":
        with output.open("w", encoding="utf-8") as fh:
            write_ftm(graph, store, fh)
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return graph.number_of_nodes(), graph.number_of_edges()
