"""The screening index: every listed name in comparable forms, found by key, not by scan.

Built from the current list versions in the store and cached on disk under
``$FRONTWATCH_HOME/index/``, named by a checksum of those versions: when a list
version changes, the next screening builds a new index.

Retrieval keys per name token: the token itself, its spelling-variant group,
its consonant skeleton (transliteration variants), and its first and last four
letters (so a typo in the middle or at one end still finds the name).
A query token also looks up the listed tokens one edit away (a letter added,
dropped, changed, or two letters swapped: "DEVQREZ", "GRAIWT" find DEVREZ and
GRAWIT), through the listed tokens' one-letter deletions.

Candidates are ranked by the weight of the keys they share with the query; only
the best are scored in full.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import math
import os
import pickle
import tempfile
import threading
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from frontwatch.match import translit
from frontwatch.match.names import NameForm, name_forms, name_kind
from frontwatch.match.orgs import is_generic
from frontwatch.match.parties import group_parties
from frontwatch.match.score import UNINFORMATIVE_WEIGHT
from frontwatch.store import Store, VersionInfo, frontwatch_home

INDEX_FORMAT = 37
MATCHABLE = frozenset(
    {"Person", "Company", "Organization", "LegalEntity", "PublicBody", "Vessel", "Airplane"}
)
NAME_PROPS: dict[str, str] = {
    "name": "primary name",
    "alias": "alias",
    "previousName": "former name",
    "weakAlias": "weak alias",
}
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry", "flag")
ID_PROPS = (
    "idNumber",
    "passportNumber",
    "registrationNumber",
    "taxNumber",
    "innCode",
    "ogrnCode",
    "okpoCode",
    "kppCode",
    "leiCode",
    "swiftBic",
    "vatCode",
    "imoNumber",
    "mmsi",
    "uscCode",
    "licenseNumber",
)
# Numbers that name one party only: not a Russian KPP (tax office) code or a licence.
PARTY_ID_PROPS = tuple(p for p in ID_PROPS if p not in ("kppCode", "licenseNumber"))
# How much a shared key says about a shared token.
KEY_STRENGTH = {"t": 1.0, "v": 0.9, "s": 0.8, "p": 0.5, "x": 0.5, "e": 0.7}
# Tokens this long or longer are looked up one edit away; a query token with more
# neighbours than MAX_NEIGHBOURS is too short or too common for that to say much.
EDIT_MIN_LENGTH = 4
MAX_NEIGHBOURS = 24
# How alike (rapidfuzz ratio) a token of another query form must be to a word of the
# first form to stand for it (mohammad / muhammad: 75; mhmd / muhammad: 67).
SLOT_LIKENESS = 60
WHOLE_NAME_STRENGTH = 3.0
MAX_POSTINGS = 4000  # keys shared by more names than this are used only when nothing else hits


def normalize_id(value: str) -> str:
    """An identifier compared without spaces, dashes or case (``IMO 9187629`` -> ``9187629``)."""
    text = "".join(ch for ch in value.upper() if ch.isalnum())
    return text[3:] if text.startswith("IMO") and text[3:].isdigit() else text


@dataclass(slots=True)
class IndexedEntity:
    """What screening needs of a listed entity."""

    id: str
    schema: str
    caption: str
    source: str
    source_id: str | None
    programs: tuple[str, ...]
    countries: frozenset[str]
    birth_dates: tuple[str, ...]
    identifiers: frozenset[str]


@dataclass(slots=True)
class IndexedName:
    """One listed name of an entity, with its comparable forms."""

    entity: int
    text: str
    kind: str  # primary name, alias, former name, weak alias
    forms: tuple[NameForm, ...]


def token_keys(token: str) -> list[tuple[str, float]]:
    """Retrieval keys of one name token with their strength."""
    keys = [(f"t:{token}", KEY_STRENGTH["t"])]
    group = translit.variant_group(token)
    if group is not None:
        keys.append((f"v:{group}", KEY_STRENGTH["v"]))
    if len(token) >= 3:
        skel = translit.skeleton(token)
        # Two consonants are enough in a word of four letters or more (Balol = Balul).
        if len(skel) >= 3 or (len(skel) == 2 and len(token) >= 4):
            keys.append((f"s:{skel}", KEY_STRENGTH["s"]))
    if len(token) >= 5:
        keys.append((f"p:{token[:4]}", KEY_STRENGTH["p"]))
        keys.append((f"x:{token[-4:]}", KEY_STRENGTH["x"]))
    return keys


def form_keys(form: NameForm) -> list[tuple[str, str, float]]:
    """``(token, key, strength)`` for every key of a name form.

    Romanised Chinese names need no keys of their own: ``name_forms`` already
    gives them a form in pinyin syllables, whose tokens are keyed like any other.
    """
    return [(tok, key, s) for tok in form.tokens for key, s in _token_keys(tok)]


def whole_name_key(form: NameForm) -> str:
    """A key for the whole set of a name form's tokens."""
    return "n:" + " ".join(sorted(form.tokens))


def _query_slots(forms: list[NameForm]) -> list[list[int]]:
    """For each token of each form, the word of the query it stands for.

    The first form's tokens are the words; a token of another form stands for the
    first form's token it is most like (``mohammad`` for ``muhammad``), or for a
    word of its own when it is like none of them.
    """
    if not forms:
        return []
    first = forms[0].tokens
    out = [list(range(len(first)))]
    own = len(first)
    for form in forms[1:]:
        # Pairs of (likeness, token position, word), most alike first, one word each.
        pairs = sorted(
            (
                (fuzz.ratio(tok, word), i, j)
                for i, tok in enumerate(form.tokens)
                for j, word in enumerate(first)
            ),
            reverse=True,
        )
        slots: list[int] = [-1] * len(form.tokens)
        taken: set[int] = set()
        for likeness, i, j in pairs:
            if likeness < SLOT_LIKENESS:
                break
            if slots[i] < 0 and j not in taken:
                slots[i] = j
                taken.add(j)
        for i, slot in enumerate(slots):
            if slot < 0:
                slots[i] = own
                own += 1
        out.append(slots)
    return out


def _rank(
    postings: Postings,
    slots: Iterable[list[tuple[float, str]]],
    slot_best: np.ndarray,
    total: np.ndarray,
) -> np.ndarray:
    """Name positions by their summed best key per query word, best first.

    ``slot_best`` and ``total`` are zeroed work arrays, zeroed again on return.
    """
    for keys in slots:
        if len(keys) == 1:
            value, k = keys[0]
            total[postings.ids(k)] += value  # a repeated id is added once
            continue
        # A word's best key per name: the maximum over the keys of its slot, in one
        # ``maximum.at`` over all of them (most postings are short: numpy's cost per
        # call, not per id, is what counts).
        in_slot = [postings.ids(k) for _, k in keys]
        ids = np.concatenate(in_slot)
        np.maximum.at(slot_best, ids, np.repeat([v for v, _ in keys], [len(a) for a in in_slot]))
        total[ids] += slot_best[ids]  # a repeated id is added once
        slot_best[ids] = 0.0
    # Every hit scores above 0 (key strengths and token weights are positive), so the
    # hits are the non-zero sums (through a boolean array: numpy finds the non-zero
    # entries of one several times faster than those of a float array).
    hit = np.flatnonzero(total != 0.0)
    scores = total[hit]
    total[hit] = 0.0
    # Best first; equal scores in name order.
    ranked: np.ndarray = hit[np.lexsort((hit, -scores))]
    return ranked


class Postings:
    """Retrieval key -> positions of the names that carry it, in one int array.

    One array and one offset table pickle and load far faster than a list per key
    (some 180,000 keys); ``ids`` reads a key's positions without a copy.
    """

    def __init__(self, lists: dict[str, list[int]]) -> None:
        self.keys: dict[str, int] = {}
        data: array[int] = array("i")
        offsets: array[int] = array("q", [0])
        for n, (key, ids) in enumerate(lists.items()):
            self.keys[key] = n
            data.extend(ids)
            offsets.append(len(data))
        self.data = data
        self.offsets = offsets

    def __len__(self) -> int:
        return len(self.keys)

    def size(self, key: str) -> int:
        n = self.keys.get(key)
        return 0 if n is None else self.offsets[n + 1] - self.offsets[n]

    def ids(self, key: str) -> np.ndarray:
        n = self.keys[key]
        view: np.ndarray | None = self.__dict__.get("_view")
        if view is None:  # one numpy view of the array, made on first use (not pickled)
            view = self._view = np.frombuffer(self.data, dtype=np.intc)
        return view[self.offsets[n] : self.offsets[n + 1]]

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_view"}


_SCRATCH = threading.local()


def _scratch(size: int) -> tuple[np.ndarray, np.ndarray]:
    """This thread's two zeroed work arrays of ``size`` scores (left zeroed after use)."""
    arrays: tuple[np.ndarray, np.ndarray] | None = getattr(_SCRATCH, "arrays", None)
    if arrays is None or len(arrays[0]) != size:
        arrays = (np.zeros(size), np.zeros(size))
        _SCRATCH.arrays = arrays
    return arrays


def deletions(token: str) -> set[str]:
    """The token and each way of dropping one of its letters."""
    return {token} | {token[:i] + token[i + 1 :] for i in range(len(token))}


@lru_cache(maxsize=500_000)
def _token_keys(token: str) -> tuple[tuple[str, float], ...]:
    return tuple(token_keys(token))


class ScreeningIndex:
    """Listed names in comparable forms, with postings from retrieval keys to names."""

    def __init__(self) -> None:
        self.entities: list[IndexedEntity] = []
        self.names: list[IndexedName] = []
        self.postings = Postings({})
        self.weights: dict[str, float] = {}
        # One-letter deletions of listed tokens -> those tokens (edit-distance look-up).
        self.near: dict[str, str] = {}  # space-separated tokens
        # Entity position -> the position of the first entity of its party (the same
        # person or company on several lists; see frontwatch.match.parties).
        self.parties: list[int] = []
        # Party first entity -> all its entities' positions, for parties of several;
        # entity position -> why it was grouped (e.g. "same identifier 1027700070518").
        self.party_members: dict[int, list[int]] = {}
        self.party_reasons: dict[int, str] = {}
        self.key = ""
        self.built_seconds = 0.0
        # Sources whose birth dates say nothing of who their entries are -> why
        # (see frontwatch.match.parties): screening does not compare them.
        self.untrusted_dates: dict[str, str] = {}
        # The listed tokens' skeletons and variant groups, and the rules that worked
        # them out (``translit.remember``).
        self.skeletons: dict[str, str] = {}
        self.groups: dict[str, str | None] = {}
        self.rules_stamp = ""

    # -- building ----------------------------------------------------------

    @classmethod
    def build(
        cls,
        records: Iterable[dict[str, Any]],
        key: str = "",
        on_entity: Callable[[int], None] | None = None,
        untrusted_dates: dict[str, str] | None = None,
    ) -> ScreeningIndex:
        """Build from store rows (FtM dicts with ``source`` and ``source_id``).

        ``untrusted_dates``: the lists whose birth dates are set aside, as a larger
        index found them (see ``self.untrusted_dates``); found from these rows if None.
        """
        t0 = time.perf_counter()
        index = cls()
        index.key = key
        programs: dict[str, set[str]] = defaultdict(set)
        pending: list[dict[str, Any]] = []
        for row in records:
            schema = row["schema"]
            props = row.get("properties", {})
            if schema == "Sanction":
                for target in props.get("entity", []):
                    programs[target].update(props.get("program", []))
                    programs[target].update(props.get("programId", []))
            elif schema in MATCHABLE:
                pending.append(row)
        postings: dict[str, list[int]] = defaultdict(list)
        df: Counter[str] = Counter()
        party_ids: dict[int, set[str]] = {}
        for n, row in enumerate(pending, 1):
            props = row.get("properties", {})
            eidx = len(index.entities)
            index.entities.append(
                IndexedEntity(
                    id=row["id"],
                    schema=row["schema"],
                    caption=row.get("caption") or row["id"],
                    source=row.get("source", ""),
                    source_id=row.get("source_id"),
                    programs=tuple(sorted(programs.get(row["id"], ()))),
                    countries=frozenset(c for p in COUNTRY_PROPS for c in props.get(p, [])),
                    birth_dates=tuple(props.get("birthDate", [])),
                    identifiers=frozenset(
                        normalize_id(v) for p in ID_PROPS for v in props.get(p, []) if v
                    ),
                )
            )
            party_ids[eidx] = {
                normalize_id(v) for p in PARTY_ID_PROPS for v in props.get(p, []) if v
            }
            kind = name_kind(row["schema"])
            entity_tokens: set[str] = set()
            for prop, label in NAME_PROPS.items():
                for text in dict.fromkeys(props.get(prop, [])):
                    forms = name_forms(text, kind)
                    if not forms:
                        continue
                    nidx = len(index.names)
                    index.names.append(IndexedName(eidx, text, label, forms))
                    seen_keys: set[str] = set()
                    for form in forms:
                        postings[whole_name_key(form)].append(nidx)
                        for tok, k, _ in form_keys(form):
                            entity_tokens.add(tok)
                            if k not in seen_keys:
                                seen_keys.add(k)
                                postings[k].append(nidx)
            df.update(entity_tokens)
            if on_entity is not None:
                on_entity(n)
        # Compact arrays (pickled as bytes), read without a copy at query time.
        index.postings = Postings(postings)
        total = max(len(index.entities), 2)
        log_total = math.log(total)
        index.weights = {
            tok: max(0.1, min(1.0, math.log(total / count) / log_total))
            for tok, count in df.items()
        }
        near: dict[str, list[str]] = defaultdict(list)
        for tok in df:
            if len(tok) >= EDIT_MIN_LENGTH:
                for key in deletions(tok):
                    near[key].append(tok)
        index.near = {key: " ".join(toks) for key, toks in near.items()}
        index.skeletons, index.groups = translit.token_tables(df)
        index.rules_stamp = translit.RULES_STAMP
        translit.remember(index.skeletons, index.groups, index.rules_stamp)
        names_by_entity: dict[int, list[tuple[NameForm, ...]]] = defaultdict(list)
        primary: dict[int, list[tuple[NameForm, ...]]] = defaultdict(list)
        for name in index.names:
            if name.kind != "weak alias":
                names_by_entity[name.entity].append(name.forms)
            if name.kind == "primary name":
                primary[name.entity].append(name.forms)
        joins: list[tuple[int, int, str]] = []
        index.parties = group_parties(
            index.entities,
            names_by_entity,
            primary,
            party_ids,
            index.weights,
            joins,
            index.untrusted_dates,
            untrusted_dates,
        )
        members: dict[int, list[int]] = defaultdict(list)
        for position, root in enumerate(index.parties):
            members[root].append(position)
        index.party_members = {r: m for r, m in members.items() if len(m) > 1}
        for a, b, why in joins:
            index.party_reasons.setdefault(a, why)
            index.party_reasons.setdefault(b, why)
        index.built_seconds = time.perf_counter() - t0
        return index

    # -- retrieval ---------------------------------------------------------

    def candidates(
        self,
        forms: Iterable[NameForm],
        allowed: Callable[[IndexedEntity], bool] | None = None,
        limit: int = 40,
    ) -> list[int]:
        """The names most likely to match the query forms, best first (by shared keys).

        A listed name earns, for each word of the query, the strongest key it shares
        with that word (in any of the query's forms), and the sum over the words: a
        name written in many forms (Arabic script read several ways) does not
        outrank a name that shares fewer, stronger keys.
        """
        forms = list(forms)
        best: dict[str, tuple[float, int]] = {}

        def offer(key: str, value: float, slot: int) -> None:
            if value > best.get(key, (0.0, 0))[0]:
                best[key] = (value, slot)

        for form, slots in zip(forms, _query_slots(forms), strict=True):
            # The same tokens as a listed name, in any order: ahead of longer names
            # that merely contain them.
            offer(whole_name_key(form), WHOLE_NAME_STRENGTH, -1)
            for tok, slot in zip(form.tokens, slots, strict=True):
                weight = self.weights.get(tok, 1.0)
                if is_generic(tok):  # as scoring weighs it: a generic word says little
                    weight = min(weight, UNINFORMATIVE_WEIGHT)
                for k, strength in _token_keys(tok):
                    offer(k, strength * weight, slot)
                for other in self.neighbours(tok):
                    offer(f"t:{other}", KEY_STRENGTH["e"] * self.weights.get(other, 1.0), slot)
        postings = self.postings
        sized = sorted((size, k) for k in best if (size := postings.size(k)) > 0)
        # Keys shared by very many names only when nothing else hits.
        if sized and sized[0][0] <= MAX_POSTINGS:
            used = [k for size, k in sized if size <= MAX_POSTINGS]
        else:
            used = [k for _, k in sized[:1]]
        if not used:
            return []
        by_slot: dict[int, list[tuple[float, str]]] = defaultdict(list)
        for k in used:
            value, slot = best[k]
            by_slot[slot].append((value, k))
        slot_best, total = _scratch(len(self.names))
        try:
            ranked = _rank(postings, by_slot.values(), slot_best, total)
        except BaseException:
            slot_best.fill(0.0)  # never leave this thread's work arrays dirty
            total.fill(0.0)
            raise
        if allowed is None:
            return [int(n) for n in ranked[:limit]]
        entities = self.entities
        names = self.names
        chosen: list[int] = []
        for n in ranked:
            if allowed(entities[names[n].entity]):
                chosen.append(int(n))
                if len(chosen) == limit:
                    break
        return chosen

    def neighbours(self, token: str) -> list[str]:
        """Listed tokens one edit from ``token`` (not the token itself)."""
        if len(token) < EDIT_MIN_LENGTH - 1:
            return []
        found: set[str] = set()
        near = self.near
        for key in deletions(token):
            tokens = near.get(key)
            if tokens:
                found.update(tokens.split(" "))
        found.discard(token)
        if len(found) > MAX_NEIGHBOURS:
            return []
        return sorted(found)

    # -- persistence -------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write the index to ``path`` atomically."""
        path.parent.mkdir(parents=True, exist_ok=True)
        # A file of its own per writer: two threads (the API's refresher and a request)
        # or processes may build the same index at once.
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((INDEX_FORMAT, self), fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    @staticmethod
    def load(path: Path) -> ScreeningIndex | None:
        """Read an index written by ``save``; ``None`` if it is missing or stale."""
        # Unpickling creates hundreds of thousands of objects; the cyclic garbage
        # collector would scan them again and again (0.5 s instead of 1.8 s without it).
        enabled = gc.isenabled()
        gc.disable()
        try:
            with open(path, "rb") as fh:
                fmt, index = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
            return None
        finally:
            if enabled:
                gc.enable()
        if fmt != INDEX_FORMAT or not isinstance(index, ScreeningIndex):
            return None
        # This process looks the index's tokens' skeletons up from now on (when the
        # rules that worked them out are these).
        translit.remember(index.skeletons, index.groups, index.rules_stamp)
        return index


def index_key(store: Store, current: list[VersionInfo] | None = None) -> str:
    """A checksum of the current list versions: the index is valid while it holds.

    Only lists are screened against; entities that documents name are not in the
    index, so storing a document never rebuilds it.
    """
    current = store.current_versions(lists_only=True) if current is None else current
    parts = [f"{v.source}:{v.checksum}" for v in current]
    blob = "|".join([f"format{INDEX_FORMAT}", *sorted(parts)])
    return hashlib.sha1(blob.encode()).hexdigest()[:16]


def index_dir() -> Path:
    """Where built indexes are cached."""
    return frontwatch_home() / "index"


def load_or_build(
    store: Store,
    on_entity: Callable[[int], None] | None = None,
    cache: bool = True,
) -> ScreeningIndex:
    """The index for the store's current versions: from the cache, or built and cached."""
    # The versions are read once: a list loaded meanwhile is either in the key and
    # the entities or in neither.
    current = store.current_versions(lists_only=True)
    key = index_key(store, current)
    url_tag = hashlib.sha1(store.url.encode()).hexdigest()[:8]
    path = index_dir() / f"{url_tag}-{key}.pickle"
    if not cache:
        return ScreeningIndex.build(
            store.iter_entities(version_ids=[v.id for v in current]), key=key, on_entity=on_entity
        )
    found = ScreeningIndex.load(path)
    if found is not None and found.key == key:
        return found
    # Server processes on one machine (serve --workers N) build one index, not N:
    # the first holds the lock, the others then load what it saved.
    index_dir().mkdir(parents=True, exist_ok=True)
    with open(index_dir() / f"{url_tag}.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        found = ScreeningIndex.load(path)
        if found is not None and found.key == key:
            return found
        entities = store.iter_entities(version_ids=[v.id for v in current])
        index = ScreeningIndex.build(entities, key=key, on_entity=on_entity)
        for old in index_dir().glob(f"{url_tag}-*.pickle"):
            old.unlink(missing_ok=True)
        index.save(path)
    return index
