"""Reads that apply the rotation statutes: the Council's chair, the Secretary General, sessions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from csto_registry.records.errors import InvalidInput, NotFound
from csto_registry.records.models import (
    Chairmanship,
    Organization,
    Session,
    State,
    StateMembership,
    Tenure,
)
from csto_registry.records.selectors.common import root_get, source_map
from csto_registry.records.selectors.memberships import founding_treaty, treaty_events
from csto_registry.records.selectors.statutes import standing_on
from csto_registry.statutes.chairmanship import chair_for_year, next_in_rotation, projection_years
from csto_registry.statutes.council_sessions import SessionRecord, council_sessions_check
from csto_registry.statutes.membership import StatusPeriod, membership_consistency
from csto_registry.statutes.secretary_general import secretary_general_next
from csto_registry.timeline import Certainty, Span, holds_on

COUNCIL = "csc"
SECRETARY_GENERAL = "secretary-general"


def _names_ru() -> dict[str, str]:
    """Russian short names, by which the rotation orders the states."""
    return {s.code: (s.short or s.name).get("ru") or s.name["en"] for s in State.objects.all()}


def _eligible(year: int, organization: str | None) -> list[str]:
    """Members in good standing (certainly or possibly: the future is open) on 1 January of `year`."""
    return sorted(standing_on(day=dt.date(year, 1, 1), organization=organization))


def recorded_chairs(*, organization: str | None = None) -> dict[int, tuple[str, list[dict[str, str]]]]:
    """Return the state that chaired the Council in each year a record covers, with its sources.

    Before 2024 the chair passed at the Council's regular session, in any month,
    so a year's chair is the one in office on 1 July (for most of the year): a
    chairmanship certainly in office that day wins, then the chair a session of
    that year names, then a chairmanship possibly in office that day.
    """
    root = root_get(organization)
    council = Organization.objects.filter(dataset=root, slug=COUNCIL).first()
    if council is None:
        raise NotFound(f"the dataset of {root.slug!r} has no Council ({COUNCIL!r})")
    chairs = list(Chairmanship.objects.filter(organization=council).select_related("state"))
    chair_sources = source_map(Chairmanship, pk__in=[c.pk for c in chairs])
    sessions = list(Session.objects.filter(body=council, chair__isnull=False).select_related("chair"))
    session_sources = source_map(Session, pk__in=[s.pk for s in sessions])
    certain: dict[int, tuple[str, list[dict[str, str]]]] = {}
    possible: dict[int, tuple[str, list[dict[str, str]]]] = {}
    for chair in chairs:
        cited = (chair.state.code, chair_sources.get(chair.pk, []))
        # A chairmanship with no known end possibly lasts for ever: it speaks for no year after its evidence.
        for year in range(max(chair.start_min.year, 1900), min(chair.end_max.year, chair.end_min.year) + 1):
            certainty = holds_on(chair.bounds, dt.date(year, 7, 1))
            if certainty is Certainty.CERTAIN:
                certain.setdefault(year, cited)
            elif certainty is Certainty.POSSIBLE:
                possible.setdefault(year, cited)
    by_session = {s.start_min.year: (s.chair.code, session_sources.get(s.pk, [])) for s in reversed(sessions)}
    return possible | by_session | certain


def chair_of_year(*, year: int, organization: str | None = None) -> dict[str, Any]:
    """Return the chair of the Council in `year`: {"year", "state", "basis", "anchor", "sources"}."""
    if not 1992 <= year <= 2200:
        raise InvalidInput(f"--year {year}: expected a year from 1992 to 2200")
    recorded = recorded_chairs(organization=organization)
    # Good standing matters only for the years a projection passes through, from its anchor to `year`.
    years = projection_years(year, recorded)
    eligible = {y: _eligible(y, organization) for y in years}
    chair = chair_for_year(
        year, recorded={y: s for y, (s, _) in recorded.items()}, eligible=eligible, names_ru=_names_ru()
    )
    sources = recorded[chair.anchor][1] if chair.anchor in recorded else []
    return {"year": year, "state": chair.state, "basis": chair.basis, "anchor": chair.anchor, "sources": sources}


def secretary_general_rotation(*, organization: str | None = None) -> dict[str, Any]:
    """Return the next Secretary General's state and term by the rotation, after the last recorded holder."""
    root = root_get(organization)
    last = (
        Tenure.objects.filter(dataset=root, post__slug=SECRETARY_GENERAL)
        .select_related("person__nationality")
        .order_by("-start_max", "-id")
        .first()
    )
    if last is None or last.person.nationality is None or not last.start:
        raise NotFound("no Secretary General with a known start and nationality is recorded")
    end = dt.date.fromisoformat(last.end) if len(last.end) == 10 else None
    start = last.start_min
    term_end = end or dt.date(start.year + 3, start.month, start.day)
    nxt = secretary_general_next(
        last_state=last.person.nationality.code,
        last_start=start,
        last_end=end,
        eligible=_eligible(term_end.year, organization),
        names_ru=_names_ru(),
    )
    return {
        "last": {"person": last.person.slug, "state": nxt.after, "from": last.start, "until": last.end or None},
        "next": {"state": nxt.state, "start": nxt.start.isoformat(), "end": nxt.end.isoformat()},
        "basis": "rotation among the member states in the Russian alphabetical order, three-year terms",
        "sources": source_map(Tenure, pk=last.pk).get(last.pk, []),
    }


def statute_findings(*, organization: str | None = None, until_year: int | None = None) -> list[dict[str, Any]]:
    """Check the records against the statutes and return the departures, with the facts behind them.

    - Council sessions: at least one a year, from the first recorded session to
      `until_year` (default: last year); regular sessions alternately hosted.
    - Chairmanship: each recorded chair that is not the one the rotation gives
      after the year before (the Council may decide otherwise; this says where it did).
    """
    root = root_get(organization)
    sessions = list(Session.objects.filter(dataset=root, body__slug=COUNCIL, status="held").select_related("state"))
    findings: list[dict[str, Any]] = []
    if not sessions:
        findings.append({"year": None, "kind": "no-session", "message": "no session of the Council is recorded"})
    else:
        last = until_year or dt.datetime.now(dt.UTC).year - 1
        records = [
            SessionRecord(s.start_min.year, s.state.code if s.state else None, s.slug, s.kind == Session.Kind.REGULAR)
            for s in sessions
        ]
        first = min(r.year for r in records)
        findings += [
            {"year": f.year, "kind": f.kind, "message": f.message}
            for f in council_sessions_check(sessions=records, years=range(first, last + 1))
        ]
    recorded = recorded_chairs(organization=organization)
    names_ru = _names_ru()
    for year in sorted(recorded):
        if year - 1 not in recorded:
            continue
        before, now = recorded[year - 1][0], recorded[year][0]
        if now == before:
            findings.append(
                {"year": year, "kind": "chair-kept", "message": f"{year}: {now} kept the chair it held in {year - 1}"}
            )
            continue
        expected = next_in_rotation(before, _eligible(year, organization), names_ru)
        if expected != now:
            findings.append(
                {
                    "year": year,
                    "kind": "chair-not-by-rotation",
                    "message": f"{year}: {now} chaired the Council; after {before} in {year - 1} "
                    f"the rotation gives {expected}",
                }
            )
    findings += membership_findings(organization=organization)
    return sorted(findings, key=lambda f: (f["year"] or 0, f["kind"]))


def membership_findings(*, organization: str | None = None) -> list[dict[str, Any]]:
    """Compare each state's recorded statuses with the events of the founding treaty.

    The founding treaty is the dataset's first instrument of kind treaty; what
    a state declared of its own participation (`frozen`) is left out.
    """
    root = root_get(organization)
    treaty = founding_treaty(root)
    if treaty is None:
        return []
    parties = frozenset(treaty.state_parties.values_list("code", flat=True))
    events = [event for event, _ in treaty_events(treaty)]
    periods: dict[str, list[StatusPeriod]] = {}
    # A declaration of a state's own (a frozen participation) is no status under the treaty.
    statuses = StateMembership.objects.filter(organization=root).exclude(status=StateMembership.Status.FROZEN)
    for m in statuses.select_related("state"):
        start = Span(m.start_min, m.start_max) if m.start else None
        end = Span(m.end_min, m.end_max) if m.end else None
        periods.setdefault(m.state.code, []).append(StatusPeriod(m.status, start, end))
    findings = []
    for state in sorted(parties | set(periods)):
        for problem in membership_consistency(
            state=state, parties=parties, events=events, periods=periods.get(state, [])
        ):
            findings.append({"year": None, "kind": "membership-vs-treaty", "message": problem})
    return findings
