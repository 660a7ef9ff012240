"""Screening endpoints in yente's shape: ``POST /match/{dataset}``, ``GET /search/{dataset}``.

Existing yente clients send the same requests and read the same answers;
frontwatch adds to each result the explanation in words (``explanation``) and
which listed name matched (``frontwatch``). Every screened query is written to
the audit trail.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from frontwatch.api.deps import ScreeningUser, ServiceDep
from frontwatch.api.errors import ApiError
from frontwatch.api.ftm import (
    ALGORITHM,
    ALGORITHM_ALIASES,
    SCHEMA_TYPES,
    EntityMatchQuery,
    EntityMatchResponse,
    SearchResponse,
    feature_docs,
    prepare_query,
    scored_json,
)
from frontwatch.match import DEFAULT_THRESHOLD
from frontwatch.match.screen import Query as ScreenQuery
from frontwatch.match.screen import QueryError

router = APIRouter()

DEFAULT_CUTOFF = 0.5
SEARCH_THRESHOLD = 0.5
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "The query cannot be screened (the detail says why)"},
    401: {"description": "No API key, or a key that is not valid"},
    404: {"description": "Unknown dataset"},
    413: {"description": "The request is too large"},
    422: {"description": "The request does not have the expected shape"},
    429: {"description": "Too many requests for this key"},
}
DatasetPath = Annotated[
    str,
    Path(
        description="A list (source name such as `us_ofac_sdn`, see `GET /lists`) "
        "or `default` for every loaded list.",
        examples=["default"],
    ),
]


@router.post(
    "/match/{dataset}",
    summary="Match entities by example (yente-compatible)",
    tags=["Matching"],
    response_model=EntityMatchResponse,
    responses=ERRORS,
)
def match(
    body: EntityMatchQuery,
    service: ServiceDep,
    user: ScreeningUser,
    dataset: DatasetPath,
    limit: Annotated[int, Query(ge=1, le=100, description="Results per query.")] = 5,
    threshold: Annotated[
        float, Query(ge=0, le=1, description="Score from which a result is a match.")
    ] = DEFAULT_THRESHOLD,
    cutoff: Annotated[
        float | None,
        Query(ge=0, le=1, description="Lowest score returned at all (default 0.5)."),
    ] = None,
    algorithm: Annotated[
        str, Query(description="Accepted for yente clients; frontwatch has one matcher.")
    ] = ALGORITHM,
) -> JSONResponse:
    """Screen each query example (an FtM entity: `schema` and `properties`) against the lists.

    Read from each example: the names (`name`, `alias`, or `firstName`/`lastName`),
    the type (from `schema`: Person, Company, Organization, LegalEntity, Vessel,
    Airplane), the country (`nationality`, `citizenship`, `country`,
    `jurisdiction`, `flag`), the birth date (`birthDate`) and identifiers
    (`idNumber`, `passportNumber`, `registrationNumber`, `imoNumber`, `taxNumber` …).
    Each result has `score`, `match` (score ≥ `threshold`), `features`,
    `explanations` and frontwatch's `explanation` in words.
    """
    settings = service.settings
    if algorithm not in ALGORITHM_ALIASES:
        raise ApiError(
            400,
            f"unknown algorithm {algorithm!r}; frontwatch accepts {', '.join(ALGORITHM_ALIASES)} "
            "(all use frontwatch's matcher)",
        )
    if not body.queries:
        raise ApiError(
            400,
            'no queries: send {"queries": {"q1": {"schema": "Person", '
            '"properties": {"name": ["..."]}}}}',
        )
    if len(body.queries) > settings.max_queries:
        raise ApiError(
            400,
            f"too many queries in one request: {len(body.queries)} "
            f"(at most {settings.max_queries}); split them over several requests",
        )
    loaded = service.loaded()
    source = service.known_dataset(loaded, dataset)
    prepared = [prepare_query(key, example) for key, example in body.queries.items()]
    low = min(DEFAULT_CUTOFF if cutoff is None else cutoff, threshold)
    screened = [(p, service.screen(loaded, p.variants, limit, low, source)) for p in prepared]
    found = service.result_entities(loaded, [r for _, results in screened for r in results])
    responses: dict[str, Any] = {}
    for p, results in screened:
        responses[p.key] = {
            "status": 200,
            "results": [scored_json(r, found[r.entity_id], threshold) for r in results],
            "total": {"value": len(results), "relation": "eq"},
            "query": p.echo,
        }
    service.record(
        user,
        "api",
        f"/match/{dataset}",
        loaded,
        [(p.audit_query, results) for p, results in screened],
        threshold,
    )
    return JSONResponse(
        {"responses": responses, "matcher": feature_docs(), "limit": limit},
        headers={"x-batch-size": str(len(responses))},
    )


@router.get(
    "/search/{dataset}",
    summary="Search the lists for a name",
    tags=["Matching"],
    response_model=SearchResponse,
    responses=ERRORS,
)
def search(
    service: ServiceDep,
    user: ScreeningUser,
    dataset: DatasetPath,
    q: Annotated[str, Query(min_length=1, max_length=500, description="A name.")],
    schema: Annotated[
        str, Query(description="Person, Company, Organization, Vessel … or Thing for any.")
    ] = "Thing",
    countries: Annotated[
        list[str] | None, Query(description="Country the party is linked to (first is used).")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    offset: Annotated[int, Query(ge=0, le=1000)] = 0,
    threshold: Annotated[float, Query(ge=0, le=1, description="Lowest score shown.")] = (
        SEARCH_THRESHOLD
    ),
) -> JSONResponse:
    """Screen one name with a low threshold and page through what comes closest (yente's shape).

    Each result also has `score` and `explanation`.
    """
    if schema not in SCHEMA_TYPES:
        raise ApiError(
            400, f"unknown schema {schema!r}; use one of {', '.join(sorted(SCHEMA_TYPES))}"
        )
    try:
        query = ScreenQuery(q, SCHEMA_TYPES[schema], countries[0] if countries else None)
    except QueryError as exc:
        raise ApiError(400, str(exc)) from None
    loaded = service.loaded()
    source = service.known_dataset(loaded, dataset)
    results = service.screen(loaded, [query], min(offset + limit, 1100), threshold, source)
    page = results[offset : offset + limit]
    found = service.result_entities(loaded, page)
    items = [
        {**found[r.entity_id], "score": round(r.score, 4), "explanation": r.explanation}
        for r in page
    ]
    lists = Counter(r.source for r in results)
    schemata = Counter(r.schema for r in results)
    service.record(
        user,
        "api",
        f"/search/{dataset}",
        loaded,
        [(_audit_query(query), results)],
        threshold,
    )
    return JSONResponse(
        {
            "limit": limit,
            "offset": offset,
            "total": {"value": len(results), "relation": "eq"},
            "results": items,
            "facets": {
                "datasets": {
                    "label": "Lists",
                    "values": [{"name": k, "label": k, "count": v} for k, v in lists.items()],
                },
                "schema": {
                    "label": "Types",
                    "values": [{"name": k, "label": k, "count": v} for k, v in schemata.items()],
                },
            },
        }
    )


def _audit_query(query: ScreenQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "type": query.type,
        "country": query.country,
        "birth_date": query.birth_date,
        "id_number": query.id_number,
    }


@router.get("/algorithms", summary="The matching algorithm", tags=["Matching"])
def algorithms() -> dict[str, Any]:
    """frontwatch's one matcher, described in yente's shape, with its features."""
    docs = feature_docs()
    return {
        "algorithms": [
            {
                "name": ALGORITHM,
                "description": "Names compared across scripts and romanisations, token by "
                "token, weighted by rarity; adjusted by country, birth date and identifiers.",
                "features": docs,
                "docs": {"features": docs},
            }
        ],
        "default": ALGORITHM,
        "best": ALGORITHM,
    }
