"""Scoring one query against one listed entity, as named features that explain themselves.

The score is built in two steps, each reported as a feature:

1. **name** (0–1): the best alignment of the query's name forms with the
   entity's names. Tokens are paired one to one (order does not matter); a pair
   counts by how alike the two tokens are (same, a known spelling variant, the
   same consonant skeleton, the same Chinese syllables, an initial, a typo) and
   by how much the tokens say (rare tokens weigh more than common ones, generic
   business words and particles weigh little). Unpaired tokens lower the score;
   for persons half as much, since lists often carry middle names that the
   query lacks.
2. **adjustments** added to the name score: a weak alias (−0.05), a very common
   name (−0.08), a matching (+0.03) or conflicting (−0.10) country, a matching
   (+0.05) or conflicting (−0.20) birth date, a matching identifier (+0.30),
   each with what it compared.

The final score is clamped to 0–1. ``DEFAULT_THRESHOLD`` is where an alert is raised.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import OSA

from frontwatch.match import (
    DEFAULT_THRESHOLD,  # noqa: E402,F401
    translit,
)
from frontwatch.match.names import NAME_TITLES, PARTICLES, PERSON, NameForm
from frontwatch.match.orgs import LEGAL_FORM_WORDS, is_generic

WEAK_ALIAS_PENALTY = -0.05
COMMON_NAME_PENALTY = -0.08
COUNTRY_MATCH = 0.03
COUNTRY_MISMATCH = -0.10
BIRTH_DATE_MATCH = 0.05
BIRTH_DATE_MISMATCH = -0.20
IDENTIFIER_MATCH = 0.30
ONE_PART_PENALTY = -0.15
_VOWELS = frozenset("aeiouy")

COMMON_NAME_TOKENS: frozenset[str] = frozenset(
    [
        "li",
        "wang",
        "zhang",
        "liu",
        "chen",
        "yang",
        "huang",
        "zhao",
        "wu",
        "zhou",
        "xu",
        "sun",
        "ma",
        "zhu",
        "hu",
        "guo",
        "he",
        "lin",
        "gao",
        "luo",
        "zheng",
        "liang",
        "xie",
        "song",
        "tang",
        "han",
        "feng",
        "deng",
        "cao",
        "peng",
        "zeng",
        "xiao",
        "tian",
        "dong",
        "pan",
        "yuan",
        "cai",
        "jiang",
        "yu",
        "du",
        "ye",
        "cheng",
        "wei",
        "su",
        "lu",
        "ding",
        "ren",
        "shen",
        "yao",
        "jin",
        "fang",
        "wong",
        "chan",
        "lee",
        "lau",
        "cheung",
        "ho",
        "yung",
        "wei",
        "ming",
        "jun",
        "hong",
        "hua",
        "ying",
        "jie",
        "jing",
        "li",
        "yan",
        "ping",
        "lei",
        "tao",
        "bin",
        "hui",
        "yong",
        "mohammad",
        "muhammad",
        "mohammed",
        "mohamed",
        "ali",
        "hossein",
        "hussein",
        "hassan",
        "hasan",
        "reza",
        "ahmad",
        "ahmed",
        "mahmoud",
        "abbas",
        "mehdi",
        "hosseini",
        "mohammadi",
        "rezaei",
        "ahmadi",
        "karimi",
        "hashemi",
        "mousavi",
        "jafari",
        "rahimi",
        "abdullah",
        "abdul",
        "abdel",
        "omar",
        "khalid",
        "ibrahim",
        "yusuf",
        "ismail",
        "said",
        "sayed",
        "seyed",
        "ivanov",
        "smirnov",
        "kuznetsov",
        "popov",
        "vasiliev",
        "petrov",
        "sokolov",
        "alexander",
        "aleksandr",
        "sergey",
        "sergei",
        "andrey",
        "andrei",
        "dmitry",
        "vladimir",
        "alexey",
        "aleksei",
        "ivan",
        "john",
        "james",
        "david",
        "michael",
        "robert",
        "smith",
        "johnson",
        "williams",
        "brown",
        "jones",
        "kim",
        "park",
    ]
)


@dataclass
class Feature:
    """One part of a score: its name, what it added, and what was compared."""

    name: str
    value: float
    detail: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"feature": self.name, "value": round(self.value, 4), "detail": self.detail}


@dataclass
class NameMatch:
    """The best pairing of a query form with a list name form."""

    score: float
    query: NameForm
    candidate: NameForm
    pairs: list[tuple[str, str, float, str]] = field(default_factory=list)
    unmatched_query: list[str] = field(default_factory=list)
    unmatched_candidate: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """The pairing in words: which token matched which, and how."""
        parts = []
        for q, c, sim, how in self.pairs:
            parts.append(f"{q}={c}" if how == "same" else f"{q}≈{c} ({how} {sim:.2f})")
        if self.unmatched_query:
            parts.append("query only: " + " ".join(self.unmatched_query))
        if self.unmatched_candidate:
            parts.append("list only: " + " ".join(self.unmatched_candidate))
        return "; ".join(parts)


@lru_cache(maxsize=500_000)
def token_similarity(a: str, b: str) -> tuple[float, str]:
    """How alike two tokens are (0–1) and why."""
    if a == b:
        return 1.0, "same"
    ga, gb = translit.variant_group(a), translit.variant_group(b)
    if ga is not None and ga == gb:
        return 0.95, "spelling variant"
    la, lb = len(a), len(b)
    if (la == 1 or lb == 1) and a[0] == b[0]:
        return 0.7, "initial"
    if min(la, lb) >= 4:
        # Edit distance counting a swap of two letters as one edit (Godrana/Gordana).
        ratio = OSA.normalized_similarity(a, b)
        # The same consonant skeleton (Hossein/Hussain, Zakharov/Zaharov), when the
        # spellings are not too far apart (Acme is not Akam, Julieta is not Julito).
        if ratio >= 0.6:
            sa = translit.skeleton(a)
            if len(sa) >= 3 and sa == translit.skeleton(b):
                return 0.85 + 0.1 * ratio, "transliteration"
        if ratio >= 0.8 or (
            # Further apart, two spellings of one name still start alike
            # (Bogdanova is not Yordanova).
            (ratio >= 0.75 and (a[0] == b[0] or (a[0] in _VOWELS and b[0] in _VOWELS)))
            # Three edits in a long word: the same first letter at least (Abramova is
            # not Ibragimova).
            or (ratio >= 0.65 and min(la, lb) >= 8 and a[0] == b[0])
        ):
            return ratio * 0.95, "spelling"
        if la >= 6 and lb >= 6 and (a.startswith(b) or b.startswith(a)):
            return 0.75, "truncated"
    return 0.0, ""


def align(
    query: NameForm,
    candidate: NameForm,
    weights: dict[str, float],
    kind: str,
) -> NameMatch:
    """Pair the tokens of two name forms one to one and score the pairing."""
    q_tokens = query.tokens
    c_tokens = candidate.tokens
    scored: list[tuple[float, int, int, str]] = []
    for i, q in enumerate(q_tokens):
        for j, c in enumerate(c_tokens):
            sim, how = token_similarity(q, c)
            if sim > 0:
                scored.append((sim, i, j, how))
    scored.sort(key=lambda x: -x[0])
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs: list[tuple[str, str, float, str]] = []
    num = 0.0
    den = 0.0
    informative = False
    for sim, i, j, how in scored:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        q, c = q_tokens[i], c_tokens[j]
        pair_weight = _weight(q, weights) + _weight(c, weights)
        num += sim * pair_weight
        den += pair_weight
        pairs.append((q, c, sim, how))
        if sim >= 0.72 and not _uninformative(c):
            informative = True
    if (
        len(q_tokens) - len(used_q) + len(c_tokens) - len(used_c) >= 3
        and len(used_q) < len(q_tokens)
        and len(used_c) < len(c_tokens)
        and _may_join(q_tokens, used_q, c_tokens, used_c)
    ):
        # One side writes as one word what the other writes as two or three
        # ("Hongkong" / "Hong Kong", "Ourui" / "Ou Rui", "Abdulrahman" / "Abdul Rahman").
        for joined in _joined_pairs(q_tokens, used_q, c_tokens, used_c):
            sim, how, i, js, query_side = joined
            parts = [c_tokens[j] for j in js] if query_side else [q_tokens[j] for j in js]
            single = q_tokens[i] if query_side else c_tokens[i]
            pair_weight = _weight(single, weights) + sum(_weight(t, weights) for t in parts) / len(
                parts
            )
            num += sim * pair_weight
            den += pair_weight
            if query_side:
                used_q.add(i)
                used_c.update(js)
                pairs.append((single, " ".join(parts), sim, how))
            else:
                used_c.add(i)
                used_q.update(js)
                pairs.append((" ".join(parts), single, sim, how))
            if sim >= 0.72:
                informative = True
    unmatched_q = [q for i, q in enumerate(q_tokens) if i not in used_q]
    unmatched_c = [c for j, c in enumerate(c_tokens) if j not in used_c]
    if not informative and not unmatched_c and all(_uninformative(c) for c in c_tokens):
        # A name made only of generic words ("World Trading Corporation") matches
        # when all of them do.
        informative = bool(pairs)
    # Tokens left unpaired count against the match. Lists carry middle names that a
    # query lacks, so for persons a listed token left over counts half; a query
    # token left over counts three quarters.
    q_factor, c_factor = (0.75, 0.5) if kind == PERSON else (1.0, 1.0)
    for token in unmatched_q:
        den += _weight(token, weights) * q_factor
    for token in unmatched_c:
        den += _weight(token, weights) * c_factor
    score = num / den if den > 0 and informative else 0.0
    return NameMatch(score, query, candidate, pairs, unmatched_q, unmatched_c)


def _may_join(
    q_tokens: tuple[str, ...], used_q: set[int], c_tokens: tuple[str, ...], used_c: set[int]
) -> bool:
    """A cheap test before ``_joined_pairs``: a long unpaired token starts like another."""
    free_q = [t for i, t in enumerate(q_tokens) if i not in used_q]
    free_c = [t for j, t in enumerate(c_tokens) if j not in used_c]
    heads_q = {t[:2] for t in free_q}
    heads_c = {t[:2] for t in free_c}
    return any(len(t) >= 5 and t[:2] in heads_c for t in free_q) or any(
        len(t) >= 5 and t[:2] in heads_q for t in free_c
    )


def _joined_pairs(
    q_tokens: tuple[str, ...],
    used_q: set[int],
    c_tokens: tuple[str, ...],
    used_c: set[int],
) -> list[tuple[float, str, int, tuple[int, ...], bool]]:
    """Unpaired tokens that equal two or three adjacent unpaired tokens of the other side.

    Each: (similarity, how, index of the single token, indexes of the parts, whether the
    single token is the query's). Pairs are taken best first, each token once.
    """
    found: list[tuple[float, str, int, tuple[int, ...], bool]] = []
    for query_side, singles, used_s, others, used_o in (
        (True, q_tokens, used_q, c_tokens, used_c),
        (False, c_tokens, used_c, q_tokens, used_q),
    ):
        free = [j for j in range(len(others)) if j not in used_o]
        runs: list[tuple[int, ...]] = []
        for size in (2, 3):
            for k in range(len(free) - size + 1):
                run = tuple(free[k : k + size])
                if run[-1] - run[0] == size - 1:  # adjacent in the name
                    runs.append(run)
        if not runs:
            continue
        for i, single in enumerate(singles):
            if i in used_s or len(single) < 5:
                continue
            for run in runs:
                glued = "".join(others[j] for j in run)
                if abs(len(glued) - len(single)) > 2:
                    continue
                sim, how = token_similarity(single, glued)
                if sim >= 0.85:
                    found.append(
                        (sim, "joined" if how == "same" else f"joined, {how}", i, run, query_side)
                    )
    found.sort(key=lambda f: -f[0])
    taken_q: set[int] = set()
    taken_c: set[int] = set()
    chosen = []
    for sim, how, i, run, query_side in found:
        singles_taken, parts_taken = (taken_q, taken_c) if query_side else (taken_c, taken_q)
        if i in singles_taken or parts_taken & set(run):
            continue
        singles_taken.add(i)
        parts_taken.update(run)
        chosen.append((sim, how, i, run, query_side))
    return chosen


def _uninformative(token: str) -> bool:
    return is_generic(token) or token in PARTICLES or token in NAME_TITLES


def _weight(token: str, weights: dict[str, float]) -> float:
    w = weights.get(token, 1.0)
    if token in PARTICLES or token in NAME_TITLES or is_generic(token):
        return min(w, 0.15)
    if len(token) == 1:
        return min(w, 0.3)
    return w


def best_name_match(
    query_forms: Sequence[NameForm],
    candidate_forms: Iterable[NameForm],
    weights: dict[str, float],
    kind: str,
) -> NameMatch | None:
    """The best-scoring pairing of any query form with any candidate form."""
    best: NameMatch | None = None
    for cf in candidate_forms:
        for qf in query_forms:
            match = align(qf, cf, weights, kind)
            if best is None or match.score > best.score:
                best = match
    return best


def one_part_only(match: NameMatch) -> str | None:
    """Why a match rests on a single distinctive name part, or None.

    "Karim Saleh" and the alias "Abu Karim" share one part; so do "Mateo Castillo"
    and the one-word alias "MATEO", or "Nova Orient Shipping" and "Orient Shipping
    Limited" (shipping is a generic word). One shared given name, surname or brand
    word is what two different parties most often have in common, so such a match
    is marked down when the query names another part that the list name does not
    have (legal forms and generic words aside).
    """
    strong = [q for q, c, sim, _ in match.pairs if sim >= 0.75 and not _uninformative(c)]
    if len(strong) != 1:
        return None
    extra = [
        t
        for t in match.unmatched_query
        if not _uninformative(t) and len(t) > 1 and t not in LEGAL_FORM_WORDS
    ]
    if not extra:
        return None
    return (
        f"only one name part in common ('{strong[0]}'); '{' '.join(extra)}' is not in the list name"
    )


def is_common_name(tokens: Iterable[str], weights: dict[str, float]) -> bool:
    """Whether the matched tokens are all very common names (or tokens the lists repeat a lot)."""
    toks = [t for t in tokens if t not in PARTICLES and t not in NAME_TITLES]
    if not toks:
        return False
    return all(t in COMMON_NAME_TOKENS or weights.get(t, 1.0) < 0.35 for t in toks)


def date_relation(query: str, listed: Iterable[str]) -> tuple[str, str] | None:
    """``("match"|"mismatch", listed date)`` comparing at the precision both dates have."""
    dates = [d for d in listed if d]
    if not query or not dates:
        return None
    for d in dates:
        n = min(len(query), len(d))
        if query[:n] == d[:n]:
            return "match", d
    # Year-only ranges on lists: a query within a year of a listed year is not a conflict.
    qy = int(query[:4])
    for d in dates:
        if len(d) == 4 and abs(int(d) - qy) <= 1:
            return None
    return "mismatch", dates[0]


def clamp(value: float) -> float:
    """Keep a score within 0 and 1."""
    return max(0.0, min(1.0, value))
