"""Writes of the Secretariat's workflow: plan a session, draft a decision, record positions, adopt."""

from __future__ import annotations

import datetime as dt
from typing import Any

from csto_registry.records.access import Levels, access_level_check
from csto_registry.records.errors import Conflict, InvalidInput, NotFound, Refused
from csto_registry.records.models import (
    Decision,
    Instrument,
    InstrumentEvent,
    Organization,
    Position,
    Session,
    State,
    temporal_values,
)
from csto_registry.records.models.restricted import MEMBER_STATES, PUBLIC
from csto_registry.records.revision import write_transaction
from csto_registry.records.rules import rule_text
from csto_registry.records.selectors.common import root_get
from csto_registry.records.selectors.decisions import decision_get, decision_json
from csto_registry.records.selectors.rotation import chair_of_year
from csto_registry.records.selectors.statutes import standing_on
from csto_registry.records.services.audit import audit_append
from csto_registry.statutes.consensus import Position as Stance
from csto_registry.statutes.consensus import consensus_decide


def _body(slug: str, organization: str | None) -> Organization:
    root = root_get(organization)
    body = Organization.objects.filter(dataset=root, slug=slug).first()
    if body is None:
        raise NotFound(f"no body {slug!r} in {root.slug!r} (see `csto bodies` for the ids)")
    return body


@write_transaction
def session_plan(
    *, body: str, year: int, actor: str, organization: str | None = None, access: str = PUBLIC
) -> dict[str, Any]:
    """Record a planned session of `body` in `year`, chaired and hosted by the state the rotation gives."""
    access_level_check(access, record=f"session of {body} in {year}")
    council = _body(body, organization)
    chair = chair_of_year(year=year, organization=organization)
    if chair["state"] is None:
        raise Refused(f"no chair can be given for {year}: no chairmanship is recorded to project from")
    slug = f"{body}-{year}-planned"
    if Session.objects.filter(slug=slug).exists():
        raise Refused(f"a session of {body} in {year} is already planned ({slug})")
    state = State.objects.get(code=chair["state"])
    session = Session.objects.create(
        slug=slug,
        body=council,
        status=Session.Status.PLANNED,
        state=state,
        chair=state,
        participants=sorted(standing_on(day=dt.date(year, 1, 1), organization=organization)),
        dataset=council.dataset or council,
        access=access,
        **temporal_values(start=str(year)),
    )
    result = {
        "id": session.slug,
        "body": body,
        "year": year,
        "status": session.status,
        "chair": state.code,
        "host": state.code,
        "participants": session.participants,
        "access": session.access,
        "basis": chair["basis"],
        "sources": chair["sources"],
    }
    audit_append(actor=actor, action="session.plan", record=f"session:{slug}", after=result)
    return result


@write_transaction
def decision_draft(
    *,
    body: str,
    title: str,
    actor: str,
    title_ru: str | None = None,
    session: str | None = None,
    organization: str | None = None,
    access: str = MEMBER_STATES,
) -> dict[str, Any]:
    """Create a draft decision of `body`, for a session if given.

    A draft is shared with the member states unless `access` says otherwise; the
    instrument it becomes on adoption keeps its access level.
    """
    council = _body(body, organization)
    access_level_check(access, record=f"draft of {body}")
    if not title.strip():
        raise InvalidInput("a draft needs a title")
    rule_text(title, field="title")
    if title_ru:
        rule_text(title_ru, field="title_ru")
    session_obj = None
    if session is not None:
        session_obj = Session.objects.filter(slug=session, body=council).first()
        if session_obj is None:
            raise NotFound(f"no session {session!r} of {body}")
        # A draft for a restricted session is read by no more than the session's readers.
        access = access_level_check(access, record=f"draft of {body}", within=(session_obj.access,))
    number = Decision.objects.filter(body=council).count() + 1
    slug = f"{body}-draft-{number}"
    while Decision.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{body}-draft-{number}"
    decision = Decision.objects.create(
        slug=slug,
        body=council,
        session=session_obj,
        title={"en": title} | ({"ru": title_ru} if title_ru else {}),
        dataset=council.dataset or council,
        access=access,
    )
    result = decision_json(decision)
    audit_append(actor=actor, action="decision.draft", record=f"decision:{slug}", after=result)
    return result


def decision_locked(slug: str, levels: Levels) -> Decision:
    """The decision, locked for the rest of the transaction (one the writer may not read is not found)."""
    decision_get(slug, levels)
    return Decision.objects.select_for_update().select_related("body", "dataset").get(slug=slug)


def _check_version(decision: Decision, expected: int | None) -> None:
    if expected is not None and expected != decision.version:
        raise Conflict(
            f"{decision.slug} changed since version {expected} (it is at version {decision.version}): reload and retry"
        )


@write_transaction
def position_record(
    *,
    decision: str,
    state: str,
    value: str,
    actor: str,
    day: dt.date,
    expected_version: int | None = None,
    levels: Levels = None,
) -> dict[str, Any]:
    """Record a member state's position (agree, object, abstain) on a draft the writer may read.

    Refused for a state that is not a member in good standing on `day` (a
    suspended member's position counts for nothing under the consensus rule).
    """
    draft = decision_locked(decision, levels)
    _check_version(draft, expected_version)
    if draft.status != Decision.Status.DRAFT:
        raise Refused(f"{draft.slug} is {draft.status}: positions are recorded on drafts only")
    if value not in Position.Value.values:
        raise InvalidInput(f"position {value!r}: expected one of agree, object, abstain")
    state_obj = State.objects.filter(code=state).first()
    if state_obj is None:
        raise NotFound(f"no state {state!r} (an ISO 3166-1 alpha-3 code, such as KAZ)")
    root = draft.dataset
    if state not in standing_on(day=day, organization=root.slug):
        status = _status_on(state_obj, root, day)
        raise Refused(f"{state} is not a member state in good standing on {day} ({status}): its position is refused")
    before = decision_json(draft)
    Position.objects.update_or_create(
        decision=draft,
        state=state_obj,
        defaults={"value": value, "recorded_by": actor, "recorded_at": dt.datetime.now(dt.UTC)},
    )
    draft.version += 1
    draft.save(update_fields=["version"])
    after = decision_json(draft)
    audit_append(actor=actor, action="position.record", record=f"decision:{draft.slug}", before=before, after=after)
    return after


def _status_on(state: State, root: Organization, day: dt.date) -> str:
    statuses = sorted(
        m.status for m in state.memberships.filter(organization=root, start_min__lte=day, end_max__gt=day)
    )
    return f"its membership is {' or '.join(statuses)}" if statuses else "no membership is recorded"


@write_transaction
def decision_adopt(*, decision: str, actor: str, day: dt.date, expected_version: int | None = None) -> dict[str, Any]:
    """Adopt a draft by consensus of the member states in good standing on `day`; it becomes an instrument.

    Refused, with the reasons, when consensus is not reached.
    """
    draft = decision_locked(decision, None)
    _check_version(draft, expected_version)
    if draft.status != Decision.Status.DRAFT:
        raise Refused(f"{draft.slug} is already {draft.status}")
    members = frozenset(standing_on(day=day, organization=draft.dataset.slug))
    positions = {p.state.code: Stance(p.value) for p in draft.positions.select_related("state")}
    outcome = consensus_decide(members=members, positions=positions)
    if not outcome.adopted:
        raise Refused(f"{draft.slug} is not adopted by consensus: {'; '.join(outcome.reasons)}")
    before = decision_json(draft)
    sequence = Decision.objects.filter(body=draft.body, adopted_on__year=day.year).count() + 1
    draft.number = f"{draft.body.slug.upper()}-{day.year}-{sequence:02d}"
    draft.status, draft.adopted_on = Decision.Status.ADOPTED, day
    instrument = Instrument.objects.create(
        slug=f"{draft.body.slug}-decision-{day.year}-{sequence:02d}",
        kind="decision",
        title=draft.title,
        adopted_by=draft.body,
        dataset=draft.dataset,
        access=draft.access,
        **temporal_values(start=day.isoformat()),
    )
    instrument.organization_parties.add(draft.body)
    instrument.state_parties.set(State.objects.filter(code__in=outcome.agree + outcome.abstain))
    InstrumentEvent.objects.create(
        instrument=instrument, kind="adopted", date=day.isoformat(), day_min=day, day_max=day
    )
    draft.instrument = instrument
    draft.version += 1
    draft.save(update_fields=["number", "status", "adopted_on", "instrument", "version"])
    after = decision_json(draft)
    audit_append(actor=actor, action="decision.adopt", record=f"decision:{draft.slug}", before=before, after=after)
    return after
