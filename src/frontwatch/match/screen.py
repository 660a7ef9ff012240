"""Screening: a name (with type, country, birth date, identifier) against the lists.

``Screener.screen(query)`` retrieves candidates from the index, scores each
with the features of ``frontwatch.match.score`` and returns ranked results,
each with its explanation. ``Screener.compare(a, b)`` scores one pair of names.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from followthemoney.types import registry

from frontwatch.match.index import IndexedEntity, IndexedName, ScreeningIndex, normalize_id
from frontwatch.match.names import (
    ANY,
    ORG,
    PERSON,
    VESSEL,
    NameForm,
    name_forms,
    name_kind,
    tokenize,
)
from frontwatch.match.orgs import organisation_word, split_legal_form
from frontwatch.match.score import (
    BIRTH_DATE_MATCH,
    BIRTH_DATE_MISMATCH,
    COMMON_NAME_PENALTY,
    COUNTRY_MATCH,
    COUNTRY_MISMATCH,
    DEFAULT_THRESHOLD,
    IDENTIFIER_MATCH,
    NOT_AN_ORGANISATION_PENALTY,
    ONE_PART_PENALTY,
    OTHER_CHINESE_NAME_PENALTY,
    WEAK_ALIAS_PENALTY,
    Feature,
    NameMatch,
    NameScorer,
    best_name_match,
    clamp,
    date_relation,
    disorder,
    is_common_name,
    legal_form_difference,
    one_part_only,
    other_chinese_syllables,
    shared_parts,
)

QUERY_TYPES: dict[str, frozenset[str] | None] = {
    "any": None,
    "person": frozenset({"Person", "LegalEntity"}),
    "organization": frozenset({"Company", "Organization", "LegalEntity", "PublicBody"}),
    "company": frozenset({"Company", "Organization", "LegalEntity"}),
    "vessel": frozenset({"Vessel"}),
    "airplane": frozenset({"Airplane"}),
}
SCHEMA_TYPES = {
    "Person": "person",
    "Company": "company",
    "Organization": "organization",
    "LegalEntity": "any",
    "PublicBody": "organization",
    "Vessel": "vessel",
    "Airplane": "airplane",
    "Thing": "any",
}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# Lists that republish other lists' entries (trade.gov's consolidated screening list).
REPUBLISHERS = frozenset({"us_trade_csl"})

# An identifier specific enough to be a hit on its own (IMO numbers, passports,
# registration numbers): normalised, at least this long and with a digit in it.
SPECIFIC_ID_LENGTH = 6
# The score that an exact specific identifier gives at least, whatever the name.
IDENTIFIER_HIT_SCORE = 0.90


# Entries that an organisation's name does not name (see ``Query.organisation_word``).
_NOT_ORGANISATIONS = {"Person": "a person", "Vessel": "a vessel", "Airplane": "an aircraft"}


def is_specific_id(normalized: str) -> bool:
    """Whether a normalised identifier is specific enough to be a hit on its own."""
    return len(normalized) >= SPECIFIC_ID_LENGTH and any(ch.isdigit() for ch in normalized)


class QueryError(ValueError):
    """A query that cannot be screened as given (the message says why)."""


@dataclass
class Query:
    """What to screen: a name and what else is known of the party."""

    name: str
    type: str = "any"
    country: str | None = None
    birth_date: str | None = None
    id_number: str | None = None

    def __post_init__(self) -> None:
        self.name = (self.name or "").strip()
        if not self.name:
            raise QueryError("a name is required")
        self.type = query_type(self.type)
        why = _nothing_to_screen(self.name, self.kind)
        if why is not None:
            raise QueryError(f"nothing to screen: {self.name!r} {why}")
        if self.country:
            code = registry.country.clean(self.country.strip())
            if code is None:
                raise QueryError(f"unknown country {self.country!r}; use an ISO code such as CN")
            self.country = code
        else:
            self.country = None
        if self.birth_date:
            self.birth_date = self.birth_date.strip()
            if not _DATE.match(self.birth_date) or not _valid_date(self.birth_date):
                raise QueryError(
                    f"birth date {self.birth_date!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"
                )
        else:
            self.birth_date = None
        self.id_number = (self.id_number or "").strip() or None

    @cached_property
    def organisation_word(self) -> str | None:
        """For a query of type ``any``, the word that makes its name an organisation's
        ("Corporation", "Co., Ltd.", 公司), or None."""
        if self.type != "any":
            return None
        return organisation_word(self.name, tokenize(self.name))

    @property
    def kind(self) -> str:
        """How the query's name is read."""
        return {"person": PERSON, "vessel": VESSEL, "airplane": VESSEL}.get(
            self.type, ORG if self.type in ("organization", "company") else ANY
        )


def query_type(text: str | None, what: str = "type") -> str:
    """The query type a type or FtM schema name gives (``Company`` → ``company``,
    ``LegalEntity`` → ``any``; blank → ``any``); ``QueryError`` if it is neither."""
    written = (text or "").strip()
    given = written.lower() or "any"
    if given in SCHEMA_TYPES.values() or given in QUERY_TYPES:
        return given
    # An FtM schema in any case: Company, LegalEntity, publicbody.
    by_schema = {schema.lower(): kind for schema, kind in SCHEMA_TYPES.items()}
    if given in by_schema:
        return by_schema[given]
    raise QueryError(
        f"unknown {what} {written!r}; use one of {', '.join(QUERY_TYPES)} "
        "or an FtM schema (Person, Company, Organization, Vessel)"
    )


# What counterparty files write where a name is not known.
PLACEHOLDERS = frozenset({"na", "none", "null", "unknown", "nil", "tbd", "tba"})
_NOT_LETTERS = re.compile(r"[\s./\\_-]+")
# A word no legal form contains: put before or after a name, it is what a name that is
# only a legal form leaves as its core.
_PROBE = "qzxjv"


def _nothing_to_screen(name: str, kind: str) -> str | None:
    """Why a name holds nothing to screen (``None`` if it does).

    A name with no letter or digit (``-``, ``.``, an emoji, a zero-width space), a
    placeholder (``N/A``, ``none``, ``unknown``) or, unless the query is for a
    person or a vessel, only a legal form (``LLC``, ``Co., Ltd.``): screened, each
    finds nothing, and an empty result reads as cleared.
    """
    if not any(ch.isalnum() for ch in name):
        return "has no letter or digit"
    if _NOT_LETTERS.sub("", name.casefold()) in PLACEHOLDERS:
        return "is a placeholder, not a name"
    if kind in (PERSON, VESSEL):
        return None
    # The forms screening reads the name in (cached: screening reuses them).
    forms = name_forms(name, kind)
    if forms and all(_only_legal_form(f.tokens) for f in forms):
        return "is only a legal form, with no name"
    return None


def _only_legal_form(tokens: tuple[str, ...]) -> bool:
    """Whether tokens are a legal form and nothing else (read as an organisation's
    name with a word before or after them, they leave only that word)."""
    if not tokens:
        return False
    for probed in ((_PROBE, *tokens), (*tokens, _PROBE)):
        core, forms = split_legal_form(probed)
        if core == (_PROBE,) and forms:
            return True
    return False


def _valid_date(text: str) -> bool:
    parts = [int(p) for p in text.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return False
    if len(parts) > 2:
        try:
            date(*parts)  # 1981-02-30 and 1990-04-31 are no dates
        except ValueError:
            return False
    return True


@dataclass
class Result:
    """One listed entity that matches a query, with the score and why."""

    entity_id: str
    caption: str
    schema: str
    source: str
    source_id: str | None
    programs: tuple[str, ...]
    score: float
    match: bool
    matched_name: str
    matched_name_kind: str
    query_form: str
    query_form_origin: str
    features: list[Feature] = field(default_factory=list)
    # The same party's other entries (on other lists, or republished), each a dict of
    # entity_id, caption, source, source_id, score (None: its names did not match the
    # query well enough to be scored) and why it is the same party.
    same_party: list[dict[str, Any]] = field(default_factory=list)

    @property
    def explanation(self) -> str:
        """The score in words, feature by feature."""
        parts = []
        for f in self.features:
            if f.name == "name":
                parts.append(f"name {f.value:.2f}: {f.detail}")
            else:
                parts.append(f"{f.name} {f.value:+.2f}: {f.detail}")
        return " | ".join(parts) + f" = {self.score:.2f}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "entity_id": self.entity_id,
            "caption": self.caption,
            "schema": self.schema,
            "score": round(self.score, 4),
            "match": self.match,
            "matched_name": self.matched_name,
            "matched_name_kind": self.matched_name_kind,
            "query_form": self.query_form,
            "query_form_origin": self.query_form_origin,
            "sources": [{"source": self.source, "source_id": self.source_id}],
            "programs": list(self.programs),
            "features": [f.to_dict() for f in self.features],
            "explanation": self.explanation,
            "same_party": self.same_party,
        }


class Screener:
    """Screens queries against one screening index."""

    def __init__(self, index: ScreeningIndex, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.index = index
        self.threshold = threshold
        # Entity id -> the birth dates its party's entries on other lists give, for
        # the entries whose own dates are set aside or missing (made on first use).
        self._mates_dates: dict[str, tuple[tuple[str, ...], str]] | None = None
        # Normalised identifier -> the positions of the entities that list it, and
        # entity position -> the positions of its names (made on first use, by a query
        # with an identifier).
        self._id_entities: dict[str, list[int]] | None = None
        self._entity_names: dict[int, list[int]] | None = None

    def _id_map(self) -> dict[str, list[int]]:
        """Normalised identifier -> the positions of the entities that list it."""
        if self._id_entities is None:
            by_id: dict[str, list[int]] = {}
            for position, entity in enumerate(self.index.entities):
                for ident in entity.identifiers:
                    by_id.setdefault(ident, []).append(position)
            self._id_entities = by_id
        return self._id_entities

    def _by_identifier(self, id_number: str) -> dict[int, list[int]]:
        """The entities listing the identifier (normalised), each with its name positions."""
        qid = normalize_id(id_number)
        if not qid:
            return {}
        if self._entity_names is None:
            names: dict[int, list[int]] = {}
            for n, name in enumerate(self.index.names):
                names.setdefault(name.entity, []).append(n)
            self._entity_names = names
        return {p: self._entity_names.get(p, []) for p in self._id_map().get(qid, ())}

    def _parties_listing(self, qid: str) -> int:
        """How many parties list a normalised identifier (a number that several
        parties carry, such as a Russian tax office's KPP code, identifies none)."""
        parties = self.index.parties
        return len({parties[p] for p in self._id_map().get(qid, ())})

    def _party_dates(self, entity: IndexedEntity) -> tuple[tuple[str, ...], str]:
        """The birth dates that the entity's party gives on lists whose dates are not set
        aside, and those lists ("" when none), for an entry whose own dates are set
        aside or that gives none."""
        found = self._mates_dates
        if found is None:
            index = self.index
            untrusted = index.untrusted_dates
            found = {}
            for members in index.party_members.values():
                mates = [index.entities[m] for m in members]
                trusted = [e for e in mates if e.source not in untrusted and e.birth_dates]
                dates = tuple(dict.fromkeys(d for e in trusted for d in e.birth_dates))
                where = ", ".join(sorted({e.source for e in trusted}))
                for e in mates:
                    if (e.source in untrusted or not e.birth_dates) and dates:
                        found[e.id] = (dates, where)
            self._mates_dates = found
        return found.get(entity.id, ((), ""))

    def screen(
        self,
        query: Query,
        limit: int = 10,
        threshold: float | None = None,
        candidates: int = 40,
        group: bool = True,
    ) -> list[Result]:
        """Ranked matches at or above the threshold, best first.

        With ``group``, entries of one party on several lists (see
        ``frontwatch.match.parties``) come as one result, the others in ``same_party``.
        """
        threshold = self.threshold if threshold is None else threshold
        allowed_schemata = QUERY_TYPES.get(query.type)
        q_forms = name_forms(query.name, query.kind)
        allowed = None if allowed_schemata is None else (lambda e: e.schema in allowed_schemata)
        index = self.index
        entities = index.entities
        found_ids = index.candidates(q_forms, allowed, candidates)
        # The entries that list the query's identifier are candidates whatever their
        # names (a renamed vessel), and scored even when no name matches.
        by_id: dict[int, list[int]] = {}
        if query.id_number:
            by_id = {
                p: names
                for p, names in self._by_identifier(query.id_number).items()
                if allowed is None or allowed(entities[p])
            }
            seen = set(found_ids)
            for names in by_id.values():
                found_ids.extend(n for n in names if n not in seen)
                seen.update(names)
        found = [index.names[n] for n in found_ids]
        # One scorer for all candidates: the query side and the token similarities are
        # computed once, those of all candidate tokens in one go.
        scorer = NameScorer(q_forms, index.weights)
        scorer.prepare(form for name in found for form in name.forms)
        # Each entity's best score and the name that gave it. Results (with their
        # explanations) are only made for the entities returned.
        scores: dict[int, float] = {}
        hits: dict[int, tuple[IndexedName, NameMatch]] = {}
        id_keys: dict[int, tuple[float, float]] = {}
        # A name whose score cannot reach the threshold, whatever the other features
        # add, is scored in full only if a result shows it (as a same-party entry).
        most_added = (COUNTRY_MATCH if query.country else 0.0) + (
            BIRTH_DATE_MATCH if query.birth_date else 0.0
        )
        below: dict[int, list[tuple[IndexedName, NameMatch]]] = {}
        for name in found:
            entity = entities[name.entity]
            match = scorer.best(name.forms, name_kind(entity.schema))
            if match is None or (match.score <= 0 and name.entity not in by_id):
                continue
            # (A rounding's margin: the features' sum may come out a step higher.)
            if match.score + most_added < threshold - 1e-9 and name.entity not in by_id:
                below.setdefault(name.entity, []).append((name, match))
                continue
            features = self._features(query, entity, name.text, name.kind, match, explain=False)
            score = clamp(sum(f.value for f in features))
            prev = scores.get(name.entity)
            if name.entity in by_id:
                # The identifier brings an entry's names to the same score (to a
                # rounding): the one that scores best without it is shown.
                rest = sum(f.value for f in features if f.name != "identifier_match")
                key = (round(score, 9), rest)
                better = prev is None or key > id_keys[name.entity]
                if better:
                    id_keys[name.entity] = key
            else:
                better = prev is None or score > prev
            if better:
                scores[name.entity] = score
                hits[name.entity] = (name, match)
        # With grouping, the best entry of each party -> the party.
        parties = self._group(scores) if group and index.party_members else None
        # Equal scores: first the entry whose name has the query's words in the same
        # order ("House of Art" before "Art House"), then the one whose legal forms
        # differ least from the query's ("NIMR International S.R.L." before "NIMR
        # International L.L.C."), then by caption.
        ranked = sorted(
            scores if parties is None else parties,
            key=lambda p: (
                -scores[p],
                disorder(hits[p][1]),
                legal_form_difference(hits[p][1]),
                entities[p].caption,
                entities[p].id,
            ),
        )
        shown = [p for p in ranked if scores[p] >= threshold][:limit]
        if parties is not None and below:
            # The shown parties' other entries, with the names left unscored scored now.
            members = (m for p in shown for m in index.party_members.get(parties[p], ()))
            scores = self._full_scores(query, scores, below, members)
        results = []
        for position in shown:
            name, match = hits[position]
            result = self._result(query, entities[position], name.text, name.kind, match)
            if parties is not None:
                result.same_party = self._same_party(position, parties[position], scores)
            results.append(result)
        return results

    def _group(self, scores: dict[int, float]) -> dict[int, int]:
        """One entry per party: the position of its best-scoring entry -> the party."""
        index = self.index
        entities = index.entities
        by_party: dict[int, list[int]] = {}
        for position in scores:
            by_party.setdefault(index.parties[position], []).append(position)
        tops: dict[int, int] = {}
        for root, found in by_party.items():
            # On a tie, the list that publishes the entry before one that republishes it.
            found.sort(
                key=lambda p: (
                    -scores[p],
                    entities[p].source in REPUBLISHERS,
                    entities[p].caption,
                    entities[p].id,
                )
            )
            tops[found[0]] = root
        return tops

    def _full_scores(
        self,
        query: Query,
        scores: dict[int, float],
        below: dict[int, list[tuple[IndexedName, NameMatch]]],
        members: Iterable[int],
    ) -> dict[int, float]:
        """``scores`` with the ``members`` whose names were left unscored below the
        threshold (see ``screen``) scored in full."""
        full = dict(scores)
        entities = self.index.entities
        for position in members:
            entity = entities[position]
            for name, match in below.get(position, ()):
                features = self._features(query, entity, name.text, name.kind, match, explain=False)
                score = clamp(sum(f.value for f in features))
                if position not in full or score > full[position]:
                    full[position] = score
        return full

    def _same_party(
        self, position: int, root: int, scores: dict[int, float]
    ) -> list[dict[str, Any]]:
        """The other entries of the party of the entry at ``position``, best-scoring first."""
        index = self.index
        entities = index.entities
        members = index.party_members.get(root)
        if members is None:
            return []
        others = sorted(
            (p for p in members if p != position),
            key=lambda p: (-(scores.get(p) or 0.0), entities[p].source),
        )
        return [
            {
                "entity_id": entities[p].id,
                "caption": entities[p].caption,
                "source": entities[p].source,
                "source_id": entities[p].source_id,
                "score": round(scores[p], 4) if p in scores else None,
                "why": index.party_reasons.get(p) or index.party_reasons.get(position, ""),
            }
            for p in others
        ]

    def _result(
        self, query: Query, entity: IndexedEntity, text: str, kind: str, match: NameMatch
    ) -> Result:
        features = self._features(query, entity, text, kind, match)
        score = clamp(sum(f.value for f in features))
        return Result(
            entity_id=entity.id,
            caption=entity.caption,
            schema=entity.schema,
            source=entity.source,
            source_id=entity.source_id,
            programs=entity.programs,
            score=score,
            match=score >= self.threshold,
            matched_name=text,
            matched_name_kind=kind,
            query_form=" ".join(match.query.tokens),
            query_form_origin=match.query.origin,
            features=features,
        )

    def _features(
        self,
        query: Query,
        entity: IndexedEntity,
        text: str,
        kind: str,
        match: NameMatch,
        explain: bool = True,
    ) -> list[Feature]:
        """What makes the score of an entity's matched name. Without ``explain``, the
        name feature's detail (the costliest text) is left empty: for the score only.
        """
        detail = _name_detail(query.name, text, kind, match) if explain else ""
        features = [Feature("name", match.score, detail)]
        if kind == "weak alias":
            features.append(
                Feature("weak_alias", WEAK_ALIAS_PENALTY, "the list marks this alias as weak")
            )
        if entity.schema in _NOT_ORGANISATIONS and query.organisation_word is not None:
            features.append(
                Feature(
                    "not_an_organisation",
                    NOT_AN_ORGANISATION_PENALTY,
                    f"the query names an organisation ('{query.organisation_word}'); "
                    f"the entry is {_NOT_ORGANISATIONS[entity.schema]}",
                )
            )
        # A vessel's name is often one word: one part in common is not marked down.
        features += _pairing_features(match, entity.countries, entity.schema != "Vessel")
        matched = shared_parts(match)
        if entity.schema in ("Person", "LegalEntity") and is_common_name(
            matched, self.index.weights
        ):
            features.append(
                Feature(
                    "common_name",
                    COMMON_NAME_PENALTY,
                    f"'{' '.join(matched)}' is a common name: "
                    "confirm with birth date, nationality or an identifier",
                )
            )
        if query.country and entity.countries:
            if query.country in entity.countries:
                features.append(
                    Feature("country_match", COUNTRY_MATCH, f"{query.country} is listed")
                )
            else:
                listed = ", ".join(sorted(entity.countries))
                features.append(
                    Feature(
                        "country_mismatch",
                        COUNTRY_MISMATCH,
                        f"query {query.country}, list has {listed}",
                    )
                )
        unreliable = self.index.untrusted_dates.get(entity.source)
        dates, where = entity.birth_dates, ""
        if query.birth_date and dates and unreliable is not None:
            # The list's own dates say nothing; the same party's other listings may.
            dates, lists = self._party_dates(entity)
            if dates:
                where = (
                    f" for the same party on {lists} (those on {entity.source} are not compared)"
                )
            else:
                features.append(
                    Feature(
                        "birth_date_not_compared",
                        0.0,
                        f"birth dates on {entity.source} are not compared: {unreliable}",
                    )
                )
        elif query.birth_date and not dates:
            # The entry gives no birth date; the same party's other listings may.
            dates, lists = self._party_dates(entity)
            if dates:
                where = f" for the same party on {lists} (this entry gives none)"
        if query.birth_date and dates:
            relation = date_relation(query.birth_date, dates)
            if relation is not None:
                status, listed_date = relation
                if status == "match":
                    features.append(
                        Feature(
                            "birth_date_match",
                            BIRTH_DATE_MATCH,
                            f"{query.birth_date} agrees with listed {listed_date}{where}",
                        )
                    )
                else:
                    features.append(
                        Feature(
                            "birth_date_mismatch",
                            BIRTH_DATE_MISMATCH,
                            f"query {query.birth_date}, list has " + ", ".join(dates) + where,
                        )
                    )
        if query.id_number and entity.identifiers:
            qid = normalize_id(query.id_number)
            if qid and qid in entity.identifiers:
                shared = self._parties_listing(qid)
                if is_specific_id(qid) and shared <= 1:
                    # A hit on its own: enough for the score to reach the hit score,
                    # whatever the name and the other features say.
                    others = sum(f.value for f in features)
                    value = max(IDENTIFIER_MATCH, IDENTIFIER_HIT_SCORE - others)
                    while others + value < IDENTIFIER_HIT_SCORE:  # a rounding short of it
                        value = math.nextafter(value, math.inf)
                    detail = (
                        f"{query.id_number} is listed for this entry: "
                        "a hit on the identifier alone, whatever the name"
                    )
                else:
                    value = IDENTIFIER_MATCH
                    why = (
                        f"listed for {shared} parties"  # a tax office's code, say
                        if shared > 1
                        else "too short"
                        if len(qid) < SPECIFIC_ID_LENGTH
                        else "no digit in it"
                    )
                    detail = (
                        f"{query.id_number} is listed ({why}: not specific enough "
                        "to be a hit on its own)"
                    )
                features.append(Feature("identifier_match", value, detail))
        return features

    def compare(self, name1: str, name2: str, schema: str = "any") -> tuple[float, list[Feature]]:
        """Score two names against each other with the screening index's token weights."""
        kind = {
            "person": PERSON,
            "vessel": VESSEL,
            "organization": ORG,
            "company": ORG,
            "airplane": VESSEL,
        }.get(SCHEMA_TYPES.get(schema, schema.lower()), ANY)
        if not name1.strip() or not name2.strip():
            raise QueryError("both names are required")
        f1 = name_forms(name1.strip(), kind)
        f2 = name_forms(name2.strip(), kind)
        match = best_name_match(f1, f2, self.index.weights, kind)
        if match is None:
            return 0.0, [Feature("name", 0.0, "no comparable form")]
        features = [Feature("name", match.score, _name_detail(name1, name2, "name", match))]
        features += _pairing_features(match, (), kind != VESSEL)
        matched = shared_parts(match)
        if kind == PERSON and is_common_name(matched, self.index.weights):
            features.append(
                Feature(
                    "common_name", COMMON_NAME_PENALTY, f"'{' '.join(matched)}' is a common name"
                )
            )
        return clamp(sum(f.value for f in features)), features


def _pairing_features(match: NameMatch, countries: Iterable[str], one_part: bool) -> list[Feature]:
    """What the pairing of the names itself marks down: two different Chinese names
    paired as spellings, and (with ``one_part``) one name part in common."""
    features = []
    why = other_chinese_syllables(match, countries)
    if why is not None:
        features.append(Feature("other_chinese_name", OTHER_CHINESE_NAME_PENALTY, why))
    why = one_part_only(match) if one_part else None
    if why is not None:
        features.append(Feature("one_name_part", ONE_PART_PENALTY, why))
    return features


def _name_detail(query_name: str, listed: str, kind: str, match: NameMatch) -> str:
    qf: NameForm = match.query
    cf: NameForm = match.candidate
    query_desc = f"'{query_name}'"
    if qf.origin != "as written":
        query_desc += f" read as '{' '.join(qf.tokens)}' ({qf.origin})"
    listed_desc = f"{kind} '{listed}'"
    if cf.origin != "as written":
        listed_desc += f" read as '{' '.join(cf.tokens)}' ({cf.origin})"
    detail = f"{query_desc} ~ {listed_desc}: {match.describe()}"
    forms = set(qf.legal_forms) | set(cf.legal_forms)
    if forms:
        detail += f" (legal form {', '.join(sorted(forms))} not counted)"
    return detail
