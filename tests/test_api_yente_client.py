"""A real yente client against frontwatch: nomenklatura's ``YenteEnricher`` over HTTP.

nomenklatura comes with the ``test`` extra; the test sends yente's own requests
(``ApiKey`` authorization, ``algorithm=best``, ``fuzzy``) and reads the answers with
its own code.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from nomenklatura.enrich import yente


@pytest.fixture(scope="module")
def server(full_db: str) -> Iterator[dict[str, Any]]:
    import uvicorn

    from frontwatch.api.app import create_app
    from frontwatch.api.auth import add_user

    app = create_app(full_db, rate_limit=0)
    key = add_user(app.state.service.store, "yente-client")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    yield {"api": f"http://127.0.0.1:{port}/", "key": key}
    srv.should_exit = True
    thread.join(timeout=10)


def test_yente_enricher_matches_and_expands(server: dict[str, Any]) -> None:
    from followthemoney import Dataset, StatementEntity

    ds = Dataset.make({"name": "counterparties", "title": "Counterparties"})
    enricher = yente.YenteEnricher(
        ds, None, {"api": server["api"], "dataset": "default", "api_key": server["key"]}
    )

    def post(url: str, cache_key: str, json: Any, **_: Any) -> Any:  # no cache in a test
        r = enricher.session.post(url, json=json)
        r.raise_for_status()
        return r.json()

    def get(url: str, **_: Any) -> Any:
        r = enricher.session.get(url)
        r.raise_for_status()
        return r.json()

    enricher.http_post_json_cached = post  # type: ignore[method-assign]
    enricher.http_get_json_cached = get  # type: ignore[method-assign]
    query = StatementEntity(
        ds,
        {
            "id": "cp-1",
            "schema": "Person",
            "properties": {"name": ["Liu Baoxia"], "birthDate": ["1981-09-10"]},
        },
    )
    matches = list(enricher.match(query))
    assert matches[0].id == "us-ofac-sdn-22683"
    assert matches[0].get("sourceUrl") == [f"{server['api']}entities/us-ofac-sdn-22683"]
    expanded = {e.id: e for e in enricher.expand(query, matches[0])}
    assert "us-ofac-sdn-22683-sanction" in expanded
    assert "us-ofac-sdn-11183" in expanded  # SHIRAZ ELECTRONICS INDUSTRIES, via Linked To
