"""One entity as an analyst reads it: names, programs, identifiers, links, sources.

Built from the store for ``frontwatch entity`` (and later the API and web UI).
"""

from __future__ import annotations

from typing import Any

from followthemoney import model

from frontwatch.store import RELATION_SCHEMATA, Store

NAME_PROPS = ("name",)
ALIAS_PROPS = {"alias": "a.k.a.", "weakAlias": "weak a.k.a.", "previousName": "f.k.a."}
ID_PROPS = (
    "idNumber",
    "passportNumber",
    "registrationNumber",
    "taxNumber",
    "innCode",
    "ogrnCode",
    "kppCode",
    "okpoCode",
    "leiCode",
    "swiftBic",
    "vatCode",
    "imoNumber",
    "mmsi",
    "callSign",
    "registrationNumber",
)
DETAIL_PROPS = (
    "birthDate",
    "birthPlace",
    "nationality",
    "citizenship",
    "gender",
    "position",
    "country",
    "jurisdiction",
    "incorporationDate",
    "email",
    "phone",
    "website",
    "flag",
    "type",
)


def build_entity_view(store: Store, entity_id: str) -> dict[str, Any] | None:
    """Everything frontwatch knows of one entity, as plain JSON-ready data."""
    data = store.get_entity(entity_id)
    if data is None:
        return None
    eid = data["id"]
    props: dict[str, list[str]] = data.get("properties", {})
    referencing = store.referencing(eid)
    sanctions = [r for r in referencing if r["schema"] == "Sanction"]
    relations = [r for r in referencing if r["schema"] in RELATION_SCHEMATA]
    # Entities this one points at, and the other ends of its relations.
    others: set[str] = set()
    schema = model.get(data["schema"])
    for rel in relations:
        rel_schema = model.get(rel["schema"])
        for prop_name, values in rel.get("properties", {}).items():
            prop = rel_schema.get(prop_name) if rel_schema else None
            if prop is not None and prop.type.name == "entity":
                others.update(v for v in values if v != eid)
    for prop_name, values in props.items():
        prop = schema.get(prop_name) if schema else None
        if prop is not None and prop.type.name == "entity":
            others.update(values)
    captions = {k: v["caption"] for k, v in store.get_entities(others).items()}
    links = []
    for rel in relations:
        rel_schema = model.get(rel["schema"])
        rp = rel.get("properties", {})
        ends: list[tuple[str, str]] = []
        for prop_name, values in rp.items():
            prop = rel_schema.get(prop_name) if rel_schema else None
            if prop is not None and prop.type.name == "entity":
                ends.extend((prop_name, v) for v in values)
        this_role = next((p for p, v in ends if v == eid), None)
        for _prop_name, other in ends:
            if other == eid:
                continue
            links.append(
                {
                    "relation": rel["schema"],
                    "relation_id": rel["id"],
                    "role": ", ".join(rp.get("role", [])) or rel["schema"],
                    "direction": "outgoing" if this_role in _SUBJECT_PROPS else "incoming",
                    "entity_id": other,
                    "caption": captions.get(other, other),
                    "source": rel["source"],
                }
            )
    programs = sorted({p for s in sanctions for p in s.get("properties", {}).get("program", [])})
    return {
        "id": eid,
        "caption": data["caption"],
        "schema": data["schema"],
        "names": props.get("name", []),
        "aliases": [
            {"name": n, "kind": kind, "strength": "weak" if p == "weakAlias" else "strong"}
            for p, kind in ALIAS_PROPS.items()
            for n in props.get(p, [])
        ],
        "programs": programs,
        "identifiers": {p: props[p] for p in dict.fromkeys(ID_PROPS) if p in props},
        "details": {p: props[p] for p in DETAIL_PROPS if p in props},
        "addresses": props.get("address", []),
        "notes": props.get("notes", []),
        "sanctions": [
            {
                "id": s["id"],
                "authority": s.get("properties", {}).get("authority", []),
                "authority_id": s.get("properties", {}).get("authorityId", []),
                "programs": s.get("properties", {}).get("program", []),
                "listing_date": s.get("properties", {}).get("listingDate", []),
                "source": s["source"],
            }
            for s in sanctions
        ],
        "links": links,
        "sources": [
            {
                "source": data["source"],
                "source_id": data["source_id"],
                "version": data["version_id"],
            }
        ],
        "properties": props,
    }


_SUBJECT_PROPS = {"subject", "owner", "director", "person", "member", "employee", "agent"}
