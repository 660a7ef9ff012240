"""Baseline: every table of the store (lists, documents, API users, audit trail, judgements).

Revision ID: 0001
Revises:
Created: 2026-11-26

A store made before migrations existed (SQLite files that ``metadata.create_all``
made) already has some of these tables: they are kept as they are, the missing
ones are created, and the store is stamped with this revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())

    def missing(name: str) -> bool:
        return name not in existing

    if missing("versions"):
        op.create_table(
            "versions",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("source", sa.String(100), nullable=False),
            sa.Column("checksum", sa.String(64), nullable=False),
            sa.Column("format", sa.String(40), nullable=False),
            sa.Column("files", sa.Text(), nullable=False),
            sa.Column("issued", sa.String(32)),
            sa.Column("file_date", sa.String(32)),
            sa.Column("record_count", sa.Integer()),
            sa.Column("entity_count", sa.Integer(), nullable=False),
            sa.Column("counts", sa.Text(), nullable=False),
            sa.Column("loaded_at", sa.String(32), nullable=False),
            sa.Column("load_seconds", sa.Float(), nullable=False),
            sa.UniqueConstraint("source", "checksum", name="uq_versions_source_checksum"),
        )
    if missing("current"):
        op.create_table(
            "current",
            sa.Column("source", sa.String(100), primary_key=True),
            sa.Column("version_id", sa.Integer(), sa.ForeignKey("versions.id"), nullable=False),
        )
    if missing("entities"):
        op.create_table(
            "entities",
            sa.Column("version_id", sa.Integer(), sa.ForeignKey("versions.id"), primary_key=True),
            sa.Column("id", sa.String(255), primary_key=True),
            sa.Column("schema", sa.String(64), nullable=False),
            sa.Column("caption", sa.Text(), nullable=False),
            sa.Column("source_id", sa.String(255)),
            sa.Column("fingerprint", sa.String(40), nullable=False),
            sa.Column("data", sa.Text(), nullable=False),
        )
        op.create_index("ix_entities_id", "entities", ["id"])
        op.create_index("ix_entities_source_id", "entities", ["source_id"])
    if missing("refs"):
        op.create_table(
            "refs",
            sa.Column("version_id", sa.Integer(), sa.ForeignKey("versions.id"), nullable=False),
            sa.Column("entity_id", sa.String(255), nullable=False),
            sa.Column("prop", sa.String(64), nullable=False),
            sa.Column("target_id", sa.String(255), nullable=False),
        )
        op.create_index("ix_refs_target", "refs", ["target_id", "version_id"])
        op.create_index("ix_refs_entity", "refs", ["entity_id", "version_id"])
    if missing("documents"):
        op.create_table(
            "documents",
            sa.Column("id", sa.String(64), primary_key=True),
            sa.Column("sha256", sa.String(64), nullable=False, unique=True),
            sa.Column("source", sa.String(100), nullable=False),
            sa.Column("version_id", sa.Integer(), sa.ForeignKey("versions.id"), nullable=False),
            sa.Column("name", sa.Text(), nullable=False),
            sa.Column("source_url", sa.Text()),
            sa.Column("title", sa.Text()),
            sa.Column("format", sa.String(16), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("extraction", sa.Text(), nullable=False),
            sa.Column("entity_count", sa.Integer(), nullable=False),
            sa.Column("relation_count", sa.Integer(), nullable=False),
            sa.Column("ingested_at", sa.String(32), nullable=False),
        )
    if missing("api_users"):
        op.create_table(
            "api_users",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("name", sa.String(100), nullable=False, unique=True),
            sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
            sa.Column("key_prefix", sa.String(16), nullable=False),
            sa.Column("created_at", sa.String(32), nullable=False),
        )
    if missing("screenings"):
        op.create_table(
            "screenings",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("at", sa.String(32), nullable=False),
            sa.Column("who", sa.String(100), nullable=False),
            sa.Column("channel", sa.String(20), nullable=False),
            sa.Column("endpoint", sa.String(100), nullable=False),
            sa.Column("batch_id", sa.String(40)),
            sa.Column("name", sa.Text(), nullable=False),
            sa.Column("query", sa.Text(), nullable=False),
            sa.Column("threshold", sa.Float(), nullable=False),
            sa.Column("list_versions", sa.Text(), nullable=False),
            sa.Column("results", sa.Text(), nullable=False),
            sa.Column("result_count", sa.Integer(), nullable=False),
            sa.Column("top_score", sa.Float()),
        )
        op.create_index("ix_screenings_at", "screenings", ["at"])
        op.create_index("ix_screenings_who", "screenings", ["who"])
        op.create_index("ix_screenings_batch", "screenings", ["batch_id"])
    if missing("judgements"):
        op.create_table(
            "judgements",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("kind", sa.String(10), nullable=False),
            sa.Column("entity_id", sa.String(255), nullable=False),
            sa.Column("other_id", sa.String(255)),
            sa.Column("who", sa.String(100), nullable=False),
            sa.Column("note", sa.Text()),
            sa.Column("at", sa.String(32), nullable=False),
            sa.Column("withdrawn_at", sa.String(32)),
            sa.Column("withdrawn_by", sa.String(100)),
        )
        op.create_index("ix_judgements_entity", "judgements", ["entity_id"])
        op.create_index("ix_judgements_other", "judgements", ["other_id"])
    else:
        # A store made by a development build between the table and this migration
        # has judgements without who withdrew one.
        columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("judgements")}
        if "withdrawn_by" not in columns:
            op.add_column("judgements", sa.Column("withdrawn_by", sa.String(100)))


def downgrade() -> None:
    for index, table in (
        ("ix_judgements_other", "judgements"),
        ("ix_judgements_entity", "judgements"),
        ("ix_screenings_batch", "screenings"),
        ("ix_screenings_who", "screenings"),
        ("ix_screenings_at", "screenings"),
        ("ix_refs_entity", "refs"),
        ("ix_refs_target", "refs"),
        ("ix_entities_source_id", "entities"),
        ("ix_entities_id", "entities"),
    ):
        op.drop_index(index, table_name=table)
    for table in (
        "judgements",
        "screenings",
        "api_users",
        "documents",
        "refs",
        "entities",
        "current",
        "versions",
    ):
        op.drop_table(table)
