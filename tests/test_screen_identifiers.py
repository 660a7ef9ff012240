"""An exact identifier (IMO number, passport, registration number) on the real lists:
a specific one is a hit on its own and finds its entry under any name."""

from __future__ import annotations

import pytest

from frontwatch.match import DEFAULT_THRESHOLD
from frontwatch.match.score import IDENTIFIER_MATCH, clamp
from frontwatch.match.screen import Query, Result, Screener
from frontwatch.screening import get_screener

# OFAC lists the tanker DEEP SEA with "IMO 9218492" and no other name.
DEEP_SEA = "us-ofac-sdn-15044"
# OFAC lists LIU, Baoxia with passport G28882492 (and born 10 Sep 1981).
LIU_BAOXIA = "us-ofac-sdn-22683"
# The EU lists Andrey Mikhailovich BOGATOV with the identifier M1601 (five characters).
BOGATOV = "eu-fsf-132231"


@pytest.fixture(scope="module")
def screener(full_db: str) -> Screener:
    return get_screener(full_db)


def _find(results: list[Result], entity_id: str) -> Result:
    for r in results:
        if r.entity_id == entity_id or any(m["entity_id"] == entity_id for m in r.same_party):
            return r
    raise AssertionError(f"{entity_id} not in {[r.entity_id for r in results]}")


def _features(result: Result) -> dict[str, float]:
    return {f.name: f.value for f in result.features}


def _adds_up(result: Result) -> None:
    assert result.score == pytest.approx(clamp(sum(f.value for f in result.features)))


def test_listed_identifiers(screener: Screener) -> None:
    by_id = {e.id: e for e in screener.index.entities}
    assert "9218492" in by_id[DEEP_SEA].identifiers
    assert not any(
        "ocean" in n.text.lower()
        for n in screener.index.names
        if screener.index.entities[n.entity].id == DEEP_SEA
    )
    assert "G28882492" in by_id[LIU_BAOXIA].identifiers
    assert "M1601" in by_id[BOGATOV].identifiers


def test_renamed_vessel_found_by_imo(screener: Screener) -> None:
    # Under a name the lists do not have, the IMO number alone finds the vessel.
    results = screener.screen(Query("Ocean Star", type="vessel", id_number="IMO9218492"))
    top = results[0]
    assert top.entity_id == DEEP_SEA
    assert top.score >= 0.9 and top.match
    assert _features(top)["name"] == 0.0
    ident = next(f for f in top.features if f.name == "identifier_match")
    assert "IMO9218492" in ident.detail and "identifier alone" in ident.detail
    assert "IMO9218492" in top.explanation
    _adds_up(top)
    # Written another way, the same number.
    again = screener.screen(Query("Ocean Star", type="vessel", id_number="imo 921-8492"))
    assert again[0].entity_id == DEEP_SEA and again[0].score >= 0.9


def test_vessel_not_found_without_identifier(screener: Screener) -> None:
    results = screener.screen(Query("Ocean Star", type="vessel"), threshold=0)
    assert DEEP_SEA not in [r.entity_id for r in results]


def test_passport_alerts_on_a_weak_name(screener: Screener) -> None:
    # 'Liu Lan' shares only the common family name with LIU, Baoxia (0.37 by name).
    top = screener.screen(Query("Liu Lan", type="person", id_number="G28882492"))[0]
    assert top.entity_id == LIU_BAOXIA
    assert top.score >= 0.9 and top.match
    features = _features(top)
    assert features["identifier_match"] > IDENTIFIER_MATCH
    assert {"one_name_part", "common_name"} <= set(features)
    _adds_up(top)


def test_identifier_keeps_the_other_features(screener: Screener) -> None:
    """The name features are those without the identifier; a conflicting birth date
    still shows as its own feature."""
    plain = _find(screener.screen(Query("Liu Lan", type="person"), threshold=0), LIU_BAOXIA)
    assert plain.score < DEFAULT_THRESHOLD
    assert "identifier_match" not in _features(plain)
    with_id = _find(
        screener.screen(Query("Liu Lan", type="person", id_number="G28882492")), LIU_BAOXIA
    )
    assert [(f.name, f.value, f.detail) for f in with_id.features[:-1]] == [
        (f.name, f.value, f.detail) for f in plain.features
    ]
    assert with_id.features[-1].name == "identifier_match"
    born = _find(
        screener.screen(
            Query("Liu Lan", type="person", birth_date="1990-01-01", id_number="G28882492")
        ),
        LIU_BAOXIA,
    )
    features = _features(born)
    assert features["birth_date_mismatch"] < 0
    assert born.score >= 0.9
    # Every name of hers reaches 0.90 with the passport: the best-matching one is shown.
    assert born.matched_name == "LIU, Baoxia"
    assert features["name"] == _features(plain)["name"]
    _adds_up(born)


def test_short_identifier_adds_only_the_plain_bonus(screener: Screener) -> None:
    top = _find(
        screener.screen(Query("Andrey Bogatov", type="person", id_number="M1601"), threshold=0),
        BOGATOV,
    )
    ident = next(f for f in top.features if f.name == "identifier_match")
    assert ident.value == IDENTIFIER_MATCH
    assert "too short" in ident.detail
    _adds_up(top)
    # Under another name it is found, but is no hit.
    other = _find(
        screener.screen(
            Query("Quentin Zabriskie", type="person", id_number="M1601"), limit=50, threshold=0
        ),
        BOGATOV,
    )
    assert other.score == pytest.approx(IDENTIFIER_MATCH)
    assert not other.match


def test_query_without_identifier_unchanged(screener: Screener) -> None:
    top = screener.screen(Query("Baoxia Liu", type="person"))[0]
    assert top.entity_id == LIU_BAOXIA
    assert "identifier_match" not in _features(top)
    assert top.score == pytest.approx(clamp(sum(f.value for f in top.features)))


def test_an_identifier_that_several_parties_list_is_no_hit_on_its_own(
    screener: Screener,
) -> None:
    # 772201001 is a Russian tax office's code (KPP) that five unrelated companies
    # carry: each scored 0.90 for any name.
    assert screener.screen(Query("Acme Widgets", id_number="772201001")) == []
    found = screener.screen(Query("Acme Widgets", id_number="772201001"), threshold=0.0)
    shared = [r for r in found if "identifier_match" in {f.name for f in r.features}]
    assert shared
    for r in shared:
        feature = next(f for f in r.features if f.name == "identifier_match")
        assert feature.value == pytest.approx(0.30) and "parties" in feature.detail
