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

# -- documents (issue #4) ---------------------------------------------------------
# ``documents``: one row per ingested document (text, HTML or PDF): its text as
# extraction read it (every offset refers to it), where it came from, and the
# extraction (entities, relations, links) as JSON. Its entities and relations are
# stored as FtM entities of the version ``version_id`` of source ``doc_<sha12>``.
documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # doc-<first 12 hex digits of sha256>
    Column("sha256", String(64), nullable=False, unique=True),  # of the bytes as published
    Column("source", String(100), nullable=False),  # the store source: doc_<sha12>
    Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
    Column("name", Text, nullable=False),  # file path or URL read
    Column("source_url", Text),
    Column("title", Text),
    Column("format", String(16), nullable=False),  # text, html, pdf
    Column("text", Text, nullable=False),
    Column("extraction", Text, nullable=False),  # JSON: the `frontwatch extract --json` object
    Column("entity_count", Integer, nullable=False),
    Column("relation_count", Integer, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

# -- the HTTP service (issue #6) ------------------------------------------------
# ``api_users``: who may call the API; only a SHA-256 of each key is kept.
# ``screenings``: the audit trail, one row per screened name (API, web, batch, CLI),
# with the list versions (source -> checksum) it was checked against.

api_users = Table(
    "api_users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("key_prefix", String(16), nullable=False),  # to recognise a key, not to use it
    Column("created_at", String(32), nullable=False),
)

screenings = Table(
    "screenings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),  # UTC, ISO 8601 with milliseconds
    Column("who", String(100), nullable=False),
    Column("channel", String(20), nullable=False),  # api, web, batch, cli
    Column("endpoint", String(100), nullable=False),  # e.g. /match/default
    Column("batch_id", String(40)),
    Column("name", Text, nullable=False),
    Column("query", Text, nullable=False),  # JSON of the query as screened
    Column("threshold", Float, nullable=False),
    Column("list_versions", Text, nullable=False),  # JSON {source: checksum}
    Column("results", Text, nullable=False),  # JSON [{id, score, match}]
    Column("result_count", Integer, nullable=False),
    Column("top_score", Float),
)
Index("ix_screenings_at", screenings.c.at)
Index("ix_screenings_who", screenings.c.who)
Index("ix_screenings_batch", screenings.c.batch_id)

# -- entity resolution (issue #5) -------------------------------------------------
# ``judgements``: an analyst's decision about entity resolution, kept apart from the
# list versions so that it survives reloads. ``kind`` is ``merge`` (entity_id and
# other_id are the same party) or ``split`` (entity_id stands apart from other_id,
# or from every other entity when other_id is NULL). A later row about the same
# pair supersedes an earlier one; ``withdrawn_at`` marks a judgement taken back and
# ``withdrawn_by`` who took it back.
judgements = Table(
    "judgements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(10), nullable=False),  # merge | split
    Column("entity_id", String(255), nullable=False),
    Column("other_id", String(255)),
    Column("who", String(100), nullable=False),
    Column("note", Text),
    Column("at", String(32), nullable=False),  # UTC, ISO 8601
    Column("withdrawn_at", String(32)),
    Column("withdrawn_by", String(100)),
)
Index("ix_judgements_entity", judgements.c.entity_id)
Index("ix_judgements_other", judgements.c.other_id)
