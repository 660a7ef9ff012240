"""Entity resolution: the rules on real list entries, and analysts' judgements.

Judgement tests write to their own store (a copy of a UN + UK store loaded once per
module) with their own ``FRONTWATCH_HOME``, so nothing leaks into the session store.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from frontwatch.graph import judge, load_network, paths
from frontwatch.graph.build import Network, cache_path, store_key
from frontwatch.graph.query import GraphQueryError
from frontwatch.graph.resolve import (
    address_evidence,
    person_name_keys,
    resolve,
    same_birth_date,
)
from frontwatch.lists import load_paths
from frontwatch.store import Store
from frontwatch.store import judgements as judgement_store
from frontwatch.store.judgements import JudgementError


@pytest.fixture(scope="module")
def full_net(full_db: str) -> Network:
    return load_network(Store(full_db))


def _merge_between(net: Network, a: str, b: str) -> dict[str, Any]:
    node = net.node_of(a)
    assert node is not None and node == net.node_of(b), (net.node_of(a), net.node_of(b))
    for m in net.merges[node]:
        if {m["a"], m["b"]} == {a, b}:
            return m
    raise AssertionError(f"no direct merge of {a} and {b}: {net.merges[node]}")


# -- the rules on real data ---------------------------------------------------------


def test_name_dob_joins_cyrillic_eu_entry_with_ofac(full_net: Network) -> None:
    merge = _merge_between(full_net, "eu-fsf-134716", "us-ofac-sdn-35594")
    assert merge["rule"] == "name_dob"
    assert "Динар Загитович ГИЛЬМУТДИНОВ" in merge["detail"]
    assert "same birth date 1969-08-10" in merge["detail"]


def test_name_country_joins_legal_form_variants(full_net: Network) -> None:
    merge = _merge_between(full_net, "gb-hmt-RUS3064", "us-ofac-cons-17022")
    assert merge["rule"] == "name_country"
    assert "same country ru" in merge["detail"]
    assert "oil rosneft" in merge["detail"]


def test_un_reference_joins_uk_entry(full_net: Network) -> None:
    merge = _merge_between(full_net, "un-sc-KPi.018", "gb-hmt-DPR0221")
    assert merge["rule"] == "xref"
    assert "KPi.018" in merge["detail"] and "DPR0221" in merge["detail"]
    node = full_net.node_of("un-sc-IRe.055")
    assert node is not None and "gb-hmt-INU0253" in full_net.graph.nodes[node]["members"]


def test_irgc_one_resolved_entity_in_show(full_net: Network) -> None:
    info = judge.cluster(full_net, "10391")
    ids = {m["id"] for m in info["members"]}
    assert {"us-ofac-sdn-10391", "eu-fsf-5760", "gb-hmt-INU0080"} <= ids
    assert info["designated"] and info["merges"]
    sources = {m["source"] for m in info["members"]}
    assert {"us_ofac_sdn", "eu_fsf", "gb_hmt"} <= sources


def test_person_keys_dates_and_addresses() -> None:
    assert person_name_keys("Muhammad Husayn AL-HUSSEINI") & person_name_keys(
        "HOSSEINI, Mohammad Hossein"
    )
    assert person_name_keys("刘宝霞") & person_name_keys("LIU, Baoxia")
    assert not person_name_keys("Li Wei") & person_name_keys("Li Wen")
    assert same_birth_date(["1970-05-03"], ["1970-05"]) == "1970-05"
    assert same_birth_date(["1970"], ["1971-01-01"]) is None
    assert address_evidence(["12 Harbour St, Deira, Dubai"], ["12 HARBOUR ST., DEIRA, DUBAI"])[
        1
    ].startswith("shared address")
    assert address_evidence(["5 Nanjing Road, Shanghai"], ["77 Sadr Street, Tehran"]) == (
        False,
        "addresses conflict",
    )
    assert address_evidence([], ["anything"]) == (True, "no conflicting address")


def _person(eid: str, source: str, name: str, dob: str, country: str | None) -> dict[str, Any]:
    props: dict[str, list[str]] = {"name": [name], "birthDate": [dob]}
    if country:
        props["nationality"] = [country]
    return {"id": eid, "schema": "Person", "source": source, "properties": props}


def test_name_dob_guards() -> None:
    parties = {
        "a": _person("a", "l1", "HOSSEINI, Mohammad Hossein", "1960-01-01", "ir"),
        "b": _person("b", "l2", "Muhammad Husayn Husseini", "1960-01-01", None),
        "c": _person("c", "l3", "Mohammed Hussein Hosseini", "1961-02-02", "ir"),
        "d": _person("d", "l4", "Mohamad Hosein Hoseini", "1960-01-01", "iq"),
        "e": _person("e", "l5", "Mohammad Hossein Hosseiny", "1960", None),
    }
    uf = resolve(parties, [])
    assert uf.find("a") == uf.find("b")  # same day, no conflicting country
    assert uf.find("c") != uf.find("a")  # other birth date
    assert uf.find("d") != uf.find("a")  # conflicting nationality
    assert uf.find("e") != uf.find("a")  # a bare year needs a shared country
    (merge,) = uf.merges
    assert merge.rule == "name_dob" and "same birth date 1960-01-01" in merge.detail


def test_name_country_needs_country_and_compatible_address() -> None:
    def org(eid: str, source: str, name: str, country: str, address: str) -> dict[str, Any]:
        props = {"name": [name], "country": [country], "address": [address]}
        return {"id": eid, "schema": "Company", "source": source, "properties": props}

    parties = {
        "a": org("a", "l1", "Delta Avionics Co., Ltd.", "cn", "8 Keji Road, Xian"),
        "b": org("b", "l2", "DELTA AVIONICS COMPANY LIMITED", "cn", "8 Keji Rd, Xian"),
        "c": org("c", "l3", "Delta Avionics Ltd", "hk", "8 Keji Road, Xian"),
        "d": org("d", "l4", "Delta Avionics Limited", "cn", "77 Sadr Street, Tehran"),
    }
    uf = resolve(parties, [])
    assert uf.find("a") == uf.find("b")
    assert uf.find("c") != uf.find("a")
    assert uf.find("d") != uf.find("a")


# -- judgements -------------------------------------------------------------------


@pytest.fixture(scope="module")
def ug_template(tmp_path_factory: pytest.TempPathFactory, lists_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("ug")
    store = Store(f"sqlite:///{folder / 'ug.db'}")
    files = [lists_dir / "un_sc" / "consolidated.xml", lists_dir / "gb_hmt" / "gb_hmt.ftm.json"]
    results, _ = load_paths(store, files)
    assert [r.status for r in results] == ["loaded", "loaded"], results
    store.engine.dispose()
    return folder / "ug.db"


@pytest.fixture()
def ug_store(ug_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("FRONTWATCH_HOME", str(tmp_path / "home"))
    target = tmp_path / "ug.db"
    src, dst = sqlite3.connect(ug_template), sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return Store(f"sqlite:///{target}")


def test_merge_is_explained_cached_and_undone(ug_store: Store) -> None:
    net = load_network(ug_store)
    a, b = "un-sc-IRe.001", "un-sc-IRe.002"
    assert net.node_of(a) != net.node_of(b)
    key0 = store_key(ug_store)
    judgement, net2 = judge.merge(ug_store, net, a, b, who="ana", note="one registry file")
    # the cache key includes the judgements: a new network, cached under the new key
    assert store_key(ug_store) != key0 == net.key
    assert net2.key == store_key(ug_store) and cache_path(net2.key).exists()
    node = net2.node_of(a)
    assert node == net2.node_of(b)
    # both UK counterparts come along (joined to the UN entries by the UN reference)
    assert {"gb-hmt-INU0215", "gb-hmt-INU0216"} <= set(net2.graph.nodes[node]["members"])
    merge = _merge_between(net2, a, b)
    assert merge["rule"] == "analyst"
    assert merge["detail"].startswith(f"analyst: ana, {judgement.at}, one registry file")
    again = load_network(ug_store)
    assert again.node_of(a) == again.node_of(b)
    info = judge.cluster(again, b)
    assert [(j["id"], j["status"]) for j in info["judgements"]] == [(judgement.id, "applied")]

    withdrawn, net3 = judge.undo(ug_store, judgement.id, who="bo")
    assert withdrawn.withdrawn_by == "bo" and withdrawn.withdrawn_at
    assert net3.node_of(a) != net3.node_of(b)
    assert judgement_store.list_judgements(ug_store) == []
    with pytest.raises(JudgementError, match="already withdrawn"):
        judgement_store.withdraw(ug_store, judgement.id)
    with pytest.raises(JudgementError, match="no judgement #99"):
        judgement_store.withdraw(ug_store, 99)


def test_split_from_other_and_from_cluster(ug_store: Store) -> None:
    net = load_network(ug_store)
    assert net.node_of("un-sc-KPi.018") == net.node_of("gb-hmt-DPR0221")
    j1, net = judge.split(ug_store, net, "KPi.018", "DPR0221", who="ana", note="other person")
    assert net.node_of("un-sc-KPi.018") != net.node_of("gb-hmt-DPR0221")
    blocked = net.blocked[net.cluster_of["un-sc-KPi.018"]]
    assert [(m["rule"], m["judgement"]) for m in blocked] == [("xref", j1.id)]

    # split from the whole cluster, then a later merge brings one entity back
    assert net.node_of("un-sc-IRi.014") == net.node_of("gb-hmt-INU0285")
    j2, net = judge.split(ug_store, net, "un-sc-IRi.014")
    assert net.graph.nodes[net.cluster_of["un-sc-IRi.014"]]["members"] == ["un-sc-IRi.014"]
    j3, net = judge.merge(ug_store, net, "un-sc-IRi.014", "gb-hmt-INU0285", who="ana")
    assert net.node_of("un-sc-IRi.014") == net.node_of("gb-hmt-INU0285")
    assert judge.status_of(net, j2.id) == "applied" and judge.status_of(net, j3.id) == "applied"

    # a later judgement about the same pair supersedes the earlier one
    j4, net = judge.merge(ug_store, net, "un-sc-KPi.018", "gb-hmt-DPR0221", who="bo")
    assert net.node_of("un-sc-KPi.018") == net.node_of("gb-hmt-DPR0221")
    assert judge.status_of(net, j1.id) == "superseded"
    assert judge.status_of(net, j4.id) == "applied"


def test_merge_against_a_split_is_a_conflict(ug_store: Store) -> None:
    net = load_network(ug_store)
    j1, net = judge.split(ug_store, net, "un-sc-IRe.001", "un-sc-IRe.003", who="ana")
    _j2, net = judge.merge(ug_store, net, "un-sc-IRe.001", "un-sc-IRe.002", who="ana")
    j3, net = judge.merge(ug_store, net, "un-sc-IRe.002", "un-sc-IRe.003", who="bo")
    assert judge.status_of(net, j3.id) == "conflict"
    assert net.node_of("un-sc-IRe.003") != net.node_of("un-sc-IRe.001")
    assert judge.status_of(net, j1.id) == "applied"


def test_unknown_ids_are_clear_errors(ug_store: Store) -> None:
    net = load_network(ug_store)
    with pytest.raises(GraphQueryError, match="no party 'XXe.999'.*frontwatch screen"):
        judge.merge(ug_store, net, "XXe.999", "un-sc-IRe.001")
    with pytest.raises(GraphQueryError, match="same entity"):
        judge.merge(ug_store, net, "IRe.001", "un-sc-IRe.001")
    assert judgement_store.list_judgements(ug_store) == []


def test_judgements_survive_a_reload_and_dangle(
    ug_store: Store, lists_dir: Path, tmp_path: Path
) -> None:
    net = load_network(ug_store)
    kept, net = judge.merge(ug_store, net, "un-sc-IRe.001", "un-sc-IRe.055", who="ana")
    apart, net = judge.split(ug_store, net, "un-sc-KPi.018", "gb-hmt-DPR0221", who="ana")
    gone, net = judge.merge(ug_store, net, "un-sc-IRe.002", "un-sc-IRe.004", who="ana")
    old_version = {v.source: v.id for v in ug_store.current_versions()}["un_sc"]

    # a new version of the UN list without the entry IRe.002
    xml = (lists_dir / "un_sc" / "consolidated.xml").read_text(encoding="utf-8")
    block = re.compile(
        r"\s*<ENTITY>(?:(?!</ENTITY>).)*?IRe\.002<(?:(?!</ENTITY>).)*</ENTITY>", re.S
    )
    assert len(block.findall(xml)) == 1
    xml = block.sub("", xml).replace('dateGenerated="', 'dateGenerated="2099-')
    modified = tmp_path / "un_sc" / "consolidated.xml"
    modified.parent.mkdir()
    modified.write_text(xml, encoding="utf-8")
    results, _ = load_paths(ug_store, [modified])
    assert [r.status for r in results] == ["loaded"], results
    assert {v.source: v.id for v in ug_store.current_versions()}["un_sc"] != old_version

    net = load_network(ug_store)
    assert "un-sc-IRe.002" not in net.cluster_of
    assert net.node_of("un-sc-IRe.001") == net.node_of("un-sc-IRe.055")
    assert net.node_of("un-sc-KPi.018") != net.node_of("gb-hmt-DPR0221")
    assert judge.status_of(net, kept.id) == "applied"
    assert judge.status_of(net, apart.id) == "applied"
    assert judge.status_of(net, gone.id) == "dangling"
    info = judge.cluster(net, "un-sc-IRe.002")
    assert info["present"] is False and [j["id"] for j in info["judgements"]] == [gone.id]
    assert gone.id in [j["id"] for j in judge.cluster(net, "IRe.004")["judgements"]]


def test_resolve_cli(ug_store: Store) -> None:
    import typer
    from typer.testing import CliRunner

    from frontwatch.graph.cli import register

    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """test root"""

    register(app)
    runner = CliRunner()
    db = ["--db", ug_store.url]

    res = runner.invoke(app, ["resolve", "show", "IRe.055", "--json", *db])
    assert res.exit_code == 0, res.output
    info = json.loads(res.stdout)
    assert {m["id"] for m in info["members"]} == {"un-sc-IRe.055", "gb-hmt-INU0253"}
    assert info["merges"][0]["rule"] == "xref"

    args = ["resolve", "merge", "IRe.055", "IRe.001", "--who", "ana", "--note", "same"]
    res = runner.invoke(app, [*args, "--json", *db])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["judgement"]["status"] == "applied" and out["judgement"]["who"] == "ana"
    assert len(out["cluster"]["members"]) == 4
    jid = out["judgement"]["id"]

    res = runner.invoke(app, ["resolve", "split", "IRe.055", "--from", "INU0253", *db])
    assert res.exit_code == 0, res.output
    assert "different parties" in res.stdout and "kept apart by judgements" in res.stdout

    res = runner.invoke(app, ["resolve", "show", "IRe.001", *db])
    assert res.exit_code == 0 and "analyst: ana" in res.stdout

    res = runner.invoke(app, ["resolve", "judgements", "--json", *db])
    assert [j["kind"] for j in json.loads(res.stdout)] == ["merge", "split"]

    res = runner.invoke(app, ["resolve", "undo", str(jid), "--who", "bo", *db])
    assert res.exit_code == 0 and f"withdrew judgement #{jid}" in res.stdout
    res = runner.invoke(app, ["resolve", "judgements", "--all", *db])
    assert "withdrawn at" in res.stdout and "by bo" in res.stdout

    res = runner.invoke(app, ["resolve", "show", "no-such-id", *db])
    assert res.exit_code == 1 and "no party 'no-such-id'" in res.output
    res = runner.invoke(app, ["resolve", "undo", "99", *db])
    assert res.exit_code == 1 and "no judgement #99" in res.output


def test_raybeam_reaches_shiraz_and_irgc(
    full_db: str,
    full_net: Network,
    lists_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The issue's done criterion: on the lists and the seed document, Raybeam's routes."""
    from frontwatch.extract import Extractor, read_path
    from frontwatch.extract.documents import ingest

    shiraz = full_net.node_of("us-ofac-sdn-11183")
    found = paths(full_net, "Raybeam Optronics", max_hops=3, limit=50, db=full_db)
    to_shiraz = [p for p in found if p.nodes[-1] == shiraz]
    assert to_shiraz and to_shiraz[0].hops == 2
    assert all(s.relations[0]["evidence"] for s in to_shiraz[0].steps)
    # the lists alone give no route to the IRGC; the seed document's relations do
    assert paths(full_net, "Raybeam Optronics", to="us-ofac-sdn-10391", db=full_db) == []

    monkeypatch.setenv("FRONTWATCH_HOME", str(tmp_path / "home"))
    target = tmp_path / "docs.db"
    src, dst = sqlite3.connect(full_db.removeprefix("sqlite:///")), sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    store = Store(f"sqlite:///{target}")
    seed = lists_dir.parent / "docs"  # ../shared/data/docs
    ingest(store, Extractor(store.url).extract(read_path(seed / "seed_003_china_iran_gambit.txt")))
    net = load_network(store)
    irgc = net.node_of("us-ofac-sdn-10391")
    to_irgc = paths(net, "Raybeam Optronics", to="us-ofac-sdn-10391", db=store.url)
    assert to_irgc and all(p.nodes[-1] == irgc for p in to_irgc)
    best = to_irgc[0]
    assert best.nodes[1] == net.node_of("us-ofac-sdn-22683")  # via LIU, Baoxia
    assert best.steps[-1].kind == "document" and "IRGC" in best.steps[-1].relations[0]["evidence"]
    assert any(net.node_of("us-ofac-sdn-11183") in p.nodes for p in to_irgc)
