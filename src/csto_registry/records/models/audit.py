"""The audit trail: an append-only, hash-chained log of every write."""

from __future__ import annotations

from django.db import models


class AuditEntry(models.Model):
    """One write: who, when, what, with the record before and after; chained to the entry before it."""

    at = models.DateTimeField()
    actor = models.CharField(max_length=150)
    action = models.CharField(max_length=80)
    record = models.CharField(max_length=200, help_text="kind:id of the record written.")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    previous = models.CharField(max_length=64, help_text="The hash of the entry before, or 64 zeros.")
    digest = models.CharField(
        max_length=64, unique=True, help_text="HMAC-SHA256, under the audit key, of this entry and the previous hash."
    )
    # The records' revision the write made (every transaction that writes makes one); signed with the entry.
    # Null for an entry written before revisions were numbered in the trail.
    revision = models.BigIntegerField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.record}"
