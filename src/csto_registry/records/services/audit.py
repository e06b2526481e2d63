"""The audit trail: every write appends an entry chained by hash to the one before."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from csto_registry.records.models import AuditEntry

GENESIS = "0" * 64


def _digest(*, previous: str, at: dt.datetime, actor: str, action: str, record: str, before: Any, after: Any) -> str:
    body = json.dumps(
        [previous, at.isoformat(), actor, action, record, before, after],
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


def _plain(value: Any) -> Any:
    """Return a value as JSON would store it, so that the digest reads back the same."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder)) if value is not None else None


@transaction.atomic
def audit_append(*, actor: str, action: str, record: str, before: Any = None, after: Any = None) -> AuditEntry:
    """Append an entry to the audit trail: who, what, on which record, before and after."""
    last = AuditEntry.objects.select_for_update().order_by("-id").first()
    previous = last.digest if last else GENESIS
    at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    before, after = _plain(before), _plain(after)
    digest = _digest(previous=previous, at=at, actor=actor, action=action, record=record, before=before, after=after)
    return AuditEntry.objects.create(
        at=at, actor=actor, action=action, record=record, before=before, after=after, previous=previous, digest=digest
    )


def audit_verify() -> list[str]:
    """Check the chain from the first entry to the last; return one line per break (none: intact)."""
    problems = []
    previous = GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator():
        if entry.previous != previous:
            problems.append(f"entry {entry.pk}: does not follow the entry before it (one was removed or reordered)")
        expected = _digest(
            previous=entry.previous,
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            record=entry.record,
            before=entry.before,
            after=entry.after,
        )
        if expected != entry.digest:
            problems.append(f"entry {entry.pk}: its contents do not match its digest (it was edited)")
        previous = entry.digest
    return problems


def audit_entries(*, limit: int = 20) -> list[dict[str, Any]]:
    """The latest `limit` entries, newest first: {"id", "at", "actor", "action", "record"}."""
    return [
        {"id": e.pk, "at": e.at.isoformat(), "actor": e.actor, "action": e.action, "record": e.record}
        for e in AuditEntry.objects.order_by("-id")[: max(limit, 0)]
    ]
