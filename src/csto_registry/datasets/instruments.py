"""Reading the partners and instruments of a dataset (the importer's second half)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from csto_registry.datasets.fields import Record
from csto_registry.records.models import Instrument, InstrumentEvent, InstrumentKind, Organization, OrganizationKind
from csto_registry.timeline import bounds_from, edtf_span

if TYPE_CHECKING:
    from csto_registry.datasets.importer import _Loader

PARTNER_KEYS = frozenset({"id", "name", "abbr", "other_names", "parent", "sources"})
INSTRUMENT_KEYS = frozenset(
    {
        "access",
        "id",
        "kind",
        "title",
        "adopted_by",
        "relates_to",
        "parties",
        "in_force",
        "articles",
        "events",
        "sources",
    }
)
EVENT_KEYS = frozenset({"kind", "date", "state", "place", "by", "sources"})
ARTICLE_KEYS = frozenset({"number", "text", "sources"})
KINDS = frozenset(InstrumentKind.values)
EVENT_KINDS = frozenset(InstrumentEvent.Kind.values)
RELATIONS = frozenset(Instrument.Relation.values)
# Without an explicit in_force, an instrument is taken to be in force from the first of these events.
START_EVENTS = ("entered-into-force", "adopted", "approved", "signed")


def read_partner(loader: _Loader, record: Record) -> None:
    """Create a partner organization: one outside the dataset's tree, such as the UN."""
    record.check_keys(PARTNER_KEYS)
    slug = record.slug("id")
    if slug in loader.organizations:
        raise record.fail("id", "is defined twice")
    if Organization.objects.filter(slug=slug).exists():
        raise record.fail("id", "is already used by another organization's dataset")
    parent_id = None
    if record.data.get("parent") is not None:
        parent = record.slug("parent")
        if parent not in loader.partners:
            raise record.fail("parent", "names no partner defined before it")
        parent_id = loader.organizations[parent]
    partner = Organization(
        slug=slug,
        name=record.names("name"),
        abbr=record.names("abbr", required=False),
        other_names=record.text_list("other_names"),
        kind=OrganizationKind.PARTNER,
        parent_id=parent_id,
        dataset=loader.root,
        position=loader.next_position(),
        **loader.temporal_fields(record),
    )
    citations = record.citations(loader.seeds)
    partner.save()
    loader.cite(partner, citations)
    loader.organizations[slug] = partner.pk
    loader.partners.add(slug)
    loader.counts["partners"] += 1


def read_instrument(loader: _Loader, record: Record) -> None:
    """Create an instrument with its parties, key articles and lifecycle events."""
    record.check_keys(INSTRUMENT_KEYS)
    slug = record.slug("id")
    if slug in loader.instruments:
        raise record.fail("id", "is defined twice")
    if Instrument.objects.filter(slug=slug).exists():
        raise record.fail("id", "is already used by another organization's dataset")
    events = _events(loader, record)
    relates_to_id, relation = _relation(loader, record)
    instrument = Instrument(
        slug=slug,
        kind=record.choice("kind", KINDS),
        title=record.names("title"),
        adopted_by_id=loader.ref(record, "adopted_by", loader.organizations) if record.data.get("adopted_by") else None,
        relates_to_id=relates_to_id,
        relation=relation,
        articles=_articles(loader, record),
        dataset=loader.root,
        access=record.access(loader.states),
        position=loader.next_position(),
        **_in_force(loader, record, events),
    )
    states, organizations = _parties(loader, record)
    citations = record.citations(loader.seeds)
    instrument.save()
    loader.cite(instrument, citations)
    instrument.state_parties.set(states)
    instrument.organization_parties.set(organizations)
    for event, event_citations in events:
        event.instrument = instrument
        event.save()
        loader.cite(event, event_citations)
    loader.instruments[slug] = instrument.pk
    loader.counts["instruments"] += 1
    loader.counts["instrument events"] += len(events)


def _relation(loader: _Loader, record: Record) -> tuple[int | None, str]:
    value = record.data.get("relates_to")
    if value is None:
        return None, ""
    if not isinstance(value, Mapping) or set(value) != {"instrument", "relation"}:
        raise record.fail("relates_to", "must be {instrument: ID, relation: extends|amends|implements|replaces}")
    if value["instrument"] not in loader.instruments:
        raise record.fail("relates_to", "names no instrument defined before it")
    if value["relation"] not in RELATIONS:
        raise record.fail("relates_to", f"relation must be one of {', '.join(sorted(RELATIONS))}")
    return loader.instruments[value["instrument"]], str(value["relation"])


def _parties(loader: _Loader, record: Record) -> tuple[list[int], list[int]]:
    parties = record.data.get("parties", [])
    if not isinstance(parties, list):
        raise record.fail("parties", "must be a list of state codes, bodies or partners")
    states, organizations = [], []
    for party in parties:
        if party in loader.states:
            states.append(loader.states[party])
        elif party in loader.organizations:
            organizations.append(loader.organizations[party])
        else:
            raise record.fail("parties", f"{party!r} names no state, body or partner defined before it")
    return states, organizations


def _articles(loader: _Loader, record: Record) -> list[dict[str, Any]]:
    articles = record.data.get("articles", [])
    if not isinstance(articles, list):
        raise record.fail("articles", "must be a list")
    result = []
    for index, item in enumerate(articles):
        article = record.child(f"articles[{index}]", item)
        article.check_keys(ARTICLE_KEYS)
        number = article.required("number")
        result.append(
            {
                "number": str(number),
                "text": article.names("text"),
                "sources": [c.as_dict() for c in article.citations(loader.seeds)],
            }
        )
    return result


def _events(loader: _Loader, record: Record) -> list[tuple[InstrumentEvent, list[Any]]]:
    events = record.data.get("events", [])
    if not isinstance(events, list):
        raise record.fail("events", "must be a list")
    result = []
    for index, item in enumerate(events):
        event = record.child(f"events[{index}]", item)
        event.check_keys(EVENT_KEYS)
        date = event.edtf("date") or ""
        span = edtf_span(date) if date else None
        result.append(
            (
                InstrumentEvent(
                    kind=event.choice("kind", EVENT_KINDS),
                    date=date,
                    day_min=span.first if span else bounds_from().start_min,
                    day_max=span.last if span else bounds_from().start_max,
                    state_id=loader.ref(event, "state", loader.states) if event.data.get("state") else None,
                    place=event.names("place", required=False),
                    by=event.names("by", required=False),
                    position=index,
                ),
                event.citations(loader.seeds),
            )
        )
    return result


def _in_force(loader: _Loader, record: Record, events: list[tuple[InstrumentEvent, list[Any]]]) -> dict[str, Any]:
    """Read when the instrument is in force: given, or from its first entry-into-force or adoption event.

    A given `in_force` without `from` (or `until`) takes the one its events
    imply: an instrument is not in force before it was adopted, whatever else
    is known of it.
    """
    by_kind = {event.kind: event for event, _ in reversed(events) if event.date}
    start = next((by_kind[k].date for k in START_EVENTS if k in by_kind), None)
    end = by_kind["expired"].date if "expired" in by_kind else None
    value = record.data.get("in_force")
    if value is not None:
        if not isinstance(value, Mapping):
            raise record.fail("in_force", "must be {from, until, attested}")
        inner = Record(record.file, f"{record.where} in_force", {"from": start, "until": end, **value})
        inner.check_keys(frozenset({"from", "until", "attested"}))
        return loader.temporal_fields(inner) | {"known_in_force": True}
    derived = Record(record.file, record.where, {"from": start, "until": end})
    return loader.temporal_fields(derived) | {"known_in_force": False}
