"""The data's revision: one row whose stamp every write changes, so a cache can tell a stale answer."""

from __future__ import annotations

from django.db import models


class Revision(models.Model):
    """The single row (id 1) that names the revision of the records.

    `number` counts the transactions that wrote; `stamp` is a fresh random value at each,
    so even a write that is rolled back and followed by another never brings a
    stamp back: an answer cached under a stamp is the answer for that stamp.
    """

    number = models.BigIntegerField(default=0)
    stamp = models.CharField(max_length=32, default="genesis")
    # The audit trail's head, sealed with the audit key (records.services.audit): a trail cut short no
    # longer ends where its head says. Database defaults, since the row is written with plain SQL.
    audit_entries = models.BigIntegerField(default=0, db_default=0)
    audit_last = models.BigIntegerField(default=0, db_default=0)
    audit_head = models.CharField(max_length=64, default="0" * 64, db_default="0" * 64)
    audit_seal = models.CharField(max_length=64, default="", db_default="")
    # The first revision the record's history (records.history) keeps whole: the one current when it began.
    history_from = models.BigIntegerField(null=True, blank=True)
    # True only while an import writes the history itself, in bulk (records.history.history_in_bulk).
    history_quiet = models.BooleanField(default=False, db_default=False)

    def __str__(self) -> str:
        return f"revision {self.number} ({self.stamp})"
