"""A document in, its entities and relations out, each with its evidence and list links.

    >>> from frontwatch.extract import Extractor, read_path
    >>> extraction = Extractor(db).extract(read_path(Path("release.txt")))
    >>> extraction.to_dict()["relations"][0]
    {'subject': 'doc-…-person-liu-baoxia', 'predicate': 'charged_by', ...}

The steps are separate modules: ``readers`` (text from files), ``nlp`` (the spaCy
pipeline with ``recognize``'s entity component), ``resolve`` (mentions into
entities), ``relations`` (relations from the parse), ``link`` (list entries from
the screening engine).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from normality import slugify
from spacy.tokens import Doc

from frontwatch.extract.gazetteer import Gazetteer, gazetteer_from_index
from frontwatch.extract.link import Link, Linker, lists_screener
from frontwatch.extract.nlp import load_pipeline
from frontwatch.extract.readers import SourceDocument
from frontwatch.extract.recognize import EntityComponent, soften_line_breaks
from frontwatch.extract.relations import Relation, read_relations
from frontwatch.extract.resolve import DocEntity, resolve
from frontwatch.store import Store

MAX_CHARS = 2_000_000


@dataclass
class ExtractedEntity:
    """An entity of a document as frontwatch reports and stores it."""

    id: str
    name: str
    type: str
    aliases: list[str]
    mentions: list[dict[str, Any]]
    links: list[Link] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO codes the document gives it
    country: str | None = None  # for a Country entity: its ISO code

    def to_dict(self) -> dict[str, Any]:
        """The entity in the ``--json`` shape."""
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": self.aliases,
            "mentions": self.mentions,
            "links": [link.to_dict() for link in self.links],
        }


@dataclass
class ExtractedRelation:
    """``subject predicate object`` between two entity ids, with the evidence."""

    subject: str
    predicate: str
    object: str
    evidence: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The relation in the ``--json`` shape."""
        return {
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "evidence": self.evidence,
        }


@dataclass
class Extraction:
    """What one document says."""

    document: SourceDocument
    entities: list[ExtractedEntity]
    relations: list[ExtractedRelation]
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The ``frontwatch extract --json`` object of this document."""
        doc = self.document
        return {
            "document": {
                "id": doc.id,
                "title": doc.title,
                "source_url": doc.source_url,
                "sha256": doc.sha256,
            },
            "entities": [e.to_dict() for e in self.entities],
            "relations": [r.to_dict() for r in self.relations],
        }

    def entity(self, entity_id: str) -> ExtractedEntity | None:
        """An entity of this extraction by id."""
        return next((e for e in self.entities if e.id == entity_id), None)


_gazetteers: dict[str, Gazetteer] = {}


class Extractor:
    """Extracts documents with one pipeline, gazetteer and linker (set up once)."""

    def __init__(self, db: str | None = None, link: bool = True, gazetteer: bool = True) -> None:
        self.nlp = load_pipeline()
        component = self.nlp.get_pipe("frontwatch_entities")
        assert isinstance(component, EntityComponent)
        self.component = component
        self.linker: Linker | None = None
        self.gazetteer: Gazetteer | None = None
        if link or gazetteer:
            store = Store(db)
            screener = lists_screener(store)
            if screener is not None:
                if link:
                    self.linker = Linker(screener)
                if gazetteer:
                    key = screener.index.key
                    found = _gazetteers.get(key)
                    if found is None:
                        found = gazetteer_from_index(screener.index)
                        _gazetteers[key] = found
                    self.gazetteer = found

    def extract(self, source: SourceDocument) -> Extraction:
        """Entities and relations of one document."""
        return next(iter(self.extract_many([source])))

    def extract_many(
        self, sources: Iterable[SourceDocument], n_process: int = 1, batch_size: int = 8
    ) -> Iterator[Extraction]:
        """Entities and relations of several documents, parsed in batches."""
        self.component.gazetteer = self.gazetteer
        items = list(sources)
        for src in items:
            if len(src.text) > MAX_CHARS:
                from frontwatch.extract.readers import DocumentError

                raise DocumentError(
                    f"{src.name}: {len(src.text):,} characters is more than frontwatch reads "
                    f"at once ({MAX_CHARS:,}); split the document"
                )
        if n_process > 1 and len(items) > 1:
            yield from self._extract_parallel(items, n_process, batch_size)
            return
        t0 = time.perf_counter()
        docs = self.nlp.pipe(
            (soften_line_breaks(s.text) for s in items), n_process=n_process, batch_size=batch_size
        )
        for src, doc in zip(items, docs, strict=True):
            extraction = self.from_doc(src, doc)
            extraction.seconds = time.perf_counter() - t0
            t0 = time.perf_counter()
            yield extraction

    def _extract_parallel(
        self, items: list[SourceDocument], n_process: int, batch_size: int
    ) -> Iterator[Extraction]:
        """Documents shared out to forked worker processes, each running the whole extraction."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        _WORKER["extractor"] = self
        chunks = [items[i : i + batch_size] for i in range(0, len(items), batch_size)]
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=n_process, mp_context=ctx) as pool:
            for done in pool.map(_extract_chunk, chunks):
                yield from done

    def from_doc(self, source: SourceDocument, doc: Doc) -> Extraction:
        """The extraction of a document the pipeline has parsed."""
        res = resolve(doc, source.text)
        relations, entities = read_relations(doc, res, source.text)
        return build_extraction(source, entities, relations, self.linker)


_WORKER: dict[str, Extractor] = {}


def _extract_chunk(chunk: list[SourceDocument]) -> list[Extraction]:
    """Extract a chunk of documents in a worker process (forked with the extractor loaded)."""
    return list(_WORKER["extractor"].extract_many(chunk))


def entity_countries(entities: list[DocEntity], relations: list[Relation]) -> dict[int, list[str]]:
    """What the document says of each entity's country (nationality, seat)."""
    out: dict[int, list[str]] = {}
    for rel in relations:
        if rel.predicate in ("national_of", "located_in"):
            code = entities[rel.object].country
            if code:
                out.setdefault(rel.subject, [])
                if code not in out[rel.subject]:
                    out[rel.subject].append(code)
    return out


def build_extraction(
    source: SourceDocument,
    entities: list[DocEntity],
    relations: list[Relation],
    linker: Linker | None,
) -> Extraction:
    """Ids, names, mentions and links for the entities; ids for the relations."""
    countries = entity_countries(entities, relations)
    used = {r.subject for r in relations} | {r.object for r in relations}
    kept = [e for e in entities if e.mentions or e.index in used]
    kept.sort(key=lambda e: min((m.start for m in e.mentions), default=len(source.text)))
    ids: dict[int, str] = {}
    taken: set[str] = set()
    out: list[ExtractedEntity] = []
    for ent in kept:
        base = f"{source.id}-{slugify(ent.type)}-{slugify(ent.name) or ent.index}"
        eid = base
        n = 2
        while eid in taken:
            eid = f"{base}-{n}"
            n += 1
        taken.add(eid)
        ids[ent.index] = eid
        mentions = [
            {"start": m.start, "end": m.end, "text": m.text}
            for m in sorted(ent.mentions, key=lambda m: m.start)
        ]
        item = ExtractedEntity(
            id=eid,
            name=ent.name,
            type=ent.type,
            aliases=ent.aliases,
            mentions=mentions,
            countries=countries.get(ent.index, []),
            country=ent.country,
        )
        if linker is not None and ent.type != "Country":
            names = [item.name, *[a for a in item.aliases if len(a.split()) > 1], *ent.expansions]
            if len(names) == 1 and not ent.names:
                names = [*ent.expansions, *ent.acronyms]
            item.links = linker.link(ent.type, list(dict.fromkeys(names)), item.countries)
        out.append(item)
    rels = [
        ExtractedRelation(
            ids[r.subject],
            r.predicate,
            ids[r.object],
            {"text": r.evidence.text, "start": r.evidence.start, "end": r.evidence.end},
        )
        for r in sorted(relations, key=lambda r: (r.evidence.start, r.subject, r.predicate))
        if r.subject in ids and r.object in ids
    ]
    return Extraction(source, out, rels)
