"""Tests for the BIS Denied Persons List parser (real snapshot + fixtures)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from frontwatch.sources.base import ListFiles, ListParseError, ParseContext, make_entity_id
from frontwatch.sources.us_bis_dpl import AUTHORITY, parse_dpl


def _eid(name: str, date: str) -> str:
    return make_entity_id("us_bis_dpl", name, date)


def _ctx(path: Path) -> ParseContext:
    return ParseContext(ListFiles("us_bis_dpl", "dpl_txt", path))


def _parse(path: Path) -> tuple[ParseContext, dict[str, EntityProxy]]:
    ctx = _ctx(path)
    entities = list(parse_dpl(ctx))
    by_id = {str(e.id): e for e in entities}
    assert len(by_id) == len(entities), "entity ids must be unique"
    return ctx, by_id


@pytest.fixture(scope="module")
def real(lists_dir: Path) -> tuple[ParseContext, dict[str, EntityProxy]]:
    return _parse(lists_dir / "us_bis_csl" / "dpl.txt")


def test_real_counts(real: tuple[ParseContext, dict[str, EntityProxy]]) -> None:
    ctx, by_id = real
    counts = Counter(e.schema.name for e in by_id.values())
    # 665 rows; rows of one denial (same name and effective date) differ only in the
    # address: 547 distinct name/date pairs, and "AL NASER AIRLINES" / "AL-NASER  AIRLINES"
    # (same date, same id once punctuation is ignored) merge -> 546 entities.
    assert counts["LegalEntity"] + counts["Company"] == 546
    assert counts["Sanction"] == 546
    assert set(counts) == {"LegalEntity", "Company", "Sanction"}
    assert ctx.issued == "2023-11-28"  # newest Last_Update


def test_real_every_entity_has_its_sanction(
    real: tuple[ParseContext, dict[str, EntityProxy]],
) -> None:
    _, by_id = real
    for entity in by_id.values():
        if entity.schema.name == "Sanction":
            continue
        sanction = by_id[f"{entity.id}-sanction"]
        assert sanction.get("entity") == [entity.id]
        assert sanction.get("authority") == [AUTHORITY]
        assert sanction.get("program") == ["DPL"]
        assert len(sanction.get("startDate")) == 1
        assert "sanction" in entity.get("topics")


def test_real_record_with_dates(real: tuple[ParseContext, dict[str, EntityProxy]]) -> None:
    _, by_id = real
    villa = by_id[_eid("AARON ABRAHAM VILLA", "2022-08-24")]
    assert villa.schema.name == "LegalEntity"
    assert villa.get("name") == ["AARON ABRAHAM VILLA"]
    assert villa.get("address") == ["3415 RIVERA AVENUE, EL PASO, TX, 79905"]
    sanction = by_id[f"{villa.id}-sanction"]
    assert sanction.get("startDate") == ["2022-08-24"]
    assert sanction.get("endDate") == ["2026-01-14"]
    assert sanction.get("summary") == ["F.R. NOTICE ADDED"]
    assert sanction.get("description") == ["87 F.R. 52741 8/29/2022"]
    assert sanction.get("modifiedAt") == ["2022-08-29"]


def test_real_rows_of_one_denial_are_merged(
    real: tuple[ParseContext, dict[str, EntityProxy]],
) -> None:
    _, by_id = real
    air = by_id[_eid("AIR FREIGHT LTD", "2023-10-31")]
    assert air.schema.name == "Company"
    assert len(air.get("address")) == 4
    assert sorted(air.get("country")) == ["ae", "iq", "jo"]
    naser = by_id[_eid("AL NASER AIRLINES", "2023-10-31")]
    assert naser.get("name") == ["AL NASER AIRLINES"]
    assert naser.get("alias") == ["AL-NASER AIRLINES"]
    # A name spelt with other letters stays its own entity.
    assert _eid("ALNASER AIRLINES", "2023-10-31") in by_id
    # Merged rows with different expiration dates keep both.
    amini = by_id[_eid("MAHMOUD AMINI", "2023-10-31") + "-sanction"]
    assert sorted(amini.get("endDate")) == ["2024-10-20", "2024-10-30"]


def test_fixture_mapping(fixtures_dir: Path) -> None:
    ctx, by_id = _parse(fixtures_dir / "dpl" / "mini.txt")
    assert ctx.issued == "2023-11-01"
    acme = by_id[_eid("ACME TEST TRADING LLC", "2023-10-31")]
    assert acme.schema.name == "Company"
    assert acme.get("address") == ["1 TEST ROAD, DUBAI, AE", "P.O. BOX 2, AMMAN, 11191, JO"]
    # "1023-11-01" (a typo kept from the real file) is ignored, not an error.
    assert by_id[f"{acme.id}-sanction"].get("modifiedAt") == ["2023-11-01"]
    doe = by_id[_eid("JOHN TEST DOE", "2017-09-28")]
    assert doe.schema.name == "LegalEntity"
    assert doe.get("alias") == ["JOHN-TEST DOE"]
    assert len(doe.get("address")) == 2
    assert by_id[f"{doe.id}-sanction"].get("endDate") == ["2026-08-01"]
    older = by_id[_eid("JOHN TEST DOE", "2003-01-02") + "-sanction"]
    assert older.get("provisions") == ["Standard order: N"]
    assert Counter(e.schema.name for e in by_id.values())["Sanction"] == 3


def _error(path: Path) -> ListParseError:
    with pytest.raises(ListParseError) as info:
        list(parse_dpl(_ctx(path)))
    return info.value


def test_bad_date_names_the_line(fixtures_dir: Path) -> None:
    err = _error(fixtures_dir / "dpl" / "bad_date.txt")
    assert err.location == "line 3"
    assert "Effective_Date '13/45/2020' is not a date" in err.message


def test_wrong_column_count_names_the_line(fixtures_dir: Path) -> None:
    err = _error(fixtures_dir / "dpl" / "bad_column_count.txt")
    assert err.location == "line 3"
    assert "expected 12 columns, found 11" in err.message


def test_wrong_header_is_refused(fixtures_dir: Path) -> None:
    err = _error(fixtures_dir / "dpl" / "wrong_header.txt")
    assert err.location == "line 1"
    assert "not a BIS Denied Persons List" in err.message


def test_real_aka_inside_a_name(real: tuple[ParseContext, dict[str, EntityProxy]]) -> None:
    # The DPL writes "PEARL (A.K.A. NEI-CHIEN CHU) LI": both names are the entry's.
    _, by_id = real
    pearl = [
        e
        for e in by_id.values()
        if e.schema.is_a("Thing") and "PEARL (A.K.A. NEI-CHIEN CHU) LI" in e.get("name")
    ]
    assert len(pearl) == 1
    assert {"PEARL LI", "NEI-CHIEN CHU"} <= set(pearl[0].get("alias"))
