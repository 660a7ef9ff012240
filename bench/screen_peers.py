"""Scorers compared on the same candidates in the screening benchmark.

For each query, frontwatch's retrieval (``ScreeningIndex.candidates``, the same call
and limit ``Screener.screen`` uses) gives the candidate entities; every scorer then
scores the query against each candidate entity (all of its names) and ranks them:

- ``frontwatch``: frontwatch's own name alignment and adjustments
  (one ``NameScorer`` per query over each listed name, then the screener's features);
- ``rapidfuzz``: ``rapidfuzz.fuzz.token_sort_ratio`` of the query and each listed name
  (rapidfuzz's default processing: lower case, non-alphanumerics to spaces), best name;
- ``logic-v2``: nomenklatura's ``LogicV2`` matcher (the algorithm behind OpenSanctions'
  yente) comparing a query entity holding the name with the candidate FtM entity. An
  ``any`` query is given the candidate's own schema (the kindest reading).

Each scorer's time covers preparing the query (frontwatch: its name forms, uncached;
logic-v2: the query entity) and scoring every candidate; it is reported per
(query, candidate entity) comparison.
"""

from __future__ import annotations

import gc
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from followthemoney import EntityProxy, model
from nomenklatura.matching import get_algorithm
from nomenklatura.matching.types import ScoringAlgorithm, ScoringConfig
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from frontwatch.match import DEFAULT_THRESHOLD
from frontwatch.match.index import ScreeningIndex
from frontwatch.match.names import name_forms, name_kind
from frontwatch.match.score import NameScorer, clamp
from frontwatch.match.screen import QUERY_TYPES, Query, Screener
from screen_evalset import Case

CANDIDATES = 40  # names retrieved per query, as in Screener.screen
QUERY_SCHEMA = {
    "person": "Person",
    "company": "Company",
    "organization": "Organization",
    "vessel": "Vessel",
    "airplane": "Airplane",
}


@dataclass
class Ranked:
    """What one scorer made of one query."""

    top_id: str | None = None
    top_score: float = 0.0
    expected_score: float | None = None
    expected_rank: int | None = None  # 1-based, among the scored candidates
    candidates: int = 0


@dataclass
class Timing:
    """Time spent by one scorer."""

    seconds: float = 0.0
    comparisons: int = 0

    @property
    def per_comparison_us(self) -> float:
        """Microseconds per (query, candidate entity) comparison."""
        return self.seconds / self.comparisons * 1e6 if self.comparisons else 0.0


def candidate_entities(index: ScreeningIndex, case: Case) -> list[int]:
    """The candidate entities frontwatch retrieves for a query, best first."""
    query = Query(case.query, case.type)
    allowed_schemata = QUERY_TYPES.get(query.type)
    allowed = None if allowed_schemata is None else (lambda e: e.schema in allowed_schemata)
    forms = name_forms(query.name, query.kind)
    out: dict[int, None] = {}
    for nidx in index.candidates(forms, allowed, CANDIDATES):
        out.setdefault(index.names[nidx].entity, None)
    return list(out)


class FrontwatchScorer:
    """frontwatch's scoring of a query against a whole entity (every listed name)."""

    name = "frontwatch"
    threshold = DEFAULT_THRESHOLD

    def __init__(self, screener: Screener) -> None:
        self.screener = screener
        self.index = screener.index
        self.names_of: dict[int, list[int]] = defaultdict(list)
        for nidx, name in enumerate(self.index.names):
            self.names_of[name.entity].append(nidx)

    def prepare(self, case: Case, candidates: list[int]) -> Any:
        """The query, its name forms (computed afresh, not from the cache) and a scorer.

        One ``NameScorer`` per query, as screening uses it: the query side is
        computed once, and the tokens of all the candidates' names are compared with
        the query tokens in one go (``NameScorer.prepare``), as ``Screener.screen``
        does.
        """
        query = Query(case.query, case.type)
        forms = name_forms.__wrapped__(query.name, query.kind)
        scorer = NameScorer(forms, self.index.weights)
        names = self.index.names
        scorer.prepare(
            form
            for e in candidates
            for nidx in self.names_of.get(e, ())
            for form in names[nidx].forms
        )
        return query, scorer

    def score(self, prepared: Any, entity: int) -> float:
        """The best score of the query against any of the entity's names."""
        query, scorer = prepared
        index = self.index
        ent = index.entities[entity]
        kind = name_kind(ent.schema)
        best = 0.0
        for nidx in self.names_of.get(entity, ()):
            name = index.names[nidx]
            match = scorer.best(name.forms, kind)
            if match is None or match.score <= 0:
                continue
            # The screener's own features (weak alias, common name ...); a private
            # method, used so that the score is exactly the one screening gives.
            features = self.screener._features(
                query, ent, name.text, name.kind, match, explain=False
            )
            best = max(best, clamp(sum(f.value for f in features)))
        return best


class RapidfuzzScorer:
    """Plain fuzzy matching: ``token_sort_ratio`` / 100 against the best listed name."""

    name = "rapidfuzz"
    threshold = 0.85  # a common setting for fuzzy name screening; the library has none

    def __init__(self, index: ScreeningIndex) -> None:
        self.names_of: dict[int, list[str]] = defaultdict(list)
        for name in index.names:
            self.names_of[name.entity].append(default_process(name.text))

    def prepare(self, case: Case, candidates: list[int]) -> Any:
        """The query, processed as rapidfuzz's default processor does."""
        return default_process(case.query)

    def score(self, prepared: Any, entity: int) -> float:
        """The best ratio over the entity's names."""
        best = 0.0
        for text in self.names_of.get(entity, ()):
            best = max(best, fuzz.token_sort_ratio(prepared, text, processor=None))
        return best / 100.0


class LogicV2Scorer:
    """nomenklatura's logic-v2 comparing a query entity with the candidate FtM entity."""

    name = "logic-v2"
    threshold = 0.70  # yente's default match threshold (SCORE_THRESHOLD)

    def __init__(self, index: ScreeningIndex, records: dict[str, dict[str, Any]]) -> None:
        algorithm = get_algorithm("logic-v2")
        assert algorithm is not None, "nomenklatura has no logic-v2 matcher"
        self.algorithm: type[ScoringAlgorithm] = algorithm
        self.config: ScoringConfig = algorithm.default_config()
        self.index = index
        self.records = records
        self.proxies: dict[int, EntityProxy] = {}
        self.counter = 0

    def proxy(self, entity: int) -> EntityProxy:
        """The candidate as an FtM entity (built once, outside the timed part)."""
        found = self.proxies.get(entity)
        if found is None:
            row = self.records[self.index.entities[entity].id]
            found = model.get_proxy(
                {"id": row["id"], "schema": row["schema"], "properties": row["properties"]}
            )
            self.proxies[entity] = found
        return found

    def prepare(self, case: Case, candidates: list[int]) -> Any:
        """Query entities by schema; nomenklatura caches names by entity id, so ids are new."""
        self.counter += 1
        return {"case": case, "n": self.counter, "proxies": {}}

    def _query_proxy(self, prepared: dict[str, Any], schema: str) -> EntityProxy:
        proxies: dict[str, EntityProxy] = prepared["proxies"]
        found = proxies.get(schema)
        if found is None:
            found = model.make_entity(schema)
            found.id = f"bench-query-{prepared['n']}-{schema}"
            found.add("name", prepared["case"].query)
            proxies[schema] = found
        return found

    def score(self, prepared: Any, entity: int) -> float:
        """logic-v2's score for the query entity against the candidate."""
        candidate = self.proxies[entity]
        qtype = prepared["case"].type
        schema = QUERY_SCHEMA.get(qtype, candidate.schema.name)
        query = self._query_proxy(prepared, schema)
        return float(self.algorithm.compare(query, candidate, self.config).score)


Scorer = FrontwatchScorer | RapidfuzzScorer | LogicV2Scorer


@dataclass
class PeerRun:
    """Rankings of every scorer for every query, and their timings."""

    ranked: dict[str, list[Ranked]] = field(default_factory=dict)
    timing: dict[str, Timing] = field(default_factory=dict)
    candidates: list[int] = field(default_factory=list)


def run_peers(
    index: ScreeningIndex,
    cases: list[Case],
    scorers: list[Scorer],
    progress: bool = True,
) -> PeerRun:
    """Score every query's candidates with every scorer.

    The cyclic garbage collector is paused while the scorers run and collects between
    queries, outside the timed parts: a collection that one scorer's allocations
    start would otherwise scan every scorer's caches, and charge it to that scorer.
    """
    run = PeerRun()
    for scorer in scorers:
        run.ranked[scorer.name] = []
        run.timing[scorer.name] = Timing()
    collecting = gc.isenabled()
    gc.disable()
    try:
        _score_all(index, cases, scorers, run, progress)
    finally:
        if collecting:
            gc.enable()
    return run


def _score_all(
    index: ScreeningIndex, cases: list[Case], scorers: list[Scorer], run: PeerRun, progress: bool
) -> None:
    entities = index.entities
    for n, case in enumerate(cases, 1):
        if n % 100 == 0:
            gc.collect()
        cands = candidate_entities(index, case)
        run.candidates.append(len(cands))
        for scorer in scorers:
            if isinstance(scorer, LogicV2Scorer):
                for e in cands:
                    scorer.proxy(e)  # built outside the timed part
            t0 = time.perf_counter()
            prepared = scorer.prepare(case, cands)
            scores = [(scorer.score(prepared, e), e) for e in cands]
            elapsed = time.perf_counter() - t0
            timing = run.timing[scorer.name]
            timing.seconds += elapsed
            timing.comparisons += len(cands)
            scores.sort(key=lambda x: (-x[0], entities[x[1]].caption))
            ranked = Ranked(candidates=len(cands))
            if scores:
                ranked.top_id = entities[scores[0][1]].id
                ranked.top_score = scores[0][0]
            for rank, (score, e) in enumerate(scores, 1):
                if entities[e].id == case.expected:
                    ranked.expected_score = score
                    ranked.expected_rank = rank
                    break
            run.ranked[scorer.name].append(ranked)
        if progress and n % 500 == 0:
            print(f"  peers: {n}/{len(cases)} queries", flush=True)
