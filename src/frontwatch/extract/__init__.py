"""Documents to networks: entities and relations with their evidence, linked to the lists.

``read_path``/``read_url`` turn a text, HTML or PDF document into text;
``Extractor(db).extract(document)`` finds its entities (Person, Company,
Organization, PublicBody, Country), resolves their mentions, reads the relations
its sentences state and links each entity to the list entries it is;
``frontwatch.extract.documents.ingest`` stores a document with what it says.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Imported on first use: the command line imports this package, and spaCy is slow to load.
_EXPORTS = {
    "ExtractedEntity": "frontwatch.extract.extractor",
    "ExtractedRelation": "frontwatch.extract.extractor",
    "Extraction": "frontwatch.extract.extractor",
    "Extractor": "frontwatch.extract.extractor",
    "DocumentError": "frontwatch.extract.readers",
    "SourceDocument": "frontwatch.extract.readers",
    "read_bytes": "frontwatch.extract.readers",
    "read_path": "frontwatch.extract.readers",
    "read_url": "frontwatch.extract.readers",
    "PREDICATES": "frontwatch.extract.relations",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'frontwatch.extract' has no attribute {name!r}")
