"""Export an organization's records as a dataset file that imports back to the same records."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from django.db import models

from csto_registry.datasets.exporter_activities import access_of, activities_document, drop_empty
from csto_registry.datasets.yamlwriter import write_sections
from csto_registry.records.errors import NotFound
from csto_registry.records.models import (
    Chairmanship,
    Instrument,
    InstrumentEvent,
    Organization,
    OrganizationKind,
    Person,
    Post,
    Session,
    State,
    StateMembership,
    Tenure,
    Vacancy,
)
from csto_registry.records.revision import revision_number
from csto_registry.records.selectors.common import source_map
from csto_registry.records.snapshot import read_snapshot

# Records read per query in the two sections that grow with an organization's history.
CHUNK = 5000
T = TypeVar("T")


def dataset_export(*, organization: str, path: Path) -> dict[str, int]:
    """Write the dataset of `organization` to `path` as YAML, section by section; return each section's count.

    The records are read in one transaction that sees one state of the database (REPEATABLE READ on
    PostgreSQL; a read transaction is a snapshot on SQLite), so a write meanwhile never leaves the
    file naming a record it does not hold. The people and the tenures are read and written a chunk at
    a time, never held whole.
    """
    with read_snapshot(), path.open("w", encoding="utf-8") as stream:
        stream.write(f"# {organization}: the records of revision {revision_number()} of the registry\n")
        return write_sections(stream, dataset_sections(organization=organization))


def dataset_document(*, organization: str) -> dict[str, Any]:
    """Return the dataset of `organization` as the YAML format's sections, whole (for a small one)."""
    return {
        key: value if isinstance(value, dict) else list(value)
        for key, value in dataset_sections(organization=organization)
    }


def dataset_sections(*, organization: str) -> Iterator[tuple[str, Any]]:
    """Yield the dataset of `organization` as the YAML format's sections, in their order: (key, map or records).

    The people and the tenures are generators that read the database a chunk at a time as they are
    consumed; the other sections are lists.
    """
    root = Organization.objects.filter(slug=organization, dataset__isnull=True).first()
    if root is None:
        raise NotFound(f"no organization {organization!r} (a dataset's root) in the database")
    organizations = Organization.objects.filter(dataset=root).select_related("parent").order_by("position")
    bodies = list(organizations.exclude(kind=OrganizationKind.PARTNER))
    partners = list(organizations.filter(kind=OrganizationKind.PARTNER))
    posts = list(Post.objects.filter(dataset=root).select_related("organization", "state").order_by("position"))
    post_slugs = {p.pk: p.slug for p in posts}
    person_slugs = dict(Person.objects.filter(dataset=root).values_list("pk", "slug"))
    memberships = list(
        StateMembership.objects.filter(dataset=root).select_related("state", "organization").order_by("id")
    )
    codes = {m.state.code for m in memberships} | {p.state.code for p in posts if p.state}
    codes |= set(
        Person.objects.filter(dataset=root, nationality__isnull=False).values_list("nationality__code", flat=True)
    )
    states = list(State.objects.filter(code__in=codes).order_by("code"))
    yield "organization", _organization(root, source_map(Organization, pk=root.pk).get(root.pk, []))
    yield "statutes", root.statutes
    yield "states", [_state(s, c) for s, c in _with_sources(State, states, code__in=codes)]
    yield "organizations", [_organization(o, c) for o, c in _with_sources(Organization, bodies, dataset=root)]
    yield "partners", [_partner(o, c) for o, c in _with_sources(Organization, partners, dataset=root)]
    yield "posts", [_post(p, c) for p, c in _with_sources(Post, posts, dataset=root)]
    yield "persons", _persons(root)
    yield "memberships", [_membership(m, c) for m, c in _with_sources(StateMembership, memberships, dataset=root)]
    yield "tenures", _tenures(root, post_slugs, person_slugs)
    vacancies = list(Vacancy.objects.filter(dataset=root).order_by("id"))
    yield "vacancies", [_vacancy(v, post_slugs, c) for v, c in _with_sources(Vacancy, vacancies, dataset=root)]
    instruments = list(
        Instrument.objects.filter(dataset=root)
        .select_related("adopted_by", "relates_to")
        .prefetch_related("state_parties", "organization_parties", "events__state")
        .order_by("position")
    )
    event_sources = source_map(InstrumentEvent, instrument__dataset=root)
    yield (
        "instruments",
        [_instrument(i, c, event_sources) for i, c in _with_sources(Instrument, instruments, dataset=root)],
    )
    chairmanships = list(Chairmanship.objects.filter(dataset=root).select_related("organization", "state"))
    yield "chairmanships", [_chairmanship(m, c) for m, c in _with_sources(Chairmanship, chairmanships, dataset=root)]
    sessions = list(Session.objects.filter(dataset=root).select_related("body", "state", "chair"))
    yield "sessions", [_session(s, c) for s, c in _with_sources(Session, sessions, dataset=root)]
    yield from activities_document(root).items()


def _persons(root: Organization) -> Iterator[dict[str, Any]]:
    """The people of the dataset in its order, CHUNK at a time."""
    order = Person.objects.filter(dataset=root).order_by("position", "id").values_list("id", flat=True)
    # Each chunk is read by its ids (the primary key), so that no read of a chunk scans the dataset again
    # (a chunk "after the last id" made SQLite scan the dataset's index each time).
    for ids in chunks(list(order)):
        people = Person.objects.filter(pk__in=ids).select_related("nationality").in_bulk()
        sources = source_map(Person, pk__in=ids)
        yield from (_person(people[pk], sources.get(pk, [])) for pk in ids)


def _tenures(root: Organization, posts: dict[int, str], persons: dict[int, str]) -> Iterator[dict[str, Any]]:
    """The tenures of the dataset in the order they were written, CHUNK at a time."""
    for ids in chunks(list(Tenure.objects.filter(dataset=root).order_by("id").values_list("id", flat=True))):
        tenures = Tenure.objects.filter(pk__in=ids).order_by("id")
        sources = source_map(Tenure, pk__in=ids)
        yield from (_tenure(t, posts, persons, sources.get(t.pk, [])) for t in tenures)


def chunks(rows: Iterable[T]) -> Iterator[list[T]]:
    """`rows` CHUNK at a time (the exports read their people and tenures so, and their citations per chunk)."""
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, CHUNK)):
        yield chunk


def _with_sources(model: type[models.Model], rows: list[Any], **owners: Any) -> list[tuple[Any, list[Any]]]:
    sources = source_map(model, **owners)
    return [(r, sources.get(r.pk, [])) for r in rows]


def _temporal(record: Any) -> dict[str, Any]:
    return {"from": record.start, "until": record.end, "attested": list(record.attested)}


def _state(state: State, sources: list[Any]) -> dict[str, Any]:
    return drop_empty({"code": state.code, "name": state.name, "short": state.short, "sources": sources})


def _organization(org: Organization, sources: list[Any]) -> dict[str, Any]:
    record = {
        "id": org.slug,
        "name": org.name,
        "abbr": org.abbr,
        "other_names": org.other_names,
        "parent": org.parent.slug if org.parent else None,
        "kind": org.kind,
        "seat": org.seat,
        "founded_by": org.founded_by,
    }
    return drop_empty(record | _temporal(org) | {"sources": sources})


def _post(post: Post, sources: list[Any]) -> dict[str, Any]:
    record = {
        "id": post.slug,
        "organization": post.organization.slug,
        "state": post.state.code if post.state else None,
        "title": post.title,
        "single": post.single,
        "sources": sources,
    }
    return drop_empty(record)


def _person(person: Person, sources: list[Any]) -> dict[str, Any]:
    record = {
        "id": person.slug,
        "name": person.name,
        "full_name": person.full_name,
        "other_names": person.other_names,
        "nationality": person.nationality.code if person.nationality else None,
        "ranks": person.ranks,
        "sources": sources,
    }
    return drop_empty(record)


def _membership(membership: StateMembership, sources: list[Any]) -> dict[str, Any]:
    record = {
        "state": membership.state.code,
        "organization": membership.organization.slug,
        "status": membership.status,
    }
    return drop_empty(record | _temporal(membership) | {"note": membership.note, "sources": sources})


def _tenure(tenure: Tenure, posts: dict[int, str], persons: dict[int, str], sources: list[Any]) -> dict[str, Any]:
    record = {"person": persons[tenure.person_id], "post": posts[tenure.post_id], "role": tenure.role}
    extra = {"term_until": tenure.term_until, "note": tenure.note, "sources": sources}
    return drop_empty(record | _temporal(tenure) | extra)


def _vacancy(vacancy: Vacancy, posts: dict[int, str], sources: list[Any]) -> dict[str, Any]:
    record = {"post": posts[vacancy.post_id]}
    return drop_empty(record | _temporal(vacancy) | {"note": vacancy.note, "sources": sources})


def _partner(org: Organization, sources: list[Any]) -> dict[str, Any]:
    """A partner as the format writes it: an organization record without a kind (it is always a partner)."""
    return {key: value for key, value in _organization(org, sources).items() if key != "kind"}


def _instrument(instrument: Instrument, sources: list[Any], event_sources: dict[int, list[Any]]) -> dict[str, Any]:
    parties = [s.code for s in instrument.state_parties.all()] + [o.slug for o in instrument.organization_parties.all()]
    record = {
        "id": instrument.slug,
        "kind": instrument.kind,
        "title": instrument.title,
        "adopted_by": instrument.adopted_by.slug if instrument.adopted_by else None,
        "relates_to": (
            {"instrument": instrument.relates_to.slug, "relation": instrument.relation}
            if instrument.relates_to
            else None
        ),
        "parties": parties,
        "in_force": drop_empty(_temporal(instrument)) if instrument.known_in_force else None,
        "articles": instrument.articles,
        "events": [
            drop_empty(
                {
                    "kind": event.kind,
                    "date": event.date,
                    "state": event.state.code if event.state else None,
                    "place": event.place,
                    "by": event.by,
                    "sources": event_sources.get(event.pk, []),
                }
            )
            for event in instrument.events.all()
        ],
        "access": access_of(instrument),
        "sources": sources,
    }
    return drop_empty(record)


def _chairmanship(chairmanship: Chairmanship, sources: list[Any]) -> dict[str, Any]:
    record = {"organization": chairmanship.organization.slug, "state": chairmanship.state.code}
    return drop_empty(record | _temporal(chairmanship) | {"sources": sources})


def _session(session: Session, sources: list[Any]) -> dict[str, Any]:
    record = {
        "id": session.slug,
        "body": session.body.slug,
        "start": session.start,
        "end": session.end,
        "kind": session.kind if session.kind != Session.Kind.REGULAR else None,
        "status": session.status if session.status != Session.Status.HELD else None,
        "place": session.place,
        "videoconference": session.videoconference or None,
        "state": session.state.code if session.state else None,
        "chair": session.chair.code if session.chair else None,
        "participants": session.participants,
        "agenda": session.agenda,
        "documents": session.documents,
        "access": access_of(session),
        "sources": sources,
    }
    return drop_empty(record)
