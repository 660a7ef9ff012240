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
  consonant skeletons and match strongly, with no conflicting country or birth date
  ("ZYUGANOV, Gennady Andreyevich", "Gennady Andreevich ZYUGANOV"; "IRAN ALUMINIUM
  COMPANY", "IRAN ALUMINUM COMPANY"). Organisations and vessels: primary names of two
  distinctive words or more. Persons: primary names of three parts or more; and,
  when no list gives the name to two of its entries, any names, aliases too (a
  parent and its units share aliases, persons do not), of three parts or more with a
  word that few entries carry ("Aleksey Sergeyevich MORENETS"), of two parts that
  are spelled alike, one of them a word few entries carry ("Hoseyn FAQIHIAN"), or of
  two parts that the other list writes with a patronymic ("Aleksei MORENETS",
  "MORENETS, Aleksei Sergeyevich");
* **name** – two organisations or vessels on different lists with exactly the
  same name of two or more distinctive words, or two persons with exactly the same
  name whose birth dates do not conflict (three or more words when a date is
  missing, and then not a name that one list gives to two people born on
  different dates: the entry without a date could be either);
* **one-word name** – organisations or vessels on different lists with the same
  one-word name and legal form ("AVIATRANS ANSTALT"), when no other entry has the
  word in any of its names and no country conflicts.

The UK lists a party once under each regime that designates it (BEL0045, GHR0050):
each regime counts as a list of its own. No rule but a shared identifier or a
republished entry number puts two persons born on different dates (no year in
common, nor a day and month, nor a year one apart when a list gives the year alone)
in one party, whichever entry the dates are on; and a list's birth
dates are set aside when, for most of the persons that share an identifier with
another list, they have no year in common with the other list's (the derived UK
tables pair many persons with other persons' dates): the reason then says so.

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
# The UK lists a party once under each regime that designates it, the regime in the
# entry's number (Lukashenko is BEL0045 and GHR0050): each regime is a list of its own.
_LIST_PER_REGIME = {"gb_hmt": re.compile(r"^[A-Z]+")}
# A name given by an alias (or a person's two-part name) groups only with a word in it
# that few entries carry: a weight of 0.7 is about 20 entries of 33,000, 0.8 about 8.
RARE_WORD = 0.7
RARE_SURNAME = 0.8
PERSON_ALIKE = 0.9  # the least score of persons' names spelled alike
# In a name of two parts, each part is the same or a spelling variant (Ahmad, Ahmed), not
# just a transliteration of the other (Omidi, Amidi: two Persian names).
SAME_PART = 0.94
# A list's birth dates are not compared when they disagree (no year in common) with
# those of another list for most of the persons that share an identifier with it.
DATES_CHECKED = 20  # persons needed to judge a list's birth dates
# Readings of a name that join its syllables or leave its vowels out ("Li Cheng He" read
# "Li Chenghe" meets "Ri Chang Ho" read "Ri Changho"): too loose for aliases and names
# of two parts.
_LOOSE_READINGS = frozenset({"chinese syllables", "letter by letter"})
# The ending of an East Slavic patronymic, as the lists write it (Sergeyevich,
# Viktorovitj, Uladzimiravich, Vasylyovych, Petrovna; Czech -ovič read as -ovic).
_PATRONYMIC = re.compile(r"(?:vich|vych|vitj|vic|witsch|vna)$")
_SON_OF = re.compile(r"(?:vych|vitj|vic|witsch)$")  # written -vich in English


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.members: dict[int, list[int]] = {}  # a party's first entity -> all (2+)

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, gone = min(ra, rb), max(ra, rb)
            together = self.members.pop(keep, [keep]) + self.members.pop(gone, [gone])
            self.parent[gone] = keep
            self.members[keep] = together

    def party(self, x: int) -> list[int]:
        """The entities of x's party."""
        root = self.find(x)
        return self.members.get(root, [root])


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
    untrusted: dict[str, str] | None = None,
    judged: dict[str, str] | None = None,
) -> list[int]:
    """For each entity (by position), the position of its party's first entity.

    ``names``: entity position -> the name forms of its names (primary names and
    aliases; not weak aliases); ``primary``: the same for primary names only;
    ``identifiers``: numbers that belong to one party only (not, say, a Russian
    KPP code, which every company of one tax office shares). ``evidence``, when
    given, receives each join: (entity, entity, why); ``untrusted``, the sources whose
    birth dates were set aside, with why. ``judged``, when given, are those sources,
    as a larger set of entities showed them (a delta index groups its few entities
    with the full index's verdict).
    """
    uf = _UnionFind(len(entities))

    def join(a: int, b: int, why: str) -> None:
        if uf.find(a) == uf.find(b):
            return
        uf.union(a, b)
        if evidence is not None:
            evidence.append((a, b, why))

    family = [_FAMILY.get(e.schema, e.schema) for e in entities]
    lists = [_list_of(e) for e in entities]

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
    same_person: list[tuple[int, int]] = []  # persons on two lists sharing an identifier
    for (fam, ident), members in holders.items():
        if 1 < len(members) <= MAX_GROUP:
            for j in members[1:]:
                # Lists mistype passport numbers: two persons also share a name part.
                if fam == "person" and not _strong_name_match(
                    names.get(members[0], []), names.get(j, []), weights, 0.5, 1
                ):
                    continue
                if fam == "person" and entities[members[0]].source != entities[j].source:
                    same_person.append((members[0], j))
                join(members[0], j, f"same identifier {ident}")

    # Birth dates, except a list's that disagree with the other lists' for most of
    # the persons they share an identifier with.
    set_aside = _untrusted_dates(entities, same_person) if judged is None else dict(judged)
    if untrusted is not None:
        untrusted.update(set_aside)
    born = [() if e.source in set_aside else e.birth_dates for e in entities]

    def dates_conflict(a: int, b: int) -> bool:
        """Whether two parties hold persons born on different dates."""
        dated_a = [born[x] for x in uf.party(a) if born[x]]
        dated_b = [born[x] for x in uf.party(b) if born[x]]
        return any(_dates_differ(x, y) for x in dated_a for y in dated_b)

    def one_each(members: list[int]) -> bool:
        """Whether no list gives a name to two of its entries that are not one party
        (two people)."""
        parties = {(lists[m], uf.find(m)) for m in members}
        return len({where for where, _ in parties}) == len(parties)

    def two_people(members: list[int]) -> bool:
        """Whether a list gives a name to two of its entries born on different dates.
        (Lists do repeat one person, under two programmes; a name of two people cannot
        join a third entry without dates to one of them.)"""
        by_list: dict[str, dict[int, int]] = defaultdict(dict)
        for m in members:
            by_list[lists[m]].setdefault(uf.find(m), m)
        return any(
            dates_conflict(x, y)
            for firsts in by_list.values()
            for x, y in combinations(firsts.values(), 2)
        )

    def dates_note(a: int, b: int) -> str:
        """Why birth dates that conflict were not compared, or ""."""
        if not (entities[a].birth_dates and entities[b].birth_dates):
            return ""
        for e in (entities[a], entities[b]):
            if e.source in set_aside:
                return f"; birth dates on {e.source} not compared ({set_aside[e.source]})"
        return ""

    # Persons with the same full birth date and strongly matching names.
    born_on: dict[str, list[int]] = defaultdict(list)
    for i in range(len(entities)):
        if family[i] == "person":
            for date in sorted(set(born[i])):
                if len(date) == 10:
                    born_on[date].append(i)
    for date, members in born_on.items():
        if len(members) < 2 or len(members) > 60:
            continue
        for a, b in combinations(members, 2):
            if lists[a] == lists[b] or uf.find(a) == uf.find(b):
                continue
            if dates_conflict(a, b):
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
    for (fam, key), a, b in _cross_list_pairs(by_name, lists, uf):
        if fam != "person":
            join(a, b, "same name")
            continue
        if not _dates_agree(born[a], born[b], key) or dates_conflict(a, b):
            continue
        # Without birth dates on both sides, a name that one list gives to two people
        # could be either's.
        note = dates_note(a, b)
        if not (born[a] and born[b]) and two_people(by_name[(fam, key)]):
            continue
        join(a, b, "same name" + note)

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
    # A name of one word: when no other entry has the word. A name of that word and
    # generic ones ("SHIRAZ ELECTRONICS INDUSTRIES" on OFAC, the EU and the UK): when
    # no list gives the whole name to two entries.
    only_theirs = {
        name_key: members
        for name_key, members in one_word.items()
        if (
            all(carriers[t] <= set(members) for t in words[name_key])
            if len(words[name_key]) == 1
            else one_each(members)
        )
    }
    for name_key, a, b in _cross_list_pairs(only_theirs, lists, uf):
        ea, eb = entities[a], entities[b]
        if ea.countries and eb.countries and not (ea.countries & eb.countries):
            continue
        if len(words[name_key]) == 1:
            join(a, b, "same one-word name, which no other entry has")
        else:
            join(a, b, "same name, which no list gives to two entries")

    # Names spelled alike (the same consonant skeletons: Andreevich / Andreyevich,
    # Aluminium / Aluminum) on different lists, with no conflicting country or birth
    # date. Every reading of a name counts (the EU's Cyrillic name read in Latin letters
    # meets the UK's Latin one).
    # * Organisations and vessels: primary names of two distinctive words or more;
    #   not aliases, which a parent and its units share.
    # * Persons: primary names of three parts or more; and, when no list gives the name
    #   to two of its entries (two entries of one list are two people), any names,
    #   aliases too, of three parts or more with a word that few entries carry, of two
    #   parts, each the same or a spelling variant, with a word that few entries carry
    #   ("Hoseyn FAQIHIAN"), or of two parts that the other list writes with a
    #   patronymic ("Aleksei MORENETS", "MORENETS, Aleksei Sergeyevich").
    skeletons: dict[tuple[str, str], list[int]] = defaultdict(list)
    spelled: dict[tuple[str, int], _Spelled] = {}  # (key, entity) -> its names of that key

    for i in range(len(entities)):
        person = family[i] == "person"
        firsts = primary.get(i, [])
        for forms in names.get(i, []) if person else firsts:
            is_primary = forms in firsts
            for form in forms[:SPELLING_FORMS]:
                if person:
                    readings = _person_readings(form.tokens)
                    if form.origin in _LOOSE_READINGS:
                        # Read so, only a primary name of three parts or more gives a
                        # key (the rule as it was before aliases counted).
                        if not is_primary:
                            continue
                        readings = [(t, f) for t, f in readings if len(t) >= 3 and not f]
                else:
                    tokens = list(form.tokens)
                    readings = [(tokens, "")] if len(_distinctive(tokens)) >= 2 else []
                for tokens, father in readings:
                    if father:  # read as English: Sergejevitj = Sergeyevich
                        father = _SON_OF.sub("vich", father).replace("j", "y")
                        father = translit.skeleton(father)
                    loose = person and form.origin in _LOOSE_READINGS
                    for key in _spelling_keys(tokens):
                        here = spelled.get((key, i))
                        if here is None:
                            skeletons[(family[i], key)].append(i)
                            here = spelled[(key, i)] = _Spelled()
                        here.add(forms, is_primary, tokens, weights, father, loose)
    # Whole names of three parts or more first: a party's birth dates then rule out
    # what two-part names alone would join.
    pairs = sorted(
        _cross_list_pairs(skeletons, lists, uf),
        key=lambda p: (
            len(p[0][1].split()) < 3
            or not (spelled[(p[0][1], p[1])].whole and spelled[(p[0][1], p[2])].whole)
        ),
    )
    for (fam, key), a, b in pairs:
        ea, eb = entities[a], entities[b]
        if uf.find(a) == uf.find(b):
            continue
        if ea.countries and eb.countries and not (ea.countries & eb.countries):
            continue
        if fam == "person" and dates_conflict(a, b):
            continue
        common = sorted(ea.countries & eb.countries)
        where = f", and country {common[0].upper()}" if common else ""
        sa, sb = spelled[(key, a)], spelled[(key, b)]
        parts = len(key.split())
        if fam != "person":
            if _strong_name_match(primary[a], primary[b], weights, 0.95, 2):
                join(a, b, f"same name, spelled alike{where}")
            continue
        members = skeletons[(fam, key)]
        note = dates_note(a, b)
        if sa.primary and sb.primary and parts >= 3:
            if not (born[a] and born[b]) and two_people(members):
                continue
            if _strong_name_match(primary[a], primary[b], weights, PERSON_ALIKE, 3):
                join(a, b, f"same name, spelled alike{where}{note}")
            continue
        if min(sa.rare, sb.rare) < (RARE_WORD if parts >= 3 else RARE_SURNAME):
            continue
        if not one_each(members):
            continue
        if sa.whole and sb.whole:
            each = 0.8 if parts >= 3 else SAME_PART
            pair = _strong_pair(sa.whole, sb.whole, weights, PERSON_ALIKE, parts, each)
            what = "same name" if parts >= 3 else "same name with a word few entries have"
        elif sa.whole or sb.whole:
            # One list adds a patronymic; every patronymic the group's names give is one.
            fathers = set().union(*(spelled[(key, m)].fathers for m in members))
            if len(fathers) > 1:
                continue
            if sa.whole:
                pair = _strong_pair(sa.whole, sb.fathered, weights, 0.85, 2, SAME_PART)
            else:
                pair = _strong_pair(sa.fathered, sb.whole, weights, 0.85, 2, SAME_PART)
            what = "same name, one list adding the patronymic"
        else:
            continue  # two names with patronymics, which the key leaves out
        if pair is not None:
            why = f"{what}, spelled alike (“{pair[0]}”, “{pair[1]}”){where}{note}"
            join(a, b, why)
    return [uf.find(i) for i in range(len(entities))]


class _Spelled:
    """An entry's names that give one key of consonant skeletons."""

    def __init__(self) -> None:
        self.whole: list[tuple[NameForm, ...]] = []  # names read whole
        self.fathered: list[tuple[NameForm, ...]] = []  # names read without a patronymic
        self.fathers: set[str] = set()  # those patronymics (skeletons)
        self.primary = False  # a primary name, read whole, gives the key
        self.rare = 0.0  # the weight of the key's rarest word (the highest weight)

    def add(
        self,
        forms: tuple[NameForm, ...],
        primary: bool,
        tokens: list[str],
        weights: dict[str, float],
        father: str,
        loose: bool = False,
    ) -> None:
        if father:
            self.fathers.add(father)
            if forms not in self.fathered:
                self.fathered.append(forms)
        elif forms not in self.whole:
            self.whole.append(forms)
            self.primary = self.primary or primary
        if not loose:  # a loose reading's joined syllables are rare words of its own
            self.rare = max(self.rare, max(weights.get(t, 0.0) for t in tokens))


def _spelling_keys(tokens: Sequence[str]) -> set[str]:
    """What spellings of a name share: its words' consonant skeletons (Andreevich,
    Andreyevich); and, when a word belongs to a known name family, that family in its
    place (Yahya, Yehia: their skeletons differ)."""
    skeletons = [translit.skeleton(t) for t in tokens]
    families = [translit.variant_group(t) for t in tokens]
    keys = {" ".join(sorted(skeletons))}
    if any(families):
        words = [s if f is None else f"={f}" for s, f in zip(skeletons, families, strict=True)]
        keys.add(" ".join(sorted(words)))
    return keys


def _person_readings(tokens: Sequence[str]) -> list[tuple[list[str], str]]:
    """A person's name words (particles aside) to compare by skeleton, each with the
    patronymic left out ("" for none): the whole name when it has two parts or more
    (three when one is an initial), and a name of three parts without its patronymic."""
    words = [t for t in tokens if t not in PARTICLES]
    readings: list[tuple[list[str], str]] = []
    if len(words) >= (2 if all(len(t) > 1 for t in words) else 3):
        readings.append((words, ""))
    if len(words) == 3 and all(len(t) > 1 for t in words):
        for k, word in enumerate(words[1:], 1):  # a patronymic never comes first
            if _PATRONYMIC.search(word):
                readings.append((words[:k] + words[k + 1 :], word))
    return readings


def _list_of(entity: PartyEntity) -> str:
    """The list an entry is on: its source, or for the UK its source and regime."""
    regime = _LIST_PER_REGIME.get(entity.source)
    match = regime.match(entity.source_id or "") if regime else None
    return f"{entity.source}:{match.group()}" if match else entity.source


def _untrusted_dates(
    entities: Sequence[PartyEntity], same_person: list[tuple[int, int]]
) -> dict[str, str]:
    """Sources whose birth dates disagree with the other lists', and by how much.

    ``same_person``: persons on two lists that share an identifier. A source whose
    birth dates have no year in common with the other entry's for most of those
    persons (of ``DATES_CHECKED`` at least) carries dates that say nothing of who
    its entries are. A disagreement counts against both lists, so the worst list is
    set aside first and the others judged again without it: a good list whose
    entries are mostly shared with a bad one is not blamed for it.
    """
    pairs: list[tuple[str, str, bool]] = []
    for a, b in set(same_person):
        ea, eb = entities[a], entities[b]
        if ea.birth_dates and eb.birth_dates:
            agree = bool({d[:4] for d in ea.birth_dates} & {d[:4] for d in eb.birth_dates})
            pairs.append((ea.source, eb.source, agree))
    set_aside: dict[str, str] = {}
    while True:
        checked: dict[str, int] = defaultdict(int)
        differ: dict[str, int] = defaultdict(int)
        for source_a, source_b, agree in pairs:
            if source_a in set_aside or source_b in set_aside:
                continue
            for source in (source_a, source_b):
                checked[source] += 1
                differ[source] += not agree
        worst = max(
            (
                (differ[source] / n, source)
                for source, n in checked.items()
                if n >= DATES_CHECKED and differ[source] * 2 > n
            ),
            default=None,
        )
        if worst is None:
            return set_aside
        source = worst[1]
        set_aside[source] = (
            f"they differ from another list's for {differ[source]} of {checked[source]}"
            " persons that share an identifier with it"
        )


def _cross_list_pairs(
    groups: dict[tuple[str, str], list[int]], lists: list[str], uf: _UnionFind
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
            if lists[a] != lists[b] and uf.find(a) != uf.find(b):
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


def _dates_differ(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Birth dates that cannot be one person's: no year in common, nor a day and month
    (a year mistyped: 1962-07-25, 1952-07-25), nor a year one apart where a list gives
    the year alone (an approximate year: 1949, 1950)."""
    for x in a:
        for y in b:
            if x[:4] == y[:4] or (len(x) == len(y) == 10 and x[4:] == y[4:]):
                return False
            approximate = (len(x) == 4 or len(y) == 4) and x[:4].isdigit() and y[:4].isdigit()
            if approximate and abs(int(x[:4]) - int(y[:4])) == 1:
                return False
    return True


def _strong_name_match(
    a: list[tuple[NameForm, ...]],
    b: list[tuple[NameForm, ...]],
    weights: dict[str, float],
    minimum: float = NAME_MIN,
    parts: int = 2,
) -> bool:
    """Whether any name of one matches any of the other, on ``parts`` parts or more."""
    return _strong_pair(a, b, weights, minimum, parts) is not None


def _strong_pair(
    a: list[tuple[NameForm, ...]],
    b: list[tuple[NameForm, ...]],
    weights: dict[str, float],
    minimum: float = NAME_MIN,
    parts: int = 2,
    each: float = 0.8,
) -> tuple[str, str] | None:
    """The first names of the two (as written) that match on ``parts`` parts or more,
    each part at least ``each`` alike."""
    for fa in a:
        for fb in b:
            match = best_name_match(fa, fb, weights, PERSON)
            if match is None or match.score < minimum:
                continue
            strong = [p for p in match.pairs if p[2] >= each]
            if len(strong) >= parts:
                return fa[0].text, fb[0].text
    return None
