"""Which listed entries are one party: the same person or company on several lists.

Sanctions lists overlap. The trade.gov consolidated list republishes OFAC's
entries; the EU, UK and US designate many of the same people, each spelling their
names its own way ("Gennadij Andrejevitj ZIUGANOV", "ZYUGANOV, Gennady
Andreyevich"). Screening shows such entries as one result, with the other
listings under it, so an analyst sees one party on three lists rather than three
near-identical alerts.

Entries are grouped only on strong evidence, each rule kept deliberately narrow:

* **republished** – a consolidated-list entry that names its origin (``SDN-35238``)
  and the OFAC entry ``35238``;
* **identifier** – the same registration, tax, passport, IMO or other number
  (5 characters or more, held by at most ``MAX_GROUP`` entries), same kind of party;
* **birth date** – two persons on different lists with the same full birth date
  whose names match strongly (two or more name parts, score at least ``NAME_MIN``);
* **spelled alike** – two entries on different lists whose names have the same
  consonant skeletons and match strongly (persons: three name parts or more;
  organisations and vessels: two distinctive words or more), with no conflicting
  country or birth date ("ZYUGANOV, Gennady Andreyevich", "Gennady Andreevich
  ZYUGANOV"; "IRAN ALUMINIUM COMPANY", "IRAN ALUMINUM COMPANY");
* **name** – two organisations or vessels on different lists with exactly the
  same name of two or more distinctive words, or two persons with exactly the same
  name whose birth dates do not conflict (three or more words when a date is
  missing);
* **one-word name** – organisations or vessels on different lists with the same
  one-word name and legal form ("AVIATRANS ANSTALT"), when no other entry has the
  word in any of its names and no country conflicts.

This is a screening-time grouping; the network's resolution
(``frontwatch.graph``) adds documents and analysts' judgements on top.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from itertools import combinations
from typing import Protocol

from frontwatch.match import translit
from frontwatch.match.names import NAME_TITLES, PARTICLES, PERSON, NameForm
from frontwatch.match.orgs import is_generic
from frontwatch.match.score import best_name_match

MAX_GROUP = 8
# A Russian KPP code (tax office + reason + number), shared by every company that one
# tax office registers: not an identifier of a party.
_KPP = re.compile(r"^\d{4}01\d{3}$")
NAME_MIN = 0.9
SPELLING_FORMS = 3  # readings of a name compared by consonant skeleton
_FAMILY = {
    "Person": "person",
    "Company": "org",
    "Organization": "org",
    "LegalEntity": "org",
    "PublicBody": "org",
    "Vessel": "vessel",
    "Airplane": "airplane",
}
# The consolidated list keeps OFAC's entry numbers (SDN-35238, SSI-17467, CMIC-32052).
_REPUBLISHER = "us_trade_csl"
_OFAC_SOURCES = ("us_ofac_sdn", "us_ofac_cons")


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class PartyEntity(Protocol):
    """What grouping needs of one indexed entity (a structural view of IndexedEntity)."""

    id: str
    schema: str
    source: str
    source_id: str | None
    birth_dates: tuple[str, ...]
    countries: frozenset[str]


def group_parties(
    entities: Sequence[PartyEntity],
    names: dict[int, list[tuple[NameForm, ...]]],
    primary: dict[int, list[tuple[NameForm, ...]]],
    identifiers: dict[int, set[str]],
    weights: dict[str, float],
    evidence: list[tuple[int, int, str]] | None = None,
) -> list[int]:
    """For each entity (by position), the position of its party's first entity.

    ``names``: entity position -> the name forms of its names (primary names and
    aliases; not weak aliases); ``primary``: the same for primary names only;
    ``identifiers``: numbers that belong to one party only (not, say, a Russian
    KPP code, which every company of one tax office shares). ``evidence``, when
    given, receives each join: (entity, entity, why).
    """
    uf = _UnionFind(len(entities))

    def join(a: int, b: int, why: str) -> None:
        if uf.find(a) == uf.find(b):
            return
        uf.union(a, b)
        if evidence is not None:
            evidence.append((a, b, why))

    family = [_FAMILY.get(e.schema, e.schema) for e in entities]

    # Republished entries: CSL "SDN-35238" is OFAC 35238.
    by_source_id: dict[tuple[str, str], int] = {}
    for i, e in enumerate(entities):
        if e.source_id:
            by_source_id.setdefault((e.source, e.source_id), i)
    for i, e in enumerate(entities):
        if e.source != _REPUBLISHER or not e.source_id:
            continue
        number = e.source_id.rpartition("-")[2]
        for origin in _OFAC_SOURCES:
            j = by_source_id.get((origin, number))
            if j is not None and family[j] == family[i]:
                join(i, j, f"republishes {origin} entry {number}")

    # Shared identifiers.
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, idents in identifiers.items():
        for ident in sorted(idents):
            if len(ident) >= 5 and not _KPP.match(ident):
                holders[(family[i], ident)].append(i)
    for (fam, ident), members in holders.items():
        if 1 < len(members) <= MAX_GROUP:
            for j in members[1:]:
                # Lists mistype passport numbers: two persons also share a name part.
                if fam == "person" and not _strong_name_match(
                    names.get(members[0], []), names.get(j, []), weights, 0.5, 1
                ):
                    continue
                join(members[0], j, f"same identifier {ident}")

    # Persons with the same full birth date and strongly matching names.
    born: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entities):
        if family[i] == "person":
            for date in sorted(set(e.birth_dates)):
                if len(date) == 10:
                    born[date].append(i)
    for date, members in born.items():
        if len(members) < 2 or len(members) > 60:
            continue
        for a, b in combinations(members, 2):
            if entities[a].source == entities[b].source or uf.find(a) == uf.find(b):
                continue
            if _strong_name_match(names.get(a, []), names.get(b, []), weights):
                join(a, b, f"same birth date {date} and name")

    # Exactly the same distinctive name on different lists.
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, forms_list in primary.items():
        for forms in forms_list:
            if not forms:
                continue
            name_tokens = forms[0].tokens
            if len(_distinctive(name_tokens)) < 2:
                continue
            by_name[(family[i], " ".join(sorted(name_tokens)))].append(i)
    for (fam, key), a, b in _cross_list_pairs(by_name, entities, uf):
        ea, eb = entities[a], entities[b]
        if fam == "person" and not _dates_agree(ea.birth_dates, eb.birth_dates, key):
            continue
        join(a, b, "same name")

    # A one-word name of an organisation or vessel ("AVIATRANS ANSTALT" on OFAC, the UN
    # and the UK): the same word and legal form, when no other entry has the word in
    # any of its names and no country conflicts.
    carriers: dict[str, set[int]] = defaultdict(set)
    for i, forms_list in names.items():
        for forms in forms_list:
            for t in forms[0].tokens if forms else ():
                carriers[t].add(i)
    one_word: dict[tuple[str, str], list[int]] = defaultdict(list)
    words: dict[tuple[str, str], tuple[str, ...]] = {}  # key -> the name's words
    for i, forms_list in primary.items():
        if family[i] == "person":
            continue
        for forms in forms_list:
            distinctive = _distinctive(forms[0].tokens) if forms else []
            if len(distinctive) == 1 and len(distinctive[0]) >= 4:
                legal = " ".join(sorted(forms[0].legal_forms))
                name_key = (family[i], f"{' '.join(forms[0].tokens)}|{legal}")
                one_word[name_key].append(i)
                words[name_key] = forms[0].tokens
    only_theirs = {
        name_key: members
        for name_key, members in one_word.items()
        if all(carriers[t] <= set(members) for t in words[name_key])
    }
    for _, a, b in _cross_list_pairs(only_theirs, entities, uf):
        ea, eb = entities[a], entities[b]
        if ea.countries and eb.countries and not (ea.countries & eb.countries):
            continue
        join(a, b, "same one-word name, which no other entry has")

    # Names spelled alike (the same consonant skeletons: Andreevich / Andreyevich,
    # Aluminium / Aluminum) on different lists, with no conflicting country or birth date:
    # persons with three name parts or more, organisations and vessels with two
    # distinctive words or more. Every reading of the primary names counts (the EU's
    # Cyrillic name read in Latin letters meets the UK's Latin one); aliases do not:
    # a parent and its units share those.
    skeletons: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, forms_list in primary.items():
        for forms in forms_list:
            for form in forms[:SPELLING_FORMS]:
                if family[i] == "person":
                    tokens = [t for t in form.tokens if t not in PARTICLES]
                    if len(tokens) < 3:
                        continue
                else:
                    tokens = list(form.tokens)
                    if len(_distinctive(tokens)) < 2:
                        continue
                key = " ".join(sorted(translit.skeleton(t) for t in tokens))
                skeletons[(family[i], key)].append(i)
    for (fam, _), a, b in _cross_list_pairs(skeletons, entities, uf):
        ea, eb = entities[a], entities[b]
        if ea.countries and eb.countries and not (ea.countries & eb.countries):
            continue
        if (
            ea.birth_dates
            and eb.birth_dates
            and not _dates_agree(ea.birth_dates, eb.birth_dates, "")
        ):
            continue
        parts = 3 if fam == "person" else 2
        if _strong_name_match(primary[a], primary[b], weights, 0.95, parts):
            common = sorted(ea.countries & eb.countries)
            where = f", and country {common[0].upper()}" if common else ""
            join(a, b, f"same name, spelled alike{where}")
    return [uf.find(i) for i in range(len(entities))]


def _cross_list_pairs(
    groups: dict[tuple[str, str], list[int]], entities: Sequence[PartyEntity], uf: _UnionFind
) -> Iterator[tuple[tuple[str, str], int, int]]:
    """Pairs of a group's entries on different lists, not yet one party.

    Groups of more than ``MAX_GROUP`` entries are passed over: a key that many share
    says too little.
    """
    for key, members in groups.items():
        members = sorted(set(members))
        if len(members) < 2 or len(members) > MAX_GROUP:
            continue
        for a, b in combinations(members, 2):
            if entities[a].source != entities[b].source and uf.find(a) != uf.find(b):
                yield key, a, b


def _distinctive(tokens: Sequence[str]) -> list[str]:
    """Name words that are not generic business words, particles or titles."""
    return [
        t
        for t in tokens
        if not is_generic(t) and t not in PARTICLES and t not in NAME_TITLES and len(t) > 1
    ]


def _dates_agree(a: tuple[str, ...], b: tuple[str, ...], key: str) -> bool:
    """Birth dates that share a year; or, when one side has none, a name of 3+ words."""
    if not a or not b:
        return len(key.split()) >= 3
    return bool({d[:4] for d in a} & {d[:4] for d in b})


def _strong_name_match(
    a: list[tuple[NameForm, ...]],
    b: list[tuple[NameForm, ...]],
    weights: dict[str, float],
    minimum: float = NAME_MIN,
    parts: int = 2,
) -> bool:
    """Whether any name of one matches any of the other, on ``parts`` parts or more."""
    for fa in a:
        for fb in b:
            match = best_name_match(fa, fb, weights, PERSON)
            if match is None or match.score < minimum:
                continue
            strong = [p for p in match.pairs if p[2] >= 0.8]
            if len(strong) >= parts:
                return True
    return False
