"""The network: resolution across lists, exposure paths, red flags and ranking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontwatch.graph import (
    GraphQueryError,
    build_network,
    exposure,
    flags,
    load_network,
    neighbors,
    path_as_dict,
    paths,
)
from frontwatch.graph.build import Network, cache_path, store_key
from frontwatch.graph.export import export
from frontwatch.graph.resolve import dates_conflict, name_key
from frontwatch.lists import load_paths
from frontwatch.store import Store


@pytest.fixture(scope="module")
def full_net(full_db: str) -> Network:
    return load_network(Store(full_db))


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = Path(__file__).resolve().parent / "fixtures" / "graph"
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('graph') / 'g.db'}")
    results, _ = load_paths(store, [folder])
    assert [r.status for r in results] == ["loaded", "loaded"], results
    return store


@pytest.fixture(scope="module")
def fix_net(fixture_store: Store) -> Network:
    return build_network(fixture_store)


# -- real data ----------------------------------------------------------------


def test_liu_baoxia_linked_to_shiraz(full_net: Network) -> None:
    found = paths(full_net, "us-ofac-sdn-22683", to="us-ofac-sdn-11183")
    assert found, "no path from Liu Baoxia to Shiraz Electronics Industries"
    best = found[0]
    assert best.hops == 1
    assert best.nodes[-1] == full_net.node_of("us-ofac-sdn-11183")
    rel = best.steps[0].relations[0]
    assert rel["kind"] == "linked_to" and rel["role"] == "Linked To"
    assert rel["source"] == "us_ofac_sdn"


def test_li_yongxin_reaches_irgc_via_rayan(full_net: Network) -> None:
    found = paths(full_net, "us-ofac-sdn-45699", to="us-ofac-sdn-10391")
    rayan = full_net.node_of("us-ofac-sdn-22688")
    via = [p for p in found if rayan in p.nodes]
    assert via, [p.nodes for p in found]
    assert via[0].hops == 2
    assert all(s.kind == "linked_to" for s in via[0].steps)


def test_raybeam_by_name_is_screened_and_reaches_shiraz(full_db: str, full_net: Network) -> None:
    found = paths(full_net, "Raybeam Optronics", max_hops=3, limit=50, db=full_db)
    assert found and found[0].start_match and found[0].start_match["how"] == "screening"
    shiraz = full_net.node_of("us-ofac-sdn-11183")
    assert any(p.nodes[-1] == shiraz for p in found)
    hops = [(p.hops, -p.strength) for p in found]
    assert hops == sorted(hops)


def test_irgc_is_one_node_across_ofac_eu_uk(full_net: Network) -> None:
    node = full_net.node_of("us-ofac-sdn-10391")
    assert node is not None
    members = full_net.graph.nodes[node]["members"]
    # OFAC "ISLAMIC REVOLUTIONARY GUARD CORPS", UK "Islamic Revolutionary Guard Corps (IRGC)"
    # (parenthesis dropped) and EU "Iranian Revolutionary Guard Corps", joined through the
    # trade list's alias of the same name.
    assert {"us-ofac-sdn-10391", "gb-hmt-INU0080", "eu-fsf-5760"} <= set(members)
    rules = {m["rule"] for m in full_net.merges[node]}
    assert "name" in rules
    # the Qods Force stays apart
    assert full_net.node_of("us-ofac-sdn-10465") != node
    assert full_net.graph.nodes[node]["designated"]


def test_no_giant_clusters(full_net: Network) -> None:
    biggest = max(len(d["members"]) for _, d in full_net.graph.nodes(data=True))
    assert biggest <= 10


def test_cache_is_keyed_by_versions(full_db: str, full_net: Network) -> None:
    store = Store(full_db)
    assert cache_path(store_key(store)).exists()
    again = load_network(store)
    assert again.key == full_net.key


# -- resolution rules -----------------------------------------------------------


def test_name_key_and_dates() -> None:
    assert name_key("LIU, Baoxia") == name_key("Baoxia Liu")
    assert name_key("Islamic Revolutionary Guard Corps (IRGC)") == name_key(
        "ISLAMIC REVOLUTIONARY GUARD CORPS"
    )
    assert dates_conflict(["1970-01-01"], ["1971"])
    assert not dates_conflict(["1970-01-01"], ["1970"])
    assert not dates_conflict([], ["1970"])


def test_document_entity_merges_with_list_entry(fix_net: Network) -> None:
    assert fix_net.node_of("doc-graphfix-company-crimson-willow") == "gx-f-doc"
    assert fix_net.node_of("doc-graphfix-company-zagros") == "gx-dcorp"
    rules = [m["rule"] for m in fix_net.merges["gx-dcorp"]]
    assert rules == ["document"]


# -- red flags ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entity", "kind", "counterpart"),
    [
        ("gx-f-address", "shared_address", "gx-dcorp"),
        ("gx-f-phone", "shared_phone", "gx-dcorp"),
        ("gx-f-email", "shared_email", "gx-dcorp"),
        ("gx-f-website", "shared_website", "gx-dcorp"),
        ("gx-f-doc", "document_procurement", "gx-dcorp"),
        ("gx-f-hub", "transshipment_hub", None),
        ("gx-f-fka", "former_name_of_designated", "gx-dcorp"),
        ("gx-f-officer", "shared_officer", "gx-dcorp2"),
        ("gx-f-desig-officer", "designated_officer", "gx-dperson"),
    ],
)
def test_red_flags(fix_net: Network, entity: str, kind: str, counterpart: str | None) -> None:
    found = flags(fix_net, entity)
    assert [f.kind for f in found] == [kind], found
    flag = found[0]
    assert flag.counterpart == counterpart
    assert flag.evidence and all(flag.evidence)


def test_document_flag_carries_sentence(fix_net: Network) -> None:
    (flag,) = flags(fix_net, "gx-f-doc")
    assert "navigation modules" in flag.evidence[0]


def test_unrelated_has_no_flags(fix_net: Network) -> None:
    assert flags(fix_net, "gx-r-mid") == []


# -- ranking and exposure ---------------------------------------------------------


def test_path_ranking_shortest_then_strongest(fix_net: Network) -> None:
    found = paths(fix_net, "gx-r-start")
    assert [p.nodes[-1] for p in found] == ["gx-dcorp2", "gx-dperson", "gx-dcorp"]
    assert [p.hops for p in found] == [1, 1, 2]
    assert found[0].strength == pytest.approx(0.9)
    assert found[2].strength == pytest.approx(0.81)
    assert found[2].steps[0].relations[0]["relation_id"] == "gx-own-2"


def test_exposure_score(fix_net: Network) -> None:
    assert exposure(fix_net, "gx-dcorp")[0] == 1.0
    assert exposure(fix_net, "gx-r-mid")[0] == pytest.approx(0.9)
    assert exposure(fix_net, "gx-f-address")[0] == pytest.approx(0.5)
    score, path = exposure(fix_net, "gx-f-hub")
    assert score == 0.0 and path is None


def test_neighbors_and_export(fix_net: Network, fixture_store: Store, tmp_path: Path) -> None:
    near = dict(neighbors(fix_net, "gx-r-start", depth=2))
    assert near["gx-r-mid"] == 1 and near["gx-dcorp"] == 2
    nodes, edges = export(fix_net, fixture_store, "graphml", tmp_path / "g.graphml", "gx-dcorp", 1)
    assert nodes >= 6 and edges >= 5
    assert "Zagros" in (tmp_path / "g.graphml").read_text()
    export(fix_net, fixture_store, "ftm", tmp_path / "g.json", "gx-r-start", 1)
    ids = {json.loads(line)["id"] for line in (tmp_path / "g.json").read_text().splitlines()}
    assert {"gx-r-start", "gx-own-1", "gx-link-1"} <= ids


def test_cli_group(fixture_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import typer
    from typer.testing import CliRunner

    from frontwatch.graph.cli import register

    monkeypatch.setenv("FRONTWATCH_HOME", str(tmp_path))
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """test root"""

    register(app)
    runner = CliRunner()
    db = ["--db", fixture_store.url]
    res = runner.invoke(app, ["graph", "paths", "gx-r-start", "--json", *db])
    assert res.exit_code == 0, res.output
    assert [p["nodes"][-1]["id"] for p in json.loads(res.stdout)][:1] == ["gx-dcorp2"]
    res = runner.invoke(app, ["graph", "flags", "gx-f-fka", "--json", *db])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["flags"][0]["kind"] == "former_name_of_designated"
    res = runner.invoke(app, ["graph", "neighbors", "gx-r-start", "--depth", "2", *db])
    assert res.exit_code == 0 and "Ranking Middle" in res.stdout
    res = runner.invoke(app, ["graph", "paths", "gx-r-start", "--to", "gx-dcorp", *db])
    assert res.exit_code == 0 and "evidence" in res.stdout
    out = tmp_path / "g.gexf"
    res = runner.invoke(app, ["graph", "export", "--format", "gexf", "-o", str(out), *db])
    assert res.exit_code == 0 and out.exists()
    res = runner.invoke(app, ["graph", "flags", "no-such-id", *db])
    assert res.exit_code == 1


# -- paths for a name on no list, from shared attributes ------------------------------


def test_unlisted_name_starts_from_shared_address(
    fix_net: Network, fixture_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTWATCH_HOME", str(tmp_path))
    query = "Nowhere Listed Widgets"
    found = paths(
        fix_net,
        query,
        address="UNIT 5, 12 harbour street; Deira - Dubai",
        db=fixture_store.url,
    )
    via = [p for p in found if p.start_match and p.start_match["how"] == "attribute"]
    assert via, [p.nodes for p in found]
    first = via[0]
    assert first.nodes == [f"query:{query}", "gx-dcorp"] and first.hops == 1
    assert first.strength == pytest.approx(0.5)
    evidence = first.steps[0].relations[0]["evidence"]
    assert evidence.startswith("shares address 'UNIT 5, 12 harbour street; Deira - Dubai' with")
    assert "Zagros Missile Parts Company" in evidence
    # through the other holder of the address: query -> Harbour Light Trading -> Zagros
    two = [p for p in via if p.nodes[1] == "gx-f-address"]
    assert two and two[0].hops == 2 and two[0].nodes[-1] == "gx-dcorp"
    assert two[0].strength == pytest.approx(0.25)
    ranked = [(p.hops, -p.strength) for p in found]
    assert ranked == sorted(ranked)
    as_json = path_as_dict(fix_net, first)
    assert as_json["nodes"][0] == {"id": f"query:{query}", "caption": query, "designated": False}


def test_shared_phone_and_email_starts(fix_net: Network, fixture_store: Store) -> None:
    found = paths(
        fix_net, "gx-r-start", phone="0098 21 5555 1234", email="SALES@zagros-parts.example"
    )
    kinds = {p.steps[0].kind for p in found if p.nodes[0].startswith("query:")}
    assert kinds == {"phone", "email"}
    # the listed start's own paths are still there and rank first (1 hop, 0.9)
    assert found[0].nodes[0] == "gx-r-start" and found[0].strength == pytest.approx(0.9)


def test_unlisted_name_with_real_shared_address(full_db: str, full_net: Network) -> None:
    found = paths(
        full_net,
        "Mansour Air Cargo Services",
        address="Al Amirat Street, Section 309, St. 3/H.20, Al Mansour, Baghdad, IQ",
        limit=30,
        db=full_db,
    )
    direct = {p.nodes[1] for p in found if p.nodes[0].startswith("query:") and p.hops == 1}
    assert "us-bis-dpl-AL-NASER-AIRLINES-2023-10-31" in direct
    assert all(full_net.graph.nodes[n]["designated"] for n in direct)
    assert len(direct) >= 3


def test_paths_cli_with_address(
    fixture_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer
    from typer.testing import CliRunner

    from frontwatch.graph.cli import register

    monkeypatch.setenv("FRONTWATCH_HOME", str(tmp_path))
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """test root"""

    register(app)
    args = ["graph", "paths", "Nowhere Listed Widgets", "--db", fixture_store.url]
    res = CliRunner().invoke(app, [*args, "--address", "Unit 5, 12 Harbour Street, Deira, Dubai"])
    assert res.exit_code == 0, res.output
    assert "shares address" in res.stdout and "(the query)" in res.stdout


def test_a_name_with_nothing_to_screen_is_a_clear_error(full_db: str, full_net: Network) -> None:
    with pytest.raises(GraphQueryError, match="nothing to screen"):
        paths(full_net, "LLC", db=full_db)
