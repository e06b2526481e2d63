"""Reads of states' memberships."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from functools import lru_cache
from typing import Any

from django.db import connection

from csto_registry.records.selectors.common import CERTAINTY_SQL, citation_dict, name_in, root_get

_MEMBERS_SQL = """
SELECT x.id, x.organization_id, st.code, st.short, st.name, x.status, {certainty}, s.ref, s.url, s.quote
FROM records_statemembership x
JOIN records_organization o ON o.id = x.organization_id
JOIN records_state st ON st.id = x.state_id
LEFT JOIN records_statemembership_sources l ON l.statemembership_id = x.id
LEFT JOIN records_source s ON s.id = l.source_id
WHERE o.dataset_id IS NULL {where} AND x.start_min <= %s AND x.end_max > %s
ORDER BY st.code, x.start_min, x.id, l.id
"""


@lru_cache(maxsize=4096)
def _decoded(text: str) -> dict[str, str]:
    return dict(json.loads(text))


def _names(value: Any) -> dict[str, str]:
    """A name map as the database returns it: JSON text (SQLite) or decoded (PostgreSQL)."""
    return _decoded(value) if isinstance(value, str) else dict(value or {})


def membership_list_on(
    *, day: dt.date, organization: str | None = None, statuses: Collection[str] | None = ("member",), lang: str = "en"
) -> list[dict[str, Any]]:
    """Return the states whose status in `organization` holds on `day`, certainly or possibly.

    Each row: {"state", "name", "status", "certainty", "sources"}; `statuses`
    None means every status. One fixed statement reads the rows and their
    citations together (as for holders: the ORM's query building cost more
    than the query; bench/README.md).
    """
    where, params = "", []
    if organization:
        where += " AND o.slug = %s"
        params.append(organization)
    if statuses is not None:
        wanted = list(statuses)
        where += f" AND x.status IN ({', '.join(['%s'] * len(wanted))})" if wanted else " AND 1 = 0"
        params.extend(wanted)
    adapted = connection.ops.adapt_datefield_value(day)
    with connection.cursor() as cursor:
        sql = _MEMBERS_SQL.format(where=where, certainty=CERTAINTY_SQL)
        cursor.execute(sql, [adapted, adapted, *params, adapted, adapted])
        fetched = cursor.fetchall()
    if not fetched or len({row[1] for row in fetched}) > 1:
        # No row, or several organizations: settle which one is meant (and refuse an unknown one).
        root_id = root_get(organization).pk
        fetched = [row for row in fetched if row[1] == root_id]
    rows: list[dict[str, Any]] = []
    last = None
    # A state's name and a citation repeat from row to row: each is built once per call.
    names: dict[str, str] = {}
    citations: dict[tuple[str, str, str], dict[str, str]] = {}
    for pk, _, code, short, name, status, certainty, ref, url, quote in fetched:
        if pk != last:
            last = pk
            if code not in names:
                names[code] = name_in(_names(short) or _names(name), lang)
            rows.append({"state": code, "name": names[code], "status": status, "certainty": certainty, "sources": []})
        if quote is not None:
            key = (ref, url, quote)
            if key not in citations:
                citations[key] = citation_dict(ref, url, quote)
            rows[-1]["sources"].append(citations[key])
    return rows
