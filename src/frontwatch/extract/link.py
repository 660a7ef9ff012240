"""Which list entries a document's entity is: the screening engine, with the document's context.

Each entity is screened under its names (full names, a.k.a. names, the full
form of a known acronym) with its type and, when the document says it, its
country (nationality of a person, seat of an organisation). Hits at or above
``LINK_THRESHOLD`` that score within ``LINK_MARGIN`` of the best are kept: the
same party is often on several lists (OFAC, CSL, EU, UK). Entities stored from
other documents (sources ``doc_*``) are never link targets.

The screening index holds the lists only, so ingesting a document never
makes linking rebuild it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from frontwatch.match.screen import Query, QueryError, Screener
from frontwatch.store import Store, is_document_source

LINK_THRESHOLD = 0.86
LINK_MARGIN = 0.13
QUERY_TYPES = {
    "Person": "person",
    "Company": "company",
    "Organization": "organization",
    "PublicBody": "organization",
}


@dataclass(frozen=True)
class Link:
    """A list entry that a document's entity is."""

    entity_id: str
    source: str
    source_id: str | None
    caption: str
    score: float

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "entity_id": self.entity_id,
            "source": self.source,
            "source_id": self.source_id,
            "caption": self.caption,
            "score": round(self.score, 4),
        }


_screeners: dict[tuple[str, str], Screener] = {}


def lists_screener(store: Store) -> Screener | None:
    """A screener over the current list versions (the index never holds documents)."""
    if not store.current_versions(lists_only=True):
        return None
    from frontwatch.screening import get_screener

    return get_screener(store.url)


class Linker:
    """Links document entities to list entries through one screener."""

    def __init__(self, screener: Screener, threshold: float = LINK_THRESHOLD) -> None:
        self.screener = screener
        self.threshold = threshold
        self._screen = lru_cache(maxsize=20_000)(self._screen_uncached)

    def _screen_uncached(self, name: str, type_: str, country: str | None) -> tuple[Link, ...]:
        try:
            query = Query(name, type_, country)
        except QueryError:
            return ()
        results = self.screener.screen(query, limit=12, threshold=self.threshold, candidates=400)
        return tuple(
            Link(r.entity_id, r.source, r.source_id, r.caption, r.score)
            for r in results
            if not is_document_source(r.source)
        )

    def link(self, type_: str, names: list[str], countries: list[str]) -> list[Link]:
        """List entries for an entity named ``names`` (best first); empty for a new lead."""
        qtype = QUERY_TYPES.get(type_)
        if qtype is None:
            return []
        country = countries[0] if len(countries) == 1 else None
        best_group: list[Link] = []
        best_rank: tuple[float, int] = (0.0, 0)
        for name in names:
            if len(name.strip()) < 3:
                continue
            found = self._screen(name, qtype, country)
            if not found:
                continue
            rank = (round(found[0].score, 3), len(name.split()))
            if rank > best_rank:
                best_rank, best_group = rank, list(found)
        if not best_group:
            return []
        top = best_group[0].score
        kept = {lk.entity_id: lk for lk in best_group if lk.score >= top - LINK_MARGIN}
        return sorted(
            kept.values(), key=lambda lk: (-lk.score, lk.source != "us_ofac_sdn", lk.entity_id)
        )
