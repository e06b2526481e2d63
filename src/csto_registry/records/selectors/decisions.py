"""Reads of draft and adopted decisions, with the states' positions."""

from __future__ import annotations

from typing import Any

from csto_registry.records.access import Levels
from csto_registry.records.errors import NotFound
from csto_registry.records.models import Decision
from csto_registry.records.selectors.common import readable, root_get


def decision_get(slug: str, levels: Levels = None) -> Decision:
    """Return the decision with this id (one the reader may not read is not found)."""
    decision = readable(Decision.objects.filter(slug=slug), levels).select_related("body", "session").first()
    if decision is None:
        raise NotFound(f"no draft or decision {slug!r}")
    return decision


def decision_json(decision: Decision) -> dict[str, Any]:
    """A decision as the interfaces show it: {"id", "body", "session", "title", "status", ..., "positions"}."""
    return {
        "id": decision.slug,
        "body": decision.body.slug,
        "session": decision.session.slug if decision.session else None,
        "title": decision.title,
        "status": decision.status,
        "number": decision.number or None,
        "adopted_on": decision.adopted_on.isoformat() if decision.adopted_on else None,
        "instrument": decision.instrument.slug if decision.instrument else None,
        "access": decision.access,
        "positions": {
            p.state.code: p.value for p in decision.positions.select_related("state").order_by("state__code")
        },
        "version": decision.version,
    }


def decision_list(
    *, body: str | None = None, status: str | None = None, organization: str | None = None, levels: Levels = None
) -> list[dict[str, Any]]:
    """Return the decisions (drafts included) the reader may read, oldest first."""
    decisions = readable(Decision.objects.filter(dataset=root_get(organization)), levels)
    if body is not None:
        decisions = decisions.filter(body__slug=body)
    if status is not None:
        decisions = decisions.filter(status=status)
    return [decision_json(d) for d in decisions.select_related("body", "session", "instrument")]


def decision_detail(*, slug: str, levels: Levels = None) -> dict[str, Any]:
    """Return one decision with its positions."""
    return decision_json(decision_get(slug, levels))
