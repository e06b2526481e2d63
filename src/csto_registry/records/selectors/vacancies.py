"""Reads of the stretches in which a source says a post had no holder."""

from __future__ import annotations

import datetime as dt
from typing import Any

from csto_registry.records.models import Post, Vacancy
from csto_registry.records.selectors.common import bounds_json, on_day, source_map, why_json
from csto_registry.timeline import Certainty, holds_on, why_possible


def vacancy_rows_on(*, day: dt.date, post: str | None = None, body: str | None = None) -> list[dict[str, Any]]:
    """The vacancies of `post` (or of every post of `body`) that hold on `day`, certainly or possibly, as rows
    beside its holders'.

    Each row: {"post", "vacant": True, "person": None, "name": None, "state",
    "certainty", "last_confirmed": None, "term_until": None, "why", "note",
    "sources"}.
    """
    chosen = {"post__slug": post} if post is not None else {"post__organization__slug": body}
    vacancies = list(
        Vacancy.objects.filter(**chosen, **on_day(day))
        .select_related("post__state")
        .order_by("post__position", "start_min", "id")
    )
    sources = source_map(Vacancy, pk__in=[v.pk for v in vacancies])
    rows = []
    for vacancy in vacancies:
        certainty = holds_on(vacancy.bounds, day)
        why = why_possible(vacancy.bounds, day, start=vacancy.start, end=vacancy.end)
        rows.append(
            {
                "post": vacancy.post.slug,
                "vacant": True,
                "person": None,
                "name": None,
                "state": vacancy.post.state.code if vacancy.post.state else None,
                "certainty": "certain" if certainty is Certainty.CERTAIN else "possible",
                "last_confirmed": None,
                "term_until": None,
                "why": why_json(why) if why else None,
                "note": vacancy.note or None,
                "sources": sources.get(vacancy.pk, []),
            }
        )
    return rows


def vacancy_history(posts: list[Post]) -> dict[int, list[dict[str, Any]]]:
    """Every vacancy of `posts`, in order of time, with its dates and bounds, by post id."""
    vacancies = list(Vacancy.objects.filter(post__in=posts).order_by("start_max", "start_min", "id"))
    sources = source_map(Vacancy, pk__in=[v.pk for v in vacancies])
    result: dict[int, list[dict[str, Any]]] = {}
    for vacancy in vacancies:
        result.setdefault(vacancy.post_id, []).append(
            {
                "from": vacancy.start or None,
                "until": vacancy.end or None,
                "attested": vacancy.attested,
                **bounds_json(vacancy.bounds),
                "note": vacancy.note or None,
                "sources": sources.get(vacancy.pk, []),
            }
        )
    return result
