"""Reads of who held which post, and of a person's tenures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.db.models.fields.json import KeyTextTransform

from csto_registry.records.errors import Ambiguous, NotFound
from csto_registry.records.models import Person, Tenure
from csto_registry.records.selectors.common import (
    bounds_json,
    name_in,
    on_day,
    organization_get,
    post_get,
    root_get,
    source_map,
)
from csto_registry.timeline import Bounds, holds_on


def _holder_rows(tenures: QuerySet[Tenure], day: dt.date, lang: str) -> list[dict[str, Any]]:
    """Turn the tenures that hold on `day` into holder rows, in one query for the rows and one for the sources."""
    held = list(
        tenures.filter(**on_day(day))
        .order_by("post__position", "start_min", "id")
        .values_list(
            "id",
            "post__slug",
            "person__slug",
            "person__name",
            "post__state__code",
            "person__nationality__code",
            "start_min",
            "start_max",
            "end_min",
            "end_max",
        )
    )
    sources = source_map(Tenure, pk__in=[row[0] for row in held]) if held else {}
    return [
        {
            "post": post,
            "person": person,
            "name": name_in(names, lang),
            "state": seat_state or nationality,
            "certainty": holds_on(Bounds(*bounds), day).value,
            "sources": sources.get(pk, []),
        }
        for pk, post, person, names, seat_state, nationality, *bounds in held
    ]


def holder_list_on(*, body: str, day: dt.date, lang: str = "en") -> list[dict[str, Any]]:
    """Return who holds a post of `body` on `day`, certainly or possibly, one row per holder.

    Each row: {"post", "person", "name", "state", "certainty", "sources"}.
    """
    rows = _holder_rows(Tenure.objects.filter(post__organization__slug=body), day, lang)
    if not rows:
        organization_get(body)  # an unknown body is an error; a known one may have no holder that day
    return rows


def post_holder_list_on(*, post: str, day: dt.date, lang: str = "en") -> list[dict[str, Any]]:
    """Return who holds `post` on `day`, certainly or possibly (rows as holder_list_on)."""
    rows = _holder_rows(Tenure.objects.filter(post__slug=post), day, lang)
    if not rows:
        post_get(post)
    return rows


def holder_snapshot_on(*, day: dt.date, organization: str | None = None, lang: str = "en") -> list[tuple[Any, ...]]:
    """Return every holder of every post of the organization on `day`, as plain tuples.

    Each tuple: (body, post, person, name, certainty). The whole answer is
    computed by the database, with no model object per row, so that a snapshot
    of a large history stays cheap.
    """
    root = root_get(organization)
    certain = Q(start_max__lte=day, end_min__gt=day)
    return list(
        Tenure.objects.filter(dataset=root, **on_day(day))
        .annotate(
            name=KeyTextTransform(lang, "person__name"),
            certainty=Case(When(certain, then=Value("certain")), default=Value("possible"), output_field=CharField()),
        )
        .values_list("post__organization__slug", "post__slug", "person__slug", F("name"), "certainty")
        .order_by()
    )


def person_find(query: str) -> Person:
    """Return the person whose id is `query`, whose id begins with it, or whose name contains it."""
    person = Person.objects.filter(slug=query).first()
    if person is not None:
        return person
    by_id = list(Person.objects.filter(Q(slug__startswith=f"{query}-"))[:10])
    if len(by_id) == 1:
        return by_id[0]
    needle = query.casefold()
    by_name = by_id or [
        person
        for person in Person.objects.all()
        if any(
            needle in text.casefold()
            for text in (*person.name.values(), *person.full_name.values(), *person.other_names)
        )
    ]
    if not by_name:
        raise NotFound(f"no person {query!r} (give an id, such as sidorov-anatoly, or part of a name)")
    if len(by_name) > 1:
        ids = ", ".join(sorted(p.slug for p in by_name)[:10])
        raise Ambiguous(f"{query!r} names more than one person: {ids}")
    return by_name[0]


def person_detail(*, query: str, lang: str = "en") -> dict[str, Any]:
    """Return a person with every tenure and its bounds.

    {"id", "name", "names", "full_name", "other_names", "nationality", "ranks",
    "sources", "tenures": [{"post", "body", "title", "role", "from", "until",
    "attested", "start_min", "start_max", "end_min", "end_max", "sources"}]}
    """
    person = person_find(query)
    tenures = list(person.tenures.select_related("post", "post__organization").order_by("start_min", "id"))
    sources = source_map(Tenure, pk__in=[t.pk for t in tenures])
    person_sources = source_map(Person, pk=person.pk)
    return {
        "id": person.slug,
        "name": name_in(person.name, lang),
        "names": person.name,
        "full_name": person.full_name,
        "other_names": person.other_names,
        "nationality": person.nationality.code if person.nationality else None,
        "ranks": person.ranks,
        "sources": person_sources.get(person.pk, []),
        "tenures": [
            {
                "post": t.post.slug,
                "body": t.post.organization.slug,
                "title": name_in(t.post.title, lang),
                "role": name_in(t.role, lang) if t.role else None,
                "from": t.start or None,
                "until": t.end or None,
                "attested": t.attested,
                **bounds_json(t.bounds),
                "sources": sources.get(t.pk, []),
            }
            for t in tenures
        ],
    }
