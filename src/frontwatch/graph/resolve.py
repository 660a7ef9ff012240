"""Explainable resolution: which stored entities are the same real-world party.

Rules (each merge keeps its evidence, so an analyst can see why two records were joined):

* **identifier** – two entities of the same schema family share a normalised identifier
  (registration, tax, IMO, passport, LEI, SWIFT ... of at least 5 characters) that at most
  ``MAX_KEY_GROUP`` entities carry;
* **name** – a name or alias is equal after normalisation (casefold, accents and
  punctuation stripped, parenthesised parts dropped, tokens sorted), the schema family is the
  same, the birth dates do not conflict and the name key is specific (two tokens or more,
  carried by at most ``MAX_KEY_GROUP`` entities);
* **document** – an entity extracted from a document joins the list entry its extraction
  screened it to (the stored ``Similar`` link with the highest score, at least
  ``DOC_MATCH_MIN``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

MAX_KEY_GROUP = 8
# Lists that consolidate several publishers and so may name one party twice.
CONSOLIDATED = frozenset({"us_trade_csl"})
DOC_MATCH_MIN = 0.9
ID_PROPS = (
    "registrationNumber",
    "taxNumber",
    "idNumber",
    "passportNumber",
    "imoNumber",
    "mmsi",
    "leiCode",
    "swiftBic",
    "innCode",
    "ogrnCode",
    "dunsCode",
    "uscCode",
    "vatCode",
    "okpoCode",
    "kppCode",
    "bikCode",
    "isinCode",
    "permId",
)
FAMILIES = {
    "Person": "person",
    "Organization": "org",
    "Company": "org",
    "LegalEntity": "org",
    "PublicBody": "org",
    "Vessel": "vessel",
    "Airplane": "airplane",
}
_PAREN = re.compile(r"\([^)]*\)")
_NONWORD = re.compile(r"[\W_]+", re.UNICODE)


def schema_family(schema: str) -> str | None:
    """The family of a party schema (person, org, vessel, airplane), None for others."""
    return FAMILIES.get(schema)


def fold(text: str) -> str:
    """Casefold and strip accents and punctuation, keeping word order."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NONWORD.sub(" ", text).split())


def name_key(name: str) -> str:
    """A name's resolution key: folded, parenthesised parts dropped, tokens sorted."""
    stripped = _PAREN.sub(" ", name)
    tokens = fold(stripped).split() or fold(name).split()
    return " ".join(sorted(tokens))


def id_key(value: str) -> str:
    """An identifier's key: letters and digits only, upper case."""
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def names_of(props: dict[str, list[str]], family: str | None = "org") -> list[str]:
    """The names that can resolve an entity.

    People resolve on their primary names only (aliases such as "Abu Ali" are shared by
    many); organisations also on their aliases, where a comma-joined alias string of the
    trade lists is split into its parts.
    """
    found = list(props.get("name", []))
    if family == "person":
        return found
    for alias in props.get("alias", []):
        parts = [p.strip() for p in alias.split(", ")]
        found.extend(parts if len(parts) >= 3 else [alias])
    return found


def dates_conflict(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two sets of birth dates are both known and share no compatible date."""
    aa, bb = [d for d in a if d], [d for d in b if d]
    if not aa or not bb:
        return False
    return not any(x.startswith(y) or y.startswith(x) for x in aa for y in bb)


@dataclass
class Merge:
    """Why two entities were put in one resolved node."""

    a: str
    b: str
    rule: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        """A JSON-ready form."""
        return {"a": self.a, "b": self.b, "rule": self.rule, "detail": self.detail}


@dataclass
class UnionFind:
    """Disjoint sets of entity ids with the merges that joined them."""

    parent: dict[str, str] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    sources: dict[str, set[str]] = field(default_factory=dict)

    def add(self, x: str, source: str = "") -> None:
        """Make ``x`` known (its own set), remembering the list it comes from."""
        self.parent.setdefault(x, x)
        keep = source and source not in CONSOLIDATED
        self.sources.setdefault(x, {source} if keep else set())

    def find(self, x: str) -> str:
        """The set ``x`` belongs to."""
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str, rule: str, detail: str, guard: bool = True) -> bool:
        """Join the sets of ``a`` and ``b``; records the merge when they were apart.

        With ``guard``, two sets that both hold an entry of the same list are left apart:
        a list names each party once, so such a merge would chain different parties.
        """
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if guard and self.sources[ra] & self.sources[rb]:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.sources[ra] |= self.sources.pop(rb)
        self.merges.append(Merge(a, b, rule, detail))
        return True


def resolve(
    parties: dict[str, dict[str, Any]], doc_links: Iterable[tuple[str, str, float]]
) -> UnionFind:
    """Cluster party entities (id -> stored entity) by the rules of this module.

    ``doc_links`` are (document entity id, list entity id, score) from ``Similar`` entities.
    """
    uf = UnionFind()
    by_id: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    for eid, ent in parties.items():
        uf.add(eid, ent["source"])
        if ent["source"].startswith("doc_"):
            continue
        family = schema_family(ent["schema"])
        if family is None:
            continue
        props = ent.get("properties", {})
        for prop in ID_PROPS:
            for value in props.get(prop, []):
                key = id_key(value)
                if len(key) >= 5 and not key.isalpha():
                    by_id[(family, key)].append(eid)
        for key in {name_key(n) for n in names_of(props, family)}:
            if len(key.split()) >= 2:
                by_name[(family, key)].append(eid)
    for (_family, key), ids in sorted(by_id.items()):
        if len(set(ids)) < 2 or len(set(ids)) > MAX_KEY_GROUP:
            continue
        first = ids[0]
        dates_a = parties[first]["properties"].get("birthDate", [])
        for other in ids[1:]:
            dates_b = parties[other]["properties"].get("birthDate", [])
            if other != first and not dates_conflict(dates_a, dates_b):
                uf.union(first, other, "identifier", f"both carry identifier {key}")
    for (_family, key), ids in sorted(by_name.items()):
        uniq = sorted(set(ids))
        if len(uniq) < 2 or len(uniq) > MAX_KEY_GROUP:
            continue
        for i, first in enumerate(uniq):
            dates_a = parties[first]["properties"].get("birthDate", [])
            for other in uniq[i + 1 :]:
                dates_b = parties[other]["properties"].get("birthDate", [])
                if dates_conflict(dates_a, dates_b):
                    continue
                uf.union(first, other, "name", f"names equal after normalisation: {key!r}")
    best: dict[str, tuple[float, str]] = {}
    for doc_id, list_id, score in doc_links:
        if doc_id not in parties or list_id not in parties or score < DOC_MATCH_MIN:
            continue
        cur = best.get(doc_id)
        if cur is None or (score, _source_rank(list_id)) > (cur[0], _source_rank(cur[1])):
            best[doc_id] = (score, list_id)
    for doc_id, (score, list_id) in sorted(best.items()):
        uf.union(
            list_id,
            doc_id,
            "document",
            f"document entity screened to it (score {score:.2f})",
            guard=False,
        )
    return uf


_SOURCE_ORDER = ("us-ofac-sdn-", "eu-fsf-", "gb-hmt-", "un-sc-", "us-ofac-cons-")


def _source_rank(eid: str) -> int:
    """Higher for the primary lists, so ties go to the original publisher."""
    for i, prefix in enumerate(_SOURCE_ORDER):
        if eid.startswith(prefix):
            return len(_SOURCE_ORDER) - i
    return 0
