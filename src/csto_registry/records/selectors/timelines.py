"""Reads for timeline charts: every period of a kind of fact, with its four bounds."""

from __future__ import annotations

from typing import Any

from csto_registry.records.models import StateMembership, Tenure
from csto_registry.records.selectors.common import bounds_json, name_in, root_get


def membership_timeline(*, organization: str | None = None, lang: str = "en") -> list[dict[str, Any]]:
    """Return each state with its status periods: {"state", "name", "periods": [{"status", bounds...}]}."""
    root = root_get(organization)
    states: dict[str, dict[str, Any]] = {}
    for m in (
        StateMembership.objects.filter(organization=root).select_related("state").order_by("state__code", "start_min")
    ):
        entry = states.setdefault(
            m.state.code, {"state": m.state.code, "name": name_in(m.state.short or m.state.name, lang), "periods": []}
        )
        entry["periods"].append(
            {"status": m.status, "from": m.start or None, "until": m.end or None, **bounds_json(m.bounds)}
        )
    return list(states.values())


def person_timeline(*, person: str, lang: str = "en") -> list[dict[str, Any]]:
    """Return a person's tenures as periods for a chart: {"label" (the post's title), "post", bounds...}."""
    return [
        {
            "label": name_in(t.post.title, lang) if t.post.title else t.post.slug,
            "post": t.post.slug,
            **bounds_json(t.bounds),
        }
        for t in Tenure.objects.filter(person__slug=person).select_related("post").order_by("start_min")
    ]


def body_timeline(*, body: str, lang: str = "en") -> list[dict[str, Any]]:
    """Return a body's posts, each with the tenures of its holders as periods: {"post", "title", "periods"}.

    Each period: {"label" (the holder's name), "person", bounds...}, oldest first.
    """
    posts: dict[str, dict[str, Any]] = {}
    tenures = (
        Tenure.objects.filter(post__organization__slug=body)
        .select_related("post", "person")
        .order_by("post__position", "post__id", "start_min", "id")
    )
    for t in tenures:
        entry = posts.setdefault(
            t.post.slug,
            {"post": t.post.slug, "title": name_in(t.post.title, lang) if t.post.title else t.post.slug, "periods": []},
        )
        entry["periods"].append(
            {"label": name_in(t.person.name, lang), "person": t.person.slug, **bounds_json(t.bounds)}
        )
    return list(posts.values())
