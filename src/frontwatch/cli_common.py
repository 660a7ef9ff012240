"""Options shared by every part of the command line (main commands, documents, server, graph)."""

from __future__ import annotations

from typing import Annotated

import typer

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
