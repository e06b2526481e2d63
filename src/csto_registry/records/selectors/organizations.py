"""Reads of the organization's bodies."""

from __future__ import annotations

import datetime as dt
from typing import Any

from csto_registry.records.models import Organization, OrganizationKind
from csto_registry.records.selectors.common import name_in, on_day, root_get
from csto_registry.timeline import holds_on


def organization_list_on(*, day: dt.date, organization: str | None = None, lang: str = "en") -> list[dict[str, Any]]:
    """Return the bodies of `organization` that exist on `day`, certainly or possibly, as a tree in order.

    Each row: {"id", "name", "kind", "parent", "from", "founded_by" (the instrument that created it, or
    null), "certainty"}.
    """
    root = root_get(organization)
    bodies = (
        Organization.objects.filter(dataset=root, **on_day(day))
        .exclude(kind=OrganizationKind.PARTNER)
        .select_related("parent")
        .order_by("position")
    )
    return [
        {
            "id": body.slug,
            "name": name_in(body.name, lang),
            "kind": body.kind,
            "parent": body.parent.slug if body.parent else None,
            "from": body.start or None,
            "founded_by": name_in(body.founded_by, lang) if body.founded_by else None,
            "certainty": holds_on(body.bounds, day).value,
        }
        for body in bodies
    ]
