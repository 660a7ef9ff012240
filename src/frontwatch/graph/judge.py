"""Resolved clusters and analysts' judgements about them (``frontwatch resolve``).

``cluster(net, ref)`` says which resolved entity an entity belongs to: its members with
their source and caption, the evidence of every merge, the unions an analyst's split
refused, and the judgements about any member. ``merge``/``split``/``undo`` record a
judgement in the store (:mod:`frontwatch.store.judgements`) and rebuild the network, whose
cache key includes the judgements.
"""

from __future__ import annotations

from typing import Any

from frontwatch.graph.build import Network, load_network
from frontwatch.graph.query import GraphQueryError
from frontwatch.store import Store
from frontwatch.store import judgements as judgement_store
from frontwatch.store.judgements import Judgement

PREFIXES = ("us-ofac-sdn-", "eu-fsf-", "gb-hmt-", "un-sc-", "us-ofac-cons-")


def entity_of(net: Network, ref: str) -> str | None:
    """The party entity an id or a list's own reference (``10391``, ``INU0080``) names."""
    ref = ref.strip()
    if ref in net.entities:
        return ref
    for prefix in PREFIXES:
        if prefix + ref in net.entities:
            return prefix + ref
    return None


def require_entity(net: Network, ref: str) -> str:
    """The entity id of ``ref`` or a one-line :class:`GraphQueryError` with a hint."""
    eid = entity_of(net, ref)
    if eid is None:
        raise GraphQueryError(
            f"no party {ref!r} in the current lists or documents; give an entity id "
            "(us-ofac-sdn-10391) or a list's own reference (10391, INU0080) — "
            "`frontwatch screen NAME` finds them"
        )
    return eid


def judgements_about(
    net: Network, ids: set[str], include_withdrawn: bool = False
) -> list[dict[str, Any]]:
    """The judgements (with their status) that name one of ``ids``, oldest first."""
    return [
        j
        for j in net.judgements
        if (include_withdrawn or j["withdrawn_at"] is None)
        and (j["entity_id"] in ids or j["other_id"] in ids)
    ]


def _member(net: Network, eid: str) -> dict[str, Any]:
    schema, source, caption = net.entities[eid]
    return {"id": eid, "source": source, "schema": schema, "caption": caption}


def cluster(net: Network, ref: str) -> dict[str, Any]:
    """The resolved entity ``ref`` belongs to, with the evidence of every merge.

    For an id that is in no current list version but that judgements name, the answer has
    ``"present": False`` and those (dangling) judgements, instead of an error.
    """
    eid = entity_of(net, ref)
    if eid is None:
        dangling = judgements_about(net, {ref.strip()})
        if dangling:
            return {
                "entity": ref.strip(),
                "present": False,
                "node": None,
                "members": [],
                "merges": [],
                "blocked": [],
                "judgements": dangling,
            }
        require_entity(net, ref)
    assert eid is not None
    node = net.cluster_of[eid]
    data = net.graph.nodes[node]
    members = list(data["members"])
    return {
        "entity": eid,
        "present": True,
        "node": node,
        "caption": data["caption"],
        "schema": data["schema"],
        "designated": data["designated"],
        "sanctions": data["sanctions"],
        "members": [_member(net, m) for m in members],
        "merges": net.merges.get(node, []),
        "blocked": net.blocked.get(node, []),
        "judgements": judgements_about(net, set(members) | {eid}),
    }


def _rebuilt(store: Store) -> Network:
    return load_network(store)


def merge(
    store: Store, net: Network, a: str, b: str, who: str | None = None, note: str | None = None
) -> tuple[Judgement, Network]:
    """Record that ``a`` and ``b`` are the same party; the rebuilt network."""
    ea, eb = require_entity(net, a), require_entity(net, b)
    if ea == eb:
        raise GraphQueryError(f"{a} and {b} are the same entity ({ea})")
    judgement = judgement_store.record(store, "merge", ea, eb, who, note)
    return judgement, _rebuilt(store)


def split(
    store: Store,
    net: Network,
    ref: str,
    other: str | None = None,
    who: str | None = None,
    note: str | None = None,
) -> tuple[Judgement, Network]:
    """Record that ``ref`` stands apart from ``other`` (or from its whole cluster)."""
    eid = require_entity(net, ref)
    oid = require_entity(net, other) if other else None
    if oid == eid:
        raise GraphQueryError(f"{ref} and {other} are the same entity ({eid})")
    judgement = judgement_store.record(store, "split", eid, oid, who, note)
    return judgement, _rebuilt(store)


def undo(store: Store, judgement_id: int, who: str | None = None) -> tuple[Judgement, Network]:
    """Withdraw a judgement; the rebuilt network."""
    judgement = judgement_store.withdraw(store, judgement_id, who)
    return judgement, _rebuilt(store)


def status_of(net: Network, judgement_id: int) -> str:
    """What the resolver made of a judgement: applied, dangling, superseded, conflict..."""
    for j in net.judgements:
        if j["id"] == judgement_id:
            return str(j["status"])
    return "unknown"
