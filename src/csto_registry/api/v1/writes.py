"""The workflow over HTTP: plan, draft, positions, adopt, cases, figures. Each needs a token and a role."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field, StringConstraints

from csto_registry.api.v1.auth import TokenAuth, actor_of
from csto_registry.api.v1.params import IsoDay, Key
from csto_registry.records import access
from csto_registry.records.services import cases as case_services
from csto_registry.records.services import figures as figure_services
from csto_registry.records.services import proceedings

router = Router(tags=["workflow"], auth=TokenAuth())
# Text in a body never holds NUL: PostgreSQL text cannot, and no name or id of the registry does.
Text = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$", max_length=2000)]
ERRORS: dict[int, Any] = {
    401: dict[str, Any],
    403: dict[str, Any],
    404: dict[str, Any],
    409: dict[str, Any],
    422: dict[str, Any],
}
ONE = {200: dict[str, Any], **ERRORS}


# Who may read the record written: public, member-states or state:XXX (each write has its default).
Access = Annotated[str, StringConstraints(pattern=r"^(public|member-states|state:[A-Z]{3})$")]


class SessionPlanIn(Schema):
    body: Text
    year: Annotated[int, Field(ge=1900, le=2200)]
    access: Access = "public"


class DraftIn(Schema):
    body: Text
    title: Text
    title_ru: Text | None = None
    session: Text | None = None
    access: Access = "member-states"


class PositionIn(Schema):
    state: Text
    position: Text
    at: IsoDay | None = None
    version: Annotated[int, Field(ge=0, le=2**31)] | None = None


class AdoptIn(Schema):
    at: IsoDay | None = None
    version: Annotated[int, Field(ge=0, le=2**31)] | None = None


class CaseIn(Schema):
    victim: Text
    date: IsoDay
    summary: Text
    access: Access = "public"


class DecideIn(Schema):
    decision: Text


class MissionIn(Schema):
    name: Text
    start: IsoDay


class CloseIn(Schema):
    date: IsoDay


class FigureIn(Schema):
    state: Text
    measure: Text
    unit: Text
    value: Text
    qualifier: Text = "exact"
    period: Text | None = None
    at: IsoDay | None = None
    access: Access = "public"


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


@router.post("/sessions/plan", response=ONE, summary="Plan a session (Secretariat)")
def session_plan(request: HttpRequest, payload: SessionPlanIn) -> dict[str, Any]:
    access.access_run_workflow(request.auth)
    return proceedings.session_plan(
        body=payload.body, year=payload.year, actor=actor_of(request), access=payload.access
    )


def draft(request: HttpRequest, payload: DraftIn) -> dict[str, Any]:
    access.access_run_workflow(request.auth)
    return proceedings.decision_draft(
        body=payload.body,
        title=payload.title,
        title_ru=payload.title_ru,
        session=payload.session,
        actor=actor_of(request),
        access=payload.access,
    )


@router.post("/decisions/{decision}/positions", response=ONE, summary="Record a state's position (its delegate)")
def position(request: HttpRequest, decision: Key, payload: PositionIn) -> dict[str, Any]:
    access.access_speak_for(request.auth, payload.state)
    return proceedings.position_record(
        decision=decision,
        state=payload.state,
        value=payload.position,
        actor=actor_of(request),
        day=payload.at or _today(),
        expected_version=payload.version,
        levels=access.access_levels(request.auth),
    )


@router.post("/decisions/{decision}/adopt", response=ONE, summary="Adopt a draft by consensus (Secretariat)")
def adopt(request: HttpRequest, decision: Key, payload: AdoptIn) -> dict[str, Any]:
    access.access_run_workflow(request.auth)
    return proceedings.decision_adopt(
        decision=decision, actor=actor_of(request), day=payload.at or _today(), expected_version=payload.version
    )


def case_open(request: HttpRequest, payload: CaseIn) -> dict[str, Any]:
    access.access_run_workflow(request.auth)
    return case_services.case_open(
        victim=payload.victim,
        day=payload.date,
        summary=payload.summary,
        actor=actor_of(request),
        access=payload.access,
    )


@router.post("/cases/{case}/assess", response=ONE, summary="Assess a case under Article 4 (Secretariat)")
def case_assess(request: HttpRequest, case: Key) -> dict[str, Any]:
    access.access_run_workflow(request.auth)
    return case_services.case_assess(case=case, actor=actor_of(request))


@router.post("/cases/{case}/decide", response=ONE, summary="Attach the Council's decision (Secretariat)")
def case_decide(request: HttpRequest, case: Key, payload: DecideIn) -> dict[str, Any]:
    access.access_run_workflow(request.auth)
    return case_services.case_decide(case=case, decision=payload.decision, actor=actor_of(request))


@router.post("/cases/{case}/mission", response=ONE, summary="Send the mission (Secretariat)")
def case_mission(request: HttpRequest, case: Key, payload: MissionIn) -> dict[str, Any]:
    access.access_run_workflow(request.auth)
    return case_services.case_mission(case=case, name=payload.name, start=payload.start, actor=actor_of(request))


@router.post("/cases/{case}/close", response=ONE, summary="Close a case (Secretariat)")
def case_close(request: HttpRequest, case: Key, payload: CloseIn) -> dict[str, Any]:
    access.access_run_workflow(request.auth)
    return case_services.case_close(case=case, day=payload.date, actor=actor_of(request))


@router.post("/operations/{operation}/figures", response=ONE, summary="Submit a state's figure (its delegate)")
def figure_submit(request: HttpRequest, operation: Key, payload: FigureIn) -> dict[str, Any]:
    access.access_speak_for(request.auth, payload.state)
    access.access_may_share(request.auth, payload.access)
    return figure_services.figure_submit(
        operation=operation,
        state=payload.state,
        measure=payload.measure,
        unit=payload.unit,
        value=payload.value,
        qualifier=payload.qualifier,
        period=payload.period,
        actor=actor_of(request),
        day=payload.at or _today(),
        access=payload.access,
        levels=access.access_levels(request.auth),
    )
