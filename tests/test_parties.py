"""Party grouping rules (frontwatch.match.parties) on small made-up lists."""

from __future__ import annotations

from dataclasses import dataclass

from frontwatch.match.names import PERSON, name_forms
from frontwatch.match.parties import group_parties

# Token weights as the index computes them over about 33,000 entries: common given names
# low, surnames that few entries carry high.
COMMON = {
    "mohammad": 0.37,
    "ali": 0.5,
    "hassan": 0.46,
    "sergey": 0.5,
    "sergei": 0.5,
    "aleksei": 0.54,
    "aleksey": 0.51,
    "ivanov": 0.6,
    "borisovich": 0.55,
    "sergeyevich": 0.52,
    "sergeevich": 0.52,
    "reza": 0.53,
}


@dataclass
class Entry:
    id: str
    source: str
    names: list[str]
    birth_dates: tuple[str, ...] = ()
    countries: frozenset[str] = frozenset()
    source_id: str | None = None
    schema: str = "Person"
    identifiers: tuple[str, ...] = ()


def _group(entries: list[Entry]) -> tuple[dict[str, int], dict[frozenset[str], str]]:
    """Each entry's party (by id), and why each pair of entries was joined."""
    names = {i: [name_forms(n, PERSON) for n in e.names] for i, e in enumerate(entries)}
    primary = {i: forms[:1] for i, forms in names.items()}
    identifiers = {i: set(e.identifiers) for i, e in enumerate(entries)}
    weights: dict[str, float] = {}
    for forms_list in names.values():
        for forms in forms_list:
            for form in forms:
                for token in form.tokens:
                    weights[token] = COMMON.get(token, 0.9)
    evidence: list[tuple[int, int, str]] = []
    parties = group_parties(entries, names, primary, identifiers, weights, evidence)
    why = {frozenset((entries[a].id, entries[b].id)): reason for a, b, reason in evidence}
    return {e.id: parties[i] for i, e in enumerate(entries)}, why


def test_a_persons_alias_spelled_alike_groups() -> None:
    party, why = _group(
        [
            Entry("uk", "gb_hmt", ["Aleksei MORENETS", "Aleksey Sergeyevich MORENETS"]),
            Entry("ofac", "us_ofac_sdn", ["MORENETS, Aleksei Sergeyevich"], ("1977-07-31",)),
        ]
    )
    assert party["uk"] == party["ofac"]
    assert "spelled alike" in why[frozenset(("uk", "ofac"))]


def test_a_two_part_name_groups_when_few_entries_have_its_words() -> None:
    party, _ = _group(
        [
            Entry("eu", "eu_fsf", ["Dr Hoseyn FAQIHIAN"], ("1952-05-22",)),
            Entry("uk", "gb_hmt", ["Hoseyn FAQIHIAN"], countries=frozenset({"ir"})),
            # Common words only: "Mohammad Ali" names many people.
            Entry("eu2", "eu_fsf", ["Mohammad ALI"]),
            Entry("uk2", "gb_hmt", ["Mohammad Ali"]),
        ]
    )
    assert party["eu"] == party["uk"]
    assert party["eu2"] != party["uk2"]


def test_a_two_part_name_is_not_joined_on_a_transliteration_alone() -> None:
    # Omidi and Amidi are two Persian names that only their consonants make alike.
    party, _ = _group(
        [
            Entry("eu", "eu_fsf", ["Reza OMIDI"]),
            Entry("ofac", "us_ofac_sdn", ["AMIDI, Reza"], ("1962-09-30",)),
        ]
    )
    assert party["eu"] != party["ofac"]


def test_one_list_adding_the_patronymic() -> None:
    party, why = _group(
        [
            Entry("uk", "gb_hmt", ["Dmitriy KOMNOV"], countries=frozenset({"ru"})),
            Entry("eu", "eu_fsf", ["Dmitrij Viktorovitj KOMNOV"], ("1977-05-17",)),
        ]
    )
    assert party["uk"] == party["eu"]
    assert "adding the patronymic" in why[frozenset(("uk", "eu"))]
    # Two patronymics for one given name and surname: two fathers, two people; the
    # name without a patronymic could be either, and joins neither.
    party, _ = _group(
        [
            Entry("uk", "gb_hmt", ["Dmitriy KOMNOV"]),
            Entry("eu", "eu_fsf", ["Dmitrij Viktorovitj KOMNOV"]),
            Entry("ofac", "us_ofac_sdn", ["KOMNOV, Dmitriy Petrovich"]),
        ]
    )
    assert len(set(party.values())) == 3


def test_a_name_one_list_gives_two_entries_names_two_people() -> None:
    party, _ = _group(
        [
            Entry("eu1", "eu_fsf", ["KIM Il Su"], ("1965-09-02",)),
            Entry("eu2", "eu_fsf", ["Su Il KIM"], ("1985-03-04",)),
            Entry("uk", "gb_hmt", ["Il-Su Kim"], countries=frozenset({"kp"})),
        ]
    )
    assert len(set(party.values())) == 3


def test_a_party_never_holds_two_birth_dates_that_differ() -> None:
    # Two persons of one name on OFAC, born years apart; the UK entry has no date.
    party, _ = _group(
        [
            Entry("ofac1", "us_ofac_sdn", ["IVANOV, Sergei Borisovich"], ("1953-01-31",)),
            Entry("ofac2", "us_ofac_sdn", ["IVANOV, Sergey Borisovich"], ("1952-04-19",)),
            Entry("uk", "gb_hmt", ["Sergei Borisovich IVANOV"]),
        ]
    )
    assert party["ofac1"] != party["ofac2"]
    # A year mistyped (same day and month) or a year given alone, one year off, is no
    # conflict.
    party, _ = _group(
        [
            Entry("eu", "eu_fsf", ["Tarek William SAAB HALABI"], ("1963-09-10",)),
            Entry("ofac", "us_ofac_sdn", ["SAAB HALABI, Tarek William"], ("1962-09-10",)),
            Entry("un", "un_sc", ["PAK YONG SIK"], ("1949",)),
            Entry("ofac2", "us_ofac_sdn", ["PAK, Yong Sik"], ("1950",)),
        ]
    )
    assert party["eu"] == party["ofac"]
    assert party["un"] == party["ofac2"]


def test_birth_dates_of_a_list_that_disagrees_with_the_others_are_set_aside() -> None:
    # 25 persons share a passport number between "uk" and "eu"; their UK birth dates
    # never agree with the EU's.
    entries = [
        e
        for n in range(25)
        for e in (
            Entry(
                f"uk{n}", "gb_hmt", [f"Name{n} Surname{n}"], ("1961",), identifiers=(f"P{n:06}",)
            ),
            Entry(
                f"eu{n}", "eu_fsf", [f"Name{n} Surname{n}"], ("1980",), identifiers=(f"P{n:06}",)
            ),
        )
    ]
    entries += [
        Entry("uk", "gb_hmt", ["Igor Vasilyevich KARPENKO"], ("1992", "1991")),
        Entry("eu", "eu_fsf", ["Igor Vasilievich KARPENKO"], ("1964-04-28",)),
    ]
    party, why = _group(entries)
    assert party["uk"] == party["eu"]
    assert "birth dates on gb_hmt not compared" in why[frozenset(("uk", "eu"))]
    # Without that evidence, the dates keep the two apart.
    party, _ = _group(entries[-2:])
    assert party["uk"] != party["eu"]


def test_each_uk_regime_is_a_list_of_its_own() -> None:
    party, _ = _group(
        [
            Entry("bel", "gb_hmt", ["Aleksandr Grigorievich LUKASHENKO"], source_id="BEL0045"),
            Entry("ghr", "gb_hmt", ["Aleksandr Grigorievich LUKASHENKO"], source_id="GHR0050"),
            # Two entries of one regime with one name are two people.
            Entry("dpr1", "gb_hmt", ["KIM YONG CHOL"], source_id="DPR0044"),
            Entry("dpr2", "gb_hmt", ["KIM YONG CHOL"], source_id="DPR0241"),
        ]
    )
    assert party["bel"] == party["ghr"]
    assert party["dpr1"] != party["dpr2"]


def test_a_good_list_sharing_most_persons_with_a_bad_one_is_not_blamed() -> None:
    # "bad" disagrees with "good" on 25 persons and with "other" on 30; "good" and
    # "other" agree on 10. Every disagreement counts against both of its lists: judged
    # all at once, "good" too would look bad (25 of 35). The worst list goes first.
    from types import SimpleNamespace

    from frontwatch.match.parties import _untrusted_dates

    entities: list[SimpleNamespace] = []
    same: list[tuple[int, int]] = []

    def pair(source_a: str, date_a: str, source_b: str, date_b: str) -> None:
        entities.append(SimpleNamespace(source=source_a, birth_dates=(date_a,)))
        entities.append(SimpleNamespace(source=source_b, birth_dates=(date_b,)))
        same.append((len(entities) - 2, len(entities) - 1))

    for _ in range(25):
        pair("bad", "1950", "good", "1960")
    for _ in range(30):
        pair("bad", "1950", "other", "1960")
    for _ in range(10):
        pair("good", "1970", "other", "1970")
    assert set(_untrusted_dates(entities, same)) == {"bad"}  # type: ignore[arg-type]


def test_spellings_of_one_name_family_group_though_their_skeletons_differ() -> None:
    # The UK lists "Yahya Ibrahim Hassan SINWAR", also "Yehya AL-SINWAR"; OFAC lists
    # "SINWAR, Yahya". Yehya and Yahya are one name family, but an initial "ye" reads
    # as a vowel, so their skeletons differ.
    party, why = _group(
        [
            Entry("uk", "gb_hmt", ["Yahya Ibrahim Hassan SINWAR", "Yehya AL-SINWAR"]),
            Entry("ofac", "us_ofac_sdn", ["SINWAR, Yahya"]),
        ]
    )
    assert party["uk"] == party["ofac"]
    assert "Yehya AL-SINWAR" in why[frozenset(("uk", "ofac"))]
