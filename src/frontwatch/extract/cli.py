"""The document commands: ``extract``, ``ingest`` and ``documents``.

``register(app)`` adds them to a Typer app (``frontwatch.cli`` calls it). They
parse options and call into ``frontwatch.extract``; errors users can cause end
with a message and exit status 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from frontwatch.cli_common import DbOption, fail, open_store

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


def _read(item: str, source_url: str | None = None) -> Any:
    from frontwatch.extract.readers import read_path, read_url

    if item.lower().startswith(("http://", "https://")):
        return read_url(item)
    return read_path(Path(item), source_url=source_url)


def _extractor(db: str | None, link: bool) -> Any:
    from frontwatch.extract.extractor import Extractor
    from frontwatch.extract.nlp import ModelError

    store = open_store(db)
    if not store.current_versions():
        err.print(
            "[yellow]note:[/] no lists are loaded: entities will not be linked "
            "(load them with: frontwatch lists load)"
        )
    try:
        with err.status("Loading the language model and the lists' names…"):
            return Extractor(store.url, link=link)
    except ModelError as exc:
        fail(str(exc))


def _print_extraction(data: dict[str, Any]) -> None:
    doc = data["document"]
    out.print(
        f"[bold]{doc['title'] or doc['id']}[/]  [dim]{doc['id']} · sha256 {doc['sha256'][:12]}[/]"
    )
    if doc.get("source_url"):
        out.print(f"  [dim]{doc['source_url']}[/]")
    names = {e["id"]: e["name"] for e in data["entities"]}
    out.print(f"  [bold]{len(data['entities'])} entities[/]")
    for e in data["entities"]:
        aka = f" (a.k.a. {'; '.join(e['aliases'])})" if e["aliases"] else ""
        if e["links"]:
            top = e["links"][0]
            more = f" +{len(e['links']) - 1}" if len(e["links"]) > 1 else ""
            link = (
                f"[red]listed:[/] {top['caption']} [dim]({top['entity_id']}, "
                f"{top['score']:.2f}){more}[/]"
            )
        elif e["type"] == "Country":
            link = ""
        else:
            link = "[green]new lead[/]"
        out.print(f"    {e['type']:<12} {e['name']}{aka} ×{len(e['mentions'])}  {link}")
    out.print(f"  [bold]{len(data['relations'])} relations[/]")
    for r in data["relations"]:
        out.print(f"    {names[r['subject']]} [cyan]{r['predicate']}[/] {names[r['object']]}")
        ev = r["evidence"]
        text = " ".join(ev["text"].split())
        cut = text[:200] + ("…" if len(text) > 200 else "")
        out.print(f"      [dim]“{cut}” [{ev['start']}-{ev['end']}][/]")


def register(app: typer.Typer) -> None:
    """Add ``extract``, ``ingest`` and ``documents`` to the ``frontwatch`` command."""

    @app.command("extract")
    def extract_cmd(
        items: Annotated[
            list[str],
            typer.Argument(
                metavar="FILE_OR_URL_LIST...",
                help="Documents (text, HTML, PDF) or http(s) URLs, or @FILE with one per line.",
            ),
        ],
        json_out: Annotated[
            bool, typer.Option("--json", help="One JSON object per document.")
        ] = False,
        no_links: Annotated[
            bool, typer.Option("--no-links", help="Do not screen entities against the lists.")
        ] = False,
        db: DbOption = None,
    ) -> None:
        """Print the entities and relations a document states, with list links; stores nothing."""
        from frontwatch.extract.readers import DocumentError

        expanded: list[str] = []
        for item in items:
            if item.startswith("@"):
                try:
                    lines = Path(item[1:]).read_text(encoding="utf-8").splitlines()
                except OSError as exc:
                    fail(f"cannot read the list {item[1:]}: {exc.strerror}")
                expanded += [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]
            else:
                expanded.append(item)
        sources = []
        failed = 0
        for item in expanded:
            try:
                sources.append(_read(item))
            except DocumentError as exc:
                err.print(f"[bold red]error:[/] {exc}")
                failed += 1
        if sources:
            extractor = _extractor(db, link=not no_links)
            for extraction in extractor.extract_many(sources):
                data = extraction.to_dict()
                if json_out:
                    print(json.dumps(data, ensure_ascii=False))
                else:
                    _print_extraction(data)
        if failed:
            raise typer.Exit(1)

    @app.command("ingest")
    def ingest_cmd(
        files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Documents to store.")],
        source_url: Annotated[
            str | None, typer.Option("--source-url", help="Where the document was published.")
        ] = None,
        db: DbOption = None,
    ) -> None:
        """Extract and store documents with their entities and relations (twice: a no-op)."""
        from frontwatch.extract.documents import find_document, ingest
        from frontwatch.extract.readers import DocumentError

        if source_url and len(files) > 1:
            fail("--source-url names one document; ingest the files one by one")
        store = open_store(db)
        extractor = None
        failed = 0
        for path in files:
            try:
                source = _read(str(path), source_url=source_url)
            except DocumentError as exc:
                err.print(f"[bold red]error:[/] {exc}; nothing stored")
                failed += 1
                continue
            existing = find_document(store, source.id)
            if existing is not None and existing.sha256 == source.sha256:
                out.print(f"[dim]= {path}: already stored as {existing.id}, nothing to do[/]")
                continue
            if extractor is None:
                extractor = _extractor(store.url, link=True)
            extraction = extractor.extract(source)
            stored, _ = ingest(store, extraction)
            links = sum(1 for e in extraction.entities if e.links)
            out.print(
                f"[green]✓[/] {path} → {stored.id}: {stored.entity_count} entities "
                f"({links} on a list), {stored.relation_count} relations"
            )
        if failed:
            raise typer.Exit(1)

    @app.command("documents")
    def documents_cmd(
        doc_id: Annotated[
            str | None, typer.Argument(metavar="[ID]", help="A document id (doc-…) or SHA-256.")
        ] = None,
        json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
        db: DbOption = None,
    ) -> None:
        """List the stored documents, or show one with its entities and relations."""
        from frontwatch.extract.documents import find_document, list_documents

        store = open_store(db)
        if doc_id is None:
            docs = list_documents(store)
            if json_out:
                rows = [d.summary() for d in docs]
                print(json.dumps(rows, indent=2, ensure_ascii=False))
                return
            if not docs:
                out.print("No documents are stored (store one with: frontwatch ingest FILE).")
                return
            for d in docs:
                out.print(
                    f"{d.id}  {d.ingested_at[:10]}  {d.entity_count:>3} entities "
                    f"{d.relation_count:>3} relations  {d.title or d.name}"
                )
            return
        found = find_document(store, doc_id)
        if found is None:
            fail(f"no stored document {doc_id!r} (see: frontwatch documents)")
            return
        if json_out:
            print(json.dumps(found.extraction, indent=2, ensure_ascii=False))
            return
        _print_extraction(found.extraction)
        out.print(
            f"  [dim]stored {found.ingested_at} from {found.name} as source {found.source} "
            f"(store v{found.version_id})[/]"
        )
