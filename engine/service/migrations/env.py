"""Alembic's environment for the record: run by `entente db upgrade` (engine/service/db.py), which passes the
connection to migrate in ``config.attributes["connection"]``."""

from __future__ import annotations

from alembic import context

from engine.service.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
