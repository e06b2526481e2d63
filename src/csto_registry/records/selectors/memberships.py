"""Reads of states' memberships."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from functools import lru_cache
from typing import Any

from django.db import connection

from csto_registry.records.models import Instrument, InstrumentEvent, Organization, State, StateMembership
from csto_registry.records.revision import cached_on_revision
from csto_registry.records.selectors.common import citation_dict, db_date, last_confirmed, name_in, root_get, source_map
from csto_registry.statutes.membership import TreatyEvent, signatory_periods
from csto_registry.timeline import Span, bounds_from

SIGNATORY = str(StateMembership.Status.SIGNATORY)
FROZEN = str(StateMembership.Status.FROZEN)

_MEMBERS_SQL = """
SELECT x.id, st.code, st.short, st.name, x.status, x.start_min, x.start_max, x.end_min, x.end_max,
       x."end", x.attested, s.ref, s.url, s.quote
FROM records_statemembership x
JOIN records_state st ON st.id = x.state_id
LEFT JOIN records_statemembership_sources l ON l.statemembership_id = x.id
LEFT JOIN records_source s ON s.id = l.source_id
WHERE x.organization_id = %s {where}
ORDER BY st.code, x.start_min, x.id, l.id
"""
# A membership: its four bounds, and its row as the interfaces show it but for the certainty on a day.
Period = tuple[dt.date, dt.date, dt.date, dt.date, dict[str, Any]]


@lru_cache(maxsize=4096)
def _decoded(text: str) -> dict[str, str]:
    return dict(json.loads(text))


def _names(value: Any) -> dict[str, str]:
    """A name map as the database returns it: JSON text (SQLite) or decoded (PostgreSQL)."""
    return _decoded(value) if isinstance(value, str) else dict(value or {})


@cached_on_revision
def membership_periods(*, organization: str | None, statuses: tuple[str, ...] | None, lang: str) -> list[Period]:
    """Return every membership of `organization` (of `statuses`; None: all) with its bounds, in answer order.

    One fixed statement reads the memberships and their citations together; the
    list is kept for the records' revision (records.revision), so a question on
    any day is a scan of a few hundred periods in memory (bench/README.md).
    """
    where, params = "", [root_get(organization).pk]
    if statuses is not None:
        where = f" AND x.status IN ({', '.join(['%s'] * len(statuses))})" if statuses else " AND 1 = 0"
        params.extend(statuses)
    with connection.cursor() as cursor:
        cursor.execute(_MEMBERS_SQL.format(where=where), params)
        fetched = cursor.fetchall()
    periods: list[Period] = []
    last = None
    # A state's name and a citation repeat from row to row: each is built once.
    names: dict[str, str] = {}
    citations: dict[tuple[str, str, str], dict[str, str]] = {}
    for pk, code, short, name, status, *bounds, end, attested, ref, url, quote in fetched:
        if pk != last:
            last = pk
            if code not in names:
                names[code] = name_in(_names(short) or _names(name), lang)
            dates = [db_date(b) for b in bounds]
            confirmed = last_confirmed(end=end, attested=attested, start_max=dates[1])
            row = {"state": code, "name": names[code], "status": status, "last_confirmed": confirmed, "sources": []}
            periods.append((*dates, row))  # type: ignore[arg-type]
        if quote is not None:
            key = (ref, url, quote)
            if key not in citations:
                citations[key] = citation_dict(ref, url, quote)
            periods[-1][4]["sources"].append(citations[key])
    if statuses is None or SIGNATORY in statuses:
        periods = sorted(periods + _signatory_periods(organization, lang), key=lambda p: (p[4]["state"], p[0]))
    return periods


def founding_treaty(root: Organization) -> Instrument | None:
    """Return the dataset's founding treaty: its first instrument of kind treaty (None if it has none)."""
    return Instrument.objects.filter(dataset=root, kind="treaty").order_by("position").first()


def treaty_events(treaty: Instrument) -> list[tuple[TreatyEvent, InstrumentEvent]]:
    """Return the treaty's dated events, each as the statutes read it and as it is stored."""
    stored = treaty.events.select_related("state").exclude(date="")
    return [(TreatyEvent(e.kind, Span(e.day_min, e.day_max), e.state.code if e.state else None), e) for e in stored]


def _signatory_periods(organization: str | None, lang: str) -> list[Period]:
    """The signatory phase of each state, derived from the founding treaty's events (statutes.membership).

    Each period cites the signature and the entry into force.
    """
    treaty = founding_treaty(root_get(organization))
    if treaty is None:
        return []
    events = dict(treaty_events(treaty))
    cited = source_map(InstrumentEvent, pk__in=[e.pk for e in events.values()])
    names = {s.code: name_in(s.short or s.name, lang) for s in State.objects.all()}
    result: list[Period] = []
    for period in signatory_periods(events=list(events)):
        # signatory_periods returns a period only where the treaty records its entry into force.
        signed = events[period.signed]
        in_force = next(e for e in events.values() if e.kind == "entered-into-force" and e.state is None)
        bounds = bounds_from(start=signed.date, end=in_force.date)
        row = {
            "state": period.state,
            "name": names.get(period.state, period.state),
            "status": SIGNATORY,
            "last_confirmed": None,
            "sources": cited.get(signed.pk, []) + cited.get(in_force.pk, []),
        }
        result.append((bounds.start_min, bounds.start_max, bounds.end_min, bounds.end_max, row))
    return result


def membership_list_on(
    *, day: dt.date, organization: str | None = None, statuses: Collection[str] | None = ("member",), lang: str = "en"
) -> list[dict[str, Any]]:
    """Return the states whose status in `organization` holds on `day`, certainly or possibly.

    Each row: {"state", "name", "status", "certainty", "last_confirmed",
    "declared", "sources"}; `statuses` None means every status. Certain where
    the period surely covers the day (start_max <= day < end_min), possible
    where it may (start_min <= day < end_max). `last_confirmed` is the last day
    the sources confirm a period with no recorded end (None for one that has
    an end). `declared` lists what the state itself declared of its
    participation on that day (a freeze), each {"status", "certainty",
    "last_confirmed", "sources"}: it does not change its status in law.
    Signatories come from the founding treaty's events.
    """
    wanted = tuple(statuses) if statuses is not None else None
    periods, declared = _periods_and_declarations(organization=organization, statuses=wanted, lang=lang)
    rows = _rows_on(day, periods)
    declarations = _rows_on(day, declared)
    for row in rows:
        row["declared"] = [
            {k: d[k] for k in ("status", "certainty", "last_confirmed", "sources")}
            for d in declarations
            if d["state"] == row["state"] and row["status"] == "member"
        ]
    return rows


@cached_on_revision
def _periods_and_declarations(
    *, organization: str | None, statuses: tuple[str, ...] | None, lang: str
) -> tuple[list[Period], list[Period]]:
    """The periods of `statuses`, and the states' declarations (frozen periods), both kept for the revision."""
    periods = membership_periods(organization=organization, statuses=statuses, lang=lang)
    if statuses is None or FROZEN in statuses:
        return periods, [p for p in periods if p[4]["status"] == FROZEN]
    return periods, membership_periods(organization=organization, statuses=(FROZEN,), lang=lang)


def _rows_on(day: dt.date, periods: list[Period]) -> list[dict[str, Any]]:
    return [
        {
            "state": row["state"],
            "name": row["name"],
            "status": row["status"],
            "certainty": "certain" if start_max <= day < end_min else "possible",
            "last_confirmed": row["last_confirmed"],
            "sources": row["sources"],
        }
        for start_min, start_max, end_min, end_max, row in periods
        if start_min <= day < end_max
    ]
