"""Reads of the record's revisions: each transaction that wrote, with when, who and what, from the audit trail.

Every write makes a new revision of the records (records.revision) and appends its entries to the audit
trail, each entry signed with the number of the revision it made. A revision is read back from those
entries: its time (its first entry's), its actors, and what it wrote. For a reader who holds no role the
answer says only how many records of each public kind (the structure: states, bodies, posts, people,
tenures, memberships, vacancies, sources, a dataset import) a revision wrote, and how many others; who
wrote, which records and how they changed are the Secretariat's (`full=True`), as the audit trail is.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Min

from csto_registry.records.errors import NotFound
from csto_registry.records.models import (
    AuditEntry,
    Case,
    Decision,
    Organization,
    Post,
    Session,
    State,
    StateMembership,
    Tenure,
    Vacancy,
)

# The kinds of record (the audit entry's "kind:id") whose writes any reader may count: the structure, which
# carries no access level, and whole-dataset imports.
PUBLIC_KINDS = frozenset(
    {"dataset", "state", "organization", "post", "person", "tenure", "statemembership", "vacancy", "source"}
)
LONGEST_LIST = 500


def _kind(record: str) -> str:
    return record.partition(":")[0] or record


def _change(entry: AuditEntry) -> str:
    """Whether the entry added, removed or changed its record (as its before and after say)."""
    if entry.before is None and entry.after is not None:
        return "added"
    if entry.after is None and entry.before is not None:
        return "removed"
    return "changed"


def _fields(entry: AuditEntry) -> list[str]:
    """The fields an entry changed: those whose values differ between its before and after."""
    before, after = entry.before, entry.after
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    return sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))


def _summary(entries: list[AuditEntry], *, full: bool) -> dict[str, Any]:
    kinds = Counter(_kind(e.record) for e in entries)
    public = {kind: n for kind, n in sorted(kinds.items()) if full or kind in PUBLIC_KINDS}
    summary: dict[str, Any] = {"writes": len(entries), "kinds": public}
    if not full:
        summary["other"] = len(entries) - sum(public.values())
    else:
        summary["actors"] = sorted({e.actor for e in entries})
        summary["actions"] = dict(sorted(Counter(e.action for e in entries).items()))
    return summary


def revision_list(*, limit: int = 20, offset: int = 0, full: bool = False) -> list[dict[str, Any]]:
    """The latest revisions, newest first: {"revision", "at", "writes", "kinds", "other" | "actors", "actions"}.

    `limit` is at most LONGEST_LIST. Revisions made before the trail numbered them are not listed.
    """
    limit = max(0, min(limit, LONGEST_LIST))
    heads = list(
        AuditEntry.objects.filter(revision__isnull=False)
        .values("revision")
        .annotate(at=Min("at"), n=Count("id"))
        .order_by("-revision")[offset : offset + limit]
    )
    numbers = [h["revision"] for h in heads]
    by_revision: dict[int, list[AuditEntry]] = {}
    for entry in AuditEntry.objects.filter(revision__in=numbers).order_by("id"):
        by_revision.setdefault(entry.revision or 0, []).append(entry)
    return [
        {"revision": h["revision"], "at": h["at"].isoformat(), **_summary(by_revision[h["revision"]], full=full)}
        for h in heads
    ]


def revision_detail(*, number: int, full: bool = False) -> dict[str, Any]:
    """One revision: its summary (as revision_list) and, for the Secretariat (`full`), each record it added,
    changed or removed: {"entries": [{"id", "at", "actor", "action", "record", "change", "fields"}]}."""
    # A number no 64-bit column can hold names no revision (and would be refused by PostgreSQL as out of range).
    entries = list(AuditEntry.objects.filter(revision=number).order_by("id")) if 0 < number < 2**63 else []
    if not entries:
        raise NotFound(f"no revision {number} in the audit trail (see `csto revisions`)")
    found: dict[str, Any] = {"revision": number, "at": entries[0].at.isoformat(), **_summary(entries, full=full)}
    if full:
        found["entries"] = [
            {
                "id": e.pk,
                "at": e.at.isoformat(),
                "actor": e.actor,
                "action": e.action,
                "record": e.record,
                "change": _change(e),
                "fields": _fields(e),
            }
            for e in entries
        ]
    return found


def _concerns(record: str) -> tuple[set[str], set[str]] | None:
    """The bodies and states a written record belongs to, as the record stands now; None for all of them
    (a dataset import rewrites every record of its organization). A record removed since maps to none."""
    kind, _, key = record.partition(":")
    if kind == "dataset":
        return None
    bodies: set[str] = set()
    states: set[str] = set()
    posts = []
    if kind in ("tenure", "vacancy") and key.isdigit():
        model = Tenure if kind == "tenure" else Vacancy
        posts = [
            row.post for row in model.objects.filter(pk=int(key)).select_related("post__organization", "post__state")
        ]
    elif kind == "post":
        posts = list(Post.objects.filter(slug=key).select_related("organization", "state"))
    for post in posts:
        bodies.add(post.organization.slug)
        if post.state:
            states.add(post.state.code)
    if kind == "statemembership" and key.isdigit():
        states |= set(StateMembership.objects.filter(pk=int(key)).values_list("state__code", flat=True))
    elif kind == "state":
        states.add(key)
    elif kind == "organization":
        bodies.add(key)
    elif kind == "decision":
        bodies |= set(Decision.objects.filter(slug=key).values_list("body__slug", flat=True))
    elif kind == "session":
        for body, state in Session.objects.filter(slug=key).values_list("body__slug", "state__code"):
            bodies.add(body)
            states |= {state} if state else set()
    elif kind == "case":
        states |= set(Case.objects.filter(slug=key).values_list("victim__code", flat=True))
    return bodies, states


def concerning_check(*, body: str | None, state: str | None) -> None:
    """Refuse a body or a state the record does not know."""
    if body is not None and not Organization.objects.filter(slug=body).exists():
        raise NotFound(f"no body {body!r}")
    if state is not None and not State.objects.filter(code=state).exists():
        raise NotFound(f"no state {state!r}")


def revisions_concerning(*, body: str | None = None, state: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """The latest revisions (as revision_list, for the public) that wrote a record of `body` or of `state`:
    a seat, a tenure or a vacancy of it, its membership, its sessions, decisions or cases, or a dataset import.

    Looked for among the latest LONGEST_LIST revisions; an unknown body or state is refused.
    """
    concerning_check(body=body, state=state)
    rows = revision_list(limit=LONGEST_LIST)
    numbers = [row["revision"] for row in rows]
    records: dict[int, set[str]] = {}
    for number, record in AuditEntry.objects.filter(revision__in=numbers).values_list("revision", "record"):
        records.setdefault(number, set()).add(record)
    chosen = []
    for row in rows:
        for record in records.get(row["revision"], ()):
            found = _concerns(record)
            if found is None or (body is not None and body in found[0]) or (state is not None and state in found[1]):
                chosen.append(row)
                break
        if len(chosen) >= limit:
            break
    return chosen
