"""Access tokens: made by `entente tokens create`, stored as the sha256 of their secret, checked per request.

A token has a name (recorded as "who" on the assessments it makes) and a role: ``viewer`` reads the
record and the catalogues; ``analyst`` also assesses. The secret is shown once, when it is made; it is
long and random, so a plain sha256 is the right hash (nothing to guess, nothing to slow down).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import msgspec
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import flag_error
from .db import engine_for
from .record import timestamp
from .tables import TokenRow

ROLES = ("viewer", "analyst")
PREFIX = "ent_"


class Principal(msgspec.Struct, frozen=True):
    """Who makes a request: a token's name and role, or the local user on a loopback address."""

    name: str
    role: str

    def may(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create(url: str, name: str, role: str) -> str:
    """Make a token; its secret (shown once, never stored)."""
    if role not in ROLES:
        raise flag_error("--role", f"unknown role '{role}'", "use viewer or analyst")
    secret = PREFIX + secrets.token_urlsafe(32)
    row = {"name": name, "role": role, "digest": digest(secret), "created": dt.datetime.now(dt.UTC)}
    try:
        with engine_for(url).begin() as connection:
            connection.execute(insert(TokenRow).values(row))
    except IntegrityError:
        raise flag_error(
            "--name", f"a token named '{name}' exists already", "choose another name, or revoke the old one first"
        ) from None
    return secret


def revoke(url: str, name: str) -> None:
    with engine_for(url).begin() as connection:
        changed = connection.execute(
            update(TokenRow)
            .where(TokenRow.name == name, TokenRow.revoked.is_(None))
            .values(revoked=dt.datetime.now(dt.UTC))
        ).rowcount
    if not changed:
        raise flag_error("tokens revoke", f"no active token named '{name}'", "see `entente tokens list`")


def listing(url: str) -> list[dict]:
    with engine_for(url).connect() as connection:
        rows = connection.execute(select(TokenRow).order_by(TokenRow.id)).all()
    return [
        {
            "name": r.name,
            "role": r.role,
            "created": timestamp(r.created),
            "revoked": timestamp(r.revoked) if r.revoked else None,
        }
        for r in rows
    ]


def active_count(url: str) -> int:
    with engine_for(url).connect() as connection:
        return connection.execute(select(func.count()).where(TokenRow.revoked.is_(None))).scalar_one()


def verify(url: str, secret: str) -> Principal | None:
    """The holder of ``secret``, if it is an active token."""
    with engine_for(url).connect() as connection:
        found = connection.execute(
            select(TokenRow.name, TokenRow.role).where(TokenRow.digest == digest(secret), TokenRow.revoked.is_(None))
        ).first()
    return Principal(found.name, found.role) if found else None
