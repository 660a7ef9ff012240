"""The HTTP API over HTTP (FastAPI's TestClient): yente-shaped matching, auth, limits, audit,
batches, entities and the network, on a store with every real list loaded."""

from __future__ import annotations

import csv
import io
import secrets
import time
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from frontwatch.api.app import create_app
from frontwatch.api.auth import add_user, remove_user
from frontwatch.screening import RESULT_COLUMNS

LIU = {"schema": "Person", "properties": {"name": ["Liu Baoxia"], "birthDate": ["1981-09-10"]}}


def _client(full_db: str, **settings: Any) -> TestClient:
    settings.setdefault("rate_limit", 0)
    return TestClient(create_app(full_db, **settings))


@pytest.fixture(scope="module")
def client(full_db: str) -> Iterator[TestClient]:
    with _client(full_db) as c:
        yield c


@pytest.fixture(scope="module")
def user(client: TestClient) -> str:
    return f"analyst-{secrets.token_hex(3)}"


@pytest.fixture(scope="module")
def auth(client: TestClient, user: str) -> dict[str, str]:
    key = add_user(client.app.state.service.store, user)  # type: ignore[attr-defined]
    return {"Authorization": f"Bearer {key}"}


def _match(
    client: TestClient, auth: dict[str, str], queries: dict[str, Any], path: str = "/match/default"
) -> dict[str, Any]:
    r = client.post(path, json={"queries": queries}, headers=auth)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


# -- /match: yente's request and response ------------------------------------------------


def test_match_yente_shape(client: TestClient, auth: dict[str, str]) -> None:
    r = client.post("/match/default", json={"queries": {"q1": LIU}}, headers=auth)
    assert r.status_code == 200
    assert r.headers["x-batch-size"] == "1"
    body = r.json()
    assert set(body) >= {"responses", "matcher", "limit"}
    assert body["limit"] == 5
    assert body["matcher"]["name"]["coefficient"] == 1.0
    q1 = body["responses"]["q1"]
    assert q1["status"] == 200
    assert q1["total"] == {"value": len(q1["results"]), "relation": "eq"}
    assert q1["query"]["schema"] == "Person"
    assert q1["query"]["properties"]["birthDate"] == ["1981-09-10"]
    top = q1["results"][0]
    assert top["id"] == "us-ofac-sdn-22683"
    assert top["match"] is True
    assert top["score"] == 1.0
    assert top["schema"] == "Person" and top["caption"] == "LIU, Baoxia"
    assert top["datasets"] == ["us_ofac_sdn"]
    assert top["target"] is True
    assert top["properties"]["passportNumber"] == ["G28882492"]
    assert top["first_seen"] and top["last_seen"] and top["last_change"]
    assert top["features"] == {"name": 1.0, "birth_date_match": 0.05}
    assert top["explanations"]["birth_date_match"]["detail"].startswith("1981-09-10 agrees")
    assert "liu=liu" in top["explanation"]
    assert top["frontwatch"]["source_id"] == "22683"
    assert set(top["frontwatch"]["programs"]) == {"IFSR", "NPWMD"}
    # Results below the threshold come with match false, as in yente.
    assert all(r["match"] == (r["score"] >= 0.7) for r in q1["results"])


def test_match_reads_ftm_properties(client: TestClient, auth: dict[str, str]) -> None:
    body = _match(
        client,
        auth,
        {
            "person": {
                "schema": "Person",
                "properties": {
                    "firstName": ["Baoxia"],
                    "lastName": ["Liu"],
                    "nationality": ["China"],
                    "idNumber": ["370724198109101905"],
                },
            },
            "vessel": {
                "schema": "Vessel",
                "properties": {"name": "Artavil", "imoNumber": ["IMO 9187629"]},
            },
            "company": {
                "schema": "Company",
                "properties": {"name": ["Rayan Roshd Afzar Co."], "jurisdiction": ["ir"]},
            },
        },
    )
    person = body["responses"]["person"]["results"][0]
    assert person["id"] == "us-ofac-sdn-22683"
    assert {"country_match", "identifier_match"} <= set(person["features"])
    vessel = body["responses"]["vessel"]["results"][0]
    assert vessel["id"] == "us-ofac-sdn-15036" and "identifier_match" in vessel["features"]
    assert body["responses"]["company"]["results"][0]["id"] == "us-ofac-sdn-22688"
    assert body["responses"]["vessel"]["query"]["properties"]["name"] == ["Artavil"]


def test_match_limit_and_threshold(client: TestClient, auth: dict[str, str]) -> None:
    query = {"q": {"schema": "Organization", "properties": {"name": ["Mahan Air"]}}}
    r = client.post("/match/default?limit=2&threshold=0.95", json={"queries": query}, headers=auth)
    body = r.json()
    assert body["limit"] == 2
    results = body["responses"]["q"]["results"]
    assert len(results) == 2
    assert all(x["match"] == (x["score"] >= 0.95) for x in results)


def test_match_dataset_filter(client: TestClient, auth: dict[str, str]) -> None:
    query = {"q": {"schema": "Organization", "properties": {"name": ["Mahan Air"]}}}
    everywhere = _match(client, auth, query)["responses"]["q"]["results"]
    assert len({x["datasets"][0] for x in everywhere}) > 1
    eu = _match(client, auth, query, "/match/eu_fsf")["responses"]["q"]["results"]
    assert eu and {x["datasets"][0] for x in eu} == {"eu_fsf"}
    assert eu[0]["id"] == "eu-fsf-170089"


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"queries": {}}, 400, "no queries"),
        ({}, 422, "queries is required"),
        ({"queries": {"q": {"properties": {"name": "x"}}}}, 422, "queries.q.schema"),
        ({"queries": {"q": {"schema": "Persn", "properties": {"name": "x"}}}}, 400, "Person?"),
        ({"queries": {"q": {"schema": "Address", "properties": {"full": "x"}}}}, 400, "cannot"),
        (
            {"queries": {"q": {"schema": "Person", "properties": {"name": "x", "birthdate": "1"}}}},
            400,
            "did you mean birthDate",
        ),
        (
            {"queries": {"q": {"schema": "Person", "properties": {"name": "x", "country": "zz9"}}}},
            400,
            "unknown country",
        ),
        (
            {"queries": {"q": {"schema": "Person", "properties": {"birthDate": "1981"}}}},
            400,
            "has no name",
        ),
        (
            {
                "queries": {
                    "q": {"schema": "Person", "properties": {"name": "x", "birthDate": "81"}}
                }
            },
            400,
            "not a date",
        ),
        (
            {"queries": {"q": {"schema": "Person", "properties": {"name": [{"a": 1}]}}}},
            400,
            "strings",
        ),
        ({"queries": "q1"}, 422, "queries"),
    ],
)
def test_match_bad_input(
    client: TestClient, auth: dict[str, str], body: dict[str, Any], status: int, words: str
) -> None:
    r = client.post("/match/default", json=body, headers=auth)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json"
    assert words in r.json()["detail"]


def test_match_bad_request_line(client: TestClient, auth: dict[str, str]) -> None:
    r = client.post("/match/nowhere", json={"queries": {"q1": LIU}}, headers=auth)
    assert r.status_code == 404
    assert "no dataset 'nowhere'" in r.json()["detail"] and "us_ofac_sdn" in r.json()["detail"]
    r = client.post("/match/default?algorithm=magic", json={"queries": {"q1": LIU}}, headers=auth)
    assert r.status_code == 400 and "unknown algorithm" in r.json()["detail"]
    r = client.post(
        "/match/default?algorithm=logic-v2", json={"queries": {"q1": LIU}}, headers=auth
    )
    assert r.status_code == 200
    r = client.post("/match/default?threshold=2", json={"queries": {"q1": LIU}}, headers=auth)
    assert r.status_code == 422 and "threshold" in r.json()["detail"]
    r = client.post(
        "/match/default",
        content=b'{"queries": ',
        headers={**auth, "content-type": "application/json"},
    )
    assert r.status_code == 422 and "not valid JSON" in r.json()["detail"]
    r = client.get("/no/such/thing")
    assert r.status_code == 404 and "/docs" in r.json()["detail"]


def test_match_size_limits(client: TestClient, auth: dict[str, str]) -> None:
    queries = {f"q{i}": LIU for i in range(101)}
    r = client.post("/match/default", json={"queries": queries}, headers=auth)
    assert r.status_code == 400 and "at most 100" in r.json()["detail"]
    huge = {"q": {"schema": "Person", "properties": {"name": ["x" * 3_000_000]}}}
    r = client.post("/match/default", json={"queries": huge}, headers=auth)
    assert r.status_code == 413 and "at most 2 MB" in r.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the body is counted as it arrives
        yield b'{"queries": {"q": {"schema": "Person", "properties": {"name": ["'
        for _ in range(300):
            yield b"x" * 10_000
        yield b'"]}}}}'

    r = client.post(
        "/match/default",
        content=chunks(),
        headers={**auth, "content-type": "application/json"},
    )
    assert r.status_code == 413 and "too large" in r.json()["detail"]


# -- authentication, public reading, rate limit ------------------------------------------


def test_screening_needs_a_key(client: TestClient, auth: dict[str, str]) -> None:
    r = client.post("/match/default", json={"queries": {"q1": LIU}})
    assert r.status_code == 401
    assert "API key" in r.json()["detail"] and r.headers["www-authenticate"] == "Bearer"
    r = client.post("/match/default", json={"queries": {"q1": LIU}}, headers={"X-API-Key": "x"})
    assert r.status_code == 401 and "not valid" in r.json()["detail"]
    key = auth["Authorization"].split()[1]
    r = client.post("/match/default", json={"queries": {"q1": LIU}}, headers={"X-API-Key": key})
    assert r.status_code == 200
    for path in ("/search/default?q=x", "/screenings", "/batch"):
        assert client.get(path).status_code == 401, path


def test_removed_key_stops_working(full_db: str) -> None:
    with _client(full_db) as c:
        c.app.state.service.keys.ttl = 0  # type: ignore[attr-defined]
        store = c.app.state.service.store  # type: ignore[attr-defined]
        name = f"leaver-{secrets.token_hex(3)}"
        key = add_user(store, name)
        headers = {"Authorization": f"Bearer {key}"}
        assert c.get("/screenings?limit=1", headers=headers).status_code == 200
        remove_user(store, name)
        assert c.get("/screenings?limit=1", headers=headers).status_code == 401


def test_reading_is_open_by_default(client: TestClient) -> None:
    assert client.get("/lists").status_code == 200
    assert client.get("/entities/us-ofac-sdn-22683").status_code == 200
    assert client.get("/healthz").json()["status"] == "ok"


def test_reading_can_be_closed(full_db: str, auth: dict[str, str]) -> None:
    with _client(full_db, public_read=False) as c:
        r = c.get("/lists")
        assert r.status_code == 401 and "FRONTWATCH_PUBLIC_READ" in r.json()["detail"]
        assert c.get("/entities/us-ofac-sdn-22683").status_code == 401
        assert c.get("/lists", headers=auth).status_code == 200
        assert c.get("/healthz").status_code == 200


def test_no_auth_mode(full_db: str) -> None:
    with _client(full_db, auth=False) as c:
        marker = f"Nobody {secrets.token_hex(4)}"
        query = {"q": {"schema": "Person", "properties": {"name": [marker]}}}
        assert c.post("/match/default", json={"queries": query}).status_code == 200
        records = c.get("/screenings", params={"name": marker}).json()["results"]
        assert [r["who"] for r in records] == ["anonymous"]


def test_rate_limit(full_db: str, auth: dict[str, str]) -> None:
    with _client(full_db, rate_limit=1, rate_burst=3) as c:
        codes = [c.get("/lists", headers=auth).status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[-1] == 429
        r = c.get("/lists", headers=auth)
        assert r.status_code == 429
        assert "per second" in r.json()["detail"] and int(r.headers["retry-after"]) >= 1
        # Another caller has its own bucket.
        assert c.get("/lists").status_code == 200


# -- audit trail ------------------------------------------------------------------------------


def test_screenings_are_recorded(
    full_db: str, client: TestClient, auth: dict[str, str], user: str
) -> None:
    marker = f"Liu Baoxia {secrets.token_hex(3)}"
    query = {"q": {"schema": "Person", "properties": {"name": [marker], "nationality": ["cn"]}}}
    found = _match(client, auth, query)["responses"]["q"]["results"]
    lists = {x["source"]: x["checksum"] for x in client.get("/lists").json()["lists"]}

    page = client.get("/screenings", params={"name": marker}, headers=auth).json()
    assert page["total"] == 1
    rec = page["results"][0]
    assert rec["who"] == user and rec["channel"] == "api"
    assert rec["endpoint"] == "/match/default"
    assert rec["query"]["name"] == marker and rec["query"]["country"] == "cn"
    assert rec["threshold"] == 0.7
    assert rec["list_versions"] == lists
    assert [(x["id"], x["score"]) for x in rec["results"]] == [(x["id"], x["score"]) for x in found]
    assert rec["at"].endswith("+00:00")

    r = client.get("/screenings.csv", params={"name": marker}, headers=auth)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 1 and rows[0]["who"] == user and rows[0]["name"] == marker
    assert f"us_ofac_sdn:{lists['us_ofac_sdn']}" in rows[0]["list_versions"]
    assert rows[0]["results"].startswith(found[0]["id"] + ":")

    # The trail is in the store: a new server process reads the same records.
    with _client(full_db) as again:
        assert again.get("/screenings", params={"name": marker}, headers=auth).json()["total"] == 1


def test_screenings_paging(client: TestClient, auth: dict[str, str], user: str) -> None:
    for _ in range(3):
        client.get("/search/default", params={"q": "Mahan Air"}, headers=auth)
    page = client.get("/screenings", params={"who": user, "limit": 2}, headers=auth).json()
    assert page["limit"] == 2 and len(page["results"]) == 2 and page["total"] >= 3
    ids = [r["id"] for r in page["results"]]
    assert ids == sorted(ids, reverse=True)
    after = client.get(
        "/screenings", params={"who": user, "limit": 2, "offset": 2}, headers=auth
    ).json()
    assert not set(ids) & {r["id"] for r in after["results"]}
    assert client.get("/screenings?limit=5000", headers=auth).status_code == 422


# -- search, entities, network, lists --------------------------------------------------------


def test_search(client: TestClient, auth: dict[str, str]) -> None:
    r = client.get("/search/default", params={"q": "Rayan Roshd Afzar"}, headers=auth)
    body = r.json()
    assert r.status_code == 200
    assert body["results"][0]["id"] == "us-ofac-sdn-22688"
    assert body["total"]["value"] >= len(body["results"])
    assert body["facets"]["datasets"]["values"]
    assert "explanation" in body["results"][0] and "score" in body["results"][0]
    assert client.get("/search/default", headers=auth).status_code == 422
    r = client.get("/search/default", params={"q": "x", "schema": "Boat"}, headers=auth)
    assert r.status_code == 400 and "unknown schema" in r.json()["detail"]


def test_entity(client: TestClient) -> None:
    body = client.get("/entities/us-ofac-sdn-22683").json()
    assert body["caption"] == "LIU, Baoxia" and body["schema"] == "Person"
    assert body["target"] is True and body["datasets"] == ["us_ofac_sdn"]
    assert body["frontwatch"]["programs"] == ["IFSR", "NPWMD"]
    assert any(
        link["caption"] == "SHIRAZ ELECTRONICS INDUSTRIES" for link in body["frontwatch"]["links"]
    )
    # As in yente, what is linked to the entity is nested in its properties.
    props = body["properties"]
    assert props["sanctions"][0]["schema"] == "Sanction"
    link = props["unknownLinkTo"][0]
    assert link["properties"]["object"][0]["caption"] == "SHIRAZ ELECTRONICS INDUSTRIES"
    assert len(props["unknownLinkFrom"]) == 4
    flat = client.get("/entities/us-ofac-sdn-22683?nested=false").json()
    assert "sanctions" not in flat["properties"] and flat["target"] is True
    # The list's own reference finds it too.
    assert client.get("/entities/IRe.055").json()["id"] == "un-sc-IRe.055"
    r = client.get("/entities/no-such-entity")
    assert r.status_code == 404 and "no entity" in r.json()["detail"]


def test_adjacent(client: TestClient) -> None:
    body = client.get("/entities/us-ofac-sdn-22683/adjacent").json()
    assert body["entity"]["id"] == "us-ofac-sdn-22683"
    adjacent = body["adjacent"]
    assert adjacent["sanctions"]["total"]["value"] == 1
    sanction = adjacent["sanctions"]["results"][0]
    assert sanction["schema"] == "Sanction" and "NPWMD" in sanction["properties"]["program"]
    outgoing = adjacent["unknownLinkTo"]["results"][0]
    assert outgoing["properties"]["subject"] == ["us-ofac-sdn-22683"]
    assert outgoing["properties"]["object"][0]["caption"] == "SHIRAZ ELECTRONICS INDUSTRIES"
    assert adjacent["unknownLinkFrom"]["total"]["value"] == 4
    page = client.get("/entities/us-ofac-sdn-22683/adjacent?limit=2&offset=2").json()
    assert len(page["adjacent"]["unknownLinkFrom"]["results"]) == 2
    assert client.get("/entities/nope/adjacent").status_code == 404


def test_graph_neighbors(client: TestClient) -> None:
    graph = client.get("/graph/neighbors", params={"id": "us-ofac-sdn-22683"}).json()
    assert graph["root"] == "us-ofac-sdn-22683"
    assert len(graph["nodes"]) == 6 and len(graph["edges"]) == 5
    assert all(n["designated"] for n in graph["nodes"])
    edge = next(e for e in graph["edges"] if e["target"] == "us-ofac-sdn-11183")
    assert edge["relation"] == "UnknownLink" and edge["role"] == ["Linked To"]
    assert edge["list"] == "us_ofac_sdn" and edge["source"] == "us-ofac-sdn-22683"

    # A family and ownership network from an FtM export; not every party is designated.
    zak = client.get("/graph/neighbors", params={"id": "NK-aU5ybkbRFJucf8YMwsJvDw"}).json()
    assert {e["relation"] for e in zak["edges"]} == {"Ownership", "Family", "Directorship"}
    assert {n["designated"] for n in zak["nodes"]} == {True, False}
    owns = next(e for e in zak["edges"] if e["relation"] == "Ownership")
    assert owns["directed"] and owns["verb"] == "owns"

    deeper = client.get("/graph/neighbors", params={"id": "us-ofac-sdn-22683", "depth": 2}).json()
    assert len(deeper["nodes"]) > 6
    assert client.get("/graph/neighbors", params={"id": "x", "depth": 9}).status_code == 422
    assert client.get("/graph/neighbors", params={"id": "nope"}).status_code == 404


def test_lists(client: TestClient) -> None:
    body = client.get("/lists").json()
    sources = {x["source"]: x for x in body["lists"]}
    assert {"us_ofac_sdn", "un_sc", "eu_fsf", "gb_hmt"} <= set(sources)
    sdn = sources["us_ofac_sdn"]
    assert len(sdn["checksum"]) == 64 and sdn["versions_stored"] == 2 and sdn["entity_count"] > 0
    assert all("/" not in f for f in sdn["files"])
    versions = client.get("/lists/us_ofac_sdn").json()["versions"]
    assert len(versions) == 2 and versions[-1]["current"]
    assert client.get("/lists/nope").status_code == 404


def test_openapi(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/match/{dataset}", "/search/{dataset}", "/batch", "/screenings.csv"} <= set(
        spec["paths"]
    )


# -- batch ------------------------------------------------------------------------------------


def _wait(client: TestClient, url: str, auth: dict[str, str]) -> dict[str, Any]:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        status: dict[str, Any] = client.get(url, headers=auth).json()
        if status["status"] in ("done", "failed"):
            return status
        time.sleep(0.3)
    raise AssertionError(f"batch job did not finish: {status}")


def test_batch_end_to_end(client: TestClient, auth: dict[str, str], user: str) -> None:
    data = (
        "name,type,country,birth_date\n"
        "Liu Baoxia,person,CN,1981-09-10\n"
        "Rayan Roshd Afzar Co.,company,,\n"
        ",person,,\n"
        "Zzyzx Qwvbn Plorth,,,\n"
    )
    r = client.post(
        "/batch",
        files={"file": ("counterparties.csv", data.encode(), "text/csv")},
        data={"limit": "3"},
        headers=auth,
    )
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["status"] == "queued" and job["total_rows"] == 4 and job["who"] == user
    assert r.headers["location"] == f"/batch/{job['id']}"

    done = _wait(client, job["links"]["status"], auth)
    assert done["status"] == "done", done
    assert done["done_rows"] == 4 and done["matched_rows"] == 2 and done["progress"] == 1.0
    assert done["errors"] == [{"line": 4, "message": "a name is required"}]
    assert done["list_versions"]["us_ofac_sdn"]

    r = client.get(done["links"]["results"], headers=auth)
    assert r.status_code == 200 and "counterparties-results.csv" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == ["name", "type", "country", "birth_date", *RESULT_COLUMNS, "error"]
    liu = [row for row in rows if row["name"] == "Liu Baoxia"]
    assert liu[0]["entity_id"] == "us-ofac-sdn-22683" and liu[0]["rank"] == "1"

    audit = client.get("/screenings", params={"batch_id": job["id"]}, headers=auth).json()
    assert audit["total"] == 4
    assert {rec["channel"] for rec in audit["results"]} == {"batch"}
    names = {rec["query"]["name"]: rec for rec in audit["results"]}
    assert names["Liu Baoxia"]["results"][0]["id"] == "us-ofac-sdn-22683"
    assert names["Zzyzx Qwvbn Plorth"]["results"] == []

    assert any(j["id"] == job["id"] for j in client.get("/batch", headers=auth).json()["jobs"])
    # Another user sees neither the job nor its results.
    other = add_user(client.app.state.service.store, f"other-{secrets.token_hex(3)}")  # type: ignore[attr-defined]
    headers = {"Authorization": f"Bearer {other}"}
    assert client.get(f"/batch/{job['id']}", headers=headers).status_code == 404
    assert client.get(done["links"]["results"], headers=headers).status_code == 404


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"company,country\nAcme,US\n", "no column name"),
        # As the command line refuses it: the output's own score column would collide.
        (b"name,score\nAcme,5\n", "named like the columns the output adds"),
        (b"name,Name\nAcme,Acme\n", "names a column twice"),
        (b"name\n", "no rows"),
        (b"", "empty"),
        ("name\nM\u00fcller\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_batch_bad_files(
    client: TestClient, auth: dict[str, str], content: bytes, words: str
) -> None:
    r = client.post("/batch", files={"file": ("x.csv", content, "text/csv")}, headers=auth)
    assert r.status_code == 400 and words in r.json()["detail"]


def test_batch_bad_requests(full_db: str, client: TestClient, auth: dict[str, str]) -> None:
    r = client.post("/batch", headers=auth)
    assert r.status_code == 422 and "file is required" in r.json()["detail"]
    r = client.post(
        "/batch",
        files={"file": ("x.csv", b"name\nA\n", "text/csv")},
        data={"threshold": "7"},
        headers=auth,
    )
    assert r.status_code == 422 and "threshold" in r.json()["detail"]
    assert client.get("/batch/0123456789abcdef", headers=auth).status_code == 404
    assert client.get("/batch/../../etc", headers=auth).status_code == 404
    with _client(full_db, max_upload_bytes=1000) as small:
        big = b"name\n" + b"Some Name\n" * 8000
        r = small.post("/batch", files={"file": ("big.csv", big, "text/csv")}, headers=auth)
        assert r.status_code == 413 and "upload is too large" in r.json()["detail"]


def test_match_passes_over_a_name_with_nothing_to_screen(
    client: TestClient, auth: dict[str, str]
) -> None:
    # One of the example's names is only a legal form: the others are still screened.
    query = {"schema": "Person", "properties": {"name": ["N/A", "LIU Baoxia"]}}
    body = _match(client, auth, {"q1": query})
    assert body["responses"]["q1"]["results"][0]["id"] == "us-ofac-sdn-22683"
    # Alone, it is the query's error.
    r = client.post(
        "/match/default",
        json={"queries": {"q1": {"schema": "Company", "properties": {"name": ["LLC"]}}}},
        headers=auth,
    )
    assert r.status_code == 400 and "nothing to screen" in r.json()["detail"]


def test_batch_header_in_any_case(client: TestClient, auth: dict[str, str]) -> None:
    # The command line reads " Name " as name; so does an upload.
    r = client.post(
        "/batch", files={"file": ("x.csv", b" Name ,ref\nAcme,1\n", "text/csv")}, headers=auth
    )
    assert r.status_code == 202, r.text
    # Waited for: a job left running would write its audit record into later tests' store.
    assert _wait(client, r.json()["links"]["status"], auth)["done_rows"] == 1


def test_batch_upload_with_a_blank_line_before_the_header(
    client: TestClient, auth: dict[str, str]
) -> None:
    # The command line passes over blank lines before the header; so does an upload.
    r = client.post(
        "/batch", files={"file": ("x.csv", b"\nname,ref\nAcme,1\n", "text/csv")}, headers=auth
    )
    assert r.status_code == 202, r.text
    assert _wait(client, r.json()["links"]["status"], auth)["done_rows"] == 1


def test_every_feature_is_documented_and_labelled() -> None:
    # yente clients read what each feature means from the response's "matcher"; the
    # web page shows each by its label. Every feature the screener can give has both
    # (one_name_part had neither, and showed as "One name part" with no description).
    import re
    from pathlib import Path

    from frontwatch.api.ftm import FEATURE_DOCS
    from frontwatch.match import screen
    from frontwatch.web.present import FEATURE_LABELS

    given = set(re.findall(r'Feature\(\s*"(\w+)"', Path(screen.__file__).read_text("utf-8")))
    assert {"name", "one_name_part", "not_an_organisation", "other_chinese_name"} <= given
    assert given <= set(FEATURE_DOCS)
    assert given <= set(FEATURE_LABELS)
