"""Read-only endpoints: entities, their adjacent entities, the network, the lists, health.

Open to everyone by default; ``FRONTWATCH_PUBLIC_READ=0`` asks for a key here
too (``/healthz`` stays open, for load balancers).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Query
from followthemoney import model

from frontwatch import __version__
from frontwatch.api.deps import Reader, ServiceDep
from frontwatch.api.errors import ApiError
from frontwatch.api.ftm import designated, entity_dates, entity_json
from frontwatch.api.graph import MAX_DEPTH, GraphError, neighbors
from frontwatch.entity_view import build_entity_view
from frontwatch.store import Store, VersionInfo

router = APIRouter()
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such entity"}}


def _not_found(entity_id: str) -> ApiError:
    return ApiError(
        404, f"no entity {entity_id!r} in the loaded lists (ids look like us-ofac-sdn-22683)"
    )


def _entity(store: Store, data: dict[str, Any]) -> dict[str, Any]:
    eid = data["id"]
    return entity_json(data, designated(store, [eid]), entity_dates(store, [eid]))


def _reverse_props(rel: dict[str, Any], entity_id: str) -> list[str]:
    schema = model.get(rel["schema"])
    names = []
    for prop_name, values in rel.get("properties", {}).items():
        prop = schema.get(prop_name) if schema else None
        if prop is not None and prop.type.name == "entity" and entity_id in values:
            names.append(prop.reverse.name if prop.reverse is not None else prop_name)
    return names


def _entity_values(data: dict[str, Any]) -> Iterator[tuple[str, list[str]]]:
    """The properties of an entity that point at other entities."""
    schema = model.get(data["schema"])
    for prop_name, values in data.get("properties", {}).items():
        prop = schema.get(prop_name) if schema else None
        if prop is not None and prop.type.name == "entity":
            yield prop_name, values


class Adjacency:
    """What points at an entity (by reverse property) and what it points at, from the store."""

    def __init__(self, store: Store, data: dict[str, Any], limit: int, offset: int) -> None:
        self.data = data
        eid = self.eid = data["id"]
        self.groups: dict[str, list[dict[str, Any]]] = {}
        for rel in store.referencing(eid):
            for name in _reverse_props(rel, eid):
                self.groups.setdefault(name, []).append(rel)
        self.forward = dict(_entity_values(data))
        self.pages = {n: rels[offset : offset + limit] for n, rels in self.groups.items()}
        self.fpages = {n: ids[offset : offset + limit] for n, ids in self.forward.items()}
        wanted: set[str] = {eid}
        for rels in self.pages.values():
            for rel in rels:
                wanted.add(rel["id"])
                for _, values in _entity_values(rel):
                    wanted.update(values)
        for ids in self.fpages.values():
            wanted.update(ids)
        self.found = store.get_entities(wanted)
        self.targets = designated(store, wanted)
        self.dates = entity_dates(store, wanted)

    def json(self, data: dict[str, Any]) -> dict[str, Any]:
        """An entity in yente's shape."""
        return entity_json(data, self.targets, self.dates)

    def nested(self, rel: dict[str, Any]) -> dict[str, Any]:
        """A relation with the entities at its other ends nested in its properties."""
        out = self.json(rel)
        props = dict(rel.get("properties", {}))
        for prop_name, values in _entity_values(rel):
            props[prop_name] = [
                v if v == self.eid or v not in self.found else self.json(self.found[v])
                for v in values
            ]
        out["properties"] = props
        return out

    def results(self, name: str) -> list[Any]:
        """One page of the adjacent entities under a property name."""
        if name in self.pages:
            return [self.nested(r) for r in self.pages[name]]
        return [self.json(self.found[i]) if i in self.found else i for i in self.fpages[name]]

    def totals(self) -> dict[str, int]:
        """How many adjacent entities there are under each property name."""
        return {
            **{n: len(r) for n, r in self.groups.items()},
            **{n: len(i) for n, i in self.forward.items()},
        }


@router.get("/entities/{entity_id}", summary="One entity", tags=["Entities"], responses=NOT_FOUND)
def get_entity(
    entity_id: str,
    service: ServiceDep,
    _user: Reader,
    nested: Annotated[
        bool,
        Query(description="Nest sanctions, relations and linked entities in the properties."),
    ] = True,
) -> dict[str, Any]:
    """An entity in FtM form (yente's shape) with frontwatch's reading of it under `frontwatch`.

    The id is frontwatch's (`us-ofac-sdn-22683`) or the list's own (`IRe.055`). With
    `nested` (the default, as in yente) the properties also hold what is linked to it:
    `sanctions`, `unknownLinkTo`, `ownershipAsset` … with the other ends nested.
    """
    store = service.store
    data = store.get_entity(entity_id)
    if data is None:
        raise _not_found(entity_id)
    if nested:
        adj = Adjacency(store, data, limit=500, offset=0)
        out = adj.json(data)
        props = dict(out["properties"])
        for name in adj.totals():
            props[name] = adj.results(name)
        out["properties"] = props
    else:
        out = _entity(store, data)
    out["frontwatch"] = build_entity_view(store, data["id"])
    return out


@router.get(
    "/entities/{entity_id}/adjacent",
    summary="Entities linked to an entity",
    tags=["Entities"],
    responses=NOT_FOUND,
)
def adjacent(
    entity_id: str,
    service: ServiceDep,
    _user: Reader,
    limit: Annotated[int, Query(ge=1, le=500)] = 10,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Sanctions, relations (Linked To, ownership, directorship, family …) and referenced
    entities (addresses …), grouped by property as yente does, with the other ends nested."""
    data = service.store.get_entity(entity_id)
    if data is None:
        raise _not_found(entity_id)
    adj = Adjacency(service.store, data, limit, offset)
    return {
        "entity": adj.json(data),
        "adjacent": {
            name: {
                "results": adj.results(name),
                "total": {"value": total, "relation": "eq"},
                "limit": limit,
                "offset": offset,
            }
            for name, total in adj.totals().items()
        },
    }


@router.get("/graph/neighbors", summary="The network around an entity", tags=["Network"])
def graph_neighbors(
    service: ServiceDep,
    _user: Reader,
    id: Annotated[str, Query(min_length=1, description="Entity id.")],  # noqa: A002
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 1,
) -> dict[str, Any]:
    """Nodes and edges within `depth` relations, designated parties marked, each edge
    with its evidence (relation type, role as published, list, dates)."""
    try:
        return neighbors(service.store, id, depth)
    except GraphError as exc:
        raise ApiError(404, str(exc)) from None


def version_json(v: VersionInfo, stored: int | None = None) -> dict[str, Any]:
    """A list version as the API shows it (file names without their folders)."""
    out = {
        "source": v.source,
        "version": v.id,
        "label": v.label,
        "checksum": v.checksum,
        "issued": v.issued,
        "file_date": v.file_date,
        "format": v.format,
        "files": [PurePath(f).name for f in v.files],
        "record_count": v.record_count,
        "entity_count": v.entity_count,
        "counts": v.counts,
        "loaded_at": v.loaded_at,
        "load_seconds": round(v.load_seconds, 3),
        "current": v.is_current,
    }
    if stored is not None:
        out["versions_stored"] = stored
    return out


@router.get("/lists", summary="The loaded lists", tags=["Lists"])
def lists(service: ServiceDep, _user: Reader) -> dict[str, Any]:
    """Every loaded list: current version, checksum, dates, entity counts."""
    store = service.store
    current = store.current_versions()
    ready = service.screening.ready
    index: dict[str, Any] = {"ready": ready}
    if ready:
        loaded = service.screening.get()
        index.update(key=loaded.key, entities=len(loaded.screener.index.entities))
    return {
        "lists": [version_json(v, len(store.versions(v.source))) for v in current],
        "index": index,
    }


@router.get("/lists/{source}", summary="Every version of one list", tags=["Lists"])
def list_versions(source: str, service: ServiceDep, _user: Reader) -> dict[str, Any]:
    """Every stored version of a list, oldest first."""
    found = service.store.versions(source)
    if not found:
        known = ", ".join(service.store.sources()) or "none"
        raise ApiError(404, f"no list {source!r} is loaded; lists: {known}")
    return {"source": source, "versions": [version_json(v) for v in found]}


@router.get("/healthz", summary="Health", tags=["Service"])
def healthz(service: ServiceDep) -> dict[str, Any]:
    """Whether the service is up, how many lists it has and whether screening is ready."""
    return {
        "status": "ok",
        "version": __version__,
        "lists": len(service.store.current_versions()),
        "index": "ready" if service.screening.ready else "loading",
        "auth": service.settings.auth,
    }
