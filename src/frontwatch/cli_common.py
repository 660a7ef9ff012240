"""Options shared by every part of the command line (main commands, documents, server, graph)."""

from __future__ import annotations

import sys
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from frontwatch.store import Store, StoreError, default_db_url

err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="FRONTWATCH_DB",
        help="Database URL (default: SQLite file under $FRONTWATCH_HOME).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def resolve_db(db: str | None, ctx: typer.Context | None = None) -> str:
    """The database URL: the command's --db, else the main command's --db, else the default.

    The main command's --db is read from ``ctx`` when the command takes one, else
    from what ``frontwatch.cli`` recorded when it parsed it.
    """
    if db:
        return db
    parent = ctx.find_root().params.get("db") if ctx is not None else None
    if not parent:
        main = sys.modules.get("frontwatch.cli")
        state = getattr(main, "_state", None)
        parent = state.get("db") if isinstance(state, dict) else None
    return str(parent) if parent else default_db_url()


def fail(message: str, code: int = 1) -> NoReturn:
    """Tell the user what is wrong (on stderr) and stop with ``code``."""
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def open_store(db: str | None, ctx: typer.Context | None = None) -> Store:
    """The store named by ``--db`` (see ``resolve_db``), or a clear error."""
    try:
        return Store(resolve_db(db, ctx))
    except StoreError as exc:
        fail(str(exc))
