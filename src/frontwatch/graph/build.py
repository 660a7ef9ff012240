"""Build one network from the store: resolved parties joined by relations and shared facts.

Nodes are resolved parties (see :mod:`frontwatch.graph.resolve`); a node is *designated*
when a ``Sanction`` entity of a list points at one of its members. Edges are

* list relations (OFAC ``Linked To``, ownership, directorship, family, associate,
  membership, employment, representation, succession),
* document relations (``doc_*`` sources) with their predicate and evidence sentence,
* shared attributes: the same normalised address, phone, email, website or identifier on
  two different nodes (values carried by more than ``MAX_SHARED`` nodes are too generic
  and make no edge).

Parallel relations between two nodes are kept together on one edge (``relations``); the
edge's ``strength`` is the strongest of them. The built network is pickled under
``$FRONTWATCH_HOME/graph/`` keyed by the checksums of the store's current versions and of
the analysts' judgements (a new or withdrawn judgement rebuilds it).
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from frontwatch.graph.resolve import (
    FAMILIES,
    ID_PROPS,
    UN_SOURCE,
    fold,
    id_key,
    name_key,
    names_of,
    resolve,
    schema_family,
)
from frontwatch.store import Store, frontwatch_home, is_document_source
from frontwatch.store import judgements as judgement_store

GRAPH_FORMAT = 3
MAX_SHARED = 10

# (schema, from-property, to-property, kind)
RELATION_PROPS: dict[str, tuple[str, str, str]] = {
    "UnknownLink": ("subject", "object", "link"),
    "Ownership": ("owner", "asset", "ownership"),
    "Directorship": ("director", "organization", "directorship"),
    "Family": ("person", "relative", "family"),
    "Associate": ("person", "associate", "associate"),
    "Membership": ("member", "organization", "membership"),
    "Employment": ("employee", "employer", "employment"),
    "Representation": ("agent", "client", "representation"),
    "Succession": ("predecessor", "successor", "succession"),
}

# How much an edge of each kind carries exposure (0-1). See docs/graph.md.
STRENGTH: dict[str, float] = {
    "ownership": 0.9,
    "succession": 0.9,
    "directorship": 0.85,
    "linked_to": 0.8,
    "membership": 0.8,
    "identifier": 0.8,
    "family": 0.7,
    "employment": 0.7,
    "associate": 0.6,
    "representation": 0.6,
    "link": 0.6,
    "email": 0.6,
    "phone": 0.6,
    "website": 0.55,
    "address": 0.5,
}
DOC_STRENGTH: dict[str, float] = {
    "front_company_for": 0.7,
    "procured_for": 0.65,
    "owned_by": 0.65,
    "controlled_by": 0.65,
    "supplied_to": 0.6,
    "part_of": 0.55,
    "member_of": 0.55,
    "employee_of": 0.55,
    "official_of": 0.5,
    "associated_with": 0.45,
    "conspired_with": 0.45,
}
DOC_DEFAULT_STRENGTH = 0.3
# Document predicates that name an authority, not a tie that carries exposure.
DOC_IGNORED_ROLES = frozenset({"charged_by", "designated_by", "located_in", "national_of"})
SHARED_KINDS = ("address", "phone", "email", "website", "identifier")


@dataclass
class Network:
    """The resolved network and the indexes the queries use."""

    graph: nx.Graph
    cluster_of: dict[str, str]
    merges: dict[str, list[dict[str, Any]]]
    names: dict[str, list[str]]
    previous_names: dict[str, list[tuple[str, str]]]
    key: str
    stats: dict[str, Any] = field(default_factory=dict)
    # entity id -> (schema, source, caption) of every party member
    entities: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    # every judgement read (active or withdrawn), JSON-ready, with its ``status``
    judgements: list[dict[str, Any]] = field(default_factory=list)
    # node -> unions an analyst's split refused (a, b, rule, detail, judgement)
    blocked: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # (kind, normalised value) -> {node: "entity id: value as written"}
    attributes: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    def node_of(self, entity_id: str) -> str | None:
        """The node an entity id (or a source's own reference) belongs to."""
        if entity_id in self.cluster_of:
            return self.cluster_of[entity_id]
        for prefix in ("us-ofac-sdn-", "eu-fsf-", "gb-hmt-", "un-sc-", "us-ofac-cons-"):
            if prefix + entity_id in self.cluster_of:
                return self.cluster_of[prefix + entity_id]
        for node in self.graph.nodes:
            if node.endswith("-" + entity_id):
                return str(node)
        return None


def store_key(store: Store) -> str:
    """A checksum of the store's current versions, its judgements and this module's format."""
    parts = [f"{v.source}:{v.checksum}:{v.id}" for v in store.current_versions()]
    judged = judgement_store.checksum(store)
    blob = f"{GRAPH_FORMAT}|{store.url}|{judged}|" + "|".join(parts)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()


def cache_path(key: str) -> Path:
    """Where the pickled network for a store key lives."""
    return frontwatch_home() / "graph" / f"network-{key[:20]}.pickle"


def load_network(store: Store, rebuild: bool = False) -> Network:
    """The network of the store's current versions, from the cache when it is fresh."""
    key = store_key(store)
    path = cache_path(key)
    if not rebuild and path.exists():
        try:
            with path.open("rb") as fh:
                net = pickle.load(fh)
            if isinstance(net, Network) and net.key == key:
                return net
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
    net = build_network(store, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(net, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return net


def _website_key(value: str) -> str:
    v = value.strip().lower()
    v = re.sub(r"^[a-z]+://", "", v)
    v = v.removeprefix("www.")
    return v.split("/")[0]


def shared_key(kind: str, value: str) -> str | None:
    """The normalised form under which a value is shared (None when too short to count).

    ``kind`` is address, phone, email, website or identifier.
    """
    return _shared_keys(kind, value)


def _shared_keys(kind: str, value: str) -> str | None:
    if kind == "address":
        key = fold(value)
        return key if len(key.split()) >= 3 and len(key) >= 12 else None
    if kind == "phone":
        digits = re.sub(r"\D", "", value)
        return digits[-10:] if len(digits) >= 7 else None
    if kind == "email":
        key = value.strip().lower()
        return key if "@" in key else None
    if kind == "website":
        key = _website_key(value)
        return key if "." in key else None
    key = id_key(value)
    return key if len(key) >= 5 and not key.isalpha() else None


def _rep_rank(eid: str, source: str) -> tuple[int, int, str]:
    order = ("us_ofac_sdn", "eu_fsf", "gb_hmt", "un_sc", "us_ofac_cons")
    rank = order.index(source) if source in order else len(order)
    return (1 if is_document_source(source) else 0, rank, eid)


def build_network(store: Store, key: str | None = None) -> Network:
    """Read every current entity and build the resolved network."""
    parties: dict[str, dict[str, Any]] = {}
    relations: list[dict[str, Any]] = []
    sanctioned: dict[str, list[str]] = defaultdict(list)
    similar: list[tuple[str, str, float]] = []
    addresses: dict[str, str] = {}
    un_refs: dict[str, list[str]] = defaultdict(list)
    xrefs: list[tuple[str, str, str]] = []
    for ent in store.iter_entities():
        schema = ent["schema"]
        props = ent.get("properties", {})
        if schema in FAMILIES:
            parties[ent["id"]] = ent
        elif schema in RELATION_PROPS:
            relations.append(ent)
        elif schema == "Sanction":
            for target in props.get("entity", []):
                label = ", ".join(props.get("program", [])[:3]) or ent["source"]
                sanctioned[target].append(f"{ent['source']}: {label}")
                for ref in props.get("unscId", []):
                    if ent["source"] == UN_SOURCE:
                        un_refs[ref.strip()].append(target)
                    else:
                        xrefs.append((target, ref.strip(), f"its sanction's unscId {ref}"))
        elif schema == "Similar":
            try:
                score = float((props.get("confidenceScore") or ["0"])[0])
            except ValueError:
                score = 0.0
            for cand in props.get("candidate", []):
                for match in props.get("match", []):
                    similar.append((cand, match, score))
        elif schema == "Address":
            full = (props.get("full") or [ent.get("caption") or ""])[0]
            if full:
                addresses[ent["id"]] = full

    judged = judgement_store.list_judgements(store, include_withdrawn=True)
    uf = resolve(
        parties,
        similar,
        judgements=judged,
        addresses=addresses,
        un_refs=dict(un_refs),
        xrefs=xrefs,
    )
    members: dict[str, list[str]] = defaultdict(list)
    for eid in parties:
        members[uf.find(eid)].append(eid)
    cluster_of: dict[str, str] = {}
    graph = nx.Graph()
    names: dict[str, list[str]] = defaultdict(list)
    previous: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for group in members.values():
        group.sort(key=lambda e: _rep_rank(e, parties[e]["source"]))
        node = group[0]
        rep = parties[node]
        countries: set[str] = set()
        sanctions: list[str] = []
        prev_names: list[str] = []
        keys: set[str] = set()
        for eid in group:
            cluster_of[eid] = node
            props = parties[eid].get("properties", {})
            for prop in ("country", "jurisdiction", "mainCountry"):
                countries.update(c.lower() for c in props.get(prop, []))
            sanctions.extend(sanctioned.get(eid, []))
            prev_names.extend(props.get("previousName", []))
            for n in names_of(props, schema_family(parties[eid]["schema"])):
                keys.add(name_key(n))
                names[name_key(n)].append(node)
        designated = bool(sanctions)
        if designated:
            for prev in prev_names:
                previous[name_key(prev)].append((node, prev))
        graph.add_node(
            node,
            caption=rep.get("caption") or node,
            schema=rep["schema"],
            members=group,
            sources=sorted({parties[e]["source"] for e in group}),
            countries=sorted(countries),
            designated=designated,
            sanctions=sorted(set(sanctions)),
            previous_names=sorted(set(prev_names)),
            name_keys=sorted(keys),
        )
    merges: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in uf.merges:
        merges[cluster_of[m.a]].append(m.as_dict())
    blocked: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in uf.blocked:
        for eid in (m.a, m.b):
            blocked[cluster_of[eid]].append(m.as_dict())
    judgement_rows = [
        j.as_dict()
        | {"status": uf.judgement_status.get(j.id, "withdrawn" if not j.active else "unknown")}
        for j in judged
    ]

    for rel in relations:
        from_prop, to_prop, kind = RELATION_PROPS[rel["schema"]]
        props = rel.get("properties", {})
        role = (props.get("role") or props.get("relationship") or [""])[0]
        doc = is_document_source(rel["source"])
        if doc:
            if role in DOC_IGNORED_ROLES:
                continue
            strength = DOC_STRENGTH.get(role, DOC_DEFAULT_STRENGTH)
            kind = "document"
        elif kind == "link" and role.lower() == "linked to":
            kind = "linked_to"
            strength = STRENGTH[kind]
        else:
            strength = STRENGTH[kind]
        evidence = " ".join(
            props.get("description", []) + props.get("summary", []) + props.get("reason", [])
        )
        for a in props.get(from_prop, []):
            for b in props.get(to_prop, []):
                na, nb = cluster_of.get(a), cluster_of.get(b)
                if na is None or nb is None or na == nb:
                    continue
                text = evidence
                if not text and kind == "linked_to":
                    text = (
                        f"{rel['source']} entry {parties[a].get('source_id') or a} "
                        f"({parties[a].get('caption')}): 'Linked To: {parties[b].get('caption')}'"
                    )
                _add_relation(
                    graph,
                    na,
                    nb,
                    {
                        "kind": kind,
                        "role": role or kind,
                        "source": rel["source"],
                        "relation_id": rel["id"],
                        "subject": a,
                        "object": b,
                        "evidence": text or f"{rel['schema']} {rel['id']} in {rel['source']}",
                        "strength": strength,
                    },
                )

    shared: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for eid, ent in parties.items():
        props = ent.get("properties", {})
        node = cluster_of[eid]
        values: list[tuple[str, str]] = [("address", v) for v in props.get("address", [])]
        values += [
            ("address", addresses[a]) for a in props.get("addressEntity", []) if a in addresses
        ]
        values += [("phone", v) for v in props.get("phone", [])]
        values += [("email", v) for v in props.get("email", [])]
        values += [("website", v) for v in props.get("website", [])]
        values += [("identifier", v) for p in ID_PROPS for v in props.get(p, [])]
        for kind, value in values:
            k = _shared_keys(kind, value)
            if k is not None:
                shared[(kind, k)].setdefault(node, f"{eid}: {value}")
    shared_edges = 0
    for (kind, k), holders in shared.items():
        if len(holders) < 2 or len(holders) > MAX_SHARED:
            continue
        nodes = sorted(holders)
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                if schema_family(graph.nodes[a]["schema"]) is None:
                    continue
                shared_edges += 1
                _add_relation(
                    graph,
                    a,
                    b,
                    {
                        "kind": kind,
                        "role": f"same {kind}",
                        "source": "shared attribute",
                        "relation_id": f"{kind}:{k}",
                        "subject": holders[a].split(":")[0],
                        "object": holders[b].split(":")[0],
                        "evidence": f"same {kind} {k!r} ({holders[a]} | {holders[b]})",
                        "strength": STRENGTH[kind],
                    },
                )
    rules: dict[str, int] = defaultdict(int)
    for m in uf.merges:
        rules[m.rule] += 1
    stats = {
        "entities": len(parties),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "merges": len(uf.merges),
        "merges_by_rule": dict(sorted(rules.items())),
        "blocked": len(uf.blocked),
        "designated": sum(1 for _, d in graph.nodes(data="designated") if d),
        "shared_edges": shared_edges,
    }
    return Network(
        graph=graph,
        cluster_of=cluster_of,
        merges=dict(merges),
        names=dict(names),
        previous_names=dict(previous),
        key=key or store_key(store),
        stats=stats,
        entities={
            eid: (ent["schema"], ent["source"], ent.get("caption") or eid)
            for eid, ent in parties.items()
        },
        judgements=judgement_rows,
        blocked={k: v for k, v in blocked.items()},
        attributes={k: v for k, v in shared.items()},
    )


def _add_relation(graph: nx.Graph, a: str, b: str, relation: dict[str, Any]) -> None:
    if graph.has_edge(a, b):
        data = graph.edges[a, b]
        if any(r["relation_id"] == relation["relation_id"] for r in data["relations"]):
            return
        data["relations"].append(relation)
        if relation["strength"] > data["strength"]:
            data["strength"] = relation["strength"]
            data["kind"] = relation["kind"]
    else:
        graph.add_edge(
            a, b, relations=[relation], strength=relation["strength"], kind=relation["kind"]
        )
