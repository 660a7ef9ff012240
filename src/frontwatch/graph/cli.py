"""``frontwatch graph``: neighbours, exposure paths, red flags and export of the network.

frontwatch graph neighbors ID [--depth N]
frontwatch graph paths "NAME OR ID" [--to designated|ID] [--max-hops N] [--json]
    [--address TEXT] [--phone TEXT] [--email TEXT] [--website TEXT] [--id TEXT]
frontwatch graph flags ID [--json]
frontwatch graph export --format graphml|gexf|ftm [--around ID --depth N] [-o FILE]
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from frontwatch.cli_common import DbOption, JsonOption, fail, resolve_db
from frontwatch.graph.build import Network, load_network
from frontwatch.graph.export import FORMATS, export
from frontwatch.graph.query import (
    QUERY_PREFIX,
    GraphQueryError,
    exposure,
    flags,
    neighbors,
    node_info,
    path_as_dict,
    paths,
)
from frontwatch.store import Store, StoreError

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)
graph_app = typer.Typer(
    help="Question the network of lists and documents: paths, red flags, export.",
    no_args_is_help=True,
)


def _open(ctx: typer.Context, db: str | None, rebuild: bool = False) -> tuple[Store, Network]:
    try:
        store = Store(resolve_db(db, ctx))
    except StoreError as exc:
        fail(str(exc))
        raise
    if not store.current_versions():
        fail("no lists are loaded; run `frontwatch lists load` first")
    with err.status("building the network (cached afterwards)…"):
        net = load_network(store, rebuild=rebuild)
    return store, net


def _label(net: Network, node: str) -> str:
    if node not in net.graph:
        return f"[bold]{node.removeprefix(QUERY_PREFIX)}[/] [dim](the query)[/]"
    data = net.graph.nodes[node]
    mark = " [red]designated[/]" if data["designated"] else ""
    return f"{data['caption']} [dim]({node}, {data['schema']})[/]{mark}"


@graph_app.command("neighbors")
def neighbors_cmd(
    ctx: typer.Context,
    entity_id: Annotated[str, typer.Argument(metavar="ID", help="Entity id or list reference.")],
    depth: Annotated[int, typer.Option(help="How many edges away.")] = 1,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The parties within --depth edges of an entity, with the edge that reaches them."""
    _store, net = _open(ctx, db)
    try:
        found = neighbors(net, entity_id, depth)
        start = net.node_of(entity_id) or entity_id
    except GraphQueryError as exc:
        fail(str(exc))
        return
    if as_json:
        rows = [node_info(net, n) | {"distance": d} for n, d in found]
        print(json.dumps({"start": node_info(net, start), "neighbors": rows}, ensure_ascii=False))
        return
    out.print(_label(net, start))
    for node, dist in found:
        how = ""
        if net.graph.has_edge(start, node):
            edge = net.graph.edges[start, node]
            how = f" — {edge['kind']}: {edge['relations'][0]['role']}"
        out.print(f"  {dist} hop(s): {_label(net, node)}{how}")
    if not found:
        out.print("  no neighbours")


@graph_app.command("paths")
def paths_cmd(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(metavar="NAME_OR_ID", help="Any name or entity id.")],
    to: Annotated[str, typer.Option("--to", help="'designated' or an entity id.")] = "designated",
    max_hops: Annotated[int, typer.Option("--max-hops", help="Longest path.")] = 4,
    limit: Annotated[int, typer.Option(help="At most this many paths.")] = 10,
    address: Annotated[
        list[str] | None, typer.Option("--address", help="Also start from parties at it.")
    ] = None,
    phone: Annotated[list[str] | None, typer.Option("--phone", help="… with this phone.")] = None,
    email: Annotated[list[str] | None, typer.Option("--email", help="… with this email.")] = None,
    website: Annotated[
        list[str] | None, typer.Option("--website", help="… with this website.")
    ] = None,
    identifier: Annotated[
        list[str] | None, typer.Option("--id", help="… with this identifier.")
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Explained paths from a party to designated parties, shortest and strongest first.

    A name on no list is screened; with --address, --phone, --email, --website or --id the
    paths also start from the parties sharing that value ("shares address X with ...").
    """
    url = resolve_db(db, ctx)
    _store, net = _open(ctx, url)
    try:
        found = paths(
            net,
            query,
            to=to,
            max_hops=max_hops,
            limit=limit,
            db=url,
            address=address,
            phone=phone,
            email=email,
            website=website,
            identifier=identifier,
        )
    except GraphQueryError as exc:
        fail(str(exc))
        return
    if as_json:
        print(json.dumps([path_as_dict(net, p) for p in found], ensure_ascii=False, indent=1))
        return
    if not found:
        out.print(f"no path from {query!r} to {to} within {max_hops} hops")
        return
    for i, p in enumerate(found, 1):
        how = ""
        if p.start_match and p.start_match.get("how") == "screening":
            how = f" [dim](screened: {p.start_match['matched']}, {p.start_match['score']})[/]"
        elif p.start_match and p.start_match.get("how") == "attribute":
            how = f" [dim](shared {p.start_match['kind']}: {p.start_match['value']})[/]"
        out.print(f"[bold]{i}.[/] {p.hops} hop(s), strength {p.strength:.2f}{how}")
        out.print(f"   {_label(net, p.nodes[0])}")
        for step in p.steps:
            rel = step.relations[0]
            out.print(
                f"   └─ {step.kind} ({rel['role']}, {rel['source']}) → {_label(net, step.target)}"
            )
            out.print(f"      [dim]evidence: {rel['evidence'][:300]}[/]")


@graph_app.command("flags")
def flags_cmd(
    ctx: typer.Context,
    entity_id: Annotated[str, typer.Argument(metavar="ID", help="Entity id or list reference.")],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Front-company red flags of an entity with their evidence, and its exposure score."""
    _store, net = _open(ctx, db)
    try:
        found = flags(net, entity_id)
        score, best = exposure(net, entity_id)
        node = net.node_of(entity_id) or entity_id
    except GraphQueryError as exc:
        fail(str(exc))
        return
    if as_json:
        payload = {
            "entity": node_info(net, node),
            "exposure": round(score, 4),
            "exposure_path": path_as_dict(net, best) if best else None,
            "flags": [asdict(f) for f in found],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    out.print(f"{_label(net, node)} — exposure {score:.2f}")
    for f in found:
        out.print(f"  [yellow]⚑ {f.kind}[/]: {f.message}")
        for ev in f.evidence:
            out.print(f"      [dim]{ev[:300]}[/]")
    if not found:
        out.print("  no red flags")


@graph_app.command("export")
def export_cmd(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="graphml, gexf or ftm.")] = "graphml",
    around: Annotated[str | None, typer.Option(help="Only the part around this id.")] = None,
    depth: Annotated[int, typer.Option(help="Edges around --around.")] = 2,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
    db: DbOption = None,
) -> None:
    """Write the network, or the part around one entity, as GraphML, GEXF or FtM."""
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    store, net = _open(ctx, db)
    target = output or Path(f"frontwatch-graph.{'json' if fmt == 'ftm' else fmt}")
    try:
        nodes, edges = export(net, store, fmt, target, around, depth)
    except GraphQueryError as exc:
        fail(str(exc))
        return
    print(f"wrote {nodes} nodes and {edges} edges to {target}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    """Add the ``graph`` and ``resolve`` command groups to the main command line."""
    from frontwatch.graph.resolve_cli import resolve_app

    app.add_typer(graph_app, name="graph")
    app.add_typer(resolve_app, name="resolve")
