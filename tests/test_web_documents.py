"""Documents over HTTP: upload, list and read through the API; the document pages."""

from __future__ import annotations

import secrets
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from frontwatch.api.app import create_app
from frontwatch.api.auth import COOKIE, add_user

RELEASE = (
    "Treasury Targets Procurement Network\n\n"
    "The Treasury designated Example Front Trading Co., Ltd., a Hong Kong company, "
    "for supplying Shiraz Electronics Industries. "
    "Example Front Trading Co., Ltd. is owned by Liu Baoxia, a Chinese national.\n"
)


@pytest.fixture(scope="module")
def client(docs_db: str) -> Iterator[TestClient]:
    """The app over a store of its own: the documents stored here stay out of ``full_db``."""
    with TestClient(create_app(docs_db, rate_limit=0), follow_redirects=False) as c:
        yield c


@pytest.fixture(scope="module")
def auth(client: TestClient) -> dict[str, str]:
    key = add_user(client.app.state.service.store, f"docs-{secrets.token_hex(3)}")  # type: ignore[attr-defined]
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture(scope="module")
def uploaded(client: TestClient, auth: dict[str, str]) -> dict[str, Any]:
    # The network is built before the upload: it must be built again with the document.
    assert client.get("/graph/flags/us-ofac-sdn-11183").status_code == 200
    files = {"file": ("release.txt", RELEASE.encode(), "text/plain")}
    r = client.post("/documents", files=files, headers=auth)
    assert r.status_code == 200, r.text
    return dict(r.json())


def _entity(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(e for e in data["entities"] if e["name"] == name)


def test_upload_extracts_and_stores(uploaded: dict[str, Any]) -> None:
    assert uploaded["document"]["id"].startswith("doc-") and uploaded["stored"] is True
    shiraz = _entity(uploaded, "Shiraz Electronics Industries")
    assert shiraz["links"][0]["entity_id"] == "us-ofac-sdn-11183"
    assert shiraz["mentions"] and {"start", "end", "text"} <= set(shiraz["mentions"][0])
    assert any(e["name"] == "Liu Baoxia" and e["type"] == "Person" for e in uploaded["entities"])
    assert uploaded["relations"]
    ev = uploaded["relations"][0]["evidence"]
    assert RELEASE[ev["start"] : ev["end"]] == ev["text"]


def test_upload_again_stores_nothing_new(
    client: TestClient, auth: dict[str, str], uploaded: dict[str, Any]
) -> None:
    files = {"file": ("release.txt", RELEASE.encode(), "text/plain")}
    r = client.post("/documents", files=files, headers=auth)
    assert r.status_code == 200 and r.json()["stored"] is False
    assert r.json()["document"]["id"] == uploaded["document"]["id"]


def test_list_and_get(client: TestClient, uploaded: dict[str, Any]) -> None:
    doc_id = uploaded["document"]["id"]
    docs = client.get("/documents").json()["documents"]
    row = next(d for d in docs if d["id"] == doc_id)
    assert row["entities"] == len(uploaded["entities"]) and row["format"] == "text"
    assert row["links"]["self"] == f"/documents/{doc_id}"
    one = client.get(f"/documents/{doc_id}").json()
    assert one["entities"] == uploaded["entities"] and one["relations"] == uploaded["relations"]
    r = client.get("/documents/doc-nothing")
    assert r.status_code == 404 and "no stored document" in r.json()["detail"]


def test_bad_uploads(client: TestClient, auth: dict[str, str]) -> None:
    for name, data, words in (
        ("empty.txt", b"   \n", "is empty"),
        ("blob.bin", bytes(range(256)) * 8, "binary"),
    ):
        r = client.post("/documents", files={"file": (name, data)}, headers=auth)
        assert r.status_code == 400, (name, r.text)
        assert words in r.json()["detail"] and "nothing stored" in r.json()["detail"]
    r = client.post("/documents", headers=auth)
    assert r.status_code == 422 and "file" in r.json()["detail"]


def test_upload_needs_a_key(client: TestClient) -> None:
    r = client.post("/documents", files={"file": ("a.txt", b"Liu Baoxia.")})
    assert r.status_code == 401 and "API key" in r.json()["detail"]


def test_document_pages(client: TestClient, auth: dict[str, str], uploaded: dict[str, Any]) -> None:
    doc_id = uploaded["document"]["id"]
    page = client.get("/ui/documents").text
    assert f'href="/ui/documents/{doc_id}"' in page and 'action="/ui/documents"' in page
    assert 'href="/ui/documents"' in page  # the nav link
    page = client.get(f"/ui/documents/{doc_id}").text
    assert '<a href="/ui/entity/us-ofac-sdn-11183">Shiraz Electronics Industries</a></mark>' in page
    assert 'class="mention mark-company listed"' in page
    assert ">Liu Baoxia</a></mark>" in page
    ev = uploaded["relations"][0]["evidence"]["text"]
    words = uploaded["relations"][0]["predicate"].replace("_", " ")  # supplied_to: supplied to
    assert f">{words}<" in page and ev.split()[0] in page
    assert client.get("/ui/documents/doc-nothing").status_code == 404


def test_page_upload(client: TestClient, auth: dict[str, str]) -> None:
    files = {"file": ("blob.bin", bytes(range(256)) * 8)}
    r = client.post("/ui/documents", files=files)
    assert r.status_code == 303 and r.headers["location"].startswith("/ui/login")
    key = auth["Authorization"].split()[1]
    r = client.post("/ui/documents", files=files, headers={"Cookie": f"{COOKIE}={key}"})
    assert r.status_code == 400 and "binary" in r.text
    text = b"Liu Baoxia <script>alert(1)</script> met Shiraz Electronics Industries."
    r = client.post(
        "/ui/documents", files={"file": ("x.txt", text)}, headers={"Cookie": f"{COOKIE}={key}"}
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/ui/documents/doc-")
    page = client.get(r.headers["location"]).text
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def _lead(uploaded: dict[str, Any]) -> str:
    return str(_entity(uploaded, "Example Front Trading Co., Ltd.")["id"])


def test_document_lead_has_flags_and_exposure(client: TestClient, uploaded: dict[str, Any]) -> None:
    body = client.get(f"/graph/flags/{_lead(uploaded)}").json()
    kinds = {f["kind"] for f in body["flags"]}
    assert {"document_procurement", "transshipment_hub"} <= kinds
    flag = next(f for f in body["flags"] if f["kind"] == "document_procurement")
    assert flag["counterpart"]["id"] == "us-ofac-sdn-22683"
    assert flag["documents"][0]["id"] == uploaded["document"]["id"]
    exposure = body["exposure"]
    assert 0 < exposure["score"] < 1 and exposure["designated"] is False
    ev = exposure["path"]["steps"][0]["evidence"][0]
    assert ev["kind"] == "document" and ev["document"]["id"] == uploaded["document"]["id"]
    sentence = ev["document"]["sentence"]
    assert sentence.startswith("Example Front Trading Co., Ltd. is owned by Liu Baoxia")
    assert RELEASE[ev["document"]["start"] : ev["document"]["end"]] == sentence
    paths = client.get("/graph/paths", params={"q": _lead(uploaded)}).json()
    assert paths["paths"][0]["steps"][0]["evidence"][0]["document"]["title"]


def test_entity_pages_show_documents(client: TestClient, uploaded: dict[str, Any]) -> None:
    doc_id = uploaded["document"]["id"]
    page = client.get(f"/ui/documents/{doc_id}").text
    lead = _lead(uploaded)
    assert f'href="/ui/entity/{lead}"' in page  # a new lead links to its own page
    page = client.get(f"/ui/entity/{lead}").text
    assert "Procurement in a document" in page and "Trans-shipment hub" in page
    assert "says it is owned by designated" in page
    assert 'href="/ui/entity/us-ofac-sdn-22683"' in page
    assert (
        f'href="/ui/documents/{doc_id}"' in page and "Treasury Targets Procurement Network" in page
    )
    assert "Not on a loaded list: a stored document names it" in page
    assert ">release.txt<" not in page  # the document itself is no party
    page = client.get("/ui/entity/us-ofac-sdn-11183").text
    docs = page[page.index('data-testid="documents"') :]
    assert f'href="/ui/documents/{doc_id}"' in docs and "Shiraz Electronics Industries" in docs
