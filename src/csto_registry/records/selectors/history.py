"""Reads of a post's history: its holders in order, each with who preceded and succeeded them."""

from __future__ import annotations

import itertools
from typing import Any

from csto_registry.records.models import Post, Tenure
from csto_registry.records.selectors.common import name_in, organization_get, post_get, source_map, tenure_dates
from csto_registry.records.selectors.vacancies import vacancy_history


def post_history(*, post: str, lang: str = "en") -> dict[str, Any]:
    """Return a post and its holders in order of time, with their bounds.

    {"post", "title", "body", "state", "single", "holders": [{"person", "name",
    "role", "from", "until", "attested", "start_min", "start_max", "end_min",
    "end_max", "last_confirmed", "term_until", "note", "preceded_by",
    "succeeded_by", "sources"}], "vacancies": [{"from", "until", "attested",
    "start_min", "start_max", "end_min", "end_max", "note", "sources"}]}. The
    order is that of the latest possible start (the day by which each holder
    had certainly begun), then the earliest; preceded_by and succeeded_by name
    the neighbouring holders' ids (None at either end), and only for a post
    with one holder at a time. Vacancies are the stretches a source says the
    post had no holder.
    """
    return _histories([post_get(post)], lang)[0]


def body_history(*, body: str, lang: str = "en") -> list[dict[str, Any]]:
    """Return the history (as post_history) of every post of a body, in the body's order of posts."""
    posts = Post.objects.filter(organization=organization_get(body)).select_related("organization", "state")
    return _histories(list(posts), lang)


def _histories(posts: list[Post], lang: str) -> list[dict[str, Any]]:
    """The histories of `posts`, their tenures and citations read once for all of them."""
    tenures = list(Tenure.objects.filter(post__in=posts).select_related("person"))
    sources = source_map(Tenure, pk__in=[t.pk for t in tenures])
    by_post: dict[int, list[Tenure]] = {}
    for tenure in sorted(tenures, key=lambda t: (t.start_max, t.start_min, t.pk)):
        by_post.setdefault(tenure.post_id, []).append(tenure)
    vacancies = vacancy_history(posts)
    return [
        _history(post, by_post.get(post.pk, []), sources, lang) | {"vacancies": vacancies.get(post.pk, [])}
        for post in posts
    ]


def _history(post: Post, tenures: list[Tenure], sources: dict[int, list[dict[str, str]]], lang: str) -> dict[str, Any]:
    holders = [
        {
            "person": t.person.slug,
            "name": name_in(t.person.name, lang),
            "role": name_in(t.role, lang) if t.role else None,
            **tenure_dates(t),
            "preceded_by": None,
            "succeeded_by": None,
            "sources": sources.get(t.pk, []),
        }
        for t in tenures
    ]
    if post.single:
        for earlier, later in itertools.pairwise(holders):
            earlier["succeeded_by"] = later["person"]
            later["preceded_by"] = earlier["person"]
    return {
        "post": post.slug,
        "title": name_in(post.title, lang),
        "body": post.organization.slug,
        "state": post.state.code if post.state else None,
        "single": post.single,
        "holders": holders,
    }


def occupants_in_order(history: dict[str, Any]) -> list[dict[str, Any]]:
    """A post's holders and vacancies (rows with "vacant": true, no person) in one order of time, as a table
    of the seat shows them."""
    rows = history["holders"] + [v | {"vacant": True} for v in history["vacancies"]]
    # The holders' own order (post_history): by the latest possible start, then the earliest; a start that is
    # never certain (no bound: null) comes last, an unbounded earliest start first.
    return sorted(rows, key=lambda row: (row["start_max"] or "9999-12-31", row["start_min"] or "0001-01-01"))
