"""FollowTheMoney JSON lines: the EU and UK lists, OpenSanctions fixtures, bad files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from frontwatch.sources import ListFiles, ListParseError, ParseContext, detect
from frontwatch.sources.ftm import parse_ftm


def _parse(path: Path) -> list:
    files = detect(path)
    assert files is not None and files.format == "ftm"
    return list(parse_ftm(ParseContext(files)))


def test_eu_fsf_counts(lists_dir: Path) -> None:
    entities = _parse(lists_dir / "eu_fsf" / "eu_fsf.ftm.json")
    counts = Counter(e.schema.name for e in entities)
    assert counts == {
        "Person": 4302,
        "Company": 849,
        "Organization": 642,
        "Vessel": 2,
        "Sanction": 5795,
    }
    shiraz = next(e for e in entities if e.id == "eu-fsf-6449")
    assert "Shiraz Electronics Industries" in " ".join(shiraz.get("name"))


def test_gb_hmt_counts_and_weak_aliases(lists_dir: Path) -> None:
    entities = _parse(lists_dir / "gb_hmt" / "gb_hmt.ftm.json")
    counts = Counter(e.schema.name for e in entities)
    assert counts == {
        "Person": 3883,
        "Company": 1009,
        "Organization": 522,
        "Vessel": 632,
        "Sanction": 6046,
    }
    assert sum(len(e.get("weakAlias", quiet=True)) for e in entities) == 605
    irgc = next(e for e in entities if e.id == "gb-hmt-INU0080")
    assert irgc.get("name") == ["Islamic Revolutionary Guard Corps (IRGC)"]
    assert "Pasdaran" in irgc.get("alias")


def test_opensanctions_export_with_relations(lists_dir: Path) -> None:
    path = lists_dir / "ftm_fixtures" / "zala_aero_cluster.ftm.json"
    files = detect(path)
    assert files is not None and files.source == "zala_aero_cluster"
    entities = list(parse_ftm(ParseContext(files)))
    counts = Counter(e.schema.name for e in entities)
    assert counts["Ownership"] == 14 and counts["Directorship"] == 3 and counts["Family"] == 4
    assert len(entities) == 91


def test_truncated_file_names_the_line(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ftm" / "truncated.ftm.json"
    files = ListFiles("x", "ftm", path)
    with pytest.raises(ListParseError) as info:
        list(parse_ftm(ParseContext(files)))
    assert "truncated.ftm.json, line 2" in str(info.value)
    assert "not valid JSON" in str(info.value)


def test_unknown_schema_is_refused(fixtures_dir: Path) -> None:
    files = ListFiles("x", "ftm", fixtures_dir / "ftm" / "badschema.ftm.json")
    with pytest.raises(ListParseError, match="line 1: unknown FtM schema 'Spaceship'"):
        list(parse_ftm(ParseContext(files)))


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.ftm.json"
    path.write_bytes(b"\xff\xfe\x00\x01garbage\x00")
    with pytest.raises(ListParseError):
        list(parse_ftm(ParseContext(ListFiles("junk", "ftm", path))))
