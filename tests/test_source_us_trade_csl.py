"""Tests for the trade.gov Consolidated Screening List CSV parser (real snapshot + fixtures)."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from frontwatch.sources.base import ListFiles, ListParseError, ParseContext, make_entity_id
from frontwatch.sources.us_trade_csl import parse_csl_csv

LISTED = {"Person", "Vessel", "Company", "Organization", "LegalEntity"}
EL = "Entity List (EL) - Bureau of Industry and Security"
SDN = "Specially Designated Nationals (SDN) - Treasury Department"


def _eid(*parts: str) -> str:
    return make_entity_id("us_trade_csl", *parts)


def _ctx(path: Path) -> ParseContext:
    return ParseContext(ListFiles("us_trade_csl", "csl_csv", path))


def _parse(path: Path) -> tuple[ParseContext, dict[str, EntityProxy]]:
    ctx = _ctx(path)
    entities = list(parse_csl_csv(ctx))
    by_id = {str(e.id): e for e in entities}
    assert len(by_id) == len(entities), "entity ids must be unique"
    return ctx, by_id


@pytest.fixture(scope="module")
def real(lists_dir: Path) -> tuple[ParseContext, dict[str, EntityProxy]]:
    return _parse(lists_dir / "us_bis_csl" / "csl_partial_2023-11.csv")


def test_real_counts(real: tuple[ParseContext, dict[str, EntityProxy]]) -> None:
    ctx, by_id = real
    counts = Counter(e.schema.name for e in by_id.values())
    assert sum(counts[s] for s in LISTED) == 4227
    assert counts["Sanction"] == 4227
    assert counts["Person"] == 1125  # 1,124 whole Individual rows + the cut-off last row
    assert counts["Vessel"] == 3
    assert ctx.issued is None  # the CSL states no publication date
    per_list = Counter(e.get("programId")[0] for e in by_id.values() if e.schema.name == "Sanction")
    assert per_list == {
        "SDN": 1738,
        "EL": 919,
        "DPL": 577,
        "SSI": 288,
        "UVL": 186,
        "ISN": 144,
        "DTC": 142,
        "PLC": 78,
        "MEU": 71,
        "CMIC": 68,
        "NS-MBS List": 14,
        "FSE": 1,
        "CAP": 1,
    }


def test_real_every_entity_has_its_sanction(
    real: tuple[ParseContext, dict[str, EntityProxy]],
) -> None:
    _, by_id = real
    for entity in by_id.values():
        if entity.schema.name in LISTED:
            sanction = by_id[f"{entity.id}-sanction"]
            assert sanction.get("entity") == [entity.id]
            assert "sanction" in entity.get("topics")


def test_real_colliding_numbers_get_distinct_ids(
    real: tuple[ParseContext, dict[str, EntityProxy]],
) -> None:
    _, by_id = real
    # entity_number 9647 is on both the SDN and the PLC list, 17250 on SSI and NS-MBS.
    assert by_id[_eid("SDN", "9647")].get("name") == ["ZAHHAR, Mahmoud Khaled"]
    assert by_id[_eid("PLC", "9647")].get("name") == ["Mahmoud Khaled ZAHHAR"]
    assert by_id[_eid("SSI", "17250")].get("name") == ["PUBLIC JOINT STOCK COMPANY GAZPROM"]
    assert by_id[_eid("NS-MBS List", "17250")].get("name") == ["Public Joint Stock Company Gazprom"]
    assert by_id[_eid("PLC", "9647") + "-sanction"].get("authorityId") == ["9647"]


def test_real_entity_list_row(real: tuple[ParseContext, dict[str, EntityProxy]]) -> None:
    _, by_id = real
    casc = by_id[_eid("EL", "5fe80d5c6a5cbba1082e18adeef87f1135482f525aee0cfa52ff8dea")]
    assert casc.schema.name == "Company"
    assert casc.get("name") == ["China Aerospace Science and Technology Corporation (CASC)"]
    assert casc.get("alias") == [
        "13th Institute",
        "Beijing Institute of Aerospace Control Devices (BIACD)",
        "230 Factory",
        "Beijing Aerospace Times Optical-Electronic Technology Co., Ltd.",
    ]
    assert casc.get("address") == ["No.1 Fengying East Road, Haidian District, Beijing, 100094, CN"]
    assert casc.get("country") == ["cn"]
    assert "export.control" in casc.get("topics")
    sanction = by_id[f"{casc.id}-sanction"]
    assert sanction.get("authority") == [EL]
    assert sanction.get("programId") == ["EL"]
    assert sanction.get("listingDate") == ["2001-05-14"]
    assert sanction.get("description") == ["66 FR 24265; 84 FR 40241"]
    assert "License policy: See §744.3(d) of this part" in sanction.get("provisions")
    assert sanction.get("sourceUrl") == [
        "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/entity-list"
    ]


def test_real_sdn_individual(real: tuple[ParseContext, dict[str, EntityProxy]]) -> None:
    _, by_id = real
    person = by_id[_eid("SDN", "2676")]
    assert person.schema.name == "Person"
    assert person.get("name") == ["AL ZAWAHIRI, Dr. Ayman"]
    assert person.get("birthDate") == ["1951-06-19"]
    assert person.get("birthPlace") == ["Giza, Egypt"]
    assert person.get("passportNumber") == ["19820215", "1084010"]
    assert person.get("position") == ["Operational and Military Leader of JIHAD GROUP"]
    assert "SALIM, Ahmad Fuad" in person.get("alias")
    sanction = by_id[_eid("SDN", "2676") + "-sanction"]
    assert sanction.get("program") == ["SDGT"]
    assert sanction.get("programId") == ["SDN"]
    assert sanction.get("authority") == [SDN]
    # "circa 1951" is read as the year.
    assert by_id[_eid("SDN", "7782")].get("birthDate") == ["1951"]


def test_real_cut_off_last_row_is_kept(lists_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    # The snapshot ends inside the addresses of its last record (SDN 11476).
    with caplog.at_level(logging.WARNING):
        _, by_id = _parse(lists_dir / "us_bis_csl" / "csl_partial_2023-11.csv")
    person = by_id[_eid("SDN", "11476")]
    assert person.get("name") == ["BERMUDEZ SUAZA, Pedro Antonio"]
    assert len(person.get("address")) == 6  # the seventh, cut-off address is dropped
    assert by_id[_eid("SDN", "11476") + "-sanction"].get("program") == ["SDNT"]
    assert "cut off by the end of the file" in caplog.text


def test_fixture_mapping(fixtures_dir: Path) -> None:
    _, by_id = _parse(fixtures_dir / "csl" / "mini.csv")  # holds a repeated header line
    assert Counter(e.schema.name for e in by_id.values()) == {
        "Person": 2,
        "Company": 1,
        "Vessel": 1,
        "LegalEntity": 1,
        "Sanction": 5,
    }
    person = by_id[_eid("SDN", "9647")]
    assert person.get("birthDate") == ["1951", "1952-03-04"]
    assert person.get("passportNumber") == ["T1234567"]
    assert person.get("idNumber") == ["900000001"]
    assert person.get("gender") == ["male"]
    assert person.get("nationality") == ["ps"]
    assert person.get("citizenship") == ["eg"]
    assert person.get("notes") == ["Test remark.", "Target Type: Test"]
    sanction = by_id[_eid("SDN", "9647") + "-sanction"]
    assert sanction.get("program") == ["NS-PLC", "SDGT"]
    assert sanction.get("provisions") == [
        "Secondary sanctions risk: Test Regulations, 31 CFR 000.1"
    ]
    assert _eid("PLC", "9647") in by_id

    firm = by_id[_eid("EL", "0b1e5c0ffee")]
    assert firm.get("alias") == ["Test Institute 13", "Beijing Test Devices (BTD)"]

    vessel = by_id[_eid("SDN", "4238")]
    assert vessel.get("imoNumber") == ["IMO7406784"]
    assert vessel.get("flag") == ["cu"]
    assert vessel.get("callSign") == ["CL0000"]
    assert vessel.get("notes") == ["Owner: Test Navegacion S.A."]

    institute = by_id[_eid("EL", "5ca1ab1e")]
    assert institute.get("name") == [
        "Test Research Institute; and any successor, sub-unit, or subsidiary thereof"
    ]
    assert institute.get("alias") == ["Test Research Institute"]
    assert by_id[_eid("EL", "5ca1ab1e") + "-sanction"].get("endDate") == ["2027-05-01"]


def _error(path: Path) -> ListParseError:
    with pytest.raises(ListParseError) as info:
        list(parse_csl_csv(_ctx(path)))
    return info.value


def test_wrong_header_is_refused(fixtures_dir: Path) -> None:
    err = _error(fixtures_dir / "csl" / "wrong_header.csv")
    assert "not a Consolidated Screening List CSV" in err.message
    assert err.location == "line 1"


def test_wrong_column_count_names_the_line(fixtures_dir: Path) -> None:
    err = _error(fixtures_dir / "csl" / "bad_column_count.csv")
    assert err.location == "line 3"
    assert "expected 29 columns, found 5" in err.message


def test_short_last_row_ending_in_newline_is_an_error(fixtures_dir: Path) -> None:
    # Only a record cut off by the end of the file (no final newline) is tolerated.
    err = _error(fixtures_dir / "csl" / "short_last_row_with_newline.csv")
    assert err.location == "line 3"


def test_truncated_last_row_fixture(fixtures_dir: Path) -> None:
    _, by_id = _parse(fixtures_dir / "csl" / "truncated_last_row.csv")
    person = by_id[_eid("SDN", "11476")]
    assert person.get("address") == [
        "c/o TEST S.A., Medellin, CO",
        "Av. Test 253, Mexico City, 11560, MX",
    ]


def test_bad_start_date_names_the_line(fixtures_dir: Path) -> None:
    err = _error(fixtures_dir / "csl" / "bad_date.csv")
    assert err.location == "line 3"
    assert "start_date" in err.message


def _named(by_id: dict[str, EntityProxy], name: str) -> EntityProxy:
    found = [e for e in by_id.values() if e.schema.is_a("Thing") and name in e.get("name")]
    assert len(found) >= 1, name
    return found[0]


def test_real_clauses_written_into_names(
    real: tuple[ParseContext, dict[str, EntityProxy]],
) -> None:
    # The lists write successors, a.k.a., f.k.a. and subordinate entities into the
    # name; the name stays as published, the names it gives become names of the entry.
    _, by_id = real
    poly = _named(by_id, "Poly Technologies Incorporated (PTI), and its sub-units and successors")
    assert "Poly Technologies Incorporated (PTI)" in poly.get("alias")
    chitron = _named(
        by_id,
        "Chitron Electronics Company Ltd., a.k.a. Chi-Chung Electronics Company Ltd. "
        "(Chitron-Shenzhen)",
    )
    assert {
        "Chitron Electronics Company Ltd.",
        "Chi-Chung Electronics Company Ltd. (Chitron-Shenzhen)",
    } <= set(chitron.get("alias"))
    lts = _named(by_id, "LTS Holding Limited (f.k.a. IPP-International Petroleum Products Ltd.)")
    assert "LTS Holding Limited" in lts.get("alias")
    assert lts.get("previousName") == ["IPP-International Petroleum Products Ltd."]
    ndc = _named(
        by_id,
        "Pakistan Atomic Energy Commission (PAEC), and subordinate entity National "
        "Development Complex (NDC)",
    )
    assert "National Development Complex (NDC)" in ndc.get("alias")
    # An alternative name is split the same way: "JSC NIIP, f.k.a., Otkrytoe ...".
    niip = [e for e in by_id.values() if e.schema.is_a("Thing") and "JSC NIIP" in e.get("alias")]
    assert niip and any(
        p.startswith("Otkrytoe Aktsionernoe Obshchestvo Nauchno")
        for p in niip[0].get("previousName")
    )


def test_published_name_leaves_plain_names_alone() -> None:
    from frontwatch.sources.base import published_name

    for name in ("Sanford and Son Trading", "Rayan Roshd Afzar Company", "AKA Trading (HK)"):
        assert published_name(name).bare == name
        assert not published_name(name).aliases and not published_name(name).previous
