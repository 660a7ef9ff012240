"""The network around an entity, from the relations the lists state.

``neighbors(store, id, depth)`` walks the relationship entities that point at
an entity (OFAC's ``Linked To`` as ``UnknownLink``, ``Ownership``,
``Directorship``, ``Family``, ``Associate`` … found through
``Store.referencing``) out to ``depth`` steps, and returns nodes and edges
ready for a graph view. A node is *designated* when a ``Sanction`` of a loaded
list points at it. Each edge carries its evidence: the relation type, the role
or relationship as published, its dates and description, and the list it
comes from.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from followthemoney import model
from sqlalchemy import and_, select

from frontwatch.entity_view import RELATION_SCHEMATA
from frontwatch.store import Store
from frontwatch.store.schema import current, entities, refs, versions

MAX_DEPTH = 3
MAX_NODES = 200
EVIDENCE_PROPS = (
    "description",
    "summary",
    "startDate",
    "endDate",
    "date",
    "percentage",
    "sharesCount",
    "sharesValue",
    "ownershipType",
    "status",
    "sourceUrl",
    "publisher",
)


class GraphError(ValueError):
    """A graph that cannot be drawn as asked (the message says why)."""


def sanctions_of(store: Store, ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """The ``Sanction`` entities of current list versions that point at each entity."""
    wanted = list(set(ids))
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not wanted:
        return out
    with store.engine.connect() as conn:
        cur = list(conn.execute(select(current.c.version_id)).scalars())
        for i in range(0, len(wanted), 500):
            rows = conn.execute(
                select(refs.c.target_id, entities.c.id, entities.c.data, versions.c.source)
                .join(
                    entities,
                    and_(
                        entities.c.id == refs.c.entity_id,
                        entities.c.version_id == refs.c.version_id,
                    ),
                )
                .join(versions, versions.c.id == entities.c.version_id)
                .where(
                    and_(
                        refs.c.target_id.in_(wanted[i : i + 500]),
                        refs.c.version_id.in_(cur),
                        refs.c.prop == "entity",
                        entities.c.schema == "Sanction",
                    )
                )
            )
            for row in rows:
                props = json.loads(row.data).get("properties", {})
                out[row.target_id].append(
                    {
                        "id": row.id,
                        "source": row.source,
                        "authority": props.get("authority", []),
                        "programs": props.get("program", []),
                    }
                )
    return out


def _edge_ends(rel: dict[str, Any]) -> tuple[list[str], list[str], str, bool]:
    schema = model.get(rel["schema"])
    props = rel.get("properties", {})
    if schema is None or schema.source_prop is None or schema.target_prop is None:
        return [], [], rel["schema"], False
    return (
        props.get(schema.source_prop.name, []),
        props.get(schema.target_prop.name, []),
        schema.edge_label or schema.label,
        bool(schema.edge_directed),
    )


def _evidence(rel: dict[str, Any], label: str, directed: bool) -> dict[str, Any]:
    props = rel.get("properties", {})
    schema = model.get(rel["schema"])
    role = props.get("role", []) + props.get("relationship", [])
    return {
        "relation": rel["schema"],
        "relation_label": schema.label if schema else rel["schema"],
        "relation_id": rel["id"],
        "label": ", ".join(role) or label,
        "role": role,
        "verb": label,
        "directed": directed,
        "list": rel.get("source"),
        "version": rel.get("version_id"),
        "details": {p: props[p] for p in EVIDENCE_PROPS if props.get(p)},
    }


def neighbors(
    store: Store, entity_id: str, depth: int = 1, max_nodes: int = MAX_NODES
) -> dict[str, Any]:
    """Nodes and edges within ``depth`` relations of an entity."""
    if not 1 <= depth <= MAX_DEPTH:
        raise GraphError(f"depth must be between 1 and {MAX_DEPTH}")
    root = store.get_entity(entity_id)
    if root is None:
        raise GraphError(f"no entity {entity_id!r} in the loaded lists")
    root_id = root["id"]
    level = {root_id: 0}
    edges: dict[str, dict[str, Any]] = {}
    frontier = [root_id]
    expanded: set[str] = set()
    truncated = False
    for step in range(1, depth + 1):
        following: list[str] = []
        for node in frontier:
            expanded.add(node)
            for rel in store.referencing(node):
                if rel["schema"] not in RELATION_SCHEMATA:
                    continue
                sources, targets, label, directed = _edge_ends(rel)
                for s in sources:
                    for t in targets:
                        if s == t:
                            continue
                        for end in (s, t):
                            if end in level:
                                continue
                            if len(level) >= max_nodes:
                                truncated = True
                                break
                            level[end] = step
                            following.append(end)
                        if s not in level or t not in level:
                            continue
                        edge_id = (
                            rel["id"]
                            if (s, t) == (sources[0], targets[0])
                            else (f"{rel['id']}:{s}:{t}")
                        )
                        edges[edge_id] = {
                            "id": edge_id,
                            "source": s,
                            "target": t,
                            **_evidence(rel, label, directed),
                        }
        frontier = following
    found = store.get_entities(level)
    sanctions = sanctions_of(store, level)
    nodes = []
    for node_id, distance in level.items():
        data = found.get(node_id)
        listed = sanctions.get(node_id, [])
        nodes.append(
            {
                "id": node_id,
                "label": data["caption"] if data else node_id,
                "schema": data["schema"] if data else "Thing",
                "list": data["source"] if data else None,
                "source_id": data.get("source_id") if data else None,
                "designated": bool(listed),
                "programs": sorted({p for s in listed for p in s["programs"]}),
                "authorities": sorted({a for s in listed for a in s["authority"]}),
                "listed_by": sorted({s["source"] for s in listed}),
                "root": node_id == root_id,
                "distance": distance,
                "expanded": node_id in expanded,
                "missing": data is None,
            }
        )
    return {
        "root": root_id,
        "depth": depth,
        "nodes": nodes,
        "edges": list(edges.values()),
        "truncated": truncated,
    }
