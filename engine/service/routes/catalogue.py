"""The catalogues: policies, profiles (partners and forums), vocabulary, parties, facts, input schemas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi import APIRouter, Depends, Query, Request

from ...core.library import Library
from ...errors import did_you_mean
from ...model.common import file_data
from ..auth import viewer
from ..problems import ApiProblem, responses
from .common import json_response, service

router = APIRouter(tags=["catalogue"], dependencies=[Depends(viewer)])
PROBLEMS = responses(401, 422, 500, 503)


def _library(request: Request) -> Library:
    state = service(request)
    return Library.open(list(state.settings.profiles), state.pack.vocabulary)


def _missing(kind: str, ref: str, known) -> ApiProblem:
    return ApiProblem(
        404, "not-found", "Not Found", f"unknown {kind} '{ref}': {did_you_mean(ref, known, f'a {kind} id')}"
    )


def _schema(model: str) -> dict:
    return json_response(model, "Found")


@router.get("/policies", summary="The policy pack: id, severity and title of every policy", responses=PROBLEMS)
def policies(request: Request) -> list[dict]:
    from ...output.catalogue import policy_rows

    return policy_rows(service(request).pack)


@router.get(
    "/policies/{policy_id}",
    summary="One policy: its doctrine, message and file",
    responses={200: _schema("PolicyDetail")} | responses(401, 404, 422, 500, 503),
)
def policy(request: Request, policy_id: str) -> dict:
    pack = service(request).pack
    found = pack.by_id().get(policy_id)
    if found is None:
        raise _missing("policy", policy_id, pack.by_id())
    return {
        "id": found.id,
        "severity": found.severity,
        "title": found.title,
        "about": found.about,
        "rationale": found.rationale.model_dump(mode="json"),
        "recommendation": found.recommendation,
        "references": list(found.references),
        "message": found.message,
        "file": Path(found.path).read_text(encoding="utf-8"),
    }


@router.get("/profiles", summary="The library: partners (tier, as_of, stale) and forums", responses=PROBLEMS)
def profiles(
    request: Request,
    today: dt.date | None = Query(None, description="Reference date for staleness (default: today)."),
    max_age: int = Query(365, ge=1, le=100_000, description="A profile older than this (days) is stale."),
) -> dict:
    from ...output.library import listing_data, listing_of

    return listing_data(listing_of(_library(request), today or dt.date.today(), max_age))


@router.get(
    "/partners/{partner_id}",
    summary="One partner profile, validated",
    responses={200: _schema("PartnerProfile")} | responses(401, 404, 422, 500, 503),
)
def partner(request: Request, partner_id: str) -> dict:
    library = _library(request)
    known = library.partner_ids()
    ref = partner_id if partner_id in known else library.vocabulary.parties.resolve(partner_id)
    if ref not in known:
        raise _missing("partner", partner_id, known)
    return file_data(library.partner(ref))


@router.get(
    "/forums/{forum_id}",
    summary="One forum, validated",
    responses={200: _schema("Forum")} | responses(401, 404, 422, 500, 503),
)
def forum(request: Request, forum_id: str) -> dict:
    library = _library(request)
    if forum_id not in library.forum_ids():
        raise _missing("forum", forum_id, library.forum_ids())
    return file_data(library.forum(forum_id))


@router.get("/vocabulary", summary="The vocabulary: terms by category", responses=PROBLEMS)
def vocabulary(request: Request) -> dict[str, list[str]]:
    terms = service(request).pack.vocabulary.terms
    return {name: list(terms[name]) for name in sorted(terms)}


@router.get(
    "/parties",
    summary="The party registry (the pack's and the library's own)",
    responses=responses(401, 404, 422, 500, 503),
)
def parties(
    request: Request,
    name: str | None = Query(None, description="One party, by id or alias."),
    today: dt.date | None = Query(None, description="The date a bloc's members are shown for."),
) -> list[dict]:
    from ...errors import EntenteError
    from ...output.catalogue import party_rows

    registry = _library(request).vocabulary.parties
    try:
        return party_rows(registry, today or dt.date.today(), name)
    except EntenteError as exc:
        raise ApiProblem(
            404, "not-found", "Not Found", f"{exc.diagnostics[0].message}: {exc.diagnostics[0].help}"
        ) from None


@router.get("/facts", summary="Every fact a policy may use: type, operators, meaning", responses=PROBLEMS)
def facts() -> list[dict]:
    from ...output.catalogue import rows

    return rows()


@router.get("/schemas", summary="The kinds of input file, each with its JSON Schema's URL", responses=PROBLEMS)
def schemas(request: Request) -> dict[str, str]:
    from ...output.kinds import KIND_NAMES

    return {kind: f"{request.url.path}/{kind}" for kind in KIND_NAMES}


@router.get(
    "/schemas/{kind}",
    summary="The JSON Schema of an input file kind, the vocabulary's terms as enums (`entente schema KIND`)",
    responses=responses(401, 404, 422, 500, 503),
)
def schema(request: Request, kind: str) -> dict:
    from ...output.kinds import KIND_NAMES
    from ...output.schemas import json_schema

    if kind not in KIND_NAMES:
        raise _missing("kind", kind, KIND_NAMES)
    return json_schema(kind, _library(request).vocabulary)
