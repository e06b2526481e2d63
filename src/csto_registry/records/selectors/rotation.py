"""Reads that apply the rotation statutes: the Council's chair, the Secretary General, sessions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from csto_registry.records.errors import InvalidInput, NotFound
from csto_registry.records.models import Chairmanship, Organization, Session, State, Tenure
from csto_registry.records.selectors.common import root_get, source_map
from csto_registry.records.selectors.statutes import standing_on
from csto_registry.statutes.chairmanship import chair_for_year
from csto_registry.statutes.council_sessions import SessionRecord, council_sessions_check
from csto_registry.statutes.secretary_general import secretary_general_next

COUNCIL = "csc"
SECRETARY_GENERAL = "secretary-general"


def _names_ru() -> dict[str, str]:
    """Russian short names, by which the rotation orders the states."""
    return {s.code: (s.short or s.name).get("ru") or s.name["en"] for s in State.objects.all()}


def _eligible(year: int, organization: str | None) -> list[str]:
    """Members in good standing (certainly or possibly: the future is open) on 1 January of `year`."""
    return sorted(standing_on(day=dt.date(year, 1, 1), organization=organization))


def recorded_chairs(*, organization: str | None = None) -> dict[int, tuple[str, list[dict[str, str]]]]:
    """Return the chairing state of each year a record covers, with its sources.

    A chairmanship covers each year in which it certainly held on some day; a
    session of the Council that names its chair covers the session's year, where
    no chairmanship does.
    """
    root = root_get(organization)
    council = Organization.objects.filter(dataset=root, slug=COUNCIL).first()
    if council is None:
        raise NotFound(f"the dataset of {root.slug!r} has no Council ({COUNCIL!r})")
    recorded: dict[int, tuple[str, list[dict[str, str]]]] = {}
    chairs = list(Chairmanship.objects.filter(organization=council).select_related("state"))
    chair_sources = source_map(Chairmanship, pk__in=[c.pk for c in chairs])
    for chair in chairs:
        # The years in which the chairmanship certainly held on some day.
        if chair.start_max < chair.end_min:
            last_certain_day = chair.end_min - dt.timedelta(days=1)
            for year in range(chair.start_max.year, last_certain_day.year + 1):
                recorded.setdefault(year, (chair.state.code, chair_sources.get(chair.pk, [])))
    sessions = list(Session.objects.filter(body=council, chair__isnull=False).select_related("chair"))
    session_sources = source_map(Session, pk__in=[s.pk for s in sessions])
    for session in sessions:
        recorded.setdefault(session.start_min.year, (session.chair.code, session_sources.get(session.pk, [])))
    return recorded


def chair_of_year(*, year: int, organization: str | None = None) -> dict[str, Any]:
    """Return the chair of the Council in `year`: {"year", "state", "basis", "anchor", "sources"}."""
    if not 1992 <= year <= 2200:
        raise InvalidInput(f"--year {year}: expected a year from 1992 to 2200")
    recorded = recorded_chairs(organization=organization)
    years = range(min([year, *recorded]), max([year, *recorded]) + 1)
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
    """Check the recorded sessions of the Council against the statute: one a year, alternately hosted.

    The years checked run from the first recorded session to `until_year` (default: last year).
    """
    root = root_get(organization)
    sessions = list(Session.objects.filter(dataset=root, body__slug=COUNCIL, status="held").select_related("state"))
    if not sessions:
        return [{"year": None, "kind": "no-session", "message": "no session of the Council is recorded"}]
    last = until_year or dt.datetime.now(dt.UTC).year - 1
    records = [SessionRecord(s.start_min.year, s.state.code if s.state else None, s.slug) for s in sessions]
    first = min(r.year for r in records)
    findings = council_sessions_check(sessions=records, years=range(first, last + 1))
    return [{"year": f.year, "kind": f.kind, "message": f.message} for f in findings]
