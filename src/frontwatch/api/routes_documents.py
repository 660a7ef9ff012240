"""Documents: list the stored ones, read one, upload one to extract and store.

Extraction and storage are ``frontwatch.extract``'s (``read_bytes``, ``Extractor``,
``ingest``), as for ``frontwatch ingest``; the JSON of a document is the
``frontwatch extract --json`` shape kept in the ``documents`` table.
"""

from __future__ import annotations

import threading
from pathlib import PurePath
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, File, UploadFile

from frontwatch.api.deps import Reader, ScreeningUser, ServiceDep
from frontwatch.api.errors import ApiError
from frontwatch.api.service import Service
from frontwatch.extract.documents import StoredDocument, find_document, ingest, list_documents
from frontwatch.extract.readers import DocumentError, read_bytes

if TYPE_CHECKING:
    from frontwatch.extract.extractor import Extractor

router = APIRouter()
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such document"}}

_lock = threading.Lock()
_extractors: dict[tuple[str, tuple[int, ...]], Extractor] = {}


def document_summary(d: StoredDocument) -> dict[str, Any]:
    """A stored document without its text and extraction (as ``frontwatch documents --json``)."""
    return {
        **d.summary(),
        "links": {"self": f"/documents/{d.id}", "page": f"/ui/documents/{d.id}"},
    }


def get_stored(service: Service, doc_id: str) -> StoredDocument:
    """A stored document by id or SHA-256; ``ApiError`` 404 if there is none."""
    found = find_document(service.store, doc_id)
    if found is None:
        raise ApiError(
            404, f"no stored document {doc_id!r} (ids look like doc-…; see GET /documents)"
        )
    return found


def extractor_for(service: Service) -> Extractor:
    """One extractor per store and set of list versions, made on first use."""
    from frontwatch.extract.extractor import Extractor
    from frontwatch.extract.nlp import ModelError

    store = service.store
    # The screening index of the service first: the extractor's linker then uses the same
    # one instead of building a second copy next to the service's background thread.
    service.screening.get()
    key = (store.url, tuple(sorted(v.id for v in store.current_versions(lists_only=True))))
    with _lock:
        found = _extractors.get(key)
        if found is None:
            try:
                found = Extractor(store.url, link=True)
            except ModelError as exc:
                raise ApiError(503, str(exc)) from None
            _extractors.clear()
            _extractors[key] = found
        return found


def store_upload(
    service: Service, data: bytes, filename: str | None, content_type: str | None
) -> tuple[StoredDocument, bool]:
    """Read, extract and store an uploaded document; ``ApiError`` 400 if it cannot be read."""
    name = PurePath(filename or "upload").name or "upload"
    try:
        source = read_bytes(data, name, content_type=content_type)
    except DocumentError as exc:
        raise ApiError(400, f"{exc}; nothing stored") from None
    found = find_document(service.store, source.id)
    if found is not None and found.sha256 == source.sha256:
        return found, False
    extraction = extractor_for(service).extract(source)
    return ingest(service.store, extraction)


@router.get("/documents", summary="The stored documents", tags=["Documents"])
def documents_list(service: ServiceDep, _user: Reader) -> dict[str, Any]:
    """Every stored document, oldest first, with its entity and relation counts."""
    return {"documents": [document_summary(d) for d in list_documents(service.store)]}


@router.get(
    "/documents/{doc_id}", summary="One stored document", tags=["Documents"], responses=NOT_FOUND
)
def document_get(doc_id: str, service: ServiceDep, _user: Reader) -> dict[str, Any]:
    """The stored extraction: `document`, `entities` (with `mentions` offsets and list
    `links`) and `relations` (with `evidence` text and offsets), as `frontwatch extract --json`.
    The id is the document's (`doc-…`) or its SHA-256 (or 8+ of its first hex digits)."""
    return get_stored(service, doc_id).extraction


@router.post(
    "/documents",
    summary="Upload a document to extract and store",
    tags=["Documents"],
    responses={400: {"description": "The file cannot be read as a document"}},
)
def document_upload(
    service: ServiceDep,
    _user: ScreeningUser,
    file: Annotated[UploadFile, File(description="A text, HTML or PDF document.")],
) -> dict[str, Any]:
    """Extract the entities and relations of a document, link them to the lists and store it
    (a document stored before is not extracted again). Answers with the extraction JSON of
    `GET /documents/{id}` plus `stored` (false if it was stored before)."""
    data = file.file.read()
    stored, new = store_upload(service, data, file.filename, file.content_type)
    return {**stored.extraction, "stored": new}
