"""Stored documents: the text, its metadata, and what it says as FollowTheMoney entities.

``ingest(store, extraction)`` keeps one document:

- a row of the ``documents`` table: the text (every offset refers to it), title,
  source URL, SHA-256, format and the extraction as JSON;
- a version of the store source ``doc_<sha12>`` (through ``Store.write_version``,
  all or nothing) holding FtM entities: the document (``PlainText``,
  ``HyperText`` or ``Pages``), its entities (``Person``, ``Company``,
  ``Organization``, ``PublicBody``; countries as ``Territory``) with ``proof`` =
  the document, each relation as an ``UnknownLink`` with ``role`` = the predicate,
  ``description`` = the evidence sentence and ``summary`` = its offsets, and each
  link to a list entry as a ``Similar`` (``candidate`` = the document's entity,
  ``match`` = the list entity, ``confidenceScore`` = the screening score).
  These join the ``refs`` index like the lists' own relations.

The version is written first and the ``documents`` row after it; a document whose
version exists without its row (a run killed in between) is completed by the
next ingest of the same file. Ingesting a stored document again changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy
from sqlalchemy import insert, select

from frontwatch.extract.extractor import Extraction
from frontwatch.store import Store, VersionDraft, VersionInfo
from frontwatch.store.schema import documents, versions

DOCUMENT_SCHEMATA = {"text": "PlainText", "html": "HyperText", "pdf": "Pages"}
MIME_TYPES = {"text": "text/plain", "html": "text/html", "pdf": "application/pdf"}


@dataclass
class StoredDocument:
    """A document row of the store."""

    id: str
    sha256: str
    source: str
    version_id: int
    name: str
    source_url: str | None
    title: str | None
    format: str
    text: str
    extraction: dict[str, Any]
    entity_count: int
    relation_count: int
    ingested_at: str

    def summary(self) -> dict[str, Any]:
        """The document without its text and extraction (``frontwatch documents --json``)."""
        return {
            "id": self.id,
            "title": self.title,
            "source_url": self.source_url,
            "sha256": self.sha256,
            "name": self.name,
            "format": self.format,
            "entities": self.entity_count,
            "relations": self.relation_count,
            "ingested_at": self.ingested_at,
        }


def document_source(sha256: str) -> str:
    """The store source of a document's entities: ``doc_`` and 12 hex digits of its SHA-256."""
    return f"doc_{sha256[:12]}"


def find_document(store: Store, ref: str) -> StoredDocument | None:
    """A stored document by id (``doc-…``), SHA-256 (or a prefix of 8+) or source name."""
    ref = ref.strip()
    with store.engine.connect() as conn:
        query = select(documents)
        if ref.startswith("doc-"):
            query = query.where(documents.c.id == ref)
        elif ref.startswith("doc_"):
            query = query.where(documents.c.source == ref)
        elif len(ref) >= 8:
            query = query.where(documents.c.sha256.startswith(ref.lower()))
        else:
            return None
        rows = conn.execute(query).all()
    if len(rows) != 1:
        return None
    return _row(rows[0]._mapping)


def list_documents(store: Store) -> list[StoredDocument]:
    """Every stored document, oldest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(documents).order_by(documents.c.ingested_at, documents.c.id))
        return [_row(r._mapping) for r in rows]


def _row(row: Any) -> StoredDocument:
    return StoredDocument(
        id=row["id"],
        sha256=row["sha256"],
        source=row["source"],
        version_id=row["version_id"],
        name=row["name"],
        source_url=row["source_url"],
        title=row["title"],
        format=row["format"],
        text=row["text"],
        extraction=json.loads(row["extraction"]),
        entity_count=row["entity_count"],
        relation_count=row["relation_count"],
        ingested_at=row["ingested_at"],
    )


def ingest(store: Store, extraction: Extraction) -> tuple[StoredDocument, bool]:
    """Store a document with its entities and relations; ``(document, False)`` if it was stored."""
    doc = extraction.document
    found = find_document(store, doc.id)
    if found is not None and found.sha256 == doc.sha256:
        return found, False
    source = document_source(doc.sha256)
    version = store.find_version(source, doc.sha256)
    if version is None:
        draft = VersionDraft(
            source=source,
            checksum=doc.sha256,
            format=f"document/{doc.format}",
            files=[doc.source_url or doc.name],
            issued=None,
            file_date=datetime.now(UTC).date().isoformat(),
            record_count=len(extraction.entities),
        )
        version = store.write_version(draft, to_ftm(extraction))
    data = extraction.to_dict()
    row = {
        "id": doc.id,
        "sha256": doc.sha256,
        "source": source,
        "version_id": version.id,
        "name": doc.name,
        "source_url": doc.source_url,
        "title": doc.title,
        "format": doc.format,
        "text": doc.text,
        "extraction": json.dumps(data, ensure_ascii=False),
        "entity_count": len(data["entities"]),
        "relation_count": len(data["relations"]),
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with store.engine.begin() as conn:
        conn.execute(insert(documents).values(**row))
    stored = find_document(store, doc.id)
    assert stored is not None
    return stored, True


def document_version(store: Store, stored: StoredDocument) -> VersionInfo | None:
    """The store version holding a document's entities."""
    with store.engine.connect() as conn:
        row = conn.execute(select(versions.c.id).where(versions.c.id == stored.version_id)).first()
    if row is None:
        return None
    return next((v for v in store.versions(stored.source) if v.id == stored.version_id), None)


def to_ftm(extraction: Extraction) -> Iterator[EntityProxy]:
    """The document, its entities, relations and links as FollowTheMoney entities."""
    doc = extraction.document
    schema = DOCUMENT_SCHEMATA.get(doc.format, "PlainText")
    document = model.make_entity(schema)
    document.id = doc.id
    document.add("title", doc.title)
    document.add("fileName", doc.name)
    document.add("mimeType", MIME_TYPES.get(doc.format))
    document.add("sourceUrl", doc.source_url)
    document.add("contentHash", doc.sha256[:40])
    yield document
    countries: dict[str, str] = {}
    for ent in extraction.entities:
        if ent.type == "Country":
            proxy = model.make_entity("Territory")
            proxy.id = ent.id
            proxy.add("name", ent.name)
            proxy.add("country", ent.country)
            if ent.country:
                countries[ent.id] = ent.country
        else:
            proxy = model.make_entity(ent.type)
            proxy.id = ent.id
            proxy.add("name", ent.name)
            proxy.add("alias", [a for a in ent.aliases if a != ent.name])
            for code in ent.countries:
                proxy.add("nationality" if ent.type == "Person" else "country", code)
        proxy.add("proof", doc.id)
        proxy.add("sourceUrl", doc.source_url)
        yield proxy
        for link in ent.links:
            similar = model.make_entity("Similar")
            similar.make_id(ent.id, link.entity_id)
            similar.add("candidate", ent.id)
            similar.add("match", link.entity_id)
            similar.add("confidenceScore", f"{link.score:.4f}")
            similar.add("criteria", "name screening with the document's type and country")
            similar.add("matcher", "frontwatch extract")
            yield similar
    for rel in extraction.relations:
        link_entity = model.make_entity("UnknownLink")
        link_entity.make_id(doc.id, rel.subject, rel.predicate, rel.object)
        link_entity.add("subject", rel.subject)
        link_entity.add("object", rel.object)
        link_entity.add("role", rel.predicate)
        link_entity.add("description", rel.evidence["text"])
        link_entity.add(
            "summary",
            f"evidence: characters {rel.evidence['start']}-{rel.evidence['end']} of {doc.id}",
        )
        link_entity.add("proof", doc.id)
        link_entity.add("sourceUrl", doc.source_url)
        yield link_entity
