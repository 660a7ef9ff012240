"""The ``serve`` and ``users`` commands, added to the ``frontwatch`` command by ``register``.

frontwatch serve [--host 127.0.0.1] [--port 8000] [--workers N] [--no-auth] [--db URL]
frontwatch users add NAME      # prints the new API key once
frontwatch users list
frontwatch users remove NAME
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from frontwatch.cli_common import DbOption, fail, open_store, resolve_db
from frontwatch.store import Store

out = Console()
err = Console(stderr=True)


def is_loopback(host: str) -> bool:
    """Whether a host name or address is this computer only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind_socket(host: str, port: int) -> socket.socket:
    """The listening socket, with TCP_NODELAY so that every accepted connection has it.

    Without it, uvicorn's worker processes answer a keep-alive connection's second
    request about 40 ms late (Nagle's algorithm meeting the client's delayed ACK).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise OSError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.set_inheritable(True)
    return sock


def run_server(host: str, port: int, workers: int = 1) -> None:
    """Run the app (settings from ``FRONTWATCH_*``) with uvicorn until interrupted."""
    import uvicorn

    sock = bind_socket(host, port)
    uvicorn.run(
        "frontwatch.api.app:create_app_from_env",
        factory=True,
        fd=sock.fileno(),
        workers=workers,
        log_level="warning",
        access_log=False,
    )


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(help="Server processes (each loads the screening index).")
    ] = 1,
    no_auth: Annotated[
        bool,
        typer.Option(
            "--no-auth",
            help="No API keys: one analyst on this computer. Only with a loopback --host.",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Run the web UI and the HTTP API (yente-compatible /match, batches, audit trail)."""
    from frontwatch.api.settings import ApiSettings, SettingsError

    url = resolve_db(db, ctx)
    if no_auth and not is_loopback(host):
        fail(
            f"--no-auth serves without API keys, so it only listens on this computer "
            f"(127.0.0.1); drop --no-auth to serve on {host}"
        )
    if workers < 1:
        fail("--workers must be at least 1")
    store = open_store(url)
    os.environ["FRONTWATCH_DB"] = url
    if no_auth:
        os.environ["FRONTWATCH_NO_AUTH"] = "1"
    try:
        settings = ApiSettings.from_env()
    except SettingsError as exc:
        fail(str(exc))
        return
    lists = store.current_versions()
    shown = f"[{host}]" if ":" in host else host
    out.print(f"frontwatch is serving on [bold]http://{shown}:{port}/[/]", highlight=False)
    out.print(f"  web UI    http://{shown}:{port}/ui/screen", highlight=False)
    out.print(f"  API docs  http://{shown}:{port}/docs", highlight=False)
    out.print(
        f"  store     {store.display_url} ({len(lists)} lists loaded)"
        + ("" if lists else " — load them with: frontwatch lists load"),
        highlight=False,
    )
    if not settings.auth:
        out.print("  [yellow]no authentication (--no-auth): for one analyst on this computer[/]")
    elif not _has_users(store):
        out.print(
            "  [yellow]no API users yet: create one with 'frontwatch users add NAME' "
            "to screen and to log in[/]"
        )
    try:
        run_server(host, port, workers)
    except OSError as exc:
        fail(str(exc))


def _has_users(store: Store) -> bool:
    from frontwatch.api.auth import list_users

    return bool(list_users(store))


users_app = typer.Typer(help="API users and their keys.", no_args_is_help=True)


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name (letters, digits, . _ @ -).")],
    db: DbOption = None,
) -> None:
    """Create a user and print its API key (shown once; only a hash is stored)."""
    from frontwatch.api.auth import UserError, add_user

    store = open_store(db, ctx)
    try:
        key = add_user(store, name)
    except UserError as exc:
        fail(str(exc))
        return
    err.print(
        f"Created user [bold]{name}[/]. Its API key (shown only now, keep it safe):",
        highlight=False,
    )
    print(key)
    err.print(
        "Send it as 'Authorization: Bearer KEY' or 'X-API-Key: KEY', "
        "or paste it on the web UI's login page.",
        highlight=False,
    )


@users_app.command("list")
def users_list(ctx: typer.Context, db: DbOption = None) -> None:
    """Every user with the start of its key and when it was created."""
    from frontwatch.api.auth import list_users

    users = list_users(open_store(db, ctx))
    if not users:
        err.print("No users yet. Create one with: frontwatch users add NAME")
        return
    table = Table()
    for col in ("user", "key starts with", "created"):
        table.add_column(col)
    for u in users:
        table.add_row(u.name, u.key_prefix + "…", u.created_at)
    out.print(table)


@users_app.command("remove")
def users_remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name.")],
    db: DbOption = None,
) -> None:
    """Delete a user; its key stops working within seconds."""
    from frontwatch.api.auth import UserError, remove_user

    try:
        remove_user(open_store(db, ctx), name)
    except UserError as exc:
        fail(str(exc))
        return
    err.print(f"Removed user {name}; its key no longer works.", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``users`` to the ``frontwatch`` command."""
    app.command("serve")(serve)
    app.add_typer(users_app, name="users")
