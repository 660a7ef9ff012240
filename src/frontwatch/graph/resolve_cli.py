"""``frontwatch resolve``: see why records were merged, and record an analyst's judgement.

frontwatch resolve show ID [--json]
frontwatch resolve merge A B [--note TEXT] [--who NAME] [--json]
frontwatch resolve split ID [--from OTHER] [--note TEXT] [--who NAME] [--json]
frontwatch resolve judgements [--all] [--json]
frontwatch resolve undo JUDGEMENT_ID [--who NAME] [--json]
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console

from frontwatch.cli_common import DbOption, JsonOption, fail, resolve_db
from frontwatch.graph import judge
from frontwatch.graph.build import Network, load_network
from frontwatch.graph.query import GraphQueryError
from frontwatch.store import Store, StoreError

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)
resolve_app = typer.Typer(
    help="Resolved entities: the evidence of each merge, and analysts' merge/split judgements.",
    no_args_is_help=True,
)

NoteOption = Annotated[str | None, typer.Option("--note", help="Why (kept with the judgement).")]
WhoOption = Annotated[
    str | None, typer.Option("--who", help="Who decides (default: the login name).")
]
STATUS_HELP = {
    "applied": "applied",
    "dangling": "dangling: an entity it names is in no current list or document",
    "superseded": "superseded by a later judgement about the same entities",
    "conflict": "not applied: another judgement keeps these entities apart",
    "withdrawn": "withdrawn",
}


def _open(ctx: typer.Context, db: str | None) -> tuple[Store, Network]:
    try:
        store = Store(resolve_db(db, ctx))
    except StoreError as exc:
        fail(str(exc))
    if not store.current_versions():
        fail("no lists are loaded; run `frontwatch lists load` first")
    with err.status("building the network (cached afterwards)…"):
        net = load_network(store)
    return store, net


def _judgement_line(j: dict[str, Any]) -> str:
    if j["kind"] == "merge":
        what = f"merge {j['entity_id']} + {j['other_id']}"
    elif j["other_id"] is None:
        what = f"split {j['entity_id']} from its cluster"
    else:
        what = f"split {j['entity_id']} from {j['other_id']}"
    note = f' — "{j["note"]}"' if j.get("note") else ""
    status = j.get("status", "")
    if j.get("withdrawn_at"):
        status = f"withdrawn at {j['withdrawn_at']} by {j['withdrawn_by']}"
    colour = "green" if status == "applied" else "yellow"
    shown = STATUS_HELP.get(status, status)
    return f"#{j['id']} {what} by {j['who']} at {j['at']}{note} [{colour}]({shown})[/]"


def _print_cluster(info: dict[str, Any]) -> None:
    if not info["present"]:
        out.print(f"{info['entity']} is in no current list version or document")
        out.print("judgements about it (dangling):")
        for j in info["judgements"]:
            out.print(f"  {_judgement_line(j)}")
        return
    mark = " [red]designated[/]" if info["designated"] else ""
    n = len(info["members"])
    out.print(
        f"[bold]{info['caption']}[/] [dim]({info['node']}, {info['schema']})[/]{mark} — "
        f"resolved entity of {n} member{'s' if n != 1 else ''}"
    )
    for m in info["members"]:
        here = "*" if m["id"] == info["entity"] and n > 1 else " "
        out.print(f" {here}{m['id']}  [dim]{m['source']} {m['schema']}[/]  {m['caption']}")
    if info["merges"]:
        out.print("merged because:")
        for m in info["merges"]:
            out.print(f"  [cyan]{m['rule']}[/]: {m['a']} + {m['b']} — {m['detail']}")
    if info["blocked"]:
        out.print("kept apart by judgements:")
        for m in info["blocked"]:
            out.print(
                f"  [yellow]{m['rule']}[/] would join {m['a']} + {m['b']} ({m['detail'][:160]}) "
                f"— judgement #{m['judgement']}"
            )
    if info["judgements"]:
        out.print("judgements:")
        for j in info["judgements"]:
            out.print(f"  {_judgement_line(j)}")


def _after(as_json: bool, judgement: dict[str, Any], net: Network, ref: str, message: str) -> None:
    status = judge.status_of(net, judgement["id"])
    info = judge.cluster(net, ref)
    if as_json:
        payload = {"judgement": judgement | {"status": status}, "cluster": info}
        print(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    out.print(f"recorded judgement #{judgement['id']}: {message}")
    if status != "applied":
        err.print(f"[yellow]warning:[/] {STATUS_HELP.get(status, status)}")
    _print_cluster(info)


@resolve_app.command("show")
def show_cmd(
    ctx: typer.Context,
    entity_id: Annotated[str, typer.Argument(metavar="ID", help="Entity id or list reference.")],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The resolved entity an entity belongs to: members, each merge's evidence, judgements."""
    _store, net = _open(ctx, db)
    try:
        info = judge.cluster(net, entity_id)
    except GraphQueryError as exc:
        fail(str(exc))
    if as_json:
        print(json.dumps(info, ensure_ascii=False, indent=1))
        return
    _print_cluster(info)


@resolve_app.command("merge")
def merge_cmd(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(metavar="A", help="Entity id or list reference.")],
    b: Annotated[str, typer.Argument(metavar="B", help="Entity id or list reference.")],
    note: NoteOption = None,
    who: WhoOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Record that A and B are the same party (kept across list reloads)."""
    store, net = _open(ctx, db)
    try:
        judgement, net = judge.merge(store, net, a, b, who, note)
    except (GraphQueryError, StoreError) as exc:
        fail(str(exc))
    msg = f"{judgement.entity_id} and {judgement.other_id} are the same party"
    _after(as_json, judgement.as_dict(), net, judgement.entity_id, msg)


@resolve_app.command("split")
def split_cmd(
    ctx: typer.Context,
    entity_id: Annotated[str, typer.Argument(metavar="ID", help="Entity id or list reference.")],
    other: Annotated[
        str | None,
        typer.Option("--from", help="Only keep ID apart from this entity (default: from all)."),
    ] = None,
    note: NoteOption = None,
    who: WhoOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Take ID out of its resolved entity, or only keep it apart from --from OTHER."""
    store, net = _open(ctx, db)
    try:
        judgement, net = judge.split(store, net, entity_id, other, who, note)
    except (GraphQueryError, StoreError) as exc:
        fail(str(exc))
    if judgement.other_id is None:
        msg = f"{judgement.entity_id} stands apart from every other entity"
    else:
        msg = f"{judgement.entity_id} and {judgement.other_id} are different parties"
    _after(as_json, judgement.as_dict(), net, judgement.entity_id, msg)


@resolve_app.command("judgements")
def judgements_cmd(
    ctx: typer.Context,
    show_all: Annotated[bool, typer.Option("--all", help="Also the withdrawn ones.")] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Every analyst's judgement, oldest first, with what the resolver made of it."""
    _store, net = _open(ctx, db)
    rows = [j for j in net.judgements if show_all or j["withdrawn_at"] is None]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not rows:
        out.print("no judgements recorded" + ("" if show_all else " (or all withdrawn: --all)"))
        return
    for j in rows:
        out.print(_judgement_line(j))


@resolve_app.command("undo")
def undo_cmd(
    ctx: typer.Context,
    judgement_id: Annotated[int, typer.Argument(metavar="JUDGEMENT_ID", help="Its number.")],
    who: WhoOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Withdraw a judgement (it stays on record, marked withdrawn)."""
    store, _net = _open(ctx, db)
    try:
        judgement, net = judge.undo(store, judgement_id, who)
    except StoreError as exc:
        fail(str(exc))
    if as_json:
        payload: dict[str, Any] = {"judgement": judgement.as_dict() | {"status": "withdrawn"}}
        if judge.entity_of(net, judgement.entity_id):
            payload["cluster"] = judge.cluster(net, judgement.entity_id)
        print(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    out.print(f"withdrew judgement {judgement.describe()}")
    if judge.entity_of(net, judgement.entity_id):
        _print_cluster(judge.cluster(net, judgement.entity_id))
