"""What every selector shares: names in a language, sources, bounds as JSON, lookups."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models
from django.db.models import QuerySet

from csto_registry.records.access import Levels
from csto_registry.records.errors import NotFound
from csto_registry.records.models import Organization, Post
from csto_registry.timeline import EARLIEST, LATEST, Bounds, Why

M = TypeVar("M", bound=models.Model)

LANGUAGES = ("en", "ru")


def name_in(names: dict[str, str], lang: str) -> str:
    """Return the name in `lang`, falling back to English."""
    return names.get(lang) or names.get("en") or next(iter(names.values()), "")


def state_short_names(lang: str) -> dict[str, str]:
    """Every state's short name in `lang`, by code: what a page or a table shows where a record names a state."""
    from csto_registry.records.models import State

    return {
        code: name_in(short or name, lang) for code, name, short in State.objects.values_list("code", "name", "short")
    }


def post_titles(slugs: Iterable[str], lang: str) -> dict[str, str]:
    """The titles of the posts `slugs` names in `lang`, by id: what a table shows where a row names a post."""
    from csto_registry.records.models import Post

    return {
        slug: name_in(title, lang)
        for slug, title in Post.objects.filter(slug__in=set(slugs)).values_list("slug", "title")
    }


def source_map(model: type[models.Model], **owners: Any) -> dict[int, list[dict[str, str]]]:
    """Return the citations of the `model` records selected by `owners` (a filter), by record id."""
    through = model.sources.through
    owner = through._meta.get_field(model._meta.model_name).name
    links = (
        through.objects.filter(**{f"{owner}__{key}": value for key, value in owners.items()})
        .order_by("id")  # the order in which the dataset listed them
        .values_list(f"{owner}_id", "source__ref", "source__url", "source__quote")
    )
    result: dict[int, list[dict[str, str]]] = defaultdict(list)
    for owner_id, ref, url, quote in links:
        result[owner_id].append(citation_dict(ref, url, quote))
    return result


def citation_dict(ref: str, url: str, quote: str) -> dict[str, str]:
    """A citation as every interface shows it: {"ref", "quote"} or {"url", "quote"}."""
    return {"ref": ref, "quote": quote} if ref else {"url": url, "quote": quote}


def db_date(value: Any) -> dt.date:
    """A date as the database returns it: a date, or ISO text (SQLite through a raw cursor)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def day_or_null(day: dt.date) -> str | None:
    """Return a bound as YYYY-MM-DD, or None where it stands for no bound."""
    return None if day in (EARLIEST, LATEST) else day.isoformat()


def bounds_json(bounds: Bounds) -> dict[str, str | None]:
    return {
        "start_min": day_or_null(bounds.start_min),
        "start_max": day_or_null(bounds.start_max),
        "end_min": day_or_null(bounds.end_min),
        "end_max": day_or_null(bounds.end_max),
    }


def last_confirmed(*, end: str, attested: Any, start_max: Any) -> str | None:
    """Return the last day the sources confirm an open fact (one with no recorded end), or None.

    That is its latest attested day, or the last day its start may fall on (on
    that day it had certainly begun). A fact with a recorded end is not open:
    None. Values come as the database returns them (JSON text or a list; a date
    or ISO text).
    """
    if end:
        return None
    days = list(json.loads(attested) if isinstance(attested, str) else attested or [])
    start = start_max if isinstance(start_max, dt.date) or start_max is None else dt.date.fromisoformat(start_max)
    if start is not None and start not in (EARLIEST, LATEST):
        days.append(start.isoformat())
    return max(days) if days else None


def why_json(why: tuple[Why, str | None] | None) -> dict[str, str | None] | None:
    """Why a row is only possible, as the JSON rows carry it: {"reason", "date"} (timeline.why_possible)."""
    return None if why is None else {"reason": str(why[0]), "date": why[1]}


def tenure_dates(tenure: Any) -> dict[str, Any]:
    """A tenure's dates as the interfaces show them: as given, bounded, last confirmed, its term and note."""
    return {
        "from": tenure.start or None,
        "until": tenure.end or None,
        "attested": tenure.attested,
        **bounds_json(tenure.bounds),
        "last_confirmed": last_confirmed(end=tenure.end, attested=tenure.attested, start_max=tenure.start_max),
        "term_until": tenure.term_until or None,
        "note": tenure.note or None,
    }


# The certainty rule of timeline.holds_on, for a row already known to hold at least possibly
# (start_min <= day < end_max): certain when start_max <= day < end_min. Written in SQL where
# reading four dates per row into Python would cost more than the question (bench/README.md);
# tests/records/test_selectors.py checks it against holds_on.
CERTAINTY_SQL = "CASE WHEN x.start_max <= %s AND x.end_min > %s THEN 'certain' ELSE 'possible' END"


def on_day(day: dt.date) -> dict[str, dt.date]:
    """Return the filter of facts that hold on `day` at least possibly (an indexed range)."""
    return {"start_min__lte": day, "end_max__gt": day}


def root_get(slug: str | None = None) -> Organization:
    """Return a dataset's root organization: `slug`, or the only one, or the built-in CSTO."""
    roots = Organization.objects.filter(dataset__isnull=True)
    if slug is None:
        only = list(roots[:2])
        if len(only) == 1:
            return only[0]
        slug = "csto"
    root = roots.filter(slug=slug).first()
    if root is None:
        known = ", ".join(roots.values_list("slug", flat=True)) or "none"
        raise NotFound(f"no organization {slug!r} (known: {known})")
    return root


def organization_get(slug: str) -> Organization:
    """Return the organization or body with this id, written in any case (CMD is cmd) where that names one."""
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        matches = list(Organization.objects.filter(slug__iexact=slug)[:2])
        organization = matches[0] if len(matches) == 1 else None
    if organization is None:
        raise NotFound(f"no body {slug!r} (see `csto bodies` for the ids)")
    return organization


def post_get(slug: str) -> Post:
    """Return the post with this id, written in any case (cmd:rus is cmd:RUS) where that names one post."""
    posts = Post.objects.select_related("organization", "state")
    post = posts.filter(slug=slug).first()
    if post is None:
        matches = list(posts.filter(slug__iexact=slug)[:2])
        post = matches[0] if len(matches) == 1 else None
    if post is None:
        raise NotFound(f"no post {slug!r} (a seat is BODY:STATE, e.g. cmd:RUS; an office, e.g. secretary-general)")
    return post


def readable(queryset: QuerySet[M], levels: Levels) -> QuerySet[M]:
    """Keep the records a reader with `levels` may read (None: every record)."""
    return queryset if levels is None else queryset.filter(access__in=levels)


def source_list(*, limit: int | None = None, offset: int = 0) -> list[dict[str, str]]:
    """Return the cited sources (seed lines and public addresses), in the order they were first cited."""
    from csto_registry.records.models import Source

    rows = Source.objects.order_by("id").values_list("ref", "url", "quote")
    window = rows[offset : offset + limit] if limit is not None else rows[offset:]
    return [citation_dict(ref, url, quote) for ref, url, quote in window]
