"""The store's schema, created and upgraded by Alembic on SQLite and PostgreSQL alike.

The revisions live in ``frontwatch/store/migrations/versions``; the store runs
``upgrade head`` when it opens a database (``Store(url)``), and
``frontwatch db upgrade`` / ``frontwatch db current`` do it by hand. A store
made before migrations existed (tables, no ``alembic_version``) is adopted: the
baseline revision keeps the tables it finds and creates the missing ones.

On PostgreSQL the upgrade holds an advisory lock, so that several server
processes opening a new database at once migrate it once. To write a new
revision after changing ``schema.py``::

    from alembic import command
    from frontwatch.store import Store
    from frontwatch.store.migrate import alembic_config
    store = Store("sqlite:////tmp/rev.db")      # a store at the current head
    with store.engine.begin() as conn:
        command.revision(alembic_config(conn), "what changed", autogenerate=True)

then read the new file in ``migrations/versions`` and keep it.
"""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from frontwatch.store.schema import metadata

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
LOCK_KEY = 0x66776462  # "fwdb": the advisory lock that serialises upgrades on PostgreSQL


class MigrationError(Exception):
    """The schema of the database cannot be brought to this frontwatch's version."""


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for the store's migrations (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def head_revisions() -> tuple[str, ...]:
    """The newest revision(s) this frontwatch knows."""
    return tuple(sorted(ScriptDirectory.from_config(alembic_config()).get_heads()))


def known_revisions() -> set[str]:
    """Every revision this frontwatch knows."""
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revisions(conn: Connection) -> tuple[str, ...]:
    """The revision(s) the database is at; empty for a database without migrations."""
    return tuple(sorted(MigrationContext.configure(conn).get_current_heads()))


def schema_differences(conn: Connection) -> list[Any]:
    """What Alembic's autogenerate finds between the database and ``schema.metadata``."""
    ctx = MigrationContext.configure(conn, opts={"compare_type": True})
    return list(compare_metadata(ctx, metadata))


def _check_encoding(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        return
    encoding = conn.execute(text("SHOW server_encoding")).scalar()
    if str(encoding).upper() not in ("UTF8", "UTF-8"):
        db = conn.execute(text("SELECT current_database()")).scalar()
        raise MigrationError(
            f"the PostgreSQL database {db!r} uses the encoding {encoding}; frontwatch needs "
            f"UTF8: create it with 'createdb --encoding=UTF8 --locale=C --template=template0 NAME'"
        )


def _upgrade_locked(engine: Engine) -> list[str]:
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        before = current_revisions(conn)
        if before == head_revisions():
            return []
        unknown = set(before) - known_revisions()
        if unknown:
            raise MigrationError(
                f"the database is at schema revision {', '.join(sorted(unknown))}, which this "
                "frontwatch does not know: a newer frontwatch upgraded it; install that version"
            )
        command.upgrade(alembic_config(conn), "head")
        after = current_revisions(conn)
    script = ScriptDirectory.from_config(alembic_config())
    base = before[0] if before else "base"
    return [rev.revision for rev in script.iterate_revisions(after, base)][::-1]


def is_current(engine: Engine) -> bool:
    """Whether the database is at the newest revision (a quick look, no lock)."""
    with engine.connect() as conn:
        return current_revisions(conn) == head_revisions()


def upgrade(engine: Engine) -> list[str]:
    """Bring the database to the newest revision; the revisions applied, oldest first."""
    with engine.connect() as conn:
        _check_encoding(conn)
        if current_revisions(conn) == head_revisions():
            return []
    for attempt in range(3):
        try:
            return _upgrade_locked(engine)
        except DBAPIError:
            # Another process (SQLite has no lock for this) may have created the same
            # tables at the same moment: if it brought the store to the head, all is well.
            time.sleep(0.2 * (attempt + 1))
            if is_current(engine):
                return []
            if attempt == 2:
                raise
    return []
