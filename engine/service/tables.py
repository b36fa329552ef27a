"""The record's tables (SQLAlchemy 2): assessments (append-only), their partners, access tokens, policy packs.

The schema is made and changed only by the Alembic migrations in ``migrations/`` (``entente db upgrade``);
these classes describe it for the queries. The same tables work on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Integer, String, Text, TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

Json = JSON().with_variant(JSONB(), "postgresql")
Serial = BigInteger().with_variant(Integer(), "sqlite")  # SQLite autoincrements only INTEGER PRIMARY KEY


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and read back as an aware datetime (SQLite keeps no time zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.astimezone(dt.UTC).replace(tzinfo=None) if dialect.name == "sqlite" else value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    pass


class AssessmentRow(Base):
    """One assessment, as made: never updated or deleted (the migrations add triggers that refuse it)."""

    __tablename__ = "assessments"

    seq: Mapped[int] = mapped_column(Serial, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(32), unique=True)
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    who: Mapped[str] = mapped_column(String(200), index=True)
    source: Mapped[str] = mapped_column(String(16))  # api | cli
    proposal_id: Mapped[str] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(Text)
    rating: Mapped[str] = mapped_column(String(16), index=True)  # the highest severity not waived, or none
    rating_rank: Mapped[int] = mapped_column(Integer, index=True)  # 0 none, 1 info ... 5 critical
    findings: Mapped[int] = mapped_column(Integer)
    inputs_digest: Mapped[str] = mapped_column(String(64))
    pack_digest: Mapped[str] = mapped_column(String(64))
    library_digest: Mapped[str] = mapped_column(String(64))
    engine_version: Mapped[str] = mapped_column(String(32))
    rerun_of: Mapped[str | None] = mapped_column(String(32), nullable=True)
    request: Mapped[dict[str, Any]] = mapped_column(Json)  # as given: the body, its media type, the options
    inputs: Mapped[dict[str, Any]] = mapped_column(Json)  # as resolved: the models the note is rebuilt from
    result: Mapped[dict[str, Any]] = mapped_column(Json)  # the JSON contract (engine/core/results.py)


class AssessmentPartnerRow(Base):
    """The partners an assessment concerns (to list the record by partner)."""

    __tablename__ = "assessment_partners"

    assessment_seq: Mapped[int] = mapped_column(Serial, ForeignKey("assessments.seq"), primary_key=True)
    partner: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)


class TokenRow(Base):
    """An access token: its name (recorded as "who"), its role, and the sha256 of its secret."""

    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(Serial, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # viewer | analyst
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    revoked: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class PackRow(Base):
    """A policy pack's files by content digest, stored once: a note is rebuilt with the pack it was made with."""

    __tablename__ = "packs"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    files: Mapped[dict[str, Any]] = mapped_column(Json)  # relative path -> text
    stored: Mapped[dt.datetime] = mapped_column(UTCDateTime)
