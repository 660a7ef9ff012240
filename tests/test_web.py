"""The web UI's pages over HTTP: login, screen, entity, network, lists, audit, batch."""

from __future__ import annotations

import secrets
import warnings
from collections.abc import Iterator

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from frontwatch.api.app import create_app
from frontwatch.api.auth import COOKIE, add_user


@pytest.fixture(scope="module")
def client(full_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(full_db, rate_limit=0), follow_redirects=False) as c:
        yield c


@pytest.fixture(scope="module")
def key(client: TestClient) -> str:
    return add_user(client.app.state.service.store, f"web-{secrets.token_hex(3)}")  # type: ignore[attr-defined]


def test_home_goes_to_screen(client: TestClient) -> None:
    assert client.get("/").headers["location"] == "/ui/screen"


def test_screening_pages_ask_to_log_in(client: TestClient) -> None:
    for path in ("/ui/screen?name=Liu+Baoxia", "/ui/batch", "/ui/audit"):
        r = client.get(path)
        assert r.status_code == 303, path
        assert r.headers["location"].startswith("/ui/login?next=/ui/")
    assert "name%3DLiu" in client.get("/ui/screen?name=Liu").headers["location"]


def test_login(client: TestClient, key: str) -> None:
    r = client.post("/ui/login", data={"key": "fw_wrong", "next": "/ui/screen"})
    assert r.status_code == 401 and "not valid" in r.text
    r = client.post("/ui/login", data={"key": key, "next": "https://evil.example/"})
    assert r.status_code == 303 and r.headers["location"] == "/ui/screen"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=strict" in cookie


def _logged_in(client: TestClient, key: str) -> dict[str, str]:
    return {"Cookie": f"{COOKIE}={key}"}


def test_screen_page(client: TestClient, key: str) -> None:
    r = client.get(
        "/ui/screen",
        params={"name": "Liu Baoxia", "type": "person", "birth_date": "1981-09-10"},
        headers=_logged_in(client, key),
    )
    assert r.status_code == 200
    page = r.text
    assert "LIU, Baoxia" in page and "Strong match" in page
    assert "Birth date agrees" in page and "1981-09-10 agrees with listed 1981-09-10" in page
    assert "/ui/entity/us-ofac-sdn-22683" in page and "/ui/network/us-ofac-sdn-22683" in page
    assert "To confirm or rule out" in page
    # The same party on another list is shown under the result, with why.
    r = client.get(
        "/ui/screen",
        params={"name": "ZYUGANOV, Gennady Andreyevich", "type": "person"},
        headers=_logged_in(client, key),
    )
    assert "Also listed as the same party" in r.text
    assert "/ui/entity/eu-fsf-133863" in r.text and "same birth date 1944-06-26" in r.text
    r = client.get(
        "/ui/screen", params={"name": "x", "birth_date": "soon"}, headers=_logged_in(client, key)
    )
    assert r.status_code == 400 and "is not a date" in r.text


def test_screen_page_is_audited(client: TestClient, key: str) -> None:
    marker = f"Rayan Roshd Afzar {secrets.token_hex(3)}"
    client.get("/ui/screen", params={"name": marker}, headers=_logged_in(client, key))
    r = client.get("/ui/audit", params={"name": marker}, headers=_logged_in(client, key))
    assert r.status_code == 200 and marker in r.text and ">web<" in r.text


def test_entity_page(client: TestClient) -> None:
    page = client.get("/ui/entity/us-ofac-sdn-22683").text
    assert "LIU, Baoxia" in page and "Designated" in page
    assert "weak a.k.a." in page and "LAU, Emily" in page
    assert "US Office of Foreign Assets Control" in page and "NPWMD" in page
    assert "G28882492" in page and "China (cn)" in page
    assert "SHIRAZ ELECTRONICS INDUSTRIES" in page and "Linked To" in page
    # Names in several scripts are grouped by script.
    page = client.get("/ui/entity/NK-aU5ybkbRFJucf8YMwsJvDw").text
    assert ">Latin<" in page and ">Cyrillic<" in page
    assert "Ownership" in page and "Family" in page
    assert client.get("/ui/entity/nope").status_code == 404


def test_network_page(client: TestClient) -> None:
    page = client.get("/ui/network/us-ofac-sdn-22683").text
    assert 'data-root="us-ofac-sdn-22683"' in page
    assert "/static/vendor/cytoscape.min.js" in page and "/static/network.js" in page
    assert client.get("/static/vendor/cytoscape.min.js").status_code == 200
    assert client.get("/ui/network/nope").status_code == 404


def test_lists_page(client: TestClient) -> None:
    page = client.get("/ui/lists").text
    assert "us_ofac_sdn" in page and "un_sc" in page and "Versions kept" in page


def test_batch_page(client: TestClient, key: str) -> None:
    page = client.get("/ui/batch", headers=_logged_in(client, key)).text
    assert 'id="batch-form"' in page and "/static/batch.js" in page


def test_no_auth_mode_has_no_login(full_db: str) -> None:
    with TestClient(create_app(full_db, auth=False), follow_redirects=False) as c:
        r = c.get("/ui/screen", params={"name": "Mahan Air"})
        assert r.status_code == 200 and "MAHAN AIR" in r.text and "Single-analyst mode" in r.text
        assert c.get("/ui/login").status_code == 303


def test_security_headers(client: TestClient) -> None:
    r = client.get("/ui/lists")
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"


def test_entity_page_red_flags_and_exposure(client: TestClient) -> None:
    # Not designated; its general director is.
    page = client.get("/ui/entity/NK-SiYwWfxwLVrVeFswsvAvsm").text
    assert 'data-testid="red-flags"' in page and "Designated officer" in page
    assert "Shared officer" in page and "A director or officer of it is designated." in page
    assert 'data-testid="exposure"' in page and ">0.85<" in page
    assert "1 step from a designated party" in page
    assert 'href="/ui/entity/us-ofac-sdn-45937"' in page  # the officer, linked
    assert 'data-testid="documents"' in page and "No stored document names it" in page
    assert 'href="/ui/paths?q=NK-SiYwWfxwLVrVeFswsvAvsm"' in page


def test_entity_page_designated_and_resolved(client: TestClient) -> None:
    page = client.get("/ui/entity/us-ofac-sdn-10391").text
    assert "Designated itself" in page and ">1.00<" in page
    # The same party on the UK and EU lists, with why it is the same.
    assert 'data-testid="same-party"' in page and 'href="/ui/entity/gb-hmt-INU0080"' in page
    assert "same name" in page
    page = client.get("/ui/entity/us-ofac-sdn-22683").text
    assert "None of the front-company signs" in page or "Red flags" in page


def test_paths_page(client: TestClient) -> None:
    page = client.get("/ui/paths").text
    assert 'action="/ui/paths"' in page and 'href="/ui/paths" class="active"' in page
    page = client.get("/ui/paths", params={"q": "Raybeam Optronics"}).text
    assert "is screened to" in page and "RAYBEAM OPTRONICS CO. LTD." in page
    assert "designated itself" in page
    assert "2 steps</strong> to" in page and 'href="/ui/entity/us-ofac-sdn-11183"' in page
    assert "Linked To: SHIRAZ ELECTRONICS INDUSTRIES" in page
    assert page.index("1 step</strong>") < page.index("2 steps</strong>")
    page = client.get("/ui/paths", params={"q": "us-ofac-sdn-45699", "to": "us-ofac-sdn-10391"})
    assert page.status_code == 200 and "RAYAN ROSHD AFZAR COMPANY" in page.text
    r = client.get("/ui/paths", params={"q": "Qzxv Wrrpt Yyklm"})
    assert r.status_code == 404 and "matches no listed name" in r.text
    r = client.get("/ui/paths", params={"q": "Raybeam", "max_hops": 9})
    assert r.status_code == 400 and "between 1 and 6" in r.text


def test_network_page_links_to_paths(client: TestClient) -> None:
    page = client.get("/ui/network/us-ofac-sdn-22683").text
    assert 'href="/ui/paths?q=us-ofac-sdn-22683"' in page


def test_hints_do_not_offer_birth_dates_of_a_list_set_aside() -> None:
    # The screen page suggests checking the listed birth date; for a list whose dates
    # screening sets aside it says they are not reliable instead, and a feature worth
    # nothing is shown as neither for nor against.
    from frontwatch.match.index import IndexedEntity
    from frontwatch.match.score import Feature
    from frontwatch.match.screen import Query, Result
    from frontwatch.web.present import confirm_hints, feature_rows

    entity = IndexedEntity(
        id="gb-hmt-CAF0008",
        schema="Person",
        caption="HAROUN GAYE",
        source="gb_hmt",
        source_id="CAF0008",
        programs=(),
        countries=frozenset(),
        birth_dates=("1981-07-26",),
        identifiers=frozenset(),
    )
    query = Query("Haroun Gaye", "person")
    assert "compare it with your records" in confirm_hints(query, entity)[0]
    hint = confirm_hints(query, entity, {"gb_hmt": "they differ from another list's"})[0]
    assert "not reliable" in hint and "1981-07-26" not in hint
    result = Result(
        entity_id=entity.id,
        caption=entity.caption,
        schema="Person",
        source="gb_hmt",
        source_id="CAF0008",
        programs=(),
        score=1.0,
        match=True,
        matched_name="HAROUN GAYE",
        matched_name_kind="primary name",
        query_form="haroun gaye",
        query_form_origin="as written",
        features=[Feature("name", 1.0, ""), Feature("birth_date_not_compared", 0.0, "")],
    )
    assert feature_rows(result)[1]["tone"] == "neutral"
