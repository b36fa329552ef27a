"""The record: every assessment made through the service or by `entente vet --record`, append-only.

Each entry keeps its id, time, who made it, the request as given (the proposal's text and the options),
the inputs as resolved (what its note is rebuilt from), the digests of the inputs, the pack and the
library, the engine version and the result. Nothing here updates or deletes an entry (and the database
refuses it: see the migrations). Policy packs are stored once per content digest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import uuid
from types import SimpleNamespace
from typing import Any

import msgspec
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from ..core.results import Result, data
from ..model.severity import SEVERITY_ORDER
from .db import engine_for
from .tables import AssessmentPartnerRow, AssessmentRow, PackRow

RATINGS = ("none", *SEVERITY_ORDER)


def rank(rating: str) -> int:
    """0 for none, then 1 (info) to 5 (critical)."""
    return 0 if rating == "none" else SEVERITY_ORDER[rating] + 1


class NewAssessment(msgspec.Struct):
    who: str
    source: str  # api | cli
    request: dict[str, Any]
    inputs: dict[str, Any]
    result: Result
    inputs_digest: str
    pack_digest: str
    library_digest: str
    rerun_of: str | None = None


class Filters(msgspec.Struct):
    partner: str | None = None
    proposal: str | None = None
    rating: str | None = None  # exactly this rating (none, info ... critical)
    at_least: str | None = None  # this severity or higher
    since: dt.datetime | None = None  # made at or after
    until: dt.datetime | None = None  # made before
    who: str | None = None
    conditions: list = msgspec.field(default_factory=list)

    def where(self) -> list:
        out = []
        if self.partner:
            partners = select(AssessmentPartnerRow.assessment_seq).where(AssessmentPartnerRow.partner == self.partner)
            out.append(AssessmentRow.seq.in_(partners))
        if self.proposal:
            out.append(AssessmentRow.proposal_id == self.proposal)
        if self.rating:
            out.append(AssessmentRow.rating == self.rating)
        if self.at_least:
            out.append(AssessmentRow.rating_rank >= rank(self.at_least))
        if self.since:
            out.append(AssessmentRow.created >= self.since)
        if self.until:
            out.append(AssessmentRow.created < self.until)
        if self.who:
            out.append(AssessmentRow.who == self.who)
        return out


def timestamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def summary(row: AssessmentRow, partners: list[str]) -> dict[str, Any]:
    return {
        "id": row.id,
        "created": timestamp(row.created),
        "who": row.who,
        "source": row.source,
        "proposal": row.proposal_id,
        "title": row.title,
        "partners": partners,
        "rating": row.rating,
        "findings": row.findings,
        "policy_pack": row.pack_digest[:12],
        "engine_version": row.engine_version,
        "rerun_of": row.rerun_of,
    }


def detail(row: AssessmentRow, partners: list[str]) -> dict[str, Any]:
    return {
        **summary(row, partners),
        "inputs_digest": row.inputs_digest,
        "pack_digest": row.pack_digest,
        "library_digest": row.library_digest,
        "request": row.request,
        "result": row.result,
    }


_INSERT = insert(AssessmentRow.__table__).returning(AssessmentRow.__table__.c.seq)
_INSERT_PARTNERS = insert(AssessmentPartnerRow.__table__)


class Record:
    """The record in the database at ``url`` (its schema upgraded: engine/service/db.py)."""

    def __init__(self, url: str):
        self.url = url
        self.engine = engine_for(url)
        self._packs: set[str] = set()  # digests known to be stored
        # SQLite lets one connection write at a time, and makes the others sleep and retry (in steps of up to
        # 100 ms): the threads of one process take turns here instead, which keeps the slowest answers fast.
        self._writing = threading.Lock() if self.engine.dialect.name == "sqlite" else contextlib.nullcontext()

    def add(self, new: NewAssessment) -> dict[str, Any]:
        """Record an assessment; its summary."""
        highest = new.result.highest() or "none"
        partners = list(dict.fromkeys(a.partner for a in new.result.assessments))
        values = {
            "id": uuid.uuid4().hex,
            "created": dt.datetime.now(dt.UTC),
            "who": new.who,
            "source": new.source,
            "proposal_id": new.result.proposal,
            "title": new.result.title,
            "rating": highest,
            "rating_rank": rank(highest),
            "findings": sum(new.result.summary.values()),
            "inputs_digest": new.inputs_digest,
            "pack_digest": new.pack_digest,
            "library_digest": new.library_digest,
            "engine_version": new.result.engine_version,
            "rerun_of": new.rerun_of,
            "request": new.request,
            "inputs": new.inputs,
            "result": data(new.result),
        }
        with self._writing, self.engine.begin() as connection:  # statements built once: compiled once
            seq = connection.execute(_INSERT, values).scalar_one()
            if partners:
                connection.execute(_INSERT_PARTNERS, [{"assessment_seq": seq, "partner": p} for p in partners])
        return summary(SimpleNamespace(**values), partners)

    def row(self, assessment_id: str) -> tuple[AssessmentRow, list[str]] | None:
        """An assessment as stored, and its partners."""
        with self.engine.connect() as connection:
            found = connection.execute(select(AssessmentRow).where(AssessmentRow.id == assessment_id)).first()
            if found is None:
                return None
            return AssessmentRow(**found._mapping), self._partners(connection, [found.seq])[found.seq]

    def resolve_id(self, prefix: str) -> str:
        """The id that starts with ``prefix`` (at least 6 characters), or an error naming the problem."""
        from ..errors import flag_error

        if len(prefix) < 6 or not prefix.isalnum():
            raise flag_error("history show", f"'{prefix}' is not an assessment id", "give at least 6 of its characters")
        with self.engine.connect() as connection:
            found = connection.execute(
                select(AssessmentRow.id).where(AssessmentRow.id.startswith(prefix)).limit(2)
            ).all()
        if len(found) != 1:
            why = "no assessment" if not found else "several assessments"
            raise flag_error("history show", f"{why} with an id starting '{prefix}'", "see `entente history list`")
        return found[0].id

    def get(self, assessment_id: str) -> dict[str, Any] | None:
        found = self.row(assessment_id)
        return detail(*found) if found else None

    def list(self, filters: Filters, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """A page of summaries, newest first, and how many entries match."""
        light = [c for c in AssessmentRow.__table__.columns if c.key not in ("request", "inputs", "result")]
        where = filters.where()
        with self.engine.connect() as connection:
            total = connection.execute(select(func.count()).select_from(AssessmentRow).where(*where)).scalar_one()
            query = select(*light).where(*where).order_by(AssessmentRow.seq.desc()).limit(limit).offset(offset)
            rows = connection.execute(query).all()
            partners = self._partners(connection, [r.seq for r in rows])
        return [summary(r, partners[r.seq]) for r in rows], total

    @staticmethod
    def _partners(connection, seqs: list[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {seq: [] for seq in seqs}
        if seqs:
            query = select(AssessmentPartnerRow).where(AssessmentPartnerRow.assessment_seq.in_(seqs))
            for r in connection.execute(query):
                out[r.assessment_seq].append(r.partner)
        return out

    def store_pack(self, digest: str, files: dict[str, str]) -> None:
        """Keep a pack's files, once per digest."""
        if digest in self._packs:
            return
        with self.engine.connect() as connection:
            stored = connection.execute(select(PackRow.digest).where(PackRow.digest == digest)).first()
        if stored is None:
            try:
                with self.engine.begin() as connection:
                    connection.execute(
                        insert(PackRow).values(digest=digest, files=files, stored=dt.datetime.now(dt.UTC))
                    )
            except IntegrityError:
                pass  # another process stored it first
        self._packs.add(digest)

    def pack_files(self, digest: str) -> dict[str, str] | None:
        with self.engine.connect() as connection:
            found = connection.execute(select(PackRow.files).where(PackRow.digest == digest)).first()
        return found[0] if found else None

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(select(1))
