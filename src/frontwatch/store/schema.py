"""The tables of the store, written once for SQLite and PostgreSQL (SQLAlchemy Core).

- ``versions``: one row per loaded version of a list (a file set with its checksum).
- ``current``: which version of each source is the one in use. Switching it is
  part of the load transaction, so readers see the old or the new version.
- ``entities``: FollowTheMoney entities of a version, as JSON, with the
  source's own reference and a fingerprint of the properties for diffs.
- ``refs``: entity-to-entity references (Sanction.entity, UnknownLink.subject,
  Ownership.owner ...), so that the links of an entity are found by index.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

versions = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(100), nullable=False),
    Column("checksum", String(64), nullable=False),
    Column("format", String(40), nullable=False),
    Column("files", Text, nullable=False),  # JSON list of the file paths read
    Column("issued", String(32)),  # the date the file itself states
    Column("file_date", String(32)),  # modification time of the main file
    Column("record_count", Integer),  # what the publisher says the file holds
    Column("entity_count", Integer, nullable=False),
    Column("counts", Text, nullable=False),  # JSON {schema: count}
    Column("loaded_at", String(32), nullable=False),
    Column("load_seconds", Float, nullable=False),
    UniqueConstraint("source", "checksum", name="uq_versions_source_checksum"),
)

current = Table(
    "current",
    metadata,
    Column("source", String(100), primary_key=True),
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), primary_key=True),
    Column("id", String(255), primary_key=True),
    Column("schema", String(64), nullable=False),
    Column("caption", Text, nullable=False),
    Column("source_id", String(255)),
    Column("fingerprint", String(40), nullable=False),
    Column("data", Text, nullable=False),  # FtM JSON: {id, schema, properties}
)
Index("ix_entities_id", entities.c.id)
Index("ix_entities_source_id", entities.c.source_id)

refs = Table(
    "refs",
    metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
    Column("entity_id", String(255), nullable=False),  # the entity holding the reference
    Column("prop", String(64), nullable=False),
    Column("target_id", String(255), nullable=False),
)
Index("ix_refs_target", refs.c.target_id, refs.c.version_id)
Index("ix_refs_entity", refs.c.entity_id, refs.c.version_id)
