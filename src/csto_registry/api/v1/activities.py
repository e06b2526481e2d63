"""Instruments, partners, sessions, forces, exercises, operations and cases."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from csto_registry.api.v1 import params, writes
from csto_registry.api.v1.auth import TokenAuth, reader_levels
from csto_registry.api.v1.caching import cached_read
from csto_registry.api.v1.params import (
    Day,
    DecisionStatus,
    Key,
    Lang,
    Limit,
    Offset,
    OptionalStateCode,
    QueryText,
    Year,
)
from csto_registry.api.v1.registry import ERRORS
from csto_registry.records.selectors import activities as acts
from csto_registry.records.selectors.decisions import decision_detail, decision_list
from csto_registry.records.selectors.instruments import (
    instrument_detail,
    instrument_list_on,
    partner_detail,
    partner_list,
)
from csto_registry.records.selectors.sessions import session_list

router = Router(tags=["records"])
LIST = {200: list[dict[str, Any]], **ERRORS}
ONE = {200: dict[str, Any], **ERRORS}


@router.get("/instruments", response=LIST, summary="Instruments in force on a day")
@cached_read
def instruments(
    request: HttpRequest,
    at: Day = None,
    all: bool = False,
    lang: Lang = "en",
    limit: Limit = None,
    offset: Offset = 0,
) -> HttpResponse:  # the CLI's --all
    """The instruments in force on the day (all=true: every instrument)."""
    day = None if all else params.day(at)
    rows = instrument_list_on(day=day, lang=lang, levels=reader_levels(request))
    return params.window(rows, state=None, limit=limit, offset=offset)


@router.get("/instruments/{instrument}", response=ONE, summary="An instrument with its history")
@cached_read
def instrument(request: HttpRequest, instrument: Key, lang: Lang = "en") -> HttpResponse:
    return instrument_detail(slug=instrument, lang=lang, levels=reader_levels(request))


@router.get("/partners", response=LIST, summary="Partner organizations")
@cached_read
def partners(request: HttpRequest, lang: Lang = "en", limit: Limit = None, offset: Offset = 0) -> HttpResponse:
    rows = partner_list(lang=lang, levels=reader_levels(request))
    return params.window(rows, state=None, limit=limit, offset=offset)


@router.get("/partners/{partner}", response=ONE, summary="A partner and what binds it")
@cached_read
def partner(request: HttpRequest, partner: Key, lang: Lang = "en") -> HttpResponse:
    return partner_detail(slug=partner, lang=lang, levels=reader_levels(request))


@router.get("/sessions", response=LIST, summary="Sessions of the bodies")
@cached_read
def sessions(
    request: HttpRequest,
    body: QueryText = None,
    year: Year = None,
    state: OptionalStateCode = None,
    lang: Lang = "en",
    limit: Limit = None,
    offset: Offset = 0,
) -> HttpResponse:
    rows = session_list(body=body, year=year, lang=lang, levels=reader_levels(request))
    return params.window(rows, state=state, limit=limit, offset=offset)


@router.get(
    "/sessions.ics",
    summary="The sessions as iCalendar",
    response=ERRORS,
    openapi_extra={
        "responses": {200: {"description": "iCalendar", "content": {"text/calendar": {"schema": {"type": "string"}}}}}
    },
)
def sessions_calendar(
    request: HttpRequest, body: QueryText = None, year: Year = None, lang: Lang = "en"
) -> HttpResponse:
    """The sessions the reader may read, as an iCalendar file (as `csto sessions --ics`)."""
    from csto_registry.records.selectors.sessions import sessions_ics

    rows = session_list(body=body, year=year, lang=lang, levels=reader_levels(request))
    response = HttpResponse(sessions_ics(rows, lang=lang), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="csto-sessions.ics"'
    return response


@router.get("/forces", response=LIST, summary="Forces of the Troops (Collective Forces)")
@cached_read
def forces(
    request: HttpRequest, state: OptionalStateCode = None, lang: Lang = "en", limit: Limit = None, offset: Offset = 0
) -> HttpResponse:
    rows = acts.force_list(lang=lang, levels=reader_levels(request))
    return params.window(rows, state=state, limit=limit, offset=offset)


@router.get("/exercises", response=LIST, summary="Joint exercises")
@cached_read
def exercises(
    request: HttpRequest,
    year: Year = None,
    state: OptionalStateCode = None,
    lang: Lang = "en",
    limit: Limit = None,
    offset: Offset = 0,
) -> HttpResponse:
    rows = acts.exercise_list(year=year, lang=lang, levels=reader_levels(request))
    return params.window(rows, state=state, limit=limit, offset=offset)


@router.get("/operations", response=LIST, summary="Operations and missions with their figures")
@cached_read
def operations(request: HttpRequest, lang: Lang = "en", limit: Limit = None, offset: Offset = 0) -> HttpResponse:
    rows = acts.operation_list(lang=lang, levels=reader_levels(request))
    return params.window(rows, state=None, limit=limit, offset=offset)


@router.get("/operations/{operation}", response=ONE, summary="An operation")
@cached_read
def operation(request: HttpRequest, operation: Key, lang: Lang = "en") -> HttpResponse:
    return acts.operation_detail(slug=operation, lang=lang, levels=reader_levels(request))


@router.get("/programmes", response=LIST, summary="Programmes, publications and events with their figures")
@cached_read
def programmes(request: HttpRequest, lang: Lang = "en", limit: Limit = None, offset: Offset = 0) -> HttpResponse:
    rows = acts.programme_list(lang=lang, levels=reader_levels(request))
    return params.window(rows, state=None, limit=limit, offset=offset)


@router.get("/cases", response=LIST, summary="Crisis-response cases")
@cached_read
def cases(
    request: HttpRequest, state: OptionalStateCode = None, lang: Lang = "en", limit: Limit = None, offset: Offset = 0
) -> HttpResponse:
    rows = acts.case_list(lang=lang, levels=reader_levels(request))
    return params.window(rows, state=state, limit=limit, offset=offset)


@router.get("/cases/{case}", response=ONE, summary="A crisis-response case with its Article 4 assessment")
@cached_read
def case(request: HttpRequest, case: Key, lang: Lang = "en") -> HttpResponse:
    return acts.case_detail(slug=case, lang=lang, levels=reader_levels(request))


@router.get("/decisions", response=LIST, summary="Draft and adopted decisions with the positions recorded")
@cached_read
def decisions(
    request: HttpRequest,
    body: QueryText = None,
    status: DecisionStatus = None,
    limit: Limit = None,
    offset: Offset = 0,
) -> HttpResponse:
    """The decisions the reader may read (drafts are shared with the member states unless public)."""
    rows = decision_list(body=body, status=status, levels=reader_levels(request))
    return params.window(rows, state=None, limit=limit, offset=offset)


@router.get("/decisions/{decision}", response=ONE, summary="A draft or decision with its positions")
@cached_read
def decision(request: HttpRequest, decision: Key) -> HttpResponse:
    return decision_detail(slug=decision, levels=reader_levels(request))


@router.post("/decisions", response=writes.ONE, auth=TokenAuth(), summary="Draft a decision (Secretariat)")
def draft(request: HttpRequest, payload: writes.DraftIn) -> dict[str, Any]:
    return writes.draft(request, payload)


# GET and POST of one path must live in one router: the case workflow's first step is registered here.
@router.post("/cases", response=writes.ONE, auth=TokenAuth(), summary="Open a crisis-response case (Secretariat)")
def case_open(request: HttpRequest, payload: writes.CaseIn) -> dict[str, Any]:
    return writes.case_open(request, payload)
