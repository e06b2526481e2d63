"""The audit trail: a signed chain whose sealed head notices an edit, a forgery and a cut-off tail."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from django.db import connection
from django.test import override_settings

from csto_registry.records.models import AuditEntry
from csto_registry.records.services import audit
from csto_registry.records.services.accounts import user_add
from csto_registry.records.services.audit import audit_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail() -> list[int]:
    """Three more entries at the end of the trail; their numbers."""
    for name in ("au1", "au2", "au3"):
        user_add(username=name, role="secretariat", actor="test")
    return list(AuditEntry.objects.order_by("-id").values_list("pk", flat=True)[:3])[::-1]


def test_the_trail_is_intact_after_writes(trail: list[int]) -> None:
    assert audit_verify() == []
    assert trail == [trail[0], trail[0] + 1, trail[0] + 2]  # numbered in order, one after another


@pytest.mark.parametrize("removed", [1, 2])
def test_removing_the_last_entries_is_noticed(trail: list[int], removed: int) -> None:
    AuditEntry.objects.filter(pk__in=trail[-removed:]).delete()
    [problem] = audit_verify()
    assert f"the trail ends at entry {trail[-removed - 1]}" in problem
    assert f"its sealed head records entry {trail[-1]}" in problem


def test_removing_every_entry_is_noticed(trail: list[int]) -> None:
    AuditEntry.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE records_revision SET audit_entries = 0, audit_last = 0, audit_seal = '' WHERE id = 1")
    assert audit_verify() == [
        "the trail has no sealed head though the registry holds records: its entries were removed"
    ]


def test_renumbering_the_last_entry_is_noticed(trail: list[int]) -> None:
    AuditEntry.objects.filter(pk=trail[-1]).update(id=trail[-1] + 10)
    problems = audit_verify()
    assert any(f"entry {trail[-1] + 10}: its contents do not match its digest" in p for p in problems)


def test_a_forger_without_the_key_cannot_rebuild_the_chain(trail: list[int]) -> None:
    """Forge an actor, then recompute that entry's digest, the next links and the head: with a key of one's own."""
    forged_key = b"not-the-key"
    entries = list(AuditEntry.objects.filter(pk__gte=trail[0]).order_by("id"))
    entries[0].actor = "someone else"
    previous = entries[0].previous
    for entry in entries:
        entry.previous = previous
        entry.digest = hmac.new(forged_key, audit._body_of(entry), hashlib.sha256).hexdigest()
        AuditEntry.objects.filter(pk=entry.pk).update(actor=entry.actor, previous=entry.previous, digest=entry.digest)
        previous = entry.digest
    seal = audit._seal(forged_key, AuditEntry.objects.count(), entries[-1].pk, previous)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE records_revision SET audit_head = %s, audit_seal = %s WHERE id = 1", [previous, seal])
    problems = audit_verify()
    assert {f"entry {e.pk}: its contents do not match its digest" for e in entries} <= {
        p.split(" (")[0] for p in problems
    }
    assert "the sealed head does not match its seal (it was edited, or the audit key is another)" in problems


def test_an_edited_head_is_noticed(trail: list[int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE records_revision SET audit_entries = audit_entries - 1 WHERE id = 1")
    assert audit_verify() == ["the sealed head does not match its seal (it was edited, or the audit key is another)"]


def test_the_digest_is_keyed(trail: list[int]) -> None:
    entry = AuditEntry.objects.get(pk=trail[-1])
    assert entry.digest == hmac.new(
        audit.audit_key(), audit._body_of(entry), hashlib.sha256
    ).hexdigest()  # fmt: skip
    with override_settings(CSTO_AUDIT_KEY="another key of at least thirty-two characters"):
        assert audit_verify()  # another key: every entry fails


def test_a_removed_last_entry_stays_missing_after_later_writes(trail: list[int]) -> None:
    AuditEntry.objects.filter(pk=trail[-1]).delete()
    user_add(username="au4", role="secretariat", actor="test")  # takes the removed entry's number
    [problem] = audit_verify()
    assert f"the trail ends at entry {trail[-1]} ({AuditEntry.objects.count()} entries)" in problem
    assert f"({AuditEntry.objects.count() + 1} entries): entries at its end were removed or replaced" in problem
