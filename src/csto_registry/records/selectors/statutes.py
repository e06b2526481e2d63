"""Reads that apply a statute to the records: the treaty term, the Article 4 assessment."""

from __future__ import annotations

import datetime as dt
from typing import Any

from csto_registry.records.errors import InvalidInput, NotFound
from csto_registry.records.models import State, StateMembership
from csto_registry.records.selectors.common import on_day, root_get
from csto_registry.statutes.collective_defence import article4_assess
from csto_registry.statutes.consensus import Position, consensus_decide
from csto_registry.statutes.treaty_term import TreatyTermRules, treaty_term_on
from csto_registry.timeline import Certainty, holds_on


def treaty_term_on_day(*, day: dt.date, organization: str | None = None) -> dict[str, Any]:
    """Return the term of the organization's treaty in force on `day`.

    {"in_force", "term", "start", "end", "basis", "sources"}; `end` is the first
    day after the term.
    """
    root = root_get(organization)
    params = root.statutes.get("treaty_term")
    if params is None:
        raise NotFound(f"the dataset of {root.slug!r} records no treaty term (statutes.treaty_term)")
    rules = TreatyTermRules(
        entry_into_force=dt.date.fromisoformat(params["entry_into_force"]),
        years=params["years"],
        extension_years=params["extension_years"],
        automatic_extension=params["automatic_extension"],
    )
    term = treaty_term_on(day, rules)
    return {
        "in_force": term.in_force,
        "term": term.term,
        "start": term.start.isoformat() if term.start else None,
        "end": term.end.isoformat() if term.end else None,
        "basis": term.basis,
        "sources": params["sources"],
    }


def standing_on(*, day: dt.date, organization: str | None = None) -> dict[str, Certainty]:
    """Return, for each state, how sure the record is that it is a member in good standing on `day`."""
    root = root_get(organization)
    standing: dict[str, Certainty] = {}
    rows = StateMembership.objects.filter(organization=root, status="member", **on_day(day)).select_related("state")
    for membership in rows:
        certainty = holds_on(membership.bounds, day)
        if standing.get(membership.state.code) is not Certainty.CERTAIN:
            standing[membership.state.code] = certainty
    return standing


def article4_on(
    *, victim: str, day: dt.date, aggressor: str | None = None, organization: str | None = None
) -> dict[str, Any]:
    """Assess an aggression against `victim` on `day` under Article 4 of the Treaty.

    {"applies", "victim", "on", "obligated", "possibly_obligated", "basis", "procedure", "reasons"}
    """
    for code in filter(None, (victim, aggressor)):
        if not State.objects.filter(code=code).exists():
            raise NotFound(f"no state {code!r} (an ISO 3166-1 alpha-3 code, such as KAZ)")
    result = article4_assess(
        victim=victim, day=day, standing=standing_on(day=day, organization=organization), aggressor=aggressor
    )
    return {
        "applies": result.applies,
        "victim": result.victim,
        "on": result.day.isoformat(),
        "obligated": list(result.obligated),
        "possibly_obligated": list(result.possibly_obligated),
        "basis": list(result.basis),
        "procedure": list(result.procedure),
        "reasons": list(result.reasons),
    }


def consensus_on(*, day: dt.date, positions: dict[str, str], organization: str | None = None) -> dict[str, Any]:
    """Decide a draft by consensus of the members in good standing on `day`, given states' positions.

    {"adopted", "on", "members", "agree", "object", "abstain", "awaiting", "ignored", "reasons"}; a
    member possibly in good standing counts as one (its voice cannot be ignored).
    """
    choices = {p.value for p in Position}
    for state, position in positions.items():
        if position not in choices:
            raise InvalidInput(f"position {state}={position!r}: expected one of {', '.join(sorted(choices))}")
        if not State.objects.filter(code=state).exists():
            raise NotFound(f"no state {state!r} (an ISO 3166-1 alpha-3 code, such as KAZ)")
    members = frozenset(standing_on(day=day, organization=organization))
    outcome = consensus_decide(members=members, positions={s: Position(p) for s, p in positions.items()})
    return {
        "adopted": outcome.adopted,
        "on": day.isoformat(),
        "members": sorted(members),
        "agree": list(outcome.agree),
        "object": list(outcome.object),
        "abstain": list(outcome.abstain),
        "awaiting": list(outcome.awaiting),
        "ignored": list(outcome.ignored),
        "reasons": list(outcome.reasons),
    }


def peacekeeping_on(*, outside: bool, council_decision: bool, un_mandate: bool) -> dict[str, Any]:
    """Which authorization a deployment of the Peacekeeping Forces needs, and whether it has it.

    {"lawful", "needs", "missing", "reason", "sources"}: inside the area of responsibility a
    Council decision; beyond it, also a UN Security Council mandate.
    """
    from csto_registry.statutes.peacekeeping import SOURCE, peacekeeping_authorization

    ruling = peacekeeping_authorization(
        inside_area=not outside, council_decision=council_decision, un_mandate=un_mandate
    )
    return {
        "lawful": ruling.lawful,
        "needs": [a.value for a in ruling.needs],
        "missing": [a.value for a in ruling.missing],
        "reason": ruling.reason,
        "sources": [SOURCE],
    }
