"""The record's own gaps: stretches with no certain holder, stale open facts, and the coverage figure."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from csto_registry.records.models import Post, StateMembership, Tenure, Vacancy
from csto_registry.records.revision import cached_on_revision
from csto_registry.records.selectors.common import last_confirmed, name_in, root_get
from csto_registry.timeline import next_day

# The coverage figure of the issue tracker's "whole record" goal: the seats of the four councils
# for every state certainly a member, and the two single offices, on 1 January of each year
# 1995-2026 and on 2026-06-01. Another organization's dataset lacking these ids is measured
# over all its seats and single offices.
COVERAGE_BODIES = ("csc", "cfm", "cmd", "cssc")
COVERAGE_OFFICES = ("secretary-general", "joint-staff-chief")
COVERAGE_DAYS = (*(dt.date(year, 1, 1) for year in range(1995, 2027)), dt.date(2026, 6, 1))
STALE_AFTER = dt.timedelta(days=365)

Interval = tuple[dt.date, dt.date]  # [first day, first day after)


def _union(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[0] < i[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    result = []
    for s1, e1 in a:
        for s2, e2 in b:
            start, end = max(s1, s2), min(e1, e2)
            if start < end:
                result.append((start, end))
    return _union(result)


def _subtract(a: list[Interval], b: list[Interval]) -> list[Interval]:
    result = []
    for start, end in a:
        pieces = [(start, end)]
        for s2, e2 in b:
            pieces = [p for s, e in pieces for p in ((s, min(e, s2)), (max(s, e2), e)) if p[0] < p[1]]
        result.extend(pieces)
    return result


def _covers(intervals: list[Interval], day: dt.date) -> bool:
    return any(start <= day < end for start, end in intervals)


@cached_on_revision
def record_gaps(*, organization: str | None = None, today: dt.date, lang: str = "en") -> dict[str, Any]:
    """Return where the record falls short, up to `today`.

    {"organization", "today", "gaps": [{"post", "title", "body", "state",
    "from", "until"}], "stale": [{"post", "person", "name", "last_confirmed"}],
    "vacancies": [{"post", "from", "until", "note"}], "coverage": {"overall",
    "bodies": {body: {"certain", "vacant", "total", "share"}}, "missing":
    [{"day", "post"}]}}.

    A seat of a state (a post with a state and one holder at a time) should
    have a holder on every day the state is certainly a member and the body
    may exist; a single office from its body's founding, where the record dates
    it, else from its first holder's start. A gap is a
    stretch of such days with no certain holder and no certain vacancy (a
    stretch a source says had no holder: the record knows the answer there);
    `until` is exclusive, None: still open today. The coverage's share counts
    both: a day with a certain holder and a day certainly vacant. A fact is stale when it has no recorded end and its
    sources last confirm it more than a year before `today`.
    """
    root = root_get(organization)
    posts = list(Post.objects.filter(dataset=root, single=True).select_related("organization", "state"))
    tenures: defaultdict[int, list[Tenure]] = defaultdict(list)
    for tenure in Tenure.objects.filter(dataset=root, post__single=True).select_related("person"):
        tenures[tenure.post_id].append(tenure)
    member: defaultdict[int, list[Interval]] = defaultdict(list)
    for m in StateMembership.objects.filter(organization=root, status=StateMembership.Status.MEMBER):
        member[m.state_id].append((m.start_max, m.end_min))
    horizon = next_day(today)
    required: dict[int, list[Interval]] = {}
    for post in posts:
        held = tenures.get(post.pk, [])
        # Up to today, while the body may exist (from the earliest day its founding allows).
        window = _intersect([(post.organization.start_min, post.organization.end_max)], [(dt.date.min, horizon)])
        if post.state_id is not None:
            required[post.pk] = _intersect(_union(member[post.state_id]), window)
        elif post.organization.start_min > dt.date.min:  # the body's founding is dated: the office is owed from it
            required[post.pk] = window
        elif held:
            required[post.pk] = _intersect([(min(t.start_min for t in held), dt.date.max)], window)
        else:
            required[post.pk] = []
    certain = {p.pk: _union([(t.start_max, t.end_min) for t in tenures.get(p.pk, [])]) for p in posts}
    # A stretch a source says was vacant is known: no holder is owed in it.
    vacancies = list(Vacancy.objects.filter(dataset=root).select_related("post").order_by("start_min", "id"))
    vacant: defaultdict[int, list[Interval]] = defaultdict(list)
    for vacancy in vacancies:
        vacant[vacancy.post_id].append((vacancy.start_max, vacancy.end_min))
    known = {pk: _union(certain[pk] + vacant[pk]) for pk in certain}
    gaps = [
        {
            "post": post.slug,
            "title": name_in(post.title, lang),
            "body": post.organization.slug,
            "state": post.state.code if post.state else None,
            "from": start.isoformat(),
            "until": None if end >= horizon else end.isoformat(),
        }
        for post in posts
        for start, end in _subtract(required[post.pk], known[post.pk])
    ]
    stale = []
    for post in posts:
        for tenure in tenures.get(post.pk, []):
            confirmed = last_confirmed(end=tenure.end, attested=tenure.attested, start_max=tenure.start_max)
            # A holder whose successor is recorded has an end by succession: not an open fact.
            if (
                confirmed is not None
                and tenure.end_max == dt.date.max
                and confirmed < (today - STALE_AFTER).isoformat()
            ):
                stale.append(
                    {
                        "post": post.slug,
                        "person": tenure.person.slug,
                        "name": name_in(tenure.person.name, lang),
                        "last_confirmed": confirmed,
                    }
                )
    return {
        "organization": root.slug,
        "today": today.isoformat(),
        "gaps": gaps,
        "stale": stale,
        "vacancies": [
            {"post": v.post.slug, "from": v.start or None, "until": v.end or None, "note": v.note or None}
            for v in vacancies
        ],
        "coverage": _coverage(posts, required, certain, vacant, today),
    }


def _coverage(
    posts: list[Post],
    required: dict[int, list[Interval]],
    certain: dict[int, list[Interval]],
    vacant: dict[int, list[Interval]],
    today: dt.date,
) -> dict[str, Any]:
    """The share of (day, post) pairs that should have a holder and have a certain one, or a certain vacancy."""
    chosen = [
        p
        for p in posts
        if (p.state_id is not None and p.organization.slug in COVERAGE_BODIES)
        or (p.state_id is None and p.slug in COVERAGE_OFFICES)
    ] or posts
    counts: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # certain holder, total, vacant
    missing = []
    for day in (d for d in COVERAGE_DAYS if d <= today):
        for post in chosen:
            if not _covers(required[post.pk], day):
                continue
            counts[post.organization.slug][1] += 1
            if _covers(certain[post.pk], day):
                counts[post.organization.slug][0] += 1
            elif _covers(vacant[post.pk], day):
                counts[post.organization.slug][2] += 1
            else:
                missing.append({"day": day.isoformat(), "post": post.slug})
    covered, total, empty = (sum(c[i] for c in counts.values()) for i in range(3))
    return {
        "days": [d.isoformat() for d in COVERAGE_DAYS if d <= today],
        "overall": _share(covered, total, empty),
        "bodies": {body: _share(c, t, v) for body, (c, t, v) in sorted(counts.items())},
        "missing": missing,
    }


def _share(certain: int, total: int, vacant: int) -> dict[str, Any]:
    """A coverage figure: the days with a certain holder, those a source says were vacant, and their share."""
    share = round((certain + vacant) / total, 4) if total else None
    return {"certain": certain, "vacant": vacant, "total": total, "share": share}
