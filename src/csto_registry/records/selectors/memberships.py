"""Reads of states' memberships."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from functools import lru_cache
from typing import Any

from django.db import connection

from csto_registry.records.revision import cached_on_revision
from csto_registry.records.selectors.common import citation_dict, name_in, root_get

_MEMBERS_SQL = """
SELECT x.id, st.code, st.short, st.name, x.status, x.start_min, x.start_max, x.end_min, x.end_max, s.ref, s.url, s.quote
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
    for pk, code, short, name, status, *bounds, ref, url, quote in fetched:
        if pk != last:
            last = pk
            if code not in names:
                names[code] = name_in(_names(short) or _names(name), lang)
            row = {"state": code, "name": names[code], "status": status, "sources": []}
            periods.append((*(_date(b) for b in bounds), row))  # type: ignore[arg-type]
        if quote is not None:
            key = (ref, url, quote)
            if key not in citations:
                citations[key] = citation_dict(ref, url, quote)
            periods[-1][4]["sources"].append(citations[key])
    return periods


def _date(value: Any) -> dt.date:
    """A bound as the database returns it: a date, or ISO text (SQLite through a raw cursor)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def membership_list_on(
    *, day: dt.date, organization: str | None = None, statuses: Collection[str] | None = ("member",), lang: str = "en"
) -> list[dict[str, Any]]:
    """Return the states whose status in `organization` holds on `day`, certainly or possibly.

    Each row: {"state", "name", "status", "certainty", "sources"}; `statuses`
    None means every status. Certain where the period surely covers the day
    (start_max <= day < end_min), possible where it may (start_min <= day < end_max).
    """
    wanted = tuple(statuses) if statuses is not None else None
    return [
        {
            "state": row["state"],
            "name": row["name"],
            "status": row["status"],
            "certainty": "certain" if start_max <= day < end_min else "possible",
            "sources": row["sources"],
        }
        for start_min, start_max, end_min, end_max, row in membership_periods(
            organization=organization, statuses=wanted, lang=lang
        )
        if start_min <= day < end_max
    ]
