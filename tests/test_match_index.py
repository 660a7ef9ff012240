"""The screening index: candidate retrieval, and rebuilding when a list changes."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from frontwatch.lists import load_paths
from frontwatch.match.index import ScreeningIndex
from frontwatch.match.names import name_forms
from frontwatch.match.screen import Query
from frontwatch.screening import get_screener
from frontwatch.store import Store


def _person(n: int, *names: str) -> dict[str, Any]:
    return {
        "id": f"p{n}",
        "schema": "Person",
        "caption": names[0],
        "source": "test",
        "source_id": str(n),
        "properties": {"name": list(names)},
    }


def _found(index: ScreeningIndex, query: str, limit: int) -> list[str]:
    forms = name_forms(query, "person")
    return [index.names[n].text for n in index.candidates(forms, None, limit)]


def test_names_in_many_forms_do_not_crowd_out_a_better_match() -> None:
    # Arabic-script names are read several ways (muhammad, mohammad, mohamed, mhmd):
    # each reading shares keys with an Arabic-script query, but they stand for one
    # word, so six other Muhammads do not push Mohammed KHALLOUF out of the top three.
    decoys = [
        "محمد رضا محمدی",
        "محمد شفیق محمدی",
        "محمد مسلم حقانى",
        "محمد حمدي الأهدل",
        "ساره محمد مخلوف",
        "كندا محمد مخلوف",
    ]
    records = [_person(0, "Mohammed KHALLOUF")]
    records += [_person(i, name) for i, name in enumerate(decoys, 1)]
    # Others, so that Muhammad is a common name, not one every entry has.
    records += [_person(100 + i, f"Ivan {chr(65 + i % 26)}{i:03d}ov") for i in range(60)]
    index = ScreeningIndex.build(records)
    assert "Mohammed KHALLOUF" in _found(index, "محمد خلوف", 3)


def test_one_letter_away_is_found() -> None:
    records = [_person(0, "DEVREZ"), _person(1, "Ali KOCAK"), _person(2, "Ali HAMMOUD")]
    index = ScreeningIndex.build(records)
    assert _found(index, "DEVQREZ", 5) == ["DEVREZ"]  # a letter added
    assert _found(index, "Ali Kocka", 1) == ["Ali KOCAK"]  # two swapped
    # Too far is not found: no key of "Dovqroz" reaches DEVREZ.
    assert _found(index, "Dovqroz", 5) == []


def test_index_rebuilt_when_a_list_version_changes(
    tmp_path: Path, fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTWATCH_HOME", str(tmp_path / "home"))
    db = f"sqlite:///{tmp_path / 'store.db'}"
    listed = tmp_path / "acme.ftm.json"
    shutil.copy(fixtures_dir / "ftm" / "acme_v1.ftm.json", listed)
    load_paths(Store(db), [listed])
    first = get_screener(db)
    assert first.screen(Query("Example Person Two"))[0].entity_id == "acme-3"
    assert not first.screen(Query("Acme Successor Limited"))
    assert list((tmp_path / "home" / "index").glob("*")), "the index is cached on disk"
    assert get_screener(db) is first  # nothing changed: the same index

    # The next version of the list drops one entity and adds another.
    shutil.copy(fixtures_dir / "ftm" / "acme_v2.ftm.json", listed)
    load_paths(Store(db), [listed])
    second = get_screener(db)
    assert second.index.key != first.index.key
    assert second.screen(Query("Acme Successor Limited"))[0].caption == "Acme Successor Limited"
    assert "acme-3" not in {r.entity_id for r in second.screen(Query("Example Person Two"))}
