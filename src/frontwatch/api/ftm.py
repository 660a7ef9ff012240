"""The yente wire format: FtM query examples in, scored FtM entities out.

OpenSanctions' yente answers ``POST /match/{dataset}`` with entities shaped
like FollowTheMoney (``id``, ``caption``, ``schema``, ``properties``,
``datasets`` …) plus ``score``, ``features``, ``explanations`` and ``match``.
This module turns a yente query example into frontwatch ``Query`` objects and
frontwatch ``Result`` objects back into that shape, so that yente clients work
unchanged. The pydantic models document the shapes in the OpenAPI page.
"""

from __future__ import annotations

import difflib
import itertools
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from followthemoney import model
from followthemoney.types import registry
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import and_, select

from frontwatch.api.errors import ApiError
from frontwatch.match.index import ID_PROPS
from frontwatch.match.score import (
    BIRTH_DATE_MATCH,
    BIRTH_DATE_MISMATCH,
    COMMON_NAME_PENALTY,
    COUNTRY_MATCH,
    COUNTRY_MISMATCH,
    IDENTIFIER_MATCH,
    NOT_AN_ORGANISATION_PENALTY,
    ONE_PART_PENALTY,
    OTHER_CHINESE_NAME_PENALTY,
    WEAK_ALIAS_PENALTY,
)
from frontwatch.match.screen import SCHEMA_TYPES, Query, QueryError, Result
from frontwatch.store import Store
from frontwatch.store.schema import current, entities, refs, versions

ALGORITHM = "frontwatch"
# Names yente clients may send; frontwatch answers all of them with its own matcher.
ALGORITHM_ALIASES = (
    "frontwatch",
    "default",
    "best",
    "logic-v1",
    "logic-v2",
    "name-based",
    "name-qualified",
    "regression-v1",
    "regression-v2",
    "regression-v3",
)
MATCHABLE_SCHEMATA = tuple(sorted(SCHEMA_TYPES))
NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
NAME_PART_PROPS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
COUNTRY_PROPS = (
    "nationality",
    "citizenship",
    "country",
    "jurisdiction",
    "mainCountry",
    "flag",
    "registrationCountry",
)
DATE_PROPS = ("birthDate",)
MAX_NAMES = 5
MAX_VARIANTS = 24  # name x country x date x id combinations screened per query

FEATURE_DOCS: dict[str, tuple[str, float]] = {
    "name": (
        "How alike the best pair of names is (0-1): tokens paired one to one across "
        "scripts, romanisations, spelling variants, initials and typos; rare tokens "
        "weigh more than common ones.",
        1.0,
    ),
    "weak_alias": ("The matched name is an alias the list marks as weak.", WEAK_ALIAS_PENALTY),
    "common_name": (
        "The matched name is very common: confirm with birth date, nationality or an id.",
        COMMON_NAME_PENALTY,
    ),
    "country_match": ("The query's country is one the list gives.", COUNTRY_MATCH),
    "country_mismatch": (
        "The query's country is none of those the list gives.",
        COUNTRY_MISMATCH,
    ),
    "birth_date_match": ("The birth date agrees with the listed one.", BIRTH_DATE_MATCH),
    "birth_date_mismatch": (
        "The birth date conflicts with the listed one.",
        BIRTH_DATE_MISMATCH,
    ),
    "birth_date_not_compared": (
        "The list's birth dates are not compared: they disagree with other lists' for "
        "most persons that share an identifier with them.",
        0.0,
    ),
    "identifier_match": (
        "An identifier (passport, national id, registration, IMO …) is listed.",
        IDENTIFIER_MATCH,
    ),
    "one_name_part": (
        "The names share one distinctive part only, and the query has another part the "
        "listed name lacks (or gives only as an initial).",
        ONE_PART_PENALTY,
    ),
    "not_an_organisation": (
        "The query (schema LegalEntity or Thing) names an organisation: a legal form or "
        "business word in it; the entity is a person, vessel or aircraft.",
        NOT_AN_ORGANISATION_PENALTY,
    ),
    "other_chinese_name": (
        "Two words of joined pinyin syllables paired as spellings read as other "
        "syllables: another Chinese name, not a misspelling.",
        OTHER_CHINESE_NAME_PENALTY,
    ),
}


def feature_docs() -> dict[str, dict[str, Any]]:
    """yente's ``FeatureDocs``: each feature with a description and its coefficient."""
    return {
        name: {"description": text, "coefficient": coef, "url": "docs/screening.md"}
        for name, (text, coef) in FEATURE_DOCS.items()
    }


# -- request and response models (for validation and the OpenAPI page) ---------------


class EntityExample(BaseModel):
    """A query example: an FtM entity with what is known of the party."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(None, examples=["my-entity-id"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(
        ...,
        examples=[{"name": ["Liu Baoxia"], "birthDate": ["1981-09-10"], "nationality": ["cn"]}],
    )


class EntityMatchQuery(BaseModel):
    """The body of ``POST /match/{dataset}``: named query examples."""

    queries: dict[str, EntityExample] = Field(
        ...,
        examples=[
            {
                "q1": {
                    "schema": "Person",
                    "properties": {"name": ["Liu Baoxia"], "birthDate": ["1981-09-10"]},
                },
                "q2": {
                    "schema": "Company",
                    "properties": {"name": ["Rayan Roshd Afzar"], "jurisdiction": ["ir"]},
                },
            }
        ],
    )
    weights: dict[str, float] = Field(
        default_factory=dict, description="Accepted for yente compatibility; not used."
    )
    config: dict[str, str | int | float | bool | None] = Field(
        default_factory=dict, description="Accepted for yente compatibility; not used."
    )


class TotalSpec(BaseModel):
    """How many results there are."""

    value: int
    relation: str = "eq"


class FeatureExplanation(BaseModel):
    """One feature of a score: what it added and what it compared."""

    score: float
    detail: str | None = None
    query: str | None = None
    candidate: str | None = None


class EntityResponse(BaseModel):
    """A listed entity in FollowTheMoney form."""

    model_config = ConfigDict(populate_by_name=True)

    id: str
    caption: str
    schema_: str = Field(..., alias="schema")
    properties: dict[str, list[Any]]
    datasets: list[str] = []
    referents: list[str] = []
    target: bool = False
    first_seen: str | None = None
    last_seen: str | None = None
    last_change: str | None = None


class ScoredEntityResponse(EntityResponse):
    """A match: the entity with its score and why."""

    score: float
    features: dict[str, float]
    explanations: dict[str, FeatureExplanation]
    match: bool
    explanation: str = Field(..., description="The score in words, feature by feature.")
    frontwatch: dict[str, Any] = Field(
        default_factory=dict,
        description="Which listed name matched, the list's own id, programs.",
    )


class EntityMatches(BaseModel):
    """The results of one query."""

    status: int = 200
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample


class EntityMatchResponse(BaseModel):
    """The answer of ``POST /match/{dataset}``."""

    responses: dict[str, EntityMatches]
    matcher: dict[str, dict[str, Any]]
    limit: int


class SearchResponse(BaseModel):
    """The answer of ``GET /search/{dataset}``."""

    limit: int
    offset: int
    total: TotalSpec
    results: list[dict[str, Any]]
    facets: dict[str, Any]


# -- query examples -> frontwatch queries ------------------------------------------------


@dataclass
class PreparedQuery:
    """A query example read into frontwatch queries (one per combination of values)."""

    key: str
    schema: str
    names: list[str]
    variants: list[Query]
    echo: dict[str, Any]  # the example as understood, returned as ``query``

    @property
    def audit_query(self) -> dict[str, Any]:
        """What the audit trail keeps of this query."""
        first = self.variants[0]
        return {
            "name": first.name,
            "names": self.names,
            "type": first.type,
            "schema": self.schema,
            "country": first.country,
            "countries": sorted({v.country for v in self.variants if v.country}),
            "birth_date": first.birth_date,
            "id_number": first.id_number,
            "key": self.key,
        }


def _values(key: str, prop: str, raw: str | list[Any]) -> list[str]:
    items = raw if isinstance(raw, list) else [raw]
    out: list[str] = []
    for item in items:
        if isinstance(item, bool) or item is None:
            continue
        if isinstance(item, int | float):
            item = str(item)
        if not isinstance(item, str):
            raise ApiError(
                400,
                f"queries.{key}.properties.{prop}: values must be strings, "
                f"not {type(item).__name__}",
            )
        text = item.strip()
        if text and text not in out:
            out.append(text)
    return out


def _or_none(values: list[str], most: int = 3) -> list[str | None]:
    """The first values, or ``[None]`` when there are none (one variant without it)."""
    return list(values[:most]) or [None]


def prepare_query(key: str, example: EntityExample) -> PreparedQuery:
    """Read one yente query example; ``ApiError`` (400) says what is wrong with it."""
    schema = model.get(example.schema_)
    if schema is None:
        hint = difflib.get_close_matches(example.schema_, MATCHABLE_SCHEMATA, n=1)
        raise ApiError(
            400,
            f"queries.{key}: unknown schema {example.schema_!r}"
            + (f" (did you mean {hint[0]}?)" if hint else "")
            + f"; use one of {', '.join(MATCHABLE_SCHEMATA)}",
        )
    if schema.name not in SCHEMA_TYPES:
        raise ApiError(
            400,
            f"queries.{key}: {schema.name} entities cannot be screened; "
            f"use one of {', '.join(MATCHABLE_SCHEMATA)}",
        )
    props: dict[str, list[str]] = {}
    for prop_name, raw in example.properties.items():
        if schema.get(prop_name) is None:
            hint = difflib.get_close_matches(prop_name, list(schema.properties), n=1)
            raise ApiError(
                400,
                f"queries.{key}: {schema.name} has no property {prop_name!r}"
                + (f" (did you mean {hint[0]}?)" if hint else ""),
            )
        values = _values(key, prop_name, raw)
        if values:
            props[prop_name] = values
    names = [n for p in NAME_PROPS for n in props.get(p, [])]
    if not names:
        parts = [props[p][0] for p in NAME_PART_PROPS if props.get(p)]
        if parts:
            names = [" ".join(parts)]
    names = list(dict.fromkeys(names))
    if not names:
        raise ApiError(400, f"queries.{key} has no name: give properties.name")
    # A name with nothing to screen ("LLC", "N/A") beside others is passed over; alone,
    # it is the query's error.
    screenable = [n for n in names if _screenable(n, SCHEMA_TYPES[schema.name])]
    names = (screenable or names)[:MAX_NAMES]
    countries: list[str] = []
    for prop_name in COUNTRY_PROPS:
        for value in props.get(prop_name, []):
            code = registry.country.clean(value)
            if code is None:
                raise ApiError(
                    400,
                    f"queries.{key}.properties.{prop_name}: unknown country {value!r}; "
                    "use an ISO code such as cn or a country name",
                )
            if code not in countries:
                countries.append(code)
    dates = list(dict.fromkeys(d[:10] for p in DATE_PROPS for d in props.get(p, [])))
    ids = list(dict.fromkeys(v for p in ID_PROPS for v in props.get(p, [])))
    combos = itertools.product(names, _or_none(countries), _or_none(dates), _or_none(ids))
    qtype = SCHEMA_TYPES[schema.name]
    variants: list[Query] = []
    try:
        for name, country, date, id_number in itertools.islice(combos, MAX_VARIANTS):
            variants.append(Query(name, qtype, country, date, id_number))
    except QueryError as exc:
        raise ApiError(400, f"queries.{key}: {exc}") from None
    echo = {"id": example.id, "schema": schema.name, "properties": props}
    return PreparedQuery(key, schema.name, names, variants, echo)


def _screenable(name: str, qtype: str) -> bool:
    try:
        Query(name, qtype)
    except QueryError:
        return False
    return True


def merge_results(batches: Iterable[list[Result]]) -> list[Result]:
    """The best result per entity over several screenings, best first."""
    best: dict[str, Result] = {}
    for results in batches:
        for r in results:
            prev = best.get(r.entity_id)
            if prev is None or r.score > prev.score:
                best[r.entity_id] = r
    return sorted(best.values(), key=lambda r: (-r.score, r.caption))


# -- store lookups for the response ----------------------------------------------------


def designated(store: Store, ids: Iterable[str]) -> set[str]:
    """Which of these entities a ``Sanction`` of a current list version points at."""
    wanted = list(set(ids))
    found: set[str] = set()
    if not wanted:
        return found
    with store.engine.connect() as conn:
        cur = list(conn.execute(select(current.c.version_id)).scalars())
        for i in range(0, len(wanted), 500):
            rows = conn.execute(
                select(refs.c.target_id)
                .join(
                    entities,
                    and_(
                        entities.c.id == refs.c.entity_id,
                        entities.c.version_id == refs.c.version_id,
                    ),
                )
                .where(
                    and_(
                        refs.c.target_id.in_(wanted[i : i + 500]),
                        refs.c.version_id.in_(cur),
                        refs.c.prop == "entity",
                        entities.c.schema == "Sanction",
                    )
                )
                .distinct()
            )
            found.update(rows.scalars())
    return found


def entity_dates(store: Store, ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """``first_seen``, ``last_seen`` and ``last_change`` of entities, from the stored versions.

    An entity is *seen* in every loaded version of its list that holds it;
    it last *changed* when its properties last differed from the version before.
    """
    wanted = list(set(ids))
    history: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with store.engine.connect() as conn:
        for i in range(0, len(wanted), 500):
            rows = conn.execute(
                select(entities.c.id, entities.c.fingerprint, versions.c.loaded_at)
                .join(versions, versions.c.id == entities.c.version_id)
                .where(entities.c.id.in_(wanted[i : i + 500]))
                .order_by(versions.c.id)
            )
            for row in rows:
                history[row.id].append((row.loaded_at, row.fingerprint))
    out: dict[str, dict[str, str]] = {}
    for eid, seen in history.items():
        change = seen[0][0]
        for (_, before), (at, after) in itertools.pairwise(seen):
            if before != after:
                change = at
        out[eid] = {"first_seen": seen[0][0], "last_seen": seen[-1][0], "last_change": change}
    return out


def entity_json(
    data: dict[str, Any], targets: set[str], dates: dict[str, dict[str, str]]
) -> dict[str, Any]:
    """A stored entity in yente's ``EntityResponse`` shape."""
    seen = dates.get(data["id"], {})
    return {
        "id": data["id"],
        "caption": data.get("caption") or data["id"],
        "schema": data["schema"],
        "properties": data.get("properties", {}),
        "datasets": [data["source"]] if data.get("source") else [],
        "referents": [],
        "target": data["id"] in targets,
        "first_seen": seen.get("first_seen"),
        "last_seen": seen.get("last_seen"),
        "last_change": seen.get("last_change"),
    }


def scored_json(result: Result, entity: dict[str, Any], threshold: float) -> dict[str, Any]:
    """A screening result in yente's ``ScoredEntityResponse`` shape, with frontwatch's words."""
    explanations: dict[str, dict[str, Any]] = {}
    for f in result.features:
        item: dict[str, Any] = {"score": round(f.value, 4), "detail": f.detail}
        if f.name == "name":
            item["query"] = result.query_form
            item["candidate"] = result.matched_name
        explanations[f.name] = item
    # As yente does for a party merged across lists: its other entries are referents
    # and their lists are among its datasets.
    referents = [str(m["entity_id"]) for m in result.same_party]
    datasets = list(entity.get("datasets", []))
    for m in result.same_party:
        if m["source"] not in datasets:
            datasets.append(str(m["source"]))
    return {
        **entity,
        "referents": sorted({*entity.get("referents", []), *referents}),
        "datasets": datasets,
        "score": round(result.score, 4),
        "features": {f.name: round(f.value, 4) for f in result.features},
        "explanations": explanations,
        "match": result.score >= threshold,
        "explanation": result.explanation,
        "frontwatch": {
            "matched_name": result.matched_name,
            "matched_name_kind": result.matched_name_kind,
            "query_form": result.query_form,
            "query_form_origin": result.query_form_origin,
            "source": result.source,
            "source_id": result.source_id,
            "programs": list(result.programs),
            "same_party": result.same_party,
        },
    }


def lookup_entities(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Entities of current list versions in yente's ``EntityResponse`` shape, by id.

    One connection, three queries: the current versions, every stored version of
    the entities (for their properties and their first/last seen and last change)
    and the sanctions that point at them (``target``).
    """
    wanted = list(set(ids))
    out: dict[str, dict[str, Any]] = {}
    if not wanted:
        return out
    history: dict[str, list[tuple[str, str]]] = defaultdict(list)
    found: dict[str, Any] = {}
    with store.engine.connect() as conn:
        cur = set(conn.execute(select(current.c.version_id)).scalars())
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            rows = conn.execute(
                select(
                    entities.c.id,
                    entities.c.version_id,
                    entities.c.schema,
                    entities.c.caption,
                    entities.c.fingerprint,
                    entities.c.data,
                    versions.c.source,
                    versions.c.loaded_at,
                )
                .join(versions, versions.c.id == entities.c.version_id)
                .where(entities.c.id.in_(chunk))
                .order_by(versions.c.id)
            )
            for row in rows:
                history[row.id].append((row.loaded_at, row.fingerprint))
                if row.version_id in cur:
                    found[row.id] = row
    targets = designated(store, wanted)
    for eid, row in found.items():
        seen = history[eid]
        change = seen[0][0]
        for (_, before), (at, after) in itertools.pairwise(seen):
            if before != after:
                change = at
        data = json.loads(row.data)
        out[eid] = {
            "id": eid,
            "caption": row.caption or eid,
            "schema": row.schema,
            "properties": data.get("properties", {}),
            "datasets": [row.source],
            "referents": [],
            "target": eid in targets,
            "first_seen": seen[0][0],
            "last_seen": seen[-1][0],
            "last_change": change,
        }
    return out


def fallback_entity(result: Result) -> dict[str, Any]:
    """An entity built from the index alone (the store no longer holds it)."""
    return entity_json(
        {
            "id": result.entity_id,
            "caption": result.caption,
            "schema": result.schema,
            "properties": {"name": [result.caption]},
            "source": result.source,
        },
        {result.entity_id} if result.programs else set(),
        {},
    )
