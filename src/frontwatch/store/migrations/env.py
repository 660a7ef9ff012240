"""Alembic's environment for the store: migrations run on the connection the store hands over.

``frontwatch.store.migrate`` puts an open connection (inside its transaction) in
``config.attributes["connection"]``; there is no alembic.ini and no URL here.
"""

from __future__ import annotations

from alembic import context

from frontwatch.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run the store's migrations through frontwatch.store.migrate")

context.configure(
    connection=connection,
    target_metadata=metadata,
    compare_type=True,
    render_as_batch=connection.dialect.name == "sqlite",  # ALTER TABLE needs a copy in SQLite
)
with context.begin_transaction():
    context.run_migrations()
