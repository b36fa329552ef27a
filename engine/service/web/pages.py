"""The library as cards, the record as a searchable list, a recorded assessment as it was (and re-run), sign-in."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from ...core.engine import DEFAULT_MAX_AGE_DAYS
from ...core.results import stored_result
from .. import tokens
from ..problems import ApiProblem
from ..record import RATINGS, Filters
from .render import library_of, page
from .security import TOKEN_COOKIE, check_csrf, finish, require
from .views import Words

router = APIRouter(include_in_schema=False)
PAGE = 25


@router.get("/library")
async def library(request: Request, q: str = ""):
    """Partners and forums as cards: tier, age, status, sources (filtered by a search)."""
    request.state.principal = await require(request, "viewer")
    lib = library_of(request)
    words, today, query = Words(lib.vocabulary), dt.date.today(), q.strip().lower()
    partners = [lib.partner(p) for p in lib.partner_ids()]
    forums = [lib.forum(f) for f in lib.forum_ids()]

    def hit(item) -> bool:
        return not query or query in item.id.lower() or query in item.name.lower()

    ages = {p.id: (today - p.as_of).days if p.as_of else None for p in partners}
    return page(
        request,
        "library.html.j2",
        section="library",
        q=q,
        partners=[p for p in partners if hit(p)],
        forums=[f for f in forums if hit(f)],
        ages=ages,
        words=words,
        max_age=DEFAULT_MAX_AGE_DAYS,
    )


@router.get("/record")
async def record_list(
    request: Request,
    proposal: str = "",
    partner: str = "",
    at_least: str = "",
    page_: int = Query(0, alias="page", ge=0, le=100_000),
):
    """The record, newest first: search by proposal id, partner and rating."""
    request.state.principal = await require(request, "viewer")
    at_least = at_least if at_least in RATINGS[1:] else ""
    filters = Filters(partner=partner.strip() or None, proposal=proposal.strip() or None, at_least=at_least or None)
    record = request.app.state.service.record
    items, total = await run_in_threadpool(record.list, filters, PAGE, max(page_, 0) * PAGE)
    return page(
        request,
        "record.html.j2",
        section="record",
        items=items,
        total=total,
        proposal=proposal,
        partner=partner,
        at_least=at_least,
        ratings=RATINGS[1:],
        page_=page_,
        more=(page_ + 1) * PAGE < total,
        partners=library_of(request).partner_ids(),
    )


@router.get("/record/{assessment_id}")
async def recorded(request: Request, assessment_id: str):
    """A recorded assessment as it was: the request as given, its findings, the digests."""
    request.state.principal = await require(request, "viewer")
    return await _recorded(request, assessment_id, None)


async def _recorded(request: Request, assessment_id: str, rerun: dict | None):
    from .panel import Panel

    record = request.app.state.service.record
    found = await run_in_threadpool(record.get, assessment_id) if len(assessment_id) <= 32 else None
    if found is None:
        return page(
            request,
            "message.html.j2",
            404,
            heading="Not found",
            message="No such assessment in the record.",
            signin=False,
        )
    result = stored_result(found["result"])
    lib = library_of(request)
    panel = Panel(found["request"]["body"], result=result)
    return page(
        request, "recorded.html.j2", section="record", item=found, panel=panel, words=Words(lib.vocabulary), rerun=rerun
    )


@router.post("/record/{assessment_id}/rerun")
async def rerun(request: Request, assessment_id: str):
    """Re-run on today's doctrine and profiles (recorded too), and show the differences."""
    from ..routes.assessments import rerun_assessment

    principal = await require(request, "analyst")
    request.state.principal = principal
    check_csrf(request, await request.form())
    try:
        body = await run_in_threadpool(rerun_assessment, request, assessment_id, principal)
    except ApiProblem as exc:
        return page(request, "message.html.j2", exc.status, heading="Not re-run", message=exc.detail, signin=False)
    return await _recorded(request, body["after"]["id"], body)


@router.get("/signin")
async def signin_page(request: Request):
    return page(request, "signin.html.j2", error="")


@router.post("/signin")
async def signin(request: Request):
    form = await request.form()
    check_csrf(request, form)
    token = str(form.get("token", "")).strip()
    service = request.app.state.service
    found = await run_in_threadpool(tokens.verify, service.settings.db_url, token) if token else None
    if found is None:
        return page(request, "signin.html.j2", 401, error="Unknown or revoked token.")
    response = RedirectResponse("/", status_code=303)
    secure = request.url.scheme == "https"
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", secure=secure, path="/")
    return finish(request, response)
