"""The ``db`` commands, added to the ``frontwatch`` command by ``register``.

frontwatch db upgrade [--db URL]    # bring the store's schema to this frontwatch's revision
frontwatch db current [--db URL]    # the revision the store is at, and the newest one
"""

from __future__ import annotations

import typer
from rich.console import Console
from sqlalchemy.exc import InterfaceError, OperationalError

from frontwatch.cli_common import DbOption, fail, resolve_db
from frontwatch.store import Store, StoreError

out = Console()
db_app = typer.Typer(help="The store's database: schema revisions.", no_args_is_help=True)


def _open(db: str | None, ctx: typer.Context) -> Store:
    try:
        return Store(resolve_db(db, ctx), migrate=False)
    except StoreError as exc:
        fail(str(exc))


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context, db: DbOption = None) -> None:
    """Create the store's tables or bring them to the newest revision (safe to repeat).

    Every command does this by itself when it opens the store; run it by hand
    before restarting the servers after installing a new frontwatch.
    """
    from frontwatch.store.migrate import head_revisions

    store = _open(db, ctx)
    try:
        applied = store.upgrade()
    except StoreError as exc:
        fail(str(exc))
    head = ", ".join(head_revisions())
    if applied:
        out.print(
            f"{store.display_url}: upgraded to revision {head} (applied {', '.join(applied)})",
            highlight=False,
        )
    else:
        out.print(f"{store.display_url}: at revision {head}, the newest", highlight=False)


@db_app.command("current")
def db_current(ctx: typer.Context, db: DbOption = None) -> None:
    """The schema revision the store is at, and whether it is the newest this frontwatch knows."""
    from frontwatch.store.migrate import current_revisions, head_revisions

    store = _open(db, ctx)
    try:
        with store.engine.connect() as conn:
            found = current_revisions(conn)
    except (OperationalError, InterfaceError) as exc:
        fail(f"cannot open the store at {store.display_url}: {' '.join(str(exc.orig).split())}")
    head = head_revisions()
    shown = ", ".join(found) or "none (no tables yet)"
    out.print(f"store     {store.display_url}", highlight=False)
    out.print(f"revision  {shown}", highlight=False)
    out.print(f"newest    {', '.join(head)}", highlight=False)
    if found != head:
        out.print("[yellow]not the newest: run 'frontwatch db upgrade'[/]")


def register(app: typer.Typer) -> None:
    """Add ``db`` to the ``frontwatch`` command."""
    app.add_typer(db_app, name="db")
