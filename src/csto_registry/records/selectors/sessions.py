"""Reads of sessions, and their export as iCalendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from icalendar import Calendar, Event

from csto_registry.records.access import Levels, access_can_read
from csto_registry.records.errors import InvalidInput
from csto_registry.records.models import Chairmanship, InstrumentEvent, Session
from csto_registry.records.selectors.common import name_in, readable, root_get, source_map
from csto_registry.timeline import Certainty, holds_on


def session_list(
    *,
    body: str | None = None,
    year: int | None = None,
    organization: str | None = None,
    lang: str = "en",
    levels: Levels = None,
) -> list[dict[str, Any]]:
    """Return sessions, oldest first.

    Each row: {"id", "body", "start", "end", "kind", "status", "place", "videoconference", "state",
    "chair", "participants" (the states recorded as taking part, or null), "agenda",
    "documents" (what it adopted, as the sources name it), "decisions", "sources"}.
    """
    root = root_get(organization)
    sessions = readable(Session.objects.filter(dataset=root), levels).select_related("body", "state", "chair")
    if body is not None:
        sessions = sessions.filter(body__slug=body)
    if year is not None:
        if not 1900 <= year <= 2200:
            raise InvalidInput(f"--year {year}: expected a year from 1900 to 2200")
        sessions = sessions.filter(start_min__lte=dt.date(year, 12, 31), end_max__gt=dt.date(year, 1, 1))
    rows = list(sessions.prefetch_related("decisions"))
    sources = source_map(Session, pk__in=[s.pk for s in rows])
    chairs = list(Chairmanship.objects.filter(dataset=root).select_related("state"))
    # Instruments a body adopted, approved or signed within a session's days are that session's decisions.
    adopted = list(
        InstrumentEvent.objects.filter(
            instrument__dataset=root, instrument__adopted_by__isnull=False, kind__in=["adopted", "approved", "signed"]
        ).values_list("instrument__slug", "instrument__adopted_by_id", "day_min", "day_max", "instrument__access")
    )

    def decisions_of(session: Session) -> list[str]:
        recorded = [d.slug for d in session.decisions.all() if access_can_read(levels, d.access)]
        taken = {
            slug
            for slug, body_id, first, last, access in adopted
            if access_can_read(levels, access)
            and body_id == session.body_id
            and session.start_min <= first
            and last < session.end_max
        }
        return recorded + sorted(taken)

    def chair_of(session: Session) -> str | None:
        # A session's chair, if not recorded on it, is the state that chaired its body the day before:
        # the chair passes at a regular session, which the outgoing chair presides.
        if session.chair is not None:
            return session.chair.code
        day = session.start_min - dt.timedelta(days=1)
        mine = [c for c in chairs if c.organization_id == session.body_id]
        held = [c for c in mine if holds_on(c.bounds, day) is not Certainty.NO]
        certain = [c for c in held if holds_on(c.bounds, day) is Certainty.CERTAIN]
        return (certain or held)[0].state.code if len(certain or held) == 1 else None

    return [
        {
            "id": s.slug,
            "body": s.body.slug,
            "start": s.start,
            "end": s.end or s.start,
            "kind": s.kind,
            "status": s.status,
            "place": name_in(s.place, lang) if s.place else None,
            "videoconference": s.videoconference,
            "state": s.state.code if s.state else None,
            "chair": chair_of(s),
            "participants": s.participants or None,
            "agenda": [name_in(item, lang) for item in s.agenda],
            "documents": [name_in(item, lang) for item in s.documents],
            "decisions": decisions_of(s),
            "sources": sources.get(s.pk, []),
        }
        for s in rows
    ]


def sessions_ics(rows: list[dict[str, Any]], *, lang: str = "en") -> bytes:
    """Return sessions as an iCalendar file: all-day events, one per session with a known day."""
    calendar = Calendar()
    calendar.add("prodid", "-//CSTO Registry//sessions//EN")
    calendar.add("version", "2.0")
    for row in rows:
        if len(row["start"]) != 10:
            continue  # a session known only to the month or year has no day to put in a calendar
        first = dt.date.fromisoformat(row["start"])
        last = dt.date.fromisoformat(row["end"]) if len(row["end"]) == 10 else first
        event = Event()
        event.add("uid", f"{row['id']}@csto-registry")
        event.add("summary", f"{row['body'].upper()} session" + (f", {row['place']}" if row["place"] else ""))
        event.add("dtstart", first)
        event.add("dtend", last + dt.timedelta(days=1))
        event.add("dtstamp", dt.datetime(first.year, first.month, first.day, tzinfo=dt.UTC))
        if row["place"]:
            event.add("location", row["place"])
        if row["sources"]:
            source = row["sources"][0]
            event.add("description", f"{source.get('ref') or source.get('url')}: {source['quote']}")
        calendar.add_component(event)
    return calendar.to_ical()
