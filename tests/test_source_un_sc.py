"""Tests for the UN Security Council consolidated XML parser (real snapshot + fixtures)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from frontwatch.sources.base import ListFiles, ListParseError, ParseContext, make_entity_id
from frontwatch.sources.un_sc import AUTHORITY, LINK_ROLE, parse_un_xml

ORG_SCHEMATA = {"Company", "Organization"}


def _eid(ref: str) -> str:
    return make_entity_id("un_sc", ref)


def _ctx(path: Path) -> ParseContext:
    return ParseContext(ListFiles("un_sc", "un_xml", path))


def _parse(path: Path) -> tuple[ParseContext, dict[str, EntityProxy]]:
    ctx = _ctx(path)
    entities = list(parse_un_xml(ctx))
    by_id = {str(e.id): e for e in entities}
    assert len(by_id) == len(entities), "entity ids must be unique"
    return ctx, by_id


@pytest.fixture(scope="module")
def real(lists_dir: Path) -> tuple[ParseContext, dict[str, EntityProxy]]:
    return _parse(lists_dir / "un_sc" / "consolidated.xml")


def test_real_counts(real: tuple[ParseContext, dict[str, EntityProxy]]) -> None:
    ctx, by_id = real
    counts = Counter(e.schema.name for e in by_id.values())
    assert counts["Person"] == 730
    assert sum(counts[s] for s in ORG_SCHEMATA) == 273
    assert counts["Sanction"] == 1003
    # 511 citations of another record's reference number in COMMENTS1/DESIGNATION.
    assert counts["UnknownLink"] == 511
    assert set(counts) == {"Person", "Sanction", "UnknownLink"} | ORG_SCHEMATA
    assert ctx.issued == "2026-02-27"


def test_real_every_listed_entity_has_its_sanction(
    real: tuple[ParseContext, dict[str, EntityProxy]],
) -> None:
    _, by_id = real
    listed = [e for e in by_id.values() if e.schema.name in ORG_SCHEMATA | {"Person"}]
    assert len(listed) == 1003
    for entity in listed:
        sanction = by_id[f"{entity.id}-sanction"]
        assert sanction.get("entity") == [entity.id]
        assert sanction.get("authority") == [AUTHORITY]
        assert sanction.get("unscId") == sanction.get("authorityId")
        assert len(sanction.get("listingDate")) == 1
        assert entity.get("topics") == ["sanction"]
        assert entity.get("name")


def test_real_iran_entity_with_aliases(real: tuple[ParseContext, dict[str, EntityProxy]]) -> None:
    _, by_id = real
    mitec = by_id[_eid("IRe.044")]
    assert mitec.schema.name == "Company"
    assert mitec.get("name") == ["MODERN INDUSTRIES TECHNIQUE COMPANY (MITEC)"]
    assert mitec.get("alias") == [
        "MITEC",
        "Rahkar Company",
        "Rahkar Industries",
        "Rahkar Sanaye Company",
        "Rahkar Sanaye Novin",
    ]
    assert mitec.get("address") == ["Arak, Iran (Islamic Republic of)"]
    assert mitec.get("country") == ["ir"]
    assert "IR-40 heavy water reactor in Arak" in mitec.get("notes")[0]
    sanction = by_id[_eid("IRe.044") + "-sanction"]
    assert sanction.get("program") == ["Iran"]
    assert sanction.get("listingDate") == ["2010-06-09"]
    assert sanction.get("unscId") == ["IRe.044"]
    assert sanction.get("modifiedAt") == ["2014-12-17"]


def test_real_individual_year_only_dob_and_passport(
    real: tuple[ParseContext, dict[str, EntityProxy]],
) -> None:
    _, by_id = real
    maleki = by_id[_eid("IRi.022")]
    assert maleki.schema.name == "Person"
    assert maleki.get("name") == ["NASER MALEKI"]
    assert maleki.get("firstName") == ["NASER"]
    assert maleki.get("secondName") == ["MALEKI"]
    assert maleki.get("birthDate") == ["1960"]
    assert maleki.get("passportNumber") == ["A0003039"]
    assert maleki.get("idNumber") == ["0035011785"]
    assert len(maleki.get("position")) == 2
    assert maleki.get("position")[0].startswith("Head of Shahid Hemmat Industrial Group (SHIG)")
    assert by_id[_eid("IRi.022") + "-sanction"].get("listingDate") == ["2007-03-24"]


def test_real_between_dob_and_alias_strength(
    real: tuple[ParseContext, dict[str, EntityProxy]],
) -> None:
    _, by_id = real
    ntaganda = by_id[_eid("CDi.030")]
    assert sorted(ntaganda.get("birthDate")) == ["1973", "1974"]
    assert ntaganda.get("alias") == ["Bosco Ntaganda", "Bosco Ntagenda", "General Taganda"]
    assert ntaganda.get("weakAlias") == ["Lydia", "Terminator", "Tango Romeo", "Romeo", "Major"]


def test_real_fka_and_original_script(real: tuple[ParseContext, dict[str, EntityProxy]]) -> None:
    _, by_id = real
    adf = by_id[_eid("CDe.001")]
    assert "NALU" in adf.get("previousName")
    assert "NALU" not in adf.get("alias")
    saddam = next(
        e
        for e in by_id.values()
        if e.schema.name == "Person" and e.get("name") == ["SADDAM HUSSEIN AL-TIKRITI"]
    )
    assert "صدام حسين التكريتي" in saddam.get("alias")


def test_real_links_resolve(real: tuple[ParseContext, dict[str, EntityProxy]]) -> None:
    _, by_id = real
    link = by_id[make_entity_id("un_sc", "link", "IRi.022", "IRe.067")]
    assert link.get("subject") == [_eid("IRi.022")]
    assert link.get("object") == [_eid("IRe.067")]
    assert link.get("role") == [LINK_ROLE]
    assert "(designated under IRe.067)" in link.get("description")[0]
    for entity in by_id.values():
        if entity.schema.name == "UnknownLink":
            assert entity.get("subject")[0] in by_id
            assert entity.get("object")[0] in by_id
            assert entity.get("subject") != entity.get("object")


def test_fixture_mapping(fixtures_dir: Path) -> None:
    ctx, by_id = _parse(fixtures_dir / "un_sc" / "mini.xml")
    assert ctx.issued == "2025-09-28"
    person = by_id[_eid("TSi.001")]
    assert person.get("name") == ["ALPHA BRAVO CHARLIE DELTA"]
    assert person.get("firstName") == ["ALPHA"]
    assert person.get("middleName") == ["CHARLIE", "DELTA"]
    assert person.get("alias") == ["الفا برافو", "Alfa Bravo"]
    assert person.get("weakAlias") == ["The Engineer"]
    assert sorted(person.get("birthDate")) == ["1970", "1971-02-03", "1972"]
    assert person.get("passportNumber") == ["P1234567"]
    assert person.get("idNumber") == ["0012345678", "BC-99"]
    assert person.get("nationality") == ["ir"]
    assert person.get("gender") == ["male"]
    assert person.get("title") == ["Dr."]
    assert person.get("position") == ["Procurement agent"]
    assert person.get("address") == ["1 Test Street, Tehran, Iran (Islamic Republic of)"]
    assert person.get("birthPlace") == ["Qom, Iran (Islamic Republic of)"]
    assert by_id[_eid("TSi.001") + "-sanction"].get("modifiedAt") == ["2025-09-20"]

    company = by_id[_eid("TSe.001")]
    assert company.schema.name == "Company"
    assert company.get("alias") == ["شركة الاختبار", "TFC"]
    assert company.get("previousName") == ["Old Test Trading"]
    # LISTED_ON with a zone offset (2015-04-07-04:00), as in the real file.
    assert by_id[_eid("TSe.001") + "-sanction"].get("listingDate") == ["2015-04-07"]
    assert by_id[_eid("TSe.002")].schema.name == "Organization"

    links = [e for e in by_id.values() if e.schema.name == "UnknownLink"]
    pairs = sorted((e.get("subject")[0], e.get("object")[0]) for e in links)
    # TSe.999 is cited but not in the file: no link to it.
    assert pairs == [(_eid("TSe.001"), _eid("TSi.001")), (_eid("TSi.001"), _eid("TSe.001"))]


def _error(path: Path) -> ListParseError:
    with pytest.raises(ListParseError) as info:
        list(parse_un_xml(_ctx(path)))
    return info.value


def test_truncated_xml_names_the_line(fixtures_dir: Path) -> None:
    err = _error(fixtures_dir / "un_sc" / "truncated.xml")
    assert err.location == "line 14"
    assert "truncated" in err.message
    assert "FIRST_NAME line 13" in err.message


def test_malformed_xml_names_the_line(fixtures_dir: Path) -> None:
    # Parse a different broken file first: lxml's error log keeps old errors.
    _error(fixtures_dir / "un_sc" / "truncated.xml")
    err = _error(fixtures_dir / "un_sc" / "malformed.xml")
    assert err.location == "line 11"
    assert "mismatch" in err.message


@pytest.mark.parametrize("name", ["doctype_entity.xml", "external_entity.xml"])
def test_dtd_and_entities_are_refused(fixtures_dir: Path, name: str) -> None:
    err = _error(fixtures_dir / "un_sc" / name)
    assert "DTD" in err.message and "refused" in err.message
    assert err.location == "DOCTYPE"


def test_wrong_root_is_refused(fixtures_dir: Path) -> None:
    err = _error(fixtures_dir / "un_sc" / "wrong_root.xml")
    assert "not a UN consolidated list" in err.message
    assert err.location == "line 2, <sdnList>"


def test_record_without_reference_is_an_error(fixtures_dir: Path) -> None:
    err = _error(fixtures_dir / "un_sc" / "no_reference.xml")
    assert err.location == "line 4, <ENTITY>"
    assert "REFERENCE_NUMBER" in err.message
