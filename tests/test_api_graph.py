"""The network over HTTP: explained paths, red flags and exposure (GET /graph/paths,
GET /graph/flags/{id}) on a store with every real list loaded."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from frontwatch.api.app import create_app

SHIRAZ = "us-ofac-sdn-11183"


@pytest.fixture(scope="module")
def client(full_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(full_db, rate_limit=0)) as c:
        yield c


def _get(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_paths_from_a_name_reach_shiraz(client: TestClient) -> None:
    body = _get(client, "/graph/paths", q="Raybeam Optronics", max_hops=3, limit=50)
    assert body["query"] == "Raybeam Optronics" and body["to"] == "designated"
    start = body["start"][0]
    assert start["id"] == "us-ofac-sdn-22685" and start["designated"] is True
    assert start["match"]["how"] == "screening" and start["match"]["score"] >= 0.9
    assert body["total"] == len(body["paths"]) > 0
    # Shortest first, strongest first among paths of the same length.
    ranks = [(p["hops"], -p["strength"]) for p in body["paths"]]
    assert ranks == sorted(ranks)
    to_shiraz = next(p for p in body["paths"] if p["target"]["id"] == SHIRAZ)
    assert to_shiraz["hops"] == 2
    assert [n["id"] for n in to_shiraz["nodes"]] == [
        "us-ofac-sdn-22685",
        "us-ofac-sdn-22683",
        SHIRAZ,
    ]
    for step, (a, b) in zip(
        to_shiraz["steps"],
        zip(to_shiraz["nodes"], to_shiraz["nodes"][1:], strict=False),
        strict=True,
    ):
        assert (step["from"], step["to"]) == (a["id"], b["id"])
        assert step["kind"] == "linked_to" and step["role"] == "Linked To"
        ev = step["evidence"][0]
        assert ev["source"] == "us_ofac_sdn" and "Linked To:" in ev["evidence"]
        assert ev["document"] is None
    assert to_shiraz["strength"] == pytest.approx(0.64)


def test_paths_to_one_party_give_other_routes(client: TestClient) -> None:
    body = _get(client, "/graph/paths", q="us-ofac-sdn-45699", to="us-ofac-sdn-10391")
    assert body["start"][0]["match"] is None  # an id: no screening
    assert all(p["target"]["id"] == "us-ofac-sdn-10391" for p in body["paths"])
    via = [p for p in body["paths"] if "us-ofac-sdn-22688" in [n["id"] for n in p["nodes"]]]
    assert via and via[0]["hops"] == 2
    # The list's own reference works as well as frontwatch's id.
    same = _get(client, "/graph/paths", q="45699", to="us-ofac-sdn-10391")
    assert [p["nodes"] for p in same["paths"]] == [p["nodes"] for p in body["paths"]]


def test_paths_max_hops_is_respected(client: TestClient) -> None:
    one = _get(client, "/graph/paths", q="Raybeam Optronics", max_hops=1, limit=50)
    assert one["paths"] and all(p["hops"] == 1 for p in one["paths"])
    assert SHIRAZ not in {p["target"]["id"] for p in one["paths"]}
    assert len(_get(client, "/graph/paths", q="Raybeam Optronics", limit=2)["paths"]) == 2


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"q": ""}, 422, "query parameter q"),
        ({"q": "   "}, 422, "q is empty"),
        ({}, 422, "query parameter q is required"),
        ({"q": "Raybeam Optronics", "max_hops": 0}, 422, "max_hops"),
        ({"q": "Raybeam Optronics", "max_hops": 7}, 422, "max_hops"),
        ({"q": "Raybeam Optronics", "max_hops": "two"}, 422, "max_hops"),
        ({"q": "Raybeam Optronics", "limit": 0}, 422, "limit"),
        ({"q": "Raybeam Optronics", "to": "us-ofac-sdn-0"}, 404, "no entity 'us-ofac-sdn-0'"),
        ({"q": "Qzxv Wrrpt Yyklm"}, 404, "matches no listed name"),
    ],
)
def test_paths_bad_input(
    client: TestClient, params: dict[str, Any], status: int, words: str
) -> None:
    r = client.get("/graph/paths", params=params)
    assert r.status_code == status, r.text
    body = r.json()
    assert body["status"] == status and words in body["detail"]


def test_flags_with_evidence_and_exposure(client: TestClient) -> None:
    # A company of the Zala Aero export: not designated, its general director is.
    body = _get(client, "/graph/flags/NK-SiYwWfxwLVrVeFswsvAvsm")
    assert body["entity"]["designated"] is False
    kinds = {f["kind"] for f in body["flags"]}
    assert {"designated_officer", "shared_officer"} <= kinds
    officer = next(f for f in body["flags"] if f["kind"] == "designated_officer")
    assert officer["label"] == "Designated officer" and officer["meaning"]
    assert officer["counterpart"]["designated"] is True
    assert officer["counterpart"]["id"] in {p["id"] for p in officer["parties"]}
    assert officer["evidence"] and "zala_aero_cluster" in officer["evidence"][0]
    exposure = body["exposure"]
    assert exposure["designated"] is False and exposure["score"] == pytest.approx(0.85)
    step = exposure["path"]["steps"][0]
    assert step["kind"] == "directorship" and step["to"] == officer["counterpart"]["id"]
    assert len(body["flags"]) == len({(f["kind"], f["message"]) for f in body["flags"]})


def test_flags_of_a_designated_party(client: TestClient) -> None:
    body = _get(client, "/graph/flags/us-ofac-sdn-10391")
    assert body["exposure"] == {"score": 1.0, "designated": True, "max_hops": 4, "path": None}
    # The IRGC is one party across OFAC, the EU and the UK.
    assert {"us-ofac-sdn-10391", "gb-hmt-INU0080", "eu-fsf-5760"} <= set(body["entity"]["members"])
    assert _get(client, "/graph/flags/10391")["entity"]["id"] == body["entity"]["id"]
    r = client.get("/graph/flags/no-such-entity")
    assert r.status_code == 404 and "no entity 'no-such-entity'" in r.json()["detail"]


def test_openapi_describes_the_graph_endpoints(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    op = paths["/graph/paths"]["get"]
    assert "shortest first" in op["description"] and op["tags"] == ["Network"]
    params = {p["name"]: p for p in op["parameters"]}
    assert {"q", "to", "max_hops", "limit"} <= set(params)
    assert params["q"]["required"] is True and params["q"]["description"]
    example = op["responses"]["200"]["content"]["application/json"]["example"]
    assert example["paths"][0]["steps"][0]["evidence"][0]["source"] == "us_ofac_sdn"
    flags = paths["/graph/flags/{entity_id}"]["get"]
    assert "exposure" in flags["description"]
    assert "example" in flags["responses"]["200"]["content"]["application/json"]


def test_graph_needs_lists(tmp_path: Path) -> None:
    with TestClient(create_app(f"sqlite:///{tmp_path / 'empty.db'}", rate_limit=0)) as c:
        for path in ("/graph/paths?q=Raybeam", "/graph/flags/us-ofac-sdn-22683"):
            r = c.get(path)
            assert r.status_code == 503 and "frontwatch lists load" in r.json()["detail"]


def test_graph_reading_can_need_a_key(full_db: str) -> None:
    with TestClient(create_app(full_db, public_read=False, rate_limit=0)) as c:
        r = c.get("/graph/paths", params={"q": "us-ofac-sdn-22685"})
        assert r.status_code == 401 and "API key" in r.json()["detail"]


def test_paths_from_what_else_is_known(client: TestClient) -> None:
    # A name on no list, with a phone number that OFAC gives for ARTA SHIPPING ENTERPRISES.
    body = _get(
        client,
        "/graph/paths",
        q="Qzxv Harbour Agency",
        phone="+357 22 660766",
        max_hops=2,
        limit=20,
    )
    assert body["paths"]
    first = body["paths"][0]
    assert first["nodes"][0]["query"] is True and first["start_match"]["how"] == "attribute"
    step = first["steps"][0]
    assert step["kind"] == "phone" and step["evidence"][0]["source"] == "query"
    assert "us-ofac-sdn-15120" in {n["id"] for p in body["paths"] for n in p["nodes"]}
    r = client.get("/graph/paths", params={"q": "Qzxv Harbour Agency", "phone": "+1 000"})
    assert r.status_code == 404 and "phone" in r.json()["detail"]
