"""Candidate retrieval in the screening index, on small lists written here."""

from __future__ import annotations

from typing import Any

from frontwatch.match.index import ScreeningIndex
from frontwatch.match.names import name_forms


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
