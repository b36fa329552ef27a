"""The record: assessments (append-only), their partners, access tokens, policy packs.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from engine.service.tables import Json, Serial, UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

APPEND_ONLY = "the record is append-only: an assessment is never changed or deleted"


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("seq", Serial, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(32), nullable=False, unique=True),
        sa.Column("created", UTCDateTime, nullable=False, index=True),
        sa.Column("who", sa.String(200), nullable=False, index=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("proposal_id", sa.String(200), nullable=False, index=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("rating", sa.String(16), nullable=False, index=True),
        sa.Column("rating_rank", sa.Integer, nullable=False, index=True),
        sa.Column("findings", sa.Integer, nullable=False),
        sa.Column("inputs_digest", sa.String(64), nullable=False),
        sa.Column("pack_digest", sa.String(64), nullable=False),
        sa.Column("library_digest", sa.String(64), nullable=False),
        sa.Column("engine_version", sa.String(32), nullable=False),
        sa.Column("rerun_of", sa.String(32), nullable=True),
        sa.Column("request", Json, nullable=False),
        sa.Column("inputs", Json, nullable=False),
        sa.Column("result", Json, nullable=False),
    )
    op.create_table(
        "assessment_partners",
        sa.Column("assessment_seq", Serial, sa.ForeignKey("assessments.seq"), primary_key=True),
        sa.Column("partner", sa.String(200), primary_key=True, index=True),
    )
    op.create_table(
        "tokens",
        sa.Column("id", Serial, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column("created", UTCDateTime, nullable=False),
        sa.Column("revoked", UTCDateTime, nullable=True),
    )
    op.create_table(
        "packs",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("files", Json, nullable=False),
        sa.Column("stored", UTCDateTime, nullable=False),
    )
    _append_only(op.get_bind().dialect.name)


def _append_only(dialect: str) -> None:
    """Triggers that refuse to change or delete an assessment or its partners, whatever the client."""
    for table in ("assessments", "assessment_partners"):
        if dialect == "sqlite":
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
                )
        elif dialect == "postgresql":
            op.execute(
                "CREATE OR REPLACE FUNCTION entente_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$"
            )
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION entente_append_only()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION entente_append_only()"
            )


def downgrade() -> None:
    for table in ("packs", "tokens", "assessment_partners", "assessments"):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS entente_append_only()")
