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

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, Prefix

from frontwatch.match import (
    DEFAULT_THRESHOLD,  # noqa: E402,F401
    chinese,
    translit,
)
from frontwatch.match.names import LETTERS, NAME_TITLES, PARTICLES, PERSON, NameForm
from frontwatch.match.orgs import CHINESE_PLACES, LEGAL_FORM_WORDS, is_generic

WEAK_ALIAS_PENALTY = -0.05
COMMON_NAME_PENALTY = -0.08
COUNTRY_MATCH = 0.03
COUNTRY_MISMATCH = -0.10
BIRTH_DATE_MATCH = 0.05
BIRTH_DATE_MISMATCH = -0.20
IDENTIFIER_MATCH = 0.30
ONE_PART_PENALTY = -0.15
# An organisation's name (its legal form or business word says so) against a person,
# a vessel or an aircraft.
NOT_AN_ORGANISATION_PENALTY = -0.20
# Two Chinese names paired as spellings of one (see ``other_chinese_syllables``).
OTHER_CHINESE_NAME_PENALTY = -0.20
# The most a generic word, particle or title weighs (retrieval caps generic words alike).
UNINFORMATIVE_WEIGHT = 0.15
# An Arabic-script word read letter by letter against a Latin spelling that fits it
# (أنس "ans" / Anas): the consonants agree, the vowels are not written.
LETTERS_SIMILARITY = 0.85
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
        # Korean (the North's lists above all): surnames, then given-name syllables.
        "ri",
        "pak",
        "choe",
        "choi",
        "jong",
        "jang",
        "kang",
        "cho",
        "yun",
        "chol",
        "il",
        "nam",
        "yong",
        "hyok",
        "myong",
        "kwang",
        "chun",
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


# An article joined to a name of four letters or more: al-, el-.
_ARTICLE = re.compile(r"^[ae]l(?=[a-z]{4})")
# What a patronymic adds to the given name it is made from: -ovich, -evich, -avich,
# -ovna, -yevna, -ich, -vitj (the EU's Swedish spelling).
_PATRONYMIC_TAIL = re.compile(r"^[aeioy]{0,2}(?:vich|vitj|vic|vych|vna|ich|itj)$")


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
    # The Arabic article written onto a name, or written another way: Elghoul =
    # Al-Ghoul = Ghoul, Alhassan = Hassan. Against a name without it, only a name of
    # five letters or more (Alfred is not Fred, Albert not Bert).
    if a[1:2] == "l" or b[1:2] == "l":
        ra, rb = _ARTICLE.sub("", a), _ARTICLE.sub("", b)
        article_a, article_b = ra != a, rb != b
        if ra == rb and (article_a and article_b or (article_a or article_b) and len(ra) >= 5):
            return 0.9, "article"
    if min(la, lb) >= 4:
        # Not a given name against the patronymic made from it (Stanislav,
        # Stanislavovich; Ivan, Ivanovna).
        if (a.startswith(b) or b.startswith(a)) and _PATRONYMIC_TAIL.match(
            a[lb:] if la > lb else b[la:]
        ):
            return 0.0, ""
        # Edit distance counting a swap of two letters as one edit (Godrana/Gordana).
        ratio = OSA.normalized_similarity(a, b)
        # The same consonant skeleton (Hossein/Hussain, Zakharov/Zaharov), when the
        # spellings are not too far apart (Acme is not Akam, Julieta is not Julito).
        if ratio >= 0.6 and _may_share_skeleton(a, b, ratio):
            sa = translit.skeleton(a)
            if len(sa) >= 3 and sa == translit.skeleton(b):
                return 0.85 + 0.1 * ratio, "transliteration"
        if (
            ratio >= 0.8
            or (
                # Further apart, two spellings of one name still start alike
                # (Bogdanova is not Yordanova).
                (ratio >= 0.75 and (a[0] == b[0] or (a[0] in _VOWELS and b[0] in _VOWELS)))
                # Three edits in a long word: the same first two letters, or first letter
                # and first two consonants (Abramova is not Ibragimova, Shajarian not
                # Saberian; Kalashnikov is Kalachnikoff, Zghraybeh Zaghrabieh).
                or (
                    ratio >= 0.65
                    and min(la, lb) >= 8
                    and (
                        a[:2] == b[:2] or a[0] == b[0] and _consonants(a)[:2] == _consonants(b)[:2]
                    )
                )
            )
        ):
            return ratio * 0.95, "spelling"
        # A word cut short (lists cut long names at a fixed width), by at most half:
        # Atlant is not Atlanticfalcon.
        if (
            la >= 6
            and lb >= 6
            and 2 * min(la, lb) >= max(la, lb)
            and (a.startswith(b) or b.startswith(a))
        ):
            return 0.75, "truncated"
    return 0.0, ""


def _may_share_skeleton(a: str, b: str, ratio: float) -> bool:
    """Whether two tokens may be spellings of one name by their consonant skeleton.

    A token without a vowel, or a short one with one vowel more than one edit from
    the other, only when it is the other written without (some of) its vowels, as
    Arabic script reads (JWDT, Jawdat; BASL, Bassel): otherwise it is most often an
    abbreviation, whose consonants say nothing (CSCC is not a spelling of Cosco, nor
    CASC of Cisco).
    """
    for token, other in ((a, b), (b, a)):
        vowels = sum(ch in _VOWELS for ch in token)
        if (vowels == 0 or (vowels == 1 and len(token) <= 4 and ratio < 0.75)) and not (
            _vowels_dropped(token, other)
        ):
            return False
    return True


def _consonants(token: str) -> str:
    return "".join(ch for ch in token if ch not in _VOWELS)


def _vowels_dropped(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` (its doubled letters written once) with some of
    its vowels left out."""
    full = _DOUBLED.sub(r"\1", full)
    i = 0
    for ch in full:
        if i < len(short) and short[i] == ch:
            i += 1
        elif ch not in _VOWELS:
            return False
    return i == len(short)


_DOUBLED = re.compile(r"(.)\1+")


def align(
    query: NameForm,
    candidate: NameForm,
    weights: dict[str, float],
    kind: str,
) -> NameMatch:
    """Pair the tokens of two name forms one to one and score the pairing."""
    match = NameScorer((query,), weights).best((candidate,), kind)
    assert match is not None  # one form on each side
    return match


# What an alignment yields before it becomes a ``NameMatch``: score, pairs, unmatched
# query tokens, unmatched candidate tokens.
_Aligned = tuple[float, list[tuple[str, str, float, str]], list[str], list[str]]
# A candidate token against one query form: its weight, whether it is uninformative,
# the query positions it could be joined with (a bit mask, see ``_may_join``), and
# its non-zero similarities to the query tokens as (-similarity, position, how).
_Row = tuple[float, bool, int, tuple[tuple[float, int, str], ...]]


class _QueryForm:
    """The tokens of one query form with what scoring asks of each, computed once."""

    __slots__ = ("form", "tokens", "weights", "uninformative", "positions", "heads")

    def __init__(self, form: NameForm, weights: dict[str, float]) -> None:
        self.form = form
        self.tokens = form.tokens
        self.weights = tuple(_weight(t, weights) for t in form.tokens)
        self.uninformative = tuple(_token_facts(t)[1] for t in form.tokens)
        self.positions: dict[str, list[int]] = {}
        # First two letters -> (positions with them, positions of long tokens with them).
        self.heads: dict[str, tuple[int, int]] = {}
        for i, t in enumerate(form.tokens):
            self.positions.setdefault(t, []).append(i)
            every, long = self.heads.get(t[:2], (0, 0))
            self.heads[t[:2]] = (every | 1 << i, long | (1 << i if len(t) >= 5 else 0))


class NameScorer:
    """``best_name_match`` for one query against many candidates.

    Screening aligns the same query forms with some forty candidate names whose
    tokens overlap a lot (one party's names, lists republishing each other). The
    query side, and each candidate token's weight and similarities to the query
    tokens, are computed once per scorer (``prepare`` does the latter for all the
    candidates in one go). A scorer serves one query: what it keeps grows with that
    query's candidates only.
    """

    __slots__ = ("_weights", "_queries", "_query_tokens", "_rows", "_letters", "_aligned")

    def __init__(self, query_forms: Sequence[NameForm], weights: dict[str, float]) -> None:
        self._weights = weights
        self._queries = [_QueryForm(qf, weights) for qf in query_forms]
        self._query_tokens = list(dict.fromkeys(t for qf in query_forms for t in qf.tokens))
        # Query tokens read letter by letter from Arabic script (see ``letters_match``).
        self._letters = frozenset(
            t
            for qf in query_forms
            if qf.origin == LETTERS
            for t in qf.tokens
            if translit.letter_pattern(t) is not None
        )
        # Per query form: candidate token -> its row (see ``_Row``).
        self._rows: list[dict[str, _Row]] = [{} for _ in query_forms]
        # (Candidate form's tokens, kind) -> its alignment with each query form.
        self._aligned: dict[tuple[tuple[str, ...], str], list[_Aligned]] = {}

    def prepare(self, candidate_forms: Iterable[NameForm]) -> None:
        """Compare the tokens of many candidate forms with the query tokens at once."""
        if not self._rows:
            return
        known = self._rows[0]
        tokens = [t for cf in candidate_forms for t in cf.tokens]
        new = [t for t in dict.fromkeys(tokens) if t not in known]
        if new:
            self._add(new)

    def _add(self, tokens: list[str]) -> None:
        """Add the rows of new candidate tokens, for every query form."""
        facts = [_token_facts(t) for t in tokens]
        if len(tokens) >= 8:
            similar = self._similar_many(tokens, facts)
        else:  # too few for the matrix to pay
            similar = [self._similar_few(t) for t in tokens]
        weights = self._weights
        queries = list(zip(self._queries, self._rows, strict=True))
        for token, (_, uninformative, cap), hits in zip(tokens, facts, similar, strict=True):
            weight = weights.get(token, 1.0)  # ``_weight``, with the facts at hand
            if cap < weight:
                weight = cap
            long = len(token) >= 5
            head = token[:2]
            for query, rows in queries:
                every, long_only = query.heads.get(head, (0, 0))
                pairs: tuple[tuple[float, int, str], ...] = ()
                if hits:
                    positions = query.positions
                    pairs = tuple(
                        (-sim, i, how) for q, sim, how in hits for i in positions.get(q, ())
                    )
                rows[token] = (weight, uninformative, every if long else long_only, pairs)

    def _similar_few(self, token: str) -> list[tuple[str, float, str]]:
        """The query tokens a candidate token is similar to, with ``token_similarity``."""
        found = []
        similarity = self._similarity if self._letters else token_similarity
        for q in self._query_tokens:
            sim, how = similarity(q, token)
            if sim > 0:
                found.append((q, sim, how))
        return found

    def _similarity(self, q: str, token: str) -> tuple[float, str]:
        """``token_similarity``, or for a query token read letter by letter from Arabic
        script, ``LETTERS_SIMILARITY`` when the candidate token fits it."""
        sim, how = token_similarity(q, token)
        if sim < LETTERS_SIMILARITY and q in self._letters and translit.letters_match(q, token):
            return LETTERS_SIMILARITY, "vowels unwritten"
        return sim, how

    def _similar_many(
        self, tokens: list[str], facts: list[tuple[int, bool, float]]
    ) -> list[list[tuple[str, float, str]]]:
        """Per candidate token, the query tokens it is similar to, with ``token_similarity``.

        That is zero for almost all token pairs. rapidfuzz's C string metrics over the
        whole matrix, and the variant groups, find the pairs that can be non-zero by
        its rules (a superset); only those are scored.
        """
        q_tokens = self._query_tokens
        prefix = process.cdist(q_tokens, tokens, scorer=Prefix.similarity)
        shorter = np.minimum.outer(
            np.fromiter(map(len, q_tokens), np.intp, len(q_tokens)),
            np.fromiter(map(len, tokens), np.intp, len(tokens)),
        )
        # Same, transliteration, spelling: an edit ratio of 0.6 or more (0.59 for the
        # float32 of cdist).
        maybe = process.cdist(q_tokens, tokens, scorer=OSA.normalized_similarity) >= 0.59
        # Initial: a one-letter token and a token with that first letter.
        maybe |= (shorter == 1) & (prefix >= 1)
        # Truncated: two tokens of six letters or more, one the start of the other.
        maybe |= (shorter >= 6) & (prefix == shorter)
        # Spelling variant: the same known name family (-1: none).
        q_groups = np.array([_token_facts(t)[0] for t in q_tokens])
        c_groups = np.array([f[0] for f in facts])
        maybe |= (q_groups[:, None] == c_groups[None, :]) & (q_groups != -1)[:, None]
        if self._letters:
            # Tokens read letter by letter from Arabic script: compared with every token.
            maybe |= np.array([q in self._letters for q in q_tokens], dtype=bool)[:, None]
        similar: list[list[tuple[str, float, str]]] = [[] for _ in tokens]
        rows, columns = np.nonzero(maybe)
        similarity = self._similarity if self._letters else token_similarity
        for i, j in zip(rows.tolist(), columns.tolist(), strict=True):
            q = q_tokens[i]
            sim, how = similarity(q, tokens[j])
            if sim > 0:
                similar[j].append((q, sim, how))
        return similar

    def best(self, candidate_forms: Iterable[NameForm], kind: str) -> NameMatch | None:
        """The best-scoring pairing of any query form with any candidate form."""
        best: _Aligned | None = None
        best_q: NameForm | None = None
        best_c: NameForm | None = None
        done = self._aligned
        for cf in candidate_forms:
            # Lists republish each other: the same tokens come back in other entries'
            # names, and their pairing with each query form is the same.
            key = (cf.tokens, kind)
            aligned = done.get(key)
            if aligned is None:
                aligned = done[key] = [
                    self._align(k, q, cf.tokens, kind) for k, q in enumerate(self._queries)
                ]
            for q, found in zip(self._queries, aligned, strict=True):
                # The first of equal scores wins, as in a plain loop over the forms.
                if best is None or found[0] > best[0]:
                    best, best_q, best_c = found, q.form, cf
        if best is None or best_q is None or best_c is None:
            return None
        score, pairs, unmatched_q, unmatched_c = best
        return NameMatch(score, best_q, best_c, pairs, unmatched_q, unmatched_c)

    def _align(self, k: int, q: _QueryForm, c_tokens: tuple[str, ...], kind: str) -> _Aligned:
        """Pair the tokens of query form ``k`` and a candidate form one to one, and score."""
        q_tokens = q.tokens
        q_weights = q.weights
        q_uninformative = q.uninformative
        cached = self._rows[k]
        try:
            rows = [cached[t] for t in c_tokens]
        except KeyError:  # a form that was not prepared
            self._add([t for t in dict.fromkeys(c_tokens) if t not in cached])
            rows = [cached[t] for t in c_tokens]
        # Non-zero token pairs, best first; on equal similarity the query token first,
        # then the candidate token, in name order (what a stable sort of the pairs in
        # that order gives).
        scored = [
            (neg_sim, i, j, how)
            for j, row in enumerate(rows)
            if row[3]
            for neg_sim, i, how in row[3]
        ]
        if not scored and not any(row[2] for row in rows):
            # Nothing pairs and nothing can be joined (most candidate forms): no score.
            return 0.0, [], list(q_tokens), list(c_tokens)
        scored.sort()
        # Tokens paired so far, as bit masks of positions.
        used_q = used_c = 0
        pairs: list[tuple[str, str, float, str]] = []
        num = 0.0
        den = 0.0
        informative = False
        letters = 0  # one-letter tokens paired
        for neg_sim, i, j, how in scored:
            if used_q >> i & 1 or used_c >> j & 1:
                continue
            used_q |= 1 << i
            used_c |= 1 << j
            sim = -neg_sim
            c_weight, c_uninformative = rows[j][0], rows[j][1]
            pair_weight = q_weights[i] + c_weight
            num += sim * pair_weight
            den += pair_weight
            pairs.append((q_tokens[i], c_tokens[j], sim, how))
            # A generic word on either side says nothing ("Logistics" ~ LOGISTIC).
            if sim >= 0.72 and not c_uninformative and not q_uninformative[i]:
                # One letter alike (X = X in "X-HOLDING") identifies no one; two do
                # (T.M.G. ENGINEERING).
                if len(c_tokens[j]) > 1:
                    informative = True
                else:
                    letters += 1
        if letters >= 2:
            informative = True
        n_q, n_c = len(q_tokens), len(c_tokens)
        free_q = n_q - len(pairs)
        free_c = n_c - len(pairs)
        if (
            free_q + free_c >= 3
            and free_q > 0
            and free_c > 0
            and _may_join(rows, (1 << n_q) - 1 & ~used_q, used_c)
        ):
            # One side writes as one word what the other writes as two or three
            # ("Hongkong" / "Hong Kong", "Ourui" / "Ou Rui", "Abdulrahman" / "Abdul Rahman").
            for sim, how, i, js, query_side in _joined_pairs(q_tokens, used_q, c_tokens, used_c):
                if query_side:
                    part_weights = [rows[j][0] for j in js]
                    pair_weight = q_weights[i] + sum(part_weights) / len(js)
                    used_q |= 1 << i
                    for j in js:
                        used_c |= 1 << j
                    pairs.append((q_tokens[i], " ".join(c_tokens[j] for j in js), sim, how))
                else:
                    part_weights = [q_weights[j] for j in js]
                    pair_weight = rows[i][0] + sum(part_weights) / len(js)
                    used_c |= 1 << i
                    for j in js:
                        used_q |= 1 << j
                    pairs.append((" ".join(q_tokens[j] for j in js), c_tokens[i], sim, how))
                num += sim * pair_weight
                den += pair_weight
                if sim >= 0.72:
                    informative = True
        # Tokens left unpaired count against the match. Lists carry middle names that a
        # query lacks, so for persons a listed token left over counts half; a query
        # token left over counts three quarters.
        q_factor, c_factor = (0.75, 0.5) if kind == PERSON else (1.0, 1.0)
        unmatched_q = []
        for i, t in enumerate(q_tokens):
            if not used_q >> i & 1:
                unmatched_q.append(t)
                den += q_weights[i] * q_factor
        unmatched_c = []
        for j, t in enumerate(c_tokens):
            if not used_c >> j & 1:
                unmatched_c.append(t)
                den += rows[j][0] * c_factor
        if (
            not informative
            and not unmatched_c
            and not unmatched_q
            and (letters or all(row[1] for row in rows))
        ):
            # A name made only of generic words ("World Trading Corporation"), or of
            # them and one letter or digit ("NEW HOLDING 1"), matches when all of its
            # words do, and the query has no others ("Dubai Electronics Trading" is not
            # DUBAI TRADING COMPANY).
            informative = bool(pairs)
        score = num / den if den > 0 and informative else 0.0
        return score, pairs, unmatched_q, unmatched_c


def _may_join(rows: list[_Row], free_q: int, used_c: int) -> bool:
    """A cheap test before ``_joined_pairs``: a long unpaired token starts like another.

    That is, an unpaired query token and an unpaired candidate token have the same
    first two letters and one of them has five letters or more; each candidate token's
    row has the query positions it could go with.
    """
    # A plain loop: quicker than any() over a generator, on a path taken for most pairings.
    for j, row in enumerate(rows):  # noqa: SIM110
        if row[2] & free_q and not used_c >> j & 1:
            return True
    return False


def _joined_pairs(
    q_tokens: tuple[str, ...],
    used_q: int,
    c_tokens: tuple[str, ...],
    used_c: int,
) -> list[tuple[float, str, int, tuple[int, ...], bool]]:
    """Unpaired tokens that equal two or three adjacent unpaired tokens of the other side.

    ``used_q`` and ``used_c`` are bit masks of the paired positions. Each found pair:
    (similarity, how, index of the single token, indexes of the parts, whether the
    single token is the query's). Pairs are taken best first, each token once.
    """
    found: list[tuple[float, str, int, tuple[int, ...], bool]] = []
    for query_side, singles, used_s, others, used_o in (
        (True, q_tokens, used_q, c_tokens, used_c),
        (False, c_tokens, used_c, q_tokens, used_q),
    ):
        # Runs of two, then three, adjacent unpaired tokens: (first, size, glued).
        n = len(others)
        pairs = [
            (first, 2, others[first] + others[first + 1])
            for first in range(n - 1)
            if not used_o >> first & 3
        ]
        if not pairs:
            continue
        runs = pairs + [
            (first, 3, glued + others[first + 2])
            for first, _, glued in pairs
            if first + 2 < n and not used_o >> (first + 2) & 1
        ]
        for i, single in enumerate(singles):
            length = len(single)
            if length < 5 or used_s >> i & 1:
                continue
            for first, size, glued in runs:
                if abs(len(glued) - length) > 2:
                    continue
                sim, how = token_similarity(single, glued)
                # A consonant skeleton says little of a glued run when the lengths
                # differ by two: Emilie is not "Emily Liu"; "Abd Al" is Abdoul.
                if sim >= 0.85 and (
                    how != "transliteration" or sim >= 0.925 or abs(len(glued) - length) <= 1
                ):
                    how = "joined" if how == "same" else f"joined, {how}"
                    found.append((sim, how, i, tuple(range(first, first + size)), query_side))
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


@lru_cache(maxsize=200_000)
def _token_facts(token: str) -> tuple[int, bool, float]:
    """A token's variant group (its hash; -1, which no hash is, for none), whether it is
    uninformative, and the cap on its weight (see ``_weight``)."""
    group = translit.variant_group(token)
    uninformative = _uninformative(token)
    cap = UNINFORMATIVE_WEIGHT if uninformative else 0.3 if len(token) == 1 else math.inf
    return -1 if group is None else hash(group), uninformative, cap


def _uninformative(token: str) -> bool:
    return is_generic(token) or token in PARTICLES or token in NAME_TITLES


def _weight(token: str, weights: dict[str, float]) -> float:
    """A token's weight: what the index says, capped for uninformative and one-letter
    tokens (see ``_token_facts``)."""
    weight = weights.get(token, 1.0)
    cap = _token_facts(token)[2]
    return cap if cap < weight else weight


def best_name_match(
    query_forms: Sequence[NameForm],
    candidate_forms: Iterable[NameForm],
    weights: dict[str, float],
    kind: str,
) -> NameMatch | None:
    """The best-scoring pairing of any query form with any candidate form."""
    return NameScorer(query_forms, weights).best(candidate_forms, kind)


def disorder(match: NameMatch) -> int:
    """How many paired tokens stand in the other order on the two sides (0: the same
    order). Tokens joined from several are left out."""
    q_tokens, c_tokens = match.query.tokens, match.candidate.tokens
    positions = [
        (q_tokens.index(q), c_tokens.index(c))
        for q, c, _, _ in match.pairs
        if q in q_tokens and c in c_tokens
    ]
    positions.sort()
    return sum(1 for a, (_, ca) in enumerate(positions) for _, cb in positions[a + 1 :] if cb < ca)


def legal_form_difference(match: NameMatch) -> int:
    """How many legal forms one side of the match has and the other lacks (0: the
    same, or none on either side)."""
    return len(set(match.query.legal_forms) ^ set(match.candidate.legal_forms))


# The ends of Russian, Ukrainian and Belarusian patronymics (and the EU's Swedish -vitj).
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovych|evych|ovna|evna|ivna|vitj|vna)$")


def one_part_only(match: NameMatch) -> str | None:
    """Why a match rests on a single distinctive name part, or None.

    "Karim Saleh" and the alias "Abu Karim" share one part; so do "Mateo Castillo"
    and the one-word alias "MATEO", or "Nova Orient Shipping" and "Orient Shipping
    Limited" (shipping is a generic word). One shared given name, surname or brand
    word is what two different parties most often have in common, so such a match
    is marked down when the query names another part that the list name does not
    have (legal forms and generic words aside).
    """
    pairs = [(q, c) for q, c, sim, _ in match.pairs if sim >= 0.75 and not _uninformative(c)]
    # A patronymic follows the given name of the father, whom many share: "Gennadiy
    # Andreevich" in common, with ZYUGANOV and BOGDAN apart, is one part in common.
    # Only a listed word between the first and the last, or the last after a surname
    # left over ("BOGDAN, Gennadiy Andreevich"), while the list name has a word of its
    # own left over: Skuratovich, Budrevich are surnames.
    listed = match.candidate.tokens
    middle = set(listed[1:-1])
    if len(listed) >= 3 and listed[0] in match.unmatched_candidate:
        middle.add(listed[-1])
    if any(not _uninformative(t) for t in match.unmatched_candidate):
        patronymics = [q for q, c in pairs if c in middle and _PATRONYMIC.search(c)]
        if patronymics and len(pairs) - len(patronymics) == 1:
            pairs = [(q, c) for q, c in pairs if q not in patronymics]
    strong = [q for q, _ in pairs]
    if len(strong) != 1:
        return None
    # A name part the query writes in full that pairs only with an initial of the
    # list's is as good as missing when the list name has a word or letter of its own
    # left over ("Dmitri Mendeleev", TOLCHINSKIY, Dmitri M.; "Changtai Semiconductor",
    # C&I SEMICONDUCTORS; not TONTARHOVNOV, A.).
    initialled = []
    if any(not _uninformative(t) for t in match.unmatched_candidate):
        initialled = [q for q, _, _, how in match.pairs if how == "initial" and len(q) > 2]
    extra = [
        t
        for t in [*match.unmatched_query, *initialled]
        if not _uninformative(t) and len(t) > 1 and t not in LEGAL_FORM_WORDS
    ]
    if not extra:
        return None
    return (
        f"only one name part in common ('{strong[0]}'); '{' '.join(extra)}' is not in the list name"
    )


# Where a listed party's name is Chinese, and the readings of a Chinese name.
CHINESE_COUNTRIES = frozenset({"cn", "hk", "tw", "mo"})
_CHINESE_ORIGINS = frozenset(
    f"romanised ({label})"
    for label in ("pinyin", "wade-giles", "cantonese", "translated", "variant")
)


def other_chinese_syllables(match: NameMatch, countries: Iterable[str]) -> str | None:
    """Why a match pairs two different Chinese names as spellings of one, or None.

    A word of joined pinyin syllables is one character per syllable: a letter that
    turns one syllable into another (Zhonghua, Zhenghua; Chuangxing, Chengxing) makes
    another name, not a misspelling. Only where the listed name is Chinese: read
    from Chinese characters, or an entry of China, Hong Kong, Taiwan or Macau, or
    with a Chinese place in it (DALIAN ZHENGHUA MAOYI), whose distinctive words all
    read as Chinese syllables (not CHINA MOBILE COMMUNICATIONS): Riza and Reza, Yuri
    and Youri, Mobile and Mobila also read as syllables.
    """
    listed = match.candidate
    if listed.origin not in _CHINESE_ORIGINS:
        if CHINESE_COUNTRIES.isdisjoint(countries) and CHINESE_PLACES.isdisjoint(listed.tokens):
            return None
        if not all(chinese.word_readings(t) for t in listed.tokens if not _uninformative(t)):
            return None
    for q, c, _, how in match.pairs:
        if how not in ("spelling", "transliteration") or min(len(q), len(c)) < 4:
            continue
        rq, rc = chinese.word_readings(q), chinese.word_readings(c)
        if rq and rc and len(rq[0]) >= 2 and len(rc[0]) >= 2 and not set(rq) & set(rc):
            return (
                f"{q} and {c} are different Chinese syllables "
                f"({' '.join(rq[0])}; {' '.join(rc[0])}): another name, not a misspelling"
            )
    return None


def shared_parts(match: NameMatch) -> list[str]:
    """The list name's tokens the match pairs, initials aside ("J. Wang" and WANG, Jian
    share a common surname, not "Jian")."""
    return [c for _, c, _, how in match.pairs if how != "initial"]


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
