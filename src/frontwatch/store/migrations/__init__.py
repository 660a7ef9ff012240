"""Alembic migrations of the store (env.py, versions/), run by ``frontwatch.store.migrate``."""
