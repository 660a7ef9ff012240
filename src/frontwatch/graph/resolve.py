"""Explainable resolution: which stored entities are the same real-world party.

Rules (each merge keeps its evidence, so an analyst can see why two records were joined),
applied in this order:

* **identifier** – two entities of the same schema family share a normalised identifier
  (registration, tax, IMO, passport, LEI, SWIFT ... of at least 5 characters) that at most
  ``MAX_KEY_GROUP`` entities carry;
* **xref** – an explicit cross-reference: a national list's entry cites the UN reference
  number of a UN entry (the UK list's ``unscId``, a ``(KPe.018)`` in a name), the schema
  family agreeing with the reference (``…i.`` individual, ``…e.`` entity);
* **name** – a name or alias is equal after normalisation (casefold, accents and
  punctuation stripped, parenthesised parts dropped, tokens sorted), the schema family is the
  same, the birth dates do not conflict and the name key is specific (two tokens or more,
  carried by at most ``MAX_KEY_GROUP`` entities);
* **name_dob** – persons: a name or alias of each reads the same after reordering and
  transliteration (:func:`frontwatch.match.names.name_forms`, Arabic/Persian particles
  dropped, every token reduced to its phonetic skeleton, so Muhammad Husayn = Mohammad
  Hossein and 刘宝霞 = LIU, Baoxia), the same birth date (equal to the day or the month; a
  bare year only when a country is shared too) and no conflicting country;
* **name_country** – organisations: a name or alias of each reads the same once legal forms
  are taken out and abbreviations expanded (``Co., Ltd.`` = ``Company Limited``), a shared
  country, and a shared address or none that conflicts;
* **document** – an entity extracted from a document joins the list entry its extraction
  screened it to (the stored ``Similar`` link with the highest score, at least
  ``DOC_MATCH_MIN``);
* **analyst** – an analyst's ``merge`` judgement (``frontwatch resolve merge A B``), applied
  last so that it joins the two clusters whole (the same-list guard does not apply).

Analysts' ``split`` judgements are cannot-link constraints: every union (automatic or
analyst) first checks whether the two sets would bring together two entities judged apart,
or a set holding an entity split from its cluster; if so the union is refused and recorded
in ``UnionFind.blocked`` with the judgement that refused it. Rules then go on with the
other candidates, so a third record that matches both sides joins only one of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from frontwatch.match.names import ORG, PERSON, name_forms
from frontwatch.match.translit import skeleton, strip_particles
from frontwatch.store.judgements import Judgement

MAX_KEY_GROUP = 8
# Lists that consolidate several publishers and so may name one party twice.
CONSOLIDATED = frozenset({"us_trade_csl"})
DOC_MATCH_MIN = 0.9
UN_SOURCE = "un_sc"
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
PERSON_COUNTRY_PROPS = ("nationality", "citizenship", "country")
ORG_COUNTRY_PROPS = ("country", "jurisdiction", "mainCountry")
_PAREN = re.compile(r"\([^)]*\)")
_NONWORD = re.compile(r"[\W_]+", re.UNICODE)
# A UN Security Council reference number: regime letters, i (individual) or e (entity).
UN_REF = re.compile(r"\b([A-Z]{2})([ie])\.(\d{3})\b")
# Address words that say nothing about which address it is.
_ADDRESS_NOISE = frozenset(
    """street st road rd avenue ave no number floor fl building bldg block room unit
    district city province area the and of lane str ul office suite tower""".split()
)


def schema_family(schema: str) -> str | None:
    """The family of a party schema (person, org, vessel, airplane), None for others."""
    return FAMILIES.get(schema)


def fold(text: str) -> str:
    """Casefold and strip accents and punctuation, keeping word order."""
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NONWORD.sub(" ", text).split())


@lru_cache(maxsize=200_000)
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


def same_birth_date(a: Iterable[str], b: Iterable[str]) -> str | None:
    """The most precise birth date two sets agree on, or None.

    Dates agree when one is a prefix of the other (``1970-05`` and ``1970-05-03``); the
    shared part is returned, so a caller can tell a day from a bare year.
    """
    best: str | None = None
    for x in a:
        for y in b:
            if not x or not y:
                continue
            short, long_ = (x, y) if len(x) <= len(y) else (y, x)
            if long_.startswith(short) and (best is None or len(short) > len(best)):
                best = short
    return best


def countries_of(props: dict[str, list[str]], family: str | None) -> set[str]:
    """The countries an entity is tied to (nationality for people, seat for others)."""
    wanted = PERSON_COUNTRY_PROPS if family == "person" else ORG_COUNTRY_PROPS
    return {c.lower() for p in wanted for c in props.get(p, []) if c}


def person_name_keys(name: str) -> set[str]:
    """Keys under which two spellings of a person's name are the same.

    Every Latin reading of the name (:func:`name_forms`: as written, pinyin, Wade-Giles,
    transliterated), particles dropped, each token reduced to its phonetic skeleton
    (:func:`skeleton`), tokens sorted. A key needs two tokens and one skeleton of three
    letters or more, else it is too weak to resolve on.
    """
    keys: set[str] = set()
    for form in name_forms(name, PERSON):
        tokens = strip_particles(list(form.tokens))
        skels = [skeleton(t) for t in tokens]
        skels = [s for s in skels if s]
        if len(skels) >= 2 and max(len(s) for s in skels) >= 3:
            keys.add(" ".join(sorted(skels)))
    return keys


def org_name_keys(name: str) -> set[str]:
    """Keys under which two spellings of an organisation's name are the same.

    Every Latin reading (:func:`name_forms`), legal forms taken out, abbreviations
    expanded, generic stop words dropped, tokens sorted; two tokens or more.
    """
    keys: set[str] = set()
    for form in name_forms(name, ORG):
        if len(form.tokens) >= 2:
            keys.add(" ".join(sorted(form.tokens)))
    return keys


def _address_tokens(value: str) -> frozenset[str]:
    return frozenset(t for t in fold(value).split() if len(t) >= 3 and t not in _ADDRESS_NOISE)


def address_evidence(a: Sequence[str], b: Sequence[str]) -> tuple[bool, str]:
    """Whether two address lists are compatible, and why.

    Compatible when one side has no address, when two addresses fold to the same text
    (``shared address``) or when two share at least two significant words; they conflict
    when both are known and no pair does.
    """
    if not a or not b:
        return True, "no conflicting address"
    best = 0
    for x in a:
        for y in b:
            if fold(x) == fold(y):
                return True, f"shared address {x!r}"
            best = max(best, len(_address_tokens(x) & _address_tokens(y)))
    if best >= 2:
        return True, "compatible addresses"
    return False, "addresses conflict"


@dataclass
class Merge:
    """Why two entities were put in one resolved node (or, when blocked, were not)."""

    a: str
    b: str
    rule: str
    detail: str
    judgement: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        out: dict[str, Any] = {"a": self.a, "b": self.b, "rule": self.rule, "detail": self.detail}
        if self.judgement is not None:
            out["judgement"] = self.judgement
        return out


@dataclass
class UnionFind:
    """Disjoint sets of entity ids with the merges that joined them.

    ``apart`` (root -> {entity id: judgement id}) and ``alone`` (root -> judgement id) hold
    the analysts' split judgements; ``blocked`` the unions they refused.
    """

    parent: dict[str, str] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    sources: dict[str, set[str]] = field(default_factory=dict)
    apart: dict[str, dict[str, int]] = field(default_factory=dict)
    alone: dict[str, int] = field(default_factory=dict)
    blocked: list[Merge] = field(default_factory=list)
    judgement_status: dict[int, str] = field(default_factory=dict)
    _blocked_seen: set[tuple[str, str, str]] = field(default_factory=set)

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

    def keep_apart(self, a: str, b: str, judgement: int) -> None:
        """A cannot-link constraint: the sets of ``a`` and ``b`` are never joined."""
        self.apart.setdefault(self.find(a), {})[b] = judgement
        self.apart.setdefault(self.find(b), {})[a] = judgement

    def set_alone(self, x: str, judgement: int) -> None:
        """``x``'s set joins nothing by the automatic rules."""
        self.alone[self.find(x)] = judgement

    def _judged_apart(self, ra: str, rb: str, analyst: bool) -> int | None:
        if not analyst:
            for r in (ra, rb):
                if r in self.alone:
                    return self.alone[r]
        for r, other in ((ra, rb), (rb, ra)):
            for eid, judgement in self.apart.get(r, {}).items():
                if self.find(eid) == other:
                    return judgement
        return None

    def union(
        self, a: str, b: str, rule: str, detail: str, guard: bool = True, analyst: bool = False
    ) -> bool:
        """Join the sets of ``a`` and ``b``; records the merge when they were apart.

        Refused when an analyst's split judgement keeps the two sets apart (recorded in
        ``blocked``; ``analyst`` unions pass a set split from its cluster, not a pairwise
        split). With ``guard``, two sets that both hold an entry of the same list are left
        apart: a list names each party once, so such a merge would chain different parties.
        """
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        judgement = self._judged_apart(ra, rb, analyst)
        if judgement is not None:
            seen = (min(ra, rb), max(ra, rb), rule)
            if seen not in self._blocked_seen:
                self._blocked_seen.add(seen)
                self.blocked.append(Merge(a, b, rule, detail, judgement))
            return False
        if guard and self.sources[ra] & self.sources[rb]:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.sources[ra] |= self.sources.pop(rb)
        if rb in self.apart:
            self.apart.setdefault(ra, {}).update(self.apart.pop(rb))
        if rb in self.alone:
            self.alone.setdefault(ra, self.alone.pop(rb))
        self.merges.append(Merge(a, b, rule, detail))
        return True


def judgement_detail(j: Judgement) -> str:
    """The evidence line of an analyst's merge: ``analyst: who, when, note``."""
    note = f", {j.note}" if j.note else ""
    return f"analyst: {j.who}, {j.at}{note} (judgement #{j.id})"


def apply_judgements(uf: UnionFind, judgements: Sequence[Judgement]) -> list[Judgement]:
    """Register the active splits in ``uf`` as constraints; the merges to apply after the rules.

    Each judgement gets a status in ``uf.judgement_status``: ``applied``, ``dangling`` (an
    entity it names is in no current list version or document), ``superseded`` (a later
    judgement about the same pair, or a later split of the entity from its cluster), or
    ``conflict`` (a merge that would join entities another judgement keeps apart).
    """
    active = sorted((j for j in judgements if j.active), key=lambda j: j.id)
    live: list[Judgement] = []
    for j in active:
        if any(eid not in uf.parent for eid in j.ids):
            uf.judgement_status[j.id] = "dangling"
        else:
            live.append(j)
    latest_pair: dict[frozenset[str], int] = {}
    latest_alone: dict[str, int] = {}
    for j in live:
        if j.other_id is None:
            latest_alone[j.entity_id] = j.id
        else:
            latest_pair[frozenset(j.ids)] = j.id
    merges: list[Judgement] = []
    for j in live:
        if j.other_id is None:
            if latest_alone[j.entity_id] != j.id:
                uf.judgement_status[j.id] = "superseded"
                continue
            uf.set_alone(j.entity_id, j.id)
            uf.judgement_status[j.id] = "applied"
            continue
        if latest_pair[frozenset(j.ids)] != j.id or any(
            latest_alone.get(eid, -1) > j.id for eid in j.ids
        ):
            uf.judgement_status[j.id] = "superseded"
            continue
        if j.kind == "split":
            uf.keep_apart(j.entity_id, j.other_id, j.id)
            uf.judgement_status[j.id] = "applied"
        else:
            merges.append(j)
    return merges


def apply_merges(uf: UnionFind, merges: Sequence[Judgement]) -> None:
    """Join the clusters of the analysts' merges (after the automatic rules, so that each
    side keeps its own automatic members; the same-list guard does not apply)."""
    for j in merges:
        assert j.other_id is not None
        if uf.find(j.entity_id) == uf.find(j.other_id):
            uf.judgement_status[j.id] = "applied"
            continue
        joined = uf.union(
            j.entity_id, j.other_id, "analyst", judgement_detail(j), guard=False, analyst=True
        )
        uf.judgement_status[j.id] = "applied" if joined else "conflict"


def _un_ref_family(ref: str) -> str:
    m = UN_REF.fullmatch(ref.strip())
    return "person" if m and m.group(2) == "i" else "org"


def resolve(
    parties: dict[str, dict[str, Any]],
    doc_links: Iterable[tuple[str, str, float]],
    judgements: Sequence[Judgement] = (),
    addresses: dict[str, str] | None = None,
    un_refs: dict[str, list[str]] | None = None,
    xrefs: Sequence[tuple[str, str, str]] = (),
) -> UnionFind:
    """Cluster party entities (id -> stored entity) by the rules of this module.

    ``doc_links`` are (document entity id, list entity id, score) from ``Similar`` entities;
    ``judgements`` the analysts' decisions; ``addresses`` the full text of ``Address``
    entities by id; ``un_refs`` the UN list's entities by reference number
    (``IRe.055`` -> [``un-sc-IRe.055``]); ``xrefs`` (entity id, UN reference, where it is
    cited) from the other lists.
    """
    uf = UnionFind()
    for eid, ent in parties.items():
        uf.add(eid, ent["source"])
    analyst_merges = apply_judgements(uf, judgements)
    listed = {
        eid: ent
        for eid, ent in parties.items()
        if not ent["source"].startswith("doc_") and schema_family(ent["schema"]) is not None
    }
    _identifier_rule(uf, listed)
    _xref_rule(uf, listed, un_refs or {}, xrefs)
    _name_rule(uf, listed)
    _name_dob_rule(uf, listed)
    _name_country_rule(uf, listed, addresses or {})
    _document_rule(uf, parties, doc_links)
    apply_merges(uf, analyst_merges)
    return uf


def _identifier_rule(uf: UnionFind, listed: dict[str, dict[str, Any]]) -> None:
    by_id: dict[tuple[str, str], list[str]] = defaultdict(list)
    for eid, ent in listed.items():
        family = schema_family(ent["schema"])
        props = ent.get("properties", {})
        for prop in ID_PROPS:
            for value in props.get(prop, []):
                key = id_key(value)
                if len(key) >= 5 and not key.isalpha():
                    by_id[(family or "", key)].append(eid)
    for (_family, key), ids in sorted(by_id.items()):
        if len(set(ids)) < 2 or len(set(ids)) > MAX_KEY_GROUP:
            continue
        first = ids[0]
        dates_a = listed[first]["properties"].get("birthDate", [])
        for other in ids[1:]:
            dates_b = listed[other]["properties"].get("birthDate", [])
            if other != first and not dates_conflict(dates_a, dates_b):
                uf.union(first, other, "identifier", f"both carry identifier {key}")


def _xref_rule(
    uf: UnionFind,
    listed: dict[str, dict[str, Any]],
    un_refs: dict[str, list[str]],
    xrefs: Sequence[tuple[str, str, str]],
) -> None:
    cited: list[tuple[str, str, str]] = list(xrefs)
    for eid, ent in listed.items():
        if ent["source"] == UN_SOURCE:
            continue
        props = ent.get("properties", {})
        for value in props.get("name", []) + props.get("alias", []):
            for m in UN_REF.finditer(value):
                cited.append((eid, m.group(0), f"its name {value!r}"))
    for eid, ref, where in sorted(set(cited)):
        if eid not in listed:
            continue
        family = schema_family(listed[eid]["schema"])
        for un_id in un_refs.get(ref, []):
            if un_id == eid or un_id not in listed:
                continue
            if schema_family(listed[un_id]["schema"]) != family:
                continue
            if _un_ref_family(ref) != family and family in ("person", "org"):
                continue
            source = listed[eid]["source"]
            ref_id = listed[eid].get("source_id") or eid
            uf.union(
                un_id,
                eid,
                "xref",
                f"{source} entry {ref_id} cites UN reference {ref} ({where})",
            )


def _name_rule(uf: UnionFind, listed: dict[str, dict[str, Any]]) -> None:
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    for eid, ent in listed.items():
        family = schema_family(ent["schema"])
        props = ent.get("properties", {})
        for key in {name_key(n) for n in names_of(props, family)}:
            if len(key.split()) >= 2:
                by_name[(family or "", key)].append(eid)
    for (_family, key), ids in sorted(by_name.items()):
        uniq = sorted(set(ids))
        if len(uniq) < 2 or len(uniq) > MAX_KEY_GROUP:
            continue
        for i, first in enumerate(uniq):
            dates_a = listed[first]["properties"].get("birthDate", [])
            for other in uniq[i + 1 :]:
                dates_b = listed[other]["properties"].get("birthDate", [])
                if dates_conflict(dates_a, dates_b):
                    continue
                uf.union(first, other, "name", f"names equal after normalisation: {key!r}")


def _blocks(
    listed: dict[str, dict[str, Any]], family: str, keys_of: Callable[[str], set[str]]
) -> dict[str, dict[str, str]]:
    """key -> {entity id: the name that gave the key}, for one family.

    Only entities the rule can merge are read (persons with a birth date, organisations
    with a country): reading every name's forms is the costly part of resolution.
    """
    blocks: dict[str, dict[str, str]] = defaultdict(dict)
    for eid, ent in listed.items():
        if schema_family(ent["schema"]) != family:
            continue
        props = ent.get("properties", {})
        if family == "person" and not props.get("birthDate"):
            continue
        if family != "person" and not countries_of(props, family):
            continue
        names = list(props.get("name", []))
        names += [a for a in props.get("alias", []) if a.count(", ") < 2]
        for name in names:
            for key in keys_of(name):
                blocks[key].setdefault(eid, name)
    return blocks


def _set_facts(
    uf: UnionFind, listed: dict[str, dict[str, Any]], family: str
) -> dict[str, tuple[set[str], set[str]]]:
    """root -> (countries, birth dates) of the listed members of each set of a family."""
    facts: dict[str, tuple[set[str], set[str]]] = {}
    for eid, ent in listed.items():
        if schema_family(ent["schema"]) != family:
            continue
        props = ent.get("properties", {})
        countries, dates = facts.setdefault(uf.find(eid), (set(), set()))
        countries |= countries_of(props, family)
        dates.update(d for d in props.get("birthDate", []) if d)
    return facts


def _join_facts(
    uf: UnionFind, facts: dict[str, tuple[set[str], set[str]]], ra: str, rb: str
) -> None:
    ca, da = facts.pop(ra, (set(), set()))
    cb, db = facts.pop(rb, (set(), set()))
    facts[uf.find(ra)] = (ca | cb, da | db)


def _name_dob_rule(uf: UnionFind, listed: dict[str, dict[str, Any]]) -> None:
    blocks = _blocks(listed, "person", person_name_keys)
    # Countries and birth dates are checked against the whole sets being joined, so a
    # record without a country cannot bridge an Iranian and an Iraqi namesake.
    facts = _set_facts(uf, listed, "person")
    for _key, holders in sorted(blocks.items()):
        if len(holders) < 2:
            continue
        # Sub-block by birth year so that a common name does not exceed MAX_KEY_GROUP.
        by_year: dict[str, list[str]] = defaultdict(list)
        for eid in holders:
            for year in {d[:4] for d in listed[eid]["properties"].get("birthDate", []) if d}:
                by_year[year].append(eid)
        for _year, ids in sorted(by_year.items()):
            uniq = sorted(set(ids))
            if len(uniq) < 2 or len(uniq) > MAX_KEY_GROUP:
                continue
            for i, first in enumerate(uniq):
                pa = listed[first]["properties"]
                ca = countries_of(pa, "person")
                for other in uniq[i + 1 :]:
                    ra, rb = uf.find(first), uf.find(other)
                    if ra == rb:
                        continue
                    pb = listed[other]["properties"]
                    cb = countries_of(pb, "person")
                    date = same_birth_date(pa.get("birthDate", []), pb.get("birthDate", []))
                    if date is None or (len(date) < 7 and not ca & cb):
                        continue
                    sca, sda = facts.get(ra, (set(), set()))
                    scb, sdb = facts.get(rb, (set(), set()))
                    if (sca and scb and not sca & scb) or dates_conflict(sda, sdb):
                        continue
                    country = (
                        f"same country {', '.join(sorted(ca & cb))}"
                        if ca & cb
                        else "no conflicting country"
                    )
                    joined = uf.union(
                        first,
                        other,
                        "name_dob",
                        f"names match after reordering/transliteration "
                        f"({holders[first]!r} ~ {holders[other]!r}), "
                        f"same birth date {date}, {country}",
                    )
                    if joined:
                        _join_facts(uf, facts, ra, rb)


def _org_addresses(props: dict[str, list[str]], addresses: dict[str, str]) -> list[str]:
    found = list(props.get("address", []))
    found += [addresses[a] for a in props.get("addressEntity", []) if a in addresses]
    return found


def _name_country_rule(
    uf: UnionFind, listed: dict[str, dict[str, Any]], addresses: dict[str, str]
) -> None:
    blocks = _blocks(listed, "org", org_name_keys)
    for key, holders in sorted(blocks.items()):
        if len(holders) < 2:
            continue
        by_country: dict[str, list[str]] = defaultdict(list)
        for eid in holders:
            for country in countries_of(listed[eid]["properties"], "org"):
                by_country[country].append(eid)
        for country, ids in sorted(by_country.items()):
            uniq = sorted(set(ids))
            if len(uniq) < 2 or len(uniq) > MAX_KEY_GROUP:
                continue
            for i, first in enumerate(uniq):
                addr_a = _org_addresses(listed[first]["properties"], addresses)
                for other in uniq[i + 1 :]:
                    if uf.find(first) == uf.find(other):
                        continue
                    addr_b = _org_addresses(listed[other]["properties"], addresses)
                    ok, why = address_evidence(addr_a, addr_b)
                    if not ok:
                        continue
                    uf.union(
                        first,
                        other,
                        "name_country",
                        f"names match without legal forms ({holders[first]!r} ~ "
                        f"{holders[other]!r}, key {key!r}), same country {country}, {why}",
                    )


def _document_rule(
    uf: UnionFind, parties: dict[str, dict[str, Any]], doc_links: Iterable[tuple[str, str, float]]
) -> None:
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


_SOURCE_ORDER = ("us-ofac-sdn-", "eu-fsf-", "gb-hmt-", "un-sc-", "us-ofac-cons-")


def _source_rank(eid: str) -> int:
    """Higher for the primary lists, so ties go to the original publisher."""
    for i, prefix in enumerate(_SOURCE_ORDER):
        if eid.startswith(prefix):
            return len(_SOURCE_ORDER) - i
    return 0
