"""Reads of states' memberships."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from csto_registry.records.models import StateMembership
from csto_registry.records.selectors.common import name_in, on_day, root_get, source_map
from csto_registry.timeline import Bounds, holds_on


def membership_list_on(
    *, day: dt.date, organization: str | None = None, statuses: Collection[str] | None = ("member",), lang: str = "en"
) -> list[dict[str, Any]]:
    """Return the states whose status in `organization` holds on `day`, certainly or possibly.

    Each row: {"state", "name", "status", "certainty", "sources"}; `statuses`
    None means every status.
    """
    rows = StateMembership.objects.filter(organization__dataset__isnull=True, **on_day(day))
    rows = rows.filter(organization__slug=organization) if organization else rows
    if statuses is not None:
        rows = rows.filter(status__in=list(statuses))
    memberships = list(
        rows.order_by("state__code", "start_min", "id").values_list(
            "id",
            "organization_id",
            "state__code",
            "state__short",
            "state__name",
            "status",
            "start_min",
            "start_max",
            "end_min",
            "end_max",
        )
    )
    if not memberships or len({m[1] for m in memberships}) > 1:
        # No row, or several organizations: settle which one is meant (and refuse an unknown one).
        root_id = root_get(organization).pk
        memberships = [m for m in memberships if m[1] == root_id]
    sources = source_map(StateMembership, pk__in=[m[0] for m in memberships]) if memberships else {}
    return [
        {
            "state": code,
            "name": name_in(short or name, lang),
            "status": status,
            "certainty": holds_on(Bounds(*bounds), day).value,
            "sources": sources.get(pk, []),
        }
        for pk, _, code, short, name, status, *bounds in memberships
    ]
