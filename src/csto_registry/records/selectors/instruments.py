"""Reads of instruments and partners."""

from __future__ import annotations

import datetime as dt
from typing import Any

from csto_registry.records.access import Levels, access_can_read
from csto_registry.records.errors import NotFound
from csto_registry.records.models import Instrument, InstrumentEvent, Organization, OrganizationKind
from csto_registry.records.selectors.common import bounds_json, name_in, on_day, readable, root_get, source_map
from csto_registry.timeline import EARLIEST, LATEST, holds_on


def _in_force_row(instrument: Instrument) -> dict[str, Any]:
    return {
        "from": instrument.start or None,
        "until": instrument.end or None,
        "attested": instrument.attested,
        "stated": instrument.known_in_force,
        **bounds_json(instrument.bounds),
    }


def instrument_list_on(
    *, day: dt.date | None, organization: str | None = None, lang: str = "en", levels: Levels = None
) -> list[dict[str, Any]]:
    """Return the instruments in force on `day` (certainly or possibly); with no day, every instrument.

    Each row: {"id", "kind", "title", "certainty", "in_force", "sources"}. An
    instrument whose entry into force is wholly unknown is listed only without a day.
    """
    root = root_get(organization)
    instruments = readable(Instrument.objects.filter(dataset=root), levels).order_by("position")
    if day is not None:
        instruments = instruments.filter(**on_day(day)).exclude(start_min=EARLIEST, start_max=LATEST)
    rows = list(instruments)
    sources = source_map(Instrument, pk__in=[i.pk for i in rows])
    return [
        {
            "id": i.slug,
            "kind": i.kind,
            "title": name_in(i.title, lang),
            "certainty": holds_on(i.bounds, day).value if day is not None else None,
            "in_force": _in_force_row(i),
            "sources": sources.get(i.pk, []),
        }
        for i in rows
    ]


def instrument_detail(*, slug: str, lang: str = "en", levels: Levels = None) -> dict[str, Any]:
    """Return an instrument with its parties, key articles and history of events."""
    instrument = (
        readable(Instrument.objects.filter(slug=slug), levels)
        .select_related("adopted_by", "relates_to")
        .prefetch_related("state_parties", "organization_parties", "events__state")
        .first()
    )
    if instrument is None:
        raise NotFound(f"no instrument {slug!r} (see `csto instruments` for the ids)")
    events = list(instrument.events.all())
    event_sources = source_map(InstrumentEvent, pk__in=[e.pk for e in events])
    return {
        "id": instrument.slug,
        "kind": instrument.kind,
        "title": name_in(instrument.title, lang),
        "titles": instrument.title,
        "adopted_by": instrument.adopted_by.slug if instrument.adopted_by else None,
        "relates_to": (
            {"instrument": instrument.relates_to.slug, "relation": instrument.relation}
            if instrument.relates_to and access_can_read(levels, instrument.relates_to.access)
            else None
        ),
        "parties": [s.code for s in instrument.state_parties.all()]
        + [o.slug for o in instrument.organization_parties.all()],
        "in_force": _in_force_row(instrument),
        "articles": instrument.articles,
        "events": [
            {
                "kind": e.kind,
                "date": e.date or None,
                "state": e.state.code if e.state else None,
                "place": name_in(e.place, lang) if e.place else None,
                "by": name_in(e.by, lang) if e.by else None,
                "sources": event_sources.get(e.pk, []),
            }
            for e in events
        ],
        "sources": source_map(Instrument, pk=instrument.pk).get(instrument.pk, []),
    }


def partner_list(*, organization: str | None = None, lang: str = "en", levels: Levels = None) -> list[dict[str, Any]]:
    """Return the partner organizations: {"id", "name", "parent", "instruments"} (ids of what binds them)."""
    root = root_get(organization)
    partners = list(
        Organization.objects.filter(dataset=root, kind=OrganizationKind.PARTNER)
        .select_related("parent")
        .prefetch_related("instruments")
        .order_by("position")
    )
    return [
        {
            "id": p.slug,
            "name": name_in(p.name, lang),
            "parent": p.parent.slug if p.parent else None,
            "instruments": [i.slug for i in p.instruments.all() if access_can_read(levels, i.access)],
        }
        for p in partners
    ]


def partner_detail(*, slug: str, lang: str = "en", levels: Levels = None) -> dict[str, Any]:
    """Return a partner and the instruments that bind it (or one of its parts) to the organization."""
    partner = Organization.objects.filter(slug=slug, kind=OrganizationKind.PARTNER).select_related("parent").first()
    if partner is None:
        raise NotFound(f"no partner {slug!r} (see `csto partners` for the ids)")
    parts = [partner.pk, *Organization.objects.filter(parent=partner).values_list("pk", flat=True)]
    instruments = (
        readable(Instrument.objects.filter(organization_parties__in=parts), levels).distinct().order_by("position")
    )
    return {
        "id": partner.slug,
        "name": name_in(partner.name, lang),
        "names": partner.name,
        "parent": partner.parent.slug if partner.parent else None,
        "parts": list(Organization.objects.filter(parent=partner).values_list("slug", flat=True)),
        "instruments": [{"id": i.slug, "kind": i.kind, "title": name_in(i.title, lang)} for i in instruments],
        "sources": source_map(Organization, pk=partner.pk).get(partner.pk, []),
    }
