"""The pages of the web UI, under ``/ui/``: screen, batch, entity, network, lists, audit.

Pages are rendered on the server (Jinja2); the batch and network pages use a
little JavaScript that calls the JSON API with the same login. Logging in
stores the user's API key in an HttpOnly, SameSite=Strict cookie; with
``--no-auth`` there is no login. Read-only pages (entity, network, lists)
follow ``FRONTWATCH_PUBLIC_READ`` like the API.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from frontwatch import __version__, audit
from frontwatch.api.auth import ANONYMOUS, COOKIE, presented_key
from frontwatch.api.errors import ApiError
from frontwatch.api.network import MAX_HOPS, DocumentNames
from frontwatch.api.routes_documents import store_upload
from frontwatch.api.routes_graph import paths_answer
from frontwatch.api.service import Service
from frontwatch.entity_view import build_entity_view
from frontwatch.extract.documents import find_document, list_documents
from frontwatch.match import DEFAULT_THRESHOLD
from frontwatch.match.screen import QUERY_TYPES, Query, QueryError
from frontwatch.web import party, present

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals["version"] = __version__
templates.env.filters["country"] = present.country_name
templates.env.filters["schema_label"] = present.schema_label
router = APIRouter(prefix="/ui", include_in_schema=False)
PAGE = 50
DOCUMENT_SCHEMATA = {"Document", "PlainText", "HyperText", "Pages"}


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


class _LoginNeeded(Exception):
    def __init__(self, target: str) -> None:
        self.target = target


def _user(request: Request, screening: bool) -> str | None:
    """The logged-in user (``None`` on an open read-only page); asks to log in when needed."""
    service = _service(request)
    try:
        user = service.require_user(request) if screening else service.reader(request)
    except ApiError as exc:
        if exc.status == 401:
            query = request.url.query
            raise _LoginNeeded(request.url.path + (f"?{query}" if query else "")) from None
        raise
    return None if user == ANONYMOUS and service.settings.auth else user


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    service = _service(request)
    who = context.pop("who", None)
    if who is None and service.settings.auth and presented_key(request):
        try:
            who = service.identify(request)
        except ApiError:
            who = None
    return templates.TemplateResponse(
        request,
        name,
        {"auth": service.settings.auth, "who": who, **context},
        status_code=status,
    )


def _error(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    return _page(request, "error.html", status=status, title=title, message=message)


# -- login -------------------------------------------------------------------------


@router.get("/login")
def login_form(request: Request, next: str = "/ui/screen") -> Response:  # noqa: A002
    """The login page: paste an API key."""
    if not _service(request).settings.auth:
        return RedirectResponse(_safe_next(next), 303)
    return _page(request, "login.html", next=_safe_next(next), error=None, active="login")


def _safe_next(target: str) -> str:
    return target if target.startswith("/ui/") and not target.startswith("//") else "/ui/screen"


@router.post("/login")
def login(
    request: Request,
    key: str = Form(""),
    next: str = Form("/ui/screen"),  # noqa: A002
) -> Response:
    """Check the key and keep it in a cookie for this browser session."""
    service = _service(request)
    user = service.keys.user_for(key.strip()) if key.strip() else None
    if user is None:
        return _page(
            request,
            "login.html",
            status=401,
            next=_safe_next(next),
            error="This key is not valid. Keys look like fw_… and are made with "
            "'frontwatch users add NAME'.",
            active="login",
        )
    response = RedirectResponse(_safe_next(next), 303)
    response.set_cookie(
        COOKIE,
        key.strip(),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


@router.get("/logout")
def logout() -> Response:
    """Forget the key."""
    response = RedirectResponse("/ui/login", 303)
    response.delete_cookie(COOKIE)
    return response


# -- screen ------------------------------------------------------------------------


@router.get("/screen")
def screen_page(
    request: Request,
    name: str = "",
    type: str = "any",  # noqa: A002
    country: str = "",
    birth_date: str = "",
    id_number: str = "",
    dataset: str = "default",
) -> Response:
    """A name (with type, country, birth date, id) -> ranked matches, explained in words."""
    who = _user(request, screening=True)
    service = _service(request)
    form = {
        "name": name,
        "type": type,
        "country": country,
        "birth_date": birth_date,
        "id_number": id_number,
        "dataset": dataset,
    }
    context: dict[str, Any] = {
        "form": form,
        "types": list(QUERY_TYPES),
        "results": None,
        "error": None,
        "active": "screen",
        "who": who,
        "threshold": DEFAULT_THRESHOLD,
        "lists": [],
    }
    try:
        loaded = service.loaded()
    except ApiError as exc:
        context["error"] = exc.detail
        return _page(request, "screen.html", status=exc.status, **context)
    context["lists"] = sorted(loaded.checksums)
    context["entity_count"] = len(loaded.screener.index.entities)
    if not name.strip():
        return _page(request, "screen.html", **context)
    try:
        query = Query(name, type, country or None, birth_date or None, id_number or None)
        source = service.known_dataset(loaded, dataset)
    except QueryError as exc:
        context["error"] = str(exc)
        return _page(request, "screen.html", status=400, **context)
    except ApiError as exc:
        context["error"] = exc.detail
        return _page(request, "screen.html", status=exc.status, **context)
    results = service.screen(loaded, [query], 20, 0.5, source)
    service.record(
        who or ANONYMOUS,
        "web",
        "/ui/screen",
        loaded,
        [
            (
                {
                    "name": query.name,
                    "type": query.type,
                    "country": query.country,
                    "birth_date": query.birth_date,
                    "id_number": query.id_number,
                },
                results,
            )
        ],
        DEFAULT_THRESHOLD,
    )
    by_id = loaded.by_id
    context["results"] = [
        present.result_card(
            r,
            query,
            by_id.get(r.entity_id),
            DEFAULT_THRESHOLD,
            loaded.screener.index.untrusted_dates,
        )
        for r in results
    ]
    context["matches"] = sum(1 for r in results if r.score >= DEFAULT_THRESHOLD)
    return _page(request, "screen.html", **context)


# -- batch -------------------------------------------------------------------------


@router.get("/batch")
def batch_page(request: Request) -> Response:
    """Upload a CSV, watch the progress, download the results."""
    who = _user(request, screening=True)
    service = _service(request)
    jobs = service.jobs.recent(who if service.settings.auth else None, limit=20)
    return _page(request, "batch.html", jobs=jobs, active="batch", who=who)


# -- entity and network ------------------------------------------------------------


@router.get("/entity/{entity_id}")
def entity_page(request: Request, entity_id: str) -> Response:
    """Names by script, sources and their ids, programs, identifiers, addresses, relations."""
    who = _user(request, screening=False)
    service = _service(request)
    store = service.store
    view = build_entity_view(store, entity_id)
    if view is None:
        return _error(
            request,
            404,
            "No such entity",
            f"There is no entity {entity_id!r} in the loaded lists.",
        )
    props = view["properties"]
    address_ids = props.get("addressEntity", [])
    addresses = list(view["addresses"])
    for data in store.get_entities(address_ids).values():
        full = data.get("properties", {}).get("full", []) or [data["caption"]]
        addresses.extend(a for a in full if a not in addresses)
    versions = {v.id: v for v in store.current_versions()}
    sources = [
        {**s, "label": versions[s["version"]].label if s["version"] in versions else ""}
        for s in view["sources"]
    ]
    details = [
        (present.prop_label(p), present.prop_values(p, v)) for p, v in view["details"].items()
    ]
    identifiers = [(present.prop_label(p), v) for p, v in view["identifiers"].items()]
    facts = _party_facts(service, view["id"])
    doc_titles = DocumentNames(store)
    # A document's statements also point at the document itself (``proof``): not a party.
    ends = store.get_entities({link["entity_id"] for link in view["links"]})
    links = [
        {**link, "document": doc_titles.get(link["source"])}
        for link in view["links"]
        if ends.get(link["entity_id"], {}).get("schema") not in DOCUMENT_SCHEMATA
    ]
    sources = [{**s, "document": doc_titles.get(s["source"])} for s in sources]
    return _page(
        request,
        "entity.html",
        view=view,
        links=links,
        facts=facts,
        scripts=present.names_by_script(view),
        sources=sources,
        details=details,
        identifiers=identifiers,
        addresses=addresses,
        active="",
        who=who,
    )


def _party_facts(service: Service, entity_id: str) -> party.PartyFacts:
    """The network's view of an entity; without lists only the documents that mention it."""
    if not service.store.current_versions(lists_only=True):
        return party.PartyFacts(node=None)
    return party.party_facts(service.network.get(), service.store, entity_id)


@router.get("/paths")
def paths_page(
    request: Request,
    q: str = "",
    to: str = "designated",
    max_hops: int = 4,
    address: str = "",
    phone: str = "",
    email: str = "",
    website: str = "",
    id: str = "",  # noqa: A002 - the word users know
) -> Response:
    """A name or id -> explained paths to designated parties, each step with its evidence."""
    who = _user(request, screening=False)
    service = _service(request)
    extra = {"address": address, "phone": phone, "email": email, "website": website, "id": id}
    form: dict[str, Any] = {
        "q": q,
        "to": to if to.strip() and to.strip() != "designated" else "",
        "max_hops": max_hops,
        **extra,
    }
    context: dict[str, Any] = {"form": form, "answer": None, "error": None, "active": "paths"}
    if not q.strip():
        return _page(request, "paths.html", who=who, **context)
    if not 1 <= max_hops <= MAX_HOPS:
        context["error"] = f"Steps must be between 1 and {MAX_HOPS}."
        return _page(request, "paths.html", status=400, who=who, **context)
    try:
        attributes = {("identifier" if k == "id" else k): [v] for k, v in extra.items() if v}
        answer = paths_answer(service, q, to or "designated", max_hops, 10, attributes)
    except ApiError as exc:
        context["error"] = exc.detail[:1].upper() + exc.detail[1:]
        return _page(request, "paths.html", status=exc.status, who=who, **context)
    answer["paths"] = [party.path_view(p) for p in answer["paths"]]
    targets = {p["target"]["id"] for p in answer["paths"]}
    context.update(answer=answer, targets=len(targets))
    return _page(request, "paths.html", who=who, **context)


@router.get("/network/{entity_id}")
def network_page(request: Request, entity_id: str) -> Response:
    """The relations around an entity as an interactive graph."""
    who = _user(request, screening=False)
    data = _service(request).store.get_entity(entity_id)
    if data is None:
        return _error(
            request,
            404,
            "No such entity",
            f"There is no entity {entity_id!r} in the loaded lists.",
        )
    return _page(request, "network.html", entity=data, active="", who=who)


# -- documents ---------------------------------------------------------------------


@router.get("/documents")
def documents_page(request: Request) -> Response:
    """The stored documents, and a form to upload one."""
    who = _user(request, screening=False)
    docs = list_documents(_service(request).store)
    return _page(request, "documents.html", docs=docs, error=None, active="documents", who=who)


@router.post("/documents")
def documents_upload(request: Request, file: UploadFile = File(...)) -> Response:  # noqa: B008
    """Extract and store an uploaded document, then show it."""
    who = _user(request, screening=True)
    service = _service(request)
    try:
        stored, _ = store_upload(service, file.file.read(), file.filename, file.content_type)
    except ApiError as exc:
        return _page(
            request,
            "documents.html",
            status=exc.status,
            docs=list_documents(service.store),
            error=exc.detail,
            active="documents",
            who=who,
        )
    return RedirectResponse(f"/ui/documents/{quote(stored.id, safe='')}", 303)


@router.get("/documents/{doc_id}")
def document_page(request: Request, doc_id: str) -> Response:
    """A document's text with its entity mentions marked, its entities and relations."""
    who = _user(request, screening=False)
    doc = find_document(_service(request).store, doc_id)
    if doc is None:
        return _error(request, 404, "No such document", f"There is no stored document {doc_id!r}.")
    entities = doc.extraction.get("entities", [])
    names = {e["id"]: e for e in entities}
    relations = [
        {
            "subject": names.get(r["subject"], {"name": r["subject"]}),
            "predicate": r["predicate"],
            "object": names.get(r["object"], {"name": r["object"]}),
            "evidence": r.get("evidence") or {},
        }
        for r in doc.extraction.get("relations", [])
    ]
    return _page(
        request,
        "document.html",
        doc=doc,
        body=present.highlight_mentions(doc.text, entities),
        entities=entities,
        relations=relations,
        active="documents",
        who=who,
    )


# -- lists and audit ---------------------------------------------------------------


@router.get("/lists")
def lists_page(request: Request) -> Response:
    """Each loaded list: version, checksum, dates, counts."""
    who = _user(request, screening=False)
    service = _service(request)
    store = service.store
    rows = []
    for v in store.current_versions():
        rows.append(
            {
                "v": v,
                "stored": len(store.versions(v.source)),
                "counts": sorted(v.counts.items(), key=lambda kv: -kv[1]),
            }
        )
    index = service.screening.get() if service.screening.ready else None
    return _page(request, "lists.html", rows=rows, index=index, active="lists", who=who)


@router.get("/audit")
def audit_page(
    request: Request,
    who_filter: str = "",
    name: str = "",
    page: int = 1,
) -> Response:
    """The audit trail, newest first, with filters and a CSV export."""
    who = _user(request, screening=True)
    service = _service(request)
    flt = audit.AuditFilter(who=who_filter or None, name=name or None)
    total = audit.count(service.store, flt)
    pages = max(1, math.ceil(total / PAGE))
    page = min(max(1, page), pages)
    records = audit.read(service.store, flt, PAGE, (page - 1) * PAGE)
    params = {k: v for k, v in (("who", who_filter), ("name", name)) if v}
    return _page(
        request,
        "audit.html",
        records=records,
        total=total,
        page=page,
        pages=pages,
        filters={"who_filter": who_filter, "name": name},
        export="/screenings.csv" + (f"?{urlencode(params)}" if params else ""),
        page_link=lambda n: (
            "/ui/audit?" + urlencode({"who_filter": who_filter, "name": name, "page": n})
        ),
        active="audit",
        who=who,
    )


def install(app: FastAPI) -> None:
    """Add the pages and static files to the app."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/ui/screen")

    @app.get("/ui", include_in_schema=False)
    def ui_home() -> RedirectResponse:
        return RedirectResponse("/ui/screen")

    @app.exception_handler(_LoginNeeded)
    async def _login(_request: Request, exc: _LoginNeeded) -> RedirectResponse:
        return RedirectResponse("/ui/login?next=" + quote(exc.target, safe="/"), 303)
