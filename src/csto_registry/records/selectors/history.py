"""Reads of a post's history: its holders in order, each with who preceded and succeeded them."""

from __future__ import annotations

import itertools
from typing import Any

from csto_registry.records.models import Post, Tenure
from csto_registry.records.selectors.common import bounds_json, last_confirmed, name_in, post_get, source_map


def post_history(*, post: str, lang: str = "en") -> dict[str, Any]:
    """Return a post and its holders in order of time, with their bounds.

    {"post", "title", "body", "state", "single", "holders": [{"person", "name",
    "role", "from", "until", "start_min", "start_max", "end_min", "end_max",
    "last_confirmed", "term_until", "note", "preceded_by", "succeeded_by",
    "sources"}]}. The order is that of the latest possible start (the day by
    which each holder had certainly begun), then the earliest; preceded_by and
    succeeded_by name the neighbouring holders' ids (None at either end), and
    only for a post with one holder at a time.
    """
    found = post_get(post)
    return _history(found, lang)


def body_history(*, body: str, lang: str = "en") -> list[dict[str, Any]]:
    """Return the history (as post_history) of every post of a body, in the body's order of posts."""
    from csto_registry.records.selectors.common import organization_get

    organization = organization_get(body)
    posts = Post.objects.filter(organization=organization).select_related("organization", "state")
    return [_history(p, lang) for p in posts]


def _history(post: Post, lang: str) -> dict[str, Any]:
    tenures = sorted(
        Tenure.objects.filter(post=post).select_related("person"),
        key=lambda t: (t.start_max, t.start_min, t.pk),
    )
    sources = source_map(Tenure, pk__in=[t.pk for t in tenures])
    holders = [
        {
            "person": t.person.slug,
            "name": name_in(t.person.name, lang),
            "role": name_in(t.role, lang) if t.role else None,
            "from": t.start or None,
            "until": t.end or None,
            **bounds_json(t.bounds),
            "last_confirmed": last_confirmed(end=t.end, attested=t.attested, start_max=t.start_max),
            "term_until": t.term_until or None,
            "note": t.note or None,
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
