"""Reads of who held which post, and of a person's tenures."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db import connection
from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.fields.json import KeyTextTransform

from csto_registry.records.errors import Ambiguous, NotFound
from csto_registry.records.models import Person, Post, Tenure
from csto_registry.records.selectors.common import (
    CERTAINTY_SQL,
    citation_dict,
    db_date,
    last_confirmed,
    name_in,
    on_day,
    organization_get,
    post_get,
    root_get,
    source_map,
    tenure_dates,
    why_json,
)
from csto_registry.records.selectors.vacancies import vacancy_rows_on
from csto_registry.timeline import Bounds, why_possible

_HOLDERS_SQL = """
SELECT x.id, p.slug, pe.slug, pe.name, ps.code, ns.code, {certainty}, x."end", x.attested, x.start_max, x.term_until,
       x.start, x.start_min, x.end_min, x.end_max, s.ref, s.url, s.quote
FROM records_tenure x
JOIN records_post p ON p.id = x.post_id
JOIN records_organization o ON o.id = p.organization_id
JOIN records_person pe ON pe.id = x.person_id
LEFT JOIN records_state ps ON ps.id = p.state_id
LEFT JOIN records_state ns ON ns.id = pe.nationality_id
LEFT JOIN records_tenure_sources l ON l.tenure_id = x.id
LEFT JOIN records_source s ON s.id = l.source_id
WHERE {where} AND x.start_min <= %s AND x.end_max > %s
ORDER BY p.position, x.start_min, x.id, l.id
"""


def _holder_rows(where: str, key: str | int, day: dt.date, lang: str) -> list[dict[str, Any]]:
    """Return the holder rows of the posts `where` selects, holding on `day`, with their citations.

    One fixed statement, rows and citations together: this is the question
    users ask most, and building two ORM querysets cost several times what the
    database spends answering it (bench/README.md). Names come back as JSON
    text (SQLite) or already decoded (PostgreSQL); dates as text or dates.
    """
    adapted = connection.ops.adapt_datefield_value(day)
    with connection.cursor() as cursor:
        sql = _HOLDERS_SQL.format(where=where, certainty=CERTAINTY_SQL)
        cursor.execute(sql, [adapted, adapted, key, adapted, adapted])
        fetched = cursor.fetchall()
    rows: list[dict[str, Any]] = []
    last = None
    for pk, post, person, names, seat_state, nationality, certainty, end, attested, start_max, term, *rest in fetched:
        start, start_min, end_min, end_max, ref, url, quote = rest
        if pk != last:
            last = pk
            names = json.loads(names) if isinstance(names, str) else names
            why = None
            if certainty == "possible":
                bounds = Bounds(*(db_date(d) for d in (start_min, start_max, end_min, end_max)))
                why = why_json(why_possible(bounds, day, start=start, end=end))
            rows.append(
                {
                    "post": post,
                    "person": person,
                    "name": name_in(names, lang),
                    "state": seat_state or nationality,
                    "certainty": certainty,
                    "last_confirmed": last_confirmed(end=end, attested=attested, start_max=start_max),
                    "term_until": term or None,
                    "why": why,
                    "sources": [],
                }
            )
        if quote is not None:
            rows[-1]["sources"].append(citation_dict(ref, url, quote))
    return rows


def holder_list_on(*, body: str, day: dt.date, lang: str = "en") -> list[dict[str, Any]]:
    """Return who holds a post of `body` on `day`, certainly or possibly, one row per holder, and after them a
    row for each post a source says was vacant that day (as post_holder_list_on).

    Each row: {"post", "person", "name", "state", "certainty", "sources"}.
    """
    rows = _holder_rows("o.slug = %s", body, day, lang)
    if not rows:
        # An unknown body is an error; a known one may have no holder that day, or be written in another case.
        canonical = organization_get(body).slug
        if canonical != body:
            body = canonical
            rows = _holder_rows("o.slug = %s", body, day, lang)
    return rows + vacancy_rows_on(body=body, day=day)


def post_holder_list_on(*, post: str, day: dt.date, lang: str = "en") -> list[dict[str, Any]]:
    """Return who holds `post` on `day`, certainly or possibly (rows as holder_list_on), and after them
    any vacancy a source records on that day (a row with "vacant": true and no person)."""
    rows = _holder_rows("p.slug = %s", post, day, lang)
    if not rows:
        canonical = post_get(post).slug  # refuses an unknown post; finds cmd:RUS for cmd:rus
        if canonical != post:
            post = canonical
            rows = _holder_rows("p.slug = %s", canonical, day, lang)
    return rows + vacancy_rows_on(post=post, day=day)


def office_holder_list_on(*, day: dt.date, organization: str | None = None, lang: str = "en") -> list[dict[str, Any]]:
    """Return who holds each single office of the organization (Secretary General, chiefs...) on `day`.

    Rows as holder_list_on, with "body" and "title" (of the post) added; the seats of states in
    councils are on each body's page.
    """
    rows = _holder_rows("x.dataset_id = %s AND p.single AND p.state_id IS NULL", root_get(organization).pk, day, lang)
    posts = Post.objects.filter(slug__in={r["post"] for r in rows}).values_list("slug", "organization__slug", "title")
    found = {slug: (body, name_in(title, lang) if title else slug) for slug, body, title in posts}
    return [row | {"body": found[row["post"]][0], "title": found[row["post"]][1]} for row in rows]


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
                **tenure_dates(t),
                "sources": sources.get(t.pk, []),
            }
            for t in tenures
        ],
    }
