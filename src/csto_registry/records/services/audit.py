"""The audit trail: every write appends an entry chained to the one before and signed with the audit key.

Each entry's digest is an HMAC-SHA256, under the audit key (records.audit_key),
of its number, its contents and the digest of the entry before it; the
revision row keeps the trail's head (how many entries, the last one's number
and digest) with a seal under the same key. `audit_verify` walks the chain and
compares its end with the head.

What this protects against: anyone who can change the database but does not
hold the key. An edited, inserted, reordered or renumbered entry breaks its
digest or the next entry's link; removing the last entries (or all of them)
leaves a trail shorter than its sealed head; rebuilding the chain or the head
after a forgery needs the key. What it does not protect against: someone who
holds the key (it lives outside the database, in CSTO_AUDIT_KEY or the file
CSTO_AUDIT_KEY_FILE, so keep it apart from the database's backups), or the
restore of an earlier copy of both the trail and the revision row together;
and it records writes, it does not prevent them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

from csto_registry.records.models import AuditEntry, Organization
from csto_registry.records.revision import revision_number, write_transaction

GENESIS = "0" * 64


def audit_key() -> bytes:
    """The key the trail is signed with: settings.CSTO_AUDIT_KEY, or the key file (made on first use)."""
    configured = getattr(settings, "CSTO_AUDIT_KEY", "")
    if configured:
        return str(configured).encode()
    path = Path(settings.CSTO_AUDIT_KEY_FILE)
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_bytes().strip()
    with os.fdopen(fd, "w") as file:
        file.write(os.urandom(32).hex() + "\n")
    return path.read_bytes().strip()


def _body(
    *,
    number: int,
    previous: str,
    at: dt.datetime,
    actor: str,
    action: str,
    record: str,
    before: Any,
    after: Any,
    revision: int | None = None,
) -> bytes:
    """The bytes an entry's digest signs (its revision too, where the entry has one)."""
    values = [number, previous, at.isoformat(), actor, action, record, before, after]
    if revision is not None:
        values.append(revision)
    return json.dumps(values, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _body_of(entry: AuditEntry) -> bytes:
    """The bytes a stored entry's digest signs."""
    names = ("at", "actor", "action", "record", "before", "after", "revision")
    contents = {name: getattr(entry, name) for name in names}
    return _body(number=entry.pk, previous=entry.previous, **contents)


def _sign(key: bytes, body: bytes) -> str:
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def _seal(key: bytes, entries: int, last: int, head: str) -> str:
    return _sign(key, f"audit-head:{entries}:{last}:{head}".encode())


def _plain(value: Any) -> Any:
    """Return a value as JSON would store it, so that the digest reads back the same."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder)) if value is not None else None


_HEAD = "SELECT audit_entries, audit_last, audit_head, audit_seal FROM records_revision WHERE id = 1"
_SET_HEAD = (
    "UPDATE records_revision SET audit_entries = %s, audit_last = %s, audit_head = %s, audit_seal = %s WHERE id = 1"
)


def _head() -> tuple[int, int, str, str]:
    with connection.cursor() as cursor:
        cursor.execute(_HEAD)
        row = cursor.fetchone()
    return (int(row[0]), int(row[1]), str(row[2]), str(row[3])) if row else (0, 0, GENESIS, "")


@write_transaction  # the revision row's lock first: one append at a time, so no two entries follow the same one
def audit_append(*, actor: str, action: str, record: str, before: Any = None, after: Any = None) -> AuditEntry:
    """Append an entry to the audit trail: who, what, on which record, before and after; move the sealed head.

    The entry's number is the last one's plus one, and the head's count is carried
    on from the head, not counted: entries removed before an append stay missing.
    """
    entries, _, _, _ = _head()
    last = AuditEntry.objects.order_by("-id").first()
    previous = last.digest if last else GENESIS
    number = (last.pk if last else 0) + 1
    at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    before, after = _plain(before), _plain(after)
    fields = {"at": at, "actor": actor, "action": action, "record": record, "before": before, "after": after}
    fields["revision"] = revision_number()  # the one this transaction makes (write_transaction took it)
    key = audit_key()
    digest = _sign(key, _body(number=number, previous=previous, **fields))
    entry = AuditEntry.objects.create(id=number, previous=previous, digest=digest, **fields)
    with connection.cursor() as cursor:
        cursor.execute(_SET_HEAD, [entries + 1, number, digest, _seal(key, entries + 1, number, digest)])
    return entry


def audit_verify() -> list[str]:
    """Check the chain from the first entry to the last, and its end against the sealed head.

    Returns one line per break (none: intact).
    """
    problems = []
    previous, count, last = GENESIS, 0, 0
    key = audit_key()
    for entry in AuditEntry.objects.order_by("id").iterator():
        if entry.previous != previous:
            problems.append(f"entry {entry.pk}: does not follow the entry before it (one was removed or reordered)")
        expected = _sign(key, _body_of(entry))
        if not hmac.compare_digest(expected, entry.digest):
            problems.append(
                f"entry {entry.pk}: its contents do not match its digest (it was edited or renumbered,"
                " or the audit key is not the one it was signed with)"
            )
        previous, count, last = entry.digest, count + 1, entry.pk
    entries, head_last, head, seal = _head()
    if entries == 0 and not seal:
        if count or Organization.objects.exists():
            problems.append(
                "the trail has no sealed head though the registry holds records: its entries were removed"
                if not count
                else f"the trail holds {count} entries but no sealed head records them"
            )
        return problems
    if not hmac.compare_digest(seal, _seal(key, entries, head_last, head)):
        problems.append("the sealed head does not match its seal (it was edited, or the audit key is another)")
    elif (entries, head_last, head) != (count, last, previous):
        problems.append(
            f"the trail ends at entry {last} ({count} entries), but its sealed head records entry {head_last}"
            f" ({entries} entries): entries at its end were removed or replaced"
        )
    return problems


def audit_entries(*, limit: int = 20) -> list[dict[str, Any]]:
    """The latest `limit` entries, newest first: {"id", "at", "actor", "action", "record"}."""
    return [
        {"id": e.pk, "at": e.at.isoformat(), "actor": e.actor, "action": e.action, "record": e.record}
        for e in AuditEntry.objects.order_by("-id")[: max(limit, 0)]
    ]
