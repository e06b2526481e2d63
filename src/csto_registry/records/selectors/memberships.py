"""Reads of states' memberships."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from csto_registry.records.models import StateMembership
from csto_registry.records.selectors.common import name_in, on_day, root_get, source_map
from csto_registry.timeline import holds_on


def membership_list_on(
    *, day: dt.date, organization: str | None = None, statuses: Collection[str] | None = ("member",), lang: str = "en"
) -> list[dict[str, Any]]:
    """Return the states whose status in `organization` holds on `day`, certainly or possibly.

    Each row: {"state", "name", "status", "certainty", "sources"}; `statuses`
    None means every status.
    """
    root = root_get(organization)
    rows = StateMembership.objects.filter(organization=root, **on_day(day)).select_related("state")
    if statuses is not None:
        rows = rows.filter(status__in=list(statuses))
    memberships = sorted(rows, key=lambda m: (m.state.code, m.start_min))
    sources = source_map(StateMembership, pk__in=[m.pk for m in memberships])
    return [
        {
            "state": m.state.code,
            "name": name_in(m.state.short or m.state.name, lang),
            "status": m.status,
            "certainty": holds_on(m.bounds, day).value,
            "sources": sources.get(m.pk, []),
        }
        for m in memberships
    ]
