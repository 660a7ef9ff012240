"""Questions to the network: neighbours, explained exposure paths, red flags, exposure score.

Exposure score
--------------
A designated node has exposure 1. Any other node's exposure is the best, over the paths
of at most ``max_hops`` edges to a designated node, of the product of the strengths of
the path's edges (see ``STRENGTH`` and ``DOC_STRENGTH`` in :mod:`frontwatch.graph.build`):
an owner of a designated company (0.9) scores 0.9, a company that shares an address (0.5)
with that owner scores 0.45. Every extra hop multiplies by a number below one, so the
score decreases with distance and with weaker kinds of tie.

Paths are ranked shortest first and, among paths of equal length, strongest first.

A query can also start from attributes (``paths(..., address=..., phone=...)``): the nodes
holding the same normalised address, phone, email, website or identifier are starts, and
every such path begins with a step from the query (a node ``query:NAME`` that is not in the
graph) to that node, with the evidence "shares address X with ...". That step counts as a
hop and carries the strength of a shared attribute of that kind.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from frontwatch.graph.build import STRENGTH, Network, shared_key
from frontwatch.graph.resolve import name_key

# Jurisdictions known as trans-shipment or re-export hubs for goods bound for Iran or
# Russia (FinCEN/BIS/OFSI advisories): Hong Kong, UAE, Turkey, Malaysia, Singapore,
# Armenia, Georgia, Kyrgyzstan, Kazakhstan, and Iran's neighbours used for re-export
# (Iraq, Oman, Azerbaijan, Uzbekistan, Tajikistan).
TRANSSHIPMENT_HUBS: dict[str, str] = {
    "hk": "Hong Kong",
    "ae": "United Arab Emirates",
    "tr": "Turkey",
    "my": "Malaysia",
    "sg": "Singapore",
    "am": "Armenia",
    "ge": "Georgia",
    "kg": "Kyrgyzstan",
    "kz": "Kazakhstan",
    "iq": "Iraq",
    "om": "Oman",
    "az": "Azerbaijan",
    "uz": "Uzbekistan",
    "tj": "Tajikistan",
}
# Document predicates that say a party buys for, supplies or fronts for another.
PROCUREMENT_ROLES = frozenset(
    {"procured_for", "supplied_to", "front_company_for", "owned_by", "controlled_by"}
)
SHARED_ATTRS = ("address", "phone", "email", "website", "identifier")
# The id of the query itself as the first node of a path that starts from its attributes.
QUERY_PREFIX = "query:"
Values = str | Sequence[str] | None


class GraphQueryError(ValueError):
    """A query the network cannot answer (unknown id, nothing matches the name)."""


@dataclass
class Step:
    """One edge of a path with the relations that make it."""

    source: str
    target: str
    kind: str
    strength: float
    relations: list[dict[str, Any]]


@dataclass
class Path:
    """An explained path from a start node to a target node."""

    nodes: list[str]
    steps: list[Step]
    strength: float
    start_match: dict[str, Any] | None = None

    @property
    def hops(self) -> int:
        """How many edges the path has."""
        return len(self.steps)


@dataclass
class Flag:
    """A red flag with its evidence."""

    kind: str
    message: str
    counterpart: str | None = None
    evidence: list[str] = field(default_factory=list)


def node_info(net: Network, node: str) -> dict[str, Any]:
    """A node's attributes in a JSON-ready form."""
    data = dict(net.graph.nodes[node])
    data["id"] = node
    data["merges"] = net.merges.get(node, [])
    return data


def require_node(net: Network, entity_id: str) -> str:
    """The node of an id, or a :class:`GraphQueryError`."""
    node = net.node_of(entity_id)
    if node is None:
        raise GraphQueryError(f"no entity {entity_id!r} in the graph")
    return node


def neighbors(net: Network, entity_id: str, depth: int = 1) -> list[tuple[str, int]]:
    """Nodes within ``depth`` edges of an entity, with their distance, nearest first."""
    start = require_node(net, entity_id)
    seen = {start: 0}
    frontier = [start]
    for d in range(1, depth + 1):
        nxt: list[str] = []
        for node in frontier:
            for nb in net.graph.adj[node]:
                if nb not in seen:
                    seen[nb] = d
                    nxt.append(nb)
        frontier = nxt
    return sorted(((n, d) for n, d in seen.items() if n != start), key=lambda x: (x[1], x[0]))


def _layered_best(
    net: Network, start: str, max_hops: int
) -> tuple[dict[str, int], dict[str, float], dict[str, str]]:
    """Breadth-first layers from ``start``; for each node the strongest shortest path."""
    adj = net.graph.adj
    dist = {start: 0}
    best = {start: 1.0}
    parent: dict[str, str] = {}
    frontier = [start]
    for d in range(1, max_hops + 1):
        layer: dict[str, None] = {}
        for node in frontier:
            base = best[node]
            for nb, data in adj[node].items():
                seen = dist.get(nb)
                if seen is not None and seen < d:
                    continue
                value = base * data["strength"]
                if seen is None:
                    dist[nb] = d
                    layer[nb] = None
                if value > best.get(nb, -1.0):
                    best[nb] = value
                    parent[nb] = node
        frontier = list(layer)
        if not frontier:
            break
    return dist, best, parent


def _make_path(net: Network, start: str, target: str, parent: dict[str, str]) -> Path:
    nodes = [target]
    while nodes[-1] != start:
        nodes.append(parent[nodes[-1]])
    nodes.reverse()
    steps: list[Step] = []
    strength = 1.0
    for a, b in zip(nodes, nodes[1:], strict=False):
        data = net.graph.edges[a, b]
        rels = sorted(data["relations"], key=lambda r: -r["strength"])
        steps.append(Step(a, b, data["kind"], data["strength"], rels))
        strength *= data["strength"]
    return Path(nodes, steps, strength)


def paths_from_node(
    net: Network, start: str, to: str = "designated", max_hops: int = 4, limit: int = 10
) -> list[Path]:
    """Explained paths from a node to designated nodes (or to one id), best first."""
    dist, best, parent = _layered_best(net, start, max_hops)
    if to == "designated":
        targets = [n for n in dist if n != start and net.graph.nodes[n]["designated"]]
    else:
        target = require_node(net, to)
        if target not in dist or target == start:
            return []
        return _paths_between(net, start, target, max_hops, limit)
    targets.sort(key=lambda n: (dist[n], -best[n], n))
    return [_make_path(net, start, t, parent) for t in targets[:limit]]


def _cost(_a: str, _b: str, data: dict[str, Any]) -> float:
    """One per hop plus the weakness of the edge: shortest, then strongest, first."""
    return 1.0 - math.log(data["strength"])


def _paths_between(net: Network, start: str, target: str, max_hops: int, limit: int) -> list[Path]:
    """Up to ``limit`` simple paths between two nodes (Yen's k shortest), best first."""
    found: list[Path] = []
    for nodes in itertools.islice(
        nx.shortest_simple_paths(net.graph, start, target, weight=_cost), limit * 3
    ):
        if len(nodes) - 1 > max_hops:
            continue
        parent = {b: a for a, b in zip(nodes, nodes[1:], strict=False)}
        found.append(_make_path(net, start, target, parent))
        if len(found) >= limit:
            break
    found.sort(key=lambda p: (p.hops, -p.strength))
    return found


def resolve_start(
    net: Network, query: str, db: str | None = None
) -> list[tuple[str, dict[str, Any] | None]]:
    """The nodes a query names: an id, else a name on a list, else the screening matches."""
    node = net.node_of(query)
    if node is not None:
        return [(node, None)]
    exact = net.names.get(name_key(query))
    if exact:
        return [(n, {"how": "name", "name": query}) for n in dict.fromkeys(exact)]
    from frontwatch.match.screen import Query, QueryError
    from frontwatch.screening import get_screener

    try:
        screened = Query(query)
    except QueryError as exc:  # "LLC", "N/A": nothing to screen
        raise GraphQueryError(str(exc)) from None
    results = get_screener(db).screen(screened, limit=5)
    found: list[tuple[str, dict[str, Any] | None]] = []
    for r in results:
        n = net.node_of(r.entity_id)
        if n is not None and n not in {f[0] for f in found}:
            found.append(
                (n, {"how": "screening", "score": round(r.score, 3), "matched": r.matched_name})
            )
    return found


def _values(value: Values) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [v for v in value if v and v.strip()]


def attribute_starts(
    net: Network,
    address: Values = None,
    phone: Values = None,
    email: Values = None,
    website: Values = None,
    identifier: Values = None,
) -> list[tuple[str, dict[str, Any]]]:
    """The nodes holding one of the given attribute values (normalised as the graph does).

    Returns (node, match) pairs; ``match`` says which value of the query is shared with
    which entity of the node (``{"how": "attribute", "kind", "value", "key", "held_by"}``).
    """
    given = {
        "address": _values(address),
        "phone": _values(phone),
        "email": _values(email),
        "website": _values(website),
        "identifier": _values(identifier),
    }
    found: list[tuple[str, dict[str, Any]]] = []
    seen: set[tuple[str, str]] = set()
    for kind, values in given.items():
        for value in values:
            key = shared_key(kind, value)
            if key is None:
                continue
            for node, held in sorted(net.attributes.get((kind, key), {}).items()):
                if (kind, node) in seen:
                    continue
                seen.add((kind, node))
                found.append(
                    (
                        node,
                        {
                            "how": "attribute",
                            "kind": kind,
                            "value": value,
                            "key": key,
                            "held_by": held,
                        },
                    )
                )
    return found


def _lead_step(net: Network, query_node: str, node: str, match: dict[str, Any]) -> Step:
    kind = match["kind"]
    eid, _, as_written = match["held_by"].partition(": ")
    strength = STRENGTH[kind]
    caption = net.graph.nodes[node]["caption"]
    relation = {
        "kind": kind,
        "role": f"same {kind}",
        "source": "query",
        "relation_id": f"{kind}:{match['key']}",
        "subject": query_node,
        "object": eid,
        "evidence": f"shares {kind} {match['value']!r} with {caption} ({eid}: {as_written!r})",
        "strength": strength,
    }
    return Step(query_node, node, kind, strength, [relation])


def _paths_via_attribute(
    net: Network,
    query: str,
    node: str,
    match: dict[str, Any],
    to: str,
    max_hops: int,
    limit: int,
) -> list[Path]:
    """Paths that start with the query sharing an attribute with ``node``."""
    query_node = QUERY_PREFIX + query
    lead = _lead_step(net, query_node, node, match)
    out: list[Path] = []
    target = None if to == "designated" else require_node(net, to)
    reached = net.graph.nodes[node]["designated"] if target is None else node == target
    if reached:
        out.append(Path([query_node, node], [lead], lead.strength, match))
    if max_hops > 1:
        for p in paths_from_node(net, node, to, max_hops - 1, limit):
            out.append(
                Path([query_node, *p.nodes], [lead, *p.steps], lead.strength * p.strength, match)
            )
    return out


def paths_from_attributes(
    net: Network,
    query: str,
    to: str = "designated",
    max_hops: int = 4,
    limit: int = 10,
    *,
    address: Values = None,
    phone: Values = None,
    email: Values = None,
    website: Values = None,
    identifier: Values = None,
) -> list[Path]:
    """Paths that start with ``query`` sharing an attribute value with a node, best first.

    No screening: only the nodes holding one of the given values are starts.
    """
    found: list[Path] = []
    for node, match in attribute_starts(net, address, phone, email, website, identifier):
        found.extend(_paths_via_attribute(net, query, node, match, to, max_hops, limit))
    found.sort(key=lambda p: (p.hops, -p.strength, p.nodes[-1]))
    return found[:limit]


def paths(
    net: Network,
    start: str,
    to: str = "designated",
    max_hops: int = 4,
    limit: int = 10,
    db: str | None = None,
    *,
    address: Values = None,
    phone: Values = None,
    email: Values = None,
    website: Values = None,
    identifier: Values = None,
) -> list[Path]:
    """Explained paths from an id or any name; names on no list are screened first.

    With ``address``, ``phone``, ``email``, ``website`` or ``identifier`` (one value or
    several) the paths also start from the nodes that share one of those values: their
    first step is "shares address X with ..." (see :func:`attribute_starts`).
    """
    via = attribute_starts(net, address, phone, email, website, identifier)
    starts = resolve_start(net, start, db)
    if not starts and not via:
        raise GraphQueryError(
            f"{start!r} is no id in the graph and matches no listed name; give an address, "
            "phone, email, website or identifier (--address/--phone/--email/--website/--id) "
            "to start from the parties that share it"
        )
    found: list[Path] = []
    for node, how in starts:
        for p in paths_from_node(net, node, to, max_hops, limit):
            p.start_match = how
            found.append(p)
    for node, match in via:
        found.extend(_paths_via_attribute(net, start, node, match, to, max_hops, limit))
    found.sort(key=lambda p: (p.hops, -p.strength, p.nodes[-1]))
    return found[:limit]


def exposure(net: Network, entity_id: str, max_hops: int = 4) -> tuple[float, Path | None]:
    """The exposure score of an entity (1 when designated) and the path that gives it."""
    node = require_node(net, entity_id)
    if net.graph.nodes[node]["designated"]:
        return 1.0, None
    best_path: Path | None = None
    for p in paths_from_node(net, node, "designated", max_hops, limit=50):
        if best_path is None or p.strength > best_path.strength:
            best_path = p
    return (best_path.strength if best_path else 0.0), best_path


def _name(net: Network, node: str) -> str:
    return f"{net.graph.nodes[node]['caption']} ({node})"


def flags(net: Network, entity_id: str) -> list[Flag]:
    """Front-company red flags of an entity, each with its evidence."""
    node = require_node(net, entity_id)
    g = net.graph
    attrs = g.nodes[node]
    out: list[Flag] = []
    for nb, data in g.adj[node].items():
        nb_designated = g.nodes[nb]["designated"]
        for rel in data["relations"]:
            kind = rel["kind"]
            if kind in SHARED_ATTRS and nb_designated:
                out.append(
                    Flag(
                        f"shared_{kind}",
                        f"shares its {kind} with designated {_name(net, nb)}",
                        nb,
                        [rel["evidence"]],
                    )
                )
            elif kind == "document" and rel["role"] in PROCUREMENT_ROLES and nb_designated:
                if net.cluster_of.get(rel["subject"]) == node:
                    out.append(
                        Flag(
                            "document_procurement",
                            f"a document says it {rel['role'].replace('_', ' ')} "
                            f"designated {_name(net, nb)}",
                            nb,
                            [f"{rel['source']}: {rel['evidence']}"],
                        )
                    )
            elif (
                kind == "directorship"
                and nb_designated
                and net.cluster_of.get(rel["subject"]) == nb
            ):
                out.append(
                    Flag(
                        "designated_officer",
                        f"its officer {_name(net, nb)} is designated",
                        nb,
                        [f"{rel['source']}: {rel['relation_id']} ({rel['role']})"],
                    )
                )
            if kind == "directorship" and net.cluster_of.get(rel["subject"]) == nb:
                # The officer nb: does it also sit on a designated party?
                for other, odata in g.adj[nb].items():
                    if other == node or not g.nodes[other]["designated"]:
                        continue
                    for orel in odata["relations"]:
                        if (
                            orel["kind"] == "directorship"
                            and net.cluster_of.get(orel["subject"]) == nb
                        ):
                            out.append(
                                Flag(
                                    "shared_officer",
                                    f"shares officer {_name(net, nb)} with designated "
                                    f"{_name(net, other)}",
                                    other,
                                    [
                                        f"{rel['source']}: {rel['relation_id']}",
                                        f"{orel['source']}: {orel['relation_id']}",
                                    ],
                                )
                            )
    for code in attrs["countries"]:
        if code in TRANSSHIPMENT_HUBS:
            out.append(
                Flag(
                    "transshipment_hub",
                    f"registered in {TRANSSHIPMENT_HUBS[code]}, a known trans-shipment hub",
                    None,
                    [f"country {code} of {', '.join(attrs['members'])}"],
                )
            )
    keys = set(attrs.get("name_keys", [])) | {name_key(attrs["caption"])}
    for key in sorted(keys):
        for other, prev in net.previous_names.get(key, []):
            if other != node:
                out.append(
                    Flag(
                        "former_name_of_designated",
                        f"its name is a former name (f.k.a.) of designated {_name(net, other)}",
                        other,
                        [f"{other} previousName {prev!r}"],
                    )
                )
    return out


def _node_brief(net: Network, node: str) -> dict[str, Any]:
    if node not in net.graph:
        # the query itself, when the path starts from its attributes
        return {"id": node, "caption": node.removeprefix(QUERY_PREFIX), "designated": False}
    data = net.graph.nodes[node]
    return {"id": node, "caption": data["caption"], "designated": data["designated"]}


def path_as_dict(net: Network, p: Path) -> dict[str, Any]:
    """A JSON-ready form of a path."""
    return {
        "hops": p.hops,
        "strength": round(p.strength, 4),
        "start_match": p.start_match,
        "nodes": [_node_brief(net, n) for n in p.nodes],
        "steps": [
            {
                "from": s.source,
                "to": s.target,
                "kind": s.kind,
                "strength": s.strength,
                "relations": s.relations,
            }
            for s in p.steps
        ],
    }
