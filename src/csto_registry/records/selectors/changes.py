"""What changed between two days: every change in an organization's record, from the records' own bounds.

A change happens on a day d when the record on d differs from the record on the day before: a fact
starts on its first day (its start lies in [start_min, start_max]) and ends on the first day it no
longer holds ([end_min, end_max]); a dated event happens on a day of its date's span. The window from
D1 to D2 holds the changes on the days D1 < d <= D2, so that they carry the record of D1 into the record
of D2. A change is certain when every day it may fall on is inside the window, possible when only some
are; one whose span reaches past the window on both sides is not listed (the record places it no more
inside the window than outside, and what the record says of the fact is the same on D1 and on D2).
Nothing is stored twice: the changes are read from the same rows, with the same bounds, as every other
answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from csto_registry.records.access import Levels
from csto_registry.records.errors import InvalidInput
from csto_registry.records.models import (
    Case,
    Chairmanship,
    Decision,
    Force,
    Instrument,
    InstrumentEvent,
    Operation,
    Organization,
    Person,
    Post,
    Session,
    StateMembership,
    Tenure,
)
from csto_registry.records.selectors.common import (
    day_or_null,
    name_in,
    organization_get,
    readable,
    root_get,
    source_map,
)
from csto_registry.timeline import edtf_span, next_day

# The kinds of change, in the order a reader expects them on one day (an end before the start that follows it).
KINDS = (
    "status-ends",
    "status-begins",
    "leaves-office",
    "takes-office",
    "body-dissolved",
    "body-founded",
    "chair-passes",
    "instrument",
    "session",
    "operation-ends",
    "operation-begins",
    "force-disbanded",
    "force-formed",
    "case-opens",
    "decision-adopted",
    "case-closes",
)
# A window longer than this would list most of the record: refused, so no request ties up a worker; and so
# is one in which more than MOST_CHANGES tenures may begin or end (counted first, stopping at the bound).
LONGEST_WINDOW = dt.timedelta(days=366 * 100)
MOST_CHANGES = 100_000


def _overlapping(prefix: str, first: dt.date, last: dt.date) -> Q:
    """Facts whose start (prefix "start") or end ("end") may fall on a day in [first, last]."""
    return Q(**{f"{prefix}_min__lte": last, f"{prefix}_max__gte": first})


def _listed(earliest: dt.date, latest: dt.date, first: dt.date, last: dt.date) -> bool:
    """Whether a change that falls on a day of [earliest, latest] is listed in the window [first, last]:
    it may fall inside, and its span begins or ends inside (it changes what the record says)."""
    return earliest <= last and latest >= first and (first <= earliest or latest <= last)


def _change(
    kind: str, earliest: dt.date, latest: dt.date, given: str | None, window: tuple[dt.date, dt.date]
) -> dict[str, Any]:
    """The fields every change has: kind, its day as the source gives it and its span, its certainty."""
    first, last = window
    return {
        "kind": kind,
        "date": given or (earliest.isoformat() if earliest == latest else None),
        "earliest": day_or_null(earliest),
        "latest": day_or_null(latest),
        "certainty": "certain" if first <= earliest and latest <= last else "possible",
    }


def _edges(
    rows: QuerySet[Any], window: tuple[dt.date, dt.date], begins: str, ends: str | None
) -> Iterator[tuple[Any, dict[str, Any]]]:
    """The starts and ends of temporal `rows` that may fall in the window (a start is its first day; an end
    the first day without it); `ends` None: only the starts (a chair's end is the next chair's start)."""
    first, last = window
    for row in rows.filter(_overlapping("start", first, last) | _overlapping("end", first, last)):
        facts = {"from": row.start or None, "until": row.end or None}
        if _listed(row.start_min, row.start_max, first, last):
            yield row, _change(begins, row.start_min, row.start_max, row.start or None, window) | facts
        if ends is not None and _listed(row.end_min, row.end_max, first, last):
            yield row, _change(ends, row.end_min, row.end_max, row.end or None, window) | facts


def _cited(
    model: type[Any], found: list[tuple[Any, dict[str, Any]]], fields: Callable[[Any], dict[str, Any]]
) -> list[dict[str, Any]]:
    """Each change of `found` (record, change) with its record's fields and its record's citations."""
    sources = source_map(model, pk__in=[record.pk for record, _ in found])
    return [change | fields(record) | {"sources": sources.get(record.pk, [])} for record, change in found]


def changes_between(
    *,
    start: dt.date,
    end: dt.date,
    organization: str | None = None,
    body: str | None = None,
    state: str | None = None,
    lang: str = "en",
    levels: Levels = None,
) -> dict[str, Any]:
    """Return every change in the record after `start` and up to `end` (start < day <= end), in date order.

    {"organization", "from", "to", "changes": [{"kind", "date", "earliest", "latest", "certainty",
    "state", "body", "post", "person", "name", "status", "instrument", "event", "session",
    "operation", "force", "case", "decision", "predecessor", "successor", "title", "from", "until",
    "sources"}]} where each change carries the fields its kind has (the others are absent): a holder's
    change names the holder before or after on a post with one holder at a time ({"person", "name"}),
    and a fact's change its `from` and `until` as recorded. `body` keeps the changes of that body (its seats,
    sessions and its own founding); `state` those of that state (its status, its seats, the
    instruments' steps it took, the sessions it hosted, the chair it held).
    """
    if end <= start:
        raise InvalidInput(f"to={end}: must be after from={start}")
    if end - start > LONGEST_WINDOW:
        raise InvalidInput(f"from={start} to={end}: a window of at most 100 years")
    root = root_get(organization)
    scope = organization_get(body) if body else None
    code = state.upper() if state else None
    window = (next_day(start), end)
    changes: list[dict[str, Any]] = []
    if scope is None:
        changes += _memberships(root, window, code, lang)
    changes += _tenures(root, window, scope, code, lang)
    if code is None:  # a body's founding is no state's change
        changes += _bodies(root, window, scope, lang)
    if scope is None or scope.pk == root.pk:
        changes += _chairs(root, window, code, lang)
        changes += _instrument_steps(root, window, code, lang, levels)
        if code is None:
            changes += _operations(root, window, lang, levels)
            changes += _forces(root, window, lang, levels)
        changes += _cases(root, window, code, lang, levels)
    changes += _decisions(root, window, scope, lang, levels) if code is None else []
    changes += _sessions(root, window, scope, code, lang, levels)
    order = {kind: i for i, kind in enumerate(KINDS)}
    # By the first day a change may fall on (the last, where its start is open), then the last.
    changes.sort(
        key=lambda c: (c["earliest"] or c["latest"], c["latest"] or "9999", order[c["kind"]], c.get("post") or "")
    )
    return {"organization": root.slug, "from": start.isoformat(), "to": end.isoformat(), "changes": changes}


def _memberships(root: Organization, window: tuple[dt.date, dt.date], code: str | None, lang: str) -> list[Any]:
    rows = StateMembership.objects.filter(organization=root).select_related("state")
    if code:
        rows = rows.filter(state__code=code)
    found = list(_edges(rows, window, "status-begins", "status-ends"))
    return _cited(
        StateMembership,
        found,
        lambda m: {"state": m.state.code, "name": name_in(m.state.name, lang), "status": m.status},
    )


def _tenures(
    root: Organization, window: tuple[dt.date, dt.date], scope: Organization | None, code: str | None, lang: str
) -> list[Any]:
    rows = Tenure.objects.filter(dataset=root)
    if scope is not None and scope.pk != root.pk:
        rows = rows.filter(post__organization=scope)
    if code:
        rows = rows.filter(Q(post__state__code=code) | Q(post__state__isnull=True, person__nationality__code=code))
    first, last = window
    edging = rows.filter(_overlapping("start", first, last) | _overlapping("end", first, last))
    if edging[: MOST_CHANGES + 1].count() > MOST_CHANGES:
        raise InvalidInput(
            f"from={first - dt.timedelta(days=1)} to={last}: more than {MOST_CHANGES:,} tenures may begin or end"
            " in this window; ask a shorter one, or one body or state"
        )
    # Only the dates and keys: a change needs no tenure's JSON (its role, attested days, note). The window's
    # tenures are found once; what else is read about them is read by their ids, a chunk at a time.
    found = list(_edges(rows.values_list(*_TENURE_FIELDS, named=True), window, "takes-office", "leaves-office"))
    tenure_ids = sorted({t.id for t, _ in found})
    post_ids = sorted({t.post_id for t, _ in found})
    posts = {
        pk: (slug, title, body, state)
        for ids in _chunks(post_ids)
        for pk, slug, title, body, state in Post.objects.filter(pk__in=ids).values_list(
            "pk", "slug", "title", "organization__slug", "state__code"
        )
    }
    neighbours = _neighbours(post_ids, set(tenure_ids))
    people = sorted({t.person_id for t, _ in found} | {p for pair in neighbours.values() for p in pair if p})
    names, shown = {}, {}
    for ids in _chunks(people):
        for pk, slug, name in Person.objects.filter(pk__in=ids).values_list("pk", "slug", "name"):
            names[pk], shown[pk] = slug, name_in(name, lang)
    sources = {k: v for ids in _chunks(tenure_ids) for k, v in source_map(Tenure, pk__in=ids).items()}

    def someone(pk: int | None) -> dict[str, str] | None:
        return None if pk is None else {"person": names[pk], "name": shown[pk]}

    result = []
    for t, change in found:
        slug, title, body, state = posts[t.post_id]
        before, after = neighbours.get(t.id, (None, None))
        result.append(
            change
            | {
                "post": slug,
                "title": name_in(title, lang),
                "body": body,
                "state": state,
                "person": names[t.person_id],
                "name": shown[t.person_id],
                "predecessor": someone(before) if change["kind"] == "takes-office" else None,
                "successor": someone(after) if change["kind"] == "leaves-office" else None,
                "sources": sources.get(t.id, []),
            }
        )
    return result


_TENURE_FIELDS = ("id", "post_id", "person_id", "start", "end", "start_min", "start_max", "end_min", "end_max")
CHUNK = 500  # ids per query: well under every database's limit on parameters
# Who came before and after each tenure on a post with one holder at a time: the holders in the order of
# post_history (the day by which each had certainly begun, then the earliest), read by the database.
_NEIGHBOURS_SQL = """
SELECT t.id, LAG(t.person_id) OVER w, LEAD(t.person_id) OVER w
FROM records_tenure t JOIN records_post p ON p.id = t.post_id
WHERE p.single AND t.post_id IN ({posts})
WINDOW w AS (PARTITION BY t.post_id ORDER BY t.start_max, t.start_min, t.id)
"""


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _neighbours(post_ids: list[int], wanted: set[int]) -> dict[int, tuple[int | None, int | None]]:
    found: dict[int, tuple[int | None, int | None]] = {}
    with connection.cursor() as cursor:
        for ids in _chunks(post_ids):
            cursor.execute(_NEIGHBOURS_SQL.format(posts=", ".join(["%s"] * len(ids))), ids)
            found.update((pk, (before, after)) for pk, before, after in cursor.fetchall() if pk in wanted)
    return found


def _bodies(root: Organization, window: tuple[dt.date, dt.date], scope: Organization | None, lang: str) -> list[Any]:
    rows = Organization.objects.filter(Q(dataset=root) | Q(pk=root.pk))
    if scope is not None:
        rows = rows.filter(pk=scope.pk)
    found = list(_edges(rows, window, "body-founded", "body-dissolved"))
    return _cited(Organization, found, lambda o: {"body": o.slug, "name": name_in(o.name, lang)})


def _chairs(root: Organization, window: tuple[dt.date, dt.date], code: str | None, lang: str) -> list[Any]:
    rows = Chairmanship.objects.filter(dataset=root).select_related("state", "organization")
    if code:
        rows = rows.filter(state__code=code)
    found = list(_edges(rows, window, "chair-passes", None))
    return _cited(
        Chairmanship,
        found,
        lambda c: {"body": c.organization.slug, "state": c.state.code, "name": name_in(c.state.name, lang)},
    )


def _instrument_steps(
    root: Organization, window: tuple[dt.date, dt.date], code: str | None, lang: str, levels: Levels
) -> list[Any]:
    first, last = window
    rows = InstrumentEvent.objects.filter(
        instrument__in=readable(Instrument.objects.filter(dataset=root), levels), day_min__lte=last, day_max__gte=first
    ).select_related("instrument", "state")
    if code:
        rows = rows.filter(state__code=code)
    found = [
        (e, _change("instrument", e.day_min, e.day_max, e.date or None, window))
        for e in rows
        if _listed(e.day_min, e.day_max, first, last)
    ]
    return _cited(
        InstrumentEvent,
        found,
        lambda e: {
            "instrument": e.instrument.slug,
            "title": name_in(e.instrument.title, lang),
            "event": e.kind,
            "state": e.state.code if e.state else None,
        },
    )


def _sessions(
    root: Organization,
    window: tuple[dt.date, dt.date],
    scope: Organization | None,
    code: str | None,
    lang: str,
    levels: Levels,
) -> list[Any]:
    first, last = window
    rows = readable(Session.objects.filter(dataset=root), levels).select_related("body", "state")
    rows = rows.filter(start_min__lte=last, start_max__gte=first)
    if scope is not None and scope.pk != root.pk:
        rows = rows.filter(body=scope)
    if code:
        rows = rows.filter(state__code=code)
    found = [
        (s, _change("session", s.start_min, s.start_max, s.start or None, window))
        for s in rows
        if _listed(s.start_min, s.start_max, first, last)
    ]
    return _cited(
        Session,
        found,
        lambda s: {
            "session": s.slug,
            "body": s.body.slug,
            "name": name_in(s.body.name, lang),
            "state": s.state.code if s.state else None,
            "event": s.kind,
        },
    )


def _operations(root: Organization, window: tuple[dt.date, dt.date], lang: str, levels: Levels) -> list[Any]:
    found = list(
        _edges(readable(Operation.objects.filter(dataset=root), levels), window, "operation-begins", "operation-ends")
    )
    return _cited(Operation, found, lambda o: {"operation": o.slug, "name": name_in(o.name, lang)})


def _forces(root: Organization, window: tuple[dt.date, dt.date], lang: str, levels: Levels) -> list[Any]:
    found = list(
        _edges(readable(Force.objects.filter(dataset=root), levels), window, "force-formed", "force-disbanded")
    )
    return _cited(Force, found, lambda f: {"force": f.slug, "name": name_in(f.name, lang)})


def _cases(
    root: Organization, window: tuple[dt.date, dt.date], code: str | None, lang: str, levels: Levels
) -> list[Any]:
    """A crisis-response case opens on its appeal's day and closes on its end's (EDTF, as recorded)."""
    first, last = window
    rows = readable(Case.objects.filter(dataset=root), levels).select_related("victim")
    if code:
        rows = rows.filter(victim__code=code)
    found = []
    for case in rows:
        for kind, given in (("case-opens", case.opened), ("case-closes", case.closed)):
            if not given:
                continue
            span = edtf_span(given)
            if _listed(span.first, span.last, first, last):
                found.append((case, _change(kind, span.first, span.last, given, window)))
    return _cited(Case, found, lambda c: {"case": c.slug, "state": c.victim.code, "name": name_in(c.victim.name, lang)})


def _decisions(
    root: Organization, window: tuple[dt.date, dt.date], scope: Organization | None, lang: str, levels: Levels
) -> list[Any]:
    """A decision of the workflow is adopted on its day of adoption."""
    first, last = window
    rows = readable(Decision.objects.filter(dataset=root, adopted_on__gte=first, adopted_on__lte=last), levels)
    if scope is not None and scope.pk != root.pk:
        rows = rows.filter(body=scope)
    found = list(rows.select_related("body"))
    return [
        _change("decision-adopted", d.adopted_on, d.adopted_on, d.adopted_on.isoformat(), window)
        | {"decision": d.slug, "body": d.body.slug, "title": name_in(d.title, lang), "sources": []}
        for d in found
        if d.adopted_on is not None
    ]
