"""A gazetteer of every listed name and alias, matched in documents token by token.

Names are keyed by their lower-case ASCII word pieces (``frontwatch.match.names.tokenize``),
so "LIU, Baoxia", "Liu Baoxia" and "Baoxia LIU" are one key each way round, and
"Co., Ltd." matches "Co Ltd". Only names of two pieces or more are kept (single
words such as "SEI" or "Hamas" hit too much ordinary text); an organisation's
name is also kept without its trailing legal form ("Rayan Roshd Afzar Company"
-> "rayan roshd afzar"). The gazetteer is built from the screening index (the
lists' names in the store) once per process and per list version: about 1 s.

Matching walks the document's pieces once; at each position it tries the
longest key that starts with that piece. A hit counts only where the text
is written like a name (its words capitalised), so "the central bank" in
running text never becomes a listed "Central Bank".
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field

from frontwatch.match.names import tokenize
from frontwatch.match.orgs import split_legal_form

# Schema of a listed entity -> the type a document entity gets.
SCHEMA_TYPES = {
    "Person": "Person",
    "Company": "Company",
    "Organization": "Organization",
    "PublicBody": "PublicBody",
    "LegalEntity": "LegalEntity",  # a person or an organisation: the document decides
}
# Keys made only of these words are common phrases, not names.
COMMON_WORDS = frozenset(
    """the of and for in on at to a an de la al el
    united states america american national government ministry department office bureau
    council committee commission agency central bank foreign affairs defense defence
    security state federal republic people peoples islamic international general
    company group trading industries industry technology technologies limited services
    new north south east west first world union party army navy air force military
    president minister director public news media press agency
    """.split()
)
MAX_KEY = 12


@dataclass
class GazetteerHit:
    """A listed name found in a document: pieces ``start``..``end`` (exclusive)."""

    start: int
    end: int
    type: str
    key: tuple[str, ...]


@dataclass
class Gazetteer:
    """Listed names by their word pieces, with the type each name mostly has."""

    names: dict[tuple[str, ...], str] = field(default_factory=dict)
    longest: dict[str, int] = field(default_factory=dict)
    built_seconds: float = 0.0

    def __len__(self) -> int:
        return len(self.names)

    def add(self, key: tuple[str, ...], type_: str) -> None:
        """Add one key (already lower-case pieces)."""
        if len(key) < 2 or len(key) > MAX_KEY or all(p in COMMON_WORDS for p in key):
            return
        if all(len(p) == 1 for p in key):
            return
        self.names.setdefault(key, type_)
        if len(key) > self.longest.get(key[0], 0):
            self.longest[key[0]] = len(key)

    def match(self, pieces: list[str]) -> list[GazetteerHit]:
        """Longest listed names in a sequence of pieces, left to right, not overlapping."""
        hits: list[GazetteerHit] = []
        names = self.names
        longest = self.longest
        i = 0
        n = len(pieces)
        while i < n:
            top = longest.get(pieces[i], 0)
            found = 0
            for length in range(min(top, n - i), 1, -1):
                key = tuple(pieces[i : i + length])
                type_ = names.get(key)
                if type_ is not None:
                    hits.append(GazetteerHit(i, i + length, type_, key))
                    found = length
                    break
            i += found or 1
        return hits


_PARENS = re.compile(r"\s*\([^)]*\)")


def person_keys(name: str) -> list[tuple[str, ...]]:
    """A listed person's name both ways round ("LIU, Baoxia" -> liu baoxia, baoxia liu)."""
    if "," in name:
        family, _, given = name.partition(",")
        f, g = tokenize(family), tokenize(given)
        if f and g:
            return [f + g, g + f]
    tokens = tokenize(name)
    return [tokens] if tokens else []


def org_keys(name: str) -> list[tuple[str, ...]]:
    """An organisation's name as written, and without its legal form or a part in brackets."""
    bare = _PARENS.sub("", name)
    if bare != name and bare.strip():
        return org_keys(name.replace("(", " ").replace(")", " ")) + org_keys(bare)
    tokens = tokenize(name)
    if not tokens:
        return []
    keys = [tokens]
    core, forms = split_legal_form(tokens)
    # Only a trailing legal form may be dropped: "Sherkat-e X" keeps its form.
    if forms and core and core != tokens and len(core) >= 2 and tokens[: len(core)] == core:
        keys.append(core)
    return keys


def build_gazetteer(records: list[tuple[str, str]]) -> Gazetteer:
    """A gazetteer from ``(name, schema)`` pairs of listed entities."""
    t0 = time.perf_counter()
    votes: dict[tuple[str, ...], Counter[str]] = {}
    for name, schema in records:
        type_ = SCHEMA_TYPES.get(schema)
        if type_ is None:
            continue
        if schema == "LegalEntity":
            _, forms = split_legal_form(tokenize(name))
            type_ = "Company" if forms else "LegalEntity"
        keys = person_keys(name) if type_ in ("Person", "LegalEntity") else org_keys(name)
        for key in keys:
            votes.setdefault(key, Counter())[type_] += 1
    gaz = Gazetteer()
    for key, counter in votes.items():
        gaz.add(key, counter.most_common(1)[0][0])
    gaz.built_seconds = time.perf_counter() - t0
    return gaz


def gazetteer_from_index(index: object) -> Gazetteer:
    """A gazetteer of the names in a screening index (``frontwatch.match.index``)."""
    entities = index.entities  # type: ignore[attr-defined]
    records = [(n.text, entities[n.entity].schema) for n in index.names]  # type: ignore[attr-defined]
    return build_gazetteer(records)
