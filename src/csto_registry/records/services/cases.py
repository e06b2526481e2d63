"""Writes of the crisis-response workflow: open, assess, decide, send a mission, close."""

from __future__ import annotations

import datetime as dt
from typing import Any

from csto_registry.records.access import access_level_check
from csto_registry.records.errors import InvalidInput, NotFound, Refused
from csto_registry.records.models import Case, Decision, Operation, State, temporal_values
from csto_registry.records.models.restricted import PUBLIC
from csto_registry.records.revision import write_transaction
from csto_registry.records.rules import rule_text
from csto_registry.records.selectors.activities import case_detail_of, case_get
from csto_registry.records.selectors.common import root_get
from csto_registry.records.selectors.statutes import article4_on
from csto_registry.records.services.audit import audit_append
from csto_registry.timeline import bounds_from, edtf_span


def _save(case: Case, *, actor: str, action: str, before: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    case.version += 1
    case.save(update_fields=[*fields, "version"])
    after = case_detail_of(case)
    audit_append(actor=actor, action=action, record=f"case:{case.slug}", before=before, after=after)
    return after


@write_transaction
def case_open(
    *, victim: str, day: dt.date, summary: str, actor: str, organization: str | None = None, access: str = PUBLIC
) -> dict[str, Any]:
    """Open a case on a member state's appeal; `access` says who may read it."""
    root = root_get(organization)
    state = State.objects.filter(code=victim).first()
    if state is None:
        raise NotFound(f"no state {victim!r} (an ISO 3166-1 alpha-3 code, such as KAZ)")
    if not summary.strip():
        raise InvalidInput("a case needs a summary")
    rule_text(summary, field="summary")
    access_level_check(access, record=f"case of {victim}")
    slug = f"{victim.lower()}-{day.isoformat()}"
    if Case.objects.filter(slug=slug).exists():
        raise Refused(f"a case {slug} is already open")
    case = Case.objects.create(
        slug=slug,
        victim=state,
        opened=day.isoformat(),
        summary={"en": summary},
        dataset=root,
        step_sources={"appeal_date": day.isoformat()},
        access=access,
    )
    after = case_detail_of(case)
    audit_append(actor=actor, action="case.open", record=f"case:{slug}", after=after)
    return after


@write_transaction
def case_assess(*, case: str, actor: str) -> dict[str, Any]:
    """Assess the case under Article 4 on the day of the appeal, and keep the assessment made."""
    found = case_get(case)
    if found.status != Case.Status.OPEN:
        raise Refused(f"{found.slug} is {found.status}: only an open case is assessed")
    before = case_detail_of(found)
    found.assessment = article4_on(victim=found.victim.code, day=edtf_span(found.opened).last)
    found.status = Case.Status.ASSESSED
    return _save(found, actor=actor, action="case.assess", before=before, fields=["assessment", "status"])


@write_transaction
def case_decide(*, case: str, decision: str, actor: str) -> dict[str, Any]:
    """Attach the Council's adopted decision to an assessed case where Article 4 applies."""
    found = case_get(case)
    if found.status != Case.Status.ASSESSED:
        raise Refused(f"{found.slug} is {found.status}: a decision follows the assessment")
    if not found.assessment.get("applies"):
        reasons = "; ".join(found.assessment.get("reasons", []))
        raise Refused(f"{found.slug}: Article 4 does not apply ({reasons}): no collective-defence decision")
    adopted = Decision.objects.filter(slug=decision).select_related("instrument").first()
    if adopted is None:
        raise NotFound(f"no decision {decision!r}")
    if adopted.status != Decision.Status.ADOPTED or adopted.instrument is None:
        raise Refused(f"{decision} is {adopted.status}: only an adopted decision can decide a case")
    before = case_detail_of(found)
    found.decision = adopted.instrument
    found.decision_date = adopted.adopted_on.isoformat() if adopted.adopted_on else ""
    found.session = adopted.session
    found.status = Case.Status.DECIDED
    return _save(
        found,
        actor=actor,
        action="case.decide",
        before=before,
        fields=["decision", "decision_date", "session", "status"],
    )


@write_transaction
def case_mission(*, case: str, name: str, start: dt.date, actor: str) -> dict[str, Any]:
    """Send the mission the Council decided: an operation of kind mission, on the decision's basis."""
    found = case_get(case)
    if found.status != Case.Status.DECIDED:
        raise Refused(f"{found.slug} is {found.status}: a mission follows the Council's decision")
    if not name.strip():
        raise InvalidInput(f"mission of {found.slug}: name={name!r}: a mission needs a name", field="name")
    rule_text(name, field="name", max_length=200)
    slug = f"{found.slug}-mission"
    # The mission is read by whoever may read its case, and by no one else.
    mission = Operation.objects.create(
        slug=slug,
        name={"en": name},
        kind=Operation.Kind.MISSION,
        dataset=found.dataset,
        access=found.access,
        **temporal_values(start=start.isoformat()),
    )
    if found.decision is not None:
        mission.basis.add(found.decision)
    before = case_detail_of(found)
    found.mission, found.status = mission, Case.Status.MISSION
    return _save(found, actor=actor, action="case.mission", before=before, fields=["mission", "status"])


@write_transaction
def case_close(*, case: str, day: dt.date, actor: str) -> dict[str, Any]:
    """Close the case; its mission, if any, ends that day."""
    found = case_get(case)
    if found.status not in (Case.Status.DECIDED, Case.Status.MISSION, Case.Status.ASSESSED):
        raise Refused(f"{found.slug} is {found.status}: only an assessed, decided or mission case is closed")
    before = case_detail_of(found)
    if found.mission is not None:
        mission = found.mission
        if mission.start_min is not None and day < mission.start_min:
            raise InvalidInput(
                f"{found.slug}: date={day.isoformat()!r}: before its mission's start ({mission.start})", field="date"
            )
        bounds = bounds_from(start=mission.start or None, end=day.isoformat())
        mission.end, mission.end_min, mission.end_max = day.isoformat(), bounds.end_min, bounds.end_max
        mission.save(update_fields=["end", "end_min", "end_max"])
    found.closed, found.status = day.isoformat(), Case.Status.CLOSED
    return _save(found, actor=actor, action="case.close", before=before, fields=["closed", "status"])
