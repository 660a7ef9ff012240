"""Tests for the OFAC parsers (sdnList XML and legacy CSV) against real snapshots and fixtures."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from frontwatch.sources.base import ListFiles, ListParseError, ParseContext
from frontwatch.sources.us_ofac import parse_ofac_csv, parse_ofac_xml, split_remarks

OFAC_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ofac"


@dataclass
class Parsed:
    """The outcome of one parse: the context (issued, record_count) and the entities."""

    ctx: ParseContext
    entities: list[EntityProxy]
    seconds: float

    @property
    def by_id(self) -> dict[str, EntityProxy]:
        return {e.id: e for e in self.entities if e.id}

    def listed(self) -> list[EntityProxy]:
        return [e for e in self.entities if e.schema.name not in ("Sanction", "UnknownLink")]

    def of(self, schema: str) -> list[EntityProxy]:
        return [e for e in self.entities if e.schema.name == schema]

    def links_from(self, entity_id: str) -> list[str]:
        return [
            obj
            for link in self.of("UnknownLink")
            if entity_id in link.get("subject")
            for obj in link.get("object")
        ]


def _run(parser: object, files: ListFiles) -> Parsed:
    ctx = ParseContext(files)
    start = time.perf_counter()
    entities = list(parser(ctx))  # type: ignore[operator]
    return Parsed(ctx, entities, time.perf_counter() - start)


@pytest.fixture(scope="session")
def sdn_csv(lists_dir: Path) -> Parsed:
    return _run(parse_ofac_csv, ListFiles("us_ofac_sdn", "csv", lists_dir / "us_ofac_sdn/sdn.csv"))


@pytest.fixture(scope="session")
def legacy_trio(lists_dir: Path) -> Parsed:
    folder = lists_dir / "us_ofac_sdn" / "legacy_trio_2021"
    extras = {
        "add": folder / "add.csv",
        "alt": folder / "alt.csv",
        "comments": folder / "sdn_comments.csv",
    }
    return _run(parse_ofac_csv, ListFiles("us_ofac_sdn", "csv", folder / "sdn.csv", extras))


@pytest.fixture(scope="session")
def cons_csv(lists_dir: Path) -> Parsed:
    folder = lists_dir / "us_ofac_cons"
    extras = {
        "add": folder / "cons_add.csv",
        "alt": folder / "cons_alt.csv",
        "comments": folder / "cons_comments.csv",
    }
    return _run(parse_ofac_csv, ListFiles("us_ofac_cons", "csv", folder / "cons_prim.csv", extras))


@pytest.fixture(scope="session")
def cons_xml(lists_dir: Path) -> Parsed:
    path = lists_dir / "us_ofac_cons" / "consolidated.xml"
    return _run(parse_ofac_xml, ListFiles("us_ofac_cons", "xml", path))


def _assert_consistent(parsed: Parsed, expected: int) -> None:
    """``expected`` listed entities, one Sanction each, unique ids, links that point home."""
    listed = parsed.listed()
    sanctions = parsed.of("Sanction")
    assert len(listed) == expected
    assert len(sanctions) == expected
    ids = [e.id for e in parsed.entities]
    assert len(ids) == len(set(ids))
    listed_ids = {e.id for e in listed}
    assert {f"{e}-sanction" for e in listed_ids} == {s.id for s in sanctions}
    for sanction in sanctions:
        assert sanction.get("entity")[0] in listed_ids
        assert sanction.get("authority") == ["US Office of Foreign Assets Control"]
        assert sanction.get("country") == ["us"]
        assert sanction.get("program"), sanction.id
    for entity in listed:
        assert entity.get("topics") == ["sanction"]
    for link in parsed.of("UnknownLink"):
        assert link.get("subject")[0] in listed_ids
        assert link.get("object")[0] in listed_ids
        assert link.get("role") == ["Linked To"]


# --- real data: sdn.csv (2024-05, no companion files) ------------------------------------


def test_sdn_csv_counts(sdn_csv: Parsed) -> None:
    _assert_consistent(sdn_csv, 14965)
    schemas = Counter(e.schema.name for e in sdn_csv.listed())
    assert schemas["Person"] == 6854
    assert schemas["Vessel"] == 851
    assert schemas["Airplane"] == 376
    assert schemas["Company"] + schemas["Organization"] == 14965 - 6854 - 851 - 376
    # the legacy CSV states neither a publication date nor a record count
    assert sdn_csv.ctx.issued is None
    assert sdn_csv.ctx.record_count is None
    assert len(sdn_csv.of("UnknownLink")) > 5000


def test_sdn_csv_liu_baoxia(sdn_csv: Parsed) -> None:
    liu = sdn_csv.by_id["us-ofac-sdn-22683"]
    assert liu.schema.name == "Person"
    assert liu.get("name") == ["LIU, Baoxia"]
    assert liu.get("firstName") == ["Baoxia"]
    assert liu.get("lastName") == ["LIU"]
    assert liu.get("birthDate") == ["1981-09-10"]
    assert liu.get("birthPlace") == ["Shandong, China"]
    assert liu.get("nationality") == ["cn"]
    assert liu.get("gender") == ["female"]
    assert liu.get("passportNumber") == ["G28882492"]
    assert liu.get("idNumber") == ["370724198109101905"]
    assert set(liu.get("weakAlias")) == {"LAU, Emily", "LIU, Emily"}
    assert liu.get("notes")[0].startswith("DOB 10 Sep 1981; POB Shandong, China;")
    sanction = sdn_csv.by_id["us-ofac-sdn-22683-sanction"]
    assert sanction.get("program") == ["NPWMD", "IFSR"]
    assert sanction.get("authorityId") == ["22683"]
    assert sanction.get("provisions") == [
        "Additional Sanctions Information - Subject to Secondary Sanctions"
    ]
    assert sdn_csv.links_from("us-ofac-sdn-22683") == ["us-ofac-sdn-11183"]
    assert sdn_csv.by_id["us-ofac-sdn-11183"].get("name") == ["SHIRAZ ELECTRONICS INDUSTRIES"]
    link = sdn_csv.by_id["us-ofac-sdn-22683-linked-11183"]
    assert link.schema.name == "UnknownLink"


def test_sdn_csv_rayan_roshd_and_network(sdn_csv: Parsed) -> None:
    rayan = sdn_csv.by_id["us-ofac-sdn-22688"]
    assert rayan.schema.name == "Company"
    assert rayan.get("weakAlias") == ["RAYAN ROSHD"]
    assert sdn_csv.links_from("us-ofac-sdn-22688") == ["us-ofac-sdn-10391"]
    irgc = sdn_csv.by_id["us-ofac-sdn-10391"]
    assert irgc.get("name") == ["ISLAMIC REVOLUTIONARY GUARD CORPS"]
    assert "IRGC" in sdn_csv.by_id["us-ofac-sdn-10391-sanction"].get("program")

    yung = sdn_csv.by_id["us-ofac-sdn-45700"]
    assert yung.get("weakAlias") == ["YUNG, Stephen"]
    assert yung.get("idNumber") == ["C536975"]
    assert sdn_csv.links_from("us-ofac-sdn-45700") == ["us-ofac-sdn-45699"]
    assert sdn_csv.by_id["us-ofac-sdn-45699"].get("name") == ["LI, Yongxin"]
    assert sdn_csv.links_from("us-ofac-sdn-45699") == ["us-ofac-sdn-22688"]


def test_sdn_csv_vessel(sdn_csv: Parsed) -> None:
    vessel = sdn_csv.by_id["us-ofac-sdn-4243"]
    assert vessel.schema.name == "Vessel"
    assert vessel.get("name") == ["EBANO"]
    assert vessel.get("imoNumber") == ["IMO7406784"]
    assert vessel.get("previousName") == ["ANA I", "SAND SWAN"]
    assert vessel.get("flag") == ["pa"]
    assert vessel.get("type") == ["General Cargo"]
    assert vessel.get("tonnage") == ["2595"]
    assert vessel.get("grossRegisteredTonnage") == ["1865"]
    with_imo = [v for v in sdn_csv.of("Vessel") if v.get("imoNumber")]
    assert len(with_imo) > 700


# --- real data: the coherent 2021 legacy trio --------------------------------------------


def test_legacy_trio_counts(legacy_trio: Parsed) -> None:
    _assert_consistent(legacy_trio, 8976)


def test_legacy_trio_joins_alt_and_add(legacy_trio: Parsed) -> None:
    bnc = legacy_trio.by_id["us-ofac-sdn-306"]
    assert bnc.get("name") == ["BANCO NACIONAL DE CUBA"]
    # alt.csv alias (strong) and the remark alias (weak, as in OFAC's XML) are both kept
    assert bnc.get("alias") == ["NATIONAL BANK OF CUBA"]
    assert bnc.get("weakAlias") == ["BNC"]
    addresses = bnc.get("address")
    assert "Zweierstrasse 35, Zurich CH-8022, Switzerland" in addresses
    assert "Avenida de Concha Espina 8, Madrid E-28036, Spain" in addresses
    assert len(addresses) == 4
    assert {"ch", "es", "jp", "pa"} <= set(bnc.get("country"))
    # an address that has only city and country
    assert legacy_trio.by_id["us-ofac-sdn-36"].get("address") == ["Havana, Cuba"]
    assert legacy_trio.by_id["us-ofac-sdn-36"].get("alias") == ["AERO-CARIBBEAN"]
    # f.k.a. from alt.csv becomes previousName
    palmaseca = legacy_trio.by_id["us-ofac-sdn-4359"]
    assert "INDUSTRIA AVICOLA PALMASECA S.A." in palmaseca.get("previousName")
    assert "INDUSTRIA AVICOLA PALMASECA S.A." not in palmaseca.get("alias")


def test_legacy_trio_comments_spill_over(legacy_trio: Parsed) -> None:
    # ent 12300's Remarks stop at 1,000 characters mid-word ("PROMO RAI"); the rest
    # ("Z S.A.S.; Linked To: ...") is in sdn_comments.csv and must be glued back on.
    cifuentes = legacy_trio.by_id["us-ofac-sdn-12300"]
    notes = cifuentes.get("notes")[0]
    assert "Linked To: PROMO RAIZ S.A.S.; Linked To: RED MUNDIAL INMOBILIARIA" in notes
    assert notes.endswith("Linked To: R D I S.A.")
    assert len(legacy_trio.links_from("us-ofac-sdn-12300")) > 10


# --- real data: the consolidated (non-SDN) list, CSV and XML ------------------------------


def test_cons_csv_counts(cons_csv: Parsed) -> None:
    _assert_consistent(cons_csv, 442)


def test_cons_xml_counts_and_header(cons_xml: Parsed) -> None:
    _assert_consistent(cons_xml, 442)
    assert cons_xml.ctx.record_count == 442
    assert cons_xml.ctx.issued == "2026-01-08"


def test_cons_xml_entry(cons_xml: Parsed) -> None:
    zahhar = cons_xml.by_id["us-ofac-cons-9647"]
    assert zahhar.schema.name == "Person"
    assert zahhar.get("name") == ["ZAHHAR, Mahmoud Khaled"]
    assert zahhar.get("alias") == ["AL ZAHAR, Mahmoud Khaled"]
    assert set(zahhar.get("weakAlias")) == {"ZAHAR, Mahmoud", "AL-ZAHAR, Mahmoud"}
    assert zahhar.get("birthDate") == ["1945"]
    assert zahhar.get("gender") == ["male"]
    assert zahhar.get("nationality") == ["ps"]
    assert zahhar.get("notes") == ["(Linked To: HAMAS)"]
    sanction = cons_xml.by_id["us-ofac-cons-9647-sanction"]
    assert set(sanction.get("program")) == {"SDGT", "NS-PLC"}
    bm = cons_xml.by_id["us-ofac-cons-17017"]
    assert bm.get("swiftBic") == ["MOSWRUMM"]
    assert "BANK OF MOSCOW" in bm.get("previousName")
    assert bm.get("country") == ["ru"]
    # "(Linked To: VTB BANK PUBLIC JOINT STOCK COMPANY)" inside <remarks> is resolved
    (target,) = cons_xml.links_from("us-ofac-cons-17017")
    assert cons_xml.by_id[target].get("name") == ["VTB BANK PUBLIC JOINT STOCK COMPANY"]


def test_cons_xml_and_csv_agree(cons_xml: Parsed, cons_csv: Parsed) -> None:
    """The same list in both formats gives the same entities, schemas, names and links."""
    xml, csv = cons_xml.by_id, cons_csv.by_id
    assert set(xml) == set(csv)
    for entity_id, entity in xml.items():
        other = csv[entity_id]
        assert entity.schema == other.schema, entity_id
        for prop in ("name", "birthDate", "nationality", "previousName", "imoNumber", "subject"):
            assert set(entity.get(prop, quiet=True)) == set(other.get(prop, quiet=True))
        # alt.csv holds the strong aliases, the remarks the weak ones; OFAC writes the
        # XML's double quotes as single quotes in the CSV
        for prop in ("alias", "weakAlias"):
            xml_names = {name.replace('"', "'") for name in entity.get(prop, quiet=True)}
            assert xml_names == set(other.get(prop, quiet=True)), (entity_id, prop)


# --- fixtures: XML -----------------------------------------------------------------------


def _xml(path: Path, source: str = "us_ofac_sdn") -> Parsed:
    return _run(parse_ofac_xml, ListFiles(source, "xml", path))


def _check_sample(parsed: Parsed) -> None:
    assert parsed.ctx.issued == "2024-05-03"
    assert parsed.ctx.record_count == 3
    _assert_consistent(parsed, 3)
    person = parsed.by_id["us-ofac-sdn-900001"]
    assert person.schema.name == "Person"
    assert person.get("name") == ["EXAMPLE, Test"]
    assert person.get("firstName") == ["Test"]
    assert person.get("lastName") == ["EXAMPLE"]
    assert person.get("alias") == ["EXEMPLAR, Testy"]
    assert person.get("weakAlias") == ["TESTO"]
    assert person.get("previousName") == ["OLDNAME, Test"]
    assert person.get("passportNumber") == ["X1234567"]
    assert person.get("gender") == ["male"]
    assert person.get("position") == ["Director"]
    assert person.get("birthDate") == ["1960", "1962"]
    assert person.get("birthPlace") == ["Shandong, China"]
    assert person.get("nationality") == ["cn"]
    assert person.get("citizenship") == ["ir"]
    assert person.get("address") == ["1 Example Road, Shanghai 200000, China"]
    assert person.get("country") == ["cn"]
    assert parsed.by_id["us-ofac-sdn-900001-sanction"].get("program") == ["NPWMD", "IFSR"]
    company = parsed.by_id["us-ofac-sdn-900002"]
    assert company.schema.name == "Company"
    assert company.get("email") == ["ops@sample-shipping.example"]
    assert parsed.by_id["us-ofac-sdn-900002-sanction"].get("provisions") == [
        "Secondary sanctions risk: section 1(b) of Executive Order 13224, "
        "as amended by Executive Order 13886"
    ]
    vessel = parsed.by_id["us-ofac-sdn-900003"]
    assert vessel.schema.name == "Vessel"
    assert vessel.get("imoNumber") == ["IMO9187629"]
    assert vessel.get("callSign") == ["9HXY7"]
    assert vessel.get("flag") == ["pa"]
    assert vessel.get("tonnage") == ["318000"]
    assert vessel.get("grossRegisteredTonnage") == ["163660"]
    # "Linked To: SAMPLE SHIPPING CO., LTD." resolves although the name ends in "."
    assert parsed.links_from("us-ofac-sdn-900001") == ["us-ofac-sdn-900002"]


def test_xml_old_namespace_sample() -> None:
    _check_sample(_xml(OFAC_FIXTURES / "sdn_sample.xml"))


def test_xml_without_namespace(tmp_path: Path) -> None:
    text = (OFAC_FIXTURES / "sdn_sample.xml").read_text(encoding="utf-8")
    path = tmp_path / "sdn.xml"
    path.write_text(text.replace(' xmlns="http://tempuri.org/sdnList.xsd"', ""), encoding="utf-8")
    _check_sample(_xml(path))


def test_xml_truncated_names_file_and_line() -> None:
    path = OFAC_FIXTURES / "truncated.xml"
    with pytest.raises(ListParseError) as info:
        _xml(path)
    err = info.value
    assert err.path == str(path)
    assert err.location is not None and err.location.startswith("line ")
    assert int(err.location.split()[1]) >= 13
    assert "truncated.xml" in str(err)
    assert "malformed XML" in err.message


@pytest.mark.parametrize("name", ["billion_laughs.xml", "xxe.xml"])
def test_xml_entity_declarations_refused(name: str) -> None:
    path = OFAC_FIXTURES / name
    with pytest.raises(ListParseError) as info:
        _xml(path)
    message = info.value.message
    assert "refused" in message
    assert "entity declaration" in message or "DTD" in message
    assert name in str(info.value)
    # nothing of /etc/passwd or the expanded entities ends up in the error either
    assert "root:" not in str(info.value)
    assert "lollol" not in str(info.value)


def test_xml_doctype_without_entities_refused(tmp_path: Path) -> None:
    path = tmp_path / "dtd.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE sdnList SYSTEM "http://example.invalid/sdn.dtd">\n'
        "<sdnList></sdnList>\n",
        encoding="utf-8",
    )
    with pytest.raises(ListParseError, match="DTD"):
        _xml(path)


def test_xml_wrong_root(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<?xml version='1.0'?>\n<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>")
    with pytest.raises(ListParseError, match="not an OFAC sdnList XML file"):
        _xml(path)


def test_xml_parser_rejects_csv(lists_dir: Path) -> None:
    with pytest.raises(ListParseError) as info:
        _xml(lists_dir / "us_ofac_cons" / "cons_prim.csv")
    assert info.value.location == "line 1"


# --- fixtures: CSV -----------------------------------------------------------------------


def _csv(main: Path, **extras: Path) -> Parsed:
    return _run(parse_ofac_csv, ListFiles("us_ofac_sdn", "csv", main, dict(extras)))


def test_csv_wrong_column_count_names_line() -> None:
    path = OFAC_FIXTURES / "bad_columns.csv"
    with pytest.raises(ListParseError) as info:
        _csv(path)
    assert info.value.location == "line 3"
    assert info.value.path == str(path)
    assert "expected 12 columns, found 11" in info.value.message
    assert "bad_columns.csv, line 3" in str(info.value)


def test_csv_wrong_file_passed(lists_dir: Path) -> None:
    add = lists_dir / "us_ofac_sdn" / "legacy_trio_2021" / "add.csv"
    with pytest.raises(ListParseError) as info:
        _csv(add)
    assert info.value.location == "line 1"
    assert "does not look like an OFAC sdn.csv / cons_prim.csv file" in info.value.message
    # and a main file passed where a companion belongs
    sdn = lists_dir / "us_ofac_sdn" / "legacy_trio_2021" / "sdn.csv"
    with pytest.raises(ListParseError) as info:
        _csv(sdn, alt=sdn)
    assert info.value.path == str(sdn)
    assert "alt.csv" in info.value.message


def test_csv_header_row_and_bad_ent_num(tmp_path: Path) -> None:
    path = tmp_path / "with_header.csv"
    header = "ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,"
    path.write_text(header + "Vess_owner,Remarks\r\n", encoding="utf-8")
    with pytest.raises(ListParseError, match="line 1: ent_num 'ent_num' is not a number"):
        _csv(path)
    row = '"{n}","NAME",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    path.write_text(row.format(n=1) + row.format(n="2x"), encoding="utf-8")
    with pytest.raises(ListParseError, match="line 2: ent_num '2x' is not a number"):
        _csv(path)
    path.write_text("\x1a", encoding="utf-8")
    with pytest.raises(ListParseError, match="empty"):
        _csv(path)


def test_csv_remarks_semicolon_in_alias_and_companions() -> None:
    parsed = _csv(
        OFAC_FIXTURES / "remarks_semicolon.csv",
        alt=OFAC_FIXTURES / "remarks_semicolon_alt.csv",
        add=OFAC_FIXTURES / "remarks_semicolon_add.csv",
    )
    _assert_consistent(parsed, 2)
    alpha = parsed.by_id["us-ofac-sdn-900050"]
    assert alpha.schema.name == "Company"
    # alt.csv aliases are strong unless flagged weak; remark aliases are weak
    assert alpha.get("alias") == ["ALPHA HOLDINGS"]
    assert set(alpha.get("weakAlias")) == {"ALPHA; BETA TRADING", "ALPHA-H"}
    assert set(alpha.get("previousName")) == {"OLD ALPHA", "ALPHA OLD HOLDING LTD"}
    assert alpha.get("taxNumber") == ["123456789"]
    assert alpha.get("website") == ["http://www.alpha.example/"]
    assert alpha.get("address") == ["Istiklal Cad. 1, Istanbul 34000, Turkey"]
    assert alpha.get("country") == ["tr"]
    assert parsed.by_id["us-ofac-sdn-900050-sanction"].get("program") == ["SDGT", "IRGC"]
    gamma = parsed.by_id["us-ofac-sdn-900051"]
    assert gamma.schema.name == "Person"
    assert gamma.get("birthDate") == ["1960", "1961-09"]
    assert gamma.get("nationality") == ["ir"]
    assert gamma.get("citizenship") == ["tr"]
    assert gamma.get("address") == ["Tehran, Iran"]
    # "Linked To: GAMMA, Person." resolves; "NOBODY WE KNOW" stays only in the notes
    assert parsed.links_from("us-ofac-sdn-900050") == ["us-ofac-sdn-900051"]
    assert parsed.links_from("us-ofac-sdn-900051") == []
    assert "Linked To: NOBODY WE KNOW." in gamma.get("notes")[0]


def test_split_remarks() -> None:
    text = (
        "DOB 10 Sep 1981; a.k.a. 'ALPHA; BETA'; f.k.a. 'O'NEIL; SONS'.; "
        "Passport G1 (China) expires 04 May 2018; a.k.a. 'LAST'."
    )
    assert split_remarks(text) == [
        "DOB 10 Sep 1981",
        "a.k.a. 'ALPHA; BETA'",
        "f.k.a. 'O'NEIL; SONS'.",
        "Passport G1 (China) expires 04 May 2018",
        "a.k.a. 'LAST'.",
    ]
    assert split_remarks(None) == []
    # an unclosed quote does not swallow the rest
    assert split_remarks("a.k.a. 'BROKEN; Gender Male") == ["a.k.a. 'BROKEN", "Gender Male"]
