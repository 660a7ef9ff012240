"""The network questioned: explained paths to designated parties, red flags, exposure.

Read-only, like ``/graph/neighbors`` (open unless ``FRONTWATCH_PUBLIC_READ=0``). The
answers come from :mod:`frontwatch.graph.query` over the network the service keeps
in memory (:mod:`frontwatch.api.network`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from frontwatch.api.deps import Reader, ServiceDep
from frontwatch.api.errors import ApiError
from frontwatch.api.network import MAX_HOPS, DocumentNames, flags_report, node_json, path_json
from frontwatch.api.service import Service
from frontwatch.graph import GraphQueryError, Network, paths

router = APIRouter()

_STEP_EXAMPLE = {
    "from": "us-ofac-sdn-22685",
    "from_caption": "RAYBEAM OPTRONICS CO. LTD.",
    "to": "us-ofac-sdn-22683",
    "to_caption": "LIU, Baoxia",
    "kind": "linked_to",
    "kind_label": "Linked To",
    "role": "Linked To",
    "strength": 0.8,
    "evidence": [
        {
            "kind": "linked_to",
            "role": "Linked To",
            "source": "us_ofac_sdn",
            "relation_id": "us-ofac-sdn-22685-linked-22683",
            "subject": "us-ofac-sdn-22685",
            "object": "us-ofac-sdn-22683",
            "strength": 0.8,
            "evidence": "us_ofac_sdn entry 22685 (RAYBEAM OPTRONICS CO. LTD.): "
            "'Linked To: LIU, Baoxia'",
            "document": None,
        }
    ],
}
PATHS_EXAMPLE = {
    "query": "Raybeam Optronics",
    "to": "designated",
    "max_hops": 4,
    "limit": 10,
    "start": [
        {
            "id": "us-ofac-sdn-22685",
            "caption": "RAYBEAM OPTRONICS CO. LTD.",
            "designated": True,
            "match": {"how": "screening", "score": 1.0, "matched": "RAYBEAM OPTRONICS CO. LTD."},
        }
    ],
    "total": 1,
    "paths": [
        {
            "hops": 2,
            "strength": 0.64,
            "start_match": {"how": "screening", "score": 1.0, "matched": "RAYBEAM OPTRONICS"},
            "nodes": [
                {"id": "us-ofac-sdn-22685", "caption": "RAYBEAM OPTRONICS CO. LTD.", "...": "..."},
                {"id": "us-ofac-sdn-22683", "caption": "LIU, Baoxia", "...": "..."},
                {"id": "us-ofac-sdn-11183", "caption": "SHIRAZ ELECTRONICS INDUSTRIES"},
            ],
            "steps": [_STEP_EXAMPLE, {"from": "us-ofac-sdn-22683", "to": "us-ofac-sdn-11183"}],
            "target": {"id": "us-ofac-sdn-11183", "caption": "SHIRAZ ELECTRONICS INDUSTRIES"},
        }
    ],
}
FLAGS_EXAMPLE = {
    "entity": {"id": "doc-…-company-example-front-trading", "caption": "Example Front Trading"},
    "exposure": {
        "score": 0.6,
        "designated": False,
        "max_hops": 4,
        "path": {"hops": 1, "strength": 0.6, "steps": ["…"]},
    },
    "flags": [
        {
            "kind": "document_procurement",
            "label": "Procurement in a document",
            "meaning": "A stored document says it buys for, supplies, fronts for …",
            "message": "a document says it supplied to designated SHIRAZ ELECTRONICS "
            "INDUSTRIES (us-ofac-sdn-11183)",
            "counterpart": {"id": "us-ofac-sdn-11183", "designated": True, "...": "..."},
            "evidence": ["doc_3f2a…: The Treasury designated Example Front Trading …"],
            "parties": [{"id": "us-ofac-sdn-11183", "caption": "SHIRAZ ELECTRONICS INDUSTRIES"}],
            "documents": [
                {"id": "doc-…", "title": "Treasury Targets …", "page": "/ui/documents/…"}
            ],
        }
    ],
}


def network_of(service: Service) -> Network:
    """The service's network; ``ApiError`` 503 when no list is loaded."""
    if not service.store.current_versions(lists_only=True):
        raise ApiError(503, "no lists are loaded; load them first with: frontwatch lists load")
    return service.network.get()


ATTRIBUTES = ("address", "phone", "email", "website", "identifier")


def paths_answer(
    service: Service,
    q: str,
    to: str = "designated",
    max_hops: int = 4,
    limit: int = 10,
    attributes: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The answer of ``GET /graph/paths`` (also what the web UI's paths page shows).

    ``attributes`` (``address``, ``phone``, ``email``, ``website``, ``identifier``: values
    given with the name) also start paths from the parties that share one of them.
    """
    q, to = q.strip(), to.strip() or "designated"
    given = {k: [v for v in vs if v.strip()] for k, vs in (attributes or {}).items()}
    given = {k: vs for k, vs in given.items() if vs}
    if not q:
        raise ApiError(422, "query parameter q is empty: give a name or an entity id")
    net = network_of(service)
    service.screening.get()  # a name on no list is screened with the service's index
    if to != "designated" and net.node_of(to) is None:
        raise ApiError(
            404,
            f"no entity {to!r} in the network: give 'designated' or an entity id "
            "(us-ofac-sdn-11183) or a list's own reference",
        )
    try:
        found = paths(net, q, to=to, max_hops=max_hops, limit=limit, db=service.store.url, **given)
    except GraphQueryError as exc:
        message = str(exc).split(";")[0]
        raise ApiError(
            404,
            f"{message}; try another spelling or an entity id, or give an address, phone, "
            "email, website or id (query parameters) to start from the parties that share it",
        ) from None
    docs = DocumentNames(service.store)
    starts: dict[str, dict[str, Any]] = {}
    for p in found:
        first = p.nodes[0] if p.nodes[0] in net.graph else p.nodes[1]
        starts.setdefault(first, {**node_json(net, first), "match": p.start_match})
    node = net.node_of(q)
    if node is not None and node not in starts:
        starts[node] = {**node_json(net, node), "match": None}
    return {
        "query": q,
        "to": to,
        "max_hops": max_hops,
        "limit": limit,
        "start": list(starts.values()),
        "total": len(found),
        "paths": [path_json(net, p, docs) for p in found],
    }


@router.get(
    "/graph/paths",
    summary="Explained paths from a party to designated parties",
    tags=["Network"],
    responses={
        200: {"content": {"application/json": {"example": PATHS_EXAMPLE}}},
        404: {"description": "No party by that name or id, or an unknown `to` id"},
        422: {"description": "An empty `q`, or `max_hops`/`limit` out of range"},
        503: {"description": "No list is loaded"},
    },
)
def graph_paths(
    service: ServiceDep,
    _user: Reader,
    q: Annotated[
        str,
        Query(
            min_length=1,
            description="Any name, or an entity id (`us-ofac-sdn-22685`) or a list's own "
            "reference. An id or a name on a list starts there; any other name is screened "
            "and starts from its best matches.",
            examples=["Raybeam Optronics"],
        ),
    ],
    to: Annotated[
        str,
        Query(
            description="`designated` (any designated party) or one entity id.",
            examples=["designated", "us-ofac-sdn-11183"],
        ),
    ] = "designated",
    max_hops: Annotated[
        int, Query(ge=1, le=MAX_HOPS, description="The longest path, in relations.")
    ] = 4,
    limit: Annotated[int, Query(ge=1, le=100, description="At most this many paths.")] = 10,
    address: Annotated[
        list[str] | None,
        Query(
            description="An address of the party (repeat for several): paths also start "
            "from the parties that give the same address."
        ),
    ] = None,
    phone: Annotated[list[str] | None, Query(description="A phone number of the party.")] = None,
    email: Annotated[list[str] | None, Query(description="An email address of the party.")] = None,
    website: Annotated[list[str] | None, Query(description="A website of the party.")] = None,
    id: Annotated[  # noqa: A002 - the word users know
        list[str] | None,
        Query(description="An identifier of the party (registration, tax, IMO, passport …)."),
    ] = None,
) -> dict[str, Any]:
    """Routes from a party to designated parties (or to one entity), shortest first and
    strongest first among paths of the same length; to one entity, the best few different
    routes (Yen's k shortest paths).

    Each step says which two parties it joins, the kind of tie (`linked_to`, `ownership`,
    `directorship`, `address` …, `document`) and its `evidence`: every relation behind it
    with its `source` (the list, `shared attribute`, or the `doc_…` of a document), the list's
    relation id and the text that states it — for a document, the sentence, and the document's
    `id`, `title` and `page`. `strength` is the product of the steps' strengths (see
    docs/graph.md). `start` says how the query was read (`match`: `null` for an id, `name`
    for a name on a list, `screening` with the score and the matched name otherwise).

    A name on no list can come with what else is known of the party — `address`, `phone`,
    `email`, `website`, `id` (each may be repeated): paths then also start from the parties
    that share one of those values, with a first step from the query itself (`query: true`
    on its node, `source` `query`, `start_match.how` `attribute`)."""
    attributes = {
        "address": address or [],
        "phone": phone or [],
        "email": email or [],
        "website": website or [],
        "identifier": id or [],
    }
    return paths_answer(service, q, to, max_hops, limit, attributes)


@router.get(
    "/graph/flags/{entity_id}",
    summary="Red flags and the exposure score of a party",
    tags=["Network"],
    responses={
        200: {"content": {"application/json": {"example": FLAGS_EXAMPLE}}},
        404: {"description": "No such entity"},
        503: {"description": "No list is loaded"},
    },
)
def graph_flags(
    service: ServiceDep,
    _user: Reader,
    entity_id: Annotated[
        str,
        Path(
            description="An entity id or a list's own reference.",
            examples=["us-ofac-sdn-22685"],
        ),
    ],
) -> dict[str, Any]:
    """Front-company red flags of a party, each with what it means, the parties it names and
    its evidence (the shared value, the list relation, the document sentence), and its
    exposure: 1 when a list designates it, else the strongest product of tie strengths over
    paths of at most 4 relations to a designated party (0 when none is that close), with
    that path. The entity is the resolved party (`members`: its entries on every list and
    document)."""
    net = network_of(service)
    node = net.node_of(entity_id.strip())
    if node is None:
        raise ApiError(
            404,
            f"no entity {entity_id!r} in the network (ids look like us-ofac-sdn-22683; "
            "find one with GET /search/default?q=NAME)",
        )
    return flags_report(net, service.store, node)
