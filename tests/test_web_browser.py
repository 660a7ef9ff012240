"""The web UI in a real browser: Playwright driving Debian's chromium against uvicorn on loopback.

An analyst logs in, screens a name, opens the entity, opens its network, clicks an
edge and reads the evidence, expands a node, follows the paths from a company to
designated parties, uploads a press release and opens a new lead's red flags, runs a
batch and looks at the lists and the audit log. Documents go to a store of their
own (``docs_db``), never to the shared ``full_db``. Screenshots go to a temporary
folder, and also to ``$FRONTWATCH_SCREENSHOTS`` (e.g. ``docs/screenshots``) when it is set.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/test installs it)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(full_db: str) -> Iterator[dict[str, Any]]:
    """uvicorn serving the app with API keys on a free loopback port, in a thread."""
    from frontwatch.api.app import create_app
    from frontwatch.api.auth import add_user

    app = create_app(full_db, rate_limit=0)
    key = add_user(app.state.service.store, "compliance.analyst")
    with _serve(app) as base:
        yield {"base": base, "key": key}


@pytest.fixture(scope="module")
def docs_server(docs_db: str) -> Iterator[str]:
    """The app over the store for documents (``docs_db``), in single-analyst mode."""
    from frontwatch.api.app import create_app

    with _serve(create_app(docs_db, rate_limit=0, auth=False)) as base:
        yield base


@contextmanager
def _serve(app: Any) -> Iterator[str]:
    """Serve an app with uvicorn on a free loopback port in a thread; its base URL."""
    import uvicorn

    app.state.service.screening.get()  # load the index before the first page
    app.state.service.network.get()  # and the network
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Where screenshots go; copied to $FRONTWATCH_SCREENSHOTS at the end when it is set."""
    folder = tmp_path_factory.mktemp("screenshots")
    yield folder
    target = os.environ.get("FRONTWATCH_SCREENSHOTS")
    if target:
        dest = Path(target) if Path(target).is_absolute() else ROOT / target
        dest.mkdir(parents=True, exist_ok=True)
        for png in sorted(folder.glob("*.png")):
            shutil.copy2(png, dest / png.name)


@pytest.fixture(scope="module")
def page(server: dict[str, Any]) -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1360, "height": 900})
        pg = context.new_page()
        pg.set_default_timeout(20_000)
        yield pg
        context.close()
        browser.close()


def _click_edge(page: Any, pick: str = "0") -> None:
    """Click the middle of an edge of the graph, as a user would."""
    x, y = page.evaluate(
        """(pick) => {
            const cy = window.fwGraph;
            const edges = cy.edges();
            const edge = isNaN(Number(pick)) ? edges.filter(e => e.data('ev').relation === pick)[0]
                                             : edges[Number(pick)];
            const m = edge.renderedMidpoint();
            const box = document.getElementById('cy').getBoundingClientRect();
            return [box.left + m.x, box.top + m.y];
        }""",
        pick,
    )
    page.mouse.click(x, y)


def test_analyst_journey(page: Any, server: dict[str, Any], shots: Path) -> None:
    base = server["base"]
    expect = playwright_api.expect

    # Screening needs a login: the login page asks for the API key.
    page.goto(f"{base}/ui/screen")
    expect(page.locator("h1")).to_have_text("Log in")
    page.fill("#key", server["key"])
    page.click("button[type=submit]")
    expect(page.locator("[data-testid=user]")).to_be_visible()

    # Screen a name with a birth date.
    page.fill("#name", "Liu Baoxia")
    page.select_option("#type", "person")
    page.fill("#birth_date", "1981-09-10")
    page.click("form[role=search] button[type=submit]")
    first = page.locator("[data-testid=result]").first
    expect(first).to_contain_text("LIU, Baoxia")
    expect(first).to_contain_text("Strong match")
    expect(first).to_contain_text("Birth date agrees")
    page.screenshot(path=str(shots / "01-screen.png"), full_page=True)

    # Open the entity.
    first.locator("a.entity-link").click()
    expect(page.locator("[data-testid=entity-caption]")).to_have_text("LIU, Baoxia")
    expect(page.locator("[data-testid=designated]")).to_be_visible()
    expect(page.locator("[data-testid=relations]")).to_contain_text("SHIRAZ ELECTRONICS INDUSTRIES")
    page.screenshot(path=str(shots / "02-entity.png"), full_page=True)

    # Open the network and click an edge: the evidence panel shows why the two are linked.
    page.click("[data-testid=open-network]")
    page.wait_for_selector("main[data-ready='1']")
    expect(page.locator("#graph-summary")).to_contain_text("6 parties")
    page.screenshot(path=str(shots / "03-network.png"))
    _click_edge(page)
    evidence = page.locator("[data-testid=evidence]")
    expect(evidence).to_be_visible()
    expect(evidence).to_contain_text("Linked To")
    expect(evidence).to_contain_text("us_ofac_sdn")
    page.screenshot(path=str(shots / "04-network-evidence.png"))

    # Click a linked party and expand it: its own links join the graph (two more companies
    # linked to SHIRAZ ELECTRONICS INDUSTRIES are already on it).
    page.wait_for_timeout(600)  # two clicks in quick succession would be a double-click
    count = page.evaluate("window.fwGraph.edges().length")
    x, y = page.evaluate(
        """() => {
            const n = window.fwGraph.getElementById('us-ofac-sdn-11183');
            const p = n.renderedPosition();
            const box = document.getElementById('cy').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }"""
    )
    page.mouse.click(x, y)
    expect(page.locator("#selection h2")).to_have_text("SHIRAZ ELECTRONICS INDUSTRIES")
    page.click("#expand")
    page.wait_for_function(f"window.fwGraph.edges().length > {count}")
    assert not page.evaluate(
        "window.fwGraph.getElementById('us-ofac-sdn-11183').hasClass('collapsed')"
    )

    # An ownership and family network from an FtM export, with an ownership edge clicked.
    page.goto(f"{base}/ui/network/NK-aU5ybkbRFJucf8YMwsJvDw")
    page.wait_for_selector("main[data-ready='1']")
    _click_edge(page, "Ownership")
    expect(page.locator("[data-testid=evidence]")).to_contain_text("Ownership")
    page.screenshot(path=str(shots / "05-network-ownership.png"))


def test_batch_lists_and_audit(page: Any, server: dict[str, Any], shots: Path) -> None:
    base = server["base"]
    expect = playwright_api.expect
    page.goto(f"{base}/ui/batch")
    if page.locator("#key").count():  # a page of its own when run alone
        page.fill("#key", server["key"])
        page.click("button[type=submit]")
    csv_text = (
        "name,type,country\n"
        "Liu Baoxia,person,CN\n"
        "Rayan Roshd Afzar Co.,company,IR\n"
        "Mahan Air,,\n"
        "Harbour Lights Bakery,company,GB\n"
    )
    page.set_input_files(
        "#file",
        files=[{"name": "counterparties.csv", "mimeType": "text/csv", "buffer": csv_text.encode()}],
    )
    page.click("text=Upload and screen")
    expect(page.locator("#job-download")).to_be_visible(timeout=120_000)
    expect(page.locator("#job-text")).to_contain_text("screened 4 rows")
    page.screenshot(path=str(shots / "06-batch.png"))

    page.goto(f"{base}/ui/lists")
    expect(page.locator("[data-testid=lists]")).to_contain_text("us_ofac_sdn")
    page.screenshot(path=str(shots / "07-lists.png"), full_page=True)

    page.goto(f"{base}/ui/audit")
    expect(page.locator("[data-testid=audit]")).to_contain_text("Harbour Lights Bakery")
    expect(page.locator("[data-testid=audit]")).to_contain_text("Liu Baoxia")
    page.screenshot(path=str(shots / "08-audit.png"))


RELEASE = (
    "Treasury Targets Procurement Network\n\n"
    "WASHINGTON - The Department of the Treasury today designated Example Front Trading "
    "Co., Ltd., a Hong Kong company (a fictitious name used in frontwatch's tests). "
    "Example Front Trading Co., Ltd. procured components for Shiraz Electronics Industries. "
    "Example Front Trading Co., Ltd. is owned by Liu Baoxia, a Chinese national. "
    "Sample Components Limited supplied electronic parts to Example Front Trading Co., Ltd.\n"
)


def test_paths_from_the_network(page: Any, server: dict[str, Any], shots: Path) -> None:
    base = server["base"]
    expect = playwright_api.expect
    page.goto(f"{base}/ui/network/us-ofac-sdn-22685")
    page.wait_for_selector("main[data-ready='1']")
    page.click("[data-testid=network-paths]")
    expect(page.locator("[data-testid=start]").first).to_contain_text("RAYBEAM OPTRONICS CO. LTD.")
    # The same question by name, as an analyst types it: the name is screened first.
    page.fill("#q", "Raybeam Optronics")
    page.click("form[role=search] button[type=submit]")
    expect(page.locator("[data-testid=start]").first).to_contain_text("is screened to")
    route = page.locator("[data-testid=path-card]", has_text="2 steps to SHIRAZ ELECTRONICS")
    expect(route).to_contain_text("LIU, Baoxia")
    expect(route).to_contain_text("Linked To: SHIRAZ ELECTRONICS INDUSTRIES")
    page.screenshot(path=str(shots / "09-paths.png"), full_page=True)
    route.locator("a", has_text="SHIRAZ ELECTRONICS INDUSTRIES").first.click()
    expect(page.locator("[data-testid=entity-caption]")).to_have_text(
        "SHIRAZ ELECTRONICS INDUSTRIES"
    )


def test_document_and_red_flags(page: Any, docs_server: str, shots: Path) -> None:
    expect = playwright_api.expect
    page.goto(f"{docs_server}/ui/documents")
    page.set_input_files(
        "#file",
        files=[{"name": "release.txt", "mimeType": "text/plain", "buffer": RELEASE.encode()}],
    )
    page.click("text=Upload and extract")
    text = page.locator("[data-testid=document-text]")
    expect(text.locator("a", has_text="Shiraz Electronics Industries")).to_be_visible()
    expect(page.locator("[data-testid=document-relations]")).to_contain_text("owned by")
    page.screenshot(path=str(shots / "10-document.png"), full_page=True)

    # The company the release names is on no list: its page shows what the network says.
    page.locator("[data-testid=entities] a", has_text="Example Front Trading").first.click()
    flags = page.locator("[data-testid=red-flags]")
    expect(flags).to_contain_text("Procurement in a document")
    expect(flags).to_contain_text("Trans-shipment hub")
    expect(page.locator("[data-testid=exposure]")).to_contain_text("LIU, Baoxia")
    expect(page.locator("[data-testid=documents]")).to_contain_text(
        "Treasury Targets Procurement Network"
    )
    page.screenshot(path=str(shots / "11-entity-red-flags.png"), full_page=True)
